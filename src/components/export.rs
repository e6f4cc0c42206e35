//! The copy button every export uses. The export panel itself is `export_panel`; the import
//! of a handoff package is `import`.

use yew::prelude::*;

use crate::adapters::clipboard;

#[derive(Properties, PartialEq)]
pub struct CopyProps {
    /// Produces the text when the button is pressed (exports are built on demand, not on
    /// every keystroke).
    pub text: Callback<(), String>,
    pub what: AttrValue,
    /// Nothing to copy yet.
    #[prop_or_default]
    pub disabled: bool,
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
            <button type="button" {onclick} disabled={p.disabled}>{ format!("Copy {}", p.what) }</button>
            <span role="status" class="copy-status">{ (*status).clone() }</span>
        </span>
    }
}
