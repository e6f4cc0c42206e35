//! The app's state and every change to it, as a pure reducer: `reduce(state, action)` reads
//! no clock, no storage and no randomness (times and new IDs arrive inside the actions), so
//! every action is tested natively (`state/tests.rs`). Browser effects (saving, other tabs,
//! shortcuts, theme) live in `crate::hooks` and react to the state.

pub mod flow;
pub mod intake;
pub mod notices;
pub mod summary;
#[cfg(test)]
mod tests;
// Training is built into the training room's page only (`--features training`), so the
// analyst's first load carries none of it.
#[cfg(feature = "training")]
pub mod training;
#[cfg(feature = "training")]
pub use training::{TrainingAction, TrainingRun};

use std::rc::Rc;

use chrono::{DateTime, Utc};
use handoff_core::intake::{proposals, suggestions, Intake};
use handoff_core::vocabulary::limits::MAX_RAW_ALERT_BYTES;
use handoff_core::vocabulary::text::megabytes;
use handoff_core::{Case, Command, Edit, Field, Refusal, Role};
use yew::Reducible;

pub use flow::FlowStep;
pub use intake::IntakeView;
pub use notices::{Notice, NoticeKind, Notices};
pub use summary::CaseSummary;

/// Whether this version of the app works offline, as its service worker reports.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OfflineStatus {
    /// Not (yet) available offline: first visit still caching, or no service worker support.
    #[default]
    Online,
    /// Every file of this version is cached: the app loads with the network off.
    Ready,
    /// A newer version is cached and waits for the analyst to switch.
    UpdateWaiting,
}

/// Everything found in this browser's storage at start-up.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StoredCases {
    pub summaries: Vec<CaseSummary>,
    /// The case that was open when the page was last closed.
    pub current: Option<Case>,
    /// IDs of entries set aside because they could not be read.
    pub set_aside: Vec<String>,
    /// One sentence per problem met (an entry set aside, storage unavailable).
    pub problems: Vec<String>,
}

/// A deleted case, kept in memory so that "Undo" can bring it back as it was.
#[derive(Clone, Debug, PartialEq)]
pub struct DeletedCase {
    pub case: Case,
    pub archived: bool,
}

/// What another tab did to a stored case.
#[derive(Clone, Debug, PartialEq)]
pub enum OtherTabChange {
    /// It saved this package (`case` is `None` when the package could not be read).
    Saved {
        raw: String,
        case: Option<Box<Case>>,
    },
    Deleted,
}

/// Another tab's version of the case open here, while the analyst has not chosen between
/// the two. Autosave holds off meanwhile, so neither version is overwritten.
#[derive(Clone, Debug, PartialEq)]
pub enum OtherTabVersion {
    Changed(String),
    Deleted,
}

/// What to do with an imported package whose case ID is already in this browser.
#[derive(Clone, Debug, PartialEq)]
pub enum ImportChoice {
    /// Replace the local case with the imported one.
    Replace,
    /// Keep the local case and add the imported one under this new ID.
    KeepBoth { id: String },
    /// Keep only the local case.
    Cancel,
}

/// An imported case whose ID is already in this browser.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub imported: Rc<Case>,
    /// The import carries on from the local case: its audit trail starts with the local
    /// one's (a package that came back from the other tier).
    pub continues: bool,
}

/// Whether `newer` carries on from `older`: the same case, with every step `older` took.
pub fn continues_from(newer: &Case, older: &Case) -> bool {
    newer.id == older.id
        && newer.audit.len() >= older.audit.len()
        && newer.audit[..older.audit.len()] == older.audit[..]
}

/// Who is using this browser, remembered in it: the tier they work in and their name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Profile {
    pub role: Role,
    pub name: String,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            role: Role::L1,
            name: String::new(),
        }
    }
}

/// Where the analyst is in the guided flow of the open case, beyond what its stage says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FlowUi {
    /// In "Writing the report": the analyst has moved on from the Five Ws to the decision.
    pub report_written: bool,
    /// A finished step opened again to change it.
    pub changing: Option<FlowStep>,
    /// The step whose forward action was refused: its missing fields are shown as errors
    /// (never before the analyst tried to move on).
    pub tried: Option<FlowStep>,
    /// Counts refusals, so that each one moves focus to the error summary again.
    pub attempt: u64,
    /// A field to bring into view and focus (from an error link or the report check), with a
    /// number that makes each request new.
    pub focus: Option<(Field, u64)>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AppState {
    pub profile: Profile,
    pub flow: FlowUi,
    /// The case list, newest first. Shared, and each line on its own, so that a keystroke in
    /// the open case copies pointers, not ten thousand lines.
    pub summaries: Rc<Vec<Rc<CaseSummary>>>,
    /// The store answered at start-up (until then the case list says it is opening).
    pub store_open: bool,
    pub case: Option<Rc<Case>>,
    /// Bumped on every change to the open case; autosave watches it.
    pub revision: u64,
    /// The last revision autosave wrote to storage.
    pub saved_revision: u64,
    /// Why the last save failed, until one succeeds again.
    pub save_failed: Option<String>,
    /// The last step refused, with everything it still needs.
    pub refusal: Option<Refusal>,
    pub notices: Notices,
    pub deleted: Option<DeletedCase>,
    /// IDs deleted here or in another tab since the store's last full list arrived: at
    /// start-up the store's second answer (every line) may have been read before such a
    /// delete. Cleared by the next relist; until then a handful of IDs at most.
    pub gone: Vec<String>,
    pub conflict: Option<OtherTabVersion>,
    /// An imported package waiting for the analyst to say what to do with the local case of
    /// the same ID.
    pub pending_import: Option<PendingImport>,
    /// Stored entries that could not be read and were set aside.
    pub set_aside: Vec<String>,
    /// The question to L1 or the answer to L2 being written. Kept here, not in the text box,
    /// so that a refused step loses nothing.
    pub reply: String,
    #[cfg(feature = "training")]
    pub training: Option<TrainingRun>,
    /// Scenarios finished in this session.
    #[cfg(feature = "training")]
    pub training_results: Vec<handoff_core::training::TrainingResult>,
    pub offline: OfflineStatus,
    /// The open case's pasted alert as the intake read it.
    pub intake: Option<Rc<IntakeView>>,
    /// A pasted alert is with the reader.
    pub reading_alert: bool,
    /// The organisation's own domains and the DFIR-IRIS IDs, as kept in this browser.
    pub export_settings: handoff_core::package::ExportSettings,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Loaded(StoredCases),
    /// The store's list read again after a restore (here or in another tab): its lines
    /// replace the list's, but for the open case's when it is not stored yet.
    Relisted(StoredCases),
    OtherTab {
        id: String,
        change: OtherTabChange,
    },
    /// The analyst chose which version of a case changed in two tabs to keep.
    ConflictSettled,
    NewCase {
        id: String,
        analyst: String,
        at: DateTime<Utc>,
    },
    /// A case read from the store, as it is stored (from the case list, or another tab's
    /// version): opened with nothing to save.
    Open(Case),
    /// A package was read. `stored` is this browser's stored case of the same ID, if any.
    Imported {
        case: Box<Case>,
        stored: Option<Box<Case>>,
    },
    SettleImport(ImportChoice),
    Edit {
        edit: Edit,
        at: DateTime<Utc>,
    },
    /// A pasted alert went to the reader.
    ReadingAlert,
    /// Keeps the alert pasted into case `case_id`, as the reader read it (`intake`): fills the
    /// empty fields it speaks to and adds its indicators; what it says about fields already
    /// written waits beside them.
    PasteAlert {
        case_id: String,
        text: String,
        intake: Box<Intake>,
        at: DateTime<Utc>,
    },
    /// The reading of the stored alert of case `case_id`, opened again.
    AlertRead {
        case_id: String,
        intake: Box<Intake>,
    },
    /// Takes the pasted alert's suggestion for a field the analyst had written in.
    TakeOffer {
        field: Field,
        at: DateTime<Utc>,
    },
    /// Drops the alert's suggestion for a field, leaving the field as it is.
    DismissOffer(Field),
    Step {
        command: Command,
        at: DateTime<Utc>,
    },
    Reply(String),
    /// The remembered profile, read at start-up.
    ProfileLoaded(Profile),
    /// The export settings were read from this browser, or saved there.
    ExportSettings(handoff_core::package::ExportSettings),
    SetRole(Role),
    /// Moves on from a step whose forward action is not a workflow step (the report).
    Continue(FlowStep),
    /// Opens a finished step again to change it.
    Change(FlowStep),
    /// Closes the step opened for a change.
    DoneChanging,
    /// Brings a field into view and focuses it, opening the finished step that shows it.
    GoTo(Field),
    /// Autosave wrote this revision of the open case.
    Saved(u64),
    /// Autosave could not write (the message says why and what to do).
    SaveFailed(String),
    Notify(NoticeKind, String),
    DismissNotice(u64),
    /// Starts a new case from a copy of this one's report.
    Duplicate {
        case: Case,
        id: String,
        at: DateTime<Utc>,
    },
    SetArchived {
        id: String,
        archived: bool,
    },
    /// A case was deleted from storage.
    Deleted(DeletedCase),
    UndoDelete,
    #[cfg(feature = "training")]
    Training(TrainingAction),
    Offline(OfflineStatus),
}

impl AppState {
    /// The open case changed: bump the revision and bring its line in the case list up to
    /// date.
    fn changed(&mut self) {
        self.revision += 1;
        if let Some(case) = self.case.clone() {
            self.put_summary(&case, true);
        }
    }

    /// Brings case's line up to date; `open` when it is the open case (see below).
    fn put_summary(&mut self, case: &Case, open: bool) {
        let line = self.summaries.iter().position(|s| s.id == case.id);
        let h = &case.report.header;
        // The open case's line shows its live stage and time (the case list reads them from
        // the case), so a keystroke that changes only the time leaves the list as it is, and
        // builds no line.
        if let Some(s) = line.map(|i| &self.summaries[i]) {
            if open && s.title == h.title && s.alert_id == h.alert_id && s.stage == case.stage {
                return;
            }
        }
        let archived = line.is_some_and(|i| self.summaries[i].archived);
        let summary = Rc::new(CaseSummary::of(case, archived));
        let list = Rc::make_mut(&mut self.summaries);
        match line {
            Some(i) => list[i] = summary,
            None => list.insert(0, summary),
        }
    }

    fn open(&mut self, case: Case) {
        self.notices.moved_on();
        // Read again by the worker when the page asks (`AlertRead`).
        self.intake = None;
        self.case = Some(Rc::new(case));
        self.refusal = None;
        self.reply.clear();
        self.flow = FlowUi::default();
        self.changed();
    }

    fn has_case(&self, id: &str) -> bool {
        self.summaries.iter().any(|s| s.id == id) || self.case.as_ref().is_some_and(|c| c.id == id)
    }

    /// Applies `f` to the open case; a refusal becomes an error notice and changes nothing.
    fn edit_case(
        &mut self,
        f: impl FnOnce(&mut Case) -> Result<(), handoff_core::EditRefused>,
    ) -> bool {
        let Some(case) = self.case.as_mut() else {
            return false;
        };
        match f(Rc::make_mut(case)) {
            Ok(()) => {
                self.changed();
                true
            }
            Err(e) => {
                self.notices.push(NoticeKind::Error, e.to_string());
                false
            }
        }
    }
}

/// The message for a raw alert paste over the limit.
pub fn paste_too_large(bytes: usize) -> String {
    format!(
        "That paste is {}; Handoff keeps alert text up to {}. Paste the relevant part of the \
         alert instead.",
        megabytes(bytes),
        megabytes(MAX_RAW_ALERT_BYTES)
    )
}

/// What the analyst should know about autosave right now.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Every change is in this browser's storage.
    Saved,
    /// A change is waiting for the autosave delay.
    Saving,
    /// Held: another tab changed the same case.
    Held,
    /// The last save failed.
    Failed,
}

impl SaveStatus {
    /// The last change is not in this browser's storage, and will not be without the analyst.
    pub fn unsaved(self) -> bool {
        matches!(self, SaveStatus::Held | SaveStatus::Failed)
    }
}

impl AppState {
    pub fn save_status(&self) -> SaveStatus {
        if self.conflict.is_some() {
            SaveStatus::Held
        } else if self.save_failed.is_some() {
            SaveStatus::Failed
        } else if self.saved_revision < self.revision {
            SaveStatus::Saving
        } else {
            SaveStatus::Saved
        }
    }

    /// The open case's alert step is the step shown open (its step, or opened again to change
    /// it): the only place that shows what the stored alert was read as.
    pub fn shows_alert_step(&self) -> bool {
        self.case.as_ref().is_some_and(|case| {
            let list = flow::steps_for(case, self.profile.role, self.flow.report_written);
            flow::open_step(&list, self.flow.changing, case) == Some(FlowStep::Alert)
        })
    }
}

fn set_archived(s: &mut AppState, id: &str, archived: bool) {
    let list = Rc::make_mut(&mut s.summaries);
    if let Some(sum) = list.iter_mut().find(|x| x.id == id) {
        Rc::make_mut(sum).archived = archived;
    }
}

/// The one place the app's state changes.
pub fn reduce(s: &mut AppState, action: Action) {
    match action {
        Action::Loaded(stored) => {
            // A case begun while the store was opening stays listed (it comes first, being the
            // newest), and so does a line changed here since the store's first answer.
            // A few hundred lines at most are ours (the first answer's and new ones): a linear
            // look-up per stored line is a few milliseconds for ten thousand.
            let ours: Vec<&str> = s.summaries.iter().map(|x| x.id.as_str()).collect();
            let mut list: Vec<Rc<CaseSummary>> = s.summaries.iter().cloned().collect();
            list.extend(
                stored
                    .summaries
                    .into_iter()
                    .filter(|x| !ours.contains(&x.id.as_str()) && !s.gone.contains(&x.id))
                    .map(Rc::new),
            );
            s.summaries = Rc::new(list);
            s.store_open = true;
            s.set_aside = stored.set_aside;
            for p in stored.problems {
                s.notices.push(NoticeKind::Error, p);
            }
            if s.case.is_none() {
                s.case = stored.current.map(Rc::new);
            }
        }
        Action::Relisted(stored) => {
            // Read after every change this tab asked for (the store's jobs run in order), so
            // its lines are the truth. Only the open case's line stays: it may not be stored
            // yet, and the list draws it from the open case anyway.
            let open: Vec<Rc<CaseSummary>> = s
                .case
                .as_ref()
                .and_then(|c| s.summaries.iter().find(|x| x.id == c.id).cloned())
                .into_iter()
                .collect();
            s.summaries = Rc::new(open);
            s.gone.clear();
            reduce(s, Action::Loaded(stored));
        }
        Action::NewCase { id, analyst, at } => s.open(Case::open(id, analyst, at)),
        Action::Open(case) => {
            s.open(case);
            // Saving it again would only rewrite the stored text (for a 5 MB case, 50 ms of
            // the page's time and a 5 MB write) in another layout than a backup's copy of it.
            s.saved_revision = s.revision;
        }
        Action::Imported { case, stored } => {
            let case = *case;
            let local = match &s.case {
                Some(open) if open.id == case.id => Some(open.as_ref().clone()),
                _ => stored.map(|c| *c),
            };
            if local.as_ref() == Some(&case) {
                s.open(case);
                s.notices.push(
                    NoticeKind::Info,
                    "This handoff is already here, unchanged; it is open.".to_owned(),
                );
            } else if s.has_case(&case.id) || local.is_some() {
                s.pending_import = Some(PendingImport {
                    continues: local.as_ref().is_some_and(|l| continues_from(&case, l)),
                    imported: Rc::new(case),
                });
            } else {
                let title = case.report.header.title.clone();
                s.open(case);
                s.notices.push(
                    NoticeKind::Info,
                    format!("Imported the handoff \"{title}\"."),
                );
            }
        }
        Action::SettleImport(choice) => {
            let Some(pending) = s.pending_import.take() else {
                return;
            };
            let imported = Rc::unwrap_or_clone(pending.imported);
            match choice {
                ImportChoice::Replace => {
                    let title = imported.report.header.title.clone();
                    s.open(imported);
                    s.notices.push(
                        NoticeKind::Info,
                        format!("Replaced the local case with the imported handoff \"{title}\"."),
                    );
                }
                ImportChoice::KeepBoth { id } => {
                    let title = imported.report.header.title.clone();
                    s.open(imported.with_id(id));
                    s.notices.push(
                        NoticeKind::Info,
                        format!(
                            "Imported the handoff \"{title}\" as a separate case; the local \
                             case is unchanged."
                        ),
                    );
                }
                ImportChoice::Cancel => s.notices.push(
                    NoticeKind::Info,
                    "Import cancelled; the local case is unchanged.".to_owned(),
                ),
            }
        }
        Action::Edit { edit, at } => {
            // The analyst's own name is remembered for the next case.
            let own_name = match (&edit, s.profile.role) {
                (Edit::Analyst(name), Role::L1) | (Edit::L2Analyst(name), Role::L2) => {
                    Some(name.trim().to_owned())
                }
                _ => None,
            };
            if s.edit_case(|c| c.edit(edit, at)) {
                if let Some(name) = own_name {
                    s.profile.name = name;
                }
            }
        }
        Action::ReadingAlert => s.reading_alert = true,
        Action::AlertRead { case_id, intake } => {
            let open = s.case.as_ref().is_some_and(|c| c.id == case_id);
            if open && s.intake.is_none() {
                s.intake = Some(Rc::new(IntakeView {
                    intake: Rc::new(*intake),
                    filled: Vec::new(),
                    offers: Vec::new(),
                }));
            }
        }
        Action::PasteAlert {
            case_id,
            text,
            intake: read,
            at,
        } => {
            s.reading_alert = false;
            if text.len() > MAX_RAW_ALERT_BYTES {
                s.notices
                    .push(NoticeKind::Error, paste_too_large(text.len()));
                return;
            }
            let Some(case) = s.case.as_ref().filter(|c| c.id == case_id) else {
                // The analyst left the case while its alert was being read.
                s.notices.push(
                    NoticeKind::Error,
                    "The alert was read after you left its case; open that case and paste it again."
                        .to_owned(),
                );
                return;
            };
            let read = *read;
            let p = proposals(case, &read);
            let filled: Vec<Field> = suggestions(&read)
                .into_iter()
                .filter(|sug| p.fill.contains(&sug.edit))
                .map(|sug| sug.field)
                .collect();
            // All or nothing: a refused edit (a report already handed on) leaves the case as
            // it was.
            let mut attempt = case.as_ref().clone();
            let applied = std::iter::once(Edit::RawAlert(text))
                .chain(p.fill)
                .try_for_each(|e| attempt.edit(e, at));
            match applied {
                Ok(()) => {
                    let added = attempt.report.indicators.len() - case.report.indicators.len();
                    let sentence = intake::announcement(&read, filled.len(), added, p.offer.len());
                    s.case = Some(Rc::new(attempt));
                    s.intake = Some(Rc::new(IntakeView {
                        intake: Rc::new(read),
                        filled,
                        offers: p.offer,
                    }));
                    s.notices.push(NoticeKind::Info, sentence);
                    s.changed();
                }
                Err(e) => s.notices.push(NoticeKind::Error, e.to_string()),
            }
        }
        Action::TakeOffer { field, at } => {
            let Some(view) = s.intake.as_mut() else {
                return;
            };
            let Some(offer) = view.offer(field).cloned() else {
                return;
            };
            Rc::make_mut(view).offers.retain(|o| o.field != field);
            s.edit_case(|c| c.edit(offer.edit, at));
        }
        Action::DismissOffer(field) => {
            if let Some(view) = s.intake.as_mut() {
                Rc::make_mut(view).offers.retain(|o| o.field != field);
            }
        }
        Action::Step { command, at } => {
            let carries_text = matches!(
                command,
                Command::RequestClarification { .. } | Command::AnswerClarification { .. }
            );
            let step = FlowStep::taking(command.kind());
            let name = s.profile.name.clone();
            let Some(case) = s.case.as_mut() else {
                return;
            };
            let case = Rc::make_mut(case);
            // The values the form showed as already filled in become the case's, if the
            // step goes ahead.
            let mut attempt = case.clone();
            for edit in flow::prefills(&command, &attempt, &name) {
                let _ = attempt.edit(edit, at);
            }
            match attempt.apply(command, at) {
                Ok(_) => {
                    *case = attempt;
                    s.refusal = None;
                    s.flow = FlowUi::default();
                    if carries_text {
                        s.reply.clear();
                    }
                    s.notices.moved_on();
                    s.changed();
                }
                Err(r) => {
                    s.refusal = Some(r);
                    s.flow.tried = Some(step);
                    s.flow.attempt += 1;
                }
            }
        }
        Action::Continue(step) => {
            let Some(case) = s.case.as_ref() else {
                return;
            };
            if flow::blocking(step, case, &s.reply, &s.profile.name).is_empty() {
                if step == FlowStep::Report {
                    s.flow.report_written = true;
                }
                s.notices.moved_on();
                s.flow.tried = None;
                s.flow.changing = None;
                s.refusal = None;
            } else {
                s.flow.tried = Some(step);
                s.flow.attempt += 1;
            }
        }
        Action::GoTo(field) => {
            let Some(case) = s.case.as_ref() else {
                return;
            };
            if let Some(step) = FlowStep::showing(field) {
                let open = flow::steps_for(case, s.profile.role, s.flow.report_written)
                    .into_iter()
                    .any(|(st, state)| st == step && state == flow::StepState::Current);
                if !open && s.flow.changing != Some(step) && flow::can_change(step, case) {
                    s.flow.changing = Some(step);
                    s.flow.tried = None;
                }
            }
            let seq = s.flow.focus.map_or(1, |(_, n)| n + 1);
            s.flow.focus = Some((field, seq));
        }
        Action::Change(step) => {
            s.flow.changing = Some(step);
            s.flow.tried = None;
        }
        Action::DoneChanging => {
            s.flow.changing = None;
            s.flow.tried = None;
        }
        Action::ProfileLoaded(profile) => s.profile = profile,
        Action::ExportSettings(settings) => s.export_settings = settings,
        Action::SetRole(role) => {
            s.profile.role = role;
            s.flow.changing = None;
            s.flow.tried = None;
        }
        Action::Reply(text) => s.reply = text,
        Action::Saved(revision) => {
            s.saved_revision = s.saved_revision.max(revision);
            s.save_failed = None;
        }
        Action::SaveFailed(why) => {
            s.notices.push(NoticeKind::Error, why.clone());
            s.save_failed = Some(why);
        }
        Action::OtherTab { id, change } => {
            let is_open = s.case.as_ref().is_some_and(|c| c.id == id);
            if is_open {
                match change {
                    OtherTabChange::Saved {
                        case: Some(theirs), ..
                    } if s.case.as_deref() == Some(&*theirs) => {}
                    OtherTabChange::Saved { raw, .. } => {
                        s.conflict = Some(OtherTabVersion::Changed(raw))
                    }
                    OtherTabChange::Deleted => s.conflict = Some(OtherTabVersion::Deleted),
                }
            } else {
                match change {
                    OtherTabChange::Saved {
                        case: Some(case), ..
                    } => s.put_summary(&case, false),
                    // An unreadable package from another tab is set aside when this tab next
                    // loads; the list keeps what it knew.
                    OtherTabChange::Saved { case: None, .. } => {}
                    OtherTabChange::Deleted => {
                        Rc::make_mut(&mut s.summaries).retain(|x| x.id != id);
                        s.gone.push(id);
                    }
                }
            }
        }
        Action::ConflictSettled => s.conflict = None,
        Action::Notify(kind, text) => s.notices.push(kind, text),
        Action::DismissNotice(id) => s.notices.dismiss(id),
        Action::Duplicate { case, id, at } => s.open(case.duplicate(id, at)),
        Action::SetArchived { id, archived } => {
            set_archived(s, &id, archived);
        }
        Action::Deleted(deleted) => {
            Rc::make_mut(&mut s.summaries).retain(|x| x.id != deleted.case.id);
            s.gone.push(deleted.case.id.clone());
            if s.case.as_ref().is_some_and(|c| c.id == deleted.case.id) {
                s.case = None;
                s.intake = None;
                s.refusal = None;
            }
            s.deleted = Some(deleted);
        }
        Action::UndoDelete => {
            if let Some(DeletedCase { case, archived }) = s.deleted.take() {
                let id = case.id.clone();
                s.gone.retain(|g| *g != id);
                s.open(case);
                set_archived(s, &id, archived);
            }
        }
        #[cfg(feature = "training")]
        Action::Training(action) => training::reduce(s, action),
        Action::Offline(status) => s.offline = status,
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = Rc::unwrap_or_clone(self);
        reduce(&mut s, action);
        Rc::new(s)
    }
}

pub type Dispatch = yew::UseReducerDispatcher<AppState>;
