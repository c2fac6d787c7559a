//! Reading the data files built into the crate (catalog, dictionary,
//! message templates, holiday tables) as plain JSON values.
//!
//! serde's typed deserialization would add one parser per record type to
//! the browser bundle, plus its error texts; the built-in files are fixed
//! and checked by tests against the typed readers (`from_json`), so reading
//! them through the record reader and these small accessors is enough.

use super::capture::{capture, Got, ANY};

/// Embeds a built-in data file (a path relative to the crate root) in the
/// compact form `build.rs` writes: the same JSON without layout whitespace.
macro_rules! data_file {
    ($path:literal) => {
        include_str!(concat!(env!("OUT_DIR"), "/", $path))
    };
}
pub(crate) use data_file;

/// The value of a built-in JSON file (`null` if it were malformed, which the
/// tests rule out), every object kept whole.
pub fn parse(text: &str) -> Got<'_> {
    capture(text, &ANY).map_or(Got::Null, |(value, _)| value)
}

static NULL: Got<'static> = Got::Null;

/// A member of an object (`null` when absent or not an object).
pub fn member<'v, 'a>(value: &'v Got<'a>, key: &str) -> &'v Got<'a> {
    match value {
        Got::Object(object) => object
            .other
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.as_ref())
            .unwrap_or(&NULL),
        _ => &NULL,
    }
}

/// A string member (empty when absent).
pub fn text(value: &Got<'_>, key: &str) -> String {
    member(value, key).as_str().unwrap_or_default().to_owned()
}

/// An array member (empty when absent).
pub fn list<'v, 'a>(value: &'v Got<'a>, key: &str) -> &'v [Got<'a>] {
    match member(value, key) {
        Got::List(items, _) => items,
        _ => &[],
    }
}

/// An array of strings (empty when absent).
pub fn texts(value: &Got<'_>, key: &str) -> Vec<String> {
    list(value, key)
        .iter()
        .filter_map(Got::as_str)
        .map(str::to_owned)
        .collect()
}

/// The members of an object, in the order of the text (none when `value` is
/// not an object).
pub fn entries<'v, 'a>(value: &'v Got<'a>) -> impl Iterator<Item = (&'v str, &'v Got<'a>)> {
    let members = match value {
        Got::Object(object) => object.other.as_slice(),
        _ => &[],
    };
    members
        .iter()
        .filter_map(|(k, v)| Some((k.as_ref(), v.as_ref()?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each embedded copy reads as the same JSON as its readable source.
    #[test]
    fn compact_copies_equal_their_sources() {
        let pairs = [
            (
                data_file!("catalog/yantian.json"),
                include_str!("../../catalog/yantian.json"),
            ),
            (
                data_file!("catalog/activities.json"),
                include_str!("../../catalog/activities.json"),
            ),
            (
                data_file!("catalog/topics.json"),
                include_str!("../../catalog/topics.json"),
            ),
            (
                data_file!("catalog/services.json"),
                include_str!("../../catalog/services.json"),
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
                data_file!("catalog/holidays/lunar.json"),
                include_str!("../../catalog/holidays/lunar.json"),
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
            let (compact, no_duplicates) = capture(compact, &ANY).unwrap();
            assert!(no_duplicates.is_empty());
            assert_eq!(compact, capture(source, &ANY).unwrap().0);
        }
    }
}
