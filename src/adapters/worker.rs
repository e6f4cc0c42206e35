//! The page's end of the worker that reads alerts (the protocol is `crate::worker`). It starts
//! the worker when first needed, holds jobs until the worker says it is ready (a message
//! posted before its handler exists would be lost), and calls each job's continuation exactly
//! once: with the answer, or with why there is none (the worker could not start, stopped,
//! answered something unreadable, or took too long).
//!
//! A continuation runs with no borrow held, so it may start another job.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use gloo_timers::callback::Timeout;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

use crate::worker::{read_answer, request, Done, Job, Posted, READY, SCRIPT};

/// A job not answered in this time is given up. Reading a 1 MB paste takes well under a
/// second; the rest is room for a slow device loading the worker for the first time.
const TIMEOUT_MS: u32 = 20_000;

type Continuation = Box<dyn FnOnce(Result<Done, String>)>;

struct Running {
    worker: Worker,
    /// Tells this worker's events from those of one it replaced.
    generation: u64,
    ready: bool,
    /// It stopped: the next job starts a fresh one.
    failed: bool,
    /// Requests written before the worker was ready, in order.
    queued: Vec<Posted>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(Event)>,
}

#[derive(Default)]
struct Inner {
    running: Option<Running>,
    /// The case last handed to the running worker's store, and the number its save was given
    /// (no two saves of this page share one). A `Weak` keeps the case's allocation, so no
    /// other case can take its address while it is compared.
    handed: Option<(Weak<handoff_core::Case>, u64)>,
    saves: u64,
    generations: u64,
    next_id: u64,
    pending: HashMap<u64, Continuation>,
}

/// A handle on the worker, shared by every part of the page that gives it work.
#[derive(Clone, Default)]
pub struct Offload(Rc<RefCell<Inner>>);

impl PartialEq for Offload {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl Offload {
    /// Starts the worker ahead of its first job, so that a paste is read at once.
    pub fn warm(&self) {
        // A worker that cannot start is reported by the first job that needs it.
        let _ = self.start();
    }

    /// Runs `job` in the worker; `done` gets its result or why there is none.
    pub fn run(&self, job: Job, done: impl FnOnce(Result<Done, String>) + 'static) {
        if let Err(why) = self.start() {
            return done(Err(why));
        }
        let id = {
            let mut inner = self.0.borrow_mut();
            inner.next_id += 1;
            let id = inner.next_id;
            inner.pending.insert(id, Box::new(done));
            id
        };
        let weak = Rc::downgrade(&self.0);
        // Forgotten rather than kept: dropping a timer from inside its own callback is not
        // allowed, and a job that was answered in time makes this callback a no-op.
        Timeout::new(TIMEOUT_MS, move || {
            finish(&weak, id, Err("it took too long to answer".into()))
        })
        .forget();
        let message = request(id, job);
        let sent = {
            let mut inner = self.0.borrow_mut();
            match inner.running.as_mut() {
                Some(r) if r.ready && !r.failed => post(&r.worker, &message),
                Some(r) if !r.failed => {
                    r.queued.push(message);
                    Ok(())
                }
                _ => Err("it is not running".into()),
            }
        };
        if let Err(why) = sent {
            finish(&Rc::downgrade(&self.0), id, Err(why));
        }
    }

    /// The number for a save of `case`, which the worker will hold it under once it has read
    /// it (see [`crate::worker::Held`]).
    pub fn hand(&self, case: &Rc<handoff_core::Case>) -> u64 {
        let mut inner = self.0.borrow_mut();
        inner.saves += 1;
        inner.handed = Some((Rc::downgrade(case), inner.saves));
        inner.saves
    }

    /// The number the worker holds `case` under: only if this very case, unchanged since (an
    /// edit makes another), was the last one handed to its store. The worker may still not
    /// hold it (a save that did not read, or not yet sent while the store opens): it then
    /// says so, and is sent the case itself.
    pub fn holds(&self, case: &Rc<handoff_core::Case>) -> Option<u64> {
        let inner = self.0.borrow();
        let (held, number) = inner.handed.as_ref()?;
        std::ptr::eq(held.as_ptr(), Rc::as_ptr(case)).then_some(*number)
    }

    /// The running worker, started if there is none (or the last one failed; it is dropped
    /// here, outside its own handlers).
    fn start(&self) -> Result<(), String> {
        let generation = {
            let mut inner = self.0.borrow_mut();
            if inner.running.as_ref().is_some_and(|r| !r.failed) {
                return Ok(());
            }
            inner.running = None;
            // A new worker holds no case.
            inner.handed = None;
            inner.generations += 1;
            inner.generations
        };
        let worker =
            Worker::new(SCRIPT).map_err(|e| format!("it could not start ({})", describe(&e)))?;
        let weak = Rc::downgrade(&self.0);
        let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some((json, text)) = from_js(&e.data()) else {
                return;
            };
            if json == READY {
                return became_ready(&weak, generation);
            }
            match read_answer(&json, text) {
                Ok((id, done)) => finish(&weak, id, Ok(done)),
                Err(why) => fail_all(&weak, format!("it sent {why}")),
            }
        });
        let weak = Rc::downgrade(&self.0);
        let on_error = Closure::<dyn FnMut(Event)>::new(move |e: Event| {
            // A missing script (a plain `Event`), or a crash inside the worker (an
            // `ErrorEvent` with a message): every waiting job is told, and the next job starts
            // a fresh worker.
            let message = e
                .dyn_ref::<ErrorEvent>()
                .map(|e| e.message())
                .unwrap_or_default();
            let why = match message.is_empty() {
                true => "it stopped".to_owned(),
                false => format!("it stopped ({message})"),
            };
            if let Some(inner) = weak.upgrade() {
                let mut inner = inner.borrow_mut();
                match inner.running.as_mut() {
                    Some(r) if r.generation == generation => {
                        r.worker.terminate();
                        r.failed = true;
                    }
                    // A worker already replaced: its jobs went with it.
                    _ => return,
                }
            }
            fail_all(&weak, why);
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        self.0.borrow_mut().running = Some(Running {
            worker,
            generation,
            ready: false,
            failed: false,
            queued: Vec::new(),
            _on_message: on_message,
            _on_error: on_error,
        });
        Ok(())
    }
}

/// The worker can take messages: what waited goes now.
fn became_ready(weak: &Weak<RefCell<Inner>>, generation: u64) {
    let Some(inner) = weak.upgrade() else { return };
    let failed: Vec<String> = {
        let mut inner = inner.borrow_mut();
        let Some(r) = inner
            .running
            .as_mut()
            .filter(|r| r.generation == generation)
        else {
            return;
        };
        r.ready = true;
        std::mem::take(&mut r.queued)
            .iter()
            .filter_map(|message| post(&r.worker, message).err())
            .collect()
    };
    if let Some(why) = failed.into_iter().next() {
        fail_all(weak, why);
    }
}

/// Posts a request.
fn post(worker: &Worker, message: &Posted) -> Result<(), String> {
    worker
        .post_message(&to_js(message))
        .map_err(|e| describe(&e))
}

/// A message as either end posts it: its JSON alone, or with its large text beside it, the
/// two as an array.
pub fn to_js(message: &Posted) -> JsValue {
    let json = JsValue::from_str(&message.json);
    match &message.text {
        None => json,
        Some(text) => js_sys::Array::of2(&json, &JsValue::from_str(text)).into(),
    }
}

/// A message as either end receives it: its JSON, and the text beside it if any. `None` for
/// anything else.
pub fn from_js(data: &JsValue) -> Option<(String, Option<String>)> {
    match data.as_string() {
        Some(json) => Some((json, None)),
        None => {
            let parts = data.dyn_ref::<js_sys::Array>()?;
            Some((parts.get(0).as_string()?, parts.get(1).as_string()))
        }
    }
}

/// Calls job `id`'s continuation, if it is still waiting, with no borrow held.
fn finish(weak: &Weak<RefCell<Inner>>, id: u64, result: Result<Done, String>) {
    let Some(inner) = weak.upgrade() else { return };
    let continuation = inner.borrow_mut().pending.remove(&id);
    if let Some(k) = continuation {
        k(result.map_err(|why| format!("Handoff's worker failed: {why}.")));
    }
}

fn fail_all(weak: &Weak<RefCell<Inner>>, why: String) {
    let Some(inner) = weak.upgrade() else { return };
    let ids: Vec<u64> = inner.borrow().pending.keys().copied().collect();
    for id in ids {
        finish(weak, id, Err(why.clone()));
    }
}

fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "the browser gave no reason".into())
}
