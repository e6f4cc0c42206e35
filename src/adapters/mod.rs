//! The only code that talks to browser APIs. Everything here returns `Result`s or options
//! instead of panicking: a browser with storage disabled, a denied clipboard or a full quota
//! is an everyday event, not a bug.

pub mod clipboard;
pub mod clock;
pub mod dom;
pub mod download;
pub mod fetch;
pub mod file;
pub mod offline;
pub mod panic;
pub mod perf;
pub mod storage;
pub mod store;
pub mod worker;
