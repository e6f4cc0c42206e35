//! Browser effects as custom hooks, each in its own file: loading the stored cases,
//! autosave, other tabs, keyboard shortcuts, the theme, the service worker, and the actions
//! that need the clock. Components never touch these effects themselves.

mod actions;
mod alert_reading;
mod autosave;
mod offline;
mod other_tabs;
mod profile;
mod shortcuts;
mod stored_cases;
mod theme;
mod written;

pub use actions::{use_actions, Actions, Exported, Preview};
pub use alert_reading::use_alert_reading;
pub use autosave::use_autosave;
pub use offline::use_offline;
pub use other_tabs::use_other_tabs;
pub use profile::use_profile;
pub use shortcuts::use_shortcuts;
pub use stored_cases::use_stored_cases;
pub use theme::{use_theme, Theme};
pub use written::{use_written, Written};
