//! Training in the reducer: a trainee works a scenario in an ordinary case, runs its checks,
//! and submits the case for scoring. Compiled only into the training room's page (the
//! `training` feature), so the analyst's app neither carries nor offers it.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use handoff_core::training::{Playable, ResultItem, Score, TrainingResult};
use handoff_core::{Case, Role};

use super::AppState;

/// A trainee working a scenario in an ordinary case.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingRun {
    /// What the page plays of the scenario (the worker read the file).
    pub scenario: Rc<Playable>,
    /// The scenario file's text: the worker scores against it.
    pub source: Rc<str>,
    pub case_id: String,
    pub started_at: DateTime<Utc>,
    /// The checks the trainee chose to run, by id, in order.
    pub checks: Vec<String>,
    /// The role the analyst worked as before: a scenario switches to its own, and leaving
    /// training switches back.
    pub role_before: Role,
    pub score: Option<Score>,
}

/// What a trainee does, as one [`super::Action::Training`].
#[derive(Clone, Debug, PartialEq)]
pub enum TrainingAction {
    /// The worker started the scenario's `case` at `at`.
    Start {
        scenario: Rc<Playable>,
        source: Rc<str>,
        case: Box<Case>,
        at: DateTime<Utc>,
    },
    /// The trainee runs one of the scenario's checks (by id).
    RunCheck(String),
    /// The worker scored case `case_id`, submitted at `at`. An answer for a run that has
    /// since been left or replaced, or scored already, changes nothing.
    Scored {
        case_id: String,
        score: Score,
        at: DateTime<Utc>,
    },
    End,
}

pub(super) fn reduce(s: &mut AppState, action: TrainingAction) {
    match action {
        TrainingAction::Start {
            scenario,
            source,
            case,
            at,
        } => {
            let role_before = s
                .training
                .as_ref()
                .map_or(s.profile.role, |t| t.role_before);
            // An L2 scenario opens on the briefing, as L2; an L1 one on the alert, as L1.
            s.profile.role = scenario.role;
            s.training = Some(TrainingRun {
                scenario,
                source,
                case_id: case.id.clone(),
                started_at: at,
                checks: Vec::new(),
                role_before,
                score: None,
            });
            s.open(*case);
        }
        TrainingAction::RunCheck(id) => {
            if let Some(t) = s.training.as_mut() {
                if t.score.is_none() && t.scenario.check(&id).is_some() && !t.checks.contains(&id) {
                    t.checks.push(id);
                }
            }
        }
        TrainingAction::Scored {
            case_id,
            score: result,
            at,
        } => {
            if let Some(t) = s.training.as_mut() {
                if t.case_id == case_id && t.score.is_none() {
                    s.training_results.push(TrainingResult {
                        scenario_id: t.scenario.id.clone(),
                        title: t.scenario.title.clone(),
                        score: result.total,
                        max: result.max,
                        seconds: (at - t.started_at).num_seconds().max(0) as u64,
                        completed_at: at,
                        role: Some(t.scenario.role),
                        minutes: t.scenario.minutes(&t.checks),
                        checks: t.checks.clone(),
                        items: result
                            .items
                            .iter()
                            .map(|i| ResultItem {
                                key: i.key.to_owned(),
                                points: i.points,
                                max: i.max,
                            })
                            .collect(),
                    });
                    t.score = Some(result);
                }
            }
        }
        TrainingAction::End => {
            if let Some(t) = s.training.take() {
                s.profile.role = t.role_before;
            }
        }
    }
}
