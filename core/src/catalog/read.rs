//! Reading a district's catalog from JSON the record reader has kept whole
//! (the `catalog` option of every binding), with the same shape rules as
//! the typed reader: every member present and of its type, no unknown keys.
//! Written by hand so that the browser bundle carries no typed parser for it.

use super::{Catalog, Chain, DistrictInfo, Entry, Names, Segment};
use crate::input::{Got, Obj};
use crate::Error;

impl Catalog {
    /// Reads and checks a district's own catalog from JSON text, with the
    /// record reader (the typed reader is [`Catalog::from_json`]).
    pub fn from_text(text: &str) -> Result<Catalog, Error> {
        let text = crate::input::prepare(text);
        let (value, twice) = crate::input::capture::capture(&text, &crate::input::capture::ANY)
            .map_err(|e| invalid(format!("the catalog is not JSON: {e}")))?;
        if let Some(path) = twice.first() {
            return Err(invalid(format!("`{path}` is given twice")));
        }
        Catalog::from_got(&value)
    }

    /// Reads and checks a district's own catalog kept whole by the reader.
    pub(crate) fn from_got(value: &Got<'_>) -> Result<Catalog, Error> {
        let top = object(
            value,
            "catalog",
            &["district", "chains", "activity_series", "activity_kinds"],
        )?;
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
            activity_series: entries(top, "activity_series")?,
            activity_kinds: entries(top, "activity_kinds")?,
        };
        catalog.check()?;
        Ok(catalog)
    }
}

fn read_chain(value: &Got<'_>, at: &str) -> Result<Chain, Error> {
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

fn read_segment(value: &Got<'_>, at: &str) -> Result<Segment, Error> {
    let segment = object(value, at, &["id", "name", "industry_codes"])?;
    Ok(Segment {
        id: text(segment, at, "id")?,
        name: names(member(segment, at, "name")?, &format!("{at}.name"))?,
        // Optional, as in the typed reader: a segment no code suggests.
        industry_codes: match find(segment, "industry_codes") {
            None => &[],
            Some(_) => items(segment, at, "industry_codes")?,
        }
        .iter()
        .enumerate()
        .map(|(i, code)| match code {
            Got::Str(code) => Ok(code.to_string()),
            _ => Err(invalid(format!(
                "`{at}.industry_codes[{i}]` is not a string"
            ))),
        })
        .collect::<Result<_, _>>()?,
    })
}

/// An optional list of `{id, name}` entries (absent: none).
fn entries(top: &Obj<'_>, key: &str) -> Result<Vec<Entry>, Error> {
    if find(top, key).is_none() {
        return Ok(Vec::new());
    }
    items(top, "catalog", key)?
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = format!("{key}[{i}]");
            let entry = object(item, &at, &["id", "name"])?;
            Ok(Entry {
                id: text(entry, &at, "id")?,
                name: names(member(entry, &at, "name")?, &format!("{at}.name"))?,
            })
        })
        .collect()
}

fn names(value: &Got<'_>, at: &str) -> Result<Names, Error> {
    let names = object(value, at, &["zh-CN", "en"])?;
    Ok(Names {
        zh_cn: text(names, at, "zh-CN")?,
        en: text(names, at, "en")?,
    })
}

/// An object with exactly the `known` keys (every one required).
fn object<'v, 'a>(value: &'v Got<'a>, at: &str, known: &[&str]) -> Result<&'v Obj<'a>, Error> {
    let Got::Object(object) = value else {
        return Err(invalid(format!("`{at}` is not an object")));
    };
    // Keys in sorted order, as a sorted map lists them.
    let mut unknown: Vec<&str> = object
        .other
        .iter()
        .map(|(k, _)| k.as_ref())
        .filter(|k| !known.contains(k))
        .collect();
    crate::order::sort_by(&mut unknown, |a, b| a.cmp(b));
    if let Some(key) = unknown.first() {
        return Err(invalid(format!("`{at}` has an unknown key `{key}`")));
    }
    Ok(object)
}

fn find<'v, 'a>(object: &'v Obj<'a>, key: &str) -> Option<&'v Got<'a>> {
    object
        .other
        .iter()
        .find(|(k, _)| k == key)
        .and_then(|(_, v)| v.as_ref())
}

fn member<'v, 'a>(object: &'v Obj<'a>, at: &str, key: &str) -> Result<&'v Got<'a>, Error> {
    find(object, key).ok_or_else(|| invalid(format!("`{at}` has no `{key}`")))
}

fn text(object: &Obj<'_>, at: &str, key: &str) -> Result<String, Error> {
    match member(object, at, key)? {
        Got::Str(text) => Ok(text.to_string()),
        _ => Err(invalid(format!("`{at}.{key}` is not a string"))),
    }
}

fn items<'v, 'a>(object: &'v Obj<'a>, at: &str, key: &str) -> Result<&'v [Got<'a>], Error> {
    match member(object, at, key)? {
        Got::List(items, _) => Ok(items),
        _ => Err(invalid(format!("`{at}.{key}` is not a list"))),
    }
}

fn invalid(why: String) -> Error {
    Error::CatalogInvalid(why)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn from_value(value: &Value) -> Result<Catalog, Error> {
        Catalog::from_text(&value.to_string())
    }

    #[test]
    fn reads_the_builtin_catalog_like_the_typed_reader() {
        let text = include_str!("../../catalog/yantian.json");
        assert_eq!(
            Catalog::from_text(text).unwrap(),
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
        let read = from_value(&without).unwrap();
        assert!(read.chains[0].segments[0].industry_codes.is_empty());
        assert_eq!(read, Catalog::from_json(&without.to_string()).unwrap());
        let mut id = good.clone();
        id["chains"][0]["id"] = "Port Logistics".into();
        cases.push((id, "not snake_case"));
        cases.push((Value::Array(vec![]), "`catalog` is not an object"));
        let twice = include_str!("../../catalog/yantian.json").replacen(
            "\"chains\"",
            "\"chains\": [], \"chains\"",
            1,
        );
        assert!(Catalog::from_text(&twice)
            .unwrap_err()
            .to_string()
            .contains("`chains` is given twice"));
        for (value, why) in cases {
            let error = from_value(&value).unwrap_err().to_string();
            assert!(error.contains(why), "{error}");
            assert!(
                Catalog::from_json(&value.to_string()).is_err(),
                "the typed reader agrees: {why}"
            );
        }
    }
}
