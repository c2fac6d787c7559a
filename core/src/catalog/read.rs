//! Reading a district's catalog from a JSON value that is already parsed
//! (the `catalog` option of every binding), with the same shape rules as
//! the typed reader: every member present and of its type, no unknown keys.
//! Written by hand so that the browser bundle carries no typed parser for it.

use serde_json::{Map, Value};

use super::{Catalog, Chain, DistrictInfo, Names, Segment};
use crate::Error;

impl Catalog {
    /// Reads and checks a district's own catalog from a parsed JSON value.
    pub fn from_value(value: &Value) -> Result<Catalog, Error> {
        let top = object(value, "catalog", &["district", "chains"])?;
        let district = object(
            member(top, "catalog", "district")?,
            "district",
            &["code", "name"],
        )?;
        let catalog = Catalog {
            district: DistrictInfo {
                code: text(district, "district", "code")?,
                name: names(member(district, "district", "name")?, "district.name")?,
            },
            chains: items(top, "catalog", "chains")?
                .iter()
                .enumerate()
                .map(|(i, chain)| read_chain(chain, &format!("chains[{i}]")))
                .collect::<Result<_, _>>()?,
        };
        catalog.check()?;
        Ok(catalog)
    }
}

fn read_chain(value: &Value, at: &str) -> Result<Chain, Error> {
    let chain = object(value, at, &["id", "name", "segments"])?;
    Ok(Chain {
        id: text(chain, at, "id")?,
        name: names(member(chain, at, "name")?, &format!("{at}.name"))?,
        segments: items(chain, at, "segments")?
            .iter()
            .enumerate()
            .map(|(i, segment)| read_segment(segment, &format!("{at}.segments[{i}]")))
            .collect::<Result<_, _>>()?,
    })
}

fn read_segment(value: &Value, at: &str) -> Result<Segment, Error> {
    let segment = object(value, at, &["id", "name", "industry_codes"])?;
    Ok(Segment {
        id: text(segment, at, "id")?,
        name: names(member(segment, at, "name")?, &format!("{at}.name"))?,
        // Optional, as in the typed reader: a segment no code suggests.
        industry_codes: match segment.get("industry_codes") {
            None => &[],
            Some(_) => items(segment, at, "industry_codes")?,
        }
        .iter()
        .enumerate()
        .map(|(i, code)| match code {
            Value::String(code) => Ok(code.clone()),
            _ => Err(invalid(format!(
                "`{at}.industry_codes[{i}]` is not a string"
            ))),
        })
        .collect::<Result<_, _>>()?,
    })
}

fn names(value: &Value, at: &str) -> Result<Names, Error> {
    let names = object(value, at, &["zh-CN", "en"])?;
    Ok(Names {
        zh_cn: text(names, at, "zh-CN")?,
        en: text(names, at, "en")?,
    })
}

/// An object with exactly the `known` keys (every one required).
fn object<'a>(value: &'a Value, at: &str, known: &[&str]) -> Result<&'a Map<String, Value>, Error> {
    let Value::Object(map) = value else {
        return Err(invalid(format!("`{at}` is not an object")));
    };
    if let Some(key) = map.keys().find(|k| !known.contains(&k.as_str())) {
        return Err(invalid(format!("`{at}` has an unknown key `{key}`")));
    }
    Ok(map)
}

fn member<'a>(map: &'a Map<String, Value>, at: &str, key: &str) -> Result<&'a Value, Error> {
    map.get(key)
        .ok_or_else(|| invalid(format!("`{at}` has no `{key}`")))
}

fn text(map: &Map<String, Value>, at: &str, key: &str) -> Result<String, Error> {
    match member(map, at, key)? {
        Value::String(text) => Ok(text.clone()),
        _ => Err(invalid(format!("`{at}.{key}` is not a string"))),
    }
}

fn items<'a>(map: &'a Map<String, Value>, at: &str, key: &str) -> Result<&'a [Value], Error> {
    match member(map, at, key)? {
        Value::Array(items) => Ok(items),
        _ => Err(invalid(format!("`{at}.{key}` is not a list"))),
    }
}

fn invalid(why: String) -> Error {
    Error::CatalogInvalid(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_builtin_catalog_like_the_typed_reader() {
        let text = include_str!("../../catalog/yantian.json");
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            Catalog::from_value(&value).unwrap(),
            Catalog::from_json(text).unwrap()
        );
    }

    #[test]
    fn refuses_what_the_typed_reader_refuses() {
        let good: Value = serde_json::from_str(include_str!("../../catalog/yantian.json")).unwrap();
        let mut cases: Vec<(Value, &str)> = Vec::new();
        let mut unknown = good.clone();
        unknown["chains"][0]["colour"] = "red".into();
        cases.push((unknown, "unknown key `colour`"));
        let mut missing = good.clone();
        missing["chains"][1]["segments"][0]["name"]
            .as_object_mut()
            .unwrap()
            .remove("en");
        cases.push((missing, "`chains[1].segments[0].name` has no `en`"));
        let mut wrong = good.clone();
        wrong["district"]["code"] = 440308.into();
        cases.push((wrong, "`district.code` is not a string"));
        let mut code = good.clone();
        code["chains"][0]["segments"][0]["industry_codes"][0] = 1.into();
        cases.push((
            code,
            "`chains[0].segments[0].industry_codes[0]` is not a string",
        ));
        let mut without = good.clone();
        without["chains"][0]["segments"][0]
            .as_object_mut()
            .unwrap()
            .remove("industry_codes");
        let read = Catalog::from_value(&without).unwrap();
        assert!(read.chains[0].segments[0].industry_codes.is_empty());
        assert_eq!(read, Catalog::from_json(&without.to_string()).unwrap());
        let mut id = good.clone();
        id["chains"][0]["id"] = "Port Logistics".into();
        cases.push((id, "not snake_case"));
        cases.push((Value::Array(vec![]), "`catalog` is not an object"));
        for (value, why) in cases {
            let error = Catalog::from_value(&value).unwrap_err().to_string();
            assert!(error.contains(why), "{error}");
            assert!(
                Catalog::from_json(&value.to_string()).is_err(),
                "the typed reader agrees: {why}"
            );
        }
    }
}
