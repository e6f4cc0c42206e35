//! Reading a package back. Everything is checked before anything is returned, so a refused
//! import leaves the open case untouched; each refusal is one plain sentence.

use std::fmt;

use super::{FORMAT, SCHEMA_VERSION};
use crate::case::{Case, CaseData};
use crate::json::{self, FromJson, Object, Value};
use crate::limits::MAX_PACKAGE_BYTES;
use crate::text::megabytes;
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
    let doc = json::parse(text).map_err(|e| ImportError::Syntax {
        line: e.line,
        column: e.column,
        message: e.message.to_owned(),
    })?;
    let mut package = Object::from_json(doc).map_err(|_| ImportError::NotAPackage)?;
    match package.take::<Option<Value>>("format") {
        Ok(Some(Value::String(f))) if f == FORMAT => {}
        _ => return Err(ImportError::NotAPackage),
    }
    let version = match package.take::<Option<Value>>("schema_version") {
        Ok(None | Some(Value::Null)) => return Err(ImportError::MissingVersion),
        Ok(Some(v)) => u64::from_json(v).map_err(|_| ImportError::InvalidVersion)?,
        Err(_) => return Err(ImportError::InvalidVersion),
    };
    let mut package = migrate(package, version)?;
    let data: CaseData = package.take("case").map_err(|e| ImportError::Field {
        path: match e.path() {
            p if p.is_empty() => "(top level)".to_owned(),
            p => p,
        },
        message: e.message,
    })?;
    Case::try_from(data).map_err(ImportError::Invariant)
}

/// Brings a package of an older schema version up to [`SCHEMA_VERSION`], on the parsed tree.
/// Version 1 is the first published version, so there is nothing to upgrade yet; each future
/// version adds one step here (`1 => upgrade_1_to_2(package)`, ...), applied in order.
fn migrate(package: Object, version: u64) -> Result<Object, ImportError> {
    match version {
        v if v > u64::from(SCHEMA_VERSION) => Err(ImportError::NewerVersion { found: v }),
        0 => Err(ImportError::InvalidVersion),
        _ => Ok(package),
    }
}
