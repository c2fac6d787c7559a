//! Any bytes as a demand record: findings, never a panic.
#![no_main]

use chrono::NaiveDate;
use lianjian::demand::{check_demand_json, RepeatCheck};
use lianjian::{Catalog, Context, Lang, Messages};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let checked = check_demand_json(
        text,
        &Context::new(Catalog::yantian(), today),
        &RepeatCheck::default(),
    );
    assert_eq!(checked.record.is_some(), checked.report.is_valid());
    let _ = Messages::new().render_report(Lang::En, &checked.report);
});
