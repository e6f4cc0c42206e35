//! The JSON package: the one wire format, declared once by serde on the case's types.

use serde::{Deserialize, Serialize};

use crate::case::Case;
use crate::data::CaseData;

/// The current version of the JSON package. Bump it on any change to the JSON's shape, and
/// add the step that upgrades the previous version in `import::migrate`.
pub const SCHEMA_VERSION: u32 = 1;

/// The value of the package's `format` field, which tells a package from any other JSON.
pub const FORMAT: &str = "handoff-package";

/// A Handoff case as exported for L2 and for tools: the whole case (report, escalation
/// decision, notification, L2 section, audit trail). Timestamps are RFC 3339 in UTC. Written
/// with `C = &Case`, read (and described by the JSON Schema) with `C = CaseData`.
#[derive(Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Handoff package"))]
#[serde(deny_unknown_fields)]
pub struct HandoffPackage<C> {
    /// Always "handoff-package".
    #[cfg_attr(feature = "schema", schemars(extend("const" = "handoff-package")))]
    pub format: String,
    /// The package format version; this schema describes version 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub schema_version: u32,
    pub case: C,
}

/// What the importer reads.
pub type PackageFile = HandoffPackage<CaseData>;

/// The case as a pretty-printed JSON package, ending with a newline. Members come in the
/// types' declaration order and nothing depends on when it was exported, so export → import
/// → export is byte-identical.
pub fn to_json(case: &Case) -> String {
    let package = HandoffPackage {
        format: FORMAT.to_owned(),
        schema_version: SCHEMA_VERSION,
        case,
    };
    // Serializing plain structs of strings, numbers and RFC 3339 strings to a String
    // cannot fail; an empty string would be refused by the importer if it ever did.
    let mut out = serde_json::to_string_pretty(&package).unwrap_or_default();
    out.push('\n');
    out
}
