//! One small component per part of the screen. Each reads the open case from props and sends
//! actions up; none holds case data of its own.

pub mod alert_intake;
pub mod audit_trail;
pub mod case_list;
pub mod conditions;
pub mod evidence;
pub mod export;
pub mod fields;
pub mod five_ws;
pub mod flowchart;
pub mod l2_panel;
pub mod notices;
pub mod notification;
pub mod report_check;
pub mod steps;
pub mod storage_status;
pub mod top_bar;
pub mod training;
pub mod verdict;
