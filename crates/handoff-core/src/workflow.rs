//! The escalation workflow as a state machine: the guide's flowchart, made explicit.
//!
//! ```text
//! AlertTriggered → L1Review → verdict?
//!   False Positive ──────────────────────────────→ Closed(false positive)
//!   True Positive | Needs Review → Reporting (Five Ws, escalation conditions)
//!   Reporting → Closed(no escalation needed)        when the decision is to close
//!   Reporting → InProgress → AssignedToL2 → L2Notified → L2Review
//!   L2Review → Resolved (minor) | IncidentResponse (major) | EscalatedFurther (L3 / IR team)
//!   L2Review ⇄ ClarificationRequested (L2 asks L1, L1 answers)
//! ```
//!
//! Every step is a [`Command`]; [`Case::apply`] checks that the step leaves the current stage
//! and that its guard holds, then moves the stage and appends one audit entry. A refused step
//! names every missing field.

use std::fmt;

use crate::audit::{Actor, AuditEntry, Role};
use crate::case::{Case, CaseData, Verdict};
use crate::clock::Clock;
use crate::escalation::{recommend, EscalationChoice, RecommendationKind};
use crate::field::Field;
use crate::json::{self, Error as JsonError, FromJson, ToJson, Value, Writer};
use crate::json_enum;
use crate::l2::{Clarification, ClarificationAnswer, Classification};
use crate::report_check::{decision_gaps, documentation_gaps, Finding};
use crate::text::{is_blank, one_line, truncate_chars};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum ClosureReason {
    /// The alert was benign.
    FalsePositive,
    /// A true positive that none of the escalation conditions required L2 for.
    NoEscalationNeeded,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum EscalationTier {
    L3,
    IncidentResponseTeam,
}

impl EscalationTier {
    pub const ALL: [EscalationTier; 2] = [EscalationTier::L3, EscalationTier::IncidentResponseTeam];

    pub fn label(self) -> &'static str {
        match self {
            EscalationTier::L3 => "L3",
            EscalationTier::IncidentResponseTeam => "the incident response team",
        }
    }
}

/// Where the case stands. Each variant is a box of the guide's flowchart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum Stage {
    AlertTriggered,
    L1Review,
    Reporting,
    InProgress,
    AssignedToL2,
    L2Notified,
    L2Review,
    ClarificationRequested,
    Closed(ClosureReason),
    Resolved,
    IncidentResponse,
    EscalatedFurther(EscalationTier),
}

impl Stage {
    pub fn label(self) -> &'static str {
        match self {
            Stage::AlertTriggered => "Alert triggered",
            Stage::L1Review => "L1 review",
            Stage::Reporting => "Writing the report",
            Stage::InProgress => "In progress",
            Stage::AssignedToL2 => "Assigned to L2",
            Stage::L2Notified => "L2 notified",
            Stage::L2Review => "L2 review",
            Stage::ClarificationRequested => "Clarification requested",
            Stage::Closed(ClosureReason::FalsePositive) => "Closed as false positive",
            Stage::Closed(ClosureReason::NoEscalationNeeded) => "Closed at L1",
            Stage::Resolved => "Resolved",
            Stage::IncidentResponse => "Incident response",
            Stage::EscalatedFurther(EscalationTier::L3) => "Escalated to L3",
            Stage::EscalatedFurther(EscalationTier::IncidentResponseTeam) => {
                "Escalated to the IR team"
            }
        }
    }

    /// No step leaves a final stage.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Stage::Closed(_)
                | Stage::Resolved
                | Stage::IncidentResponse
                | Stage::EscalatedFurther(_)
        )
    }

    /// The case has been handed to L2 (the report is the escalation record from here on).
    pub fn is_escalated(self) -> bool {
        matches!(
            self,
            Stage::InProgress
                | Stage::AssignedToL2
                | Stage::L2Notified
                | Stage::L2Review
                | Stage::ClarificationRequested
                | Stage::Resolved
                | Stage::IncidentResponse
                | Stage::EscalatedFurther(_)
        )
    }

    /// Who is expected to act next.
    pub fn owner(self) -> Role {
        match self {
            Stage::L2Notified
            | Stage::L2Review
            | Stage::Resolved
            | Stage::IncidentResponse
            | Stage::EscalatedFurther(_) => Role::L2,
            _ => Role::L1,
        }
    }

    pub fn report_editable(self) -> bool {
        matches!(
            self,
            Stage::AlertTriggered
                | Stage::L1Review
                | Stage::Reporting
                | Stage::ClarificationRequested
        )
    }

    pub fn notification_editable(self) -> bool {
        matches!(
            self,
            Stage::AlertTriggered
                | Stage::L1Review
                | Stage::Reporting
                | Stage::InProgress
                | Stage::AssignedToL2
        )
    }

    pub fn l2_editable(self) -> bool {
        matches!(
            self,
            Stage::L2Notified | Stage::L2Review | Stage::ClarificationRequested
        )
    }
}

/// The kind of a step, as recorded in the audit trail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum CommandKind {
    OpenCase,
    StartReview,
    CloseAsFalsePositive,
    BeginReport,
    ReviseVerdict,
    CloseWithoutEscalation,
    SetInProgress,
    AssignToL2,
    NotifyL2,
    StartL2Review,
    RequestClarification,
    AnswerClarification,
    Resolve,
    StartIncidentResponse,
    EscalateFurther,
}

impl CommandKind {
    /// The button text for the step.
    pub fn label(self) -> &'static str {
        match self {
            CommandKind::OpenCase => "Open case",
            CommandKind::StartReview => "Start L1 review",
            CommandKind::CloseAsFalsePositive => "Close as false positive",
            CommandKind::BeginReport => "Write the report",
            CommandKind::ReviseVerdict => "Revise the verdict",
            CommandKind::CloseWithoutEscalation => "Close without escalation",
            CommandKind::SetInProgress => "Set status: In Progress",
            CommandKind::AssignToL2 => "Assign to L2 on shift",
            CommandKind::NotifyL2 => "Mark L2 as notified",
            CommandKind::StartL2Review => "Start L2 review",
            CommandKind::RequestClarification => "Ask L1 for clarification",
            CommandKind::AnswerClarification => "Answer L2 and hand back",
            CommandKind::Resolve => "Mark as resolved",
            CommandKind::StartIncidentResponse => "Start incident response",
            CommandKind::EscalateFurther => "Escalate further",
        }
    }

    /// Who takes the step.
    pub fn role(self) -> Role {
        match self {
            CommandKind::StartL2Review
            | CommandKind::RequestClarification
            | CommandKind::Resolve
            | CommandKind::StartIncidentResponse
            | CommandKind::EscalateFurther => Role::L2,
            _ => Role::L1,
        }
    }

    /// Steps that hand work to L2 are held to "document before escalation".
    fn is_escalation(self) -> bool {
        matches!(
            self,
            CommandKind::SetInProgress | CommandKind::AnswerClarification
        )
    }
}

/// One workflow step. Steps carry only what is not already a field of the case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    StartReview,
    CloseAsFalsePositive,
    BeginReport,
    ReviseVerdict,
    CloseWithoutEscalation,
    SetInProgress,
    AssignToL2,
    NotifyL2,
    StartL2Review,
    RequestClarification { question: String },
    AnswerClarification { answer: String },
    Resolve,
    StartIncidentResponse,
    EscalateFurther(EscalationTier),
}

impl Command {
    pub fn kind(&self) -> CommandKind {
        match self {
            Command::StartReview => CommandKind::StartReview,
            Command::CloseAsFalsePositive => CommandKind::CloseAsFalsePositive,
            Command::BeginReport => CommandKind::BeginReport,
            Command::ReviseVerdict => CommandKind::ReviseVerdict,
            Command::CloseWithoutEscalation => CommandKind::CloseWithoutEscalation,
            Command::SetInProgress => CommandKind::SetInProgress,
            Command::AssignToL2 => CommandKind::AssignToL2,
            Command::NotifyL2 => CommandKind::NotifyL2,
            Command::StartL2Review => CommandKind::StartL2Review,
            Command::RequestClarification { .. } => CommandKind::RequestClarification,
            Command::AnswerClarification { .. } => CommandKind::AnswerClarification,
            Command::Resolve => CommandKind::Resolve,
            Command::StartIncidentResponse => CommandKind::StartIncidentResponse,
            Command::EscalateFurther(_) => CommandKind::EscalateFurther,
        }
    }
}

/// The flowchart's arrows: the stage a step leads to from `from`, if the step leaves it.
pub fn target(from: Stage, cmd: &Command) -> Option<Stage> {
    use Stage as S;
    let to = match (from, cmd) {
        (S::AlertTriggered, Command::StartReview) => S::L1Review,
        (S::L1Review, Command::CloseAsFalsePositive) => S::Closed(ClosureReason::FalsePositive),
        (S::L1Review, Command::BeginReport) => S::Reporting,
        (S::Reporting, Command::ReviseVerdict) => S::L1Review,
        (S::Reporting, Command::CloseWithoutEscalation) => {
            S::Closed(ClosureReason::NoEscalationNeeded)
        }
        (S::Reporting, Command::SetInProgress) => S::InProgress,
        (S::InProgress, Command::AssignToL2) => S::AssignedToL2,
        (S::AssignedToL2, Command::NotifyL2) => S::L2Notified,
        (S::L2Notified, Command::StartL2Review) => S::L2Review,
        (S::L2Review, Command::RequestClarification { .. }) => S::ClarificationRequested,
        (S::ClarificationRequested, Command::AnswerClarification { .. }) => S::L2Review,
        (S::L2Review, Command::Resolve) => S::Resolved,
        (S::L2Review, Command::StartIncidentResponse) => S::IncidentResponse,
        (S::L2Review, Command::EscalateFurther(tier)) => S::EscalatedFurther(*tier),
        _ => return None,
    };
    Some(to)
}

/// Every step that leaves `from`, with one representative per escalation tier.
pub fn commands_from(from: Stage) -> Vec<Command> {
    all_commands()
        .into_iter()
        .filter(|c| target(from, c).is_some())
        .collect()
}

/// One of each command (with empty text and each escalation tier), for the UI and tests.
pub fn all_commands() -> Vec<Command> {
    let mut all = vec![
        Command::StartReview,
        Command::CloseAsFalsePositive,
        Command::BeginReport,
        Command::ReviseVerdict,
        Command::CloseWithoutEscalation,
        Command::SetInProgress,
        Command::AssignToL2,
        Command::NotifyL2,
        Command::StartL2Review,
        Command::RequestClarification {
            question: String::new(),
        },
        Command::AnswerClarification {
            answer: String::new(),
        },
        Command::Resolve,
        Command::StartIncidentResponse,
    ];
    all.extend(EscalationTier::ALL.map(Command::EscalateFurther));
    all
}

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
                if command.is_escalation() {
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

fn need(missing: &mut Vec<Finding>, ok: bool, field: Field, message: &str) {
    if !ok {
        missing.push(Finding::blocking(field, message));
    }
}

/// What the step's guard finds missing in `case` (empty: the guard holds). Text that the
/// command itself carries (a question, an answer) is checked in [`Case::apply`].
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
                Field::L2Task(crate::l2::L2Task::ValidateFindings),
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
                Field::L2Task(crate::l2::L2Task::DocumentActions),
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
            if r.decision.is_override(&rec) {
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
        _ => String::new(),
    }
}

impl Case {
    /// Takes one workflow step: checks it against the flowchart and its guard, moves the
    /// stage, and appends the audit entry. On refusal nothing changes.
    pub fn apply(&mut self, cmd: Command, clock: &impl Clock) -> Result<Stage, Refusal> {
        let kind = cmd.kind();
        let from = self.stage;
        let Some(to) = target(from, &cmd) else {
            return Err(Refusal::NotFromHere {
                command: kind,
                stage: from,
            });
        };
        let mut missing = guard(kind, self);
        match &cmd {
            Command::RequestClarification { question } if is_blank(question) => missing.push(
                Finding::blocking(Field::Question, "Write the question for L1."),
            ),
            Command::AnswerClarification { answer } if is_blank(answer) => missing.insert(
                0,
                Finding::blocking(Field::Answer, "Write your answer to L2's question."),
            ),
            _ => {}
        }
        if !missing.is_empty() {
            return Err(Refusal::Incomplete {
                command: kind,
                missing,
            });
        }

        let last = self.audit.last().map(|e| e.at);
        let at = last.map_or(clock.now(), |l| clock.now().max(l));
        let actor = match kind.role() {
            Role::L1 => Actor::new(Role::L1, self.report.header.analyst.trim()),
            Role::L2 => Actor::new(Role::L2, self.l2.analyst.trim()),
        };
        let mut note = transition_note(kind, self);
        let data = self.data_mut();
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

    /// What each step leaving the current stage would need, for the UI's step buttons.
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

/// A stored or imported case that breaks a rule of the workflow.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvariantViolation(pub String);

impl fmt::Display for InvariantViolation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for InvariantViolation {}

/// Checks what [`Case::apply`] and the stage-checked edits guarantee, for data that did not
/// come through them (an import, storage): the audit trail is a legal, ordered path through
/// the flowchart ending at the current stage, and every part of the case frozen at this stage
/// still satisfies the guards that let it in.
pub fn check_invariants(c: &CaseData) -> Result<(), InvariantViolation> {
    let bad = |s: String| Err(InvariantViolation(s));
    let Some(first) = c.audit.first() else {
        return bad("its audit trail is empty".into());
    };
    if first.event != CommandKind::OpenCase
        || first.from != Stage::AlertTriggered
        || first.to != Stage::AlertTriggered
    {
        return bad("its audit trail does not start with the opening of the case".into());
    }
    if first.at != c.created_at {
        return bad("its creation time differs from the first audit entry".into());
    }
    for (i, pair) in c.audit.windows(2).enumerate() {
        let (prev, e) = (&pair[0], &pair[1]);
        let n = i + 2;
        if e.at < prev.at {
            return bad(format!("audit entry {n} is earlier than the one before it"));
        }
        if e.from != prev.to {
            return bad(format!(
                "audit entry {n} starts from {} but the case was {}",
                e.from.label(),
                prev.to.label()
            ));
        }
        let legal = all_commands()
            .iter()
            .any(|cmd| cmd.kind() == e.event && target(e.from, cmd) == Some(e.to));
        if !legal {
            return bad(format!(
                "audit entry {n} records a step the workflow does not allow: {} from {} to {}",
                e.event.label(),
                e.from.label(),
                e.to.label()
            ));
        }
    }
    let last = c.audit.last().map_or(first, |e| e);
    if last.to != c.stage {
        return bad(format!(
            "its stage is {} but its audit trail ends at {}",
            c.stage.label(),
            last.to.label()
        ));
    }
    if c.updated_at < last.at {
        return bad("its last change is earlier than its last audit entry".into());
    }
    let asked = c
        .audit
        .iter()
        .filter(|e| e.event == CommandKind::RequestClarification)
        .count();
    if asked != c.clarifications.len() {
        return bad("its clarifications do not match the questions in its audit trail".into());
    }
    let open = c
        .clarifications
        .iter()
        .filter(|q| q.answer.is_none())
        .count();
    let waiting = c.stage == Stage::ClarificationRequested;
    let last_open = c.clarifications.last().is_some_and(|q| q.answer.is_none());
    if open != usize::from(waiting) || last_open != waiting {
        return bad("its open clarification does not match its stage".into());
    }

    for kind in frozen_guards(c.stage) {
        if let Some(f) = guard(*kind, c).first() {
            return bad(format!(
                "it is {} but {} ({})",
                c.stage.label(),
                f.message.trim_end_matches('.').to_lowercase(),
                f.field.label()
            ));
        }
    }
    Ok(())
}

/// The guards whose inputs can no longer be edited at `stage`, so must still hold.
fn frozen_guards(stage: Stage) -> &'static [CommandKind] {
    use CommandKind as K;
    match stage {
        Stage::AlertTriggered | Stage::L1Review | Stage::Reporting => &[],
        Stage::Closed(ClosureReason::FalsePositive) => &[K::CloseAsFalsePositive],
        Stage::Closed(ClosureReason::NoEscalationNeeded) => &[K::CloseWithoutEscalation],
        Stage::InProgress | Stage::AssignedToL2 => &[K::SetInProgress],
        Stage::L2Notified => &[K::SetInProgress, K::NotifyL2],
        // The L2 section stays editable in these two, so only L1's frozen parts are checked.
        Stage::L2Review => &[K::SetInProgress, K::NotifyL2],
        Stage::ClarificationRequested => &[K::NotifyL2],
        Stage::Resolved => &[K::SetInProgress, K::NotifyL2, K::StartL2Review, K::Resolve],
        Stage::IncidentResponse => &[
            K::SetInProgress,
            K::NotifyL2,
            K::StartL2Review,
            K::StartIncidentResponse,
        ],
        Stage::EscalatedFurther(_) => &[
            K::SetInProgress,
            K::NotifyL2,
            K::StartL2Review,
            K::EscalateFurther,
        ],
    }
}
json_enum!(ClosureReason {
    FalsePositive = "false_positive",
    NoEscalationNeeded = "no_escalation_needed",
});
json_enum!(EscalationTier {
    L3 = "l3",
    IncidentResponseTeam = "incident_response_team",
});
json_enum!(CommandKind {
    OpenCase = "open_case",
    StartReview = "start_review",
    CloseAsFalsePositive = "close_as_false_positive",
    BeginReport = "begin_report",
    ReviseVerdict = "revise_verdict",
    CloseWithoutEscalation = "close_without_escalation",
    SetInProgress = "set_in_progress",
    AssignToL2 = "assign_to_l2",
    NotifyL2 = "notify_l2",
    StartL2Review = "start_l2_review",
    RequestClarification = "request_clarification",
    AnswerClarification = "answer_clarification",
    Resolve = "resolve",
    StartIncidentResponse = "start_incident_response",
    EscalateFurther = "escalate_further",
});

/// The stages without a reason, by their JSON name.
const PLAIN_STAGES: [(Stage, &str); 10] = [
    (Stage::AlertTriggered, "alert_triggered"),
    (Stage::L1Review, "l1_review"),
    (Stage::Reporting, "reporting"),
    (Stage::InProgress, "in_progress"),
    (Stage::AssignedToL2, "assigned_to_l2"),
    (Stage::L2Notified, "l2_notified"),
    (Stage::L2Review, "l2_review"),
    (Stage::ClarificationRequested, "clarification_requested"),
    (Stage::Resolved, "resolved"),
    (Stage::IncidentResponse, "incident_response"),
];

/// A plain stage is its name (`"l2_review"`); a final stage with a reason is a one-member
/// object (`{"closed": "false_positive"}`), as the schema describes.
impl ToJson for Stage {
    fn write_json(&self, w: &mut Writer) {
        let (key, reason) = match self {
            Stage::Closed(r) => ("closed", r.json_name()),
            Stage::EscalatedFurther(t) => ("escalated_further", t.json_name()),
            plain => {
                let name = PLAIN_STAGES
                    .iter()
                    .find(|(s, _)| s == plain)
                    .map_or("", |p| p.1);
                return w.string(name);
            }
        };
        w.begin_object();
        w.key(key);
        w.string(reason);
        w.end_object();
    }
}

impl FromJson for Stage {
    fn from_json(v: Value) -> Result<Self, JsonError> {
        if let Value::Object(members) = v {
            let mut members = members.into_iter();
            return match (members.next(), members.next()) {
                (Some((k, reason)), None) if k == "closed" => ClosureReason::from_json(reason)
                    .map(Stage::Closed)
                    .map_err(|e| e.at_key("closed")),
                (Some((k, tier)), None) if k == "escalated_further" => {
                    EscalationTier::from_json(tier)
                        .map(Stage::EscalatedFurther)
                        .map_err(|e| e.at_key("escalated_further"))
                }
                _ => Err(JsonError::new(
                    "expected a stage name, or an object with one member, closed or escalated_further",
                )),
            };
        }
        match &v {
            Value::String(s) => PLAIN_STAGES.iter().find(|(_, n)| n == s).map(|p| p.0),
            _ => None,
        }
        .ok_or_else(|| json::not_one_of(&PLAIN_STAGES.map(|(_, n)| n), &v))
    }
}
