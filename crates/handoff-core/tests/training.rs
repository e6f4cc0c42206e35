//! The bundled scenario library, the scorer, the session files and the class debrief.

mod common;

use std::path::PathBuf;
use strum::VariantArray;

use common::*;
use handoff_core::intake::extract;
use handoff_core::training::answer::{expected_answer, play, wrong_answers};
use handoff_core::training::leak::{distinctive_tokens, example_leaks, leaks_of};
use handoff_core::training::{
    parse_scenario, parse_scenario_index, score, Difficulty, Outcome, Scenario,
};
use handoff_core::{Field, IndicatorKind, Role};

fn scenario_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../static/scenarios")
}

/// Every bundled scenario: file name, text, parsed.
fn bundled() -> Vec<(String, String, Scenario)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(scenario_dir()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "index.json" {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let s = parse_scenario(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        out.push((name, text, s));
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn the_library_lists_every_scenario_file_each_named_after_its_id() {
    let all = bundled();
    assert!(all.len() >= 24, "{} scenarios", all.len());
    let mut listed =
        parse_scenario_index(&std::fs::read_to_string(scenario_dir().join("index.json")).unwrap())
            .unwrap();
    listed.sort();
    let files: Vec<String> = all.iter().map(|(n, _, _)| n.clone()).collect();
    assert_eq!(
        listed, files,
        "index.json must list exactly the scenario files"
    );
    for (name, _, s) in &all {
        assert_eq!(
            format!("{}.json", s.id),
            *name,
            "the file is named after the id"
        );
    }
}

#[test]
fn every_outcome_of_the_guide_is_reached_by_two_scenarios_six_are_l2_and_every_level_is_there() {
    let all: Vec<Scenario> = bundled().into_iter().map(|(_, _, s)| s).collect();
    let count = |f: &dyn Fn(&Scenario) -> bool| all.iter().filter(|s| f(s)).count();
    let o = |want: &'static [Outcome]| move |s: &Scenario| want.contains(&s.expected.outcome);
    for (what, n) in [
        (
            "closed as false positive",
            count(&o(&[Outcome::ClosedFalsePositive])),
        ),
        ("closed at L1", count(&o(&[Outcome::ClosedAtL1]))),
        ("escalated to L2", count(&o(&[Outcome::L2Notified]))),
        ("resolved (minor)", count(&o(&[Outcome::Resolved]))),
        ("incident response", count(&o(&[Outcome::IncidentResponse]))),
        (
            "escalated to L3 or the IR team",
            count(&o(&[Outcome::EscalatedToL3, Outcome::EscalatedToIrTeam])),
        ),
        (
            "a clarification loop",
            count(&|s: &Scenario| s.expected.question.is_some()),
        ),
    ] {
        assert!(n >= 2, "only {n} scenario(s) {what}");
    }
    assert!(count(&|s: &Scenario| s.role == Role::L2) >= 6);
    for d in Difficulty::VARIANTS {
        assert!(count(&|s: &Scenario| s.difficulty == *d) > 0, "no {d:?}");
    }
}

#[test]
fn every_bundled_scenario_scores_full_marks_for_its_answer_and_less_for_any_wrong_one() {
    let at = t(9, 0);
    for (name, _, s) in bundled() {
        let right = expected_answer(&s);
        let case = play(&s, &right, at);
        assert_eq!(
            case.stage,
            s.expected.outcome.stage(),
            "{name}: {:?}",
            case.stage
        );
        let full = score(&s, &case, &right.checks);
        assert_eq!((full.total, full.max), (100, 100), "{name}: {full:#?}");
        let wrongs = wrong_answers(&s);
        assert!(wrongs.len() >= 8, "{name}: {} wrong answers", wrongs.len());
        for (what, a) in wrongs {
            let got = score(&s, &play(&s, &a, at), &a.checks);
            assert!(got.total < 100, "{name}: {what} still scores {}", got.total);
            assert!(got.items.iter().all(|i| i.points <= i.max));
        }
    }
}

#[test]
fn the_debrief_says_which_checks_mattered_and_which_were_wasted() {
    let (_, _, s) = bundled()
        .into_iter()
        .find(|(_, _, s)| s.id == "phishing-macro")
        .unwrap();
    let mut a = expected_answer(&s);
    a.checks = vec!["edr-tree".into(), "firewall".into()];
    let got = score(&s, &play(&s, &a, t(9, 0)), &a.checks);
    let checks = got.items.iter().find(|i| i.key == "checks").unwrap();
    assert!(
        checks
            .explanation
            .contains("Mattered: Open the EDR process tree"),
        "{}",
        checks.explanation
    );
    assert!(
        checks.explanation.contains("Not run: Trace the mail"),
        "{}",
        checks.explanation
    );
    let time = got.items.iter().find(|i| i.key == "time").unwrap();
    assert_eq!(time.what, "Shift time: 15 min, 10 on dead ends");
    assert_eq!(time.points, 1);
    assert!(
        time.explanation
            .contains("Wasted: Look for blocked connections"),
        "{}",
        time.explanation
    );
}

#[test]
fn the_handoff_itself_is_scored_and_explained() {
    let (_, _, s) = bundled()
        .into_iter()
        .find(|(_, _, s)| s.id == "phishing-macro")
        .unwrap();
    let mut a = expected_answer(&s);
    a.summary = "Bad stuff.".into();
    a.concerns = "None.".into();
    a.assignee = "Somebody".into();
    let got = score(&s, &play(&s, &a, t(9, 0)), &a.checks);
    let item = |k: &str| got.items.iter().find(|i| i.key == k).unwrap().clone();
    let summary = item("summary");
    assert_eq!(summary.points, 0);
    assert!(
        summary.explanation.contains("too short"),
        "{}",
        summary.explanation
    );
    assert!(
        summary.explanation.contains("the host and user"),
        "{}",
        summary.explanation
    );
    let concerns = item("concerns");
    assert_eq!(concerns.points, 2, "written, but naming nothing");
    assert!(concerns.explanation.contains("the process still running"));
    assert_eq!(item("assignee").points, 0);
    assert!(item("assignee").explanation.contains("Kwame Mensah"));
    assert_eq!(item("ticket").points, 3);
}

#[test]
fn no_field_example_shares_a_distinctive_token_with_any_scenario() {
    let mut found = Vec::new();
    for (name, text, _) in bundled() {
        for l in example_leaks(&text) {
            found.push(format!(
                "{name}: \"{}\" from the example of {:?}",
                l.token, l.field
            ));
        }
    }
    assert!(
        found.is_empty(),
        "field examples leak into scenarios:\n{}",
        found.join("\n")
    );
}

/// Guards the test above against finding nothing because it looks at nothing.
#[test]
fn the_leak_check_finds_a_planted_leak_and_reads_tokens_as_documented() {
    let examples: Vec<(Field, &str)> = handoff_core::training::leak::fields_with_examples()
        .into_iter()
        .filter_map(|f| f.example().map(|e| (f, e)))
        .collect();
    assert!(examples.len() >= 10, "{} examples", examples.len());
    let every_token: Vec<String> = examples
        .iter()
        .flat_map(|(_, e)| distinctive_tokens(e))
        .collect();
    assert!(every_token.len() >= 5, "{every_token:?}");
    // Each example's own distinctive tokens, planted in a scenario, are found.
    let (_, text, _) = bundled().remove(0);
    for token in &every_token {
        let planted = text.replacen(
            "\"debrief\": \"",
            &format!("\"debrief\": \"Like {token}. "),
            1,
        );
        assert!(
            !example_leaks(&planted).is_empty(),
            "{token} planted but not found"
        );
    }
    assert_eq!(
        distinctive_tokens(
            "Host WEB-07 (203.0.113.5) ran tool.exe as svc_x at 09:30 on 2026-01-02; \
             mail from a@b.example, ticket 1234, 55555 times, Zorblax found it, code-signing"
        ),
        vec![
            "web-07",
            "203.0.113.5",
            "tool.exe",
            "svc_x",
            "2026-01-02",
            "a@b.example",
            "55555",
            "zorblax",
            "code-signing",
            "signing"
        ]
    );
    // Found at the start of a word only, and case ignored.
    let ex = [(Field::Who, "Zorblax")];
    assert_eq!(leaks_of(&ex, "ZORBLAX did it").len(), 1);
    assert_eq!(leaks_of(&ex, "the zorblaxes").len(), 1);
    assert!(leaks_of(&ex, "unzorblax").is_empty());
}

/// Every address in a scenario is from the ranges reserved for documentation, and every
/// domain is a reserved example one: no real network or company appears.
#[test]
fn scenarios_use_only_documentation_addresses_and_example_domains() {
    let reserved_ip = |ip: &str| ip.starts_with("203.0.113.") || ip.starts_with("198.51.100.");
    let reserved_domain = |d: &str| {
        let d = d.to_lowercase();
        d.ends_with(".example")
            || ["example.com", "example.net", "example.org"]
                .iter()
                .any(|x| d == *x || d.ends_with(&format!(".{x}")))
    };
    for (name, text, _) in bundled() {
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut strings = Vec::new();
        collect_strings(&v, &mut strings);
        for s in strings {
            for i in extract(&s) {
                let ok = match i.kind {
                    IndicatorKind::Ipv4 => reserved_ip(&i.value),
                    IndicatorKind::Domain => reserved_domain(&i.value),
                    IndicatorKind::Email => reserved_domain(i.value.rsplit('@').next().unwrap()),
                    IndicatorKind::Url => {
                        let host = i
                            .value
                            .split("://")
                            .nth(1)
                            .unwrap_or("")
                            .split(['/', ':'])
                            .next()
                            .unwrap_or("");
                        reserved_domain(host) || reserved_ip(host)
                    }
                    _ => true,
                };
                assert!(
                    ok,
                    "{name}: {:?} {} is not reserved for documentation",
                    i.kind, i.value
                );
            }
        }
    }
}

fn collect_strings(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect_strings(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect_strings(x, out)),
        _ => {}
    }
}

#[test]
fn the_index_names_only_plain_files_and_a_damaged_one_is_said_so() {
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

fn edited(s: &Scenario, f: impl FnOnce(&mut serde_json::Value)) -> Result<Scenario, String> {
    let mut v = serde_json::to_value(s).unwrap();
    f(&mut v);
    parse_scenario(&v.to_string())
}

#[test]
fn inconsistent_incomplete_old_or_foreign_scenarios_are_refused_with_the_reason() {
    let all: Vec<Scenario> = bundled().into_iter().map(|(_, _, s)| s).collect();
    let l1 = all
        .iter()
        .find(|s| s.expected.outcome == Outcome::L2Notified)
        .unwrap();
    let l2 = all
        .iter()
        .find(|s| s.role == Role::L2 && s.expected.question.is_none())
        .unwrap();
    assert_eq!(
        edited(l1, |_| {}).as_ref(),
        Ok(l1),
        "a scenario survives a round trip"
    );
    for (s, change, why) in [
        (
            l1,
            &(|v: &mut serde_json::Value| v["expected"]["outcome"] = "closed_at_l1".into())
                as &dyn Fn(&mut serde_json::Value),
            "by the guide",
        ),
        (
            l1,
            &|v| v["expected"]["verdict"] = "needs_review".into(),
            "Needs Review",
        ),
        (
            l1,
            &|v| {
                v["checks"]
                    .as_array_mut()
                    .unwrap()
                    .retain(|c| c["kind"] == "fact")
            },
            "dead end",
        ),
        (
            l1,
            &|v| v["checks"][1]["id"] = v["checks"][0]["id"].clone(),
            "id of its own",
        ),
        (
            l1,
            &|v| v["checks"][0]["minutes"] = 0.into(),
            "1 to 240 minutes",
        ),
        (l1, &|v| v["l2_on_shift"] = "".into(), "L2 analyst on shift"),
        (
            l1,
            &|v| v["expected"]["classification"] = "major".into(),
            "an L1 scenario has no",
        ),
        (
            l1,
            &|v| v["role"] = "L2".into(),
            "outcome is not one its role reaches",
        ),
        (
            l2,
            &|v| v["expected"]["tasks"] = serde_json::json!(["deeper_analysis"]),
            "validating",
        ),
        (
            l2,
            &|v| v["handoff"]["case"]["stage"] = "l2_review".into(),
            "L2 notified",
        ),
        (
            l2,
            &|v| v["handoff"]["schema_version"] = 9.into(),
            "its handoff cannot be read: The package uses schema version 9",
        ),
        (
            l2,
            &|v| v["raw_alert"] = "x".into(),
            "takes its alert and report from the handoff",
        ),
        (
            l2,
            &|v| v["expected"]["question"] = serde_json::json!({"fact": "x", "any_of": ["y"]}),
            "L1's answer",
        ),
        (
            l2,
            &|v| {
                v.as_object_mut().unwrap().remove("handoff");
            },
            "needs L1's handoff",
        ),
    ] {
        let e = edited(s, change).unwrap_err();
        assert!(e.contains(why), "{}: {e}", s.id);
    }
    let minor_ir = all
        .iter()
        .find(|s| s.expected.outcome == Outcome::IncidentResponse)
        .unwrap();
    let e = edited(minor_ir, |v| {
        v["expected"]["classification"] = "minor".into()
    })
    .unwrap_err();
    assert!(e.contains("a major one goes to incident response"), "{e}");

    let e =
        parse_scenario(r#"{"format": "handoff-scenario", "id": "x", "facts": []}"#).unwrap_err();
    assert!(e.contains("first scenario format"), "{e}");
    let e = edited(l1, |v| v["checks"][2]["minutes"] = "ten".into()).unwrap_err();
    assert!(
        e.contains("checks[2].minutes: invalid type: string \"ten\", expected u32"),
        "{e}"
    );
    let e = edited(l1, |v| v["expected"]["verdict"] = "benign".into()).unwrap_err();
    assert!(
        e.contains(
            "expected.verdict: invalid value: string \"benign\", expected one of \"true_positive\""
        ),
        "{e}"
    );
    let e = parse_scenario("{\"format\": ").unwrap_err();
    assert!(e.contains("line 1 column"), "{e}");
    assert!(parse_scenario("{\"format\": \"handoff-scenario\"}")
        .unwrap_err()
        .contains("not a valid scenario file: missing field"));
    assert!(
        parse_scenario("{\"format\": \"handoff-package\", \"schema_version\": 1}")
            .unwrap_err()
            .contains("not a scenario file")
    );
    let e = edited(l1, |v| v["format"] = "something".into()).unwrap_err();
    assert!(e.contains("not a scenario file"), "{e}");
}

#[test]
fn an_l2_scenario_starts_from_its_handoff_and_l1_answers_a_question() {
    use handoff_core::training::{l1_replies, start_case};
    use handoff_core::{Command, Edit, Stage};
    let (_, _, s) = bundled()
        .into_iter()
        .find(|(_, _, s)| s.expected.question.is_some())
        .unwrap();
    let mut c = start_case(&s, "case-x".into(), t(12, 0), "Sam").unwrap();
    assert_eq!((c.id.as_str(), c.stage), ("case-x", Stage::L2Notified));
    assert!(
        l1_replies(&s, &mut c, t(12, 1)).is_err(),
        "nothing was asked"
    );
    c.edit(Edit::L2Analyst("Sam".into()), t(12, 1)).unwrap();
    c.apply(Command::StartL2Review, t(12, 1)).unwrap();
    c.apply(
        Command::RequestClarification {
            question: "What did the user say?".into(),
        },
        t(12, 2),
    )
    .unwrap();
    l1_replies(&s, &mut c, t(12, 3)).unwrap();
    assert_eq!(c.stage, Stage::L2Review);
    let answer = c.clarifications[0].answer.as_ref().unwrap();
    assert_eq!(answer.text, s.l1_answer);
    assert_eq!(answer.answered_by.role, Role::L1);
}

#[test]
fn sessions_carry_the_trainee_and_older_files_are_still_read() {
    use handoff_core::training::{
        class_csv, class_debrief, class_markdown, parse_session, session_json, session_markdown,
        ResultItem, TrainingResult,
    };
    let result = |id: &str, title: &str, score: u32, minute: u32, items: Vec<(&str, u32, u32)>| {
        TrainingResult {
            scenario_id: id.into(),
            title: title.into(),
            score,
            max: 100,
            seconds: 125,
            completed_at: t(10, minute),
            role: Some(Role::L1),
            minutes: 25,
            checks: vec!["a".into()],
            items: items
                .into_iter()
                .map(|(k, p, m)| ResultItem {
                    key: k.into(),
                    points: p,
                    max: m,
                })
                .collect(),
        }
    };
    let dana = vec![
        result(
            "phish",
            "Phish | <b>",
            80,
            0,
            vec![("summary", 2, 10), ("verdict", 15, 15)],
        ),
        result("spray", "Spray", 100, 5, vec![]),
        result("phish", "Phish | <b>", 95, 9, vec![]),
    ];
    let md = session_markdown("Dana Kim", &dana);
    assert!(md.contains("Trainee: Dana Kim"), "{md}");
    assert!(md.contains("3 scenarios, 275 of 300 points."), "{md}");
    assert!(
        md.contains(
            "| Phish \\| \\<b\\> | 80 / 100 | 2 min 05 s | 25 min | 2026-03-14T10:00:00Z |"
        ),
        "{md}"
    );
    let json = session_json(" Dana Kim ", &dana);
    let back = parse_session(&json, "file.json").unwrap();
    assert_eq!(back.trainee, "Dana Kim");
    assert_eq!(back.results, dana);

    // A first-version file: no version, no trainee, results without the newer fields.
    let old = r#"{"format": "handoff-training-session", "scenarios": 1, "total": 40, "max": 100,
        "results": [{"scenario_id": "phish", "title": "Phish | <b>", "score": 40, "max": 100,
        "seconds": 59, "completed_at": "2026-03-14T11:00:00Z"}]}"#;
    let old = parse_session(old, "lee-session").unwrap();
    assert_eq!(old.trainee, "lee-session");
    assert_eq!(old.results[0].checks, Vec::<String>::new());
    assert!(parse_session("{}", "x")
        .unwrap_err()
        .contains("not a training session file"));
    assert!(parse_session(r#"{"format": "handoff-package"}"#, "x").is_err());
    let newer = json.replace("\"version\": 2", "\"version\": 3");
    assert!(parse_session(&newer, "x").unwrap_err().contains("newer"));
    // A wrong value is named by its path; unknown and repeated fields are refused.
    let e =
        parse_session(&json.replacen("\"score\": 80", "\"score\": \"80\"", 1), "x").unwrap_err();
    assert!(
        e.contains("results[0].score: invalid type: string \"80\""),
        "{e}"
    );
    let e = parse_session(
        &json.replacen("\"minutes\":", "\"hint\": 1, \"minutes\":", 1),
        "x",
    )
    .unwrap_err();
    assert!(e.contains("results[0].hint: unknown field `hint`"), "{e}");
    let e = parse_session(
        &json.replacen("\"title\":", "\"title\": \"x\", \"title\":", 1),
        "x",
    )
    .unwrap_err();
    assert!(e.contains("results[0]: duplicate field `title`"), "{e}");
    let e = parse_session(
        &json.replacen(
            "\"completed_at\": \"2026",
            "\"completed_at\": \"yesterday",
            1,
        ),
        "x",
    )
    .unwrap_err();
    assert!(e.contains("results[0].completed_at: \"yesterday"), "{e}");

    let sam = parse_session(
        &session_json(
            "=Sam, \"the\" tester",
            &[result("spray", "Spray", 60, 1, vec![("summary", 4, 10)])],
        ),
        "s",
    )
    .unwrap();
    // The same trainee's second file merges into one column.
    let dana_again = parse_session(
        &session_json("dana kim", &[result("late", "Late one", 70, 30, vec![])]),
        "d",
    )
    .unwrap();
    let d = class_debrief(&[back, sam, old, dana_again]);
    assert_eq!(
        d.trainees,
        vec!["Dana Kim", "=Sam, \"the\" tester", "lee-session"]
    );
    let titles: Vec<&str> = d.rows.iter().map(|r| r.title.as_str()).collect();
    assert_eq!(titles, vec!["Phish | <b>", "Spray", "Late one"]);
    assert_eq!(
        d.rows[0].scores,
        vec![Some(80), None, Some(40)],
        "first attempts"
    );
    assert_eq!(d.rows[0].average, Some(60));
    assert_eq!(d.rows[0].weakest, "the summary for L2");
    assert_eq!(d.rows[1].scores, vec![Some(100), Some(60), None]);
    assert_eq!(d.averages, vec![Some(83), Some(60), Some(40)]);
    let md = class_markdown(&d);
    assert!(md.contains("| Scenario | Dana Kim | \\=Sam, \"the\" tester | lee-session | Average | Most points lost on |"), "{md}");
    assert!(
        md.contains("| Phish \\| \\<b\\> | 80 | — | 40 | 60 | the summary for L2 |"),
        "{md}"
    );
    assert!(md.contains("| Average | 83 | 60 | 40 | 70 |  |"), "{md}");
    assert!(
        md.contains("| --- | --- | --- | --- | --- | --- |\n"),
        "{md}"
    );
    let csv = class_csv(&d);
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "scenario,Dana Kim,\"'=Sam, \"\"the\"\" tester\",lee-session,average,most_points_lost_on"
    );
    assert_eq!(lines[1], "Phish | <b>,80,,40,60,the summary for L2");
    assert_eq!(lines[4], "Average,83,60,40,70,");
}

#[test]
fn a_scenario_starts_the_l1_case_with_its_alert() {
    use handoff_core::training::start_case;
    let (_, _, s) = bundled()
        .into_iter()
        .find(|(_, _, s)| s.role == Role::L1)
        .unwrap();
    let c = start_case(&s, "case-1".into(), t(9, 0), "  ").unwrap();
    assert_eq!(c.report.header.title, format!("Training: {}", s.title));
    assert_eq!(c.report.header.alert_id, s.alert_id());
    assert_eq!(c.report.header.analyst, "Trainee");
    assert!(!c.report.indicators.is_empty());
    let c = start_case(&s, "case-1".into(), t(9, 0), "Dana Kim").unwrap();
    assert_eq!(c.report.header.analyst, "Dana Kim");
}
