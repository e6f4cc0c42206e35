//! Traffic Light Protocol 2.0 labels: who the handoff may be shared with.

use crate::json_enum;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "schema", derive(serde::Deserialize, schemars::JsonSchema))]
pub enum Tlp {
    #[cfg_attr(feature = "schema", serde(rename = "CLEAR"))]
    Clear,
    #[cfg_attr(feature = "schema", serde(rename = "GREEN"))]
    Green,
    /// Alert data is internal by default: limited to the organisation and those who need it.
    #[default]
    #[cfg_attr(feature = "schema", serde(rename = "AMBER"))]
    Amber,
    #[cfg_attr(feature = "schema", serde(rename = "AMBER+STRICT"))]
    AmberStrict,
    #[cfg_attr(feature = "schema", serde(rename = "RED"))]
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

json_enum!(Tlp {
    Clear = "CLEAR",
    Green = "GREEN",
    Amber = "AMBER",
    AmberStrict = "AMBER+STRICT",
    Red = "RED",
});
