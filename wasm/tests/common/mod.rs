// The headless API inside a real JS engine (Node, then Chromium): the same
// tests, included by `node.rs` and `browser.rs`.

use lianjian_wasm as api;
use serde_json::Value;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

const VALID: &str = include_str!("../../../tests/fixtures/enrollment/valid_own_branch.json");
const CHECKSUM: &str = include_str!("../../../tests/fixtures/enrollment/err_uscc_checksum.json");
const DEMAND: &str = include_str!("../../../tests/fixtures/demand/valid_help_traffic.json");

fn options(json: &str) -> JsValue {
    js_sys::JSON::parse(json).expect("options are JSON")
}

fn answer(text: Result<String, wasm_bindgen::JsError>) -> Value {
    let text = text.unwrap_or_else(|_| panic!("the call answers"));
    serde_json::from_str(&text).expect("the answer is JSON")
}

fn codes(answer: &Value) -> Vec<String> {
    answer["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["code"].as_str().expect("code").to_owned())
        .collect()
}

#[wasm_bindgen_test]
fn a_valid_enrollment_as_text_is_valid_with_its_normalised_record() {
    let answer = answer(api::validate_enrollment(
        JsValue::from_str(VALID),
        options(r#"{"today": "2026-11-25"}"#),
    ));
    assert_eq!(answer["valid"], true, "{answer}");
    assert_eq!(answer["record"]["chain"], "gold_jewelry");
}

#[wasm_bindgen_test]
fn an_enrollment_as_a_js_object_reads_like_its_text() {
    let object = js_sys::JSON::parse(CHECKSUM).expect("fixture is JSON");
    let from_object = answer(api::validate_enrollment(object, options(r#"{"lang": "en", "today": "2026-11-25"}"#)));
    let from_text = answer(api::validate_enrollment(
        JsValue::from_str(CHECKSUM),
        options(r#"{"lang": "en", "today": "2026-11-25"}"#),
    ));
    assert_eq!(from_object, from_text);
    assert_eq!(from_object["valid"], false);
    assert!(codes(&from_object).contains(&"uscc_checksum".to_owned()));
    let message = from_object["findings"][0]["message"].as_str().expect("message");
    assert!(message.is_ascii(), "rendered in English: {message}");
}

#[wasm_bindgen_test]
fn today_defaults_to_the_date_from_the_js_clock() {
    // No `today`: the browser's clock decides, and a date in 2026 is not in the future.
    let answer = answer(api::validate_enrollment(JsValue::from_str(VALID), JsValue::UNDEFINED));
    assert_eq!(answer["valid"], true, "{answer}");
}

#[wasm_bindgen_test]
fn unknown_options_and_cyclic_records_are_errors_not_crashes() {
    assert!(api::validate_enrollment(JsValue::from_str(VALID), options(r#"{"langage": "en"}"#)).is_err());
    let cyclic = js_sys::Object::new();
    js_sys::Reflect::set(&cyclic, &"self".into(), &cyclic).expect("set");
    assert!(api::validate_enrollment(cyclic.into(), JsValue::UNDEFINED).is_err());
    // The instance is still usable afterwards.
    let answer = answer(api::validate_enrollment(JsValue::from_str(VALID), options(r#"{"today": "2026-11-25"}"#)));
    assert_eq!(answer["valid"], true);
}

#[wasm_bindgen_test]
fn malformed_json_is_a_finding() {
    let answer = answer(api::validate_enrollment(JsValue::from_str("{\"chain\": "), JsValue::UNDEFINED));
    assert_eq!(codes(&answer), ["invalid_json"]);
}

#[wasm_bindgen_test]
fn demands_are_validated_and_classified() {
    let answer = answer(api::validate_demand(JsValue::from_str(DEMAND), options(r#"{"today": "2026-11-25"}"#)));
    assert_eq!(answer["valid"], true, "{answer}");
    let topic: Value = serde_json::from_str(&api::classify("增值税留抵退税", "办理进度").unwrap_or_else(|_| panic!("classify")))
        .expect("JSON");
    assert_eq!(topic["topic"], "tax");
}

#[wasm_bindgen_test]
fn uscc_catalog_segments_and_messages() {
    let uscc = answer(api::check_uscc_js("91440300MA5FUTN419", JsValue::UNDEFINED));
    assert_eq!(codes(&uscc), ["uscc_checksum"]);
    let catalog: Value = serde_json::from_str(&api::catalog_js().unwrap_or_else(|_| panic!("catalog"))).expect("JSON");
    assert_eq!(catalog["chains"].as_array().map(Vec::len), Some(4));
    let segments = api::suggest_segments("port_logistics", vec!["543".into()], JsValue::UNDEFINED).unwrap_or_else(|_| panic!("segments"));
    assert_eq!(js_sys::JSON::stringify(&segments).ok().and_then(|s| s.as_string()).as_deref(), Some(r#"["trucking"]"#));
    let topics: Value = serde_json::from_str(&api::topics_js().unwrap_or_else(|_| panic!("topics"))).expect("JSON");
    assert_eq!(topics["topics"][0]["id"], "tax");
    let messages: Value = serde_json::from_str(&api::messages_js("en").unwrap_or_else(|_| panic!("messages"))).expect("JSON");
    assert!(messages["uscc_checksum"].as_str().is_some());
    assert!(api::messages_js("fr").is_err());
}

#[wasm_bindgen_test]
fn records_of_any_kind_and_files_of_them() {
    let visit = include_str!("../../../tests/fixtures/visit/err_unknown_contact.json");
    let programme = include_str!("../../../tests/fixtures/programme/valid_wanming.json");
    let alone = answer(api::validate(
        JsValue::from_str("visit"),
        JsValue::from_str(visit),
        options(r#"{"today": "2026-11-25"}"#),
    ));
    assert_eq!(alone["valid"], true, "{alone}");
    let with = answer(api::validate(
        JsValue::from_str("visit"),
        JsValue::from_str(visit),
        options(&format!(r#"{{"today": "2026-11-25", "programme": {programme}}}"#)),
    ));
    assert_eq!(codes(&with), ["unknown_contact"]);
    assert!(api::validate(JsValue::from_str("booking"), JsValue::from_str("{}"), JsValue::UNDEFINED).is_err());
    let pairing = include_str!("../../../tests/fixtures/pairing/err_self_pairing.json");
    let refused = answer(api::validate(
        JsValue::from_str("pairing"),
        JsValue::from_str(pairing),
        options(r#"{"today": "2026-11-25"}"#),
    ));
    assert_eq!(refused["valid"], false, "{refused}");
    assert!(codes(&refused).contains(&"pairing_self".to_owned()), "{refused}");
    let centre = include_str!("../../../tests/fixtures/centre/warn_driver_home_missing_services.json");
    let warned = answer(api::validate(
        JsValue::from_str("centre"),
        JsValue::from_str(centre),
        options(r#"{"today": "2026-11-25"}"#),
    ));
    assert_eq!(warned["valid"], true, "{warned}");
    assert!(codes(&warned).contains(&"driver_home_missing_service".to_owned()), "{warned}");
    let lines = include_str!("../../../tests/fixtures/batch/activity_room_double_booked.jsonl");
    let answers = answer(api::validate_lines(
        JsValue::from_str("activity"),
        JsValue::from_str(lines),
        options(r#"{"today": "2026-11-25"}"#),
    ));
    assert_eq!(answers.as_array().map(Vec::len), Some(5));
    assert_eq!(codes(&answers[1]), ["room_double_booked"]);
}
