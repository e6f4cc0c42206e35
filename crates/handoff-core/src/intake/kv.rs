//! `key=value` log lines (firewalls, proxies, Postfix, auditd): `key=value`, `key="a value"`
//! with `\"` and `\\` as escapes inside quotes, separated by white space, after any syslog
//! prefix. Text counts as such logs when most of its first lines hold three pairs or more
//! and at least one key means something to Handoff.

use std::borrow::Cow;

use super::alert::Format;
use super::reading::{Reading, MAX_LINES};
use super::{fields, time};

/// A line holds this many pairs or more to count as a log line.
const MIN_PAIRS: usize = 3;
/// The lines looked at to decide what the text is.
const SAMPLE_LINES: usize = 50;

pub fn read(text: &str) -> Option<Reading> {
    let sample: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(SAMPLE_LINES)
        .collect();
    let log_lines = sample
        .iter()
        .filter(|l| pairs(l).len() >= MIN_PAIRS)
        .count();
    if log_lines == 0 || log_lines * 2 < sample.len() {
        return None;
    }
    let mut r = Reading::new(Format::KeyValue);
    for line in text.lines().take(MAX_LINES) {
        let pairs = pairs(line);
        if pairs.len() < MIN_PAIRS {
            continue;
        }
        let get = |k: &str| {
            pairs
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(k))
                .map(|(_, v)| v)
        };
        // Fortinet and others split the time: date=2026-03-14 time=09:14:00.
        if let (Some(d), Some(t)) = (get("date"), get("time")) {
            r.seen(time::parse(&format!("{d} {t}")));
        }
        for (k, v) in &pairs {
            if !(k.eq_ignore_ascii_case("time") && get("date").is_some()) {
                fields::apply(&mut r, k, v, fields::words);
            }
        }
    }
    // Pairs that meant nothing to Handoff are no better than text.
    r.some()
}

/// The pairs in one line, unquoted; words that are not pairs (a syslog prefix) are skipped.
pub fn pairs(line: &str) -> Vec<(&str, Cow<'_, str>)> {
    let b = line.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let key_start = i;
        while i < b.len() && is_key_byte(b[i]) {
            i += 1;
        }
        if i == key_start || i >= b.len() || b[i] != b'=' {
            // Not a pair: skip the rest of this word.
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            continue;
        }
        let key = &line[key_start..i];
        i += 1;
        if i < b.len() && b[i] == b'"' {
            i += 1;
            let start = i;
            let mut escaped = false;
            while i < b.len() && (escaped || b[i] != b'"') {
                escaped = !escaped && b[i] == b'\\';
                i += 1;
            }
            out.push((key, unquote(&line[start..i])));
            i += 1;
        } else {
            let start = i;
            while i < b.len() && !b[i].is_ascii_whitespace() {
                i += 1;
            }
            out.push((key, Cow::Borrowed(&line[start..i])));
        }
    }
    out
}

fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.')
}

fn unquote(v: &str) -> Cow<'_, str> {
    if !v.contains('\\') {
        return Cow::Borrowed(v);
    }
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        match (c, c == '\\') {
            (_, true) => match chars.next() {
                Some(e @ ('"' | '\\')) => out.push(e),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            (c, false) => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_values_prefixes_and_stray_words() {
        let line = r#"Mar 14 09:14:00 fw01 date=2026-03-14 time=09:14:00 devname="FG 100" msg="say \"hi\"" srcip=10.0.0.5 junk="#;
        let p: Vec<(&str, String)> = pairs(line)
            .into_iter()
            .map(|(k, v)| (k, v.into_owned()))
            .collect();
        assert_eq!(
            p,
            [
                ("date", "2026-03-14".into()),
                ("time", "09:14:00".into()),
                ("devname", "FG 100".into()),
                ("msg", r#"say "hi""#.into()),
                ("srcip", "10.0.0.5".into()),
                ("junk", "".into()),
            ]
        );
    }

    #[test]
    fn prose_is_not_a_log() {
        assert!(read("The user reported a strange e-mail.\nPlease check it.").is_none());
        assert!(
            read("a=1 b=2 c=3").is_none(),
            "pairs with no meaning are text"
        );
    }

    /// Writes a value so that [`pairs`] reads it back: quoted when it holds white space, a quote
    /// or nothing.
    fn quote(v: &str) -> String {
        if !v.is_empty() && !v.contains(|c: char| c.is_ascii_whitespace() || c == '"' || c == '\\')
        {
            return v.to_owned();
        }
        let mut out = String::from("\"");
        for c in v.chars() {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        }
        out.push('"');
        out
    }

    use proptest::prelude::*;

    proptest! {
        /// Values quoted where they need it read back as written, whatever they hold.
        #[test]
        fn quoted_lines_read_back(
            prefix in "[A-Za-z]{3} [0-9]{2} [0-9:]{8} [a-z0-9]{1,8}",
            pairs in proptest::collection::btree_map("[a-zA-Z_][a-zA-Z0-9_.-]{0,11}", "\\PC{0,16}", 0..8),
        ) {
            let mut line = prefix;
            for (k, v) in &pairs {
                line.push(' ');
                line.push_str(&format!("{k}={}", quote(v)));
            }
            let got: Vec<(String, String)> =
                super::pairs(&line).into_iter().map(|(k, v)| (k.to_owned(), v.into_owned())).collect();
            let want: Vec<(String, String)> = pairs.into_iter().collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn any_text_is_read_without_panicking(text in "(\\PC|[=\"\\\\ \n]){0,300}") {
            let _ = read(&text);
        }
    }
}
