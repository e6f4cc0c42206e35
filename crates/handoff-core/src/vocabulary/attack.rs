//! MITRE ATT&CK technique IDs such as `T1566` or `T1059.001`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A technique or sub-technique ID, always in canonical form (`T` + 4 digits, optionally `.` +
/// 3 digits). It cannot hold anything else: deserialization validates too.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
#[cfg_attr(
    feature = "schema",
    schemars(with = "String", extend("pattern" = r"^T[0-9]{4}(\.[0-9]{3})?$"))
)]
pub struct TechniqueId(String);

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InvalidTechniqueId(pub String);

impl fmt::Display for InvalidTechniqueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not an ATT&CK technique ID: write T and four digits, optionally a dot \
             and three more (T1566, T1059.001)",
            super::text::truncate_chars(&self.0, 40)
        )
    }
}

impl std::error::Error for InvalidTechniqueId {}

impl TechniqueId {
    /// Accepts surrounding space and a lower-case `t`; anything else must be exact.
    pub fn parse(s: &str) -> Result<Self, InvalidTechniqueId> {
        let t = s.trim();
        let b = t.as_bytes();
        let digits = |r: &[u8]| r.iter().all(u8::is_ascii_digit);
        let ok = matches!(b.first(), Some(b'T' | b't'))
            && match b.len() {
                5 => digits(&b[1..5]),
                9 => digits(&b[1..5]) && b[5] == b'.' && digits(&b[6..9]),
                _ => false,
            };
        if ok {
            Ok(TechniqueId(t.to_ascii_uppercase()))
        } else {
            Err(InvalidTechniqueId(s.to_owned()))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Splits a free-form list ("T1566, t1059.001 T1078") into IDs and the parts that are not.
    pub fn parse_list(s: &str) -> (Vec<TechniqueId>, Vec<InvalidTechniqueId>) {
        let mut ok = Vec::new();
        let mut bad = Vec::new();
        for part in s.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
            if part.is_empty() {
                continue;
            }
            match TechniqueId::parse(part) {
                Ok(id) if !ok.contains(&id) => ok.push(id),
                Ok(_) => {}
                Err(e) => bad.push(e),
            }
        }
        (ok, bad)
    }
}

impl TryFrom<String> for TechniqueId {
    type Error = InvalidTechniqueId;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        // Stored packages must already be canonical, so that export -> import -> export is
        // byte-identical.
        let id = TechniqueId::parse(&s)?;
        if id.0 == s {
            Ok(id)
        } else {
            Err(InvalidTechniqueId(s))
        }
    }
}

impl From<TechniqueId> for String {
    fn from(id: TechniqueId) -> String {
        id.0
    }
}

impl fmt::Display for TechniqueId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_techniques_and_subtechniques() {
        assert_eq!(TechniqueId::parse("T1566").unwrap().as_str(), "T1566");
        assert_eq!(
            TechniqueId::parse(" t1059.001 ").unwrap().as_str(),
            "T1059.001"
        );
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "",
            "T156",
            "T15660",
            "T1059.01",
            "T1059.0011",
            "TA0001",
            "1566",
            "T1O59",
            "T1059-001",
            "T１５６６",
        ] {
            assert!(TechniqueId::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn parses_lists_deduplicated() {
        let (ok, bad) = TechniqueId::parse_list("T1566, t1566;T1059.001  nope");
        assert_eq!(ok.len(), 2);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].to_string().contains("\"nope\""));
    }

    #[test]
    fn deserialization_requires_canonical_form() {
        assert!(serde_json::from_str::<TechniqueId>("\"T1566\"").is_ok());
        assert!(serde_json::from_str::<TechniqueId>("\"t1566\"").is_err());
    }
}
