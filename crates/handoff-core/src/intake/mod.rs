//! Alert text in: what a pasted alert tells Handoff. Today, its indicators.

pub mod indicators;

pub use indicators::extract;
