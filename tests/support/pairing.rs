//! Pairing, centre and usage fixtures checked as every binding checks them.

use lianjian::centre::{check_centre_json, check_usage_json, Centre, UsageContext};
use lianjian::pairing::{check_pairing_json, Pairing, PairingContext};
use lianjian::Context;
use serde_json::{json, Value};

use super::{catalog, fixture_policy, fixture_today, rendered};

/// The pairings the pairing fixtures are compared against (earlier lines of
/// the same file): `fixtures/pairing/earlier.jsonl`.
pub fn earlier_pairings() -> Vec<(String, Pairing)> {
    let context = Context::new(catalog(), fixture_today());
    include_str!("../fixtures/pairing/earlier.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| check_pairing_json(l, &context, &PairingContext::default()).record)
        .map(|p| (p.id.clone(), p))
        .collect()
}

/// The centres usage fixtures are counted at: `fixtures/usage/centres.jsonl`.
pub fn fixture_centres() -> Vec<Centre> {
    let context = Context::new(catalog(), fixture_today());
    include_str!("../fixtures/usage/centres.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| check_centre_json(l, &context).record)
        .collect()
}

/// A pairing fixture checked against the earlier pairings: `{report, en, record}`.
pub fn pairing_outcome(text: &str) -> Value {
    let policy = fixture_policy();
    let context = Context::new(catalog(), fixture_today()).with_uscc_policy(&policy);
    let earlier = earlier_pairings();
    let around = PairingContext {
        earlier: &earlier,
        ..PairingContext::default()
    };
    let checked = check_pairing_json(text, &context, &around);
    let (report, en) = rendered(&checked.report);
    json!({ "report": report, "en": en, "record": checked.record })
}

/// A centre fixture checked: `{report, en, record}`.
pub fn centre_outcome(text: &str) -> Value {
    let context = Context::new(catalog(), fixture_today());
    let checked = check_centre_json(text, &context);
    let (report, en) = rendered(&checked.report);
    json!({ "report": report, "en": en, "record": checked.record })
}

/// A usage fixture checked against the fixture centres: `{report, en, record}`.
pub fn usage_outcome(text: &str) -> Value {
    let context = Context::new(catalog(), fixture_today());
    let centres = fixture_centres();
    let around = UsageContext {
        centres: Some(&centres),
    };
    let checked = check_usage_json(text, &context, &around);
    let (report, en) = rendered(&checked.report);
    json!({ "report": report, "en": en, "record": checked.record })
}

/// A booking scenario (`{centre, operations: [{book}|{cancel}|{reschedule}]}`)
/// run through the room-booking model: each operation's findings and change,
/// and the bookings at the end.
pub fn booking_outcome(text: &str) -> Value {
    use lianjian::centre::booking::{Booking, Bookings};
    let scenario: Value = serde_json::from_str(text).unwrap_or_default();
    let centres = fixture_centres();
    let centre = centres
        .iter()
        .find(|c| scenario["centre"] == c.id.as_str())
        .expect("a booking scenario names a centre of fixtures/usage/centres.jsonl");
    let mut bookings = Bookings::new();
    let mut steps = Vec::new();
    for operation in scenario["operations"].as_array().into_iter().flatten() {
        let answer = if let Some(booking) = operation.get("book") {
            let booking: Booking = serde_json::from_value(booking.clone()).unwrap();
            bookings.book(centre, booking)
        } else if let Some(id) = operation.get("cancel") {
            bookings.cancel(id.as_str().unwrap_or_default())
        } else {
            let moved = &operation["reschedule"];
            let at =
                |key: &str| lianjian::demand::parse_datetime(moved[key].as_str().unwrap()).unwrap();
            bookings.reschedule(
                centre,
                moved["id"].as_str().unwrap_or_default(),
                at("starts_at"),
                at("ends_at"),
            )
        };
        let (report, en) = rendered(&answer.report);
        steps.push(
            json!({ "operation": operation, "report": report, "en": en, "change": answer.change }),
        );
    }
    let left: Vec<&Booking> = bookings.iter().collect();
    json!({ "steps": steps, "bookings": left })
}

/// A stored pairing and its next version (`{previous, next}`), each valid
/// on its own, compared: what the next version may change.
pub fn pairing_update_outcome(text: &str) -> Value {
    let fixture: Value = serde_json::from_str(text).unwrap_or_default();
    let context = Context::new(catalog(), fixture_today());
    let version = |key: &str| {
        let checked = check_pairing_json(
            &fixture[key].to_string(),
            &context,
            &PairingContext::default(),
        );
        checked
            .record
            .unwrap_or_else(|| panic!("{key} is not a valid pairing: {:?}", checked.report))
    };
    let report = lianjian::pairing::check_update(&version("previous"), &version("next"));
    let (report, en) = rendered(&report);
    json!({ "report": report, "en": en })
}
