//! Bookings of centre rooms by activities: book, cancel, reschedule, and
//! never two bookings of one room at the same time.
//!
//! Periods are half-open, `[starts_at, ends_at)`: a booking that ends at
//! 10:00 and one that starts at 10:00 do not overlap. Times carry their
//! offset and are compared as instants; opening hours are China time
//! (UTC+8), as a centre's schedule is.
//!
//! ## On a server: one transaction per operation
//!
//! The model is pure: it holds the bookings it was given and answers each
//! operation with findings and, when accepted, the one [`Change`] to write.
//! A server that keeps bookings in a database runs each operation inside one
//! transaction that first locks the room, so two requests for the same room
//! are serialised and the second sees the first's booking:
//!
//! 1. begin; lock the room's row (`SELECT … FROM rooms WHERE centre = ? AND
//!    id = ? FOR UPDATE`; SQLite: `BEGIN IMMEDIATE`, which takes the write
//!    lock for the whole transaction);
//! 2. load that room's bookings into [`Bookings::load`];
//! 3. call [`Bookings::book`], [`Bookings::cancel`] or
//!    [`Bookings::reschedule`];
//! 4. write the [`Change`] and commit when the answer is accepted; roll back
//!    otherwise and send the findings.
//!
//! A rescheduling to another time of the same room needs only that room's
//! lock. Checking in a browser is a convenience; the transaction is the
//! check that holds.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Timelike};
use serde::{Deserialize, Serialize};

use super::Centre;
use crate::findings::{Code, Finding, Path, Report};

/// One booking of one room.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booking {
    /// Unique among all bookings (a server's key).
    pub id: String,
    /// The centre's id.
    pub centre: String,
    /// The room's id within the centre.
    pub room: String,
    /// Start, inclusive.
    pub starts_at: DateTime<FixedOffset>,
    /// End, exclusive; after `starts_at`.
    pub ends_at: DateTime<FixedOffset>,
    /// The activity it is for (its id), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
    /// People expected, compared with the room's capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<u32>,
}

impl Booking {
    /// Whether the two take the same room at some instant.
    pub fn overlaps(&self, other: &Booking) -> bool {
        self.centre == other.centre
            && self.room == other.room
            && self.starts_at < other.ends_at
            && other.starts_at < self.ends_at
    }
}

/// What an accepted operation changes: the one write a store makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A new booking.
    Added {
        /// It.
        booking: Booking,
    },
    /// A booking cancelled (removed).
    Removed {
        /// What was removed.
        booking: Booking,
    },
    /// A booking moved to another time.
    Moved {
        /// As it was.
        before: Booking,
        /// As it is.
        after: Booking,
    },
}

/// The answer to an operation: its findings, and the change when there is
/// no error (warnings do not stop a booking).
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Every finding; paths name the booking's fields (`ends_at`, `room`).
    pub report: Report,
    /// Present exactly when the report has no error.
    pub change: Option<Change>,
}

impl Answer {
    fn refused(report: Report) -> Answer {
        Answer {
            report,
            change: None,
        }
    }
}

/// The bookings of some rooms (a district's, or only the room a server
/// locked), kept in order of room and start.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Bookings {
    items: Vec<Booking>,
}

impl Bookings {
    /// No bookings.
    pub fn new() -> Self {
        Bookings::default()
    }

    /// The bookings a store holds. Stored bookings that overlap or repeat an
    /// id (a store written without this model) are refused: each later one
    /// is a finding at its position (`[i].starts_at`, `[i].id`), and only the
    /// others are kept.
    pub fn load(stored: Vec<Booking>) -> (Bookings, Report) {
        let mut bookings = Bookings::new();
        let mut report = Report::new();
        for (i, booking) in stored.into_iter().enumerate() {
            let at = Path::root().index(i);
            if bookings.get(&booking.id).is_some() {
                report.add(Code::DuplicateId, at.key("id"));
            } else if let Some(other) = bookings.conflict(&booking, None) {
                report.push(booked(other, at.key("starts_at")));
            } else if booking.ends_at <= booking.starts_at {
                report.push(end_before_start(at.key("ends_at")));
            } else {
                bookings.insert(booking);
            }
        }
        (bookings, report)
    }

    /// Every booking, by centre, room and start.
    pub fn iter(&self) -> impl Iterator<Item = &Booking> {
        self.items.iter()
    }

    /// How many there are.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The booking with this id.
    pub fn get(&self, id: &str) -> Option<&Booking> {
        self.items.iter().find(|b| b.id == id)
    }

    /// The bookings of one room, by start.
    pub fn of_room<'a>(
        &'a self,
        centre: &'a str,
        room: &'a str,
    ) -> impl Iterator<Item = &'a Booking> {
        self.items
            .iter()
            .filter(move |b| b.centre == centre && b.room == room)
    }

    /// Books a room of `centre`. Refused with `unknown_room` (at `room`),
    /// `ends_before_start` (at `ends_at`), `room_double_booked` (at
    /// `starts_at`, naming the booking in the way) or `duplicate_id` (at `id`); warned
    /// with `room_over_capacity` (at `expected`) and `outside_opening_hours`
    /// (at `starts_at`).
    pub fn book(&mut self, centre: &Centre, booking: Booking) -> Answer {
        let mut report = Report::new();
        if self.get(&booking.id).is_some() {
            report.add(Code::DuplicateId, Path::root().key("id"));
        }
        self.check(centre, &booking, None, &mut report);
        if !report.is_valid() {
            return Answer::refused(report);
        }
        self.insert(booking.clone());
        Answer {
            report,
            change: Some(Change::Added { booking }),
        }
    }

    /// Cancels a booking; `unknown_booking` (at `id`) when there is none.
    pub fn cancel(&mut self, id: &str) -> Answer {
        match self.items.iter().position(|b| b.id == id) {
            Some(at) => {
                let booking = self.items.remove(at);
                Answer {
                    report: Report::new(),
                    change: Some(Change::Removed { booking }),
                }
            }
            None => {
                let mut report = Report::new();
                report.add(Code::UnknownBooking, Path::root().key("id"));
                Answer::refused(report)
            }
        }
    }

    /// Moves a booking to another time in the same room, with the checks of
    /// [`Bookings::book`] (the booking does not conflict with itself).
    pub fn reschedule(
        &mut self,
        centre: &Centre,
        id: &str,
        starts_at: DateTime<FixedOffset>,
        ends_at: DateTime<FixedOffset>,
    ) -> Answer {
        let Some(before) = self.get(id).cloned() else {
            let mut report = Report::new();
            report.add(Code::UnknownBooking, Path::root().key("id"));
            return Answer::refused(report);
        };
        let after = Booking {
            starts_at,
            ends_at,
            ..before.clone()
        };
        let mut report = Report::new();
        self.check(centre, &after, Some(id), &mut report);
        if !report.is_valid() {
            return Answer::refused(report);
        }
        self.items.retain(|b| b.id != id);
        self.insert(after.clone());
        Answer {
            report,
            change: Some(Change::Moved { before, after }),
        }
    }

    fn check(&self, centre: &Centre, booking: &Booking, except: Option<&str>, report: &mut Report) {
        let root = Path::root();
        let room = if booking.centre == centre.id {
            centre.room(&booking.room)
        } else {
            report.add(Code::UnknownCentre, root.key("centre"));
            return;
        };
        let Some(room) = room else {
            report.add(Code::UnknownRoom, root.key("room"));
            return;
        };
        if booking.ends_at <= booking.starts_at {
            report.push(end_before_start(root.key("ends_at")));
            return;
        }
        if let Some(other) = self.conflict(booking, except) {
            report.push(booked(other, root.key("starts_at")));
        }
        if booking.expected.is_some_and(|n| n > room.capacity) {
            report.push(
                Finding::new(Code::RoomOverCapacity, root.key("expected"))
                    .with("capacity", room.capacity),
            );
        }
        if !within_hours(centre, booking.starts_at, booking.ends_at) {
            report.add(Code::OutsideOpeningHours, root.key("starts_at"));
        }
    }

    /// The first booking of the same room that overlaps `booking`, other
    /// than the one with id `except`.
    pub fn conflict(&self, booking: &Booking, except: Option<&str>) -> Option<&Booking> {
        self.items
            .iter()
            .filter(|b| Some(b.id.as_str()) != except)
            .find(|b| b.overlaps(booking))
    }

    fn insert(&mut self, booking: Booking) {
        let key = |b: &Booking| (b.centre.clone(), b.room.clone(), b.starts_at);
        let at = self.items.partition_point(|b| key(b) <= key(&booking));
        self.items.insert(at, booking);
    }
}

/// `room_double_booked`: `earlier` names the activity holding the room (the
/// booking's id when it names none), with the booking and its period.
fn booked(other: &Booking, path: Path) -> Finding {
    Finding::new(Code::RoomDoubleBooked, path)
        .with("earlier", other.activity.as_deref().unwrap_or(&other.id))
        .with("booking", other.id.as_str())
        .with("from", other.starts_at.to_rfc3339())
        .with("to", other.ends_at.to_rfc3339())
}

/// `ends_before_start`, naming the start field: a booking holds the room
/// for some time, so one ending when it starts is refused too.
fn end_before_start(path: Path) -> Finding {
    Finding::new(Code::EndsBeforeStart, path).with("start", "starts_at")
}

/// Whether `[from, to)` lies within the centre's opening hours, day by day
/// in China time. A centre without a schedule publishes no hours: nothing
/// is outside them.
pub fn within_hours(
    centre: &Centre,
    from: DateTime<FixedOffset>,
    to: DateTime<FixedOffset>,
) -> bool {
    if centre.schedule.is_empty() {
        return true;
    }
    // China time, in which centres publish their hours (always a valid offset).
    let Some(china) = FixedOffset::east_opt(8 * 3600) else {
        return true;
    };
    let (from, to) = (from.with_timezone(&china), to.with_timezone(&china));
    let minutes =
        |t: &DateTime<FixedOffset>| t.hour() * 60 + t.minute() + u32::from(t.second() > 0);
    let mut day: NaiveDate = from.date_naive();
    let last = to.date_naive();
    while day <= last {
        let start = if day == from.date_naive() {
            from.hour() * 60 + from.minute()
        } else {
            0
        };
        let end = if day == last { minutes(&to) } else { 24 * 60 };
        if end > start {
            let weekday = day.weekday().num_days_from_monday() as usize;
            if !centre.open_between(weekday, start, end) {
                return false;
            }
        }
        day += Duration::days(1);
    }
    true
}
