//! Shared builders for the domain's integration tests.
#![allow(dead_code)]

use std::cell::Cell;

use chrono::{DateTime, Duration, TimeZone, Utc};
use handoff_core::indicators::{Indicator, IndicatorKind};
use handoff_core::{
    Case, Clock, Command, Condition, EscalationChoice, Severity, Stage, TechniqueId, Verdict,
};

/// A clock that moves on by a chosen step each time it is read.
pub struct StepClock {
    pub now: Cell<DateTime<Utc>>,
    pub step: Duration,
}

impl Default for StepClock {
    fn default() -> Self {
        Self::new()
    }
}

impl StepClock {
    pub fn new() -> Self {
        StepClock {
            now: Cell::new(Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).unwrap()),
            step: Duration::seconds(30),
        }
    }
}

impl Clock for StepClock {
    fn now(&self) -> DateTime<Utc> {
        let t = self.now.get();
        self.now.set(t + self.step);
        t
    }
}

pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 14, h, m, 0).unwrap()
}

/// A new case with the alert header filled in, in L1 review.
pub fn reviewed(clock: &impl Clock) -> Case {
    let mut c = Case::open("case-1", "Dana Kim", clock);
    c.edit_report(clock, |r| {
        r.header.title = "Suspicious PowerShell download".into();
        r.header.alert_id = "INC-2291".into();
        r.header.source = "Splunk ES".into();
        r.header.rule = "Office spawning encoded PowerShell".into();
        r.header.severity = Some(Severity::High);
        r.header.detected_at = Some(t(9, 14));
    })
    .unwrap();
    c.apply(Command::StartReview, clock).unwrap();
    c
}

/// Fills the Five Ws, verdict and conditions so the report is complete.
pub fn write_report(c: &mut Case, clock: &impl Clock, verdict: Verdict, conditions: [bool; 4]) {
    c.edit_report(clock, |r| {
        r.five_ws.who = "jdoe (CORP\\jdoe), finance".into();
        r.five_ws.what = "Invoice_2291.docm opened; Word started encoded PowerShell".into();
        r.five_ws.when = "2026-03-14 09:12 UTC to 09:19 UTC".into();
        r.five_ws.where_ = "WS-FIN-042 (10.20.30.40)".into();
        r.five_ws.why = "EDR process tree and proxy logs show the download of stage2.ps1".into();
        r.verdict = Some(verdict);
        r.verdict_justification = "Payload hash is known malware".into();
        for (k, applies) in Condition::ALL.into_iter().zip(conditions) {
            r.conditions.get_mut(k).applies = Some(applies);
            r.conditions.get_mut(k).note = format!("{} assessed", k.label());
        }
        r.indicators
            .push(Indicator::new(IndicatorKind::Ipv4, "203.0.113.50").unwrap());
        r.attack_techniques
            .push(TechniqueId::parse("T1566.001").unwrap());
    })
    .unwrap();
}

/// A case escalated all the way to L2 review.
pub fn in_l2_review(clock: &impl Clock) -> Case {
    let mut c = reviewed(clock);
    write_report(
        &mut c,
        clock,
        Verdict::TruePositive,
        [true, true, false, false],
    );
    c.apply(Command::BeginReport, clock).unwrap();
    c.edit_report(clock, |r| {
        r.decision.choice = Some(EscalationChoice::Escalate)
    })
    .unwrap();
    c.apply(Command::SetInProgress, clock).unwrap();
    c.edit_notification(clock, |n| {
        n.l2_assignee = "Sam Lee".into();
        n.ticket_id = "INC-2291".into();
        n.summary = "Macro document led to PowerShell download".into();
        n.immediate_concerns = "Host still online".into();
    })
    .unwrap();
    c.apply(Command::AssignToL2, clock).unwrap();
    c.apply(Command::NotifyL2, clock).unwrap();
    c.edit_l2(clock, |l| l.analyst = "Sam Lee".into()).unwrap();
    c.apply(Command::StartL2Review, clock).unwrap();
    assert_eq!(c.stage, Stage::L2Review);
    c
}
