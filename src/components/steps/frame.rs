//! The frame every open step shares: its heading, what it still needs (said before the
//! analyst presses anything), the error summary after a refusal, its fields, and at their end
//! its actions.

use std::rc::Rc;

use handoff_core::{Field, Finding};
use yew::prelude::*;

use crate::state::FlowStep;

/// What a step's frame shows around its fields.
pub struct Frame {
    pub step: FlowStep,
    /// "Step 3 of 6", or none for a step outside the numbered path.
    pub position: Option<(usize, usize)>,
    /// What the step's forward action needs now.
    pub blocking: Rc<Vec<Finding>>,
    /// What the handoff will need later from this step's fields.
    pub later: Rc<Vec<Finding>>,
    /// The forward action was pressed and refused: show the error summary.
    pub tried: bool,
    pub on_go: Callback<Field>,
    pub lead: Option<&'static str>,
}

/// The id of a step's error summary, which takes focus after a refusal.
pub fn summary_id(step: FlowStep) -> String {
    format!("{}-errors", step.id())
}

/// The step's frame around its fields (`body`) and its actions (`footer`).
pub fn step_frame(p: Frame, body: Html, footer: Html) -> Html {
    let heading_id = format!("{}-heading", p.step.id());
    let summary_id = summary_id(p.step);
    let show_errors = p.tried && !p.blocking.is_empty();
    let link = |f: &Finding| {
        let (go, field) = (p.on_go.clone(), f.field);
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            go.emit(field);
        });
        html! {
            <li><a href={format!("#{}", f.field.id())} {onclick}>{ f.message.clone() }</a></li>
        }
    };
    let needs_now = !p.tried && !p.blocking.is_empty();
    html! {
        <section class="step current" key={p.step.id()} id={p.step.id()} aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id} tabindex="-1">
                if let Some((n, total)) = p.position {
                    <span class="step-number">{ format!("Step {n} of {total}") }<span class="visually-hidden">{ ": " }</span></span>
                }
                { p.step.title() }
            </h2>
            if show_errors {
                <div class="error-summary" id={summary_id} role="alert" tabindex="-1"
                    aria-labelledby={format!("{}-errors-title", p.step.id())}>
                    <h3 id={format!("{}-errors-title", p.step.id())}>{ "There is a problem" }</h3>
                    <ul>{ for p.blocking.iter().map(link) }</ul>
                </div>
            }
            if let Some(lead) = p.lead {
                <p class="lead">{ lead }</p>
            }
            if needs_now || !p.later.is_empty() {
                <div class="needs">
                    if needs_now {
                        <p><strong>{ "To go on from here: " }</strong>{ names(&p.blocking) }{ "." }</p>
                    }
                    if !p.later.is_empty() {
                        <p><strong>{ "Needed later for the handoff: " }</strong>{ names(&p.later) }{ "." }</p>
                    }
                </div>
            }
            <div class="step-body">{ body }</div>
            <div class="step-actions">{ footer }</div>
        </section>
    }
}

/// "Alert title, Alert ID and Severity"
fn names(findings: &[Finding]) -> String {
    let mut labels: Vec<&str> = Vec::new();
    for f in findings {
        let l = f.field.label();
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    match labels.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The message for `field` among a refusal's findings, to show at the field itself.
pub fn error_for(errors: &[Finding], field: Field) -> Option<AttrValue> {
    errors
        .iter()
        .find(|f| f.field == field)
        .map(|f| AttrValue::from(f.message.clone()))
}
