//! Each product's severity scale, mapped onto Handoff's four levels.
//!
//! Words are read the same everywhere ("informational" and "info" count as Low, as Handoff has
//! no lower level; "moderate" as Medium; "very-high" as Critical). Numbers mean different
//! things per product, so each scale has its own function:
//!
//! | product | field | scale | Low | Medium | High | Critical |
//! | --- | --- | --- | --- | --- | --- | --- |
//! | CEF | header severity | 0–10 | 0–3 | 4–6 | 7–8 | 9–10 |
//! | LEEF | `sev` | 1–10 | 1–3 | 4–6 | 7–8 | 9–10 |
//! | Wazuh | `rule.level` | 0–15 | 0–6 | 7–11 | 12–14 | 15 |
//! | CrowdStrike (detection events) | `Severity` | 1–5 | 1–2 | 3 | 4 | 5 |
//! | CrowdStrike (Alerts API), Elastic `risk_score`, ECS | 0–100 | 0–100 | 0–21 | 22–47 | 48–73 | 74–100 |
//! | syslog words (key=value logs) | `level` | | notice, info, debug | warning | error | emergency, alert, critical |
//!
//! The CEF and LEEF bands are the ones their specifications give; the 0–100 bands are
//! Elastic's risk score bands; Wazuh's are the bands its dashboard groups levels into.

use crate::vocabulary::verdict::Severity;

/// A severity written as a word, in any product's words.
pub fn from_word(s: &str) -> Option<Severity> {
    let w = s.trim().to_ascii_lowercase().replace(['-', '_', ' '], "");
    Some(match w.as_str() {
        "informational" | "information" | "info" | "low" | "notice" | "debug" => Severity::Low,
        "medium" | "moderate" | "med" | "warning" | "warn" => Severity::Medium,
        "high" | "error" | "err" | "important" => Severity::High,
        "critical" | "crit" | "veryhigh" | "severe" | "emergency" | "emerg" | "alert" => {
            Severity::Critical
        }
        _ => return None,
    })
}

/// CEF's 0–10 header severity (or one of its words: Low, Medium, High, Very-High).
pub fn cef(s: &str) -> Option<Severity> {
    match s.trim().parse::<u8>() {
        Ok(0..=3) => Some(Severity::Low),
        Ok(4..=6) => Some(Severity::Medium),
        Ok(7..=8) => Some(Severity::High),
        Ok(9..=10) => Some(Severity::Critical),
        Ok(_) => None,
        Err(_) => from_word(s),
    }
}

/// LEEF's `sev`, 1–10: the same bands as CEF.
pub fn leef(s: &str) -> Option<Severity> {
    cef(s)
}

/// Wazuh's rule level, 0–15.
pub fn wazuh(level: u64) -> Option<Severity> {
    match level {
        0..=6 => Some(Severity::Low),
        7..=11 => Some(Severity::Medium),
        12..=14 => Some(Severity::High),
        15 => Some(Severity::Critical),
        _ => None,
    }
}

/// CrowdStrike's detection-event severity, 1–5 (Informational to Critical).
pub fn crowdstrike(n: u64) -> Option<Severity> {
    match n {
        1 | 2 => Some(Severity::Low),
        3 => Some(Severity::Medium),
        4 => Some(Severity::High),
        5 => Some(Severity::Critical),
        _ => None,
    }
}

/// A 0–100 score: Elastic's risk score, ECS `event.severity` used as a score, CrowdStrike's
/// Alerts API severity.
pub fn score(n: u64) -> Option<Severity> {
    match n {
        0..=21 => Some(Severity::Low),
        22..=47 => Some(Severity::Medium),
        48..=73 => Some(Severity::High),
        74..=100 => Some(Severity::Critical),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Severity::*;

    #[test]
    fn every_band_edge_lands_where_the_table_says() {
        let cef_edges = [
            (0, Low),
            (3, Low),
            (4, Medium),
            (6, Medium),
            (7, High),
            (8, High),
        ];
        for (n, want) in cef_edges.into_iter().chain([(9, Critical), (10, Critical)]) {
            assert_eq!(cef(&n.to_string()), Some(want), "CEF {n}");
        }
        assert_eq!(cef("11"), None);
        assert_eq!(cef("Very-High"), Some(Critical));
        for (n, want) in [
            (0, Low),
            (6, Low),
            (7, Medium),
            (11, Medium),
            (12, High),
            (14, High),
        ] {
            assert_eq!(wazuh(n), Some(want), "Wazuh {n}");
        }
        assert_eq!(wazuh(15), Some(Critical));
        assert_eq!(wazuh(16), None);
        for (n, want) in [(1, Low), (2, Low), (3, Medium), (4, High), (5, Critical)] {
            assert_eq!(crowdstrike(n), Some(want), "CrowdStrike {n}");
        }
        assert_eq!(crowdstrike(0), None);
        for (n, want) in [
            (0, Low),
            (21, Low),
            (22, Medium),
            (47, Medium),
            (48, High),
            (73, High),
        ] {
            assert_eq!(score(n), Some(want), "score {n}");
        }
        assert_eq!(score(74), Some(Critical));
        assert_eq!(score(100), Some(Critical));
        assert_eq!(score(101), None);
    }

    #[test]
    fn words_from_every_product() {
        for (w, want) in [
            ("Informational", Low),
            ("medium", Medium),
            ("HIGH", High),
            ("very-high", Critical),
            ("warning", Medium),
            ("crit", Critical),
        ] {
            assert_eq!(from_word(w), Some(want), "{w}");
        }
        assert_eq!(from_word("urgent-ish"), None);
    }
}
