//! Open311 clients: the systems allowed to post requests, each with an API
//! key (GeoReport v2's `api_key`). A key is 40 random characters given once;
//! only its SHA-256 is stored, with its last four characters to tell keys
//! apart on the accounts page.

use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::accounts::random_hex;
use super::StoreError;

/// A registered client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// The id.
    pub id: i64,
    /// Who the key was issued to.
    pub name: String,
    /// The key's last four characters.
    pub key_hint: String,
    /// When it was issued (RFC 3339).
    pub created_at: String,
    /// By which account.
    pub created_by: String,
    /// Whether its key is refused.
    pub disabled: bool,
}

fn key_hash(key: &str) -> String {
    Sha256::digest(key.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Registers a client; answers its key (shown once), or `None` when the
/// name is empty, longer than 60 characters, or taken.
pub fn create(
    conn: &Connection,
    name: &str,
    by: &str,
    at: DateTime<FixedOffset>,
) -> Result<Option<String>, StoreError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 60 {
        return Ok(None);
    }
    let taken: bool = conn.query_row(
        "SELECT count(*) > 0 FROM api_clients WHERE name = ?1",
        [name],
        |r| r.get(0),
    )?;
    if taken {
        return Ok(None);
    }
    let key = format!("lj_{}", random_hex(20));
    conn.execute(
        "INSERT INTO api_clients (name, key_hash, key_hint, created_at, created_by) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![name, key_hash(&key), &key[key.len() - 4..], at.to_rfc3339(), by],
    )?;
    Ok(Some(key))
}

/// Every client, by name.
pub fn list(conn: &Connection) -> Result<Vec<Client>, StoreError> {
    let mut statement = conn.prepare(
        "SELECT id, name, key_hint, created_at, created_by, disabled FROM api_clients ORDER BY name",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(Client {
            id: row.get(0)?,
            name: row.get(1)?,
            key_hint: row.get(2)?,
            created_at: row.get(3)?,
            created_by: row.get(4)?,
            disabled: row.get::<_, i64>(5)? != 0,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Refuses (or accepts again) a client's key; answers its name.
pub fn set_disabled(
    conn: &Connection,
    id: i64,
    disabled: bool,
) -> Result<Option<String>, StoreError> {
    let name: Option<String> = conn
        .query_row("SELECT name FROM api_clients WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?;
    if name.is_some() {
        conn.execute(
            "UPDATE api_clients SET disabled = ?1 WHERE id = ?2",
            params![i64::from(disabled), id],
        )?;
    }
    Ok(name)
}

/// The client a key belongs to, when it is registered and not disabled.
pub fn verify(conn: &Connection, key: &str) -> Result<Option<(i64, String)>, StoreError> {
    if key.is_empty() {
        return Ok(None);
    }
    Ok(conn
        .query_row(
            "SELECT id, name FROM api_clients WHERE key_hash = ?1 AND disabled = 0",
            [key_hash(key)],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_given_once_and_checked_by_hash() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::db::migrate(&mut conn).unwrap();
        let at = DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap();
        let key = create(&conn, "12345 热线", "admin", at).unwrap().unwrap();
        assert!(key.starts_with("lj_") && key.len() == 43);
        assert_eq!(create(&conn, "12345 热线", "admin", at).unwrap(), None);
        assert_eq!(create(&conn, " ", "admin", at).unwrap(), None);
        let (id, name) = verify(&conn, &key).unwrap().unwrap();
        assert_eq!(name, "12345 热线");
        assert_eq!(verify(&conn, "lj_wrong").unwrap(), None);
        let stored: String = conn
            .query_row("SELECT key_hash || key_hint FROM api_clients", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert!(
            !stored.contains(&key[3..39]),
            "the key itself is not stored"
        );
        set_disabled(&conn, id, true).unwrap();
        assert_eq!(verify(&conn, &key).unwrap(), None);
        assert_eq!(list(&conn).unwrap()[0].key_hint, &key[39..]);
    }
}
