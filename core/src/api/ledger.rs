//! The ledgers (台账) of a district folder (`docs/wire/headline.md`,
//! "Ledgers"): a table per ledger, with the folder's findings.

use std::collections::BTreeMap;

use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::headline::{at_file, load, located, with_folder_json, LocatedFinding};
use super::Options;
use crate::findings::Finding;
use crate::folder::{FileCounts, Folder, Loaded};
use crate::ledger::{self, Cell, Column, Table, LEDGERS};
use crate::{Code, Path, Report};

/// `{ledger, title, columns, rows, files, findings}`: `rows` are objects
/// keyed by the columns' ids, in the columns' order. `title`, `columns` and
/// `rows` are null for a ledger that does not exist.
#[derive(Debug, Serialize)]
pub struct LedgerAnswer {
    /// The ledger asked for.
    pub ledger: String,
    /// Its title, in the options' language.
    pub title: Option<String>,
    /// Its columns: `{id, heading}`.
    pub columns: Option<Vec<Column>>,
    /// One object per record.
    #[serde(serialize_with = "rows")]
    pub rows: Option<Table>,
    /// Per file that was there: rows read and left out.
    pub files: BTreeMap<&'static str, FileCounts>,
    /// The findings of the ledger's name and of every row left out.
    pub findings: Vec<LocatedFinding>,
}

impl LedgerAnswer {
    /// The table, when the ledger exists.
    pub fn table(&self) -> Option<&Table> {
        self.rows.as_ref()
    }
}

/// The rows of a table as objects keyed by its columns' ids.
fn rows<S: Serializer>(table: &Option<Table>, serializer: S) -> Result<S::Ok, S::Error> {
    struct Row<'a>(&'a [Column], &'a [Cell]);
    impl Serialize for Row<'_> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (column, cell) in self.0.iter().zip(self.1) {
                map.serialize_entry(column.id, cell)?;
            }
            map.end()
        }
    }
    match table {
        None => serializer.serialize_none(),
        Some(table) => serializer.collect_seq(table.rows.iter().map(|r| Row(&table.columns, r))),
    }
}

/// The ledger `name` (`activities`) of a folder: the files it is made from
/// checked row by row, the table in the options' language with the options'
/// catalog. A name that is no ledger is an `invalid_option` finding at
/// `ledger`.
pub fn ledger(name: &str, folder: &Folder<'_>, options: &Options) -> LedgerAnswer {
    let mut report = Report::new();
    let which = ledger::ledger(name);
    if which.is_none() {
        let allowed: Vec<String> = LEDGERS.iter().map(|l| l.name.to_owned()).collect();
        report.push(
            Finding::new(Code::InvalidOption, Path::root().key("ledger")).with("allowed", allowed),
        );
    }
    // Only the files the ledger is made from are read.
    let mut read = Folder::default();
    for &file in which.map_or(&[][..], |l| l.files) {
        if let Some(text) = folder.get(file) {
            read.set(file, text);
        }
    }
    let loaded = match which {
        Some(_) => load(&read, None, options).unwrap_or_else(|found| {
            report.extend(found);
            Loaded::default()
        }),
        None => Loaded::default(),
    };
    let table = which.map(|l| (l.table)(&loaded, options.lang(), options.catalog()));
    let mut findings: Vec<LocatedFinding> = at_file(&report, None, options);
    findings.extend(located(&loaded.findings, options));
    LedgerAnswer {
        ledger: name.to_owned(),
        title: table.as_ref().map(|t| t.title.clone()),
        columns: table.as_ref().map(|t| t.columns.clone()),
        rows: table,
        files: loaded
            .files
            .iter()
            .map(|(file, counts)| (file.as_str(), *counts))
            .collect(),
        findings,
    }
}

/// [`ledger()`] of a folder given as one JSON object of file texts
/// (`{"roster.jsonl": "…", "pairings.jsonl": "…"}`), as the C ABI and
/// Python pass it. An object that cannot be read, a member that is not text
/// and a name that is no file of the folder are findings at the member's
/// name, before the ledger's own.
pub fn ledger_json(name: &str, folder_json: &str, options: &Options) -> LedgerAnswer {
    let (mut answer, mut found) =
        with_folder_json(folder_json, options, |folder| ledger(name, folder, options));
    found.append(&mut answer.findings);
    answer.findings = found;
    answer
}
