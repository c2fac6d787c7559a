//! The law of the domain, checked over random operation sequences: no
//! operation on a functional committee changes any home affiliation or any
//! organizational relationship, and registration only ever adds.

use chrono::NaiveDate;
use lianjian::{
    Affiliation, Catalog, District, Liaison, OrgId, OrgKind, Organization, PartyOrgId,
    PartyOrgKind, PartyOrganization, Phone, Secretary,
};
use proptest::prelude::*;

const ORGS: usize = 8;

#[derive(Debug, Clone)]
enum Op {
    RegisterOrg(usize),
    RegisterPartyOrg {
        org: usize,
        affiliation: usize,
        full: u32,
        probationary: u32,
    },
    Establish {
        chain: usize,
    },
    Enroll {
        chain: usize,
        org: usize,
        segments: u8,
        day: u32,
    },
    ChangeSegments {
        chain: usize,
        org: usize,
        segments: u8,
    },
    Withdraw {
        chain: usize,
        org: usize,
        day: u32,
    },
    AssignLiaison {
        chain: usize,
        org: usize,
        some: bool,
    },
}

fn op() -> impl Strategy<Value = Op> {
    let chain = 0..5usize; // one id beyond the catalog: unknown chains must be refused too
    let org = 0..ORGS + 1; // one beyond the registered pool
    prop_oneof![
        (0..ORGS).prop_map(Op::RegisterOrg),
        (0..ORGS, 0..3usize, 0..60u32, 0..5u32).prop_map(
            |(org, affiliation, full, probationary)| {
                Op::RegisterPartyOrg {
                    org,
                    affiliation,
                    full,
                    probationary,
                }
            }
        ),
        chain.clone().prop_map(|chain| Op::Establish { chain }),
        (chain.clone(), org.clone(), any::<u8>(), 0..400u32).prop_map(
            |(chain, org, segments, day)| Op::Enroll {
                chain,
                org,
                segments,
                day
            }
        ),
        (chain.clone(), org.clone(), any::<u8>()).prop_map(|(chain, org, segments)| {
            Op::ChangeSegments {
                chain,
                org,
                segments,
            }
        }),
        (chain.clone(), org.clone(), 0..400u32).prop_map(|(chain, org, day)| Op::Withdraw {
            chain,
            org,
            day
        }),
        (chain, org, any::<bool>()).prop_map(|(chain, org, some)| Op::AssignLiaison {
            chain,
            org,
            some
        }),
    ]
}

fn org_id(i: usize) -> OrgId {
    OrgId(format!("ORG{i:02}"))
}

fn chain_id(catalog: &Catalog, i: usize) -> String {
    catalog
        .chains
        .get(i)
        .map_or_else(|| "no_such_chain".to_owned(), |c| c.id.clone())
}

/// Segment ids picked by a bit mask; bit 7 adds a segment of no chain.
fn segments(catalog: &Catalog, chain: usize, mask: u8) -> Vec<String> {
    let mut picked: Vec<String> = catalog
        .chains
        .get(chain)
        .map(|c| {
            c.segments
                .iter()
                .enumerate()
                .filter(|(i, _)| mask & (1 << (i % 7)) != 0)
                .map(|(_, s)| s.id.clone())
                .collect()
        })
        .unwrap_or_default();
    if mask & 0x80 != 0 {
        picked.push("not_a_segment".to_owned());
    }
    picked
}

fn day(n: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + chrono::Days::new(u64::from(n))
}

/// A district with a leading enterprise whose Party committee can provide secretaries.
fn district() -> District {
    let mut district = District::new(Catalog::yantian().clone());
    let leader = OrgId("LEADER".into());
    district
        .register_organization(Organization::new(
            leader.clone(),
            "链主企业",
            OrgKind::Enterprise,
        ))
        .unwrap();
    district
        .register_party_org(PartyOrganization::new(
            PartyOrgId("LEADER#own".into()),
            "链主企业党委",
            PartyOrgKind::Committee,
            (140, 3),
            Affiliation::new("区非公经济组织党委"),
            vec![leader],
        ))
        .unwrap();
    district
}

fn apply(district: &mut District, op: &Op) -> bool {
    let catalog = district.catalog().clone();
    match *op {
        Op::RegisterOrg(i) => district
            .register_organization(Organization::new(
                org_id(i),
                format!("企业{i}"),
                OrgKind::Enterprise,
            ))
            .is_ok(),
        Op::RegisterPartyOrg {
            org,
            affiliation,
            full,
            probationary,
        } => district
            .register_party_org(PartyOrganization::new(
                PartyOrgId(format!("{}#own", org_id(org))),
                format!("企业{org}党支部"),
                PartyOrgKind::Branch,
                (full, probationary),
                Affiliation::new(
                    ["沙头角街道党工委", "海山街道党工委", "区非公经济组织党委"][affiliation],
                ),
                vec![org_id(org)],
            ))
            .is_ok(),
        Op::Establish { chain } => {
            let secretary = Secretary {
                name: "书记".into(),
                party_org: PartyOrgId("LEADER#own".into()),
            };
            district
                .establish_committee(&chain_id(&catalog, chain), secretary)
                .is_ok()
        }
        Op::Enroll {
            chain,
            org,
            segments: mask,
            day: d,
        } => district
            .enroll(
                &chain_id(&catalog, chain),
                org_id(org),
                segments(&catalog, chain, mask),
                day(d),
            )
            .is_ok(),
        Op::ChangeSegments {
            chain,
            org,
            segments: mask,
        } => district
            .change_segments(
                &chain_id(&catalog, chain),
                &org_id(org),
                segments(&catalog, chain, mask),
            )
            .is_ok(),
        Op::Withdraw { chain, org, day: d } => district
            .withdraw(&chain_id(&catalog, chain), &org_id(org), day(d))
            .is_ok(),
        Op::AssignLiaison { chain, org, some } => {
            let liaison = some.then(|| Liaison {
                name: "联络员".into(),
                phone: Phone::parse("13900139000").unwrap(),
            });
            district
                .assign_liaison(&chain_id(&catalog, chain), &org_id(org), liaison)
                .is_ok()
        }
    }
}

fn is_committee_op(op: &Op) -> bool {
    !matches!(op, Op::RegisterOrg(_) | Op::RegisterPartyOrg { .. })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn committee_operations_never_touch_affiliations(ops in prop::collection::vec(op(), 1..60)) {
        let mut district = district();
        for op in &ops {
            let registry_before = district.registry().clone();
            let affiliations_before = district.registry().affiliations();
            let history_before: std::collections::BTreeMap<String, Vec<_>> = district
                .committees()
                .map(|c| (c.chain().to_owned(), c.memberships().to_vec()))
                .collect();
            apply(&mut district, op);

            if is_committee_op(op) {
                // The registry as a whole is untouched by any committee operation.
                prop_assert_eq!(&registry_before, district.registry());
            }
            // Registration only adds: every affiliation and member count recorded
            // before is still there, unchanged.
            let after = district.registry().affiliations();
            for (id, held) in &affiliations_before {
                prop_assert_eq!(Some(held), after.get(id), "{} changed", id);
            }
            for org in registry_before.organizations() {
                prop_assert_eq!(Some(org), district.registry().organization(org.id()));
            }
            // History is monotone: memberships are never removed, and ended ones never change.
            for (chain, before) in &history_before {
                let now = district.committee(chain).unwrap().memberships();
                prop_assert!(now.len() >= before.len());
                for (old, new) in before.iter().zip(now) {
                    if !old.is_active() {
                        prop_assert_eq!(old, new);
                    }
                    prop_assert_eq!(old.org(), new.org());
                    prop_assert_eq!(old.since(), new.since());
                }
            }
            // Memberships always sit on known segments of their chain, one current membership per member.
            for committee in district.committees() {
                let chain = district.catalog().chain(committee.chain()).unwrap();
                let mut active = std::collections::BTreeSet::new();
                for m in committee.memberships() {
                    prop_assert!(!m.segments().is_empty());
                    prop_assert!(m.segments().iter().all(|s| chain.segment(s).is_some()));
                    prop_assert!(district.registry().organization(m.org()).is_some());
                    if m.is_active() {
                        prop_assert!(active.insert(m.org().clone()), "two current memberships");
                    } else {
                        prop_assert!(m.until() >= Some(m.since()));
                    }
                }
            }
        }
    }
}

#[test]
fn operations_are_refused_with_reasons() {
    let mut district = district();
    let jewelry = "gold_jewelry";
    let secretary = || Secretary {
        name: "书记".into(),
        party_org: PartyOrgId("LEADER#own".into()),
    };
    let since = day(0);
    assert!(district
        .enroll(jewelry, org_id(1), vec!["manufacturing".into()], since)
        .is_err());
    district.establish_committee(jewelry, secretary()).unwrap();
    assert!(district.establish_committee(jewelry, secretary()).is_err());
    assert!(
        district
            .enroll(jewelry, org_id(1), vec!["manufacturing".into()], since)
            .is_err(),
        "not registered"
    );
    district
        .register_organization(Organization::new(org_id(1), "企业1", OrgKind::Enterprise))
        .unwrap();
    assert!(
        district.enroll(jewelry, org_id(1), vec![], since).is_err(),
        "no segment"
    );
    assert!(
        district
            .enroll(jewelry, org_id(1), vec!["trucking".into()], since)
            .is_err(),
        "wrong chain"
    );
    district
        .enroll(
            jewelry,
            org_id(1),
            vec!["retail_wholesale".into(), "manufacturing".into()],
            since,
        )
        .unwrap();
    let member = district
        .committee(jewelry)
        .unwrap()
        .active(&org_id(1))
        .unwrap();
    assert_eq!(
        member.segments(),
        ["manufacturing", "retail_wholesale"],
        "kept in chain order"
    );
    assert!(district
        .enroll(jewelry, org_id(1), vec!["manufacturing".into()], since)
        .is_err());
    assert!(district
        .withdraw(jewelry, &org_id(1), since.pred_opt().unwrap())
        .is_err());
    district.withdraw(jewelry, &org_id(1), day(30)).unwrap();
    district
        .enroll(jewelry, org_id(1), vec!["design_rnd".into()], day(40))
        .unwrap();
    assert_eq!(
        district.committee(jewelry).unwrap().memberships().len(),
        2,
        "history kept"
    );
    // Only a Party committee of an enterprise or association may provide the secretary.
    district
        .register_party_org(PartyOrganization::new(
            PartyOrgId("ORG01#own".into()),
            "企业1党支部",
            PartyOrgKind::Branch,
            (5, 0),
            Affiliation::new("沙头角街道党工委"),
            vec![org_id(1)],
        ))
        .unwrap();
    let branch_secretary = Secretary {
        name: "x".into(),
        party_org: PartyOrgId("ORG01#own".into()),
    };
    assert!(district
        .establish_committee("life_health", branch_secretary)
        .is_err());
}

#[test]
fn enrolling_records_the_affiliation_as_given_and_never_changes_it() {
    let catalog = Catalog::yantian();
    let context = lianjian::Context::new(catalog, day(700));
    let record = |chain: &str, segment: &str, affiliation: &str| {
        format!(
            r#"{{"enterprise": {{"name": "深圳市金盐珠宝首饰有限公司", "uscc": "91440300MA5FUTN418", "kind": "enterprise"}},
               "chain": "{chain}", "segments": ["{segment}"],
               "party_org": {{"status": "own", "kind": "branch", "name": "金盐珠宝党支部", "full_members": 9,
                             "home_affiliation": "{affiliation}"}},
               "contact": {{"name": "王五", "phone": "13800138000"}}, "joined_on": "2026-11-01"}}"#
        )
    };
    let mut district = district();
    for chain in ["gold_jewelry", "coastal_tourism"] {
        let secretary = Secretary {
            name: "书记".into(),
            party_org: PartyOrgId("LEADER#own".into()),
        };
        district.establish_committee(chain, secretary).unwrap();
    }
    let first = lianjian::check_enrollment_json(
        &record("gold_jewelry", "manufacturing", "沙头角街道非公企业党委"),
        &context,
    );
    first.record.unwrap().apply_to(&mut district).unwrap();
    let id = PartyOrgId("91440300MA5FUTN418#own".into());
    let held = district
        .registry()
        .party_org(&id)
        .unwrap()
        .home_affiliation()
        .clone();
    assert_eq!(held.superior(), "沙头角街道非公企业党委");

    // The same enterprise joins a second chain, its form naming another superior:
    // the affiliation the registry holds does not move.
    let second = lianjian::check_enrollment_json(
        &record("coastal_tourism", "shopping", "另一个党委"),
        &context,
    );
    second.record.unwrap().apply_to(&mut district).unwrap();
    assert_eq!(
        district
            .registry()
            .party_org(&id)
            .unwrap()
            .home_affiliation(),
        &held
    );
    assert!(district
        .committee("coastal_tourism")
        .unwrap()
        .active(&OrgId("91440300MA5FUTN418".into()))
        .is_some());
}
