//! What the analyst must know about storage: another tab changed the open case, and entries
//! that could not be read were set aside (downloadable, never deleted).

use std::rc::Rc;

use handoff_core::package::import;
use handoff_core::Case;
use yew::prelude::*;

use crate::adapters::{download::download, storage};
use crate::state::{Action, Dispatch, Notice};

#[derive(Properties, PartialEq)]
pub struct ConflictProps {
    pub case: Rc<Case>,
    /// The other tab's version (None: the other tab deleted the case).
    pub theirs: Option<AttrValue>,
    pub dispatch: Dispatch,
}

#[function_component(ConflictBanner)]
pub fn conflict_banner(p: &ConflictProps) -> Html {
    let keep_mine = {
        let (case, d) = (p.case.clone(), p.dispatch.clone());
        Callback::from(move |_| match storage::save(&case) {
            Ok(()) => d.dispatch(Action::ConflictSettled),
            Err(e) => d.dispatch(Action::Notify(Notice::error(e))),
        })
    };
    let load_theirs = p.theirs.clone().map(|raw| {
        let d = p.dispatch.clone();
        Callback::from(move |_| match import(raw.as_bytes()) {
            Ok(case) => {
                d.dispatch(Action::ConflictSettled);
                d.dispatch(Action::Open(case));
            }
            Err(e) => d.dispatch(Action::Notify(Notice::error(e.to_string()))),
        })
    });
    let what = if p.theirs.is_some() {
        "changed"
    } else {
        "deleted"
    };
    html! {
        <div class="notice error conflict" role="alert">
            <span>{ format!(
                "Another tab {what} this case. To avoid overwriting it, changes made here are not being saved until you choose a version (you can also export this one first)."
            ) }</span>
            <span class="actions">
                <button type="button" onclick={keep_mine}>{ "Keep this tab's version" }</button>
                if let Some(load) = load_theirs {
                    <button type="button" onclick={load}>{ "Load the other tab's version" }</button>
                }
            </span>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SetAsideProps {
    pub ids: Vec<String>,
    pub dispatch: Dispatch,
}

#[function_component(SetAside)]
pub fn set_aside(p: &SetAsideProps) -> Html {
    if p.ids.is_empty() {
        return html! {};
    }
    html! {
        <section class="card" aria-labelledby="set-aside-heading">
            <h2 id="set-aside-heading">{ format!("Set aside ({})", p.ids.len()) }</h2>
            <p class="hint">{ "Saved entries Handoff could not read. They are kept, not deleted: download one to inspect or repair it." }</p>
            <ul>
                { for p.ids.iter().map(|id| {
                    let (id2, d) = (id.clone(), p.dispatch.clone());
                    let onclick = Callback::from(move |_| {
                        let Some(raw) = storage::set_aside_entry(&id2) else { return };
                        if let Err(e) = download(&format!("set-aside-{id2}.json"), "application/json", &raw) {
                            d.dispatch(Action::Notify(Notice::error(e)));
                        }
                    });
                    html! { <li><button type="button" {onclick}>{ format!("Download set-aside entry {id}") }</button></li> }
                }) }
            </ul>
        </section>
    }
}
