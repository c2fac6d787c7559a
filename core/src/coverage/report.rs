//! The coverage report in its wire shape (`docs/wire/coverage.md`).

use serde::{Deserialize, Serialize};

use super::{Counts, Coverage, UsccList};
use crate::catalog::{Catalog, Names};

/// Coverage rates, `null` where there are no members.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Rates {
    /// Organization coverage: own or joint organization ÷ members.
    pub organization: Option<f64>,
    /// Work coverage: liaison only ÷ members.
    pub work: Option<f64>,
    /// Either coverage ÷ members.
    pub total: Option<f64>,
}

impl Rates {
    fn of(c: &Counts) -> Rates {
        let rate = |n: u64| {
            (c.members > 0).then(|| (n as f64 / c.members as f64 * 10_000.0).round() / 10_000.0)
        };
        Rates {
            organization: rate(c.organized()),
            work: rate(c.work_only),
            total: rate(c.organized() + c.work_only),
        }
    }
}

/// The figures of one level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Memberships.
    pub members: u64,
    /// With their own Party organization.
    pub own_org: u64,
    /// Covered by a joint organization.
    pub joint_org: u64,
    /// Covered by work only (liaison or instructor).
    pub work_only: u64,
    /// Not covered.
    pub uncovered: u64,
    /// Full Party members.
    pub full_members: u64,
    /// Total annual output value, 万元.
    pub output_wan: f64,
    /// The coverage rates.
    pub rates: Rates,
}

impl From<&Counts> for Figures {
    fn from(c: &Counts) -> Self {
        Figures {
            members: c.members,
            own_org: c.own_org,
            joint_org: c.joint_org,
            work_only: c.work_only,
            uncovered: c.uncovered,
            full_members: c.full_members,
            output_wan: c.output_wan(),
            rates: Rates::of(c),
        }
    }
}

/// District totals.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
    /// Rows that failed validation, left out of every other figure.
    pub rejected_rows: u64,
}

/// One segment of a chain.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentCoverage {
    /// Segment id.
    pub segment: String,
    /// Display names.
    pub name: Names,
    /// The figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// One chain with its segments.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChainCoverage {
    /// Chain id.
    pub chain: String,
    /// Display names.
    pub name: Names,
    /// The figures (each membership once, whatever its number of segments).
    #[serde(flatten)]
    pub figures: Figures,
    /// Per segment, in chain order.
    pub segments: Vec<SegmentCoverage>,
}

/// A segment named by chain and segment id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentRef {
    /// Chain id.
    pub chain: String,
    /// Segment id.
    pub segment: String,
}

/// The gap lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Gaps {
    /// Segments with no member.
    pub empty_segments: Vec<SegmentRef>,
    /// Segments with members, none of them organized (own or joint).
    pub segments_without_party_org: Vec<SegmentRef>,
    /// Enterprises with ≥ 3 full members and no organization of their own (USCC, sorted).
    pub should_build: UsccList,
    /// Enterprises neither organized nor linked (USCC, sorted).
    pub unlinked: UsccList,
}

/// The whole report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageReport {
    /// District totals.
    pub totals: Totals,
    /// Per chain, in catalog order.
    pub chains: Vec<ChainCoverage>,
    /// What is missing.
    pub gaps: Gaps,
}

pub(super) fn build(coverage: &Coverage, catalog: &Catalog) -> CoverageReport {
    let mut empty_segments = Vec::new();
    let mut segments_without_party_org = Vec::new();
    let chains = catalog
        .chains
        .iter()
        .zip(&coverage.chains)
        .zip(&coverage.segments)
        .map(|((chain, counts), segment_counts)| {
            let segments = chain
                .segments
                .iter()
                .zip(segment_counts)
                .map(|(segment, c)| {
                    let at = || SegmentRef {
                        chain: chain.id.clone(),
                        segment: segment.id.clone(),
                    };
                    if c.members == 0 {
                        empty_segments.push(at());
                    } else if c.organized() == 0 {
                        segments_without_party_org.push(at());
                    }
                    SegmentCoverage {
                        segment: segment.id.clone(),
                        name: segment.name.clone(),
                        figures: c.into(),
                    }
                })
                .collect();
            ChainCoverage {
                chain: chain.id.clone(),
                name: chain.name.clone(),
                figures: counts.into(),
                segments,
            }
        })
        .collect();
    CoverageReport {
        totals: Totals {
            figures: (&coverage.totals).into(),
            rejected_rows: coverage.rejected_rows,
        },
        chains,
        gaps: Gaps {
            empty_segments,
            segments_without_party_org,
            should_build: coverage.should_build.sorted(),
            unlinked: coverage.unlinked.sorted(),
        },
    }
}
