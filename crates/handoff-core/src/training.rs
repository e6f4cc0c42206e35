//! Training: alert scenarios with an expected outcome, and the scorer that grades a trainee's
//! case against one and explains every point with the guide's rules.

use crate::case::{Case, Verdict};
use crate::escalation::{Condition, EscalationChoice};
use crate::field::Field;
use crate::json::{ToJson, Writer};
use crate::workflow::{ClosureReason, Stage};
use crate::{json_enum, json_object};

pub const SCENARIO_FORMAT: &str = "handoff-scenario";

/// One training scenario, as a trainer writes it (one JSON file each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    /// Always "handoff-scenario".
    pub format: String,
    pub id: String,
    pub title: String,
    pub difficulty: Difficulty,
    /// The alert as the SIEM shows it; pasted into the trainee's case.
    pub raw_alert: String,
    /// What a trainee can find out by investigating (the trainer reveals them on request).
    pub facts: Vec<String>,
    pub expected: Expected,
    /// The trainer's explanation, shown after scoring.
    pub debrief: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    pub verdict: Verdict,
    pub escalate: bool,
    pub conditions: ExpectedConditions,
    /// Facts the report must mention, each in a given W.
    pub key_facts: Vec<KeyFact>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedConditions {
    pub major_attack_indicators: bool,
    pub remediation_required: bool,
    pub cross_team_communication: bool,
    pub uncertain_verdict: bool,
}

impl ExpectedConditions {
    pub fn get(&self, c: Condition) -> bool {
        match c {
            Condition::MajorAttackIndicators => self.major_attack_indicators,
            Condition::RemediationRequired => self.remediation_required,
            Condition::CrossTeamCommunication => self.cross_team_communication,
            Condition::UncertainVerdict => self.uncertain_verdict,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum W {
    Who,
    What,
    When,
    Where,
    Why,
}

impl W {
    pub fn field(self) -> Field {
        match self {
            W::Who => Field::Who,
            W::What => Field::What,
            W::When => Field::When,
            W::Where => Field::Where,
            W::Why => Field::Why,
        }
    }
}

/// A fact the report should carry: any one of the terms, in the given W.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyFact {
    pub w: W,
    pub fact: String,
    pub any_of: Vec<String>,
}

json_object!(
    #[strict]
    Scenario {
        format,
        id,
        title,
        difficulty,
        raw_alert,
        facts,
        expected,
        debrief
    }
);
json_enum!(Difficulty {
    Beginner = "beginner",
    Intermediate = "intermediate",
    Advanced = "advanced",
});
json_object!(
    #[strict]
    Expected {
        verdict,
        escalate,
        conditions,
        key_facts
    }
);
json_object!(
    #[strict]
    ExpectedConditions {
        major_attack_indicators,
        remediation_required,
        cross_team_communication,
        uncertain_verdict
    }
);
json_enum!(W {
    Who = "who",
    What = "what",
    When = "when",
    Where = "where",
    Why = "why",
});
json_object!(
    #[strict]
    KeyFact { w, fact, any_of }
);

/// Reads a scenario file, checking that it is consistent: the expected escalation follows
/// from the expected verdict and conditions by the guide's rule.
pub fn parse_scenario(text: &str) -> Result<Scenario, String> {
    let s: Scenario = crate::json::from_str(text)
        .map_err(|e| format!("This is not a valid scenario file: {e}."))?;
    if s.format != SCENARIO_FORMAT {
        return Err(format!(
            "This is not a scenario file: its format is not \"{SCENARIO_FORMAT}\"."
        ));
    }
    let bad = |why: String| Err(format!("The scenario \"{}\" is inconsistent: {why}.", s.id));
    if s.id.trim().is_empty() || s.title.trim().is_empty() || s.raw_alert.trim().is_empty() {
        return bad("it needs an id, a title and the raw alert".into());
    }
    let any_condition = Condition::ALL.iter().any(|c| s.expected.conditions.get(*c));
    let should_escalate = any_condition || s.expected.verdict == Verdict::NeedsReview;
    if s.expected.escalate != should_escalate {
        return bad(format!(
            "it expects escalate = {} but the verdict and conditions say {}",
            s.expected.escalate, should_escalate
        ));
    }
    if s.expected.verdict == Verdict::NeedsReview && !s.expected.conditions.uncertain_verdict {
        return bad("a Needs Review verdict means the verdict is uncertain".into());
    }
    if s.expected.key_facts.is_empty()
        || s.expected
            .key_facts
            .iter()
            .any(|k| k.any_of.iter().all(|t| t.trim().is_empty()))
    {
        return bad("every key fact needs at least one term to look for".into());
    }
    if s.facts.is_empty() || s.debrief.trim().is_empty() {
        return bad("it needs facts to uncover and a debrief".into());
    }
    Ok(s)
}

/// The scenario library's `index.json`.
struct ScenarioIndex {
    scenarios: Vec<String>,
}
json_object!(ScenarioIndex { scenarios });

/// The file names that `index.json` (`{"scenarios": ["file.json", ...]}`) lists. Only plain file
/// names are kept, so an index cannot point outside the scenario folder.
pub fn parse_scenario_index(text: &str) -> Result<Vec<String>, String> {
    let index: ScenarioIndex =
        crate::json::from_str(text).map_err(|e| format!("The scenario index is damaged: {e}."))?;
    Ok(index
        .scenarios
        .into_iter()
        .filter(|n| !n.contains(['/', '\\']) && !n.starts_with('.') && !n.is_empty())
        .collect())
}

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

    for c in Condition::ALL {
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

    let w_text = |w: W| -> String {
        let f = &r.five_ws;
        match w {
            W::Who => &f.who,
            W::What => &f.what,
            W::When => &f.when,
            W::Where => &f.where_,
            W::Why => &f.why,
        }
        .to_lowercase()
    };
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
            missing.push(format!("{} ({})", k.fact, k.w.field().label()));
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

/// One finished scenario in a training session.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrainingResult {
    pub scenario_id: String,
    pub title: String,
    pub score: u32,
    pub max: u32,
    pub seconds: u64,
    pub completed_at: chrono::DateTime<chrono::Utc>,
}

json_object!(TrainingResult {
    scenario_id,
    title,
    score,
    max,
    seconds,
    completed_at
});

/// The session summary for the trainer, as JSON.
pub fn session_json(results: &[TrainingResult]) -> String {
    let mut w = Writer::new();
    w.begin_object();
    w.key("format");
    w.string("handoff-training-session");
    w.key("scenarios");
    w.u64(results.len() as u64);
    w.key("total");
    w.u64(results.iter().map(|r| u64::from(r.score)).sum());
    w.key("max");
    w.u64(results.iter().map(|r| u64::from(r.max)).sum());
    w.key("results");
    results.write_json(&mut w);
    w.end_object();
    let mut out = w.finish();
    out.push('\n');
    out
}

/// The session summary for the trainer, as Markdown.
pub fn session_markdown(results: &[TrainingResult]) -> String {
    use crate::package::escape_inline;
    let mut o = String::from("# Handoff training session\n\n");
    let total: u32 = results.iter().map(|r| r.score).sum();
    let max: u32 = results.iter().map(|r| r.max).sum();
    o.push_str(&format!(
        "{} scenarios, {total} of {max} points.\n\n",
        results.len()
    ));
    o.push_str("| Scenario | Score | Time taken | Completed (UTC) |\n| --- | --- | --- | --- |\n");
    for r in results {
        o.push_str(&format!(
            "| {} | {} / {} | {} min {:02} s | {} |\n",
            escape_inline(&r.title),
            r.score,
            r.max,
            r.seconds / 60,
            r.seconds % 60,
            crate::time::rfc3339(&r.completed_at)
        ));
    }
    o
}
