//! The handoff in Jira wiki markup (Jira Server and Data Center), for the description or a
//! comment of an issue.
//!
//! Handoff writes the markup (`h2.` headings, `||header||` tables, `*bold*` labels, `*` lists)
//! and nothing a user typed can add to it:
//!
//! - raw values (indicators, file names, the raw alert) go inside `{noformat}`, where Jira
//!   interprets nothing but the closing `{noformat}`, which a value cannot contain: a zero-width
//!   space is put after the `{` of any `{noformat` in it;
//! - every other character Jira's renderer acts on is escaped: a backslash before
//!   `* _ - { } [ ] ! ? # ( ) : ;` (formatting, macros, links and `[~user]` mentions, images,
//!   citations, lists, emoticons such as `(y)` and `:)`, and the `:` of every URL scheme, so
//!   nothing links itself), and a character reference for `\` (two of which make a line
//!   break), `|` (which splits a table cell even when escaped), `^`, `~` and `+` (super- and
//!   subscript and underline, which some readers parse despite a backslash), and `&`;
//! - a line of user text cannot start a heading (`h1.`) or a quote (`bq.`): its `.` is escaped;
//! - no link is ever written; URLs, domains, addresses and mailboxes are defanged besides.

use std::fmt::Write;

use super::options::ExportOptions;
use super::outline::{Block, Outline, Span};
use crate::case::Case;

/// The handoff as Jira wiki markup, for the audience and with the own domains of `options`.
pub fn to_jira(case: &Case, options: &ExportOptions) -> String {
    let outline = Outline::new(case, options);
    let mut o = String::with_capacity(4096);
    let _ = writeln!(o, "h1. Handoff: {}", spans(&outline.title));
    o.push('\n');
    escape_line(&outline.tlp, &mut o);
    o.push('\n');
    for section in &outline.sections {
        let _ = write!(o, "\nh2. {}\n\n", escape(section.title));
        for (i, block) in section.blocks.iter().enumerate() {
            if i > 0 {
                o.push('\n');
            }
            render(block, &mut o);
        }
    }
    let _ = writeln!(o, "\n{}", spans(&outline.footer));
    o
}

fn render(block: &Block, o: &mut String) {
    match block {
        Block::Line(s) => {
            let _ = writeln!(o, "{}", spans(s));
        }
        Block::Fields(fields) => {
            for (label, value) in fields {
                let _ = writeln!(o, "||{}|{}|", escape(label), cell(value));
            }
        }
        Block::Prose { label, text } => {
            let _ = writeln!(o, "*{}*", escape(label));
            if text.is_empty() {
                o.push_str("—\n");
            }
            for line in text.text().lines() {
                escape_line(line, o);
                o.push('\n');
            }
        }
        Block::Table { headers, rows } => {
            o.push_str("||");
            for h in headers.iter() {
                let _ = write!(o, "{}||", escape(h));
            }
            o.push('\n');
            for row in rows {
                o.push('|');
                for c in row {
                    let _ = write!(o, "{}|", cell(c));
                }
                o.push('\n');
            }
        }
        Block::List(items) => {
            for item in items {
                let _ = writeln!(o, "* {}", spans(item));
            }
        }
        Block::Verbatim { label, text } => {
            let _ = writeln!(o, "{}:", escape(label));
            let _ = writeln!(o, "{{noformat}}\n{}\n{{noformat}}", noformat(text));
        }
    }
}

/// A table cell: never empty (Jira would merge it), never more than one line.
fn cell(s: &Span) -> String {
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
        Span::Value(v) => format!("{{noformat}}{}{{noformat}}", noformat(v)),
    }
}

/// Text for inside `{noformat}`: only its closing tag could act there, so no `{noformat` may
/// appear whole (any letter case).
fn noformat(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let lower = s.to_ascii_lowercase();
    let mut last = 0;
    for (i, _) in lower.match_indices("{noformat") {
        out.push_str(&s[last..=i]);
        out.push('\u{200B}');
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

/// One line of text (no line breaks: a caller splits prose into lines).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_line(s, &mut out);
    out
}

fn escape_line(line: &str, out: &mut String) {
    // A line of its own that would start a heading or a quote: escape the dot.
    let t = line.trim_start();
    let b = t.as_bytes();
    let block_start =
        (b.len() >= 3 && b[0] == b'h' && (b'1'..=b'6').contains(&b[1]) && b[2] == b'.')
            .then_some(2)
            .or_else(|| t.starts_with("bq.").then_some(2));
    let lead = line.len() - t.len();
    for (i, c) in line.char_indices() {
        if block_start.is_some_and(|dot| i == lead + dot) {
            out.push_str("\\.");
            continue;
        }
        match c {
            '*' | '_' | '-' | '{' | '}' | '[' | ']' | '!' | '?' | '#' | '(' | ')' | ':' | ';' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("&#92;"),
            '|' => out.push_str("&#124;"),
            '^' => out.push_str("&#94;"),
            '~' => out.push_str("&#126;"),
            '+' => out.push_str("&#43;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_text_cannot_format_link_or_call_a_macro() {
        assert_eq!(
            escape("*b* _i_ {code} [x|javascript:alert(1)] (y) ~s~ ^u^ +i+ a\\b &amp;"),
            "\\*b\\* \\_i\\_ \\{code\\} \\[x&#124;javascript\\:alert\\(1\\)\\] \\(y\\) &#126;s&#126; &#94;u&#94; &#43;i&#43; a&#92;b &amp;amp\\;"
        );
        assert_eq!(escape("h1. title"), "h1\\. title");
        assert_eq!(escape("  bq. quote"), "  bq\\. quote");
        assert_eq!(escape("---- rule"), "\\-\\-\\-\\- rule");
    }

    #[test]
    fn noformat_cannot_be_closed_from_inside() {
        assert_eq!(
            noformat("a{noformat}b{NOFORMAT}"),
            "a{\u{200B}noformat}b{\u{200B}NOFORMAT}"
        );
        assert_eq!(noformat("a_b*c*"), "a_b*c*");
    }
}
