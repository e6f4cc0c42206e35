//! The browser's clock and new case IDs: the only place the app reads the time or draws
//! random numbers. Both go into actions, so the reducer itself stays pure.

use chrono::{DateTime, Utc};

#[cfg(target_arch = "wasm32")]
pub fn now() -> DateTime<Utc> {
    let ms = js_sys::Date::now() as i64;
    DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

#[cfg(not(target_arch = "wasm32"))]
pub fn now() -> DateTime<Utc> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    DateTime::from_timestamp_millis(since.as_millis() as i64).unwrap_or_default()
}

/// A new case ID: time-ordered and random enough that two tabs never collide.
pub fn new_case_id() -> String {
    let ms = now().timestamp_millis();
    #[cfg(target_arch = "wasm32")]
    let r = (js_sys::Math::random() * 1e9) as u64;
    #[cfg(not(target_arch = "wasm32"))]
    let r = {
        use std::sync::atomic::{AtomicU64, Ordering};
        static N: AtomicU64 = AtomicU64::new(0);
        N.fetch_add(1, Ordering::Relaxed)
    };
    format!("case-{ms:x}-{r:x}")
}
