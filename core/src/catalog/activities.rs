//! The kinds and series of outreach activities (活动类型, 系列): data, not
//! code. The built-in ones (`core/catalog/activities.json`) are every kind
//! the seed report names and its two series, 党群助企行 and 行业党建大讲堂; a
//! district's catalog adds its own (`activity_kinds`, `activity_series`).

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::Names;
use crate::input::builtin::data_file;

/// An id with its names: an activity kind or series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable snake_case id.
    pub id: String,
    /// Display names.
    pub name: Names,
}

/// The built-in activity series and kinds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivityCatalog {
    /// Series of activities (`dangqun_zhuqi` 党群助企行 counts toward "200余场").
    pub series: Vec<Entry>,
    /// Kinds of activity, `other` last.
    pub kinds: Vec<Entry>,
}

impl ActivityCatalog {
    /// The built-in series and kinds (`core/catalog/activities.json`).
    pub fn builtin() -> &'static ActivityCatalog {
        static BUILTIN: OnceLock<ActivityCatalog> = OnceLock::new();
        // Read without the typed parser, as the chain catalog is: the file is
        // checked by a test against the typed reader.
        BUILTIN.get_or_init(|| {
            use crate::input::builtin::{list, member, parse, text};
            let value = parse(data_file!("catalog/activities.json"));
            let entries = |key: &str| {
                list(&value, key)
                    .iter()
                    .map(|entry| {
                        let name = member(entry, "name");
                        Entry {
                            id: text(entry, "id"),
                            name: Names {
                                zh_cn: text(name, "zh-CN"),
                                en: text(name, "en"),
                            },
                        }
                    })
                    .collect()
            };
            ActivityCatalog {
                series: entries("series"),
                kinds: entries("kinds"),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_reader_reads_what_the_typed_reader_reads() {
        let typed: ActivityCatalog =
            serde_json::from_str(include_str!("../../catalog/activities.json")).unwrap();
        assert_eq!(ActivityCatalog::builtin(), &typed);
        let ids: Vec<&str> = typed.kinds.iter().map(|k| k.id.as_str()).collect();
        assert_eq!(ids.len(), 17);
        assert_eq!(ids.last(), Some(&"other"));
        for entry in typed.kinds.iter().chain(&typed.series) {
            assert!(super::super::is_id(&entry.id), "{}", entry.id);
            assert!(!entry.name.zh_cn.is_empty() && !entry.name.en.is_empty());
        }
    }

    #[test]
    fn a_district_adds_kinds_and_series() {
        let json = r#"{"district": {"code": "440305", "name": {"zh-CN": "南山区", "en": "Nanshan"}},
            "chains": [{"id": "ai", "name": {"zh-CN": "人工智能", "en": "AI"},
                        "segments": [{"id": "chips", "name": {"zh-CN": "芯片", "en": "Chips"}}]}],
            "activity_kinds": [{"id": "hackathon", "name": {"zh-CN": "黑客松", "en": "Hackathon"}}],
            "activity_series": [{"id": "ai_salon", "name": {"zh-CN": "AI沙龙", "en": "AI salon"}}]}"#;
        for catalog in [
            crate::Catalog::from_json(json).unwrap(),
            crate::Catalog::from_text(json).unwrap(),
        ] {
            let kinds: Vec<&str> = catalog.activity_kinds().map(|k| k.id.as_str()).collect();
            assert_eq!(kinds.len(), 18);
            assert_eq!(kinds.last(), Some(&"hackathon"));
            assert!(catalog.activity_series().any(|s| s.id == "ai_salon"));
        }
        // A built-in id cannot be added again, nor an id that is not snake_case.
        for bad in [r#""id": "other""#, r#""id": "Hack athon""#] {
            let text = json.replace(r#""id": "hackathon""#, bad);
            assert!(crate::Catalog::from_json(&text).is_err(), "{bad}");
            assert!(crate::Catalog::from_text(&text).is_err(), "{bad}");
        }
        assert!(crate::Catalog::yantian().activity_kinds().count() == 17);
    }
}
