//! Loads what this browser has stored, once, when the app starts.

use yew::prelude::*;

use crate::adapters::storage;
use crate::state::{Action, Dispatch};

#[hook]
pub fn use_stored_cases(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        dispatch.dispatch(Action::Loaded(storage::load()));
    });
}
