//! Text the worker writes from the open case (an export, a chat message), kept up to date
//! while it is on screen: asked for a moment after the case or the choice changes, so typing
//! does not send the worker a job a keystroke, and shown only if it is the answer to the
//! latest request.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use handoff_core::package::ExportSettings;
use handoff_core::Case;
use yew::prelude::*;

use super::{Actions, Exported};
use crate::worker::Writing;

/// How long after a change the text is asked for again.
const SETTLE_MS: u32 = 300;

/// What the text depends on. The case compares by pointer first, then by value.
#[derive(Clone, PartialEq)]
struct Key {
    case: Rc<Case>,
    writing: Writing,
    settings: ExportSettings,
}

/// The written text for the current case and choices, or why there is none.
#[derive(Clone, PartialEq)]
pub enum Written {
    /// Being written (or not asked for: `active` is false).
    Pending,
    Ready(Exported),
    /// The worker could not be asked or did not answer.
    Failed(String),
}

impl Written {
    /// The text, once written.
    pub fn text(&self) -> Option<&str> {
        match self {
            Written::Ready(Exported { text: Ok(t), .. }) => Some(t),
            _ => None,
        }
    }

    /// Why there is no text: the destination has nothing for this case, or the worker failed.
    pub fn problem(&self) -> Option<&str> {
        match self {
            Written::Ready(Exported { text: Err(why), .. }) | Written::Failed(why) => Some(why),
            _ => None,
        }
    }
}

#[hook]
pub fn use_written(
    case: Rc<Case>,
    writing: Writing,
    settings: ExportSettings,
    active: bool,
    actions: Actions,
) -> Written {
    let shown = use_state(|| None::<(Key, Written)>);
    let pending = use_mut_ref(|| None::<Timeout>);
    let latest = use_mut_ref(|| 0u64);
    let key = Key {
        case,
        writing,
        settings,
    };
    {
        let shown = shown.clone();
        use_effect_with((key.clone(), active), move |(key, active)| {
            let fresh = shown
                .as_ref()
                .is_some_and(|(k, w)| k == key && !matches!(w, Written::Failed(_)));
            if *active && !fresh {
                let key = key.clone();
                let ticket = {
                    let mut l = latest.borrow_mut();
                    *l += 1;
                    *l
                };
                let latest = latest.clone();
                *pending.borrow_mut() = Some(Timeout::new(SETTLE_MS, move || {
                    let (case, writing, settings) =
                        (key.case.clone(), key.writing, key.settings.clone());
                    actions.write(&case, writing, settings, move |result| {
                        if *latest.borrow() == ticket {
                            let written = match result {
                                Ok(e) => Written::Ready(e),
                                Err(why) => Written::Failed(format!(
                                    "It could not be written: {why} The case itself is safe; reload the page to try again."
                                )),
                            };
                            shown.set(Some((key, written)));
                        }
                    });
                }));
            }
        });
    }
    match shown.as_ref() {
        Some((k, w)) if *k == key => w.clone(),
        _ => Written::Pending,
    }
}
