//! Rows counted in input order.

use super::{second_enrollment, CoverageAnswer, RejectedRow, RowOutcome};
use crate::api::Options;
use crate::coverage::{Coverage, FirstRows};
use crate::Catalog;

/// Rows counted in input order: the figures, the first row of each
/// membership (16 bytes each, `FirstRows`), and the rejected and warned
/// rows.
pub struct Tally<'o> {
    options: &'o Options,
    catalog: &'o Catalog,
    coverage: Coverage,
    first_rows: FirstRows,
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
            first_rows: FirstRows::new(),
            rejected: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// Adds one row's outcome. Rows come in input order: of two valid rows
    /// of an enterprise in a chain, the later is the second enrollment.
    pub fn add(&mut self, row: usize, outcome: RowOutcome) {
        match outcome {
            RowOutcome::Counted(counted, warnings) => {
                match self
                    .first_rows
                    .first_or_insert(counted.chain, &counted.uscc, row as u64)
                {
                    Some(first_row) => {
                        // Refused: its warnings give way to the refusal.
                        self.coverage.add_rejected(1);
                        self.rejected.push(RejectedRow {
                            row,
                            findings: second_enrollment(first_row, self.options),
                        });
                    }
                    None => {
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

    /// Takes the rejected and the warned rows listed so far, in input
    /// order, so that a host can write them out as it goes instead of
    /// holding them (a roster's warnings can outweigh its figures a
    /// thousand times); the answer then lists only the rows after them.
    pub fn take_listed(&mut self) -> (Vec<RejectedRow>, Vec<RejectedRow>) {
        (
            std::mem::take(&mut self.rejected),
            std::mem::take(&mut self.warnings),
        )
    }

    /// The report, the rejected rows and the warnings.
    pub fn finish(self) -> CoverageAnswer {
        CoverageAnswer {
            report: self.coverage.report(self.catalog),
            input: None,
            rejected: self.rejected,
            warnings: self.warnings,
        }
    }
}
