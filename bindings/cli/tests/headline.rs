//! `lianjian headline DIR`: the figures of a district folder, rows left out
//! with their file and line, the formats, the exit codes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn lianjian(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianjian"))
        .args(args)
        .output()
        .unwrap()
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A folder of its own under the target directory, holding `files`.
fn folder(name: &str, files: &[(&str, String)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    dir
}

fn one_line(path: &str) -> String {
    let text = std::fs::read_to_string(repository().join(path)).unwrap();
    serde_json::from_str::<Value>(&text).unwrap().to_string()
}

/// `lianjian headline DIR --from FROM --to TO`.
fn period<'a>(dir: &'a str, from: &'a str, to: &'a str) -> Vec<&'a str> {
    vec!["headline", dir, "--from", from, "--to", to]
}

/// The headline of the year 2026, counted on its last day.
fn the_year_2026(dir: &str) -> Vec<&str> {
    let mut args = period(dir, "2026-01-01", "2026-12-31");
    args.extend(["--today", "2026-12-31"]);
    args
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn counts_a_folder_and_lists_the_rows_left_out() {
    let own = one_line("tests/fixtures/enrollment/valid_own_branch.json");
    let joint = one_line("tests/fixtures/enrollment/valid_joint_branch.json");
    let roster = format!("{own}\n{{\"chain\": 1}}\n{joint}\n");
    let dir = folder("headline-small", &[("roster.jsonl", roster)]);
    let dir = dir.to_str().unwrap();
    let args = the_year_2026(dir);
    let out = lianjian(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = json(&out);
    assert_eq!(report["figures"]["chain_enterprises"]["value"], 2);
    assert_eq!(report["files"]["roster.jsonl"]["rows"], 3);
    assert_eq!(report["files"]["roster.jsonl"]["left_out"], 1);
    let findings = report["findings"].as_array().unwrap();
    assert!(findings
        .iter()
        .all(|f| f["file"] == "roster.jsonl" && f["line"] == 2));
    assert!(findings
        .iter()
        .any(|f| f["code"] == "wrong_type" && f["path"] == "chain"));
    assert!(report["definitions"]["chain_enterprises"]
        .as_str()
        .unwrap()
        .contains("统一社会信用代码"));

    // --as-of before every row joined: nobody counts yet.
    let mut early = args.to_vec();
    early.extend(["--as-of", "2026-06-30"]);
    let report = json(&lianjian(&early));
    assert_eq!(report["as_of"], "2026-06-30");
    assert_eq!(report["figures"]["chain_enterprises"]["value"], 0);

    for (format, marker) in [
        ("md", "# 产业链党建主要数据"),
        ("html", "<html lang=\"en\">"),
    ] {
        let mut with = args.to_vec();
        with.extend(["--format", format]);
        if format == "html" {
            with.extend(["--lang", "en"]);
        }
        let out = lianjian(&with);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.starts_with(marker) || text.contains(marker), "{text}");
    }
}

#[test]
fn exit_codes_say_what_happened() {
    let dir = folder("headline-empty", &[]);
    let dir = dir.to_str().unwrap();
    // No roster: said, and the report is produced all the same.
    let out = lianjian(&period(dir, "2026-01-01", "2026-12-31"));
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["findings"][0]["file"], "roster.jsonl");
    assert_eq!(report["findings"][0]["code"], "required");
    // A period that cannot be read: findings at its fields, no figures, exit 1.
    let out = lianjian(&period(dir, "2026-13-01", "soon"));
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert!(report["figures"].is_null());
    let paths: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(&paths[..2], ["from", "to"]);
    // A period that ends before it starts.
    let out = lianjian(&period(dir, "2026-12-31", "2026-01-01"));
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["findings"][0]["code"], "ends_before_start");
    assert_eq!(report["findings"][0]["path"], "to");
    // A folder that is not there cannot be read at all.
    let out = lianjian(&period("no/such/folder", "2026-01-01", "2026-12-31"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));
}

/// The demo district of `examples/district/`: the seed's own cases counted,
/// its broken rows listed, the report snapshotted in each format.
#[test]
fn the_demo_district() {
    let dir = repository().join("examples/district");
    let dir = dir.to_str().unwrap();
    let args = the_year_2026(dir);
    let out = lianjian(&args);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    let relending = &report["figures"]["relending"];
    assert_eq!(relending["enterprises"], 12);
    assert_eq!(relending["amount_wan"], 4860.0);
    assert_eq!(relending["approx"], "近5000万元");
    // The customs briefing's demand and the IP training's are resolved.
    let resolved = report["lists"]["demands_resolved"].as_array().unwrap();
    assert!(resolved.contains(&"D-2026-0311".into()));
    assert!(resolved.contains(&"D-2026-JM07".into()));
    // The 2025 case never counts in 2026.
    assert!(!resolved.contains(&"D-2025-0911".into()));
    let left_out: Vec<(String, u64, String)> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| {
            (
                f["file"].as_str().unwrap().to_owned(),
                f["line"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let codes: Vec<&str> = left_out.iter().map(|(_, _, c)| c.as_str()).collect();
    assert_eq!(
        codes,
        [
            "uscc_checksum",
            "unknown_segment",
            "duplicate_enrollment",
            "illegal_transition",
            "duplicate_id",
            "party_members_over_attended"
        ]
    );
    insta::assert_snapshot!("demo_headline_json", String::from_utf8(out.stdout).unwrap());

    let mut md = args.to_vec();
    md.extend(["--format", "md", "--lang", "en"]);
    let out = lianjian(&md);
    assert_eq!(out.status.code(), Some(0));
    insta::assert_snapshot!(
        "demo_headline_md_en",
        String::from_utf8(out.stdout).unwrap()
    );

    // The page carries everything itself: no outside resource.
    let mut html = args.to_vec();
    html.extend(["--format", "html"]);
    let page = String::from_utf8(lianjian(&html).stdout).unwrap();
    assert!(page.starts_with("<!doctype html>"));
    for outside in ["http://", "https://", "src=", "<script", "<link"] {
        assert!(!page.contains(outside), "{outside}");
    }
    assert!(page.contains("近5000万元") && page.contains("<details>"));

    let out = lianjian(&["outreach", dir, "--today", "2026-12-31"]);
    assert_eq!(out.status.code(), Some(0));
    let outreach = json(&out);
    let statuses: Vec<&str> = outreach["cadence"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["status"].as_str().unwrap())
        .collect();
    // Overdue first, then due, then on time; every state is there.
    let first_due = statuses.iter().position(|s| *s == "due").unwrap();
    let first_on_time = statuses.iter().position(|s| *s == "on_time").unwrap();
    assert!(statuses[..first_due].iter().all(|s| *s == "overdue") && first_due > 0);
    assert!(statuses[first_due..first_on_time]
        .iter()
        .all(|s| *s == "due"));
    assert!(statuses[first_on_time..].iter().all(|s| *s == "on_time"));
    insta::assert_snapshot!("demo_outreach_json", String::from_utf8(out.stdout).unwrap());
}
