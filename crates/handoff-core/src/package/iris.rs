//! The handoff as a DFIR-IRIS alert: the JSON body of `POST /alerts/add`.
//!
//! Field names follow IRIS's `Alert` and `Ioc` models and their marshmallow schemas
//! (`source/app/models/alerts.py`, `source/app/schema/marshables.py` in dfir-iris/iris-web):
//! `alert_title`, `alert_description`, `alert_source`, `alert_source_ref`,
//! `alert_source_event_time`, `alert_severity_id`, `alert_status_id`, `alert_customer_id`,
//! `alert_tags` (one string, comma-separated) and `alert_iocs`, each with `ioc_value`,
//! `ioc_type_id`, `ioc_tlp_id`, `ioc_description` and `ioc_tags`.
//!
//! IRIS refers to severities, statuses, TLP levels, IOC types and customers by database IDs,
//! which an instance may change. [`super::IrisMapping`] holds the ones to use; its defaults are
//! what a fresh IRIS 2.4 install creates.

use serde::Serialize;

use super::alert_fields::{field, is_threat_side, tags};
use super::markdown::to_markdown;
use super::options::{ticket_of, ExportOptions};
use crate::case::Case;
use crate::vocabulary::indicator::defang_text_except;
use crate::vocabulary::text::is_blank;
use crate::vocabulary::time::rfc3339_seconds;

#[derive(Serialize)]
struct Alert {
    alert_title: String,
    alert_description: String,
    alert_source: String,
    alert_source_ref: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    alert_source_event_time: Option<String>,
    alert_severity_id: u32,
    alert_status_id: u32,
    alert_customer_id: u32,
    alert_tags: String,
    alert_iocs: Vec<Ioc>,
}

#[derive(Serialize)]
struct Ioc {
    ioc_value: String,
    ioc_type_id: u32,
    ioc_tlp_id: u32,
    ioc_description: String,
    ioc_tags: String,
}

/// The case as the body of DFIR-IRIS's `POST /alerts/add` (pretty-printed JSON ending with a
/// newline), numbered by `options.iris`.
pub fn to_iris(case: &Case, options: &ExportOptions) -> String {
    let r = &case.report;
    let h = &r.header;
    let map = &options.iris;
    let own = &options.own_domains;
    let tlp = map.tlp_id(r.tlp);
    let title = if is_blank(&h.title) {
        format!("Handoff {}", ticket_of(case))
    } else {
        defang_text_except(&h.title, own)
    };
    let mut iocs: Vec<Ioc> = Vec::new();
    for i in r.indicators.iter() {
        let type_id = map.ioc_type_id(i.kind);
        if iocs
            .iter()
            .any(|o| o.ioc_type_id == type_id && o.ioc_value == i.value)
        {
            continue;
        }
        // IRIS has no IOC flag: what the organisation owns, or a user or host, is tagged as
        // context so an analyst does not hunt for it.
        let context = !is_threat_side(i.kind) || i.is_own(own);
        iocs.push(Ioc {
            ioc_value: i.value.clone(),
            ioc_type_id: type_id,
            ioc_tlp_id: tlp,
            ioc_description: field(&defang_text_except(&i.note, own), 10_000),
            ioc_tags: if context {
                "handoff,context"
            } else {
                "handoff"
            }
            .to_owned(),
        });
    }
    let alert = Alert {
        alert_title: field(&title, 10_000),
        alert_description: to_markdown(case, options),
        alert_source: if is_blank(&h.source) {
            "Handoff".to_owned()
        } else {
            field(&h.source, 10_000)
        },
        alert_source_ref: field(ticket_of(case), 10_000),
        alert_source_event_time: h.detected_at.as_ref().map(rfc3339_seconds),
        alert_severity_id: map.severity_id(h.severity),
        alert_status_id: map.alert_status_id,
        alert_customer_id: map.customer_id,
        alert_tags: tags(case).join(","),
        alert_iocs: iocs,
    };
    let mut out = serde_json::to_string_pretty(&alert).unwrap_or_default();
    out.push('\n');
    out
}
