//! The headline figures (OUTREACH.md §4) over the portal's district
//! records, for a period the office chooses: each figure's name, the
//! report's wording (150余家, 近5000万元) beside the exact values, its
//! definition, and the list behind it with names. The figures are
//! `lianjian::api::headline`'s — the same answer `lianjian headline` gives
//! on the same records; `/staff/headline.json` serves that answer as the
//! command line prints it. Read by everyone who reads all.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use chrono::Datelike;
use lianjian::api::{self, HeadlineAnswer};
use lianjian::Lang;
use maud::{html, Markup};
use serde::Deserialize;
use serde_json::Value;

use super::super::auth::Staff;
use super::super::{AppState, ServerError, UiLang};
use super::deny;
use crate::html::{staff, StaffPage};
use crate::i18n::t;
use crate::store::centres;

/// The figures in the order of the report.
pub const FIGURES: [&str; 8] = [
    "chain_enterprises",
    "chain_output",
    "series_sessions",
    "key_enterprises_helped",
    "demands_resolved",
    "relending",
    "matchmaking_enterprises",
    "chains_with_alliance",
];

/// The lists shown under each figure: `(list, what its ids name)`.
fn lists_of(figure: &str) -> &'static [(&'static str, &'static str)] {
    match figure {
        "chain_enterprises" => &[("chain_enterprises", "enterprise")],
        "chain_output" => &[
            ("chain_output_missing", "enterprise"),
            ("chain_output_conflicts", "enterprise"),
        ],
        "series_sessions" => &[("series_sessions", "activity")],
        "key_enterprises_helped" => &[
            ("key_enterprises_helped", "enterprise"),
            ("key_enterprises_served", "enterprise"),
        ],
        "demands_resolved" => &[
            ("demands_resolved", "demand"),
            ("demands_completed", "demand"),
        ],
        "relending" => &[("relending", "enterprise")],
        "matchmaking_enterprises" => &[("matchmaking_enterprises", "enterprise")],
        "chains_with_alliance" => &[("chains_with_alliance", "chain")],
        _ => &[],
    }
}

/// `?from=&to=&as_of=` (`YYYY-MM-DD`); the year so far by default.
#[derive(Debug, Default, Deserialize)]
pub struct Period {
    from: Option<String>,
    to: Option<String>,
    as_of: Option<String>,
}

impl Period {
    fn resolved(&self, state: &AppState) -> (String, String, Option<String>) {
        let today = state.clock.today();
        let pick = |v: &Option<String>| {
            v.as_ref()
                .map(|s| s.trim().to_owned())
                .filter(|s| !s.is_empty())
        };
        let from = pick(&self.from).unwrap_or_else(|| format!("{}-01-01", today.year()));
        let to = pick(&self.to).unwrap_or_else(|| today.to_string());
        (from, to, pick(&self.as_of))
    }
}

async fn answer(
    state: &AppState,
    lang: Lang,
    period: &Period,
) -> Result<(HeadlineAnswer, (String, String, Option<String>)), ServerError> {
    let options = state.options(lang);
    let texts = state.store.run(|conn| centres::texts(conn)).await?;
    let (from, to, as_of) = period.resolved(state);
    let query = api::Query {
        from: &from,
        to: &to,
        as_of: as_of.as_deref(),
    };
    let answer = api::headline(&texts.folder(), &query, &options);
    Ok((answer, (from, to, as_of)))
}

/// `GET /staff/headline.json`: the answer as `lianjian headline --format json` prints it.
pub async fn json(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(period): Query<Period>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_headline", "").await;
    }
    let (answer, _) = answer(&state, lang, &period).await?;
    Ok((
        [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
        api::to_json(&answer),
    )
        .into_response())
}

/// A figure's fields as `label: value` (the wording first).
fn fields(lang: Lang, figure: &Value) -> Markup {
    let Some(object) = figure.as_object() else {
        return html! {};
    };
    html! {
        dl.figure-fields {
            @for (key, value) in object {
                @if key != "approx" {
                    dt { (t(lang, &format!("field_{key}"))) }
                    dd data-field=(key) {
                        @match value {
                            Value::Object(map) => {
                                ul.by {
                                    @for (k, v) in map { li { (k) (t(lang, "colon")) (v) } }
                                }
                            }
                            Value::String(text) => (text),
                            other => (other),
                        }
                    }
                }
            }
        }
    }
}

/// `GET /staff/headline`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(period): Query<Period>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_headline", "").await;
    }
    let (answer, (from, to, as_of)) = answer(&state, lang, &period).await?;
    let figures = serde_json::to_value(&answer.figures).unwrap_or(Value::Null);
    let lists = serde_json::to_value(&answer.lists).unwrap_or(Value::Null);
    let name_of = |kind: &str, id: &str| -> Option<String> {
        match kind {
            "enterprise" => answer.titles.enterprises.get(id).cloned(),
            "demand" => answer.titles.demands.get(id).cloned(),
            "activity" => answer.titles.activities.get(id).cloned(),
            "chain" => Some(state.domain.chain_name(id, lang)),
            _ => None,
        }
    };
    let files: BTreeMap<_, _> = answer.files.iter().collect();
    let left_out: usize = answer.findings.len();
    let body = html! {
        form.period method="get" action="/staff/headline" {
            fieldset {
                legend { (t(lang, "period")) }
                label for="from" { (t(lang, "period_from")) }
                input id="from" name="from" type="date" value=(from);
                label for="to" { (t(lang, "period_to")) }
                input id="to" name="to" type="date" value=(to);
                label for="as_of" { (t(lang, "as_of")) }
                input id="as_of" name="as_of" type="date" value=(as_of.clone().unwrap_or_default());
                button type="submit" { (t(lang, "show")) }
            }
        }
        p.hint {
            (t(lang, "headline_hint"))
            " "
            a href={ "/staff/headline.json?from=" (from) "&to=" (to) @if let Some(a) = &as_of { "&as_of=" (a) } } { (t(lang, "headline_json")) }
        }
        @if !answer.findings.is_empty() {
            section.findings role="status" {
                h2 { (t(lang, "left_out")) " (" (left_out) ")" }
                ul {
                    @for f in answer.findings.iter().take(50) {
                        li data-code=(f.finding.code.as_str()) {
                            @if let Some(file) = f.file { (file.as_str()) }
                            @if let Some(line) = f.line { ":" (line) }
                            " " (f.finding.message)
                        }
                    }
                }
            }
        }
        @if figures.is_null() {
            p { (t(lang, "no_figures")) }
        }
        @for id in FIGURES {
            @let figure = &figures[id];
            @if !figure.is_null() {
                section.figure id={ "figure-" (id) } data-figure=(id) aria-labelledby={ "figure-h-" (id) } {
                    h2 id={ "figure-h-" (id) } { (answer.names.get(id).copied().unwrap_or(id)) }
                    @if let Some(approx) = figure.get("approx").and_then(Value::as_str) {
                        p.approx data-approx=(approx) { (approx) }
                    }
                    (fields(lang, figure))
                    p.definition { (answer.definitions.get(id).copied().unwrap_or_default()) }
                    @for (list, kind) in lists_of(id) {
                        @if let Some(items) = lists[*list].as_array() {
                            details.drill data-list=(list) {
                                summary { (t(lang, &format!("list_{list}"))) " (" (items.len()) ")" }
                                ul {
                                    @for item in items {
                                        @let item_id = item.as_str().map(str::to_owned).unwrap_or_else(|| item.to_string());
                                        li {
                                            code { (item_id) }
                                            @if let Some(name) = name_of(kind, &item_id) { " " (name) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { (t(lang, "files_read")) }
        table.files {
            thead { tr {
                th scope="col" { (t(lang, "file")) }
                th scope="col" { (t(lang, "rows_read")) }
                th scope="col" { (t(lang, "rows_left_out")) }
            } }
            tbody {
                @for (file, counts) in &files {
                    tr { td { (file) } td.num { (counts.rows) } td.num { (counts.left_out) } }
                }
            }
        }
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Headline,
        t(lang, "headline"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}
