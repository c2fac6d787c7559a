//! Coverage counted in partials equals coverage counted in one pass, byte
//! for byte: any partitioning of the rows, any order within a partition,
//! partials serialised and read back or not, merged in any order and
//! grouping, give the answer of a `Tally` fed the rows in input order —
//! second enrollments found only when two partials meet included.

use lianjian::api::{self, CoveragePartial, Options, PartialError, RowOutcome, Tally};
use lianjian::coverage::{Covered, OwnedCoverageRow};
use lianjian::{Catalog, Code, Path, Report};
use proptest::prelude::*;
use proptest::test_runner::TestRng;

/// Enterprises the rows are drawn from: few, so that second enrollments are
/// common; one code outside the alphabet (a recorded legacy code).
const CODES: [&str; 5] = [
    "91440300MA5FUTN418",
    "91440300MA5H2B7C5Y",
    "N2440308MA5K00012U",
    "11440300000000000X",
    "legacy-not-packed",
];

#[derive(Debug, Clone)]
enum Spec {
    Counted {
        code: usize,
        chain: usize,
        segments: u8,
        covered: u8,
        full_members: u32,
        output_centi: Option<i64>,
        warned: bool,
    },
    Rejected(bool),
}

fn spec() -> impl Strategy<Value = Spec> {
    prop_oneof![
        4 => (0..CODES.len(), 0..4usize, 1u8.., 0..4u8, 0..8u32, prop::option::of(0..1_000_000i64), prop::bool::weighted(0.2))
            .prop_map(|(code, chain, segments, covered, full_members, output_centi, warned)| Spec::Counted {
                code, chain, segments, covered, full_members, output_centi, warned,
            }),
        1 => any::<bool>().prop_map(Spec::Rejected),
    ]
}

fn options(lang: &str) -> Options {
    Options::from_json(&format!(r#"{{"lang": "{lang}", "today": "2026-11-25"}}"#)).unwrap()
}

/// The outcome a checked row would have had.
fn outcome(spec: &Spec, row: u64, options: &Options) -> RowOutcome {
    match spec {
        Spec::Counted {
            code,
            chain,
            segments,
            covered,
            full_members,
            output_centi,
            warned,
        } => {
            let count = Catalog::yantian().chains[*chain].segments.len();
            let mut indices: Vec<usize> = (0..count).filter(|i| segments & (1 << i) != 0).collect();
            if indices.is_empty() {
                indices.push(usize::from(*segments) % count);
            }
            let covered = [
                Covered::Own,
                Covered::Joint,
                Covered::WorkOnly,
                Covered::Uncovered,
            ][usize::from(*covered)];
            let warnings = if *warned {
                let mut report = Report::new();
                report.add(
                    Code::UsccOrgCodeChecksum,
                    Path::root().key("enterprise").key("uscc"),
                );
                options.render(&report)
            } else {
                Vec::new()
            };
            RowOutcome::Counted(
                OwnedCoverageRow {
                    uscc: CODES[*code].to_owned(),
                    chain: *chain,
                    segments: indices,
                    covered,
                    full_members: *full_members,
                    output_wan: output_centi.map(|c| c as f64 / 100.0),
                },
                warnings,
            )
        }
        Spec::Rejected(true) => RowOutcome::malformed(row as usize, options),
        Spec::Rejected(false) => {
            let mut report = Report::new();
            report.add(Code::Required, Path::root().key("chain"));
            RowOutcome::Rejected(options.render(&report))
        }
    }
}

fn shuffle<T>(items: &mut [T], rng: &mut TestRng) {
    for i in (1..items.len()).rev() {
        items.swap(i, rng.random_range(0..=i));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_partitioning_in_any_merge_order_equals_one_pass(
        specs in prop::collection::vec(spec(), 0..120),
        gaps in prop::collection::vec(1..4u64, 120),
        parts in 1..9usize,
        part_of in prop::collection::vec(0..8usize, 120),
        through_text in prop::collection::vec(any::<bool>(), 9),
        lang in prop_oneof![Just("zh-CN"), Just("en")],
        mut rng in Just(()).prop_perturb(|_, rng| rng),
    ) {
        let options = options(lang);
        // Rows numbered as a file would (blank lines leave gaps).
        let mut row = 0;
        let rows: Vec<(u64, &Spec)> = specs.iter().zip(&gaps).map(|(s, g)| { row += g; (row, s) }).collect();

        let mut tally = Tally::new(&options);
        for &(row, spec) in &rows {
            tally.add(row as usize, outcome(spec, row, &options));
        }
        let expected = api::to_json(&tally.finish());

        // Rows spread over the partitions, each partition in any order.
        let mut slices: Vec<Vec<(u64, &Spec)>> = vec![Vec::new(); parts];
        for (i, &r) in rows.iter().enumerate() {
            slices[part_of[i] % parts].push(r);
        }
        let mut partials: Vec<CoveragePartial> = Vec::new();
        for (i, slice) in slices.iter_mut().enumerate() {
            shuffle(slice, &mut rng);
            let mut partial = CoveragePartial::new(&options);
            for &(row, spec) in slice.iter() {
                partial.add(row, outcome(spec, row, &options));
            }
            if through_text[i] {
                let text = partial.to_json();
                partial = CoveragePartial::from_json(&text).unwrap();
                prop_assert_eq!(partial.to_json(), text, "read back, written the same");
            }
            partials.push(partial);
        }
        // Merged pairwise in a random tree.
        while partials.len() > 1 {
            let i = rng.random_range(0..partials.len());
            let other = partials.swap_remove(i);
            let j = rng.random_range(0..partials.len());
            if rng.random_bool(0.3) {
                let text = other.to_json();
                partials[j].merge(CoveragePartial::from_json(&text).unwrap()).unwrap();
            } else {
                partials[j].merge(other).unwrap();
            }
        }
        let merged = partials.pop().unwrap();
        prop_assert_eq!(merged.rows(), rows.len() as u64);
        let answer = merged.finish(&options).unwrap();
        prop_assert_eq!(api::to_json(&answer), expected);
    }
}

#[test]
fn a_second_enrollment_found_when_partials_meet_is_refused_as_in_one_pass() {
    let options = options("en");
    let record = include_str!("../../tests/fixtures/enrollment/valid_own_branch.json");
    let record = record.split_whitespace().collect::<Vec<_>>().join(" ");
    // The same enterprise on lines 2 and 5; its later row comes first in
    // the partials' merge order.
    let lines = format!("not json\n{record}\n\n{{}}\n{record}\n");
    let expected = api::to_json(&api::coverage_lines(&lines, &options));
    assert!(
        expected.contains(r#""code":"duplicate_enrollment""#)
            && expected.contains(r#""first_row":2"#),
        "{expected}"
    );
    let all: Vec<&str> = lines.lines().collect();
    let head = all[..3].join("\n");
    let tail = all[3..].join("\n");
    let mut late = api::coverage_partial_lines(&tail, 4, &options);
    let early = api::coverage_partial_lines(&head, 1, &options);
    late.merge(CoveragePartial::from_json(&early.to_json()).unwrap())
        .unwrap();
    let answer = late.finish(&options).unwrap();
    assert_eq!(api::to_json(&answer), expected);
    assert_eq!(answer.report.totals.figures.members, 1);
    assert_eq!(answer.report.totals.rejected_rows, 3);
}

#[test]
fn partials_of_other_options_do_not_mix() {
    let zh = options("zh-CN");
    let en = options("en");
    let mut a = CoveragePartial::new(&zh);
    assert_eq!(
        a.merge(CoveragePartial::new(&en)),
        Err(PartialError::OtherOptions)
    );
    assert_eq!(
        CoveragePartial::new(&zh).finish(&en).err(),
        Some(PartialError::OtherOptions)
    );
    let other_day = Options::from_json(r#"{"today": "2026-11-26"}"#).unwrap();
    assert_eq!(
        a.merge(CoveragePartial::new(&other_day)),
        Err(PartialError::OtherOptions)
    );
    assert!(a.merge(CoveragePartial::new(&zh)).is_ok());
}

#[test]
fn text_that_is_not_a_partial_is_refused_with_a_reason() {
    let zh = options("zh-CN");
    let text = CoveragePartial::new(&zh).to_json();
    assert!(
        text.starts_with(r#"{"lianjian_coverage_partial":1,"#),
        "{text}"
    );
    for bad in [
        "",
        "[]",
        "{}",
        &text.replace(r#"partial":1"#, r#"partial":2"#),
        &text.replace(r#""rows":0"#, r#""rows":-1"#),
        &text.replace(r#""rows":0"#, r#""rows":0,"more":1"#),
    ] {
        let error = CoveragePartial::from_json(bad).unwrap_err();
        assert!(
            matches!(error, PartialError::Malformed(_)),
            "{bad}: {error}"
        );
    }
    let error = CoveragePartial::from_json(&text.replace(r#"partial":1"#, r#"partial":2"#))
        .unwrap_err()
        .to_string();
    assert!(error.contains("version 2"), "{error}");
    // A counted row naming a chain the catalog lacks cannot finish.
    let forged = text.replace(
        r#""counted":[]"#,
        r#""counted":[[1,99,"91440300MA5FUTN418",[0],"own",3,null,[]]]"#,
    );
    let partial = CoveragePartial::from_json(&forged).unwrap();
    assert!(matches!(
        partial.finish(&zh),
        Err(PartialError::Malformed(_))
    ));
}
