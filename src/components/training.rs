//! Training mode: pick a scenario from the bundled library (or a trainer's file), work it in
//! an ordinary case, get scored and debriefed, and export the session for the trainer.

use std::rc::Rc;

use handoff_core::training::{
    parse_scenario, parse_scenario_index, session_json, session_markdown, Scenario, TrainingResult,
};
use yew::prelude::*;

use super::fields::take_chosen_file;
use crate::adapters::file::read_bytes;
use crate::adapters::{download::download, fetch};
use crate::hooks::Actions;
use crate::state::{Action, TrainingRun};

/// The largest scenario file Handoff reads.
const MAX_SCENARIO_BYTES: usize = 1024 * 1024;

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

/// The scenario list, in the side bar.
#[function_component(TrainingLibrary)]
pub fn training_library(p: &LibraryProps) -> Html {
    let scenarios = use_state(Vec::<Rc<Scenario>>::new);
    let error = use_state(|| None::<String>);
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
                let read = read_bytes(file, MAX_SCENARIO_BYTES)
                    .await
                    .map_err(|e| e.to_string())
                    .and_then(|b| {
                        String::from_utf8(b).map_err(|_| "The file is not UTF-8 text.".to_owned())
                    })
                    .and_then(|t| parse_scenario(&t));
                match read {
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
        <section class="card" aria-labelledby="training-heading">
            <h2 id="training-heading">{ "Training" }</h2>
            <p class="hint">{ "Work a realistic alert, then get scored on the verdict, the escalation call, the four conditions and the Five Ws." }</p>
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
                            <span class="meta">{ " · " }{ s.difficulty.label() }</span>
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
    }
}

pub struct RunProps {
    pub run: TrainingRun,
    pub results: Vec<TrainingResult>,
    pub actions: Actions,
}

/// The scenario being worked: facts on request, submission, debrief, session summary.
/// Rendered as part of its parent: it holds no state of its own.
pub fn training_run_panel(p: &RunProps) -> Html {
    let s = &p.run.scenario;
    let a = &p.actions;
    let reveal = {
        let a = a.clone();
        Callback::from(move |_| a.send(Action::RevealFact))
    };
    let submit = {
        let a = a.clone();
        Callback::from(move |_| a.submit_training())
    };
    let end = {
        let a = a.clone();
        Callback::from(move |_| a.send(Action::EndTraining))
    };
    let export = |name: &'static str, mime: &'static str, text: String| {
        let a = a.clone();
        Callback::from(move |_| {
            if let Err(e) = download(name, mime, &text) {
                a.error(e);
            }
        })
    };
    html! {
        <section class="card training" aria-labelledby="run-heading">
            <h2 id="run-heading">{ format!("Training scenario: {}", s.title) }</h2>
            <p class="hint">{ "Investigate, write the report, decide on escalation, then submit. Ask for facts as you would ask the SIEM, the EDR or a colleague." }</p>
            <h3>{ format!("Facts uncovered ({} of {})", p.run.revealed, s.facts.len()) }</h3>
            <ol>{ for s.facts.iter().take(p.run.revealed).map(|f| html! { <li>{ f.clone() }</li> }) }</ol>
            <div class="step-buttons">
                if p.run.revealed < s.facts.len() && p.run.score.is_none() {
                    <button type="button" onclick={reveal}>{ "Investigate: uncover the next fact" }</button>
                }
                if p.run.score.is_none() {
                    <button type="button" class="primary" onclick={submit}>{ "Submit for scoring" }</button>
                }
                <button type="button" onclick={end}>{ "Leave training" }</button>
            </div>
            if let Some(score) = &p.run.score {
                <section aria-labelledby="debrief-heading" class="debrief">
                    <h3 id="debrief-heading">{ format!("Debrief: {} of {} points", score.total, score.max) }</h3>
                    <table>
                        <caption class="visually-hidden">{ "Score by item" }</caption>
                        <thead><tr><th scope="col">{ "Item" }</th><th scope="col">{ "Points" }</th><th scope="col">{ "Why" }</th></tr></thead>
                        <tbody>
                            { for score.items.iter().map(|i| html! {
                                <tr><td>{ i.what.clone() }</td><td>{ format!("{} / {}", i.points, i.max) }</td><td>{ i.explanation.clone() }</td></tr>
                            }) }
                        </tbody>
                    </table>
                    <p><strong>{ "Trainer's note: " }</strong>{ s.debrief.clone() }</p>
                </section>
            }
            if !p.results.is_empty() {
                <h3>{ format!("This session: {} scenario(s)", p.results.len()) }</h3>
                <div class="export-row">
                    <button type="button" onclick={export("training-session.md", "text/markdown", session_markdown(&p.results))}>{ "Download session summary (Markdown)" }</button>
                    <button type="button" onclick={export("training-session.json", "application/json", session_json(&p.results))}>{ "Download session summary (JSON)" }</button>
                </div>
            }
        </section>
    }
}
