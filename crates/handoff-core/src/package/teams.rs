//! The handoff as a Microsoft Teams message: the JSON body that a Teams Workflows webhook ("post
//! to a chat or channel when a webhook request is received"), a bot or the older incoming
//! webhooks accept, carrying one Adaptive Card (version 1.4).
//!
//! What Teams interprets: the `text` of a `TextBlock` (and of a `FactSet`'s facts) is read as a
//! Markdown subset (`**bold**`, `_italic_`, `- ` and `1. ` lists, `[text](url)` links), with no
//! escape that every Teams client honours: the shared renderer of the mobile apps shows a
//! backslash before `*` as a backslash and still builds a link after `\[`. A `TextRun` inside a
//! `RichTextBlock` is never read as Markdown: the Adaptive Cards schema says so, and styling
//! comes from its properties (`weight`, `fontType`). So Handoff's own headings are TextBlocks
//! with nothing to interpret in them, and everything a user typed is a TextRun:
//!
//! - no Markdown from user text is ever parsed, so none needs escaping;
//! - a mention exists only as `<at>…</at>` with an entry in the card's `msteams.entities`,
//!   which Handoff never writes; `@` still becomes the full-width `＠`, as in the chat message;
//! - `{{DATE(…)}}` and `{{TIME(…)}}`, which cards expand in any text, are broken by a
//!   zero-width space between the two braces;
//! - URLs, domains, addresses and mailboxes are defanged, so nothing becomes a link.
//!
//! Teams refuses a message over 28 KB: the card is cut at an element to stay under that
//! (counted on the JSON as written: compact, one card element a line), and its last line says
//! where the rest is. The raw
//! alert and the audit trail are always left to the full report.

use serde::Serialize;

use super::options::ExportOptions;
use super::outline::{Block, Outline, Span};
use crate::case::Case;
use crate::vocabulary::text::truncate_chars;

/// Teams' limit on a message, in bytes.
pub const TEAMS_MESSAGE_BYTES: usize = 28_000;
/// The longest single run of text: enough for any paragraph a chat message should carry.
const RUN_CHARS: usize = 4_000;

#[derive(Serialize)]
struct Message {
    #[serde(rename = "type")]
    kind: &'static str,
    attachments: [Attachment; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Attachment {
    content_type: &'static str,
    content_url: Option<String>,
    content: Card,
}

#[derive(Serialize)]
struct Card {
    #[serde(rename = "$schema")]
    schema: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    version: &'static str,
    msteams: Width,
    body: Vec<Element>,
}

#[derive(Serialize)]
struct Width {
    width: &'static str,
}

#[derive(Clone, Serialize)]
#[serde(tag = "type")]
enum Element {
    /// Handoff's own words only: Teams reads this text as Markdown.
    TextBlock {
        text: &'static str,
        weight: &'static str,
        size: &'static str,
        wrap: bool,
        separator: bool,
    },
    RichTextBlock {
        inlines: Vec<TextRun>,
    },
}

#[derive(Clone, Serialize)]
#[serde(rename_all = "camelCase")]
struct TextRun {
    #[serde(rename = "type")]
    kind: &'static str,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    weight: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    font_type: Option<&'static str>,
}

fn run(text: &str) -> TextRun {
    TextRun {
        kind: "TextRun",
        text: safe(text),
        weight: None,
        font_type: None,
    }
}

fn bold(text: &str) -> TextRun {
    TextRun {
        weight: Some("Bolder"),
        ..run(text)
    }
}

fn runs(spans: &[Span]) -> Vec<TextRun> {
    spans
        .iter()
        .map(|s| match s {
            Span::Value(v) => TextRun {
                font_type: Some("Monospace"),
                ..run(v)
            },
            s => run(s.text()),
        })
        .collect()
}

fn dash(s: &Span) -> Vec<TextRun> {
    if s.is_empty() {
        vec![run("—")]
    } else {
        runs(std::slice::from_ref(s))
    }
}

fn rich(inlines: Vec<TextRun>) -> Element {
    Element::RichTextBlock { inlines }
}

fn heading(text: &'static str, size: &'static str) -> Element {
    Element::TextBlock {
        text,
        weight: "Bolder",
        size,
        wrap: true,
        separator: size != "Large",
    }
}

/// The handoff as a Teams message (JSON ending with a newline).
pub fn to_teams(case: &Case, options: &ExportOptions) -> String {
    let outline = Outline::new(case, options);
    let mut title = vec![bold("Handoff: ")];
    title.extend(runs(&outline.title).into_iter().map(|r| TextRun {
        weight: Some("Bolder"),
        ..r
    }));
    let mut body = vec![rich(title), rich(vec![run(&outline.tlp)])];
    for s in outline.sections.iter().filter(|s| !s.detail) {
        body.push(heading(s.title, "Medium"));
        for b in &s.blocks {
            render(b, &mut body);
        }
    }
    let ticket = outline.ticket.text();
    let end = rich(vec![run(&format!(
        "The full report, with the raw alert and the audit trail, is attached to ticket {ticket}."
    ))]);
    let cut = rich(vec![run(&format!(
        "…cut here to stay within Teams' 28 KB limit: the rest, and the full report, is attached to ticket {ticket}."
    ))]);

    let mut keep = body.len();
    let mut out = message(&body, end);
    // Fewer elements until it fits; the first ones carry what L2 needs most.
    while out.len() > TEAMS_MESSAGE_BYTES && keep > 2 {
        keep -= 1 + (keep - 2) / 10;
        out = message(&body[..keep], cut.clone());
    }
    out
}

/// The message, compact (Teams counts bytes) but with one card element a line, so that a
/// person can still read and compare it.
fn message(body: &[Element], last: Element) -> String {
    let m = Message {
        kind: "message",
        attachments: [Attachment {
            content_type: "application/vnd.microsoft.card.adaptive",
            content_url: None,
            content: Card {
                schema: "http://adaptivecards.io/schemas/adaptive-card.json",
                kind: "AdaptiveCard",
                version: "1.4",
                msteams: Width { width: "Full" },
                body: Vec::new(),
            },
        }],
    };
    let envelope = serde_json::to_string(&m).unwrap_or_default();
    let elements: Vec<String> = body
        .iter()
        .chain(std::iter::once(&last))
        .map(|e| serde_json::to_string(e).unwrap_or_default())
        .collect();
    let mut out = envelope.replacen(
        "\"body\":[]",
        &format!("\"body\":[\n{}\n]", elements.join(",\n")),
        1,
    );
    out.push('\n');
    out
}

fn render(block: &Block, body: &mut Vec<Element>) {
    match block {
        Block::Line(s) => body.push(rich(runs(s))),
        Block::Fields(fields) => {
            for (label, value) in fields {
                let mut r = vec![bold(&format!("{label}: "))];
                r.extend(dash(value));
                body.push(rich(r));
            }
        }
        Block::Prose { label, text } => {
            body.push(rich(vec![bold(&format!("{label}:"))]));
            body.push(rich(dash(text)));
        }
        Block::Table { rows, .. } => {
            for row in rows {
                let mut r = vec![run("• ")];
                for (i, c) in row.iter().enumerate() {
                    if i > 0 {
                        r.push(run(" · "));
                    }
                    r.extend(dash(c));
                }
                body.push(rich(r));
            }
        }
        Block::List(items) => {
            for item in items {
                let mut r = vec![run("• ")];
                r.extend(runs(item));
                body.push(rich(r));
            }
        }
        // Left to the full report.
        Block::Verbatim { .. } => {}
    }
}

/// Text for a TextRun: no Markdown is read there, but a card still expands `{{DATE(…)}}` and a
/// reader still takes `@channel` for a mention.
fn safe(s: &str) -> String {
    truncate_chars(s, RUN_CHARS)
        .replace('@', "＠")
        .replace("{{", "{\u{200B}{")
}

#[cfg(test)]
mod tests {
    #[test]
    fn text_runs_cannot_mention_or_expand_dates() {
        assert_eq!(
            super::safe("@here {{DATE(2026-03-14T09:14:00Z)}}"),
            "＠here {\u{200B}{DATE(2026-03-14T09:14:00Z)}}"
        );
    }
}
