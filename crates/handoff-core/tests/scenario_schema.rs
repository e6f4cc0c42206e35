//! The shipped scenario schema: generated from the types the app reads scenarios with, kept in
//! step with them, satisfied by every bundled scenario, and refusing what the app refuses.

use std::path::{Path, PathBuf};

use handoff_core::training::{parse_scenario, scenario_json_schema};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(&scenario_json_schema()).unwrap();
    jsonschema::draft202012::new(&schema).expect("the scenario schema compiles")
}

fn violations(v: &jsonschema::Validator, doc: &serde_json::Value) -> Vec<String> {
    v.iter_errors(doc)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

#[test]
fn shipped_scenario_schema_matches_the_types() {
    let shipped =
        std::fs::read_to_string(root().join("static/scenario.schema.json")).unwrap_or_default();
    assert!(
        shipped == scenario_json_schema(),
        "static/scenario.schema.json is out of date with the Rust types: run `cargo xtask schema`"
    );
}

#[test]
fn every_bundled_scenario_satisfies_the_schema_and_the_schema_refuses_what_the_app_refuses() {
    let v = validator();
    let mut checked = 0;
    for entry in std::fs::read_dir(root().join("static/scenarios")).unwrap() {
        let path = entry.unwrap().path();
        if path.file_name().is_some_and(|n| n == "index.json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            violations(&v, &doc),
            Vec::<String>::new(),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 24);

    let text = std::fs::read_to_string(root().join("static/scenarios/l2-dc-beacon.json")).unwrap();
    let good: serde_json::Value = serde_json::from_str(&text).unwrap();
    type Mutation = Box<dyn Fn(&mut serde_json::Value)>;
    let mutations: Vec<(&str, Mutation)> = vec![
        ("a role in lowercase", Box::new(|d| d["role"] = "l2".into())),
        (
            "an unknown outcome",
            Box::new(|d| d["expected"]["outcome"] = "closed".into()),
        ),
        (
            "an unknown check kind",
            Box::new(|d| d["checks"][0]["kind"] = "maybe".into()),
        ),
        (
            "zero minutes",
            Box::new(|d| d["checks"][0]["minutes"] = 0.into()),
        ),
        (
            "an unknown field",
            Box::new(|d| d["facts"] = serde_json::json!([])),
        ),
        ("an id with spaces", Box::new(|d| d["id"] = "a b".into())),
        (
            "a handoff of another format",
            Box::new(|d| d["handoff"]["format"] = "x".into()),
        ),
        (
            "a handoff with a bad stage",
            Box::new(|d| d["handoff"]["case"]["stage"] = "done".into()),
        ),
    ];
    for (what, m) in mutations {
        let mut bad = good.clone();
        m(&mut bad);
        assert!(
            !violations(&v, &bad).is_empty(),
            "the schema accepted {what}"
        );
        assert!(
            parse_scenario(&bad.to_string()).is_err(),
            "the app accepted {what}"
        );
    }
}

/// A broken scenario file is refused, and the message says where: the path of the wrong
/// value (serde_path_to_error), or the line and column of a syntax error. Unknown and
/// repeated fields are refused, as the package importer refuses them.
#[test]
fn a_broken_scenario_is_refused_naming_where() {
    let text =
        std::fs::read_to_string(root().join("static/scenarios/l2-clarify-webshell.json")).unwrap();
    let good: serde_json::Value = serde_json::from_str(&text).unwrap();
    type Mutation = Box<dyn Fn(&mut serde_json::Value)>;
    let broken: Vec<(&str, Mutation, &str)> = vec![
        (
            "an unknown field",
            Box::new(|d| d["hint"] = "x".into()),
            "hint: unknown field `hint`",
        ),
        (
            "an unknown check field",
            Box::new(|d| d["checks"][0]["cost"] = 5.into()),
            "checks[0].cost: unknown field `cost`",
        ),
        (
            "a missing title",
            Box::new(|d| {
                d.as_object_mut().unwrap().remove("title");
            }),
            "missing field `title`",
        ),
        (
            "a missing checks list",
            Box::new(|d| {
                d.as_object_mut().unwrap().remove("checks");
            }),
            "missing field `checks`",
        ),
        (
            "minutes as text",
            Box::new(|d| d["checks"][0]["minutes"] = "5".into()),
            "checks[0].minutes: invalid type: string \"5\"",
        ),
        (
            "a negative minute",
            Box::new(|d| d["checks"][0]["minutes"] = (-5).into()),
            "checks[0].minutes: invalid value: integer `-5`",
        ),
        (
            "an unknown task",
            Box::new(|d| d["expected"]["tasks"][0] = "pray".into()),
            "expected.tasks[0]: invalid value: string \"pray\", expected one of",
        ),
        (
            "a term without any_of",
            Box::new(|d| {
                d["expected"]["notes"][0]
                    .as_object_mut()
                    .unwrap()
                    .remove("any_of");
            }),
            "expected.notes[0]: missing field `any_of`",
        ),
        (
            "a condition as text",
            Box::new(
                |d| d["expected"]["conditions"] = serde_json::json!({"major_attack_indicators": "yes", "remediation_required": true, "cross_team_communication": true, "uncertain_verdict": false}),
            ),
            "expected.conditions.major_attack_indicators: invalid type: string \"yes\", expected a boolean",
        ),
        (
            "a list where an object goes",
            Box::new(|d| d["expected"] = serde_json::json!([])),
            "expected: invalid length 0, expected struct Expected",
        ),
    ];
    for (what, m, said) in broken {
        let mut bad = good.clone();
        m(&mut bad);
        let e = parse_scenario(&bad.to_string()).expect_err(what);
        assert!(
            e.starts_with("This is not a valid scenario file: ") && e.contains(said),
            "{what}: {e}"
        );
    }
    // Text after the document is refused too.
    assert!(parse_scenario(&format!("{text} x")).is_err());
    let twice = text.replacen("\"title\":", "\"title\": \"Again\", \"title\":", 1);
    let e = parse_scenario(&twice).unwrap_err();
    assert!(e.contains("duplicate field `title`"), "{e}");
    let twice = text.replacen("\"minutes\":", "\"minutes\": 3, \"minutes\":", 1);
    let e = parse_scenario(&twice).unwrap_err();
    assert!(e.contains("checks[0]: duplicate field `minutes`"), "{e}");
    let e = parse_scenario(&text[..text.len() / 2]).unwrap_err();
    assert!(
        e.contains("EOF while parsing") && e.contains(" at line "),
        "{e}"
    );
    let e = parse_scenario(&format!("{text} x")).unwrap_err();
    assert!(e.contains("trailing characters"), "{e}");
}
