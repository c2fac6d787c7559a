//! The tally of a district folder: each valid record of [`Loaded`] as the
//! fact a figure counts.

use super::report::PartyOrgName;
use super::tally::{
    china_day, ActivityFact, DemandFact, Disbursement, EnrollmentFact, PairingFact, ProgrammeScope,
    Scope, Tally, VisitFact,
};
use crate::demand::StoredDemand;
use crate::folder::Loaded;
use crate::outreach::{Activity, Programme, Stage, Visit};
use crate::pairing::{Pairing, PairingKind, PairingStatus};
use crate::{Enrollment, PartyOrgStatus};
use chrono::NaiveDate;

/// The figures of a folder's valid records over the period and as-of day
/// of `scope`, with the folder's programme (the scope's is replaced).
pub fn tally(loaded: &Loaded, mut scope: Scope) -> Tally {
    scope.programme = loaded.programme.as_ref().map(programme_scope);
    let mut tally = Tally::new(scope);
    for row in &loaded.enrollments {
        tally.add_enrollment(&enrollment_fact(&row.record, row.line));
    }
    for row in &loaded.demands {
        tally.add_demand(&demand_fact(&row.record));
    }
    for row in &loaded.visits {
        tally.add_visit(&visit_fact(&row.record));
    }
    for row in &loaded.activities {
        tally.add_activity(&activity_fact(&row.record));
    }
    let as_of = tally.scope().as_of;
    for row in &loaded.pairings {
        tally.add_pairing(&pairing_fact(&row.record, as_of));
    }
    tally
}

/// A programme as the figures need it: its id and key enterprises.
pub fn programme_scope(programme: &Programme) -> ProgrammeScope {
    ProgrammeScope {
        id: programme.id.clone(),
        key_enterprises: programme.key_enterprises.iter().cloned().collect(),
    }
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
    let origin = demand.record.origin.as_ref();
    DemandFact::from_history(
        demand.id.clone(),
        demand.record.enterprise_uscc.clone(),
        demand.record.submitted_at,
        origin.map(|o| o.channel.as_str()),
        origin.and_then(|o| o.programme.as_deref()),
        demand.case.history(),
    )
}

/// The fact of a valid visit.
pub fn visit_fact(visit: &Visit) -> VisitFact {
    VisitFact {
        uscc: visit.enterprise_uscc.clone(),
        visited_on: china_day(visit.visited_at),
    }
}

/// The fact of a valid pairing as known on `as_of`: its validity extended
/// by the renewals made by then (a renewal after it is not yet known).
pub fn pairing_fact(pairing: &Pairing, as_of: NaiveDate) -> PairingFact {
    let valid_until = pairing
        .renewals
        .iter()
        .filter(|r| r.on <= as_of)
        .map(|r| r.valid_until)
        .fold(pairing.valid_until, NaiveDate::max);
    PairingFact {
        kind: PairingKind::ALL
            .iter()
            .find(|(_, kind)| *kind == pairing.kind)
            .map_or("", |(name, _)| name)
            .to_owned(),
        chain: pairing.chain.clone(),
        signed_on: pairing.signed_on,
        valid_until: Some(valid_until),
        ended: pairing.status == PairingStatus::Ended,
    }
}

/// The fact of a valid activity: its `disbursed` lines with an amount.
pub fn activity_fact(activity: &Activity) -> ActivityFact {
    let disbursed = activity
        .financing
        .iter()
        .flat_map(|f| &f.lines)
        .filter(|line| line.stage == Stage::Disbursed)
        .filter_map(|line| {
            Some(Disbursement {
                uscc: line.enterprise_uscc.clone(),
                amount_wan: line.amount_wan?,
                on: line.on,
            })
        })
        .collect();
    ActivityFact {
        id: activity.id.clone(),
        series: activity.series.clone(),
        kind: activity.kind.clone(),
        held: activity.status.took_place(),
        starts_on: china_day(activity.starts_at),
        enterprises_present: activity.enterprises_present.clone(),
        disbursed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::headline::ALLIANCE_KIND;

    fn day(text: &str) -> NaiveDate {
        crate::ident::parse_date(text).unwrap()
    }

    #[test]
    fn an_alliance_is_known_as_it_stood_on_the_as_of_day() {
        let pairing: Pairing = serde_json::from_value(serde_json::json!({
            "id": "alliance", "theme": "联盟", "kind": "alliance", "chain": "life_health",
            "parties": [
                {"role": "chain_leader", "org": {"kind": "enterprise", "uscc": "91440300MA5FUTN418"},
                 "party_org": "某党委", "liaison": null},
                {"role": "member", "org": {"kind": "department", "id": "science_innovation_bureau"},
                 "party_org": "某党支部", "liaison": null}],
            "contents": ["resource_sharing"],
            "signed_on": "2026-01-10", "valid_until": "2026-06-30", "status": "active",
            "renewals": [{"on": "2026-06-20", "valid_until": "2027-06-30"}]
        }))
        .unwrap();
        let before = pairing_fact(&pairing, day("2026-06-01"));
        assert_eq!(before.kind, ALLIANCE_KIND);
        assert_eq!(before.valid_until, Some(day("2026-06-30")));
        // The renewal is known from its day on.
        let after = pairing_fact(&pairing, day("2026-12-31"));
        assert_eq!(after.valid_until, Some(day("2027-06-30")));
        assert!(!after.ended);
    }
}
