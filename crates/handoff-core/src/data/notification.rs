//! The message to the L2 analyst on shift.

use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Notification {
    /// The ticket L2 should open; often the alert ID.
    pub ticket_id: String,
    pub summary: String,
    pub immediate_concerns: String,
    pub l2_assignee: String,
}
