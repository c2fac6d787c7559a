//! Pairing and centre operations never change an affiliation, and what a
//! pairing recorded only grows: over random sequences of signing, reporting,
//! adopting outcomes, ending, amending, rewriting, and booking rooms, run
//! beside a district's registry.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use lianjian::centre::booking::{Booking, Bookings};
use lianjian::centre::{Centre, CentreKind, Room};
use lianjian::pairing::{check_pairing_json, check_update, Pairing, PairingContext, PairingStatus};
use lianjian::{
    Affiliation, Catalog, Code, Context, District, OrgId, OrgKind, Organization, PartyOrgId,
    PartyOrgKind, PartyOrganization,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Enterprises with valid codes, each with its own Party organization.
const USCCS: [&str; 6] = [
    "91440300MA5YTG017H",
    "91440300MA5YTL029M",
    "91440300MA5HAG034W",
    "91440300MA5DRH044Y",
    "91440300MA5ALL058K",
    "91440300MA5UNW065G",
];
const AFFILIATIONS: [&str; 3] = ["沙头角街道党工委", "海山街道党工委", "区非公经济组织党委"];

#[derive(Debug, Clone)]
enum Op {
    Sign { units: u8, leader: u8, day: u16 },
    Report { pairing: u8, day: u16 },
    Outcome { pairing: u8, day: u16 },
    End { pairing: u8, day: u16 },
    Amend { pairing: u8 },
    Rewrite { pairing: u8, what: u8 },
    Book { room: u8, slot: u8 },
    Cancel { booking: u8 },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (any::<u8>(), 0..8u8, 0..600u16).prop_map(|(units, leader, day)| Op::Sign { units, leader, day }),
        2 => (any::<u8>(), 0..700u16).prop_map(|(pairing, day)| Op::Report { pairing, day }),
        2 => (any::<u8>(), 0..700u16).prop_map(|(pairing, day)| Op::Outcome { pairing, day }),
        1 => (any::<u8>(), 0..700u16).prop_map(|(pairing, day)| Op::End { pairing, day }),
        1 => any::<u8>().prop_map(|pairing| Op::Amend { pairing }),
        1 => (any::<u8>(), 0..4u8).prop_map(|(pairing, what)| Op::Rewrite { pairing, what }),
        2 => (0..2u8, 0..40u8).prop_map(|(room, slot)| Op::Book { room, slot }),
        1 => any::<u8>().prop_map(|booking| Op::Cancel { booking }),
    ]
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn day(n: u16) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Duration::days(i64::from(n))
}

fn district() -> District {
    let mut district = District::new(Catalog::yantian().clone());
    for (i, uscc) in USCCS.iter().enumerate() {
        let org = OrgId((*uscc).to_owned());
        district
            .register_organization(Organization::new(
                org.clone(),
                format!("企业{i}"),
                OrgKind::Enterprise,
            ))
            .unwrap();
        district
            .register_party_org(PartyOrganization::new(
                PartyOrgId(format!("{uscc}#own")),
                format!("企业{i}党支部"),
                PartyOrgKind::Branch,
                (5, 1),
                Affiliation::new(AFFILIATIONS[i % 3]),
                vec![org],
            ))
            .unwrap();
    }
    district
}

fn centre() -> Centre {
    Centre {
        id: "c".into(),
        name: "中心".into(),
        kind: CentreKind::Park,
        chains: vec![],
        operator: "运营单位".into(),
        address: "地址".into(),
        area_m2: None,
        partners: vec![],
        services: vec![],
        schedule: vec![],
        rooms: vec![Room {
            id: "r0".into(),
            name: "室".into(),
            capacity: 20,
        }],
        opened_on: None,
    }
}

/// The Party organization a district records for a unit.
fn party_org_of(district: &District, uscc: &str) -> String {
    district
        .registry()
        .party_orgs_of(&OrgId(uscc.to_owned()))
        .next()
        .map(|p| p.name().to_owned())
        .unwrap()
}

fn check(value: &Value, earlier: &[Pairing]) -> Option<Pairing> {
    let earlier: Vec<(String, Pairing)> =
        earlier.iter().map(|p| (p.id.clone(), p.clone())).collect();
    let catalog = Catalog::yantian();
    let context = Context::new(catalog, today());
    let around = PairingContext {
        earlier: &earlier,
        ..PairingContext::default()
    };
    check_pairing_json(&value.to_string(), &context, &around).record
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn pairing_and_centre_operations_never_touch_affiliations(ops in prop::collection::vec(op(), 1..50)) {
        let district = district();
        let registry = district.registry().clone();
        let affiliations = district.registry().affiliations();
        let centre = centre();
        let mut pairings: Vec<Pairing> = Vec::new();
        let mut bookings = Bookings::new();
        let mut booked = 0usize;
        for (n, op) in ops.iter().enumerate() {
            // The next version of a stored pairing, if it is accepted and
            // only grows.
            let update = |pairings: &mut Vec<Pairing>, i: u8, change: &dyn Fn(&mut Value) -> bool, must_pass: bool| {
                if pairings.is_empty() {
                    return Ok(());
                }
                let at = usize::from(i) % pairings.len();
                let previous = pairings[at].clone();
                let mut value = serde_json::to_value(&previous).unwrap();
                if !change(&mut value) {
                    return Ok(());
                }
                let others: Vec<Pairing> = pairings.iter().enumerate().filter(|(j, _)| *j != at).map(|(_, p)| p.clone()).collect();
                let Some(next) = check(&value, &others) else {
                    return Ok(());
                };
                let report = check_update(&previous, &next);
                if must_pass {
                    prop_assert!(report.is_empty(), "{:?}", report);
                    pairings[at] = next;
                } else {
                    prop_assert!(report.has(Code::PairingRewritten), "a rewrite went through");
                }
                Ok(())
            };
            match *op {
                Op::Sign { units, leader, day: d } => {
                    let picked: Vec<&str> = USCCS.iter().enumerate().filter(|(i, _)| units & (1 << i) != 0).map(|(_, u)| *u).collect();
                    let parties: Vec<Value> = picked.iter().enumerate().map(|(i, uscc)| json!({
                        "role": if i == usize::from(leader) { "chain_leader" } else { "member" },
                        "org": {"kind": "enterprise", "uscc": uscc},
                        "party_org": party_org_of(&district, uscc),
                        "liaison": {"name": "联络员", "phone": "13800138000"},
                    })).collect();
                    let value = json!({
                        "id": format!("p{n}"), "theme": "结对共建", "kind": "enterprise_enterprise",
                        "chain": "port_logistics", "parties": parties, "contents": ["organization"],
                        "signed_on": day(d).to_string(), "valid_until": (day(d) + Duration::days(730)).to_string(),
                        "status": "active",
                    });
                    if let Some(pairing) = check(&value, &pairings) {
                        prop_assert!(pairing.parties.len() >= 2);
                        pairings.push(pairing);
                    }
                }
                Op::Report { pairing, day: d } => update(&mut pairings, pairing, &|v: &mut Value| {
                    v["reports"].as_array_mut().unwrap().push(json!({"filed_on": day(d).to_string(), "summary": "季度报告"}));
                    true
                }, true)?,
                Op::Outcome { pairing, day: d } => update(&mut pairings, pairing, &|v: &mut Value| {
                    let id = format!("o{}", v["outcomes"].as_array().unwrap().len());
                    v["outcomes"].as_array_mut().unwrap().push(json!({"id": id, "kind": "service", "title": "服务成果", "adopted_on": day(d).to_string()}));
                    true
                }, true)?,
                Op::End { pairing, day: d } => update(&mut pairings, pairing, &|v: &mut Value| {
                    if v["status"] == "ended" {
                        return false;
                    }
                    v["status"] = json!("ended");
                    v["ended_on"] = json!(day(d).to_string());
                    true
                }, true)?,
                Op::Amend { pairing } => update(&mut pairings, pairing, &|v: &mut Value| {
                    if v["reports"].as_array().unwrap().is_empty() {
                        return false;
                    }
                    v["reports"][0]["summary"] = json!("更正后的季度报告");
                    let on = today().to_string();
                    v["amendments"].as_array_mut().unwrap().push(json!({"on": on, "target": "reports[0].summary", "reason": "数据有误"}));
                    true
                }, true)?,
                Op::Rewrite { pairing, what } => update(&mut pairings, pairing, &|v: &mut Value| {
                    match what {
                        0 if !v["reports"].as_array().unwrap().is_empty() => v["reports"].as_array_mut().unwrap().remove(0),
                        1 if !v["outcomes"].as_array().unwrap().is_empty() => v["outcomes"].as_array_mut().unwrap().pop().unwrap(),
                        2 => { v["theme"] = json!("改写的主题"); Value::Null }
                        3 => { v["parties"][0]["party_org"] = json!("另一个党组织"); Value::Null }
                        _ => return false,
                    };
                    true
                }, false)?,
                Op::Book { room, slot } => {
                    let start = FixedOffset::east_opt(8 * 3600).unwrap().with_ymd_and_hms(2026, 12, 1, 8, 0, 0).unwrap()
                        + Duration::minutes(30 * i64::from(slot));
                    booked += 1;
                    let _ = bookings.book(&centre, Booking {
                        id: format!("b{booked}"), centre: "c".into(), room: format!("r{room}"),
                        starts_at: start, ends_at: start + Duration::minutes(90), activity: None, expected: None,
                    });
                }
                Op::Cancel { booking } => {
                    let _ = bookings.cancel(&format!("b{booking}"));
                }
            }
            // Nothing a pairing or a booking does reaches the registry.
            prop_assert_eq!(&registry, district.registry());
            prop_assert_eq!(&affiliations, &district.registry().affiliations());
            // Each party's Party organization is the one the district records.
            for pairing in &pairings {
                for party in &pairing.parties {
                    prop_assert_eq!(&party.party_org, &party_org_of(&district, party.org.key()));
                }
                prop_assert!(pairing.status == PairingStatus::Active || pairing.ended_on.is_some());
            }
        }
    }
}

/// The operations of the property test do what they say on a known path:
/// a pairing is signed, reported on, amended; a rewrite is refused.
#[test]
fn a_known_sequence_signs_reports_amends_and_refuses_a_rewrite() {
    let district = district();
    let party = |uscc: &str, role: &str| {
        json!({"role": role, "org": {"kind": "enterprise", "uscc": uscc},
               "party_org": party_org_of(&district, uscc),
               "liaison": {"name": "联络员", "phone": "13800138000"}})
    };
    let signed = json!({
        "id": "p", "theme": "结对共建", "kind": "chain_leader_enterprise", "chain": "port_logistics",
        "parties": [party(USCCS[0], "chain_leader"), party(USCCS[1], "member")],
        "contents": ["organization"], "signed_on": "2026-09-01", "valid_until": "2027-08-31",
        "status": "active",
    });
    let first = check(&signed, &[]).expect("signed");
    let mut reported = signed.clone();
    reported["reports"] = json!([{"filed_on": "2026-11-01", "summary": "季度报告"}]);
    let second = check(&reported, &[]).expect("reported");
    assert!(check_update(&first, &second).is_empty());
    let mut amended = reported.clone();
    amended["reports"][0]["summary"] = json!("更正后的季度报告");
    amended["amendments"] =
        json!([{"on": "2026-11-20", "target": "reports[0]", "reason": "数据有误"}]);
    let third = check(&amended, &[]).expect("amended");
    assert!(check_update(&second, &third).is_empty());
    let mut rewritten = amended.clone();
    rewritten["reports"][0]["summary"] = json!("悄悄改写");
    let fourth = check(&rewritten, &[]).expect("valid on its own");
    assert!(check_update(&third, &fourth).has(Code::PairingRewritten));
    // Signing the same units again while the first runs is refused.
    let mut again = signed.clone();
    again["id"] = json!("p2");
    assert!(check(&again, std::slice::from_ref(&first)).is_none());
}
