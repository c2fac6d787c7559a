//! Any bytes as a pairing, a centre or a usage count (the first byte picks
//! which), or as the pairings, centres, usage and activities of a district
//! folder: findings, never a panic. A record comes back exactly when there is
//! no error; a valid pairing is its own next version (nothing recorded was
//! rewritten); a valid centre is one HSDS location whose services all point
//! at it; the folder's ledgers and exports never hold more rows than the
//! files have lines.
#![no_main]

use chrono::{NaiveDate, TimeZone, Utc};
use lianjian::api::{self, Options};
use lianjian::centre::{check_centre_json, check_usage_json, hsds, UsageContext};
use lianjian::folder::{FileName, Folder};
use lianjian::pairing::{check_pairing_json, check_update, PairingContext};
use lianjian::{Catalog, Context, Lang, Messages, Report};
use libfuzzer_sys::fuzz_target;

const CENTRE: &str = r#"{"id": "c1", "name": "司机之家", "kind": "driver_home", "operator": "两新组织党工委",
  "address": "盐田综合保税区", "services": [{"id": "shower"}, {"id": "hot_water"}],
  "rooms": [{"id": "r1", "name": "活动室", "capacity": 30}]}"#;

fn rendered(report: &Report) {
    for lang in Lang::ALL {
        let _ = Messages::new().render_report(lang, report);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let context = Context::new(Catalog::yantian(), today);
    match pick % 4 {
        0 => {
            let checked = check_pairing_json(text, &context, &PairingContext::default());
            assert_eq!(checked.record.is_some(), checked.report.is_valid());
            if let Some(pairing) = &checked.record {
                assert!(check_update(pairing, pairing).is_valid());
            }
            rendered(&checked.report);
        }
        1 => {
            let checked = check_centre_json(text, &context);
            assert_eq!(checked.record.is_some(), checked.report.is_valid());
            if let Some(centre) = checked.record {
                let export = hsds::export(std::slice::from_ref(&centre), Lang::ZhCn);
                assert_eq!(export.locations.len(), 1);
                let json = serde_json::to_value(&export).unwrap_or_default();
                let location = &json["locations"][0]["id"];
                for link in json["service_at_locations"]
                    .as_array()
                    .into_iter()
                    .flatten()
                {
                    assert_eq!(&link["location_id"], location);
                }
            }
            rendered(&checked.report);
        }
        2 => {
            let centres: Vec<_> = check_centre_json(CENTRE, &context)
                .record
                .into_iter()
                .collect();
            let around = UsageContext {
                centres: Some(&centres),
            };
            let checked = check_usage_json(text, &context, &around);
            assert_eq!(checked.record.is_some(), checked.report.is_valid());
            rendered(&checked.report);
        }
        _ => {
            // The same text as each file of the folder these records live in.
            let mut folder = Folder::default();
            for file in [
                FileName::Pairings,
                FileName::Centres,
                FileName::Usage,
                FileName::Activities,
            ] {
                folder.set(file, text);
            }
            let options =
                Options::from_json(r#"{"today": "2026-11-25", "lang": "en"}"#).unwrap_or_default();
            let lines = text.lines().count();
            for name in ["pairings", "centres"] {
                let answer = api::ledger(name, &folder, &options);
                assert!(answer.table().map_or(0, |t| t.rows.len()) <= lines);
            }
            let answer = api::hsds(&folder, &options);
            assert!(answer.export.map_or(0, |h| h.locations.len()) <= lines);
            let stamp = Utc
                .with_ymd_and_hms(2026, 11, 25, 0, 0, 0)
                .single()
                .unwrap_or_default();
            let calendar = api::ical(&folder, stamp, &options)
                .export
                .unwrap_or_default();
            assert!(calendar.matches("BEGIN:VEVENT").count() <= lines);
        }
    }
});
