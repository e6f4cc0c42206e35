//! The file name an export is saved under.

use crate::case::Case;

/// `<ticket-id>-handoff.<ext>`, with anything unsafe in a file name replaced.
pub fn file_name(case: &Case, ext: &str) -> String {
    let id = [
        case.notification.ticket_id.as_str(),
        case.report.header.alert_id.as_str(),
        case.id.as_str(),
    ]
    .into_iter()
    .map(str::trim)
    .find(|s| !s.is_empty())
    .unwrap_or("case");
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.".contains(c) {
                c
            } else {
                '_'
            }
        })
        .take(80)
        .collect();
    let safe = safe.trim_start_matches('.');
    format!(
        "{}-handoff.{ext}",
        if safe.is_empty() { "case" } else { safe }
    )
}
