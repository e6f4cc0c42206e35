//! The class debrief: the trainer chooses several trainees' session files at once and gets one
//! table, a row per scenario and a column per trainee, to read on screen or download as
//! Markdown or CSV.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::library::{read_text, Shelf, ShelfHandle};
use super::table::{table, Row};
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

/// The class debrief card. The chosen files replace the table's previous ones; the worker
/// reads them (naming a wrong value by its path) and writes the table.
pub fn class_card(shelf: &Shelf, h: &ShelfHandle, actions: &Actions) -> Html {
    let on_files = {
        let (h, actions) = (h.clone(), actions.clone());
        Callback::from(move |e: Event| {
            let files = take_chosen_files(&e);
            let (h, actions) = (h.clone(), actions.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let (mut texts, mut unread) = (Vec::new(), Vec::new());
                for f in files {
                    let name = f.name();
                    match read_text(f).await {
                        Ok(text) => texts.push((name, text)),
                        Err(e) => unread.push(format!("{name}: {e}")),
                    }
                }
                actions.class_debrief(texts, move |result| {
                    h.change(|s| match result {
                        Ok(mut class) => {
                            class.refused.splice(0..0, unread);
                            s.class = class;
                        }
                        Err(why) => {
                            s.class.refused = vec![format!("The files could not be read: {why}")]
                        }
                    })
                });
            });
        })
    };
    let d = &shelf.class;
    let caption = d.caption.clone();
    let mut grid = d.grid.iter().cloned();
    let head = grid.next().unwrap_or_default();
    let rows: Vec<Row> = grid.map(|r| (r, false)).collect();
    html! {
        <section class="card" aria-labelledby="class-heading">
            <h2 id="class-heading">{ "Class debrief" }</h2>
            <div class="field">
                <label for="session-files">{ "Trainees' session files (.json, choose several)" }</label>
                <p class="hint" id="session-files-hint">{ "Each trainee downloads their session file after training. Older files without a name are shown under their file name." }</p>
                <input id="session-files" type="file" multiple=true accept=".json,application/json"
                    aria-describedby="session-files-hint" onchange={on_files} />
            </div>
            if !d.refused.is_empty() {
                <ul class="error" role="alert">{ for d.refused.iter().map(|e| html! { <li>{ e.clone() }</li> }) }</ul>
            }
            if !d.grid.is_empty() {
                // The caption is said above the table, where it wraps: the table itself may
                // scroll sideways in the side bar.
                <p class="hint">{ caption.clone() }</p>
                { table(
                    caption,
                    true,
                    &head.iter().map(String::as_str).collect::<Vec<_>>(),
                    rows,
                ) }
                <div class="export-row">
                    <button type="button" onclick={actions.download_on_click("class-debrief.md", "text/markdown", d.markdown.clone())}>{ "Download the class debrief (Markdown)" }</button>
                    <button type="button" onclick={actions.download_on_click("class-debrief.csv", "text/csv", d.csv.clone())}>{ "Download the class debrief (CSV)" }</button>
                </div>
            }
        </section>
    }
}
