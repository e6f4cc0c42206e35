//! The audit trail as a timeline.

use std::rc::Rc;

use handoff_core::vocabulary::time;
use handoff_core::Case;
use yew::prelude::*;

pub struct Props {
    pub case: Rc<Case>,
}

/// Rendered as part of its parent: it holds no state of its own.
pub fn audit_trail(p: &Props) -> Html {
    html! {
        <section class="card" aria-labelledby="audit-heading">
            <h2 id="audit-heading">{ "Audit trail" }</h2>
            <ol class="audit">
                { for p.case.audit.iter().rev().map(|e| html! {
                    <li>
                        <time datetime={time::rfc3339(&e.at)}>{ time::display(&e.at) }</time>
                        <span class="who">{ e.actor.display() }</span>
                        <span class="what">{ format!("{} — {} → {}", e.event.label(), e.from.label(), e.to.label()) }</span>
                        if !e.note.is_empty() { <span class="note">{ e.note.clone() }</span> }
                    </li>
                }) }
            </ol>
        </section>
    }
}
