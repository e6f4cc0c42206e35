//! The store's rules, natively, over the memory store (the browser runs the same code over
//! IndexedDB: tests/browser.rs).

use std::collections::BTreeMap;
use std::future::Future;
use std::task::{Context, Poll, Waker};

use chrono::{DateTime, Duration, TimeZone, Utc};
use handoff_core::package::to_json;
use handoff_core::Case;
use proptest::prelude::*;

use super::*;

/// Runs a memory store's future: it never waits on anything, so one poll finishes it.
fn run<T>(f: impl Future<Output = T>) -> T {
    let mut f = std::pin::pin!(f);
    match f.as_mut().poll(&mut Context::from_waker(Waker::noop())) {
        Poll::Ready(v) => v,
        Poll::Pending => panic!("a memory store's future waited"),
    }
}

fn at(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 8, 0, 0).unwrap() + Duration::minutes(minute)
}

fn case(id: &str, title: &str, minute: i64) -> Case {
    let mut c = Case::open(id, "Dana Kim", at(0));
    c.edit_report(at(minute), |r| r.header.title = title.into())
        .unwrap();
    c
}

/// What the release before this store left in localStorage, key by key.
fn current_release_local_storage() -> Vec<(String, String)> {
    vec![
        (
            "handoff.v1.case.case-a".into(),
            to_json(&case("case-a", "Beacon", 5)),
        ),
        (
            "handoff.v1.case.case-b".into(),
            to_json(&case("case-b", "Phish", 9)),
        ),
        (
            "handoff.v1.case.case-c".into(),
            to_json(&case("case-c", "Old scan", 1)),
        ),
        (
            "handoff.v1.case.broken".into(),
            "{\"format\": \"handoff-package\"".into(),
        ),
        (
            "handoff.v1.quarantine.junk".into(),
            "not json at all".into(),
        ),
        ("handoff.v1.archived".into(), "[\"case-c\"]".into()),
        ("handoff.v1.current".into(), "case-b".into()),
        ("handoff.v1.name".into(), "Dana Kim".into()),
        ("handoff.v1.export-settings".into(), "{}".into()),
        ("handoff.training.v1.case.x".into(), "{}".into()),
    ]
}

/// The store opened from the page's localStorage `entries`, and the keys it took.
fn open_with(db: &Memory, entries: Vec<(String, String)>) -> (Opened, Vec<String>) {
    let legacy = legacy(entries);
    let keys = legacy.keys.clone();
    (run(open(db, legacy, None)).unwrap(), keys)
}

#[test]
fn the_current_releases_local_storage_moves_in_with_nothing_lost() {
    let db = Memory::default();
    let (opened, moved) = open_with(&db, current_release_local_storage());
    let ids: Vec<&str> = opened.summaries.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["case-b", "case-a", "case-c"], "newest first");
    assert_eq!(opened.summaries[0].title, "Phish");
    assert!(opened.summaries[2].archived && !opened.summaries[0].archived);
    // The case open last reopens, byte for byte.
    assert_eq!(
        opened.current.as_deref(),
        Some(to_json(&case("case-b", "Phish", 9)).as_str())
    );
    // The broken entry and the one already set aside stay set aside, downloadable as they were.
    assert_eq!(opened.set_aside, ["broken", "junk"]);
    assert_eq!(
        run(set_aside_entry(&db, "junk")).unwrap(),
        "not json at all"
    );
    assert_eq!(
        run(set_aside_entry(&db, "broken")).unwrap(),
        "{\"format\": \"handoff-package\""
    );
    assert_eq!(opened.problems.len(), 1);
    assert!(
        opened.problems[0].starts_with("A saved case (broken) could not be read and was set aside"),
        "{:?}",
        opened.problems
    );
    // Only the store's own keys may go: the name, the settings and the training room's stay.
    assert_eq!(moved.len(), 7);
    assert!(!moved
        .iter()
        .any(|k| k.ends_with(".name") || k.contains("training") || k.ends_with("export-settings")));
    // A second start (the page kept its copy, say) changes nothing and loses nothing.
    let (again, _) = open_with(&db, current_release_local_storage());
    assert_eq!(again.summaries, opened.summaries);
    assert_eq!(
        again.set_aside.len(),
        4,
        "set aside again beside the first copies, never over them"
    );
}

#[test]
fn a_newer_stored_case_is_not_replaced_by_an_older_copy_but_an_unsaved_change_wins() {
    let db = Memory::default();
    run(save(&db, &to_json(&case("case-a", "Newer", 30)))).unwrap();
    let (opened, _) = open_with(
        &db,
        vec![(
            "handoff.v1.case.case-a".into(),
            to_json(&case("case-a", "Older", 10)),
        )],
    );
    assert_eq!(opened.summaries[0].title, "Newer");
    let unsaved = to_json(&case("case-a", "Typed before closing", 31));
    let (opened, _) = open_with(&db, vec![("handoff.v1.unsaved".into(), unsaved.clone())]);
    assert_eq!(opened.summaries[0].title, "Typed before closing");
    assert_eq!(run(load(&db, "case-a")).unwrap(), unsaved);
}

#[test]
fn the_case_a_tab_left_unsaved_is_the_one_reopened() {
    let db = Memory::default();
    run(save(&db, &to_json(&case("case-a", "Saved", 30)))).unwrap();
    // A new case, reloaded before its first save landed: only the copy made on leaving has it.
    let unsaved = to_json(&case("case-b", "Typed before the reload", 31));
    let (opened, _) = open_with(
        &db,
        vec![
            ("handoff.v1.current".into(), "case-a".into()),
            ("handoff.v1.unsaved".into(), unsaved.clone()),
        ],
    );
    assert_eq!(opened.current.as_deref(), Some(unsaved.as_str()));
    // Its store copy may be newer (another tab saved it since): it still reopens, as stored.
    let newer = to_json(&case("case-a", "Saved in another tab", 40));
    run(save(&db, &newer)).unwrap();
    run(save(
        &db,
        &to_json(&case("case-c", "Opened since in another tab", 41)),
    ))
    .unwrap();
    let older = to_json(&case("case-a", "Left in this tab", 35));
    let (opened, _) = open_with(&db, vec![("handoff.v1.unsaved".into(), older)]);
    assert_eq!(opened.current.as_deref(), Some(newer.as_str()));
    // An unsaved copy that does not read reopens nothing in its place.
    run(save(&db, &to_json(&case("case-b", "Saved", 50)))).unwrap();
    let (opened, _) = open_with(&db, vec![("handoff.v1.unsaved".into(), "{".into())]);
    assert_eq!(
        opened.current.as_deref(),
        Some(to_json(&case("case-b", "Saved", 50)).as_str())
    );
}

#[test]
fn saving_keeps_the_archived_flag_and_refuses_what_would_not_read_back() {
    let db = Memory::default();
    run(save(&db, &to_json(&case("case-a", "One", 1)))).unwrap();
    run(archive(&db, "case-a", true)).unwrap();
    run(save(&db, &to_json(&case("case-a", "One, edited", 2)))).unwrap();
    let opened = run(read_start(&db, None)).unwrap();
    assert!(opened.summaries[0].archived);
    assert_eq!(opened.summaries[0].title, "One, edited");
    assert_eq!(
        opened.current.as_deref(),
        Some(to_json(&case("case-a", "One, edited", 2)).as_str())
    );
    let refused = run(save(&db, "{\"format\": \"handoff-package\"}")).unwrap_err();
    assert!(
        refused.starts_with("The case could not be saved"),
        "{refused}"
    );
    assert_eq!(run(archive(&db, "nobody", true)).unwrap_err(), GONE);
}

#[test]
fn corrupted_records_are_set_aside_and_an_unreadable_case_list_rebuilt() {
    let db = Memory::default();
    run(save(&db, &to_json(&case("case-a", "Kept", 1)))).unwrap();
    run(save(&db, &to_json(&case("case-b", "Corrupted", 2)))).unwrap();
    let tx = db.begin(&ALL, true).unwrap();
    tx.put(META, SUMMARIES, "[[\"truncated").unwrap();
    tx.put(
        CASES,
        "case-b",
        "{\"format\": \"handoff-package\", \"schema_version\": 1",
    )
    .unwrap();
    run(tx.finish()).unwrap();
    // The list is rebuilt from the cases; case-b (the current one) is found broken and set
    // aside.
    let opened = run(read_start(&db, None)).unwrap();
    assert_eq!(opened.summaries.len(), 1);
    assert_eq!(opened.summaries[0].title, "Kept", "rebuilt from its case");
    assert_eq!(opened.current, None);
    assert_eq!(opened.set_aside, ["case-b"]);
    assert!(opened.problems[0].starts_with("The case list could not be read, so it was rebuilt"));
    assert!(opened.problems[1].contains("(case-b) could not be read and was set aside"));
    // Rebuilt for good: the next start reads it as it is.
    assert!(run(read_start(&db, None)).unwrap().problems.is_empty());
    // A case that breaks later is set aside when it is opened.
    let tx = db.begin(&ALL, true).unwrap();
    tx.put(CASES, "case-a", "[]").unwrap();
    run(tx.finish()).unwrap();
    let why = run(load(&db, "case-a")).unwrap_err();
    assert!(
        why.contains("(case-a) could not be read and was set aside"),
        "{why}"
    );
    assert_eq!(run(set_aside_entry(&db, "case-a")).unwrap(), "[]");
    assert!(run(read_start(&db, None)).unwrap().summaries.is_empty());
}

#[test]
fn the_current_case_broken_behind_the_stores_back_is_set_aside_at_start() {
    let db = Memory::default();
    run(save(&db, &to_json(&case("case-a", "Kept", 1)))).unwrap();
    run(save(&db, &to_json(&case("case-b", "Corrupted", 2)))).unwrap();
    let tx = db.begin(&ALL, true).unwrap();
    tx.put(CASES, "case-b", "{").unwrap();
    run(tx.finish()).unwrap();
    let opened = run(read_start(&db, None)).unwrap();
    assert_eq!(opened.current, None);
    assert_eq!(opened.set_aside, ["case-b"]);
    let ids: Vec<&str> = opened.summaries.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["case-a"]);
    assert_eq!(opened.problems.len(), 1);
}

#[test]
fn deleting_the_current_case_forgets_it_and_recent_reads_the_window_only() {
    let db = Memory::default();
    run(save(&db, &to_json(&case("case-a", "Early", 1)))).unwrap();
    run(save(&db, &to_json(&case("case-b", "Late", 60)))).unwrap();
    let recent_ids = |since| {
        run(recent(&db, since))
            .unwrap()
            .iter()
            .map(|p| {
                handoff_core::package::import(p.as_bytes())
                    .unwrap()
                    .id
                    .clone()
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(recent_ids(at(30)), ["case-b"]);
    assert_eq!(
        recent_ids(at(60)),
        Vec::<String>::new(),
        "half-open: after `since`"
    );
    run(delete(&db, "case-b")).unwrap();
    let opened = run(read_start(&db, None)).unwrap();
    assert_eq!(opened.current, None);
    assert_eq!(opened.summaries.len(), 1);
    assert_eq!(run(load(&db, "case-b")).unwrap_err(), GONE);
}

#[derive(Clone, Debug)]
enum Op {
    Save {
        case: u8,
        title: String,
        minute: i64,
    },
    Delete(u8),
    Archive(u8, bool),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0u8..5, "[a-zA-Z \u{e9}\u{4e2d}\"\\\\]{0,12}", 0i64..10_000)
            .prop_map(|(case, title, minute)| Op::Save { case, title, minute }),
        1 => (0u8..5).prop_map(Op::Delete),
        1 => (0u8..5, any::<bool>()).prop_map(|(c, a)| Op::Archive(c, a)),
    ]
}

proptest! {
    /// Whatever the analyst does, in any order, the store lists exactly the cases saved and
    /// not deleted, each as last saved (byte for byte) and archived as last set.
    #[test]
    fn the_store_agrees_with_a_model_of_it(ops in prop::collection::vec(op(), 0..40)) {
        let db = Memory::default();
        // id -> (package, archived)
        let mut model: BTreeMap<String, (String, bool)> = BTreeMap::new();
        for op in ops {
            match op {
                Op::Save { case: n, title, minute } => {
                    let id = format!("case-{n}");
                    let package = to_json(&case(&id, &title, minute));
                    run(save(&db, &package)).unwrap();
                    let archived = model.get(&id).is_some_and(|m| m.1);
                    model.insert(id, (package, archived));
                }
                Op::Delete(n) => {
                    let id = format!("case-{n}");
                    run(delete(&db, &id)).unwrap();
                    model.remove(&id);
                }
                Op::Archive(n, a) => {
                    let id = format!("case-{n}");
                    let r = run(archive(&db, &id, a));
                    match model.get_mut(&id) {
                        Some(m) => { prop_assert!(r.is_ok()); m.1 = a; }
                        None => prop_assert!(r.is_err()),
                    }
                }
            }
        }
        let opened = run(read_start(&db, None)).unwrap();
        prop_assert!(opened.problems.is_empty());
        let mut listed: Vec<(String, bool)> =
            opened.summaries.iter().map(|s| (s.id.clone(), s.archived)).collect();
        listed.sort();
        let want: Vec<(String, bool)> = model.iter().map(|(id, m)| (id.clone(), m.1)).collect();
        prop_assert_eq!(listed, want);
        for (id, (package, _)) in &model {
            prop_assert_eq!(&run(load(&db, id)).unwrap(), package);
        }
        for pair in opened.summaries.windows(2) {
            prop_assert!(pair[0].updated_at >= pair[1].updated_at, "newest first");
        }
    }
}

#[test]
fn start_up_can_read_the_newest_lines_first_and_the_rest_after() {
    let db = Memory::default();
    for (n, minute) in [(1, 5), (2, 50), (3, 20), (4, 40), (5, 10)] {
        run(save(
            &db,
            &to_json(&case(&format!("case-{n}"), "Alert", minute)),
        ))
        .unwrap();
    }
    let first = run(read_start(&db, Some(2))).unwrap();
    let ids: Vec<&str> = first.summaries.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["case-2", "case-4"], "the newest two");
    assert!(!first.complete);
    assert!(
        first.current.is_some(),
        "the case to reopen comes with the first lines"
    );
    let all = run(read_start(&db, None)).unwrap();
    assert!(all.complete);
    assert_eq!(all.summaries.len(), 5);
    assert!(run(read_start(&db, Some(5))).unwrap().complete);
}

#[test]
fn the_newest_lines_come_from_their_own_record_and_a_broken_one_falls_back() {
    let db = Memory::default();
    for n in 0..(HEAD_LINES + 5) {
        run(save(
            &db,
            &to_json(&case(&format!("case-{n:03}"), "Alert", n as i64)),
        ))
        .unwrap();
    }
    let first = run(read_start(&db, Some(25))).unwrap();
    assert_eq!(first.summaries.len(), 25);
    assert_eq!(first.summaries[0].id, format!("case-{:03}", HEAD_LINES + 4));
    assert!(!first.complete);
    // A head that does not read: the whole list answers instead, and nothing is lost.
    let tx = db.begin(&ALL, true).unwrap();
    tx.put(META, "summaries-head", "not a line").unwrap();
    run(tx.finish()).unwrap();
    let first = run(read_start(&db, Some(25))).unwrap();
    assert_eq!(first.summaries.len(), 25);
    assert!(first.problems.is_empty());
    assert_eq!(
        run(read_start(&db, None)).unwrap().summaries.len(),
        HEAD_LINES + 5
    );
}

/// Every stored case, backed up from one browser and restored into another, comes back byte
/// for byte and listed; restoring into a browser with some of them asks about the ones that
/// differ, keeps what was archived here archived, and restores nothing twice.
#[test]
fn a_backup_restores_into_another_store_byte_for_byte_and_merges_by_id() {
    use handoff_core::package::{restore_writes, ConflictChoice};
    let from = Memory::default();
    let texts: Vec<String> = [("case-a", "Beacon", 5), ("case-b", "Phish \"quoted\"\n", 9)]
        .iter()
        .map(|(id, title, m)| to_json(&case(id, title, *m)))
        .collect();
    for t in &texts {
        run(save(&from, t)).unwrap();
    }
    let (file, n) = run(backup(&from, at(60))).unwrap();
    assert_eq!(n, 2);

    let into = Memory::default();
    let plan = run(plan_restore(&into, &file)).unwrap();
    let (any, said, details) = restore_question(&plan);
    assert!(any);
    assert!(said.contains("holds 2 cases"), "{said}");
    assert!(
        details.starts_with("- 2 cases to add\n- 0 cases already here"),
        "{details}"
    );
    run(restore(
        &into,
        &restore_writes(&plan, ConflictChoice::default(), String::new),
    ))
    .unwrap();
    let opened = run(read_start(&into, None)).unwrap();
    assert_eq!(opened.summaries.len(), 2);
    for t in &texts {
        let id = handoff_core::package::import(t.as_bytes())
            .unwrap()
            .id
            .clone();
        assert!(run(load(&into, &id)).unwrap() == *t, "{id} byte for byte");
    }

    // Here case-a is archived and changed since; the backup holds the older one.
    run(archive(&into, "case-a", true)).unwrap();
    let newer = to_json(&case("case-a", "Beacon, after the backup", 90));
    run(save(&into, &newer)).unwrap();
    let plan = run(plan_restore(&into, &file)).unwrap();
    assert_eq!(
        (plan.added.len(), plan.unchanged, plan.conflicts.len()),
        (0, 1, 1)
    );
    let (_, _, details) = restore_question(&plan);
    assert!(
        details.contains("- 1 case different here and in the backup")
            && details.contains("Beacon: changed here"),
        "{details}"
    );
    // Taking the backup's copy replaces this one and keeps it archived.
    let writes = restore_writes(&plan, ConflictChoice::TakeBackup, String::new);
    run(restore(&into, &writes)).unwrap();
    assert!(run(load(&into, "case-a")).unwrap() == texts[0]);
    let opened = run(read_start(&into, None)).unwrap();
    let a = opened.summaries.iter().find(|s| s.id == "case-a").unwrap();
    assert!(a.archived && a.title == "Beacon");
    // Restored again: nothing left to do, and the question says so.
    let (any, said, _) = restore_question(&run(plan_restore(&into, &file)).unwrap());
    assert!(
        !any && said.ends_with("Nothing in it needs restoring here."),
        "{said}"
    );
    // Not a backup: refused with why, nothing stored.
    let refused = run(plan_restore(&into, &texts[0])).unwrap_err();
    assert!(
        refused.starts_with("This is not a Handoff backup file"),
        "{refused}"
    );
}

#[test]
fn the_storage_note_says_what_is_used_and_whether_it_is_kept() {
    assert_eq!(
        storage_sentence(Some(3_456_789.0), Some(1_200_000_000.0), true),
        "Handoff takes 3.5 MB of the 1.2 GB this browser allows it. The browser has agreed to \
         keep the cases until you delete them."
    );
    let note = storage_sentence(Some(84_000_000.0), None, false);
    assert!(
        note.starts_with("Handoff takes 84 MB of this browser's storage. The browser may clear"),
        "{note}"
    );
    assert!(storage_sentence(None, None, false).starts_with("This browser does not say"));
}
