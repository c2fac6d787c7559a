//! The tally of a district folder: each valid record of [`Loaded`] as the
//! fact a figure counts.

use super::report::PartyOrgName;
use super::tally::{DemandFact, EnrollmentFact, Scope, Tally};
use crate::demand::StoredDemand;
use crate::folder::Loaded;
use crate::{Enrollment, PartyOrgStatus};

/// The figures of a folder's valid records over a scope.
pub fn tally(loaded: &Loaded, scope: Scope) -> Tally {
    let mut tally = Tally::new(scope);
    for row in &loaded.enrollments {
        tally.add_enrollment(&enrollment_fact(&row.record, row.line));
    }
    for row in &loaded.demands {
        tally.add_demand(&demand_fact(&row.record));
    }
    tally
}

/// The fact of a valid enrollment on `line`.
pub fn enrollment_fact(record: &Enrollment, line: usize) -> EnrollmentFact {
    let party_org = record.party_org.as_ref().and_then(|org| {
        matches!(org.status, PartyOrgStatus::Own | PartyOrgStatus::Joint).then(|| {
            PartyOrgName::new(
                org.name.as_deref().unwrap_or_default(),
                org.home_affiliation.as_deref(),
            )
        })
    });
    EnrollmentFact {
        uscc: record.enterprise.uscc.clone(),
        joined_on: record.joined_on,
        output_wan: record.enterprise.annual_output_wan,
        party_org,
        order: line as u64,
    }
}

/// The fact of a valid stored demand.
pub fn demand_fact(demand: &StoredDemand) -> DemandFact {
    DemandFact::from_history(
        demand.id.clone(),
        demand.record.enterprise_uscc.clone(),
        demand.record.submitted_at,
        None,
        None,
        demand.case.history(),
    )
}
