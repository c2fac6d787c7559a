//! The audit log page (administrators and auditors): the newest entries,
//! of one account when `?actor=` names it.

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::super::auth::Staff;
use super::super::{AppState, ServerError, UiLang};
use super::{deny, history};
use crate::html::{staff, StaffPage};
use crate::i18n::t;
use crate::store::audit;

/// The most entries one page shows.
pub const PAGE: usize = 500;

/// `?actor=`.
#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    actor: Option<String>,
}

/// `GET /staff/audit`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(query): Query<AuditQuery>,
) -> Result<Response, ServerError> {
    if !session.reads_audit() {
        return deny(&state, lang, &session, "view_audit", "").await;
    }
    let actor = query.actor.filter(|a| !a.trim().is_empty());
    let who = actor.clone();
    let entries = state
        .store
        .run(move |conn| audit::recent(conn, who.as_deref(), PAGE))
        .await?;
    let body = html! {
        form.filter method="get" action="/staff/audit" {
            label { (t(lang, "actor")) " " input name="actor" value=(actor.clone().unwrap_or_default()); }
            " " button type="submit" { (t(lang, "filter")) }
        }
        p.hint { (t(lang, "audit_hint")) }
        @if entries.is_empty() { p { (t(lang, "none")) } } @else {
            table.audit.cards {
                thead { tr {
                    th scope="col" { (t(lang, "when")) }
                    th scope="col" { (t(lang, "actor")) }
                    th scope="col" { (t(lang, "audit_action")) }
                    th scope="col" { (t(lang, "audit_target")) }
                    th scope="col" { (t(lang, "audit_outcome")) }
                    th scope="col" { (t(lang, "audit_detail")) }
                } }
                tbody {
                    @for e in &entries {
                        tr class={ "outcome-" (e.outcome) } {
                            td data-label=(t(lang, "when")) {
                                @match chrono::DateTime::parse_from_rfc3339(&e.at) {
                                    Ok(at) => time datetime=(e.at) { (history::when(&at)) },
                                    Err(_) => (e.at),
                                }
                            }
                            td data-label=(t(lang, "actor")) { (e.actor) }
                            td data-label=(t(lang, "audit_action")) { (action_name(lang, &e.action)) }
                            td data-label=(t(lang, "audit_target")) { (e.target) }
                            td data-label=(t(lang, "audit_outcome")) { (t(lang, &format!("outcome_{}", e.outcome))) }
                            td data-label=(t(lang, "audit_detail")) { (e.detail) }
                        }
                    }
                }
            }
        }
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Audit,
        t(lang, "audit"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}

/// An audit action in words: a lifecycle event by its name, others by
/// their text, anything else as recorded.
fn action_name(lang: lianjian::Lang, action: &str) -> String {
    let key = match action.strip_prefix("event:") {
        Some(event) => format!("event_{event}"),
        None => format!("audit_{action}"),
    };
    let text = t(lang, &key);
    if text == key {
        action.to_owned()
    } else {
        text.to_owned()
    }
}
