//! Example leaks. The forms show an example under each field ([`Field::example`]); an example
//! that shares its particulars with a training scenario (a host, an account, a file, an IP) would
//! hand a trainee that scenario's answer. So every example must belong to no scenario, and this
//! module finds the particulars: an example's *distinctive tokens*.
//!
//! A token is a run of letters, digits and the joiners `- _ . : \ @` (so `svc-web01`,
//! `a.example`, `C:\Tools\x.exe` and `10.1.2.3` are one token each); other characters, `/`
//! included, separate tokens, and joiners at either end are dropped. A token is distinctive
//! when it is:
//!
//! - a token with a digit, at least 4 characters long, other than a clock time (`09:30`) or a
//!   number of up to 4 digits (a year, a count): IDs, IP addresses, dates, hostnames, hashes;
//! - a token with `.`, `_`, `:`, `\` or `@` between letters: file names, domains, accounts,
//!   paths, mail addresses;
//! - a word of 4 or more letters that is not common: not in [`COMMON_WORDS`] (everyday
//!   English and the generic words of SOC work), so names of people, products, tools and
//!   places count.
//!
//! The distinctive parts of a joined token count too (`rclone` in `rclone.exe`). A token is
//! found in a scenario when the scenario's text holds it, case ignored, starting at the
//! beginning of a word. When a leak report names an everyday word, add it to
//! [`COMMON_WORDS`].

use crate::vocabulary::escalation::Condition;
use crate::vocabulary::field::Field;
use crate::vocabulary::l2::L2Task;
use strum::VariantArray;

const JOINERS: &[char] = &['-', '_', '.', ':', '\\', '@'];

fn is_clock(t: &str) -> bool {
    let parts: Vec<&str> = t.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether one token (no separators inside) is distinctive, by the rules above.
fn distinctive(t: &str) -> bool {
    let has_digit = t.bytes().any(|b| b.is_ascii_digit());
    if has_digit {
        let digits_only = t.bytes().all(|b| b.is_ascii_digit());
        return t.len() >= 4 && !is_clock(t) && !(digits_only && t.len() <= 4);
    }
    let b = t.as_bytes();
    let joined = (1..b.len().saturating_sub(1)).any(|i| {
        matches!(b[i], b'.' | b'_' | b':' | b'\\' | b'@')
            && b[i - 1].is_ascii_alphabetic()
            && b[i + 1].is_ascii_alphabetic()
    });
    if joined {
        return true;
    }
    if t.contains('-') {
        return t.split('-').any(distinctive);
    }
    t.chars().count() >= 4
        && t.chars().all(char::is_alphabetic)
        && !COMMON_WORDS.contains(&t.to_lowercase().as_str())
}

/// The distinctive tokens of `text`, lowercased, each once, in order.
pub fn distinctive_tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |t: &str| {
        let t = t.trim_matches(JOINERS);
        if !t.is_empty() && distinctive(t) {
            let t = t.to_lowercase();
            if !out.contains(&t) {
                out.push(t);
            }
        }
    };
    for token in text.split(|c: char| !(c.is_alphanumeric() || JOINERS.contains(&c))) {
        add(token);
        if token.contains(JOINERS) {
            for part in token.split(JOINERS) {
                add(part);
            }
        }
    }
    out
}

/// Where `token` (lowercase) starts a word in `haystack` (lowercase).
fn found(haystack: &str, token: &str) -> bool {
    haystack.match_indices(token).any(|(i, _)| {
        haystack[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Every field that can show an example. A new field fails to compile in the `match` until
/// it is listed here too.
pub fn fields_with_examples() -> Vec<Field> {
    let mut all = vec![
        Field::AlertTitle,
        Field::AlertId,
        Field::Source,
        Field::Rule,
        Field::Severity,
        Field::DetectedAt,
        Field::Analyst,
        Field::RawAlert,
        Field::Who,
        Field::What,
        Field::When,
        Field::Where,
        Field::Why,
        Field::Verdict,
        Field::VerdictJustification,
        Field::EscalationDecision,
        Field::OverrideReason,
        Field::Indicators,
        Field::AttackTechniques,
        Field::Tlp,
        Field::Timeline,
        Field::RecommendedActions,
        Field::TicketId,
        Field::Summary,
        Field::ImmediateConcerns,
        Field::L2Assignee,
        Field::L2Analyst,
        Field::ActionsTaken,
        Field::Classification,
        Field::OutcomeNote,
        Field::Question,
        Field::Answer,
    ];
    all.extend(Condition::VARIANTS.iter().map(|c| Field::Condition(*c)));
    all.extend(L2Task::VARIANTS.iter().map(|t| Field::L2Task(*t)));
    for f in &all {
        match f {
            Field::AlertTitle
            | Field::AlertId
            | Field::Source
            | Field::Rule
            | Field::Severity
            | Field::DetectedAt
            | Field::Analyst
            | Field::RawAlert
            | Field::Who
            | Field::What
            | Field::When
            | Field::Where
            | Field::Why
            | Field::Verdict
            | Field::VerdictJustification
            | Field::Condition(_)
            | Field::EscalationDecision
            | Field::OverrideReason
            | Field::Indicators
            | Field::AttackTechniques
            | Field::Tlp
            | Field::Timeline
            | Field::RecommendedActions
            | Field::TicketId
            | Field::Summary
            | Field::ImmediateConcerns
            | Field::L2Assignee
            | Field::L2Analyst
            | Field::L2Task(_)
            | Field::ActionsTaken
            | Field::Classification
            | Field::OutcomeNote
            | Field::Question
            | Field::Answer => {}
        }
    }
    all
}

/// One example token found in a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Leak {
    pub field: Field,
    pub token: String,
}

/// The distinctive tokens of `examples` (field, example text) that `scenario_text` holds.
pub fn leaks_of(examples: &[(Field, &str)], scenario_text: &str) -> Vec<Leak> {
    let hay = scenario_text.to_lowercase();
    let mut out = Vec::new();
    for (field, example) in examples {
        for token in distinctive_tokens(example) {
            if found(&hay, &token) {
                out.push(Leak {
                    field: *field,
                    token,
                });
            }
        }
    }
    out
}

/// The field examples' distinctive tokens that a scenario file's text holds.
pub fn example_leaks(scenario_text: &str) -> Vec<Leak> {
    let examples: Vec<(Field, &str)> = fields_with_examples()
        .into_iter()
        .filter_map(|f| f.example().map(|e| (f, e)))
        .collect();
    leaks_of(&examples, scenario_text)
}

/// Everyday English and the generic vocabulary of SOC work, lowercase, 4 letters or more:
/// words that identify no scenario.
pub const COMMON_WORDS: &[&str] = &[
    "about",
    "above",
    "access",
    "account",
    "accounts",
    "across",
    "action",
    "actions",
    "active",
    "activity",
    "added",
    "address",
    "addresses",
    "admin",
    "administrator",
    "after",
    "again",
    "agent",
    "alert",
    "alerts",
    "allowed",
    "already",
    "also",
    "always",
    "analyst",
    "another",
    "antivirus",
    "anyone",
    "anything",
    "application",
    "approved",
    "archive",
    "around",
    "asked",
    "attachment",
    "attack",
    "attacker",
    "back",
    "backup",
    "backups",
    "based",
    "because",
    "been",
    "before",
    "behaviour",
    "behavior",
    "being",
    "binary",
    "block",
    "blocked",
    "both",
    "browser",
    "bucket",
    "buckets",
    "calendar",
    "called",
    "came",
    "cannot",
    "case",
    "cases",
    "cause",
    "certificate",
    "change",
    "changed",
    "changes",
    "check",
    "checked",
    "checks",
    "cloud",
    "code",
    "command",
    "common",
    "company",
    "computer",
    "confirmed",
    "connection",
    "connections",
    "contained",
    "copy",
    "copied",
    "could",
    "created",
    "credential",
    "credentials",
    "customer",
    "daily",
    "data",
    "database",
    "days",
    "deleted",
    "deployment",
    "detected",
    "detection",
    "device",
    "directory",
    "disable",
    "disabled",
    "does",
    "domain",
    "domains",
    "done",
    "down",
    "download",
    "downloaded",
    "during",
    "each",
    "email",
    "encrypted",
    "endpoint",
    "error",
    "even",
    "event",
    "events",
    "every",
    "evidence",
    "example",
    "executable",
    "exfiltration",
    "external",
    "failed",
    "file",
    "files",
    "finance",
    "firewall",
    "first",
    "five",
    "folder",
    "following",
    "forty",
    "found",
    "from",
    "gateway",
    "group",
    "hash",
    "have",
    "here",
    "host",
    "hosts",
    "hour",
    "hours",
    "https",
    "http",
    "identity",
    "incident",
    "indicator",
    "indicators",
    "internal",
    "into",
    "isolated",
    "just",
    "keys",
    "known",
    "last",
    "later",
    "lists",
    "local",
    "logged",
    "login",
    "logon",
    "logons",
    "logs",
    "made",
    "mail",
    "mailbox",
    "mailboxes",
    "making",
    "malicious",
    "malware",
    "many",
    "message",
    "minutes",
    "more",
    "most",
    "much",
    "name",
    "names",
    "network",
    "never",
    "newly",
    "next",
    "night",
    "nightly",
    "nobody",
    "none",
    "norm",
    "normal",
    "nothing",
    "novel",
    "once",
    "only",
    "other",
    "outbound",
    "over",
    "overnight",
    "owner",
    "password",
    "passwords",
    "past",
    "policy",
    "port",
    "process",
    "processes",
    "proxy",
    "queried",
    "query",
    "rare",
    "read",
    "reason",
    "registered",
    "remote",
    "report",
    "request",
    "reset",
    "review",
    "rule",
    "rules",
    "runs",
    "same",
    "scan",
    "scheduled",
    "script",
    "security",
    "sender",
    "server",
    "servers",
    "service",
    "session",
    "sessions",
    "share",
    "shift",
    "should",
    "signed",
    "since",
    "site",
    "some",
    "source",
    "started",
    "still",
    "storage",
    "suspicious",
    "system",
    "systems",
    "task",
    "tasks",
    "team",
    "teams",
    "than",
    "that",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "three",
    "through",
    "ticket",
    "time",
    "times",
    "today",
    "tonight",
    "tool",
    "traffic",
    "twice",
    "under",
    "unknown",
    "until",
    "update",
    "upload",
    "uploaded",
    "uploads",
    "used",
    "user",
    "users",
    "using",
    "vendor",
    "volume",
    "want",
    "week",
    "weekly",
    "went",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "whose",
    "will",
    "with",
    "within",
    "without",
    "work",
    "workstation",
    "would",
    "write",
    "year",
    "yesterday",
];
