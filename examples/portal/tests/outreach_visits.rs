//! The outreach page and the visit form over real HTTP: overdue contacts
//! first; a visit's demand checked by the demand rules (a refused visit
//! stores nothing); an on-site reply entering the lifecycle as replied at
//! the visit's time, which the headline's `completed` then counts.

mod common;

use common::{scratch, sign_in, Server, Staff};

const YEAR_END: &str = "2026-12-31T10:00:00+08:00";

fn visits_recorded(admin: &Staff, server: &Server) -> u64 {
    let page = admin.get(server, "/staff/outreach");
    let at = page
        .body
        .find("data-field=\"visits\">")
        .expect("the summary");
    let rest = &page.body[at + "data-field=\"visits\">".len()..];
    rest[..rest.find('<').unwrap()].trim().parse().unwrap()
}

fn completed(admin: &Staff, server: &Server) -> Vec<String> {
    let json = admin
        .get(server, "/staff/headline.json?from=2026-12-01&to=2026-12-31")
        .json();
    json["lists"]["demands_completed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn a_visit_with_an_on_site_reply_enters_the_lifecycle_and_a_refused_one_stores_nothing() {
    let dir = scratch("outreach-visits");
    let server = Server::start_with(&dir, YEAR_END, &[]);
    let admin = sign_in(&server);
    let page = admin.get(&server, "/staff/outreach?lang=zh-CN");
    assert_eq!(page.status, 200);
    // Overdue rows come before every other row.
    let rows: Vec<&str> = page
        .body
        .match_indices("<tr class=\"cadence-")
        .map(|(at, m)| {
            let rest = &page.body[at + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert!(!rows.is_empty());
    let first_other = rows
        .iter()
        .position(|r| *r != "overdue")
        .unwrap_or(rows.len());
    assert!(
        rows[first_other..].iter().all(|r| *r != "overdue"),
        "{rows:?}"
    );
    let before = visits_recorded(&admin, &server);

    let visit = |title: &str, description: &str, reply: &str| {
        admin.post(
            &server,
            "/staff/outreach/visits",
            &[
                ("contact", "c-01"),
                ("enterprise_uscc", "91440300MA5R6Q3037"),
                ("mode", "on_site"),
                ("visited_at", "2026-12-30T15:00"),
                ("notes", "实地走访，了解年底集港安排。"),
                ("d_kind", "help"),
                ("d_chain", "port_logistics"),
                ("d_title", title),
                ("d_description", description),
                ("d_contact_name", "联系人"),
                ("d_contact_phone", "13700137000"),
                ("d_reply", reply),
            ],
        )
    };
    // A demand row without its description: refused at the demand's path.
    let refused = visit("年底集港车辆排队", "", "");
    let shown = admin.follow(&server, &refused);
    assert!(
        shown.body.contains("data-code=\"required\""),
        "{}",
        shown.body
    );
    assert!(
        shown.body.contains("年底集港车辆排队"),
        "the form keeps what was typed"
    );
    assert_eq!(visits_recorded(&admin, &server), before, "nothing stored");

    // Answered on site: stored, and replied at the visit's time.
    let stored = visit(
        "年底集港车辆排队",
        "年底集港高峰车辆排队较长，希望增派疏导力量并延长闸口开放时间。",
        "已协调交警在高峰时段增派警力疏导。",
    );
    let shown = admin.follow(&server, &stored);
    assert!(
        shown.body.contains("走访已登记") || shown.body.contains("Visit recorded"),
        "{}",
        shown.body
    );
    assert_eq!(visits_recorded(&admin, &server), before + 1);
    assert!(completed(&admin, &server).contains(&"v-portal-0330-d1".to_owned()));
    server.stop();
}
