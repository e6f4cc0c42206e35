//! Handoff's escalation domain, with no web dependency.
//!
//! Every rule of the escalation guide lives in exactly one module here:
//!
//! | rule | module |
//! | --- | --- |
//! | which steps follow which, and what each step needs | [`workflow`] |
//! | when to escalate (the four conditions, "escalate early if in doubt") | [`escalation`] |
//! | what a complete report has ("document before escalation") | [`report_check`] |
//! | indicators: extraction, defanging, refanging | [`indicators`] |
//! | ATT&CK technique IDs, TLP labels | [`attack`], [`tlp`] |
//! | L2's six tasks | [`l2`] |
//! | the audit trail | [`audit`] |
//! | the handoff package (JSON, Markdown, chat, import) | [`package`] |
//! | how each type reads and writes as JSON | [`json`], declared beside the type |
//!
//! Time comes in through a [`Clock`] so that every test is deterministic.

pub mod attack;
pub mod audit;
pub mod case;
pub mod clock;
pub mod escalation;
pub mod field;
#[doc(hidden)]
pub mod fixtures;
pub mod indicators;
pub mod json;
pub mod l2;
pub mod limits;
pub mod package;
pub mod report_check;
pub mod text;
pub mod time;
pub mod tlp;
pub mod training;
pub mod workflow;

pub use attack::TechniqueId;
pub use audit::{Actor, AuditEntry, Role};
pub use case::{
    AlertHeader, Case, CaseData, EditRefused, FiveWs, Notification, Report, Severity,
    TimelineEntry, Verdict,
};
pub use clock::{Clock, FixedClock};
pub use escalation::{
    Condition, ConditionAssessment, EscalationChoice, EscalationConditions, EscalationDecision,
    Recommendation, RecommendationKind,
};
pub use field::Field;
pub use indicators::{Indicator, IndicatorKind};
pub use l2::{Clarification, Classification, L2Section, L2Task, L2Tasks, TaskState};
pub use report_check::{Finding, FindingSeverity};
pub use tlp::Tlp;
pub use workflow::{ClosureReason, Command, CommandKind, EscalationTier, Refusal, Stage};
