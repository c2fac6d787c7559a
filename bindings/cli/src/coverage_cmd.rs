//! `lianjian coverage ROSTER`: check every row, count the valid ones, and
//! print the coverage report as JSON, Markdown or a self-contained HTML page.
//!
//! The rows stream through: one thread reads batches of rows, worker
//! threads check them, and this thread puts the checked batches back in
//! input order and hands them to the use-case layer's [`Tally`], which
//! keeps the figures and 16 bytes a membership (the first-enrollment rule).
//! For JSON, the rejected and warned rows are written to temporary files
//! as they are counted ([`Spool`]) and copied into the report at the end;
//! Markdown and HTML, read by people, hold them.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;

use lianjian::api::{self, CoverageAnswer, RosterInput, RowOutcome, Tally};
use lianjian::roster::{Cell, Columns};

use crate::progress::Progress;
use crate::roster_io::{
    self, Delimiter, Encoding, Format, InputInfo, Numbered, RawCell, ReadOptions, RowInput,
};
use crate::spool::{self, Spool};

/// The whole output: the report (`docs/wire/coverage.md`) with what was
/// read (`input`), rejected and warned about.
pub type CoverageOutput = CoverageAnswer;

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

/// A counted roster: the answer, and its listed rows written aside when
/// they were spooled.
pub struct Counted {
    /// The answer (its lists empty when spooled).
    pub answer: CoverageOutput,
    spooled: Option<(Spool, Spool)>,
}

impl Counted {
    /// Writes the answer as pretty JSON and a line break.
    pub fn write_json(self, out: &mut dyn Write) -> Result<(), String> {
        match self.spooled {
            Some((rejected, warnings)) => {
                spool::write_report(out, &self.answer, rejected, warnings)?
            }
            None => serde_json::to_writer_pretty(&mut *out, &self.answer)
                .map_err(|e| format!("writing output: {e}"))?,
        }
        out.write_all(b"\n")
            .map_err(|e| format!("writing output: {e}"))
    }
}

/// A batch of rows, numbered in reading order.
type Batch = (usize, Vec<Numbered>);
/// A batch checked.
type Checked = (usize, Vec<(usize, RowOutcome)>);

/// Reads, checks and counts a roster. With `spool`, the rejected and warned
/// rows are written aside as they are counted (for [`Counted::write_json`]).
pub fn run(
    path: &Path,
    options: &Options<'_>,
    checks: &api::Options,
    spool: bool,
) -> Result<Counted, String> {
    let format = options.format.unwrap_or_else(|| Format::of(path));
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    let workers = options
        .threads
        .unwrap_or_else(|| thread::available_parallelism().map_or(1, |n| n.get()))
        .max(1);
    let columns: OnceLock<Columns> = OnceLock::new();
    let (to_check, batches) = sync_channel::<Batch>(workers * 2);
    // Shared by the workers: when the last of them stops, the reader's sends fail.
    let batches = Arc::new(Mutex::new(batches));
    let (to_count, checked) = sync_channel::<Checked>(workers * 2);
    let mut spools = spool.then(|| (Spool::new(), Spool::new()));
    let mut tally = Tally::new(checks);
    let mut rows = 0u64;

    let (read_result, info, count_result, workers_ok) = thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                let (batches, to_count, columns) =
                    (Arc::clone(&batches), to_count.clone(), &columns);
                scope.spawn(move || check_batches(&batches, &to_count, columns, checks))
            })
            .collect();
        drop(batches);
        drop(to_count);
        let reader = scope.spawn(|| {
            let mut info = InputInfo::default();
            let mut progress = Progress::new(size);
            let read_options = ReadOptions {
                format,
                encoding: options.encoding,
                delimiter: options.delimiter,
                sheet: options.sheet,
                header_row: options.header_row,
            };
            let mut next = 0;
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
                    // Fails only when every worker stopped; their joins say why.
                    let _ = to_check.send((next, batch));
                    next += 1;
                },
            );
            drop(to_check);
            progress.finish();
            (result, info)
        });
        let count_result = count_in_order(&checked, &mut tally, &mut rows, spools.as_mut());
        let (read_result, info) = reader.join().unwrap_or_else(|_| {
            (
                Err("the reading thread failed".into()),
                InputInfo::default(),
            )
        });
        let workers_ok = handles.into_iter().all(|h| h.join().is_ok());
        (read_result, info, count_result, workers_ok)
    });
    read_result?;
    if !workers_ok {
        return Err("a worker thread failed".into());
    }
    count_result?;
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
    let mut answer = tally.finish();
    answer.input = Some(RosterInput {
        format: info.format.to_owned(),
        encoding: info.encoding.map(str::to_owned),
        bom: info.encoding.map(|_| info.bom),
        delimiter: info.delimiter.map(str::to_owned),
        sheet: info.sheet,
        header_rows: info.header_rows,
        rows,
        ignored_columns: info.ignored_columns,
    });
    Ok(Counted {
        answer,
        spooled: spools,
    })
}

/// A worker: checks batches until there are none.
fn check_batches(
    batches: &Mutex<Receiver<Batch>>,
    to_count: &std::sync::mpsc::SyncSender<Checked>,
    columns: &OnceLock<Columns>,
    options: &api::Options,
) {
    loop {
        let batch = match batches.lock() {
            Ok(guard) => guard.recv(),
            Err(_) => break,
        };
        let Ok((number, rows)) = batch else { break };
        let outcomes = rows
            .into_iter()
            .map(|(row, input)| (row, check(row, input, columns.get(), options)))
            .collect();
        if to_count.send((number, outcomes)).is_err() {
            break;
        }
    }
}

/// Counts checked batches in reading order (they arrive in any), so that
/// the first valid row of an enterprise in a chain is the one that counts.
fn count_in_order(
    checked: &Receiver<Checked>,
    tally: &mut Tally<'_>,
    rows: &mut u64,
    mut spools: Option<&mut (Spool, Spool)>,
) -> Result<(), String> {
    let mut waiting: BTreeMap<usize, Vec<(usize, RowOutcome)>> = BTreeMap::new();
    let mut next = 0;
    let mut result = Ok(());
    for (number, outcomes) in checked {
        waiting.insert(number, outcomes);
        while let Some(outcomes) = waiting.remove(&next) {
            next += 1;
            for (row, outcome) in outcomes {
                tally.add(row, outcome);
                *rows += 1;
            }
            if let Some((rejected, warnings)) = spools.as_deref_mut() {
                let (new_rejected, new_warnings) = tally.take_listed();
                // After a failed write, counting goes on (the workers must
                // drain) and the first error is reported.
                for row in &new_rejected {
                    result = result.and_then(|()| rejected.push(row));
                }
                for row in &new_warnings {
                    result = result.and_then(|()| warnings.push(row));
                }
            }
        }
    }
    result
}

/// The outcome of one row.
fn check(
    row: usize,
    input: RowInput,
    columns: Option<&Columns>,
    options: &api::Options,
) -> RowOutcome {
    match (input, columns) {
        (RowInput::Json(text), _) => RowOutcome::of_json(&text, options),
        (RowInput::Cells(cells), Some(columns)) => {
            let cells: Vec<Cell<'_>> = cells.iter().map(RawCell::as_cell).collect();
            RowOutcome::of_cells(columns, &cells, options)
        }
        (RowInput::Text(cells), Some(columns)) => {
            let cells: Vec<Cell<'_>> = cells.iter().map(Cell::Text).collect();
            RowOutcome::of_cells(columns, &cells, options)
        }
        (RowInput::Cells(_) | RowInput::Text(_) | RowInput::Malformed, _) => {
            RowOutcome::malformed(row, options)
        }
    }
}
