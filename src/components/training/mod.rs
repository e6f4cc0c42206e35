//! Training mode, one file a part: the scenario library and the class debrief in the side bar
//! ([`library`], [`class`]), the scenario being worked above the guided flow ([`run`]: briefing,
//! checks, shift time), and its scoring below it ([`debrief`]: submission, the whole score with
//! its reasons, the session files).

mod class;
mod debrief;
mod library;
mod run;
mod table;

pub use debrief::{debrief_panel, DebriefProps};
pub use library::TrainingLibrary;
pub use run::{run_panel, RunProps};
