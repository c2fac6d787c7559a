//! The files demands come with: bytes on disk outside the database, named by
//! their SHA-256, and a row per attachment saying which file it is.
//!
//! - A file is written first to `incoming/` under a random name, checked,
//!   then renamed to `<first two hex digits>/<sha256 hex>` (a rename within
//!   one file system is atomic, so a file under its hash is always whole).
//!   The same bytes sent twice are kept once.
//! - The rows are written in the transaction that stores the demand: a
//!   demand is never stored without its files' rows. A crash between the
//!   rename and the commit leaves a file no row names; it harms nothing (its
//!   name is its content) and a later upload of the same bytes reuses it.
//! - Files are never changed or served by their own name; staff open them
//!   through the demand they belong to.

use std::io::Write;
use std::path::{Path, PathBuf};

use lianjian::demand::Attachment;
use rusqlite::{params, Connection, OptionalExtension};

use super::StoreError;

/// The folder of received files.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

/// Whether a text is a SHA-256 in lower-case hex.
fn is_sha256_hex(text: &str) -> bool {
    text.len() == 64
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

impl FileStore {
    /// Opens (creating it and `incoming/` if missing) the folder.
    pub fn open(root: &Path) -> std::io::Result<FileStore> {
        std::fs::create_dir_all(root.join("incoming"))?;
        Ok(FileStore {
            root: root.to_owned(),
        })
    }

    /// Where files are written while they arrive.
    pub fn incoming(&self) -> PathBuf {
        self.root.join("incoming")
    }

    /// The path of the file with this SHA-256 (hex), if the text is one.
    pub fn path_of(&self, sha256: &str) -> Option<PathBuf> {
        is_sha256_hex(sha256).then(|| self.root.join(&sha256[..2]).join(sha256))
    }

    /// Moves a received file (flushed to disk) to its place under its hash;
    /// when the same bytes are already kept, the received copy is removed.
    pub fn keep(&self, received: &Path, sha256: &str) -> std::io::Result<()> {
        let Some(target) = self.path_of(sha256) else {
            return Err(std::io::Error::other("not a SHA-256"));
        };
        if target.is_file() {
            return std::fs::remove_file(received);
        }
        let dir = target.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir)?;
        std::fs::File::open(received)?.sync_all()?;
        std::fs::rename(received, &target)?;
        // The rename itself is durable once the folder is.
        std::fs::File::open(dir)?.sync_all()
    }

    /// Writes bytes under their hash (seeding and tests); answers the hash.
    pub fn put(&self, bytes: &[u8]) -> std::io::Result<String> {
        use sha2::{Digest, Sha256};
        let sha256: String = Sha256::digest(bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let temp = self.incoming().join(crate::store::accounts::random_hex(16));
        std::fs::File::create(&temp)?.write_all(bytes)?;
        self.keep(&temp, &sha256)?;
        Ok(sha256)
    }
}

/// An attachment as stored: the record's metadata and the file's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredAttachment {
    /// Its place in the record's list, from 0.
    pub index: usize,
    /// The file name as chosen.
    pub name: String,
    /// The type, as claimed and checked against the bytes.
    pub mime: String,
    /// Size in bytes.
    pub size_bytes: u64,
    /// SHA-256 of the bytes, hex.
    pub sha256: String,
}

/// Records the files of a new demand (inside the transaction storing it):
/// `hashes[i]` is the file of `attachments[i]`.
pub fn insert_in(
    tx: &Connection,
    demand_id: i64,
    attachments: &[Attachment],
    hashes: &[String],
) -> Result<(), StoreError> {
    if attachments.len() != hashes.len() {
        return Err(StoreError::Corrupt(
            "attachments and their files differ in number".into(),
        ));
    }
    for (index, (a, sha256)) in attachments.iter().zip(hashes).enumerate() {
        tx.execute(
            "INSERT INTO attachments (demand_id, idx, name, mime, size_bytes, sha256)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                demand_id,
                index as i64,
                a.name,
                a.mime,
                a.size_bytes as i64,
                sha256
            ],
        )?;
    }
    Ok(())
}

fn row(row: &rusqlite::Row<'_>) -> rusqlite::Result<StoredAttachment> {
    Ok(StoredAttachment {
        index: row.get::<_, i64>(0)? as usize,
        name: row.get(1)?,
        mime: row.get(2)?,
        size_bytes: row.get::<_, i64>(3)? as u64,
        sha256: row.get(4)?,
    })
}

/// The files of a demand, in the record's order.
pub fn list(conn: &Connection, demand_id: &str) -> Result<Vec<StoredAttachment>, StoreError> {
    let Ok(id) = demand_id.parse::<i64>() else {
        return Ok(Vec::new());
    };
    let mut statement = conn.prepare_cached(
        "SELECT idx, name, mime, size_bytes, sha256 FROM attachments WHERE demand_id = ?1 ORDER BY idx",
    )?;
    let rows = statement.query_map([id], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One file of a demand.
pub fn get(
    conn: &Connection,
    demand_id: &str,
    index: usize,
) -> Result<Option<StoredAttachment>, StoreError> {
    let Ok(id) = demand_id.parse::<i64>() else {
        return Ok(None);
    };
    Ok(conn
        .query_row(
            "SELECT idx, name, mime, size_bytes, sha256 FROM attachments WHERE demand_id = ?1 AND idx = ?2",
            params![id, index as i64],
            row,
        )
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_kept_once_under_their_hash() {
        let dir =
            std::env::temp_dir().join(format!("lianjian-portal-files-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let store = FileStore::open(&dir).unwrap();
        let a = store.put(b"same bytes").unwrap();
        let b = store.put(b"same bytes").unwrap();
        assert_eq!(a, b);
        let path = store.path_of(&a).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"same bytes");
        assert!(path.starts_with(dir.join(&a[..2])));
        assert_eq!(std::fs::read_dir(store.incoming()).unwrap().count(), 0);
        for bad in ["../x", "", &"A".repeat(64), &format!("{}/", "0".repeat(63))] {
            assert!(store.path_of(bad).is_none(), "{bad}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}
