//! `cargo xtask bench`: Handoff against the floor its own framework sets, built in the same
//! run with the same toolchain and release profile (a hello-world Yew counter, bench/hello),
//! plus the keystroke, autosave and export timings on a large case, and the native criterion
//! benches. The budgets are PRODUCT.md's; BENCHMARKS.md records the figures.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::run::{cargo, root, run, say, tool_path, Result};
use crate::serve::{release_build, serve_in_background};
use crate::setup;
use crate::tools;

/// The absolute ceiling on what a browser downloads to start the app: wasm + JS, gzipped
/// (PRODUCT.md). The ratio to the hello-world Yew app is printed beside it as information.
pub const SIZE_CEILING_GZIP_BYTES: usize = 300_000;
pub const STARTUP_BUDGET_RATIO: f64 = 1.5;
pub const KEYSTROKE_BUDGET_MS: f64 = 16.0;
pub const OPERATION_BUDGET_MS: f64 = 5.0;
/// Start-up to the case list with 10,000 stored cases, against none stored.
pub const STORE_STARTUP_BUDGET_RATIO: f64 = 1.2;

#[derive(Default, Clone, Copy)]
pub struct Sizes {
    pub raw: usize,
    pub gzip: usize,
    pub brotli: usize,
}

fn gzip(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().map(|v| v.len()).unwrap_or(0)
}

fn brotli(bytes: &[u8]) -> usize {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    let _ = brotli::BrotliCompress(&mut &bytes[..], &mut out, &params);
    out.len()
}

/// The worker that reads pasted alerts (Trunk names its files after the binary): loaded once
/// the app runs and a case is open, so not part of what starts the app.
const WORKER_PREFIX: &str = "handoff-worker";

/// The wasm and JS a browser downloads to start the app in `dist`.
pub fn transfer_sizes(dist: &Path) -> Result<Sizes> {
    sizes_of(dist, |name| !name.starts_with(WORKER_PREFIX))
}

/// The wasm and JS of the worker, started after the first render (not gated: the page draws
/// and works without it).
pub fn worker_sizes(dist: &Path) -> Result<Sizes> {
    sizes_of(dist, |name| name.starts_with(WORKER_PREFIX))
}

/// The wasm and JS files in `dist` (the service worker aside) whose names `keep` accepts.
fn sizes_of(dist: &Path, keep: impl Fn(&str) -> bool) -> Result<Sizes> {
    let mut s = Sizes::default();
    for entry in std::fs::read_dir(dist).map_err(|e| format!("{}: {e}", dist.display()))? {
        let path = entry.map_err(|e| e.to_string())?.path();
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if (ext == "wasm" || (ext == "js" && name != "sw.js")) && keep(name) {
            let bytes = std::fs::read(&path).map_err(|e| e.to_string())?;
            s.raw += bytes.len();
            s.gzip += gzip(&bytes);
            s.brotli += brotli(&bytes);
        }
    }
    Ok(s)
}

pub fn build_hello() -> Result {
    say("building the hello-world Yew app (bench/hello) with the same toolchain and profile");
    run(Command::new("trunk")
        .args(["build", "--release"])
        .env("PATH", tool_path())
        .current_dir(root().join("bench/hello")))
}

/// Builds the hello app now and measures both apps' transfer sizes; Handoff's `dist/` must
/// already hold its release build. Returns (Handoff, hello).
fn measure_sizes() -> Result<(Sizes, Sizes)> {
    build_hello()?;
    Ok((
        transfer_sizes(&root().join("dist"))?,
        transfer_sizes(&root().join("bench/hello/dist"))?,
    ))
}

impl Sizes {
    /// This app's gzip and brotli sizes as multiples of `base`'s.
    fn ratios(&self, base: &Sizes) -> (f64, f64) {
        (
            self.gzip as f64 / base.gzip as f64,
            self.brotli as f64 / base.brotli as f64,
        )
    }
}

/// The size gate of `cargo xtask test`, run after the release build: the wasm and JS of each
/// page, the analyst's (dist/), the training room's (dist/training/) and the backup page's
/// (dist/backup/), gzipped, under the
/// absolute ceiling; the hello-world Yew app, built now with the same toolchain and profile,
/// gives the ratio for information.
pub fn size_gate() -> Result {
    let (app, hello) = measure_sizes()?;
    let worker = worker_sizes(&root().join("dist"))?;
    let training = transfer_sizes(&root().join("dist/training"))?;
    let backup = transfer_sizes(&root().join("dist/backup"))?;
    let (gz, br) = app.ratios(&hello);
    say(&format!(
        "wasm + JS to start: the analyst's page gzip {}, the training room's gzip {}, the \
         backup page's gzip {} (ceiling {}), brotli {}, {} and {}; hello-world Yew: gzip {}, \
         brotli {} (ratios {gz:.2}x, {br:.2}x, for information); the analyst's worker, started \
         after the first render: gzip {}, brotli {}",
        kb(app.gzip),
        kb(training.gzip),
        kb(backup.gzip),
        kb(SIZE_CEILING_GZIP_BYTES),
        kb(app.brotli),
        kb(training.brotli),
        kb(backup.brotli),
        kb(hello.gzip),
        kb(hello.brotli),
        kb(worker.gzip),
        kb(worker.brotli),
    ));
    let over: Vec<String> = [
        ("the analyst's page", &app),
        ("the training room's page", &training),
        ("the backup page", &backup),
    ]
    .into_iter()
    .filter(|(_, s)| s.gzip > SIZE_CEILING_GZIP_BYTES)
    .map(|(page, s)| {
        format!(
            "{page}'s wasm + JS is {} gzipped, {} above the {} ceiling",
            kb(s.gzip),
            kb(s.gzip - SIZE_CEILING_GZIP_BYTES),
            kb(SIZE_CEILING_GZIP_BYTES)
        )
    })
    .collect();
    if over.is_empty() {
        Ok(())
    } else {
        Err(over.join("; "))
    }
}

/// Each page's wasm + JS in the dist/ already built, gzipped as the gate measures it, and
/// how far under the ceiling: a quick look while trimming, without the hello-world build.
pub fn page_sizes() -> Result {
    for (page, dir) in [
        ("the analyst's page", "dist"),
        ("the training room's page", "dist/training"),
        ("the backup page", "dist/backup"),
    ] {
        let s = transfer_sizes(&root().join(dir))?;
        say(&format!(
            "{page}: gzip {}, {} under the {} ceiling",
            kb(s.gzip),
            kb(SIZE_CEILING_GZIP_BYTES.saturating_sub(s.gzip)),
            kb(SIZE_CEILING_GZIP_BYTES)
        ));
    }
    Ok(())
}

fn kb(n: usize) -> String {
    format!("{:.1} KB", n as f64 / 1000.0)
}

fn verdict(ok: bool) -> &'static str {
    if ok {
        "within budget"
    } else {
        "OVER BUDGET"
    }
}

pub fn bench_command() -> Result {
    setup::ensure(setup::Needs { browser: true })?;
    release_build()?;
    let (app, hello) = measure_sizes()?;

    let case_path = root().join("target/bench/large-case.json");
    std::fs::create_dir_all(case_path.parent().unwrap_or(&root())).map_err(|e| e.to_string())?;
    let case = handoff_core::fixtures::large_case();
    std::fs::write(&case_path, handoff_core::package::to_json(&case)).map_err(|e| e.to_string())?;

    let app_port = serve_in_background(root().join("dist"))?;
    let hello_port = serve_in_background(root().join("bench/hello/dist"))?;
    say("timing start-up (20 loads each), keystrokes, autosave and export in headless Chromium");
    let out = Command::new("node")
        .arg(root().join("tests/bench/bench.mjs"))
        .arg(format!("http://127.0.0.1:{app_port}/"))
        .arg(format!("http://127.0.0.1:{hello_port}/"))
        .arg(&case_path)
        .current_dir(root())
        .env(
            "CHROMIUM_PATH",
            std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| tools::CHROMIUM.into()),
        )
        .output()
        .map_err(|e| format!("could not run node: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "the browser benchmark failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    let t: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("unreadable benchmark output: {e}"))?;
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);

    let (ratio_gz, ratio_br) = app.ratios(&hello);
    let (s_app, s_hello) = (
        f(&t["handoff_startup"]["median"]),
        f(&t["hello_startup"]["median"]),
    );
    let lc = &t["large_case"];
    println!("\n| measure | Handoff | hello-world Yew | ratio | budget | |");
    println!("| --- | --- | --- | --- | --- | --- |");
    println!(
        "| wasm + JS, raw | {} | {} | {:.2}x | | |",
        kb(app.raw),
        kb(hello.raw),
        app.raw as f64 / hello.raw as f64
    );
    println!(
        "| wasm + JS, gzip -9 | {} | {} | {ratio_gz:.2}x | <= {} | {} |",
        kb(app.gzip),
        kb(hello.gzip),
        kb(SIZE_CEILING_GZIP_BYTES),
        verdict(app.gzip <= SIZE_CEILING_GZIP_BYTES)
    );
    println!(
        "| wasm + JS, brotli 11 | {} | {} | {ratio_br:.2}x | | |",
        kb(app.brotli),
        kb(hello.brotli),
    );
    let worker = worker_sizes(&root().join("dist"))?;
    println!(
        "| the worker (case store, alert reader, exports), started after the first render: gzip -9 / brotli 11 | {} / {} | | | | |",
        kb(worker.gzip),
        kb(worker.brotli),
    );
    println!("| start-up to first render, median of 20 loads each, alternating | {s_app:.1} ms | {s_hello:.1} ms | {:.2}x | <= {STARTUP_BUDGET_RATIO}x | {} |", s_app / s_hello, verdict(s_app / s_hello <= STARTUP_BUDGET_RATIO));
    let p95 = f(&lc["next_frame_p95"]);
    println!("| keystroke in a Five W to the next frame, p95 ({} keys, large case) | {p95:.1} ms (p50 {:.1}) | | | < {KEYSTROKE_BUDGET_MS} ms | {} |", lc["keystrokes"], f(&lc["next_frame_p50"]), verdict(p95 < KEYSTROKE_BUDGET_MS));
    println!(
        "| of which the app's own work (reducer + Yew render), p95 | {:.1} ms (p50 {:.1}) | | | | |",
        f(&lc["keystroke_p95"]),
        f(&lc["keystroke_p50"])
    );
    for (name, key, count) in [
        (
            "autosave, the page's own work (the case as JSON, handed to the worker)",
            "autosave_median",
            lc["autosave_count"].to_string(),
        ),
        // Written in the worker: the round trip from the page; criterion times the writers.
        ("export JSON", "export_json_median", "10".to_owned()),
        ("export Markdown", "export_markdown_median", "10".to_owned()),
    ] {
        let v = f(&lc[key]);
        println!("| {name}, large case, in the browser, median of {count} | {v:.2} ms | | | < {OPERATION_BUDGET_MS} ms | {} |", verdict(v < OPERATION_BUDGET_MS));
    }
    println!(
        "| autosave's round trip to the store's answer (the worker reads the case back and writes IndexedDB; the page does not wait), median | {:.2} ms | | | | |",
        f(&lc["autosave_stored_median"])
    );
    let st = &t["store"];
    let (none, full) = (f(&st["startup"]["none"]), f(&st["startup"]["full"]));
    println!(
        "| start-up to the case list with {} stored cases (its first {} lines drawn); the hello-world column: none stored; median of 20 loads each | {full:.1} ms | {none:.1} ms | {:.2}x | <= {STORE_STARTUP_BUDGET_RATIO}x | {} |",
        st["cases"],
        st["startup"]["lines_drawn"],
        full / none,
        verdict(full / none <= STORE_STARTUP_BUDGET_RATIO)
    );
    let search = f(&st["search"]["next_frame_p95"]);
    println!(
        "| keystroke in the case search to the next frame, p95 ({} keys, {} cases) | {search:.1} ms (p50 {:.1}) | | | < {KEYSTROKE_BUDGET_MS} ms | {} |",
        st["search"]["keys"],
        st["cases"],
        f(&st["search"]["next_frame_p50"]),
        verdict(search < KEYSTROKE_BUDGET_MS)
    );
    say("native criterion benches (large case)");
    run(cargo().args([
        "bench",
        "-p",
        "handoff-core",
        "--bench",
        "package",
        "--",
        "--warm-up-time",
        "1",
        "--measurement-time",
        "3",
    ]))
}
