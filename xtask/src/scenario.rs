//! `cargo xtask scenario check FILE|FOLDER…`: the trainer's check of scenario files. Each file
//! is read as the app reads it, then played through the workflow and the scorer: the expected
//! answer must score full marks, and every answer with one element wrong must score less. A
//! scenario must also share no distinctive token with the forms' examples. A folder is
//! checked file by file, and its `index.json`, if any, must list exactly its scenarios.

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use handoff_core::training::answer::{expected_answer, play, wrong_answers};
use handoff_core::training::leak::example_leaks;
use handoff_core::training::{parse_scenario, parse_scenario_index, score, CheckKind, Scenario};

use crate::run::Result;

const USAGE: &str = "usage: cargo xtask scenario check FILE|FOLDER…";

pub fn scenario_command(args: &[String]) -> Result {
    match args {
        [cmd, paths @ ..] if cmd == "check" && !paths.is_empty() => check(paths),
        _ => Err(USAGE.into()),
    }
}

fn check(args: &[String]) -> Result {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut problems = 0;
    for a in args {
        let path = PathBuf::from(a);
        if path.is_dir() {
            let (found, index_problems) = folder(&path)?;
            problems += index_problems;
            files.extend(found);
        } else {
            files.push(path);
        }
    }
    for f in &files {
        problems += check_file(f);
    }
    println!(
        "\n{} scenario file(s) checked: {}",
        files.len(),
        if problems == 0 {
            "all good".to_owned()
        } else {
            format!("{problems} problem(s)")
        }
    );
    if problems == 0 {
        Ok(())
    } else {
        Err(format!("{problems} problem(s) in the scenarios"))
    }
}

/// The scenario files of a folder (sorted), and whether its index lists exactly them.
fn folder(dir: &Path) -> Result<(Vec<PathBuf>, usize)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.extension().is_some_and(|x| x == "json")
                && p.file_name().is_some_and(|n| n != "index.json")
                && !p.to_string_lossy().ends_with(".schema.json")
        })
        .collect();
    files.sort();
    let index = dir.join("index.json");
    let mut problems = 0;
    if let Ok(text) = std::fs::read_to_string(&index) {
        println!("{}", index.display());
        match parse_scenario_index(&text) {
            Err(e) => {
                println!("  problem: {e}");
                problems += 1;
            }
            Ok(mut listed) => {
                listed.sort();
                let names: Vec<String> = files
                    .iter()
                    .filter_map(|f| f.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .collect();
                for n in names.iter().filter(|n| !listed.contains(n)) {
                    println!("  problem: {n} is not listed, so the app will not offer it");
                    problems += 1;
                }
                for n in listed.iter().filter(|n| !names.contains(n)) {
                    println!("  problem: {n} is listed but there is no such file");
                    problems += 1;
                }
                if problems == 0 {
                    println!("  ok: lists the {} scenario files", names.len());
                }
            }
        }
    }
    Ok((files, problems))
}

/// Checks one file and prints its report; returns the number of problems found.
fn check_file(path: &Path) -> usize {
    println!("{}", path.display());
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            println!("  problem: cannot read it: {e}");
            return 1;
        }
    };
    let s = match parse_scenario(&text) {
        Ok(s) => s,
        Err(e) => {
            println!("  problem: {e}");
            return 1;
        }
    };
    let mut problems = Vec::new();
    describe(&s);
    if path
        .file_stem()
        .is_some_and(|n| n.to_string_lossy() != s.id)
    {
        problems.push(format!(
            "the file should be named {}.json, after its id",
            s.id
        ));
    }
    for l in example_leaks(&text) {
        problems.push(format!(
            "\"{}\" also appears in the example under the field \"{}\": a trainee could copy it from the form; change the scenario",
            l.token,
            l.field.label()
        ));
    }

    let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    let right = expected_answer(&s);
    let full = score(&s, &play(&s, &right, at), &right.checks);
    println!("  expected answer: {} / {}", full.total, full.max);
    if full.total != full.max || full.max != 100 {
        for i in full.items.iter().filter(|i| i.points < i.max) {
            problems.push(format!(
                "the expected answer loses points on \"{}\" ({} / {}): {}",
                i.what, i.points, i.max, i.explanation
            ));
        }
    }
    let mut lowest: Option<(u32, String)> = None;
    let wrongs = wrong_answers(&s);
    for (what, a) in &wrongs {
        let got = score(&s, &play(&s, a, at), &a.checks);
        if got.total >= full.total {
            problems.push(format!(
                "an answer with {what} still scores {}: the scorer cannot tell it from the expected one (are two facts' terms overlapping?)",
                got.total
            ));
        }
        if lowest.as_ref().is_none_or(|(t, _)| got.total < *t) {
            lowest = Some((got.total, what.clone()));
        }
    }
    if let Some((t, what)) = lowest {
        println!(
            "  wrong answers: {} tried, one element wrong each; lowest {t} / 100 ({what})",
            wrongs.len()
        );
    }
    for p in &problems {
        println!("  problem: {p}");
    }
    if problems.is_empty() {
        println!("  ok");
    }
    problems.len()
}

fn describe(s: &Scenario) {
    let facts: Vec<_> = s
        .checks
        .iter()
        .filter(|c| c.kind == CheckKind::Fact)
        .collect();
    println!(
        "  {} ({}, {}): ends \"{}\"{}",
        s.title,
        s.role.label(),
        s.difficulty.label().to_lowercase(),
        s.expected.outcome.label(),
        if s.expected.question.is_some() {
            ", after a question to L1"
        } else {
            ""
        }
    );
    println!(
        "  checks: {} offered, {} reveal a fact, {} dead ends; the checks that matter take {} min",
        s.checks.len(),
        facts.len(),
        s.checks.len() - facts.len(),
        facts.iter().map(|c| c.minutes).sum::<u32>()
    );
}
