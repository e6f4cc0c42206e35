//! Playing a scenario: the case a trainee starts from, and the other tier's scripted part.

use chrono::{DateTime, Utc};

use super::scenario::Scenario;
use crate::case::{Case, Refusal};
use crate::intake::extract;
use crate::vocabulary::command::{Command, Role};
use crate::vocabulary::stage::Stage;

/// The case a trainee starts a scenario from. L1 gets a new case holding the alert (title,
/// ID, raw text and the indicators found in it); L2 gets L1's handoff, at "L2 notified".
/// Fails only for an L2 scenario whose handoff cannot be read, which `parse_scenario`
/// refuses.
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
        r.indicators = extract(&raw);
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
