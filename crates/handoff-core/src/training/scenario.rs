//! Training scenarios as trainers write them (one JSON file each), and the checks that make a
//! file a usable scenario.

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::vocabulary::escalation::Condition;
use crate::vocabulary::field::FiveW;
use crate::vocabulary::verdict::Verdict;

pub const SCENARIO_FORMAT: &str = "handoff-scenario";

/// One training scenario, as a trainer writes it (one JSON file each).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, VariantArray)]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Beginner => "Beginner",
            Difficulty::Intermediate => "Intermediate",
            Difficulty::Advanced => "Advanced",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expected {
    pub verdict: Verdict,
    pub escalate: bool,
    pub conditions: ExpectedConditions,
    /// Facts the report must mention, each in a given W.
    pub key_facts: Vec<KeyFact>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// A fact the report should carry: any one of the terms, in the given W.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KeyFact {
    pub w: FiveW,
    pub fact: String,
    pub any_of: Vec<String>,
}

/// Reads a scenario file, checking that it is consistent: the expected escalation follows
/// from the expected verdict and conditions by the guide's rule.
pub fn parse_scenario(text: &str) -> Result<Scenario, String> {
    let s: Scenario = serde_json::from_str(text)
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
    let any_condition = Condition::VARIANTS
        .iter()
        .any(|c| s.expected.conditions.get(*c));
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
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioIndex {
    scenarios: Vec<String>,
}

/// The file names that `index.json` (`{"scenarios": ["file.json", ...]}`) lists. Only plain file
/// names are kept, so an index cannot point outside the scenario folder.
pub fn parse_scenario_index(text: &str) -> Result<Vec<String>, String> {
    let index: ScenarioIndex =
        serde_json::from_str(text).map_err(|e| format!("The scenario index is damaged: {e}."))?;
    Ok(index
        .scenarios
        .into_iter()
        .filter(|n| !n.contains(['/', '\\']) && !n.starts_with('.') && !n.is_empty())
        .collect())
}

crate::vocabulary::names::impl_deserialize_by_name!(Difficulty);
