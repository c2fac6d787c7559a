//! Demands and their event log.

use chrono::{DateTime, FixedOffset};
use lianjian::demand::{Case, Demand, Event, EventKind, PriorDemand, Rules};
use lianjian::{Finding, Report};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::StoreError;

/// A stored demand with its replayed lifecycle.
#[derive(Debug, Clone)]
pub struct StoredDemand {
    /// The id (also the Open311 `service_request_id`).
    pub id: String,
    /// The normalised record.
    pub demand: Demand,
    /// The chosen topic or the classifier's suggestion at receipt.
    pub topic: String,
    /// The lifecycle, replayed from the log.
    pub case: Case,
    /// Public on Open311 since when (RFC 3339) and by whom; `None` until the
    /// district office accepts it for publication.
    pub published: Option<(String, String)>,
    /// The warnings it got when it was received (a likely repeat).
    pub intake: Vec<Finding>,
}

/// Stores a valid demand and its `submitted` event, in one transaction.
pub fn insert(
    conn: &mut Connection,
    demand: &Demand,
    topic: &str,
    received_at: DateTime<FixedOffset>,
    actor: &str,
) -> Result<String, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let id = insert_in(&tx, demand, topic, received_at, actor)?;
    tx.commit()?;
    Ok(id.to_string())
}

/// [`insert`] inside the caller's transaction (which may store more with
/// it, such as the demand's files); answers the new id.
pub fn insert_in(
    tx: &Connection,
    demand: &Demand,
    topic: &str,
    received_at: DateTime<FixedOffset>,
    actor: &str,
) -> Result<i64, StoreError> {
    tx.execute(
        "INSERT INTO demands (uscc, kind, record, topic, received_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            demand.enterprise_uscc,
            demand.kind.as_str(),
            serde_json::to_string(demand)?,
            topic,
            received_at.to_rfc3339(),
        ],
    )?;
    let id = tx.last_insert_rowid();
    let event = Event {
        at: received_at,
        actor: actor.to_owned(),
        note: None,
        kind: EventKind::Submitted,
    };
    push_event(tx, id, 0, &event, received_at)?;
    Ok(id)
}

fn push_event(
    conn: &Connection,
    id: i64,
    seq: usize,
    event: &Event,
    recorded_at: DateTime<FixedOffset>,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO demand_events (demand_id, seq, event, recorded_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            id,
            seq as i64,
            serde_json::to_string(event)?,
            recorded_at.to_rfc3339()
        ],
    )?;
    Ok(())
}

/// The earlier demands of an enterprise, for the repeat check.
pub fn prior(conn: &Connection, uscc: &str) -> Result<Vec<PriorDemand>, StoreError> {
    let mut statement =
        conn.prepare("SELECT id, record FROM demands WHERE uscc = ?1 ORDER BY id")?;
    let rows = statement.query_map([uscc], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, record) = row?;
        let demand: Demand = serde_json::from_str(&record)?;
        out.push(PriorDemand {
            id: id.to_string(),
            enterprise_uscc: demand.enterprise_uscc,
            title: demand.title,
            description: demand.description,
            submitted_at: demand.submitted_at,
        });
    }
    Ok(out)
}

fn events(conn: &Connection, id: i64) -> Result<Vec<Event>, StoreError> {
    let mut statement =
        conn.prepare_cached("SELECT event FROM demand_events WHERE demand_id = ?1 ORDER BY seq")?;
    let rows = statement.query_map([id], |row| row.get::<_, String>(0))?;
    rows.map(|row| Ok(serde_json::from_str(&row?)?)).collect()
}

fn replay(demand: &Demand, events: &[Event], rules: &Rules<'_>) -> Result<Case, StoreError> {
    let (case, report) = Case::replay(demand.kind, events, rules);
    if !report.is_valid() {
        // Events are checked before they are written, so this means the
        // rules changed under stored data: keep the case as replayed, say so.
        // (Warnings, such as a provisional deadline, are part of the case.)
        eprintln!(
            "warning: a stored demand history no longer replays cleanly ({} findings)",
            report.findings().len()
        );
    }
    case.ok_or_else(|| StoreError::Corrupt("a demand history without its submission".into()))
}

/// A demand's row as read: id, record, topic, publication, intake findings.
type Row = (i64, String, String, Option<(String, String)>, String);

const COLUMNS: &str = "id, record, topic, published_at, published_by, intake_findings";

fn read_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    let at: Option<String> = row.get(3)?;
    let by: Option<String> = row.get(4)?;
    Ok((
        row.get(0)?,
        row.get(1)?,
        row.get(2)?,
        at.zip(by),
        row.get(5)?,
    ))
}

fn row_to_demand(
    conn: &Connection,
    row: Row,
    rules: &Rules<'_>,
) -> Result<StoredDemand, StoreError> {
    let (id, record, topic, published, intake) = row;
    let demand: Demand = serde_json::from_str(&record)?;
    let case = replay(&demand, &events(conn, id)?, rules)?;
    Ok(StoredDemand {
        id: id.to_string(),
        demand,
        topic,
        case,
        published,
        // Findings of a code this server does not know are left out.
        intake: serde_json::from_str::<Vec<serde_json::Value>>(&intake)
            .unwrap_or_default()
            .into_iter()
            .filter_map(|f| serde_json::from_value(f).ok())
            .collect(),
    })
}

/// One demand, if it exists.
pub fn load(
    conn: &Connection,
    id: &str,
    rules: &Rules<'_>,
) -> Result<Option<StoredDemand>, StoreError> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(None);
    };
    let row = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM demands WHERE id = ?1"),
            [id],
            read_row,
        )
        .optional()?;
    row.map(|row| row_to_demand(conn, row, rules)).transpose()
}

/// Every demand, newest first.
pub fn load_all(conn: &Connection, rules: &Rules<'_>) -> Result<Vec<StoredDemand>, StoreError> {
    let mut statement = conn.prepare(&format!("SELECT {COLUMNS} FROM demands ORDER BY id DESC"))?;
    let rows = statement.query_map([], read_row)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(row_to_demand(conn, row?, rules)?);
    }
    Ok(out)
}

/// Makes a demand public on Open311 (`true`) or takes it back (`false`);
/// answers whether the demand exists.
pub fn set_published(
    conn: &Connection,
    id: &str,
    public: bool,
    at: DateTime<FixedOffset>,
    by: &str,
) -> Result<bool, StoreError> {
    let Ok(id) = id.parse::<i64>() else {
        return Ok(false);
    };
    let changed = if public {
        conn.execute(
            "UPDATE demands SET published_at = coalesce(published_at, ?1), published_by = coalesce(published_by, ?2) WHERE id = ?3",
            params![at.to_rfc3339(), by, id],
        )?
    } else {
        conn.execute(
            "UPDATE demands SET published_at = NULL, published_by = NULL WHERE id = ?1",
            [id],
        )?
    };
    Ok(changed == 1)
}

/// Keeps the warnings a new demand got at intake (inside its transaction).
pub fn set_intake_findings(tx: &Connection, id: i64, report: &Report) -> Result<(), StoreError> {
    let warnings: Vec<&Finding> = report.findings().iter().filter(|f| !f.is_error()).collect();
    tx.execute(
        "UPDATE demands SET intake_findings = ?1 WHERE id = ?2",
        params![serde_json::to_string(&warnings)?, id],
    )?;
    Ok(())
}

/// Records which Open311 client posted a demand.
pub fn set_client(conn: &Connection, id: &str, client: i64) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE demands SET client_id = ?1 WHERE id = ?2",
        params![client, id.parse::<i64>().unwrap_or_default()],
    )?;
    Ok(())
}

/// What happened to an event offered to a demand.
#[derive(Debug)]
pub enum Applied {
    /// Recorded; the case as it is now.
    Done(Box<Case>),
    /// The lifecycle refused it; nothing was written.
    Refused(Report),
    /// No such demand.
    NotFound,
}

/// Applies events to demands in one transaction: all recorded, or none when
/// any is refused (the refusals come back with the demand ids).
pub fn apply_events(
    conn: &mut Connection,
    events: Vec<(String, Event)>,
    rules: &Rules<'_>,
    now: DateTime<FixedOffset>,
) -> Result<Vec<(String, Applied)>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let outcomes = apply_in(&tx, events, rules, now)?;
    if all_done(&outcomes) {
        tx.commit()?;
    }
    // Otherwise dropping the transaction rolls every event of the batch back.
    Ok(outcomes)
}

/// Records the minutes of a joint meeting together with their assignments,
/// in one transaction: the minutes stand only if every decision fits.
pub fn record_meeting(
    conn: &mut Connection,
    minutes: &lianjian::demand::meeting::Minutes,
    rules: &Rules<'_>,
    now: DateTime<FixedOffset>,
) -> Result<Vec<(String, Applied)>, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.execute(
        "INSERT INTO meetings (name, held_at, recorder, minutes) VALUES (?1, ?2, ?3, ?4)",
        params![
            minutes.meeting,
            minutes.held_at.to_rfc3339(),
            minutes.recorder,
            serde_json::to_string(minutes)?,
        ],
    )?;
    let outcomes = apply_in(&tx, minutes.events(), rules, now)?;
    if all_done(&outcomes) {
        tx.commit()?;
    }
    Ok(outcomes)
}

/// Whether every event of a batch was recorded.
pub fn all_done(outcomes: &[(String, Applied)]) -> bool {
    outcomes.iter().all(|(_, o)| matches!(o, Applied::Done(_)))
}

fn apply_in(
    conn: &Connection,
    events: Vec<(String, Event)>,
    rules: &Rules<'_>,
    now: DateTime<FixedOffset>,
) -> Result<Vec<(String, Applied)>, StoreError> {
    let mut outcomes = Vec::new();
    for (id, event) in events {
        let outcome = match load(conn, &id, rules)? {
            None => Applied::NotFound,
            Some(mut stored) => {
                let seq = stored.case.history().len();
                match stored.case.apply(event, rules) {
                    Ok(_warnings) => {
                        // The history's own copy: a computed deadline and the
                        // provisional mark are part of the record.
                        let numeric: i64 = stored.id.parse().unwrap_or_default();
                        if let Some(recorded) = stored.case.history().last() {
                            push_event(conn, numeric, seq, recorded, now)?;
                        }
                        Applied::Done(Box::new(stored.case))
                    }
                    Err(report) => Applied::Refused(report),
                }
            }
        };
        outcomes.push((id, outcome));
    }
    Ok(outcomes)
}

/// Past meetings, newest first: (name, held at, recorder, number of decisions).
pub fn meetings(conn: &Connection) -> Result<Vec<(String, String, String, usize)>, StoreError> {
    let mut statement =
        conn.prepare("SELECT name, held_at, recorder, minutes FROM meetings ORDER BY id DESC")?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, String>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
            row.get::<_, String>(3)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (name, held_at, recorder, minutes) = row?;
        let minutes: serde_json::Value = serde_json::from_str(&minutes)?;
        let count = minutes["assignments"].as_array().map_or(0, Vec::len);
        out.push((name, held_at, recorder, count));
    }
    Ok(out)
}
