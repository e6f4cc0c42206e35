//! The handoff package: what leaves Handoff. JSON for tools and for L2 to continue the case,
//! Markdown for tickets, a short message for chat, and the importer that reads JSON back.

mod chat;
mod import;
mod json;
mod markdown;

pub use chat::chat_message;
pub use import::{import, ImportError};
pub use json::to_json;
#[cfg(feature = "schema")]
pub use json::HandoffPackage;
pub use markdown::{escape_inline, to_markdown};

use crate::case::Case;

/// The current version of the JSON package. Bump it on any change to the JSON's shape, and
/// add the step that upgrades the previous version in `import::migrate`.
pub const SCHEMA_VERSION: u32 = 1;

/// The value of the package's `format` field, which tells a package from any other JSON.
pub const FORMAT: &str = "handoff-package";

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
