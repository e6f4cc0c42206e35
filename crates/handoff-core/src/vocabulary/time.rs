//! Timestamps in and out, through chrono's RFC 3339 functions and its `Display` (which, unlike
//! its strftime-style `format`, adds no format-string machinery to the wasm). Three shapes:
//!
//! - RFC 3339 in UTC on the wire: `2026-03-14T09:14:00Z`, `…:00.120Z` (the fraction only
//!   when there is one);
//! - what an analyst types and reads in a form: `2026-03-14 09:14` or `2026-03-14 09:14:05`,
//!   always UTC and always 24-hour, whatever the browser's locale;
//! - the display form: `2026-03-14 09:14:00 UTC`, or `2026-03-14 09:14 UTC` in a list.

use chrono::{DateTime, SecondsFormat, Timelike, Utc};

/// RFC 3339 in UTC with `Z`; the fraction appears only when there is one, in groups of three
/// digits.
pub fn rfc3339(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// RFC 3339 in UTC to the second (`2026-03-14T09:14:00Z`): the form every export other than the
/// JSON package uses, so a ticket never shows a fraction on one line and none on the next.
pub fn rfc3339_seconds(t: &DateTime<Utc>) -> String {
    whole_seconds(t).to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// RFC 3339 in UTC with exactly three fractional digits (`2026-03-14T09:14:00.000Z`), as STIX
/// 2.1 asks of `created` and `modified`.
pub fn rfc3339_millis(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// RFC 3339 with any offset, converted to UTC. Seconds are required, as RFC 3339 says.
pub fn parse_rfc3339(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `t` to the second.
fn whole_seconds(t: &DateTime<Utc>) -> DateTime<Utc> {
    t.with_nanosecond(0).unwrap_or(*t)
}

/// `2026-03-14 09:14:00 UTC`
pub fn display(t: &DateTime<Utc>) -> String {
    whole_seconds(t).to_string()
}

/// `2026-03-14 09:14 UTC`: a time in a list of cases, where the minute is enough and a line
/// that ticked every second while the analyst types would be redrawn with each tick.
pub fn display_minute(t: &DateTime<Utc>) -> String {
    format!("{} {:02}:{:02} UTC", t.date_naive(), t.hour(), t.minute())
}

/// `2026-03-14 09:14:05`: the value a UTC time field shows.
pub fn form_value(t: &DateTime<Utc>) -> String {
    whole_seconds(t).naive_utc().to_string()
}

/// Reads a UTC time as an analyst types or pastes it: `2026-03-14 09:14`, with seconds or
/// without, `T` or a space between date and time, an optional trailing `Z` or `UTC`, or a
/// full RFC 3339 timestamp with an offset (converted to UTC). The error says what to write.
pub fn parse_form_value(s: &str) -> Result<DateTime<Utc>, String> {
    let s = s.trim();
    if let Some(t) = parse_rfc3339(s) {
        return Ok(t);
    }
    // Brought to RFC 3339 and read by chrono: a `T` between date and time, seconds, `Z`.
    let bare = s
        .strip_suffix("UTC")
        .or_else(|| s.strip_suffix("utc"))
        .or_else(|| s.strip_suffix('Z'))
        .or_else(|| s.strip_suffix('z'))
        .unwrap_or(s)
        .trim_end();
    if let Some((date, time)) = bare.split_once([' ', 'T', 't']) {
        let time = time.trim_start();
        let seconds = if time.matches(':').count() == 1 {
            ":00"
        } else {
            ""
        };
        if let Some(t) = parse_rfc3339(&format!("{date}T{time}{seconds}Z")) {
            return Ok(t);
        }
    }
    Err(format!(
        "\"{}\" is not a time Handoff can read: write it in UTC as YYYY-MM-DD HH:MM, for \
         example 2026-03-14 09:14",
        super::text::truncate_chars(s, 40)
    ))
}

/// `#[serde(with = "crate::vocabulary::time::rfc3339_serde")]` for a required timestamp.
pub mod rfc3339_serde {
    use chrono::{DateTime, Utc};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &DateTime<Utc>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::rfc3339(t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_rfc3339(&s).ok_or_else(|| {
            D::Error::custom(format!(
                "\"{}\" is not an RFC 3339 timestamp such as 2026-03-14T09:14:00Z",
                super::super::text::truncate_chars(&s, 40)
            ))
        })
    }
}

/// As [`rfc3339_serde`], for an optional timestamp (`null` when absent).
pub mod rfc3339_opt_serde {
    use chrono::{DateTime, Utc};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => super::rfc3339_serde::serialize(t, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<DateTime<Utc>>, D::Error> {
        #[derive(Deserialize)]
        struct Wrap(#[serde(with = "super::rfc3339_serde")] DateTime<Utc>);
        Ok(Option::<Wrap>::deserialize(d)?.map(|w| w.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn writes_rfc3339_with_the_fraction_only_when_there_is_one() {
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
        assert_eq!(display_minute(&t), "2026-03-14 09:04 UTC");
        let last_second = Utc.with_ymd_and_hms(2026, 12, 31, 23, 59, 59).unwrap();
        assert_eq!(
            display_minute(&(last_second + chrono::Duration::milliseconds(999))),
            "2026-12-31 23:59 UTC"
        );
        let later = t + chrono::Duration::microseconds(120_700);
        assert_eq!(rfc3339_seconds(&later), "2026-03-14T09:04:05Z");
        assert_eq!(rfc3339_millis(&later), "2026-03-14T09:04:05.120Z");
        assert_eq!(rfc3339_millis(&t), "2026-03-14T09:04:05.000Z");
        assert_eq!(form_value(&t), "2026-03-14 09:04:05");
    }

    #[test]
    fn reads_rfc3339_and_refuses_times_without_seconds() {
        let t = Utc.with_ymd_and_hms(2026, 3, 14, 9, 4, 5).unwrap();
        assert_eq!(parse_rfc3339("2026-03-14T09:04:05Z"), Some(t));
        assert_eq!(parse_rfc3339("2026-03-14T11:04:05+02:00"), Some(t));
        assert_eq!(
            parse_rfc3339("2026-03-14T09:04:05.5Z"),
            Some(t + chrono::Duration::milliseconds(500))
        );
        for bad in [
            "",
            "2026-03-14",
            "2026-03-14T09:04Z",
            "2026-13-14T09:04:05Z",
            "2026-03-14T09:04:05",
            "2026-03-14T09:04:05+2:00",
            "yesterday",
            "2026-03-14T09:04:05.Z",
        ] {
            assert_eq!(parse_rfc3339(bad), None, "{bad}");
        }
    }

    #[test]
    fn form_values_are_utc_and_24_hour() {
        let t = Utc.with_ymd_and_hms(2026, 3, 14, 21, 4, 0).unwrap();
        for typed in [
            "2026-03-14 21:04",
            "2026-03-14 21:04:00",
            " 2026-03-14T21:04 ",
            "2026-03-14 21:04 UTC",
            "2026-03-14T21:04:00Z",
            "2026-03-14T23:04:00+02:00",
        ] {
            assert_eq!(parse_form_value(typed), Ok(t), "{typed}");
        }
        for bad in ["", "14/03/2026 9:04 PM", "2026-03-14 25:00", "2026-03-14"] {
            let e = parse_form_value(bad).unwrap_err();
            assert!(e.contains("YYYY-MM-DD HH:MM"), "{e}");
        }
        assert_eq!(parse_form_value(&form_value(&t)), Ok(t));
    }
}
