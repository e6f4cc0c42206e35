//! Every tool version Handoff's build and tests depend on, pinned here and nowhere else:
//! the Rust-side tools below, and the npm tools in package.json / package-lock.json (read by
//! `npm ci`). The wasm-bindgen CLI has no pin of its own: it must equal the wasm-bindgen
//! library in Cargo.lock, which Cargo.toml pins exactly.

/// Trunk 0.22 needs a newer rustc than this project's stable toolchain.
pub const TRUNK: &str = "0.21.14";
/// The Rust target the app compiles to.
pub const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian packages for the browser and deployment tests: the system Chromium and its driver
/// (Playwright's own browser download cannot reach its host here), and nginx with Debian's
/// brotli modules, which the deployment level runs deploy/nginx.conf in.
pub const APT_PACKAGES: &[&str] = &[
    "chromium",
    "chromium-driver",
    "nginx",
    "libnginx-mod-http-brotli-filter",
    "libnginx-mod-http-brotli-static",
];
pub const CHROMIUM: &str = "/usr/bin/chromium";
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
