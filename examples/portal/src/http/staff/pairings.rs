//! Pairings (结对共建) as the office follows them: inactive ones first — no
//! activity, outcome or report for 90 days (agreements report quarterly) —,
//! then by their last sign of life; each with its parties, plan (an item
//! past due with no outcome marked), outcomes and the demands they answer
//! (with where each demand stands), reports and activities. Read by
//! everyone who reads all; the records come from the core's reading of the
//! stored district files.

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use lianjian::pairing::{Pairing, Unit};
use lianjian::Lang;
use maud::html;
use serde::Serialize;

use super::super::auth::Staff;
use super::super::centres::period_text;
use super::super::{AppState, ServerError, UiLang};
use super::deny;
use crate::html::{staff, StaffPage};
use crate::i18n::{state_name, t};
use crate::roles::mask_phone;
use crate::store::centres::{self, District};

/// Days without an activity, outcome or report after which a pairing is
/// inactive (agreements report quarterly: OUTREACH.md §3).
pub const INACTIVE_DAYS: i64 = 90;

/// The wire name of a value the core serialises as a string.
fn wire<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// The last sign of life on `today`: signed, renewed, an outcome, a report,
/// or an activity held under it.
pub fn last_sign(pairing: &Pairing, district: &District, today: NaiveDate) -> NaiveDate {
    let china = crate::config::china();
    district
        .activities
        .iter()
        .filter(|a| a.pairing.as_deref() == Some(pairing.id.as_str()))
        .map(|a| a.starts_at.with_timezone(&china).date_naive())
        .filter(|d| *d <= today)
        .fold(pairing.last_sign_of_life(today), |last, d| last.max(d))
}

fn unit_name(state: &AppState, unit: &Unit, lang: Lang) -> String {
    match unit {
        Unit::Department { id } => state.domain.department_name(id, lang),
        Unit::Street { id } => id.clone(),
        Unit::Enterprise { uscc } => uscc.clone(),
    }
}

/// `GET /staff/pairings`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_pairings", "").await;
    }
    let options = state.options(lang);
    let district = state
        .store
        .run(move |conn| centres::load(conn, &options))
        .await?;
    let today = state.clock.today();
    let mut pairings: Vec<(&Pairing, NaiveDate)> = district
        .pairings
        .iter()
        .map(|p| (p, last_sign(p, &district, today)))
        .collect();
    // Inactive first, then the longest silent first.
    pairings.sort_by_key(|(p, last)| {
        let inactive = p.active_on(today) && (today - *last).num_days() > INACTIVE_DAYS;
        (!inactive, *last, p.id.clone())
    });
    let body = html! {
        p.hint { (t(lang, "pairings_hint")) }
        @for (p, last) in &pairings {
            @let silent = (today - *last).num_days();
            @let inactive = p.active_on(today) && silent > INACTIVE_DAYS;
            section.pairing id={ "pairing-" (p.id) } aria-labelledby={ "pairing-h-" (p.id) } {
                h2 id={ "pairing-h-" (p.id) } {
                    (p.theme)
                    @if inactive { " " span.badge.overdue { (t(lang, "inactive")) } }
                    @if !p.active_on(today) { " " span.badge { (t(lang, "not_active")) } }
                }
                p.kind {
                    (t(lang, &format!("pairing_kind_{}", wire(&p.kind))))
                    " · " (state.domain.chain_name(&p.chain, lang))
                    " · " (p.signed_on) " – " (p.runs_until())
                    " · " (t(lang, "last_sign")) " " (last)
                }
                h3 { (t(lang, "parties")) }
                ul.parties {
                    @for party in &p.parties {
                        li {
                            (unit_name(&state, &party.org, lang))
                            @if wire(&party.role) == "chain_leader" { " " span.badge.provisional { (t(lang, "chain_leader")) } }
                            " · " (party.party_org)
                            @if let Some(liaison) = &party.liaison {
                                " · " (t(lang, "liaison")) " " (mask_phone(&liaison.phone))
                            } @else {
                                " · " span.warning { (t(lang, "no_liaison")) }
                            }
                        }
                    }
                }
                p { (t(lang, "contents")) (t(lang, "colon"))
                    @for (i, c) in p.contents.iter().enumerate() {
                        @if i > 0 { "、" }
                        (t(lang, &format!("content_{}", wire(c))))
                    }
                }
                h3 { (t(lang, "plan")) }
                table.plan {
                    thead { tr {
                        th scope="col" { (t(lang, "plan_item")) }
                        th scope="col" { (t(lang, "due_on")) }
                        th scope="col" { (t(lang, "outcome")) }
                    } }
                    tbody {
                        @for item in &p.plan {
                            @let done: Vec<_> = p.outcomes.iter().filter(|o| o.plan_item.as_deref() == Some(item.id.as_str())).collect();
                            tr {
                                td { (item.title) }
                                td { (item.due_on) }
                                td {
                                    @if done.is_empty() {
                                        @if item.due_on < today { span.badge.overdue { (t(lang, "past_due")) } }
                                    } @else {
                                        @for o in &done { (o.title) " (" (o.adopted_on) ")" }
                                    }
                                }
                            }
                        }
                    }
                }
                h3 { (t(lang, "outcomes")) }
                @if p.outcomes.is_empty() { p { (t(lang, "none_yet")) } }
                ul.outcomes {
                    @for o in &p.outcomes {
                        li.outcome {
                            strong { (o.title) }
                            " · " (t(lang, &format!("outcome_kind_{}", wire(&o.kind)))) " · " (o.adopted_on)
                            @if !o.demands.is_empty() {
                                ul.answered {
                                    @for id in &o.demands {
                                        @let found = district.demands.iter().find(|d| &d.id == id);
                                        li.answered-demand data-demand=(id) {
                                            (t(lang, "answers_demand")) " " (id)
                                            @if let Some(d) = found {
                                                " · " (d.record.title) " · "
                                                span class={ "state state-" (d.case.state().name()) } { (state_name(lang, d.case.state())) }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                h3 { (t(lang, "reports")) }
                @if p.reports.is_empty() { p { (t(lang, "none_yet")) } }
                ul.reports {
                    @for r in &p.reports { li { (r.filed_on) " · " (r.summary) } }
                }
                @let activities: Vec<_> = district.activities.iter().filter(|a| a.pairing.as_deref() == Some(p.id.as_str())).collect();
                @if !activities.is_empty() {
                    h3 { (t(lang, "activities_under")) }
                    ul.activities {
                        @for a in &activities { li { (period_text(a.starts_at, a.ends_at)) " · " (a.title) } }
                    }
                }
            }
        }
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Pairings,
        t(lang, "pairings"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}
