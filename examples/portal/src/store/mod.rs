//! Persistence on one SQLite file. Every write is one transaction; the demand
//! history is an append-only event log and a demand's state is always derived
//! by replaying it with the core lifecycle.

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod centres;
pub mod clients;
pub mod corrections;
pub mod db;
pub mod demands;
pub mod enrollments;
pub mod receipts;
pub mod users;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::Connection;

/// A failure of the store (the data file, not the records: findings are data).
#[derive(Debug)]
pub enum StoreError {
    /// SQLite said no.
    Sqlite(rusqlite::Error),
    /// Stored JSON no longer reads as the record it was.
    Corrupt(String),
    /// The blocking task did not finish.
    Task(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Sqlite(e) => write!(f, "database: {e}"),
            StoreError::Corrupt(e) => write!(f, "stored record unreadable: {e}"),
            StoreError::Task(e) => write!(f, "database task: {e}"),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}

/// The shared connection. SQLite allows one writer at a time anyway; a demo
/// portal's load fits one connection, used from blocking tasks so that the
/// async workers never wait on disk.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens and migrates the data file.
    pub fn open(path: &Path) -> Result<Store, db::OpenError> {
        Ok(Store {
            conn: Arc::new(Mutex::new(db::open(path)?)),
        })
    }

    /// Runs `f` with the connection on a blocking thread.
    pub async fn run<T, F>(&self, f: F) -> Result<T, StoreError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> Result<T, StoreError> + Send + 'static,
    {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || {
            // A panic in another request must not make the data unreachable:
            // SQLite rolled its transaction back, so the connection is sound.
            let mut conn = conn.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            f(&mut conn)
        })
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
    }

    /// Runs `f` on the calling thread (start-up and seeding).
    pub fn run_now<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut conn)
    }
}
