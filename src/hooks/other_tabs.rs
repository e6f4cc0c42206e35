//! Another tab saved or removed a stored case: the case list follows, and a change to the
//! case open here is held as a conflict until the analyst chooses a version.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::adapters::storage;
use crate::state::{Action, Dispatch, OtherTabChange};

#[hook]
pub fn use_other_tabs(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "storage", move |e| {
                let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                let Some(key) = e.key() else { return };
                let Some(id) = storage::case_id_of_key(&key) else {
                    return;
                };
                let change = match e.new_value() {
                    Some(raw) => OtherTabChange::Saved {
                        case: handoff_core::package::import_located(raw.as_bytes())
                            .ok()
                            .map(Box::new),
                        raw,
                    },
                    None => OtherTabChange::Deleted,
                };
                dispatch.dispatch(Action::OtherTab {
                    id: id.to_owned(),
                    change,
                });
            })
        });
        move || drop(listener)
    });
}
