//! Step 4: the four escalation conditions, the live recommendation, and the decision.

use std::rc::Rc;

use handoff_core::escalation::recommend;
use handoff_core::{Case, Condition, EscalationChoice, Field, RecommendationKind};
use yew::prelude::*;

use super::fields::{RadioGroup, TextField};
use crate::state::{report_input, Dispatch};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub dispatch: Dispatch,
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

fn choice_key(c: EscalationChoice) -> &'static str {
    match c {
        EscalationChoice::Escalate => "escalate",
        EscalationChoice::Close => "close",
    }
}

#[function_component(ConditionsForm)]
pub fn conditions_form(p: &Props) -> Html {
    let r = &p.case.report;
    let d = &p.dispatch;
    let ro = !p.case.stage.report_editable();
    let rec = recommend(r.verdict, &r.conditions);
    let (rec_class, rec_text) = match rec.kind {
        RecommendationKind::Escalate => ("rec escalate", "Recommendation: escalate to L2"),
        RecommendationKind::Close => ("rec close", "Recommendation: close at L1"),
        RecommendationKind::Undecided => ("rec undecided", "Recommendation: not yet possible"),
    };
    let choices: Vec<(AttrValue, AttrValue)> =
        [EscalationChoice::Escalate, EscalationChoice::Close]
            .iter()
            .map(|c| (choice_key(*c).into(), c.label().into()))
            .collect();
    html! {
        <section class="card" aria-labelledby="conditions-heading" id="step-escalation">
            <h2 id="conditions-heading">{ "4. Escalate to L2?" }</h2>
            <p class="lead">{ "Answer each condition. Any yes means escalate. When in doubt, escalate early: a benign alert handed on costs far less than a missed one." }</p>
            { for Condition::ALL.iter().map(|c| {
                let c = *c;
                let a = r.conditions.get(c);
                let opts: Vec<(AttrValue, AttrValue)> = vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())];
                html! {
                    <div class="condition">
                        <RadioGroup field={Field::Condition(c)} options={opts} disabled={ro}
                            value={yes_no(a.applies)} hint={c.guidance()}
                            onchange={report_input(d, move |r, v| r.conditions.get_mut(c).applies = Some(v == "yes"))} />
                        <TextField field={Field::Condition(c)} id={format!("{}-note", c.id())}
                            label={format!("Note on {}", c.label().to_lowercase())}
                            value={a.note.clone()} readonly={ro}
                            onchange={report_input(d, move |r, v| r.conditions.get_mut(c).note = v)} />
                    </div>
                }
            }) }
            <div class={rec_class} role="status" aria-live="polite">
                <strong>{ rec_text }</strong>
                <ul>{ for rec.reasons.iter().map(|why| html! { <li>{ why.clone() }</li> }) }</ul>
            </div>
            <RadioGroup field={Field::EscalationDecision} options={choices} disabled={ro}
                legend="Your decision"
                value={r.decision.choice.map(choice_key).unwrap_or_default()}
                hint="You decide. If you go against the recommendation, say why: it is recorded in the audit trail."
                onchange={report_input(d, |r, v| {
                    r.decision.choice = [EscalationChoice::Escalate, EscalationChoice::Close]
                        .into_iter().find(|c| choice_key(*c) == v)
                })} />
            if r.decision.is_override(&rec) {
                <TextField field={Field::OverrideReason} multiline=true readonly={ro}
                    value={r.decision.override_reason.clone()}
                    onchange={report_input(d, |r, v| r.decision.override_reason = v)} />
            }
        </section>
    }
}
