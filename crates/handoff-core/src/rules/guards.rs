//! What each step needs before it may be taken: its guard. A guard that finds something
//! missing names every field, in the order the form shows them ("document before
//! escalation").

use crate::data::CaseData;
use crate::vocabulary::command::{Command, CommandKind};
use crate::vocabulary::escalation::EscalationChoice;
use crate::vocabulary::field::Field;
use crate::vocabulary::l2::{Classification, L2Task};
use crate::vocabulary::text::is_blank;
use crate::vocabulary::verdict::Verdict;

use super::report_check::{decision_gaps, documentation_gaps, Finding};

fn need(missing: &mut Vec<Finding>, ok: bool, field: Field, message: &str) {
    if !ok {
        missing.push(Finding::blocking(field, message));
    }
}

/// Everything `cmd` still needs in `case` (empty: it may be taken): the text the command
/// carries itself (a question, an answer), then its kind's [`guard`].
pub fn needs(cmd: &Command, case: &CaseData) -> Vec<Finding> {
    let mut missing = guard(cmd.kind(), case);
    match cmd {
        Command::RequestClarification { question } if is_blank(question) => missing.push(
            Finding::blocking(Field::Question, "Write the question for L1."),
        ),
        Command::AnswerClarification { answer } if is_blank(answer) => missing.insert(
            0,
            Finding::blocking(Field::Answer, "Write your answer to L2's question."),
        ),
        _ => {}
    }
    missing
}

/// What the guard of steps of this kind finds missing in `case` (empty: the guard holds),
/// leaving out the text a command carries (see [`needs`]).
pub fn guard(kind: CommandKind, case: &CaseData) -> Vec<Finding> {
    let r = &case.report;
    let n = &case.notification;
    let l2 = &case.l2;
    let mut m = Vec::new();
    match kind {
        CommandKind::OpenCase | CommandKind::ReviseVerdict => {}
        CommandKind::StartReview => {
            need(&mut m, !is_blank(&r.header.title), Field::AlertTitle, "Give the alert a title.");
            need(&mut m, !is_blank(&r.header.alert_id), Field::AlertId, "Enter the alert or ticket ID.");
            need(&mut m, !is_blank(&r.header.analyst), Field::Analyst, "Enter your name as the L1 analyst.");
        }
        CommandKind::CloseAsFalsePositive => {
            need(
                &mut m,
                r.verdict == Some(Verdict::FalsePositive),
                Field::Verdict,
                "Only a False Positive verdict closes the alert here.",
            );
            need(
                &mut m,
                !is_blank(&r.verdict_justification),
                Field::VerdictJustification,
                "Justify the False Positive verdict: say what shows the activity is benign.",
            );
        }
        CommandKind::BeginReport => need(
            &mut m,
            matches!(r.verdict, Some(Verdict::TruePositive | Verdict::NeedsReview)),
            Field::Verdict,
            "Choose True Positive or Needs Review to write the report (False Positive closes the alert instead).",
        ),
        CommandKind::SetInProgress | CommandKind::AnswerClarification => {
            m = documentation_gaps(r);
            decision_gaps(r, Some(EscalationChoice::Escalate), &mut m);
        }
        CommandKind::CloseWithoutEscalation => {
            m = documentation_gaps(r);
            decision_gaps(r, Some(EscalationChoice::Close), &mut m);
        }
        CommandKind::AssignToL2 => need(
            &mut m,
            !is_blank(&n.l2_assignee),
            Field::L2Assignee,
            "Name the L2 analyst on shift you are assigning it to.",
        ),
        CommandKind::NotifyL2 => {
            need(&mut m, !is_blank(&n.l2_assignee), Field::L2Assignee, "Name the L2 analyst on shift.");
            need(&mut m, !is_blank(&n.ticket_id), Field::TicketId, "Give L2 the alert or ticket ID to open.");
            need(&mut m, !is_blank(&n.summary), Field::Summary, "Summarise your findings for L2.");
            need(
                &mut m,
                !is_blank(&n.immediate_concerns),
                Field::ImmediateConcerns,
                "State the immediate concerns (for example ongoing lateral movement), or write that there are none.",
            );
        }
        CommandKind::StartL2Review => need(
            &mut m,
            !is_blank(&l2.analyst),
            Field::L2Analyst,
            "Enter your name as the L2 analyst taking the case.",
        ),
        CommandKind::RequestClarification => {}
        CommandKind::Resolve | CommandKind::StartIncidentResponse | CommandKind::EscalateFurther => {
            need(
                &mut m,
                l2.tasks.validate_findings.done,
                Field::L2Task(L2Task::ValidateFindings),
                "Validate L1's findings first.",
            );
            match (kind, l2.classification) {
                (CommandKind::Resolve, Some(Classification::Major)) => m.push(Finding::blocking(
                    Field::Classification,
                    "A major incident is not resolved at L2: start incident response or escalate further.",
                )),
                (CommandKind::StartIncidentResponse, Some(Classification::Minor)) => {
                    m.push(Finding::blocking(
                        Field::Classification,
                        "Incident response is for major incidents: classify it as major, or resolve it.",
                    ))
                }
                (_, None) => m.push(Finding::blocking(
                    Field::Classification,
                    "Classify the incident as minor or major.",
                )),
                _ => {}
            }
            need(
                &mut m,
                l2.tasks.document_actions.done,
                Field::L2Task(L2Task::DocumentActions),
                "Document the actions taken.",
            );
            need(
                &mut m,
                !is_blank(&l2.outcome_note),
                Field::OutcomeNote,
                "Write the outcome: what was contained or why it goes further.",
            );
        }
    }
    m
}
