//! Training: alert scenarios with checks to choose from and an expected outcome
//! ([`scenario`]), the case a trainee starts from and the other tier's scripted replies
//! ([`play`]), the scorer that grades the whole handoff ([`score`]), answers played through the
//! workflow to prove a scenario and the scorer agree ([`answer`]), the session and class
//! debrief files for the trainer ([`session`]), and the check that the forms' examples give no
//! scenario away ([`leak`]).

pub mod answer;
pub mod leak;
pub mod play;
pub mod scenario;
#[cfg(feature = "schema")]
mod schema;
pub mod score;
pub mod session;

pub use play::{l1_replies, start_case, Playable};
pub use scenario::{
    parse_scenario, parse_scenario_index, Check, CheckKind, Difficulty, Expected,
    ExpectedConditions, KeyFact, Outcome, Scenario, Term, SCENARIO_FORMAT,
};
#[cfg(feature = "schema")]
pub use schema::scenario_json_schema;
pub use score::{score, Score, ScoreItem};
pub use session::{
    class_csv, class_debrief, class_markdown, parse_session, session_json, session_markdown,
    ClassDebrief, ResultItem, Session, TrainingResult,
};
