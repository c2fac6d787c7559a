//! A partial coverage count: rows of any slice of a roster, in any order,
//! that serialises and merges with other partials into exactly the answer
//! a [`Tally`](super::Tally) gives over the whole roster in input order.
//!
//! The figures depend on which row of each membership (an enterprise in a
//! chain) comes first, and that is known only when every slice has been
//! seen. So a partial does not add a row to the figures as it comes: it
//! keeps, for each membership, its earliest valid row with the little the
//! figures need (segments as a bit set, how it is covered, full members,
//! output; warnings if any), and the numbers of its later valid rows. When
//! two partials meet, the earlier row of a membership stays and the other
//! becomes a later row: its counts were never added, its warnings are
//! dropped. [`CoveragePartial::finish`] counts the earliest rows, refuses
//! every later one as `duplicate_enrollment` naming the row that counts,
//! and lists rejected and warned rows in row order. So any partitioning
//! of the rows, merged in any order and grouping, gives the tally's answer
//! byte for byte (`core/tests/coverage_partial.rs`).
//!
//! Row numbers identify rows: each row of the roster is given exactly
//! once, with its own number (the line or sheet row a person sees).
//!
//! A partial is bound to the options it was counted with (language, date,
//! message overrides, legacy codes, catalog): partials of different options
//! do not merge, and a partial finishes only with its own options.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use thiserror::Error;

use super::{
    json_line, numbered_lines, second_enrollment, CoverageAnswer, RejectedRow, Roster, RowOutcome,
};
use crate::api::Options;
use crate::coverage::{Coverage, CoverageRow, Covered, Membership, OwnedCoverageRow};
use crate::findings::RenderedFinding;
use crate::roster::Cell;
use crate::Catalog;

/// The version of the serialised form [`CoveragePartial::to_json`] writes.
pub const PARTIAL_VERSION: u32 = 1;

/// Why partials could not be merged, read or finished.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum PartialError {
    /// The partials (or a partial and the options it is finished with) were
    /// counted with other options.
    #[error(
        "coverage partials counted with other options (language, date, messages, legacy codes \
         or catalog) cannot be combined"
    )]
    OtherOptions,
    /// The text is not a coverage partial this version reads.
    #[error("not a coverage partial: {0}")]
    Malformed(String),
}

/// Rows of a roster counted apart from the others: see the module's notes.
#[derive(Debug, Clone)]
pub struct CoveragePartial {
    /// What the options were, as a fingerprint.
    options: u64,
    /// Rows added.
    rows: u64,
    /// Each membership's earliest valid row.
    counted: HashMap<Membership, First>,
    /// Later valid rows of a membership (second enrollments).
    later: Vec<(u64, Membership)>,
    /// Rows with errors.
    rejected: Vec<(u64, Vec<RenderedFinding>)>,
}

/// The earliest valid row of a membership, with what it counts.
#[derive(Debug, Clone)]
struct First {
    row: u64,
    output_wan: Option<f64>,
    segments: Segments,
    full_members: u32,
    covered: Covered,
    warnings: Option<Box<[RenderedFinding]>>,
}

/// Segment indices: a bit set when all are below 64 (always, with the
/// built-in catalog), else the list.
#[derive(Debug, Clone, PartialEq)]
enum Segments {
    Bits(u64),
    List(Box<[usize]>),
}

impl Segments {
    fn of(indices: &[usize]) -> Segments {
        if indices.iter().all(|&s| s < 64) {
            Segments::Bits(indices.iter().fold(0, |bits, &s| bits | 1 << s))
        } else {
            Segments::List(indices.into())
        }
    }

    fn indices(&self) -> Vec<usize> {
        match self {
            Segments::Bits(bits) => (0..64).filter(|s| bits & (1 << s) != 0).collect(),
            Segments::List(list) => list.to_vec(),
        }
    }
}

impl CoveragePartial {
    /// Nothing counted yet, with these options.
    pub fn new(options: &Options) -> CoveragePartial {
        CoveragePartial {
            options: fingerprint(options),
            rows: 0,
            counted: HashMap::new(),
            later: Vec::new(),
            rejected: Vec::new(),
        }
    }

    /// Whether this partial was counted with these options (and so may
    /// take rows checked with them, and finish with them).
    pub fn counted_with(&self, options: &Options) -> bool {
        self.options == fingerprint(options)
    }

    /// Rows added so far, here and in the partials merged in.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Adds one row's outcome (made with this partial's options), under its
    /// row number.
    pub fn add(&mut self, row: u64, outcome: RowOutcome) {
        self.rows += 1;
        match outcome {
            RowOutcome::Counted(counted, warnings) => {
                let membership = Membership::new(counted.chain, &counted.uscc);
                self.offer(membership, First::of(row, &counted, warnings));
            }
            RowOutcome::Rejected(findings) => self.rejected.push((row, findings)),
        }
    }

    /// Checks one enrollment record given as JSON text and adds it.
    pub fn add_json(&mut self, row: u64, text: &str, options: &Options) {
        self.add(row, RowOutcome::of_json(text, options));
    }

    /// Adds one line of a JSON-lines roster under its line number: a blank
    /// line is no row and adds nothing; a byte-order mark is dropped (as
    /// [`coverage_partial_lines`] and the command line read lines).
    pub fn add_line(&mut self, line_number: u64, line: &str, options: &Options) {
        if let Some(line) = json_line(line) {
            self.add_json(line_number, line, options);
        }
    }

    /// Checks one roster row (cells in header order) and adds it.
    pub fn add_cells(&mut self, row: u64, roster: &Roster, cells: &[Cell<'_>], options: &Options) {
        self.add(row, roster.outcome(cells, options));
    }

    /// Adds a row that could not be read at all (`row_malformed`).
    pub fn add_malformed(&mut self, row: u64, options: &Options) {
        self.add(row, RowOutcome::malformed(row as usize, options));
    }

    /// The earlier of two valid rows of a membership stays; the other is a
    /// later row, whose counts are never added and whose warnings go.
    fn offer(&mut self, membership: Membership, first: First) {
        match self.counted.entry(membership) {
            Entry::Vacant(entry) => {
                entry.insert(first);
            }
            Entry::Occupied(mut entry) => {
                if first.row < entry.get().row {
                    let beaten = std::mem::replace(entry.get_mut(), first);
                    self.later.push((beaten.row, entry.key().clone()));
                } else {
                    self.later.push((first.row, entry.key().clone()));
                }
            }
        }
    }

    /// Merges another partial in (any order, any grouping: the result is
    /// the same). Fails when the two were counted with other options.
    pub fn merge(&mut self, mut other: CoveragePartial) -> Result<(), PartialError> {
        if self.options != other.options {
            return Err(PartialError::OtherOptions);
        }
        // The smaller one is poured into the larger.
        if other.counted.len() > self.counted.len() {
            std::mem::swap(self, &mut other);
        }
        self.rows += other.rows;
        for (membership, first) in other.counted {
            self.offer(membership, first);
        }
        self.later.append(&mut other.later);
        self.rejected.append(&mut other.rejected);
        Ok(())
    }

    /// The answer over every row added: the figures of the earliest valid
    /// row of each membership, every later one refused as
    /// `duplicate_enrollment` with `first_row`, the rejected and the warned
    /// rows in row order. `options` must be those the partial was counted
    /// with.
    pub fn finish(self, options: &Options) -> Result<CoverageAnswer, PartialError> {
        if fingerprint(options) != self.options {
            return Err(PartialError::OtherOptions);
        }
        let catalog = options.catalog();
        let mut coverage = Coverage::new(catalog);
        let mut warnings = Vec::new();
        for (membership, first) in &self.counted {
            let segments = first.segments.indices();
            check_indices(catalog, membership.chain(), &segments)?;
            coverage.add(&CoverageRow {
                uscc: &membership.uscc(),
                chain: membership.chain(),
                segments: &segments,
                covered: first.covered,
                full_members: first.full_members,
                output_wan: first.output_wan,
            });
            if let Some(found) = &first.warnings {
                warnings.push(RejectedRow {
                    row: row_number(first.row)?,
                    findings: found.to_vec(),
                });
            }
        }
        let mut rejected = Vec::with_capacity(self.rejected.len() + self.later.len());
        for (row, findings) in self.rejected {
            rejected.push(RejectedRow {
                row: row_number(row)?,
                findings,
            });
        }
        for (row, membership) in &self.later {
            let first = self.counted.get(membership).ok_or_else(|| {
                PartialError::Malformed(format!("row {row} repeats a membership never counted"))
            })?;
            rejected.push(RejectedRow {
                row: row_number(*row)?,
                findings: second_enrollment(first.row, options),
            });
        }
        coverage.add_rejected(rejected.len() as u64);
        rejected.sort_by_key(|r| r.row);
        warnings.sort_by_key(|r| r.row);
        Ok(CoverageAnswer {
            report: coverage.report(catalog),
            input: None,
            rejected,
            warnings,
        })
    }

    /// The partial as JSON text, to be read back by
    /// [`CoveragePartial::from_json`] (entries in row order, so the same
    /// partial is always the same text). The shape is versioned
    /// (`lianjian_coverage_partial`) and meant for merging only: counted
    /// rows as `[row, chain index, uscc, [segment indices], covered,
    /// full_members, output_wan, warnings]`, later rows as `[row, chain
    /// index, uscc]`, rejected rows as `{row, findings}`.
    pub fn to_json(&self) -> String {
        let mut counted: Vec<CountedWire> = self
            .counted
            .iter()
            .map(|(membership, first)| {
                CountedWire(
                    first.row,
                    membership.chain(),
                    membership.uscc().into_owned(),
                    first.segments.indices(),
                    CoveredWire::from(first.covered),
                    first.full_members,
                    first.output_wan,
                    first
                        .warnings
                        .as_deref()
                        .map(<[_]>::to_vec)
                        .unwrap_or_default(),
                )
            })
            .collect();
        counted.sort_by_key(|c| c.0);
        let mut later: Vec<LaterWire> = self
            .later
            .iter()
            .map(|(row, m)| LaterWire(*row, m.chain(), m.uscc().into_owned()))
            .collect();
        later.sort_by_key(|l| l.0);
        let mut rejected: Vec<RejectedWire<'_>> = self
            .rejected
            .iter()
            .map(|(row, findings)| RejectedWire {
                row: *row,
                findings: std::borrow::Cow::Borrowed(findings),
            })
            .collect();
        rejected.sort_by_key(|r| r.row);
        let wire = Wire {
            lianjian_coverage_partial: PARTIAL_VERSION,
            options: format!("{:016x}", self.options),
            rows: self.rows,
            counted,
            later,
            rejected,
        };
        super::super::to_json(&wire)
    }

    /// A partial from the text [`CoveragePartial::to_json`] wrote.
    pub fn from_json(text: &str) -> Result<CoveragePartial, PartialError> {
        let wire: Wire<'static> = serde_json::from_str(text).map_err(|e| {
            #[derive(Deserialize)]
            struct Version {
                lianjian_coverage_partial: u32,
            }
            match serde_json::from_str::<Version>(text) {
                Ok(v) if v.lianjian_coverage_partial != PARTIAL_VERSION => {
                    PartialError::Malformed(format!(
                        "version {} (this library reads version {PARTIAL_VERSION})",
                        v.lianjian_coverage_partial
                    ))
                }
                _ => PartialError::Malformed(e.to_string()),
            }
        })?;
        if wire.lianjian_coverage_partial != PARTIAL_VERSION {
            return Err(PartialError::Malformed(format!(
                "version {} (this library reads version {PARTIAL_VERSION})",
                wire.lianjian_coverage_partial
            )));
        }
        let options = u64::from_str_radix(&wire.options, 16)
            .map_err(|_| PartialError::Malformed("`options` is not a fingerprint".into()))?;
        let mut partial = CoveragePartial {
            options,
            rows: wire.rows,
            counted: HashMap::with_capacity(wire.counted.len()),
            later: wire
                .later
                .into_iter()
                .map(|LaterWire(row, chain, uscc)| (row, Membership::new(chain, &uscc)))
                .collect(),
            rejected: wire
                .rejected
                .into_iter()
                .map(|r| (r.row, r.findings.into_owned()))
                .collect(),
        };
        for CountedWire(row, chain, uscc, segments, covered, full_members, output_wan, warnings) in
            wire.counted
        {
            let first = First {
                row,
                output_wan,
                segments: Segments::of(&segments),
                full_members,
                covered: covered.into(),
                warnings: (!warnings.is_empty()).then(|| warnings.into_boxed_slice()),
            };
            partial.offer(Membership::new(chain, &uscc), first);
        }
        Ok(partial)
    }
}

impl First {
    fn of(row: u64, counted: &OwnedCoverageRow, warnings: Vec<RenderedFinding>) -> First {
        First {
            row,
            output_wan: counted.output_wan,
            segments: Segments::of(&counted.segments),
            full_members: counted.full_members,
            covered: counted.covered,
            warnings: (!warnings.is_empty()).then(|| warnings.into_boxed_slice()),
        }
    }
}

/// A partial over enrollment records given as JSON lines, rows numbered by
/// line from `first_line` (blank lines skipped): a slice of a larger
/// JSON-lines roster that starts at that line.
pub fn coverage_partial_lines(text: &str, first_line: u64, options: &Options) -> CoveragePartial {
    let mut partial = CoveragePartial::new(options);
    for (i, line) in numbered_lines(text, 0) {
        partial.add_json(first_line.saturating_add(i as u64), line, options);
    }
    partial
}

/// A row number as the answer holds it.
fn row_number(row: u64) -> Result<usize, PartialError> {
    usize::try_from(row)
        .map_err(|_| PartialError::Malformed(format!("row {row} is past this platform's rows")))
}

/// A partial read from text names only chains and segments of its catalog.
fn check_indices(catalog: &Catalog, chain: usize, segments: &[usize]) -> Result<(), PartialError> {
    let known = catalog
        .chains
        .get(chain)
        .is_some_and(|c| segments.iter().all(|&s| s < c.segments.len()));
    if known {
        Ok(())
    } else {
        Err(PartialError::Malformed(format!(
            "chain {chain} or its segments {segments:?} are not in the catalog"
        )))
    }
}

/// A fingerprint of what changes the answer: the language, the date, the
/// message overrides, the legacy codes and the catalog (FNV-1a over their
/// JSON; a guard against mixing partials, not a seal).
fn fingerprint(options: &Options) -> u64 {
    #[derive(Serialize)]
    struct Seen<'a> {
        lang: &'static str,
        today: Option<&'a str>,
        messages: &'a BTreeMap<String, String>,
        legacy_uscc: Vec<&'a str>,
        catalog: &'a Catalog,
    }
    let mut legacy_uscc: Vec<&str> = options.legacy_uscc.iter().map(String::as_str).collect();
    legacy_uscc.sort_unstable();
    legacy_uscc.dedup();
    let seen = Seen {
        lang: options.lang().tag(),
        today: options.today.as_deref(),
        messages: &options.messages,
        legacy_uscc,
        catalog: options.catalog(),
    };
    let text = serde_json::to_string(&seen).unwrap_or_default();
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Wire<'a> {
    lianjian_coverage_partial: u32,
    options: String,
    rows: u64,
    counted: Vec<CountedWire>,
    later: Vec<LaterWire>,
    rejected: Vec<RejectedWire<'a>>,
}

#[derive(Serialize, Deserialize)]
struct CountedWire(
    u64,
    usize,
    String,
    Vec<usize>,
    CoveredWire,
    u32,
    Option<f64>,
    Vec<RenderedFinding>,
);

#[derive(Serialize, Deserialize)]
struct LaterWire(u64, usize, String);

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RejectedWire<'a> {
    row: u64,
    findings: std::borrow::Cow<'a, [RenderedFinding]>,
}

#[derive(Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum CoveredWire {
    Own,
    Joint,
    WorkOnly,
    Uncovered,
}

impl From<Covered> for CoveredWire {
    fn from(covered: Covered) -> Self {
        match covered {
            Covered::Own => CoveredWire::Own,
            Covered::Joint => CoveredWire::Joint,
            Covered::WorkOnly => CoveredWire::WorkOnly,
            Covered::Uncovered => CoveredWire::Uncovered,
        }
    }
}

impl From<CoveredWire> for Covered {
    fn from(covered: CoveredWire) -> Self {
        match covered {
            CoveredWire::Own => Covered::Own,
            CoveredWire::Joint => Covered::Joint,
            CoveredWire::WorkOnly => Covered::WorkOnly,
            CoveredWire::Uncovered => Covered::Uncovered,
        }
    }
}
