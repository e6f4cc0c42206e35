//! A training session's results, for the trainer: JSON and Markdown.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One finished scenario in a training session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingResult {
    pub scenario_id: String,
    pub title: String,
    pub score: u32,
    pub max: u32,
    pub seconds: u64,
    #[serde(with = "crate::vocabulary::time::rfc3339_serde")]
    pub completed_at: DateTime<Utc>,
}

/// The session summary for the trainer, as JSON.
pub fn session_json(results: &[TrainingResult]) -> String {
    let session = SessionFile {
        format: SESSION_FORMAT,
        scenarios: results.len(),
        total: results.iter().map(|r| u64::from(r.score)).sum(),
        max: results.iter().map(|r| u64::from(r.max)).sum(),
        results,
    };
    let mut out = serde_json::to_string_pretty(&session).unwrap_or_default();
    out.push('\n');
    out
}

pub const SESSION_FORMAT: &str = "handoff-training-session";

#[derive(Serialize)]
struct SessionFile<'a> {
    format: &'a str,
    scenarios: usize,
    total: u64,
    max: u64,
    results: &'a [TrainingResult],
}

/// The session summary for the trainer, as Markdown.
pub fn session_markdown(results: &[TrainingResult]) -> String {
    use crate::package::escape_inline;
    let mut o = String::from("# Handoff training session\n\n");
    let total: u32 = results.iter().map(|r| r.score).sum();
    let max: u32 = results.iter().map(|r| r.max).sum();
    o.push_str(&format!(
        "{} scenarios, {total} of {max} points.\n\n",
        results.len()
    ));
    o.push_str("| Scenario | Score | Time taken | Completed (UTC) |\n| --- | --- | --- | --- |\n");
    for r in results {
        o.push_str(&format!(
            "| {} | {} / {} | {} min {:02} s | {} |\n",
            escape_inline(&r.title),
            r.score,
            r.max,
            r.seconds / 60,
            r.seconds % 60,
            crate::vocabulary::time::rfc3339(&r.completed_at)
        ));
    }
    o
}
