//! Coverage of a roster processed in pieces equals coverage of the whole:
//! merging is associative and commutative, whatever the slicing.

use lianjian::coverage::{Coverage, CoverageRow, Covered};
use lianjian::Catalog;
use proptest::prelude::*;

#[derive(Debug, Clone)]
struct Row {
    uscc: String,
    chain: usize,
    segments: Vec<usize>,
    covered: Covered,
    full_members: u32,
    output_wan: Option<f64>,
}

fn row() -> impl Strategy<Value = Row> {
    let covered = prop_oneof![
        Just(Covered::Own),
        Just(Covered::Joint),
        Just(Covered::WorkOnly),
        Just(Covered::Uncovered)
    ];
    (
        0..4usize,
        1u8..,
        covered,
        0..12u32,
        prop::option::of(0..10_000_000i64),
        0..40u32,
    )
        .prop_map(|(chain, mask, covered, full_members, centi, n)| {
            let count = Catalog::yantian().chains[chain].segments.len();
            let mut segments: Vec<usize> =
                (0..count).filter(|i| mask & (1 << (i % 8)) != 0).collect();
            if segments.is_empty() {
                segments.push(usize::from(mask) % count);
            }
            Row {
                uscc: format!("9144030000000{n:04}X"),
                chain,
                segments,
                covered,
                full_members,
                output_wan: centi.map(|c| c as f64 / 100.0),
            }
        })
}

fn count(rows: &[Row], rejected: u64) -> Coverage {
    let mut coverage = Coverage::new(Catalog::yantian());
    for r in rows {
        coverage.add(&CoverageRow {
            uscc: &r.uscc,
            chain: r.chain,
            segments: &r.segments,
            covered: r.covered,
            full_members: r.full_members,
            output_wan: r.output_wan,
        });
    }
    coverage.add_rejected(rejected);
    coverage
}

proptest! {
    #[test]
    fn any_slicing_merges_into_the_whole(
        rows in prop::collection::vec(row(), 0..200),
        slice_of in prop::collection::vec(0..5usize, 200),
        order in Just(()).prop_perturb(|_, mut rng| {
            let mut order: Vec<usize> = (0..5).collect();
            for i in (1..order.len()).rev() {
                order.swap(i, rng.random_range(0..=i));
            }
            order
        }),
        rejected in prop::collection::vec(0..3u64, 5),
    ) {
        let catalog = Catalog::yantian();
        let whole = count(&rows, rejected.iter().sum());
        let mut slices: Vec<Vec<Row>> = vec![Vec::new(); 5];
        for (i, r) in rows.iter().enumerate() {
            slices[slice_of[i]].push(r.clone());
        }
        let parts: Vec<Coverage> = slices.iter().zip(&rejected).map(|(s, &n)| count(s, n)).collect();
        let mut merged = Coverage::new(catalog);
        for &i in &order {
            merged.merge(parts[i].clone());
        }
        prop_assert_eq!(&merged, &whole);
        prop_assert_eq!(merged.report(catalog), whole.report(catalog));
    }

    #[test]
    fn merge_is_associative_and_commutative(
        a in prop::collection::vec(row(), 0..40),
        b in prop::collection::vec(row(), 0..40),
        c in prop::collection::vec(row(), 0..40),
    ) {
        let (a, b, c) = (count(&a, 1), count(&b, 0), count(&c, 2));
        let mut left = a.clone();
        left.merge(b.clone());
        left.merge(c.clone());
        let mut bc = b.clone();
        bc.merge(c);
        let mut right = a.clone();
        right.merge(bc);
        prop_assert_eq!(&left, &right);
        let mut ab = a.clone();
        ab.merge(b.clone());
        let mut ba = b;
        ba.merge(a);
        prop_assert_eq!(ab, ba);
    }

    #[test]
    fn every_membership_counts_once_per_level_and_once_in_its_kind(rows in prop::collection::vec(row(), 0..100)) {
        let report = count(&rows, 0).report(Catalog::yantian());
        let t = &report.totals.figures;
        prop_assert_eq!(t.members, rows.len() as u64);
        prop_assert_eq!(t.own_org + t.joint_org + t.work_only + t.uncovered, t.members);
        prop_assert_eq!(report.chains.iter().map(|c| c.figures.members).sum::<u64>(), t.members);
        for (i, chain) in report.chains.iter().enumerate() {
            let on_chain: Vec<&Row> = rows.iter().filter(|r| r.chain == i).collect();
            prop_assert_eq!(chain.figures.members, on_chain.len() as u64);
            for (s, segment) in chain.segments.iter().enumerate() {
                let n = on_chain.iter().filter(|r| r.segments.contains(&s)).count() as u64;
                prop_assert_eq!(segment.figures.members, n);
            }
        }
    }
}
