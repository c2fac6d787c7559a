//! The lifecycle actions of one demand: the forms offered in each state (to
//! the roles that may take them), and the handler that turns a posted form
//! into a core lifecycle event. Whether the account may take the action is
//! [`crate::roles`]'s to say; whether the event may happen is the core's. A
//! refusal comes back as its findings on the demand's page, after a redirect.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use lianjian::demand::{
    CloseReason, Dictionary, Event, EventKind, RevisitChannel, Satisfaction, State as S,
};
use lianjian::findings::{Param, RenderedFinding};
use lianjian::ident::parse_date;
use lianjian::{Code, Lang, Messages, Report};
use maud::{html, Markup};

use super::super::auth::StaffForm;
use super::super::flash::{with_flash, Flash};
use super::super::{AppState, ServerError, UiLang};
use super::corrections;
use super::history;
use crate::html::csrf_field;
use crate::i18n::{state_name, t};
use crate::store::accounts::Session;
use crate::store::audit::{self, Outcome};
use crate::store::demands::{self, Applied, StoredDemand};

/// The name a joint meeting gets by default: its month.
pub fn default_meeting_name(today: NaiveDate) -> String {
    format!("{} 联席会议", today.format("%Y-%m"))
}

/// The department select, with `selected` chosen; `label` names it when no
/// `<label>` wraps it (a table cell).
pub fn department_select(lang: Lang, name: &str, selected: &str, label: Option<&str>) -> Markup {
    html! {
        select name=(name) required aria-label=[label] {
            @for d in &Dictionary::builtin().departments {
                @if d.id == selected {
                    option value=(d.id) selected { (d.name.get(lang)) }
                } @else {
                    option value=(d.id) { (d.name.get(lang)) }
                }
            }
        }
    }
}

fn action_form(session: &Session, id: &str, action: &str, label: &str, fields: Markup) -> Markup {
    html! {
        form.action method="post" action={ "/staff/demands/" (id) "/events" } {
            (csrf_field(session))
            input type="hidden" name="action" value=(action);
            (fields)
            button type="submit" { (label) }
        }
    }
}

/// The forms of the actions that fit the demand's state and that the
/// account may take on it; `None` when there is none. `typed` holds the
/// fields of a refused form, shown again in their fields.
pub fn forms(
    state: &AppState,
    lang: Lang,
    session: &Session,
    d: &StoredDemand,
    typed: &BTreeMap<String, String>,
) -> Option<Markup> {
    let id = d.id.as_str();
    let suggested = state
        .domain
        .classifier()
        .departments_of(&d.topic)
        .first()
        .cloned()
        .unwrap_or_default();
    let today = state.clock.today();
    // A refused form's values come back only into the form that was refused.
    let refused_action = typed.get("action").map(String::as_str);
    let value = |action: &str, name: &str| -> String {
        if refused_action == Some(action) {
            typed.get(name).cloned().unwrap_or_default()
        } else {
            String::new()
        }
    };
    let text = |action: &str, name: &str, key: &str| {
        html! { label { (t(lang, key)) " " input name=(name) value=(value(action, name)) required; } }
    };
    let date = |action: &str, name: &str, key: &str, required: bool| {
        html! { label { (t(lang, key)) " " input type="date" name=(name) value=(value(action, name)) required[required]; } }
    };
    let note = |action: &str| html! { label { (t(lang, "note")) " " input name="note" value=(value(action, "note")); } };
    let meeting_name = match value("collect", "meeting") {
        typed if !typed.is_empty() => typed,
        _ => default_meeting_name(today),
    };
    let collect = action_form(
        session,
        id,
        "collect",
        t(lang, "act_collect"),
        html! {
            label { (t(lang, "meeting_name")) " " input name="meeting" value=(meeting_name) required; }
        },
    );
    let assign_to = match value("assign", "department") {
        typed if !typed.is_empty() => typed,
        _ => suggested,
    };
    let assign = action_form(
        session,
        id,
        "assign",
        t(lang, "act_assign"),
        html! {
            label { (t(lang, "department")) " " (department_select(lang, "department", &assign_to, None)) }
            (date("assign", "deadline", "deadline", false))
            small { (t(lang, "deadline_auto")) }
            (note("assign"))
        },
    );
    let close = action_form(
        session,
        id,
        "close",
        t(lang, "act_close"),
        html! {
            label {
                (t(lang, "close_reason")) " "
                select name="reason" {
                    option value="duplicate" { (t(lang, "close_duplicate")) }
                    option value="not_accepted" { (t(lang, "close_not_accepted")) }
                    option value="referred" { (t(lang, "close_referred")) }
                }
            }
        },
    );
    let accept = action_form(session, id, "accept", t(lang, "act_accept"), html! {});
    let back = action_form(
        session,
        id,
        "return",
        t(lang, "act_return"),
        text("return", "reason", "reason"),
    );
    let start = action_form(session, id, "start", t(lang, "act_start"), html! {});
    let reply = action_form(
        session,
        id,
        "reply",
        t(lang, "act_reply"),
        html! {
            label { (t(lang, "reply")) " " textarea name="reply" required { (value("reply", "reply")) } }
            small { (t(lang, "reply_hint")) }
        },
    );
    let extend = action_form(
        session,
        id,
        "extend",
        t(lang, "act_extend"),
        html! {
            (date("extend", "deadline", "deadline", true))
            (text("extend", "reason", "reason"))
            (text("extend", "approver", "approver"))
        },
    );
    let revisit = action_form(
        session,
        id,
        "revisit",
        t(lang, "act_revisit"),
        html! {
            fieldset {
                legend { (t(lang, "satisfaction")) }
                @for level in Satisfaction::ALL {
                    label.choice {
                        input type="radio" name="satisfaction" value=(level.name()) required checked[level == Satisfaction::Satisfied];
                        " " (history::satisfaction_name(lang, level))
                    }
                }
            }
            fieldset {
                legend { (t(lang, "revisit_channel")) }
                @for channel in [RevisitChannel::Phone, RevisitChannel::Visit] {
                    label.choice {
                        input type="radio" name="channel" value=(channel.name()) required checked[channel == RevisitChannel::Phone];
                        " " (history::channel_name(lang, channel))
                    }
                }
            }
            (note("revisit"))
        },
    );
    let overdue = d.case.overdue_days(today, &state.domain.calendar);
    let urge = action_form(
        session,
        id,
        "urge",
        t(lang, "act_urge"),
        html! {
            @if let Some(days) = overdue {
                p.hint { (t(lang, "urged_overdue").replace("{days}", &days.to_string())) }
            }
            label { (t(lang, "urge_note")) " " input name="note" value=(value("urge", "note")) required; }
        },
    );
    let recompute = recompute_form(state, lang, session, d);
    // The forms offered are the events the core allows now (no second copy
    // of the transition table here), then those the session's role may use.
    let mut offered: Vec<(&str, &Markup)> = d
        .case
        .allowed_events()
        .into_iter()
        .filter_map(action_for)
        .filter_map(|action| {
            let form = match action {
                "collect" => &collect,
                "assign" => &assign,
                "close" => &close,
                "accept" => &accept,
                "return" => &back,
                "start" => &start,
                "reply" => &reply,
                "extend" => &extend,
                "urge" => &urge,
                "recompute" => recompute.as_ref()?,
                "revisit" => &revisit,
                _ => return None,
            };
            Some((action, form))
        })
        .collect();
    let department = d.case.department();
    offered.retain(|(action, _)| session.may(action, department));
    if offered.is_empty() {
        return None;
    }
    Some(html! { div.actions { @for (_, form) in offered { (form) } } })
}

/// The "recompute the deadline" form of a demand whose deadline is
/// provisional, saying which date it would get; none otherwise, and none for
/// an account that may not recompute.
pub fn recompute_form(
    state: &AppState,
    lang: Lang,
    session: &Session,
    d: &StoredDemand,
) -> Option<Markup> {
    if !session.may("recompute", d.case.department()) {
        return None;
    }
    let proposal = d.case.recomputed_deadline(&state.domain.rules())?;
    let label = format!("{} → {}", t(lang, "act_recompute"), proposal.value);
    Some(action_form(
        session,
        &d.id,
        "recompute",
        &label,
        html! {
            @if proposal.provisional() {
                small { (t(lang, "still_provisional")) }
            }
        },
    ))
}

/// A date field of the form: absent, or a date, or a finding.
fn date_field(
    form: &BTreeMap<String, String>,
    key: &'static str,
    report: &mut Report,
) -> Option<NaiveDate> {
    let text = form.get(key).map(|v| v.trim()).filter(|v| !v.is_empty())?;
    let parsed = parse_date(text);
    if parsed.is_none() {
        report.add(Code::DateInvalid, lianjian::Path::root().key(key));
    }
    parsed
}

/// The lifecycle event a posted form describes, or findings on its fields;
/// `None` for an action the portal does not know.
pub fn event_kind(form: &BTreeMap<String, String>) -> Option<Result<EventKind, Report>> {
    let text = |key: &str| {
        form.get(key)
            .map(|v| v.trim().to_owned())
            .unwrap_or_default()
    };
    let mut report = Report::new();
    let kind = match form.get("action").map(String::as_str)? {
        "collect" => EventKind::Collected {
            meeting: text("meeting"),
        },
        "assign" => EventKind::assigned(
            text("department"),
            date_field(form, "deadline", &mut report),
        ),
        "accept" => EventKind::Accepted,
        "return" => EventKind::Returned {
            reason: text("reason"),
        },
        "start" => EventKind::Started,
        "reply" => EventKind::Replied {
            reply: text("reply"),
        },
        "revisit" => match Satisfaction::parse(&text("satisfaction")) {
            Some(level) => EventKind::rated(level, RevisitChannel::parse(&text("channel"))),
            // Without a level (a form of before the levels): yes or no.
            None => EventKind::revisited(text("satisfied") == "true"),
        },
        "urge" => EventKind::urged(),
        "recompute" => EventKind::Recomputed {
            deadline: None,
            provisional: false,
        },
        "extend" => match date_field(form, "deadline", &mut report) {
            Some(deadline) => EventKind::extended(deadline, text("reason"), text("approver")),
            None => {
                if report.is_empty() {
                    report.add(Code::Required, lianjian::Path::root().key("deadline"));
                }
                return Some(Err(report));
            }
        },
        "close" => EventKind::Closed {
            reason: match text("reason").as_str() {
                "duplicate" => CloseReason::Duplicate,
                "referred" => CloseReason::Referred,
                _ => CloseReason::NotAccepted,
            },
        },
        _ => return None,
    };
    Some(if report.is_empty() {
        Ok(kind)
    } else {
        Err(report)
    })
}

/// What became of a posted action.
enum Posted {
    Done,
    Refused(Report),
    Denied,
    NotFound,
}

/// Lifecycle findings in the office's words: the states and events they
/// name are given by their names, not their wire names.
pub fn render_for_staff(lang: Lang, report: &Report) -> Vec<RenderedFinding> {
    let mut named = Report::new();
    for finding in report.findings() {
        let mut finding = finding.clone();
        for (key, value) in finding.params.iter_mut() {
            let Param::Text(text) = value else { continue };
            let name = match key.as_str() {
                "state" => STATES
                    .iter()
                    .find(|s| s.name() == text)
                    .map(|s| state_name(lang, *s).to_owned()),
                "event" => Some(t(lang, &format!("event_{text}")).to_owned()),
                "department" => lianjian::demand::Dictionary::builtin()
                    .department(text)
                    .map(|d| d.name.get(lang).to_owned()),
                _ => None,
            };
            if let Some(name) = name {
                *text = name;
            }
        }
        named.push(finding);
    }
    Messages::new().render_report(lang, &named).findings
}

/// The staff form's action for an event of the core's lifecycle (the
/// `action` field of the form that records it).
fn action_for(event: &str) -> Option<&'static str> {
    Some(match event {
        "collected" => "collect",
        "assigned" => "assign",
        "closed" => "close",
        "accepted" => "accept",
        "returned" => "return",
        "started" => "start",
        "replied" => "reply",
        "extended" => "extend",
        "urged" => "urge",
        "recomputed" => "recompute",
        "revisited" => "revisit",
        _ => return None,
    })
}

const STATES: [S; 10] = [
    S::Submitted,
    S::Collected,
    S::Assigned,
    S::Accepted,
    S::Returned,
    S::InProgress,
    S::Replied,
    S::Reopened,
    S::Closed,
    S::ClosedWithoutAction,
];

/// `POST /staff/demands/{id}/events`: checked against the account's role
/// and department, then by the core; answered with a redirect to the demand
/// (with the findings of a refusal), every attempt in the audit log.
pub async fn post_event(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(id): Path<String>,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    let page = format!("/staff/demands/{}", super::urlencode(&id));
    let action = form.get("action").cloned().unwrap_or_default();
    let kind = match event_kind(&form) {
        None => return Ok((StatusCode::BAD_REQUEST, "unknown action").into_response()),
        Some(Err(report)) => {
            let findings = render_for_staff(lang, &report);
            let key = state.flash.put(
                session.user_id,
                Flash::Refused {
                    findings,
                    form: typed(&form),
                },
            );
            return Ok(Redirect::to(&with_flash(&page, &key)).into_response());
        }
        Some(Ok(kind)) => kind,
    };
    let now = state.clock.now();
    let note = form
        .get("note")
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty());
    let event = Event {
        at: now,
        actor: session.username.clone(),
        note,
        kind,
    };
    let domain = state.domain.clone();
    let key = id.clone();
    let assigned: Vec<(String, String)> = match &event.kind {
        EventKind::Assigned { department, .. } => vec![(id.clone(), department.clone())],
        _ => Vec::new(),
    };
    let who = session.clone();
    let verb = action.clone();
    let posted = state
        .store
        .run(move |conn| {
            let rules = domain.rules();
            let target = format!("demand {key}");
            let Some(found) = demands::load(conn, &key, &rules)? else {
                return Ok(Posted::NotFound);
            };
            let department = found.case.department();
            let log = |conn: &rusqlite::Connection, outcome, detail: &str| {
                audit::record(
                    conn,
                    now,
                    &who.username,
                    &format!("event:{}", event.kind.name()),
                    &target,
                    outcome,
                    detail,
                )
            };
            if !who.may(&verb, department) {
                log(conn, Outcome::Denied, "")?;
                return Ok(Posted::Denied);
            }
            let kind_name = event.kind.name();
            let mut outcomes = demands::apply_events(conn, vec![(key, event)], &rules, now)?;
            corrections::after_assignments(conn, &domain, &assigned, &outcomes, "assignment", now)?;
            Ok(match outcomes.pop().map(|(_, outcome)| outcome) {
                Some(Applied::Done(_)) => {
                    audit::record(
                        conn,
                        now,
                        &who.username,
                        &format!("event:{kind_name}"),
                        &target,
                        Outcome::Done,
                        "",
                    )?;
                    Posted::Done
                }
                Some(Applied::Refused(report)) => {
                    let codes: Vec<&str> =
                        report.findings().iter().map(|f| f.code.as_str()).collect();
                    audit::record(
                        conn,
                        now,
                        &who.username,
                        &format!("event:{kind_name}"),
                        &target,
                        Outcome::Refused,
                        &codes.join(" "),
                    )?;
                    Posted::Refused(report)
                }
                Some(Applied::NotFound) | None => Posted::NotFound,
            })
        })
        .await?;
    match posted {
        Posted::Done => Ok(Redirect::to(&format!("{page}?done=1")).into_response()),
        Posted::Refused(report) => {
            let findings = render_for_staff(lang, &report);
            let key = state.flash.put(
                session.user_id,
                Flash::Refused {
                    findings,
                    form: typed(&form),
                },
            );
            Ok(Redirect::to(&with_flash(&page, &key)).into_response())
        }
        Posted::Denied => deny_page(lang, &session),
        Posted::NotFound => {
            Ok((StatusCode::NOT_FOUND, t(lang, "not_found").to_owned()).into_response())
        }
    }
}

/// The 403 page of an action the account may not take (already in the audit log).
fn deny_page(lang: Lang, session: &Session) -> Result<Response, ServerError> {
    let body = html! { p.error role="alert" { (t(lang, "denied")) } };
    let page = crate::html::staff(
        lang,
        Some(session),
        crate::html::StaffPage::Account,
        t(lang, "denied_title"),
        body,
    );
    Ok((
        StatusCode::FORBIDDEN,
        axum::response::Html(page.into_string()),
    )
        .into_response())
}

/// A posted form's fields without its token.
fn typed(form: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    form.iter()
        .filter(|(k, _)| k.as_str() != "csrf")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn every_event_a_state_allows_has_a_form_and_an_action() {
        use lianjian::demand::State;
        let states = [
            State::Submitted,
            State::Collected,
            State::Assigned,
            State::Accepted,
            State::Returned,
            State::InProgress,
            State::Replied,
            State::Reopened,
            State::Closed,
            State::ClosedWithoutAction,
        ];
        let action =
            |event: &str| action_for(event).unwrap_or_else(|| panic!("no form for `{event}`"));
        for state in states {
            for &event in state.events() {
                // The form's action reads back as the event the core allows.
                let posted = form(&[
                    ("action", action(event)),
                    ("department", "tax_bureau"),
                    ("deadline", "2026-12-01"),
                    ("meeting", "m"),
                    ("reason", "r"),
                    ("approver", "a"),
                    ("reply", "r"),
                    ("satisfied", "true"),
                    ("satisfaction", "satisfied"),
                    ("channel", "phone"),
                    ("note", "n"),
                ]);
                let kind = event_kind(&posted).unwrap().unwrap();
                assert_eq!(kind.name(), event, "{}", state.name());
            }
        }
    }

    #[test]
    fn forms_become_events_or_findings() {
        let assign = event_kind(&form(&[
            ("action", "assign"),
            ("department", "tax_bureau"),
            ("deadline", ""),
        ]));
        assert!(matches!(
            assign,
            Some(Ok(EventKind::Assigned { deadline: None, .. }))
        ));
        let bad = event_kind(&form(&[("action", "assign"), ("deadline", "next week")]));
        assert!(bad.unwrap().unwrap_err().has(Code::DateInvalid));
        let extend = event_kind(&form(&[("action", "extend")]));
        assert!(extend.unwrap().unwrap_err().has(Code::Required));
        assert!(event_kind(&form(&[("action", "delete")])).is_none());
        assert!(event_kind(&form(&[])).is_none());
    }
}
