//! Shared builders for the domain's integration tests.
#![allow(dead_code)]

use std::cell::Cell;
use strum::VariantArray;

use chrono::{DateTime, Duration, TimeZone, Utc};
use handoff_core::{
    Case, Command, Condition, EscalationChoice, Severity, Stage, TechniqueId, Verdict,
};
use handoff_core::{Indicator, IndicatorKind};

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

impl StepClock {
    /// The current time; the next call gets a later one.
    pub fn now(&self) -> DateTime<Utc> {
        let t = self.now.get();
        self.now.set(t + self.step);
        t
    }
}

pub fn t(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 14, h, m, 0).unwrap()
}

/// A new case with the alert header filled in, in L1 review.
pub fn reviewed(clock: &StepClock) -> Case {
    let mut c = Case::open("case-1", "Dana Kim", clock.now());
    c.edit_report(clock.now(), |r| {
        r.header.title = "Suspicious PowerShell download".into();
        r.header.alert_id = "INC-2291".into();
        r.header.source = "Splunk ES".into();
        r.header.rule = "Office spawning encoded PowerShell".into();
        r.header.severity = Some(Severity::High);
        r.header.detected_at = Some(t(9, 14));
    })
    .unwrap();
    c.apply(Command::StartReview, clock.now()).unwrap();
    c
}

/// Fills the Five Ws, verdict and conditions so the report is complete.
pub fn write_report(c: &mut Case, clock: &StepClock, verdict: Verdict, conditions: [bool; 4]) {
    c.edit_report(clock.now(), |r| {
        r.five_ws.who = "jdoe (CORP\\jdoe), finance".into();
        r.five_ws.what = "Invoice_2291.docm opened; Word started encoded PowerShell".into();
        r.five_ws.when = "2026-03-14 09:12 UTC to 09:19 UTC".into();
        r.five_ws.where_ = "WS-FIN-042 (10.20.30.40)".into();
        r.five_ws.why = "EDR process tree and proxy logs show the download of stage2.ps1".into();
        r.verdict = Some(verdict);
        r.verdict_justification = "Payload hash is known malware".into();
        for (k, applies) in Condition::VARIANTS.iter().copied().zip(conditions) {
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
pub fn in_l2_review(clock: &StepClock) -> Case {
    let mut c = reviewed(clock);
    write_report(
        &mut c,
        clock,
        Verdict::TruePositive,
        [true, true, false, false],
    );
    c.apply(Command::BeginReport, clock.now()).unwrap();
    c.edit_report(clock.now(), |r| {
        r.decision.choice = Some(EscalationChoice::Escalate)
    })
    .unwrap();
    c.apply(Command::SetInProgress, clock.now()).unwrap();
    c.edit_notification(clock.now(), |n| {
        n.l2_assignee = "Sam Lee".into();
        n.ticket_id = "INC-2291".into();
        n.summary = "Macro document led to PowerShell download".into();
        n.immediate_concerns = "Host still online".into();
    })
    .unwrap();
    c.apply(Command::AssignToL2, clock.now()).unwrap();
    c.apply(Command::NotifyL2, clock.now()).unwrap();
    c.edit_l2(clock.now(), |l| l.analyst = "Sam Lee".into())
        .unwrap();
    c.apply(Command::StartL2Review, clock.now()).unwrap();
    assert_eq!(c.stage, Stage::L2Review);
    c
}

/// The shipped JSON Schema (static/handoff.schema.json), compiled once per test binary.
pub fn shipped_schema() -> &'static jsonschema::Validator {
    static VALIDATOR: std::sync::OnceLock<jsonschema::Validator> = std::sync::OnceLock::new();
    VALIDATOR.get_or_init(|| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../static/handoff.schema.json");
        let text = std::fs::read_to_string(&path).expect("the shipped schema");
        let schema: serde_json::Value = serde_json::from_str(&text).expect("schema is JSON");
        jsonschema::draft202012::new(&schema).expect("a valid draft 2020-12 schema")
    })
}

/// Every way in which `package` (JSON text) breaks the shipped schema, one line each.
pub fn schema_violations(package: &str) -> Vec<String> {
    let doc: serde_json::Value = serde_json::from_str(package).expect("package is JSON");
    shipped_schema()
        .iter_errors(&doc)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

/// Parses `md` as CommonMark (with GFM tables, as tickets render it) and returns every link,
/// image and piece of raw HTML in it. Handoff's Markdown exports write none themselves, so
/// anything found came from user text.
pub fn markdown_injections(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let mut found = Vec::new();
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => found.push(format!("link to {dest_url}")),
            Event::Start(Tag::Image { dest_url, .. }) => found.push(format!("image {dest_url}")),
            Event::Html(h) | Event::InlineHtml(h) => found.push(format!("HTML {h}")),
            Event::Start(Tag::HtmlBlock) => found.push("HTML block".to_owned()),
            _ => {}
        }
    }
    found
}
