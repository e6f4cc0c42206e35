//! The case itself: what it is, how it opens, and the stage-checked edits of its parts.

use std::fmt;
use std::ops::Deref;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::data::{Actor, AlertHeader, AuditEntry, CaseData, L2Section, Notification, Report};
use crate::rules::flow::{editable, Part};
use crate::rules::invariants::{check_invariants, InvariantViolation};
use crate::vocabulary::command::{CommandKind, Role};
use crate::vocabulary::stage::Stage;

/// A case whose invariants hold. Serialized as its data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Case(pub(super) CaseData);

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
    type Error = InvariantViolation;
    fn try_from(data: CaseData) -> Result<Self, Self::Error> {
        check_invariants(&data)?;
        Ok(Case(data))
    }
}

/// An edit was refused because the stage does not let anyone change that part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EditRefused {
    pub part: Part,
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
            self.part.label(),
            self.stage.label()
        )
    }
}

impl std::error::Error for EditRefused {}

impl Case {
    /// A new case for a freshly triggered alert. The first audit entry records who opened it.
    pub fn open(id: impl Into<String>, analyst: impl Into<String>, now: DateTime<Utc>) -> Case {
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

    /// Whether the case's stage lets its owner change `part` now.
    pub fn can_edit(&self, part: Part) -> bool {
        editable(self.stage, part)
    }

    pub(super) fn check_part(&self, part: Part) -> Result<(), EditRefused> {
        if self.can_edit(part) {
            Ok(())
        } else {
            Err(EditRefused {
                part,
                stage: self.stage,
            })
        }
    }

    /// Edits L1's report. Allowed while L1 owns the case: before the handoff, and while L2 has
    /// sent it back with a question.
    pub fn edit_report<R>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Report) -> R,
    ) -> Result<R, EditRefused> {
        self.check_part(Part::Report)?;
        let r = f(&mut self.0.report);
        self.touch(now);
        Ok(r)
    }

    /// Edits the notification to L2, which L1 prepares up to the moment it is sent.
    pub fn edit_notification<R>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut Notification) -> R,
    ) -> Result<R, EditRefused> {
        self.check_part(Part::Notification)?;
        let r = f(&mut self.0.notification);
        self.touch(now);
        Ok(r)
    }

    /// Edits the L2 section, which L2 owns from the notification to the outcome.
    pub fn edit_l2<R>(
        &mut self,
        now: DateTime<Utc>,
        f: impl FnOnce(&mut L2Section) -> R,
    ) -> Result<R, EditRefused> {
        self.check_part(Part::L2)?;
        let r = f(&mut self.0.l2);
        self.touch(now);
        Ok(r)
    }

    /// A copy of this case under a new ID, as a fresh case: same report and notification, new
    /// audit trail. Used to start from a similar alert.
    pub fn duplicate(&self, id: impl Into<String>, now: DateTime<Utc>) -> Case {
        let mut copy = Case::open(id, self.report.header.analyst.clone(), now);
        copy.0.report = self.report.clone();
        copy.0.report.header.title = format!("Copy of {}", self.report.header.title);
        copy.0.notification = self.notification.clone();
        copy
    }

    /// The same case, history and all, under another ID: an imported package kept beside a
    /// local case that has the same ID.
    pub fn with_id(mut self, id: impl Into<String>) -> Case {
        self.0.id = id.into();
        self
    }

    pub(super) fn touch(&mut self, now: DateTime<Utc>) {
        // Never before the last recorded moment, so the case's own times stay ordered even if
        // the machine's clock steps back.
        self.0.updated_at = now.max(self.0.updated_at);
    }
}
