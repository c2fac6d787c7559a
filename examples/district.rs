//! Build a district from a roster: establish the four Yantian chain
//! committees, apply every valid enrollment, and show who sits where — while
//! every home affiliation stays exactly as recorded.
//!
//! ```text
//! cargo run -p lianjian-examples --example district -- [ROSTER.jsonl] [--lang zh-CN|en]
//! ```

use chrono::NaiveDate;
use lianjian::{
    check_enrollment_json, Affiliation, Catalog, Context, District, Lang, OrgId, OrgKind,
    Organization, PartyOrgId, PartyOrgKind, PartyOrganization, Secretary,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let (mut path, mut lang) = ("examples/data/roster.jsonl".to_owned(), Lang::ZhCn);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--lang" => {
                let tag = args.next().unwrap_or_default();
                lang = Lang::parse(&tag).ok_or_else(|| format!("--lang {tag}: zh-CN or en"))?;
            }
            _ => path = arg,
        }
    }
    // The words of this example, in the language asked for.
    let say = |zh: &'static str, en: &'static str| if lang == Lang::En { en } else { zh };
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
                let errors = outcome
                    .report
                    .findings()
                    .iter()
                    .filter(|f| f.is_error())
                    .count();
                match lang {
                    Lang::En => println!("line {line}: rejected ({errors} errors)"),
                    _ => println!("第 {line} 行：未通过（{errors} 个错误）"),
                }
            }
        }
    }
    match lang {
        Lang::En => println!("{applied} enrolled, {rejected} rejected\n"),
        _ => println!("入会 {applied} 家，未通过 {rejected} 家\n"),
    }

    for chain in &district.catalog().chains {
        let Some(committee) = district.committee(&chain.id) else {
            continue;
        };
        println!("{}", chain.name.get(lang));
        for segment in &chain.segments {
            let members = committee
                .memberships()
                .iter()
                .filter(|m| m.is_active() && m.segments().contains(&segment.id))
                .count();
            let mark = if members == 0 {
                say("  ← 暂无成员企业", "  ← no members")
            } else {
                ""
            };
            println!("  {:<28} {members:>3}{mark}", segment.name.get(lang));
        }
    }

    // The law of the domain: what was recorded before is unchanged.
    let after = district.registry().affiliations();
    let unchanged = before.iter().all(|(id, held)| after.get(id) == Some(held));
    println!(
        "\n{} {}",
        say("原有隶属关系均未改变：", "home affiliations unchanged:"),
        match (lang, unchanged) {
            (Lang::En, _) => unchanged.to_string(),
            (_, true) => "是".to_owned(),
            (_, false) => "否".to_owned(),
        }
    );
    Ok(())
}
