//! The class debrief: the trainer chooses several trainees' session files at once and gets one
//! table, a row per scenario and a column per trainee, to read on screen or download as
//! Markdown or CSV.

use handoff_core::training::{class_csv, class_debrief, class_markdown, parse_session, Session};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::library::read_text;
use crate::adapters::download::download;
use crate::hooks::Actions;

/// Enough files for a large class; more are most likely a wrong folder.
const MAX_SESSION_FILES: u32 = 100;

/// Every file chosen in a file input (then cleared, so choosing the same files again reads
/// them again).
fn take_chosen_files(e: &Event) -> Vec<web_sys::File> {
    let Some(input) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return Vec::new();
    };
    let files = input.files();
    let out = files
        .map(|f| {
            (0..f.length().min(MAX_SESSION_FILES))
                .filter_map(|i| f.get(i))
                .collect()
        })
        .unwrap_or_default();
    input.set_value("");
    out
}

fn cell(v: Option<u32>) -> String {
    v.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

/// The class debrief card. The chosen files replace the table's previous ones.
pub fn class_card(
    sessions: &UseStateHandle<Vec<Session>>,
    errors: &UseStateHandle<Vec<String>>,
    actions: &Actions,
) -> Html {
    let on_files = {
        let (sessions, errors) = (sessions.clone(), errors.clone());
        Callback::from(move |e: Event| {
            let files = take_chosen_files(&e);
            let (sessions, errors) = (sessions.clone(), errors.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (mut read, mut bad) = (Vec::new(), Vec::new());
                for f in files {
                    let name = f.name();
                    let unnamed = name.trim_end_matches(".json").to_owned();
                    match read_text(f).await.and_then(|t| parse_session(&t, &unnamed)) {
                        Ok(s) => read.push(s),
                        Err(e) => bad.push(format!("{name}: {e}")),
                    }
                }
                errors.set(bad);
                sessions.set(read);
            });
        })
    };
    let d = class_debrief(sessions);
    let export = |name: &'static str, mime: &'static str, text: String| {
        let a = actions.clone();
        Callback::from(move |_| {
            if let Err(e) = download(name, mime, &text) {
                a.error(e);
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="class-heading">
            <h2 id="class-heading">{ "Class debrief" }</h2>
            <div class="field">
                <label for="session-files">{ "Trainees' session files (.json, choose several)" }</label>
                <p class="hint" id="session-files-hint">{ "Each trainee downloads their session file after training. Older files without a name are shown under their file name." }</p>
                <input id="session-files" type="file" multiple=true accept=".json,application/json"
                    aria-describedby="session-files-hint" onchange={on_files} />
            </div>
            if !errors.is_empty() {
                <ul class="error" role="alert">{ for errors.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
            }
            if !d.rows.is_empty() {
                <div class="table-scroll">
                    <table class="class-table">
                        <caption>{ format!("{} trainees, {} scenarios: score in percent, first attempt", d.trainees.len(), d.rows.len()) }</caption>
                        <thead><tr>
                            <th scope="col">{ "Scenario" }</th>
                            { for d.trainees.iter().map(|t| html! { <th scope="col">{ t.clone() }</th> }) }
                            <th scope="col">{ "Average" }</th>
                            <th scope="col">{ "Most points lost on" }</th>
                        </tr></thead>
                        <tbody>
                            { for d.rows.iter().map(|r| html! {
                                <tr>
                                    <th scope="row">{ r.title.clone() }</th>
                                    { for r.scores.iter().map(|s| html! { <td>{ cell(*s) }</td> }) }
                                    <td>{ cell(r.average) }</td>
                                    <td>{ r.weakest.clone() }</td>
                                </tr>
                            }) }
                            <tr>
                                <th scope="row">{ "Average" }</th>
                                { for d.averages.iter().map(|a| html! { <td>{ cell(*a) }</td> }) }
                                <td>{ cell(d.average) }</td>
                                <td></td>
                            </tr>
                        </tbody>
                    </table>
                </div>
                <div class="export-row">
                    <button type="button" onclick={export("class-debrief.md", "text/markdown", class_markdown(&d))}>{ "Download the class debrief (Markdown)" }</button>
                    <button type="button" onclick={export("class-debrief.csv", "text/csv", class_csv(&d))}>{ "Download the class debrief (CSV)" }</button>
                </div>
            }
        </section>
    }
}
