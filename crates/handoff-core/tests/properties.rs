//! Property tests: random sequences of analyst actions, random indicators, random text.

mod common;

use chrono::Duration;
use common::*;
use handoff_core::intake::extract;
use handoff_core::package::{import, to_json, to_markdown, ExportOptions};
use handoff_core::rules::invariants::check_invariants;
use handoff_core::rules::report_check::documentation_gaps;
use handoff_core::vocabulary::indicator::{defang, refang};
use handoff_core::EscalationTier;
use handoff_core::{
    Case, Classification, Command, Condition, EscalationChoice, Severity, Stage, Verdict,
};
use handoff_core::{Indicator, IndicatorKind};
use proptest::prelude::*;
use strum::VariantArray;

/// One thing an analyst (L1 or L2) might do.
#[derive(Clone, Debug)]
enum Op {
    Step(Command),
    /// Takes one of the steps that leave the current stage (the n-th, wrapping).
    Advance(usize),
    Header(String),
    Who(String),
    When(String),
    Why(String),
    Verdict(Option<Verdict>),
    Justify(String),
    Condition(usize, Option<bool>),
    Decide(Option<EscalationChoice>),
    Override(String),
    /// Fills every part of the report, as a diligent analyst would.
    CompleteReport,
    Notification(String),
    L2(bool, Option<Classification>, String),
    ClockBack,
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_owned()),
        "[a-zA-Z0-9 .,:@/\\-]{1,30}",
        "\\PC{0,20}",
        Just("09:12 UTC to 09:40 UTC".to_owned()),
        Just("<img src=x onerror=alert(1)> | a | `x` @here [x](javascript:alert(1))".to_owned()),
        Just("\u{202E}evil\u{0000}\n\ttab".to_owned()),
        Just("![i](http://x.io/a.png) <https://evil.example> www.evil.example\n[r]: http://ref.example\n[r] <b>bold</b> &lt;".to_owned()),
        Just("- [ ] task\n> quote\n    code\n```\nfence\n~~~ x\n***\n| a |\n|---|".to_owned()),
    ]
}

fn command() -> impl Strategy<Value = Command> {
    prop_oneof![
        Just(Command::StartReview),
        Just(Command::CloseAsFalsePositive),
        Just(Command::BeginReport),
        Just(Command::ReviseVerdict),
        Just(Command::CloseWithoutEscalation),
        Just(Command::SetInProgress),
        Just(Command::AssignToL2),
        Just(Command::NotifyL2),
        Just(Command::StartL2Review),
        text().prop_map(|question| Command::RequestClarification { question }),
        text().prop_map(|answer| Command::AnswerClarification { answer }),
        Just(Command::Resolve),
        Just(Command::StartIncidentResponse),
        Just(Command::EscalateFurther(EscalationTier::L3)),
        Just(Command::EscalateFurther(
            EscalationTier::IncidentResponseTeam
        )),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let verdict = prop_oneof![
        Just(None),
        Just(Some(Verdict::TruePositive)),
        Just(Some(Verdict::FalsePositive)),
        Just(Some(Verdict::NeedsReview)),
    ];
    let choice = prop_oneof![
        Just(None),
        Just(Some(EscalationChoice::Escalate)),
        Just(Some(EscalationChoice::Close)),
    ];
    let class = prop_oneof![
        Just(None),
        Just(Some(Classification::Minor)),
        Just(Some(Classification::Major)),
    ];
    prop_oneof![
        3 => command().prop_map(Op::Step),
        6 => (0..8usize).prop_map(Op::Advance),
        1 => text().prop_map(Op::Header),
        1 => text().prop_map(Op::Who),
        1 => text().prop_map(Op::When),
        1 => text().prop_map(Op::Why),
        2 => verdict.prop_map(Op::Verdict),
        1 => text().prop_map(Op::Justify),
        1 => (0..4usize, proptest::option::of(any::<bool>())).prop_map(|(i, b)| Op::Condition(i, b)),
        2 => choice.prop_map(Op::Decide),
        1 => text().prop_map(Op::Override),
        3 => Just(Op::CompleteReport),
        2 => text().prop_map(Op::Notification),
        2 => (any::<bool>(), class, text()).prop_map(|(d, c, n)| Op::L2(d, c, n)),
        1 => Just(Op::ClockBack),
    ]
}

fn play(c: &mut Case, clock: &StepClock, op: Op) -> bool {
    match op {
        Op::Step(cmd) => return c.apply(cmd, clock.now()).is_ok(),
        Op::Advance(n) => {
            let steps = c.available_steps();
            if steps.is_empty() {
                return false;
            }
            let cmd = match steps[n % steps.len()].0.clone() {
                Command::RequestClarification { .. } => Command::RequestClarification {
                    question: "Was the macro enabled by the user?".into(),
                },
                Command::AnswerClarification { .. } => Command::AnswerClarification {
                    answer: "Yes".into(),
                },
                other => other,
            };
            return c.apply(cmd, clock.now()).is_ok();
        }
        Op::Header(s) => {
            let _ = c.edit_report(clock.now(), |r| {
                r.header.title = s.clone();
                r.header.alert_id = s;
                r.header.severity = Some(Severity::Medium);
                r.header.detected_at = Some(t(9, 0));
            });
        }
        Op::Who(s) => {
            let _ = c.edit_report(clock.now(), |r| r.five_ws.who = s);
        }
        Op::When(s) => {
            let _ = c.edit_report(clock.now(), |r| r.five_ws.when = s);
        }
        Op::Why(s) => {
            let _ = c.edit_report(clock.now(), |r| r.five_ws.why = s);
        }
        Op::Verdict(v) => {
            let _ = c.edit_report(clock.now(), |r| r.verdict = v);
        }
        Op::Justify(s) => {
            let _ = c.edit_report(clock.now(), |r| r.verdict_justification = s);
        }
        Op::Condition(i, b) => {
            let _ = c.edit_report(clock.now(), |r| {
                r.conditions.get_mut(Condition::VARIANTS[i]).applies = b
            });
        }
        Op::Decide(d) => {
            let _ = c.edit_report(clock.now(), |r| r.decision.choice = d);
        }
        Op::Override(s) => {
            let _ = c.edit_report(clock.now(), |r| r.decision.override_reason = s);
        }
        Op::CompleteReport => {
            if c.can_edit(handoff_core::Part::Report) {
                let verdict = c.report.verdict.unwrap_or(Verdict::TruePositive);
                write_report(c, clock, verdict, [false, true, false, false]);
                let _ = c.edit_report(clock.now(), |r| {
                    r.header.title = "T".into();
                    r.header.alert_id = "INC-1".into();
                    r.header.severity = Some(Severity::High);
                    r.header.detected_at = Some(t(9, 0));
                    r.header.analyst = "Dana".into();
                });
            }
        }
        Op::Notification(s) => {
            let _ = c.edit_notification(clock.now(), |n| {
                n.l2_assignee = s.clone();
                n.ticket_id = s.clone();
                n.summary = s.clone();
                n.immediate_concerns = s;
            });
        }
        Op::L2(done, class, note) => {
            let _ = c.edit_l2(clock.now(), |l| {
                l.analyst = note.clone();
                l.tasks.validate_findings.done = done;
                l.tasks.document_actions.done = done;
                l.classification = class;
                l.outcome_note = note;
            });
        }
        Op::ClockBack => clock.now.set(clock.now.get() - Duration::minutes(90)),
    }
    false
}

/// The stages in which the case is in L2's hands with L1's report frozen.
fn handed_off(s: Stage) -> bool {
    s.is_escalated() && s != Stage::ClarificationRequested
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn no_sequence_of_actions_escalates_an_incomplete_report(ops in proptest::collection::vec(op(), 0..80)) {
        let clock = StepClock::new();
        let mut c = Case::open("case-p", "Dana", clock.now());
        for op in ops {
            let before = c.audit.clone();
            let stepped = play(&mut c, &clock, op);
            // The trail only grows, by exactly one entry per accepted step, never rewriting.
            prop_assert_eq!(c.audit.len(), before.len() + usize::from(stepped));
            prop_assert_eq!(&c.audit[..before.len()], &before[..]);
            prop_assert!(c.audit.windows(2).all(|w| w[0].at <= w[1].at), "audit out of order");
            if handed_off(c.stage) {
                let gaps = documentation_gaps(&c.report);
                prop_assert!(gaps.is_empty(), "{:?} with gaps {:?}", c.stage, gaps);
                prop_assert_eq!(c.report.decision.choice, Some(EscalationChoice::Escalate));
            }
            prop_assert!(check_invariants(&c).is_ok(), "{:?}", check_invariants(&c));
        }
        // Every reachable case survives export → import → export byte for byte.
        let json = to_json(&c);
        let back = import(json.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &c);
        prop_assert_eq!(&to_json(&back), &json);
        // ... and satisfies the shipped schema.
        let violations = schema_violations(&json);
        prop_assert!(violations.is_empty(), "{:?}", violations);
        // And whatever was typed, a CommonMark reader finds no link, image or HTML in the
        // Markdown export.
        let md = to_markdown(&c, &ExportOptions::default());
        let injected = markdown_injections(&md);
        prop_assert!(injected.is_empty(), "{:?} in\n{}", injected, md);
    }
}

fn raw_indicator() -> impl Strategy<Value = (IndicatorKind, String)> {
    let label = "[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?";
    let domain = (proptest::collection::vec(label, 1..4), "[a-z]{2,6}")
        .prop_map(|(labels, tld)| format!("{}.{tld}", labels.join(".")));
    prop_oneof![
        any::<u32>().prop_map(|n| (IndicatorKind::Ipv4, std::net::Ipv4Addr::from(n).to_string())),
        any::<u128>().prop_map(|n| (IndicatorKind::Ipv6, std::net::Ipv6Addr::from(n).to_string())),
        domain.clone().prop_map(|d| (IndicatorKind::Domain, d)),
        (domain.clone(), "[a-zA-Z0-9._%+-]{1,16}")
            .prop_map(|(d, l)| (IndicatorKind::Email, format!("{l}@{d}"))),
        (
            prop_oneof![Just("http"), Just("https"), Just("ftp"), Just("HTTPS")],
            domain.clone(),
            "(/[a-zA-Z0-9._~%!$&'()*+,;=:@-]{0,12}){0,3}",
            proptest::option::of("\\?[a-z0-9=&]{0,10}")
        )
            .prop_map(|(s, d, p, q)| (
                IndicatorKind::Url,
                format!("{s}://{d}{p}{}", q.unwrap_or_default())
            )),
        "[0-9a-fA-F]{32}".prop_map(|h| (IndicatorKind::Md5, h)),
        "[0-9a-fA-F]{40}".prop_map(|h| (IndicatorKind::Sha1, h)),
        "[0-9a-fA-F]{64}".prop_map(|h| (IndicatorKind::Sha256, h)),
        "[A-Za-z0-9_ .-]{1,20}\\.(exe|docm|ps1)".prop_map(|f| (IndicatorKind::FileName, f)),
        "[A-Za-z0-9\\\\._-]{1,20}".prop_map(|u| (IndicatorKind::User, u)),
        "[A-Za-z0-9-]{1,10}(\\.[a-z]{2,5}){0,2}".prop_map(|h| (IndicatorKind::Host, h)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn defang_then_refang_is_the_identity_on_valid_indicators((kind, raw) in raw_indicator()) {
        if let Ok(ind) = Indicator::new(kind, &raw) {
            let defanged = defang(kind, &ind.value);
            prop_assert_eq!(refang(&defanged), ind.value.clone());
            // Pasting the defanged form back gives the same indicator.
            prop_assert_eq!(Indicator::new(kind, &defanged).map(|i| i.value), Ok(ind.value.clone()));
            // Network indicators really are defanged: no live scheme, no bare dots in hosts.
            if kind.is_network() && ind.value.contains('.') && kind != IndicatorKind::Url {
                prop_assert!(!defanged.contains('.') || defanged.contains("[.]"));
            }
        }
    }

    /// The report check's "the Why cites evidence" is what it says: the Why, lower-cased,
    /// holds an indicator's value, lower-cased, or an evidence word. Its quick rejection of
    /// indicators by their byte pairs never drops one that is there.
    #[test]
    fn the_why_cites_an_indicator_exactly_when_it_contains_one(
        indicators in proptest::collection::vec(raw_indicator(), 0..6),
        cited in any::<proptest::sample::Index>(),
        cite in any::<bool>(),
        shout in any::<bool>(),
        before in "(?s).{0,30}",
        after in "[a-zA-Zé .,:/-]{0,30}",
    ) {
        let mut r = handoff_core::data::Report {
            indicators: indicators
                .iter()
                .filter_map(|(kind, raw)| Indicator::new(*kind, raw).ok())
                .collect::<Vec<_>>()
                .into(),
            ..Default::default()
        };
        let named = match (cite, r.indicators.is_empty()) {
            (true, false) => r.indicators[cited.index(r.indicators.len())].value.clone(),
            _ => String::new(),
        };
        let named = if shout { named.to_uppercase() } else { named };
        r.five_ws.why = format!("{before}{named}{after}");
        let why = r.five_ws.why.to_lowercase();
        let expected = r
            .indicators
            .iter()
            .any(|i| !i.value.is_empty() && why.contains(&i.value.to_lowercase()))
            || why.split(|c: char| !c.is_alphanumeric()).any(|w| {
                handoff_core::rules::report_check::EVIDENCE_WORDS.contains(&w)
            });
        prop_assert_eq!(handoff_core::rules::report_check::cites_evidence(&r), expected);
        if cite && !r.indicators.is_empty() {
            prop_assert!(expected, "the named indicator is found: {:?}", r.five_ws.why);
        }
    }

    /// A file's indicator is read as it stands only if typing it would store that very value;
    /// what is not canonical (upper case, defanged, padded, any other kind's value, a
    /// defanging marker anywhere) is refused.
    /// The reader checks stored values in place, without `Indicator::new`'s copies: this holds
    /// the two together.
    #[test]
    fn an_indicator_is_read_from_a_file_exactly_when_it_is_canonical(
        (kind, raw) in raw_indicator(),
        other in proptest::sample::select(IndicatorKind::VARIANTS),
        change in 0..8u8,
        junk in "(?s).{0,12}",
        marker in proptest::sample::select(&["[.]", "(dot)", "[at]", "[:]", "hxxp://", "FXP://"][..]),
        at in any::<proptest::sample::Index>(),
    ) {
        let canonical = Indicator::new(kind, &raw).map(|i| i.value).unwrap_or_else(|_| raw.clone());
        let (kind, value) = match change {
            0 => (kind, raw),
            1 => (kind, canonical),
            2 => (kind, defang(kind, &canonical)),
            3 => (kind, canonical.to_uppercase()),
            4 => (kind, format!("{canonical} ")),
            5 => (other, canonical),
            6 => (kind, format!("{canonical}{junk}")),
            _ => {
                let cut = canonical.char_indices().map(|(i, _)| i).nth(at.index(canonical.chars().count())).unwrap_or(0);
                (kind, format!("{}{marker}{}", &canonical[..cut], &canonical[cut..]))
            }
        };
        let file = serde_json::json!({ "kind": kind, "value": value, "note": "seen" });
        let read = serde_json::from_value::<Indicator>(file).map(|i| (i.value, i.note));
        let typed = Indicator::new(kind, &value).ok().filter(|i| i.value == value);
        prop_assert_eq!(read.ok(), typed.map(|i| (i.value, "seen".to_owned())));
    }

    #[test]
    fn extraction_never_panics_and_returns_only_valid_indicators(s in "(?s).{0,400}") {
        for i in extract(&s) {
            prop_assert_eq!(Indicator::new(i.kind, &i.value).map(|x| x.value), Ok(i.value.clone()));
        }
    }

    #[test]
    fn extraction_finds_indicators_embedded_in_noise(
        (kind, raw) in raw_indicator(),
        before in "[ \t\n,;]{1,3}[a-z ]{0,10}",
        after in "[ \t\n,;]{1,3}[a-z ]{0,10}",
    ) {
        let s = format!("{before} {raw} {after}");
        let _ = extract(&s);
        // Hashes and IPs are unambiguous: they must be found.
        if matches!(kind, IndicatorKind::Ipv4 | IndicatorKind::Md5 | IndicatorKind::Sha1 | IndicatorKind::Sha256) {
            let want = Indicator::new(kind, &raw).unwrap();
            prop_assert!(extract(&s).iter().any(|i| i.kind == kind && i.value == want.value), "{} not in {:?}", raw, extract(&s));
        }
    }
}

/// Guards the property above against being vacuous: random play does reach every stage.
#[test]
fn random_play_reaches_every_stage_of_the_flowchart() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    use std::collections::HashSet;

    let mut runner = TestRunner::deterministic();
    let strategy = proptest::collection::vec(op(), 40..120);
    let mut seen = HashSet::new();
    for _ in 0..2500 {
        let ops = strategy.new_tree(&mut runner).unwrap().current();
        let clock = StepClock::new();
        let mut c = Case::open("case-p", "Dana", clock.now());
        for op in ops {
            play(&mut c, &clock, op);
            seen.insert(c.stage);
        }
    }
    for s in Stage::all() {
        assert!(
            seen.contains(&s),
            "random play never reached {s:?}; reached {seen:?}"
        );
    }
}

proptest! {
    /// A value put on one line is its words with one space between them, whatever white space
    /// (ASCII or not) it came with; the bytewise shortcut for text already so changes nothing.
    #[test]
    fn one_line_is_the_words_with_single_spaces(s in "[a-z. \t\n\r\u{b}\u{c}\u{a0}\u{2003}\u{3000}\u{e9}]{0,24}") {
        let words: Vec<&str> = s.split_whitespace().collect();
        prop_assert_eq!(handoff_core::vocabulary::text::one_line(&s), words.join(" "));
    }
}
