//! The shift handover: which cases it takes, how it groups them, the figures it counts from
//! the audit trail, and what it writes (golden files, read back by a CommonMark parser).

mod common;

use chrono::{Duration, TimeZone, Utc};
use common::*;
use handoff_core::package::{
    duration_label, shift_chat, shift_handover, shift_markdown, ExportOptions, ShiftHandover,
    Standing,
};
use handoff_core::{Case, Command, Stage};

/// The shift ends at 18:00 on 14 March; it began at 06:00.
fn until() -> chrono::DateTime<Utc> {
    t(18, 0)
}

fn clock_at(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> StepClock {
    StepClock {
        now: std::cell::Cell::new(Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()),
        step: Duration::minutes(4),
    }
}

/// A day's work: every standing, a case from before the shift that was escalated during it,
/// and one not touched since yesterday.
fn shift_cases() -> Vec<Case> {
    // Opened last night, escalated this morning: escalated this shift, not opened.
    let late = clock_at(2026, 3, 13, 22, 0);
    let mut overnight = reviewed(&late);
    late.now
        .set(Utc.with_ymd_and_hms(2026, 3, 14, 6, 30, 0).unwrap());
    write_report(
        &mut overnight,
        &late,
        handoff_core::Verdict::TruePositive,
        [false, true, false, false],
    );
    overnight.apply(Command::BeginReport, late.now()).unwrap();
    overnight
        .edit_report(late.now(), |r| {
            r.header.title = "Beaconing from a kiosk to a new domain".into();
            r.header.alert_id = "INC-3001".into();
            r.decision.choice = Some(handoff_core::EscalationChoice::Escalate);
        })
        .unwrap();
    overnight.apply(Command::SetInProgress, late.now()).unwrap();
    overnight
        .edit_notification(late.now(), |n| {
            n.l2_assignee = "Sam Lee".into();
            n.ticket_id = "INC-3001".into();
            n.summary = "Kiosk KSK-07 beacons to a domain registered yesterday".into();
            n.immediate_concerns = "Kiosk still online".into();
        })
        .unwrap();
    overnight.apply(Command::AssignToL2, late.now()).unwrap();
    overnight.apply(Command::NotifyL2, late.now()).unwrap();

    // L2 asked L1 a question this afternoon: the next shift's L1 answers it.
    let afternoon = clock_at(2026, 3, 14, 13, 0);
    let mut asked = in_l2_review(&afternoon).with_id("case-asked");
    asked
        .apply(
            Command::RequestClarification {
                question: "Was the macro | enabled by jdoe, or by a GPO?\nCheck with IT.".into(),
            },
            afternoon.now(),
        )
        .unwrap();

    // Still being triaged, with a title that tries to break the table and ping a channel.
    let evening = clock_at(2026, 3, 14, 17, 20);
    let mut triage = reviewed(&evening).with_id("case-triage");
    triage
        .edit_report(evening.now(), |r| {
            r.header.title = "Login burst | @channel see https://evil.example/x".into();
            r.header.alert_id = "SIEM-9000".into();
        })
        .unwrap();

    // Not touched since yesterday: not in this shift's handover.
    let yesterday = clock_at(2026, 3, 13, 9, 0);
    let mut old = reviewed(&yesterday).with_id("case-old");
    old.edit_report(yesterday.now(), |r| {
        r.header.title = "Yesterday's port scan".into()
    })
    .unwrap();

    vec![
        overnight.with_id("case-overnight"),
        asked,
        triage,
        old,
        phishing(),
        admin_false_positive(),
        ransomware(),
    ]
}

fn handover() -> ShiftHandover {
    shift_handover(&shift_cases(), until(), 12)
}

#[test]
fn the_handover_takes_the_shifts_cases_and_groups_them_by_whom_they_wait_on() {
    let h = handover();
    assert_eq!((h.since, h.until), (t(6, 0), t(18, 0)));
    let standings: Vec<Standing> = h.sections.iter().map(|(s, _)| *s).collect();
    assert_eq!(
        standings,
        [
            Standing::WaitingOnL1,
            Standing::OpenAtL1,
            Standing::WaitingOnL2,
            Standing::HandedOn,
            Standing::Closed
        ]
    );
    let titles: Vec<Vec<&str>> = h
        .sections
        .iter()
        .map(|(_, cases)| cases.iter().map(|c| c.title.as_str()).collect())
        .collect();
    assert_eq!(
        titles[1],
        ["Login burst | @channel see https://evil.example/x"]
    );
    assert!(
        !titles.concat().contains(&"Yesterday's port scan"),
        "the case untouched since yesterday is left out"
    );
    let (_, waiting) = &h.sections[0];
    assert_eq!(
        waiting[0].next.as_ref().map(|(_, who)| who.as_str()),
        Some("L1 Dana Kim")
    );
    let f = &h.figures;
    // Six touched; the overnight case was opened yesterday, so five were opened today.
    assert_eq!(
        (
            f.handled,
            f.opened,
            f.escalated,
            f.false_positives,
            f.closed_at_l1
        ),
        (6, 5, 4, 1, 0)
    );
}

#[test]
fn the_median_time_to_escalation_comes_from_the_audit_trail() {
    let h = handover();
    let cases = shift_cases();
    // Each escalated case's time from opening to notifying L2, read off its own trail.
    let mut times: Vec<Duration> = cases
        .iter()
        .filter(|c| c.updated_at >= h.since)
        .filter_map(|c| {
            c.audit
                .iter()
                .find(|e| e.event == handoff_core::CommandKind::NotifyL2 && e.at >= h.since)
                .map(|e| e.at - c.audit[0].at)
        })
        .collect();
    times.sort();
    assert_eq!(times.len(), 4);
    assert_eq!(
        h.figures.median_to_escalation,
        Some((times[1] + times[2]) / 2)
    );
    // Nobody escalated: said so, not zero.
    let quiet = shift_handover(&[admin_false_positive()], until(), 12);
    assert_eq!(quiet.figures.median_to_escalation, None);
    assert!(shift_markdown(&quiet, &ExportOptions::default())
        .contains("| Median time from alert to escalation | none escalated |"));
}

#[test]
fn durations_read_as_an_analyst_says_them() {
    assert_eq!(duration_label(Duration::seconds(59)), "0 min");
    assert_eq!(duration_label(Duration::minutes(42)), "42 min");
    assert_eq!(duration_label(Duration::minutes(65)), "1 h 05 min");
    assert_eq!(duration_label(Duration::hours(50)), "2 d 2 h");
}

#[test]
fn an_empty_shift_says_so() {
    let h = shift_handover(&[], until(), 12);
    let md = shift_markdown(&h, &ExportOptions::default());
    assert!(
        md.contains("No case was touched during this shift."),
        "{md}"
    );
    assert!(shift_chat(&h, &ExportOptions::default()).contains("Nothing is left open."));
}

#[test]
fn the_look_back_is_one_hour_to_a_week() {
    let cases = shift_cases();
    let one = shift_handover(&cases, until(), 0);
    assert_eq!(one.since, until() - Duration::hours(1));
    let week = shift_handover(&cases, until(), 10_000);
    assert_eq!(week.since, until() - Duration::hours(168));
    assert_eq!(week.figures.handled, 7, "a week takes yesterday's case too");
}

#[test]
fn golden_handover_as_markdown_and_chat() {
    let h = handover();
    let md = shift_markdown(&h, &ExportOptions::default());
    golden("shift.md", &md);
    golden("shift.chat.txt", &shift_chat(&h, &ExportOptions::default()));
}

/// A CommonMark reader (with tables, as the preview renders them) sees one heading per
/// standing and one table row per case, six cells each: no title splits a cell or a row.
#[test]
fn the_markdown_reads_back_as_one_table_row_per_case() {
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
    let h = handover();
    let md = shift_markdown(&h, &ExportOptions::default());
    let (mut headings, mut rows, mut cells, mut row_cells) = (Vec::new(), Vec::new(), 0, 0);
    let mut heading = None::<String>;
    for e in Parser::new_ext(&md, Options::ENABLE_TABLES) {
        match e {
            Event::Start(Tag::Heading { .. }) => heading = Some(String::new()),
            Event::Text(t) if heading.is_some() => heading.as_mut().unwrap().push_str(&t),
            Event::End(TagEnd::Heading(_)) => headings.push(heading.take().unwrap()),
            Event::Start(Tag::TableRow) => row_cells = 0,
            Event::Start(Tag::TableCell) => row_cells += 1,
            Event::End(TagEnd::TableRow) => {
                rows.push(row_cells);
                cells += row_cells;
            }
            _ => {}
        }
    }
    assert_eq!(
        headings,
        [
            "Shift handover: 2026-03-14 06:00:00 UTC to 2026-03-14 18:00:00 UTC",
            "Waiting on L1 (1)",
            "Open at L1 (1)",
            "Waiting on L2 (1)",
            "Handed on (2)",
            "Closed (1)",
        ]
    );
    // The figures table: six rows of two cells; then a row per case (six cases), seven cells
    // each (the reader reports header rows apart).
    assert_eq!(rows.iter().filter(|&&n| n == 2).count(), 6, "{rows:?}");
    assert_eq!(rows.iter().filter(|&&n| n == 7).count(), 6, "{rows:?}");
    assert_eq!(cells, 6 * 2 + 6 * 7);
    assert!(!md.contains("https://evil.example"), "links are defanged");
    let chat = shift_chat(&h, &ExportOptions::default());
    assert!(!chat.contains("@channel"), "{chat}");
    assert!(
        !chat.contains("Closed:"),
        "closed cases stay out of the chat message"
    );
}

#[test]
fn every_stage_has_a_standing_and_every_open_one_a_next_step() {
    for stage in Stage::all() {
        let standing = Standing::of(stage);
        assert_eq!(
            standing == Standing::Closed,
            matches!(stage, Stage::Closed(_) | Stage::Resolved)
        );
    }
    let clock = StepClock::new();
    let case = reviewed(&clock);
    assert_eq!(
        handoff_core::package::next_step(&case),
        Some((
            "Reach a verdict on the alert".to_owned(),
            "L1 Dana Kim".to_owned()
        ))
    );
    assert_eq!(
        handoff_core::package::next_step(&admin_false_positive()),
        None
    );
}

/// A case opened at `opened` and escalated `minutes` later, as `id`.
fn escalated_after(id: &str, opened: chrono::DateTime<Utc>, minutes: i64) -> Case {
    let clock = StepClock {
        now: std::cell::Cell::new(opened),
        step: Duration::zero(),
    };
    let mut c = reviewed(&clock).with_id(id);
    let later = opened + Duration::minutes(minutes);
    let at = StepClock {
        now: std::cell::Cell::new(later),
        step: Duration::zero(),
    };
    write_report(
        &mut c,
        &at,
        handoff_core::Verdict::TruePositive,
        [true, false, false, false],
    );
    c.apply(Command::BeginReport, later).unwrap();
    c.edit_report(later, |r| {
        r.decision.choice = Some(handoff_core::EscalationChoice::Escalate)
    })
    .unwrap();
    c.apply(Command::SetInProgress, later).unwrap();
    c.edit_notification(later, |n| {
        n.l2_assignee = "Sam Lee".into();
        n.ticket_id = id.into();
        n.summary = "Escalated".into();
        n.immediate_concerns = "None".into();
    })
    .unwrap();
    c.apply(Command::AssignToL2, later).unwrap();
    c.apply(Command::NotifyL2, later).unwrap();
    c
}

#[test]
fn the_median_is_the_middle_time_or_the_mean_of_the_two_middle_ones() {
    let cases: Vec<Case> = [("a", 10), ("b", 60), ("c", 20)]
        .iter()
        .map(|(id, m)| escalated_after(id, t(8, 0), *m))
        .collect();
    let h = shift_handover(&cases, until(), 12);
    assert_eq!(h.figures.escalated, 3);
    assert_eq!(h.figures.median_to_escalation, Some(Duration::minutes(20)));
    let mut four = cases.clone();
    four.push(escalated_after("d", t(8, 0), 30));
    let h = shift_handover(&four, until(), 12);
    assert_eq!(h.figures.median_to_escalation, Some(Duration::minutes(25)));
}

#[test]
fn a_case_kept_twice_is_listed_twice_but_its_steps_count_once() {
    let one = escalated_after("a", t(8, 0), 10);
    let copy = one.clone().with_id("a-copy");
    let h = shift_handover(&[one, copy], until(), 12);
    assert_eq!(h.figures.handled, 2);
    assert_eq!((h.figures.opened, h.figures.escalated), (1, 1));
}

#[test]
fn the_shift_is_half_open_and_a_clock_ahead_loses_nothing() {
    // Touched exactly when the shift began: the shift before had it.
    let edge = escalated_after("edge", t(5, 50), 10);
    assert_eq!(edge.updated_at, t(6, 0));
    assert_eq!(
        shift_handover(std::slice::from_ref(&edge), until(), 12)
            .figures
            .handled,
        0
    );
    assert_eq!(shift_handover(&[edge], t(6, 0), 12).figures.handled, 1);
    // Stamped after the shift's end by a clock running ahead: still in it.
    let ahead = escalated_after("ahead", t(18, 5), 1);
    let h = shift_handover(&[ahead], until(), 12);
    assert_eq!((h.figures.handled, h.figures.escalated), (1, 1));
}

#[test]
fn owners_are_named_by_tier_when_nobody_was_named() {
    let clock = StepClock::new();
    let mut c = reviewed(&clock);
    c.edit_report(clock.now(), |r| r.header.analyst = "  ".into())
        .unwrap();
    assert_eq!(
        handoff_core::package::next_step(&c).map(|(_, who)| who),
        Some("L1".to_owned())
    );
    // Notified, not yet picked up: L2's owner is the assignee L1 named.
    let notified = escalated_after("n", t(8, 0), 5);
    assert!(notified.l2.analyst.is_empty());
    assert_eq!(
        handoff_core::package::next_step(&notified).map(|(_, who)| who),
        Some("L2 Sam Lee".to_owned())
    );
}

#[test]
fn the_most_restricted_tlp_heads_the_handover_and_marks_every_line() {
    let h = handover();
    // The ransomware case is TLP:RED.
    assert_eq!(h.tlp, Some(handoff_core::Tlp::Red));
    let md = shift_markdown(&h, &ExportOptions::default());
    assert!(
        md.contains(
            "**TLP:RED**, the most restricted case in this handover: named recipients only."
        ),
        "{md}"
    );
    let chat = shift_chat(&h, &ExportOptions::default());
    assert!(
        chat.contains("TLP:RED: share no wider than the most restricted case in it."),
        "{chat}"
    );
    assert!(
        chat.contains("- INC-3107 · TLP:RED · Ransom note"),
        "{chat}"
    );
    assert_eq!(shift_handover(&[], until(), 12).tlp, None);
}
