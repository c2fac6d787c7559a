//! The district's record of organizations and Party organizations.
//!
//! Append-only: an organization or Party organization, once registered, is
//! never changed or removed through this crate.

use std::collections::BTreeMap;

use serde::Serialize;

use super::CommitteeError;
use crate::org::{
    Affiliation, OrgId, Organization, PartyOrgId, PartyOrgKind, PartyOrgStatus, PartyOrganization,
};

/// Organizations and Party organizations known to a district.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Registry {
    organizations: BTreeMap<OrgId, Organization>,
    party_orgs: BTreeMap<PartyOrgId, PartyOrganization>,
}

/// What the affiliation invariant protects: per Party organization, its home
/// affiliation and the organizational relationships it holds.
pub type AffiliationSnapshot = BTreeMap<PartyOrgId, (Affiliation, u32, u32, Vec<OrgId>)>;

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Registry::default()
    }

    /// Records an organization.
    pub fn register_organization(&mut self, org: Organization) -> Result<(), CommitteeError> {
        if self.organizations.contains_key(org.id()) {
            return Err(CommitteeError::AlreadyRegistered(org.id().to_string()));
        }
        self.organizations.insert(org.id().clone(), org);
        Ok(())
    }

    /// Records a Party organization; its units must be registered already.
    pub fn register_party_org(
        &mut self,
        party_org: PartyOrganization,
    ) -> Result<(), CommitteeError> {
        if self.party_orgs.contains_key(party_org.id()) {
            return Err(CommitteeError::AlreadyRegistered(
                party_org.id().to_string(),
            ));
        }
        if let Some(unit) = party_org
            .units()
            .iter()
            .find(|u| !self.organizations.contains_key(u))
        {
            return Err(CommitteeError::NotRegistered(unit.to_string()));
        }
        self.party_orgs.insert(party_org.id().clone(), party_org);
        Ok(())
    }

    /// The organization with this id.
    pub fn organization(&self, id: &OrgId) -> Option<&Organization> {
        self.organizations.get(id)
    }

    /// The Party organization with this id.
    pub fn party_org(&self, id: &PartyOrgId) -> Option<&PartyOrganization> {
        self.party_orgs.get(id)
    }

    /// Every organization, by id.
    pub fn organizations(&self) -> impl Iterator<Item = &Organization> {
        self.organizations.values()
    }

    /// Every Party organization, by id.
    pub fn party_orgs(&self) -> impl Iterator<Item = &PartyOrganization> {
        self.party_orgs.values()
    }

    /// The Party organizations set up in a unit.
    pub fn party_orgs_of<'a>(
        &'a self,
        unit: &'a OrgId,
    ) -> impl Iterator<Item = &'a PartyOrganization> + 'a {
        self.party_orgs
            .values()
            .filter(move |p| p.units().contains(unit))
    }

    /// How a unit is covered: its own organization, a joint one, or none.
    pub fn status_of(&self, unit: &OrgId) -> PartyOrgStatus {
        let mut status = PartyOrgStatus::None;
        for party_org in self.party_orgs_of(unit) {
            if party_org.units().len() == 1 && party_org.kind() != PartyOrgKind::JointBranch {
                return PartyOrgStatus::Own;
            }
            status = PartyOrgStatus::Joint;
        }
        status
    }

    /// Every home affiliation and member count, for checking the invariant.
    pub fn affiliations(&self) -> AffiliationSnapshot {
        self.party_orgs
            .values()
            .map(|p| {
                let held = (
                    p.home_affiliation().clone(),
                    p.full_members(),
                    p.probationary_members(),
                    p.units().to_vec(),
                );
                (p.id().clone(), held)
            })
            .collect()
    }
}
