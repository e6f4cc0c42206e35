//! One small file per part of the screen. Each reads what it shows from props and sends
//! actions up; none holds case data of its own. The guided flow's steps are in `steps/`.

pub mod audit_trail;
pub mod case_list;
pub mod evidence;
pub mod export;
pub mod export_panel;
pub mod fields;
pub mod flowchart;
pub mod notices;
pub mod print_report;
pub mod rendered;
pub mod report_check;
pub mod shift_handover;
pub mod steps;
pub mod storage_status;
pub mod top_bar;
#[cfg(feature = "training")]
pub mod training;
#[cfg(not(feature = "training"))]
pub mod training_room;
pub mod welcome;
