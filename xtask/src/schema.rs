//! The JSON Schema of the handoff package, generated from the Rust types so it cannot drift.

use handoff_core::package::HandoffPackage;

use crate::run::{root, say, Result};

pub const SCHEMA_PATH: &str = "static/handoff.schema.json";

pub fn generate() -> String {
    let schema = schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<HandoffPackage>();
    let mut s = serde_json::to_string_pretty(&schema).unwrap_or_default();
    s.push('\n');
    s
}

pub fn write() -> Result {
    let path = root().join(SCHEMA_PATH);
    std::fs::write(&path, generate()).map_err(|e| format!("cannot write {SCHEMA_PATH}: {e}"))?;
    say(&format!("wrote {SCHEMA_PATH}"));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_schema_matches_the_types() {
        let shipped = std::fs::read_to_string(root().join(SCHEMA_PATH)).unwrap_or_default();
        assert!(
            shipped == generate(),
            "{SCHEMA_PATH} is out of date with the Rust types: run `cargo xtask schema`"
        );
    }
}
