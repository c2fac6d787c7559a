//! Pairing, centre and usage fixtures, snapshotted: one record per file,
//! named `valid_*`, `warn_*` or `err_*`.

use std::fs;

use lianjian_tests::{
    booking_outcome, centre_outcome, pairing_outcome, pairing_update_outcome, usage_outcome,
};
use serde_json::Value;

fn expect_by_name(name: &str, outcome: &Value) {
    let valid = outcome["report"]["valid"].as_bool().unwrap();
    assert_eq!(
        valid,
        !outcome["record"].is_null(),
        "{name}: a record is returned exactly when valid"
    );
    let warned = outcome["report"]["findings"]
        .as_array()
        .is_some_and(|f| !f.is_empty());
    match name.split('_').next() {
        Some("valid") => assert!(valid && !warned, "{name} should be clean: {outcome}"),
        Some("warn") => assert!(valid && warned, "{name} should be valid with warnings"),
        Some("err") => assert!(!valid, "{name} should be refused"),
        _ => panic!("fixture {name} must start with valid_, warn_ or err_"),
    }
}

#[test]
fn pairing_fixtures() {
    insta::glob!("fixtures/pairing/*.json", |path| {
        let outcome = pairing_outcome(&fs::read_to_string(path).unwrap());
        expect_by_name(&path.file_stem().unwrap().to_string_lossy(), &outcome);
        insta::assert_json_snapshot!(outcome);
    });
}

#[test]
fn centre_fixtures() {
    insta::glob!("fixtures/centre/*.json", |path| {
        let outcome = centre_outcome(&fs::read_to_string(path).unwrap());
        expect_by_name(&path.file_stem().unwrap().to_string_lossy(), &outcome);
        insta::assert_json_snapshot!(outcome);
    });
}

#[test]
fn usage_fixtures() {
    insta::glob!("fixtures/usage/*.json", |path| {
        let outcome = usage_outcome(&fs::read_to_string(path).unwrap());
        expect_by_name(&path.file_stem().unwrap().to_string_lossy(), &outcome);
        insta::assert_json_snapshot!(outcome);
    });
}

/// The seed's port-traffic pairing: a street, the chain leader, two
/// departments and the terminal operator adopt the working plan for port
/// traffic peaks, which answers a traffic demand.
#[test]
fn the_seed_pairing_goes_from_agreement_to_outcome_to_the_answered_demand() {
    let outcome = pairing_outcome(include_str!(
        "fixtures/pairing/valid_port_traffic_peak.json"
    ));
    let record = &outcome["record"];
    assert_eq!(record["parties"].as_array().unwrap().len(), 5);
    let plan_item = record["plan"][0]["id"].as_str().unwrap();
    let working_plan = &record["outcomes"][0];
    assert_eq!(working_plan["plan_item"], plan_item);
    assert_eq!(working_plan["kind"], "mechanism");
    for aspect in ["工作预判", "信息通报", "应急处置", "志愿服务"] {
        assert!(working_plan["title"].as_str().unwrap().contains(aspect));
    }
    assert_eq!(working_plan["demands"][0], "demand-2026-0412");
    assert_eq!(record["plan"][0]["topics"][0], "traffic");
}

/// Whether any step of a scenario has an error, and whether any has a finding.
fn steps_found(outcome: &Value) -> (bool, bool) {
    let findings: Vec<&Value> = outcome["steps"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|s| s["report"]["findings"].as_array().into_iter().flatten())
        .collect();
    (
        findings.iter().any(|f| f["severity"] == "error"),
        !findings.is_empty(),
    )
}

#[test]
fn booking_fixtures() {
    insta::glob!("fixtures/booking/*.json", |path| {
        let outcome = booking_outcome(&fs::read_to_string(path).unwrap());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        for step in outcome["steps"].as_array().unwrap() {
            assert_eq!(
                step["report"]["valid"].as_bool().unwrap(),
                !step["change"].is_null(),
                "{name}: a change exactly when accepted"
            );
        }
        let (errors, found) = steps_found(&outcome);
        match name.split('_').next() {
            Some("valid") => assert!(!found, "{name} should be clean"),
            Some("warn") => assert!(found && !errors, "{name} should warn only"),
            Some("err") => assert!(errors, "{name} should refuse something"),
            _ => panic!("fixture {name} must start with valid_, warn_ or err_"),
        }
        insta::assert_json_snapshot!(outcome);
    });
}

#[test]
fn pairing_update_fixtures() {
    insta::glob!("fixtures/pairing_update/*.json", |path| {
        let outcome = pairing_update_outcome(&fs::read_to_string(path).unwrap());
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let valid = outcome["report"]["valid"].as_bool().unwrap();
        assert_eq!(valid, name.starts_with("valid_"), "{name}: {outcome}");
        insta::assert_json_snapshot!(outcome);
    });
}

/// HSDS 3.0's field names of the objects the export writes (the
/// specification's `schema/*.json` of release 3.0), and those it requires
/// (`required`, and `tabular_required` for service_at_location).
const HSDS_3_0: &[(&str, &[&str], &[&str])] = &[
    (
        "organizations",
        &[
            "id",
            "name",
            "alternate_name",
            "description",
            "email",
            "website",
            "year_incorporated",
            "legal_status",
            "logo",
            "uri",
            "parent_organization_id",
        ],
        &["id", "name", "description"],
    ),
    (
        "services",
        &[
            "id",
            "organization_id",
            "program_id",
            "name",
            "alternate_name",
            "description",
            "url",
            "email",
            "status",
            "interpretation_services",
            "application_process",
            "fees_description",
            "accreditations",
            "eligibility_description",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "alert",
        ],
        &["id", "name", "status"],
    ),
    (
        "locations",
        &[
            "id",
            "location_type",
            "url",
            "organization_id",
            "name",
            "alternate_name",
            "description",
            "transportation",
            "latitude",
            "longitude",
            "external_identifier",
            "external_identifier_type",
        ],
        &["id", "location_type"],
    ),
    (
        "service_at_locations",
        &["id", "service_id", "location_id", "description"],
        &["id", "service_id", "location_id"],
    ),
    (
        "schedules",
        &[
            "id",
            "service_id",
            "location_id",
            "service_at_location_id",
            "valid_from",
            "valid_to",
            "dtstart",
            "timezone",
            "until",
            "count",
            "wkst",
            "freq",
            "interval",
            "byday",
            "byweekno",
            "bymonthday",
            "byyearday",
            "description",
            "opens_at",
            "closes_at",
            "schedule_link",
            "attending_type",
            "notes",
        ],
        &["id"],
    ),
];

/// The centres as HSDS 3.0: only HSDS's field names, every required field
/// present and not blank, ids unique, and every reference resolved.
#[test]
fn hsds_export_uses_hsds_3_names_with_the_required_fields() {
    let centres = lianjian_tests::fixture_centres();
    let export = serde_json::to_value(lianjian::centre::hsds::export(
        &centres,
        lianjian::Lang::ZhCn,
    ))
    .unwrap();
    assert_eq!(export["hsds_version"], "3.0");
    let ids = |table: &str| -> Vec<String> {
        export[table]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["id"].as_str().unwrap().to_owned())
            .collect()
    };
    for (table, fields, required) in HSDS_3_0 {
        let objects = export[*table].as_array().unwrap();
        assert!(!objects.is_empty(), "{table} is empty");
        for object in objects {
            for key in object.as_object().unwrap().keys() {
                assert!(
                    fields.contains(&key.as_str()),
                    "{table}: `{key}` is no HSDS 3.0 field"
                );
            }
            for key in *required {
                let value = &object[*key];
                assert!(
                    value.as_str().is_some_and(|s| !s.trim().is_empty()),
                    "{table}: required `{key}` missing in {object}"
                );
            }
        }
        let mut unique = ids(table);
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), objects.len(), "{table}: ids repeat");
    }
    let (organizations, services, locations) =
        (ids("organizations"), ids("services"), ids("locations"));
    for service in export["services"].as_array().unwrap() {
        assert!(organizations.contains(&service["organization_id"].as_str().unwrap().to_owned()));
        assert_eq!(service["status"], "active");
    }
    for link in export["service_at_locations"].as_array().unwrap() {
        assert!(services.contains(&link["service_id"].as_str().unwrap().to_owned()));
        assert!(locations.contains(&link["location_id"].as_str().unwrap().to_owned()));
    }
    for schedule in export["schedules"].as_array().unwrap() {
        assert!(locations.contains(&schedule["location_id"].as_str().unwrap().to_owned()));
        assert_eq!(schedule["freq"], "WEEKLY");
    }
    // The drivers' home is open around the clock, and says so.
    assert!(export["schedules"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["description"] == "全天24小时开放" && s["byday"] == "MO,TU,WE,TH,FR,SA,SU"));
    // The trade union provides a service of its own there.
    assert!(export["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .any(|o| o["name"] == "区总工会"));
    insta::assert_json_snapshot!(export);
}

/// The activity calendar as iCalendar, read back by an independent parser
/// (the `ical` crate): one event per activity with the properties RFC 5545
/// requires, times in UTC, the place named, cancellations marked, and
/// nothing personal.
#[test]
fn the_activity_calendar_is_icalendar_a_parser_reads() {
    use chrono::TimeZone;
    use lianjian::calendar::Calendar;
    use lianjian::outreach::{check_activity_json, OutreachContext};
    use lianjian::{Catalog, Context};

    let text = include_str!("fixtures/calendar/activities.jsonl");
    let calendar = Calendar::china();
    let context = OutreachContext::new(
        Context::new(Catalog::yantian(), lianjian_tests::fixture_today()),
        &calendar,
    );
    let activities: Vec<_> = text
        .lines()
        .map(|line| {
            let checked = check_activity_json(line, &context);
            checked
                .record
                .unwrap_or_else(|| panic!("{:?}", checked.report))
        })
        .collect();
    let stamp = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 2, 0, 0).unwrap();
    let centres = lianjian_tests::fixture_centres();
    let ics = lianjian::ical::activity_calendar(
        &activities,
        &centres,
        Catalog::yantian(),
        stamp,
        lianjian::Lang::ZhCn,
    );
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"), "{ics}");
    assert!(ics.lines().all(|l| l.len() <= 75), "lines are folded");

    let mut parser = ical::IcalParser::new(ics.as_bytes());
    let parsed = parser.next().expect("one calendar").expect("it parses");
    assert!(parser.next().is_none());
    let property = |props: &[ical::property::Property], name: &str| -> Option<String> {
        props
            .iter()
            .find(|p| p.name == name)
            .and_then(|p| p.value.clone())
    };
    assert_eq!(
        property(&parsed.properties, "VERSION").as_deref(),
        Some("2.0")
    );
    assert!(property(&parsed.properties, "PRODID").is_some());
    assert_eq!(parsed.events.len(), activities.len());
    for (event, activity) in parsed.events.iter().zip(&activities) {
        let get = |name: &str| property(&event.properties, name).unwrap_or_default();
        assert_eq!(
            get("UID"),
            format!("{}@440308.lianjian.invalid", activity.id)
        );
        assert_eq!(get("DTSTAMP"), "20261125T020000Z");
        let utc = |t: &chrono::DateTime<chrono::FixedOffset>| {
            t.with_timezone(&chrono::Utc)
                .format("%Y%m%dT%H%M%SZ")
                .to_string()
        };
        assert_eq!(get("DTSTART"), utc(&activity.starts_at));
        assert_eq!(get("DTEND"), utc(&activity.ends_at));
        assert_eq!(get("SUMMARY"), activity.title);
        let cancelled = activity.status == lianjian::outreach::ActivityStatus::Cancelled;
        assert_eq!(
            get("STATUS"),
            if cancelled { "CANCELLED" } else { "CONFIRMED" }
        );
    }
    let location = |i: usize| property(&parsed.events[i].properties, "LOCATION").unwrap();
    assert_eq!(location(0), "盐田综合保税区党群服务中心（司机之家） 培训室");
    assert_eq!(location(2), "深圳市盐田区明珠大道（进港路口）");
    let first = |name: &str| property(&parsed.events[0].properties, name).unwrap();
    assert_eq!(first("CATEGORIES"), "安全知识培训,党群助企行");
    assert!(
        first("DESCRIPTION").contains("港口物流"),
        "{}",
        first("DESCRIPTION")
    );
    // Nothing personal, and nothing of the ledger: no recorder, enterprise,
    // summary (which here holds a phone number) or lecturer.
    for private in [
        "staff-0042",
        "91440300MA5FUTN418",
        "13800138000",
        "盐田交通运输局",
        "联系人",
    ] {
        assert!(!ics.contains(private), "{private} in {ics}");
    }
    insta::assert_snapshot!(ics.replace("\r\n", "\n"));
}

/// The JSON Schemas of pairings, centres and usage counts are never
/// stricter than the rules: over every fixture, a record the schema refuses
/// is refused by the core, and one the core accepts passes the schema.
#[test]
fn schemas_are_never_stricter_than_the_rules() {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/..");
    for (schema, dir, check) in [
        (
            "pairing",
            "pairing",
            &pairing_outcome as &dyn Fn(&str) -> Value,
        ),
        ("centre", "centre", &centre_outcome),
        ("usage", "usage", &usage_outcome),
    ] {
        let text =
            fs::read_to_string(format!("{root}/bindings/schema/{schema}.schema.json")).unwrap();
        let validator = jsonschema::validator_for(&serde_json::from_str(&text).unwrap()).unwrap();
        let (mut refused, mut passed) = (0, 0);
        for entry in fs::read_dir(format!("{root}/tests/fixtures/{dir}")).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap();
            let Ok(record) = serde_json::from_str::<Value>(&text) else {
                continue;
            };
            let core_valid = check(&text)["report"]["valid"].as_bool().unwrap();
            if validator.is_valid(&record) {
                passed += 1;
            } else {
                refused += 1;
                assert!(
                    !core_valid,
                    "{}: the schema refuses what the core accepts",
                    path.display()
                );
            }
        }
        assert!(
            refused > 0 && passed > 0,
            "{schema}: {refused} refused, {passed} passed"
        );
    }
}
