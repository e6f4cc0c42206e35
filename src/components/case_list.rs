//! The case list: search by ID or title, filter by status, open, duplicate, archive, delete
//! (with undo). It shows a page of lines at a time, so ten thousand stored cases cost no more
//! to draw than fifty.

use std::rc::Rc;

use handoff_core::vocabulary::time;
use handoff_core::Case;
use yew::prelude::*;

use super::fields::event_value;
use crate::adapters::store;
use crate::hooks::Actions;
use crate::state::{Action, CaseSummary, DeletedCase};

/// Lines shown at first, and added by "Show more".
const PAGE: usize = 25;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summaries: Rc<Vec<Rc<CaseSummary>>>,
    /// The store has not answered yet.
    pub opening: bool,
    pub current: Option<std::rc::Rc<Case>>,
    pub deleted: Option<AttrValue>,
    pub actions: Actions,
}

/// The case list's status filter, by who holds the case.
#[derive(Clone, Copy, PartialEq, strum::VariantArray)]
enum StatusFilter {
    All,
    WithL1,
    WithL2,
    Closed,
}

impl StatusFilter {
    fn key(self) -> &'static str {
        match self {
            StatusFilter::All => "all",
            StatusFilter::WithL1 => "l1",
            StatusFilter::WithL2 => "l2",
            StatusFilter::Closed => "closed",
        }
    }

    fn label(self) -> &'static str {
        match self {
            StatusFilter::All => "All",
            StatusFilter::WithL1 => "Open at L1",
            StatusFilter::WithL2 => "With L2",
            StatusFilter::Closed => "Closed",
        }
    }

    fn admits(self, stage: handoff_core::Stage) -> bool {
        match self {
            StatusFilter::All => true,
            StatusFilter::Closed => stage.is_final(),
            StatusFilter::WithL2 => !stage.is_final() && stage.is_escalated(),
            StatusFilter::WithL1 => !stage.is_final() && !stage.is_escalated(),
        }
    }
}

/// The case with `id`: the open one from memory (it may have changes not yet autosaved),
/// any other from the store.
fn with_case(a: &Actions, current: &Option<Rc<Case>>, id: &str, f: Box<dyn FnOnce(Case)>) {
    match current {
        Some(c) if c.id == id => f(Case::clone(c)),
        _ => {
            let a2 = a.clone();
            store::load_case(&a.offload, id, move |r| match r {
                Ok(case) => f(case),
                Err(e) => a2.error(e),
            })
        }
    }
}

/// What a line's button does (its `data-act`) to case `id`.
fn act(a: &Actions, current: &Option<Rc<Case>>, archived: bool, what: &str, id: String) {
    let a2 = a.clone();
    match what {
        "open" => store::load_case(&a.offload, &id, move |r| match r {
            Ok(case) => a2.send(Action::Open(case)),
            Err(e) => a2.error(e),
        }),
        "duplicate" => with_case(a, current, &id, Box::new(move |case| a2.duplicate(case))),
        "archive" => store::set_archived(&a.offload, &id.clone(), !archived, move |r| match r {
            Ok(()) => a2.send(Action::SetArchived {
                id,
                archived: !archived,
            }),
            Err(e) => a2.error(e),
        }),
        "delete" => with_case(
            a,
            current,
            &id.clone(),
            Box::new(move |case| {
                let a3 = a2.clone();
                store::delete(&a2.offload, &id, move |r| match r {
                    Ok(()) => a3.send(Action::Deleted(DeletedCase { case, archived })),
                    Err(e) => a3.error(e),
                })
            }),
        ),
        _ => {}
    }
}

/// The lines the search and filters admit, as indexes into the list.
fn admitted(
    list: &[Rc<CaseSummary>],
    query: &str,
    archived: bool,
    status: StatusFilter,
) -> Vec<usize> {
    let q = query.to_lowercase();
    list.iter()
        .enumerate()
        .filter(|(_, s)| s.archived == archived && status.admits(s.stage))
        .filter(|(_, s)| q.is_empty() || s.search.contains(&q))
        .map(|(i, _)| i)
        .collect()
}

#[function_component(CaseList)]
pub fn case_list(p: &Props) -> Html {
    let query = use_state(String::new);
    let show_archived = use_state(|| false);
    let status = use_state(|| StatusFilter::All);
    let shown = use_state(|| PAGE);
    // Filtered at each render: each line's search text is lower-cased already, so ten
    // thousand lines take well under a millisecond.
    let admitted = admitted(&p.summaries, &query, *show_archived, *status);
    #[cfg(not(feature = "training"))]
    let note = {
        // Cases are stored now: the moment to ask the browser to keep them. The backup page
        // says whether it agreed, and how much space they take.
        use_effect_with(!p.summaries.is_empty(), |has| {
            if *has {
                crate::adapters::store::ask_to_keep(|| ())
            }
        });
        super::backup::backup_link()
    };
    // The training room keeps its practice cases in localStorage, and backs none up.
    #[cfg(feature = "training")]
    let note = Html::default();
    let more = admitted.len().saturating_sub(*shown);
    let visible = admitted.iter().take(*shown).map(|&i| &p.summaries[i]);
    // One listener for every line's buttons, which say what they do and to which case.
    let on_line = {
        let (a, current, list) = (p.actions.clone(), p.current.clone(), p.summaries.clone());
        Callback::from(move |e: MouseEvent| {
            use wasm_bindgen::JsCast;
            let Some(button) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .and_then(|t| t.closest("button[data-act]").ok().flatten())
            else {
                return;
            };
            let (Some(what), Some(id)) = (
                button.get_attribute("data-act"),
                button.get_attribute("data-id"),
            ) else {
                return;
            };
            let archived = list.iter().any(|s| s.id == id && s.archived);
            act(&a, &current, archived, &what, id)
        })
    };
    html! {
        <nav class="case-list" aria-labelledby="cases-heading">
            <h2 id="cases-heading">{ "Cases" }</h2>
            <div class="field">
                <label for="case-search">{ "Search cases" }</label>
                <input id="case-search" type="search" value={(*query).clone()} placeholder="ID, title or status"
                    oninput={{ let (q, n) = (query.clone(), shown.clone()); Callback::from(move |e: InputEvent| { n.set(PAGE); q.set(event_value(&e)) }) }} />
            </div>
            <div class="field">
                <label for="case-status">{ "Filter by status" }</label>
                <select id="case-status" onchange={{ let st = status.clone(); Callback::from(move |e: Event| {
                    let v = event_value(&e);
                    if let Some(f) = <StatusFilter as strum::VariantArray>::VARIANTS.iter().copied().find(|f| f.key() == v) { st.set(f) }
                }) }}>
                    { for <StatusFilter as strum::VariantArray>::VARIANTS.iter().map(|f| html! { <option value={f.key()} selected={*f == *status}>{ f.label() }</option> }) }
                </select>
            </div>
            <span class="check">
                <input type="checkbox" id="show-archived" checked={*show_archived}
                    onchange={{ let s = show_archived.clone(); Callback::from(move |_| s.set(!*s)) }} />
                <label for="show-archived">{ "Show archived cases" }</label>
            </span>
            if let Some(title) = &p.deleted {
                <div class="notice info" role="status">
                    { format!("Deleted \"{title}\". ") }
                    <button type="button" onclick={{ let a = p.actions.clone(); Callback::from(move |_| a.send(Action::UndoDelete)) }}>{ "Undo delete" }</button>
                </div>
            }
            if p.opening {
                <p role="status">{ "Opening the cases stored in this browser…" }</p>
            } else if admitted.is_empty() {
                <p>{ "No cases here yet." }</p>
            }
            <ul onclick={on_line}>
                { for visible.map(|s| {
                    let id = s.id.clone();
                    let live = p.current.as_ref().filter(|c| c.id == id);
                    let is_current = live.is_some();
                    let (stage, updated) = live.map_or((s.stage, s.updated_at), |c| (c.stage, c.updated_at));
                    let name = if s.title.trim().is_empty() { "Untitled alert" } else { &s.title };
                    let archive = if s.archived { "Unarchive" } else { "Archive" };
                    html! {
                        <li class={classes!("case-item", is_current.then_some("current"))} key={id.clone()}>
                            <button type="button" class="link case-open" data-act="open" data-id={id.clone()} aria-current={is_current.then_some("true")}>
                                <strong>{ if s.alert_id.is_empty() { "(no ID)" } else { &s.alert_id } }</strong>
                                { " " }{ name }
                            </button>
                            <span class="meta">{ format!("{} · {}", stage.label(), time::display_minute(&updated)) }</span>
                            <span class="actions">
                                <button type="button" data-act="duplicate" data-id={id.clone()} aria-label={format!("Duplicate {name}")}>{ "Duplicate" }</button>
                                <button type="button" data-act="archive" data-id={id.clone()} aria-label={format!("{archive} {name}")}>{ archive }</button>
                                <button type="button" data-act="delete" data-id={id} aria-label={format!("Delete {name}")}>{ "Delete" }</button>
                            </span>
                        </li>
                    }
                }) }
            </ul>
            if more > 0 {
                <button type="button" onclick={{ let n = shown.clone(); Callback::from(move |_| n.set(*n + PAGE)) }}>
                    { format!("Show {} more ({more} not shown)", more.min(PAGE)) }</button>
            }
            { note }
        </nav>
    }
}
