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
    let args = [
        "headline",
        dir,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
        "--today",
        "2026-12-31",
    ];
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
    let out = lianjian(&[
        "headline",
        dir,
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let report = json(&out);
    assert_eq!(report["findings"][0]["file"], "roster.jsonl");
    assert_eq!(report["findings"][0]["code"], "required");
    // A period that cannot be read: findings at its fields, no figures, exit 1.
    let out = lianjian(&["headline", dir, "--from", "2026-13-01", "--to", "soon"]);
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
    let out = lianjian(&[
        "headline",
        dir,
        "--from",
        "2026-12-31",
        "--to",
        "2026-01-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let report = json(&out);
    assert_eq!(report["findings"][0]["code"], "ends_before_start");
    assert_eq!(report["findings"][0]["path"], "to");
    // A folder that is not there cannot be read at all.
    let out = lianjian(&[
        "headline",
        "no/such/folder",
        "--from",
        "2026-01-01",
        "--to",
        "2026-12-31",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a folder"));
}
