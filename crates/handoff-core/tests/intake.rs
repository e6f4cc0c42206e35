//! The alert intake against a corpus of realistic alerts, one or more per format, written for
//! this project from each vendor's published field names (no customer data).
//!
//! Each sample's golden file (`tests/intake/golden/<sample>.json`) holds the summary shown
//! next to the paste box, the fields the paste fills on an empty case, and everything read.
//! `UPDATE_GOLDEN=1 cargo test --test intake` rewrites them for review. The tests below the
//! golden one state, per format, what an analyst relies on, so a reviewed golden file cannot
//! quietly drift.

use std::path::{Path, PathBuf};

use handoff_core::intake::{self, proposals, suggestions, Format, Intake};
use handoff_core::vocabulary::indicator::IndicatorKind;
use handoff_core::{Case, Severity};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/intake")
}

fn sample(name: &str) -> Intake {
    let text =
        std::fs::read_to_string(corpus().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    intake::read(&text)
}

fn golden_text(intake: &Intake) -> String {
    let fills: Vec<serde_json::Value> = suggestions(intake)
        .into_iter()
        .map(|s| serde_json::json!({ "field": s.field.label(), "value": s.value }))
        .collect();
    let doc = serde_json::json!({
        "summary": intake.summary(),
        "fills": fills,
        "intake": intake,
    });
    serde_json::to_string_pretty(&doc).unwrap() + "\n"
}

#[test]
fn every_sample_matches_its_golden_file() {
    let mut names: Vec<String> = std::fs::read_dir(corpus())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert!(names.len() >= 17, "the corpus lost samples: {names:?}");
    let mut stale = Vec::new();
    for name in &names {
        let intake = sample(name);
        // The reading crosses from the worker to the page as JSON: it must arrive whole.
        let wire = serde_json::to_string(&intake).unwrap();
        assert_eq!(
            serde_json::from_str::<Intake>(&wire).unwrap(),
            intake,
            "{name}"
        );
        let actual = golden_text(&intake);
        let path = corpus().join("golden").join(format!("{name}.json"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::write(&path, &actual).unwrap();
            continue;
        }
        let expected = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("missing {}: run with UPDATE_GOLDEN=1", path.display()));
        if expected != actual {
            stale.push(format!("--- {name} ---\n{actual}"));
        }
    }
    assert!(
        stale.is_empty(),
        "differs from the golden file (UPDATE_GOLDEN=1 rewrites it after review):\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_format_is_recognised_by_at_least_one_sample() {
    use Format::*;
    let expected = [
        ("sentinel-incident.json", SentinelIncident),
        ("sentinel-automation-trigger.json", SentinelIncident),
        ("defender-xdr-alert.json", DefenderAlert),
        ("defender-endpoint-api-alert.json", DefenderAlert),
        ("splunk-notable.json", SplunkNotable),
        ("splunk-webhook.json", SplunkResults),
        ("splunk-results.jsonl", SplunkResults),
        ("elastic-alert.json", ElasticAlert),
        ("wazuh-alert.json", WazuhAlert),
        ("crowdstrike-detection-summary.json", CrowdStrikeDetection),
        ("crowdstrike-alerts-api.json", CrowdStrikeDetection),
        ("ecs-suricata-event.json", EcsJson),
        ("cef-firewall.log", Cef),
        ("leef-proxy.log", Leef),
        ("kv-fortigate.log", KeyValue),
        ("email-phish-headers.txt", EmailHeaders),
    ];
    for (name, format) in expected {
        assert_eq!(sample(name).format, Some(format), "{name}");
    }
    let free = sample("unrecognised.txt");
    assert_eq!(free.format, None);
    assert!(
        free.summary().starts_with("Not a format Handoff reads"),
        "{}",
        free.summary()
    );
    assert!(free
        .indicators
        .iter()
        .any(|i| i.value == "https://docs-share.example.com/view"));
}

fn note_of(i: &Intake, value: &str) -> String {
    i.indicators
        .iter()
        .find(|x| x.value == value)
        .unwrap_or_else(|| panic!("no indicator {value}"))
        .note
        .clone()
}

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    s.parse().unwrap()
}

#[test]
fn defender_fills_the_header_and_proposes_who_and_where() {
    let i = sample("defender-xdr-alert.json");
    assert_eq!(
        i.title.as_deref(),
        Some("Suspicious PowerShell download and execution")
    );
    assert_eq!(
        i.alert_id.as_deref(),
        Some("da638459817027754321_-1419205874")
    );
    assert_eq!(i.source.as_deref(), Some("Microsoft Defender for Endpoint"));
    assert_eq!(i.severity, Some(Severity::High));
    assert_eq!(i.detected_at, Some(at("2026-03-14T09:16:42.1234567Z")));
    assert_eq!(
        i.when_text().as_deref(),
        Some("2026-03-14 09:14:03 UTC to 2026-03-14 09:15:58 UTC")
    );
    assert!(i
        .who_text()
        .unwrap()
        .contains("jdoe@corp.example (user, compromised)"));
    let places = i.where_text().unwrap();
    assert!(
        places.contains("ws-fin-0142.corp.example (device)"),
        "{places}"
    );
    assert!(
        places.contains("198.51.100.23 (IP address, attacker)"),
        "{places}"
    );
    assert_eq!(
        note_of(&i, "https://cdn-update.example.net/payload.ps1"),
        "URL, attacker"
    );
    assert_eq!(
        note_of(
            &i,
            "b5bb9d8014a0f9b1d61e21e796d78dccdf1352f23cd32812f4850b878ae4944c"
        ),
        "file, source"
    );
    let techniques: Vec<&str> = i.techniques.iter().map(|t| t.as_str()).collect();
    assert_eq!(techniques, ["T1059.001", "T1105"]);
    assert!(i
        .observations
        .iter()
        .any(|o| o.starts_with("Command line: powershell.exe -NoProfile")));
    assert_eq!(
        i.summary(),
        "Read as a Microsoft Defender XDR alert: 8 fields, 11 indicators."
    );
}

#[test]
fn email_headers_show_the_sender_the_reply_to_and_the_authentication_results() {
    let i = sample("email-phish-headers.txt");
    assert_eq!(
        i.title.as_deref(),
        Some("Reported e-mail: Action required: confirm your March salary details")
    );
    assert_eq!(
        note_of(&i, "payroll@corp-payroll.example"),
        "sender, From header"
    );
    assert_eq!(
        note_of(&i, "payroll-desk@secure-mailbox.example.net"),
        "Reply-To header"
    );
    assert_eq!(
        note_of(&i, "bounce@payrol1-services.example"),
        "envelope sender, Return-Path header"
    );
    assert_eq!(
        note_of(&i, "203.0.113.66"),
        "sending server, Received hop 1 of 3"
    );
    assert_eq!(note_of(&i, "192.0.2.25"), "Received hop 2 of 3");
    assert!(
        !i.places.iter().any(|p| p.contains("192.0.2.25")),
        "a relay is not a place"
    );
    let o = i.observations.join("\n");
    for want in [
        "From: Payroll Team <payroll@corp-payroll.example>",
        "Reply-To payroll-desk@secure-mailbox.example.net is not the From address payroll@corp-payroll.example",
        "Return-Path domain payrol1-services.example is not the From domain corp-payroll.example",
        "Authentication-Results (mx.corp.example): SPF fail (smtp.mailfrom=payrol1-services.example), DKIM none (header.d=none), DMARC fail (header.from=corp-payroll.example)",
        "Received-SPF: fail",
        "Received chain: 3 hops; the earliest from mail.payrol1-services.example [203.0.113.66]",
        "Message-ID: <20260315100258.7F3A1C0@mail.payrol1-services.example>",
    ] {
        assert!(o.contains(want), "missing {want:?} in\n{o}");
    }
    // Sent at 11:02:58 +01:00, delivered at 10:03:12 UTC.
    assert_eq!(
        i.when_text().as_deref(),
        Some("2026-03-15 10:02:58 UTC to 2026-03-15 10:03:12 UTC")
    );
    assert!(i
        .places
        .iter()
        .any(|p| p == "h.schmidt@corp.example (recipient)"));
}

#[test]
fn each_vendors_severity_scale_is_mapped() {
    for (name, want) in [
        ("sentinel-incident.json", Severity::Medium),
        ("splunk-notable.json", Severity::High),
        ("elastic-alert.json", Severity::High),
        ("wazuh-alert.json", Severity::Medium),
        ("crowdstrike-detection-summary.json", Severity::Critical),
        ("crowdstrike-alerts-api.json", Severity::Critical),
        ("ecs-suricata-event.json", Severity::High),
        ("cef-firewall.log", Severity::Critical),
        ("leef-proxy.log", Severity::High),
        ("kv-fortigate.log", Severity::Critical),
    ] {
        assert_eq!(sample(name).severity, Some(want), "{name}");
    }
}

#[test]
fn line_formats_keep_the_role_their_keys_give() {
    let cef = sample("cef-firewall.log");
    assert_eq!(
        cef.title.as_deref(),
        Some("Detected bot activity to C&C server")
    );
    assert_eq!(
        cef.source.as_deref(),
        Some("Check Point VPN-1 & FireWall-1")
    );
    assert_eq!(
        cef.rule.as_deref(),
        Some("Block known C2 outbound"),
        "a labelled rule beats the signature ID"
    );
    assert_eq!(note_of(&cef, "203.0.113.199"), "destination");
    assert_eq!(note_of(&cef, "203.0.113.201"), "destination");
    assert_eq!(note_of(&cef, "10.20.3.77"), "source");
    assert_eq!(note_of(&cef, r"CORP\lgarcia"), "source user");
    assert_eq!(note_of(&cef, "44d88612fea8a8f36de82e1278abb02f"), "file");
    assert_eq!(
        cef.when_text().as_deref(),
        Some("2026-03-14 23:02:09 UTC to 2026-03-14 23:04:38 UTC")
    );

    let leef = sample("leef-proxy.log");
    assert_eq!(
        leef.title.as_deref(),
        Some("Malware download blocked by sandbox verdict")
    );
    assert_eq!(leef.rule.as_deref(), Some("Malware Download Blocked"));
    assert_eq!(note_of(&leef, "s.mendes@corp.example"), "user");
    assert_eq!(note_of(&leef, "192.0.2.77"), "destination");
    assert_eq!(note_of(&leef, "Q1_report.zip"), "file");

    let kv = sample("kv-fortigate.log");
    assert_eq!(note_of(&kv, "198.51.100.140"), "destination");
    assert_eq!(note_of(&kv, "dvoss"), "user");
    assert_eq!(
        kv.when_text().as_deref(),
        Some("2026-03-15 09:41:07 UTC to 2026-03-15 09:42:19 UTC")
    );
}

#[test]
fn a_typed_field_is_never_overwritten_only_offered() {
    let i = sample("defender-xdr-alert.json");
    let now = at("2026-03-14T09:30:00Z");
    let mut case = Case::open("c1", "Dana Kim", now);
    case.edit(
        handoff_core::case::Edit::Title("PowerShell on the finance laptop".into()),
        now,
    )
    .unwrap();
    let p = proposals(&case, &i);
    assert!(p
        .offer
        .iter()
        .any(|s| s.value == "Suspicious PowerShell download and execution"));
    assert!(!p
        .fill
        .iter()
        .any(|e| matches!(e, handoff_core::case::Edit::Title(_))));
    for e in p.fill {
        case.edit(e, now).unwrap();
    }
    let h = &case.report.header;
    assert_eq!(h.title, "PowerShell on the finance laptop");
    assert_eq!(h.alert_id, "da638459817027754321_-1419205874");
    assert_eq!(h.severity, Some(Severity::High));
    assert!(case
        .report
        .indicators
        .iter()
        .any(|x| x.kind == IndicatorKind::Url));
    // The Five Ws are the analyst's prose: offered, never written in.
    assert_eq!(case.report.five_ws.who, "");
    // Asked again with the same paste, only the offers are left: the typed title, and the
    // Five Ws the alert speaks to.
    let again = proposals(&case, &i);
    let offered: Vec<_> = again.offer.iter().map(|s| s.field).collect();
    use handoff_core::Field;
    assert_eq!(
        offered,
        [Field::AlertTitle, Field::Who, Field::Where, Field::When]
    );
    assert!(again.fill.iter().all(|e| matches!(
        e,
        handoff_core::case::Edit::AddIndicators(_) | handoff_core::case::Edit::AddTechniques(_)
    )));
}

#[test]
fn oversized_and_hostile_pastes_are_bounded() {
    let huge = format!("{{\"title\": \"{}\"}}", "A".repeat(3 * 1024 * 1024));
    let i = intake::read(&huge);
    assert!(i.title.is_none() || i.title.unwrap().chars().count() <= 301);
    let deep = "[".repeat(100_000);
    let _ = intake::read(&deep);
    let many_equals = "=".repeat(1024 * 1024);
    let _ = intake::read(&format!("CEF:0|a|b|c|d|e|5|{many_equals}"));
}

mod mutated {
    //! The corpus, cut and scribbled on: what the fuzz target checks, run in every test run.
    use super::*;
    use handoff_core::package::{import, to_json};
    use handoff_core::vocabulary::indicator::{defang, refang};
    use handoff_core::Indicator;
    use proptest::prelude::*;

    fn samples() -> Vec<String> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(corpus())
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        names.sort();
        names
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect()
    }

    fn floor(s: &str, mut i: usize) -> usize {
        i = i.min(s.len());
        while !s.is_char_boundary(i) {
            i -= 1;
        }
        i
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn a_damaged_alert_still_gives_a_case_that_exports(
            which in 0usize..64,
            cut in 0usize..8192,
            at in 0usize..8192,
            insert in "(\\PC|[{}\\[\\]\":=|\\\\\n]){0,24}",
        ) {
            let all = samples();
            let text = &all[which % all.len()];
            let cut = floor(text, cut.max(1) * text.len() / 8192);
            let text = &text[..cut];
            let at = floor(text, at * text.len() / 8192);
            let damaged = format!("{}{insert}{}", &text[..at], &text[at..]);

            let intake = intake::read(&damaged);
            let _ = intake.summary();
            for i in &intake.indicators {
                prop_assert_eq!(Indicator::new(i.kind, &i.value).map(|x| x.value), Ok(i.value.clone()));
                prop_assert_eq!(refang(&defang(i.kind, &i.value)), i.value.clone());
            }
            let now = at_time();
            let mut case = Case::open("prop", "Prop", now);
            for edit in proposals(&case, &intake).fill {
                prop_assert!(case.edit(edit, now).is_ok());
            }
            let json = to_json(&case);
            let again = import(json.as_bytes());
            prop_assert_eq!(again.as_ref().ok(), Some(&case), "{:?}", again.as_ref().err());
        }
    }

    fn at_time() -> chrono::DateTime<chrono::Utc> {
        super::at("2026-03-14T09:30:00Z")
    }
}
