//! Every destination of the handoff: golden files of the three realistic cases in each format,
//! the audiences and own domains, the platforms' limits, the JSON Schemas of TheHive's and
//! IRIS's alert APIs, and a hostile case in every format, checked by parsing the output (a
//! CommonMark parser, tokenizers of Slack's mrkdwn and of Teams' cards, and, in the export
//! oracles of `cargo xtask test`, pandoc for Jira and OASIS's and MISP's readers for STIX).
//!
//! The hostile checks are differential: the hostile case and the same case with every typed
//! character replaced by `x` must give the same structure (every heading, table, emphasis,
//! code span and list), so nothing a user typed adds any; links, images, HTML and mentions
//! must be absent altogether.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use common::*;
use handoff_core::package::{
    chat_message, to_iris, to_jira, to_markdown, to_plain_text, to_slack, to_stix, to_teams,
    to_thehive, Audience, ExportOptions, SLACK_MESSAGE_BLOCKS, SLACK_MESSAGE_CHARS,
    SLACK_SECTION_CHARS, TEAMS_MESSAGE_BYTES,
};
use handoff_core::vocabulary::indicator::OwnDomains;
use handoff_core::{
    Case, Classification, Command, EscalationChoice, Indicator, IndicatorKind, Severity,
    TechniqueId, TimelineEntry, Tlp, Verdict,
};
use serde_json::Value;

/// The export time of the STIX golden files.
fn export_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 14, 10, 30, 0).unwrap() + chrono::Duration::milliseconds(250)
}

/// Fixed "random" bytes for the STIX golden files: a small xorshift, so ids differ.
fn fixed_random() -> impl FnMut() -> [u8; 16] {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    move || {
        let mut out = [0u8; 16];
        for b in out.iter_mut() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            *b = state as u8;
        }
        out
    }
}

/// Every format of `case` under `options`, with its file-name suffix.
fn all_formats(case: &Case, options: &ExportOptions) -> Vec<(&'static str, String)> {
    let mut out = vec![
        ("md", to_markdown(case, options)),
        ("jira.txt", to_jira(case, options)),
        ("txt", to_plain_text(case, options)),
        ("chat.txt", chat_message(case, options)),
        ("slack.json", to_slack(case, options)),
        ("teams.json", to_teams(case, options)),
        ("thehive.json", to_thehive(case, options)),
        ("iris.json", to_iris(case, options)),
    ];
    if let Some(stix) = to_stix(case, options, export_time(), &mut fixed_random()) {
        out.push(("stix.json", stix));
    }
    out
}

fn cases() -> [(&'static str, Case); 3] {
    [
        ("phishing", phishing()),
        ("admin-false-positive", admin_false_positive()),
        ("ransomware", ransomware()),
    ]
}

/// The phishing case as L1 hands it on, with the organisation's own domain and network.
fn l1_own_options() -> ExportOptions {
    ExportOptions {
        audience: Audience::L1Handoff,
        own_domains: OwnDomains::new(&["corp.example"], &["10.20.0.0/16"]).unwrap(),
        ..ExportOptions::default()
    }
}

#[test]
fn golden_outputs_in_every_format() {
    for (name, case) in cases() {
        for (ext, text) in all_formats(&case, &ExportOptions::default()) {
            golden(&format!("{name}.{ext}"), &text);
        }
    }
    for (ext, text) in all_formats(&phishing(), &l1_own_options()) {
        if ["md", "txt", "jira.txt", "thehive.json", "stix.json"].contains(&ext) {
            golden(&format!("phishing.l1-own.{ext}"), &text);
        }
    }
}

#[test]
fn the_l1_handoff_leaves_out_what_l2_has_not_written() {
    let clock = StepClock::new();
    let case = in_l2_review(&clock);
    let full = to_markdown(&case, &ExportOptions::default());
    let l1 = ExportOptions {
        audience: Audience::L1Handoff,
        ..ExportOptions::default()
    };
    let handoff = to_markdown(&case, &l1);
    assert!(full.contains("| Validate L1 findings | No | — |"), "{full}");
    assert!(full.contains("- Outcome: —"), "{full}");
    assert!(!handoff.contains("Validate L1 findings"), "{handoff}");
    assert!(!handoff.contains("Outcome"), "{handoff}");
    assert!(handoff.contains("- L2 analyst: Sam Lee"), "{handoff}");
    let text = to_plain_text(&case, &l1);
    assert!(!text.contains("Validate L1 findings"), "{text}");
    assert!(to_plain_text(&case, &ExportOptions::default()).contains("Validate L1 findings"));
}

#[test]
fn own_domains_stay_as_they_are_and_are_not_indicators() {
    let case = phishing();
    let o = l1_own_options();
    let md = to_markdown(&case, &o);
    assert!(md.contains("`jdoe@corp.example`"), "{md}");
    assert!(md.contains("`billing[@]evil-invoices[.]example`"), "{md}");
    assert!(md.contains("WS-FIN-042 (10.20.30.40)"), "{md}");
    let hive: Value = serde_json::from_str(&to_thehive(&case, &o)).unwrap();
    let ioc = |data: &str| {
        hive["observables"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["data"] == data)
            .unwrap()["ioc"]
            .as_bool()
            .unwrap()
    };
    assert!(!ioc("jdoe@corp.example"));
    assert!(ioc("billing@evil-invoices.example"));
    assert!(!ioc("WS-FIN-042"), "a host is context");
    let stix = to_stix(&case, &o, export_time(), &mut fixed_random()).unwrap();
    assert!(!stix.contains("jdoe@corp.example"));
    assert!(stix.contains("billing@evil-invoices.example"));
}

// ---------------------------------------------------------------------------------------
// TheHive and IRIS: the alert APIs' JSON Schemas (written from the projects' own types).

fn validator(file: &str) -> jsonschema::Validator {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/schemas")
        .join(file);
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::new(&schema).unwrap()
}

fn violations(v: &jsonschema::Validator, json: &str) -> Vec<String> {
    let doc: Value = serde_json::from_str(json).expect("JSON");
    v.iter_errors(&doc)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect()
}

#[test]
fn thehive_and_iris_alerts_match_their_apis() {
    let hive = validator("thehive5-alert.schema.json");
    let iris = validator("dfir-iris-alert.schema.json");
    let mut all = cases().map(|(_, c)| c).to_vec();
    all.push(hostile_case(&|s| s.to_owned()));
    for case in &all {
        for options in [ExportOptions::default(), l1_own_options()] {
            let h = to_thehive(case, &options);
            assert_eq!(violations(&hive, &h), Vec::<String>::new(), "{h}");
            let i = to_iris(case, &options);
            assert_eq!(violations(&iris, &i), Vec::<String>::new(), "{i}");
        }
    }
    // The schemas are not blind: a wrong TLP number and a missing customer are refused.
    let mut h: Value =
        serde_json::from_str(&to_thehive(&phishing(), &ExportOptions::default())).unwrap();
    h["tlp"] = 5.into();
    assert!(!hive.is_valid(&h));
    let mut i: Value =
        serde_json::from_str(&to_iris(&phishing(), &ExportOptions::default())).unwrap();
    i.as_object_mut().unwrap().remove("alert_customer_id");
    assert!(!iris.is_valid(&i));
}

#[test]
fn thehive_numbers_tlp_pap_and_severity_as_thehive_5_does() {
    let hive: Value =
        serde_json::from_str(&to_thehive(&ransomware(), &ExportOptions::default())).unwrap();
    assert_eq!(hive["tlp"], 4, "TLP:RED");
    assert_eq!(hive["pap"], 3, "a TLP:RED case is PAP:RED");
    assert_eq!(hive["severity"], 4, "critical");
    assert_eq!(hive["sourceRef"], "INC-3107");
    let hive: Value =
        serde_json::from_str(&to_thehive(&phishing(), &ExportOptions::default())).unwrap();
    assert_eq!(
        (hive["tlp"].as_u64(), hive["pap"].as_u64()),
        (Some(2), Some(2))
    );
    let types: Vec<&str> = hive["observables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["dataType"].as_str().unwrap())
        .collect();
    assert_eq!(
        types,
        ["mail", "mail", "filename", "hash", "hostname", "other", "url", "ip"]
    );
    assert_eq!(
        handoff_core::package::thehive_tlp(Tlp::AmberStrict),
        3,
        "AMBER+STRICT sits between AMBER and RED"
    );
}

#[test]
fn iris_uses_the_mapping() {
    let mut options = ExportOptions::default();
    options.iris.customer_id = 7;
    options.iris.tlp_ids.red = 11;
    options.iris.ioc_type_ids.ipv4 = 79;
    let iris: Value = serde_json::from_str(&to_iris(&ransomware(), &options)).unwrap();
    assert_eq!(iris["alert_customer_id"], 7);
    assert_eq!(iris["alert_severity_id"], 6, "critical on a fresh install");
    assert_eq!(iris["alert_status_id"], 2, "new");
    let ip = iris["alert_iocs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["ioc_value"] == "10.20.1.12")
        .unwrap();
    assert_eq!(
        (ip["ioc_type_id"].as_u64(), ip["ioc_tlp_id"].as_u64()),
        (Some(79), Some(11))
    );
    let default: Value =
        serde_json::from_str(&to_iris(&admin_false_positive(), &ExportOptions::default())).unwrap();
    assert_eq!(
        default["alert_severity_id"], 1,
        "medium is 1 on a fresh install"
    );
}

// ---------------------------------------------------------------------------------------
// STIX: structure here; OASIS's validator and MISP's converter in the export oracles.

#[test]
fn stix_ids_are_fresh_uuid4_and_the_report_names_every_indicator() {
    let case = phishing();
    let a = to_stix(
        &case,
        &ExportOptions::default(),
        export_time(),
        &mut fixed_random(),
    )
    .unwrap();
    let b = to_stix(
        &case,
        &ExportOptions::default(),
        export_time(),
        &mut fixed_random(),
    )
    .unwrap();
    assert_eq!(a, b, "the same inputs give the same bundle");
    let bundle: Value = serde_json::from_str(&a).unwrap();
    let objects = bundle["objects"].as_array().unwrap();
    let indicators: Vec<&Value> = objects
        .iter()
        .filter(|o| o["type"] == "indicator")
        .collect();
    // Users and hosts are not indicators of compromise.
    assert_eq!(indicators.len(), 6);
    let report = objects.iter().find(|o| o["type"] == "report").unwrap();
    let refs: Vec<&Value> = report["object_refs"].as_array().unwrap().iter().collect();
    let ids: Vec<&Value> = indicators.iter().map(|i| &i["id"]).collect();
    assert_eq!(refs, ids);
    for o in objects.iter().filter(|o| o["type"] != "marking-definition") {
        let id = o["id"].as_str().unwrap();
        let uuid = id.split_once("--").unwrap().1;
        assert_eq!(uuid.len(), 36, "{id}");
        assert_eq!(&uuid[14..15], "4", "version 4: {id}");
        assert!("89ab".contains(&uuid[19..20]), "RFC 4122 variant: {id}");
        assert_eq!(o["created"], "2026-03-14T10:30:00.250Z");
    }
    assert!(indicators
        .iter()
        .any(|i| i["pattern"] == "[file:hashes.'SHA-256' = '275a021bbfb6489e54d471899f7db9d1663fc695ec2fe2a2c4538aabf651fd0f']"));
    assert_eq!(indicators[0]["valid_from"], "2026-03-14T09:14:00.000Z");
    assert_eq!(
        to_stix(
            &admin_false_positive(),
            &ExportOptions::default(),
            export_time(),
            &mut fixed_random()
        ),
        None,
        "no indicator, no bundle"
    );
}

// ---------------------------------------------------------------------------------------
// The hostile case.

/// Everything a hostile alert or a careless paste could put in a text field, for every
/// destination at once.
const HOSTILE: &str = "{code}x{code} [x|javascript:alert(1)] *bold* _it_ <!here> <@U123> @channel @here &amp; \u{202E}gpj.exe\u{202C}\n\
second line `tick` ```fence``` | pipe | {noformat}out{noformat} [~admin] !img.png! (y) :) ;) ^sup^ ~sub~ +ins+ ??cite?? -- bq. quote\n\
\n\
# Heading\n\
- item\n\
1. first\n\
h1. head\n\
> quote\n\
[x](javascript:alert(1)) ![i](https://x.io/i.png) <img src=x onerror=alert(1)> <https://evil.example> http://evil.example/a_b_ www.evil.example mailto:a@evil.example :smile: {{DATE(2026-03-14T09:14:00Z)}} [code]<b>x</b>[/code] <at>Sam</at> #general \\\\ back\\slash";

/// The same, compact enough that a Slack or Teams message of a case with it in every field is
/// not cut (a cut falls at a different place in the harmless twin, whose text is shorter).
const HOSTILE_CHAT: &str = "<!here> <@U123> <#C1> @channel *b* _i_ ~s~ `c` ```p``` :smile: &amp; \u{202E}x\n\
> quote\n\
- item\n\
1. first\n\
[x](javascript:alert(1)) <https://evil.example> http://e.example/a_b_ www.e.example {{DATE(2026-03-14T09:14:00Z)}} <at>Sam</at> #general";

/// Replaces every character that is not white space by `x`: the same lines and paragraphs,
/// nothing that any syntax could act on.
fn placeholder(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { c } else { 'x' })
        .collect()
}

/// A case with `t(HOSTILE)` in every text field a user fills, escalated all the way, with
/// hostile indicators (file name, user, URL) as well.
fn hostile_case(t: &dyn Fn(&str) -> String) -> Case {
    hostile_case_with(HOSTILE, t)
}

fn hostile_case_with(text: &str, t: &dyn Fn(&str) -> String) -> Case {
    let clock = StepClock::new();
    let line = |s: &str| t(s).replace('\n', " ");
    let mut c = Case::open(line("case-x"), t(text), clock.now());
    c.edit_report(clock.now(), |r| {
        let h = &mut r.header;
        h.title = t(text);
        h.alert_id = t(text);
        h.source = t(text);
        h.rule = t(text);
        h.severity = Some(Severity::High);
        h.detected_at = Some(t0());
        r.raw_alert = t(text);
        for w in [
            &mut r.five_ws.who,
            &mut r.five_ws.what,
            &mut r.five_ws.when,
            &mut r.five_ws.where_,
            &mut r.five_ws.why,
        ] {
            *w = t(text);
        }
        // The report check wants a UTC time in When before the case is handed on.
        r.five_ws.when.push_str(" 2026-03-14 09:12 UTC");
        r.verdict = Some(Verdict::TruePositive);
        r.verdict_justification = t(text);
        for k in <handoff_core::Condition as strum::VariantArray>::VARIANTS {
            r.conditions.get_mut(*k).applies = Some(true);
            r.conditions.get_mut(*k).note = t(text);
        }
        r.decision.choice = Some(EscalationChoice::Escalate);
        let mut ind = |kind, value: String| {
            let mut i = Indicator::new(kind, &value).unwrap();
            i.note = t(text);
            std::rc::Rc::make_mut(&mut r.indicators).push(i);
        };
        ind(
            IndicatorKind::FileName,
            line("{noformat}*x*_[y|z]`@here`<!here>{code}'q.exe"),
        );
        ind(IndicatorKind::User, line("CORP\\<@U123>*adm*_x_"));
        ind(
            IndicatorKind::Url,
            format!("http://evil.example/{}", line("a_b*c*(y)'q")),
        );
        ind(IndicatorKind::Ipv4, "203.0.113.9".into());
        ind(
            IndicatorKind::Sha1,
            "3395856ce81f2b7382dee72602f798b642f14140".into(),
        );
        r.attack_techniques = vec![TechniqueId::parse("T1566").unwrap()];
        r.tlp = Tlp::AmberStrict;
        r.timeline = vec![TimelineEntry {
            at: Some(t0()),
            description: t(text),
        }]
        .into();
        r.recommended_actions = vec![t(text), t(text)];
    })
    .unwrap();
    c.apply(Command::StartReview, clock.now()).unwrap();
    c.apply(Command::BeginReport, clock.now()).unwrap();
    c.apply(Command::SetInProgress, clock.now()).unwrap();
    c.edit_notification(clock.now(), |n| {
        n.ticket_id = line(text);
        n.l2_assignee = t(text);
        n.summary = t(text);
        n.immediate_concerns = t(text);
    })
    .unwrap();
    c.apply(Command::AssignToL2, clock.now()).unwrap();
    c.apply(Command::NotifyL2, clock.now()).unwrap();
    c.edit_l2(clock.now(), |l| {
        l.analyst = t(text);
        for k in <handoff_core::L2Task as strum::VariantArray>::VARIANTS {
            l.tasks.get_mut(*k).notes = t(text);
        }
        l.actions_taken = vec![t(text)];
        l.classification = Some(Classification::Major);
        l.outcome_note = t(text);
    })
    .unwrap();
    c.apply(Command::StartL2Review, clock.now()).unwrap();
    c.apply(
        Command::RequestClarification { question: t(text) },
        clock.now(),
    )
    .unwrap();
    c.apply(
        Command::AnswerClarification { answer: t(text) },
        clock.now(),
    )
    .unwrap();
    c
}

fn t0() -> DateTime<Utc> {
    t(9, 14)
}

fn hostile() -> Case {
    hostile_case(&|s| s.to_owned())
}

fn harmless() -> Case {
    hostile_case(&placeholder)
}

/// Words with a scheme that a reader would link (`https://`, `file://`, `mailto:`); the
/// defanged `hxxps://` is not one.
fn live_links(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || "<>()[]\"'|".contains(c))
        .filter(|w| {
            let w = w.to_ascii_lowercase();
            let scheme = w.split_once("://").map(|(s, _)| {
                s.rsplit(|c: char| !c.is_ascii_alphanumeric())
                    .next()
                    .unwrap_or("")
            });
            scheme.is_some_and(|s| !["hxxp", "hxxps", "fxp"].contains(&s))
                || w.starts_with("www.")
                || w.starts_with("mailto:")
        })
        .map(str::to_owned)
        .collect()
}

/// The structure a CommonMark reader sees: every element but the text in it.
fn markdown_skeleton(md: &str) -> Vec<String> {
    use pulldown_cmark::{Event, Options, Parser};
    let mut options = Options::empty();
    options.insert(Options::ENABLE_TABLES);
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TASKLISTS);
    Parser::new_ext(md, options)
        .filter_map(|e| match e {
            Event::Text(_) | Event::Code(_) => None,
            Event::Start(t) => Some(format!("start {t:?}")),
            Event::End(t) => Some(format!("end {t:?}")),
            other => Some(format!("{other:?}")),
        })
        .collect()
}

#[test]
fn hostile_text_stays_text_in_markdown() {
    for options in [ExportOptions::default(), l1_own_options()] {
        for md in [
            to_markdown(&hostile(), &options),
            // TheHive and IRIS render their description as Markdown.
            serde_json::from_str::<Value>(&to_thehive(&hostile(), &options)).unwrap()
                ["description"]
                .as_str()
                .unwrap()
                .to_owned(),
        ] {
            assert_eq!(markdown_injections(&md), Vec::<String>::new(), "{md}");
            assert_eq!(
                markdown_skeleton(&md),
                markdown_skeleton(&to_markdown(&harmless(), &options)),
                "{md}"
            );
        }
    }
}

/// What Slack's mrkdwn acts on in `text`: `<…>` links, mentions and commands, bare `@`
/// mentions, `:emoji:`, block quotes, and `*bold*`, `_italic_`, `~strike~`, `` `code` `` and
/// ```` ```pre``` ```` spans (a delimiter opens after a start, space or punctuation and
/// before a non-space, and closes before an end, space or punctuation). Returns one token a
/// construct: its kind and, for spans, its text.
fn slack_tokens(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for line in text.split('\n') {
        let c: Vec<char> = line.chars().collect();
        if line.starts_with('>') {
            out.push(("quote".into(), String::new()));
        }
        let boundary = |i: Option<usize>| match i.and_then(|i| c.get(i)) {
            None => true,
            Some(ch) => ch.is_whitespace() || ch.is_ascii_punctuation(),
        };
        let mut i = 0;
        while i < c.len() {
            match c[i] {
                '<' => out.push(("angle".into(), c[i..].iter().take(20).collect())),
                '@' => out.push(("mention".into(), c[i..].iter().take(12).collect())),
                ':' => {
                    let n = c[i + 1..]
                        .iter()
                        .take_while(|ch| ch.is_ascii_alphanumeric() || "_+'-".contains(**ch))
                        .count();
                    if n > 0 && c.get(i + 1 + n) == Some(&':') {
                        out.push(("emoji".into(), c[i + 1..i + 1 + n].iter().collect()));
                    }
                }
                d @ ('*' | '_' | '~' | '`')
                    if boundary(i.checked_sub(1))
                        && c.get(i + 1).is_some_and(|n| !n.is_whitespace() && *n != d) =>
                {
                    let close = (i + 2..c.len())
                        .find(|&j| c[j] == d && !c[j - 1].is_whitespace() && boundary(Some(j + 1)));
                    if let Some(j) = close {
                        out.push((format!("span {d}"), c[i + 1..j].iter().collect()));
                        if d == '`' {
                            i = j;
                        }
                    }
                }
                _ => {}
            }
            i += 1;
        }
    }
    out
}

fn slack_sections(json: &str) -> Vec<String> {
    let v: Value = serde_json::from_str(json).unwrap();
    let mut out = vec![v["text"].as_str().unwrap().to_owned()];
    for b in v["blocks"].as_array().unwrap() {
        assert_eq!(b["type"], "section");
        assert_eq!(b["text"]["type"], "mrkdwn");
        assert_eq!(b["text"]["verbatim"], true);
        out.push(b["text"]["text"].as_str().unwrap().to_owned());
    }
    out
}

#[test]
fn hostile_text_stays_text_in_slack() {
    let kinds = |json: &str| -> Vec<Vec<String>> {
        slack_sections(json)
            .iter()
            .map(|s| slack_tokens(s).into_iter().map(|(k, _)| k).collect())
            .collect()
    };
    let chat = hostile_case_with(HOSTILE_CHAT, &|s| s.to_owned());
    let chat_twin = hostile_case_with(HOSTILE_CHAT, &placeholder);
    for options in [ExportOptions::default(), l1_own_options()] {
        for case in [hostile(), chat.clone()] {
            for s in slack_sections(&to_slack(&case, &options)) {
                for (kind, text) in slack_tokens(&s) {
                    assert!(
                        !["angle", "mention", "emoji", "quote"].contains(&kind.as_str()),
                        "{kind} {text:?} in {s}"
                    );
                }
                assert_eq!(live_links(&s), Vec::<String>::new(), "{s}");
            }
        }
        let json = to_slack(&chat, &options);
        assert!(json.contains("attached to ticket"));
        assert!(!json.contains("cut here"), "{json}");
        assert_eq!(
            kinds(&json),
            kinds(&to_slack(&chat_twin, &options)),
            "{json}"
        );
    }
    // The tokenizer sees what it must.
    let found: Vec<String> = slack_tokens("<!here> *b* _i_ `c` :x: @here")
        .into_iter()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(
        found,
        ["angle", "span *", "span _", "span `", "emoji", "mention"]
    );
}

/// Every TextBlock (read as Markdown by Teams) and every TextRun (shown as written) of a Teams
/// message.
fn teams_texts(json: &str) -> (Vec<String>, Vec<String>) {
    let v: Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["type"], "message");
    let card = &v["attachments"][0]["content"];
    assert_eq!(card["type"], "AdaptiveCard");
    assert!(
        card["msteams"].get("entities").is_none(),
        "no mention entities"
    );
    let (mut blocks, mut runs) = (Vec::new(), Vec::new());
    for e in card["body"].as_array().unwrap() {
        match e["type"].as_str().unwrap() {
            "TextBlock" => blocks.push(e["text"].as_str().unwrap().to_owned()),
            "RichTextBlock" => {
                for r in e["inlines"].as_array().unwrap() {
                    assert_eq!(r["type"], "TextRun");
                    runs.push(r["text"].as_str().unwrap().to_owned());
                }
            }
            other => panic!("unexpected element {other}"),
        }
    }
    (blocks, runs)
}

/// What the Markdown subset of a Teams TextBlock acts on: `**`/`__`/`*`/`_` emphasis, `[…](…)`
/// links, `- ` and `1. ` lists, `<at>` mentions.
fn teams_markdown_tokens(text: &str) -> Vec<&'static str> {
    let mut out = Vec::new();
    if text.contains("](") {
        out.push("link");
    }
    if text.contains(['*', '_']) {
        out.push("emphasis");
    }
    if text.to_ascii_lowercase().contains("<at") {
        out.push("mention");
    }
    for line in text.lines() {
        let t = line.trim_start();
        if t.starts_with("- ")
            || t.split_once(". ")
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok())
        {
            out.push("list");
        }
    }
    out
}

#[test]
fn hostile_text_stays_text_in_teams() {
    let chat = hostile_case_with(HOSTILE_CHAT, &|s| s.to_owned());
    let chat_twin = hostile_case_with(HOSTILE_CHAT, &placeholder);
    for options in [ExportOptions::default(), l1_own_options()] {
        for case in [hostile(), chat.clone()] {
            let (blocks, runs) = teams_texts(&to_teams(&case, &options));
            for b in &blocks {
                assert_eq!(teams_markdown_tokens(b), Vec::<&str>::new(), "{b}");
            }
            for r in &runs {
                assert!(!r.contains('@'), "{r}");
                assert!(!r.contains("{{"), "{r}");
                assert_eq!(live_links(r), Vec::<String>::new(), "{r}");
            }
        }
        let json = to_teams(&chat, &options);
        assert!(!json.contains("cut here"));
        let (blocks, runs) = teams_texts(&json);
        let (twin_blocks, twin_runs) = teams_texts(&to_teams(&chat_twin, &options));
        // Markdown is read only where no user text is: the same headings either way.
        assert_eq!(blocks, twin_blocks);
        assert_eq!(runs.len(), twin_runs.len());
    }
    assert_eq!(
        teams_markdown_tokens("[a](b) **c**\n- d"),
        ["link", "emphasis", "list"]
    );
}

/// What plain text's readers act on: ServiceNow's `[code]` tags, and the URLs and addresses
/// that mail clients link.
fn plain_text_tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = text.to_ascii_lowercase();
    for tag in ["[code]", "[/code]"] {
        out.extend(lower.match_indices(tag).map(|(_, t)| t.to_owned()));
    }
    for word in text.split(|c: char| c.is_whitespace() || "<>()\"'".contains(c)) {
        let w = word.to_ascii_lowercase();
        if !live_links(word).is_empty() {
            out.push(format!("link {word}"));
        }
        if let Some((a, b)) = w.split_once('@') {
            if !a.is_empty() && b.contains('.') && !b.contains('[') {
                out.push(format!("address {word}"));
            }
        }
    }
    out
}

#[test]
fn hostile_text_stays_text_in_plain_text() {
    let text = to_plain_text(&hostile(), &ExportOptions::default());
    assert_eq!(plain_text_tokens(&text), Vec::<String>::new(), "{text}");
    assert!(text.contains("\u{200B}code]"));
    assert!(
        text.contains("[U+202E]"),
        "direction controls are shown, not obeyed"
    );
    assert_eq!(
        plain_text_tokens("see [CODE]x[/code] https://a.b www.c.d mailto:e a@b.c"),
        [
            "[code]",
            "[/code]",
            "link https://a.b",
            "link www.c.d",
            "link mailto:e",
            "address a@b.c"
        ]
    );
}

// ---------------------------------------------------------------------------------------
// The platforms' limits.

/// A case whose every text is long: 9,000 characters a field.
fn huge() -> Case {
    let long = |tag: &str| format!("{tag} {}", "lorem ipsum dolor sit amet & <b> ".repeat(270));
    let mut c = hostile_case(&|s| s.to_owned());
    c.edit_l2(t(10, 0), |l| {
        l.outcome_note = long("outcome");
        l.actions_taken = (0..40).map(|i| long(&format!("action {i}"))).collect();
    })
    .unwrap();
    c
}

#[test]
fn slack_messages_stay_within_slack_limits_and_say_where_the_rest_is() {
    let json = to_slack(&huge(), &ExportOptions::default());
    let v: Value = serde_json::from_str(&json).unwrap();
    let blocks = v["blocks"].as_array().unwrap();
    assert!(blocks.len() <= SLACK_MESSAGE_BLOCKS);
    let texts: Vec<&str> = blocks
        .iter()
        .map(|b| b["text"]["text"].as_str().unwrap())
        .collect();
    assert!(texts
        .iter()
        .all(|t| t.chars().count() <= SLACK_SECTION_CHARS));
    assert!(texts.iter().map(|t| t.chars().count()).sum::<usize>() <= SLACK_MESSAGE_CHARS);
    let last = texts.last().unwrap();
    assert!(last.starts_with("…cut here"), "{last}");
    assert!(last.contains("attached to ticket"), "{last}");
    // A normal case is not cut.
    let v: Value = serde_json::from_str(&to_slack(&phishing(), &ExportOptions::default())).unwrap();
    let last = v["blocks"].as_array().unwrap().last().unwrap()["text"]["text"].clone();
    assert_eq!(
        last,
        "The full report, with the raw alert and the audit trail, is attached to ticket INC-2291."
    );
}

#[test]
fn teams_messages_stay_under_28_kb_and_say_where_the_rest_is() {
    let json = to_teams(&huge(), &ExportOptions::default());
    assert!(json.len() <= TEAMS_MESSAGE_BYTES, "{} bytes", json.len());
    let (_, runs) = teams_texts(&json);
    assert!(runs.last().unwrap().starts_with("…cut here"));
    let (_, runs) = teams_texts(&to_teams(&phishing(), &ExportOptions::default()));
    assert!(runs.last().unwrap().starts_with("The full report"));
}

// ---------------------------------------------------------------------------------------
// What the export oracles of `cargo xtask test` read.

/// Writes the Jira and STIX exports of every case, the hostile one and its harmless twin, into
/// `$HANDOFF_ORACLE_DIR` (default `target/export-oracles`), for pandoc, OASIS's STIX validator
/// and MISP's converter (`tests/oracles/`). Run by `cargo xtask test`.
#[test]
#[ignore = "writes files for the export oracles; `cargo xtask test` runs it"]
fn write_oracle_inputs() {
    let dir = std::env::var_os("HANDOFF_ORACLE_DIR").map_or_else(
        || std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/export-oracles"),
        std::path::PathBuf::from,
    );
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    let mut all: Vec<(String, Case)> = cases()
        .into_iter()
        .map(|(n, c)| (n.to_owned(), c))
        .collect();
    all.push(("hostile".into(), hostile()));
    all.push(("hostile.harmless".into(), harmless()));
    for (name, case) in &all {
        for (suffix, options) in [
            ("", ExportOptions::default()),
            (".l1-own", l1_own_options()),
        ] {
            write(
                &format!("{name}{suffix}.jira.txt"),
                &to_jira(case, &options),
            );
            if let Some(stix) = to_stix(case, &options, export_time(), &mut fixed_random()) {
                write(&format!("{name}{suffix}.stix.json"), &stix);
                // What MISP must carry: every indicator's real value.
                let expected: Vec<&str> = case
                    .report
                    .indicators
                    .iter()
                    .filter(|i| {
                        !matches!(i.kind, IndicatorKind::User | IndicatorKind::Host)
                            && !i.is_own(&options.own_domains)
                    })
                    .map(|i| i.value.as_str())
                    .collect();
                write(
                    &format!("{name}{suffix}.stix.expected.json"),
                    &serde_json::to_string_pretty(&expected).unwrap(),
                );
            }
        }
    }
}
