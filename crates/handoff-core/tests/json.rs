//! Handoff's JSON parser and writer against serde_json, on random documents: the parser reads
//! what serde_json writes, the writer writes what serde_json's pretty printer writes, and
//! both refuse the same broken text.

use handoff_core::json::{self, Value, Writer};
use proptest::prelude::*;

fn ours_from_serde(v: &serde_json::Value) -> Value {
    match v {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(b) => Value::Bool(*b),
        serde_json::Value::Number(n) => Value::Number(n.to_string()),
        serde_json::Value::String(s) => Value::String(s.clone()),
        serde_json::Value::Array(a) => Value::Array(a.iter().map(ours_from_serde).collect()),
        serde_json::Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), ours_from_serde(v)))
                .collect(),
        ),
    }
}

fn write(v: &Value, w: &mut Writer) {
    match v {
        Value::Null => w.null(),
        Value::Bool(b) => w.bool(*b),
        Value::Number(n) => w.u64(n.parse().unwrap()),
        Value::String(s) => w.string(s),
        Value::Array(a) => {
            w.begin_array();
            for x in a {
                w.item();
                write(x, w);
            }
            w.end_array();
        }
        Value::Object(m) => {
            w.begin_object();
            for (k, x) in m {
                w.key(k);
                write(x, w);
            }
            w.end_object();
        }
    }
}

/// Any text, weighted towards what needs escaping: quotes, backslashes, control characters,
/// non-ASCII and astral characters.
fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('"'),
            Just('\\'),
            Just('/'),
            (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
            Just('\u{7f}'),
            Just('é'),
            Just('\u{202e}'),
            Just('😀'),
            any::<char>(),
            prop::char::range('a', 'z'),
        ],
        0..12,
    )
    .prop_map(|cs| cs.into_iter().collect())
}

/// Documents with whole numbers only, since Handoff reads and writes only those.
fn document() -> impl Strategy<Value = serde_json::Value> {
    let leaf = prop_oneof![
        Just(serde_json::Value::Null),
        any::<bool>().prop_map(serde_json::Value::Bool),
        any::<u64>().prop_map(|n| serde_json::Value::Number(n.into())),
        text().prop_map(serde_json::Value::String),
    ];
    leaf.prop_recursive(5, 64, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
            prop::collection::btree_map(text(), inner, 0..6)
                .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn parses_what_serde_json_writes(doc in document()) {
        let want = ours_from_serde(&doc);
        prop_assert_eq!(json::parse(&serde_json::to_string(&doc).unwrap()).unwrap(), want.clone());
        prop_assert_eq!(json::parse(&serde_json::to_string_pretty(&doc).unwrap()).unwrap(), want);
    }

    #[test]
    fn writes_what_serde_json_writes(doc in document()) {
        let mut w = Writer::new();
        write(&ours_from_serde(&doc), &mut w);
        prop_assert_eq!(w.finish(), serde_json::to_string_pretty(&doc).unwrap());
    }

    /// Cut or corrupt a valid document anywhere: both parsers accept or refuse it alike
    /// (apart from duplicate keys, which only Handoff refuses, and numbers it keeps as text).
    #[test]
    fn refuses_what_serde_json_refuses(doc in document(), cut in any::<prop::sample::Index>(), junk in prop_oneof![Just(""), Just(","), Just("\""), Just("\\"), Just("}"), Just("]"), Just("\u{1}"), Just("\\ud800"), Just("tru"), Just("-")]) {
        let text = serde_json::to_string(&doc).unwrap();
        let mut at = cut.index(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let broken = format!("{}{junk}{}", &text[..at], &text[at..]);
        let theirs = serde_json::from_str::<serde_json::Value>(&broken);
        let ours = json::parse(&broken);
        if let (Ok(t), Err(e)) = (&theirs, &ours) {
            prop_assert!(e.message == "duplicate key in an object", "only Handoff refused {broken:?}: {e} ({t})");
        }
        prop_assert!(theirs.is_ok() || ours.is_err(), "only serde_json refused {:?}", broken);
    }
}
