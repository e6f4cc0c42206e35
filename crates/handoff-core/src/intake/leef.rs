//! IBM's Log Event Extended Format: `LEEF:1.0|Vendor|Product|Version|EventID|` followed by
//! tab-separated `key=value` attributes, or `LEEF:2.0|Vendor|Product|Version|EventID|Delimiter|`
//! where the delimiter is one character or its hex code (`^`, `x09`, `0x5E`). LEEF has no
//! escapes: a value cannot hold the delimiter. Senders that put spaces where the tab belongs
//! are read the way CEF's extension is.

use super::alert::Format;
use super::reading::{device_name, read_events, Reading};
use super::{cef, fields, severity};

#[derive(Debug, PartialEq, Eq)]
pub struct Event {
    pub version: String,
    pub vendor: String,
    pub product: String,
    pub product_version: String,
    pub event_id: String,
    pub attributes: Vec<(String, String)>,
}

pub fn read(text: &str) -> Option<Reading> {
    read_events(text, Format::Leef, "LEEF:", parse, apply)
}

fn apply(e: &Event, r: &mut Reading) {
    r.source(Some(device_name(&e.vendor, &e.product).trim()));
    for (key, value) in &e.attributes {
        if key == "sev" {
            r.severity(severity::leef(value));
        } else if key == "devTime" {
            let t = super::time::parse(value);
            r.detected(t);
            r.seen(t);
        } else {
            fields::apply(r, key, value, severity::leef);
        }
    }
    // LEEF's event ID names the event; it titles it when no attribute did.
    match r.has_title() {
        true => r.rule(Some(&e.event_id)),
        false => r.title(Some(&e.event_id)),
    }
}

/// Parses one LEEF event; `None` when the header is not LEEF's.
pub fn parse(line: &str) -> Option<Event> {
    let rest = line.strip_prefix("LEEF:")?;
    let mut parts = rest.splitn(6, '|');
    let version = parts.next()?.trim().to_owned();
    if !version.starts_with(['1', '2']) || !version.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        return None;
    }
    let vendor = parts.next()?.to_owned();
    let product = parts.next()?.to_owned();
    let product_version = parts.next()?.to_owned();
    let event_id = parts.next()?.to_owned();
    let mut attrs = parts.next().unwrap_or("");
    let mut delimiter = '\t';
    if version.starts_with('2') {
        if let Some((d, after)) = attrs.split_once('|') {
            if let Some(c) = delimiter_of(d) {
                delimiter = c;
                attrs = after;
            }
        }
    }
    let attrs = attrs.trim_end_matches(['\r', '\n']);
    let attributes = match attrs.contains(delimiter) || !attrs.contains(' ') {
        true => attrs
            .split(delimiter)
            .filter_map(|kv| kv.split_once('='))
            .filter(|(k, _)| !k.trim().is_empty())
            .map(|(k, v)| (k.trim().to_owned(), v.to_owned()))
            .collect(),
        false => cef::pairs(attrs),
    };
    Some(Event {
        version,
        vendor,
        product,
        product_version,
        event_id,
        attributes,
    })
}

/// `^` → '^'; `x09`, `0x09` → tab. An empty field means the default tab.
fn delimiter_of(d: &str) -> Option<char> {
    let mut chars = d.chars();
    match (chars.next(), chars.next()) {
        (None, _) => Some('\t'),
        (Some(c), None) => Some(c),
        _ => {
            let hex = d.strip_prefix("0x").or_else(|| d.strip_prefix('x'))?;
            if hex.is_empty() || hex.len() > 4 {
                return None;
            }
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_versions_and_their_delimiters() {
        let one = parse("LEEF:1.0|Acme|Proxy|2.1|Blocked|src=10.0.0.5\tusrName=jdoe").unwrap();
        assert_eq!(
            one.attributes,
            [
                ("src".into(), "10.0.0.5".into()),
                ("usrName".into(), "jdoe".into())
            ]
        );
        let caret =
            parse("LEEF:2.0|Acme|Proxy|2.1|Blocked|^|src=10.0.0.5^url=http://x.example/a b")
                .unwrap();
        assert_eq!(
            caret.attributes[1],
            ("url".into(), "http://x.example/a b".into())
        );
        let hex = parse("LEEF:2.0|Acme|Proxy|2.1|Blocked|x09|src=10.0.0.5\tdst=10.0.0.6").unwrap();
        assert_eq!(hex.attributes.len(), 2);
        let spaces = parse("LEEF:1.0|Acme|Proxy|2.1|Blocked|src=10.0.0.5 msg=two words").unwrap();
        assert_eq!(spaces.attributes[1], ("msg".into(), "two words".into()));
    }

    #[test]
    fn not_leef() {
        assert!(parse("LEEF:9|a|b|c|d|").is_none());
        assert!(parse("LEEF:1.0|short").is_none());
    }

    use proptest::prelude::*;

    proptest! {
        /// Attributes whose values avoid the delimiter read back as written, with either
        /// version's delimiter.
        #[test]
        fn delimited_attributes_read_back(
            header in proptest::collection::vec("[^|\\p{Cc}]{0,12}", 4),
            attrs in proptest::collection::btree_map("[a-zA-Z][a-zA-Z0-9]{0,11}", "[^\\t^\\p{Cc}]{0,16}", 2..6),
            caret in any::<bool>(),
        ) {
            let (version, delimiter, field) = match caret {
                true => ("2.0", '^', "^|"),
                false => ("1.0", '\t', ""),
            };
            let body: Vec<String> = attrs.iter().map(|(k, v)| format!("{k}={v}")).collect();
            let line = format!("LEEF:{version}|{}|{field}{}", header.join("|"), body.join(&delimiter.to_string()));
            let e = parse(&line).expect("a LEEF event parses");
            prop_assert_eq!(&e.vendor, &header[0]);
            prop_assert_eq!(&e.event_id, &header[3]);
            let want: Vec<(String, String)> = attrs.into_iter().collect();
            prop_assert_eq!(e.attributes, want);
        }

        #[test]
        fn any_text_after_the_marker_is_read_without_panicking(rest in "(\\PC|[|=^\\t ]){0,200}") {
            let _ = parse(&format!("LEEF:{rest}"));
            let _ = read(&format!("LEEF:2.0|a|b|c|d|{rest}"));
        }
    }
}
