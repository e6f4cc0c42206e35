//! Every tool version Handoff's build and tests depend on, pinned here and nowhere else:
//! the Rust-side tools below, and the npm tools in package.json / package-lock.json (read by
//! `npm ci`). The wasm-bindgen CLI has no pin of its own: it must equal the wasm-bindgen
//! library in Cargo.lock, which Cargo.toml pins exactly.

/// Trunk 0.22 needs a newer rustc than this project's stable toolchain.
pub const TRUNK: &str = "0.21.14";
/// The Rust target the app compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian packages for the browser, export-oracle and deployment tests: the system Chromium and
/// its driver (Playwright's own browser download cannot reach its host here); pandoc, whose
/// Jira reader checks the Jira exports, and python3-venv, for the venv of the STIX readers
/// (their versions are in tests/oracles/requirements.txt); poppler's pdftotext, which reads
/// back the case report Chromium prints to PDF; and nginx with Debian's brotli modules, which
/// the deployment level runs deploy/nginx.conf in.
pub const APT_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "pandoc",
    "python3-venv",
    "poppler-utils",
    "nginx",
    "libnginx-mod-http-brotli-filter",
    "libnginx-mod-http-brotli-static",
];
pub const CHROMIUM: &str = "/usr/bin/chromium";
/// Debian's pandoc (2.17 on Debian 12), for the Jira oracle.
pub const PANDOC: &str = "/usr/bin/pandoc";
/// poppler's pdftotext, for the printed report's end-to-end test (`PDFTOTEXT` overrides it).
pub const PDFTOTEXT: &str = "/usr/bin/pdftotext";
/// The Python the oracles' venv is made with: Debian's, which python3-venv completes.
pub const PYTHON: &str = "/usr/bin/python3";
/// The export oracles' Python packages, every version exact.
pub const ORACLE_REQUIREMENTS: &str = "tests/oracles/requirements.txt";
/// Where the oracles' venv lives (under target/, so `cargo clean` removes it).
pub const ORACLE_VENV: &str = "target/oracles-venv";
pub const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// Where Debian's packages put nginx, its type table and the brotli modules.
pub const NGINX: &str = "/usr/sbin/nginx";
pub const NGINX_MIME_TYPES: &str = "/etc/nginx/mime.types";
pub const NGINX_BROTLI_MODULES: &[&str] = &[
    "/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so",
    "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so",
];
/// The binaryen release whose wasm-opt Trunk.toml asks for (`version_132`).
pub const WASM_OPT_VERSION: &str = "132";
