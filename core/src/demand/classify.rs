//! Suggesting the topic and the responsible department of a demand from its
//! text, saying what carried the decision.
//!
//! Two parts work together. The dictionary ([`Dictionary`], data in
//! `core/catalog/topics.json`) matches weighted terms: leftmost-longest over
//! the text, Chinese terms anywhere, Latin terms only as whole words (`tax`
//! does not match `taxi`), after spelling variants are folded (`到帐` reads
//! as `到账`). The learned model ([`Model`], `core/catalog/classifier.json`)
//! weighs character n-grams, word stems and the dictionary's score of each
//! topic, so that terse, colloquial or English text, and words that point to
//! the wrong office, are read as the labelled demands taught it. Without a
//! model the dictionary's scores decide alone.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::dictionary::Dictionary;
use super::features::{self, DICTIONARY_PREFIX, TITLE_FACTOR};
use super::model::{Evidence, Model};
use super::TOPIC_IDS;

/// One candidate topic with its score and what carried it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Topic id.
    pub topic: String,
    /// With a model: the probability of the topic (0–1, three decimals).
    /// Without one: the sum of the matched terms' weights (title matches
    /// count 1.5 times, a repeated term a quarter).
    pub score: f64,
    /// The dictionary's terms of this topic found in the text, in order of
    /// appearance, once each.
    pub matched: Vec<String>,
    /// With a model: the features that added most to the topic's score,
    /// largest first (at most five, each with what it added).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<Evidence>,
}

/// The classifier's answer (`lianjian classify`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The suggested topic (`other` when the text gives nothing to go on: no
    /// feature at all, or with a model, no term and a best probability under
    /// 30 %).
    pub topic: String,
    /// The lead responsible department.
    pub department: String,
    /// All responsible departments of the topic.
    pub departments: Vec<String>,
    /// 0–1: how clearly the text points to this topic (with a model, its
    /// probability).
    pub confidence: f64,
    /// Without a model: every topic with a matched term, best first. With
    /// one: the three likeliest topics, and any other of 1 % or more.
    pub candidates: Vec<Candidate>,
}

/// A prepared classifier: terms and spelling variants indexed by their
/// first character, and the learned model, if any.
#[derive(Debug, Clone)]
pub struct Classifier<'d> {
    dictionary: &'d Dictionary,
    index: Arc<Index>,
    model: Option<&'d Model>,
}

#[derive(Debug)]
struct Index {
    /// First character → the terms starting with it, longest first; sorted
    /// by character for binary search.
    terms: Vec<(char, Vec<Term>)>,
    /// First character → (variant, word), longest variant first.
    variants: Vec<(char, Vec<Variant>)>,
}

/// A spelling variant and the word it folds into, as characters.
type Variant = (Vec<char>, Vec<char>);

#[derive(Debug, Clone)]
struct Term {
    text: String,
    chars: Vec<char>,
    latin: bool,
    topics: Vec<(usize, f64)>,
}

/// Candidates below this probability are left out (beyond the first three).
const CANDIDATE_MIN: f64 = 0.01;
/// Below this probability, a text no term matches goes to `other` first.
const UNSURE: f64 = 0.3;
/// Features listed as evidence per candidate.
const EVIDENCE_MAX: usize = 5;

impl<'d> Classifier<'d> {
    /// Indexes the dictionary's terms and variants. Built from sorted lists
    /// rather than a hash map and a tree map: the same index, with less code
    /// in the browser bundle.
    pub(crate) fn new(dictionary: &'d Dictionary) -> Self {
        Classifier {
            dictionary,
            index: Arc::new(Index::new(dictionary)),
            model: None,
        }
    }

    /// The same classifier with a learned model (sharing the term index).
    pub fn with_model<'m>(&self, model: &'m Model) -> Classifier<'m>
    where
        'd: 'm,
    {
        Classifier {
            dictionary: self.dictionary,
            index: Arc::clone(&self.index),
            model: Some(model),
        }
    }

    /// The learned model, if any.
    pub fn model(&self) -> Option<&'d Model> {
        self.model
    }

    /// The dictionary it matches.
    pub fn dictionary(&self) -> &'d Dictionary {
        self.dictionary
    }

    /// The departments responsible for a topic, the lead first: the model's
    /// routing where it has one for the topic, else the dictionary's.
    pub fn departments_of(&self, topic: &str) -> &[String] {
        if let Some(departments) = self.model.and_then(|m| m.routing(topic)) {
            return departments;
        }
        self.dictionary
            .topic(topic)
            .map_or(&[], |t| t.departments.as_slice())
    }

    /// Text as it is matched and read: normalised, variants folded.
    fn prepare(&self, text: &str) -> Vec<char> {
        let chars: Vec<char> = features::normalize(text).collect();
        let variants = &self.index.variants;
        if variants.is_empty() {
            return chars;
        }
        let mut out = Vec::with_capacity(chars.len());
        let mut i = 0;
        while i < chars.len() {
            let found = variants
                .binary_search_by_key(&chars[i], |(c, _)| *c)
                .ok()
                .and_then(|at| {
                    variants[at]
                        .1
                        .iter()
                        .find(|(from, _)| chars[i..].starts_with(from))
                });
            match found {
                Some((from, to)) => {
                    out.extend_from_slice(to);
                    i += from.len();
                }
                None => {
                    out.push(chars[i]);
                    i += 1;
                }
            }
        }
        out
    }

    /// Classifies a demand from its title and description.
    pub fn classify(&self, title: &str, description: &str) -> Classification {
        let title = self.prepare(title);
        let description = self.prepare(description);
        let (scores, matched) = self.match_terms(&title, &description);
        match self.model {
            Some(model) => {
                let read = self.model_features(&title, &description, &scores);
                self.learned(model, &read, matched)
            }
            None => self.by_terms(scores, matched),
        }
    }

    /// The features a model reads from a title and description (those a
    /// model is trained on): the text's n-grams and word stems, and `#topic`
    /// for each topic whose terms matched.
    #[cfg(feature = "train")]
    pub(crate) fn features(&self, title: &str, description: &str) -> Vec<(String, f64)> {
        let title = self.prepare(title);
        let description = self.prepare(description);
        let (scores, _) = self.match_terms(&title, &description);
        self.model_features(&title, &description, &scores)
    }

    fn model_features(
        &self,
        title: &[char],
        description: &[char],
        scores: &[f64],
    ) -> Vec<(String, f64)> {
        let mut read = features::text_features(title, description);
        for (t, &score) in scores.iter().enumerate() {
            if score > 0.0 {
                let id = &self.dictionary.topics[t].id;
                read.push((
                    format!("{DICTIONARY_PREFIX}{id}"),
                    features::dictionary_value(score),
                ));
            }
        }
        read
    }

    /// Per dictionary topic: the terms' score and the terms matched.
    fn match_terms(&self, title: &[char], description: &[char]) -> (Vec<f64>, Vec<Vec<String>>) {
        let mut scores = vec![0.0f64; self.dictionary.topics.len()];
        let mut matched: Vec<Vec<String>> = vec![Vec::new(); self.dictionary.topics.len()];
        for (chars, factor) in [(title, TITLE_FACTOR), (description, 1.0)] {
            let mut i = 0;
            while i < chars.len() {
                match self.longest_at(chars, i) {
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
        (scores, matched)
    }

    /// The longest term starting at `i`, with word boundaries for Latin terms.
    fn longest_at(&self, chars: &[char], i: usize) -> Option<&Term> {
        let terms = &self.index.terms;
        let at = terms.binary_search_by_key(&chars[i], |(c, _)| *c).ok()?;
        let is_word = |c: Option<&char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        terms[at].1.iter().find(|term| {
            let end = i + term.chars.len();
            end <= chars.len()
                && chars[i..end] == term.chars[..]
                && (!term.latin
                    || (!is_word(i.checked_sub(1).and_then(|p| chars.get(p)))
                        && !is_word(chars.get(end))))
        })
    }

    /// The answer from the dictionary's scores alone.
    fn by_terms(&self, scores: Vec<f64>, matched: Vec<Vec<String>>) -> Classification {
        let mut candidates: Vec<Candidate> = scores
            .iter()
            .zip(matched)
            .enumerate()
            .filter(|(_, (s, _))| **s > 0.0)
            .map(|(t, (s, m))| Candidate {
                topic: self.dictionary.topics[t].id.clone(),
                score: round(*s, 100.0),
                matched: m,
                evidence: Vec::new(),
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
        self.answer(topic, confidence, candidates)
    }

    /// The answer of the learned model, over the text's features and the
    /// dictionary's scores.
    fn learned(
        &self,
        model: &Model,
        read: &[(String, f64)],
        mut matched: Vec<Vec<String>>,
    ) -> Classification {
        if read.is_empty() {
            return self.answer("other".to_owned(), 0.0, Vec::new());
        }
        let scored = model.score(read);
        let mut ranked: Vec<usize> = (0..TOPIC_IDS.len()).collect();
        crate::order::sort_by(&mut ranked, |&a, &b| {
            scored.probabilities[b].total_cmp(&scored.probabilities[a])
        });
        // No term matched and the model is unsure: the general desk first.
        let no_term = matched.iter().all(Vec::is_empty);
        if no_term && scored.probabilities[ranked[0]] < UNSURE {
            if let Some(at) = ranked.iter().position(|&t| TOPIC_IDS[t] == "other") {
                let other = ranked.remove(at);
                ranked.insert(0, other);
            }
        }
        let candidates: Vec<Candidate> = ranked
            .iter()
            .enumerate()
            .take_while(|&(rank, &t)| rank < 3 || scored.probabilities[t] >= CANDIDATE_MIN)
            .map(|(_, &t)| {
                let id = TOPIC_IDS[t];
                let matched = self
                    .dictionary
                    .topics
                    .iter()
                    .position(|entry| entry.id == id)
                    .map(|d| std::mem::take(&mut matched[d]))
                    .unwrap_or_default();
                Candidate {
                    topic: id.to_owned(),
                    score: round(scored.probabilities[t], 1000.0),
                    matched,
                    evidence: evidence(&scored.parts[t]),
                }
            })
            .collect();
        let best = ranked[0];
        self.answer(
            TOPIC_IDS[best].to_owned(),
            round(scored.probabilities[best], 100.0),
            candidates,
        )
    }

    fn answer(&self, topic: String, confidence: f64, candidates: Vec<Candidate>) -> Classification {
        let departments = self.departments_of(&topic).to_vec();
        Classification {
            department: departments.first().cloned().unwrap_or_default(),
            departments,
            topic,
            confidence,
            candidates,
        }
    }
}

impl Index {
    fn new(dictionary: &Dictionary) -> Index {
        // Every (normalised term, topic, weight), in dictionary order.
        let mut entries: Vec<(String, usize, f64)> = Vec::new();
        for (t, topic) in dictionary.topics.iter().enumerate() {
            for (text, &weight) in &topic.terms {
                entries.push((features::normalize(text).collect(), t, weight));
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
        let mut pairs: Vec<Variant> = dictionary
            .variants
            .iter()
            .map(|(from, to)| {
                (
                    features::normalize(from).collect(),
                    features::normalize(to).collect(),
                )
            })
            .filter(|(from, _): &Variant| !from.is_empty())
            .collect();
        crate::order::sort_by(&mut pairs, |a, b| {
            a.0.first()
                .cmp(&b.0.first())
                .then_with(|| b.0.len().cmp(&a.0.len()))
        });
        let mut variants: Vec<(char, Vec<Variant>)> = Vec::new();
        for pair in pairs {
            let first = pair.0[0];
            match variants.last_mut() {
                Some((c, list)) if *c == first => list.push(pair),
                _ => variants.push((first, vec![pair])),
            }
        }
        Index {
            terms: index,
            variants,
        }
    }
}

/// The features that added most to a topic's score, largest first.
fn evidence(parts: &[(String, f64)]) -> Vec<Evidence> {
    let mut parts: Vec<&(String, f64)> = parts.iter().filter(|(_, w)| *w > 0.0).collect();
    crate::order::sort_by(&mut parts, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    parts
        .into_iter()
        .take(EVIDENCE_MAX)
        .map(|(feature, weight)| Evidence {
            feature: feature.clone(),
            weight: round(*weight, 100.0),
        })
        .filter(|e| e.weight > 0.0)
        .collect()
}

fn round(value: f64, scale: f64) -> f64 {
    (value * scale).round() / scale
}

/// How clearly the best score stands out: its share of the two best, damped
/// when the evidence is thin.
fn certainty(best: f64, second: f64) -> f64 {
    let share = best / (best + second);
    let evidence = 1.0 - (-best / 3.0).exp();
    round(share * evidence, 100.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn by_terms(title: &str, description: &str) -> Classification {
        Dictionary::builtin()
            .classifier()
            .classify(title, description)
    }

    fn topic(title: &str, description: &str) -> String {
        Dictionary::builtin_classifier()
            .classify(title, description)
            .topic
    }

    #[test]
    fn the_seed_demands_are_routed() {
        for (title, description, expected) in [
            (
                "盐田港后方陆域高峰期拥堵",
                "每天下午拖车排队进港",
                "traffic",
            ),
            (
                "获取最新知识产权政策信息不够",
                "希望举办培训",
                "intellectual_property",
            ),
            ("保税区货运通道开放时间", "希望延长至24小时", "customs"),
            ("交通物流专项再贷款", "物流企业资金周转困难", "financing"),
        ] {
            assert_eq!(by_terms(title, description).topic, expected, "{title}");
            assert_eq!(topic(title, description), expected, "{title}");
        }
    }

    #[test]
    fn latin_terms_match_whole_words_and_mixed_text_works() {
        let taxi = by_terms("Taxi rank", "taxis wait at the gate");
        assert!(taxi.candidates.iter().all(|c| c.topic != "tax"), "{taxi:?}");
        assert_eq!(
            by_terms("VAT invoice problem", "we cannot issue fapiao").topic,
            "tax"
        );
        assert_eq!(
            topic("VAT invoice problem", "we cannot issue fapiao"),
            "tax"
        );
        assert_eq!(topic("出口退税 delay", "export tax refund 还没到账"), "tax");
    }

    #[test]
    fn spelling_variants_read_as_the_word() {
        let c = by_terms("出口退税还没到帐", "");
        assert_eq!(c.candidates[0].matched, ["出口退税"]);
        let c = by_terms("社宝断缴", "");
        assert_eq!(
            (c.topic.as_str(), c.candidates[0].matched[0].as_str()),
            ("social_security", "社保")
        );
    }

    #[test]
    fn explains_itself_by_terms() {
        let c = by_terms("增值税发票", "开票系统无法使用");
        assert_eq!(c.topic, "tax");
        assert_eq!(c.department, "tax_bureau");
        assert!(c.confidence > 0.5);
        assert_eq!(c.candidates[0].matched, ["增值税", "发票", "开票"]);
        assert!(c.candidates[0].evidence.is_empty());
        let none = by_terms("你好", "请问怎么办");
        assert_eq!((none.topic.as_str(), none.confidence), ("other", 0.0));
        assert_eq!(none.department, "enterprise_service_centre");
    }

    #[cfg(feature = "builtin-model")]
    #[test]
    fn the_model_says_which_features_carried_the_decision() {
        let c = Dictionary::builtin_classifier().classify("增值税发票", "开票系统无法使用");
        assert_eq!(
            (c.topic.as_str(), c.department.as_str()),
            ("tax", "tax_bureau")
        );
        assert!(c.confidence > 0.5, "{c:?}");
        let best = &c.candidates[0];
        assert_eq!(best.matched, ["增值税", "发票", "开票"]);
        assert!(!best.evidence.is_empty() && best.evidence.len() <= EVIDENCE_MAX);
        assert!(best.evidence.windows(2).all(|w| w[0].weight >= w[1].weight));
        assert!(
            best.evidence.iter().any(|e| e.feature == "#tax"),
            "{best:?}"
        );
        assert!(c.candidates.len() >= 3);
        let sum: f64 = c.candidates.iter().map(|c| c.score).sum();
        assert!(sum <= 1.001, "{sum}");
        // Nothing to read: no guess.
        let none = Dictionary::builtin_classifier().classify("？？", "123");
        assert_eq!((none.topic.as_str(), none.confidence), ("other", 0.0));
        assert!(none.candidates.is_empty());
        // No term and the model unsure: the general desk first.
        let unsure = Dictionary::builtin_classifier().classify("你好", "请问这个怎么办理");
        assert_eq!(unsure.topic, "other", "{unsure:?}");
        assert_eq!(unsure.candidates[0].topic, "other");
        assert!(unsure.confidence < 0.3);
    }
}
