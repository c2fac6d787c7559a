//! Centres over real HTTP: the public directory and activity calendar in
//! both languages, the HSDS and iCalendar downloads, the staff centre page,
//! and room bookings fired by several clients at once for the same room and
//! slot, of which exactly one is stored.

mod common;

use common::{scratch, sign_in, sign_in_first, Server};

/// The demo district's records are dated through 2026; the portal runs at
/// the year's end, as `lianjian headline` over examples/district does.
const YEAR_END: &str = "2026-12-31T10:00:00+08:00";

#[test]
fn the_public_directory_calendar_and_exports() {
    let dir = scratch("centres-public");
    let server = Server::start_with(&dir, YEAR_END, &[]);
    let zh = server.get("/centres", &[]);
    assert_eq!(zh.status, 200);
    assert!(zh.body.contains("盐田区产业链党群服务中心"), "{}", zh.body);
    assert!(zh.body.contains("司机之家"));
    // The drivers' home is open around the clock; the district centre is not.
    assert_eq!(zh.body.matches("badge open24").count(), 1, "{}", zh.body);
    assert!(zh.body.contains("每天 08:30–22:00"));
    assert!(zh.body.contains("饭菜加热"));
    let en = server.get("/centres?lang=en", &[]);
    assert!(en.body.contains("Every day 24 hours"), "{}", en.body);
    assert!(en.body.contains("Drivers&#39; home") || en.body.contains("Drivers' home"));
    assert!(!en.body.contains("style="), "no inline style under the CSP");

    let calendar = server.get("/activities", &[]);
    assert_eq!(calendar.status, 200);
    assert!(calendar.body.contains("即将举办"));
    assert!(
        calendar.body.contains("稳外贸稳外资政策解读会"),
        "{}",
        calendar.body
    );

    let hsds = server.get("/centres.hsds.json", &[]);
    assert_eq!(hsds.status, 200);
    assert!(hsds
        .header("content-disposition")
        .is_some_and(|v| v.starts_with("attachment")));
    let hsds = hsds.json();
    assert_eq!(hsds["locations"].as_array().unwrap().len(), 2);
    assert!(!hsds["schedules"].as_array().unwrap().is_empty());

    let ics = server.get("/activities.ics", &[]);
    assert_eq!(ics.status, 200);
    assert!(ics
        .header("content-type")
        .is_some_and(|v| v.starts_with("text/calendar")));
    assert!(ics.body.starts_with("BEGIN:VCALENDAR\r\n"), "{}", ics.body);
    assert!(ics.body.matches("BEGIN:VEVENT").count() >= 20);
    // No personal data: recorders are account ids, never in the calendar.
    assert!(!ics.body.contains("staff-0042"));
    server.stop();
}

#[test]
fn concurrent_bookings_of_one_room_and_slot_store_exactly_one() {
    let dir = scratch("centres-booking");
    let server = Server::start_with(&dir, YEAR_END, &[]);
    let admin = sign_in(&server);
    let page = admin.get(&server, "/staff/centres");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("/staff/centres/ytzb-centre"));
    let centre = admin.get(&server, "/staff/centres/ytzb-centre");
    assert_eq!(centre.status, 200);
    assert!(centre.body.contains("Room utilization"), "{}", centre.body);

    const CLIENTS: usize = 8;
    let barrier = std::sync::Barrier::new(CLIENTS);
    let answers: Vec<common::Response> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..CLIENTS)
            .map(|i| {
                let (server, admin, barrier) = (&server, &admin, &barrier);
                scope.spawn(move || {
                    // Overlapping, not identical, periods: every pair overlaps.
                    let from = format!("09:{:02}", i);
                    barrier.wait();
                    admin.post(
                        server,
                        "/staff/centres/ytzb-centre/bookings",
                        &[
                            ("room", "room-2"),
                            ("date", "2027-02-03"),
                            ("from", &from),
                            ("to", "11:00"),
                            ("expected", "30"),
                        ],
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert!(answers.iter().all(|a| a.status == 303));
    let booked: Vec<&common::Response> = answers
        .iter()
        .filter(|a| {
            a.header("location")
                .is_some_and(|l| l.ends_with("#bookings"))
        })
        .collect();
    assert_eq!(booked.len(), 1, "exactly one booking succeeds");
    let refused = answers
        .iter()
        .find(|a| !a.header("location").unwrap().ends_with("#bookings"))
        .unwrap();
    let shown = admin.follow(&server, refused);
    assert!(
        shown.body.contains("data-code=\"room_double_booked\""),
        "{}",
        shown.body
    );
    let after = admin.get(&server, "/staff/centres/ytzb-centre");
    assert_eq!(
        after.body.matches("2027-02-03 09:").count(),
        1,
        "{}",
        after.body
    );

    // A time that does not read is a finding, not a booking.
    let bad = admin.post(
        &server,
        "/staff/centres/ytzb-centre/bookings",
        &[
            ("room", "room-2"),
            ("date", "2027-02-30"),
            ("from", "09:00"),
            ("to", "10:00"),
        ],
    );
    let shown = admin.follow(&server, &bad);
    assert!(
        shown.body.contains("data-code=\"datetime_invalid\""),
        "{}",
        shown.body
    );
    // An unknown room is the core's finding.
    let nowhere = admin.post(
        &server,
        "/staff/centres/ytzb-centre/bookings",
        &[
            ("room", "attic"),
            ("date", "2027-02-04"),
            ("from", "09:00"),
            ("to", "10:00"),
        ],
    );
    let shown = admin.follow(&server, &nowhere);
    assert!(
        shown.body.contains("data-code=\"unknown_room\""),
        "{}",
        shown.body
    );

    // An auditor reads the centre pages and books nothing.
    let password = admin.create_user(&server, "centre.auditor", "auditor", "");
    let auditor = sign_in_first(&server, "centre.auditor", &password);
    assert_eq!(
        auditor.get(&server, "/staff/centres/ytzb-centre").status,
        200
    );
    let denied = auditor.post(
        &server,
        "/staff/centres/ytzb-centre/bookings",
        &[
            ("room", "room-3"),
            ("date", "2027-02-05"),
            ("from", "09:00"),
            ("to", "10:00"),
        ],
    );
    assert_eq!(denied.status, 403);
    server.stop();
}
