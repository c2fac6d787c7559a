//! Open311 GeoReport v2: the topic catalog as `services` and service
//! definitions, demands as `requests`, and a posted request imported as a
//! demand draft (checked like any other demand).
//!
//! Demands are not about a place, so requests carry no location; the
//! demand's own fields travel as service-definition attributes. The filters
//! of `GET requests` are read by [`RequestQuery`].

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;

use super::dictionary::Dictionary;
use super::lifecycle::Case;
use super::record::Demand;
use super::repeat::RepeatCheck;
use super::validate::{check_demand_got, TOP};
use crate::enrollment::Checked;
use crate::findings::Lang;
use crate::input::{Got, Obj};
use crate::Context;

mod query;

pub use query::{read_date_bound, QueryError, RequestQuery};

/// One entry of `GET services`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Service {
    /// The topic id.
    pub service_code: String,
    /// The topic's name.
    pub service_name: String,
    /// Who handles it.
    pub description: String,
    /// Always true: demands need the attributes of the definition.
    pub metadata: bool,
    /// `realtime`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Some of the topic's terms.
    pub keywords: String,
    /// `enterprise_demands`.
    pub group: &'static str,
}

/// `GET services`: one service per topic.
pub fn services(dictionary: &Dictionary, lang: Lang) -> Vec<Service> {
    dictionary
        .topics
        .iter()
        .map(|topic| {
            let departments: Vec<&str> = topic
                .departments
                .iter()
                .filter_map(|d| dictionary.department(d).map(|d| d.name.get(lang)))
                .collect();
            let mut terms: Vec<(&String, &f64)> = topic.terms.iter().collect();
            terms.sort_by(|a, b| b.1.total_cmp(a.1).then_with(|| a.0.cmp(b.0)));
            Service {
                service_code: topic.id.clone(),
                service_name: topic.name.get(lang).to_owned(),
                description: departments.join(if lang == Lang::ZhCn { "、" } else { ", " }),
                metadata: true,
                kind: "realtime",
                keywords: terms
                    .iter()
                    .take(8)
                    .map(|(t, _)| t.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                group: "enterprise_demands",
            }
        })
        .collect()
}

/// `GET services/{code}`: the service definition, the attributes a request
/// of this service carries. Fields in the specification's order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceDefinition {
    /// The topic id asked for.
    pub service_code: String,
    /// The attributes, in their `order`.
    pub attributes: Vec<ServiceAttribute>,
}

/// One attribute of a [`ServiceDefinition`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceAttribute {
    /// Always true: every attribute asks for input.
    pub variable: bool,
    /// The attribute's code, posted as `attribute[code]`.
    pub code: &'static str,
    /// `string` or `singlevaluelist`.
    pub datatype: &'static str,
    /// Whether a request without it is refused.
    pub required: bool,
    /// Always empty.
    pub datatype_description: &'static str,
    /// 1-based position in the form.
    pub order: u32,
    /// The attribute's label.
    pub description: String,
    /// The choices of a `singlevaluelist`; absent for a `string`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<AttributeValue>>,
}

/// One choice of a `singlevaluelist` attribute.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttributeValue {
    /// What is posted.
    pub key: String,
    /// What is shown.
    pub name: String,
}

/// `GET services/{code}`: the attributes a request of this service carries;
/// `None` for a code that is not a topic.
pub fn service_definition(
    dictionary: &Dictionary,
    code: &str,
    lang: Lang,
) -> Option<ServiceDefinition> {
    dictionary.topic(code)?;
    let zh = lang == Lang::ZhCn;
    let label = |zh_text: &str, en_text: &str| {
        if zh {
            zh_text.to_owned()
        } else {
            en_text.to_owned()
        }
    };
    let list = |values: &[(&str, &str, &str)]| -> Vec<AttributeValue> {
        values
            .iter()
            .map(|(key, zh_name, en_name)| AttributeValue {
                key: (*key).to_owned(),
                name: label(zh_name, en_name),
            })
            .collect()
    };
    let attribute = |order: u32,
                     code: &'static str,
                     datatype: &'static str,
                     required: bool,
                     description: String,
                     values: Option<Vec<AttributeValue>>| ServiceAttribute {
        variable: true,
        code,
        datatype,
        required,
        datatype_description: "",
        order,
        description,
        values,
    };
    let kinds = list(&[
        ("consultation", "咨询", "Consultation"),
        ("help", "求助", "Request for help"),
        ("complaint", "投诉", "Complaint"),
        ("report", "举报", "Report"),
        ("suggestion", "意见建议", "Suggestion"),
    ]);
    let yes = list(&[("true", "是", "Yes"), ("false", "否", "No")]);
    let urgency = list(&[("normal", "一般", "Normal"), ("urgent", "紧急", "Urgent")]);
    let chains: Vec<AttributeValue> = crate::Catalog::yantian()
        .chains
        .iter()
        .map(|c| AttributeValue {
            key: c.id.clone(),
            name: c.name.get(lang).to_owned(),
        })
        .collect();
    Some(ServiceDefinition {
        service_code: code.to_owned(),
        attributes: vec![
            attribute(
                1,
                "kind",
                "singlevaluelist",
                true,
                label("诉求类型", "Kind of demand"),
                Some(kinds),
            ),
            attribute(
                2,
                "title",
                "string",
                true,
                label("标题（5–60字）", "Title (5–60 characters)"),
                None,
            ),
            attribute(
                3,
                "enterprise_uscc",
                "string",
                true,
                label("统一社会信用代码", "Unified social credit code"),
                None,
            ),
            attribute(
                4,
                "enterprise_name",
                "string",
                true,
                label("企业名称", "Enterprise name"),
                None,
            ),
            attribute(
                5,
                "chain",
                "singlevaluelist",
                false,
                label("所属产业链", "Industry chain"),
                Some(chains),
            ),
            attribute(
                6,
                "urgency",
                "singlevaluelist",
                false,
                label("紧急程度", "Urgency"),
                Some(urgency),
            ),
            attribute(
                7,
                "not_in_litigation",
                "singlevaluelist",
                true,
                label(
                    "该事项不在诉讼、仲裁、信访程序中",
                    "Not in litigation, arbitration or petition",
                ),
                Some(yes.clone()),
            ),
            attribute(
                8,
                "no_secrets",
                "singlevaluelist",
                true,
                label(
                    "不涉及国家秘密、商业秘密和个人隐私",
                    "Contains no state, commercial or personal secrets",
                ),
                Some(yes),
            ),
        ],
    })
}

/// One entry of `GET requests`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServiceRequest {
    /// The demand id.
    pub service_request_id: String,
    /// `open` or `closed`.
    pub status: &'static str,
    /// Where it stands, in words.
    pub status_notes: String,
    /// Topic name.
    pub service_name: String,
    /// Topic id.
    pub service_code: String,
    /// Title and description; empty for a complaint or a report, whose
    /// text is never public ([`DemandKind::text_is_public`](super::DemandKind::text_is_public)).
    pub description: String,
    /// The responsible department's name.
    pub agency_responsible: Option<String>,
    /// When it was submitted.
    pub requested_datetime: String,
    /// The last event.
    pub updated_datetime: String,
    /// The deadline (end of that day, China time).
    pub expected_datetime: Option<String>,
}

/// `GET requests`: demands with their lifecycles. The topic is the chosen one
/// or the classifier's suggestion.
pub fn requests(
    items: &[(&str, &Demand, &Case)],
    dictionary: &Dictionary,
    lang: Lang,
) -> Vec<ServiceRequest> {
    let classifier = dictionary.classifier();
    items
        .iter()
        .map(|(id, demand, case)| {
            let topic = demand.topic.clone().unwrap_or_else(|| {
                classifier
                    .classify(&demand.title, &demand.description)
                    .topic
            });
            let entry = dictionary.topic(&topic);
            ServiceRequest {
                service_request_id: (*id).to_owned(),
                status: if case.state().is_final() {
                    "closed"
                } else {
                    "open"
                },
                status_notes: case.state().name().to_owned(),
                service_name: entry.map_or_else(|| topic.clone(), |t| t.name.get(lang).to_owned()),
                service_code: topic,
                description: if demand.kind.text_is_public() {
                    format!("{}\n{}", demand.title, demand.description)
                } else {
                    String::new()
                },
                agency_responsible: case.department().map(|d| {
                    dictionary
                        .department(d)
                        .map_or_else(|| d.to_owned(), |d| d.name.get(lang).to_owned())
                }),
                requested_datetime: demand.submitted_at.to_rfc3339(),
                updated_datetime: case
                    .history()
                    .last()
                    .map_or_else(String::new, |e| e.at.to_rfc3339()),
                expected_datetime: case.deadline().map(|d| format!("{d}T23:59:59+08:00")),
            }
        })
        .collect()
}

/// Turns a posted request (`POST requests`, form fields as a map, attributes
/// as `attribute[code]`) into a demand record and checks it.
pub fn import_request(
    form: &BTreeMap<String, String>,
    submitted_at: &str,
    context: &Context<'_>,
    earlier: &RepeatCheck<'_>,
) -> Checked<Demand> {
    let field = |key: &str| form.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let attribute = |code: &str| field(&format!("attribute[{code}]"));
    let mut record = Obj::new(&TOP);
    let text = |v: &str| Got::Str(Cow::Owned(v.to_owned()));
    let flag = |v: &str| Got::Bool(matches!(v, "true" | "1" | "yes" | "on"));
    for (key, value) in [
        ("enterprise_uscc", attribute("enterprise_uscc")),
        ("enterprise_name", attribute("enterprise_name")),
        ("chain", attribute("chain")),
        ("kind", attribute("kind")),
        ("topic", field("service_code")),
        ("title", attribute("title")),
        ("description", field("description")),
        ("urgency", attribute("urgency")),
    ] {
        if let Some(value) = value {
            record.set(key, text(value));
        }
    }
    let name = [field("last_name"), field("first_name")]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("");
    let mut contact = record.child("contact");
    if !name.is_empty() {
        contact.set("name", Got::Str(Cow::Owned(name)));
    }
    for key in ["phone", "email"] {
        if let Some(v) = field(key) {
            contact.set(key, text(v));
        }
    }
    record.set("contact", Got::Object(contact));
    let mut declarations = record.child("declarations");
    for code in ["not_in_litigation", "no_secrets"] {
        if let Some(v) = attribute(code) {
            declarations.set(code, flag(v));
        }
    }
    record.set("declarations", Got::Object(declarations));
    record.set("submitted_at", text(submitted_at));
    check_demand_got(&Got::Object(record), context, earlier)
}
