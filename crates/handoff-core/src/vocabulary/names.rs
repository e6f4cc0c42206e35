//! Wire names of the vocabulary's unit-only enums, all taken from each enum's own serde
//! declaration (`#[serde(rename_all = …)]` on its `Serialize` derive), so that a form's option
//! values, the package's names and the error messages cannot drift apart.
//!
//! Those enums read themselves through [`deserialize_by_name`] rather than serde's derived
//! `Deserialize`: the derive answers a number where a name belongs with serde_json's bare
//! "expected value", where an analyst needs to read which names were possible.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserializer, Error, Unexpected, Visitor};
use serde::Serialize;
use strum::VariantArray;

/// `Severity::High` → `"high"`; `Tlp::AmberStrict` → `"AMBER+STRICT"`. The name is serde's
/// own `&'static str`, not a copy: a 5 MB import reads tens of thousands of names, and made
/// a string of each candidate's name to compare (4 of its 46 ms in the page's wasm).
pub fn wire_name<T: Serialize>(value: &T) -> &'static str {
    // Every caller passes a unit-only enum, whose variants always have a name.
    serde_variant::to_variant_name(value).unwrap_or_default()
}

/// `"high"` → `Some(Severity::High)`; anything that is not a name → `None`.
pub fn from_wire_name<T: VariantArray + Serialize + Copy>(name: &str) -> Option<T> {
    T::VARIANTS.iter().copied().find(|v| wire_name(v) == name)
}

/// `one of "low", "medium", "high", "critical"`
pub fn expected_names<T: VariantArray + Serialize>() -> String {
    let names: Vec<String> = T::VARIANTS
        .iter()
        .map(|v| format!("\"{}\"", wire_name(v)))
        .collect();
    format!("one of {}", names.join(", "))
}

/// Reads a unit-only enum from its wire name; anything else is refused with the names it
/// could have been.
pub fn deserialize_by_name<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: VariantArray + Serialize + Copy,
{
    struct ByName<T>(PhantomData<T>);
    impl<T: VariantArray + Serialize + Copy> Visitor<'_> for ByName<T> {
        type Value = T;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(&expected_names::<T>())
        }
        fn visit_str<E: Error>(self, s: &str) -> Result<T, E> {
            from_wire_name(s).ok_or_else(|| E::invalid_value(Unexpected::Str(s), &self))
        }
    }
    d.deserialize_str(ByName(PhantomData))
}

/// `impl Deserialize` through [`deserialize_by_name`] for each listed enum.
macro_rules! impl_deserialize_by_name {
    ($($t:ty),+ $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::vocabulary::names::deserialize_by_name(d)
            }
        }
    )+};
}
pub(crate) use impl_deserialize_by_name;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocabulary::indicator::IndicatorKind;
    use crate::vocabulary::tlp::Tlp;
    use crate::vocabulary::verdict::Severity;

    #[test]
    fn names_round_trip_for_every_variant() {
        for s in Severity::VARIANTS {
            assert_eq!(from_wire_name::<Severity>(wire_name(s)), Some(*s));
        }
        for t in Tlp::VARIANTS {
            assert_eq!(from_wire_name::<Tlp>(wire_name(t)), Some(*t));
        }
        for k in IndicatorKind::VARIANTS {
            assert_eq!(from_wire_name::<IndicatorKind>(wire_name(k)), Some(*k));
        }
        assert_eq!(wire_name(&Tlp::AmberStrict), "AMBER+STRICT");
        assert_eq!(wire_name(&IndicatorKind::FileName), "file_name");
        assert_eq!(from_wire_name::<Severity>("High"), None);
        assert_eq!(from_wire_name::<Severity>(""), None);
    }

    #[test]
    fn reading_says_which_names_were_possible() {
        let e = serde_json::from_str::<Severity>("3")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "invalid type: integer `3`, expected one of \"low\", \"medium\", \"high\", \"critical\""
            ),
            "{e}"
        );
        let e = serde_json::from_str::<Severity>("\"urgent\"")
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("invalid value: string \"urgent\", expected one of \"low\""),
            "{e}"
        );
        assert_eq!(
            serde_json::from_str::<Tlp>("\"AMBER+STRICT\"").unwrap(),
            Tlp::AmberStrict
        );
    }
}
