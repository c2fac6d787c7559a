//! The staff pages, all behind [`Staff`] and scoped by role
//! ([`crate::roles`]): the demand inbox and each demand's page with its
//! lifecycle actions, the joint meeting, the supervision list, the coverage
//! dashboard, the calendar, the accounts and the audit log.
//!
//! Every state-changing form answers with a redirect (post/redirect/get): a
//! refusal's findings ride along in a [`Flash`], so reloading or going back
//! never re-posts and never lands on a POST-only address.

mod actions;
mod audit_page;
mod calendar;
mod centres;
mod clients;
pub mod corrections;
mod coverage;
mod enrollments;
mod headline;
pub mod history;
mod ledger;
mod meeting;
mod outreach;
mod pairings;
mod publication;
mod users;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use lianjian::demand::meeting::Tracked;
use lianjian::demand::State as DemandState;
use lianjian::Lang;
use maud::{html, Markup};
use serde::Deserialize;

use super::auth::{self, Staff};
use super::flash::Flash;
use super::{AppState, ServerError, UiLang};
use crate::html::{findings, staff, StaffPage};
use crate::i18n::{kind_name, state_name, t};
use crate::roles::{mask_name, mask_phone};
use crate::store::accounts::Session;
use crate::store::attachments;
use crate::store::audit::{self, Outcome};
use crate::store::demands::{self, StoredDemand};

/// A file size people read: `200 KB`, `1.5 MB`.
pub fn size(bytes: u64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes.div_ceil(1024)).max(1))
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// A GET on a POST-only address (a reload, a bookmark, back and forward)
/// goes to the page the form belongs to.
fn back_to(page: &'static str) -> axum::routing::MethodRouter<AppState> {
    get(move || async move { Redirect::to(page) })
}

/// The staff routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/staff", get(|| async { Redirect::to("/staff/demands") }))
        .route("/staff/login", get(auth::login_form).post(auth::login))
        .route(
            "/staff/logout",
            post(auth::logout).merge(back_to("/staff/login")),
        )
        .route(
            "/staff/password",
            get(auth::password_form).post(auth::change_password),
        )
        .route("/staff/demands", get(inbox))
        .route("/staff/demands/{id}", get(demand_page))
        .route(
            "/staff/demands/{id}/events",
            post(actions::post_event).get(|Path(id): Path<String>| async move {
                Redirect::to(&format!("/staff/demands/{}", urlencode(&id)))
            }),
        )
        .route(
            "/staff/demands/{id}/attachments/{index}",
            get(super::uploads::staff_file),
        )
        .route("/staff/meeting", get(meeting::page))
        .route(
            "/staff/meeting/minutes",
            post(meeting::record).merge(back_to("/staff/meeting")),
        )
        .route("/staff/corrections.jsonl", get(corrections::export))
        .route("/staff/overdue", get(coverage::overdue))
        .route("/staff/enrollments", get(enrollments::page))
        .route("/staff/coverage", get(coverage::dashboard))
        .route("/staff/calendar", get(calendar::page))
        .route(
            "/staff/calendar/recompute",
            post(calendar::recompute_all).merge(back_to("/staff/calendar")),
        )
        .route("/staff/centres", get(centres::list))
        .route("/staff/centres/{id}", get(centres::page))
        .route(
            "/staff/centres/{id}/bookings",
            post(centres::book).get(|Path(id): Path<String>| async move {
                Redirect::to(&format!("/staff/centres/{}", urlencode(&id)))
            }),
        )
        .route("/staff/pairings", get(pairings::page))
        .route("/staff/headline", get(headline::page))
        .route("/staff/outreach", get(outreach::page))
        .route("/staff/activities", get(ledger::page))
        .route(
            "/staff/activities/attendance",
            post(ledger::record_attendance).merge(back_to("/staff/activities")),
        )
        .route("/staff/activities/{id}", get(ledger::download))
        .route(
            "/staff/outreach/visits",
            post(outreach::post_visit).merge(back_to("/staff/outreach")),
        )
        .route("/staff/headline.json", get(headline::json))
        .route("/staff/users", get(users::page).post(users::create))
        .route(
            "/staff/users/{id}",
            post(users::change).merge(back_to("/staff/users")),
        )
        .route(
            "/staff/demands/{id}/publication",
            post(publication::post).get(|Path(id): Path<String>| async move {
                Redirect::to(&format!("/staff/demands/{}", urlencode(&id)))
            }),
        )
        .route(
            "/staff/clients",
            post(clients::create).merge(back_to("/staff/users")),
        )
        .route(
            "/staff/clients/{id}",
            post(clients::change).merge(back_to("/staff/users")),
        )
        .route("/staff/audit", get(audit_page::page))
}

/// Every staff route, `(method, path)`: the role tests walk this list
/// (a department handler of another department must be refused on each),
/// and a unit test keeps it equal to [`routes`].
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/staff"),
    ("GET", "/staff/login"),
    ("POST", "/staff/login"),
    ("POST", "/staff/logout"),
    ("GET", "/staff/password"),
    ("POST", "/staff/password"),
    ("GET", "/staff/demands"),
    ("GET", "/staff/demands/{id}"),
    ("POST", "/staff/demands/{id}/events"),
    ("GET", "/staff/demands/{id}/attachments/{index}"),
    ("GET", "/staff/meeting"),
    ("POST", "/staff/meeting/minutes"),
    ("GET", "/staff/corrections.jsonl"),
    ("GET", "/staff/overdue"),
    ("GET", "/staff/enrollments"),
    ("GET", "/staff/coverage"),
    ("GET", "/staff/calendar"),
    ("POST", "/staff/calendar/recompute"),
    ("GET", "/staff/centres"),
    ("GET", "/staff/centres/{id}"),
    ("POST", "/staff/centres/{id}/bookings"),
    ("GET", "/staff/pairings"),
    ("GET", "/staff/headline"),
    ("GET", "/staff/outreach"),
    ("GET", "/staff/activities"),
    ("POST", "/staff/activities/attendance"),
    ("GET", "/staff/activities/{id}"),
    ("POST", "/staff/outreach/visits"),
    ("GET", "/staff/headline.json"),
    ("GET", "/staff/users"),
    ("POST", "/staff/users"),
    ("POST", "/staff/users/{id}"),
    ("POST", "/staff/demands/{id}/publication"),
    ("POST", "/staff/clients"),
    ("POST", "/staff/clients/{id}"),
    ("GET", "/staff/audit"),
];

/// A path segment made safe for a `Location` header.
pub fn urlencode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Records a line of the audit log.
pub async fn record(
    state: &AppState,
    actor: &str,
    action: &str,
    target: &str,
    outcome: Outcome,
    detail: &str,
) -> Result<(), ServerError> {
    let at = state.clock.now();
    let (actor, action, target, detail) = (
        actor.to_owned(),
        action.to_owned(),
        target.to_owned(),
        detail.to_owned(),
    );
    state
        .store
        .run(move |conn| audit::record(conn, at, &actor, &action, &target, outcome, &detail))
        .await?;
    Ok(())
}

/// 403 for an account whose role or department does not allow this, with
/// a page saying so; recorded in the audit log.
pub async fn deny(
    state: &AppState,
    lang: Lang,
    session: &Session,
    action: &str,
    target: &str,
) -> Result<Response, ServerError> {
    record(
        state,
        &session.username,
        action,
        target,
        Outcome::Denied,
        "",
    )
    .await?;
    let body = html! { p.error role="alert" { (t(lang, "denied")) } };
    let page = staff(
        lang,
        Some(session),
        StaffPage::Account,
        t(lang, "denied_title"),
        body,
    );
    Ok((StatusCode::FORBIDDEN, Html(page.into_string())).into_response())
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

/// `GET /staff/demands`: the demands the account sees, filtered by state.
/// On a phone each row reads as a card (labels from `data-label`).
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
        .filter(|d| session.sees(d.case.department()))
        .filter(|d| filter.as_deref().is_none_or(|s| d.case.state().name() == s))
        .collect();
    let body = html! {
        @if !session.reads_all() {
            p.scope { (t(lang, "scope_department")) " " strong { (session.department.as_deref().map(|d| state.domain.department_name(d, lang)).unwrap_or_default()) } }
        }
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
            table.demands.cards {
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
                            td data-label=(t(lang, "id")) { a href={ "/staff/demands/" (d.id) } { (d.id) } }
                            td data-label=(t(lang, "title")) {
                                a href={ "/staff/demands/" (d.id) } { (d.demand.title) }
                                @if d.demand.urgency == lianjian::demand::Urgency::Urgent {
                                    " " span.badge.urgent { (t(lang, "urgent")) }
                                }
                                @if d.intake.iter().any(|f| f.code == lianjian::Code::DemandRepeat) {
                                    " " span.badge.repeat { (t(lang, "likely_repeat")) }
                                }
                            }
                            td data-label=(t(lang, "enterprise")) { (d.demand.enterprise_name) }
                            td data-label=(t(lang, "topic")) { (state.domain.topic_name(&d.topic, lang)) }
                            td data-label=(t(lang, "status")) { span class={ "state state-" (d.case.state().name()) } { (state_name(lang, d.case.state())) } }
                            td data-label=(t(lang, "department")) { (d.case.department().map(|id| state.domain.department_name(id, lang)).unwrap_or_default()) }
                            td data-label=(t(lang, "deadline")) {
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

/// `?done=1` after an action was recorded; `?flash=` after one was refused.
#[derive(Debug, Deserialize)]
pub struct DemandQuery {
    done: Option<String>,
    flash: Option<String>,
}

/// `GET /staff/demands/{id}`: the demand, its history and its actions.
pub async fn demand_page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Path(id): Path<String>,
    Query(query): Query<DemandQuery>,
) -> Result<Response, ServerError> {
    let flash = query
        .flash
        .and_then(|key| state.flash.take(session.user_id, &key));
    render_demand(&state, lang, &session, &id, query.done.is_some(), flash).await
}

/// The demand page, with the findings of a refused action if any.
pub async fn render_demand(
    state: &AppState,
    lang: Lang,
    session: &Session,
    id: &str,
    done: bool,
    flash: Option<Flash>,
) -> Result<Response, ServerError> {
    let domain = state.domain.clone();
    let key = id.to_owned();
    let found = state
        .store
        .run(move |conn| {
            let files = attachments::list(conn, &key)?;
            Ok(demands::load(conn, &key, &domain.rules())?.map(|d| (d, files)))
        })
        .await?;
    let Some((d, files)) = found else {
        return Ok((StatusCode::NOT_FOUND, t(lang, "not_found").to_owned()).into_response());
    };
    let department = d.case.department();
    if !session.sees(department) {
        return deny(state, lang, session, "view_demand", &format!("demand {id}")).await;
    }
    let open_contact = session.sees_contact(department);
    let (refused, typed) = match flash {
        Some(Flash::Refused { findings, form }) => (findings, form),
        _ => (Vec::new(), Default::default()),
    };
    let domain = &state.domain;
    let contact = &d.demand.contact;
    let body = html! {
        @if done { p.notice role="status" { (t(lang, "done")) } }
        @if !refused.is_empty() { (findings(lang, t(lang, "refused"), &refused)) }
        @if !d.intake.is_empty() { (intake_warnings(lang, &d.intake)) }
        dl.record {
            dt { (t(lang, "status")) } dd { span class={ "state state-" (d.case.state().name()) } { (state_name(lang, d.case.state())) } }
            dt { (t(lang, "enterprise")) } dd { (d.demand.enterprise_name) " · " (d.demand.enterprise_uscc) }
            dt { (t(lang, "chain")) } dd { (d.demand.chain.as_deref().map(|c| domain.chain_name(c, lang)).unwrap_or_default()) }
            dt { (t(lang, "kind")) } dd { (kind_name(lang, d.demand.kind)) }
            dt { (t(lang, "topic")) } dd { (domain.topic_name(&d.topic, lang)) }
            dt { (t(lang, "received")) } dd { (history::when(&d.case.history()[0].at)) }
            dt { (t(lang, "department")) } dd { (department.map(|x| domain.department_name(x, lang)).unwrap_or_default()) }
            dt { (t(lang, "deadline")) } dd {
                (d.case.deadline().map(|x| x.to_string()).unwrap_or_default())
                @if d.case.deadline_provisional() {
                    " " span.badge.provisional { (t(lang, "provisional")) }
                    " " small { (t(lang, "provisional_hint")) }
                }
            }
            dt { (t(lang, "urgency")) } dd {
                @if d.demand.urgency == lianjian::demand::Urgency::Urgent {
                    span.badge.urgent { (t(lang, "urgent")) }
                } @else { (t(lang, "normal")) }
            }
            dt { (t(lang, "description")) } dd.description { (d.demand.description) }
            (publication::section(lang, session, &d))
            dt { (t(lang, "attachments")) } dd {
                @if files.is_empty() { (t(lang, "none")) } @else {
                    ul.attachments {
                        @for f in &files {
                            li {
                                a href={ "/staff/demands/" (d.id) "/attachments/" (f.index) } { (f.name) }
                                " " small { "(" (f.mime) ", " (size(f.size_bytes)) ")" }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "contact")) }
        dl.record.contact {
            @if open_contact {
                dt { (t(lang, "contact_name")) } dd { (contact.name) }
                dt { (t(lang, "contact_phone")) } dd { a href={ "tel:" (contact.phone) } { (contact.phone) } }
                @if let Some(email) = &contact.email {
                    dt { (t(lang, "contact_email")) } dd { a href={ "mailto:" (email) } { (email) } }
                }
            } @else {
                dt { (t(lang, "contact_name")) } dd { (mask_name(&contact.name)) }
                dt { (t(lang, "contact_phone")) } dd { (mask_phone(&contact.phone)) " " small { (t(lang, "masked")) } }
            }
        }
        h2 { (t(lang, "history")) }
        (history::history(lang, domain, d.case.history()))
        @if !d.case.state().is_final() {
            @let forms = actions::forms(state, lang, session, &d, &typed);
            @if let Some(forms) = forms {
                h2 { (t(lang, "actions")) }
                (forms)
            }
        }
    };
    let title = format!("{} {}", d.id, d.demand.title);
    Ok(
        Html(staff(lang, Some(session), StaffPage::Inbox, &title, body).into_string())
            .into_response(),
    )
}

/// The warnings a demand got at intake, as the enterprise saw them, with a
/// link to the earlier demand a likely repeat names.
fn intake_warnings(lang: Lang, found: &[lianjian::Finding]) -> Markup {
    let messages = lianjian::Messages::new();
    html! {
        section.intake aria-labelledby="intake-title" {
            h2 id="intake-title" { (t(lang, "intake_warnings")) }
            ul {
                @for f in found {
                    li.finding.warning data-code=(f.code.as_str()) {
                        (messages.render(lang, f))
                        @if let Some(lianjian::findings::Param::Text(earlier)) = f.params.get("earlier") {
                            " " a href={ "/staff/demands/" (urlencode(earlier)) } { (t(lang, "open_earlier")) " " (earlier) }
                        }
                    }
                }
            }
        }
    }
}

/// A refused form's findings as a page shows them.
pub fn refusal(lang: Lang, list: &[lianjian::findings::RenderedFinding]) -> Markup {
    findings(lang, t(lang, "refused"), list)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The paths given to `.route(` in this file's [`routes`].
    fn routed_paths() -> std::collections::BTreeSet<String> {
        let source = include_str!("mod.rs");
        let body = &source[source.find("pub fn routes()").unwrap()..];
        let body = &body[..body.find("\n}\n").unwrap()];
        body.split(".route(")
            .skip(1)
            .filter_map(|rest| {
                let rest = rest.trim_start();
                let rest = rest.strip_prefix('"')?;
                Some(rest[..rest.find('"')?].to_owned())
            })
            .collect()
    }

    #[test]
    fn the_route_list_is_the_router() {
        let listed: std::collections::BTreeSet<String> =
            ROUTES.iter().map(|(_, path)| (*path).to_owned()).collect();
        assert_eq!(listed, routed_paths());
        assert!(routed_paths().len() > 10);
    }
}
