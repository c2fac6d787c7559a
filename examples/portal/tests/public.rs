//! The public side over real HTTP: the portal page and its headers, the
//! widget package, the JSON endpoints (valid and tampered records), Open311.

mod common;

use common::{demand, scratch, Server, USCC};
use lianjian::api::{self, Options};
use serde_json::json;

const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

#[test]
fn each_form_has_its_own_page_under_a_strict_policy() {
    let dir = scratch("page");
    let server = Server::start(&dir);
    let page = server.get("/", &[]);
    assert_eq!(page.status, 200);
    assert_eq!(page.header("content-security-policy"), Some(CSP));
    assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
    assert!(page.body.contains("<html lang=\"zh-CN\">"));
    // The demand form is the first page; the enrollment form has its own,
    // so that on a phone each starts at the top.
    assert!(page
        .body
        .contains("<lianjian-demand-form lang=\"zh-CN\" chain=\"port_logistics\" autosave>"));
    assert!(!page.body.contains("<lianjian-enrollment-form"));
    let enroll = server.get("/enroll", &[]);
    assert!(enroll
        .body
        .contains("<lianjian-enrollment-form lang=\"zh-CN\" chain=\"port_logistics\" autosave>"));
    assert!(!enroll.body.contains("<lianjian-demand-form"));
    for (body, current) in [
        (&page.body, "href=\"/\" aria-current=\"page\""),
        (&enroll.body, "href=\"/enroll\" aria-current=\"page\""),
    ] {
        assert!(body.contains(current), "{current}");
        assert!(body.contains("href=\"/track\""));
        assert!(body.contains("id=\"portal-receipt\""));
        assert!(body.contains("src=\"/static/h/lianjian-forms."));
        assert!(body.contains("src=\"/static/h/portal."));
        // No inline code: every script has a src, nothing carries a style attribute.
        assert_eq!(
            body.matches("<script").count(),
            body.matches("<script type=\"module\" src=").count()
        );
        assert!(!body.contains("style="));
        assert!(!body.contains("<style"));
    }

    let en = server.get("/enroll?lang=en&chain=gold_jewelry", &[]);
    assert!(en.body.contains("<html lang=\"en\">"));
    assert!(en.body.contains("chain=\"gold_jewelry\""));
    assert!(en
        .all("set-cookie")
        .iter()
        .any(|c| c.starts_with("lj_lang=en")));
    let other = server.get("/", &[("Accept-Language", "en-GB,en;q=0.9")]);
    assert!(other.body.contains("<html lang=\"en\">"));

    // Every response carries the policy, errors included.
    assert_eq!(
        server
            .get("/nowhere", &[])
            .header("content-security-policy"),
        Some(CSP)
    );
}

#[test]
fn the_widget_package_is_served_with_its_mime_types() {
    let dir = scratch("static");
    let server = Server::start(&dir);
    let wasm = server.get("/static/lianjian/lianjian_wasm_bg.wasm", &[]);
    assert_eq!(wasm.status, 200);
    assert_eq!(wasm.header("content-type"), Some("application/wasm"));
    let js = server.get("/static/lianjian/lianjian-forms.js", &[]);
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let css = server.get("/static/portal/staff.css", &[]);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let script = server.get("/static/portal/portal.js", &[]);
    assert!(script.body.contains("lianjian-submit"));
    for path in [
        "/static/lianjian/../Cargo.toml",
        "/static/lianjian/%2e%2e/x.js",
        "/static/lianjian/.hidden.js",
        "/static/lianjian/missing.js",
    ] {
        assert_eq!(server.get(path, &[]).status, 404, "{path}");
    }
}

#[test]
fn a_valid_demand_is_stored_and_tracked() {
    let dir = scratch("valid-demand");
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
    assert_eq!(answer["valid"], true);
    assert_eq!(answer["state"], "submitted");
    assert_eq!(
        answer["topic"], "customs",
        "the classifier suggests the topic"
    );
    // Not public until the district office accepts it; then tracked on Open311.
    let hidden = server.get(&format!("/open311/v2/requests/{id}.json"), &[]);
    assert_eq!(hidden.status, 404);
    common::sign_in(&server).publish(&server, &id);
    let tracked = server
        .get(&format!("/open311/v2/requests/{id}.json"), &[])
        .json();
    assert_eq!(tracked[0]["service_request_id"], id.as_str());
    assert_eq!(tracked[0]["status"], "open");
    assert_eq!(tracked[0]["status_notes"], "submitted");

    // The same enterprise with the same facts again: a repeat warning, still stored.
    let again = server.post_json("/api/demands", &record.to_string());
    assert_eq!(again.status, 201);
    let findings = again.json()["findings"].clone();
    assert!(
        findings
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "demand_repeat" && f["params"]["earlier"] == id.as_str()),
        "{findings}"
    );
}

fn refused(server: &Server, body: &str) -> serde_json::Value {
    let response = server.post_json("/api/demands?lang=en", body);
    assert_eq!(response.status, 422, "{}", response.body);
    let answer = response.json();
    assert_eq!(answer["valid"], false);
    // Exactly what the shared API answers for the same text.
    let options = Options {
        lang: Some("en".into()),
        today: Some("2026-11-25".into()),
        ..Options::default()
    };
    let expected = serde_json::to_value(api::demand(body, &options)).unwrap();
    assert_eq!(answer, expected);
    answer
}

fn codes(answer: &serde_json::Value) -> Vec<String> {
    answer["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn tampered_demands_are_refused_with_the_same_findings_as_the_browser() {
    let dir = scratch("tampered");
    let server = Server::start(&dir);
    let good = demand(
        USCC,
        "保税区通道夜间开放时间",
        "夜间到港的冷链集装箱在卡口外等候，建议延长保税区通道开放时间。",
    );

    let mut checksum = good.clone();
    checksum["enterprise_uscc"] = json!("91440300MA5FUTN419");
    let answer = refused(&server, &checksum.to_string());
    assert!(codes(&answer).contains(&"uscc_checksum".to_owned()));
    assert_eq!(answer["findings"][0]["path"], "enterprise_uscc");

    let mut unknown = good.clone();
    unknown["is_admin"] = json!(true);
    assert!(codes(&refused(&server, &unknown.to_string())).contains(&"unknown_field".to_owned()));

    let text = good.to_string();
    let duplicate = text.replacen("{", "{\"kind\":\"complaint\",", 1);
    assert!(codes(&refused(&server, &duplicate)).contains(&"duplicate_key".to_owned()));

    let mut types = good.clone();
    types["declarations"] = json!("yes");
    types["attachments"] = json!({"name": 1});
    assert!(!codes(&refused(&server, &types.to_string())).is_empty());

    assert!(codes(&refused(&server, "this is not JSON")).contains(&"invalid_json".to_owned()));

    let big = format!("{{\"title\": \"{}\"}}", "x".repeat(300 * 1024));
    assert_eq!(server.post_json("/api/demands", &big).status, 413);
    let form = server.post(
        "/api/demands",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"title=x",
    );
    assert_eq!(form.status, 415);
}

#[test]
fn enrollments_are_checked_stored_and_counted_once_per_chain() {
    let dir = scratch("enrollment");
    let server = Server::start(&dir);
    let record = json!({
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
    let receipt = &created.json()["receipt"];
    assert!(receipt["number"].as_str().unwrap().starts_with("E-"));
    assert_eq!(receipt["code"].as_str().unwrap().len(), 8);
    let again = server.post_json("/api/enrollments", &record.to_string());
    assert_eq!(again.status, 409);
    assert_eq!(again.json()["findings"][0]["code"], "already_enrolled");
    let mut bad = record.clone();
    bad["party_org"]["full_members"] = json!(2);
    let refused = server.post_json("/api/enrollments", &bad.to_string());
    assert_eq!(refused.status, 422);
    assert!(refused.body.contains("branch_too_few_members"));
}

#[test]
fn open311_endpoints_answer_in_the_georeport_shapes() {
    let dir = scratch("open311");
    let server = Server::start(&dir);
    let services = server.get("/open311/v2/services.json", &[]).json();
    let services = services.as_array().unwrap();
    assert_eq!(services.len(), 13);
    for key in [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ] {
        assert!(services[0].get(key).is_some(), "{key}");
    }
    let definition = server.get("/open311/v2/services/traffic.json", &[]).json();
    assert_eq!(definition["service_code"], "traffic");
    assert!(definition["attributes"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["code"] == "enterprise_uscc"));
    let missing = server.get("/open311/v2/services/nothing.json", &[]);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.json()[0]["code"], 404);

    let admin = common::sign_in(&server);
    let key = admin.open311_key(&server, "12345 热线");
    let posted = server.post(
        "/open311/v2/requests.json",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        &common::form(&[
            ("api_key", &key),
            ("service_code", "traffic"),
            (
                "description",
                "每天下午进港拖车在明珠大道排队超过两公里，希望高峰期加强疏导。",
            ),
            ("first_name", "测试"),
            ("last_name", "联系人"),
            ("phone", "13900139000"),
            ("attribute[kind]", "help"),
            ("attribute[title]", "明珠大道高峰期拥堵"),
            ("attribute[enterprise_uscc]", USCC),
            ("attribute[enterprise_name]", "深圳市示例测试物流有限公司"),
            ("attribute[chain]", "port_logistics"),
            ("attribute[not_in_litigation]", "true"),
            ("attribute[no_secrets]", "true"),
        ]),
    );
    assert_eq!(posted.status, 201, "{}", posted.body);
    let id = posted.json()[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_owned();
    admin.publish(&server, &id);

    let invalid = server.post(
        "/open311/v2/requests.json",
        &[("Content-Type", "application/json")],
        json!({"api_key": key, "service_code": "traffic", "attribute": {"kind": "help"}})
            .to_string()
            .as_bytes(),
    );
    assert_eq!(invalid.status, 400);
    let errors = invalid.json();
    assert!(errors
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["code"] == 400 && e["description"].is_string()));

    let open = server
        .get(
            "/open311/v2/requests.json?status=open&service_code=traffic",
            &[],
        )
        .json();
    let open = open.as_array().unwrap();
    assert!(open.iter().any(|r| r["service_request_id"] == id.as_str()));
    for r in open {
        assert_eq!(r["status"], "open");
        for key in [
            "service_request_id",
            "status_notes",
            "service_name",
            "service_code",
            "description",
            "agency_responsible",
            "requested_datetime",
            "updated_datetime",
            "expected_datetime",
        ] {
            assert!(r.get(key).is_some(), "{key}");
        }
    }
    let closed = server
        .get("/open311/v2/requests.json?status=closed", &[])
        .json();
    assert!(closed
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["status"] == "closed"));
    assert!(
        !closed.as_array().unwrap().is_empty(),
        "the seed has closed demands"
    );
}
