//! The ABI functions called from Rust exactly as a C program calls them: raw
//! pointers in, a status and a string to free out. (Unit tests rather than
//! integration tests: the library is built as cdylib and staticlib only, and
//! is named `lianjian` like the core it depends on, so an integration test
//! could neither link it as Rust nor tell the two apart.)

use std::ffi::{c_char, CStr, CString};
use std::ptr;

use serde_json::Value;

use super::*;

/// A non-NULL pointer that must never be read: `out` starts as this, so a
/// test sees whether the call wrote it.
fn sentinel() -> *mut c_char {
    ptr::NonNull::dangling().as_ptr()
}

/// Runs a call with a fresh `out`, takes the string it handed back (freeing it
/// with `lianjian_string_free`) and reads it as JSON.
fn run(f: impl FnOnce(*mut *mut c_char) -> LianjianStatus) -> (LianjianStatus, Option<String>) {
    let mut out = sentinel();
    let status = f(&mut out);
    assert_ne!(out, sentinel(), "the call must write `out`");
    if out.is_null() {
        return (status, None);
    }
    // SAFETY: a non-NULL `out` is a NUL-terminated string from this library.
    let text = unsafe { CStr::from_ptr(out) }
        .to_str()
        .expect("answers are UTF-8")
        .to_owned();
    // SAFETY: returned by this library, freed once.
    unsafe { lianjian_string_free(out) };
    (status, Some(text))
}

fn json(text: Option<String>) -> Value {
    serde_json::from_str(&text.expect("a JSON answer")).expect("the answer is JSON")
}

fn c(text: &str) -> CString {
    CString::new(text).expect("no NUL in test text")
}

fn fixture(path: &str) -> CString {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    c(&std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{full}: {e}")))
}

const TODAY: &str = r#"{"today": "2026-11-25"}"#;
const TODAY_EN: &str = r#"{"today": "2026-11-25", "lang": "en"}"#;
/// Not UTF-8: bytes that can start no character.
const NOT_UTF8: &[u8] = b"\xff\xfe\0";

fn not_utf8() -> *const c_char {
    NOT_UTF8.as_ptr().cast()
}

type Call = unsafe extern "C" fn(*const c_char, *const c_char, *mut *mut c_char) -> LianjianStatus;

/// Every function of the ABI that takes two strings and `out`, with a valid
/// first argument and whether its second argument is the options.
fn calls() -> Vec<(&'static str, Call, CString, bool)> {
    vec![
        (
            "validate_enrollment",
            lianjian_validate_enrollment as Call,
            fixture("enrollment/valid_own_branch.json"),
            true,
        ),
        (
            "validate_demand",
            lianjian_validate_demand,
            fixture("demand/valid_help_traffic.json"),
            true,
        ),
        (
            "check_uscc",
            lianjian_check_uscc,
            c("91440300MA5FUTN418"),
            true,
        ),
        ("classify", lianjian_classify, c("出口退税"), false),
        (
            "coverage",
            lianjian_coverage,
            fixture("roster/gaps.jsonl"),
            true,
        ),
    ]
}

#[test]
fn a_valid_enrollment_is_ok_with_its_normalised_record() {
    let record = fixture("enrollment/valid_own_branch.json");
    let options = c(TODAY);
    // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
    let (status, text) =
        run(|out| unsafe { lianjian_validate_enrollment(record.as_ptr(), options.as_ptr(), out) });
    assert_eq!(status, LianjianStatus::Ok);
    let answer = json(text);
    assert_eq!(answer["valid"], true);
    assert_eq!(answer["findings"], serde_json::json!([]));
    assert_eq!(answer["record"]["chain"], "gold_jewelry");
}

#[test]
fn an_invalid_enrollment_is_invalid_with_findings_in_the_chosen_language() {
    let record = fixture("enrollment/err_date_in_future.json");
    for (options, message) in [
        (TODAY, "日期不能晚于今天（2026-11-25）"),
        (TODAY_EN, "The date cannot be after today (2026-11-25)"),
    ] {
        let options = c(options);
        // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
        let (status, text) = run(|out| unsafe {
            lianjian_validate_enrollment(record.as_ptr(), options.as_ptr(), out)
        });
        assert_eq!(status, LianjianStatus::Invalid);
        let answer = json(text);
        assert_eq!(answer["valid"], false);
        assert_eq!(answer["record"], Value::Null);
        assert_eq!(answer["findings"][0]["code"], "date_in_future");
        assert_eq!(answer["findings"][0]["path"], "joined_on");
        assert_eq!(answer["findings"][0]["message"], message);
    }
}

#[test]
fn a_record_that_is_not_json_is_an_invalid_record_not_a_refusal() {
    let record = c("{\"enterprise\": ");
    let options = c(TODAY);
    // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
    let (status, text) =
        run(|out| unsafe { lianjian_validate_enrollment(record.as_ptr(), options.as_ptr(), out) });
    assert_eq!(status, LianjianStatus::Invalid);
    assert_eq!(json(text)["findings"][0]["code"], "invalid_json");
}

#[test]
fn answers_are_byte_identical_to_the_use_case_layer() {
    let text = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/enrollment/warn_should_build_joint.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let options_text =
        r#"{"today": "2026-11-25", "lang": "en", "legacyUscc": ["91440300MA5FUTN410"]}"#;
    let (record, options) = (c(&text), c(options_text));
    // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
    let (_, ours) =
        run(|out| unsafe { lianjian_validate_enrollment(record.as_ptr(), options.as_ptr(), out) });
    let api_options = api::Options::from_json(options_text).unwrap();
    let theirs = api::to_json(&api::enrollment(&text, &api_options));
    assert_eq!(ours.as_deref(), Some(theirs.as_str()));
}

#[test]
fn demands_are_validated() {
    let options = c(TODAY);
    for (name, expected) in [
        ("valid_help_traffic", LianjianStatus::Ok),
        ("err_title_too_short", LianjianStatus::Invalid),
    ] {
        let record = fixture(&format!("demand/{name}.json"));
        // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
        let (status, text) =
            run(|out| unsafe { lianjian_validate_demand(record.as_ptr(), options.as_ptr(), out) });
        assert_eq!(status, expected, "{name}");
        let answer = json(text);
        assert_eq!(answer["valid"], expected == LianjianStatus::Ok, "{name}");
        assert_eq!(answer["record"].is_object(), expected == LianjianStatus::Ok);
    }
}

#[test]
fn uscc_checks_follow_language_and_message_overrides() {
    let code = c("91440300MA5FUTN419");
    let cases = [
        ("", "统一社会信用代码校验未通过：请对照营业执照逐位核对，输错的可能是其中任何一位"),
        (
            r#"{"lang": "en"}"#,
            "The unified social credit code fails its check: compare each character with the business licence; the mistake may be in any of them",
        ),
        (
            r#"{"lang": "en", "messages": {"uscc_checksum": "Check digit: {expected}"}}"#,
            "Check digit: 8",
        ),
    ];
    for (options, message) in cases {
        let options = c(options);
        // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
        let (status, text) =
            run(|out| unsafe { lianjian_check_uscc(code.as_ptr(), options.as_ptr(), out) });
        assert_eq!(status, LianjianStatus::Invalid);
        let answer = json(text);
        assert_eq!(answer["normalized"], "91440300MA5FUTN419");
        assert_eq!(answer["findings"][0]["message"], message);
    }
    let spaced = c("9144 0300 ma5f utn4 18");
    // SAFETY: as above; NULL options are the defaults.
    let (status, text) =
        run(|out| unsafe { lianjian_check_uscc(spaced.as_ptr(), ptr::null(), out) });
    assert_eq!(status, LianjianStatus::Ok);
    assert_eq!(json(text)["normalized"], "91440300MA5FUTN418");
}

#[test]
fn texts_are_classified() {
    let (title, description) = (c("出口退税"), c(""));
    // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
    let (status, text) =
        run(|out| unsafe { lianjian_classify(title.as_ptr(), description.as_ptr(), out) });
    assert_eq!(status, LianjianStatus::Ok);
    let answer = json(text);
    assert_eq!(answer["topic"], "tax");
    assert!(answer["departments"].is_array());
}

#[test]
fn coverage_runs_over_json_lines_and_lists_rejected_rows() {
    let options = c(TODAY);
    let roster = fixture("roster/gaps.jsonl");
    // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
    let (status, text) =
        run(|out| unsafe { lianjian_coverage(roster.as_ptr(), options.as_ptr(), out) });
    assert_eq!(status, LianjianStatus::Ok);
    let answer = json(text);
    assert!(answer["totals"].is_object());
    assert!(answer["chains"].is_array());
    assert!(answer["gaps"].is_object());

    let lines = c("{}\n\nnot json\n");
    // SAFETY: as above.
    let (status, text) =
        run(|out| unsafe { lianjian_coverage(lines.as_ptr(), options.as_ptr(), out) });
    assert_eq!(
        status,
        LianjianStatus::Ok,
        "rejected rows are not a failure"
    );
    let answer = json(text);
    assert_eq!(answer["totals"]["rejected_rows"], 2);
    let rows: Vec<&Value> = answer["rejected"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| &r["row"])
        .collect();
    assert_eq!(rows, [1, 3]);
}

#[test]
fn the_headline_of_a_folder_is_the_use_case_layers_answer() {
    let roster = std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/roster/gaps.jsonl",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let folder = serde_json::json!({ "roster.jsonl": roster }).to_string();
    let (folder_c, from, to, options) = (c(&folder), c("2026-01-01"), c("2026-12-31"), c(TODAY));
    // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`;
    // a NULL `as_of` is the default.
    let (status, text) = run(|out| unsafe {
        lianjian_headline(
            folder_c.as_ptr(),
            from.as_ptr(),
            to.as_ptr(),
            ptr::null(),
            options.as_ptr(),
            out,
        )
    });
    assert_eq!(status, LianjianStatus::Ok);
    let text = text.unwrap();
    let expected = api::to_json(&api::headline_json(
        &folder,
        &api::Query {
            from: "2026-01-01",
            to: "2026-12-31",
            as_of: None,
        },
        &Options::from_json(TODAY).unwrap(),
    ));
    assert_eq!(text, expected);
    let answer = json(Some(text));
    assert_eq!(answer["as_of"], "2026-12-31");
    assert!(
        answer["figures"]["chain_enterprises"]["value"]
            .as_u64()
            .unwrap()
            > 0
    );
    assert_eq!(answer["findings"][0]["file"], "roster.jsonl");

    // A period that cannot be read: invalid, findings at its fields.
    let (bad, as_of) = (c("2026-02-30"), c("later"));
    // SAFETY: as above.
    let (status, text) = run(|out| unsafe {
        lianjian_headline(
            folder_c.as_ptr(),
            bad.as_ptr(),
            to.as_ptr(),
            as_of.as_ptr(),
            options.as_ptr(),
            out,
        )
    });
    assert_eq!(status, LianjianStatus::Invalid);
    let answer = json(text);
    assert!(answer["figures"].is_null());
    assert_eq!(answer["findings"][0]["path"], "from");
    assert_eq!(answer["findings"][1]["path"], "as_of");
    // A folder that is no object of texts: a finding, not a refusal.
    let (not_object, number) = (c("[]"), c(r#"{"roster.jsonl": 1, "notes.txt": ""}"#));
    for (folder, code) in [(&not_object, "wrong_type"), (&number, "unknown_field")] {
        // SAFETY: as above.
        let (status, text) = run(|out| unsafe {
            lianjian_headline(
                folder.as_ptr(),
                from.as_ptr(),
                to.as_ptr(),
                ptr::null(),
                options.as_ptr(),
                out,
            )
        });
        assert_eq!(status, LianjianStatus::Ok);
        let answer = json(text);
        assert_eq!(answer["findings"][0]["code"], code, "{answer}");
    }
    // NULL where text is needed is refused.
    // SAFETY: NULL is checked before anything is read.
    let (status, text) = run(|out| unsafe {
        lianjian_headline(
            ptr::null(),
            from.as_ptr(),
            to.as_ptr(),
            ptr::null(),
            options.as_ptr(),
            out,
        )
    });
    assert_eq!((status, text), (LianjianStatus::NullArgument, None));
}

/// The demo district's files by name, as one JSON object of texts.
fn demo_folder() -> String {
    let dir = format!("{}/../../examples/district", env!("CARGO_MANIFEST_DIR"));
    let mut texts = serde_json::Map::new();
    for name in [
        "roster.jsonl",
        "activities.jsonl",
        "pairings.jsonl",
        "centres.jsonl",
        "usage.jsonl",
    ] {
        let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
        texts.insert(name.to_owned(), Value::String(text));
    }
    Value::Object(texts).to_string()
}

#[test]
fn the_pairing_and_centre_ledgers_are_the_use_case_layers_answer() {
    let folder = demo_folder();
    let options_text = r#"{"today": "2026-12-31", "lang": "en"}"#;
    let (folder_c, options) = (c(&folder), c(options_text));
    for (name, file) in [("pairings", "pairings.jsonl"), ("centres", "centres.jsonl")] {
        let name_c = c(name);
        // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
        let (status, text) = run(|out| unsafe {
            lianjian_ledger(name_c.as_ptr(), folder_c.as_ptr(), options.as_ptr(), out)
        });
        assert_eq!(status, LianjianStatus::Ok, "{name}");
        let text = text.unwrap();
        let expected = api::to_json(&api::ledger_json(
            name,
            &folder,
            &Options::from_json(options_text).unwrap(),
        ));
        assert_eq!(text, expected);
        let answer = json(Some(text));
        assert_eq!(answer["ledger"], name);
        let read = answer["files"][file]["rows"].as_u64().unwrap();
        let left_out = answer["files"][file]["left_out"].as_u64().unwrap();
        assert_eq!(
            answer["rows"].as_array().unwrap().len() as u64,
            read - left_out
        );
        assert!(read > 0, "{name}");
    }
    // A name that is no ledger: invalid, the names there are listed.
    let accounts = c("accounts");
    // SAFETY: as above.
    let (status, text) = run(|out| unsafe {
        lianjian_ledger(accounts.as_ptr(), folder_c.as_ptr(), options.as_ptr(), out)
    });
    assert_eq!(status, LianjianStatus::Invalid);
    let answer = json(text);
    assert!(answer["rows"].is_null());
    assert_eq!(answer["findings"][0]["code"], "invalid_option");
    assert_eq!(answer["findings"][0]["params"]["allowed"][1], "pairings");
    // NULL where text is needed is refused.
    // SAFETY: NULL is checked before anything is read.
    let (status, text) = run(|out| unsafe {
        lianjian_ledger(ptr::null(), folder_c.as_ptr(), options.as_ptr(), out)
    });
    assert_eq!((status, text), (LianjianStatus::NullArgument, None));
}

#[test]
fn the_exports_are_the_use_case_layers_answer() {
    let folder = demo_folder();
    let options_text = r#"{"today": "2026-12-31"}"#;
    let (folder_c, options) = (c(&folder), c(options_text));
    // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
    let (status, text) =
        run(|out| unsafe { lianjian_export_hsds(folder_c.as_ptr(), options.as_ptr(), out) });
    assert_eq!(status, LianjianStatus::Ok);
    let text = text.unwrap();
    let parsed = Options::from_json(options_text).unwrap();
    assert_eq!(text, api::to_json(&api::hsds_json(&folder, &parsed)));
    let answer = json(Some(text));
    assert_eq!(answer["export"]["hsds_version"], "3.0");
    assert!(!answer["export"]["locations"].as_array().unwrap().is_empty());

    let stamp = c("2026-12-31T08:00:00+08:00");
    // SAFETY: as above.
    let (status, text) = run(|out| unsafe {
        lianjian_export_ical(folder_c.as_ptr(), stamp.as_ptr(), options.as_ptr(), out)
    });
    assert_eq!(status, LianjianStatus::Ok);
    let text = text.unwrap();
    assert_eq!(
        text,
        api::to_json(&api::ical_json(
            &folder,
            "2026-12-31T08:00:00+08:00",
            &parsed
        ))
    );
    let calendar = json(Some(text))["export"].as_str().unwrap().to_owned();
    assert!(calendar.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(calendar.contains("DTSTAMP:20261231T000000Z"));
    // No liaison's phone leaves the folder.
    assert!(!calendar.contains("1360013610"));

    // A stamp that cannot be read: invalid, a finding at `stamp`.
    let later = c("later");
    // SAFETY: as above.
    let (status, text) = run(|out| unsafe {
        lianjian_export_ical(folder_c.as_ptr(), later.as_ptr(), options.as_ptr(), out)
    });
    assert_eq!(status, LianjianStatus::Invalid);
    let answer = json(text);
    assert!(answer["export"].is_null());
    assert_eq!(answer["findings"][0]["code"], "datetime_invalid");
    assert_eq!(answer["findings"][0]["path"], "stamp");
}

#[test]
fn null_arguments_are_refused_and_out_is_null() {
    let options = c(TODAY);
    for (name, function, first, second_is_options) in calls() {
        let second = if second_is_options {
            options.clone()
        } else {
            c("")
        };
        // SAFETY: each pointer is NULL or a NUL-terminated string that outlives the call.
        let (status, text) = run(|out| unsafe { function(ptr::null(), second.as_ptr(), out) });
        assert_eq!(
            (status, text),
            (LianjianStatus::NullArgument, None),
            "{name}"
        );
        // SAFETY: as above.
        let (status, text) = run(|out| unsafe { function(first.as_ptr(), ptr::null(), out) });
        if second_is_options {
            // NULL options are the defaults.
            assert!(
                matches!(status, LianjianStatus::Ok | LianjianStatus::Invalid),
                "{name}"
            );
            assert!(text.is_some(), "{name}");
        } else {
            assert_eq!(
                (status, text),
                (LianjianStatus::NullArgument, None),
                "{name}"
            );
        }
        // SAFETY: NULL `out` is checked before anything is written.
        let status = unsafe { function(first.as_ptr(), second.as_ptr(), ptr::null_mut()) };
        assert_eq!(status, LianjianStatus::NullArgument, "{name}");
    }
}

#[test]
fn invalid_utf8_is_refused_and_out_is_null() {
    let options = c(TODAY);
    for (name, function, first, second_is_options) in calls() {
        let second = if second_is_options {
            options.clone()
        } else {
            c("")
        };
        // SAFETY: each pointer is a NUL-terminated byte string that outlives the call.
        let (status, text) = run(|out| unsafe { function(not_utf8(), second.as_ptr(), out) });
        assert_eq!(
            (status, text),
            (LianjianStatus::InvalidUtf8, None),
            "{name}"
        );
        // SAFETY: as above.
        let (status, text) = run(|out| unsafe { function(first.as_ptr(), not_utf8(), out) });
        assert_eq!(
            (status, text),
            (LianjianStatus::InvalidUtf8, None),
            "{name}"
        );
    }
}

#[test]
fn unreadable_options_are_refused_with_the_reason() {
    let record = fixture("enrollment/valid_own_branch.json");
    for options in [
        "{",
        "\"en\"",
        r#"{"lang": "en", "colour": "red"}"#,
        r#"{"today": 20261125}"#,
    ] {
        let options = c(options);
        for (name, function, first, second_is_options) in calls() {
            if !second_is_options {
                continue;
            }
            // SAFETY: NUL-terminated strings that outlive the call; `out` from `run`.
            let (status, text) =
                run(|out| unsafe { function(first.as_ptr(), options.as_ptr(), out) });
            assert_eq!(status, LianjianStatus::BadOptions, "{name}");
            let answer = json(text);
            let error = answer["error"].as_str().expect("an error message");
            assert!(error.starts_with("options: "), "{name}: {error}");
            assert_eq!(answer.as_object().map(|o| o.len()), Some(1));
        }
    }
    // A NULL record is refused before the options are read.
    let options = c("{");
    // SAFETY: as above.
    let (status, _) =
        run(|out| unsafe { lianjian_validate_enrollment(ptr::null(), options.as_ptr(), out) });
    assert_eq!(status, LianjianStatus::NullArgument);
    // Empty options text is the defaults, like `{}`.
    let empty = c("  ");
    // SAFETY: as above.
    let (status, _) =
        run(|out| unsafe { lianjian_validate_enrollment(record.as_ptr(), empty.as_ptr(), out) });
    assert!(matches!(
        status,
        LianjianStatus::Ok | LianjianStatus::Invalid
    ));
}

#[test]
fn without_a_date_today_comes_from_the_clock() {
    let record = c("{}");
    for options in [None, Some(c(r#"{"lang": "en"}"#))] {
        let options_ptr = options.as_ref().map_or(ptr::null(), |o| o.as_ptr());
        // SAFETY: NULL or NUL-terminated strings that outlive the call; `out` from `run`.
        let (status, text) =
            run(|out| unsafe { lianjian_validate_enrollment(record.as_ptr(), options_ptr, out) });
        assert_eq!(status, LianjianStatus::Invalid);
        let answer = json(text);
        let paths: Vec<&Value> = answer["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| &f["path"])
            .collect();
        assert!(!paths.contains(&&Value::from("today")), "{paths:?}");
    }
    // A date that is not one is a finding, not replaced by the clock.
    let options = c(r#"{"today": "yesterday"}"#);
    // SAFETY: as above.
    let (status, text) =
        run(|out| unsafe { lianjian_validate_enrollment(record.as_ptr(), options.as_ptr(), out) });
    assert_eq!(status, LianjianStatus::Invalid);
    assert_eq!(json(text)["findings"][0]["path"], "today");
}

#[test]
fn options_without_a_date_get_today_in_china() {
    let before = china_today();
    // SAFETY: NULL is a valid argument.
    let defaults = unsafe { options(ptr::null()) }.unwrap();
    // SAFETY: a NUL-terminated literal.
    let given = unsafe { options(c"{\"lang\": \"en\"}".as_ptr()) }.unwrap();
    let after = china_today();
    for options in [defaults, given] {
        let today = options.today.unwrap();
        assert!(lianjian::ident::parse_date(&today).is_some(), "{today}");
        // The clock may pass midnight between the readings.
        assert!(today == before || today == after, "{today}");
    }
    // SAFETY: a NUL-terminated literal.
    let fixed = unsafe { options(c"{\"today\": \"2026-11-25\"}".as_ptr()) }.unwrap();
    assert_eq!(fixed.today.as_deref(), Some("2026-11-25"));
}

#[test]
fn a_panic_becomes_a_status_and_leaves_out_null() {
    let mut out = sentinel();
    // SAFETY: `out` is a local, valid for writes.
    let status = unsafe { call(&mut out, || panic!("a test panic, caught")) };
    assert_eq!(status, LianjianStatus::Panic);
    assert!(out.is_null());
}

#[test]
fn a_nul_in_an_answer_is_an_internal_error_not_a_cut_string() {
    let mut out = sentinel();
    // SAFETY: `out` is a local, valid for writes.
    let status = unsafe { call(&mut out, || Ok(Reply::ran("a\0b".to_owned()))) };
    assert_eq!(status, LianjianStatus::Panic);
    assert!(out.is_null());
}

#[test]
fn freeing_null_is_fine_and_the_version_is_static() {
    // SAFETY: NULL is allowed.
    unsafe { lianjian_string_free(ptr::null_mut()) };
    // SAFETY: a static NUL-terminated string.
    let version = unsafe { CStr::from_ptr(lianjian_version()) };
    assert_eq!(version.to_str(), Ok(env!("CARGO_PKG_VERSION")));
    assert_eq!(lianjian_version(), lianjian_version());
}

#[test]
fn statuses_have_the_documented_numbers() {
    use LianjianStatus::*;
    let numbers = [Ok, Invalid, NullArgument, InvalidUtf8, BadOptions, Panic].map(|s| s as i32);
    assert_eq!(numbers, [0, 1, 2, 3, 4, 5]);
}

/// `lianjian_validate` of `kind`, as a C caller makes it.
fn validate(kind: &str, record: &CString, options: &str) -> (LianjianStatus, Option<String>) {
    let (kind, options) = (c(kind), c(options));
    // SAFETY: each pointer is a NUL-terminated string that outlives the call.
    run(|out| unsafe { lianjian_validate(kind.as_ptr(), record.as_ptr(), options.as_ptr(), out) })
}

#[test]
fn records_of_every_kind_by_name_with_the_layers_answer() {
    let options = lianjian::api::Options::from_json(TODAY).unwrap();
    for (kind, file) in [
        ("enrollment", "enrollment/valid_own_branch.json"),
        ("demand", "demand/valid_help_traffic.json"),
        ("programme", "programme/valid_wanming.json"),
        ("visit", "visit/valid_on_site_with_demand.json"),
        ("activity", "activity/valid_policy_briefing.json"),
        ("activity", "activity/err_party_members_over_attended.json"),
        ("pairing", "pairing/valid_port_traffic_peak.json"),
        ("pairing", "pairing/err_self_pairing.json"),
        ("centre", "centre/valid_bonded_zone_drivers_home.json"),
        ("centre", "centre/warn_driver_home_missing_services.json"),
    ] {
        let record = fixture(file);
        let (status, text) = validate(kind, &record, TODAY);
        let expected = lianjian::api::validate(kind, record.to_str().unwrap(), &options).unwrap();
        let want = if expected.valid {
            LianjianStatus::Ok
        } else {
            LianjianStatus::Invalid
        };
        assert_eq!(status, want, "{file}");
        assert_eq!(text.unwrap(), api::to_json(&expected), "{file}");
    }
    let (status, text) = validate("training", &fixture("programme/valid_wanming.json"), TODAY);
    assert_eq!(status, LianjianStatus::UnknownKind);
    let error = json(text);
    assert!(
        error["error"]
            .as_str()
            .unwrap()
            .starts_with("kind: `training` is not one of enrollment"),
        "{error}"
    );
}

#[test]
fn visits_against_the_programme_in_the_options() {
    let programme = fixture("programme/valid_wanming.json");
    let options = format!(
        r#"{{"today": "2026-11-25", "programme": {}}}"#,
        programme.to_str().unwrap()
    );
    let (status, text) = validate(
        "visit",
        &fixture("visit/err_unknown_contact.json"),
        &options,
    );
    assert_eq!(status, LianjianStatus::Invalid);
    assert_eq!(json(text)["findings"][0]["code"], "unknown_contact");
    let (status, text) = validate("visit", &fixture("visit/err_unknown_contact.json"), TODAY);
    assert_eq!(status, LianjianStatus::Ok, "without a programme: {text:?}");
    let broken = r#"{"today": "2026-11-25", "programme": {"id": "p"}}"#;
    let (status, text) = validate("visit", &fixture("visit/err_unknown_contact.json"), broken);
    assert_eq!(status, LianjianStatus::BadOptions);
    assert!(json(text)["error"]
        .as_str()
        .unwrap()
        .starts_with("options: programme: "));
}

#[test]
fn lines_are_checked_against_earlier_lines() {
    let lines = fixture("batch/activity_room_double_booked.jsonl");
    let (kind, options) = (c("activity"), c(TODAY_EN));
    // SAFETY: each pointer is a NUL-terminated string that outlives the call.
    let (status, text) = run(|out| unsafe {
        lianjian_validate_lines(kind.as_ptr(), lines.as_ptr(), options.as_ptr(), out)
    });
    assert_eq!(status, LianjianStatus::Invalid);
    let answers = json(text);
    assert_eq!(answers.as_array().unwrap().len(), 5);
    assert_eq!(answers[1]["findings"][0]["code"], "room_double_booked");
    assert_eq!(answers[1]["findings"][0]["params"]["earlier"], "line 1");
    let valid = c(&std::fs::read_to_string(format!(
        "{}/../../tests/fixtures/batch/programme_duplicate_id.jsonl",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
    .lines()
    .take(2)
    .collect::<Vec<_>>()
    .join("\n"));
    let kind = c("programme");
    // SAFETY: as above.
    let (status, _) = run(|out| unsafe {
        lianjian_validate_lines(kind.as_ptr(), valid.as_ptr(), options.as_ptr(), out)
    });
    assert_eq!(status, LianjianStatus::Ok);
    // Refusals are those of every call.
    let nope = c("nope");
    // SAFETY: as above; NULL is refused before anything is read.
    let (status, _) = run(|out| unsafe {
        lianjian_validate_lines(nope.as_ptr(), lines.as_ptr(), ptr::null(), out)
    });
    assert_eq!(status, LianjianStatus::UnknownKind);
    // SAFETY: as above.
    let (status, text) = run(|out| unsafe {
        lianjian_validate_lines(ptr::null(), lines.as_ptr(), ptr::null(), out)
    });
    assert_eq!((status, text), (LianjianStatus::NullArgument, None));
    // SAFETY: as above.
    let (status, text) =
        run(|out| unsafe { lianjian_validate(kind.as_ptr(), not_utf8(), ptr::null(), out) });
    assert_eq!((status, text), (LianjianStatus::InvalidUtf8, None));
}
