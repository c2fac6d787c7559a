//! The staff side over real HTTP: sign-in, sessions, CSRF, and the demand
//! lifecycle through the core (assign, agenda, minutes, supervision).

mod common;

use common::{demand, form, scratch, sign_in, Server, USCC};

#[test]
fn staff_pages_need_a_session() {
    let dir = scratch("unauthenticated");
    let server = Server::start(&dir);
    for path in [
        "/staff/demands",
        "/staff/meeting",
        "/staff/overdue",
        "/staff/coverage",
        "/staff/demands/1",
    ] {
        let page = server.get(path, &[]);
        assert_eq!(page.status, 303, "{path}");
        assert_eq!(page.header("location"), Some("/staff/login"), "{path}");
    }
    let forged = server.get(
        "/staff/demands",
        &[("Cookie", &format!("lj_session={}", "0".repeat(64)))],
    );
    assert_eq!(forged.status, 303);
    let action = server.post(
        "/staff/demands/1/events",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", &server.origin()),
        ],
        &form(&[("action", "accept")]),
    );
    assert_eq!(action.status, 401);
}

#[test]
fn sign_in_refuses_wrong_passwords_and_sets_a_strict_cookie() {
    let dir = scratch("login");
    let server = Server::start(&dir);
    let origin = server.origin();
    let headers = [
        ("Content-Type", "application/x-www-form-urlencoded"),
        ("Origin", origin.as_str()),
    ];
    let wrong = server.post(
        "/staff/login",
        &headers,
        &form(&[("username", "admin"), ("password", "guess")]),
    );
    assert_eq!(wrong.status, 401);
    assert!(wrong
        .all("set-cookie")
        .iter()
        .all(|c| !c.starts_with("lj_session=")));
    let nobody = server.post(
        "/staff/login",
        &headers,
        &form(&[("username", "nobody"), ("password", "guess")]),
    );
    assert_eq!(nobody.status, 401);
    let foreign = server.post(
        "/staff/login",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "http://evil.example"),
        ],
        &form(&[
            ("username", "admin"),
            ("password", server.password.as_deref().unwrap()),
        ]),
    );
    assert_eq!(foreign.status, 403, "login CSRF");

    let password = server.password.clone().unwrap();
    let ok = server.post(
        "/staff/login",
        &headers,
        &form(&[("username", "admin"), ("password", &password)]),
    );
    assert_eq!(ok.status, 303);
    let cookie = ok
        .all("set-cookie")
        .into_iter()
        .find(|c| c.starts_with("lj_session="))
        .unwrap()
        .to_owned();
    for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(cookie.contains(flag), "{cookie}");
    }
    assert!(!cookie.contains("Secure"), "plain http on 127.0.0.1");
    let value = cookie.split(';').next().unwrap();
    assert_eq!(value.len(), "lj_session=".len() + 64, "256 random bits");
    // The one-time password must be replaced before anything else.
    let inbox = server.get("/staff/demands", &[("Cookie", value)]);
    assert_eq!(inbox.header("location"), Some("/staff/password"));

    // Five failures lock the name for a while, even for the right password.
    for _ in 0..5 {
        server.post(
            "/staff/login",
            &headers,
            &form(&[("username", "admin"), ("password", "guess")]),
        );
    }
    let locked = server.post(
        "/staff/login",
        &headers,
        &form(&[("username", "admin"), ("password", &password)]),
    );
    assert_eq!(locked.status, 429);
}

#[test]
fn state_changing_forms_need_the_token_and_this_origin() {
    let dir = scratch("csrf");
    let server = Server::start(&dir);
    let staff = sign_in(&server);
    let body = |csrf: Option<&str>| {
        let mut pairs = vec![("action", "collect"), ("meeting", "2026-12 联席会议")];
        if let Some(csrf) = csrf {
            pairs.push(("csrf", csrf));
        }
        form(&pairs)
    };
    let origin = server.origin();
    let post = |origin: &str, csrf: Option<&str>| {
        server.post(
            "/staff/demands/2/events",
            &[
                ("Content-Type", "application/x-www-form-urlencoded"),
                ("Origin", origin),
                ("Cookie", &staff.cookie),
            ],
            &body(csrf),
        )
    };
    assert_eq!(post(&origin, None).status, 403, "missing token");
    assert_eq!(
        post(&origin, Some(&"0".repeat(64))).status,
        403,
        "wrong token"
    );
    assert_eq!(
        post("http://evil.example", Some(&staff.csrf)).status,
        403,
        "foreign origin"
    );
    let no_origin = server.post(
        "/staff/demands/2/events",
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Cookie", &staff.cookie),
        ],
        &body(Some(&staff.csrf)),
    );
    assert_eq!(no_origin.status, 403, "neither Origin nor Referer");
    let fine = post(&origin, Some(&staff.csrf));
    assert_eq!(fine.status, 303, "{}", fine.body);

    let logout = staff.post(&server, "/staff/logout", &[]);
    assert_eq!(logout.status, 303);
    assert_eq!(
        staff.get(&server, "/staff/demands").status,
        303,
        "the session ended"
    );
}

#[test]
fn a_demand_goes_through_the_lifecycle_and_illegal_steps_are_findings() {
    let dir = scratch("lifecycle");
    let server = Server::start(&dir);
    let staff = sign_in(&server);
    let record = demand(
        USCC,
        "明珠大道进港拖车高峰期拥堵",
        "每天下午四点到七点，进港拖车在明珠大道排队超过两公里，希望加强疏导。",
    );
    let id = server.post_json("/api/demands", &record.to_string()).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let events = format!("/staff/demands/{id}/events");

    let inbox = staff.get(&server, "/staff/demands?status=submitted");
    assert!(inbox.body.contains("明珠大道进港拖车高峰期拥堵"));
    assert!(!staff
        .get(&server, "/staff/demands?status=closed")
        .body
        .contains("明珠大道进港拖车高峰期拥堵"));

    // Collected → on the agenda, grouped under the suggested department.
    let collected = staff.post(
        &server,
        &events,
        &[("action", "collect"), ("meeting", "2026-12 联席会议")],
    );
    assert_eq!(collected.status, 303);
    let agenda = staff.get(&server, "/staff/meeting");
    assert!(agenda.body.contains("明珠大道进港拖车高峰期拥堵"));
    assert!(agenda.body.contains(&format!("name=\"pick_{id}\"")));

    // An illegal step is refused with the core's finding, rendered, not a 500.
    // It comes back on the demand's page (post/redirect/get), in the office's
    // words: the state and the event by name, no wire names, no codes.
    let illegal = staff.post(
        &server,
        &events,
        &[
            ("action", "revisit"),
            ("satisfaction", "satisfied"),
            ("channel", "phone"),
        ],
    );
    assert_eq!(illegal.status, 303);
    let location = illegal.header("location").unwrap().to_owned();
    assert!(
        location.starts_with(&format!("/staff/demands/{id}?flash=")),
        "{location}"
    );
    let shown = staff.follow(&server, &illegal);
    assert_eq!(shown.status, 200);
    assert!(
        shown.body.contains("data-code=\"illegal_transition\""),
        "{}",
        shown.body
    );
    assert!(
        shown.body.contains("“Revisited” cannot happen while the demand is “Collected for the meeting”")
            || shown.body.contains("&quot;Revisited&quot; cannot happen while the demand is &quot;Collected for the meeting&quot;"),
        "{}",
        shown.body
    );
    assert!(!shown.body.contains("(illegal_transition)"));
    // Reloading shows the page as it is, without the refusal; GET on the
    // form's address leads to the page instead of a 405.
    let reloaded = staff.get(&server, &location);
    assert_eq!(reloaded.status, 200);
    assert!(!reloaded.body.contains("illegal_transition"));
    let wandered = staff.get(&server, &events);
    assert_eq!(wandered.status, 303);
    assert_eq!(
        wandered.header("location"),
        Some(format!("/staff/demands/{id}").as_str())
    );
    // A deadline on a weekend is the core's finding too; the typed values stay.
    let weekend = staff.post(
        &server,
        &events,
        &[
            ("action", "assign"),
            ("department", "traffic_police"),
            ("deadline", "2026-11-28"),
        ],
    );
    let shown = staff.follow(&server, &weekend);
    assert!(shown
        .body
        .contains("data-code=\"deadline_not_working_day\""));
    assert!(
        shown
            .body
            .contains("<strong>Deadline</strong>: The deadline 2026-11-28 is not a working day"),
        "{}",
        shown.body
    );
    assert!(
        shown.body.contains("value=\"2026-11-28\""),
        "the refused form keeps its values"
    );

    // The meeting's minutes assign it; the deadline comes from the calendar (help: 10 working days).
    let minutes = staff.post(
        &server,
        "/staff/meeting/minutes",
        &[
            ("meeting", "2026-12 联席会议"),
            (&format!("pick_{id}"), "1"),
            (&format!("department_{id}"), "traffic_police"),
            (&format!("deadline_{id}"), ""),
        ],
    );
    assert_eq!(minutes.status, 303, "{}", minutes.body);
    let page = staff.get(&server, &format!("/staff/demands/{id}"));
    assert!(
        page.body.contains("2026-12-09"),
        "ten working days after 2026-11-25"
    );
    assert!(page.body.contains("state-assigned"));
    let meeting = staff.get(&server, "/staff/meeting");
    assert!(
        meeting.body.contains("2026-12 联席会议"),
        "the minutes are listed"
    );
    assert!(
        !meeting.body.contains(&format!("name=\"pick_{id}\"")),
        "no longer on the agenda"
    );

    // It runs on the follow-up list, not overdue; the seeded late one is overdue.
    let overdue = staff.get(&server, "/staff/overdue");
    let (late, rest) = overdue
        .body
        .split_once("With a department, in time")
        .unwrap();
    assert!(
        late.contains("黄金珠宝企业流动资金紧张"),
        "seeded overdue demand"
    );
    assert!(rest.contains("明珠大道进港拖车高峰期拥堵"));

    for (action, extra) in [
        ("accept", vec![]),
        ("start", vec![]),
        ("reply", vec![("reply", "已增派警力疏导")]),
    ] {
        let mut pairs = vec![("action", action)];
        pairs.extend(extra);
        assert_eq!(staff.post(&server, &events, &pairs).status, 303, "{action}");
    }
    assert_eq!(
        staff
            .post(
                &server,
                &events,
                &[
                    ("action", "revisit"),
                    ("satisfaction", "basically_satisfied"),
                    ("channel", "visit")
                ]
            )
            .header("location"),
        Some(format!("/staff/demands/{id}?done=1").as_str())
    );
    staff.publish(&server, &id);
    let closed = server
        .get(&format!("/open311/v2/requests/{id}.json"), &[])
        .json();
    assert_eq!(closed[0]["status"], "closed");
    assert_eq!(closed[0]["status_notes"], "closed");
}

#[test]
fn the_coverage_dashboard_shows_the_seeded_roster() {
    let dir = scratch("coverage");
    let server = Server::start(&dir);
    let staff = sign_in(&server);
    let page = staff.get(&server, "/staff/coverage");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("class=\"heatmap\""));
    assert!(
        page.body.contains("heat-empty"),
        "an empty segment is a gap"
    );
    assert!(page.body.contains("Port logistics") || page.body.contains("港口物流"));
    assert!(!page.body.contains("style="));
    // The gap lists name each enterprise beside its code.
    let gaps = page.body.split("Enterprises not linked").nth(1).unwrap();
    let first = gaps
        .split("<li>")
        .nth(1)
        .expect("a seeded enterprise without a link");
    assert!(first.starts_with("深圳市示例"), "{first}");
    assert!(first.contains("<code>91440300"), "{first}");

    // The enrollments, filtered by chain, with whom to call.
    let list = staff.get(&server, "/staff/enrollments?chain=gold_jewelry");
    assert_eq!(list.status, 200);
    assert!(list.body.contains("深圳市示例") && list.body.contains("tel:1380013"));
    assert!(
        !list.body.contains("Port logistics</td>"),
        "filtered by chain"
    );
}

#[test]
fn the_office_urges_from_the_supervision_list_and_sees_likely_repeats() {
    let dir = scratch("urge");
    let server = Server::start(&dir);
    let staff = sign_in(&server);
    // The seeded overdue demand: urged from the list, recorded as an event.
    let list = staff.get(&server, "/staff/overdue");
    let overdue = list
        .body
        .split("With a department, in time")
        .next()
        .unwrap();
    let id = overdue
        .split("action=\"/staff/demands/")
        .nth(1)
        .expect("an urge form on the overdue list")
        .split('/')
        .next()
        .unwrap()
        .to_owned();
    let urged = staff.post(
        &server,
        &format!("/staff/demands/{id}/events"),
        &[("action", "urge"), ("note", "请本周内答复企业")],
    );
    assert_eq!(
        urged.header("location"),
        Some(format!("/staff/demands/{id}?done=1").as_str())
    );
    let page = staff.get(&server, &format!("/staff/demands/{id}"));
    assert!(page.body.contains("Urged (supervision)"));
    assert!(
        page.body.contains("working days overdue"),
        "the overdue days are recorded"
    );
    assert!(page.body.contains("请本周内答复企业"));
    assert!(staff
        .get(&server, "/staff/overdue")
        .body
        .contains("Urged 1×"));
    // Once replied, the revisit list says whom to call.
    let replied = staff.post(
        &server,
        &format!("/staff/demands/{id}/events"),
        &[("action", "reply"), ("reply", "已组织银企对接会")],
    );
    assert_eq!(replied.status, 303);
    let revisit = staff.get(&server, "/staff/overdue");
    let awaiting = revisit.body.split("Awaiting the revisit").nth(1).unwrap();
    assert!(
        awaiting.contains(&format!("href=\"/staff/demands/{id}\"")),
        "{awaiting}"
    );
    assert!(awaiting.contains("href=\"tel:1390013"), "{awaiting}");

    // A likely repeat: the enterprise was told, and staff see it too, with the earlier demand.
    let record = demand(
        USCC,
        "明珠大道进港拖车高峰期拥堵",
        "每天下午四点到七点，进港拖车在明珠大道排队超过两公里，希望加强疏导。",
    );
    let first = server.post_json("/api/demands", &record.to_string()).json()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let second = server.post_json("/api/demands", &record.to_string()).json();
    let second_id = second["id"].as_str().unwrap();
    assert!(second["findings"].to_string().contains("demand_repeat"));
    let page = staff.get(&server, &format!("/staff/demands/{second_id}"));
    assert!(page.body.contains("Warnings at intake"));
    assert!(page
        .body
        .contains(&format!("href=\"/staff/demands/{first}\"")));
    assert!(staff
        .get(&server, "/staff/demands")
        .body
        .contains("Likely repeat"));
}
