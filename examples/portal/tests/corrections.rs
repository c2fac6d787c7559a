//! Corrections: staff assign demands to another department than the one
//! suggested — in a joint meeting's minutes and one at a time — and the
//! portal records each, its text scrubbed of personal data, for the district
//! to export and train its classifier model on; a district model given at
//! start routes the staff pages and is offered to the demand form.

mod common;

use common::{demand, scratch, sign_in, Server, USCC};

/// Demands of one kind — a cold store's power supply — that this district's
/// staff send to the industry bureau (which coordinates power for
/// enterprises here), where the classifier suggests the general desk (power
/// supply is `other`).
const POWER: [(&str, &str); 10] = [
    (
        "冷库用电增容申请太慢",
        "新建冷库需要增加用电容量，供电部门说要排队半年，请联系联系人测试 139 0013 9000",
    ),
    (
        "生产线用电负荷不够",
        "新上的生产线用电负荷不够，想申请增容，王经理负责对接",
    ),
    (
        "冷链仓库变压器扩容",
        "冷链仓库要加装变压器扩容，希望协调供电，深圳市示例测试物流有限公司",
    ),
    (
        "旺季冷库用电不够",
        "旺季冷库满负荷运转，想临时增加用电容量，邮箱 ops@example.com",
    ),
    (
        "仓库用电报装进度慢",
        "新仓库用电报装三个月还没通电，影响冷链业务开展",
    ),
    (
        "冷库扩建电力容量不足",
        "冷库扩建后电力容量不够，申请增容一直没有排期，联系赵女士 13800138000",
    ),
    (
        "冷藏车充电桩报装",
        "想在堆场装冷藏车充电桩，用电报装不知道找谁，公司地址盐田区示例路88号",
    ),
    (
        "仓库停电影响冷链",
        "这个月仓库停电两次，冷链货物损失不小，希望协调稳定供电",
    ),
    (
        "临时用电申请没动静",
        "仓库改造需要临时用电，申请材料交了一个月没动静",
    ),
    (
        "园区转供电电费太高",
        "园区转供电层层加价，电费比别人贵，希望协调直接供电",
    ),
];

/// The corrections the portal exports for [`POWER`], committed: `lianjian
/// classify --train` builds `district-model.json` beside it from them, and
/// the command line, Python and the widget are shown to route the corrected
/// way with that model.
const EXPORT_FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/corrections/portal-export.jsonl"
);

fn post_demand(server: &Server, title: &str, description: &str) -> String {
    let posted = server.post_json(
        "/api/demands",
        &demand(USCC, title, description).to_string(),
    );
    assert_eq!(posted.status, 201, "{}", posted.body);
    posted.json()["id"].as_str().unwrap().to_owned()
}

#[test]
fn other_departments_than_suggested_become_corrections_without_personal_data() {
    let dir = scratch("corrections");
    let server = Server::start(&dir);
    let staff = sign_in(&server);
    let ids: Vec<String> = POWER
        .iter()
        .map(|(title, description)| post_demand(&server, title, description))
        .collect();
    // Assigned where it was suggested: no correction.
    let traffic = post_demand(
        &server,
        "明珠大道进港拖车高峰期拥堵",
        "每天下午四点到七点，进港拖车在明珠大道排队超过两公里，希望加强疏导。",
    );

    // Three in a joint meeting's minutes (with the traffic one), two one at a time.
    let mut minutes = vec![("meeting", "2026-12 联席会议".to_owned())];
    for id in ids[..3].iter().chain([&traffic]) {
        let collected = staff.post(
            &server,
            &format!("/staff/demands/{id}/events"),
            &[("action", "collect"), ("meeting", "2026-12 联席会议")],
        );
        assert_eq!(collected.status, 303);
        let department = if *id == traffic {
            "traffic_police"
        } else {
            "industry_it_bureau"
        };
        minutes.push((format!("pick_{id}").leak(), "1".into()));
        minutes.push((format!("department_{id}").leak(), department.into()));
    }
    let pairs: Vec<(&str, &str)> = minutes.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let recorded = staff.post(&server, "/staff/meeting/minutes", &pairs);
    assert_eq!(recorded.status, 303, "{}", recorded.body);
    for id in &ids[3..] {
        let assigned = staff.post(
            &server,
            &format!("/staff/demands/{id}/events"),
            &[
                ("action", "assign"),
                ("department", "industry_it_bureau"),
                ("deadline", ""),
            ],
        );
        assert_eq!(assigned.status, 303, "{}", assigned.body);
    }

    // Only staff export them.
    assert_eq!(server.get("/staff/corrections.jsonl", &[]).status, 303);
    let export = staff.get(&server, "/staff/corrections.jsonl");
    assert_eq!(export.status, 200);
    assert!(export
        .header("content-disposition")
        .is_some_and(|d| d.contains("corrections.jsonl")));
    let lines: Vec<serde_json::Value> = export
        .body
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), POWER.len(), "{}", export.body);
    let (meeting, one) = lines.split_at(3);
    for (line, source) in meeting
        .iter()
        .map(|l| (l, "meeting"))
        .chain(one.iter().map(|l| (l, "assignment")))
    {
        assert_eq!(line["department"], "industry_it_bureau", "{line}");
        assert_eq!(line["suggested_topic"], "other", "{line}");
        assert_eq!(line["suggested_department"], "enterprise_service_centre");
        // The topic the industry bureau leads.
        assert_eq!(line["topic"], "financing", "{line}");
        assert_eq!(line["source"], source);
        assert_eq!(line["on"], "2026-11-25");
        let keys: Vec<&str> = line
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "department",
                "description",
                "on",
                "source",
                "suggested_department",
                "suggested_topic",
                "title",
                "topic"
            ]
        );
    }
    for personal in [
        "13900139000",
        "139 0013 9000",
        "联系人测试",
        "示例测试物流",
        USCC,
        "ops@example.com",
        "王经理",
        "赵女士",
        "13800138000",
        "示例路88号",
    ] {
        assert!(
            !export.body.contains(personal),
            "{personal}: {}",
            export.body
        );
    }
    assert!(export.body.contains("某经理负责对接"), "{}", export.body);
    assert!(export.body.contains("邮箱 ***"), "{}", export.body);
    assert!(!export.body.contains("明珠大道"), "assigned as suggested");
    if std::env::var_os("LIANJIAN_UPDATE_FIXTURES").is_some() {
        std::fs::write(EXPORT_FIXTURE, &export.body).unwrap();
    }
    assert_eq!(
        std::fs::read_to_string(EXPORT_FIXTURE).unwrap_or_default(),
        export.body,
        "tests/fixtures/corrections/portal-export.jsonl is not what the portal exports; \
         regenerate it with LIANJIAN_UPDATE_FIXTURES=1, then the district model beside it"
    );

    let meeting = staff.get(&server, "/staff/meeting");
    assert!(meeting.body.contains("Corrections"), "{}", meeting.body);
    assert!(meeting.body.contains(": 10 ·"), "{}", meeting.body);
    assert!(meeting.body.contains("href=\"/staff/corrections.jsonl\""));
    server.stop();
}

/// A model that sends cold-store demands to the industry bureau, in the
/// shape `lianjian classify --train` writes.
fn district_model() -> String {
    let topics: Vec<String> = [
        "tax",
        "customs",
        "social_security",
        "labour_relations",
        "talent",
        "financing",
        "intellectual_property",
        "market_regulation",
        "traffic",
        "industry_policy",
        "land_space",
        "culture_tourism",
        "other",
    ]
    .iter()
    .map(|id| {
        let weights = if *id == "industry_policy" {
            r#"{"冷库": 9}"#
        } else {
            "{}"
        };
        format!(r#""{id}": {{"bias": 0, "weights": {weights}}}"#)
    })
    .collect();
    format!(
        r#"{{"format": "lianjian-classifier/1", "about": "a district",
             "routing": {{"industry_policy": ["industry_it_bureau", "development_reform_bureau"]}},
             "topics": {{{}}}}}"#,
        topics.join(", ")
    )
}

#[test]
fn a_district_model_routes_the_staff_pages_and_goes_to_the_demand_form() {
    let dir = scratch("district-model");
    let model = dir.join("classifier.json");
    std::fs::write(&model, district_model()).unwrap();
    let server = Server::start_with(
        &dir,
        common::NOW,
        &["--classifier", model.to_str().unwrap()],
    );
    let staff = sign_in(&server);
    let page = server.get("/", &[]);
    assert!(
        page.body
            .contains("classifier=\"/static/portal/classifier.json\""),
        "{}",
        page.body
    );
    let served = server.get("/static/portal/classifier.json", &[]);
    assert_eq!(served.status, 200);
    assert_eq!(
        served.json()["routing"]["industry_policy"][0],
        "industry_it_bureau"
    );

    let id = post_demand(&server, POWER[0].0, POWER[0].1);
    let shown = staff.get(&server, &format!("/staff/demands/{id}"));
    assert!(
        shown
            .body
            .contains("<option value=\"industry_it_bureau\" selected"),
        "the district model suggests the industry bureau"
    );
    server.stop();

    // Without a model: the package's own, and no district file.
    let plain = Server::start(&scratch("no-model"));
    assert!(!plain.get("/", &[]).body.contains("classifier="));
    assert_eq!(plain.get("/static/portal/classifier.json", &[]).status, 404);
    plain.stop();

    // A model that does not load stops the start, named.
    let broken = dir.join("broken.json");
    std::fs::write(&broken, r#"{"format": "lianjian-classifier/9"}"#).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lianjian-portal"))
        .args(["--port", "0", "--classifier"])
        .arg(&broken)
        .arg("--data")
        .arg(dir.join("data2/portal.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--classifier") && stderr.contains("broken.json"),
        "{stderr}"
    );
}
