//! Room bookings never overlap, whatever sequence of book, cancel and
//! reschedule is tried, and the model accepts exactly what a brute-force
//! check over all current bookings allows.

use chrono::{DateTime, Duration, FixedOffset, TimeZone};
use lianjian::centre::booking::{Booking, Bookings, Change};
use lianjian::centre::{Centre, CentreKind, Room};
use lianjian::Code;
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Op {
    Book {
        id: u8,
        room: u8,
        start: u8,
        length: i8,
    },
    Cancel {
        id: u8,
    },
    Reschedule {
        id: u8,
        start: u8,
        length: i8,
    },
}

fn op() -> impl Strategy<Value = Op> {
    // Ids 0..12 (some repeat), rooms 0..3 (room 2 does not exist), quarter
    // hours over two days, lengths that may be zero or negative.
    prop_oneof![
        4 => (0..12u8, 0..3u8, 0..192u8, -2..12i8)
            .prop_map(|(id, room, start, length)| Op::Book { id, room, start, length }),
        1 => (0..12u8).prop_map(|id| Op::Cancel { id }),
        2 => (0..12u8, 0..192u8, -2..12i8)
            .prop_map(|(id, start, length)| Op::Reschedule { id, start, length }),
    ]
}

fn centre() -> Centre {
    let room = |id: &str| Room {
        id: id.into(),
        name: id.into(),
        capacity: 30,
    };
    Centre {
        id: "c".into(),
        name: "中心".into(),
        kind: CentreKind::Street,
        chains: vec![],
        operator: "运营单位".into(),
        address: "地址".into(),
        area_m2: None,
        partners: vec![],
        services: vec![],
        schedule: vec![],
        rooms: vec![room("r0"), room("r1")],
        opened_on: None,
    }
}

/// Quarter hours from midnight, 2026-12-01, at an offset that varies with
/// the slot (UTC+8 or UTC): instants compare whatever the offset.
fn at(slot: i64) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(if slot % 2 == 0 { 8 * 3600 } else { 0 }).unwrap();
    let base = FixedOffset::east_opt(8 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 12, 1, 0, 0, 0)
        .unwrap();
    (base + Duration::minutes(15 * slot)).with_timezone(&offset)
}

fn overlap(a: &Booking, b: &Booking) -> bool {
    a.room == b.room && a.starts_at < b.ends_at && b.starts_at < a.ends_at
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn bookings_never_overlap(ops in prop::collection::vec(op(), 1..80)) {
        let centre = centre();
        let mut bookings = Bookings::new();
        for op in &ops {
            let before: Vec<Booking> = bookings.iter().cloned().collect();
            let answer = match *op {
                Op::Book { id, room, start, length } => {
                    let booking = Booking {
                        id: format!("b{id}"),
                        centre: "c".into(),
                        room: format!("r{room}"),
                        starts_at: at(start.into()),
                        ends_at: at(i64::from(start) + i64::from(length)),
                        activity: None,
                        expected: None,
                    };
                    // What a brute-force check over every current booking allows.
                    let allowed = room < 2
                        && length > 0
                        && !before.iter().any(|b| b.id == booking.id)
                        && !before.iter().any(|b| overlap(b, &booking));
                    let answer = bookings.book(&centre, booking.clone());
                    prop_assert_eq!(answer.change.is_some(), allowed, "{:?}", answer.report);
                    if allowed {
                        prop_assert_eq!(answer.change.clone(), Some(Change::Added { booking }));
                    }
                    answer
                }
                Op::Cancel { id } => {
                    let id = format!("b{id}");
                    let existed = before.iter().find(|b| b.id == id).cloned();
                    let answer = bookings.cancel(&id);
                    match existed {
                        Some(booking) => prop_assert_eq!(answer.change.clone(), Some(Change::Removed { booking })),
                        None => prop_assert!(answer.report.has(Code::UnknownBooking)),
                    }
                    answer
                }
                Op::Reschedule { id, start, length } => {
                    let id = format!("b{id}");
                    let (from, to) = (at(start.into()), at(i64::from(start) + i64::from(length)));
                    let moved = before.iter().find(|b| b.id == id).map(|b| Booking {
                        starts_at: from,
                        ends_at: to,
                        ..b.clone()
                    });
                    let allowed = moved.as_ref().is_some_and(|m| {
                        length > 0 && !before.iter().any(|b| b.id != id && overlap(b, m))
                    });
                    let answer = bookings.reschedule(&centre, &id, from, to);
                    prop_assert_eq!(answer.change.is_some(), allowed, "{:?}", answer.report);
                    answer
                }
            };
            // A refused operation changes nothing; an accepted one changes
            // exactly what it says.
            let after: Vec<Booking> = bookings.iter().cloned().collect();
            match &answer.change {
                None => {
                    prop_assert!(!answer.report.is_valid());
                    prop_assert_eq!(&before, &after);
                }
                Some(Change::Added { .. }) => prop_assert_eq!(after.len(), before.len() + 1),
                Some(Change::Removed { .. }) => prop_assert_eq!(after.len() + 1, before.len()),
                Some(Change::Moved { before: old, after: new }) => {
                    prop_assert_eq!(after.len(), before.len());
                    prop_assert_eq!(&old.id, &new.id);
                    prop_assert!(after.contains(new) && !after.contains(old) || old == new);
                }
            }
            // The invariant: no two bookings of one room overlap, ids are unique.
            for (i, a) in after.iter().enumerate() {
                prop_assert!(a.starts_at < a.ends_at);
                for b in &after[i + 1..] {
                    prop_assert!(!overlap(a, b), "{:?} overlaps {:?}", a, b);
                    prop_assert_ne!(&a.id, &b.id);
                }
            }
            // What a store wrote loads back whole.
            let (loaded, report) = Bookings::load(after.clone());
            prop_assert!(report.is_empty());
            prop_assert_eq!(loaded.len(), after.len());
        }
    }

    /// Loading a store written without the model keeps a set without
    /// overlaps and reports each booking it leaves out.
    #[test]
    fn loading_refuses_what_overlaps(raw in prop::collection::vec((0..6u8, 0..2u8, 0..48u8, 1..8i8), 0..30)) {
        let stored: Vec<Booking> = raw
            .iter()
            .map(|&(id, room, start, length)| Booking {
                id: format!("b{id}"),
                centre: "c".into(),
                room: format!("r{room}"),
                starts_at: at(start.into()),
                ends_at: at(i64::from(start) + i64::from(length)),
                activity: None,
                expected: None,
            })
            .collect();
        let (loaded, report) = Bookings::load(stored.clone());
        prop_assert_eq!(loaded.len() + report.findings().len(), stored.len());
        let kept: Vec<&Booking> = loaded.iter().collect();
        for (i, a) in kept.iter().enumerate() {
            for b in &kept[i + 1..] {
                prop_assert!(!overlap(a, b));
            }
        }
    }
}
