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

/// Which staff page is shown (for the navigation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffPage {
    /// The inbox and demand pages.
    Inbox,
    /// The joint meeting.
    Meeting,
    /// The supervision list.
    Overdue,
    /// The coverage dashboard.
    Coverage,
    /// The working-day calendar and provisional deadlines.
    Calendar,
    /// Sign-in and password pages.
    Account,
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
    let links = [
        (StaffPage::Inbox, "/staff/demands", "inbox"),
        (StaffPage::Meeting, "/staff/meeting", "meeting"),
        (StaffPage::Overdue, "/staff/overdue", "overdue"),
        (StaffPage::Coverage, "/staff/coverage", "coverage"),
        (StaffPage::Calendar, "/staff/calendar", "calendar"),
    ];
    let content = html! {
        header.staff-header {
            p.site { (t(lang, "site")) }
            @if let Some(session) = session {
                nav aria-label=(t(lang, "actions")) {
                    ul {
                        @for (page, href, key) in links {
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
                    span.user { (session.username) }
                    button type="submit" { (t(lang, "logout")) }
                }
            }
            a.lang-switch href={ "?lang=" (other) } hreflang=(other) { (t(lang, "other_lang")) }
        }
        main id="main" {
            h1 { (title) }
            (body)
        }
    };
    frame(
        lang,
        &format!("{title} · {}", t(lang, "site")),
        &["/static/portal/staff.css"],
        &[],
        content,
    )
}

/// A list of findings as the widgets show them: message, then the field.
pub fn findings(heading: &str, findings: &[RenderedFinding]) -> Markup {
    html! {
        section.findings role="alert" {
            h2 { (heading) }
            ul {
                @for f in findings {
                    li class={ "finding " (f.severity_class()) } {
                        (f.message)
                        @let path = f.path.to_string();
                        @if !path.is_empty() { " " code { (path) } }
                        " " small { "(" (f.code.as_str()) ")" }
                    }
                }
            }
        }
    }
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
