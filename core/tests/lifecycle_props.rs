//! Any sequence of events leaves a demand in a legal state with a monotone
//! history, and deadlines never fall on days off.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use lianjian::demand::{
    Calendar, Case, CloseReason, DeadlinePolicy, DemandKind, Dictionary, Event, EventKind,
    RevisitChannel, Rules, Satisfaction,
};
use proptest::prelude::*;

fn start() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2025-12-20T09:00:00+08:00").unwrap()
}

fn kind() -> impl Strategy<Value = DemandKind> {
    prop::sample::select(DemandKind::ALL.to_vec())
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("已处理".to_owned()),
        Just("需补充材料".to_owned())
    ]
}

fn event_kind() -> impl Strategy<Value = EventKind> {
    let department = prop::sample::select(vec![
        "tax_bureau",
        "traffic_police",
        "hr_bureau",
        "no_such_bureau",
        "",
    ]);
    let day =
        (0..500u64).prop_map(|d| NaiveDate::from_ymd_opt(2025, 12, 20).unwrap() + Days::new(d));
    prop_oneof![
        Just(EventKind::Submitted),
        text().prop_map(|meeting| EventKind::Collected { meeting }),
        // The lifecycle's own marks, sent by a caller, must change nothing.
        (
            department,
            prop::option::of(day.clone()),
            any::<bool>(),
            any::<bool>()
        )
            .prop_map(|(d, deadline, computed, provisional)| EventKind::Assigned {
                department: d.to_owned(),
                deadline,
                computed,
                provisional,
            }),
        Just(EventKind::Accepted),
        text().prop_map(|reason| EventKind::Returned { reason }),
        Just(EventKind::Started),
        text().prop_map(|reply| EventKind::Replied { reply }),
        any::<bool>().prop_map(EventKind::revisited),
        // A rated revisit whose `satisfied` may contradict its level (the level wins).
        (
            prop::sample::select(Satisfaction::ALL.to_vec()),
            any::<bool>(),
            prop::option::of(prop::sample::select(vec![
                RevisitChannel::Phone,
                RevisitChannel::Visit
            ]))
        )
            .prop_map(|(level, satisfied, channel)| EventKind::Revisited {
                satisfied,
                satisfaction: Some(level),
                channel,
            }),
        // The overdue days are the lifecycle's mark: a caller's claim changes nothing.
        prop::option::of(0..30u32).prop_map(|overdue_days| EventKind::Urged { overdue_days }),
        (day.clone(), text(), text(), any::<bool>()).prop_map(
            |(deadline, reason, approver, provisional)| EventKind::Extended {
                deadline,
                reason,
                approver,
                provisional,
            }
        ),
        (prop::option::of(day), any::<bool>()).prop_map(|(deadline, provisional)| {
            EventKind::Recomputed {
                deadline,
                provisional,
            }
        }),
        prop::sample::select(vec![
            CloseReason::Duplicate,
            CloseReason::NotAccepted,
            CloseReason::Referred
        ])
        .prop_map(|reason| EventKind::Closed { reason }),
    ]
}

/// Events mostly move forward in time, sometimes back (which must be refused).
fn events() -> impl Strategy<Value = Vec<(i64, String, EventKind)>> {
    prop::collection::vec(
        (
            -2..40i64,
            prop::sample::select(vec!["staff", "", "tax_bureau"]),
            event_kind(),
        ),
        0..40,
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(h, a, k)| (h, a.to_owned(), k))
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_event_sequence_leaves_a_legal_state(kind in kind(), steps in events()) {
        let calendar = Calendar::china();
        let rules = Rules { calendar: &calendar, deadlines: DeadlinePolicy::default(), dictionary: Some(Dictionary::builtin()) };
        let mut case = Case::submitted(kind, start(), "enterprise");
        let mut at = start();
        let mut accepted = 1;
        for (hours, actor, event_kind) in steps {
            at += chrono::Duration::hours(hours * 7);
            let before = case.clone();
            let event = Event { at, actor, note: None, kind: event_kind };
            match case.apply(event, &rules) {
                Ok(warnings) => {
                    prop_assert!(warnings.is_valid(), "an accepted event answers warnings only");
                    accepted += 1;
                }
                Err(report) => {
                    prop_assert!(!report.is_valid(), "a refusal carries an error");
                    prop_assert_eq!(&case, &before, "a refused event changes nothing");
                }
            }
            // The history only grows, in time order, and starts with the submission.
            let history = case.history();
            prop_assert_eq!(history.len(), accepted);
            prop_assert_eq!(&history[0].kind, &EventKind::Submitted);
            prop_assert!(history.windows(2).all(|w| w[0].at <= w[1].at));
            // Deadlines are working days.
            if let Some(deadline) = case.deadline() {
                prop_assert!(calendar.is_working_day(deadline), "deadline {} is a day off", deadline);
            }
            // A department and deadline exist exactly from the first assignment on.
            let assigned = history.iter().any(|e| matches!(e.kind, EventKind::Assigned { .. }));
            prop_assert_eq!(case.deadline().is_some(), assigned);
            // The state is what replaying the history gives.
            let (replayed, report) = Case::replay(kind, history, &rules);
            prop_assert!(report.is_valid(), "the accepted history replays cleanly: {:?}", report);
            prop_assert_eq!(replayed.as_ref(), Some(&case));
            // A rated revisit's verdict is its level's.
            if let Some(EventKind::Revisited { satisfied, satisfaction: Some(level), .. }) = history.last().map(|e| &e.kind) {
                prop_assert_eq!(*satisfied, level.is_satisfied());
            }
            // Final states accept nothing more.
            if case.state().is_final() {
                let more = Event { at, actor: "staff".into(), note: None, kind: EventKind::Accepted };
                prop_assert!(case.clone().apply(more, &rules).is_err());
            }
        }
    }
}

proptest! {
    #[test]
    fn computed_deadlines_are_working_days(offset in 0..760u64, kind in kind()) {
        let calendar = Calendar::china();
        let received = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(offset);
        let policy = DeadlinePolicy::default();
        let deadline = policy.deadline(&calendar, kind, received);
        prop_assert!(calendar.is_working_day(deadline), "{} from {}", deadline, received);
        prop_assert!(deadline > received);
        prop_assert_eq!(calendar.working_days_between(received, deadline), policy.limit(kind));
    }
}

/// One event of each type, with every field it needs filled in.
fn every_event_kind() -> Vec<EventKind> {
    let day = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
    vec![
        EventKind::Submitted,
        EventKind::Collected {
            meeting: "m".into(),
        },
        EventKind::assigned("tax_bureau", None),
        EventKind::Accepted,
        EventKind::Returned { reason: "r".into() },
        EventKind::Started,
        EventKind::Replied { reply: "r".into() },
        EventKind::revisited(true),
        EventKind::urged(),
        EventKind::extended(day, "r", "a"),
        EventKind::Recomputed {
            deadline: None,
            provisional: false,
        },
        EventKind::Closed {
            reason: CloseReason::Duplicate,
        },
    ]
}

proptest! {
    /// The events a case lists as allowed are exactly those the lifecycle
    /// takes (a form draws its buttons from the list).
    #[test]
    fn the_allowed_events_are_the_transition_table(kind in kind(), steps in events()) {
        let calendar = Calendar::china();
        let rules = Rules { calendar: &calendar, deadlines: DeadlinePolicy::default(), dictionary: Some(Dictionary::builtin()) };
        let mut case = Case::submitted(kind, start(), "enterprise");
        let mut at = start();
        for (hours, actor, event_kind) in steps {
            at += chrono::Duration::hours(hours.max(0) * 7);
            let _ = case.apply(Event { at, actor, note: None, kind: event_kind }, &rules);
            let allowed = case.allowed_events();
            for candidate in every_event_kind() {
                let name = candidate.name();
                let event = Event { at, actor: "staff".into(), note: None, kind: candidate };
                let taken = match case.clone().apply(event, &rules) {
                    Ok(_) => true,
                    Err(report) => !report.has(lianjian::Code::IllegalTransition)
                        && !report.has(lianjian::Code::DeadlineNotProvisional),
                };
                prop_assert_eq!(
                    allowed.contains(&name), taken,
                    "{} in state {}: allowed {:?}", name, case.state().name(), allowed
                );
            }
        }
    }
}
