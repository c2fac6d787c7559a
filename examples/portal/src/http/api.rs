//! `POST /api/demands` and `POST /api/enrollments`: what the widgets send,
//! taken in through the use-case layer (`lianjian::api`: the same findings
//! as in the browser, with the repeats only a server can see), then stored.
//! A demand with files comes as `multipart/form-data` through
//! [`super::uploads`], which shares [`check_demand`] and [`store_demand`].

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianjian::api::{self, DemandAnswer, Intake, Options};
use lianjian::demand::{check_uploads, Demand, Upload};
use lianjian::findings::RenderedFinding;
use lianjian::{Code, Finding, Lang, Messages, Path, Report, Severity};
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

/// The warnings of an intake's answer, as the store keeps them for staff
/// (the language-neutral finding, no message).
pub(crate) fn warnings_of(findings: &[RenderedFinding]) -> Report {
    let mut warnings = Report::new();
    for f in findings.iter().filter(|f| f.severity == Severity::Warning) {
        let mut finding = Finding::new(f.code, f.path.clone());
        finding.params = f.params.clone();
        warnings.push(finding);
    }
    warnings
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
    let (answer, record) = match check_demand(&state, lang, text, &[]).await? {
        Ok(checked) => checked,
        Err(refusal) => return Ok(refusal),
    };
    store_demand(&state, answer, record, Vec::new()).await
}

/// Takes a posted demand record in and checks the files received with it
/// (none for a JSON body): the record through the use-case layer's intake,
/// once, with the enterprise's earlier demands (the repeats only a server
/// can see) and the server's receipt time as `submitted_at`; the files
/// against its attachment list with the core's [`check_uploads`]. Answers
/// the checked record, or the 422 refusing it.
pub async fn check_demand(
    state: &AppState,
    lang: Lang,
    text: String,
    uploads: &[Upload<'_>],
) -> Result<Result<(DemandAnswer, Demand), Response>, ServerError> {
    let options = options(state, lang);
    let intake = Intake {
        received_at: Some(state.clock.now()),
        ..Intake::default()
    };
    let mut answer = state
        .store
        .run(move |conn| {
            api::demand_intake(&text, &intake, |uscc| demands::prior(conn, uscc), &options)
        })
        .await?;
    let Some(record) = answer.record.take().filter(|_| answer.valid) else {
        return Ok(Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "application/json")],
            api::to_json(&answer),
        )
            .into_response()));
    };
    let files = check_uploads(&record.attachments, uploads);
    if !files.is_empty() {
        let findings = Messages::new().render_report(lang, &files).findings;
        return Ok(Err(refused(StatusCode::UNPROCESSABLE_ENTITY, &findings)));
    }
    Ok(Ok((answer, record)))
}

/// Stores a demand taken in by [`check_demand`] with its files (`hashes[i]`:
/// the SHA-256 of attachment `i`, already kept), its receipt and the
/// warnings found at intake (repeats among them, for staff), in one
/// transaction, and answers 201.
pub async fn store_demand(
    state: &AppState,
    answer: DemandAnswer,
    record: Demand,
    hashes: Vec<String>,
) -> Result<Response, ServerError> {
    let topic = state.domain.topic_of(&record);
    let now = state.clock.now();
    let warnings = warnings_of(&answer.findings);
    let (id, stored) = state
        .store
        .run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let id = demands::insert_in(&tx, &record, &topic, now, "portal")?;
            attachments::insert_in(&tx, id, &record.attachments, &hashes)?;
            demands::set_intake_findings(&tx, id, &warnings)?;
            let receipt = receipts::issue(&tx, receipts::Kind::Demand, id, now)?;
            tx.commit()?;
            Ok((id.to_string(), (record, topic, receipt)))
        })
        .await?;
    let (record, topic, receipt) = stored;
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
    let mut answer = api::enrollment(&text, &options(&state, lang));
    let Some(record) = answer.record.take().filter(|_| answer.valid) else {
        let body = api::to_json(&answer);
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
