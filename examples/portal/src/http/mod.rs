//! The HTTP side: routes, the headers every response carries, the request's
//! language, and how failures are answered.

pub mod api;
pub mod auth;
pub mod centres;
pub mod delivery;
pub mod flash;
pub mod open311;
pub mod public;
pub mod staff;
pub mod track;
pub mod uploads;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, FromRequestParts, Request};
use axum::http::header::{self, HeaderValue};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use lianjian::Lang;
use tower_http::services::ServeDir;
use tower_http::set_header::{SetResponseHeader, SetResponseHeaderLayer};

use crate::config::Clock;
use crate::domain::Domain;
use crate::i18n::{self, t};
use crate::store::{Store, StoreError};

/// The largest request body accepted (a demand with its text is a few KiB).
pub const BODY_LIMIT: usize = 256 * 1024;

/// The Content-Security-Policy of every response: scripts and styles from
/// this origin only (wasm compilation allowed), no inline code, no framing.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'self'; \
frame-ancestors 'none'";

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    /// The data.
    pub store: Store,
    /// The rules.
    pub domain: Arc<Domain>,
    /// Where "now" comes from.
    pub clock: Clock,
    /// The widget package folder (`wasm/pkg`).
    pub widgets: PathBuf,
    /// Whether cookies carry `Secure`.
    pub secure_cookies: bool,
    /// Failed sign-ins, for throttling.
    pub throttle: Arc<auth::Throttle>,
    /// The files demands came with.
    pub files: crate::store::attachments::FileStore,
    /// Messages from a staff form to the page it redirects to.
    pub flash: Arc<flash::FlashStore>,
    /// Wrong query codes per receipt number, for throttling.
    pub track_throttle: Arc<auth::Throttle>,
    /// The folder of content-hashed, precompressed static files ([`delivery`]).
    pub assets: PathBuf,
}

impl AppState {
    /// The options of every core call: the portal's date (China time) and
    /// the page's language.
    pub fn options(&self, lang: Lang) -> lianjian::api::Options {
        lianjian::api::Options {
            lang: Some(i18n::tag(lang).to_owned()),
            today: Some(self.clock.today().to_string()),
            ..lianjian::api::Options::default()
        }
    }
}

/// `Cache-Control` of the public pages: a few minutes, per browser (they
/// follow the language asked for); the hashed files they name never change.
pub const PAGE_CACHE: &str = "private, max-age=300";
/// `Cache-Control` of the staff pages and the tracking answers: never stored.
pub const NO_STORE: &str = "no-store";

/// Every route.
///
/// Caching: hashed static files are immutable for a year ([`delivery`]),
/// public pages are kept five minutes per browser (`Vary: Accept-Language,
/// Cookie`), staff pages are never stored; the unhashed widget and page
/// files are revalidated (`no-cache`).
pub fn router(state: AppState) -> Router {
    let hashed = ServeDir::new(&state.assets)
        .precompressed_br()
        .precompressed_gzip();
    let pages = Router::new()
        .route("/", get(public::portal))
        .route("/enroll", get(public::enroll))
        .route("/track", get(track::form_page).post(track::lookup))
        .route("/centres", get(centres::directory))
        .route("/activities", get(centres::calendar))
        .route("/centres.hsds.json", get(centres::hsds))
        .route("/activities.ics", get(centres::ical))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static(PAGE_CACHE),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::VARY,
            HeaderValue::from_static("Accept-Language, Cookie"),
        ));
    let staff_pages = staff::routes().layer(SetResponseHeaderLayer::if_not_present(
        header::CACHE_CONTROL,
        HeaderValue::from_static(NO_STORE),
    ));
    Router::new()
        .merge(pages)
        .nest_service(
            "/static/h",
            SetResponseHeader::overriding(
                hashed,
                header::CACHE_CONTROL,
                HeaderValue::from_static(delivery::IMMUTABLE),
            ),
        )
        .route("/favicon.ico", get(public::favicon))
        .route(
            "/static/portal/classifier.json",
            get(staff::corrections::model),
        )
        .route("/static/portal/{file}", get(public::asset))
        .route("/static/lianjian/{*path}", get(public::widget_file))
        .route(
            "/api/demands",
            post(uploads::post_demand).layer(DefaultBodyLimit::max(uploads::UPLOAD_LIMIT)),
        )
        .route("/api/enrollments", post(api::post_enrollment))
        .route("/open311/v2/services.xml", get(open311::services))
        .route("/open311/v2/services.json", get(open311::services))
        .route("/open311/v2/services/{code}", get(open311::definition))
        .route(
            "/open311/v2/requests.xml",
            get(open311::requests).post(open311::post_request),
        )
        .route(
            "/open311/v2/requests.json",
            get(open311::requests).post(open311::post_request),
        )
        .route("/open311/v2/requests/{id}", get(open311::request))
        .merge(staff_pages)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(security_headers))
        .with_state(state)
}

/// Adds the security headers, and remembers a `?lang=` choice in a cookie.
async fn security_headers(request: Request, next: Next) -> Response {
    let chosen = request
        .uri()
        .query()
        .and_then(|q| query_value(q, "lang"))
        .and_then(|v| Lang::parse(&v));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        // `same-origin` (not `no-referrer`) so same-origin POSTs keep their Origin.
        (header::REFERRER_POLICY, "same-origin"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ];
    for (name, value) in fixed {
        // A response with a policy of its own (a received file) keeps it.
        if name != header::CONTENT_SECURITY_POLICY || !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    }
    if let Some(lang) = chosen {
        let cookie = format!(
            "lj_lang={}; Path=/; SameSite=Strict; Max-Age=31536000",
            i18n::tag(lang)
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            headers.append(header::SET_COOKIE, value);
        }
    }
    response
}

/// One value of a query string, percent-decoded.
pub fn query_value(query: &str, key: &str) -> Option<String> {
    serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
}

/// A cookie's value from the request headers.
pub fn cookie<'a>(parts: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    parts
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// The language of a request (see [`i18n::negotiate`]).
#[derive(Debug, Clone, Copy)]
pub struct UiLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for UiLang {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let query = parts.uri.query().and_then(|q| query_value(q, "lang"));
        let accept = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok());
        Ok(UiLang(i18n::negotiate(
            query.as_deref(),
            cookie(&parts.headers, "lj_lang"),
            accept,
        )))
    }
}

/// A failure that is the server's, not the request's.
#[derive(Debug)]
pub struct ServerError(pub StoreError);

impl From<StoreError> for ServerError {
    fn from(e: StoreError) -> Self {
        ServerError(e)
    }
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        eprintln!("error: {}", self.0);
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            format!(
                "{} / {}",
                t(Lang::ZhCn, "server_error"),
                t(Lang::En, "server_error")
            ),
        )
            .into_response()
    }
}

async fn not_found(UiLang(lang): UiLang) -> Response {
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        t(lang, "not_found").to_owned(),
    )
        .into_response()
}
