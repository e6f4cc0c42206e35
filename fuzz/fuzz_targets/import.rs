//! Any bytes given to the importer: no panic, and whatever it accepts survives a round trip
//! byte for byte.
#![no_main]

use handoff_core::package::{import, to_json, to_markdown, ExportOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(case) = import(data) {
        let json = to_json(&case);
        let again = import(json.as_bytes()).expect("an exported package imports");
        assert_eq!(again, case);
        assert_eq!(to_json(&again), json);
        let _ = to_markdown(&case, &ExportOptions::default());
    }
});
