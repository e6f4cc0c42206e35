//! A large, realistic case for benchmarks: 1,000 indicators and 500 timeline entries, with the
//! report still being written (so the browser benchmark can type into it). Used by the
//! criterion benches and by `cargo xtask bench` for the browser.

use chrono::{Duration, TimeZone, Utc};

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
                r.indicators.push(ind);
            }
        }
        for i in 0..500i64 {
            r.timeline.push(TimelineEntry {
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

#[cfg(test)]
mod tests {
    #[test]
    fn the_large_case_is_as_large_as_the_budget_says() {
        let c = super::large_case();
        assert_eq!(c.report.indicators.len(), 1000);
        assert_eq!(c.report.timeline.len(), 500);
        assert_eq!(c.stage, crate::Stage::Reporting);
        assert!(crate::rules::invariants::check_invariants(&c).is_ok());
    }
}
