//! L2's review: the six tasks as a checklist with notes, the actions taken, how serious it
//! is, and the outcome: resolve, start incident response, or hand it further on. A question
//! to L1 is one click away, never the main action.

use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::{Classification, Command, Edit, EscalationTier, Field, L2Task};
use strum::VariantArray;
use yew::prelude::*;

use super::briefing::briefing;
use super::{primary, secondary, StepContext};
use crate::components::fields::{event_checked, event_value, RadioGroup, TextField};
use crate::state::{Action, FlowStep};

pub fn review_step(ctx: &StepContext) -> Html {
    let case = &ctx.case;
    let l2 = &case.l2;
    let edit = &ctx.actions.edit;
    let classes: Vec<(AttrValue, AttrValue)> = Classification::VARIANTS
        .iter()
        .map(|c| {
            let meaning = match c {
                Classification::Minor => "contained, with limited impact: resolve it at L2",
                Classification::Major => "a security incident: start incident response",
            };
            (
                wire_name(c).into(),
                format!("{}: {meaning}", c.label()).into(),
            )
        })
        .collect();
    let ask = {
        let a = ctx.actions.clone();
        Callback::from(move |e: InputEvent| a.send(Action::Reply(event_value(&e))))
    };
    let body = html! {
        <>
            <details class="briefing-again">
                <summary>{ "L1's briefing" }</summary>
                { briefing(case) }
            </details>
            <ul class="tasks">
                { for L2Task::VARIANTS.iter().map(|t| {
                    let t = *t;
                    let s = l2.tasks.get(t);
                    let on_check = edit.reform(move |e: Event| Edit::L2TaskDone(t, event_checked(&e)));
                    html! {
                        <li class={classes!("task", ctx.error(Field::L2Task(t)).is_some().then_some("invalid"))}>
                            <span class="check">
                                <input type="checkbox" id={t.id()} checked={s.done} onchange={on_check}
                                    aria-describedby={format!("{}-guidance", t.id())} />
                                <label for={t.id()}>{ t.label() }</label>
                            </span>
                            <p class="hint" id={format!("{}-guidance", t.id())}>{ t.guidance() }</p>
                            if let Some(e) = ctx.error(Field::L2Task(t)) {
                                <p class="error-message"><span class="visually-hidden">{ "Error: " }</span>{ e }</p>
                            }
                            // Revealed once the task is ticked (or has notes): what was done.
                            if s.done || !s.notes.trim().is_empty() {
                                <TextField field={Field::L2Task(t)} id={format!("{}-notes", t.id())}
                                    label={format!("Notes: {}", t.label())} value={s.notes.clone()}
                                    onchange={edit.reform(move |v| Edit::L2TaskNotes(t, v))} />
                            }
                        </li>
                    }
                }) }
            </ul>
            <TextField field={Field::ActionsTaken} multiline=true rows={3}
                value={l2.actions_taken.join("\n")}
                onchange={edit.reform(|v: String| Edit::ActionsTaken(v.split('\n').map(str::to_owned).collect()))} />
            <RadioGroup field={Field::Classification} options={classes} error={ctx.error(Field::Classification)}
                value={l2.classification.map(|c| wire_name(&c)).unwrap_or_default()}
                onchange={edit.reform(|v: String| Edit::Classification(from_wire_name(&v)))} />
            <TextField field={Field::OutcomeNote} multiline=true value={l2.outcome_note.clone()} error={ctx.error(Field::OutcomeNote)}
                onchange={edit.reform(Edit::OutcomeNote)} />
            if !ctx.changing {
                <details class="ask-l1">
                    <summary>{ "Ask L1 a question instead" }</summary>
                    <div class="field">
                        <label for={Field::Question.id()}>{ Field::Question.label() }</label>
                        <p class="hint" id="question-hint">{ "The case goes back to L1 with your question; L1 answers and hands it back." }</p>
                        <textarea id={Field::Question.id()} rows="3" value={ctx.reply.clone()} oninput={ask}
                            aria-describedby="question-hint" />
                    </div>
                    { secondary("Ask L1 and hand the case back", ctx.take(Command::RequestClarification { question: ctx.reply.to_string() })) }
                </details>
            }
        </>
    };
    let footer = if ctx.changing {
        ctx.done_changing()
    } else {
        let main = match l2.classification {
            Some(Classification::Major) => primary(
                "Start incident response",
                ctx.take(Command::StartIncidentResponse),
            ),
            _ => primary("Mark as resolved", ctx.take(Command::Resolve)),
        };
        html! {
            <>
                { main }
                { for EscalationTier::VARIANTS.iter().map(|t| {
                    let cmd = Command::EscalateFurther(*t);
                    secondary(cmd.label(), ctx.take(cmd))
                }) }
            </>
        }
    };
    ctx.frame(
        FlowStep::Review,
        Some("L2 owns the case from here: confirm, dig deeper, decide how serious it is, and leave a complete record."),
        body,
        footer,
    )
}
