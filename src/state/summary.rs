//! What the case list shows of a stored case.

use chrono::{DateTime, Utc};
use handoff_core::{Case, Stage};

#[derive(Clone, Debug, PartialEq)]
pub struct CaseSummary {
    pub id: String,
    pub title: String,
    pub alert_id: String,
    pub stage: Stage,
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
}

impl CaseSummary {
    pub fn of(case: &Case, archived: bool) -> Self {
        CaseSummary {
            id: case.id.clone(),
            title: case.report.header.title.clone(),
            alert_id: case.report.header.alert_id.clone(),
            stage: case.stage,
            updated_at: case.updated_at,
            archived,
        }
    }
}
