//! Coverage of a roster: every row checked, the valid ones counted, an
//! enterprise once per chain (its first valid row counts; a later one is
//! refused as `duplicate_enrollment`), the refused and the warned rows
//! listed. Hosts that check rows on several threads hand each row's
//! [`RowOutcome`] to a [`Tally`] in input order; JSON lines go through
//! [`coverage_lines`].

use std::collections::HashMap;

use serde::Serialize;

use super::Options;
use crate::coverage::{Coverage, OwnedCoverageRow};
use crate::findings::RenderedFinding;
use crate::{
    check_enrollment_json, Catalog, Checked, Code, CoverageReport, Enrollment, Finding, Path,
    Report,
};

/// A roster row left out of the figures, or counted with warnings: its
/// number and its findings.
#[derive(Debug, Clone, Serialize)]
pub struct RejectedRow {
    /// Line (JSON lines, CSV) or sheet row (workbooks).
    pub row: usize,
    /// Every finding of the row.
    pub findings: Vec<RenderedFinding>,
}

/// The coverage report (`docs/wire/coverage.md`) with the rejected rows and
/// the warnings of the counted ones.
#[derive(Debug, Serialize)]
pub struct CoverageAnswer {
    /// The report.
    #[serde(flatten)]
    pub report: CoverageReport,
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

    /// A row that could not be read at all (`row_malformed`).
    pub fn malformed(row: usize, options: &Options) -> RowOutcome {
        let mut report = Report::new();
        report.push(Finding::new(Code::RowMalformed, Path::root()).with("row", row));
        RowOutcome::Rejected(options.render(&report))
    }
}

/// Rows counted in input order.
pub struct Tally<'o> {
    options: &'o Options,
    catalog: &'o Catalog,
    coverage: Coverage,
    /// The first valid row of each enterprise in each chain.
    first_rows: HashMap<(usize, String), usize>,
    rejected: Vec<RejectedRow>,
    warnings: Vec<RejectedRow>,
}

impl<'o> Tally<'o> {
    /// An empty tally over the options' catalog.
    pub fn new(options: &'o Options) -> Self {
        let catalog = options.catalog();
        Tally {
            options,
            catalog,
            coverage: Coverage::new(catalog),
            first_rows: HashMap::new(),
            rejected: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Adds one row's outcome. Rows come in input order: of two valid rows
    /// of an enterprise in a chain, the later is the second enrollment.
    pub fn add(&mut self, row: usize, outcome: RowOutcome) {
        match outcome {
            RowOutcome::Counted(counted, warnings) => {
                let key = (counted.chain, counted.uscc.clone());
                match self.first_rows.get(&key) {
                    Some(&first_row) => {
                        // Refused: its warnings give way to the refusal.
                        self.coverage.add_rejected(1);
                        let mut report = Report::new();
                        report.push(
                            Finding::new(Code::DuplicateEnrollment, Path::root())
                                .with("first_row", first_row),
                        );
                        self.rejected.push(RejectedRow {
                            row,
                            findings: self.options.render(&report),
                        });
                    }
                    None => {
                        self.first_rows.insert(key, row);
                        self.coverage.add(&counted.as_row());
                        if !warnings.is_empty() {
                            self.warnings.push(RejectedRow {
                                row,
                                findings: warnings,
                            });
                        }
                    }
                }
            }
            RowOutcome::Rejected(findings) => {
                self.coverage.add_rejected(1);
                self.rejected.push(RejectedRow { row, findings });
            }
        }
    }

    /// The report, the rejected rows and the warnings.
    pub fn finish(self) -> CoverageAnswer {
        CoverageAnswer {
            report: self.coverage.report(self.catalog),
            rejected: self.rejected,
            warnings: self.warnings,
        }
    }
}

/// Coverage of enrollment records given as JSON lines (blank lines skipped;
/// rows are numbered by line), counted against the options' catalog.
pub fn coverage_lines(text: &str, options: &Options) -> CoverageAnswer {
    let mut tally = Tally::new(options);
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start_matches('\u{FEFF}');
        if line.trim().is_empty() {
            continue;
        }
        let checked = options.checked(|context| check_enrollment_json(line, context));
        tally.add(i + 1, RowOutcome::of(checked, options));
    }
    tally.finish()
}
