//! Alert text in: what a pasted alert says, read into suggestions for the case.
//!
//! [`read`] recognises what was pasted (a SIEM, EDR or e-mail security product's JSON, a CEF
//! or LEEF event, `key=value` log lines, or the headers of a reported mail) and reads the
//! alert's header (title, ID, source, rule, severity, detection time), proposals for the Five
//! Ws (who, where, when), ATT&CK techniques, and indicators with the role the format gives
//! them (sender, source, destination, the attachment's hash). [`proposals`] then says, for a
//! case, which suggestions may fill an empty field at once and which are offered beside a
//! field the analyst has already written in: nothing typed is ever overwritten.
//!
//! Text in no format Handoff knows still gives its indicators, as before, and no error.

mod alert;
mod cef;
mod email;
mod fields;
pub mod indicators;
mod json;
mod kv;
mod leef;
mod proposals;
mod reading;
pub mod severity;
pub mod time;

pub use alert::{suggestions, Format, Intake, Suggestion};
pub use indicators::extract;
pub use proposals::{proposals, Proposals};
pub use reading::Reading;

use crate::vocabulary::limits::MAX_RAW_ALERT_BYTES;

/// Reads a paste. Never fails: what is not recognised is kept as text with its indicators.
pub fn read(text: &str) -> Intake {
    let text = match text.len() > MAX_RAW_ALERT_BYTES {
        true => &text[..reading::floor_char_boundary(text, MAX_RAW_ALERT_BYTES)],
        false => text,
    };
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    let read = if trimmed.starts_with(['{', '[']) {
        json::read(trimmed)
    } else {
        None
    }
    .or_else(|| cef::read(trimmed))
    .or_else(|| leef::read(trimmed))
    .or_else(|| email::read(trimmed))
    .or_else(|| kv::read(trimmed));
    let mut r = read.unwrap_or_default();
    // Text in no known format, and the generic readers' text (whose unmapped keys may hold
    // indicators), is scanned whole, as before the intake existed.
    if matches!(r.format(), None | Some(Format::EcsJson | Format::KeyValue)) {
        r.mention(text);
    }
    r.finish()
}
