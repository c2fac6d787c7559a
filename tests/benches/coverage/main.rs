//! Coverage at scale, printed, never asserted:
//!
//! - **in memory**: the whole [`Coverage`](lianjian::coverage::Coverage)
//!   report from memberships already in memory as
//!   [`CoverageRow`](lianjian::coverage::CoverageRow)s, on one thread and on
//!   N threads (slices counted apart, then merged);
//! - **CSV → report**: the release CLI, `lianjian coverage ROSTER.csv --format
//!   json --today 2026-11-25`, which checks every row fully before counting;
//!   with a per-stage breakdown of that path measured through the core;
//! - **peak memory** of the CLI (its `VmHWM`, polled) and of this process
//!   during the in-memory aggregation;
//! - **DuckDB** on the same roster (`coverage/duckdb_coverage.py`, run with the venv's
//!   Python): the same per-segment, per-chain and district figures from a table
//!   already in memory and straight from the CSV; its figures are checked
//!   against lianjian's and the speed ratios are printed against the goals
//!   (in memory ≥ 3×, from CSV ≥ 1.5×).
//!
//! The roster ([`lianjian_tests::roster`]) is generated deterministically:
//! 1,000,000 memberships (50,000 with `LIANJIAN_BENCH_QUICK=1`) over the four
//! built-in chains, written once with Chinese headers to
//! `target/bench-data/roster-<size>.csv` and reused while its marker file
//! matches. One row in 200 is deliberately invalid and says so in its `备注`
//! column, which lianjian ignores (an unrecognised header) and DuckDB uses to
//! leave those rows out: DuckDB does not validate, so both count exactly the
//! valid memberships.
//!
//! `cargo build --release -p lianjian-cli && cargo bench -p lianjian-tests
//! --bench coverage`. `LIANJIAN_PYTHON` names the Python with `duckdb`
//! (default: `.venv/bin/python` in the workspace root); `LIANJIAN_CLI` names
//! the `lianjian` binary (default: `target/release/lianjian`).

mod cli;
mod duckdb;
mod in_memory;
mod levels;
mod measure;
mod stages;

#[path = "../peers/summary.rs"]
mod summary;

use std::fs;
use std::hint::black_box;
use std::thread;
use std::time::Instant;

use lianjian::coverage::CoverageRow;
use lianjian_tests::roster::roster_file;
use lianjian_tests::{catalog, workspace_root};

use cli::run_cli;
use duckdb::{duck_levels, duck_timing, python, run_duckdb};
use in_memory::{aggregate, counts_only, gap_lists_sorted_once, gap_sets_only};
use levels::{differences, levels};
use measure::{cpu_model, human, mb, ms, own_kb, reset_peak, time_reps, verdict, Timing};
use stages::stages;

/// The sizes of one run.
struct Sizes {
    quick: bool,
    rows: usize,
    /// Part of the roster's file name.
    label: &'static str,
    /// Timed repetitions of each in-memory measurement (after one warm-up).
    reps: usize,
    /// Timed runs of the CLI with the default thread count.
    cli_runs: usize,
    /// Rows of the per-stage breakdown of the CLI path.
    stage_rows: usize,
}

impl Sizes {
    fn from_env() -> Sizes {
        let quick = std::env::var("LIANJIAN_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
        if quick {
            Sizes {
                quick,
                rows: 50_000,
                label: "50k",
                reps: 5,
                cli_runs: 2,
                stage_rows: 20_000,
            }
        } else {
            Sizes {
                quick,
                rows: 1_000_000,
                label: "1m",
                reps: 5,
                cli_runs: 3,
                stage_rows: 100_000,
            }
        }
    }
}

fn main() {
    let sizes = Sizes::from_env();
    let started = Instant::now();
    let catalog = catalog();
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!("lianjian coverage benchmark");
    println!(
        "machine: {} {}, {cores} cores available{}",
        std::env::consts::OS,
        std::env::consts::ARCH,
        cpu_model().map(|m| format!(", {m}")).unwrap_or_default()
    );
    println!(
        "mode: {}{}; timings are best [median] of {} runs after a warm-up unless said",
        if sizes.quick { "quick" } else { "full" },
        if cfg!(debug_assertions) {
            ", DEBUG BUILD (figures not meaningful)"
        } else {
            ""
        },
        sizes.reps
    );

    // The roster.
    let (roster, csv, reused, took) = match roster_file(catalog, sizes.rows, sizes.label, false) {
        Ok(found) => found,
        Err(why) => {
            println!("roster: not generated: {why}");
            return;
        }
    };
    let csv_bytes = fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    let invalid = roster.invalid();
    let rows = roster.rows();
    let two_segments = rows.iter().filter(|r| r.segments.len() > 1).count();
    let pairs: usize = rows.iter().map(|r| r.segments.len()).sum();
    let repeated = roster.members.iter().filter(|m| m.repeated).count();
    println!();
    println!(
        "roster: {} memberships ({} valid, {invalid} deliberately invalid), {} on two \
         segments ({} membership-segment pairs), {} on a second chain",
        human(roster.members.len() as f64),
        human(rows.len() as f64),
        human(two_segments as f64),
        human(pairs as f64),
        human(repeated as f64),
    );
    println!(
        "  CSV {} ({}, {:.0} bytes/row), {} in {:.1} s",
        mb(csv_bytes),
        csv.strip_prefix(workspace_root()).unwrap_or(&csv).display(),
        csv_bytes as f64 / roster.members.len().max(1) as f64,
        if reused {
            "reused (marker matches), rows regenerated in memory"
        } else {
            "generated and written"
        },
        took.as_secs_f64()
    );

    // (a) In memory.
    println!();
    println!(
        "(a) lianjian in memory: Coverage::add over {} pre-built CoverageRows + merge + report \
         (gap lists included)",
        human(rows.len() as f64)
    );
    // Memory first, before other runs leave freed memory to the allocator.
    let held = rows.len() * std::mem::size_of::<CoverageRow<'_>>()
        + roster.usccs.len()
        + roster.segments.len() * std::mem::size_of::<usize>();
    let with_rows_kb = own_kb("VmRSS:").unwrap_or(0);
    if reset_peak() {
        let base = own_kb("VmRSS:").unwrap_or(0);
        black_box(aggregate(&rows, catalog, cores, invalid as u64));
        let peak = own_kb("VmHWM:").unwrap_or(0);
        println!(
            "  memory: this process holds {} (the rows themselves {}); peak {} during the first \
             {cores}-thread aggregation (+{})",
            mb(with_rows_kb * 1024),
            mb(held as u64),
            mb(peak * 1024),
            mb(peak.saturating_sub(base) * 1024)
        );
    } else {
        println!(
            "  memory: peak {} for this process so far (generation included: \
             /proc/self/clear_refs is not writable)",
            mb(own_kb("VmHWM:").unwrap_or(0) * 1024)
        );
    }
    let mut thread_counts = vec![1];
    if cores > 1 {
        thread_counts.push(cores);
    }
    let reference = aggregate(&rows, catalog, 1, invalid as u64);
    let mut best_in_memory = f64::INFINITY;
    let mut single_thread = f64::NAN;
    for &threads in &thread_counts {
        let timing = time_reps(sizes.reps, || {
            aggregate(&rows, catalog, threads, invalid as u64)
        });
        if threads == 1 {
            single_thread = timing.best;
        } else {
            summary::record("coverage.lianjian_threads_s", timing.best);
        }
        best_in_memory = best_in_memory.min(timing.best);
        println!(
            "  {threads} thread{}: {:>22}  = {} rows/s",
            if threads == 1 { " " } else { "s" },
            timing.show(),
            human(rows.len() as f64 / timing.best)
        );
    }
    summary::record("coverage.mode", if sizes.quick { "quick" } else { "full" });
    summary::record("coverage.rows", rows.len());
    summary::record("coverage.threads", cores);
    summary::record("coverage.lianjian_1_thread_s", single_thread);
    let counts = time_reps(sizes.reps, || counts_only(&rows, catalog));
    let gap_sets = time_reps(sizes.reps, || gap_sets_only(&rows));
    let sorted_once = time_reps(sizes.reps, || gap_lists_sorted_once(&rows));
    println!(
        "  of which, 1 thread: the figures alone (Counts::one + add at 3 levels) {}; the gap-list \
         sets kept as BTreeSet<String> (how Coverage kept them before it packed codes into \
         a sorted-once list) {} for {} should_build + {} unlinked USCCs",
        ms(counts.best),
        ms(gap_sets.best),
        human(reference.gaps.should_build.len() as f64),
        human(reference.gaps.unlinked.len() as f64),
    );
    println!(
        "  for comparison: the same gap lists as Vec<&str> sorted + deduplicated once, then owned: {}",
        ms(sorted_once.best)
    );
    // (b) + (c) CSV → report with the CLI.
    println!();
    println!("(b) lianjian CSV → report: release CLI `lianjian coverage <csv> --format json --today 2026-11-25`");
    let cli = run_cli(&csv, sizes.cli_runs);
    let mut cli_seconds = None;
    match &cli {
        Ok(cli) => {
            let timing = Timing::of(cli.default_runs.iter().map(|r| r.seconds).collect());
            let peak = cli.default_runs.iter().filter_map(|r| r.peak_kb).max();
            if let Some(t) = timing {
                cli_seconds = Some(t.best);
                summary::record("coverage.csv_rows", roster.members.len());
                summary::record("coverage.cli_s", t.best);
                println!(
                    "  {cores} threads (default), {} runs: {:>22}  = {} rows/s, {:.1} MB/s of CSV",
                    cli.default_runs.len(),
                    t.show(),
                    human(roster.members.len() as f64 / t.best),
                    csv_bytes as f64 / 1e6 / t.best
                );
            }
            if let Some(run) = &cli.one_thread {
                println!(
                    "  1 thread (--threads 1), 1 run: {:>14}  = {} rows/s",
                    ms(run.seconds),
                    human(roster.members.len() as f64 / run.seconds)
                );
            }
            println!(
                "(c) peak memory of the CLI (VmHWM, polled): {}{}  (CSV {}; JSON output {})",
                peak.map_or_else(|| "unknown".into(), |kb| mb(kb * 1024)),
                cli.one_thread
                    .as_ref()
                    .and_then(|r| r.peak_kb)
                    .map(|kb| format!(", {} with --threads 1", mb(kb * 1024)))
                    .unwrap_or_default(),
                mb(csv_bytes),
                mb(cli.output_bytes)
            );
            let diff = differences(&levels(&reference), &levels(&cli.report), 8);
            let gaps_agree = cli.report.gaps == reference.gaps;
            let rejected = cli.report.totals.rejected_rows;
            if diff.is_empty() && gaps_agree && rejected == invalid as u64 {
                println!(
                    "  check: the CLI's figures and gap lists equal the in-memory report; it \
                     read {} rows and rejected {rejected} (the deliberately invalid ones); \
                     ignored columns: {}",
                    human(cli.rows_read as f64),
                    cli.ignored_columns.join(", ")
                );
            } else {
                println!(
                    "  check: the CLI DISAGREES with the in-memory report (rejected {rejected}, \
                     expected {invalid}; gap lists {}):",
                    if gaps_agree { "agree" } else { "differ" }
                );
                for line in diff {
                    println!("    {line}");
                }
            }
        }
        Err(why) => println!("  not measured: {why}"),
    }

    // Where the CLI's time goes, on one thread, through the core.
    match stages(&csv, sizes.stage_rows, catalog) {
        Ok(s) => {
            let per_row = |t: f64| t / s.rows.max(1) as f64 * 1e6;
            let work = s.split_cells + s.check + s.count;
            let share = |t: f64| t / work * 100.0;
            println!(
                "  where the time goes (core functions the CLI calls, 1 thread, first {} rows, {} valid, best of 3):",
                human(s.rows as f64),
                human(s.valid as f64)
            );
            println!(
                "    read + UTF-8 check of the whole file: {} ({:.0} MB/s)",
                ms(s.read_whole_file),
                s.file_bytes as f64 / 1e6 / s.read_whole_file
            );
            for (name, t) in [
                (
                    "cells as owned Strings (split; the CLI uses the csv crate)",
                    s.split_cells,
                ),
                ("Columns::check_texts (cells → record, every rule)", s.check),
                ("Coverage::add_enrollment (counting)", s.count),
            ] {
                println!(
                    "    {name:<60} {:>6.2} µs/row  {:>4.0}%",
                    per_row(t),
                    share(t)
                );
            }
            let projected = work / s.rows.max(1) as f64 * roster.members.len() as f64;
            println!(
                "    sum {:.2} µs/row → {} for all rows on one thread; at best ÷{cores} on {cores} \
                 cores, plus reading the file",
                per_row(work),
                ms(projected)
            );
        }
        Err(why) => println!("  stage breakdown not measured: {why}"),
    }

    // (d) DuckDB.
    println!();
    println!(
        "(d) DuckDB via tests/benches/coverage/duckdb_coverage.py ({}): the same figures per segment \
         (string_split + unnest of 产业链环节), per chain and for the district, valid rows only \
         (备注 is empty)",
        python()
            .strip_prefix(workspace_root())
            .unwrap_or(&python())
            .display()
    );
    let loaded = run_duckdb("loaded", &csv, sizes.reps, cores);
    let from_csv = run_duckdb("csv", &csv, sizes.reps.min(3), cores);
    let mut duck_loaded = None;
    let mut duck_loaded_gaps = None;
    let mut duck_loaded_one = None;
    let mut duck_csv = None;
    let mut duck_csv_gaps = None;
    match &loaded {
        Ok(d) => {
            let j = &d.json;
            println!(
                "  DuckDB {} (Python {}), {} threads",
                j["duckdb"].as_str().unwrap_or("?"),
                j["python"].as_str().unwrap_or("?"),
                j["threads"].as_u64().unwrap_or(0)
            );
            println!(
                "  (i) loaded table ({} rows; load = read_csv + filter + classify + string_split \
                 into a LIST column, {}, timed apart):",
                human(j["rows_loaded"].as_f64().unwrap_or(0.0)),
                ms(j["load_s"].as_f64().unwrap_or(f64::NAN))
            );
            duck_loaded = duck_timing(j, "figures");
            duck_loaded_gaps = duck_timing(j, "figures_gaps");
            duck_loaded_one = duck_timing(j, "figures_1_thread");
            summary::record(
                "coverage.duckdb_version",
                j["duckdb"].as_str().unwrap_or("?"),
            );
            summary::record(
                "coverage.duckdb_threads",
                j["threads"].as_u64().unwrap_or(0),
            );
            for (key, timing) in [
                ("coverage.duckdb_loaded_s", duck_loaded),
                ("coverage.duckdb_loaded_1_thread_s", duck_loaded_one),
            ] {
                if let Some(t) = timing {
                    summary::record(key, t.best);
                }
            }
            for (label, key) in [
                ("figures", "figures"),
                ("figures + sorted gap lists", "figures_gaps"),
                ("figures, 1 thread", "figures_1_thread"),
                (
                    "figures, segments split in the query (raw table)",
                    "figures_split_in_query",
                ),
            ] {
                if let Some(t) = duck_timing(j, key) {
                    println!("      {label:<50} {:>22}", t.show());
                }
            }
            let (theirs, gaps) = duck_levels(j, catalog);
            let diff = differences(&levels(&reference), &theirs, 12);
            let ours_gaps = (
                reference.gaps.should_build.len() as u64,
                reference.gaps.unlinked.len() as u64,
            );
            summary::record(
                "coverage.duckdb_agrees",
                diff.is_empty() && gaps == Some(ours_gaps),
            );
            if diff.is_empty() && gaps == Some(ours_gaps) {
                println!(
                    "      check: figures agree (district, {} chains, {} segments: members, \
                     own/joint/work-only/uncovered, full members, output) and so do the gap-list \
                     sizes ({} should_build, {} unlinked)",
                    catalog.chains.len(),
                    catalog
                        .chains
                        .iter()
                        .map(|c| c.segments.len())
                        .sum::<usize>(),
                    ours_gaps.0,
                    ours_gaps.1
                );
            } else {
                println!(
                    "      check: figures DIFFER (gap-list sizes lianjian {ours_gaps:?}, DuckDB {gaps:?}):"
                );
                for line in diff {
                    println!("        {line}");
                }
            }
            if let Some(kb) = d.peak_kb {
                println!(
                    "      peak memory of that Python process (VmHWM): {}",
                    mb(kb * 1024)
                );
            }
        }
        Err(why) => {
            summary::record("coverage.duckdb_error", why);
            println!("  (i) loaded table: not measured: {why}");
        }
    }
    match &from_csv {
        Ok(d) => {
            let j = &d.json;
            duck_csv = duck_timing(j, "figures");
            if let Some(t) = duck_csv {
                summary::record("coverage.duckdb_csv_s", t.best);
            }
            duck_csv_gaps = duck_timing(j, "figures_gaps");
            println!("  (ii) straight from the CSV (read_csv + aggregate, one query each):");
            for (label, key) in [
                ("figures", "figures"),
                ("figures + sorted gap lists", "figures_gaps"),
            ] {
                if let Some(t) = duck_timing(j, key) {
                    println!("      {label:<50} {:>22}", t.show());
                }
            }
            let (theirs, _) = duck_levels(j, catalog);
            let diff = differences(&levels(&reference), &theirs, 12);
            println!(
                "      check: {}",
                if diff.is_empty() {
                    "figures agree".to_owned()
                } else {
                    format!("figures DIFFER: {}", diff.join("; "))
                }
            );
            if let Some(kb) = d.peak_kb {
                println!(
                    "      peak memory of that Python process (VmHWM): {}",
                    mb(kb * 1024)
                );
            }
        }
        Err(why) => println!("  (ii) from CSV: not measured: {why}"),
    }

    // Ratios.
    println!();
    println!("ratios (DuckDB time ÷ lianjian time; higher is better for lianjian):");
    match (duck_loaded, duck_loaded_gaps) {
        (Some(figures), gaps) => {
            let ratio = figures.best / best_in_memory;
            println!(
                "  in memory: lianjian {} vs DuckDB loaded table {}: {ratio:.2}× — {} (≥3×){}",
                ms(best_in_memory),
                ms(figures.best),
                verdict(ratio, 3.0),
                gaps.map(|g| {
                    let r = g.best / best_in_memory;
                    format!(
                        "; with DuckDB also building the sorted gap lists (same work as lianjian) \
                         {r:.2}× — {}",
                        verdict(r, 3.0)
                    )
                })
                .unwrap_or_default()
            );
            if let Some(one) = duck_loaded_one {
                println!(
                    "    1 thread each: lianjian {} vs DuckDB {}: {:.2}×",
                    ms(single_thread),
                    ms(one.best),
                    one.best / single_thread
                );
            }
        }
        _ => println!("  in memory: not measured (no DuckDB) — goal ≥3×: not measured"),
    }
    match (cli_seconds, duck_csv) {
        (Some(ours), Some(figures)) => {
            let ratio = figures.best / ours;
            println!(
                "  from CSV: lianjian CLI {} vs DuckDB read_csv {}: {ratio:.2}× — {} (≥1.5×){}",
                ms(ours),
                ms(figures.best),
                verdict(ratio, 1.5),
                duck_csv_gaps
                    .map(|g| {
                        let r = g.best / ours;
                        format!("; with sorted gap lists {r:.2}× — {}", verdict(r, 1.5))
                    })
                    .unwrap_or_default()
            );
        }
        _ => println!("  from CSV: not measured (no CLI or no DuckDB) — goal ≥1.5×: not measured"),
    }
    println!();
    println!("total {:.1} s", started.elapsed().as_secs_f64());
}
