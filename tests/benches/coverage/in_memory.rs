//! lianjian in memory: the report of memberships already built as
//! `CoverageRow`s, on one thread or several, and parts of that work alone.

use std::collections::BTreeSet;
use std::thread;

use lianjian::coverage::{Counts, Coverage, CoverageRow, Covered};
use lianjian::{Catalog, CoverageReport};

/// The report of `rows`, counted on `threads` threads (slices, then merged).
pub(crate) fn aggregate(
    rows: &[CoverageRow<'_>],
    catalog: &Catalog,
    threads: usize,
    rejected: u64,
) -> CoverageReport {
    let mut coverage = Coverage::new(catalog);
    if threads <= 1 {
        for row in rows {
            coverage.add(row);
        }
    } else {
        let slice = rows.len().div_ceil(threads).max(1);
        let parts: Vec<Coverage> = thread::scope(|scope| {
            let handles: Vec<_> = rows
                .chunks(slice)
                .map(|part| {
                    scope.spawn(move || {
                        let mut coverage = Coverage::new(catalog);
                        for row in part {
                            coverage.add(row);
                        }
                        coverage
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for part in parts {
            coverage.merge(part);
        }
    }
    coverage.add_rejected(rejected);
    coverage.report(catalog)
}

/// The counting alone (district, chain, segment `Counts`), without gap lists.
pub(crate) fn counts_only(rows: &[CoverageRow<'_>], catalog: &Catalog) -> u64 {
    let mut totals = Counts::default();
    let mut chains = vec![Counts::default(); catalog.chains.len()];
    let mut segments: Vec<Vec<Counts>> = catalog
        .chains
        .iter()
        .map(|c| vec![Counts::default(); c.segments.len()])
        .collect();
    for row in rows {
        let unit = Counts::one(row.covered, row.full_members, row.output_wan);
        totals.add(&unit);
        chains[row.chain].add(&unit);
        for &s in row.segments {
            segments[row.chain][s].add(&unit);
        }
    }
    totals.members + segments.iter().flatten().map(|c| c.members).sum::<u64>()
}

/// The gap-list sets alone, as `Coverage::add` builds them.
pub(crate) fn gap_sets_only(rows: &[CoverageRow<'_>]) -> usize {
    let mut should_build = BTreeSet::new();
    let mut unlinked = BTreeSet::new();
    for row in rows {
        if row.covered != Covered::Own && row.full_members >= 3 {
            should_build.insert(row.uscc.to_owned());
        }
        if row.covered == Covered::Uncovered {
            unlinked.insert(row.uscc.to_owned());
        }
    }
    should_build.len() + unlinked.len()
}

/// The same gap lists built another way: borrowed USCCs pushed on vectors,
/// sorted and deduplicated once, then owned for the report.
pub(crate) fn gap_lists_sorted_once(rows: &[CoverageRow<'_>]) -> usize {
    let mut should_build: Vec<&str> = Vec::new();
    let mut unlinked: Vec<&str> = Vec::new();
    for row in rows {
        if row.covered != Covered::Own && row.full_members >= 3 {
            should_build.push(row.uscc);
        }
        if row.covered == Covered::Uncovered {
            unlinked.push(row.uscc);
        }
    }
    let mut owned = 0;
    for list in [&mut should_build, &mut unlinked] {
        list.sort_unstable();
        list.dedup();
        let strings: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
        owned += strings.len();
    }
    owned
}
