//! What the case list shows of a stored case.

use chrono::{DateTime, Utc};
use handoff_core::{Case, Stage};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Kept beside each case in the store, so that start-up reads these and not the cases.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseSummary {
    pub id: String,
    pub title: String,
    pub alert_id: String,
    pub stage: Stage,
    pub updated_at: DateTime<Utc>,
    pub archived: bool,
    /// What the case search looks in, lower-cased once here rather than at every keystroke
    /// for every case: the title, the alert ID and the stage's name. Not stored.
    pub search: String,
}

/// The text the case search looks in.
fn search_text(title: &str, alert_id: &str, stage: Stage) -> String {
    format!("{title}\n{alert_id}\n{}", stage.label()).to_lowercase()
}

/// A summary as JSON is an array, `[id, title, alert ID, stage, updated, archived]`: ten
/// thousand of them cross from the worker at start-up, and an array is half the text of an
/// object and quicker to read.
#[derive(Serialize, Deserialize)]
struct Wire(
    String,
    String,
    String,
    Stage,
    // The core's own reader: chrono's serde parser would add its weight to the page.
    #[serde(with = "handoff_core::vocabulary::time::rfc3339_serde")] DateTime<Utc>,
    bool,
);

impl Serialize for CaseSummary {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // `Wire`'s shape, from borrowed fields: the store writes every line at each save.
        let updated = handoff_core::vocabulary::time::rfc3339(&self.updated_at);
        let line = (
            &self.id,
            &self.title,
            &self.alert_id,
            self.stage,
            updated,
            self.archived,
        );
        line.serialize(s)
    }
}

impl<'de> Deserialize<'de> for CaseSummary {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let Wire(id, title, alert_id, stage, updated_at, archived) = Wire::deserialize(d)?;
        Ok(CaseSummary {
            search: search_text(&title, &alert_id, stage),
            id,
            title,
            alert_id,
            stage,
            updated_at,
            archived,
        })
    }
}

impl CaseSummary {
    pub fn of(case: &Case, archived: bool) -> Self {
        let h = &case.report.header;
        CaseSummary {
            id: case.id.clone(),
            title: h.title.clone(),
            alert_id: h.alert_id.clone(),
            stage: case.stage,
            updated_at: case.updated_at,
            archived,
            search: search_text(&h.title, &h.alert_id, case.stage),
        }
    }
}
