//! Autosave: the open case is saved 300 ms after its last change, at once when another case
//! is opened before then, and at once when the page is hidden or closed. Held while another
//! tab's version of the case waits for the analyst's choice, so neither is overwritten.

use std::cell::RefCell;
use std::rc::Rc;

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use handoff_core::Case;
use yew::prelude::*;

use crate::adapters::worker::Offload;
use crate::adapters::{perf, store};
use crate::state::{Action, AppState, Dispatch};

const AUTOSAVE_DELAY_MS: u32 = 300;

/// The open case as autosave last saw it, with the revision it is at.
type Latest = Rc<RefCell<Option<(Rc<Case>, u64)>>>;

fn save_now(
    case: &Rc<Case>,
    revision: u64,
    dispatch: &Dispatch,
    hold: &RefCell<bool>,
    offload: &Offload,
    leaving: bool,
) {
    if *hold.borrow() {
        return;
    }
    // Two figures: the page's own work (the case written as JSON and handed to the worker),
    // and the whole round trip to the store's answer, which the page does not wait for.
    let stored = perf::span("handoff:autosave-stored");
    let dispatch = dispatch.clone();
    let done = move |r| {
        stored();
        match r {
            Ok(()) => dispatch.dispatch(Action::Saved(revision)),
            Err(e) => dispatch.dispatch(Action::SaveFailed(e)),
        }
    };
    perf::measure("handoff:autosave", || match leaving {
        true => store::save_before_leaving(offload, case, done),
        false => store::save(offload, case, done),
    });
}

#[hook]
pub fn use_autosave(state: &AppState, dispatch: Dispatch, offload: &Offload) {
    let latest: Latest = use_mut_ref(|| None);
    let previous: Latest = use_mut_ref(|| None);
    let pending = use_mut_ref(|| None::<Timeout>);
    // A save is waiting on the timer. Apart from `pending`, which keeps the timer after it
    // fires (a timer cannot be dropped from its own callback).
    let due = use_mut_ref(|| false);
    let hold = use_mut_ref(|| false);
    *hold.borrow_mut() = state.conflict.is_some();
    *latest.borrow_mut() = state.case.clone().map(|c| (c, state.revision));

    {
        let (latest, pending, due, dispatch, hold, offload) = (
            latest.clone(),
            pending.clone(),
            due.clone(),
            dispatch.clone(),
            hold.clone(),
            offload.clone(),
        );
        // A case left because it was deleted must not be written back.
        let deleted = state.deleted.as_ref().map(|d| d.case.id.clone());
        // A revision already saved (a case opened as it is stored) has nothing to write.
        let saved = state.saved_revision;
        use_effect_with(state.revision, move |rev| {
            let current = latest.borrow().clone();
            let left = previous.replace(current.clone());
            if let Some((left, left_rev)) = left {
                let switched = current.as_ref().map(|(c, _)| &c.id) != Some(&left.id)
                    && deleted.as_ref() != Some(&left.id);
                if switched && std::mem::take(&mut *due.borrow_mut()) {
                    drop(pending.borrow_mut().take());
                    save_now(&left, left_rev, &dispatch, &hold, &offload, false);
                }
            }
            if *rev > saved {
                let (latest, dispatch, fired) = (latest.clone(), dispatch.clone(), due.clone());
                *due.borrow_mut() = true;
                *pending.borrow_mut() = Some(Timeout::new(AUTOSAVE_DELAY_MS, move || {
                    *fired.borrow_mut() = false;
                    if let Some((case, rev)) = latest.borrow().as_ref() {
                        save_now(case, *rev, &dispatch, &hold, &offload, false);
                    }
                }));
            }
        });
    }
    let offload = offload.clone();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|w| {
            EventListener::new(&w, "pagehide", move |_| {
                if std::mem::take(&mut *due.borrow_mut()) {
                    drop(pending.borrow_mut().take());
                    if let Some((case, rev)) = latest.borrow().as_ref() {
                        // The worker may stop with the page: a copy goes to localStorage too.
                        save_now(case, *rev, &dispatch, &hold, &offload, true);
                    }
                }
            })
        });
        move || drop(listener)
    });
}
