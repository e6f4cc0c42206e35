//! What the TheHive and DFIR-IRIS alerts share: one-line fields and Handoff's tags.

use chrono::{DateTime, Utc};

use crate::case::Case;
use crate::vocabulary::indicator::IndicatorKind;
use crate::vocabulary::names::wire_name;
use crate::vocabulary::text::{one_line, truncate_chars};

/// Whether an indicator of this kind is the attacker's, if it is not the organisation's own.
pub(crate) fn is_threat_side(kind: IndicatorKind) -> bool {
    !matches!(kind, IndicatorKind::User | IndicatorKind::Host)
}

/// One line, no control characters, at most `max` characters.
pub(crate) fn field(s: &str, max: usize) -> String {
    let s: String = one_line(s)
        .chars()
        .filter(|c| !c.is_control() && !crate::vocabulary::indicator::is_bidi_control(*c))
        .collect();
    truncate_chars(&s, max.saturating_sub(1))
}

/// `handoff`, `verdict:true-positive`, `classification:major`, `attack:T1566.001`.
pub(crate) fn tags(case: &Case) -> Vec<String> {
    let r = &case.report;
    let mut tags = vec!["handoff".to_owned()];
    if let Some(v) = r.verdict {
        tags.push(format!("verdict:{}", wire_name(&v).replace('_', "-")));
    }
    if let Some(c) = case.l2.classification {
        tags.push(format!(
            "classification:{}",
            wire_name(&c).replace('_', "-")
        ));
    }
    for t in &r.attack_techniques {
        let tag = format!("attack:{}", t.as_str());
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    tags
}

pub(crate) fn millis(t: &DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}
