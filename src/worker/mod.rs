//! Work done off the page, in a Web Worker built as its own wasm (`src/bin/handoff-worker.rs`):
//! reading pasted alerts, writing exports (and parsing the Markdown ones for the preview), and
//! naming the wrong value of a refused package by its path. The readers (`mail-parser`, every
//! vendor's field names), the exporters, the Markdown parser and the path tracking weigh tens
//! of kilobytes the first load does not need; in the worker they load when a case is first
//! open, and a 1 MB paste is read without freezing the page.
//!
//! This module is the protocol, and it is pure: the page sends a [`Job`] as JSON text and the
//! worker answers with a [`Done`]. Each message carries [`PROTOCOL`], so a worker left from an
//! older build is told apart instead of misread, and every failure is a message, never a
//! panic. The browser ends are `crate::adapters::worker` (the page) and the binary (the
//! worker).

pub mod preview;

use chrono::{DateTime, Utc};
use handoff_core::intake::{self, Intake};
use handoff_core::package::{
    clarification_message, import, Audience, Destination, ExportSettings, SettingsProblems,
};
use serde::{Deserialize, Serialize};

use preview::Node;

/// Bumped whenever a [`Job`] or [`Done`] changes shape.
pub const PROTOCOL: u32 = 3;

/// Why a job got an answer of the wrong kind: only a worker of another build answers so.
pub const WRONG_ANSWER: &str = "the worker answered for another version of Handoff.";

/// The worker's script, beside the app's files (Trunk's loader shim for the worker binary).
pub const SCRIPT: &str = "./handoff-worker_loader.js";

/// What the worker posts once it listens: messages sent before would be lost, so the page
/// holds its jobs until then.
pub const READY: &str = "ready";

/// What the worker writes from a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Writing {
    /// An export for `destination`, for `audience`.
    Export {
        destination: Destination,
        audience: Audience,
    },
    /// The chat message of the last question to L1, or of its answer.
    Clarification,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Job {
    ReadAlert {
        text: String,
    },
    /// Why this package is refused, with the path of its wrong value.
    ExplainImport {
        text: String,
    },
    /// The open case (its package JSON) written as `writing` says.
    Write {
        package: String,
        writing: Writing,
        settings: ExportSettings,
    },
    /// The export settings as typed: read back in canonical form, or what is wrong.
    CheckSettings {
        settings: ExportSettings,
    },
    /// A settings file the analyst chose: the boxes it holds, or why it is not one.
    ReadSettingsFile {
        text: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Done {
    AlertRead {
        intake: Box<Intake>,
    },
    /// `None`: the package is not refused after all.
    ImportExplained {
        refusal: Option<String>,
    },
    Written {
        /// The text, or why this case has none for this destination.
        text: Result<String, String>,
        /// The Markdown export parsed for the preview.
        rendered: Option<Vec<Node>>,
    },
    SettingsChecked {
        result: Result<ExportSettings, SettingsProblems>,
    },
    SettingsFileRead {
        settings: Result<ExportSettings, String>,
    },
}

#[derive(Serialize, Deserialize)]
struct Message<T> {
    protocol: u32,
    id: u64,
    body: T,
}

/// The text the page posts for job `id`.
pub fn request(id: u64, job: Job) -> String {
    encode(id, job)
}

/// Reads the worker's answer: the job's id and what it produced, or why it cannot be read.
pub fn read_answer(text: &str) -> Result<(u64, Done), String> {
    decode(text)
}

/// The worker's whole job: one request in, one answer out, at `now`, with `random` for the ids
/// a STIX bundle needs. `None` when the request cannot be read (a page from another build);
/// the page's timeout then reports it.
pub fn answer(
    text: &str,
    now: DateTime<Utc>,
    random: &mut impl FnMut() -> [u8; 16],
) -> Option<String> {
    let (id, job) = decode::<Job>(text).ok()?;
    let done = match job {
        Job::ReadAlert { text } => Done::AlertRead {
            intake: Box::new(intake::read(&text)),
        },
        Job::ExplainImport { text } => Done::ImportExplained {
            refusal: import(text.as_bytes()).err().map(|e| e.to_string()),
        },
        Job::Write {
            package,
            writing,
            settings,
        } => {
            let audience = match writing {
                Writing::Export { audience, .. } => audience,
                Writing::Clarification => Audience::FullRecord,
            };
            let text = settings
                .options(audience)
                .map_err(|p| {
                    let mut why = p.own_domains;
                    why.extend(p.iris);
                    format!(
                        "The export settings need correcting first: {} They are under \"Export settings\".",
                        why.join(" ")
                    )
                })
                .and_then(|options| {
                    // The page wrote this package from a case it holds, so a refusal here is
                    // a bug between builds; it is reported as such rather than swallowed.
                    import(package.as_bytes())
                        .map_err(|e| format!("The case could not be handed to the exporter: {e}"))
                        .map(|case| (case, options))
                })
                .and_then(|(case, options)| match writing {
                    Writing::Export { destination, .. } => {
                        destination.write(&case, &options, now, random)
                    }
                    Writing::Clarification => Ok(clarification_message(&case, &options)),
                });
            let markdown = matches!(writing, Writing::Export { destination, .. } if destination.renders_as_markdown());
            let rendered = match (&text, markdown) {
                (Ok(t), true) => Some(preview::markdown(t)),
                _ => None,
            };
            Done::Written { text, rendered }
        }
        Job::CheckSettings { settings } => Done::SettingsChecked {
            result: settings
                .options(Audience::FullRecord)
                .map(|o| ExportSettings::canonical(&o)),
        },
        Job::ReadSettingsFile { text } => Done::SettingsFileRead {
            settings: ExportSettings::from_file(&text),
        },
    };
    Some(encode(id, done))
}

fn encode<T: Serialize>(id: u64, body: T) -> String {
    let message = Message {
        protocol: PROTOCOL,
        id,
        body,
    };
    // Serializing these types cannot fail (string keys, no custom errors); an empty message
    // would be reported by the reader as unreadable rather than crash anything.
    serde_json::to_string(&message).unwrap_or_default()
}

fn decode<T: for<'de> Deserialize<'de>>(text: &str) -> Result<(u64, T), String> {
    #[derive(Deserialize)]
    struct Header {
        protocol: u32,
    }
    let header: Header =
        serde_json::from_str(text).map_err(|e| format!("an unreadable message ({e})"))?;
    if header.protocol != PROTOCOL {
        return Err(format!(
            "a message from another version of Handoff (protocol {}, this page speaks {PROTOCOL}); reload the page",
            header.protocol
        ));
    }
    let m: Message<T> =
        serde_json::from_str(text).map_err(|e| format!("an unreadable message ({e})"))?;
    Ok((m.id, m.body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use handoff_core::fixtures::large_case;
    use handoff_core::package::{to_json, to_markdown, ExportOptions};

    fn answer(text: &str) -> Option<String> {
        let now = Utc.with_ymd_and_hms(2026, 3, 14, 9, 30, 0).unwrap();
        let mut n = 0u8;
        super::answer(text, now, &mut || {
            n = n.wrapping_add(1);
            [n; 16]
        })
    }

    #[test]
    fn a_job_goes_through_the_worker_and_comes_back() {
        let text = "CEF:0|Acme|Gate|1.0|100|Port scan|7|src=203.0.113.7 suser=jdoe";
        let answer = answer(&request(41, Job::ReadAlert { text: text.into() })).unwrap();
        let (id, done) = read_answer(&answer).unwrap();
        let Done::AlertRead { intake: read } = done else {
            panic!("{done:?}")
        };
        assert_eq!(id, 41);
        assert_eq!(*read, intake::read(text));
        assert_eq!(read.title.as_deref(), Some("Port scan"));
    }

    #[test]
    fn a_refused_package_is_explained_by_path() {
        let text = r#"{"format":"handoff-package","schema_version":1,"case":{"id":7}}"#;
        let answer = answer(&request(2, Job::ExplainImport { text: text.into() })).unwrap();
        let (_, done) = read_answer(&answer).unwrap();
        let Done::ImportExplained { refusal: Some(why) } = done else {
            panic!("{done:?}")
        };
        assert!(
            why.starts_with("The package's field case.id is wrong"),
            "{why}"
        );
    }

    #[test]
    fn an_export_comes_back_written_and_rendered() {
        let case = large_case();
        let options = ExportOptions::default();
        let job = Job::Write {
            package: to_json(&case),
            writing: Writing::Export {
                destination: Destination::Markdown,
                audience: Audience::FullRecord,
            },
            settings: ExportSettings::default(),
        };
        let (_, done) = read_answer(&answer(&request(5, job)).unwrap()).unwrap();
        let Done::Written {
            text: Ok(text),
            rendered: Some(nodes),
            ..
        } = done
        else {
            panic!("{done:?}")
        };
        assert_eq!(text, to_markdown(&case, &options));
        assert!(!preview::headings(&nodes).is_empty());

        let job = Job::Write {
            package: to_json(&case),
            writing: Writing::Export {
                destination: Destination::Stix,
                audience: Audience::FullRecord,
            },
            settings: ExportSettings::default(),
        };
        let (_, done) = read_answer(&answer(&request(6, job)).unwrap()).unwrap();
        let Done::Written {
            text: Ok(stix),
            rendered: None,
            ..
        } = done
        else {
            panic!("{done:?}")
        };
        assert!(stix.contains("\"type\": \"bundle\""), "{}", &stix[..200]);
    }

    #[test]
    fn settings_are_checked_and_an_export_with_bad_ones_says_where_to_fix_them() {
        let settings = ExportSettings {
            own_domains: "Contoso.COM\nnot a domain".into(),
            iris: String::new(),
        };
        let job = Job::CheckSettings {
            settings: settings.clone(),
        };
        let (_, done) = read_answer(&answer(&request(1, job)).unwrap()).unwrap();
        let Done::SettingsChecked { result: Err(p) } = done else {
            panic!("{done:?}")
        };
        assert!(p.own_domains[0].starts_with("Line 2"), "{p:?}");
        // A settings file is read in the worker, as it was written; anything else is refused.
        let job = Job::ReadSettingsFile {
            text: settings.to_file(),
        };
        let (_, done) = read_answer(&answer(&request(3, job)).unwrap()).unwrap();
        assert_eq!(
            done,
            Done::SettingsFileRead {
                settings: Ok(settings.clone())
            }
        );
        let job = Job::ReadSettingsFile {
            text: to_json(&large_case()),
        };
        let (_, done) = read_answer(&answer(&request(4, job)).unwrap()).unwrap();
        assert!(
            matches!(&done, Done::SettingsFileRead { settings: Err(why) } if why.starts_with("This is not a Handoff export settings file")),
            "{done:?}"
        );
        let job = Job::Write {
            package: to_json(&large_case()),
            writing: Writing::Export {
                destination: Destination::Jira,
                audience: Audience::L1Handoff,
            },
            settings,
        };
        let (_, done) = read_answer(&answer(&request(2, job)).unwrap()).unwrap();
        let Done::Written { text: Err(why), .. } = done else {
            panic!("{done:?}")
        };
        assert!(
            why.contains("Line 2") && why.contains("Export settings"),
            "{why}"
        );

        let job = Job::CheckSettings {
            settings: ExportSettings {
                own_domains: "Contoso.COM".into(),
                iris: String::new(),
            },
        };
        let (_, done) = read_answer(&answer(&request(3, job)).unwrap()).unwrap();
        let Done::SettingsChecked {
            result: Ok(canonical),
        } = done
        else {
            panic!("{done:?}")
        };
        assert_eq!(canonical.own_domains, "contoso.com");
        assert!(
            canonical.iris.contains("\"customer_id\": 1"),
            "{}",
            canonical.iris
        );
    }

    #[test]
    fn another_builds_messages_are_refused_with_a_reason() {
        let theirs = r#"{"protocol":99,"id":1,"body":{"AlertRead":{}}}"#;
        let why = read_answer(theirs).unwrap_err();
        assert!(why.contains("another version of Handoff"), "{why}");
        assert!(read_answer("not json")
            .unwrap_err()
            .starts_with("an unreadable message"));
        assert_eq!(answer(theirs), None);
        assert_eq!(answer("{"), None);
    }
}
