//! `POST /api/demands` and `POST /api/enrollments`: what the widgets send,
//! checked again with `lianjian-api` (the same findings as in the browser),
//! then stored. A demand with files comes as `multipart/form-data` through
//! [`super::uploads`], which shares [`check_demand`] and [`store_demand`].

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianjian::demand::{check_demand_value, check_uploads, Demand, RepeatCheck, Upload};
use lianjian::findings::RenderedFinding;
use lianjian::{Catalog, Code, Context, Finding, Lang, Messages, Path, Report};
use lianjian_api::{demand_report, enrollment_report, DemandAnswer, Input, Options};
use rusqlite::TransactionBehavior;
use serde_json::json;

use super::{AppState, ServerError, UiLang};
use crate::i18n::tag;
use crate::store::{attachments, demands, enrollments, receipts};

/// The body as text, or the answer refusing it: too large (413), not
/// declared as JSON (415), not UTF-8 (400).
fn json_text(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<String, (StatusCode, String)> {
    let body = body.map_err(|rejection| (rejection.status(), rejection.body_text()))?;
    let declared = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().eq_ignore_ascii_case("application/json"))
        .unwrap_or(false);
    if !declared {
        return Err((
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send the record as application/json".to_owned(),
        ));
    }
    String::from_utf8(body.to_vec())
        .map_err(|_| (StatusCode::BAD_REQUEST, "the body is not UTF-8".to_owned()))
}

fn options(state: &AppState, lang: Lang) -> Options {
    Options {
        lang: Some(tag(lang).to_owned()),
        today: Some(state.clock.today().to_string()),
        ..Options::default()
    }
}

fn refused(status: StatusCode, findings: &[RenderedFinding]) -> Response {
    (
        status,
        Json(json!({ "valid": false, "findings": findings, "record": null })),
    )
        .into_response()
}

/// `POST /api/demands` with a JSON body. A record listing attachments must
/// come with its files ([`super::uploads`]): here they are missing.
pub async fn post_demand(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let text = match json_text(&headers, body) {
        Ok(text) => text,
        Err((status, error)) => {
            return Ok((status, Json(json!({ "error": error }))).into_response())
        }
    };
    let (answer, record) = match check_demand(&state, lang, &text, &[]) {
        Ok(checked) => checked,
        Err(refusal) => return Ok(refusal),
    };
    store_demand(&state, lang, answer, record, Vec::new()).await
}

/// Checks a posted demand record and the files received with it (none for
/// a JSON body): the record with `lianjian-api`, the files against its
/// attachment list with the core's [`check_uploads`]. Answers the checked
/// record, or the 422 refusing it.
#[allow(clippy::result_large_err)]
pub fn check_demand(
    state: &AppState,
    lang: Lang,
    text: &str,
    uploads: &[Upload<'_>],
) -> Result<(DemandAnswer, Demand), Response> {
    let options = options(state, lang);
    let mut answer = demand_report(Input::Text(text), &options);
    let Some(record) = answer.record.take().filter(|_| answer.valid) else {
        let body = lianjian_api::to_json(&answer);
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response());
    };
    let files = check_uploads(&record.attachments, uploads);
    if !files.is_empty() {
        let findings = Messages::new().render_report(lang, &files).findings;
        return Err(refused(StatusCode::UNPROCESSABLE_ENTITY, &findings));
    }
    Ok((answer, record))
}

/// Stores a checked demand with its files (`hashes[i]`: the SHA-256 of
/// attachment `i`, already kept) and answers 201 with the server's repeat
/// findings added.
pub async fn store_demand(
    state: &AppState,
    lang: Lang,
    mut answer: DemandAnswer,
    record: Demand,
    hashes: Vec<String>,
) -> Result<Response, ServerError> {
    let topic = state.domain.topic_of(&record);
    let now = state.clock.now();
    let today = state.clock.today();
    let (id, repeats) = state
        .store
        .run(move |conn| {
            // The browser knows no earlier demands: the repeat check is the server's.
            let prior = demands::prior(conn, &record.enterprise_uscc)?;
            let value = serde_json::to_value(&record)?;
            let context = Context::new(Catalog::yantian(), today);
            let checked = check_demand_value(&value, &context, &RepeatCheck::against(&prior));
            let mut repeats = Report::new();
            for finding in checked.report.findings() {
                if finding.code == Code::DemandRepeat {
                    repeats.push(finding.clone());
                }
            }
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let id = demands::insert_in(&tx, &record, &topic, now, "portal")?;
            attachments::insert_in(&tx, id, &record.attachments, &hashes)?;
            demands::set_intake_findings(&tx, id, &repeats)?;
            let receipt = receipts::issue(&tx, receipts::Kind::Demand, id, now)?;
            tx.commit()?;
            Ok((id.to_string(), (repeats, record, topic, receipt)))
        })
        .await?;
    let (repeats, record, topic, receipt) = repeats;
    answer
        .findings
        .extend(Messages::new().render_report(lang, &repeats).findings);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/open311/v2/requests/{id}.json"))],
        Json(json!({
            "valid": true,
            "id": id,
            "receipt": receipt,
            "state": "submitted",
            "topic": topic,
            "findings": answer.findings,
            "record": record,
        })),
    )
        .into_response())
}

/// `POST /api/enrollments`.
pub async fn post_enrollment(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ServerError> {
    let text = match json_text(&headers, body) {
        Ok(text) => text,
        Err((status, error)) => {
            return Ok((status, Json(json!({ "error": error }))).into_response())
        }
    };
    let mut answer = enrollment_report(Input::Text(&text), &options(&state, lang));
    let Some(record) = answer.record.take().filter(|_| answer.valid) else {
        let body = lianjian_api::to_json(&answer);
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response());
    };
    let now = state.clock.now();
    let (stored, record) = state
        .store
        .run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let stored = match enrollments::insert_in(&tx, &record, now)? {
                enrollments::Stored::New(id) => {
                    let number: i64 = id.parse().unwrap_or_default();
                    let receipt = receipts::issue(&tx, receipts::Kind::Enrollment, number, now)?;
                    tx.commit()?;
                    Ok((id, receipt))
                }
                enrollments::Stored::AlreadyEnrolled(first) => Err(first),
            };
            Ok((stored, record))
        })
        .await?;
    match stored {
        Ok((id, receipt)) => Ok((
            StatusCode::CREATED,
            Json(json!({
                "valid": true,
                "id": id,
                "receipt": receipt,
                "findings": answer.findings,
                "record": record,
            })),
        )
            .into_response()),
        Err(first) => {
            // One enrollment per enterprise and chain, as coverage counts it.
            let mut report = Report::new();
            report.push(
                Finding::new(
                    Code::AlreadyEnrolled,
                    Path::root().key("enterprise").key("uscc"),
                )
                .with("enrollment", first.as_str()),
            );
            let findings = Messages::new().render_report(lang, &report).findings;
            Ok(refused(StatusCode::CONFLICT, &findings))
        }
    }
}
