//! Where an export goes: every format the export step offers, what each is for, the file it
//! is saved as, and the one function that writes it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::VariantArray;

use super::chat::chat_message;
use super::iris::to_iris;
use super::jira::to_jira;
use super::json::to_json;
use super::markdown::to_markdown;
use super::options::ExportOptions;
use super::plain_text::to_plain_text;
use super::slack::to_slack;
use super::stix::to_stix;
use super::teams::to_teams;
use super::thehive::to_thehive;
use crate::case::Case;

/// One export format, named by where the analyst puts it.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize, VariantArray,
)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    #[default]
    Markdown,
    Jira,
    PlainText,
    Chat,
    Slack,
    Teams,
    TheHive,
    Iris,
    Stix,
    Package,
}

impl Destination {
    /// The format's name, as the export step lists it.
    pub fn label(self) -> &'static str {
        match self {
            Destination::Markdown => "Markdown",
            Destination::Jira => "Jira wiki markup",
            Destination::PlainText => "Plain text",
            Destination::Chat => "Chat message",
            Destination::Slack => "Slack message (JSON)",
            Destination::Teams => "Teams message (JSON)",
            Destination::TheHive => "TheHive 5 alert (JSON)",
            Destination::Iris => "DFIR-IRIS alert (JSON)",
            Destination::Stix => "STIX 2.1 bundle",
            Destination::Package => "Handoff package (JSON)",
        }
    }

    /// Where it is pasted or sent.
    pub fn goes_to(self) -> &'static str {
        match self {
            Destination::Markdown => "GitHub, GitLab, Jira Cloud, TheHive and IRIS descriptions",
            Destination::Jira => "a Jira Server or Data Center issue, in the text editor",
            Destination::PlainText => "a ServiceNow work note or an e-mail",
            Destination::Chat => "a few lines for Slack or Teams, pasted by hand",
            Destination::Slack => "a Slack incoming webhook or chat.postMessage",
            Destination::Teams => "a Teams Workflows webhook",
            Destination::TheHive => "TheHive 5's alert API (POST /api/v1/alert)",
            Destination::Iris => "DFIR-IRIS's alert API (POST /alerts/add)",
            Destination::Stix => "MISP or OpenCTI: the case's indicators",
            Destination::Package => "L2, to open the case in Handoff; other tools",
        }
    }

    /// The end of the file name: `INC-2291-handoff.<extension>`.
    pub fn extension(self) -> &'static str {
        match self {
            Destination::Markdown => "md",
            Destination::Jira => "jira.txt",
            Destination::PlainText => "txt",
            Destination::Chat => "chat.txt",
            Destination::Slack => "slack.json",
            Destination::Teams => "teams.json",
            Destination::TheHive => "thehive.json",
            Destination::Iris => "iris.json",
            Destination::Stix => "stix.json",
            Destination::Package => "json",
        }
    }

    pub fn media_type(self) -> &'static str {
        match self {
            Destination::Markdown => "text/markdown",
            Destination::Jira | Destination::PlainText | Destination::Chat => "text/plain",
            _ => "application/json",
        }
    }

    /// Whether the export step can show the text rendered, beside the raw text.
    pub fn renders_as_markdown(self) -> bool {
        self == Destination::Markdown
    }

    /// The export. `now` and `random` serve the STIX bundle only (its creation time and the
    /// UUIDv4 of each object). Refused with a reason when the case holds nothing this
    /// destination carries.
    pub fn write(
        self,
        case: &Case,
        options: &ExportOptions,
        now: DateTime<Utc>,
        random: &mut impl FnMut() -> [u8; 16],
    ) -> Result<String, String> {
        Ok(match self {
            Destination::Markdown => to_markdown(case, options),
            Destination::Jira => to_jira(case, options),
            Destination::PlainText => to_plain_text(case, options),
            Destination::Chat => chat_message(case, options),
            Destination::Slack => to_slack(case, options),
            Destination::Teams => to_teams(case, options),
            Destination::TheHive => to_thehive(case, options),
            Destination::Iris => to_iris(case, options),
            Destination::Stix => to_stix(case, options, now, random).ok_or_else(|| {
                "A STIX bundle carries indicators of compromise, and this case has none that \
                 STIX can express (an IP address, domain, URL, e-mail address, file hash or \
                 file name not among your own domains)."
                    .to_owned()
            })?,
            Destination::Package => to_json(case),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap()
    }

    #[test]
    fn every_destination_has_its_own_label_and_file() {
        let mut labels: Vec<_> = Destination::VARIANTS.iter().map(|d| d.label()).collect();
        let mut exts: Vec<_> = Destination::VARIANTS
            .iter()
            .map(|d| d.extension())
            .collect();
        labels.sort();
        labels.dedup();
        exts.sort();
        exts.dedup();
        assert_eq!(labels.len(), Destination::VARIANTS.len());
        assert_eq!(exts.len(), Destination::VARIANTS.len());
    }

    #[test]
    fn a_case_without_indicators_has_no_stix_bundle_and_says_why() {
        let case = Case::open("c1", "Dana", now());
        let why = Destination::Stix
            .write(&case, &ExportOptions::default(), now(), &mut || [7; 16])
            .unwrap_err();
        assert!(why.contains("has none that STIX can express"), "{why}");
        for d in Destination::VARIANTS
            .iter()
            .filter(|d| **d != Destination::Stix)
        {
            let text = d
                .write(&case, &ExportOptions::default(), now(), &mut || [7; 16])
                .unwrap();
            assert!(!text.is_empty(), "{d:?}");
        }
    }
}
