//! ArcSight Common Event Format:
//! `CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension`,
//! often after a syslog prefix. In the header `\|` and `\\` are escapes; in the extension
//! `\=`, `\\`, `\n` and `\r`, and a value runs (spaces included) up to the space before the
//! next `key=`. A custom field (`cs1`, `cn2`, `flexString1`…) means what its label says.

use super::alert::Format;
use super::fields::{self, Meaning};
use super::reading::{device_name, floor_char_boundary, read_events, Reading};
use super::severity;

/// No key of CEF's, or of a vendor's, is longer.
const MAX_KEY_BYTES: usize = 64;

/// One event: the seven header fields and the extension's pairs, unescaped.
#[derive(Debug, PartialEq, Eq)]
pub struct Event {
    pub header: Vec<String>,
    pub extension: Vec<(String, String)>,
}

pub fn read(text: &str) -> Option<Reading> {
    read_events(text, Format::Cef, "CEF:", parse, apply)
}

fn apply(e: &Event, r: &mut Reading) {
    let h = |i: usize| {
        e.header
            .get(i)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    };
    r.title(h(5));
    if let (Some(vendor), Some(product)) = (h(1), h(2)) {
        r.source(Some(&device_name(vendor, product)));
    }
    r.severity(h(6).and_then(severity::cef));
    for (key, value) in &e.extension {
        let key = label_of(e, key).unwrap_or(key);
        fields::apply(r, key, value, severity::cef);
    }
    // The signature ID is the rule only when no labelled field named one.
    r.rule(h(4));
    // The time the source received the event stands for the detection time.
    let rt = e.extension.iter().find(|(k, _)| k == "rt");
    r.detected(rt.and_then(|(_, v)| super::time::parse(v)));
}

/// `cs1` → the value of `cs1Label`, when it has a label that means something.
fn label_of<'a>(e: &'a Event, key: &str) -> Option<&'a str> {
    let custom = [
        "cs",
        "cn",
        "cfp",
        "c6a",
        "flexString",
        "flexNumber",
        "flexDate",
        "deviceCustomDate",
    ];
    if !custom.iter().any(|c| key.starts_with(c)) || key.ends_with("Label") {
        return None;
    }
    let label_key = format!("{key}Label");
    let label = e
        .extension
        .iter()
        .find(|(k, _)| *k == label_key)?
        .1
        .as_str();
    fields::meaning(label).map(|_| label).or_else(|| {
        // "Attachment SHA256", "Source User Name": the label's last word may be enough.
        let last = label.rsplit(' ').next()?;
        matches!(fields::meaning(last), Some(Meaning::Hash(_) | Meaning::Url)).then_some(last)
    })
}

/// Parses one CEF event; `None` when the header is not CEF's.
pub fn parse(line: &str) -> Option<Event> {
    let rest = line.strip_prefix("CEF:")?;
    let mut header = Vec::with_capacity(7);
    let mut field = String::new();
    let mut chars = rest.char_indices();
    let mut extension_at = None;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, e @ ('|' | '\\'))) => field.push(e),
                Some((_, other)) => {
                    field.push('\\');
                    field.push(other);
                }
                None => field.push('\\'),
            },
            '|' => {
                header.push(std::mem::take(&mut field));
                if header.len() == 7 {
                    extension_at = Some(i + 1);
                    break;
                }
            }
            c => field.push(c),
        }
    }
    let version = header.first()?;
    if header.len() < 7
        || version.is_empty()
        || !version.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        return None;
    }
    let extension = extension_at.map_or_else(Vec::new, |at| pairs(&rest[at..]));
    Some(Event { header, extension })
}

/// The extension's `key=value` pairs. A value runs to the space before the next key, so it
/// may hold spaces; an escaped `\=` never starts a key.
pub fn pairs(ext: &str) -> Vec<(String, String)> {
    // Every unescaped '=' whose preceding word is a key marks the start of a value.
    let b = ext.as_bytes();
    let mut keys: Vec<(usize, usize)> = Vec::new(); // (key start, '=' position)
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            b'=' => {
                // A key is short, so only a short stretch is searched for the space before
                // it: a line of a million '=' stays linear.
                let window = floor_char_boundary(ext, i.saturating_sub(MAX_KEY_BYTES + 1));
                let start = match ext[window..i].rfind(' ') {
                    Some(s) => window + s + 1,
                    None if window == 0 => 0,
                    None => {
                        i += 1;
                        continue;
                    }
                };
                let key = &ext[start..i];
                let after_previous = keys.last().is_none_or(|&(_, eq)| start > eq);
                if is_key(key) && after_previous {
                    keys.push((start, i));
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    let mut out = Vec::with_capacity(keys.len());
    for (n, &(start, eq)) in keys.iter().enumerate() {
        let value = match keys.get(n + 1) {
            // The space before the next key separates; any other is the value's.
            Some(&(next, _)) => ext[eq + 1..next]
                .strip_suffix(' ')
                .unwrap_or(&ext[eq + 1..next]),
            None => ext[eq + 1..].trim_end_matches(['\r', '\n']),
        };
        out.push((ext[start..eq].to_owned(), unescape(value)));
    }
    out
}

fn is_key(k: &str) -> bool {
    !k.is_empty()
        && k.len() <= MAX_KEY_BYTES
        && k.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_.[]-".contains(&b))
}

fn unescape(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    let mut chars = v.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some(e @ ('=' | '\\')) => out.push(e),
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_escapes_and_values_with_spaces() {
        let line = r"<134>Mar 14 09:14:00 fw01 CEF:0|Acme\|Corp|Gate|1.0|100|Port \\ scan|7|src=203.0.113.7 msg=Many ports probed in 10 s cs1=a\=b cs1Label=Note";
        let e = parse(&line[line.find("CEF:").unwrap()..]).unwrap();
        assert_eq!(
            e.header,
            ["0", "Acme|Corp", "Gate", "1.0", "100", r"Port \ scan", "7"]
        );
        assert_eq!(
            e.extension,
            [
                ("src".into(), "203.0.113.7".into()),
                ("msg".into(), "Many ports probed in 10 s".into()),
                ("cs1".into(), "a=b".into()),
                ("cs1Label".into(), "Note".into()),
            ]
        );
    }

    #[test]
    fn not_cef() {
        assert!(parse("CEF:zero|a|b|c|d|e|f|").is_none());
        assert!(parse("CEF:0|too|few|fields").is_none());
        assert!(read("no event here").is_none());
    }

    /// Writes a value as CEF's extension wants it (the inverse of [`pairs`]' unescaping).
    fn escape(v: &str) -> String {
        let mut out = String::with_capacity(v.len());
        for c in v.chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                '=' => out.push_str("\\="),
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                c => out.push(c),
            }
        }
        out
    }

    use proptest::prelude::*;

    fn header_escape(v: &str) -> String {
        v.replace('\\', "\\\\").replace('|', "\\|")
    }

    proptest! {
        /// Whatever a sender writes, escaped as CEF says, reads back as written.
        #[test]
        fn escaped_events_read_back(
            header in proptest::collection::vec("[^\\p{Cc}]{0,12}", 5),
            severity in 0u8..=10,
            pairs in proptest::collection::btree_map("[a-zA-Z][a-zA-Z0-9]{0,11}", "(\\PC|\n){0,16}", 0..6),
        ) {
            let mut line = String::from("CEF:0");
            for h in &header {
                line.push('|');
                line.push_str(&header_escape(h));
            }
            line.push_str(&format!("|{severity}|"));
            let ext: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={}", escape(v))).collect();
            line.push_str(&ext.join(" "));
            let e = parse(&line).expect("an escaped event parses");
            let mut want = vec!["0".to_owned()];
            want.extend(header.iter().cloned());
            want.push(severity.to_string());
            prop_assert_eq!(e.header, want);
            let got: Vec<(String, String)> = e.extension;
            let want: Vec<(String, String)> = pairs.into_iter().collect();
            prop_assert_eq!(got, want);
        }

        #[test]
        fn any_text_after_the_marker_is_read_without_panicking(rest in "(\\PC|[|=\\\\ ]){0,200}") {
            let _ = parse(&format!("CEF:{rest}"));
            let _ = read(&format!("CEF:0|a|b|c|d|e|5|{rest}"));
        }
    }
}
