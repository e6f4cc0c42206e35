//! Timestamps as alert formats write them, read leniently into UTC.
//!
//! Each shape is brought to RFC 3339 and read by chrono, so there is one parser underneath:
//!
//! | written | example | read as |
//! | --- | --- | --- |
//! | RFC 3339 | `2026-03-14T09:14:00.120+01:00` | that instant |
//! | offset without a colon (Wazuh, Splunk) | `2026-03-14T09:14:00.120+0000` | that instant |
//! | space instead of `T`, or no zone | `2026-03-14 09:14:00` | UTC (alert times are UTC unless they say otherwise) |
//! | `UTC` / `GMT` suffix | `2026-03-14 09:14:00 UTC` | UTC |
//! | Unix seconds, milliseconds, microseconds or nanoseconds | `1773479640`, `1773479640120`, `1773479640.120` | UTC |
//! | CEF / LEEF `MMM dd yyyy HH:mm:ss` | `Mar 14 2026 09:14:00` | UTC |
//!
//! A number counts as a time only between 2000 and 2100, so a port or a count is never read
//! as a date.

use chrono::{DateTime, TimeZone, Utc};

use crate::vocabulary::time::parse_rfc3339;

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// 2000-01-01 and 2100-01-01 in Unix seconds: the window a number must fall in.
const EARLIEST: i64 = 946_684_800;
const LATEST: i64 = 4_102_444_800;

/// Reads a timestamp in any shape the table above lists.
pub fn parse(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim().trim_matches('"');
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    if s.bytes().next()?.is_ascii_digit() && s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return epoch(s);
    }
    if s.bytes().next()?.is_ascii_alphabetic() {
        return month_first(s);
    }
    parse_rfc3339(s).or_else(|| parse_rfc3339(&to_rfc3339(s)?))
}

/// Reads a time stored as a JSON number (Unix seconds or milliseconds).
pub fn from_number(n: &serde_json::Number) -> Option<DateTime<Utc>> {
    epoch(&n.to_string())
}

/// `2026-03-14 09:14:00.12 +0000` → `2026-03-14T09:14:00.12+00:00`; `None` when it is not
/// date-then-time.
fn to_rfc3339(s: &str) -> Option<String> {
    let (date, rest) = (s.get(..10)?, s.get(10..)?);
    if !matches!(rest.as_bytes().first(), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let rest = rest[1..].trim();
    // The clock runs to the first character that is neither a digit, a colon nor a dot.
    let clock_end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(clock_end);
    let clock = match clock.matches(':').count() {
        1 => format!("{clock}:00"),
        2 => clock.to_owned(),
        _ => return None,
    };
    let zone = zone.trim();
    let zone = match zone {
        "" | "Z" | "z" | "UTC" | "GMT" | "utc" | "gmt" => "Z".to_owned(),
        _ => {
            let mut chars = zone.chars();
            let sign = chars.next()?;
            if !matches!(sign, '+' | '-') {
                return None;
            }
            let digits: String = chars.filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            format!("{sign}{}:{}", &digits[..2], &digits[2..])
        }
    };
    Some(format!("{date}T{clock}{zone}"))
}

/// Unix time in seconds (with or without a fraction), milliseconds, microseconds or
/// nanoseconds, told apart by size.
fn epoch(s: &str) -> Option<DateTime<Utc>> {
    let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() || whole.len() > 19 || fraction.contains('.') {
        return None;
    }
    let n: i64 = whole.parse().ok()?;
    let (secs, nanos) = if (EARLIEST..LATEST).contains(&n) {
        let digits: String = fraction.chars().take(9).collect();
        let nanos = match digits.is_empty() {
            true => 0,
            false => format!("{digits:0<9}").parse().ok()?,
        };
        (n, nanos)
    } else if !fraction.is_empty() {
        return None;
    } else if (EARLIEST * 1_000..LATEST * 1_000).contains(&n) {
        (n / 1_000, (n % 1_000) as u32 * 1_000_000)
    } else if (EARLIEST * 1_000_000..LATEST * 1_000_000).contains(&n) {
        (n / 1_000_000, (n % 1_000_000) as u32 * 1_000)
    } else if n >= EARLIEST * 1_000_000_000 {
        (n / 1_000_000_000, (n % 1_000_000_000) as u32)
    } else {
        return None;
    };
    Utc.timestamp_opt(secs, nanos).single()
}

/// `Mar 14 2026 09:14:00` (CEF's `rt`, LEEF's `devTime`), with an optional fraction and
/// zone.
fn month_first(s: &str) -> Option<DateTime<Utc>> {
    let mut words = s.split_whitespace();
    let month = words.next()?.get(..3)?.to_ascii_lowercase();
    let month = MONTHS.iter().position(|m| *m == month)? + 1;
    let day: u32 = words.next()?.parse().ok()?;
    let year: i32 = words.next()?.parse().ok()?;
    let clock = words.next()?;
    let zone = words.next().unwrap_or("");
    to_rfc3339(&format!("{year:04}-{month:02}-{day:02} {clock} {zone}"))
        .and_then(|t| parse_rfc3339(&t))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> String {
        parse(s)
            .map(|t| crate::vocabulary::time::rfc3339(&t))
            .unwrap_or_default()
    }

    #[test]
    fn reads_every_documented_shape() {
        assert_eq!(at("2026-03-14T09:14:00Z"), "2026-03-14T09:14:00Z");
        assert_eq!(
            at("2026-03-14T10:14:00.120+01:00"),
            "2026-03-14T09:14:00.120Z"
        );
        assert_eq!(
            at("2026-03-14T09:14:00.120+0000"),
            "2026-03-14T09:14:00.120Z"
        );
        assert_eq!(at("2026-03-14T11:14:00-0200"), "2026-03-14T13:14:00Z");
        assert_eq!(at("2026-03-14 09:14:00"), "2026-03-14T09:14:00Z");
        assert_eq!(at("2026-03-14 09:14"), "2026-03-14T09:14:00Z");
        assert_eq!(at("2026-03-14 09:14:00 UTC"), "2026-03-14T09:14:00Z");
        assert_eq!(at("1773479640"), "2026-03-14T09:14:00Z");
        assert_eq!(at("1773479640.120"), "2026-03-14T09:14:00.120Z");
        assert_eq!(at("1773479640120"), "2026-03-14T09:14:00.120Z");
        assert_eq!(at("1773479640120000"), "2026-03-14T09:14:00.120Z");
        assert_eq!(at("1773479640120000000"), "2026-03-14T09:14:00.120Z");
        assert_eq!(at("Mar 14 2026 09:14:00"), "2026-03-14T09:14:00Z");
        assert_eq!(
            at("mar 14 2026 09:14:00.120 UTC"),
            "2026-03-14T09:14:00.120Z"
        );
    }

    #[test]
    fn numbers_that_are_not_times_are_not_read_as_times() {
        for s in [
            "443",
            "52311",
            "3177",
            "99999999999999999999",
            "1.2.3",
            "",
            "12:00",
        ] {
            assert_eq!(parse(s), None, "{s}");
        }
        assert_eq!(parse("2026-13-40T99:00:00Z"), None);
        assert_eq!(parse("Smarch 14 2026 09:14:00"), None);
        assert_eq!(parse("2026-03-14T09:14:00+5"), None);
        // Found by the damaged-corpus property test: a zone that starts with a wide character.
        assert_eq!(parse("2026-03-14 08:®12:44"), None);
    }
}
