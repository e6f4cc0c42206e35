//! Backup and restore: every stored case comes back byte for byte, and a restore into a
//! browser that has some of them adds the new, leaves the identical alone and asks about the
//! rest.

mod common;

use std::collections::HashMap;

use common::*;
use handoff_core::package::{
    backup_file, import, plan_restore, restore_writes, to_json, ConflictChoice, BACKUP_VERSION,
};
use handoff_core::{Case, Edit};
use proptest::prelude::*;

fn under_review() -> Case {
    in_l2_review(&StepClock::new()).with_id("case-review")
}

fn stored() -> Vec<String> {
    vec![
        to_json(&phishing()),
        to_json(&admin_false_positive()),
        to_json(&under_review()),
    ]
}

/// What a browser holding `texts` gives the restore: each text by its case's ID.
fn here(texts: &[String]) -> HashMap<String, String> {
    texts
        .iter()
        .map(|t| (import(t.as_bytes()).unwrap().id.clone(), t.clone()))
        .collect()
}

#[test]
fn a_round_trip_gives_every_case_back_byte_for_byte() {
    let file = backup_file(&stored(), t(18, 0));
    // A reader of plain JSON finds each package's text, whitespace and all.
    let read: serde_json::Value = serde_json::from_str(&file).unwrap();
    assert_eq!(read["format"], "handoff-backup");
    assert!(read["cases"][0] == stored()[0].as_str());
    let plan = plan_restore(&file, &HashMap::new()).unwrap();
    assert_eq!(plan.created_at, t(18, 0));
    let texts: Vec<&str> = plan.added.iter().map(|c| c.text.as_str()).collect();
    assert!(texts == stored(), "every case byte for byte, in order");
    assert_eq!(
        (plan.unchanged, plan.conflicts.len(), plan.refused.len()),
        (0, 0, 0)
    );
    assert_eq!(plan.added[0].alert_id, "INC-2291");
    let writes = restore_writes(&plan, ConflictChoice::default(), String::new);
    assert!(
        writes.iter().map(|(_, t)| t).eq(stored().iter()),
        "written as they were"
    );
    // Restored into the browser it came from, nothing changes.
    let again = plan_restore(&file, &here(&stored())).unwrap();
    assert_eq!((again.added.len(), again.unchanged), (0, 3));
    assert!(restore_writes(&again, ConflictChoice::TakeBackup, String::new).is_empty());
}

#[test]
fn a_case_that_differs_here_is_a_question_not_an_overwrite() {
    let file = backup_file(&stored(), t(18, 0));
    let mut changed = under_review();
    changed
        .edit(
            Edit::OutcomeNote("Edited after the backup".into()),
            t(19, 0),
        )
        .unwrap();
    let plan = plan_restore(&file, &here(&[to_json(&phishing()), to_json(&changed)])).unwrap();
    assert_eq!(plan.unchanged, 1);
    assert_eq!(plan.added.len(), 1);
    assert_eq!(plan.added[0].id, "case-admin");
    assert_eq!(plan.conflicts.len(), 1);
    let c = &plan.conflicts[0];
    assert_eq!(c.backup.id, "case-review");
    assert!(
        c.backup.text == to_json(&under_review()),
        "the backup's text"
    );
    assert_eq!(c.local_updated_at, t(19, 0));
    assert!(c.backup.updated_at < c.local_updated_at);

    let ids = |choice| {
        let mut n = 0;
        restore_writes(&plan, choice, || {
            n += 1;
            format!("case-new-{n}")
        })
        .into_iter()
        .map(|(id, _)| id)
        .collect::<Vec<_>>()
    };
    assert_eq!(ids(ConflictChoice::KeepLocal), ["case-admin"]);
    assert_eq!(
        ids(ConflictChoice::KeepNewer),
        ["case-admin"],
        "this one is newer"
    );
    assert_eq!(
        ids(ConflictChoice::TakeBackup),
        ["case-admin", "case-review"]
    );
    assert_eq!(ids(ConflictChoice::KeepBoth), ["case-admin", "case-new-1"]);
    let writes = restore_writes(&plan, ConflictChoice::TakeBackup, String::new);
    assert!(writes[1].1 == to_json(&under_review()), "as it was");
    let both = restore_writes(&plan, ConflictChoice::KeepBoth, || "case-new".into());
    let copy = import(both[1].1.as_bytes()).unwrap();
    assert_eq!(copy, under_review().with_id("case-new"));

    // The other way round: the backup's copy is the newer, and "keep the newer" takes it.
    let mut later = under_review();
    later
        .edit(
            Edit::OutcomeNote("Edited before the backup".into()),
            t(20, 0),
        )
        .unwrap();
    let file = backup_file(&[to_json(&later)], t(21, 0));
    let plan = plan_restore(&file, &here(&[to_json(&changed)])).unwrap();
    let newer = restore_writes(&plan, ConflictChoice::KeepNewer, String::new);
    assert!(newer == [("case-review".to_owned(), to_json(&later))]);
}

#[test]
fn what_cannot_be_read_is_named_and_the_rest_restores() {
    let mut with_bad = stored();
    with_bad.insert(1, "{not json".into());
    // A stored text damaged since it was read goes into the backup as it is.
    let file = backup_file(&with_bad, t(18, 0));
    // A case that is JSON but not a package, and one in the file twice.
    let mut backup: serde_json::Value = serde_json::from_str(&file).unwrap();
    let cases = backup["cases"].as_array_mut().unwrap();
    assert_eq!(cases.len(), 4);
    cases.insert(
        0,
        r#"{"format":"handoff-package","schema_version":1}"#.into(),
    );
    cases.insert(0, to_json(&phishing()).into());
    let plan = plan_restore(&backup.to_string(), &HashMap::new()).unwrap();
    assert_eq!(plan.added.len(), 3);
    assert_eq!(plan.refused.len(), 3, "{:?}", plan.refused);
    assert!(
        plan.refused[0].starts_with("Case 2 of the backup: "),
        "{:?}",
        plan.refused
    );
    assert!(
        plan.refused[1]
            .starts_with("Case 3 of the backup: its ID (case-phish) is in the backup twice"),
        "{:?}",
        plan.refused
    );
    assert!(
        plan.refused[2].starts_with("Case 4 of the backup: "),
        "{:?}",
        plan.refused
    );
}

#[test]
fn a_file_that_is_not_a_backup_is_refused_with_why() {
    let none = HashMap::new();
    let e = plan_restore(&to_json(&phishing()), &none).unwrap_err();
    assert!(e.starts_with("This is not a Handoff backup file"), "{e}");
    let file = backup_file(&stored(), t(18, 0));
    let newer = file.replacen(
        &format!("\"version\":{BACKUP_VERSION}"),
        &format!("\"version\":{}", BACKUP_VERSION + 1),
        1,
    );
    let e = plan_restore(&newer, &none).unwrap_err();
    assert!(e.contains("written by a newer Handoff"), "{e}");
    let e = plan_restore("", &none).unwrap_err();
    assert!(e.starts_with("This is not a Handoff backup file"), "{e}");
    let other = file.replacen("handoff-backup", "something-else", 1);
    let e = plan_restore(&other, &none).unwrap_err();
    assert!(e.contains("\"something-else\""), "{e}");
    // A byte-order mark, as some editors save, is no reason to refuse.
    assert!(plan_restore(&format!("\u{feff}{file}"), &none).is_ok());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the analyst typed, every case of a backup comes back byte for byte, and
    /// restoring it a second time changes nothing.
    #[test]
    fn any_backup_restores_byte_for_byte(
        titles in proptest::collection::vec("\\PC{0,24}|[\"\\\\\n\t<>&]{0,6}", 0..6),
    ) {
        let texts: Vec<String> = titles
            .iter()
            .enumerate()
            .map(|(i, title)| {
                let mut c = Case::open(format!("case-{i}"), "Dana", t(9, 0));
                c.edit(Edit::Title(title.clone()), t(9, 1)).unwrap();
                to_json(&c)
            })
            .collect();
        let file = backup_file(&texts, t(18, 0));
        let plan = plan_restore(&file, &HashMap::new()).map_err(TestCaseError::fail)?;
        let writes = restore_writes(&plan, ConflictChoice::default(), String::new);
        prop_assert!(writes.iter().map(|(_, t)| t).eq(texts.iter()));
        let again = plan_restore(&file, &here(&texts)).map_err(TestCaseError::fail)?;
        prop_assert_eq!(again.unchanged, texts.len());
        prop_assert!(again.added.is_empty() && again.conflicts.is_empty());
    }
}
