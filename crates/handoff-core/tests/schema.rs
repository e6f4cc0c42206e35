//! The shipped JSON Schema: generated from the same types serde reads and writes, kept in step
//! with them, and satisfied by every package Handoff writes.

mod common;

use common::*;
use handoff_core::fixtures::large_case;
use handoff_core::package::{json_schema, to_json};

#[test]
fn shipped_schema_matches_the_types() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/handoff.schema.json");
    let shipped = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        shipped == json_schema(),
        "static/handoff.schema.json is out of date with the Rust types: run `cargo xtask schema`"
    );
}

#[test]
fn golden_packages_and_the_large_case_satisfy_the_schema() {
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let mut checked = 0;
    for entry in std::fs::read_dir(golden).unwrap() {
        let path = entry.unwrap().path();
        // The packages are `<case>.json`; `<case>.<format>.json` are other exports.
        let package = path.extension().is_some_and(|e| e == "json")
            && path
                .file_stem()
                .is_some_and(|s| !s.to_string_lossy().contains('.'));
        if package {
            let text = std::fs::read_to_string(&path).unwrap();
            assert_eq!(
                schema_violations(&text),
                Vec::<String>::new(),
                "{}",
                path.display()
            );
            checked += 1;
        }
    }
    assert_eq!(checked, 3);
    assert!(schema_violations(&to_json(&large_case())).is_empty());
}

/// Guards the test above against a schema that accepts anything.
#[test]
fn the_schema_refuses_what_the_importer_refuses() {
    let good = to_json(&large_case());
    for (from, to) in [
        ("\"severity\": \"high\"", "\"severity\": \"urgent\""),
        ("\"tlp\": \"AMBER\"", "\"tlp\": \"amber\""),
        ("\"who\": ", "\"whom\": "),
        ("\"schema_version\": 1", "\"schema_version\": 2"),
        (
            "\"stage\": \"reporting\"",
            "\"stage\": {\"closed\": \"maybe\"}",
        ),
        (
            "\"created_at\": \"2026-03-14T09:00:00Z\"",
            "\"created_at\": 5",
        ),
    ] {
        let bad = good.replacen(from, to, 1);
        assert_ne!(bad, good, "{from} not found");
        assert!(!schema_violations(&bad).is_empty(), "schema accepted {to}");
        assert!(
            handoff_core::package::import(bad.as_bytes()).is_err(),
            "importer accepted {to}"
        );
    }
}
