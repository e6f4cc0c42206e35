//! Where "now" comes from. The domain never reads the system clock itself: the browser app
//! passes one backed by `Date.now()`, tests pass a fixed or stepping one.

use chrono::{DateTime, Utc};

pub trait Clock {
    fn now(&self) -> DateTime<Utc>;
}

/// Always the same instant.
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

impl<F: Fn() -> DateTime<Utc>> Clock for F {
    fn now(&self) -> DateTime<Utc> {
        self()
    }
}
