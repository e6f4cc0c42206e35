//! `cargo xtask <command>`: Handoff's set-up, build, serve, test and benchmark commands.
//! Each command installs what it needs first, so a fresh machine with Rust, Node and apt
//! needs nothing else.

mod bench;
mod csp;
mod dist;
mod fuzz;
mod minify;
mod offline;
mod run;
mod scenario;
mod schema;
mod serve;
mod setup;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

  serve [--port N]     set up, build the release app, serve it on http://127.0.0.1:8080
  test                 set up, then run every test level (fmt, clippy, native, export
                       oracles, browser, release build, size budget, end to end,
                       deployment on nginx); `test WORD...` runs only the levels whose
                       name starts with a WORD (`test end deployment` on a built dist/)
  bench                build Handoff and a hello-world Yew app, compare sizes and timings
  setup [--browser]    only install the tools (with --browser: Chromium, pandoc,
                       python3-venv and nginx too)
  build                set up and build the release app into dist/
  dist                 build, then write the release archive handoff-<version>.tar.gz and
                       its .sha256 into target/dist/ (see deploy/README.md)
  schema               rewrite static/handoff.schema.json and static/scenario.schema.json
                       from the Rust types
  scenario check FILE|FOLDER…
                       check training scenarios: valid, full marks for the expected answer,
                       less for any wrong one, nothing shared with the forms' examples
  fuzz [--seconds N]   run each cargo-fuzz target for N seconds (default 60; needs nightly)
  sizes                the size gate alone, on the dist/ already built (no build)
  post-build           (Trunk's post-build hook) minify the JS (release), write the CSP and the service worker
  static-server --dir D --port N [--gzipped]
                       serve a built folder on 127.0.0.1 (used by the Playwright config);
                       --gzipped sends the .gz copy beside each file, as the bench does
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::serve_command(&args[1..]),
        Some("test") => test::test_command(&args[1..]),
        Some("setup") => setup::ensure(setup::Needs {
            browser: args.iter().any(|a| a == "--browser"),
        }),
        Some("build") => {
            setup::ensure(setup::Needs { browser: false }).and_then(|()| serve::release_build())
        }
        Some("dist") => dist::dist_command(),
        Some("schema") => schema::write(),
        Some("scenario") => scenario::scenario_command(&args[1..]),
        Some("post-build") => csp::post_build_command(),
        Some("bench") => bench::bench_command(),
        Some("sizes") => bench::page_sizes(),
        Some("fuzz") => fuzz::fuzz_command(&args[1..]),
        Some("static-server") => serve::static_server_command(&args[1..]),
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("\nxtask: {e}");
            ExitCode::FAILURE
        }
    }
}
