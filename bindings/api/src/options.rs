//! Reading [`Options`] from a JSON object by hand, with the same answers and
//! the same error texts as serde's derive (`deny_unknown_fields`, `default`,
//! the `legacy_uscc` alias). The derive would add a typed parser and serde's
//! own error formatting (with core's float printer) to the browser bundle.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::Options;

/// Field names as serde lists them in "unknown field" errors.
const EXPECTED: &str =
    "expected one of `lang`, `today`, `messages`, `legacyUscc`, `legacy_uscc`, `catalog`, `holidays`";

impl Options {
    /// Options from the members of a JSON object, in their (sorted) order;
    /// the first problem is the error, as serde reports it.
    pub(crate) fn from_object(object: &Map<String, Value>) -> Result<Options, String> {
        let mut options = Options::default();
        let mut seen = [false; 6];
        for (key, value) in object {
            let (field, name) = match key.as_str() {
                "lang" => (0, "lang"),
                "today" => (1, "today"),
                "messages" => (2, "messages"),
                "legacyUscc" | "legacy_uscc" => (3, "legacyUscc"),
                "catalog" => (4, "catalog"),
                "holidays" => (5, "holidays"),
                other => return Err(format!("unknown field `{other}`, {EXPECTED}")),
            };
            if std::mem::replace(&mut seen[field], true) {
                return Err(format!("duplicate field `{name}`"));
            }
            match field {
                0 => options.lang = optional_text(value)?,
                1 => options.today = optional_text(value)?,
                2 => options.messages = text_map(value)?,
                3 => options.legacy_uscc = text_list(value)?,
                4 => options.catalog = catalog(value)?,
                _ => options.holidays = value_list(value)?,
            }
        }
        Ok(options)
    }
}

/// A district's catalog, read and checked with the rules of `lianjian --catalog FILE`.
fn catalog(value: &Value) -> Result<Option<lianjian::Catalog>, String> {
    match value {
        Value::Null => Ok(None),
        Value::Object(_) => lianjian::Catalog::from_value(value)
            .map(Some)
            .map_err(|e| format!("catalog: {e}")),
        other => Err(invalid_type(other, "a catalog object")),
    }
}

/// The `holidays` list (`null` for none), each entry checked when the options are.
fn value_list(value: &Value) -> Result<Vec<Value>, String> {
    match value {
        Value::Null => Ok(Vec::new()),
        Value::Array(items) => Ok(items.clone()),
        other => Err(format!("holidays: {}", invalid_type(other, "a sequence"))),
    }
}

fn optional_text(value: &Value) -> Result<Option<String>, String> {
    match value {
        Value::Null => Ok(None),
        other => text(other).map(Some),
    }
}

fn text(value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        other => Err(invalid_type(other, "a string")),
    }
}

fn text_map(value: &Value) -> Result<BTreeMap<String, String>, String> {
    let Value::Object(object) = value else {
        return Err(invalid_type(value, "a map"));
    };
    let mut map = BTreeMap::new();
    for (key, value) in object {
        map.insert(key.clone(), text(value)?);
    }
    Ok(map)
}

fn text_list(value: &Value) -> Result<Vec<String>, String> {
    match value {
        Value::Array(items) => items.iter().map(text).collect(),
        other => Err(invalid_type(other, "a sequence")),
    }
}

/// serde_json's "invalid type" text for a value.
fn invalid_type(found: &Value, expected: &str) -> String {
    let found = match found {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("boolean `{b}`"),
        Value::Number(n) if n.is_f64() => format!("floating point `{n}`"),
        Value::Number(n) => format!("integer `{n}`"),
        Value::String(s) => format!("string {s:?}"),
        Value::Array(_) => "sequence".to_owned(),
        Value::Object(_) => "map".to_owned(),
    };
    format!("invalid type: {found}, expected {expected}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What serde's derive answers for the same object (read from a value,
    /// as `Options::from_json` did, so without line and column).
    fn derived(text: &str) -> Result<Options, String> {
        let value: Value = serde_json::from_str(text).unwrap();
        serde_json::from_value::<Options>(value).map_err(|e| e.to_string())
    }

    #[test]
    fn reads_like_the_derive_and_fails_like_it() {
        for text in [
            r#"{}"#,
            r#"{"lang": "en", "today": "2026-11-25", "messages": {"required": "x"}, "legacyUscc": ["a"]}"#,
            r#"{"legacy_uscc": ["a", "b"], "lang": null, "today": null}"#,
            r#"{"nope": 1}"#,
            r#"{"lang": "en", "b": 1, "a": 2}"#,
            r#"{"legacy_uscc": [], "legacyUscc": []}"#,
            r#"{"lang": 1}"#,
            r#"{"lang": -3}"#,
            r#"{"lang": 1.5}"#,
            r#"{"lang": 1e300}"#,
            r#"{"lang": -1.5e-7}"#,
            r#"{"lang": 1E2}"#,
            r#"{"lang": -0}"#,
            r#"{"lang": 12345678901234567890}"#,
            r#"{"lang": true}"#,
            r#"{"lang": []}"#,
            r#"{"lang": {}}"#,
            r#"{"today": "x\"\n\u0007y"}"#,
            r#"{"today": 5, "lang": 7}"#,
            r#"{"messages": null}"#,
            r#"{"messages": []}"#,
            r#"{"messages": "x"}"#,
            r#"{"messages": {"a": 1, "b": null}}"#,
            r#"{"messages": {"a": null}}"#,
            r#"{"legacyUscc": "x"}"#,
            r#"{"legacyUscc": null}"#,
            r#"{"legacyUscc": [1]}"#,
            r#"{"legacyUscc": ["a", null]}"#,
            r#"{"legacyUscc": [{}]}"#,
        ] {
            let value: Value = serde_json::from_str(text).unwrap();
            let by_hand = Options::from_object(value.as_object().unwrap());
            match (by_hand, derived(text)) {
                (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "{text}"),
                (Err(a), Err(b)) => assert_eq!(a, b, "{text}"),
                (a, b) => panic!("{text}: {a:?} / {b:?}"),
            }
        }
    }
}
