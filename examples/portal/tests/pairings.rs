//! The pairings page over real HTTP: the demo district's port-traffic
//! pairing from its agreement through its plan to the outcome and the
//! traffic demand it answers, inactive pairings listed first.

mod common;

use common::{scratch, sign_in, Server};

const YEAR_END: &str = "2026-12-31T10:00:00+08:00";

#[test]
fn the_port_traffic_pairing_from_agreement_to_the_answered_demand() {
    let dir = scratch("pairings");
    let server = Server::start_with(&dir, YEAR_END, &[]);
    let admin = sign_in(&server);
    let page = admin.get(&server, "/staff/pairings?lang=zh-CN");
    assert_eq!(page.status, 200);
    let body = &page.body;
    let port = body
        .find("id=\"pairing-pairing-yantian-street-port-2026\"")
        .expect("the port-traffic pairing is listed");
    let section = &body[port..];
    let section = &section[..section.find("</section>").unwrap()];
    // Agreement: the street with the port group, the traffic police and the
    // transport bureau; liaisons' phones masked.
    assert!(section.contains("盐田街道党工委"));
    assert!(section.contains("盐田交警大队党支部"));
    assert!(!section.contains("13600136100"), "phones are masked");
    // Plan → outcome → the answered traffic demand and where it stands.
    assert!(section.contains("制定高峰期盐田港进港交通协调联动工作方案"));
    assert!(section.contains("工作预判、信息通报、应急处置、志愿服务"));
    assert!(section.contains("data-demand=\"D-2026-0007\""), "{section}");
    assert!(section.contains("港区后方道路高峰拥堵"));
    assert!(section.contains("state-closed"), "{section}");

    let en = admin.get(&server, "/staff/pairings");
    assert!(en.body.contains("Answers demand D-2026-0007"));
    // At year end every pairing in force has reported within 90 days.
    assert!(!body.contains("badge overdue\">90天无进展"));
    server.stop();
}

#[test]
fn pairings_silent_for_90_days_come_first() {
    let dir = scratch("pairings-silent");
    // Spring 2027: nothing filed since December.
    let server = Server::start_with(&dir, "2027-04-15T10:00:00+08:00", &[]);
    let admin = sign_in(&server);
    let body = admin.get(&server, "/staff/pairings?lang=zh-CN").body;
    let order: Vec<&str> = body
        .match_indices("<section class=\"pairing\" id=\"pairing-")
        .map(|(at, m)| {
            let rest = &body[at + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    assert_eq!(order.len(), 6, "{order:?}");
    // Five in force, all silent since December: first, the longest silent
    // first (the alliances reported on 12-20, the port pairing on 12-28);
    // the ended one, never inactive, last.
    assert_eq!(body.matches("badge overdue\">90天无进展").count(), 5);
    assert_eq!(order[4], "pairing-yantian-street-port-2026");
    assert_eq!(order[5], "alliance-gold-design-2024");
    server.stop();
}
