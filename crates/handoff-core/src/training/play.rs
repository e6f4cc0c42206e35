//! Playing a scenario: what the training room's page holds of it ([`Playable`]), the case a
//! trainee starts from, and the other tier's scripted part.
//!
//! The room's worker reads scenario files, starts the case and scores it; the page gets a
//! [`Playable`], the part it shows and plays, and keeps the file's text only to send back for
//! scoring. So the page carries no scenario reader (the path tracking alone was tens of
//! kilobytes of its first load).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::scenario::{Check, Difficulty, Scenario};
use crate::case::{Case, Refusal};
use crate::intake::extract;
use crate::vocabulary::command::{Command, Role};
use crate::vocabulary::stage::Stage;

/// A scenario as the training room's page holds it: what the trainee is told and may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Playable {
    pub id: String,
    pub title: String,
    pub difficulty: Difficulty,
    pub role: Role,
    pub briefing: String,
    /// L1 scenarios that go to L2: the L2 analyst on shift.
    pub l2_on_shift: String,
    pub checks: Vec<Check>,
    /// L2 scenarios: L1's scripted answer to a question.
    pub reply: String,
}

impl Scenario {
    /// What the page needs to play this scenario.
    pub fn playable(&self) -> Playable {
        Playable {
            id: self.id.clone(),
            title: self.title.clone(),
            difficulty: self.difficulty,
            role: self.role,
            briefing: self.briefing.clone(),
            l2_on_shift: self.l2_on_shift.clone(),
            checks: self.checks.clone(),
            reply: self.reply().to_owned(),
        }
    }
}

impl Playable {
    pub fn check(&self, id: &str) -> Option<&Check> {
        super::scenario::find_check(&self.checks, id)
    }

    /// Simulated minutes the checks run so far took.
    pub fn minutes(&self, run: &[String]) -> u32 {
        super::scenario::minutes(&self.checks, run)
    }

    /// See [`Scenario::finished_at`].
    pub fn finished_at(&self, stage: Stage) -> bool {
        super::scenario::finished_at(self.role, stage)
    }
}

/// The case a trainee starts a scenario from. L1 gets a new case holding the alert (title,
/// ID, raw text and the indicators found in it); L2 gets L1's handoff, at "L2 notified".
/// Fails only for an L2 scenario whose handoff cannot be read, which `parse_scenario`
/// refuses. The room's worker starts it, so the page needs neither the extractor nor the
/// handoff's text.
pub fn start_case(
    s: &Scenario,
    id: String,
    at: DateTime<Utc>,
    trainee: &str,
) -> Result<Case, String> {
    if s.role == Role::L2 {
        return Ok(s.handoff_case()?.with_id(id));
    }
    let name = if trainee.trim().is_empty() {
        "Trainee"
    } else {
        trainee.trim()
    };
    let mut case = Case::open(id, name, at);
    let raw = s.raw_alert.clone();
    let _ = case.edit_report(at, |r| {
        r.header.title = format!("Training: {}", s.title);
        r.header.alert_id = s.alert_id();
        r.indicators = extract(&raw).into();
        r.raw_alert = raw;
    });
    Ok(case)
}

/// L1's scripted answer to the trainee's question (an L2 scenario), which hands the case
/// back to the trainee. Refused unless a question is waiting.
pub fn l1_replies(s: &Scenario, case: &mut Case, at: DateTime<Utc>) -> Result<Stage, Refusal> {
    case.apply(
        Command::AnswerClarification {
            answer: s.reply().to_owned(),
        },
        at,
    )
}
