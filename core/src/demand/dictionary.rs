//! The topic dictionary: departments, topics with their weighted terms, and
//! the spelling variants folded before matching.
//!
//! The dictionary is data (`core/catalog/topics.json`). A district extends it
//! with its own terms, departments and variants ([`DictionaryExtension`]).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::classify::Classifier;
use crate::catalog::Names;
use crate::input::builtin::data_file;
use crate::Error;

/// A government department demands can be routed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Department {
    /// Stable id.
    pub id: String,
    /// Display names.
    pub name: Names,
}

/// A topic with its responsible departments and its terms.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TopicEntry {
    /// Topic id (one of the wire topics).
    pub id: String,
    /// Display names.
    pub name: Names,
    /// Responsible departments, the lead first.
    pub departments: Vec<String>,
    /// Terms that point to the topic, with weights.
    pub terms: BTreeMap<String, f64>,
}

/// The dictionary: departments, topics and spelling variants.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dictionary {
    /// Every department.
    pub departments: Vec<Department>,
    /// Every topic.
    pub topics: Vec<TopicEntry>,
    /// Spellings people type for a word, folded into the word before terms
    /// are matched and the model's features are read: homophones an input
    /// method offers first (`人材` → `人才`, `社宝` → `社保`) and variant
    /// characters (`帐` → `账`). Matched leftmost-longest, lower-cased.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variants: BTreeMap<String, String>,
}

/// An extension a district adds: more departments, more terms per topic,
/// other departments for a topic, and more spelling variants.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DictionaryExtension {
    /// Departments to add.
    #[serde(default)]
    pub departments: Vec<Department>,
    /// Per topic id: terms to add (or re-weight; weight 0 removes).
    #[serde(default)]
    pub terms: BTreeMap<String, BTreeMap<String, f64>>,
    /// Per topic id: the departments that replace the built-in ones.
    #[serde(default)]
    pub routing: BTreeMap<String, Vec<String>>,
    /// Spelling variants to add (variant → word; an empty word removes one).
    #[serde(default)]
    pub variants: BTreeMap<String, String>,
}

impl Dictionary {
    /// The built-in dictionary.
    pub fn builtin() -> &'static Dictionary {
        static BUILTIN: OnceLock<Dictionary> = OnceLock::new();
        // Read without the typed parser: the file is checked by tests
        // against `from_json`, and the browser bundle stays smaller.
        BUILTIN.get_or_init(|| Dictionary::from_builtin(data_file!("catalog/topics.json")))
    }

    /// A built-in dictionary file, read as plain JSON.
    fn from_builtin(json: &str) -> Dictionary {
        use crate::input::builtin::{entries, list, member, parse, text, texts};
        use crate::input::Got;
        let names = |value: &Got<'_>| Names {
            zh_cn: text(value, "zh-CN"),
            en: text(value, "en"),
        };
        let value = parse(json);
        let mut variants = BTreeMap::new();
        for (variant, word) in entries(member(&value, "variants")) {
            variants.insert(variant.to_owned(), word.as_str().unwrap_or("").to_owned());
        }
        Dictionary {
            departments: list(&value, "departments")
                .iter()
                .map(|department| Department {
                    id: text(department, "id"),
                    name: names(member(department, "name")),
                })
                .collect(),
            topics: list(&value, "topics")
                .iter()
                .map(|topic| TopicEntry {
                    id: text(topic, "id"),
                    name: names(member(topic, "name")),
                    departments: texts(topic, "departments"),
                    terms: {
                        // Inserted one by one: the keys come sorted, and
                        // `collect` would add a sort to the bundle.
                        let mut terms = BTreeMap::new();
                        for (term, weight) in entries(member(topic, "terms")) {
                            let weight = match weight {
                                Got::Number(n) => n.as_f64(),
                                _ => 0.0,
                            };
                            terms.insert(term.to_owned(), weight);
                        }
                        terms
                    },
                })
                .collect(),
            variants,
        }
    }

    /// A classifier over the built-in dictionary and, where the crate was
    /// built with it, the built-in learned model; indexed once.
    pub fn builtin_classifier() -> &'static Classifier<'static> {
        static CLASSIFIER: OnceLock<Classifier<'static>> = OnceLock::new();
        CLASSIFIER.get_or_init(|| {
            let classifier = Dictionary::builtin().classifier();
            match super::model::Model::builtin() {
                Some(model) => classifier.with_model(model),
                None => classifier,
            }
        })
    }

    /// Reads and checks a whole dictionary.
    pub fn from_json(json: &str) -> Result<Dictionary, Error> {
        let dictionary: Dictionary = serde_json::from_str(json)?;
        dictionary.check()?;
        Ok(dictionary)
    }

    /// Applies a district's extension.
    pub fn extend(&mut self, extension: DictionaryExtension) -> Result<(), Error> {
        self.departments.extend(extension.departments);
        for (topic, terms) in extension.terms {
            let entry = self.topic_mut(&topic)?;
            for (term, weight) in terms {
                if weight == 0.0 {
                    entry.terms.remove(&term);
                } else {
                    entry.terms.insert(term, weight);
                }
            }
        }
        for (topic, departments) in extension.routing {
            self.topic_mut(&topic)?.departments = departments;
        }
        for (variant, word) in extension.variants {
            if word.is_empty() {
                self.variants.remove(&variant);
            } else {
                self.variants.insert(variant, word);
            }
        }
        self.check()
    }

    fn topic_mut(&mut self, id: &str) -> Result<&mut TopicEntry, Error> {
        self.topics
            .iter_mut()
            .find(|t| t.id == id)
            .ok_or_else(|| Error::CatalogInvalid(format!("no topic `{id}` to extend")))
    }

    /// The topic entry with this id.
    pub fn topic(&self, id: &str) -> Option<&TopicEntry> {
        self.topics.iter().find(|t| t.id == id)
    }

    /// The department with this id.
    pub fn department(&self, id: &str) -> Option<&Department> {
        self.departments.iter().find(|d| d.id == id)
    }

    /// The topics a department handles, in dictionary order.
    pub fn topics_of(&self, department: &str) -> Vec<&str> {
        self.topics
            .iter()
            .filter(|t| t.departments.iter().any(|d| d == department))
            .map(|t| t.id.as_str())
            .collect()
    }

    fn check(&self) -> Result<(), Error> {
        let invalid = |why: String| Err(Error::CatalogInvalid(why));
        for topic in &self.topics {
            if topic.departments.is_empty() {
                return invalid(format!("topic `{}` has no department", topic.id));
            }
            if let Some(d) = topic
                .departments
                .iter()
                .find(|d| self.department(d).is_none())
            {
                return invalid(format!(
                    "topic `{}` names unknown department `{d}`",
                    topic.id
                ));
            }
            if let Some((term, w)) = topic
                .terms
                .iter()
                .find(|(t, w)| t.trim().is_empty() || !w.is_finite() || **w < 0.0)
            {
                return invalid(format!(
                    "topic `{}`: bad term `{term}` ({})",
                    topic.id,
                    crate::findings::Number(*w)
                ));
            }
        }
        for id in super::TOPIC_IDS {
            if self.topic(id).is_none() {
                return invalid(format!("topic `{id}` is missing"));
            }
        }
        if let Some((variant, _)) = self
            .variants
            .iter()
            .find(|(v, w)| v.trim().is_empty() || w.trim().is_empty() || v == w)
        {
            return invalid(format!("bad spelling variant `{variant}`"));
        }
        Ok(())
    }

    /// A classifier over this dictionary (terms only; add a learned model
    /// with [`Classifier::with_model`]).
    pub fn classifier(&self) -> Classifier<'_> {
        Classifier::new(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_builtin_reader_reads_what_the_checked_reader_reads() {
        let json = include_str!("../../catalog/topics.json");
        assert_eq!(Dictionary::builtin(), &Dictionary::from_json(json).unwrap());
        assert!(!Dictionary::builtin().variants.is_empty());
    }

    #[test]
    fn a_district_extends_the_dictionary() {
        let mut dictionary = Dictionary::builtin().clone();
        let extension: DictionaryExtension = serde_json::from_str(
            r#"{"departments": [{"id": "port_office", "name": {"zh-CN": "口岸办", "en": "Port office"}}],
                "terms": {"customs": {"口岸": 3}}, "routing": {"customs": ["customs_office", "port_office"]},
                "variants": {"口按": "口岸"}}"#,
        )
        .unwrap();
        dictionary.extend(extension).unwrap();
        let c = dictionary.classifier().classify("口按问题", "口岸");
        assert_eq!((c.topic.as_str(), c.departments.len()), ("customs", 2));
        assert_eq!(c.candidates[0].matched, ["口岸"]);
        assert_eq!(dictionary.topics_of("port_office"), ["customs"]);
        assert_eq!(
            dictionary.topics_of("hr_bureau"),
            ["social_security", "labour_relations", "talent"]
        );
        let bad: DictionaryExtension =
            serde_json::from_str(r#"{"terms": {"nope": {"x": 1}}}"#).unwrap();
        assert!(dictionary.extend(bad).is_err());
        let bad: DictionaryExtension =
            serde_json::from_str(r#"{"variants": {"税": "税"}}"#).unwrap();
        assert!(dictionary.extend(bad).is_err());
    }
}
