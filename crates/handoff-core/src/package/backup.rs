//! A backup of every case in a browser, and its restore into another.
//!
//! The file is one JSON object whose `cases` array holds each stored package's text exactly as
//! it was stored, as a JSON string: its whitespace and all, so a round trip gives every case
//! back byte for byte (`jq '.cases[] | fromjson'` reads them out). Restoring merges by case ID: a case this browser lacks is added, an
//! identical one is left alone, and for one that differs the analyst chooses
//! ([`ConflictChoice`]).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::import::import;
use super::json::to_json;
use crate::vocabulary::time::rfc3339_serde;

/// The `format` member of a backup file.
pub const BACKUP_FORMAT: &str = "handoff-backup";

/// The backup format's version this build writes and reads.
pub const BACKUP_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
struct Backup<C> {
    format: String,
    version: u32,
    #[serde(with = "rfc3339_serde")]
    created_at: DateTime<Utc>,
    cases: C,
}

/// The backup file of the stored packages (their text as stored), written at `at`. Text that
/// no longer reads as a package goes in as it is: the restore names it, and nothing is lost.
pub fn backup_file(stored: &[String], at: DateTime<Utc>) -> String {
    let file = Backup {
        format: BACKUP_FORMAT.to_owned(),
        version: BACKUP_VERSION,
        created_at: at,
        cases: stored,
    };
    // Strings and a number: serializing cannot fail.
    serde_json::to_string(&file).unwrap_or_default()
}

/// One case of a backup, as the restore names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BackupCase {
    pub id: String,
    pub alert_id: String,
    pub title: String,
    pub updated_at: DateTime<Utc>,
    /// The package, exactly as it was stored.
    pub text: String,
}

/// A case in both the backup and this browser, different in each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreConflict {
    pub backup: BackupCase,
    pub local_updated_at: DateTime<Utc>,
}

/// What restoring a backup here would do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestorePlan {
    pub created_at: DateTime<Utc>,
    /// Not in this browser: added.
    pub added: Vec<BackupCase>,
    /// Already here, byte for byte.
    pub unchanged: usize,
    /// Here too, but different: the analyst chooses.
    pub conflicts: Vec<RestoreConflict>,
    /// Cases in the backup that do not read as packages, each with why.
    pub refused: Vec<String>,
}

/// Reads a backup file against what this browser stores (`here`: each stored package's text
/// by case ID) and plans the restore, or says why the file is not a backup Handoff can read.
pub fn plan_restore(backup: &str, here: &HashMap<String, String>) -> Result<RestorePlan, String> {
    let backup = backup.strip_prefix('\u{feff}').unwrap_or(backup);
    let file: Backup<Vec<String>> = serde_json::from_str(backup).map_err(|e| {
        format!("This is not a Handoff backup file (it does not read as one: {e}).")
    })?;
    if file.format != BACKUP_FORMAT {
        return Err(format!(
            "This is not a Handoff backup file: its format is \"{}\", not \"{BACKUP_FORMAT}\".",
            file.format
        ));
    }
    if file.version > BACKUP_VERSION {
        return Err(format!(
            "This backup was written by a newer Handoff (backup version {}; this one reads up \
             to {BACKUP_VERSION}). Update Handoff, then restore it.",
            file.version
        ));
    }
    let mut plan = RestorePlan {
        created_at: file.created_at,
        ..RestorePlan::default()
    };
    let mut seen = std::collections::HashSet::new();
    for (n, text) in file.cases.into_iter().enumerate() {
        let case = match import(text.as_bytes()) {
            Ok(c) => c,
            Err(e) => {
                plan.refused
                    .push(format!("Case {} of the backup: {e}", n + 1));
                continue;
            }
        };
        if !seen.insert(case.id.clone()) {
            plan.refused.push(format!(
                "Case {} of the backup: its ID ({}) is in the backup twice; the first is kept.",
                n + 1,
                case.id
            ));
            continue;
        }
        let entry = BackupCase {
            id: case.id.clone(),
            alert_id: case.report.header.alert_id.clone(),
            title: case.report.header.title.clone(),
            updated_at: case.updated_at,
            text,
        };
        match here.get(&case.id) {
            None => plan.added.push(entry),
            Some(local) if *local == entry.text => plan.unchanged += 1,
            Some(local) => plan.conflicts.push(RestoreConflict {
                backup: entry,
                // One that no longer reads counts as the oldest: the backup's copy is better.
                local_updated_at: import(local.as_bytes())
                    .map(|c| c.updated_at)
                    .unwrap_or(DateTime::<Utc>::MIN_UTC),
            }),
        }
    }
    Ok(plan)
}

/// What the analyst chose for the cases that differ here and in the backup.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConflictChoice {
    /// This browser's case stays; the backup's is added under a new ID. Nothing is lost.
    #[default]
    KeepBoth,
    /// Whichever copy was changed last.
    KeepNewer,
    KeepLocal,
    TakeBackup,
}

/// The entries a restore stores, (case ID, package text): the new cases, then the cases that
/// differ, as `choice` says. `new_id` names the backup's copy when both are kept.
pub fn restore_writes(
    plan: &RestorePlan,
    choice: ConflictChoice,
    mut new_id: impl FnMut() -> String,
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = plan
        .added
        .iter()
        .map(|c| (c.id.clone(), c.text.clone()))
        .collect();
    for c in &plan.conflicts {
        let take = match choice {
            ConflictChoice::KeepLocal => false,
            ConflictChoice::TakeBackup => true,
            ConflictChoice::KeepNewer => c.backup.updated_at > c.local_updated_at,
            ConflictChoice::KeepBoth => {
                // Read once already, by the plan; it reads again here.
                if let Ok(case) = import(c.backup.text.as_bytes()) {
                    let case = case.with_id(new_id());
                    out.push((case.id.clone(), to_json(&case)));
                }
                false
            }
        };
        if take {
            out.push((c.backup.id.clone(), c.backup.text.clone()));
        }
    }
    out
}
