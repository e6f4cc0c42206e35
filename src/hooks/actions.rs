//! The actions that need the time or a new ID, stamped here, so that components hand over
//! only what the analyst did and the reducer stays pure.

use std::rc::Rc;

use handoff_core::package::{to_json, Destination, ExportSettings};
#[cfg(feature = "training")]
use handoff_core::training::Playable;
use handoff_core::{Case, Command, Edit, Field};
use yew::prelude::*;

use crate::adapters::clock::{new_case_id, now};
use crate::adapters::worker::Offload;
#[cfg(feature = "training")]
use crate::state::TrainingAction;
use crate::state::{Action, Dispatch, ImportChoice, NoticeKind};
use crate::worker::preview::Node;
use crate::worker::{CaseText, Done, Job, Writing, NOT_HELD, WRONG_ANSWER};

/// The app's actions as narrow callbacks and methods, for components to take only what they
/// use.
#[derive(Clone, PartialEq)]
pub struct Actions {
    pub dispatch: Dispatch,
    /// One edit of the open case.
    pub edit: Callback<Edit>,
    /// One workflow step.
    pub step: Callback<Command>,
    /// The worker that reads pasted alerts.
    pub offload: Offload,
}

impl Actions {
    pub fn send(&self, action: Action) {
        self.dispatch.dispatch(action);
    }

    pub fn error(&self, text: impl Into<String>) {
        self.send(Action::Notify(NoticeKind::Error, text.into()));
    }

    /// Downloads `text` as `file_name`; a refusal by the browser is told as an error notice.
    pub fn download(&self, file_name: &str, mime: &str, text: &str) {
        if let Err(e) = crate::adapters::download::download(file_name, mime, text) {
            self.error(e);
        }
    }

    /// A button's action that downloads `text` as `file_name` (see [`Actions::download`]).
    pub fn download_on_click(
        &self,
        file_name: &'static str,
        mime: &'static str,
        text: String,
    ) -> Callback<MouseEvent> {
        let a = self.clone();
        Callback::from(move |_| a.download(file_name, mime, &text))
    }

    pub fn info(&self, text: impl Into<String>) {
        self.send(Action::Notify(NoticeKind::Info, text.into()));
    }

    pub fn new_case(&self, analyst: String) {
        self.send(Action::NewCase {
            id: new_case_id(),
            analyst,
            at: now(),
        });
    }

    /// Reads a pasted alert in the worker, then keeps it in case `case_id`. If the reader
    /// fails, the text is still kept, unread (the readers and the indicator extractor live in
    /// the worker only, off the first load).
    pub fn paste_alert(&self, case_id: String, text: String) {
        self.send(Action::ReadingAlert);
        let a = self.clone();
        let job = crate::worker::Job::ReadAlert { text: text.clone() };
        self.offload.run(job, move |result| {
            let (intake, failure) = match result {
                Ok(crate::worker::Done::AlertRead(intake)) => (intake, None),
                Ok(_) => (Box::default(), Some(WRONG_ANSWER.to_owned())),
                Err(why) => (Box::default(), Some(why)),
            };
            a.send(Action::PasteAlert {
                case_id,
                text,
                intake,
                at: now(),
            });
            if let Some(why) = failure {
                a.error(format!(
                    "The alert could not be read: {why} The alert text is kept, but neither its fields nor its indicators were read: paste it again to retry, or enter them by hand."
                ));
            }
        });
    }

    /// Asks the worker why a package the page refused is wrong, by the path of the wrong
    /// value; `show` gets the sentence (nothing if the worker cannot say).
    #[cfg(not(feature = "training"))]
    pub fn explain_import(&self, bytes: Vec<u8>, show: impl Fn(String) + 'static) {
        let Ok(text) = String::from_utf8(bytes) else {
            return;
        };
        self.offload
            .run(crate::worker::Job::ExplainImport { text }, move |result| {
                if let Ok(crate::worker::Done::ImportExplained(Some(why))) = result {
                    show(why);
                }
            });
    }

    /// Reads the alert stored in case `case_id` again (the case was opened), for the panel
    /// beside the paste box.
    pub fn reread_alert(&self, case_id: String, text: String) {
        let a = self.clone();
        self.offload
            .run(crate::worker::Job::ReadAlert { text }, move |result| {
                if let Ok(crate::worker::Done::AlertRead(intake)) = result {
                    a.send(Action::AlertRead { case_id, intake });
                }
            });
    }

    /// Has the worker write `case` as `writing` says; `done` gets the text (or why there is
    /// none) and, for Markdown if `preview` asks, the parsed preview, or why the worker could
    /// not be asked.
    ///
    /// The Handoff package is written here, at once: it is the page's own wire format (each
    /// autosave writes it), the same for every audience and setting, and sending the case to
    /// the worker to have the same JSON sent back took 12 ms for the large case, against
    /// 1.3 ms to write it here.
    pub fn write(
        &self,
        case: &Rc<Case>,
        writing: Writing,
        settings: ExportSettings,
        preview: bool,
        done: impl FnOnce(Result<Exported, String>) + 'static,
    ) {
        let timed = crate::adapters::perf::span(match writing {
            Writing::Export {
                destination: Destination::Package,
                ..
            } => {
                let text = crate::adapters::perf::measure("handoff:export-json", || to_json(case));
                return done(Ok(Exported {
                    text: Ok(text),
                    rendered: Preview::None,
                }));
            }
            Writing::Export {
                destination: Destination::Markdown,
                ..
            } => "handoff:export-markdown",
            _ => "handoff:export-other",
        });
        let handed = self.offload.holds(case);
        self.write_from(
            case,
            handed,
            WriteRequest {
                writing,
                settings,
                preview,
            },
            Box::new(move |result| {
                timed();
                done(result)
            }),
        );
    }

    /// [`Actions::write`]'s round trip. A case the worker holds unchanged (its store's last
    /// save) is named by `handed`, its number; a worker that no longer holds it is asked again
    /// with the case itself.
    fn write_from(
        &self,
        case: &Rc<Case>,
        handed: Option<u64>,
        how: WriteRequest,
        done: Box<dyn FnOnce(Result<Exported, String>)>,
    ) {
        let job = Job::Write {
            case: handed.map_or_else(|| CaseText::Package(to_json(case)), CaseText::Handed),
            writing: how.writing,
            settings: how.settings.clone(),
            preview: how.preview,
        };
        let (a, again) = (self.clone(), case.clone());
        self.ask(
            job,
            |d| match d {
                Done::Written(text, rendered) => Some(Exported {
                    text,
                    rendered: rendered
                        .map_or(Preview::None, |nodes| Preview::Drawn(Rc::new(nodes))),
                }),
                _ => None,
            },
            move |result| match result {
                Err(why) if handed.is_some() && why == NOT_HELD => {
                    a.write_from(&again, None, how, done)
                }
                result => done(result),
            },
        );
    }

    /// Has the worker parse Markdown the page shows for its preview.
    pub fn preview(
        &self,
        markdown: String,
        done: impl FnOnce(Result<Rc<Vec<Node>>, String>) + 'static,
    ) {
        let timed = crate::adapters::perf::span("handoff:preview-markdown");
        self.ask(
            Job::Preview { markdown },
            |d| match d {
                Done::Previewed(nodes) => Some(Rc::new(nodes)),
                _ => None,
            },
            move |result| {
                timed();
                done(result)
            },
        );
    }

    /// Has the worker read the export settings as typed: their canonical form, or what is
    /// wrong with them.
    #[cfg(not(feature = "training"))]
    pub fn check_export_settings(
        &self,
        settings: ExportSettings,
        done: impl FnOnce(Result<Result<ExportSettings, handoff_core::package::SettingsProblems>, String>)
            + 'static,
    ) {
        self.ask(
            Job::CheckSettings { settings },
            |d| match d {
                Done::SettingsChecked(result) => Some(result),
                _ => None,
            },
            done,
        );
    }

    /// Has the worker read a settings file (its reader stays out of the page).
    #[cfg(not(feature = "training"))]
    pub fn read_settings_file(
        &self,
        text: String,
        done: impl FnOnce(Result<ExportSettings, String>) + 'static,
    ) {
        self.ask(
            Job::ReadSettingsFile { text },
            |d| match d {
                Done::SettingsFileRead(settings) => Some(settings),
                _ => None,
            },
            done,
        );
    }

    pub fn take_offer(&self, field: Field) {
        self.send(Action::TakeOffer { field, at: now() });
    }

    pub fn duplicate(&self, case: Case) {
        self.send(Action::Duplicate {
            case,
            id: new_case_id(),
            at: now(),
        });
    }

    /// A package was read: the stored case of the same ID comes with it, so the reducer can
    /// tell an update of a local case from a stranger.
    pub fn imported(&self, case: Case) {
        let a = self.clone();
        let id = case.id.clone();
        crate::adapters::store::load_case(&self.offload, &id, move |stored| {
            a.send(Action::Imported {
                case: Box::new(case),
                stored: stored.ok().map(Box::new),
            })
        });
    }

    pub fn keep_both(&self) {
        self.send(Action::SettleImport(ImportChoice::KeepBoth {
            id: new_case_id(),
        }));
    }

    /// Has the training room's worker start the scenario's case, then works it here; a
    /// refusal (only a worker of another build refuses a scenario it read) is told.
    #[cfg(feature = "training")]
    pub fn start_training(&self, scenario: Rc<Playable>, source: Rc<str>, trainee: String) {
        let (at, a) = (now(), self.clone());
        let job = Job::StartScenario {
            scenario: source.to_string(),
            id: new_case_id(),
            at,
            trainee,
        };
        self.ask(
            job,
            |d| match d {
                Done::ScenarioStarted(package) => Some(package),
                _ => None,
            },
            move |started| {
                let case = started.and_then(|p| p).and_then(|p| {
                    handoff_core::package::import_located(p.as_bytes()).map_err(|e| e.to_string())
                });
                match case {
                    Ok(case) => a.send(Action::Training(TrainingAction::Start {
                        scenario,
                        source,
                        case: Box::new(case),
                        at,
                    })),
                    Err(why) => a.error(format!("The scenario could not be started: {why}")),
                }
            },
        );
    }

    /// Has the training room's worker score `case` for `run`; `done` is told when the answer
    /// is in (the score goes to the state), or why there is none.
    #[cfg(feature = "training")]
    pub fn score_training(
        &self,
        run: &crate::state::TrainingRun,
        case: &Case,
        done: impl FnOnce(Result<(), String>) + 'static,
    ) {
        let (at, case_id, a) = (now(), case.id.clone(), self.clone());
        let job = crate::worker::Job::Score {
            scenario: run.source.to_string(),
            package: to_json(case),
            checks: run.checks.clone(),
        };
        self.ask(
            job,
            |d| match d {
                Done::Scored(score) => Some(score),
                _ => None,
            },
            move |result| {
                done(result.map(|score| {
                    a.send(Action::Training(TrainingAction::Scored {
                        case_id,
                        score,
                        at,
                    }))
                }))
            },
        );
    }

    /// Has the worker write the shift handover over every stored case and `open` (whose
    /// latest edits may not be saved yet), looking back `hours`.
    #[cfg(not(feature = "training"))]
    pub fn shift_handover(
        &self,
        hours: u32,
        open: Option<&Case>,
        settings: ExportSettings,
        done: impl FnOnce(Result<crate::worker::ShiftText, String>) + 'static,
    ) {
        // The worker reads the stored cases itself; the open case goes last, as it is now.
        self.ask(
            Job::ShiftHandover {
                packages: open.map(to_json).into_iter().collect(),
                hours,
                settings,
                from_store: true,
            },
            |d| match d {
                Done::ShiftHandoverWritten(handover) => Some(handover),
                _ => None,
            },
            done,
        );
    }

    /// Has the training room's worker read scenario files (name, text); `done` gets, in the
    /// files' order, what the page plays of each or why it is refused.
    #[cfg(feature = "training")]
    pub fn read_scenarios(
        &self,
        files: Vec<(String, String)>,
        done: impl FnOnce(Result<Vec<Result<Playable, String>>, String>) + 'static,
    ) {
        self.ask(
            Job::ReadScenarios { files },
            |d| match d {
                Done::ScenariosRead(scenarios) => Some(scenarios),
                _ => None,
            },
            done,
        );
    }

    /// Has the training room's worker write the trainee's session file (JSON, or the Markdown
    /// summary), then downloads it.
    #[cfg(feature = "training")]
    pub fn download_session(
        &self,
        trainee: String,
        results: Vec<handoff_core::training::TrainingResult>,
        markdown: bool,
    ) {
        let a = self.clone();
        self.ask(
            Job::WriteSession {
                trainee,
                results,
                markdown,
            },
            |d| match d {
                Done::SessionWritten(text) => Some(text),
                _ => None,
            },
            move |written| match written {
                Ok(text) if markdown => a.download("training-session.md", "text/markdown", &text),
                Ok(text) => a.download("training-session.json", "application/json", &text),
                Err(why) => a.error(format!("The session file could not be written: {why}")),
            },
        );
    }

    /// Has the training room's worker read trainees' session files into one class table.
    #[cfg(feature = "training")]
    pub fn class_debrief(
        &self,
        files: Vec<(String, String)>,
        done: impl FnOnce(Result<crate::worker::ClassTable, String>) + 'static,
    ) {
        self.ask(
            Job::ClassDebrief { files },
            |d| match d {
                Done::ClassDebriefed(class) => Some(class),
                _ => None,
            },
            done,
        );
    }

    /// Sends `job` to the worker; `done` gets what `pick` takes from its answer, or why there
    /// is none (the worker failed, or answered with something else: another build's).
    fn ask<T: 'static>(
        &self,
        job: Job,
        pick: impl FnOnce(Done) -> Option<T> + 'static,
        done: impl FnOnce(Result<T, String>) + 'static,
    ) {
        self.offload.run(job, move |answer| {
            done(answer.and_then(|d| match d {
                Done::Failed(why) => Err(why),
                d => pick(d).ok_or_else(|| WRONG_ANSWER.to_owned()),
            }))
        });
    }
}

/// How [`Actions::write`] was asked to write: kept to ask again with the case itself.
#[derive(Clone)]
struct WriteRequest {
    writing: Writing,
    settings: ExportSettings,
    preview: bool,
}

/// An export the worker wrote.
#[derive(Clone, Debug, PartialEq)]
pub struct Exported {
    /// The export, or why this case has none for the destination.
    pub text: Result<String, String>,
    pub rendered: Preview,
}

/// A Markdown export's preview.
#[derive(Clone, Debug, PartialEq)]
pub enum Preview {
    /// Not asked for, or not Markdown.
    None,
    /// Asked for once the text came: on its way.
    Coming,
    Drawn(Rc<Vec<Node>>),
    /// Why there is none (the text is there all the same).
    Failed(String),
}

#[hook]
pub fn use_actions(dispatch: Dispatch) -> Actions {
    let edit = {
        let d = dispatch.clone();
        use_callback((), move |edit: Edit, _| {
            d.dispatch(Action::Edit { edit, at: now() })
        })
    };
    let step = {
        let d = dispatch.clone();
        use_callback((), move |command: Command, _| {
            d.dispatch(Action::Step { command, at: now() })
        })
    };
    let offload = use_state(Offload::default);
    Actions {
        dispatch,
        edit,
        step,
        offload: (*offload).clone(),
    }
}
