//! A finished step, folded to one line of what it settled, with a way to change it while the
//! case's stage still allows.

use handoff_core::rules::escalation::recommend;
use handoff_core::vocabulary::text::{one_line, truncate_chars};
use handoff_core::vocabulary::time::display;
use handoff_core::{Case, FiveW};
use strum::VariantArray;
use yew::prelude::*;

use crate::hooks::Actions;
use crate::state::{Action, FlowStep};

/// What a finished step settled, in a line.
pub fn settled(step: FlowStep, case: &Case) -> String {
    let r = &case.report;
    let h = &r.header;
    let short = |s: &str| truncate_chars(&one_line(s), 90);
    match step {
        FlowStep::Alert => format!(
            "{} · {} · {} · {}",
            short(&h.alert_id),
            short(&h.title),
            h.severity.map_or("severity not set", |s| s.label()),
            h.detected_at
                .as_ref()
                .map_or_else(|| "time not set".to_owned(), display)
        ),
        FlowStep::Verdict => match r.verdict {
            Some(v) => format!("{}: {}", v.label(), short(&r.verdict_justification)),
            None => "No verdict".to_owned(),
        },
        FlowStep::Report => {
            let written = FiveW::VARIANTS
                .iter()
                .filter(|w| !r.five_ws.get(**w).trim().is_empty())
                .count();
            format!(
                "{written} of the Five Ws written · {} indicators · {}",
                r.indicators.len(),
                r.tlp.label()
            )
        }
        FlowStep::Decision => {
            let rec = recommend(r.verdict, &r.conditions);
            let choice = r.decision.choice.map_or("No decision", |c| c.label());
            if rec.is_overridden_by(&r.decision) {
                format!("{choice} (against the recommendation)")
            } else {
                format!("{choice} (as recommended)")
            }
        }
        FlowStep::Assign => format!("Assigned to {}", short(&case.notification.l2_assignee)),
        FlowStep::Notify => format!(
            "L2 notified about ticket {}",
            short(&case.notification.ticket_id)
        ),
        FlowStep::Briefing => format!("Taken by {}", short(&case.l2.analyst)),
        FlowStep::Review => match case.l2.classification {
            Some(c) => format!(
                "Classified {}: {}",
                c.label().to_lowercase(),
                short(&case.l2.outcome_note)
            ),
            None => "Reviewed".to_owned(),
        },
        FlowStep::Ask | FlowStep::Answer => match case.clarifications.last() {
            Some(q) => match &q.answer {
                Some(a) => format!("Answered: {}", short(&a.text)),
                None => format!("Asked: {}", short(&q.question)),
            },
            None => String::new(),
        },
        FlowStep::Outcome => case.stage.label().to_owned(),
    }
}

/// A finished step: its title, what it settled, and "Change" when it can be.
pub fn done_step(step: FlowStep, case: &Case, can_change: bool, actions: &Actions) -> Html {
    let change = {
        let a = actions.clone();
        Callback::from(move |_| a.send(Action::Change(step)))
    };
    html! {
        <section class="step done" key={step.id()} id={step.id()} aria-labelledby={format!("{}-heading", step.id())}>
            <h2 id={format!("{}-heading", step.id())} tabindex="-1">
                <span class="done-mark" aria-hidden="true">{ "✓ " }</span>{ step.title() }
            </h2>
            <p class="settled">{ settled(step, case) }</p>
            if can_change {
                <button type="button" class="link change" onclick={change}
                    aria-label={format!("Change: {}", step.title())}>{ "Change" }</button>
            }
        </section>
    }
}
