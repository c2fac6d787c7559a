//! Pairing, centre and usage fixtures, snapshotted: one record per file,
//! named `valid_*`, `warn_*` or `err_*`.

use std::fs;

use lianjian_tests::{
    booking_outcome, centre_outcome, pairing_outcome, pairing_update_outcome, usage_outcome,
};
use serde_json::Value;

fn expect_by_name(name: &str, outcome: &Value) {
    let valid = outcome["report"]["valid"].as_bool().unwrap();
    assert_eq!(
        valid,
        !outcome["record"].is_null(),
        "{name}: a record is returned exactly when valid"
    );
    let warned = outcome["report"]["findings"]
        .as_array()
        .is_some_and(|f| !f.is_empty());
    match name.split('_').next() {
        Some("valid") => assert!(valid && !warned, "{name} should be clean: {outcome}"),
        Some("warn") => assert!(valid && warned, "{name} should be valid with warnings"),
        Some("err") => assert!(!valid, "{name} should be refused"),
        _ => panic!("fixture {name} must start with valid_, warn_ or err_"),
    }
}

#[test]
fn pairing_fixtures() {
    insta::glob!("fixtures/pairing/*.json", |path| {
        let outcome = pairing_outcome(&fs::read_to_string(path).unwrap());
        expect_by_name(&path.file_stem().unwrap().to_string_lossy(), &outcome);
        insta::assert_json_snapshot!(outcome);
    });
}

#[test]
fn centre_fixtures() {
    insta::glob!("fixtures/centre/*.json", |path| {
        let outcome = centre_outcome(&fs::read_to_string(path).unwrap());
        expect_by_name(&path.file_stem().unwrap().to_string_lossy(), &outcome);
        insta::assert_json_snapshot!(outcome);
    });
}

#[test]
fn usage_fixtures() {
    insta::glob!("fixtures/usage/*.json", |path| {
        let outcome = usage_outcome(&fs::read_to_string(path).unwrap());
        expect_by_name(&path.file_stem().unwrap().to_string_lossy(), &outcome);
        insta::assert_json_snapshot!(outcome);
    });
}

/// The seed's port-traffic pairing: a street, the chain leader, two
/// departments and the terminal operator adopt the working plan for port
/// traffic peaks, which answers a traffic demand.
#[test]
fn the_seed_pairing_goes_from_agreement_to_outcome_to_the_answered_demand() {
    let outcome = pairing_outcome(include_str!(
        "fixtures/pairing/valid_port_traffic_peak.json"
    ));
    let record = &outcome["record"];
    assert_eq!(record["parties"].as_array().unwrap().len(), 5);
    let plan_item = record["plan"][0]["id"].as_str().unwrap();
    let working_plan = &record["outcomes"][0];
    assert_eq!(working_plan["plan_item"], plan_item);
    assert_eq!(working_plan["kind"], "mechanism");
    for aspect in ["工作预判", "信息通报", "应急处置", "志愿服务"] {
        assert!(working_plan["title"].as_str().unwrap().contains(aspect));
    }
    assert_eq!(working_plan["demands"][0], "demand-2026-0412");
    assert_eq!(record["plan"][0]["topics"][0], "traffic");
}

/// Whether any step of a scenario has an error, and whether any has a finding.
fn steps_found(outcome: &Value) -> (bool, bool) {
    let findings: Vec<&Value> = outcome["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["report"]["findings"].as_array().into_iter().flatten())
        .collect();
    (
        findings.iter().any(|f| f["severity"] == "error"),
        !findings.is_empty(),
    )
}

#[test]
fn booking_fixtures() {
    insta::glob!("fixtures/booking/*.json", |path| {
        let outcome = booking_outcome(&fs::read_to_string(path).unwrap());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for step in outcome["steps"].as_array().unwrap() {
            assert_eq!(
                step["report"]["valid"].as_bool().unwrap(),
                !step["change"].is_null(),
                "{name}: a change exactly when accepted"
            );
        }
        let (errors, found) = steps_found(&outcome);
        match name.split('_').next() {
            Some("valid") => assert!(!found, "{name} should be clean"),
            Some("warn") => assert!(found && !errors, "{name} should warn only"),
            Some("err") => assert!(errors, "{name} should refuse something"),
            _ => panic!("fixture {name} must start with valid_, warn_ or err_"),
        }
        insta::assert_json_snapshot!(outcome);
    });
}

#[test]
fn pairing_update_fixtures() {
    insta::glob!("fixtures/pairing_update/*.json", |path| {
        let outcome = pairing_update_outcome(&fs::read_to_string(path).unwrap());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let valid = outcome["report"]["valid"].as_bool().unwrap();
        assert_eq!(valid, name.starts_with("valid_"), "{name}: {outcome}");
        insta::assert_json_snapshot!(outcome);
    });
}
