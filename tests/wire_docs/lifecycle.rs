//! The lifecycle and the working-day calendar (`docs/wire/lifecycle.md`,
//! `docs/wire/calendar.md`): which event each state takes and where it
//! leads, found by replaying histories through the core; what the events
//! carry and what the lifecycle records on them; the deadline limits, the
//! festivals and the published schedules.

use chrono::{DateTime, FixedOffset, NaiveDate};
use lianjian::calendar::{Calendar, DeadlinePolicy, Festival, STATUTORY_YEARS};
use lianjian::demand::{
    Case, CloseReason, DemandKind, Dictionary, Event, EventKind, RevisitChannel, Rules,
    Satisfaction, State,
};
use serde_json::Value;

/// Every state, in the order a demand usually passes them.
const STATES: [State; 10] = [
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

fn day(text: &str) -> NaiveDate {
    lianjian::ident::parse_date(text).unwrap()
}

/// A probe history runs on 28 December 2026: a help demand's deadline of 10
/// working days then falls in 2027, a year without a built-in schedule, so
/// it is provisional and `recomputed` can be shown.
fn at(n: usize) -> DateTime<FixedOffset> {
    let text = format!("2026-12-28T{:02}:00:00+08:00", 8 + n);
    lianjian::ident::parse_datetime(&text).unwrap()
}

/// The events that lead from `submitted` to a state (exhaustive: a new
/// state must say how it is reached).
fn path_to(state: State) -> Vec<EventKind> {
    let assigned = || EventKind::assigned("tax_bureau", None);
    let replied = || {
        vec![
            assigned(),
            EventKind::Accepted,
            EventKind::Started,
            EventKind::Replied {
                reply: "已答复".into(),
            },
        ]
    };
    match state {
        State::Submitted => vec![],
        State::Collected => vec![EventKind::Collected {
            meeting: "2026-12".into(),
        }],
        State::Assigned => vec![assigned()],
        State::Accepted => vec![assigned(), EventKind::Accepted],
        State::Returned => vec![
            assigned(),
            EventKind::Returned {
                reason: "不属本部门职责".into(),
            },
        ],
        State::InProgress => vec![assigned(), EventKind::Accepted, EventKind::Started],
        State::Replied => replied(),
        State::Reopened => [replied(), vec![EventKind::revisited(false)]].concat(),
        State::Closed => [replied(), vec![EventKind::revisited(true)]].concat(),
        State::ClosedWithoutAction => vec![EventKind::Closed {
            reason: CloseReason::Duplicate,
        }],
    }
}

/// One event of each type as staff would send it (the lifecycle's marks unset).
fn samples() -> Vec<(String, EventKind)> {
    vec![
        ("submitted".into(), EventKind::Submitted),
        (
            "collected".into(),
            EventKind::Collected {
                meeting: "2026-12".into(),
            },
        ),
        ("assigned".into(), EventKind::assigned("tax_bureau", None)),
        ("accepted".into(), EventKind::Accepted),
        (
            "returned".into(),
            EventKind::Returned {
                reason: "不属本部门职责".into(),
            },
        ),
        ("started".into(), EventKind::Started),
        (
            "replied".into(),
            EventKind::Replied {
                reply: "已答复".into(),
            },
        ),
        ("revisited (satisfied)".into(), EventKind::revisited(true)),
        (
            "revisited (not satisfied)".into(),
            EventKind::revisited(false),
        ),
        (
            "revisited (rated on GB/T 39734)".into(),
            EventKind::rated(
                Satisfaction::BasicallySatisfied,
                Some(RevisitChannel::Phone),
            ),
        ),
        ("urged".into(), EventKind::urged()),
        (
            "extended".into(),
            EventKind::extended(day("2027-03-01"), "需市局审批", "分管副区长"),
        ),
        (
            "recomputed".into(),
            EventKind::Recomputed {
                deadline: None,
                provisional: false,
            },
        ),
        (
            "closed".into(),
            EventKind::Closed {
                reason: CloseReason::Duplicate,
            },
        ),
    ]
}

/// The event with every optional field given (exhaustive: a new event type
/// must say what it carries).
fn complete(kind: &EventKind) -> EventKind {
    match kind.clone() {
        EventKind::Assigned { department, .. } => EventKind::Assigned {
            department,
            deadline: Some(day("2027-01-12")),
            computed: true,
            provisional: true,
        },
        EventKind::Extended {
            deadline,
            reason,
            approver,
            ..
        } => EventKind::Extended {
            deadline,
            reason,
            approver,
            provisional: true,
        },
        EventKind::Recomputed { .. } => EventKind::Recomputed {
            deadline: Some(day("2027-01-13")),
            provisional: true,
        },
        EventKind::Urged { .. } => EventKind::Urged {
            overdue_days: Some(2),
        },
        EventKind::Revisited { satisfied, .. } => EventKind::Revisited {
            satisfied,
            satisfaction: Some(if satisfied {
                Satisfaction::Satisfied
            } else {
                Satisfaction::Dissatisfied
            }),
            channel: Some(RevisitChannel::Visit),
        },
        other @ (EventKind::Submitted
        | EventKind::Collected { .. }
        | EventKind::Accepted
        | EventKind::Returned { .. }
        | EventKind::Started
        | EventKind::Replied { .. }
        | EventKind::Closed { .. }) => other,
    }
}

fn events(kinds: Vec<EventKind>) -> Vec<Event> {
    std::iter::once(EventKind::Submitted)
        .chain(kinds)
        .enumerate()
        .map(|(n, kind)| Event {
            at: at(n),
            actor: "staff".into(),
            note: None,
            kind,
        })
        .collect()
}

fn replay(kinds: Vec<EventKind>) -> (Option<Case>, Value) {
    let calendar = Calendar::china();
    let rules = Rules {
        calendar: &calendar,
        deadlines: DeadlinePolicy::default(),
        dictionary: Some(Dictionary::builtin()),
    };
    let (case, report) = Case::replay(DemandKind::Help, &events(kinds), &rules);
    (case, serde_json::to_value(report.findings()).unwrap())
}

fn errors_at(findings: &Value, index: usize) -> Vec<String> {
    let prefix = format!("[{index}]");
    findings
        .as_array()
        .into_iter()
        .flatten()
        .filter(|f| f["severity"] == "error")
        .filter(|f| f["path"].as_str().is_some_and(|p| p.starts_with(&prefix)))
        .map(|f| f["code"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// The `transitions` block: rows are states, columns event types; a cell
/// is the state the event leads to, or — where it is refused as
/// `illegal_transition`.
pub fn transitions() -> String {
    let samples = samples();
    let mut out = String::from("| state \\ event |");
    for (name, _) in &samples {
        out.push_str(&format!(" {name} |"));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(samples.len()));
    out.push('\n');
    for state in STATES {
        let path = path_to(state);
        let (case, findings) = replay(path.clone());
        let reached = case.map(|c| c.state());
        assert_eq!(
            reached,
            Some(state),
            "the probe history reaches {state:?}: {findings}"
        );
        out.push_str(&format!("| `{}` |", state.name()));
        for (_, sample) in &samples {
            let index = path.len() + 1;
            let (case, findings) = replay([path.clone(), vec![sample.clone()]].concat());
            let errors = errors_at(&findings, index);
            let cell = if errors.iter().any(|c| c == "illegal_transition") {
                "—".to_owned()
            } else {
                assert!(errors.is_empty(), "{state:?} + {sample:?}: {findings}");
                format!("`{}`", case.map(|c| c.state().name()).unwrap_or_default())
            };
            out.push_str(&format!(" {cell} |"));
        }
        out.push('\n');
    }
    out
}

/// The `states` block: whether a deadline runs in each state, and which are final.
pub fn states() -> String {
    let mut out = String::from(
        "| state | deadline runs (supervision when past it) | final |\n|---|---|---|\n",
    );
    let yes = |b: bool| if b { "yes" } else { "no" };
    for state in STATES {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            state.name(),
            yes(state.deadline_runs()),
            yes(state.is_final())
        ));
    }
    out
}

fn keys(event: &Event) -> Vec<String> {
    let value = serde_json::to_value(event).unwrap();
    value
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(_, v)| !v.is_null())
        .map(|(k, _)| k.clone())
        .filter(|k| !["at", "actor", "note", "type"].contains(&k.as_str()))
        .collect()
}

fn list(names: &[String]) -> String {
    if names.is_empty() {
        return "—".to_owned();
    }
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `events` block: each event type with the fields it carries and the
/// fields the lifecycle records on it when staff leave them out (found by
/// applying the event to a case where it fits, in the probe's late December).
pub fn events_block() -> String {
    let mut out = String::from(
        "| type | fields besides `at`, `actor`, `note` | recorded by the lifecycle when left out |\n|---|---|---|\n",
    );
    let mut seen = Vec::new();
    for (_, sample) in samples() {
        let name = sample.name();
        if seen.contains(&name) {
            continue;
        }
        seen.push(name);
        let full = Event {
            at: at(0),
            actor: "staff".into(),
            note: None,
            kind: complete(&sample),
        };
        // Applied in the first state that takes it.
        let recorded = STATES.iter().find_map(|&state| {
            let path = path_to(state);
            let index = path.len() + 1;
            let (case, findings) = replay([path, vec![sample.clone()]].concat());
            if !errors_at(&findings, index).is_empty() {
                return None;
            }
            let case = case?;
            let stored = case.history().get(index)?.clone();
            let given = Event {
                kind: sample.clone(),
                ..stored.clone()
            };
            Some(
                keys(&stored)
                    .into_iter()
                    .filter(|k| !keys(&given).contains(k))
                    .collect::<Vec<_>>(),
            )
        });
        let recorded = match (name, recorded) {
            ("submitted", _) => "— (the first event of every history)".to_owned(),
            (_, Some(recorded)) => list(&recorded),
            (_, None) => panic!("no state takes {name}"),
        };
        out.push_str(&format!(
            "| `{name}` | {} | {recorded} |\n",
            list(&keys(&full))
        ));
    }
    out
}

/// The `limits` block: working days per demand kind.
pub fn deadline_limits() -> String {
    let policy = DeadlinePolicy::default();
    let mut out = String::from("| kind | working days |\n|---|---|\n");
    for kind in DemandKind::ALL {
        out.push_str(&format!(
            "| `{}` | {} |\n",
            kind.as_str(),
            policy.limit(kind)
        ));
    }
    out
}

/// The `festivals` block: the seven statutory festivals.
pub fn festivals() -> String {
    let mut out = String::from("| id | zh-CN | en |\n|---|---|---|\n");
    for festival in Festival::ALL {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            festival.id(),
            festival.name_zh(),
            festival.name_en()
        ));
    }
    out
}

/// The `published` block: the schedules built in, and the statutory table's years.
pub fn published() -> String {
    let calendar = Calendar::china();
    let mut out = String::from("| year | source |\n|---|---|\n");
    for year in calendar.years() {
        out.push_str(&format!(
            "| {year} | {} |\n",
            calendar.source(year).unwrap_or_default()
        ));
    }
    out.push_str(&format!(
        "\nStatutory holidays are known for {} to {} (`core/catalog/holidays/lunar.json`), and the fixed-date ones (元旦, 劳动节, 国庆节) after that.\n",
        STATUTORY_YEARS.0, STATUTORY_YEARS.1
    ));
    out
}
