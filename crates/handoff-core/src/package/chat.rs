//! The short notification that L1 pastes into Slack or Teams for the L2 on shift.

use super::options::ExportOptions;
use crate::case::Case;
use crate::vocabulary::indicator::{defang_text_except, is_bidi_control, OwnDomains};
use crate::vocabulary::text::{is_blank, one_line, truncate_chars};

/// Makes user text safe for a chat line: one line, links defanged, `@` replaced by the
/// full-width `＠` so that `@here` or `@channel` cannot ping anyone, control and direction
/// characters dropped, length bounded.
pub(super) fn chat_safe(s: &str, own: &OwnDomains, max_chars: usize) -> String {
    let s: String = defang_text_except(&one_line(s), own)
        .chars()
        .filter(|c| !c.is_control() && !is_bidi_control(*c))
        .map(|c| if c == '@' { '＠' } else { c })
        .collect();
    truncate_chars(&s, max_chars)
}

fn or_none(s: String) -> String {
    if is_blank(&s) {
        "(not given)".to_owned()
    } else {
        s
    }
}

/// The notification, a few lines long: what to open, what was found, what is urgent, who has
/// it.
pub fn chat_message(case: &Case, options: &ExportOptions) -> String {
    let chat_safe = |s: &str, max: usize| chat_safe(s, &options.own_domains, max);
    let r = &case.report;
    let n = &case.notification;
    let ticket = if is_blank(&n.ticket_id) {
        &r.header.alert_id
    } else {
        &n.ticket_id
    };
    let mut facts = Vec::new();
    if let Some(s) = r.header.severity {
        facts.push(format!("Severity {}", s.label()));
    }
    if let Some(v) = r.verdict {
        facts.push(format!("Verdict {}", v.label()));
    }
    facts.push(r.tlp.label().to_owned());
    format!(
        "Escalation to L2: {ticket} — {title}\n\
         Assigned to: {assignee}\n\
         Summary: {summary}\n\
         Immediate concerns: {concerns}\n\
         {facts}. Full handoff report attached to the ticket.\n",
        ticket = or_none(chat_safe(ticket, 80)),
        title = or_none(chat_safe(&r.header.title, 120)),
        assignee = or_none(chat_safe(&n.l2_assignee, 80)),
        summary = or_none(chat_safe(&n.summary, 400)),
        concerns = or_none(chat_safe(&n.immediate_concerns, 300)),
        facts = facts.join(" · "),
    )
}

/// The message that goes with the package when L2 asks L1 a question, or L1 answers it: who
/// asks or answers, the ticket, the question and (once given) the answer.
pub fn clarification_message(case: &Case, options: &ExportOptions) -> String {
    let chat_safe = |s: &str, max: usize| chat_safe(s, &options.own_domains, max);
    let r = &case.report;
    let ticket = if is_blank(&case.notification.ticket_id) {
        &r.header.alert_id
    } else {
        &case.notification.ticket_id
    };
    let Some(q) = case.clarifications.last() else {
        return String::new();
    };
    let head = format!(
        "{ticket} — {title}",
        ticket = or_none(chat_safe(ticket, 80)),
        title = or_none(chat_safe(&r.header.title, 120)),
    );
    match &q.answer {
        None => format!(
            "Question from {who} on {head}\n\
             Question: {question}\n\
             The handoff package with the question is attached: open it in Handoff to answer.\n",
            who = chat_safe(&q.asked_by.display(), 80),
            question = or_none(chat_safe(&q.question, 600)),
        ),
        Some(a) => format!(
            "Answer from {who} on {head}\n\
             Question: {question}\n\
             Answer: {answer}\n\
             The updated handoff package is attached: open it in Handoff to continue.\n",
            who = chat_safe(&a.answered_by.display(), 80),
            question = or_none(chat_safe(&q.question, 300)),
            answer = or_none(chat_safe(&a.text, 600)),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_and_links_are_neutralised() {
        assert_eq!(
            chat_safe(
                "@here see https://evil.example.com\nnow",
                &OwnDomains::NONE,
                100
            ),
            "＠here see hxxps://evil[.]example[.]com now"
        );
    }

    #[test]
    fn long_text_is_cut() {
        assert_eq!(
            chat_safe(&"x".repeat(50), &OwnDomains::NONE, 10),
            format!("{}…", "x".repeat(10))
        );
    }
}
