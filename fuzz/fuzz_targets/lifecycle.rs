//! Any event sequence: refused events change nothing, accepted ones replay.
#![no_main]

use arbitrary::Arbitrary;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use lianjian::demand::{
    Calendar, Case, CloseReason, DeadlinePolicy, DemandKind, Dictionary, Event, EventKind,
    RevisitChannel, Rules, Satisfaction,
};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
enum Step {
    Collected(String),
    Assigned(u8, Option<u16>),
    Accepted,
    Returned(String),
    Started,
    Replied(String),
    Revisited(bool),
    Rated(u8, Option<bool>),
    Urged(Option<u16>),
    Extended(u16, String, String),
    Recomputed(Option<u16>),
    Closed(u8),
}

const DEPARTMENTS: [&str; 4] = ["tax_bureau", "traffic_police", "nowhere", ""];

fuzz_target!(|input: (u8, Vec<(i16, Step)>)| {
    let calendar = Calendar::china();
    let rules = Rules {
        calendar: &calendar,
        deadlines: DeadlinePolicy::default(),
        dictionary: Some(Dictionary::builtin()),
    };
    let kind = DemandKind::ALL[usize::from(input.0) % 5];
    let start: DateTime<FixedOffset> =
        match DateTime::parse_from_rfc3339("2026-01-05T09:00:00+08:00") {
            Ok(t) => t,
            Err(_) => return,
        };
    let day = |d: u16| {
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default()
            + chrono::Days::new(u64::from(d % 800))
    };
    let mut case = Case::submitted(kind, start, "enterprise");
    let mut at = start;
    for (hours, step) in input.1.into_iter().take(64) {
        at += Duration::hours(i64::from(hours % 200));
        let kind = match step {
            Step::Collected(m) => EventKind::Collected { meeting: m },
            Step::Assigned(d, dl) => {
                EventKind::assigned(DEPARTMENTS[usize::from(d) % 4], dl.map(day))
            }
            Step::Accepted => EventKind::Accepted,
            Step::Returned(r) => EventKind::Returned { reason: r },
            Step::Started => EventKind::Started,
            Step::Replied(r) => EventKind::Replied { reply: r },
            Step::Revisited(s) => EventKind::revisited(s),
            // A rating, a channel or neither; a claimed `satisfied` that
            // contradicts the level is the lifecycle's to refuse.
            Step::Rated(level, channel) => EventKind::Revisited {
                satisfied: level % 2 == 0,
                satisfaction: Satisfaction::ALL.get(usize::from(level % 6)).copied(),
                channel: channel.map(|visit| {
                    if visit {
                        RevisitChannel::Visit
                    } else {
                        RevisitChannel::Phone
                    }
                }),
            },
            Step::Urged(days) => EventKind::Urged {
                overdue_days: days.map(u32::from),
            },
            Step::Extended(d, r, a) => EventKind::extended(day(d), r, a),
            Step::Recomputed(d) => EventKind::Recomputed {
                deadline: d.map(day),
                provisional: false,
            },
            Step::Closed(r) => EventKind::Closed {
                reason: [
                    CloseReason::Duplicate,
                    CloseReason::NotAccepted,
                    CloseReason::Referred,
                ][usize::from(r) % 3],
            },
        };
        let before = case.clone();
        if case
            .apply(
                Event {
                    at,
                    actor: "staff".into(),
                    note: None,
                    kind,
                },
                &rules,
            )
            .is_err()
        {
            assert_eq!(case, before);
        }
        if let Some(deadline) = case.deadline() {
            assert!(calendar.is_working_day(deadline));
        }
    }
    let (replayed, report) = Case::replay(kind, case.history(), &rules);
    assert!(report.is_valid());
    assert_eq!(replayed.as_ref(), Some(&case));
});
