//! The audit trail: who moved the case from where to where, when, and why. Append-only: the
//! only way to add an entry is a workflow step (see [`crate::workflow`]), and nothing removes
//! or edits one.

use crate::{json_enum, json_object};
use chrono::{DateTime, Utc};

use crate::workflow::{CommandKind, Stage};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub enum Role {
    #[cfg_attr(feature = "schema", serde(rename = "L1"))]
    L1,
    #[cfg_attr(feature = "schema", serde(rename = "L2"))]
    L2,
}

impl Role {
    pub fn label(self) -> &'static str {
        match self {
            Role::L1 => "L1",
            Role::L2 => "L2",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct Actor {
    pub role: Role,
    pub name: String,
}

impl Actor {
    pub fn new(role: Role, name: impl Into<String>) -> Self {
        Actor {
            role,
            name: name.into(),
        }
    }

    /// "L1 Dana Kim", or just "L1" when no name was given.
    pub fn display(&self) -> String {
        let name = self.name.trim();
        if name.is_empty() {
            self.role.label().to_owned()
        } else {
            format!("{} {}", self.role.label(), name)
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub struct AuditEntry {
    #[cfg_attr(feature = "schema", serde(with = "crate::time::utc"))]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub event: CommandKind,
    pub from: Stage,
    pub to: Stage,
    pub note: String,
}

json_enum!(Role { L1 = "L1", L2 = "L2" });
json_object!(Actor { role, name });
json_object!(AuditEntry {
    at,
    actor,
    event,
    from,
    to,
    note
});
