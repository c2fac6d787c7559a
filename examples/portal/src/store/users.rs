//! Staff accounts as an administrator manages them: create with a one-time
//! password, set the role and department, disable and enable, reset the
//! password (a new one-time password; the account's sessions end).

use rusqlite::{params, Connection, OptionalExtension};

use super::accounts::{end_sessions_of, generate_password, hash_password};
use super::StoreError;
use crate::roles::Role;

/// An account as the user page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// The id.
    pub id: i64,
    /// The sign-in name.
    pub username: String,
    /// The role.
    pub role: Role,
    /// A handler's department id.
    pub department: Option<String>,
    /// Whether it is disabled.
    pub disabled: bool,
    /// Whether its one-time password is still to be replaced.
    pub must_change_password: bool,
}

/// Why a change to an account was refused (each has a text in the portal's words).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The name is not 2–32 of `a-z 0-9 . _ -`.
    BadName,
    /// An account of that name exists.
    NameTaken,
    /// A handler needs a department of the dictionary; other roles have none.
    Department,
    /// The last active administrator cannot lose the role or be disabled.
    LastAdmin,
    /// No such account.
    NotFound,
}

impl Refusal {
    /// The key of its text ([`crate::i18n::t`]).
    pub fn key(self) -> &'static str {
        match self {
            Refusal::BadName => "user_bad_name",
            Refusal::NameTaken => "user_name_taken",
            Refusal::Department => "user_department",
            Refusal::LastAdmin => "user_last_admin",
            Refusal::NotFound => "not_found",
        }
    }
}

/// Whether a sign-in name is acceptable: 2–32 characters of `a-z`, `0-9`,
/// `.`, `_` and `-` (names are typed on phones and read in the audit log).
pub fn valid_name(name: &str) -> bool {
    (2..=32).contains(&name.len())
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        })
}

fn check_department(role: Role, department: Option<&str>) -> Result<(), Refusal> {
    let known = department.is_some_and(|d| {
        lianjian::demand::Dictionary::builtin()
            .department(d)
            .is_some()
    });
    match (role, department) {
        (Role::Handler, _) if known => Ok(()),
        (Role::Handler, _) => Err(Refusal::Department),
        (_, None) => Ok(()),
        (_, Some(_)) => Err(Refusal::Department),
    }
}

fn row(row: &rusqlite::Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        username: row.get(1)?,
        role: Role::parse(&row.get::<_, String>(2)?).unwrap_or(Role::Auditor),
        department: row.get(3)?,
        disabled: row.get::<_, i64>(4)? != 0,
        must_change_password: row.get::<_, i64>(5)? != 0,
    })
}

const COLUMNS: &str = "id, username, role, department, disabled, must_change_password";

/// Every account, by name.
pub fn list(conn: &Connection) -> Result<Vec<User>, StoreError> {
    let mut statement = conn.prepare(&format!("SELECT {COLUMNS} FROM users ORDER BY username"))?;
    let rows = statement.query_map([], row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The account with this name.
pub fn find(conn: &Connection, username: &str) -> Result<Option<User>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE username = ?1"),
            [username],
            row,
        )
        .optional()?)
}

fn by_id(conn: &Connection, id: i64) -> Result<Option<User>, StoreError> {
    Ok(conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
            [id],
            row,
        )
        .optional()?)
}

fn other_active_admins(conn: &Connection, id: i64) -> Result<i64, StoreError> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0 AND id <> ?1",
        [id],
        |r| r.get(0),
    )?)
}

/// Creates an account; answers its one-time password.
pub fn create(
    conn: &Connection,
    username: &str,
    role: Role,
    department: Option<&str>,
) -> Result<Result<String, Refusal>, StoreError> {
    if !valid_name(username) {
        return Ok(Err(Refusal::BadName));
    }
    if let Err(refusal) = check_department(role, department) {
        return Ok(Err(refusal));
    }
    if find(conn, username)?.is_some() {
        return Ok(Err(Refusal::NameTaken));
    }
    let password = generate_password();
    conn.execute(
        "INSERT INTO users (username, password_hash, must_change_password, created_at, role, department)
         VALUES (?1, ?2, 1, datetime('now'), ?3, ?4)",
        params![username, hash_password(&password)?, role.name(), department],
    )?;
    Ok(Ok(password))
}

/// Sets an account's role and department; its sessions end, so that the
/// new role applies from the next sign-in on.
pub fn set_role(
    conn: &Connection,
    id: i64,
    role: Role,
    department: Option<&str>,
) -> Result<Result<User, Refusal>, StoreError> {
    let Some(user) = by_id(conn, id)? else {
        return Ok(Err(Refusal::NotFound));
    };
    if let Err(refusal) = check_department(role, department) {
        return Ok(Err(refusal));
    }
    if user.role == Role::Admin && role != Role::Admin && other_active_admins(conn, id)? == 0 {
        return Ok(Err(Refusal::LastAdmin));
    }
    conn.execute(
        "UPDATE users SET role = ?1, department = ?2 WHERE id = ?3",
        params![role.name(), department, id],
    )?;
    end_sessions_of(conn, id)?;
    Ok(Ok(user))
}

/// Disables (ending its sessions) or enables an account.
pub fn set_disabled(
    conn: &Connection,
    id: i64,
    disabled: bool,
) -> Result<Result<User, Refusal>, StoreError> {
    let Some(user) = by_id(conn, id)? else {
        return Ok(Err(Refusal::NotFound));
    };
    if disabled && user.role == Role::Admin && other_active_admins(conn, id)? == 0 {
        return Ok(Err(Refusal::LastAdmin));
    }
    conn.execute(
        "UPDATE users SET disabled = ?1 WHERE id = ?2",
        params![i64::from(disabled), id],
    )?;
    if disabled {
        end_sessions_of(conn, id)?;
    }
    Ok(Ok(user))
}

/// Gives an account a new one-time password (to be replaced at the next
/// sign-in) and ends its sessions; answers the password.
pub fn reset_password(
    conn: &Connection,
    id: i64,
) -> Result<Result<(User, String), Refusal>, StoreError> {
    let Some(user) = by_id(conn, id)? else {
        return Ok(Err(Refusal::NotFound));
    };
    let password = generate_password();
    conn.execute(
        "UPDATE users SET password_hash = ?1, must_change_password = 1 WHERE id = ?2",
        params![hash_password(&password)?, id],
    )?;
    end_sessions_of(conn, id)?;
    Ok(Ok((user, password)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn() -> Connection {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::db::migrate(&mut conn).unwrap();
        crate::store::accounts::ensure_admin(&conn).unwrap();
        conn
    }

    #[test]
    fn accounts_are_created_scoped_and_the_last_admin_stays() {
        let conn = conn();
        let admin = find(&conn, "admin").unwrap().unwrap();
        assert_eq!(admin.role, Role::Admin);
        assert_eq!(
            create(&conn, "A", Role::Office, None).unwrap(),
            Err(Refusal::BadName)
        );
        assert_eq!(
            create(&conn, "admin", Role::Office, None).unwrap(),
            Err(Refusal::NameTaken)
        );
        assert_eq!(
            create(&conn, "tax", Role::Handler, None).unwrap(),
            Err(Refusal::Department)
        );
        assert_eq!(
            create(&conn, "tax", Role::Handler, Some("nowhere")).unwrap(),
            Err(Refusal::Department)
        );
        assert_eq!(
            create(&conn, "office", Role::Office, Some("tax_bureau")).unwrap(),
            Err(Refusal::Department)
        );
        let password = create(&conn, "tax.handler", Role::Handler, Some("tax_bureau"))
            .unwrap()
            .unwrap();
        assert_eq!(password.len(), 20);
        let tax = find(&conn, "tax.handler").unwrap().unwrap();
        assert!(tax.must_change_password && !tax.disabled);
        assert_eq!(tax.department.as_deref(), Some("tax_bureau"));

        assert_eq!(
            set_role(&conn, admin.id, Role::Office, None).unwrap(),
            Err(Refusal::LastAdmin)
        );
        assert_eq!(
            set_disabled(&conn, admin.id, true).unwrap(),
            Err(Refusal::LastAdmin)
        );
        set_role(&conn, tax.id, Role::Admin, None).unwrap().unwrap();
        set_disabled(&conn, admin.id, true).unwrap().unwrap();
        assert!(crate::store::accounts::check_login(&conn, "admin", "x")
            .unwrap()
            .is_none());
        let (_, again) = reset_password(&conn, tax.id).unwrap().unwrap();
        assert_ne!(again, password);
        assert_eq!(reset_password(&conn, 999).unwrap(), Err(Refusal::NotFound));
    }
}
