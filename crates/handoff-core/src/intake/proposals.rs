//! How a paste meets a case: what may fill an empty field at once, what waits beside a field
//! as a suggestion.

use super::alert::{suggestions, Intake, Suggestion};
use crate::case::Edit;
use crate::data::CaseData;
use crate::vocabulary::field::Field;
use crate::vocabulary::text::is_blank;

/// What a paste does to a case: the edits that fill empty header fields (and add indicators
/// and techniques), and the suggestions offered beside the Five Ws and beside fields the
/// analyst has written in.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Proposals {
    pub fill: Vec<Edit>,
    pub offer: Vec<Suggestion>,
}

/// Splits `intake`'s suggestions for `case`. An empty header field is filled: the alert's
/// title, ID or severity are facts to check, not prose to write. The Five Ws are the
/// analyst's report, so what the alert says about them is always offered, never written in.
/// A field holding something else gets an offer; one that already says the same, nothing.
pub fn proposals(case: &CaseData, intake: &Intake) -> Proposals {
    let r = &case.report;
    let h = &r.header;
    let mut p = Proposals::default();
    for s in suggestions(intake) {
        let current: Option<String> = match s.field {
            Field::AlertTitle => Some(h.title.clone()),
            Field::AlertId => Some(h.alert_id.clone()),
            Field::Source => Some(h.source.clone()),
            Field::Rule => Some(h.rule.clone()),
            Field::Who => Some(r.five_ws.who.clone()),
            Field::Where => Some(r.five_ws.where_.clone()),
            Field::When => Some(r.five_ws.when.clone()),
            Field::Severity => h.severity.map(|v| v.label().to_owned()),
            Field::DetectedAt => h.detected_at.map(|t| crate::vocabulary::time::display(&t)),
            _ => None,
        };
        let report_prose = matches!(s.field, Field::Who | Field::Where | Field::When);
        match current {
            Some(c) if !is_blank(&c) => {
                if c.trim() != s.value.trim() {
                    p.offer.push(s);
                }
            }
            _ if report_prose => p.offer.push(s),
            _ => p.fill.push(s.edit),
        }
    }
    if !intake.indicators.is_empty() {
        p.fill.push(Edit::AddIndicators(intake.indicators.clone()));
    }
    if !intake.techniques.is_empty() {
        p.fill.push(Edit::AddTechniques(intake.techniques.clone()));
    }
    p
}
