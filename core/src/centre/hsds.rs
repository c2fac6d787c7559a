//! Centres as Open Referral HSDS 3.0 objects: `organization`, `service`,
//! `location`, `service_at_location` and `schedule`, with HSDS 3.0's object
//! and field names and each object's required fields (the specification's
//! `schema/*.json` of release 3.0: organization `id`, `name`,
//! `description`; service `id`, `name`, `status`; location `id`,
//! `location_type`; service_at_location `id`, and `service_id`,
//! `location_id` in tabular form; schedule `id`).
//!
//! Mapping: each centre is a physical `location` (its address in
//! `description`, HSDS's address object needing a postal code the record
//! does not hold); each operator and each provider named by a centre's
//! service is an `organization`; each (organization, catalog service) pair
//! is a `service` delivered at the centres that list it
//! (`service_at_location`); each schedule line is a weekly `schedule` of the
//! location, in China time (`timezone` 8, times with `+08:00`). Ids are
//! stable: derived from the centre and service ids and the organization's
//! name. Nothing personal is exported: centres hold no names of people.

use serde::Serialize;

use super::{Centre, ServiceCatalog};
use crate::findings::Lang;

/// The version of HSDS this export follows.
pub const HSDS_VERSION: &str = "3.0";

/// The objects of an export, in HSDS's table order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hsds {
    /// `"3.0"`.
    pub hsds_version: &'static str,
    /// Operators and providers.
    pub organizations: Vec<Organization>,
    /// Services by organization.
    pub services: Vec<HsdsService>,
    /// One per centre.
    pub locations: Vec<Location>,
    /// Which service is delivered at which centre.
    pub service_at_locations: Vec<ServiceAtLocation>,
    /// Opening hours of the centres.
    pub schedules: Vec<Schedule>,
}

/// HSDS `organization`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organization {
    /// Required.
    pub id: String,
    /// Required.
    pub name: String,
    /// Required.
    pub description: String,
}

/// HSDS `service`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HsdsService {
    /// Required.
    pub id: String,
    /// The providing organization.
    pub organization_id: String,
    /// Required: the catalog name in the export's language.
    pub name: String,
    /// The catalog name in the other language.
    pub alternate_name: String,
    /// Required: `active`.
    pub status: &'static str,
}

/// HSDS `location`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Location {
    /// Required.
    pub id: String,
    /// Required: `physical`.
    pub location_type: &'static str,
    /// The operator.
    pub organization_id: String,
    /// The centre's name.
    pub name: String,
    /// The centre's address.
    pub description: String,
}

/// HSDS `service_at_location`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceAtLocation {
    /// Required.
    pub id: String,
    /// Required in tabular form.
    pub service_id: String,
    /// Required in tabular form.
    pub location_id: String,
}

/// HSDS `schedule`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Schedule {
    /// Required.
    pub id: String,
    /// The centre.
    pub location_id: String,
    /// `WEEKLY`.
    pub freq: &'static str,
    /// RFC 5545 days (`MO,TU,WE,TH,FR`).
    pub byday: String,
    /// `HH:MM+08:00`.
    pub opens_at: String,
    /// `HH:MM+08:00`.
    pub closes_at: String,
    /// UTC offset in hours: 8.
    pub timezone: i64,
    /// Set for a line open around the clock ("全天24小时开放").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The centres as HSDS 3.0 objects, names in `lang`.
pub fn export(centres: &[Centre], lang: Lang) -> Hsds {
    let catalog = ServiceCatalog::builtin();
    let mut out = Hsds {
        hsds_version: HSDS_VERSION,
        organizations: Vec::new(),
        services: Vec::new(),
        locations: Vec::new(),
        service_at_locations: Vec::new(),
        schedules: Vec::new(),
    };
    let organization = |name: &str, role: &str, out: &mut Hsds| -> String {
        let id = format!("organization-{:016x}", fnv1a(name));
        if !out.organizations.iter().any(|o| o.id == id) {
            out.organizations.push(Organization {
                id: id.clone(),
                name: name.to_owned(),
                description: role.to_owned(),
            });
        }
        id
    };
    let (operator_role, provider_role, all_day) = match lang {
        Lang::ZhCn => (
            "党群服务中心运营单位",
            "党群服务中心服务提供单位",
            "全天24小时开放",
        ),
        Lang::En => (
            "Operator of a Party and public service centre",
            "Provider of services at a Party and public service centre",
            "Open 24 hours",
        ),
    };
    for centre in centres {
        let operator = organization(&centre.operator, operator_role, &mut out);
        let location_id = format!("location-{}", centre.id);
        out.locations.push(Location {
            id: location_id.clone(),
            location_type: "physical",
            organization_id: operator.clone(),
            name: centre.name.clone(),
            description: centre.address.clone(),
        });
        for offered in &centre.services {
            let Some(service) = catalog.service(&offered.id) else {
                continue;
            };
            let provider = match &offered.provider {
                Some(provider) => organization(provider, provider_role, &mut out),
                None => operator.clone(),
            };
            let service_id = format!(
                "service-{}-{}",
                provider.trim_start_matches("organization-"),
                service.id
            );
            if !out.services.iter().any(|s| s.id == service_id) {
                let other = match lang {
                    Lang::ZhCn => Lang::En,
                    Lang::En => Lang::ZhCn,
                };
                out.services.push(HsdsService {
                    id: service_id.clone(),
                    organization_id: provider,
                    name: service.name.get(lang).to_owned(),
                    alternate_name: service.name.get(other).to_owned(),
                    status: "active",
                });
            }
            out.service_at_locations.push(ServiceAtLocation {
                id: format!("service-at-location-{}-{}", centre.id, service.id),
                service_id,
                location_id: location_id.clone(),
            });
        }
        for (i, line) in centre.schedule.iter().enumerate() {
            out.schedules.push(Schedule {
                id: format!("schedule-{}-{}", centre.id, i + 1),
                location_id: location_id.clone(),
                freq: "WEEKLY",
                byday: line.byday.clone(),
                opens_at: format!("{}+08:00", line.opens_at),
                closes_at: format!("{}+08:00", line.closes_at),
                timezone: 8,
                description: line.all_day().then(|| all_day.to_owned()),
            });
        }
    }
    out
}

/// FNV-1a (64 bits) of the text: a stable id for an organization known
/// only by its name.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organization_ids_are_stable_hashes_of_the_name() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
        assert_ne!(fnv1a("盐田区总工会"), fnv1a("盐田区妇联"));
    }
}
