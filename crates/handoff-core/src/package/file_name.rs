//! The file name an export is saved under.

use super::options::ticket_of;
use crate::case::Case;

/// `<ticket-id>-handoff.<ext>` (the ticket every export points to), with anything unsafe in a
/// file name replaced.
pub fn file_name(case: &Case, ext: &str) -> String {
    let safe: String = ticket_of(case)
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
