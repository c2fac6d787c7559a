//! The pairing ledger (结对共建台账) and the centre ledger (阵地台账): one
//! row per valid pairing or centre of the folder, in file order, as a
//! district office keeps them. No liaison's name or phone is written: the
//! pairing ledger says how many sides named one.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::{h, list, pick, Cell, Heading, Table};
use crate::centre::{Centre, CentreKind, ServiceCatalog, WEEKDAYS};
use crate::demand::Dictionary;
use crate::folder::Loaded;
use crate::outreach::ActivityStatus;
use crate::pairing::{Content, Pairing, PairingKind, PairingStatus, PartyRole, Unit};
use crate::{Catalog, Lang};

const PAIRING_COLUMNS: &[Heading] = &[
    h("no", "序号", "No.", 5),
    h("id", "协议编号", "Id", 16),
    h("theme", "主题", "Theme", 20),
    h("kind", "类型", "Kind", 14),
    h("chain", "产业链", "Chain", 10),
    h("parties", "结对单位", "Parties", 36),
    h("party_orgs", "党组织", "Party organizations", 36),
    h(
        "liaisons_named",
        "已明确联络人的单位数",
        "Sides with a liaison",
        10,
    ),
    h("contents", "共建内容", "Contents", 24),
    h("signed_on", "签订日期", "Signed on", 11),
    h("valid_until", "有效期至", "Valid until", 11),
    h("renewals", "续签次数", "Renewals", 8),
    h("status", "状态", "Status", 8),
    h("ended_on", "结束日期", "Ended on", 11),
    h("plan_items", "计划事项数", "Plan items", 8),
    h(
        "open_plan_items",
        "尚无成果的计划事项",
        "Plan items without outcome",
        30,
    ),
    h("outcomes", "成果", "Outcomes", 40),
    h("answered_demands", "回应诉求编号", "Demands answered", 18),
    h("reports", "情况报告数", "Reports", 8),
    h("last_report_on", "最近报告日期", "Last report", 11),
    h("activities", "开展活动（场）", "Activities held", 9),
    h("last_sign_of_life", "最近动态日期", "Last sign of life", 11),
    h("amendments", "更正次数", "Amendments", 8),
];

const CENTRE_COLUMNS: &[Heading] = &[
    h("no", "序号", "No.", 5),
    h("id", "编号", "Id", 16),
    h("name", "名称", "Name", 30),
    h("kind", "类型", "Kind", 10),
    h("chains", "服务产业链", "Chains", 16),
    h("operator", "运营单位", "Operator", 20),
    h("address", "地址", "Address", 30),
    h("area_m2", "面积（平方米）", "Area (m²)", 9),
    h("partners", "共建单位", "Partners", 20),
    h("services", "服务项目", "Services", 40),
    h(
        "basic_missing",
        "缺少的基本服务",
        "Basic services missing",
        20,
    ),
    h("hours", "开放时间", "Opening hours", 30),
    h("open_24h", "24小时开放", "Open 24 hours", 8),
    h("rooms", "活动室数", "Rooms", 7),
    h("seats", "座位数", "Seats", 7),
    h("opened_on", "启用日期", "Opened on", 11),
    h("activities", "开展活动（场）", "Activities held", 9),
    h("usage_days", "有服务记录的天数", "Days with usage", 9),
    h("visits", "服务人次", "Visits", 9),
];

fn held(status: ActivityStatus) -> bool {
    matches!(status, ActivityStatus::Held | ActivityStatus::Recorded)
}

/// The pairing ledger of a folder's valid pairings, in file order: parties
/// named from the roster (enterprises), the department dictionary
/// (departments) or by id (streets), the catalog's names in `lang`.
pub fn pairings(loaded: &Loaded, lang: Lang, catalog: &Catalog) -> Table {
    let enterprises: BTreeMap<&str, &str> = loaded
        .enrollments
        .iter()
        .map(|r| {
            (
                r.record.enterprise.uscc.as_str(),
                r.record.enterprise.name.as_str(),
            )
        })
        .collect();
    let departments = Dictionary::builtin();
    let unit = |unit: &Unit| match unit {
        Unit::Enterprise { uscc } => enterprises
            .get(uscc.as_str())
            .map_or_else(|| uscc.clone(), |name| (*name).to_owned()),
        Unit::Department { id } => departments
            .department(id)
            .map_or_else(|| id.clone(), |d| d.name.get(lang).to_owned()),
        Unit::Street { id } => id.clone(),
    };
    let rows = loaded
        .pairings
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let p = &row.record;
            let activities: Vec<NaiveDate> = loaded
                .activities
                .iter()
                .filter(|a| {
                    a.record.pairing.as_deref() == Some(p.id.as_str()) && held(a.record.status)
                })
                .map(|a| a.record.starts_at.date_naive())
                .collect();
            pairing_row(i + 1, p, &activities, lang, catalog, &unit)
        })
        .collect();
    Table {
        ledger: "pairings",
        title: pick(lang, "结对共建台账", "Pairing ledger").to_owned(),
        columns: PAIRING_COLUMNS.iter().map(|c| c.column(lang)).collect(),
        rows,
    }
}

fn pairing_row(
    no: usize,
    p: &Pairing,
    activities: &[NaiveDate],
    lang: Lang,
    catalog: &Catalog,
    unit: &dyn Fn(&Unit) -> String,
) -> Vec<Cell> {
    let kind = match p.kind {
        PairingKind::ChainLeaderEnterprise => {
            pick(lang, "链主带上下游", "Chain leader with its chain")
        }
        PairingKind::GovernmentEnterprise => pick(
            lang,
            "街道/部门—企业",
            "Street or department with enterprises",
        ),
        PairingKind::EnterpriseEnterprise => pick(lang, "企业—企业", "Enterprise with enterprise"),
        PairingKind::StrongWeak => pick(lang, "强弱结对", "Strong with weak"),
        PairingKind::Alliance => pick(lang, "产学研联盟", "Industry–academia alliance"),
    };
    let content = |c: &Content| match c {
        Content::Organization => pick(lang, "组织共建", "Organization"),
        Content::BusinessExchange => pick(lang, "业务交流", "Business exchange"),
        Content::JointActivities => pick(lang, "活动共办", "Joint activities"),
        Content::ResourceSharing => pick(lang, "资源共享", "Resource sharing"),
        Content::ComplementaryStrengths => pick(lang, "优势互补", "Complementary strengths"),
    };
    let leader = pick(lang, "（链主）", " (chain leader)");
    let open: Vec<String> = p
        .plan
        .iter()
        .filter(|item| {
            !p.outcomes
                .iter()
                .any(|o| o.plan_item.as_deref() == Some(item.id.as_str()))
        })
        .map(|item| format!("{}（{}）", item.title, item.due_on))
        .collect();
    let demands: BTreeSet<&str> = p
        .outcomes
        .iter()
        .flat_map(|o| o.demands.iter().map(String::as_str))
        .collect();
    let last = activities
        .iter()
        .copied()
        .fold(p.last_sign_of_life(NaiveDate::MAX), NaiveDate::max);
    vec![
        Cell::Integer(no as i64),
        Cell::text(p.id.clone()),
        Cell::text(p.theme.clone()),
        Cell::text(kind),
        Cell::text(
            catalog
                .chain(&p.chain)
                .map_or_else(|| p.chain.clone(), |c| c.name.get(lang).to_owned()),
        ),
        list(
            lang,
            p.parties.iter().map(|party| match party.role {
                PartyRole::ChainLeader => format!("{}{leader}", unit(&party.org)),
                PartyRole::Member => unit(&party.org),
            }),
        ),
        list(lang, p.parties.iter().map(|party| party.party_org.clone())),
        Cell::Integer(
            p.parties
                .iter()
                .filter(|party| party.liaison.is_some())
                .count() as i64,
        ),
        list(lang, p.contents.iter().map(|c| content(c).to_owned())),
        Cell::Date(p.signed_on),
        Cell::Date(p.runs_until()),
        Cell::Integer(p.renewals.len() as i64),
        Cell::text(match p.status {
            PairingStatus::Active => pick(lang, "有效", "Active"),
            PairingStatus::Ended => pick(lang, "已结束", "Ended"),
        }),
        p.ended_on.map_or(Cell::Empty, Cell::Date),
        Cell::Integer(p.plan.len() as i64),
        list(lang, open.into_iter()),
        list(
            lang,
            p.outcomes
                .iter()
                .map(|o| format!("{}（{}）", o.title, o.adopted_on)),
        ),
        list(lang, demands.into_iter().map(str::to_owned)),
        Cell::Integer(p.reports.len() as i64),
        p.reports
            .iter()
            .map(|r| r.filed_on)
            .max()
            .map_or(Cell::Empty, Cell::Date),
        Cell::Integer(activities.len() as i64),
        Cell::Date(last),
        Cell::Integer(p.amendments.len() as i64),
    ]
}

/// The centre ledger of a folder's valid centres, in file order, with the
/// activities held at each and its usage counted in `usage.jsonl`.
pub fn centres(loaded: &Loaded, lang: Lang, catalog: &Catalog) -> Table {
    let rows = loaded
        .centres
        .iter()
        .enumerate()
        .map(|(i, row)| {
            let c = &row.record;
            let activities = loaded
                .activities
                .iter()
                .filter(|a| {
                    a.record.venue.centre.as_deref() == Some(c.id.as_str()) && held(a.record.status)
                })
                .count();
            let usage: Vec<_> = loaded
                .usage
                .iter()
                .filter(|u| u.record.centre == c.id)
                .map(|u| &u.record)
                .collect();
            let days: BTreeSet<NaiveDate> = usage.iter().map(|u| u.on).collect();
            let visits: i64 = usage.iter().map(|u| i64::from(u.visits)).sum();
            centre_row(i + 1, c, activities, days.len(), visits, lang, catalog)
        })
        .collect();
    Table {
        ledger: "centres",
        title: pick(lang, "阵地台账", "Centre ledger").to_owned(),
        columns: CENTRE_COLUMNS.iter().map(|c| c.column(lang)).collect(),
        rows,
    }
}

fn centre_row(
    no: usize,
    c: &Centre,
    activities: usize,
    usage_days: usize,
    visits: i64,
    lang: Lang,
    catalog: &Catalog,
) -> Vec<Cell> {
    let services = ServiceCatalog::builtin();
    let service = |id: &str| {
        services
            .service(id)
            .map_or_else(|| id.to_owned(), |s| s.name.get(lang).to_owned())
    };
    let kind = match c.kind {
        CentreKind::District => pick(lang, "区级", "District"),
        CentreKind::Street => pick(lang, "街道", "Street"),
        CentreKind::Community => pick(lang, "社区", "Community"),
        CentreKind::Park => pick(lang, "园区", "Park"),
        CentreKind::Industry => pick(lang, "行业", "Industry"),
        CentreKind::DriverHome => pick(lang, "司机之家", "Drivers' home"),
        CentreKind::EnterpriseRoom => pick(lang, "企业活动室", "Enterprise room"),
    };
    let missing: Vec<String> = if c.kind == CentreKind::DriverHome {
        services
            .driver_home_basic
            .iter()
            .filter(|id| !c.offers(id))
            .map(|id| service(id))
            .collect()
    } else {
        Vec::new()
    };
    let all_day = c.open_all_day();
    let hours: Vec<String> = if all_day {
        vec![pick(lang, "全天24小时", "24 hours").to_owned()]
    } else {
        c.schedule
            .iter()
            .map(|o| format!("{} {}–{}", days(&o.byday, lang), o.opens_at, o.closes_at))
            .collect()
    };
    vec![
        Cell::Integer(no as i64),
        Cell::text(c.id.clone()),
        Cell::text(c.name.clone()),
        Cell::text(kind),
        list(
            lang,
            c.chains.iter().map(|id| {
                catalog
                    .chain(id)
                    .map_or_else(|| id.clone(), |ch| ch.name.get(lang).to_owned())
            }),
        ),
        Cell::text(c.operator.clone()),
        Cell::text(c.address.clone()),
        c.area_m2.map_or(Cell::Empty, Cell::Number),
        list(lang, c.partners.iter().cloned()),
        list(lang, c.services.iter().map(|s| service(&s.id))),
        list(lang, missing.into_iter()),
        list(lang, hours.into_iter()),
        Cell::text(if all_day {
            pick(lang, "是", "yes")
        } else {
            pick(lang, "否", "no")
        }),
        Cell::Integer(c.rooms.len() as i64),
        Cell::Integer(c.rooms.iter().map(|r| i64::from(r.capacity)).sum()),
        c.opened_on.map_or(Cell::Empty, Cell::Date),
        Cell::Integer(activities as i64),
        Cell::Integer(usage_days as i64),
        Cell::Integer(visits),
    ]
}

/// `MO,TU,WE,TH,FR` as people read it: `周一二三四五`, or `Mon, Tue, …`.
fn days(byday: &str, lang: Lang) -> String {
    const ZH: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    const EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let picked = byday
        .split(',')
        .filter_map(|d| WEEKDAYS.iter().position(|w| *w == d));
    match lang {
        Lang::ZhCn => format!("周{}", picked.map(|i| ZH[i]).collect::<String>()),
        Lang::En => picked.map(|i| EN[i]).collect::<Vec<_>>().join(", "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_has_a_cell_per_column_and_ids_are_unique() {
        for columns in [PAIRING_COLUMNS, CENTRE_COLUMNS] {
            let ids: BTreeSet<&str> = columns.iter().map(|c| c.id).collect();
            assert_eq!(ids.len(), columns.len());
        }
        assert_eq!(days("MO,TU,WE,TH,FR", Lang::ZhCn), "周一二三四五");
        assert_eq!(days("SA,SU", Lang::En), "Sat, Sun");
    }
}
