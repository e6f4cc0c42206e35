//! Training scenarios as trainers write them (one JSON file each), and the checks that make a
//! file a usable scenario. The format is described for trainers in `docs/training.md` and as a
//! JSON Schema in `static/scenario.schema.json` (generated from these types).

use serde::{Deserialize, Serialize};
use strum::VariantArray;

use crate::case::Case;
use crate::vocabulary::command::Role;
use crate::vocabulary::escalation::Condition;
use crate::vocabulary::field::FiveW;
use crate::vocabulary::l2::{Classification, L2Task};
use crate::vocabulary::stage::{ClosureReason, EscalationTier, Stage};
use crate::vocabulary::verdict::Verdict;

pub const SCENARIO_FORMAT: &str = "handoff-scenario";

/// One training scenario, as a trainer writes it (one JSON file each).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Handoff training scenario"))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Always "handoff-scenario".
    #[cfg_attr(feature = "schema", schemars(extend("const" = "handoff-scenario")))]
    pub format: String,
    /// Lowercase letters, digits and hyphens; the file is named after it (`<id>.json`).
    #[cfg_attr(
        feature = "schema",
        schemars(regex(pattern = r"^[a-z0-9]+(-[a-z0-9]+)*$"))
    )]
    pub id: String,
    pub title: String,
    pub difficulty: Difficulty,
    /// The tier the trainee works as: L1 triages the alert; L2 opens L1's handoff.
    pub role: Role,
    /// The situation, told to the trainee when the scenario starts: a few sentences.
    pub briefing: String,
    /// L1 only: the alert as the SIEM shows it, pasted into the trainee's case.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub raw_alert: String,
    /// L1 only: the alert's ID in the SOC's tool, which is also the ticket L2 opens
    /// (default `TRAIN-<id>`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub alert_id: String,
    /// L1 scenarios that go to L2: the L2 analyst on shift, whom the trainee assigns.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub l2_on_shift: String,
    /// L2 only: the handoff package L1 sent, a case at "L2 notified", as Handoff exports it.
    /// Kept as its JSON text and read by the package importer, exactly as a package file.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "raw_json")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::package::PackageFile>")
    )]
    pub handoff: Option<String>,
    /// L2 only: what L1 answers when the trainee asks L1 a question.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub l1_answer: String,
    /// The checks the trainee may run, in the order offered.
    pub checks: Vec<Check>,
    pub expected: Expected,
    /// The trainer's explanation, shown after scoring.
    pub debrief: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Difficulty {
    Beginner,
    Intermediate,
    Advanced,
}

impl Difficulty {
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Beginner => "Beginner",
            Difficulty::Intermediate => "Intermediate",
            Difficulty::Advanced => "Advanced",
        }
    }
}

/// Something an analyst could do to learn more: query a log, open a tool, ask someone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Check {
    /// Unique in the scenario; sessions and the debrief refer to the check by it.
    pub id: String,
    /// What the analyst does, as the button says it ("Query the proxy logs for the URL").
    pub action: String,
    /// Simulated shift time the check takes.
    #[cfg_attr(feature = "schema", schemars(range(min = 1, max = 240)))]
    pub minutes: u32,
    /// What the check shows, as the tool or the person asked would tell it.
    pub result: String,
    /// Whether the result matters for the right call, or is a dead end.
    pub kind: CheckKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CheckKind {
    /// Reveals a fact the right call rests on.
    Fact,
    /// Shows nothing that changes the picture: time spent for nothing.
    DeadEnd,
}

/// Where the trainee should take the case: one box at the end of the guide's flowchart, or,
/// for L1 escalations, the moment L2 is notified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    ClosedFalsePositive,
    ClosedAtL1,
    L2Notified,
    Resolved,
    IncidentResponse,
    EscalatedToL3,
    EscalatedToIrTeam,
}

impl Outcome {
    pub fn stage(self) -> Stage {
        match self {
            Outcome::ClosedFalsePositive => Stage::Closed(ClosureReason::FalsePositive),
            Outcome::ClosedAtL1 => Stage::Closed(ClosureReason::NoEscalationNeeded),
            Outcome::L2Notified => Stage::L2Notified,
            Outcome::Resolved => Stage::Resolved,
            Outcome::IncidentResponse => Stage::IncidentResponse,
            Outcome::EscalatedToL3 => Stage::EscalatedFurther(EscalationTier::L3),
            Outcome::EscalatedToIrTeam => {
                Stage::EscalatedFurther(EscalationTier::IncidentResponseTeam)
            }
        }
    }

    /// Who takes a case to this outcome.
    pub fn role(self) -> Role {
        match self {
            Outcome::ClosedFalsePositive | Outcome::ClosedAtL1 | Outcome::L2Notified => Role::L1,
            _ => Role::L2,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::L2Notified => "Escalated to L2",
            other => other.stage().label(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Expected {
    /// Where the case should end up.
    pub outcome: Outcome,
    /// L1: the verdict.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    /// L1: the four escalation conditions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conditions: Option<ExpectedConditions>,
    /// L1: facts the report must carry, each in its W (for a false positive, anywhere in the
    /// report or the verdict's justification).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub key_facts: Vec<KeyFact>,
    /// L1 escalations: facts the summary for L2 must name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub summary: Vec<Term>,
    /// L1 escalations: what the immediate concerns must name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub concerns: Vec<Term>,
    /// L2: minor or major.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub classification: Option<Classification>,
    /// L2: the tasks that must be ticked (always including validating L1's findings and
    /// documenting the actions, which every outcome needs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<L2Task>,
    /// L2: facts L2's record (task notes, actions taken, outcome note) must name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Term>,
    /// L2: the gap in the handoff that L2 should ask L1 about (absent: the handoff holds
    /// everything, and no question is needed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub question: Option<Term>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ExpectedConditions {
    pub major_attack_indicators: bool,
    pub remediation_required: bool,
    pub cross_team_communication: bool,
    pub uncertain_verdict: bool,
}

impl ExpectedConditions {
    pub fn get(&self, c: Condition) -> bool {
        match c {
            Condition::MajorAttackIndicators => self.major_attack_indicators,
            Condition::RemediationRequired => self.remediation_required,
            Condition::CrossTeamCommunication => self.cross_team_communication,
            Condition::UncertainVerdict => self.uncertain_verdict,
        }
    }

    pub fn any(&self) -> bool {
        Condition::VARIANTS.iter().any(|c| self.get(*c))
    }
}

/// A fact the report should carry: any one of the terms, in the given W.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct KeyFact {
    pub w: FiveW,
    /// The fact in words, as the debrief names it when it is missing.
    pub fact: String,
    /// Any one of these (case does not matter) counts as naming it.
    pub any_of: Vec<String>,
}

/// A fact a text should name: any one of the terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub fact: String,
    pub any_of: Vec<String>,
}

/// The embedded handoff as its JSON text, written back unchanged.
mod raw_json {
    use serde::{Deserialize, Deserializer, Serialize, Serializer};
    use serde_json::value::RawValue;

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Ok(Option::<Box<RawValue>>::deserialize(d)?.map(|r| r.get().to_owned()))
    }

    pub fn serialize<S: Serializer>(v: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        let raw = v
            .as_ref()
            .map(|t| RawValue::from_string(t.clone()))
            .transpose()
            .map_err(serde::ser::Error::custom)?;
        raw.serialize(s)
    }
}

/// Whether `text` names a fact given by `terms` (any one of them, case ignored).
pub fn names(text_lower: &str, terms: &[String]) -> bool {
    terms
        .iter()
        .any(|t| !t.trim().is_empty() && text_lower.contains(&t.trim().to_lowercase()))
}

impl Scenario {
    pub fn check(&self, id: &str) -> Option<&Check> {
        find_check(&self.checks, id)
    }

    /// Simulated minutes the checks run so far took.
    pub fn minutes(&self, run: &[String]) -> u32 {
        minutes(&self.checks, run)
    }

    /// The alert's (and ticket's) ID in an L1 scenario.
    pub fn alert_id(&self) -> String {
        if self.alert_id.trim().is_empty() {
            format!("TRAIN-{}", self.id)
        } else {
            self.alert_id.trim().to_owned()
        }
    }

    /// L1's handoff for an L2 scenario, as a case.
    pub fn handoff_case(&self) -> Result<Case, String> {
        let text = self
            .handoff
            .as_ref()
            .ok_or("an L2 scenario needs L1's handoff package")?;
        crate::package::import(text.as_bytes()).map_err(|e| {
            let e = e.to_string();
            format!("its handoff cannot be read: {}", e.trim_end_matches('.'))
        })
    }

    /// Whether the trainee has taken `stage`'s case as far as their role goes: closed, handed
    /// to L2 (for L1), or to an outcome (for L2). From here, scoring is the next thing to do.
    pub fn finished_at(&self, stage: Stage) -> bool {
        finished_at(self.role, stage)
    }

    /// The other tier's reply when the trainee asks: L1's scripted answer.
    pub fn reply(&self) -> &str {
        if self.l1_answer.trim().is_empty() {
            "Everything I found is in the handoff; I have nothing to add."
        } else {
            &self.l1_answer
        }
    }
}

pub(super) fn find_check<'a>(checks: &'a [Check], id: &str) -> Option<&'a Check> {
    checks.iter().find(|c| c.id == id)
}

pub(super) fn minutes(checks: &[Check], run: &[String]) -> u32 {
    run.iter()
        .filter_map(|id| find_check(checks, id))
        .map(|c| c.minutes)
        .sum()
}

pub(super) fn finished_at(role: Role, stage: Stage) -> bool {
    stage.is_final()
        || (role == Role::L1
            && matches!(
                stage,
                Stage::L2Notified | Stage::L2Review | Stage::ClarificationRequested
            ))
}

/// What is read of a file before the rest: its format, and whether it is in the first
/// scenario format (facts revealed in a fixed order). Every other member is skipped here.
#[derive(Deserialize)]
struct Envelope {
    format: Option<serde_json::Value>,
    facts: Option<serde::de::IgnoredAny>,
}

/// Reads a training file: a wrong value is named by its path (`checks[2].minutes: invalid
/// type: …`), a syntax error by its line and column. Unknown fields are refused wherever the
/// types say `deny_unknown_fields` (all of the training files' types), a repeated field
/// everywhere, and anything after the document. Path tracking is generic code for every type
/// it reads, so only the room's worker and the trainers' tool read files; the page never does.
pub(super) fn read_pathed<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let e = e.into_inner();
        let full = e.to_string();
        if e.classify() != serde_json::error::Category::Data {
            return full;
        }
        let at = format!(" at line {} column {}", e.line(), e.column());
        let message = full.strip_suffix(&at).unwrap_or(&full);
        match path.as_str() {
            "." => message.to_owned(),
            path => format!("{path}: {message}"),
        }
    })?;
    de.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// Reads a scenario file and checks that it is a playable, consistent scenario; a wrong value
/// is named by its path.
pub fn parse_scenario(text: &str) -> Result<Scenario, String> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let invalid = |e: String| format!("This is not a valid scenario file: {e}.");
    let envelope: Envelope = read_pathed(text).map_err(invalid)?;
    match envelope.format {
        Some(serde_json::Value::String(f)) if f == SCENARIO_FORMAT => {}
        _ => {
            return Err(format!(
                "This is not a scenario file: its format is not \"{SCENARIO_FORMAT}\"."
            ))
        }
    }
    if envelope.facts.is_some() {
        return Err(
            "This scenario is in the first scenario format (facts revealed in a fixed order): \
             rewrite the facts as checks (see docs/training.md)."
                .to_owned(),
        );
    }
    let s: Scenario = read_pathed(text).map_err(invalid)?;
    match problems(&s).first() {
        None => Ok(s),
        Some(why) => Err(format!("The scenario \"{}\" is inconsistent: {why}.", s.id)),
    }
}

fn blank(s: &str) -> bool {
    s.trim().is_empty()
}

fn terms_ok(terms: &[String]) -> bool {
    terms.iter().any(|t| !blank(t))
}

/// Everything wrong with a scenario, in plain words (empty: it is playable).
pub fn problems(s: &Scenario) -> Vec<String> {
    let mut p: Vec<String> = Vec::new();
    let mut need = |ok: bool, why: &str| {
        if !ok {
            p.push(why.to_owned());
        }
    };
    let e = &s.expected;
    need(
        !s.id.is_empty()
            && s.id.split('-').all(|w| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            }),
        "its id must be lowercase letters and digits joined by hyphens",
    );
    need(
        !blank(&s.title) && !blank(&s.briefing) && !blank(&s.debrief),
        "it needs a title, a briefing and a debrief",
    );
    let facts = s
        .checks
        .iter()
        .filter(|c| c.kind == CheckKind::Fact)
        .count();
    need(
        facts > 0 && facts < s.checks.len(),
        "it needs checks that reveal facts and at least one dead end, so investigating is a choice",
    );
    for (i, c) in s.checks.iter().enumerate() {
        need(
            !blank(&c.id) && !s.checks[..i].iter().any(|o| o.id == c.id),
            "every check needs an id of its own",
        );
        need(
            !blank(&c.action) && !blank(&c.result) && (1..=240).contains(&c.minutes),
            "every check needs an action, a result and 1 to 240 minutes",
        );
    }
    need(
        e.outcome.role() == s.role,
        "its outcome is not one its role reaches",
    );
    let l1 = s.role == Role::L1;
    // Fields of the other role would be silently ignored: refuse them.
    need(
        l1 || (blank(&s.raw_alert)
            && blank(&s.alert_id)
            && blank(&s.l2_on_shift)
            && e.verdict.is_none()
            && e.conditions.is_none()
            && e.key_facts.is_empty()
            && e.summary.is_empty()
            && e.concerns.is_empty()),
        "an L2 scenario takes its alert and report from the handoff, not raw_alert, alert_id, l2_on_shift, verdict, conditions, key_facts, summary or concerns",
    );
    need(
        !l1 || (s.handoff.is_none()
            && blank(&s.l1_answer)
            && e.classification.is_none()
            && e.tasks.is_empty()
            && e.notes.is_empty()
            && e.question.is_none()),
        "an L1 scenario has no handoff, l1_answer, classification, tasks, notes or question",
    );
    if l1 {
        need(!blank(&s.raw_alert), "it needs the raw alert");
        let (Some(verdict), Some(conditions)) = (e.verdict, &e.conditions) else {
            p.push("it needs the expected verdict and conditions".into());
            return p;
        };
        let escalate = conditions.any() || verdict == Verdict::NeedsReview;
        let wanted = match verdict {
            Verdict::FalsePositive => Outcome::ClosedFalsePositive,
            _ if escalate => Outcome::L2Notified,
            _ => Outcome::ClosedAtL1,
        };
        if e.outcome != wanted {
            p.push(format!(
                "by the guide, a {} with these conditions ends as \"{}\", not \"{}\"",
                verdict.label(),
                wanted.label(),
                e.outcome.label()
            ));
        }
        let mut need = |ok: bool, why: &str| {
            if !ok {
                p.push(why.to_owned());
            }
        };
        need(
            verdict != Verdict::NeedsReview || conditions.uncertain_verdict,
            "a Needs Review verdict means the verdict is uncertain",
        );
        need(
            verdict != Verdict::FalsePositive || !conditions.any(),
            "a false positive meets none of the escalation conditions",
        );
        need(
            !e.key_facts.is_empty() && e.key_facts.iter().all(|k| terms_ok(&k.any_of)),
            "it needs key facts, each with at least one term to look for",
        );
        let hands_on = e.outcome == Outcome::L2Notified;
        need(
            !hands_on
                || (!blank(&s.l2_on_shift)
                    && !e.summary.is_empty()
                    && !e.concerns.is_empty()
                    && e.summary.iter().chain(&e.concerns).all(|t| terms_ok(&t.any_of))),
            "a scenario that goes to L2 needs the L2 analyst on shift, and the facts the summary and the immediate concerns must name",
        );
        need(
            hands_on || (blank(&s.l2_on_shift) && e.summary.is_empty() && e.concerns.is_empty()),
            "a scenario closed at L1 has no L2 on shift, summary or concerns",
        );
    } else {
        match s.handoff_case() {
            Err(why) => need(false, &why),
            Ok(c) => {
                need(
                    c.stage == Stage::L2Notified,
                    "its handoff must be a case at \"L2 notified\"",
                );
                need(
                    c.clarifications.is_empty(),
                    "its handoff must not carry earlier questions",
                );
            }
        }
        let Some(class) = e.classification else {
            p.push("it needs the expected classification".into());
            return p;
        };
        let mut need = |ok: bool, why: &str| {
            if !ok {
                p.push(why.to_owned());
            }
        };
        need(
            match e.outcome {
                Outcome::Resolved => class == Classification::Minor,
                Outcome::IncidentResponse => class == Classification::Major,
                _ => true,
            },
            "a minor incident is resolved and a major one goes to incident response",
        );
        need(
            e.tasks.contains(&L2Task::ValidateFindings)
                && e.tasks.contains(&L2Task::DocumentActions),
            "its tasks must include validating L1's findings and documenting the actions",
        );
        need(
            !e.notes.is_empty() && e.notes.iter().all(|t| terms_ok(&t.any_of)),
            "it needs the facts L2's notes must name",
        );
        need(
            e.question.as_ref().is_none_or(|q| terms_ok(&q.any_of))
                && (e.question.is_none() || !blank(&s.l1_answer)),
            "a question to L1 needs terms to look for and L1's answer",
        );
    }
    p
}

/// The scenario library's `index.json`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ScenarioIndex {
    scenarios: Vec<String>,
}

/// The file names that `index.json` (`{"scenarios": ["file.json", ...]}`) lists. Only plain file
/// names are kept, so an index cannot point outside the scenario folder.
pub fn parse_scenario_index(text: &str) -> Result<Vec<String>, String> {
    // Read by the page, which fetches the files it names: plain serde_json, no paths.
    let index: ScenarioIndex =
        serde_json::from_str(text).map_err(|e| format!("The scenario index is damaged: {e}."))?;
    Ok(index
        .scenarios
        .into_iter()
        .filter(|n| !n.contains(['/', '\\']) && !n.starts_with('.') && !n.is_empty())
        .collect())
}

crate::vocabulary::names::impl_deserialize_by_name!(Difficulty, CheckKind, Outcome);
