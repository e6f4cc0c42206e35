//! Opening a handoff package (L2 picks a case up, or L1 gets one back): from a file or a
//! paste, and the choice when its case is already in this browser. The analyst's page only:
//! the training room's L2 scenarios bring their own handoff.

use handoff_core::package::{import_located, refusal_from_start, ImportError};
use handoff_core::vocabulary::limits::MAX_PACKAGE_BYTES;
use yew::prelude::*;

use super::fields::{oversized_paste, take_chosen_file};
use crate::adapters::file::{read_bytes, ReadError, RefuseStart};
use crate::hooks::Actions;
use crate::state::{Action, ImportChoice, PendingImport};

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub actions: Actions,
}

fn refused(e: impl std::fmt::Display) -> String {
    format!("Import refused: {e} The open case was not changed.")
}

/// Import never touches the open case unless the package is valid in full.
#[function_component(ImportPanel)]
pub fn import_panel(p: &ImportProps) -> Html {
    // Uncontrolled, like the alert paste: size first, then read.
    let pasted = use_node_ref();
    let error = use_state(|| None::<String>);
    let accept = {
        let (a, error) = (p.actions.clone(), error.clone());
        Callback::from(move |bytes: Vec<u8>| match import_located(&bytes) {
            Ok(case) => {
                error.set(None);
                a.imported(case);
            }
            // A wrong value: the worker names it by its path, as the analyst can find it in
            // the file; meanwhile (and if the worker cannot) by line and column.
            Err(e @ ImportError::Value { .. }) => {
                error.set(Some(refused(&e)));
                let error = error.clone();
                a.explain_import(bytes, move |why| error.set(Some(refused(why))));
            }
            Err(e) => error.set(Some(refused(e))),
        })
    };
    let on_file = {
        let (accept, error) = (accept.clone(), error.clone());
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let (accept, error) = (accept.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // A file that is no package at all is refused from its first kilobytes,
                // with the whole file's answer, before megabytes of it are read.
                let refuse_start: RefuseStart =
                    |start| refusal_from_start(start).map(|e| e.to_string());
                match read_bytes(file, MAX_PACKAGE_BYTES, Some(refuse_start)).await {
                    Ok(bytes) => accept.emit(bytes),
                    Err(ReadError::TooLarge { bytes, limit }) => {
                        error.set(Some(refused(ImportError::TooLarge { bytes, limit })))
                    }
                    Err(e) => error.set(Some(refused(e))),
                }
            });
        })
    };
    let on_paste = {
        let error = error.clone();
        Callback::from(move |e: Event| {
            if let Some(bytes) = oversized_paste(&e, MAX_PACKAGE_BYTES) {
                e.prevent_default();
                error.set(Some(refused(ImportError::TooLarge {
                    bytes,
                    limit: MAX_PACKAGE_BYTES,
                })));
            }
        })
    };
    let on_paste_import = {
        let (accept, pasted, error) = (accept.clone(), pasted.clone(), error.clone());
        Callback::from(move |_| {
            let Some(ta) = pasted.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            // UTF-16 units never outnumber UTF-8 bytes, so this refuses only what is too big.
            let units = ta.text_length() as usize;
            if units > MAX_PACKAGE_BYTES {
                error.set(Some(refused(ImportError::TooLarge {
                    bytes: units,
                    limit: MAX_PACKAGE_BYTES,
                })));
                return;
            }
            accept.emit(ta.value().into_bytes());
        })
    };
    html! {
        <section class="card" aria-labelledby="import-heading">
            <h2 id="import-heading">{ "Open a handoff (L2)" }</h2>
            <div class="field">
                <label for="import-file">{ "Handoff package file (.json)" }</label>
                <input id="import-file" type="file" accept=".json,application/json" onchange={on_file} />
            </div>
            <div class="field">
                <label for="import-paste">{ "Or paste the package JSON" }</label>
                <textarea id="import-paste" rows="3" ref={pasted} onpaste={on_paste} />
                <button type="button" onclick={on_paste_import}>{ "Import pasted JSON" }</button>
            </div>
            <p class="error" role="alert">{ (*error).clone().unwrap_or_default() }</p>
        </section>
    }
}

pub struct ImportChoiceProps {
    pub pending: PendingImport,
    pub actions: Actions,
}

/// An imported handoff whose case ID is already in this browser: the analyst chooses, and
/// the local case is never replaced without being asked. When the import carries on from
/// the local case, updating is the usual choice: a package that came back from the other
/// tier.
/// Rendered as part of its parent: it holds no state of its own.
pub fn import_choice_panel(p: &ImportChoiceProps) -> Html {
    let c = &p.pending.imported;
    let continues = p.pending.continues;
    let choose = |choice: ImportChoice| {
        let a = p.actions.clone();
        Callback::from(move |_| a.send(Action::SettleImport(choice.clone())))
    };
    let keep_both = {
        let a = p.actions.clone();
        Callback::from(move |_| a.keep_both())
    };
    let text = if continues {
        format!(
            "This handoff continues case {} (\"{}\") from this browser; it is now at {}. Update the case with it?",
            c.id, c.report.header.title, c.stage.label()
        )
    } else {
        format!(
            "This browser already has case {} (\"{}\"). The imported handoff is at {}, last changed {}. Replace the local case, keep both, or cancel the import?",
            c.id, c.report.header.title, c.stage.label(), handoff_core::vocabulary::time::display(&c.updated_at)
        )
    };
    html! {
        <div class="notice error conflict" role="alertdialog" aria-labelledby="import-choice-text">
            <span id="import-choice-text">{ text }</span>
            <span class="actions">
                if continues {
                    <button type="button" class="primary" onclick={choose(ImportChoice::Replace)}>{ "Update the case" }</button>
                } else {
                    <button type="button" onclick={choose(ImportChoice::Replace)}>{ "Replace the local case" }</button>
                }
                <button type="button" onclick={keep_both}>{ "Keep both" }</button>
                <button type="button" onclick={choose(ImportChoice::Cancel)}>{ "Cancel import" }</button>
            </span>
        </div>
    }
}
