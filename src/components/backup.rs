//! Back up and restore. The analyst's case list asks the browser to keep the cases once
//! there are some, and links to the backup page (`backup.html`, built with the `backup`
//! feature, so the analyst's first load carries none of it). That page shows the storage
//! note (the space the cases take and whether the browser has agreed to keep them), writes
//! every case into one file, and restores such a file into this browser, merging by case ID
//! with one question for the cases that differ. The worker reads and writes the files and
//! words every sentence; these components lay them out.

use std::rc::Rc;

use handoff_core::package::ConflictChoice;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::fields::take_chosen_file;
use super::rendered::rendered;
use crate::adapters::store::{self, Planned};
use crate::adapters::worker::Offload;

/// Where the backup page is, from the analyst's page.
pub const BACKUP_PAGE: &str = "backup/";

/// The storage note, kept up to date: asked for once the store is open, after asking the
/// browser to keep the cases (the analyst came to this page to keep them). `read` is a
/// counter: each change reads the note again.
#[hook]
fn use_storage_note(offload: &Offload, read: u32) -> UseStateHandle<String> {
    let note = use_state(String::new);
    let (off, n) = (offload.clone(), note.clone());
    use_effect_with(read, move |_| {
        store::ask_to_keep(move || {
            store::storage_note(&off, Box::new(move |r| n.set(r.unwrap_or_default())))
        });
    });
    note
}

/// Under the analyst's case list: the way to the backup page.
pub fn backup_link() -> Html {
    html! {
        <p><a class="button-link" href={BACKUP_PAGE}>{ "Back up or restore cases" }</a></p>
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub offload: Offload,
}

/// The choices for the cases that differ, the safe one first.
const CHOICES: [(ConflictChoice, &str); 4] = [
    (
        ConflictChoice::KeepBoth,
        "Keep both: add the backup's copy as a separate case",
    ),
    (ConflictChoice::KeepNewer, "Keep whichever was changed last"),
    (ConflictChoice::KeepLocal, "Keep this browser's"),
    (ConflictChoice::TakeBackup, "Take the backup's"),
];

#[function_component(BackupPanel)]
pub fn backup_panel(p: &Props) -> Html {
    // The note is read again after each restore.
    let restores = use_state(|| 0u32);
    let note = use_storage_note(&p.offload, *restores);
    // What was done, for the status line, or why not, for the alert.
    let said = use_state(|| Ok::<String, String>(String::new()));
    let question = use_state(|| None::<Rc<Planned>>);
    let (gzip, choice) = (use_node_ref(), use_node_ref());
    let back_up = {
        let (off, gzip, said) = (p.offload.clone(), gzip.clone(), said.clone());
        Callback::from(move |_| {
            let compressed = gzip.cast::<HtmlInputElement>().is_some_and(|c| c.checked());
            let said = said.clone();
            said.set(Ok("Writing the backup…".into()));
            store::back_up(&off, compressed, Box::new(move |r| said.set(r)))
        })
    };
    let on_file = {
        let (off, question, said) = (p.offload.clone(), question.clone(), said.clone());
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let (question, said) = (question.clone(), said.clone());
            question.set(None);
            said.set(Ok("Reading the backup…".into()));
            store::plan_restore(
                &off,
                &file,
                Box::new(move |r| match r {
                    Ok(q) => {
                        said.set(Ok(String::new()));
                        question.set(Some(Rc::new(q)));
                    }
                    Err(e) => said.set(Err(format!("Restore refused: {e}"))),
                }),
            );
        })
    };
    let restore = {
        let (off, question, said) = (p.offload.clone(), question.clone(), said.clone());
        let (choice, restores) = (choice.clone(), restores.clone());
        Callback::from(move |_| {
            let picked = choice
                .cast::<HtmlSelectElement>()
                .and_then(|s| CHOICES.get(s.value().parse::<usize>().ok()?))
                .map_or(ConflictChoice::default(), |c| c.0);
            let (question, said, restores) = (question.clone(), said.clone(), restores.clone());
            said.set(Ok("Restoring…".into()));
            store::restore(
                &off,
                picked,
                Box::new(move |r| {
                    // The first line is what was restored; the IDs it replaced are for the
                    // analyst's tabs, which the store has told.
                    said.set(r.map(|text| text.lines().next().unwrap_or_default().to_owned()));
                    question.set(None);
                    restores.set(*restores + 1);
                }),
            )
        })
    };
    let cancel = {
        let (question, said) = (question.clone(), said.clone());
        Callback::from(move |_| {
            question.set(None);
            said.set(Ok("Nothing was restored.".into()))
        })
    };
    html! {
        <>
            <section class="card" aria-labelledby="backup-heading">
                <h2 id="backup-heading">{ "Back up" }</h2>
                <p class="hint">{ (*note).clone() }</p>
                <p class="hint">{ "The backup is one file holding every case stored in this browser, exactly as stored. Keep it somewhere safe: it holds everything the cases do. Entries set aside as unreadable are not in it: download them from the case list." }</p>
                <span class="check">
                    <input type="checkbox" id="backup-gzip" ref={gzip} />
                    <label for="backup-gzip">{ "Compress the backup (gzip)" }</label>
                </span>
                <p><button type="button" class="primary" onclick={back_up}>{ "Download a backup of all cases" }</button></p>
            </section>
            <section class="card" aria-labelledby="restore-heading">
                <h2 id="restore-heading">{ "Restore" }</h2>
                <p class="hint">{ "Adds the backup's cases to the ones here. Cases already here unchanged are left alone; you choose what happens to those that differ, and nothing is stored until you confirm." }</p>
                <div class="field">
                    <label for="restore-choice">{ "When a case in the backup differs from the one here" }</label>
                    <select id="restore-choice" ref={choice}>
                        { for CHOICES.iter().enumerate().map(|(i, (_, label))| html! { <option value={i.to_string()} selected={i == 0}>{ *label }</option> }) }
                    </select>
                </div>
                <div class="field">
                    <label for="restore-file">{ "Backup file (.json or .json.gz)" }</label>
                    <input id="restore-file" type="file" accept=".json,.gz,application/json,application/gzip" onchange={on_file} />
                </div>
                if let Some(q) = question.as_deref() {
                    <div class="restore-plan" role="group" aria-labelledby="plan-heading">
                        <h3 id="plan-heading">{ "Restore this backup?" }</h3>
                        <p>{ q.0.clone().unwrap_or_else(|e| e) }</p>
                        { rendered(&q.1, 3) }
                        <p class="export-row">
                            if q.0.is_ok() {
                                <button type="button" class="primary" onclick={restore}>{ "Restore" }</button>
                            }
                            <button type="button" class="secondary" onclick={cancel}>{ if q.0.is_ok() { "Cancel" } else { "Close" } }</button>
                        </p>
                    </div>
                }
            </section>
            <p role="status">{ said.as_ref().map_or("", String::as_str) }</p>
            <p class="error" role="alert">{ said.as_ref().err().map_or("", String::as_str) }</p>
        </>
    }
}
