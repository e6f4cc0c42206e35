//! Installs everything the build and the tests need, each step only when it is missing.

use std::path::Path;
use std::process::Command;

use crate::run::{output, root, run, say, tool_path, Result};
use crate::tools;

pub struct Needs {
    /// Chromium and chromedriver, for the browser and end-to-end tests, pandoc and
    /// python3-venv, for the export oracles, and nginx, for the deployment tests.
    pub browser: bool,
}

pub fn ensure(needs: Needs) -> Result {
    node_and_npm()?;
    wasm_target()?;
    trunk()?;
    wasm_bindgen()?;
    npm_packages()?;
    if needs.browser {
        browser()?;
    }
    say("set-up complete");
    Ok(())
}

fn node_and_npm() -> Result {
    for tool in ["node", "npm"] {
        if output(tool, &["--version"]).is_none() {
            return Err(format!(
                "`{tool}` was not found. Install Node.js 20 or newer with npm \
                 (for example `apt-get install nodejs npm`, or from nodejs.org), then run this \
                 command again."
            ));
        }
    }
    Ok(())
}

fn wasm_target() -> Result {
    let installed = output("rustup", &["target", "list", "--installed"]).ok_or(
        "`rustup` was not found: Handoff needs a rustup-managed Rust toolchain \
         (see rustup.rs)",
    )?;
    if installed.lines().any(|l| l.trim() == tools::WASM_TARGET) {
        return Ok(());
    }
    say(&format!(
        "adding the {} Rust target (about 90 MB, under a minute)",
        tools::WASM_TARGET
    ));
    run(Command::new("rustup").args(["target", "add", tools::WASM_TARGET]))
}

fn installed_version(program: &str) -> Option<String> {
    let path = tool_path();
    let out = Command::new(program)
        .arg("--version")
        .env("PATH", path)
        .output()
        .ok()?;
    let s = String::from_utf8_lossy(&out.stdout);
    s.split_whitespace().nth(1).map(str::to_owned)
}

fn trunk() -> Result {
    if installed_version("trunk").as_deref() == Some(tools::TRUNK) {
        return Ok(());
    }
    say(&format!(
        "installing Trunk {} with cargo install; this compiles it and takes about 5 minutes \
         on 2 cores",
        tools::TRUNK
    ));
    run(Command::new("cargo").args(["install", "trunk", "--version", tools::TRUNK, "--locked"]))
}

/// The wasm-bindgen version in Cargo.lock; the CLI must match it exactly.
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|l| l.trim().strip_prefix("version = "))
            {
                return Ok(v.trim_matches('"').to_owned());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

fn wasm_bindgen() -> Result {
    let want = locked_wasm_bindgen()?;
    let have = installed_version("wasm-bindgen");
    let runner = installed_version("wasm-bindgen-test-runner");
    if have.as_deref() == Some(want.as_str()) && runner.as_deref() == Some(want.as_str()) {
        return Ok(());
    }
    say(&format!(
        "installing wasm-bindgen-cli {want} (matching Cargo.lock) with cargo install; about \
         2 minutes"
    ));
    // Not --locked: the CLI's own lock file names a crate release the registry no longer
    // serves.
    run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &want, "--force"]))
}

fn npm_packages() -> Result {
    let root = root();
    let lock = root.join("package-lock.json");
    let installed = root.join("node_modules/.package-lock.json");
    let fresh = match (std::fs::read(&lock), std::fs::read(&installed)) {
        (Ok(a), Ok(b)) => same_packages(&a, &b),
        _ => false,
    };
    if fresh && root.join("node_modules/.bin/wasm-opt").exists() {
        return Ok(());
    }
    say("installing the npm tools pinned in package-lock.json (wasm-opt, Playwright, axe-core)");
    run(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))?;
    let v = output(
        &root
            .join("node_modules/.bin/wasm-opt")
            .display()
            .to_string(),
        &["--version"],
    )
    .unwrap_or_default();
    if !v.contains(&format!("version {}", tools::WASM_OPT_VERSION)) {
        return Err(format!(
            "node_modules/.bin/wasm-opt reports \"{v}\", not version {}",
            tools::WASM_OPT_VERSION
        ));
    }
    Ok(())
}

/// npm rewrites node_modules/.package-lock.json without the root entry; compare the package
/// entries only.
fn same_packages(lock: &[u8], installed: &[u8]) -> bool {
    let parse = |b: &[u8]| serde_json::from_slice::<serde_json::Value>(b).ok();
    let (Some(a), Some(b)) = (parse(lock), parse(installed)) else {
        return false;
    };
    let mut a = a["packages"].as_object().cloned().unwrap_or_default();
    a.remove("");
    let b = b["packages"].as_object().cloned().unwrap_or_default();
    a.iter().all(|(k, v)| {
        b.get(k)
            .map(|w| w["version"] == v["version"])
            .unwrap_or(false)
    })
}

/// What the browser and deployment tests need from the system that is not there yet.
fn missing_system_tools() -> Vec<String> {
    let chromium = std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| tools::CHROMIUM.into());
    let driver = std::env::var("CHROMEDRIVER").unwrap_or_else(|_| tools::CHROMEDRIVER.into());
    let nginx = std::env::var("NGINX_PATH").unwrap_or_else(|_| tools::NGINX.into());
    let pdftotext = std::env::var("PDFTOTEXT").unwrap_or_else(|_| tools::PDFTOTEXT.into());
    let mut missing: Vec<String> = [
        chromium.as_str(),
        driver.as_str(),
        &pandoc(),
        pdftotext.as_str(),
        nginx.as_str(),
        tools::NGINX_MIME_TYPES,
    ]
    .into_iter()
    .chain(tools::NGINX_BROTLI_MODULES.iter().copied())
    .filter(|p| !Path::new(p).exists())
    .map(str::to_owned)
    .collect();
    // Debian's Python makes a working venv only with python3-venv, which brings ensurepip.
    if output(&python(), &["-c", "import ensurepip, venv"]).is_none() {
        missing.push(format!("{} with its venv module (python3-venv)", python()));
    }
    missing
}

/// pandoc: `PANDOC_PATH`, else Debian's.
pub fn pandoc() -> String {
    std::env::var("PANDOC_PATH").unwrap_or_else(|_| tools::PANDOC.into())
}

/// The Python that makes the oracles' venv: `HANDOFF_PYTHON`, else Debian's.
fn python() -> String {
    std::env::var("HANDOFF_PYTHON").unwrap_or_else(|_| tools::PYTHON.into())
}

/// The oracles' venv (target/oracles-venv) with exactly the packages of
/// tests/oracles/requirements.txt, made or remade when that file changed; returns its Python.
pub fn oracle_venv() -> Result<std::path::PathBuf> {
    let venv = root().join(tools::ORACLE_VENV);
    let venv_python = venv.join("bin/python");
    let wanted = std::fs::read_to_string(root().join(tools::ORACLE_REQUIREMENTS))
        .map_err(|e| format!("cannot read {}: {e}", tools::ORACLE_REQUIREMENTS))?;
    let stamp = venv.join("handoff-requirements.txt");
    if venv_python.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&wanted) {
        return Ok(venv_python);
    }
    say(&format!(
        "making the export oracles' Python venv in {} with {} (OASIS's STIX validator, MISP's \
         converter; about a minute)",
        tools::ORACLE_VENV,
        tools::ORACLE_REQUIREMENTS
    ));
    if venv.exists() {
        std::fs::remove_dir_all(&venv).map_err(|e| format!("{}: {e}", venv.display()))?;
    }
    run(Command::new(python()).args(["-m", "venv"]).arg(&venv)).map_err(|e| {
        format!(
            "{e}. The export oracles need Python 3 with its venv module: on Debian/Ubuntu \
             `sudo apt-get install python3-venv`, or point HANDOFF_PYTHON at another Python 3."
        )
    })?;
    run(Command::new(&venv_python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            "-r",
        ])
        .arg(root().join(tools::ORACLE_REQUIREMENTS)))?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(venv_python)
}

fn browser() -> Result {
    let missing = missing_system_tools();
    if missing.is_empty() {
        return Ok(());
    }
    let root_user = output("id", &["-u"]).as_deref() == Some("0");
    let has_apt = output("apt-get", &["--version"]).is_some();
    if !(root_user && has_apt) {
        return Err(format!(
            "The browser, export-oracle and deployment tests need Chromium, chromedriver, \
             pandoc, pdftotext, Python 3 with venv, and nginx with its brotli modules; not \
             found: {}. Install them (on Debian/Ubuntu: `sudo apt-get install {}`), or point \
             CHROMIUM_PATH, CHROMEDRIVER, PANDOC_PATH, PDFTOTEXT, HANDOFF_PYTHON and NGINX_PATH at \
             existing ones, then run this command again.",
            missing.join(", "),
            tools::APT_PACKAGES.join(" ")
        ));
    }
    say(&format!(
        "installing {} with apt-get (about a minute)",
        tools::APT_PACKAGES.join(" ")
    ));
    run(Command::new("apt-get").arg("update").arg("-qq"))?;
    run(Command::new("apt-get")
        .args(["install", "-y", "-qq"])
        .args(tools::APT_PACKAGES)
        .env("DEBIAN_FRONTEND", "noninteractive"))
}
