//! The joint meeting (agenda, minutes, follow-up, statistics) and Open311
//! GeoReport v2 (services, definitions, requests, import) over a few demands.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use lianjian::demand::meeting::{agenda, follow_up, statistics, Assignment, Minutes, Tracked};
use lianjian::demand::open311::{import_request, requests, service_definition, services};
use lianjian::demand::{
    check_demand_json, Calendar, Case, DeadlinePolicy, Demand, DemandKind, Dictionary, Event,
    EventKind, RepeatCheck, Rules, State,
};
use lianjian::{Catalog, Code, Context, Lang};

fn at(text: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{text}T10:00:00+08:00")).unwrap()
}

fn day(text: &str) -> NaiveDate {
    lianjian::ident::parse_date(text).unwrap()
}

fn demand(
    uscc: &str,
    chain: &str,
    title: &str,
    description: &str,
    urgency: &str,
    submitted: &str,
) -> Demand {
    let json = serde_json::json!({
        "enterprise_uscc": uscc, "enterprise_name": format!("示例企业{}", &uscc[14..]), "chain": chain,
        "kind": "help", "title": title, "description": description, "urgency": urgency,
        "contact": {"name": "联系人", "phone": "13900139000"},
        "declarations": {"not_in_litigation": true, "no_secrets": true},
        "submitted_at": format!("{submitted}T10:00:00+08:00"),
    });
    let context = Context::new(Catalog::yantian(), day("2026-12-31"));
    let checked = check_demand_json(&json.to_string(), &context, &RepeatCheck::default());
    checked
        .record
        .unwrap_or_else(|| panic!("{:?}", checked.report))
}

fn rules(calendar: &Calendar) -> Rules<'_> {
    Rules {
        calendar,
        deadlines: DeadlinePolicy::default(),
        dictionary: Some(Dictionary::builtin()),
    }
}

struct World {
    demands: Vec<(String, Demand, Case)>,
    calendar: Calendar,
}

impl World {
    fn new() -> Self {
        let calendar = Calendar::china();
        let list = [
            (
                "D1",
                "91440300MA5FUTN418",
                "port_logistics",
                "盐田港后方陆域高峰期拥堵",
                "每天下午进港拖车排队两公里，交通拥堵严重",
                "normal",
                "2026-11-16",
            ),
            (
                "D2",
                "91440300MA5G12343E",
                "port_logistics",
                "进港路口信号灯配时不合理",
                "高峰期拖车排队，路口红绿灯时间太短",
                "urgent",
                "2026-11-23",
            ),
            (
                "D3",
                "91440300MA5H2B7C5Y",
                "gold_jewelry",
                "黄金珠宝企业融资难",
                "希望组织银企对接，解决流动资金贷款问题",
                "normal",
                "2026-11-10",
            ),
            (
                "D4",
                "91440300MA5J6K8P6E",
                "coastal_tourism",
                "出口退税进度缓慢",
                "上季度出口退税仍未到账，请税务局协助",
                "normal",
                "2026-11-02",
            ),
        ];
        let demands = list
            .iter()
            .map(|(id, uscc, chain, title, text, urgency, submitted)| {
                let d = demand(uscc, chain, title, text, urgency, submitted);
                let case = Case::submitted(d.kind, d.submitted_at, "enterprise");
                ((*id).to_owned(), d, case)
            })
            .collect();
        World { demands, calendar }
    }

    fn apply(&mut self, id: &str, on: &str, kind: EventKind) {
        let calendar = self.calendar.clone();
        let rules = rules(&calendar);
        let (_, _, case) = self.demands.iter_mut().find(|(i, _, _)| i == id).unwrap();
        case.apply(
            Event {
                at: at(on),
                actor: "staff".into(),
                note: None,
                kind,
            },
            &rules,
        )
        .unwrap();
    }

    fn tracked(&self) -> Vec<Tracked<'_>> {
        self.demands
            .iter()
            .map(|(id, demand, case)| Tracked { id, demand, case })
            .collect()
    }
}

#[test]
fn agenda_groups_by_chain_topic_and_department_urgent_and_old_first() {
    let mut world = World::new();
    for id in ["D1", "D2", "D3", "D4"] {
        world.apply(
            id,
            "2026-11-24",
            EventKind::Collected {
                meeting: "2026年11月联席会议".into(),
            },
        );
    }
    let classifier = Dictionary::builtin().classifier();
    let tracked = world.tracked();
    let groups = agenda(&tracked, &classifier, &world.calendar, day("2026-11-25"));
    let shape: Vec<(String, String, String, Vec<String>)> = groups
        .iter()
        .map(|g| {
            (
                g.chain.clone(),
                g.topic.clone(),
                g.department.clone(),
                g.items.iter().map(|i| i.id.clone()).collect(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        [
            (
                "port_logistics".into(),
                "traffic".into(),
                "traffic_police".into(),
                vec!["D2".into(), "D1".into()]
            ),
            (
                "coastal_tourism".into(),
                "tax".into(),
                "tax_bureau".into(),
                vec!["D4".into()]
            ),
            (
                "gold_jewelry".into(),
                "financing".into(),
                "industry_it_bureau".into(),
                vec!["D3".into()]
            ),
        ]
    );
    assert_eq!(groups[0].items[1].age_working_days, 7);
}

#[test]
fn minutes_become_assignments_and_the_follow_up_list_tracks_them() {
    let mut world = World::new();
    for id in ["D1", "D2", "D3", "D4"] {
        world.apply(
            id,
            "2026-11-24",
            EventKind::Collected {
                meeting: "2026年11月联席会议".into(),
            },
        );
    }
    let minutes = Minutes {
        meeting: "2026年11月联席会议".into(),
        held_at: at("2026-11-25"),
        recorder: "秘书".into(),
        assignments: vec![
            Assignment {
                id: "D1".into(),
                department: "traffic_police".into(),
                deadline: None,
                note: None,
            },
            Assignment {
                id: "D2".into(),
                department: "transport_bureau".into(),
                deadline: Some(day("2026-11-27")),
                note: Some("三日内回复".into()),
            },
            Assignment {
                id: "D3".into(),
                department: "finance_office".into(),
                deadline: None,
                note: None,
            },
            Assignment {
                id: "D4".into(),
                department: "tax_bureau".into(),
                deadline: None,
                note: None,
            },
        ],
    };
    for (id, event) in minutes.events() {
        let rules_world = &mut world;
        let calendar = rules_world.calendar.clone();
        let rules = rules(&calendar);
        let (_, _, case) = rules_world
            .demands
            .iter_mut()
            .find(|(i, _, _)| *i == id)
            .unwrap();
        case.apply(event, &rules).unwrap();
    }
    world.apply("D3", "2026-11-26", EventKind::Accepted);
    world.apply(
        "D3",
        "2026-11-30",
        EventKind::Replied {
            reply: "已组织银企对接会".into(),
        },
    );
    world.apply(
        "D4",
        "2026-11-26",
        EventKind::Returned {
            reason: "需补充材料".into(),
        },
    );

    let tracked = world.tracked();
    let list = follow_up(&tracked, &world.calendar, day("2026-11-30"));
    let ids = |items: &[lianjian::demand::meeting::FollowUpItem]| {
        items.iter().map(|i| i.id.clone()).collect::<Vec<_>>()
    };
    assert_eq!(
        ids(&list.overdue),
        ["D2"],
        "the meeting's own deadline of 27 November has passed"
    );
    assert_eq!(list.overdue[0].overdue_days, Some(1));
    assert_eq!(ids(&list.open), ["D1"]);
    assert_eq!(ids(&list.to_reassign), ["D4"]);
    assert_eq!(ids(&list.awaiting_revisit), ["D3"]);
    // The first deadline runs from receipt: help = 10 working days after 16 November.
    assert_eq!(list.open[0].deadline, Some(day("2026-11-30")));
}

#[test]
fn statistics_like_the_seed() {
    let mut world = World::new();
    for (id, dept) in [
        ("D1", "traffic_police"),
        ("D2", "traffic_police"),
        ("D3", "finance_office"),
    ] {
        world.apply(id, "2026-11-24", EventKind::assigned(dept, None));
        world.apply(id, "2026-11-25", EventKind::Accepted);
        world.apply(
            id,
            "2026-11-26",
            EventKind::Replied {
                reply: "已办结".into(),
            },
        );
    }
    world.apply("D1", "2026-11-27", EventKind::revisited(true));
    world.apply("D2", "2026-11-27", EventKind::revisited(false));
    let classifier = Dictionary::builtin().classifier();
    let stats = statistics(&world.tracked(), &classifier);
    assert_eq!(stats.demands, 4);
    assert_eq!((stats.resolved, stats.enterprises_helped), (1, 1));
    assert_eq!(stats.by_state["closed"], 1);
    assert_eq!(stats.by_state["reopened"], 1);
    assert_eq!(stats.by_state["submitted"], 1);
    assert_eq!(stats.by_topic["traffic"], 2);
    assert_eq!(stats.by_department["traffic_police"], 2);
    // D3 was received on 10 November: its deadline (24 November) had passed when it was replied.
    assert_eq!(stats.on_time_rate, Some(0.6667));
    assert_eq!(stats.satisfaction_rate, Some(0.5));
}

#[test]
fn open311_services_definitions_and_requests() {
    let dictionary = Dictionary::builtin();
    let list = services(dictionary, Lang::ZhCn);
    assert_eq!(list.len(), 13);
    let tax = list.iter().find(|s| s.service_code == "tax").unwrap();
    assert_eq!(
        (tax.service_name.as_str(), tax.description.as_str()),
        ("税务", "区税务局")
    );
    assert!(tax.metadata);
    let json = serde_json::to_value(&list[0]).unwrap();
    assert!(json.get("type").is_some() && json.get("group").is_some());

    let definition = service_definition(dictionary, "traffic", Lang::En).unwrap();
    let codes: Vec<&str> = definition.attributes.iter().map(|a| a.code).collect();
    assert_eq!(
        codes,
        [
            "kind",
            "title",
            "enterprise_uscc",
            "enterprise_name",
            "chain",
            "urgency",
            "not_in_litigation",
            "no_secrets"
        ]
    );
    assert!(service_definition(dictionary, "weather", Lang::En).is_none());

    let mut world = World::new();
    world.apply("D4", "2026-11-03", EventKind::assigned("tax_bureau", None));
    let items: Vec<(&str, &Demand, &Case)> = world
        .demands
        .iter()
        .map(|(i, d, c)| (i.as_str(), d, c))
        .collect();
    let out = requests(&items, dictionary, Lang::ZhCn);
    let d4 = out.iter().find(|r| r.service_request_id == "D4").unwrap();
    assert_eq!((d4.status, d4.service_code.as_str()), ("open", "tax"));
    assert_eq!(d4.agency_responsible.as_deref(), Some("区税务局"));
    assert_eq!(
        d4.expected_datetime.as_deref(),
        Some("2026-11-16T23:59:59+08:00")
    );
    assert_eq!(
        out.iter()
            .find(|r| r.service_request_id == "D1")
            .unwrap()
            .agency_responsible,
        None
    );
    assert_eq!(world.demands[0].2.state(), State::Submitted);
}

#[test]
fn the_text_of_complaints_and_reports_is_never_public() {
    let dictionary = Dictionary::builtin();
    let mut shown = Vec::new();
    for kind in DemandKind::ALL {
        let mut d = demand(
            "91440300MA5FUTN418",
            "port_logistics",
            "堆场周边货车违停",
            "某物流公司车辆长期占道，联系人电话13800138000。",
            "normal",
            "2026-11-25",
        );
        d.kind = kind;
        let case = Case::submitted(kind, at("2026-11-25"), "enterprise");
        let out = requests(&[("D1", &d, &case)], dictionary, Lang::ZhCn);
        shown.push((
            kind,
            out[0].description.clone(),
            out[0].service_code.clone(),
        ));
    }
    for (kind, description, topic) in shown {
        assert!(!topic.is_empty());
        match kind {
            DemandKind::Complaint | DemandKind::Report => {
                assert_eq!(description, "", "{kind:?}");
                assert!(!kind.text_is_public());
            }
            _ => assert!(description.starts_with("堆场周边货车违停\n"), "{kind:?}"),
        }
    }
}

#[test]
fn a_posted_request_becomes_a_checked_demand() {
    let context = Context::new(Catalog::yantian(), day("2026-11-25"));
    let form: BTreeMap<String, String> = [
        ("service_code", "customs"),
        (
            "description",
            "夜间到港冷链集装箱无法进入保税区，希望延长货运通道开放时间。",
        ),
        ("first_name", "乙"),
        ("last_name", "联系人"),
        ("phone", "13900139000"),
        ("attribute[kind]", "suggestion"),
        ("attribute[title]", "保税区货运通道开放时间"),
        ("attribute[enterprise_uscc]", "91440300MA5FUTN418"),
        ("attribute[enterprise_name]", "深圳市示例冷链有限公司"),
        ("attribute[chain]", "port_logistics"),
        ("attribute[not_in_litigation]", "true"),
        ("attribute[no_secrets]", "true"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let checked = import_request(
        &form,
        "2026-11-25T10:00:00+08:00",
        &context,
        &RepeatCheck::default(),
    );
    let demand = checked
        .record
        .unwrap_or_else(|| panic!("{:?}", checked.report));
    assert_eq!(
        (demand.topic.as_deref(), demand.contact.name.as_str()),
        (Some("customs"), "联系人乙")
    );

    let mut missing = form.clone();
    missing.remove("attribute[no_secrets]");
    missing.insert("service_code".into(), "weather".into());
    let checked = import_request(
        &missing,
        "2026-11-25T10:00:00+08:00",
        &context,
        &RepeatCheck::default(),
    );
    assert!(checked.record.is_none());
    assert!(checked.report.has(Code::DeclarationRequired));
    assert!(checked.report.has(Code::InvalidOption));

    // The identifier checks of a demand: a Hong Kong contact is stored in E.164…
    let mut hong_kong = form.clone();
    hong_kong.insert("phone".into(), "+852 9123 4567".into());
    let checked = import_request(
        &hong_kong,
        "2026-11-25T10:00:00+08:00",
        &context,
        &RepeatCheck::default(),
    );
    let demand = checked
        .record
        .unwrap_or_else(|| panic!("{:?}", checked.report));
    assert_eq!(demand.contact.phone, "+85291234567");

    // …while a resident ID number as the code, a Guangzhou landline and an
    // unallocated Macau number are refused, quoting no number.
    for (uscc, phone, codes) in [
        (
            "320102199409116943",
            "+86 20 8333 1234",
            [Code::UsccResidentId, Code::PhoneLandlineArea],
        ),
        (
            "91470300MA5FUTN41L",
            "+853 7123 4567",
            [Code::UsccDivision, Code::PhoneUnknownRangeHkMo],
        ),
    ] {
        let mut bad = form.clone();
        bad.insert("attribute[enterprise_uscc]".into(), uscc.into());
        bad.insert("phone".into(), phone.into());
        let checked = import_request(
            &bad,
            "2026-11-25T10:00:00+08:00",
            &context,
            &RepeatCheck::default(),
        );
        assert!(checked.record.is_none());
        let found: Vec<Code> = checked.report.findings().iter().map(|f| f.code).collect();
        assert_eq!(found, codes);
        let shown = format!("{:?}", checked.report.findings());
        assert!(
            !shown.contains("320102") && !shown.contains("8333"),
            "{shown}"
        );
    }
}
