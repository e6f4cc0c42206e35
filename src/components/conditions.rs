//! Step 4: the four escalation conditions, the live recommendation, and the decision.

use std::rc::Rc;

use handoff_core::rules::escalation::recommend;
use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::{Case, Condition, Edit, EscalationChoice, Field, Part, RecommendationKind};
use strum::VariantArray;
use yew::prelude::*;

use super::fields::{RadioGroup, TextField};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Rc<Case>,
    pub edit: Callback<Edit>,
}

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

#[function_component(ConditionsForm)]
pub fn conditions_form(p: &Props) -> Html {
    let r = &p.case.report;
    let edit = &p.edit;
    let ro = !p.case.can_edit(Part::Report);
    let rec = recommend(r.verdict, &r.conditions);
    let (rec_class, rec_text) = match rec.kind {
        RecommendationKind::Escalate => ("rec escalate", "Recommendation: escalate to L2"),
        RecommendationKind::Close => ("rec close", "Recommendation: close at L1"),
        RecommendationKind::Undecided => ("rec undecided", "Recommendation: not yet possible"),
    };
    let choices: Vec<(AttrValue, AttrValue)> = EscalationChoice::VARIANTS
        .iter()
        .map(|c| (wire_name(c).into(), c.label().into()))
        .collect();
    html! {
        <section class="card" aria-labelledby="conditions-heading" id="step-escalation">
            <h2 id="conditions-heading">{ "4. Escalate to L2?" }</h2>
            <p class="lead">{ "Answer each condition. Any yes means escalate. When in doubt, escalate early: a benign alert handed on costs far less than a missed one." }</p>
            { for Condition::VARIANTS.iter().map(|c| {
                let c = *c;
                let a = r.conditions.get(c);
                let opts: Vec<(AttrValue, AttrValue)> = vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())];
                html! {
                    <div class="condition">
                        <RadioGroup field={Field::Condition(c)} options={opts} disabled={ro}
                            value={yes_no(a.applies)} hint={c.guidance()}
                            onchange={edit.reform(move |v: String| Edit::ConditionApplies(c, Some(v == "yes")))} />
                        <TextField field={Field::Condition(c)} id={format!("{}-note", c.id())}
                            label={format!("Note on {}", c.label().to_lowercase())}
                            value={a.note.clone()} readonly={ro}
                            onchange={edit.reform(move |v| Edit::ConditionNote(c, v))} />
                    </div>
                }
            }) }
            <div class={rec_class} role="status" aria-live="polite">
                <strong>{ rec_text }</strong>
                <ul>{ for rec.reasons.iter().map(|why| html! { <li>{ why.clone() }</li> }) }</ul>
            </div>
            <RadioGroup field={Field::EscalationDecision} options={choices} disabled={ro}
                legend="Your decision"
                value={r.decision.choice.map(|c| wire_name(&c)).unwrap_or_default()}
                hint="You decide. If you go against the recommendation, say why: it is recorded in the audit trail."
                onchange={edit.reform(|v: String| Edit::Decision(from_wire_name(&v)))} />
            if rec.is_overridden_by(&r.decision) {
                <TextField field={Field::OverrideReason} multiline=true readonly={ro}
                    value={r.decision.override_reason.clone()}
                    onchange={edit.reform(Edit::OverrideReason)} />
            }
        </section>
    }
}
