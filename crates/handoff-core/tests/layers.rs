//! The domain's layers, checked on its sources: every `crate::…`, `super::…` and `self::…`
//! path in `src/` (in `use` lines, in code and in attributes such as `#[serde(with = …)]`,
//! comments and test modules aside) is resolved to the file that defines the module it names.
//! No file may reach a file of a higher layer, and no file may reach, directly or through
//! others, a file that reaches it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The layers, bottom up, as `lib.rs` lists them. `fixtures` is test support on top of all;
/// the crate root re-exports everything and nothing may use it.
fn layer(top: &str) -> usize {
    match top {
        "vocabulary" => 0,
        "data" => 1,
        "rules" => 2,
        "case" => 3,
        "intake" | "package" | "training" => 4,
        "fixtures" => 5,
        "" => 6,
        other => panic!("module {other} is in no layer: add it to lib.rs's table and here"),
    }
}

type ModPath = Vec<String>;

struct Source {
    file: PathBuf,
    module: ModPath,
    code: String,
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let mut module: ModPath = rel
                .with_extension("")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(module.last().map(String::as_str), Some("mod" | "lib")) {
                module.pop();
            }
            let text = std::fs::read_to_string(&path).unwrap();
            // Unit tests sit at the end of a file and only use the file itself.
            let text = match text.find("#[cfg(test)]\nmod tests") {
                Some(i) => text[..i].to_owned(),
                None => text,
            };
            out.push(Source {
                file: rel.to_path_buf(),
                module,
                code: strip_comments(&text),
            });
        }
    }
    out
}

/// The text with comments blanked out; string literals are kept, since attributes name
/// modules in them.
fn strip_comments(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if b[i] == b'"' {
            let start = i;
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i = (i + 1).min(b.len());
            // Braces inside strings must not count as blocks.
            out.push_str(&s[start..i].replace(['{', '}'], " "));
        } else if b[i] == b'\'' && b.get(i + 2) == Some(&b'\'') {
            out.push_str("' '");
            i += 3;
        } else {
            let ch = s[i..].chars().next().unwrap();
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// Every module path named in `code`, each with the module the naming code sits in (inline
/// `mod x { … }` blocks are followed), as absolute paths from the crate root.
fn references(
    file_module: &ModPath,
    code: &str,
    files: &BTreeSet<ModPath>,
) -> Vec<(ModPath, ModPath)> {
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut inline: Vec<(usize, String)> = Vec::new();
    let mut depth = 0usize;
    let mut i = 0;
    let word_at = |i: usize| -> String {
        chars[i..]
            .iter()
            .take_while(|c| is_ident(**c))
            .collect::<String>()
    };
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            depth += 1;
            i += 1;
            continue;
        }
        if c == '}' {
            depth = depth.saturating_sub(1);
            if inline.last().is_some_and(|(d, _)| *d == depth) {
                inline.pop();
            }
            i += 1;
            continue;
        }
        let boundary = i == 0 || !is_ident(chars[i - 1]) && chars[i - 1] != ':';
        if !boundary || !is_ident(c) {
            i += 1;
            continue;
        }
        let word = word_at(i);
        let here: ModPath = file_module
            .iter()
            .cloned()
            .chain(inline.iter().map(|(_, n)| n.clone()))
            .collect();
        if word == "mod" {
            // `mod name {` opens an inline module; `mod name;` declares a file.
            let mut j = i + 3;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let name = word_at(j);
            let mut k = j + name.len();
            while k < chars.len() && chars[k].is_whitespace() {
                k += 1;
            }
            if chars.get(k) == Some(&'{') {
                inline.push((depth, name));
                depth += 1;
                i = k + 1;
                continue;
            }
        }
        if word == "use" {
            // `use child::x;` in a module names its own child module.
            let mut j = i + 3;
            while j < chars.len() && chars[j].is_whitespace() {
                j += 1;
            }
            let first = word_at(j);
            let mut child = here.clone();
            child.push(first.clone());
            if !first.is_empty() && files.contains(&child) {
                let (paths, end) = read_path(&chars, j);
                for p in paths {
                    let mut abs = here.clone();
                    abs.extend(p);
                    out.push((here.clone(), abs));
                }
                i = end;
                continue;
            }
        }
        if matches!(word.as_str(), "crate" | "super" | "self")
            && chars.get(i + word.len()..i + word.len() + 2) == Some(&[':', ':'])
        {
            let (paths, end) = read_path(&chars, i);
            for p in paths {
                if let Some(abs) = absolute(&here, &p) {
                    out.push((here.clone(), abs));
                }
            }
            i = end;
            continue;
        }
        i += word.len();
    }
    out
}

/// Reads `a::b::{c, d::e}` starting at `i`; returns each full path and where it ended.
fn read_path(chars: &[char], mut i: usize) -> (Vec<Vec<String>>, usize) {
    let mut prefix = Vec::new();
    loop {
        let word: String = chars[i..].iter().take_while(|c| is_ident(**c)).collect();
        if word.is_empty() {
            break;
        }
        prefix.push(word.clone());
        i += word.len();
        if chars.get(i..i + 2) != Some(&[':', ':']) {
            return (vec![prefix], i);
        }
        i += 2;
        if chars.get(i) == Some(&'{') {
            // One level of grouping: `{a, b::c, d as e, *}`.
            let end = chars[i..]
                .iter()
                .position(|c| *c == '}')
                .map_or(chars.len(), |p| i + p);
            let group: String = chars[i + 1..end].iter().collect();
            let paths = group
                .split(',')
                .map(|item| {
                    let item = item.split(" as ").next().unwrap_or("").trim();
                    let mut p = prefix.clone();
                    p.extend(
                        item.split("::")
                            .map(str::trim)
                            .filter(|s| !s.is_empty() && *s != "*" && *s != "self")
                            .map(str::to_owned),
                    );
                    p
                })
                .collect();
            return (paths, end + 1);
        }
    }
    (vec![prefix], i)
}

fn absolute(here: &ModPath, path: &[String]) -> Option<ModPath> {
    let mut base: ModPath = Vec::new();
    let mut rest = path;
    match path.first().map(String::as_str) {
        Some("crate") => rest = &path[1..],
        Some("self") => {
            base = here.clone();
            rest = &path[1..];
        }
        Some("super") => {
            base = here.clone();
            while rest.first().map(String::as_str) == Some("super") {
                base.pop()?;
                rest = &rest[1..];
            }
        }
        _ => return None,
    }
    base.extend(rest.iter().cloned());
    Some(base)
}

/// The file that defines the module `path` names (the longest prefix that is a module).
fn owner<'a>(path: &ModPath, modules: &'a BTreeMap<ModPath, PathBuf>) -> &'a PathBuf {
    (0..=path.len())
        .rev()
        .find_map(|n| modules.get(&path[..n].to_vec()))
        .expect("the crate root is a module")
}

fn dependency_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let sources = sources();
    let mut modules: BTreeMap<ModPath, PathBuf> = sources
        .iter()
        .map(|s| (s.module.clone(), s.file.clone()))
        .collect();
    let files: BTreeSet<ModPath> = modules.keys().cloned().collect();
    // Inline modules belong to the file they are written in.
    for s in &sources {
        for (here, _) in references(&s.module, &s.code, &files) {
            modules.entry(here).or_insert_with(|| s.file.clone());
        }
    }
    let mut graph: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
    for s in &sources {
        let edges = graph.entry(s.file.clone()).or_default();
        for (_, target) in references(&s.module, &s.code, &files) {
            let to = owner(&target, &modules);
            if *to != s.file {
                edges.insert(to.clone());
            }
        }
    }
    graph
}

fn top(file: &Path) -> String {
    match file.components().next() {
        Some(c) if file.components().count() > 1 => c.as_os_str().to_string_lossy().into_owned(),
        _ => {
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            if stem == "lib" {
                String::new()
            } else {
                stem
            }
        }
    }
}

fn find_cycle(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Option<Vec<PathBuf>> {
    fn visit(
        n: &PathBuf,
        graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        state: &mut BTreeMap<PathBuf, u8>,
        stack: &mut Vec<PathBuf>,
    ) -> Option<Vec<PathBuf>> {
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for m in graph.get(n).into_iter().flatten() {
            match state.get(m).copied().unwrap_or(0) {
                1 => {
                    let at = stack.iter().position(|x| x == m).unwrap();
                    let mut cycle = stack[at..].to_vec();
                    cycle.push(m.clone());
                    return Some(cycle);
                }
                0 => {
                    if let Some(c) = visit(m, graph, state, stack) {
                        return Some(c);
                    }
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in graph.keys() {
        if state.get(n).copied().unwrap_or(0) == 0 {
            if let Some(c) = visit(n, graph, &mut state, &mut Vec::new()) {
                return Some(c);
            }
        }
    }
    None
}

#[test]
fn no_file_reaches_a_higher_layer() {
    let graph = dependency_graph();
    let mut wrong = Vec::new();
    for (from, tos) in &graph {
        for to in tos {
            if layer(&top(to)) > layer(&top(from)) {
                wrong.push(format!("{} uses {}", from.display(), to.display()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_module_reaches_itself_through_others() {
    let graph = dependency_graph();
    if let Some(cycle) = find_cycle(&graph) {
        let names: Vec<String> = cycle.iter().map(|p| p.display().to_string()).collect();
        panic!("a module cycle: {}", names.join(" → "));
    }
}

/// Guards the two tests above against reading nothing: the graph has the edges it must have.
#[test]
fn the_graph_sees_real_imports() {
    let graph = dependency_graph();
    let edge = |a: &str, b: &str| {
        graph
            .get(Path::new(a))
            .is_some_and(|s| s.contains(Path::new(b)))
    };
    assert!(edge("case/step.rs", "rules/guards.rs"));
    assert!(edge("rules/guards.rs", "rules/report_check.rs"));
    assert!(
        edge("data/report.rs", "vocabulary/time.rs"),
        "attribute paths count"
    );
    assert!(edge("package/import.rs", "package/json.rs"));
    assert!(edge("lib.rs", "case/mod.rs"));
    assert!(graph.len() > 30, "{} files", graph.len());
    // And the cycle finder finds a planted cycle.
    let mut planted = graph.clone();
    planted
        .entry(PathBuf::from("vocabulary/text.rs"))
        .or_default()
        .insert(PathBuf::from("case/step.rs"));
    assert!(find_cycle(&planted).is_some());
}
