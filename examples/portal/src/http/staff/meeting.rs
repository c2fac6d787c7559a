//! The joint meeting (联席会议): the agenda built by the core from the
//! collected demands, and the minutes, recorded as one assignment per
//! decided demand, all in one transaction.

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use lianjian::demand::meeting::{agenda, Assignment, Minutes};
use lianjian::findings::RenderedFinding;
use lianjian::ident::parse_date;
use lianjian::{Lang, Messages};
use maud::html;

use super::super::auth::{Staff, StaffForm};
use super::super::{AppState, ServerError, UiLang};
use super::actions::{default_meeting_name, department_select};
use super::corrections;
use super::tracked;
use crate::html::{csrf_field, findings, staff, StaffPage};
use crate::i18n::t;
use crate::store::accounts::Session;
use crate::store::demands::{self, Applied};

/// `GET /staff/meeting`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
) -> Result<Response, ServerError> {
    render(&state, lang, &session, &[]).await
}

async fn render(
    state: &AppState,
    lang: Lang,
    session: &Session,
    refused: &[(String, Vec<RenderedFinding>)],
) -> Result<Response, ServerError> {
    let domain = state.domain.clone();
    let (all, past, corrected) = state
        .store
        .run(move |conn| {
            Ok((
                demands::load_all(conn, &domain.rules())?,
                demands::meetings(conn)?,
                crate::store::corrections::count(conn)?,
            ))
        })
        .await?;
    let today = state.clock.today();
    let groups = agenda(
        &tracked(&all),
        &state.domain.classifier(),
        &state.domain.calendar,
        today,
    );
    let domain = &state.domain;
    let body = html! {
        @for (id, found) in refused {
            (findings(&format!("{} {id}", t(lang, "refused")), found))
        }
        h2 { (t(lang, "agenda")) }
        @if groups.is_empty() {
            p { (t(lang, "agenda_empty")) }
        } @else {
            form.minutes method="post" action="/staff/meeting/minutes" {
                (csrf_field(session))
                label { (t(lang, "meeting_name")) " " input name="meeting" value=(default_meeting_name(today)) required; }
                @for group in &groups {
                    section.agenda-group {
                        h3 {
                            (domain.chain_name(&group.chain, lang)) " · "
                            (domain.topic_name(&group.topic, lang)) " → "
                            (domain.department_name(&group.department, lang))
                        }
                        table.agenda {
                            thead { tr {
                                th scope="col" { (t(lang, "decisions")) }
                                th scope="col" { (t(lang, "title")) }
                                th scope="col" { (t(lang, "enterprise")) }
                                th scope="col" { (t(lang, "age")) }
                                th scope="col" { (t(lang, "department")) }
                                th scope="col" { (t(lang, "deadline")) }
                            } }
                            tbody {
                                @for item in &group.items {
                                    tr {
                                        td { input type="checkbox" name={ "pick_" (item.id) } value="1" checked aria-label=(t(lang, "decisions")); }
                                        td {
                                            a href={ "/staff/demands/" (item.id) } { (item.id) " " (item.title) }
                                            @if item.urgency == lianjian::demand::Urgency::Urgent {
                                                " " span.badge.urgent { (t(lang, "urgent")) }
                                            }
                                        }
                                        td { (item.enterprise) }
                                        td { (item.age_working_days) }
                                        td { (department_select(lang, &format!("department_{}", item.id), &item.suggested_department)) }
                                        td { input type="date" name={ "deadline_" (item.id) } aria-label=(t(lang, "deadline")); }
                                    }
                                }
                            }
                        }
                    }
                }
                p { small { (t(lang, "deadline_auto")) } }
                button type="submit" { (t(lang, "record_minutes")) }
            }
        }
        p.corrections {
            (t(lang, "corrections")) ": " (corrected) " · "
            a href="/staff/corrections.jsonl" download { (t(lang, "corrections_export")) }
        }
        h2 { (t(lang, "minutes")) }
        @if past.is_empty() {
            p { (t(lang, "none")) }
        } @else {
            table.meetings {
                thead { tr {
                    th scope="col" { (t(lang, "meeting_name")) }
                    th scope="col" { (t(lang, "held_at")) }
                    th scope="col" { (t(lang, "recorder")) }
                    th scope="col" { (t(lang, "decisions")) }
                } }
                tbody {
                    @for (name, held_at, recorder, count) in &past {
                        tr { td { (name) } td { (held_at) } td { (recorder) } td { (count) } }
                    }
                }
            }
        }
    };
    let status = if refused.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let page = staff(
        lang,
        Some(session),
        StaffPage::Meeting,
        t(lang, "meeting"),
        body,
    );
    Ok((status, Html(page.into_string())).into_response())
}

/// The decisions of a posted minutes form: every ticked demand with its
/// department and deadline (an unreadable deadline is left to the kind's limit).
pub fn assignments(form: &BTreeMap<String, String>) -> Vec<Assignment> {
    form.keys()
        .filter_map(|key| key.strip_prefix("pick_"))
        .map(|id| Assignment {
            id: id.to_owned(),
            department: form
                .get(&format!("department_{id}"))
                .cloned()
                .unwrap_or_default(),
            deadline: form
                .get(&format!("deadline_{id}"))
                .and_then(|d| parse_date(d.trim())),
            note: None,
        })
        .collect()
}

/// `POST /staff/meeting/minutes`: all decisions recorded, or none.
pub async fn record(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    let minutes = Minutes {
        meeting: form
            .get("meeting")
            .map(|m| m.trim().to_owned())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| default_meeting_name(state.clock.today())),
        held_at: state.clock.now(),
        recorder: session.username.clone(),
        assignments: assignments(&form),
    };
    if minutes.assignments.is_empty() {
        return Ok(Redirect::to("/staff/meeting").into_response());
    }
    let domain = state.domain.clone();
    let now = state.clock.now();
    let assigned: Vec<(String, String)> = (minutes.assignments.iter())
        .map(|a| (a.id.clone(), a.department.clone()))
        .collect();
    let outcomes = state
        .store
        .run(move |conn| {
            let outcomes = demands::record_meeting(conn, &minutes, &domain.rules(), now)?;
            corrections::after_assignments(conn, &domain, &assigned, &outcomes, "meeting", now)?;
            Ok(outcomes)
        })
        .await?;
    if demands::all_done(&outcomes) {
        return Ok(Redirect::to("/staff/meeting").into_response());
    }
    let messages = Messages::new();
    let refused: Vec<(String, Vec<RenderedFinding>)> = outcomes
        .into_iter()
        .filter_map(|(id, outcome)| match outcome {
            Applied::Refused(report) => Some((id, messages.render_report(lang, &report).findings)),
            Applied::NotFound => Some((id, Vec::new())),
            Applied::Done(_) => None,
        })
        .collect();
    render(&state, lang, &session, &refused).await
}
