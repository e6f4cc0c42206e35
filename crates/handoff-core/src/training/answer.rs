//! Answers to a scenario as data, played through the workflow as a trainee would: the expected
//! answer (which must score full marks) and every answer with one element wrong (each of which
//! must score less). `cargo xtask scenario check` and the tests use them to prove a scenario
//! and the scorer agree.

use chrono::{DateTime, Utc};
use strum::VariantArray;

use super::play::{l1_replies, start_case};
use super::scenario::{CheckKind, Outcome, Scenario, Term};
use crate::case::{Case, Edit};
use crate::data::FiveWs;
use crate::rules::escalation::recommend;
use crate::vocabulary::command::{Command, Role};
use crate::vocabulary::escalation::{Condition, EscalationChoice};
use crate::vocabulary::field::FiveW;
use crate::vocabulary::l2::{Classification, L2Task};
use crate::vocabulary::stage::EscalationTier;
use crate::vocabulary::verdict::{Severity, Verdict};

/// What a trainee typed and chose.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answer {
    /// The checks run, by id, in order.
    pub checks: Vec<String>,
    pub verdict: Option<Verdict>,
    pub justification: String,
    pub five_ws: FiveWs,
    /// In the order of `Condition::VARIANTS`.
    pub conditions: [Option<bool>; 4],
    pub decision: Option<EscalationChoice>,
    pub ticket: String,
    pub summary: String,
    pub concerns: String,
    pub assignee: String,
    /// L2's question to L1; empty when none is asked.
    pub question: String,
    pub tasks: Vec<L2Task>,
    /// L2's notes, written as the actions taken and the outcome note.
    pub notes: String,
    pub classification: Option<Classification>,
    /// Whether the trainee takes the last step (closes, notifies L2, or takes the outcome).
    pub last_step: bool,
    /// L2: the outcome taken.
    pub outcome: Option<Outcome>,
}

fn first_terms(terms: &[Term]) -> String {
    terms
        .iter()
        .map(|t| {
            t.any_of
                .iter()
                .find(|x| !x.trim().is_empty())
                .cloned()
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A UTC time, which the report's When needs.
const WHEN: &str = "2026-01-01T00:00Z";

/// The answer the scenario expects, with each fact named by its first term.
pub fn expected_answer(s: &Scenario) -> Answer {
    let e = &s.expected;
    let mut a = Answer {
        checks: s
            .checks
            .iter()
            .filter(|c| c.kind == CheckKind::Fact)
            .map(|c| c.id.clone())
            .collect(),
        last_step: true,
        ..Answer::default()
    };
    if s.role == Role::L1 {
        a.verdict = e.verdict;
        let facts: Vec<Term> = e
            .key_facts
            .iter()
            .map(|k| Term {
                fact: k.fact.clone(),
                any_of: k.any_of.clone(),
            })
            .collect();
        a.justification = format!("The evidence: {}", first_terms(&facts));
        for k in &e.key_facts {
            let slot = w_mut(&mut a.five_ws, k.w);
            slot.push_str(&first_terms(&[Term {
                fact: String::new(),
                any_of: k.any_of.clone(),
            }]));
            slot.push_str("; ");
        }
        fill_blank_ws(&mut a.five_ws);
        if let Some(c) = &e.conditions {
            for (i, k) in Condition::VARIANTS.iter().enumerate() {
                a.conditions[i] = Some(c.get(*k));
            }
        }
        a.decision = Some(if e.outcome == Outcome::L2Notified {
            EscalationChoice::Escalate
        } else {
            EscalationChoice::Close
        });
        if e.outcome == Outcome::L2Notified {
            a.ticket = s.alert_id();
            a.summary = format!("What L1 found, in short: {}.", first_terms(&e.summary));
            a.concerns = first_terms(&e.concerns);
            a.assignee = s.l2_on_shift.clone();
        }
    } else {
        a.question = e
            .question
            .as_ref()
            .map(|q| format!("Can you tell me: {}?", first_terms(std::slice::from_ref(q))))
            .unwrap_or_default();
        a.tasks = e.tasks.clone();
        a.notes = first_terms(&e.notes);
        a.classification = e.classification;
        a.outcome = Some(e.outcome);
    }
    a
}

fn w_mut(ws: &mut FiveWs, w: FiveW) -> &mut String {
    match w {
        FiveW::Who => &mut ws.who,
        FiveW::What => &mut ws.what,
        FiveW::When => &mut ws.when,
        FiveW::Where => &mut ws.where_,
        FiveW::Why => &mut ws.why,
    }
}

fn fill_blank_ws(ws: &mut FiveWs) {
    for w in FiveW::VARIANTS {
        let slot = w_mut(ws, *w);
        if slot.trim().is_empty() {
            slot.push_str("as in the alert");
        }
    }
    ws.when.push_str(" (");
    ws.when.push_str(WHEN);
    ws.when.push(')');
}

/// Plays `a` through the workflow from the scenario's start, as far as the workflow lets it
/// go (a step it refuses leaves the case where it is, as in the app).
pub fn play(s: &Scenario, a: &Answer, at: DateTime<Utc>) -> Case {
    let Ok(mut c) = start_case(s, "training-answer".into(), at, "Trainee") else {
        return Case::open("training-answer", "Trainee", at);
    };
    let step = |c: &mut Case, cmd: Command| {
        let _ = c.apply(cmd, at);
    };
    let edit = |c: &mut Case, e: Edit| {
        let _ = c.edit(e, at);
    };
    if s.role == Role::L1 {
        edit(&mut c, Edit::Severity(Some(Severity::High)));
        edit(&mut c, Edit::DetectedAt(Some(at)));
        step(&mut c, Command::StartReview);
        edit(&mut c, Edit::Verdict(a.verdict));
        edit(&mut c, Edit::VerdictJustification(a.justification.clone()));
        if a.verdict == Some(Verdict::FalsePositive) {
            if a.last_step {
                step(&mut c, Command::CloseAsFalsePositive);
            }
            return c;
        }
        step(&mut c, Command::BeginReport);
        for w in FiveW::VARIANTS {
            edit(&mut c, Edit::FiveW(*w, a.five_ws.get(*w).to_owned()));
        }
        for (i, k) in Condition::VARIANTS.iter().enumerate() {
            edit(&mut c, Edit::ConditionApplies(*k, a.conditions[i]));
        }
        edit(&mut c, Edit::Decision(a.decision));
        if recommend(c.report.verdict, &c.report.conditions).is_overridden_by(&c.report.decision) {
            edit(
                &mut c,
                Edit::OverrideReason("The trainee's own call.".into()),
            );
        }
        match a.decision {
            Some(EscalationChoice::Close) if a.last_step => {
                step(&mut c, Command::CloseWithoutEscalation)
            }
            Some(EscalationChoice::Escalate) => {
                step(&mut c, Command::SetInProgress);
                edit(&mut c, Edit::L2Assignee(a.assignee.clone()));
                step(&mut c, Command::AssignToL2);
                edit(&mut c, Edit::TicketId(a.ticket.clone()));
                edit(&mut c, Edit::Summary(a.summary.clone()));
                edit(&mut c, Edit::ImmediateConcerns(a.concerns.clone()));
                if a.last_step {
                    step(&mut c, Command::NotifyL2);
                }
            }
            _ => {}
        }
        return c;
    }
    edit(&mut c, Edit::L2Analyst("Trainee".into()));
    step(&mut c, Command::StartL2Review);
    if !a.question.trim().is_empty() {
        step(
            &mut c,
            Command::RequestClarification {
                question: a.question.clone(),
            },
        );
        let _ = l1_replies(s, &mut c, at);
    }
    for t in &a.tasks {
        edit(&mut c, Edit::L2TaskDone(*t, true));
    }
    edit(&mut c, Edit::ActionsTaken(vec![a.notes.clone()]));
    edit(&mut c, Edit::OutcomeNote(format!("Outcome: {}", a.notes)));
    edit(&mut c, Edit::Classification(a.classification));
    if let (true, Some(o)) = (a.last_step, a.outcome) {
        let cmd = match o {
            Outcome::Resolved => Command::Resolve,
            Outcome::IncidentResponse => Command::StartIncidentResponse,
            Outcome::EscalatedToL3 => Command::EscalateFurther(EscalationTier::L3),
            _ => Command::EscalateFurther(EscalationTier::IncidentResponseTeam),
        };
        step(&mut c, cmd);
    }
    c
}

/// Removes the first term of fact `terms` from a text written by [`expected_answer`].
fn without(text: &str, terms: &[String]) -> String {
    let first = terms.iter().find(|t| !t.trim().is_empty());
    match first {
        Some(t) => text.replace(t.as_str(), ""),
        None => text.to_owned(),
    }
}

/// Every answer with exactly one element wrong, each with what is wrong in it.
pub fn wrong_answers(s: &Scenario) -> Vec<(String, Answer)> {
    let right = expected_answer(s);
    let e = &s.expected;
    let mut out: Vec<(String, Answer)> = Vec::new();
    let mut push = |what: String, f: &dyn Fn(&mut Answer)| {
        let mut a = right.clone();
        f(&mut a);
        out.push((what, a));
    };
    for c in &s.checks {
        let id = c.id.clone();
        match c.kind {
            CheckKind::Fact => push(format!("check \"{}\" not run", c.action), &|a| {
                a.checks.retain(|x| *x != id)
            }),
            CheckKind::DeadEnd => push(format!("dead end \"{}\" run", c.action), &|a| {
                a.checks.push(id.clone())
            }),
        }
    }
    push("the last step not taken".into(), &|a| a.last_step = false);
    if s.role == Role::L1 {
        for v in Verdict::VARIANTS {
            if Some(*v) != e.verdict {
                push(format!("verdict {}", v.label()), &|a| a.verdict = Some(*v));
            }
        }
        if e.verdict != Some(Verdict::FalsePositive) {
            push("the other escalation decision".into(), &|a| {
                a.decision = Some(match a.decision {
                    Some(EscalationChoice::Escalate) => EscalationChoice::Close,
                    _ => EscalationChoice::Escalate,
                })
            });
        }
        // A false positive closes at triage, where the conditions are never asked.
        for (i, k) in Condition::VARIANTS
            .iter()
            .enumerate()
            .filter(|_| e.verdict != Some(Verdict::FalsePositive))
        {
            push(format!("{} answered wrong", k.label()), &|a| {
                a.conditions[i] = a.conditions[i].map(|x| !x)
            });
        }
        for k in &e.key_facts {
            push(format!("key fact left out: {}", k.fact), &|a| {
                a.justification = without(&a.justification, &k.any_of);
                let slot = w_mut(&mut a.five_ws, k.w);
                *slot = without(slot, &k.any_of);
            });
        }
        if e.outcome == Outcome::L2Notified {
            for t in &e.summary {
                push(format!("summary without {}", t.fact), &|a| {
                    a.summary = without(&a.summary, &t.any_of)
                });
            }
            for t in &e.concerns {
                push(format!("immediate concerns without {}", t.fact), &|a| {
                    a.concerns = format!("{} Nothing else.", without(&a.concerns, &t.any_of))
                });
            }
            push("a wrong ticket ID".into(), &|a| a.ticket = "INC-0".into());
            push("assigned to someone not on shift".into(), &|a| {
                a.assignee = "Someone Else".into()
            });
        }
    } else {
        push(
            if e.question.is_some() {
                "no question to L1".into()
            } else {
                "a needless question to L1".into()
            },
            &|a| {
                a.question = if e.question.is_some() {
                    String::new()
                } else {
                    "Anything else I should know?".into()
                }
            },
        );
        for t in e.tasks.iter().filter(|t| **t != L2Task::CloseOrEscalate) {
            push(format!("task not done: {}", t.label()), &|a| {
                a.tasks.retain(|x| x != t)
            });
        }
        for t in &e.notes {
            push(format!("notes without {}", t.fact), &|a| {
                a.notes = without(&a.notes, &t.any_of)
            });
        }
        push("the other classification".into(), &|a| {
            a.classification = Some(match a.classification {
                Some(Classification::Minor) => Classification::Major,
                _ => Classification::Minor,
            })
        });
        for o in Outcome::VARIANTS {
            if o.role() == Role::L2 && *o != e.outcome {
                push(format!("outcome {}", o.label()), &|a| a.outcome = Some(*o));
            }
        }
    }
    out
}
