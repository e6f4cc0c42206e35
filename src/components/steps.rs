//! The workflow steps that can be taken from the current stage. A refused step lists what is
//! missing and moves focus to the first missing field.

use std::rc::Rc;

use handoff_core::{Case, Command, Refusal};
use yew::prelude::*;

use super::fields::event_value;
use crate::adapters::dom::focus;
use crate::hooks::Actions;
use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub refusal: Option<Refusal>,
    /// The question to L1 or the answer to L2 being written (kept in the app's state, so a
    /// refused step loses nothing).
    pub reply: AttrValue,
    pub actions: Actions,
}

#[function_component(Steps)]
pub fn steps(p: &Props) -> Html {
    // Focus the first missing field whenever a new refusal arrives.
    {
        let refusal = p.refusal.clone();
        use_effect_with(refusal, |r| {
            if let Some(first) = r.as_ref().and_then(|r| r.missing().first()) {
                focus(first.field.id());
            }
        });
    }
    let steps = p.case.available_steps();
    let needs_text = steps.iter().any(|(c, _)| {
        matches!(
            c,
            Command::RequestClarification { .. } | Command::AnswerClarification { .. }
        )
    });
    let text_label = if steps
        .iter()
        .any(|(c, _)| matches!(c, Command::AnswerClarification { .. }))
    {
        "Answer to L2"
    } else {
        "Question for L1"
    };
    let open_question = p
        .case
        .clarifications
        .last()
        .filter(|q| q.answer.is_none())
        .map(|q| q.question.clone());
    html! {
        <section class="card steps" aria-labelledby="steps-heading">
            <h2 id="steps-heading">{ format!("Next step — now: {}", p.case.stage.label()) }</h2>
            if let Some(q) = open_question {
                <p class="question"><strong>{ "L2 asks: " }</strong>{ q }</p>
            }
            if needs_text {
                <div class="field">
                    <label for={if text_label == "Answer to L2" { "answer" } else { "question" }}>{ text_label }</label>
                    <textarea id={if text_label == "Answer to L2" { "answer" } else { "question" }} rows="3"
                        value={p.reply.clone()}
                        oninput={{ let a = p.actions.clone(); Callback::from(move |e: InputEvent| a.send(Action::Reply(event_value(&e)))) }} />
                </div>
            }
            if steps.is_empty() {
                <p>{ format!("The escalation workflow ends here ({}). Export the handoff for the ticket.", p.case.stage.label()) }</p>
            }
            <div class="step-buttons">
                { for steps.into_iter().map(|(cmd, missing)| {
                    let label = cmd.label();
                    let step = p.actions.step.clone();
                    let reply = p.reply.to_string();
                    let ready = missing.is_empty();
                    let onclick = Callback::from(move |_| {
                        let cmd = match &cmd {
                            Command::RequestClarification { .. } => Command::RequestClarification { question: reply.clone() },
                            Command::AnswerClarification { .. } => Command::AnswerClarification { answer: reply.clone() },
                            other => other.clone(),
                        };
                        step.emit(cmd);
                    });
                    html! {
                        <button type="button" class={if ready { "primary" } else { "" }} {onclick}
                            title={(!ready).then(|| format!("{} item(s) missing", missing.len()))}>
                            { label }
                        </button>
                    }
                }) }
            </div>
            if let Some(r) = &p.refusal {
                <div class="refusal" role="alert">
                    <p><strong>{ r.to_string() }</strong></p>
                    if !r.missing().is_empty() {
                        <ul>
                            { for r.missing().iter().map(|f| {
                                let id = f.field.id();
                                html! { <li><button type="button" class="link" onclick={Callback::from(move |_| focus(id))}>
                                    { format!("{}: {}", f.field.label(), f.message) }
                                </button></li> }
                            }) }
                        </ul>
                    }
                </div>
            }
        </section>
    }
}
