//! Every enrollment fixture, checked and snapshotted: the report in zh-CN,
//! the messages in en, and the normalised record when valid.

use std::fs;

use lianjian_tests::enrollment_outcome;

fn check(text: &str) -> serde_json::Value {
    let outcome = enrollment_outcome(text);
    let valid = outcome["report"]["valid"].as_bool().unwrap();
    assert_eq!(
        valid,
        !outcome["record"].is_null(),
        "a record is returned exactly when valid"
    );
    outcome
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
