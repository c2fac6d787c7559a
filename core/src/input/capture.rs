//! Reading JSON text in one pass, keeping only what a record declares.
//!
//! A record's [`Schema`] names its keys and what each takes. The text is read
//! once, with serde_json's own parser (so syntax errors, numbers and the
//! nesting limit are exactly serde_json's), and each declared value is kept:
//! strings borrowed from the text where no escape forces a copy, numbers as
//! serde_json reads them, nested objects and lists by their own schema. Values
//! of undeclared keys, and values of a type a key does not take, are walked
//! and dropped (their type name is kept). A key given twice in one object, at
//! any depth, is recorded with its path; the later value is the one kept, as
//! serde_json's `Value` would keep it.
//!
//! Nothing here judges a record: [`super::Fields`] reads the kept values and
//! records the findings, in the order the record's reader asks for them.

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::findings::Path;

/// The keys of a JSON object and what each takes, in the order of the form
/// (findings are sorted by it).
#[derive(Debug)]
pub struct Schema {
    /// `(key, kind)`, at most 64.
    pub fields: &'static [(&'static str, Kind)],
}

impl Schema {
    /// The position of `key`, if declared.
    pub fn position(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|(k, _)| *k == key)
    }
}

/// An object whose every key is kept, whatever it is (the message overrides
/// of the options, a district catalog).
pub static ANY: Schema = Schema { fields: &[] };

/// What a declared key takes. Scalars (strings, numbers, booleans, null) are
/// always kept as they are, whatever the kind, so that a reader can name the
/// type it found.
#[derive(Debug)]
pub enum Kind {
    /// A scalar.
    Scalar,
    /// A list of scalars; the first `max` items are kept, the rest counted.
    Scalars {
        /// Items kept at most.
        max: usize,
    },
    /// An object of the schema's keys.
    Object(&'static Schema),
    /// A list of such objects; the first `max` kept, the rest counted.
    Objects {
        /// The items' keys.
        schema: &'static Schema,
        /// Items kept at most.
        max: usize,
    },
    /// Any value, kept whole (objects of [`ANY`]).
    Any,
}

/// A JSON number as serde_json reads it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Num {
    /// A non-negative integer.
    U(u64),
    /// A negative integer.
    I(i64),
    /// Anything else.
    F(f64),
}

impl Num {
    /// As `serde_json::Number::as_i64`.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Num::U(u) => i64::try_from(u).ok(),
            Num::I(i) => Some(i),
            Num::F(_) => None,
        }
    }

    /// As `serde_json::Number::as_f64`.
    pub fn as_f64(self) -> f64 {
        match self {
            Num::U(u) => u as f64,
            Num::I(i) => i as f64,
            Num::F(f) => f,
        }
    }
}

/// A value as kept.
#[derive(Debug, Clone, PartialEq)]
pub enum Got<'a> {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Num),
    /// A string, borrowed from the text when it holds no escape.
    Str(Cow<'a, str>),
    /// A list: the items kept, and how many there were.
    List(Vec<Got<'a>>, usize),
    /// An object.
    Object(Obj<'a>),
    /// A list or object where the key takes something else: only its type
    /// name (`array`, `object`) is kept.
    Other(&'static str),
}

impl Got<'_> {
    /// The JSON type name a finding quotes.
    pub fn type_name(&self) -> &'static str {
        match self {
            Got::Null => "null",
            Got::Bool(_) => "boolean",
            Got::Number(_) => "number",
            Got::Str(_) => "string",
            Got::List(..) => "array",
            Got::Object(_) => "object",
            Got::Other(name) => name,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Got::Str(s) => Some(s),
            _ => None,
        }
    }
}

/// An object as kept: its declared keys' values, and its other keys.
#[derive(Debug, Clone)]
pub struct Obj<'a> {
    /// The keys it was read with.
    pub schema: &'static Schema,
    /// The value of each declared key, by position (none when absent).
    pub known: Vec<Option<Got<'a>>>,
    /// Other keys in the order of the text, each once; with its value for
    /// objects of [`ANY`], none otherwise.
    pub other: Vec<(Cow<'a, str>, Option<Got<'a>>)>,
}

impl PartialEq for Obj<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.schema, other.schema)
            && self.known == other.known
            && self.other == other.other
    }
}

impl<'a> Obj<'a> {
    /// An empty object of `schema` (for records built from other inputs).
    pub fn new(schema: &'static Schema) -> Self {
        Obj {
            schema,
            known: vec![None; schema.fields.len()],
            other: Vec::new(),
        }
    }

    /// The value of a declared key.
    pub fn get(&self, key: &str) -> Option<&Got<'a>> {
        self.known.get(self.schema.position(key)?)?.as_ref()
    }

    /// Sets a declared key (builders of records from other inputs than
    /// JSON text); an undeclared key is ignored.
    pub fn set(&mut self, key: &str, value: Got<'a>) {
        if let Some(at) = self.schema.position(key) {
            self.known[at] = Some(value);
        }
    }

    /// An empty object of the schema a declared key takes (objects and lists
    /// of objects), for builders; [`ANY`] for any other key.
    pub fn child(&self, key: &str) -> Obj<'a> {
        let schema = match self
            .schema
            .position(key)
            .map(|at| &self.schema.fields[at].1)
        {
            Some(Kind::Object(schema) | Kind::Objects { schema, .. }) => schema,
            _ => &ANY,
        };
        Obj::new(schema)
    }
}

impl Got<'_> {
    /// The value as `serde_json` would hold it (for tests: what was kept).
    #[cfg(test)]
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::{Map, Number, Value};
        match self {
            Got::Null => Value::Null,
            Got::Bool(b) => Value::Bool(*b),
            Got::Number(Num::U(u)) => Value::Number((*u).into()),
            Got::Number(Num::I(i)) => Value::Number((*i).into()),
            Got::Number(Num::F(f)) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            Got::Str(s) => Value::String(s.to_string()),
            Got::List(items, _) => Value::Array(items.iter().map(Got::to_value).collect()),
            Got::Object(object) => {
                let mut map = Map::new();
                for ((key, _), value) in object.schema.fields.iter().zip(&object.known) {
                    if let Some(value) = value {
                        map.insert((*key).to_owned(), value.to_value());
                    }
                }
                for (key, value) in &object.other {
                    if let Some(value) = value {
                        map.insert(key.to_string(), value.to_value());
                    }
                }
                Value::Object(map)
            }
            Got::Other(name) => Value::String(format!("<{name}>")),
        }
    }
}

/// Reads `text` as one JSON value whose objects follow `schema` at the root.
/// Returns the value and the paths of keys given twice (in the order they
/// are met, each after its value), or serde_json's error.
pub fn capture<'a>(
    text: &'a str,
    schema: &'static Schema,
) -> Result<(Got<'a>, Vec<Path>), serde_json::Error> {
    let mut twice = Vec::new();
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let kind = Kind::Object(schema);
    let got = Seed {
        kind: &kind,
        trail: &Trail::Root,
        twice: &mut twice,
    }
    .deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok((got, twice))
}

/// Where a value sits, as a chain of borrowed steps on the stack: a [`Path`]
/// is built only for a key given twice.
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

/// One value of a kind at a place.
struct Seed<'s, 'p> {
    kind: &'s Kind,
    trail: &'p Trail<'p>,
    twice: &'s mut Vec<Path>,
}

impl<'de> DeserializeSeed<'de> for Seed<'_, '_> {
    type Value = Got<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Got<'de>, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_, '_> {
    type Value = Got<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Got<'de>, E> {
        Ok(Got::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Got<'de>, E> {
        Ok(Got::Number(if v < 0 {
            Num::I(v)
        } else {
            Num::U(v as u64)
        }))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Got<'de>, E> {
        Ok(Got::Number(Num::U(v)))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Got<'de>, E> {
        Ok(Got::Number(Num::F(v)))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Got<'de>, E> {
        Ok(Got::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Got<'de>, E> {
        Ok(Got::Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E>(self, v: String) -> Result<Got<'de>, E> {
        Ok(Got::Str(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Got<'de>, E> {
        Ok(Got::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Got<'de>, A::Error> {
        let (item, max) = match self.kind {
            Kind::Scalars { max } => (Kind::Scalar, *max),
            Kind::Objects { schema, max } => (Kind::Object(schema), *max),
            Kind::Any => (Kind::Any, usize::MAX),
            Kind::Scalar | Kind::Object(_) => {
                skip_items(seq, self.trail, self.twice)?;
                return Ok(Got::Other("array"));
            }
        };
        let mut items = Vec::new();
        let mut count = 0;
        loop {
            let trail = Trail::Index(self.trail, count);
            if count < max {
                let seed = Seed {
                    kind: &item,
                    trail: &trail,
                    twice: &mut *self.twice,
                };
                match seq.next_element_seed(seed)? {
                    Some(got) => items.push(got),
                    None => break,
                }
            } else {
                let skip = Skip {
                    trail: &trail,
                    twice: &mut *self.twice,
                };
                if seq.next_element_seed(skip)?.is_none() {
                    break;
                }
            }
            count += 1;
        }
        Ok(Got::List(items, count))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Got<'de>, A::Error> {
        let schema: &'static Schema = match self.kind {
            Kind::Object(schema) => schema,
            Kind::Any => &ANY,
            Kind::Scalar | Kind::Scalars { .. } | Kind::Objects { .. } => {
                skip_entries(map, self.trail, self.twice)?;
                return Ok(Got::Other("object"));
            }
        };
        let keep_other = std::ptr::eq(schema, &ANY);
        let mut object = Obj::new(schema);
        let mut seen: u64 = 0;
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let trail = Trail::Key(self.trail, &key);
            match schema.position(&key) {
                Some(at) => {
                    let (_, kind) = &schema.fields[at];
                    let got = map.next_value_seed(Seed {
                        kind,
                        trail: &trail,
                        twice: &mut *self.twice,
                    })?;
                    let bit = 1u64 << at;
                    if seen & bit != 0 {
                        self.twice.push(trail.path());
                    }
                    seen |= bit;
                    object.known[at] = Some(got);
                }
                None => {
                    let got = if keep_other {
                        Some(map.next_value_seed(Seed {
                            kind: &Kind::Any,
                            trail: &trail,
                            twice: &mut *self.twice,
                        })?)
                    } else {
                        map.next_value_seed(Skip {
                            trail: &trail,
                            twice: &mut *self.twice,
                        })?;
                        None
                    };
                    match object.other.iter_mut().find(|(k, _)| *k == key) {
                        Some(entry) => {
                            self.twice.push(trail.path());
                            entry.1 = got;
                        }
                        None => object.other.push((key.clone(), got)),
                    }
                }
            }
        }
        Ok(Got::Object(object))
    }
}

/// A key, borrowed when it holds no escape.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

/// A value walked for keys given twice, and dropped.
struct Skip<'s, 'p> {
    trail: &'p Trail<'p>,
    twice: &'s mut Vec<Path>,
}

impl<'de> DeserializeSeed<'de> for Skip<'_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Skip<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<(), A::Error> {
        skip_items(seq, self.trail, self.twice)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<(), A::Error> {
        skip_entries(map, self.trail, self.twice)
    }
}

fn skip_items<'de, A: SeqAccess<'de>>(
    mut seq: A,
    trail: &Trail<'_>,
    twice: &mut Vec<Path>,
) -> Result<(), A::Error> {
    let mut index = 0;
    loop {
        let here = Trail::Index(trail, index);
        let skip = Skip {
            trail: &here,
            twice: &mut *twice,
        };
        if seq.next_element_seed(skip)?.is_none() {
            return Ok(());
        }
        index += 1;
    }
}

fn skip_entries<'de, A: MapAccess<'de>>(
    mut map: A,
    trail: &Trail<'_>,
    twice: &mut Vec<Path>,
) -> Result<(), A::Error> {
    let mut keys: Vec<Cow<'de, str>> = Vec::new();
    while let Some(key) = map.next_key_seed(KeySeed)? {
        let here = Trail::Key(trail, &key);
        map.next_value_seed(Skip {
            trail: &here,
            twice: &mut *twice,
        })?;
        if keys.contains(&key) {
            twice.push(here.path());
        } else {
            keys.push(key.clone());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    static INNER: Schema = Schema {
        fields: &[("d", Kind::Scalar)],
    };
    static OUTER: Schema = Schema {
        fields: &[
            ("a", Kind::Scalar),
            ("b", Kind::Object(&INNER)),
            ("l", Kind::Scalars { max: 2 }),
            (
                "o",
                Kind::Objects {
                    schema: &INNER,
                    max: 1,
                },
            ),
        ],
    };

    fn twice(text: &str) -> Vec<String> {
        capture(text, &OUTER)
            .unwrap()
            .1
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn finds_keys_given_twice_at_any_depth_and_keeps_the_last() {
        let text = r#"{"a": 1, "x": {"c": [ {"d": 1, "d": 2} ]}, "b": {"d": 1, "d": "z"}, "a": 3, "x": 0}"#;
        let (got, _) = capture(text, &OUTER).unwrap();
        let Got::Object(object) = got else { panic!() };
        assert_eq!(object.get("a"), Some(&Got::Number(Num::U(3))));
        let Some(Got::Object(b)) = object.get("b") else {
            panic!()
        };
        assert_eq!(b.get("d"), Some(&Got::Str(Cow::Borrowed("z"))));
        assert_eq!(object.other.len(), 1, "an undeclared key once");
        assert_eq!(twice(text), ["x.c[0].d", "b.d", "a", "x"]);
    }

    #[test]
    fn keeps_declared_values_and_the_type_of_the_rest() {
        let (got, _) = capture(
            r#"{"a": [1], "b": "s", "l": ["p", {"k": 1}, "q", "r"], "o": [{"d": -2}, {"d": 1.5}]}"#,
            &OUTER,
        )
        .unwrap();
        let Got::Object(object) = got else { panic!() };
        assert_eq!(object.get("a").map(Got::type_name), Some("array"));
        assert_eq!(object.get("b").map(Got::type_name), Some("string"));
        let Some(Got::List(items, count)) = object.get("l") else {
            panic!()
        };
        assert_eq!((items.len(), *count), (2, 4), "two kept, four counted");
        assert_eq!(items[1], Got::Other("object"));
        let Some(Got::List(items, 2)) = object.get("o") else {
            panic!()
        };
        let Got::Object(first) = &items[0] else {
            panic!()
        };
        assert_eq!(first.get("d"), Some(&Got::Number(Num::I(-2))));
    }

    #[test]
    fn reads_like_serde_json_otherwise() {
        let text = r#"[1, -2, 3.5, 1e300, "x", null, true, {"k": []}]"#;
        let (got, twice) = capture(text, &OUTER).unwrap();
        assert_eq!(got, Got::Other("array"));
        assert!(twice.is_empty());
        assert_eq!(
            capture(r#""a\u00e9""#, &OUTER).unwrap().0,
            Got::Str("aé".into())
        );
        for bad in ["1e999", "{} x", "{\"a\": ", "[1,]"] {
            let ours = capture(bad, &OUTER).unwrap_err();
            let theirs = serde_json::from_str::<serde_json::Value>(bad).unwrap_err();
            assert_eq!(ours.to_string(), theirs.to_string(), "{bad}");
        }
        let deep = "[".repeat(10_000) + &"]".repeat(10_000);
        let ours = capture(&deep, &OUTER).unwrap_err();
        let theirs = serde_json::from_str::<serde_json::Value>(&deep).unwrap_err();
        assert_eq!(
            ours.to_string(),
            theirs.to_string(),
            "the nesting limit holds"
        );
        let deep_object = "{\"b\":".repeat(200) + "1" + &"}".repeat(200);
        let ours = capture(&deep_object, &OUTER).unwrap_err();
        let theirs = serde_json::from_str::<serde_json::Value>(&deep_object).unwrap_err();
        assert_eq!(ours.to_string(), theirs.to_string());
    }

    #[test]
    fn any_keeps_everything() {
        static TOP: Schema = Schema {
            fields: &[("m", Kind::Any)],
        };
        let (got, _) = capture(r#"{"m": {"x": "1", "y": [2, {"z": null}]}}"#, &TOP).unwrap();
        let Got::Object(object) = got else { panic!() };
        let Some(Got::Object(m)) = object.get("m") else {
            panic!()
        };
        assert_eq!(m.other[0], (Cow::Borrowed("x"), Some(Got::Str("1".into()))));
        let Some(Some(Got::List(items, 2))) = m.other.get(1).map(|e| &e.1) else {
            panic!()
        };
        assert!(matches!(items[1], Got::Object(_)));
    }
}
