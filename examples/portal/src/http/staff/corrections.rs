//! Corrections: recorded after assignments (one demand, or a joint meeting's
//! minutes) where staff chose another department than the one suggested,
//! and exported as JSON lines for `lianjian classify --train`.

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset};
use rusqlite::Connection;

use super::super::auth::Staff;
use super::super::{AppState, ServerError, UiLang};
use super::deny;
use crate::domain::Domain;
use crate::store::demands::Applied;
use crate::store::{corrections, StoreError};

/// Records the corrections of the assignments done: each `(demand id,
/// department)` whose outcome is [`Applied::Done`].
pub fn after_assignments(
    conn: &Connection,
    domain: &Domain,
    assigned: &[(String, String)],
    outcomes: &[(String, Applied)],
    source: &str,
    at: DateTime<FixedOffset>,
) -> Result<(), StoreError> {
    let classifier = domain.classifier();
    for (id, department) in assigned {
        let done = outcomes
            .iter()
            .any(|(o, outcome)| o == id && matches!(outcome, Applied::Done(_)));
        if done {
            corrections::record(conn, &classifier, id, department, source, at)?;
        }
    }
    Ok(())
}

/// `GET /staff/corrections.jsonl`: every correction, one JSON line each,
/// with no personal data and no demand id (the file leaves the portal).
pub async fn export(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
) -> Result<Response, ServerError> {
    // The district's own routing data: the office's, not a department's.
    if !session.reads_all() {
        return deny(&state, lang, &session, "export_corrections", "").await;
    }
    let lines = state.store.run(|conn| corrections::export(conn)).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/jsonl; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"corrections.jsonl\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        lines,
    )
        .into_response())
}

/// `GET /static/portal/classifier.json`: the district's classifier model,
/// for the demand form on the portal page (404 without one: the form then
/// loads the package's built-in model).
pub async fn model(State(state): State<AppState>) -> Response {
    match &state.domain.model {
        Some(model) => (
            [
                (header::CONTENT_TYPE, "application/json"),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            model.to_json(),
        )
            .into_response(),
        None => axum::http::StatusCode::NOT_FOUND.into_response(),
    }
}
