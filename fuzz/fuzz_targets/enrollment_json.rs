//! Any bytes as an enrollment record: findings, never a panic; a record is
//! returned exactly when there is no error; every message renders.
#![no_main]

use chrono::NaiveDate;
use lianjian::{check_enrollment_json, Catalog, Context, Lang, Messages};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let checked = check_enrollment_json(text, &Context::new(Catalog::yantian(), today));
    assert_eq!(checked.record.is_some(), checked.report.is_valid());
    if let Some(record) = &checked.record {
        // The normalised record is itself a valid record.
        let again = serde_json::to_string(record).unwrap_or_default();
        let rechecked = check_enrollment_json(&again, &Context::new(Catalog::yantian(), today));
        assert!(rechecked.report.is_valid(), "{again}");
    }
    let messages = Messages::new();
    for lang in Lang::ALL {
        let rendered = messages.render_report(lang, &checked.report);
        assert_eq!(rendered.findings.len(), checked.report.findings().len());
    }
});
