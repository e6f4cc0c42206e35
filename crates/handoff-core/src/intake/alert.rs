//! What a paste was read as: the alert's fields, Five Ws proposals and indicators, and the
//! suggestion each gives for a field of the case.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::case::Edit;
use crate::vocabulary::attack::TechniqueId;
use crate::vocabulary::field::{Field, FiveW};
use crate::vocabulary::indicator::Indicator;
use crate::vocabulary::text::is_blank;
use crate::vocabulary::verdict::Severity;

/// What a paste was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    SentinelIncident,
    DefenderAlert,
    SplunkNotable,
    SplunkResults,
    ElasticAlert,
    WazuhAlert,
    CrowdStrikeDetection,
    EcsJson,
    Cef,
    Leef,
    KeyValue,
    EmailHeaders,
}

impl Format {
    /// "Read as a Defender XDR alert".
    pub fn label(self) -> &'static str {
        match self {
            Format::SentinelIncident => "a Microsoft Sentinel incident",
            Format::DefenderAlert => "a Microsoft Defender XDR alert",
            Format::SplunkNotable => "a Splunk notable event",
            Format::SplunkResults => "Splunk search results",
            Format::ElasticAlert => "an Elastic Security alert",
            Format::WazuhAlert => "a Wazuh alert",
            Format::CrowdStrikeDetection => "a CrowdStrike Falcon detection",
            Format::EcsJson => "JSON with ECS field names",
            Format::Cef => "a CEF event",
            Format::Leef => "a LEEF event",
            Format::KeyValue => "key=value log lines",
            Format::EmailHeaders => "the headers of an e-mail",
        }
    }
}

/// Everything read from a paste. It crosses to the page from the worker that reads alerts,
/// so it deserializes too.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intake {
    /// `None`: no format recognised; the indicators are still read.
    pub format: Option<Format>,
    pub title: Option<String>,
    pub alert_id: Option<String>,
    pub source: Option<String>,
    pub rule: Option<String>,
    pub severity: Option<Severity>,
    #[serde(with = "crate::vocabulary::time::rfc3339_opt_serde")]
    pub detected_at: Option<DateTime<Utc>>,
    /// The first and last event the alert covers.
    #[serde(with = "crate::vocabulary::time::rfc3339_opt_serde")]
    pub first_seen: Option<DateTime<Utc>>,
    #[serde(with = "crate::vocabulary::time::rfc3339_opt_serde")]
    pub last_seen: Option<DateTime<Utc>>,
    /// Users, accounts and senders, for Who.
    pub who: Vec<String>,
    /// Hosts, addresses, mailboxes and URLs, for Where.
    pub places: Vec<String>,
    pub techniques: Vec<TechniqueId>,
    /// Role-tagged first (their note says what the format calls them), then the rest of
    /// what the text holds.
    pub indicators: Vec<Indicator>,
    /// Facts worth seeing at once: authentication results, a Reply-To unlike the From, the
    /// command line of a process.
    pub observations: Vec<String>,
}

impl Intake {
    /// How many of the case's fields the paste speaks to (header fields and Five Ws).
    pub fn fields_read(&self) -> usize {
        suggestions(self).len()
    }

    /// "Read as a Defender XDR alert: 9 fields, 7 indicators."
    pub fn summary(&self) -> String {
        let n = self.indicators.len();
        let indicators = format!("{n} indicator{}", if n == 1 { "" } else { "s" });
        match self.format {
            Some(f) => {
                let k = self.fields_read();
                format!(
                    "Read as {}: {k} field{}, {indicators}.",
                    f.label(),
                    if k == 1 { "" } else { "s" }
                )
            }
            None => {
                format!("Not a format Handoff reads field by field; kept as text: {indicators}.")
            }
        }
    }

    /// The Who proposal: every user, account and sender, once each.
    pub fn who_text(&self) -> Option<String> {
        join(&self.who)
    }

    /// The Where proposal: hosts, addresses, mailboxes and URLs.
    pub fn where_text(&self) -> Option<String> {
        join(&self.places)
    }

    /// The When proposal: the first and last event, in UTC.
    pub fn when_text(&self) -> Option<String> {
        let show = crate::vocabulary::time::display;
        match (self.first_seen, self.last_seen.or(self.first_seen)) {
            (Some(a), Some(b)) if a != b => Some(format!("{} to {}", show(&a), show(&b))),
            (Some(a), _) => Some(show(&a)),
            (None, _) => self.detected_at.map(|t| show(&t)),
        }
    }
}

fn join(items: &[String]) -> Option<String> {
    (!items.is_empty()).then(|| items.join("; "))
}

/// One suggestion for one field: the value shown and the edit that takes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub field: Field,
    pub value: String,
    pub edit: Edit,
}

/// Every field a paste speaks to, with the edit that would take its value.
pub fn suggestions(intake: &Intake) -> Vec<Suggestion> {
    let mut out = Vec::new();
    let mut text = |field: Field, value: &Option<String>, edit: fn(String) -> Edit| {
        if let Some(v) = value.as_ref().filter(|v| !is_blank(v)) {
            out.push(Suggestion {
                field,
                value: v.clone(),
                edit: edit(v.clone()),
            });
        }
    };
    text(Field::AlertTitle, &intake.title, Edit::Title);
    text(Field::AlertId, &intake.alert_id, Edit::AlertId);
    text(Field::Source, &intake.source, Edit::Source);
    text(Field::Rule, &intake.rule, Edit::Rule);
    text(Field::Who, &intake.who_text(), |v| {
        Edit::FiveW(FiveW::Who, v)
    });
    text(Field::Where, &intake.where_text(), |v| {
        Edit::FiveW(FiveW::Where, v)
    });
    text(Field::When, &intake.when_text(), |v| {
        Edit::FiveW(FiveW::When, v)
    });
    if let Some(s) = intake.severity {
        out.push(Suggestion {
            field: Field::Severity,
            value: s.label().to_owned(),
            edit: Edit::Severity(Some(s)),
        });
    }
    if let Some(t) = intake.detected_at {
        out.push(Suggestion {
            field: Field::DetectedAt,
            value: crate::vocabulary::time::display(&t),
            edit: Edit::DetectedAt(Some(t)),
        });
    }
    out
}
