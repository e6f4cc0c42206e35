//! JSON alerts as SOC tools export them, read with serde_json.
//!
//! The paste may be one alert, a list of them (a JSON array, a Graph API `value` list, a
//! CrowdStrike `resources` list, Elasticsearch `hits`, Splunk `results`) or JSON lines (a
//! Splunk export). The first alert heads the case; every alert's people, places and
//! indicators are read. Each vendor's field names are those its API documents; anything else
//! is read through ECS-like names.

use std::borrow::Cow;

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::alert::Format;
use super::reading::Reading;
use super::{severity, time};

/// At most this many alerts are read from one paste.
const MAX_DOCUMENTS: usize = 500;

pub fn read(text: &str) -> Option<Reading> {
    let values = parse(text)?;
    let (documents, hint) = documents(&values);
    let first = documents.iter().find_map(|d| detect(d))?;
    let format = match (first, hint) {
        // Rows of Splunk results that are not notable events: the wrapper said what they are.
        (Format::EcsJson, Some(h)) => h,
        (f, _) => f,
    };
    let mut r = Reading::new(format);
    for d in &documents {
        match detect(d).unwrap_or(format) {
            Format::SentinelIncident => sentinel(d, &mut r),
            Format::DefenderAlert => defender(d, &mut r),
            Format::SplunkNotable => splunk(d, &mut r, true),
            Format::SplunkResults => splunk(d, &mut r, false),
            Format::ElasticAlert => elastic(d, &mut r),
            Format::WazuhAlert => wazuh(d, &mut r),
            Format::CrowdStrikeDetection => crowdstrike(d, &mut r),
            _ => ecs(d, &mut r),
        }
    }
    r.some()
}

/// One JSON value, or a run of them (JSON lines), up to [`MAX_DOCUMENTS`].
fn parse(text: &str) -> Option<Vec<Value>> {
    if let Ok(v) = serde_json::from_str::<Value>(text) {
        return Some(vec![v]);
    }
    let values: Vec<Value> = serde_json::Deserializer::from_str(text)
        .into_iter::<Value>()
        .take(MAX_DOCUMENTS)
        .map_while(Result::ok)
        .collect();
    (values.len() > 1).then_some(values)
}

/// The alerts inside whatever wrapper the export put around them, and what the wrapper says
/// they are.
fn documents(values: &[Value]) -> (Vec<Cow<'_, Value>>, Option<Format>) {
    let mut out = Vec::new();
    let mut hint = None;
    for v in values {
        let list: Vec<&Value> = match v {
            Value::Array(a) => a.iter().collect(),
            Value::Object(o) => {
                if let Some(Value::Array(a)) = o.get("value").or_else(|| o.get("resources")) {
                    a.iter().collect()
                } else if let Some(Value::Array(a)) = o.get("results") {
                    hint = Some(Format::SplunkResults);
                    a.iter().collect()
                } else if let Some(Value::Array(a)) = at(v, "hits.hits") {
                    a.iter().collect()
                } else {
                    vec![v]
                }
            }
            _ => vec![],
        };
        for d in list {
            if out.len() >= MAX_DOCUMENTS {
                break;
            }
            if let Some(d) = unwrap(d, &mut hint) {
                out.push(d);
            }
        }
    }
    (out, hint)
}

/// An Elasticsearch hit's `_source` (keeping its `_id`), a Splunk result row or webhook's
/// `result` (keeping the search's name and job ID), a Sentinel automation trigger's
/// `object`.
fn unwrap<'a>(d: &'a Value, hint: &mut Option<Format>) -> Option<Cow<'a, Value>> {
    let o = d.as_object()?;
    let with = |inner: &Map<String, Value>, keep: &[&str]| {
        let mut m = inner.clone();
        for k in keep {
            if let Some(v) = o.get(*k).filter(|_| !m.contains_key(*k)) {
                m.insert((*k).to_owned(), v.clone());
            }
        }
        Cow::Owned(Value::Object(m))
    };
    Some(match (o.get("_source"), o.get("result"), o.get("object")) {
        (Some(Value::Object(s)), _, _) => with(s, &["_id"]),
        (_, Some(Value::Object(r)), _) => {
            if o.contains_key("preview") || o.contains_key("offset") {
                *hint = Some(Format::SplunkResults);
            }
            with(r, &["search_name", "sid"])
        }
        (_, _, Some(inner @ Value::Object(i))) if i.contains_key("properties") => {
            Cow::Borrowed(inner)
        }
        _ => Cow::Borrowed(d),
    })
}

/// Which product wrote this alert, by the fields only that product writes.
fn detect(d: &Value) -> Option<Format> {
    let has = |p: &str| at(d, p).is_some();
    let cs_event = text(d, "metadata.eventType").is_some_and(|t| t.contains("Detection"));
    Some(
        if has("properties.incidentNumber")
            || has("properties.providerIncidentId")
            || has("IncidentNumber") && has("Title")
        {
            Format::SentinelIncident
        } else if has("alertWebUrl")
            || has("providerAlertId")
            || has("evidence") && (has("detectionSource") || has("serviceSource"))
            || has("detectionSource") && has("alertCreationTime")
        {
            Format::DefenderAlert
        } else if has("kibana.alert.rule.name") || has("signal.rule.name") {
            Format::ElasticAlert
        } else if has("rule.level") && (has("agent") || has("decoder") || has("manager")) {
            Format::WazuhAlert
        } else if cs_event
            || has("event.DetectId")
            || has("composite_id")
            || has("detection_id") && has("behaviors")
        {
            Format::CrowdStrikeDetection
        } else if has("rule_name")
            || has("rule_title")
            || has("urgency")
            || text(d, "event_id").is_some_and(|id| id.contains("@@notable@@"))
        {
            Format::SplunkNotable
        } else if has("search_name")
            || has("_raw")
            || has("_time") && (has("sourcetype") || has("source"))
        {
            Format::SplunkResults
        } else if ECS_MARKERS.iter().any(|p| has(p)) {
            Format::EcsJson
        } else {
            return None;
        },
    )
}

/// Fields whose presence says a document uses ECS names.
const ECS_MARKERS: [&str; 12] = [
    "@timestamp",
    "event.created",
    "rule.name",
    "user.name",
    "host.name",
    "host.hostname",
    "source.ip",
    "destination.ip",
    "url.full",
    "file.hash.sha256",
    "process.command_line",
    "event.severity",
];

// ---------------------------------------------------------------------------------------
// Paths

/// The value at `path` in `v`: `a.b.c` as nested objects, as one dotted key (Elastic's
/// flattened `kibana.alert.rule.name`), or any mix of the two. An array on the way is looked
/// into at its first element.
fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let o = v.as_object()?;
    if let Some(x) = o.get(path) {
        return (!x.is_null()).then_some(x);
    }
    for (i, _) in path.match_indices('.') {
        let inner = match o.get(&path[..i]) {
            Some(Value::Array(a)) => a.first(),
            other => other,
        };
        if let Some(x) = inner.and_then(|inner| at(inner, &path[i + 1..])) {
            return Some(x);
        }
    }
    None
}

/// The text at the first of `paths` that holds one (a number counts; a list gives its first
/// entry).
fn text<'a>(v: &'a Value, path: &str) -> Option<Cow<'a, str>> {
    match at(v, path)? {
        Value::String(s) if !s.trim().is_empty() => Some(Cow::Borrowed(s.as_str())),
        Value::Number(n) => Some(Cow::Owned(n.to_string())),
        Value::Array(a) => a.iter().find_map(|x| match x {
            Value::String(s) if !s.trim().is_empty() => Some(Cow::Borrowed(s.as_str())),
            Value::Number(n) => Some(Cow::Owned(n.to_string())),
            _ => None,
        }),
        _ => None,
    }
}

/// The first of `paths` that holds text.
fn any<'a>(v: &'a Value, paths: &[&str]) -> Option<Cow<'a, str>> {
    paths.iter().find_map(|p| text(v, p))
}

/// Every string at `path` (one, or each in a list).
fn texts<'a>(v: &'a Value, path: &str) -> Vec<&'a str> {
    match at(v, path) {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn number(v: &Value, path: &str) -> Option<u64> {
    match at(v, path)? {
        Value::Number(n) => n.as_u64().or_else(|| n.as_f64().map(|f| f as u64)),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

fn when(v: &Value, path: &str) -> Option<DateTime<Utc>> {
    match at(v, path)? {
        Value::String(s) => time::parse(s),
        Value::Number(n) => time::from_number(n),
        Value::Array(a) => a.first().and_then(|x| x.as_str()).and_then(time::parse),
        _ => None,
    }
}

/// Log Analytics exports dynamic columns as JSON inside a string; this reads either.
fn nested<'a>(v: &'a Value, path: &str) -> Option<Cow<'a, Value>> {
    match at(v, path)? {
        Value::String(s) if s.trim_start().starts_with(['{', '[']) => {
            serde_json::from_str(s).ok().map(Cow::Owned)
        }
        x => Some(Cow::Borrowed(x)),
    }
}

/// Items of the list at `path`, whichever of the two forms above it is in.
fn items(v: &Value, path: &str) -> Vec<Value> {
    match nested(v, path).as_deref() {
        Some(Value::Array(a)) => a.iter().take(MAX_DOCUMENTS).cloned().collect(),
        _ => Vec::new(),
    }
}

fn opt<'a>(c: &'a Option<Cow<'_, str>>) -> Option<&'a str> {
    c.as_deref()
}

// ---------------------------------------------------------------------------------------
// Vendors

/// Microsoft Sentinel incidents: the REST API's resource (`properties.*`), an automation
/// rule or Logic App trigger's `object` (with `relatedEntities`), and the Log Analytics
/// `SecurityIncident` table (PascalCase columns).
fn sentinel(d: &Value, r: &mut Reading) {
    let p = at(d, "properties").filter(|p| p.is_object()).unwrap_or(d);
    r.title(opt(&any(p, &["title", "Title"])));
    r.alert_id(opt(&any(p, &["incidentNumber", "IncidentNumber"])));
    let provider = any(p, &["providerName", "ProviderName"]);
    r.source(Some(match provider.as_deref() {
        None | Some("Azure Sentinel") => "Microsoft Sentinel",
        Some(other) => other,
    }));
    r.severity(any(p, &["severity", "Severity"]).and_then(|s| severity::from_word(&s)));
    r.detected(when(p, "createdTimeUtc").or_else(|| when(p, "CreatedTime")));
    for f in [
        "firstActivityTimeUtc",
        "FirstActivityTime",
        "lastActivityTimeUtc",
        "LastActivityTime",
    ] {
        r.seen(when(p, f));
    }
    for extra in ["additionalData", "AdditionalData"] {
        if let Some(x) = nested(p, extra) {
            for t in texts(&x, "techniques") {
                r.techniques(Some(t));
            }
        }
    }
    for e in items(p, "relatedEntities") {
        sentinel_entity(&e, r);
    }
    for alert in items(p, "alerts") {
        r.rule(opt(&text(&alert, "properties.alertDisplayName")));
        r.techniques(opt(&text(&alert, "properties.techniques")));
    }
}

/// One of Sentinel's entities: `kind` plus its `properties`.
fn sentinel_entity(e: &Value, r: &mut Reading) {
    let p = at(e, "properties").unwrap_or(e);
    let kind = any(e, &["kind", "Type"])
        .unwrap_or_default()
        .to_ascii_lowercase();
    match kind.as_str() {
        "account" => {
            let upn = match (text(p, "accountName"), text(p, "upnSuffix")) {
                (Some(n), Some(s)) => Some(Cow::Owned(format!("{n}@{s}"))),
                (n, _) => n.or_else(|| text(p, "friendlyName")),
            };
            r.user(opt(&upn), "account");
        }
        "host" => r.host(opt(&any(p, &["hostName", "friendlyName"])), "host"),
        "ip" => r.ip(opt(&text(p, "address")), "IP address"),
        "url" => r.url(opt(&text(p, "url")), "URL"),
        "filehash" => r.hash(opt(&text(p, "hashValue")), "file hash"),
        "file" => r.file(opt(&text(p, "fileName")), "file"),
        "process" => {
            if let Some(c) = text(p, "commandLine") {
                r.command_line("Command line", &c);
            }
        }
        "mailmessage" => {
            r.sender(opt(&any(p, &["p2Sender", "sender", "p1Sender"])), "sender");
            r.mailbox(opt(&text(p, "recipient")), "recipient");
            if let Some(s) = text(p, "subject") {
                r.observe(&format!("Subject: {s}"));
            }
        }
        "mailbox" => r.mailbox(opt(&text(p, "mailboxPrimaryAddress")), "mailbox"),
        "dnsresolution" | "dns" => r.domain(opt(&text(p, "domainName")), "DNS query"),
        _ => {}
    }
}

/// Microsoft Defender XDR alerts: Microsoft Graph's `alerts_v2` resource, and the older
/// Defender for Endpoint API alert (`alertCreationTime`, `computerDnsName`, `entityType`
/// evidence).
fn defender(d: &Value, r: &mut Reading) {
    r.title(opt(&text(d, "title")));
    r.alert_id(opt(&any(d, &["id", "providerAlertId", "alertId"])));
    let product = text(d, "productName");
    let service = any(d, &["serviceSource", "detectionSource"]).map(|s| defender_service(&s));
    r.source(
        product
            .as_deref()
            .or(service)
            .or(Some("Microsoft Defender XDR")),
    );
    r.severity(text(d, "severity").and_then(|s| severity::from_word(&s)));
    r.detected(when(d, "createdDateTime").or_else(|| when(d, "alertCreationTime")));
    for f in [
        "firstActivityDateTime",
        "firstEventTime",
        "lastActivityDateTime",
        "lastEventTime",
    ] {
        r.seen(when(d, f));
    }
    for t in texts(d, "mitreTechniques") {
        r.techniques(Some(t));
    }
    if let Some(i) = text(d, "incidentId") {
        r.observe(&format!("Part of Defender incident {i}"));
    }
    // People first, so Who leads with the account the alert is about rather than whoever
    // was signed in to the device.
    let mut evidence = items(d, "evidence");
    evidence.sort_by_key(|e| {
        let kind = text(e, "@odata.type")
            .or_else(|| text(e, "entityType"))
            .unwrap_or_default();
        let kind = kind.to_ascii_lowercase();
        !(kind.contains("user") || kind.contains("mailbox") || kind.contains("analyzedmessage"))
    });
    for e in evidence {
        defender_evidence(&e, r);
    }
    r.host(opt(&text(d, "computerDnsName")), "device");
    if let (Some(u), domain) = (
        text(d, "relatedUser.userName"),
        text(d, "relatedUser.domainName"),
    ) {
        let u = domain.map_or_else(|| u.to_string(), |dn| format!("{dn}\\{u}"));
        r.user(Some(&u), "user");
    }
}

fn defender_service(s: &str) -> &'static str {
    match s {
        "microsoftDefenderForEndpoint"
        | "WindowsDefenderAtp"
        | "WindowsDefenderAv"
        | "WindowsDefenderSmartScreen"
        | "CustomerTI" => "Microsoft Defender for Endpoint",
        "microsoftDefenderForOffice365" => "Microsoft Defender for Office 365",
        "microsoftDefenderForIdentity" => "Microsoft Defender for Identity",
        "microsoftDefenderForCloudApps" => "Microsoft Defender for Cloud Apps",
        "microsoftDefenderForCloud" => "Microsoft Defender for Cloud",
        "azureAdIdentityProtection" | "microsoftEntraIdProtection" => {
            "Microsoft Entra ID Protection"
        }
        "microsoftSentinel" => "Microsoft Sentinel",
        _ => "Microsoft Defender XDR",
    }
}

/// One evidence item. Graph names its type in `@odata.type`
/// (`#microsoft.graph.security.deviceEvidence`); the older API in `entityType` (`Machine`).
/// Its `roles` (attacker, victim, source…) become the indicator's note.
fn defender_evidence(e: &Value, r: &mut Reading) {
    let odata = text(e, "@odata.type").unwrap_or_default();
    let kind = odata
        .rsplit('.')
        .next()
        .map(|k| k.trim_end_matches("Evidence").to_ascii_lowercase())
        .filter(|k| !k.is_empty())
        .or_else(|| text(e, "entityType").map(|k| k.to_ascii_lowercase()))
        .unwrap_or_default();
    let roles = texts(e, "roles").join(", ");
    let role = |default: &'static str| -> String {
        match roles.is_empty() {
            true => default.to_owned(),
            false => format!("{default}, {roles}"),
        }
    };
    let account = |a: &Value| {
        any(a, &["userPrincipalName", "upn"])
            .map(|c| c.into_owned())
            .or_else(|| {
                let name = text(a, "accountName")?;
                Some(match text(a, "domainName") {
                    Some(dn) => format!("{dn}\\{name}"),
                    None => name.into_owned(),
                })
            })
    };
    match kind.as_str() {
        "user" => {
            let a = at(e, "userAccount").unwrap_or(e);
            r.user(account(a).as_deref(), &role("user"));
        }
        "device" | "machine" => {
            r.host(
                opt(&any(e, &["deviceDnsName", "hostName", "computerDnsName"])),
                &role("device"),
            );
            for u in items(e, "loggedOnUsers") {
                r.user(account(&u).as_deref(), "logged on");
            }
        }
        "ip" => r.ip(opt(&text(e, "ipAddress")), &role("IP address")),
        "url" => r.url(opt(&text(e, "url")), &role("URL")),
        "file" => {
            let f = at(e, "fileDetails").unwrap_or(e);
            r.file(opt(&text(f, "fileName")), &role("file"));
            r.hash(opt(&text(f, "sha256")), &role("file"));
            r.hash(opt(&text(f, "sha1")), &role("file"));
        }
        "process" => {
            let image = at(e, "imageFile").unwrap_or(e);
            r.file(opt(&text(image, "fileName")), &role("process image"));
            r.hash(opt(&text(image, "sha256")), &role("process image"));
            r.hash(opt(&text(image, "sha1")), &role("process image"));
            if let Some(c) = text(e, "processCommandLine") {
                r.command_line("Command line", &c);
            }
            if let Some(a) = at(e, "userAccount") {
                r.user(account(a).as_deref(), "process account");
            }
        }
        "mailbox" => r.mailbox(opt(&text(e, "primaryAddress")), &role("mailbox")),
        "analyzedmessage" => {
            r.sender(opt(&text(e, "p2Sender.emailAddress")), "sender (From)");
            r.sender(opt(&text(e, "p1Sender.emailAddress")), "sender (envelope)");
            r.mailbox(opt(&text(e, "recipientEmailAddress")), "recipient");
            r.ip(opt(&text(e, "senderIp")), "sending server");
            if let Some(s) = text(e, "subject") {
                r.observe(&format!("Subject: {s}"));
            }
            for u in texts(e, "urls") {
                r.url(Some(u), "URL in the message");
            }
        }
        _ => {}
    }
}

/// Splunk: Enterprise Security notable events and plain search results (a REST `results`
/// list, an export's JSON lines, an alert webhook's `result`), with the Common Information
/// Model's field names.
fn splunk(d: &Value, r: &mut Reading, notable: bool) {
    if notable {
        r.title(opt(&any(d, &["rule_title", "rule_name", "search_name"])));
        r.alert_id(opt(&any(d, &["event_id", "sid"])));
        r.source(Some("Splunk Enterprise Security"));
        r.rule(opt(&any(
            d,
            &["search_name", "rule_name", "savedsearch_name"],
        )));
        r.severity(any(d, &["urgency", "severity"]).and_then(|s| severity::from_word(&s)));
        r.detected(when(d, "_time"));
    } else {
        r.title(opt(&text(d, "search_name")));
        r.alert_id(opt(&text(d, "sid")));
        r.source(Some("Splunk"));
        r.rule(opt(&text(d, "search_name")));
        r.severity(text(d, "severity").and_then(|s| severity::from_word(&s)));
        r.seen(when(d, "_time"));
    }
    for f in ["orig_time", "firstTime", "lastTime"] {
        r.seen(when(d, f));
    }
    for (f, role) in [
        ("user", "user"),
        ("src_user", "source user"),
        ("dest_user", "destination user"),
    ] {
        r.user(opt(&text(d, f)), role);
    }
    r.sender(opt(&text(d, "sender")), "sender");
    r.mailbox(opt(&text(d, "recipient")), "recipient");
    for (f, role) in [
        ("src", "source"),
        ("src_ip", "source"),
        ("dest", "destination"),
        ("dest_ip", "destination"),
        ("dvc", "reporting device"),
    ] {
        r.host(opt(&text(d, f)), role);
    }
    r.url(opt(&text(d, "url")), "URL");
    r.hash(opt(&text(d, "file_hash")), "file");
    r.file(opt(&text(d, "file_name")), "file");
    r.techniques(opt(&text(d, "annotations.mitre_attack.mitre_technique_id")));
    for t in texts(d, "annotations.mitre_attack") {
        r.techniques(Some(t));
    }
    if let Some(c) = text(d, "process") {
        r.command_line("Command line", &c);
    }
}

/// Elastic Security alerts (`kibana.alert.*`, flattened or nested; `signal.*` before 8.0)
/// and then the ECS fields of the event that raised them.
fn elastic(d: &Value, r: &mut Reading) {
    let name = any(d, &["kibana.alert.rule.name", "signal.rule.name"]);
    r.title(opt(&name));
    r.rule(opt(&name));
    r.alert_id(opt(&any(d, &["kibana.alert.uuid", "_id"])));
    r.source(Some("Elastic Security"));
    let word = any(d, &["kibana.alert.severity", "signal.rule.severity"]);
    r.severity(word.and_then(|w| severity::from_word(&w)));
    let score =
        number(d, "kibana.alert.risk_score").or_else(|| number(d, "signal.rule.risk_score"));
    r.severity(score.and_then(severity::score));
    r.detected(when(d, "kibana.alert.start").or_else(|| when(d, "@timestamp")));
    r.seen(when(d, "kibana.alert.original_time").or_else(|| when(d, "signal.original_time")));
    for base in ["kibana.alert.rule.threat", "signal.rule.threat"] {
        for threat in items(d, base) {
            for technique in items(&threat, "technique") {
                r.techniques(opt(&text(&technique, "id")));
                for sub in items(&technique, "subtechnique") {
                    r.techniques(opt(&text(&sub, "id")));
                }
            }
        }
    }
    if let Some(reason) = text(d, "kibana.alert.reason") {
        r.observe(&format!("Elastic's reason: {reason}"));
    }
    ecs(d, r);
}

/// Wazuh's `alerts.json`.
fn wazuh(d: &Value, r: &mut Reading) {
    r.title(opt(&text(d, "rule.description")));
    r.alert_id(opt(&text(d, "id")));
    r.source(Some("Wazuh"));
    r.rule(
        text(d, "rule.id")
            .map(|id| format!("Wazuh rule {id}"))
            .as_deref(),
    );
    r.severity(number(d, "rule.level").and_then(severity::wazuh));
    r.detected(when(d, "timestamp").or_else(|| when(d, "@timestamp")));
    r.seen(when(d, "timestamp"));
    for t in texts(d, "rule.mitre.id") {
        r.techniques(Some(t));
    }
    for (f, role) in [
        ("data.srcuser", "source user"),
        ("data.dstuser", "destination user"),
        ("data.win.eventdata.targetUserName", "target user"),
        ("data.win.eventdata.subjectUserName", "subject user"),
    ] {
        r.user(opt(&text(d, f)), role);
    }
    r.host(opt(&text(d, "agent.name")), "agent");
    r.ip(opt(&text(d, "agent.ip")), "agent");
    r.ip(opt(&text(d, "data.srcip")), "source");
    r.ip(opt(&text(d, "data.win.eventdata.ipAddress")), "source");
    r.ip(opt(&text(d, "data.dstip")), "destination");
    r.host(opt(&text(d, "data.win.system.computer")), "computer");
    r.url(opt(&text(d, "data.url")), "URL");
    r.file(opt(&text(d, "syscheck.path")), "changed file");
    r.hash(opt(&text(d, "syscheck.sha256_after")), "changed file");
    if let Some(log) = text(d, "full_log") {
        r.command_line("Log line", &log);
    }
}

/// CrowdStrike Falcon: the streaming API's detection summary event (`metadata` + `event`),
/// the Alerts API's alert, and the older Detects API's detection with its `behaviors`.
fn crowdstrike(d: &Value, r: &mut Reading) {
    r.source(Some("CrowdStrike Falcon"));
    if let Some(e) = at(d, "event").filter(|e| e.is_object()) {
        r.title(opt(&any(e, &["DetectName", "Name"])));
        r.alert_id(opt(&any(e, &["DetectId", "CompositeId"])));
        r.severity(text(e, "SeverityName").and_then(|s| severity::from_word(&s)));
        r.severity(number(e, "Severity").and_then(severity::crowdstrike));
        r.detected(when(d, "metadata.eventCreationTime"));
        r.seen(when(e, "ProcessStartTime"));
        r.seen(when(e, "ProcessEndTime"));
        falcon_behaviour(e, r, &FALCON_EVENT);
        r.user(opt(&text(e, "UserName")), "user");
        r.host(opt(&any(e, &["ComputerName", "Hostname"])), "device");
        r.ip(opt(&text(e, "LocalIP")), "device");
        if let Some(desc) = text(e, "DetectDescription") {
            r.observe(&format!("Falcon: {desc}"));
        }
        return;
    }
    let behaviours = items(d, "behaviors");
    let lead = behaviours.first().unwrap_or(d);
    r.title(opt(
        &any(d, &["display_name", "name"]).or_else(|| any(lead, &["display_name", "scenario"]))
    ));
    r.alert_id(opt(&any(d, &["composite_id", "detection_id", "id"])));
    let word = any(d, &["severity_name", "max_severity_displayname"]);
    r.severity(word.and_then(|w| severity::from_word(&w)));
    let score = number(d, "severity").or_else(|| number(d, "max_severity"));
    r.severity(score.and_then(severity::score));
    r.detected(when(d, "created_timestamp").or_else(|| when(d, "timestamp")));
    for f in ["first_behavior", "last_behavior", "timestamp"] {
        r.seen(when(d, f));
    }
    r.host(opt(&text(d, "device.hostname")), "device");
    r.ip(opt(&text(d, "device.local_ip")), "device");
    r.ip(
        opt(&text(d, "device.external_ip")),
        "device's external address",
    );
    for b in std::iter::once(d).chain(behaviours.iter()) {
        falcon_behaviour(b, r, &FALCON_API);
        r.user(opt(&any(b, &["user_principal", "user_name"])), "user");
    }
}

/// Where the same facts sit in the streaming event and in the API resources.
struct FalconFields {
    tactic: &'static str,
    technique: &'static str,
    technique_id: &'static str,
    command_line: &'static str,
    parent_command_line: &'static str,
    file_name: &'static str,
    sha256: &'static str,
    md5: &'static str,
}

const FALCON_EVENT: FalconFields = FalconFields {
    tactic: "Tactic",
    technique: "Technique",
    technique_id: "TechniqueId",
    command_line: "CommandLine",
    parent_command_line: "ParentCommandLine",
    file_name: "FileName",
    sha256: "SHA256String",
    md5: "MD5String",
};

const FALCON_API: FalconFields = FalconFields {
    tactic: "tactic",
    technique: "technique",
    technique_id: "technique_id",
    command_line: "cmdline",
    parent_command_line: "parent_details.cmdline",
    file_name: "filename",
    sha256: "sha256",
    md5: "md5",
};

fn falcon_behaviour(b: &Value, r: &mut Reading, f: &FalconFields) {
    if let (Some(tactic), Some(technique)) = (text(b, f.tactic), text(b, f.technique)) {
        r.rule(Some(&format!("{tactic} via {technique}")));
    }
    r.techniques(opt(&text(b, f.technique_id)));
    r.file(opt(&text(b, f.file_name)), "process image");
    r.hash(opt(&text(b, f.sha256)), "process image");
    r.hash(opt(&text(b, f.md5)), "process image");
    if let Some(c) = text(b, f.command_line) {
        r.command_line("Command line", &c);
    }
    if let Some(c) = text(b, f.parent_command_line) {
        r.command_line("Parent command line", &c);
    }
}

/// Any JSON with Elastic Common Schema names.
fn ecs(d: &Value, r: &mut Reading) {
    r.title(opt(&text(d, "rule.name")));
    r.rule(opt(&any(d, &["rule.name", "rule.id"])));
    r.alert_id(opt(&text(d, "event.id")));
    let product = match (text(d, "observer.vendor"), text(d, "observer.product")) {
        (Some(v), Some(p)) if !p.starts_with(v.as_ref()) => Some(format!("{v} {p}")),
        (_, Some(p)) => Some(p.into_owned()),
        (v, None) => v.map(Cow::into_owned),
    };
    r.source(
        product
            .as_deref()
            .or(opt(&any(d, &["event.provider", "event.module"]))),
    );
    r.severity(number(d, "event.severity").and_then(severity::score));
    r.severity(text(d, "log.level").and_then(|s| severity::from_word(&s)));
    r.detected(when(d, "event.created").or_else(|| when(d, "@timestamp")));
    for f in ["event.start", "event.end", "@timestamp"] {
        r.seen(when(d, f));
    }
    for t in texts(d, "threat.technique.id")
        .into_iter()
        .chain(texts(d, "threat.technique.subtechnique.id"))
    {
        r.techniques(Some(t));
    }
    for (f, role) in [
        ("user.name", "user"),
        ("user.email", "user"),
        ("user.target.name", "target user"),
        ("source.user.name", "source user"),
        ("destination.user.name", "destination user"),
    ] {
        r.user(opt(&text(d, f)), role);
    }
    r.sender(opt(&text(d, "email.from.address")), "sender");
    for to in texts(d, "email.to.address") {
        r.mailbox(Some(to), "recipient");
    }
    r.host(opt(&any(d, &["host.name", "host.hostname"])), "host");
    for ip in texts(d, "host.ip").into_iter().take(4) {
        r.ip(Some(ip), "host");
    }
    r.ip(opt(&any(d, &["source.ip", "source.address"])), "source");
    r.ip(
        opt(&any(d, &["destination.ip", "destination.address"])),
        "destination",
    );
    r.domain(opt(&text(d, "destination.domain")), "destination");
    r.url(opt(&any(d, &["url.full", "url.original"])), "URL");
    r.file(opt(&text(d, "file.name")), "file");
    for h in ["file.hash.sha256", "file.hash.sha1", "file.hash.md5"] {
        r.hash(opt(&text(d, h)), "file");
    }
    r.hash(opt(&text(d, "process.hash.sha256")), "process image");
    if let Some(c) = text(d, "process.command_line") {
        r.command_line("Command line", &c);
    }
    if let Some(s) = text(d, "email.subject") {
        r.observe(&format!("Subject: {s}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_read_nested_dotted_and_mixed_keys() {
        let v = json!({
            "kibana.alert.rule.name": "flat",
            "kibana": {"alert": {"uuid": "nested"}},
            "host": {"ip": ["10.0.0.5", "10.0.0.6"]},
            "threat": [{"technique": [{"id": "T1059"}]}],
            "absent": null,
        });
        assert_eq!(text(&v, "kibana.alert.rule.name").as_deref(), Some("flat"));
        assert_eq!(text(&v, "kibana.alert.uuid").as_deref(), Some("nested"));
        assert_eq!(texts(&v, "host.ip"), ["10.0.0.5", "10.0.0.6"]);
        assert_eq!(text(&v, "threat.technique.id").as_deref(), Some("T1059"));
        assert!(at(&v, "absent").is_none());
    }

    #[test]
    fn unknown_json_is_not_claimed() {
        assert!(read(r#"{"colour": "blue", "count": 3}"#).is_none());
        assert!(read("[1, 2, 3]").is_none());
        assert!(read("{not json").is_none());
    }

    #[test]
    fn json_lines_are_read_as_a_list() {
        let text = concat!(
            r#"{"preview":false,"offset":0,"result":{"_time":"2026-03-14T09:14:00.000+00:00","src":"203.0.113.7","user":"jdoe","sourcetype":"vpn"}}"#,
            "\n",
            r#"{"preview":false,"offset":1,"result":{"_time":"2026-03-14T09:20:00.000+00:00","src":"203.0.113.8","user":"jdoe","sourcetype":"vpn"}}"#,
        );
        let r = read(text).expect("read").finish();
        assert_eq!(r.format, Some(Format::SplunkResults));
        assert_eq!(r.places, ["203.0.113.7 (source)", "203.0.113.8 (source)"]);
        assert_eq!(
            r.when_text().as_deref(),
            Some("2026-03-14 09:14:00 UTC to 2026-03-14 09:20:00 UTC")
        );
    }
}
