//! What the analyst must know about storage: another tab changed the open case, and entries
//! that could not be read were set aside (downloadable, never deleted).

use std::rc::Rc;

use handoff_core::package::import_located;
use handoff_core::Case;
use yew::prelude::*;

use crate::adapters::store;
use crate::hooks::Actions;
use crate::state::{Action, OtherTabVersion};

pub struct ConflictProps {
    pub case: Rc<Case>,
    /// The open case's revision, recorded as saved when this tab's version is kept.
    pub revision: u64,
    pub theirs: OtherTabVersion,
    pub actions: Actions,
}

/// Rendered as part of its parent: it holds no state of its own.
pub fn conflict_banner(p: &ConflictProps) -> Html {
    let keep_mine = {
        let (case, a, revision) = (p.case.clone(), p.actions.clone(), p.revision);
        Callback::from(move |_| {
            let a2 = a.clone();
            store::save(&a.offload, &case, move |r| match r {
                Ok(()) => {
                    a2.send(Action::ConflictSettled);
                    a2.send(Action::Saved(revision));
                }
                Err(e) => a2.send(Action::SaveFailed(e)),
            })
        })
    };
    let load_theirs = match &p.theirs {
        OtherTabVersion::Changed(raw) => {
            let (a, raw) = (p.actions.clone(), raw.clone());
            Some(Callback::from(move |_| {
                match import_located(raw.as_bytes()) {
                    Ok(case) => {
                        a.send(Action::ConflictSettled);
                        a.send(Action::Open(case));
                    }
                    Err(e) => a.error(e.to_string()),
                }
            }))
        }
        OtherTabVersion::Deleted => None,
    };
    let what = match p.theirs {
        OtherTabVersion::Changed(_) => "changed",
        OtherTabVersion::Deleted => "deleted",
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

pub struct SetAsideProps {
    pub ids: Vec<String>,
    pub actions: Actions,
}

/// Rendered as part of its parent: it holds no state of its own.
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
                    let (id2, a) = (id.clone(), p.actions.clone());
                    let onclick = Callback::from(move |_| {
                        let (a2, id3) = (a.clone(), id2.clone());
                        store::set_aside_entry(&a.offload, &id2, move |r| match r {
                            Ok(raw) => a2.download(&format!("set-aside-{id3}.json"), "application/json", &raw),
                            Err(e) => a2.error(e),
                        })
                    });
                    html! { <li><button type="button" {onclick}>{ format!("Download set-aside entry {id}") }</button></li> }
                }) }
            </ul>
        </section>
    }
}
