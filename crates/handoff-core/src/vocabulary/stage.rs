//! Where a case stands: one variant per box of the guide's flowchart.

use serde::{Deserialize, Serialize};
use strum::{EnumDiscriminants, VariantArray};

/// Why a case was closed at L1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ClosureReason {
    /// The alert was benign.
    FalsePositive,
    /// A true positive that none of the escalation conditions required L2 for.
    NoEscalationNeeded,
}

/// Who L2 hands a case on to when it is beyond L2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum EscalationTier {
    L3,
    IncidentResponseTeam,
}

impl EscalationTier {
    pub fn label(self) -> &'static str {
        match self {
            EscalationTier::L3 => "L3",
            EscalationTier::IncidentResponseTeam => "the incident response team",
        }
    }
}

/// The stage of a case. On the wire a plain stage is its name (`"l2_review"`) and a final
/// stage with a reason is a one-member object (`{"closed": "false_positive"}`), which is
/// serde's own shape for these variants.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, EnumDiscriminants)]
#[strum_discriminants(name(StageKind), derive(VariantArray))]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    AlertTriggered,
    L1Review,
    Reporting,
    InProgress,
    AssignedToL2,
    L2Notified,
    L2Review,
    ClarificationRequested,
    Closed(ClosureReason),
    Resolved,
    IncidentResponse,
    EscalatedFurther(EscalationTier),
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::AlertTriggered => "Alert triggered",
            Stage::L1Review => "L1 review",
            Stage::Reporting => "Writing the report",
            Stage::InProgress => "In progress",
            Stage::AssignedToL2 => "Assigned to L2",
            Stage::L2Notified => "L2 notified",
            Stage::L2Review => "L2 review",
            Stage::ClarificationRequested => "Clarification requested",
            Stage::Closed(ClosureReason::FalsePositive) => "Closed as false positive",
            Stage::Closed(ClosureReason::NoEscalationNeeded) => "Closed at L1",
            Stage::Resolved => "Resolved",
            Stage::IncidentResponse => "Incident response",
            Stage::EscalatedFurther(EscalationTier::L3) => "Escalated to L3",
            Stage::EscalatedFurther(EscalationTier::IncidentResponseTeam) => {
                "Escalated to the IR team"
            }
        }
    }

    /// Every stage, final ones once per reason or tier. Derived from the variants: a new
    /// stage fails to compile here until it says how it expands.
    pub fn all() -> Vec<Stage> {
        StageKind::VARIANTS
            .iter()
            .flat_map(|kind| match kind {
                StageKind::AlertTriggered => vec![Stage::AlertTriggered],
                StageKind::L1Review => vec![Stage::L1Review],
                StageKind::Reporting => vec![Stage::Reporting],
                StageKind::InProgress => vec![Stage::InProgress],
                StageKind::AssignedToL2 => vec![Stage::AssignedToL2],
                StageKind::L2Notified => vec![Stage::L2Notified],
                StageKind::L2Review => vec![Stage::L2Review],
                StageKind::ClarificationRequested => vec![Stage::ClarificationRequested],
                StageKind::Closed => ClosureReason::VARIANTS
                    .iter()
                    .map(|r| Stage::Closed(*r))
                    .collect(),
                StageKind::Resolved => vec![Stage::Resolved],
                StageKind::IncidentResponse => vec![Stage::IncidentResponse],
                StageKind::EscalatedFurther => EscalationTier::VARIANTS
                    .iter()
                    .map(|t| Stage::EscalatedFurther(*t))
                    .collect(),
            })
            .collect()
    }

    /// No step leaves a final stage.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Stage::Closed(_)
                | Stage::Resolved
                | Stage::IncidentResponse
                | Stage::EscalatedFurther(_)
        )
    }

    /// The case has been handed to L2 (the report is the escalation record from here on).
    pub fn is_escalated(self) -> bool {
        matches!(
            self,
            Stage::InProgress
                | Stage::AssignedToL2
                | Stage::L2Notified
                | Stage::L2Review
                | Stage::ClarificationRequested
                | Stage::Resolved
                | Stage::IncidentResponse
                | Stage::EscalatedFurther(_)
        )
    }
}

crate::vocabulary::names::impl_deserialize_by_name!(ClosureReason, EscalationTier);
