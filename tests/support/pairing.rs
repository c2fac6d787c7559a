//! Pairing, centre and usage fixtures checked as every binding checks them.

use lianjian::centre::{check_centre_json, check_usage_json, Centre, UsageContext};
use lianjian::pairing::{check_pairing_json, Pairing, PairingContext};
use lianjian::Context;
use serde_json::{json, Value};

use super::{catalog, fixture_policy, fixture_today, rendered};

/// The pairings the pairing fixtures are compared against (earlier lines of
/// the same file): `fixtures/pairing/earlier.jsonl`.
pub fn earlier_pairings() -> Vec<Pairing> {
    let context = Context::new(catalog(), fixture_today());
    include_str!("../fixtures/pairing/earlier.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| check_pairing_json(l, &context, &PairingContext::default()).record)
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
