//! The L2 side: the six L2 tasks as a checklist, actions taken, classification and outcome.

use std::rc::Rc;

use handoff_core::vocabulary::names::from_wire_name;
use handoff_core::{Case, Classification, Edit, Field, L2Task, Part};
use strum::VariantArray;
use yew::prelude::*;

use super::fields::{event_checked, RadioGroup, TextField};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub edit: Callback<Edit>,
}

fn class_key(c: Classification) -> String {
    handoff_core::vocabulary::names::wire_name(&c)
}

#[function_component(L2Panel)]
pub fn l2_panel(p: &Props) -> Html {
    let l2 = &p.case.l2;
    let edit = &p.edit;
    let ro = !p.case.can_edit(Part::L2);
    let classes: Vec<(AttrValue, AttrValue)> = Classification::VARIANTS
        .iter()
        .map(|c| {
            let meaning = match c {
                Classification::Minor => "contained, resolve at L2",
                Classification::Major => "a security incident, start incident response",
            };
            (
                class_key(*c).into(),
                format!("{}: {meaning}", c.label()).into(),
            )
        })
        .collect();
    html! {
        <section class="card" aria-labelledby="l2-heading" id="step-l2">
            <h2 id="l2-heading">{ "7. L2 review" }</h2>
            <p class="lead">{ "L2 owns the case from here: confirm, dig deeper, decide how serious it is, and leave a complete record." }</p>
            <TextField field={Field::L2Analyst} value={l2.analyst.clone()} readonly={ro}
                onchange={edit.reform(Edit::L2Analyst)} />
            <ul class="tasks">
                { for L2Task::VARIANTS.iter().map(|t| {
                    let t = *t;
                    let s = l2.tasks.get(t);
                    let on_check = edit.reform(move |e: Event| Edit::L2TaskDone(t, event_checked(&e)));
                    html! {
                        <li class="task">
                            <span class="check">
                                <input type="checkbox" id={t.id()} checked={s.done} onchange={on_check} disabled={ro} />
                                <label for={t.id()}>{ t.label() }</label>
                            </span>
                            <p class="hint">{ t.guidance() }</p>
                            <TextField field={Field::L2Task(t)} id={format!("{}-notes", t.id())}
                                label={format!("Notes: {}", t.label())} value={s.notes.clone()} readonly={ro}
                                onchange={edit.reform(move |v| Edit::L2TaskNotes(t, v))} />
                        </li>
                    }
                }) }
            </ul>
            <TextField field={Field::ActionsTaken} multiline=true rows={4} readonly={ro}
                value={l2.actions_taken.join("\n")} hint="One action per line, as done."
                example="Isolated WS-FIN-042 via EDR at 10:02 UTC"
                onchange={edit.reform(|v: String| Edit::ActionsTaken(v.split('\n').map(str::to_owned).collect()))} />
            <RadioGroup field={Field::Classification} options={classes} disabled={ro}
                value={l2.classification.map(class_key).unwrap_or_default()}
                onchange={edit.reform(|v: String| Edit::Classification(from_wire_name(&v)))} />
            <TextField field={Field::OutcomeNote} multiline=true readonly={ro} value={l2.outcome_note.clone()}
                hint="What was contained and how, or why it goes further."
                onchange={edit.reform(Edit::OutcomeNote)} />
        </section>
    }
}
