//! The words of L1's assessment: how severe the alert is, and what it turned out to be.

use serde::Serialize;
use strum::VariantArray;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Low => "Low",
            Severity::Medium => "Medium",
            Severity::High => "High",
            Severity::Critical => "Critical",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    TruePositive,
    FalsePositive,
    NeedsReview,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::TruePositive => "True Positive",
            Verdict::FalsePositive => "False Positive",
            Verdict::NeedsReview => "Needs Review",
        }
    }

    /// What the verdict means, in Handoff's own words.
    pub fn meaning(self) -> &'static str {
        match self {
            Verdict::TruePositive => "Real malicious or unauthorised activity.",
            Verdict::FalsePositive => "Benign activity, and you can say why.",
            Verdict::NeedsReview => {
                "You cannot settle it yet; it goes to L2, because doubt is a reason to escalate."
            }
        }
    }
}

crate::vocabulary::names::impl_deserialize_by_name!(Severity, Verdict);
