//! Reading raw JSON input field by field, collecting findings on the way.
//!
//! Forms send what people typed: strings where numbers are meant, blanks,
//! nulls, extra keys. The text is read once ([`capture`]) into the values a
//! record's [`Schema`] declares; the [`Fields`] reader then hands out typed
//! values and records a finding for every key that is of the wrong type,
//! missing when required, or unknown — never stopping at the first.

pub mod builtin;
pub mod capture;
pub mod limits;

use std::borrow::Cow;

pub use capture::{Got, Kind, Obj, Schema};

use crate::findings::{Code, Finding, Param, Path, Report};
use crate::ident::has_invalid_characters;

/// The text a record is read from: without a byte-order mark (editors on
/// Windows add one), lone surrogate escapes written as non-characters.
pub fn prepare(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    lone_surrogates_as_noncharacters(text)
}

/// Reads prepared JSON text by `schema`; malformed text becomes an
/// `invalid_json` finding, and a key given twice in one object a
/// `duplicate_key` finding at its path (a plain parser would keep the last
/// one silently).
pub fn parse<'a>(text: &'a str, schema: &'static Schema, report: &mut Report) -> Option<Got<'a>> {
    match capture::capture(text, schema) {
        Ok((got, twice)) => {
            for path in twice {
                report.add(Code::DuplicateKey, path);
            }
            Some(got)
        }
        Err(e) => {
            report.push(
                Finding::new(Code::InvalidJson, Path::root())
                    .with("line", e.line())
                    .with("column", e.column()),
            );
            None
        }
    }
}

/// JSON text with every lone surrogate escape (`\ud83d` without its pair:
/// what a browser sends when text is cut inside an emoji) written as
/// `\uffff`, a non-character of the same length. A surrogate encodes no
/// character, and a plain JSON parser refuses the whole record for it; read
/// as U+FFFF, it is refused by the text checks as `invalid_characters` at its
/// field's path, and every other field is still checked. Positions in the
/// text do not move. Text without a `\u` escape is returned as it is.
fn lone_surrogates_as_noncharacters(text: &str) -> Cow<'_, str> {
    // Most records hold no escape at all: one fast search says so.
    if !text.contains('\\') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let hex = |at: usize| -> Option<u16> {
        let digits = bytes.get(at..at + 4)?;
        let digits = std::str::from_utf8(digits).ok()?;
        u16::from_str_radix(digits, 16).ok()
    };
    // `\u` at `at` followed by four hex digits: the code unit.
    let unit = |at: usize| -> Option<u16> {
        (bytes.get(at) == Some(&b'\\') && bytes.get(at + 1) == Some(&b'u'))
            .then(|| hex(at + 2))
            .flatten()
    };
    let mut lone = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        match unit(i) {
            Some(0xD800..=0xDBFF) => match unit(i + 6) {
                Some(0xDC00..=0xDFFF) => i += 12,
                _ => {
                    lone.push(i);
                    i += 6;
                }
            },
            Some(0xDC00..=0xDFFF) => {
                lone.push(i);
                i += 6;
            }
            Some(_) => i += 6,
            // Any other escape is two characters (`\\`, `\"`, `\n`, ...).
            None => i += 2,
        }
    }
    if lone.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut fixed = text.to_owned();
    for at in lone {
        fixed.replace_range(at + 2..at + 6, "ffff");
    }
    Cow::Owned(fixed)
}

/// Reads the keys of one JSON object.
pub struct Fields<'a> {
    object: &'a Obj<'a>,
    path: Path,
}

impl<'a> Fields<'a> {
    /// Opens `value` as an object of its schema's keys; each other key is an
    /// `unknown_field` finding (in the order of the keys' text, as a sorted
    /// map would give them), anything but an object a `wrong_type` finding
    /// that yields `None`.
    pub fn open(value: &'a Got<'a>, path: Path, report: &mut Report) -> Option<Self> {
        match value {
            Got::Object(object) => {
                let mut other: Vec<&str> = object.other.iter().map(|(k, _)| k.as_ref()).collect();
                crate::order::sort_by(&mut other, |a, b| a.cmp(b));
                for key in other {
                    // A key is quoted back, but never more than 64 characters of it.
                    let shown: String = if key.chars().count() > 64 {
                        key.chars().take(63).chain(['…']).collect()
                    } else {
                        key.to_owned()
                    };
                    report.push(
                        Finding::new(Code::UnknownField, path.key(shown.clone()))
                            .with("field", shown),
                    );
                }
                Some(Fields { object, path })
            }
            other => {
                report.push(wrong_type(&path, "object", other));
                None
            }
        }
    }

    /// The path of a key of this object.
    pub fn path(&self, key: &'static str) -> Path {
        debug_assert!(
            self.object.schema.position(key).is_some(),
            "{key} is not declared"
        );
        self.path.key(key)
    }

    /// The value of a key; `None` when absent or null.
    pub fn raw(&self, key: &'static str) -> Option<&'a Got<'a>> {
        self.object.get(key).filter(|v| !matches!(v, Got::Null))
    }

    /// A trimmed, non-blank single-line string. Blank counts as absent.
    pub fn text(&self, key: &'static str, required: bool, report: &mut Report) -> Option<String> {
        self.text_in(key, required, false, report)
    }

    /// Like [`Fields::text`], allowing line breaks and tabs (a description).
    pub fn multiline_text(
        &self,
        key: &'static str,
        required: bool,
        report: &mut Report,
    ) -> Option<String> {
        self.text_in(key, required, true, report)
    }

    fn text_in(
        &self,
        key: &'static str,
        required: bool,
        multiline: bool,
        report: &mut Report,
    ) -> Option<String> {
        match self.raw(key) {
            None => self.missing(key, required, report),
            Some(Got::Str(s)) => {
                let trimmed = s.trim();
                if trimmed.is_empty() {
                    return self.missing(key, required, report);
                }
                if has_invalid_characters(trimmed, multiline) {
                    report.add(Code::InvalidCharacters, self.path(key));
                    return None;
                }
                Some(trimmed.to_owned())
            }
            Some(other) => {
                report.push(wrong_type(&self.path(key), "string", other));
                None
            }
        }
    }

    /// A whole number, from a JSON number or a numeric string (`"180"`).
    pub fn integer(&self, key: &'static str, required: bool, report: &mut Report) -> Option<i64> {
        let value = self.raw(key);
        let number = match value {
            None => return self.missing(key, required, report),
            Some(Got::Str(s)) if s.trim().is_empty() => return self.missing(key, required, report),
            Some(Got::Number(n)) => n.as_i64().or_else(|| {
                let f = n.as_f64();
                (f.fract() == 0.0).then(|| saturate(f))
            }),
            Some(Got::Str(s)) => s
                .trim()
                .parse::<f64>()
                .ok()
                .filter(|f| f.is_finite() && f.fract() == 0.0)
                .map(saturate),
            Some(_) => None,
        };
        if number.is_none() {
            if let Some(value) = value {
                report.push(wrong_type(&self.path(key), "integer", value));
            }
        }
        number
    }

    /// A finite number, from a JSON number or a numeric string (`"12000.5"`).
    pub fn number(&self, key: &'static str, required: bool, report: &mut Report) -> Option<f64> {
        let value = self.raw(key);
        let number = match value {
            None => return self.missing(key, required, report),
            Some(Got::Str(s)) if s.trim().is_empty() => return self.missing(key, required, report),
            Some(Got::Number(n)) => Some(n.as_f64()),
            Some(Got::Str(s)) => numeric(s),
            Some(_) => None,
        }
        .filter(|f| f.is_finite());
        if number.is_none() {
            if let Some(value) = value {
                report.push(wrong_type(&self.path(key), "number", value));
            }
        }
        number
    }

    /// A boolean (`true`/`false`, or the strings a checkbox may send).
    pub fn boolean(&self, key: &'static str, required: bool, report: &mut Report) -> Option<bool> {
        match self.raw(key) {
            None => self.missing(key, required, report),
            Some(Got::Bool(b)) => Some(*b),
            Some(Got::Str(s)) if s == "true" || s == "on" => Some(true),
            Some(Got::Str(s)) if s == "false" => Some(false),
            Some(other) => {
                report.push(wrong_type(&self.path(key), "boolean", other));
                None
            }
        }
    }

    /// One of a fixed set of wire names, matched exactly (a form's select
    /// sends exactly one of them; `" own "` is not `own`).
    pub fn choice<T: Copy>(
        &self,
        key: &'static str,
        options: &[(&'static str, T)],
        required: bool,
        report: &mut Report,
    ) -> Option<T> {
        let text = match self.raw(key) {
            Some(Got::Str(s)) if !s.trim().is_empty() => s.as_ref(),
            _ => return self.text(key, required, report).and(None),
        };
        match options.iter().find(|(name, _)| *name == text) {
            Some((_, value)) => Some(*value),
            None => {
                let allowed: Vec<String> =
                    options.iter().map(|(name, _)| (*name).to_owned()).collect();
                report.push(
                    Finding::new(Code::InvalidOption, self.path(key)).with("allowed", allowed),
                );
                None
            }
        }
    }

    /// A list of non-blank strings; each bad item is a finding at its index and
    /// is left out. Duplicates are warned about and left out. A list longer
    /// than `max` is a `too_many_items` finding and is not read at all (so a
    /// hostile list costs nothing).
    pub fn text_list(
        &self,
        key: &'static str,
        required: bool,
        max: usize,
        report: &mut Report,
    ) -> Option<Vec<String>> {
        let items = match self.raw(key) {
            None => return self.missing(key, required, report),
            Some(Got::List(_, count)) if *count > max => {
                report.push(Finding::new(Code::TooManyItems, self.path(key)).with("max", max));
                return None;
            }
            Some(Got::List(items, _)) => items,
            Some(other) => {
                report.push(wrong_type(&self.path(key), "array", other));
                return None;
            }
        };
        let mut out: Vec<String> = Vec::with_capacity(items.len());
        // Lists are short (`max`): a linear search keeps a hash map out of
        // the browser bundle.
        let mut first_index: Vec<(&str, usize)> = Vec::new();
        // A path is built only for a finding.
        let path = |i: usize| self.path(key).index(i);
        for (i, item) in items.iter().enumerate() {
            match item {
                Got::Str(s) if s.trim().is_empty() => report.add(Code::Required, path(i)),
                Got::Str(s) if has_invalid_characters(s, false) => {
                    report.add(Code::InvalidCharacters, path(i))
                }
                Got::Str(s) => {
                    let s = s.trim();
                    match first_index.iter().find(|(seen, _)| *seen == s) {
                        Some(&(_, first)) => report.push(
                            Finding::new(Code::DuplicateValue, path(i)).with("first", first + 1),
                        ),
                        None => {
                            first_index.push((s, i));
                            out.push(s.to_owned());
                        }
                    }
                }
                other => report.push(wrong_type(&path(i), "string", other)),
            }
        }
        Some(out)
    }

    /// A list of objects, each opened with its own keys; items that are not
    /// objects are findings at their index and left out.
    pub fn objects(
        &self,
        key: &'static str,
        max: usize,
        report: &mut Report,
    ) -> Option<Vec<Fields<'a>>> {
        match self.raw(key)? {
            Got::List(_, count) if *count > max => {
                report.push(Finding::new(Code::TooManyItems, self.path(key)).with("max", max));
                None
            }
            Got::List(items, _) => Some(
                items
                    .iter()
                    .enumerate()
                    .filter_map(|(i, item)| Fields::open(item, self.path(key).index(i), report))
                    .collect(),
            ),
            other => {
                report.push(wrong_type(&self.path(key), "array", other));
                None
            }
        }
    }

    /// A nested object, opened with its own keys.
    pub fn object(
        &self,
        key: &'static str,
        required: bool,
        report: &mut Report,
    ) -> Option<Fields<'a>> {
        match self.raw(key) {
            None => self.missing(key, required, report),
            Some(value) => Fields::open(value, self.path(key), report),
        }
    }

    /// The path of this object.
    pub fn at(&self) -> &Path {
        &self.path
    }

    /// [`Fields::text`] (or [`Fields::multiline_text`]) of `min..=max`
    /// characters: shorter is `too_short` (`min`), longer `too_long` (`max`),
    /// as the `validator` rules of the older records say it; either yields `None`.
    pub fn text_within(
        &self,
        key: &'static str,
        required: bool,
        multiline: bool,
        (min, max): (u64, u64),
        report: &mut Report,
    ) -> Option<String> {
        let text = self.text_in(key, required, multiline, report)?;
        let length = text.chars().count() as u64;
        if length < min {
            report.push(Finding::new(Code::TooShort, self.path(key)).with("min", min));
            return None;
        }
        if length > max {
            report.push(Finding::new(Code::TooLong, self.path(key)).with("max", max));
            return None;
        }
        Some(text)
    }

    /// [`Fields::integer`] within `min..=max` (`out_of_range` otherwise, and `None`).
    pub fn integer_within(
        &self,
        key: &'static str,
        required: bool,
        (min, max): (i64, i64),
        report: &mut Report,
    ) -> Option<i64> {
        let value = self.integer(key, required, report)?;
        if !(min..=max).contains(&value) {
            report.push(out_of_range(self.path(key), min as f64, max as f64));
            return None;
        }
        Some(value)
    }

    /// [`Fields::number`] within `min..=max` (`out_of_range` otherwise, and `None`).
    pub fn number_within(
        &self,
        key: &'static str,
        required: bool,
        (min, max): (f64, f64),
        report: &mut Report,
    ) -> Option<f64> {
        let value = self.number(key, required, report)?;
        if !(min..=max).contains(&value) {
            report.push(out_of_range(self.path(key), min, max));
            return None;
        }
        Some(value)
    }

    fn missing<T>(&self, key: &'static str, required: bool, report: &mut Report) -> Option<T> {
        if required {
            report.add(Code::Required, self.path(key));
        }
        None
    }
}

/// A number typed as text: `12000.5`, `12,000.5` (thousands separators as
/// spreadsheets write them). Only finite values.
fn numeric(text: &str) -> Option<f64> {
    let text = text.trim();
    let plain: String = if text.contains(',') {
        // Commas only between digit groups of three: `1,234,567.5`.
        let (int, frac) = text
            .split_once('.')
            .map_or((text, None), |(i, f)| (i, Some(f)));
        let mut groups = int.trim_start_matches('-').split(',');
        let first_ok = groups.next().is_some_and(|g| (1..=3).contains(&g.len()));
        if !first_ok || !groups.all(|g| g.len() == 3) {
            return None;
        }
        let mut plain = int.replace(',', "");
        if let Some(frac) = frac {
            plain.push('.');
            plain.push_str(frac);
        }
        plain
    } else {
        text.to_owned()
    };
    plain.parse::<f64>().ok().filter(|f| f.is_finite())
}

/// `out_of_range` with its bounds, whole numbers as integers (as the
/// `validator` rules write them).
fn out_of_range(path: Path, min: f64, max: f64) -> Finding {
    let bound = |n: f64| {
        if n.fract() == 0.0 && n.abs() < 9_007_199_254_740_992.0 {
            Param::Int(n as i64)
        } else {
            Param::Num(n)
        }
    };
    Finding::new(Code::OutOfRange, path)
        .with("min", bound(min))
        .with("max", bound(max))
}

fn saturate(f: f64) -> i64 {
    // `as` saturates at the bounds, which the range rules then report.
    f as i64
}

fn wrong_type(path: &Path, expected: &'static str, found: &Got<'_>) -> Finding {
    Finding::new(Code::WrongType, path.clone())
        .with("expected", expected)
        .with("found", found.type_name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lone_surrogates_become_noncharacters_and_pairs_stay() {
        let cases = [
            (r#"{"t": "a\ud83d"}"#, r#"{"t": "a\uffff"}"#),
            (r#"{"t": "\ude00b"}"#, r#"{"t": "\uffffb"}"#),
            (r#"{"t": "\ud83d\ude00"}"#, r#"{"t": "\ud83d\ude00"}"#),
            (
                r#"{"t": "\ud83d\ud83d\ude00"}"#,
                r#"{"t": "\uffff\ud83d\ude00"}"#,
            ),
            (r#"{"\udc00": 1}"#, r#"{"\uffff": 1}"#),
            (r#"{"t": "\\ud83d"}"#, r#"{"t": "\\ud83d"}"#),
            (r#"{"t": "\u00e9\"\ud83d"}"#, r#"{"t": "\u00e9\"\uffff"}"#),
            (r#"{"t": "\ud83"}"#, r#"{"t": "\ud83"}"#),
            ("\\", "\\"),
            ("\\u", "\\u"),
        ];
        for (input, expected) in cases {
            assert_eq!(lone_surrogates_as_noncharacters(input), expected, "{input}");
        }
        static T: Schema = Schema {
            fields: &[("t", Kind::Scalar)],
        };
        let mut report = Report::new();
        let text = prepare(r#"{"t": "cut \ud83d"}"#);
        let Some(Got::Object(value)) = parse(&text, &T, &mut report) else {
            panic!()
        };
        assert!(report.is_empty());
        assert!(has_invalid_characters(
            value.get("t").and_then(Got::as_str).unwrap(),
            false
        ));
    }

    fn codes(report: &Report) -> Vec<(String, Code)> {
        report
            .findings()
            .iter()
            .map(|f| (f.path.to_string(), f.code))
            .collect()
    }

    #[test]
    fn reads_typed_values_and_records_every_problem() {
        static SCHEMA: Schema = Schema {
            fields: &[
                ("a", Kind::Scalar),
                ("b", Kind::Scalar),
                ("c", Kind::Scalar),
                ("d", Kind::Scalars { max: 10 }),
                ("e", Kind::Scalar),
                ("f", Kind::Scalar),
                ("g", Kind::Scalar),
            ],
        };
        let mut report = Report::new();
        let value = parse(
            r#"{"a": " x ", "b": "180", "c": 1.5, "d": [ "p", "", 3, "p" ], "e": "on", "zz": 1, "f": "  "}"#,
            &SCHEMA,
            &mut report,
        )
        .unwrap();
        let fields = Fields::open(&value, Path::root(), &mut report).unwrap();
        assert_eq!(fields.text("a", true, &mut report).as_deref(), Some("x"));
        assert_eq!(fields.integer("b", true, &mut report), Some(180));
        assert_eq!(fields.integer("c", true, &mut report), None);
        assert_eq!(fields.number("c", true, &mut report), Some(1.5));
        assert_eq!(
            fields.text_list("d", true, 10, &mut report),
            Some(vec!["p".to_owned()])
        );
        assert_eq!(fields.boolean("e", true, &mut report), Some(true));
        assert_eq!(fields.text("f", true, &mut report), None);
        assert_eq!(fields.text("g", false, &mut report), None);
        assert_eq!(
            codes(&report),
            [
                ("zz".to_owned(), Code::UnknownField),
                ("c".to_owned(), Code::WrongType),
                ("d[1]".to_owned(), Code::Required),
                ("d[2]".to_owned(), Code::WrongType),
                ("d[3]".to_owned(), Code::DuplicateValue),
                ("f".to_owned(), Code::Required),
            ]
        );
    }

    #[test]
    fn numbers_typed_as_text() {
        assert_eq!(numeric(" 12,000.5 "), Some(12000.5));
        assert_eq!(numeric("1,234,567"), Some(1_234_567.0));
        assert_eq!(numeric("-3"), Some(-3.0));
        for bad in ["1,23", "12,0000", ",100", "abc", "inf", "NaN", ""] {
            assert_eq!(numeric(bad), None, "{bad}");
        }
    }

    #[test]
    fn malformed_json_is_a_finding() {
        let mut report = Report::new();
        static EMPTY: Schema = Schema { fields: &[] };
        assert!(parse("{\"a\": ", &EMPTY, &mut report).is_none());
        assert!(report.has(Code::InvalidJson));
        assert!(!report.is_valid());
    }
}
