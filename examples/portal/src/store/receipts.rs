//! Receipts: a number and a query code for every demand and enrollment
//! received from the portal page. The number names the record (`D-000042`,
//! `E-000017`); the code (8 characters without look-alikes, about 36 bits)
//! proves the holder received it. Only the code's SHA-256 (salted with the
//! number) is kept; the tracking page limits wrong guesses per number.

use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, FixedOffset};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::StoreError;

/// What a receipt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A demand (诉求).
    Demand,
    /// An enrollment (入会).
    Enrollment,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Demand => "demand",
            Kind::Enrollment => "enrollment",
        }
    }

    fn prefix(self) -> char {
        match self {
            Kind::Demand => 'D',
            Kind::Enrollment => 'E',
        }
    }
}

/// A receipt as the enterprise gets it (once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    /// The number.
    pub number: String,
    /// The query code.
    pub code: String,
}

/// The characters of a code: upper-case letters and digits without the
/// look-alikes (0/O, 1/I/L, 2/Z, 5/S, 8/B, 6/G).
const ALPHABET: &[u8] = b"ACDEFHJKMNPQRTUVWXY3479";

fn hash(number: &str, code: &str) -> String {
    Sha256::digest(format!("{number}:{code}").as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The number of a record.
pub fn number(kind: Kind, record_id: i64) -> String {
    format!("{}-{record_id:06}", kind.prefix())
}

/// A number and a code as typed: upper case, spaces and dashes inside the
/// code dropped, full-width forms read as their ASCII twins.
pub fn normalize(number: &str, code: &str) -> (String, String) {
    let ascii = |text: &str| -> String {
        text.chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
                other => other,
            })
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase()
    };
    (ascii(number), ascii(code).replace('-', ""))
}

/// Issues the receipt of a new record (inside the transaction storing it).
pub fn issue(
    tx: &Connection,
    kind: Kind,
    record_id: i64,
    at: DateTime<FixedOffset>,
) -> Result<Receipt, StoreError> {
    let mut bytes = [0u8; 8];
    OsRng.fill_bytes(&mut bytes);
    let code: String = bytes
        .iter()
        .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
        .collect();
    let number = number(kind, record_id);
    tx.execute(
        "INSERT INTO receipts (number, kind, record_id, code_hash, issued_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![number, kind.name(), record_id, hash(&number, &code), at.to_rfc3339()],
    )?;
    Ok(Receipt { number, code })
}

/// The record a number and code name, when they match.
pub fn find(
    conn: &Connection,
    number: &str,
    code: &str,
) -> Result<Option<(Kind, i64)>, StoreError> {
    let (number, code) = normalize(number, code);
    let row: Option<(String, i64, String)> = conn
        .query_row(
            "SELECT kind, record_id, code_hash FROM receipts WHERE number = ?1",
            [&number],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    Ok(row.and_then(|(kind, id, stored)| {
        let given = hash(&number, &code);
        let same = crate::http::auth::constant_time_eq(&given, &stored);
        let kind = if kind == "demand" {
            Kind::Demand
        } else {
            Kind::Enrollment
        };
        same.then_some((kind, id))
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_is_found_with_its_code_only() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::db::migrate(&mut conn).unwrap();
        let at = DateTime::parse_from_rfc3339("2026-11-25T10:00:00+08:00").unwrap();
        let receipt = issue(&conn, Kind::Demand, 42, at).unwrap();
        assert_eq!(receipt.number, "D-000042");
        assert_eq!(receipt.code.len(), 8);
        assert!(receipt.code.bytes().all(|b| ALPHABET.contains(&b)));
        assert_eq!(
            find(&conn, "D-000042", &receipt.code).unwrap(),
            Some((Kind::Demand, 42))
        );
        // As people type it: lower case, spaces, a dash, full-width forms.
        let typed = " d－０００042 ";
        let code = format!(
            "{}-{}",
            &receipt.code[..4].to_lowercase(),
            &receipt.code[4..]
        );
        assert_eq!(find(&conn, typed, &code).unwrap(), Some((Kind::Demand, 42)));
        assert_eq!(find(&conn, "D-000042", "AAAAAAAA").unwrap(), None);
        assert_eq!(find(&conn, "E-000042", &receipt.code).unwrap(), None);
        let stored: String = conn
            .query_row("SELECT code_hash FROM receipts", [], |r| r.get(0))
            .unwrap();
        assert!(!stored.contains(&receipt.code));
    }
}
