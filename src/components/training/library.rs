//! The scenario library in the side bar: the bundled scenarios (or a trainer's file), each
//! with its level and the tier it is played as; and, below, the class debrief. One component
//! for both, so that the training side bar costs one component's code.

use std::cell::RefCell;
use std::rc::Rc;

use handoff_core::training::{parse_scenario_index, Playable};
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
    /// Each scenario as the worker read it, with the file's text (the worker scores against
    /// the text).
    pub scenarios: Vec<(Rc<Playable>, Rc<str>)>,
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
    /// The analyst's name: the trainee who opens a scenario's case.
    pub trainee: AttrValue,
}

/// The bundled scenarios' files (name, text), as the index lists them.
async fn fetch_library() -> Result<Vec<(String, String)>, String> {
    let names = parse_scenario_index(&fetch::text("scenarios/index.json").await?)?;
    let mut out = Vec::new();
    for name in names {
        let text = fetch::text(&format!("scenarios/{name}")).await?;
        out.push((name, text));
    }
    Ok(out)
}

/// Has the worker read scenario files for the shelf. Each one that reads goes on it, first
/// and in the files' order, in place of a scenario of the same id; each one refused is named
/// in the card's error.
fn shelve(h: &ShelfHandle, actions: &Actions, files: Vec<(String, String)>) {
    let texts: Vec<Rc<str>> = files.iter().map(|(_, t)| Rc::from(t.as_str())).collect();
    let h = h.clone();
    actions.read_scenarios(files, move |read| {
        h.change(|s| match read {
            Err(e) => s.error = Some(format!("The scenarios could not be read: {e}")),
            Ok(read) => {
                let mut refused = Vec::new();
                for (one, text) in read.into_iter().zip(texts).rev() {
                    match one {
                        Ok(p) => {
                            s.scenarios.retain(|(x, _)| x.id != p.id);
                            s.scenarios.insert(0, (Rc::new(p), text));
                        }
                        Err(e) => refused.insert(0, e),
                    }
                }
                s.error = (!refused.is_empty()).then(|| refused.join(" "));
            }
        })
    });
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
        let (h, a) = (h.clone(), p.actions.clone());
        Callback::from(move |_| {
            let (h, a) = (h.clone(), a.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match fetch_library().await {
                    Ok(files) => shelve(&h, &a, files),
                    Err(e) => h.change(|s| s.error = Some(e)),
                }
            });
        })
    };
    let on_file = {
        let (h, a) = (h.clone(), p.actions.clone());
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let (h, a) = (h.clone(), a.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let name = file.name();
                match read_text(file).await {
                    Ok(text) => shelve(&h, &a, vec![(name, text)]),
                    Err(e) => h.change(|s| s.error = Some(e)),
                }
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
                        let (a, s2, source, who) = (p.actions.clone(), s.clone(), source.clone(), p.trainee.clone());
                        let start = Callback::from(move |_| a.start_training(s2.clone(), source.clone(), who.to_string()));
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
