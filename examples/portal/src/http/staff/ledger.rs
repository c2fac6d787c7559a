//! The activity ledger (活动台账) as the core tabulates it
//! (`lianjian::api::ledger("activities", …)`) over the portal's activities,
//! on a page and as CSV and XLSX downloads, and the recording of an
//! activity's attendance (应到/实到, Party members present, a summary): a new
//! revision of its record, checked by the core as a whole (Party members
//! over attended is refused, over capacity warned) and by its status log (a
//! backward change needs a reason); a refused one stores nothing. Read by
//! everyone who reads all; the office and administrators record.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use lianjian::api;
use lianjian::api::AnyRecord;
use lianjian::ledger::Cell;
use lianjian::outreach::{ActivityStatus, StatusChange, StatusLog};
use maud::html;
use serde_json::{json, Value};

use super::super::auth::{Staff, StaffForm};
use super::super::flash::{with_flash, Flash};
use super::super::{AppState, ServerError, UiLang};
use super::actions::render_for_staff;
use super::deny;
use super::meeting::FlashQuery;
use super::record;
use crate::html::{csrf_field, findings};
use crate::html::{staff, StaffPage};
use crate::i18n::t;
use crate::store::audit::Outcome;
use crate::store::{centres, StoreError};

async fn table(state: &AppState, lang: lianjian::Lang) -> Result<api::LedgerAnswer, ServerError> {
    let options = state.options(lang);
    let texts = state.store.run(|conn| centres::texts(conn)).await?;
    Ok(api::ledger("activities", &texts.folder(), &options))
}

/// `GET /staff/activities`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(query): Query<FlashQuery>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_ledger", "").await;
    }
    let (refused, form, done) = match query
        .flash()
        .and_then(|key| state.flash.take(session.user_id, key))
    {
        Some(Flash::Refused { findings, form }) => (findings, form, false),
        Some(Flash::Problem("attendance_recorded")) => (Vec::new(), BTreeMap::new(), true),
        _ => (Vec::new(), BTreeMap::new(), false),
    };
    let value = |key: &str| form.get(key).cloned().unwrap_or_default();
    let options = state.options(lang);
    let district = state
        .store
        .run(move |conn| centres::load(conn, &options))
        .await?;
    let now = state.clock.now();
    let mut recordable: Vec<_> = district
        .activities
        .iter()
        .filter(|a| a.starts_at <= now && a.status != ActivityStatus::Cancelled)
        .collect();
    recordable.sort_by_key(|a| std::cmp::Reverse(a.starts_at));
    let answer = table(&state, lang).await?;
    let Some(table) = answer.table() else {
        return Err(ServerError(StoreError::Corrupt(
            "no activity ledger".into(),
        )));
    };
    let body = html! {
        @if !refused.is_empty() { (findings(lang, t(lang, "refused"), &refused)) }
        @if done { p.done role="status" { (t(lang, "attendance_recorded")) } }
        @if session.runs_office() && !recordable.is_empty() {
            form.action.attendance method="post" action="/staff/activities/attendance" {
                (csrf_field(&session))
                fieldset {
                    legend { (t(lang, "record_attendance")) }
                    label for="activity" { (t(lang, "activity")) }
                    select id="activity" name="activity" {
                        @for a in &recordable {
                            option value=(a.id) selected[value("activity") == a.id] {
                                (a.starts_at.format("%Y-%m-%d")) " · " (a.title)
                            }
                        }
                    }
                    label for="expected" { (t(lang, "expected_people")) }
                    input id="expected" name="expected" type="number" min="0" inputmode="numeric" value=(value("expected"));
                    label for="attended" { (t(lang, "attended_people")) }
                    input id="attended" name="attended" type="number" min="0" inputmode="numeric" required value=(value("attended"));
                    label for="party_full" { (t(lang, "party_full")) }
                    input id="party_full" name="party_full" type="number" min="0" inputmode="numeric" value=(value("party_full"));
                    label for="party_probationary" { (t(lang, "party_probationary")) }
                    input id="party_probationary" name="party_probationary" type="number" min="0" inputmode="numeric" value=(value("party_probationary"));
                    label for="summary" { (t(lang, "activity_summary")) }
                    textarea id="summary" name="summary" rows="2" { (value("summary")) }
                    label for="reason" { (t(lang, "correction_reason")) }
                    input id="reason" name="reason" type="text" value=(value("reason"));
                    button type="submit" { (t(lang, "record")) }
                }
            }
        }
        ul.downloads {
            li { a href="/staff/activities/ledger.csv" download { (t(lang, "download_csv")) } }
            li { a href="/staff/activities/ledger.xlsx" download { (t(lang, "download_xlsx")) } }
        }
        div.scroll {
            table.ledger {
                thead { tr { @for c in &table.columns { th scope="col" data-column=(c.id) { (c.heading) } } } }
                tbody {
                    @for row in &table.rows {
                        tr {
                            @for cell in row {
                                @match cell {
                                    Cell::Integer(_) | Cell::Number(_) => td.num { (cell.display()) },
                                    _ => td { (cell.display()) },
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let page = staff(lang, Some(&session), StaffPage::Ledger, &table.title, body);
    Ok(Html(page.into_string()).into_response())
}

/// `GET /staff/activities/ledger.csv` and `/staff/activities/ledger.xlsx`.
pub async fn download(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Path(file): Path<String>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_ledger", &file).await;
    }
    let answer = table(&state, lang).await?;
    let Some(table) = answer.table() else {
        return Err(ServerError(StoreError::Corrupt(
            "no activity ledger".into(),
        )));
    };
    let (bytes, mime, name) = match file.as_str() {
        "ledger.csv" => (
            lianjian::ledger::files::csv(table),
            "text/csv; charset=utf-8",
            "activities.csv",
        ),
        "ledger.xlsx" => (
            lianjian::ledger::files::xlsx(table, state.clock.now()),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "activities.xlsx",
        ),
        _ => return Ok(super::super::not_found(UiLang(lang)).await),
    };
    let bytes = bytes.map_err(|e| ServerError(StoreError::Corrupt(e)))?;
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}

/// `POST /staff/activities/attendance`: `activity`, `expected`, `attended`,
/// `party_full`, `party_probationary`, `summary`, `reason` (for a change
/// that is not a forward one, such as correcting a recorded activity).
pub async fn record_attendance(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    if !session.runs_office() {
        return deny(&state, lang, &session, "record_attendance", "").await;
    }
    let field = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let id = field("activity");
    let wanted = id.clone();
    let Some(stored) = state
        .store
        .run(move |conn| centres::activity_record(conn, &wanted))
        .await?
    else {
        return Ok(super::super::not_found(UiLang(lang)).await);
    };
    let mut activity: Value = serde_json::from_str(&stored)
        .map_err(|e| ServerError(StoreError::Corrupt(e.to_string())))?;
    // Numbers as typed: what does not read is passed on as text, for the
    // core's finding.
    let number = |k: &str| -> Value {
        let text = field(k);
        match text.parse::<u64>() {
            Ok(n) => json!(n),
            Err(_) if text.is_empty() => Value::Null,
            Err(_) => Value::String(text),
        }
    };
    let now = state.clock.now();
    let before = activity["status"].as_str().unwrap_or("planned").to_owned();
    activity["status"] = json!("recorded");
    if !field("expected").is_empty() {
        activity["expected"] = number("expected");
    }
    activity["attended"] = number("attended");
    // A field left blank keeps what the record holds (nothing recorded
    // yet: none present); a typed value replaces it.
    if !activity["attended_party_members"].is_object() {
        activity["attended_party_members"] = json!({});
    }
    for (form_key, key) in [
        ("party_full", "full"),
        ("party_probationary", "probationary"),
    ] {
        let members = &mut activity["attended_party_members"];
        if !field(form_key).is_empty() {
            members[key] = number(form_key);
        } else if members[key].is_null() {
            members[key] = json!(0);
        }
    }
    activity["record"] = json!({
        "recorder": session.username,
        "recorded_at": now.to_rfc3339(),
        "summary": field("summary"),
        "photos": [],
    });
    let text = activity.to_string();
    let options = state.options(lang);
    let checked = lianjian::api::validate("activity", &text, &options)
        .map_err(|e| ServerError(StoreError::Corrupt(e)))?;
    let mut found = checked.findings.clone();
    // The status log: recorded after planned or held is a forward move; a
    // second recording is a correction and needs its reason.
    let status = |name: &str| {
        [
            ActivityStatus::Planned,
            ActivityStatus::Held,
            ActivityStatus::Recorded,
            ActivityStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.as_str() == name)
        .unwrap_or(ActivityStatus::Planned)
    };
    let reason = Some(field("reason")).filter(|r| !r.is_empty());
    let mut log = StatusLog::new(now, "store", status(&before));
    if let Err(report) = log.change(StatusChange {
        at: now,
        actor: session.username.clone(),
        status: ActivityStatus::Recorded,
        reason: reason.clone(),
    }) {
        found.extend(render_for_staff(lang, &report));
    }
    let valid = matches!(checked.record, Some(AnyRecord::Activity(_)))
        && checked.valid
        && found
            .iter()
            .all(|f| f.severity != lianjian::Severity::Error);
    if !valid {
        record(
            &state,
            &session.username,
            "record_attendance",
            &id,
            Outcome::Refused,
            &found
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
                .join(","),
        )
        .await?;
        let mut form = form.clone();
        form.remove("csrf");
        let key = state.flash.put(
            session.user_id,
            Flash::Refused {
                findings: found,
                form,
            },
        );
        return Ok(Redirect::to(&with_flash("/staff/activities", &key)).into_response());
    }
    let (by, target) = (session.username.clone(), id.clone());
    state
        .store
        .run(move |conn| {
            centres::revise_activity(conn, &target, &text, reason.as_deref(), &by, now)
        })
        .await?;
    record(
        &state,
        &session.username,
        "record_attendance",
        &id,
        Outcome::Done,
        "",
    )
    .await?;
    let key = state
        .flash
        .put(session.user_id, Flash::Problem("attendance_recorded"));
    Ok(Redirect::to(&with_flash("/staff/activities", &key)).into_response())
}
