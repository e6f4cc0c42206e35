//! Traffic Light Protocol 2.0 labels: who the handoff may be shared with.

use serde::Serialize;
use strum::VariantArray;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum Tlp {
    Clear,
    Green,
    /// Alert data is internal by default: limited to the organisation and those who need it.
    #[default]
    Amber,
    #[serde(rename = "AMBER+STRICT")]
    AmberStrict,
    Red,
}

impl Tlp {
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

crate::vocabulary::names::impl_deserialize_by_name!(Tlp);
