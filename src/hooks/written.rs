//! Text the worker writes from the open case (an export, a chat message), kept up to date
//! while it is on screen: asked for at once when it is first shown or a choice changes, and
//! a moment after the case changes, so typing does not send the worker a job a keystroke;
//! shown only if it is the answer to the latest request. A Markdown export's preview, if
//! wanted, is asked for once the text is shown: the text, which is what gets copied, does not
//! wait for it.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_timers::callback::Timeout;
use handoff_core::package::ExportSettings;
use handoff_core::Case;
use yew::prelude::*;

use super::{Actions, Exported, Preview};
use crate::worker::Writing;

/// How long after a change to the case the text is asked for again.
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
    /// Being written again, after a new choice or an edit to the case: the text shown until
    /// now, and what it was written as. The page keeps it in its place meanwhile, so that
    /// nothing below it moves twice (away, then back) for each new text.
    Rewriting(Writing, Exported),
    Ready(Exported),
    /// The worker could not be asked or did not answer.
    Failed(String),
}

impl Written {
    /// Whether a text is being written (a first one, or again).
    pub fn is_being_written(&self) -> bool {
        matches!(self, Written::Pending | Written::Rewriting(..))
    }

    /// The text, once written: not the one kept while it is written again.
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

/// The text written as `writing` and `settings` say from `case`, while `active`; and, with
/// `preview`, a Markdown export's preview after it.
#[hook]
pub fn use_written(
    case: Rc<Case>,
    writing: Writing,
    settings: ExportSettings,
    active: bool,
    preview: bool,
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
                let ticket = {
                    let mut l = latest.borrow_mut();
                    *l += 1;
                    *l
                };
                // Only an edit to the case waits: a choice is made once, and the analyst is
                // waiting for its text.
                let edited = shown
                    .as_ref()
                    .is_some_and(|(k, _)| !Rc::ptr_eq(&k.case, &key.case));
                let ask = {
                    let key = key.clone();
                    move || write(key, preview, ticket, latest, shown, actions)
                };
                *pending.borrow_mut() = match edited {
                    true => Some(Timeout::new(SETTLE_MS, ask)),
                    false => {
                        ask();
                        None
                    }
                };
            }
        });
    }
    match shown.as_ref() {
        Some((k, w)) if *k == key => w.clone(),
        Some((k, Written::Ready(e))) if active => Written::Rewriting(k.writing, e.clone()),
        _ => Written::Pending,
    }
}

/// Asks for the text as `key` says, and then for its preview if `preview` wants one; each is
/// shown if request `ticket` is still the latest.
fn write(
    key: Key,
    preview: bool,
    ticket: u64,
    latest: Rc<RefCell<u64>>,
    shown: UseStateHandle<Option<(Key, Written)>>,
    actions: Actions,
) {
    let (case, writing, settings) = (key.case.clone(), key.writing, key.settings.clone());
    let preview = preview && writing.has_preview();
    let a = actions.clone();
    actions.write(&case, writing, settings, false, move |result| {
        if *latest.borrow() != ticket {
            return;
        }
        let mut exported = match result {
            Ok(e) => e,
            Err(why) => {
                let why = format!(
                    "It could not be written: {why} The case itself is safe; reload the page to try again."
                );
                return shown.set(Some((key, Written::Failed(why))));
            }
        };
        let markdown = match &exported.text {
            Ok(text) if preview => text.clone(),
            _ => return shown.set(Some((key, Written::Ready(exported)))),
        };
        exported.rendered = Preview::Coming;
        shown.set(Some((key.clone(), Written::Ready(exported.clone()))));
        a.preview(markdown, move |nodes| {
            if *latest.borrow() == ticket {
                exported.rendered = match nodes {
                    Ok(nodes) => Preview::Drawn(nodes),
                    Err(why) => Preview::Failed(format!("The preview could not be drawn: {why}")),
                };
                shown.set(Some((key, Written::Ready(exported))));
            }
        });
    });
}
