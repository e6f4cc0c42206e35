//! The app's state and every action on it. The reducer only calls the domain; browser effects
//! (saving, focusing, copying) happen in the components and adapters in reaction to it.

use std::rc::Rc;

use handoff_core::indicators::extract;
use handoff_core::limits::MAX_RAW_ALERT_BYTES;
use handoff_core::text::megabytes;
use handoff_core::{Case, Command, L2Section, Notification, Refusal, Report};
use yew::Reducible;

use crate::adapters::clock::{new_case_id, BrowserClock};
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
pub type ReportEdit = Rc<dyn Fn(&mut Report)>;
pub type NotificationEdit = Rc<dyn Fn(&mut Notification)>;
pub type L2Edit = Rc<dyn Fn(&mut L2Section)>;

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
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.summaries == other.summaries
            && self.refusal == other.refusal
            && self.notices == other.notices
            && self.case.as_ref().map(|c| &c.id) == other.case.as_ref().map(|c| &c.id)
    }
}

pub enum Action {
    Loaded {
        summaries: Vec<CaseSummary>,
        current: Option<Case>,
        problems: Vec<String>,
    },
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
    Saved,
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
            } => {
                s.summaries = summaries;
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
                    s.notices.push(Notice::error(format!(
                        "That paste is {}; Handoff keeps alert text up to {}. Paste the relevant \
                         part of the alert instead.",
                        megabytes(text.len()),
                        megabytes(MAX_RAW_ALERT_BYTES)
                    )));
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
            Action::Saved => {}
            Action::Notify(n) => s.notices.push(n),
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

/// A callback that writes a control's new value into the report.
pub fn report_input(
    d: &Dispatch,
    f: impl Fn(&mut Report, String) + 'static,
) -> yew::Callback<String> {
    let d = d.clone();
    let f = Rc::new(f);
    yew::Callback::from(move |v: String| {
        let f = f.clone();
        d.dispatch(Action::EditReport(Rc::new(move |r| f(r, v.clone()))))
    })
}

pub fn notification_input(
    d: &Dispatch,
    f: impl Fn(&mut Notification, String) + 'static,
) -> yew::Callback<String> {
    let d = d.clone();
    let f = Rc::new(f);
    yew::Callback::from(move |v: String| {
        let f = f.clone();
        d.dispatch(Action::EditNotification(Rc::new(move |n| f(n, v.clone()))))
    })
}

pub fn l2_input(
    d: &Dispatch,
    f: impl Fn(&mut L2Section, String) + 'static,
) -> yew::Callback<String> {
    let d = d.clone();
    let f = Rc::new(f);
    yew::Callback::from(move |v: String| {
        let f = f.clone();
        d.dispatch(Action::EditL2(Rc::new(move |l| f(l, v.clone()))))
    })
}
