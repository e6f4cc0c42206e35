//! The open case's pasted alert as the intake read it, and the suggestions still waiting
//! beside fields the analyst had already written in.

use std::rc::Rc;

use handoff_core::intake::{Intake, Suggestion};
use handoff_core::Field;

#[derive(Clone, Debug, PartialEq)]
pub struct IntakeView {
    pub intake: Rc<Intake>,
    /// The fields the last paste filled (empty after a reload: only a paste fills).
    pub filled: Vec<Field>,
    /// Suggestions for fields that held something else when the alert was read. Each one
    /// goes when it is taken or set aside; a reload drops them (the alert is still there to
    /// read again).
    pub offers: Vec<Suggestion>,
}

impl IntakeView {
    pub fn offer(&self, field: Field) -> Option<&Suggestion> {
        self.offers.iter().find(|o| o.field == field)
    }
}

/// The sentence announced after a paste: "Read as a Wazuh alert: filled 6 fields and added
/// 4 indicators; 3 fields have a suggestion to take or dismiss."
pub fn announcement(intake: &Intake, filled: usize, added: usize, offers: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| match n {
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    };
    let indicators = plural(added, "indicator", "indicators");
    let mut s = match intake.format {
        Some(f) => format!(
            "Read as {}: filled {} and added {indicators}.",
            f.label(),
            plural(filled, "field", "fields")
        ),
        None => format!(
            "Kept the alert text (not a format Handoff reads field by field) and added {indicators}."
        ),
    };
    if offers > 0 {
        s.pop();
        s.push_str(&match offers {
            1 => "; 1 field has a suggestion to take or dismiss.".to_owned(),
            n => format!("; {n} fields have a suggestion to take or dismiss."),
        });
    }
    s
}
