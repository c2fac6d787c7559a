//! The hostile corpus (tests/hostile/generate.py) posted to the portal: every
//! case to `POST /api/enrollments` and `POST /api/demands` as it is, and to
//! the Open311 `POST /open311/v2/requests.json` both mapped to a request's
//! fields (as JSON) and raw as a form body.
//!
//! Every answer comes back (no hang), is never a 5xx, and is either a 201 or a
//! 4xx that says why: findings (422), Open311 errors (400), a duplicate (409),
//! too large (413). No finding's params or message, and no Open311 error,
//! holds a phone number or a person's name of the input.
//!
//! The corpus is generated with `python3` (standard library only) into a
//! temporary folder.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{scratch, Response, Server};
use serde_json::{json, Value};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Writes the corpus under `dir` and returns its index (`cases.json`).
fn generate(dir: &Path) -> Vec<Value> {
    let status = Command::new("python3")
        .arg(workspace().join("tests/hostile/generate.py"))
        .arg(dir)
        .status()
        .expect("python3 runs the corpus generator");
    assert!(status.success(), "the corpus generator failed");
    let index = std::fs::read_to_string(dir.join("cases.json")).unwrap();
    serde_json::from_str::<Vec<Value>>(&index).unwrap()
}

/// The personal data of the input (phone numbers, names) shown in `texts`.
fn leaked(texts: &[String], personal: &[Value]) -> Vec<String> {
    personal
        .iter()
        .filter_map(Value::as_str)
        .filter(|p| texts.iter().any(|t| t.contains(p)))
        .map(str::to_owned)
        .collect()
}

/// What an answer shows of its findings (or Open311 errors). An unknown key is
/// quoted back so its sender can find it: a key is not data, so it is left out.
fn shown(response: &Response) -> Vec<String> {
    let Ok(body) = serde_json::from_str::<Value>(&response.body) else {
        return vec![response.body.clone()];
    };
    let mut texts = Vec::new();
    if let Some(findings) = body.get("findings").and_then(Value::as_array) {
        for f in findings.iter().filter(|f| f["code"] != "unknown_field") {
            texts.push(f["message"].to_string());
            texts.push(f["params"].to_string());
        }
    }
    if let Some(errors) = body.as_array() {
        for e in errors.iter().filter(|e| e["finding"] != "unknown_field") {
            texts.push(e["description"].to_string());
        }
    }
    if let Some(error) = body.get("error") {
        texts.push(error.to_string());
    }
    texts
}

/// A demand record as an Open311 request: the contract's fields under their
/// Open311 names, values as they were (any JSON type).
fn as_open311(record: &Value, key: &str) -> Option<Value> {
    let record = record.as_object()?;
    let field = |key: &str| record.get(key).cloned().unwrap_or(Value::Null);
    let contact = record.get("contact").cloned().unwrap_or(Value::Null);
    let declarations = record.get("declarations").cloned().unwrap_or(Value::Null);
    Some(json!({
        "api_key": key,
        "service_code": field("topic"),
        "description": field("description"),
        "first_name": contact.get("name").cloned().unwrap_or(Value::Null),
        "phone": contact.get("phone").cloned().unwrap_or(Value::Null),
        "email": contact.get("email").cloned().unwrap_or(Value::Null),
        "attribute": {
            "kind": field("kind"),
            "title": field("title"),
            "enterprise_uscc": field("enterprise_uscc"),
            "enterprise_name": field("enterprise_name"),
            "chain": field("chain"),
            "urgency": field("urgency"),
            "not_in_litigation": declarations.get("not_in_litigation").cloned().unwrap_or(Value::Null),
            "no_secrets": declarations.get("no_secrets").cloned().unwrap_or(Value::Null),
        },
    }))
}

/// Checks one answer; returns what is wrong with it.
fn judge(what: &str, response: &Response, personal: &[Value], open311: bool) -> Vec<String> {
    let mut problems = Vec::new();
    let status = response.status;
    let body: Option<Value> = serde_json::from_str(&response.body).ok();
    match status {
        201 | 409 => {}
        413 | 415 => {
            if response.body.trim().is_empty() {
                problems.push(format!("{what}: {status} without a reason"));
            }
        }
        400 | 403 if open311 => {
            let errors = body.as_ref().and_then(Value::as_array);
            let clear = errors.is_some_and(|errors| {
                !errors.is_empty()
                    && errors.iter().all(|e| {
                        e["code"] == status
                            && e["description"].as_str().is_some_and(|d| !d.is_empty())
                    })
            });
            if !clear {
                problems.push(format!(
                    "{what}: 400 without Open311 errors: {}",
                    response.body
                ));
            }
        }
        400 | 422 => {
            let findings = body
                .as_ref()
                .and_then(|b| b.get("findings"))
                .and_then(Value::as_array);
            let error = body.as_ref().and_then(|b| b.get("error")).is_some();
            if findings.is_none_or(|f| f.is_empty()) && !error {
                problems.push(format!(
                    "{what}: {status} without findings: {}",
                    response.body
                ));
            }
        }
        _ => problems.push(format!("{what}: status {status}: {}", response.body)),
    }
    for p in leaked(&shown(response), personal) {
        problems.push(format!("{what}: the answer shows {p}"));
    }
    problems
}

#[test]
fn every_hostile_case_gets_a_clear_answer_and_no_personal_data_back() {
    let dir = scratch("hostile");
    let corpus = dir.join("corpus");
    let cases = generate(&corpus);
    assert!(cases.len() >= 500, "only {} cases", cases.len());
    let server = Server::start(&dir);
    let key = common::sign_in(&server).open311_key(&server, "hostile client");

    let mut problems = Vec::new();
    let mut statuses = std::collections::BTreeMap::<(String, u16), usize>::new();
    let mut count = |endpoint: &str, response: &Response| {
        *statuses
            .entry((endpoint.to_owned(), response.status))
            .or_default() += 1;
    };
    for case in &cases {
        let name = case["name"].as_str().unwrap();
        let kind = case["kind"].as_str().unwrap();
        let personal = case["personal"].as_array().cloned().unwrap_or_default();
        let body = std::fs::read(corpus.join(case["file"].as_str().unwrap())).unwrap();

        for endpoint in ["/api/enrollments", "/api/demands"] {
            let response = server.post(endpoint, &[("Content-Type", "application/json")], &body);
            count(endpoint, &response);
            problems.extend(judge(
                &format!("{kind}/{name} → {endpoint}"),
                &response,
                &personal,
                false,
            ));
        }

        let open311 = "/open311/v2/requests.json";
        let mapped = serde_json::from_slice::<Value>(&body)
            .ok()
            .filter(|_| kind == "demand")
            .and_then(|record| as_open311(&record, &key));
        let json_body = mapped.map_or_else(|| body.clone(), |m| m.to_string().into_bytes());
        let response = server.post(open311, &[("Content-Type", "application/json")], &json_body);
        count("open311 json", &response);
        problems.extend(judge(
            &format!("{kind}/{name} → {open311} (JSON)"),
            &response,
            &personal,
            true,
        ));
        let response = server.post(
            open311,
            &[("Content-Type", "application/x-www-form-urlencoded")],
            &body,
        );
        count("open311 form", &response);
        problems.extend(judge(
            &format!("{kind}/{name} → {open311} (form)"),
            &response,
            &personal,
            true,
        ));
    }

    // The server is still healthy after all of it.
    assert_eq!(server.get("/", &[]).status, 200);
    eprintln!("hostile corpus through the portal: {} cases", cases.len());
    for ((endpoint, status), n) in &statuses {
        eprintln!("  {endpoint:<18} {status}: {n}");
    }
    assert!(
        problems.is_empty(),
        "{}\n({} problems)",
        problems
            .iter()
            .take(10)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n"),
        problems.len()
    );
    assert!(server.stop().success());
    let _ = std::fs::remove_dir_all(&dir);
}
