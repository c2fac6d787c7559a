//! The figures of the headline report as a mergeable tally: records go in as
//! typed facts, each figure keeps the sets it counts, and two tallies of
//! disjoint slices of a district merge into the tally of the whole.
//!
//! An enterprise counts once in every figure, however many chains, visits,
//! demands and activities name it: the figures count sets keyed by the
//! normalised USCC, never rows. Dates are days in China time; a fact dated
//! after `as_of` is left out, and so is every event after it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::report::{
    ChainEnterprises, ChainOutput, Count, DemandsResolved, Figures, Headline, KeyEnterprisesHelped,
    Lists, PartyOrgName, Period, Relending, SeriesSessions,
};
use super::wording;
use crate::demand::{Event, EventKind};

/// The series whose activities `series_sessions` counts (党群助企行).
pub const SESSIONS_SERIES: &str = "dangqun_zhuqi";
/// The activity kind whose enterprises `matchmaking_enterprises` counts (银企对接).
pub const MATCHMAKING_KIND: &str = "bank_enterprise_matchmaking";
/// The pairing kind `chains_with_alliance` counts (产学研联盟).
pub const ALLIANCE_KIND: &str = "alliance";
/// The origin channel of a demand that names none.
pub const DEFAULT_CHANNEL: &str = "portal";

/// China Standard Time, UTC+8: the days of a period are days there.
const CHINA: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("+08:00 is a valid offset"),
};

/// The day of a time in China (a time given at another offset is moved).
pub fn china_day(at: DateTime<FixedOffset>) -> NaiveDate {
    at.with_timezone(&CHINA).date_naive()
}

/// What the figures are counted for: the period `[from, to]` (both ends
/// included), the day the data is taken as of, and the programme whose key
/// enterprises and demands are counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// Records and events dated after this day are left out.
    pub as_of: NaiveDate,
    /// The programme, when the district has one.
    pub programme: Option<ProgrammeScope>,
}

/// A programme as the figures need it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgrammeScope {
    /// Its id (demands name it in `origin.programme`).
    pub id: String,
    /// The normalised USCCs of its key-enterprise list.
    pub key_enterprises: BTreeSet<String>,
}

impl Scope {
    /// Whether a day counts: in the period and not after `as_of`.
    pub fn counts(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to && day <= self.as_of
    }

    fn is_key(&self, uscc: &str) -> bool {
        self.programme
            .as_ref()
            .is_some_and(|p| p.key_enterprises.contains(uscc))
    }

    fn is_programme(&self, id: Option<&str>) -> bool {
        match (&self.programme, id) {
            (Some(programme), Some(id)) => programme.id == id,
            _ => false,
        }
    }
}

/// A valid enrollment row.
#[derive(Debug, Clone, PartialEq)]
pub struct EnrollmentFact {
    /// Normalised USCC.
    pub uscc: String,
    /// The day it joined.
    pub joined_on: NaiveDate,
    /// Annual output value in 万元, when the row gives one.
    pub output_wan: Option<f64>,
    /// Its Party organization when the status is `own` or `joint`.
    pub party_org: Option<PartyOrgName>,
    /// The row's place in the roster (its line): a later row wins a tie of
    /// `joined_on`.
    pub order: u64,
}

/// A valid demand with its history.
#[derive(Debug, Clone, PartialEq)]
pub struct DemandFact {
    /// The demand's id.
    pub id: String,
    /// Normalised USCC of the enterprise.
    pub uscc: String,
    /// The day it was submitted (China time).
    pub submitted_on: NaiveDate,
    /// Its origin channel (`portal` when it names none).
    pub channel: String,
    /// The programme its origin names.
    pub programme: Option<String>,
    /// The days of its `replied` events.
    pub replied_on: Vec<NaiveDate>,
    /// The days of its satisfied `revisited` events.
    pub resolved_on: Vec<NaiveDate>,
}

impl DemandFact {
    /// The fact of a demand from its lifecycle history (`replied` and
    /// satisfied `revisited` events, their days in China time).
    pub fn from_history(
        id: impl Into<String>,
        uscc: impl Into<String>,
        submitted_at: DateTime<FixedOffset>,
        channel: Option<&str>,
        programme: Option<&str>,
        history: &[Event],
    ) -> DemandFact {
        let mut fact = DemandFact {
            id: id.into(),
            uscc: uscc.into(),
            submitted_on: china_day(submitted_at),
            channel: channel.unwrap_or(DEFAULT_CHANNEL).to_owned(),
            programme: programme.map(str::to_owned),
            replied_on: Vec::new(),
            resolved_on: Vec::new(),
        };
        for event in history {
            match event.kind {
                EventKind::Replied { .. } => fact.replied_on.push(china_day(event.at)),
                EventKind::Revisited {
                    satisfied: true, ..
                } => fact.resolved_on.push(china_day(event.at)),
                _ => {}
            }
        }
        fact
    }
}

/// A valid visit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VisitFact {
    /// Normalised USCC of the enterprise visited.
    pub uscc: String,
    /// The day of the visit (China time).
    pub visited_on: NaiveDate,
}

/// A valid activity.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityFact {
    /// Its id.
    pub id: String,
    /// Its series id, if any.
    pub series: Option<String>,
    /// Its kind id.
    pub kind: String,
    /// Whether its status is `held` or `recorded`.
    pub held: bool,
    /// The day it starts (China time).
    pub starts_on: NaiveDate,
    /// Normalised USCCs of the enterprises present.
    pub enterprises_present: Vec<String>,
    /// Its `disbursed` financing lines.
    pub disbursed: Vec<Disbursement>,
}

/// One `disbursed` financing line.
#[derive(Debug, Clone, PartialEq)]
pub struct Disbursement {
    /// Normalised USCC of the borrower.
    pub uscc: String,
    /// Amount in 万元.
    pub amount_wan: f64,
    /// The day of the line.
    pub on: NaiveDate,
}

/// A valid pairing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PairingFact {
    /// Its kind (`alliance`, …).
    pub kind: String,
    /// Its chain id.
    pub chain: String,
    /// The day it was signed.
    pub signed_on: NaiveDate,
    /// The last day it is valid, if limited.
    pub valid_until: Option<NaiveDate>,
    /// Whether its status is `ended`.
    pub ended: bool,
}

/// What one enterprise's rows say of its output.
#[derive(Debug, Clone, PartialEq)]
struct Output {
    /// `(joined_on, order, value)` of the latest row with a value.
    latest: Option<(NaiveDate, u64, i128)>,
    /// The distinct values its rows give, in yuan.
    values: BTreeSet<i128>,
}

/// The figures' tally over one slice of a district (see the module).
#[derive(Debug, Clone, PartialEq)]
pub struct Tally {
    scope: Scope,
    enterprises: BTreeMap<String, Output>,
    party_orgs: BTreeSet<PartyOrgName>,
    sessions: BTreeMap<String, String>,
    resolved: BTreeMap<String, (String, String)>,
    completed: BTreeSet<String>,
    served: BTreeSet<String>,
    relending: BTreeSet<String>,
    relending_yuan: i128,
    matchmaking: BTreeSet<String>,
    alliances: BTreeSet<String>,
}

/// Two tallies of different scopes cannot be merged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the tallies count different periods, days or programmes")]
pub struct ScopeMismatch;

impl Tally {
    /// An empty tally.
    pub fn new(scope: Scope) -> Tally {
        Tally {
            scope,
            enterprises: BTreeMap::new(),
            party_orgs: BTreeSet::new(),
            sessions: BTreeMap::new(),
            resolved: BTreeMap::new(),
            completed: BTreeSet::new(),
            served: BTreeSet::new(),
            relending: BTreeSet::new(),
            relending_yuan: 0,
            matchmaking: BTreeSet::new(),
            alliances: BTreeSet::new(),
        }
    }

    /// The scope counted.
    pub fn scope(&self) -> &Scope {
        &self.scope
    }

    /// Counts a valid enrollment row joined on or before `as_of`.
    pub fn add_enrollment(&mut self, row: &EnrollmentFact) {
        if row.joined_on > self.scope.as_of {
            return;
        }
        let output = self
            .enterprises
            .entry(row.uscc.clone())
            .or_insert_with(|| Output {
                latest: None,
                values: BTreeSet::new(),
            });
        if let Some(value) = row.output_wan.filter(|v| v.is_finite()) {
            let yuan = yuan(value);
            output.values.insert(yuan);
            let candidate = (row.joined_on, row.order, yuan);
            if output
                .latest
                .is_none_or(|l| (l.0, l.1) < (row.joined_on, row.order))
            {
                output.latest = Some(candidate);
            }
        }
        if let Some(org) = &row.party_org {
            self.party_orgs.insert(org.clone());
        }
    }

    /// Counts a valid demand submitted on or before `as_of`; its events
    /// after `as_of` are ignored.
    pub fn add_demand(&mut self, demand: &DemandFact) {
        let scope = &self.scope;
        if demand.submitted_on > scope.as_of {
            return;
        }
        let key = scope.is_key(&demand.uscc);
        if key && scope.counts(demand.submitted_on) {
            self.served.insert(demand.uscc.clone());
        }
        if !(key || scope.is_programme(demand.programme.as_deref())) {
            return;
        }
        if demand.resolved_on.iter().any(|&day| scope.counts(day)) {
            self.resolved.insert(
                demand.id.clone(),
                (demand.uscc.clone(), demand.channel.clone()),
            );
        }
        if demand.replied_on.iter().any(|&day| scope.counts(day)) {
            self.completed.insert(demand.id.clone());
        }
    }

    /// Counts a valid visit (a key enterprise visited in the period is served).
    pub fn add_visit(&mut self, visit: &VisitFact) {
        if self.scope.counts(visit.visited_on) && self.scope.is_key(&visit.uscc) {
            self.served.insert(visit.uscc.clone());
        }
    }

    /// Counts a valid activity starting on or before `as_of`.
    pub fn add_activity(&mut self, activity: &ActivityFact) {
        let scope = &self.scope;
        if activity.starts_on > scope.as_of {
            return;
        }
        let in_period = activity.held && scope.counts(activity.starts_on);
        if in_period && activity.series.as_deref() == Some(SESSIONS_SERIES) {
            self.sessions
                .insert(activity.id.clone(), activity.kind.clone());
        }
        if in_period && activity.kind == MATCHMAKING_KIND {
            self.matchmaking
                .extend(activity.enterprises_present.iter().cloned());
        }
        for line in &activity.disbursed {
            if scope.counts(line.on) {
                self.relending.insert(line.uscc.clone());
                self.relending_yuan = self.relending_yuan.saturating_add(yuan(line.amount_wan));
            }
        }
    }

    /// Counts a valid pairing: an `alliance` active on `as_of` (signed on or
    /// before it, valid until it or later, not ended) counts its chain.
    pub fn add_pairing(&mut self, pairing: &PairingFact) {
        let as_of = self.scope.as_of;
        let active = pairing.signed_on <= as_of
            && pairing.valid_until.is_none_or(|until| until >= as_of)
            && !pairing.ended;
        if pairing.kind == ALLIANCE_KIND && active {
            self.alliances.insert(pairing.chain.clone());
        }
    }

    /// Adds the tally of another slice of the same scope. Slices are
    /// disjoint (no record in both); the merged tally is then the tally of
    /// their union, whatever the order of merging.
    pub fn merge(&mut self, other: Tally) -> Result<(), ScopeMismatch> {
        if other.scope != self.scope {
            return Err(ScopeMismatch);
        }
        for (uscc, theirs) in other.enterprises {
            match self.enterprises.get_mut(&uscc) {
                None => {
                    self.enterprises.insert(uscc, theirs);
                }
                Some(ours) => {
                    ours.values.extend(theirs.values);
                    ours.latest = match (ours.latest, theirs.latest) {
                        (Some(a), Some(b)) => Some(if (b.0, b.1) > (a.0, a.1) { b } else { a }),
                        (a, b) => a.or(b),
                    };
                }
            }
        }
        self.party_orgs.extend(other.party_orgs);
        self.sessions.extend(other.sessions);
        self.resolved.extend(other.resolved);
        self.completed.extend(other.completed);
        self.served.extend(other.served);
        self.relending.extend(other.relending);
        self.relending_yuan = self.relending_yuan.saturating_add(other.relending_yuan);
        self.matchmaking.extend(other.matchmaking);
        self.alliances.extend(other.alliances);
        Ok(())
    }

    /// The figures and their lists.
    pub fn report(&self) -> Headline {
        let scope = &self.scope;
        let enterprises = self.enterprises.len() as u64;
        let output_yuan: i128 = self
            .enterprises
            .values()
            .filter_map(|o| o.latest.map(|l| l.2))
            .fold(0, i128::saturating_add);
        let output_wan = wan(output_yuan);
        let missing: Vec<String> = self
            .enterprises
            .iter()
            .filter(|(_, o)| o.latest.is_none())
            .map(|(u, _)| u.clone())
            .collect();
        let conflicts: Vec<String> = self
            .enterprises
            .iter()
            .filter(|(_, o)| o.values.len() > 1)
            .map(|(u, _)| u.clone())
            .collect();
        let mut by_kind = BTreeMap::new();
        for kind in self.sessions.values() {
            *by_kind.entry(kind.clone()).or_insert(0u64) += 1;
        }
        let mut by_channel = BTreeMap::new();
        let mut helped = BTreeSet::new();
        for (uscc, channel) in self.resolved.values() {
            *by_channel.entry(channel.clone()).or_insert(0u64) += 1;
            if scope.is_key(uscc) {
                helped.insert(uscc.clone());
            }
        }
        let key_enterprises = scope
            .programme
            .as_ref()
            .map_or(0, |p| p.key_enterprises.len()) as u64;
        let relending_wan = wan(self.relending_yuan);
        let figures = Figures {
            chain_enterprises: ChainEnterprises {
                value: enterprises,
                approx: wording::count(enterprises, "家"),
                party_orgs: self.party_orgs.len() as u64,
            },
            chain_output: ChainOutput {
                value_wan: output_wan,
                value_yi: output_yuan as f64 / 100_000_000.0,
                approx: wording::amount_wan(output_wan),
                missing: missing.len() as u64,
                conflicts: conflicts.len() as u64,
            },
            series_sessions: SeriesSessions {
                value: self.sessions.len() as u64,
                approx: wording::count(self.sessions.len() as u64, "场"),
                by_kind,
            },
            key_enterprises_helped: KeyEnterprisesHelped {
                value: helped.len() as u64,
                approx: wording::count(helped.len() as u64, "家"),
                key_enterprises,
                served: self.served.len() as u64,
            },
            demands_resolved: DemandsResolved {
                value: self.resolved.len() as u64,
                approx: wording::count(self.resolved.len() as u64, "项"),
                completed: self.completed.len() as u64,
                by_channel,
            },
            relending: Relending {
                enterprises: self.relending.len() as u64,
                amount_wan: relending_wan,
                approx: wording::amount_wan(relending_wan),
                enterprises_approx: wording::count(self.relending.len() as u64, "家"),
            },
            matchmaking_enterprises: Count::of(self.matchmaking.len(), "家"),
            chains_with_alliance: Count::of(self.alliances.len(), "个"),
        };
        let lists = Lists {
            chain_enterprises: self.enterprises.keys().cloned().collect(),
            party_orgs: self.party_orgs.iter().cloned().collect(),
            chain_output_missing: missing,
            chain_output_conflicts: conflicts,
            series_sessions: self.sessions.keys().cloned().collect(),
            key_enterprises_helped: helped.into_iter().collect(),
            key_enterprises_served: self.served.iter().cloned().collect(),
            demands_resolved: self.resolved.keys().cloned().collect(),
            demands_completed: self.completed.iter().cloned().collect(),
            relending: self.relending.iter().cloned().collect(),
            matchmaking_enterprises: self.matchmaking.iter().cloned().collect(),
            chains_with_alliance: self.alliances.iter().cloned().collect(),
        };
        Headline {
            period: Period {
                from: scope.from,
                to: scope.to,
            },
            as_of: scope.as_of,
            programme: scope.programme.as_ref().map(|p| p.id.clone()),
            figures,
            lists,
        }
    }
}

/// 万元 in whole yuan (four decimals of 万), saturating.
fn yuan(wan: f64) -> i128 {
    let yuan = (wan * 10_000.0).round();
    if yuan.is_nan() {
        0
    } else {
        // `as` saturates at the bounds of i128.
        yuan as i128
    }
}

/// Whole yuan in 万元.
fn wan(yuan: i128) -> f64 {
    yuan as f64 / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::ident::parse_date(text).unwrap()
    }

    fn scope() -> Scope {
        Scope {
            from: day("2026-01-01"),
            to: day("2026-12-31"),
            as_of: day("2026-12-31"),
            programme: Some(ProgrammeScope {
                id: "wanming-2026".into(),
                key_enterprises: ["K1", "K2", "K3"].map(String::from).into(),
            }),
        }
    }

    fn row(uscc: &str, joined: &str, output: Option<f64>, order: u64) -> EnrollmentFact {
        EnrollmentFact {
            uscc: uscc.into(),
            joined_on: day(joined),
            output_wan: output,
            party_org: None,
            order,
        }
    }

    #[test]
    fn output_is_the_latest_row_with_a_value_and_conflicts_are_counted() {
        let mut tally = Tally::new(scope());
        tally.add_enrollment(&row("A", "2026-01-01", Some(100.0), 1));
        tally.add_enrollment(&row("A", "2026-03-01", Some(120.0), 2));
        tally.add_enrollment(&row("A", "2026-02-01", None, 3));
        // A tie of days: the later line wins.
        tally.add_enrollment(&row("B", "2026-01-01", Some(5.0), 4));
        tally.add_enrollment(&row("B", "2026-01-01", Some(7.0), 5));
        tally.add_enrollment(&row("C", "2026-01-01", None, 6));
        // Joined after as_of: left out.
        tally.add_enrollment(&row("D", "2027-01-01", Some(1.0), 7));
        let report = tally.report();
        let output = &report.figures.chain_output;
        assert_eq!(report.figures.chain_enterprises.value, 3);
        assert_eq!(output.value_wan, 127.0);
        assert_eq!((output.missing, output.conflicts), (1, 2));
        assert_eq!(report.lists.chain_output_missing, ["C"]);
        assert_eq!(report.lists.chain_output_conflicts, ["A", "B"]);
    }

    #[test]
    fn resolved_means_a_satisfied_revisit_in_the_period() {
        let mut tally = Tally::new(scope());
        let demand =
            |id: &str, uscc: &str, programme: Option<&str>, resolved: &[&str]| DemandFact {
                id: id.into(),
                uscc: uscc.into(),
                submitted_on: day("2025-12-01"),
                channel: "visit".into(),
                programme: programme.map(String::from),
                replied_on: vec![day("2026-01-05")],
                resolved_on: resolved.iter().map(|d| day(d)).collect(),
            };
        tally.add_demand(&demand("d1", "K1", None, &["2026-01-10"]));
        tally.add_demand(&demand("d2", "X", Some("wanming-2026"), &["2026-02-10"]));
        tally.add_demand(&demand("d3", "X", Some("other"), &["2026-02-10"]));
        tally.add_demand(&demand("d4", "K2", None, &["2025-12-31"]));
        tally.add_demand(&demand("d5", "K3", None, &[]));
        let report = tally.report();
        assert_eq!(report.figures.demands_resolved.value, 2);
        assert_eq!(report.figures.demands_resolved.completed, 4);
        assert_eq!(report.lists.demands_resolved, ["d1", "d2"]);
        assert_eq!(report.figures.key_enterprises_helped.value, 1);
        assert_eq!(report.figures.key_enterprises_helped.key_enterprises, 3);
        // Submitted before the period: not served by these demands.
        assert_eq!(report.figures.key_enterprises_helped.served, 0);
    }

    #[test]
    fn merging_needs_one_scope() {
        let mut a = Tally::new(scope());
        let mut other = scope();
        other.as_of = day("2026-06-30");
        assert_eq!(a.merge(Tally::new(other)), Err(ScopeMismatch));
        assert_eq!(a.merge(Tally::new(scope())), Ok(()));
    }
}
