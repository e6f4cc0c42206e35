//! The case list: search by ID or title, filter by status, open, duplicate, archive, delete
//! (with undo).

use handoff_core::Case;
use yew::prelude::*;

use super::fields::event_value;
use crate::adapters::storage;
use crate::hooks::Actions;
use crate::state::{Action, CaseSummary, DeletedCase};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub summaries: Vec<CaseSummary>,
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
/// any other from storage.
fn get_case(current: &Option<std::rc::Rc<Case>>, id: &str) -> Result<Case, String> {
    match current {
        Some(c) if c.id == id => Ok(Case::clone(c)),
        _ => storage::load_case(id),
    }
}

fn open_case(a: &Actions, id: &str) {
    match storage::load_case(id) {
        Ok(case) => a.send(Action::Open(case)),
        Err(e) => a.error(e),
    }
}

#[function_component(CaseList)]
pub fn case_list(p: &Props) -> Html {
    let query = use_state(String::new);
    let show_archived = use_state(|| false);
    let status = use_state(|| StatusFilter::All);
    let q = query.to_lowercase();
    let visible: Vec<&CaseSummary> = p
        .summaries
        .iter()
        .filter(|s| s.archived == *show_archived)
        .filter(|s| status.admits(s.stage))
        .filter(|s| {
            q.is_empty()
                || s.title.to_lowercase().contains(&q)
                || s.alert_id.to_lowercase().contains(&q)
                || s.stage.label().to_lowercase().contains(&q)
        })
        .collect();
    html! {
        <nav class="case-list" aria-labelledby="cases-heading">
            <h2 id="cases-heading">{ "Cases" }</h2>
            <div class="field">
                <label for="case-search">{ "Search cases" }</label>
                <input id="case-search" type="search" value={(*query).clone()} placeholder="ID, title or status"
                    oninput={{ let q = query.clone(); Callback::from(move |e: InputEvent| q.set(event_value(&e))) }} />
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
            if visible.is_empty() {
                <p>{ "No cases here yet." }</p>
            }
            <ul>
                { for visible.iter().map(|s| {
                    let id = s.id.clone();
                    let is_current = p.current.as_ref().is_some_and(|c| c.id == id);
                    let current = p.current.clone();
                    let name = if s.title.trim().is_empty() { "Untitled alert".to_owned() } else { s.title.clone() };
                    let d = p.actions.clone();
                    let open = { let (d, id) = (d.clone(), id.clone()); Callback::from(move |_| open_case(&d, &id)) };
                    let archive = { let (d, id, a) = (d.clone(), id.clone(), s.archived); Callback::from(move |_| {
                        match storage::set_archived(&id, !a) {
                            Ok(()) => d.send(Action::SetArchived { id: id.clone(), archived: !a }),
                            Err(e) => d.error(e),
                        }
                    }) };
                    let duplicate = { let (d, id, current) = (d.clone(), id.clone(), current.clone()); Callback::from(move |_| {
                        match get_case(&current, &id) {
                            Ok(case) => d.duplicate(case),
                            Err(e) => d.error(e),
                        }
                    }) };
                    let delete = { let (d, id, a) = (d.clone(), id.clone(), s.archived); Callback::from(move |_| {
                        let case = get_case(&current, &id);
                        match case.and_then(|c| storage::delete(&id).map(|()| c)) {
                            Ok(case) => d.send(Action::Deleted(DeletedCase { case, archived: a })),
                            Err(e) => d.error(e),
                        }
                    }) };
                    html! {
                        <li class={classes!("case-item", is_current.then_some("current"))} key={id.clone()}>
                            <button type="button" class="link case-open" onclick={open} aria-current={is_current.then_some("true")}>
                                <strong>{ if s.alert_id.is_empty() { "(no ID)".to_owned() } else { s.alert_id.clone() } }</strong>
                                { " " }{ name.clone() }
                            </button>
                            <span class="meta">{ format!("{} · {}", s.stage.label(), handoff_core::vocabulary::time::display(&s.updated_at)) }</span>
                            <span class="actions">
                                <button type="button" onclick={duplicate} aria-label={format!("Duplicate {name}")}>{ "Duplicate" }</button>
                                <button type="button" onclick={archive} aria-label={format!("{} {name}", if s.archived { "Unarchive" } else { "Archive" })}>
                                    { if s.archived { "Unarchive" } else { "Archive" } }</button>
                                <button type="button" onclick={delete} aria-label={format!("Delete {name}")}>{ "Delete" }</button>
                            </span>
                        </li>
                    }
                }) }
            </ul>
        </nav>
    }
}
