//! What Handoff read in the pasted alert, shown beside the paste box: the format it
//! recognised, the fields it filled, what the alert says that an analyst looks at first
//! (authentication results, a Reply-To elsewhere, a command line) and the indicators with the
//! role the format gave them.

use handoff_core::Field;
use yew::prelude::*;

use crate::state::IntakeView;

/// Indicators listed here; the evidence list in the report has them all.
const SHOWN_INDICATORS: usize = 25;
/// The list is open when it is this short.
const OPEN_UP_TO: usize = 6;

pub fn reading(view: &IntakeView) -> Html {
    let i = &view.intake;
    let labels = |fields: &mut dyn Iterator<Item = Field>| -> String {
        fields.map(|f| f.label()).collect::<Vec<_>>().join(", ")
    };
    let filled = labels(&mut view.filled.iter().copied());
    let offered = labels(&mut view.offers.iter().map(|o| o.field));
    let mut next = Vec::new();
    if !filled.is_empty() {
        next.push(format!(
            "Filled: {filled}; check them against the alert, whose wording is not yet yours."
        ));
    }
    if !offered.is_empty() {
        next.push(format!(
            "Suggested beside each field, to take or dismiss: {offered}. Nothing you typed was replaced."
        ));
    }
    let more = i.indicators.len().saturating_sub(SHOWN_INDICATORS);
    html! {
        <section class="reading" aria-labelledby="reading-title">
            <h3 id="reading-title">{ i.summary() }</h3>
            if !next.is_empty() { <p>{ next.join(" ") }</p> }
            if !i.observations.is_empty() {
                <h4>{ "What the alert says" }</h4>
                <ul class="observations">
                    { for i.observations.iter().map(|o| html! { <li>{ o.clone() }</li> }) }
                </ul>
            }
            if !i.indicators.is_empty() {
                // A few are shown at once; a long list waits one click away, its make-up in
                // the summary line.
                <details class="indicators-read" open={i.indicators.len() <= OPEN_UP_TO}>
                    <summary>{ format!("Indicators found: {}", by_kind(i)) }</summary>
                    <ul>
                        { for i.indicators.iter().take(SHOWN_INDICATORS).map(|ind| html! {
                            <li>
                                <span class="kind">{ ind.kind.label() }</span>
                                <code>{ ind.value.clone() }</code>
                                if !ind.note.is_empty() { <span class="role">{ ind.note.clone() }</span> }
                            </li>
                        }) }
                    </ul>
                    if more > 0 {
                        <p class="hint">{ format!("And {more} more: the evidence list in the report has every one.") }</p>
                    }
                </details>
            }
        </section>
    }
}

/// "11 (SHA-256 ×2, SHA-1 ×2, URL, …)": how many of each kind, in the order they came.
fn by_kind(i: &handoff_core::intake::Intake) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for ind in &i.indicators {
        let label = ind.kind.label();
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    let parts: Vec<String> = counts
        .iter()
        .map(|(l, n)| match n {
            1 => (*l).to_owned(),
            n => format!("{l} ×{n}"),
        })
        .collect();
    format!("{} ({})", i.indicators.len(), parts.join(", "))
}
