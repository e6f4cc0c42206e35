//! Size bounds on everything a user can paste or import. They keep every operation bounded in
//! time and memory, so a 50 MB paste gets a message instead of a frozen tab.

/// Largest handoff package file or pasted JSON that the importer reads.
pub const MAX_PACKAGE_BYTES: usize = 5 * 1024 * 1024;
/// Largest raw alert text that is kept and scanned for indicators.
pub const MAX_RAW_ALERT_BYTES: usize = 1024 * 1024;
/// Most indicators that one extraction returns.
pub const MAX_EXTRACTED_INDICATORS: usize = 10_000;
/// Longest single indicator value (a URL can be long, but not unbounded).
pub const MAX_INDICATOR_BYTES: usize = 4096;
