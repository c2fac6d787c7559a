//! The centres as staff run them: each centre's services, rooms, bookings,
//! people served per month and room utilization, and the booking form.
//! Everyone who reads all (office, administrators, auditors) sees the
//! pages; the office and administrators book. A booking is decided by the
//! core's booking model inside one SQLite transaction
//! ([`crate::store::centres::book`]); the form answers with a redirect.

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Datelike, NaiveDate, NaiveTime, TimeZone};
use lianjian::centre::booking::Booking;
use lianjian::centre::Centre;
use lianjian::Lang;
use maud::html;

use super::super::auth::{Staff, StaffForm};
use super::super::centres::{kind_id, opening_text, period_text, service_name};
use super::super::flash::{with_flash, Flash};
use super::super::{AppState, ServerError, UiLang};
use super::actions::render_for_staff;
use super::meeting::FlashQuery;
use super::{deny, record, urlencode};
use crate::html::{csrf_field, findings, staff, StaffPage};
use crate::i18n::t;
use crate::store::audit::Outcome;
use crate::store::centres;

/// `GET /staff/centres`: the centres, with links to each.
pub async fn list(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_centres", "").await;
    }
    let options = state.options(lang);
    let district = state
        .store
        .run(move |conn| centres::load(conn, &options))
        .await?;
    let body = html! {
        table.centres {
            thead { tr {
                th scope="col" { (t(lang, "centres_staff")) }
                th scope="col" { (t(lang, "kind")) }
                th scope="col" { (t(lang, "rooms")) }
                th scope="col" { (t(lang, "address")) }
            } }
            tbody {
                @for c in &district.centres {
                    tr {
                        td { a href={ "/staff/centres/" (urlencode(&c.id)) } { (c.name) } }
                        td { (t(lang, &format!("centre_kind_{}", kind_id(c.kind)))) }
                        td { (c.rooms.len()) }
                        td { (c.address) }
                    }
                }
            }
        }
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Centres,
        t(lang, "centres_staff"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}

/// Minutes a centre is open on `day` by its schedule (a line open around
/// the clock counts 24 hours).
fn open_minutes(centre: &Centre, day: NaiveDate) -> u32 {
    let weekday = day.weekday().num_days_from_monday() as usize;
    centre
        .schedule
        .iter()
        .filter(|o| o.on_day(weekday))
        .map(|o| {
            if o.all_day() {
                24 * 60
            } else {
                o.closes_at.minutes().saturating_sub(o.opens_at.minutes())
            }
        })
        .sum::<u32>()
        .min(24 * 60)
}

/// `(year, month)` → minutes open in that month.
fn month_open_minutes(centre: &Centre, year: i32, month: u32) -> u32 {
    let Some(mut day) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return 0;
    };
    let mut total = 0;
    while day.month() == month {
        total += open_minutes(centre, day);
        let Some(next) = day.succ_opt() else { break };
        day = next;
    }
    total
}

/// Per room and month (China time): minutes booked.
fn booked_minutes(bookings: &[Booking]) -> BTreeMap<(String, i32, u32), i64> {
    let china = crate::config::china();
    let mut out = BTreeMap::new();
    for b in bookings {
        let start = b.starts_at.with_timezone(&china);
        let minutes = (b.ends_at - b.starts_at).num_minutes().max(0);
        *out.entry((b.room.clone(), start.year(), start.month()))
            .or_insert(0) += minutes;
    }
    out
}

/// `GET /staff/centres/{id}`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Path(id): Path<String>,
    Query(query): Query<FlashQuery>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_centres", &id).await;
    }
    let (refused, booked) = match query
        .flash()
        .and_then(|key| state.flash.take(session.user_id, key))
    {
        Some(Flash::Refused { findings, form }) => (findings, form),
        Some(Flash::Problem("booked")) => {
            (Vec::new(), BTreeMap::from([("done".into(), "1".into())]))
        }
        _ => (Vec::new(), BTreeMap::new()),
    };
    let options = state.options(lang);
    let wanted = id.clone();
    let (district, bookings) = state
        .store
        .run(move |conn| {
            let district = centres::load(conn, &options)?;
            let bookings = centres::bookings_of(conn, &wanted)?;
            Ok((district, bookings))
        })
        .await?;
    let Some(centre) = district.centre(&id) else {
        return Ok(super::super::not_found(UiLang(lang)).await);
    };
    let now = state.clock.now();
    let upcoming: Vec<&Booking> = bookings.iter().filter(|b| b.ends_at >= now).collect();
    // People served per month and service.
    let mut usage: BTreeMap<(String, String), u32> = BTreeMap::new();
    for u in district.usage.iter().filter(|u| u.centre == centre.id) {
        *usage
            .entry((u.on.format("%Y-%m").to_string(), u.service.clone()))
            .or_insert(0) += u.visits;
    }
    let minutes = booked_minutes(&bookings);
    let activity_title = |id: &Option<String>| {
        id.as_ref().map(|id| {
            district
                .activities
                .iter()
                .find(|a| &a.id == id)
                .map_or_else(|| id.clone(), |a| a.title.clone())
        })
    };
    let room_name = |room: &str| {
        centre
            .room(room)
            .map_or_else(|| room.to_owned(), |r| r.name.clone())
    };
    let value = |key: &str| booked.get(key).cloned().unwrap_or_default();
    let body = html! {
        @if !refused.is_empty() { (findings(lang, t(lang, "refused"), &refused)) }
        @if booked.contains_key("done") { p.done role="status" { (t(lang, "booked")) } }
        p.kind { (t(lang, &format!("centre_kind_{}", kind_id(centre.kind)))) " · " (centre.address) }
        h2 { (t(lang, "hours")) }
        ul.hours { @for o in &centre.schedule { li { (opening_text(o, lang)) } } }
        h2 { (t(lang, "services_offered")) }
        ul.services {
            @for s in &centre.services {
                li { (service_name(&s.id, lang)) @if let Some(p) = &s.provider { " · " (p) } }
            }
        }
        h2 { (t(lang, "rooms")) }
        table.rooms {
            thead { tr {
                th scope="col" { (t(lang, "room")) }
                th scope="col" { (t(lang, "capacity")) }
            } }
            tbody {
                @for r in &centre.rooms { tr { td { (r.name) } td { (r.capacity) } } }
            }
        }
        h2 id="bookings" { (t(lang, "bookings")) }
        @if upcoming.is_empty() {
            p { (t(lang, "no_bookings")) }
        } @else {
            table.bookings {
                thead { tr {
                    th scope="col" { (t(lang, "room")) }
                    th scope="col" { (t(lang, "when")) }
                    th scope="col" { (t(lang, "activity")) }
                    th scope="col" { (t(lang, "expected_people")) }
                } }
                tbody {
                    @for b in &upcoming {
                        tr.booking data-booking=(b.id) {
                            td { (room_name(&b.room)) }
                            td { (period_text(b.starts_at, b.ends_at)) }
                            td { (activity_title(&b.activity).unwrap_or_default()) }
                            td { (b.expected.map(|n| n.to_string()).unwrap_or_default()) }
                        }
                    }
                }
            }
        }
        @if session.runs_office() && !centre.rooms.is_empty() {
            form.action.booking method="post" action={ "/staff/centres/" (urlencode(&centre.id)) "/bookings" } {
                (csrf_field(&session))
                fieldset {
                    legend { (t(lang, "book_room")) }
                    label for="room" { (t(lang, "room")) }
                    select id="room" name="room" {
                        @for r in &centre.rooms {
                            option value=(r.id) selected[value("room") == r.id] { (r.name) " (" (r.capacity) ")" }
                        }
                    }
                    label for="date" { (t(lang, "date")) }
                    input id="date" name="date" type="date" required value=(value("date"));
                    label for="from" { (t(lang, "from_time")) }
                    input id="from" name="from" type="time" required value=(value("from"));
                    label for="to" { (t(lang, "to_time")) }
                    input id="to" name="to" type="time" required value=(value("to"));
                    label for="expected" { (t(lang, "expected_people")) }
                    input id="expected" name="expected" type="number" min="1" inputmode="numeric" value=(value("expected"));
                    button type="submit" { (t(lang, "book")) }
                }
            }
        }
        h2 { (t(lang, "usage_by_month")) }
        @if usage.is_empty() {
            p { (t(lang, "no_usage")) }
        } @else {
            table.usage {
                thead { tr {
                    th scope="col" { (t(lang, "month")) }
                    th scope="col" { (t(lang, "service")) }
                    th scope="col" { (t(lang, "visits_count")) }
                } }
                tbody {
                    @for ((month, service), visits) in &usage {
                        tr { td { (month) } td { (service_name(service, lang)) } td.num { (visits) } }
                    }
                }
            }
        }
        h2 { (t(lang, "utilization")) }
        p.hint { (t(lang, "utilization_hint")) }
        @if minutes.is_empty() {
            p { (t(lang, "no_bookings")) }
        } @else {
            table.utilization {
                thead { tr {
                    th scope="col" { (t(lang, "room")) }
                    th scope="col" { (t(lang, "month")) }
                    th scope="col" { (t(lang, "booked_hours")) }
                    th scope="col" { (t(lang, "open_hours")) }
                    th scope="col" { (t(lang, "utilization_share")) }
                } }
                tbody {
                    @for ((room, year, month), booked) in &minutes {
                        @let open = month_open_minutes(centre, *year, *month);
                        tr {
                            td { (room_name(room)) }
                            td { (format!("{year}-{month:02}")) }
                            td.num { (format!("{:.1}", *booked as f64 / 60.0)) }
                            td.num { (format!("{:.0}", open as f64 / 60.0)) }
                            td.num {
                                @if open > 0 { (format!("{:.1} %", *booked as f64 * 100.0 / open as f64)) }
                            }
                        }
                    }
                }
            }
        }
    };
    let page = staff(lang, Some(&session), StaffPage::Centres, &centre.name, body);
    Ok(Html(page.into_string()).into_response())
}

/// `POST /staff/centres/{id}/bookings`: `room`, `date`, `from`, `to`
/// (China time), `expected`. A field that does not read is refused by the
/// core's finding for it (`date_invalid`, `date_time_invalid`).
pub async fn book(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(id): Path<String>,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    if !session.runs_office() {
        return deny(&state, lang, &session, "book_room", &id).await;
    }
    let back = format!("/staff/centres/{}", urlencode(&id));
    let field = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let china = crate::config::china();
    let at = |time: &str| -> Option<chrono::DateTime<chrono::FixedOffset>> {
        let date = NaiveDate::parse_from_str(&field("date"), "%Y-%m-%d").ok()?;
        let time = NaiveTime::parse_from_str(time, "%H:%M").ok()?;
        china.from_local_datetime(&date.and_time(time)).single()
    };
    let (starts_at, ends_at) = match (at(&field("from")), at(&field("to"))) {
        (Some(s), Some(e)) => (s, e),
        (s, _) => {
            let mut report = lianjian::Report::new();
            let key = if s.is_none() { "starts_at" } else { "ends_at" };
            report.add(
                lianjian::Code::DateTimeInvalid,
                lianjian::Path::root().key(key),
            );
            return refuse(&state, lang, &session, &id, &back, &report, form).await;
        }
    };
    let booking = Booking {
        id: String::new(),
        centre: id.clone(),
        room: field("room"),
        starts_at,
        ends_at,
        activity: None,
        expected: field("expected").parse().ok(),
    };
    let options = state.options(lang);
    let by = session.username.clone();
    let now = state.clock.now();
    let answer = state
        .store
        .run(move |conn| centres::book(conn, &options, booking, &by, now))
        .await?;
    match &answer.change {
        Some(lianjian::centre::booking::Change::Added { booking }) => {
            record(
                &state,
                &session.username,
                "book_room",
                &format!("{id}/{}", booking.room),
                Outcome::Done,
                &booking.id,
            )
            .await?;
            let key = state.flash.put(session.user_id, Flash::Problem("booked"));
            Ok(Redirect::to(&format!("{}#bookings", with_flash(&back, &key))).into_response())
        }
        _ => refuse(&state, lang, &session, &id, &back, &answer.report, form).await,
    }
}

async fn refuse(
    state: &AppState,
    lang: Lang,
    session: &crate::store::accounts::Session,
    id: &str,
    back: &str,
    report: &lianjian::Report,
    mut form: BTreeMap<String, String>,
) -> Result<Response, ServerError> {
    let codes: Vec<&str> = report.findings().iter().map(|f| f.code.as_str()).collect();
    record(
        state,
        &session.username,
        "book_room",
        id,
        Outcome::Refused,
        &codes.join(","),
    )
    .await?;
    form.remove("csrf");
    let key = state.flash.put(
        session.user_id,
        Flash::Refused {
            findings: render_for_staff(lang, report),
            form,
        },
    );
    Ok(Redirect::to(&with_flash(back, &key)).into_response())
}
