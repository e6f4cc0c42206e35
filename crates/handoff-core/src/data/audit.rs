//! The audit trail's entries: who moved the case from where to where, when, and why. Only a
//! workflow step adds one (see [`crate::case`]); nothing edits or removes one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::vocabulary::command::{CommandKind, Role};
use crate::vocabulary::stage::Stage;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    #[serde(with = "crate::vocabulary::time::rfc3339_serde")]
    #[cfg_attr(feature = "schema", schemars(with = "DateTime<Utc>"))]
    pub at: DateTime<Utc>,
    pub actor: Actor,
    pub event: CommandKind,
    pub from: Stage,
    pub to: Stage,
    pub note: String,
}
