//! Any text given to the indicator extractor: no panic, only valid indicators, and each
//! survives defang → refang.
#![no_main]

use handoff_core::intake::extract;
use handoff_core::vocabulary::indicator::{defang, defang_text, refang};
use handoff_core::Indicator;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for i in extract(text) {
        assert_eq!(Indicator::new(i.kind, &i.value).map(|x| x.value), Ok(i.value.clone()));
        assert_eq!(refang(&defang(i.kind, &i.value)), i.value);
    }
    let _ = defang_text(text);
});
