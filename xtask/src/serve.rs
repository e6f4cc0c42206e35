//! The release build and a small static file server for it (the same server the end-to-end
//! tests and the benchmarks use), bound to 127.0.0.1 only.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use crate::run::{root, run, say, tool_path, Result};
use crate::setup;

pub fn release_build() -> Result {
    say("building the release app with Trunk (wasm-opt -Oz) into dist/");
    run(Command::new("trunk")
        .args(["build", "--release"])
        .env("PATH", tool_path())
        // Trunk picks up these variables as its own settings; keep the build hermetic.
        .env_remove("TRUNK_SERVE_ADDRESS"))?;
    if !root().join("dist/index.html").exists() {
        return Err("trunk build finished but dist/index.html is missing".into());
    }
    Ok(())
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
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    say(&format!(
        "Handoff is being served at http://127.0.0.1:{port}/ (Ctrl+C to stop)"
    ));
    serve_forever(listener, root().join("dist"));
    Ok(())
}

pub fn static_server_command(args: &[String]) -> Result {
    let port = port_arg(args, 4173)?;
    let dir = match args.iter().position(|a| a == "--dir") {
        Some(i) => PathBuf::from(args.get(i + 1).ok_or("--dir takes a folder")?),
        None => root().join("dist"),
    };
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("cannot listen on 127.0.0.1:{port}: {e}"))?;
    eprintln!("serving {} at http://127.0.0.1:{port}/", dir.display());
    serve_forever(listener, dir);
    Ok(())
}

/// Serves `dir` on `listener` from a background thread; returns the bound port.
pub fn serve_in_background(dir: PathBuf) -> Result<u16> {
    let listener =
        TcpListener::bind(("127.0.0.1", 0)).map_err(|e| format!("cannot listen: {e}"))?;
    let port = listener.local_addr().map_err(|e| e.to_string())?.port();
    std::thread::spawn(move || serve_forever(listener, dir));
    Ok(port)
}

pub fn serve_forever(listener: TcpListener, dir: PathBuf) {
    for stream in listener.incoming().flatten() {
        let dir = dir.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &dir);
        });
    }
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "md" | "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request path to a file under `dir`, refusing anything that climbs out of it.
fn resolve(dir: &Path, url_path: &str) -> Option<PathBuf> {
    let path = url_path.split(['?', '#']).next().unwrap_or("/");
    let mut out = dir.to_path_buf();
    for c in Path::new(path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(p) => out.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

fn handle(mut stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Drain the headers; nothing in them changes the answer.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"",
            method == "HEAD",
        );
    }
    let Some(path) = resolve(dir, target) else {
        return respond(
            &mut stream,
            "400 Bad Request",
            "text/plain",
            b"bad path",
            false,
        );
    };
    match std::fs::read(&path) {
        Ok(body) => respond(
            &mut stream,
            "200 OK",
            content_type(&path),
            &body,
            method == "HEAD",
        ),
        Err(_) => respond(
            &mut stream,
            "404 Not Found",
            "text/plain",
            b"not found",
            method == "HEAD",
        ),
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    // The headers a deployment should send too (see SECURITY.md): no sniffing, no framing,
    // no referrer, and no caching surprises for the service worker.
    let header = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         X-Content-Type-Options: nosniff\r\nX-Frame-Options: DENY\r\n\
         Content-Security-Policy: frame-ancestors 'none'\r\n\
         Referrer-Policy: no-referrer\r\nCache-Control: no-cache\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(header.as_bytes())?;
    if !head_only {
        stream.write_all(body)?;
    }
    stream.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_escape_the_served_folder() {
        let dir = Path::new("/srv/dist");
        assert_eq!(resolve(dir, "/app.wasm?x=1"), Some(dir.join("app.wasm")));
        assert_eq!(resolve(dir, "/../etc/passwd"), None);
        assert_eq!(resolve(dir, "/a/../../etc/passwd"), None);
    }
}
