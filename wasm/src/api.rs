//! The JS API's work, in plain Rust (testable without a browser).

use std::collections::BTreeMap;

use lianjian::findings::{builtin_template, RenderedFinding};
use lianjian::ident::{parse_date, uscc};
use lianjian::{
    check_enrollment_json, check_enrollment_value, Catalog, Code, Context, Enrollment, Lang,
    Messages, Path, Report,
};
use serde::{Deserialize, Serialize};

/// Options every call accepts: `{lang, today, messages}`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Options {
    /// `zh-CN` (default) or `en`.
    pub lang: Option<String>,
    /// `YYYY-MM-DD`; the browser's date in China when absent.
    pub today: Option<String>,
    /// Host overrides of message templates: `{code: template}`.
    pub messages: BTreeMap<String, String>,
    /// USCCs the district accepts despite a wrong check character (recorded legacy codes).
    #[serde(rename = "legacyUscc", alias = "legacy_uscc")]
    pub legacy_uscc: Vec<String>,
}

impl Options {
    fn lang(&self) -> Lang {
        self.lang
            .as_deref()
            .and_then(Lang::parse)
            .unwrap_or_default()
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

/// A record as JSON text or as an already-parsed value.
pub enum Input<'a> {
    /// JSON text.
    Text(&'a str),
    /// A parsed value.
    Value(&'a serde_json::Value),
}

/// `{valid, findings, record}`.
#[derive(Debug, Serialize)]
pub struct EnrollmentAnswer {
    /// False exactly when some finding is an error.
    pub valid: bool,
    /// Every finding, messages rendered.
    pub findings: Vec<RenderedFinding>,
    /// The normalised record, when valid.
    pub record: Option<Enrollment>,
}

/// Validates an enrollment with the options' language, date and messages.
pub fn enrollment_report(input: Input<'_>, options: &Options) -> EnrollmentAnswer {
    let today = options.today.as_deref().and_then(parse_date);
    let Some(today) = today else {
        // Without a date, "not in the future" cannot be checked: say so as a finding.
        let mut report = Report::new();
        report.add(Code::DateInvalid, Path::root().key("today"));
        let rendered = options.messages().render_report(options.lang(), &report);
        return EnrollmentAnswer {
            valid: false,
            findings: rendered.findings,
            record: None,
        };
    };
    let policy = options.policy();
    let context = Context::new(Catalog::yantian(), today).with_uscc_policy(&policy);
    let checked = match input {
        Input::Text(text) => check_enrollment_json(text, &context),
        Input::Value(value) => check_enrollment_value(value, &context),
    };
    let rendered = options
        .messages()
        .render_report(options.lang(), &checked.report);
    EnrollmentAnswer {
        valid: rendered.valid,
        findings: rendered.findings,
        record: checked.record,
    }
}

/// `{valid, findings, record}` for a demand.
#[derive(Debug, Serialize)]
pub struct DemandAnswer {
    /// False exactly when some finding is an error.
    pub valid: bool,
    /// Every finding, messages rendered.
    pub findings: Vec<RenderedFinding>,
    /// The normalised record, when valid.
    pub record: Option<lianjian::demand::Demand>,
}

/// Validates a demand with the options' language, date and messages. Repeats
/// are the server's to check: the browser knows no earlier demands.
pub fn demand_report(input: Input<'_>, options: &Options) -> DemandAnswer {
    let Some(today) = options.today.as_deref().and_then(parse_date) else {
        let mut report = Report::new();
        report.add(Code::DateInvalid, Path::root().key("today"));
        let rendered = options.messages().render_report(options.lang(), &report);
        return DemandAnswer {
            valid: false,
            findings: rendered.findings,
            record: None,
        };
    };
    let policy = options.policy();
    let context = Context::new(Catalog::yantian(), today).with_uscc_policy(&policy);
    let earlier = lianjian::demand::RepeatCheck::default();
    let checked = match input {
        Input::Text(text) => lianjian::demand::check_demand_json(text, &context, &earlier),
        Input::Value(value) => lianjian::demand::check_demand_value(value, &context, &earlier),
    };
    let rendered = options
        .messages()
        .render_report(options.lang(), &checked.report);
    DemandAnswer {
        valid: rendered.valid,
        findings: rendered.findings,
        record: checked.record,
    }
}

/// The classifier's suggestion.
pub fn classify(title: &str, description: &str) -> lianjian::demand::Classification {
    lianjian::demand::Dictionary::builtin()
        .classifier()
        .classify(title, description)
}

/// `{input, valid, normalized, findings}` for one code.
#[derive(Debug, Serialize)]
pub struct UsccAnswer {
    /// The code as given.
    pub input: String,
    /// Whether it has no error.
    pub valid: bool,
    /// Upper-cased, without spaces and hyphens.
    pub normalized: String,
    /// Every finding, messages rendered.
    pub findings: Vec<RenderedFinding>,
}

/// Checks one code.
pub fn check_uscc(code: &str, options: &Options) -> UsccAnswer {
    let mut report = Report::new();
    uscc::check(
        code,
        lianjian::UsccPolicy::none(),
        &Path::root(),
        &mut report,
    );
    let rendered = options.messages().render_report(options.lang(), &report);
    UsccAnswer {
        input: code.to_owned(),
        valid: rendered.valid,
        normalized: uscc::normalize(code),
        findings: rendered.findings,
    }
}

/// Every built-in template of a language.
pub fn templates(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    Code::ALL
        .iter()
        .filter_map(|&code| builtin_template(lang, code).map(|t| (code.as_str(), t)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn checks_uscc_and_lists_templates() {
        let answer = check_uscc("91110000600037341l", &Options::default());
        assert!(answer.valid);
        assert_eq!(answer.normalized, "91110000600037341L");
        assert_eq!(templates(Lang::En).len(), Code::ALL.len());
    }
}
