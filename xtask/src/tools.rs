//! Every tool version Handoff's build and tests depend on, pinned here and nowhere else:
//! the Rust-side tools below, and the npm tools in package.json / package-lock.json (read by
//! `npm ci`). The wasm-bindgen CLI has no pin of its own: it must equal the wasm-bindgen
//! library in Cargo.lock, which Cargo.toml pins exactly.

/// Trunk 0.22 needs a newer rustc than this project's stable toolchain.
pub const TRUNK: &str = "0.21.14";
/// The Rust target the app compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian packages for the browser tests (the system Chromium and its driver: Playwright's
/// own browser download cannot reach its host here).
pub const APT_PACKAGES: &[&str] = &["chromium", "chromium-driver"];
pub const CHROMIUM: &str = "/usr/bin/chromium";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The binaryen release whose wasm-opt Trunk.toml asks for (`version_132`).
pub const WASM_OPT_VERSION: &str = "132";
