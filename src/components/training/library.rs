//! The scenario library in the side bar: the bundled scenarios (or a trainer's file), each
//! with its level and the tier it is played as; and, below, the class debrief. One component
//! for both, so that the training side bar costs one component's code.

use std::cell::RefCell;
use std::rc::Rc;

use handoff_core::training::{parse_scenario_index, parse_scenario_located, Scenario};
use yew::prelude::*;

use super::class::class_card;
use crate::adapters::fetch;
use crate::components::fields::take_chosen_file;
use crate::hooks::Actions;
use crate::worker::ClassTable;

/// The largest scenario or session file Handoff reads.
pub const MAX_TRAINING_FILE_BYTES: usize = 1024 * 1024;

/// What the side bar's training cards hold: one store for both cards, so the app carries one
/// hook's code rather than four.
#[derive(Default)]
pub struct Shelf {
    /// Each scenario with the text it was read from (the worker scores against the text).
    pub scenarios: Vec<(Rc<Scenario>, Rc<str>)>,
    pub error: Option<String>,
    /// The class table the worker wrote from the chosen session files.
    pub class: ClassTable,
}

/// The shelf, and a way to redraw once it changed (from a file read that ends later).
#[derive(Clone)]
pub struct ShelfHandle {
    pub shelf: Rc<RefCell<Shelf>>,
    redraw: UseForceUpdateHandle,
}

impl ShelfHandle {
    pub fn change(&self, f: impl FnOnce(&mut Shelf)) {
        f(&mut self.shelf.borrow_mut());
        self.redraw.force_update();
    }
}

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub actions: Actions,
}

/// A scenario file read for the library: the scenario, and its text for the scorer.
fn playable(text: String) -> Result<(Rc<Scenario>, Rc<str>), String> {
    let scenario = parse_scenario_located(&text)?;
    Ok((Rc::new(scenario), Rc::from(text)))
}

async fn load_library() -> Result<Vec<(Rc<Scenario>, Rc<str>)>, String> {
    let names = parse_scenario_index(&fetch::text("scenarios/index.json").await?)?;
    let mut out = Vec::new();
    for name in names {
        out.push(playable(fetch::text(&format!("scenarios/{name}")).await?)?);
    }
    Ok(out)
}

/// Reads a chosen training file as UTF-8 text, bounded in size.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    crate::adapters::file::read_text(file, MAX_TRAINING_FILE_BYTES).await
}

#[function_component(TrainingLibrary)]
pub fn training_library(p: &LibraryProps) -> Html {
    let h = ShelfHandle {
        shelf: use_mut_ref(Shelf::default),
        redraw: use_force_update(),
    };
    let load = {
        let h = h.clone();
        Callback::from(move |_| {
            let h = h.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = load_library().await;
                h.change(|s| match read {
                    Ok(list) => {
                        s.error = None;
                        s.scenarios = list;
                    }
                    Err(e) => s.error = Some(e),
                });
            });
        })
    };
    let on_file = {
        let h = h.clone();
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let h = h.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let read = read_text(file).await.and_then(playable);
                h.change(|s| match read {
                    Ok(one) => {
                        s.scenarios.retain(|(x, _)| x.id != one.0.id);
                        s.scenarios.insert(0, one);
                        s.error = None;
                    }
                    Err(e) => s.error = Some(e),
                });
            });
        })
    };
    let shelf = h.shelf.borrow();
    html! {
        <>
            <section class="card" aria-labelledby="training-heading">
                <h2 id="training-heading">{ "Training" }</h2>
                <p class="hint">{ "Work a realistic alert as L1, or a handoff as L2: choose your checks, take the case to its outcome, and get scored on the whole handoff." }</p>
                if shelf.scenarios.is_empty() {
                    <button type="button" onclick={load}>{ "Show the scenario library" }</button>
                }
                <ul class="scenarios">
                    { for shelf.scenarios.iter().map(|(s, source)| {
                        let (a, s2, source) = (p.actions.clone(), s.clone(), source.clone());
                        let start = Callback::from(move |_| a.start_training(s2.clone(), source.clone()));
                        html! {
                            <li>
                                <button type="button" class="link" onclick={start} aria-label={format!("Start scenario: {}", s.title)}>{ s.title.clone() }</button>
                                <span class="meta">{ format!("{} · as {}", s.difficulty.label(), s.role.label()) }</span>
                            </li>
                        }
                    }) }
                </ul>
                <div class="field">
                    <label for="scenario-file">{ "Load a scenario file (.json)" }</label>
                    <input id="scenario-file" type="file" accept=".json,application/json" onchange={on_file} />
                </div>
                <p class="error" role="alert">{ shelf.error.clone().unwrap_or_default() }</p>
                // The analyst's own page, beside this one (relative, so a sub-path keeps working).
                <p><a href="../">{ "Back to your own cases" }</a></p>
            </section>
            { class_card(&shelf, &h, &p.actions) }
        </>
    }
}
