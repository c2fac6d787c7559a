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
//! assigned | accepted | in_progress: extended (延期), recomputed, urged (督办) keep the state
//! ```
//!
//! **Supervision (督办)** is an event of its own, `urged`: the district office
//! presses the department. It is allowed while the deadline runs (assigned,
//! accepted, in progress), overdue or not — an office may urge a demand before
//! its deadline as well as after — and never changes the state. The lifecycle
//! records how many working days the deadline had passed when it happened
//! (`overdue_days`, absent when it had not).
//!
//! **The revisit (回访)** records the enterprise's verdict. `satisfied` decides
//! the next state (closed, or reopened). Since GB/T 39734-2020 it may carry
//! the rating on its five levels (`satisfaction`) and how the enterprise was
//! reached (`channel`); with a level, `satisfied` follows from it — 非常满意,
//! 满意 and 基本满意 are satisfied, 不满意 and 非常不满意 are not — whatever the
//! caller sent. Histories stored before the levels keep `satisfied` alone.
//!
//! Deadlines are working days ([`Calendar`]). A deadline reckoned or given in
//! a year without a published holiday schedule is **provisional**: the event
//! that set it is recorded with `"provisional": true` and a
//! `calendar_provisional` warning. When the year's schedule is loaded, the
//! deadline stays as recorded until staff record a `recomputed` event: the
//! history is the record, and loading a calendar never rewrites it.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::dictionary::Dictionary;
use super::record::DemandKind;
use crate::calendar::{Calendar, DeadlinePolicy};
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

/// The enterprise's rating at a revisit, on the five levels of GB/T
/// 39734-2020 (政务服务评价工作指南; the 好差评 levels of 国办发〔2019〕51号).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Satisfaction {
    /// 非常满意.
    VerySatisfied,
    /// 满意.
    Satisfied,
    /// 基本满意.
    BasicallySatisfied,
    /// 不满意.
    Dissatisfied,
    /// 非常不满意.
    VeryDissatisfied,
}

impl Satisfaction {
    /// Every level, best first.
    pub const ALL: [Satisfaction; 5] = [
        Satisfaction::VerySatisfied,
        Satisfaction::Satisfied,
        Satisfaction::BasicallySatisfied,
        Satisfaction::Dissatisfied,
        Satisfaction::VeryDissatisfied,
    ];

    /// Whether the level counts as satisfied (a good rating, 好评): the
    /// first three levels. The last two (差评) reopen the demand.
    pub fn is_satisfied(self) -> bool {
        matches!(
            self,
            Satisfaction::VerySatisfied
                | Satisfaction::Satisfied
                | Satisfaction::BasicallySatisfied
        )
    }

    /// The wire name (`very_satisfied`).
    pub fn name(self) -> &'static str {
        match self {
            Satisfaction::VerySatisfied => "very_satisfied",
            Satisfaction::Satisfied => "satisfied",
            Satisfaction::BasicallySatisfied => "basically_satisfied",
            Satisfaction::Dissatisfied => "dissatisfied",
            Satisfaction::VeryDissatisfied => "very_dissatisfied",
        }
    }

    /// The level with this wire name.
    pub fn parse(name: &str) -> Option<Satisfaction> {
        Satisfaction::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// How the enterprise was reached for the revisit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RevisitChannel {
    /// A telephone call (电话回访).
    Phone,
    /// A visit to the enterprise (上门回访).
    Visit,
}

impl RevisitChannel {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            RevisitChannel::Phone => "phone",
            RevisitChannel::Visit => "visit",
        }
    }

    /// The channel with this wire name.
    pub fn parse(name: &str) -> Option<RevisitChannel> {
        [RevisitChannel::Phone, RevisitChannel::Visit]
            .into_iter()
            .find(|c| c.name() == name)
    }
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
        /// The deadline; when absent it is computed from the kind's limit,
        /// and the history records the computed date.
        #[serde(default)]
        deadline: Option<NaiveDate>,
        /// Recorded by the lifecycle: the deadline was computed from the kind's limit.
        #[serde(default, skip_serializing_if = "is_false")]
        computed: bool,
        /// Recorded by the lifecycle: the deadline lies in, or was reckoned
        /// across, a year without a published holiday schedule.
        #[serde(default, skip_serializing_if = "is_false")]
        provisional: bool,
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
        /// Whether the enterprise is satisfied: closes the demand when true,
        /// reopens it when false. With a `satisfaction` level it follows
        /// from the level ([`Satisfaction::is_satisfied`]).
        satisfied: bool,
        /// The rating on the five levels of GB/T 39734 (absent in histories
        /// recorded before the levels).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        satisfaction: Option<Satisfaction>,
        /// How the enterprise was reached.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        channel: Option<RevisitChannel>,
    },
    /// The district office pressed the department (督办): allowed while the
    /// deadline runs, overdue or not; the state does not change.
    Urged {
        /// Recorded by the lifecycle: the working days the deadline had
        /// passed on the day (absent when it had not passed).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        overdue_days: Option<u32>,
    },
    /// The deadline was extended (延期).
    Extended {
        /// The new deadline.
        deadline: NaiveDate,
        /// Why.
        reason: String,
        /// Who approved it.
        approver: String,
        /// Recorded by the lifecycle: the new deadline lies in a year without
        /// a published holiday schedule.
        #[serde(default, skip_serializing_if = "is_false")]
        provisional: bool,
    },
    /// A provisional deadline computed again with the holiday schedules
    /// loaded now (a staff action after a new year's schedule is published).
    Recomputed {
        /// The new deadline; when absent it is computed (the kind's limit from
        /// the same start for a computed deadline, else the first working day
        /// on or after the one in force), and the history records it.
        #[serde(default)]
        deadline: Option<NaiveDate>,
        /// Recorded by the lifecycle: still provisional (its year is still unpublished).
        #[serde(default, skip_serializing_if = "is_false")]
        provisional: bool,
    },
    /// Closed without action.
    Closed {
        /// Why.
        reason: CloseReason,
    },
}

impl EventKind {
    /// An assignment to `department`; without a deadline, the kind's limit
    /// sets it.
    pub fn assigned(department: impl Into<String>, deadline: Option<NaiveDate>) -> EventKind {
        EventKind::Assigned {
            department: department.into(),
            deadline,
            computed: false,
            provisional: false,
        }
    }

    /// An extension (延期) to `deadline`, with its reason and approver.
    pub fn extended(
        deadline: NaiveDate,
        reason: impl Into<String>,
        approver: impl Into<String>,
    ) -> EventKind {
        EventKind::Extended {
            deadline,
            reason: reason.into(),
            approver: approver.into(),
            provisional: false,
        }
    }

    /// A revisit with the enterprise's verdict alone (before the levels).
    pub fn revisited(satisfied: bool) -> EventKind {
        EventKind::Revisited {
            satisfied,
            satisfaction: None,
            channel: None,
        }
    }

    /// A revisit rated on the five levels of GB/T 39734; `satisfied` follows
    /// from the level.
    pub fn rated(satisfaction: Satisfaction, channel: Option<RevisitChannel>) -> EventKind {
        EventKind::Revisited {
            satisfied: satisfaction.is_satisfied(),
            satisfaction: Some(satisfaction),
            channel,
        }
    }

    /// Supervision (督办); the lifecycle records the overdue days.
    pub fn urged() -> EventKind {
        EventKind::Urged { overdue_days: None }
    }

    /// Every event type's wire name, in lifecycle order.
    pub const NAMES: [&'static str; 12] = [
        "submitted",
        "collected",
        "assigned",
        "accepted",
        "returned",
        "started",
        "replied",
        "revisited",
        "extended",
        "recomputed",
        "urged",
        "closed",
    ];

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
            EventKind::Urged { .. } => "urged",
            EventKind::Extended { .. } => "extended",
            EventKind::Recomputed { .. } => "recomputed",
            EventKind::Closed { .. } => "closed",
        }
    }
}

fn is_false(flag: &bool) -> bool {
    !*flag
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

    /// The events this state allows (their wire names), in the order a
    /// form offers them. A `recomputed` event also needs a provisional
    /// deadline: [`Case::allowed_events`] says what a case allows.
    pub const fn events(self) -> &'static [&'static str] {
        match self {
            State::Submitted => &["collected", "assigned", "closed"],
            State::Collected | State::Returned | State::Reopened => &["assigned", "closed"],
            State::Assigned => &["accepted", "returned", "extended", "urged", "recomputed"],
            State::Accepted => &["started", "replied", "extended", "urged", "recomputed"],
            State::InProgress => &["replied", "extended", "urged", "recomputed"],
            State::Replied => &["revisited"],
            State::Closed | State::ClosedWithoutAction => &[],
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
    /// Whether the deadline in force is provisional.
    deadline_provisional: bool,
    /// The day a computed deadline counts from (none for a given one).
    #[serde(skip)]
    deadline_from: Option<NaiveDate>,
    assigned_on: Option<NaiveDate>,
    replied_on: Option<NaiveDate>,
    satisfied: Option<bool>,
    satisfaction: Option<Satisfaction>,
    times_urged: u32,
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
            deadline_provisional: false,
            deadline_from: None,
            assigned_on: None,
            replied_on: None,
            satisfied: None,
            satisfaction: None,
            times_urged: 0,
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
            let found = match case.apply_event(event.clone(), rules, true) {
                Ok(warnings) | Err(warnings) => warnings,
            };
            {
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

    /// Applies one event and answers its warnings (`calendar_provisional`),
    /// or refuses it with findings and changes nothing.
    ///
    /// The history records the event as resolved: an `assigned` or
    /// `recomputed` event without a deadline gets the computed one, and the
    /// `computed` and `provisional` marks are set here, whatever the caller
    /// sent. Store `history().last()`, not the event given.
    pub fn apply(&mut self, event: Event, rules: &Rules<'_>) -> Result<Report, Report> {
        self.apply_event(event, rules, false)
    }

    /// Applies a new event (`recorded` false: the lifecycle's marks are
    /// cleared and set afresh) or one of a stored history (`recorded` true:
    /// the marks are trusted, and a deadline recorded as provisional stands
    /// even if the schedule published since makes it a day off).
    fn apply_event(
        &mut self,
        mut event: Event,
        rules: &Rules<'_>,
        recorded: bool,
    ) -> Result<Report, Report> {
        if !recorded {
            match &mut event.kind {
                EventKind::Assigned {
                    computed,
                    provisional,
                    ..
                } => (*computed, *provisional) = (false, false),
                EventKind::Extended { provisional, .. }
                | EventKind::Recomputed { provisional, .. } => *provisional = false,
                EventKind::Urged { overdue_days } => *overdue_days = None,
                _ => {}
            }
        }
        // A rated revisit: the verdict follows from the level, always.
        if let EventKind::Revisited {
            satisfied,
            satisfaction: Some(level),
            ..
        } = &mut event.kind
        {
            *satisfied = level.is_satisfied();
        }
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
        match &mut event.kind {
            EventKind::Assigned {
                department,
                deadline,
                computed,
                provisional,
            } => {
                let from = if self.assigned_on.is_none() {
                    self.received()
                } else {
                    on
                };
                let recorded = *provisional;
                let (date, reckoned) = match *deadline {
                    Some(date) => (date, *computed),
                    None => {
                        let reckoned = rules.deadlines.reckon(rules.calendar, self.kind, from);
                        if let Some(finding) = reckoned.finding(Path::root().key("deadline")) {
                            report.push(finding);
                        }
                        *provisional = reckoned.provisional();
                        (reckoned.value, true)
                    }
                };
                if deadline.is_some() {
                    *provisional = recorded || rules.calendar.is_provisional(date.year());
                }
                *deadline = Some(date);
                *computed = reckoned;
                self.set_deadline(date, *provisional, reckoned.then_some(from));
                self.department = Some(department.clone());
                self.assigned_on = Some(on);
            }
            EventKind::Extended {
                deadline,
                provisional,
                ..
            } => {
                *provisional |= rules.calendar.is_provisional(deadline.year());
                self.set_deadline(*deadline, *provisional, None);
            }
            EventKind::Recomputed {
                deadline,
                provisional,
            } => {
                let date = match *deadline {
                    Some(date) => {
                        *provisional |= rules.calendar.is_provisional(date.year());
                        date
                    }
                    None => {
                        let current = self.deadline.unwrap_or(on);
                        let reckoned = match self.deadline_from {
                            Some(from) => rules.deadlines.reckon(rules.calendar, self.kind, from),
                            None => rules.calendar.working_day_from(current),
                        };
                        if let Some(finding) = reckoned.finding(Path::root().key("deadline")) {
                            report.push(finding);
                        }
                        *provisional = reckoned.provisional();
                        reckoned.value
                    }
                };
                *deadline = Some(date);
                self.set_deadline(date, *provisional, self.deadline_from);
            }
            EventKind::Replied { .. } => self.replied_on = Some(on),
            EventKind::Revisited {
                satisfied,
                satisfaction,
                ..
            } => {
                self.satisfied = Some(*satisfied);
                self.satisfaction = *satisfaction;
            }
            EventKind::Urged { overdue_days } => {
                if !recorded {
                    *overdue_days = self.overdue_days(on, rules.calendar);
                }
                self.times_urged += 1;
            }
            EventKind::Closed { reason } => self.close_reason = Some(*reason),
            _ => {}
        }
        self.state = next;
        self.history.push(event);
        Ok(report)
    }

    fn set_deadline(&mut self, date: NaiveDate, provisional: bool, from: Option<NaiveDate>) {
        self.deadline = Some(date);
        self.deadline_provisional = provisional;
        self.deadline_from = from;
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
                    computed,
                    provisional,
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
                // A computed deadline of a stored history (only those keep the
                // mark) was the kind's limit then: it stands as recorded.
                if let Some(deadline) = deadline.filter(|_| !computed) {
                    check_deadline(deadline, on, None, *provisional, rules, report);
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
            (
                S::Replied,
                EventKind::Revisited {
                    satisfied: true, ..
                },
            ) => S::Closed,
            (
                S::Replied,
                EventKind::Revisited {
                    satisfied: false, ..
                },
            ) => S::Reopened,
            (S::Assigned | S::Accepted | S::InProgress, EventKind::Urged { .. }) => self.state,
            (
                S::Assigned | S::Accepted | S::InProgress,
                EventKind::Extended {
                    deadline,
                    reason,
                    approver,
                    provisional,
                },
            ) => {
                require(reason, "reason", report);
                require(approver, "approver", report);
                check_deadline(*deadline, on, self.deadline, *provisional, rules, report);
                self.state
            }
            (
                S::Assigned | S::Accepted | S::InProgress,
                EventKind::Recomputed {
                    deadline,
                    provisional,
                },
            ) => {
                if !self.deadline_provisional {
                    report.add(Code::DeadlineNotProvisional, Path::root().key("type"));
                }
                if let Some(deadline) = deadline {
                    check_deadline(*deadline, on, None, *provisional, rules, report);
                }
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

    /// The events this case allows now (wire names, in the order a form
    /// offers them): its state's, without `recomputed` unless the deadline
    /// is provisional.
    pub fn allowed_events(&self) -> Vec<&'static str> {
        self.state
            .events()
            .iter()
            .copied()
            .filter(|&event| event != "recomputed" || self.deadline_provisional)
            .collect()
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
    /// Whether the deadline in force was set in, or reckoned across, a year
    /// without a published holiday schedule (until a `recomputed` event).
    pub fn deadline_provisional(&self) -> bool {
        self.deadline_provisional
    }
    /// The deadline a `recomputed` event would set with this calendar, for a
    /// provisional deadline (none otherwise), marked provisional where it
    /// still is. Nothing changes until the event is recorded.
    pub fn recomputed_deadline(
        &self,
        rules: &Rules<'_>,
    ) -> Option<crate::calendar::Reckoned<NaiveDate>> {
        if !(self.deadline_provisional && self.state.deadline_runs()) {
            return None;
        }
        let current = self.deadline?;
        Some(match self.deadline_from {
            Some(from) => rules.deadlines.reckon(rules.calendar, self.kind, from),
            None => rules.calendar.working_day_from(current),
        })
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
    /// The rating at the last revisit, when it was rated on the levels of GB/T 39734.
    pub fn satisfaction(&self) -> Option<Satisfaction> {
        self.satisfaction
    }
    /// How many times the district office urged the department (督办).
    pub fn times_urged(&self) -> u32 {
        self.times_urged
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

/// Checks a given deadline. One `recorded` as provisional whose year has a
/// published schedule by now is kept as recorded (it fitted the calendar of
/// its day; a `recomputed` event brings it in line).
fn check_deadline(
    deadline: NaiveDate,
    on: NaiveDate,
    current: Option<NaiveDate>,
    recorded_provisional: bool,
    rules: &Rules<'_>,
    report: &mut Report,
) {
    let path = Path::root().key("deadline");
    let working = rules.calendar.check_working_day(deadline);
    let outdated = recorded_provisional && !working.provisional();
    if !working.value && !outdated {
        report.push(
            Finding::new(Code::DeadlineNotWorkingDay, path.clone())
                .with("deadline", deadline.to_string()),
        );
    }
    if let Some(finding) = working.finding(path.clone()) {
        report.push(finding);
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
            event("2026-11-27", EventKind::assigned("traffic_police", None)),
            event(
                "2026-11-27",
                EventKind::Returned {
                    reason: "不属本单位职责".into(),
                },
            ),
            event("2026-11-30", EventKind::assigned("transport_bureau", None)),
            event("2026-11-30", EventKind::Accepted),
            event("2026-12-01", EventKind::Started),
            event(
                "2026-12-03",
                EventKind::Replied {
                    reply: "已调整信号灯配时".into(),
                },
            ),
            event("2026-12-10", EventKind::revisited(false)),
            event("2026-12-11", EventKind::assigned("traffic_police", None)),
            event("2026-12-11", EventKind::Accepted),
            event(
                "2026-12-14",
                EventKind::Replied {
                    reply: "高峰期增派警力疏导".into(),
                },
            ),
            event(
                "2026-12-20",
                EventKind::rated(
                    Satisfaction::BasicallySatisfied,
                    Some(RevisitChannel::Phone),
                ),
            ),
        ];
        for step in steps {
            case.apply(step, &rules).unwrap();
        }
        assert_eq!(case.state(), State::Closed);
        assert_eq!(case.history().len(), 13);
        // The first deadline runs from receipt: 10 working days after 2026-11-25.
        assert_eq!(case.department(), Some("traffic_police"));
        assert_eq!(case.satisfied(), Some(true));
        assert_eq!(case.satisfaction(), Some(Satisfaction::BasicallySatisfied));
        assert_eq!(case.replied_on_time(), Some(true));
    }

    #[test]
    fn a_rated_revisit_decides_by_its_level_and_old_ones_still_read() {
        let calendar = Calendar::china();
        let rules = rules(&calendar);
        let replied = |case: &mut Case| {
            for step in [
                event("2026-11-26", EventKind::assigned("tax_bureau", None)),
                event("2026-11-26", EventKind::Accepted),
                event("2026-11-27", EventKind::Replied { reply: "r".into() }),
            ] {
                case.apply(step, &rules).unwrap();
            }
        };
        let mut case = Case::submitted(DemandKind::Help, at("2026-11-25"), "enterprise");
        replied(&mut case);
        // The caller says "satisfied", the level says otherwise: the level wins.
        let contradicting = EventKind::Revisited {
            satisfied: true,
            satisfaction: Some(Satisfaction::Dissatisfied),
            channel: Some(RevisitChannel::Visit),
        };
        case.apply(event("2026-11-30", contradicting), &rules)
            .unwrap();
        assert_eq!(case.state(), State::Reopened);
        assert_eq!(case.satisfied(), Some(false));
        let recorded = serde_json::to_value(case.history().last().unwrap()).unwrap();
        assert_eq!(recorded["satisfied"], false);
        assert_eq!(recorded["satisfaction"], "dissatisfied");
        assert_eq!(recorded["channel"], "visit");

        // A revisit stored before the levels: `satisfied` alone, no new keys written.
        let old: Event = serde_json::from_str(
            r#"{"at":"2026-11-30T10:00:00+08:00","actor":"staff","type":"revisited","satisfied":true}"#,
        )
        .unwrap();
        assert_eq!(old.kind, EventKind::revisited(true));
        assert!(!serde_json::to_string(&old)
            .unwrap()
            .contains("satisfaction"));
        let mut case = Case::submitted(DemandKind::Help, at("2026-11-25"), "enterprise");
        replied(&mut case);
        case.apply(old, &rules).unwrap();
        assert_eq!(case.state(), State::Closed);
        assert_eq!(case.satisfaction(), None);
        assert!(
            Satisfaction::ALL
                .iter()
                .filter(|s| s.is_satisfied())
                .count()
                == 3
        );
        for level in Satisfaction::ALL {
            assert_eq!(Satisfaction::parse(level.name()), Some(level));
        }
    }

    #[test]
    fn urging_runs_with_the_deadline_and_records_the_overdue_days() {
        let calendar = Calendar::china();
        let rules = rules(&calendar);
        let mut case = Case::submitted(DemandKind::Consultation, at("2026-09-29"), "enterprise");
        // Nothing to urge before a department has it.
        assert!(case
            .apply(event("2026-09-29", EventKind::urged()), &rules)
            .unwrap_err()
            .has(Code::IllegalTransition));
        case.apply(
            event("2026-09-29", EventKind::assigned("tax_bureau", None)),
            &rules,
        )
        .unwrap();
        // Before the deadline (2026-10-08): allowed, nothing overdue recorded.
        case.apply(event("2026-09-30", EventKind::urged()), &rules)
            .unwrap();
        assert_eq!(
            case.history().last().unwrap().kind,
            EventKind::Urged { overdue_days: None }
        );
        // After it, whatever the caller claims, the lifecycle counts the days.
        let claimed = EventKind::Urged {
            overdue_days: Some(99),
        };
        case.apply(event("2026-10-12", claimed), &rules).unwrap();
        assert_eq!(
            case.history().last().unwrap().kind,
            EventKind::Urged {
                overdue_days: Some(3)
            }
        );
        assert_eq!(case.state(), State::Assigned);
        assert_eq!(case.times_urged(), 2);
        case.apply(event("2026-10-12", EventKind::Accepted), &rules)
            .unwrap();
        case.apply(
            event("2026-10-13", EventKind::Replied { reply: "r".into() }),
            &rules,
        )
        .unwrap();
        assert!(case
            .apply(event("2026-10-14", EventKind::urged()), &rules)
            .unwrap_err()
            .has(Code::IllegalTransition));
        assert_eq!(EventKind::NAMES.len(), 12);
        assert!(EventKind::NAMES.contains(&EventKind::urged().name()));
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
                event("2026-11-26", EventKind::assigned("nobody", None)),
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
            event("2026-09-29", EventKind::assigned("tax_bureau", None)),
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

        let no_reason =
            EventKind::extended(crate::ident::parse_date("2026-10-15").unwrap(), " ", "");
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
        let weekend = EventKind::extended(
            crate::ident::parse_date("2026-10-11").unwrap(),
            "需现场核查",
            "分管领导",
        );
        assert!(case
            .apply(event("2026-10-09", weekend), &rules)
            .unwrap_err()
            .has(Code::DeadlineNotWorkingDay));
        let earlier = EventKind::extended(
            crate::ident::parse_date("2026-10-08").unwrap(),
            "需现场核查",
            "分管领导",
        );
        assert!(case
            .apply(event("2026-10-09", earlier), &rules)
            .unwrap_err()
            .has(Code::DeadlineNotLater));
        let fine = EventKind::extended(
            crate::ident::parse_date("2026-10-15").unwrap(),
            "需现场核查",
            "分管领导",
        );
        case.apply(event("2026-10-09", fine), &rules).unwrap();
        assert!(!case.is_supervised(crate::ident::parse_date("2026-10-12").unwrap(), &calendar));
    }

    /// A 2027 notice of a test: New Year off 1–4 January.
    const Y2027: &str = r#"{"year": 2027, "source": "a test notice",
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-04"},
                     {"name": "春节", "from": "2027-02-05", "to": "2027-02-11"},
                     {"name": "清明节", "from": "2027-04-05", "to": "2027-04-05"},
                     {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-05"},
                     {"name": "端午节", "from": "2027-06-09", "to": "2027-06-09"},
                     {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-15"},
                     {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}],
        "workdays": []}"#;

    #[test]
    fn a_provisional_deadline_stands_until_recomputed() {
        let d = |text: &str| crate::ident::parse_date(text).unwrap();
        let calendar = Calendar::china();
        let rules = rules(&calendar);
        let mut case = Case::submitted(DemandKind::Consultation, at("2026-12-30"), "enterprise");
        let warnings = case
            .apply(
                event("2026-12-30", EventKind::assigned("tax_bureau", None)),
                &rules,
            )
            .unwrap();
        assert_eq!(case.deadline(), Some(d("2027-01-04")));
        assert!(case.deadline_provisional());
        assert!(warnings.has(Code::CalendarProvisional) && warnings.is_valid());
        // The history records the date and the marks, not the request.
        let recorded = serde_json::to_value(case.history().last().unwrap()).unwrap();
        assert_eq!(recorded["deadline"], "2027-01-04");
        assert_eq!(recorded["computed"], true);
        assert_eq!(recorded["provisional"], true);
        // Nothing to recompute while 2027 is unpublished: the same date comes back.
        assert_eq!(
            case.recomputed_deadline(&rules).unwrap().value,
            d("2027-01-04")
        );

        // The 2027 schedule is loaded: 4 January turns out to be a day off.
        let mut published = Calendar::china();
        published.load_year(Y2027).unwrap();
        let rules = super::Rules {
            calendar: &published,
            ..rules
        };
        let (replayed, report) = Case::replay(DemandKind::Consultation, case.history(), &rules);
        let mut replayed = replayed.unwrap();
        assert!(
            report.is_empty(),
            "the recorded deadline stands: {report:?}"
        );
        assert_eq!(replayed.deadline(), Some(d("2027-01-04")));
        assert!(replayed.deadline_provisional());
        let proposal = replayed.recomputed_deadline(&rules).unwrap();
        assert_eq!(
            (proposal.value, proposal.provisional()),
            (d("2027-01-05"), false)
        );

        // Staff recompute it: an event of its own.
        let warnings = replayed
            .apply(
                event(
                    "2027-01-02",
                    EventKind::Recomputed {
                        deadline: None,
                        provisional: true,
                    },
                ),
                &rules,
            )
            .unwrap();
        assert!(warnings.is_empty());
        assert_eq!(replayed.deadline(), Some(d("2027-01-05")));
        assert!(!replayed.deadline_provisional());
        assert_eq!(replayed.history().len(), 3);
        assert!(replayed.recomputed_deadline(&rules).is_none());
        let again = replayed
            .apply(
                event(
                    "2027-01-02",
                    EventKind::Recomputed {
                        deadline: None,
                        provisional: false,
                    },
                ),
                &rules,
            )
            .unwrap_err();
        assert!(again.has(Code::DeadlineNotProvisional));

        // A deadline typed into the unpublished year is provisional too, and a
        // caller cannot mark a day off as "recorded provisional" to slip it through.
        let mut typed = Case::submitted(DemandKind::Help, at("2026-12-01"), "enterprise");
        let holiday = EventKind::Assigned {
            department: "tax_bureau".into(),
            deadline: Some(d("2026-10-01")),
            computed: true,
            provisional: true,
        };
        assert!(typed
            .apply(event("2026-12-01", holiday), &rules)
            .unwrap_err()
            .has(Code::DeadlineNotWorkingDay));
        let warnings = typed
            .apply(
                event(
                    "2026-12-01",
                    EventKind::assigned("tax_bureau", Some(d("2028-01-10"))),
                ),
                &rules,
            )
            .unwrap();
        assert!(warnings.has(Code::CalendarProvisional));
        assert!(typed.deadline_provisional());
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
