//! The header: the app's name, offline status, a new case, shortcuts and the theme.

use yew::prelude::*;

use crate::hooks::Theme;
use crate::state::{OfflineStatus, SaveStatus};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub offline: OfflineStatus,
    /// `None` while no case is open.
    pub save: Option<SaveStatus>,
    pub on_new_case: Callback<()>,
    pub theme: Theme,
}

#[function_component(TopBar)]
pub fn top_bar(p: &Props) -> Html {
    let toggle = p.theme.toggle.reform(|_| ());
    html! {
        <header class="topbar">
            <h1>{ "Handoff" }<span class="tagline">{ " — from alert to clean escalation" }</span></h1>
            <div class="top-actions">
                // Not a live region: it changes at every keystroke.
                if let Some(save) = p.save {
                    <span class={classes!("save-status", (save == SaveStatus::Held || save == SaveStatus::Failed).then_some("unsaved"))}>
                        { match save {
                            SaveStatus::Saved => "All changes saved in this browser",
                            SaveStatus::Saving => "Saving…",
                            SaveStatus::Held => "Not saved: another tab changed this case",
                            SaveStatus::Failed => "Not saved: the browser refused to store it",
                        } }
                    </span>
                }
                { match p.offline {
                    OfflineStatus::Online => html! {},
                    OfflineStatus::Ready => html! { <span class="offline-status" role="status">{ "Ready offline" }</span> },
                    OfflineStatus::UpdateWaiting => html! {
                        <span class="offline-status" role="status">{ "An update is ready. " }
                            <button type="button" onclick={Callback::from(|_| crate::adapters::offline::apply_update())}>{ "Reload to update" }</button>
                        </span>
                    },
                } }
                <button type="button" onclick={p.on_new_case.reform(|_| ())}>{ "New case" }</button>
                <span class="shortcuts"><kbd>{ "Alt+Shift+N" }</kbd>{ " / " }<kbd>{ "P" }</kbd>{ " next / previous section, " }<kbd>{ "Alt+Shift+E" }</kbd>{ " export" }</span>
                <button type="button" onclick={toggle} aria-pressed={p.theme.chosen_dark.map(|d| d.to_string())}>{ "Light/dark theme" }</button>
            </div>
        </header>
    }
}
