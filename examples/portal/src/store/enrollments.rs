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
    let value = serde_json::to_value(record)?;
    let chain = value["chain"].as_str().unwrap_or_default().to_owned();
    let uscc = value["enterprise"]["uscc"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
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
    let id = tx.last_insert_rowid();
    tx.commit()?;
    Ok(Stored::New(id.to_string()))
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
