//! When to escalate: the four escalation conditions, the recommendation drawn from them and the
//! verdict, and the analyst's decision (which may override the recommendation, with a reason).

use crate::case::Verdict;
use crate::text::is_blank;
use crate::{json_enum, json_object};

/// The four conditions under which an L1 analyst hands an alert to L2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum Condition {
    MajorAttackIndicators,
    RemediationRequired,
    CrossTeamCommunication,
    UncertainVerdict,
}

impl Condition {
    pub const ALL: [Condition; 4] = [
        Condition::MajorAttackIndicators,
        Condition::RemediationRequired,
        Condition::CrossTeamCommunication,
        Condition::UncertainVerdict,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Condition::MajorAttackIndicators => "Major attack indicators",
            Condition::RemediationRequired => "Remediation required",
            Condition::CrossTeamCommunication => "Cross-team communication needed",
            Condition::UncertainVerdict => "Uncertain verdict",
        }
    }

    /// What the condition means, in Handoff's own words.
    pub fn guidance(self) -> &'static str {
        match self {
            Condition::MajorAttackIndicators => {
                "Signs of a large or skilled intrusion: ransomware, an attacker working inside \
                 the network, data being moved out."
            }
            Condition::RemediationRequired => {
                "Somebody has to act by hand: isolate a host, remove malware, reset a password, \
                 disable an account."
            }
            Condition::CrossTeamCommunication => {
                "People outside the SOC must be involved: other departments, customers, \
                 management, or outside bodies such as law enforcement."
            }
            Condition::UncertainVerdict => {
                "You cannot fully explain the alert, or you want a more experienced analyst to \
                 look at it."
            }
        }
    }

    pub fn id(self) -> &'static str {
        match self {
            Condition::MajorAttackIndicators => "condition-major-attack",
            Condition::RemediationRequired => "condition-remediation",
            Condition::CrossTeamCommunication => "condition-cross-team",
            Condition::UncertainVerdict => "condition-uncertain",
        }
    }
}

/// One condition as the analyst assessed it. `applies` is `None` until the analyst answers,
/// so "not assessed" can never be mistaken for "no".
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct ConditionAssessment {
    pub applies: Option<bool>,
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct EscalationConditions {
    pub major_attack_indicators: ConditionAssessment,
    pub remediation_required: ConditionAssessment,
    pub cross_team_communication: ConditionAssessment,
    pub uncertain_verdict: ConditionAssessment,
}

impl EscalationConditions {
    pub fn get(&self, c: Condition) -> &ConditionAssessment {
        match c {
            Condition::MajorAttackIndicators => &self.major_attack_indicators,
            Condition::RemediationRequired => &self.remediation_required,
            Condition::CrossTeamCommunication => &self.cross_team_communication,
            Condition::UncertainVerdict => &self.uncertain_verdict,
        }
    }

    pub fn get_mut(&mut self, c: Condition) -> &mut ConditionAssessment {
        match c {
            Condition::MajorAttackIndicators => &mut self.major_attack_indicators,
            Condition::RemediationRequired => &mut self.remediation_required,
            Condition::CrossTeamCommunication => &mut self.cross_team_communication,
            Condition::UncertainVerdict => &mut self.uncertain_verdict,
        }
    }

    pub fn unassessed(&self) -> impl Iterator<Item = Condition> + '_ {
        Condition::ALL
            .into_iter()
            .filter(|c| self.get(*c).applies.is_none())
    }

    pub fn met(&self) -> impl Iterator<Item = Condition> + '_ {
        Condition::ALL
            .into_iter()
            .filter(|c| self.get(*c).applies == Some(true))
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
#[cfg_attr(feature = "schema", serde(rename_all = "snake_case"))]
pub enum EscalationChoice {
    Escalate,
    Close,
}

impl EscalationChoice {
    pub fn label(self) -> &'static str {
        match self {
            EscalationChoice::Escalate => "Escalate to L2",
            EscalationChoice::Close => "Close at L1",
        }
    }
}

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

/// The analyst's decision. The analyst decides; when the decision differs from the
/// recommendation, the reason is required and goes into the audit trail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct EscalationDecision {
    pub choice: Option<EscalationChoice>,
    pub override_reason: String,
}

impl EscalationDecision {
    /// True when a choice was made and the recommendation pointed the other way.
    pub fn is_override(&self, rec: &Recommendation) -> bool {
        matches!((self.choice, rec.choice()), (Some(a), Some(b)) if a != b)
    }

    /// True when the decision overrides the recommendation without saying why.
    pub fn override_unexplained(&self, rec: &Recommendation) -> bool {
        self.is_override(rec) && is_blank(&self.override_reason)
    }
}

json_enum!(Condition {
    MajorAttackIndicators = "major_attack_indicators",
    RemediationRequired = "remediation_required",
    CrossTeamCommunication = "cross_team_communication",
    UncertainVerdict = "uncertain_verdict",
});
json_object!(ConditionAssessment { applies, note });
json_object!(EscalationConditions {
    major_attack_indicators,
    remediation_required,
    cross_team_communication,
    uncertain_verdict
});
json_enum!(EscalationChoice {
    Escalate = "escalate",
    Close = "close",
});
json_object!(EscalationDecision {
    choice,
    override_reason
});

#[cfg(test)]
mod tests {
    use super::*;

    fn all(applies: bool) -> EscalationConditions {
        let mut c = EscalationConditions::default();
        for k in Condition::ALL {
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
        for k in Condition::ALL {
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
        assert!(d.is_override(&rec));
        assert!(d.override_unexplained(&rec));
        d.override_reason = "Known maintenance window, confirmed with IT".into();
        assert!(!d.override_unexplained(&rec));
        d.choice = Some(EscalationChoice::Escalate);
        assert!(!d.is_override(&rec));
    }
}
