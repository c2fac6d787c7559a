//! Suggesting the topic and the responsible department of a demand from its
//! text, with the matched terms so that a person sees why.
//!
//! The dictionary is data (`core/catalog/topics.json`): terms with weights per
//! topic, departments per topic. A district extends it with its own terms and
//! departments. Matching is leftmost-longest over the text: Chinese terms match
//! anywhere, Latin terms only as whole words (`tax` does not match `taxi`).

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

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

/// The dictionary: departments and topics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dictionary {
    /// Every department.
    pub departments: Vec<Department>,
    /// Every topic.
    pub topics: Vec<TopicEntry>,
}

/// An extension a district adds: more departments, more terms per topic, and
/// other departments for a topic.
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
        }
    }

    /// A classifier over the built-in dictionary, indexed once.
    pub fn builtin_classifier() -> &'static Classifier<'static> {
        static CLASSIFIER: OnceLock<Classifier<'static>> = OnceLock::new();
        CLASSIFIER.get_or_init(|| Dictionary::builtin().classifier())
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
        Ok(())
    }

    /// A classifier over this dictionary.
    pub fn classifier(&self) -> Classifier<'_> {
        Classifier::new(self)
    }
}

/// One candidate topic with its score and the terms that matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Topic id.
    pub topic: String,
    /// Sum of the matched terms' weights (title matches count more).
    pub score: f64,
    /// The terms that matched, in order of appearance, once each.
    pub matched: Vec<String>,
}

/// The classifier's answer (`lianjian classify`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The suggested topic (`other` when nothing matched).
    pub topic: String,
    /// The lead responsible department.
    pub department: String,
    /// All responsible departments of the topic.
    pub departments: Vec<String>,
    /// 0–1: how clearly the text points to this topic.
    pub confidence: f64,
    /// Every topic with a match, best first.
    pub candidates: Vec<Candidate>,
}

/// A prepared classifier: terms indexed by their first character.
#[derive(Debug, Clone)]
pub struct Classifier<'d> {
    dictionary: &'d Dictionary,
    /// First character → the terms starting with it, longest first; sorted by
    /// character for binary search.
    index: Vec<(char, Vec<Term>)>,
}

#[derive(Debug, Clone)]
struct Term {
    text: String,
    chars: Vec<char>,
    latin: bool,
    topics: Vec<(usize, f64)>,
}

/// Title matches count this much more than matches in the description.
const TITLE_FACTOR: f64 = 1.5;

impl<'d> Classifier<'d> {
    /// Indexes the dictionary's terms. Built from sorted lists rather than
    /// a hash map and a tree map: the same index, with less code in the
    /// browser bundle.
    fn new(dictionary: &'d Dictionary) -> Self {
        // Every (normalised term, topic, weight), in dictionary order.
        let mut entries: Vec<(String, usize, f64)> = Vec::new();
        for (t, topic) in dictionary.topics.iter().enumerate() {
            for (text, &weight) in &topic.terms {
                entries.push((normalize(text).collect(), t, weight));
            }
        }
        // Stable: a term's topics stay in dictionary order.
        crate::order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        let mut terms: Vec<Term> = Vec::new();
        for (key, t, weight) in entries {
            match terms.last_mut() {
                Some(term) if term.text == key => term.topics.push((t, weight)),
                _ => terms.push(Term {
                    latin: key.is_ascii(),
                    chars: key.chars().collect(),
                    text: key,
                    topics: vec![(t, weight)],
                }),
            }
        }
        // By first character, then longest first (the text breaks ties).
        crate::order::sort_by(&mut terms, |a, b| {
            a.chars
                .first()
                .cmp(&b.chars.first())
                .then_with(|| b.chars.len().cmp(&a.chars.len()))
                .then_with(|| a.text.cmp(&b.text))
        });
        let mut index: Vec<(char, Vec<Term>)> = Vec::new();
        for term in terms {
            let Some(&first) = term.chars.first() else {
                continue;
            };
            match index.last_mut() {
                Some((c, list)) if *c == first => list.push(term),
                _ => index.push((first, vec![term])),
            }
        }
        Classifier { dictionary, index }
    }

    /// The departments responsible for a topic, the lead first.
    pub fn departments_of(&self, topic: &str) -> &[String] {
        self.dictionary
            .topic(topic)
            .map_or(&[], |t| t.departments.as_slice())
    }

    /// Classifies a demand from its title and description.
    pub fn classify(&self, title: &str, description: &str) -> Classification {
        let mut scores = vec![0.0f64; self.dictionary.topics.len()];
        let mut matched: Vec<Vec<String>> = vec![Vec::new(); self.dictionary.topics.len()];
        for (text, factor) in [(title, TITLE_FACTOR), (description, 1.0)] {
            let chars: Vec<char> = normalize(text).collect();
            let mut i = 0;
            while i < chars.len() {
                match self.longest_at(&chars, i) {
                    Some(term) => {
                        for &(topic, weight) in &term.topics {
                            // A term seen before adds a quarter of its weight.
                            let repeat = matched[topic].contains(&term.text);
                            let damp = if repeat { 0.25 } else { 1.0 };
                            scores[topic] += weight * factor * damp;
                            if !repeat {
                                matched[topic].push(term.text.clone());
                            }
                        }
                        i += term.chars.len();
                    }
                    None => i += 1,
                }
            }
        }
        self.answer(scores, matched)
    }

    /// The longest term starting at `i`, with word boundaries for Latin terms.
    fn longest_at(&self, chars: &[char], i: usize) -> Option<&Term> {
        let at = self
            .index
            .binary_search_by_key(&chars[i], |(c, _)| *c)
            .ok()?;
        let candidates = &self.index[at].1;
        let is_word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        candidates.iter().find(|term| {
            let end = i + term.chars.len();
            end <= chars.len()
                && chars[i..end] == term.chars[..]
                && (!term.latin
                    || (!is_word(i.checked_sub(1).and_then(|p| chars.get(p)))
                        && !is_word(chars.get(end))))
        })
    }

    fn answer(&self, scores: Vec<f64>, matched: Vec<Vec<String>>) -> Classification {
        let mut candidates: Vec<Candidate> = scores
            .iter()
            .zip(matched)
            .enumerate()
            .filter(|(_, (s, _))| **s > 0.0)
            .map(|(t, (s, m))| Candidate {
                topic: self.dictionary.topics[t].id.clone(),
                score: (s * 100.0).round() / 100.0,
                matched: m,
            })
            .collect();
        crate::order::sort_by(&mut candidates, |a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.topic.cmp(&b.topic))
        });
        let (topic, confidence) = match candidates.as_slice() {
            [] => ("other".to_owned(), 0.0),
            [only] => (only.topic.clone(), certainty(only.score, 0.0)),
            [first, second, ..] => (first.topic.clone(), certainty(first.score, second.score)),
        };
        let departments = self
            .dictionary
            .topic(&topic)
            .map(|t| t.departments.clone())
            .unwrap_or_default();
        Classification {
            department: departments.first().cloned().unwrap_or_default(),
            departments,
            topic,
            confidence,
            candidates,
        }
    }
}

/// How clearly the best score stands out: its share of the two best, damped
/// when the evidence is thin.
fn certainty(best: f64, second: f64) -> f64 {
    let share = best / (best + second);
    let evidence = 1.0 - (-best / 3.0).exp();
    (share * evidence * 100.0).round() / 100.0
}

/// Lower-cased, with full-width forms folded, as the index keeps terms.
fn normalize(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topic(title: &str, description: &str) -> String {
        Dictionary::builtin()
            .classifier()
            .classify(title, description)
            .topic
    }

    #[test]
    fn the_builtin_reader_reads_what_the_checked_reader_reads() {
        let json = include_str!("../../catalog/topics.json");
        assert_eq!(Dictionary::builtin(), &Dictionary::from_json(json).unwrap());
    }

    #[test]
    fn the_seed_demands_are_routed() {
        assert_eq!(
            topic("盐田港后方陆域高峰期拥堵", "每天下午拖车排队进港"),
            "traffic"
        );
        assert_eq!(
            topic("获取最新知识产权政策信息不够", "希望举办培训"),
            "intellectual_property"
        );
        assert_eq!(
            topic("保税区货运通道开放时间", "希望延长至24小时"),
            "customs"
        );
        assert_eq!(
            topic("交通物流专项再贷款", "物流企业资金周转困难"),
            "financing"
        );
    }

    #[test]
    fn latin_terms_match_whole_words_and_mixed_text_works() {
        let taxi = Dictionary::builtin()
            .classifier()
            .classify("Taxi rank", "taxis wait at the gate");
        assert!(taxi.candidates.iter().all(|c| c.topic != "tax"), "{taxi:?}");
        assert_eq!(
            topic("VAT invoice problem", "we cannot issue fapiao"),
            "tax"
        );
        assert_eq!(topic("出口退税 delay", "export tax refund 还没到账"), "tax");
    }

    #[test]
    fn explains_itself() {
        let c = Dictionary::builtin()
            .classifier()
            .classify("增值税发票", "开票系统无法使用");
        assert_eq!(c.topic, "tax");
        assert_eq!(c.department, "tax_bureau");
        assert!(c.confidence > 0.5);
        assert_eq!(c.candidates[0].matched, ["增值税", "发票", "开票"]);
        let none = Dictionary::builtin()
            .classifier()
            .classify("你好", "请问怎么办");
        assert_eq!((none.topic.as_str(), none.confidence), ("other", 0.0));
        assert_eq!(none.department, "enterprise_service_centre");
    }

    #[test]
    fn a_district_extends_the_dictionary() {
        let mut dictionary = Dictionary::builtin().clone();
        let extension: DictionaryExtension = serde_json::from_str(
            r#"{"departments": [{"id": "port_office", "name": {"zh-CN": "口岸办", "en": "Port office"}}],
                "terms": {"customs": {"口岸": 3}}, "routing": {"customs": ["customs_office", "port_office"]}}"#,
        )
        .unwrap();
        dictionary.extend(extension).unwrap();
        let c = dictionary.classifier().classify("口岸问题", "口岸");
        assert_eq!((c.topic.as_str(), c.departments.len()), ("customs", 2));
        let bad: DictionaryExtension =
            serde_json::from_str(r#"{"terms": {"nope": {"x": 1}}}"#).unwrap();
        assert!(dictionary.extend(bad).is_err());
    }
}
