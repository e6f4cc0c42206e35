//! What a reader has found so far: every format's reader fills one of these, and
//! [`Reading::finish`] turns it into an [`Intake`].
//!
//! The rules every format shares live here, once: the first value for a header field wins (a
//! list of alerts is headed by its first), times widen the first–last window, people and
//! places are listed once each with the role the format gave them, and each becomes an
//! indicator whose note is that role.

use std::collections::HashSet;
use std::net::IpAddr;

use chrono::{DateTime, Utc};

use super::alert::{Format, Intake};
use crate::vocabulary::attack::TechniqueId;
use crate::vocabulary::indicator::{Indicator, IndicatorKind};
use crate::vocabulary::limits::{MAX_EXTRACTED_INDICATORS, MAX_RAW_ALERT_BYTES};
use crate::vocabulary::text::{one_line, truncate_chars};
use crate::vocabulary::verdict::Severity;

/// A header field longer than this is cut (with an ellipsis): it is a title, not a log.
const MAX_FIELD_CHARS: usize = 300;
/// An observation (a command line, an authentication result) is cut at this length.
const MAX_OBSERVATION_CHARS: usize = 600;
/// Who and Where list at most this many entries each; the indicators keep the rest.
const MAX_PEOPLE_OR_PLACES: usize = 12;
const MAX_OBSERVATIONS: usize = 24;

/// Values formats use for "nothing here".
const EMPTY_WORDS: [&str; 8] = [
    "-",
    "n/a",
    "na",
    "null",
    "none",
    "unknown",
    "(null)",
    "undefined",
];

#[derive(Debug, Default)]
pub struct Reading {
    format: Option<Format>,
    title: Option<String>,
    alert_id: Option<String>,
    source: Option<String>,
    rule: Option<String>,
    severity: Option<Severity>,
    detected_at: Option<DateTime<Utc>>,
    first_seen: Option<DateTime<Utc>>,
    last_seen: Option<DateTime<Utc>>,
    who: Vec<String>,
    places: Vec<String>,
    listed: HashSet<String>,
    techniques: Vec<TechniqueId>,
    indicators: Vec<Indicator>,
    seen: HashSet<(IndicatorKind, String)>,
    observations: Vec<String>,
    /// Free text inside the alert (command lines, log lines, a mail's body) whose indicators
    /// are extracted when the reading is finished. The rest of a recognised format is not
    /// scanned: its IDs would pass for hashes and its console links for indicators.
    mentions: String,
}

/// A value as a field may hold it: one line, no control characters, not a placeholder.
fn clean(v: &str) -> Option<String> {
    let v = one_line(&v.replace(|c: char| c.is_control(), " "));
    let placeholder = EMPTY_WORDS.iter().any(|w| v.eq_ignore_ascii_case(w));
    (!v.is_empty() && !placeholder).then(|| truncate_chars(&v, MAX_FIELD_CHARS))
}

/// At most this many lines of a line-based format (CEF, LEEF, key=value) are read.
pub const MAX_LINES: usize = 5_000;

/// Reads each line that holds `marker` (a syslog prefix may come before it) as one event of
/// `format`, in order: `parse` reads the line from the marker on, `apply` puts the event in the
/// reading. `None` when no line is such an event. CEF and LEEF share it.
pub fn read_events<E>(
    text: &str,
    format: Format,
    marker: &str,
    parse: impl Fn(&str) -> Option<E>,
    apply: impl Fn(&E, &mut Reading),
) -> Option<Reading> {
    let mut r = Reading::new(format);
    let mut any = false;
    for line in text.lines().take(MAX_LINES) {
        if let Some(event) = line.find(marker).and_then(|at| parse(&line[at..])) {
            any = true;
            apply(&event, &mut r);
        }
    }
    any.then_some(r)
}

/// The device that sent an event, as a source: the product alone when its name already
/// starts with the vendor's ("Microsoft" + "Microsoft Defender"), else both.
pub fn device_name(vendor: &str, product: &str) -> String {
    match product.starts_with(vendor) {
        true => product.to_owned(),
        false => format!("{vendor} {product}"),
    }
}

impl Reading {
    pub fn new(format: Format) -> Self {
        Reading {
            format: Some(format),
            ..Reading::default()
        }
    }

    pub fn format(&self) -> Option<Format> {
        self.format
    }

    /// Whether anything at all was read (a recognised format that yielded nothing is no
    /// better than text).
    pub fn is_empty(&self) -> bool {
        self.title.is_none()
            && self.alert_id.is_none()
            && self.source.is_none()
            && self.rule.is_none()
            && self.severity.is_none()
            && self.detected_at.is_none()
            && self.first_seen.is_none()
            && self.who.is_empty()
            && self.places.is_empty()
            && self.techniques.is_empty()
            && self.indicators.is_empty()
            && self.observations.is_empty()
    }

    /// `Some(self)` unless nothing was read.
    pub fn some(self) -> Option<Self> {
        (!self.is_empty()).then_some(self)
    }

    pub fn title(&mut self, v: Option<&str>) {
        first(&mut self.title, v);
    }

    pub fn alert_id(&mut self, v: Option<&str>) {
        first(&mut self.alert_id, v);
    }

    pub fn source(&mut self, v: Option<&str>) {
        first(&mut self.source, v);
    }

    pub fn rule(&mut self, v: Option<&str>) {
        first(&mut self.rule, v);
    }

    pub fn has_title(&self) -> bool {
        self.title.is_some()
    }

    pub fn severity(&mut self, s: Option<Severity>) {
        self.severity = self.severity.or(s);
    }

    pub fn detected(&mut self, t: Option<DateTime<Utc>>) {
        self.detected_at = self.detected_at.or(t);
    }

    /// An event time: widens the window from the first to the last event.
    pub fn seen(&mut self, t: Option<DateTime<Utc>>) {
        let Some(t) = t else { return };
        self.first_seen = Some(self.first_seen.map_or(t, |f| f.min(t)));
        self.last_seen = Some(self.last_seen.map_or(t, |l| l.max(t)));
    }

    /// A user or account, for Who. An e-mail-shaped one becomes an e-mail indicator.
    pub fn user(&mut self, v: Option<&str>, role: &str) {
        let Some(v) = v.and_then(clean) else { return };
        let kind = match v.contains('@') {
            true => IndicatorKind::Email,
            false => IndicatorKind::User,
        };
        self.indicator(kind, &v, role);
        // One person is listed once: `CORP\jdoe` after `jdoe@corp.example` (or before it)
        // adds nothing to Who. Two different addresses are two entries, whatever their
        // local parts.
        let bare = bare_name(&v);
        let same_person = |w: &String| {
            let listed = w.split(" (").next().unwrap_or(w);
            (kind == IndicatorKind::User || !listed.contains('@')) && bare_name(listed) == bare
        };
        if !self.who.iter().any(same_person) {
            list(&mut self.who, &mut self.listed, &v, role);
        }
    }

    /// A sender: Who, as an e-mail address.
    pub fn sender(&mut self, v: Option<&str>, role: &str) {
        self.user(v, role);
    }

    /// A host name (or an address where a host was expected), for Where.
    pub fn host(&mut self, v: Option<&str>, role: &str) {
        let Some(v) = v.and_then(clean) else { return };
        if v.parse::<IpAddr>().is_ok() {
            return self.ip(Some(&v), role);
        }
        self.indicator(IndicatorKind::Host, &v, role);
        list(&mut self.places, &mut self.listed, &v, role);
    }

    /// An IP address, for Where.
    pub fn ip(&mut self, v: Option<&str>, role: &str) {
        let Some(v) = v.and_then(clean) else { return };
        let kind = match v.parse::<IpAddr>() {
            Ok(IpAddr::V4(_)) => IndicatorKind::Ipv4,
            Ok(IpAddr::V6(_)) => IndicatorKind::Ipv6,
            // "10.0.0.5:443" and names where an address was expected are not addresses.
            Err(_) => return,
        };
        self.indicator(kind, &v, role);
        list(&mut self.places, &mut self.listed, &v, role);
    }

    /// An IP address as an indicator only, not a place (a mail relay on the way).
    pub fn ip_seen(&mut self, v: Option<&str>, role: &str) {
        let Some(v) = v.and_then(clean) else { return };
        match v.parse::<IpAddr>() {
            Ok(IpAddr::V4(_)) => self.indicator(IndicatorKind::Ipv4, &v, role),
            Ok(IpAddr::V6(_)) => self.indicator(IndicatorKind::Ipv6, &v, role),
            Err(_) => false,
        };
    }

    /// A URL, for Where.
    pub fn url(&mut self, v: Option<&str>, role: &str) {
        let Some(v) = v.and_then(clean) else { return };
        if self.indicator(IndicatorKind::Url, &v, role) {
            list(&mut self.places, &mut self.listed, &v, role);
        }
    }

    /// A mailbox (a recipient's address), for Where.
    pub fn mailbox(&mut self, v: Option<&str>, role: &str) {
        let Some(v) = v.and_then(clean) else { return };
        if self.indicator(IndicatorKind::Email, &v, role) {
            list(&mut self.places, &mut self.listed, &v, role);
        }
    }

    /// A domain: an indicator only (the host or URL it came with is the place).
    pub fn domain(&mut self, v: Option<&str>, role: &str) {
        if let Some(v) = v.and_then(clean) {
            self.indicator(IndicatorKind::Domain, &v, role);
        }
    }

    /// A hash, its kind told by its length.
    pub fn hash(&mut self, v: Option<&str>, role: &str) {
        let Some(v) = v.and_then(clean) else { return };
        let kind = match v.len() {
            32 => IndicatorKind::Md5,
            40 => IndicatorKind::Sha1,
            64 => IndicatorKind::Sha256,
            _ => return,
        };
        self.indicator(kind, &v, role);
    }

    /// A file name. A path is cut to its last part.
    pub fn file(&mut self, v: Option<&str>, role: &str) {
        let Some(v) = v.and_then(clean) else { return };
        let name = v.rsplit(['/', '\\']).next().unwrap_or(&v);
        self.indicator(IndicatorKind::FileName, name, role);
    }

    /// ATT&CK technique IDs in any list form; what is not an ID is skipped.
    pub fn techniques(&mut self, v: Option<&str>) {
        let Some(v) = v else { return };
        for t in TechniqueId::parse_list(v).0 {
            if !self.techniques.contains(&t) {
                self.techniques.push(t);
            }
        }
    }

    /// A fact worth seeing at once: "SPF fail", "Command line: …".
    pub fn observe(&mut self, text: &str) {
        let text = one_line(&text.replace(|c: char| c.is_control(), " "));
        if text.is_empty()
            || self.observations.len() >= MAX_OBSERVATIONS
            || self
                .observations
                .iter()
                .any(|o| o.eq_ignore_ascii_case(&text))
        {
            return;
        }
        self.observations
            .push(truncate_chars(&text, MAX_OBSERVATION_CHARS));
    }

    /// Free text whose indicators are worth extracting.
    pub fn mention(&mut self, text: &str) {
        let room = MAX_RAW_ALERT_BYTES.saturating_sub(self.mentions.len());
        let text = &text[..floor_char_boundary(text, room)];
        if !text.is_empty() {
            self.mentions.push_str(text);
            self.mentions.push('\n');
        }
    }

    /// A command line: shown as an observation, and its indicators extracted.
    pub fn command_line(&mut self, label: &str, text: &str) {
        if !text.trim().is_empty() {
            self.observe(&format!("{label}: {text}"));
            self.mention(text);
        }
    }

    /// Indicators found elsewhere (the whole text's extraction): those not already here are
    /// added, after the ones with a role.
    pub fn add_indicators(&mut self, found: Vec<Indicator>) {
        for i in found {
            if self.indicators.len() >= MAX_EXTRACTED_INDICATORS {
                break;
            }
            if self.seen.insert((i.kind, i.value.to_lowercase())) {
                self.indicators.push(i);
            }
        }
    }

    /// Adds one indicator with its role; `false` when the value is not valid for its kind.
    /// A value seen again keeps its first role.
    fn indicator(&mut self, kind: IndicatorKind, v: &str, role: &str) -> bool {
        let Ok(mut ind) = Indicator::new(kind, v) else {
            return false;
        };
        if self.indicators.len() < MAX_EXTRACTED_INDICATORS
            && self.seen.insert((kind, ind.value.to_lowercase()))
        {
            ind.note = role.to_owned();
            self.indicators.push(ind);
        }
        true
    }

    pub fn finish(mut self) -> Intake {
        let mentions = std::mem::take(&mut self.mentions);
        self.add_indicators(super::indicators::extract(&mentions));
        Intake {
            format: self.format,
            title: self.title,
            alert_id: self.alert_id,
            source: self.source,
            rule: self.rule,
            severity: self.severity,
            detected_at: self.detected_at,
            first_seen: self.first_seen,
            last_seen: self.last_seen,
            who: self.who,
            places: self.places,
            techniques: self.techniques,
            indicators: self.indicators,
            observations: self.observations,
        }
    }
}

fn first(slot: &mut Option<String>, v: Option<&str>) {
    if slot.is_none() {
        *slot = v.and_then(clean);
    }
}

/// "WS-0142 (device)": each value once, case-insensitively, with the role it came with first.
fn list(into: &mut Vec<String>, listed: &mut HashSet<String>, v: &str, role: &str) {
    if into.len() >= MAX_PEOPLE_OR_PLACES || !listed.insert(v.to_lowercase()) {
        return;
    }
    into.push(match role.is_empty() {
        true => v.to_owned(),
        false => format!("{v} ({role})"),
    });
}

/// `CORP\jdoe`, `jdoe@corp.example` and `jdoe` are all `jdoe`.
fn bare_name(v: &str) -> String {
    let v = v.rsplit('\\').next().unwrap_or(v);
    v.split('@').next().unwrap_or(v).to_lowercase()
}

/// The largest index at most `i` that starts a character.
pub fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_header_value_wins_and_placeholders_are_skipped() {
        let mut r = Reading::new(Format::Cef);
        r.title(Some("-"));
        r.title(Some("  Brute force\n against VPN "));
        r.title(Some("Second"));
        assert_eq!(r.finish().title.as_deref(), Some("Brute force against VPN"));
    }

    #[test]
    fn people_and_places_are_listed_once_with_their_first_role() {
        let mut r = Reading::new(Format::KeyValue);
        r.user(Some("jdoe"), "source user");
        r.user(Some("JDOE"), "target user");
        r.ip(Some("203.0.113.7"), "source");
        r.host(Some("203.0.113.7"), "destination");
        r.ip(Some("10.0.0.5:443"), "destination");
        r.mailbox(Some("not an address"), "recipient");
        let i = r.finish();
        assert_eq!(i.who, ["jdoe (source user)"]);
        assert_eq!(i.places, ["203.0.113.7 (source)"]);
        let notes: Vec<_> = i
            .indicators
            .iter()
            .map(|i| (i.value.as_str(), i.note.as_str()))
            .collect();
        assert_eq!(notes, [("jdoe", "source user"), ("203.0.113.7", "source")]);
    }

    #[test]
    fn the_window_widens_in_both_directions() {
        let t = |s| super::super::time::parse(s);
        let mut r = Reading::new(Format::SplunkResults);
        r.seen(t("2026-03-14T09:14:00Z"));
        r.seen(t("2026-03-14T08:00:00Z"));
        r.seen(t("2026-03-14T10:00:00Z"));
        let i = r.finish();
        assert_eq!(i.first_seen, t("2026-03-14T08:00:00Z"));
        assert_eq!(i.last_seen, t("2026-03-14T10:00:00Z"));
    }

    #[test]
    fn hashes_are_told_apart_by_length_and_paths_cut_to_the_file() {
        let mut r = Reading::new(Format::EcsJson);
        r.hash(Some(&"a".repeat(64)), "file");
        r.hash(Some(&"b".repeat(33)), "file");
        r.file(
            Some(r"C:\Users\jdoe\Downloads\invoice.pdf.exe"),
            "dropped file",
        );
        let kinds: Vec<_> = r
            .finish()
            .indicators
            .iter()
            .map(|i| (i.kind, i.value.clone()))
            .collect();
        assert_eq!(
            kinds,
            [
                (IndicatorKind::Sha256, "a".repeat(64)),
                (IndicatorKind::FileName, "invoice.pdf.exe".to_owned())
            ]
        );
    }
}
