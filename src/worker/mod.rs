//! Work done off the page, in a Web Worker built as its own wasm (`src/bin/handoff-worker.rs`):
//! reading pasted alerts, writing exports (and parsing the Markdown ones for the preview),
//! writing the shift handover from the stored cases, and naming the wrong value of a refused
//! package by its path. The readers (`mail-parser`, every
//! vendor's field names), the exporters, the Markdown parser and the path tracking weigh tens
//! of kilobytes the first load does not need; in the worker they load when a case is first
//! open, and a 1 MB paste is read without freezing the page.
//!
//! This module is the protocol, and it is pure: the page sends a [`Job`] as JSON text, and the
//! worker answers with a [`Done`]; either one's large text (a package, a pasted alert, an
//! export) travels beside its JSON (a [`Posted`]). Each message carries [`PROTOCOL`], so a worker left from an
//! older build is told apart instead of misread, and every failure is a message, never a
//! panic. The browser ends are `crate::adapters::worker` (the page) and the binary (the
//! worker).

pub mod preview;
#[cfg(not(feature = "training"))]
pub mod store;

use std::rc::Rc;

use chrono::{DateTime, Utc};
use handoff_core::intake::{self, Intake};
use handoff_core::package::{clarification_message, import, Audience, Destination, ExportSettings};
use serde::{Deserialize, Serialize};

use preview::Node;

#[cfg(not(feature = "training"))]
use crate::state::CaseSummary;

/// Bumped whenever a [`Job`] or [`Done`] changes shape.
pub const PROTOCOL: u32 = 15;

/// Why a job got an answer of the wrong kind: only a worker of another build answers so.
pub const WRONG_ANSWER: &str = "the worker answered for another version of Handoff.";

/// The worker's script, beside the app's files (Trunk's loader shim for the worker binary).
pub const SCRIPT: &str = "./handoff-worker_loader.js";

/// What the worker posts once it listens: messages sent before would be lost, so the page
/// holds its jobs until then.
pub const READY: &str = "ready";

/// Why a job that names the case by its number ([`CaseText::Handed`]) was refused: this worker
/// does not hold that case (the save did not read, or it has not arrived: the page holds a
/// save while the store opens). The page then sends the case itself.
pub const NOT_HELD: &str = "the worker does not hold the case it was named by.";

/// The case a job is about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CaseText {
    /// Its package JSON.
    Package(String),
    /// The case this worker's store was last handed, by the number the page gave that save:
    /// the page's case has not changed since, and a large case need not cross the message
    /// channel and be read again for each export.
    Handed(u64),
}

/// The case the worker's store was handed last, as read, under the number the page gave its
/// save. The worker reads each saved package anyway (the store keeps only what reads back);
/// keeping it lets an export of the unchanged case skip writing, sending and reading it again.
#[derive(Default)]
pub struct Held {
    case: Option<(u64, Rc<handoff_core::Case>)>,
}

impl Held {
    /// Reads a package handed to the store, and holds it under `number`; `None` when it does
    /// not read (the store then refuses it, with why).
    #[cfg(not(feature = "training"))]
    fn hand(&mut self, package: &str, number: u64) -> Option<Rc<handoff_core::Case>> {
        // The worker's one reader, `import`. `import_located` refuses the same and was no
        // faster here (1.12 against 1.04 ms for the large case, natively), but a second
        // reader of every type of the case made the worker 15.4 KB larger gzipped.
        self.case = import(package.as_bytes())
            .ok()
            .map(|case| (number, Rc::new(case)));
        self.case.as_ref().map(|(_, case)| case.clone())
    }

    /// The case held under `number`, if it still is.
    fn get(&self, number: u64) -> Option<Rc<handoff_core::Case>> {
        self.case
            .as_ref()
            .filter(|(n, _)| *n == number)
            .map(|(_, case)| case.clone())
    }
}

/// What the worker writes from a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Writing {
    /// An export for `destination`, for `audience`.
    Export {
        destination: Destination,
        audience: Audience,
    },
    /// The chat message of the last question to L1, or of its answer.
    Clarification,
}

impl Writing {
    /// Whether the text is Markdown, which the page can show as it will look.
    pub fn has_preview(self) -> bool {
        matches!(self, Writing::Export { destination, .. } if destination.renders_as_markdown())
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Job {
    ReadAlert {
        text: String,
    },
    // The analyst's page only, as its import, its export settings and its shift handover.
    /// Why this package is refused, with the path of its wrong value.
    #[cfg(not(feature = "training"))]
    ExplainImport {
        text: String,
    },
    /// The shift handover over `packages` (package JSON; a later one of the same ID wins, so
    /// the open case's latest state goes last), looking back `hours` from the worker's clock.
    /// With `from_store`, the cases the worker's store holds for the window come first.
    #[cfg(not(feature = "training"))]
    ShiftHandover {
        packages: Vec<String>,
        hours: u32,
        settings: ExportSettings,
        from_store: bool,
    },
    // The analyst's case store, kept by the worker in IndexedDB (`store`).
    /// Opens the store, first moving into it what the page's localStorage holds: `legacy` is
    /// its every (key, value) under `handoff.v1.`, as they are (see `store::legacy`).
    #[cfg(not(feature = "training"))]
    OpenStore {
        legacy: Vec<(String, String)>,
        /// Only the newest summaries, this many (the case list's first lines): the page then
        /// asks again, without it, for the rest.
        first: Option<u32>,
    },
    /// Saves a case (its package JSON), and makes it the one reopened after a reload. The
    /// store reads it first: what it keeps, it can give back. The worker holds the case it
    /// read under `number` ([`Held`]), which the page gives no other save.
    #[cfg(not(feature = "training"))]
    SaveCase {
        package: String,
        number: u64,
        /// The package as the worker read it on arrival; never sent.
        #[serde(skip)]
        read: Option<Rc<handoff_core::Case>>,
    },
    /// Something done to stored case (or set-aside entry) `id`.
    #[cfg(not(feature = "training"))]
    StoredCase {
        id: String,
        op: CaseOp,
    },
    /// A backup of every stored case, gzip-compressed if asked, offered as an object URL
    /// (the page only clicks it: the file never crosses the message channel). Answered
    /// with [`Done::Stored`]: the URL, the file's name and a sentence, a line each.
    #[cfg(not(feature = "training"))]
    BackUp {
        compressed: bool,
    },
    /// What restoring the backup file at `url` (an object URL of the file the analyst chose;
    /// gzip-compressed or not) here would do. The worker keeps the plan for [`Job::Restore`].
    /// Answered with [`Done::Written`]: a sentence (`Err` when there is nothing to restore)
    /// and the details, as Markdown for the page to lay out.
    #[cfg(not(feature = "training"))]
    PlanRestore {
        url: String,
    },
    /// Carries out the plan last made, with the analyst's choice for the cases that differ.
    /// Answered with [`Done::Stored`]: a sentence, then the IDs of the cases it replaced, a
    /// line each (an open one must be read again).
    #[cfg(not(feature = "training"))]
    Restore {
        choice: handoff_core::package::ConflictChoice,
    },
    /// A sentence on the space the stored cases take and whether the browser will keep them.
    #[cfg(not(feature = "training"))]
    StorageNote,
    /// The open case written as `writing` says; a Markdown export also parsed for its
    /// preview if `preview` asks (the printed report, drawn from that tree at once).
    Write {
        case: CaseText,
        writing: Writing,
        settings: ExportSettings,
        preview: bool,
    },
    /// Markdown parsed for its preview, answered with [`Done::Previewed`]. The export panel
    /// asks for it once the text is on screen, so that the text, which is what gets copied,
    /// does not wait for the tree: the parse and the tree's way across took more than half
    /// of a Markdown export's round trip.
    Preview {
        markdown: String,
    },
    /// The export settings as typed: read back in canonical form, or what is wrong.
    #[cfg(not(feature = "training"))]
    CheckSettings {
        settings: ExportSettings,
    },
    /// A settings file the analyst chose: the boxes it holds, or why it is not one.
    #[cfg(not(feature = "training"))]
    ReadSettingsFile {
        text: String,
    },
    /// The trainee's case (its package JSON) scored against the scenario (the file's text) and
    /// the checks run. In the training room only: its worker is built with training.
    #[cfg(feature = "training")]
    Score {
        scenario: String,
        package: String,
        checks: Vec<String>,
    },
    /// Scenario files (name, text), each read into what the page plays, or refused.
    #[cfg(feature = "training")]
    ReadScenarios {
        files: Vec<(String, String)>,
    },
    /// The case a trainee starts the scenario (the file's text) from, as case `id` opened at
    /// `at` by `trainee`.
    #[cfg(feature = "training")]
    StartScenario {
        scenario: String,
        id: String,
        at: DateTime<Utc>,
        trainee: String,
    },
    /// The trainee's session file: JSON for the trainer, or the Markdown summary.
    #[cfg(feature = "training")]
    WriteSession {
        trainee: String,
        results: Vec<handoff_core::training::TrainingResult>,
        markdown: bool,
    },
    /// Trainees' session files (name, text), as one class table.
    #[cfg(feature = "training")]
    ClassDebrief {
        files: Vec<(String, String)>,
    },
}

/// A job's answer. Every variant is a tuple: the page's reader of a tuple variant is a
/// fraction of a struct variant's (no field names to match), and the page reads every answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Done {
    AlertRead(Box<Intake>),
    /// Why the package is refused; `None`: it is not refused after all.
    #[cfg(not(feature = "training"))]
    ImportExplained(Option<String>),
    /// The text, or why this case has none for this destination; and the Markdown export
    /// parsed for the preview, if it was asked for.
    Written(Result<String, String>, Option<Vec<Node>>),
    Previewed(Vec<Node>),
    #[cfg(not(feature = "training"))]
    SettingsChecked(Result<ExportSettings, handoff_core::package::SettingsProblems>),
    #[cfg(not(feature = "training"))]
    ShiftHandoverWritten(ShiftText),
    #[cfg(not(feature = "training"))]
    SettingsFileRead(ExportSettings),
    #[cfg(not(feature = "training"))]
    StoreOpened(Opened),
    /// What a store job gave: a stored text (empty for a change; for the backup jobs, the
    /// lines their jobs name), or why it failed.
    #[cfg(not(feature = "training"))]
    Stored(Result<String, String>),
    #[cfg(feature = "training")]
    Scored(handoff_core::training::Score),
    /// The job was refused, with why (a sentence for the analyst). One answer for every job
    /// that can fail so, rather than a `Result` in each: the page reads one shape.
    Failed(String),
    /// In the order of the files: what the page plays, or why the file is refused (named).
    #[cfg(feature = "training")]
    ScenariosRead(Vec<Result<handoff_core::training::Playable, String>>),
    /// The case's package JSON, which the page reads as it reads a stored case.
    #[cfg(feature = "training")]
    ScenarioStarted(Result<String, String>),
    #[cfg(feature = "training")]
    SessionWritten(String),
    #[cfg(feature = "training")]
    ClassDebriefed(ClassTable),
}

/// What a [`Job::StoredCase`] does.
#[cfg(not(feature = "training"))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseOp {
    /// Its package JSON (one that no longer reads is set aside instead).
    Load,
    Delete,
    Archive,
    Unarchive,
    /// The raw text of the entry set aside under the ID.
    SetAside,
}

/// The store, opened: what the case list needs, and the case to reopen. Crosses as an array,
/// whose reader is a third of an object's on the page.
#[cfg(not(feature = "training"))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(into = "OpenedWire", from = "OpenedWire")]
pub struct Opened {
    /// Why the store did not open (a sentence ending with what happens instead): the page
    /// keeps cases in localStorage meanwhile, and the rest is empty.
    pub refused: Option<String>,
    /// Newest first.
    pub summaries: Vec<CaseSummary>,
    /// The package JSON of the case open when the page was last closed.
    pub current: Option<String>,
    pub set_aside: Vec<String>,
    /// One sentence per problem met (an entry set aside).
    pub problems: Vec<String>,
    /// The localStorage keys now in the store, which the page may remove.
    pub moved: Vec<String>,
    /// `summaries` are all of them (not only the first asked for).
    pub complete: bool,
}

#[cfg(not(feature = "training"))]
#[derive(Serialize, Deserialize)]
struct OpenedWire(
    Option<String>,
    Vec<CaseSummary>,
    Option<String>,
    Vec<String>,
    Vec<String>,
    Vec<String>,
    bool,
);

#[cfg(not(feature = "training"))]
impl From<Opened> for OpenedWire {
    fn from(o: Opened) -> Self {
        OpenedWire(
            o.refused,
            o.summaries,
            o.current,
            o.set_aside,
            o.problems,
            o.moved,
            o.complete,
        )
    }
}

#[cfg(not(feature = "training"))]
impl From<OpenedWire> for Opened {
    fn from(
        OpenedWire(refused, summaries, current, set_aside, problems, moved, complete): OpenedWire,
    ) -> Self {
        Opened {
            refused,
            summaries,
            current,
            set_aside,
            problems,
            moved,
            complete,
        }
    }
}

/// The shift handover as the page shows and copies it.
#[cfg(not(feature = "training"))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ShiftText {
    pub markdown: String,
    pub chat: String,
    /// The Markdown parsed for the preview.
    pub rendered: Vec<Node>,
    /// How many stored cases could not be read, and are not in it.
    pub unreadable: usize,
}

/// The options the export settings give for `audience`, or what to correct first.
fn export_options(
    settings: &ExportSettings,
    audience: Audience,
) -> Result<handoff_core::package::ExportOptions, String> {
    settings.options(audience).map_err(|p| {
        let mut why = p.own_domains;
        why.extend(p.iris);
        format!(
            "The export settings need correcting first: {} They are under \"Export settings\".",
            why.join(" ")
        )
    })
}

#[cfg(not(feature = "training"))]
pub(crate) fn shift_text(
    packages: &[String],
    now: DateTime<Utc>,
    hours: u32,
    settings: &ExportSettings,
) -> Result<ShiftText, String> {
    use handoff_core::package::{shift_chat, shift_handover, shift_markdown};
    let options = export_options(settings, Audience::FullRecord)?;
    let mut cases: Vec<handoff_core::Case> = Vec::new();
    let mut unreadable = 0;
    for p in packages {
        match import(p.as_bytes()) {
            Ok(case) => {
                cases.retain(|c| c.id != case.id);
                cases.push(case);
            }
            Err(_) => unreadable += 1,
        }
    }
    let handover = shift_handover(&cases, now, hours);
    let markdown = shift_markdown(&handover, &options);
    Ok(ShiftText {
        rendered: preview::markdown(&markdown),
        chat: shift_chat(&handover, &options),
        markdown,
        unreadable,
    })
}

/// The class debrief as the page shows and downloads it, written by the worker.
#[cfg(feature = "training")]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ClassTable {
    /// "3 trainees, 5 scenarios: …", said above the table.
    pub caption: String,
    /// The header row, then a row per scenario and the averages.
    pub grid: Vec<Vec<String>>,
    pub markdown: String,
    pub csv: String,
    /// Each file that was not read, with why.
    pub refused: Vec<String>,
}

/// Reads the session files and puts those that read in one table.
#[cfg(feature = "training")]
fn class_table(files: &[(String, String)]) -> ClassTable {
    use handoff_core::training::{class_csv, class_debrief, class_markdown, parse_session};
    let (mut sessions, mut refused) = (Vec::new(), Vec::new());
    for (name, text) in files {
        match parse_session(text, name.trim_end_matches(".json")) {
            Ok(s) => sessions.push(s),
            Err(e) => refused.push(format!("{name}: {e}")),
        }
    }
    let d = class_debrief(&sessions);
    ClassTable {
        caption: format!(
            "{} trainees, {} scenarios: score in percent, first attempt",
            d.trainees.len(),
            d.rows.len()
        ),
        grid: if d.rows.is_empty() {
            Vec::new()
        } else {
            d.grid("—")
        },
        markdown: class_markdown(&d),
        csv: class_csv(&d),
        refused,
    }
}

/// Reads a scenario file for the page. The expected answers stay here: the page gets only
/// what it plays, and the file's text to send back for scoring.
#[cfg(feature = "training")]
fn playable(name: &str, text: &str) -> Result<handoff_core::training::Playable, String> {
    handoff_core::training::parse_scenario(text)
        .map(|s| s.playable())
        .map_err(|e| format!("{name}: {e}"))
}

/// Scores a trainee's case. This worker read the scenario for the page already; a refusal
/// now means the page and the worker are of different builds.
#[cfg(feature = "training")]
fn scored(
    scenario: &str,
    package: &str,
    checks: &[String],
) -> Result<handoff_core::training::Score, String> {
    let scenario = handoff_core::training::parse_scenario(scenario)?;
    let case = import(package.as_bytes())
        .map_err(|e| format!("The case could not be handed to the scorer: {e}"))?;
    Ok(handoff_core::training::score(&scenario, &case, checks))
}

#[derive(Serialize, Deserialize)]
struct Message<T> {
    protocol: u32,
    id: u64,
    body: T,
}

/// A message as it crosses between the page and the worker: a job or an answer as JSON, and
/// its large text (a package, a pasted alert, an export) beside it rather than inside, where
/// it would be escaped into a JSON string by one end and unescaped by the other. For a 5 MB
/// case's autosave that escaping was most of the page's work.
#[derive(Clone, Debug, PartialEq)]
pub struct Posted {
    pub json: String,
    pub text: Option<String>,
}

/// A job or an answer: a message that may carry one large text, posted beside its JSON.
trait CarriesText: Serialize + for<'de> Deserialize<'de> {
    /// The message's large text, if it has one.
    fn large_text(&mut self) -> Option<&mut String>;
}

impl CarriesText for Job {
    fn large_text(&mut self) -> Option<&mut String> {
        match self {
            Job::ReadAlert { text } => Some(text),
            #[cfg(not(feature = "training"))]
            Job::ExplainImport { text } => Some(text),
            #[cfg(not(feature = "training"))]
            Job::SaveCase { package, .. } => Some(package),
            Job::Write {
                case: CaseText::Package(package),
                ..
            } => Some(package),
            Job::Preview { markdown } => Some(markdown),
            _ => None,
        }
    }
}

impl CarriesText for Done {
    fn large_text(&mut self) -> Option<&mut String> {
        match self {
            Done::Written(Ok(text), _) => Some(text),
            #[cfg(not(feature = "training"))]
            Done::Stored(Ok(text)) => Some(text),
            #[cfg(feature = "training")]
            Done::ScenarioStarted(Ok(text)) => Some(text),
            _ => None,
        }
    }
}

/// Message `id` as it is posted: its large text taken out of it and put beside its JSON.
fn post<T: CarriesText>(id: u64, mut message: T) -> Posted {
    let text = message.large_text().map(std::mem::take);
    Posted {
        json: encode(id, message),
        text,
    }
}

/// A message as it was posted, read: its id and itself, the text beside it put back. A text
/// missing, or one that a message of its kind does not carry, makes it unreadable.
fn receive<T: CarriesText>(json: &str, text: Option<String>) -> Result<(u64, T), String> {
    let (id, mut message) = decode::<T>(json)?;
    match (message.large_text(), text) {
        (Some(slot), Some(text)) => *slot = text,
        (None, None) => {}
        _ => {
            return Err(
                "an unreadable message (a text beside it missing, or one it does not take)".into(),
            )
        }
    }
    Ok((id, message))
}

/// What the page posts for job `id`.
pub fn request(id: u64, job: Job) -> Posted {
    post(id, job)
}

/// Reads the worker's answer (its JSON, and the large text that came beside it): the job's
/// id and what it produced, its text put back; or why it cannot be read.
pub fn read_answer(json: &str, text: Option<String>) -> Result<(u64, Done), String> {
    receive(json, text)
}

/// The worker's whole job: one request in, one answer out, at `now`, with `random` for the ids
/// a STIX bundle needs. `None` when the request cannot be read (a page from another build);
/// the page's timeout then reports it.
pub fn answer(
    request: &Posted,
    now: DateTime<Utc>,
    random: &mut impl FnMut() -> [u8; 16],
) -> Option<Posted> {
    let (id, job) = read_request(&request.json, request.text.clone())?;
    let done = answer_job(job, now, random, &mut Held::default())
        .unwrap_or_else(|_store_job| failed("the store is not open in this worker.".into()));
    Some(encode_answer(id, done))
}

/// The page's request (its JSON, and the large text that came beside it): the job's id and
/// the job, its text put back. `None` when it cannot be read (a page from another build), or
/// when a text is missing or unlooked-for; the page's timeout then reports it.
pub fn read_request(json: &str, text: Option<String>) -> Option<(u64, Job)> {
    receive(json, text).ok()
}

/// What the worker posts for job `id`.
pub fn encode_answer(id: u64, done: Done) -> Posted {
    post(id, done)
}

/// The answer of a job refused for `why`.
pub fn failed(why: String) -> Done {
    Done::Failed(why)
}

/// Does one job that needs no store; a job for the store comes back (`Err`) for the store
/// to do, asynchronously and in order. A save is read here, on arrival, into `held`: a later
/// job that names the case by its number is then answered from it.
pub fn answer_job(
    job: Job,
    now: DateTime<Utc>,
    random: &mut impl FnMut() -> [u8; 16],
    held: &mut Held,
) -> Result<Done, Job> {
    Ok(match job {
        #[cfg(not(feature = "training"))]
        Job::SaveCase {
            package, number, ..
        } => {
            let read = held.hand(&package, number);
            return Err(Job::SaveCase {
                package,
                number,
                read,
            });
        }
        #[cfg(not(feature = "training"))]
        store_job @ (Job::OpenStore { .. }
        | Job::StoredCase { .. }
        | Job::BackUp { .. }
        | Job::PlanRestore { .. }
        | Job::Restore { .. }
        | Job::StorageNote
        | Job::ShiftHandover {
            from_store: true, ..
        }) => return Err(store_job),
        Job::ReadAlert { text } => Done::AlertRead(Box::new(intake::read(&text))),
        #[cfg(not(feature = "training"))]
        Job::ExplainImport { text } => {
            Done::ImportExplained(import(text.as_bytes()).err().map(|e| e.to_string()))
        }
        Job::Preview { markdown } => Done::Previewed(preview::markdown(&markdown)),
        Job::Write {
            case,
            writing,
            settings,
            preview,
        } => {
            let audience = match writing {
                Writing::Export { audience, .. } => audience,
                Writing::Clarification => Audience::FullRecord,
            };
            let case = match case {
                CaseText::Handed(number) => match held.get(number) {
                    Some(case) => Ok(case),
                    None => return Ok(failed(NOT_HELD.into())),
                },
                CaseText::Package(package) => import(package.as_bytes())
                    .map(Rc::new)
                    // The page wrote this package from a case it holds, so a refusal here
                    // is a bug between builds; it is reported as such rather than swallowed.
                    .map_err(|e| format!("The case could not be handed to the exporter: {e}")),
            };
            let text = export_options(&settings, audience)
                .and_then(|options| case.map(|case| (case, options)))
                .and_then(|(case, options)| match writing {
                    Writing::Export { destination, .. } => {
                        destination.write(&case, &options, now, random)
                    }
                    Writing::Clarification => Ok(clarification_message(&case, &options)),
                });
            let rendered = match (&text, preview && writing.has_preview()) {
                (Ok(t), true) => Some(preview::markdown(t)),
                _ => None,
            };
            Done::Written(text, rendered)
        }
        #[cfg(not(feature = "training"))]
        Job::ShiftHandover {
            packages,
            hours,
            settings,
            ..
        } => shift_text(&packages, now, hours, &settings)
            .map_or_else(failed, Done::ShiftHandoverWritten),
        #[cfg(not(feature = "training"))]
        Job::CheckSettings { settings } => Done::SettingsChecked(
            settings
                .options(Audience::FullRecord)
                .map(|o| ExportSettings::canonical(&o)),
        ),
        #[cfg(not(feature = "training"))]
        Job::ReadSettingsFile { text } => {
            ExportSettings::from_file(&text).map_or_else(failed, Done::SettingsFileRead)
        }
        #[cfg(feature = "training")]
        Job::Score {
            scenario,
            package,
            checks,
        } => scored(&scenario, &package, &checks).map_or_else(failed, Done::Scored),
        #[cfg(feature = "training")]
        Job::ReadScenarios { files } => {
            Done::ScenariosRead(files.iter().map(|(n, t)| playable(n, t)).collect())
        }
        #[cfg(feature = "training")]
        Job::StartScenario {
            scenario,
            id,
            at,
            trainee,
        } => Done::ScenarioStarted(
            handoff_core::training::parse_scenario(&scenario)
                .and_then(|s| handoff_core::training::start_case(&s, id, at, &trainee))
                .map(|case| handoff_core::package::to_json(&case)),
        ),
        #[cfg(feature = "training")]
        Job::WriteSession {
            trainee,
            results,
            markdown,
        } => Done::SessionWritten(if markdown {
            handoff_core::training::session_markdown(&trainee, &results)
        } else {
            handoff_core::training::session_json(&trainee, &results)
        }),
        #[cfg(feature = "training")]
        Job::ClassDebrief { files } => Done::ClassDebriefed(class_table(&files)),
    })
}

fn encode<T: Serialize>(id: u64, body: T) -> String {
    let message = Message {
        protocol: PROTOCOL,
        id,
        body,
    };
    // Serializing these types cannot fail (string keys, no custom errors); an empty message
    // would be reported by the reader as unreadable rather than crash anything.
    serde_json::to_string(&message).unwrap_or_default()
}

fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<(u64, T), String> {
    #[derive(Deserialize)]
    struct Header {
        protocol: u32,
    }
    // Read once (a store's answer can be a megabyte); the header alone only to say why not.
    let (protocol, unreadable) = match serde_json::from_str::<Message<T>>(text) {
        Ok(m) if m.protocol == PROTOCOL => return Ok((m.id, m.body)),
        Ok(m) => (Some(m.protocol), String::new()),
        Err(e) => (
            serde_json::from_str::<Header>(text)
                .ok()
                .map(|h| h.protocol),
            e.to_string(),
        ),
    };
    match protocol {
        Some(p) if p != PROTOCOL => Err(format!(
            "a message from another version of Handoff (protocol {p}, this page speaks {PROTOCOL}); reload the page"
        )),
        _ => Err(format!("an unreadable message ({unreadable})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use handoff_core::fixtures::large_case;
    use handoff_core::package::{to_json, to_markdown, ExportOptions};

    /// The training room's worker: the scorer's own result for a case, and a class table
    /// from session files, the unreadable ones named with why.
    #[cfg(feature = "training")]
    #[test]
    fn the_training_rooms_worker_scores_and_writes_the_class_table() {
        use handoff_core::training::{
            parse_scenario, score, session_json, start_case, TrainingResult,
        };
        let text = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/static/scenarios/phishing-macro.json"
        ))
        .unwrap();
        let scenario = parse_scenario(&text).unwrap();
        let at = Utc.with_ymd_and_hms(2026, 3, 14, 9, 0, 0).unwrap();
        let case = start_case(&scenario, "case-1".into(), at, "Dana Kim").unwrap();
        let checks = vec!["edr-tree".to_owned()];
        let job = Job::Score {
            scenario: text.clone(),
            package: to_json(&case),
            checks: checks.clone(),
        };
        let (_, done) = read(answer(&request(1, job)).unwrap()).unwrap();
        let want = score(&scenario, &case, &checks);
        assert_eq!(done, Done::Scored(want.clone()));
        let job = Job::Score {
            scenario: "{}".into(),
            package: to_json(&case),
            checks: Vec::new(),
        };
        let (_, done) = read(answer(&request(2, job)).unwrap()).unwrap();
        assert!(matches!(done, Done::Failed(..)), "{done:?}");

        // Scenario files read for the page: what it plays (no expected answers), or the
        // file named with why it is refused, in the files' order.
        let job = Job::ReadScenarios {
            files: vec![
                ("phishing-macro.json".into(), text.clone()),
                (
                    "broken.json".into(),
                    text.replacen("\"minutes\": ", "\"minutes\": -", 1),
                ),
            ],
        };
        let (_, done) = read(answer(&request(4, job)).unwrap()).unwrap();
        let Done::ScenariosRead(scenarios) = done else {
            panic!("{done:?}")
        };
        assert_eq!(scenarios.len(), 2);
        assert_eq!(scenarios[0], Ok(scenario.playable()));
        // The case the trainee starts from, as the page will read it.
        let job = Job::StartScenario {
            scenario: text.clone(),
            id: "case-2".into(),
            at,
            trainee: "Dana Kim".into(),
        };
        let (_, done) = read(answer(&request(5, job)).unwrap()).unwrap();
        let started = to_json(&start_case(&scenario, "case-2".into(), at, "Dana Kim").unwrap());
        assert_eq!(done, Done::ScenarioStarted(Ok(started)));
        let why = scenarios[1].as_ref().unwrap_err();
        assert!(
            why.starts_with("broken.json: This is not a valid scenario file: checks[0].minutes"),
            "{why}"
        );

        let result = TrainingResult {
            scenario_id: scenario.id.clone(),
            title: scenario.title.clone(),
            score: want.total,
            max: want.max,
            seconds: 600,
            completed_at: at,
            role: Some(scenario.role),
            minutes: 10,
            checks,
            items: Vec::new(),
        };
        let job = Job::WriteSession {
            trainee: "Dana Kim".into(),
            results: vec![result.clone()],
            markdown: false,
        };
        let (_, done) = read(answer(&request(6, job)).unwrap()).unwrap();
        assert_eq!(
            done,
            Done::SessionWritten(session_json("Dana Kim", std::slice::from_ref(&result)))
        );
        let job = Job::ClassDebrief {
            files: vec![
                ("dana.json".into(), session_json("Dana Kim", &[result])),
                ("notes.json".into(), "{}".into()),
            ],
        };
        let (_, done) = read(answer(&request(3, job)).unwrap()).unwrap();
        let Done::ClassDebriefed(class) = done else {
            panic!("{done:?}")
        };
        assert_eq!(
            class.caption,
            "1 trainees, 1 scenarios: score in percent, first attempt"
        );
        assert_eq!(class.grid[0][1], "Dana Kim");
        assert_eq!(class.refused.len(), 1);
        assert!(
            class.refused[0].starts_with("notes.json: not a training session file"),
            "{:?}",
            class.refused
        );
        assert!(class.markdown.contains("Dana Kim") && class.csv.contains("Dana Kim"));
    }

    fn answer(text: &Posted) -> Option<Posted> {
        let now = Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap();
        let mut n = 0u8;
        super::answer(text, now, &mut || {
            n = n.wrapping_add(1);
            [n; 16]
        })
    }

    /// The answer as the page reads it.
    fn read(answer: Posted) -> Result<(u64, Done), String> {
        read_answer(&answer.json, answer.text)
    }

    #[test]
    fn a_job_goes_through_the_worker_and_comes_back() {
        let text = "CEF:0|Acme|Gate|1.0|100|Port scan|7|src=203.0.113.7 suser=jdoe";
        let answer = answer(&request(41, Job::ReadAlert { text: text.into() })).unwrap();
        let (id, done) = read(answer).unwrap();
        let Done::AlertRead(read) = done else {
            panic!("{done:?}")
        };
        assert_eq!(id, 41);
        assert_eq!(*read, intake::read(text));
        assert_eq!(read.title.as_deref(), Some("Port scan"));
    }

    /// The shift handover over the stored packages: a package stored twice counts once (the
    /// later wins), an unreadable one is counted apart, and the look-back is from the worker's
    /// clock.
    #[cfg(not(feature = "training"))]
    #[test]
    fn the_shift_handover_is_written_from_the_stored_packages() {
        use handoff_core::package::{shift_chat, shift_handover, shift_markdown};
        let now = Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap();
        let case = large_case();
        let older = {
            let mut c = case.clone();
            c.edit_report(case.updated_at, |r| r.header.title = "An older save".into())
                .unwrap();
            c
        };
        let job = Job::ShiftHandover {
            packages: vec![to_json(&older), "{not a package".into(), to_json(&case)],
            hours: 168,
            settings: ExportSettings::default(),
            from_store: false,
        };
        let (_, done) = read(answer(&request(5, job)).unwrap()).unwrap();
        let Done::ShiftHandoverWritten(text) = done else {
            panic!("{done:?}")
        };
        let want = shift_handover(std::slice::from_ref(&case), now, 168);
        assert_eq!(want.figures.handled, 1, "the fixture is inside the week");
        assert_eq!(
            text.markdown,
            shift_markdown(&want, &ExportOptions::default())
        );
        assert_eq!(text.chat, shift_chat(&want, &ExportOptions::default()));
        assert_eq!(text.unreadable, 1);
        assert_eq!(text.rendered, preview::markdown(&text.markdown));
    }

    #[cfg(not(feature = "training"))]
    #[test]
    fn a_refused_package_is_explained_by_path() {
        let text = r#"{"format":"handoff-package","schema_version":1,"case":{"id":7}}"#;
        let answer = answer(&request(2, Job::ExplainImport { text: text.into() })).unwrap();
        let (_, done) = read(answer).unwrap();
        let Done::ImportExplained(Some(why)) = done else {
            panic!("{done:?}")
        };
        assert!(
            why.starts_with("The package's field case.id is wrong"),
            "{why}"
        );
    }

    /// A save is read on arrival and held under the number the page gave it; an export that
    /// names the number is written from it, exactly as from the package; a number this worker
    /// does not hold (a later save replaced it, the save did not read, or another worker had
    /// it) is refused as not held.
    #[cfg(not(feature = "training"))]
    #[test]
    fn an_export_of_the_case_last_saved_is_written_from_the_held_case() {
        let now = Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap();
        let mut held = Held::default();
        let mut random = || [7u8; 16];
        let case = large_case();
        // Whether the worker read the save: it goes on to the store either way.
        let mut save = |package: String, number: u64, held: &mut Held| -> bool {
            let job = Job::SaveCase {
                package,
                number,
                read: None,
            };
            match answer_job(job, now, &mut random, held) {
                Err(Job::SaveCase { read, .. }) => read.is_some(),
                other => panic!("a save goes to the store: {other:?}"),
            }
        };
        let first = 1;
        assert!(save(to_json(&case), first, &mut held));
        let write = |case: CaseText, held: &mut Held| {
            let job = Job::Write {
                case,
                writing: Writing::Export {
                    destination: Destination::Markdown,
                    audience: Audience::FullRecord,
                },
                settings: ExportSettings::default(),
                preview: true,
            };
            answer_job(job, now, &mut || [7u8; 16], held).unwrap()
        };
        let from_package = write(CaseText::Package(to_json(&case)), &mut held);
        assert!(matches!(&from_package, Done::Written(Ok(_), Some(_))));
        assert_eq!(write(CaseText::Handed(first), &mut held), from_package);

        let mut edited = case.clone();
        edited
            .edit_report(now, |r| r.header.title = "Edited".into())
            .unwrap();
        let second = 2;
        assert!(save(to_json(&edited), second, &mut held));
        assert_eq!(
            write(CaseText::Handed(first), &mut held),
            Done::Failed(NOT_HELD.into())
        );
        let Done::Written(Ok(text), _) = write(CaseText::Handed(second), &mut held) else {
            panic!("the edited case is held")
        };
        assert!(text.contains("Edited"), "{}", &text[..200]);

        assert!(!save(
            "{\"format\": \"handoff-package\"}".into(),
            3,
            &mut held
        ));
        assert_eq!(
            write(CaseText::Handed(second), &mut held),
            Done::Failed(NOT_HELD.into())
        );
        assert_eq!(
            write(CaseText::Handed(second), &mut Held::default()),
            Done::Failed(NOT_HELD.into())
        );
    }

    #[test]
    fn an_export_comes_back_written_and_rendered_if_asked() {
        let case = large_case();
        let options = ExportOptions::default();
        let markdown = |preview| Job::Write {
            case: CaseText::Package(to_json(&case)),
            writing: Writing::Export {
                destination: Destination::Markdown,
                audience: Audience::FullRecord,
            },
            settings: ExportSettings::default(),
            preview,
        };
        let (_, done) = read(answer(&request(5, markdown(true))).unwrap()).unwrap();
        let Done::Written(Ok(text), Some(nodes)) = done else {
            panic!("{done:?}")
        };
        assert_eq!(text, to_markdown(&case, &options));
        assert!(!preview::headings(&nodes).is_empty());

        // Not asked for, the tree is not made; asked for afterwards, from the text, it is the
        // same tree.
        let (_, done) = read(answer(&request(6, markdown(false))).unwrap()).unwrap();
        assert_eq!(done, Done::Written(Ok(text.clone()), None));
        let job = Job::Preview { markdown: text };
        let (_, done) = read(answer(&request(7, job)).unwrap()).unwrap();
        assert_eq!(done, Done::Previewed(nodes));

        // Only Markdown has a preview.
        let job = Job::Write {
            case: CaseText::Package(to_json(&case)),
            writing: Writing::Export {
                destination: Destination::Stix,
                audience: Audience::FullRecord,
            },
            settings: ExportSettings::default(),
            preview: true,
        };
        let (_, done) = read(answer(&request(8, job)).unwrap()).unwrap();
        let Done::Written(Ok(stix), None) = done else {
            panic!("{done:?}")
        };
        assert!(stix.contains("\"type\": \"bundle\""), "{}", &stix[..200]);
    }

    #[cfg(not(feature = "training"))]
    #[test]
    fn settings_are_checked_and_an_export_with_bad_ones_says_where_to_fix_them() {
        let settings = ExportSettings {
            own_domains: "Contoso.COM\nnot a domain".into(),
            iris: String::new(),
        };
        let job = Job::CheckSettings {
            settings: settings.clone(),
        };
        let (_, done) = read(answer(&request(1, job)).unwrap()).unwrap();
        let Done::SettingsChecked(Err(p)) = done else {
            panic!("{done:?}")
        };
        assert!(p.own_domains[0].starts_with("Line 2"), "{p:?}");
        // A settings file is read in the worker, as it was written; anything else is refused.
        let job = Job::ReadSettingsFile {
            text: settings.to_file(),
        };
        let (_, done) = read(answer(&request(3, job)).unwrap()).unwrap();
        assert_eq!(done, Done::SettingsFileRead(settings.clone()));
        let job = Job::ReadSettingsFile {
            text: to_json(&large_case()),
        };
        let (_, done) = read(answer(&request(4, job)).unwrap()).unwrap();
        assert!(
            matches!(&done, Done::Failed(why) if why.starts_with("This is not a Handoff export settings file")),
            "{done:?}"
        );
        let job = Job::Write {
            case: CaseText::Package(to_json(&large_case())),
            writing: Writing::Export {
                destination: Destination::Jira,
                audience: Audience::L1Handoff,
            },
            settings,
            preview: false,
        };
        let (_, done) = read(answer(&request(2, job)).unwrap()).unwrap();
        let Done::Written(Err(why), _) = done else {
            panic!("{done:?}")
        };
        assert!(
            why.contains("Line 2") && why.contains("Export settings"),
            "{why}"
        );

        let job = Job::CheckSettings {
            settings: ExportSettings {
                own_domains: "Contoso.COM".into(),
                iris: String::new(),
            },
        };
        let (_, done) = read(answer(&request(3, job)).unwrap()).unwrap();
        let Done::SettingsChecked(Ok(canonical)) = done else {
            panic!("{done:?}")
        };
        assert_eq!(canonical.own_domains, "contoso.com");
        assert!(
            canonical.iris.contains("\"customer_id\": 1"),
            "{}",
            canonical.iris
        );
    }

    #[test]
    fn another_builds_messages_are_refused_with_a_reason() {
        let theirs = r#"{"protocol":99,"id":1,"body":{"AlertRead":{}}}"#;
        let why = read_answer(theirs, None).unwrap_err();
        assert!(why.contains("another version of Handoff"), "{why}");
        assert!(read_answer("not json", None)
            .unwrap_err()
            .starts_with("an unreadable message"));
        for json in [theirs, "{"] {
            let unread = Posted {
                json: json.into(),
                text: None,
            };
            assert_eq!(answer(&unread), None);
        }
    }

    /// A job's large text goes beside its JSON, as written, not escaped into it, and so does an
    /// answer's; the other end puts it back. A message with a text missing, or one that no
    /// message of its kind carries, is not read.
    #[test]
    fn a_large_text_goes_beside_the_message_and_is_put_back() {
        let case = large_case();
        let package = to_json(&case);
        let write = |case| Job::Write {
            case,
            writing: Writing::Export {
                destination: Destination::Markdown,
                audience: Audience::FullRecord,
            },
            settings: ExportSettings::default(),
            preview: false,
        };
        let unsaved = write(CaseText::Package(package.clone()));
        let sent = request(9, unsaved.clone());
        assert_eq!(sent.text.as_deref(), Some(package.as_str()));
        assert!(
            sent.json.len() < 300 && !sent.json.contains(&case.report.header.title),
            "{}",
            sent.json
        );
        assert_eq!(
            read_request(&sent.json, sent.text.clone()),
            Some((9, unsaved.clone()))
        );
        assert_eq!(read_request(&sent.json, None), None);

        #[cfg(not(feature = "training"))]
        {
            let save = Job::SaveCase {
                package: package.clone(),
                number: 3,
                read: None,
            };
            let sent = request(12, save.clone());
            assert_eq!(sent.text.as_deref(), Some(package.as_str()));
            assert_eq!(read_request(&sent.json, sent.text), Some((12, save)));
        }

        let alert = Job::ReadAlert {
            text: "line one\n\"quoted\"".into(),
        };
        let sent = request(10, alert.clone());
        assert_eq!(read_request(&sent.json, sent.text), Some((10, alert)));

        // A case the worker holds is named by its number: nothing goes beside.
        let held = write(CaseText::Handed(4));
        let sent = request(11, held.clone());
        assert_eq!(sent.text, None);
        assert_eq!(read_request(&sent.json, None), Some((11, held)));
        assert_eq!(read_request(&sent.json, Some("stray".into())), None);

        // The answer's text goes back the same way: the export beside the answer's JSON.
        let back = answer(&request(13, unsaved)).unwrap();
        let markdown = back.text.clone().unwrap_or_default();
        assert!(markdown.contains(&case.report.header.title));
        assert!(back.json.len() < 300, "{}", back.json);
        assert_eq!(
            read(back.clone()).unwrap(),
            (13, Done::Written(Ok(markdown), None))
        );
        assert!(read_answer(&back.json, None).is_err());
        let refused = encode_answer(14, failed("no".into()));
        assert_eq!(refused.text, None);
        assert!(read_answer(&refused.json, Some("stray".into())).is_err());
    }
}
