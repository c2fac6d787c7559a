//! Open311 moderation: a request becomes public (`GET requests`) only once
//! the district office accepts it for publication, and can be taken back.
//! The text of complaints and reports stays private either way (the core's
//! request view leaves it out).

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use lianjian::Lang;
use maud::{html, Markup};

use super::super::auth::StaffForm;
use super::super::{AppState, ServerError, UiLang};
use super::{deny, history, urlencode};
use crate::html::csrf_field;
use crate::i18n::t;
use crate::store::accounts::Session;
use crate::store::audit::{self, Outcome};
use crate::store::demands::{self, StoredDemand};

/// The Open311 line of a demand's page, with the form for the office.
pub fn section(lang: Lang, session: &Session, d: &StoredDemand) -> Markup {
    let private_text = !d.demand.kind.text_is_public();
    html! {
        dt { (t(lang, "open311")) }
        dd {
            @match &d.published {
                Some((at, by)) => {
                    (t(lang, "published"))
                    @if let Ok(at) = chrono::DateTime::parse_from_rfc3339(at) { " " (history::when(&at)) }
                    " · " (by)
                }
                None => { (t(lang, "not_published")) }
            }
            @if private_text { br; small { (t(lang, "text_private")) } }
            @if session.runs_office() {
                form.inline method="post" action={ "/staff/demands/" (d.id) "/publication" } {
                    (csrf_field(session))
                    @if d.published.is_some() {
                        input type="hidden" name="op" value="withdraw";
                        button type="submit" { (t(lang, "withdraw")) }
                    } @else {
                        input type="hidden" name="op" value="publish";
                        button type="submit" { (t(lang, "publish")) }
                    }
                }
            }
        }
    }
}

/// `POST /staff/demands/{id}/publication`: `op` = `publish` or `withdraw`.
pub async fn post(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(id): Path<String>,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    let public = form.get("op").map(String::as_str) == Some("publish");
    let action = if public { "published" } else { "withdrawn" };
    let target = format!("demand {id}");
    if !session.runs_office() {
        return deny(&state, lang, &session, action, &target).await;
    }
    let now = state.clock.now();
    let actor = session.username.clone();
    let key = id.clone();
    let found = state
        .store
        .run(move |conn| {
            let found = demands::set_published(conn, &key, public, now, &actor)?;
            if found {
                audit::record(conn, now, &actor, action, &target, Outcome::Done, "")?;
            }
            Ok(found)
        })
        .await?;
    if !found {
        return Ok(axum::http::StatusCode::NOT_FOUND.into_response());
    }
    Ok(Redirect::to(&format!("/staff/demands/{}?done=1", urlencode(&id))).into_response())
}
