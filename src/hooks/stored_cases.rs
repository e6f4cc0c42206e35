//! Opens the case store, once, when the app starts.

use yew::prelude::*;

use crate::adapters::store;
use crate::hooks::Actions;
use crate::state::Action;

#[hook]
pub fn use_stored_cases(actions: &Actions) {
    let a = actions.clone();
    use_effect_with((), move |_| {
        let offload = a.offload.clone();
        store::open(&offload, move |stored| a.send(Action::Loaded(stored)));
    });
}
