//! Open311 GeoReport v2 over the same data (JSON format only): services are
//! the demand topics, requests are the demands with their lifecycles. Errors
//! use the specification's shape, `[{"code", "description"}]`. The filters of
//! `GET requests` are read by the core's [`RequestQuery`]; a malformed one is
//! refused with 400, never ignored.

use std::collections::BTreeMap;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianjian::demand::open311::{
    import_request, requests as service_requests, service_definition, services as service_list,
    RequestQuery,
};
use lianjian::demand::RepeatCheck;
use lianjian::{Catalog, Context, Messages};
use serde_json::{json, Value};

use super::{AppState, ServerError, UiLang};
use crate::store::demands::{self, StoredDemand};

/// The most requests one `GET requests` answers (the specification's default).
pub const REQUESTS_MAX: usize = 1000;

fn error(status: StatusCode, description: &str) -> Response {
    (
        status,
        Json(json!([{ "code": status.as_u16(), "description": description }])),
    )
        .into_response()
}

/// `GET /open311/v2/services.json`.
pub async fn services(State(state): State<AppState>, UiLang(lang): UiLang) -> Response {
    Json(service_list(state.domain.dictionary(), lang)).into_response()
}

/// `GET /open311/v2/services/{code}.json`: the service definition.
pub async fn definition(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(file): Path<String>,
) -> Response {
    let Some(code) = file.strip_suffix(".json") else {
        return error(StatusCode::NOT_FOUND, "only the JSON format is served");
    };
    match service_definition(state.domain.dictionary(), code, lang) {
        // Through a Value, as before: keys in alphabetical order.
        Some(definition) => Json(json!(definition)).into_response(),
        None => error(StatusCode::NOT_FOUND, "no such service_code"),
    }
}

fn as_requests(state: &AppState, lang: lianjian::Lang, shown: &[&StoredDemand]) -> Value {
    let items: Vec<_> = shown
        .iter()
        .map(|d| (d.id.as_str(), &d.demand, &d.case))
        .collect();
    json!(service_requests(&items, state.domain.dictionary(), lang))
}

/// `GET /open311/v2/requests.json`: the filters of [`RequestQuery`], newest
/// first, at most [`REQUESTS_MAX`]. A malformed filter is answered 400 with
/// one error per problem.
pub async fn requests(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    RawQuery(query): RawQuery,
) -> Result<Response, ServerError> {
    let pairs: Vec<(String, String)> =
        match serde_urlencoded::from_str(query.as_deref().unwrap_or_default()) {
            Ok(pairs) => pairs,
            Err(e) => return Ok(error(StatusCode::BAD_REQUEST, &format!("query: {e}"))),
        };
    let filter = match RequestQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))) {
        Ok(filter) => filter,
        Err(errors) => {
            let code = StatusCode::BAD_REQUEST.as_u16();
            let errors: Vec<Value> = errors
                .iter()
                .map(|e| json!({ "code": code, "description": e.to_string() }))
                .collect();
            return Ok((StatusCode::BAD_REQUEST, Json(Value::Array(errors))).into_response());
        }
    };
    let domain = state.domain.clone();
    let all = state
        .store
        .run(move |conn| demands::load_all(conn, &domain.rules()))
        .await?;
    let shown: Vec<&StoredDemand> = all
        .iter()
        .filter(|d| filter.matches(&d.id, &d.topic, &d.demand, &d.case))
        .take(REQUESTS_MAX)
        .collect();
    Ok(Json(as_requests(&state, lang, &shown)).into_response())
}

/// `GET /open311/v2/requests/{id}.json`.
pub async fn request(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(file): Path<String>,
) -> Result<Response, ServerError> {
    let Some(id) = file.strip_suffix(".json").map(str::to_owned) else {
        return Ok(error(
            StatusCode::NOT_FOUND,
            "only the JSON format is served",
        ));
    };
    let domain = state.domain.clone();
    let found = state
        .store
        .run(move |conn| demands::load(conn, &id, &domain.rules()))
        .await?;
    Ok(match found {
        Some(d) => Json(as_requests(&state, lang, &[&d])).into_response(),
        None => error(StatusCode::NOT_FOUND, "no such service_request_id"),
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

/// `POST /open311/v2/requests.json`: imported as a demand and checked like one.
pub async fn post_request(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return Ok(error(rejection.status(), &rejection.body_text())),
    };
    let fields = match request_fields(&headers, &body) {
        Ok(fields) => fields,
        Err(message) => return Ok(error(StatusCode::BAD_REQUEST, &message)),
    };
    let now = state.clock.now();
    let today = state.clock.today();
    let domain = state.domain.clone();
    let outcome = state
        .store
        .run(move |conn| {
            let uscc = fields
                .get("attribute[enterprise_uscc]")
                .map(|u| lianjian::ident::uscc::normalize(u))
                .unwrap_or_default();
            let prior = demands::prior(conn, &uscc)?;
            let context = Context::new(Catalog::yantian(), today);
            let checked = import_request(
                &fields,
                &now.to_rfc3339(),
                &context,
                &RepeatCheck::against(&prior),
            );
            match checked.record.filter(|_| checked.report.is_valid()) {
                Some(record) => {
                    let topic = domain.topic_of(&record);
                    Ok(Ok(demands::insert(conn, &record, &topic, now, "open311")?))
                }
                None => Ok(Err(checked.report)),
            }
        })
        .await?;
    Ok(match outcome {
        Ok(id) => (
            StatusCode::CREATED,
            Json(json!([{ "service_request_id": id, "service_notice": "", "account_id": null }])),
        )
            .into_response(),
        Err(report) => {
            let rendered = Messages::new().render_report(lang, &report);
            let errors: Vec<Value> = rendered
                .findings
                .iter()
                .filter(|f| f.severity == lianjian::Severity::Error)
                .map(|f| {
                    let path = f.path.to_string();
                    let description = if path.is_empty() {
                        f.message.clone()
                    } else {
                        format!("{path}: {}", f.message)
                    };
                    json!({ "code": 400, "description": description, "finding": f.code.as_str() })
                })
                .collect();
            (StatusCode::BAD_REQUEST, Json(Value::Array(errors))).into_response()
        }
    })
}
