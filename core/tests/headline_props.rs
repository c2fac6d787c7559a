//! The headline figures' invariants: the report wording never overstates
//! and cuts only as far as it says; figures over disjoint slices merge to
//! the figure of the whole; an enterprise counts once however many rows,
//! visits and activities name it; "resolved" is the number of cases whose
//! satisfied revisit falls in the period.

use std::collections::BTreeSet;

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use lianjian::demand::{
    Calendar, Case, DeadlinePolicy, DemandKind, Dictionary, Event, EventKind, Rules, State,
};
use lianjian::headline::wording::{self, Relation};
use lianjian::headline::{
    ActivityFact, DemandFact, Disbursement, EnrollmentFact, PairingFact, PartyOrgName,
    ProgrammeScope, Scope, Tally, VisitFact,
};
use proptest::prelude::*;

fn day0() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 1).unwrap()
}

fn day(offset: u64) -> NaiveDate {
    day0() + Days::new(offset)
}

/// Digits of a positive number.
fn digits(n: u128) -> u32 {
    n.to_string().len() as u32
}

proptest! {
    #[test]
    fn counts_are_cut_never_rounded_up(value in 0u64..10_000_000, other in 0u64..10_000_000) {
        let (shown, relation) = wording::cut_count(value);
        prop_assert!(shown <= value);
        prop_assert_eq!(relation == Relation::Exact, shown == value);
        prop_assert!(relation != Relation::Near);
        // What is cut: nothing under 10, the units under 100, all but two
        // significant digits from 100.
        let step = match value {
            0..=9 => 1,
            10..=99 => 10,
            _ => 10u64.pow(digits(u128::from(value)) - 2),
        };
        prop_assert_eq!(shown % step, 0);
        prop_assert!(value - shown < step);
        // Monotone: a larger count never reads smaller.
        let (low, high) = (value.min(other), value.max(other));
        prop_assert!(wording::cut_count(low).0 <= wording::cut_count(high).0);
        let worded = wording::count(value, "家");
        prop_assert_eq!(worded, format!("{shown}{}家", if shown == value { "" } else { "余" }));
    }

    #[test]
    fn amounts_say_near_over_or_exact_as_they_are(yuan in 0u64..2_000_000_000_000_000) {
        let wan = yuan as f64 / 10_000.0;
        let yuan = u128::from(yuan);
        let (shown, relation) = wording::cut_amount(wan);
        let worded = wording::amount_wan(wan);
        let round_one_digit = |n: u128| n > 0 && n / 10u128.pow(digits(n) - 1) * 10u128.pow(digits(n) - 1) == n;
        match relation {
            Relation::Near => {
                // 0.95·R ≤ x < R, R of one significant digit, the next above x.
                prop_assert!(20 * yuan >= 19 * shown && yuan < shown);
                prop_assert!(round_one_digit(shown));
                prop_assert!(worded.starts_with('近'), "{}", worded);
            }
            Relation::Over => {
                prop_assert!(shown < yuan);
                // Two significant digits kept (of the amount in its unit).
                let trailing = shown.to_string().trim_end_matches('0').len();
                prop_assert!(trailing <= 2, "{} of {}", shown, yuan);
                prop_assert!(yuan - shown < 10u128.pow(digits(yuan) - 1).max(1));
                prop_assert!(worded.contains('多') && !worded.contains('近'), "{}", worded);
            }
            Relation::Exact => {
                prop_assert_eq!(shown, yuan);
                prop_assert!(!worded.contains('多') && !worded.contains('近'), "{}", worded);
            }
        }
        // 亿元 from 10,000万 up (of what is shown), else 万元.
        prop_assert_eq!(worded.contains('亿'), shown >= 100_000_000, "{}", worded);
    }
}

/// Facts of a small district: USCCs from a pool of 12 so that they repeat.
#[derive(Debug, Clone)]
enum Fact {
    Enrollment(EnrollmentFact),
    Demand(DemandFact),
    Visit(VisitFact),
    Activity(ActivityFact),
    Pairing(PairingFact),
}

fn uscc() -> impl Strategy<Value = String> {
    (0..12u8).prop_map(|n| format!("E{n:02}"))
}

fn when() -> impl Strategy<Value = NaiveDate> {
    (0..600u64).prop_map(day)
}

fn enrollment() -> impl Strategy<Value = EnrollmentFact> {
    (
        uscc(),
        when(),
        prop::option::of((0..4u32).prop_map(|v| f64::from(v) * 1250.5)),
        prop::option::of((0..3u8, prop::bool::ANY)),
        0..1_000_000u64,
    )
        .prop_map(|(uscc, joined_on, output_wan, org, order)| EnrollmentFact {
            uscc,
            joined_on,
            output_wan,
            party_org: org.map(|(n, spaced)| {
                let name = format!("第{n}联合党支部");
                PartyOrgName::new(
                    if spaced { &name } else { name.trim() },
                    Some("沙头角街道非公企业党委"),
                )
            }),
            order,
        })
}

fn demand() -> impl Strategy<Value = DemandFact> {
    (
        0..1_000_000u32,
        uscc(),
        when(),
        prop::sample::select(vec!["portal", "visit", "joint_meeting"]),
        prop::option::of(prop::sample::select(vec!["p1", "p2"])),
        prop::collection::vec(when(), 0..3),
        prop::collection::vec(when(), 0..2),
    )
        .prop_map(
            |(id, uscc, submitted_on, channel, programme, replied_on, resolved_on)| DemandFact {
                id: format!("d{id}"),
                uscc,
                submitted_on,
                channel: channel.into(),
                programme: programme.map(String::from),
                replied_on,
                resolved_on,
            },
        )
}

fn activity() -> impl Strategy<Value = ActivityFact> {
    (
        0..1_000_000u32,
        prop::option::of(prop::sample::select(vec![
            "dangqun_zhuqi",
            "hangye_dajiangtang",
        ])),
        prop::sample::select(vec![
            "policy_briefing",
            "bank_enterprise_matchmaking",
            "relending_signing",
        ]),
        prop::bool::ANY,
        when(),
        prop::collection::vec(uscc(), 0..4),
        prop::collection::vec((uscc(), 0..100_000u32, when()), 0..3),
    )
        .prop_map(
            |(id, series, kind, held, starts_on, present, lines)| ActivityFact {
                id: format!("a{id}"),
                series: series.map(String::from),
                kind: kind.into(),
                held,
                starts_on,
                enterprises_present: present,
                disbursed: lines
                    .into_iter()
                    .map(|(uscc, amount, on)| Disbursement {
                        uscc,
                        amount_wan: f64::from(amount) / 100.0,
                        on,
                    })
                    .collect(),
            },
        )
}

fn pairing() -> impl Strategy<Value = PairingFact> {
    (
        prop::sample::select(vec!["alliance", "strong_weak"]),
        prop::sample::select(vec!["port_logistics", "gold_jewelry", "life_health"]),
        when(),
        prop::option::of(when()),
        prop::bool::ANY,
    )
        .prop_map(|(kind, chain, signed_on, valid_until, ended)| PairingFact {
            kind: kind.into(),
            chain: chain.into(),
            signed_on,
            valid_until,
            ended,
        })
}

fn fact() -> impl Strategy<Value = Fact> {
    prop_oneof![
        enrollment().prop_map(Fact::Enrollment),
        demand().prop_map(Fact::Demand),
        (uscc(), when()).prop_map(|(uscc, visited_on)| Fact::Visit(VisitFact { uscc, visited_on })),
        activity().prop_map(Fact::Activity),
        pairing().prop_map(Fact::Pairing),
    ]
}

fn scope() -> impl Strategy<Value = Scope> {
    (0..400u64, 0..300u64, 0..400u64, prop::bool::ANY).prop_map(
        |(from, length, as_of, programme)| Scope {
            from: day(from),
            to: day(from + length),
            as_of: day(as_of),
            programme: programme.then(|| ProgrammeScope {
                id: "p1".into(),
                key_enterprises: (0..6).map(|n| format!("E{n:02}")).collect(),
            }),
        },
    )
}

fn add(tally: &mut Tally, fact: &Fact) {
    match fact {
        Fact::Enrollment(f) => tally.add_enrollment(f),
        Fact::Demand(f) => tally.add_demand(f),
        Fact::Visit(f) => tally.add_visit(f),
        Fact::Activity(f) => tally.add_activity(f),
        Fact::Pairing(f) => tally.add_pairing(f),
    }
}

/// Gives each fact a unique row order and id, as a district's files do.
fn numbered(mut facts: Vec<Fact>) -> Vec<Fact> {
    for (n, fact) in facts.iter_mut().enumerate() {
        match fact {
            Fact::Enrollment(f) => f.order = n as u64,
            Fact::Demand(f) => f.id = format!("d{n}"),
            Fact::Activity(f) => f.id = format!("a{n}"),
            _ => {}
        }
    }
    facts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn slices_merge_to_the_whole(
        scope in scope(),
        facts in prop::collection::vec(fact(), 0..60),
        slices in prop::collection::vec(0..3usize, 60),
    ) {
        let facts = numbered(facts);
        let mut whole = Tally::new(scope.clone());
        let mut parts = [Tally::new(scope.clone()), Tally::new(scope.clone()), Tally::new(scope.clone())];
        for (fact, &slice) in facts.iter().zip(&slices) {
            add(&mut whole, fact);
            add(&mut parts[slice], fact);
        }
        // Merged in any order, the slices give the whole.
        let [a, b, c] = parts;
        let mut forward = a.clone();
        forward.merge(b.clone()).unwrap();
        forward.merge(c.clone()).unwrap();
        let mut backward = c;
        backward.merge(b).unwrap();
        backward.merge(a).unwrap();
        prop_assert_eq!(&forward, &whole);
        prop_assert_eq!(backward.report(), whole.report());
    }

    #[test]
    fn an_enterprise_counts_once_however_often_it_is_named(
        scope in scope(),
        facts in prop::collection::vec(fact(), 0..60),
        again in prop::collection::vec(0..60usize, 0..30),
    ) {
        let facts = numbered(facts);
        let mut once = Tally::new(scope.clone());
        for fact in &facts {
            add(&mut once, fact);
        }
        let report = once.report();
        // Each figure is the number of distinct enterprises a naive count finds.
        let distinct = |pick: &dyn Fn(&Fact) -> Vec<String>| -> usize {
            facts.iter().flat_map(pick).collect::<BTreeSet<_>>().len()
        };
        prop_assert_eq!(report.figures.chain_enterprises.value as usize, distinct(&|f| match f {
            Fact::Enrollment(e) if e.joined_on <= scope.as_of => vec![e.uscc.clone()],
            _ => vec![],
        }));
        prop_assert_eq!(report.figures.matchmaking_enterprises.value as usize, distinct(&|f| match f {
            Fact::Activity(a) if a.held && a.kind == "bank_enterprise_matchmaking" && scope.counts(a.starts_on) =>
                a.enterprises_present.clone(),
            _ => vec![],
        }));
        prop_assert_eq!(report.figures.relending.enterprises as usize, distinct(&|f| match f {
            Fact::Activity(a) if a.starts_on <= scope.as_of =>
                a.disbursed.iter().filter(|l| scope.counts(l.on)).map(|l| l.uscc.clone()).collect(),
            _ => vec![],
        }));
        // Naming the same enterprises again — another chain's row joined no
        // later, another visit, another activity with them present, another
        // demand of theirs — adds none.
        let mut more = once.clone();
        for (n, &i) in again.iter().enumerate() {
            let Some(fact) = facts.get(i) else { continue };
            let mut copy = fact.clone();
            match &mut copy {
                Fact::Enrollment(e) => e.order = 2_000_000 + n as u64,
                Fact::Demand(d) => d.id = format!("again{n}"),
                Fact::Activity(a) => a.id = format!("again{n}"),
                _ => {}
            }
            add(&mut more, &copy);
        }
        let after = more.report();
        prop_assert_eq!(after.lists.chain_enterprises, report.lists.chain_enterprises);
        prop_assert_eq!(after.lists.matchmaking_enterprises, report.lists.matchmaking_enterprises);
        prop_assert_eq!(after.lists.relending, report.lists.relending);
        prop_assert_eq!(after.lists.key_enterprises_helped, report.lists.key_enterprises_helped);
        prop_assert_eq!(after.lists.key_enterprises_served, report.lists.key_enterprises_served);
        prop_assert_eq!(after.figures.chain_enterprises.party_orgs, report.figures.chain_enterprises.party_orgs);
    }
}

fn at(offset: u64) -> DateTime<FixedOffset> {
    let text = format!("{}T10:00:00+08:00", day(offset));
    DateTime::parse_from_rfc3339(&text).unwrap()
}

/// One step of a case: the next event of the usual course (a revisit
/// satisfied or not), or one that may not fit.
#[derive(Debug, Clone)]
enum Step {
    Advance(bool),
    Accept,
    Revisit(bool),
    Close,
}

fn step() -> impl Strategy<Value = (Step, u64)> {
    (
        prop_oneof![
            8 => prop::bool::weighted(0.7).prop_map(Step::Advance),
            1 => Just(Step::Accept),
            1 => prop::bool::ANY.prop_map(Step::Revisit),
            1 => Just(Step::Close),
        ],
        0..30u64,
    )
}

/// The event a step makes in a case's state.
fn event_of(step: &Step, state: State) -> EventKind {
    match (step, state) {
        (
            Step::Advance(_),
            State::Submitted | State::Collected | State::Returned | State::Reopened,
        ) => EventKind::assigned("tax_bureau", None),
        (Step::Advance(_), State::Assigned) | (Step::Accept, _) => EventKind::Accepted,
        (Step::Advance(_), State::Accepted | State::InProgress) => EventKind::Replied {
            reply: "已答复".into(),
        },
        (Step::Advance(satisfied), _) | (Step::Revisit(satisfied), _) => EventKind::Revisited {
            satisfied: *satisfied,
            satisfaction: None,
            channel: None,
        },
        (Step::Close, _) => EventKind::Closed {
            reason: lianjian::demand::CloseReason::Duplicate,
        },
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn resolved_is_the_cases_whose_satisfied_revisit_falls_in_the_period(
        (from, length, late) in (0..200u64, 60..300u64, 0..120u64),
        cases in prop::collection::vec((0..300u64, prop::collection::vec(step(), 0..12), 0..12u8), 0..25),
    ) {
        // `as_of` anywhere from a little after `from` to well after `to`.
        let scope = Scope {
            from: day(from),
            to: day(from + length),
            as_of: day(from + 30 + late * (length + 60) / 120),
            programme: Some(ProgrammeScope {
                id: "p1".into(),
                key_enterprises: (0..8).map(|n| format!("E{n:02}")).collect(),
            }),
        };
        let calendar = Calendar::china();
        let rules = Rules { calendar: &calendar, deadlines: DeadlinePolicy::default(), dictionary: Some(Dictionary::builtin()) };
        let mut tally = Tally::new(scope.clone());
        let mut expected = BTreeSet::new();
        for (n, (start, steps, enterprise)) in cases.iter().enumerate() {
            let mut case = Case::submitted(DemandKind::Help, at(*start), "enterprise");
            let mut offset = *start;
            for (step, gap) in steps {
                offset += gap;
                let kind = event_of(step, case.state());
                // Events the lifecycle refuses are not part of the history.
                let _ = case.apply(Event { at: at(offset), actor: "staff".into(), note: None, kind }, &rules);
            }
            // Only what was known on `as_of`: a store would not yet hold later events.
            let known: Vec<Event> = case.history().iter().filter(|e| e.at.date_naive() <= scope.as_of).cloned().collect();
            let uscc = format!("E{enterprise:02}");
            let fact = DemandFact::from_history(format!("d{n}"), &uscc, case.history()[0].at, Some("visit"), None, &known);
            tally.add_demand(&fact);
            // The oracle reads the state the known history leaves, not its events.
            let (replayed, _) = Case::replay(DemandKind::Help, &known, &rules);
            let Some(replayed) = replayed else {
                prop_assert!(known.is_empty());
                continue;
            };
            let closed_on = known.last().map(|e| e.at.date_naive());
            let in_population = scope.programme.as_ref().is_some_and(|p| p.key_enterprises.contains(&uscc));
            if in_population
                && replayed.state() == State::Closed
                && replayed.satisfied() == Some(true)
                && closed_on.is_some_and(|d| scope.counts(d))
            {
                expected.insert(format!("d{n}"));
            }
        }
        let report = tally.report();
        prop_assert_eq!(report.figures.demands_resolved.value as usize, expected.len());
        prop_assert_eq!(report.lists.demands_resolved.into_iter().collect::<BTreeSet<_>>(), expected);
    }
}
