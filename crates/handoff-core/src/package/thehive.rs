//! The handoff as a TheHive 5 alert: the JSON body of `POST /api/v1/alert`.
//!
//! Field names, limits and numbering follow TheHive 5's `InputCreateAlert` and
//! `InputCreateObservable` (StrangeBee's OpenAPI description of TheHive 5.6, and the types of
//! thehive4py 2): `severity` 1–4 (low, medium, high, critical); `tlp` 0–4 (CLEAR, GREEN, AMBER,
//! AMBER+STRICT, RED); `pap` 0–3 (CLEAR, GREEN, AMBER, RED); `type` and `source` at most 32
//! characters, `sourceRef` 128, `title` 512, a tag 128, an observable's data 4,096.
//!
//! - `type` is `handoff`, `source` the SIEM the alert came from, `sourceRef` its alert ID:
//!   TheHive refuses a second alert with the same three, so exporting the same case twice
//!   cannot create a duplicate.
//! - `description` is the Markdown handoff, which TheHive renders.
//! - Handoff records no PAP: `pap` is [`Pap::for_tlp`], AMBER (TheHive's own default), RED for a
//!   TLP:RED case.
//! - Every indicator is an observable with its real (refanged) value, since TheHive's analyzers
//!   work on it; `ioc` is set for the attacker's side (addresses, domains, URLs, mailboxes,
//!   hashes, file names) but not for users and hosts, nor for the organisation's own domains
//!   and networks, which are context.
//! - Tags are Handoff's own words only (`handoff`, the verdict, ATT&CK technique IDs), never
//!   user text.

use serde::Serialize;

use super::alert_fields::{field, is_threat_side, millis, tags};
use super::markdown::to_markdown;
use super::options::{ticket_of, ExportOptions};
use crate::case::Case;
use crate::vocabulary::indicator::{defang_text_except, IndicatorKind, OwnDomains};
use crate::vocabulary::text::{is_blank, truncate_chars};
use crate::vocabulary::tlp::{Pap, Tlp};
use crate::vocabulary::verdict::Severity;

/// TheHive 5's limit on a description, in characters.
const DESCRIPTION_CHARS: usize = 1_048_576;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Alert {
    #[serde(rename = "type")]
    kind: &'static str,
    source: String,
    source_ref: String,
    title: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    severity: Option<u8>,
    /// Milliseconds since the epoch: when the SIEM detected it.
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<i64>,
    tags: Vec<String>,
    tlp: u8,
    pap: u8,
    observables: Vec<Observable>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Observable {
    data_type: &'static str,
    data: String,
    #[serde(skip_serializing_if = "String::is_empty")]
    message: String,
    tlp: u8,
    pap: u8,
    ioc: bool,
    tags: Vec<&'static str>,
}

/// TheHive 5's number for a TLP level.
pub fn thehive_tlp(tlp: Tlp) -> u8 {
    match tlp {
        Tlp::Clear => 0,
        Tlp::Green => 1,
        Tlp::Amber => 2,
        Tlp::AmberStrict => 3,
        Tlp::Red => 4,
    }
}

/// TheHive 5's number for a PAP level.
pub fn thehive_pap(pap: Pap) -> u8 {
    match pap {
        Pap::Clear => 0,
        Pap::Green => 1,
        Pap::Amber => 2,
        Pap::Red => 3,
    }
}

fn severity(s: Severity) -> u8 {
    match s {
        Severity::Low => 1,
        Severity::Medium => 2,
        Severity::High => 3,
        Severity::Critical => 4,
    }
}

/// TheHive's observable type for an indicator kind: its default types are `ip`, `domain`,
/// `fqdn`, `hostname`, `url`, `mail`, `hash`, `filename`, `user-agent`, `other` and a few more.
fn data_type(kind: IndicatorKind, value: &str) -> &'static str {
    match kind {
        IndicatorKind::Ipv4 | IndicatorKind::Ipv6 => "ip",
        IndicatorKind::Domain => "domain",
        IndicatorKind::Url => "url",
        IndicatorKind::Email => "mail",
        IndicatorKind::Md5 | IndicatorKind::Sha1 | IndicatorKind::Sha256 => "hash",
        IndicatorKind::FileName => "filename",
        IndicatorKind::Host if value.contains('.') => "fqdn",
        IndicatorKind::Host => "hostname",
        IndicatorKind::User => "other",
    }
}

/// The case as the body of TheHive 5's `POST /api/v1/alert` (pretty-printed JSON ending with a
/// newline).
pub fn to_thehive(case: &Case, options: &ExportOptions) -> String {
    let r = &case.report;
    let h = &r.header;
    let own: &OwnDomains = &options.own_domains;
    let tlp = thehive_tlp(r.tlp);
    let pap = thehive_pap(Pap::for_tlp(r.tlp));
    let mut description = to_markdown(case, options);
    if description.chars().count() > DESCRIPTION_CHARS {
        description = truncate_chars(&description, DESCRIPTION_CHARS - 200);
        description.push_str("\n\n(Cut to fit TheHive's description limit: the full report is attached to the ticket.)\n");
    }
    let mut observables: Vec<Observable> = Vec::new();
    for i in r.indicators.iter() {
        let data_type = data_type(i.kind, &i.value);
        if observables
            .iter()
            .any(|o| o.data_type == data_type && o.data == i.value)
        {
            continue;
        }
        observables.push(Observable {
            data_type,
            data: i.value.clone(),
            message: field(&i.note, 100_000),
            tlp,
            pap,
            ioc: is_threat_side(i.kind) && !i.is_own(own),
            tags: vec!["handoff"],
        });
    }
    let title = if is_blank(&h.title) {
        format!("Handoff {}", ticket_of(case))
    } else {
        h.title.clone()
    };
    let alert = Alert {
        kind: "handoff",
        source: if is_blank(&h.source) {
            "Handoff".to_owned()
        } else {
            field(&h.source, 32)
        },
        source_ref: field(ticket_of(case), 128),
        title: field(&defang_text_except(&title, own), 512),
        description,
        severity: h.severity.map(severity),
        date: h.detected_at.as_ref().map(millis),
        tags: tags(case),
        tlp,
        pap,
        observables,
    };
    let mut out = serde_json::to_string_pretty(&alert).unwrap_or_default();
    out.push('\n');
    out
}
