//! Reading a package back. Everything is checked before anything is returned, so a refused
//! import leaves the open case untouched; each refusal is one plain sentence.
//!
//! The checks, in order: size (before anything is parsed), UTF-8, emptiness, JSON syntax
//! (serde_json, nesting bounded at 128 levels), the envelope (`format`, `schema_version`),
//! then the whole document against the case's types (serde, with the path of the first wrong
//! value from `serde_path_to_error`), then the workflow's invariants.
//!
//! Unknown fields are refused, everywhere, with their path: a package this version of Handoff
//! does not fully understand would otherwise lose what it does not know on the next export.
//! Duplicate fields are refused too (serde's derive does so for every struct).

use std::fmt;

use serde::Deserialize;

use super::json::{PackageFile, FORMAT, SCHEMA_VERSION};
use crate::case::Case;
use crate::rules::invariants::InvariantViolation;
use crate::vocabulary::limits::MAX_PACKAGE_BYTES;
use crate::vocabulary::text::megabytes;

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
    /// A wrong value found by [`import_located`], which knows where it is but not its path.
    Value {
        line: usize,
        column: usize,
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
            ImportError::Value {
                line,
                column,
                message,
            } => write!(
                f,
                "The package has a wrong value at line {line}, column {column}: {message}."
            ),
            ImportError::Invariant(v) => {
                write!(f, "The package's case breaks the workflow's rules: {v}.")
            }
        }
    }
}

impl std::error::Error for ImportError {}

/// The envelope alone: read first, so that a newer package is told "newer" rather than
/// refused for the fields it added. Every other member (the case) is skipped unread here.
#[derive(Deserialize)]
struct Envelope {
    format: Option<serde_json::Value>,
    schema_version: Option<serde_json::Value>,
}

/// Reads a handoff package from the bytes of a file or a paste. A wrong value is named by
/// its path (`case.report.header.severity`).
pub fn import(bytes: &[u8]) -> Result<Case, ImportError> {
    read_package(bytes, |text| {
        let mut de = serde_json::Deserializer::from_str(text);
        let package = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = match e.path().to_string() {
                p if p == "." => "(top level)".to_owned(),
                p => p,
            };
            field_error(path, &e.into_inner())
        })?;
        // The whole text is the document, as `serde_json::from_str` holds it (the import of
        // the located reader): anything after it is refused.
        de.end().map_err(|e| syntax(&e))?;
        Ok(package)
    })
}

/// Reads a package with every check [`import`] makes, but names a wrong value by its line
/// and column instead of its path. For what Handoff wrote itself (this browser's storage,
/// another tab) and for a first try at a file: the path tracking is generic code for every
/// type of the case, tens of kilobytes the page does without (the worker that reads alerts
/// explains a refused file with [`import`]).
pub fn import_located(bytes: &[u8]) -> Result<Case, ImportError> {
    read_package(bytes, |text| {
        serde_json::from_str(text).map_err(|e| match field_error(String::new(), &e) {
            ImportError::Field { message, .. } => ImportError::Value {
                line: e.line(),
                column: e.column(),
                message,
            },
            other => other,
        })
    })
}

/// The checks both readers share; `read_case` reads the document once the envelope passed.
///
/// A package that reads is read in one pass: the document first, then its envelope's values
/// checked as the envelope's pass would have checked them. Only a document that does not read
/// is read again, envelope first, so that its refusal is the first problem in the order the
/// checks are told (a newer package is told "newer", not refused for a field it added). The
/// envelope's own pass over the whole text was a tenth of the time of a 5 MB import.
fn read_package(
    bytes: &[u8],
    read_case: impl Fn(&str) -> Result<PackageFile, ImportError>,
) -> Result<Case, ImportError> {
    if bytes.len() > MAX_PACKAGE_BYTES {
        return Err(ImportError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_PACKAGE_BYTES,
        });
    }
    let read = std::str::from_utf8(bytes)
        .ok()
        .and_then(|text| read_case(text.strip_prefix('\u{feff}').unwrap_or(text)).ok());
    if let Some(package) = read {
        // The typed document has both members, of their types: what is left to check is
        // what the envelope's pass checks of their values.
        if package.format != FORMAT {
            return Err(ImportError::NotAPackage);
        }
        migrate(u64::from(package.schema_version))?;
        return Case::try_from(package.case).map_err(ImportError::Invariant);
    }
    let (text, envelope) = envelope_of(bytes, true)?.ok_or(ImportError::Empty)?;
    match envelope.format {
        Some(serde_json::Value::String(f)) if f == FORMAT => {}
        _ => return Err(ImportError::NotAPackage),
    }
    let version = match envelope.schema_version {
        None | Some(serde_json::Value::Null) => return Err(ImportError::MissingVersion),
        Some(v) => v.as_u64().ok_or(ImportError::InvalidVersion)?,
    };
    migrate(version)?;

    let package = read_case(text)?;
    Case::try_from(package.case).map_err(ImportError::Invariant)
}

/// A value of the wrong kind at `path`. The whole text was parsed once already, so every
/// error here is one, even the one serde_json files under syntax: a number where a stage
/// belongs is its bare "expected value".
fn field_error(path: String, e: &serde_json::Error) -> ImportError {
    let message = match without_position(e) {
        m if m == "expected value" => "expected a stage name such as \"l2_review\", or an \
             object such as {\"closed\": \"false_positive\"}"
            .to_owned(),
        m => m,
    };
    ImportError::Field { path, message }
}

/// The refusal of a file that the file's first bytes already decide, whatever follows them:
/// a byte that is not UTF-8, or JSON broken (not merely cut short) before the end of `start`.
/// The page reads a chosen file's first kilobytes before the rest, so that a file that is
/// no package at all is refused without reading megabytes. For every file `f` and every
/// `k`, a `Some` for `f[..k]` is exactly what [`import`] and [`import_located`] answer
/// for `f` within the size limit (a property test holds them to it).
pub fn refusal_from_start(start: &[u8]) -> Option<ImportError> {
    envelope_of(start, false).err()
}

/// The text of a package (`whole`), or of the start of one, and its envelope; or the first
/// problem in them. The first problem is the one told: JSON already broken before the first
/// byte that is not UTF-8 is that JSON error, so the start of a file decides its refusal
/// whatever follows. Of a start, only what the rest cannot change is a problem (`Ok(None)`
/// otherwise): a character cut at its end, or JSON merely cut short, is not.
fn envelope_of(bytes: &[u8], whole: bool) -> Result<Option<(&str, Envelope)>, ImportError> {
    let (text, bad_byte) = match std::str::from_utf8(bytes) {
        Ok(text) => (text, None),
        Err(e) => (
            std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
            (whole || e.error_len().is_some()).then_some(e.valid_up_to()),
        ),
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let envelope = serde_json::from_str::<Envelope>(text);
    if let Err(e) = &envelope {
        // Of a start that ends where it was cut, an error on its last character may be the
        // cut's, not the file's: a number cut after its `.` or `e` is invalid there and
        // valid in the whole file. (Text that ends at a bad byte ends where the file does.)
        let cut_here = !whole && bad_byte.is_none() && at_end(text, e);
        if e.classify() == serde_json::error::Category::Syntax && !cut_here {
            return Err(syntax(e));
        }
    }
    if let Some(offset) = bad_byte {
        return Err(ImportError::NotUtf8 { offset });
    }
    match envelope {
        _ if !whole => Ok(None),
        _ if text.trim().is_empty() => Err(ImportError::Empty),
        Err(e) if e.classify() == serde_json::error::Category::Eof => Err(syntax(&e)),
        Err(e) => Err(match without_position(&e) {
            m if m.contains("expected struct Envelope") => ImportError::NotAPackage,
            // An object, but with a repeated member such as two "format"s.
            message => ImportError::Field {
                path: "(top level)".to_owned(),
                message,
            },
        }),
        Ok(envelope) => Ok(Some((text, envelope))),
    }
}

/// Whether `e` is placed on the last character of `text` (or past it).
fn at_end(text: &str, e: &serde_json::Error) -> bool {
    let (lines, last) = text.rsplit_once('\n').map_or((1, text), |(before, last)| {
        (before.matches('\n').count() + 2, last)
    });
    e.line() > lines || (e.line() == lines && e.column() >= last.chars().count())
}

/// A syntax error (or a document cut short) with its position.
fn syntax(e: &serde_json::Error) -> ImportError {
    ImportError::Syntax {
        line: e.line(),
        column: e.column(),
        message: without_position(e),
    }
}

/// serde_json's message without the " at line L column C" it appends.
fn without_position(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    match full.strip_suffix(&suffix).unwrap_or(&full) {
        "recursion limit exceeded" => "nested more than 128 levels deep".to_owned(),
        message => message.to_owned(),
    }
}

/// Checks that a package of schema version `version` can be read. Version 1 is the first
/// published version, so there is nothing to upgrade yet; the first change of shape will
/// read older packages into a `serde_json::Value`, upgrade them step by step
/// (`upgrade_1_to_2`, ...) and then read the result as today.
fn migrate(version: u64) -> Result<(), ImportError> {
    match version {
        v if v > u64::from(SCHEMA_VERSION) => Err(ImportError::NewerVersion { found: v }),
        0 => Err(ImportError::InvalidVersion),
        _ => Ok(()),
    }
}
