//! Reading a package back. Everything is checked before anything is returned, so a refused
//! import leaves the open case untouched; each refusal is one plain sentence.

use std::borrow::Cow;
use std::fmt;

use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::error::Category;

use super::json::PackageData;
use super::{FORMAT, SCHEMA_VERSION};
use crate::case::Case;
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
    // First pass: syntax, and the envelope only (the case is skipped). serde_json refuses
    // nesting deeper than 128 levels, so hostile depth is a syntax error, not a stack
    // overflow.
    let header: Header = match serde_json::from_str(text) {
        Ok(h) if text.trim_start().starts_with('{') => h,
        Ok(_) => return Err(ImportError::NotAPackage),
        Err(e) => {
            return Err(match e.classify() {
                Category::Syntax | Category::Eof | Category::Io => ImportError::Syntax {
                    line: e.line(),
                    column: e.column(),
                    message: without_location(&e),
                },
                Category::Data => ImportError::NotAPackage,
            })
        }
    };
    if header.format.as_deref() != Some(FORMAT) {
        return Err(ImportError::NotAPackage);
    }
    let version = match header.schema_version {
        None => return Err(ImportError::MissingVersion),
        Some(Version::Invalid) => return Err(ImportError::InvalidVersion),
        Some(Version::Number(v)) => v,
    };
    let text = migrate(text, version)?;
    // Second pass: the whole package, typed. A wrong or missing field is named by its path,
    // found from where in the text the parser stopped (see `path_at`).
    let data: PackageData = serde_json::from_str(&text).map_err(|e| {
        let mut message = without_location(&e);
        let path = path_at(&text, e.line(), e.column(), ErrorSite::of(&message));
        // For an enum given the wrong type, serde_json only says "expected value": show what
        // was found instead.
        if message == "expected value" {
            message = format!(
                "a value of the wrong type is there ({})",
                found_at(&text, e.line(), e.column())
            );
        }
        ImportError::Field { path, message }
    })?;
    Case::try_from(data.case).map_err(ImportError::Invariant)
}

fn without_location(e: &serde_json::Error) -> String {
    let full = e.to_string();
    match full.rfind(" at line ") {
        Some(i) => full[..i].to_owned(),
        None => full,
    }
}

/// The package's envelope; everything else in the document is skipped.
#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    schema_version: Option<Version>,
}

enum Version {
    Number(u64),
    Invalid,
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Version;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a schema version")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Version, E> {
                Ok(Version::Number(v))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Version, E> {
                Ok(Version::Invalid)
            }
            fn visit_f64<E>(self, _: f64) -> Result<Version, E> {
                Ok(Version::Invalid)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Version, E> {
                Ok(Version::Invalid)
            }
            fn visit_str<E>(self, _: &str) -> Result<Version, E> {
                Ok(Version::Invalid)
            }
            fn visit_unit<E>(self) -> Result<Version, E> {
                Ok(Version::Invalid)
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Version, A::Error> {
                while a.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Version::Invalid)
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut a: A,
            ) -> Result<Version, A::Error> {
                while a.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Version::Invalid)
            }
        }
        d.deserialize_any(V)
    }
}

/// Brings a package of an older schema version up to [`SCHEMA_VERSION`]. Version 1 is the
/// first published version, so there is nothing to upgrade yet; each future version adds one
/// step here (`1 => upgrade_1_to_2(text)`, ...), applied in order.
fn migrate(text: &str, version: u64) -> Result<Cow<'_, str>, ImportError> {
    match version {
        v if v > u64::from(SCHEMA_VERSION) => Err(ImportError::NewerVersion { found: v }),
        0 => Err(ImportError::InvalidVersion),
        _ => Ok(Cow::Borrowed(text)),
    }
}

fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    (line_start + column).min(text.len())
}

/// The JSON token at `line`:`column`, shortened, for error messages.
fn found_at(text: &str, line: usize, column: usize) -> String {
    let mut start = offset_of(text, line, column).saturating_sub(1);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let token: String = text[start..]
        .chars()
        .take_while(|c| !matches!(c, ',' | '}' | ']' | '\n'))
        .take(40)
        .collect();
    format!("found {}", token.trim())
}

/// Where serde_json leaves its position for each kind of error.
#[derive(Clone, Copy)]
pub(crate) enum ErrorSite {
    /// Raised by an object or array itself once read whole (a missing field, a wrong
    /// length): the position is just after it.
    Whole,
    /// Raised by the parser at a token (a wrong type, an unknown variant): the position is
    /// just before the token...
    BeforeToken,
    /// ... except for an enum given a non-string, where it is on the token's first character.
    OnToken,
    /// Raised by a type's own validation after its value was read (an invalid indicator,
    /// technique ID or timestamp; these messages all begin with the quoted value): the parent
    /// may have read on to its next `,`, `]` or `}`.
    AfterValue,
}

impl ErrorSite {
    fn of(message: &str) -> ErrorSite {
        if message.starts_with('"') {
            ErrorSite::AfterValue
        } else if ["missing field", "invalid length", "duplicate field"]
            .iter()
            .any(|m| message.starts_with(m))
        {
            ErrorSite::Whole
        } else if message.starts_with("expected value") {
            ErrorSite::OnToken
        } else {
            ErrorSite::BeforeToken
        }
    }
}

/// The JSON path (`case.report.indicators[3]`) of the value an error at `line`:`column` is
/// about. serde_json reports an error it raises itself at the offending token; a missing
/// field or a wrong length just after the object or array itself; and an error raised by a type's own
/// validation (an invalid indicator, a bad timestamp) after the value, once its parent has
/// consumed the next `]`, `}` or `,`, which must then not count.
pub(crate) fn path_at(text: &str, line: usize, column: usize, site: ErrorSite) -> String {
    let mut end = offset_of(text, line, column);
    let upto = &text[..end];
    match site {
        ErrorSite::Whole => {}
        ErrorSite::BeforeToken => {}
        ErrorSite::OnToken => {
            if upto.ends_with(['[', '{']) {
                end -= 1;
            }
        }
        ErrorSite::AfterValue => {
            let trimmed = upto.trim_end();
            if trimmed.ends_with([']', '}', ',']) {
                end = trimmed.len() - 1;
            }
        }
    }
    enum Frame {
        Object { key: Option<String>, want_key: bool },
        Array(usize),
    }
    let mut stack: Vec<Frame> = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < end {
        match b[i] {
            b'{' => stack.push(Frame::Object {
                key: None,
                want_key: true,
            }),
            b'[' => stack.push(Frame::Array(0)),
            b'}' | b']' => {
                stack.pop();
            }
            b',' => match stack.last_mut() {
                Some(Frame::Array(n)) => *n += 1,
                Some(Frame::Object { want_key, .. }) => *want_key = true,
                None => {}
            },
            b'"' => {
                let start = i + 1;
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    i += if b[i] == b'\\' { 2 } else { 1 };
                }
                if let Some(Frame::Object { key, want_key }) = stack.last_mut() {
                    if *want_key {
                        let raw = text.get(start..i).unwrap_or("");
                        *key = Some(
                            serde_json::from_str(&format!("\"{raw}\""))
                                .unwrap_or_else(|_| raw.to_owned()),
                        );
                        *want_key = false;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    let mut path = String::new();
    for f in &stack {
        match f {
            Frame::Object { key: Some(k), .. } => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
            Frame::Object { key: None, .. } => {}
            Frame::Array(n) => {
                path.push('[');
                path.push_str(&n.to_string());
                path.push(']');
            }
        }
    }
    if path.is_empty() {
        "(top level)".to_owned()
    } else {
        path
    }
}
