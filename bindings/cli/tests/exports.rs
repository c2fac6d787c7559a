//! `lianjian export hsds|ical DIR` and `lianjian ledger pairings|centres
//! DIR` on the demo district: what each writes, that two runs with the same
//! stamp are byte-identical, and that no liaison's phone or name leaves the
//! folder.

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

fn lianjian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianjian"))
        .args(args)
        .output()
        .unwrap()
}

fn district() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/district")
        .to_str()
        .unwrap()
        .to_owned()
}

/// Every liaison phone of the demo's pairings.
fn liaison_phones() -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(&district()).join("pairings.jsonl")).unwrap();
    let mut phones = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let pairing: Value = serde_json::from_str(line).unwrap();
        for party in pairing["parties"].as_array().unwrap() {
            if let Some(phone) = party["liaison"]["phone"].as_str() {
                phones.push(phone.to_owned());
            }
        }
    }
    assert!(!phones.is_empty(), "the demo names liaisons");
    phones
}

fn assert_nothing_personal(text: &str) {
    for phone in liaison_phones() {
        assert!(!text.contains(&phone), "a liaison's phone was written");
    }
    assert!(!text.contains("联络员"), "a liaison's name was written");
}

#[test]
fn hsds_export_of_the_demo_district() {
    let dir = district();
    let out = lianjian(&["export", "hsds", &dir, "--today", "2026-12-31"]);
    assert_eq!(out.status.code(), Some(0));
    let hsds: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(hsds["hsds_version"], "3.0");
    let centres = std::fs::read_to_string(Path::new(&dir).join("centres.jsonl")).unwrap();
    let count = centres.lines().filter(|l| !l.trim().is_empty()).count();
    assert_eq!(hsds["locations"].as_array().unwrap().len(), count);
    for service in hsds["services"].as_array().unwrap() {
        let org = service["organization_id"].as_str().unwrap();
        assert!(hsds["organizations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["id"] == org));
    }
    assert_nothing_personal(std::str::from_utf8(&out.stdout).unwrap());
}

#[test]
fn ical_export_with_a_stamp_is_reproducible() {
    let dir = district();
    let args = [
        "export",
        "ical",
        dir.as_str(),
        "--today",
        "2026-12-31",
        "--stamp",
        "2026-12-31T08:00:00+08:00",
    ];
    let first = lianjian(&args);
    assert_eq!(first.status.code(), Some(0));
    let second = lianjian(&args);
    assert_eq!(first.stdout, second.stdout);
    let text = String::from_utf8(first.stdout).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(text.contains("DTSTAMP:20261231T000000Z"));
    assert!(text.matches("BEGIN:VEVENT").count() > 0);
    assert_nothing_personal(&text);

    let bad = lianjian(&["export", "ical", &dir, "--stamp", "yesterday"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--stamp"));
}

#[test]
fn pairing_and_centre_ledgers_of_the_demo_district() {
    let dir = district();
    for (ledger, title, file) in [
        ("pairings", "结对共建台账", "pairings.jsonl"),
        ("centres", "阵地台账", "centres.jsonl"),
    ] {
        let out = lianjian(&[
            "ledger",
            ledger,
            &dir,
            "--today",
            "2026-12-31",
            "--format",
            "json",
        ]);
        assert_eq!(out.status.code(), Some(0), "{ledger}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(json["ledger"], ledger);
        assert_eq!(json["title"], title);
        let lines = std::fs::read_to_string(Path::new(&dir).join(file)).unwrap();
        let count = lines.lines().filter(|l| !l.trim().is_empty()).count();
        let left_out = json["files"][file]["left_out"].as_u64().unwrap() as usize;
        assert_eq!(json["rows"].as_array().unwrap().len() + left_out, count);
        assert_nothing_personal(std::str::from_utf8(&out.stdout).unwrap());
        insta::assert_json_snapshot!(format!("demo_ledger_{ledger}"), json);
    }
}
