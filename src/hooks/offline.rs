//! Registers the service worker once and reports whether the app is ready offline.

use yew::prelude::*;

use crate::state::{Action, Dispatch};

#[hook]
pub fn use_offline(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        crate::adapters::offline::register(move |status| {
            dispatch.dispatch(Action::Offline(status))
        });
    });
}
