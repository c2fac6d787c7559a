//! `lianjian coverage ROSTER`: check every row, count the valid ones, and
//! print the coverage report as JSON, Markdown or a self-contained HTML page.

use std::path::Path;
use std::sync::mpsc::sync_channel;
use std::sync::{Mutex, OnceLock};
use std::thread;

use lianjian::api::{self, RejectedRow, RowOutcome, Tally};
use lianjian::roster::{Cell, Columns};
use lianjian::{check_enrollment_json, CoverageReport};
use serde::Serialize;

use crate::progress::Progress;
use crate::roster_io::{
    self, Delimiter, Encoding, Format, InputInfo, Numbered, RawCell, ReadOptions, RowInput,
};

/// What was read.
#[derive(Debug, Serialize)]
pub struct InputSummary {
    /// `jsonl`, `csv` or `xlsx`.
    pub format: &'static str,
    /// CSV encoding used: `utf-8`, `gbk`, `utf-16le` or `utf-16be`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    /// Whether a byte-order mark chose the encoding (present for CSV only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bom: Option<bool>,
    /// CSV delimiter: `comma`, `tab` or `semicolon`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delimiter: Option<&'static str>,
    /// Workbook sheet read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The rows (CSV lines or sheet rows, from 1) that named the columns: one,
    /// or two for group titles over sub-headers (absent for JSON lines).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub header_rows: Vec<usize>,
    /// Rows read (accepted and rejected).
    pub rows: u64,
    /// Headers that name no field; their cells were ignored.
    pub ignored_columns: Vec<String>,
}

/// The whole output: the report (`docs/wire/coverage.md`) plus what was
/// read, rejected and warned about.
#[derive(Debug, Serialize)]
pub struct CoverageOutput {
    /// The report.
    #[serde(flatten)]
    pub report: CoverageReport,
    /// What was read.
    pub input: InputSummary,
    /// Rows left out, in input order.
    pub rejected: Vec<RejectedRow>,
    /// Rows counted whose checks found warnings, in input order (the
    /// enterprise's coverage gaps, codes to verify): `{row, findings}`.
    pub warnings: Vec<RejectedRow>,
}

/// Options of the command.
pub struct Options<'a> {
    /// Explicit format, or from the file name.
    pub format: Option<Format>,
    /// CSV encoding.
    pub encoding: Encoding,
    /// CSV delimiter (default: found from the header).
    pub delimiter: Option<Delimiter>,
    /// Workbook sheet.
    pub sheet: Option<&'a str>,
    /// The row holding the column names (default: looked for).
    pub header_row: Option<usize>,
    /// Worker threads (default: the machine's cores).
    pub threads: Option<usize>,
}

/// Reads, checks and counts a roster: the rows are checked on several
/// threads, and counted by the use-case layer's [`Tally`] in input order.
pub fn run(
    path: &Path,
    options: &Options<'_>,
    checks: &api::Options,
) -> Result<CoverageOutput, String> {
    let format = options.format.unwrap_or_else(|| Format::of(path));
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let workers = options
        .threads
        .unwrap_or_else(|| thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let columns: OnceLock<Columns> = OnceLock::new();
    let (sender, receiver) = sync_channel::<Vec<Numbered>>(workers * 2);
    let receiver = Mutex::new(receiver);
    let mut info = InputInfo::default();
    let mut progress = Progress::new(size);

    let (read_result, parts) = thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                scope.spawn(|| {
                    let mut part = Part::new();
                    loop {
                        let batch = match receiver.lock() {
                            Ok(guard) => guard.recv(),
                            Err(_) => break,
                        };
                        let Ok(batch) = batch else { break };
                        for (row, input) in batch {
                            part.check(row, input, columns.get(), checks);
                        }
                    }
                    part
                })
            })
            .collect();
        let read_options = ReadOptions {
            format,
            encoding: options.encoding,
            delimiter: options.delimiter,
            sheet: options.sheet,
            header_row: options.header_row,
        };
        let result = roster_io::read(
            path,
            &read_options,
            &mut info,
            &mut |info| {
                if let Some(found) = &info.columns {
                    let _ = columns.set(found.clone());
                }
            },
            &mut |batch, bytes| {
                progress.advance(batch.len(), bytes);
                // A worker that stopped can only have panicked; its join reports it.
                let _ = sender.send(batch);
            },
        );
        drop(sender);
        let parts: Vec<Part> = handles.into_iter().filter_map(|h| h.join().ok()).collect();
        (result, parts)
    });
    progress.finish();
    read_result?;
    if let [first, ..] = info.header_rows.as_slice() {
        if *first != 1 || info.header_rows.len() > 1 {
            // Said where a person reading the terminal sees it: the rows above
            // were skipped, or two rows were read as one header.
            let rows = match info.header_rows.as_slice() {
                [one] => format!("row {one}"),
                [upper, .., lower] => format!("rows {upper}–{lower}"),
                [] => String::new(),
            };
            eprintln!(
                "lianjian: {}: column names read from {rows} (--header-row N to choose)",
                path.display()
            );
        }
    }
    if parts.len() != workers {
        return Err("a worker thread failed".into());
    }

    // Counted in input order, so that the first valid row of an enterprise in
    // a chain is the one that counts, however the threads ran.
    let mut outcomes: Vec<(usize, RowOutcome)> = Vec::new();
    let mut rows = 0;
    for part in parts {
        outcomes.extend(part.outcomes);
        rows += part.rows;
    }
    outcomes.sort_unstable_by_key(|(row, _)| *row);
    let mut tally = Tally::new(checks);
    for (row, outcome) in outcomes {
        tally.add(row, outcome);
    }
    let counted = tally.finish();
    Ok(CoverageOutput {
        report: counted.report,
        input: InputSummary {
            format: info.format,
            encoding: info.encoding,
            bom: info.encoding.map(|_| info.bom),
            delimiter: info.delimiter,
            sheet: info.sheet,
            header_rows: info.header_rows,
            rows,
            ignored_columns: info.ignored_columns,
        },
        rejected: counted.rejected,
        warnings: counted.warnings,
    })
}

/// What one worker checked: each row's outcome.
struct Part {
    outcomes: Vec<(usize, RowOutcome)>,
    rows: u64,
}

impl Part {
    fn new() -> Self {
        Part {
            outcomes: Vec::new(),
            rows: 0,
        }
    }

    fn check(
        &mut self,
        row: usize,
        input: RowInput,
        columns: Option<&Columns>,
        options: &api::Options,
    ) {
        self.rows += 1;
        let outcome = match (input, columns) {
            (RowInput::Json(text), _) => RowOutcome::of(
                options.checked(|context| check_enrollment_json(&text, context)),
                options,
            ),
            (RowInput::Cells(cells), Some(columns)) => {
                let cells: Vec<Cell<'_>> = cells.iter().map(RawCell::as_cell).collect();
                RowOutcome::of(
                    options.checked(|context| columns.check(&cells, context)),
                    options,
                )
            }
            (RowInput::Cells(_) | RowInput::Malformed, _) => RowOutcome::malformed(row, options),
        };
        self.outcomes.push((row, outcome));
    }
}
