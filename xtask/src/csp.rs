//! The Content-Security-Policy of the built app, written into `index.html` by a Trunk
//! post-build hook (Trunk.toml), so every build carries it, whoever runs Trunk.
//!
//! Trunk emits one inline module script (the wasm loader), and the analyst's page inlines its
//! stylesheet; each is allowed by its SHA-256 hash, so neither `script-src` nor `style-src`
//! needs `'unsafe-inline'`, and `script-src` no `'unsafe-eval'`.

use std::path::PathBuf;

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::run::{say, Result};

/// Everything but the inline scripts' and styles' hashes. `frame-ancestors` is ignored in a meta tag,
/// so servers should send it as a header (SECURITY.md; the xtask's own server does).
/// `connect-src blob:`: the worker reads the backup file the analyst chose through an object
/// URL the page made of it (a `blob:` URL is this origin's own memory, never the network).
pub const POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; \
    style-src 'self'{style_hashes}; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' blob:; \
    manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'none'";

/// The hashes (`'sha256-…'`) of every inline `<element>` of `html` (`script` or `style`):
/// those with a body rather than a `src`.
fn inline_hashes(html: &str, element: &str) -> Vec<String> {
    let (open, close_tag) = (format!("<{element}"), format!("</{element}>"));
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(&open) {
        let tag_end = match rest[start..].find('>') {
            Some(i) => start + i,
            None => break,
        };
        let tag = &rest[start..tag_end];
        let body_start = tag_end + 1;
        let Some(close) = rest[body_start..].find(&close_tag) else {
            break;
        };
        if !tag.contains(" src=") {
            let body = &rest[body_start..body_start + close];
            let digest = Sha256::digest(body.as_bytes());
            out.push(format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            ));
        }
        rest = &rest[body_start + close..];
    }
    out
}

/// `html` with the policy meta tag added right after `<meta charset>` (replacing an older
/// one), so it applies before any script.
pub fn with_policy(html: &str) -> Result<String> {
    let listed = |element| -> String {
        inline_hashes(html, element)
            .iter()
            .map(|h| format!(" {h}"))
            .collect()
    };
    let policy = POLICY
        .replace("{hashes}", &listed("script"))
        .replace("{style_hashes}", &listed("style"));
    let meta = format!("<meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\" />");
    let mut html = html.to_owned();
    if let Some(start) = html.find("<meta http-equiv=\"Content-Security-Policy\"") {
        let end = start + html[start..].find('>').ok_or("unterminated CSP meta tag")? + 1;
        let from = html[..start].trim_end().len();
        html.replace_range(from..end, "");
    }
    let anchor = html
        .find("<meta charset")
        .ok_or("index.html has no <meta charset> to put the policy after")?;
    let after = anchor + html[anchor..].find('>').ok_or("unterminated meta tag")? + 1;
    html.insert_str(after, &format!("\n  {meta}"));
    Ok(html)
}

/// Trunk's post-build hook: the JavaScript minified (release builds), the policy into the
/// staged `index.html`, then the service worker over the finished file set.
pub fn post_build_command() -> Result {
    let dir = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or(
            "`cargo xtask post-build` runs as Trunk's post_build hook (TRUNK_STAGING_DIR unset)",
        )?;
    if std::env::var("TRUNK_PROFILE").as_deref() == Ok("release") {
        crate::minify::minify_scripts(&dir)?;
    }
    write_policy(&dir)?;
    crate::offline::write_service_worker(&dir, &page_name())
}

/// Which page this build is, from the HTML file Trunk builds: `training.html` is the training
/// room, `backup.html` the backup page, anything else the analyst's app.
fn page_name() -> String {
    let html = std::env::var("TRUNK_HTML_FILE").unwrap_or_default();
    match std::path::Path::new(&html)
        .file_stem()
        .and_then(|s| s.to_str())
    {
        Some(page @ ("training" | "backup")) => page.to_owned(),
        _ => "app".to_owned(),
    }
}

fn write_policy(dir: &std::path::Path) -> Result {
    let path = dir.join("index.html");
    let html = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    std::fs::write(&path, with_policy(&html)?).map_err(|e| format!("{}: {e}", path.display()))?;
    say("wrote the Content-Security-Policy into index.html");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<html><head><meta charset=\"utf-8\" />\n<script type=\"module\">\nimport init from '/a.js';\n</script><script src=\"/b.js\"></script></head></html>";

    #[test]
    fn the_inline_loader_is_allowed_by_hash_and_nothing_inline_else() {
        let html = with_policy(PAGE).unwrap();
        let expected = format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD
                .encode(Sha256::digest(b"\nimport init from '/a.js';\n"))
        );
        assert!(
            html.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {expected};")),
            "{html}"
        );
        assert!(!html.contains("unsafe-inline"));
        assert!(!html.contains("'unsafe-eval'"));
        assert_eq!(
            inline_hashes(PAGE, "script").len(),
            1,
            "scripts with src are not hashed"
        );
        // Before the first script, and idempotent.
        assert!(html.find("Content-Security-Policy").unwrap() < html.find("<script").unwrap());
        assert_eq!(with_policy(&html).unwrap(), html);
        assert!(
            html.contains("style-src 'self';"),
            "no inline style, no hash"
        );
    }

    #[test]
    fn an_inline_stylesheet_is_allowed_by_its_hash() {
        let page = PAGE.replace("</head>", "<style>p{color:red}</style></head>");
        let html = with_policy(&page).unwrap();
        let expected = format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"p{color:red}"))
        );
        assert!(
            html.contains(&format!("style-src 'self' {expected};")),
            "{html}"
        );
        assert_eq!(
            inline_hashes(&page, "script").len(),
            1,
            "a style is no script"
        );
    }
}
