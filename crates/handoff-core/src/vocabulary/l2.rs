//! The words of L2's work: the six tasks L2 owns after an escalation, and how serious the
//! incident is.

use serde::Serialize;
use strum::VariantArray;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum L2Task {
    ValidateFindings,
    DeeperAnalysis,
    CoordinateTeams,
    ClassifyIncident,
    DocumentActions,
    CloseOrEscalate,
}

impl L2Task {
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
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

crate::vocabulary::names::impl_deserialize_by_name!(L2Task, Classification);
