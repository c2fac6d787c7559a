//! The use cases every host offers — check a record of any kind (one, or a
//! file's lines against each other), check an enrollment, take a demand in,
//! check a USCC, classify a text, count coverage, reckon working days, draw
//! a form, list what a demand's state allows — with options and answers in
//! the JSON shapes of `docs/wire/`, so that the browser, a C program, a
//! Python service, the command line and the portal get byte-identical
//! answers for the same input. Every host depends on this layer and the
//! core only; it converts its arguments and hands the answer back.
//!
//! ```
//! use lianjian::api::{self, Options};
//!
//! let options = Options::from_json(r#"{"lang": "en", "today": "2026-11-25"}"#).unwrap();
//! let answer = api::enrollment("{}", &options);
//! assert!(!answer.valid);
//! println!("{}", api::to_json(&answer));
//! ```

mod calendar;
mod coverage;
mod exports;
mod form;
mod headline;
mod kinds;
mod ledger;
mod options;
mod outreach;
mod records;

use std::collections::BTreeMap;

use serde::Serialize;

pub use calendar::{deadline, workday, DeadlineAnswer, WorkdayAnswer};
pub use coverage::{coverage_lines, CoverageAnswer, RejectedRow, RowOutcome, Tally};
pub use exports::{hsds, hsds_json, ExportAnswer, HsdsAnswer};
#[cfg(feature = "ical")]
pub use exports::{ical, ical_json};
pub use form::{
    form_spec, AttachmentType, DemandSpec, EnrollmentSpec, FieldSpec, FormSpec, PartyOrgKinds,
};
pub use headline::{
    headline, headline_json, load, located, HeadlineAnswer, LocatedFinding, Query, Titles,
};
pub use kinds::{validate, validate_lines, AnyRecord, Batch, LineAnswer, RecordAnswer, RecordKind};
pub use ledger::{ledger, ledger_json, LedgerAnswer};
pub use options::Options;
pub use outreach::{outreach, ContactReport, OutreachAnswer, ProgrammeInfo, Summary};
pub use records::{
    check_uscc, demand, demand_intake, enrollment, open311_intake, uscc_answer, Answer,
    DemandAnswer, EnrollmentAnswer, Intake, UsccAnswer,
};

use crate::findings::builtin_template;
use crate::{Code, Lang};

/// The classifier's suggestion.
pub fn classify(title: &str, description: &str) -> crate::demand::Classification {
    crate::demand::Dictionary::builtin_classifier().classify(title, description)
}

/// Any answer as compact JSON text.
pub fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serializing these plain types cannot fail; an empty object would say so.
    serde_json::to_string(value).unwrap_or_else(|_| "{}".to_owned())
}

/// Every built-in template of a language.
pub fn templates(lang: Lang) -> BTreeMap<String, String> {
    // Owned strings: the same map type as the message overrides, so the
    // browser bundle carries one copy of its code, not two. Inserted one by
    // one: `collect` would add a sort.
    let mut templates = BTreeMap::new();
    for &code in Code::ALL {
        if let Some(template) = builtin_template(lang, code) {
            templates.insert(code.as_str().to_owned(), template.to_owned());
        }
    }
    templates
}

/// The topics demands are classified into and the departments they go to,
/// with their names: what a form needs to offer a topic (no terms).
pub fn topics() -> Topics<'static> {
    let dictionary = crate::demand::Dictionary::builtin();
    Topics {
        topics: dictionary
            .topics
            .iter()
            .map(|t| TopicName {
                id: &t.id,
                name: &t.name,
                departments: &t.departments,
            })
            .collect(),
        departments: &dictionary.departments,
    }
}

/// `{topics, departments}` as [`topics`] answers.
#[derive(Debug, Serialize)]
pub struct Topics<'a> {
    /// Each topic with its name and departments, in dictionary order.
    pub topics: Vec<TopicName<'a>>,
    /// Every department with its name.
    pub departments: &'a [crate::demand::Department],
}

/// A topic without its terms.
#[derive(Debug, Serialize)]
pub struct TopicName<'a> {
    /// Topic id (`tax`, …).
    pub id: &'a str,
    /// Names in zh-CN and en.
    pub name: &'a crate::catalog::Names,
    /// Department ids, first the one that handles it.
    pub departments: &'a [String],
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A district with one chain of its own, given through the options.
    const DISTRICT: &str = r#"{"catalog": {
        "district": {"code": "440305", "name": {"zh-CN": "南山区", "en": "Nanshan"}},
        "chains": [{"id": "ai", "name": {"zh-CN": "人工智能", "en": "AI"},
                    "segments": [{"id": "chips", "name": {"zh-CN": "芯片", "en": "Chips"}, "industry_codes": ["3973"]}]}]},
        "today": "2026-11-25"}"#;

    #[test]
    fn a_district_catalog_in_the_options_replaces_the_builtin_one() {
        let options = Options::from_json(DISTRICT).unwrap();
        assert_eq!(options.catalog().chain_ids(), ["ai"]);
        let record = |chain: &str, segment: &str| {
            let mut value: serde_json::Value = serde_json::from_str(include_str!(
                "../../../tests/fixtures/enrollment/valid_own_branch.json"
            ))
            .unwrap();
            value["chain"] = chain.into();
            value["segments"] = serde_json::json!([segment]);
            value.to_string()
        };
        let own = enrollment(&record("ai", "chips"), &options);
        assert!(own.valid, "{}", to_json(&own));
        let yantian = enrollment(&record("gold_jewelry", "manufacturing"), &options);
        assert!(!yantian.valid);
        assert!(
            to_json(&yantian).contains(r#""path":"chain""#),
            "{}",
            to_json(&yantian)
        );
    }

    #[test]
    fn coverage_counts_against_the_catalog_rows_are_checked_with() {
        let options = Options::from_json(DISTRICT).unwrap();
        let mut record: serde_json::Value = serde_json::from_str(include_str!(
            "../../../tests/fixtures/enrollment/valid_own_branch.json"
        ))
        .unwrap();
        record["chain"] = "ai".into();
        record["segments"] = serde_json::json!(["chips"]);
        let answer = coverage_lines(&format!("{record}\n"), &options);
        let json = to_json(&answer);
        assert_eq!(answer.report.totals.rejected_rows, 0, "{json}");
        assert_eq!(answer.report.totals.figures.members, 1, "{json}");
        assert!(json.contains(r#""chain":"ai""#), "{json}");
        assert!(json.contains(r#""segment":"chips""#), "{json}");
    }

    const Y2027: &str = r#"{"year": 2027, "source": "a test notice",
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-04"},
                     {"name": "春节", "from": "2027-02-05", "to": "2027-02-11"},
                     {"name": "清明节", "from": "2027-04-05", "to": "2027-04-05"},
                     {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-05"},
                     {"name": "端午节", "from": "2027-06-09", "to": "2027-06-09"},
                     {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-15"},
                     {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}],
        "workdays": []}"#;

    #[test]
    fn deadlines_say_when_they_are_provisional() {
        let options = Options::from_json(r#"{"lang": "en"}"#).unwrap();
        let answer = deadline("consultation", "2026-12-30T10:00:00+08:00", &options);
        let json = to_json(&answer);
        assert_eq!(
            answer.deadline.map(|d| d.to_string()).as_deref(),
            Some("2027-01-04")
        );
        assert!(answer.provisional);
        assert_eq!(answer.working_days, Some(2));
        assert!(json.contains(r#""code":"calendar_provisional""#), "{json}");
        assert!(json.contains(r#""path":"deadline""#), "{json}");
        // With the year's schedule in the options, the answer is final.
        let loaded = Options::from_json(&format!(r#"{{"holidays": [{Y2027}]}}"#)).unwrap();
        let answer = deadline("consultation", "2026-12-30", &loaded);
        assert_eq!(
            answer.deadline.map(|d| d.to_string()).as_deref(),
            Some("2027-01-05")
        );
        assert!(!answer.provisional && answer.findings.is_empty());
        // Bad input is a finding at its field, never a guess.
        let answer = deadline("petition", "yesterday", &options);
        let json = to_json(&answer);
        assert!(answer.deadline.is_none() && !answer.provisional);
        assert!(
            json.contains(r#""code":"invalid_option","severity":"error","path":"kind""#),
            "{json}"
        );
        assert!(
            json.contains(r#""code":"datetime_invalid","severity":"error","path":"from""#),
            "{json}"
        );
    }

    #[test]
    fn workdays_say_why() {
        let en = Options::from_json(r#"{"lang": "en"}"#).unwrap();
        let answer = workday("2026-10-10", &en);
        assert_eq!(
            to_json(&answer),
            r#"{"date":"2026-10-10","working":true,"reason":"make_up_day","holiday":"national_day","holiday_name":"National Day","provisional":false,"source":"国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04)","findings":[]}"#
        );
        let answer = workday("2027-10-01", &Options::default());
        assert_eq!(answer.working, Some(false));
        assert_eq!(answer.holiday_name.as_deref(), Some("国庆节"));
        assert!(answer.provisional && answer.source.is_none());
        assert_eq!(answer.findings[0].code, Code::CalendarProvisional);
        let answer = workday("2026-02-30", &en);
        assert_eq!(answer.working, None);
        assert_eq!(answer.findings[0].code, Code::DateInvalid);
    }

    #[test]
    fn a_holiday_schedule_that_does_not_load_is_an_error_of_the_options() {
        for bad in [
            r#"{"holidays": {}}"#,
            r#"{"holidays": [1]}"#,
            r#"{"holidays": [{"year": 2027}]}"#,
            &format!(
                r#"{{"holidays": [{}]}}"#,
                Y2027.replace("2027-02-11", "2027-02-06")
            ),
        ] {
            let error = Options::from_json(bad).unwrap_err();
            assert!(error.starts_with("options: "), "{error}");
            assert!(error.contains("holidays"), "{error}");
        }
    }

    #[test]
    fn a_broken_catalog_is_an_error_of_the_options() {
        for bad in [
            r#"{"catalog": 1}"#,
            r#"{"catalog": {"chains": []}}"#,
            r#"{"catalog": {"district": {"code": "1", "name": {"zh-CN": "x", "en": "x"}}, "chains": [], "extra": 1}}"#,
        ] {
            let error = Options::from_json(bad).unwrap_err();
            assert!(error.starts_with("options: "), "{error}");
            assert!(error.contains("catalog"), "{error}");
        }
    }

    #[test]
    fn validates_with_language_date_and_overrides() {
        let mut options = Options {
            lang: Some("en".into()),
            today: Some("2026-11-25".into()),
            ..Options::default()
        };
        options
            .messages
            .insert("required".into(), "Please fill this in".into());
        let answer = enrollment("{}", &options);
        assert!(!answer.valid);
        assert!(answer
            .findings
            .iter()
            .any(|f| f.message == "Please fill this in"));
        assert!(answer.record.is_none());
    }

    #[test]
    fn a_missing_date_is_a_finding_not_a_guess() {
        let options = Options {
            today: Some("yesterday".into()),
            ..Options::default()
        };
        let answer = enrollment("{}", &options);
        assert_eq!(answer.findings[0].path.to_string(), "today");
    }

    #[test]
    fn validates_demands_and_classifies() {
        let options = Options {
            today: Some("2026-11-25".into()),
            ..Options::default()
        };
        let answer = demand(r#"{"kind": "help"}"#, &options);
        assert!(!answer.valid);
        assert!(answer
            .findings
            .iter()
            .any(|f| f.path.to_string() == "title"));
        assert_eq!(classify("出口退税", "").topic, "tax");
    }

    #[test]
    fn counts_coverage_over_json_lines() {
        let options = Options {
            today: Some("2026-11-25".into()),
            ..Options::default()
        };
        let answer = coverage_lines("{}\n\nnot json\n", &options);
        assert_eq!(answer.report.totals.rejected_rows, 2);
        assert_eq!(
            answer.rejected.iter().map(|r| r.row).collect::<Vec<_>>(),
            [1, 3]
        );
        assert!(to_json(&answer).contains("\"rejected_rows\":2"));
        assert!(Options::from_json(r#"{"lang": "en", "nope": 1}"#).is_err());
        assert!(Options::from_json("[]").is_err(), "an array is not options");
        assert!(Options::from_json(r#"{"lang": "fr"}"#).is_err());
        assert_eq!(Options::from_json("").unwrap().lang(), Lang::ZhCn);
    }

    #[test]
    fn checks_uscc_and_lists_templates() {
        let answer = check_uscc("91110000600037341l", &Options::default());
        assert!(answer.valid);
        assert_eq!(answer.normalized, "91110000600037341L");
        assert_eq!(templates(Lang::En).len(), Code::ALL.len());
    }

    #[test]
    fn a_resident_id_number_is_masked_in_the_answer() {
        let input = "3201 0219 9409 1169 43";
        let answer = check_uscc(input, &Options::default());
        assert!(!answer.valid);
        assert_eq!(answer.input, "*".repeat(input.chars().count()));
        assert_eq!(answer.normalized, "*".repeat(18));
        assert_eq!(answer.findings.len(), 1);
        assert_eq!(answer.findings[0].code, Code::UsccResidentId);
        let json = to_json(&answer);
        for part in ["320102", "19940911", "6943"] {
            assert!(!json.contains(part), "{json}");
        }
        // Other invalid codes are echoed as typed.
        let answer = check_uscc("91470300MA5FUTN41L", &Options::default());
        assert_eq!(answer.input, "91470300MA5FUTN41L");
        assert_eq!(answer.findings[0].code, Code::UsccDivision);
        // A code the district recorded as real is shown, with its warning.
        let options = Options {
            legacy_uscc: vec!["51120119501101459X".into()],
            ..Options::default()
        };
        let answer = check_uscc("51120119501101459x", &options);
        assert!(answer.valid);
        assert_eq!(answer.normalized, "51120119501101459X");
        assert_eq!(answer.findings[0].code, Code::UsccResidentIdOverridden);
    }
}
