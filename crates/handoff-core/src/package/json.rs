use serde::{Deserialize, Serialize};

use super::{FORMAT, SCHEMA_VERSION};
use crate::case::{Case, CaseData};

/// A Handoff case as exported for L2 and for tools: the whole case (report, escalation
/// decision, notification, L2 section, audit trail). Timestamps are RFC 3339 in UTC.
// Field order is the declaration order, so the output is stable; nothing in it depends on when
// it was exported, so export → import → export is byte-identical.
#[derive(Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Handoff package"))]
pub struct HandoffPackage<'a> {
    /// Always "handoff-package".
    #[cfg_attr(feature = "schema", schemars(extend("const" = "handoff-package")))]
    pub format: &'static str,
    /// The package format version; this schema describes version 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub schema_version: u32,
    pub case: &'a Case,
}

/// The JSON package as it is read, before the case's invariants are checked.
#[derive(Deserialize)]
pub(super) struct PackageData {
    #[allow(dead_code)]
    pub format: String,
    #[allow(dead_code)]
    pub schema_version: u32,
    pub case: CaseData,
}

/// The case as a pretty-printed JSON package, ending with a newline.
pub fn to_json(case: &Case) -> String {
    let pkg = HandoffPackage {
        format: FORMAT,
        schema_version: SCHEMA_VERSION,
        case,
    };
    // Serializing plain data into a String cannot fail: no maps with non-string keys, no
    // I/O. Fall back to an empty object rather than panic in the browser regardless.
    let mut s = serde_json::to_string_pretty(&pkg).unwrap_or_else(|_| "{}".to_owned());
    s.push('\n');
    s
}
