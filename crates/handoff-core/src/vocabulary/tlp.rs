//! Traffic Light Protocol 2.0 labels: who the handoff may be shared with.

use serde::Serialize;
use strum::VariantArray;

// Ordered from the least to the most restricted, so the strictest of several is their `max`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, VariantArray,
)]
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

/// Permissible Actions Protocol levels: what a recipient may *do* with the indicators (TLP says
/// who may see them). Handoff records no PAP of its own; [`Pap::for_tlp`] derives the one its
/// exports declare.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, VariantArray)]
#[serde(rename_all = "UPPERCASE")]
pub enum Pap {
    /// No restriction on use.
    Clear,
    /// Active actions allowed: block, sinkhole, probe.
    Green,
    /// Passive cross-checks only, third-party lookups included (a sandbox, a reputation
    /// service).
    Amber,
    /// Non-detectable actions only: no lookup that could tip the attacker off or disclose the
    /// case.
    Red,
}

impl Pap {
    /// PAP:AMBER, or PAP:RED for a TLP:RED case. AMBER is what an L1 handoff may promise: the
    /// receiving team may look indicators up but acts on them only after its own review; and
    /// TheHive creates alerts with AMBER when none is given. A TLP:RED case is shared with named
    /// people only, and a third-party lookup would already disclose it, hence RED.
    pub fn for_tlp(tlp: Tlp) -> Pap {
        match tlp {
            Tlp::Red => Pap::Red,
            _ => Pap::Amber,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Pap::Clear => "PAP:CLEAR",
            Pap::Green => "PAP:GREEN",
            Pap::Amber => "PAP:AMBER",
            Pap::Red => "PAP:RED",
        }
    }
}

crate::vocabulary::names::impl_deserialize_by_name!(Tlp, Pap);
