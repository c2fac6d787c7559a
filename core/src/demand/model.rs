//! The learned model beside the dictionary: a linear model (multinomial
//! logistic regression) over the features of [`super::features`], one weight
//! per topic and feature, kept only where it matters (small weights are
//! dropped when the model is written).
//!
//! A model is data, in the shape of `core/catalog/classifier.json`:
//!
//! ```json
//! { "format": "lianjian-classifier/1",
//!   "about": "what it was trained on",
//!   "routing": { "industry_policy": ["industry_it_bureau", "development_reform_bureau"] },
//!   "topics": { "tax": { "bias": -0.4, "weights": { "#tax": 2.1, "退税": 0.9 } }, … } }
//! ```
//!
//! Every wire topic is present. `routing` (optional) gives the departments of
//! a topic where a district's staff assign another department than the
//! dictionary's lead: learned from corrections, it replaces the dictionary's
//! departments of that topic. A feature is a character n-gram of Chinese
//! text (`退税`), a stem of an English word (`refund`), or `#` and a topic id:
//! the dictionary's score of that topic. A topic's score is its bias plus the
//! sum of feature value × weight; the scores become probabilities through
//! softmax. Districts build their own model from their corrections
//! (`lianjian classify --train`) and load it through the `classifier` option.

use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::TOPIC_IDS;
use crate::input::{Got, Obj};
use crate::Error;

/// The `format` of model files this crate reads and writes.
pub const FORMAT: &str = "lianjian-classifier/1";

/// Largest weight or bias a model may hold (a larger one is a broken file).
const WEIGHT_MAX: f64 = 1000.0;
/// [`WEIGHT_MAX`] as messages say it (formatting a float would add the
/// float printer to the browser bundle).
const WEIGHT_MAX_TEXT: &str = "1000";

/// A learned model: per topic a bias and the weights of its features.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// What the model was trained on, for people.
    pub about: String,
    /// The bias of each topic, in the order of [`TOPIC_IDS`].
    bias: Vec<f64>,
    /// Feature → (topic position, weight), sorted by feature.
    index: Vec<(String, Vec<(u8, f64)>)>,
    /// Per topic position: the departments that replace the dictionary's.
    routing: Vec<(usize, Vec<String>)>,
}

/// One feature's part in a topic's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The feature: an n-gram (`退税`), a word stem (`refund`), or `#topic`
    /// (the dictionary's terms of that topic, listed in `matched`).
    pub feature: String,
    /// Its value × its weight: what it added to the topic's score.
    pub weight: f64,
}

/// The model's reading of one text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scored {
    /// Probability per topic, in the order of [`TOPIC_IDS`].
    pub probabilities: Vec<f64>,
    /// Per topic, what each feature added (features with a weight only).
    pub parts: Vec<Vec<(String, f64)>>,
}

impl Model {
    /// A model from its parts: `bias` per topic in the order of
    /// [`TOPIC_IDS`], `weights` as (feature, topic position, weight).
    /// Zero weights are left out.
    pub fn new(
        about: String,
        bias: Vec<f64>,
        weights: impl IntoIterator<Item = (String, usize, f64)>,
    ) -> Result<Model, Error> {
        if bias.len() != TOPIC_IDS.len() {
            return Err(invalid(format!(
                "{} biases for {} topics",
                bias.len(),
                TOPIC_IDS.len()
            )));
        }
        let mut entries: Vec<(String, usize, f64)> =
            weights.into_iter().filter(|(_, _, w)| *w != 0.0).collect();
        crate::order::sort_by(&mut entries, |a, b| a.0.cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut index: Vec<(String, Vec<(u8, f64)>)> = Vec::new();
        for (feature, topic, weight) in entries {
            let topic = u8::try_from(topic)
                .ok()
                .filter(|t| usize::from(*t) < TOPIC_IDS.len())
                .ok_or_else(|| invalid(format!("no topic at position {topic}")))?;
            match index.last_mut() {
                Some((last, list)) if *last == feature => {
                    if list.iter().any(|(t, _)| *t == topic) {
                        return Err(invalid(format!("`{feature}` is weighted twice")));
                    }
                    list.push((topic, weight));
                }
                _ => index.push((feature, vec![(topic, weight)])),
            }
        }
        let model = Model {
            about,
            bias,
            index,
            routing: Vec::new(),
        };
        model.check()?;
        Ok(model)
    }

    /// The model with `departments` (lead first) for `topic`, in place of
    /// the dictionary's.
    pub fn with_routing(mut self, topic: &str, departments: Vec<String>) -> Result<Model, Error> {
        let Some(t) = TOPIC_IDS.iter().position(|id| *id == topic) else {
            return Err(invalid(format!("`routing` names no topic `{topic}`")));
        };
        if departments.is_empty() || departments.iter().any(|d| d.trim().is_empty()) {
            return Err(invalid(format!(
                "`routing.{topic}` must list department ids"
            )));
        }
        self.routing.retain(|(at, _)| *at != t);
        // Kept in topic order (inserted in place: a sort would add its code
        // to the browser bundle).
        let position = self.routing.partition_point(|(at, _)| *at < t);
        self.routing.insert(position, (t, departments));
        Ok(self)
    }

    /// The departments of a topic this model routes differently from the
    /// dictionary, lead first.
    pub fn routing(&self, topic: &str) -> Option<&[String]> {
        let t = TOPIC_IDS.iter().position(|id| *id == topic)?;
        self.routing
            .iter()
            .find(|(at, _)| *at == t)
            .map(|(_, departments)| departments.as_slice())
    }

    /// Refuses a routing to a department the dictionary does not know.
    pub fn check_departments(&self, dictionary: &super::Dictionary) -> Result<(), Error> {
        for (t, departments) in &self.routing {
            if let Some(d) = departments
                .iter()
                .find(|d| dictionary.department(d).is_none())
            {
                return Err(invalid(format!(
                    "`routing.{}` names unknown department `{d}`",
                    TOPIC_IDS[*t]
                )));
            }
        }
        Ok(())
    }

    fn check(&self) -> Result<(), Error> {
        let bad = |w: f64| !w.is_finite() || w.abs() > WEIGHT_MAX;
        if let Some(at) = self.bias.iter().position(|&b| bad(b)) {
            return Err(invalid(format!(
                "`topics.{}.bias` is not a number within ±{WEIGHT_MAX_TEXT}",
                TOPIC_IDS[at]
            )));
        }
        for (feature, weights) in &self.index {
            if feature.trim().is_empty() {
                return Err(invalid("a feature is empty".into()));
            }
            if let Some((t, _)) = weights.iter().find(|(_, w)| bad(*w)) {
                return Err(invalid(format!(
                    "`topics.{}.weights.{feature}` is not a number within ±{WEIGHT_MAX_TEXT}",
                    TOPIC_IDS[usize::from(*t)]
                )));
            }
        }
        Ok(())
    }

    /// The built-in model (`core/catalog/classifier.json`), when the crate is
    /// built with the `builtin-model` feature (the default); `None` without
    /// it (the browser bundle, whose demand form loads the model file).
    pub fn builtin() -> Option<&'static Model> {
        #[cfg(feature = "builtin-model")]
        {
            static BUILTIN: std::sync::OnceLock<Option<Model>> = std::sync::OnceLock::new();
            BUILTIN
                .get_or_init(|| {
                    Model::from_text(crate::input::builtin::data_file!("catalog/classifier.json"))
                        .ok()
                })
                .as_ref()
        }
        #[cfg(not(feature = "builtin-model"))]
        {
            None
        }
    }

    /// Reads and checks a model file's JSON text.
    pub fn from_text(text: &str) -> Result<Model, Error> {
        let text = crate::input::prepare(text);
        let (value, twice) = crate::input::capture::capture(&text, &crate::input::capture::ANY)
            .map_err(|e| invalid(format!("not JSON: {e}")))?;
        if let Some(path) = twice.first() {
            return Err(invalid(format!("`{path}` is given twice")));
        }
        Model::from_got(&value)
    }

    /// Reads and checks a model kept whole by the record reader (the
    /// `classifier` option).
    pub(crate) fn from_got(value: &Got<'_>) -> Result<Model, Error> {
        let top = object(
            value,
            "classifier",
            &["format", "about", "routing", "topics"],
        )?;
        match find(top, "format") {
            Some(Got::Str(format)) if format == FORMAT => {}
            Some(Got::Str(format)) => {
                return Err(invalid(format!(
                    "`format` is `{format}`; this version reads `{FORMAT}`"
                )))
            }
            _ => return Err(invalid(format!("`format` must be the string `{FORMAT}`"))),
        }
        let about = match find(top, "about") {
            None | Some(Got::Null) => String::new(),
            Some(Got::Str(about)) => about.to_string(),
            Some(_) => return Err(invalid("`about` is not a string".into())),
        };
        let topics = object(
            find(top, "topics").ok_or_else(|| invalid("no `topics`".into()))?,
            "topics",
            &TOPIC_IDS,
        )?;
        let mut bias = Vec::with_capacity(TOPIC_IDS.len());
        let mut weights = Vec::new();
        for (t, id) in TOPIC_IDS.iter().enumerate() {
            let at = format!("topics.{id}");
            let topic = object(
                find(topics, id).ok_or_else(|| invalid(format!("no `{at}`")))?,
                &at,
                &["bias", "weights"],
            )?;
            bias.push(number(find(topic, "bias"), &format!("{at}.bias"))?);
            let Some(Got::Object(map)) = find(topic, "weights") else {
                return Err(invalid(format!("`{at}.weights` is not an object")));
            };
            for (feature, weight) in &map.other {
                let weight = number(weight.as_ref(), &format!("{at}.weights.{feature}"))?;
                weights.push((feature.to_string(), t, weight));
            }
        }
        let mut model = Model::new(about, bias, weights)?;
        match find(top, "routing") {
            None | Some(Got::Null) => {}
            Some(Got::Object(routing)) => {
                for (topic, departments) in &routing.other {
                    let at = format!("routing.{topic}");
                    let Some(Got::List(items, _)) = departments else {
                        return Err(invalid(format!("`{at}` is not a list")));
                    };
                    let departments = items
                        .iter()
                        .map(|d| match d {
                            Got::Str(d) => Ok(d.to_string()),
                            _ => Err(invalid(format!("`{at}` holds a value that is not text"))),
                        })
                        .collect::<Result<Vec<String>, Error>>()?;
                    model = model.with_routing(topic, departments)?;
                }
            }
            Some(_) => return Err(invalid("`routing` is not an object".into())),
        }
        Ok(model)
    }

    /// How many weights the model holds.
    pub fn weight_count(&self) -> usize {
        self.index.iter().map(|(_, list)| list.len()).sum()
    }

    /// The model as pretty JSON text in the file's shape: topics in wire
    /// order, features sorted, one a line (the same model gives the same
    /// text, byte for byte).
    pub fn to_json(&self) -> String {
        let mut out = serde_json::to_string_pretty(&File(self)).unwrap_or_default();
        out.push('\n');
        out
    }

    /// Scores prepared features (text features plus dictionary features).
    pub(crate) fn score(&self, features: &[(String, f64)]) -> Scored {
        let mut logits = self.bias.clone();
        let mut parts: Vec<Vec<(String, f64)>> = vec![Vec::new(); TOPIC_IDS.len()];
        for (feature, value) in features {
            let Ok(at) = self
                .index
                .binary_search_by(|(f, _)| f.as_str().cmp(feature.as_str()))
            else {
                continue;
            };
            for &(t, weight) in &self.index[at].1 {
                let t = usize::from(t);
                logits[t] += value * weight;
                parts[t].push((feature.clone(), value * weight));
            }
        }
        let top = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exp: Vec<f64> = logits.iter().map(|l| (l - top).exp()).collect();
        let total: f64 = exp.iter().sum();
        Scored {
            probabilities: exp.iter().map(|e| e / total).collect(),
            parts,
        }
    }
}

/// The file shape of a model, written in a fixed order.
struct File<'m>(&'m Model);

impl Serialize for File<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        let mut top = serializer.serialize_map(None)?;
        top.serialize_entry("format", FORMAT)?;
        top.serialize_entry("about", &model.about)?;
        if !model.routing.is_empty() {
            top.serialize_entry("routing", &Routing(model))?;
        }
        top.serialize_entry("topics", &Topics(model))?;
        top.end()
    }
}

struct Routing<'m>(&'m Model);

impl Serialize for Routing<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.routing.len()))?;
        for (t, departments) in &self.0.routing {
            map.serialize_entry(TOPIC_IDS[*t], departments)?;
        }
        map.end()
    }
}

struct Topics<'m>(&'m Model);

impl Serialize for Topics<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let model = self.0;
        let mut map = serializer.serialize_map(Some(TOPIC_IDS.len()))?;
        for (t, id) in TOPIC_IDS.iter().enumerate() {
            map.serialize_entry(id, &Topic(model, t))?;
        }
        map.end()
    }
}

struct Topic<'m>(&'m Model, usize);

impl Serialize for Topic<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, t) = (self.0, self.1);
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("bias", &model.bias[t])?;
        map.serialize_entry("weights", &Weights(model, t))?;
        map.end()
    }
}

struct Weights<'m>(&'m Model, usize);

impl Serialize for Weights<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (model, t) = (self.0, self.1);
        let mut map = serializer.serialize_map(None)?;
        for (feature, list) in &model.index {
            if let Some((_, weight)) = list.iter().find(|(at, _)| usize::from(*at) == t) {
                map.serialize_entry(feature, weight)?;
            }
        }
        map.end()
    }
}

/// An object with no keys but the `known` ones (each optional here).
fn object<'v, 'a>(value: &'v Got<'a>, at: &str, known: &[&str]) -> Result<&'v Obj<'a>, Error> {
    let Got::Object(object) = value else {
        return Err(invalid(format!("`{at}` is not an object")));
    };
    if let Some((key, _)) = object
        .other
        .iter()
        .find(|(k, _)| !known.contains(&k.as_ref()))
    {
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

fn number(value: Option<&Got<'_>>, at: &str) -> Result<f64, Error> {
    match value {
        Some(Got::Number(n)) => Ok(n.as_f64()),
        _ => Err(invalid(format!("`{at}` is not a number"))),
    }
}

fn invalid(why: String) -> Error {
    Error::ClassifierInvalid(why)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small() -> Model {
        let mut bias = vec![0.0; TOPIC_IDS.len()];
        bias[12] = 0.5;
        Model::new(
            "test".into(),
            bias,
            [
                ("退税".to_owned(), 0, 2.0),
                ("#tax".to_owned(), 0, 1.0),
                ("退税".to_owned(), 1, -0.5),
                ("gate".to_owned(), 1, 1.5),
            ],
        )
        .unwrap()
    }

    #[test]
    fn writes_and_reads_the_same_model() {
        let model = small();
        let text = model.to_json();
        assert!(text.starts_with("{\n  \"format\": \"lianjian-classifier/1\""));
        assert!(!text.contains("routing"));
        assert_eq!(Model::from_text(&text).unwrap(), model);
        assert_eq!(model.weight_count(), 4);
        let routed = small()
            .with_routing("traffic", vec!["transport_bureau".into()])
            .unwrap();
        let text = routed.to_json();
        assert!(text.contains("\"routing\": {\n    \"traffic\": [\n      \"transport_bureau\""));
        let read = Model::from_text(&text).unwrap();
        assert_eq!(read, routed);
        assert_eq!(read.routing("traffic").unwrap(), ["transport_bureau"]);
        assert!(read.routing("tax").is_none());
        assert!(read
            .check_departments(crate::demand::Dictionary::builtin())
            .is_ok());
        let unknown = small().with_routing("tax", vec!["mint".into()]).unwrap();
        let error = unknown
            .check_departments(crate::demand::Dictionary::builtin())
            .unwrap_err();
        assert!(error.to_string().contains("unknown department `mint`"));
    }

    #[test]
    fn scores_and_says_what_each_feature_added() {
        let scored = small().score(&[("退税".into(), 0.5), ("nope".into(), 1.0)]);
        let sum: f64 = scored.probabilities.iter().sum();
        assert!((sum - 1.0).abs() < 1e-9);
        assert!(scored.probabilities[0] > scored.probabilities[12]);
        assert_eq!(scored.parts[0], [("退税".to_owned(), 1.0)]);
        assert_eq!(scored.parts[1], [("退税".to_owned(), -0.25)]);
    }

    #[test]
    fn refuses_broken_files() {
        let good: serde_json::Value = serde_json::from_str(&small().to_json()).unwrap();
        let mut cases: Vec<(serde_json::Value, &str)> = Vec::new();
        let mut format = good.clone();
        format["format"] = "lianjian-classifier/9".into();
        cases.push((format, "this version reads"));
        let mut extra = good.clone();
        extra["topics"]["tax"]["colour"] = 1.into();
        cases.push((extra, "`topics.tax` has an unknown key `colour`"));
        let mut topic = good.clone();
        topic["topics"]["weather"] = serde_json::json!({"bias": 0, "weights": {}});
        cases.push((topic, "unknown key `weather`"));
        let mut missing = good.clone();
        missing["topics"].as_object_mut().unwrap().remove("other");
        cases.push((missing, "no `topics.other`"));
        let mut weight = good.clone();
        weight["topics"]["tax"]["weights"]["退税"] = "2".into();
        cases.push((weight, "`topics.tax.weights.退税` is not a number"));
        let mut huge = good.clone();
        huge["topics"]["customs"]["bias"] = 1e9.into();
        cases.push((huge, "`topics.customs.bias` is not a number within"));
        cases.push((serde_json::json!([]), "`classifier` is not an object"));
        let mut routing = good.clone();
        routing["routing"] = serde_json::json!({"weather": ["x"]});
        cases.push((routing, "`routing` names no topic `weather`"));
        let mut routing = good.clone();
        routing["routing"] = serde_json::json!({"tax": []});
        cases.push((routing, "`routing.tax` must list department ids"));
        let mut routing = good.clone();
        routing["routing"] = serde_json::json!({"tax": "tax_bureau"});
        cases.push((routing, "`routing.tax` is not a list"));
        for (value, why) in cases {
            let error = Model::from_text(&value.to_string())
                .unwrap_err()
                .to_string();
            assert!(error.contains(why), "{why}: {error}");
        }
        assert!(Model::from_text("{").is_err());
    }

    #[cfg(feature = "builtin-model")]
    #[test]
    fn the_builtin_model_reads_and_is_written_as_committed() {
        let text = include_str!("../../catalog/classifier.json");
        let model = Model::builtin().expect("the built-in model reads");
        assert_eq!(model.to_json(), text);
    }
}
