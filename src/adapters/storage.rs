//! Autosave in `localStorage`. Each case is stored as its JSON handoff package under its own
//! key, so loading goes through the same validating importer as a file: a corrupted or foreign
//! entry is never trusted, and never wiped either: it is moved aside under a quarantine key,
//! where it can still be exported.

use handoff_core::package::{import_located, to_json};
use handoff_core::Case;

use crate::state::{CaseSummary, StoredCases};

// The training room's page keeps its own under other keys of the same origin: its cases, so
// practice never lands in the analyst's case list; the tier, which a scenario switches; and the
// export settings, which a trainee must not change for the analyst. The name is the person's,
// shared.
#[cfg(not(feature = "training"))]
macro_rules! page_key {
    ($k:literal) => {
        concat!("handoff.v1.", $k)
    };
}
#[cfg(feature = "training")]
macro_rules! page_key {
    ($k:literal) => {
        concat!("handoff.training.v1.", $k)
    };
}
const PREFIX: &str = page_key!("case.");
const QUARANTINE: &str = page_key!("quarantine.");
const CURRENT: &str = page_key!("current");
const ARCHIVED: &str = page_key!("archived");

fn storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| {
            "This browser does not let Handoff use local storage (private mode or a policy), \
             so nothing is autosaved: export your case before closing the tab."
                .to_owned()
        })
}

fn archived_ids(s: &web_sys::Storage) -> Vec<String> {
    s.get_item(ARCHIVED)
        .ok()
        .flatten()
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default()
}

/// Every key in the store, this page's and others'.
fn keys(s: &web_sys::Storage) -> Vec<String> {
    (0..s.length().unwrap_or(0))
        .filter_map(|i| s.key(i).ok().flatten())
        .collect()
}

pub fn load() -> StoredCases {
    let mut out = StoredCases::default();
    let s = match storage() {
        Ok(s) => s,
        Err(e) => {
            out.problems.push(e);
            return out;
        }
    };
    let archived = archived_ids(&s);
    let current_id = s.get_item(CURRENT).ok().flatten();
    let keys = keys(&s);
    for key in &keys {
        if let Some(id) = key.strip_prefix(QUARANTINE) {
            out.set_aside.push(id.to_owned());
        }
    }
    for key in keys {
        let Some(id) = key.strip_prefix(PREFIX) else {
            continue;
        };
        let Some(raw) = s.get_item(&key).ok().flatten() else {
            continue;
        };
        match import_located(raw.as_bytes()) {
            Ok(case) if case.id == id => {
                out.summaries
                    .push(CaseSummary::of(&case, archived.iter().any(|a| a == id)));
                if current_id.as_deref() == Some(id) {
                    out.current = Some(case);
                }
            }
            result => {
                let why = match result {
                    Err(e) => e.to_string(),
                    Ok(_) => "its ID does not match its storage key.".to_owned(),
                };
                let aside = format!("{QUARANTINE}{id}");
                let moved = s.set_item(&aside, &raw).is_ok() && s.remove_item(&key).is_ok();
                if moved {
                    out.set_aside.push(id.to_owned());
                }
                out.problems.push(if moved {
                    format!(
                        "A saved case ({id}) could not be read and was set aside, not deleted: {why}"
                    )
                } else {
                    format!("A saved case ({id}) could not be read: {why}")
                });
            }
        }
    }
    // Newest first; the ID settles ties so the order does not depend on the browser's.
    out.summaries.sort_unstable_by(|a, b| {
        b.updated_at
            .cmp(&a.updated_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// Saves the case and makes it the one reopened after a reload.
pub fn save(case: &Case) -> Result<(), String> {
    save_package(&case.id, &to_json(case))
}

/// Saves case `id`'s package JSON and makes it the one reopened after a reload.
pub fn save_package(id: &str, package: &str) -> Result<(), String> {
    let s = storage()?;
    s.set_item(&format!("{PREFIX}{id}"), package).map_err(|_| {
        "Browser storage is full, so the latest changes are not saved: export this case \
             now, then delete or export-and-delete old cases."
            .to_owned()
    })?;
    let _ = s.set_item(CURRENT, id);
    Ok(())
}

/// The open case as written when the page was hidden, for the next start to take if no later
/// save reached the store.
#[cfg(not(feature = "training"))]
const UNSAVED: &str = page_key!("unsaved");

#[cfg(not(feature = "training"))]
pub fn keep_unsaved(package: &str) {
    if let Ok(s) = storage() {
        // A full localStorage loses only this safety copy; the worker's save is on its way.
        let _ = s.set_item(UNSAVED, package);
    }
}

/// Every (key, value) this page keeps in localStorage, for the store to take what is its
/// own (the worker sorts them: `worker::store::legacy`).
#[cfg(not(feature = "training"))]
pub fn legacy() -> Vec<(String, String)> {
    let Ok(s) = storage() else {
        return Vec::new();
    };
    keys(&s)
        .into_iter()
        .filter(|k| k.starts_with(page_key!("")))
        .filter_map(|k| s.get_item(&k).ok().flatten().map(|v| (k, v)))
        .collect()
}

/// Removes the entries the store took (`moved`), unless another tab has changed one since
/// it was read (`read`).
#[cfg(not(feature = "training"))]
pub fn forget(read: &[(String, String)], moved: &[String]) {
    let Ok(s) = storage() else { return };
    for (key, value) in read.iter().filter(|(k, _)| moved.contains(k)) {
        if s.get_item(key).ok().flatten().as_ref() == Some(value) {
            let _ = s.remove_item(key);
        }
    }
}

/// Every stored case's package text, unread: the worker reads them (for the shift handover).
pub fn stored_packages() -> Result<Vec<String>, String> {
    let s = storage()?;
    Ok(keys(&s)
        .into_iter()
        .filter(|k| k.starts_with(PREFIX))
        .filter_map(|k| s.get_item(&k).ok().flatten())
        .collect())
}

pub fn load_case(id: &str) -> Result<Case, String> {
    let s = storage()?;
    let raw = s
        .get_item(&format!("{PREFIX}{id}"))
        .ok()
        .flatten()
        .ok_or("That case is no longer in this browser's storage.")?;
    import_located(raw.as_bytes()).map_err(|e| e.to_string())
}

pub fn delete(id: &str) -> Result<(), String> {
    let s = storage()?;
    s.remove_item(&format!("{PREFIX}{id}"))
        .map_err(|_| "The browser refused to delete the case.".to_owned())
}

pub fn set_archived(id: &str, archived: bool) -> Result<(), String> {
    let s = storage()?;
    let mut ids = archived_ids(&s);
    ids.retain(|a| a != id);
    if archived {
        ids.push(id.to_owned());
    }
    let ids = serde_json::to_string(&ids).unwrap_or_else(|_| "[]".to_owned());
    s.set_item(ARCHIVED, &ids)
        .map_err(|_| "Browser storage is full.".to_owned())
}

/// The current case's last autosaved package, for the crash banner's export button.
pub fn last_saved_current() -> Option<(String, String)> {
    let s = storage().ok()?;
    let id = s.get_item(CURRENT).ok().flatten()?;
    let raw = s.get_item(&format!("{PREFIX}{id}")).ok().flatten()?;
    Some((format!("{id}-handoff.json"), raw))
}

/// The raw text of an entry that was set aside, for download.
pub fn set_aside_entry(id: &str) -> Option<String> {
    storage()
        .ok()?
        .get_item(&format!("{QUARANTINE}{id}"))
        .ok()
        .flatten()
}

const ROLE: &str = page_key!("role");
const NAME: &str = "handoff.v1.name";

/// Who uses this browser, as remembered in it (L1 and no name when nothing is remembered or
/// storage is unavailable).
pub fn load_profile() -> crate::state::Profile {
    let mut p = crate::state::Profile::default();
    if let Ok(s) = storage() {
        if let Some(role) = s
            .get_item(ROLE)
            .ok()
            .flatten()
            .and_then(|r| handoff_core::vocabulary::names::from_wire_name(&r))
        {
            p.role = role;
        }
        if let Some(name) = s.get_item(NAME).ok().flatten() {
            p.name = name;
        }
    }
    p
}

/// Remembers who uses this browser. Failing to is not worth a message: the profile is a
/// convenience, and a full storage is reported by the next autosave.
pub fn save_profile(p: &crate::state::Profile) {
    if let Ok(s) = storage() {
        let _ = s.set_item(ROLE, handoff_core::vocabulary::names::wire_name(&p.role));
        let _ = s.set_item(NAME, &p.name);
    }
}

const EXPORT_SETTINGS: &str = page_key!("export-settings");

/// The export settings kept in this browser, or none. An entry this build cannot read is
/// left where it is and not used: the analyst sees empty settings and may save new ones.
pub fn load_export_settings() -> handoff_core::package::ExportSettings {
    storage()
        .ok()
        .and_then(|s| s.get_item(EXPORT_SETTINGS).ok().flatten())
        .and_then(|v| serde_json::from_str(&v).ok())
        .unwrap_or_default()
}

/// Keeps the export settings in this browser, or says why it could not.
pub fn save_export_settings(
    settings: &handoff_core::package::ExportSettings,
) -> Result<(), String> {
    let text = serde_json::to_string(settings).map_err(|e| e.to_string())?;
    storage()?.set_item(EXPORT_SETTINGS, &text).map_err(|_| {
        "The browser's storage for Handoff is full, so the export settings were not kept; \
         they apply until the page is closed."
            .to_owned()
    })
}
