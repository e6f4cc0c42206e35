//! The headers of a reported e-mail, read with `mail-parser` (addresses with display names and
//! encoded words, the `Received` chain, RFC 2822 dates). What a phishing triage looks at first
//! becomes observations: who the mail claims to be from, a `Reply-To` or `Return-Path` that
//! points elsewhere, and the SPF, DKIM and DMARC results the receiving server wrote.

use chrono::{TimeZone, Utc};
use mail_parser::{Address, HeaderName, HeaderValue, Host, MessageParser};

use super::alert::Format;
use super::reading::Reading;

/// Header names that say "this is a mail's header block".
const MAIL_HEADERS: [&str; 14] = [
    "from",
    "to",
    "cc",
    "subject",
    "date",
    "message-id",
    "received",
    "return-path",
    "reply-to",
    "authentication-results",
    "received-spf",
    "dkim-signature",
    "mime-version",
    "delivered-to",
];

/// At most this many `Received` hops are listed.
const MAX_HOPS: usize = 30;

pub fn read(text: &str) -> Option<Reading> {
    if !looks_like_headers(text) {
        return None;
    }
    let message = MessageParser::new().parse_headers(text.as_bytes())?;
    let mut r = Reading::new(Format::EmailHeaders);
    r.source(Some("Reported e-mail"));
    if let Some(subject) = message.subject() {
        r.title(Some(&format!("Reported e-mail: {subject}")));
        r.observe(&format!("Subject: {subject}"));
    }

    let from = first(message.from());
    if let Some((name, address)) = &from {
        r.sender(Some(address), "sender, From header");
        r.domain(domain_of(address), "sender's domain");
        r.observe(&match name {
            Some(n) => format!("From: {n} <{address}>"),
            None => format!("From: {address}"),
        });
    }
    let from_address = from.as_ref().map(|(_, a)| a.as_str());

    for (_, reply_to) in all(message.reply_to()) {
        r.sender(Some(&reply_to), "Reply-To header");
        if let Some(f) = from_address.filter(|f| !f.eq_ignore_ascii_case(&reply_to)) {
            r.observe(&format!(
                "Reply-To {reply_to} is not the From address {f}: replies would go elsewhere"
            ));
        }
    }

    if let Some(path) = return_path(message.return_path()) {
        r.sender(Some(&path), "envelope sender, Return-Path header");
        if let (Some(pd), Some(fd)) = (domain_of(&path), from_address.and_then(domain_of)) {
            if !pd.eq_ignore_ascii_case(fd) {
                r.observe(&format!(
                    "Return-Path domain {pd} is not the From domain {fd}"
                ));
            }
        }
    }

    for (_, to) in all(message.to()).into_iter().chain(all(message.cc())) {
        r.mailbox(Some(&to), "recipient");
    }

    if let Some(date) = message.date() {
        let sent = Utc.timestamp_opt(date.to_timestamp(), 0).single();
        r.seen(sent);
    }
    if let Some(id) = message.message_id() {
        r.observe(&format!("Message-ID: <{id}>"));
    }

    received_chain(&message, &mut r);

    for (name, value) in message.headers_raw() {
        if name.eq_ignore_ascii_case("Authentication-Results") {
            if let Some(summary) = authentication_results(value) {
                r.observe(&summary);
            }
        } else if name.eq_ignore_ascii_case("Received-SPF") {
            let result = value
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            if !result.is_empty() {
                r.observe(&format!("Received-SPF: {result}"));
            }
        } else if name.eq_ignore_ascii_case("X-Originating-IP") {
            let ip = value.trim().trim_matches(['[', ']']);
            r.ip(Some(ip), "originating client, X-Originating-IP header");
        }
    }
    // A body pasted below the headers: its links and addresses are worth having.
    if let Some((_, body)) = text
        .split_once("\n\n")
        .or_else(|| text.split_once("\r\n\r\n"))
    {
        r.mention(body);
    }
    Some(r)
}

/// The first line is a header, and among the first lines at least two are mail headers, one
/// of them `From` or `Received`.
fn looks_like_headers(text: &str) -> bool {
    let name_of = |line: &str| {
        let (name, _) = line.split_once(':')?;
        let ok = !name.is_empty()
            && name.len() <= 76
            && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
        ok.then(|| name.to_ascii_lowercase())
    };
    let mut lines = text.lines();
    if lines.next().and_then(name_of).is_none() {
        return false;
    }
    let names: Vec<String> = text.lines().take(200).filter_map(name_of).collect();
    let known = names
        .iter()
        .filter(|n| MAIL_HEADERS.contains(&n.as_str()))
        .count();
    known >= 2 && names.iter().any(|n| n == "from" || n == "received")
}

/// The first address in a header, with its display name.
fn first(a: Option<&Address<'_>>) -> Option<(Option<String>, String)> {
    all(a).into_iter().next()
}

/// Every address in a header (groups flattened).
fn all(a: Option<&Address<'_>>) -> Vec<(Option<String>, String)> {
    let Some(a) = a else { return Vec::new() };
    a.iter()
        .filter_map(|addr| {
            let address = addr.address()?.trim().to_owned();
            let name = addr
                .name()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_owned);
            (!address.is_empty()).then_some((name, address))
        })
        .collect()
}

fn return_path(v: &HeaderValue<'_>) -> Option<String> {
    let text = match v {
        HeaderValue::Text(t) => t.as_ref(),
        HeaderValue::TextList(list) => list.last()?.as_ref(),
        HeaderValue::Address(a) => return first(Some(a)).map(|(_, a)| a),
        _ => return None,
    };
    let t = text.trim().trim_matches(['<', '>']).trim();
    (!t.is_empty()).then(|| t.to_owned())
}

fn domain_of(address: &str) -> Option<&str> {
    address
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty())
}

/// Each hop's sending address as an indicator (hop 1 is the earliest, at the bottom of the
/// block), its time widening the window, and one line on where the chain starts.
fn received_chain(message: &mail_parser::Message<'_>, r: &mut Reading) {
    let hops: Vec<_> = message
        .header_values(HeaderName::Received)
        .filter_map(HeaderValue::as_received)
        .take(MAX_HOPS)
        .collect();
    let n = hops.len();
    for (top_index, hop) in hops.iter().enumerate() {
        let k = n - top_index;
        // The earliest hop is where the mail came from; the later ones are relays.
        if let Some(ip) = hop.from_ip() {
            let role = format!("Received hop {k} of {n}");
            match k {
                1 => r.ip(Some(&ip.to_string()), &format!("sending server, {role}")),
                _ => r.ip_seen(Some(&ip.to_string()), &role),
            }
        }
        if let Some(date) = hop.date() {
            r.seen(Utc.timestamp_opt(date.to_timestamp(), 0).single());
        }
    }
    if let Some(earliest) = hops.last() {
        let host = match earliest.from() {
            Some(Host::Name(name)) => Some(name.to_string()),
            Some(Host::IpAddr(ip)) => Some(ip.to_string()),
            None => None,
        };
        let origin = match (host, earliest.from_ip()) {
            (Some(h), Some(ip)) if h != ip.to_string() => format!("{h} [{ip}]"),
            (Some(h), _) => h,
            (None, Some(ip)) => ip.to_string(),
            (None, None) => "an unnamed host".to_owned(),
        };
        let hops = if n == 1 {
            "1 hop".to_owned()
        } else {
            format!("{n} hops")
        };
        r.observe(&format!(
            "Received chain: {hops}; the earliest from {origin}"
        ));
    }
}

/// `mx.corp.example; spf=fail (…) smtp.mailfrom=evil.example; dkim=none; dmarc=fail
/// header.from=paypa1.example` → "Authentication-Results (mx.corp.example): SPF fail
/// (smtp.mailfrom=evil.example), DKIM none, DMARC fail (header.from=paypa1.example)".
pub fn authentication_results(raw: &str) -> Option<String> {
    let unfolded = strip_comments(&crate::vocabulary::text::one_line(raw));
    let server = unfolded
        .split(';')
        .next()
        .map(str::trim)
        .filter(|s| !s.contains('='));
    let server = server.unwrap_or("");
    let mut results = Vec::new();
    for part in unfolded.split(';').map(str::trim) {
        let mut words = part.split_whitespace();
        let Some((method, result)) = words.next().and_then(|w| w.split_once('=')) else {
            continue;
        };
        let label = match method.to_ascii_lowercase().as_str() {
            "spf" => "SPF",
            "dkim" => "DKIM",
            "dmarc" => "DMARC",
            "arc" => "ARC",
            "compauth" => "Composite authentication",
            _ => continue,
        };
        let props: Vec<&str> = words
            .filter(|w| {
                w.split_once('=')
                    .is_some_and(|(k, _)| k.contains('.') && k != "header.b")
            })
            .collect();
        let result = result.to_ascii_lowercase();
        results.push(match props.is_empty() {
            true => format!("{label} {result}"),
            false => format!("{label} {result} ({})", props.join(", ")),
        });
    }
    if results.is_empty() {
        return None;
    }
    let by = match server.is_empty() {
        true => String::new(),
        false => format!(" ({server})"),
    };
    Some(format!(
        "Authentication-Results{by}: {}",
        results.join(", ")
    ))
}

/// Drops `(comments)`, which hold prose, not results.
fn strip_comments(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn authentication_results_are_summarised() {
        let raw = " mx.corp.example;\r\n spf=fail (sender IP is 203.0.113.9)\r\n smtp.mailfrom=evil.example;\r\n dkim=none (message not signed) header.d=none;dmarc=fail action=quarantine\r\n header.from=paypa1.example;compauth=fail reason=001";
        assert_eq!(
            authentication_results(raw).as_deref(),
            Some("Authentication-Results (mx.corp.example): SPF fail (smtp.mailfrom=evil.example), DKIM none (header.d=none), DMARC fail (header.from=paypa1.example), Composite authentication fail")
        );
        assert_eq!(authentication_results("mx.corp.example; none"), None);
    }

    #[test]
    fn prose_with_a_colon_is_not_headers() {
        assert!(!looks_like_headers(
            "Note: the user called\nFrom: memory, it was Tuesday"
        ));
        assert!(looks_like_headers(
            "Received: from a by b\nFrom: x@y.example\n"
        ));
        assert!(!looks_like_headers("From x@y.example Tue Mar 14\n"));
    }
}
