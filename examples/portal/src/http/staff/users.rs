//! The accounts page (administrators only): create an account with a
//! one-time password, set its role and department, disable or enable it,
//! reset its password. A one-time password is shown once, on the page the
//! form redirects to. Every change is in the audit log.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use lianjian::demand::Dictionary;
use lianjian::Lang;
use maud::{html, Markup};

use super::super::auth::{Staff, StaffForm};
use super::super::flash::{with_flash, Flash};
use super::super::{AppState, ServerError, UiLang};
use super::meeting::FlashQuery;
use super::{clients, deny};
use crate::html::{csrf_field, staff, StaffPage};
use crate::i18n::t;
use crate::roles::Role;
use crate::store::accounts::Session;
use crate::store::audit::{self, Outcome};
use crate::store::users::{self, Refusal, User};

/// The role select, with `selected` chosen.
fn role_select(lang: Lang, selected: Role, label: &str) -> Markup {
    html! {
        select name="role" aria-label=(label) {
            @for role in Role::ALL {
                option value=(role.name()) selected[role == selected] { (t(lang, &format!("role_{}", role.name()))) }
            }
        }
    }
}

/// The department select of an account: none, or a department.
fn department_choice(lang: Lang, selected: Option<&str>, label: &str) -> Markup {
    html! {
        select name="department" aria-label=(label) {
            option value="" selected[selected.is_none()] { (t(lang, "no_department")) }
            @for d in &Dictionary::builtin().departments {
                option value=(d.id) selected[selected == Some(d.id.as_str())] { (d.name.get(lang)) }
            }
        }
    }
}

/// A message the previous form left for this page.
pub fn flash_notice(lang: Lang, flash: Option<Flash>) -> Markup {
    html! {
        @match flash {
            Some(Flash::Secret { label, subject, secret }) => {
                div.notice.secret role="status" {
                    p { (t(lang, label)) " " strong { (subject) } }
                    p { code.secret { (secret) } }
                    p { small { (t(lang, "shown_once")) } }
                }
            }
            Some(Flash::Problem(key)) => { p.error role="alert" { (t(lang, key)) } }
            _ => {}
        }
    }
}

fn user_row(lang: Lang, session: &Session, user: &User) -> Markup {
    let action = format!("/staff/users/{}", user.id);
    let named = |key: &str| format!("{} {}", t(lang, key), user.username);
    html! {
        tr class=[user.disabled.then_some("disabled")] {
            td data-label=(t(lang, "username")) { (user.username) }
            td data-label=(t(lang, "role")) {
                form.inline method="post" action=(action) {
                    (csrf_field(session))
                    input type="hidden" name="op" value="role";
                    (role_select(lang, user.role, &named("role")))
                    " "
                    (department_choice(lang, user.department.as_deref(), &named("department")))
                    " "
                    button type="submit" { (t(lang, "save")) }
                }
            }
            td data-label=(t(lang, "status")) {
                @if user.disabled { (t(lang, "account_disabled")) }
                @else if user.must_change_password { (t(lang, "account_one_time")) }
                @else { (t(lang, "account_active")) }
            }
            td data-label=(t(lang, "actions")) {
                form.inline method="post" action=(action) {
                    (csrf_field(session))
                    @if user.disabled {
                        input type="hidden" name="op" value="enable";
                        button type="submit" aria-label=(named("enable")) { (t(lang, "enable")) }
                    } @else {
                        input type="hidden" name="op" value="disable";
                        button type="submit" aria-label=(named("disable")) { (t(lang, "disable")) }
                    }
                }
                " "
                form.inline method="post" action=(action) {
                    (csrf_field(session))
                    input type="hidden" name="op" value="reset";
                    button type="submit" aria-label=(named("reset_password")) { (t(lang, "reset_password")) }
                }
            }
        }
    }
}

/// `GET /staff/users`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(query): Query<FlashQuery>,
) -> Result<Response, ServerError> {
    if !session.manages_accounts() {
        return deny(&state, lang, &session, "view_users", "").await;
    }
    let flash = query
        .flash()
        .and_then(|key| state.flash.take(session.user_id, key));
    let (list, client_list) = state
        .store
        .run(|conn| Ok((users::list(conn)?, crate::store::clients::list(conn)?)))
        .await?;
    let body = html! {
        (flash_notice(lang, flash))
        h2 { (t(lang, "accounts")) }
        table.users.cards {
            thead { tr {
                th scope="col" { (t(lang, "username")) }
                th scope="col" { (t(lang, "role")) }
                th scope="col" { (t(lang, "status")) }
                th scope="col" { (t(lang, "actions")) }
            } }
            tbody { @for user in &list { (user_row(lang, &session, user)) } }
        }
        p.hint { (t(lang, "roles_hint")) }
        h2 { (t(lang, "create_account")) }
        form.action.create method="post" action="/staff/users" {
            (csrf_field(&session))
            label { (t(lang, "username")) " " input name="username" required pattern="[a-z0-9._\\-]{2,32}" autocomplete="off"; }
            small { (t(lang, "user_bad_name")) }
            label { (t(lang, "role")) " "
                select name="role" {
                    @for role in Role::ALL {
                        option value=(role.name()) selected[role == Role::Handler] { (t(lang, &format!("role_{}", role.name()))) }
                    }
                }
            }
            label { (t(lang, "department")) " "
                select name="department" {
                    option value="" { (t(lang, "no_department")) }
                    @for d in &Dictionary::builtin().departments {
                        option value=(d.id) { (d.name.get(lang)) }
                    }
                }
            }
            button type="submit" { (t(lang, "create_account")) }
        }
        (clients::section(lang, &session, &client_list))
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Users,
        t(lang, "users"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}

fn department_of(form: &BTreeMap<String, String>) -> Option<String> {
    form.get("department")
        .map(|d| d.trim().to_owned())
        .filter(|d| !d.is_empty())
}

fn problem(state: &AppState, session: &Session, refusal: Refusal) -> Response {
    let key = state
        .flash
        .put(session.user_id, Flash::Problem(refusal.key()));
    Redirect::to(&with_flash("/staff/users", &key)).into_response()
}

/// `POST /staff/users`: a new account with a one-time password.
pub async fn create(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    if !session.manages_accounts() {
        return deny(&state, lang, &session, "user_created", "").await;
    }
    let username = form
        .get("username")
        .map(|u| u.trim().to_owned())
        .unwrap_or_default();
    let role = form
        .get("role")
        .and_then(|r| Role::parse(r))
        .unwrap_or(Role::Auditor);
    let department = department_of(&form);
    let now = state.clock.now();
    let actor = session.username.clone();
    let name = username.clone();
    let created = state
        .store
        .run(move |conn| {
            let created = users::create(conn, &name, role, department.as_deref())?;
            let (outcome, detail) = match &created {
                Ok(_) => (
                    Outcome::Done,
                    format!("{} {}", role.name(), department.unwrap_or_default()),
                ),
                Err(refusal) => (Outcome::Refused, refusal.key().to_owned()),
            };
            audit::record(
                conn,
                now,
                &actor,
                "user_created",
                &format!("user {name}"),
                outcome,
                detail.trim(),
            )?;
            Ok(created)
        })
        .await?;
    match created {
        Ok(password) => {
            let key = state.flash.put(
                session.user_id,
                Flash::Secret {
                    label: "one_time_for",
                    subject: username,
                    secret: password,
                },
            );
            Ok(Redirect::to(&with_flash("/staff/users", &key)).into_response())
        }
        Err(refusal) => Ok(problem(&state, &session, refusal)),
    }
}

/// `POST /staff/users/{id}`: `op` = `role` (with `role`, `department`),
/// `disable`, `enable` or `reset`.
pub async fn change(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(id): Path<i64>,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    let op = form.get("op").cloned().unwrap_or_default();
    if !session.manages_accounts() {
        return deny(
            &state,
            lang,
            &session,
            &format!("user_{op}"),
            &format!("user #{id}"),
        )
        .await;
    }
    let role = form.get("role").and_then(|r| Role::parse(r));
    let department = department_of(&form);
    let now = state.clock.now();
    let actor = session.username.clone();
    let outcome = state
        .store
        .run(move |conn| {
            let (action, result): (&str, Result<(User, Option<String>), Refusal>) = match op
                .as_str()
            {
                "role" => match role {
                    Some(role) => (
                        "user_role",
                        users::set_role(conn, id, role, department.as_deref())?.map(|u| (u, None)),
                    ),
                    None => ("user_role", Err(Refusal::NotFound)),
                },
                "disable" => (
                    "user_disabled",
                    users::set_disabled(conn, id, true)?.map(|u| (u, None)),
                ),
                "enable" => (
                    "user_enabled",
                    users::set_disabled(conn, id, false)?.map(|u| (u, None)),
                ),
                "reset" => (
                    "password_reset",
                    users::reset_password(conn, id)?.map(|(u, p)| (u, Some(p))),
                ),
                _ => ("user_change", Err(Refusal::NotFound)),
            };
            let (target, outcome, detail) = match &result {
                Ok((user, _)) => (
                    format!("user {}", user.username),
                    Outcome::Done,
                    if action == "user_role" {
                        format!(
                            "{} {}",
                            role.map_or("", Role::name),
                            department.clone().unwrap_or_default()
                        )
                    } else {
                        String::new()
                    },
                ),
                Err(refusal) => (
                    format!("user #{id}"),
                    Outcome::Refused,
                    refusal.key().to_owned(),
                ),
            };
            audit::record(conn, now, &actor, action, &target, outcome, detail.trim())?;
            Ok(result)
        })
        .await?;
    match outcome {
        Ok((user, Some(password))) => {
            let key = state.flash.put(
                session.user_id,
                Flash::Secret {
                    label: "one_time_for",
                    subject: user.username,
                    secret: password,
                },
            );
            Ok(Redirect::to(&with_flash("/staff/users", &key)).into_response())
        }
        Ok((_, None)) => Ok(Redirect::to("/staff/users").into_response()),
        Err(refusal) => Ok(problem(&state, &session, refusal)),
    }
}
