//! Indicators of compromise: validation, extraction from pasted alert text, and the
//! defanging / refanging that keeps them from being clicked in tickets and chat.
//!
//! Every stored value is canonical (lower-case where case carries no meaning, refanged), so
//! duplicates are easy to spot and export → import is exact.

use std::borrow::Cow;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

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
        // What Handoff wrote itself is canonical already: checked in place and kept, without
        // the copies `Indicator::new` makes (they were half of a 5 MB import's time).
        if Indicator::is_canonical(r.kind, &r.value) {
            return Ok(Indicator {
                kind: r.kind,
                value: r.value,
                note: r.note,
            });
        }
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
        let value = match canonical(kind, &refanged).ok_or_else(invalid)? {
            Cow::Owned(value) => value,
            Cow::Borrowed(_) => refanged,
        };
        // A canonical value is a fixed point of refang, so defang → refang gives it back.
        if has_marker(&value) {
            return Err(invalid());
        }
        Ok(Indicator {
            kind,
            value,
            note: String::new(),
        })
    }

    /// Whether `value` is already what [`Indicator::new`] makes of it: `new` would give it
    /// back unchanged (a property test holds the two together).
    fn is_canonical(kind: IndicatorKind, value: &str) -> bool {
        value.len() <= MAX_INDICATOR_BYTES
            && value.trim().len() == value.len()
            && !has_marker(value)
            && canonical(kind, value).is_some_and(|c| c == value)
    }

    /// The value as it is safe to paste into a ticket or chat.
    pub fn defanged(&self) -> String {
        defang(self.kind, &self.value)
    }

    /// As [`Indicator::defanged`], but a value of the organisation's own (see [`OwnDomains`])
    /// stays as it is.
    pub fn defanged_except(&self, own: &OwnDomains) -> String {
        defang_except(self.kind, &self.value, own)
    }

    /// Whether the value is the organisation's own: a mailbox, domain, URL or address that
    /// [`OwnDomains`] lists. Such a value is context, never an indicator of compromise.
    pub fn is_own(&self, own: &OwnDomains) -> bool {
        own.owns(self.kind, &self.value)
    }
}

fn no_controls(s: &str) -> bool {
    match s.is_ascii() {
        // Nearly every value: no bidi control is ASCII, and its controls are a byte each.
        true => !s.bytes().any(|b| b.is_ascii_control()),
        false => !s.chars().any(|c| c.is_control() || is_bidi_control(c)),
    }
}

/// Right-to-left overrides and friends can make a value read differently from what it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// The canonical form of `v` as an indicator of `kind`, or `None` if it is not one. Borrowed
/// when `v` is already canonical, as every value Handoff wrote itself is: an import checks
/// tens of thousands of them, and a copy of each was made only to be compared and dropped.
pub(crate) fn canonical(kind: IndicatorKind, v: &str) -> Option<Cow<'_, str>> {
    if v.is_empty() || !no_controls(v) {
        return None;
    }
    match kind {
        IndicatorKind::Ipv4 => v.parse::<Ipv4Addr>().ok().map(|a| a.to_string().into()),
        IndicatorKind::Ipv6 => v.parse::<Ipv6Addr>().ok().map(|a| a.to_string().into()),
        IndicatorKind::Domain => is_domain(v).then(|| ascii_lowercase(v)),
        IndicatorKind::Email => {
            let (local, domain) = v.split_once('@')?;
            let local_ok = !local.is_empty()
                && local.len() <= 64
                && local
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._%+-".contains(c));
            (local_ok && is_domain(domain)).then(|| ascii_lowercase(v))
        }
        IndicatorKind::Url => canonical_url(v),
        IndicatorKind::Md5 => hex_of_len(v, 32),
        IndicatorKind::Sha1 => hex_of_len(v, 40),
        IndicatorKind::Sha256 => hex_of_len(v, 64),
        IndicatorKind::FileName => {
            (v.len() <= 255 && !v.contains(['/', '\\']) && v.trim() == v).then_some(v.into())
        }
        IndicatorKind::User => (v.len() <= 256 && v.trim() == v).then_some(v.into()),
        IndicatorKind::Host => (v.len() <= 255
            && v.chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.$".contains(c))
            && !v.starts_with('.')
            && !v.ends_with('.'))
        .then_some(v.into()),
    }
}

/// `v` in ASCII lower case: itself when it has no upper-case letter.
fn ascii_lowercase(v: &str) -> Cow<'_, str> {
    match v.bytes().any(|b| b.is_ascii_uppercase()) {
        true => Cow::Owned(v.to_ascii_lowercase()),
        false => Cow::Borrowed(v),
    }
}

fn hex_of_len(v: &str, n: usize) -> Option<Cow<'_, str>> {
    (v.len() == n && v.bytes().all(|b| b.is_ascii_hexdigit())).then(|| ascii_lowercase(v))
}

fn is_domain(v: &str) -> bool {
    // Bytes throughout, and no list of labels: a 5 MB import checks tens of thousands.
    let label_ok = |l: &[u8]| {
        matches!((l.first(), l.last()), (Some(&a), Some(&z)) if a != b'-' && z != b'-')
            && l.len() <= 63
            && l.iter()
                .all(|&b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    };
    let (labels, tld) = match v.rsplit_once('.') {
        Some(split) if v.len() <= 253 => split,
        _ => return false,
    };
    labels.as_bytes().split(|&b| b == b'.').all(label_ok)
        && label_ok(tld.as_bytes())
        && tld.len() >= 2
        && (tld.bytes().all(|b| b.is_ascii_alphabetic()) || tld.starts_with("xn--"))
}

pub(crate) const URL_SCHEMES: [&str; 3] = ["http://", "https://", "ftp://"];

/// The scheme `v` starts with, in any case, as [`URL_SCHEMES`] spells it.
fn url_scheme(v: &str) -> Option<&'static str> {
    URL_SCHEMES
        .into_iter()
        .find(|s| v.get(..s.len()).is_some_and(|p| p.eq_ignore_ascii_case(s)))
}

fn canonical_url(v: &str) -> Option<Cow<'_, str>> {
    let scheme = url_scheme(v)?;
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
    // Only the scheme is lower-cased.
    Some(match v.starts_with(scheme) {
        true => Cow::Borrowed(v),
        false => Cow::Owned(format!("{scheme}{rest}")),
    })
}

/// Makes an indicator safe to paste: `hxxps://evil[.]example/x`, `user[@]evil[.]example`,
/// `203.0.113[.]7`, `2001[:]db8[:][:]1`. Non-network kinds come back unchanged.
pub fn defang(kind: IndicatorKind, value: &str) -> String {
    defang_except(kind, value, &OwnDomains::NONE)
}

/// As [`defang`], except for the organisation's own domains and networks, which stay as they
/// are: `jdoe@contoso.com` is the victim's mailbox, not a threat to neutralise.
pub fn defang_except(kind: IndicatorKind, value: &str, own: &OwnDomains) -> String {
    if !own.is_empty() && own.owns(kind, value) {
        return value.to_owned();
    }
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
    let Some(scheme) = url_scheme(v) else {
        return v.replace('.', "[.]");
    };
    let rest = &v[scheme.len()..];
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let fanged = match scheme {
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
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // The text between markers is copied a run at a time (a 5 MB import refangs every
    // indicator). Every marker is ASCII and no byte of a multi-byte character is, so a marker
    // starts only at a character boundary, where the run can be cut.
    let mut run = 0;
    while let Some((i, (from, to))) = next_marker(bytes, run) {
        out.push_str(&text[run..i]);
        out.push_str(to);
        run = i + from.len();
    }
    out.push_str(&text[run..]);
    out
}

/// The defanging markers [`refang`] undoes, each with what it stands for.
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

/// The first marker in `bytes` at or after `from`: where it starts, and which it is.
fn next_marker(
    bytes: &[u8],
    from: usize,
) -> Option<(usize, &'static (&'static str, &'static str))> {
    (from..bytes.len()).find_map(|i| {
        let b = bytes[i].to_ascii_lowercase();
        if !matches!(b, b'[' | b'(' | b'{' | b'h' | b'f') {
            return None;
        }
        let rest = &bytes[i..];
        MARKERS
            .iter()
            .find(|(m, _)| {
                m.as_bytes()[0] == b
                    && rest.len() >= m.len()
                    && rest[..m.len()].eq_ignore_ascii_case(m.as_bytes())
            })
            .map(|m| (i, m))
    })
}

/// Whether [`refang`] would change `text`: each marker stands for something else.
fn has_marker(text: &str) -> bool {
    next_marker(text.as_bytes(), 0).is_some()
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
    defang_text_except(text, &OwnDomains::NONE)
}

/// As [`defang_text`], leaving the organisation's own domains and networks as they are.
pub fn defang_text_except(text: &str, own: &OwnDomains) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while !rest.is_empty() {
        let start = run_len(rest, true);
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let end = run_len(rest, false);
        defang_token(&rest[..end], own, &mut out);
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
    // A pattern rather than a search of a list: a search per byte was 17 % of the Markdown
    // export's time.
    matches!(
        b,
        b' ' | b'\t'
            | b'\n'
            | 0x0b
            | 0x0c
            | b'\r'
            | b'"'
            | b'\''
            | b'<'
            | b'>'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b','
            | b';'
            | b'|'
            | b'`'
            | b'='
    )
}

fn defang_token(token: &str, own: &OwnDomains, out: &mut String) {
    // Most words of prose cannot be a URL, email, domain or address: copy them as they are.
    if !token.bytes().any(|b| matches!(b, b'.' | b':' | b'@')) {
        return out.push_str(token);
    }
    let lower = token.get(..8).unwrap_or(token).to_ascii_lowercase();
    if URL_SCHEMES.iter().any(|s| lower.starts_with(s)) || lower.starts_with("www.") {
        if !own.is_empty() && own.owns_url(token) {
            return out.push_str(token);
        }
        return out.push_str(&defang_url(token));
    }
    // A mail link: its address is defanged like any other, and its scheme too.
    if lower.starts_with("mailto:") {
        out.push_str("mailto[:]");
        return defang_token(&token[7..], own, out);
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
            out.push_str(&defang_except(kind, core, own));
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

/// The organisation's own domains and address ranges, which exports leave as they are instead
/// of defanging them: `jdoe@contoso.com` is where the phishing mail landed, not where it came
/// from. Empty by default. The analyst lists them once in the settings; each entry is checked
/// and kept in canonical form (lower-case domain without a leading `*.` or `.`; a network
/// with its host bits cleared), so a stored list reads back exactly.
///
/// A domain covers itself and every name under it (`contoso.com` covers `mail.contoso.com`);
/// a network (CIDR, `10.0.0.0/8`, `2001:db8::/32`, or one address) covers the addresses in it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "OwnDomainsRecord", into = "OwnDomainsRecord")]
pub struct OwnDomains {
    domains: Vec<String>,
    networks: Vec<Network>,
}

/// The serde form of [`OwnDomains`]: `{"domains": [...], "networks": [...]}`; either list may
/// be left out.
#[derive(Clone, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct OwnDomainsRecord {
    domains: Vec<String>,
    networks: Vec<String>,
}

impl TryFrom<OwnDomainsRecord> for OwnDomains {
    type Error = String;
    fn try_from(r: OwnDomainsRecord) -> Result<Self, String> {
        OwnDomains::new(&r.domains, &r.networks).map_err(|e| e.0)
    }
}

impl From<OwnDomains> for OwnDomainsRecord {
    fn from(o: OwnDomains) -> Self {
        OwnDomainsRecord {
            networks: o.networks.iter().map(Network::to_string).collect(),
            domains: o.domains,
        }
    }
}

/// An address range in CIDR form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Network {
    base: IpAddr,
    prefix: u8,
}

impl fmt::Display for Network {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.base, self.prefix)
    }
}

impl Network {
    fn parse(s: &str) -> Option<Network> {
        let (addr, prefix) = match s.split_once('/') {
            Some((a, p)) if !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) => {
                (a, Some(p.parse::<u8>().ok()?))
            }
            Some(_) => return None,
            None => (s, None),
        };
        let base: IpAddr = addr.parse().ok()?;
        let max = if base.is_ipv4() { 32 } else { 128 };
        let prefix = prefix.unwrap_or(max);
        if prefix > max {
            return None;
        }
        let base = match base {
            IpAddr::V4(a) => IpAddr::V4(Ipv4Addr::from(u32::from(a) & mask32(prefix))),
            IpAddr::V6(a) => IpAddr::V6(Ipv6Addr::from(u128::from(a) & mask128(prefix))),
        };
        Some(Network { base, prefix })
    }

    fn contains(&self, ip: IpAddr) -> bool {
        match (self.base, ip) {
            (IpAddr::V4(b), IpAddr::V4(a)) => u32::from(a) & mask32(self.prefix) == u32::from(b),
            (IpAddr::V6(b), IpAddr::V6(a)) => u128::from(a) & mask128(self.prefix) == u128::from(b),
            _ => false,
        }
    }
}

fn mask32(prefix: u8) -> u32 {
    u32::MAX.checked_shl(32 - u32::from(prefix)).unwrap_or(0)
}

fn mask128(prefix: u8) -> u128 {
    u128::MAX.checked_shl(128 - u32::from(prefix)).unwrap_or(0)
}

/// An entry of [`OwnDomains`] that is neither a domain nor a network.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidOwnEntry(pub String);

impl fmt::Display for InvalidOwnEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvalidOwnEntry {}

impl OwnDomains {
    /// No own domains: everything that can be defanged is.
    pub const NONE: OwnDomains = OwnDomains {
        domains: Vec::new(),
        networks: Vec::new(),
    };

    /// Checks and canonicalises each entry: `domains` such as `contoso.com` or `*.contoso.com`,
    /// `networks` such as `10.0.0.0/8`, `192.0.2.7` or `2001:db8::/32`. Blank entries are
    /// skipped and duplicates kept once; the first bad entry is refused in plain words.
    pub fn new<D: AsRef<str>, N: AsRef<str>>(
        domains: &[D],
        networks: &[N],
    ) -> Result<OwnDomains, InvalidOwnEntry> {
        let mut own = OwnDomains::default();
        for d in domains {
            let raw = d.as_ref().trim();
            if raw.is_empty() {
                continue;
            }
            let name = refang(raw.trim_start_matches("*.").trim_start_matches('.'));
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            if !is_domain(&name) {
                return Err(InvalidOwnEntry(format!(
                    "\"{}\" is not a domain such as contoso.com",
                    super::text::truncate_chars(raw, 60)
                )));
            }
            if !own.domains.contains(&name) {
                own.domains.push(name);
            }
        }
        for n in networks {
            let raw = n.as_ref().trim();
            if raw.is_empty() {
                continue;
            }
            let net = Network::parse(&refang(raw)).ok_or_else(|| {
                InvalidOwnEntry(format!(
                    "\"{}\" is not an address range such as 10.0.0.0/8 or 2001:db8::/32",
                    super::text::truncate_chars(raw, 60)
                ))
            })?;
            if !own.networks.contains(&net) {
                own.networks.push(net);
            }
        }
        Ok(own)
    }

    pub fn is_empty(&self) -> bool {
        self.domains.is_empty() && self.networks.is_empty()
    }

    /// The domains, canonical.
    pub fn domains(&self) -> &[String] {
        &self.domains
    }

    /// The networks, in CIDR form.
    pub fn networks(&self) -> Vec<String> {
        self.networks.iter().map(Network::to_string).collect()
    }

    /// Whether `name` is one of the domains or under one of them.
    pub fn owns_domain(&self, name: &str) -> bool {
        let name = name.trim_end_matches('.');
        self.domains.iter().any(|d| {
            name.len() >= d.len()
                && name[name.len() - d.len()..].eq_ignore_ascii_case(d)
                && (name.len() == d.len() || name.as_bytes()[name.len() - d.len() - 1] == b'.')
        })
    }

    pub fn owns_ip(&self, ip: IpAddr) -> bool {
        self.networks.iter().any(|n| n.contains(ip))
    }

    /// Whether a URL (with or without its scheme) points at an own host or address.
    pub fn owns_url(&self, url: &str) -> bool {
        let lower = url.get(..8).unwrap_or(url).to_ascii_lowercase();
        let rest = URL_SCHEMES
            .iter()
            .find(|s| lower.starts_with(**s))
            .map_or(url, |s| &url[s.len()..]);
        let authority = &rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())];
        let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
        if let Some(v6) = host.strip_prefix('[') {
            let v6 = v6.split(']').next().unwrap_or("");
            return v6.parse().is_ok_and(|ip| self.owns_ip(IpAddr::V6(ip)));
        }
        let host = host.split(':').next().unwrap_or(host);
        match host.parse::<Ipv4Addr>() {
            Ok(ip) => self.owns_ip(IpAddr::V4(ip)),
            Err(_) => self.owns_domain(host),
        }
    }

    /// Whether an indicator's canonical value is the organisation's own.
    pub fn owns(&self, kind: IndicatorKind, value: &str) -> bool {
        if self.is_empty() {
            return false;
        }
        match kind {
            IndicatorKind::Ipv4 | IndicatorKind::Ipv6 => {
                value.parse().is_ok_and(|ip| self.owns_ip(ip))
            }
            IndicatorKind::Domain | IndicatorKind::Host => self.owns_domain(value),
            IndicatorKind::Email => value
                .rsplit_once('@')
                .is_some_and(|(_, d)| self.owns_domain(d)),
            IndicatorKind::Url => self.owns_url(value),
            _ => false,
        }
    }
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
    #[test]
    fn own_domains_and_networks_are_left_as_they_are() {
        let own =
            OwnDomains::new(&["*.Contoso.com", ""], &["10.0.0.0/8", "2001:db8::/32"]).unwrap();
        assert_eq!(own.domains(), ["contoso.com"]);
        assert_eq!(
            defang_except(K::Email, "jdoe@contoso.com", &own),
            "jdoe@contoso.com"
        );
        assert_eq!(
            defang_except(K::Email, "jdoe@mail.contoso.com", &own),
            "jdoe@mail.contoso.com"
        );
        assert_eq!(
            defang_except(K::Email, "a@notcontoso.com", &own),
            "a[@]notcontoso[.]com"
        );
        assert_eq!(defang_except(K::Ipv4, "10.1.2.3", &own), "10.1.2.3");
        assert_eq!(defang_except(K::Ipv4, "11.1.2.3", &own), "11[.]1[.]2[.]3");
        assert_eq!(defang_except(K::Ipv6, "2001:db8::1", &own), "2001:db8::1");
        assert_eq!(
            defang_except(K::Url, "https://intranet.contoso.com/a", &own),
            "https://intranet.contoso.com/a"
        );
        assert_eq!(
            defang_text_except("From bob@evil.com to jdoe@contoso.com via https://contoso.com/x and 10.0.0.5, 8.8.8.8.", &own),
            "From bob[@]evil[.]com to jdoe@contoso.com via https://contoso.com/x and 10.0.0.5, 8[.]8[.]8[.]8."
        );
        assert!(own.owns_url("http://user@[2001:db8::5]:8080/x"));
        assert_eq!(defang_text("mailto:a@evil.com"), "mailto[:]a[@]evil[.]com");
        assert_eq!(refang("mailto[:]a[@]evil[.]com"), "mailto:a@evil.com");
        assert!(!own.owns_url("http://contoso.com.evil.net/x"));
    }

    #[test]
    fn own_domains_are_checked_and_canonical() {
        let own = OwnDomains::new(&["contoso.com"], &["192.168.7.9/16", "192.0.2.7"]).unwrap();
        assert_eq!(own.networks(), ["192.168.0.0/16", "192.0.2.7/32"]);
        let json = serde_json::to_string(&own).unwrap();
        assert_eq!(
            json,
            r#"{"domains":["contoso.com"],"networks":["192.168.0.0/16","192.0.2.7/32"]}"#
        );
        assert_eq!(serde_json::from_str::<OwnDomains>(&json).unwrap(), own);
        assert_eq!(
            serde_json::from_str::<OwnDomains>("{}").unwrap(),
            OwnDomains::NONE
        );
        assert!(OwnDomains::new(&["no_tld"], &[""; 0]).is_err());
        let e = OwnDomains::new(&[""; 0], &["10.0.0.0/33"]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "\"10.0.0.0/33\" is not an address range such as 10.0.0.0/8 or 2001:db8::/32"
        );
        assert!(serde_json::from_str::<OwnDomains>(r#"{"domains":["x"]}"#).is_err());
        assert!(serde_json::from_str::<OwnDomains>(r#"{"domain":[]}"#).is_err());
    }
}

crate::vocabulary::names::impl_deserialize_by_name!(IndicatorKind);
