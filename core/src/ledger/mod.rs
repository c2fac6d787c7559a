//! The ledgers (台账) a district keeps of its records, as tables: columns
//! with their headings in zh-CN or en, and typed cells, one row per record.
//! A host writes a [`Table`] as it likes (CSV, a workbook, JSON); with the
//! feature `ledger-files`, [`files`] writes it as CSV and as a workbook.
//!
//! Each ledger is a function from a checked district folder to a [`Table`]
//! (`activities`, `pairings`, `centres`), named in [`LEDGERS`]; a new one
//! is a function and a name.

mod activities;
#[cfg(feature = "ledger-files")]
pub mod files;
mod pairings;

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::Serialize;

pub use activities::activities;
pub use pairings::{centres, pairings};

use crate::folder::{FileName, Loaded};
use crate::{Catalog, Lang};

/// The ledgers a folder gives, by the name a host asks for.
pub const LEDGERS: &[Ledger] = &[
    Ledger {
        name: "activities",
        files: &[FileName::Activities],
        table: activities,
    },
    Ledger {
        name: "pairings",
        // The roster names the enterprises; activities held under a
        // pairing are its signs of life.
        files: &[FileName::Roster, FileName::Activities, FileName::Pairings],
        table: pairings,
    },
    Ledger {
        name: "centres",
        files: &[FileName::Activities, FileName::Centres, FileName::Usage],
        table: centres,
    },
];

/// A ledger: its name, the files of the folder it is made from (only those
/// are read), and the table of their valid records in a language with the
/// catalog's names.
#[derive(Debug, Clone, Copy)]
pub struct Ledger {
    /// The name a host asks for (`activities`).
    pub name: &'static str,
    /// The files it is made from.
    pub files: &'static [FileName],
    /// The table.
    pub table: fn(&Loaded, Lang, &Catalog) -> Table,
}

/// The ledger with this name.
pub fn ledger(name: &str) -> Option<&'static Ledger> {
    LEDGERS.iter().find(|l| l.name == name)
}

/// A ledger's table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// The ledger's name (`activities`): a sheet's or a file's name.
    pub ledger: &'static str,
    /// Its title in the table's language (`活动台账`).
    pub title: String,
    /// The columns, in order.
    pub columns: Vec<Column>,
    /// One row per record, a cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// A column: a stable id and a heading in the table's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Column {
    /// Stable snake_case id (a JSON member name).
    pub id: &'static str,
    /// The heading people read (`活动名称`).
    pub heading: &'static str,
    /// A width in characters that fits most values (for workbooks).
    #[serde(skip)]
    pub width: u16,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    /// Nothing recorded.
    Empty,
    /// Text.
    Text(String),
    /// A whole number.
    Integer(i64),
    /// A number (an amount in 万元, hours).
    Number(f64),
    /// A day.
    Date(NaiveDate),
    /// A time with its offset.
    Time(DateTime<FixedOffset>),
}

impl Cell {
    /// Text, or nothing when blank.
    pub fn text(text: impl Into<String>) -> Cell {
        let text = text.into();
        if text.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(text)
        }
    }

    /// A whole number, or nothing.
    pub fn count(value: Option<u32>) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::Integer(i64::from(v)))
    }

    /// How the cell reads as text (CSV): days `2026-03-11`, times in China
    /// time `2026-03-11 14:30` (at another offset RFC 3339), numbers as
    /// written.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Integer(n) => n.to_string(),
            Cell::Number(n) => crate::findings::Number(*n).to_string(),
            Cell::Date(day) => day.to_string(),
            // China time as a spreadsheet shows it; another offset in full.
            Cell::Time(at) if at.offset().local_minus_utc() == 8 * 3600 => {
                at.format("%Y-%m-%d %H:%M").to_string()
            }
            Cell::Time(at) => at.to_rfc3339(),
        }
    }

    /// [`Cell::display`] for a CSV file a spreadsheet opens: text that a
    /// spreadsheet would take for a formula — beginning with `=`, `+`, `-`,
    /// `@`, a tab or a carriage return — gets a leading `'`, so that what
    /// someone typed into a record is shown, never run (OWASP, "CSV
    /// Injection"). Numbers, days and times are written as they are.
    pub fn csv_text(&self) -> String {
        match self {
            Cell::Text(text) if text.starts_with(['=', '+', '-', '@', '\t', '\r']) => {
                format!("'{text}")
            }
            _ => self.display(),
        }
    }
}

/// A column of a ledger: its id, headings in zh-CN and en, width.
pub(crate) const fn h(id: &'static str, zh: &'static str, en: &'static str, width: u16) -> Heading {
    Heading { id, zh, en, width }
}

/// The text in `lang`.
pub(crate) fn pick(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// Items in one cell, separated as `lang` writes a list (`、`, or `; `).
pub(crate) fn list(lang: Lang, items: impl Iterator<Item = String>) -> Cell {
    Cell::text(items.collect::<Vec<_>>().join(pick(lang, "、", "; ")))
}

/// A column of a ledger with both headings; [`Column`] picks one.
pub(crate) struct Heading {
    pub id: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
    pub width: u16,
}

impl Heading {
    pub(crate) fn column(&self, lang: Lang) -> Column {
        Column {
            id: self.id,
            heading: pick(lang, self.zh, self.en),
            width: self.width,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_read_as_text_as_a_spreadsheet_shows_them() {
        let day = crate::ident::parse_date("2026-03-11").unwrap();
        let at = crate::ident::parse_datetime("2026-03-11T14:30:00+08:00").unwrap();
        let shown: Vec<String> = [
            Cell::text(""),
            Cell::text("宣讲会"),
            Cell::count(Some(52)),
            Cell::Number(2.5),
            Cell::Number(4860.0),
            Cell::Date(day),
            Cell::Time(at),
        ]
        .iter()
        .map(Cell::display)
        .collect();
        assert_eq!(
            shown,
            [
                "",
                "宣讲会",
                "52",
                "2.5",
                "4860",
                "2026-03-11",
                "2026-03-11 14:30"
            ]
        );
        let utc = crate::ident::parse_datetime("2026-03-11T06:30:00+00:00").unwrap();
        assert_eq!(Cell::Time(utc).display(), "2026-03-11T06:30:00+00:00");
        // Text a spreadsheet would run is shown instead; numbers stay numbers.
        for formula in [
            "=HYPERLINK(\"http://example.invalid\")",
            "+1",
            "-1+1",
            "@SUM(1)",
            "\t=1",
        ] {
            assert_eq!(Cell::text(formula).csv_text(), format!("'{formula}"));
        }
        assert_eq!(Cell::text("培训 = 2 h").csv_text(), "培训 = 2 h");
        assert_eq!(Cell::Integer(-3).csv_text(), "-3");
        assert_eq!(Cell::Number(-1.5).csv_text(), "-1.5");
        assert!(ledger("activities").is_some() && ledger("nope").is_none());
    }
}
