//! The backup page (`backup.html`, built with the `backup` feature into `dist/backup/`): a
//! backup of every stored case, and a backup restored, on a page of their own so that the
//! analyst's page, opened on every shift, carries none of it. It keeps its own copy of the
//! app offline, like the training room, and talks to the same case store through the same
//! worker; the analyst's open tabs hear of a restore and read their list again.

use yew::prelude::*;

use crate::adapters::store;
use crate::adapters::worker::Offload;
use crate::components::backup::BackupPanel;
use crate::hooks::use_theme;

#[function_component(BackupPage)]
pub fn backup_page() -> Html {
    let offload = use_memo((), |_| Offload::default());
    let theme = use_theme();
    // What the store said as it opened (it could not, or set an entry aside).
    let problems = use_state(Vec::<String>::new);
    {
        let (offload, problems) = (offload.clone(), problems.clone());
        use_effect_with((), move |_| {
            crate::adapters::offline::register(|_| {});
            // The backup and the restore wait for the store; the list itself is not shown here.
            store::open(&offload, move |stored| {
                if !stored.problems.is_empty() {
                    problems.set(stored.problems)
                }
            });
        });
    }
    html! {
        <div class={theme.class}>
            <header class="topbar">
                <h1>{ "Handoff" }<span class="tagline">{ " — back up and restore" }</span></h1>
                <a class="button-link" href="../">{ "Back to the cases" }</a>
            </header>
            if !problems.is_empty() {
                <div class="notices">
                    { for problems.iter().map(|p| html! { <div class="notice error" role="alert">{ p.clone() }</div> }) }
                </div>
            }
            <main id="main" class="single">
                <BackupPanel offload={(*offload).clone()} />
            </main>
        </div>
    }
}
