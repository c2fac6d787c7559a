//! The activity ledger over real HTTP: the core's table on a page and as
//! CSV (with a byte-order mark, for Excel) and XLSX downloads.

mod common;

use common::{scratch, sign_in, Server};

const YEAR_END: &str = "2026-12-31T10:00:00+08:00";

#[test]
fn the_activity_ledger_on_a_page_and_as_csv_and_xlsx() {
    let dir = scratch("ledger");
    let server = Server::start_with(&dir, YEAR_END, &[]);
    let admin = sign_in(&server);
    let page = admin.get(&server, "/staff/activities?lang=zh-CN");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("活动台账"));
    assert!(page.body.contains("data-column=\"attended\""));
    assert!(page.body.contains("稳外贸稳外资政策解读会"));

    let csv = admin.get(&server, "/staff/activities/ledger.csv?lang=zh-CN");
    assert_eq!(csv.status, 200);
    assert!(csv
        .header("content-disposition")
        .is_some_and(|v| v.starts_with("attachment")));
    assert!(
        csv.body.starts_with('\u{FEFF}'),
        "a byte-order mark for Excel"
    );
    assert!(csv.body.contains("实到人数"));
    let rows = csv.body.matches("\r\n").count();
    assert!(rows >= 21, "{rows} lines");

    let xlsx = common::request(
        server.addr,
        "GET",
        "/staff/activities/ledger.xlsx",
        &[("Cookie", &admin.cookie)],
        b"",
    );
    assert_eq!(xlsx.status, 200);
    // A zip package with a workbook in it.
    let bytes = xlsx.bytes.clone();
    assert!(bytes.starts_with(b"PK"));
    // A workbook package (its directory read; the parts are deflated).
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    assert!(names.iter().any(|n| n == "xl/workbook.xml"), "{names:?}");
    assert!(
        names.iter().any(|n| n == "xl/worksheets/sheet1.xml"),
        "{names:?}"
    );
    assert_eq!(
        admin.get(&server, "/staff/activities/ledger.pdf").status,
        404
    );
    server.stop();
}

#[test]
fn attendance_is_recorded_as_a_new_revision_checked_by_the_core() {
    let dir = scratch("attendance");
    let server = Server::start_with(&dir, YEAR_END, &[]);
    let admin = sign_in(&server);
    let record = |attended: &str, full: &str, reason: &str| {
        admin.post(
            &server,
            "/staff/activities/attendance",
            &[
                ("activity", "a-2026-1125"),
                ("expected", "37"),
                ("attended", attended),
                ("party_full", full),
                ("party_probationary", "1"),
                ("summary", "培训按计划完成。"),
                ("reason", reason),
            ],
        )
    };
    let row = |body: &str| -> String {
        let table = &body[body.find("<table class=\"ledger\"").unwrap()..];
        let at = table.find("冷链物流质量管理培训").unwrap();
        let rest = &table[at..];
        rest[..rest.find("</tr>").unwrap()].to_owned()
    };
    let before = row(&admin.get(&server, "/staff/activities?lang=zh-CN").body);
    // More Party members present than people: refused, nothing stored.
    let refused = record("20", "25", "");
    let shown = admin.follow(&server, &refused);
    assert!(
        shown
            .body
            .contains("data-code=\"party_members_over_attended\""),
        "{}",
        shown.body
    );
    assert_eq!(
        row(&admin.get(&server, "/staff/activities?lang=zh-CN").body),
        before
    );
    // Held → recorded is a forward move.
    let done = admin.follow(&server, &record("35", "12", ""));
    assert!(done.body.contains("Attendance recorded."), "{}", done.body);
    let after = row(&admin.get(&server, "/staff/activities?lang=zh-CN").body);
    assert_ne!(after, before);
    assert!(after.contains(">35<"), "{after}");
    // Recording again is a correction: it needs a reason.
    let again = admin.follow(&server, &record("34", "12", ""));
    assert!(
        again
            .body
            .contains("data-code=\"status_change_needs_reason\""),
        "{}",
        again.body
    );
    let corrected = admin.follow(&server, &record("34", "12", "签到表复核少计一人"));
    assert!(corrected.body.contains("Attendance recorded."));
    assert!(row(&admin.get(&server, "/staff/activities?lang=zh-CN").body).contains(">34<"));
    // A field left blank keeps what the record holds; it is not a zero.
    let kept = admin.follow(&server, &record("33", "", "一人提前离场"));
    assert!(kept.body.contains("Attendance recorded."), "{}", kept.body);
    let now = row(&admin.get(&server, "/staff/activities?lang=zh-CN").body);
    assert!(now.contains(">33<") && now.contains(">12<"), "{now}");
    server.stop();
}
