//! What every exporter is told besides the case: for whom the export is, which domains are the
//! organisation's own, and how this DFIR-IRIS instance numbers its values.

use serde::{Deserialize, Serialize};

use super::iris_mapping::IrisMapping;
use crate::case::Case;
use crate::data::TaskState;
use crate::vocabulary::indicator::OwnDomains;
use crate::vocabulary::text::is_blank;

/// Who reads the export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Audience {
    /// L1's handoff to L2: what L2 has not written yet (its analyst, task notes, outcome,
    /// actions) is left out instead of shown empty.
    L1Handoff,
    /// The whole case record, every part shown even while still empty.
    #[default]
    FullRecord,
}

/// The options every exporter takes. `ExportOptions::default()` is the full record with no own
/// domains and the IDs of a fresh DFIR-IRIS install.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportOptions {
    pub audience: Audience,
    /// Left as they are, never defanged; never marked as indicators of compromise.
    pub own_domains: OwnDomains,
    pub iris: IrisMapping,
}

impl ExportOptions {
    /// Whether an L2 task row belongs in the export.
    pub(crate) fn shows_task(&self, t: &TaskState) -> bool {
        self.audience == Audience::FullRecord || t.done || !is_blank(&t.notes)
    }

    /// Whether an L2 text field belongs in the export.
    pub(crate) fn shows_l2_text(&self, s: &str) -> bool {
        self.audience == Audience::FullRecord || !is_blank(s)
    }

    /// Whether the L2 part of the case has anything this audience sees.
    pub(crate) fn shows_l2(&self, case: &Case) -> bool {
        let l2 = &case.l2;
        self.audience == Audience::FullRecord
            || !is_blank(&l2.analyst)
            || !is_blank(&l2.outcome_note)
            || l2.classification.is_some()
            || l2.actions_taken.iter().any(|a| !is_blank(a))
            || !case.clarifications.is_empty()
            || strum::VariantArray::VARIANTS
                .iter()
                .any(|t: &crate::vocabulary::l2::L2Task| self.shows_task(l2.tasks.get(*t)))
    }
}

/// Whether L1 has handed the case on (or begun to): the notification and L2 parts belong in
/// an export from then on.
pub(crate) fn handed_on(case: &Case) -> bool {
    let n = &case.notification;
    case.stage.is_escalated()
        || [
            &n.ticket_id,
            &n.summary,
            &n.immediate_concerns,
            &n.l2_assignee,
        ]
        .iter()
        .any(|s| !is_blank(s))
}

/// The ticket an export points to for the rest of the case: the notification's ticket, else
/// the alert ID, else Handoff's case ID.
pub(crate) fn ticket_of(case: &Case) -> &str {
    [
        case.notification.ticket_id.as_str(),
        case.report.header.alert_id.as_str(),
        case.id.as_str(),
    ]
    .into_iter()
    .map(str::trim)
    .find(|s| !s.is_empty())
    .unwrap_or("")
}

/// The export settings as the analyst writes them, and as this browser keeps them: own domains
/// and address ranges one per line, and the DFIR-IRIS mapping as JSON (empty for the IDs of a
/// fresh IRIS install).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ExportSettings {
    pub own_domains: String,
    pub iris: String,
}

/// What is wrong with the export settings, each part in plain words, so the analyst can
/// correct both boxes at once.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettingsProblems {
    pub own_domains: Vec<String>,
    pub iris: Option<String>,
}

/// The `format` of a settings file, so that a package or a scenario is not taken for one.
pub const SETTINGS_FORMAT: &str = "handoff-export-settings";

/// A settings file as written: the format, then the two boxes as typed.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    format: String,
    own_domains: String,
    iris: String,
}

impl ExportSettings {
    /// The settings as a file to keep or hand to a colleague ("exported with the settings"),
    /// read back by [`ExportSettings::from_file`].
    pub fn to_file(&self) -> String {
        let file = SettingsFile {
            format: SETTINGS_FORMAT.to_owned(),
            own_domains: self.own_domains.clone(),
            iris: self.iris.clone(),
        };
        // Compact, as the browser keeps them: the page then needs no second JSON writer.
        let mut text = serde_json::to_string(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Reads a settings file written by [`ExportSettings::to_file`]. Only its shape is checked
    /// here; what the boxes hold is checked, line by line, when the analyst saves them.
    pub fn from_file(text: &str) -> Result<ExportSettings, String> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let not_settings = || {
            format!("This is not a Handoff export settings file (its format is not \"{SETTINGS_FORMAT}\").")
        };
        // The format first, every other member skipped: a package or a scenario is "not a
        // settings file", not a damaged one.
        #[derive(Deserialize)]
        struct Envelope {
            format: Option<String>,
        }
        match serde_json::from_str::<Envelope>(text) {
            Ok(Envelope { format: Some(f) }) if f == SETTINGS_FORMAT => {}
            _ => return Err(not_settings()),
        }
        let file: SettingsFile = serde_json::from_str(text)
            .map_err(|e| format!("The export settings file is damaged: {e}."))?;
        Ok(ExportSettings {
            own_domains: file.own_domains,
            iris: file.iris,
        })
    }

    /// Reads the settings for `audience`, or says what is wrong with them.
    pub fn options(&self, audience: Audience) -> Result<ExportOptions, SettingsProblems> {
        let mut problems = SettingsProblems::default();
        let (mut domains, mut networks) = (Vec::new(), Vec::new());
        for (n, line) in self.own_domains.lines().enumerate() {
            let entry = line.trim();
            if entry.is_empty() {
                continue;
            }
            // An address or range starts with a digit or holds a colon (IPv6); the rest are
            // names.
            let network = entry.starts_with(|c: char| c.is_ascii_digit()) || entry.contains(':');
            let checked = match network {
                true => OwnDomains::new::<&str, _>(&[], &[entry]),
                false => OwnDomains::new::<_, &str>(&[entry], &[]),
            };
            match checked {
                Ok(_) if network => networks.push(entry),
                Ok(_) => domains.push(entry),
                Err(e) => problems.own_domains.push(format!("Line {}: {e}.", n + 1)),
            }
        }
        let iris = match self.iris.trim() {
            "" => IrisMapping::default(),
            text => {
                let mut de = serde_json::Deserializer::from_str(text);
                match serde_path_to_error::deserialize::<_, IrisMapping>(&mut de) {
                    Ok(m) => match de.end() {
                        Ok(()) => m,
                        Err(e) => {
                            problems.iris =
                                Some(format!("The DFIR-IRIS IDs are not valid JSON: {e}."));
                            m
                        }
                    },
                    Err(e) => {
                        let path = e.path().to_string();
                        let inner = e.into_inner();
                        problems.iris = Some(match path.as_str() {
                            "." | "" => format!("The DFIR-IRIS IDs are not valid JSON: {inner}."),
                            _ => format!("The DFIR-IRIS ID {path} is wrong: {inner}."),
                        });
                        IrisMapping::default()
                    }
                }
            }
        };
        if !problems.own_domains.is_empty() || problems.iris.is_some() {
            return Err(problems);
        }
        let own_domains = OwnDomains::new(&domains, &networks).map_err(|e| SettingsProblems {
            own_domains: vec![e.to_string()],
            iris: None,
        })?;
        Ok(ExportOptions {
            audience,
            own_domains,
            iris,
        })
    }

    /// The settings as they are read: each own domain and range once, in canonical form, and
    /// the IRIS mapping in full, so the analyst sees every ID the export will use.
    pub fn canonical(options: &ExportOptions) -> ExportSettings {
        let own = &options.own_domains;
        let mut lines: Vec<String> = own.domains().to_vec();
        lines.extend(own.networks());
        ExportSettings {
            own_domains: lines.join("\n"),
            iris: serde_json::to_string_pretty(&options.iris).unwrap_or_default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_settings_file_reads_back_exactly_and_nothing_else_passes_for_one() {
        let s = ExportSettings {
            own_domains: "contoso.com\n10.0.0.0/8".into(),
            iris: "{\"customer_id\": 3}".into(),
        };
        let file = s.to_file();
        assert_eq!(ExportSettings::from_file(&file), Ok(s.clone()));
        assert_eq!(ExportSettings::from_file(&format!("\u{feff}{file}")), Ok(s));
        for other in [
            "",
            "not json",
            "[]",
            r#"{"format": "handoff-package", "own_domains": "", "iris": ""}"#,
            r#"{"own_domains": "", "iris": ""}"#,
        ] {
            let e = ExportSettings::from_file(other).unwrap_err();
            assert!(
                e.starts_with("This is not a Handoff export settings file"),
                "{other}: {e}"
            );
        }
        let e = ExportSettings::from_file(
            r#"{"format": "handoff-export-settings", "own_domains": 5, "iris": ""}"#,
        )
        .unwrap_err();
        assert!(
            e.starts_with("The export settings file is damaged: invalid type"),
            "{e}"
        );
        let e = ExportSettings::from_file(
            r#"{"format": "handoff-export-settings", "own_domains": "", "iris": "", "x": 1}"#,
        )
        .unwrap_err();
        assert!(e.contains("unknown field `x`"), "{e}");
    }

    #[test]
    fn settings_are_read_line_by_line_and_every_bad_line_is_named() {
        let s = ExportSettings {
            own_domains: "Contoso.com\n\n*.fabrikam.example\n10.1.2.3/8\nnot a domain\n999.1.1.1\n"
                .into(),
            iris: String::new(),
        };
        let p = s.options(Audience::FullRecord).unwrap_err();
        assert_eq!(p.own_domains.len(), 2, "{p:?}");
        assert!(p.own_domains[0].starts_with("Line 5: "), "{p:?}");
        assert!(p.own_domains[1].starts_with("Line 6: "), "{p:?}");
        assert_eq!(p.iris, None);

        let s = ExportSettings {
            own_domains: "Contoso.com\n*.fabrikam.example\n10.1.2.3/8\n2001:db8::/32".into(),
            iris: String::new(),
        };
        let o = s.options(Audience::L1Handoff).unwrap();
        assert_eq!(o.audience, Audience::L1Handoff);
        assert_eq!(o.iris, IrisMapping::default());
        let c = ExportSettings::canonical(&o);
        assert_eq!(
            c.own_domains,
            "contoso.com\nfabrikam.example\n10.0.0.0/8\n2001:db8::/32"
        );
        // The canonical form reads back to the same options.
        assert_eq!(c.options(Audience::L1Handoff).unwrap(), o);
    }

    #[test]
    fn a_wrong_iris_id_is_named_by_its_path() {
        let s = ExportSettings {
            own_domains: String::new(),
            iris: r#"{"severity_ids": {"high": "five"}}"#.into(),
        };
        let p = s.options(Audience::FullRecord).unwrap_err();
        let why = p.iris.unwrap();
        assert!(
            why.starts_with("The DFIR-IRIS ID severity_ids.high is wrong"),
            "{why}"
        );
        let s = ExportSettings {
            own_domains: String::new(),
            iris: r#"{"customer_id": 3} trailing"#.into(),
        };
        assert!(s.options(Audience::FullRecord).is_err());
        let s = ExportSettings {
            own_domains: String::new(),
            iris: r#"{"customer_id": 3}"#.into(),
        };
        assert_eq!(s.options(Audience::FullRecord).unwrap().iris.customer_id, 3);
    }
}
