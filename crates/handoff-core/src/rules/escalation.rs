//! When to escalate: the recommendation drawn from the verdict and the four escalation
//! conditions, and when the analyst's decision overrides it (which needs a reason).

use crate::data::{EscalationConditions, EscalationDecision};
use crate::vocabulary::escalation::{Condition, EscalationChoice};
use crate::vocabulary::text::is_blank;
use crate::vocabulary::verdict::Verdict;

/// What the assistant recommends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RecommendationKind {
    Escalate,
    Close,
    /// Not enough is known yet: a verdict or some condition is still open.
    Undecided,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recommendation {
    pub kind: RecommendationKind,
    pub reasons: Vec<String>,
}

impl Recommendation {
    /// The choice this recommendation stands for, if it makes one.
    pub fn choice(&self) -> Option<EscalationChoice> {
        match self.kind {
            RecommendationKind::Escalate => Some(EscalationChoice::Escalate),
            RecommendationKind::Close => Some(EscalationChoice::Close),
            RecommendationKind::Undecided => None,
        }
    }
}

/// The escalation rule. Any condition that holds means escalate; so does a "Needs Review"
/// verdict, whatever the conditions say, because handing off a benign alert costs far less
/// than missing a real one.
pub fn recommend(verdict: Option<Verdict>, conditions: &EscalationConditions) -> Recommendation {
    let mut reasons = Vec::new();
    if verdict == Some(Verdict::NeedsReview) {
        reasons.push(
            "The verdict is Needs Review: when in doubt, escalate early rather than risk \
             missing a real incident."
                .to_owned(),
        );
    }
    for c in conditions.met() {
        reasons.push(format!("{} applies.", c.label()));
    }
    if !reasons.is_empty() {
        return Recommendation {
            kind: RecommendationKind::Escalate,
            reasons,
        };
    }
    if verdict.is_none() {
        reasons.push("No verdict yet.".to_owned());
    }
    let open: Vec<&str> = conditions.unassessed().map(Condition::label).collect();
    if !open.is_empty() {
        reasons.push(format!("Not assessed yet: {}.", open.join(", ")));
    }
    if !reasons.is_empty() {
        return Recommendation {
            kind: RecommendationKind::Undecided,
            reasons,
        };
    }
    let why = match verdict {
        Some(Verdict::FalsePositive) => "The verdict is False Positive",
        _ => "The verdict is True Positive",
    };
    Recommendation {
        kind: RecommendationKind::Close,
        reasons: vec![format!(
            "{why} and none of the four escalation conditions applies: L1 can close it, with \
             the report as the record."
        )],
    }
}

impl Recommendation {
    /// True when `decision` made a choice and this recommendation pointed the other way.
    pub fn is_overridden_by(&self, decision: &EscalationDecision) -> bool {
        matches!((decision.choice, self.choice()), (Some(a), Some(b)) if a != b)
    }

    /// True when `decision` overrides this recommendation without saying why.
    pub fn override_unexplained(&self, decision: &EscalationDecision) -> bool {
        self.is_overridden_by(decision) && is_blank(&decision.override_reason)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::VariantArray;

    fn all(applies: bool) -> EscalationConditions {
        let mut c = EscalationConditions::default();
        for k in Condition::VARIANTS.iter().copied() {
            c.get_mut(k).applies = Some(applies);
        }
        c
    }

    #[test]
    fn needs_review_always_recommends_escalation() {
        for conditions in [all(false), all(true), EscalationConditions::default()] {
            let r = recommend(Some(Verdict::NeedsReview), &conditions);
            assert_eq!(r.kind, RecommendationKind::Escalate, "{conditions:?}");
            assert!(r.reasons[0].contains("Needs Review"));
        }
    }

    #[test]
    fn each_condition_alone_recommends_escalation_and_is_named() {
        for k in Condition::VARIANTS.iter().copied() {
            let mut c = all(false);
            c.get_mut(k).applies = Some(true);
            for v in [Verdict::TruePositive, Verdict::FalsePositive] {
                let r = recommend(Some(v), &c);
                assert_eq!(r.kind, RecommendationKind::Escalate);
                assert_eq!(r.reasons, vec![format!("{} applies.", k.label())]);
            }
        }
    }

    #[test]
    fn true_positive_without_conditions_recommends_close() {
        let r = recommend(Some(Verdict::TruePositive), &all(false));
        assert_eq!(r.kind, RecommendationKind::Close);
    }

    #[test]
    fn open_conditions_leave_it_undecided_and_are_listed() {
        let mut c = all(false);
        c.get_mut(Condition::RemediationRequired).applies = None;
        let r = recommend(Some(Verdict::TruePositive), &c);
        assert_eq!(r.kind, RecommendationKind::Undecided);
        assert!(r.reasons[0].contains("Remediation required"));
        let r = recommend(None, &all(false));
        assert_eq!(r.kind, RecommendationKind::Undecided);
    }

    #[test]
    fn override_needs_a_reason() {
        let rec = recommend(Some(Verdict::NeedsReview), &all(false));
        let mut d = EscalationDecision {
            choice: Some(EscalationChoice::Close),
            override_reason: " ".into(),
        };
        assert!(rec.is_overridden_by(&d));
        assert!(rec.override_unexplained(&d));
        d.override_reason = "Known maintenance window, confirmed with IT".into();
        assert!(!rec.override_unexplained(&d));
        d.choice = Some(EscalationChoice::Escalate);
        assert!(!rec.is_overridden_by(&d));
    }
}
