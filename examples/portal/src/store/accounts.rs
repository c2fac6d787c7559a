//! Staff accounts and sessions. Passwords are Argon2id PHC strings (the
//! argon2 crate's default parameters); a session id is 256 random bits, given
//! to the browser once and stored only as its SHA-256.

use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};

use super::StoreError;
use crate::roles::Role;

/// How long a session lasts, in seconds (a working day).
pub const SESSION_SECONDS: i64 = 8 * 3600;

/// `n` random bytes from the operating system, as lower-case hex.
pub fn random_hex(n: usize) -> String {
    let mut bytes = vec![0u8; n];
    OsRng.fill_bytes(&mut bytes);
    hex(&bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn sha256_hex(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A one-time password people can type: 20 characters without look-alikes.
pub fn generate_password() -> String {
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789";
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect()
}

/// The PHC string of a password (Argon2id, fresh random salt).
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Corrupt(format!("password hashing: {e}")))
}

/// Whether a password matches a PHC string (the comparison inside is constant-time).
pub fn verify_password(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|hash| {
            Argon2::default()
                .verify_password(password.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A hash to verify against when the user does not exist, so that an unknown
/// name takes as long to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password(&random_hex(16)).unwrap_or_default())
}

/// Creates the `admin` account on first run and returns its one-time password.
pub fn ensure_admin(conn: &Connection) -> Result<Option<String>, StoreError> {
    let users: i64 = conn.query_row("SELECT count(*) FROM users", [], |row| row.get(0))?;
    if users > 0 {
        return Ok(None);
    }
    let password = generate_password();
    conn.execute(
        "INSERT INTO users (username, password_hash, must_change_password, created_at, role)
         VALUES ('admin', ?1, 1, datetime('now'), 'admin')",
        [hash_password(&password)?],
    )?;
    Ok(Some(password))
}

/// The user id when the name and password match an account that is not
/// disabled (a disabled account is refused like a wrong password, after the
/// same hashing).
pub fn check_login(
    conn: &Connection,
    username: &str,
    password: &str,
) -> Result<Option<i64>, StoreError> {
    let row: Option<(i64, String, bool)> = conn
        .query_row(
            "SELECT id, password_hash, disabled FROM users WHERE username = ?1",
            [username],
            |row| Ok((row.get(0)?, row.get(1)?, row.get::<_, i64>(2)? != 0)),
        )
        .optional()?;
    Ok(match row {
        Some((id, hash, disabled)) => (verify_password(password, &hash) && !disabled).then_some(id),
        None => {
            let _ = verify_password(password, decoy_hash());
            None
        }
    })
}

/// Sets a new password and lifts the obligation to change it.
pub fn set_password(conn: &Connection, user_id: i64, password: &str) -> Result<(), StoreError> {
    conn.execute(
        "UPDATE users SET password_hash = ?1, must_change_password = 0 WHERE id = ?2",
        params![hash_password(password)?, user_id],
    )?;
    Ok(())
}

/// A signed-in staff member.
#[derive(Debug, Clone)]
pub struct Session {
    /// The user's id.
    pub user_id: i64,
    /// The user's name (the actor of the events they record).
    pub username: String,
    /// The synchronizer token every state-changing form carries.
    pub csrf_token: String,
    /// Whether the one-time password must still be replaced.
    pub must_change_password: bool,
    /// What the account may do ([`crate::roles`]).
    pub role: Role,
    /// A handler's department id.
    pub department: Option<String>,
}

/// Opens a session; returns the cookie value (never stored as such).
pub fn create_session(conn: &Connection, user_id: i64) -> Result<String, StoreError> {
    let now = unix_now();
    conn.execute("DELETE FROM sessions WHERE expires_at <= ?1", [now])?;
    let cookie = random_hex(32);
    conn.execute(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, expires_at) VALUES (?1, ?2, ?3, ?4)",
        params![
            sha256_hex(&cookie),
            user_id,
            random_hex(32),
            now + SESSION_SECONDS
        ],
    )?;
    Ok(cookie)
}

/// The live session a cookie value names.
pub fn session(conn: &Connection, cookie: &str) -> Result<Option<Session>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT u.id, u.username, s.csrf_token, u.must_change_password, u.role, u.department
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.id_hash = ?1 AND s.expires_at > ?2 AND u.disabled = 0",
            params![sha256_hex(cookie), unix_now()],
            |row| {
                Ok(Session {
                    user_id: row.get(0)?,
                    username: row.get(1)?,
                    csrf_token: row.get(2)?,
                    must_change_password: row.get::<_, i64>(3)? != 0,
                    // The schema's CHECK admits only known roles; the least
                    // power should one ever read otherwise.
                    role: Role::parse(&row.get::<_, String>(4)?).unwrap_or(Role::Auditor),
                    department: row.get(5)?,
                })
            },
        )
        .optional()?)
}

/// Ends a session.
pub fn end_session(conn: &Connection, cookie: &str) -> Result<(), StoreError> {
    conn.execute(
        "DELETE FROM sessions WHERE id_hash = ?1",
        [sha256_hex(cookie)],
    )?;
    Ok(())
}

/// Ends every session of a user (after a password change).
pub fn end_sessions_of(conn: &Connection, user_id: i64) -> Result<(), StoreError> {
    conn.execute("DELETE FROM sessions WHERE user_id = ?1", [user_id])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let phc = hash_password("correct horse").unwrap();
        assert!(phc.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &phc));
        assert!(!verify_password("wrong horse", &phc));
        assert!(!verify_password("x", "not a phc string"));
    }

    #[test]
    fn tokens_are_random_and_long() {
        let (a, b) = (random_hex(32), random_hex(32));
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(generate_password().len(), 20);
    }
}
