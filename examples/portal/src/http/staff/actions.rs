//! The lifecycle actions of one demand: the forms offered in each state, and
//! the handler that turns a posted form into a core lifecycle event. Whether
//! the event may happen is the core's to say; a refusal comes back as its
//! findings on the demand's page.

use std::collections::BTreeMap;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use lianjian::demand::{CloseReason, Dictionary, Event, EventKind, State as S};
use lianjian::ident::parse_date;
use lianjian::{Code, Lang, Messages, Report};
use maud::{html, Markup};

use super::super::auth::StaffForm;
use super::super::{AppState, ServerError, UiLang};
use super::corrections;
use super::render_demand;
use crate::html::csrf_field;
use crate::i18n::t;
use crate::store::accounts::Session;
use crate::store::demands::{self, Applied, StoredDemand};

/// The name a joint meeting gets by default: its month.
pub fn default_meeting_name(today: NaiveDate) -> String {
    format!("{} 联席会议", today.format("%Y-%m"))
}

/// The department select, with `selected` chosen.
pub fn department_select(lang: Lang, name: &str, selected: &str) -> Markup {
    html! {
        select name=(name) required {
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

/// The forms of the actions that fit the demand's state.
pub fn forms(state: &AppState, lang: Lang, session: &Session, d: &StoredDemand) -> Markup {
    let id = d.id.as_str();
    let suggested = state
        .domain
        .classifier()
        .departments_of(&d.topic)
        .first()
        .cloned()
        .unwrap_or_default();
    let today = state.clock.today();
    let text = |name: &str, key: &str| {
        html! { label { (t(lang, key)) " " input name=(name) required; } }
    };
    let date = |name: &str, key: &str, required: bool| {
        html! { label { (t(lang, key)) " " input type="date" name=(name) required[required]; } }
    };
    let note = html! { label { (t(lang, "note")) " " input name="note"; } };
    let collect = action_form(
        session,
        id,
        "collect",
        t(lang, "act_collect"),
        html! {
            label { (t(lang, "meeting_name")) " " input name="meeting" value=(default_meeting_name(today)) required; }
        },
    );
    let assign = action_form(
        session,
        id,
        "assign",
        t(lang, "act_assign"),
        html! {
            label { (t(lang, "department")) " " (department_select(lang, "department", &suggested)) }
            (date("deadline", "deadline", false))
            small { (t(lang, "deadline_auto")) }
            (note)
        },
    );
    let close = action_form(
        session,
        id,
        "close",
        t(lang, "act_close"),
        html! {
            select name="reason" {
                option value="duplicate" { (t(lang, "close_duplicate")) }
                option value="not_accepted" { (t(lang, "close_not_accepted")) }
                option value="referred" { (t(lang, "close_referred")) }
            }
        },
    );
    let accept = action_form(session, id, "accept", t(lang, "act_accept"), html! {});
    let back = action_form(
        session,
        id,
        "return",
        t(lang, "act_return"),
        text("reason", "reason"),
    );
    let start = action_form(session, id, "start", t(lang, "act_start"), html! {});
    let reply = action_form(
        session,
        id,
        "reply",
        t(lang, "act_reply"),
        html! {
            label { (t(lang, "reply")) " " textarea name="reply" required {} }
        },
    );
    let extend = action_form(
        session,
        id,
        "extend",
        t(lang, "act_extend"),
        html! {
            (date("deadline", "deadline", true))
            (text("reason", "reason"))
            (text("approver", "approver"))
        },
    );
    let revisit = action_form(
        session,
        id,
        "revisit",
        t(lang, "act_revisit"),
        html! {
            label { input type="radio" name="satisfied" value="true" checked; " " (t(lang, "satisfied")) }
            label { input type="radio" name="satisfied" value="false"; " " (t(lang, "not_satisfied")) }
        },
    );
    let recompute = recompute_form(state, lang, session, d);
    let mut offered: Vec<&Markup> = match d.case.state() {
        S::Submitted => vec![&collect, &assign, &close],
        S::Collected | S::Returned | S::Reopened => vec![&assign, &close],
        S::Assigned => vec![&accept, &back, &extend],
        S::Accepted => vec![&start, &reply, &extend],
        S::InProgress => vec![&reply, &extend],
        S::Replied => vec![&revisit],
        S::Closed | S::ClosedWithoutAction => vec![],
    };
    offered.extend(recompute.as_ref());
    html! { div.actions { @for form in offered { (form) } } }
}

/// The "recompute the deadline" form of a demand whose deadline is
/// provisional, saying which date it would get; none otherwise.
pub fn recompute_form(
    state: &AppState,
    lang: Lang,
    session: &Session,
    d: &StoredDemand,
) -> Option<Markup> {
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
        "revisit" => EventKind::Revisited {
            satisfied: text("satisfied") == "true",
        },
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

/// `POST /staff/demands/{id}/events`.
pub async fn post_event(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    Path(id): Path<String>,
    StaffForm { session, form }: StaffForm,
) -> Result<Response, ServerError> {
    let kind = match event_kind(&form) {
        None => return Ok((StatusCode::BAD_REQUEST, "unknown action").into_response()),
        Some(Err(report)) => {
            let found = Messages::new().render_report(lang, &report).findings;
            return render_demand(&state, lang, &session, &id, false, &found).await;
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
    let mut outcomes = state
        .store
        .run(move |conn| {
            let outcomes = demands::apply_events(conn, vec![(key, event)], &domain.rules(), now)?;
            corrections::after_assignments(conn, &domain, &assigned, &outcomes, "assignment", now)?;
            Ok(outcomes)
        })
        .await?;
    match outcomes.pop().map(|(_, outcome)| outcome) {
        Some(Applied::Done(_)) => {
            Ok(Redirect::to(&format!("/staff/demands/{id}?done=1")).into_response())
        }
        Some(Applied::Refused(report)) => {
            let found = Messages::new().render_report(lang, &report).findings;
            render_demand(&state, lang, &session, &id, false, &found).await
        }
        Some(Applied::NotFound) | None => {
            Ok((StatusCode::NOT_FOUND, t(lang, "not_found").to_owned()).into_response())
        }
    }
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
