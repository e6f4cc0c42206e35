//! Reading a package back. Everything is checked before anything is returned, so a refused
//! import leaves the open case untouched; each refusal is one plain sentence.

use std::fmt;

use serde_json::Value;

use super::json::PackageData;
use super::{FORMAT, SCHEMA_VERSION};
use crate::case::Case;
use crate::limits::MAX_PACKAGE_BYTES;
use crate::workflow::InvariantViolation;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportError {
    TooLarge {
        bytes: usize,
        limit: usize,
    },
    Empty,
    NotUtf8 {
        offset: usize,
    },
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    NotAPackage,
    MissingVersion,
    NewerVersion {
        found: u64,
    },
    InvalidVersion,
    Field {
        path: String,
        message: String,
    },
    Invariant(InvariantViolation),
}

fn megabytes(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1024.0 * 1024.0))
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::TooLarge { bytes, limit } => write!(
                f,
                "The file is {}, larger than the {} a handoff package may be.",
                megabytes(*bytes),
                megabytes(*limit)
            ),
            ImportError::Empty => f.write_str("The file is empty."),
            ImportError::NotUtf8 { offset } => write!(
                f,
                "The file is not UTF-8 text (bad byte at offset {offset}), so it cannot be a \
                 handoff package."
            ),
            ImportError::Syntax {
                line,
                column,
                message,
            } => write!(
                f,
                "The file is not valid JSON: {message} at line {line}, column {column}."
            ),
            ImportError::NotAPackage => write!(
                f,
                "This JSON is not a Handoff package: it lacks \"format\": \"{FORMAT}\"."
            ),
            ImportError::MissingVersion => f.write_str(
                "The package has no schema_version, so Handoff cannot tell how to read it.",
            ),
            ImportError::NewerVersion { found } => write!(
                f,
                "The package uses schema version {found}, newer than the version {SCHEMA_VERSION} \
                 this Handoff reads: open it with a newer Handoff."
            ),
            ImportError::InvalidVersion => f.write_str(
                "The package's schema_version is not a version Handoff has ever written.",
            ),
            ImportError::Field { path, message } => {
                write!(f, "The package's field {path} is wrong: {message}.")
            }
            ImportError::Invariant(v) => {
                write!(f, "The package's case breaks the workflow's rules: {v}.")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// Reads a handoff package from the bytes of a file or a paste.
pub fn import(bytes: &[u8]) -> Result<Case, ImportError> {
    if bytes.len() > MAX_PACKAGE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_PACKAGE_BYTES,
        });
    }
    let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotUtf8 {
        offset: e.valid_up_to(),
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    // serde_json refuses nesting deeper than 128 levels, so hostile depth is a syntax error,
    // not a stack overflow.
    let value: Value = serde_json::from_str(text).map_err(|e| {
        let full = e.to_string();
        let message = match full.rfind(" at line ") {
            Some(i) => full[..i].to_owned(),
            None => full,
        };
        ImportError::Syntax {
            line: e.line(),
            column: e.column(),
            message,
        }
    })?;
    let Value::Object(obj) = &value else {
        return Err(ImportError::NotAPackage);
    };
    if obj.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return Err(ImportError::NotAPackage);
    }
    let version = match obj.get("schema_version") {
        None => return Err(ImportError::MissingVersion),
        Some(v) => v.as_u64().ok_or(ImportError::InvalidVersion)?,
    };
    let value = migrate(value, version)?;
    let data: PackageData = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        ImportError::Field {
            path: if path == "." {
                "(top level)".into()
            } else {
                path
            },
            message: e.into_inner().to_string(),
        }
    })?;
    Case::try_from(data.case).map_err(ImportError::Invariant)
}

/// Brings a package of an older schema version up to [`SCHEMA_VERSION`]. Version 1 is the
/// first published version, so there is nothing to upgrade yet; each future version adds one
/// step here (`1 => upgrade_1_to_2(value)`, ...), applied in order.
fn migrate(value: Value, version: u64) -> Result<Value, ImportError> {
    match version {
        v if v > u64::from(SCHEMA_VERSION) => Err(ImportError::NewerVersion { found: v }),
        0 => Err(ImportError::InvalidVersion),
        _ => Ok(value),
    }
}
