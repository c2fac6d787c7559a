//! The use cases every binding offers — validate an enrollment, validate a
//! demand, check a USCC, classify a text, count coverage — with options and
//! answers in the same JSON shapes, so that the browser, a C program and a
//! Python service get byte-identical findings for the same input. Each
//! binding only converts its arguments and hands the answer back.

#![forbid(unsafe_code)]
#![deny(missing_docs)]

use std::collections::BTreeMap;

mod calendar;
mod options;

pub use calendar::{deadline, workday, DeadlineAnswer, WorkdayAnswer};

use lianjian::findings::{builtin_template, RenderedFinding};
use lianjian::ident::{parse_date, uscc};
use lianjian::{
    check_enrollment_json, Catalog, Code, Context, Enrollment, Lang, Messages, Path, Report,
};
use serde::{Deserialize, Serialize};

/// Options every call accepts: `{lang, today, messages, legacyUscc, catalog, holidays}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Options {
    /// `zh-CN` (default) or `en`.
    pub lang: Option<String>,
    /// `YYYY-MM-DD`. The bindings fill in today's date in China when it is
    /// absent; without a date, checks answer `date_invalid` at `today`.
    pub today: Option<String>,
    /// Host overrides of message templates: `{code: template}`.
    pub messages: BTreeMap<String, String>,
    /// USCCs the district has recorded as real although they fail the check
    /// character, the division or the resident-ID test (recorded legacy codes).
    #[serde(rename = "legacyUscc", alias = "legacy_uscc")]
    pub legacy_uscc: Vec<String>,
    /// A district's own chain catalog (the shape of `catalog/yantian.json`);
    /// the built-in Yantian catalog when absent.
    pub catalog: Option<Catalog>,
    /// Published holiday schedules to load beside the built-in ones, one
    /// object a year in the shape of `core/catalog/holidays/2026.json`; a
    /// year given here replaces the built-in schedule of that year.
    pub holidays: Vec<serde_json::Value>,
}

impl Options {
    /// Options from JSON text (`{}` or empty for the defaults).
    pub fn from_json(text: &str) -> Result<Options, String> {
        if text.trim().is_empty() {
            return Ok(Options::default());
        }
        let value: serde_json::Value =
            serde_json::from_str(text).map_err(|e| format!("options: {e}"))?;
        let Some(object) = value.as_object() else {
            return Err("options: must be a JSON object".into());
        };
        let options = Options::from_object(object).map_err(|e| format!("options: {e}"))?;
        options.check()?;
        Ok(options)
    }

    /// Refuses what the types cannot: a language with no catalog, a
    /// holiday schedule that does not load.
    pub fn check(&self) -> Result<(), String> {
        match self.lang.as_deref() {
            Some(tag) if Lang::parse(tag).is_none() => {
                Err(format!("options: lang `{tag}` is neither zh-CN nor en"))
            }
            _ => calendar::check_holidays(&self.holidays),
        }
    }

    /// The working-day calendar: the built-in one with `holidays` loaded.
    pub fn calendar(&self) -> lianjian::calendar::Calendar {
        calendar::with_holidays(&self.holidays)
    }

    /// A report's findings with messages in the options' language.
    fn render(&self, report: &Report) -> Vec<RenderedFinding> {
        self.messages().render_report(self.lang(), report).findings
    }

    /// The language of messages (zh-CN unless `lang` says otherwise).
    pub fn lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default()
    }

    /// The chain catalog records are checked against.
    pub fn catalog(&self) -> &Catalog {
        self.catalog.as_ref().unwrap_or_else(|| Catalog::yantian())
    }

    fn policy(&self) -> lianjian::UsccPolicy {
        let mut policy = lianjian::UsccPolicy::default();
        for code in &self.legacy_uscc {
            policy.allow_legacy(code);
        }
        policy
    }

    fn messages(&self) -> Messages {
        let mut messages = Messages::new();
        messages.override_from(
            self.lang(),
            self.messages.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        messages
    }
}

/// A record as JSON text (read in one pass; a host holding a parsed value
/// writes it as text).
pub enum Input<'a> {
    /// JSON text.
    Text(&'a str),
}

/// `{valid, findings, record}`: a checked record's answer.
#[derive(Debug, Serialize)]
pub struct Answer<T> {
    /// False exactly when some finding is an error.
    pub valid: bool,
    /// Every finding, messages rendered.
    pub findings: Vec<RenderedFinding>,
    /// The normalised record, when valid.
    pub record: Option<T>,
}

/// The answer to an enrollment.
pub type EnrollmentAnswer = Answer<Enrollment>;
/// The answer to a demand.
pub type DemandAnswer = Answer<lianjian::demand::Demand>;

impl Options {
    /// Runs a check with the options' date and legacy codes and renders its
    /// findings. Without a usable date, "not in the future" cannot be
    /// checked: that is said as a `date_invalid` finding at `today`.
    fn check_with<T>(&self, check: impl FnOnce(&Context<'_>) -> lianjian::Checked<T>) -> Answer<T> {
        let policy = self.policy();
        let checked = match self.today.as_deref().and_then(parse_date) {
            Some(today) => check(&Context::new(self.catalog(), today).with_uscc_policy(&policy)),
            None => {
                let mut report = Report::new();
                report.add(Code::DateInvalid, Path::root().key("today"));
                lianjian::Checked {
                    record: None,
                    report,
                }
            }
        };
        let rendered = self.messages().render_report(self.lang(), &checked.report);
        Answer {
            valid: rendered.valid,
            findings: rendered.findings,
            record: checked.record,
        }
    }
}

/// Validates an enrollment with the options' language, date and messages.
pub fn enrollment_report(input: Input<'_>, options: &Options) -> EnrollmentAnswer {
    options.check_with(|context| match input {
        Input::Text(text) => check_enrollment_json(text, context),
    })
}

/// Validates a demand with the options' language, date and messages. Repeats
/// are the server's to check: the browser knows no earlier demands.
pub fn demand_report(input: Input<'_>, options: &Options) -> DemandAnswer {
    let earlier = lianjian::demand::RepeatCheck::default();
    options.check_with(|context| match input {
        Input::Text(text) => lianjian::demand::check_demand_json(text, context, &earlier),
    })
}

/// The classifier's suggestion.
pub fn classify(title: &str, description: &str) -> lianjian::demand::Classification {
    lianjian::demand::Dictionary::builtin_classifier().classify(title, description)
}

/// `{input, valid, normalized, findings}` for one code.
///
/// A resident ID number is personal data: when the check recognises one
/// (`uscc_resident_id`), `input` and `normalized` are masked with `*`, one per
/// character, so that no answer, log line or screen repeats the number. The
/// field names and the length stay, and nothing else of the answer changes.
#[derive(Debug, Serialize)]
pub struct UsccAnswer {
    /// The code as given (masked for a resident ID number).
    pub input: String,
    /// Whether it has no error.
    pub valid: bool,
    /// Upper-cased, without spaces and hyphens (masked for a resident ID number).
    pub normalized: String,
    /// Every finding, messages rendered.
    pub findings: Vec<RenderedFinding>,
}

/// Checks one code.
pub fn check_uscc(code: &str, options: &Options) -> UsccAnswer {
    uscc_answer(code, &options.policy(), &options.messages(), options.lang())
}

/// Checks one code under a legacy policy, with messages in `lang`: what
/// [`check_uscc`] answers, for hosts that build the policy and messages once
/// for many codes (the command line).
pub fn uscc_answer(
    code: &str,
    policy: &lianjian::UsccPolicy,
    messages: &Messages,
    lang: Lang,
) -> UsccAnswer {
    let mut report = Report::new();
    uscc::check(code, policy, &Path::root(), &mut report);
    let rendered = messages.render_report(lang, &report);
    let personal = report.has(Code::UsccResidentId);
    let shown = |text: &str| {
        if personal {
            "*".repeat(text.chars().count())
        } else {
            text.to_owned()
        }
    };
    UsccAnswer {
        input: shown(code),
        valid: rendered.valid,
        normalized: shown(&uscc::normalize(code)),
        findings: rendered.findings,
    }
}

/// A roster row left out of the figures, with why.
#[derive(Debug, Clone, Serialize)]
pub struct RejectedRow {
    /// Line (JSON lines, CSV) or sheet row (workbooks).
    pub row: usize,
    /// Every finding of the row.
    pub findings: Vec<RenderedFinding>,
}

/// The coverage report (`docs/wire/coverage.md`) plus the rejected rows.
#[derive(Debug, Serialize)]
pub struct CoverageAnswer {
    /// The report.
    #[serde(flatten)]
    pub report: lianjian::CoverageReport,
    /// Rows left out, in input order.
    pub rejected: Vec<RejectedRow>,
}

/// Coverage of enrollment records given as JSON lines (blank lines skipped;
/// rows are numbered by line).
pub fn coverage_lines(text: &str, options: &Options) -> CoverageAnswer {
    // Counted against the catalog rows are checked with: a district's own.
    let catalog = options.catalog();
    let mut coverage = lianjian::Coverage::new(catalog);
    let mut rejected = Vec::new();
    let mut first_rows = std::collections::HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{FEFF}');
        if line.trim().is_empty() {
            continue;
        }
        let answer = options.check_with(|context| check_enrollment_json(line, context));
        let counted = answer.record.as_ref().and_then(|record| {
            lianjian::coverage::OwnedCoverageRow::from_enrollment(catalog, record)
        });
        match counted {
            // An enterprise counts once per chain: a later valid row is a second enrollment.
            Some(counted) => match first_rows.get(&(counted.chain, counted.uscc.clone())) {
                Some(&first_row) => {
                    coverage.add_rejected(1);
                    let mut report = Report::new();
                    report.push(
                        lianjian::Finding::new(Code::DuplicateEnrollment, Path::root())
                            .with("first_row", first_row),
                    );
                    let findings = options.render(&report);
                    rejected.push(RejectedRow {
                        row: i + 1,
                        findings,
                    });
                }
                None => {
                    first_rows.insert((counted.chain, counted.uscc.clone()), i + 1);
                    coverage.add(&counted.as_row());
                }
            },
            None => {
                coverage.add_rejected(1);
                rejected.push(RejectedRow {
                    row: i + 1,
                    findings: answer.findings,
                });
            }
        }
    }
    CoverageAnswer {
        report: coverage.report(catalog),
        rejected,
    }
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
    let dictionary = lianjian::demand::Dictionary::builtin();
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
    pub departments: &'a [lianjian::demand::Department],
}

/// A topic without its terms.
#[derive(Debug, Serialize)]
pub struct TopicName<'a> {
    /// Topic id (`tax`, …).
    pub id: &'a str,
    /// Names in zh-CN and en.
    pub name: &'a lianjian::catalog::Names,
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
        let own = enrollment_report(Input::Text(&record("ai", "chips")), &options);
        assert!(own.valid, "{}", to_json(&own));
        let yantian = enrollment_report(
            Input::Text(&record("gold_jewelry", "manufacturing")),
            &options,
        );
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
        let answer = enrollment_report(Input::Text("{}"), &options);
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
        let answer = enrollment_report(Input::Text("{}"), &options);
        assert_eq!(answer.findings[0].path.to_string(), "today");
    }

    #[test]
    fn validates_demands_and_classifies() {
        let options = Options {
            today: Some("2026-11-25".into()),
            ..Options::default()
        };
        let answer = demand_report(Input::Text(r#"{"kind": "help"}"#), &options);
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
