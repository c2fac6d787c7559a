//! Reading the data files built into the crate (catalog, dictionary,
//! message templates) as plain JSON values.
//!
//! serde's typed deserialization would add one parser per record type to
//! the browser bundle, plus its error texts; the built-in files are fixed
//! and checked by tests against the typed readers (`from_json`), so reading
//! them through the record parser and these small accessors is enough.

use serde_json::Value;

/// Embeds a built-in data file (a path relative to the crate root) in the
/// compact form `build.rs` writes: the same JSON without layout whitespace.
macro_rules! data_file {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $path))
    };
}
pub(crate) use data_file;

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

#[cfg(test)]
mod tests {
    /// Each embedded copy reads as the same JSON as its readable source.
    #[test]
    fn compact_copies_equal_their_sources() {
        let pairs = [
            (
                data_file!("catalog/yantian.json"),
                include_str!("../../catalog/yantian.json"),
            ),
            (
                data_file!("catalog/topics.json"),
                include_str!("../../catalog/topics.json"),
            ),
            (
                data_file!("catalog/holidays/2025.json"),
                include_str!("../../catalog/holidays/2025.json"),
            ),
            (
                data_file!("catalog/holidays/2026.json"),
                include_str!("../../catalog/holidays/2026.json"),
            ),
            (
                data_file!("messages/zh-CN.json"),
                include_str!("../../messages/zh-CN.json"),
            ),
            (
                data_file!("messages/en.json"),
                include_str!("../../messages/en.json"),
            ),
        ];
        for (compact, source) in pairs {
            assert!(compact.len() < source.len());
            assert!(!compact.contains('\n'));
            let (compact, no_duplicates) = super::super::strict::parse(compact).unwrap();
            assert!(no_duplicates.is_empty());
            assert_eq!(compact, super::super::strict::parse(source).unwrap().0);
        }
    }
}
