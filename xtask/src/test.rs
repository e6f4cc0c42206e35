//! `cargo xtask test`: every test level in order, stopping at the first red one. Each level
//! prints its own PASS / FAIL line, and the run ends with a summary.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::dist::{copy_dir, root_version, write_release};
use crate::run::{cargo, output, root, run, say, tool_path, Result};
use crate::serve::{release_build, serve_in_background, SECURITY_HEADERS};
use crate::setup;
use crate::tools;

struct Level {
    name: &'static str,
    run: fn() -> Result,
}

const LEVELS: &[Level] = &[
    Level {
        name: "format (cargo fmt --check)",
        run: fmt,
    },
    Level {
        name: "lint (clippy, native and wasm32, -D warnings)",
        run: clippy,
    },
    Level {
        name: "native tests (unit, property, golden files)",
        run: native,
    },
    Level {
        name: "export oracles (pandoc reads the Jira exports; OASIS's validator and MISP's converter the STIX bundles)",
        run: export_oracles,
    },
    Level {
        name: "browser tests (wasm-bindgen-test, headless Chromium)",
        run: browser,
    },
    Level {
        name: "release build (Trunk, wasm-opt -Oz)",
        run: release_build,
    },
    Level {
        name: "size (wasm + JS gzipped under the 300 KB ceiling; hello-world ratio printed)",
        run: crate::bench::size_gate,
    },
    Level {
        name: "end to end (Playwright + axe-core, release build on 127.0.0.1)",
        run: e2e,
    },
    Level {
        name: "deployment (nginx with deploy/nginx.conf; the release archive under /handoff/)",
        run: deployment,
    },
];

/// Every level, or with `only` the levels whose name starts with one of its words
/// (`cargo xtask test deployment`): a level run alone expects what the levels before it
/// made (the release build in dist/ for the end-to-end and deployment levels).
pub fn test_command(only: &[String]) -> Result {
    let levels: Vec<&Level> = LEVELS
        .iter()
        .filter(|l| only.is_empty() || only.iter().any(|w| l.name.starts_with(w.as_str())))
        .collect();
    if levels.is_empty() {
        let names: Vec<&str> = LEVELS
            .iter()
            .filter_map(|l| l.name.split(' ').next())
            .collect();
        return Err(format!(
            "no test level starts with {only:?}; the levels: {}",
            names.join(", ")
        ));
    }
    setup::ensure(setup::Needs { browser: true })?;
    let started = Instant::now();
    let mut passed = 0;
    for (i, level) in levels.iter().enumerate() {
        say(&format!("[{}/{}] {}", i + 1, levels.len(), level.name));
        let t = Instant::now();
        let outcome = (level.run)();
        let secs = t.elapsed().as_secs_f32();
        match outcome {
            Ok(()) => {
                passed += 1;
                eprintln!("PASS  {} ({secs:.1} s)", level.name);
            }
            Err(e) => {
                eprintln!("FAIL  {} ({secs:.1} s): {e}", level.name);
                println!("levels: {passed} passed, 1 failed");
                return Err(format!("test level \"{}\" failed", level.name));
            }
        }
    }
    eprintln!(
        "all levels green in {:.0} s",
        started.elapsed().as_secs_f32()
    );
    println!("levels: {passed} passed, 0 failed");
    Ok(())
}

fn fmt() -> Result {
    run(cargo().args(["fmt", "--all", "--check"]))
}

fn clippy() -> Result {
    run(cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The training room's build natively too: its reducer and worker tests run there.
    run(cargo().args([
        "clippy",
        "-p",
        "handoff",
        "--all-targets",
        "--features",
        "training",
        "--",
        "-D",
        "warnings",
    ]))?;
    // The app's browser-only code is compiled out natively; lint it for its real target, as
    // the analyst's page, the training room's (the `training` feature) and the backup page
    // (`backup`).
    for features in [
        &[][..],
        &["--features", "training"][..],
        &["--features", "backup"][..],
    ] {
        run(cargo()
            .args(["clippy", "-p", "handoff", "--all-targets"])
            .args(features)
            .args(["--target", tools::WASM_TARGET, "--", "-D", "warnings"]))?;
    }
    Ok(())
}

fn native() -> Result {
    run(cargo().args(["test", "--workspace"]))?;
    // The reducer's training actions exist only in the training room's build.
    run(cargo().args(["test", "-p", "handoff", "--features", "training"]))
}

/// The exports read by real readers: the domain's tests write the Jira and STIX exports of
/// the golden cases and of the hostile case (and its harmless twin) into
/// target/export-oracles/, then tests/oracles/ reads them with pandoc's Jira reader, OASIS's
/// stix2-validator and MISP's STIX converter, each script failing on any finding.
fn export_oracles() -> Result {
    let python = setup::oracle_venv()?;
    let dir = root().join("target/export-oracles");
    run(cargo()
        .args([
            "test",
            "-p",
            "handoff-core",
            "--test",
            "exports",
            "--",
            "--ignored",
            "--exact",
            "write_oracle_inputs",
        ])
        .env("HANDOFF_ORACLE_DIR", &dir))?;
    // pandoc from PANDOC_PATH (or Debian's) first on PATH, for the Jira script.
    let pandoc = std::path::PathBuf::from(setup::pandoc());
    let path = match pandoc.parent() {
        Some(bin) => format!("{}:{}", bin.display(), tool_path()),
        None => tool_path(),
    };
    for script in ["check_jira.py", "check_stix.py"] {
        run(Command::new(&python)
            .arg(root().join("tests/oracles").join(script))
            .arg(&dir)
            .env("PATH", &path))?;
    }
    Ok(())
}

fn browser() -> Result {
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| tools::CHROMEDRIVER.into());
    run(cargo()
        .args(["test", "-p", "handoff", "--target", tools::WASM_TARGET])
        .env("CHROMEDRIVER", driver)
        // Slow on a loaded 2-core machine; the default 5 s start-up wait is not enough.
        .env("WASM_BINDGEN_TEST_DRIVER_TIMEOUT", "60")
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120"))
}

fn e2e() -> Result {
    let port = serve_in_background(root().join("dist"))?;
    // The same build under a sub-path, as a static host would serve https://host/handoff/.
    let sub_root = root().join("target/e2e-subpath");
    let _ = std::fs::remove_dir_all(&sub_root);
    let sub_dir = sub_root.join("handoff");
    copy_dir(&root().join("dist"), &sub_dir)?;
    let sub_port = serve_in_background(sub_root)?;
    let npx = root().join("node_modules/.bin/playwright");
    run(Command::new(npx)
        .arg("test")
        .env("PATH", tool_path())
        .env("HANDOFF_BASE_URL", format!("http://127.0.0.1:{port}"))
        .env(
            "HANDOFF_SUBPATH_URL",
            format!("http://127.0.0.1:{sub_port}/handoff/"),
        )
        .env("HANDOFF_SUBPATH_DIR", sub_dir)
        .env(
            "CHROMIUM_PATH",
            std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| tools::CHROMIUM.into()),
        ))
}

/// The shipped nginx configuration, run as a deployment would run it, in two set-ups:
///
/// - as in the container image: deploy/nginx.conf serving dist/ at /, no brotli module;
/// - as on a Debian host with the brotli modules: the release archive, checked with
///   `sha256sum -c` and unpacked with `tar`, its app/ folder put under /handoff/ and served
///   with the archive's own deploy/ files, brotli snippet included.
///
/// Playwright then checks every security header, the types, the compression and the cache
/// rules over HTTP, and runs the app in Chromium (load, a click, offline reload under the
/// service worker, no request to any other origin). Each nginx gets its own prefix, pid, temp
/// and log paths under target/deploy-e2e/ and a free port on 127.0.0.1.
fn deployment() -> Result {
    let base = root().join("target/deploy-e2e");
    if base.exists() {
        std::fs::remove_dir_all(&base).map_err(|e| format!("{}: {e}", base.display()))?;
    }
    let release = write_release(
        &root().join("dist"),
        &root().join("deploy"),
        &base.join("dist"),
        &root_version()?,
    )?;
    let out_dir = release.archive.parent().unwrap_or(&base).to_path_buf();
    run(Command::new("sha256sum")
        .args(["-c", &release.checksum.display().to_string()])
        .current_dir(&out_dir))?;
    let unpacked = base.join("unpacked");
    std::fs::create_dir_all(&unpacked).map_err(|e| e.to_string())?;
    run(Command::new("tar")
        .arg("-xzf")
        .arg(&release.archive)
        .arg("-C")
        .arg(&unpacked))?;
    let top = unpacked.join(format!("handoff-{}", release.version));
    let webroot = base.join("webroot");
    std::fs::create_dir_all(&webroot).map_err(|e| e.to_string())?;
    std::fs::rename(top.join("app"), webroot.join("handoff")).map_err(|e| e.to_string())?;

    let plain = Nginx::start(
        &base.join("nginx"),
        &root().join("deploy"),
        &root().join("dist"),
        false,
    )?;
    let archived = Nginx::start(
        &base.join("nginx-brotli"),
        &top.join("deploy"),
        &webroot,
        true,
    )?;
    say(&format!(
        "nginx serves dist/ at http://127.0.0.1:{}/ and the unpacked archive at \
         http://127.0.0.1:{}/handoff/",
        plain.port, archived.port
    ));
    let headers: Vec<[&str; 2]> = SECURITY_HEADERS.iter().map(|&(n, v)| [n, v]).collect();
    let outcome = run(Command::new(root().join("node_modules/.bin/playwright"))
        .args(["test", "--config", "tests/deploy/playwright.config.ts"])
        .env("PATH", tool_path())
        .env(
            "HANDOFF_NGINX_URL",
            format!("http://127.0.0.1:{}/", plain.port),
        )
        .env("HANDOFF_NGINX_DIR", root().join("dist"))
        .env(
            "HANDOFF_NGINX_SUBPATH_URL",
            format!("http://127.0.0.1:{}/handoff/", archived.port),
        )
        .env("HANDOFF_NGINX_SUBPATH_DIR", webroot.join("handoff"))
        .env(
            "HANDOFF_SECURITY_HEADERS",
            serde_json::to_string(&headers).map_err(|e| e.to_string())?,
        )
        .env(
            "CHROMIUM_PATH",
            std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| tools::CHROMIUM.into()),
        ));
    if outcome.is_err() {
        for n in [&plain, &archived] {
            eprintln!("nginx's logs: {}", n.prefix.join("logs").display());
        }
    }
    outcome
}

/// An nginx started from a shipped deploy/ folder; stopped when dropped.
struct Nginx {
    child: Child,
    prefix: PathBuf,
    port: u16,
}

/// The shipped server block with its two site-specific lines, the port and the folder,
/// replaced; every other line (headers, types, compression, caching) is left exactly as
/// shipped.
fn site_config(shipped: &str, port: u16, serve: &Path) -> Result<String> {
    let mut replaced = [0, 0];
    let lines: Vec<String> = shipped
        .lines()
        .map(|line| {
            let indent = &line[..line.len() - line.trim_start().len()];
            match line.trim() {
                "listen 8080;" => {
                    replaced[0] += 1;
                    format!("{indent}listen 127.0.0.1:{port};")
                }
                "root /usr/share/nginx/html;" => {
                    replaced[1] += 1;
                    format!("{indent}root {};", nginx_string(serve))
                }
                _ => line.to_owned(),
            }
        })
        .collect();
    if replaced != [1, 1] {
        return Err(
            "deploy/nginx.conf must have exactly one `listen 8080;` and one \
             `root /usr/share/nginx/html;` line: the deployment test puts its own port and \
             folder there"
                .into(),
        );
    }
    Ok(lines.join("\n") + "\n")
}

/// A path as an nginx string: quoted, so spaces are fine.
fn nginx_string(path: &Path) -> String {
    format!("\"{}\"", path.display())
}

/// The main configuration around the shipped server block: what the official image's
/// nginx.conf (and Debian's) provides, with every path under `prefix`.
fn main_config(prefix: &Path, brotli: bool, as_root: bool) -> String {
    let p = |rel: &str| nginx_string(&prefix.join(rel));
    let mut c =
        String::from("# Written by `cargo xtask test` for one run of the deployment level.\n");
    if brotli {
        for module in tools::NGINX_BROTLI_MODULES {
            c += &format!("load_module {module};\n");
        }
    }
    // Run as root (CI), the workers stay root instead of switching to `nobody`, who may not
    // be able to read a clone under /root. Elsewhere nginx runs as the user who started it.
    if as_root {
        c += "user root;\n";
    }
    c += &format!(
        "daemon off;\nworker_processes 1;\npid {pid};\nerror_log {log} warn;\n\
         events {{ worker_connections 256; }}\n\
         http {{\n    include {mime};\n    default_type application/octet-stream;\n    \
         sendfile on;\n    access_log {access};\n    client_body_temp_path {t}/body;\n    \
         proxy_temp_path {t}/proxy;\n    fastcgi_temp_path {t}/fastcgi;\n    \
         uwsgi_temp_path {t}/uwsgi;\n    scgi_temp_path {t}/scgi;\n    \
         include conf.d/*.conf;\n}}\n",
        pid = p("logs/nginx.pid"),
        log = p("logs/error.log"),
        mime = tools::NGINX_MIME_TYPES,
        access = p("logs/access.log"),
        t = prefix.join("tmp").display(),
    );
    c
}

fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind(("127.0.0.1", 0)).map_err(|e| e.to_string())?;
    Ok(l.local_addr().map_err(|e| e.to_string())?.port())
}

impl Nginx {
    /// Lays out `prefix` as /etc/nginx is laid out on a server (conf/conf.d/handoff.conf,
    /// conf/snippets/), with the files of `deploy`, and starts nginx there serving `serve`.
    fn start(prefix: &Path, deploy: &Path, serve: &Path, brotli: bool) -> Result<Nginx> {
        let conf = prefix.join("conf");
        for dir in ["conf/conf.d", "conf/snippets", "logs", "tmp"] {
            std::fs::create_dir_all(prefix.join(dir)).map_err(|e| e.to_string())?;
        }
        let port = free_port()?;
        let shipped = std::fs::read_to_string(deploy.join("nginx.conf"))
            .map_err(|e| format!("{}: {e}", deploy.display()))?;
        std::fs::write(
            conf.join("conf.d/handoff.conf"),
            site_config(&shipped, port, serve)?,
        )
        .map_err(|e| e.to_string())?;
        let mut snippets = vec!["handoff-headers.conf"];
        if brotli {
            snippets.push("handoff-brotli.conf");
        }
        for s in snippets {
            std::fs::copy(
                deploy.join("snippets").join(s),
                conf.join("snippets").join(s),
            )
            .map_err(|e| format!("{}/snippets/{s}: {e}", deploy.display()))?;
        }
        let as_root = output("id", &["-u"]).as_deref() == Some("0");
        std::fs::write(
            conf.join("nginx.conf"),
            main_config(prefix, brotli, as_root),
        )
        .map_err(|e| e.to_string())?;

        let nginx = std::env::var("NGINX_PATH").unwrap_or_else(|_| tools::NGINX.into());
        let args = |c: &mut Command| {
            c.arg("-p")
                .arg(prefix)
                .arg("-c")
                .arg(conf.join("nginx.conf"))
                .arg("-e")
                .arg(prefix.join("logs/error.log"));
        };
        // A configuration error is reported on its own, before anything else is started.
        let mut check = Command::new(&nginx);
        check.arg("-t");
        args(&mut check);
        run(&mut check)?;
        let mut cmd = Command::new(&nginx);
        args(&mut cmd);
        let log =
            std::fs::File::create(prefix.join("logs/stderr.log")).map_err(|e| e.to_string())?;
        let child = cmd
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|e| format!("could not start {nginx}: {e}"))?;
        let mut server = Nginx {
            child,
            prefix: prefix.to_path_buf(),
            port,
        };
        let started = Instant::now();
        loop {
            if let Ok(Some(status)) = server.child.try_wait() {
                let log =
                    std::fs::read_to_string(prefix.join("logs/error.log")).unwrap_or_default();
                return Err(format!("nginx exited ({status}):\n{log}"));
            }
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return Ok(server);
            }
            if started.elapsed() > Duration::from_secs(15) {
                return Err(format!(
                    "nginx did not listen on 127.0.0.1:{port} within 15 s"
                ));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Nginx {
    /// SIGTERM to the master, which stops its worker too (killing the master alone would
    /// leave the worker holding the port), then a hard kill if it lingers.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let t = Instant::now();
        while t.elapsed() < Duration::from_secs(5) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_test_changes_only_the_port_and_the_folder_of_the_shipped_config() {
        let shipped = std::fs::read_to_string(root().join("deploy/nginx.conf")).unwrap();
        let site = site_config(&shipped, 4321, Path::new("/srv/a b")).unwrap();
        let (a, b): (Vec<_>, Vec<_>) = shipped
            .lines()
            .zip(site.lines())
            .filter(|(x, y)| x != y)
            .unzip();
        assert_eq!(a, ["    listen 8080;", "    root /usr/share/nginx/html;"]);
        assert_eq!(b, ["    listen 127.0.0.1:4321;", "    root \"/srv/a b\";"]);
        assert_eq!(shipped.lines().count(), site.lines().count());
        assert!(site_config("server { listen 80; }", 1, Path::new("/x")).is_err());
    }

    /// The image is built where no Docker engine runs, so at least its wiring is checked:
    /// it copies the tested server block and the headers snippet to where that block
    /// includes it from, and the app's files to the folder the block serves.
    #[test]
    fn the_container_image_uses_the_tested_configuration() {
        let docker = std::fs::read_to_string(root().join("deploy/Dockerfile")).unwrap();
        let nginx = std::fs::read_to_string(root().join("deploy/nginx.conf")).unwrap();
        let copies: Vec<&str> = docker
            .lines()
            .filter_map(|l| l.strip_prefix("COPY "))
            .collect();
        assert_eq!(
            copies,
            [
                "app/ /usr/share/nginx/html/",
                "deploy/nginx.conf /etc/nginx/conf.d/default.conf",
                "deploy/snippets/handoff-headers.conf /etc/nginx/snippets/handoff-headers.conf",
            ]
        );
        assert!(nginx.contains("\n    include snippets/handoff-headers.conf;\n"));
        assert!(nginx.contains("\n    root /usr/share/nginx/html;\n"));
        assert!(nginx.contains("\n    listen 8080;\n"));
        assert!(docker.contains("\nEXPOSE 8080\n"));
        assert!(docker.contains("\nUSER 101\n"));
    }

    /// Every header SECURITY.md lists is in each shipped configuration with its value.
    #[test]
    fn every_shipped_configuration_sends_every_security_header() {
        let nginx =
            std::fs::read_to_string(root().join("deploy/snippets/handoff-headers.conf")).unwrap();
        let caddy = std::fs::read_to_string(root().join("deploy/Caddyfile")).unwrap();
        for (name, value) in SECURITY_HEADERS {
            assert!(
                nginx.contains(&format!("\nadd_header {name} \"{value}\" always;\n")),
                "{name} in nginx"
            );
            assert!(
                caddy.contains(&format!("\t\t{name} \"{value}\"\n")),
                "{name} in the Caddyfile"
            );
        }
    }
}
