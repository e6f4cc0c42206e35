//! The clarification loop: L2's question waits for L1 (and is sent from here), and L1
//! answers it and hands the case back.

use handoff_core::{Command, Field};
use yew::prelude::*;

use super::{primary, SendActions, SendKind, StepContext};
use crate::components::fields::event_value;
use crate::state::{Action, FlowStep};

/// L2, after asking: the question, how to send it, and that the case now waits for L1.
pub fn ask_step(ctx: &StepContext) -> Html {
    let case = &ctx.case;
    let question = case
        .clarifications
        .last()
        .map(|q| q.question.clone())
        .unwrap_or_default();
    let body = html! {
        <>
            <p class="question"><strong>{ "You asked: " }</strong>{ question }</p>
            <SendActions settings={ctx.export_settings.clone()} case={case.clone()} kind={SendKind::Clarification} actions={ctx.actions.clone()} />
            <p>{ "The case waits for L1's answer. When L1 sends the package back, open it here: it continues this case." }</p>
        </>
    };
    ctx.frame(FlowStep::Ask, None, body, html! {})
}

/// L1: L2's question, the answer, and the report steps above open again for changes.
pub fn answer_step(ctx: &StepContext) -> Html {
    let case = &ctx.case;
    let open = case.clarifications.last().filter(|q| q.answer.is_none());
    let oninput = {
        let a = ctx.actions.clone();
        Callback::from(move |e: InputEvent| a.send(Action::Reply(event_value(&e))))
    };
    let error = ctx.error(Field::Answer);
    let body = match open {
        Some(q) => html! {
            <>
                <p class="question"><strong>{ format!("{} asks: ", q.asked_by.display()) }</strong>{ q.question.clone() }</p>
                <p class="hint">{ "You can change the report in the steps above before you answer; it is handed back with your answer." }</p>
                <div class={classes!("field", error.is_some().then_some("invalid"))}>
                    <label for={Field::Answer.id()}>{ Field::Answer.label() }</label>
                    if let Some(e) = &error {
                        <p class="error-message" id="answer-error"><span class="visually-hidden">{ "Error: " }</span>{ e.clone() }</p>
                    }
                    <textarea id={Field::Answer.id()} rows="4" value={ctx.reply.clone()} {oninput}
                        aria-invalid={error.is_some().then_some("true")}
                        aria-describedby={error.is_some().then_some("answer-error")} />
                </div>
            </>
        },
        // Answered: send it back.
        None => html! {
            <SendActions settings={ctx.export_settings.clone()} case={case.clone()} kind={SendKind::Clarification} actions={ctx.actions.clone()} />
        },
    };
    let footer = if open.is_some() {
        primary(
            "Answer L2 and hand the case back",
            ctx.take(Command::AnswerClarification {
                answer: ctx.reply.to_string(),
            }),
        )
    } else {
        html! {}
    };
    ctx.frame(FlowStep::Answer, None, body, footer)
}
