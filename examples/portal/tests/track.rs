//! Receipts and the public tracking page over real HTTP: every demand and
//! enrollment from the portal page gets a number and a query code; with
//! both, the tracking page tells where it stands — state, department,
//! deadline, the department's reply — and nothing personal.

mod common;

use common::{demand, form, scratch, sign_in, Server, USCC};
use serde_json::Value;

fn track(server: &Server, number: &str, code: &str) -> common::Response {
    server.post(
        "/track",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Accept-Language", "en"),
        ],
        &form(&[("number", number), ("code", code)]),
    )
}

fn receipt(answer: &Value) -> (String, String) {
    let receipt = &answer["receipt"];
    (
        receipt["number"].as_str().unwrap().to_owned(),
        receipt["code"].as_str().unwrap().to_owned(),
    )
}

#[test]
fn a_receipt_tracks_the_demand_and_shows_nothing_personal() {
    let dir = scratch("track");
    let server = Server::start(&dir);
    let record = demand(
        USCC,
        "保税区通道夜间开放时间",
        "夜间到港的冷链集装箱在卡口外等候，建议延长保税区通道开放时间。",
    );
    let created = server.post_json("/api/demands", &record.to_string());
    assert_eq!(created.status, 201, "{}", created.body);
    let answer = created.json();
    let id = answer["id"].as_str().unwrap().to_owned();
    let (number, code) = receipt(&answer);
    assert_eq!(number, format!("D-{:06}", id.parse::<u32>().unwrap()));

    let form_page = server.get("/track", &[]);
    assert_eq!(form_page.status, 200);
    assert!(form_page.body.contains("name=\"number\"") && form_page.body.contains("name=\"code\""));
    let shown = track(&server, &number, &code);
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert!(shown.body.contains(&number));
    assert!(shown.body.contains("保税区通道夜间开放时间"));
    assert!(shown.body.contains("Submitted"));
    // Nothing personal, nothing internal.
    for private in [
        "13900139000",
        "联系人测试",
        USCC,
        "深圳市示例测试物流有限公司",
        "(portal)",
    ] {
        assert!(
            !shown.body.contains(private),
            "the tracking page shows {private}"
        );
    }
    // As people type it: lower case, a space, full-width digits.
    let typed = format!(" {}", number.to_lowercase().replace('0', "０"));
    assert_eq!(track(&server, &typed, &code.to_lowercase()).status, 200);

    // The department's reply reaches the enterprise; staff names and the office's urging do not.
    let staff = sign_in(&server);
    let events = format!("/staff/demands/{id}/events");
    for fields in [
        vec![
            ("action", "assign"),
            ("department", "customs_office"),
            ("deadline", ""),
        ],
        vec![("action", "urge"), ("note", "请尽快")],
        vec![("action", "accept")],
        vec![
            ("action", "reply"),
            ("reply", "已协调海关延长保税区通道开放时间至晚上十点。"),
        ],
    ] {
        assert_eq!(
            staff.post(&server, &events, &fields).status,
            303,
            "{fields:?}"
        );
    }
    let shown = track(&server, &number, &code);
    assert!(shown
        .body
        .contains("已协调海关延长保税区通道开放时间至晚上十点。"));
    assert!(shown.body.contains("Replied"));
    assert!(
        !shown.body.contains("customs_office"),
        "a department by its name, not its id"
    );
    assert!(
        !shown.body.contains("admin")
            && !shown.body.contains("Urged")
            && !shown.body.contains("请尽快")
    );
    assert!(shown.body.contains("revisit") || shown.body.contains("call or visit"));
}

#[test]
fn wrong_codes_are_refused_and_limited_per_number() {
    let dir = scratch("track-wrong");
    let server = Server::start(&dir);
    let created = server.post_json(
        "/api/demands",
        &demand(
            USCC,
            "明珠大道进港拖车拥堵",
            "每天下午进港拖车排队超过两公里，希望加强疏导。",
        )
        .to_string(),
    );
    let (number, code) = receipt(&created.json());
    let wrong = if code.starts_with('A') {
        "CCCCCCCC"
    } else {
        "AAAAAAAA"
    };
    assert_eq!(track(&server, &number, wrong).status, 404);
    assert_eq!(track(&server, "D-999999", &code).status, 404);
    // A seeded demand has no receipt: not trackable by guessing.
    assert_eq!(track(&server, "D-000001", &code).status, 404);
    for _ in 0..4 {
        track(&server, &number, wrong);
    }
    let locked = track(&server, &number, &code);
    assert_eq!(
        locked.status, 429,
        "five wrong codes lock the number for a while"
    );
}

#[test]
fn an_enrollment_gets_a_receipt_too() {
    let dir = scratch("track-enrollment");
    let server = Server::start(&dir);
    let record = serde_json::json!({
        "enterprise": { "name": "深圳市示例测试珠宝有限公司", "uscc": USCC, "kind": "enterprise",
                        "industry_codes": ["2438"], "annual_output_wan": 12000.5, "employees": 180 },
        "chain": "gold_jewelry", "segments": ["manufacturing"],
        "party_org": { "status": "own", "kind": "branch", "name": "示例测试珠宝有限公司党支部",
                       "full_members": 9, "probationary_members": 1, "home_affiliation": "沙头角街道非公企业党委" },
        "liaison": null,
        "contact": { "name": "联系人测试", "phone": "13800138000", "email": null },
        "joined_on": "2026-11-01"
    });
    let created = server.post_json("/api/enrollments", &record.to_string());
    assert_eq!(created.status, 201, "{}", created.body);
    let (number, code) = receipt(&created.json());
    let shown = track(&server, &number, &code);
    assert_eq!(shown.status, 200);
    assert!(shown.body.contains("Enrolled") && shown.body.contains("Gold"));
    for private in ["13800138000", "联系人测试", USCC, "党支部"] {
        assert!(
            !shown.body.contains(private),
            "the tracking page shows {private}"
        );
    }
}
