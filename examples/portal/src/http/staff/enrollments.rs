//! The enrollments (入会企业) as the office reads them: who joined which
//! chain and segments, how it is covered, when, and whom to call (masked
//! for auditors).

use axum::extract::{Query, State};
use axum::response::{Html, IntoResponse, Response};
use lianjian::PartyOrgStatus;
use maud::html;
use serde::Deserialize;

use super::super::auth::Staff;
use super::super::{AppState, ServerError, UiLang};
use super::{deny, history};
use crate::html::{staff, StaffPage};
use crate::i18n::t;
use crate::roles::{mask_name, mask_phone};
use crate::store::enrollments;

/// `?chain=`.
#[derive(Debug, Deserialize)]
pub struct EnrollmentQuery {
    chain: Option<String>,
}

/// `GET /staff/enrollments`.
pub async fn page(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
    Query(query): Query<EnrollmentQuery>,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_enrollments", "").await;
    }
    let all = state.store.run(|conn| enrollments::list(conn)).await?;
    let chain = query.chain.filter(|c| !c.is_empty());
    let shown: Vec<_> = all
        .iter()
        .filter(|e| chain.as_deref().is_none_or(|c| e.record.chain == c))
        .collect();
    let domain = &state.domain;
    let catalog = domain.catalog();
    let open_contact = session.runs_office();
    let body = html! {
        form.filter method="get" action="/staff/enrollments" {
            label {
                (t(lang, "chain")) " "
                select name="chain" {
                    option value="" { (t(lang, "all")) }
                    @for c in &catalog.chains {
                        option value=(c.id) selected[chain.as_deref() == Some(c.id.as_str())] { (c.name.get(lang)) }
                    }
                }
            }
            " " button type="submit" { (t(lang, "filter")) }
        }
        p { (t(lang, "count")) (shown.len()) }
        table.enrollments.cards {
            thead { tr {
                th scope="col" { (t(lang, "id")) }
                th scope="col" { (t(lang, "enterprise")) }
                th scope="col" { (t(lang, "chain")) }
                th scope="col" { (t(lang, "segments")) }
                th scope="col" { (t(lang, "party_org")) }
                th scope="col" { (t(lang, "joined_on")) }
                th scope="col" { (t(lang, "contact")) }
            } }
            tbody {
                @for e in &shown {
                    @let r = &e.record;
                    @let c = catalog.chain(&r.chain);
                    tr {
                        td data-label=(t(lang, "id")) { (e.id) }
                        td data-label=(t(lang, "enterprise")) { (r.enterprise.name) br; small { (r.enterprise.uscc) } }
                        td data-label=(t(lang, "chain")) { (domain.chain_name(&r.chain, lang)) }
                        td data-label=(t(lang, "segments")) {
                            @for (i, s) in r.segments.iter().enumerate() {
                                @if i > 0 { "、" }
                                (c.and_then(|c| c.segment(s)).map_or(s.as_str(), |seg| seg.name.get(lang)))
                            }
                        }
                        td data-label=(t(lang, "party_org")) {
                            (t(lang, match r.status() {
                                PartyOrgStatus::Own => "own_org",
                                PartyOrgStatus::Joint => "joint_org",
                                PartyOrgStatus::None => if r.liaison.is_some() { "work_only" } else { "uncovered" },
                            }))
                            @if r.full_members() > 0 { " · " (r.full_members()) " " (t(lang, "full_members")) }
                        }
                        td data-label=(t(lang, "joined_on")) {
                            (r.joined_on)
                            @if let Ok(at) = chrono::DateTime::parse_from_rfc3339(&e.received_at) {
                                br; small { (t(lang, "received")) " " (history::when(&at)) }
                            }
                        }
                        td data-label=(t(lang, "contact")) {
                            @if open_contact {
                                (r.contact.name) " · " a href={ "tel:" (r.contact.phone) } { (r.contact.phone) }
                            } @else {
                                (mask_name(&r.contact.name)) " · " (mask_phone(&r.contact.phone))
                            }
                        }
                    }
                }
            }
        }
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Enrollments,
        t(lang, "enrollments"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}
