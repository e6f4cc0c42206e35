//! The end of the workflow: what happened to the case, and the handoff to file.

use handoff_core::{ClosureReason, EscalationTier, Stage};
use yew::prelude::*;

use super::{SendActions, SendKind, StepContext};
use crate::state::FlowStep;

pub fn outcome_step(ctx: &StepContext) -> Html {
    let case = &ctx.case;
    let l2 = case.l2.analyst.trim();
    let said = match case.stage {
        Stage::Closed(ClosureReason::FalsePositive) => {
            "Closed as a false positive at L1. File the report with the alert as its record.".to_owned()
        }
        Stage::Closed(ClosureReason::NoEscalationNeeded) => {
            "Closed at L1: a true positive that none of the escalation conditions sends to L2. File the report with the alert as its record.".to_owned()
        }
        Stage::Resolved => format!("Resolved by L2{}: a minor incident, contained.", by(l2)),
        Stage::IncidentResponse => format!("A major incident: incident response has started{}.", by(l2)),
        Stage::EscalatedFurther(EscalationTier::L3) => format!("Escalated to L3{}.", by(l2)),
        Stage::EscalatedFurther(EscalationTier::IncidentResponseTeam) => {
            format!("Handed to the incident response team{}.", by(l2))
        }
        other => format!("The case is at {}.", other.label()),
    };
    let body = html! {
        <>
            <p class="outcome">{ said }</p>
            <SendActions settings={ctx.export_settings.clone()} case={case.clone()} kind={SendKind::Record} actions={ctx.actions.clone()} />
            <p class="hint">{ "Every format of the case is under “Export the case”, below." }</p>
        </>
    };
    ctx.frame(FlowStep::Outcome, None, body, html! {})
}

fn by(name: &str) -> String {
    if name.is_empty() {
        String::new()
    } else {
        format!(" ({name})")
    }
}
