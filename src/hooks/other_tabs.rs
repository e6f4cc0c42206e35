//! Another tab saved or removed a stored case (it says so on a BroadcastChannel): the case
//! list follows, and a change to the case open here is held as a conflict until the analyst
//! chooses a version.

use yew::prelude::*;

use crate::adapters::store;
use crate::state::{Action, Dispatch, OtherTabChange};

#[hook]
pub fn use_other_tabs(dispatch: Dispatch) {
    use_effect_with((), move |_| {
        let listener = store::listen_to_other_tabs(move |message| {
            let (head, package) = message.split_once('\n').unwrap_or((message, ""));
            let (id, change) = if let Some(id) = head.strip_prefix("saved ") {
                let change = OtherTabChange::Saved {
                    case: handoff_core::package::import_located(package.as_bytes())
                        .ok()
                        .map(Box::new),
                    raw: package.to_owned(),
                };
                (id, change)
            } else if let Some(id) = head.strip_prefix("deleted ") {
                (id, OtherTabChange::Deleted)
            } else {
                return;
            };
            dispatch.dispatch(Action::OtherTab {
                id: id.to_owned(),
                change,
            });
        });
        move || drop(listener)
    });
}
