//! The case's indicators as a STIX 2.1 bundle, for MISP ("Import from… STIX 2.x") and OpenCTI
//! (a STIX 2.1 file import).
//!
//! The bundle holds one `indicator` per indicator of compromise, with a STIX pattern on its
//! real (refanged) value, and one `report` that names the case and refers to them all
//! (`object_refs`); MISP makes the report an event and each indicator an attribute. Every
//! object carries the case's TLP as the OASIS TLP 2.0 marking definition, which the bundle
//! includes.
//!
//! - Patterns: `ipv4-addr:value`, `ipv6-addr:value`, `domain-name:value`, `url:value`,
//!   `email-addr:value`, `file:hashes.MD5`, `file:hashes.'SHA-1'`, `file:hashes.'SHA-256'`
//!   (hash names with a hyphen must be quoted) and `file:name`; in the quoted value, `'` and
//!   `\` are escaped with a backslash.
//! - Users and hosts are the victim's side and stay out, as do the organisation's own domains
//!   and networks; a case with nothing left has no bundle.
//! - Ids are UUIDv4 (`indicator--…`) from bytes the caller supplies; `created` and `modified`
//!   are the export time to the millisecond, `valid_from` the detection time (else the export
//!   time). The domain reads no clock and no randomness: the same inputs give the same bundle.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::options::{ticket_of, ExportOptions};
use crate::case::Case;
use crate::vocabulary::indicator::IndicatorKind;
use crate::vocabulary::text::{is_blank, one_line};
use crate::vocabulary::time::rfc3339_millis;
use crate::vocabulary::tlp::Tlp;

/// The OASIS TLP 2.0 marking definitions: id, name, and the extension's value.
fn tlp_marking(tlp: Tlp) -> (&'static str, &'static str, &'static str) {
    match tlp {
        Tlp::Clear => (
            "marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487",
            "TLP:CLEAR",
            "clear",
        ),
        Tlp::Green => (
            "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb",
            "TLP:GREEN",
            "green",
        ),
        Tlp::Amber => (
            "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421",
            "TLP:AMBER",
            "amber",
        ),
        Tlp::AmberStrict => (
            "marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003",
            "TLP:AMBER+STRICT",
            "amber+strict",
        ),
        Tlp::Red => (
            "marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1",
            "TLP:RED",
            "red",
        ),
    }
}

#[derive(Serialize)]
struct Bundle {
    #[serde(rename = "type")]
    kind: &'static str,
    id: String,
    objects: Vec<Object>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Object {
    MarkingDefinition {
        spec_version: &'static str,
        id: &'static str,
        created: &'static str,
        name: &'static str,
        extensions: TlpExtensions,
    },
    Indicator {
        spec_version: &'static str,
        id: String,
        created: String,
        modified: String,
        name: String,
        description: Option<String>,
        pattern: String,
        pattern_type: &'static str,
        valid_from: String,
        object_marking_refs: [&'static str; 1],
    },
    Report {
        spec_version: &'static str,
        id: String,
        created: String,
        modified: String,
        name: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        description: Option<String>,
        published: String,
        object_refs: Vec<String>,
        object_marking_refs: [&'static str; 1],
    },
}

/// The OASIS TLP 2.0 extension that the marking definitions use.
#[derive(Serialize)]
struct TlpExtensions {
    #[serde(rename = "extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d")]
    tlp: TlpExtension,
}

#[derive(Serialize)]
struct TlpExtension {
    extension_type: &'static str,
    tlp_2_0: &'static str,
}

/// A STIX identifier of `kind` from 16 random bytes, as a version-4 UUID.
fn stix_id(kind: &str, bytes: [u8; 16]) -> String {
    format!(
        "{kind}--{}",
        uuid::Builder::from_random_bytes(bytes)
            .into_uuid()
            .hyphenated()
    )
}

/// A value inside a pattern's single quotes.
fn quoted(v: &str) -> String {
    let mut out = String::with_capacity(v.len() + 2);
    out.push('\'');
    for c in v.chars() {
        if c == '\'' || c == '\\' {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('\'');
    out
}

/// The STIX pattern for an indicator, or `None` for a kind that is not one.
pub(crate) fn pattern(kind: IndicatorKind, value: &str) -> Option<String> {
    let path = match kind {
        IndicatorKind::Ipv4 => "ipv4-addr:value",
        IndicatorKind::Ipv6 => "ipv6-addr:value",
        IndicatorKind::Domain => "domain-name:value",
        IndicatorKind::Url => "url:value",
        IndicatorKind::Email => "email-addr:value",
        IndicatorKind::Md5 => "file:hashes.MD5",
        IndicatorKind::Sha1 => "file:hashes.'SHA-1'",
        IndicatorKind::Sha256 => "file:hashes.'SHA-256'",
        IndicatorKind::FileName => "file:name",
        IndicatorKind::User | IndicatorKind::Host => return None,
    };
    Some(format!("[{path} = {}]", quoted(value)))
}

/// The case's indicators of compromise as a STIX 2.1 bundle (pretty-printed JSON ending with a
/// newline), exported at `now`, with ids from `random` (16 bytes a call, e.g. from
/// `crypto.getRandomValues`). `None` when the case has no indicator that STIX can carry.
pub fn to_stix(
    case: &Case,
    options: &ExportOptions,
    now: DateTime<Utc>,
    random: &mut impl FnMut() -> [u8; 16],
) -> Option<String> {
    let r = &case.report;
    let created = rfc3339_millis(&now);
    let valid_from = rfc3339_millis(r.header.detected_at.as_ref().unwrap_or(&now));
    let (marking_id, marking_name, marking_value) = tlp_marking(r.tlp);
    let mut indicators = Vec::new();
    let mut seen: Vec<String> = Vec::new();
    for i in r.indicators.iter() {
        if i.is_own(&options.own_domains) {
            continue;
        }
        let Some(pattern) = pattern(i.kind, &i.value) else {
            continue;
        };
        if seen.contains(&pattern) {
            continue;
        }
        seen.push(pattern.clone());
        indicators.push(Object::Indicator {
            spec_version: "2.1",
            id: stix_id("indicator", random()),
            created: created.clone(),
            modified: created.clone(),
            name: format!("{}: {}", i.kind.label(), i.value),
            // OASIS's validator asks for a description beside the name.
            description: Some(if is_blank(&i.note) {
                format!("{} seen in {}", i.kind.label(), one_line(ticket_of(case)))
            } else {
                one_line(&i.note)
            }),
            pattern,
            pattern_type: "stix",
            valid_from: valid_from.clone(),
            object_marking_refs: [marking_id],
        });
    }
    if indicators.is_empty() {
        return None;
    }
    let refs: Vec<String> = indicators
        .iter()
        .map(|o| match o {
            Object::Indicator { id, .. } => id.clone(),
            _ => String::new(),
        })
        .collect();
    let h = &r.header;
    let n = &case.notification;
    let mut name = one_line(ticket_of(case));
    if !is_blank(&h.title) {
        name = format!("{name} — {}", one_line(&h.title));
    }
    let description = [&n.summary, &r.verdict_justification]
        .into_iter()
        .find(|s| !is_blank(s))
        .map(|s| one_line(s));
    let report = Object::Report {
        spec_version: "2.1",
        id: stix_id("report", random()),
        created: created.clone(),
        modified: created.clone(),
        name,
        description,
        published: created,
        object_refs: refs,
        object_marking_refs: [marking_id],
    };
    let mut objects = vec![Object::MarkingDefinition {
        spec_version: "2.1",
        id: marking_id,
        created: "2022-10-01T00:00:00.000Z",
        name: marking_name,
        extensions: TlpExtensions {
            tlp: TlpExtension {
                extension_type: "property-extension",
                tlp_2_0: marking_value,
            },
        },
    }];
    objects.extend(indicators);
    objects.push(report);
    let bundle = Bundle {
        kind: "bundle",
        id: stix_id("bundle", random()),
        objects,
    };
    let mut out = serde_json::to_string_pretty(&bundle).unwrap_or_default();
    out.push('\n');
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_quote_hash_names_and_escape_values() {
        assert_eq!(
            pattern(IndicatorKind::Sha256, "ab").unwrap(),
            "[file:hashes.'SHA-256' = 'ab']"
        );
        assert_eq!(
            pattern(IndicatorKind::Url, "http://x.io/it's\\").unwrap(),
            "[url:value = 'http://x.io/it\\'s\\\\']"
        );
        assert_eq!(pattern(IndicatorKind::User, "x"), None);
    }

    #[test]
    fn ids_are_version_4_uuids() {
        assert_eq!(
            stix_id("indicator", [0xff; 16]),
            "indicator--ffffffff-ffff-4fff-bfff-ffffffffffff"
        );
    }
}
