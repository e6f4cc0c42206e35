//! Indicators of compromise: validation, extraction from pasted alert text, and the
//! defanging / refanging that keeps them from being clicked in tickets and chat.
//!
//! Every stored value is canonical (lower-case where case carries no meaning, refanged), so
//! duplicates are easy to spot and export → import is exact.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use super::limits::MAX_INDICATOR_BYTES;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IndicatorKind {
    Ipv4,
    Ipv6,
    Domain,
    Url,
    Email,
    Md5,
    Sha1,
    Sha256,
    FileName,
    User,
    Host,
}

impl IndicatorKind {
    pub fn label(self) -> &'static str {
        match self {
            IndicatorKind::Ipv4 => "IPv4",
            IndicatorKind::Ipv6 => "IPv6",
            IndicatorKind::Domain => "Domain",
            IndicatorKind::Url => "URL",
            IndicatorKind::Email => "Email",
            IndicatorKind::Md5 => "MD5",
            IndicatorKind::Sha1 => "SHA-1",
            IndicatorKind::Sha256 => "SHA-256",
            IndicatorKind::FileName => "File name",
            IndicatorKind::User => "User",
            IndicatorKind::Host => "Host",
        }
    }

    /// Values of these kinds can become live links or addresses, so exports defang them.
    pub fn is_network(self) -> bool {
        matches!(
            self,
            IndicatorKind::Ipv4
                | IndicatorKind::Ipv6
                | IndicatorKind::Domain
                | IndicatorKind::Url
                | IndicatorKind::Email
                | IndicatorKind::Host
        )
    }
}

/// An indicator of compromise. Read from JSON only through the same validation as typed
/// input, and only in canonical form, so an imported case holds nothing Handoff would not
/// have stored itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "IndicatorRecord", deny_unknown_fields)]
pub struct Indicator {
    pub kind: IndicatorKind,
    /// Canonical and refanged. Defang with [`defang`] before showing it outside Handoff.
    pub value: String,
    /// What the indicator is in this case: "sender", "C2 server", "dropped payload".
    pub note: String,
}

/// An indicator as it stands in a file, before validation (what the schema describes).
#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Indicator"))]
#[serde(deny_unknown_fields)]
struct IndicatorRecord {
    kind: IndicatorKind,
    /// Canonical and refanged (lower-case where case carries no meaning).
    value: String,
    /// What the indicator is in this case.
    note: String,
}

impl TryFrom<IndicatorRecord> for Indicator {
    type Error = String;
    fn try_from(r: IndicatorRecord) -> Result<Indicator, String> {
        let mut ind = Indicator::new(r.kind, &r.value).map_err(|e| e.to_string())?;
        if ind.value != r.value {
            return Err(format!(
                "\"{}\" is not in canonical form (expected \"{}\")",
                super::text::truncate_chars(&r.value, 60),
                ind.value
            ));
        }
        ind.note = r.note;
        Ok(ind)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidIndicator {
    pub kind: IndicatorKind,
    pub value: String,
}

impl fmt::Display for InvalidIndicator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a valid {} indicator",
            super::text::truncate_chars(&self.value, 60),
            self.kind.label()
        )
    }
}

impl std::error::Error for InvalidIndicator {}

impl Indicator {
    /// Validates `raw` as an indicator of `kind`, refanging and canonicalising it.
    pub fn new(kind: IndicatorKind, raw: &str) -> Result<Indicator, InvalidIndicator> {
        let invalid = || InvalidIndicator {
            kind,
            value: raw.to_owned(),
        };
        if raw.len() > MAX_INDICATOR_BYTES {
            return Err(invalid());
        }
        let refanged = refang(raw.trim());
        let value = canonical(kind, &refanged).ok_or_else(invalid)?;
        // A canonical value is a fixed point of refang, so defang → refang gives it back.
        if refang(&value) != value {
            return Err(invalid());
        }
        Ok(Indicator {
            kind,
            value,
            note: String::new(),
        })
    }

    /// The value as it is safe to paste into a ticket or chat.
    pub fn defanged(&self) -> String {
        defang(self.kind, &self.value)
    }
}

fn no_controls(s: &str) -> bool {
    !s.chars().any(|c| c.is_control() || is_bidi_control(c))
}

/// Right-to-left overrides and friends can make a value read differently from what it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

pub(crate) fn canonical(kind: IndicatorKind, v: &str) -> Option<String> {
    if v.is_empty() || !no_controls(v) {
        return None;
    }
    match kind {
        IndicatorKind::Ipv4 => v.parse::<Ipv4Addr>().ok().map(|a| a.to_string()),
        IndicatorKind::Ipv6 => v.parse::<Ipv6Addr>().ok().map(|a| a.to_string()),
        IndicatorKind::Domain => is_domain(v).then(|| v.to_ascii_lowercase()),
        IndicatorKind::Email => {
            let (local, domain) = v.split_once('@')?;
            let local_ok = !local.is_empty()
                && local.len() <= 64
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
            (local_ok && is_domain(domain)).then(|| v.to_ascii_lowercase())
        }
        IndicatorKind::Url => canonical_url(v),
        IndicatorKind::Md5 => hex_of_len(v, 32),
        IndicatorKind::Sha1 => hex_of_len(v, 40),
        IndicatorKind::Sha256 => hex_of_len(v, 64),
        IndicatorKind::FileName => {
            (v.len() <= 255 && !v.contains(['/', '\\']) && v.trim() == v).then(|| v.to_owned())
        }
        IndicatorKind::User => (v.len() <= 256 && v.trim() == v).then(|| v.to_owned()),
        IndicatorKind::Host => (v.len() <= 255
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.$".contains(c))
            && !v.starts_with('.')
            && !v.ends_with('.'))
        .then(|| v.to_owned()),
    }
}

fn hex_of_len(v: &str, n: usize) -> Option<String> {
    (v.len() == n && v.bytes().all(|b| b.is_ascii_hexdigit())).then(|| v.to_ascii_lowercase())
}

fn is_domain(v: &str) -> bool {
    if v.len() > 253 || !v.contains('.') {
        return false;
    }
    let labels: Vec<&str> = v.split('.').collect();
    let label_ok = |l: &&str| {
        !l.is_empty()
            && l.len() <= 63
            && !l.starts_with('-')
            && !l.ends_with('-')
            && l.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let tld = labels[labels.len() - 1];
    labels.iter().all(label_ok)
        && tld.len() >= 2
        && (tld.bytes().all(|b| b.is_ascii_alphabetic()) || tld.starts_with("xn--"))
}

pub(crate) const URL_SCHEMES: [&str; 3] = ["http://", "https://", "ftp://"];

fn canonical_url(v: &str) -> Option<String> {
    let lower = v.get(..8).unwrap_or(v).to_ascii_lowercase();
    let scheme = URL_SCHEMES.iter().find(|s| lower.starts_with(**s))?;
    let rest = &v[scheme.len()..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let authority = &rest[..host_end];
    if authority.is_empty() {
        return None;
    }
    // RFC 3986 forbids these unencoded; brackets only around an IPv6 host.
    let path = &rest[host_end..];
    let bad = |c: char| c.is_whitespace() || "<>\"{}|\\^`[]".contains(c);
    let host_bad = |c: char| c.is_whitespace() || "<>\"{}|\\^`".contains(c);
    if path.chars().any(bad) || authority.chars().any(host_bad) {
        return None;
    }
    Some(format!("{scheme}{rest}"))
}

/// Makes an indicator safe to paste: `hxxps://evil[.]example/x`, `user[@]evil[.]example`,
/// `203.0.113[.]7`, `2001[:]db8[:][:]1`. Non-network kinds come back unchanged.
pub fn defang(kind: IndicatorKind, value: &str) -> String {
    match kind {
        IndicatorKind::Ipv4 | IndicatorKind::Domain | IndicatorKind::Host => {
            value.replace('.', "[.]")
        }
        IndicatorKind::Ipv6 => value.replace(':', "[:]"),
        IndicatorKind::Email => match value.split_once('@') {
            Some((local, domain)) => format!("{local}[@]{}", domain.replace('.', "[.]")),
            None => value.to_owned(),
        },
        IndicatorKind::Url => defang_url(value),
        _ => value.to_owned(),
    }
}

pub(crate) fn defang_url(v: &str) -> String {
    let lower = v.get(..8).unwrap_or(v).to_ascii_lowercase();
    let Some(scheme) = URL_SCHEMES.iter().find(|s| lower.starts_with(**s)) else {
        return v.replace('.', "[.]");
    };
    let rest = &v[scheme.len()..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let fanged = match *scheme {
        "http://" => "hxxp://",
        "https://" => "hxxps://",
        _ => "fxp://",
    };
    format!(
        "{fanged}{}{}",
        rest[..host_end].replace('.', "[.]"),
        &rest[host_end..]
    )
}

/// Undoes the defanging styles analysts meet: `hxxp`, `hXXps`, `fxp`, `[.]`, `(.)`, `{.}`,
/// `[dot]`, `[@]`, `[at]`, `[:]`, `[://]`. Works on whole pasted texts; case-insensitive.
pub fn refang(text: &str) -> String {
    const MARKERS: [(&str, &str); 14] = [
        ("[://]", "://"),
        ("hxxps://", "https://"),
        ("hxxp://", "http://"),
        ("fxp://", "ftp://"),
        ("[.]", "."),
        ("(.)", "."),
        ("{.}", "."),
        ("[dot]", "."),
        ("(dot)", "."),
        ("{dot}", "."),
        ("[@]", "@"),
        ("[at]", "@"),
        ("(at)", "@"),
        ("[:]", ":"),
    ];
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    'outer: while i < bytes.len() {
        let b = bytes[i];
        if matches!(b, b'[' | b'(' | b'{' | b'h' | b'H' | b'f' | b'F') {
            for (from, to) in MARKERS {
                let end = i + from.len();
                if end <= bytes.len() && bytes[i..end].eq_ignore_ascii_case(from.as_bytes()) {
                    out.push_str(to);
                    i = end;
                    continue 'outer;
                }
            }
        }
        // Copy one whole character.
        let ch_len = utf8_len(b);
        let end = (i + ch_len).min(bytes.len());
        out.push_str(&text[i..end]);
        i = end;
    }
    out
}

pub(crate) fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Defangs every URL, domain, email and IP address that appears inside free text, leaving the
/// rest as written. Used on user-written prose in exports, so a URL typed into "Why" is no
/// more clickable than one in the indicator list.
pub fn defang_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while !rest.is_empty() {
        let start = run_len(rest, true);
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = run_len(rest, false);
        defang_token(&rest[..end], &mut out);
        rest = &rest[end..];
    }
    out
}

/// The length in bytes of the leading run of `s` made of token breaks (`breaks`) or of token
/// characters (`!breaks`). Bytewise for ASCII, since this runs over every exported text.
fn run_len(s: &str, breaks: bool) -> usize {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let (is_break, len) = if b[i].is_ascii() {
            (is_ascii_token_break(b[i]), 1)
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if is_break != breaks {
            break;
        }
        i += len;
    }
    i
}

/// White space (as `char::is_whitespace` has it for ASCII) and the punctuation that ends a
/// URL or address in prose.
fn is_ascii_token_break(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') || b"\"'<>()[]{},;|`=".contains(&b)
}

fn defang_token(token: &str, out: &mut String) {
    // Most words of prose cannot be a URL, email, domain or address: copy them as they are.
    if !token.contains(['.', ':', '@']) {
        return out.push_str(token);
    }
    let lower = token.get(..8).unwrap_or(token).to_ascii_lowercase();
    if URL_SCHEMES.iter().any(|s| lower.starts_with(s)) || lower.starts_with("www.") {
        return out.push_str(&defang_url(token));
    }
    let core = token.trim_end_matches(['.', ':', '!', '?']);
    let tail = &token[core.len()..];
    for kind in [
        IndicatorKind::Email,
        IndicatorKind::Ipv4,
        IndicatorKind::Ipv6,
        IndicatorKind::Domain,
    ] {
        if canonical(kind, core).is_some()
            && (kind != IndicatorKind::Ipv6
                || core.contains("::")
                || core.matches(':').count() >= 2)
        {
            if kind == IndicatorKind::Domain && !looks_like_domain(core) {
                continue;
            }
            out.push_str(&defang(kind, core));
            return out.push_str(tail);
        }
    }
    out.push_str(token)
}

/// A conservative test for "this dotted word is a domain", used where a false positive would
/// mangle prose: the last label must be a known top-level domain.
pub(crate) fn looks_like_domain(v: &str) -> bool {
    let tld = v.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if file_extension(v).is_some() && !COMMON_TLDS.contains(&tld.as_str()) {
        return false;
    }
    (tld.len() == 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        || COMMON_TLDS.contains(&tld.as_str())
        || INTERNAL_SUFFIXES.contains(&tld.as_str())
}

pub(crate) const COMMON_TLDS: &[&str] = &[
    "com",
    "net",
    "org",
    "edu",
    "gov",
    "mil",
    "int",
    "info",
    "biz",
    "app",
    "dev",
    "xyz",
    "top",
    "site",
    "online",
    "shop",
    "store",
    "club",
    "live",
    "tech",
    "cloud",
    "space",
    "website",
    "pro",
    "name",
    "mobi",
    "asia",
    "vip",
    "win",
    "bid",
    "loan",
    "work",
    "click",
    "link",
    "download",
    "zip",
    "mov",
    "review",
    "country",
    "stream",
    "gdn",
    "men",
    "date",
    "racing",
    "party",
    "trade",
    "science",
    "host",
    "press",
    "fun",
    "icu",
    "buzz",
    "rest",
    "bar",
    "monster",
    "cyou",
    "sbs",
    "cfd",
    "lol",
    "best",
    "uno",
    "ink",
    "life",
    "today",
    "world",
    "email",
    "support",
    "services",
    "solutions",
    "network",
    "systems",
    "digital",
    "agency",
    "company",
    "group",
    "global",
    "center",
    "news",
    "blog",
    "art",
    "page",
    "wiki",
    "ninja",
    "guru",
    "onion",
    "arpa",
    "aero",
    "coop",
    "museum",
    "travel",
    "jobs",
    "tel",
    "cat",
    "one",
    "run",
    "sh",
    "io",
    "ai",
    "co",
    "me",
];

/// Suffixes of internal names: a dotted name ending in one of these is a host, not a domain.
pub(crate) const INTERNAL_SUFFIXES: &[&str] = &[
    "local",
    "lan",
    "corp",
    "internal",
    "intranet",
    "home",
    "localdomain",
];

const FILE_EXTENSIONS: &[&str] = &[
    "exe", "dll", "sys", "scr", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf",
    "hta", "lnk", "msi", "msp", "jar", "iso", "img", "vhd", "zip", "rar", "7z", "gz", "tgz", "tar",
    "cab", "doc", "docx", "docm", "dot", "dotm", "xls", "xlsx", "xlsm", "xlsb", "ppt", "pptx",
    "pptm", "rtf", "pdf", "one", "html", "htm", "svg", "py", "sh", "elf", "bin", "dat", "tmp",
    "apk", "dmg", "pkg", "eml", "msg", "chm", "reg", "inf", "cpl", "ocx", "xll",
];

pub(crate) fn file_extension(v: &str) -> Option<&'static str> {
    let (stem, ext) = v.rsplit_once('.')?;
    if stem.is_empty() {
        return None;
    }
    let ext = ext.to_ascii_lowercase();
    FILE_EXTENSIONS.iter().copied().find(|e| *e == ext)
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorKind as K;

    #[test]
    fn defangs_each_network_kind() {
        assert_eq!(
            defang(K::Url, "https://evil.example.com/a.b"),
            "hxxps://evil[.]example[.]com/a.b"
        );
        assert_eq!(defang(K::Url, "http://x.io"), "hxxp://x[.]io");
        assert_eq!(defang(K::Email, "a.b@evil.com"), "a.b[@]evil[.]com");
        assert_eq!(defang(K::Ipv4, "203.0.113.7"), "203[.]0[.]113[.]7");
        assert_eq!(defang(K::Ipv6, "2001:db8::1"), "2001[:]db8[:][:]1");
        assert_eq!(
            defang(K::Sha1, "3395856ce81f2b7382dee72602f798b642f14140"),
            "3395856ce81f2b7382dee72602f798b642f14140"
        );
    }

    #[test]
    fn refangs_the_common_styles() {
        assert_eq!(
            refang("hXXps://evil(.)example{.}com[/]"),
            "https://evil.example.com[/]"
        );
        assert_eq!(
            refang("user[at]evil[dot]com 10[.]0[.]0[.]1"),
            "user@evil.com 10.0.0.1"
        );
        assert_eq!(
            refang("fxp://files[.]example[.]org"),
            "ftp://files.example.org"
        );
        assert_eq!(refang("naïve [.] text ✓"), "naïve . text ✓");
    }

    #[test]
    fn defang_text_neutralises_links_in_prose_only() {
        let s = defang_text("Clicked https://evil.example.com/x, mailed bob@evil.com from 10.0.0.1. Version 1.2 of invoice.pdf.");
        assert_eq!(
            s,
            "Clicked hxxps://evil[.]example[.]com/x, mailed bob[@]evil[.]com from 10[.]0[.]0[.]1. Version 1.2 of invoice.pdf."
        );
    }

    #[test]
    fn validation_refuses_bad_values() {
        assert!(Indicator::new(K::Ipv4, "300.1.1.1").is_err());
        assert!(Indicator::new(K::Domain, "no_tld").is_err());
        assert!(Indicator::new(K::Url, "javascript:alert(1)").is_err());
        assert!(Indicator::new(K::Url, "https://x.com/a b").is_err());
        assert!(Indicator::new(K::Md5, "abc").is_err());
        assert!(Indicator::new(K::User, "evil\u{202E}gpj.exe").is_err());
        assert!(Indicator::new(K::FileName, "a\u{0}.exe").is_err());
        assert_eq!(
            Indicator::new(K::Domain, "Evil[.]COM").unwrap().value,
            "evil.com"
        );
    }
}

crate::vocabulary::names::impl_deserialize_by_name!(IndicatorKind);
