//! Every arrow of the flowchart, every guard, and the audit trail.

mod common;

use common::*;
use handoff_core::rules::flow::target;
use handoff_core::rules::invariants::check_invariants;
use handoff_core::{
    Case, Classification, Command, CommandKind, EscalationChoice, Field, Role, Stage, Verdict,
};
use handoff_core::{ClosureReason, EscalationTier, Refusal};
use strum::VariantArray;

fn missing_fields(r: Refusal) -> Vec<Field> {
    r.missing().iter().map(|f| f.field).collect()
}

#[test]
fn a_new_case_starts_at_alert_triggered_with_one_audit_entry() {
    let clock = StepClock::new();
    let c = Case::open("case-1", "Dana Kim", clock.now());
    assert_eq!(c.stage, Stage::AlertTriggered);
    assert_eq!(c.audit.len(), 1);
    assert_eq!(c.audit[0].event, CommandKind::OpenCase);
    assert_eq!(c.audit[0].actor.display(), "L1 Dana Kim");
    assert!(check_invariants(&c).is_ok());
}

#[test]
fn start_review_needs_title_id_and_analyst() {
    let clock = StepClock::new();
    let mut c = Case::open("case-1", "", clock.now());
    let r = c.apply(Command::StartReview, clock.now()).unwrap_err();
    assert_eq!(
        missing_fields(r),
        [Field::AlertTitle, Field::AlertId, Field::Analyst]
    );
    assert_eq!(c.stage, Stage::AlertTriggered, "a refusal changes nothing");
    assert_eq!(c.audit.len(), 1);
}

#[test]
fn false_positive_closes_only_with_a_justification() {
    let clock = StepClock::new();
    let mut c = reviewed(&clock);
    c.edit_report(clock.now(), |r| r.verdict = Some(Verdict::FalsePositive))
        .unwrap();
    let r = c
        .apply(Command::CloseAsFalsePositive, clock.now())
        .unwrap_err();
    assert_eq!(missing_fields(r.clone()), [Field::VerdictJustification]);
    assert!(
        r.to_string().contains("Justify the False Positive verdict"),
        "{r}"
    );

    c.edit_report(clock.now(), |r| {
        r.verdict_justification = "Approved change CHG-1182".into()
    })
    .unwrap();
    assert_eq!(
        c.apply(Command::CloseAsFalsePositive, clock.now()),
        Ok(Stage::Closed(ClosureReason::FalsePositive))
    );
    let last = c.audit.last().unwrap();
    assert_eq!(
        last.note,
        "Verdict: False Positive. Approved change CHG-1182"
    );
    assert!(c.stage.is_final());
    assert!(c.available_steps().is_empty());
    // Closed means closed: the report is frozen.
    let e = c
        .edit_report(clock.now(), |r| r.five_ws.who = "x".into())
        .unwrap_err();
    assert!(e.to_string().contains("the case is closed"), "{e}");
}

#[test]
fn true_positive_or_needs_review_goes_to_the_report_and_false_positive_does_not() {
    let clock = StepClock::new();
    for (verdict, ok) in [
        (None, false),
        (Some(Verdict::FalsePositive), false),
        (Some(Verdict::TruePositive), true),
        (Some(Verdict::NeedsReview), true),
    ] {
        let mut c = reviewed(&clock);
        c.edit_report(clock.now(), |r| r.verdict = verdict).unwrap();
        let got = c.apply(Command::BeginReport, clock.now());
        assert_eq!(got.is_ok(), ok, "{verdict:?}");
        if !ok {
            assert_eq!(missing_fields(got.unwrap_err()), [Field::Verdict]);
        }
    }
}

#[test]
fn escalation_is_refused_until_the_report_is_documented() {
    let clock = StepClock::new();
    let mut c = reviewed(&clock);
    c.edit_report(clock.now(), |r| r.verdict = Some(Verdict::TruePositive))
        .unwrap();
    c.apply(Command::BeginReport, clock.now()).unwrap();

    let r = c.apply(Command::SetInProgress, clock.now()).unwrap_err();
    let text = r.to_string();
    assert!(text.contains("document before escalation"), "{text}");
    let fields = missing_fields(r);
    for f in [
        Field::Who,
        Field::What,
        Field::When,
        Field::Where,
        Field::Why,
        Field::VerdictJustification,
        Field::EscalationDecision,
    ] {
        assert!(fields.contains(&f), "{f:?} missing from {fields:?}");
    }
    assert_eq!(
        fields
            .iter()
            .filter(|f| matches!(f, Field::Condition(_)))
            .count(),
        4
    );

    write_report(
        &mut c,
        &clock,
        Verdict::TruePositive,
        [true, false, false, false],
    );
    // A When without a UTC time is not documentation of when.
    c.edit_report(clock.now(), |r| {
        r.five_ws.when = "this morning around nine".into()
    })
    .unwrap();
    c.edit_report(clock.now(), |r| {
        r.decision.choice = Some(EscalationChoice::Escalate)
    })
    .unwrap();
    let r = c.apply(Command::SetInProgress, clock.now()).unwrap_err();
    assert_eq!(missing_fields(r), [Field::When]);

    c.edit_report(clock.now(), |r| {
        r.five_ws.when = "09:12 UTC to 09:19 UTC".into()
    })
    .unwrap();
    assert_eq!(
        c.apply(Command::SetInProgress, clock.now()),
        Ok(Stage::InProgress)
    );
    let note = &c.audit.last().unwrap().note;
    assert!(
        note.starts_with("Decision: Escalate to L2. Recommended: escalate"),
        "{note}"
    );
    assert!(note.contains("Major attack indicators applies."), "{note}");
}

#[test]
fn going_against_the_recommendation_needs_a_recorded_reason() {
    let clock = StepClock::new();
    // Needs Review always recommends escalation: closing it is an override.
    let mut c = reviewed(&clock);
    write_report(&mut c, &clock, Verdict::NeedsReview, [false; 4]);
    c.apply(Command::BeginReport, clock.now()).unwrap();
    c.edit_report(clock.now(), |r| {
        r.decision.choice = Some(EscalationChoice::Close)
    })
    .unwrap();
    let r = c
        .apply(Command::CloseWithoutEscalation, clock.now())
        .unwrap_err();
    assert_eq!(missing_fields(r), [Field::OverrideReason]);
    // Asking to escalate while the decision says close is refused too.
    let r = c.apply(Command::SetInProgress, clock.now()).unwrap_err();
    assert_eq!(missing_fields(r), [Field::EscalationDecision]);

    c.edit_report(clock.now(), |r| {
        r.decision.override_reason = "Confirmed with the asset owner: scheduled pentest".into()
    })
    .unwrap();
    assert_eq!(
        c.apply(Command::CloseWithoutEscalation, clock.now()),
        Ok(Stage::Closed(ClosureReason::NoEscalationNeeded))
    );
    let note = &c.audit.last().unwrap().note;
    assert!(note.contains("Recommended: escalate"), "{note}");
    assert!(
        note.contains("Override: Confirmed with the asset owner"),
        "{note}"
    );
}

#[test]
fn a_true_positive_with_no_condition_can_close_at_l1_without_override() {
    let clock = StepClock::new();
    let mut c = reviewed(&clock);
    write_report(&mut c, &clock, Verdict::TruePositive, [false; 4]);
    c.apply(Command::BeginReport, clock.now()).unwrap();
    c.edit_report(clock.now(), |r| {
        r.decision.choice = Some(EscalationChoice::Close)
    })
    .unwrap();
    assert!(c
        .apply(Command::CloseWithoutEscalation, clock.now())
        .is_ok());
}

#[test]
fn the_verdict_can_be_revised_from_the_report() {
    let clock = StepClock::new();
    let mut c = reviewed(&clock);
    c.edit_report(clock.now(), |r| r.verdict = Some(Verdict::NeedsReview))
        .unwrap();
    c.apply(Command::BeginReport, clock.now()).unwrap();
    assert_eq!(
        c.apply(Command::ReviseVerdict, clock.now()),
        Ok(Stage::L1Review)
    );
    c.edit_report(clock.now(), |r| {
        r.verdict = Some(Verdict::FalsePositive);
        r.verdict_justification = "Known scanner".into();
    })
    .unwrap();
    assert!(c.apply(Command::CloseAsFalsePositive, clock.now()).is_ok());
}

#[test]
fn the_escalation_steps_need_an_assignee_and_a_notification() {
    let clock = StepClock::new();
    let mut c = reviewed(&clock);
    write_report(&mut c, &clock, Verdict::TruePositive, [true; 4]);
    c.apply(Command::BeginReport, clock.now()).unwrap();
    c.edit_report(clock.now(), |r| {
        r.decision.choice = Some(EscalationChoice::Escalate)
    })
    .unwrap();
    c.apply(Command::SetInProgress, clock.now()).unwrap();
    // Handed off: the report is frozen from here.
    assert!(c
        .edit_report(clock.now(), |r| r.five_ws.who.clear())
        .is_err());

    assert_eq!(
        missing_fields(c.apply(Command::AssignToL2, clock.now()).unwrap_err()),
        [Field::L2Assignee]
    );
    c.edit_notification(clock.now(), |n| n.l2_assignee = "Sam Lee".into())
        .unwrap();
    assert_eq!(
        c.apply(Command::AssignToL2, clock.now()),
        Ok(Stage::AssignedToL2)
    );
    assert_eq!(
        missing_fields(c.apply(Command::NotifyL2, clock.now()).unwrap_err()),
        [Field::TicketId, Field::Summary, Field::ImmediateConcerns]
    );
    c.edit_notification(clock.now(), |n| {
        n.ticket_id = "INC-2291".into();
        n.summary = "Macro led to PowerShell".into();
        n.immediate_concerns = "None known".into();
    })
    .unwrap();
    assert_eq!(
        c.apply(Command::NotifyL2, clock.now()),
        Ok(Stage::L2Notified)
    );
    assert!(c
        .edit_notification(clock.now(), |n| n.summary.clear())
        .is_err());

    assert_eq!(
        missing_fields(c.apply(Command::StartL2Review, clock.now()).unwrap_err()),
        [Field::L2Analyst]
    );
    c.edit_l2(clock.now(), |l| l.analyst = "Sam Lee".into())
        .unwrap();
    assert_eq!(
        c.apply(Command::StartL2Review, clock.now()),
        Ok(Stage::L2Review)
    );
    let last = c.audit.last().unwrap();
    assert_eq!(last.actor.role, Role::L2);
    assert_eq!(last.actor.name, "Sam Lee");
}

#[test]
fn l2_can_ask_l1_and_l1_answers_with_the_report_still_complete() {
    let clock = StepClock::new();
    let mut c = in_l2_review(&clock);
    let r = c
        .apply(
            Command::RequestClarification {
                question: "  ".into(),
            },
            clock.now(),
        )
        .unwrap_err();
    assert_eq!(missing_fields(r), [Field::Question]);
    c.apply(
        Command::RequestClarification {
            question: "Was the macro enabled by the user?".into(),
        },
        clock.now(),
    )
    .unwrap();
    assert_eq!(c.stage, Stage::ClarificationRequested);
    assert_eq!(handoff_core::rules::flow::next_actor(c.stage), Role::L1);
    // L1 may now edit the report, but must leave it complete to hand it back.
    c.edit_report(clock.now(), |r| r.five_ws.why.clear())
        .unwrap();
    let r = c
        .apply(
            Command::AnswerClarification {
                answer: "Yes, at 09:12 UTC".into(),
            },
            clock.now(),
        )
        .unwrap_err();
    assert!(r.to_string().contains("document before escalation"));
    assert_eq!(missing_fields(r), [Field::Why]);
    c.edit_report(clock.now(), |r| {
        r.five_ws.why = "EDR logs show the macro run".into()
    })
    .unwrap();
    c.apply(
        Command::AnswerClarification {
            answer: "Yes, at 09:12 UTC".into(),
        },
        clock.now(),
    )
    .unwrap();
    assert_eq!(c.stage, Stage::L2Review);
    let q = &c.clarifications[0];
    assert_eq!(q.asked_by.role, Role::L2);
    assert_eq!(q.answer.as_ref().unwrap().text, "Yes, at 09:12 UTC");
    assert_eq!(q.answer.as_ref().unwrap().answered_by.role, Role::L1);
    assert!(check_invariants(&c).is_ok());
}

#[test]
fn l2_outcomes_follow_the_classification() {
    let clock = StepClock::new();
    let ready = |classification| {
        let mut c = in_l2_review(&clock);
        c.edit_l2(clock.now(), |l| {
            l.tasks.validate_findings.done = true;
            l.tasks.document_actions.done = true;
            l.classification = classification;
            l.outcome_note = "Host isolated and reimaged".into();
        })
        .unwrap();
        c
    };

    let mut c = in_l2_review(&clock);
    let fields = missing_fields(c.apply(Command::Resolve, clock.now()).unwrap_err());
    assert_eq!(fields.len(), 4, "{fields:?}");

    let mut c2 = ready(Some(Classification::Major));
    assert_eq!(
        missing_fields(c2.apply(Command::Resolve, clock.now()).unwrap_err()),
        [Field::Classification]
    );
    assert_eq!(
        c2.apply(Command::StartIncidentResponse, clock.now()),
        Ok(Stage::IncidentResponse)
    );
    assert!(c2.l2.tasks.close_or_escalate.done);

    let mut c3 = ready(Some(Classification::Minor));
    assert_eq!(
        missing_fields(
            c3.apply(Command::StartIncidentResponse, clock.now())
                .unwrap_err()
        ),
        [Field::Classification]
    );
    assert_eq!(c3.apply(Command::Resolve, clock.now()), Ok(Stage::Resolved));
    assert_eq!(
        c3.audit.last().unwrap().note,
        "Classification: Minor. Host isolated and reimaged"
    );

    for tier in EscalationTier::VARIANTS.iter().copied() {
        let mut c4 = ready(Some(Classification::Major));
        assert_eq!(
            c4.apply(Command::EscalateFurther(tier), clock.now()),
            Ok(Stage::EscalatedFurther(tier))
        );
        assert!(c4.edit_l2(clock.now(), |l| l.outcome_note.clear()).is_err());
    }
    c.edit_l2(clock.now(), |l| l.analyst = "Sam Lee".into())
        .unwrap();
}

#[test]
fn steps_that_do_not_leave_the_stage_are_refused_by_name() {
    let clock = StepClock::new();
    let mut c = Case::open("case-1", "Dana", clock.now());
    let r = c.apply(Command::NotifyL2, clock.now()).unwrap_err();
    assert_eq!(
        r.to_string(),
        "\"Mark L2 as notified\" is not a step that can be taken while the case is Alert triggered."
    );
}

#[test]
fn the_transition_table_is_exactly_the_flowchart() {
    use Stage as S;
    let stages = [
        S::AlertTriggered,
        S::L1Review,
        S::Reporting,
        S::InProgress,
        S::AssignedToL2,
        S::L2Notified,
        S::L2Review,
        S::ClarificationRequested,
        S::Closed(ClosureReason::FalsePositive),
        S::Closed(ClosureReason::NoEscalationNeeded),
        S::Resolved,
        S::IncidentResponse,
        S::EscalatedFurther(EscalationTier::L3),
        S::EscalatedFurther(EscalationTier::IncidentResponseTeam),
    ];
    let mut arrows = Vec::new();
    for from in stages {
        for cmd in Command::all() {
            if let Some(to) = target(from, &cmd) {
                arrows.push((from, cmd.kind(), to));
            }
        }
    }
    use CommandKind as K;
    let expected = vec![
        (S::AlertTriggered, K::StartReview, S::L1Review),
        (
            S::L1Review,
            K::CloseAsFalsePositive,
            S::Closed(ClosureReason::FalsePositive),
        ),
        (S::L1Review, K::BeginReport, S::Reporting),
        (S::Reporting, K::ReviseVerdict, S::L1Review),
        (
            S::Reporting,
            K::CloseWithoutEscalation,
            S::Closed(ClosureReason::NoEscalationNeeded),
        ),
        (S::Reporting, K::SetInProgress, S::InProgress),
        (S::InProgress, K::AssignToL2, S::AssignedToL2),
        (S::AssignedToL2, K::NotifyL2, S::L2Notified),
        (S::L2Notified, K::StartL2Review, S::L2Review),
        (
            S::L2Review,
            K::RequestClarification,
            S::ClarificationRequested,
        ),
        (S::L2Review, K::Resolve, S::Resolved),
        (S::L2Review, K::StartIncidentResponse, S::IncidentResponse),
        (
            S::L2Review,
            K::EscalateFurther,
            S::EscalatedFurther(EscalationTier::L3),
        ),
        (
            S::L2Review,
            K::EscalateFurther,
            S::EscalatedFurther(EscalationTier::IncidentResponseTeam),
        ),
        (
            S::ClarificationRequested,
            K::AnswerClarification,
            S::L2Review,
        ),
    ];
    assert_eq!(arrows, expected);
    for s in stages {
        assert_eq!(s.is_final(), !arrows.iter().any(|a| a.0 == s), "{s:?}");
    }
}

#[test]
fn the_audit_clock_never_runs_backwards() {
    let clock = StepClock::new();
    let mut c = reviewed(&clock);
    // The machine's clock steps back an hour.
    clock.now.set(clock.now.get() - chrono::Duration::hours(1));
    c.edit_report(clock.now(), |r| r.verdict = Some(Verdict::NeedsReview))
        .unwrap();
    c.apply(Command::BeginReport, clock.now()).unwrap();
    let times: Vec<_> = c.audit.iter().map(|e| e.at).collect();
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "{times:?}");
    assert!(check_invariants(&c).is_ok());
}

#[test]
fn invariants_catch_tampered_cases() {
    let clock = StepClock::new();
    let c = in_l2_review(&clock);
    let tamper = |f: &dyn Fn(&mut handoff_core::CaseData)| {
        let mut d = handoff_core::CaseData::clone(&c);
        f(&mut d);
        check_invariants(&d).unwrap_err().to_string()
    };
    assert!(tamper(&|d| d.stage = Stage::Resolved).contains("its audit trail ends at L2 review"));
    assert!(tamper(&|d| d.report.five_ws.who.clear()).contains("who is empty"));
    assert!(tamper(&|d| d.audit.clear()).contains("empty"));
    assert!(tamper(&|d| d.audit.swap(1, 2)).contains("audit entry"));
    assert!(tamper(&|d| {
        d.audit[3].to = Stage::Resolved;
    })
    .contains("audit entry"));
    assert!(tamper(&|d| d.notification.summary.clear()).contains("summarise"));
    assert!(
        tamper(&|d| d.audit[2].at = d.audit[1].at - chrono::Duration::seconds(1))
            .contains("earlier")
    );
}
