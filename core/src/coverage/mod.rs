//! Coverage along the chains: who is organized (own or joint Party
//! organization), who is covered only by work (a liaison), who is not covered,
//! per district, chain and segment, with the gap lists of "应建尽建、应联尽联".
//!
//! A [`Coverage`] accumulates enrollments and merges with another over a
//! disjoint slice of the roster into exactly the coverage of the whole (all
//! sums are integers, gap lists are sets), so a huge roster can be processed in
//! pieces or in parallel.

mod counts;
mod gaps;
mod membership;
pub mod report;

pub use counts::Counts;
pub use gaps::{Iter as UsccIter, UsccList};

use gaps::GapList;
pub(crate) use membership::{FirstRows, Membership};
pub use report::{ChainCoverage, CoverageReport, Gaps, Rates, SegmentCoverage, SegmentRef};

use crate::catalog::Catalog;
use crate::enrollment::{Enrollment, SHOULD_BUILD_FULL_MEMBERS};
use crate::org::PartyOrgStatus;

/// How one enrollment counts: the few facts coverage needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Covered {
    /// Its own Party organization.
    Own,
    /// A joint organization of several units.
    Joint,
    /// No organization, but a liaison.
    WorkOnly,
    /// Neither organized nor linked.
    Uncovered,
}

impl Covered {
    /// How an enrollment is covered.
    pub fn of(enrollment: &Enrollment) -> Covered {
        match (enrollment.status(), enrollment.liaison.is_some()) {
            (PartyOrgStatus::Own, _) => Covered::Own,
            (PartyOrgStatus::Joint, _) => Covered::Joint,
            (PartyOrgStatus::None, true) => Covered::WorkOnly,
            (PartyOrgStatus::None, false) => Covered::Uncovered,
        }
    }
}

/// One membership as coverage sees it, with segments as catalog indices.
#[derive(Debug, Clone, PartialEq)]
pub struct CoverageRow<'a> {
    /// The enterprise's USCC.
    pub uscc: &'a str,
    /// Index of the chain in the catalog.
    pub chain: usize,
    /// Indices of its segments within the chain (each once).
    pub segments: &'a [usize],
    /// How it is covered.
    pub covered: Covered,
    /// Full Party members.
    pub full_members: u32,
    /// Annual output value in 万元.
    pub output_wan: Option<f64>,
}

/// A [`CoverageRow`] that owns its data: what a worker hands on when rows are
/// counted after all of them are known (to drop second enrollments).
#[derive(Debug, Clone, PartialEq)]
pub struct OwnedCoverageRow {
    /// The enterprise's USCC.
    pub uscc: String,
    /// Index of the chain in the catalog.
    pub chain: usize,
    /// Indices of its segments within the chain.
    pub segments: Vec<usize>,
    /// How it is covered.
    pub covered: Covered,
    /// Full Party members.
    pub full_members: u32,
    /// Annual output value in 万元.
    pub output_wan: Option<f64>,
}

impl OwnedCoverageRow {
    /// The row of a valid enrollment, if its chain and segments are in the catalog.
    pub fn from_enrollment(catalog: &Catalog, enrollment: &Enrollment) -> Option<Self> {
        let chain = catalog
            .chains
            .iter()
            .position(|c| c.id == enrollment.chain)?;
        let segments = enrollment
            .segments
            .iter()
            .map(|s| {
                catalog.chains[chain]
                    .segments
                    .iter()
                    .position(|x| &x.id == s)
            })
            .collect::<Option<Vec<usize>>>()?;
        Some(OwnedCoverageRow {
            uscc: enrollment.enterprise.uscc.clone(),
            chain,
            segments,
            covered: Covered::of(enrollment),
            full_members: enrollment.full_members(),
            output_wan: enrollment.enterprise.annual_output_wan,
        })
    }

    /// The borrowed row to count.
    pub fn as_row(&self) -> CoverageRow<'_> {
        CoverageRow {
            uscc: &self.uscc,
            chain: self.chain,
            segments: &self.segments,
            covered: self.covered,
            full_members: self.full_members,
            output_wan: self.output_wan,
        }
    }
}

/// A partial or whole coverage count over some rows of a roster.
///
/// Equality compares what the report shows: the counts, and the gap lists as
/// sets (however the rows were sliced and merged).
#[derive(Debug, Clone)]
pub struct Coverage {
    totals: Counts,
    chains: Vec<Counts>,
    segments: Vec<Vec<Counts>>,
    rejected_rows: u64,
    // Gap lists are collected unsorted, with repeats, and sorted once for the
    // report: adding a row stays a push and merging an append.
    should_build: GapList,
    unlinked: GapList,
}

impl PartialEq for Coverage {
    fn eq(&self, other: &Self) -> bool {
        self.totals == other.totals
            && self.chains == other.chains
            && self.segments == other.segments
            && self.rejected_rows == other.rejected_rows
            && self.should_build.sorted() == other.should_build.sorted()
            && self.unlinked.sorted() == other.unlinked.sorted()
    }
}

impl Coverage {
    /// Nothing counted yet, shaped by the catalog.
    pub fn new(catalog: &Catalog) -> Self {
        Coverage {
            totals: Counts::default(),
            chains: vec![Counts::default(); catalog.chains.len()],
            segments: catalog
                .chains
                .iter()
                .map(|c| vec![Counts::default(); c.segments.len()])
                .collect(),
            rejected_rows: 0,
            should_build: GapList::default(),
            unlinked: GapList::default(),
        }
    }

    /// Counts a valid enrollment (its chain and segments must be in the
    /// catalog this coverage was made for; others are counted as rejected).
    pub fn add_enrollment(&mut self, catalog: &Catalog, enrollment: &Enrollment) {
        match OwnedCoverageRow::from_enrollment(catalog, enrollment) {
            Some(row) => self.add(&row.as_row()),
            None => self.add_rejected(1),
        }
    }

    /// Counts one membership.
    pub fn add(&mut self, row: &CoverageRow<'_>) {
        let Some(segments) = self.segments.get_mut(row.chain) else {
            self.rejected_rows += 1;
            return;
        };
        if row.segments.iter().any(|&s| s >= segments.len()) {
            self.rejected_rows += 1;
            return;
        }
        let unit = Counts::one(row.covered, row.full_members, row.output_wan);
        self.totals.add(&unit);
        self.chains[row.chain].add(&unit);
        for &s in row.segments {
            segments[s].add(&unit);
        }
        if row.covered != Covered::Own && row.full_members >= SHOULD_BUILD_FULL_MEMBERS {
            self.should_build.push(row.uscc);
        }
        if row.covered == Covered::Uncovered {
            self.unlinked.push(row.uscc);
        }
    }

    /// Counts rows that failed validation.
    pub fn add_rejected(&mut self, rows: u64) {
        self.rejected_rows += rows;
    }

    /// Adds the counts of another slice (made for the same catalog).
    pub fn merge(&mut self, other: Coverage) {
        self.totals.add(&other.totals);
        for (mine, theirs) in self.chains.iter_mut().zip(&other.chains) {
            mine.add(theirs);
        }
        for (mine, theirs) in self.segments.iter_mut().zip(&other.segments) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                m.add(t);
            }
        }
        self.rejected_rows += other.rejected_rows;
        self.should_build.append(other.should_build);
        self.unlinked.append(other.unlinked);
    }

    /// The report, in catalog order with sorted gap lists.
    pub fn report(&self, catalog: &Catalog) -> CoverageReport {
        report::build(self, catalog)
    }
}
