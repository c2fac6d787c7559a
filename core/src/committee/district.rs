//! The district aggregate: catalog, registry and one committee per chain.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{CommitteeError, FunctionalCommittee, Liaison, Registry, Secretary};
use crate::catalog::{Catalog, Chain};
use crate::org::{OrgId, Organization, PartyOrganization};

/// Everything a district keeps: its chain catalog, its registry of
/// organizations, and the functional committees.
///
/// Committee operations borrow the registry immutably (the borrow checker
/// enforces it), so no operation on a committee can change a home affiliation
/// or the organizational relationships a Party organization holds.
#[derive(Debug, Clone)]
pub struct District {
    catalog: Catalog,
    registry: Registry,
    committees: BTreeMap<String, FunctionalCommittee>,
}

impl District {
    /// A district with this catalog and nothing registered yet.
    pub fn new(catalog: Catalog) -> Self {
        District {
            catalog,
            registry: Registry::new(),
            committees: BTreeMap::new(),
        }
    }

    /// Its chain catalog.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// Its registry of organizations.
    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The committee of a chain, once established.
    pub fn committee(&self, chain: &str) -> Option<&FunctionalCommittee> {
        self.committees.get(chain)
    }

    /// Every committee, by chain id.
    pub fn committees(&self) -> impl Iterator<Item = &FunctionalCommittee> {
        self.committees.values()
    }

    /// Records an enterprise, association or department.
    pub fn register_organization(&mut self, org: Organization) -> Result<(), CommitteeError> {
        self.registry.register_organization(org)
    }

    /// Records a Party organization with its home affiliation, as its superior keeps it.
    pub fn register_party_org(
        &mut self,
        party_org: PartyOrganization,
    ) -> Result<(), CommitteeError> {
        self.registry.register_party_org(party_org)
    }

    /// Sets up the functional committee of a chain.
    pub fn establish_committee(
        &mut self,
        chain: &str,
        secretary: Secretary,
    ) -> Result<(), CommitteeError> {
        let chain = find_chain(&self.catalog, chain)?;
        if self.committees.contains_key(&chain.id) {
            return Err(CommitteeError::CommitteeExists(chain.id.clone()));
        }
        let committee = FunctionalCommittee::establish(chain, secretary, &self.registry)?;
        self.committees.insert(chain.id.clone(), committee);
        Ok(())
    }

    /// Enrolls an organization into a chain committee on these segments.
    pub fn enroll(
        &mut self,
        chain: &str,
        org: OrgId,
        segments: Vec<String>,
        since: NaiveDate,
    ) -> Result<(), CommitteeError> {
        let (chain, committee, registry) = self.parts(chain)?;
        committee.enroll(chain, registry, org, segments, since)
    }

    /// Moves a member to other segments of its chain.
    pub fn change_segments(
        &mut self,
        chain: &str,
        org: &OrgId,
        segments: Vec<String>,
    ) -> Result<(), CommitteeError> {
        let (chain, committee, _) = self.parts(chain)?;
        committee.change_segments(chain, org, segments)
    }

    /// Ends a membership; its history stays.
    pub fn withdraw(
        &mut self,
        chain: &str,
        org: &OrgId,
        on: NaiveDate,
    ) -> Result<(), CommitteeError> {
        let (_, committee, _) = self.parts(chain)?;
        committee.withdraw(org, on)
    }

    /// Assigns (or, with `None`, removes) the liaison who covers a member by work.
    pub fn assign_liaison(
        &mut self,
        chain: &str,
        org: &OrgId,
        liaison: Option<Liaison>,
    ) -> Result<(), CommitteeError> {
        let (_, committee, _) = self.parts(chain)?;
        committee.assign_liaison(org, liaison)
    }

    /// The chain, its committee (mutably) and the registry (immutably): the
    /// split borrow every committee operation goes through.
    fn parts(
        &mut self,
        chain: &str,
    ) -> Result<(&Chain, &mut FunctionalCommittee, &Registry), CommitteeError> {
        let chain = find_chain(&self.catalog, chain)?;
        let committee = self
            .committees
            .get_mut(&chain.id)
            .ok_or_else(|| CommitteeError::NoCommittee(chain.id.clone()))?;
        Ok((chain, committee, &self.registry))
    }
}

fn find_chain<'a>(catalog: &'a Catalog, chain: &str) -> Result<&'a Chain, CommitteeError> {
    catalog
        .chain(chain)
        .ok_or_else(|| CommitteeError::UnknownChain(chain.to_owned()))
}
