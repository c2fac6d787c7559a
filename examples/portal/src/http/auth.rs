//! Staff sign-in: the login, logout and password pages, the [`Staff`]
//! extractor that guards every staff page, and the CSRF check of every
//! state-changing staff form (synchronizer token + Origin).

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{Form, FromRequest, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use lianjian::Lang;
use maud::html;

use super::{cookie, AppState, ServerError, UiLang};
use crate::html::{csrf_field, staff, StaffPage};
use crate::i18n::{self, t};
use crate::store::accounts::{self, Session, SESSION_SECONDS};
use crate::store::audit::{self, Outcome};
use crate::store::users;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "lj_session";
const MAX_FAILURES: u32 = 5;
const LOCKOUT: Duration = Duration::from_secs(300);

/// Failed sign-ins per user name: after five, the name is locked for five minutes.
#[derive(Debug, Default)]
pub struct Throttle {
    failures: Mutex<HashMap<String, (u32, Instant)>>,
}

impl Throttle {
    fn key(username: &str) -> String {
        username.trim().to_lowercase()
    }

    /// Whether a sign-in for this name may be tried now.
    pub fn allowed(&self, username: &str) -> bool {
        let map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        match map.get(&Self::key(username)) {
            Some((n, last)) => *n < MAX_FAILURES || last.elapsed() > LOCKOUT,
            None => true,
        }
    }

    /// Records the outcome of a sign-in.
    pub fn record(&self, username: &str, ok: bool) {
        let mut map = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        if ok {
            map.remove(&Self::key(username));
            return;
        }
        if map.len() > 10_000 {
            map.retain(|_, (_, last)| last.elapsed() <= LOCKOUT);
        }
        let entry = map
            .entry(Self::key(username))
            .or_insert((0, Instant::now()));
        if entry.1.elapsed() > LOCKOUT {
            entry.0 = 0;
        }
        entry.0 += 1;
        entry.1 = Instant::now();
    }
}

/// A signed-in staff member; refuses the request otherwise (a redirect to
/// the sign-in page for a page, 401 for anything else).
#[derive(Debug, Clone)]
pub struct Staff(pub Session);

impl FromRequestParts<AppState> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let value = cookie(&parts.headers, SESSION_COOKIE).map(str::to_owned);
        let session = match value {
            Some(value) if value.len() == 64 => state
                .store
                .run(move |conn| accounts::session(conn, &value))
                .await
                .map_err(|e| ServerError(e).into_response())?,
            _ => None,
        };
        let Some(session) = session else {
            return Err(if parts.method == Method::GET {
                Redirect::to("/staff/login").into_response()
            } else {
                (StatusCode::UNAUTHORIZED, "sign in first").into_response()
            });
        };
        let path = parts.uri.path();
        if session.must_change_password && path != "/staff/password" && path != "/staff/logout" {
            return Err(Redirect::to("/staff/password").into_response());
        }
        Ok(Staff(session))
    }
}

/// Equal strings in time independent of where they differ.
pub fn constant_time_eq(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Whether the request comes from a page of this site: its `Origin` (or,
/// without one, its `Referer`) names this host.
pub fn same_origin(headers: &HeaderMap, secure: bool) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let expected = format!("{}://{host}", if secure { "https" } else { "http" });
    let get = |name| {
        headers
            .get(name)
            .and_then(|v: &header::HeaderValue| v.to_str().ok())
    };
    match (get(header::ORIGIN), get(header::REFERER)) {
        (Some(origin), _) => origin == expected,
        (None, Some(referer)) => referer
            .strip_prefix(&expected)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with('/')),
        (None, None) => false,
    }
}

/// The CSRF check of a state-changing staff form: the session's token in
/// the `csrf` field (compared in constant time) and this site's origin.
pub fn csrf_ok(
    state: &AppState,
    session: &Session,
    headers: &HeaderMap,
    form: &BTreeMap<String, String>,
) -> bool {
    let token_ok = form
        .get("csrf")
        .is_some_and(|token| constant_time_eq(token, &session.csrf_token));
    token_ok && same_origin(headers, state.secure_cookies)
}

/// A staff form that passed the CSRF check: the session that sent it and
/// its fields. Every state-changing staff handler takes one, so that none can
/// forget the check; a form without a valid token (or from another origin)
/// is answered 403 before the handler runs.
pub struct StaffForm {
    /// The signed-in staff member's session.
    pub session: Session,
    /// The form's fields.
    pub form: BTreeMap<String, String>,
}

impl FromRequest<AppState> for StaffForm {
    type Rejection = Response;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let Ok(UiLang(lang)) = UiLang::from_request_parts(&mut parts, state).await;
        let Staff(session) = Staff::from_request_parts(&mut parts, state).await?;
        let headers = parts.headers.clone();
        let Form(form) =
            Form::<BTreeMap<String, String>>::from_request(Request::from_parts(parts, body), state)
                .await
                .map_err(IntoResponse::into_response)?;
        if !csrf_ok(state, &session, &headers, &form) {
            return Err(forbidden(lang));
        }
        Ok(StaffForm { session, form })
    }
}

/// 403 with a page saying why.
pub fn forbidden(lang: Lang) -> Response {
    let body = staff(
        lang,
        None,
        StaffPage::Account,
        t(lang, "forbidden"),
        html! {},
    );
    (StatusCode::FORBIDDEN, Html(body.into_string())).into_response()
}

fn session_cookie(state: &AppState, value: &str, max_age: i64) -> String {
    format!(
        "{SESSION_COOKIE}={value}; HttpOnly; SameSite=Strict; Path=/; Max-Age={max_age}{}",
        if state.secure_cookies { "; Secure" } else { "" }
    )
}

fn login_page(lang: Lang, status: StatusCode, message: Option<&str>) -> Response {
    let body = html! {
        @if let Some(message) = message { p.error role="alert" { (message) } }
        form.login method="post" action="/staff/login" {
            label { (t(lang, "username")) input name="username" autocomplete="username" required; }
            label { (t(lang, "password")) input type="password" name="password" autocomplete="current-password" required; }
            button type="submit" { (t(lang, "login")) }
        }
    };
    let page = staff(lang, None, StaffPage::Account, t(lang, "login"), body);
    (status, Html(page.into_string())).into_response()
}

/// `GET /staff/login`.
pub async fn login_form(UiLang(lang): UiLang) -> Response {
    login_page(lang, StatusCode::OK, None)
}

/// `POST /staff/login`.
pub async fn login(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    headers: HeaderMap,
    Form(form): Form<BTreeMap<String, String>>,
) -> Result<Response, ServerError> {
    if !same_origin(&headers, state.secure_cookies) {
        return Ok(forbidden(lang));
    }
    let username = form.get("username").cloned().unwrap_or_default();
    let password = form.get("password").cloned().unwrap_or_default();
    if !state.throttle.allowed(&username) {
        return Ok(login_page(
            lang,
            StatusCode::TOO_MANY_REQUESTS,
            Some(t(lang, "login_throttled")),
        ));
    }
    let name = username.clone();
    let now = state.clock.now();
    let opened = state
        .store
        .run(move |conn| {
            let name = name.trim();
            let Some(user) = accounts::check_login(conn, name, &password)? else {
                // The name typed is logged only when it is an account's: a
                // password typed into the name field must not be kept.
                let actor = if users::find(conn, name)?.is_some() {
                    name
                } else {
                    "(unknown name)"
                };
                audit::record(conn, now, actor, "sign_in", "", Outcome::Refused, "")?;
                return Ok(None);
            };
            let cookie = accounts::create_session(conn, user)?;
            let must_change =
                accounts::session(conn, &cookie)?.is_some_and(|s| s.must_change_password);
            audit::record(conn, now, name, "sign_in", "", Outcome::Done, "")?;
            Ok(Some((cookie, must_change)))
        })
        .await?;
    state.throttle.record(&username, opened.is_some());
    let Some((value, must_change)) = opened else {
        return Ok(login_page(
            lang,
            StatusCode::UNAUTHORIZED,
            Some(t(lang, "login_failed")),
        ));
    };
    let to = if must_change {
        "/staff/password"
    } else {
        "/staff/demands"
    };
    Ok((
        [(
            header::SET_COOKIE,
            session_cookie(&state, &value, SESSION_SECONDS),
        )],
        Redirect::to(to),
    )
        .into_response())
}

/// `POST /staff/logout`.
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    StaffForm { session, .. }: StaffForm,
) -> Result<Response, ServerError> {
    if let Some(value) = cookie(&headers, SESSION_COOKIE).map(str::to_owned) {
        let now = state.clock.now();
        state
            .store
            .run(move |conn| {
                accounts::end_session(conn, &value)?;
                audit::record(
                    conn,
                    now,
                    &session.username,
                    "sign_out",
                    "",
                    Outcome::Done,
                    "",
                )
            })
            .await?;
    }
    Ok((
        [(header::SET_COOKIE, session_cookie(&state, "", 0))],
        Redirect::to("/staff/login"),
    )
        .into_response())
}

fn password_page(lang: Lang, session: &Session, status: StatusCode, error: bool) -> Response {
    let body = html! {
        @if session.must_change_password { p.notice { (t(lang, "must_change")) } }
        @if error { p.error role="alert" { (t(lang, "password_rules")) } }
        form.login method="post" action="/staff/password" {
            (csrf_field(session))
            label { (t(lang, "current_password")) input type="password" name="current" autocomplete="current-password" required; }
            label { (t(lang, "new_password")) input type="password" name="new" autocomplete="new-password" minlength="12" required; }
            button type="submit" { (t(lang, "change_password")) }
        }
    };
    let page = staff(
        lang,
        Some(session),
        StaffPage::Account,
        t(lang, "change_password"),
        body,
    );
    (status, Html(page.into_string())).into_response()
}

/// `GET /staff/password`.
pub async fn password_form(UiLang(lang): UiLang, Staff(session): Staff) -> Response {
    password_page(lang, &session, StatusCode::OK, false)
}

/// `POST /staff/password`: a new password ends every session and opens a new one.
pub async fn change_password(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    let current = form.get("current").cloned().unwrap_or_default();
    let new = form.get("new").cloned().unwrap_or_default();
    if new.chars().count() < 12 || new == current {
        return Ok(password_page(
            lang,
            &session,
            StatusCode::UNPROCESSABLE_ENTITY,
            true,
        ));
    }
    let (user_id, username) = (session.user_id, session.username.clone());
    let now = state.clock.now();
    let value = state
        .store
        .run(move |conn| {
            if accounts::check_login(conn, &username, &current)?.is_none() {
                return Ok(None);
            }
            accounts::set_password(conn, user_id, &new)?;
            accounts::end_sessions_of(conn, user_id)?;
            audit::record(
                conn,
                now,
                &username,
                "password_changed",
                "",
                Outcome::Done,
                "",
            )?;
            Ok(Some(accounts::create_session(conn, user_id)?))
        })
        .await?;
    match value {
        Some(value) => Ok((
            [(
                header::SET_COOKIE,
                session_cookie(&state, &value, SESSION_SECONDS),
            )],
            Redirect::to(&format!("/staff/demands?lang={}", i18n::tag(lang))),
        )
            .into_response()),
        None => Ok(password_page(
            lang,
            &session,
            StatusCode::UNPROCESSABLE_ENTITY,
            true,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_tokens_fully() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "abcd"));
    }

    #[test]
    fn origin_must_name_this_host() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, "127.0.0.1:8080".parse().unwrap());
        assert!(!same_origin(&headers, false), "neither Origin nor Referer");
        headers.insert(
            header::REFERER,
            "http://127.0.0.1:8080/staff/demands".parse().unwrap(),
        );
        assert!(same_origin(&headers, false));
        headers.insert(header::ORIGIN, "http://evil.example".parse().unwrap());
        assert!(!same_origin(&headers, false), "Origin wins over Referer");
        headers.insert(header::ORIGIN, "http://127.0.0.1:8080".parse().unwrap());
        assert!(same_origin(&headers, false));
        assert!(!same_origin(&headers, true), "scheme matters");
        headers.remove(header::ORIGIN);
        headers.insert(header::REFERER, "http://127.0.0.1:80800/x".parse().unwrap());
        assert!(
            !same_origin(&headers, false),
            "a longer port is another origin"
        );
    }

    #[test]
    fn throttles_after_five_failures() {
        let throttle = Throttle::default();
        for _ in 0..MAX_FAILURES {
            assert!(throttle.allowed("Admin"));
            throttle.record("admin", false);
        }
        assert!(!throttle.allowed("ADMIN"));
        throttle.record("admin", true);
        assert!(throttle.allowed("admin"));
    }
}
