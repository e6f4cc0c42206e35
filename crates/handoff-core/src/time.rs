//! Timestamps in and out, written by hand rather than with chrono's format strings: the
//! strftime machinery costs more wasm than everything here, and these are the only three
//! shapes Handoff uses.
//!
//! - RFC 3339 in UTC for the package: `2026-03-14T09:14:00Z`, `…:00.123Z`;
//! - the `<input type="datetime-local">` form: `2026-03-14T09:14:00` (read as UTC);
//! - the display form: `2026-03-14 09:14:00 UTC`.

use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};

fn push2(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

fn date_time(t: &DateTime<Utc>, sep: char, out: &mut String) {
    let y = t.year();
    if (0..=9999).contains(&y) {
        push2(out, (y / 100) as u32);
        push2(out, (y % 100) as u32);
    } else {
        out.push_str(&y.to_string());
    }
    out.push('-');
    push2(out, t.month());
    out.push('-');
    push2(out, t.day());
    out.push(sep);
    push2(out, t.hour());
    out.push(':');
    push2(out, t.minute());
    out.push(':');
    push2(out, t.second());
}

/// RFC 3339 in UTC; the fraction appears only when there is one, in groups of 3 digits.
pub fn rfc3339(t: &DateTime<Utc>) -> String {
    let mut out = String::with_capacity(30);
    date_time(t, 'T', &mut out);
    let nanos = t.nanosecond() % 1_000_000_000;
    if nanos != 0 {
        let (value, digits) = if nanos % 1_000_000 == 0 {
            (nanos / 1_000_000, 3)
        } else if nanos % 1_000 == 0 {
            (nanos / 1_000, 6)
        } else {
            (nanos, 9)
        };
        out.push('.');
        let s = value.to_string();
        for _ in s.len()..digits {
            out.push('0');
        }
        out.push_str(&s);
    }
    out.push('Z');
    out
}

/// `2026-03-14 09:14:00 UTC`
pub fn display(t: &DateTime<Utc>) -> String {
    let mut out = String::with_capacity(24);
    date_time(t, ' ', &mut out);
    out.push_str(" UTC");
    out
}

/// `2026-03-14T09:14:00`, the value of a `datetime-local` input.
pub fn datetime_local(t: &DateTime<Utc>) -> String {
    let mut out = String::with_capacity(19);
    date_time(t, 'T', &mut out);
    out
}

fn num(b: &[u8], at: usize, len: usize) -> Option<u32> {
    let s = b.get(at..at + len)?;
    s.iter().try_fold(0u32, |acc, c| {
        c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
    })
}

/// Reads `YYYY-MM-DDTHH:MM[:SS[.fraction]]` and what follows it; returns the time and the
/// rest of the input.
fn parse_prefix(s: &str) -> Option<(DateTime<Utc>, &str)> {
    let b = s.as_bytes();
    let (y, mo, d) = (num(b, 0, 4)?, num(b, 5, 2)?, num(b, 8, 2)?);
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || !matches!(b.get(10), Some(b'T' | b't' | b' '))
    {
        return None;
    }
    let (h, mi) = (num(b, 11, 2)?, num(b, 14, 2)?);
    if b.get(13) != Some(&b':') {
        return None;
    }
    let mut i = 16;
    let mut sec = 0;
    let mut nanos = 0u32;
    if b.get(16) == Some(&b':') {
        sec = num(b, 17, 2)?;
        i = 19;
        if b.get(19) == Some(&b'.') {
            i = 20;
            let mut digits = 0;
            while let Some(c) = b.get(i).filter(|c| c.is_ascii_digit()) {
                if digits < 9 {
                    nanos = nanos * 10 + u32::from(c - b'0');
                    digits += 1;
                }
                i += 1;
            }
            if digits == 0 {
                return None;
            }
            nanos *= 10u32.pow(9 - digits);
        }
    }
    let naive = NaiveDate::from_ymd_opt(y as i32, mo, d)?.and_hms_nano_opt(h, mi, sec, nanos)?;
    Some((naive.and_utc(), &s[i..]))
}

/// RFC 3339 with any offset, converted to UTC.
pub fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    let (t, rest) = parse_prefix(s)?;
    if rest.eq_ignore_ascii_case("z") {
        return Some(t);
    }
    let b = rest.as_bytes();
    let sign = match b.first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    if rest.len() != 6 || b[3] != b':' {
        return None;
    }
    let (oh, om) = (num(b, 1, 2)?, num(b, 4, 2)?);
    if oh > 23 || om > 59 {
        return None;
    }
    let offset = chrono::Duration::minutes(sign * i64::from(oh * 60 + om));
    t.checked_sub_signed(offset)
}

/// The value of a `datetime-local` input, read as UTC.
pub fn parse_datetime_local(s: &str) -> Option<DateTime<Utc>> {
    match parse_prefix(s)? {
        (t, "") => Some(t),
        _ => None,
    }
}

/// `#[serde(with = "crate::time::utc")]`, for the serde reference that the schema is
/// generated from (see [`crate::json`]).
#[cfg(feature = "schema")]
pub mod utc {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_rfc3339(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("\"{s}\" is not an RFC 3339 timestamp"))
        })
    }
}

/// `#[serde(with = "crate::time::utc_opt")]`, as [`utc`] for optional times.
#[cfg(feature = "schema")]
pub mod utc_opt {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Only for the schema's `default`.
    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&super::rfc3339(t)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super::utc")] DateTime<Utc>);
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn formats_match_rfc3339() {
        let t = Utc.with_ymd_and_hms(2026, 3, 14, 9, 4, 5).unwrap();
        assert_eq!(rfc3339(&t), "2026-03-14T09:04:05Z");
        assert_eq!(
            rfc3339(&(t + chrono::Duration::milliseconds(120))),
            "2026-03-14T09:04:05.120Z"
        );
        assert_eq!(
            rfc3339(&(t + chrono::Duration::microseconds(7))),
            "2026-03-14T09:04:05.000007Z"
        );
        assert_eq!(display(&t), "2026-03-14 09:04:05 UTC");
        assert_eq!(datetime_local(&t), "2026-03-14T09:04:05");
        // Same as chrono's own RFC 3339 output, for every precision.
        for ns in [0, 120_000_000, 7_000, 1] {
            let x = t + chrono::Duration::nanoseconds(ns);
            assert_eq!(
                rfc3339(&x),
                x.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
            );
        }
    }

    #[test]
    fn parses_offsets_and_fractions() {
        let t = Utc.with_ymd_and_hms(2026, 3, 14, 9, 4, 5).unwrap();
        assert_eq!(parse_rfc3339("2026-03-14T09:04:05Z"), Some(t));
        assert_eq!(parse_rfc3339("2026-03-14T11:04:05+02:00"), Some(t));
        assert_eq!(parse_rfc3339("2026-03-14t09:04:05z"), Some(t));
        assert_eq!(
            parse_rfc3339("2026-03-14T09:04:05.5Z"),
            Some(t + chrono::Duration::milliseconds(500))
        );
        for bad in [
            "",
            "2026-03-14",
            "2026-13-14T09:04:05Z",
            "2026-03-14T09:04:05",
            "2026-03-14T09:04:05+2:00",
            "yesterday",
            "2026-03-14T09:04:05.Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
        assert_eq!(
            parse_datetime_local("2026-03-14T09:04"),
            Some(t - chrono::Duration::seconds(5))
        );
        assert_eq!(parse_datetime_local("2026-03-14T09:04:05"), Some(t));
        assert_eq!(parse_datetime_local("2026-03-14T09:04:05Z"), None);
    }
}
