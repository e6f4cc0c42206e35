//! Layer 1, the case data: plain structs, as stored and exported. They say what a case holds,
//! not how it may change (that is [`crate::case`], under the rules of [`crate::rules`]).

pub mod audit;
pub mod l2;
pub mod notification;
pub mod report;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::vocabulary::stage::Stage;
pub use audit::{Actor, AuditEntry};
pub use l2::{Clarification, ClarificationAnswer, L2Section, L2Tasks, TaskState};
pub use notification::Notification;
pub use report::{
    AlertHeader, ConditionAssessment, EscalationConditions, EscalationDecision, FiveWs, Report,
    TimelineEntry,
};

/// All of a case, as stored and exported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CaseData {
    /// Handoff's own identifier for the case (not the SIEM's alert ID).
    pub id: String,
    #[serde(with = "crate::vocabulary::time::rfc3339_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub created_at: DateTime<Utc>,
    #[serde(with = "crate::vocabulary::time::rfc3339_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub updated_at: DateTime<Utc>,
    pub stage: Stage,
    pub report: Report,
    pub notification: Notification,
    pub l2: L2Section,
    pub clarifications: Vec<Clarification>,
    pub audit: Vec<AuditEntry>,
}
