//! Page frames and shared pieces, written with `maud`: every interpolated
//! value is HTML-escaped unless explicitly marked otherwise (nothing here is).
//! No inline scripts or styles: the pages link `/static/portal/*.css` and
//! `*.js`, as the Content-Security-Policy demands.

use lianjian::findings::RenderedFinding;
use lianjian::Lang;
use maud::{html, Markup, DOCTYPE};

use crate::i18n::{t, tag};
use crate::store::accounts::Session;

/// The `<head>` and `<body>` frame of every page.
pub fn frame(lang: Lang, title: &str, css: &[&str], scripts: &[&str], body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(tag(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                @for href in css { link rel="stylesheet" href=(href); }
                @for src in scripts { script type="module" src=(src) {} }
            }
            body { (body) }
        }
    }
}

/// Which public page is shown (for the navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PublicPage {
    /// The demand form.
    Demand,
    /// The enrollment form.
    Enroll,
    /// The tracking page.
    Track,
    /// The centre directory.
    Centres,
    /// The activity calendar.
    Calendar,
}

/// A public page: the site's header with one tab per form and the tracking
/// page (each form on its own page, so that on a phone it starts at the
/// top), the language switch and the staff link, then `body`.
pub fn public(
    lang: Lang,
    current: PublicPage,
    title: &str,
    scripts: &[&str],
    body: Markup,
) -> Markup {
    let (other, other_tag) = match lang {
        Lang::ZhCn => (t(lang, "other_lang"), "en"),
        Lang::En => (t(lang, "other_lang"), "zh-CN"),
    };
    let tabs = [
        (PublicPage::Demand, "/", "demand_heading"),
        (PublicPage::Enroll, "/enroll", "enroll_heading"),
        (PublicPage::Track, "/track", "track_heading"),
        (PublicPage::Centres, "/centres", "centres_heading"),
        (PublicPage::Calendar, "/activities", "calendar_heading"),
    ];
    let content = html! {
        header.portal-header {
            p.site { (t(lang, "site")) }
            nav.links aria-label=(t(lang, "site_links")) {
                a href={ "?lang=" (other_tag) } hreflang=(other_tag) lang=(other_tag) { (other) }
                " "
                a href="/staff/login" { (t(lang, "staff_link")) }
            }
        }
        nav.tabs aria-label=(t(lang, "services")) {
            ul {
                @for (page, href, key) in tabs {
                    li {
                        @if page == current {
                            a href=(href) aria-current="page" { (t(lang, key)) }
                        } @else {
                            a href=(href) { (t(lang, key)) }
                        }
                    }
                }
            }
        }
        main id="main" {
            h1 { (title) }
            (body)
        }
    };
    let css = crate::http::delivery::url("portal.css");
    frame(lang, title, &[&css], scripts, content)
}

/// Which staff page is shown (for the navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffPage {
    /// The inbox and demand pages.
    Inbox,
    /// The joint meeting.
    Meeting,
    /// The supervision list.
    Overdue,
    /// The enrollments.
    Enrollments,
    /// The coverage dashboard.
    Coverage,
    /// The working-day calendar and provisional deadlines.
    Calendar,
    /// The centres, their rooms, bookings and usage.
    Centres,
    /// The pairings.
    Pairings,
    /// The headline figures.
    Headline,
    /// The contact programme and visits.
    Outreach,
    /// The activity ledger.
    Ledger,
    /// Accounts and Open311 clients.
    Users,
    /// The audit log.
    Audit,
    /// Sign-in and password pages.
    Account,
}

/// The pages of the navigation an account may open.
fn links(session: &Session) -> Vec<(StaffPage, &'static str, &'static str)> {
    let mut links = vec![(StaffPage::Inbox, "/staff/demands", "inbox")];
    if session.reads_all() {
        links.push((StaffPage::Meeting, "/staff/meeting", "meeting"));
    }
    links.push((StaffPage::Overdue, "/staff/overdue", "overdue"));
    if session.reads_all() {
        links.extend([
            (StaffPage::Enrollments, "/staff/enrollments", "enrollments"),
            (StaffPage::Coverage, "/staff/coverage", "coverage"),
            (StaffPage::Calendar, "/staff/calendar", "calendar"),
            (StaffPage::Centres, "/staff/centres", "centres_staff"),
            (StaffPage::Pairings, "/staff/pairings", "pairings"),
            (StaffPage::Headline, "/staff/headline", "headline"),
            (StaffPage::Outreach, "/staff/outreach", "outreach"),
            (StaffPage::Ledger, "/staff/activities", "ledger"),
        ]);
    }
    if session.manages_accounts() {
        links.push((StaffPage::Users, "/staff/users", "users"));
    }
    if session.reads_audit() {
        links.push((StaffPage::Audit, "/staff/audit", "audit"));
    }
    links
}

/// A staff page: navigation, the language switch, sign-out, then `body`.
pub fn staff(
    lang: Lang,
    session: Option<&Session>,
    current: StaffPage,
    title: &str,
    body: Markup,
) -> Markup {
    let other = match lang {
        Lang::ZhCn => "en",
        Lang::En => "zh-CN",
    };
    let content = html! {
        header.staff-header {
            p.site { (t(lang, "site")) }
            @if let Some(session) = session {
                nav aria-label=(t(lang, "staff_nav")) {
                    ul {
                        @for (page, href, key) in links(session) {
                            li {
                                @if page == current {
                                    a href=(href) aria-current="page" { (t(lang, key)) }
                                } @else {
                                    a href=(href) { (t(lang, key)) }
                                }
                            }
                        }
                    }
                }
                form.logout method="post" action="/staff/logout" {
                    input type="hidden" name="csrf" value=(session.csrf_token);
                    span.user { (session.username) " · " (t(lang, &format!("role_{}", session.role.name()))) }
                    button type="submit" { (t(lang, "logout")) }
                }
            }
            a.lang-switch href={ "?lang=" (other) } hreflang=(other) lang=(other) { (t(lang, "other_lang")) }
        }
        main id="main" {
            h1 { (title) }
            (body)
        }
    };
    let css = crate::http::delivery::url("staff.css");
    frame(
        lang,
        &format!("{title} · {}", t(lang, "site")),
        &[&css],
        &[],
        content,
    )
}

/// Findings as staff read them: the message and the field's name in the
/// office's words (the machine code stays in `data-code`, for tools).
pub fn findings(lang: Lang, heading: &str, findings: &[RenderedFinding]) -> Markup {
    html! {
        section.findings role="alert" {
            h2 { (heading) }
            ul {
                @for f in findings {
                    li class={ "finding " (f.severity_class()) } data-code=(f.code.as_str()) {
                        @let field = field_name(lang, &f.path.to_string());
                        @if let Some(field) = field { strong { (field) } (t(lang, "colon")) }
                        (f.message)
                    }
                }
            }
        }
    }
}

/// The name of a form field a finding points at, if it has one.
fn field_name(lang: Lang, path: &str) -> Option<&'static str> {
    let key = path.rsplit('.').next().unwrap_or(path);
    let key = key.split('[').next().unwrap_or(key);
    [
        "deadline",
        "department",
        "reason",
        "approver",
        "reply",
        "meeting",
        "note",
    ]
    .into_iter()
    .find(|k| *k == key)
    .map(|k| crate::i18n::text(lang, k))
}

trait SeverityClass {
    fn severity_class(&self) -> &'static str;
}

impl SeverityClass for RenderedFinding {
    fn severity_class(&self) -> &'static str {
        if self.severity == lianjian::Severity::Error {
            "error"
        } else {
            "warning"
        }
    }
}

/// A hidden CSRF field for a state-changing form.
pub fn csrf_field(session: &Session) -> Markup {
    html! { input type="hidden" name="csrf" value=(session.csrf_token); }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolated_text_is_escaped() {
        let page = frame(
            Lang::En,
            "<script>alert(1)</script>",
            &[],
            &[],
            html! { p { ("\"&'<>") } },
        )
        .into_string();
        assert!(!page.contains("<script>alert"));
        assert!(page.contains("&lt;script&gt;"));
        assert!(page.contains("&quot;&amp;'&lt;&gt;"));
        assert!(!page.contains("style="), "no inline styles");
    }
}
