//! Handoff's escalation domain, with no web dependency, in five layers. Each layer uses only
//! the layers above it in this list, never one below (a test reads the sources and fails on
//! any import that goes the wrong way):
//!
//! | layer | module | holds |
//! | --- | --- | --- |
//! | 0 | [`vocabulary`] | stages and steps, verdicts, severities, conditions, L2 tasks, indicators, technique IDs, TLP, field names; time, text and size limits |
//! | 1 | [`data`] | the case as plain serde structs: header, Five Ws, conditions, decision, notification, L2 section, audit entries |
//! | 2 | [`rules`] | the flowchart and who owns what ([`rules::flow`]), when to escalate ([`rules::escalation`]), what a complete report has ([`rules::report_check`]), what each step needs ([`rules::guards`]), the invariants ([`rules::invariants`]) |
//! | 3 | [`case`] | [`Case`]: the only way a case changes (`open`, `edit`, `apply`), and the audit trail that records it |
//! | 4 | [`intake`], [`package`], [`training`] | alert text in; the handoff out (JSON, and one module per destination: Markdown, Jira, plain text, chat, Slack, Teams, TheHive, DFIR-IRIS, STIX) and back in (import); scenarios and scoring |
//!
//! Time is never read here: every change takes `now` from its caller, so every test is
//! deterministic and the browser app's reducer stays pure.

// Layer 0
pub mod vocabulary;
// Layer 1
pub mod data;
// Layer 2
pub mod rules;
// Layer 3
pub mod case;
// Layer 4
pub mod intake;
pub mod package;
pub mod training;

#[doc(hidden)]
pub mod fixtures;

pub use case::{Case, Edit, EditRefused, Refusal};
pub use data::{
    Actor, AlertHeader, AuditEntry, CaseData, Clarification, ClarificationAnswer,
    ConditionAssessment, EscalationConditions, EscalationDecision, FiveWs, L2Section, L2Tasks,
    Notification, Report, TaskState, TimelineEntry,
};
pub use rules::escalation::{Recommendation, RecommendationKind};
pub use rules::flow::Part;
pub use rules::report_check::{Finding, FindingSeverity};
pub use vocabulary::attack::TechniqueId;
pub use vocabulary::command::{Command, CommandKind, Role};
pub use vocabulary::escalation::{Condition, EscalationChoice};
pub use vocabulary::field::{Field, FiveW};
pub use vocabulary::indicator::{Indicator, IndicatorKind};
pub use vocabulary::l2::{Classification, L2Task};
pub use vocabulary::stage::{ClosureReason, EscalationTier, Stage};
pub use vocabulary::tlp::Tlp;
pub use vocabulary::verdict::{Severity, Verdict};
