//! Playing a scenario: what the training room's page holds of it ([`Playable`]), the case a
//! trainee starts from, and the other tier's scripted part.
//!
//! The room's worker reads scenario files; the page gets a [`Playable`] only. The expected
//! answers and the trainer's note stay with the worker, which scores against the file, so the
//! page carries neither the scenario reader nor anything a trainee could read the answers
//! from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::scenario::{Check, Difficulty, Scenario};
use crate::case::{Case, Refusal};
use crate::intake::extract;
use crate::package::import_located;
use crate::vocabulary::command::{Command, Role};
use crate::vocabulary::indicator::Indicator;
use crate::vocabulary::stage::Stage;

/// Where a trainee starts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Opening {
    /// L1: a new case holding the alert.
    Alert {
        title: String,
        alert_id: String,
        raw_alert: String,
        indicators: Vec<Indicator>,
    },
    /// L2: L1's handoff package (its JSON text), a case at "L2 notified".
    Handoff(String),
}

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
    pub opening: Opening,
}

impl Scenario {
    /// What the page needs to play this scenario. Fails only for an L2 scenario whose
    /// handoff cannot be read, which `parse_scenario` refuses.
    pub fn playable(&self) -> Result<Playable, String> {
        let opening = match self.role {
            Role::L2 => {
                self.handoff_case()?;
                Opening::Handoff(self.handoff.clone().unwrap_or_default())
            }
            Role::L1 => Opening::Alert {
                title: format!("Training: {}", self.title),
                alert_id: self.alert_id(),
                indicators: extract(&self.raw_alert),
                raw_alert: self.raw_alert.clone(),
            },
        };
        Ok(Playable {
            id: self.id.clone(),
            title: self.title.clone(),
            difficulty: self.difficulty,
            role: self.role,
            briefing: self.briefing.clone(),
            l2_on_shift: self.l2_on_shift.clone(),
            checks: self.checks.clone(),
            reply: self.reply().to_owned(),
            opening,
        })
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

    /// The case a trainee starts from: a new case holding the alert (title, ID, raw text and
    /// the indicators found in it) for L1, L1's handoff at "L2 notified" for L2. Fails only
    /// when the handoff no longer reads, which the worker checked when it read the file.
    pub fn start(&self, id: String, at: DateTime<Utc>, trainee: &str) -> Result<Case, String> {
        let (title, alert_id, raw_alert, indicators) = match &self.opening {
            Opening::Handoff(package) => {
                return import_located(package.as_bytes())
                    .map(|c| c.with_id(id))
                    .map_err(|e| format!("its handoff cannot be read: {e}"))
            }
            Opening::Alert {
                title,
                alert_id,
                raw_alert,
                indicators,
            } => (title, alert_id, raw_alert, indicators),
        };
        let name = if trainee.trim().is_empty() {
            "Trainee"
        } else {
            trainee.trim()
        };
        let mut case = Case::open(id, name, at);
        let _ = case.edit_report(at, |r| {
            r.header.title = title.clone();
            r.header.alert_id = alert_id.clone();
            r.indicators = indicators.clone();
            r.raw_alert = raw_alert.clone();
        });
        Ok(case)
    }
}

/// The case a trainee starts `s` from (see [`Playable::start`]).
pub fn start_case(
    s: &Scenario,
    id: String,
    at: DateTime<Utc>,
    trainee: &str,
) -> Result<Case, String> {
    s.playable()?.start(id, at, trainee)
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
