//! The guided flow: the steps a person takes through a case, in the guide's order, each with
//! the fields it shows and the forward step it ends with. Pure: which step is current, what
//! a step still needs and what the rest of the handoff needs are all read from the case and
//! the domain's own guards, so the flow can never ask for less (or more) than the workflow
//! enforces.

use handoff_core::rules::flow::{editable, next_actor, Part};
use handoff_core::rules::guards::needs;
use handoff_core::rules::report_check::{decision_gaps, documentation_gaps};
use handoff_core::vocabulary::text::is_blank;
use handoff_core::{
    Case, Classification, ClosureReason, Command, CommandKind, Condition, Edit, EscalationChoice,
    EscalationTier, Field, Finding, FiveW, L2Task, Role, Stage, Verdict,
};
use strum::VariantArray;

/// A step of the guided flow, in the guide's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, VariantArray)]
pub enum FlowStep {
    /// L1: what the SIEM raised, and who is working it.
    Alert,
    /// L1: true positive, false positive, or needs review, and why.
    Verdict,
    /// L1: the Five Ws and the evidence.
    Report,
    /// L1: the four escalation conditions and the decision.
    Decision,
    /// L1: the L2 analyst on shift.
    Assign,
    /// L1: the notification, sent from here.
    Notify,
    /// L2: the handoff as a briefing, and taking the case.
    Briefing,
    /// L2: the six tasks, the classification and the outcome.
    Review,
    /// L2 asks L1 a question and sends it.
    Ask,
    /// L1 answers L2's question and sends it back.
    Answer,
    /// The case has reached the end of the workflow.
    Outcome,
}

impl FlowStep {
    pub fn title(self) -> &'static str {
        match self {
            FlowStep::Alert => "The alert",
            FlowStep::Verdict => "Triage and verdict",
            FlowStep::Report => "The report: the Five Ws",
            FlowStep::Decision => "Escalate to L2?",
            FlowStep::Assign => "Assign to the L2 analyst on shift",
            FlowStep::Notify => "Notify L2 and send the handoff",
            FlowStep::Briefing => "Briefing from L1",
            FlowStep::Review => "L2 review and outcome",
            FlowStep::Ask => "Ask L1 a question",
            FlowStep::Answer => "Answer L2's question",
            FlowStep::Outcome => "Outcome",
        }
    }

    /// The HTML id of the step's section.
    pub fn id(self) -> &'static str {
        match self {
            FlowStep::Alert => "step-alert",
            FlowStep::Verdict => "step-verdict",
            FlowStep::Report => "step-report",
            FlowStep::Decision => "step-decision",
            FlowStep::Assign => "step-assign",
            FlowStep::Notify => "step-notify",
            FlowStep::Briefing => "step-briefing",
            FlowStep::Review => "step-review",
            FlowStep::Ask => "step-ask",
            FlowStep::Answer => "step-answer",
            FlowStep::Outcome => "step-outcome",
        }
    }

    /// Who works this step.
    pub fn role(self) -> Role {
        match self {
            FlowStep::Briefing | FlowStep::Review | FlowStep::Ask => Role::L2,
            FlowStep::Alert
            | FlowStep::Verdict
            | FlowStep::Report
            | FlowStep::Decision
            | FlowStep::Assign
            | FlowStep::Notify
            | FlowStep::Answer
            | FlowStep::Outcome => Role::L1,
        }
    }

    /// The fields the step shows, in the order it shows them; the first takes focus when the
    /// step opens.
    pub fn fields(self) -> Vec<Field> {
        match self {
            FlowStep::Alert => vec![
                Field::RawAlert,
                Field::AlertTitle,
                Field::AlertId,
                Field::Source,
                Field::Rule,
                Field::Severity,
                Field::DetectedAt,
                Field::Analyst,
            ],
            FlowStep::Verdict => vec![Field::Verdict, Field::VerdictJustification],
            FlowStep::Report => {
                let mut f: Vec<Field> = FiveW::VARIANTS.iter().map(|w| w.field()).collect();
                f.extend([
                    Field::Indicators,
                    Field::AttackTechniques,
                    Field::Timeline,
                    Field::RecommendedActions,
                    Field::Tlp,
                ]);
                f
            }
            FlowStep::Decision => {
                let mut f: Vec<Field> = Condition::VARIANTS
                    .iter()
                    .map(|c| Field::Condition(*c))
                    .collect();
                f.extend([Field::EscalationDecision, Field::OverrideReason]);
                f
            }
            FlowStep::Assign => vec![Field::L2Assignee],
            FlowStep::Notify => vec![Field::TicketId, Field::Summary, Field::ImmediateConcerns],
            FlowStep::Briefing => vec![Field::L2Analyst],
            FlowStep::Review => {
                let mut f: Vec<Field> =
                    L2Task::VARIANTS.iter().map(|t| Field::L2Task(*t)).collect();
                f.extend([
                    Field::ActionsTaken,
                    Field::Classification,
                    Field::OutcomeNote,
                ]);
                f
            }
            FlowStep::Ask => vec![Field::Question],
            FlowStep::Answer => vec![Field::Answer],
            FlowStep::Outcome => vec![],
        }
    }

    /// The step whose forward action a workflow step of this kind is.
    pub fn taking(kind: CommandKind) -> FlowStep {
        match kind {
            CommandKind::OpenCase | CommandKind::StartReview => FlowStep::Alert,
            CommandKind::CloseAsFalsePositive
            | CommandKind::BeginReport
            | CommandKind::ReviseVerdict => FlowStep::Verdict,
            CommandKind::SetInProgress | CommandKind::CloseWithoutEscalation => FlowStep::Decision,
            CommandKind::AssignToL2 => FlowStep::Assign,
            CommandKind::NotifyL2 => FlowStep::Notify,
            CommandKind::StartL2Review => FlowStep::Briefing,
            CommandKind::Resolve
            | CommandKind::StartIncidentResponse
            | CommandKind::EscalateFurther => FlowStep::Review,
            CommandKind::RequestClarification => FlowStep::Ask,
            CommandKind::AnswerClarification => FlowStep::Answer,
        }
    }

    /// The step that shows `field` (where a refusal's link takes the analyst).
    pub fn showing(field: Field) -> Option<FlowStep> {
        ALL_STEPS
            .iter()
            .copied()
            .find(|s| s.fields().contains(&field))
    }
}

/// Every step, in the order of the guide (the enum's own order).
pub const ALL_STEPS: &[FlowStep] = FlowStep::VARIANTS;

/// The L1 steps, in order.
pub const L1_STEPS: [FlowStep; 6] = [
    FlowStep::Alert,
    FlowStep::Verdict,
    FlowStep::Report,
    FlowStep::Decision,
    FlowStep::Assign,
    FlowStep::Notify,
];

/// Where a step stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepState {
    /// Finished: shown folded to one line.
    Done,
    /// The step the case is at: shown with its fields and its forward action.
    Current,
    /// Still to come: shown as its title only.
    Upcoming,
}

/// The step the case's stage is at. `report_written` is the one choice the stage does not
/// record: in "Writing the report", whether the analyst has moved on from the Five Ws to the
/// decision.
pub fn current_step(case: &Case, report_written: bool) -> FlowStep {
    match case.stage {
        Stage::AlertTriggered => FlowStep::Alert,
        Stage::L1Review => FlowStep::Verdict,
        Stage::Reporting if report_written => FlowStep::Decision,
        Stage::Reporting => FlowStep::Report,
        Stage::InProgress => FlowStep::Assign,
        Stage::AssignedToL2 => FlowStep::Notify,
        Stage::L2Notified => FlowStep::Briefing,
        Stage::L2Review => FlowStep::Review,
        Stage::ClarificationRequested => FlowStep::Answer,
        Stage::Closed(_)
        | Stage::Resolved
        | Stage::IncidentResponse
        | Stage::EscalatedFurther(_) => FlowStep::Outcome,
    }
}

/// The steps a person working as `role` sees for `case`, in order, with where each stands.
/// L1 sees its own six steps (fewer when the case closed at L1), the answer to L2's question
/// once one was asked, and the outcome; L2 sees the briefing, the review, its question while
/// it waits for L1, and the outcome. When it is the other role's turn, no step is current.
pub fn steps_for(case: &Case, role: Role, report_written: bool) -> Vec<(FlowStep, StepState)> {
    let current = current_step(case, report_written);
    let position = |s: FlowStep| ALL_STEPS.iter().position(|x| *x == s).unwrap_or(0);
    let mut list: Vec<FlowStep> = match role {
        Role::L1 => {
            let mut l = L1_STEPS.to_vec();
            if let Stage::Closed(reason) = case.stage {
                let last = match reason {
                    ClosureReason::FalsePositive => FlowStep::Verdict,
                    ClosureReason::NoEscalationNeeded => FlowStep::Decision,
                };
                l.truncate(position(last) + 1);
            } else if !case.clarifications.is_empty() {
                l.push(FlowStep::Answer);
            }
            l
        }
        Role::L2 => {
            let mut l = vec![FlowStep::Briefing, FlowStep::Review];
            if case.stage == Stage::ClarificationRequested {
                l.push(FlowStep::Ask);
            }
            l
        }
    };
    if case.stage.is_final() {
        list.push(FlowStep::Outcome);
    }
    let waiting = case.stage == Stage::ClarificationRequested;
    list.into_iter()
        .map(|s| {
            let state = match s {
                // L2's question is L2's open step while L1 answers it.
                FlowStep::Ask if waiting => StepState::Current,
                // An answer given stays done, whatever comes after it.
                FlowStep::Answer if !waiting => StepState::Done,
                _ => match position(s).cmp(&position(current)) {
                    std::cmp::Ordering::Less => StepState::Done,
                    std::cmp::Ordering::Equal => StepState::Current,
                    std::cmp::Ordering::Greater => StepState::Upcoming,
                },
            };
            (s, state)
        })
        .collect()
}

/// The forward steps a step ends with, for the case as it is now: the primary one first,
/// then the alternatives (an escalation beyond L2, asking L1). Empty for steps whose forward
/// action is not a workflow step (moving on from the report, sending).
pub fn forward(step: FlowStep, case: &Case, reply: &str) -> Vec<Command> {
    let r = &case.report;
    match step {
        FlowStep::Alert => vec![Command::StartReview],
        FlowStep::Verdict => match r.verdict {
            Some(Verdict::FalsePositive) => vec![Command::CloseAsFalsePositive],
            _ => vec![Command::BeginReport],
        },
        FlowStep::Report => vec![],
        FlowStep::Decision => match r.decision.choice {
            Some(EscalationChoice::Close) => vec![Command::CloseWithoutEscalation],
            _ => vec![Command::SetInProgress],
        },
        FlowStep::Assign => vec![Command::AssignToL2],
        FlowStep::Notify => vec![Command::NotifyL2],
        FlowStep::Briefing => vec![Command::StartL2Review],
        FlowStep::Review => {
            let mut v = match case.l2.classification {
                Some(Classification::Minor) | None => vec![Command::Resolve],
                Some(Classification::Major) => vec![Command::StartIncidentResponse],
            };
            v.extend(
                EscalationTier::VARIANTS
                    .iter()
                    .map(|t| Command::EscalateFurther(*t)),
            );
            v
        }
        FlowStep::Ask => vec![Command::RequestClarification {
            question: reply.to_owned(),
        }],
        FlowStep::Answer => vec![Command::AnswerClarification {
            answer: reply.to_owned(),
        }],
        FlowStep::Outcome => vec![],
    }
}

/// What `cmd` needs in `case` once the values the form shows as filled in are taken.
///
/// A value the form fills in answers only its own field's finding: the guards test those
/// fields for a blank and nothing else. So the case is not copied to fill them in. That copy
/// ran on every render, once per keystroke on a large case (a test holds this to the copy).
fn needs_after_prefills(cmd: &Command, case: &Case, own_name: &str) -> Vec<Finding> {
    let edits = prefills(cmd, case, own_name);
    let mut found = needs(cmd, case);
    found.retain(|f| !edits.iter().any(|e| fills(e, f.field, case)));
    found
}

/// Whether the edit `e` of a form's value fills `field` in `case` with something.
fn fills(e: &Edit, field: Field, case: &Case) -> bool {
    let (filled, value) = match e {
        Edit::TicketId(v) => (Field::TicketId, v),
        Edit::L2Analyst(v) => (Field::L2Analyst, v),
        _ => return false,
    };
    filled == field && !is_blank(value) && case.can_edit(e.part())
}

/// What the step's primary forward action still needs, now: the guard of its workflow step
/// (for the report, the Five Ws and evidence the report check requires).
pub fn blocking(step: FlowStep, case: &Case, reply: &str, own_name: &str) -> Vec<Finding> {
    match forward(step, case, reply).first() {
        Some(cmd) => needs_after_prefills(cmd, case, own_name),
        None if step == FlowStep::Report => {
            let fields = step.fields();
            documentation_gaps(&case.report)
                .into_iter()
                .filter(|f| fields.contains(&f.field))
                .collect()
        }
        None => Vec::new(),
    }
}

/// What the rest of the handoff still needs from the fields this step shows, beyond what
/// its own forward action needs: said before the analyst gets there, never as an error.
pub fn needed_later(step: FlowStep, case: &Case, reply: &str, own_name: &str) -> Vec<Finding> {
    let fields = step.fields();
    let now = blocking(step, case, reply, own_name);
    let mut later = documentation_gaps(&case.report);
    decision_gaps(&case.report, Some(EscalationChoice::Escalate), &mut later);
    later.extend(needs_after_prefills(&Command::NotifyL2, case, own_name));
    let mut out: Vec<Finding> = Vec::new();
    for f in later {
        let here = fields.contains(&f.field);
        let already = now.iter().chain(out.iter()).any(|n| n.field == f.field);
        // Only the handoff's path needs these; a case being closed needs none of them.
        if here && !already && escalating(case) {
            out.push(f);
        }
    }
    out
}

fn escalating(case: &Case) -> bool {
    case.report.verdict != Some(Verdict::FalsePositive)
        && case.report.decision.choice != Some(EscalationChoice::Close)
}

/// The step shown open, of the steps `list` (as [`steps_for`] gives them): the one being
/// changed, if it is done and may still be changed, else the current one.
pub fn open_step(
    list: &[(FlowStep, StepState)],
    changing: Option<FlowStep>,
    case: &Case,
) -> Option<FlowStep> {
    let current = list
        .iter()
        .find(|(_, s)| *s == StepState::Current)
        .map(|(s, _)| *s);
    changing
        .filter(|s| {
            list.iter().any(|(x, st)| x == s && *st == StepState::Done) && can_change(*s, case)
        })
        .or(current)
}

/// Whether what `step` shows can be changed at the case's stage.
pub fn can_change(step: FlowStep, case: &Case) -> bool {
    let part = match step {
        FlowStep::Alert | FlowStep::Verdict | FlowStep::Report | FlowStep::Decision => Part::Report,
        FlowStep::Assign | FlowStep::Notify => Part::Notification,
        FlowStep::Briefing | FlowStep::Review => Part::L2,
        FlowStep::Ask | FlowStep::Answer | FlowStep::Outcome => return false,
    };
    editable(case.stage, part)
}

/// Whether it is the other role's turn: the case waits for them.
pub fn waiting_for_other(case: &Case, role: Role) -> bool {
    !case.stage.is_final() && next_actor(case.stage) != role
}

/// The ticket to give L2: the one written, or else the alert's ID, which is what most SOCs
/// use as the ticket.
pub fn ticket_shown(case: &Case) -> String {
    if is_blank(&case.notification.ticket_id) {
        case.report.header.alert_id.trim().to_owned()
    } else {
        case.notification.ticket_id.clone()
    }
}

/// The L2 analyst taking the case: the name written, or else this browser's own analyst,
/// or else whoever L1 assigned it to.
pub fn l2_analyst_shown(case: &Case, own_name: &str) -> String {
    if !is_blank(&case.l2.analyst) {
        case.l2.analyst.clone()
    } else if !is_blank(own_name) {
        own_name.trim().to_owned()
    } else {
        case.notification.l2_assignee.trim().to_owned()
    }
}

/// The values a form shows as filled in for the analyst, which become the case's when the
/// step they belong to goes ahead.
pub fn prefills(command: &Command, case: &Case, own_name: &str) -> Vec<Edit> {
    let mut out = Vec::new();
    match command {
        Command::NotifyL2 if is_blank(&case.notification.ticket_id) => {
            let ticket = ticket_shown(case);
            if !ticket.is_empty() {
                out.push(Edit::TicketId(ticket));
            }
        }
        Command::StartL2Review if is_blank(&case.l2.analyst) => {
            let name = l2_analyst_shown(case, own_name);
            if !name.is_empty() {
                out.push(Edit::L2Analyst(name));
            }
        }
        _ => {}
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};
    use handoff_core::fixtures::large_case;
    use handoff_core::Edit;

    fn t() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 5, 2, 4, 0, 0).unwrap()
    }

    fn states(case: &Case, role: Role, written: bool) -> Vec<(FlowStep, StepState)> {
        steps_for(case, role, written)
    }

    fn current(list: &[(FlowStep, StepState)]) -> Vec<FlowStep> {
        list.iter()
            .filter(|(_, s)| *s == StepState::Current)
            .map(|(s, _)| *s)
            .collect()
    }

    #[test]
    fn every_field_a_guard_can_name_is_shown_by_exactly_one_step() {
        let mut fields = vec![
            Field::AlertTitle,
            Field::AlertId,
            Field::Severity,
            Field::DetectedAt,
            Field::Analyst,
            Field::Verdict,
            Field::VerdictJustification,
            Field::EscalationDecision,
            Field::OverrideReason,
            Field::TicketId,
            Field::Summary,
            Field::ImmediateConcerns,
            Field::L2Assignee,
            Field::L2Analyst,
            Field::Classification,
            Field::OutcomeNote,
            Field::Question,
            Field::Answer,
        ];
        fields.extend(FiveW::VARIANTS.iter().map(|w| w.field()));
        fields.extend(Condition::VARIANTS.iter().map(|c| Field::Condition(*c)));
        fields.extend(L2Task::VARIANTS.iter().map(|t| Field::L2Task(*t)));
        for f in fields {
            let showing: Vec<FlowStep> = ALL_STEPS
                .iter()
                .copied()
                .filter(|s| s.fields().contains(&f))
                .collect();
            assert_eq!(showing.len(), 1, "{f:?} is shown by {showing:?}");
        }
    }

    /// The order of the steps is the order the guards need: no step's forward action needs a
    /// field that only a later step shows.
    #[test]
    fn no_step_needs_a_field_a_later_step_shows() {
        let empty = Case::open("c", "", t());
        for (i, step) in L1_STEPS.iter().enumerate() {
            for cmd in forward(*step, &empty, "") {
                for f in needs(&cmd, &empty) {
                    let at = FlowStep::showing(f.field).unwrap();
                    let at = L1_STEPS.iter().position(|s| *s == at).unwrap_or(usize::MAX);
                    assert!(at <= i, "{step:?} needs {:?}, shown later", f.field);
                }
            }
        }
    }

    #[test]
    fn each_stage_has_its_step_for_the_role_whose_turn_it_is() {
        let mut c = Case::open("c", "Dana", t());
        let list = states(&c, Role::L1, false);
        assert_eq!(list.len(), 6);
        assert_eq!(current(&list), vec![FlowStep::Alert]);
        // L2 sees nothing to do on a case still with L1.
        assert!(current(&states(&c, Role::L2, false)).is_empty());

        c.edit(Edit::Title("x".into()), t()).unwrap();
        c.edit(Edit::AlertId("A-1".into()), t()).unwrap();
        c.apply(Command::StartReview, t()).unwrap();
        assert_eq!(
            current(&states(&c, Role::L1, false)),
            vec![FlowStep::Verdict]
        );
        let big = large_case();
        assert_eq!(big.stage, Stage::Reporting);
        assert_eq!(
            current(&states(&big, Role::L1, false)),
            vec![FlowStep::Report]
        );
        assert_eq!(
            current(&states(&big, Role::L1, true)),
            vec![FlowStep::Decision]
        );
        let done: Vec<FlowStep> = states(&big, Role::L1, true)
            .into_iter()
            .filter(|(_, s)| *s == StepState::Done)
            .map(|(s, _)| s)
            .collect();
        assert_eq!(
            done,
            vec![FlowStep::Alert, FlowStep::Verdict, FlowStep::Report]
        );
    }

    #[test]
    fn a_false_positive_ends_after_the_verdict() {
        let mut c = Case::open("c", "Dana", t());
        c.edit(Edit::Title("x".into()), t()).unwrap();
        c.edit(Edit::AlertId("A-1".into()), t()).unwrap();
        c.apply(Command::StartReview, t()).unwrap();
        c.edit(Edit::Verdict(Some(Verdict::FalsePositive)), t())
            .unwrap();
        assert_eq!(
            forward(FlowStep::Verdict, &c, ""),
            vec![Command::CloseAsFalsePositive]
        );
        assert!(!blocking(FlowStep::Verdict, &c, "", "").is_empty());
        assert!(
            needed_later(FlowStep::Verdict, &c, "", "").is_empty(),
            "nothing is asked for a handoff that will not happen"
        );
        c.edit(Edit::VerdictJustification("benign".into()), t())
            .unwrap();
        assert!(blocking(FlowStep::Verdict, &c, "", "").is_empty());
        c.apply(Command::CloseAsFalsePositive, t()).unwrap();
        let list = states(&c, Role::L1, false);
        let steps: Vec<FlowStep> = list.iter().map(|(s, _)| *s).collect();
        assert_eq!(
            steps,
            vec![FlowStep::Alert, FlowStep::Verdict, FlowStep::Outcome]
        );
        assert_eq!(current(&list), vec![FlowStep::Outcome]);
    }

    #[test]
    fn the_report_moves_on_only_when_its_five_ws_are_written() {
        let mut c = large_case();
        assert!(blocking(FlowStep::Report, &c, "", "").is_empty());
        c.edit(Edit::FiveW(FiveW::Why, " ".into()), t()).unwrap();
        let b = blocking(FlowStep::Report, &c, "", "");
        assert_eq!(
            b.iter().map(|f| f.field).collect::<Vec<_>>(),
            vec![Field::Why]
        );
    }

    #[test]
    fn shown_values_are_filled_in_only_where_empty_and_only_for_their_step() {
        let mut c = large_case();
        c.apply(Command::SetInProgress, t()).unwrap();
        assert_eq!(ticket_shown(&c), "INC-9000");
        assert_eq!(
            prefills(&Command::NotifyL2, &c, ""),
            vec![Edit::TicketId("INC-9000".into())]
        );
        assert!(prefills(&Command::AssignToL2, &c, "").is_empty());
        c.edit(Edit::TicketId("T-1".into()), t()).unwrap();
        assert!(prefills(&Command::NotifyL2, &c, "").is_empty());
        assert_eq!(ticket_shown(&c), "T-1");
        // The L2 analyst: one's own name first, else the one L1 assigned.
        c.edit(Edit::L2Assignee("Sam Lee".into()), t()).unwrap();
        assert_eq!(l2_analyst_shown(&c, ""), "Sam Lee");
        assert_eq!(l2_analyst_shown(&c, " Kim Osei "), "Kim Osei");
        assert_eq!(
            prefills(&Command::StartL2Review, &c, "Kim Osei"),
            vec![Edit::L2Analyst("Kim Osei".into())]
        );
        // The notify step does not ask for a ticket it will fill in itself.
        c.edit(Edit::TicketId(String::new()), t()).unwrap();
        c.edit(Edit::Summary("s".into()), t()).unwrap();
        c.edit(Edit::ImmediateConcerns("none".into()), t()).unwrap();
        c.apply(Command::AssignToL2, t()).unwrap();
        assert!(blocking(FlowStep::Notify, &c, "", "").is_empty());
    }

    /// The form's values are taken without copying the case: what is still needed is what
    /// the guards find in a copy with the values filled in, for every command, in every
    /// stage the walk reaches, with and without one's own name, blank values included.
    #[test]
    fn needs_after_the_forms_values_are_those_of_a_copy_with_them_filled_in() {
        fn by_copy(cmd: &Command, case: &Case, own_name: &str) -> Vec<Finding> {
            let mut filled = case.clone();
            for e in prefills(cmd, case, own_name) {
                let _ = filled.edit(e, case.updated_at);
            }
            needs(cmd, &filled)
        }
        let commands = [
            Command::NotifyL2,
            Command::StartL2Review,
            Command::AssignToL2,
            Command::SetInProgress,
        ];
        let mut c = large_case();
        let mut checked = 0;
        let mut check = |c: &Case| {
            for own in ["", "  ", "Kim Osei"] {
                for cmd in &commands {
                    assert_eq!(
                        needs_after_prefills(cmd, c, own),
                        by_copy(cmd, c, own),
                        "{cmd:?} at {:?}, own name {own:?}",
                        c.stage
                    );
                    checked += 1;
                }
            }
        };
        check(&c);
        c.edit(Edit::AlertId("   ".into()), t()).unwrap();
        check(&c);
        c.edit(Edit::AlertId("INC-9000".into()), t()).unwrap();
        c.apply(Command::SetInProgress, t()).unwrap();
        check(&c);
        c.edit(Edit::Summary("s".into()), t()).unwrap();
        c.edit(Edit::ImmediateConcerns("none".into()), t()).unwrap();
        c.edit(Edit::L2Assignee("  ".into()), t()).unwrap();
        check(&c);
        c.edit(Edit::L2Assignee("Sam Lee".into()), t()).unwrap();
        c.apply(Command::AssignToL2, t()).unwrap();
        check(&c);
        // The form sends the ticket it showed with the notification.
        c.edit(Edit::TicketId("INC-9000".into()), t()).unwrap();
        c.apply(Command::NotifyL2, t()).unwrap();
        check(&c);
        c.edit(Edit::L2Analyst("Kim Osei".into()), t()).unwrap();
        c.apply(Command::StartL2Review, t()).unwrap();
        check(&c);
        assert_eq!(checked, 7 * 3 * commands.len());
    }

    #[test]
    fn the_clarification_loop_has_a_step_on_each_side() {
        let mut c = large_case();
        c.edit(Edit::Summary("s".into()), t()).unwrap();
        c.edit(Edit::ImmediateConcerns("none".into()), t()).unwrap();
        c.edit(Edit::L2Assignee("Sam".into()), t()).unwrap();
        c.edit(Edit::TicketId("T".into()), t()).unwrap();
        for cmd in [
            Command::SetInProgress,
            Command::AssignToL2,
            Command::NotifyL2,
        ] {
            c.apply(cmd, t()).unwrap();
        }
        assert!(current(&states(&c, Role::L1, false)).is_empty(), "L1 waits");
        assert_eq!(
            current(&states(&c, Role::L2, false)),
            vec![FlowStep::Briefing]
        );
        c.edit(Edit::L2Analyst("Sam".into()), t()).unwrap();
        c.apply(Command::StartL2Review, t()).unwrap();
        assert_eq!(
            current(&states(&c, Role::L2, false)),
            vec![FlowStep::Review]
        );
        c.apply(
            Command::RequestClarification {
                question: "q".into(),
            },
            t(),
        )
        .unwrap();
        assert_eq!(
            current(&states(&c, Role::L1, false)),
            vec![FlowStep::Answer]
        );
        assert_eq!(current(&states(&c, Role::L2, false)), vec![FlowStep::Ask]);
        assert!(waiting_for_other(&c, Role::L2));
        assert!(
            can_change(FlowStep::Report, &c),
            "L1 may change the report while L2 waits"
        );
        assert_eq!(
            blocking(FlowStep::Answer, &c, "", "")[0].field,
            Field::Answer
        );
        c.apply(Command::AnswerClarification { answer: "a".into() }, t())
            .unwrap();
        let l1 = states(&c, Role::L1, false);
        assert!(l1.contains(&(FlowStep::Answer, StepState::Done)));
        assert!(current(&l1).is_empty());
        assert_eq!(
            current(&states(&c, Role::L2, false)),
            vec![FlowStep::Review]
        );
        assert!(!can_change(FlowStep::Report, &c));
    }
}
