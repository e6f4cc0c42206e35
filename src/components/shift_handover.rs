//! The shift handover, in the side bar under the cases: every case touched in the last hours,
//! with its next step and owner, for the next shift. The worker writes it from the stored
//! cases; the page shows the chat message and the Markdown, and copies or downloads them.

use std::rc::Rc;

use handoff_core::package::{ExportSettings, DEFAULT_SHIFT_HOURS, MAX_SHIFT_HOURS};
use handoff_core::Case;
use yew::prelude::*;

use super::export::CopyButton;
use super::fields::event_value;
use super::rendered::rendered;
use crate::hooks::Actions;
use crate::worker::ShiftText;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub case: Option<Rc<Case>>,
    pub settings: ExportSettings,
    pub actions: Actions,
}

/// The hours typed, if they are a whole number in range.
fn hours(typed: &str) -> Option<u32> {
    typed
        .trim()
        .parse()
        .ok()
        .filter(|h| (1..=MAX_SHIFT_HOURS).contains(h))
}

#[function_component(ShiftHandover)]
pub fn shift_handover(p: &Props) -> Html {
    let typed = use_state(|| DEFAULT_SHIFT_HOURS.to_string());
    // What is wrong with the hours typed, beside the box; why the worker wrote nothing, below.
    let error = use_state(|| None::<String>);
    let failure = use_state(String::new);
    let pending = use_state(|| false);
    let written = use_state(|| None::<Rc<ShiftText>>);
    let oninput = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(event_value(&e)))
    };
    let onsubmit = {
        let (typed, error, written) = (typed.clone(), error.clone(), written.clone());
        let (failure, pending) = (failure.clone(), pending.clone());
        let (a, case, settings) = (p.actions.clone(), p.case.clone(), p.settings.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(h) = hours(&typed) else {
                error.set(Some(format!(
                    "Enter a whole number of hours from 1 to {MAX_SHIFT_HOURS}."
                )));
                crate::adapters::dom::focus_element("shift-hours");
                return;
            };
            error.set(None);
            failure.set(String::new());
            // The handover on screen is always the one just asked for.
            written.set(None);
            pending.set(true);
            let (failure, pending, written) = (failure.clone(), pending.clone(), written.clone());
            a.shift_handover(h, case.as_deref(), settings.clone(), move |r| {
                pending.set(false);
                match r {
                    Ok(text) => written.set(Some(Rc::new(text))),
                    Err(why) => {
                        failure.set(format!("The shift handover could not be written: {why}"))
                    }
                }
            });
        })
    };
    let copy = |pick: fn(&ShiftText) -> String, what: &'static str| {
        let written = written.clone();
        let text = Callback::from(move |()| written.as_deref().map(pick).unwrap_or_default());
        html! { <CopyButton {text} what={what} /> }
    };
    let invalid = error.is_some().then_some("true");
    let described = if error.is_some() {
        "shift-hours-hint shift-hours-error"
    } else {
        "shift-hours-hint"
    };
    html! {
        <section class="card shift" aria-labelledby="shift-heading">
            <h2 id="shift-heading">{ "Shift handover" }</h2>
            <form {onsubmit} novalidate=true>
                <div class={classes!("field", error.is_some().then_some("invalid"))}>
                    <label for="shift-hours">{ "Hours to look back" }</label>
                    <p class="hint" id="shift-hours-hint">{ "Every case touched in that time, grouped by whom it waits on, with its next step and owner." }</p>
                    if let Some(e) = &*error {
                        <p class="error-message" id="shift-hours-error"><span class="visually-hidden">{ "Error: " }</span>{ e.clone() }</p>
                    }
                    <input id="shift-hours" type="text" inputmode="numeric" class="short" value={(*typed).clone()}
                        {oninput} aria-describedby={described} aria-invalid={invalid} />
                </div>
                <button type="submit" class="secondary">{ "Write the shift handover" }</button>
            </form>
            <p role="status" class="preparing">{ match (*pending, written.is_some()) {
                (true, _) => "Writing the shift handover…",
                (false, true) => "The shift handover is written below.",
                _ => "",
            } }</p>
            <p class="error" role="alert">{ (*failure).clone() }</p>
            if let Some(w) = &*written {
                <div class="shift-result">
                    if w.unreadable > 0 {
                        <p class="warning">{ format!("{} stored case(s) could not be read and are not in it.", w.unreadable) }</p>
                    }
                    <div class="export-row">
                        { copy(|w| w.chat.clone(), "chat message") }
                        { copy(|w| w.markdown.clone(), "handover as Markdown") }
                        <button type="button" class="secondary"
                            onclick={p.actions.download_on_click("shift-handover.md", "text/markdown", w.markdown.clone())}>
                            { "Download (.md)" }
                        </button>
                    </div>
                    <pre class="preview" tabindex="0" aria-label="Shift handover as a chat message">{ w.chat.clone() }</pre>
                    <details>
                        <summary>{ "The handover as it will look" }</summary>
                        <section class="rendered" aria-label="Shift handover as it will look" tabindex="0">
                            { rendered(&w.rendered, 2) }
                        </section>
                    </details>
                </div>
            }
        </section>
    }
}
