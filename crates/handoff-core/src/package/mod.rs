//! The handoff package: what leaves Handoff. JSON for tools and for L2 to continue the case,
//! Markdown for tickets, a short message for chat, and the importer that reads JSON back.

mod chat;
mod file_name;
mod import;
mod json;
mod markdown;
#[cfg(feature = "schema")]
mod schema;

pub use chat::{chat_message, clarification_message};
pub use file_name::file_name;
pub use import::{import, import_located, ImportError};
pub use json::{to_json, HandoffPackage, PackageFile, FORMAT, SCHEMA_VERSION};
pub use markdown::{escape_inline, to_markdown};
#[cfg(feature = "schema")]
pub use schema::json_schema;
