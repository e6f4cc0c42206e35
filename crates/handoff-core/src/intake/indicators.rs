//! Indicators in pasted alert text: every IP, domain, URL, email, hash, file, user and host,
//! refanged, validated and deduplicated.

use std::collections::HashSet;
use std::net::{Ipv4Addr, Ipv6Addr};

use crate::vocabulary::indicator::{
    file_extension, looks_like_domain, refang, utf8_len, Indicator, IndicatorKind, COMMON_TLDS,
    INTERNAL_SUFFIXES, URL_SCHEMES,
};
use crate::vocabulary::limits::{MAX_EXTRACTED_INDICATORS, MAX_RAW_ALERT_BYTES};

const USER_KEYS: &[&str] = &[
    "user",
    "username",
    "accountname",
    "account",
    "srcuser",
    "dstuser",
    "targetusername",
    "subjectusername",
    "suser",
    "duser",
    "logonuser",
    "samaccountname",
    "recipient",
    "sender",
    "from",
    "to",
    "userid",
    "principal",
];
const HOST_KEYS: &[&str] = &[
    "host",
    "hostname",
    "computer",
    "computername",
    "device",
    "devicename",
    "workstation",
    "workstationname",
    "srchost",
    "dsthost",
    "shost",
    "dhost",
    "dvchost",
    "machine",
    "machinename",
    "endpoint",
    "server",
    "servername",
    "asset",
];

/// Pulls every indicator out of pasted alert text, refanging first, deduplicated in order of
/// first appearance. Bounded: at most [`MAX_RAW_ALERT_BYTES`] are read and at most
/// [`MAX_EXTRACTED_INDICATORS`] are returned, so a huge paste costs linear time at worst.
pub fn extract(text: &str) -> Vec<Indicator> {
    let text = match text.len() > MAX_RAW_ALERT_BYTES {
        true => &text[..floor_char_boundary(text, MAX_RAW_ALERT_BYTES)],
        false => text,
    };
    let text = refang(text);
    let mut found = Found::default();
    for line in text.lines() {
        key_values(line, &mut found);
        tokens(line, &mut found);
        if found.list.len() >= MAX_EXTRACTED_INDICATORS {
            break;
        }
    }
    found.list
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[derive(Default)]
struct Found {
    list: Vec<Indicator>,
    seen: HashSet<(IndicatorKind, String)>,
}

impl Found {
    fn add(&mut self, kind: IndicatorKind, raw: &str) -> bool {
        if self.list.len() >= MAX_EXTRACTED_INDICATORS {
            return false;
        }
        match Indicator::new(kind, raw) {
            Ok(ind) => {
                // Users and hosts compare case-insensitively for duplicates, as Windows does.
                let key = (kind, ind.value.to_lowercase());
                if self.seen.insert(key) {
                    self.list.push(ind);
                }
                true
            }
            Err(_) => false,
        }
    }
}

/// `user=jdoe`, `Account Name: jdoe`, `"hostname": "WS-01"`.
fn key_values(line: &str, found: &mut Found) {
    let b = line.as_bytes();
    for (pos, &c) in b.iter().enumerate() {
        if c != b'=' && c != b':' {
            continue;
        }
        // Key: the word before the separator, or the two words before it ("Account Name").
        let before = line[..pos].trim_end_matches([' ', '"', '\'']);
        let mut words = before
            .rsplit(|ch: char| !(ch.is_ascii_alphanumeric() || ch == '_' || ch == '-' || ch == ' '))
            .next()
            .unwrap_or("")
            .split(' ')
            .rev();
        let last = normalise_key(words.next().unwrap_or(""));
        let two = format!("{}{last}", normalise_key(words.next().unwrap_or("")));
        let key_kind = |k: &str| {
            if USER_KEYS.contains(&k) {
                Some(IndicatorKind::User)
            } else if HOST_KEYS.contains(&k) {
                Some(IndicatorKind::Host)
            } else {
                None
            }
        };
        let Some(kind) = key_kind(&two).or_else(|| key_kind(&last)) else {
            continue;
        };
        let value = line[pos + 1..]
            .trim_start_matches([' ', '\t', '"', '\''])
            .split(|ch: char| ch.is_whitespace() || "\"',;|&".contains(ch))
            .next()
            .unwrap_or("");
        let value = value.trim_end_matches(['.', ':']);
        if value.is_empty() || value == "-" || value.eq_ignore_ascii_case("n/a") {
            continue;
        }
        // An email-shaped user or sender is an email indicator.
        if kind == IndicatorKind::User && value.contains('@') {
            found.add(IndicatorKind::Email, value);
        } else if kind == IndicatorKind::Host && value.parse::<Ipv4Addr>().is_ok() {
            found.add(IndicatorKind::Ipv4, value);
        } else {
            found.add(kind, value);
        }
    }
}

fn normalise_key(k: &str) -> String {
    k.chars()
        .filter(char::is_ascii_alphanumeric)
        .collect::<String>()
        .to_ascii_lowercase()
}

fn tokens(line: &str, found: &mut Found) {
    // URLs first, masked out so their host and path are not read again as domains and files.
    let mut masked = String::with_capacity(line.len());
    let mut rest = line;
    loop {
        let lower = rest.to_ascii_lowercase();
        let next = URL_SCHEMES.iter().filter_map(|s| lower.find(s)).min();
        let Some(at) = next else {
            masked.push_str(rest);
            break;
        };
        masked.push_str(&rest[..at]);
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| c.is_whitespace() || "\"'<>`".contains(c))
            .unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '}']);
        found.add(IndicatorKind::Url, url);
        masked.push(' ');
        rest = &tail[end..];
        if end == 0 {
            // Defensive: never loop without progress.
            let step = utf8_len(tail.as_bytes()[0]);
            rest = &tail[step.min(tail.len())..];
        }
    }
    for raw in masked.split(|c: char| c.is_whitespace() || "\"'<>,;|()[]{}=`".contains(c)) {
        let t = raw.trim_matches(['.', ':', '!', '?', '*']);
        if t.len() < 3 {
            continue;
        }
        classify_token(t, found);
    }
}

fn classify_token(t: &str, found: &mut Found) {
    if t.contains('@') {
        found.add(IndicatorKind::Email, t);
        return;
    }
    if t.contains(['\\', '/']) {
        let last = t.rsplit(['\\', '/']).next().unwrap_or("");
        if file_extension(last).is_some() {
            found.add(IndicatorKind::FileName, last);
        }
        return;
    }
    if t.bytes().all(|b| b.is_ascii_hexdigit()) {
        let kind = match t.len() {
            32 => IndicatorKind::Md5,
            40 => IndicatorKind::Sha1,
            64 => IndicatorKind::Sha256,
            _ => return,
        };
        found.add(kind, t);
        return;
    }
    if t.parse::<Ipv4Addr>().is_ok() {
        found.add(IndicatorKind::Ipv4, t);
        return;
    }
    if let Some((ip, port)) = t.rsplit_once(':') {
        if ip.parse::<Ipv4Addr>().is_ok() && port.bytes().all(|b| b.is_ascii_digit()) {
            found.add(IndicatorKind::Ipv4, ip);
            return;
        }
    }
    if t.matches(':').count() >= 2 && t != "::" && t.parse::<Ipv6Addr>().is_ok() {
        found.add(IndicatorKind::Ipv6, t);
        return;
    }
    if !t.contains('.') {
        return;
    }
    if let Some(ext) = file_extension(t) {
        // "invoice.zip" is a file; "dl.evil.zip" is a domain (zip, mov and one are TLDs too).
        if !(COMMON_TLDS.contains(&ext) && t.matches('.').count() > 1) {
            found.add(IndicatorKind::FileName, t);
            return;
        }
    }
    let tld = t.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    if INTERNAL_SUFFIXES.contains(&tld.as_str()) {
        found.add(IndicatorKind::Host, t);
    } else if looks_like_domain(t) {
        found.add(IndicatorKind::Domain, t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorKind as K;

    fn kinds_values(v: &[Indicator]) -> Vec<(IndicatorKind, &str)> {
        v.iter().map(|i| (i.kind, i.value.as_str())).collect()
    }

    #[test]
    fn extracts_every_kind_from_a_realistic_alert() {
        let alert = r#"Alert: Suspicious download
user=CORP\jdoe host=WS-FIN-042 src_ip=10.20.30.40 dest=203.0.113.50:443
URL: hxxps://cdn-update[.]example[.]com/payload.php?id=7
Sender: billing@evil-invoices.com via mail.evil-invoices.com
File C:\Users\jdoe\Downloads\Invoice_2291.docm dropped stage2.ps1
MD5 44d88612fea8a8f36de82e1278abb02f
SHA1 3395856ce81f2b7382dee72602f798b642f14140
SHA256 275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f
v6 2001:db8::dead:beef, dc01.corp.local
"#;
        let got = extract(alert);
        let kv = kinds_values(&got);
        for want in [
            (K::User, "CORP\\jdoe"),
            (K::Host, "WS-FIN-042"),
            (K::Ipv4, "10.20.30.40"),
            (K::Ipv4, "203.0.113.50"),
            (K::Url, "https://cdn-update.example.com/payload.php?id=7"),
            (K::Email, "billing@evil-invoices.com"),
            (K::Domain, "mail.evil-invoices.com"),
            (K::FileName, "Invoice_2291.docm"),
            (K::FileName, "stage2.ps1"),
            (K::Md5, "44d88612fea8a8f36de82e1278abb02f"),
            (K::Sha1, "3395856ce81f2b7382dee72602f798b642f14140"),
            (
                K::Sha256,
                "275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f",
            ),
            (K::Ipv6, "2001:db8::dead:beef"),
            (K::Host, "dc01.corp.local"),
        ] {
            assert!(kv.contains(&want), "missing {want:?} in {kv:#?}");
        }
        // The URL's own host and path are not repeated as a domain or a file.
        assert!(
            !kv.iter().any(|(_, v)| *v == "cdn-update.example.com"),
            "{kv:#?}"
        );
        assert!(!kv.iter().any(|(_, v)| *v == "payload.php"), "{kv:#?}");
    }

    #[test]
    fn deduplicates_case_insensitively_in_order() {
        let got = extract("EVIL.example.com then evil.example.com and Evil.Example.Com");
        assert_eq!(kinds_values(&got), vec![(K::Domain, "evil.example.com")]);
    }

    #[test]
    fn ignores_prose_times_and_versions() {
        let got = extract("At 10:00:00 the v1.2 agent, e.g. build 3.4.5, ran. See ratio 1:2.");
        assert!(got.is_empty(), "{:#?}", got);
    }

    #[test]
    fn huge_input_is_bounded() {
        let many: String = (0..20_000)
            .map(|i| format!("10.{}.{}.{} ", i / 65536 % 256, i / 256 % 256, i % 256))
            .collect();
        assert_eq!(extract(&many).len(), MAX_EXTRACTED_INDICATORS);
    }
}
