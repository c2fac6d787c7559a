//! The public tracking page (`/track`): the receipt's number and query code
//! answer where a demand stands — its state, the department handling it,
//! the deadline, the department's reply and a timeline of dates — or that
//! an enrollment was registered. Nothing personal is shown: no contact, no
//! enterprise code, no staff names, no internal notes or reasons.
//!
//! The form is posted (the code stays out of addresses and histories); a
//! number gets five wrong codes per five minutes, then 429.

use std::collections::BTreeMap;

use axum::extract::{Form, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use lianjian::demand::EventKind;
use lianjian::{Lang, PartyOrgStatus};
use maud::{html, Markup};

use super::{AppState, ServerError, UiLang};
use crate::html::{public, PublicPage};
use crate::http::staff::history;
use crate::i18n::{kind_name, state_name, t};
use crate::store::demands::StoredDemand;
use crate::store::enrollments::StoredEnrollment;
use crate::store::receipts::{self, Kind};
use crate::store::{demands, enrollments};

/// What a number and code found.
enum Found {
    Demand(Box<StoredDemand>),
    Enrollment(Box<StoredEnrollment>),
}

fn form(lang: Lang, number: &str) -> Markup {
    html! {
        form.track method="post" action="/track" {
            label { (t(lang, "receipt_number")) " " input name="number" value=(number) required autocomplete="off" inputmode="latin" placeholder="D-000042"; }
            label { (t(lang, "query_code")) " " input name="code" required autocomplete="off" inputmode="latin"; }
            button type="submit" { (t(lang, "track")) }
        }
    }
}

fn page(lang: Lang, status: StatusCode, body: Markup) -> Response {
    let page = public(lang, PublicPage::Track, t(lang, "track_heading"), &[], body);
    (status, Html(page.into_string())).into_response()
}

/// `GET /track`: the form.
pub async fn form_page(UiLang(lang): UiLang) -> Response {
    page(
        lang,
        StatusCode::OK,
        html! {
            p.intro { (t(lang, "track_intro")) }
            (form(lang, ""))
        },
    )
}

/// `POST /track`: the record a number and code name, or why not.
pub async fn lookup(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Form(fields): Form<BTreeMap<String, String>>,
) -> Result<Response, ServerError> {
    let number = fields.get("number").cloned().unwrap_or_default();
    let code = fields.get("code").cloned().unwrap_or_default();
    let (key, _) = receipts::normalize(&number, &code);
    if !state.track_throttle.allowed(&key) {
        return Ok(page(
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            html! { p.error role="alert" { (t(lang, "track_throttled")) } (form(lang, &number)) },
        ));
    }
    let domain = state.domain.clone();
    let found = state
        .store
        .run(move |conn| {
            Ok(match receipts::find(conn, &number, &code)? {
                Some((Kind::Demand, id)) => demands::load(conn, &id.to_string(), &domain.rules())?
                    .map(|d| Found::Demand(Box::new(d))),
                Some((Kind::Enrollment, id)) => {
                    enrollments::get(conn, id)?.map(|e| Found::Enrollment(Box::new(e)))
                }
                None => None,
            })
        })
        .await?;
    state.track_throttle.record(&key, found.is_some());
    let typed = fields.get("number").cloned().unwrap_or_default();
    let mut answer = match found {
        None => page(
            lang,
            StatusCode::NOT_FOUND,
            html! { p.error role="alert" { (t(lang, "track_not_found")) } (form(lang, &typed)) },
        ),
        Some(Found::Demand(d)) => page(lang, StatusCode::OK, demand(&state, lang, &key, &d)),
        Some(Found::Enrollment(e)) => {
            page(lang, StatusCode::OK, enrollment(&state, lang, &key, &e))
        }
    };
    // An answer for one holder of the code: never kept by a cache.
    answer.headers_mut().insert(
        axum::http::header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static(super::NO_STORE),
    );
    Ok(answer)
}

/// Whether an event shows on the public timeline: what happened to the
/// demand, not the office's internal steps (supervision, recomputations).
fn public_event(kind: &EventKind) -> bool {
    !matches!(kind, EventKind::Urged { .. } | EventKind::Recomputed { .. })
}

fn demand(state: &AppState, lang: Lang, number: &str, d: &StoredDemand) -> Markup {
    let domain = &state.domain;
    let reply = d.case.history().iter().rev().find_map(|e| match &e.kind {
        EventKind::Replied { reply } => Some((e.at, reply.clone())),
        _ => None,
    });
    html! {
        section.tracked aria-labelledby="tracked-title" {
            h2 id="tracked-title" { (t(lang, "receipt_number")) " " (number) }
            dl.record {
                dt { (t(lang, "title")) } dd { (d.demand.title) }
                dt { (t(lang, "kind")) } dd { (kind_name(lang, d.demand.kind)) }
                dt { (t(lang, "topic")) } dd { (domain.topic_name(&d.topic, lang)) }
                dt { (t(lang, "received")) } dd { (history::when(&d.case.history()[0].at)) }
                dt { (t(lang, "status")) } dd { strong.state { (state_name(lang, d.case.state())) } }
                @if let Some(department) = d.case.department() {
                    dt { (t(lang, "department")) } dd { (domain.department_name(department, lang)) }
                }
                @if let Some(deadline) = d.case.deadline().filter(|_| d.case.state().deadline_runs()) {
                    dt { (t(lang, "deadline")) } dd { (deadline) }
                }
                @if let Some((at, text)) = &reply {
                    dt { (t(lang, "reply")) } dd.reply { (text) br; small { (history::when(at)) } }
                }
            }
            h3 { (t(lang, "progress")) }
            ol.timeline {
                @for event in d.case.history().iter().filter(|e| public_event(&e.kind)) {
                    li {
                        time datetime=(event.at.to_rfc3339()) { (history::when(&event.at)) }
                        " " (t(lang, &format!("event_{}", event.kind.name())))
                        @if let EventKind::Assigned { department, .. } = &event.kind {
                            " · " (domain.department_name(department, lang))
                        }
                    }
                }
            }
            @if d.case.state() == lianjian::demand::State::Replied {
                p.hint { (t(lang, "track_revisit")) }
            }
        }
        p { a href="/track" { (t(lang, "track_another")) } }
    }
}

fn enrollment(state: &AppState, lang: Lang, number: &str, e: &StoredEnrollment) -> Markup {
    let domain = &state.domain;
    let r = &e.record;
    let chain = domain.catalog().chain(&r.chain);
    html! {
        section.tracked aria-labelledby="tracked-title" {
            h2 id="tracked-title" { (t(lang, "receipt_number")) " " (number) }
            dl.record {
                dt { (t(lang, "status")) } dd { strong.state { (t(lang, "enrollment_registered")) } }
                dt { (t(lang, "chain")) } dd { (domain.chain_name(&r.chain, lang)) }
                dt { (t(lang, "segments")) } dd {
                    @for (i, s) in r.segments.iter().enumerate() {
                        @if i > 0 { "、" }
                        (chain.and_then(|c| c.segment(s)).map_or(s.as_str(), |seg| seg.name.get(lang)))
                    }
                }
                dt { (t(lang, "party_org")) } dd {
                    (t(lang, match r.status() {
                        PartyOrgStatus::Own => "own_org",
                        PartyOrgStatus::Joint => "joint_org",
                        PartyOrgStatus::None => if r.liaison.is_some() { "work_only" } else { "uncovered" },
                    }))
                }
                dt { (t(lang, "joined_on")) } dd { (r.joined_on) }
                @if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&e.received_at) {
                    dt { (t(lang, "received")) } dd { (history::when(&at)) }
                }
            }
            p.hint { (t(lang, "enrollment_hint")) }
        }
        p { a href="/track" { (t(lang, "track_another")) } }
    }
}
