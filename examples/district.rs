//! Build a district from a roster: establish the four Yantian chain
//! committees, apply every valid enrollment, and show who sits where — while
//! every home affiliation stays exactly as recorded.
//!
//! ```text
//! cargo run -p lianjian-examples --example district -- [ROSTER.jsonl]
//! ```

use chrono::NaiveDate;
use lianjian::{
    check_enrollment_json, Affiliation, Catalog, Context, District, Lang, OrgId, OrgKind,
    Organization, PartyOrgId, PartyOrgKind, PartyOrganization, Secretary,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "examples/data/roster.jsonl".to_owned());
    let roster = std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?;
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("bad date")?;

    let mut district = District::new(Catalog::yantian().clone());
    // The chain owner (链主): a leading association whose Party committee provides the secretaries.
    let leader = OrgId("51440308MJL173419P".into());
    district.register_organization(Organization::new(
        leader.clone(),
        "示例行业协会",
        OrgKind::Association,
    ))?;
    let committee = PartyOrgId("51440308MJL173419P#own".into());
    district.register_party_org(PartyOrganization::new(
        committee.clone(),
        "示例行业协会党委",
        PartyOrgKind::Committee,
        (120, 2),
        Affiliation::new("区非公经济组织和社会组织党委"),
        vec![leader],
    ))?;
    for chain in Catalog::yantian().chain_ids() {
        let secretary = Secretary {
            name: "书记（示例）".into(),
            party_org: committee.clone(),
        };
        district.establish_committee(&chain, secretary)?;
    }

    let before = district.registry().affiliations();
    let context = Context::new(district.catalog(), today);
    let checked: Vec<_> = roster
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| (i + 1, check_enrollment_json(l, &context)))
        .collect();
    let (mut applied, mut rejected) = (0, 0);
    for (line, outcome) in checked {
        match outcome.record {
            Some(record) => {
                record.apply_to(&mut district)?;
                applied += 1;
            }
            None => {
                rejected += 1;
                println!(
                    "line {line}: rejected ({} errors)",
                    outcome
                        .report
                        .findings()
                        .iter()
                        .filter(|f| f.is_error())
                        .count()
                );
            }
        }
    }
    println!("{applied} enrolled, {rejected} rejected\n");

    for chain in &district.catalog().chains {
        let Some(committee) = district.committee(&chain.id) else {
            continue;
        };
        println!("{} ({})", chain.name.get(Lang::ZhCn), chain.id);
        for segment in &chain.segments {
            let members = committee
                .memberships()
                .iter()
                .filter(|m| m.is_active() && m.segments().contains(&segment.id))
                .count();
            let mark = if members == 0 { "  ← no members" } else { "" };
            println!("  {:<28} {members:>3}{mark}", segment.name.get(Lang::ZhCn));
        }
    }

    // The law of the domain: what was recorded before is unchanged.
    let after = district.registry().affiliations();
    let unchanged = before.iter().all(|(id, held)| after.get(id) == Some(held));
    println!("\nhome affiliations unchanged: {unchanged}");
    Ok(())
}
