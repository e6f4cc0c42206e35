//! Keyboard shortcuts: Alt+Shift+N / Alt+Shift+P for the next / previous section,
//! Alt+Shift+E for export.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::adapters::dom;

#[hook]
pub fn use_shortcuts() {
    use_effect_with((), move |_| {
        let listener = web_sys::window().and_then(|w| w.document()).map(|doc| {
            EventListener::new(&doc, "keydown", move |e| {
                let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                if !(k.alt_key() && k.shift_key()) {
                    return;
                }
                match k.code().as_str() {
                    "KeyN" => dom::focus_adjacent_section(true),
                    "KeyP" => dom::focus_adjacent_section(false),
                    "KeyE" => dom::open_and_focus("export"),
                    _ => return,
                }
                k.prevent_default();
            })
        });
        move || drop(listener)
    });
}
