//! The ticket-ready Markdown report. It must read well as plain text, and nothing a user
//! typed may turn into markup: every user string goes through [`escape_inline`] or
//! [`escape_block`], which defang links and escape every character Markdown (CommonMark and
//! GFM) could act on, and indicators go inside code spans where nothing is interpreted.

use std::fmt::Write;

use chrono::{DateTime, Utc};

use strum::VariantArray;

use super::options::{handed_on, Audience, ExportOptions};
use crate::case::Case;
use crate::rules::escalation::{recommend, RecommendationKind};
use crate::vocabulary::escalation::Condition;
use crate::vocabulary::indicator::{defang_text_except, is_bidi_control, OwnDomains};
use crate::vocabulary::l2::L2Task;
use crate::vocabulary::stage::{ClosureReason, Stage};
use crate::vocabulary::text::{is_blank, one_line, truncate_chars};

/// How much of the raw alert the Markdown carries; the JSON always has all of it.
const RAW_ALERT_CHARS: usize = 20_000;

/// Shows invisible and direction-changing characters instead of letting them act.
fn visible(c: char, out: &mut String) {
    if is_bidi_control(c) || (c.is_control() && c != '\n' && c != '\t') {
        let _ = write!(out, "[U+{:04X}]", c as u32);
    } else {
        out.push(c);
    }
}

fn escape_line(line: &str, own: &OwnDomains, out: &mut String) {
    let line = defang_text_except(line.trim_start(), own);
    let mut rest = line.as_str();
    // What starts a block at the beginning of a line: list items, headings, quotes, rules,
    // setext underlines, ordered lists ("1." / "1)").
    if rest.starts_with(['-', '+', '=']) {
        out.push('\\');
    } else {
        let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 && rest[digits..].starts_with(['.', ')']) {
            out.push_str(&rest[..digits]);
            out.push('\\');
            rest = &rest[digits..];
        }
    }
    // Byte by byte, copying runs of plain ASCII whole: this is the exporter's hot loop.
    let b = rest.as_bytes();
    let (mut i, mut copied) = (0, 0);
    while i < b.len() {
        let c = b[i];
        let special = matches!(
            c,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'|'
                | b'~'
                | b'#'
                | b'@'
                | b'&'
                | b'!'
        );
        if (0x20..0x7f).contains(&c) && !special {
            i += 1;
            continue;
        }
        out.push_str(&rest[copied..i]);
        // The markers defanging adds stay readable: "[.]" can never become a link, because
        // the brackets are always followed by the next label, never by "(" or ":".
        if c == b'['
            && [&b"[.]"[..], b"[@]", b"[:]"]
                .iter()
                .any(|m| b[i..].starts_with(m))
        {
            out.push_str(&rest[i..i + 3]);
            i += 3;
        } else if special {
            out.push('\\');
            out.push(char::from(c));
            i += 1;
        } else {
            // A control character or the start of a multi-byte character.
            let ch = rest[i..].chars().next().unwrap_or('\u{fffd}');
            visible(ch, out);
            i += ch.len_utf8();
        }
        copied = i;
    }
    out.push_str(&rest[copied..]);
}

/// One line of user text, safe anywhere inline (including a table cell).
pub fn escape_inline(s: &str) -> String {
    escape_inline_except(s, &OwnDomains::NONE)
}

/// As [`escape_inline`], leaving the organisation's own domains and networks undefanged.
pub(crate) fn escape_inline_except(s: &str, own: &OwnDomains) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    escape_line(&one_line(s), own, &mut out);
    out
}

/// Multi-line user text as paragraphs: line breaks kept (as hard breaks), blank lines kept.
fn escape_block(s: &str, own: &OwnDomains) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let lines: Vec<&str> = s.trim().lines().map(str::trim_end).collect();
    for (i, line) in lines.iter().enumerate() {
        escape_line(line, own, &mut out);
        let next_blank = lines.get(i + 1).is_some_and(|l| l.is_empty());
        if i + 1 < lines.len() {
            // Two trailing spaces: a hard line break that is invisible in plain text.
            if !line.is_empty() && !next_blank {
                out.push_str("  ");
            }
            out.push('\n');
        }
    }
    out
}

/// A code span around `s` (already defanged), with a fence longer than any backtick run in it
/// and `|` escaped so a table cell cannot be split.
fn code(s: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in s.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat(longest + 1);
    let mut inner = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if c == '|' {
            inner.push_str("\\|");
        } else {
            visible(c, &mut inner);
        }
    }
    let pad = if inner.starts_with('`') || inner.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{inner}{pad}{fence}")
}

fn time(t: &DateTime<Utc>) -> String {
    crate::vocabulary::time::rfc3339_seconds(t)
}

fn or_dash(s: String) -> String {
    if s.is_empty() {
        "—".to_owned()
    } else {
        s
    }
}

fn section(out: &mut String, title: &str) {
    let _ = write!(out, "\n## {title}\n\n");
}

/// The whole case as a Markdown report for a ticket (CommonMark with GFM tables), for the
/// audience and with the own domains of `options`.
pub fn to_markdown(case: &Case, options: &ExportOptions) -> String {
    let own = &options.own_domains;
    let escape_inline = |s: &str| escape_inline_except(s, own);
    let escape_block = |s: &str| escape_block(s, own);
    let r = &case.report;
    let h = &r.header;
    let mut o = String::with_capacity(4096 + r.raw_alert.len().min(RAW_ALERT_CHARS * 4));

    let _ = writeln!(
        o,
        "# Handoff: {} — {}",
        or_dash(escape_inline(&h.alert_id)),
        or_dash(escape_inline(&h.title))
    );
    let _ = writeln!(o, "\n**{}**: {}.\n", r.tlp.label(), r.tlp.sharing());
    o.push_str("| Field | Value |\n| --- | --- |\n");
    let rows: [(&str, String); 10] = [
        ("Alert ID", escape_inline(&h.alert_id)),
        ("Title", escape_inline(&h.title)),
        (
            "Severity",
            h.severity.map(|s| s.label().to_owned()).unwrap_or_default(),
        ),
        ("Status", case.stage.label().to_owned()),
        (
            "Verdict",
            r.verdict.map(|v| v.label().to_owned()).unwrap_or_default(),
        ),
        ("TLP", r.tlp.label().to_owned()),
        (
            "Detected (UTC)",
            h.detected_at.as_ref().map(time).unwrap_or_default(),
        ),
        ("Source", escape_inline(&h.source)),
        ("Rule", escape_inline(&h.rule)),
        ("L1 analyst", escape_inline(&h.analyst)),
    ];
    for (k, v) in rows {
        let _ = writeln!(o, "| {k} | {} |", or_dash(v));
    }

    section(&mut o, "Five Ws");
    let w = &r.five_ws;
    for (label, text) in [
        ("Who", &w.who),
        ("What", &w.what),
        ("When", &w.when),
        ("Where", &w.where_),
        ("Why", &w.why),
    ] {
        let _ = write!(o, "**{label}:**  \n{}\n\n", or_dash(escape_block(text)));
    }

    section(&mut o, "Verdict");
    let _ = writeln!(
        o,
        "**{}**  \n{}",
        r.verdict.map_or("Not yet reached", |v| v.label()),
        or_dash(escape_block(&r.verdict_justification))
    );

    section(&mut o, "Escalation decision");
    if case.stage == Stage::Closed(ClosureReason::FalsePositive) {
        o.push_str("Not needed: closed as a false positive during L1 review.\n");
    } else {
        let rec = recommend(r.verdict, &r.conditions);
        let recommended = match rec.kind {
            RecommendationKind::Escalate => "escalate to L2",
            RecommendationKind::Close => "close at L1",
            RecommendationKind::Undecided => "not yet determined",
        };
        let _ = writeln!(
            o,
            "- Decision: **{}**",
            r.decision.choice.map_or("not yet made", |c| c.label())
        );
        let _ = writeln!(o, "- Recommended: {recommended}");
        for reason in &rec.reasons {
            let _ = writeln!(o, "  - {}", escape_inline(reason));
        }
        if rec.is_overridden_by(&r.decision) {
            let _ = writeln!(
                o,
                "- Override reason: {}",
                or_dash(escape_inline(&r.decision.override_reason))
            );
        }
        o.push_str("\n| Escalation condition | Applies | Note |\n| --- | --- | --- |\n");
        for c in Condition::VARIANTS.iter().copied() {
            let a = r.conditions.get(c);
            let applies = match a.applies {
                Some(true) => "Yes",
                Some(false) => "No",
                None => "Not assessed",
            };
            let _ = writeln!(
                o,
                "| {} | {applies} | {} |",
                c.label(),
                or_dash(escape_inline(&a.note))
            );
        }
    }

    section(&mut o, "Evidence");
    if r.indicators.is_empty() {
        o.push_str("No indicators recorded.\n");
    } else {
        o.push_str("Indicators are defanged; refang them before use in tools.\n\n");
        o.push_str("| Type | Indicator | Note |\n| --- | --- | --- |\n");
        for i in r.indicators.iter() {
            let _ = writeln!(
                o,
                "| {} | {} | {} |",
                i.kind.label(),
                code(&i.defanged_except(own)),
                or_dash(escape_inline(&i.note))
            );
        }
    }
    if !r.attack_techniques.is_empty() {
        let ids: Vec<&str> = r.attack_techniques.iter().map(|t| t.as_str()).collect();
        let _ = writeln!(o, "\nMITRE ATT&CK: {}", ids.join(", "));
    }
    if !r.timeline.is_empty() {
        o.push_str("\n| Time (UTC) | Event |\n| --- | --- |\n");
        for e in r.timeline.iter() {
            let _ = writeln!(
                o,
                "| {} | {} |",
                e.at.as_ref().map_or_else(|| "—".to_owned(), time),
                or_dash(escape_inline(&e.description))
            );
        }
    }
    if !is_blank(&r.raw_alert) {
        let raw = truncate_chars(
            &defang_text_except(r.raw_alert.trim(), own),
            RAW_ALERT_CHARS,
        );
        let mut longest = 0;
        let mut run = 0;
        for c in raw.chars() {
            run = if c == '`' { run + 1 } else { 0 };
            longest = longest.max(run);
        }
        let fence = "`".repeat((longest + 1).max(3));
        let mut shown = String::with_capacity(raw.len());
        for c in raw.chars() {
            visible(c, &mut shown);
        }
        let _ = write!(
            o,
            "\nRaw alert (defanged):\n\n{fence}text\n{shown}\n{fence}\n"
        );
    }

    section(&mut o, "Recommended actions");
    let actions: Vec<&String> = r
        .recommended_actions
        .iter()
        .filter(|a| !is_blank(a))
        .collect();
    if actions.is_empty() {
        o.push_str("None recorded.\n");
    }
    for a in actions {
        let _ = writeln!(o, "- {}", escape_inline(a));
    }

    if handed_on(case) {
        notification_and_l2(&mut o, case, options);
    }
    audit_trail(&mut o, case, own);
    let _ = write!(o, "\n_Handoff case {}._\n", escape_inline(&case.id));
    o
}

fn notification_and_l2(o: &mut String, case: &Case, options: &ExportOptions) {
    let escape_inline = |s: &str| escape_inline_except(s, &options.own_domains);
    let n = &case.notification;
    section(o, "Notification to L2");
    let _ = writeln!(o, "- Ticket: {}", or_dash(escape_inline(&n.ticket_id)));
    let _ = writeln!(
        o,
        "- Assigned to: {}",
        or_dash(escape_inline(&n.l2_assignee))
    );
    let _ = writeln!(o, "- Summary: {}", or_dash(escape_inline(&n.summary)));
    let _ = writeln!(
        o,
        "- Immediate concerns: {}",
        or_dash(escape_inline(&n.immediate_concerns))
    );

    let l2 = &case.l2;
    if !options.shows_l2(case) {
        return;
    }
    section(o, "L2");
    if options.shows_l2_text(&l2.analyst) {
        let _ = writeln!(o, "- L2 analyst: {}", or_dash(escape_inline(&l2.analyst)));
    }
    if l2.classification.is_some() || options.audience == Audience::FullRecord {
        let _ = writeln!(
            o,
            "- Classification: {}",
            l2.classification
                .map_or("not yet classified", |c| c.label())
        );
    }
    if options.shows_l2_text(&l2.outcome_note) {
        let _ = writeln!(o, "- Outcome: {}", or_dash(escape_inline(&l2.outcome_note)));
    }
    let tasks: Vec<L2Task> = L2Task::VARIANTS
        .iter()
        .copied()
        .filter(|t| options.shows_task(l2.tasks.get(*t)))
        .collect();
    if !tasks.is_empty() {
        o.push_str("\n| L2 task | Done | Notes |\n| --- | --- | --- |\n");
    }
    for t in tasks {
        let s = l2.tasks.get(t);
        let _ = writeln!(
            o,
            "| {} | {} | {} |",
            t.label(),
            if s.done { "Yes" } else { "No" },
            or_dash(escape_inline(&s.notes))
        );
    }
    let taken: Vec<&String> = l2.actions_taken.iter().filter(|a| !is_blank(a)).collect();
    if !taken.is_empty() {
        o.push_str("\nActions taken:\n\n");
        for a in taken {
            let _ = writeln!(o, "- {}", escape_inline(a));
        }
    }
    if !case.clarifications.is_empty() {
        o.push_str("\nClarifications:\n\n");
        for q in &case.clarifications {
            let _ = writeln!(
                o,
                "- {} ({}, question): {}",
                escape_inline(&q.asked_by.display()),
                time(&q.asked_at),
                escape_inline(&q.question)
            );
            if let Some(a) = &q.answer {
                let _ = writeln!(
                    o,
                    "  - {} ({}): {}",
                    escape_inline(&a.answered_by.display()),
                    time(&a.answered_at),
                    escape_inline(&a.text)
                );
            }
        }
    }
}

fn audit_trail(o: &mut String, case: &Case, own: &OwnDomains) {
    let escape_inline = |s: &str| escape_inline_except(s, own);
    section(o, "Audit trail");
    o.push_str(
        "| Time (UTC) | Actor | Step | From | To | Note |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for e in &case.audit {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} | {} | {} |",
            time(&e.at),
            or_dash(escape_inline(&e.actor.display())),
            e.event.label(),
            e.from.label(),
            e.to.label(),
            or_dash(escape_inline(&e.note))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_strings_are_inert() {
        for (input, expected) in [
            (
                "<img src=x onerror=alert(1)>",
                "\\<img src=x onerror=alert(1)\\>",
            ),
            ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
            ("| a | b |", "\\| a \\| b \\|"),
            ("`code`", "\\`code\\`"),
            ("@here look", "\\@here look"),
            ("# heading", "\\# heading"),
            ("- item", "\\- item"),
            ("1. first", "1\\. first"),
            (
                "![img](http://x.io/a.png)",
                "\\!\\[img\\](hxxp://x[.]io/a.png)",
            ),
            ("&lt;b&gt;", "\\&lt;b\\&gt;"),
            ("a\u{202E}b", "a[U+202E]b"),
            ("nul\u{0}byte", "nul[U+0000]byte"),
        ] {
            assert_eq!(escape_inline(input), expected, "{input}");
        }
    }

    #[test]
    fn blocks_keep_lines_and_paragraphs() {
        let none = &OwnDomains::NONE;
        assert_eq!(
            escape_block("one\ntwo\n\n- three", none),
            "one  \ntwo\n\n\\- three"
        );
        assert_eq!(escape_block("    indented code?", none), "indented code?");
    }

    #[test]
    fn code_spans_cannot_be_closed_early_or_split_a_table() {
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x"), "`` `x ``");
        assert_eq!(code("a|b"), "`a\\|b`");
    }
}
