//! The reducer, natively: every action, and each bug it once had.

use chrono::{DateTime, Duration, TimeZone, Utc};
use handoff_core::vocabulary::limits::MAX_RAW_ALERT_BYTES;
use handoff_core::{
    Case, Command, Condition, Edit, EscalationChoice, FiveW, Severity, Stage, Verdict,
};
use strum::VariantArray;

use super::*;

fn t(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).unwrap() + Duration::minutes(minute)
}

fn run(s: &mut AppState, actions: impl IntoIterator<Item = Action>) {
    for a in actions {
        reduce(s, a);
    }
}

/// A paste into case-1, read as the worker reads it.
fn paste(text: impl Into<String>, minute: i64) -> Action {
    let text = text.into();
    Action::PasteAlert {
        case_id: "case-1".into(),
        intake: Box::new(handoff_core::intake::read(&text)),
        text,
        at: t(minute),
    }
}

fn with_new_case(id: &str) -> AppState {
    let mut s = AppState::default();
    reduce(
        &mut s,
        Action::NewCase {
            id: id.into(),
            analyst: "Dana Kim".into(),
            at: t(0),
        },
    );
    s
}

fn open_case(s: &AppState) -> &Case {
    s.case.as_deref().expect("a case is open")
}

fn notices(s: &AppState) -> Vec<(NoticeKind, String)> {
    s.notices.iter().map(|n| (n.kind, n.text.clone())).collect()
}

fn edit(e: Edit, minute: i64) -> Action {
    Action::Edit {
        edit: e,
        at: t(minute),
    }
}

fn step(command: Command, minute: i64) -> Action {
    Action::Step {
        command,
        at: t(minute),
    }
}

/// A case in L2 review with a question asked, as two analysts would bring it there.
fn clarification_requested() -> AppState {
    let mut s = with_new_case("case-1");
    let mut actions = vec![
        edit(Edit::Title("Encoded PowerShell".into()), 1),
        edit(Edit::AlertId("INC-7".into()), 1),
        edit(Edit::Severity(Some(Severity::High)), 1),
        edit(Edit::DetectedAt(Some(t(-5))), 1),
        step(Command::StartReview, 2),
        edit(Edit::Verdict(Some(Verdict::TruePositive)), 3),
        edit(Edit::VerdictJustification("Known-bad hash".into()), 3),
        step(Command::BeginReport, 4),
    ];
    for w in FiveW::VARIANTS {
        actions.push(edit(Edit::FiveW(*w, format!("{} 09:00 UTC", w.label())), 5));
    }
    for c in Condition::VARIANTS {
        actions.push(edit(Edit::ConditionApplies(*c, Some(true)), 5));
    }
    actions.extend([
        edit(Edit::Decision(Some(EscalationChoice::Escalate)), 6),
        step(Command::SetInProgress, 7),
        edit(Edit::L2Assignee("Sam Lee".into()), 8),
        edit(Edit::TicketId("INC-7".into()), 8),
        edit(Edit::Summary("Macro ran PowerShell".into()), 8),
        edit(Edit::ImmediateConcerns("None".into()), 8),
        step(Command::AssignToL2, 9),
        step(Command::NotifyL2, 9),
        edit(Edit::L2Analyst("Sam Lee".into()), 10),
        step(Command::StartL2Review, 10),
        step(
            Command::RequestClarification {
                question: "Was the host isolated?".into(),
            },
            11,
        ),
    ]);
    run(&mut s, actions);
    assert_eq!(
        open_case(&s).stage,
        Stage::ClarificationRequested,
        "{:?}",
        s.refusal
    );
    s
}

#[test]
fn new_case_opens_it_at_the_time_and_under_the_id_given() {
    let s = with_new_case("case-7");
    let c = open_case(&s);
    assert_eq!(c.id, "case-7");
    assert_eq!(c.created_at, t(0));
    assert_eq!(c.report.header.analyst, "Dana Kim");
    assert_eq!(s.summaries.len(), 1);
    assert_eq!(s.revision, 1);
}

#[test]
fn edits_change_the_case_and_its_summary_and_refusals_say_why() {
    let mut s = with_new_case("case-1");
    reduce(&mut s, edit(Edit::Title("Beacon".into()), 1));
    assert_eq!(open_case(&s).report.header.title, "Beacon");
    assert_eq!(open_case(&s).updated_at, t(1));
    assert_eq!(s.summaries[0].title, "Beacon");
    assert_eq!(s.revision, 2);

    // L2's section cannot be written while L1 holds the case: nothing changes, it is said.
    let before = s.clone();
    reduce(&mut s, edit(Edit::L2Analyst("Sam".into()), 2));
    assert_eq!(s.case, before.case);
    assert_eq!(s.revision, before.revision);
    assert!(
        notices(&s)[0].1.contains("L2 section cannot be changed"),
        "{:?}",
        notices(&s)
    );
}

#[test]
fn a_refused_step_is_kept_with_everything_it_needs_and_cleared_by_the_next_success() {
    let mut s = with_new_case("case-1");
    reduce(&mut s, step(Command::StartReview, 1));
    let refusal = s.refusal.clone().expect("refused");
    assert_eq!(refusal.missing().len(), 2, "{refusal}");
    assert_eq!(open_case(&s).stage, Stage::AlertTriggered);
    run(
        &mut s,
        [
            edit(Edit::Title("x".into()), 2),
            edit(Edit::AlertId("INC-1".into()), 2),
            step(Command::StartReview, 3),
        ],
    );
    assert_eq!(s.refusal, None);
    assert_eq!(open_case(&s).stage, Stage::L1Review);
    assert_eq!(open_case(&s).audit.last().unwrap().at, t(3));
}

#[test]
fn a_refused_answer_to_l2_is_not_lost() {
    let mut s = clarification_requested();
    // The analyst writes an answer, but the step is refused (here: the report lost its Why).
    run(
        &mut s,
        [
            Action::Reply("Yes, at 09:40 UTC by the EDR.".into()),
            edit(Edit::FiveW(FiveW::Why, String::new()), 12),
        ],
    );
    let answer = s.reply.clone();
    reduce(&mut s, step(Command::AnswerClarification { answer }, 12));
    assert!(s.refusal.is_some());
    assert_eq!(
        s.reply, "Yes, at 09:40 UTC by the EDR.",
        "the answer is still there"
    );
    // Fixed and sent again: accepted, and only now the box is emptied.
    reduce(
        &mut s,
        edit(Edit::FiveW(FiveW::Why, "EDR telemetry".into()), 13),
    );
    let answer = s.reply.clone();
    reduce(&mut s, step(Command::AnswerClarification { answer }, 14));
    assert_eq!(open_case(&s).stage, Stage::L2Review, "{:?}", s.refusal);
    assert_eq!(s.reply, "");
    assert_eq!(
        open_case(&s).clarifications[0]
            .answer
            .as_ref()
            .unwrap()
            .text,
        "Yes, at 09:40 UTC by the EDR."
    );
}

#[test]
fn undoing_a_delete_restores_that_case_and_its_archived_mark_only() {
    let mut s = with_new_case("case-a");
    reduce(
        &mut s,
        Action::SetArchived {
            id: "case-a".into(),
            archived: true,
        },
    );
    let deleted_case = open_case(&s).clone();
    reduce(
        &mut s,
        Action::Deleted(DeletedCase {
            case: deleted_case.clone(),
            archived: true,
        }),
    );
    assert!(s.summaries.is_empty());
    // Meanwhile another tab, which still had the case open, saves it again, and a new case
    // is started here: the restored case is no longer first in the list.
    run(
        &mut s,
        [
            Action::OtherTab {
                id: "case-a".into(),
                change: OtherTabChange::Saved {
                    raw: "{}".into(),
                    case: Some(Box::new(deleted_case.clone())),
                },
            },
            Action::NewCase {
                id: "case-b".into(),
                analyst: "x".into(),
                at: t(1),
            },
        ],
    );
    assert_eq!(s.summaries[0].id, "case-b");
    reduce(&mut s, Action::UndoDelete);
    let archived: Vec<(String, bool)> = s
        .summaries
        .iter()
        .map(|x| (x.id.clone(), x.archived))
        .collect();
    assert_eq!(
        archived,
        vec![("case-b".to_owned(), false), ("case-a".to_owned(), true)]
    );
    assert_eq!(open_case(&s), &deleted_case);
    assert_eq!(s.deleted, None);
}

#[test]
fn deleting_the_open_case_closes_it() {
    let mut s = with_new_case("case-a");
    let case = open_case(&s).clone();
    reduce(
        &mut s,
        Action::Deleted(DeletedCase {
            case,
            archived: false,
        }),
    );
    assert_eq!(s.case, None);
    assert!(s.summaries.is_empty());
}

#[test]
fn a_pasted_alert_is_kept_and_its_new_indicators_counted() {
    let mut s = with_new_case("case-1");
    reduce(&mut s, paste("src=203.0.113.7 dst=198.51.100.9", 1));
    assert_eq!(open_case(&s).report.indicators.len(), 2);
    assert_eq!(
        open_case(&s).report.raw_alert,
        "src=203.0.113.7 dst=198.51.100.9"
    );
    reduce(&mut s, paste("again 203.0.113.7 and 192.0.2.1", 2));
    assert_eq!(open_case(&s).report.indicators.len(), 3);
    let texts = notices(&s);
    assert!(
        texts
            .iter()
            .any(|(_, t)| t.ends_with("added 2 indicators.")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|(_, t)| t.ends_with("added 1 indicator.")),
        "{texts:?}"
    );
}

const DEFENDER: &str =
    include_str!("../../crates/handoff-core/tests/intake/defender-xdr-alert.json");

#[test]
fn a_read_alert_fills_empty_fields_and_offers_the_rest() {
    let mut s = with_new_case("case-1");
    reduce(
        &mut s,
        edit(Edit::Title("PowerShell on the finance laptop".into()), 1),
    );
    reduce(&mut s, paste(DEFENDER, 2));
    let c = open_case(&s);
    assert_eq!(
        c.report.header.title, "PowerShell on the finance laptop",
        "typed, so kept"
    );
    assert_eq!(c.report.header.alert_id, "da638459817027754321_-1419205874");
    assert_eq!(c.report.header.severity, Some(Severity::High));
    assert_eq!(
        c.report.five_ws.who, "",
        "the Five Ws are offered, not written in"
    );
    let view = s.intake.clone().expect("the reading is kept");
    let offered: Vec<Field> = view.offers.iter().map(|o| o.field).collect();
    assert_eq!(
        offered,
        [Field::AlertTitle, Field::Who, Field::Where, Field::When]
    );
    assert!(view.filled.contains(&Field::AlertId) && !view.filled.contains(&Field::AlertTitle));
    let last = notices(&s).last().cloned().unwrap();
    assert_eq!(
        last.1,
        "Read as a Microsoft Defender XDR alert: filled 4 fields and added 11 indicators; \
         4 fields have a suggestion to take or dismiss."
    );

    // Taking the offer fills the field and the offer goes.
    reduce(
        &mut s,
        Action::TakeOffer {
            field: Field::AlertTitle,
            at: t(3),
        },
    );
    assert_eq!(
        open_case(&s).report.header.title,
        "Suspicious PowerShell download and execution"
    );
    assert_eq!(s.intake.as_ref().unwrap().offers.len(), 3);
    reduce(
        &mut s,
        Action::TakeOffer {
            field: Field::Who,
            at: t(3),
        },
    );
    assert_eq!(
        open_case(&s).report.five_ws.who,
        "jdoe@corp.example (user, compromised)"
    );

    // Reopened, the reading is gone until the worker reads the stored alert again, and comes
    // back without offers: only a paste offers.
    let case = open_case(&s).clone();
    reduce(&mut s, Action::Open(case));
    assert!(s.intake.is_none());
    reduce(
        &mut s,
        Action::AlertRead {
            case_id: "case-1".into(),
            intake: Box::new(handoff_core::intake::read(DEFENDER)),
        },
    );
    let view = s.intake.clone().unwrap();
    assert!(view.offers.is_empty() && view.filled.is_empty());
    assert_eq!(
        view.intake.format,
        Some(handoff_core::intake::Format::DefenderAlert)
    );
}

#[test]
fn dismissing_an_offer_drops_it_and_changes_nothing() {
    let mut s = with_new_case("case-1");
    reduce(
        &mut s,
        edit(Edit::FiveW(FiveW::Who, "Jo Doe, finance clerk".into()), 1),
    );
    reduce(&mut s, paste(DEFENDER, 2));
    let before = open_case(&s).clone();
    assert!(s.intake.as_ref().unwrap().offer(Field::Who).is_some());
    reduce(&mut s, Action::DismissOffer(Field::Who));
    assert!(s.intake.as_ref().unwrap().offer(Field::Who).is_none());
    assert_eq!(open_case(&s), &before);
    // An offer that is gone cannot be taken.
    reduce(
        &mut s,
        Action::TakeOffer {
            field: Field::Who,
            at: t(3),
        },
    );
    assert_eq!(open_case(&s).report.five_ws.who, "Jo Doe, finance clerk");
}

#[test]
fn a_refused_paste_announces_no_indicators() {
    // Too large: refused before anything is read.
    let mut s = with_new_case("case-1");
    reduce(&mut s, paste("x".repeat(MAX_RAW_ALERT_BYTES + 1), 1));
    assert_eq!(notices(&s).len(), 1);
    assert_eq!(notices(&s)[0].0, NoticeKind::Error);
    assert_eq!(open_case(&s).report.raw_alert, "");

    // The report is frozen (handed to L2): the paste is refused, and nothing is "found".
    let mut s = clarification_requested();
    run(
        &mut s,
        [step(
            Command::AnswerClarification {
                answer: "Yes".into(),
            },
            12,
        )],
    );
    assert_eq!(open_case(&s).stage, Stage::L2Review);
    let indicators = open_case(&s).report.indicators.clone();
    reduce(&mut s, paste("203.0.113.99", 13));
    assert_eq!(open_case(&s).report.indicators, indicators);
    let texts = notices(&s);
    assert!(
        !texts.iter().any(|(_, t)| t.contains("new indicators")),
        "{texts:?}"
    );
    assert!(
        texts
            .iter()
            .any(|(k, t)| *k == NoticeKind::Error && t.contains("report cannot be changed")),
        "{texts:?}"
    );
}

fn package(id: &str, title: &str) -> Case {
    let mut c = Case::open(id, "Remote", t(30));
    c.edit(Edit::Title(title.into()), t(31)).unwrap();
    c
}

#[test]
fn importing_a_new_case_opens_it() {
    let mut s = with_new_case("case-local");
    reduce(
        &mut s,
        Action::Imported {
            case: Box::new(package("case-remote", "Remote")),
            stored: None,
        },
    );
    assert_eq!(open_case(&s).id, "case-remote");
    assert_eq!(s.pending_import, None);
    assert_eq!(s.summaries.len(), 2);
}

#[test]
fn importing_a_case_already_here_asks_and_loses_nothing() {
    let mut s = with_new_case("case-1");
    reduce(&mut s, edit(Edit::Title("Local work".into()), 1));
    let local = open_case(&s).clone();

    // Asked, not replaced.
    reduce(
        &mut s,
        Action::Imported {
            case: Box::new(package("case-1", "From L1")),
            stored: None,
        },
    );
    assert_eq!(open_case(&s), &local);
    assert!(s.pending_import.is_some());

    // Cancel: nothing changes.
    reduce(&mut s, Action::SettleImport(ImportChoice::Cancel));
    assert_eq!(open_case(&s), &local);
    assert_eq!(s.pending_import, None);

    // Keep both: the import arrives under the new ID, the local case is untouched.
    run(
        &mut s,
        [
            Action::Imported {
                case: Box::new(package("case-1", "From L1")),
                stored: None,
            },
            Action::SettleImport(ImportChoice::KeepBoth {
                id: "case-2".into(),
            }),
        ],
    );
    assert_eq!(open_case(&s).id, "case-2");
    assert_eq!(open_case(&s).report.header.title, "From L1");
    let ids: Vec<&str> = s.summaries.iter().map(|x| x.id.as_str()).collect();
    assert!(
        ids.contains(&"case-1") && ids.contains(&"case-2"),
        "{ids:?}"
    );
    assert_eq!(
        s.summaries.iter().find(|x| x.id == "case-1").unwrap().title,
        "Local work"
    );

    // Replace, when chosen.
    run(
        &mut s,
        [
            Action::Imported {
                case: Box::new(package("case-1", "From L1 again")),
                stored: None,
            },
            Action::SettleImport(ImportChoice::Replace),
        ],
    );
    assert_eq!(open_case(&s).id, "case-1");
    assert_eq!(open_case(&s).report.header.title, "From L1 again");
    // A settle with nothing pending does nothing.
    let before = s.clone();
    reduce(&mut s, Action::SettleImport(ImportChoice::Replace));
    assert_eq!(s, before);
}

#[test]
fn other_tabs_update_the_list_and_flag_the_open_case() {
    let mut s = with_new_case("case-open");
    let other = package("case-other", "Other");
    reduce(
        &mut s,
        Action::OtherTab {
            id: "case-other".into(),
            change: OtherTabChange::Saved {
                raw: "{}".into(),
                case: Some(Box::new(other)),
            },
        },
    );
    assert!(s
        .summaries
        .iter()
        .any(|x| x.id == "case-other" && x.title == "Other"));
    assert_eq!(s.conflict, None);

    // The same version of the open case: no conflict. A different one: held.
    let mine = open_case(&s).clone();
    reduce(
        &mut s,
        Action::OtherTab {
            id: "case-open".into(),
            change: OtherTabChange::Saved {
                raw: "{}".into(),
                case: Some(Box::new(mine)),
            },
        },
    );
    assert_eq!(s.conflict, None);
    reduce(
        &mut s,
        Action::OtherTab {
            id: "case-open".into(),
            change: OtherTabChange::Saved {
                raw: "theirs".into(),
                case: None,
            },
        },
    );
    assert_eq!(s.conflict, Some(OtherTabVersion::Changed("theirs".into())));
    reduce(&mut s, Action::ConflictSettled);
    assert_eq!(s.conflict, None);
    reduce(
        &mut s,
        Action::OtherTab {
            id: "case-open".into(),
            change: OtherTabChange::Deleted,
        },
    );
    assert_eq!(s.conflict, Some(OtherTabVersion::Deleted));
    reduce(
        &mut s,
        Action::OtherTab {
            id: "case-other".into(),
            change: OtherTabChange::Deleted,
        },
    );
    assert!(!s.summaries.iter().any(|x| x.id == "case-other"));
}

#[test]
fn loading_fills_the_list_reports_problems_and_reopens_the_last_case() {
    let mut s = AppState::default();
    let current = package("case-1", "Last");
    reduce(
        &mut s,
        Action::Loaded(StoredCases {
            summaries: vec![CaseSummary::of(&current, false)],
            current: Some(current.clone()),
            set_aside: vec!["case-bad".into()],
            problems: vec!["A saved case could not be read.".into()],
        }),
    );
    assert_eq!(open_case(&s), &current);
    assert_eq!(s.set_aside, vec!["case-bad".to_owned()]);
    assert_eq!(notices(&s)[0].0, NoticeKind::Error);
    assert_eq!(s.revision, 0, "loading is not a change to save");
}

/// The store's second answer at start-up (every line) was read before a delete made here
/// or in another tab meanwhile: the deleted case does not come back with it, and it is listed
/// again if it is restored.
#[test]
fn a_case_deleted_between_the_stores_two_answers_stays_deleted() {
    let mut s = AppState::default();
    let (kept, mine, theirs) = (
        package("case-1", "Kept"),
        package("case-2", "Deleted here"),
        package("case-3", "Deleted in another tab"),
    );
    let lines = || {
        [&kept, &mine, &theirs]
            .into_iter()
            .map(|c| CaseSummary::of(c, false))
            .collect::<Vec<_>>()
    };
    let listed =
        |s: &AppState| -> Vec<String> { s.summaries.iter().map(|x| x.id.clone()).collect() };
    reduce(
        &mut s,
        Action::Loaded(StoredCases {
            summaries: lines()[..2].to_vec(),
            ..StoredCases::default()
        }),
    );
    reduce(
        &mut s,
        Action::Deleted(DeletedCase {
            case: mine.clone(),
            archived: false,
        }),
    );
    reduce(
        &mut s,
        Action::OtherTab {
            id: "case-3".into(),
            change: OtherTabChange::Deleted,
        },
    );
    reduce(
        &mut s,
        Action::Loaded(StoredCases {
            summaries: lines(),
            ..StoredCases::default()
        }),
    );
    assert_eq!(listed(&s), ["case-1"]);
    // A restore relists what the store holds after it: the truth again.
    reduce(
        &mut s,
        Action::Relisted(StoredCases {
            summaries: lines(),
            ..StoredCases::default()
        }),
    );
    assert_eq!(listed(&s), ["case-1", "case-2", "case-3"]);
}

/// After a restore the store's lines win, even over lines this tab changed (the restore is
/// newer than anything the list held), and the open case, begun here but not stored yet,
/// stays.
#[test]
fn relisting_after_a_restore_takes_the_stores_lines_and_keeps_an_unstored_case() {
    let mut s = with_new_case("case-new");
    let old = package("case-1", "Before the restore");
    let restored = package("case-1", "From the backup");
    reduce(
        &mut s,
        Action::Loaded(StoredCases {
            summaries: vec![CaseSummary::of(&old, false)],
            ..StoredCases::default()
        }),
    );
    reduce(
        &mut s,
        Action::Relisted(StoredCases {
            summaries: vec![
                CaseSummary::of(&restored, true),
                CaseSummary::of(&package("case-2", "Added"), false),
            ],
            set_aside: vec!["case-bad".into()],
            ..StoredCases::default()
        }),
    );
    let lines: Vec<(&str, &str, bool)> = s
        .summaries
        .iter()
        .map(|x| (x.id.as_str(), x.title.as_str(), x.archived))
        .collect();
    assert_eq!(
        lines,
        [
            ("case-new", "", false),
            ("case-1", "From the backup", true),
            ("case-2", "Added", false)
        ]
    );
    assert_eq!(s.set_aside, ["case-bad"]);
    assert_eq!(open_case(&s).id, "case-new", "the open case stays open");
}

#[test]
fn open_duplicate_and_archive() {
    let mut s = with_new_case("case-1");
    reduce(&mut s, edit(Edit::Title("Original".into()), 1));
    let original = open_case(&s).clone();
    reduce(
        &mut s,
        Action::Duplicate {
            case: original.clone(),
            id: "case-2".into(),
            at: t(2),
        },
    );
    assert_eq!(open_case(&s).id, "case-2");
    assert_eq!(open_case(&s).report.header.title, "Copy of Original");
    assert_eq!(open_case(&s).created_at, t(2));
    reduce(&mut s, Action::Open(original.clone()));
    assert_eq!(open_case(&s), &original);
    reduce(
        &mut s,
        Action::SetArchived {
            id: "case-2".into(),
            archived: true,
        },
    );
    assert!(s.summaries.iter().any(|x| x.id == "case-2" && x.archived));
}

#[test]
fn notices_are_shown_once_dismissed_by_id_and_information_does_not_pile_up() {
    let mut s = AppState::default();
    for text in ["a", "a", "b", "c"] {
        reduce(&mut s, Action::Notify(NoticeKind::Info, text.into()));
    }
    reduce(&mut s, Action::Notify(NoticeKind::Error, "full".into()));
    reduce(&mut s, Action::Notify(NoticeKind::Error, "full".into()));
    let shown = notices(&s);
    assert_eq!(
        shown,
        vec![
            (NoticeKind::Info, "b".to_owned()),
            (NoticeKind::Info, "c".to_owned()),
            (NoticeKind::Error, "full".to_owned()),
        ]
    );
    let id = s.notices.iter().find(|n| n.text == "b").unwrap().id;
    reduce(&mut s, Action::DismissNotice(id));
    assert_eq!(notices(&s).len(), 2);
    reduce(&mut s, Action::DismissNotice(id));
    assert_eq!(
        notices(&s).len(),
        2,
        "dismissing twice removes nothing else"
    );
}

#[test]
fn information_stays_until_the_analyst_moves_on_and_errors_until_dismissed() {
    let mut s = with_new_case("case-1");
    let told = |s: &AppState, kind| notices(s).iter().any(|(k, _)| *k == kind);
    let tell = |s: &mut AppState| {
        reduce(s, Action::Notify(NoticeKind::Info, "read the alert".into()));
        reduce(
            s,
            Action::Notify(NoticeKind::Error, "the store is full".into()),
        );
    };
    tell(&mut s);
    // Typing, and a step refused, are not moving on.
    reduce(&mut s, edit(Edit::Title("Encoded PowerShell".into()), 1));
    reduce(&mut s, step(Command::StartReview, 1));
    assert!(s.refusal.is_some());
    assert!(told(&s, NoticeKind::Info) && told(&s, NoticeKind::Error));
    // A step taken is.
    reduce(&mut s, edit(Edit::AlertId("INC-7".into()), 2));
    reduce(&mut s, step(Command::StartReview, 2));
    assert!(s.refusal.is_none());
    assert_eq!(
        notices(&s),
        vec![(NoticeKind::Error, "the store is full".to_owned())]
    );
    // So is a step the analyst may leave, once it lets them go on; not while it holds them.
    tell(&mut s);
    reduce(&mut s, edit(Edit::Verdict(Some(Verdict::TruePositive)), 3));
    reduce(&mut s, step(Command::BeginReport, 3));
    tell(&mut s);
    reduce(&mut s, Action::Continue(FlowStep::Report));
    assert_eq!(s.flow.tried, Some(FlowStep::Report));
    assert!(told(&s, NoticeKind::Info));
    for w in FiveW::VARIANTS {
        reduce(&mut s, edit(Edit::FiveW(*w, "09:00 UTC".into()), 4));
    }
    reduce(&mut s, Action::Continue(FlowStep::Report));
    assert!(s.flow.report_written && !told(&s, NoticeKind::Info));
    // Opening a case is moving on; what the opening itself says is shown.
    tell(&mut s);
    let imported = Case::open("case-9", "Sam Lee", t(5));
    let title = imported.report.header.title.clone();
    reduce(
        &mut s,
        Action::Imported {
            case: Box::new(imported),
            stored: None,
        },
    );
    assert_eq!(
        notices(&s),
        vec![
            (NoticeKind::Error, "the store is full".to_owned()),
            (
                NoticeKind::Info,
                format!("Imported the handoff \"{title}\".")
            ),
        ]
    );
    // The error waits for its own dismissal.
    let id = s
        .notices
        .iter()
        .find(|n| n.kind == NoticeKind::Error)
        .unwrap()
        .id;
    reduce(&mut s, Action::DismissNotice(id));
    assert!(!told(&s, NoticeKind::Error));
}

#[test]
fn the_alert_step_is_shown_while_it_is_open_or_being_changed() {
    let mut s = AppState::default();
    assert!(!s.shows_alert_step(), "no case, no step");
    s = with_new_case("case-1");
    assert!(s.shows_alert_step());
    run(
        &mut s,
        [
            edit(Edit::Title("Encoded PowerShell".into()), 1),
            edit(Edit::AlertId("INC-7".into()), 1),
            step(Command::StartReview, 2),
        ],
    );
    assert!(!s.shows_alert_step(), "done, folded to its summary");
    reduce(&mut s, Action::Change(FlowStep::Alert));
    assert!(s.shows_alert_step(), "opened again to change it");
    reduce(&mut s, Action::DoneChanging);
    assert!(!s.shows_alert_step());
    // L2 is never shown L1's alert step.
    let mut l2 = with_new_case("case-2");
    reduce(&mut l2, Action::SetRole(Role::L2));
    assert!(!l2.shows_alert_step());
}

#[test]
fn the_save_status_follows_revisions_failures_and_conflicts() {
    let mut s = with_new_case("case-1");
    assert_eq!(s.save_status(), SaveStatus::Saving);
    let rev = s.revision;
    reduce(&mut s, Action::Saved(rev));
    assert_eq!(s.save_status(), SaveStatus::Saved);
    reduce(&mut s, edit(Edit::Title("x".into()), 1));
    assert_eq!(s.save_status(), SaveStatus::Saving);
    // A late report of an older save does not claim the newer change is saved.
    let rev = s.revision;
    reduce(&mut s, Action::Saved(rev - 1));
    assert_eq!(s.save_status(), SaveStatus::Saving);
    reduce(&mut s, Action::SaveFailed("Storage is full.".into()));
    assert_eq!(s.save_status(), SaveStatus::Failed);
    assert_eq!(
        notices(&s),
        vec![(NoticeKind::Error, "Storage is full.".to_owned())]
    );
    let rev = s.revision;
    reduce(&mut s, Action::Saved(rev));
    assert_eq!(s.save_status(), SaveStatus::Saved);
    reduce(
        &mut s,
        Action::OtherTab {
            id: "case-1".into(),
            change: OtherTabChange::Deleted,
        },
    );
    assert_eq!(s.save_status(), SaveStatus::Held);
}

#[test]
fn a_case_opened_from_the_store_has_nothing_to_save_until_it_is_edited() {
    let mut s = with_new_case("case-1");
    let stored = open_case(&s).clone();
    reduce(&mut s, Action::Open(stored));
    assert_eq!(s.save_status(), SaveStatus::Saved);
    let opened = s.revision;
    reduce(&mut s, edit(Edit::Title("x".into()), 1));
    assert!(s.revision > opened);
    assert_eq!(s.save_status(), SaveStatus::Saving);
}

#[test]
fn offline_status_and_reply_drafts_are_kept() {
    let mut s = AppState::default();
    reduce(&mut s, Action::Offline(OfflineStatus::UpdateWaiting));
    assert_eq!(s.offline, OfflineStatus::UpdateWaiting);
    reduce(&mut s, Action::Reply("draft".into()));
    assert_eq!(s.reply, "draft");
}

#[test]
fn actions_without_an_open_case_change_nothing() {
    let mut s = AppState::default();
    for a in [
        edit(Edit::Title("x".into()), 1),
        step(Command::StartReview, 1),
        Action::UndoDelete,
        #[cfg(feature = "training")]
        Action::Training(TrainingAction::RunCheck("edr-tree".into())),
        #[cfg(feature = "training")]
        Action::Training(TrainingAction::Scored {
            case_id: "case-1".into(),
            score: handoff_core::training::Score {
                items: Vec::new(),
                total: 0,
                max: 100,
                debrief: String::new(),
            },
            at: t(1),
        }),
    ] {
        let before = s.clone();
        reduce(&mut s, a.clone());
        assert_eq!(s, before, "{a:?}");
    }
}

#[test]
fn the_guided_flow_moves_on_refuses_and_reopens_steps() {
    let mut s = with_new_case("case-1");
    // A refused step is the step shown in error, and each refusal is a new attempt.
    reduce(&mut s, step(Command::StartReview, 1));
    assert_eq!(s.flow.tried, Some(FlowStep::Alert));
    reduce(&mut s, step(Command::StartReview, 1));
    assert_eq!(s.flow.attempt, 2);
    run(
        &mut s,
        [
            edit(Edit::Title("x".into()), 2),
            edit(Edit::AlertId("A".into()), 2),
            step(Command::StartReview, 3),
            edit(Edit::Verdict(Some(Verdict::TruePositive)), 4),
            step(Command::BeginReport, 5),
        ],
    );
    assert_eq!(
        s.flow,
        FlowUi::default(),
        "a step taken starts the next one afresh"
    );
    // Moving on from the report is refused until its Five Ws are written.
    reduce(&mut s, Action::Continue(FlowStep::Report));
    assert_eq!(s.flow.tried, Some(FlowStep::Report));
    assert!(!s.flow.report_written);
    for w in FiveW::VARIANTS {
        reduce(&mut s, edit(Edit::FiveW(*w, "09:00 UTC".into()), 6));
    }
    reduce(&mut s, Action::Continue(FlowStep::Report));
    assert!(s.flow.report_written);
    assert_eq!(s.flow.tried, None);
    // A finished step opens again to change it, and closes.
    reduce(&mut s, Action::Change(FlowStep::Alert));
    assert_eq!(s.flow.changing, Some(FlowStep::Alert));
    reduce(&mut s, Action::DoneChanging);
    assert_eq!(s.flow.changing, None);
    // Going to a field opens the finished step that shows it, and asks for focus each time.
    reduce(&mut s, Action::GoTo(handoff_core::Field::Severity));
    assert_eq!(s.flow.changing, Some(FlowStep::Alert));
    let first = s.flow.focus;
    reduce(&mut s, Action::GoTo(handoff_core::Field::Severity));
    assert_ne!(s.flow.focus, first);
    assert_eq!(
        s.flow.focus.map(|f| f.0),
        Some(handoff_core::Field::Severity)
    );
    // A field of the current step opens nothing else.
    reduce(&mut s, Action::DoneChanging);
    reduce(
        &mut s,
        Action::GoTo(handoff_core::Field::EscalationDecision),
    );
    assert_eq!(s.flow.changing, None);
}

#[test]
fn the_profile_remembers_the_role_and_the_analysts_own_name() {
    let mut s = AppState::default();
    assert_eq!(s.profile.role, handoff_core::Role::L1);
    reduce(
        &mut s,
        Action::ProfileLoaded(Profile {
            role: handoff_core::Role::L1,
            name: "Dana Kim".into(),
        }),
    );
    let analyst = s.profile.name.clone();
    reduce(
        &mut s,
        Action::NewCase {
            id: "case-1".into(),
            analyst,
            at: t(0),
        },
    );
    assert_eq!(open_case(&s).report.header.analyst, "Dana Kim");
    reduce(&mut s, edit(Edit::Analyst(" Dana K. ".into()), 1));
    assert_eq!(s.profile.name, "Dana K.");
    // Working as L2, the L2 name is one's own; L1's name typed then is not.
    reduce(&mut s, Action::SetRole(handoff_core::Role::L2));
    reduce(&mut s, edit(Edit::Analyst("Someone else".into()), 2));
    assert_eq!(s.profile.name, "Dana K.");
    // A refused edit teaches nothing.
    reduce(&mut s, edit(Edit::L2Analyst("Refused".into()), 3));
    assert_eq!(s.profile.name, "Dana K.");
}

#[test]
fn a_step_takes_the_values_the_form_showed_as_filled_in() {
    let mut s = clarification_requested();
    // (The notification's ticket was typed in this walk; a fresh one shows the alert's ID.)
    let mut c = handoff_core::fixtures::large_case();
    c.apply(Command::SetInProgress, t(1)).unwrap();
    c.edit(Edit::L2Assignee("Sam Lee".into()), t(1)).unwrap();
    c.edit(Edit::Summary("s".into()), t(1)).unwrap();
    c.edit(Edit::ImmediateConcerns("none".into()), t(1))
        .unwrap();
    c.apply(Command::AssignToL2, t(1)).unwrap();
    reduce(&mut s, Action::Open(c));
    reduce(&mut s, step(Command::NotifyL2, 2));
    assert_eq!(open_case(&s).stage, Stage::L2Notified, "{:?}", s.refusal);
    assert_eq!(open_case(&s).notification.ticket_id, "INC-9000");
    // L2 takes the case under the name shown: whom L1 assigned it to.
    reduce(&mut s, Action::SetRole(handoff_core::Role::L2));
    reduce(&mut s, step(Command::StartL2Review, 3));
    assert_eq!(open_case(&s).stage, Stage::L2Review);
    assert_eq!(open_case(&s).l2.analyst, "Sam Lee");
    // A refused step leaves the case as it was, filled-in values and all.
    let before = open_case(&s).clone();
    reduce(&mut s, step(Command::Resolve, 4));
    assert!(s.refusal.is_some());
    assert_eq!(open_case(&s), &before);
}

#[test]
fn an_alert_read_after_its_case_was_left_is_reported_not_misfiled() {
    let mut s = with_new_case("case-1");
    reduce(
        &mut s,
        Action::NewCase {
            id: "case-2".into(),
            analyst: "Dana Kim".into(),
            at: t(1),
        },
    );
    reduce(&mut s, Action::ReadingAlert);
    reduce(&mut s, paste("src=203.0.113.7", 2));
    assert_eq!(open_case(&s).id, "case-2");
    assert_eq!(
        open_case(&s).report.raw_alert,
        "",
        "not filed in the wrong case"
    );
    assert!(!s.reading_alert);
    let (kind, text) = notices(&s).last().cloned().unwrap();
    assert_eq!(kind, NoticeKind::Error);
    assert!(text.contains("paste it again"), "{text}");
}

#[test]
fn a_stored_alert_read_again_shows_only_for_its_own_case() {
    let mut s = with_new_case("case-1");
    let intake = Box::new(handoff_core::intake::read(DEFENDER));
    reduce(
        &mut s,
        Action::AlertRead {
            case_id: "case-9".into(),
            intake: intake.clone(),
        },
    );
    assert!(s.intake.is_none());
    reduce(
        &mut s,
        Action::AlertRead {
            case_id: "case-1".into(),
            intake,
        },
    );
    assert_eq!(
        s.intake.as_ref().unwrap().intake.format,
        Some(handoff_core::intake::Format::DefenderAlert)
    );
}

/// Training is compiled into the training room's page only.
#[cfg(feature = "training")]
mod training {
    use std::rc::Rc;

    use handoff_core::training::parse_scenario;

    use super::*;

    /// What the worker hands the page for the bundled scenario `id`.
    fn scenario(id: &str) -> Rc<handoff_core::training::Playable> {
        Rc::new(parse_scenario(&source(id)).unwrap().playable())
    }

    /// The worker's answer to starting scenario `id` as case `case_id` at `at`.
    fn start(id: &str, case_id: &str, at: DateTime<Utc>) -> Action {
        let case = handoff_core::training::start_case(
            &parse_scenario(&source(id)).unwrap(),
            case_id.into(),
            at,
            "Dana Kim",
        )
        .unwrap();
        Action::Training(TrainingAction::Start {
            scenario: scenario(id),
            source: source(id),
            case: Box::new(case),
            at,
        })
    }

    fn source(id: &str) -> Rc<str> {
        std::fs::read_to_string(format!(
            "{}/static/scenarios/{id}.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
        .into()
    }

    /// What the training room's worker answers for the run's case: the scorer's own result.
    fn scored(s: &AppState, at: DateTime<Utc>) -> Action {
        let run = s.training.as_ref().unwrap();
        let case = s.case.as_deref().unwrap();
        Action::Training(TrainingAction::Scored {
            case_id: run.case_id.clone(),
            score: handoff_core::training::score(
                &parse_scenario(&run.source).unwrap(),
                case,
                &run.checks,
            ),
            at,
        })
    }

    #[test]
    fn training_runs_from_start_to_score_with_the_checks_chosen() {
        let mut s = AppState::default();
        s.profile.role = Role::L2;
        s.profile.name = "Dana Kim".into();
        reduce(&mut s, start("phishing-macro", "case-train", t(0)));
        assert_eq!(open_case(&s).id, "case-train");
        assert_eq!(open_case(&s).report.header.analyst, "Dana Kim");
        assert!(!open_case(&s).report.indicators.is_empty());
        assert_eq!(s.profile.role, Role::L1, "an L1 scenario is worked as L1");
        let run = s.training.clone().unwrap();
        assert_eq!(
            (run.checks.len(), run.started_at, run.role_before),
            (0, t(0), Role::L2)
        );

        // Checks run once each, in the order chosen; unknown ones are ignored.
        for id in ["edr-tree", "firewall", "edr-tree", "no-such-check"] {
            reduce(
                &mut s,
                Action::Training(TrainingAction::RunCheck(id.into())),
            );
        }
        assert_eq!(
            s.training.as_ref().unwrap().checks,
            vec!["edr-tree", "firewall"]
        );

        let first = scored(&s, t(12));
        reduce(&mut s, first);
        // A second answer (the button pressed twice) changes nothing.
        let second = scored(&s, t(13));
        reduce(&mut s, second);
        assert_eq!(s.training_results.len(), 1, "scored once");
        let r = &s.training_results[0];
        assert_eq!(r.seconds, 12 * 60);
        assert_eq!((r.minutes, r.role), (15, Some(Role::L1)));
        assert_eq!(r.checks, vec!["edr-tree", "firewall"]);
        let score = s.training.as_ref().unwrap().score.clone().unwrap();
        assert_eq!(r.score, score.total);
        assert_eq!(r.items.len(), score.items.len());
        assert!(r.items.iter().any(|i| i.key == "summary" && i.points == 0));

        // Nothing more is run once scored.
        reduce(
            &mut s,
            Action::Training(TrainingAction::RunCheck("whois".into())),
        );
        assert_eq!(s.training.as_ref().unwrap().checks.len(), 2);
        reduce(&mut s, Action::Training(TrainingAction::End));
        assert_eq!(s.training, None);
        assert_eq!(
            s.profile.role,
            Role::L2,
            "leaving training restores the role"
        );
        assert_eq!(s.training_results.len(), 1);
    }

    #[test]
    fn an_l2_scenario_opens_as_l2_on_the_briefing_and_its_scripted_l1_answers() {
        let scenario = scenario("l2-clarify-webshell");
        let mut s = AppState::default();
        reduce(&mut s, start("l2-clarify-webshell", "case-l2", t(0)));
        assert_eq!(s.profile.role, Role::L2);
        assert_eq!(open_case(&s).id, "case-l2");
        assert_eq!(open_case(&s).stage, Stage::L2Notified);
        let current: Vec<FlowStep> = flow::steps_for(open_case(&s), Role::L2, false)
            .into_iter()
            .filter(|(_, st)| *st == flow::StepState::Current)
            .map(|(st, _)| st)
            .collect();
        assert_eq!(current, vec![FlowStep::Briefing]);

        run(
            &mut s,
            [
                edit(Edit::L2Analyst("Sam Lee".into()), 2),
                step(Command::StartL2Review, 2),
                step(
                    Command::RequestClarification {
                        question: "Is WEB-PRT-02 still online?".into(),
                    },
                    3,
                ),
            ],
        );
        assert_eq!(open_case(&s).stage, Stage::ClarificationRequested);
        // L1's scripted answer (the run panel's button) is the ordinary step, taken for L1.
        let rev = s.revision;
        reduce(
            &mut s,
            step(
                Command::AnswerClarification {
                    answer: scenario.reply.clone(),
                },
                4,
            ),
        );
        assert_eq!(open_case(&s).stage, Stage::L2Review);
        assert_eq!(s.revision, rev + 1, "autosave sees the answer");
        let answer = open_case(&s).clarifications[0].answer.clone().unwrap();
        assert_eq!(answer.text, scenario.reply);
        assert!(
            answer.text.contains("svc_portal"),
            "the scenario's own answer"
        );
        assert_eq!(answer.answered_by.role, Role::L1);

        // Starting another scenario keeps the role to go back to from before the first one.
        reduce(&mut s, start("phishing-macro", "case-3", t(5)));
        assert_eq!(s.profile.role, Role::L1);
        reduce(&mut s, Action::Training(TrainingAction::End));
        assert_eq!(s.profile.role, Role::L1);
    }
}
