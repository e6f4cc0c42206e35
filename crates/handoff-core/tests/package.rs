//! The handoff package: golden files for three realistic cases, the exact round trip, and
//! every class of import error with its message.

mod common;

use common::*;
use handoff_core::package::{
    chat_message, file_name, import, import_located, to_json, to_markdown, ExportOptions,
    ImportError,
};
use handoff_core::vocabulary::limits::MAX_PACKAGE_BYTES;
use handoff_core::{Case, Command, TimelineEntry};

#[test]
fn golden_outputs_of_three_realistic_cases() {
    for (name, case) in [
        ("phishing", phishing()),
        ("admin-false-positive", admin_false_positive()),
        ("ransomware", ransomware()),
    ] {
        golden(
            &format!("{name}.md"),
            &to_markdown(&case, &ExportOptions::default()),
        );
        golden(
            &format!("{name}.chat.txt"),
            &chat_message(&case, &ExportOptions::default()),
        );
        golden(&format!("{name}.json"), &to_json(&case));
    }
}

#[test]
fn export_import_export_is_byte_identical() {
    for case in [phishing(), admin_false_positive(), ransomware()] {
        let json = to_json(&case);
        let back = import(json.as_bytes()).unwrap();
        assert_eq!(back, case);
        assert_eq!(to_json(&back), json);
        assert_eq!(import_located(json.as_bytes()).unwrap(), case);
    }
}

#[test]
fn markdown_defangs_indicators_and_prose() {
    let md = to_markdown(&phishing(), &ExportOptions::default());
    assert!(
        md.contains("`hxxps://cdn-update[.]example[.]com/stage2.ps1`"),
        "{md}"
    );
    assert!(md.contains("`billing[@]evil-invoices[.]example`"));
    assert!(md.contains("`203[.]0[.]113[.]50`"));
    assert!(!md.contains("https://"), "no live link anywhere");
    let chat = chat_message(&ransomware(), &ExportOptions::default());
    assert!(chat.contains("＠here"), "{chat}");
    assert!(!chat.contains("@here"));
}

#[test]
fn hostile_strings_cannot_inject_markup() {
    let clock = StepClock::new();
    let mut c = Case::open("case-x", "x", clock.now());
    let hostile = "<img src=x onerror=alert(1)>\n[x](javascript:alert(1))\n| a | b |\n```\n`code`\n@here\n# Heading\n<script>alert(1)</script>\n![i](https://x.io/i.png) <https://evil.example>\n[ref]: https://evil.example\n[ref]";
    c.edit_report(clock.now(), |r| {
        r.header.title = hostile.into();
        r.five_ws.who = hostile.into();
        r.recommended_actions = vec![hostile.into()];
        std::rc::Rc::make_mut(&mut r.timeline).push(TimelineEntry {
            at: None,
            description: hostile.into(),
        });
    })
    .unwrap();
    let md = to_markdown(&c, &ExportOptions::default());
    // Read as a ticket would read it: no link, image or HTML from anything typed.
    assert_eq!(markdown_injections(&md), Vec::<String>::new(), "{md}");
    // ... and the text itself survives, as text.
    let text = markdown_text(&md);
    assert!(text.contains("<img src=x onerror=alert(1)>"), "{text}");
    assert!(text.contains("[x](javascript:alert(1))"), "{text}");
    // The only headings are the export's own: the user's "# Heading" line made none.
    assert!(!markdown_headings(&md).iter().any(|h| h.trim() == "Heading"));
    assert!(markdown_headings(&md)[0].starts_with("Handoff: "));
}

/// The text a CommonMark reader sees in `md` (all text and code, joined).
fn markdown_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    Parser::new(md)
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.into_string()),
            Event::SoftBreak | Event::HardBreak => Some("\n".to_owned()),
            _ => None,
        })
        .collect()
}

/// The headings a CommonMark reader finds in `md`.
fn markdown_headings(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    for e in Parser::new(md) {
        match e {
            Event::Start(Tag::Heading { .. }) => current = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = current.as_mut() {
                    h.push_str(&t);
                }
            }
            _ => {}
        }
    }
    out
}

#[test]
fn file_names_come_from_the_ticket_and_are_safe() {
    let c = phishing();
    assert_eq!(file_name(&c, "json"), "INC-2291-handoff.json");
    let clock = StepClock::new();
    let mut c = Case::open("case-1", "x", clock.now());
    c.edit_report(clock.now(), |r| {
        r.header.alert_id = "../../etc/passwd ✓".into()
    })
    .unwrap();
    assert_eq!(file_name(&c, "md"), "_.._etc_passwd__-handoff.md");
}

fn err(bytes: &[u8]) -> (ImportError, String) {
    let e = import(bytes).unwrap_err();
    // The page's own reader refuses the same input for the same reason; it only names a
    // wrong value by line and column instead of by path.
    match (&e, import_located(bytes).unwrap_err()) {
        (ImportError::Field { message, .. }, ImportError::Value { message: m, .. }) => {
            assert_eq!(message, &m)
        }
        (_, located) => assert_eq!(located, e),
    }
    let msg = e.to_string();
    (e, msg)
}

#[test]
fn every_import_error_is_named_in_one_sentence() {
    let good = to_json(&phishing());

    let big = vec![b' '; MAX_PACKAGE_BYTES + 1];
    let (e, m) = err(&big);
    assert!(matches!(e, ImportError::TooLarge { .. }));
    assert_eq!(
        m,
        "The file is 5.0 MB, larger than the 5.0 MB a handoff package may be."
    );

    let (e, m) = err(b"  \n");
    assert_eq!(e, ImportError::Empty);
    assert_eq!(m, "The file is empty.");

    let (e, m) = err(b"{\"a\": \"\xff\"}");
    assert_eq!(e, ImportError::NotUtf8 { offset: 7 });
    assert!(m.contains("not UTF-8"), "{m}");

    let (e, m) = err(b"{\n  \"format\": \"handoff-package\",\n  \"schema_version\": 1,\n}");
    assert!(
        matches!(
            e,
            ImportError::Syntax {
                line: 4,
                column: 1,
                ..
            }
        ),
        "{e:?}"
    );
    assert_eq!(
        m,
        "The file is not valid JSON: trailing comma at line 4, column 1."
    );

    // Hostile depth costs neither a stack overflow nor a vague message, wherever it is:
    // under a member Handoff does not know, under the case, or as the whole document.
    let deep = |key: &str| {
        format!(
            "{{\"format\": \"handoff-package\", \"schema_version\": 1, \"{key}\": {}{}}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        )
    };
    let (e, m) = err(deep("x").as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path == "x"),
        "{e:?}"
    );
    assert!(m.contains("unknown field `x`"), "{m}");
    let (e, _) = err(deep("case").as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path.starts_with("case")),
        "{e:?}"
    );
    let deep_array = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let (e, m) = err(deep_array.as_bytes());
    assert!(matches!(e, ImportError::Syntax { line: 1, .. }), "{e:?}");
    assert!(
        m.starts_with("The file is not valid JSON: nested more than 128 levels deep"),
        "{m}"
    );
    let deep_objects = format!(
        "{{\"format\": \"handoff-package\", \"schema_version\": 1, \"case\": {{\"report\": {}1{}}}}}",
        "{\"a\": ".repeat(200),
        "}".repeat(200)
    );
    assert!(matches!(
        err(deep_objects.as_bytes()).0,
        ImportError::Field { .. } | ImportError::Syntax { .. }
    ));

    let (e, m) = err(b"[1, 2]");
    assert_eq!(e, ImportError::NotAPackage);
    assert!(m.contains("not a Handoff package"), "{m}");
    assert_eq!(
        err(b"{\"format\": \"something-else\"}").0,
        ImportError::NotAPackage
    );

    // Text after a whole package: refused by both readers, as broken JSON where it starts.
    let (e, m) = err(format!("{good} trailing").as_bytes());
    assert!(
        matches!(&e, ImportError::Syntax { message, .. } if message == "trailing characters"),
        "{e:?}"
    );
    assert!(
        m.contains("not valid JSON: trailing characters at line"),
        "{m}"
    );

    // A whole case under another format's name: read in one pass, refused all the same.
    let other = good.replacen("\"handoff-package\"", "\"other-package\"", 1);
    assert_eq!(err(other.as_bytes()).0, ImportError::NotAPackage);

    let (e, m) = err(b"{\"format\": \"handoff-package\", \"case\": {}}");
    assert_eq!(e, ImportError::MissingVersion);
    assert!(m.contains("no schema_version"), "{m}");

    let newer = good.replacen("\"schema_version\": 1", "\"schema_version\": 7", 1);
    let (e, m) = err(newer.as_bytes());
    assert_eq!(e, ImportError::NewerVersion { found: 7 });
    assert!(
        m.contains("schema version 7, newer than the version 1"),
        "{m}"
    );

    for bad in [
        "\"schema_version\": 0",
        "\"schema_version\": \"1\"",
        "\"schema_version\": -1",
    ] {
        let s = good.replacen("\"schema_version\": 1", bad, 1);
        assert_eq!(err(s.as_bytes()).0, ImportError::InvalidVersion, "{bad}");
    }

    let mut doc: serde_json::Value = serde_json::from_str(&good).unwrap();
    doc["case"]["report"]["five_ws"]
        .as_object_mut()
        .unwrap()
        .remove("who");
    let missing = serde_json::to_string_pretty(&doc).unwrap();
    let (e, m) = err(missing.as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path == "case.report.five_ws"),
        "{e:?}"
    );
    assert_eq!(
        m,
        "The package's field case.report.five_ws is wrong: missing field `who`."
    );

    // One policy for fields Handoff does not know: refused, with their path, so that nothing
    // written into a package is silently dropped on the next export.
    let unknown = good.replacen("\"who\": ", "\"whom\": ", 1);
    let (e, m) = err(unknown.as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path == "case.report.five_ws.whom"),
        "{e:?}"
    );
    assert!(
        m.starts_with("The package's field case.report.five_ws.whom is wrong: unknown field `whom`, expected one of `who`, `what`"),
        "{m}"
    );
    let extra_top = good.replacen(
        "\"schema_version\": 1,",
        "\"schema_version\": 1,\n  \"comment\": \"hi\",",
        1,
    );
    assert!(
        matches!(err(extra_top.as_bytes()).0, ImportError::Field { path, .. } if path == "comment")
    );

    // A member written twice is refused rather than one of the two silently winning.
    let twice = good.replacen("\"who\": ", "\"who\": \"x\", \"who\": ", 1);
    let (e, m) = err(twice.as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path.starts_with("case.report.five_ws")),
        "{e:?}"
    );
    assert!(m.contains("duplicate field `who`"), "{m}");

    let wrong_type = good.replacen("\"severity\": \"high\"", "\"severity\": 3", 1);
    let (e, m) = err(wrong_type.as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path == "case.report.header.severity"),
        "{e:?}"
    );
    assert_eq!(m, "The package's field case.report.header.severity is wrong: invalid type: integer `3`, expected one of \"low\", \"medium\", \"high\", \"critical\".");
    let wrong_stage = good.replacen("\"to\": \"l1_review\"", "\"to\": 7", 1);
    let (e, m) = err(wrong_stage.as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path == "case.audit[1].to"),
        "{e:?}"
    );
    assert!(m.contains("expected a stage name"), "{m}");

    let bad_ioc = good.replacen(
        "\"value\": \"203.0.113.50\"",
        "\"value\": \"999.0.113.50\"",
        1,
    );
    let (e, m) = err(bad_ioc.as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path.starts_with("case.report.indicators[")),
        "{e:?}"
    );
    assert!(m.contains("not a valid IPv4 indicator"), "{m}");

    let bad_attack = good.replacen("\"T1566.001\"", "\"T15\"", 1);
    assert!(err(bad_attack.as_bytes())
        .1
        .contains("is not an ATT&CK technique ID"));

    let bad_time = good.replacen(
        "\"detected_at\": \"2026-03-14T09:14:00Z\"",
        "\"detected_at\": \"yesterday\"",
        1,
    );
    let (e, _) = err(bad_time.as_bytes());
    assert!(
        matches!(&e, ImportError::Field { path, .. } if path == "case.report.header.detected_at"),
        "{e:?}"
    );

    // Well-formed, but escalated with a Why erased: the workflow's rules refuse it.
    let invariant = good.replacen(
        &format!(
            "\"why\": {}",
            serde_json::to_string(&phishing().report.five_ws.why).unwrap()
        ),
        "\"why\": \"\"",
        1,
    );
    assert_ne!(invariant, good);
    let (e, m) = err(invariant.as_bytes());
    assert!(matches!(e, ImportError::Invariant(_)), "{e:?}");
    assert!(m.starts_with("The package's case breaks the workflow's rules: it is Incident response but why is empty"), "{m}");

    let skipped = good.replacen("\"to\": \"l1_review\"", "\"to\": \"reporting\"", 1);
    let (e, m) = err(skipped.as_bytes());
    assert!(matches!(e, ImportError::Invariant(_)), "{e:?}");
    assert!(m.contains("audit entry 2"), "{m}");
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(to_json(&admin_false_positive()).as_bytes());
    assert!(import(&bytes).is_ok());
}

mod paths {
    //! On every corruption of a real package (a value replaced by another of any kind, or a
    //! member or item removed), the importer either reads a case or refuses it naming the
    //! corrupted place (or, for a removal, the object it was removed from); never a place
    //! elsewhere in the file.
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    fn leaves(v: &Value, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    let mut p = path.clone();
                    p.push(k.clone());
                    leaves(x, p, out);
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let mut p = path.clone();
                    p.push(i.to_string());
                    leaves(x, p, out);
                }
            }
            _ => {}
        }
    }

    fn at<'a>(v: &'a mut Value, path: &[String]) -> &'a mut Value {
        path.iter().fold(v, |v, k| match v {
            Value::Object(m) => m.get_mut(k).unwrap(),
            Value::Array(a) => &mut a[k.parse::<usize>().unwrap()],
            _ => unreachable!(),
        })
    }

    /// `["case", "audit", "1", "to"]` → `case.audit[1].to`, as serde_path_to_error writes it.
    fn dotted(path: &[String]) -> String {
        let mut out = String::new();
        for k in path {
            if k.parse::<usize>().is_ok() {
                out.push_str(&format!("[{k}]"));
            } else {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
        }
        out
    }

    fn replacement() -> impl Strategy<Value = Option<Value>> {
        prop_oneof![
            Just(None), // delete the key (or the array element)
            Just(Some(Value::Null)),
            Just(Some(Value::Bool(true))),
            Just(Some(serde_json::json!(3))),
            Just(Some(serde_json::json!(-1.5))),
            Just(Some(serde_json::json!("x"))),
            Just(Some(serde_json::json!("999.1.1.1"))),
            Just(Some(serde_json::json!("2026-99-99T00:00:00Z"))),
            Just(Some(serde_json::json!([]))),
            Just(Some(serde_json::json!({}))),
            Just(Some(serde_json::json!({"unexpected": 1}))),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 1500, ..ProptestConfig::default() })]
        #[test]
        fn refusals_name_the_corrupted_place(pick in any::<prop::sample::Index>(), new in replacement(), case in 0..3usize) {
            let case = [phishing, admin_false_positive, ransomware][case]();
            let mut doc: Value = serde_json::from_str(&to_json(&case)).unwrap();
            let mut all = Vec::new();
            leaves(&doc["case"], vec!["case".to_owned()], &mut all);
            let path = pick.get(&all).clone();
            let (parent, last) = path.split_at(path.len() - 1);
            let removed = new.is_none();
            match new {
                Some(v) => *at(&mut doc, &path) = v,
                None => match at(&mut doc, parent) {
                    Value::Object(m) => { m.remove(&last[0]); }
                    Value::Array(a) => { a.remove(last[0].parse::<usize>().unwrap()); }
                    _ => {}
                },
            }
            let text = serde_json::to_string_pretty(&doc).unwrap();
            match import(text.as_bytes()) {
                Ok(back) => prop_assert_eq!(to_json(&back), to_json(&import(to_json(&back).as_bytes()).unwrap())),
                Err(ImportError::Field { path: named, message }) => {
                    let corrupted = dotted(&path);
                    let container = match dotted(parent) {
                        p if p.is_empty() => "(top level)".to_owned(),
                        p => p,
                    };
                    let ok = named == corrupted
                        || corrupted.starts_with(&format!("{named}."))
                        || corrupted.starts_with(&format!("{named}["))
                        || named.starts_with(&format!("{corrupted}."))
                        || (removed && (named == container || named.starts_with(&format!("{container}["))));
                    prop_assert!(ok, "corrupted {corrupted}, importer named {named}: {message}");
                }
                // The workflow's invariants, checked after every field reads.
                Err(ImportError::Invariant(_)) => {}
                Err(other) => prop_assert!(false, "unexpected refusal: {other}"),
            }
        }
    }
}

#[test]
fn the_clarification_message_carries_the_question_then_the_answer_safely() {
    use handoff_core::package::clarification_message;
    let clock = StepClock::new();
    let mut c = in_l2_review(&clock);
    assert_eq!(
        clarification_message(&c, &ExportOptions::default()),
        "",
        "nothing asked yet"
    );
    c.apply(
        Command::RequestClarification {
            question: "@here was https://evil.example/x reached\nby anyone else?".into(),
        },
        clock.now(),
    )
    .unwrap();
    let asked = clarification_message(&c, &ExportOptions::default());
    assert!(
        asked
            .starts_with("Question from L2 Sam Lee on INC-2291 — Suspicious PowerShell download\n"),
        "{asked}"
    );
    assert!(
        asked.contains("Question: ＠here was hxxps://evil[.]example/x reached by anyone else?\n"),
        "{asked}"
    );
    assert!(!asked.contains("@here"));
    c.apply(
        Command::AnswerClarification {
            answer: "No: only WS-FIN-042.".into(),
        },
        clock.now(),
    )
    .unwrap();
    let answered = clarification_message(&c, &ExportOptions::default());
    assert!(
        answered.starts_with("Answer from L1 Dana Kim on INC-2291"),
        "{answered}"
    );
    assert!(
        answered.contains("Answer: No: only WS-FIN-042.\n"),
        "{answered}"
    );
}
