//! A demand as a district keeps it: `{"id", "record", "events"}` — the
//! demand record of the wire contract and its lifecycle history
//! (`docs/wire/headline.md`, "The district folder"). The record is checked
//! by the demand rules (paths under `record.`), the history is read event by
//! event (paths under `events[i].`) and replayed through the lifecycle.

use chrono::NaiveDate;

use super::lifecycle::{Case, CloseReason, Event, EventKind, RevisitChannel, Rules, Satisfaction};
use super::record::Demand;
use super::repeat::RepeatCheck;
use super::validate::{check_demand_got, TOP as RECORD};
use crate::enrollment::{with_shape_findings, Checked};
use crate::findings::{Code, Finding, Path, PathSegment, Report};
use crate::ident::{parse_date, parse_datetime};
use crate::input::{self, Fields, Got, Kind, Schema};
use crate::Context;

/// Most events one history may hold.
pub const EVENTS_MAX: usize = 1_000;

static LINE: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("record", Kind::Object(&RECORD)),
        (
            "events",
            Kind::Objects {
                schema: &EVENT,
                max: EVENTS_MAX,
            },
        ),
    ],
};

static EVENT: Schema = Schema {
    fields: &[
        ("at", Kind::Scalar),
        ("actor", Kind::Scalar),
        ("note", Kind::Scalar),
        ("type", Kind::Scalar),
        ("meeting", Kind::Scalar),
        ("department", Kind::Scalar),
        ("deadline", Kind::Scalar),
        ("computed", Kind::Scalar),
        ("provisional", Kind::Scalar),
        ("reason", Kind::Scalar),
        ("approver", Kind::Scalar),
        ("reply", Kind::Scalar),
        ("satisfied", Kind::Scalar),
        ("satisfaction", Kind::Scalar),
        ("channel", Kind::Scalar),
        ("overdue_days", Kind::Scalar),
    ],
};

/// The event types and the keys each takes besides `at`, `actor`, `note`
/// and `type`.
const TYPES: &[(&str, &[&str])] = &[
    ("submitted", &[]),
    ("collected", &["meeting"]),
    (
        "assigned",
        &["department", "deadline", "computed", "provisional"],
    ),
    ("accepted", &[]),
    ("returned", &["reason"]),
    ("started", &[]),
    ("replied", &["reply"]),
    ("revisited", &["satisfied", "satisfaction", "channel"]),
    ("urged", &["overdue_days"]),
    (
        "extended",
        &["deadline", "reason", "approver", "provisional"],
    ),
    ("recomputed", &["deadline", "provisional"]),
    ("closed", &["reason"]),
];

const SATISFACTION: &[(&str, Satisfaction)] = &[
    ("very_satisfied", Satisfaction::VerySatisfied),
    ("satisfied", Satisfaction::Satisfied),
    ("basically_satisfied", Satisfaction::BasicallySatisfied),
    ("dissatisfied", Satisfaction::Dissatisfied),
    ("very_dissatisfied", Satisfaction::VeryDissatisfied),
];

const CHANNELS: &[(&str, RevisitChannel)] = &[
    ("phone", RevisitChannel::Phone),
    ("visit", RevisitChannel::Visit),
];

const CLOSE_REASONS: &[(&str, CloseReason)] = &[
    ("duplicate", CloseReason::Duplicate),
    ("not_accepted", CloseReason::NotAccepted),
    ("referred", CloseReason::Referred),
];

/// A stored demand whose record and history passed their checks.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredDemand {
    /// The id the district gave it.
    pub id: String,
    /// The normalised record.
    pub record: Demand,
    /// Its lifecycle, replayed from the history (the events after the
    /// cut-off left out).
    pub case: Case,
}

/// Checks one stored demand given as JSON text: the record by the demand
/// rules (without repeats: those were judged when it was taken in), and the
/// history through the lifecycle. Events dated after `until` (in China
/// time) are ignored, as if not yet recorded; without `events`, the demand
/// stands as submitted.
pub fn check_stored_demand_json(
    json: &str,
    context: &Context<'_>,
    rules: &Rules<'_>,
    until: Option<NaiveDate>,
) -> Checked<StoredDemand> {
    let text = input::prepare(json);
    let mut report = Report::new();
    let Some(got) = input::parse(&text, &LINE, &mut report) else {
        return Checked {
            record: None,
            report,
        };
    };
    let mut checked = Report::new();
    let stored = check_got(&got, context, rules, until, &mut checked);
    with_shape_findings(
        report,
        Checked {
            record: stored,
            report: checked,
        },
    )
}

fn check_got(
    got: &Got<'_>,
    context: &Context<'_>,
    rules: &Rules<'_>,
    until: Option<NaiveDate>,
    report: &mut Report,
) -> Option<StoredDemand> {
    let fields = Fields::open(got, Path::root(), report)?;
    let id = fields.text("id", true, report);
    let record = match fields.raw("record") {
        None => {
            report.add(Code::Required, fields.path("record"));
            None
        }
        Some(value) => {
            let checked = check_demand_got(value, context, &RepeatCheck::default());
            let prefix = fields.path("record");
            for mut finding in checked.report {
                finding.path = under(&finding.path, &prefix);
                report.push(finding);
            }
            checked.record
        }
    };
    let events = read_events(&fields, until, report);
    let (id, record, events) = (id?, record?, events?);
    if !report.is_valid() {
        return None;
    }
    let case = match events.first() {
        None => Case::submitted(record.kind, record.submitted_at, "enterprise"),
        Some(_) => {
            let (case, found) = Case::replay(record.kind, &events, rules);
            let prefix = fields.path("events");
            for mut finding in found {
                finding.path = under(&finding.path, &prefix);
                report.push(finding);
            }
            case?
        }
    };
    report
        .is_valid()
        .then_some(StoredDemand { id, record, case })
}

/// The events of the history, those after `until` left out; `None` when an
/// event cannot be read (its findings say why).
fn read_events(
    fields: &Fields<'_>,
    until: Option<NaiveDate>,
    report: &mut Report,
) -> Option<Vec<Event>> {
    let Some(items) = fields.objects("events", EVENTS_MAX, report) else {
        // Absent or null: only the submission; a wrong type was reported.
        return (!report.has_errors_at(&fields.path("events"))).then(Vec::new);
    };
    let before = report.findings().len();
    let mut events = Vec::with_capacity(items.len());
    for event in &items {
        if let Some(event) = read_event(event, report) {
            let day = crate::headline::china_day(event.at);
            if until.is_none_or(|until| day <= until) {
                events.push(event);
            }
        }
    }
    let read_all = !report.findings()[before..].iter().any(Finding::is_error);
    // Items that were not objects were reported when the list was opened.
    (read_all && !report.has_errors_at(&fields.path("events"))).then_some(events)
}

/// One event; `None` with findings when it cannot be read. Text the
/// lifecycle requires (a reason, a reply) is passed on blank when missing:
/// the lifecycle says `required` itself.
fn read_event(event: &Fields<'_>, report: &mut Report) -> Option<Event> {
    let at = match event.text("at", true, report) {
        Some(text) => match parse_datetime(&text) {
            Some(at) => Some(at),
            None => {
                report.add(Code::DateTimeInvalid, event.path("at"));
                None
            }
        },
        None => None,
    };
    let actor = event.text("actor", false, report).unwrap_or_default();
    let note = event.multiline_text("note", false, report);
    let kind = read_kind(event, report);
    Some(Event {
        at: at?,
        actor,
        note,
        kind: kind?,
    })
}

fn read_kind(event: &Fields<'_>, report: &mut Report) -> Option<EventKind> {
    let options: Vec<(&'static str, usize)> = TYPES
        .iter()
        .enumerate()
        .map(|(i, (name, _))| (*name, i))
        .collect();
    let (name, keys) = TYPES[event.choice("type", &options, true, report)?];
    // Keys of other event types are not part of this one.
    for &(key, _) in EVENT.fields.iter().skip(4) {
        if !keys.contains(&key) && event.raw(key).is_some() {
            report.push(Finding::new(Code::UnknownField, event.path(key)).with("field", key));
        }
    }
    let text =
        |key: &'static str, report: &mut Report| event.text(key, false, report).unwrap_or_default();
    let date = |key: &'static str, report: &mut Report| -> Result<Option<NaiveDate>, ()> {
        match event.text(key, false, report) {
            None => Ok(None),
            Some(text) => match parse_date(&text) {
                Some(date) => Ok(Some(date)),
                None => {
                    report.add(Code::DateInvalid, event.path(key));
                    Err(())
                }
            },
        }
    };
    let flag =
        |key: &'static str, report: &mut Report| event.boolean(key, false, report).unwrap_or(false);
    Some(match name {
        "submitted" => EventKind::Submitted,
        "collected" => EventKind::Collected {
            meeting: text("meeting", report),
        },
        "assigned" => EventKind::Assigned {
            department: text("department", report),
            deadline: date("deadline", report).ok()?,
            computed: flag("computed", report),
            provisional: flag("provisional", report),
        },
        "accepted" => EventKind::Accepted,
        "returned" => EventKind::Returned {
            reason: text("reason", report),
        },
        "started" => EventKind::Started,
        "replied" => EventKind::Replied {
            reply: event
                .multiline_text("reply", false, report)
                .unwrap_or_default(),
        },
        "revisited" => {
            // The five levels of GB/T 39734 and the channel, when recorded;
            // a contradicting `satisfied` is the lifecycle's to refuse.
            let satisfaction = event.choice("satisfaction", SATISFACTION, false, report);
            let channel = event.choice("channel", CHANNELS, false, report);
            let satisfied = event.boolean("satisfied", true, report)?;
            EventKind::Revisited {
                satisfied,
                satisfaction,
                channel,
            }
        }
        "urged" => EventKind::Urged {
            overdue_days: event
                .integer_within("overdue_days", false, (0, i64::from(u32::MAX)), report)
                .and_then(|days| u32::try_from(days).ok()),
        },
        "extended" => {
            let deadline = date("deadline", report).ok()?;
            let reason = text("reason", report);
            let approver = text("approver", report);
            let provisional = flag("provisional", report);
            let Some(deadline) = deadline else {
                report.add(Code::Required, event.path("deadline"));
                return None;
            };
            EventKind::Extended {
                deadline,
                reason,
                approver,
                provisional,
            }
        }
        "recomputed" => EventKind::Recomputed {
            deadline: date("deadline", report).ok()?,
            provisional: flag("provisional", report),
        },
        _ => EventKind::Closed {
            reason: event.choice("reason", CLOSE_REASONS, true, report)?,
        },
    })
}

/// `path` seen from the record holding it at `prefix`.
fn under(path: &Path, prefix: &Path) -> Path {
    let mut joined = prefix.clone();
    for step in path.segments() {
        joined = match step {
            PathSegment::Key(key) => joined.key(key.clone()),
            PathSegment::Index(index) => joined.index(*index),
        };
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, DeadlinePolicy};
    use crate::demand::{Dictionary, State};
    use crate::Catalog;

    const RECORD: &str = r#"{"enterprise_uscc": "91440300MA5FUTN418", "enterprise_name": "深圳市某某物流有限公司",
      "chain": "port_logistics", "kind": "help", "topic": "customs", "title": "保税区通道夜间通关",
      "description": "希望保税区通道延长开放时间，方便夜间进出车辆。", "contact": {"name": "李四", "phone": "13900139000"},
      "declarations": {"not_in_litigation": true, "no_secrets": true}, "submitted_at": "2026-03-02T10:00:00+08:00"}"#;

    fn check(events: &str, until: Option<&str>) -> Checked<StoredDemand> {
        let catalog = Catalog::yantian();
        let context = Context::new(catalog, parse_date("2026-12-31").unwrap());
        let calendar = Calendar::china();
        let rules = Rules {
            calendar: &calendar,
            deadlines: DeadlinePolicy::default(),
            dictionary: Some(Dictionary::builtin()),
        };
        let line = format!(r#"{{"id": "d-1", "record": {RECORD}, "events": {events}}}"#);
        check_stored_demand_json(&line, &context, &rules, until.and_then(parse_date))
    }

    const HISTORY: &str = r#"[
      {"at": "2026-03-02T10:00:00+08:00", "actor": "企业", "type": "submitted"},
      {"at": "2026-03-03T10:00:00+08:00", "actor": "中心", "type": "assigned", "department": "customs_office"},
      {"at": "2026-03-04T10:00:00+08:00", "actor": "customs_office", "type": "accepted"},
      {"at": "2026-03-10T10:00:00+08:00", "actor": "customs_office", "type": "replied", "reply": "已开通24小时通道"},
      {"at": "2026-03-20T10:00:00+08:00", "actor": "中心", "type": "revisited", "satisfied": true}]"#;

    #[test]
    fn a_stored_demand_is_replayed_to_its_state() {
        let checked = check(HISTORY, None);
        assert!(checked.report.is_empty(), "{:?}", checked.report);
        let stored = checked.record.unwrap();
        assert_eq!(stored.id, "d-1");
        assert_eq!(stored.case.state(), State::Closed);
        // Events after the cut-off are not yet known.
        let earlier = check(HISTORY, Some("2026-03-15")).record.unwrap();
        assert_eq!(earlier.case.state(), State::Replied);
        let none = check("[]", None).record.unwrap();
        assert_eq!(none.case.state(), State::Submitted);
        // An event after the cut-off that would not fit is not looked at.
        let late = HISTORY.replace(
            r#""satisfied": true}]"#,
            r#""satisfied": true}, {"at": "2027-01-05T10:00:00+08:00", "actor": "x", "type": "accepted"}]"#,
        );
        assert!(check(&late, Some("2026-12-31")).record.is_some());
        assert!(check(&late, None).record.is_none());
    }

    #[test]
    fn a_rated_revisit_and_an_urging_are_read_as_the_lifecycle_records_them() {
        let rated = HISTORY
            .replace(
                r#"{"at": "2026-03-04T10:00:00+08:00", "actor": "customs_office", "type": "accepted"},"#,
                r#"{"at": "2026-03-04T10:00:00+08:00", "actor": "customs_office", "type": "accepted"},
                   {"at": "2026-03-05T10:00:00+08:00", "actor": "中心", "type": "urged"},"#,
            )
            .replace(
                r#""satisfied": true}]"#,
                r#""satisfied": true, "satisfaction": "basically_satisfied", "channel": "phone"}]"#,
            );
        let checked = check(&rated, None);
        assert!(checked.report.is_empty(), "{:?}", checked.report);
        let stored = checked.record.unwrap();
        assert_eq!(stored.case.state(), State::Closed);
        assert_eq!(
            stored.case.satisfaction(),
            Some(Satisfaction::BasicallySatisfied)
        );
        assert_eq!(stored.case.times_urged(), 1);
        let wrong = HISTORY.replace(
            r#""satisfied": true}]"#,
            r#""satisfied": true, "satisfaction": "thrilled", "channel": "pigeon"}]"#,
        );
        let found: Vec<String> = check(&wrong, None)
            .report
            .findings()
            .iter()
            .filter(|f| f.code == Code::InvalidOption)
            .map(|f| f.path.to_string())
            .collect();
        assert_eq!(found, ["events[4].satisfaction", "events[4].channel"]);
    }

    #[test]
    fn every_problem_is_a_finding_at_its_path() {
        let bad = r#"[
          {"at": "2026-03-02T10:00:00+08:00", "actor": "企业", "type": "submitted", "reply": "x"},
          {"at": "yesterday", "type": "assigned", "department": "customs_office", "deadline": "2026-02-30"},
          {"at": "2026-03-04T10:00:00+08:00", "actor": "a", "type": "teleported"},
          {"at": "2026-03-04T10:00:00+08:00", "actor": "a", "type": "closed", "reason": "bored"},
          {"at": "2026-03-04T10:00:00+08:00", "actor": "a", "type": "revisited"},
          7]"#;
        let checked = check(bad, None);
        assert!(checked.record.is_none());
        let found: Vec<(String, Code)> = checked
            .report
            .findings()
            .iter()
            .map(|f| (f.path.to_string(), f.code))
            .collect();
        for expected in [
            ("events[5]", Code::WrongType),
            ("events[0].reply", Code::UnknownField),
            ("events[1].at", Code::DateTimeInvalid),
            ("events[1].deadline", Code::DateInvalid),
            ("events[2].type", Code::InvalidOption),
            ("events[3].reason", Code::InvalidOption),
            ("events[4].satisfied", Code::Required),
        ] {
            assert!(
                found.contains(&(expected.0.to_owned(), expected.1)),
                "{expected:?} in {found:?}"
            );
        }
        // The lifecycle's own findings are placed under `events`.
        let skipped = check(
            &HISTORY.replace(r#""type": "accepted""#, r#""type": "started""#),
            None,
        );
        let finding = &skipped.report.findings()[0];
        assert_eq!(
            (finding.path.to_string(), finding.code),
            ("events[2].type".to_owned(), Code::IllegalTransition)
        );
        // The record's findings under `record`.
        let line = check(HISTORY, None);
        assert!(line.record.is_some());
        let catalog = Catalog::yantian();
        let context = Context::new(catalog, parse_date("2026-12-31").unwrap());
        let calendar = Calendar::china();
        let rules = Rules {
            calendar: &calendar,
            deadlines: DeadlinePolicy::default(),
            dictionary: Some(Dictionary::builtin()),
        };
        let checked = check_stored_demand_json(
            r#"{"record": {"kind": "wish"}, "extra": 1}"#,
            &context,
            &rules,
            None,
        );
        let paths: Vec<String> = checked
            .report
            .findings()
            .iter()
            .map(|f| f.path.to_string())
            .collect();
        assert!(paths.contains(&"extra".to_owned()), "{paths:?}");
        assert!(paths.contains(&"id".to_owned()), "{paths:?}");
        assert!(paths.contains(&"record.kind".to_owned()), "{paths:?}");
        assert!(paths.contains(&"record.title".to_owned()), "{paths:?}");
    }
}
