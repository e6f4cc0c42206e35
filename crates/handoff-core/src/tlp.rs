//! Traffic Light Protocol 2.0 labels: who the handoff may be shared with.

use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Tlp {
    #[serde(rename = "CLEAR")]
    Clear,
    #[serde(rename = "GREEN")]
    Green,
    /// Alert data is internal by default: limited to the organisation and those who need it.
    #[default]
    #[serde(rename = "AMBER")]
    Amber,
    #[serde(rename = "AMBER+STRICT")]
    AmberStrict,
    #[serde(rename = "RED")]
    Red,
}

impl Tlp {
    pub const ALL: [Tlp; 5] = [
        Tlp::Clear,
        Tlp::Green,
        Tlp::Amber,
        Tlp::AmberStrict,
        Tlp::Red,
    ];

    /// The label as TLP 2.0 writes it.
    pub fn label(self) -> &'static str {
        match self {
            Tlp::Clear => "TLP:CLEAR",
            Tlp::Green => "TLP:GREEN",
            Tlp::Amber => "TLP:AMBER",
            Tlp::AmberStrict => "TLP:AMBER+STRICT",
            Tlp::Red => "TLP:RED",
        }
    }

    pub fn sharing(self) -> &'static str {
        match self {
            Tlp::Clear => "may be shared publicly",
            Tlp::Green => "may be shared within the community, not publicly",
            Tlp::Amber => "organisation and its clients, on a need-to-know basis",
            Tlp::AmberStrict => "the organisation only, on a need-to-know basis",
            Tlp::Red => "named recipients only",
        }
    }
}
