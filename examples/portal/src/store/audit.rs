//! The audit log: sign-ins and every staff action, refusals included, in an
//! append-only table. It names accounts and records, never personal data.

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection};

use super::StoreError;

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// It happened.
    Done,
    /// The rules refused it (findings), or the password was wrong.
    Refused,
    /// The account's role or department does not allow it.
    Denied,
}

impl Outcome {
    /// The stored name.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Done => "done",
            Outcome::Refused => "refused",
            Outcome::Denied => "denied",
        }
    }
}

/// One line of the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// When (RFC 3339).
    pub at: String,
    /// An account name, or `command line`.
    pub actor: String,
    /// What was tried (`sign_in`, `event:assigned`, `user_created`…).
    pub action: String,
    /// What it was about (`demand 12`, `user li.si`).
    pub target: String,
    /// `done`, `refused` or `denied`.
    pub outcome: String,
    /// Finding codes of a refusal, a role given, a count.
    pub detail: String,
}

/// Appends a line.
pub fn record(
    conn: &Connection,
    at: DateTime<FixedOffset>,
    actor: &str,
    action: &str,
    target: &str,
    outcome: Outcome,
    detail: &str,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO audit_log (at, actor, action, target, outcome, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at.to_rfc3339(), actor, action, target, outcome.name(), detail],
    )?;
    Ok(())
}

/// The newest `limit` lines, of one actor when given.
pub fn recent(
    conn: &Connection,
    actor: Option<&str>,
    limit: usize,
) -> Result<Vec<Entry>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT at, actor, action, target, outcome, detail FROM audit_log
         WHERE ?1 IS NULL OR actor = ?1 ORDER BY id DESC LIMIT ?2",
    )?;
    let rows = statement.query_map(params![actor, limit as i64], |row| {
        Ok(Entry {
            at: row.get(0)?,
            actor: row.get(1)?,
            action: row.get(2)?,
            target: row.get(3)?,
            outcome: row.get(4)?,
            detail: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
