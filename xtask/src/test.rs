//! `cargo xtask test`: every test level in order, stopping at the first red one. Each level
//! prints its own PASS / FAIL line, and the run ends with a summary.

use std::process::Command;
use std::time::Instant;

use crate::run::{cargo, root, run, say, tool_path, Result};
use crate::serve::{release_build, serve_in_background};
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
];

pub fn test_command() -> Result {
    setup::ensure(setup::Needs { browser: true })?;
    let started = Instant::now();
    let mut passed = 0;
    for (i, level) in LEVELS.iter().enumerate() {
        say(&format!("[{}/{}] {}", i + 1, LEVELS.len(), level.name));
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
    // The app's browser-only code is compiled out natively; lint it for its real target.
    run(cargo().args([
        "clippy",
        "-p",
        "handoff",
        "--all-targets",
        "--target",
        tools::WASM_TARGET,
        "--",
        "-D",
        "warnings",
    ]))
}

fn native() -> Result {
    run(cargo().args(["test", "--workspace"]))
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

fn copy_dir(from: &std::path::Path, to: &std::path::Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}
