//! `lianjian coverage` on rosters as they arrive: JSON lines, CSV in UTF-8
//! and GBK, Excel workbooks with Chinese headers, broken rows.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/roster")
        .join(name)
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lianjian-coverage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

fn coverage(roster: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lianjian"))
        .arg("coverage")
        .arg(roster)
        .args(["--today", "2026-11-25"])
        .args(extra)
        .output()
        .unwrap()
}

fn json(roster: &Path, extra: &[&str]) -> Value {
    let out = coverage(roster, extra);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The parts of the output that must not depend on the file format.
fn figures(output: &Value) -> Value {
    serde_json::json!({ "totals": output["totals"], "chains": output["chains"], "gaps": output["gaps"] })
}

fn rejected(output: &Value) -> Vec<(u64, Vec<String>)> {
    output["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let codes = r["findings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|f| f["code"].as_str().unwrap().to_owned());
            (r["row"].as_u64().unwrap(), codes.collect())
        })
        .collect()
}

#[test]
fn json_lines_report_shows_every_gap_kind() {
    let out = json(&fixture("gaps.jsonl"), &[]);
    let gaps = &out["gaps"];
    for kind in [
        "empty_segments",
        "segments_without_party_org",
        "should_build",
        "unlinked",
    ] {
        assert!(!gaps[kind].as_array().unwrap().is_empty(), "no {kind}");
    }
    assert_eq!(out["totals"]["rejected_rows"], 3);
    assert_eq!(
        rejected(&out),
        [
            (6, vec!["branch_too_few_members".to_owned()]),
            (7, vec!["invalid_json".to_owned()]),
            (12, vec!["unknown_segment".to_owned()])
        ]
    );
    insta::assert_json_snapshot!("gaps_jsonl", out);
}

#[test]
fn markdown_report_in_both_languages() {
    for (lang, name) in [("zh-CN", "gaps_md_zh"), ("en", "gaps_md_en")] {
        let out = coverage(&fixture("gaps.jsonl"), &["--format", "md", "--lang", lang]);
        assert_eq!(out.status.code(), Some(0));
        insta::assert_snapshot!(name, String::from_utf8(out.stdout).unwrap());
    }
}

#[test]
fn csv_with_chinese_headers_gives_the_same_figures_as_json_lines() {
    let from_json = json(&fixture("gaps.jsonl"), &[]);
    let from_csv = json(&fixture("chinese_headers.csv"), &[]);
    assert_eq!(figures(&from_csv), figures(&from_json));
    assert_eq!(from_csv["input"]["encoding"], "utf-8");
    assert_eq!(
        from_csv["input"]["ignored_columns"],
        serde_json::json!(["序号", "备注"])
    );
    // Spreadsheet line numbers, the broken quote reported and the rows after it still read.
    let rows = rejected(&from_csv);
    assert_eq!(rows.iter().map(|r| r.0).collect::<Vec<_>>(), [7, 8, 13]);
    assert_eq!(rows[1].1, ["row_malformed"]);
}

#[test]
fn gbk_csv_is_detected_or_chosen() {
    let text = std::fs::read_to_string(fixture("chinese_headers.csv")).unwrap();
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(&text);
    assert!(!unmappable);
    let path = scratch("gbk.csv");
    std::fs::write(&path, &bytes).unwrap();
    let detected = json(&path, &[]);
    assert_eq!(detected["input"]["encoding"], "gbk");
    assert_eq!(
        figures(&detected),
        figures(&json(&fixture("chinese_headers.csv"), &[]))
    );
    assert_eq!(
        figures(&json(&path, &["--encoding", "gbk"])),
        figures(&detected)
    );

    let forced = coverage(&path, &["--encoding", "utf-8"]);
    assert_eq!(
        forced.status.code(),
        Some(2),
        "GBK bytes read as UTF-8 cannot run"
    );
    assert!(String::from_utf8_lossy(&forced.stderr).contains("--encoding gbk"));
}

#[test]
fn xlsx_with_chinese_headers_numbers_and_dates() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

    let text = std::fs::read_to_string(fixture("chinese_headers.csv")).unwrap();
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet().set_name("名册").unwrap();
    let date = Format::new().set_num_format("yyyy/m/d");
    let mut row = 0u32;
    for line in text.lines() {
        // The broken-quote line has no counterpart in a workbook.
        if line.contains("引号不成对") {
            continue;
        }
        let cells: Vec<String> = split_csv_line(line);
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            let number = cell.replace(',', "").parse::<f64>();
            if row > 0 && cell == "2026/10/1" {
                let when = ExcelDateTime::from_ymd(2026, 10, 1).unwrap();
                sheet
                    .write_datetime_with_format(row, col, &when, &date)
                    .unwrap();
            } else if row > 0 && !cell.is_empty() && number.is_ok() && col != 2 {
                // Counts, output values and phone numbers stored as numbers, as staff type them.
                sheet.write_number(row, col, number.unwrap()).unwrap();
            } else {
                sheet.write_string(row, col, cell).unwrap();
            }
        }
        row += 1;
    }
    let path = scratch("roster.xlsx");
    workbook.save(&path).unwrap();

    let out = json(&path, &[]);
    assert_eq!(out["input"]["format"], "xlsx");
    assert_eq!(out["input"]["sheet"], "名册");
    let from_json = json(&fixture("gaps.jsonl"), &[]);
    assert_eq!(out["totals"]["members"], from_json["totals"]["members"]);
    assert_eq!(out["chains"], from_json["chains"]);
    assert_eq!(out["gaps"], from_json["gaps"]);
    assert_eq!(
        out["totals"]["rejected_rows"], 2,
        "the two invalid rows, by sheet row"
    );
    assert_eq!(
        rejected(&out).iter().map(|r| r.0).collect::<Vec<_>>(),
        [7, 12]
    );

    let missing = coverage(&path, &["--sheet", "Sheet9"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("名册"));
}

/// Enough of CSV for the fixture: commas, and double quotes around cells.
fn split_csv_line(line: &str) -> Vec<String> {
    let mut cells = vec![String::new()];
    let mut quoted = false;
    for c in line.trim_end_matches('\r').chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(String::new()),
            c => cells.last_mut().unwrap().push(c),
        }
    }
    cells
}

#[test]
fn html_report_is_self_contained_and_escapes_what_people_typed() {
    let path = scratch("xss.jsonl");
    let record = std::fs::read_to_string(fixture("gaps.jsonl")).unwrap();
    let first = record
        .lines()
        .next()
        .unwrap()
        // An unknown key is quoted back in the findings: markup in it must stay text.
        .replacen("{", "{\"<script>alert(1)</script>\": 1, ", 1)
        // Another chain, so the row is not a second enrollment of the first one.
        .replacen("gold_jewelry", "port_logistics", 1);
    std::fs::write(&path, format!("{record}{first}\n")).unwrap();
    let out = coverage(&path, &["--format", "html"]);
    assert_eq!(out.status.code(), Some(0));
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("<svg class=\"heatmap\""));
    assert!(!html.contains("<script"), "typed markup must be escaped");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let outside: Vec<&str> = html
        .match_indices("http")
        .map(|(i, _)| &html[i..(i + 30).min(html.len())])
        .filter(|s| !s.starts_with("http://www.w3.org/2000/svg"))
        .collect();
    assert!(outside.is_empty(), "no outside resources: {outside:?}");
    let md = String::from_utf8(coverage(&path, &["--format", "md"]).stdout).unwrap();
    assert!(!md.contains("<script"));
}

#[test]
fn threads_do_not_change_the_report() {
    let one = json(&fixture("chinese_headers.csv"), &["--threads", "1"]);
    let many = json(&fixture("chinese_headers.csv"), &["--threads", "4"]);
    assert_eq!(one, many);
}

#[test]
fn a_roster_without_the_required_columns_cannot_run() {
    let path = scratch("headers.csv");
    std::fs::write(&path, "企业名称,产业链\n某企业,黄金珠宝\n").unwrap();
    let out = coverage(&path, &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("统一社会信用代码") && err.contains("产业链环节"),
        "{err}"
    );
    let out = coverage(&fixture("no-such-roster.csv"), &[]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_few_bad_bytes_in_a_utf8_csv_cost_only_their_row() {
    let mut bytes = std::fs::read(fixture("chinese_headers.csv")).unwrap();
    bytes.extend_from_slice("11,深圳市坏字节企业有限公司,91440300MA5R000519,企业,".as_bytes());
    bytes.extend_from_slice(b"\xff\xfe,100,\xe9\xbb\x84\xe9\x87\x91\xe7\x8f\xa0\xe5\xae\x9d\r\n");
    let path = scratch("stray-bytes.csv");
    std::fs::write(&path, &bytes).unwrap();
    let out = json(&path, &[]);
    assert_eq!(
        out["input"]["encoding"], "utf-8",
        "one stray byte does not make it GBK"
    );
    assert_eq!(
        out["totals"]["members"], 8,
        "every good row is still counted"
    );
    let rows = rejected(&out);
    assert_eq!(
        rows.last().unwrap(),
        &(14, vec!["row_malformed".to_owned()])
    );
    let forced = json(&path, &["--encoding", "utf-8"]);
    assert_eq!(forced["totals"], out["totals"]);
}

#[test]
fn an_enterprise_counts_once_per_chain() {
    // JSON lines: the first record again, and again with its code written loosely.
    let text = std::fs::read_to_string(fixture("gaps.jsonl")).unwrap();
    let first = text.lines().next().unwrap();
    let loose = first.replacen("91440300MA5R000001", "9144 0300 ma5r 000001", 1);
    let path = scratch("twice.jsonl");
    std::fs::write(&path, format!("{text}{first}\n{loose}\n")).unwrap();
    let out = json(&path, &[]);
    let once = json(&fixture("gaps.jsonl"), &[]);
    assert_eq!(
        out["chains"], once["chains"],
        "the figures do not count the enterprise twice"
    );
    assert_eq!(out["totals"]["rejected_rows"], 5);
    let rows = rejected(&out);
    assert_eq!(
        &rows[3..],
        [
            (13, vec!["duplicate_enrollment".to_owned()]),
            (14, vec!["duplicate_enrollment".to_owned()])
        ]
    );
    assert_eq!(out["rejected"][3]["findings"][0]["params"]["first_row"], 1);

    // CSV: the same enterprise under the chain's Chinese name.
    let mut csv = std::fs::read_to_string(fixture("chinese_headers.csv")).unwrap();
    let again = csv.lines().nth(1).unwrap().to_owned();
    csv.push_str(&again);
    csv.push_str("\r\n");
    let path = scratch("twice.csv");
    std::fs::write(&path, csv).unwrap();
    let out = json(&path, &[]);
    assert_eq!(out["chains"], once["chains"]);
    assert_eq!(
        rejected(&out).last().unwrap(),
        &(14, vec!["duplicate_enrollment".to_owned()])
    );
}

/// `(row, [(code, path)])` of rejected rows or warnings.
fn rows_with_paths(output: &Value, key: &str) -> Vec<(u64, Vec<(String, String)>)> {
    output[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let findings = r["findings"].as_array().unwrap().iter().map(|f| {
                (
                    f["code"].as_str().unwrap().to_owned(),
                    f["path"].as_str().unwrap().to_owned(),
                )
            });
            (r["row"].as_u64().unwrap(), findings.collect())
        })
        .collect()
}

fn found(code: &str, path: &str) -> (String, String) {
    (code.to_owned(), path.to_owned())
}

/// The figures that do not depend on which rows a format could not hold.
fn chains_and_gaps(output: &Value) -> Value {
    serde_json::json!({ "members": output["totals"]["members"], "chains": output["chains"], "gaps": output["gaps"] })
}

#[test]
fn a_title_row_above_the_header_is_skipped_and_rows_keep_their_numbers() {
    let path = fixture("title_row.xlsx");
    let out = coverage(&path, &[]);
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("row 2"), "{stderr}");
    let out: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out["input"]["header_rows"], serde_json::json!([2]));
    assert_eq!(
        out["input"]["ignored_columns"],
        serde_json::json!(["序号", "备注"])
    );
    assert_eq!(
        chains_and_gaps(&out),
        chains_and_gaps(&json(&fixture("gaps.jsonl"), &[]))
    );
    // Sheet rows as a person sees them: the title is row 1, the header row 2.
    assert_eq!(
        rows_with_paths(&out, "rejected"),
        [
            (
                8,
                vec![found("branch_too_few_members", "party_org.full_members")]
            ),
            (13, vec![found("unknown_segment", "segments[0]")]),
        ]
    );
    assert_eq!(
        rejected(&out).len() as u64,
        out["totals"]["rejected_rows"].as_u64().unwrap()
    );
    // The row named gives the same report; another row cannot be the header.
    assert_eq!(json(&path, &["--header-row", "2"]), out);
    let wrong = coverage(&path, &["--header-row", "1"]);
    assert_eq!(wrong.status.code(), Some(2));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        err.contains("row 1 read: 盐田区产业链党建成员企业名单（2026年）"),
        "{err}"
    );
}

#[test]
fn merged_two_level_headers_and_identifiers_stored_as_numbers() {
    let path = fixture("merged_headers.xlsx");
    let out = json(&path, &[]);
    assert_eq!(out["input"]["header_rows"], serde_json::json!([2, 3]));
    assert_eq!(
        out["input"]["ignored_columns"],
        serde_json::json!(["序号", "备注"])
    );
    assert_eq!(out["totals"]["members"], 2);
    assert_eq!(
        rows_with_paths(&out, "rejected"),
        [
            // 914403001234567891 kept to 15 digits.
            (5, vec![found("stored_as_number", "enterprise.uscc")]),
            // A kept-to-15-digits code whose check character still fits.
            (6, vec![found("stored_as_number", "enterprise.uscc")]),
            // 0511 stored as 511.
            (
                7,
                vec![found("stored_as_number", "enterprise.industry_codes[0]")]
            ),
            // 0755-25551234 stored as 75525551234.
            (8, vec![found("stored_as_number", "contact.phone")]),
            (9, vec![found("stored_as_number", "liaison.phone")]),
        ]
    );
    // Counted rows show their warnings; numbers that lose nothing are read
    // as typed (row 4: industry code 2438, a mobile number, counts).
    assert_eq!(
        rows_with_paths(&out, "warnings"),
        [(
            10,
            vec![
                found("should_build_own_org", "party_org.status"),
                found("coverage_gap", "liaison")
            ]
        )]
    );
    let row_4 = &out["chains"][1];
    assert_eq!(row_4["chain"], "gold_jewelry");
    assert_eq!(row_4["members"], 1);
    assert_eq!(row_4["full_members"], 6);
    // No check character is ever proposed for a code that lost digits.
    let text = serde_json::to_string(&out["rejected"]).unwrap();
    assert!(!text.contains("uscc_checksum"), "{text}");
    let en = json(&path, &["--lang", "en"]);
    let message = en["rejected"][0]["findings"][0]["message"]
        .as_str()
        .unwrap();
    assert!(message.contains("15 significant digits"), "{message}");
    assert!(message.contains("Format the column as text"), "{message}");
    insta::assert_json_snapshot!(
        "merged_headers_rows",
        serde_json::json!({ "input": out["input"], "rejected": out["rejected"], "warnings": out["warnings"] })
    );

    // Named, the upper header row gives the same report; the sub-header row
    // alone names 电话 twice, and the message shows what it read.
    assert_eq!(json(&path, &["--header-row", "2"]), out);
    let wrong = coverage(&path, &["--header-row", "3"]);
    assert_eq!(wrong.status.code(), Some(2));
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        err.contains("电话") && err.contains("row 3 read:") && err.contains("状态 | 类型"),
        "{err}"
    );
}

#[test]
fn merged_headers_exported_as_csv_keep_their_group_titles() {
    // A CSV export keeps a merged title in its first cell only.
    let csv = "盐田区产业链党建成员企业名单（2026年）,,,,,,,,,,,,,\r\n\
               企业名称,统一社会信用代码,单位类型,产业链,产业链环节,党组织,,,,,联系人,,,入链日期\r\n\
               ,,,,,状态,类型,名称,正式党员数,上级党组织,姓名,职务,电话,\r\n\
               深圳市两级表头企业有限公司,91440300MA5FUTN418,企业,黄金珠宝,生产制造,单独建立,党支部,\
               示例党支部,3,沙头角街道非公企业党委,联系人甲,经理,13800138000,2026/10/1\r\n";
    let path = scratch("two-level.csv");
    std::fs::write(&path, csv).unwrap();
    let out = json(&path, &[]);
    assert_eq!(out["input"]["header_rows"], serde_json::json!([2, 3]));
    assert_eq!(out["totals"]["members"], 1);
    assert_eq!(out["totals"]["own_org"], 1);
    assert_eq!(out["totals"]["full_members"], 3);
    assert_eq!(out["rejected"], serde_json::json!([]));
    // 联系人/职务 names no field: it is listed, not guessed.
    assert_eq!(
        out["input"]["ignored_columns"],
        serde_json::json!(["联系人/职务"])
    );
}

#[test]
fn excel_unicode_text_is_utf16_with_tabs() {
    let path = fixture("unicode_text.txt");
    let out = json(&path, &[]);
    let input = &out["input"];
    assert_eq!(
        (
            &input["encoding"],
            &input["bom"],
            &input["delimiter"],
            &input["header_rows"]
        ),
        (
            &serde_json::json!("utf-16le"),
            &serde_json::json!(true),
            &serde_json::json!("tab"),
            &serde_json::json!([2])
        )
    );
    assert_eq!(
        chains_and_gaps(&out),
        chains_and_gaps(&json(&fixture("gaps.jsonl"), &[]))
    );
    assert_eq!(
        rejected(&out).iter().map(|r| r.0).collect::<Vec<_>>(),
        [8, 13]
    );

    // Without its byte-order mark the bytes are not taken for GBK: the
    // message says what was read and what to try.
    let bytes = std::fs::read(&path).unwrap();
    let bare = scratch("no-bom.txt");
    std::fs::write(&bare, &bytes[2..]).unwrap();
    let refused = coverage(&bare, &[]);
    assert_eq!(refused.status.code(), Some(2));
    let err = String::from_utf8_lossy(&refused.stderr);
    assert!(
        err.contains("--encoding utf-16le") && !err.contains("--encoding gbk"),
        "{err}"
    );
    assert!(err.contains("read as: utf-8"), "{err}");
    let chosen = json(&bare, &["--encoding", "utf-16le"]);
    assert_eq!(chosen["input"]["bom"], false);
    assert_eq!(chains_and_gaps(&chosen), chains_and_gaps(&out));
}

#[test]
fn tab_and_semicolon_separated_files_are_recognised() {
    let from_json = chains_and_gaps(&json(&fixture("gaps.jsonl"), &[]));
    for (name, delimiter, bom) in [
        ("tab_separated.csv", "tab", false),
        ("semicolon.csv", "semicolon", true),
    ] {
        let out = json(&fixture(name), &[]);
        assert_eq!(out["input"]["delimiter"], delimiter, "{name}");
        assert_eq!(out["input"]["bom"], bom, "{name}");
        assert_eq!(out["input"]["header_rows"], serde_json::json!([1]));
        assert_eq!(chains_and_gaps(&out), from_json, "{name}");
        assert_eq!(
            rejected(&out).iter().map(|r| r.0).collect::<Vec<_>>(),
            [7, 12],
            "{name}"
        );
        assert_eq!(json(&fixture(name), &["--delimiter", delimiter]), out);
    }
    // The existing comma file is still read as comma-separated.
    let comma = json(&fixture("chinese_headers.csv"), &[]);
    assert_eq!(comma["input"]["delimiter"], "comma");

    // A delimiter named wrongly: the message says what was read.
    let wrong = coverage(&fixture("tab_separated.csv"), &["--delimiter", "comma"]);
    assert_eq!(wrong.status.code(), Some(2));
    let err = String::from_utf8_lossy(&wrong.stderr);
    for part in [
        "read as: utf-8, comma-separated",
        "row 1 read: 序号\\t企业名称",
        "try --delimiter tab",
    ] {
        assert!(err.contains(part), "{part}: {err}");
    }
}

#[test]
fn identifiers_in_scientific_notation_are_refused() {
    let out = json(&fixture("scientific_notation.csv"), &[]);
    assert_eq!(out["input"]["header_rows"], serde_json::json!([2]));
    assert_eq!(out["totals"]["members"], 1);
    assert_eq!(
        rows_with_paths(&out, "rejected"),
        [
            (4, vec![found("stored_as_number", "enterprise.uscc")]),
            (5, vec![found("stored_as_number", "contact.phone")]),
            (6, vec![found("stored_as_number", "liaison.phone")]),
        ]
    );
    let zh = out["rejected"][0]["findings"][0]["message"]
        .as_str()
        .unwrap();
    assert!(zh.contains("文本格式"), "{zh}");
}

#[test]
fn warnings_of_counted_rows_in_markdown_and_html() {
    let path = fixture("merged_headers.xlsx");
    let md =
        String::from_utf8(coverage(&path, &["--format", "md", "--lang", "en"]).stdout).unwrap();
    assert!(md.contains("## Rows counted with warnings (1)"), "{md}");
    assert!(md.contains("| 10 | `party_org.status`:"), "{md}");
    assert!(md.contains("header rows 2–3"), "{md}");
    let html = String::from_utf8(coverage(&path, &["--format", "html"]).stdout).unwrap();
    assert!(html.contains("<h2>已计入但有提示的行 (1)</h2>"));
    assert!(html.contains("<tr><td>10</td>"));
    assert!(html.contains("表头行 2–3"));
}

#[test]
fn a_broken_row_right_under_the_header_costs_only_itself() {
    let text = std::fs::read_to_string(fixture("chinese_headers.csv")).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    let broken = lines.remove(7);
    assert!(broken.contains("引号不成对"));
    lines.insert(1, broken);
    let path = scratch("broken-second-line.csv");
    std::fs::write(&path, lines.join("\r\n") + "\r\n").unwrap();
    let out = json(&path, &[]);
    assert_eq!(out["input"]["header_rows"], serde_json::json!([1]));
    assert_eq!(out["totals"]["members"], 8, "the rows after it are read");
    assert_eq!(rejected(&out)[0], (2, vec!["row_malformed".to_owned()]));
}

#[test]
fn help_names_the_reading_flags() {
    let out = Command::new(env!("CARGO_BIN_EXE_lianjian"))
        .args(["coverage", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for flag in [
        "--header-row",
        "--delimiter",
        "--encoding",
        "stored_as_number",
    ] {
        assert!(help.contains(flag), "{flag}: {help}");
    }
}

#[test]
fn roster_rows_get_the_identifier_checks_of_an_enrollment() {
    // Row 1 carries a resident ID number as its code; row 2 a Hong Kong contact.
    let csv = std::fs::read_to_string(fixture("chinese_headers.csv")).unwrap();
    let csv = csv
        .replacen("91440300MA5R000001", "320102199409116943", 1)
        .replacen(",联系人1,13800138001,", ",联系人1,+852 9123 4567,", 1);
    assert!(csv.contains("+852 9123 4567") && csv.contains("320102199409116943"));
    let path = scratch("identifiers.csv");
    std::fs::write(&path, &csv).unwrap();
    let out = coverage(&path, &[]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(!stdout.contains("320102"), "the ID number is not echoed");
    let out: Value = serde_json::from_slice(&out.stdout).unwrap();
    let base = json(&fixture("chinese_headers.csv"), &[]);
    let rows = rejected(&out);
    assert_eq!(rows[0], (2, vec!["uscc_resident_id".to_owned()]));
    assert_eq!(
        rows[1..],
        rejected(&base)[..],
        "the Hong Kong row is accepted"
    );
    assert_eq!(
        out["totals"]["members"].as_u64().unwrap() + 1,
        base["totals"]["members"].as_u64().unwrap()
    );
}
