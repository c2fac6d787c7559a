//! The activity ledger (活动台账) as the core tabulates it
//! (`lianjian::api::ledger("activities", …)`) over the portal's activities,
//! on a page and as CSV and XLSX downloads. Read by everyone who reads all.

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use lianjian::api;
use lianjian::ledger::Cell;
use maud::html;

use super::super::auth::Staff;
use super::super::{AppState, ServerError, UiLang};
use super::deny;
use crate::html::{staff, StaffPage};
use crate::i18n::t;
use crate::store::{centres, StoreError};

async fn table(state: &AppState, lang: lianjian::Lang) -> Result<api::LedgerAnswer, ServerError> {
    let options = state.options(lang);
    let texts = state.store.run(|conn| centres::texts(conn)).await?;
    Ok(api::ledger("activities", &texts.folder(), &options))
}

/// `GET /staff/activities`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_ledger", "").await;
    }
    let answer = table(&state, lang).await?;
    let Some(table) = answer.table() else {
        return Err(ServerError(StoreError::Corrupt(
            "no activity ledger".into(),
        )));
    };
    let body = html! {
        ul.downloads {
            li { a href="/staff/activities/ledger.csv" download { (t(lang, "download_csv")) } }
            li { a href="/staff/activities/ledger.xlsx" download { (t(lang, "download_xlsx")) } }
        }
        div.scroll {
            table.ledger {
                thead { tr { @for c in &table.columns { th scope="col" data-column=(c.id) { (c.heading) } } } }
                tbody {
                    @for row in &table.rows {
                        tr {
                            @for cell in row {
                                @match cell {
                                    Cell::Integer(_) | Cell::Number(_) => td.num { (cell.display()) },
                                    _ => td { (cell.display()) },
                                }
                            }
                        }
                    }
                }
            }
        }
    };
    let page = staff(lang, Some(&session), StaffPage::Ledger, &table.title, body);
    Ok(Html(page.into_string()).into_response())
}

/// `GET /staff/activities/ledger.csv` and `/staff/activities/ledger.xlsx`.
pub async fn download(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Path(file): Path<String>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_ledger", &file).await;
    }
    let answer = table(&state, lang).await?;
    let Some(table) = answer.table() else {
        return Err(ServerError(StoreError::Corrupt(
            "no activity ledger".into(),
        )));
    };
    let (bytes, mime, name) = match file.as_str() {
        "ledger.csv" => (
            crate::ledger_files::csv(table),
            "text/csv; charset=utf-8",
            "activities.csv",
        ),
        "ledger.xlsx" => (
            crate::ledger_files::xlsx(table),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "activities.xlsx",
        ),
        _ => return Ok(super::super::not_found(UiLang(lang)).await),
    };
    let bytes = bytes.map_err(|e| ServerError(StoreError::Corrupt(e)))?;
    let disposition = format!("attachment; filename=\"{name}\"");
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
