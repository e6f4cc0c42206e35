use super::{FORMAT, SCHEMA_VERSION};
use crate::case::Case;
use crate::json::{ToJson, Writer};

/// A Handoff case as exported for L2 and for tools: the whole case (report, escalation
/// decision, notification, L2 section, audit trail). Timestamps are RFC 3339 in UTC.
// Only describes the package for the JSON Schema; `to_json` writes it.
#[cfg(feature = "schema")]
#[derive(schemars::JsonSchema)]
#[schemars(title = "Handoff package")]
pub struct HandoffPackage {
    /// Always "handoff-package".
    #[schemars(extend("const" = "handoff-package"))]
    pub format: String,
    /// The package format version; this schema describes version 1.
    #[schemars(extend("const" = 1))]
    pub schema_version: u32,
    pub case: crate::case::CaseData,
}

/// The case as a pretty-printed JSON package, ending with a newline. Members come in a fixed
/// order and nothing depends on when it was exported, so export → import → export is
/// byte-identical.
pub fn to_json(case: &Case) -> String {
    let mut w = Writer::new();
    w.begin_object();
    w.key("format");
    w.string(FORMAT);
    w.key("schema_version");
    w.u64(u64::from(SCHEMA_VERSION));
    w.key("case");
    case.write_json(&mut w);
    w.end_object();
    let mut s = w.finish();
    s.push('\n');
    s
}
