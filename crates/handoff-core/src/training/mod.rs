//! Training: alert scenarios with an expected outcome ([`scenario`]), the scorer that grades a
//! trainee's case against one ([`score`]), and the session summary for the trainer
//! ([`session`]).

pub mod scenario;
pub mod score;
pub mod session;

pub use scenario::{
    parse_scenario, parse_scenario_index, Difficulty, Expected, ExpectedConditions, KeyFact,
    Scenario, SCENARIO_FORMAT,
};
pub use score::{score, Score, ScoreItem};
pub use session::{session_json, session_markdown, TrainingResult};
