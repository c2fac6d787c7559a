//! Any bytes as a visit record, checked against a programme: findings, never
//! a panic; a record exactly when valid; messages render in both languages.
#![no_main]

use chrono::NaiveDate;
use std::sync::OnceLock;

use lianjian::calendar::Calendar;
use lianjian::outreach::{check_programme_json, check_visit_json, OutreachContext, Programme};
use lianjian::{Catalog, Context, Lang, Messages};
use libfuzzer_sys::fuzz_target;

const PROGRAMME: &str = r#"{"id": "wanming-2026", "name": "万名干部助企行", "from": "2026-01-01",
  "to": "2026-12-31", "owner": "区委组织部", "key_enterprises": ["91440300MA5FUTN418"],
  "contacts": [{"id": "c-01", "kind": "cadre", "unit": "区委组织部", "account": "u1",
                "enterprises": ["91440300MA5FUTN418"]}]}"#;

/// The calendar and the programme, read once (reading them is most of a run).
fn setting() -> &'static (Calendar, Option<Programme>) {
    static SETTING: OnceLock<(Calendar, Option<Programme>)> = OnceLock::new();
    SETTING.get_or_init(|| {
        let calendar = Calendar::china();
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
        let context = OutreachContext::new(Context::new(Catalog::yantian(), today), &calendar);
        let programme = check_programme_json(PROGRAMME, &context).record;
        (calendar, programme)
    })
}

fuzz_target!(|text: &str| {
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let (calendar, programme) = setting();
    let context = OutreachContext::new(Context::new(Catalog::yantian(), today), calendar);
    let context = match programme {
        Some(programme) => context.with_programme(programme),
        None => context,
    };
    let checked = check_visit_json(text, &context);
    assert_eq!(checked.record.is_some(), checked.report.is_valid());
    for lang in Lang::ALL {
        let _ = Messages::new().render_report(lang, &checked.report);
    }
});
