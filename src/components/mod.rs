//! One small file per part of the screen. Each reads what it shows from props and sends
//! actions up; none holds case data of its own. The guided flow's steps are in `steps/`.

pub mod audit_trail;
// The analyst's page only: practice cases are not worth a backup.
#[cfg(not(feature = "training"))]
pub mod backup;
pub mod case_list;
pub mod evidence;
pub mod export;
// The analyst's page only: a practice case goes nowhere, an L2 scenario brings its handoff,
// and practice is no shift's work.
#[cfg(not(feature = "training"))]
pub mod export_panel;
pub mod fields;
pub mod flowchart;
#[cfg(not(feature = "training"))]
pub mod import;
pub mod notices;
#[cfg(not(feature = "training"))]
pub mod print_report;
pub mod rendered;
pub mod report_check;
#[cfg(not(feature = "training"))]
pub mod shift_handover;
pub mod steps;
pub mod storage_status;
pub mod top_bar;
#[cfg(feature = "training")]
pub mod training;
#[cfg(not(feature = "training"))]
pub mod training_room;
pub mod welcome;
