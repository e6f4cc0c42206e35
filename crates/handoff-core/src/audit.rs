//! The audit trail: who moved the case from where to where, when, and why. Append-only: the
//! only way to add an entry is a workflow step (see [`crate::workflow`]), and nothing removes
//! or edits one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::workflow::{CommandKind, Stage};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Role {
    #[serde(rename = "L1")]
    L1,
    #[serde(rename = "L2")]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
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

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct AuditEntry {
    #[serde(with = "crate::time::utc")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub event: CommandKind,
    pub from: Stage,
    pub to: Stage,
    pub note: String,
}
