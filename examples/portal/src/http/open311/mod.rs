//! Open311 GeoReport v2 over the same data: services are the demand topics,
//! requests are the demands with their lifecycles.
//!
//! Every resource is served in XML (`services.xml`, `requests/{id}.xml`: the
//! specification's required format, see [`xml`]) and in JSON (`.json`), with
//! the same content. Errors use the specification's shape in the format asked
//! for: `[{"code", "description"}]` or `<errors><error><code/><description/>`.
//! The filters of `GET requests` are read by the core's [`RequestQuery`]; a
//! malformed one is refused with 400, never ignored.

pub mod xml;

use std::collections::BTreeMap;
use std::convert::Infallible;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianjian::demand::open311::{
    requests as service_requests, service_definition, services as service_list, RequestQuery,
    Service, ServiceDefinition, ServiceRequest,
};
use rusqlite::TransactionBehavior;

use crate::http::api::warnings_of;
use serde::Serialize;
use serde_json::{json, Value};

use super::{AppState, ServerError, UiLang};
use crate::store::clients;
use crate::store::demands::{self, StoredDemand};

/// The most requests one `GET requests` answers (the specification's default).
pub const REQUESTS_MAX: usize = 1000;

/// The format of an answer: the resource's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `.json`.
    Json,
    /// `.xml`.
    Xml,
}

impl Format {
    /// Splits `traffic.xml` into `("traffic", Xml)`; `None` for a name
    /// without `.json` or `.xml`.
    pub fn split(file: &str) -> Option<(&str, Format)> {
        match file.strip_suffix(".json") {
            Some(stem) => Some((stem, Format::Json)),
            None => file.strip_suffix(".xml").map(|stem| (stem, Format::Xml)),
        }
    }
}

/// The format of a fixed route (`services.xml`, `requests.json`): XML when
/// the path ends in `.xml`, JSON otherwise.
impl<S: Send + Sync> FromRequestParts<S> for Format {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(match Format::split(parts.uri.path()) {
            Some((_, Format::Xml)) => Format::Xml,
            _ => Format::Json,
        })
    }
}

/// One entry of an error answer.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorEntry {
    /// The HTTP status.
    pub code: u16,
    /// What is wrong, for a person.
    pub description: String,
    /// The core's finding code, when a posted request broke a rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finding: Option<&'static str>,
}

/// What a client is told of a request it posted: not public until the
/// district office accepts it.
pub const SERVICE_NOTICE: &str =
    "Received. The request is public once the district office accepts it for publication.";

/// The answer to an accepted `POST requests`.
#[derive(Debug, Clone, Serialize)]
pub struct Posted {
    /// The new demand's id.
    pub service_request_id: String,
    /// [`SERVICE_NOTICE`].
    pub service_notice: &'static str,
    /// Always null: requests are not tied to accounts.
    pub account_id: Option<String>,
}

/// What an Open311 route answers, before it is written in a format.
enum Answer {
    Services(Vec<Service>),
    Definition(ServiceDefinition),
    Requests(Vec<ServiceRequest>),
    Posted(Posted),
    Errors(Vec<ErrorEntry>),
}

/// Writes `answer` in `format`. The JSON is what it always was: services
/// field by field in their declared order, every other answer through a
/// `serde_json::Value` (keys in alphabetical order), a posted request as a
/// one-element array.
fn respond(format: Format, status: StatusCode, answer: Answer) -> Response {
    match format {
        Format::Json => {
            let body = match answer {
                Answer::Services(list) => return (status, Json(list)).into_response(),
                Answer::Definition(definition) => json!(definition),
                Answer::Requests(list) => json!(list),
                Answer::Posted(posted) => json!([posted]),
                Answer::Errors(list) => json!(list),
            };
            (status, Json(body)).into_response()
        }
        Format::Xml => {
            let body = match answer {
                Answer::Services(list) => xml::services(&list),
                Answer::Definition(definition) => xml::definition(&definition),
                Answer::Requests(list) => xml::requests(&list),
                Answer::Posted(posted) => xml::posted(&posted),
                Answer::Errors(list) => xml::errors(&list),
            };
            (status, [(header::CONTENT_TYPE, xml::CONTENT_TYPE)], body).into_response()
        }
    }
}

fn error(format: Format, status: StatusCode, description: &str) -> Response {
    let entry = ErrorEntry {
        code: status.as_u16(),
        description: description.to_owned(),
        finding: None,
    };
    respond(format, status, Answer::Errors(vec![entry]))
}

/// `GET /open311/v2/services.xml` (or `.json`).
pub async fn services(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    format: Format,
) -> Response {
    let list = service_list(state.domain.dictionary(), lang);
    respond(format, StatusCode::OK, Answer::Services(list))
}

/// `GET /open311/v2/services/{code}.xml` (or `.json`): the service definition.
pub async fn definition(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(file): Path<String>,
) -> Response {
    let Some((code, format)) = Format::split(&file) else {
        return error(
            Format::Json,
            StatusCode::NOT_FOUND,
            "only the .xml and .json formats are served",
        );
    };
    match service_definition(state.domain.dictionary(), code, lang) {
        Some(definition) => respond(format, StatusCode::OK, Answer::Definition(definition)),
        None => error(format, StatusCode::NOT_FOUND, "no such service_code"),
    }
}

fn as_requests(state: &AppState, lang: lianjian::Lang, shown: &[&StoredDemand]) -> Answer {
    let items: Vec<_> = shown
        .iter()
        .map(|d| (d.id.as_str(), &d.demand, &d.case))
        .collect();
    Answer::Requests(service_requests(&items, state.domain.dictionary(), lang))
}

/// `GET /open311/v2/requests.xml` (or `.json`): the filters of
/// [`RequestQuery`], newest first, at most [`REQUESTS_MAX`]. A malformed
/// filter is answered 400 with one error per problem.
pub async fn requests(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    format: Format,
    RawQuery(query): RawQuery,
) -> Result<Response, ServerError> {
    let pairs: Vec<(String, String)> =
        match serde_urlencoded::from_str(query.as_deref().unwrap_or_default()) {
            Ok(pairs) => pairs,
            Err(e) => {
                return Ok(error(
                    format,
                    StatusCode::BAD_REQUEST,
                    &format!("query: {e}"),
                ))
            }
        };
    let filter = match RequestQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
        Ok(filter) => filter,
        Err(errors) => {
            let entries = errors
                .iter()
                .map(|e| ErrorEntry {
                    code: StatusCode::BAD_REQUEST.as_u16(),
                    description: e.to_string(),
                    finding: None,
                })
                .collect();
            return Ok(respond(
                format,
                StatusCode::BAD_REQUEST,
                Answer::Errors(entries),
            ));
        }
    };
    let domain = state.domain.clone();
    let all = state
        .store
        .run(move |conn| demands::load_all(conn, &domain.rules()))
        .await?;
    let shown: Vec<&StoredDemand> = all
        .iter()
        .filter(|d| d.published.is_some())
        .filter(|d| filter.matches(&d.id, &d.topic, &d.demand, &d.case))
        .take(REQUESTS_MAX)
        .collect();
    Ok(respond(
        format,
        StatusCode::OK,
        as_requests(&state, lang, &shown),
    ))
}

/// `GET /open311/v2/requests/{id}.xml` (or `.json`).
pub async fn request(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(file): Path<String>,
) -> Result<Response, ServerError> {
    let Some((id, format)) = Format::split(&file) else {
        return Ok(error(
            Format::Json,
            StatusCode::NOT_FOUND,
            "only the .xml and .json formats are served",
        ));
    };
    let id = id.to_owned();
    let domain = state.domain.clone();
    let found = state
        .store
        .run(move |conn| demands::load(conn, &id, &domain.rules()))
        .await?;
    // A request not (yet) accepted for publication is not there for the public.
    Ok(match found.filter(|d| d.published.is_some()) {
        Some(d) => respond(format, StatusCode::OK, as_requests(&state, lang, &[&d])),
        None => error(format, StatusCode::NOT_FOUND, "no such service_request_id"),
    })
}

/// The fields of a posted request: form-encoded as the specification says,
/// or a flat JSON object (`attribute` may be an object of codes).
pub fn request_fields(
    headers: &HeaderMap,
    body: &[u8],
) -> Result<BTreeMap<String, String>, String> {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("application/json")
        });
    if !json {
        let pairs: Vec<(String, String)> =
            serde_urlencoded::from_bytes(body).map_err(|e| format!("form: {e}"))?;
        return Ok(pairs.into_iter().collect());
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| format!("JSON: {e}"))?;
    let Value::Object(map) = value else {
        return Err("JSON: expected an object".into());
    };
    let text = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let mut fields = BTreeMap::new();
    for (key, value) in map {
        match (key.as_str(), value) {
            ("attribute", Value::Object(attributes)) => {
                for (code, v) in attributes {
                    fields.insert(format!("attribute[{code}]"), text(&v));
                }
            }
            (_, v) => {
                fields.insert(key, text(&v));
            }
        }
    }
    Ok(fields)
}

/// `POST /open311/v2/requests.xml` (or `.json`): with the `api_key` of a
/// registered client (403 otherwise, as GeoReport v2 answers an invalid
/// key), imported as a demand and checked like one; 201 with the new id, or
/// 400 with one error per finding. The request is not public until the
/// district office accepts it.
pub async fn post_request(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    format: Format,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return Ok(error(format, rejection.status(), &rejection.body_text())),
    };
    let fields = match request_fields(&headers, &body) {
        Ok(fields) => fields,
        Err(message) => return Ok(error(format, StatusCode::BAD_REQUEST, &message)),
    };
    let now = state.clock.now();
    let domain = state.domain.clone();
    let options = lianjian::api::Options {
        lang: Some(crate::i18n::tag(lang).to_owned()),
        today: Some(state.clock.today().to_string()),
        ..lianjian::api::Options::default()
    };
    let key = fields.get("api_key").cloned().unwrap_or_default();
    // The same intake as the widgets' route: checked once, repeats included.
    let outcome = state
        .store
        .run(move |conn| {
            let Some((client, _)) = clients::verify(conn, key.trim())? else {
                return Ok(Err(None));
            };
            let answer = lianjian::api::open311_intake(
                &fields,
                now,
                |uscc| demands::prior(conn, uscc),
                &options,
            )?;
            match answer.record.filter(|_| answer.valid) {
                Some(record) => {
                    let topic = domain.topic_of(&record);
                    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                    let id = demands::insert_in(&tx, &record, &topic, now, "open311")?;
                    demands::set_intake_findings(&tx, id, &warnings_of(&answer.findings))?;
                    let id = id.to_string();
                    demands::set_client(&tx, &id, client)?;
                    tx.commit()?;
                    Ok(Ok(id))
                }
                None => Ok(Err(Some(answer.findings))),
            }
        })
        .await?;
    Ok(match outcome {
        Ok(id) => respond(
            format,
            StatusCode::CREATED,
            Answer::Posted(Posted {
                service_request_id: id,
                service_notice: SERVICE_NOTICE,
                account_id: None,
            }),
        ),
        Err(None) => error(
            format,
            StatusCode::FORBIDDEN,
            "api_key: a valid key of a registered client is required (the district issues them)",
        ),
        Err(Some(findings)) => {
            let errors = findings
                .iter()
                .filter(|f| f.severity == lianjian::Severity::Error)
                .map(|f| {
                    let path = f.path.to_string();
                    let description = if path.is_empty() {
                        f.message.clone()
                    } else {
                        format!("{path}: {}", f.message)
                    };
                    ErrorEntry {
                        code: StatusCode::BAD_REQUEST.as_u16(),
                        description,
                        finding: Some(f.code.as_str()),
                    }
                })
                .collect();
            respond(format, StatusCode::BAD_REQUEST, Answer::Errors(errors))
        }
    })
}
