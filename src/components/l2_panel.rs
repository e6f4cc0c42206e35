//! The L2 side: the six L2 tasks as a checklist, actions taken, classification and outcome.

use std::rc::Rc;

use handoff_core::{Case, Classification, Field, L2Task};
use yew::prelude::*;

use super::fields::{event_checked, RadioGroup, TextField};
use crate::state::{l2_input, Action, Dispatch};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub dispatch: Dispatch,
}

fn class_key(c: Classification) -> &'static str {
    match c {
        Classification::Minor => "minor",
        Classification::Major => "major",
    }
}

#[function_component(L2Panel)]
pub fn l2_panel(p: &Props) -> Html {
    let l2 = &p.case.l2;
    let d = &p.dispatch;
    let ro = !p.case.stage.l2_editable();
    let classes: Vec<(AttrValue, AttrValue)> = vec![
        ("minor".into(), "Minor: contained, resolve at L2".into()),
        (
            "major".into(),
            "Major: a security incident, start incident response".into(),
        ),
    ];
    html! {
        <section class="card" aria-labelledby="l2-heading" id="step-l2">
            <h2 id="l2-heading">{ "7. L2 review" }</h2>
            <p class="lead">{ "L2 owns the case from here: confirm, dig deeper, decide how serious it is, and leave a complete record." }</p>
            <TextField field={Field::L2Analyst} value={l2.analyst.clone()} readonly={ro}
                onchange={l2_input(d, |l, v| l.analyst = v)} />
            <ul class="tasks">
                { for L2Task::ALL.iter().map(|t| {
                    let t = *t;
                    let s = l2.tasks.get(t);
                    let d2 = d.clone();
                    let on_check = Callback::from(move |e: Event| {
                        let done = event_checked(&e);
                        d2.dispatch(Action::EditL2(Rc::new(move |l| l.tasks.get_mut(t).done = done)));
                    });
                    html! {
                        <li class="task">
                            <span class="check">
                                <input type="checkbox" id={t.id()} checked={s.done} onchange={on_check} disabled={ro} />
                                <label for={t.id()}>{ t.label() }</label>
                            </span>
                            <p class="hint">{ t.guidance() }</p>
                            <TextField field={Field::L2Task(t)} id={format!("{}-notes", t.id())}
                                label={format!("Notes: {}", t.label())} value={s.notes.clone()} readonly={ro}
                                onchange={l2_input(d, move |l, v| l.tasks.get_mut(t).notes = v)} />
                        </li>
                    }
                }) }
            </ul>
            <TextField field={Field::ActionsTaken} multiline=true rows={4} readonly={ro}
                value={l2.actions_taken.join("\n")} hint="One action per line, as done."
                example="Isolated WS-FIN-042 via EDR at 10:02 UTC"
                onchange={l2_input(d, |l, v| l.actions_taken = v.split('\n').map(str::to_owned).collect())} />
            <RadioGroup field={Field::Classification} options={classes} disabled={ro}
                value={l2.classification.map(class_key).unwrap_or_default()}
                onchange={l2_input(d, |l, v| l.classification = [Classification::Minor, Classification::Major].into_iter().find(|c| class_key(*c) == v))} />
            <TextField field={Field::OutcomeNote} multiline=true readonly={ro} value={l2.outcome_note.clone()}
                hint="What was contained and how, or why it goes further."
                onchange={l2_input(d, |l, v| l.outcome_note = v)} />
        </section>
    }
}
