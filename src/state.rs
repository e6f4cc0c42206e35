//! The app's state and every action on it. The reducer only calls the domain; browser effects
//! (saving, focusing, copying) happen in the components and adapters in reaction to it.

use std::rc::Rc;

use handoff_core::indicators::extract;
use handoff_core::limits::MAX_RAW_ALERT_BYTES;
use handoff_core::text::megabytes;
use handoff_core::{Case, Command, L2Section, Notification, Refusal, Report};
use yew::Reducible;

use handoff_core::training::{score, Scenario, Score, TrainingResult};
use handoff_core::Clock;

use crate::adapters::clock::{new_case_id, BrowserClock};
use crate::adapters::offline::OfflineStatus;
use crate::adapters::storage::CaseSummary;

#[derive(Clone, Debug, PartialEq)]
pub enum NoticeKind {
    Info,
    Error,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    pub kind: NoticeKind,
    pub text: String,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Notice {
            kind: NoticeKind::Info,
            text: text.into(),
        }
    }
    pub fn error(text: impl Into<String>) -> Self {
        Notice {
            kind: NoticeKind::Error,
            text: text.into(),
        }
    }
}

/// An edit to one part of the open case.
pub type Edit<T> = Rc<dyn Fn(&mut T)>;
pub type ReportEdit = Edit<Report>;
pub type NotificationEdit = Edit<Notification>;
pub type L2Edit = Edit<L2Section>;

#[derive(Clone, Default)]
pub struct AppState {
    pub summaries: Vec<CaseSummary>,
    pub case: Option<Rc<Case>>,
    /// Bumped on every change to the open case; autosave watches it.
    pub revision: u64,
    pub refusal: Option<Refusal>,
    pub notices: Vec<Notice>,
    /// The last deleted case, kept for "Undo".
    pub deleted: Option<(Case, bool)>,
    /// Another tab saved a different version of the open case (its package JSON, or None if
    /// it deleted it). Autosave holds off until the analyst chooses a version.
    pub conflict: Option<Option<String>>,
    /// Stored entries that could not be read and were set aside.
    pub set_aside: Vec<String>,
    /// The training scenario being worked, if any.
    pub training: Option<TrainingRun>,
    /// Scenarios finished in this session.
    pub training_results: Vec<TrainingResult>,
    pub offline: OfflineStatus,
}

/// A trainee working a scenario in an ordinary case.
#[derive(Clone, Debug, PartialEq)]
pub struct TrainingRun {
    pub scenario: Rc<Scenario>,
    pub case_id: String,
    pub started_at: chrono::DateTime<chrono::Utc>,
    /// How many of the scenario's facts the trainee has asked for.
    pub revealed: usize,
    pub score: Option<Score>,
}

pub enum Action {
    Loaded {
        summaries: Vec<CaseSummary>,
        current: Option<Case>,
        problems: Vec<String>,
        set_aside: Vec<String>,
    },
    /// Another tab changed or removed a stored case.
    ExternalChange {
        id: String,
        value: Option<Case>,
        raw: Option<String>,
    },
    /// The analyst chose which version of a conflicting case to keep.
    ConflictSettled,
    StartTraining(Rc<Scenario>),
    RevealFact,
    SubmitTraining,
    EndTraining,
    Offline(OfflineStatus),
    NewCase {
        analyst: String,
    },
    Open(Case),
    Imported(Case),
    EditReport(ReportEdit),
    EditNotification(NotificationEdit),
    EditL2(L2Edit),
    /// Keeps the pasted alert and merges the indicators found in it.
    PasteAlert(String),
    Step(Command),
    Notify(Notice),
    DismissNotice(usize),
    /// Starts a new case from a copy of this one's report.
    Duplicate(Case),
    SetArchived {
        id: String,
        archived: bool,
    },
    /// A case was deleted from storage; it is kept in memory for "Undo".
    Deleted {
        case: Case,
        archived: bool,
    },
    UndoDelete,
}

impl AppState {
    fn changed(&mut self) {
        self.revision += 1;
        if let Some(case) = &self.case {
            let archived = self
                .summaries
                .iter()
                .find(|s| s.id == case.id)
                .is_some_and(|s| s.archived);
            let summary = CaseSummary::of(case, archived);
            match self.summaries.iter_mut().find(|s| s.id == case.id) {
                Some(s) => *s = summary,
                None => self.summaries.insert(0, summary),
            }
        }
    }

    fn open(&mut self, case: Case) {
        self.case = Some(Rc::new(case));
        self.refusal = None;
        self.changed();
    }

    fn edit<R>(&mut self, f: impl FnOnce(&mut Case) -> Result<R, handoff_core::EditRefused>) {
        let Some(case) = self.case.as_mut() else {
            return;
        };
        match f(Rc::make_mut(case)) {
            Ok(_) => self.changed(),
            Err(e) => self.notices.push(Notice::error(e.to_string())),
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        let clock = BrowserClock;
        match action {
            Action::Loaded {
                summaries,
                current,
                problems,
                set_aside,
            } => {
                s.summaries = summaries;
                s.set_aside = set_aside;
                s.notices.extend(problems.into_iter().map(Notice::error));
                if let Some(c) = current {
                    s.case = Some(Rc::new(c));
                }
            }
            Action::NewCase { analyst } => {
                s.open(Case::open(new_case_id(), analyst, &clock));
            }
            Action::Open(case) => s.open(case),
            Action::Imported(case) => {
                let title = case.report.header.title.clone();
                s.open(case);
                s.notices
                    .push(Notice::info(format!("Imported the handoff \"{title}\".")));
            }
            Action::EditReport(f) => s.edit(|c| c.edit_report(&clock, |r| f(r))),
            Action::EditNotification(f) => s.edit(|c| c.edit_notification(&clock, |n| f(n))),
            Action::EditL2(f) => s.edit(|c| c.edit_l2(&clock, |l| f(l))),
            Action::PasteAlert(text) => {
                if text.len() > MAX_RAW_ALERT_BYTES {
                    s.notices.push(paste_too_large(text.len()));
                } else {
                    let found = extract(&text);
                    let mut added = 0;
                    s.edit(|c| {
                        c.edit_report(&clock, |r| {
                            for i in found {
                                if !r
                                    .indicators
                                    .iter()
                                    .any(|e| e.kind == i.kind && e.value == i.value)
                                {
                                    r.indicators.push(i);
                                    added += 1;
                                }
                            }
                            r.raw_alert = text;
                        })
                    });
                    s.notices.push(Notice::info(format!(
                        "Found {added} new indicators in the alert text."
                    )));
                }
            }
            Action::Step(cmd) => {
                if let Some(case) = s.case.as_mut() {
                    match Rc::make_mut(case).apply(cmd, &clock) {
                        Ok(_) => {
                            s.refusal = None;
                            s.changed();
                        }
                        Err(r) => s.refusal = Some(r),
                    }
                }
            }
            Action::ExternalChange { id, value, raw } => {
                let is_open = s.case.as_ref().is_some_and(|c| c.id == id);
                if is_open {
                    let same = match (&value, &s.case) {
                        (Some(theirs), Some(mine)) => theirs == mine.as_ref(),
                        _ => false,
                    };
                    if !same {
                        s.conflict = Some(raw);
                    }
                } else {
                    match value {
                        Some(case) => {
                            let archived = s
                                .summaries
                                .iter()
                                .find(|x| x.id == id)
                                .is_some_and(|x| x.archived);
                            let summary = CaseSummary::of(&case, archived);
                            match s.summaries.iter_mut().find(|x| x.id == id) {
                                Some(x) => *x = summary,
                                None => s.summaries.insert(0, summary),
                            }
                        }
                        None => s.summaries.retain(|x| x.id != id),
                    }
                }
            }
            Action::ConflictSettled => s.conflict = None,
            Action::StartTraining(scenario) => {
                let mut case = Case::open(new_case_id(), "Trainee", &clock);
                let raw = scenario.raw_alert.clone();
                let _ = case.edit_report(&clock, |r| {
                    r.header.title = format!("Training: {}", scenario.title);
                    r.header.alert_id = format!("TRAIN-{}", scenario.id);
                    r.indicators = extract(&raw);
                    r.raw_alert = raw;
                });
                s.training = Some(TrainingRun {
                    scenario,
                    case_id: case.id.clone(),
                    started_at: clock.now(),
                    revealed: 0,
                    score: None,
                });
                s.open(case);
            }
            Action::RevealFact => {
                if let Some(t) = s.training.as_mut() {
                    t.revealed = (t.revealed + 1).min(t.scenario.facts.len());
                }
            }
            Action::SubmitTraining => {
                if let (Some(t), Some(case)) = (s.training.as_mut(), s.case.as_ref()) {
                    if t.case_id == case.id && t.score.is_none() {
                        let result = score(&t.scenario, case);
                        let now = clock.now();
                        s.training_results.push(TrainingResult {
                            scenario_id: t.scenario.id.clone(),
                            title: t.scenario.title.clone(),
                            score: result.total,
                            max: result.max,
                            seconds: (now - t.started_at).num_seconds().max(0) as u64,
                            completed_at: now,
                        });
                        t.score = Some(result);
                    }
                }
            }
            Action::EndTraining => s.training = None,
            Action::Offline(status) => s.offline = status,
            Action::Notify(n) => {
                // The same message twice (a save failing on every keystroke) is shown once.
                if !s.notices.contains(&n) {
                    s.notices.push(n);
                }
            }
            Action::DismissNotice(i) => {
                if i < s.notices.len() {
                    s.notices.remove(i);
                }
            }
            Action::Duplicate(case) => {
                let copy = case.duplicate(new_case_id(), &clock);
                s.open(copy);
            }
            Action::SetArchived { id, archived } => {
                if let Some(sum) = s.summaries.iter_mut().find(|x| x.id == id) {
                    sum.archived = archived;
                }
            }
            Action::Deleted { case, archived } => {
                s.summaries.retain(|x| x.id != case.id);
                if s.case.as_ref().is_some_and(|c| c.id == case.id) {
                    s.case = None;
                    s.refusal = None;
                }
                s.deleted = Some((case, archived));
            }
            Action::UndoDelete => {
                if let Some((case, archived)) = s.deleted.take() {
                    s.open(case);
                    if let Some(sum) = s.summaries.first_mut() {
                        sum.archived = archived;
                    }
                }
            }
        }
        Rc::new(s)
    }
}

pub type Dispatch = yew::UseReducerDispatcher<AppState>;

/// The message for a raw alert paste over the limit.
pub fn paste_too_large(bytes: usize) -> Notice {
    Notice::error(format!(
        "That paste is {}; Handoff keeps alert text up to {}. Paste the relevant part of the \
         alert instead.",
        megabytes(bytes),
        megabytes(MAX_RAW_ALERT_BYTES)
    ))
}

/// A callback that writes a control's new value into one part of the open case, through the
/// action that edits that part (and so through the stage check the domain applies to it).
fn edit_input<T: 'static>(
    d: &Dispatch,
    f: impl Fn(&mut T, String) + 'static,
    action: fn(Edit<T>) -> Action,
) -> yew::Callback<String> {
    let d = d.clone();
    let f = Rc::new(f);
    yew::Callback::from(move |v: String| {
        let f = f.clone();
        d.dispatch(action(Rc::new(move |x: &mut T| f(x, v.clone()))))
    })
}

/// A callback that writes a control's new value into the report.
pub fn report_input(
    d: &Dispatch,
    f: impl Fn(&mut Report, String) + 'static,
) -> yew::Callback<String> {
    edit_input(d, f, Action::EditReport)
}

pub fn notification_input(
    d: &Dispatch,
    f: impl Fn(&mut Notification, String) + 'static,
) -> yew::Callback<String> {
    edit_input(d, f, Action::EditNotification)
}

pub fn l2_input(
    d: &Dispatch,
    f: impl Fn(&mut L2Section, String) + 'static,
) -> yew::Callback<String> {
    edit_input(d, f, Action::EditL2)
}
