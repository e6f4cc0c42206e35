//! The bundled scenario library and the scorer.

mod common;

use std::path::PathBuf;
use strum::VariantArray;

use common::*;
use handoff_core::training::{parse_scenario, score, Scenario};
use handoff_core::FiveW as W;
use handoff_core::{Case, Command, Condition, EscalationChoice, Severity, Verdict};

fn scenario_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../static/scenarios")
}

fn bundled() -> Vec<(String, Scenario)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(scenario_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "index.json" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let s = parse_scenario(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((name, s));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// A trainee who answers exactly as the scenario expects.
fn model_answer(s: &Scenario, verdict: Verdict, escalate: bool, write_facts: bool) -> Case {
    let clock = StepClock::new();
    let mut c = Case::open("case-t", "Trainee", clock.now());
    c.edit_report(clock.now(), |r| {
        r.header.title = s.title.clone();
        r.header.alert_id = format!("TRAIN-{}", s.id);
        r.header.severity = Some(Severity::High);
        r.header.detected_at = Some(t(9, 0));
        r.raw_alert = s.raw_alert.clone();
        r.verdict = Some(verdict);
        r.verdict_justification = "See the Five Ws".into();
        for k in &s.expected.key_facts {
            if !write_facts {
                break;
            }
            let text = format!("{} (09:00 UTC)", k.any_of[0]);
            let w = &mut r.five_ws;
            let slot = match k.w {
                W::Who => &mut w.who,
                W::What => &mut w.what,
                W::When => &mut w.when,
                W::Where => &mut w.where_,
                W::Why => &mut w.why,
            };
            slot.push_str(&text);
            slot.push(' ');
        }
        for (field, filler) in [
            (&mut r.five_ws.who, "someone"),
            (&mut r.five_ws.what, "something"),
            (&mut r.five_ws.when, "09:00 UTC"),
            (&mut r.five_ws.where_, "somewhere"),
            (&mut r.five_ws.why, "the logs"),
        ] {
            if field.is_empty() {
                field.push_str(filler);
            }
        }
        for k in Condition::VARIANTS.iter().copied() {
            r.conditions.get_mut(k).applies = Some(s.expected.conditions.get(k));
        }
        r.decision.choice = Some(if escalate {
            EscalationChoice::Escalate
        } else {
            EscalationChoice::Close
        });
        r.decision.override_reason = "Training".into();
    })
    .unwrap();
    c.apply(Command::StartReview, clock.now()).unwrap();
    if verdict == Verdict::FalsePositive {
        c.apply(Command::CloseAsFalsePositive, clock.now()).unwrap();
    } else {
        c.apply(Command::BeginReport, clock.now()).unwrap();
        let step = if escalate {
            Command::SetInProgress
        } else {
            Command::CloseWithoutEscalation
        };
        c.apply(step, clock.now()).unwrap();
    }
    c
}

#[test]
fn the_library_has_at_least_twelve_consistent_scenarios_listed_in_its_index() {
    let all = bundled();
    assert!(all.len() >= 12, "{} scenarios", all.len());
    // Read as the app reads it.
    let mut listed = handoff_core::training::parse_scenario_index(
        &std::fs::read_to_string(scenario_dir().join("index.json")).unwrap(),
    )
    .unwrap();
    listed.sort();
    let files: Vec<String> = all.iter().map(|(n, _)| n.clone()).collect();
    assert_eq!(
        listed, files,
        "index.json must list exactly the scenario files"
    );
    for (name, s) in &all {
        assert_eq!(
            format!("{}.json", s.id),
            *name,
            "the file is named after the id"
        );
    }
    // The library covers every kind of outcome.
    for v in Verdict::VARIANTS.iter().copied() {
        assert!(
            all.iter().any(|(_, s)| s.expected.verdict == v),
            "no {v:?} scenario"
        );
    }
}

#[test]
fn expected_answers_score_full_marks_and_wrong_ones_less() {
    for (name, s) in bundled() {
        let e = &s.expected;
        let right = score(&s, &model_answer(&s, e.verdict, e.escalate, true));
        assert_eq!(right.total, right.max, "{name}: {right:#?}");
        assert_eq!(right.max, 100);

        let wrong_verdict = match e.verdict {
            Verdict::TruePositive => Verdict::NeedsReview,
            _ => Verdict::TruePositive,
        };
        let wrong = score(&s, &model_answer(&s, wrong_verdict, e.escalate, true));
        assert!(
            wrong.total < right.total,
            "{name}: wrong verdict still {}",
            wrong.total
        );

        if e.verdict != Verdict::FalsePositive {
            let wrong = score(&s, &model_answer(&s, e.verdict, !e.escalate, true));
            assert_eq!(wrong.total, right.total - 30, "{name}: wrong escalation");
            assert!(wrong.items[1].explanation.starts_with("Wrong call."));
        }
        let thin = score(&s, &model_answer(&s, e.verdict, e.escalate, false));
        assert!(
            thin.total < right.total,
            "{name}: a report without the key facts scored {}",
            thin.total
        );
        assert!(thin
            .items
            .last()
            .unwrap()
            .explanation
            .contains("Missing from the report"));
    }
}

#[test]
fn the_index_names_only_plain_files_and_a_damaged_one_is_said_so() {
    use handoff_core::training::parse_scenario_index;
    assert_eq!(
        parse_scenario_index(
            r#"{"scenarios": ["a.json", "../x.json", "b/c.json", "d\\e.json", ".hidden", "", "f.json"]}"#
        ),
        Ok(vec!["a.json".to_owned(), "f.json".to_owned()])
    );
    for bad in ["", "{", "[]", r#"{"scenarios": [1]}"#, r#"{"list": []}"#] {
        let e = parse_scenario_index(bad).unwrap_err();
        assert!(
            e.starts_with("The scenario index is damaged: "),
            "{bad}: {e}"
        );
    }
}

#[test]
fn inconsistent_or_foreign_scenarios_are_refused() {
    let (_, s) = bundled()
        .into_iter()
        .find(|(_, s)| s.expected.escalate)
        .unwrap();
    let mut v: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    v["expected"]["escalate"] = false.into();
    let e = parse_scenario(&v.to_string()).unwrap_err();
    assert!(e.contains("is inconsistent"), "{e}");
    assert!(parse_scenario("{\"format\": \"handoff-package\"}")
        .unwrap_err()
        .contains("not a valid scenario"));
    let mut v: serde_json::Value =
        serde_json::from_str(&serde_json::to_string(&s).unwrap()).unwrap();
    v["format"] = "something".into();
    assert!(parse_scenario(&v.to_string())
        .unwrap_err()
        .contains("not a scenario file"));
}

#[test]
fn the_session_summary_exports_scores_and_times() {
    use handoff_core::training::{session_json, session_markdown, TrainingResult};
    let results = vec![
        TrainingResult {
            scenario_id: "a".into(),
            title: "Phish | <b>".into(),
            score: 80,
            max: 100,
            seconds: 125,
            completed_at: t(10, 0),
        },
        TrainingResult {
            scenario_id: "b".into(),
            title: "Spray".into(),
            score: 100,
            max: 100,
            seconds: 59,
            completed_at: t(10, 5),
        },
    ];
    let md = session_markdown(&results);
    assert!(md.contains("2 scenarios, 180 of 200 points."), "{md}");
    assert!(
        md.contains("| Phish \\| \\<b\\> | 80 / 100 | 2 min 05 s | 2026-03-14T10:00:00Z |"),
        "{md}"
    );
    let json: serde_json::Value = serde_json::from_str(&session_json(&results)).unwrap();
    assert_eq!(json["total"], 180);
    assert_eq!(json["results"][1]["seconds"], 59);
}
