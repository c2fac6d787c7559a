//! Reading the data files built into the crate (catalog, dictionary,
//! message templates) as plain JSON values.
//!
//! serde's typed deserialization would add one parser per record type to
//! the browser bundle, plus its error texts; the built-in files are fixed
//! and checked by tests against the typed readers (`from_json`), so reading
//! them through the record parser and these small accessors is enough.

use serde_json::Value;

/// The value of a built-in JSON file (`null` if it were malformed, which the
/// tests rule out).
pub fn parse(text: &str) -> Value {
    super::strict::parse(text).map_or(Value::Null, |(value, _)| value)
}

/// A string member (empty when absent).
pub fn text(value: &Value, key: &str) -> String {
    value
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// An array member (empty when absent).
pub fn list<'a>(value: &'a Value, key: &str) -> &'a [Value] {
    value
        .get(key)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// An array of strings (empty when absent).
pub fn texts(value: &Value, key: &str) -> Vec<String> {
    list(value, key)
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect()
}

/// The members of an object (none when `value` is not an object).
pub fn entries(value: &Value) -> impl Iterator<Item = (&String, &Value)> {
    value.as_object().into_iter().flatten()
}
