//! The staff pages, all behind [`Staff`]: the demand inbox and each
//! demand's page with its lifecycle actions, the joint meeting, the
//! supervision list and the coverage dashboard.

mod actions;
mod calendar;
pub mod corrections;
mod coverage;
mod meeting;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use lianjian::demand::meeting::Tracked;
use lianjian::demand::State as DemandState;
use lianjian::findings::RenderedFinding;
use lianjian::Lang;
use maud::{html, Markup};
use serde::Deserialize;

use super::auth::{self, Staff};
use super::{AppState, ServerError, UiLang};
use crate::html::{findings, staff, StaffPage};
use crate::i18n::{kind_name, state_name, t};
use crate::store::accounts::Session;
use crate::store::demands::{self, StoredDemand};

/// The staff routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff", get(|| async { Redirect::to("/staff/demands") }))
        .route("/staff/login", get(auth::login_form).post(auth::login))
        .route("/staff/logout", post(auth::logout))
        .route(
            "/staff/password",
            get(auth::password_form).post(auth::change_password),
        )
        .route("/staff/demands", get(inbox))
        .route("/staff/demands/{id}", get(demand_page))
        .route("/staff/demands/{id}/events", post(actions::post_event))
        .route("/staff/meeting", get(meeting::page))
        .route("/staff/meeting/minutes", post(meeting::record))
        .route("/staff/corrections.jsonl", get(corrections::export))
        .route("/staff/overdue", get(coverage::overdue))
        .route("/staff/coverage", get(coverage::dashboard))
        .route("/staff/calendar", get(calendar::page))
        .route("/staff/calendar/recompute", post(calendar::recompute_all))
}

/// The demands as the core's meeting functions take them.
pub fn tracked(all: &[StoredDemand]) -> Vec<Tracked<'_>> {
    all.iter()
        .map(|d| Tracked {
            id: &d.id,
            demand: &d.demand,
            case: &d.case,
        })
        .collect()
}

/// Every state, in lifecycle order (the inbox filter).
const STATES: [DemandState; 10] = [
    DemandState::Submitted,
    DemandState::Collected,
    DemandState::Assigned,
    DemandState::Accepted,
    DemandState::Returned,
    DemandState::InProgress,
    DemandState::Replied,
    DemandState::Reopened,
    DemandState::Closed,
    DemandState::ClosedWithoutAction,
];

/// `?status=` of the inbox.
#[derive(Debug, Deserialize)]
pub struct InboxQuery {
    status: Option<String>,
}

/// `GET /staff/demands`: every demand, filtered by state.
pub async fn inbox(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(query): Query<InboxQuery>,
) -> Result<Response, ServerError> {
    let domain = state.domain.clone();
    let all = state
        .store
        .run(move |conn| demands::load_all(conn, &domain.rules()))
        .await?;
    let filter = query.status.filter(|s| !s.is_empty());
    let today = state.clock.today();
    let shown: Vec<&StoredDemand> = all
        .iter()
        .filter(|d| filter.as_deref().is_none_or(|s| d.case.state().name() == s))
        .collect();
    let body = html! {
        form.filter method="get" action="/staff/demands" {
            label {
                (t(lang, "status")) " "
                select name="status" {
                    option value="" { (t(lang, "all")) }
                    @for s in STATES {
                        @if filter.as_deref() == Some(s.name()) {
                            option value=(s.name()) selected { (state_name(lang, s)) }
                        } @else {
                            option value=(s.name()) { (state_name(lang, s)) }
                        }
                    }
                }
            }
            " " button type="submit" { (t(lang, "filter")) }
        }
        @if shown.is_empty() {
            p { (t(lang, "no_demands")) }
        } @else {
            table.demands {
                thead { tr {
                    th scope="col" { (t(lang, "id")) }
                    th scope="col" { (t(lang, "title")) }
                    th scope="col" { (t(lang, "enterprise")) }
                    th scope="col" { (t(lang, "topic")) }
                    th scope="col" { (t(lang, "status")) }
                    th scope="col" { (t(lang, "department")) }
                    th scope="col" { (t(lang, "deadline")) }
                } }
                tbody {
                    @for d in &shown {
                        @let overdue = d.case.overdue_days(today, &state.domain.calendar);
                        tr class=[overdue.map(|_| "overdue")] {
                            td { a href={ "/staff/demands/" (d.id) } { (d.id) } }
                            td {
                                a href={ "/staff/demands/" (d.id) } { (d.demand.title) }
                                @if d.demand.urgency == lianjian::demand::Urgency::Urgent {
                                    " " span.badge.urgent { (t(lang, "urgent")) }
                                }
                            }
                            td { (d.demand.enterprise_name) }
                            td { (state.domain.topic_name(&d.topic, lang)) }
                            td { span class={ "state state-" (d.case.state().name()) } { (state_name(lang, d.case.state())) } }
                            td { (d.case.department().map(|id| state.domain.department_name(id, lang)).unwrap_or_default()) }
                            td {
                                (d.case.deadline().map(|d| d.to_string()).unwrap_or_default())
                                @if d.case.deadline_provisional() && d.case.state().deadline_runs() {
                                    " " span.badge.provisional { (t(lang, "provisional")) }
                                }
                                @if let Some(days) = overdue { " " span.badge.overdue { "+" (days) } }
                            }
                        }
                    }
                }
            }
        }
    };
    Ok(Html(
        staff(
            lang,
            Some(&session),
            StaffPage::Inbox,
            t(lang, "inbox"),
            body,
        )
        .into_string(),
    )
    .into_response())
}

/// `?done=1` after an action was recorded.
#[derive(Debug, Deserialize)]
pub struct DemandQuery {
    done: Option<String>,
}

/// `GET /staff/demands/{id}`: the demand, its history and its actions.
pub async fn demand_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Path(id): Path<String>,
    Query(query): Query<DemandQuery>,
) -> Result<Response, ServerError> {
    render_demand(&state, lang, &session, &id, query.done.is_some(), &[]).await
}

/// The demand page, with the findings of a refused action if any.
pub async fn render_demand(
    state: &AppState,
    lang: Lang,
    session: &Session,
    id: &str,
    done: bool,
    refused: &[RenderedFinding],
) -> Result<Response, ServerError> {
    let domain = state.domain.clone();
    let key = id.to_owned();
    let found = state
        .store
        .run(move |conn| demands::load(conn, &key, &domain.rules()))
        .await?;
    let Some(d) = found else {
        return Ok((StatusCode::NOT_FOUND, t(lang, "not_found").to_owned()).into_response());
    };
    let domain = &state.domain;
    let body = html! {
        @if done { p.notice role="status" { (t(lang, "done")) } }
        @if !refused.is_empty() { (findings(t(lang, "refused"), refused)) }
        dl.record {
            dt { (t(lang, "status")) } dd { span class={ "state state-" (d.case.state().name()) } { (state_name(lang, d.case.state())) } }
            dt { (t(lang, "enterprise")) } dd { (d.demand.enterprise_name) " · " (d.demand.enterprise_uscc) }
            dt { (t(lang, "chain")) } dd { (d.demand.chain.as_deref().map(|c| domain.chain_name(c, lang)).unwrap_or_default()) }
            dt { (t(lang, "kind")) } dd { (kind_name(lang, d.demand.kind)) }
            dt { (t(lang, "topic")) } dd { (domain.topic_name(&d.topic, lang)) }
            dt { (t(lang, "received")) } dd { (d.case.received()) }
            dt { (t(lang, "department")) } dd { (d.case.department().map(|x| domain.department_name(x, lang)).unwrap_or_default()) }
            dt { (t(lang, "deadline")) } dd {
                (d.case.deadline().map(|x| x.to_string()).unwrap_or_default())
                @if d.case.deadline_provisional() {
                    " " span.badge.provisional { (t(lang, "provisional")) }
                    " " small { (t(lang, "provisional_hint")) }
                }
            }
            dt { (t(lang, "description")) } dd.description { (d.demand.description) }
        }
        h2 { (t(lang, "history")) }
        (history(&d))
        @if !d.case.state().is_final() {
            h2 { (t(lang, "actions")) }
            (actions::forms(state, lang, session, &d))
        }
    };
    let status = if refused.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let title = format!("{} {}", d.id, d.demand.title);
    Ok((
        status,
        Html(staff(lang, Some(session), StaffPage::Inbox, &title, body).into_string()),
    )
        .into_response())
}

fn history(d: &StoredDemand) -> Markup {
    html! {
        ol.history {
            @for event in d.case.history() {
                li {
                    time datetime=(event.at.to_rfc3339()) { (event.at.format("%Y-%m-%d %H:%M")) }
                    " " strong { (event.kind.name()) }
                    " · " (event.actor)
                    @if let Some(note) = &event.note { " · " (note) }
                    @let detail = serde_json::to_value(&event.kind).unwrap_or_default();
                    @if let Some(map) = detail.as_object() {
                        @for (k, v) in map.iter().filter(|(k, v)| *k != "type" && !v.is_null()) {
                            " · " (k) ": " (v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))
                        }
                    }
                }
            }
        }
    }
}
