//! L1's report: what the SIEM said, the Five Ws, the verdict, the escalation assessment and
//! the evidence.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::vocabulary::attack::TechniqueId;
use crate::vocabulary::escalation::{Condition, EscalationChoice};
use crate::vocabulary::field::FiveW;
use crate::vocabulary::indicator::Indicator;
use crate::vocabulary::tlp::Tlp;
use crate::vocabulary::verdict::{Severity, Verdict};

/// What the SIEM said, plus who is working it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AlertHeader {
    pub title: String,
    /// The alert or ticket ID in the SOC dashboard.
    pub alert_id: String,
    /// The SIEM or tool that raised it (Splunk ES, Sentinel, TheHive, ...).
    pub source: String,
    pub rule: String,
    pub severity: Option<Severity>,
    #[serde(default, with = "crate::vocabulary::time::rfc3339_opt_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub detected_at: Option<DateTime<Utc>>,
    /// The L1 analyst working the alert.
    pub analyst: String,
}

/// The Five Ws of the report.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FiveWs {
    pub who: String,
    pub what: String,
    pub when: String,
    #[serde(rename = "where")]
    pub where_: String,
    pub why: String,
}

impl FiveWs {
    pub fn get(&self, w: FiveW) -> &str {
        match w {
            FiveW::Who => &self.who,
            FiveW::What => &self.what,
            FiveW::When => &self.when,
            FiveW::Where => &self.where_,
            FiveW::Why => &self.why,
        }
    }

    pub fn get_mut(&mut self, w: FiveW) -> &mut String {
        match w {
            FiveW::Who => &mut self.who,
            FiveW::What => &mut self.what,
            FiveW::When => &mut self.when,
            FiveW::Where => &mut self.where_,
            FiveW::Why => &mut self.why,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TimelineEntry {
    #[serde(default, with = "crate::vocabulary::time::rfc3339_opt_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DateTime<Utc>>"))]
    pub at: Option<DateTime<Utc>>,
    pub description: String,
}

/// One condition as the analyst assessed it. `applies` is `None` until the analyst answers,
/// so "not assessed" can never be mistaken for "no".
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ConditionAssessment {
    pub applies: Option<bool>,
    pub note: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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
        Condition::VARIANTS
            .iter()
            .copied()
            .filter(|c| self.get(*c).applies.is_none())
    }

    pub fn met(&self) -> impl Iterator<Item = Condition> + '_ {
        Condition::VARIANTS
            .iter()
            .copied()
            .filter(|c| self.get(*c).applies == Some(true))
    }
}

/// The analyst's decision. The analyst decides; a decision against the recommendation needs
/// a reason (see [`crate::rules::escalation`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct EscalationDecision {
    pub choice: Option<EscalationChoice>,
    pub override_reason: String,
}

/// L1's report: header, Five Ws, verdict, escalation assessment and evidence.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub header: AlertHeader,
    /// The alert as pasted from the SIEM, kept as evidence.
    pub raw_alert: String,
    pub five_ws: FiveWs,
    pub verdict: Option<Verdict>,
    pub verdict_justification: String,
    pub conditions: EscalationConditions,
    pub decision: EscalationDecision,
    // The long lists are shared until edited (`Rc::make_mut`): the page makes a new case on
    // every keystroke, and a thousand indicators need not be copied for a letter of the Why.
    // (A comment, not a doc comment: those become the schema's descriptions.)
    pub indicators: Rc<Vec<Indicator>>,
    pub attack_techniques: Vec<TechniqueId>,
    pub tlp: Tlp,
    pub timeline: Rc<Vec<TimelineEntry>>,
    pub recommended_actions: Vec<String>,
}
