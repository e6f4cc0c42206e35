//! The invariants of a stored or imported case: what [`crate::case::Case`]'s own changes
//! guarantee, checked again for data that did not come through them.

use std::fmt;

use crate::data::CaseData;
use crate::vocabulary::command::{Command, CommandKind};
use crate::vocabulary::stage::{ClosureReason, Stage};

use super::flow::target;
use super::guards::guard;

/// A stored or imported case that breaks a rule of the workflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvariantViolation(pub String);

impl fmt::Display for InvariantViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvariantViolation {}

/// Checks what a case's own steps and stage-checked edits guarantee, for data that did not
/// come through them (an import, storage): the audit trail is a legal, ordered path through
/// the flowchart ending at the current stage, and every part of the case frozen at this stage
/// still satisfies the guards that let it in.
pub fn check_invariants(c: &CaseData) -> Result<(), InvariantViolation> {
    let bad = |s: String| Err(InvariantViolation(s));
    let Some(first) = c.audit.first() else {
        return bad("its audit trail is empty".into());
    };
    if first.event != CommandKind::OpenCase
        || first.from != Stage::AlertTriggered
        || first.to != Stage::AlertTriggered
    {
        return bad("its audit trail does not start with the opening of the case".into());
    }
    if first.at != c.created_at {
        return bad("its creation time differs from the first audit entry".into());
    }
    for (i, pair) in c.audit.windows(2).enumerate() {
        let (prev, e) = (&pair[0], &pair[1]);
        let n = i + 2;
        if e.at < prev.at {
            return bad(format!("audit entry {n} is earlier than the one before it"));
        }
        if e.from != prev.to {
            return bad(format!(
                "audit entry {n} starts from {} but the case was {}",
                e.from.label(),
                prev.to.label()
            ));
        }
        let legal = Command::all()
            .iter()
            .any(|cmd| cmd.kind() == e.event && target(e.from, cmd) == Some(e.to));
        if !legal {
            return bad(format!(
                "audit entry {n} records a step the workflow does not allow: {} from {} to {}",
                e.event.label(),
                e.from.label(),
                e.to.label()
            ));
        }
    }
    let last = c.audit.last().map_or(first, |e| e);
    if last.to != c.stage {
        return bad(format!(
            "its stage is {} but its audit trail ends at {}",
            c.stage.label(),
            last.to.label()
        ));
    }
    if c.updated_at < last.at {
        return bad("its last change is earlier than its last audit entry".into());
    }
    let asked = c
        .audit
        .iter()
        .filter(|e| e.event == CommandKind::RequestClarification)
        .count();
    if asked != c.clarifications.len() {
        return bad("its clarifications do not match the questions in its audit trail".into());
    }
    let open = c
        .clarifications
        .iter()
        .filter(|q| q.answer.is_none())
        .count();
    let waiting = c.stage == Stage::ClarificationRequested;
    let last_open = c.clarifications.last().is_some_and(|q| q.answer.is_none());
    if open != usize::from(waiting) || last_open != waiting {
        return bad("its open clarification does not match its stage".into());
    }

    for kind in frozen_guards(c.stage) {
        if let Some(f) = guard(*kind, c).first() {
            return bad(format!(
                "it is {} but {} ({})",
                c.stage.label(),
                f.message.trim_end_matches('.').to_lowercase(),
                f.field.label()
            ));
        }
    }
    Ok(())
}

/// The guards whose inputs can no longer be edited at `stage`, so must still hold.
fn frozen_guards(stage: Stage) -> &'static [CommandKind] {
    use CommandKind as K;
    match stage {
        Stage::AlertTriggered | Stage::L1Review | Stage::Reporting => &[],
        Stage::Closed(ClosureReason::FalsePositive) => &[K::CloseAsFalsePositive],
        Stage::Closed(ClosureReason::NoEscalationNeeded) => &[K::CloseWithoutEscalation],
        Stage::InProgress | Stage::AssignedToL2 => &[K::SetInProgress],
        Stage::L2Notified => &[K::SetInProgress, K::NotifyL2],
        // The L2 section stays editable in these two, so only L1's frozen parts are checked.
        Stage::L2Review => &[K::SetInProgress, K::NotifyL2],
        Stage::ClarificationRequested => &[K::NotifyL2],
        Stage::Resolved => &[K::SetInProgress, K::NotifyL2, K::StartL2Review, K::Resolve],
        Stage::IncidentResponse => &[
            K::SetInProgress,
            K::NotifyL2,
            K::StartL2Review,
            K::StartIncidentResponse,
        ],
        Stage::EscalatedFurther(_) => &[
            K::SetInProgress,
            K::NotifyL2,
            K::StartL2Review,
            K::EscalateFurther,
        ],
    }
}
