//! Workflow steps: the audited way a case moves through the flowchart.

use std::fmt;

use chrono::{DateTime, Utc};

use super::model::Case;
use crate::data::{Actor, AuditEntry, CaseData, Clarification, ClarificationAnswer};
use crate::rules::escalation::{recommend, RecommendationKind};
use crate::rules::flow::{commands_from, target};
use crate::rules::guards::{guard, needs};
use crate::rules::report_check::Finding;
use crate::vocabulary::command::{Command, CommandKind, Role};
use crate::vocabulary::escalation::EscalationChoice;
use crate::vocabulary::l2::Classification;
use crate::vocabulary::stage::Stage;
use crate::vocabulary::text::{one_line, truncate_chars};
use crate::vocabulary::verdict::Verdict;

/// Why a step was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The step does not leave the current stage.
    NotFromHere { command: CommandKind, stage: Stage },
    /// The step leaves this stage, but fields it needs are missing or wrong.
    Incomplete {
        command: CommandKind,
        missing: Vec<Finding>,
    },
}

impl Refusal {
    /// The fields to fix, in the order the form shows them.
    pub fn missing(&self) -> &[Finding] {
        match self {
            Refusal::NotFromHere { .. } => &[],
            Refusal::Incomplete { missing, .. } => missing,
        }
    }

    pub fn command(&self) -> CommandKind {
        match self {
            Refusal::NotFromHere { command, .. } | Refusal::Incomplete { command, .. } => *command,
        }
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::NotFromHere { command, stage } => write!(
                f,
                "\"{}\" is not a step that can be taken while the case is {}.",
                command.label(),
                stage.label()
            ),
            Refusal::Incomplete { command, missing } => {
                write!(f, "\"{}\" was refused", command.label())?;
                if command.hands_work_to_l2() {
                    f.write_str(" (document before escalation)")?;
                }
                f.write_str(": ")?;
                for (i, m) in missing.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" ")?;
                    }
                    f.write_str(&m.message)?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for Refusal {}

impl Case {
    /// Takes one workflow step: checks it against the flowchart and its guard, moves the
    /// stage, and appends the audit entry. On refusal nothing changes.
    pub fn apply(&mut self, cmd: Command, now: DateTime<Utc>) -> Result<Stage, Refusal> {
        let kind = cmd.kind();
        let from = self.stage;
        let Some(to) = target(from, &cmd) else {
            return Err(Refusal::NotFromHere {
                command: kind,
                stage: from,
            });
        };
        let missing = needs(&cmd, self);
        if !missing.is_empty() {
            return Err(Refusal::Incomplete {
                command: kind,
                missing,
            });
        }

        let at = self.audit.last().map_or(now, |last| now.max(last.at));
        let actor = match kind.role() {
            Role::L1 => Actor::new(Role::L1, self.report.header.analyst.trim()),
            Role::L2 => Actor::new(Role::L2, self.l2.analyst.trim()),
        };
        let mut note = transition_note(kind, self);
        let data = &mut self.0;
        match cmd {
            Command::RequestClarification { question } => {
                note = short_note(&question);
                data.clarifications.push(Clarification {
                    question,
                    asked_by: actor.clone(),
                    asked_at: at,
                    answer: None,
                });
            }
            Command::AnswerClarification { answer } => {
                note = short_note(&answer);
                if let Some(open) = data.clarifications.last_mut() {
                    open.answer = Some(ClarificationAnswer {
                        text: answer,
                        answered_by: actor.clone(),
                        answered_at: at,
                    });
                }
            }
            Command::Resolve | Command::StartIncidentResponse | Command::EscalateFurther(_) => {
                data.l2.tasks.close_or_escalate.done = true;
            }
            _ => {}
        }
        data.stage = to;
        data.updated_at = at.max(data.updated_at);
        data.audit.push(AuditEntry {
            at,
            actor,
            event: kind,
            from,
            to,
            note,
        });
        Ok(to)
    }

    /// Each step leaving the current stage, with what its guard still finds missing.
    pub fn available_steps(&self) -> Vec<(Command, Vec<Finding>)> {
        commands_from(self.stage)
            .into_iter()
            .map(|c| {
                let missing = guard(c.kind(), self);
                (c, missing)
            })
            .collect()
    }
}

fn short_note(s: &str) -> String {
    truncate_chars(&one_line(s), 500)
}

/// The audit note of a step: what was decided, in a line.
fn transition_note(kind: CommandKind, case: &CaseData) -> String {
    let r = &case.report;
    let short = |s: &str| truncate_chars(&one_line(s), 300);
    match kind {
        CommandKind::CloseAsFalsePositive => format!(
            "Verdict: False Positive. {}",
            short(&r.verdict_justification)
        ),
        CommandKind::BeginReport => {
            format!("Verdict: {}.", r.verdict.map_or("none", Verdict::label))
        }
        CommandKind::SetInProgress | CommandKind::CloseWithoutEscalation => {
            let rec = recommend(r.verdict, &r.conditions);
            let chosen = r.decision.choice.map_or("none", EscalationChoice::label);
            let recommended = match rec.kind {
                RecommendationKind::Escalate => "escalate",
                RecommendationKind::Close => "close",
                RecommendationKind::Undecided => "undecided",
            };
            let mut note = format!(
                "Decision: {chosen}. Recommended: {recommended} ({})",
                rec.reasons.join(" ")
            );
            if rec.is_overridden_by(&r.decision) {
                note.push_str(" Override: ");
                note.push_str(&short(&r.decision.override_reason));
            }
            note
        }
        CommandKind::AssignToL2 => {
            format!("Assigned to {}.", short(&case.notification.l2_assignee))
        }
        CommandKind::NotifyL2 => format!(
            "L2 notified about ticket {}.",
            short(&case.notification.ticket_id)
        ),
        CommandKind::Resolve
        | CommandKind::StartIncidentResponse
        | CommandKind::EscalateFurther => {
            format!(
                "Classification: {}. {}",
                case.l2.classification.map_or("none", Classification::label),
                short(&case.l2.outcome_note)
            )
        }
        CommandKind::OpenCase
        | CommandKind::StartReview
        | CommandKind::ReviseVerdict
        | CommandKind::StartL2Review
        | CommandKind::RequestClarification
        | CommandKind::AnswerClarification => String::new(),
    }
}
