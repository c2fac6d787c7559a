//! `POST /api/demands` and `POST /api/enrollments`: what the widgets send,
//! taken in through the use-case layer (`lianjian::api`: the same findings
//! as in the browser, with the repeats only a server can see), then stored.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianjian::api::{self, Intake, Options};
use lianjian::findings::RenderedFinding;
use lianjian::{Code, Finding, Lang, Messages, Path, Report};
use serde_json::json;

use super::{AppState, ServerError, UiLang};
use crate::i18n::tag;
use crate::store::{demands, enrollments};

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

/// `POST /api/demands`.
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
    let options = options(&state, lang);
    let now = state.clock.now();
    let domain = state.domain.clone();
    // Checked once, with the enterprise's earlier demands (the repeats only a
    // server can see) and the server's receipt time, then stored.
    let (answer, stored) = state
        .store
        .run(move |conn| {
            let intake = Intake {
                received_at: Some(now),
                ..Intake::default()
            };
            let mut answer =
                api::demand_intake(&text, &intake, |uscc| demands::prior(conn, uscc), &options)?;
            let stored = match answer.record.take().filter(|_| answer.valid) {
                Some(record) => {
                    let topic = domain.topic_of(&record);
                    let id = demands::insert(conn, &record, &topic, now, "portal")?;
                    Some((id, record, topic))
                }
                None => None,
            };
            Ok((answer, stored))
        })
        .await?;
    let Some((id, record, topic)) = stored else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            [(header::CONTENT_TYPE, "application/json")],
            api::to_json(&answer),
        )
            .into_response());
    };
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, format!("/open311/v2/requests/{id}.json"))],
        Json(json!({
            "valid": true,
            "id": id,
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
        .run(move |conn| Ok((enrollments::insert(conn, &record, now)?, record)))
        .await?;
    match stored {
        enrollments::Stored::New(id) => Ok((
            StatusCode::CREATED,
            Json(json!({
                "valid": true,
                "id": id,
                "findings": answer.findings,
                "record": record,
            })),
        )
            .into_response()),
        enrollments::Stored::AlreadyEnrolled(first) => {
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
