//! The public side: the mock district portal's pages — the demand form and
//! the enrollment form, each on its own page —, the pages' own assets, and
//! the widget package.

use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::html;
use serde::Deserialize;

use super::{delivery, AppState, UiLang};
use crate::html::{public, PublicPage};
use crate::i18n::{t, tag};

/// The pages' own files, compiled in: `(name, MIME type, text)`.
pub const ASSETS: &[(&str, &str, &str)] = &[
    (
        "portal.js",
        "text/javascript; charset=utf-8",
        include_str!("../../static/portal.js"),
    ),
    (
        "portal.css",
        "text/css; charset=utf-8",
        include_str!("../../static/portal.css"),
    ),
    (
        "staff.css",
        "text/css; charset=utf-8",
        include_str!("../../static/staff.css"),
    ),
];

/// The file whose presence says the widget package was built.
pub const WIDGET_WASM: &str = "lianjian_wasm_bg.wasm";
/// The module that registers both custom elements.
pub const WIDGET_MODULE: &str = "lianjian-forms.js";

/// `?chain=` preselects a chain in the widget.
#[derive(Debug, Deserialize)]
pub struct PortalQuery {
    chain: Option<String>,
}

/// A form page: a short introduction, the widget, the status line the page
/// script fills, and the last receipt of this tab (kept by the script
/// across back and forward).
fn form_page(
    state: &AppState,
    lang: lianjian::Lang,
    page: PublicPage,
    chain: Option<String>,
) -> Html<String> {
    let chain = chain
        .filter(|c| state.domain.catalog().chain(c).is_some())
        .unwrap_or_else(|| "port_logistics".to_owned());
    let built = state.widgets.join(WIDGET_WASM).is_file();
    let (title, intro) = match page {
        PublicPage::Enroll => (t(lang, "enroll_heading"), t(lang, "portal_intro")),
        _ => (t(lang, "demand_heading"), t(lang, "demand_intro")),
    };
    let body = html! {
        p.intro { (intro) }
        div.receipt id="portal-receipt" hidden {}
        @if !built {
            p.notice role="status" { (t(lang, "widgets_missing")) }
        }
        // The widget brings its own heading; the section is named for landmarks.
        section aria-label=(title) {
            @if page == PublicPage::Enroll {
                lianjian-enrollment-form lang=(tag(lang)) chain=(chain) autosave {}
            } @else {
                // The district's model when it has one; else the package's own.
                lianjian-demand-form lang=(tag(lang)) chain=(chain) autosave
                    classifier=[state.domain.model.as_ref().map(|_| "/static/portal/classifier.json")] {}
            }
        }
        p.status id="portal-status" role="status" aria-live="polite" {}
    };
    let module = delivery::url(WIDGET_MODULE);
    let script = delivery::url("portal.js");
    let scripts: Vec<&str> = if built {
        vec![&module, &script]
    } else {
        vec![&script]
    };
    Html(public(lang, page, title, &scripts, body).into_string())
}

/// `GET /`: the demand form (诉求), the district's most used service.
pub async fn portal(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Query(query): Query<PortalQuery>,
) -> Html<String> {
    form_page(&state, lang, PublicPage::Demand, query.chain)
}

/// `GET /enroll`: the enrollment form (加入产业链党委).
pub async fn enroll(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Query(query): Query<PortalQuery>,
) -> Html<String> {
    form_page(&state, lang, PublicPage::Enroll, query.chain)
}

/// `GET /favicon.ico`: nothing, without a 404 in the browser console.
pub async fn favicon() -> StatusCode {
    StatusCode::NO_CONTENT
}

/// `GET /static/portal/{file}`: the page's script and style sheets.
pub async fn asset(Path(file): Path<String>) -> Response {
    match ASSETS.iter().find(|(name, _, _)| *name == file) {
        Some((_, mime, text)) => (
            [
                (header::CONTENT_TYPE, *mime),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            *text,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// The MIME type of a file the widget package may contain, by extension.
pub fn widget_mime(path: &str) -> Option<&'static str> {
    let ext = path.rsplit_once('.')?.1;
    Some(match ext {
        "wasm" => "application/wasm",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "woff2" => "font/woff2",
        _ => return None,
    })
}

/// Whether a requested path stays inside the package: plain names only, no
/// `..`, no hidden files, no absolute paths.
pub fn safe_relative(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|part| {
            !part.is_empty()
                && !part.starts_with('.')
                && part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
}

/// `GET /static/lianjian/{path}`: a file of the widget package.
pub async fn widget_file(State(state): State<AppState>, Path(path): Path<String>) -> Response {
    let Some(mime) = widget_mime(&path).filter(|_| safe_relative(&path)) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(state.widgets.join(&path)).await {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, mime),
                (header::CACHE_CONTROL, "no-cache"),
            ],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widget_paths_stay_inside_the_package() {
        assert!(safe_relative("lianjian-forms.js"));
        assert!(safe_relative("snippets/x-1/inline0.js"));
        for bad in [
            "",
            "../Cargo.toml",
            "a//b",
            ".env",
            "a/../../b",
            "/etc/passwd",
            "a\\b",
        ] {
            assert!(!safe_relative(bad), "{bad}");
        }
    }

    #[test]
    fn mime_types_by_extension() {
        assert_eq!(
            widget_mime("lianjian_wasm_bg.wasm"),
            Some("application/wasm")
        );
        assert!(widget_mime("lianjian-forms.js")
            .unwrap()
            .starts_with("text/javascript"));
        assert!(widget_mime("forms.css").unwrap().starts_with("text/css"));
        assert_eq!(widget_mime("README.md"), None);
        assert_eq!(widget_mime("noext"), None);
    }
}
