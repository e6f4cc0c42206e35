//! The worker's end of the store's jobs: one at a time, in the order they came, so a save is
//! always seen by the load after it.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;

use chrono::{DateTime, Duration, Utc};

use super::idb::{connect, Idb, Unopened, NAME, VERSION};
use super::Legacy;
use super::{cases, files};
use super::{Db, Memory};
use crate::worker::{encode_answer, failed, shift_text, CaseOp, Done, Job, Opened, Posted};
use handoff_core::package::{restore_writes, RestorePlan};

/// Where this worker keeps cases, once the page has asked it to open the store.
#[derive(Clone)]
enum Store {
    Idb(Idb),
    Memory(Memory),
}

thread_local! {
    static STORE: RefCell<Option<Store>> = const { RefCell::new(None) };
    static QUEUE: RefCell<VecDeque<(u64, Job)>> = const { RefCell::new(VecDeque::new()) };
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// The restore the analyst is being asked about ([`Job::PlanRestore`]), until
    /// [`Job::Restore`] carries it out or another plan replaces it.
    static PLAN: RefCell<Option<RestorePlan>> = const { RefCell::new(None) };
}

/// Queues a store job; its answer goes to `post` once the jobs before it are done.
pub fn enqueue(id: u64, job: Job, post: Rc<dyn Fn(Posted)>) {
    QUEUE.with_borrow_mut(|q| q.push_back((id, job)));
    if RUNNING.replace(true) {
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        while let Some((id, job)) = QUEUE.with_borrow_mut(|q| q.pop_front()) {
            let done = match STORE.with_borrow(|s| s.clone()) {
                Some(Store::Idb(db)) => handle(&db, job).await,
                Some(Store::Memory(db)) => handle(&db, job).await,
                None => match job {
                    Job::OpenStore { legacy, first } => {
                        first_open(super::legacy(legacy), first.map(|n| n as usize)).await
                    }
                    _ => Done::Stored(Err("The case store is not open.".into())),
                },
            };
            post(encode_answer(id, done));
        }
        RUNNING.set(false);
    });
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp_millis(js_sys::Date::now() as i64).unwrap_or_default()
}

/// Opens IndexedDB and moves `legacy` into it. When it cannot, the worker keeps the cases in
/// memory, starting from `legacy`, and the page keeps writing them to localStorage: the next
/// start that opens IndexedDB moves them in (the newest copy of a case wins), so nothing is
/// lost.
async fn first_open(legacy: Legacy, first: Option<usize>) -> Done {
    let refused = match connect(NAME, VERSION).await {
        Ok(db) => {
            let keys = legacy.keys.clone();
            match super::open(&db, legacy.clone(), first).await {
                Ok(mut opened) => {
                    STORE.set(Some(Store::Idb(db)));
                    opened.moved = keys;
                    return Done::StoreOpened(opened);
                }
                Err(e) => {
                    db.close();
                    format!("The browser's database would not take or give the cases ({e}).")
                }
            }
        }
        Err(Unopened::Unavailable(e)) => {
            format!("This browser does not let Handoff use its database ({e}).")
        }
        Err(Unopened::Blocked) => "Another Handoff tab has an older version of the case \
             store open, so this tab cannot open it: close the other Handoff tabs, then \
             reload this one."
            .to_owned(),
    };
    let memory = Memory::default();
    let opened = super::open(&memory, legacy, first).await;
    STORE.set(Some(Store::Memory(memory)));
    let mut opened = opened.unwrap_or_default();
    opened.refused = Some(format!(
        "{refused} Until it can, cases are kept in this browser's local storage, which holds a \
         few hundred: export the ones you need to keep."
    ));
    Done::StoreOpened(opened)
}

async fn handle(db: &impl Db, job: Job) -> Done {
    let stored = |r: Result<(), String>| Done::Stored(r.map(|()| String::new()));
    match job {
        // Open already: the rest of the summaries after the first lines, or a second start.
        Job::OpenStore { legacy, first } => {
            let opened = super::open(db, super::legacy(legacy), first.map(|n| n as usize)).await;
            Done::StoreOpened(opened.unwrap_or_else(|e| Opened {
                refused: Some(e),
                ..Opened::default()
            }))
        }
        Job::SaveCase {
            package,
            read: Some(case),
            ..
        } => stored(super::save_read(db, &package, &case).await),
        Job::SaveCase { package, .. } => stored(super::save(db, &package).await),
        Job::StoredCase { id, op } => match op {
            CaseOp::Load => Done::Stored(super::load(db, &id).await),
            CaseOp::Delete => stored(super::delete(db, &id).await),
            CaseOp::Archive => stored(super::archive(db, &id, true).await),
            CaseOp::Unarchive => stored(super::archive(db, &id, false).await),
            CaseOp::SetAside => Done::Stored(super::set_aside_entry(db, &id).await),
        },
        Job::ShiftHandover {
            packages,
            hours,
            settings,
            ..
        } => {
            let now = now();
            let since = now - Duration::hours(i64::from(hours));
            super::recent(db, since)
                .await
                .and_then(|mut stored| {
                    stored.extend(packages);
                    shift_text(&stored, now, hours, &settings)
                })
                .map_or_else(failed, Done::ShiftHandoverWritten)
        }
        Job::BackUp { compressed } => {
            let now = now();
            let made = match super::backup(db, now).await {
                Ok((file, n)) => files::offer(&file, compressed).await.map(|url| (url, n)),
                Err(e) => Err(e),
            };
            match made {
                Ok((url, n)) => Done::Stored(Ok(format!(
                    "{url}\nhandoff-backup-{}.json{}\nDownloaded a backup of {}.",
                    now.format("%Y-%m-%d-%H%M"),
                    if compressed { ".gz" } else { "" },
                    cases(n)
                ))),
                Err(e) => failed(format!("The backup could not be written: {e}")),
            }
        }
        Job::PlanRestore { url } => {
            PLAN.set(None);
            let plan = match files::read(&url).await {
                Ok(text) => super::plan_restore(db, &text).await,
                Err(e) => Err(e),
            };
            match plan {
                Ok(plan) => {
                    let (any, said, details) = super::restore_question(&plan);
                    PLAN.set(Some(plan));
                    let details = crate::worker::preview::markdown(&details);
                    Done::Written(if any { Ok(said) } else { Err(said) }, Some(details))
                }
                Err(e) => failed(e),
            }
        }
        Job::Restore { choice } => {
            let Some(plan) = PLAN.take() else {
                return failed("There is no backup to restore: choose its file again.".into());
            };
            let writes = restore_writes(&plan, choice, crate::adapters::clock::new_case_id);
            // A set: an old backup restored into a full store can differ on thousands.
            let written: std::collections::HashSet<&str> =
                writes.iter().map(|(id, _)| id.as_str()).collect();
            let replaced: Vec<String> = plan
                .conflicts
                .iter()
                .filter(|c| written.contains(c.backup.id.as_str()))
                .map(|c| c.backup.id.clone())
                .collect();
            match super::restore(db, &writes).await {
                Ok(()) => {
                    let said = format!("Restored {}.", cases(writes.len()));
                    let lines: Vec<String> = std::iter::once(said).chain(replaced).collect();
                    Done::Stored(Ok(lines.join("\n")))
                }
                Err(e) => {
                    // Nothing was stored: the same choice can be made again once there is room.
                    PLAN.set(Some(plan));
                    failed(format!("Nothing was restored: {e}"))
                }
            }
        }
        Job::StorageNote => Done::Stored(files::storage_note().await),
        _ => stored(Err("this job is not the store's.".into())),
    }
}
