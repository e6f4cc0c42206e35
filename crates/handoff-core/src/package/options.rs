//! What every exporter is told besides the case: for whom the export is, which domains are the
//! organisation's own, and how this DFIR-IRIS instance numbers its values.

use serde::{Deserialize, Serialize};

use super::iris_mapping::IrisMapping;
use crate::case::Case;
use crate::data::TaskState;
use crate::vocabulary::indicator::OwnDomains;
use crate::vocabulary::text::is_blank;

/// Who reads the export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Audience {
    /// L1's handoff to L2: what L2 has not written yet (its analyst, task notes, outcome,
    /// actions) is left out instead of shown empty.
    L1Handoff,
    /// The whole case record, every part shown even while still empty.
    #[default]
    FullRecord,
}

/// The options every exporter takes. `ExportOptions::default()` is the full record with no own
/// domains and the IDs of a fresh DFIR-IRIS install.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportOptions {
    pub audience: Audience,
    /// Left as they are, never defanged; never marked as indicators of compromise.
    pub own_domains: OwnDomains,
    pub iris: IrisMapping,
}

impl ExportOptions {
    /// Whether an L2 task row belongs in the export.
    pub(crate) fn shows_task(&self, t: &TaskState) -> bool {
        self.audience == Audience::FullRecord || t.done || !is_blank(&t.notes)
    }

    /// Whether an L2 text field belongs in the export.
    pub(crate) fn shows_l2_text(&self, s: &str) -> bool {
        self.audience == Audience::FullRecord || !is_blank(s)
    }

    /// Whether the L2 part of the case has anything this audience sees.
    pub(crate) fn shows_l2(&self, case: &Case) -> bool {
        let l2 = &case.l2;
        self.audience == Audience::FullRecord
            || !is_blank(&l2.analyst)
            || !is_blank(&l2.outcome_note)
            || l2.classification.is_some()
            || l2.actions_taken.iter().any(|a| !is_blank(a))
            || !case.clarifications.is_empty()
            || strum::VariantArray::VARIANTS
                .iter()
                .any(|t: &crate::vocabulary::l2::L2Task| self.shows_task(l2.tasks.get(*t)))
    }
}

/// The ticket an export points to for the rest of the case: the notification's ticket, else
/// the alert ID, else Handoff's case ID.
pub(crate) fn ticket_of(case: &Case) -> &str {
    [
        case.notification.ticket_id.as_str(),
        case.report.header.alert_id.as_str(),
        case.id.as_str(),
    ]
    .into_iter()
    .map(str::trim)
    .find(|s| !s.is_empty())
    .unwrap_or("")
}
