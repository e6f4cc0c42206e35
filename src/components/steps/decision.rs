//! Step 4: the four escalation conditions, the recommendation drawn from them, and the
//! analyst's decision (a decision against the recommendation says why).

use handoff_core::rules::escalation::recommend;
use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::{Command, Condition, Edit, EscalationChoice, Field, RecommendationKind};
use strum::VariantArray;
use yew::prelude::*;

use super::{primary, StepContext};
use crate::components::fields::{RadioGroup, TextField};
use crate::state::FlowStep;

fn yes_no(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

pub fn decision_step(ctx: &StepContext) -> Html {
    let r = &ctx.case.report;
    let edit = &ctx.actions.edit;
    let rec = recommend(r.verdict, &r.conditions);
    let (rec_class, rec_text) = match rec.kind {
        RecommendationKind::Escalate => ("rec escalate", "Recommendation: escalate to L2"),
        RecommendationKind::Close => ("rec close", "Recommendation: close at L1"),
        RecommendationKind::Undecided => (
            "rec undecided",
            "Recommendation: answer every condition first",
        ),
    };
    let choices: Vec<(AttrValue, AttrValue)> = EscalationChoice::VARIANTS
        .iter()
        .map(|c| (wire_name(c).into(), c.label().into()))
        .collect();
    let body = html! {
        <>
            { for Condition::VARIANTS.iter().map(|c| {
                let c = *c;
                let a = r.conditions.get(c);
                let opts: Vec<(AttrValue, AttrValue)> = vec![("yes".into(), "Yes".into()), ("no".into(), "No".into())];
                html! {
                    <div class="condition">
                        <RadioGroup field={Field::Condition(c)} options={opts} inline=true
                            value={yes_no(a.applies)} hint={c.guidance()} error={ctx.error(Field::Condition(c))}
                            onchange={edit.reform(move |v: String| Edit::ConditionApplies(c, Some(v == "yes")))} />
                        // Revealed by a yes: what makes the condition apply is worth a line.
                        if a.applies == Some(true) || !a.note.trim().is_empty() {
                            <TextField field={Field::Condition(c)} id={format!("{}-note", c.id())}
                                label={format!("What makes “{}” apply", c.label().to_lowercase())}
                                value={a.note.clone()}
                                onchange={edit.reform(move |v| Edit::ConditionNote(c, v))} />
                        }
                    </div>
                }
            }) }
            <div class={rec_class} role="status" aria-live="polite">
                <strong>{ rec_text }</strong>
                <ul>{ for rec.reasons.iter().map(|why| html! { <li>{ why.clone() }</li> }) }</ul>
            </div>
            <RadioGroup field={Field::EscalationDecision} options={choices}
                legend="Your decision" error={ctx.error(Field::EscalationDecision)}
                value={r.decision.choice.map(|c| wire_name(&c)).unwrap_or_default()}
                hint={Field::EscalationDecision.hint()}
                onchange={edit.reform(|v: String| Edit::Decision(from_wire_name(&v)))} />
            if rec.is_overridden_by(&r.decision) {
                <TextField field={Field::OverrideReason} multiline=true error={ctx.error(Field::OverrideReason)}
                    value={r.decision.override_reason.clone()}
                    onchange={edit.reform(Edit::OverrideReason)} />
            }
        </>
    };
    let footer = if ctx.changing {
        ctx.done_changing()
    } else if r.decision.choice == Some(EscalationChoice::Close) {
        primary("Close at L1", ctx.take(Command::CloseWithoutEscalation))
    } else {
        primary(
            "Escalate: set the status to In Progress",
            ctx.take(Command::SetInProgress),
        )
    };
    ctx.frame(
        FlowStep::Decision,
        Some("Any yes means escalate. In doubt, escalate early: a benign alert handed on costs far less than a missed one."),
        body,
        footer,
    )
}
