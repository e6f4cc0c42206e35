//! The analyst's case store, kept by the worker so that the page's first load carries none of
//! it. Four stores of text, keyed by case ID:
//!
//! - `cases`: each case's package JSON, as the importer reads it;
//! - `summaries`: what the case list shows of each (`CaseSummary` as JSON), so that start-up
//!   reads these and the open case only, never the whole store;
//! - `set-aside`: entries that could not be read, kept as they were for the analyst to
//!   download;
//! - `meta`: the case open when the page was last closed.
//!
//! The rules (what a migration takes, what is set aside, what a save keeps) are written once
//! here, over a transaction ([`Tx`]) that IndexedDB (`idb`, in the browser) or memory
//! ([`Memory`]: when the browser has no IndexedDB, and in native tests) provides. Every
//! failure is a sentence for the analyst; nothing is deleted because it failed to read.

#[cfg(target_family = "wasm")]
pub mod idb;
mod memory;
#[cfg(target_family = "wasm")]
mod queue;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use handoff_core::package::import;

pub use memory::Memory;
#[cfg(target_family = "wasm")]
pub use queue::enqueue;

use super::Opened;
use crate::state::CaseSummary;

pub const CASES: &str = "cases";
pub const SUMMARIES: &str = "summaries";
pub const SET_ASIDE: &str = "set-aside";
pub const META: &str = "meta";
pub const ALL: [&str; 4] = [CASES, SUMMARIES, SET_ASIDE, META];
const CURRENT: &str = "current";

pub const FULL: &str = "Browser storage is full, so the latest changes are not saved: export \
     this case now, then delete or export-and-delete old cases.";
const GONE: &str = "That case is no longer in this browser's storage.";

/// What the analyst's page kept in localStorage before this store (the prefix of its keys).
const OLD: &str = "handoff.v1.";

/// What the page's localStorage held, moved into the store on its first start, or left there
/// since: by a tab closed with an unsaved change, or while the store could not open.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Legacy {
    /// (case ID, package JSON), as stored.
    pub cases: Vec<(String, String)>,
    /// (ID, raw text) of entries set aside.
    pub set_aside: Vec<(String, String)>,
    pub archived: Vec<String>,
    pub current: Option<String>,
    /// The open case as written when its tab was hidden or closed.
    pub unsaved: Option<String>,
    /// The keys read, which the page may remove once the store has them.
    pub keys: Vec<String>,
}

/// Sorts the page's localStorage entries: cases, entries set aside, the archived IDs, the case
/// last open and an unsaved change. Anything else (the analyst's name, the export settings)
/// is not the store's, and stays.
pub fn legacy(entries: Vec<(String, String)>) -> Legacy {
    let mut l = Legacy::default();
    for (key, value) in entries {
        let Some(rest) = key.strip_prefix(OLD) else {
            continue;
        };
        if let Some(id) = rest.strip_prefix("case.") {
            l.cases.push((id.to_owned(), value));
        } else if let Some(id) = rest.strip_prefix("quarantine.") {
            l.set_aside.push((id.to_owned(), value));
        } else if rest == "archived" {
            // An unreadable list archives nothing; the cases themselves are kept.
            l.archived = serde_json::from_str(&value).unwrap_or_default();
        } else if rest == "current" {
            l.current = Some(value);
        } else if rest == "unsaved" {
            l.unsaved = Some(value);
        } else {
            continue;
        }
        l.keys.push(key);
    }
    l
}

/// One transaction over some of the stores. Writes are queued in it and land together when
/// [`Tx::finish`] says so, or not at all.
#[allow(async_fn_in_trait)]
pub trait Tx {
    async fn get(&self, store: &'static str, key: &str) -> Result<Option<String>, String>;
    /// Every (key, value), in key order.
    async fn all(&self, store: &'static str) -> Result<Vec<(String, String)>, String>;
    async fn keys(&self, store: &'static str) -> Result<Vec<String>, String>;
    fn put(&self, store: &'static str, key: &str, value: &str) -> Result<(), String>;
    fn delete(&self, store: &'static str, key: &str) -> Result<(), String>;
    async fn finish(self) -> Result<(), String>;
}

/// A place transactions begin.
pub trait Db {
    type Tx: Tx;
    fn begin(&self, stores: &[&'static str], write: bool) -> Result<Self::Tx, String>;
}

fn summary_of(text: &str) -> Option<CaseSummary> {
    serde_json::from_str(text).ok()
}

fn summary_text(s: &CaseSummary) -> String {
    // A struct of strings, a time and a bool: serializing cannot fail.
    serde_json::to_string(s).unwrap_or_default()
}

/// The sentence for an entry that could not be read and was set aside.
pub fn set_aside_because(id: &str, why: &str) -> String {
    format!("A saved case ({id}) could not be read and was set aside, not deleted: {why}")
}

/// Reads a stored package as case `id`: `Err` with why it is refused.
fn check(id: &str, raw: &str) -> Result<handoff_core::Case, String> {
    match import(raw.as_bytes()) {
        Ok(case) if case.id == id => Ok(case),
        Ok(_) => Err("its ID does not match its key.".to_owned()),
        Err(e) => Err(e.to_string()),
    }
}

/// Puts `raw` aside under `id`, or `id~2`, `id~3`… when that is taken: never over another.
async fn put_aside(tx: &impl Tx, id: &str, raw: &str) -> Result<String, String> {
    let mut slot = id.to_owned();
    let mut n = 1;
    while tx.get(SET_ASIDE, &slot).await?.is_some() {
        n += 1;
        slot = format!("{id}~{n}");
    }
    tx.put(SET_ASIDE, &slot, raw)?;
    Ok(slot)
}

/// Moves what the page's localStorage held into the store, in one transaction: all of it or,
/// if the browser refuses, none (and the page keeps its copy). A case the store already has
/// in a newer version keeps it; an entry that does not read is set aside, said in `problems`.
pub async fn migrate(
    db: &impl Db,
    legacy: Legacy,
    problems: &mut Vec<String>,
) -> Result<(), String> {
    let tx = db.begin(&ALL, true)?;
    let mut known: HashMap<String, CaseSummary> = HashMap::new();
    for (_, text) in tx.all(SUMMARIES).await? {
        if let Some(s) = summary_of(&text) {
            known.insert(s.id.clone(), s);
        }
    }
    let mut entries: Vec<(Option<String>, String)> = legacy
        .cases
        .into_iter()
        .map(|(id, raw)| (Some(id), raw))
        .collect();
    // The unsaved change of a closed tab goes last: it is the newest of its case.
    entries.extend(legacy.unsaved.map(|raw| (None, raw)));
    for (id, raw) in entries {
        let read = match &id {
            Some(id) => check(id, &raw),
            None => import(raw.as_bytes()).map_err(|e| e.to_string()),
        };
        match read {
            Ok(case) => {
                let have = known.get(&case.id);
                if have.is_some_and(|h| h.updated_at > case.updated_at) {
                    continue;
                }
                let summary = CaseSummary {
                    archived: legacy.archived.contains(&case.id)
                        || have.is_some_and(|h| h.archived),
                    ..CaseSummary::of(&case, false)
                };
                tx.put(CASES, &case.id, &raw)?;
                tx.put(SUMMARIES, &case.id, &summary_text(&summary))?;
                known.insert(case.id.clone(), summary);
            }
            Err(reason) => {
                let id = id.unwrap_or_else(|| "unsaved".to_owned());
                put_aside(&tx, &id, &raw).await?;
                problems.push(set_aside_because(&id, &reason));
            }
        }
    }
    for (id, raw) in &legacy.set_aside {
        put_aside(&tx, id, raw).await?;
    }
    if let Some(current) = &legacy.current {
        tx.put(META, CURRENT, current)?;
    }
    tx.finish().await
}

/// What start-up needs: the summaries (newest first), the set-aside IDs and the case to
/// reopen. A summary that does not read is written again from its case; a case that does not
/// read is set aside.
pub async fn read_start(db: &impl Db) -> Result<Opened, String> {
    let tx = db.begin(&ALL, true)?;
    let mut opened = Opened::default();
    let mut unread = Vec::new();
    for (id, text) in tx.all(SUMMARIES).await? {
        match summary_of(&text) {
            Some(s) if s.id == id => opened.summaries.push(s),
            _ => unread.push(id),
        }
    }
    let current = tx.get(META, CURRENT).await?;
    let mut to_check = unread.clone();
    to_check.extend(current.clone().filter(|c| !unread.contains(c)));
    for id in to_check {
        let Some(raw) = tx.get(CASES, &id).await? else {
            tx.delete(SUMMARIES, &id)?;
            continue;
        };
        match check(&id, &raw) {
            Ok(case) => {
                if unread.contains(&id) {
                    let summary = CaseSummary::of(&case, false);
                    tx.put(SUMMARIES, &id, &summary_text(&summary))?;
                    opened.summaries.push(summary);
                }
                if current.as_deref() == Some(id.as_str()) {
                    opened.current = Some(raw);
                }
            }
            Err(reason) => {
                put_aside(&tx, &id, &raw).await?;
                tx.delete(CASES, &id)?;
                tx.delete(SUMMARIES, &id)?;
                opened.summaries.retain(|s| s.id != id);
                opened.problems.push(set_aside_because(&id, &reason));
            }
        }
    }
    opened.set_aside = tx.keys(SET_ASIDE).await?;
    // Newest first; the ID settles ties so the order does not depend on the browser's.
    opened.summaries.sort_unstable_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    tx.finish().await?;
    Ok(opened)
}

/// Saves a case and makes it the one reopened after a reload; it stays archived if it was. A
/// package that does not read is refused: the store keeps only what it can give back.
pub async fn save(db: &impl Db, package: &str) -> Result<(), String> {
    let case = import(package.as_bytes())
        .map_err(|e| format!("The case could not be saved, as it would not read back: {e}"))?;
    let mut summary = CaseSummary::of(&case, false);
    let id = case.id.clone();
    let tx = db.begin(&[CASES, SUMMARIES, META], true)?;
    summary.archived = tx
        .get(SUMMARIES, &id)
        .await?
        .and_then(|t| summary_of(&t))
        .is_some_and(|s| s.archived);
    tx.put(CASES, &id, package)?;
    tx.put(SUMMARIES, &id, &summary_text(&summary))?;
    tx.put(META, CURRENT, &id)?;
    tx.finish().await
}

/// A stored case's package JSON. One that no longer reads is set aside, and said so.
pub async fn load(db: &impl Db, id: &str) -> Result<String, String> {
    let tx = db.begin(&[CASES, SUMMARIES, SET_ASIDE], true)?;
    let raw = tx.get(CASES, id).await?.ok_or(GONE)?;
    let refused = check(id, &raw).err();
    if refused.is_some() {
        put_aside(&tx, id, &raw).await?;
        tx.delete(CASES, id)?;
        tx.delete(SUMMARIES, id)?;
    }
    tx.finish().await?;
    match refused {
        None => Ok(raw),
        Some(reason) => Err(format!(
            "{} Download it under \"Set aside\" after a reload.",
            set_aside_because(id, &reason)
        )),
    }
}

pub async fn delete(db: &impl Db, id: &str) -> Result<(), String> {
    let tx = db.begin(&[CASES, SUMMARIES, META], true)?;
    tx.delete(CASES, id)?;
    tx.delete(SUMMARIES, id)?;
    if tx.get(META, CURRENT).await?.as_deref() == Some(id) {
        tx.delete(META, CURRENT)?;
    }
    tx.finish().await
}

pub async fn archive(db: &impl Db, id: &str, archived: bool) -> Result<(), String> {
    let tx = db.begin(&[SUMMARIES], true)?;
    let mut summary = tx
        .get(SUMMARIES, id)
        .await?
        .and_then(|t| summary_of(&t))
        .ok_or(GONE)?;
    summary.archived = archived;
    tx.put(SUMMARIES, id, &summary_text(&summary))?;
    tx.finish().await
}

/// The raw text of an entry that was set aside.
pub async fn set_aside_entry(db: &impl Db, id: &str) -> Result<String, String> {
    let tx = db.begin(&[SET_ASIDE], false)?;
    tx.get(SET_ASIDE, id)
        .await?
        .ok_or_else(|| "That entry is no longer in this browser's storage.".to_owned())
}

/// The package JSON of every case changed after `since` (by its summary).
pub async fn recent(db: &impl Db, since: DateTime<Utc>) -> Result<Vec<String>, String> {
    let tx = db.begin(&[CASES, SUMMARIES], false)?;
    let mut out = Vec::new();
    for (_, text) in tx.all(SUMMARIES).await? {
        if let Some(s) = summary_of(&text).filter(|s| s.updated_at > since) {
            out.extend(tx.get(CASES, &s.id).await?);
        }
    }
    Ok(out)
}

// Natively: proptest does not build for wasm32 (the browser tests cover IndexedDB).
#[cfg(all(test, not(target_family = "wasm")))]
mod tests;
