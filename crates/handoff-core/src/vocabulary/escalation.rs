//! The words of the escalation decision: the four conditions and the two choices. When to
//! escalate is a rule: see [`crate::rules::escalation`].

use serde::Serialize;
use strum::VariantArray;

/// The four conditions under which an L1 analyst hands an alert to L2.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    MajorAttackIndicators,
    RemediationRequired,
    CrossTeamCommunication,
    UncertainVerdict,
}

impl Condition {
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

    /// A stable identifier for the condition's control in a page.
    pub fn id(self) -> &'static str {
        match self {
            Condition::MajorAttackIndicators => "condition-major-attack",
            Condition::RemediationRequired => "condition-remediation",
            Condition::CrossTeamCommunication => "condition-cross-team",
            Condition::UncertainVerdict => "condition-uncertain",
        }
    }
}

/// What L1 decides to do with a true positive or an unclear alert.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
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

crate::vocabulary::names::impl_deserialize_by_name!(Condition, EscalationChoice);
