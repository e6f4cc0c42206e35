//! The header: the app's name, offline status, a new case, shortcuts and the theme.

use yew::prelude::*;

/// Says which page this is: the training room is built from the same code.
#[cfg(not(feature = "training"))]
pub const TAGLINE: &str = " — from alert to clean escalation";
#[cfg(feature = "training")]
pub const TAGLINE: &str = " — training room";

use handoff_core::vocabulary::names::{from_wire_name, wire_name};
use handoff_core::Role;
use strum::VariantArray;

use super::fields::event_value;
use crate::hooks::Theme;
use crate::state::{OfflineStatus, SaveStatus};

pub struct Props {
    pub offline: OfflineStatus,
    /// `None` while no case is open.
    pub save: Option<SaveStatus>,
    pub on_new_case: Callback<()>,
    pub theme: Theme,
    /// The tier this browser's analyst works in (remembered).
    pub role: Role,
    pub on_role: Callback<Role>,
}

/// The save status's words at rest, and the widest of the two it shows while all is well.
const SAVED: &str = "All changes saved in this browser";

/// Rendered as part of its parent: it holds no state of its own.
pub fn top_bar(p: &Props) -> Html {
    let toggle = p.theme.toggle.reform(|_| ());
    html! {
        <header class="topbar">
            <h1>{ "Handoff" }<span class="tagline">{ TAGLINE }</span></h1>
            <div class="top-actions">
                // Not a live region: it changes at every keystroke. Its room is always kept, as
                // wide as its everyday words (`data-room`, drawn unseen beneath them): the bar
                // must not rewrap when they change, or when a case opens, since a rewrapped bar
                // moves the whole page, and what was under the pointer with it.
                <span class={classes!("save-status", "holds-room", p.save.is_some_and(SaveStatus::unsaved).then_some("unsaved"))}
                    data-room={SAVED}>
                    <span>{ match p.save {
                        None => "",
                        Some(SaveStatus::Saved) => SAVED,
                        Some(SaveStatus::Saving) => "Saving…",
                        Some(SaveStatus::Held) => "Not saved: another tab changed this case",
                        Some(SaveStatus::Failed) => "Not saved: the browser refused to store it",
                    } }</span>
                </span>
                // Always there, its words kept in place (unseen) until the offline copy is ready:
                // the bar then does not reflow under the page (a layout shift on every load),
                // and a status region that exists before it speaks is announced.
                <span class={classes!("offline-status", (p.offline == OfflineStatus::Online).then_some("pending"))} role="status">
                    if p.offline == OfflineStatus::UpdateWaiting {
                        { "An update is ready. " }
                        <button type="button" onclick={Callback::from(|_| crate::adapters::offline::apply_update())}>{ "Reload to update" }</button>
                    } else {
                        { "Ready offline" }
                    }
                </span>
                <fieldset class="role">
                    <legend>{ "Working as" }</legend>
                    { for Role::VARIANTS.iter().map(|r| {
                        let id = format!("role-{}", wire_name(r));
                        let on_role = p.on_role.clone();
                        let onchange = Callback::from(move |e: Event| {
                            if let Some(role) = from_wire_name(&event_value(&e)) {
                                on_role.emit(role);
                            }
                        });
                        html! {
                            <span class="radio">
                                <input type="radio" name="role" id={id.clone()} value={wire_name(r)}
                                    checked={*r == p.role} {onchange} />
                                <label for={id}>{ r.label() }</label>
                            </span>
                        }
                    }) }
                </fieldset>
                <button type="button" onclick={p.on_new_case.reform(|_| ())}>{ "New case" }</button>
                <span class="shortcuts"><kbd>{ "Alt+Shift+N" }</kbd>{ " / " }<kbd>{ "P" }</kbd>{ " next / previous section, " }<kbd>{ "Alt+Shift+E" }</kbd>{ " export" }</span>
                <button type="button" onclick={toggle} aria-pressed={p.theme.chosen_dark.map(|d| d.to_string())}>{ "Light/dark theme" }</button>
            </div>
        </header>
    }
}
