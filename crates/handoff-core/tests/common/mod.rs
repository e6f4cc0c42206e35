//! Shared builders for the domain's integration tests.
#![allow(dead_code)]

use std::cell::Cell;
use strum::VariantArray;

use chrono::{DateTime, Duration, TimeZone, Utc};
use handoff_core::intake::extract;
use handoff_core::{
    Case, Classification, Command, Condition, EscalationChoice, Severity, Stage, TechniqueId,
    TimelineEntry, Tlp, Verdict,
};
use handoff_core::{Indicator, IndicatorKind};

/// Compares `actual` with `tests/golden/<name>`; `UPDATE_GOLDEN=1` rewrites the file instead.
pub fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {}: run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        expected == actual,
        "{name} differs from its golden file (UPDATE_GOLDEN=1 rewrites it after review)\n--- actual ---\n{actual}"
    );
}

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
        std::rc::Rc::make_mut(&mut r.indicators)
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

// The three realistic cases of the golden files.

/// Phishing with a macro document: escalated to L2, which starts incident response.
pub fn phishing() -> Case {
    let clock = StepClock::new();
    let mut c = Case::open("case-phish", "Dana Kim", clock.now());
    let alert = "From: billing@evil-invoices.example <billing@evil-invoices.example>\n\
                 To: jdoe@corp.example\nSubject: Overdue invoice 2291\n\
                 Attachment: Invoice_2291.docm sha256=275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f\n\
                 host=WS-FIN-042 user=CORP\\jdoe url=hxxps://cdn-update[.]example[.]com/stage2.ps1 dst=203.0.113.50";
    c.edit_report(clock.now(), |r| {
        r.header.title = "Macro document from invoice phishing ran PowerShell".into();
        r.header.alert_id = "INC-2291".into();
        r.header.source = "Splunk ES".into();
        r.header.rule = "Office application spawning encoded PowerShell".into();
        r.header.severity = Some(Severity::High);
        r.header.detected_at = Some(t(9, 14));
        r.raw_alert = alert.into();
        r.indicators = extract(alert).into();
        r.five_ws.who = "jdoe (CORP\\jdoe, finance) received it from billing@evil-invoices.example".into();
        r.five_ws.what = "jdoe opened Invoice_2291.docm and enabled macros.\nWord started PowerShell with an encoded command, which downloaded stage2.ps1.".into();
        r.five_ws.when = "2026-03-14 09:12 UTC to 09:19 UTC".into();
        r.five_ws.where_ = "WS-FIN-042 (10.20.30.40); jdoe's mailbox; https://cdn-update.example.com".into();
        r.five_ws.why = "The attachment's hash is known malware, the domain is two days old, and the EDR process tree shows WINWORD.EXE starting powershell.exe.".into();
        r.verdict = Some(Verdict::TruePositive);
        r.verdict_justification = "Malicious macro executed and fetched a second stage.".into();
        r.conditions.major_attack_indicators.applies = Some(false);
        r.conditions.remediation_required.applies = Some(true);
        r.conditions.remediation_required.note = "Host isolation and password reset needed".into();
        r.conditions.cross_team_communication.applies = Some(true);
        r.conditions.cross_team_communication.note = "14 other users got the same mail".into();
        r.conditions.uncertain_verdict.applies = Some(false);
        r.decision.choice = Some(EscalationChoice::Escalate);
        r.attack_techniques = vec![
            TechniqueId::parse("T1566.001").unwrap(),
            TechniqueId::parse("T1059.001").unwrap(),
        ];
        r.tlp = Tlp::Amber;
        r.timeline = vec![
            TimelineEntry { at: Some(t(9, 12)), description: "Mail delivered to jdoe".into() },
            TimelineEntry { at: Some(t(9, 14)), description: "Macro ran; PowerShell started".into() },
        ]
        .into();
        r.recommended_actions = vec![
            "Isolate WS-FIN-042".into(),
            "Reset jdoe's password".into(),
            "Purge the mail from the 14 other mailboxes".into(),
        ];
    })
    .unwrap();
    c.apply(Command::StartReview, clock.now()).unwrap();
    c.apply(Command::BeginReport, clock.now()).unwrap();
    c.apply(Command::SetInProgress, clock.now()).unwrap();
    c.edit_notification(clock.now(), |n| {
        n.ticket_id = "INC-2291".into();
        n.l2_assignee = "Sam Lee".into();
        n.summary = "Invoice phishing: macro ran on WS-FIN-042 and fetched a second stage from cdn-update.example.com.".into();
        n.immediate_concerns = "Host still online; 14 more users received the mail.".into();
    })
    .unwrap();
    c.apply(Command::AssignToL2, clock.now()).unwrap();
    c.apply(Command::NotifyL2, clock.now()).unwrap();
    c.edit_l2(clock.now(), |l| {
        l.analyst = "Sam Lee".into();
        l.tasks.validate_findings.done = true;
        l.tasks.validate_findings.notes = "Confirmed with EDR telemetry".into();
        l.tasks.deeper_analysis.done = true;
        l.tasks.deeper_analysis.notes = "stage2.ps1 is a Cobalt Strike loader".into();
        l.tasks.document_actions.done = true;
        l.actions_taken = vec!["Isolated WS-FIN-042 at 10:02 UTC".into()];
        l.classification = Some(Classification::Major);
        l.outcome_note = "Beacon to C2 confirmed; IR engaged.".into();
    })
    .unwrap();
    c.apply(Command::StartL2Review, clock.now()).unwrap();
    c.apply(
        Command::RequestClarification {
            question: "Did jdoe report the mail before opening it?".into(),
        },
        clock.now(),
    )
    .unwrap();
    c.apply(
        Command::AnswerClarification {
            answer: "No, reported at 09:40 UTC after the alert.".into(),
        },
        clock.now(),
    )
    .unwrap();
    c.apply(Command::StartIncidentResponse, clock.now())
        .unwrap();
    c
}

/// An administrator's signed inventory script flagged as suspicious PowerShell.
pub fn admin_false_positive() -> Case {
    let clock = StepClock::new();
    let mut c = Case::open("case-admin", "Priya Nair", clock.now());
    c.edit_report(clock.now(), |r| {
        r.header.title = "Suspicious PowerShell execution by admin account".into();
        r.header.alert_id = "SIEM-88412".into();
        r.header.source = "Microsoft Sentinel".into();
        r.header.rule = "PowerShell with -ExecutionPolicy Bypass".into();
        r.header.severity = Some(Severity::Medium);
        r.header.detected_at = Some(t(2, 0));
        r.five_ws.who = "svc_inventory (IT operations service account)".into();
        r.verdict = Some(Verdict::FalsePositive);
        r.verdict_justification = "Scheduled inventory script from change CHG-1182, signed by IT, run from the admin jump host as every night.".into();
        r.tlp = Tlp::Green;
    })
    .unwrap();
    c.apply(Command::StartReview, clock.now()).unwrap();
    c.apply(Command::CloseAsFalsePositive, clock.now()).unwrap();
    c
}

/// A ransomware note on a file server: escalated, host isolated, escalated further to IR.
pub fn ransomware() -> Case {
    let clock = StepClock {
        step: Duration::minutes(3),
        ..StepClock::new()
    };
    let mut c = Case::open("case-ransom", "Alex Moreau", clock.now());
    c.edit_report(clock.now(), |r| {
        r.header.title = "Ransom note and mass renames on FS-02".into();
        r.header.alert_id = "INC-3107".into();
        r.header.source = "CrowdStrike Falcon".into();
        r.header.rule = "Mass file modification with ransom note".into();
        r.header.severity = Some(Severity::Critical);
        r.header.detected_at = Some(t(3, 41));
        r.five_ws.who = "Account CORP\\svc_backup, used interactively from 10.20.5.17".into();
        r.five_ws.what = "Files on \\\\FS-02\\finance renamed to *.lockd; README_RESTORE.txt dropped in every folder.".into();
        r.five_ws.when = "From 03:38 UTC; still running at 03:50 UTC".into();
        r.five_ws.where_ = "File server FS-02 (10.20.1.12), share finance; source host 10.20.5.17".into();
        r.five_ws.why = "EDR telemetry shows vssadmin delete shadows, then thousands of renames per minute; the note names a known group.".into();
        r.verdict = Some(Verdict::TruePositive);
        r.verdict_justification = "Active encryption with shadow copies deleted.".into();
        for k in handoff_core::Condition::VARIANTS.iter().copied() {
            r.conditions.get_mut(k).applies = Some(k != handoff_core::Condition::UncertainVerdict);
        }
        r.conditions.major_attack_indicators.note = "Ransomware encryption in progress".into();
        r.conditions.remediation_required.note = "Isolate FS-02 and 10.20.5.17 now".into();
        r.conditions.cross_team_communication.note = "Management and legal must be told".into();
        r.decision.choice = Some(EscalationChoice::Escalate);
        r.indicators = extract("host=FS-02 10.20.1.12 10.20.5.17 README_RESTORE.txt user=CORP\\svc_backup").into();
        r.attack_techniques = vec![TechniqueId::parse("T1486").unwrap(), TechniqueId::parse("T1490").unwrap()];
        r.tlp = Tlp::Red;
        r.recommended_actions = vec!["Isolate FS-02 and 10.20.5.17".into(), "Disable svc_backup".into()];
    })
    .unwrap();
    c.apply(Command::StartReview, clock.now()).unwrap();
    c.apply(Command::BeginReport, clock.now()).unwrap();
    c.apply(Command::SetInProgress, clock.now()).unwrap();
    c.edit_notification(clock.now(), |n| {
        n.ticket_id = "INC-3107".into();
        n.l2_assignee = "On-call L2 (Kim Osei)".into();
        n.summary =
            "Ransomware encrypting the finance share on FS-02 via svc_backup from 10.20.5.17."
                .into();
        n.immediate_concerns =
            "Encryption still running; shadow copies deleted; @here please join the bridge.".into();
    })
    .unwrap();
    c.apply(Command::AssignToL2, clock.now()).unwrap();
    c.apply(Command::NotifyL2, clock.now()).unwrap();
    c.edit_l2(clock.now(), |l| {
        l.analyst = "Kim Osei".into();
        l.tasks.validate_findings.done = true;
        l.tasks.coordinate_teams.done = true;
        l.tasks.coordinate_teams.notes = "Network team blocked SMB from 10.20.5.17".into();
        l.tasks.document_actions.done = true;
        l.actions_taken = vec![
            "FS-02 isolated via EDR at 03:58 UTC".into(),
            "svc_backup disabled".into(),
        ];
        l.classification = Some(Classification::Major);
        l.outcome_note = "Contained on FS-02; scope unknown, handed to the IR team.".into();
    })
    .unwrap();
    c.apply(Command::StartL2Review, clock.now()).unwrap();
    c.apply(
        Command::EscalateFurther(handoff_core::EscalationTier::IncidentResponseTeam),
        clock.now(),
    )
    .unwrap();
    c
}
