//! What a written handoff says, in which order, before any format's syntax. Jira, plain text,
//! Slack and Teams each render this outline with their own escaping, so they cannot drift
//! apart in content; only the Markdown export (older, with its own golden files) is written
//! directly.
//!
//! Every piece of text is tagged with where it came from: Handoff's own words ([`Span::Ours`]),
//! text a user typed or pasted ([`Span::User`]), or a raw value such as an indicator or a file
//! name ([`Span::Value`]). A format escapes user text for its own syntax and puts raw values
//! where nothing is interpreted. User text and values are already defanged here (the own
//! domains excepted) and direction-changing or control characters made visible, so every
//! format agrees on what the reader sees.

use std::borrow::Cow;
use std::fmt::Write;

use strum::VariantArray;

use super::options::{handed_on, ticket_of, Audience, ExportOptions};
use crate::case::Case;
use crate::rules::escalation::{recommend, RecommendationKind};
use crate::vocabulary::escalation::Condition;
use crate::vocabulary::indicator::{defang_text_except, is_bidi_control};
use crate::vocabulary::l2::L2Task;
use crate::vocabulary::stage::{ClosureReason, Stage};
use crate::vocabulary::text::{is_blank, one_line, truncate_chars};
use crate::vocabulary::time::rfc3339_seconds;

/// How much of the raw alert the text exports carry; the JSON package always has all of it.
pub(crate) const RAW_ALERT_CHARS: usize = 20_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Span {
    /// Handoff's own words: labels, stage names, times.
    Ours(Cow<'static, str>),
    /// Text a user wrote: defanged, controls made visible, possibly several lines.
    User(String),
    /// A raw value (indicator, file name, command): defanged, one line, shown verbatim.
    Value(String),
}

impl Span {
    pub(crate) fn text(&self) -> &str {
        match self {
            Span::Ours(s) => s,
            Span::User(s) | Span::Value(s) => s,
        }
    }

    /// Whether nothing would show: the formats write a dash there instead.
    pub(crate) fn is_empty(&self) -> bool {
        is_blank(self.text())
    }
}

fn ours(s: impl Into<Cow<'static, str>>) -> Span {
    Span::Ours(s.into())
}

#[derive(Clone, Debug)]
pub(crate) enum Block {
    /// A sentence of Handoff's, possibly with user spans in it.
    Line(Vec<Span>),
    /// Label and value pairs, one a row.
    Fields(Vec<(&'static str, Span)>),
    /// User prose under a label; its line breaks are kept.
    Prose { label: &'static str, text: Span },
    /// A table whose headers are Handoff's; each cell is one line.
    Table {
        headers: &'static [&'static str],
        rows: Vec<Vec<Span>>,
    },
    /// A bulleted list; each item is one line.
    List(Vec<Vec<Span>>),
    /// Several lines shown exactly as they are (the raw alert).
    Verbatim { label: &'static str, text: String },
}

pub(crate) struct Section {
    pub title: &'static str,
    pub blocks: Vec<Block>,
    /// Record-keeping (the raw alert, the audit trail) that a chat message leaves to the
    /// ticket.
    pub detail: bool,
}

pub(crate) struct Outline {
    /// `INC-2291 — Macro document …`
    pub title: Vec<Span>,
    /// `TLP:AMBER: organisation and its clients, on a need-to-know basis.`
    pub tlp: String,
    pub sections: Vec<Section>,
    /// Where the whole report is, for a message that had to be cut.
    pub ticket: Span,
    /// `Handoff case case-phish.`
    pub footer: Vec<Span>,
}

/// Shows invisible and direction-changing characters instead of letting them act; tabs become
/// spaces. Newlines are kept.
pub(crate) fn visible(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c == '\t' {
            out.push(' ');
        } else if is_bidi_control(c) || (c.is_control() && c != '\n') {
            let _ = write!(out, "[U+{:04X}]", c as u32);
        } else {
            out.push(c);
        }
    }
    out
}

impl Outline {
    pub(crate) fn new(case: &Case, options: &ExportOptions) -> Outline {
        Builder { case, options }.build()
    }
}

struct Builder<'a> {
    case: &'a Case,
    options: &'a ExportOptions,
}

impl Builder<'_> {
    /// One line of user text.
    fn line(&self, s: &str) -> Span {
        Span::User(visible(&defang_text_except(
            &one_line(s),
            &self.options.own_domains,
        )))
    }

    /// User prose with its line breaks (trailing spaces and surplus blank lines dropped).
    fn prose(&self, s: &str) -> Span {
        let defanged = defang_text_except(s.trim(), &self.options.own_domains);
        let mut out = String::with_capacity(defanged.len());
        let mut blank_run = 0;
        for line in defanged.lines().map(str::trim_end) {
            blank_run = if line.is_empty() { blank_run + 1 } else { 0 };
            if blank_run > 1 {
                continue;
            }
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
        Span::User(visible(&out))
    }

    fn time(t: &chrono::DateTime<chrono::Utc>) -> Span {
        ours(rfc3339_seconds(t))
    }

    fn build(self) -> Outline {
        let case = self.case;
        let r = &case.report;
        let h = &r.header;
        let mut sections = Vec::new();

        sections.push(Section {
            title: "Alert",
            detail: false,
            blocks: vec![Block::Fields(vec![
                ("Alert ID", self.line(&h.alert_id)),
                ("Title", self.line(&h.title)),
                ("Severity", ours(h.severity.map_or("", |s| s.label()))),
                ("Status", ours(case.stage.label())),
                ("Verdict", ours(r.verdict.map_or("", |v| v.label()))),
                ("TLP", ours(r.tlp.label())),
                (
                    "Detected (UTC)",
                    h.detected_at.as_ref().map_or(ours(""), Self::time),
                ),
                ("Source", self.line(&h.source)),
                ("Rule", self.line(&h.rule)),
                ("L1 analyst", self.line(&h.analyst)),
            ])],
        });

        let n = &case.notification;
        let handed_on = handed_on(case);
        if handed_on {
            sections.push(Section {
                title: "Notification to L2",
                detail: false,
                blocks: vec![Block::Fields(vec![
                    ("Ticket", self.line(&n.ticket_id)),
                    ("Assigned to", self.line(&n.l2_assignee)),
                    ("Summary", self.line(&n.summary)),
                    ("Immediate concerns", self.line(&n.immediate_concerns)),
                ])],
            });
        }

        let w = &r.five_ws;
        sections.push(Section {
            title: "Five Ws",
            detail: false,
            blocks: [
                ("Who", &w.who),
                ("What", &w.what),
                ("When", &w.when),
                ("Where", &w.where_),
                ("Why", &w.why),
            ]
            .into_iter()
            .map(|(label, text)| Block::Prose {
                label,
                text: self.prose(text),
            })
            .collect(),
        });

        sections.push(Section {
            title: "Verdict",
            detail: false,
            blocks: vec![
                Block::Line(vec![ours(
                    r.verdict.map_or("Not yet reached", |v| v.label()),
                )]),
                Block::Prose {
                    label: "Justification",
                    text: self.prose(&r.verdict_justification),
                },
            ],
        });

        sections.push(self.decision());
        sections.push(self.evidence());

        let actions: Vec<Vec<Span>> = r
            .recommended_actions
            .iter()
            .filter(|a| !is_blank(a))
            .map(|a| vec![self.line(a)])
            .collect();
        sections.push(Section {
            title: "Recommended actions",
            detail: false,
            blocks: vec![if actions.is_empty() {
                Block::Line(vec![ours("None recorded.")])
            } else {
                Block::List(actions)
            }],
        });

        if handed_on && self.options.shows_l2(case) {
            sections.push(self.l2());
        }
        sections.push(self.audit());

        Outline {
            title: vec![self.line(&h.alert_id), ours(" — "), self.line(&h.title)],
            tlp: format!("{}: {}.", r.tlp.label(), r.tlp.sharing()),
            sections,
            ticket: self.line(ticket_of(case)),
            footer: vec![ours("Handoff case "), self.line(&case.id), ours(".")],
        }
    }

    fn decision(&self) -> Section {
        let case = self.case;
        let r = &case.report;
        let mut blocks = Vec::new();
        if case.stage == Stage::Closed(ClosureReason::FalsePositive) {
            blocks.push(Block::Line(vec![ours(
                "Not needed: closed as a false positive during L1 review.",
            )]));
        } else {
            let rec = recommend(r.verdict, &r.conditions);
            let recommended = match rec.kind {
                RecommendationKind::Escalate => "escalate to L2",
                RecommendationKind::Close => "close at L1",
                RecommendationKind::Undecided => "not yet determined",
            };
            let mut fields = vec![
                (
                    "Decision",
                    ours(r.decision.choice.map_or("not yet made", |c| c.label())),
                ),
                ("Recommended", ours(recommended)),
            ];
            if rec.is_overridden_by(&r.decision) {
                fields.push(("Override reason", self.line(&r.decision.override_reason)));
            }
            blocks.push(Block::Fields(fields));
            if !rec.reasons.is_empty() {
                blocks.push(Block::List(
                    rec.reasons.iter().map(|s| vec![self.line(s)]).collect(),
                ));
            }
            blocks.push(Block::Table {
                headers: &["Escalation condition", "Applies", "Note"],
                rows: Condition::VARIANTS
                    .iter()
                    .map(|c| {
                        let a = r.conditions.get(*c);
                        vec![
                            ours(c.label()),
                            ours(match a.applies {
                                Some(true) => "Yes",
                                Some(false) => "No",
                                None => "Not assessed",
                            }),
                            self.line(&a.note),
                        ]
                    })
                    .collect(),
            });
        }
        Section {
            title: "Escalation decision",
            blocks,
            detail: false,
        }
    }

    fn evidence(&self) -> Section {
        let r = &self.case.report;
        let own = &self.options.own_domains;
        let mut blocks = Vec::new();
        if r.indicators.is_empty() {
            blocks.push(Block::Line(vec![ours("No indicators recorded.")]));
        } else {
            blocks.push(Block::Line(vec![ours(
                "Indicators are defanged; refang them before use in tools.",
            )]));
            blocks.push(Block::Table {
                headers: &["Type", "Indicator", "Note"],
                rows: r
                    .indicators
                    .iter()
                    .map(|i| {
                        vec![
                            ours(i.kind.label()),
                            Span::Value(visible(&one_line(&i.defanged_except(own)))),
                            self.line(&i.note),
                        ]
                    })
                    .collect(),
            });
        }
        if !r.attack_techniques.is_empty() {
            let ids: Vec<&str> = r.attack_techniques.iter().map(|t| t.as_str()).collect();
            blocks.push(Block::Fields(vec![("MITRE ATT&CK", ours(ids.join(", ")))]));
        }
        if !r.timeline.is_empty() {
            blocks.push(Block::Table {
                headers: &["Time (UTC)", "Event"],
                rows: r
                    .timeline
                    .iter()
                    .map(|e| {
                        vec![
                            e.at.as_ref().map_or(ours(""), Self::time),
                            self.line(&e.description),
                        ]
                    })
                    .collect(),
            });
        }
        let mut section = Section {
            title: "Evidence",
            blocks,
            detail: false,
        };
        if !is_blank(&r.raw_alert) {
            let raw = truncate_chars(
                &defang_text_except(r.raw_alert.trim(), own),
                RAW_ALERT_CHARS,
            );
            section.blocks.push(Block::Verbatim {
                label: "Raw alert (defanged)",
                text: visible(&raw),
            });
        }
        section
    }

    fn l2(&self) -> Section {
        let case = self.case;
        let o = self.options;
        let l2 = &case.l2;
        let mut fields = Vec::new();
        if o.shows_l2_text(&l2.analyst) {
            fields.push(("L2 analyst", self.line(&l2.analyst)));
        }
        if l2.classification.is_some() || o.audience == Audience::FullRecord {
            fields.push((
                "Classification",
                ours(
                    l2.classification
                        .map_or("not yet classified", |c| c.label()),
                ),
            ));
        }
        if o.shows_l2_text(&l2.outcome_note) {
            fields.push(("Outcome", self.line(&l2.outcome_note)));
        }
        let mut blocks = Vec::new();
        if !fields.is_empty() {
            blocks.push(Block::Fields(fields));
        }
        let rows: Vec<Vec<Span>> = L2Task::VARIANTS
            .iter()
            .map(|t| (t, l2.tasks.get(*t)))
            .filter(|(_, s)| o.shows_task(s))
            .map(|(t, s)| {
                vec![
                    ours(t.label()),
                    ours(if s.done { "Yes" } else { "No" }),
                    self.line(&s.notes),
                ]
            })
            .collect();
        if !rows.is_empty() {
            blocks.push(Block::Table {
                headers: &["L2 task", "Done", "Notes"],
                rows,
            });
        }
        let taken: Vec<Vec<Span>> = l2
            .actions_taken
            .iter()
            .filter(|a| !is_blank(a))
            .map(|a| vec![self.line(a)])
            .collect();
        if !taken.is_empty() {
            blocks.push(Block::Line(vec![ours("Actions taken:")]));
            blocks.push(Block::List(taken));
        }
        if !case.clarifications.is_empty() {
            blocks.push(Block::Line(vec![ours("Clarifications:")]));
            let mut items = Vec::new();
            for q in &case.clarifications {
                items.push(vec![
                    self.line(&q.asked_by.display()),
                    ours(" ("),
                    Self::time(&q.asked_at),
                    ours(", question): "),
                    self.line(&q.question),
                ]);
                if let Some(a) = &q.answer {
                    items.push(vec![
                        self.line(&a.answered_by.display()),
                        ours(" ("),
                        Self::time(&a.answered_at),
                        ours(", answer): "),
                        self.line(&a.text),
                    ]);
                }
            }
            blocks.push(Block::List(items));
        }
        Section {
            title: "L2",
            blocks,
            detail: false,
        }
    }

    fn audit(&self) -> Section {
        Section {
            title: "Audit trail",
            detail: true,
            blocks: vec![Block::Table {
                headers: &["Time (UTC)", "Actor", "Step", "From", "To", "Note"],
                rows: self
                    .case
                    .audit
                    .iter()
                    .map(|e| {
                        vec![
                            Self::time(&e.at),
                            self.line(&e.actor.display()),
                            ours(e.event.label()),
                            ours(e.from.label()),
                            ours(e.to.label()),
                            self.line(&e.note),
                        ]
                    })
                    .collect(),
            }],
        }
    }
}
