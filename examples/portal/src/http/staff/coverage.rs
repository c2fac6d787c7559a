//! The supervision (督办) list and the coverage dashboard with its
//! chain × segment heatmap (an HTML table coloured by classes from
//! `staff.css`, no inline styles).

use std::collections::BTreeMap;

use axum::extract::State;
use axum::response::{Html, IntoResponse, Response};
use lianjian::coverage::report::{Figures, SegmentRef};
use lianjian::demand::meeting::{follow_up, FollowUpItem};
use lianjian::{Coverage, Lang};
use maud::{html, Markup};

use super::super::auth::Staff;
use super::super::{AppState, ServerError, UiLang};
use super::{deny, tracked};
use crate::domain::Domain;
use crate::html::{csrf_field, staff, StaffPage};
use crate::i18n::{state_name, t};
use crate::store::accounts::Session;
use crate::store::demands::StoredDemand;
use crate::store::{demands, enrollments};

/// What a follow-up table offers besides the list.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Extra {
    /// Nothing.
    None,
    /// An urge (督办) form per row, for the office.
    Urge,
    /// Whom to call for the revisit, and the reply to ask about, for the office.
    Revisit,
}

fn follow_up_table(
    lang: Lang,
    domain: &Domain,
    session: &Session,
    all: &BTreeMap<&str, &StoredDemand>,
    items: &[FollowUpItem],
    extra: Extra,
) -> Markup {
    let extra = if session.runs_office() {
        extra
    } else {
        Extra::None
    };
    html! {
        @if items.is_empty() {
            p { (t(lang, "none")) }
        } @else {
            table.follow-up.cards {
                thead { tr {
                    th scope="col" { (t(lang, "id")) }
                    th scope="col" { (t(lang, "title")) }
                    th scope="col" { (t(lang, "status")) }
                    th scope="col" { (t(lang, "department")) }
                    th scope="col" { (t(lang, "deadline")) }
                    th scope="col" { (t(lang, "overdue_days")) }
                    @match extra {
                        Extra::Urge => th scope="col" { (t(lang, "act_urge")) },
                        Extra::Revisit => th scope="col" { (t(lang, "contact")) },
                        Extra::None => {}
                    }
                } }
                tbody {
                    @for item in items {
                        @let stored = all.get(item.id.as_str());
                        tr {
                            td data-label=(t(lang, "id")) { a href={ "/staff/demands/" (item.id) } { (item.id) } }
                            td data-label=(t(lang, "title")) {
                                (item.title)
                                @if let Some(times) = stored.map(|d| d.case.times_urged()).filter(|n| *n > 0) {
                                    " " span.badge.urged { (t(lang, "urged_times").replace("{n}", &times.to_string())) }
                                }
                            }
                            td data-label=(t(lang, "status")) { (state_name(lang, item.state)) }
                            td data-label=(t(lang, "department")) { (item.department.as_deref().map(|d| domain.department_name(d, lang)).unwrap_or_default()) }
                            td data-label=(t(lang, "deadline")) { (item.deadline.map(|d| d.to_string()).unwrap_or_default()) }
                            td data-label=(t(lang, "overdue_days")) { (item.overdue_days.map(|d| d.to_string()).unwrap_or_default()) }
                            @match extra {
                                Extra::Urge => td data-label=(t(lang, "act_urge")) {
                                    form.inline method="post" action={ "/staff/demands/" (item.id) "/events" } {
                                        (csrf_field(session))
                                        input type="hidden" name="action" value="urge";
                                        input name="note" required aria-label={ (t(lang, "urge_note")) " " (item.id) " " (item.title) } placeholder=(t(lang, "urge_note"));
                                        button type="submit" { (t(lang, "act_urge")) }
                                    }
                                },
                                Extra::Revisit => td data-label=(t(lang, "contact")) {
                                    @if let Some(d) = stored {
                                        (d.demand.contact.name) " · "
                                        a href={ "tel:" (d.demand.contact.phone) } { (d.demand.contact.phone) }
                                        " · " a href={ "/staff/demands/" (item.id) } { (t(lang, "act_revisit")) }
                                    }
                                },
                                Extra::None => {}
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /staff/overdue`: the core's follow-up list, overdue first; the
/// office urges (督办) from it and calls for the revisit from it.
pub async fn overdue(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
) -> Result<Response, ServerError> {
    let domain = state.domain.clone();
    let all = state
        .store
        .run(move |conn| demands::load_all(conn, &domain.rules()))
        .await?;
    // A handler follows up its own department's demands.
    let all: Vec<_> = all
        .into_iter()
        .filter(|d| session.sees(d.case.department()))
        .collect();
    let by_id: BTreeMap<&str, &StoredDemand> = all.iter().map(|d| (d.id.as_str(), d)).collect();
    let list = follow_up(&tracked(&all), &state.domain.calendar, state.clock.today());
    let domain = &state.domain;
    let table = |items: &[FollowUpItem], extra| {
        follow_up_table(lang, domain, &session, &by_id, items, extra)
    };
    let body = html! {
        section.overdue-list {
            h2 { (t(lang, "overdue_list")) " (" (list.overdue.len()) ")" }
            (table(&list.overdue, Extra::Urge))
        }
        h2 { (t(lang, "open_list")) " (" (list.open.len()) ")" }
        (table(&list.open, Extra::Urge))
        h2 { (t(lang, "reassign_list")) " (" (list.to_reassign.len()) ")" }
        (table(&list.to_reassign, Extra::None))
        h2 { (t(lang, "revisit_list")) " (" (list.awaiting_revisit.len()) ")" }
        (table(&list.awaiting_revisit, Extra::Revisit))
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Overdue,
        t(lang, "overdue"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}

/// The heat class of a cell: `heat-empty` without members, else `heat-0`
/// (under 20 % organization coverage) to `heat-4` (80 % and more).
pub fn heat_class(figures: &Figures) -> &'static str {
    match figures.rates.organization {
        None => "heat-empty",
        Some(rate) if rate < 0.2 => "heat-0",
        Some(rate) if rate < 0.4 => "heat-1",
        Some(rate) if rate < 0.6 => "heat-2",
        Some(rate) if rate < 0.8 => "heat-3",
        Some(_) => "heat-4",
    }
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.0}%", r * 100.0))
}

fn segment_list(lang: Lang, domain: &Domain, refs: &[SegmentRef]) -> Markup {
    html! {
        @if refs.is_empty() { p { (t(lang, "none")) } } @else {
            ul { @for r in refs {
                li {
                    (domain.chain_name(&r.chain, lang)) " · "
                    (domain.catalog().chain(&r.chain).and_then(|c| c.segment(&r.segment)).map_or(r.segment.as_str(), |s| s.name.get(lang)))
                }
            } }
        }
    }
}

/// `GET /staff/coverage`: coverage of the stored enrollments.
pub async fn dashboard(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Staff(session): Staff,
) -> Result<Response, ServerError> {
    if !session.reads_all() {
        return deny(&state, lang, &session, "view_coverage", "").await;
    }
    let (records, names) = state
        .store
        .run(|conn| Ok((enrollments::load_all(conn)?, enrollments::names(conn)?)))
        .await?;
    let named = |code: String| {
        html! { li { (names.get(&code).map(String::as_str).unwrap_or("")) " " code { (code) } } }
    };
    let catalog = state.domain.catalog();
    let mut coverage = Coverage::new(catalog);
    for record in &records {
        coverage.add_enrollment(catalog, record);
    }
    let report = coverage.report(catalog);
    let widest = report
        .chains
        .iter()
        .map(|c| c.segments.len())
        .max()
        .unwrap_or(0);
    let totals = &report.totals.figures;
    let domain = &state.domain;
    let body = html! {
        section.totals {
            h2 { (t(lang, "totals")) }
            dl.figures {
                dt { (t(lang, "members")) } dd { (totals.members) }
                dt { (t(lang, "own_org")) } dd { (totals.own_org) }
                dt { (t(lang, "joint_org")) } dd { (totals.joint_org) }
                dt { (t(lang, "work_only")) } dd { (totals.work_only) }
                dt { (t(lang, "uncovered")) } dd { (totals.uncovered) }
                dt { (t(lang, "org_rate")) } dd { (percent(totals.rates.organization)) }
            }
        }
        h2 { (t(lang, "heatmap")) }
        p { small { (t(lang, "heatmap_legend")) } }
        table.heatmap {
            tbody {
                @for chain in &report.chains {
                    tr {
                        th scope="row" {
                            (chain.name.get(lang))
                            br;
                            small { (chain.figures.members) " · " (percent(chain.figures.rates.organization)) }
                        }
                        @for segment in &chain.segments {
                            td class=(heat_class(&segment.figures)) {
                                span.segment { (segment.name.get(lang)) }
                                br;
                                @if segment.figures.members == 0 {
                                    "—"
                                } @else {
                                    (segment.figures.members) " · " (percent(segment.figures.rates.organization))
                                }
                            }
                        }
                        @for _ in chain.segments.len()..widest { td.heat-none {} }
                    }
                }
            }
        }
        h2 { (t(lang, "gaps")) }
        h3 { (t(lang, "empty_segments")) }
        (segment_list(lang, domain, &report.gaps.empty_segments))
        h3 { (t(lang, "segments_without_org")) }
        (segment_list(lang, domain, &report.gaps.segments_without_party_org))
        h3 { (t(lang, "should_build")) " (" (report.gaps.should_build.len()) ")" }
        @if !report.gaps.should_build.is_empty() {
            ul.codes { @for code in &report.gaps.should_build { (named(code)) } }
        }
        h3 { (t(lang, "unlinked")) " (" (report.gaps.unlinked.len()) ")" }
        @if !report.gaps.unlinked.is_empty() {
            ul.codes { @for code in &report.gaps.unlinked { (named(code)) } }
        }
    };
    let page = staff(
        lang,
        Some(&session),
        StaffPage::Coverage,
        t(lang, "coverage"),
        body,
    );
    Ok(Html(page.into_string()).into_response())
}
