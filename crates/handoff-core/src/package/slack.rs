//! The handoff as a Slack message: the JSON body for an incoming webhook or `chat.postMessage`,
//! with the text in Block Kit section blocks written in Slack's mrkdwn.
//!
//! Slack's limits: a section's text holds at most 3,000 characters, a message at most 50
//! blocks and 40,000 characters. The message is laid out in sections within those limits; what
//! does not fit is cut at a line and a last section says so and names the ticket that has the
//! full report. The raw alert and the audit trail are always left to that report.
//!
//! Nothing a user typed can format, link or mention (Slack has no escape character, so what
//! would act is replaced):
//!
//! - `&`, `<` and `>` are written `&amp;`, `&lt;`, `&gt;` (Slack's own rule), so no `<link>`,
//!   `<@U123>` mention or `<!here>` can be formed;
//! - `@` becomes the full-width `＠`, as in the chat message, and every text object is
//!   `verbatim`, so Slack does not turn names, channels or URLs into links or mentions;
//! - `*`, `~` and `` ` `` become look-alikes (`∗`, `∼`, `ˋ`), and so does `_` (`ˍ`) except
//!   inside a word (`svc_backup`), where Slack never starts italics;
//! - a zero-width space after the first colon of `:name:` keeps Slack from drawing an emoji;
//! - indicators stand in code spans, defanged.

use serde::Serialize;

use super::options::ExportOptions;
use super::outline::{Block, Outline, Span};
use crate::case::Case;

/// Slack's limits, from its Block Kit and `chat.postMessage` references.
pub const SLACK_SECTION_CHARS: usize = 3_000;
pub const SLACK_MESSAGE_CHARS: usize = 40_000;
pub const SLACK_MESSAGE_BLOCKS: usize = 50;

#[derive(Serialize)]
struct Message {
    /// What notifications and clients without blocks show.
    text: String,
    blocks: Vec<Section>,
}

#[derive(Serialize)]
struct Section {
    #[serde(rename = "type")]
    kind: &'static str,
    text: Text,
}

#[derive(Serialize)]
struct Text {
    #[serde(rename = "type")]
    kind: &'static str,
    text: String,
    verbatim: bool,
}

fn section(text: String) -> Section {
    Section {
        kind: "section",
        text: Text {
            kind: "mrkdwn",
            text,
            verbatim: true,
        },
    }
}

/// The handoff as a Slack message (pretty-printed JSON ending with a newline).
pub fn to_slack(case: &Case, options: &ExportOptions) -> String {
    let outline = Outline::new(case, options);
    let ticket = escape(outline.ticket.text());
    let mut chunks = vec![format!(
        "*Handoff: {}*\n{}",
        spans(&outline.title),
        escape(&outline.tlp)
    )];
    for s in outline.sections.iter().filter(|s| !s.detail) {
        let mut chunk = format!("*{}*", escape(s.title));
        for b in &s.blocks {
            render(b, &mut chunk);
        }
        chunks.push(chunk);
    }
    let end = format!(
        "The full report, with the raw alert and the audit trail, is attached to ticket {ticket}."
    );
    let cut = format!(
        "…cut here to stay within Slack's limits: the rest, and the full report, is attached to ticket {ticket}."
    );

    let mut blocks: Vec<String> = Vec::new();
    let mut total = 0;
    let room = |blocks: &Vec<String>, total: usize, more: usize| {
        blocks.len() + 2 <= SLACK_MESSAGE_BLOCKS
            && total + more + cut.chars().count() <= SLACK_MESSAGE_CHARS
    };
    let mut was_cut = false;
    'chunks: for chunk in chunks {
        for piece in split(&chunk, SLACK_SECTION_CHARS) {
            let n = piece.chars().count();
            if !room(&blocks, total, n) {
                was_cut = true;
                break 'chunks;
            }
            total += n;
            blocks.push(piece);
        }
    }
    blocks.push(if was_cut { cut } else { end });

    let message = Message {
        text: cut_chars(&format!("Handoff: {}", spans(&outline.title)), 300),
        blocks: blocks.into_iter().map(section).collect(),
    };
    let mut out = serde_json::to_string_pretty(&message).unwrap_or_default();
    out.push('\n');
    out
}

fn render(block: &Block, o: &mut String) {
    match block {
        Block::Line(s) => {
            o.push('\n');
            o.push_str(&spans(s));
        }
        Block::Fields(fields) => {
            for (label, value) in fields {
                o.push_str(&format!("\n*{}:* {}", escape(label), or_dash(value)));
            }
        }
        Block::Prose { label, text } => {
            o.push_str(&format!("\n*{}:*", escape(label)));
            let lines: Vec<&str> = text.text().lines().collect();
            if lines.len() > 1 {
                for l in lines {
                    o.push('\n');
                    o.push_str(&escape(l));
                }
            } else {
                o.push(' ');
                o.push_str(&or_dash(text));
            }
        }
        Block::Table { rows, .. } => {
            for row in rows {
                let cells: Vec<String> = row.iter().map(or_dash).collect();
                o.push_str(&format!("\n• {}", cells.join(" · ")));
            }
        }
        Block::List(items) => {
            for item in items {
                o.push_str(&format!("\n• {}", spans(item)));
            }
        }
        // Left to the full report.
        Block::Verbatim { .. } => {}
    }
}

fn or_dash(s: &Span) -> String {
    if s.is_empty() {
        "—".to_owned()
    } else {
        span(s)
    }
}

fn spans(s: &[Span]) -> String {
    s.iter().map(span).collect()
}

fn span(s: &Span) -> String {
    match s {
        Span::Ours(_) | Span::User(_) => escape(s.text()),
        Span::Value(v) => code(v),
    }
}

/// A value in a code span, where Slack formats nothing; a backtick could end it early.
fn code(v: &str) -> String {
    let inner: String = v
        .chars()
        .map(|c| match c {
            '`' => 'ˋ',
            '@' => '＠',
            c => c,
        })
        .collect();
    format!("`{}`", entities(&inner))
}

fn entities(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Text that Slack shows as written.
pub(crate) fn escape(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let word = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|c| c.is_alphanumeric())
        };
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '@' => out.push('＠'),
            '*' => out.push('∗'),
            '~' => out.push('∼'),
            '`' => out.push('ˋ'),
            '_' if !(word(i.checked_sub(1)) && word(Some(i + 1))) => out.push('ˍ'),
            ':' => {
                out.push(':');
                // `:name:` is an emoji; the name is letters, digits and `_+'-`.
                let name = chars[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || "_+'-".contains(**c))
                    .count();
                if name > 0 && chars.get(i + 1 + name) == Some(&':') {
                    out.push('\u{200B}');
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// Cuts `s` into pieces of at most `max` characters, at a line break where there is one, never
/// inside a `&…;` entity.
fn split(s: &str, max: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while rest.chars().count() > max {
        let limit = rest.char_indices().nth(max).map_or(rest.len(), |(i, _)| i);
        let mut cut = rest[..limit]
            .rfind('\n')
            .filter(|&i| i > 0)
            .unwrap_or(limit);
        if cut == limit {
            // No line break: cut at a space, else anywhere outside an entity.
            cut = rest[..limit]
                .rfind(' ')
                .filter(|&i| i > max / 2)
                .unwrap_or(limit);
            if let Some(amp) = rest[..cut].rfind('&') {
                if !rest[amp..cut].contains(';') && cut - amp < 6 {
                    cut = amp;
                }
            }
        }
        out.push(rest[..cut].to_owned());
        rest = rest[cut..].trim_start_matches('\n');
    }
    if !rest.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

fn cut_chars(s: &str, max: usize) -> String {
    split(s, max).into_iter().next().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_link_mention_or_format() {
        assert_eq!(
            escape("<!here> <@U123> @channel &amp; *b* _i_ ~s~ `c` svc_backup :smile: 09:12"),
            "&lt;!here&gt; &lt;＠U123&gt; ＠channel &amp;amp; ∗b∗ ˍiˍ ∼s∼ ˋcˋ svc_backup :\u{200B}smile: 09:12"
        );
        assert_eq!(code("a`b@c<d>"), "`aˋb＠c&lt;d&gt;`");
    }

    #[test]
    fn long_text_is_split_at_lines_and_never_inside_an_entity() {
        let s = format!("{}\n{}", "a".repeat(10), "b".repeat(10));
        assert_eq!(split(&s, 15), ["aaaaaaaaaa", "bbbbbbbbbb"]);
        let s = format!("{}&amp;x", "a".repeat(8));
        assert_eq!(split(&s, 10), ["aaaaaaaa", "&amp;x"]);
    }
}
