//! `cargo xtask bench`: Handoff against the floor its own framework sets, built in the same
//! run with the same toolchain and release profile (a hello-world Yew counter, bench/hello),
//! plus Lighthouse on the builds served with gzip, the keystroke (at full speed and with the
//! CPU slowed 4x), autosave and export timings on a large case, the largest import and refused
//! files, the case store with 10,000 cases, and the native criterion benches. One table has
//! every figure and whether its budget holds; the bench fails when one does not. The budgets
//! are PRODUCT.md's and issue 18's; BENCHMARKS.md records the figures.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::run::{cargo, root, run, say, tool_path, Result};
use crate::serve::{release_build, serve_gzipped_in_background, serve_in_background};
use crate::setup;
use crate::tools;

/// The absolute ceiling on what a browser downloads to start the app: wasm + JS, gzipped
/// (PRODUCT.md). The ratio to the hello-world Yew app is printed beside it as information.
pub const SIZE_CEILING_GZIP_BYTES: usize = 300_000;
pub const STARTUP_BUDGET_RATIO: f64 = 1.5;
/// One frame: a keystroke in the case search, and in a Five W with the CPU slowed 4x.
pub const KEYSTROKE_BUDGET_MS: f64 = 16.0;
/// A keystroke in a Five W on the large case, at full speed: half a frame.
pub const FIVE_W_KEYSTROKE_BUDGET_MS: f64 = 8.0;
/// The largest package the importer accepts, from the file chooser to the case on screen.
pub const IMPORT_BUDGET_MS: f64 = 150.0;
/// A refused file, from the file chooser to the refusal on screen.
pub const REFUSAL_BUDGET_MS: f64 = 50.0;
/// Lighthouse on the release build served with gzip: the mobile preset's performance score
/// and largest contentful paint, the desktop preset's score, and accessibility and best
/// practices (both presets).
pub const LIGHTHOUSE_MOBILE_MIN: f64 = 98.0;
pub const LIGHTHOUSE_LCP_MAX_MS: f64 = 1500.0;
pub const LIGHTHOUSE_DESKTOP_MIN: f64 = 100.0;
/// Lighthouse runs per preset and app; the table has the medians.
const LIGHTHOUSE_RUNS: usize = 3;
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

/// One Lighthouse run's figures (scores out of 100, times in ms).
#[derive(Default, Clone, Copy)]
struct Lighthouse {
    performance: f64,
    accessibility: f64,
    best_practices: f64,
    fcp: f64,
    lcp: f64,
    tbt: f64,
    cls: f64,
}

/// Lighthouse (the npm package pinned in package.json) on `url` in headless Chromium, with
/// its default simulated throttling: the mobile preset (a mid-range phone on slow 4G) or the
/// desktop one. Run `LIGHTHOUSE_RUNS` times; each figure is the median of the runs.
fn lighthouse(url: &str, desktop: bool) -> Result<Lighthouse> {
    let mut runs = Vec::new();
    for _ in 0..LIGHTHOUSE_RUNS {
        let mut cmd = Command::new(root().join("node_modules/.bin/lighthouse"));
        cmd.arg(url)
            .args([
                "--quiet",
                "--output=json",
                "--output-path=stdout",
                "--only-categories=performance,accessibility,best-practices",
                "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
            ])
            .env("CHROME_PATH", chromium())
            .current_dir(root());
        if desktop {
            cmd.arg("--preset=desktop");
        }
        let r = json_output(&mut cmd, &format!("lighthouse on {url}"))?;
        let score = |c: &str| r["categories"][c]["score"].as_f64().unwrap_or(f64::NAN) * 100.0;
        let audit = |a: &str| r["audits"][a]["numericValue"].as_f64().unwrap_or(f64::NAN);
        runs.push(Lighthouse {
            performance: score("performance"),
            accessibility: score("accessibility"),
            best_practices: score("best-practices"),
            fcp: audit("first-contentful-paint"),
            lcp: audit("largest-contentful-paint"),
            tbt: audit("total-blocking-time"),
            cls: audit("cumulative-layout-shift"),
        });
    }
    let mid = |f: fn(&Lighthouse) -> f64| {
        let mut v: Vec<f64> = runs.iter().map(f).collect();
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    Ok(Lighthouse {
        performance: mid(|l| l.performance),
        accessibility: mid(|l| l.accessibility),
        best_practices: mid(|l| l.best_practices),
        fcp: mid(|l| l.fcp),
        lcp: mid(|l| l.lcp),
        tbt: mid(|l| l.tbt),
        cls: mid(|l| l.cls),
    })
}

/// The Chromium the browser benchmarks drive: `CHROMIUM_PATH`, or the system's.
fn chromium() -> String {
    std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| tools::CHROMIUM.into())
}

/// Runs `cmd` (`what`, for the messages) and reads the JSON it prints.
fn json_output(cmd: &mut Command, what: &str) -> Result<serde_json::Value> {
    let out = cmd
        .output()
        .map_err(|e| format!("could not run {what}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{what} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("unreadable output of {what}: {e}"))
}

/// A copy of a built app in `target/bench/<name>` with each file's gzip -9 copy beside it,
/// served as a deployment sends it; returns its address.
fn serve_gzipped(dist: &Path, name: &str) -> Result<String> {
    let dir = root().join("target/bench").join(name);
    let _ = std::fs::remove_dir_all(&dir);
    crate::dist::copy_dir(dist, &dir)?;
    crate::dist::precompress(&dir)?;
    Ok(format!(
        "http://127.0.0.1:{}/",
        serve_gzipped_in_background(dir)?
    ))
}

/// The files the browser bench imports: the largest package the importer accepts, a file
/// one byte over its limit (the same package, padded with spaces), and as many bytes that are
/// not JSON.
fn write_import_files(dir: &Path) -> Result {
    use handoff_core::vocabulary::limits::MAX_PACKAGE_BYTES;
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let largest = handoff_core::fixtures::largest_package();
    let mut over = largest.clone();
    over.push_str(&" ".repeat((MAX_PACKAGE_BYTES + 1).saturating_sub(largest.len())));
    for (name, bytes) in [
        ("largest.json", largest.as_bytes().to_vec()),
        ("too-large.json", over.into_bytes()),
        ("not-json.json", vec![b'x'; largest.len()]),
    ] {
        std::fs::write(dir.join(name), bytes).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}

/// The bench's table: a row per figure; a budgeted row says whether its budget holds, and the
/// ones that do not are kept for the bench's answer.
#[derive(Default)]
struct Table {
    over: Vec<String>,
}

impl Table {
    fn head(&self) {
        println!("\n| measure | Handoff | hello-world Yew | ratio | budget | |");
        println!("| --- | --- | --- | --- | --- | --- |");
    }

    /// A row without a budget.
    fn info(&self, measure: &str, handoff: &str, hello: &str, ratio: &str) {
        println!("| {measure} | {handoff} | {hello} | {ratio} | | |");
    }

    /// A row with a budget, `ok` whether it holds.
    fn budget(
        &mut self,
        measure: &str,
        handoff: &str,
        hello: &str,
        ratio: &str,
        budget: &str,
        ok: bool,
    ) {
        println!(
            "| {measure} | {handoff} | {hello} | {ratio} | {budget} | {} |",
            verdict(ok)
        );
        if !ok {
            self.over
                .push(format!("{measure}: {handoff} (budget {budget})"));
        }
    }
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

    let inputs = root().join("target/bench");
    std::fs::create_dir_all(&inputs).map_err(|e| e.to_string())?;
    let case_path = inputs.join("large-case.json");
    let case = handoff_core::fixtures::large_case();
    std::fs::write(&case_path, handoff_core::package::to_json(&case)).map_err(|e| e.to_string())?;
    write_import_files(&inputs.join("imports"))?;

    let (app_dist, hello_dist) = (root().join("dist"), root().join("bench/hello/dist"));
    say(&format!(
        "Lighthouse {LIGHTHOUSE_RUNS} times per preset and app, on the release builds served with gzip"
    ));
    let (app_gz, hello_gz) = (
        serve_gzipped(&app_dist, "served")?,
        serve_gzipped(&hello_dist, "served-hello")?,
    );
    let lh_mobile = lighthouse(&app_gz, false)?;
    let lh_desktop = lighthouse(&app_gz, true)?;
    let lh_hello = lighthouse(&hello_gz, false)?;

    let app_port = serve_in_background(app_dist)?;
    let hello_port = serve_in_background(hello_dist)?;
    say("timing start-up (20 loads each), keystrokes, autosave, export and imports in headless Chromium");
    let t = json_output(
        Command::new("node")
            .arg(root().join("tests/bench/bench.mjs"))
            .arg(format!("http://127.0.0.1:{app_port}/"))
            .arg(format!("http://127.0.0.1:{hello_port}/"))
            .arg(&case_path)
            .arg(inputs.join("imports"))
            .current_dir(root())
            .env("CHROMIUM_PATH", chromium()),
        "the browser benchmark",
    )?;
    let f = |v: &serde_json::Value| v.as_f64().unwrap_or(f64::NAN);

    let mut table = Table::default();
    table.head();
    let (ratio_gz, ratio_br) = app.ratios(&hello);
    table.info(
        "wasm + JS, raw",
        &kb(app.raw),
        &kb(hello.raw),
        &format!("{:.2}x", app.raw as f64 / hello.raw as f64),
    );
    table.budget(
        "wasm + JS to start the analyst's page, gzip -9",
        &kb(app.gzip),
        &kb(hello.gzip),
        &format!("{ratio_gz:.2}x"),
        &format!("<= {}", kb(SIZE_CEILING_GZIP_BYTES)),
        app.gzip <= SIZE_CEILING_GZIP_BYTES,
    );
    for (page, dir) in [
        ("training room's", "dist/training"),
        ("backup", "dist/backup"),
    ] {
        let s = transfer_sizes(&root().join(dir))?;
        table.budget(
            &format!("wasm + JS to start the {page} page, gzip -9"),
            &kb(s.gzip),
            "",
            "",
            &format!("<= {}", kb(SIZE_CEILING_GZIP_BYTES)),
            s.gzip <= SIZE_CEILING_GZIP_BYTES,
        );
    }
    table.info(
        "wasm + JS, brotli 11",
        &kb(app.brotli),
        &kb(hello.brotli),
        &format!("{ratio_br:.2}x"),
    );
    let worker = worker_sizes(&root().join("dist"))?;
    table.info(
        "the worker (case store, alert reader, exports), started after the first render: gzip -9 / brotli 11",
        &format!("{} / {}", kb(worker.gzip), kb(worker.brotli)),
        "",
        "",
    );
    let lh = |l: &Lighthouse| {
        format!(
            "{:.0} (FCP {:.1} s, LCP {:.1} s, TBT {:.0} ms, CLS {:.3})",
            l.performance,
            l.fcp / 1000.0,
            l.lcp / 1000.0,
            l.tbt,
            l.cls
        )
    };
    table.budget(
        &format!(
            "Lighthouse mobile preset, performance, served with gzip, median of {LIGHTHOUSE_RUNS}"
        ),
        &lh(&lh_mobile),
        &lh(&lh_hello),
        "",
        &format!(">= {LIGHTHOUSE_MOBILE_MIN}"),
        lh_mobile.performance >= LIGHTHOUSE_MOBILE_MIN,
    );
    table.budget(
        "Lighthouse mobile preset, largest contentful paint",
        &format!("{:.2} s", lh_mobile.lcp / 1000.0),
        &format!("{:.2} s", lh_hello.lcp / 1000.0),
        "",
        &format!("<= {:.1} s", LIGHTHOUSE_LCP_MAX_MS / 1000.0),
        lh_mobile.lcp <= LIGHTHOUSE_LCP_MAX_MS,
    );
    table.budget(
        "Lighthouse desktop preset, performance",
        &lh(&lh_desktop),
        "",
        "",
        &format!(">= {LIGHTHOUSE_DESKTOP_MIN}"),
        lh_desktop.performance >= LIGHTHOUSE_DESKTOP_MIN,
    );
    for (name, mobile, desktop) in [
        (
            "accessibility",
            lh_mobile.accessibility,
            lh_desktop.accessibility,
        ),
        (
            "best practices",
            lh_mobile.best_practices,
            lh_desktop.best_practices,
        ),
    ] {
        table.budget(
            &format!("Lighthouse {name}, mobile / desktop"),
            &format!("{mobile:.0} / {desktop:.0}"),
            "",
            "",
            "100",
            mobile >= 100.0 && desktop >= 100.0,
        );
    }
    let (s_app, s_hello) = (
        f(&t["handoff_startup"]["median"]),
        f(&t["hello_startup"]["median"]),
    );
    table.budget(
        "start-up to first render, median of 20 loads each, alternating",
        &format!("{s_app:.1} ms"),
        &format!("{s_hello:.1} ms"),
        &format!("{:.2}x", s_app / s_hello),
        &format!("<= {STARTUP_BUDGET_RATIO}x"),
        s_app / s_hello <= STARTUP_BUDGET_RATIO,
    );
    let lc = &t["large_case"];
    let p95 = f(&lc["next_frame_p95"]);
    table.budget(
        &format!(
            "keystroke in a Five W to the next frame, p95 ({} keys, large case)",
            lc["keystrokes"]
        ),
        &format!("{p95:.1} ms (p50 {:.1})", f(&lc["next_frame_p50"])),
        "",
        "",
        &format!("< {FIVE_W_KEYSTROKE_BUDGET_MS} ms"),
        p95 < FIVE_W_KEYSTROKE_BUDGET_MS,
    );
    let p95_p50 = |key: &str| {
        format!(
            "{:.1} ms (p50 {:.1})",
            f(&lc[format!("{key}_p95")]),
            f(&lc[format!("{key}_p50")])
        )
    };
    table.info(
        "of which the app's own work (reducer + Yew render), p95",
        &p95_p50("keystroke"),
        "",
        "",
    );
    let slowed = f(&lc["slowed_next_frame_p95"]);
    table.budget(
        "the same keys with the CPU slowed 4x (DevTools protocol), to the next frame, p95",
        &p95_p50("slowed_next_frame"),
        "",
        "",
        &format!("< {KEYSTROKE_BUDGET_MS} ms"),
        slowed < KEYSTROKE_BUDGET_MS,
    );
    table.info(
        "of which the app's own work, CPU slowed 4x, p95",
        &p95_p50("slowed_keystroke"),
        "",
        "",
    );
    table.info(
        "the browser's floor: the same keys in a page of nothing but a text area of the Why's size and text, to the next frame, p95, at full speed / CPU slowed 4x",
        &format!(
            "{} / {}",
            p95_p50("floor_next_frame"),
            p95_p50("floor_slowed_next_frame")
        ),
        "",
        "",
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
        table.budget(
            &format!("{name}, large case, in the browser, median of {count}"),
            &format!("{v:.2} ms"),
            "",
            "",
            &format!("< {OPERATION_BUDGET_MS} ms"),
            v < OPERATION_BUDGET_MS,
        );
    }
    table.info(
        "Markdown export as the analyst waits for it: from choosing it to its text drawn, then to its preview drawn, median of 10",
        &format!(
            "{:.1} / {:.1} ms",
            f(&lc["markdown_text_drawn_median"]),
            f(&lc["markdown_preview_drawn_median"])
        ),
        "",
        "",
    );
    table.info(
        "autosave's round trip to the store's answer (the worker reads the case back and writes IndexedDB; the page does not wait), median",
        &format!("{:.2} ms", f(&lc["autosave_stored_median"])),
        "",
        "",
    );
    let im = &t["imports"];
    let largest = &im["largest"];
    table.budget(
        &format!(
            "import of the largest package the importer accepts ({}), file chosen to the case on screen, median of 5",
            kb(im["bytes"].as_u64().unwrap_or(0) as usize)
        ),
        &format!(
            "{:.0} ms (worst {:.0}; longest task meanwhile {:.0} ms)",
            f(&largest["median"]),
            f(&largest["worst"]),
            f(&largest["longest_task"])
        ),
        "",
        "",
        &format!("< {IMPORT_BUDGET_MS} ms"),
        f(&largest["median"]) < IMPORT_BUDGET_MS,
    );
    for (name, key) in [
        ("a file one byte over the limit", "too_large"),
        ("5 MB that is not JSON", "not_json"),
    ] {
        let r = &im["refused"][key];
        table.budget(
            &format!("refused: {name}, file chosen to the refusal on screen, median of 5"),
            &format!("{:.1} ms (worst {:.1})", f(&r["median"]), f(&r["worst"])),
            "",
            "",
            &format!("< {REFUSAL_BUDGET_MS} ms"),
            f(&r["median"]) < REFUSAL_BUDGET_MS,
        );
    }
    let st = &t["store"];
    let (none, full) = (f(&st["startup"]["none"]), f(&st["startup"]["full"]));
    table.budget(
        &format!(
            "start-up to the case list with {} stored cases (its first {} lines drawn); the hello-world column: none stored; median of 20 loads each",
            st["cases"], st["startup"]["lines_drawn"]
        ),
        &format!("{full:.1} ms"),
        &format!("{none:.1} ms"),
        &format!("{:.2}x", full / none),
        &format!("<= {STORE_STARTUP_BUDGET_RATIO}x"),
        full / none <= STORE_STARTUP_BUDGET_RATIO,
    );
    let search = f(&st["search"]["next_frame_p95"]);
    table.budget(
        &format!(
            "keystroke in the case search to the next frame, p95 ({} keys, {} cases)",
            st["search"]["keys"], st["cases"]
        ),
        &format!(
            "{search:.1} ms (p50 {:.1})",
            f(&st["search"]["next_frame_p50"])
        ),
        "",
        "",
        &format!("< {KEYSTROKE_BUDGET_MS} ms"),
        search < KEYSTROKE_BUDGET_MS,
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
    ]))?;
    if table.over.is_empty() {
        say("every budget holds");
        Ok(())
    } else {
        Err(format!(
            "{} budgets do not hold: {}",
            table.over.len(),
            table.over.join("; ")
        ))
    }
}
