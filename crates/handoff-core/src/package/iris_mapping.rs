//! How one DFIR-IRIS instance numbers what an alert refers to: a setting the analyst checks
//! once, stored with the app's settings and passed to [`super::to_iris`] in the
//! [`super::ExportOptions`].

use serde::{Deserialize, Serialize};

use crate::vocabulary::indicator::IndicatorKind;
use crate::vocabulary::tlp::Tlp;
use crate::vocabulary::verdict::Severity;

/// How one DFIR-IRIS instance numbers what an alert refers to. The analyst checks it once
/// against their instance (IRIS lists each under Advanced, or through `/manage/severities/list`,
/// `/manage/alert-status/list`, `/manage/tlp/list`, `/manage/ioc-types/list` and
/// `/manage/customers/list`); the app stores it with the settings. A field left out of a stored
/// mapping takes its default; an unknown one is refused, so a typo cannot be silently ignored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IrisMapping {
    /// The customer (client) the alert belongs to: 1, "IrisInitialClient", on a fresh install.
    pub customer_id: u32,
    /// The status a new alert gets: 2, "New".
    pub alert_status_id: u32,
    pub severity_ids: IrisSeverityIds,
    pub tlp_ids: IrisTlpIds,
    pub ioc_type_ids: IrisIocTypeIds,
}

/// IRIS severity IDs. A fresh install numbers them Medium 1, Unspecified 2, Informational 3,
/// Low 4, High 5, Critical 6: a database migration creates Medium before the rest.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IrisSeverityIds {
    /// For a case whose severity is not set.
    pub unspecified: u32,
    pub low: u32,
    pub medium: u32,
    pub high: u32,
    pub critical: u32,
}

/// IRIS TLP IDs: red 1, amber 2, green 3, clear 4, amber+strict 5 on a fresh install.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IrisTlpIds {
    pub clear: u32,
    pub green: u32,
    pub amber: u32,
    pub amber_strict: u32,
    pub red: u32,
}

/// IRIS IOC type IDs, one per Handoff indicator kind. Fresh-install defaults: `ip-any` 76
/// (both IP versions), `domain` 20, `url` 141, `email` 22, `md5` 90, `sha1` 111, `sha256` 113,
/// `filename` 37, `account` 3, `hostname` 69.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IrisIocTypeIds {
    pub ipv4: u32,
    pub ipv6: u32,
    pub domain: u32,
    pub url: u32,
    pub email: u32,
    pub md5: u32,
    pub sha1: u32,
    pub sha256: u32,
    pub file_name: u32,
    pub user: u32,
    pub host: u32,
}

impl Default for IrisMapping {
    fn default() -> Self {
        IrisMapping {
            customer_id: 1,
            alert_status_id: 2,
            severity_ids: IrisSeverityIds::default(),
            tlp_ids: IrisTlpIds::default(),
            ioc_type_ids: IrisIocTypeIds::default(),
        }
    }
}

impl Default for IrisSeverityIds {
    fn default() -> Self {
        IrisSeverityIds {
            unspecified: 2,
            low: 4,
            medium: 1,
            high: 5,
            critical: 6,
        }
    }
}

impl Default for IrisTlpIds {
    fn default() -> Self {
        IrisTlpIds {
            clear: 4,
            green: 3,
            amber: 2,
            amber_strict: 5,
            red: 1,
        }
    }
}

impl Default for IrisIocTypeIds {
    fn default() -> Self {
        IrisIocTypeIds {
            ipv4: 76,
            ipv6: 76,
            domain: 20,
            url: 141,
            email: 22,
            md5: 90,
            sha1: 111,
            sha256: 113,
            file_name: 37,
            user: 3,
            host: 69,
        }
    }
}

impl IrisMapping {
    pub fn severity_id(&self, s: Option<Severity>) -> u32 {
        let ids = &self.severity_ids;
        match s {
            None => ids.unspecified,
            Some(Severity::Low) => ids.low,
            Some(Severity::Medium) => ids.medium,
            Some(Severity::High) => ids.high,
            Some(Severity::Critical) => ids.critical,
        }
    }

    pub fn tlp_id(&self, tlp: Tlp) -> u32 {
        let ids = &self.tlp_ids;
        match tlp {
            Tlp::Clear => ids.clear,
            Tlp::Green => ids.green,
            Tlp::Amber => ids.amber,
            Tlp::AmberStrict => ids.amber_strict,
            Tlp::Red => ids.red,
        }
    }

    pub fn ioc_type_id(&self, kind: IndicatorKind) -> u32 {
        let ids = &self.ioc_type_ids;
        match kind {
            IndicatorKind::Ipv4 => ids.ipv4,
            IndicatorKind::Ipv6 => ids.ipv6,
            IndicatorKind::Domain => ids.domain,
            IndicatorKind::Url => ids.url,
            IndicatorKind::Email => ids.email,
            IndicatorKind::Md5 => ids.md5,
            IndicatorKind::Sha1 => ids.sha1,
            IndicatorKind::Sha256 => ids.sha256,
            IndicatorKind::FileName => ids.file_name,
            IndicatorKind::User => ids.user,
            IndicatorKind::Host => ids.host,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mapping_reads_back_and_fills_what_is_left_out() {
        let m = IrisMapping::default();
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(serde_json::from_str::<IrisMapping>(&json).unwrap(), m);
        let partial: IrisMapping =
            serde_json::from_str(r#"{"customer_id": 3, "tlp_ids": {"red": 9}}"#).unwrap();
        assert_eq!(partial.customer_id, 3);
        assert_eq!(partial.tlp_ids.red, 9);
        assert_eq!(partial.tlp_ids.amber, 2);
        assert_eq!(partial.severity_ids, IrisSeverityIds::default());
        assert!(serde_json::from_str::<IrisMapping>(r#"{"customer": 3}"#).is_err());
    }
}
