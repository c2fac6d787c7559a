//! The options every use case takes, read from JSON text by the record
//! reader: `{lang, today, messages, legacyUscc, catalog, holidays}`.

use std::collections::BTreeMap;

use crate::calendar::{Calendar, YEAR};
use crate::findings::{Messages, RenderedFinding};
use crate::ident::parse_date;
use crate::input::{self, Got, Kind, Schema};
use crate::outreach::{check_programme_got, OutreachContext, Programme, PROGRAMME};
use crate::{Catalog, Checked, Code, Context, Lang, Path, Report, UsccPolicy};

/// Most legacy codes, holiday schedules or message overrides the options hold.
const LIST_MAX: usize = 100_000;

static OPTIONS: Schema = Schema {
    fields: &[
        ("lang", Kind::Scalar),
        ("today", Kind::Scalar),
        ("messages", Kind::Any),
        ("legacyUscc", Kind::Scalars { max: LIST_MAX }),
        ("legacy_uscc", Kind::Scalars { max: LIST_MAX }),
        ("catalog", Kind::Any),
        (
            "holidays",
            Kind::Objects {
                schema: &YEAR,
                max: LIST_MAX,
            },
        ),
        ("programme", Kind::Object(&PROGRAMME)),
    ],
};

/// Options every call accepts: `{lang, today, messages, legacyUscc, catalog,
/// holidays, programme}` (`docs/wire/options.md`).
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// `zh-CN` (default) or `en`.
    pub lang: Option<String>,
    /// `YYYY-MM-DD`. The bindings fill in today's date in China when it is
    /// absent; without a date, checks answer `date_invalid` at `today`.
    pub today: Option<String>,
    /// Host overrides of message templates: `{code: template}`.
    pub messages: BTreeMap<String, String>,
    /// USCCs the district has recorded as real although they fail the check
    /// character, the division or the resident-ID test (recorded legacy
    /// codes); `legacy_uscc` is read too.
    pub legacy_uscc: Vec<String>,
    /// A district's own chain catalog (the shape of `catalog/yantian.json`);
    /// the built-in Yantian catalog when absent.
    pub catalog: Option<Catalog>,
    /// The working-day calendar with the `holidays` given (published
    /// schedules, one object a year in the shape of
    /// `core/catalog/holidays/2026.json`, each replacing the built-in schedule
    /// of its year); the built-in calendar when none was given.
    pub calendar: Option<Calendar>,
    /// The contact programme visits are checked against (its contacts,
    /// their enterprises, its period): a programme record that is valid.
    pub programme: Option<Programme>,
}

impl Options {
    /// Options from JSON text (`{}` or empty for the defaults). The error
    /// says what is wrong, starting `options: `: not JSON, not an object, an
    /// unknown or repeated key, a value of the wrong type, a language with no
    /// catalog, a catalog or holiday schedule that does not load.
    pub fn from_json(text: &str) -> Result<Options, String> {
        if text.trim().is_empty() {
            return Ok(Options::default());
        }
        let prepared = input::prepare(text);
        let (got, twice) =
            input::capture::capture(&prepared, &OPTIONS).map_err(|e| format!("options: {e}"))?;
        if let Some(path) = twice.first() {
            return Err(format!("options: `{path}` is given twice"));
        }
        let options = Options::read(&got).map_err(|e| format!("options: {e}"))?;
        options.check()?;
        Ok(options)
    }

    fn read(got: &Got<'_>) -> Result<Options, String> {
        let Got::Object(object) = got else {
            return Err("must be a JSON object".into());
        };
        if let Some((key, _)) = object.other.first() {
            let expected: Vec<String> = OPTIONS
                .fields
                .iter()
                .map(|(k, _)| format!("`{k}`"))
                .collect();
            return Err(format!(
                "unknown field `{key}`, expected one of {}",
                expected.join(", ")
            ));
        }
        if object.get("legacyUscc").is_some() && object.get("legacy_uscc").is_some() {
            return Err("duplicate field `legacyUscc`".into());
        }
        let mut options = Options {
            lang: optional_text(object.get("lang"))?,
            today: optional_text(object.get("today"))?,
            ..Options::default()
        };
        match object.get("messages") {
            None | Some(Got::Null) => {}
            Some(Got::Object(map)) => {
                for (code, template) in &map.other {
                    match template {
                        Some(Got::Str(template)) => {
                            options
                                .messages
                                .insert(code.to_string(), template.to_string());
                        }
                        other => {
                            return Err(format!(
                                "messages.{code}: {}",
                                invalid_type(other.as_ref(), "a string")
                            ))
                        }
                    }
                }
            }
            Some(other) => return Err(format!("messages: {}", invalid_type(Some(other), "a map"))),
        }
        for key in ["legacyUscc", "legacy_uscc"] {
            match object.get(key) {
                None | Some(Got::Null) => {}
                Some(Got::List(items, _)) => {
                    for item in items {
                        match item {
                            Got::Str(code) => options.legacy_uscc.push(code.to_string()),
                            other => {
                                return Err(format!(
                                    "{key}: {}",
                                    invalid_type(Some(other), "a string")
                                ))
                            }
                        }
                    }
                }
                Some(other) => {
                    return Err(format!("{key}: {}", invalid_type(Some(other), "a list")))
                }
            }
        }
        match object.get("catalog") {
            None | Some(Got::Null) => {}
            Some(value @ Got::Object(_)) => {
                options.catalog =
                    Some(Catalog::from_got(value).map_err(|e| format!("catalog: {e}"))?);
            }
            Some(other) => {
                return Err(format!(
                    "catalog: {}",
                    invalid_type(Some(other), "a catalog object")
                ))
            }
        }
        match object.get("holidays") {
            None | Some(Got::Null) => {}
            Some(Got::List(years, _)) => {
                let mut calendar = Calendar::china();
                for (i, year) in years.iter().enumerate() {
                    calendar
                        .load_year_got(year)
                        .map_err(|e| format!("holidays[{i}]: {e}"))?;
                }
                options.calendar = Some(calendar);
            }
            Some(other) => {
                return Err(format!("holidays: {}", invalid_type(Some(other), "a list")))
            }
        }
        match object.get("programme") {
            None | Some(Got::Null) => {}
            Some(value @ Got::Object(_)) => {
                options.programme = Some(options.read_programme(value)?);
            }
            Some(other) => {
                return Err(format!(
                    "programme: {}",
                    invalid_type(Some(other), "a programme object")
                ))
            }
        }
        Ok(options)
    }

    /// Reads a programme given as JSON text (a file the command line names)
    /// into the options, checked with their legacy codes; the error, like
    /// every error of the options, begins `options: programme: ` and names
    /// the first error finding (`key_enterprises[2]: uscc_checksum`).
    pub fn with_programme_json(mut self, text: &str) -> Result<Options, String> {
        let prepared = input::prepare(text);
        let mut report = Report::new();
        let got = input::parse(&prepared, &PROGRAMME, &mut report);
        let programme = match got {
            Some(got) if report.is_valid() => self.read_programme(&got),
            _ => Err(format!("programme: {}", first_error(&report))),
        }
        .map_err(|e| format!("options: {e}"))?;
        self.programme = Some(programme);
        Ok(self)
    }

    /// Checks a programme read by the options' reader: refused with its
    /// first error; its warnings do not matter here.
    fn read_programme(&self, value: &Got<'_>) -> Result<Programme, String> {
        let policy = self.policy();
        // Nothing of a programme is compared with today or counted in working days.
        let calendar = Calendar::weekends_only();
        let context =
            Context::new(self.catalog(), chrono::NaiveDate::MIN).with_uscc_policy(&policy);
        let checked = check_programme_got(value, &OutreachContext::new(context, &calendar));
        checked
            .record
            .ok_or_else(|| format!("programme: {}", first_error(&checked.report)))
    }

    /// Refuses what the types cannot: a language with no catalog.
    pub fn check(&self) -> Result<(), String> {
        match self.lang.as_deref() {
            Some(tag) if Lang::parse(tag).is_none() => {
                Err(format!("options: lang `{tag}` is neither zh-CN nor en"))
            }
            _ => Ok(()),
        }
    }

    /// The working-day calendar: the built-in one, with the `holidays` given.
    pub fn calendar(&self) -> Calendar {
        self.calendar.clone().unwrap_or_else(Calendar::china)
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

    /// The legacy codes as the checks take them.
    pub fn policy(&self) -> UsccPolicy {
        let mut policy = UsccPolicy::default();
        for code in &self.legacy_uscc {
            policy.allow_legacy(code);
        }
        policy
    }

    /// The message catalog with the host's overrides.
    pub fn messages(&self) -> Messages {
        let mut messages = Messages::new();
        messages.override_from(
            self.lang(),
            self.messages.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        );
        messages
    }

    /// A report's findings with messages in the options' language.
    pub fn render(&self, report: &Report) -> Vec<RenderedFinding> {
        self.messages().render_report(self.lang(), report).findings
    }

    /// Runs a check with the options' date, catalog and legacy codes.
    /// Without a usable date, "not in the future" cannot be checked: that is
    /// said as a `date_invalid` finding at `today`.
    pub fn checked<T>(&self, check: impl FnOnce(&Context<'_>) -> Checked<T>) -> Checked<T> {
        let policy = self.policy();
        match self.today.as_deref().and_then(parse_date) {
            Some(today) => check(&Context::new(self.catalog(), today).with_uscc_policy(&policy)),
            None => {
                let mut report = Report::new();
                report.add(Code::DateInvalid, Path::root().key("today"));
                Checked {
                    record: None,
                    report,
                }
            }
        }
    }
}

/// `path: code` of the first error of a report.
fn first_error(report: &Report) -> String {
    report
        .findings()
        .iter()
        .find(|f| f.is_error())
        .map_or_else(String::new, |f| {
            if f.path.is_root() {
                f.code.to_string()
            } else {
                format!("{}: {}", f.path, f.code)
            }
        })
}

fn optional_text(value: Option<&Got<'_>>) -> Result<Option<String>, String> {
    match value {
        None | Some(Got::Null) => Ok(None),
        Some(Got::Str(text)) => Ok(Some(text.to_string())),
        Some(other) => Err(invalid_type(Some(other), "a string")),
    }
}

/// "invalid type: ..., expected ..." as serde says it, without the value
/// (which may be anything a host sent).
fn invalid_type(found: Option<&Got<'_>>, expected: &str) -> String {
    let found = found.map_or("nothing", Got::type_name);
    format!("invalid type: {found}, expected {expected}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_option() {
        let options = Options::from_json(
            r#"{"lang": "en", "today": "2026-11-25", "messages": {"required": "x"}, "legacyUscc": ["a"]}"#,
        )
        .unwrap();
        assert_eq!(options.lang(), Lang::En);
        assert_eq!(options.today.as_deref(), Some("2026-11-25"));
        assert_eq!(options.messages["required"], "x");
        assert_eq!(options.legacy_uscc, ["a"]);
        let alias = Options::from_json(r#"{"legacy_uscc": ["a", "b"], "lang": null}"#).unwrap();
        assert_eq!(alias.legacy_uscc, ["a", "b"]);
        assert_eq!(Options::from_json(" ").unwrap().lang(), Lang::ZhCn);
    }

    #[test]
    fn says_what_is_wrong() {
        for (text, said) in [
            (
                r#"{"nope": 1}"#,
                "unknown field `nope`, expected one of `lang`",
            ),
            (
                r#"{"legacy_uscc": [], "legacyUscc": []}"#,
                "duplicate field `legacyUscc`",
            ),
            (r#"{"lang": 1}"#, "invalid type: number, expected a string"),
            (r#"{"lang": []}"#, "invalid type: array, expected a string"),
            (
                r#"{"messages": []}"#,
                "messages: invalid type: array, expected a map",
            ),
            (
                r#"{"messages": {"a": 1}}"#,
                "messages.a: invalid type: number, expected a string",
            ),
            (
                r#"{"legacyUscc": "x"}"#,
                "legacyUscc: invalid type: string, expected a list",
            ),
            (
                r#"{"legacyUscc": [1]}"#,
                "legacyUscc: invalid type: number, expected a string",
            ),
            (
                r#"{"lang": "en", "lang": "zh-CN"}"#,
                "`lang` is given twice",
            ),
            ("[]", "must be a JSON object"),
            ("{", "EOF while parsing"),
            (r#"{"lang": "fr"}"#, "lang `fr` is neither zh-CN nor en"),
        ] {
            let error = Options::from_json(text).unwrap_err();
            assert!(error.starts_with("options: "), "{error}");
            assert!(error.contains(said), "{text}: {error}");
        }
    }
}
