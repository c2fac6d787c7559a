//! Training a classifier [`Model`] from labelled demands (feature `train`):
//! the built-in model from the `tune` splits of the labelled set, a
//! district's model from those and the district's own corrections.
//!
//! The model is a multinomial logistic regression with L2 regularisation,
//! fitted by `linfa-logistic` (L-BFGS) over the features the classifier
//! reads ([`Classifier`]): character n-grams and word stems that at least
//! [`Training::min_count`] training demands share, and the dictionary's
//! score of each topic. Weights are rounded to two decimals and those
//! smaller than [`Training::min_weight`] are dropped, which keeps the model
//! small. There is no randomness: the same demands give the same model.
//!
//! Departments are learned per topic: where the items that name a department
//! (corrections do) assign one department of a topic most often, at least
//! [`ROUTING_MIN`] times, and it is not the dictionary's lead, the model
//! routes the topic to it first.

use std::collections::BTreeMap;

use linfa::prelude::*;
use linfa_logistic::MultiLogisticRegression;
use ndarray::{Array1, Array2};
use serde_json::Value;

use super::{Classifier, Model, TOPIC_IDS};
use crate::Error;

/// One labelled demand: its text and the topic of the department that had
/// to act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Labelled {
    /// The title (may be empty).
    pub title: String,
    /// The description (may be empty).
    pub description: String,
    /// A wire topic id.
    pub topic: String,
    /// The department staff assigned, when known (corrections say it).
    pub department: Option<String>,
    /// How many times it counts (a district's corrections count more than
    /// the built-in demands).
    pub weight: usize,
}

/// Corrections that must name a department before it leads a topic.
pub const ROUTING_MIN: usize = 2;

/// How a model is fitted.
#[derive(Debug, Clone, PartialEq)]
pub struct Training {
    /// L2 regularisation of the weights (larger: smaller weights).
    pub alpha: f64,
    /// A text feature is used when at least this many training demands
    /// (counted with their weight) have it.
    pub min_count: usize,
    /// Weights smaller than this, after rounding, are left out of the model.
    pub min_weight: f64,
    /// L-BFGS iterations at most.
    pub iterations: u64,
}

impl Default for Training {
    /// The settings of the built-in model, chosen by cross-validation on the
    /// `tune` splits.
    fn default() -> Self {
        Training {
            alpha: 1.0 / 3.0,
            min_count: 2,
            min_weight: 0.1,
            iterations: 400,
        }
    }
}

/// The labelled demands the built-in model is trained on: the `tune` split
/// of `tests/fixtures/demands/devset.jsonl` (demands written for tuning) and
/// of `tests/fixtures/demands/as-written.jsonl` (demands as enterprises write
/// them: terse, colloquial, with typos, English, misleading words).
pub fn builtin_set() -> Vec<Labelled> {
    let mut set = Vec::new();
    for text in [
        include_str!("../../../tests/fixtures/demands/devset.jsonl"),
        include_str!("../../../tests/fixtures/demands/as-written.jsonl"),
    ] {
        // The files are checked by the tests; a line that does not read is skipped.
        for value in text
            .lines()
            .filter_map(|line| serde_json::from_str::<Value>(line).ok())
            .filter(|value| value["split"] == "tune")
        {
            let field = |key: &str| value[key].as_str().unwrap_or_default().to_owned();
            set.push(Labelled {
                title: field("title"),
                description: field("description"),
                topic: field("topic"),
                department: None,
                weight: 1,
            });
        }
    }
    set
}

/// The `about` of the built-in model trained on `items` demands.
pub fn about_builtin(items: usize) -> String {
    format!(
        "built in: {items} labelled demands, the tune splits of devset.jsonl and as-written.jsonl"
    )
}

/// Fits a model to `items`, reading text as `classifier` reads it (its
/// dictionary and spelling variants; its own model plays no part). `about`
/// is written into the model. Fails when an item names an unknown topic or
/// a topic has no item.
pub fn train(
    classifier: &Classifier<'_>,
    items: &[Labelled],
    training: &Training,
    about: String,
) -> Result<Model, Error> {
    let invalid = |why: String| Err(Error::ClassifierInvalid(why));
    // (features, topic position, weight) per item.
    type Row = (Vec<(String, f64)>, usize, usize);
    let mut rows: Vec<Row> = Vec::with_capacity(items.len());
    for (n, item) in items.iter().enumerate() {
        let Some(topic) = TOPIC_IDS.iter().position(|t| *t == item.topic) else {
            return invalid(format!("item {}: unknown topic `{}`", n + 1, item.topic));
        };
        let read = classifier.features(&item.title, &item.description);
        rows.push((read, topic, item.weight));
    }
    if let Some(missing) = TOPIC_IDS
        .iter()
        .enumerate()
        .find(|(t, _)| !rows.iter().any(|(_, topic, w)| topic == t && *w > 0))
    {
        return invalid(format!("no labelled demand of topic `{}`", missing.1));
    }

    // The features used, each with its column.
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for (read, _, weight) in &rows {
        for (feature, _) in read {
            *counts.entry(feature.as_str()).or_default() += weight;
        }
    }
    let columns: BTreeMap<&str, usize> = counts
        .into_iter()
        .filter(|(feature, count)| {
            *count >= training.min_count || feature.starts_with(super::features::DICTIONARY_PREFIX)
        })
        .enumerate()
        .map(|(column, (feature, _))| (feature, column))
        .collect();

    let height: usize = rows.iter().map(|(_, _, w)| w).sum();
    let mut x = Array2::<f64>::zeros((height, columns.len()));
    let mut y = Array1::<usize>::zeros(height);
    let mut row = 0;
    for (read, topic, weight) in &rows {
        for _ in 0..*weight {
            for (feature, value) in read {
                if let Some(&column) = columns.get(feature.as_str()) {
                    x[[row, column]] = *value;
                }
            }
            y[row] = *topic;
            row += 1;
        }
    }
    let fitted = MultiLogisticRegression::default()
        .alpha(training.alpha)
        .max_iterations(training.iterations)
        .fit(&Dataset::new(x, y))
        .map_err(|e| Error::ClassifierInvalid(format!("training failed: {e}")))?;

    let round = |w: f64| {
        let w = (w * 100.0).round() / 100.0;
        if w == 0.0 {
            0.0
        } else {
            w
        }
    };
    let classes = fitted.classes();
    let mut bias = vec![0.0; TOPIC_IDS.len()];
    for (k, &topic) in classes.iter().enumerate() {
        bias[topic] = round(fitted.intercept()[k]);
    }
    let params = fitted.params();
    let mut weights = Vec::new();
    for (feature, &column) in &columns {
        for (k, &topic) in classes.iter().enumerate() {
            let weight = round(params[[column, k]]);
            if weight.abs() >= training.min_weight {
                weights.push(((*feature).to_owned(), topic, weight));
            }
        }
    }
    let mut model = Model::new(about, bias, weights)?;
    for (topic, departments) in routing(classifier, items) {
        model = model.with_routing(topic, departments)?;
    }
    Ok(model)
}

/// Per topic whose items name another lead department than the
/// dictionary's: the departments, that one first.
fn routing<'i>(classifier: &Classifier<'_>, items: &'i [Labelled]) -> Vec<(&'i str, Vec<String>)> {
    let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for item in items {
        if let Some(department) = &item.department {
            *counts
                .entry((item.topic.as_str(), department.as_str()))
                .or_default() += 1;
        }
    }
    let dictionary = classifier.dictionary();
    let mut routing = Vec::new();
    for topic in dictionary.topics.iter() {
        // The most named department (the first in id order on a tie).
        let Some(((topic_id, lead), count)) =
            counts.iter().filter(|((t, _), _)| *t == topic.id).fold(
                None,
                |best: Option<(&(&str, &str), &usize)>, entry| match best {
                    Some((_, n)) if n >= entry.1 => best,
                    _ => Some(entry),
                },
            )
        else {
            continue;
        };
        if *count < ROUTING_MIN || topic.departments.first().map(String::as_str) == Some(*lead) {
            continue;
        }
        let mut departments = vec![(*lead).to_owned()];
        departments.extend(topic.departments.iter().filter(|d| d != lead).cloned());
        routing.push((*topic_id, departments));
    }
    routing
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demand::Dictionary;

    fn item(title: &str, topic: &str, weight: usize) -> Labelled {
        Labelled {
            title: title.into(),
            description: String::new(),
            topic: topic.into(),
            department: None,
            weight,
        }
    }

    #[test]
    fn the_builtin_set_holds_every_topic() {
        let set = builtin_set();
        assert!(set.len() > 400, "{}", set.len());
        for topic in TOPIC_IDS {
            assert!(
                set.iter().filter(|i| i.topic == topic).count() >= 20,
                "{topic}"
            );
        }
    }

    #[test]
    fn learns_what_it_is_taught_and_refuses_what_it_cannot() {
        let classifier = Dictionary::builtin().classifier();
        let mut items: Vec<Labelled> = TOPIC_IDS
            .iter()
            .map(|t| item(&format!("{t} 事项"), t, 2))
            .collect();
        items.push(item("冷库扩容审批", "land_space", 3));
        items.push(item("冷库扩容手续", "land_space", 3));
        let model = train(&classifier, &items, &Training::default(), "test".into()).unwrap();
        let answer = classifier.with_model(&model).classify("冷库扩容", "");
        assert_eq!(answer.topic, "land_space", "{answer:?}");
        assert!(answer.candidates[0]
            .evidence
            .iter()
            .any(|e| e.feature == "冷库" || e.feature == "扩容"));
        let again = train(&classifier, &items, &Training::default(), "test".into()).unwrap();
        assert_eq!(
            model.to_json(),
            again.to_json(),
            "the same items, the same model"
        );

        // Departments named by corrections lead their topic, from two on.
        let mut routed = items.clone();
        for title in ["冷库用电增容", "厂房电力增容"] {
            routed.push(Labelled {
                department: Some("industry_it_bureau".into()),
                ..item(title, "industry_policy", 3)
            });
        }
        let model = train(&classifier, &routed, &Training::default(), String::new()).unwrap();
        assert_eq!(
            model.routing("industry_policy").unwrap(),
            [
                "industry_it_bureau",
                "development_reform_bureau",
                "science_innovation_bureau"
            ]
        );
        let answer = classifier.with_model(&model).classify("冷库用电增容", "");
        assert_eq!(answer.department, "industry_it_bureau", "{answer:?}");
        routed.pop();
        let model = train(&classifier, &routed, &Training::default(), String::new()).unwrap();
        assert!(
            model.routing("industry_policy").is_none(),
            "one is not enough"
        );

        items.push(item("x", "weather", 1));
        let error = train(&classifier, &items, &Training::default(), String::new()).unwrap_err();
        assert!(error.to_string().contains("unknown topic `weather`"));
        let error = train(
            &classifier,
            &items[..3],
            &Training::default(),
            String::new(),
        )
        .unwrap_err();
        assert!(error.to_string().contains("no labelled demand of topic"));
    }
}
