//! Where the CLI's time goes: the core functions it calls on each row,
//! timed stage by stage on one thread.

use std::fs::{self, File};
use std::hint::black_box;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::time::Instant;

use lianjian::coverage::Coverage;
use lianjian::roster::Columns;
use lianjian::{Catalog, Context, Enrollment};
use lianjian_tests::fixture_today;

pub(crate) struct Stages {
    pub(crate) rows: usize,
    pub(crate) read_whole_file: f64,
    pub(crate) file_bytes: u64,
    pub(crate) split_cells: f64,
    pub(crate) check: f64,
    pub(crate) count: f64,
    pub(crate) valid: usize,
}

/// Times, on one thread, what the CLI does to each row: the cells as owned
/// strings (as its reader hands them on), `Columns::check_texts` (the cells
/// read into the record and checked, no JSON in between), and
/// `Coverage::add_enrollment`. Rows go through
/// in batches of 2048 as in the CLI, each stage timed over the batch; the best
/// of three passes is kept for each stage. Cells are split at commas: the
/// generated roster has no quoted cells.
pub(crate) fn stages(csv: &Path, rows: usize, catalog: &Catalog) -> Result<Stages, String> {
    let started = Instant::now();
    let bytes = fs::read(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{}: {e}", csv.display()))?;
    let read_whole_file = started.elapsed().as_secs_f64();
    let file_bytes = text.len() as u64;
    drop(text);

    let file = File::open(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let mut lines = BufReader::new(file).lines();
    let header = lines
        .next()
        .and_then(Result::ok)
        .ok_or("the roster has no header")?;
    let headers: Vec<&str> = header.split(',').collect();
    let (columns, _) = Columns::from_headers(&headers).map_err(|e| e.to_string())?;
    let lines: Vec<String> = lines.take(rows).map_while(Result::ok).collect();
    let context = Context::new(catalog, fixture_today());

    let mut best = [f64::INFINITY; 3];
    let mut valid = 0;
    for _ in 0..3 {
        let mut spent = [0.0; 3];
        let mut coverage = Coverage::new(catalog);
        valid = 0;
        for batch in lines.chunks(2048) {
            let t0 = Instant::now();
            let cells: Vec<Vec<String>> = batch
                .iter()
                .map(|l| l.split(',').map(str::to_owned).collect())
                .collect();
            let t1 = Instant::now();
            let checked: Vec<Option<Enrollment>> = cells
                .iter()
                .map(|c| {
                    let cells: Vec<&str> = c.iter().map(String::as_str).collect();
                    columns.check_texts(&cells, &context).record
                })
                .collect();
            let t3 = Instant::now();
            for enrollment in &checked {
                match enrollment {
                    Some(e) => coverage.add_enrollment(catalog, e),
                    None => coverage.add_rejected(1),
                }
            }
            let t4 = Instant::now();
            valid += checked.iter().filter(|c| c.is_some()).count();
            for (i, (a, b)) in [(t0, t1), (t1, t3), (t3, t4)].into_iter().enumerate() {
                spent[i] += (b - a).as_secs_f64();
            }
        }
        black_box(&coverage);
        for (b, s) in best.iter_mut().zip(spent) {
            *b = b.min(s);
        }
    }
    Ok(Stages {
        rows: lines.len(),
        read_whole_file,
        file_bytes,
        split_cells: best[0],
        check: best[1],
        count: best[2],
        valid,
    })
}
