//! The JSON Schema of the handoff package, generated from the Rust types so it cannot drift.

use handoff_core::package::json_schema;

use crate::run::{root, say, Result};

pub const SCHEMA_PATH: &str = "static/handoff.schema.json";

pub fn generate() -> String {
    json_schema()
}

pub fn write() -> Result {
    let path = root().join(SCHEMA_PATH);
    std::fs::write(&path, generate()).map_err(|e| format!("cannot write {SCHEMA_PATH}: {e}"))?;
    say(&format!("wrote {SCHEMA_PATH}"));
    Ok(())
}
