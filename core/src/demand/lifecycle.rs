//! The life of a demand as an event-sourced state machine. Every change is a
//! timestamped event with actor and note; the state is derived from history.
//! An event that does not fit the state is refused with findings, never a
//! panic, and leaves the history as it was.
//!
//! ```text
//! submitted → collected → assigned → accepted → in_progress → replied → revisited
//!                 ↑           ↓ returned (reason)                     satisfied → closed
//!                 └─ reopened ←──────────────────────────────────── not satisfied
//! submitted | collected | returned | reopened → closed_without_action (duplicate, not accepted, referred)
//! ```

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::calendar::{Calendar, DeadlinePolicy};
use super::classify::Dictionary;
use super::record::DemandKind;
use crate::findings::{Code, Finding, Path, Report};

/// Why a demand was closed without action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CloseReason {
    /// It repeats an earlier demand.
    Duplicate,
    /// It is not accepted (litigation, arbitration, petition, secrets...).
    NotAccepted,
    /// It was referred to another channel.
    Referred,
}

/// What happened.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The enterprise submitted the demand.
    Submitted,
    /// Collected through the chain committee for a joint meeting.
    Collected {
        /// The meeting it is collected for.
        meeting: String,
    },
    /// A responsible department and a deadline were set.
    Assigned {
        /// Department id.
        department: String,
        /// The deadline; when absent it is computed from the kind's limit.
        #[serde(default)]
        deadline: Option<NaiveDate>,
    },
    /// The department accepted it.
    Accepted,
    /// The department sent it back (退单).
    Returned {
        /// Why.
        reason: String,
    },
    /// Work began.
    Started,
    /// The department replied to the enterprise.
    Replied {
        /// The reply.
        reply: String,
    },
    /// The enterprise was asked how it went (回访).
    Revisited {
        /// Whether the enterprise is satisfied.
        satisfied: bool,
    },
    /// The deadline was extended (延期).
    Extended {
        /// The new deadline.
        deadline: NaiveDate,
        /// Why.
        reason: String,
        /// Who approved it.
        approver: String,
    },
    /// Closed without action.
    Closed {
        /// Why.
        reason: CloseReason,
    },
}

impl EventKind {
    /// The wire name of the event type.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Submitted => "submitted",
            EventKind::Collected { .. } => "collected",
            EventKind::Assigned { .. } => "assigned",
            EventKind::Accepted => "accepted",
            EventKind::Returned { .. } => "returned",
            EventKind::Started => "started",
            EventKind::Replied { .. } => "replied",
            EventKind::Revisited { .. } => "revisited",
            EventKind::Extended { .. } => "extended",
            EventKind::Closed { .. } => "closed",
        }
    }
}

/// One entry of the history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// Who (an account or department id).
    pub actor: String,
    /// A free note.
    #[serde(default)]
    pub note: Option<String>,
    /// What.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// Where a demand stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Received.
    Submitted,
    /// Waiting for the joint meeting.
    Collected,
    /// With a department, not yet accepted.
    Assigned,
    /// Accepted by the department.
    Accepted,
    /// Sent back by the department, to be assigned again.
    Returned,
    /// Being worked on.
    InProgress,
    /// Replied, awaiting the revisit.
    Replied,
    /// The enterprise was not satisfied: to be assigned again.
    Reopened,
    /// Resolved and the enterprise satisfied.
    Closed,
    /// Closed without action.
    ClosedWithoutAction,
}

impl State {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            State::Submitted => "submitted",
            State::Collected => "collected",
            State::Assigned => "assigned",
            State::Accepted => "accepted",
            State::Returned => "returned",
            State::InProgress => "in_progress",
            State::Replied => "replied",
            State::Reopened => "reopened",
            State::Closed => "closed",
            State::ClosedWithoutAction => "closed_without_action",
        }
    }

    /// Whether the demand is with a department and its deadline runs.
    pub fn deadline_runs(self) -> bool {
        matches!(self, State::Assigned | State::Accepted | State::InProgress)
    }

    /// Whether nothing more will happen.
    pub fn is_final(self) -> bool {
        matches!(self, State::Closed | State::ClosedWithoutAction)
    }
}

/// What the lifecycle needs to know besides the events.
#[derive(Debug, Clone, Copy)]
pub struct Rules<'a> {
    /// Working days.
    pub calendar: &'a Calendar,
    /// Limits per kind.
    pub deadlines: DeadlinePolicy,
    /// When given, assignments must name one of its departments.
    pub dictionary: Option<&'a Dictionary>,
}

/// A demand's lifecycle: its history and what follows from it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Case {
    kind: DemandKind,
    history: Vec<Event>,
    state: State,
    department: Option<String>,
    deadline: Option<NaiveDate>,
    assigned_on: Option<NaiveDate>,
    replied_on: Option<NaiveDate>,
    satisfied: Option<bool>,
    close_reason: Option<CloseReason>,
}

impl Case {
    /// A new case from its submission.
    pub fn submitted(
        kind: DemandKind,
        at: DateTime<FixedOffset>,
        actor: impl Into<String>,
    ) -> Case {
        Case {
            kind,
            history: vec![Event {
                at,
                actor: actor.into(),
                note: None,
                kind: EventKind::Submitted,
            }],
            state: State::Submitted,
            department: None,
            deadline: None,
            assigned_on: None,
            replied_on: None,
            satisfied: None,
            close_reason: None,
        }
    }

    /// Rebuilds a case from a stored history; events that do not fit are
    /// reported (with their index) and skipped.
    pub fn replay(kind: DemandKind, events: &[Event], rules: &Rules<'_>) -> (Option<Case>, Report) {
        let mut report = Report::new();
        let mut events = events.iter().enumerate();
        let case = match events.next() {
            Some((_, first)) if first.kind == EventKind::Submitted => {
                let mut case = Case::submitted(kind, first.at, first.actor.clone());
                case.history[0].note = first.note.clone();
                case
            }
            _ => {
                report.push(
                    Finding::new(Code::IllegalTransition, Path::root().index(0))
                        .with("state", "none")
                        .with("event", "submitted"),
                );
                return (None, report);
            }
        };
        let mut case = case;
        for (i, event) in events {
            if let Err(found) = case.apply(event.clone(), rules) {
                for mut finding in found {
                    let mut path = Path::root().index(i);
                    for step in finding.path.segments() {
                        path = match step {
                            crate::findings::PathSegment::Key(k) => path.key(k.clone()),
                            crate::findings::PathSegment::Index(n) => path.index(*n),
                        };
                    }
                    finding.path = path;
                    report.push(finding);
                }
            }
        }
        (Some(case), report)
    }

    /// Applies one event, or refuses it with findings and changes nothing.
    pub fn apply(&mut self, event: Event, rules: &Rules<'_>) -> Result<(), Report> {
        let mut report = Report::new();
        let last = self.history.last().map(|e| e.at);
        if let Some(last) = last.filter(|&last| event.at < last) {
            report.push(
                Finding::new(Code::EventOutOfOrder, Path::root().key("at"))
                    .with("previous", last.to_rfc3339()),
            );
        }
        if event.actor.trim().is_empty() {
            report.add(Code::Required, Path::root().key("actor"));
        }
        let on = event.at.date_naive();
        let next = self.next_state(&event.kind, on, rules, &mut report);
        if !report.is_valid() {
            return Err(report);
        }
        let Some(next) = next else {
            return Err(report);
        };
        match &event.kind {
            EventKind::Assigned {
                department,
                deadline,
            } => {
                let from = if self.assigned_on.is_none() {
                    self.received()
                } else {
                    on
                };
                self.deadline =
                    Some(deadline.unwrap_or_else(|| {
                        rules.deadlines.deadline(rules.calendar, self.kind, from)
                    }));
                self.department = Some(department.clone());
                self.assigned_on = Some(on);
            }
            EventKind::Extended { deadline, .. } => self.deadline = Some(*deadline),
            EventKind::Replied { .. } => self.replied_on = Some(on),
            EventKind::Revisited { satisfied } => self.satisfied = Some(*satisfied),
            EventKind::Closed { reason } => self.close_reason = Some(*reason),
            _ => {}
        }
        self.state = next;
        self.history.push(event);
        Ok(())
    }

    /// The state an event leads to, or findings saying why it cannot happen.
    fn next_state(
        &self,
        kind: &EventKind,
        on: NaiveDate,
        rules: &Rules<'_>,
        report: &mut Report,
    ) -> Option<State> {
        use State as S;
        let next = match (self.state, kind) {
            (S::Submitted, EventKind::Collected { meeting }) => {
                require(meeting, "meeting", report);
                S::Collected
            }
            (
                S::Submitted | S::Collected | S::Returned | S::Reopened,
                EventKind::Assigned {
                    department,
                    deadline,
                },
            ) => {
                require(department, "department", report);
                if let Some(dictionary) = rules.dictionary {
                    if !department.trim().is_empty() && dictionary.department(department).is_none()
                    {
                        report.push(
                            Finding::new(Code::UnknownDepartment, Path::root().key("department"))
                                .with("department", department.as_str()),
                        );
                    }
                }
                if let Some(deadline) = deadline {
                    check_deadline(*deadline, on, None, rules, report);
                }
                S::Assigned
            }
            (S::Assigned, EventKind::Accepted) => S::Accepted,
            (S::Assigned, EventKind::Returned { reason }) => {
                require(reason, "reason", report);
                S::Returned
            }
            (S::Accepted, EventKind::Started) => S::InProgress,
            (S::Accepted | S::InProgress, EventKind::Replied { reply }) => {
                require(reply, "reply", report);
                S::Replied
            }
            (S::Replied, EventKind::Revisited { satisfied: true }) => S::Closed,
            (S::Replied, EventKind::Revisited { satisfied: false }) => S::Reopened,
            (
                S::Assigned | S::Accepted | S::InProgress,
                EventKind::Extended {
                    deadline,
                    reason,
                    approver,
                },
            ) => {
                require(reason, "reason", report);
                require(approver, "approver", report);
                check_deadline(*deadline, on, self.deadline, rules, report);
                self.state
            }
            (S::Submitted | S::Collected | S::Returned | S::Reopened, EventKind::Closed { .. }) => {
                S::ClosedWithoutAction
            }
            (state, kind) => {
                report.push(
                    Finding::new(Code::IllegalTransition, Path::root().key("type"))
                        .with("state", state.name())
                        .with("event", kind.name()),
                );
                return None;
            }
        };
        Some(next)
    }

    /// The kind of demand.
    pub fn kind(&self) -> DemandKind {
        self.kind
    }
    /// Every event, oldest first.
    pub fn history(&self) -> &[Event] {
        &self.history
    }
    /// Where it stands.
    pub fn state(&self) -> State {
        self.state
    }
    /// The responsible department, once assigned.
    pub fn department(&self) -> Option<&str> {
        self.department.as_deref()
    }
    /// The deadline in force, once assigned.
    pub fn deadline(&self) -> Option<NaiveDate> {
        self.deadline
    }
    /// The day it was received.
    pub fn received(&self) -> NaiveDate {
        self.history[0].at.date_naive()
    }
    /// The day of the last reply.
    pub fn replied_on(&self) -> Option<NaiveDate> {
        self.replied_on
    }
    /// The enterprise's verdict at the last revisit.
    pub fn satisfied(&self) -> Option<bool> {
        self.satisfied
    }
    /// Why it was closed without action.
    pub fn close_reason(&self) -> Option<CloseReason> {
        self.close_reason
    }

    /// Supervision (督办): the working days past the deadline while it runs.
    pub fn overdue_days(&self, today: NaiveDate, calendar: &Calendar) -> Option<u32> {
        let deadline = self.deadline?;
        (self.state.deadline_runs() && today > deadline)
            .then(|| calendar.working_days_between(deadline, today).max(1))
    }

    /// Whether it is under supervision (督办) today.
    pub fn is_supervised(&self, today: NaiveDate, calendar: &Calendar) -> bool {
        self.overdue_days(today, calendar).is_some()
    }

    /// Whether the reply came on or before the deadline.
    pub fn replied_on_time(&self) -> Option<bool> {
        Some(self.replied_on? <= self.deadline?)
    }
}

fn require(text: &str, key: &'static str, report: &mut Report) {
    if text.trim().is_empty() {
        report.add(Code::Required, Path::root().key(key));
    }
}

fn check_deadline(
    deadline: NaiveDate,
    on: NaiveDate,
    current: Option<NaiveDate>,
    rules: &Rules<'_>,
    report: &mut Report,
) {
    let path = Path::root().key("deadline");
    if !rules.calendar.is_working_day(deadline) {
        report.push(
            Finding::new(Code::DeadlineNotWorkingDay, path.clone())
                .with("deadline", deadline.to_string()),
        );
    }
    // A new deadline lies after the one in force, and never before the event.
    let too_early = match current {
        Some(current) => deadline <= current || deadline < on,
        None => deadline < on,
    };
    if too_early {
        let after = current.map_or(on, |c| c.max(on));
        report.push(Finding::new(Code::DeadlineNotLater, path).with("after", after.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{text}T10:00:00+08:00")).unwrap()
    }

    fn event(day: &str, kind: EventKind) -> Event {
        Event {
            at: at(day),
            actor: "staff".into(),
            note: None,
            kind,
        }
    }

    fn rules(calendar: &Calendar) -> Rules<'_> {
        Rules {
            calendar,
            deadlines: DeadlinePolicy::default(),
            dictionary: Some(Dictionary::builtin()),
        }
    }

    #[test]
    fn the_whole_way_with_a_return_and_a_reopening() {
        let calendar = Calendar::china();
        let rules = rules(&calendar);
        let mut case = Case::submitted(DemandKind::Help, at("2026-11-25"), "enterprise");
        let steps = [
            event(
                "2026-11-26",
                EventKind::Collected {
                    meeting: "2026-12 联席会议".into(),
                },
            ),
            event(
                "2026-11-27",
                EventKind::Assigned {
                    department: "traffic_police".into(),
                    deadline: None,
                },
            ),
            event(
                "2026-11-27",
                EventKind::Returned {
                    reason: "不属本单位职责".into(),
                },
            ),
            event(
                "2026-11-30",
                EventKind::Assigned {
                    department: "transport_bureau".into(),
                    deadline: None,
                },
            ),
            event("2026-11-30", EventKind::Accepted),
            event("2026-12-01", EventKind::Started),
            event(
                "2026-12-03",
                EventKind::Replied {
                    reply: "已调整信号灯配时".into(),
                },
            ),
            event("2026-12-10", EventKind::Revisited { satisfied: false }),
            event(
                "2026-12-11",
                EventKind::Assigned {
                    department: "traffic_police".into(),
                    deadline: None,
                },
            ),
            event("2026-12-11", EventKind::Accepted),
            event(
                "2026-12-14",
                EventKind::Replied {
                    reply: "高峰期增派警力疏导".into(),
                },
            ),
            event("2026-12-20", EventKind::Revisited { satisfied: true }),
        ];
        for step in steps {
            case.apply(step, &rules).unwrap();
        }
        assert_eq!(case.state(), State::Closed);
        assert_eq!(case.history().len(), 13);
        // The first deadline runs from receipt: 10 working days after 2026-11-25.
        assert_eq!(case.department(), Some("traffic_police"));
        assert_eq!(case.satisfied(), Some(true));
        assert_eq!(case.replied_on_time(), Some(true));
    }

    #[test]
    fn illegal_events_are_findings_and_change_nothing() {
        let calendar = Calendar::china();
        let rules = rules(&calendar);
        let mut case = Case::submitted(DemandKind::Consultation, at("2026-11-25"), "enterprise");
        let before = case.clone();
        let refused = case
            .apply(
                event("2026-11-26", EventKind::Replied { reply: "x".into() }),
                &rules,
            )
            .unwrap_err();
        assert!(refused.has(Code::IllegalTransition));
        let refused = case
            .apply(
                event(
                    "2026-11-20",
                    EventKind::Collected {
                        meeting: "m".into(),
                    },
                ),
                &rules,
            )
            .unwrap_err();
        assert!(refused.has(Code::EventOutOfOrder));
        let refused = case
            .apply(
                event(
                    "2026-11-26",
                    EventKind::Assigned {
                        department: "nobody".into(),
                        deadline: None,
                    },
                ),
                &rules,
            )
            .unwrap_err();
        assert!(refused.has(Code::UnknownDepartment));
        assert_eq!(case, before);
    }

    #[test]
    fn deadlines_extensions_and_supervision() {
        let calendar = Calendar::china();
        let rules = rules(&calendar);
        let mut case = Case::submitted(DemandKind::Consultation, at("2026-09-29"), "enterprise");
        case.apply(
            event(
                "2026-09-29",
                EventKind::Assigned {
                    department: "tax_bureau".into(),
                    deadline: None,
                },
            ),
            &rules,
        )
        .unwrap();
        assert_eq!(case.deadline(), crate::ident::parse_date("2026-10-08"));
        assert!(!case.is_supervised(crate::ident::parse_date("2026-10-08").unwrap(), &calendar));
        // Past the deadline on Fri 9th, Sat 10th (a make-up working day) and Mon 12th.
        assert_eq!(
            case.overdue_days(crate::ident::parse_date("2026-10-12").unwrap(), &calendar),
            Some(3)
        );

        let no_reason = EventKind::Extended {
            deadline: crate::ident::parse_date("2026-10-15").unwrap(),
            reason: " ".into(),
            approver: "".into(),
        };
        let refused = case
            .apply(event("2026-10-09", no_reason), &rules)
            .unwrap_err();
        assert_eq!(
            refused
                .findings()
                .iter()
                .filter(|f| f.code == Code::Required)
                .count(),
            2
        );
        let weekend = EventKind::Extended {
            deadline: crate::ident::parse_date("2026-10-11").unwrap(),
            reason: "需现场核查".into(),
            approver: "分管领导".into(),
        };
        assert!(case
            .apply(event("2026-10-09", weekend), &rules)
            .unwrap_err()
            .has(Code::DeadlineNotWorkingDay));
        let earlier = EventKind::Extended {
            deadline: crate::ident::parse_date("2026-10-08").unwrap(),
            reason: "需现场核查".into(),
            approver: "分管领导".into(),
        };
        assert!(case
            .apply(event("2026-10-09", earlier), &rules)
            .unwrap_err()
            .has(Code::DeadlineNotLater));
        let fine = EventKind::Extended {
            deadline: crate::ident::parse_date("2026-10-15").unwrap(),
            reason: "需现场核查".into(),
            approver: "分管领导".into(),
        };
        case.apply(event("2026-10-09", fine), &rules).unwrap();
        assert!(!case.is_supervised(crate::ident::parse_date("2026-10-12").unwrap(), &calendar));
    }

    #[test]
    fn replay_reports_what_does_not_fit() {
        let calendar = Calendar::china();
        let rules = rules(&calendar);
        let events = [
            event("2026-11-25", EventKind::Submitted),
            event("2026-11-26", EventKind::Accepted),
            event(
                "2026-11-26",
                EventKind::Closed {
                    reason: CloseReason::Duplicate,
                },
            ),
        ];
        let (case, report) = Case::replay(DemandKind::Help, &events, &rules);
        let case = case.unwrap();
        assert_eq!(case.state(), State::ClosedWithoutAction);
        assert_eq!(case.close_reason(), Some(CloseReason::Duplicate));
        assert_eq!(report.findings()[0].path.to_string(), "[1].type");
        let json = serde_json::to_string(&events[1]).unwrap();
        assert_eq!(
            json,
            r#"{"at":"2026-11-26T10:00:00+08:00","actor":"staff","note":null,"type":"accepted"}"#
        );
    }
}
