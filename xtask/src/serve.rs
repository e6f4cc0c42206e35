//! The release build, and the local server for it: `cargo xtask serve`, the end-to-end tests
//! and the benchmarks all use it. It is tower-http's `ServeDir` under axum, bound to
//! 127.0.0.1 only, answering with the same security headers and cache rules as the shipped
//! nginx configuration (deploy/nginx.conf); `cargo xtask serve` compresses as nginx does.

use std::net::TcpListener;
use std::path::PathBuf;
use std::process::Command;

use axum::http::{header, HeaderName, HeaderValue, Request};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;

use crate::run::{root, run, say, tool_path, Result};
use crate::setup;

/// The response headers SECURITY.md asks every deployment to send (a `<meta>` policy cannot
/// carry `frame-ancestors`). A unit test keeps this list and SECURITY.md in step; the deploy
/// tests check that nginx sends exactly these.
pub const SECURITY_HEADERS: &[(&str, &str)] = &[
    ("Content-Security-Policy", "frame-ancestors 'none'"),
    ("X-Frame-Options", "DENY"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
];

/// Trunk's output carries a hash of its content in its name, so it can be kept for a year.
pub const CACHE_HASHED: &str = "public, max-age=31536000, immutable";
/// Everything else (index.html, sw.js, the manifest, icons, scenarios) is revalidated on each
/// use, so a new release is seen at once.
pub const CACHE_OTHER: &str = "no-cache";

/// Whether `path` names one of Trunk's content-hashed files (`name-<hex>.js`,
/// `name-<hex>_bg.wasm`, `name-<hex>.css`), the same rule as the map in deploy/nginx.conf.
/// Trunk writes the hash as unpadded hex, so it is 8 to 16 digits long.
pub fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    let stem = match ext {
        "wasm" => stem.strip_suffix("_bg").unwrap_or(stem),
        "js" | "css" => stem,
        _ => return false,
    };
    let Some((_, hash)) = stem.rsplit_once('-') else {
        return false;
    };
    (8..=16).contains(&hash.len())
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The cache rule of deploy/nginx.conf: a year for a hashed file that was found (a 404 must
/// not stick), no-cache for everything else.
async fn cache_control(request: Request<axum::body::Body>, next: Next) -> Response {
    let hashed = is_hashed(request.uri().path());
    let mut response = next.run(request).await;
    let found = matches!(response.status().as_u16(), 200 | 206 | 304);
    let value = if hashed && found {
        CACHE_HASHED
    } else {
        CACHE_OTHER
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Whether the server compresses what it sends.
#[derive(Clone, Copy)]
enum Compress {
    /// gzip or brotli, as the browser accepts: `cargo xtask serve`, which shows the app as a
    /// deployment sends it.
    Yes,
    /// Plain bytes: the end-to-end tests and the benchmarks. Over loopback compression saves
    /// nothing, and the xtask is a debug build, whose compressor takes about a quarter of a
    /// second over the wasm: that would be measured as the app's start-up. The deployment
    /// tests check compression where it matters, in nginx.
    No,
    /// Each file's gzip -9 copy beside it (`name.gz`, `dist::precompress`) when the browser
    /// accepts gzip, as nginx's gzip_static sends a deployment: Lighthouse's page loads in the
    /// bench, with no compression work timed as the app's.
    Gzipped,
}

/// The app that serves `dir`: files (percent-decoded, confined to `dir`, index.html for
/// folders) with the headers above on every answer, errors included.
fn app(dir: PathBuf, compress: Compress) -> Router {
    let mut app = Router::new()
        .fallback_service(match compress {
            Compress::Gzipped => ServeDir::new(dir).precompressed_gzip(),
            Compress::Yes | Compress::No => ServeDir::new(dir),
        })
        .layer(middleware::from_fn(cache_control));
    for (name, value) in SECURITY_HEADERS {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a valid header name");
        app = app.layer(SetResponseHeaderLayer::overriding(
            name,
            HeaderValue::from_static(value),
        ));
    }
    match compress {
        // Outermost, so it compresses the finished answer, at tower-http's default levels
        // (gzip 6, brotli 4), meant for compressing on the fly.
        Compress::Yes => app.layer(CompressionLayer::new()),
        Compress::No | Compress::Gzipped => app,
    }
}

fn bind(port: u16) -> Result<TcpListener> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    listener
        .set_nonblocking(true)
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    Ok(listener)
}

/// Serves `app` on `listener` until the process ends.
fn serve_blocking(listener: TcpListener, app: Router) -> Result {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server's runtime: {e}"))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|e| format!("cannot listen: {e}"))?;
        axum::serve(listener, app)
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    })
}

/// Serves `app` on a free port of 127.0.0.1 from a background thread; returns the port.
fn spawn(app: Router) -> Result<u16> {
    let listener = bind(0)?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || {
        if let Err(e) = serve_blocking(listener, app) {
            eprintln!("xtask: the background server on port {port} failed: {e}");
        }
    });
    Ok(port)
}

/// Builds the release app into dist/: the analyst's page, then the training room into
/// dist/training/ and the backup page into dist/backup/. In this order, because Trunk
/// replaces its whole output folder.
pub fn release_build() -> Result {
    say("building the release app with Trunk (wasm-opt -Oz) into dist/");
    trunk_release("index.html", "dist")?;
    say("building the training room (the `training` feature) into dist/training/");
    trunk_release("training.html", "dist/training")?;
    say("building the backup page (the `backup` feature) into dist/backup/");
    trunk_release("backup.html", "dist/backup")?;
    for page in [
        "dist/index.html",
        "dist/training/index.html",
        "dist/backup/index.html",
    ] {
        if !root().join(page).exists() {
            return Err(format!("trunk build finished but {page} is missing"));
        }
    }
    Ok(())
}

fn trunk_release(page: &str, dist: &str) -> Result {
    run(Command::new("trunk")
        // The page before the flags: `--release` takes an optional value.
        .args(["build", page, "--release", "--dist", dist])
        .env("PATH", tool_path())
        // Trunk picks up these variables as its own settings; keep the build hermetic.
        .env_remove("TRUNK_SERVE_ADDRESS"))
}

fn port_arg(args: &[String], default: u16) -> Result<u16> {
    match args.iter().position(|a| a == "--port") {
        None => Ok(default),
        Some(i) => args
            .get(i + 1)
            .and_then(|p| p.parse().ok())
            .ok_or_else(|| "--port takes a port number".to_owned()),
    }
}

pub fn serve_command(args: &[String]) -> Result {
    let port = port_arg(args, 8080)?;
    setup::ensure(setup::Needs { browser: false })?;
    release_build()?;
    let listener = bind(port)?;
    say(&format!(
        "Handoff is being served at http://127.0.0.1:{port}/ (Ctrl+C to stop)"
    ));
    serve_blocking(listener, app(root().join("dist"), Compress::Yes))
}

pub fn static_server_command(args: &[String]) -> Result {
    let port = port_arg(args, 4173)?;
    let dir = match args.iter().position(|a| a == "--dir") {
        Some(i) => PathBuf::from(args.get(i + 1).ok_or("--dir takes a folder")?),
        None => root().join("dist"),
    };
    // --gzipped: from the `.gz` copies beside each file, as the bench serves Lighthouse.
    let compress = if args.iter().any(|a| a == "--gzipped") {
        Compress::Gzipped
    } else {
        Compress::No
    };
    let listener = bind(port)?;
    eprintln!("serving {} at http://127.0.0.1:{port}/", dir.display());
    serve_blocking(listener, app(dir, compress))
}

/// Serves `dir` on a free port of 127.0.0.1 from a background thread, uncompressed (the
/// tests' and benchmarks' server); returns the port.
pub fn serve_in_background(dir: PathBuf) -> Result<u16> {
    spawn(app(dir, Compress::No))
}

/// Serves `dir`, whose files have their `.gz` copies beside them, gzipped as a deployment
/// sends it, from a background thread; returns the port.
pub fn serve_gzipped_in_background(dir: PathBuf) -> Result<u16> {
    spawn(app(dir, Compress::Gzipped))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn hashed_names_are_trunks_only() {
        assert!(is_hashed("/handoff-5f3a9c0d1e2b4a67_bg.wasm"));
        assert!(is_hashed("/sub/handoff-5f3a9c0d1e2b4a67.js"));
        assert!(is_hashed("styles-0123456789abcdef.css"));
        assert!(is_hashed("/handoff-5f3a9c0d1e2b4a6.js"), "unpadded hex");
        assert!(!is_hashed("/"));
        assert!(!is_hashed("/index.html"));
        assert!(!is_hashed("/sw.js"));
        assert!(!is_hashed("/manifest.webmanifest"));
        assert!(!is_hashed("/icon-192.png"));
        assert!(!is_hashed("/x-bad.js"), "too short to be a hash");
        assert!(
            !is_hashed("/handoff-5F3A9C0D1E2B4A67.js"),
            "Trunk writes lower case"
        );
        assert!(!is_hashed("/scenarios/phishing-0123456789abcdef.json"));
    }

    /// SECURITY.md's list of deployment headers is the one this server (and the deploy
    /// tests, through it) uses.
    #[test]
    fn security_md_lists_exactly_these_headers() {
        let doc = std::fs::read_to_string(root().join("SECURITY.md")).unwrap();
        let start = doc
            .find("```\nContent-Security-Policy: frame-ancestors")
            .expect("SECURITY.md has the block of deployment headers");
        let block = &doc[start + 4..];
        let block = &block[..block.find("```").unwrap()];
        let listed: Vec<(String, String)> = block
            .lines()
            .filter_map(|l| l.split_once(": "))
            .map(|(n, v)| (n.to_owned(), v.to_owned()))
            .collect();
        let ours: Vec<(String, String)> = SECURITY_HEADERS
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect();
        assert_eq!(listed, ours);
    }

    fn get(port: u16, path: &str, accept_encoding: &str) -> String {
        let mut s = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: {accept_encoding}\r\n\
             Connection: close\r\n\r\n"
        )
        .unwrap();
        let mut out = Vec::new();
        s.read_to_end(&mut out).unwrap();
        String::from_utf8_lossy(&out).into_owned()
    }

    fn header<'a>(response: &'a str, name: &str) -> Option<&'a str> {
        let head = &response[..response.find("\r\n\r\n").unwrap_or(response.len())];
        head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    #[test]
    fn serves_files_with_headers_types_compression_and_caching() {
        let dir = std::env::temp_dir().join(format!("handoff-serve-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub dir")).unwrap();
        std::fs::write(dir.join("index.html"), "<!doctype html><title>t</title>").unwrap();
        let wasm: Vec<u8> = b"\0asm\x01\0\0\0".repeat(500);
        std::fs::write(dir.join("app-0123456789abcdef_bg.wasm"), &wasm).unwrap();
        std::fs::write(dir.join("sub dir/a.json"), "{}").unwrap();
        std::fs::write(dir.join("secret.txt"), "no").unwrap();
        let port = serve_in_background(dir.join("sub dir")).unwrap();
        let root_port = spawn(app(dir.clone(), Compress::Yes)).unwrap();

        let index = get(root_port, "/", "identity");
        assert!(index.starts_with("HTTP/1.1 200"), "{index}");
        assert!(index.ends_with("<!doctype html><title>t</title>"));
        assert_eq!(header(&index, "cache-control"), Some(CACHE_OTHER));
        for (name, value) in SECURITY_HEADERS {
            assert_eq!(header(&index, name), Some(*value), "{name}");
        }

        let w = get(root_port, "/app-0123456789abcdef_bg.wasm", "gzip");
        assert_eq!(header(&w, "content-type"), Some("application/wasm"));
        assert_eq!(header(&w, "content-encoding"), Some("gzip"));
        assert_eq!(header(&w, "cache-control"), Some(CACHE_HASHED));
        let w = get(root_port, "/app-0123456789abcdef_bg.wasm", "br");
        assert_eq!(header(&w, "content-encoding"), Some("br"));
        // The tests' server sends the bytes as they are.
        std::fs::copy(
            dir.join("app-0123456789abcdef_bg.wasm"),
            dir.join("sub dir/w.wasm"),
        )
        .unwrap();
        let w = get(port, "/w.wasm", "gzip, br");
        assert_eq!(header(&w, "content-type"), Some("application/wasm"));
        assert_eq!(header(&w, "content-encoding"), None);
        // The bench's server sends the gzip copy beside a file, and the file where none is.
        crate::dist::precompress(&dir.join("sub dir")).unwrap();
        let gzipped = serve_gzipped_in_background(dir.join("sub dir")).unwrap();
        let w = get(gzipped, "/w.wasm", "gzip, deflate, br");
        assert_eq!(header(&w, "content-type"), Some("application/wasm"));
        assert_eq!(header(&w, "content-encoding"), Some("gzip"));
        let plain = get(gzipped, "/w.wasm", "identity");
        assert_eq!(header(&plain, "content-encoding"), None);
        assert!(get(gzipped, "/a.json", "gzip").ends_with("{}"));

        // Percent-encoded names are decoded; nothing outside the served folder is reachable,
        // and a refusal carries the headers too.
        assert!(get(root_port, "/sub%20dir/a.json", "identity").starts_with("HTTP/1.1 200"));
        let missing = get(root_port, "/app-fedcba9876543210_bg.wasm", "identity");
        assert!(missing.starts_with("HTTP/1.1 404"), "{missing}");
        assert_eq!(
            header(&missing, "cache-control"),
            Some(CACHE_OTHER),
            "a 404 must not stick"
        );
        let out = get(port, "/../secret.txt", "identity");
        assert!(out.starts_with("HTTP/1.1 404"), "{out}");
        let out = get(port, "/%2e%2e/secret.txt", "identity");
        assert!(out.starts_with("HTTP/1.1 404"), "{out}");
        for (name, value) in SECURITY_HEADERS {
            assert_eq!(header(&out, name), Some(*value), "{name} on a 404");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
