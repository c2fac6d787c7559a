//! Industry chains and their segments: data, not code.
//!
//! The built-in catalog is Yantian's four chains (`core/catalog/yantian.json`);
//! a district loads its own with [`Catalog::from_json`]. The kinds and series
//! of outreach activities are catalog data too (`core/catalog/activities.json`);
//! a district's catalog may add its own ([`Catalog::activity_kinds`]).

mod activities;
mod read;

pub use activities::{ActivityCatalog, Entry};

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::findings::Lang;
use crate::ident::is_valid_industry_code;
use crate::input::builtin::data_file;
use crate::Error;

/// A name in each language the project speaks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Names {
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    /// English.
    pub en: String,
}

impl Names {
    /// The name in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::ZhCn => &self.zh_cn,
            Lang::En => &self.en,
        }
    }
}

/// The district a catalog belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictInfo {
    /// GB/T 2260 division code (`440308`).
    pub code: String,
    /// The district's name.
    pub name: Names,
}

/// One step of a chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// Stable snake_case id, unique within its chain.
    pub id: String,
    /// Display names.
    pub name: Names,
    /// GB/T 4754-2017 codes (or prefixes: `62` is all catering) that suggest this segment.
    #[serde(default)]
    pub industry_codes: Vec<String>,
}

impl Segment {
    /// Whether an enterprise with this industry code likely belongs here.
    pub fn suggested_by(&self, industry_code: &str) -> bool {
        self.industry_codes.iter().any(|prefix| {
            industry_code.starts_with(prefix.as_str()) || prefix.starts_with(industry_code)
        })
    }
}

/// An industry chain with its ordered segments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Chain {
    /// Stable snake_case id, unique in the catalog.
    pub id: String,
    /// Display names.
    pub name: Names,
    /// The segments, in value-chain order.
    pub segments: Vec<Segment>,
}

impl Chain {
    /// The segment with this id.
    pub fn segment(&self, id: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.id == id)
    }

    /// The segments suggested by any of these industry codes, in chain order.
    pub fn suggest_segments<'a, S: AsRef<str>>(&'a self, industry_codes: &[S]) -> Vec<&'a Segment> {
        self.segments
            .iter()
            .filter(|s| industry_codes.iter().any(|c| s.suggested_by(c.as_ref())))
            .collect()
    }
}

/// The chains of a district.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    /// Whose catalog this is.
    pub district: DistrictInfo,
    /// The chains, in display order.
    pub chains: Vec<Chain>,
    /// Activity series the district adds to the built-in ones
    /// ([`ActivityCatalog::builtin`]); none when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity_series: Vec<Entry>,
    /// Activity kinds the district adds to the built-in ones; none when absent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity_kinds: Vec<Entry>,
}

impl Catalog {
    /// The built-in Yantian catalog (four chains).
    pub fn yantian() -> &'static Catalog {
        static YANTIAN: OnceLock<Catalog> = OnceLock::new();
        // Read without the typed parser: the file is checked by tests
        // against `from_json`, and the browser bundle stays smaller.
        YANTIAN.get_or_init(|| Catalog::from_builtin(data_file!("catalog/yantian.json")))
    }

    /// A built-in catalog file, read as plain JSON.
    fn from_builtin(json: &str) -> Catalog {
        use crate::input::builtin::{list, member, parse, text, texts};
        use crate::input::Got;
        let names = |value: &Got<'_>| Names {
            zh_cn: text(value, "zh-CN"),
            en: text(value, "en"),
        };
        let value = parse(json);
        let district = member(&value, "district");
        Catalog {
            district: DistrictInfo {
                code: text(district, "code"),
                name: names(member(district, "name")),
            },
            chains: list(&value, "chains")
                .iter()
                .map(|chain| Chain {
                    id: text(chain, "id"),
                    name: names(member(chain, "name")),
                    segments: list(chain, "segments")
                        .iter()
                        .map(|segment| Segment {
                            id: text(segment, "id"),
                            name: names(member(segment, "name")),
                            industry_codes: texts(segment, "industry_codes"),
                        })
                        .collect(),
                })
                .collect(),
            activity_series: Vec::new(),
            activity_kinds: Vec::new(),
        }
    }

    /// Reads and checks a district's own catalog.
    pub fn from_json(json: &str) -> Result<Catalog, Error> {
        let catalog: Catalog = serde_json::from_str(json)?;
        catalog.check()?;
        Ok(catalog)
    }

    /// The chain with this id.
    pub fn chain(&self, id: &str) -> Option<&Chain> {
        self.chains.iter().find(|c| c.id == id)
    }

    /// The ids of all chains, in catalog order.
    pub fn chain_ids(&self) -> Vec<String> {
        self.chains.iter().map(|c| c.id.clone()).collect()
    }

    /// The activity series records may name: the built-in ones, then the
    /// district's.
    pub fn activity_series(&self) -> impl Iterator<Item = &Entry> {
        ActivityCatalog::builtin()
            .series
            .iter()
            .chain(&self.activity_series)
    }

    /// The activity kinds records may name: the built-in ones, then the
    /// district's.
    pub fn activity_kinds(&self) -> impl Iterator<Item = &Entry> {
        ActivityCatalog::builtin()
            .kinds
            .iter()
            .chain(&self.activity_kinds)
    }

    fn check(&self) -> Result<(), Error> {
        let invalid = |why: String| Err(Error::CatalogInvalid(why));
        let builtin = ActivityCatalog::builtin();
        for (what, added, known) in [
            ("activity series", &self.activity_series, &builtin.series),
            ("activity kind", &self.activity_kinds, &builtin.kinds),
        ] {
            let mut ids = BTreeSet::new();
            for entry in added {
                if !is_id(&entry.id) {
                    return invalid(format!("{what} id `{}` is not snake_case", entry.id));
                }
                if known.iter().any(|k| k.id == entry.id) || !ids.insert(&entry.id) {
                    return invalid(format!("{what} `{}` appears twice", entry.id));
                }
            }
        }
        if self.chains.is_empty() {
            return invalid("it has no chains".into());
        }
        let mut chain_ids = BTreeSet::new();
        for chain in &self.chains {
            if !is_id(&chain.id) {
                return invalid(format!("chain id `{}` is not snake_case", chain.id));
            }
            if !chain_ids.insert(&chain.id) {
                return invalid(format!("chain `{}` appears twice", chain.id));
            }
            if chain.segments.is_empty() {
                return invalid(format!("chain `{}` has no segments", chain.id));
            }
            let mut segment_ids = BTreeSet::new();
            for segment in &chain.segments {
                if !is_id(&segment.id) {
                    return invalid(format!("segment id `{}` is not snake_case", segment.id));
                }
                if !segment_ids.insert(&segment.id) {
                    return invalid(format!(
                        "segment `{}` appears twice in `{}`",
                        segment.id, chain.id
                    ));
                }
                if let Some(code) = segment
                    .industry_codes
                    .iter()
                    .find(|c| !is_valid_industry_code(c))
                {
                    return invalid(format!(
                        "segment `{}`: `{code}` is not an industry code",
                        segment.id
                    ));
                }
            }
        }
        Ok(())
    }
}

pub(crate) fn is_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    (1..=64).contains(&bytes.len())
        && bytes[0].is_ascii_lowercase()
        && bytes
            .iter()
            .all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yantian_catalog_matches_the_wire_contract() {
        let catalog = Catalog::yantian();
        let ids: Vec<_> = catalog.chains.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "port_logistics",
                "gold_jewelry",
                "life_health",
                "coastal_tourism"
            ]
        );
        let jewelry = catalog.chain("gold_jewelry").unwrap();
        let segments: Vec<_> = jewelry.segments.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(
            segments,
            [
                "material_supply",
                "design_rnd",
                "manufacturing",
                "inspection_testing",
                "retail_wholesale"
            ]
        );
        assert_eq!(catalog.chain("coastal_tourism").unwrap().segments.len(), 6);
        assert_eq!(catalog.chain("port_logistics").unwrap().segments.len(), 7);
        assert_eq!(catalog.chain("life_health").unwrap().segments.len(), 6);
    }

    #[test]
    fn the_builtin_reader_reads_what_the_checked_reader_reads() {
        let json = include_str!("../../catalog/yantian.json");
        assert_eq!(Catalog::yantian(), &Catalog::from_json(json).unwrap());
    }

    #[test]
    fn industry_codes_suggest_segments() {
        let jewelry = Catalog::yantian().chain("gold_jewelry").unwrap();
        let ids: Vec<_> = jewelry
            .suggest_segments(&["2438", "5245"])
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        assert_eq!(ids, ["manufacturing", "retail_wholesale"]);
        let tourism = Catalog::yantian().chain("coastal_tourism").unwrap();
        assert_eq!(tourism.suggest_segments(&["6210"])[0].id, "dining");
        assert!(tourism.suggest_segments(&["2438"]).is_empty());
    }

    #[test]
    fn rejects_broken_catalogs() {
        let good = r#"{"district":{"code":"440300","name":{"zh-CN":"深圳市","en":"Shenzhen"}},
            "chains":[{"id":"ai","name":{"zh-CN":"人工智能","en":"AI"},"segments":[
            {"id":"chips","name":{"zh-CN":"芯片","en":"Chips"},"industry_codes":["3973"]}]}]}"#;
        assert!(Catalog::from_json(good).is_ok());
        for (from, to) in [
            (r#""id":"ai""#, r#""id":"AI""#),
            (r#""3973""#, r#""99x""#),
            (r#""industry_codes""#, r#""codes""#),
        ] {
            assert!(Catalog::from_json(&good.replace(from, to)).is_err(), "{to}");
        }
        let twice = good.replace(
            r#""segments":["#,
            r#""segments":[{"id":"chips","name":{"zh-CN":"x","en":"x"}},"#,
        );
        assert!(matches!(
            Catalog::from_json(&twice),
            Err(Error::CatalogInvalid(_))
        ));
        assert!(matches!(
            Catalog::from_json("{"),
            Err(Error::CatalogJson(_))
        ));
    }
}
