//! A training session's results, for the trainer: the trainee's session file (JSON) and
//! summary (Markdown), and the class debrief that puts several trainees' files in one table
//! (Markdown and CSV).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::scenario::read_pathed;

use crate::package::escape_inline;
use crate::vocabulary::command::Role;

pub const SESSION_FORMAT: &str = "handoff-training-session";
/// Version 2 added the trainee's name and, per result, the role, the checks and the items.
/// Version 1 files (no `version`) are still read.
pub const SESSION_VERSION: u32 = 2;

/// One finished scenario in a training session.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingResult {
    pub scenario_id: String,
    pub title: String,
    pub score: u32,
    pub max: u32,
    /// Wall-clock time from start to scoring.
    pub seconds: u64,
    #[serde(with = "crate::vocabulary::time::rfc3339_serde")]
    pub completed_at: DateTime<Utc>,
    /// Absent in version 1 files, as are the minutes, the checks and the items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    /// Simulated shift minutes spent on checks.
    #[serde(default)]
    pub minutes: u32,
    /// The checks run, by id.
    #[serde(default)]
    pub checks: Vec<String>,
    /// The score by item.
    #[serde(default)]
    pub items: Vec<ResultItem>,
}

/// One item of a result's score: its kind (see [`item_label`]) and its points.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResultItem {
    pub key: String,
    pub points: u32,
    pub max: u32,
}

/// What a score item's key stands for, as the class debrief names it.
pub fn item_label(key: &str) -> &str {
    match key {
        "verdict" => "the verdict",
        "escalation" => "the escalation call",
        "conditions" => "the escalation conditions",
        "facts" => "the key facts in the report",
        "summary" => "the summary for L2",
        "concerns" => "the immediate concerns",
        "ticket" => "the ticket ID",
        "assignee" => "the L2 assignee",
        "outcome" => "the outcome",
        "question" => "the question to L1",
        "tasks" => "the L2 tasks",
        "notes" => "L2's notes",
        "classification" => "the classification",
        "checks" => "the checks that mattered",
        "time" => "time on dead ends",
        other => other,
    }
}

/// A trainee's session, as read back from its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Session {
    pub trainee: String,
    pub results: Vec<TrainingResult>,
}

#[derive(Serialize)]
struct SessionOut<'a> {
    format: &'a str,
    version: u32,
    trainee: &'a str,
    scenarios: usize,
    total: u64,
    max: u64,
    results: &'a [TrainingResult],
}

/// The session file for the trainer, as JSON.
pub fn session_json(trainee: &str, results: &[TrainingResult]) -> String {
    let session = SessionOut {
        format: SESSION_FORMAT,
        version: SESSION_VERSION,
        trainee: trainee.trim(),
        scenarios: results.len(),
        total: results.iter().map(|r| u64::from(r.score)).sum(),
        max: results.iter().map(|r| u64::from(r.max)).sum(),
        results,
    };
    let mut out = serde_json::to_string_pretty(&session).unwrap_or_default();
    out.push('\n');
    out
}

/// A session file as it is read: what [`session_json`] writes. The counts and totals are
/// there for a reader of the file; they are worked out again from the results.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SessionIn {
    #[allow(dead_code)]
    format: String,
    /// Absent in version 1 files, as is the trainee.
    #[serde(default)]
    #[allow(dead_code)]
    version: Option<u32>,
    #[serde(default)]
    trainee: String,
    #[allow(dead_code)]
    scenarios: u64,
    #[allow(dead_code)]
    total: u64,
    #[allow(dead_code)]
    max: u64,
    results: Vec<TrainingResult>,
}

/// What is read of a session file before the rest, so that a newer file is told "newer"
/// rather than refused for the fields it added. Every other member is skipped here.
#[derive(Deserialize)]
struct Envelope {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

/// Reads a session file, of this version or an older one. A file without the trainee's name
/// (version 1) is named `unnamed` (the file's name, say).
/// Read in the training room's worker, so a wrong value is named by its path.
pub fn parse_session(text: &str, unnamed: &str) -> Result<Session, String> {
    let not = |e: String| format!("not a training session file ({e})");
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let envelope: Envelope = read_pathed(text).map_err(not)?;
    match envelope.format {
        Some(serde_json::Value::String(f)) if f == SESSION_FORMAT => {}
        _ => return Err(not(format!("its format is not \"{SESSION_FORMAT}\""))),
    }
    match envelope.version {
        None | Some(serde_json::Value::Null) => {}
        Some(v) => match v.as_u64() {
            Some(v) if v > u64::from(SESSION_VERSION) => {
                return Err("written by a newer Handoff".into())
            }
            Some(_) => {}
            None => return Err(not("version: expected a whole number".into())),
        },
    }
    let s: SessionIn = read_pathed(text).map_err(not)?;
    let trainee = match s.trainee.trim() {
        "" => unnamed.trim().to_owned(),
        name => name.to_owned(),
    };
    Ok(Session {
        trainee,
        results: s.results,
    })
}

fn duration(seconds: u64) -> String {
    format!("{} min {:02} s", seconds / 60, seconds % 60)
}

/// The session summary for the trainer, as Markdown.
pub fn session_markdown(trainee: &str, results: &[TrainingResult]) -> String {
    let mut o = String::from("# Handoff training session\n\n");
    if !trainee.trim().is_empty() {
        o.push_str(&format!("Trainee: {}\n\n", escape_inline(trainee.trim())));
    }
    let total: u32 = results.iter().map(|r| r.score).sum();
    let max: u32 = results.iter().map(|r| r.max).sum();
    o.push_str(&format!(
        "{} scenarios, {total} of {max} points.\n\n",
        results.len()
    ));
    o.push_str("| Scenario | Score | Time taken | Shift time on checks | Completed (UTC) |\n| --- | --- | --- | --- | --- |\n");
    for r in results {
        o.push_str(&format!(
            "| {} | {} / {} | {} | {} min | {} |\n",
            escape_inline(&r.title),
            r.score,
            r.max,
            duration(r.seconds),
            r.minutes,
            crate::vocabulary::time::rfc3339(&r.completed_at)
        ));
    }
    o
}

/// Several trainees' sessions in one table: a row per scenario, a column per trainee.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassDebrief {
    pub trainees: Vec<String>,
    pub rows: Vec<ClassRow>,
    /// Each trainee's average score, in percent, over the scenarios they played.
    pub averages: Vec<Option<u32>>,
    pub average: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClassRow {
    pub scenario_id: String,
    pub title: String,
    /// Per trainee, in the order of `trainees`: the score in percent of the maximum, at the
    /// first attempt.
    pub scores: Vec<Option<u32>>,
    pub average: Option<u32>,
    /// Where the class lost most points on this scenario (empty when no file says).
    pub weakest: String,
}

fn percent(r: &TrainingResult) -> u32 {
    (r.score * 100 + r.max / 2).checked_div(r.max).unwrap_or(0)
}

fn mean(xs: impl Iterator<Item = u32>) -> Option<u32> {
    let v: Vec<u32> = xs.collect();
    let n = v.len() as u32;
    (n > 0).then(|| (v.iter().sum::<u32>() + n / 2) / n)
}

/// Puts sessions side by side. Sessions of the same trainee (same name, case ignored) are
/// merged; a scenario a trainee played more than once counts at its first attempt, the one
/// played without hindsight.
pub fn class_debrief(sessions: &[Session]) -> ClassDebrief {
    let mut trainees: Vec<String> = Vec::new();
    let mut played: Vec<Vec<&TrainingResult>> = Vec::new();
    for s in sessions {
        let at = match trainees
            .iter()
            .position(|t| t.to_lowercase() == s.trainee.to_lowercase())
        {
            Some(i) => i,
            None => {
                trainees.push(s.trainee.clone());
                played.push(Vec::new());
                trainees.len() - 1
            }
        };
        played[at].extend(s.results.iter());
    }
    let mut rows: Vec<ClassRow> = Vec::new();
    for r in sessions.iter().flat_map(|s| &s.results) {
        if rows.iter().any(|x| x.scenario_id == r.scenario_id) {
            continue;
        }
        let firsts: Vec<Option<&TrainingResult>> = played
            .iter()
            .map(|p| {
                p.iter()
                    .copied()
                    .filter(|x| x.scenario_id == r.scenario_id)
                    .min_by_key(|x| x.completed_at)
            })
            .collect();
        let scores: Vec<Option<u32>> = firsts.iter().map(|f| f.map(percent)).collect();
        // Points lost per item kind, over the class.
        let mut lost: Vec<(&str, u32)> = Vec::new();
        for i in firsts.iter().flatten().flat_map(|f| &f.items) {
            let gone = i.max.saturating_sub(i.points);
            match lost.iter_mut().find(|(k, _)| *k == i.key) {
                Some((_, n)) => *n += gone,
                None => lost.push((&i.key, gone)),
            }
        }
        let weakest = lost
            .iter()
            .filter(|(_, n)| *n > 0)
            .max_by_key(|(_, n)| *n)
            .map(|(k, _)| item_label(k).to_owned())
            .unwrap_or_default();
        rows.push(ClassRow {
            scenario_id: r.scenario_id.clone(),
            title: r.title.clone(),
            average: mean(scores.iter().flatten().copied()),
            scores,
            weakest,
        });
    }
    let averages: Vec<Option<u32>> = (0..trainees.len())
        .map(|i| mean(rows.iter().filter_map(|r| r.scores[i])))
        .collect();
    let average = mean(rows.iter().flat_map(|r| r.scores.iter().flatten().copied()));
    ClassDebrief {
        trainees,
        rows,
        averages,
        average,
    }
}

impl ClassDebrief {
    /// The table as text cells: the header row, then a row per scenario and the averages;
    /// `missing` stands for a scenario a trainee did not play. The screen, the Markdown and
    /// the CSV are all written from it.
    pub fn grid(&self, missing: &str) -> Vec<Vec<String>> {
        let cell = |v: &Option<u32>| v.map_or_else(|| missing.to_owned(), |v| v.to_string());
        let row = |first: &str, scores: &[Option<u32>], average, weakest: &str| {
            let mut r = vec![first.to_owned()];
            r.extend(scores.iter().map(cell));
            r.extend([cell(&average), weakest.to_owned()]);
            r
        };
        let mut head = vec!["Scenario".to_owned()];
        head.extend(self.trainees.iter().cloned());
        head.extend(["Average".to_owned(), "Most points lost on".to_owned()]);
        let mut out = vec![head];
        out.extend(
            self.rows
                .iter()
                .map(|r| row(&r.title, &r.scores, r.average, &r.weakest)),
        );
        out.push(row("Average", &self.averages, self.average, ""));
        out
    }
}

/// The class debrief as Markdown, ready for a ticket, a wiki or a mail.
pub fn class_markdown(d: &ClassDebrief) -> String {
    let mut o = format!(
        "# Class debrief\n\n{} trainees, {} scenarios. Scores are percentages of the maximum; a \
         scenario played twice counts at its first attempt; — means not played.\n\n",
        d.trainees.len(),
        d.rows.len()
    );
    for (i, row) in d.grid("—").iter().enumerate() {
        let cells: Vec<String> = row.iter().map(|c| escape_inline(c)).collect();
        o.push_str(&format!("| {} |\n", cells.join(" | ")));
        if i == 0 {
            o.push_str(&"| --- ".repeat(row.len()));
            o.push_str("|\n");
        }
    }
    o
}

/// One CSV field: quoted when it must be, and kept from being read as a formula by a
/// spreadsheet (names are the trainees' own typing).
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The class debrief as CSV (RFC 4180, CRLF line ends): the same table, with empty cells for
/// scenarios not played and machine-readable column names.
pub fn class_csv(d: &ClassDebrief) -> String {
    let mut o = String::new();
    for (i, row) in d.grid("").into_iter().enumerate() {
        let mut cells: Vec<String> = row.iter().map(|c| csv_field(c)).collect();
        if i == 0 {
            let n = cells.len();
            cells[0] = "scenario".into();
            cells[n - 2] = "average".into();
            cells[n - 1] = "most_points_lost_on".into();
        }
        o.push_str(&cells.join(","));
        o.push_str("\r\n");
    }
    o
}
