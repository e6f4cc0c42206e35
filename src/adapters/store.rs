//! Where the page keeps cases.
//!
//! On the analyst's page, the worker keeps them (`crate::worker::store`): in IndexedDB, into
//! which the first start moves what localStorage held; or, when the browser has no usable
//! IndexedDB, in its memory, and then the page also writes every change to localStorage, which
//! the next start reads back, and a banner says so. The training room's practice cases stay in
//! localStorage (`storage`).
//!
//! Every call answers through a continuation, whichever store is behind it, so components do
//! not know which one it is. Calls made while the store is opening wait for it.

use std::rc::Rc;

use handoff_core::package::import_located;
use handoff_core::Case;

use super::storage;
use super::worker::Offload;
use crate::state::StoredCases;

/// An answer: the value, or the sentence that says why there is none.
type Then<T> = Box<dyn FnOnce(Result<T, String>)>;

thread_local! {
    /// How this page tells its other tabs that it saved or deleted a case. One object both
    /// sends and listens: a channel does not hear its own messages.
    static CHANNEL: Option<web_sys::BroadcastChannel> =
        web_sys::BroadcastChannel::new(CHANNEL_NAME).ok();
    /// The open case's last saved package, for the crash banner (it cannot wait for the
    /// worker).
    static LAST_SAVED: std::cell::RefCell<Option<(String, Rc<str>)>> =
        const { std::cell::RefCell::new(None) };
}

#[cfg(not(feature = "training"))]
const CHANNEL_NAME: &str = "handoff.v1.cases";
#[cfg(feature = "training")]
const CHANNEL_NAME: &str = "handoff.training.v1.cases";

/// Tells the other tabs: `saved <id>` and the package on the next line, or `deleted <id>`.
fn tell_other_tabs(message: &str) {
    CHANNEL.with(|c| {
        if let Some(c) = c {
            // A tab that misses it finds out on its next load; nothing is lost here.
            let _ = c.post_message(&wasm_bindgen::JsValue::from_str(message));
        }
    });
}

/// Calls `f` with each message the other tabs send, for as long as the listener is kept.
pub fn listen_to_other_tabs(f: impl Fn(&str) + 'static) -> Option<gloo_events::EventListener> {
    CHANNEL.with(|c| {
        c.as_ref().map(|c| {
            gloo_events::EventListener::new(c, "message", move |e| {
                use wasm_bindgen::JsCast;
                if let Some(text) = e
                    .dyn_ref::<web_sys::MessageEvent>()
                    .and_then(|m| m.data().as_string())
                {
                    f(&text)
                }
            })
        })
    })
}

/// The open case's last saved package (file name, JSON), for the crash banner.
pub fn last_saved_current() -> Option<(String, String)> {
    LAST_SAVED
        .with_borrow(|l| {
            l.as_ref()
                .map(|(name, json)| (name.clone(), json.to_string()))
        })
        .or_else(storage::last_saved_current)
}

/// Opens the store and says what it holds (the analyst's page may say it in two parts: the
/// case list's first lines, then all of them).
pub fn open(offload: &Offload, done: impl Fn(StoredCases) + 'static) {
    #[cfg(feature = "training")]
    {
        let _ = offload;
        done(storage::load())
    }
    #[cfg(not(feature = "training"))]
    worker::open(offload, std::rc::Rc::new(done))
}

/// Saves the case and makes it the one reopened after a reload.
pub fn save(offload: &Offload, case: &Case, done: impl FnOnce(Result<(), String>) + 'static) {
    save_boxed(offload, case, false, Box::new(done))
}

/// As [`save`], as the page is hidden or closed: the worker may stop with the page before its
/// save lands, so the same text also goes to localStorage at once, and the next start takes
/// it if it is the newest.
pub fn save_before_leaving(
    offload: &Offload,
    case: &Case,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    save_boxed(offload, case, true, Box::new(done))
}

// Each public call is a thin shim over one body: the bodies are not copied per caller.
fn save_boxed(offload: &Offload, case: &Case, leaving: bool, done: Then<()>) {
    // Written once, shared by the job, the localStorage copy, the other tabs and the crash
    // banner (a megabyte for a large case).
    let package: Rc<str> = handoff_core::package::to_json(case).into();
    #[cfg(not(feature = "training"))]
    if leaving {
        storage::keep_unsaved(&package);
    }
    #[cfg(feature = "training")]
    let _ = leaving;
    let id = case.id.clone();
    let saved = package.clone();
    let done: Then<()> = Box::new(move |r: Result<(), String>| {
        if r.is_ok() {
            tell_other_tabs(&format!("saved {id}\n{saved}"));
            LAST_SAVED.set(Some((format!("{id}-handoff.json"), saved)));
        }
        done(r)
    });
    #[cfg(not(feature = "training"))]
    {
        let job = crate::worker::Job::SaveCase {
            package: package.to_string(),
        };
        let id = case.id.clone();
        worker::write(
            offload,
            job,
            move || storage::save_package(&id, &package),
            done,
        )
    }
    #[cfg(feature = "training")]
    {
        let _ = offload;
        done(storage::save_package(&case.id, &package))
    }
}

/// A stored case, read and checked.
pub fn load_case(offload: &Offload, id: &str, done: impl FnOnce(Result<Case, String>) + 'static) {
    load_boxed(offload, id, Box::new(done))
}

fn load_boxed(offload: &Offload, id: &str, done: Then<Case>) {
    #[cfg(not(feature = "training"))]
    {
        let job = worker::job(id, crate::worker::CaseOp::Load);
        let done = Box::new(move |r: Result<String, String>| {
            done(r.and_then(|t| import_located(t.as_bytes()).map_err(|e| e.to_string())))
        });
        worker::read(offload, job, done)
    }
    #[cfg(feature = "training")]
    {
        let _ = (offload, import_located);
        done(storage::load_case(id))
    }
}

pub fn delete(offload: &Offload, id: &str, done: impl FnOnce(Result<(), String>) + 'static) {
    delete_boxed(offload, id, Box::new(done))
}

fn delete_boxed(offload: &Offload, id: &str, done: Then<()>) {
    let told = format!("deleted {id}");
    let done: Then<()> = Box::new(move |r: Result<(), String>| {
        if r.is_ok() {
            tell_other_tabs(&told);
        }
        done(r)
    });
    #[cfg(not(feature = "training"))]
    {
        let job = worker::job(id, crate::worker::CaseOp::Delete);
        let id = id.to_owned();
        worker::write(offload, job, move || storage::delete(&id), done)
    }
    #[cfg(feature = "training")]
    {
        let _ = offload;
        done(storage::delete(id))
    }
}

pub fn set_archived(
    offload: &Offload,
    id: &str,
    archived: bool,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    archive_boxed(offload, id, archived, Box::new(done))
}

fn archive_boxed(offload: &Offload, id: &str, archived: bool, done: Then<()>) {
    #[cfg(not(feature = "training"))]
    {
        let op = match archived {
            true => crate::worker::CaseOp::Archive,
            false => crate::worker::CaseOp::Unarchive,
        };
        let job = worker::job(id, op);
        let id = id.to_owned();
        worker::write(
            offload,
            job,
            move || storage::set_archived(&id, archived),
            done,
        )
    }
    #[cfg(feature = "training")]
    {
        let _ = offload;
        done(storage::set_archived(id, archived))
    }
}

/// The raw text of an entry that was set aside, for download.
pub fn set_aside_entry(
    offload: &Offload,
    id: &str,
    done: impl FnOnce(Result<String, String>) + 'static,
) {
    #[cfg(not(feature = "training"))]
    worker::read(
        offload,
        worker::job(id, crate::worker::CaseOp::SetAside),
        Box::new(done),
    );
    #[cfg(feature = "training")]
    {
        let _ = offload;
        done(storage::set_aside_entry(id).ok_or_else(|| "That entry is gone.".to_owned()))
    }
}

#[cfg(not(feature = "training"))]
mod worker {
    use std::cell::RefCell;

    use super::*;
    use crate::worker::{Done, Job, WRONG_ANSWER};

    /// Where this page's cases go, once it knows.
    #[derive(Clone, Copy, PartialEq)]
    enum Backend {
        Opening,
        /// The worker's store; with `local_copy`, it is in the worker's memory only, and each
        /// change is also written to localStorage.
        Worker {
            local_copy: bool,
        },
        /// The worker did not start: changes go to localStorage, which nothing here reads
        /// until the next start.
        LocalOnly,
    }

    thread_local! {
        static BACKEND: RefCell<Backend> = const { RefCell::new(Backend::Opening) };
        /// Calls made while the store was opening, run once it has.
        static WAITING: RefCell<Vec<Box<dyn FnOnce()>>> = const { RefCell::new(Vec::new()) };
    }

    const NOT_RUNNING: &str = "Handoff's worker, which keeps the stored cases, is not \
         running, so they cannot be read: reload the page.";

    /// Runs `f` with the backend, now or once the store has opened.
    fn when_open(f: Box<dyn FnOnce(Backend)>) {
        let backend = BACKEND.with_borrow(|b| *b);
        match backend {
            Backend::Opening => WAITING.with_borrow_mut(|w| w.push(Box::new(move || when_open(f)))),
            b => f(b),
        }
    }

    fn settle(backend: Backend) {
        BACKEND.set(backend);
        for f in WAITING.take() {
            f()
        }
    }

    pub fn job(id: &str, op: crate::worker::CaseOp) -> Job {
        Job::StoredCase {
            id: id.to_owned(),
            op,
        }
    }

    /// The store's answer, for `done`.
    fn answer(done: Then<String>) -> impl FnOnce(Result<Done, String>) {
        move |r| {
            done(match r {
                Ok(Done::Stored(text)) => text,
                Ok(_) => Err(WRONG_ANSWER.into()),
                Err(why) => Err(format!("The case store did not answer: {why}")),
            })
        }
    }

    /// A change: to the worker's store, and to localStorage (`local`) when that is where it
    /// lasts.
    pub fn write(
        offload: &Offload,
        job: Job,
        local: impl FnOnce() -> Result<(), String> + 'static,
        done: Then<()>,
    ) {
        let offload = offload.clone();
        when_open(Box::new(move |backend| match backend {
            Backend::Worker { local_copy } => {
                if local_copy {
                    if let Err(why) = local() {
                        return done(Err(why));
                    }
                }
                offload.run(job, answer(Box::new(|r| done(r.map(drop)))))
            }
            _ => done(local()),
        }))
    }

    /// A read from the worker's store.
    pub fn read(offload: &Offload, job: Job, done: Then<String>) {
        let offload = offload.clone();
        when_open(Box::new(move |backend| match backend {
            Backend::Worker { .. } => offload.run(job, answer(done)),
            _ => done(Err(NOT_RUNNING.into())),
        }))
    }

    /// The case list's first lines, asked for first: the list is drawn from them at once, and
    /// the rest (for the search and further pages) follows in a second answer.
    const FIRST_LINES: u32 = 100;

    /// Opens the worker's store, which first takes what localStorage holds. `done` is called
    /// once, or twice when the summaries come in two parts.
    pub fn open(offload: &Offload, done: std::rc::Rc<dyn Fn(StoredCases)>) {
        let read = storage::legacy();
        let rest = offload.clone();
        offload.run(
            Job::OpenStore {
                legacy: read.clone(),
                first: Some(FIRST_LINES),
            },
            move |r| {
                let opened = match r {
                    Ok(Done::StoreOpened(opened)) => opened,
                    other => {
                        settle(Backend::LocalOnly);
                        let why = other.err().unwrap_or_else(|| WRONG_ANSWER.into());
                        return done(StoredCases {
                            problems: vec![format!(
                                "Handoff's worker, which keeps the stored cases, did not start \
                             ({why}). They are not listed until it does (reload the page); \
                             changes made meanwhile are kept in this browser's local storage."
                            )],
                            ..StoredCases::default()
                        });
                    }
                };
                let mut stored = StoredCases {
                    summaries: opened.summaries,
                    current: None,
                    set_aside: opened.set_aside,
                    problems: opened.problems,
                };
                let local_copy = opened.refused.is_some();
                match opened.refused {
                    // In the worker's memory only: localStorage stays the lasting copy.
                    Some(why) => stored.problems.insert(0, why),
                    // Moved: localStorage's copies go only now that the store has them.
                    None => storage::forget(&read, &opened.moved),
                }
                if let Some(raw) = opened.current {
                    match import_located(raw.as_bytes()) {
                        Ok(case) => stored.current = Some(case),
                        Err(e) => stored
                            .problems
                            .push(format!("The case open last time could not be read: {e}")),
                    }
                }
                settle(Backend::Worker { local_copy });
                done(stored);
                if !opened.complete {
                    let job = Job::OpenStore {
                        legacy: Vec::new(),
                        first: None,
                    };
                    // Without the rest, the list still shows its newest lines.
                    rest.run(job, move |r| {
                        if let Ok(Done::StoreOpened(opened)) = r {
                            done(StoredCases {
                                summaries: opened.summaries,
                                current: None,
                                set_aside: opened.set_aside,
                                problems: opened.problems,
                            })
                        }
                    });
                }
            },
        );
    }
}
