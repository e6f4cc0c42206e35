//! Minifies the built JavaScript (release builds), in Trunk's post-build hook. Trunk's own JS
//! minifier cannot parse wasm-bindgen's output and leaves it as it is, so terser (pinned in
//! package.json) does it; each file's Subresource Integrity hash in `index.html` is then
//! brought up to date, or the browser would refuse the file.

use std::path::Path;
use std::process::Command;

use base64::Engine;
use sha2::{Digest, Sha384};

use crate::run::{root, say, Result};

fn sri(bytes: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(bytes))
    )
}

/// Minifies every `.js` file in `dir` but the service worker (written afterwards). The page's
/// wasm-bindgen glue is an ES module; the worker's is a classic script whose global
/// `wasm_bindgen` the loader calls, so its top-level names stay.
pub fn minify_scripts(dir: &Path) -> Result {
    let terser = root().join("node_modules/.bin/terser");
    if !terser.exists() {
        return Err(format!(
            "{} is missing: run `cargo xtask setup` (npm ci) first",
            terser.display()
        ));
    }
    let index = dir.join("index.html");
    let mut html = std::fs::read_to_string(&index).map_err(|e| format!("index.html: {e}"))?;
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|n| n.ends_with(".js") && n != "sw.js")
        .collect();
    names.sort();
    for name in names {
        let path = dir.join(&name);
        let before = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
        let mut cmd = Command::new(&terser);
        cmd.arg(&path)
            .args(["--compress", "--mangle", "--output"])
            .arg(&path);
        if !name.starts_with("handoff-worker") {
            cmd.arg("--module");
        }
        let status = cmd.status().map_err(|e| format!("terser: {e}"))?;
        if !status.success() {
            return Err(format!("terser could not minify {name}"));
        }
        let after = std::fs::read(&path).map_err(|e| format!("{name}: {e}"))?;
        html = html.replace(&sri(&before), &sri(&after));
        say(&format!(
            "minified {name}: {} -> {} bytes",
            before.len(),
            after.len()
        ));
    }
    std::fs::write(&index, html).map_err(|e| format!("index.html: {e}"))?;
    Ok(())
}
