//! Every enrollment fixture, checked and snapshotted: the report in zh-CN,
//! the messages in en, and the normalised record when valid.

use std::collections::BTreeSet;
use std::fs;

use lianjian::{check_enrollment_json, Code, Context, Lang, Messages};
use lianjian_tests::{catalog, fixture_policy, fixture_today};
use serde_json::json;

fn check(text: &str) -> serde_json::Value {
    let policy = fixture_policy();
    let context = Context::new(catalog(), fixture_today()).with_uscc_policy(&policy);
    let checked = check_enrollment_json(text, &context);
    let messages = Messages::new();
    let zh = messages.render_report(Lang::ZhCn, &checked.report);
    let en = messages.render_report(Lang::En, &checked.report);
    assert_eq!(
        zh.valid,
        checked.record.is_some(),
        "a record is returned exactly when valid"
    );
    json!({
        "report": zh,
        "en": en.findings.iter().map(|f| f.message.as_str()).collect::<Vec<_>>(),
        "record": checked.record,
    })
}

#[test]
fn enrollment_fixtures() {
    insta::glob!("fixtures/enrollment/*.json", |path| {
        let text = fs::read_to_string(path).unwrap();
        let outcome = check(&text);
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let valid = outcome["report"]["valid"].as_bool().unwrap();
        let warned = outcome["report"]["findings"]
            .as_array()
            .is_some_and(|f| !f.is_empty());
        // The file name states the expected outcome; the snapshot shows the details.
        match name.split('_').next() {
            Some("valid") => assert!(valid, "{name} should be valid"),
            Some("warn") => assert!(valid && warned, "{name} should be valid with warnings"),
            Some("err") => assert!(!valid, "{name} should be invalid"),
            _ => panic!("fixture {name} must start with valid_, warn_ or err_"),
        }
        insta::assert_json_snapshot!(outcome);
    });
}

/// Every finding code an enrollment can produce appears in some fixture.
#[test]
fn fixtures_cover_every_rule() {
    let mut seen = BTreeSet::new();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/enrollment");
    let mut count = 0;
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            count += 1;
            let outcome = check(&fs::read_to_string(&path).unwrap());
            for finding in outcome["report"]["findings"].as_array().unwrap() {
                seen.insert(finding["code"].as_str().unwrap().to_owned());
            }
        }
    }
    assert!(count >= 40, "only {count} fixtures");
    // Codes an enrollment record cannot produce, with the test that covers each.
    let elsewhere = [
        Code::RowMalformed, // roster files: bindings/cli/tests/coverage.rs
    ];
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !elsewhere.contains(c))
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(missing.is_empty(), "no fixture produces: {missing:?}");
}
