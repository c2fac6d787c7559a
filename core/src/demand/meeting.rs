//! The joint meeting (联席会议): its agenda built from the collected demands,
//! its minutes as assignments, the follow-up list after it, and statistics
//! like the seed's ("100+ enterprises helped, 550+ demands solved").

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

use super::classify::Classifier;
use super::lifecycle::{Case, Event, EventKind, State};
use super::record::{Demand, Urgency};
use crate::calendar::Calendar;

/// A demand with its lifecycle, as the host stores them.
#[derive(Debug, Clone)]
pub struct Tracked<'a> {
    /// The host's id of the demand.
    pub id: &'a str,
    /// The validated demand.
    pub demand: &'a Demand,
    /// Its lifecycle.
    pub case: &'a Case,
}

impl Tracked<'_> {
    /// The topic: as chosen, or else the classifier's suggestion.
    fn topic(&self, classifier: &Classifier<'_>) -> String {
        match &self.demand.topic {
            Some(topic) => topic.clone(),
            None => {
                classifier
                    .classify(&self.demand.title, &self.demand.description)
                    .topic
            }
        }
    }
}

/// One demand on the agenda.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaItem {
    /// Demand id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Enterprise name.
    pub enterprise: String,
    /// Urgency.
    pub urgency: Urgency,
    /// Working days since receipt.
    pub age_working_days: u32,
    /// The count reaches into a year without a published holiday schedule.
    pub age_provisional: bool,
    /// The department the topic suggests.
    pub suggested_department: String,
}

/// Demands of one chain and topic, for one department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgendaGroup {
    /// Chain id (`none` for demands not raised through a chain).
    pub chain: String,
    /// Topic id.
    pub topic: String,
    /// The department the topic suggests.
    pub department: String,
    /// The demands, urgent first, then oldest first.
    pub items: Vec<AgendaItem>,
}

/// Builds the agenda from the demands collected for the meeting: grouped by
/// chain, topic and department; urgent and old groups first.
pub fn agenda(
    demands: &[Tracked<'_>],
    classifier: &Classifier<'_>,
    calendar: &Calendar,
    today: NaiveDate,
) -> Vec<AgendaGroup> {
    let mut groups: BTreeMap<(String, String, String), Vec<AgendaItem>> = BTreeMap::new();
    for t in demands
        .iter()
        .filter(|t| t.case.state() == State::Collected)
    {
        let topic = t.topic(classifier);
        let department = classifier
            .departments_of(&topic)
            .first()
            .cloned()
            .unwrap_or_default();
        let age = calendar.count_working_days(t.case.received(), today);
        let item = AgendaItem {
            id: t.id.to_owned(),
            title: t.demand.title.clone(),
            enterprise: t.demand.enterprise_name.clone(),
            urgency: t.demand.urgency,
            age_working_days: age.value,
            age_provisional: age.provisional(),
            suggested_department: department.clone(),
        };
        let chain = t.demand.chain.clone().unwrap_or_else(|| "none".to_owned());
        groups
            .entry((chain, topic, department))
            .or_default()
            .push(item);
    }
    let urgency_rank = |u: Urgency| u8::from(u == Urgency::Normal);
    let mut out: Vec<AgendaGroup> = groups
        .into_iter()
        .map(|((chain, topic, department), mut items)| {
            items.sort_by(|a, b| {
                (
                    urgency_rank(a.urgency),
                    std::cmp::Reverse(a.age_working_days),
                    &a.id,
                )
                    .cmp(&(
                        urgency_rank(b.urgency),
                        std::cmp::Reverse(b.age_working_days),
                        &b.id,
                    ))
            });
            AgendaGroup {
                chain,
                topic,
                department,
                items,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let key = |g: &AgendaGroup| {
            (
                urgency_rank(g.items[0].urgency),
                std::cmp::Reverse(g.items[0].age_working_days),
            )
        };
        key(a)
            .cmp(&key(b))
            .then_with(|| (&a.chain, &a.topic).cmp(&(&b.chain, &b.topic)))
    });
    out
}

/// One decision of the meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Assignment {
    /// Demand id.
    pub id: String,
    /// Responsible department.
    pub department: String,
    /// A deadline other than the kind's limit, if the meeting set one.
    pub deadline: Option<NaiveDate>,
    /// The meeting's note.
    pub note: Option<String>,
}

/// The minutes of a meeting: its decisions, recorded as assignment events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Minutes {
    /// Which meeting.
    pub meeting: String,
    /// When it was held.
    pub held_at: DateTime<FixedOffset>,
    /// Who recorded the minutes.
    pub recorder: String,
    /// The decisions.
    pub assignments: Vec<Assignment>,
}

impl Minutes {
    /// The events the minutes add to each demand's history.
    pub fn events(&self) -> Vec<(String, Event)> {
        self.assignments
            .iter()
            .map(|a| {
                let note = a
                    .note
                    .clone()
                    .or_else(|| Some(format!("{}议定", self.meeting)));
                let kind = EventKind::assigned(a.department.clone(), a.deadline);
                (
                    a.id.clone(),
                    Event {
                        at: self.held_at,
                        actor: self.recorder.clone(),
                        note,
                        kind,
                    },
                )
            })
            .collect()
    }
}

/// What to follow up after the meeting.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUp {
    /// With a department, deadline running, not overdue.
    pub open: Vec<FollowUpItem>,
    /// Past the deadline: under supervision (督办).
    pub overdue: Vec<FollowUpItem>,
    /// Returned or reopened: to be assigned again.
    pub to_reassign: Vec<FollowUpItem>,
    /// Replied, waiting for the revisit (回访).
    pub awaiting_revisit: Vec<FollowUpItem>,
}

/// One line of the follow-up list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FollowUpItem {
    /// Demand id.
    pub id: String,
    /// Title.
    pub title: String,
    /// State.
    pub state: State,
    /// Department.
    pub department: Option<String>,
    /// Deadline.
    pub deadline: Option<NaiveDate>,
    /// The deadline is provisional (see [`Case::deadline_provisional`]).
    pub deadline_provisional: bool,
    /// Working days past the deadline.
    pub overdue_days: Option<u32>,
}

/// The follow-up list on `today`.
pub fn follow_up(demands: &[Tracked<'_>], calendar: &Calendar, today: NaiveDate) -> FollowUp {
    let mut list = FollowUp {
        open: Vec::new(),
        overdue: Vec::new(),
        to_reassign: Vec::new(),
        awaiting_revisit: Vec::new(),
    };
    for t in demands {
        let item = FollowUpItem {
            id: t.id.to_owned(),
            title: t.demand.title.clone(),
            state: t.case.state(),
            department: t.case.department().map(str::to_owned),
            deadline: t.case.deadline(),
            deadline_provisional: t.case.deadline_provisional(),
            overdue_days: t.case.overdue_days(today, calendar),
        };
        match t.case.state() {
            _ if item.overdue_days.is_some() => list.overdue.push(item),
            s if s.deadline_runs() => list.open.push(item),
            State::Returned | State::Reopened => list.to_reassign.push(item),
            State::Replied => list.awaiting_revisit.push(item),
            _ => {}
        }
    }
    list.overdue.sort_by(|a, b| {
        b.overdue_days
            .cmp(&a.overdue_days)
            .then_with(|| a.id.cmp(&b.id))
    });
    list.open
        .sort_by(|a, b| a.deadline.cmp(&b.deadline).then_with(|| a.id.cmp(&b.id)));
    list
}

/// Statistics of a period, like the seed's.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Statistics {
    /// Demands counted.
    pub demands: u64,
    /// Distinct enterprises with at least one demand resolved (closed satisfied).
    pub enterprises_helped: u64,
    /// Demands resolved (closed satisfied).
    pub resolved: u64,
    /// Per state.
    pub by_state: BTreeMap<String, u64>,
    /// Per topic (chosen or suggested).
    pub by_topic: BTreeMap<String, u64>,
    /// Per responsible department (once assigned).
    pub by_department: BTreeMap<String, u64>,
    /// Replies on or before the deadline ÷ replies; `null` without replies.
    pub on_time_rate: Option<f64>,
    /// Satisfied ÷ revisited; `null` without revisits.
    pub satisfaction_rate: Option<f64>,
}

/// Statistics over these demands.
pub fn statistics(demands: &[Tracked<'_>], classifier: &Classifier<'_>) -> Statistics {
    let mut stats = Statistics {
        demands: demands.len() as u64,
        enterprises_helped: 0,
        resolved: 0,
        by_state: BTreeMap::new(),
        by_topic: BTreeMap::new(),
        by_department: BTreeMap::new(),
        on_time_rate: None,
        satisfaction_rate: None,
    };
    let mut helped = BTreeSet::new();
    let (mut replies, mut on_time, mut revisits, mut satisfied) = (0u64, 0u64, 0u64, 0u64);
    for t in demands {
        *stats
            .by_state
            .entry(t.case.state().name().to_owned())
            .or_default() += 1;
        *stats.by_topic.entry(t.topic(classifier)).or_default() += 1;
        if let Some(department) = t.case.department() {
            *stats
                .by_department
                .entry(department.to_owned())
                .or_default() += 1;
        }
        if let Some(ok) = t.case.replied_on_time() {
            replies += 1;
            on_time += u64::from(ok);
        }
        if let Some(s) = t.case.satisfied() {
            revisits += 1;
            satisfied += u64::from(s);
        }
        if t.case.state() == State::Closed {
            stats.resolved += 1;
            helped.insert(t.demand.enterprise_uscc.clone());
        }
    }
    stats.enterprises_helped = helped.len() as u64;
    let rate =
        |n: u64, d: u64| (d > 0).then(|| (n as f64 / d as f64 * 10_000.0).round() / 10_000.0);
    stats.on_time_rate = rate(on_time, replies);
    stats.satisfaction_rate = rate(satisfied, revisits);
    stats
}
