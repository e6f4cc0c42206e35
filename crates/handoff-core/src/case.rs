//! The case: everything Handoff knows about one alert, from triage to the L2 outcome.
//!
//! Reading is free: [`Case`] dereferences to [`CaseData`], whose fields are public. Changing is
//! not: the stage and the audit trail move only through [`crate::workflow`], and the report,
//! notification and L2 section can be edited only in the stages that own them. A handed-off
//! report is frozen until L2 sends it back, so no edit can leave an escalated case with an
//! incomplete report.

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, Utc};

use crate::attack::TechniqueId;
use crate::audit::{Actor, AuditEntry, Role};
use crate::clock::Clock;
use crate::escalation::{EscalationConditions, EscalationDecision};
use crate::indicators::Indicator;
use crate::l2::{Clarification, L2Section};
use crate::tlp::Tlp;
use crate::workflow::{self, CommandKind, Stage};
use crate::{json_enum, json_object};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Low,
        Severity::Medium,
        Severity::High,
        Severity::Critical,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "Low",
            Severity::Medium => "Medium",
            Severity::High => "High",
            Severity::Critical => "Critical",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum Verdict {
    TruePositive,
    FalsePositive,
    NeedsReview,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [
        Verdict::TruePositive,
        Verdict::FalsePositive,
        Verdict::NeedsReview,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Verdict::TruePositive => "True Positive",
            Verdict::FalsePositive => "False Positive",
            Verdict::NeedsReview => "Needs Review",
        }
    }
}

/// What the SIEM said, plus who is working it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct AlertHeader {
    pub title: String,
    /// The alert or ticket ID in the SOC dashboard.
    pub alert_id: String,
    /// The SIEM or tool that raised it (Splunk ES, Sentinel, TheHive, ...).
    pub source: String,
    pub rule: String,
    pub severity: Option<Severity>,
    #[cfg_attr(feature = "schema", serde(default, with = "crate::time::utc_opt"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub detected_at: Option<DateTime<Utc>>,
    /// The L1 analyst working the alert.
    pub analyst: String,
}

/// The Five Ws of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct FiveWs {
    pub who: String,
    pub what: String,
    pub when: String,
    #[cfg_attr(feature = "schema", serde(rename = "where"))]
    pub where_: String,
    pub why: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct TimelineEntry {
    #[cfg_attr(feature = "schema", serde(default, with = "crate::time::utc_opt"))]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub at: Option<DateTime<Utc>>,
    pub description: String,
}

/// L1's report: header, Five Ws, verdict, escalation assessment and evidence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct Report {
    pub header: AlertHeader,
    /// The alert as pasted from the SIEM, kept as evidence.
    pub raw_alert: String,
    pub five_ws: FiveWs,
    pub verdict: Option<Verdict>,
    pub verdict_justification: String,
    pub conditions: EscalationConditions,
    pub decision: EscalationDecision,
    pub indicators: Vec<Indicator>,
    pub attack_techniques: Vec<TechniqueId>,
    pub tlp: Tlp,
    pub timeline: Vec<TimelineEntry>,
    pub recommended_actions: Vec<String>,
}

/// The message to the L2 analyst on shift.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct Notification {
    /// The ticket L2 should open; often the alert ID.
    pub ticket_id: String,
    pub summary: String,
    pub immediate_concerns: String,
    pub l2_assignee: String,
}

/// All of a case, as stored and exported.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct CaseData {
    /// Handoff's own identifier for the case (not the SIEM's alert ID).
    pub id: String,
    #[cfg_attr(feature = "schema", serde(with = "crate::time::utc"))]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub created_at: DateTime<Utc>,
    #[cfg_attr(feature = "schema", serde(with = "crate::time::utc"))]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub updated_at: DateTime<Utc>,
    pub stage: Stage,
    pub report: Report,
    pub notification: Notification,
    pub l2: L2Section,
    pub clarifications: Vec<Clarification>,
    pub audit: Vec<AuditEntry>,
}

/// A case whose invariants hold. Built by [`Case::open`], changed by workflow steps and
/// stage-checked edits, and read from JSON only through a check of every invariant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case(CaseData);

json_enum!(Severity {
    Low = "low",
    Medium = "medium",
    High = "high",
    Critical = "critical",
});
json_enum!(Verdict {
    TruePositive = "true_positive",
    FalsePositive = "false_positive",
    NeedsReview = "needs_review",
});
json_object!(AlertHeader {
    title,
    alert_id,
    source,
    rule,
    severity,
    detected_at,
    analyst
});
json_object!(FiveWs {
    who,
    what,
    when,
    where_ as "where",
    why
});
json_object!(TimelineEntry { at, description });
json_object!(Report {
    header,
    raw_alert,
    five_ws,
    verdict,
    verdict_justification,
    conditions,
    decision,
    indicators,
    attack_techniques,
    tlp,
    timeline,
    recommended_actions
});
json_object!(Notification {
    ticket_id,
    summary,
    immediate_concerns,
    l2_assignee
});
json_object!(CaseData {
    id,
    created_at,
    updated_at,
    stage,
    report,
    notification,
    l2,
    clarifications,
    audit
});

/// Written as its data; read only as [`CaseData`] followed by the invariant check
/// (`Case::try_from`), so an unchecked case cannot be read.
impl crate::json::ToJson for Case {
    fn write_json(&self, w: &mut crate::json::Writer) {
        self.0.write_json(w);
    }
}

impl Deref for Case {
    type Target = CaseData;
    fn deref(&self) -> &CaseData {
        &self.0
    }
}

impl From<Case> for CaseData {
    fn from(c: Case) -> CaseData {
        c.0
    }
}

impl TryFrom<CaseData> for Case {
    type Error = workflow::InvariantViolation;
    fn try_from(data: CaseData) -> Result<Self, Self::Error> {
        workflow::check_invariants(&data)?;
        Ok(Case(data))
    }
}

/// An edit was refused because the stage does not own that part of the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRefused {
    pub part: &'static str,
    pub stage: Stage,
}

impl fmt::Display for EditRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.stage {
            s if s.is_final() => "the case is closed",
            Stage::InProgress | Stage::AssignedToL2 | Stage::L2Notified | Stage::L2Review => {
                "it was handed to L2; L2 can send it back to L1 with a question"
            }
            _ => "this step does not own it",
        };
        write!(
            f,
            "The {} cannot be changed while the case is {}: {why}.",
            self.part,
            self.stage.label()
        )
    }
}

impl std::error::Error for EditRefused {}

impl Case {
    /// A new case for a freshly triggered alert. The first audit entry records who opened it.
    pub fn open(id: impl Into<String>, analyst: impl Into<String>, clock: &impl Clock) -> Case {
        let now = clock.now();
        let analyst = analyst.into();
        let report = Report {
            header: AlertHeader {
                analyst: analyst.clone(),
                ..AlertHeader::default()
            },
            ..Report::default()
        };
        Case(CaseData {
            id: id.into(),
            created_at: now,
            updated_at: now,
            stage: Stage::AlertTriggered,
            report,
            notification: Notification::default(),
            l2: L2Section::default(),
            clarifications: Vec::new(),
            audit: vec![AuditEntry {
                at: now,
                actor: Actor::new(Role::L1, analyst),
                event: CommandKind::OpenCase,
                from: Stage::AlertTriggered,
                to: Stage::AlertTriggered,
                note: String::new(),
            }],
        })
    }

    /// Edits L1's report. Allowed while L1 owns the case: before the handoff, and while L2 has
    /// sent it back with a question.
    pub fn edit_report<R>(
        &mut self,
        clock: &impl Clock,
        f: impl FnOnce(&mut Report) -> R,
    ) -> Result<R, EditRefused> {
        if !self.stage.report_editable() {
            return Err(EditRefused {
                part: "report",
                stage: self.stage,
            });
        }
        let r = f(&mut self.0.report);
        self.touch(clock);
        Ok(r)
    }

    /// Edits the notification to L2, which L1 prepares up to the moment it is sent.
    pub fn edit_notification<R>(
        &mut self,
        clock: &impl Clock,
        f: impl FnOnce(&mut Notification) -> R,
    ) -> Result<R, EditRefused> {
        if !self.stage.notification_editable() {
            return Err(EditRefused {
                part: "notification",
                stage: self.stage,
            });
        }
        let r = f(&mut self.0.notification);
        self.touch(clock);
        Ok(r)
    }

    /// Edits the L2 section, which L2 owns from the notification to the outcome.
    pub fn edit_l2<R>(
        &mut self,
        clock: &impl Clock,
        f: impl FnOnce(&mut L2Section) -> R,
    ) -> Result<R, EditRefused> {
        if !self.stage.l2_editable() {
            return Err(EditRefused {
                part: "L2 section",
                stage: self.stage,
            });
        }
        let r = f(&mut self.0.l2);
        self.touch(clock);
        Ok(r)
    }

    /// A copy of this case under a new ID, as a fresh case: same report and notification, new
    /// audit trail. Used to start from a similar alert.
    pub fn duplicate(&self, id: impl Into<String>, clock: &impl Clock) -> Case {
        let mut copy = Case::open(id, self.report.header.analyst.clone(), clock);
        copy.0.report = self.report.clone();
        copy.0.report.header.title = format!("Copy of {}", self.report.header.title);
        copy.0.notification = self.notification.clone();
        copy
    }

    fn touch(&mut self, clock: &impl Clock) {
        // Never before the last recorded moment, so the case's own times stay ordered even if
        // the machine's clock steps back.
        self.0.updated_at = clock.now().max(self.0.updated_at);
    }

    /// Used by the workflow only: the audited way the stage changes.
    pub(crate) fn data_mut(&mut self) -> &mut CaseData {
        &mut self.0
    }
}
