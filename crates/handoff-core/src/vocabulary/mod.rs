//! Layer 0, the vocabulary: the words every other layer is written in. Stages and steps,
//! verdicts and severities, the escalation conditions, L2's tasks, indicators, technique IDs,
//! TLP labels, field names; time, text and size limits. Nothing here knows what a case is.

pub mod attack;
pub mod command;
pub mod escalation;
pub mod field;
pub mod indicator;
pub mod l2;
pub mod limits;
pub mod names;
pub mod stage;
pub mod text;
pub mod time;
pub mod tlp;
pub mod verdict;
