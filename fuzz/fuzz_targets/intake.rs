//! Any text pasted as an alert: the intake never panics, every indicator it reads is valid
//! and survives defang → refang, and a case filled from it exports and imports back unchanged.
#![no_main]

use chrono::DateTime;
use handoff_core::intake::{proposals, read};
use handoff_core::package::{import, to_json};
use handoff_core::vocabulary::indicator::{defang, refang};
use handoff_core::{Case, Indicator};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let intake = read(text);
    let _ = intake.summary();
    for i in &intake.indicators {
        assert_eq!(Indicator::new(i.kind, &i.value).map(|x| x.value), Ok(i.value.clone()));
        assert_eq!(refang(&defang(i.kind, &i.value)), i.value);
    }
    let now = DateTime::from_timestamp(1_773_480_000, 0).expect("a fixed instant");
    let mut case = Case::open("fuzz", "Fuzz", now);
    for edit in proposals(&case, &intake).fill {
        case.edit(edit, now).expect("a fresh case takes every fill");
    }
    let json = to_json(&case);
    let again = import(json.as_bytes()).expect("a case filled from a paste exports and imports");
    assert_eq!(again, case);
});
