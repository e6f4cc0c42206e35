//! `cargo xtask dist`: the release as one versioned archive that a team unpacks on its web
//! server or static host, and a checksum file that `sha256sum -c` reads.
//!
//! ```text
//! handoff-<version>/
//!   README.md     how to deploy (deploy/README.md)
//!   Dockerfile    the container image, built with this folder as its context
//!   app/          the release build: serve this folder, at / or under any sub-path
//!   deploy/       nginx.conf, its snippets, Caddyfile
//! ```
//!
//! Next to each compressible file in app/ lie a `.gz` (gzip -9) and a `.br` (brotli 11) copy,
//! for nginx's gzip_static/brotli_static and Caddy's `precompressed`: no compression work per
//! request, and brotli at a level too slow to use on the fly. Servers that do not look for
//! them serve the plain files.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::run::{root, say, Result};
use crate::serve::release_build;
use crate::setup;

/// The extensions worth a precompressed copy: the wasm, JS, CSS, JSON and other text.
const PRECOMPRESS: &[&str] = &["wasm", "js", "css", "json", "webmanifest", "svg", "html"];

/// A written release.
pub struct Release {
    pub version: String,
    /// The folder that was archived (`<out>/handoff-<version>/`), left in place: it is the
    /// build context of the container image.
    pub dir: PathBuf,
    pub archive: PathBuf,
    pub checksum: PathBuf,
    pub sha256: String,
}

pub fn dist_command() -> Result {
    setup::ensure(setup::Needs { browser: false })?;
    release_build()?;
    let release = write_release(
        &root().join("dist"),
        &root().join("deploy"),
        &root().join("target/dist"),
        &root_version()?,
    )?;
    let size = std::fs::metadata(&release.archive)
        .map(|m| m.len())
        .unwrap_or(0);
    say(&format!(
        "wrote {} ({:.1} KB) and {}",
        release.archive.display(),
        size as f64 / 1000.0,
        release.checksum.display()
    ));
    println!("sha256 {}", release.sha256);
    println!(
        "check it:           cd {} && sha256sum -c {}",
        release
            .archive
            .parent()
            .map(Path::display)
            .map(|d| d.to_string())
            .unwrap_or_default(),
        file_name(&release.checksum)
    );
    println!(
        "container image:    docker build -t handoff:{} {}",
        release.version,
        release.dir.display()
    );
    Ok(())
}

/// The version of the app: the `[package]` version in the root Cargo.toml.
pub fn root_version() -> Result<String> {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml"))
        .map_err(|e| format!("cannot read Cargo.toml: {e}"))?;
    package_version(&manifest)
}

/// The `version` of the `[package]` table in the text of a Cargo.toml.
pub fn package_version(manifest: &str) -> Result<String> {
    let mut in_package = false;
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_package = line == "[package]";
        } else if in_package {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            if key.trim() != "version" {
                continue;
            }
            let value = value.trim();
            let version = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .filter(|v| {
                    !v.is_empty()
                        && v.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"._-+".contains(&b))
                })
                .ok_or_else(|| format!("Cargo.toml: unexpected package version {value}"))?;
            return Ok(version.to_owned());
        }
    }
    Err("Cargo.toml has no version in its [package] table".into())
}

/// Writes `<out>/handoff-<version>/` from the release build in `dist` and the configurations
/// in `deploy`, then the archive of it and its checksum file beside it.
pub fn write_release(dist: &Path, deploy: &Path, out: &Path, version: &str) -> Result<Release> {
    if !dist.join("index.html").exists() {
        return Err(format!(
            "{} holds no release build (no index.html)",
            dist.display()
        ));
    }
    let top = format!("handoff-{version}");
    let dir = out.join(&top);
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    copy_dir(dist, &dir.join("app"))?;
    precompress(&dir.join("app"))?;
    // The guide and the image definition go to the top, where a team looks first and where
    // `docker build` finds the Dockerfile; the server configurations into deploy/.
    for entry in read_dir_sorted(deploy)? {
        let name = entry.file_name().unwrap_or_default();
        let dest = if name == "README.md" || name == "Dockerfile" {
            dir.join(name)
        } else {
            dir.join("deploy").join(name)
        };
        if entry.is_dir() {
            copy_dir(&entry, &dest)?;
        } else {
            if let Some(parent) = dest.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| format!("{}: {e}", parent.display()))?;
            }
            std::fs::copy(&entry, &dest).map_err(|e| format!("{}: {e}", entry.display()))?;
        }
    }

    let archive = out.join(format!("{top}.tar.gz"));
    write_tar_gz(&dir, &top, &archive)?;
    let bytes = std::fs::read(&archive).map_err(|e| format!("{}: {e}", archive.display()))?;
    let sha256: String = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let checksum = out.join(format!("{top}.tar.gz.sha256"));
    // sha256sum's own format (two spaces: a text-mode line), so `sha256sum -c` checks it.
    std::fs::write(&checksum, format!("{sha256}  {top}.tar.gz\n"))
        .map_err(|e| format!("{}: {e}", checksum.display()))?;
    Ok(Release {
        version: version.to_owned(),
        dir,
        archive,
        checksum,
        sha256,
    })
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn read_dir_sorted(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .map(|e| e.map(|e| e.path()).map_err(|e| e.to_string()))
        .collect::<Result<_>>()?;
    entries.sort();
    Ok(entries)
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) -> Result {
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for path in read_dir_sorted(from)? {
        let dest = to.join(path.file_name().unwrap_or_default());
        if path.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest).map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    Ok(())
}

pub fn gzip_best(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    e.write_all(bytes).map_err(|e| e.to_string())?;
    e.finish().map_err(|e| e.to_string())
}

pub fn brotli_best(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|e| e.to_string())?;
    Ok(out)
}

/// Writes `name.gz` and `name.br` beside every compressible file under `dir` that they make
/// smaller.
pub fn precompress(dir: &Path) -> Result {
    for path in read_dir_sorted(dir)? {
        if path.is_dir() {
            precompress(&path)?;
            continue;
        }
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !PRECOMPRESS.contains(&ext) {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (suffix, packed) in [("gz", gzip_best(&bytes)?), ("br", brotli_best(&bytes)?)] {
            if packed.len() < bytes.len() {
                let mut name = path.clone().into_os_string();
                name.push(format!(".{suffix}"));
                std::fs::write(&name, packed).map_err(|e| format!("{name:?}: {e}"))?;
            }
        }
    }
    Ok(())
}

/// Archives `dir` as `top/…`: entries in name order, owned by root, mode 644 (755 for
/// folders). The files keep their modification times: nginx derives its ETag from time and
/// size, and sw.js keeps its size from one release to the next, so a fixed time would let a
/// browser revalidate an old service worker as current.
fn write_tar_gz(dir: &Path, top: &str, archive: &Path) -> Result {
    let file = File::create(archive).map_err(|e| format!("{}: {e}", archive.display()))?;
    let gz = flate2::write::GzEncoder::new(file, flate2::Compression::best());
    let mut tar = tar::Builder::new(gz);
    append_tree(&mut tar, dir, Path::new(top))?;
    tar.into_inner()
        .and_then(|gz| gz.finish())
        .and_then(|mut f| f.flush())
        .map_err(|e| format!("{}: {e}", archive.display()))
}

fn append_tree<W: Write>(tar: &mut tar::Builder<W>, path: &Path, name: &Path) -> Result {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let mut header = tar::Header::new_gnu();
    header.set_uid(0);
    header.set_gid(0);
    header.set_mtime(mtime);
    let err = |e: std::io::Error| format!("{}: {e}", path.display());
    if meta.is_dir() {
        header.set_entry_type(tar::EntryType::Directory);
        header.set_mode(0o755);
        header.set_size(0);
        tar.append_data(&mut header, name, std::io::empty())
            .map_err(err)?;
        for child in read_dir_sorted(path)? {
            append_tree(
                tar,
                &child,
                &name.join(child.file_name().unwrap_or_default()),
            )?;
        }
    } else {
        header.set_entry_type(tar::EntryType::Regular);
        header.set_mode(0o644);
        header.set_size(meta.len());
        let mut file = File::open(path).map_err(err)?;
        tar.append_data(&mut header, name, &mut file).map_err(err)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn the_version_comes_from_the_package_table() {
        let manifest = "[workspace]\nmembers = []\n\n[workspace.package]\nversion = \"9.9.9\"\n\n\
                        [package]\nname = \"handoff\"\nversion = \"0.4.1-rc.1\"\n\n[dependencies]\n\
                        version = \"1\"\n";
        assert_eq!(package_version(manifest).unwrap(), "0.4.1-rc.1");
        assert!(package_version("[package]\nname = \"x\"\n").is_err());
        assert!(package_version("[package]\nversion = \"1/../x\"\n").is_err());
        // The real one parses.
        assert!(!root_version().unwrap().is_empty());
    }

    #[test]
    fn the_archive_holds_the_app_its_compressed_copies_and_the_configurations() {
        let base = std::env::temp_dir().join(format!("handoff-dist-test-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&base);
        let (dist, deploy, out) = (base.join("dist"), base.join("deploy"), base.join("out"));
        std::fs::create_dir_all(dist.join("scenarios")).unwrap();
        std::fs::create_dir_all(deploy.join("snippets")).unwrap();
        let html = "<!doctype html><title>Handoff</title>".repeat(40);
        std::fs::write(dist.join("index.html"), &html).unwrap();
        std::fs::write(dist.join("icon.png"), [0x89, b'P', b'N', b'G']).unwrap();
        std::fs::write(dist.join("scenarios/a.json"), "{}").unwrap();
        std::fs::write(deploy.join("README.md"), "# Deploying").unwrap();
        std::fs::write(deploy.join("Dockerfile"), "FROM x").unwrap();
        std::fs::write(deploy.join("nginx.conf"), "server {}").unwrap();
        std::fs::write(deploy.join("snippets/h.conf"), "add_header").unwrap();

        let r = write_release(&dist, &deploy, &out, "1.2.3").unwrap();
        assert_eq!(r.archive, out.join("handoff-1.2.3.tar.gz"));
        let sums = std::fs::read_to_string(&r.checksum).unwrap();
        assert_eq!(sums, format!("{}  handoff-1.2.3.tar.gz\n", r.sha256));
        assert_eq!(r.sha256.len(), 64);

        let mut names = Vec::new();
        let mut files = std::collections::HashMap::new();
        let gz = flate2::read::GzDecoder::new(File::open(&r.archive).unwrap());
        for entry in tar::Archive::new(gz).entries().unwrap() {
            let mut entry = entry.unwrap();
            let name = entry.path().unwrap().to_string_lossy().into_owned();
            assert_eq!(entry.header().uid().unwrap(), 0);
            let mut body = Vec::new();
            entry.read_to_end(&mut body).unwrap();
            names.push(name.clone());
            files.insert(name, body);
        }
        for expected in [
            "handoff-1.2.3/README.md",
            "handoff-1.2.3/Dockerfile",
            "handoff-1.2.3/app/index.html",
            "handoff-1.2.3/app/index.html.gz",
            "handoff-1.2.3/app/index.html.br",
            "handoff-1.2.3/app/icon.png",
            "handoff-1.2.3/app/scenarios/a.json",
            "handoff-1.2.3/deploy/nginx.conf",
            "handoff-1.2.3/deploy/snippets/h.conf",
        ] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
        // No compressed copy where it would not help (an image, a two-byte file).
        assert!(!names.iter().any(|n| n.ends_with("icon.png.gz")));
        assert!(!names.iter().any(|n| n.ends_with("a.json.br")));
        assert!(!names.iter().any(|n| n.contains("deploy/Dockerfile")));
        let mut unzipped = String::new();
        flate2::read::GzDecoder::new(&files["handoff-1.2.3/app/index.html.gz"][..])
            .read_to_string(&mut unzipped)
            .unwrap();
        assert_eq!(unzipped, html);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(
            &mut &files["handoff-1.2.3/app/index.html.br"][..],
            &mut unbrotli,
        )
        .unwrap();
        assert_eq!(unbrotli, html.as_bytes());
        std::fs::remove_dir_all(&base).unwrap();
    }
}
