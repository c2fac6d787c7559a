//! The outreach rules that need more than one record: visits and activities
//! against earlier ones, a visit's demands entering the lifecycle, cadence,
//! and the append-only histories.

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::*;
use crate::calendar::Calendar;
use crate::demand::{Case, DeadlinePolicy, Dictionary, EventKind, Rules, State};
use crate::{Catalog, Code, Context, Report};

fn day(text: &str) -> NaiveDate {
    crate::ident::parse_date(text).unwrap()
}

fn at(text: &str) -> DateTime<FixedOffset> {
    crate::ident::parse_datetime(text).unwrap()
}

fn context(calendar: &Calendar) -> OutreachContext<'_> {
    OutreachContext::new(
        Context::new(Catalog::yantian(), day("2026-11-25")),
        calendar,
    )
}

const PROGRAMME: &str = r#"{"id": "p", "name": "万名干部助企行", "from": "2026-01-01", "to": "2026-12-31",
  "owner": "区委组织部", "cadence": {"on_site_days": 60, "any_contact_days": 30, "due_within_days": 7},
  "key_enterprises": ["91440300MA5FUTN418", "91440300MA5G12343E"],
  "contacts": [{"id": "c1", "kind": "member_unit", "unit": "梅沙海关", "department": "customs_office",
                "enterprises": ["91440300MA5FUTN418", "91440300MA5G12343E"]}]}"#;

fn programme() -> Programme {
    let calendar = Calendar::china();
    let checked = check_programme_json(PROGRAMME, &context(&calendar));
    assert!(checked.report.is_empty(), "{:?}", checked.report);
    checked.record.unwrap()
}

fn visit(id: &str, uscc: &str, mode: &str, when: &str, reply: bool) -> Visit {
    let reply = if reply {
        r#", "on_site_reply": "已协调海关，通道延长至24小时开放。""#
    } else {
        ""
    };
    let json = format!(
        r#"{{"id": "{id}", "programme": "p", "contact": "c1", "enterprise_uscc": "{uscc}",
        "enterprise_name": "深圳市盐港示例物流有限公司", "mode": "{mode}", "visited_at": "{when}",
        "demands": [{{"enterprise_uscc": "{uscc}", "enterprise_name": "深圳市盐港示例物流有限公司",
          "kind": "help", "title": "保税区货运通道开放时间", "description": "希望货运通道二十四小时开放，夜间集港更顺畅。",
          "contact": {{"name": "联系人", "phone": "13700137000"}},
          "declarations": {{"not_in_litigation": true, "no_secrets": true}},
          "submitted_at": "{when}"{reply}}}]}}"#
    );
    let calendar = Calendar::china();
    let programme = programme();
    let checked = check_visit_json(&json, &context(&calendar).with_programme(&programme));
    assert!(checked.report.is_valid(), "{:?}", checked.report);
    checked.record.unwrap()
}

fn codes(report: &Report) -> Vec<(String, Code)> {
    report
        .findings()
        .iter()
        .map(|f| (f.path.to_string(), f.code))
        .collect()
}

#[test]
fn a_visit_repeats_an_earlier_one_of_the_same_day_contact_enterprise_and_mode() {
    let first = visit(
        "v1",
        "91440300MA5FUTN418",
        "on_site",
        "2026-11-20T09:00:00+08:00",
        false,
    );
    let earlier = vec![("line 1".to_owned(), first)];
    let mut report = Report::new();
    let again = visit(
        "v2",
        "91440300MA5FUTN418",
        "on_site",
        "2026-11-20T16:00:00+08:00",
        false,
    );
    visit_against_earlier(&again, &earlier, &mut report);
    assert_eq!(
        codes(&report),
        [("visited_at".to_owned(), Code::VisitRepeated)]
    );
    assert_eq!(report.findings()[0].params["earlier"], "line 1".into());
    // Another mode, day or enterprise is another visit; the same id is refused.
    for other in [
        visit(
            "v3",
            "91440300MA5FUTN418",
            "phone",
            "2026-11-20T16:00:00+08:00",
            false,
        ),
        visit(
            "v4",
            "91440300MA5FUTN418",
            "on_site",
            "2026-11-21T09:00:00+08:00",
            false,
        ),
        visit(
            "v5",
            "91440300MA5G12343E",
            "on_site",
            "2026-11-20T09:00:00+08:00",
            false,
        ),
    ] {
        let mut report = Report::new();
        visit_against_earlier(&other, &earlier, &mut report);
        assert!(report.is_empty(), "{other:?}");
    }
    let mut report = Report::new();
    let same_id = visit(
        "v1",
        "91440300MA5G12343E",
        "phone",
        "2026-11-22T09:00:00+08:00",
        false,
    );
    visit_against_earlier(&same_id, &earlier, &mut report);
    assert_eq!(codes(&report), [("id".to_owned(), Code::DuplicateId)]);
    assert!(!report.is_valid());
}

fn activity(id: &str, room: &str, from: &str, to: &str, status: &str) -> Activity {
    let json = format!(
        r#"{{"id": "{id}", "kind": "policy_briefing", "title": "政策宣讲会",
        "venue": {{"centre": "ytzb", "room": "{room}"}}, "starts_at": "{from}", "ends_at": "{to}",
        "status": "{status}"}}"#
    );
    let calendar = Calendar::china();
    let checked = check_activity_json(&json, &context(&calendar));
    assert!(checked.report.is_valid(), "{:?}", checked.report);
    checked.record.unwrap()
}

#[test]
fn two_activities_may_not_overlap_in_one_room() {
    let first = activity(
        "a1",
        "hall",
        "2026-11-20T09:00:00+08:00",
        "2026-11-20T11:00:00+08:00",
        "held",
    );
    let earlier = vec![("line 1".to_owned(), first)];
    let check = |a: &Activity| {
        let mut report = Report::new();
        activity_against_earlier(a, &earlier, &mut report);
        codes(&report)
    };
    let overlapping = activity(
        "a2",
        "hall",
        "2026-11-20T10:30:00+08:00",
        "2026-11-20T12:00:00+08:00",
        "held",
    );
    assert_eq!(
        check(&overlapping),
        [("venue.room".to_owned(), Code::RoomDoubleBooked)]
    );
    // Back to back, another room, or called off: no clash.
    for fine in [
        activity(
            "a3",
            "hall",
            "2026-11-20T11:00:00+08:00",
            "2026-11-20T12:00:00+08:00",
            "held",
        ),
        activity(
            "a4",
            "room-2",
            "2026-11-20T10:00:00+08:00",
            "2026-11-20T12:00:00+08:00",
            "held",
        ),
        activity(
            "a5",
            "hall",
            "2026-11-20T10:00:00+08:00",
            "2026-11-20T12:00:00+08:00",
            "cancelled",
        ),
    ] {
        assert!(check(&fine).is_empty(), "{}", fine.id);
    }
}

#[test]
fn an_on_site_reply_enters_the_lifecycle_as_replied_at_the_visit() {
    let calendar = Calendar::china();
    let rules = Rules {
        calendar: &calendar,
        deadlines: DeadlinePolicy::default(),
        dictionary: Some(Dictionary::builtin()),
    };
    let programme = programme();
    let v = visit(
        "v1",
        "91440300MA5FUTN418",
        "on_site",
        "2026-11-20T15:00:00+08:00",
        true,
    );
    let stored = v.intake(Some(&programme), "enterprise_service_centre");
    let (demand, events) = &stored[0];
    let origin = demand.origin.as_ref().unwrap();
    assert_eq!(origin.channel, crate::demand::Channel::Visit);
    assert_eq!(origin.reference.as_deref(), Some("v1"));
    assert_eq!(origin.programme.as_deref(), Some("p"));
    assert_eq!(demand.submitted_at, v.visited_at);
    let names: Vec<&str> = events.iter().map(|e| e.kind.name()).collect();
    assert_eq!(names, ["submitted", "assigned", "accepted", "replied"]);
    assert!(events
        .iter()
        .all(|e| e.at == v.visited_at && e.actor == "c1"));
    let (case, report) = Case::replay(demand.kind, events, &rules);
    let mut case = case.unwrap();
    assert!(report.is_valid(), "{report:?}");
    assert_eq!(case.state(), State::Replied);
    // The member unit's own department takes it.
    assert_eq!(case.department(), Some("customs_office"));
    // Resolved only by a satisfied revisit, like any demand.
    case.apply(
        crate::demand::Event {
            at: at("2026-11-27T10:00:00+08:00"),
            actor: "c1".into(),
            note: None,
            kind: EventKind::Revisited {
                satisfied: true,
                satisfaction: None,
                channel: None,
            },
        },
        &rules,
    )
    .unwrap();
    assert_eq!(case.state(), State::Closed);
    // Without a reply the demand only enters: submitted.
    let plain = visit(
        "v2",
        "91440300MA5FUTN418",
        "phone",
        "2026-11-20T15:00:00+08:00",
        false,
    );
    let (_, events) = &plain.intake(None, "enterprise_service_centre")[0];
    assert_eq!(events.len(), 1);
}

#[test]
fn cadence_on_a_date() {
    let programme = programme();
    let visits = vec![
        visit(
            "v1",
            "91440300MA5FUTN418",
            "on_site",
            "2026-11-01T10:00:00+08:00",
            false,
        ),
        visit(
            "v2",
            "91440300MA5FUTN418",
            "phone",
            "2026-11-20T10:00:00+08:00",
            false,
        ),
    ];
    let entries = cadence(&programme, &visits, day("2026-11-25"));
    // Never visited since the start: overdue first.
    assert_eq!(entries[0].enterprise, "91440300MA5G12343E");
    assert_eq!(entries[0].status, CadenceStatus::Overdue);
    assert_eq!(entries[0].contact_by, day("2026-01-31"));
    assert_eq!(
        entries[0].overdue_days,
        (day("2026-11-25") - day("2026-01-31")).num_days()
    );
    assert_eq!(entries[1].status, CadenceStatus::OnTime);
    assert_eq!(entries[1].last_on_site, Some(day("2026-11-01")));
    assert_eq!(entries[1].last_contact, Some(day("2026-11-20")));
    assert_eq!(entries[1].on_site_by, day("2026-12-31"));
    assert_eq!(entries[1].contact_by, day("2026-12-20"));
    // A week before the contact falls due, it is due.
    let later = cadence(&programme, &visits, day("2026-12-13"));
    let held = later
        .iter()
        .find(|e| e.enterprise == "91440300MA5FUTN418")
        .unwrap();
    assert_eq!(held.status, CadenceStatus::Due);
    let past = cadence(&programme, &visits, day("2026-12-21"));
    let held = past
        .iter()
        .find(|e| e.enterprise == "91440300MA5FUTN418")
        .unwrap();
    assert_eq!(
        (held.status, held.overdue_days),
        (CadenceStatus::Overdue, 1)
    );
}

#[test]
fn histories_only_grow_and_corrections_need_a_reason() {
    let mut history = History::new(at("2026-11-20T10:00:00+08:00"), "staff-1", 52u32);
    let refused = history
        .amend(at("2026-11-21T10:00:00+08:00"), "staff-1", " ", 50)
        .unwrap_err();
    assert_eq!(codes(&refused), [("reason".to_owned(), Code::Required)]);
    let refused = history
        .amend(at("2026-11-19T10:00:00+08:00"), "", "签到表复核", 50)
        .unwrap_err();
    assert!(refused.has(Code::EventOutOfOrder) && refused.has(Code::Required));
    assert_eq!(history.revisions().len(), 1);
    history
        .amend(at("2026-11-21T10:00:00+08:00"), "staff-2", "签到表复核", 50)
        .unwrap();
    assert_eq!(*history.current(), 50);
    assert_eq!(history.revisions()[0].record, 52);
    assert_eq!(history.revisions()[1].reason.as_deref(), Some("签到表复核"));

    let mut log = StatusLog::new(
        at("2026-11-01T10:00:00+08:00"),
        "staff-1",
        ActivityStatus::Planned,
    );
    let change = |when: &str, status, reason: Option<&str>| StatusChange {
        at: at(when),
        actor: "staff-1".into(),
        status,
        reason: reason.map(str::to_owned),
    };
    log.change(change(
        "2026-11-20T10:00:00+08:00",
        ActivityStatus::Held,
        None,
    ))
    .unwrap();
    let refused = log
        .change(change(
            "2026-11-21T10:00:00+08:00",
            ActivityStatus::Planned,
            None,
        ))
        .unwrap_err();
    assert_eq!(
        codes(&refused),
        [("reason".to_owned(), Code::StatusChangeNeedsReason)]
    );
    assert_eq!(log.current(), ActivityStatus::Held);
    log.change(change(
        "2026-11-21T10:00:00+08:00",
        ActivityStatus::Planned,
        Some("误记为已举办，改期至12月"),
    ))
    .unwrap();
    assert_eq!(log.current(), ActivityStatus::Planned);
    assert_eq!(log.changes().len(), 3);
}
