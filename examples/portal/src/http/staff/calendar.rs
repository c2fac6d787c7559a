//! The working-day calendar as the office sees it: which years have a
//! published holiday schedule (built in or loaded with `--holidays`), and
//! which open demands carry a provisional deadline — reckoned across a year
//! that had no schedule when it was set. Loading a new year's schedule never
//! changes a recorded deadline: staff recompute them here (one by one or all
//! at once), and each recomputation is a `recomputed` event in the demand's
//! history.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::Datelike;
use lianjian::demand::{Event, EventKind};
use lianjian::Lang;
use maud::html;

use super::super::auth::{Staff, StaffForm};
use super::super::flash::{with_flash, Flash};
use super::super::{AppState, ServerError, UiLang};
use super::actions::{recompute_form, render_for_staff};
use super::deny;
use crate::html::{csrf_field, findings, staff, StaffPage};
use crate::i18n::{state_name, t};
use crate::store::audit::{self, Outcome};
use crate::store::demands::{self, Applied, StoredDemand};

/// The open demands whose deadline is provisional, oldest deadline first.
fn provisional(all: Vec<StoredDemand>) -> Vec<StoredDemand> {
    let mut open: Vec<StoredDemand> = all
        .into_iter()
        .filter(|d| d.case.state().deadline_runs() && d.case.deadline_provisional())
        .collect();
    open.sort_by(|a, b| {
        (a.case.deadline(), a.id.parse::<u64>().ok()).cmp(&(b.case.deadline(), b.id.parse().ok()))
    });
    open
}

/// `GET /staff/calendar`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(query): Query<super::meeting::FlashQuery>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_calendar", "").await;
    }
    let refused = match query
        .flash()
        .and_then(|key| state.flash.take(session.user_id, key))
    {
        Some(Flash::Refused { findings, .. }) => findings,
        _ => Vec::new(),
    };
    render(&state, lang, &session, &refused).await
}

async fn render(
    state: &AppState,
    lang: Lang,
    session: &crate::store::accounts::Session,
    refused: &[lianjian::findings::RenderedFinding],
) -> Result<Response, ServerError> {
    let domain = state.domain.clone();
    let all = state
        .store
        .run(move |conn| demands::load_all(conn, &domain.rules()))
        .await?;
    let open = provisional(all);
    let calendar = &state.domain.calendar;
    let this_year = state.clock.today().year();
    let rules = state.domain.rules();
    let body = html! {
        @if !refused.is_empty() { (findings(lang, t(lang, "refused"), refused)) }
        h2 { (t(lang, "calendar_years")) }
        table.years {
            thead { tr {
                th scope="col" { (t(lang, "year")) }
                th scope="col" { (t(lang, "calendar_source")) }
            } }
            tbody {
                @for year in calendar.years() {
                    tr {
                        td { (year) }
                        td { (calendar.source(year).unwrap_or_default()) }
                    }
                }
                @for year in (this_year..=this_year + 1).filter(|y| calendar.is_provisional(*y)) {
                    tr.provisional {
                        td { (year) }
                        td { span.badge.provisional { (t(lang, "provisional")) } " " (t(lang, "calendar_unpublished")) }
                    }
                }
            }
        }
        p.hint { (t(lang, "calendar_hint")) }
        h2 { (t(lang, "provisional_deadlines")) }
        @if open.is_empty() {
            p { (t(lang, "no_provisional")) }
        } @else {
            @if session.runs_office() {
                form.action method="post" action="/staff/calendar/recompute" {
                    (csrf_field(session))
                    button type="submit" { (t(lang, "recompute_all")) }
                }
            }
            table.demands {
                thead { tr {
                    th scope="col" { (t(lang, "id")) }
                    th scope="col" { (t(lang, "title")) }
                    th scope="col" { (t(lang, "status")) }
                    th scope="col" { (t(lang, "deadline")) }
                    th scope="col" { (t(lang, "recomputed_deadline")) }
                    th scope="col" { (t(lang, "actions")) }
                } }
                tbody {
                    @for d in &open {
                        @let proposal = d.case.recomputed_deadline(&rules);
                        tr {
                            td { a href={ "/staff/demands/" (d.id) } { (d.id) } }
                            td { a href={ "/staff/demands/" (d.id) } { (d.demand.title) } }
                            td { (state_name(lang, d.case.state())) }
                            td { (d.case.deadline().map(|x| x.to_string()).unwrap_or_default()) }
                            td {
                                @if let Some(p) = &proposal {
                                    (p.value)
                                    @if p.provisional() { " " span.badge.provisional { (t(lang, "provisional")) } }
                                }
                            }
                            td { (recompute_form(state, lang, session, d).unwrap_or_default()) }
                        }
                    }
                }
            }
        }
    };
    Ok(Html(
        staff(
            lang,
            Some(session),
            StaffPage::Calendar,
            t(lang, "calendar"),
            body,
        )
        .into_string(),
    )
    .into_response())
}

/// `POST /staff/calendar/recompute`: a `recomputed` event for every open
/// demand with a provisional deadline, in one transaction.
pub async fn recompute_all(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    StaffForm { session, form: _ }: StaffForm,
) -> Result<Response, ServerError> {
    if !session.runs_office() {
        return deny(&state, lang, &session, "recompute_all", "").await;
    }
    let now = state.clock.now();
    let domain = state.domain.clone();
    let actor = session.username.clone();
    let outcomes = state
        .store
        .run(move |conn| {
            let open = provisional(demands::load_all(conn, &domain.rules())?);
            let events: Vec<(String, Event)> = open
                .into_iter()
                .map(|d| {
                    let event = Event {
                        at: now,
                        actor: actor.clone(),
                        note: None,
                        kind: EventKind::Recomputed {
                            deadline: None,
                            provisional: false,
                        },
                    };
                    (d.id, event)
                })
                .collect();
            let count = events.len();
            let outcomes = demands::apply_events(conn, events, &domain.rules(), now)?;
            let outcome = if demands::all_done(&outcomes) {
                Outcome::Done
            } else {
                Outcome::Refused
            };
            audit::record(
                conn,
                now,
                &actor,
                "recompute_all",
                "",
                outcome,
                &count.to_string(),
            )?;
            Ok(outcomes)
        })
        .await?;
    let refused: Vec<_> = outcomes
        .into_iter()
        .filter_map(|(_, outcome)| match outcome {
            Applied::Refused(report) => Some(render_for_staff(lang, &report)),
            _ => None,
        })
        .flatten()
        .collect();
    if refused.is_empty() {
        return Ok(Redirect::to("/staff/calendar").into_response());
    }
    let key = state.flash.put(
        session.user_id,
        Flash::Refused {
            findings: refused,
            form: Default::default(),
        },
    );
    Ok(Redirect::to(&with_flash("/staff/calendar", &key)).into_response())
}
