//! Centres, the activities of the ledger, daily usage counts and room
//! bookings. Records are kept as the JSON text the core checked and read
//! back through the core (`lianjian::api::load`, as a district folder is):
//! the portal never interprets a record itself.
//!
//! A booking is decided by the core's booking model inside the transaction
//! that writes it: `BEGIN IMMEDIATE` takes SQLite's write lock first, the
//! room's bookings are read, [`Bookings::book`] answers, and the row is
//! written only when it accepted. Two requests for the same room and time
//! are serialised by the lock; the second sees the first's row and is
//! refused with `room_double_booked`.

use chrono::{DateTime, FixedOffset};
use lianjian::api::{self, Options};
use lianjian::centre::booking::{Answer, Booking, Bookings, Change};
use lianjian::centre::{Centre, Usage};
use lianjian::folder::{FileName, Folder, Loaded};
use lianjian::outreach::{Activity, ActivityStatus};
use lianjian::Report;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::StoreError;

/// The demo district's records the first run starts from.
const SEED_CENTRES: &str = include_str!("../../../district/centres.jsonl");
const SEED_ACTIVITIES: &str = include_str!("../../../district/activities.jsonl");
const SEED_USAGE: &str = include_str!("../../../district/usage.jsonl");
/// The other files of the demo district, kept line by line in
/// `district_lines`: `(file, text)`.
const SEED_LINES: &[(&str, &str)] = &[
    (
        "roster.jsonl",
        include_str!("../../../district/roster.jsonl"),
    ),
    (
        "programme.json",
        include_str!("../../../district/programme.json"),
    ),
    (
        "demands.jsonl",
        include_str!("../../../district/demands.jsonl"),
    ),
    (
        "visits.jsonl",
        include_str!("../../../district/visits.jsonl"),
    ),
    (
        "pairings.jsonl",
        include_str!("../../../district/pairings.jsonl"),
    ),
];

/// The valid centres, activities and usage counts, as the core read them.
#[derive(Debug, Default)]
pub struct District {
    /// Centres, in the order stored.
    pub centres: Vec<Centre>,
    /// Activities, in the order stored.
    pub activities: Vec<Activity>,
    /// Daily usage counts.
    pub usage: Vec<Usage>,
    /// Pairings, in the order stored.
    pub pairings: Vec<lianjian::pairing::Pairing>,
    /// The district's stored demands (`demands.jsonl`), as replayed.
    pub demands: Vec<lianjian::demand::StoredDemand>,
}

impl District {
    /// The centre with this id.
    pub fn centre(&self, id: &str) -> Option<&Centre> {
        self.centres.iter().find(|c| c.id == id)
    }
}

/// The stored texts as the files of a district folder (one record a line).
#[derive(Debug, Default)]
pub struct Texts {
    centres: String,
    activities: String,
    usage: String,
    /// `(file, text)` of the files kept in `district_lines`.
    others: Vec<(FileName, String)>,
}

impl Texts {
    /// The folder over these texts.
    pub fn folder(&self) -> Folder<'_> {
        let mut folder = Folder::default();
        folder.set(FileName::Centres, &self.centres);
        folder.set(FileName::Activities, &self.activities);
        folder.set(FileName::Usage, &self.usage);
        for (file, text) in &self.others {
            folder.set(*file, text);
        }
        folder
    }
}

fn lines(conn: &Connection, sql: &str) -> Result<String, StoreError> {
    let mut statement = conn.prepare(sql)?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut text = String::new();
    for row in rows {
        text.push_str(&row?);
        text.push('\n');
    }
    Ok(text)
}

/// The stored texts.
pub fn texts(conn: &Connection) -> Result<Texts, StoreError> {
    Ok(Texts {
        centres: lines(conn, "SELECT record FROM centres ORDER BY rowid")?,
        // Each activity as its latest revision stands.
        activities: lines(
            conn,
            "SELECT COALESCE((SELECT r.record FROM activity_revisions r WHERE r.activity = a.id
                              ORDER BY r.seq DESC LIMIT 1), a.record)
             FROM activities a ORDER BY json_extract(a.record, '$.starts_at'), a.id",
        )?,
        usage: lines(conn, "SELECT record FROM centre_usage ORDER BY seq")?,
        others: district_lines(conn)?,
    })
}

/// The files kept in `district_lines`, each as the text of its lines.
fn district_lines(conn: &Connection) -> Result<Vec<(FileName, String)>, StoreError> {
    let mut statement = conn.prepare("SELECT file, record FROM district_lines ORDER BY seq")?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut out: Vec<(FileName, String)> = Vec::new();
    for row in rows {
        let (file, record) = row?;
        let Some(file) = FileName::from_name(&file) else {
            return Err(StoreError::Corrupt(format!("unknown district file {file}")));
        };
        match out.iter_mut().find(|(f, _)| *f == file) {
            Some((_, text)) => {
                text.push_str(&record);
                text.push('\n');
            }
            None => out.push((file, format!("{record}\n"))),
        }
    }
    Ok(out)
}

/// Reads the stored records through the core with `options` (its `today`
/// is the portal's). A stored record that no longer passes is left out.
pub fn load(conn: &Connection, options: &Options) -> Result<District, StoreError> {
    let texts = texts(conn)?;
    let loaded = read(&texts, options)?;
    Ok(District {
        centres: loaded.centres.into_iter().map(|r| r.record).collect(),
        activities: loaded.activities.into_iter().map(|r| r.record).collect(),
        usage: loaded.usage.into_iter().map(|r| r.record).collect(),
        pairings: loaded.pairings.into_iter().map(|r| r.record).collect(),
        demands: loaded.demands.into_iter().map(|r| r.record).collect(),
    })
}

fn read(texts: &Texts, options: &Options) -> Result<Loaded, StoreError> {
    api::load(&texts.folder(), None, options).map_err(|report: Report| {
        StoreError::Corrupt(format!(
            "options without a date: {:?}",
            report
                .findings()
                .iter()
                .map(|f| f.code.as_str())
                .collect::<Vec<_>>()
        ))
    })
}

/// Seeds an empty database with the demo district's centres, activities
/// and usage (`examples/district`), each line kept only when the core
/// accepts it, and books the rooms the activities name through the booking
/// model. Answers `(centres, activities, bookings)` stored; nothing when
/// centres are already there.
pub fn seed(
    conn: &mut Connection,
    options: &Options,
    now: DateTime<FixedOffset>,
) -> Result<(usize, usize, usize), StoreError> {
    let present: i64 = conn.query_row("SELECT COUNT(*) FROM centres", [], |r| r.get(0))?;
    if present > 0 {
        return Ok((0, 0, 0));
    }
    let texts = Texts {
        centres: SEED_CENTRES.to_owned(),
        activities: SEED_ACTIVITIES.to_owned(),
        usage: SEED_USAGE.to_owned(),
        others: Vec::new(),
    };
    let loaded = read(&texts, options)?;
    let kept = |text: &str, valid: &[usize]| -> Vec<String> {
        text.lines()
            .enumerate()
            .filter(|(i, _)| valid.contains(&(i + 1)))
            .map(|(_, line)| line.to_owned())
            .collect()
    };
    let centre_lines = kept(
        SEED_CENTRES,
        &loaded.centres.iter().map(|r| r.line).collect::<Vec<_>>(),
    );
    let activity_lines = kept(
        SEED_ACTIVITIES,
        &loaded.activities.iter().map(|r| r.line).collect::<Vec<_>>(),
    );
    let usage_lines = kept(
        SEED_USAGE,
        &loaded.usage.iter().map(|r| r.line).collect::<Vec<_>>(),
    );
    let stamp = now.to_rfc3339();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    for (row, line) in loaded.centres.iter().zip(&centre_lines) {
        tx.execute(
            "INSERT INTO centres (id, record, stored_at) VALUES (?1, ?2, ?3)",
            params![row.record.id, line, stamp],
        )?;
    }
    for (row, line) in loaded.activities.iter().zip(&activity_lines) {
        tx.execute(
            "INSERT INTO activities (id, record, stored_at) VALUES (?1, ?2, ?3)",
            params![row.record.id, line, stamp],
        )?;
    }
    for line in &usage_lines {
        tx.execute(
            "INSERT INTO centre_usage (record, stored_at) VALUES (?1, ?2)",
            params![line, stamp],
        )?;
    }
    // The other files are kept as they are, every line: the core leaves
    // out what fails when it reads them, with findings, as for a folder.
    for (file, text) in SEED_LINES {
        if *file == "programme.json" {
            tx.execute(
                "INSERT INTO district_lines (file, record, stored_at) VALUES (?1, ?2, ?3)",
                params![file, text.trim(), stamp],
            )?;
            continue;
        }
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            tx.execute(
                "INSERT INTO district_lines (file, record, stored_at) VALUES (?1, ?2, ?3)",
                params![file, line, stamp],
            )?;
        }
    }
    let centres: Vec<Centre> = loaded.centres.iter().map(|r| r.record.clone()).collect();
    let mut bookings = Bookings::new();
    let mut booked = 0;
    for row in &loaded.activities {
        let activity = &row.record;
        let (Some(centre), Some(room)) = (&activity.venue.centre, &activity.venue.room) else {
            continue;
        };
        let Some(centre) = centres.iter().find(|c| &c.id == centre) else {
            continue;
        };
        if activity.status == ActivityStatus::Cancelled {
            continue;
        }
        let booking = Booking {
            id: format!("b-{}", activity.id),
            centre: centre.id.clone(),
            room: room.clone(),
            starts_at: activity.starts_at,
            ends_at: activity.ends_at,
            activity: Some(activity.id.clone()),
            expected: activity.expected,
        };
        if let Some(Change::Added { booking }) = bookings.book(centre, booking).change {
            insert_booking(&tx, &booking, "seed", &stamp)?;
            booked += 1;
        }
    }
    tx.commit()?;
    Ok((centre_lines.len(), activity_lines.len(), booked))
}

fn insert_booking(
    conn: &Connection,
    booking: &Booking,
    by: &str,
    at: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO room_bookings (id, centre, room, starts_at, ends_at, activity, expected, booked_by, booked_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            booking.id,
            booking.centre,
            booking.room,
            booking.starts_at.to_rfc3339(),
            booking.ends_at.to_rfc3339(),
            booking.activity,
            booking.expected,
            by,
            at
        ],
    )?;
    Ok(())
}

/// The bookings of a centre (all its rooms), by room and start.
pub fn bookings_of(conn: &Connection, centre: &str) -> Result<Vec<Booking>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT id, centre, room, starts_at, ends_at, activity, expected FROM room_bookings
         WHERE centre = ?1 ORDER BY room, starts_at, id",
    )?;
    let rows = statement.query_map(params![centre], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
            row.get::<_, String>(4)?,
            row.get::<_, Option<String>>(5)?,
            row.get::<_, Option<u32>>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, centre, room, starts_at, ends_at, activity, expected) = row?;
        let time = |text: &str| {
            DateTime::parse_from_rfc3339(text)
                .map_err(|e| StoreError::Corrupt(format!("booking {id}: {e}")))
        };
        out.push(Booking {
            starts_at: time(&starts_at)?,
            ends_at: time(&ends_at)?,
            id,
            centre,
            room,
            activity,
            expected,
        });
    }
    Ok(out)
}

/// An activity's record as it stands (its latest revision), if stored.
pub fn activity_record(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT COALESCE((SELECT r.record FROM activity_revisions r WHERE r.activity = a.id
                              ORDER BY r.seq DESC LIMIT 1), a.record)
             FROM activities a WHERE a.id = ?1",
            params![id],
            |row| row.get(0),
        )
        .optional()?)
}

/// Appends a revision of an activity (the whole record, as checked).
pub fn revise_activity(
    conn: &Connection,
    id: &str,
    record: &str,
    reason: Option<&str>,
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO activity_revisions (activity, record, reason, recorded_by, recorded_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, record, reason, by, at.to_rfc3339()],
    )?;
    Ok(())
}

/// Books a room in one transaction: the write lock first, then the room's
/// bookings read into the core's model, which answers; the row is written
/// and committed only when it accepted (warnings do not stop a booking).
/// The booking's id is made here (`b-` and the next number).
pub fn book(
    conn: &mut Connection,
    options: &Options,
    mut booking: Booking,
    by: &str,
    now: DateTime<FixedOffset>,
) -> Result<Answer, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let texts = texts(&tx)?;
    let loaded = read(&texts, options)?;
    let Some(centre) = loaded
        .centres
        .into_iter()
        .map(|r| r.record)
        .find(|c| c.id == booking.centre)
    else {
        let mut report = Report::new();
        report.add(
            lianjian::Code::UnknownCentre,
            lianjian::Path::root().key("centre"),
        );
        return Ok(Answer {
            report,
            change: None,
        });
    };
    let next: i64 = tx.query_row("SELECT COUNT(*) + 1 FROM room_bookings", [], |r| r.get(0))?;
    booking.id = format!("b-{next:05}");
    while tx
        .query_row(
            "SELECT 1 FROM room_bookings WHERE id = ?1",
            params![booking.id],
            |_| Ok(()),
        )
        .optional()?
        .is_some()
    {
        booking.id.push('x');
    }
    let stored: Vec<Booking> = bookings_of(&tx, &centre.id)?
        .into_iter()
        .filter(|b| b.room == booking.room)
        .collect();
    let (mut bookings, _) = Bookings::load(stored);
    let answer = bookings.book(&centre, booking);
    if let Some(Change::Added { booking }) = &answer.change {
        insert_booking(&tx, booking, by, &now.to_rfc3339())?;
        tx.commit()?;
    }
    Ok(answer)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            today: Some("2026-12-31".into()),
            ..Options::default()
        }
    }

    #[test]
    fn seeds_the_demo_district_and_refuses_a_second_booking_of_a_slot() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::db::migrate(&mut conn).unwrap();
        let now = DateTime::parse_from_rfc3339("2026-12-31T10:00:00+08:00").unwrap();
        let (centres, activities, booked) = seed(&mut conn, &options(), now).unwrap();
        assert_eq!(centres, 2);
        assert!(activities >= 20, "{activities}");
        assert!(booked >= 10, "{booked}");
        assert_eq!(seed(&mut conn, &options(), now).unwrap(), (0, 0, 0));
        let district = load(&conn, &options()).unwrap();
        assert_eq!(district.centres.len(), 2);
        assert_eq!(district.pairings.len(), 6);
        assert!(district.demands.len() > 100);
        assert!(conn.execute("DELETE FROM district_lines", []).is_err());
        assert!(!district.usage.is_empty());
        let slot = |start: &str, end: &str| Booking {
            id: String::new(),
            centre: "ytzb-centre".into(),
            room: "room-2".into(),
            starts_at: DateTime::parse_from_rfc3339(start).unwrap(),
            ends_at: DateTime::parse_from_rfc3339(end).unwrap(),
            activity: None,
            expected: Some(20),
        };
        let first = book(
            &mut conn,
            &options(),
            slot("2027-02-02T09:00:00+08:00", "2027-02-02T11:00:00+08:00"),
            "office",
            now,
        )
        .unwrap();
        assert!(first.change.is_some(), "{:?}", first.report);
        let second = book(
            &mut conn,
            &options(),
            slot("2027-02-02T10:00:00+08:00", "2027-02-02T12:00:00+08:00"),
            "office",
            now,
        )
        .unwrap();
        assert!(second.change.is_none());
        assert_eq!(
            second.report.findings()[0].code,
            lianjian::Code::RoomDoubleBooked
        );
        // Back to back is no overlap: periods are half-open.
        let third = book(
            &mut conn,
            &options(),
            slot("2027-02-02T11:00:00+08:00", "2027-02-02T12:00:00+08:00"),
            "office",
            now,
        )
        .unwrap();
        assert!(third.change.is_some(), "{:?}", third.report);
        assert!(conn.execute("DELETE FROM centre_usage", []).is_err());
    }
}
