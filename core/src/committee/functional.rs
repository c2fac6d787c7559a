//! A functional (industry-chain) Party committee and its memberships.
//!
//! A committee holds links, never organizations: each [`Membership`] names an
//! organization by id. Its operations receive the registry by shared
//! reference, so they cannot change any home affiliation or member count.

use chrono::NaiveDate;
use serde::Serialize;

use super::{CommitteeError, Registry};
use crate::catalog::Chain;
use crate::ident::Phone;
use crate::org::{OrgId, OrgKind, PartyOrgId, PartyOrgKind};

/// The committee's secretary: the head of a leading enterprise's or
/// association's Party committee (链主).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Secretary {
    /// The secretary's name.
    pub name: String,
    /// The Party committee the secretary heads.
    pub party_org: PartyOrgId,
}

/// A person who covers an enterprise without a Party organization "by work".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Liaison {
    /// The liaison's name.
    pub name: String,
    /// A normalised phone number.
    pub phone: Phone,
}

/// The link between a committee and one member organization.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Membership {
    org: OrgId,
    segments: Vec<String>,
    since: NaiveDate,
    until: Option<NaiveDate>,
    liaison: Option<Liaison>,
}

impl Membership {
    /// The member organization.
    pub fn org(&self) -> &OrgId {
        &self.org
    }
    /// The chain segments it is placed on.
    pub fn segments(&self) -> &[String] {
        &self.segments
    }
    /// When it joined.
    pub fn since(&self) -> NaiveDate {
        self.since
    }
    /// When it left, if it has.
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }
    /// Its liaison, if one is assigned.
    pub fn liaison(&self) -> Option<&Liaison> {
        self.liaison.as_ref()
    }
    /// Whether the membership is current (not withdrawn).
    pub fn is_active(&self) -> bool {
        self.until.is_none()
    }
}

/// One functional Party committee per chain.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunctionalCommittee {
    chain: String,
    secretary: Secretary,
    memberships: Vec<Membership>,
}

impl FunctionalCommittee {
    /// Sets up the committee of `chain`; the secretary must head a Party
    /// committee of an enterprise or association.
    pub(super) fn establish(
        chain: &Chain,
        secretary: Secretary,
        registry: &Registry,
    ) -> Result<Self, CommitteeError> {
        let party_org = registry
            .party_org(&secretary.party_org)
            .ok_or_else(|| CommitteeError::NotRegistered(secretary.party_org.to_string()))?;
        let leads_a_member = party_org.units().iter().any(|unit| {
            registry
                .organization(unit)
                .is_some_and(|o| matches!(o.kind(), OrgKind::Enterprise | OrgKind::Association))
        });
        if party_org.kind() != PartyOrgKind::Committee || !leads_a_member {
            return Err(CommitteeError::SecretaryNotQualified);
        }
        Ok(FunctionalCommittee {
            chain: chain.id.clone(),
            secretary,
            memberships: Vec::new(),
        })
    }

    /// The chain it serves.
    pub fn chain(&self) -> &str {
        &self.chain
    }

    /// Its secretary.
    pub fn secretary(&self) -> &Secretary {
        &self.secretary
    }

    /// Every membership ever recorded, current and withdrawn, in order.
    pub fn memberships(&self) -> &[Membership] {
        &self.memberships
    }

    /// The current membership of an organization.
    pub fn active(&self, org: &OrgId) -> Option<&Membership> {
        self.memberships
            .iter()
            .find(|m| m.is_active() && &m.org == org)
    }

    fn active_mut(&mut self, org: &OrgId) -> Result<&mut Membership, CommitteeError> {
        self.memberships
            .iter_mut()
            .find(|m| m.is_active() && &m.org == org)
            .ok_or_else(|| CommitteeError::NotEnrolled(org.to_string()))
    }

    pub(super) fn enroll(
        &mut self,
        chain: &Chain,
        registry: &Registry,
        org: OrgId,
        segments: Vec<String>,
        since: NaiveDate,
    ) -> Result<(), CommitteeError> {
        if registry.organization(&org).is_none() {
            return Err(CommitteeError::NotRegistered(org.to_string()));
        }
        if self.active(&org).is_some() {
            return Err(CommitteeError::AlreadyEnrolled(org.to_string()));
        }
        let segments = checked_segments(chain, segments)?;
        self.memberships.push(Membership {
            org,
            segments,
            since,
            until: None,
            liaison: None,
        });
        Ok(())
    }

    pub(super) fn change_segments(
        &mut self,
        chain: &Chain,
        org: &OrgId,
        segments: Vec<String>,
    ) -> Result<(), CommitteeError> {
        let segments = checked_segments(chain, segments)?;
        self.active_mut(org)?.segments = segments;
        Ok(())
    }

    pub(super) fn withdraw(&mut self, org: &OrgId, on: NaiveDate) -> Result<(), CommitteeError> {
        let membership = self.active_mut(org)?;
        if on < membership.since {
            return Err(CommitteeError::WithdrawBeforeJoining);
        }
        membership.until = Some(on);
        Ok(())
    }

    pub(super) fn assign_liaison(
        &mut self,
        org: &OrgId,
        liaison: Option<Liaison>,
    ) -> Result<(), CommitteeError> {
        self.active_mut(org)?.liaison = liaison;
        Ok(())
    }
}

/// Checks segment ids against the chain and puts them in chain order, once each.
fn checked_segments(chain: &Chain, segments: Vec<String>) -> Result<Vec<String>, CommitteeError> {
    if segments.is_empty() {
        return Err(CommitteeError::NoSegments);
    }
    if let Some(unknown) = segments.iter().find(|s| chain.segment(s).is_none()) {
        return Err(CommitteeError::UnknownSegment {
            chain: chain.id.clone(),
            segment: unknown.clone(),
        });
    }
    Ok(chain
        .segments
        .iter()
        .filter(|s| segments.contains(&s.id))
        .map(|s| s.id.clone())
        .collect())
}
