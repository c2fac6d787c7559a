//! `lianjian ledger activities DIR`: the activity ledger of the demo
//! district as a workbook (read back with calamine, cell by cell), as CSV
//! (read back with the csv crate) and as JSON; an unknown ledger refused.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{open_workbook, Data, Reader, Xlsx};
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

fn ledger(format: &str, more: &[&str]) -> Output {
    let dir = district();
    let mut args = vec![
        "ledger",
        "activities",
        dir.as_str(),
        "--today",
        "2026-12-31",
        "--format",
        format,
    ];
    args.extend(more);
    lianjian(&args)
}

/// The JSON ledger: the reference the other formats are compared with.
fn reference() -> Value {
    let out = ledger("json", &[]);
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn column(table: &Value, id: &str) -> usize {
    table["columns"]
        .as_array()
        .unwrap()
        .iter()
        .position(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no column {id}"))
}

#[test]
fn the_workbook_holds_the_ledger_cell_by_cell() {
    let json = reference();
    let path: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("活动台账.xlsx");
    let out = ledger("xlsx", &["--output", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty(), "the workbook went to the file");
    // The row left out is said beside the workbook.
    let said = String::from_utf8(out.stderr).unwrap();
    assert!(said.contains("activities.jsonl:25"), "{said}");
    assert!(said.contains("party_members_over_attended"), "{said}");

    let mut workbook: Xlsx<_> = open_workbook(&path).unwrap();
    assert_eq!(workbook.sheet_names(), ["活动台账"]);
    let sheet = workbook.worksheet_range("活动台账").unwrap();
    let rows = json["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 27);
    assert_eq!(
        sheet.height(),
        rows.len() + 1,
        "a heading row, then a row per activity"
    );
    let headings: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let expected: Vec<&str> = json["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["heading"].as_str().unwrap())
        .collect();
    assert_eq!(headings, expected);
    assert_eq!(&headings[..3], ["序号", "活动编号", "活动名称"]);

    let cell = |row: usize, id: &str| sheet.get((row, column(&json, id))).cloned();
    let row_of = |id: &str| {
        1 + rows
            .iter()
            .position(|r| r["id"] == id)
            .unwrap_or_else(|| panic!("no activity {id}"))
    };
    // The relending signing: 12 borrowers, 4,860万 disbursed, credit the same.
    let relending = row_of("a-2026-0520");
    assert_eq!(cell(relending, "disbursed_wan"), Some(Data::Float(4860.0)));
    assert_eq!(cell(relending, "credit_wan"), Some(Data::Float(4860.0)));
    assert_eq!(cell(relending, "borrowers"), Some(Data::Float(12.0)));
    // The customs briefing: its record, lecturers, a time as a date cell.
    let briefing = row_of("a-2026-0311");
    assert_eq!(
        cell(briefing, "summary"),
        Some(Data::String(
            "企业反映保税区货运通道开放时间短，会后经协调调整为24小时开放。".into()
        ))
    );
    assert_eq!(
        cell(briefing, "lecturers"),
        Some(Data::String(
            "梅沙海关（业务主管部门）、示例港口集团（龙头企业负责人）".into()
        ))
    );
    match cell(briefing, "starts_at") {
        Some(Data::DateTime(at)) => {
            let at = at.as_datetime().unwrap();
            assert_eq!(at.to_string(), "2026-03-11 14:30:00");
        }
        other => panic!("starts_at is {other:?}"),
    }
    assert_eq!(cell(briefing, "raised_demands"), Some(Data::Float(1.0)));
    // Numbered in the order they start; empty cells stay empty.
    assert_eq!(cell(1, "no"), Some(Data::Float(1.0)));
    let planned = row_of("a-2027-0113");
    assert_eq!(cell(planned, "attended"), Some(Data::Empty));
    assert_eq!(cell(planned, "status"), Some(Data::String("计划中".into())));
    // Every cell of the workbook reads as the JSON's.
    let ids: Vec<&str> = json["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    for (r, row) in rows.iter().enumerate() {
        for (c, id) in ids.iter().enumerate() {
            let value = &row[*id];
            let got = sheet.get((r + 1, c)).cloned().unwrap_or(Data::Empty);
            match (value, &got) {
                (Value::Null, Data::Empty) => {}
                (Value::Number(n), Data::Float(f)) => assert_eq!(n.as_f64(), Some(*f), "{id}"),
                (Value::String(s), Data::String(t)) => assert_eq!(s, t, "{id}"),
                (Value::String(s), Data::DateTime(at)) => {
                    let at = at.as_datetime().unwrap();
                    assert_eq!(&s[..16], at.format("%Y-%m-%dT%H:%M").to_string(), "{id}");
                }
                _ => panic!("row {r} {id}: {value} against {got:?}"),
            }
        }
    }
}

#[test]
fn csv_opens_in_excel_and_holds_the_same_rows() {
    let json = reference();
    let out = ledger("csv", &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stdout.starts_with("\u{FEFF}".as_bytes()),
        "a byte-order mark"
    );
    let text = String::from_utf8(out.stdout[3..].to_vec()).unwrap();
    assert!(text.contains("\r\n"));
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headings: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headings.len(), json["columns"].as_array().unwrap().len());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), json["rows"].as_array().unwrap().len());
    let relending = rows.iter().find(|r| &r[1] == "a-2026-0520").unwrap();
    assert_eq!(&relending[column(&json, "disbursed_wan")], "4860");
    assert_eq!(&relending[column(&json, "starts_at")], "2026-05-20 14:30");
    // A title with quotes survives the round trip.
    let briefing = rows.iter().find(|r| &r[1] == "a-2026-0311").unwrap();
    assert_eq!(&briefing[2], "“党建引领 关区合力 保稳提质”促外贸政策宣讲会");
}

#[test]
fn the_json_ledger_and_an_unknown_ledger() {
    let json = reference();
    assert_eq!(json["ledger"], "activities");
    assert_eq!(json["title"], "活动台账");
    // Only the activities are read: the other files' rows are not its business.
    let files: Vec<&String> = json["files"].as_object().unwrap().keys().collect();
    assert_eq!(files, ["activities.jsonl"]);
    insta::assert_json_snapshot!("demo_ledger_activities", json);

    let dir = district();
    let out = lianjian(&[
        "ledger", "accounts", &dir, "--format", "xlsx", "--lang", "en",
    ]);
    assert_eq!(out.status.code(), Some(1));
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(answer["rows"].is_null());
    assert_eq!(answer["findings"][0]["code"], "invalid_option");
    assert_eq!(answer["findings"][0]["path"], "ledger");
    assert_eq!(answer["findings"][0]["params"]["allowed"][0], "activities");
}
