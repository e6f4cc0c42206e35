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

/// Tells the other tabs: `saved <id>` and the package on the next line, `deleted <id>`, or
/// [`RESTORED`] and the IDs it replaced.
fn tell_other_tabs(message: &str) {
    CHANNEL.with(|c| {
        if let Some(c) = c {
            // A tab that misses it finds out on its next load; nothing is lost here.
            let _ = c.post_message(&wasm_bindgen::JsValue::from_str(message));
        }
    });
}

/// What a tab tells the others when it has restored a backup (with the IDs of the cases
/// it replaced, a line each): their lists are out of date.
pub const RESTORED: &str = "restored";

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
pub fn save(offload: &Offload, case: &Rc<Case>, done: impl FnOnce(Result<(), String>) + 'static) {
    save_boxed(offload, case, false, Box::new(done))
}

/// As [`save`], as the page is hidden or closed: the worker may stop with the page before its
/// save lands, so the same text also goes to localStorage at once, and the next start takes
/// it if it is the newest.
pub fn save_before_leaving(
    offload: &Offload,
    case: &Rc<Case>,
    done: impl FnOnce(Result<(), String>) + 'static,
) {
    save_boxed(offload, case, true, Box::new(done))
}

// Each public call is a thin shim over one body: the bodies are not copied per caller.
fn save_boxed(offload: &Offload, case: &Rc<Case>, leaving: bool, done: Then<()>) {
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
            // The worker holds the case it reads under this number: exports of this very
            // case, unchanged, name it instead of sending it again.
            number: offload.hand(case),
            read: None,
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

/// A restore's plan, as the worker words it: a sentence (`Err` when there is nothing to
/// restore) and the details, parsed Markdown.
#[cfg(not(feature = "training"))]
pub type Planned = (Result<String, String>, Vec<crate::worker::preview::Node>);

#[cfg(not(feature = "training"))]
pub use worker::{ask_to_keep, back_up, plan_restore, relist, restore, storage_note};

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

    /// Runs a store job once the store is open; `done` gets the answer, or why there is
    /// none (a refusal included).
    fn ask(offload: &Offload, job: Job, done: Then<Done>) {
        let offload = offload.clone();
        when_open(Box::new(move |backend| match backend {
            Backend::Worker { .. } => offload.run(job, move |r| {
                done(match r {
                    Ok(Done::Failed(why)) => Err(why),
                    Ok(d) => Ok(d),
                    Err(why) => Err(format!("The case store did not answer: {why}")),
                })
            }),
            _ => done(Err(NOT_RUNNING.into())),
        }))
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
                read(&offload, job, Box::new(|r| done(r.map(drop))))
            }
            _ => done(local()),
        }))
    }

    /// A read from the worker's store.
    pub fn read(offload: &Offload, job: Job, done: Then<String>) {
        let done = Box::new(move |r: Result<Done, String>| {
            done(match r {
                Ok(Done::Stored(text)) => text,
                Ok(_) => Err(WRONG_ANSWER.into()),
                Err(why) => Err(why),
            })
        });
        ask(offload, job, done)
    }

    /// Has the worker write a backup of every stored case (gzip-compressed if asked) and
    /// downloads it; `done` gets a sentence saying what it holds.
    pub fn back_up(offload: &Offload, compressed: bool, done: Then<String>) {
        let done = Box::new(move |r: Result<String, String>| {
            done(r.and_then(|lines| {
                let mut lines = lines.lines();
                let (url, name) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
                crate::adapters::download::download_url(name, url)?;
                Ok(lines.collect())
            }))
        });
        read(offload, Job::BackUp { compressed }, done)
    }

    /// What restoring the backup `file` here would do: a sentence (`Err` when there is
    /// nothing to restore) and the details to lay out. The worker reads the file itself,
    /// through an object URL.
    pub fn plan_restore(offload: &Offload, file: &web_sys::Blob, done: Then<Planned>) {
        let Ok(url) = web_sys::Url::create_object_url_with_blob(file) else {
            return done(Err(
                "The browser would not let Handoff read the file.".into()
            ));
        };
        let revoke = url.clone();
        let done = Box::new(move |r: Result<Done, String>| {
            let _ = web_sys::Url::revoke_object_url(&revoke);
            done(match r {
                Ok(Done::Written(said, details)) => Ok((said, details.unwrap_or_default())),
                Ok(_) => Err(WRONG_ANSWER.into()),
                Err(why) => Err(why),
            })
        });
        ask(offload, Job::PlanRestore { url }, done)
    }

    /// Carries out the restore last planned, then tells the other tabs; `done` gets what it
    /// stored, then the IDs of the cases it replaced, a line each.
    pub fn restore(
        offload: &Offload,
        choice: handoff_core::package::ConflictChoice,
        done: Then<String>,
    ) {
        if BACKEND.with_borrow(|b| *b) == (Backend::Worker { local_copy: true }) {
            return done(Err(
                "This browser is not letting Handoff use its database (see the \
                 notice above), so restored cases would be gone when the page closes: restore \
                 in a browser that lets it."
                    .into(),
            ));
        }
        let done = Box::new(move |r: Result<String, String>| {
            if let Ok(text) = &r {
                let replaced = text.split_once('\n').map_or("", |(_, ids)| ids);
                tell_other_tabs(&format!("{RESTORED}\n{replaced}"));
            }
            done(r)
        });
        read(offload, Job::Restore { choice }, done)
    }

    /// The store's every summary, read again: after the list's first lines, and after a
    /// restore (here or in another tab). Without an answer, the list stays as it was.
    pub fn relist(offload: &Offload, done: impl FnOnce(StoredCases) + 'static) {
        let job = Job::OpenStore {
            legacy: Vec::new(),
            first: None,
        };
        offload.run(job, move |r| {
            if let Ok(Done::StoreOpened(opened)) = r {
                done(listed(opened))
            }
        });
    }

    /// The storage note: the space the cases take and whether the browser will keep them.
    pub fn storage_note(offload: &Offload, done: Then<String>) {
        read(offload, Job::StorageNote, done)
    }

    /// Asks the browser to keep the stored cases until the analyst deletes them, rather than
    /// clear them when the device runs short of space; then calls `done`, whatever the
    /// browser said (the storage note reads it back).
    pub fn ask_to_keep(done: impl FnOnce() + 'static) {
        let asked = web_sys::window().and_then(|w| w.navigator().storage().persist().ok());
        wasm_bindgen_futures::spawn_local(async move {
            if let Some(p) = asked {
                let _ = wasm_bindgen_futures::JsFuture::from(p).await;
            }
            done()
        })
    }

    /// What the case list takes of an opened store's answer.
    fn listed(opened: crate::worker::Opened) -> StoredCases {
        StoredCases {
            summaries: opened.summaries,
            current: None,
            set_aside: opened.set_aside,
            problems: opened.problems,
        }
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
                let mut opened = match r {
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
                let (current, refused) = (opened.current.take(), opened.refused.take());
                let (local_copy, complete) = (refused.is_some(), opened.complete);
                if refused.is_none() {
                    // Moved: localStorage's copies go only now that the store has them.
                    storage::forget(&read, &opened.moved);
                }
                let mut stored = listed(opened);
                // In the worker's memory only: localStorage stays the lasting copy.
                stored.problems.splice(0..0, refused);
                if let Some(raw) = current {
                    match import_located(raw.as_bytes()) {
                        Ok(case) => stored.current = Some(case),
                        Err(e) => stored
                            .problems
                            .push(format!("The case open last time could not be read: {e}")),
                    }
                }
                settle(Backend::Worker { local_copy });
                done(stored);
                if !complete {
                    relist(&rest, move |stored| done(stored));
                }
            },
        );
    }
}
