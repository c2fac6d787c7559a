//! A JSON reader that notices keys given twice in one object.
//!
//! `serde_json::Value` keeps the last of two equal keys without a word; a
//! form or a hostile client could hide a value that way. This reader builds
//! the same `Value` (serde_json's own parser, with its nesting limit) and
//! also returns the path of every repeated key.

use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::findings::Path;

/// Parses `text`, returning the value and the paths of repeated keys.
pub fn parse(text: &str) -> Result<(Value, Vec<Path>), serde_json::Error> {
    let mut duplicates = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value = Node {
        trail: &Trail::Root,
        duplicates: &mut duplicates,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok((value, duplicates))
}

/// Where a value sits, as a chain of borrowed steps on the stack: a [`Path`]
/// is built only for a repeated key, so reading costs no allocation per key.
enum Trail<'p> {
    Root,
    Key(&'p Trail<'p>, &'p str),
    Index(&'p Trail<'p>, usize),
}

impl Trail<'_> {
    fn path(&self) -> Path {
        match self {
            Trail::Root => Path::root(),
            Trail::Key(parent, key) => parent.path().key((*key).to_owned()),
            Trail::Index(parent, index) => parent.path().index(*index),
        }
    }
}

/// One value at a place, collecting repeated keys below it.
struct Node<'a, 'p> {
    trail: &'p Trail<'p>,
    duplicates: &'a mut Vec<Path>,
}

impl<'de> DeserializeSeed<'de> for Node<'_, '_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Node<'_, '_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("number out of range"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let trail = Trail::Index(self.trail, items.len());
            let node = Node {
                trail: &trail,
                duplicates: &mut *self.duplicates,
            };
            match seq.next_element_seed(node)? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let trail = Trail::Key(self.trail, &key);
            let value = map.next_value_seed(Node {
                trail: &trail,
                duplicates: &mut *self.duplicates,
            })?;
            if object.contains_key(&key) {
                self.duplicates.push(trail.path());
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_repeated_keys_at_any_depth_and_keeps_the_last() {
        let (value, duplicates) =
            parse(r#"{"a": 1, "b": {"c": [ {"d": 1, "d": 2} ]}, "a": 3}"#).unwrap();
        assert_eq!(value["a"], 3);
        assert_eq!(value["b"]["c"][0]["d"], 2);
        let shown: Vec<String> = duplicates.iter().map(ToString::to_string).collect();
        assert_eq!(shown, ["b.c[0].d", "a"]);
    }

    #[test]
    fn reads_like_serde_json_otherwise() {
        let text = r#"[1, -2, 3.5, 1e300, "x", null, true, {"k": []}]"#;
        let (value, duplicates) = parse(text).unwrap();
        assert!(duplicates.is_empty());
        assert_eq!(value, serde_json::from_str::<Value>(text).unwrap());
        assert!(parse("1e999").is_err(), "out of range, as serde_json says");
        assert!(parse("{} x").is_err(), "trailing characters");
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        assert!(
            parse(&deep).is_err(),
            "the nesting limit holds: no stack overflow"
        );
    }
}
