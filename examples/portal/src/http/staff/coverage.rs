//! The supervision (督办) list and the coverage dashboard with its
//! chain × segment heatmap (an HTML table coloured by classes from
//! `staff.css`, no inline styles).

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
use crate::html::{staff, StaffPage};
use crate::i18n::{state_name, t};
use crate::store::{demands, enrollments};

fn follow_up_table(lang: Lang, domain: &Domain, items: &[FollowUpItem]) -> Markup {
    html! {
        @if items.is_empty() {
            p { (t(lang, "none")) }
        } @else {
            table.follow-up {
                thead { tr {
                    th scope="col" { (t(lang, "id")) }
                    th scope="col" { (t(lang, "title")) }
                    th scope="col" { (t(lang, "status")) }
                    th scope="col" { (t(lang, "department")) }
                    th scope="col" { (t(lang, "deadline")) }
                    th scope="col" { (t(lang, "overdue_days")) }
                } }
                tbody {
                    @for item in items {
                        tr {
                            td { a href={ "/staff/demands/" (item.id) } { (item.id) } }
                            td { (item.title) }
                            td { (state_name(lang, item.state)) }
                            td { (item.department.as_deref().map(|d| domain.department_name(d, lang)).unwrap_or_default()) }
                            td { (item.deadline.map(|d| d.to_string()).unwrap_or_default()) }
                            td { (item.overdue_days.map(|d| d.to_string()).unwrap_or_default()) }
                        }
                    }
                }
            }
        }
    }
}

/// `GET /staff/overdue`: the core's follow-up list, overdue first.
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
    let list = follow_up(&tracked(&all), &state.domain.calendar, state.clock.today());
    let domain = &state.domain;
    let body = html! {
        section.overdue-list {
            h2 { (t(lang, "overdue_list")) " (" (list.overdue.len()) ")" }
            (follow_up_table(lang, domain, &list.overdue))
        }
        h2 { (t(lang, "open_list")) " (" (list.open.len()) ")" }
        (follow_up_table(lang, domain, &list.open))
        h2 { (t(lang, "reassign_list")) " (" (list.to_reassign.len()) ")" }
        (follow_up_table(lang, domain, &list.to_reassign))
        h2 { (t(lang, "revisit_list")) " (" (list.awaiting_revisit.len()) ")" }
        (follow_up_table(lang, domain, &list.awaiting_revisit))
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
