//! The first run's demo data: a synthetic roster over the four Yantian
//! chains and a few demands in different states, so the first screen shows
//! something. Every code is computed with the core's check-character
//! functions; every name is generated (示例…有限公司01); no real people.
//! Seeded records go through the same checks as posted ones.

use chrono::{DateTime, Duration, FixedOffset};
use lianjian::api::{self, Options};
use lianjian::demand::{CloseReason, Event, EventKind};
use lianjian::ident::uscc::{check_character, org_code_check_character};
use rusqlite::Connection;
use serde_json::json;

use crate::domain::Domain;
use crate::store::{demands, enrollments, StoreError};

/// The USCC alphabet without the letters GB 32100 leaves out.
const SYMBOLS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";

/// A valid synthetic USCC for an enterprise registered in Shenzhen: the
/// `n`-th one of a series.
pub fn synthetic_uscc(n: u32) -> String {
    let mut org = b"MA5".to_vec();
    let mut rest = n;
    let mut tail = [b'0'; 5];
    for slot in tail.iter_mut().rev() {
        *slot = SYMBOLS[(rest % SYMBOLS.len() as u32) as usize];
        rest /= SYMBOLS.len() as u32;
    }
    org.extend_from_slice(&tail);
    let org_check = org_code_check_character(&org).unwrap_or(b'0');
    let mut first17 = b"91440300".to_vec();
    first17.extend_from_slice(&org);
    first17.push(org_check);
    let check = check_character(&first17).unwrap_or(b'0');
    first17.push(check);
    String::from_utf8(first17).unwrap_or_default()
}

const STREETS: [&str; 4] = ["沙头角", "海山", "盐田", "梅沙"];

/// The roster: for every segment but the last of each chain, a few members
/// with each kind of coverage in turn (the last segments stay empty: gaps).
fn roster(today: chrono::NaiveDate, domain: &Domain) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let mut n = 0u32;
    for chain in &domain.catalog().chains {
        let filled = chain.segments.len().saturating_sub(1);
        for (s, segment) in chain.segments.iter().take(filled).enumerate() {
            for k in 0..(2 + (s % 3) as u32) {
                n += 1;
                let street = STREETS[(n % 4) as usize];
                let name = format!(
                    "深圳市示例{}有限公司{n:02}",
                    segment.name.zh_cn.replace('/', "")
                );
                let industry: Vec<&String> = segment
                    .industry_codes
                    .iter()
                    .filter(|c| c.len() == 4)
                    .take(1)
                    .collect();
                let (party_org, liaison) = match (n + k) % 4 {
                    0 => (
                        json!({"status": "own", "kind": "branch", "name": format!("{name}党支部"),
                        "full_members": 3 + n % 7, "probationary_members": n % 2,
                        "home_affiliation": format!("{street}街道非公企业党委")}),
                        json!(null),
                    ),
                    1 => (
                        json!({"status": "joint", "kind": "joint_branch", "name": format!("示例{street}联合党支部"),
                        "full_members": 1 + n % 2, "home_affiliation": format!("{street}街道非公企业党委")}),
                        json!(null),
                    ),
                    2 => (
                        json!({"status": "none"}),
                        json!({"name": format!("联络员{n:02}"), "phone": format!("1380013{:04}", 5000 + n)}),
                    ),
                    _ => (json!(null), json!(null)),
                };
                out.push(json!({
                    "enterprise": {"name": name, "uscc": synthetic_uscc(n), "kind": "enterprise",
                        "industry_codes": industry, "annual_output_wan": 1000.0 + f64::from(n) * 730.5,
                        "employees": 20 + n * 13},
                    "chain": chain.id, "segments": [segment.id],
                    "party_org": party_org, "liaison": liaison,
                    "contact": {"name": format!("联系人{n:02}"), "phone": format!("1380013{:04}", n), "email": null},
                    "joined_on": (today - Duration::days(i64::from(30 + n))).to_string(),
                }));
            }
        }
    }
    out
}

/// `(chain, kind, title, description, urgent, days ago, what happened)`.
type DemandSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    bool,
    i64,
    &'static [Step],
);

/// What happened to a seeded demand, in days after its receipt.
#[derive(Debug, Clone, Copy)]
enum Step {
    Collect(i64),
    Assign(i64, &'static str),
    Accept(i64),
    Start(i64),
    Return(i64),
    Reply(i64),
    Satisfied(i64),
    CloseDuplicate(i64),
}

const DEMANDS: &[DemandSeed] = &[
    ("port_logistics", "help", "盐田港后方陆域高峰期拥堵", "每天下午四点到七点，进港拖车在明珠大道排队超过两公里，集装箱无法按时进港。希望在高峰期加强疏导。", true, 6, &[Step::Collect(1)]),
    ("port_logistics", "suggestion", "保税区货运通道开放时间", "夜间到港的冷链集装箱要在保税区卡口外等到早上，建议货运通道二十四小时开放，实现免预约通关。", false, 2, &[]),
    ("gold_jewelry", "help", "黄金珠宝企业流动资金紧张", "金价上涨后原料占用资金翻倍，希望组织银企对接，提供黄金租赁和流动资金贷款支持。", false, 30, &[Step::Assign(1, "finance_office"), Step::Accept(2)]),
    ("life_health", "consultation", "获取最新知识产权政策信息", "我们是医疗器械研发企业，想了解最新的专利资助和知识产权质押融资政策。", false, 3, &[Step::Collect(1)]),
    ("coastal_tourism", "help", "旺季民宿用工招聘困难", "暑期旺季民宿服务人员缺口较大，希望人社部门组织专场招聘会并介绍技能培训补贴政策。", false, 40, &[Step::Assign(1, "hr_bureau"), Step::Accept(1), Step::Reply(6), Step::Satisfied(10)]),
    ("port_logistics", "complaint", "堆场周边道路货车违停", "堆场周边道路货车长期违停占道，影响企业车辆进出，请求加强管理。", false, 12, &[Step::Assign(1, "market_regulation_bureau"), Step::Return(2)]),
    ("life_health", "help", "生物医药企业用房需求", "企业扩大研发规模，需要约两千平方米的研发用房，希望协助对接产业园区空间资源。", false, 8, &[Step::Assign(1, "planning_resources_bureau"), Step::Accept(2), Step::Start(3)]),
    ("gold_jewelry", "consultation", "黄金珠宝企业流动资金紧张", "金价上涨后原料占用资金翻倍，希望组织银企对接，提供黄金租赁和流动资金贷款支持。", false, 29, &[Step::CloseDuplicate(1)]),
];

fn event(at: DateTime<FixedOffset>, kind: EventKind) -> Event {
    Event {
        at,
        actor: "seed".into(),
        note: None,
        kind,
    }
}

/// Seeds an empty database; does nothing when it already holds records.
/// Returns the number of enrollments and demands stored.
pub fn seed(
    conn: &mut Connection,
    domain: &Domain,
    now: DateTime<FixedOffset>,
) -> Result<(usize, usize), StoreError> {
    let has_data: i64 = conn.query_row(
        "SELECT (SELECT count(*) FROM enrollments) + (SELECT count(*) FROM demands)",
        [],
        |row| row.get(0),
    )?;
    if has_data > 0 {
        return Ok((0, 0));
    }
    let today = now.date_naive();
    let options = Options {
        today: Some(today.to_string()),
        ..Options::default()
    };
    let mut enrolled = 0;
    for record in roster(today, domain) {
        let answer = api::enrollment(&record.to_string(), &options);
        let Some(valid) = answer.record.filter(|_| answer.valid) else {
            return Err(StoreError::Corrupt(format!(
                "a seeded enrollment is invalid: {:?}",
                answer
                    .findings
                    .iter()
                    .map(|f| f.code.as_str())
                    .collect::<Vec<_>>()
            )));
        };
        if let enrollments::Stored::New(_) = enrollments::insert(conn, &valid, now)? {
            enrolled += 1;
        }
    }
    let rules = domain.rules();
    for (i, (chain, kind, title, description, urgent, ago, steps)) in DEMANDS.iter().enumerate() {
        let received = now - Duration::days(*ago);
        let n = 200 + i as u32 % 7;
        let record = json!({
            "enterprise_uscc": synthetic_uscc(n), "enterprise_name": format!("深圳市示例企业有限公司{n:02}"),
            "chain": chain, "kind": kind, "title": title, "description": description,
            "urgency": if *urgent { "urgent" } else { "normal" },
            "contact": {"name": format!("联系人{n:02}"), "phone": format!("1390013{:04}", n)},
            "declarations": {"not_in_litigation": true, "no_secrets": true},
            "submitted_at": received.to_rfc3339(),
        });
        let answer = api::demand(&record.to_string(), &options);
        let Some(demand) = answer.record.filter(|_| answer.valid) else {
            return Err(StoreError::Corrupt(format!(
                "seeded demand {i} is invalid: {:?}",
                answer
                    .findings
                    .iter()
                    .map(|f| f.code.as_str())
                    .collect::<Vec<_>>()
            )));
        };
        let topic = domain.topic_of(&demand);
        let id = demands::insert(conn, &demand, &topic, received, "portal")?;
        let meeting = format!("{} 联席会议", today.format("%Y-%m"));
        let events: Vec<(String, Event)> = steps
            .iter()
            .map(|step| {
                let (day, kind) = match *step {
                    Step::Collect(d) => (
                        d,
                        EventKind::Collected {
                            meeting: meeting.clone(),
                        },
                    ),
                    Step::Assign(d, department) => (d, EventKind::assigned(department, None)),
                    Step::Accept(d) => (d, EventKind::Accepted),
                    Step::Start(d) => (d, EventKind::Started),
                    Step::Return(d) => (
                        d,
                        EventKind::Returned {
                            reason: "不属本单位职责".into(),
                        },
                    ),
                    Step::Reply(d) => (
                        d,
                        EventKind::Replied {
                            reply: "已组织专场招聘会并告知培训补贴申领方式".into(),
                        },
                    ),
                    Step::Satisfied(d) => (d, EventKind::revisited(true)),
                    Step::CloseDuplicate(d) => (
                        d,
                        EventKind::Closed {
                            reason: CloseReason::Duplicate,
                        },
                    ),
                };
                (id.clone(), event(received + Duration::days(day), kind))
            })
            .collect();
        let outcomes = demands::apply_events(conn, events, &rules, now)?;
        if !demands::all_done(&outcomes) {
            return Err(StoreError::Corrupt(format!(
                "seeded demand {i}: a step was refused"
            )));
        }
        // Staff have seen every seeded demand past its submission and
        // accepted it for Open311; the newest waits for them.
        if !steps.is_empty() {
            demands::set_published(conn, &id, true, received, "seed")?;
        }
    }
    Ok((enrolled, DEMANDS.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_codes_pass_the_core_check() {
        for n in [0, 1, 30, 31, 999, 28_000] {
            let code = synthetic_uscc(n);
            assert_eq!(code.len(), 18);
            assert!(lianjian::ident::uscc::is_valid(&code), "{code}");
        }
        assert_ne!(synthetic_uscc(1), synthetic_uscc(2));
    }

    #[test]
    fn seeds_an_empty_database_once() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::db::migrate(&mut conn).unwrap();
        let domain = Domain::default();
        let now = DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap();
        let (enrolled, demanded) = seed(&mut conn, &domain, now).unwrap();
        assert!(enrolled > 40, "{enrolled}");
        assert_eq!(demanded, DEMANDS.len());
        assert_eq!(seed(&mut conn, &domain, now).unwrap(), (0, 0));
        let all = demands::load_all(&conn, &domain.rules()).unwrap();
        let overdue = all
            .iter()
            .filter(|d| d.case.is_supervised(now.date_naive(), &domain.calendar))
            .count();
        assert!(overdue >= 1, "the supervision list shows something");
    }
}
