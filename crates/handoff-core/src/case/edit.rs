//! One change to one field of a case, as data: what the app's forms send, what its reducer
//! applies and what its tests replay. Each edit belongs to one [`Part`], and is refused when
//! the case's stage does not let that part change.

use std::rc::Rc;

use chrono::{DateTime, Utc};

use super::model::{Case, EditRefused};
use crate::data::TimelineEntry;
use crate::rules::flow::Part;
use crate::vocabulary::attack::TechniqueId;
use crate::vocabulary::escalation::{Condition, EscalationChoice};
use crate::vocabulary::field::FiveW;
use crate::vocabulary::indicator::Indicator;
use crate::vocabulary::l2::{Classification, L2Task};
use crate::vocabulary::tlp::Tlp;
use crate::vocabulary::verdict::{Severity, Verdict};

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Edit {
    // The report's header.
    Title(String),
    AlertId(String),
    Source(String),
    Rule(String),
    Severity(Option<Severity>),
    DetectedAt(Option<DateTime<Utc>>),
    Analyst(String),
    RawAlert(String),
    // The report's body.
    FiveW(FiveW, String),
    Verdict(Option<Verdict>),
    VerdictJustification(String),
    ConditionApplies(Condition, Option<bool>),
    ConditionNote(Condition, String),
    Decision(Option<EscalationChoice>),
    OverrideReason(String),
    /// Adds the indicators not already in the case (same kind and value), in order.
    AddIndicators(Vec<Indicator>),
    RemoveIndicator(usize),
    IndicatorNote(usize, String),
    /// Adds the techniques not already in the case, in order.
    AddTechniques(Vec<TechniqueId>),
    RemoveTechnique(usize),
    Tlp(Tlp),
    AddTimelineEntry,
    TimelineAt(usize, Option<DateTime<Utc>>),
    TimelineText(usize, String),
    RemoveTimelineEntry(usize),
    RecommendedActions(Vec<String>),
    // The notification to L2.
    TicketId(String),
    Summary(String),
    ImmediateConcerns(String),
    L2Assignee(String),
    // L2's section.
    L2Analyst(String),
    L2TaskDone(L2Task, bool),
    L2TaskNotes(L2Task, String),
    ActionsTaken(Vec<String>),
    Classification(Option<Classification>),
    OutcomeNote(String),
}

impl Edit {
    /// The part of the case the edit changes.
    pub fn part(&self) -> Part {
        use Edit as E;
        match self {
            E::Title(_)
            | E::AlertId(_)
            | E::Source(_)
            | E::Rule(_)
            | E::Severity(_)
            | E::DetectedAt(_)
            | E::Analyst(_)
            | E::RawAlert(_)
            | E::FiveW(..)
            | E::Verdict(_)
            | E::VerdictJustification(_)
            | E::ConditionApplies(..)
            | E::ConditionNote(..)
            | E::Decision(_)
            | E::OverrideReason(_)
            | E::AddIndicators(_)
            | E::RemoveIndicator(_)
            | E::IndicatorNote(..)
            | E::AddTechniques(_)
            | E::RemoveTechnique(_)
            | E::Tlp(_)
            | E::AddTimelineEntry
            | E::TimelineAt(..)
            | E::TimelineText(..)
            | E::RemoveTimelineEntry(_)
            | E::RecommendedActions(_) => Part::Report,
            E::TicketId(_) | E::Summary(_) | E::ImmediateConcerns(_) | E::L2Assignee(_) => {
                Part::Notification
            }
            E::L2Analyst(_)
            | E::L2TaskDone(..)
            | E::L2TaskNotes(..)
            | E::ActionsTaken(_)
            | E::Classification(_)
            | E::OutcomeNote(_) => Part::L2,
        }
    }
}

impl Case {
    /// Applies one edit, if the case's stage lets its part change; otherwise nothing changes.
    /// Edits that point at a list item that is not there change nothing.
    pub fn edit(&mut self, edit: Edit, now: DateTime<Utc>) -> Result<(), EditRefused> {
        use Edit as E;
        self.check_part(edit.part())?;
        let data = &mut self.0;
        let (r, n, l) = (&mut data.report, &mut data.notification, &mut data.l2);
        match edit {
            E::Title(v) => r.header.title = v,
            E::AlertId(v) => r.header.alert_id = v,
            E::Source(v) => r.header.source = v,
            E::Rule(v) => r.header.rule = v,
            E::Severity(v) => r.header.severity = v,
            E::DetectedAt(v) => r.header.detected_at = v,
            E::Analyst(v) => r.header.analyst = v,
            E::RawAlert(v) => r.raw_alert = v,
            E::FiveW(w, v) => *r.five_ws.get_mut(w) = v,
            E::Verdict(v) => r.verdict = v,
            E::VerdictJustification(v) => r.verdict_justification = v,
            E::ConditionApplies(c, v) => r.conditions.get_mut(c).applies = v,
            E::ConditionNote(c, v) => r.conditions.get_mut(c).note = v,
            E::Decision(v) => r.decision.choice = v,
            E::OverrideReason(v) => r.decision.override_reason = v,
            E::AddIndicators(new) => {
                for i in new {
                    let known = r
                        .indicators
                        .iter()
                        .any(|e| e.kind == i.kind && e.value == i.value);
                    if !known {
                        Rc::make_mut(&mut r.indicators).push(i);
                    }
                }
            }
            E::RemoveIndicator(i) => {
                if i < r.indicators.len() {
                    Rc::make_mut(&mut r.indicators).remove(i);
                }
            }
            E::IndicatorNote(i, v) => {
                if i < r.indicators.len() {
                    Rc::make_mut(&mut r.indicators)[i].note = v;
                }
            }
            E::AddTechniques(new) => {
                for t in new {
                    if !r.attack_techniques.contains(&t) {
                        r.attack_techniques.push(t);
                    }
                }
            }
            E::RemoveTechnique(i) => {
                if i < r.attack_techniques.len() {
                    r.attack_techniques.remove(i);
                }
            }
            E::Tlp(v) => r.tlp = v,
            E::AddTimelineEntry => Rc::make_mut(&mut r.timeline).push(TimelineEntry::default()),
            E::TimelineAt(i, v) => {
                if i < r.timeline.len() {
                    Rc::make_mut(&mut r.timeline)[i].at = v;
                }
            }
            E::TimelineText(i, v) => {
                if i < r.timeline.len() {
                    Rc::make_mut(&mut r.timeline)[i].description = v;
                }
            }
            E::RemoveTimelineEntry(i) => {
                if i < r.timeline.len() {
                    Rc::make_mut(&mut r.timeline).remove(i);
                }
            }
            E::RecommendedActions(v) => r.recommended_actions = v,
            E::TicketId(v) => n.ticket_id = v,
            E::Summary(v) => n.summary = v,
            E::ImmediateConcerns(v) => n.immediate_concerns = v,
            E::L2Assignee(v) => n.l2_assignee = v,
            E::L2Analyst(v) => l.analyst = v,
            E::L2TaskDone(t, done) => l.tasks.get_mut(t).done = done,
            E::L2TaskNotes(t, v) => l.tasks.get_mut(t).notes = v,
            E::ActionsTaken(v) => l.actions_taken = v,
            E::Classification(v) => l.classification = v,
            E::OutcomeNote(v) => l.outcome_note = v,
        }
        self.touch(now);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The page keeps the case it showed and edits a copy: a keystroke in the Why must not
    /// copy the long lists, and an edit to one of them must leave the shown case as it was.
    #[test]
    fn a_copy_shares_the_long_lists_until_one_of_them_is_edited() {
        let shown = crate::fixtures::large_case();
        let now = shown.updated_at;
        let mut typed = shown.clone();
        typed
            .edit(Edit::FiveW(FiveW::Why, "The proxy logs".into()), now)
            .unwrap();
        let (a, b) = (&shown.report, &typed.report);
        assert!(Rc::ptr_eq(&a.indicators, &b.indicators));
        assert!(Rc::ptr_eq(&a.timeline, &b.timeline));

        let mut noted = typed.clone();
        noted
            .edit(Edit::IndicatorNote(3, "blocked".into()), now)
            .unwrap();
        noted
            .edit(Edit::TimelineText(2, "reviewed".into()), now)
            .unwrap();
        let (b, c) = (&typed.report, &noted.report);
        assert!(!Rc::ptr_eq(&b.indicators, &c.indicators));
        assert_eq!(c.indicators[3].note, "blocked");
        assert_ne!(b.indicators[3].note, "blocked");
        assert_eq!(c.timeline[2].description, "reviewed");
        assert_ne!(b.timeline[2].description, "reviewed");
        assert!(Rc::ptr_eq(&shown.report.indicators, &b.indicators));
    }
}
