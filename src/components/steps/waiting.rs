//! When it is the other tier's turn: what the case waits for, how to send it again, and a way
//! to switch roles for someone who works both.

use std::rc::Rc;

use handoff_core::package::ExportSettings;
use handoff_core::{Case, Role, Stage};
use yew::prelude::*;

use super::{SendActions, SendKind};
use crate::hooks::Actions;
use crate::state::Action;

/// The case is in the other tier's hands: what it waits for, and what can still be done.
pub fn waiting(case: &Rc<Case>, role: Role, actions: &Actions, settings: &ExportSettings) -> Html {
    let other = match role {
        Role::L1 => Role::L2,
        Role::L2 => Role::L1,
    };
    let assignee = case.notification.l2_assignee.trim();
    let text = match (role, case.stage) {
        (Role::L1, Stage::L2Notified) => format!(
            "Sent to L2{}. Nothing more to do here until L2 asks you a question or closes the case.",
            if assignee.is_empty() { String::new() } else { format!(" ({assignee})") }
        ),
        (Role::L1, Stage::L2Review) => "L2 is reviewing the case.".to_owned(),
        (Role::L2, Stage::ClarificationRequested) => "The case waits for L1's answer.".to_owned(),
        (Role::L2, stage) => format!(
            "This case is still with L1 ({}). When L1 sends the handoff, open the package here.",
            stage.label()
        ),
        (_, stage) => format!("The case is at {}.", stage.label()),
    };
    let answered = case
        .clarifications
        .last()
        .is_some_and(|q| q.answer.is_some());
    let switch = {
        let a = actions.clone();
        Callback::from(move |_| a.send(Action::SetRole(other)))
    };
    html! {
        <section class="step waiting" key="waiting" id="step-waiting" aria-labelledby="waiting-heading">
            <h2 id="waiting-heading" tabindex="-1">{ format!("With {}", other.label()) }</h2>
            <p>{ text }</p>
            if role == Role::L1 && case.stage.is_escalated() {
                <SendActions case={case.clone()} kind={if answered && case.stage == Stage::L2Review { SendKind::Clarification } else { SendKind::Handoff }} actions={actions.clone()} settings={settings.clone()} />
            }
            <p class="switch">
                { format!("Working as {} on this case? ", other.label()) }
                <button type="button" class="secondary" onclick={switch}>{ format!("Switch to {}", other.label()) }</button>
            </p>
        </section>
    }
}
