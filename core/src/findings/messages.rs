//! Messages: findings rendered in zh-CN or en from catalogs keyed by code.
//!
//! The built-in catalogs live in `core/messages/*.json` (`{"code": "template"}`
//! with `{param}` placeholders). A host may override any text, per language.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Code, Finding, Param, Path, Report, Severity};
use crate::input::builtin::data_file;

/// A language messages can be rendered in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese, the default.
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// English.
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// Every language with a built-in catalog.
    pub const ALL: [Lang; 2] = [Lang::ZhCn, Lang::En];

    /// The BCP 47 tag (`zh-CN`, `en`).
    pub const fn tag(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Reads a language tag leniently: `zh`, `zh-CN`, `zh_Hans`, `en-GB`...
    pub fn parse(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn builtin(self) -> &'static BTreeMap<String, String> {
        static ZH: OnceLock<BTreeMap<String, String>> = OnceLock::new();
        static EN: OnceLock<BTreeMap<String, String>> = OnceLock::new();
        let (cell, source) = match self {
            Lang::ZhCn => (&ZH, data_file!("messages/zh-CN.json")),
            Lang::En => (&EN, data_file!("messages/en.json")),
        };
        // The catalogs are part of the crate and checked by its tests.
        cell.get_or_init(|| {
            let value = crate::input::builtin::parse(source);
            // Inserted one by one: the keys come sorted, and `collect` would
            // add a sort to the bundle.
            let mut templates = BTreeMap::new();
            for (code, text) in crate::input::builtin::entries(&value) {
                if let Some(text) = text.as_str() {
                    templates.insert(code.to_owned(), text.to_owned());
                }
            }
            templates
        })
    }

    fn list_separator(self) -> &'static str {
        match self {
            Lang::ZhCn => "、",
            Lang::En => ", ",
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// The built-in template of a code in a language, if the catalog has one.
pub fn builtin_template(lang: Lang, code: Code) -> Option<&'static str> {
    lang.builtin().get(code.as_str()).map(String::as_str)
}

/// Message templates: the built-in catalogs plus a host's overrides.
#[derive(Debug, Clone, Default)]
pub struct Messages {
    /// At most one per language and code: a short list, searched in order
    /// (a hash map would add its code to the browser bundle).
    overrides: Vec<((Lang, Code), String)>,
}

impl Messages {
    /// The built-in catalogs, without overrides.
    pub fn new() -> Self {
        Messages::default()
    }

    /// Replaces the template of one code in one language.
    pub fn set(&mut self, lang: Lang, code: Code, template: impl Into<String>) -> &mut Self {
        let template = template.into();
        match self
            .overrides
            .iter_mut()
            .find(|(key, _)| *key == (lang, code))
        {
            Some((_, text)) => *text = template,
            None => self.overrides.push(((lang, code), template)),
        }
        self
    }

    /// Replaces templates from a `{"code": "template"}` map; returns the keys
    /// that name no code, so a host learns of its typos.
    pub fn override_from<'a>(
        &mut self,
        lang: Lang,
        templates: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<String> {
        let mut unknown = Vec::new();
        for (key, template) in templates {
            match Code::from_name(key) {
                Some(code) => {
                    self.set(lang, code, template);
                }
                None => unknown.push(key.to_owned()),
            }
        }
        unknown
    }

    /// The template in force for a code.
    pub fn template(&self, lang: Lang, code: Code) -> &str {
        if let Some((_, text)) = self.overrides.iter().find(|(key, _)| *key == (lang, code)) {
            return text;
        }
        builtin_template(lang, code).unwrap_or(code.as_str())
    }

    /// One finding's message, with its `{param}` placeholders filled in.
    pub fn render(&self, lang: Lang, finding: &Finding) -> String {
        fill(self.template(lang, finding.code), lang, &finding.params)
    }

    /// The report in its wire shape, messages in `lang`.
    pub fn render_report(&self, lang: Lang, report: &Report) -> RenderedReport {
        RenderedReport {
            valid: report.is_valid(),
            findings: report
                .findings()
                .iter()
                .map(|finding| RenderedFinding {
                    code: finding.code,
                    severity: finding.severity,
                    path: finding.path.clone(),
                    params: finding.params.clone(),
                    message: self.render(lang, finding),
                })
                .collect(),
        }
    }
}

/// Replaces `{name}` with the parameter's text; unknown names stay as written.
fn fill(template: &str, lang: Lang, params: &BTreeMap<String, Param>) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        match after.find('}') {
            Some(close) if params.contains_key(&after[..close]) => {
                write_param(&mut out, lang, &params[&after[..close]]);
                rest = &after[close + 1..];
            }
            _ => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn write_param(out: &mut String, lang: Lang, param: &Param) {
    match param {
        Param::Int(n) => {
            let _ = write!(out, "{n}");
        }
        Param::Num(n) => {
            let _ = write!(out, "{}", super::Number(*n));
        }
        Param::Text(text) => out.push_str(text),
        Param::List(items) => out.push_str(&items.join(lang.list_separator())),
    }
}

/// A finding as it goes on the wire: with its message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenderedFinding {
    /// What it is about.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// The offending field.
    pub path: Path,
    /// Named values the message quotes.
    pub params: BTreeMap<String, Param>,
    /// The message in the requested language.
    pub message: String,
}

/// A report as it goes on the wire: `{"valid", "findings"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RenderedReport {
    /// False exactly when at least one finding is an error.
    pub valid: bool,
    /// Every finding, in the order found.
    pub findings: Vec<RenderedFinding>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(template: &str) -> Vec<&str> {
        let mut names: Vec<&str> = template
            .split('{')
            .skip(1)
            .filter_map(|part| part.split_once('}').map(|(name, _)| name))
            .collect();
        names.sort_unstable();
        names
    }

    #[test]
    fn every_code_has_a_message_in_every_language() {
        let mut missing = Vec::new();
        for &code in Code::ALL {
            for lang in Lang::ALL {
                match builtin_template(lang, code) {
                    Some(text) if !text.trim().is_empty() => {}
                    _ => missing.push(format!("{lang}: {code}")),
                }
            }
        }
        assert!(missing.is_empty(), "codes without a message: {missing:?}");
    }

    /// A suggested check character turns a typo in the middle of a code
    /// into a valid but wrong code: people are asked to compare the code
    /// with the business licence instead (`expected` stays for machines).
    #[test]
    fn messages_never_suggest_a_check_character() {
        for lang in Lang::ALL {
            for code in [Code::UsccChecksum, Code::UsccOrgCodeChecksum] {
                let text = builtin_template(lang, code).unwrap_or_default();
                assert!(
                    !text.contains("{expected}"),
                    "{lang}: {code} suggests a character"
                );
                assert!(
                    text.contains("营业执照") || text.contains("business licence"),
                    "{lang}: {code}"
                );
            }
        }
    }

    #[test]
    fn catalogs_name_only_real_codes_and_agree_on_placeholders() {
        for lang in Lang::ALL {
            for key in lang.builtin().keys() {
                assert!(Code::from_name(key).is_some(), "{lang}: stray key {key}");
            }
        }
        for &code in Code::ALL {
            let zh = placeholders(builtin_template(Lang::ZhCn, code).unwrap_or(""));
            let en = placeholders(builtin_template(Lang::En, code).unwrap_or(""));
            assert_eq!(zh, en, "{code}: zh-CN and en quote different parameters");
        }
    }

    #[test]
    fn the_builtin_reader_reads_what_the_typed_reader_reads() {
        for (lang, json) in [
            (Lang::ZhCn, include_str!("../../messages/zh-CN.json")),
            (Lang::En, include_str!("../../messages/en.json")),
        ] {
            let typed: BTreeMap<String, String> = serde_json::from_str(json).unwrap();
            assert_eq!(lang.builtin(), &typed);
        }
    }

    #[test]
    fn renders_params_and_host_overrides() {
        let length = Finding::new(Code::UsccLength, Path::root().key("uscc")).with("length", 16u32);
        let messages = Messages::new();
        assert!(messages.render(Lang::ZhCn, &length).contains("16"));
        assert!(messages.render(Lang::En, &length).contains("16"));
        // The built-in message keeps the check character to itself; a host
        // may quote the parameter in its own (the mechanism is the same).
        let finding =
            Finding::new(Code::UsccChecksum, Path::root().key("uscc")).with("expected", 'X');
        assert!(!messages.render(Lang::En, &finding).contains('X'));

        let mut custom = Messages::new();
        let unknown = custom.override_from(
            Lang::En,
            [
                ("uscc_checksum", "Check digit should be {expected}."),
                ("nope", "x"),
            ],
        );
        assert_eq!(unknown, vec!["nope".to_owned()]);
        assert_eq!(
            custom.render(Lang::En, &finding),
            "Check digit should be X."
        );
        assert_eq!(
            custom.render(Lang::ZhCn, &finding),
            messages.render(Lang::ZhCn, &finding)
        );
    }

    #[test]
    fn fill_leaves_unknown_placeholders_and_joins_lists() {
        let mut params = BTreeMap::new();
        params.insert("list".to_owned(), Param::List(vec!["a".into(), "b".into()]));
        assert_eq!(
            fill("{list} {other} {", Lang::En, &params),
            "a, b {other} {"
        );
        assert_eq!(fill("{list}", Lang::ZhCn, &params), "a、b");
    }

    #[test]
    fn parses_language_tags() {
        assert_eq!(Lang::parse("zh-CN"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("zh_Hans"), Some(Lang::ZhCn));
        assert_eq!(Lang::parse("EN-gb"), Some(Lang::En));
        assert_eq!(Lang::parse("fr"), None);
    }
}
