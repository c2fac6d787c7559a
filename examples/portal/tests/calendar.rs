//! Working days past the published schedules: a deadline reckoned into a
//! year without one is shown as provisional, a schedule loaded at start
//! (`--holidays`) leaves recorded deadlines as they are, and staff recompute
//! them with an event of its own.

mod common;

use common::{demand, scratch, sign_in, sign_in_again, Server, USCC};

/// A weekday two working days before New Year's Day 2027.
const DEC_30: &str = "2026-12-30T10:00:00+08:00";

fn not_a_real_2027() -> String {
    format!(
        "{}/../../tests/fixtures/holidays/not-a-real-notice-2027.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn a_provisional_deadline_is_shown_kept_and_recomputed_by_staff() {
    let dir = scratch("calendar");
    let server = Server::start_with(&dir, DEC_30, &[]);
    let staff = sign_in(&server);
    let mut record = demand(
        USCC,
        "出口退税申报截止日期咨询",
        "想了解年底出口退税申报的截止日期和需要准备的材料。",
    );
    record["kind"] = "consultation".into();
    record["topic"] = "tax".into();
    record["submitted_at"] = DEC_30.into();
    let posted = server.post_json("/api/demands", &record.to_string());
    assert_eq!(posted.status, 201, "{}", posted.body);
    let id = posted.json()["id"].as_str().unwrap().to_owned();
    let page = format!("/staff/demands/{id}");
    let assigned = staff.post(
        &server,
        &format!("{page}/events"),
        &[("action", "assign"), ("department", "tax_bureau")],
    );
    assert_eq!(assigned.status, 303, "{}", assigned.body);
    // 31 December, then New Year's Day and a weekend: Monday 4 January, provisional.
    let shown = staff.get(&server, &page);
    assert!(shown.body.contains("2027-01-04"), "{}", shown.body);
    assert!(shown.body.contains("badge provisional"), "{}", shown.body);
    let inbox = staff.get(&server, "/staff/demands");
    assert!(inbox.body.contains("badge provisional"));
    let calendar = staff.get(&server, "/staff/calendar");
    assert_eq!(calendar.status, 200);
    assert!(calendar.body.contains("出口退税申报截止日期咨询"));
    assert!(
        calendar.body.contains("Still provisional"),
        "nothing new loaded yet"
    );
    drop(server);

    // The 2027 schedule is loaded at start: 4 January turns out to be off.
    let loaded = not_a_real_2027();
    let server = Server::start_with(&dir, "2027-01-02T09:00:00+08:00", &["--holidays", &loaded]);
    let staff = sign_in_again(&server);
    let kept = staff.get(&server, &page);
    assert!(
        kept.body.contains("2027-01-04"),
        "the recorded deadline stands"
    );
    assert!(kept.body.contains("badge provisional"));
    let calendar = staff.get(&server, "/staff/calendar");
    assert!(
        calendar.body.contains("not the State Council"),
        "the loaded year and its source"
    );
    assert!(
        calendar.body.contains("2027-01-05"),
        "the date a recomputation gives"
    );
    assert!(!calendar.body.contains("Still provisional"));

    let recomputed = staff.post(&server, "/staff/calendar/recompute", &[]);
    assert_eq!(recomputed.status, 303, "{}", recomputed.body);
    let after = staff.get(&server, &page);
    assert!(after.body.contains("2027-01-05"), "{}", after.body);
    assert!(!after.body.contains("badge provisional"));
    assert!(
        after.body.contains("recomputed"),
        "the history records the staff action"
    );
    assert!(staff
        .get(&server, "/staff/calendar")
        .body
        .contains("No open demand has a provisional deadline"));
    // Once in line, there is nothing to recompute: the core refuses it.
    let again = staff.post(
        &server,
        &format!("{page}/events"),
        &[("action", "recompute")],
    );
    // Refused: back to the demand's page (post/redirect/get), the finding on it.
    let shown = staff.follow(&server, &again);
    assert!(
        shown.body.contains("nothing to recompute"),
        "{}",
        shown.body
    );
}

#[test]
fn a_holiday_file_that_does_not_load_stops_the_start_by_name() {
    let dir = scratch("calendar-bad");
    let broken = dir.join("2027.json");
    let text = std::fs::read_to_string(not_a_real_2027())
        .unwrap()
        .replace("\"to\": \"2027-10-07\"", "\"to\": \"2027-10-02\"");
    std::fs::write(&broken, text).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_lianjian-portal"))
        .args(["--port", "0", "--data"])
        .arg(dir.join("data/portal.db"))
        .arg("--holidays")
        .arg(&broken)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("2027.json") && stderr.contains("国庆节"),
        "{stderr}"
    );
    assert!(
        !dir.join("data/portal.db").exists(),
        "nothing created before the rules load"
    );
}
