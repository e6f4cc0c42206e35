//! The report check: what is missing or weak in a report, each finding pointing at its field.
//! Blocking findings are exactly what the workflow's guards refuse on ("document before
//! escalation"); warnings and advice make a report better without stopping anyone.

use std::borrow::Cow;

use strum::VariantArray;

use crate::data::{CaseData, Report};
use crate::vocabulary::escalation::{Condition, EscalationChoice};
use crate::vocabulary::field::Field;
use crate::vocabulary::text::is_blank;
use crate::vocabulary::verdict::{Severity, Verdict};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingSeverity {
    /// A workflow step refuses until this is fixed.
    Blocking,
    /// Weakens the handoff; L2 would likely have to come back for it.
    Warning,
    /// Worth adding when known.
    Advice,
}

impl FindingSeverity {
    pub fn label(self) -> &'static str {
        match self {
            FindingSeverity::Blocking => "Missing",
            FindingSeverity::Warning => "Weak",
            FindingSeverity::Advice => "Tip",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub severity: FindingSeverity,
    pub field: Field,
    pub message: String,
}

impl Finding {
    pub fn blocking(field: Field, message: impl Into<String>) -> Self {
        Finding {
            severity: FindingSeverity::Blocking,
            field,
            message: message.into(),
        }
    }
    pub fn warning(field: Field, message: impl Into<String>) -> Self {
        Finding {
            severity: FindingSeverity::Warning,
            field,
            message: message.into(),
        }
    }
    pub fn advice(field: Field, message: impl Into<String>) -> Self {
        Finding {
            severity: FindingSeverity::Advice,
            field,
            message: message.into(),
        }
    }
}

/// What the report lacks before L1 may hand it on or close it at L1, in form order.
pub fn documentation_gaps(r: &Report) -> Vec<Finding> {
    let mut m = Vec::new();
    let mut need = |ok: bool, field: Field, msg: &str| {
        if !ok {
            m.push(Finding::blocking(field, msg));
        }
    };
    let h = &r.header;
    need(
        !is_blank(&h.title),
        Field::AlertTitle,
        "Give the alert a title.",
    );
    need(
        !is_blank(&h.alert_id),
        Field::AlertId,
        "Enter the alert or ticket ID.",
    );
    need(
        h.severity.is_some(),
        Field::Severity,
        "Set the alert's severity.",
    );
    need(
        h.detected_at.is_some(),
        Field::DetectedAt,
        "Enter when the alert was detected (UTC).",
    );
    need(
        !is_blank(&h.analyst),
        Field::Analyst,
        "Enter your name as the L1 analyst.",
    );
    let w = &r.five_ws;
    need(
        !is_blank(&w.who),
        Field::Who,
        "Who is empty: name the user, account, or sender involved.",
    );
    need(
        !is_blank(&w.what),
        Field::What,
        "What is empty: describe the actions or events seen.",
    );
    if is_blank(&w.when) {
        need(
            false,
            Field::When,
            "When is empty: give when the activity started and ended, in UTC.",
        );
    } else {
        need(
            utc_times_in(&w.when) > 0,
            Field::When,
            "When has no UTC time: write times such as 2026-03-14 09:12 UTC or 2026-03-14T09:12Z.",
        );
    }
    need(
        !is_blank(&w.where_),
        Field::Where,
        "Where is empty: name the host, IP, mailbox, or URL.",
    );
    need(
        !is_blank(&w.why),
        Field::Why,
        "Why is empty: explain, from the evidence, how you reached the verdict.",
    );
    match r.verdict {
        None => need(false, Field::Verdict, "Choose a verdict."),
        Some(Verdict::FalsePositive) => need(
            false,
            Field::Verdict,
            "A False Positive verdict is closed from L1 review: revise the verdict to close it.",
        ),
        Some(_) => {}
    }
    need(
        !is_blank(&r.verdict_justification),
        Field::VerdictJustification,
        "Justify the verdict.",
    );
    for c in r.conditions.unassessed() {
        m.push(Finding::blocking(
            Field::Condition(c),
            format!("Answer yes or no: {}.", c.label()),
        ));
    }
    m
}

/// What the escalation decision lacks: a choice, the `wanted` one when a step needs a given
/// choice, and a reason when it goes against the recommendation.
pub fn decision_gaps(r: &Report, wanted: Option<EscalationChoice>, m: &mut Vec<Finding>) {
    let rec = super::escalation::recommend(r.verdict, &r.conditions);
    match (r.decision.choice, wanted) {
        (None, _) => m.push(Finding::blocking(
            Field::EscalationDecision,
            "Record your escalation decision.",
        )),
        (Some(choice), Some(wanted)) if choice != wanted => m.push(Finding::blocking(
            Field::EscalationDecision,
            match wanted {
                EscalationChoice::Escalate => "Your decision is to close at L1, not to escalate.",
                EscalationChoice::Close => "Your decision is to escalate, not to close at L1.",
            },
        )),
        (Some(_), _) => {
            if rec.override_unexplained(&r.decision) {
                m.push(Finding::blocking(
                    Field::OverrideReason,
                    "Your decision differs from the recommendation: say why.",
                ));
            }
        }
    }
}

/// Every finding on the case's report, blocking first, then warnings, then advice.
pub fn check(case: &CaseData) -> Vec<Finding> {
    let r = &case.report;
    let mut out = documentation_gaps(r);
    decision_gaps(r, None, &mut out);

    if is_blank(&r.header.source) {
        out.push(Finding::warning(
            Field::Source,
            "Name the SIEM or tool that raised the alert.",
        ));
    }
    let when_times = utc_times_in(&r.five_ws.when);
    if !is_blank(&r.five_ws.why) && !cites_evidence(r) {
        out.push(Finding::warning(
            Field::Why,
            "Why cites no evidence: point at the logs, indicators, or observations behind the verdict.",
        ));
    }
    if matches!(
        r.verdict,
        Some(Verdict::TruePositive | Verdict::NeedsReview)
    ) && r.indicators.is_empty()
    {
        out.push(Finding::warning(
            Field::Indicators,
            "The verdict has no indicators behind it: add the IPs, domains, hashes, or accounts involved.",
        ));
    }
    if r.conditions.major_attack_indicators.applies == Some(true)
        && matches!(r.header.severity, Some(Severity::Low | Severity::Medium))
    {
        out.push(Finding::warning(
            Field::Severity,
            "Major attack indicators apply but the severity is below High: check the severity.",
        ));
    }
    for c in Condition::VARIANTS.iter().copied() {
        let a = r.conditions.get(c);
        if a.applies == Some(true) && is_blank(&a.note) {
            out.push(Finding::warning(
                Field::Condition(c),
                format!("Say what makes \"{}\" apply.", c.label()),
            ));
        }
    }
    if r.decision.choice == Some(EscalationChoice::Escalate) {
        if is_blank(&case.notification.immediate_concerns) {
            out.push(Finding::warning(
                Field::ImmediateConcerns,
                "Escalating without immediate concerns: tell L2 what is urgent, or that nothing is.",
            ));
        }
        if r.recommended_actions.iter().all(|a| is_blank(a)) {
            out.push(Finding::advice(
                Field::RecommendedActions,
                "Suggest next actions for L2 (isolate the host, reset the password, block the sender).",
            ));
        }
    }
    if when_times == 1 {
        out.push(Finding::advice(
            Field::When,
            "Give both the start and the end of the activity when you know them.",
        ));
    }
    if r.verdict == Some(Verdict::TruePositive) && r.attack_techniques.is_empty() {
        out.push(Finding::advice(
            Field::AttackTechniques,
            "Map the activity to ATT&CK techniques (for example T1566 for phishing).",
        ));
    }
    // Grouped by severity, each group in the order above: a stable sort, without the stable
    // sort's code in the wasm.
    let mut sorted = Vec::with_capacity(out.len());
    for severity in [
        FindingSeverity::Blocking,
        FindingSeverity::Warning,
        FindingSeverity::Advice,
    ] {
        sorted.extend(out.iter().filter(|f| f.severity == severity).cloned());
    }
    sorted
}

/// Words that show a Why rests on something observed.
pub const EVIDENCE_WORDS: &[&str] = &[
    "log",
    "logs",
    "event",
    "events",
    "hash",
    "ip",
    "sandbox",
    "header",
    "headers",
    "edr",
    "process",
    "observed",
    "seen",
    "confirmed",
    "evidence",
    "signature",
    "detonated",
    "detonation",
    "ioc",
    "indicator",
    "indicators",
    "domain",
    "url",
    "spf",
    "dkim",
    "dmarc",
    "registry",
    "dns",
    "proxy",
    "firewall",
    "netflow",
    "virustotal",
    "reputation",
    "command",
    "commandline",
    "telemetry",
    "traffic",
    "capture",
    "pcap",
    "artifact",
    "artefact",
    "ticket",
];

/// True when the Why names one of the case's indicators or an evidence word.
pub fn cites_evidence(r: &Report) -> bool {
    let why = r.five_ws.why.to_lowercase();
    if why
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| EVIDENCE_WORDS.contains(&w))
    {
        return true;
    }
    // Each pair of neighbouring bytes in the Why, as a bit: an indicator with a pair the Why
    // lacks is not in it. The check runs several times a render, over every indicator (tens of
    // thousands in a large import); nearly all stop at their first pair, before any search.
    let mut pairs = vec![0u64; 1 << 10];
    let pair = |w: &[u8]| usize::from(w[0]) << 8 | usize::from(w[1]);
    for w in why.as_bytes().windows(2) {
        pairs[pair(w) / 64] |= 1 << (pair(w) % 64);
    }
    let in_why = |w: &[u8]| pairs[pair(w) / 64] >> (pair(w) % 64) & 1 == 1;
    r.indicators.iter().any(|i| {
        // Canonical values are mostly lower-case ASCII already: no copy for those.
        let value = match i
            .value
            .bytes()
            .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
        {
            true => Cow::Owned(i.value.to_lowercase()),
            false => Cow::Borrowed(i.value.as_str()),
        };
        !value.is_empty()
            && value.len() <= why.len()
            && value.as_bytes().windows(2).all(in_why)
            && why.contains(&*value)
    })
}

/// Counts the times of day in `s` that are marked as UTC: `09:12Z`, `09:12:30.5Z`,
/// `09:12 UTC`, `09:12 GMT`, `09:12+00:00`.
pub fn utc_times_in(s: &str) -> usize {
    let b = s.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    let mut count = 0;
    let mut i = 0;
    while i < b.len() {
        // HH:MM with a non-digit before it
        let starts =
            digit(i) && digit(i + 1) && b.get(i + 2) == Some(&b':') && digit(i + 3) && digit(i + 4);
        if !starts || (i > 0 && digit(i - 1)) {
            i += 1;
            continue;
        }
        let mut j = i + 5;
        if b.get(j) == Some(&b':') && digit(j + 1) && digit(j + 2) {
            j += 3;
            if b.get(j) == Some(&b'.') {
                j += 1;
                while digit(j) {
                    j += 1;
                }
            }
        }
        let rest = &s[j..];
        let trimmed = rest.trim_start_matches(' ');
        let upper: String = trimmed
            .chars()
            .take(6)
            .collect::<String>()
            .to_ascii_uppercase();
        let utc = rest.starts_with('Z')
            || rest.starts_with('z')
            || rest.starts_with("+00:00")
            || rest.starts_with("+0000")
            || upper.starts_with("UTC")
            || upper.starts_with("GMT");
        if utc {
            count += 1;
        }
        i = j;
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utc_times_are_recognised_in_analyst_writing() {
        assert_eq!(utc_times_in("2026-03-14T09:12:30Z to 2026-03-14T09:40Z"), 2);
        assert_eq!(utc_times_in("from 09:12 UTC until 09:40 utc"), 2);
        assert_eq!(utc_times_in("09:12:30.123Z"), 1);
        assert_eq!(utc_times_in("at 09:12+00:00"), 1);
        assert_eq!(utc_times_in("at 09:12 GMT"), 1);
        assert_eq!(utc_times_in("this morning at 09:12"), 0);
        assert_eq!(utc_times_in("09:12 CET"), 0);
        assert_eq!(utc_times_in("ratio 123:45Z"), 0);
        assert_eq!(utc_times_in(""), 0);
        assert_eq!(utc_times_in("9:12Z"), 0);
    }

    #[test]
    fn evidence_words_match_whole_words_only() {
        let mut r = Report::default();
        r.five_ws.why = "Seems bad, skip it".into();
        assert!(!cites_evidence(&r), "'skip' must not count as 'ip'");
        r.five_ws.why = "The proxy logs show the download".into();
        assert!(cites_evidence(&r));
        r.five_ws.why = "Matches 203.0.113.7 on the blocklist".into();
        std::rc::Rc::make_mut(&mut r.indicators).push(
            crate::vocabulary::indicator::Indicator::new(
                crate::vocabulary::indicator::IndicatorKind::Ipv4,
                "203.0.113.7",
            )
            .unwrap(),
        );
        assert!(cites_evidence(&r));
    }
}
