//! The guide's flowchart as rules: which step leads from which stage to which, which part of
//! a case each stage lets its owner change, and who acts next.
//!
//! ```text
//! AlertTriggered → L1Review → verdict?
//!   False Positive ──────────────────────────────→ Closed(false positive)
//!   True Positive | Needs Review → Reporting (Five Ws, escalation conditions)
//!   Reporting → Closed(no escalation needed)        when the decision is to close
//!   Reporting → InProgress → AssignedToL2 → L2Notified → L2Review
//!   L2Review → Resolved (minor) | IncidentResponse (major) | EscalatedFurther (L3 / IR team)
//!   L2Review ⇄ ClarificationRequested (L2 asks L1, L1 answers)
//! ```

use crate::vocabulary::command::{Command, Role};
use crate::vocabulary::stage::{ClosureReason, Stage};

/// The flowchart's arrows: the stage a step leads to from `from`, if the step leaves it.
pub fn target(from: Stage, cmd: &Command) -> Option<Stage> {
    use Stage as S;
    let to = match (from, cmd) {
        (S::AlertTriggered, Command::StartReview) => S::L1Review,
        (S::L1Review, Command::CloseAsFalsePositive) => S::Closed(ClosureReason::FalsePositive),
        (S::L1Review, Command::BeginReport) => S::Reporting,
        (S::Reporting, Command::ReviseVerdict) => S::L1Review,
        (S::Reporting, Command::CloseWithoutEscalation) => {
            S::Closed(ClosureReason::NoEscalationNeeded)
        }
        (S::Reporting, Command::SetInProgress) => S::InProgress,
        (S::InProgress, Command::AssignToL2) => S::AssignedToL2,
        (S::AssignedToL2, Command::NotifyL2) => S::L2Notified,
        (S::L2Notified, Command::StartL2Review) => S::L2Review,
        (S::L2Review, Command::RequestClarification { .. }) => S::ClarificationRequested,
        (S::ClarificationRequested, Command::AnswerClarification { .. }) => S::L2Review,
        (S::L2Review, Command::Resolve) => S::Resolved,
        (S::L2Review, Command::StartIncidentResponse) => S::IncidentResponse,
        (S::L2Review, Command::EscalateFurther(tier)) => S::EscalatedFurther(*tier),
        _ => return None,
    };
    Some(to)
}

/// Every step that leaves `from`, with one representative per escalation tier.
pub fn commands_from(from: Stage) -> Vec<Command> {
    Command::all()
        .into_iter()
        .filter(|c| target(from, c).is_some())
        .collect()
}

/// The parts of a case that are edited separately, each owned by the stages listed in
/// [`editable`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// L1's report: header, Five Ws, verdict, conditions, decision, evidence.
    Report,
    /// L1's message to L2.
    Notification,
    /// L2's tasks, classification and outcome.
    L2,
}

impl Part {
    pub fn label(self) -> &'static str {
        match self {
            Part::Report => "report",
            Part::Notification => "notification",
            Part::L2 => "L2 section",
        }
    }
}

/// Whether the case's owner at `stage` may change `part`. L1 writes the report until the
/// handoff and again while L2 has sent it back with a question; the notification until it is
/// sent; L2 its own section from the notification to the outcome. So a handed-off report is
/// frozen, and no edit can leave an escalated case with an incomplete report.
pub fn editable(stage: Stage, part: Part) -> bool {
    use Stage as S;
    match part {
        Part::Report => matches!(
            stage,
            S::AlertTriggered | S::L1Review | S::Reporting | S::ClarificationRequested
        ),
        Part::Notification => matches!(
            stage,
            S::AlertTriggered | S::L1Review | S::Reporting | S::InProgress | S::AssignedToL2
        ),
        Part::L2 => matches!(
            stage,
            S::L2Notified | S::L2Review | S::ClarificationRequested
        ),
    }
}

/// Who is expected to act next at `stage`.
pub fn next_actor(stage: Stage) -> Role {
    use Stage as S;
    match stage {
        S::L2Notified
        | S::L2Review
        | S::Resolved
        | S::IncidentResponse
        | S::EscalatedFurther(_) => Role::L2,
        S::AlertTriggered
        | S::L1Review
        | S::Reporting
        | S::InProgress
        | S::AssignedToL2
        | S::ClarificationRequested
        | S::Closed(_) => Role::L1,
    }
}
