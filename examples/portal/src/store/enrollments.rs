//! Enrollments: one per enterprise and chain.

use chrono::{DateTime, FixedOffset};
use lianjian::Enrollment;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use super::StoreError;

/// What storing an enrollment did.
#[derive(Debug, PartialEq, Eq)]
pub enum Stored {
    /// Stored under this id.
    New(String),
    /// The enterprise is already enrolled in this chain, under this id.
    AlreadyEnrolled(String),
}

/// Stores a valid enrollment unless the enterprise is already in the chain.
pub fn insert(
    conn: &mut Connection,
    record: &Enrollment,
    received_at: DateTime<FixedOffset>,
) -> Result<Stored, StoreError> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let stored = insert_in(&tx, record, received_at)?;
    if matches!(stored, Stored::New(_)) {
        tx.commit()?;
    }
    Ok(stored)
}

/// [`insert`] inside the caller's transaction (which may store more with
/// it, such as the receipt).
pub fn insert_in(
    tx: &Connection,
    record: &Enrollment,
    received_at: DateTime<FixedOffset>,
) -> Result<Stored, StoreError> {
    let value = serde_json::to_value(record)?;
    let chain = value["chain"].as_str().unwrap_or_default().to_owned();
    let uscc = value["enterprise"]["uscc"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let existing: Option<i64> = tx
        .query_row(
            "SELECT id FROM enrollments WHERE chain = ?1 AND uscc = ?2",
            params![chain, uscc],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(Stored::AlreadyEnrolled(id.to_string()));
    }
    tx.execute(
        "INSERT INTO enrollments (chain, uscc, record, received_at) VALUES (?1, ?2, ?3, ?4)",
        params![chain, uscc, value.to_string(), received_at.to_rfc3339()],
    )?;
    Ok(Stored::New(tx.last_insert_rowid().to_string()))
}

/// Every stored enrollment, oldest first.
pub fn load_all(conn: &Connection) -> Result<Vec<Enrollment>, StoreError> {
    let mut statement = conn.prepare("SELECT record FROM enrollments ORDER BY id")?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    rows.map(|row| Ok(serde_json::from_str(&row?)?)).collect()
}

/// How many enrollments are stored.
pub fn count(conn: &Connection) -> Result<u64, StoreError> {
    Ok(conn.query_row("SELECT count(*) FROM enrollments", [], |row| row.get(0))?)
}

/// A stored enrollment with its id and the time it was received.
#[derive(Debug, Clone)]
pub struct StoredEnrollment {
    /// The id.
    pub id: String,
    /// When it was received (RFC 3339).
    pub received_at: String,
    /// The record.
    pub record: Enrollment,
}

/// Every stored enrollment, newest first.
pub fn list(conn: &Connection) -> Result<Vec<StoredEnrollment>, StoreError> {
    let mut statement =
        conn.prepare("SELECT id, received_at, record FROM enrollments ORDER BY id DESC")?;
    let rows = statement.query_map([], |row| {
        Ok((
            row.get::<_, i64>(0)?,
            row.get::<_, String>(1)?,
            row.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (id, received_at, record) = row?;
        out.push(StoredEnrollment {
            id: id.to_string(),
            received_at,
            record: serde_json::from_str(&record)?,
        });
    }
    Ok(out)
}

/// The enterprise names of the stored enrollments, by USCC.
pub fn names(conn: &Connection) -> Result<std::collections::BTreeMap<String, String>, StoreError> {
    Ok(load_all(conn)?
        .into_iter()
        .map(|e| (e.enterprise.uscc, e.enterprise.name))
        .collect())
}

/// One stored enrollment.
pub fn get(conn: &Connection, id: i64) -> Result<Option<StoredEnrollment>, StoreError> {
    let row: Option<(String, String)> = conn
        .query_row(
            "SELECT received_at, record FROM enrollments WHERE id = ?1",
            [id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    row.map(|(received_at, record)| {
        Ok(StoredEnrollment {
            id: id.to_string(),
            received_at,
            record: serde_json::from_str(&record)?,
        })
    })
    .transpose()
}
