//! Open311 clients on the accounts page (administrators): register a client
//! and give it its API key (shown once), refuse or accept its key again.

use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use lianjian::Lang;
use maud::{html, Markup};

use super::super::auth::StaffForm;
use super::super::flash::{with_flash, Flash};
use super::super::{AppState, ServerError, UiLang};
use super::{deny, history};
use crate::html::csrf_field;
use crate::i18n::t;
use crate::store::accounts::Session;
use crate::store::audit::{self, Outcome};
use crate::store::clients::{self, Client};

/// The clients section of the accounts page.
pub fn section(lang: Lang, session: &Session, list: &[Client]) -> Markup {
    html! {
        h2 id="clients" { (t(lang, "clients")) }
        p.hint { (t(lang, "clients_hint")) }
        @if list.is_empty() { p { (t(lang, "none")) } } @else {
            table.clients.cards {
                thead { tr {
                    th scope="col" { (t(lang, "client_name")) }
                    th scope="col" { (t(lang, "api_key")) }
                    th scope="col" { (t(lang, "created")) }
                    th scope="col" { (t(lang, "status")) }
                    th scope="col" { (t(lang, "actions")) }
                } }
                tbody {
                    @for c in list {
                        tr class=[c.disabled.then_some("disabled")] {
                            td data-label=(t(lang, "client_name")) { (c.name) }
                            td data-label=(t(lang, "api_key")) { code { "lj_…" (c.key_hint) } }
                            td data-label=(t(lang, "created")) {
                                @if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&c.created_at) { (history::when(&at)) }
                                " · " (c.created_by)
                            }
                            td data-label=(t(lang, "status")) {
                                (t(lang, if c.disabled { "account_disabled" } else { "account_active" }))
                            }
                            td data-label=(t(lang, "actions")) {
                                form.inline method="post" action={ "/staff/clients/" (c.id) } {
                                    (csrf_field(session))
                                    @if c.disabled {
                                        input type="hidden" name="op" value="enable";
                                        button type="submit" aria-label={ (t(lang, "enable")) " " (c.name) } { (t(lang, "enable")) }
                                    } @else {
                                        input type="hidden" name="op" value="disable";
                                        button type="submit" aria-label={ (t(lang, "disable")) " " (c.name) } { (t(lang, "disable")) }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        form.action.create-client method="post" action="/staff/clients" {
            (csrf_field(session))
            label { (t(lang, "client_name")) " " input name="name" required maxlength="60"; }
            button type="submit" { (t(lang, "create_client")) }
        }
    }
}

/// `POST /staff/clients`: a new client with its key, shown once.
pub async fn create(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    if !session.manages_accounts() {
        return deny(&state, lang, &session, "client_created", "").await;
    }
    let name = form
        .get("name")
        .map(|n| n.trim().to_owned())
        .unwrap_or_default();
    let now = state.clock.now();
    let actor = session.username.clone();
    let who = name.clone();
    let key = state
        .store
        .run(move |conn| {
            let key = clients::create(conn, &who, &actor, now)?;
            let outcome = if key.is_some() {
                Outcome::Done
            } else {
                Outcome::Refused
            };
            audit::record(
                conn,
                now,
                &actor,
                "client_created",
                &format!("client {who}"),
                outcome,
                "",
            )?;
            Ok(key)
        })
        .await?;
    let flash = match key {
        Some(secret) => Flash::Secret {
            label: "api_key_for",
            subject: name,
            secret,
        },
        None => Flash::Problem("client_name_taken"),
    };
    let key = state.flash.put(session.user_id, flash);
    Ok(Redirect::to(&with_flash("/staff/users#clients", &key)).into_response())
}

/// `POST /staff/clients/{id}`: `op` = `disable` or `enable`.
pub async fn change(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(id): Path<i64>,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    let disabled = form.get("op").map(String::as_str) == Some("disable");
    let action = if disabled {
        "client_disabled"
    } else {
        "client_enabled"
    };
    if !session.manages_accounts() {
        return deny(&state, lang, &session, action, &format!("client #{id}")).await;
    }
    let now = state.clock.now();
    let actor = session.username.clone();
    state
        .store
        .run(move |conn| {
            if let Some(name) = clients::set_disabled(conn, id, disabled)? {
                audit::record(
                    conn,
                    now,
                    &actor,
                    action,
                    &format!("client {name}"),
                    Outcome::Done,
                    "",
                )?;
            }
            Ok(())
        })
        .await?;
    Ok(Redirect::to("/staff/users#clients").into_response())
}
