//! Names every field a rule can point at, so a refused step or a report finding can say which
//! field is missing and the UI can focus it.

use serde::Serialize;
use strum::VariantArray;

use super::escalation::Condition;
use super::l2::L2Task;

/// The Five Ws of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FiveW {
    Who,
    What,
    When,
    Where,
    Why,
}

impl FiveW {
    pub fn field(self) -> Field {
        match self {
            FiveW::Who => Field::Who,
            FiveW::What => Field::What,
            FiveW::When => Field::When,
            FiveW::Where => Field::Where,
            FiveW::Why => Field::Why,
        }
    }

    pub fn label(self) -> &'static str {
        self.field().label()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    AlertTitle,
    AlertId,
    Source,
    Rule,
    Severity,
    DetectedAt,
    Analyst,
    RawAlert,
    Who,
    What,
    When,
    Where,
    Why,
    Verdict,
    VerdictJustification,
    Condition(Condition),
    EscalationDecision,
    OverrideReason,
    Indicators,
    AttackTechniques,
    Tlp,
    Timeline,
    RecommendedActions,
    TicketId,
    Summary,
    ImmediateConcerns,
    L2Assignee,
    L2Analyst,
    L2Task(L2Task),
    ActionsTaken,
    Classification,
    OutcomeNote,
    Question,
    Answer,
}

impl Field {
    /// The label the UI shows, in the guide's words.
    pub fn label(self) -> &'static str {
        match self {
            Field::AlertTitle => "Alert title",
            Field::AlertId => "Alert ID",
            Field::Source => "Source (SIEM)",
            Field::Rule => "Detection rule",
            Field::Severity => "Severity",
            Field::DetectedAt => "Detection time (UTC)",
            Field::Analyst => "L1 analyst",
            Field::RawAlert => "Raw alert text",
            Field::Who => "Who",
            Field::What => "What",
            Field::When => "When",
            Field::Where => "Where",
            Field::Why => "Why",
            Field::Verdict => "Verdict",
            Field::VerdictJustification => "Verdict justification",
            Field::Condition(c) => c.label(),
            Field::EscalationDecision => "Escalation decision",
            Field::OverrideReason => "Reason for overriding the recommendation",
            Field::Indicators => "Indicators",
            Field::AttackTechniques => "MITRE ATT&CK techniques",
            Field::Tlp => "TLP label",
            Field::Timeline => "Timeline",
            Field::RecommendedActions => "Recommended actions",
            Field::TicketId => "Ticket ID",
            Field::Summary => "Summary of findings",
            Field::ImmediateConcerns => "Immediate concerns",
            Field::L2Assignee => "L2 analyst on shift",
            Field::L2Analyst => "L2 analyst",
            Field::L2Task(t) => t.label(),
            Field::ActionsTaken => "Actions taken",
            Field::Classification => "Incident classification",
            Field::OutcomeNote => "Outcome note",
            Field::Question => "Question for L1",
            Field::Answer => "Answer to L2",
        }
    }

    /// What belongs in the field, in Handoff's own words, where a form should say it.
    pub fn hint(self) -> Option<&'static str> {
        Some(match self {
            Field::AlertTitle => "What the alert is about, in a line.",
            Field::AlertId => "The alert's or ticket's ID in your SOC tool.",
            Field::Analyst => "Your name, as L2 should know it.",
            Field::Who => "The people and identities involved: the user, the account used, the sender of a mail.",
            Field::What => "Exactly what happened, event by event: what ran, what was sent, what changed.",
            Field::When => "When the activity started and ended, in UTC.",
            Field::Where => "Where it happened: hosts, IP addresses, mailboxes, URLs, cloud tenants.",
            Field::Why => "Why you reached your verdict, from the evidence: which logs, indicators and checks support it.",
            Field::VerdictJustification => "The facts that settle it: what you checked and what it showed.",
            Field::EscalationDecision => "You decide. If you go against the recommendation, say why: it goes into the audit trail.",
            Field::Tlp => "Who may see this handoff, by the Traffic Light Protocol 2.0.",
            Field::RecommendedActions => "One action per line: what L2 or IT should do next.",
            Field::TicketId => "The ticket L2 should open; filled in from the alert ID.",
            Field::Summary => "Two or three sentences: what you found and what you concluded.",
            Field::ImmediateConcerns => "What cannot wait (for example lateral movement in progress), or say that nothing is urgent.",
            Field::L2Assignee => "Reassign the alert or ticket to them in your SOC tool too: that usually notifies them.",
            Field::ActionsTaken => "One action per line, as done, with the time in UTC.",
            Field::OutcomeNote => "What was contained and how, or why it goes further.",
            _ => return None,
        })
    }

    /// An example of what a field holds. Examples belong to no training scenario, so the form
    /// never shows a scenario's answer (a test reads every scenario for their words).
    pub fn example(self) -> Option<&'static str> {
        Some(match self {
            Field::AlertTitle => "Outbound connections to a newly registered domain",
            Field::AlertId => "SOC-40711",
            Field::Source => "Microsoft Sentinel",
            Field::Rule => "Rare process making network connections",
            Field::Who => "svc-backup02, a service account of the storage team",
            Field::What => "rclone.exe started from a scheduled task and uploaded 40 GB over HTTPS",
            Field::When => "2026-05-02 01:10 UTC to 2026-05-02 03:55 UTC",
            Field::Where => "FS-STORAGE-07 (172.16.8.21) to a cloud storage bucket",
            Field::Why => "The task was created by a session from an unknown IP, and the upload volume is forty times the account's norm in the proxy logs",
            Field::VerdictJustification => "The binary is signed by the vendor and the change calendar lists this deployment",
            Field::RecommendedActions => "Disable svc-backup02; block the storage bucket's domain at the proxy",
            Field::Summary => "A service account uploaded 40 GB to cloud storage overnight from a task nobody scheduled; the upload is confirmed in the proxy logs.",
            Field::ImmediateConcerns => "The task runs again tonight at 01:00 UTC",
            Field::ActionsTaken => "Disabled svc-backup02 in the directory at 04:20 UTC",
            _ => return None,
        })
    }

    /// A stable identifier, used as the HTML `id` of the field's control.
    pub fn id(self) -> &'static str {
        match self {
            Field::AlertTitle => "alert-title",
            Field::AlertId => "alert-id",
            Field::Source => "source",
            Field::Rule => "rule",
            Field::Severity => "severity",
            Field::DetectedAt => "detected-at",
            Field::Analyst => "analyst",
            Field::RawAlert => "raw-alert",
            Field::Who => "who",
            Field::What => "what",
            Field::When => "when",
            Field::Where => "where",
            Field::Why => "why",
            Field::Verdict => "verdict",
            Field::VerdictJustification => "verdict-justification",
            Field::Condition(c) => c.id(),
            Field::EscalationDecision => "escalation-decision",
            Field::OverrideReason => "override-reason",
            Field::Indicators => "indicators",
            Field::AttackTechniques => "attack-techniques",
            Field::Tlp => "tlp",
            Field::Timeline => "timeline",
            Field::RecommendedActions => "recommended-actions",
            Field::TicketId => "ticket-id",
            Field::Summary => "summary",
            Field::ImmediateConcerns => "immediate-concerns",
            Field::L2Assignee => "l2-assignee",
            Field::L2Analyst => "l2-analyst",
            Field::L2Task(t) => t.id(),
            Field::ActionsTaken => "actions-taken",
            Field::Classification => "classification",
            Field::OutcomeNote => "outcome-note",
            Field::Question => "question",
            Field::Answer => "answer",
        }
    }
}

crate::vocabulary::names::impl_deserialize_by_name!(FiveW);
