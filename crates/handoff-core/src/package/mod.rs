//! The handoff package: what leaves Handoff. JSON for tools and for L2 to continue the case,
//! the importer that reads JSON back, and one module per destination, each a pure function of
//! the case and the [`ExportOptions`]: CommonMark, Jira wiki markup, plain text (ServiceNow,
//! e-mail), a short chat message, Slack and Teams messages, TheHive 5 and DFIR-IRIS alerts, and
//! a STIX 2.1 bundle of the indicators. Over many cases: the shift handover ([`shift_handover`])
//! and the backup of every case ([`backup_file`], [`plan_restore`]).

mod alert_fields;
mod backup;
mod chat;
mod destination;
mod file_name;
mod import;
mod iris;
mod iris_mapping;
mod jira;
mod json;
mod markdown;
mod options;
mod outline;
mod plain_text;
#[cfg(feature = "schema")]
mod schema;
mod shift;
mod slack;
mod stix;
mod teams;
mod thehive;

pub use backup::{
    backup_file, plan_restore, restore_writes, BackupCase, ConflictChoice, RestoreConflict,
    RestorePlan, BACKUP_FORMAT, BACKUP_VERSION,
};
pub use chat::{chat_message, clarification_message};
pub use destination::Destination;
pub use file_name::file_name;
pub use import::{import, import_located, refusal_from_start, ImportError};
pub use iris::to_iris;
pub use iris_mapping::{IrisIocTypeIds, IrisMapping, IrisSeverityIds, IrisTlpIds};
pub use jira::to_jira;
pub use json::{to_json, HandoffPackage, PackageFile, FORMAT, SCHEMA_VERSION};
pub use markdown::{escape_inline, to_markdown};
pub use options::{Audience, ExportOptions, ExportSettings, SettingsProblems};
pub use plain_text::to_plain_text;
#[cfg(feature = "schema")]
pub use schema::json_schema;
pub use shift::{
    duration_label, next_step, shift_chat, shift_handover, shift_markdown, ShiftCase, ShiftFigures,
    ShiftHandover, Standing, DEFAULT_SHIFT_HOURS, MAX_SHIFT_HOURS,
};
pub use slack::{to_slack, SLACK_MESSAGE_BLOCKS, SLACK_MESSAGE_CHARS, SLACK_SECTION_CHARS};
pub use stix::to_stix;
pub use teams::{to_teams, TEAMS_MESSAGE_BYTES};
pub use thehive::{thehive_pap, thehive_tlp, to_thehive};
