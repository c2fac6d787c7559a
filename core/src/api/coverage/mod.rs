//! Coverage of a roster: every row checked, the valid ones counted, an
//! enterprise once per chain (its first valid row counts; a later one is
//! refused as `duplicate_enrollment`), the refused and the warned rows
//! listed.
//!
//! Two ways to count, with the same answer byte for byte:
//!
//! - [`Tally`]: rows handed over in input order (the command line checks
//!   them on several threads and puts them back in order); it keeps 16 bytes
//!   a membership besides the figures.
//! - [`CoveragePartial`]: rows of any slice of the roster, in any order,
//!   each with its number; partials serialise ([`CoveragePartial::to_json`])
//!   and merge in any order and grouping ([`CoveragePartial::merge`]), which
//!   is what a distributed engine's aggregate needs. A second enrollment
//!   found only when two partials meet is refused exactly as the tally
//!   refuses it.
//!
//! JSON lines go through [`coverage_lines`].

mod partial;
mod roster;
mod tally;

pub use partial::{coverage_partial_lines, CoveragePartial, PartialError, PARTIAL_VERSION};
pub use roster::{FoundHeader, Roster};
pub use tally::Tally;

use serde::{Deserialize, Serialize};

use super::Options;
use crate::coverage::OwnedCoverageRow;
use crate::findings::RenderedFinding;
use crate::roster::{Cell, Columns};
use crate::{
    check_enrollment_json, Checked, Code, CoverageReport, Enrollment, Finding, Path, Report,
};

/// A roster row left out of the figures, or counted with warnings: its
/// number and its findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectedRow {
    /// Line (JSON lines, CSV) or sheet row (workbooks).
    pub row: usize,
    /// Every finding of the row.
    pub findings: Vec<RenderedFinding>,
}

/// How a roster file was read (`input` in `docs/wire/coverage.md`), as the
/// host that read it says: the command line, or a job that read the file
/// the same way.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RosterInput {
    /// `jsonl`, `csv` or `xlsx`.
    pub format: String,
    /// CSV: `utf-8`, `gbk`, `utf-16le` or `utf-16be`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// CSV: whether a byte-order mark chose the encoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bom: Option<bool>,
    /// CSV: `comma`, `tab` or `semicolon`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<String>,
    /// Workbooks: the sheet read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// CSV and workbooks: the rows (from 1) that named the columns, one, or
    /// two for group titles over sub-headers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub header_rows: Vec<usize>,
    /// Rows read, counted and rejected (blank rows are not rows).
    pub rows: u64,
    /// Headers that name no field; their cells were not read.
    #[serde(default)]
    pub ignored_columns: Vec<String>,
}

/// The coverage report (`docs/wire/coverage.md`) with the rejected rows and
/// the warnings of the counted ones.
#[derive(Debug, Serialize)]
pub struct CoverageAnswer {
    /// The report.
    #[serde(flatten)]
    pub report: CoverageReport,
    /// How the roster was read, when a host read it from a file.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub input: Option<RosterInput>,
    /// Rows left out, in input order.
    pub rejected: Vec<RejectedRow>,
    /// Rows counted whose checks found warnings (the enterprise's coverage
    /// gaps, codes to verify), in input order.
    pub warnings: Vec<RejectedRow>,
}

/// What one checked row adds to a tally (made where the row was checked,
/// on any thread).
#[derive(Debug, Clone)]
pub enum RowOutcome {
    /// A valid row: what it counts, and its warnings (none when empty).
    Counted(OwnedCoverageRow, Vec<RenderedFinding>),
    /// A row with errors, with its findings.
    Rejected(Vec<RenderedFinding>),
}

impl RowOutcome {
    /// The outcome of a checked enrollment.
    pub fn of(checked: Checked<Enrollment>, options: &Options) -> RowOutcome {
        let catalog = options.catalog();
        match checked.record {
            Some(record) => match OwnedCoverageRow::from_enrollment(catalog, &record) {
                Some(counted) => {
                    let warnings = if checked.report.is_empty() {
                        Vec::new()
                    } else {
                        options.render(&checked.report)
                    };
                    RowOutcome::Counted(counted, warnings)
                }
                // A valid record names only the catalog's chains and segments;
                // should that ever not hold, the row is refused, not dropped.
                None => {
                    let mut report = Report::new();
                    report.add(Code::UnknownChain, Path::root().key("chain"));
                    RowOutcome::Rejected(options.render(&report))
                }
            },
            None => RowOutcome::Rejected(options.render(&checked.report)),
        }
    }

    /// The outcome of one enrollment record given as JSON text.
    pub fn of_json(text: &str, options: &Options) -> RowOutcome {
        RowOutcome::of(
            options.checked(|context| check_enrollment_json(text, context)),
            options,
        )
    }

    /// The outcome of a roster row's cells (in header order).
    pub fn of_cells(columns: &Columns, cells: &[Cell<'_>], options: &Options) -> RowOutcome {
        RowOutcome::of(
            options.checked(|context| columns.check(cells, context)),
            options,
        )
    }

    /// A row that could not be read at all (`row_malformed`).
    pub fn malformed(row: usize, options: &Options) -> RowOutcome {
        let mut report = Report::new();
        report.push(Finding::new(Code::RowMalformed, Path::root()).with("row", row));
        RowOutcome::Rejected(options.render(&report))
    }
}

/// The findings of a second enrollment: `duplicate_enrollment` naming the
/// row that counts.
fn second_enrollment(first_row: u64, options: &Options) -> Vec<RenderedFinding> {
    let mut report = Report::new();
    report.push(Finding::new(Code::DuplicateEnrollment, Path::root()).with("first_row", first_row));
    options.render(&report)
}

/// A line of a JSON-lines roster as a row: without a byte-order mark, and
/// `None` when blank (a blank line is not a row).
fn json_line(line: &str) -> Option<&str> {
    let line = line.trim_start_matches('\u{FEFF}');
    (!line.trim().is_empty()).then_some(line)
}

/// The rows of JSON-lines text: each non-blank line with its number (from
/// `first_line`), a byte-order mark dropped.
fn numbered_lines(text: &str, first_line: usize) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .filter_map(move |(i, line)| json_line(line).map(|line| (first_line + i, line)))
}

/// Coverage of enrollment records given as JSON lines (blank lines skipped;
/// rows are numbered by line), counted against the options' catalog.
pub fn coverage_lines(text: &str, options: &Options) -> CoverageAnswer {
    let mut tally = Tally::new(options);
    for (row, line) in numbered_lines(text, 1) {
        tally.add(row, RowOutcome::of_json(line, options));
    }
    tally.finish()
}
