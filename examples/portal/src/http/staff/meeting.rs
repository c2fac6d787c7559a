//! The joint meeting (联席会议): the agenda built by the core from the
//! collected demands, and the minutes, recorded as one assignment per
//! decided demand, all in one transaction.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use lianjian::demand::meeting::{agenda, Assignment, Minutes};
use lianjian::findings::RenderedFinding;
use lianjian::ident::parse_date;
use lianjian::Lang;
use maud::html;
use serde::Deserialize;

use super::super::auth::{Staff, StaffForm};
use super::super::flash::{with_flash, Flash};
use super::super::{AppState, ServerError, UiLang};
use super::actions::{default_meeting_name, department_select, render_for_staff};
use super::corrections;
use super::{deny, history, tracked};
use crate::html::{csrf_field, findings, staff, StaffPage};
use crate::i18n::t;
use crate::store::accounts::Session;
use crate::store::audit::{self, Outcome};
use crate::store::demands::{self, Applied};

/// `GET /staff/meeting`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(query): Query<FlashQuery>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_meeting", "").await;
    }
    let refused = match query
        .flash
        .and_then(|key| state.flash.take(session.user_id, &key))
    {
        Some(Flash::Refused { findings, form }) => {
            let id = form.get("demand").cloned().unwrap_or_default();
            vec![(id, findings)]
        }
        _ => Vec::new(),
    };
    render(&state, lang, &session, &refused).await
}

/// `?flash=` after a refused form.
#[derive(Debug, Deserialize)]
pub struct FlashQuery {
    flash: Option<String>,
}

impl FlashQuery {
    /// The key, if one was given.
    pub fn flash(&self) -> Option<&str> {
        self.flash.as_deref()
    }
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
            (findings(lang, &format!("{} {id}", t(lang, "refused_minutes")), found))
        }
        h2 { (t(lang, "agenda")) }
        @if groups.is_empty() {
            p { (t(lang, "agenda_empty")) }
        } @else if !session.runs_office() {
            @for group in &groups {
                section.agenda-group {
                    h3 {
                        (domain.chain_name(&group.chain, lang)) " · "
                        (domain.topic_name(&group.topic, lang)) " → "
                        (domain.department_name(&group.department, lang))
                    }
                    ul { @for item in &group.items {
                        li { a href={ "/staff/demands/" (item.id) } { (item.id) " " (item.title) } " · " (item.enterprise) }
                    } }
                }
            }
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
                                        td { input type="checkbox" name={ "pick_" (item.id) } value="1" checked aria-label={ (t(lang, "decide")) " " (item.id) " " (item.title) }; }
                                        td {
                                            a href={ "/staff/demands/" (item.id) } { (item.id) " " (item.title) }
                                            @if item.urgency == lianjian::demand::Urgency::Urgent {
                                                " " span.badge.urgent { (t(lang, "urgent")) }
                                            }
                                        }
                                        td { (item.enterprise) }
                                        td { (item.age_working_days) }
                                        td { (department_select(lang, &format!("department_{}", item.id), &item.suggested_department, Some(&format!("{} {} {}", t(lang, "department"), item.id, item.title)))) }
                                        td { input type="date" name={ "deadline_" (item.id) } aria-label={ (t(lang, "deadline")) " " (item.id) " " (item.title) }; }
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
                        tr {
                            td data-label=(t(lang, "meeting_name")) { (name) }
                            td data-label=(t(lang, "held_at")) {
                                @match chrono::DateTime::parse_from_rfc3339(held_at) {
                                    Ok(at) => time datetime=(held_at) { (history::when(&at)) },
                                    Err(_) => (held_at),
                                }
                            }
                            td data-label=(t(lang, "recorder")) { (recorder) }
                            td data-label=(t(lang, "decisions")) { (count) }
                        }
                    }
                }
            }
        }
    };
    let page = staff(
        lang,
        Some(session),
        StaffPage::Meeting,
        t(lang, "meeting"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
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

/// `POST /staff/meeting/minutes`: all decisions recorded, or none; then
/// back to the meeting page (with the first refusal's findings).
pub async fn record(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    if !session.runs_office() {
        return deny(&state, lang, &session, "meeting_minutes", "").await;
    }
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
    let actor = session.username.clone();
    let assigned: Vec<(String, String)> = (minutes.assignments.iter())
        .map(|a| (a.id.clone(), a.department.clone()))
        .collect();
    let outcomes = state
        .store
        .run(move |conn| {
            let outcomes = demands::record_meeting(conn, &minutes, &domain.rules(), now)?;
            corrections::after_assignments(conn, &domain, &assigned, &outcomes, "meeting", now)?;
            let done = demands::all_done(&outcomes);
            let detail = format!("{} {}", minutes.assignments.len(), minutes.meeting);
            let outcome = if done {
                Outcome::Done
            } else {
                Outcome::Refused
            };
            audit::record(
                conn,
                now,
                &actor,
                "meeting_minutes",
                &minutes.meeting,
                outcome,
                &detail,
            )?;
            Ok(outcomes)
        })
        .await?;
    if demands::all_done(&outcomes) {
        return Ok(Redirect::to("/staff/meeting").into_response());
    }
    let refused = outcomes
        .into_iter()
        .find_map(|(id, outcome)| match outcome {
            Applied::Refused(report) => Some((id, render_for_staff(lang, &report))),
            Applied::NotFound => Some((id, Vec::new())),
            Applied::Done(_) => None,
        });
    let (id, findings) = refused.unwrap_or_default();
    let key = state.flash.put(
        session.user_id,
        Flash::Refused {
            findings,
            form: [("demand".to_owned(), id)].into_iter().collect(),
        },
    );
    Ok(Redirect::to(&with_flash("/staff/meeting", &key)).into_response())
}
