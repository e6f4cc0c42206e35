//! The scorer: grades a trainee's case, and the checks they ran, against a scenario, and
//! explains every point with the guide's rules. Every scenario is out of 100; the points are
//! spread by the kind of scenario (see the tables below and `docs/training.md`).

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use super::scenario::{names, CheckKind, Outcome, Scenario, Term};
use crate::case::Case;
use crate::vocabulary::command::Role;
use crate::vocabulary::escalation::{Condition, EscalationChoice};
use crate::vocabulary::l2::{Classification, L2Task};
use crate::vocabulary::stage::{ClosureReason, Stage};
use crate::vocabulary::verdict::Verdict;

/// One graded item of the debrief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreItem {
    /// The kind of item, stable across trainees and scenarios (for the class debrief).
    pub key: String,
    pub what: String,
    pub points: u32,
    pub max: u32,
    /// Why, in terms of the guide's rules.
    pub explanation: String,
}

/// A scored case: the training room's worker writes it, the page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Score {
    pub items: Vec<ScoreItem>,
    pub total: u32,
    pub max: u32,
    /// The trainer's explanation of the scenario, shown with the score: it would give the
    /// answers away before.
    pub debrief: String,
}

/// Points per item, by kind of scenario; each column adds up to 100.
struct Weights {
    verdict: u32,
    decision: u32,
    condition: u32,
    facts: u32,
    outcome: u32,
}

/// L1, a false positive: closed at triage, where the conditions are never asked.
const L1_FALSE_POSITIVE: Weights = Weights {
    verdict: 25,
    decision: 20,
    condition: 0,
    facts: 25,
    outcome: 15,
};
/// L1, a true positive closed at L1: the verdict, the call and the record are everything.
const L1_CLOSE: Weights = Weights {
    verdict: 20,
    decision: 20,
    condition: 3,
    facts: 20,
    outcome: 13,
};
/// L1, escalated: part of the points move to the handoff itself.
const L1_ESCALATE: Weights = Weights {
    verdict: 15,
    decision: 15,
    condition: 3,
    facts: 15,
    outcome: 4,
};
const CHECKS: u32 = 10;
const TIME: u32 = 5;
const SUMMARY: u32 = 10;
const CONCERNS: u32 = 8;
const TICKET: u32 = 3;
const ASSIGNEE: u32 = 3;
const L2_QUESTION: u32 = 10;
const L2_TASKS: u32 = 15;
const L2_NOTES: u32 = 20;
const L2_CLASSIFICATION: u32 = 20;
const L2_OUTCOME: u32 = 20;

/// `max` shared out by `found` of `n`, rounded down; all of it when there is nothing to find.
fn share(max: u32, found: usize, n: usize) -> u32 {
    if n == 0 {
        max
    } else {
        max * found as u32 / n as u32
    }
}

fn item(
    items: &mut Vec<ScoreItem>,
    key: &'static str,
    what: String,
    points: u32,
    max: u32,
    why: String,
) {
    items.push(ScoreItem {
        key: key.to_owned(),
        what,
        points,
        max,
        explanation: why,
    });
}

/// The facts of `terms` that `text` does not name, as "fact; fact".
fn missing(text: &str, terms: &[Term]) -> (usize, String) {
    let lower = text.to_lowercase();
    let gone: Vec<&str> = terms
        .iter()
        .filter(|t| !names(&lower, &t.any_of))
        .map(|t| t.fact.as_str())
        .collect();
    (terms.len() - gone.len(), gone.join("; "))
}

/// The escalation decision the trainee's case stands for.
fn decided_escalation(case: &Case) -> Option<bool> {
    if case.stage == Stage::Closed(ClosureReason::FalsePositive) {
        return Some(false);
    }
    if case.stage.is_escalated() {
        return Some(true);
    }
    case.report
        .decision
        .choice
        .map(|c| c == EscalationChoice::Escalate)
}

/// Grades `case` and the checks run (`checks`, by id) against `scenario`: 100 points in all.
pub fn score(scenario: &Scenario, case: &Case, checks: &[String]) -> Score {
    let mut items = Vec::new();
    match scenario.role {
        Role::L1 => l1(scenario, case, &mut items),
        Role::L2 => l2(scenario, case, &mut items),
    }
    investigation(scenario, checks, &mut items);
    let total = items.iter().map(|i| i.points).sum();
    let max = items.iter().map(|i| i.max).sum();
    Score {
        items,
        total,
        max,
        debrief: scenario.debrief.clone(),
    }
}

fn l1(s: &Scenario, case: &Case, items: &mut Vec<ScoreItem>) {
    let e = &s.expected;
    let r = &case.report;
    let (Some(verdict), Some(conditions)) = (e.verdict, &e.conditions) else {
        return;
    };
    let escalate = e.outcome == Outcome::L2Notified;
    let w = match (escalate, verdict) {
        (true, _) => &L1_ESCALATE,
        (false, Verdict::FalsePositive) => &L1_FALSE_POSITIVE,
        (false, _) => &L1_CLOSE,
    };

    let ok = r.verdict == Some(verdict);
    item(
        items,
        "verdict",
        format!("Verdict: expected {}", verdict.label()),
        if ok { w.verdict } else { 0 },
        w.verdict,
        match r.verdict {
            _ if ok => "Right verdict.".to_owned(),
            None => "No verdict was recorded.".to_owned(),
            Some(v) => format!(
                "You chose {}. {}",
                v.label(),
                match verdict {
                    Verdict::NeedsReview => "When the evidence does not settle it, the verdict is Needs Review, and that always goes to L2.",
                    Verdict::FalsePositive => "The evidence shows benign activity; a false positive is closed with a justification.",
                    Verdict::TruePositive => "The evidence shows real malicious or unauthorised activity.",
                }
            ),
        },
    );

    let decided = decided_escalation(case);
    let rule = if verdict == Verdict::NeedsReview {
        "Needs Review always means escalate: when in doubt, hand it on early."
    } else if escalate {
        "At least one escalation condition holds, so the guide says escalate to L2."
    } else {
        "No escalation condition holds, so L1 closes it with the report as the record."
    };
    let ok = decided == Some(escalate);
    item(
        items,
        "escalation",
        format!(
            "Escalation: expected {}",
            if escalate {
                "escalate to L2"
            } else {
                "close at L1"
            }
        ),
        if ok { w.decision } else { 0 },
        w.decision,
        match decided {
            None => format!("No escalation decision was made. {rule}"),
            Some(_) if ok => format!("Right call. {rule}"),
            Some(_) => format!("Wrong call. {rule}"),
        },
    );

    for c in Condition::VARIANTS
        .iter()
        .copied()
        .filter(|_| w.condition > 0)
    {
        let want = conditions.get(c);
        let got = r.conditions.get(c).applies;
        let ok = got == Some(want);
        item(
            items,
            "conditions",
            format!(
                "{}: expected {}",
                c.label(),
                if want { "yes" } else { "no" }
            ),
            if ok { w.condition } else { 0 },
            w.condition,
            match got {
                _ if ok => "Right.".to_owned(),
                None => format!("Not answered. {}", c.guidance()),
                Some(_) => c.guidance().to_owned(),
            },
        );
    }

    // A false positive closes from triage, before the Five Ws: its justification is its record.
    let false_positive = verdict == Verdict::FalsePositive;
    let mut gone = Vec::new();
    for k in &e.key_facts {
        let text = if false_positive {
            let ws = &r.five_ws;
            [
                &r.verdict_justification,
                &ws.who,
                &ws.what,
                &ws.when,
                &ws.where_,
                &ws.why,
            ]
            .map(|t| t.as_str())
            .join(" ")
        } else {
            r.five_ws.get(k.w).to_owned()
        };
        if !names(&text.to_lowercase(), &k.any_of) {
            gone.push(if false_positive {
                k.fact.clone()
            } else {
                format!("{} ({})", k.fact, k.w.label())
            });
        }
    }
    let n = e.key_facts.len();
    let found = n - gone.len();
    item(
        items,
        "facts",
        format!(
            "{} the key facts ({found} of {n})",
            if false_positive { "The justification names" } else { "The Five Ws carry" }
        ),
        share(w.facts, found, n),
        w.facts,
        match (gone.is_empty(), false_positive) {
            (true, _) => "Every key fact is in the record.".to_owned(),
            (false, true) => format!("Not in the justification: {}. A closed false positive should say why it is benign, so the next analyst need not redo the work.", gone.join("; ")),
            (false, false) => format!("Missing from the report: {}. Document before escalation: L2 should not have to rebuild the story.", gone.join("; ")),
        },
    );

    if escalate {
        handoff(s, case, items);
    }
    let reached = if escalate {
        s.finished_at(case.stage) && case.stage.is_escalated()
    } else {
        case.stage == e.outcome.stage()
    };
    item(
        items,
        "outcome",
        if escalate {
            "Handed over: L2 assigned and notified".to_owned()
        } else {
            format!("Closed: expected {}", e.outcome.label())
        },
        if reached { w.outcome } else { 0 },
        w.outcome,
        match (reached, e.outcome) {
            (true, _) => format!("The case reached \"{}\".", case.stage.label()),
            (false, Outcome::L2Notified) => format!("The case stopped at \"{}\". An escalation is done when the ticket is assigned to the L2 on shift and L2 has been told.", case.stage.label()),
            (false, Outcome::ClosedFalsePositive) => format!("The case is at \"{}\". A false positive is closed straight from L1 review, with its justification.", case.stage.label()),
            (false, _) => format!("The case is at \"{}\". A true positive that meets no escalation condition is closed at L1, with the report as its record.", case.stage.label()),
        },
    );
}

/// The notification to L2: summary, immediate concerns, ticket and assignee.
fn handoff(s: &Scenario, case: &Case, items: &mut Vec<ScoreItem>) {
    let e = &s.expected;
    let n = &case.notification;

    let words = n.summary.split_whitespace().count();
    let (found, gone) = missing(&n.summary, &e.summary);
    let present = words >= 6;
    let points = if present { 2 } else { 0 } + share(SUMMARY - 2, found, e.summary.len());
    item(
        items,
        "summary",
        format!(
            "Summary for L2 names the findings ({found} of {})",
            e.summary.len()
        ),
        points,
        SUMMARY,
        if words == 0 {
            "No summary was written. L2 reads the summary of findings first; it is what the notification is for.".to_owned()
        } else {
            let short = if present {
                ""
            } else {
                "It is too short to say what was found. "
            };
            if gone.is_empty() {
                format!("{short}It names what L2 needs first.")
            } else {
                format!("{short}It should also name: {gone}. Concise, factual and specific: L2 should not have to open the report to learn what happened.")
            }
        },
    );

    let (found, gone) = missing(&n.immediate_concerns, &e.concerns);
    let written = !n.immediate_concerns.trim().is_empty();
    let points = if written { 2 } else { 0 } + share(CONCERNS - 2, found, e.concerns.len());
    item(
        items,
        "concerns",
        format!("Immediate concerns ({found} of {})", e.concerns.len()),
        points,
        CONCERNS,
        match (written, gone.is_empty()) {
            (false, _) => format!("None were written. Say what cannot wait, such as lateral movement still going on: here, {}.", e.concerns.iter().map(|t| t.fact.as_str()).collect::<Vec<_>>().join("; ")),
            (true, true) => "They name what cannot wait.".to_owned(),
            (true, false) => format!("They leave out what cannot wait: {gone}."),
        },
    );

    let ticket = s.alert_id();
    let ok = n.ticket_id.trim().eq_ignore_ascii_case(&ticket);
    item(
        items,
        "ticket",
        format!("Ticket ID: expected {ticket}"),
        if ok { TICKET } else { 0 },
        TICKET,
        match (ok, n.ticket_id.trim()) {
            (true, _) => "Right: L2 opens the case from it.".to_owned(),
            (false, "") => "The notification carries no ticket ID. L2 needs the alert or ticket ID to find the case.".to_owned(),
            (false, other) => format!("The notification carries \"{other}\". L2 needs the alert or ticket ID to find the case."),
        },
    );

    let on_shift = s.l2_on_shift.trim();
    let ok = n.l2_assignee.trim().eq_ignore_ascii_case(on_shift);
    item(
        items,
        "assignee",
        format!("Assigned to the L2 on shift ({on_shift})"),
        if ok { ASSIGNEE } else { 0 },
        ASSIGNEE,
        match (ok, n.l2_assignee.trim()) {
            (true, _) => "Right.".to_owned(),
            (false, "") => format!("Not assigned. The ticket goes to the L2 analyst on shift, {on_shift}, so that the right person is told."),
            (false, other) => format!("Assigned to \"{other}\". The ticket goes to the L2 analyst on shift, {on_shift}, so that the right person is told."),
        },
    );
}

fn l2(s: &Scenario, case: &Case, items: &mut Vec<ScoreItem>) {
    let e = &s.expected;
    let l2 = &case.l2;

    let asked: Vec<&str> = case
        .clarifications
        .iter()
        .map(|q| q.question.as_str())
        .collect();
    let (points, why) = match (&e.question, asked.is_empty()) {
        (Some(q), true) => (0, format!("The handoff left this open: {}. L2 contacts L1 when something needs clarifying, rather than guess.", q.fact)),
        (Some(q), false) if names(&asked.join(" ").to_lowercase(), &q.any_of) => {
            (L2_QUESTION, format!("Right: the handoff left open {}, and you asked.", q.fact))
        }
        (Some(q), false) => (L2_QUESTION / 2, format!("You asked L1, but not about what the handoff left open: {}.", q.fact)),
        (None, true) => (L2_QUESTION, "Right: the handoff held what you needed.".to_owned()),
        (None, false) => (L2_QUESTION / 2, "The handoff already held what you needed; a question costs L1 and you a round trip.".to_owned()),
    };
    item(
        items,
        "question",
        format!(
            "Question to L1: {}",
            if e.question.is_some() {
                "needed"
            } else {
                "not needed"
            }
        ),
        points,
        L2_QUESTION,
        why,
    );

    // Taking the outcome ticks "close or escalate further" itself: the outcome item scores it.
    let tasks: Vec<L2Task> = e
        .tasks
        .iter()
        .copied()
        .filter(|t| *t != L2Task::CloseOrEscalate)
        .collect();
    let undone: Vec<&str> = tasks
        .iter()
        .filter(|t| !l2.tasks.get(**t).done)
        .map(|t| t.label())
        .collect();
    let n = tasks.len();
    item(
        items,
        "tasks",
        format!("L2 tasks done ({} of {n})", n - undone.len()),
        share(L2_TASKS, n - undone.len(), n),
        L2_TASKS,
        if undone.is_empty() {
            "Every task this case needs is done.".to_owned()
        } else {
            format!(
                "Not done: {}. Each task L2 owns leaves its trace in the ticket.",
                undone.join("; ")
            )
        },
    );

    let mut record = l2.actions_taken.join("\n");
    for t in L2Task::VARIANTS {
        record.push('\n');
        record.push_str(&l2.tasks.get(*t).notes);
    }
    record.push('\n');
    record.push_str(&l2.outcome_note);
    let (found, gone) = missing(&record, &e.notes);
    item(
        items,
        "notes",
        format!(
            "L2's record names the findings ({found} of {})",
            e.notes.len()
        ),
        share(L2_NOTES, found, e.notes.len()),
        L2_NOTES,
        if gone.is_empty() {
            "The notes, actions taken and outcome say what was found and done.".to_owned()
        } else {
            format!("Not in the notes, actions taken or outcome: {gone}. Detailed notes in the same ticket keep the trail complete for whoever comes next.")
        },
    );

    if let Some(class) = e.classification {
        let ok = l2.classification == Some(class);
        item(
            items,
            "classification",
            format!("Classification: expected {}", class.label()),
            if ok { L2_CLASSIFICATION } else { 0 },
            L2_CLASSIFICATION,
            format!(
                "{}{}",
                if ok {
                    "Right. "
                } else if l2.classification.is_none() {
                    "Not classified. "
                } else {
                    "Wrong. "
                },
                match class {
                    Classification::Minor =>
                        "Contained, with limited impact: a minor incident, which L2 resolves.",
                    Classification::Major =>
                        "A formal security incident: major, and incident response starts.",
                }
            ),
        );
    }

    let ok = case.stage == e.outcome.stage();
    item(
        items,
        "outcome",
        format!("Outcome: expected {}", e.outcome.label()),
        if ok { L2_OUTCOME } else { 0 },
        L2_OUTCOME,
        format!(
            "{}{}",
            if ok { "Right. ".to_owned() } else { format!("The case is at \"{}\". ", case.stage.label()) },
            match e.outcome {
                Outcome::Resolved => "A contained, minor incident is resolved at L2.",
                Outcome::IncidentResponse => "Once L2 confirms a major security incident, incident response begins.",
                Outcome::EscalatedToL3 => "When the case needs more than L2 can give (reverse engineering, deep forensics), it goes on to L3.",
                _ => "When the case needs a response beyond the SOC's own (legal, customers, outside parties), it goes to the incident response team.",
            }
        ),
    );
}

/// The checks run: which mattered, which were missed, and the shift time spent on dead ends.
fn investigation(s: &Scenario, run: &[String], items: &mut Vec<ScoreItem>) {
    let ran = |id: &str| run.iter().any(|r| r == id);
    let facts: Vec<_> = s
        .checks
        .iter()
        .filter(|c| c.kind == CheckKind::Fact)
        .collect();
    let mattered: Vec<&str> = facts
        .iter()
        .filter(|c| ran(&c.id))
        .map(|c| c.action.as_str())
        .collect();
    let missed: Vec<String> = facts
        .iter()
        .filter(|c| !ran(&c.id))
        .map(|c| {
            format!(
                "{} (it would have shown: {})",
                c.action,
                c.result.trim_end().trim_end_matches('.')
            )
        })
        .collect();
    let mut why = String::new();
    if !mattered.is_empty() {
        why.push_str(&format!("Mattered: {}. ", mattered.join("; ")));
    }
    if !missed.is_empty() {
        why.push_str(&format!("Not run: {}.", missed.join("; ")));
    }
    item(
        items,
        "checks",
        format!(
            "Checks that mattered ({} of {})",
            mattered.len(),
            facts.len()
        ),
        share(CHECKS, mattered.len(), facts.len()),
        CHECKS,
        why.trim_end().to_owned(),
    );

    let used = s.minutes(run);
    let wasted: Vec<_> = s
        .checks
        .iter()
        .filter(|c| c.kind == CheckKind::DeadEnd && ran(&c.id))
        .collect();
    let lost: u32 = wasted.iter().map(|c| c.minutes).sum();
    item(
        items,
        "time",
        format!("Shift time: {used} min, {lost} on dead ends"),
        // No time used is no time wasted.
        (TIME * (used - lost)).checked_div(used).unwrap_or(TIME),
        TIME,
        if wasted.is_empty() {
            "No time went on checks that could not change the call.".to_owned()
        } else {
            format!(
                "Wasted: {}. Time on a check that cannot change the call is time the next alert waits.",
                wasted
                    .iter()
                    .map(|c| format!("{} ({} min)", c.action, c.minutes))
                    .collect::<Vec<_>>()
                    .join("; ")
            )
        },
    );
}
