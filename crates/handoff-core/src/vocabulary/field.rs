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
