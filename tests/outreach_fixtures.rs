//! Programme, visit and activity fixtures, snapshotted: one record a file,
//! named `valid_*`, `warn_*` or `err_*` (visits are checked against the
//! programme `fixtures/programme/valid_wanming.json`).

use std::fs;

use lianjian_tests::{activity_outcome, batch_outcome, programme_outcome, visit_outcome};
use serde_json::Value;

fn expect_by_name(name: &str, outcome: &Value) {
    let valid = outcome["report"]["valid"].as_bool().unwrap();
    let findings = outcome["report"]["findings"].as_array().unwrap();
    assert_eq!(
        valid,
        !outcome["record"].is_null(),
        "{name}: a record is returned exactly when valid"
    );
    match name.split('_').next() {
        Some("valid") => assert!(valid && findings.is_empty(), "{name} should be clean"),
        Some("warn") => assert!(valid && !findings.is_empty(), "{name} should warn"),
        Some("err") => assert!(!valid, "{name} should be refused"),
        _ => panic!("fixture {name} must start with valid_, warn_ or err_"),
    }
}

/// Each fixture of a folder checked, named and snapshotted.
macro_rules! fixtures {
    ($pattern:literal, $check:expr) => {
        insta::glob!($pattern, |path| {
            let outcome = $check(&fs::read_to_string(path).unwrap());
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            expect_by_name(&name, &outcome);
            insta::assert_json_snapshot!(outcome);
        })
    };
}

#[test]
fn programme_fixtures() {
    fixtures!("fixtures/programme/*.json", programme_outcome);
}

#[test]
fn visit_fixtures() {
    fixtures!("fixtures/visit/*.json", visit_outcome);
}

#[test]
fn activity_fixtures() {
    fixtures!("fixtures/activity/*.json", activity_outcome);
}

/// Files of records checked line by line, each against the valid records on
/// earlier lines (`fixtures/batch/<kind>_*.jsonl`): both outcomes occur.
#[test]
fn batch_fixtures() {
    insta::glob!("fixtures/batch/*.jsonl", |path| {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let kind = name.split('_').next().unwrap();
        let outcome = batch_outcome(kind, &fs::read_to_string(path).unwrap());
        let lines = outcome.as_array().unwrap();
        assert!(lines.iter().any(|l| l["valid"] == true), "{name}");
        assert!(
            lines
                .iter()
                .any(|l| l["findings"].as_array().is_some_and(|f| !f.is_empty())),
            "{name}"
        );
        insta::assert_json_snapshot!(outcome);
    });
}
