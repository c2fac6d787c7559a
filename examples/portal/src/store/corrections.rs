//! Corrections: where staff assigned a demand to another department than
//! the one suggested, the core's [`Correction`] (the demand's text, scrubbed,
//! with what was suggested and what was decided), kept for the district to
//! export and train its classifier model on (`lianjian classify --train`).

use chrono::{DateTime, FixedOffset};
use lianjian::demand::{correction, Classifier, Correction, Demand};
use rusqlite::{params, Connection, OptionalExtension};

use super::StoreError;

/// Records the correction of assigning demand `id` to `department`, if it
/// is one (`None` when the department is the one suggested; a demand's
/// earlier correction is then dropped, as the latest decision stands).
/// `source` is `assignment` or `meeting`.
pub fn record(
    conn: &Connection,
    classifier: &Classifier<'_>,
    id: &str,
    department: &str,
    source: &str,
    at: DateTime<FixedOffset>,
) -> Result<Option<Correction>, StoreError> {
    let Ok(key) = id.parse::<i64>() else {
        return Ok(None);
    };
    let stored: Option<(String, String)> = conn
        .query_row(
            "SELECT record, topic FROM demands WHERE id = ?1",
            [key],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((record, topic)) = stored else {
        return Ok(None);
    };
    let demand: Demand = serde_json::from_str(&record)?;
    let found = correction(
        classifier,
        &demand,
        &topic,
        department,
        source,
        at.date_naive(),
    );
    match &found {
        Some(c) => {
            conn.execute(
                "INSERT INTO corrections (demand_id, correction, recorded_at) VALUES (?1, ?2, ?3)
                 ON CONFLICT (demand_id) DO UPDATE SET correction = excluded.correction,
                                                       recorded_at = excluded.recorded_at",
                params![key, serde_json::to_string(c)?, at.to_rfc3339()],
            )?;
        }
        None => {
            conn.execute("DELETE FROM corrections WHERE demand_id = ?1", [key])?;
        }
    }
    Ok(found)
}

/// Every correction, oldest first, as the JSON lines an export holds (no
/// demand id: the export leaves the portal).
pub fn export(conn: &Connection) -> Result<String, StoreError> {
    let mut statement =
        conn.prepare("SELECT correction FROM corrections ORDER BY recorded_at, demand_id")?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    let mut out = String::new();
    for row in rows {
        let correction: Correction = serde_json::from_str(&row?)?;
        out.push_str(&serde_json::to_string(&correction)?);
        out.push('\n');
    }
    Ok(out)
}

/// How many corrections there are.
pub fn count(conn: &Connection) -> Result<usize, StoreError> {
    let n: i64 = conn.query_row("SELECT COUNT(*) FROM corrections", [], |row| row.get(0))?;
    Ok(usize::try_from(n).unwrap_or(0))
}
