//! The public side of the centres: the directory (services, opening hours
//! from the HSDS schedule, address, a "24 小时" mark; laid out for a phone
//! first), the activity calendar, and the two exports — the centres as
//! Open Referral HSDS 3.0 JSON and the calendar as iCalendar — both made by
//! the core (`lianjian::api::hsds`, `lianjian::api::ical`)
//! and carrying no personal data.

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};
use chrono::{DateTime, FixedOffset, Utc};
use lianjian::centre::{Centre, CentreKind, Opening, ServiceCatalog};
use lianjian::outreach::{Activity, ActivityStatus};
use lianjian::Lang;
use maud::{html, Markup};

use super::{AppState, ServerError, UiLang};
use crate::html::{public, PublicPage};
use crate::i18n::t;
use crate::store::centres::{self, District};

/// The wire name of a centre kind.
pub fn kind_id(kind: CentreKind) -> &'static str {
    CentreKind::ALL
        .iter()
        .find(|(_, k)| *k == kind)
        .map_or("district", |(id, _)| id)
}

/// A service's name in `lang` (its id when the catalog has none).
pub fn service_name(id: &str, lang: Lang) -> String {
    ServiceCatalog::builtin()
        .service(id)
        .map_or_else(|| id.to_owned(), |s| s.name.get(lang).to_owned())
}

/// One line of a schedule as people read it: `周一、周二 08:30–22:00`.
pub fn opening_text(opening: &Opening, lang: Lang) -> String {
    let sep = match lang {
        Lang::ZhCn => "、",
        Lang::En => ", ",
    };
    let days: Vec<String> = opening
        .byday
        .split(',')
        .map(|d| t(lang, &format!("day_{d}")).to_owned())
        .collect();
    let days = if opening.byday == "MO,TU,WE,TH,FR,SA,SU" {
        match lang {
            Lang::ZhCn => "每天".to_owned(),
            Lang::En => "Every day".to_owned(),
        }
    } else {
        days.join(sep)
    };
    if opening.all_day() {
        format!("{days} {}", t(lang, "open_24h"))
    } else {
        format!("{days} {}–{}", opening.opens_at, opening.closes_at)
    }
}

/// Where an activity takes place: the centre and room, or the address.
pub fn place(activity: &Activity, district: &District) -> String {
    match (&activity.venue.centre, &activity.venue.room) {
        (Some(centre), room) => {
            let Some(found) = district.centre(centre) else {
                return centre.clone();
            };
            match room.as_deref().and_then(|r| found.room(r)) {
                Some(room) => format!("{} · {}", found.name, room.name),
                None => found.name.clone(),
            }
        }
        _ => activity.venue.address.clone().unwrap_or_default(),
    }
}

/// An activity kind's name in `lang`.
pub fn activity_kind_name(state: &AppState, id: &str, lang: Lang) -> String {
    state
        .domain
        .catalog()
        .activity_kinds()
        .find(|k| k.id == id)
        .map_or_else(|| id.to_owned(), |k| k.name.get(lang).to_owned())
}

/// An activity's status in `lang`.
pub fn status_name(status: ActivityStatus, lang: Lang) -> &'static str {
    let key = match status {
        ActivityStatus::Planned => "activity_status_planned",
        ActivityStatus::Held => "activity_status_held",
        ActivityStatus::Recorded => "activity_status_recorded",
        ActivityStatus::Cancelled => "activity_status_cancelled",
    };
    crate::i18n::text(lang, key)
}

/// `2026-12-02 14:30–17:00` in China time.
pub fn period_text(starts: DateTime<FixedOffset>, ends: DateTime<FixedOffset>) -> String {
    let china = crate::config::china();
    let (s, e) = (starts.with_timezone(&china), ends.with_timezone(&china));
    if s.date_naive() == e.date_naive() {
        format!(
            "{} {}–{}",
            s.format("%Y-%m-%d"),
            s.format("%H:%M"),
            e.format("%H:%M")
        )
    } else {
        format!(
            "{} – {}",
            s.format("%Y-%m-%d %H:%M"),
            e.format("%Y-%m-%d %H:%M")
        )
    }
}

fn centre_card(centre: &Centre, lang: Lang) -> Markup {
    html! {
        article.centre aria-labelledby={ "centre-" (centre.id) } {
            h2 id={ "centre-" (centre.id) } {
                (centre.name)
                @if centre.open_all_day() {
                    " " span.badge.open24 { (t(lang, "open_24h")) }
                }
            }
            p.kind { (t(lang, &format!("centre_kind_{}", kind_id(centre.kind)))) }
            dl {
                dt { (t(lang, "hours")) }
                dd {
                    ul.hours {
                        @for opening in &centre.schedule { li { (opening_text(opening, lang)) } }
                    }
                }
                dt { (t(lang, "address")) }
                dd { (centre.address) }
                dt { (t(lang, "services_offered")) }
                dd {
                    ul.services {
                        @for service in &centre.services { li { (service_name(&service.id, lang)) } }
                    }
                }
                dt { (t(lang, "operator")) }
                dd { (centre.operator) }
            }
        }
    }
}

fn downloads(lang: Lang) -> Markup {
    html! {
        ul.downloads {
            li { a href="/centres.hsds.json" download { (t(lang, "download_hsds")) } }
            li { a href="/activities.ics" download { (t(lang, "download_ical")) } }
        }
    }
}

/// `GET /centres`: the directory.
pub async fn directory(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
) -> Result<Html<String>, ServerError> {
    let options = state.options(lang);
    let district = state
        .store
        .run(move |conn| centres::load(conn, &options))
        .await?;
    let body = html! {
        p.intro { (t(lang, "centres_intro")) }
        div.centres {
            @for centre in &district.centres { (centre_card(centre, lang)) }
        }
        (downloads(lang))
    };
    let title = t(lang, "centres_heading");
    Ok(Html(
        public(lang, PublicPage::Centres, title, &[], body).into_string(),
    ))
}

fn activity_rows(
    state: &AppState,
    activities: &[&Activity],
    district: &District,
    lang: Lang,
) -> Markup {
    html! {
        ul.activities {
            @for a in activities {
                li.activity {
                    h3 { (a.title) }
                    p.when { (period_text(a.starts_at, a.ends_at)) }
                    p.where { (place(a, district)) }
                    p.meta {
                        (activity_kind_name(state, &a.kind, lang))
                        " · "
                        span class={ "status status-" (status_name(a.status, Lang::En).to_lowercase()) } {
                            (status_name(a.status, lang))
                        }
                    }
                }
            }
        }
    }
}

/// `GET /activities`: the activity calendar, upcoming first (soonest
/// first), then those held (latest first).
pub async fn calendar(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
) -> Result<Html<String>, ServerError> {
    let options = state.options(lang);
    let district = state
        .store
        .run(move |conn| centres::load(conn, &options))
        .await?;
    let now = state.clock.now();
    let mut upcoming: Vec<&Activity> = district
        .activities
        .iter()
        .filter(|a| a.ends_at >= now)
        .collect();
    upcoming.sort_by_key(|a| a.starts_at);
    let mut past: Vec<&Activity> = district
        .activities
        .iter()
        .filter(|a| a.ends_at < now && a.status != ActivityStatus::Cancelled)
        .collect();
    past.sort_by_key(|a| std::cmp::Reverse(a.starts_at));
    let body = html! {
        p.intro { (t(lang, "calendar_intro")) }
        (downloads(lang))
        section aria-labelledby="upcoming" {
            h2 id="upcoming" { (t(lang, "upcoming")) }
            @if upcoming.is_empty() { p { (t(lang, "no_activities")) } }
            @else { (activity_rows(&state, &upcoming, &district, lang)) }
        }
        section aria-labelledby="past" {
            h2 id="past" { (t(lang, "past_activities")) }
            @if past.is_empty() { p { (t(lang, "no_activities")) } }
            @else { (activity_rows(&state, &past, &district, lang)) }
        }
    };
    let title = t(lang, "calendar_heading");
    Ok(Html(
        public(lang, PublicPage::Calendar, title, &[], body).into_string(),
    ))
}

fn download(mime: &'static str, name: &'static str, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, mime),
            (
                header::CONTENT_DISPOSITION,
                if name.ends_with(".ics") {
                    "attachment; filename=\"activities.ics\""
                } else {
                    "attachment; filename=\"centres.hsds.json\""
                },
            ),
        ],
        body,
    )
        .into_response()
}

/// `GET /centres.hsds.json`: the centres as HSDS 3.0 objects.
pub async fn hsds(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
) -> Result<Response, ServerError> {
    let options = state.options(lang);
    let texts = state.store.run(|conn| centres::texts(conn)).await?;
    let body = match lianjian::api::hsds(&texts.folder(), &options).export {
        Some(hsds) => serde_json::to_string_pretty(&hsds)
            .map_err(|e| ServerError(crate::store::StoreError::Corrupt(e.to_string())))?,
        None => "{}".to_owned(),
    };
    Ok(download(
        "application/json; charset=utf-8",
        "centres.hsds.json",
        body,
    ))
}

/// `GET /activities.ics`: the activity calendar (RFC 5545); `DTSTAMP` is
/// the portal's now.
pub async fn ical(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
) -> Result<Response, ServerError> {
    let options = state.options(lang);
    let texts = state.store.run(|conn| centres::texts(conn)).await?;
    let stamp = state.clock.now().with_timezone(&Utc);
    let body = lianjian::api::ical(&texts.folder(), stamp, &options)
        .export
        .unwrap_or_default();
    Ok(download(
        "text/calendar; charset=utf-8",
        "activities.ics",
        body,
    ))
}
