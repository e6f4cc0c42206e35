//! L2's first step: the handoff as a briefing, written as text to read, not a form to scan;
//! then L2 takes the case.

use handoff_core::rules::escalation::recommend;
use handoff_core::vocabulary::time::display;
use handoff_core::{Case, Command, Condition, Edit, Field, FiveW};
use strum::VariantArray;
use yew::prelude::*;

use super::{primary, StepContext};
use crate::components::fields::TextField;
use crate::state::flow::l2_analyst_shown;
use crate::state::FlowStep;

/// Text, or a dash when nothing was written.
fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        s.to_owned()
    }
}

/// Multi-line text as paragraphs, line breaks kept.
fn paragraphs(s: &str) -> Html {
    html! { <p class="prose">{ or_dash(s) }</p> }
}

/// The handoff as L2 reads it: what matters first (summary, immediate concerns, verdict), then
/// the decision and its grounds, the evidence, the Five Ws, and the answers to L2's
/// questions. Also shown, folded, once L2 has taken the case.
pub fn briefing(c: &Case) -> Html {
    let r = &c.report;
    let n = &c.notification;
    let h = &r.header;
    let rec = recommend(r.verdict, &r.conditions);
    html! {
        <div class="briefing">
            <p class="briefing-meta">
                { format!("{} · {} · severity {} · detected {} · from {} ({})",
                    or_dash(&h.alert_id), or_dash(&h.title),
                    h.severity.map_or("not set", |s| s.label()),
                    h.detected_at.as_ref().map_or_else(|| "—".to_owned(), display),
                    or_dash(&h.analyst), r.tlp.label()) }
            </p>
            <h3>{ "Summary" }</h3>
            { paragraphs(&n.summary) }
            <h3>{ "Immediate concerns" }</h3>
            { paragraphs(&n.immediate_concerns) }
            <h3>{ "Verdict" }</h3>
            <p><strong>{ r.verdict.map_or("No verdict", |v| v.label()) }</strong>{ ": " }{ or_dash(&r.verdict_justification) }</p>
            <h3>{ "Escalation conditions" }</h3>
            <dl class="conditions">
                { for Condition::VARIANTS.iter().map(|cond| {
                    let a = r.conditions.get(*cond);
                    let answer = match a.applies { Some(true) => "Yes", Some(false) => "No", None => "Not assessed" };
                    html! {
                        <>
                            <dt>{ cond.label() }</dt>
                            <dd><strong>{ answer }</strong>
                                if !a.note.trim().is_empty() { { " — " }{ a.note.clone() } }
                            </dd>
                        </>
                    }
                }) }
            </dl>
            <p>
                { format!("Decision: {}", r.decision.choice.map_or("none recorded", |d| d.label())) }
                if rec.is_overridden_by(&r.decision) {
                    { format!(" (against the recommendation: {})", or_dash(&r.decision.override_reason)) }
                }
            </p>
            <h3>{ format!("Indicators ({})", r.indicators.len()) }</h3>
            if r.indicators.is_empty() {
                <p>{ "None recorded." }</p>
            } else {
                <ul class="indicator-list">
                    { for r.indicators.iter().take(50).map(|i| html! {
                        <li><span class="kind">{ i.kind.label() }</span>{ " " }<code>{ i.value.clone() }</code>
                            if !i.note.trim().is_empty() { { " — " }{ i.note.clone() } }</li>
                    }) }
                    if r.indicators.len() > 50 {
                        <li>{ format!("…and {} more in the evidence.", r.indicators.len() - 50) }</li>
                    }
                </ul>
            }
            <h3>{ "Recommended actions" }</h3>
            if r.recommended_actions.iter().all(|a| a.trim().is_empty()) {
                <p>{ "None recorded." }</p>
            } else {
                <ul>{ for r.recommended_actions.iter().filter(|a| !a.trim().is_empty()).map(|a| html! { <li>{ a.clone() }</li> }) }</ul>
            }
            <h3>{ "The Five Ws" }</h3>
            <dl class="five-ws">
                { for FiveW::VARIANTS.iter().map(|w| html! {
                    <><dt>{ w.label() }</dt><dd class="prose">{ or_dash(r.five_ws.get(*w)) }</dd></>
                }) }
            </dl>
            if !c.clarifications.is_empty() {
                <h3>{ "Questions and answers" }</h3>
                <dl class="clarifications">
                    { for c.clarifications.iter().map(|q| html! {
                        <>
                            <dt>{ format!("{} asked, {}", q.asked_by.display(), display(&q.asked_at)) }</dt>
                            <dd class="prose">{ q.question.clone() }</dd>
                            if let Some(a) = &q.answer {
                                <dt>{ format!("{} answered, {}", a.answered_by.display(), display(&a.answered_at)) }</dt>
                                <dd class="prose">{ a.text.clone() }</dd>
                            } else {
                                <dt>{ "Answer" }</dt><dd>{ "Not answered yet." }</dd>
                            }
                        </>
                    }) }
                </dl>
            }
        </div>
    }
}

pub fn briefing_step(ctx: &StepContext) -> Html {
    let name = l2_analyst_shown(&ctx.case, &ctx.profile.name);
    let body = html! {
        <>
            { briefing(&ctx.case) }
            <TextField field={Field::L2Analyst} value={name} error={ctx.error(Field::L2Analyst)}
                label="You take the case as" autocomplete="name"
                onchange={ctx.actions.edit.reform(Edit::L2Analyst)} />
        </>
    };
    let footer = if ctx.changing {
        ctx.done_changing()
    } else {
        primary(
            "Take the case: start the L2 review",
            ctx.take(Command::StartL2Review),
        )
    };
    ctx.frame(FlowStep::Briefing, None, body, footer)
}
