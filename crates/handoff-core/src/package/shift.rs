//! The shift handover: what an analyst leaves the next shift. Every case touched in the last
//! hours, grouped by whom it waits on, each with its next step and who owns it; the shift's
//! figures on top, counted from the audit trail. Written as Markdown (for the ticket or the
//! wiki) and as a short chat message.

use std::collections::HashSet;
use std::fmt::Write as _;

use chrono::{DateTime, Duration, Utc};

use super::chat::chat_safe;
use super::markdown::escape_inline_except;
use super::options::ExportOptions;
use crate::case::Case;
use crate::vocabulary::command::CommandKind;
use crate::vocabulary::stage::Stage;
use crate::vocabulary::text::is_blank;
use crate::vocabulary::time::display;
use crate::vocabulary::tlp::Tlp;

/// The hours a handover looks back by default: one shift.
pub const DEFAULT_SHIFT_HOURS: u32 = 12;

/// The longest look-back: a week.
pub const MAX_SHIFT_HOURS: u32 = 168;

/// Whom a case waits on as the shift ends. The order is the handover's: what the next
/// shift's L1 must act on first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// L2 asked L1 a question.
    WaitingOnL1,
    /// Still in L1's hands: triage, report, or the escalation steps. A case "in progress" or
    /// assigned is escalated as far as the report goes, but L1 still has to assign it or
    /// notify L2, so it waits on L1.
    OpenAtL1,
    /// Notified, or under L2's review.
    WaitingOnL2,
    /// Incident response, L3 or the IR team took it on.
    HandedOn,
    /// Closed at L1 or resolved by L2.
    Closed,
}

impl Standing {
    pub fn of(stage: Stage) -> Standing {
        use Stage as S;
        match stage {
            S::ClarificationRequested => Standing::WaitingOnL1,
            S::AlertTriggered | S::L1Review | S::Reporting | S::InProgress | S::AssignedToL2 => {
                Standing::OpenAtL1
            }
            S::L2Notified | S::L2Review => Standing::WaitingOnL2,
            S::IncidentResponse | S::EscalatedFurther(_) => Standing::HandedOn,
            S::Closed(_) | S::Resolved => Standing::Closed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Standing::WaitingOnL1 => "Waiting on L1",
            Standing::OpenAtL1 => "Open at L1",
            Standing::WaitingOnL2 => "Waiting on L2",
            Standing::HandedOn => "Handed on",
            Standing::Closed => "Closed",
        }
    }
}

/// One case in the handover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftCase {
    pub title: String,
    pub alert_id: String,
    pub stage: Stage,
    pub tlp: Tlp,
    /// What happened to it during the shift, in order ("opened", "escalated to L2", …).
    pub this_shift: Vec<&'static str>,
    /// What has to happen next, and who owns it; `None` once nothing is left to do.
    pub next: Option<(String, String)>,
    pub updated_at: DateTime<Utc>,
}

/// The shift's figures, counted from the audit trail's entries inside the shift.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShiftFigures {
    /// Cases touched: opened, edited or moved on.
    pub handled: usize,
    pub opened: usize,
    pub escalated: usize,
    pub false_positives: usize,
    pub closed_at_l1: usize,
    /// The median time from opening the alert to notifying L2, over the cases escalated
    /// during the shift.
    pub median_to_escalation: Option<Duration>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShiftHandover {
    pub since: DateTime<Utc>,
    pub until: DateTime<Utc>,
    pub figures: ShiftFigures,
    /// The most restricted TLP of the cases in it: the handover is shared no wider.
    pub tlp: Option<Tlp>,
    /// Each standing that has cases, in [`Standing`]'s order; cases most recent first.
    pub sections: Vec<(Standing, Vec<ShiftCase>)>,
}

/// What the handover says a step did during the shift; steps it leaves out return `None`.
fn happened(event: CommandKind) -> Option<&'static str> {
    use CommandKind as K;
    Some(match event {
        K::OpenCase => "opened",
        K::CloseAsFalsePositive => "closed as false positive",
        K::CloseWithoutEscalation => "closed at L1",
        K::NotifyL2 => "escalated to L2",
        K::StartL2Review => "picked up by L2",
        K::RequestClarification => "L2 asked L1",
        K::AnswerClarification => "L1 answered",
        K::Resolve => "resolved",
        K::StartIncidentResponse => "incident response started",
        K::EscalateFurther => "escalated further",
        K::StartReview | K::BeginReport | K::ReviseVerdict | K::SetInProgress | K::AssignToL2 => {
            return None
        }
    })
}

/// The named person, or the tier when nobody was named.
fn person(name: &str, tier: &str) -> String {
    if is_blank(name) {
        tier.to_owned()
    } else {
        format!("{tier} {}", name.trim())
    }
}

/// The next step at the case's stage, and who owns it.
pub fn next_step(case: &Case) -> Option<(String, String)> {
    use Stage as S;
    let l1 = person(&case.report.header.analyst, "L1");
    let l2_name = if is_blank(&case.l2.analyst) {
        &case.notification.l2_assignee
    } else {
        &case.l2.analyst
    };
    let l2 = person(l2_name, "L2");
    let (what, who) = match case.stage {
        S::AlertTriggered => ("Start the L1 review".to_owned(), l1),
        S::L1Review => ("Reach a verdict on the alert".to_owned(), l1),
        S::Reporting => (
            "Finish the report and decide whether to escalate".to_owned(),
            l1,
        ),
        S::InProgress => ("Assign the case to the L2 on shift".to_owned(), l1),
        S::AssignedToL2 => ("Notify L2".to_owned(), l1),
        S::L2Notified => ("Pick the case up and start the L2 review".to_owned(), l2),
        S::L2Review => (
            "Validate, classify and take the case to its outcome".to_owned(),
            l2,
        ),
        S::ClarificationRequested => {
            let question = case
                .clarifications
                .last()
                .map(|q| q.question.trim())
                .unwrap_or_default();
            (format!("Answer L2's question: {question}"), l1)
        }
        S::IncidentResponse => ("Incident response is under way".to_owned(), l2),
        S::EscalatedFurther(t) => (
            "Follow up with the tier that took it".to_owned(),
            t.label().to_owned(),
        ),
        S::Closed(_) | S::Resolved => return None,
    };
    Some((what, who))
}

fn median(mut v: Vec<Duration>) -> Option<Duration> {
    v.sort();
    let n = v.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(v[n / 2]),
        _ => Some((v[n / 2 - 1] + v[n / 2]) / 2),
    }
}

/// The handover for the `hours` (1 to [`MAX_SHIFT_HOURS`]) up to `until`.
pub fn shift_handover(cases: &[Case], until: DateTime<Utc>, hours: u32) -> ShiftHandover {
    let since = until - Duration::hours(i64::from(hours.clamp(1, MAX_SHIFT_HOURS)));
    // Half-open, so two back-to-back handovers never share a moment; and without an upper
    // bound, so a case stamped by a clock running ahead is not left out.
    let in_shift = |t: DateTime<Utc>| since < t;
    // A step is counted once however many cases carry it: a case kept twice from an import
    // ("keep both") repeats its whole trail.
    let mut counted: HashSet<(DateTime<Utc>, CommandKind, &str)> = HashSet::new();
    let mut figures = ShiftFigures::default();
    let mut to_escalation = Vec::new();
    let mut sections: Vec<(Standing, Vec<ShiftCase>)> = Vec::new();
    for case in cases.iter().filter(|c| in_shift(c.updated_at)) {
        figures.handled += 1;
        let mut this_shift = Vec::new();
        for e in case.audit.iter().filter(|e| in_shift(e.at)) {
            let key = (e.at, e.event, e.actor.name.as_str());
            let first = counted.insert(key);
            match e.event {
                _ if !first => {}
                CommandKind::OpenCase => figures.opened += 1,
                CommandKind::CloseAsFalsePositive => figures.false_positives += 1,
                CommandKind::CloseWithoutEscalation => figures.closed_at_l1 += 1,
                CommandKind::NotifyL2 => {
                    figures.escalated += 1;
                    to_escalation.push(e.at - case.created_at);
                }
                _ => {}
            }
            if let Some(what) = happened(e.event) {
                if !this_shift.contains(&what) {
                    this_shift.push(what);
                }
            }
        }
        let one = ShiftCase {
            title: case.report.header.title.clone(),
            alert_id: case.report.header.alert_id.clone(),
            stage: case.stage,
            tlp: case.report.tlp,
            this_shift,
            next: next_step(case),
            updated_at: case.updated_at,
        };
        let standing = Standing::of(case.stage);
        match sections.iter_mut().find(|(s, _)| *s == standing) {
            Some((_, list)) => list.push(one),
            None => sections.push((standing, vec![one])),
        }
    }
    sections.sort_by_key(|(s, _)| *s);
    for (_, list) in &mut sections {
        // Most recent first; the alert ID, then the title, settle ties, not the store's order.
        list.sort_by(|a, b| {
            b.updated_at
                .cmp(&a.updated_at)
                .then_with(|| a.alert_id.cmp(&b.alert_id))
                .then_with(|| a.title.cmp(&b.title))
        });
    }
    figures.median_to_escalation = median(to_escalation);
    let tlp = sections
        .iter()
        .flat_map(|(_, cases)| cases.iter().map(|c| c.tlp))
        .max();
    ShiftHandover {
        since,
        until,
        figures,
        tlp,
        sections,
    }
}

/// `42 min`, `1 h 05 min`, `2 d 3 h`.
pub fn duration_label(d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, m) if h < 48 => format!("{h} h {m:02} min"),
        (h, _) => format!("{} d {} h", h / 24, h % 24),
    }
}

fn figures_rows(f: &ShiftFigures) -> [(&'static str, String); 6] {
    [
        ("Alerts handled", f.handled.to_string()),
        ("Opened", f.opened.to_string()),
        ("Escalated to L2", f.escalated.to_string()),
        ("False positives", f.false_positives.to_string()),
        ("Closed at L1", f.closed_at_l1.to_string()),
        (
            "Median time from alert to escalation",
            f.median_to_escalation
                .map_or_else(|| "none escalated".to_owned(), duration_label),
        ),
    ]
}

/// The handover as Markdown: a title with the shift's times, the figures, then a table per
/// standing. User text is escaped (and links defanged, except the organisation's own).
pub fn shift_markdown(h: &ShiftHandover, options: &ExportOptions) -> String {
    let esc = |s: &str| {
        let s = escape_inline_except(s, &options.own_domains);
        if s.is_empty() {
            "—".to_owned()
        } else {
            s
        }
    };
    let mut o = String::new();
    let _ = writeln!(
        o,
        "# Shift handover: {} to {}\n",
        display(&h.since),
        display(&h.until)
    );
    if let Some(t) = h.tlp {
        let _ = writeln!(
            o,
            "**{}**, the most restricted case in this handover: {}.\n",
            t.label(),
            t.sharing()
        );
    }
    o.push_str("| Figure | This shift |\n| --- | --- |\n");
    for (what, n) in figures_rows(&h.figures) {
        let _ = writeln!(o, "| {what} | {n} |");
    }
    if h.sections.is_empty() {
        o.push_str("\nNo case was touched during this shift.\n");
    }
    for (standing, cases) in &h.sections {
        let _ = writeln!(o, "\n## {} ({})\n", standing.label(), cases.len());
        o.push_str("| Alert ID | TLP | Case | Stage | This shift | Next step | Owner |\n");
        o.push_str("| --- | --- | --- | --- | --- | --- | --- |\n");
        for c in cases {
            let (next, owner) = match &c.next {
                Some((what, who)) => (esc(what), esc(who)),
                None => ("—".to_owned(), "—".to_owned()),
            };
            let this_shift = if c.this_shift.is_empty() {
                "worked on".to_owned()
            } else {
                c.this_shift.join(", ")
            };
            let _ = writeln!(
                o,
                "| {} | {} | {} | {} | {this_shift} | {next} | {owner} |",
                esc(&c.alert_id),
                c.tlp.label(),
                esc(&c.title),
                c.stage.label(),
            );
        }
    }
    o
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The handover as a chat message: the figures on one line, then what the next shift must
/// pick up (every case not closed), one line each. Safe to paste: one line per case, links
/// defanged, no `@` mentions.
pub fn shift_chat(h: &ShiftHandover, options: &ExportOptions) -> String {
    let safe = |s: &str, max: usize| chat_safe(s, &options.own_domains, max);
    let f = &h.figures;
    let mut o = format!(
        "Shift handover, {} to {}\n{} handled: {} opened, {} escalated to L2, {}, {} closed at L1. Median time to escalation: {}.\n",
        display(&h.since),
        display(&h.until),
        count(f.handled, "alert", "alerts"),
        f.opened,
        f.escalated,
        count(f.false_positives, "false positive", "false positives"),
        f.closed_at_l1,
        f.median_to_escalation
            .map_or_else(|| "none escalated".to_owned(), duration_label),
    );
    if let Some(t) = h.tlp {
        let _ = writeln!(
            o,
            "{}: share no wider than the most restricted case in it.",
            t.label()
        );
    }
    let open: Vec<_> = h
        .sections
        .iter()
        .filter(|(s, _)| *s != Standing::Closed)
        .collect();
    if open.is_empty() {
        o.push_str("Nothing is left open.\n");
    }
    for (standing, cases) in open {
        let _ = writeln!(o, "{}:", standing.label());
        for c in cases {
            let id = if is_blank(&c.alert_id) {
                "(no alert ID)".to_owned()
            } else {
                safe(&c.alert_id, 80)
            };
            let _ = write!(o, "- {id} · {} · {}", c.tlp.label(), safe(&c.title, 120));
            if let Some((what, who)) = &c.next {
                let _ = write!(o, " — next: {} ({})", safe(what, 200), safe(who, 80));
            }
            o.push('\n');
        }
    }
    o
}
