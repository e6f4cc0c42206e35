//! A large, realistic case for benchmarks: 1,000 indicators and 500 timeline entries, with the
//! report still being written (so the browser benchmark can type into it). Used by the
//! criterion benches and by `cargo xtask bench` for the browser.

use chrono::{Duration, TimeZone, Utc};
use std::rc::Rc;

use strum::VariantArray;

use crate::case::Case;
use crate::data::TimelineEntry;
use crate::vocabulary::command::Command;
use crate::vocabulary::escalation::{Condition, EscalationChoice};
use crate::vocabulary::indicator::{Indicator, IndicatorKind};
use crate::vocabulary::verdict::{Severity, Verdict};

pub fn large_case() -> Case {
    let t0 = Utc
        .with_ymd_and_hms(2026, 3, 14, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut c = Case::open("case-bench", "Dana Kim", t0);
    let _ = c.edit_report(t0, |r| {
        r.header.title = "Credential phishing campaign across the finance department".into();
        r.header.alert_id = "INC-9000".into();
        r.header.source = "Splunk ES".into();
        r.header.severity = Some(Severity::High);
        r.header.detected_at = Some(t0);
        r.five_ws.who = "312 users in finance and procurement".into();
        r.five_ws.what = "A credential phishing mail with a link to a fake login page".into();
        r.five_ws.when = "2026-03-14 08:10 UTC to 09:00 UTC".into();
        r.five_ws.where_ = "Exchange Online; the fake page at several hosting IPs".into();
        r.five_ws.why =
            "Proxy logs show 41 users reaching the page; the mail headers show spoofing".into();
        r.verdict = Some(Verdict::TruePositive);
        r.verdict_justification = "Credentials were entered on the fake page".into();
        for k in Condition::VARIANTS.iter().copied() {
            r.conditions.get_mut(k).applies = Some(k != Condition::UncertainVerdict);
            r.conditions.get_mut(k).note = format!("{} confirmed by the proxy logs", k.label());
        }
        r.decision.choice = Some(EscalationChoice::Escalate);
        for i in 0..1000u32 {
            let (kind, value) = match i % 4 {
                0 => (
                    IndicatorKind::Ipv4,
                    format!("198.51.{}.{}", i / 256, i % 256),
                ),
                1 => (
                    IndicatorKind::Domain,
                    format!("login-{i}.phish-example.com"),
                ),
                2 => (IndicatorKind::Email, format!("user{i}@corp.example")),
                _ => (IndicatorKind::Sha256, format!("{i:064x}")),
            };
            if let Ok(mut ind) = Indicator::new(kind, &value) {
                ind.note = format!("seen in mail batch {}", i / 50);
                Rc::make_mut(&mut r.indicators).push(ind);
            }
        }
        for i in 0..500i64 {
            Rc::make_mut(&mut r.timeline).push(TimelineEntry {
                at: Some(t0 + Duration::seconds(i * 7)),
                description: format!(
                    "Mail delivered to user{i}@corp.example from the spoofed sender"
                ),
            });
        }
        r.recommended_actions = vec![
            "Reset the 41 users' passwords".into(),
            "Block the domains".into(),
        ];
    });
    let _ = c.apply(Command::StartReview, t0);
    let _ = c.apply(Command::BeginReport, t0);
    c
}

/// The largest package the importer accepts, as text: the large case grown with indicators
/// (and a raw alert at its own limit) until one more would pass [`MAX_PACKAGE_BYTES`]. The
/// browser benchmark imports it; the importer's time budget is set for it.
///
/// [`MAX_PACKAGE_BYTES`]: crate::vocabulary::limits::MAX_PACKAGE_BYTES
pub fn largest_package() -> String {
    use crate::vocabulary::limits::{MAX_PACKAGE_BYTES, MAX_RAW_ALERT_BYTES};
    let mut c = large_case();
    let t0 = c.created_at;
    let line = "2026-03-14T08:10:00Z mail.gateway accepted message for user@corp.example\n";
    let raw = line.repeat(MAX_RAW_ALERT_BYTES / line.len());
    let _ = c.edit_report(t0, |r| r.raw_alert = raw);
    // Each round adds indicators in proportion to the room left and writes the case once;
    // the round that goes over is undone: a handful of serialisations in all.
    const PER_INDICATOR: usize = 160;
    let mut text = crate::package::to_json(&c);
    let mut next = 0u32;
    loop {
        let room = MAX_PACKAGE_BYTES.saturating_sub(text.len());
        if room < PER_INDICATOR * 2 {
            return text;
        }
        let mut grown = c.clone();
        let _ = grown.edit_report(t0, |r| {
            for _ in 0..room / PER_INDICATOR / 2 {
                let value = format!("grown-{next}.phish-example.net");
                next += 1;
                if let Ok(mut ind) = Indicator::new(IndicatorKind::Domain, &value) {
                    ind.note = "seen in the proxy logs".into();
                    Rc::make_mut(&mut r.indicators).push(ind);
                }
            }
        });
        let grown_text = crate::package::to_json(&grown);
        if grown_text.len() > MAX_PACKAGE_BYTES {
            return text;
        }
        (c, text) = (grown, grown_text);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_largest_package_is_just_under_the_importers_limit_and_imports() {
        use crate::vocabulary::limits::MAX_PACKAGE_BYTES;
        let text = super::largest_package();
        assert!(text.len() <= MAX_PACKAGE_BYTES, "{}", text.len());
        assert!(text.len() > MAX_PACKAGE_BYTES - 4096, "{}", text.len());
        let case = crate::package::import(text.as_bytes()).expect("the importer accepts it");
        assert!(case.report.indicators.len() > 10_000);
    }

    #[test]
    fn the_large_case_is_as_large_as_the_budget_says() {
        let c = super::large_case();
        assert_eq!(c.report.indicators.len(), 1000);
        assert_eq!(c.report.timeline.len(), 500);
        assert_eq!(c.stage, crate::Stage::Reporting);
        assert!(crate::rules::invariants::check_invariants(&c).is_ok());
    }
}
