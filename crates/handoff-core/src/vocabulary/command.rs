//! The steps of the workflow and who takes them. Which step leads where, and what each
//! needs, are rules: see [`crate::rules::flow`] and [`crate::rules::guards`].

use serde::Serialize;
use strum::VariantArray;

use super::stage::EscalationTier;

/// The two tiers of the SOC that work a case in Handoff.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum Role {
    L1,
    L2,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::L1 => "L1",
            Role::L2 => "L2",
        }
    }
}

/// The kind of a step, as recorded in the audit trail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CommandKind {
    OpenCase,
    StartReview,
    CloseAsFalsePositive,
    BeginReport,
    ReviseVerdict,
    CloseWithoutEscalation,
    SetInProgress,
    AssignToL2,
    NotifyL2,
    StartL2Review,
    RequestClarification,
    AnswerClarification,
    Resolve,
    StartIncidentResponse,
    EscalateFurther,
}

impl CommandKind {
    /// The step's name, as a button would say it.
    pub fn label(self) -> &'static str {
        match self {
            CommandKind::OpenCase => "Open case",
            CommandKind::StartReview => "Start L1 review",
            CommandKind::CloseAsFalsePositive => "Close as false positive",
            CommandKind::BeginReport => "Write the report",
            CommandKind::ReviseVerdict => "Revise the verdict",
            CommandKind::CloseWithoutEscalation => "Close without escalation",
            CommandKind::SetInProgress => "Set status: In Progress",
            CommandKind::AssignToL2 => "Assign to L2 on shift",
            CommandKind::NotifyL2 => "Mark L2 as notified",
            CommandKind::StartL2Review => "Start L2 review",
            CommandKind::RequestClarification => "Ask L1 for clarification",
            CommandKind::AnswerClarification => "Answer L2 and hand back",
            CommandKind::Resolve => "Mark as resolved",
            CommandKind::StartIncidentResponse => "Start incident response",
            CommandKind::EscalateFurther => "Escalate further",
        }
    }

    /// Who takes the step.
    pub fn role(self) -> Role {
        match self {
            CommandKind::StartL2Review
            | CommandKind::RequestClarification
            | CommandKind::Resolve
            | CommandKind::StartIncidentResponse
            | CommandKind::EscalateFurther => Role::L2,
            CommandKind::OpenCase
            | CommandKind::StartReview
            | CommandKind::CloseAsFalsePositive
            | CommandKind::BeginReport
            | CommandKind::ReviseVerdict
            | CommandKind::CloseWithoutEscalation
            | CommandKind::SetInProgress
            | CommandKind::AssignToL2
            | CommandKind::NotifyL2
            | CommandKind::AnswerClarification => Role::L1,
        }
    }

    /// Steps that hand work to L2 are held to "document before escalation".
    pub fn hands_work_to_l2(self) -> bool {
        matches!(
            self,
            CommandKind::SetInProgress | CommandKind::AnswerClarification
        )
    }

    /// One command of this kind for each value it can carry (empty text, each escalation
    /// tier); none for opening a case, which is not a step from a stage.
    pub fn commands(self) -> Vec<Command> {
        match self {
            CommandKind::OpenCase => vec![],
            CommandKind::StartReview => vec![Command::StartReview],
            CommandKind::CloseAsFalsePositive => vec![Command::CloseAsFalsePositive],
            CommandKind::BeginReport => vec![Command::BeginReport],
            CommandKind::ReviseVerdict => vec![Command::ReviseVerdict],
            CommandKind::CloseWithoutEscalation => vec![Command::CloseWithoutEscalation],
            CommandKind::SetInProgress => vec![Command::SetInProgress],
            CommandKind::AssignToL2 => vec![Command::AssignToL2],
            CommandKind::NotifyL2 => vec![Command::NotifyL2],
            CommandKind::StartL2Review => vec![Command::StartL2Review],
            CommandKind::RequestClarification => vec![Command::RequestClarification {
                question: String::new(),
            }],
            CommandKind::AnswerClarification => vec![Command::AnswerClarification {
                answer: String::new(),
            }],
            CommandKind::Resolve => vec![Command::Resolve],
            CommandKind::StartIncidentResponse => vec![Command::StartIncidentResponse],
            CommandKind::EscalateFurther => EscalationTier::VARIANTS
                .iter()
                .map(|t| Command::EscalateFurther(*t))
                .collect(),
        }
    }
}

/// One workflow step. Steps carry only what is not already a field of the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    StartReview,
    CloseAsFalsePositive,
    BeginReport,
    ReviseVerdict,
    CloseWithoutEscalation,
    SetInProgress,
    AssignToL2,
    NotifyL2,
    StartL2Review,
    RequestClarification { question: String },
    AnswerClarification { answer: String },
    Resolve,
    StartIncidentResponse,
    EscalateFurther(EscalationTier),
}

impl Command {
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::StartReview => CommandKind::StartReview,
            Command::CloseAsFalsePositive => CommandKind::CloseAsFalsePositive,
            Command::BeginReport => CommandKind::BeginReport,
            Command::ReviseVerdict => CommandKind::ReviseVerdict,
            Command::CloseWithoutEscalation => CommandKind::CloseWithoutEscalation,
            Command::SetInProgress => CommandKind::SetInProgress,
            Command::AssignToL2 => CommandKind::AssignToL2,
            Command::NotifyL2 => CommandKind::NotifyL2,
            Command::StartL2Review => CommandKind::StartL2Review,
            Command::RequestClarification { .. } => CommandKind::RequestClarification,
            Command::AnswerClarification { .. } => CommandKind::AnswerClarification,
            Command::Resolve => CommandKind::Resolve,
            Command::StartIncidentResponse => CommandKind::StartIncidentResponse,
            Command::EscalateFurther(_) => CommandKind::EscalateFurther,
        }
    }

    /// The step's name for a button: the kind's label, with the tier for an escalation.
    pub fn label(&self) -> String {
        match self {
            Command::EscalateFurther(EscalationTier::L3) => "Escalate to L3".to_owned(),
            Command::EscalateFurther(EscalationTier::IncidentResponseTeam) => {
                "Escalate to the IR team".to_owned()
            }
            other => other.kind().label().to_owned(),
        }
    }

    /// One of each command (with empty text and each escalation tier).
    pub fn all() -> Vec<Command> {
        CommandKind::VARIANTS
            .iter()
            .flat_map(|k| k.commands())
            .collect()
    }
}

crate::vocabulary::names::impl_deserialize_by_name!(Role, CommandKind);
