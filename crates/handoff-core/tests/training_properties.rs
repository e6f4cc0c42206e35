//! Properties of the scorer over every bundled scenario: the expected answer scores 100
//! however it is worded around its facts; any answer with a wrong element scores less; and no
//! answer, however odd, scores more than 100.

use std::sync::OnceLock;

use chrono::{TimeZone, Utc};
use handoff_core::training::answer::{expected_answer, play, wrong_answers, Answer};
use handoff_core::training::{parse_scenario, score, CheckKind, Outcome, Playable, Scenario};
use handoff_core::{Classification, EscalationChoice, FiveW, L2Task, Verdict};
use proptest::prelude::*;
use strum::VariantArray;

fn scenarios() -> &'static Vec<Scenario> {
    static ALL: OnceLock<Vec<Scenario>> = OnceLock::new();
    ALL.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../static/scenarios");
        let mut v: Vec<Scenario> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.file_name().is_some_and(|n| n != "index.json"))
            .map(|p| {
                let text = std::fs::read_to_string(p).unwrap();
                let scenario = parse_scenario(&text).unwrap();
                // What the page gets of it plays the same checks, and crosses from the
                // worker to the page as JSON unchanged.
                let playable = scenario.playable();
                assert_eq!(playable.checks, scenario.checks);
                assert_eq!(playable.reply, scenario.reply());
                let wire = serde_json::to_string(&playable).unwrap();
                assert_eq!(serde_json::from_str::<Playable>(&wire).unwrap(), playable);
                scenario
            })
            .collect();
        v.sort_by(|a, b| a.id.cmp(&b.id));
        v
    })
}

fn total(s: &Scenario, a: &Answer) -> handoff_core::training::Score {
    let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    score(s, &play(s, a, at), &a.checks)
}

fn pick<T: Clone>(v: &[T], i: usize) -> T {
    v[i % v.len()].clone()
}

/// Text that names no fact: lowercase letters that spell no term of any scenario.
fn filler() -> impl Strategy<Value = String> {
    "[qxz ]{0,12}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// Reordered checks, words around the facts, any letter case: still full marks.
    #[test]
    fn the_expected_answer_scores_100_however_it_is_worded(
        which in 0usize..1000,
        rotate in 0usize..10,
        before in filler(),
        after in filler(),
        shout in any::<bool>(),
    ) {
        let s = pick(scenarios(), which);
        let mut a = expected_answer(&s);
        let n = a.checks.len();
        a.checks.rotate_left(rotate % n);
        let dress = |t: &mut String| {
            *t = format!("{before} {t} {after}");
            if shout { *t = t.to_uppercase(); }
        };
        for w in [&mut a.five_ws.who, &mut a.five_ws.what, &mut a.five_ws.where_, &mut a.five_ws.why] {
            dress(w);
        }
        a.five_ws.when = format!("{before} {}", a.five_ws.when);
        dress(&mut a.justification);
        dress(&mut a.summary);
        dress(&mut a.concerns);
        dress(&mut a.notes);
        if shout { a.assignee = a.assignee.to_uppercase(); }
        let got = total(&s, &a);
        prop_assert_eq!((got.total, got.max), (100, 100), "{}: {:#?}", s.id, got);
    }

    /// One element wrong (any of the scenario's single-element mistakes, or a random wrong
    /// name, ticket, or set of checks) always costs points.
    #[test]
    fn any_wrong_element_scores_less(
        which in 0usize..1000,
        kind in 0usize..4,
        nth in 0usize..1000,
        name in "[A-Za-z]{1,12}( [A-Za-z]{1,12})?",
        extra in proptest::collection::vec(0usize..100, 1..4),
    ) {
        let s = pick(scenarios(), which);
        let mut a = expected_answer(&s);
        let what = match kind {
            0 => {
                let (what, wrong) = pick(&wrong_answers(&s), nth);
                a = wrong;
                what
            }
            // Dead ends run on top of the right checks.
            1 => {
                let dead: Vec<String> = s.checks.iter().filter(|c| c.kind == CheckKind::DeadEnd).map(|c| c.id.clone()).collect();
                for i in &extra { a.checks.push(pick(&dead, *i)); }
                "dead ends run".to_owned()
            }
            // Some checks that mattered left out.
            2 => {
                let facts = a.checks.clone();
                for i in &extra { let gone = pick(&facts, *i); a.checks.retain(|c| *c != gone); }
                "checks that mattered left out".to_owned()
            }
            // A name that is not the one wanted, where a name is scored.
            _ => {
                if s.expected.outcome == Outcome::L2Notified {
                    prop_assume!(!name.eq_ignore_ascii_case(s.l2_on_shift.trim()));
                    a.assignee = name.clone();
                } else {
                    prop_assume!(!s.checks.is_empty());
                    a.checks.clear();
                }
                "a wrong name, or no checks".to_owned()
            }
        };
        let got = total(&s, &a);
        prop_assert!(got.total < 100, "{}: {} still scores {}", s.id, what, got.total);
    }

    /// Whatever is typed and chosen, the score stays within 0 to 100, item by item too.
    #[test]
    fn no_answer_scores_more_than_100(
        which in 0usize..1000,
        checks in proptest::collection::vec(0usize..12, 0..12),
        verdict in proptest::option::of(0usize..3),
        conditions in proptest::array::uniform4(proptest::option::of(any::<bool>())),
        decision in proptest::option::of(any::<bool>()),
        texts in proptest::collection::vec("[ -~]{0,40}", 8),
        use_terms in any::<bool>(),
        tasks in proptest::collection::vec(0usize..6, 0..8),
        class in proptest::option::of(any::<bool>()),
        outcome in proptest::option::of(0usize..7),
        last_step in any::<bool>(),
    ) {
        let s = pick(scenarios(), which);
        let right = expected_answer(&s);
        let mut a = Answer {
            checks: checks.iter().map(|i| s.checks.get(*i).map_or_else(|| format!("no-such-{i}"), |c| c.id.clone())).collect(),
            verdict: verdict.map(|i| Verdict::VARIANTS[i]),
            justification: texts[0].clone(),
            conditions,
            decision: decision.map(|e| if e { EscalationChoice::Escalate } else { EscalationChoice::Close }),
            ticket: texts[1].clone(),
            summary: texts[2].clone(),
            concerns: texts[3].clone(),
            assignee: texts[4].clone(),
            question: texts[5].clone(),
            tasks: tasks.iter().map(|i| L2Task::VARIANTS[*i]).collect(),
            notes: texts[6].clone(),
            classification: class.map(|m| if m { Classification::Major } else { Classification::Minor }),
            last_step,
            outcome: outcome.map(|i| Outcome::VARIANTS[i]),
            ..Answer::default()
        };
        for w in FiveW::VARIANTS {
            let t = if use_terms { right.five_ws.get(*w).to_owned() } else { texts[7].clone() };
            match w {
                FiveW::Who => a.five_ws.who = t,
                FiveW::What => a.five_ws.what = t,
                FiveW::When => a.five_ws.when = t,
                FiveW::Where => a.five_ws.where_ = t,
                FiveW::Why => a.five_ws.why = t,
            }
        }
        if use_terms {
            a.summary.push_str(&right.summary);
            a.notes.push_str(&right.notes);
        }
        let got = total(&s, &a);
        prop_assert_eq!(got.max, 100);
        prop_assert!(got.total <= 100);
        prop_assert_eq!(got.total, got.items.iter().map(|i| i.points).sum::<u32>());
        for i in &got.items {
            prop_assert!(i.points <= i.max, "{}: {:?}", s.id, i);
        }
    }
}
