//! The command line as a script would use it: JSON lines out, exit codes.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const VALID: &str = "91440300MA5FUTN418";
const RECORD: &str = r#"{"enterprise": {"name": "深圳市示例珠宝首饰有限公司", "uscc": "91440300MA5FUTN418", "kind": "enterprise"}, "chain": "gold_jewelry", "segments": ["manufacturing"], "party_org": {"status": "own", "kind": "branch", "name": "示例党支部", "full_members": 5, "home_affiliation": "沙头角街道非公企业党委"}, "contact": {"name": "联系人甲", "phone": "13800138000"}, "joined_on": "2026-11-01"}"#;

fn lianjian(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_lianjian"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // A command that fails before reading its input closes the pipe early.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    child.wait_with_output().unwrap()
}

fn lines(output: &Output) -> Vec<Value> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn uscc_prints_one_line_per_code_and_exits_by_validity() {
    let ok = lianjian(&["uscc", VALID, "9144 0300 ma5f utn4 18"], b"");
    assert_eq!(ok.status.code(), Some(0));
    let out = lines(&ok);
    assert_eq!(out.len(), 2);
    assert_eq!(out[1]["normalized"], VALID);
    assert_eq!(out[1]["input"], "9144 0300 ma5f utn4 18");
    assert_eq!(out[0]["findings"], Value::Array(vec![]));

    let bad = lianjian(&["uscc", VALID, "91440300MA5FUTN419", "--lang", "en"], b"");
    assert_eq!(bad.status.code(), Some(1));
    let out = lines(&bad);
    assert_eq!(out[1]["valid"], false);
    assert_eq!(out[1]["findings"][0]["code"], "uscc_checksum");
    assert_eq!(out[1]["findings"][0]["params"]["expected"], "8");
    assert!(out[1]["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("compare each character with the business licence"));
}

#[test]
fn uscc_reads_stdin_and_honours_legacy_overrides() {
    let out = lianjian(
        &["uscc", "-"],
        b"91440300MA5FUTN418\n\n91440300MA5FUTN410\n",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out).len(), 2, "blank lines are skipped");

    let out = lianjian(
        &[
            "uscc",
            "--allow-legacy-uscc",
            "91440300MA5FUTN410",
            "91440300MA5FUTN410",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        lines(&out)[0]["findings"][0]["code"],
        "uscc_checksum_overridden"
    );
}

#[test]
fn uscc_refuses_a_resident_id_number_without_echoing_it() {
    // Shaped like a resident ID number, and it passes the code's check character.
    let id = "320102199409116943";
    let out = lianjian(&["uscc", id, "--lang", "en"], b"");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8(out.stdout.clone()).unwrap();
    for part in ["320102", "19940911", "116943"] {
        assert!(!stdout.contains(part), "{stdout}");
    }
    let line = &lines(&out)[0];
    assert_eq!(line["input"], "*".repeat(18));
    assert_eq!(line["normalized"], "*".repeat(18));
    assert_eq!(line["valid"], false);
    assert_eq!(line["findings"].as_array().unwrap().len(), 1);
    assert_eq!(line["findings"][0]["code"], "uscc_resident_id");
    assert_eq!(line["findings"][0]["params"], serde_json::json!({}));
    assert!(line["findings"][0]["message"]
        .as_str()
        .unwrap()
        .contains("resident identity card"));

    // From stdin, spaced as on the card: masked character for character.
    let out = lianjian(&["uscc", "-"], b"3201 0219 9409 1169 43\n");
    assert_eq!(lines(&out)[0]["input"], "*".repeat(22));
    assert!(!String::from_utf8(out.stdout).unwrap().contains("6943"));
}

#[test]
fn uscc_checks_the_division_but_not_below_the_province() {
    // 47 names no province-level division; 440300 (Shenzhen), 440308 (Yantian)
    // and the national 100000 are all accepted.
    let out = lianjian(
        &[
            "uscc",
            "91470300MA5FUTN41L",
            VALID,
            "91440308MA5FUTN41U",
            "51100000MJ0000018U",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let out = lines(&out);
    assert_eq!(out[0]["input"], "91470300MA5FUTN41L");
    assert_eq!(out[0]["findings"][0]["code"], "uscc_division");
    assert_eq!(out[0]["findings"][0]["params"]["prefix"], "47");
    for line in &out[1..] {
        assert_eq!(line["valid"], true, "{line}");
        assert_eq!(line["findings"], Value::Array(vec![]), "{line}");
    }
    let out = lianjian(
        &[
            "uscc",
            "--allow-legacy-uscc",
            "91470300MA5FUTN41L",
            "91470300MA5FUTN41L",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        lines(&out)[0]["findings"][0]["code"],
        "uscc_division_overridden"
    );
}

#[test]
fn validate_enrollment_numbers_lines_and_reports_every_problem() {
    let input = format!(
        "{RECORD}\n\n{{\"chain\": 1\n\u{FEFF}{}\n",
        RECORD.replace("2026-11-01", "2027-01-01")
    );
    let out = lianjian(
        &["validate", "enrollment", "-", "--today", "2026-11-25"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let out = lines(&out);
    assert_eq!(out.len(), 3);
    assert_eq!(
        (out[0]["line"].as_u64(), out[0]["valid"].as_bool()),
        (Some(1), Some(true))
    );
    assert_eq!(out[1]["line"], 3);
    assert_eq!(out[1]["findings"][0]["code"], "invalid_json");
    assert_eq!(out[2]["line"], 4);
    assert_eq!(out[2]["findings"][0]["code"], "date_in_future");
    assert_eq!(out[2]["findings"][0]["path"], "joined_on");
}

#[test]
fn validate_enrollment_survives_bytes_that_are_not_utf8() {
    let mut input = RECORD.as_bytes().to_vec();
    input.extend_from_slice(b"\n{\"chain\": \"\xff\xfe\"}\n");
    let out = lianjian(
        &["validate", "enrollment", "-", "--today", "2026-11-25"],
        &input,
    );
    assert_eq!(out.status.code(), Some(1));
    let out = lines(&out);
    assert_eq!(out[1]["findings"][0]["code"], "invalid_json");
}

#[test]
fn the_date_decides_what_is_in_the_future() {
    let out = lianjian(
        &["validate", "enrollment", "-", "--today", "2026-10-01"],
        RECORD.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let out = lianjian(
        &["validate", "enrollment", "-", "--today", "2026-11-01"],
        RECORD.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn a_district_catalog_replaces_the_built_in_one() {
    let dir = std::env::temp_dir().join(format!("lianjian-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let catalog = dir.join("catalog.json");
    std::fs::write(
        &catalog,
        r#"{"district": {"code": "440305", "name": {"zh-CN": "南山区", "en": "Nanshan"}},
            "chains": [{"id": "gold_jewelry", "name": {"zh-CN": "珠宝", "en": "Jewelry"},
                        "segments": [{"id": "design_rnd", "name": {"zh-CN": "设计", "en": "Design"}}]}]}"#,
    )
    .unwrap();
    let args = [
        "validate",
        "enrollment",
        "-",
        "--today",
        "2026-11-25",
        "--catalog",
        catalog.to_str().unwrap(),
    ];
    let out = lianjian(&args, RECORD.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out)[0]["findings"][0]["code"], "unknown_segment");

    std::fs::write(&catalog, "{ not json").unwrap();
    let out = lianjian(&args, RECORD.as_bytes());
    assert_eq!(out.status.code(), Some(2), "a broken catalog cannot run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("catalog"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn missing_files_and_bad_flags_are_usage_errors() {
    let out = lianjian(&["validate", "enrollment", "no/such/file.jsonl"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/file.jsonl"));
    let out = lianjian(&["uscc", VALID, "--today", "2026-13-01"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = lianjian(&["uscc", VALID, "--lang", "fr"], b"");
    assert_eq!(out.status.code(), Some(2));
}

const DEMAND: &str = r#"{"enterprise_uscc": "91440300MA5FUTN418", "enterprise_name": "深圳市示例物流有限公司", "chain": "port_logistics", "kind": "help", "title": "盐田港后方陆域高峰期拥堵", "description": "每天下午四点到七点，进港拖车排队超过两公里。", "contact": {"name": "联系人乙", "phone": "13900139000"}, "declarations": {"not_in_litigation": true, "no_secrets": true}, "submitted_at": "2026-11-25T10:00:00+08:00"}"#;

#[test]
fn validate_demand_flags_repeats_of_earlier_lines() {
    let again = DEMAND.replace("10:00:00", "15:00:00");
    let broken = DEMAND.replace("\"no_secrets\": true", "\"no_secrets\": false");
    let input = format!("{DEMAND}\n{again}\n{broken}\n");
    let out = lianjian(
        &[
            "validate",
            "demand",
            "-",
            "--today",
            "2026-11-25",
            "--lang",
            "en",
        ],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1));
    let out = lines(&out);
    assert_eq!(out[0]["findings"], Value::Array(vec![]));
    assert_eq!(
        (
            out[1]["valid"].as_bool(),
            out[1]["findings"][0]["code"].as_str()
        ),
        (Some(true), Some("demand_repeat"))
    );
    assert_eq!(out[1]["findings"][0]["params"]["earlier"], "line 1");
    let codes: Vec<&str> = out[2]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["demand_repeat", "declaration_required"]);

    let window = lianjian(
        &[
            "validate",
            "demand",
            "-",
            "--today",
            "2026-11-25",
            "--repeat-window-days",
            "0",
        ],
        format!(
            "{DEMAND}\n{}\n",
            DEMAND.replace("2026-11-25T10", "2026-11-24T10")
        )
        .as_bytes(),
    );
    assert_eq!(
        lines(&window)[1]["findings"],
        Value::Array(vec![]),
        "a day apart is outside a 0-day window"
    );
}

#[test]
fn classify_answers_per_text_and_line() {
    let out = lianjian(&["classify", "出口退税迟迟未到账"], b"");
    assert_eq!(out.status.code(), Some(0));
    let answer = &lines(&out)[0];
    assert_eq!(
        (answer["topic"].as_str(), answer["department"].as_str()),
        (Some("tax"), Some("tax_bureau"))
    );
    assert_eq!(answer["candidates"][0]["matched"][0], "出口退税");

    let out = lianjian(
        &["classify"],
        "保税区通道开放时间\n\n厂房租金上涨\n".as_bytes(),
    );
    let topics: Vec<String> = lines(&out)
        .iter()
        .map(|a| a["topic"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(topics, ["customs", "land_space"]);
}

#[test]
fn classify_evaluates_a_labelled_set() {
    let dir = std::env::temp_dir().join(format!("lianjian-eval-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let set = dir.join("set.jsonl");
    std::fs::write(
        &set,
        concat!(
            r#"{"title": "出口退税", "description": "退税未到账", "topic": "tax", "split": "holdout"}"#, "\n",
            r#"{"title": "厂房租金", "description": "租金上涨", "topic": "land_space", "split": "holdout"}"#, "\n",
            r#"{"title": "园区停电", "description": "连续停电", "topic": "tax", "split": "tune"}"#, "\n",
        ),
    )
    .unwrap();
    let out = lianjian(
        &[
            "classify",
            "--evaluate",
            set.to_str().unwrap(),
            "--split",
            "holdout",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("top-1: 100.0% (2/2)"), "{text}");
    let out = lianjian(&["classify", "--evaluate", set.to_str().unwrap()], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("top-1: 66.7% (2/3)"), "{text}");
    std::fs::write(
        &set,
        r#"{"title": "x", "description": "y", "topic": "weather"}"#,
    )
    .unwrap();
    assert_eq!(
        lianjian(&["classify", "--evaluate", set.to_str().unwrap()], b"")
            .status
            .code(),
        Some(2)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

const NOT_A_REAL_2027: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../tests/fixtures/holidays/not-a-real-notice-2027.json"
);

#[test]
fn deadline_crossing_into_an_unpublished_year_is_provisional() {
    // The field report: a consultation received 2026-12-30 got New Year's Day.
    let out = lianjian(
        &[
            "deadline",
            "--kind",
            "consultation",
            "--from",
            "2026-12-30T10:00:00+08:00",
            "--lang",
            "en",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let answer = &lines(&out)[0];
    assert_eq!(answer["kind"], "consultation");
    assert_eq!(answer["from"], "2026-12-30T10:00:00+08:00");
    assert_eq!(answer["working_days"], 2);
    assert_eq!(answer["deadline"], "2027-01-04");
    assert_eq!(answer["provisional"], true);
    assert_eq!(answer["findings"][0]["code"], "calendar_provisional");
    assert_eq!(answer["findings"][0]["severity"], "warning");
    assert_eq!(answer["findings"][0]["params"]["years"], "2027");

    // With the year's schedule loaded at run time the answer is final.
    let out = lianjian(
        &[
            "deadline",
            "--kind",
            "consultation",
            "--from",
            "2026-12-30",
            "--holidays",
            NOT_A_REAL_2027,
        ],
        b"",
    );
    let answer = &lines(&out)[0];
    assert_eq!(answer["deadline"], "2027-01-05");
    assert_eq!(answer["provisional"], false);
    assert_eq!(answer["findings"], Value::Array(vec![]));

    let bad = lianjian(&["deadline", "--kind", "petition", "--from", "soon"], b"");
    assert_eq!(bad.status.code(), Some(1));
    let answer = &lines(&bad)[0];
    assert_eq!(answer["deadline"], Value::Null);
    assert_eq!(answer["findings"][0]["path"], "kind");
    assert_eq!(answer["findings"][1]["path"], "from");
}

#[test]
fn workday_says_why() {
    let out = lianjian(
        &[
            "workday",
            "2026-10-10",
            "2026-10-01",
            "2026-11-28",
            "2026-11-27",
            "2027-02-05",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let days = lines(&out);
    let reasons: Vec<(&str, bool, bool)> = days
        .iter()
        .map(|d| {
            (
                d["reason"].as_str().unwrap(),
                d["working"].as_bool().unwrap(),
                d["provisional"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        reasons,
        [
            ("make_up_day", true, false),
            ("holiday", false, false),
            ("weekend", false, false),
            ("weekday", true, false),
            ("holiday", false, true),
        ]
    );
    assert_eq!(days[1]["holiday"], "national_day");
    assert_eq!(days[1]["holiday_name"], "国庆节");
    assert_eq!(days[4]["holiday"], "spring_festival");
    assert_eq!(days[4]["findings"][0]["code"], "calendar_provisional");

    let loaded = lianjian(
        &["workday", "2027-02-14", "--holidays", NOT_A_REAL_2027],
        b"",
    );
    let day = &lines(&loaded)[0];
    assert_eq!(day["reason"], "make_up_day");
    assert_eq!(day["provisional"], false);
    assert!(day["source"]
        .as_str()
        .unwrap()
        .contains("not the State Council"));

    let bad = lianjian(&["workday", "2026-02-30"], b"");
    assert_eq!(bad.status.code(), Some(1));
    assert_eq!(lines(&bad)[0]["findings"][0]["code"], "date_invalid");
}

#[test]
fn a_holiday_file_that_breaks_the_law_is_refused_by_name() {
    let dir = std::env::temp_dir().join(format!("lianjian-holidays-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("2027.json");
    // Spring Festival cut short: 初二 and 初三 (7–8 February) are statutory.
    let text = std::fs::read_to_string(NOT_A_REAL_2027)
        .unwrap()
        .replace("\"to\": \"2027-02-11\"", "\"to\": \"2027-02-06\"");
    std::fs::write(&file, text).unwrap();
    let out = lianjian(
        &[
            "workday",
            "2027-02-07",
            "--holidays",
            file.to_str().unwrap(),
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("2027.json"), "{stderr}");
    assert!(
        stderr.contains("春节") && stderr.contains("2027-02-07"),
        "{stderr}"
    );
    let missing = lianjian(
        &["workday", "2027-02-07", "--holidays", "no-such-file.json"],
        b"",
    );
    assert_eq!(missing.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A fixture file of the repository, as the command line reads it.
fn fixture(path: &str) -> String {
    format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn validate_outreach_records_against_earlier_lines() {
    let today = ["--today", "2026-11-25", "--lang", "en"];
    let run = |kind: &str, file: &str, more: &[&str]| {
        let file = fixture(file);
        let mut args = vec!["validate", kind, file.as_str()];
        args.extend_from_slice(more);
        args.extend_from_slice(&today);
        lianjian(&args, b"")
    };
    let visits = run("visit", "batch/visit_repeated.jsonl", &[]);
    assert_eq!(visits.status.code(), Some(1));
    let out = lines(&visits);
    let numbers: Vec<u64> = out.iter().map(|l| l["line"].as_u64().unwrap()).collect();
    assert_eq!(numbers, [1, 2, 4, 5], "the blank line 3 is skipped");
    assert_eq!(out[1]["findings"][0]["code"], "visit_repeated");
    assert_eq!(out[1]["findings"][0]["params"]["earlier"], "line 1");
    assert_eq!(out[2]["findings"][0]["code"], "duplicate_id");

    let activities = run("activity", "batch/activity_room_double_booked.jsonl", &[]);
    assert_eq!(activities.status.code(), Some(1));
    let out = lines(&activities);
    assert_eq!(out[1]["findings"][0]["code"], "room_double_booked");
    assert_eq!(out[1]["findings"][0]["path"], "venue.room");
    assert_eq!(out[2]["valid"], true, "a cancelled activity takes no room");

    let one = fixture("programme/valid_wanming.json");
    let programmes = lianjian(
        &[&["validate", "programme", "-"][..], &today].concat(),
        (std::fs::read_to_string(&one).unwrap().replace('\n', " ") + "\n").as_bytes(),
    );
    assert_eq!(programmes.status.code(), Some(0));
    assert_eq!(lines(&programmes)[0]["findings"], Value::Array(vec![]));
}

#[test]
fn visits_are_checked_against_the_programme_given() {
    let visit = std::fs::read_to_string(fixture("visit/err_unknown_contact.json"))
        .unwrap()
        .replace('\n', " ");
    let input = format!("{visit}\n");
    let without = lianjian(
        &["validate", "visit", "-", "--today", "2026-11-25"],
        input.as_bytes(),
    );
    assert_eq!(
        without.status.code(),
        Some(0),
        "no programme: nothing to compare"
    );
    let programme = fixture("programme/valid_wanming.json");
    let with = lianjian(
        &[
            "validate",
            "visit",
            "-",
            "--programme",
            &programme,
            "--today",
            "2026-11-25",
        ],
        input.as_bytes(),
    );
    assert_eq!(with.status.code(), Some(1));
    assert_eq!(lines(&with)[0]["findings"][0]["code"], "unknown_contact");
    // A programme with an error stops the command, named.
    let broken = fixture("programme/err_contacts.json");
    let refused = lianjian(
        &["validate", "visit", "-", "--programme", &broken],
        input.as_bytes(),
    );
    assert_eq!(refused.status.code(), Some(2));
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("err_contacts.json: options: programme: contacts[0].account: required"),
        "{said}"
    );
    let missing = lianjian(
        &["validate", "visit", "-", "--programme", "no/such.json"],
        b"",
    );
    assert_eq!(missing.status.code(), Some(2));
}
