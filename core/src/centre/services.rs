//! The service catalog of centres: the ids a centre's `services` and a
//! usage count may name, with their names in zh-CN and en, and the five free
//! basic services every drivers' home provides (`core/catalog/services.json`).

use std::sync::OnceLock;

use crate::catalog::Names;
use crate::input::builtin::{self, data_file};

/// One service a centre may offer.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Service {
    /// Stable snake_case id (`legal_consultation`).
    pub id: String,
    /// Display names.
    pub name: Names,
}

/// The built-in service catalog.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ServiceCatalog {
    /// Where the services and the basic set come from.
    pub source: String,
    /// Every service, in catalog order.
    pub services: Vec<Service>,
    /// The five free basic services of a drivers' home (`parking_rest`,
    /// `hot_water`, `meal_heating`, `shower`, `laundry`): 交办运函〔2025〕1059号.
    pub driver_home_basic: Vec<String>,
}

impl ServiceCatalog {
    /// The catalog built into the crate.
    pub fn builtin() -> &'static ServiceCatalog {
        static CATALOG: OnceLock<ServiceCatalog> = OnceLock::new();
        CATALOG.get_or_init(|| {
            let value = builtin::parse(data_file!("catalog/services.json"));
            let names = |item: &crate::input::Got<'_>| {
                let name = builtin::member(item, "name");
                Names {
                    zh_cn: builtin::text(name, "zh-CN"),
                    en: builtin::text(name, "en"),
                }
            };
            ServiceCatalog {
                source: builtin::text(&value, "source"),
                services: builtin::list(&value, "services")
                    .iter()
                    .map(|item| Service {
                        id: builtin::text(item, "id"),
                        name: names(item),
                    })
                    .collect(),
                driver_home_basic: builtin::texts(&value, "driver_home_basic"),
            }
        })
    }

    /// The service with this id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id == id)
    }

    /// Every id, in catalog order (what `invalid_option` lists as allowed).
    pub fn ids(&self) -> Vec<String> {
        self.services.iter().map(|s| s.id.clone()).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_catalog_holds_the_seeds_services_and_the_basic_five() {
        let catalog = ServiceCatalog::builtin();
        assert_eq!(catalog.services.len(), 14);
        let mut ids = catalog.ids();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 14, "ids are unique");
        for service in &catalog.services {
            assert!(!service.name.zh_cn.is_empty() && !service.name.en.is_empty());
            assert!(service
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
        }
        assert_eq!(
            catalog.driver_home_basic,
            [
                "parking_rest",
                "hot_water",
                "meal_heating",
                "shower",
                "laundry"
            ]
        );
        for id in &catalog.driver_home_basic {
            assert!(catalog.service(id).is_some(), "{id}");
        }
        assert_eq!(
            catalog.service("shower_rest").unwrap().name.zh_cn,
            "冲凉休憩"
        );
        assert!(catalog.source.contains("交办运函〔2025〕1059号"));
    }
}
