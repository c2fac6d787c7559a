//! The validated enrollment: normalised, in the wire shape of
//! `docs/wire/records.md` ("Enrollment record").

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::committee::{CommitteeError, District, Liaison};
use crate::ident::Phone;
use crate::org::{
    Affiliation, OrgId, OrgKind, Organization, PartyOrgId, PartyOrgKind, PartyOrgStatus,
    PartyOrganization,
};

/// The enrolling enterprise or association.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct EnterpriseRecord {
    /// Registered name.
    pub name: String,
    /// Normalised USCC.
    pub uscc: String,
    /// `enterprise` or `association`.
    pub kind: OrgKind,
    /// GB/T 4754-2017 codes.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub industry_codes: Vec<String>,
    /// Annual output value in 万元.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub annual_output_wan: Option<f64>,
    /// Head count.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub employees: Option<u32>,
}

/// The enterprise's Party organization, or how it is covered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct PartyOrgRecord {
    /// own / joint / none.
    pub status: PartyOrgStatus,
    /// Its kind (with `own` and `joint`).
    #[serde(default)]
    pub kind: Option<PartyOrgKind>,
    /// Its name (with `own` and `joint`).
    #[serde(default)]
    pub name: Option<String>,
    /// Full members.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub full_members: u32,
    /// Probationary members.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub probationary_members: u32,
    /// The superior it reports to, as given; never changed by enrollment.
    #[serde(default)]
    pub home_affiliation: Option<String>,
    /// Units a joint organization covers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub units: Option<u32>,
    /// Whether a branch committee has been elected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::BoolOrString>")
    )]
    pub branch_committee: Option<bool>,
}

/// A liaison as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct PersonRecord {
    /// Name.
    pub name: String,
    /// Normalised phone number.
    pub phone: String,
}

/// The contact person as recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct ContactRecord {
    /// Name.
    pub name: String,
    /// Normalised phone number.
    pub phone: String,
    /// E-mail, if given.
    #[serde(default)]
    pub email: Option<String>,
}

/// A valid enrollment (it may still carry warnings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Enrollment {
    /// Who enrolls.
    pub enterprise: EnterpriseRecord,
    /// Chain id.
    pub chain: String,
    /// Segment ids, once each.
    #[cfg_attr(feature = "schema", schemars(length(min = 1)))]
    pub segments: Vec<String>,
    /// Its Party organization; `None` means status `none` with nothing known.
    pub party_org: Option<PartyOrgRecord>,
    /// Liaison covering it by work.
    pub liaison: Option<PersonRecord>,
    /// Contact person.
    pub contact: ContactRecord,
    /// When it joined the chain committee.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub joined_on: NaiveDate,
}

impl Enrollment {
    /// How it is covered: own organization, joint, or none.
    pub fn status(&self) -> PartyOrgStatus {
        self.party_org
            .as_ref()
            .map_or(PartyOrgStatus::None, |p| p.status)
    }

    /// Full Party members reported.
    pub fn full_members(&self) -> u32 {
        self.party_org.as_ref().map_or(0, |p| p.full_members)
    }

    /// The enterprise as a registry organization.
    pub fn organization(&self) -> Organization {
        Organization::new(
            OrgId(self.enterprise.uscc.clone()),
            self.enterprise.name.clone(),
            self.enterprise.kind,
        )
        .with_industry_codes(self.enterprise.industry_codes.clone())
        .with_size(self.enterprise.annual_output_wan, self.enterprise.employees)
    }

    /// The enterprise's own Party organization as its superior keeps it
    /// (status `own` only: a joint organization spans several units and is
    /// recorded, with all of them, by whoever keeps it).
    pub fn party_organization(&self) -> Option<PartyOrganization> {
        let p = self
            .party_org
            .as_ref()
            .filter(|p| p.status == PartyOrgStatus::Own)?;
        let (kind, name, affiliation) = (p.kind?, p.name.as_ref()?, p.home_affiliation.as_ref()?);
        Some(PartyOrganization::new(
            PartyOrgId(format!("{}#own", self.enterprise.uscc)),
            name.clone(),
            kind,
            (p.full_members, p.probationary_members),
            Affiliation::new(affiliation.clone()),
            vec![OrgId(self.enterprise.uscc.clone())],
        ))
    }

    /// Records the enrollment in a district: registers the organization (and
    /// its own Party organization) if new, enrolls it on its segments, and
    /// assigns its liaison. Affiliations are recorded as given, never changed.
    pub fn apply_to(&self, district: &mut District) -> Result<(), CommitteeError> {
        let org = self.organization();
        let id = org.id().clone();
        if district.registry().organization(&id).is_none() {
            district.register_organization(org)?;
        }
        if let Some(party_org) = self.party_organization() {
            if district.registry().party_org(party_org.id()).is_none() {
                district.register_party_org(party_org)?;
            }
        }
        district.enroll(
            &self.chain,
            id.clone(),
            self.segments.clone(),
            self.joined_on,
        )?;
        if let Some(liaison) = &self.liaison {
            if let Ok(phone) = Phone::parse(&liaison.phone) {
                let liaison = Liaison {
                    name: liaison.name.clone(),
                    phone,
                };
                district.assign_liaison(&self.chain, &id, Some(liaison))?;
            }
        }
        Ok(())
    }
}
