//! The handoff as plain text, for a ServiceNow work note or an e-mail: no markup at all, laid
//! out with spaces so it reads the same in any font that a ticket or a mail client uses for
//! plain text, columns aligned.
//!
//! Plain text has no syntax to escape, but its readers act on some text all the same: mail
//! clients and ServiceNow turn URLs and addresses into links (so they are defanged, as
//! everywhere), and a ServiceNow journal renders whatever stands between `[code]` and
//! `[/code]` as HTML. Handoff never relies on those tags, and a zero-width space after the `[`
//! of any `[code` or `[/code` in user text or values keeps a user from using them.

use std::fmt::Write;

use super::options::ExportOptions;
use super::outline::{Block, Outline, Span};
use crate::case::Case;

/// The handoff as plain text, for the audience and with the own domains of `options`.
pub fn to_plain_text(case: &Case, options: &ExportOptions) -> String {
    let outline = Outline::new(case, options);
    let mut o = String::with_capacity(4096);
    let title = format!("HANDOFF: {}", spans(&outline.title));
    let _ = writeln!(o, "{title}\n{}", "=".repeat(width(&title).min(100)));
    let _ = writeln!(o, "{}", outline.tlp);
    for section in &outline.sections {
        let _ = write!(
            o,
            "\n{}\n{}\n",
            section.title.to_uppercase(),
            "-".repeat(width(section.title))
        );
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
            let w = fields.iter().map(|(l, _)| width(l)).max().unwrap_or(0) + 1;
            for (label, value) in fields {
                let label = format!("{label}:");
                let _ = writeln!(o, "{label:<w$}  {}", or_dash(value));
            }
        }
        Block::Prose { label, text } => {
            let _ = writeln!(o, "{label}:");
            if text.is_empty() {
                o.push_str("  —\n");
            }
            for line in safe(text.text()).lines() {
                if line.is_empty() {
                    o.push('\n');
                } else {
                    let _ = writeln!(o, "  {line}");
                }
            }
        }
        Block::Table { headers, rows } => {
            let cells: Vec<Vec<String>> = rows
                .iter()
                .map(|r| r.iter().map(or_dash).collect())
                .collect();
            let mut widths: Vec<usize> = headers.iter().map(|h| width(h)).collect();
            for row in &cells {
                for (w, c) in widths.iter_mut().zip(row) {
                    *w = (*w).max(width(c));
                }
            }
            let line = |o: &mut String, cols: &mut dyn Iterator<Item = (&usize, String)>| {
                let mut l = String::new();
                for (w, c) in cols {
                    let pad = w.saturating_sub(width(&c));
                    let _ = write!(l, "{c}{}  ", " ".repeat(pad));
                }
                let _ = writeln!(o, "{}", l.trim_end());
            };
            line(
                o,
                &mut widths.iter().zip(headers.iter().map(|h| (*h).to_owned())),
            );
            line(
                o,
                &mut widths.iter().zip(widths.iter().map(|w| "-".repeat(*w))),
            );
            for row in cells {
                line(o, &mut widths.iter().zip(row));
            }
        }
        Block::List(items) => {
            for item in items {
                let _ = writeln!(o, "- {}", spans(item));
            }
        }
        Block::Verbatim { label, text } => {
            let _ = writeln!(o, "{label}:\n");
            for line in safe(text).lines() {
                let _ = writeln!(o, "    {line}");
            }
        }
    }
}

/// Characters, which is what a fixed-width reader lines up.
fn width(s: &str) -> usize {
    s.chars().count()
}

fn or_dash(s: &Span) -> String {
    if s.is_empty() {
        "—".to_owned()
    } else {
        safe(s.text())
    }
}

fn spans(s: &[Span]) -> String {
    s.iter().map(|s| safe(s.text())).collect()
}

/// Breaks ServiceNow's `[code]` and `[/code]` tags, in any letter case.
fn safe(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (i, _) in lower.match_indices('[') {
        let rest = &lower[i + 1..];
        if rest.starts_with("code") || rest.starts_with("/code") {
            out.push_str(&s[last..=i]);
            out.push('\u{200B}');
            last = i + 1;
        }
    }
    out.push_str(&s[last..]);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn servicenow_code_tags_are_broken() {
        assert_eq!(
            super::safe("[code]<b>x</b>[/CODE] [x]"),
            "[\u{200B}code]<b>x</b>[\u{200B}/CODE] [x]"
        );
    }
}
