//! The L2 side of a handoff: the six tasks, the classification, the outcome, and the
//! clarification exchanges with L1.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::audit::Actor;
use crate::vocabulary::l2::{Classification, L2Task};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TaskState {
    pub done: bool,
    pub notes: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct L2Tasks {
    pub validate_findings: TaskState,
    pub deeper_analysis: TaskState,
    pub coordinate_teams: TaskState,
    pub classify_incident: TaskState,
    pub document_actions: TaskState,
    pub close_or_escalate: TaskState,
}

impl L2Tasks {
    pub fn get(&self, t: L2Task) -> &TaskState {
        match t {
            L2Task::ValidateFindings => &self.validate_findings,
            L2Task::DeeperAnalysis => &self.deeper_analysis,
            L2Task::CoordinateTeams => &self.coordinate_teams,
            L2Task::ClassifyIncident => &self.classify_incident,
            L2Task::DocumentActions => &self.document_actions,
            L2Task::CloseOrEscalate => &self.close_or_escalate,
        }
    }

    pub fn get_mut(&mut self, t: L2Task) -> &mut TaskState {
        match t {
            L2Task::ValidateFindings => &mut self.validate_findings,
            L2Task::DeeperAnalysis => &mut self.deeper_analysis,
            L2Task::CoordinateTeams => &mut self.coordinate_teams,
            L2Task::ClassifyIncident => &mut self.classify_incident,
            L2Task::DocumentActions => &mut self.document_actions,
            L2Task::CloseOrEscalate => &mut self.close_or_escalate,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct L2Section {
    pub analyst: String,
    pub tasks: L2Tasks,
    pub actions_taken: Vec<String>,
    pub classification: Option<Classification>,
    pub outcome_note: String,
}

/// L2 asked L1 something and (once answered) L1's reply.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Clarification {
    pub question: String,
    pub asked_by: Actor,
    #[serde(with = "crate::vocabulary::time::rfc3339_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub asked_at: DateTime<Utc>,
    pub answer: Option<ClarificationAnswer>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ClarificationAnswer {
    pub text: String,
    pub answered_by: Actor,
    #[serde(with = "crate::vocabulary::time::rfc3339_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub answered_at: DateTime<Utc>,
}
