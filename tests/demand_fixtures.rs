//! Demand validation, lifecycle and classification fixtures, snapshotted; and
//! the check that every finding code is produced by some fixture.

use std::collections::BTreeSet;
use std::fs;

use lianjian::demand::Dictionary;
use lianjian::Code;
use lianjian_tests::{
    activity_outcome, batch_outcome, booking_outcome, centre_outcome, demand_outcome,
    enrollment_outcome, lifecycle_outcome, pairing_outcome, pairing_update_outcome,
    programme_outcome, usage_outcome, visit_outcome,
};
use serde_json::Value;

fn expect_by_name(name: &str, valid: bool, warned: bool) {
    match name.split('_').next() {
        Some("valid") | Some("ok") => assert!(valid, "{name} should be valid"),
        Some("warn") => assert!(valid && warned, "{name} should be valid with warnings"),
        Some("err") | Some("bad") => assert!(!valid, "{name} should be refused"),
        _ => panic!("fixture {name} must start with valid_/ok_, warn_ or err_/bad_"),
    }
}

#[test]
fn demand_fixtures() {
    insta::glob!("fixtures/demand/*.json", |path| {
        let outcome = demand_outcome(&fs::read_to_string(path).unwrap());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let valid = outcome["report"]["valid"].as_bool().unwrap();
        assert_eq!(
            valid,
            !outcome["record"].is_null(),
            "a record is returned exactly when valid"
        );
        let warned = outcome["report"]["findings"]
            .as_array()
            .is_some_and(|f| !f.is_empty());
        expect_by_name(&name, valid, warned);
        insta::assert_json_snapshot!(outcome);
    });
}

#[test]
fn lifecycle_fixtures() {
    insta::glob!("fixtures/lifecycle/*.json", |path| {
        let outcome = lifecycle_outcome(&fs::read_to_string(path).unwrap());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let findings = outcome["findings"].as_array().cloned().unwrap_or_default();
        let valid = !findings.iter().any(|f| f["severity"] == "error");
        // `ok_` histories are clean; `warn_` ones replay with warnings only.
        let clean = valid && (findings.is_empty() || name.starts_with("warn_"));
        expect_by_name(&name, clean, !findings.is_empty());
        insta::assert_json_snapshot!(outcome);
    });
}

#[test]
fn classification_fixtures() {
    let classifier = Dictionary::builtin().classifier();
    let text = include_str!("fixtures/classify/texts.jsonl");
    let answers: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let input: Value = serde_json::from_str(line).unwrap();
            let c = classifier.classify(
                input["title"].as_str().unwrap(),
                input["description"].as_str().unwrap(),
            );
            serde_json::json!({ "input": input, "classification": c })
        })
        .collect();
    insta::assert_json_snapshot!(answers);
}

fn codes_in(outcome: &Value, findings: &str, into: &mut BTreeSet<String>) {
    let list = outcome
        .pointer(findings)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    for finding in list {
        into.insert(finding["code"].as_str().unwrap().to_owned());
    }
}

/// Every finding code is produced by at least one fixture of some family.
#[test]
fn fixtures_cover_every_code() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut seen = BTreeSet::new();
    let count = |family: &str,
                 check: &dyn Fn(&str) -> Value,
                 pointer: &str,
                 seen: &mut BTreeSet<String>| {
        let mut n = 0;
        for entry in fs::read_dir(format!("{dir}/{family}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "json") {
                n += 1;
                codes_in(&check(&fs::read_to_string(&path).unwrap()), pointer, seen);
            }
        }
        n
    };
    let enrollments = count(
        "enrollment",
        &enrollment_outcome,
        "/report/findings",
        &mut seen,
    );
    let demands = count("demand", &demand_outcome, "/report/findings", &mut seen);
    let lifecycles = count("lifecycle", &lifecycle_outcome, "/findings", &mut seen);
    let programmes = count(
        "programme",
        &programme_outcome,
        "/report/findings",
        &mut seen,
    );
    let visits = count("visit", &visit_outcome, "/report/findings", &mut seen);
    let activities = count("activity", &activity_outcome, "/report/findings", &mut seen);
    // Files of records, each against the earlier lines.
    for entry in fs::read_dir(format!("{dir}/batch")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let kind = name.split('_').next().unwrap_or_default();
        let lines = batch_outcome(kind, &fs::read_to_string(&path).unwrap());
        for line in lines.as_array().into_iter().flatten() {
            codes_in(line, "/findings", &mut seen);
        }
    }
    assert!(programmes >= 10, "only {programmes} programme fixtures");
    assert!(visits >= 15, "only {visits} visit fixtures");
    assert!(activities >= 20, "only {activities} activity fixtures");
    let pairings = count("pairing", &pairing_outcome, "/report/findings", &mut seen);
    let centres = count("centre", &centre_outcome, "/report/findings", &mut seen);
    let usage = count("usage", &usage_outcome, "/report/findings", &mut seen);
    let updates = count(
        "pairing_update",
        &pairing_update_outcome,
        "/report/findings",
        &mut seen,
    );
    // A booking scenario's findings are those of its steps.
    let steps = |text: &str| {
        let outcome = booking_outcome(text);
        let findings: Vec<Value> = outcome["steps"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| {
                s["report"]["findings"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default()
            })
            .collect();
        serde_json::json!({ "findings": findings })
    };
    let bookings = count("booking", &steps, "/findings", &mut seen);
    assert!(enrollments >= 40, "only {enrollments} enrollment fixtures");
    assert!(demands >= 30, "only {demands} demand fixtures");
    assert!(lifecycles >= 10, "only {lifecycles} lifecycle fixtures");
    assert!(pairings >= 25, "only {pairings} pairing fixtures");
    assert!(centres >= 12, "only {centres} centre fixtures");
    assert!(usage >= 5, "only {usage} usage fixtures");
    assert!(updates >= 5, "only {updates} pairing update fixtures");
    assert!(bookings >= 3, "only {bookings} booking scenarios");
    // Codes no record fixture can produce, with the test that covers each.
    let elsewhere = [
        Code::RowMalformed,        // roster files: bindings/cli/tests/coverage.rs
        Code::StoredAsNumber,      // roster cells: bindings/cli/tests/coverage.rs
        Code::DuplicateEnrollment, // rosters: bindings/cli/tests/coverage.rs
        Code::AlreadyEnrolled,     // a store of enrollments: examples/portal/tests/public.rs
        // Received files, not records: core/src/demand/upload.rs and
        // examples/portal/tests/uploads.rs.
        Code::AttachmentUploadMismatch,
        Code::AttachmentContentMismatch,
        // The status log of stored activities: core/src/outreach/tests.rs.
        Code::StatusChangeNeedsReason,
    ];
    let missing: Vec<&str> = Code::ALL
        .iter()
        .filter(|c| !elsewhere.contains(c))
        .map(|c| c.as_str())
        .filter(|c| !seen.contains(*c))
        .collect();
    assert!(missing.is_empty(), "no fixture produces: {missing:?}");
}

/// The classifier on the labelled development set: its dictionary was tuned on
/// the `tune` split only, so the `holdout` split measures it honestly. This
/// guards against a dictionary change that loses accuracy; the full report
/// comes from `lianjian classify --evaluate tests/fixtures/demands/devset.jsonl`.
#[test]
fn classifier_accuracy_on_text_it_was_not_tuned_on() {
    let classifier = Dictionary::builtin().classifier();
    let set = include_str!("fixtures/demands/devset.jsonl");
    let mut per_topic: std::collections::BTreeMap<String, usize> = Default::default();
    let (mut n, mut right) = (0, 0);
    for line in set.lines().filter(|l| !l.trim().is_empty()) {
        let item: Value = serde_json::from_str(line).unwrap();
        *per_topic
            .entry(item["topic"].as_str().unwrap().to_owned())
            .or_default() += 1;
        if item["split"] != "holdout" {
            continue;
        }
        n += 1;
        let answer = classifier.classify(
            item["title"].as_str().unwrap(),
            item["description"].as_str().unwrap(),
        );
        right += usize::from(answer.topic == item["topic"].as_str().unwrap());
    }
    assert_eq!(per_topic.len(), 13, "every topic is labelled");
    assert!(
        per_topic.values().all(|&c| c >= 18),
        "at least 18 items per topic: {per_topic:?}"
    );
    assert!(n >= 100, "holdout has {n} items");
    let top1 = right as f64 / n as f64;
    println!("holdout top-1: {:.1}% ({right}/{n})", top1 * 100.0);
    assert!(
        top1 >= 0.85,
        "holdout top-1 fell to {:.1}% ({right}/{n})",
        top1 * 100.0
    );
}
