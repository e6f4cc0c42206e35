//! The analyst's case store, kept by the worker so that the page's first load carries none of
//! it. Three stores of text, keyed by case ID:
//!
//! - `cases`: each case's package JSON, as the importer reads it;
//! - `set-aside`: entries that could not be read, kept as they were for the analyst to
//!   download;
//! - `meta`: the case open when the page was last closed, and the summaries: what the case
//!   list shows of every case, in one record, a line each, newest first. Start-up reads that
//!   record and the open case only (one read of ten thousand records takes IndexedDB some
//!   180 ms, one record of ten thousand lines 7 ms). The newest lines are also kept apart, so
//!   that the first answer reads a few kilobytes; the rest follows in a second answer.
//!
//! The rules (what a migration takes, what is set aside, what a save keeps) are written once
//! here, over a transaction ([`Tx`]) that IndexedDB (`idb`, in the browser) or memory
//! ([`Memory`]: when the browser has no IndexedDB, and in native tests) provides. Every
//! failure is a sentence for the analyst; nothing is deleted because it failed to read.

#[cfg(target_family = "wasm")]
mod files;
#[cfg(target_family = "wasm")]
pub mod idb;
mod memory;
#[cfg(target_family = "wasm")]
mod queue;

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use handoff_core::package::{backup_file, import, RestorePlan};

pub use memory::Memory;
#[cfg(target_family = "wasm")]
pub use queue::enqueue;

use super::Opened;
use crate::state::CaseSummary;

pub const CASES: &str = "cases";
pub const SET_ASIDE: &str = "set-aside";
pub const META: &str = "meta";
pub const ALL: [&str; 3] = [CASES, SET_ASIDE, META];
/// In `meta`: the ID of the case open last, and the summaries of every case.
const CURRENT: &str = "current";
pub const SUMMARIES: &str = "summaries";
/// In `meta`: the first [`HEAD_LINES`] lines of the summaries, written with them.
const HEAD: &str = "summaries-head";
pub const HEAD_LINES: usize = 100;

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

/// The summaries, by case ID, as the store keeps them.
type Summaries = HashMap<String, CaseSummary>;

/// The summaries record's first `first` lines (all of them with `None`), newest first, and
/// whether that is all: `None` when there is no record yet, `Err` when a line does not read.
async fn read_list(
    tx: &impl Tx,
    first: Option<usize>,
) -> Result<Option<Result<(Vec<CaseSummary>, bool), ()>>, String> {
    // The newest lines from their own small record, when that is all that is asked for and it
    // reads; anything else from the whole list.
    if let Some(n) = first.filter(|n| *n <= HEAD_LINES) {
        if let Some(head) = tx.get(META, HEAD).await? {
            let lines: Vec<&str> = head.lines().collect();
            let list: Result<Vec<CaseSummary>, _> = lines
                .iter()
                .take(n)
                .map(|l| serde_json::from_str::<CaseSummary>(l))
                .collect();
            if let Ok(list) = list {
                // Fewer lines than the head holds when full: they are all there is.
                let complete = lines.len() <= n && lines.len() < HEAD_LINES;
                return Ok(Some(Ok((list, complete))));
            }
        }
    }
    Ok(tx.get(META, SUMMARIES).await?.map(|text| {
        let mut lines = text.lines();
        let list = lines
            .by_ref()
            .take(first.unwrap_or(usize::MAX))
            .map(serde_json::from_str::<CaseSummary>)
            .collect::<Result<Vec<_>, _>>()
            .map_err(drop)?;
        Ok((list, lines.next().is_none()))
    }))
}

/// The summaries by case ID, for a change, or none when there are none yet (or they do not
/// read: the next start rebuilds them from the cases).
async fn summaries(tx: &impl Tx) -> Result<Summaries, String> {
    let list = read_list(tx, None)
        .await?
        .and_then(Result::ok)
        .map(|(list, _)| list)
        .unwrap_or_default();
    Ok(list.into_iter().map(|s| (s.id.clone(), s)).collect())
}

/// Newest first; the ID settles ties so the order does not depend on the browser's.
fn newest_first(list: &mut [CaseSummary]) {
    list.sort_unstable_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
}

/// Writes the summaries record, newest first, so that start-up reads it in the list's order.
fn write_summaries(tx: &impl Tx, all: &Summaries) -> Result<(), String> {
    write_list(tx, all.values().cloned().collect())
}

fn write_list(tx: &impl Tx, mut list: Vec<CaseSummary>) -> Result<(), String> {
    newest_first(&mut list);
    // A line a summary (JSON escapes every line break inside one). Strings, times, stages and
    // flags: serializing cannot fail.
    let lines: Vec<String> = list
        .iter()
        .map(|s| serde_json::to_string(s).unwrap_or_default())
        .collect();
    tx.put(META, HEAD, &lines[..lines.len().min(HEAD_LINES)].join("\n"))?;
    tx.put(META, SUMMARIES, &lines.join("\n"))
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
    if legacy == Legacy::default() {
        return Ok(());
    }
    let tx = db.begin(&ALL, true)?;
    let mut known = summaries(&tx).await?;
    let mut entries: Vec<(Option<String>, String)> = legacy
        .cases
        .into_iter()
        .map(|(id, raw)| (Some(id), raw))
        .collect();
    // The unsaved change of a closed tab goes last: it is the newest of its case.
    entries.extend(legacy.unsaved.map(|raw| (None, raw)));
    // The case to reopen: the one open in the tab that left an unsaved change (a reload within
    // moments of a new case's first edit, before any save landed), else the old release's.
    let mut reopen = legacy.current;
    for (id, raw) in entries {
        let read = match &id {
            Some(id) => check(id, &raw),
            None => import(raw.as_bytes()).map_err(|e| e.to_string()),
        };
        match read {
            Ok(case) => {
                if id.is_none() {
                    reopen = Some(case.id.clone());
                }
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
    if let Some(current) = &reopen {
        tx.put(META, CURRENT, current)?;
    }
    write_summaries(&tx, &known)?;
    tx.finish().await
}

/// Opens: moves `legacy` in, then reads what start-up needs ([`read_start`]); the
/// migration's problems come first.
pub async fn open(db: &impl Db, legacy: Legacy, first: Option<usize>) -> Result<Opened, String> {
    let mut problems = Vec::new();
    migrate(db, legacy, &mut problems).await?;
    let mut opened = read_start(db, first).await?;
    problems.append(&mut opened.problems);
    opened.problems = problems;
    Ok(opened)
}

/// What start-up needs: the summaries (newest first; the first `first` of them only, when
/// given), the set-aside IDs and the case to reopen. Summaries that do not read are rebuilt
/// from the cases; a case that does not read is set aside.
pub async fn read_start(db: &impl Db, first: Option<usize>) -> Result<Opened, String> {
    let tx = db.begin(&ALL, true)?;
    let mut opened = Opened {
        complete: true,
        ..Opened::default()
    };
    let mut list = match read_list(&tx, first).await? {
        Some(Ok((list, complete))) => {
            opened.complete = complete;
            list
        }
        found => {
            // None yet (a new store: nothing to rebuild from, unless cases came another way)
            // or unreadable: every case is read again.
            if found.is_some() {
                opened.problems.push(
                    "The case list could not be read, so it was rebuilt from the stored cases; \
                     cases that were archived are listed as open again."
                        .to_owned(),
                );
            }
            let mut list = Vec::new();
            for (id, raw) in tx.all(CASES).await? {
                match check(&id, &raw) {
                    Ok(case) => list.push(CaseSummary::of(&case, false)),
                    Err(reason) => {
                        put_aside(&tx, &id, &raw).await?;
                        tx.delete(CASES, &id)?;
                        opened.problems.push(set_aside_because(&id, &reason));
                    }
                }
            }
            newest_first(&mut list);
            if found.is_some() || !list.is_empty() {
                write_list(&tx, list.clone())?;
            }
            list
        }
    };
    if let Some(id) = tx.get(META, CURRENT).await? {
        match tx.get(CASES, &id).await? {
            Some(raw) => match check(&id, &raw) {
                Ok(_) => opened.current = Some(raw),
                Err(reason) => {
                    put_aside(&tx, &id, &raw).await?;
                    tx.delete(CASES, &id)?;
                    tx.delete(META, CURRENT)?;
                    let mut all = summaries(&tx).await?;
                    all.remove(&id);
                    write_summaries(&tx, &all)?;
                    list.retain(|s| s.id != id);
                    opened.problems.push(set_aside_because(&id, &reason));
                }
            },
            None => tx.delete(META, CURRENT)?,
        }
    }
    opened.set_aside = tx.keys(SET_ASIDE).await?;
    // Written in this order; sorting a sorted list costs next to nothing, and a record from
    // elsewhere is put right.
    newest_first(&mut list);
    opened.summaries = list;
    tx.finish().await?;
    Ok(opened)
}

/// Saves a case and makes it the one reopened after a reload; it stays archived if it was. A
/// package that does not read is refused: the store keeps only what it can give back.
pub async fn save(db: &impl Db, package: &str) -> Result<(), String> {
    let case = import(package.as_bytes())
        .map_err(|e| format!("The case could not be saved, as it would not read back: {e}"))?;
    save_read(db, package, &case).await
}

/// As [`save`], for a package already read into `case` (the worker reads each one as it
/// arrives: see `crate::worker::Held`).
pub async fn save_read(
    db: &impl Db,
    package: &str,
    case: &handoff_core::Case,
) -> Result<(), String> {
    let tx = db.begin(&[CASES, META], true)?;
    let mut all = summaries(&tx).await?;
    let archived = all.get(&case.id).is_some_and(|s| s.archived);
    all.insert(case.id.clone(), CaseSummary::of(case, archived));
    tx.put(CASES, &case.id, package)?;
    tx.put(META, CURRENT, &case.id)?;
    write_summaries(&tx, &all)?;
    tx.finish().await
}

/// A stored case's package JSON. One that no longer reads is set aside, and said so.
pub async fn load(db: &impl Db, id: &str) -> Result<String, String> {
    let tx = db.begin(&ALL, true)?;
    let raw = tx.get(CASES, id).await?.ok_or(GONE)?;
    let refused = check(id, &raw).err();
    if refused.is_some() {
        put_aside(&tx, id, &raw).await?;
        tx.delete(CASES, id)?;
        let mut all = summaries(&tx).await?;
        all.remove(id);
        write_summaries(&tx, &all)?;
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
    let tx = db.begin(&[CASES, META], true)?;
    tx.delete(CASES, id)?;
    let mut all = summaries(&tx).await?;
    if all.remove(id).is_some() {
        write_summaries(&tx, &all)?;
    }
    if tx.get(META, CURRENT).await?.as_deref() == Some(id) {
        tx.delete(META, CURRENT)?;
    }
    tx.finish().await
}

pub async fn archive(db: &impl Db, id: &str, archived: bool) -> Result<(), String> {
    let tx = db.begin(&[META], true)?;
    let mut all = summaries(&tx).await?;
    all.get_mut(id).ok_or(GONE)?.archived = archived;
    write_summaries(&tx, &all)?;
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
    let tx = db.begin(&[CASES, META], false)?;
    let mut out = Vec::new();
    for s in summaries(&tx)
        .await?
        .values()
        .filter(|s| s.updated_at > since)
    {
        out.extend(tx.get(CASES, &s.id).await?);
    }
    Ok(out)
}

/// The backup file of every stored case, written at `at`, and how many cases it holds.
pub async fn backup(db: &impl Db, at: DateTime<Utc>) -> Result<(String, usize), String> {
    let tx = db.begin(&[CASES], false)?;
    let texts: Vec<String> = tx.all(CASES).await?.into_iter().map(|(_, t)| t).collect();
    Ok((backup_file(&texts, at), texts.len()))
}

/// What restoring `file` (a backup's text) into this store would do.
pub async fn plan_restore(db: &impl Db, file: &str) -> Result<RestorePlan, String> {
    let tx = db.begin(&[CASES], false)?;
    let here: HashMap<String, String> = tx.all(CASES).await?.into_iter().collect();
    handoff_core::package::plan_restore(file, &here)
}

/// Stores a restore's cases ((case ID, package text), from [`handoff_core::package::restore_writes`]) in one
/// transaction: all of them, or none when the browser refuses (a full quota). A case that
/// was archived here stays archived.
pub async fn restore(db: &impl Db, writes: &[(String, String)]) -> Result<(), String> {
    let tx = db.begin(&[CASES, META], true)?;
    let mut all = summaries(&tx).await?;
    for (id, text) in writes {
        // The plan read every one of them; a case that does not read as its ID is not stored.
        let Ok(case) = check(id, text) else { continue };
        let archived = all.get(id).is_some_and(|s| s.archived);
        all.insert(id.clone(), CaseSummary::of(&case, archived));
        tx.put(CASES, id, text)?;
    }
    write_summaries(&tx, &all)?;
    tx.finish().await
}

/// A restore's question as the page shows it: whether it would store anything, a sentence,
/// and the details in Markdown (what it adds, what it leaves, a line per case that differs,
/// the first [`LISTED`] of them, and a line per case it will not restore, with why).
pub fn restore_question(plan: &RestorePlan) -> (bool, String, String) {
    use handoff_core::package::escape_inline;
    use handoff_core::vocabulary::time::display;
    let any = !plan.added.is_empty() || !plan.conflicts.is_empty();
    let said = format!(
        "The backup of {} holds {}.{}",
        display(&plan.created_at),
        cases(plan.added.len() + plan.unchanged + plan.conflicts.len() + plan.refused.len()),
        if any {
            ""
        } else {
            " Nothing in it needs restoring here."
        }
    );
    let mut md = format!(
        "- {} to add\n- {} already here, unchanged\n",
        cases(plan.added.len()),
        cases(plan.unchanged)
    );
    if !plan.conflicts.is_empty() {
        md += &format!(
            "- {} different here and in the backup, restored as the choice above says:\n",
            cases(plan.conflicts.len())
        );
        for c in plan.conflicts.iter().take(LISTED) {
            let b = &c.backup;
            let name = if b.title.trim().is_empty() {
                "Untitled alert"
            } else {
                &b.title
            };
            md += &format!(
                "  - {} {}: changed here {}, in the backup {}\n",
                escape_inline(if b.alert_id.is_empty() {
                    "(no ID)"
                } else {
                    &b.alert_id
                }),
                escape_inline(name),
                display(&c.local_updated_at),
                display(&b.updated_at)
            );
        }
        if plan.conflicts.len() > LISTED {
            md += &format!("  - and {} more\n", cases(plan.conflicts.len() - LISTED));
        }
    }
    if !plan.refused.is_empty() {
        md += &format!("- {} not restored:\n", cases(plan.refused.len()));
        for r in &plan.refused {
            md += &format!("  - {}\n", escape_inline(r));
        }
    }
    (any, said, md)
}

/// The storage note: what Handoff takes of the browser's space (`usage` and `quota` in bytes,
/// the whole site: the stored cases and the app's offline copy), and whether the browser has
/// agreed to keep it (`persisted`) or may clear it when the device runs short of space.
pub fn storage_sentence(usage: Option<f64>, quota: Option<f64>, persisted: bool) -> String {
    let size = |b: f64| {
        let mb = b / 1_000_000.0;
        match mb {
            mb if mb >= 1000.0 => format!("{:.1} GB", mb / 1000.0),
            mb if mb >= 10.0 => format!("{mb:.0} MB"),
            mb => format!("{mb:.1} MB"),
        }
    };
    let used = match (usage, quota) {
        (Some(u), Some(q)) if q > 0.0 => format!(
            "Handoff takes {} of the {} this browser allows it.",
            size(u),
            size(q)
        ),
        (Some(u), _) => format!("Handoff takes {} of this browser's storage.", size(u)),
        (None, _) => "This browser does not say how much space Handoff takes.".to_owned(),
    };
    let kept = if persisted {
        "The browser has agreed to keep the cases until you delete them."
    } else {
        "The browser may clear them if the device runs short of space: download a backup now \
         and then."
    };
    format!("{used} {kept}")
}

/// How many of the cases that differ the restore's question lists by name.
const LISTED: usize = 50;

/// "1 case", "2 cases".
pub fn cases(n: usize) -> String {
    format!("{n} case{}", if n == 1 { "" } else { "s" })
}

// Natively: proptest does not build for wasm32 (the browser tests cover IndexedDB).
#[cfg(all(test, not(target_family = "wasm")))]
mod tests;
