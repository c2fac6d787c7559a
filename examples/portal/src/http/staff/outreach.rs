//! The contact programme as the office follows it: every contact × the
//! enterprises it holds, overdue first (`lianjian::api::outreach`), the
//! contacts' totals, and the visit form. A visit is checked by the core —
//! its demand row by the demand rules, paths under `demands[0].` — and a
//! refused visit stores nothing; an accepted one is appended to the
//! district's visits, and its demand enters the lifecycle as the core's
//! [`Visit::intake`](lianjian::outreach::Visit::intake) says (with an
//! on-site reply: assigned, accepted and replied at the visit's time), in
//! one transaction. The office and administrators record; auditors read.

use std::collections::BTreeMap;

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{NaiveDateTime, TimeZone};
use lianjian::api::{self, AnyRecord};
use maud::html;
use serde_json::{json, Value};

use super::super::auth::{Staff, StaffForm};
use super::super::flash::{with_flash, Flash};
use super::super::{AppState, ServerError, UiLang};
use super::meeting::FlashQuery;
use super::{deny, record};
use crate::html::{findings, staff, StaffPage};
use crate::i18n::{kind_name, t};
use crate::store::audit::Outcome;
use crate::store::centres;

/// The department an on-site reply is assigned to when the contact has
/// none (a cadre): the enterprise service centre.
pub const ON_SITE_DEPARTMENT: &str = "enterprise_service_centre";

const MODES: [&str; 5] = ["on_site", "phone", "online", "at_centre", "meeting"];

/// `GET /staff/outreach`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(query): Query<FlashQuery>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_outreach", "").await;
    }
    let (refused, form, done) = match query
        .flash()
        .and_then(|key| state.flash.take(session.user_id, key))
    {
        Some(Flash::Refused { findings, form }) => (findings, form, false),
        Some(Flash::Problem("visit_recorded")) => (Vec::new(), BTreeMap::new(), true),
        _ => (Vec::new(), BTreeMap::new(), false),
    };
    let options = state.options(lang);
    let texts = state.store.run(|conn| centres::texts(conn)).await?;
    let answer = api::outreach(&texts.folder(), &options);
    let name = |uscc: &str| {
        answer
            .titles
            .enterprises
            .get(uscc)
            .cloned()
            .unwrap_or_default()
    };
    let value = |key: &str| form.get(key).cloned().unwrap_or_default();
    let contacts = answer.contacts.clone().unwrap_or_default();
    let mut enterprises: Vec<&String> = answer.cadence.iter().map(|c| &c.enterprise).collect();
    enterprises.sort();
    enterprises.dedup();
    let body = html! {
        @if !refused.is_empty() { (findings(lang, t(lang, "refused"), &refused)) }
        @if done { p.done role="status" { (t(lang, "visit_recorded")) } }
        @if let (Some(p), Some(s)) = (&answer.programme, &answer.summary) {
            p.kind { (p.name) " · " (p.from) " – " (p.to) " · " (p.owner) }
            @let summary = serde_json::to_value(s).unwrap_or(Value::Null);
            dl.summary {
                @if let Some(map) = summary.as_object() {
                    @for (k, v) in map {
                        dt { (t(lang, &format!("summary_{k}"))) }
                        dd data-field=(k) {
                            @match v {
                                Value::Object(by) => {
                                    @let prefix = if k == "cadence" { "cadence_" } else { "mode_" };
                                    ul.by {
                                        @for (key, n) in by { li { (t(lang, &format!("{prefix}{key}"))) (t(lang, "colon")) (n) } }
                                    }
                                }
                                other => (other),
                            }
                        }
                    }
                }
            }
        } @else {
            p { (t(lang, "no_programme")) }
        }
        h2 { (t(lang, "cadence")) }
        p.hint { (t(lang, "cadence_hint")) }
        table.cadence {
            thead { tr {
                th scope="col" { (t(lang, "contact")) }
                th scope="col" { (t(lang, "enterprise")) }
                th scope="col" { (t(lang, "status")) }
                th scope="col" { (t(lang, "last_on_site")) }
                th scope="col" { (t(lang, "last_contact")) }
                th scope="col" { (t(lang, "next_by")) }
            } }
            tbody {
                @for c in &answer.cadence {
                    @let status = serde_json::to_value(c.status).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
                    tr class={ "cadence-" (status) } {
                        td { (c.contact) }
                        td { (name(&c.enterprise)) br; code { (c.enterprise) } }
                        td {
                            span class={ "badge " @if status == "overdue" { "overdue" } @else if status == "due" { "provisional" } } {
                                (t(lang, &format!("cadence_{status}")))
                            }
                            @if c.overdue_days > 0 { " " (c.overdue_days) (t(lang, "days_suffix")) }
                        }
                        td { (c.last_on_site.map(|d| d.to_string()).unwrap_or_default()) }
                        td { (c.last_contact.map(|d| d.to_string()).unwrap_or_default()) }
                        td { (c.on_site_by.min(c.contact_by)) }
                    }
                }
            }
        }
        h2 { (t(lang, "contacts")) }
        table.contacts {
            thead { tr {
                th scope="col" { (t(lang, "contact")) }
                th scope="col" { (t(lang, "unit")) }
                th scope="col" { (t(lang, "enterprises_held")) }
                th scope="col" { (t(lang, "visits")) }
                th scope="col" { (t(lang, "demands_raised")) }
            } }
            tbody {
                @for c in &contacts {
                    tr { td { (c.id) } td { (c.unit) } td.num { (c.enterprises) } td.num { (c.visits) } td.num { (c.demands_raised) } }
                }
            }
        }
        @if session.runs_office() && answer.programme.is_some() {
            form.action.visit method="post" action="/staff/outreach/visits" {
                (crate::html::csrf_field(&session))
                fieldset {
                    legend { (t(lang, "record_visit")) }
                    label for="contact" { (t(lang, "contact")) }
                    select id="contact" name="contact" {
                        @for c in &contacts { option value=(c.id) selected[value("contact") == c.id] { (c.id) " · " (c.unit) } }
                    }
                    label for="enterprise_uscc" { (t(lang, "enterprise")) }
                    select id="enterprise_uscc" name="enterprise_uscc" {
                        @for e in &enterprises { option value=(e) selected[&value("enterprise_uscc") == *e] { (name(e)) " · " (e) } }
                    }
                    label for="mode" { (t(lang, "visit_mode")) }
                    select id="mode" name="mode" {
                        @for m in MODES { option value=(m) selected[value("mode") == m] { (t(lang, &format!("mode_{m}"))) } }
                    }
                    label for="visited_at" { (t(lang, "visited_at")) }
                    input id="visited_at" name="visited_at" type="datetime-local" required value=(value("visited_at"));
                    label for="notes" { (t(lang, "visit_notes")) }
                    textarea id="notes" name="notes" rows="3" { (value("notes")) }
                }
                fieldset {
                    legend { (t(lang, "visit_demand")) }
                    p.hint { (t(lang, "visit_demand_hint")) }
                    label for="d_kind" { (t(lang, "kind")) }
                    select id="d_kind" name="d_kind" {
                        @for k in lianjian::demand::DemandKind::ALL {
                            option value=(k.as_str()) selected[value("d_kind") == k.as_str()] { (kind_name(lang, k)) }
                        }
                    }
                    label for="d_chain" { (t(lang, "chain")) }
                    select id="d_chain" name="d_chain" {
                        @for c in &state.domain.catalog().chains {
                            option value=(c.id) selected[value("d_chain") == c.id] { (c.name.get(lang)) }
                        }
                    }
                    label for="d_title" { (t(lang, "title")) }
                    input id="d_title" name="d_title" type="text" value=(value("d_title"));
                    label for="d_description" { (t(lang, "description")) }
                    textarea id="d_description" name="d_description" rows="3" { (value("d_description")) }
                    label for="d_contact_name" { (t(lang, "contact_name")) }
                    input id="d_contact_name" name="d_contact_name" type="text" autocomplete="off" value=(value("d_contact_name"));
                    label for="d_contact_phone" { (t(lang, "contact_phone")) }
                    input id="d_contact_phone" name="d_contact_phone" type="tel" autocomplete="off" value=(value("d_contact_phone"));
                    label for="d_reply" { (t(lang, "on_site_reply")) }
                    textarea id="d_reply" name="d_reply" rows="2" { (value("d_reply")) }
                }
                button type="submit" { (t(lang, "record")) }
            }
        }
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Outreach,
        t(lang, "outreach"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}

/// `POST /staff/outreach/visits`.
pub async fn post_visit(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    if !session.runs_office() {
        return deny(&state, lang, &session, "record_visit", "").await;
    }
    let field = |k: &str| form.get(k).map(|v| v.trim().to_owned()).unwrap_or_default();
    let mut options = state.options(lang);
    let texts = state.store.run(|conn| centres::texts(conn)).await?;
    let loaded = api::load(&texts.folder(), None, &options).ok();
    let programme = loaded.as_ref().and_then(|l| l.programme.clone());
    let titles = loaded.as_ref().map(api::Titles::of).unwrap_or_default();
    options.programme = programme.clone();
    let uscc = field("enterprise_uscc");
    let enterprise_name = titles.enterprises.get(&uscc).cloned().unwrap_or_default();
    // `datetime-local` gives China time without an offset; an unreadable
    // one is passed on as typed, for the core's finding.
    let visited_at = NaiveDateTime::parse_from_str(&field("visited_at"), "%Y-%m-%dT%H:%M")
        .ok()
        .and_then(|t| crate::config::china().from_local_datetime(&t).single())
        .map_or_else(|| field("visited_at"), |t| t.to_rfc3339());
    let next: i64 = state
        .store
        .run(|conn| {
            Ok(conn.query_row(
                "SELECT COUNT(*) + 1 FROM district_lines WHERE file = 'visits.jsonl'",
                [],
                |r| r.get(0),
            )?)
        })
        .await?;
    let id = format!("v-portal-{next:04}");
    let mut visit = json!({
        "id": id,
        "programme": programme.as_ref().map(|p| p.id.clone()).unwrap_or_default(),
        "contact": field("contact"),
        "enterprise_uscc": uscc,
        "enterprise_name": enterprise_name,
        "mode": field("mode"),
        "visited_at": visited_at,
        "visitors": [session.username.clone()],
        "notes": field("notes"),
    });
    let has_demand = !(field("d_title").is_empty() && field("d_description").is_empty());
    if has_demand {
        let mut demand = json!({
            "enterprise_uscc": uscc,
            "enterprise_name": enterprise_name,
            "chain": field("d_chain"),
            "kind": field("d_kind"),
            "title": field("d_title"),
            "description": field("d_description"),
            "contact": {"name": field("d_contact_name"), "phone": field("d_contact_phone")},
            "declarations": {"not_in_litigation": true, "no_secrets": true},
            "submitted_at": visited_at,
        });
        if !field("d_reply").is_empty() {
            demand["on_site_reply"] = Value::String(field("d_reply"));
        }
        visit["demands"] = json!([demand]);
    }
    let line = visit.to_string();
    let checked = api::validate("visit", &line, &options)
        .map_err(|e| ServerError(crate::store::StoreError::Corrupt(e)))?;
    let accepted = match (&checked.record, checked.valid) {
        (Some(AnyRecord::Visit(visit)), true) => visit.clone(),
        _ => {
            record(
                &state,
                &session.username,
                "record_visit",
                &id,
                Outcome::Refused,
                &checked
                    .findings
                    .iter()
                    .map(|f| f.code.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .await?;
            let mut form = form.clone();
            form.remove("csrf");
            let key = state.flash.put(
                session.user_id,
                Flash::Refused {
                    findings: checked.findings.clone(),
                    form,
                },
            );
            return Ok(Redirect::to(&with_flash("/staff/outreach", &key)).into_response());
        }
    };
    // The visit and its demands, as the core takes them in, in one transaction.
    let intake = accepted.intake(programme.as_ref(), ON_SITE_DEPARTMENT);
    let mut lines = vec![("visits.jsonl".to_owned(), line)];
    for (i, (demand, events)) in intake.iter().enumerate() {
        let stored = json!({
            "id": format!("{id}-d{}", i + 1),
            "record": demand,
            "events": events,
        });
        lines.push(("demands.jsonl".to_owned(), stored.to_string()));
    }
    let now = state.clock.now().to_rfc3339();
    state
        .store
        .run(move |conn| {
            let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            for (file, record) in &lines {
                tx.execute(
                    "INSERT INTO district_lines (file, record, stored_at) VALUES (?1, ?2, ?3)",
                    rusqlite::params![file, record, now],
                )?;
            }
            tx.commit()?;
            Ok(())
        })
        .await?;
    record(
        &state,
        &session.username,
        "record_visit",
        &id,
        Outcome::Done,
        &format!("{} demand(s)", intake.len()),
    )
    .await?;
    let key = state
        .flash
        .put(session.user_id, Flash::Problem("visit_recorded"));
    Ok(Redirect::to(&with_flash("/staff/outreach", &key)).into_response())
}
