//! The scorer: grades a trainee's case against a scenario and explains every point with the
//! guide's rules.

use strum::VariantArray;

use super::scenario::Scenario;
use crate::case::Case;
use crate::vocabulary::escalation::{Condition, EscalationChoice};
use crate::vocabulary::stage::{ClosureReason, Stage};
use crate::vocabulary::verdict::Verdict;

/// One graded item of the debrief.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScoreItem {
    pub what: String,
    pub points: u32,
    pub max: u32,
    /// Why, in terms of the guide's rules.
    pub explanation: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Score {
    pub items: Vec<ScoreItem>,
    pub total: u32,
    pub max: u32,
}

const VERDICT_POINTS: u32 = 30;
const DECISION_POINTS: u32 = 30;
const CONDITION_POINTS: u32 = 5;
const FACT_POINTS: u32 = 20;

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

/// Grades `case` against `scenario`: 100 points in all.
pub fn score(scenario: &Scenario, case: &Case) -> Score {
    let r = &case.report;
    let e = &scenario.expected;
    let mut items = Vec::new();

    let verdict_ok = r.verdict == Some(e.verdict);
    items.push(ScoreItem {
        what: format!("Verdict: expected {}", e.verdict.label()),
        points: if verdict_ok { VERDICT_POINTS } else { 0 },
        max: VERDICT_POINTS,
        explanation: match (verdict_ok, r.verdict) {
            (true, _) => "Right verdict.".to_owned(),
            (false, None) => "No verdict was recorded.".to_owned(),
            (false, Some(v)) => format!(
                "You chose {}. {}",
                v.label(),
                match e.verdict {
                    Verdict::NeedsReview => "When the evidence does not settle it, the verdict is Needs Review, and that always goes to L2.",
                    Verdict::FalsePositive => "The evidence shows benign activity; a false positive is closed with a justification.",
                    Verdict::TruePositive => "The evidence shows real malicious activity.",
                }
            ),
        },
    });

    let decided = decided_escalation(case);
    let decision_ok = decided == Some(e.escalate);
    let rule = if e.verdict == Verdict::NeedsReview {
        "Needs Review always means escalate: when in doubt, hand it on early."
    } else if e.escalate {
        "At least one escalation condition holds, so the guide says escalate to L2."
    } else {
        "No escalation condition holds, so L1 closes it with the report as the record."
    };
    items.push(ScoreItem {
        what: format!(
            "Escalation: expected {}",
            if e.escalate {
                "escalate to L2"
            } else {
                "close at L1"
            }
        ),
        points: if decision_ok { DECISION_POINTS } else { 0 },
        max: DECISION_POINTS,
        explanation: match decided {
            None => format!("No escalation decision was made. {rule}"),
            Some(_) if decision_ok => format!("Right call. {rule}"),
            Some(_) => format!("Wrong call. {rule}"),
        },
    });

    for c in Condition::VARIANTS.iter().copied() {
        let want = e.conditions.get(c);
        let got = r.conditions.get(c).applies;
        let ok = got == Some(want);
        items.push(ScoreItem {
            what: format!(
                "{}: expected {}",
                c.label(),
                if want { "yes" } else { "no" }
            ),
            points: if ok { CONDITION_POINTS } else { 0 },
            max: CONDITION_POINTS,
            explanation: if ok {
                "Right.".to_owned()
            } else if got.is_none() {
                format!("Not answered. {}", c.guidance())
            } else {
                c.guidance().to_owned()
            },
        });
    }

    let w_text = |w| r.five_ws.get(w).to_lowercase();
    let n = e.key_facts.len() as u32;
    let mut found = 0;
    let mut missing = Vec::new();
    for k in &e.key_facts {
        let text = w_text(k.w);
        if k.any_of
            .iter()
            .any(|t| !t.trim().is_empty() && text.contains(&t.to_lowercase()))
        {
            found += 1;
        } else {
            missing.push(format!("{} ({})", k.fact, k.w.label()));
        }
    }
    // No key facts to look for means nothing can be missing.
    let fact_points = (FACT_POINTS * found).checked_div(n).unwrap_or(FACT_POINTS);
    items.push(ScoreItem {
        what: format!("Five Ws cover the key facts ({found} of {n})"),
        points: fact_points,
        max: FACT_POINTS,
        explanation: if missing.is_empty() {
            "Every key fact is in the report.".to_owned()
        } else {
            format!("Missing from the report: {}. Document before escalation: L2 should not have to rebuild the story.", missing.join("; "))
        },
    });

    let total = items.iter().map(|i| i.points).sum();
    let max = items.iter().map(|i| i.max).sum();
    Score { items, total, max }
}
