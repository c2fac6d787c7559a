//! Opening the data file: durability settings and numbered migrations.
//!
//! - `journal_mode=WAL`: readers never block the writer, and a crash leaves
//!   either the whole last transaction or none of it.
//! - `synchronous=FULL`: the WAL is flushed to disk at every commit, so a
//!   `201 Created` means the record survives a power cut too. `NORMAL` would
//!   survive a killed process but could lose the last commits on power loss;
//!   for an intake service, a lost acknowledged submission costs more than the
//!   milliseconds a flush takes.
//! - `foreign_keys=ON`, and a `busy_timeout` in case a maintenance tool holds
//!   the file for a moment.
//!
//! Migrations are SQL files numbered from 1; `PRAGMA user_version` holds the
//! last one applied, and each is applied in its own transaction together with
//! the version bump, so a crash mid-migration leaves the previous schema.

use std::path::Path;

use rusqlite::{Connection, TransactionBehavior};

/// The migrations, in order: `MIGRATIONS[n]` brings the schema from `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_attachments.sql"),
    include_str!("../../migrations/0003_roles_audit.sql"),
    include_str!("../../migrations/0004_open311.sql"),
    include_str!("../../migrations/0005_receipts.sql"),
    include_str!("../../migrations/0006_intake_findings.sql"),
    include_str!("../../migrations/0007_corrections.sql"),
    include_str!("../../migrations/0008_centres.sql"),
    include_str!("../../migrations/0009_district_files.sql"),
    include_str!("../../migrations/0010_activity_revisions.sql"),
];

/// Why the data file could not be opened.
#[derive(Debug)]
pub struct OpenError(pub String);

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for OpenError {}

impl From<rusqlite::Error> for OpenError {
    fn from(e: rusqlite::Error) -> Self {
        OpenError(e.to_string())
    }
}

/// Opens (creating it and its folder if missing) and migrates the data file.
pub fn open(path: &Path) -> Result<Connection, OpenError> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)
            .map_err(|e| OpenError(format!("cannot create {}: {e}", dir.display())))?;
    }
    let mut conn = Connection::open(path)?;
    configure(&conn)?;
    migrate(&mut conn)?;
    Ok(conn)
}

/// The settings of every connection.
pub fn configure(conn: &Connection) -> Result<(), OpenError> {
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    let mode: String = conn.query_row("PRAGMA journal_mode=WAL", [], |row| row.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(OpenError(format!(
            "the data file refused WAL mode (journal_mode={mode})"
        )));
    }
    conn.execute_batch("PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;")?;
    Ok(())
}

/// The schema version of an open database.
pub fn schema_version(conn: &Connection) -> rusqlite::Result<usize> {
    conn.query_row("PRAGMA user_version", [], |row| row.get(0))
}

/// Applies every migration not applied yet, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<(), OpenError> {
    let current = schema_version(conn)?;
    if current > MIGRATIONS.len() {
        return Err(OpenError(format!(
            "the data file has schema {current}, newer than this server ({})",
            MIGRATIONS.len()
        )));
    }
    for (n, sql) in MIGRATIONS.iter().enumerate().skip(current) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)
            .map_err(|e| OpenError(format!("migration {}: {e}", n + 1)))?;
        tx.pragma_update(None, "user_version", n + 1)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrates_once_and_keeps_events_append_only() {
        let dir = std::env::temp_dir().join(format!("lianjian-portal-db-{}", std::process::id()));
        let path = dir.join("nested").join("test.db");
        let _ = std::fs::remove_dir_all(&dir);
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATIONS.len());
        drop(conn);
        let conn = open(&path).unwrap();
        assert_eq!(schema_version(&conn).unwrap(), MIGRATIONS.len());
        conn.execute(
            "INSERT INTO demands (id, uscc, kind, record, topic, received_at) VALUES (1, 'u', 'help', '{}', 'tax', 'now')",
            [],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO demand_events (demand_id, seq, event, recorded_at) VALUES (1, 0, '{}', 'now')",
            [],
        )
        .unwrap();
        assert!(conn
            .execute("UPDATE demand_events SET event = 'x'", [])
            .is_err());
        assert!(conn.execute("DELETE FROM demand_events", []).is_err());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
