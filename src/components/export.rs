//! Export (JSON, Markdown, chat message: download and copy), the live Markdown preview, and
//! import of a handoff package from a file or a paste.

use std::rc::Rc;

use handoff_core::limits::MAX_PACKAGE_BYTES;
use handoff_core::package::{chat_message, file_name, import, to_json, to_markdown};
use handoff_core::text::megabytes;
use handoff_core::Case;
use yew::prelude::*;

use super::fields::{oversized_paste, take_chosen_file};
use crate::adapters::perf::measure;
use crate::adapters::{clipboard, download::download};
use crate::state::{Action, Dispatch, Notice};

#[derive(Properties, PartialEq)]
pub struct CopyProps {
    /// Produces the text when the button is pressed (exports are built on demand, not on
    /// every keystroke).
    pub text: Callback<(), String>,
    pub what: AttrValue,
}

/// Copies `text`, then says so (or says why not) next to the button.
#[function_component(CopyButton)]
pub fn copy_button(p: &CopyProps) -> Html {
    let status = use_state(String::new);
    let onclick = {
        let (text, status, what) = (p.text.clone(), status.clone(), p.what.clone());
        Callback::from(move |_| {
            let (text, status, what) = (text.emit(()), status.clone(), what.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match clipboard::copy(&text).await {
                    Ok(()) => status.set(format!("Copied the {what}.")),
                    Err(e) => status.set(e),
                }
            });
        })
    };
    html! {
        <span class="copy">
            <button type="button" {onclick}>{ format!("Copy {}", p.what) }</button>
            <span role="status" class="copy-status">{ (*status).clone() }</span>
        </span>
    }
}

#[derive(Properties, PartialEq)]
pub struct ExportProps {
    pub case: Rc<Case>,
    pub dispatch: Dispatch,
}

/// What an export button produces.
#[derive(Clone, Copy, PartialEq)]
enum Format {
    Json,
    Markdown,
    Chat,
}

impl Format {
    fn render(self, case: &Case) -> String {
        match self {
            Format::Json => measure("handoff:export-json", || to_json(case)),
            Format::Markdown => measure("handoff:export-markdown", || to_markdown(case)),
            Format::Chat => chat_message(case),
        }
    }
}

#[function_component(ExportPanel)]
pub fn export_panel(p: &ExportProps) -> Html {
    let case = &p.case;
    // The preview is built only while it is open: exports cost milliseconds on a large case,
    // which must not be paid on every keystroke.
    let preview_open = use_state(|| false);
    let producer = |f: Format| {
        let case = case.clone();
        Callback::from(move |()| f.render(&case))
    };
    let save = |f: Format, ext: &'static str, mime: &'static str| {
        let (case, d) = (case.clone(), p.dispatch.clone());
        Callback::from(move |_| {
            if let Err(e) = download(&file_name(&case, ext), mime, &f.render(&case)) {
                d.dispatch(Action::Notify(Notice::error(e)));
            }
        })
    };
    let on_toggle = {
        let open = preview_open.clone();
        Callback::from(move |e: Event| {
            use wasm_bindgen::JsCast;
            if let Some(d) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok())
            {
                open.set(d.open());
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="export-heading" id="step-export">
            <h2 id="export-heading">{ "Export the handoff" }</h2>
            <p class="lead">{ "Markdown for the ticket, the chat message for Slack or Teams, JSON for L2 to open in Handoff and for tools. Indicators are defanged in Markdown and chat." }</p>
            <div class="export-row">
                <button type="button" onclick={save(Format::Markdown, "md", "text/markdown")}>{ "Download Markdown" }</button>
                <CopyButton text={producer(Format::Markdown)} what="Markdown" />
            </div>
            <div class="export-row">
                <button type="button" onclick={save(Format::Json, "json", "application/json")}>{ "Download JSON" }</button>
                <CopyButton text={producer(Format::Json)} what="JSON" />
            </div>
            <div class="export-row">
                <button type="button" onclick={save(Format::Chat, "txt", "text/plain")}>{ "Download chat message" }</button>
                <CopyButton text={producer(Format::Chat)} what="chat message text" />
            </div>
            <details ontoggle={on_toggle}>
                <summary>{ "Markdown preview (as it will be pasted)" }</summary>
                if *preview_open {
                    <pre class="preview" tabindex="0" aria-label="Markdown preview">{ Format::Markdown.render(case) }</pre>
                }
            </details>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ImportProps {
    pub dispatch: Dispatch,
}

/// Import never touches the open case unless the package is valid in full.
#[function_component(ImportPanel)]
pub fn import_panel(p: &ImportProps) -> Html {
    // Uncontrolled, like the alert paste: size first, then read.
    let pasted = use_node_ref();
    let error = use_state(|| None::<String>);
    let reader = use_mut_ref(|| None::<gloo_file::callbacks::FileReader>);
    let accept = {
        let (d, error) = (p.dispatch.clone(), error.clone());
        Callback::from(move |bytes: Vec<u8>| match import(&bytes) {
            Ok(case) => {
                error.set(None);
                d.dispatch(Action::Imported(case));
            }
            Err(e) => error.set(Some(format!(
                "Import refused: {e} The open case was not changed."
            ))),
        })
    };
    let on_file = {
        let (accept, error, reader) = (accept.clone(), error.clone(), reader.clone());
        Callback::from(move |e: Event| {
            let Some(file) = take_chosen_file(&e) else {
                return;
            };
            let size = file.size() as usize;
            if size > MAX_PACKAGE_BYTES {
                error.set(Some(format!(
                    "Import refused: the file is {}, larger than the {} a handoff package may be. The open case was not changed.",
                    megabytes(size), megabytes(MAX_PACKAGE_BYTES))));
                return;
            }
            let accept = accept.clone();
            let error = error.clone();
            let task = gloo_file::callbacks::read_as_bytes(
                &gloo_file::Blob::from(file),
                move |r| {
                    match r {
                Ok(bytes) => accept.emit(bytes),
                Err(_) => error.set(Some("Import refused: the browser could not read the file. The open case was not changed.".into())),
            }
                },
            );
            *reader.borrow_mut() = Some(task);
        })
    };
    let on_paste = {
        let error = error.clone();
        Callback::from(move |e: Event| {
            if let Some(bytes) = oversized_paste(&e, MAX_PACKAGE_BYTES) {
                e.prevent_default();
                let e = handoff_core::package::ImportError::TooLarge {
                    bytes,
                    limit: MAX_PACKAGE_BYTES,
                };
                error.set(Some(format!(
                    "Import refused: {e} The open case was not changed."
                )));
            }
        })
    };
    let on_paste_import = {
        let (accept, pasted, error) = (accept.clone(), pasted.clone(), error.clone());
        Callback::from(move |_| {
            let Some(ta) = pasted.cast::<web_sys::HtmlTextAreaElement>() else {
                return;
            };
            let units = ta.text_length() as usize;
            if units > MAX_PACKAGE_BYTES {
                let e = handoff_core::package::ImportError::TooLarge {
                    bytes: units,
                    limit: MAX_PACKAGE_BYTES,
                };
                error.set(Some(format!(
                    "Import refused: {e} The open case was not changed."
                )));
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
