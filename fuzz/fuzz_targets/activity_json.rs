//! Any bytes as a activity record: findings, never a panic; a record exactly
//! when valid; messages render in both languages.
#![no_main]

use chrono::NaiveDate;
use lianjian::calendar::Calendar;
use lianjian::outreach::{check_activity_json, OutreachContext};
use lianjian::{Catalog, Context, Lang, Messages};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let calendar = Calendar::weekends_only();
    let context = OutreachContext::new(Context::new(Catalog::yantian(), today), &calendar);
    let checked = check_activity_json(text, &context);
    assert_eq!(checked.record.is_some(), checked.report.is_valid());
    for lang in Lang::ALL {
        let _ = Messages::new().render_report(lang, &checked.report);
    }
});
