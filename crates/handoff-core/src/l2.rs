//! The L2 side of a handoff: the six tasks L2 owns after an escalation, the classification,
//! the outcome and the clarification exchanges with L1.

use crate::{json_enum, json_object};
use chrono::{DateTime, Utc};

use crate::audit::Actor;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum L2Task {
    ValidateFindings,
    DeeperAnalysis,
    CoordinateTeams,
    ClassifyIncident,
    DocumentActions,
    CloseOrEscalate,
}

impl L2Task {
    pub const ALL: [L2Task; 6] = [
        L2Task::ValidateFindings,
        L2Task::DeeperAnalysis,
        L2Task::CoordinateTeams,
        L2Task::ClassifyIncident,
        L2Task::DocumentActions,
        L2Task::CloseOrEscalate,
    ];

    pub fn label(self) -> &'static str {
        match self {
            L2Task::ValidateFindings => "Validate L1 findings",
            L2Task::DeeperAnalysis => "Deeper technical analysis",
            L2Task::CoordinateTeams => "Coordinate with other teams",
            L2Task::ClassifyIncident => "Incident classification",
            L2Task::DocumentActions => "Document actions taken",
            L2Task::CloseOrEscalate => "Close or escalate further",
        }
    }

    /// What the task involves, in Handoff's own words.
    pub fn guidance(self) -> &'static str {
        match self {
            L2Task::ValidateFindings => {
                "Check that the evidence really shows a true positive and justifies the escalation."
            }
            L2Task::DeeperAnalysis => {
                "Go past the alert: logs, host forensics, threat intelligence, malware analysis."
            }
            L2Task::CoordinateTeams => {
                "Bring in IT, network or DFIR where containment or remediation needs them."
            }
            L2Task::ClassifyIncident => {
                "Decide whether this is a formal security incident: minor or major."
            }
            L2Task::DocumentActions => {
                "Record what was done and found in the same ticket, so the trail is complete."
            }
            L2Task::CloseOrEscalate => {
                "Resolve it when contained, or hand it to L3 or incident response when it is not."
            }
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            L2Task::ValidateFindings => "l2-validate",
            L2Task::DeeperAnalysis => "l2-analysis",
            L2Task::CoordinateTeams => "l2-coordinate",
            L2Task::ClassifyIncident => "l2-classify",
            L2Task::DocumentActions => "l2-document",
            L2Task::CloseOrEscalate => "l2-close-or-escalate",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct TaskState {
    pub done: bool,
    pub notes: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum Classification {
    /// Contained, limited impact: L2 resolves it.
    Minor,
    /// A security incident: incident response starts.
    Major,
}

impl Classification {
    pub fn label(self) -> &'static str {
        match self {
            Classification::Minor => "Minor",
            Classification::Major => "Major",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct L2Section {
    pub analyst: String,
    pub tasks: L2Tasks,
    pub actions_taken: Vec<String>,
    pub classification: Option<Classification>,
    pub outcome_note: String,
}

/// L2 asked L1 something and (once answered) L1's reply.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct Clarification {
    pub question: String,
    pub asked_by: Actor,
    #[cfg_attr(feature = "schema", serde(with = "crate::time::utc"))]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub asked_at: DateTime<Utc>,
    pub answer: Option<ClarificationAnswer>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct ClarificationAnswer {
    pub text: String,
    pub answered_by: Actor,
    #[cfg_attr(feature = "schema", serde(with = "crate::time::utc"))]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub answered_at: DateTime<Utc>,
}

json_object!(TaskState { done, notes });
json_object!(L2Tasks {
    validate_findings,
    deeper_analysis,
    coordinate_teams,
    classify_incident,
    document_actions,
    close_or_escalate
});
json_enum!(Classification {
    Minor = "minor",
    Major = "major",
});
json_object!(L2Section {
    analyst,
    tasks,
    actions_taken,
    classification,
    outcome_note
});
json_object!(Clarification {
    question,
    asked_by,
    asked_at,
    answer
});
json_object!(ClarificationAnswer {
    text,
    answered_by,
    answered_at
});
