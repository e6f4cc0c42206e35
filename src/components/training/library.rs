//! The scenario library in the side bar: the bundled scenarios (or a trainer's file), each
//! with its level and the tier it is played as; and, below, the class debrief. One component
//! for both, so that the training side bar costs one component's code.

use std::rc::Rc;

use handoff_core::training::{parse_scenario, parse_scenario_index, Scenario, Session};
use yew::prelude::*;

use super::class::class_card;
use crate::adapters::fetch;
use crate::adapters::file::read_bytes;
use crate::components::fields::take_chosen_file;
use crate::hooks::Actions;

/// The largest scenario or session file Handoff reads.
pub const MAX_TRAINING_FILE_BYTES: usize = 1024 * 1024;

#[derive(Properties, PartialEq)]
pub struct LibraryProps {
    pub actions: Actions,
}

async fn load_library() -> Result<Vec<Rc<Scenario>>, String> {
    let names = parse_scenario_index(&fetch::text("scenarios/index.json").await?)?;
    let mut out = Vec::new();
    for name in names {
        let text = fetch::text(&format!("scenarios/{name}")).await?;
        out.push(Rc::new(parse_scenario(&text)?));
    }
    Ok(out)
}

/// Reads a chosen file as UTF-8 text, bounded in size.
pub async fn read_text(file: web_sys::File) -> Result<String, String> {
    read_bytes(file, MAX_TRAINING_FILE_BYTES)
        .await
        .map_err(|e| e.to_string())
        .and_then(|b| String::from_utf8(b).map_err(|_| "The file is not UTF-8 text.".to_owned()))
}

#[function_component(TrainingLibrary)]
pub fn training_library(p: &LibraryProps) -> Html {
    let scenarios = use_state(Vec::<Rc<Scenario>>::new);
    let error = use_state(|| None::<String>);
    let sessions = use_state(Vec::<Session>::new);
    let session_errors = use_state(Vec::<String>::new);
    let load = {
        let (scenarios, error) = (scenarios.clone(), error.clone());
        Callback::from(move |_| {
            let (scenarios, error) = (scenarios.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match load_library().await {
                    Ok(list) => {
                        error.set(None);
                        scenarios.set(list);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let on_file = {
        let (scenarios, error) = (scenarios.clone(), error.clone());
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let (scenarios, error) = (scenarios.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match read_text(file).await.and_then(|t| parse_scenario(&t)) {
                    Ok(s) => {
                        let mut list = (*scenarios).clone();
                        list.retain(|x| x.id != s.id);
                        list.insert(0, Rc::new(s));
                        error.set(None);
                        scenarios.set(list);
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    html! {
        <>
            <section class="card" aria-labelledby="training-heading">
                <h2 id="training-heading">{ "Training" }</h2>
                <p class="hint">{ "Work a realistic alert as L1, or a handoff as L2: choose your checks, take the case to its outcome, and get scored on the whole handoff." }</p>
                if scenarios.is_empty() {
                    <button type="button" onclick={load}>{ "Show the scenario library" }</button>
                }
                <ul class="scenarios">
                    { for scenarios.iter().map(|s| {
                        let (a, s2) = (p.actions.clone(), s.clone());
                        let start = Callback::from(move |_| a.start_training(s2.clone()));
                        html! {
                            <li>
                                <button type="button" class="link" onclick={start} aria-label={format!("Start scenario: {}", s.title)}>{ s.title.clone() }</button>
                                <span class="meta">{ format!(" · {} · as {}", s.difficulty.label(), s.role.label()) }</span>
                            </li>
                        }
                    }) }
                </ul>
                <div class="field">
                    <label for="scenario-file">{ "Load a scenario file (.json)" }</label>
                    <input id="scenario-file" type="file" accept=".json,application/json" onchange={on_file} />
                </div>
                <p class="error" role="alert">{ (*error).clone().unwrap_or_default() }</p>
            </section>
            { class_card(&sessions, &session_errors, &p.actions) }
        </>
    }
}
