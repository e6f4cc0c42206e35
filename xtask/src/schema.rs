//! The JSON Schemas Handoff ships, generated from the Rust types so they cannot drift: the
//! handoff package and the training scenario.

use handoff_core::package::json_schema;
use handoff_core::training::scenario_json_schema;

use crate::run::{root, say, Result};

pub const SCHEMA_PATH: &str = "static/handoff.schema.json";
pub const SCENARIO_SCHEMA_PATH: &str = "static/scenario.schema.json";

pub fn generate() -> String {
    json_schema()
}

pub fn write() -> Result {
    for (path, text) in [
        (SCHEMA_PATH, generate()),
        (SCENARIO_SCHEMA_PATH, scenario_json_schema()),
    ] {
        std::fs::write(root().join(path), text).map_err(|e| format!("cannot write {path}: {e}"))?;
        say(&format!("wrote {path}"));
    }
    Ok(())
}
