//! `cargo xtask fuzz [--seconds N]`: runs each cargo-fuzz target for a bounded time. Separate
//! from the test command because it needs the nightly toolchain (for the sanitizers).

use std::process::Command;

use crate::run::{output, root, run, say, Result};

/// Each target with the directory whose files seed its corpus.
pub const TARGETS: &[(&str, &str)] = &[
    ("import", "crates/handoff-core/tests/golden"),
    ("extract", "crates/handoff-core/tests/intake"),
    ("intake", "crates/handoff-core/tests/intake"),
];

pub fn fuzz_command(args: &[String]) -> Result {
    let seconds: u64 = match args.iter().position(|a| a == "--seconds") {
        Some(i) => args
            .get(i + 1)
            .and_then(|s| s.parse().ok())
            .ok_or("--seconds takes a whole number")?,
        None => 60,
    };
    if output("rustup", &["run", "nightly", "rustc", "--version"]).is_none() {
        return Err(
            "fuzzing needs the nightly toolchain: `rustup toolchain install nightly`".into(),
        );
    }
    if output("cargo", &["fuzz", "--version"]).is_none() {
        say("installing cargo-fuzz with cargo install (about 1 minute)");
        run(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]))?;
    }
    for (target, seeds) in TARGETS {
        let seeds = root().join(seeds);
        say(&format!("fuzzing `{target}` for {seconds} s"));
        let corpus = root().join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| e.to_string())?;
        run(Command::new("cargo")
            .args(["+nightly", "fuzz", "run", target])
            .arg(&corpus)
            .arg(&seeds)
            .args([
                "--",
                &format!("-max_total_time={seconds}"),
                "-max_len=65536",
                "-rss_limit_mb=2048",
            ])
            .current_dir(root().join("fuzz")))?;
    }
    say("no crash found; any crash input lands in fuzz/artifacts/<target>/ and belongs in a regression test");
    Ok(())
}
