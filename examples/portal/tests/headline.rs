//! The headline page over real HTTP: the figures of the portal's district
//! records for a chosen period are those the core's headline report (what
//! `lianjian headline` prints) gives on the demo district's files, each with
//! its wording, definition and list.

mod common;

use common::{scratch, sign_in, Server};
use lianjian::api::{self, Options, Query};
use lianjian::folder::{FileName, Folder};

const YEAR_END: &str = "2026-12-31T10:00:00+08:00";

/// The headline of examples/district as the command line computes it.
fn from_files(from: &str, to: &str) -> serde_json::Value {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../district");
    let texts: Vec<(FileName, String)> = FileName::ALL
        .into_iter()
        .filter_map(|f| {
            std::fs::read_to_string(dir.join(f.as_str()))
                .ok()
                .map(|t| (f, t))
        })
        .collect();
    let mut folder = Folder::default();
    for (file, text) in &texts {
        folder.set(*file, text);
    }
    let options = Options {
        today: Some("2026-12-31".into()),
        ..Options::default()
    };
    let query = Query {
        from,
        to,
        as_of: None,
    };
    serde_json::from_str(&api::to_json(&api::headline(&folder, &query, &options))).unwrap()
}

#[test]
fn the_headline_page_shows_the_figures_of_the_command_line() {
    let dir = scratch("headline");
    let server = Server::start_with(&dir, YEAR_END, &[]);
    let admin = sign_in(&server);
    for (from, to) in [("2026-01-01", "2026-12-31"), ("2026-07-01", "2026-09-30")] {
        let portal = admin
            .get(
                &server,
                &format!("/staff/headline.json?from={from}&to={to}&lang=zh-CN"),
            )
            .json();
        let files = from_files(from, to);
        assert_eq!(portal["period"], files["period"]);
        assert_eq!(portal["figures"], files["figures"], "{from}..{to}");
        assert_eq!(portal["lists"], files["lists"], "{from}..{to}");
    }
    // The report's own cases, as worded.
    let page = admin.get(
        &server,
        "/staff/headline?from=2026-01-01&to=2026-12-31&lang=zh-CN",
    );
    assert_eq!(page.status, 200);
    let body = &page.body;
    let relending = &body[body.find("data-figure=\"relending\"").unwrap()..];
    let relending = &relending[..relending.find("</section>").unwrap()];
    assert!(
        relending.contains("data-approx=\"近5000万元\""),
        "{relending}"
    );
    assert!(
        relending.contains("data-field=\"amount_wan\">4860"),
        "{relending}"
    );
    assert!(relending.contains("data-list=\"relending\""));
    assert!(relending.contains("(12)"), "twelve borrowers listed");
    let resolved = &body[body.find("data-figure=\"demands_resolved\"").unwrap()..];
    assert!(resolved.contains("港区后方道路高峰拥堵") || resolved.contains("<code>D-"));
    // A period that cannot be read is a finding, not a failure.
    let bad = admin.get(&server, "/staff/headline?from=2026-13-01&to=2026-12-31");
    assert_eq!(bad.status, 200);
    assert!(
        bad.body.contains("data-code=\"date_invalid\""),
        "{}",
        bad.body
    );
    let en = admin.get(&server, "/staff/headline?lang=en");
    assert!(en.body.contains("Headline figures"));
    server.stop();
}
