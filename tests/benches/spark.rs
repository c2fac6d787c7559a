//! Beyond one machine, printed, never asserted:
//!
//! - **Spark**: rows per second of the coverage job (`examples/spark`,
//!   `bash scripts/spark-coverage ROSTER --partitions N`) in local mode with
//!   2 cores, with and without starting the session, and whether its JSON
//!   equals the CLI's byte for byte;
//! - **CLI**: rows per second of `lianjian coverage ROSTER --format json` on
//!   the same file, and its peak resident memory (`/usr/bin/time`'s maximum
//!   resident set size when installed, else its polled `VmHWM`), against
//!   the goal of 100 MB for 1,000,000 rows;
//! - **DuckDB**: its plain `read_csv` aggregation of the same figures from
//!   the same file (`coverage/duckdb_coverage.py csv`, which checks nothing), and the
//!   CLI's throughput as a share of it (goal ≥ 0.5×).
//!
//! The roster is the coverage benchmark's (`lianjian_tests::roster`):
//! 1,000,000 rows, 50,000 with `LIANJIAN_BENCH_QUICK=1`. `bash
//! scripts/bench-spark` builds and installs what it needs and runs this.
//! `LIANJIAN_PYTHON` names the Python with duckdb, PySpark and the lianjian
//! wheel (default: `.venv/bin/python`); `LIANJIAN_CLI` the `lianjian` binary.

// Shared with the coverage benchmark; not every helper is used here.
#[allow(dead_code)]
#[path = "coverage/cli.rs"]
mod cli;
#[allow(dead_code)]
#[path = "coverage/duckdb.rs"]
mod duckdb;
#[allow(dead_code)]
#[path = "coverage/levels.rs"]
mod levels;
#[allow(dead_code)]
#[path = "coverage/measure.rs"]
mod measure;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;

use lianjian_tests::roster::roster_file;
use lianjian_tests::{catalog, workspace_root};

use cli::{cli_path, last_line, output_files, run_polled, stale};
use duckdb::{duck_timing, python, run_duckdb};
use measure::{cpu_model, human, mb, ms, verdict};

/// What one timed command did.
struct Measured {
    seconds: f64,
    /// CPU time, user + system, in seconds (under `/usr/bin/time` only).
    cpu: Option<f64>,
    /// Peak resident memory, kB, and how it was measured.
    peak: Option<(u64, &'static str)>,
    output: PathBuf,
}

/// Runs a command with its output in files beside the roster: under
/// `/usr/bin/time` when installed (its maximum resident set size is exact),
/// its `VmHWM` polled otherwise.
fn measured(dir: &Path, name: &str, program: &Path, args: &[&str]) -> Result<Measured, String> {
    let (out_path, out, err) = output_files(dir, name)?;
    let time = Path::new("/usr/bin/time");
    let rss_file = dir.join(format!("{name}.rss"));
    let mut command = if time.is_file() {
        let mut command = Command::new(time);
        command
            .arg("-f")
            .arg("%M %U %S")
            .arg("-o")
            .arg(&rss_file)
            .arg(program);
        command
    } else {
        Command::new(program)
    };
    command
        .args(args)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    let run = run_polled(&mut command).map_err(|e| format!("{}: {e}", program.display()))?;
    if !run.status.success() {
        return Err(format!(
            "{} failed ({}): {}",
            program.display(),
            run.status,
            last_line(&out_path)
        ));
    }
    // The last line of `/usr/bin/time`'s file: peak kB, user and system s.
    let last = fs::read_to_string(&rss_file)
        .ok()
        .and_then(|t| t.lines().last().map(str::to_owned))
        .unwrap_or_default();
    let fields: Vec<&str> = last.split_whitespace().collect();
    let exact = fields.first().and_then(|kb| kb.parse::<u64>().ok());
    let cpu = match (fields.get(1), fields.get(2)) {
        (Some(user), Some(system)) => user
            .parse::<f64>()
            .ok()
            .zip(system.parse::<f64>().ok())
            .map(|(u, s)| u + s),
        _ => None,
    };
    let peak = match exact {
        Some(kb) => Some((kb, "/usr/bin/time maximum resident set size")),
        None => run.peak_kb.map(|kb| (kb, "VmHWM, polled")),
    };
    Ok(Measured {
        seconds: run.seconds,
        cpu,
        peak,
        output: out_path,
    })
}

/// The Spark job's own account of its time on stderr: the session start,
/// then reading, checking and counting.
fn spark_times(output: &Path) -> Option<(f64, f64)> {
    let text = fs::read_to_string(output.with_extension("err")).ok()?;
    let line = text
        .lines()
        .rev()
        .find(|l| l.starts_with("lianjian-spark:"))?;
    let number = |after: &str| -> Option<f64> {
        let rest = &line[line.find(after)? + after.len()..];
        rest.split_whitespace().next()?.parse().ok()
    };
    Some((number("session ")?, number("count ")?))
}

fn main() {
    let quick = std::env::var("LIANJIAN_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
    let (rows, label, partitions) = if quick {
        (50_000, "50k", 4)
    } else {
        (1_000_000, "1m", 8)
    };
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!("lianjian beyond one machine: Spark, the streaming CLI, DuckDB");
    println!(
        "machine: {} {}, {cores} cores{}; mode: {}",
        std::env::consts::OS,
        std::env::consts::ARCH,
        cpu_model().map(|m| format!(", {m}")).unwrap_or_default(),
        if quick { "quick" } else { "full" }
    );
    // Other work on the machine slows every wall-clock figure below alike.
    if let Ok(load) = fs::read_to_string("/proc/loadavg") {
        let load: Vec<&str> = load.split_whitespace().take(3).collect();
        println!("load average at the start: {}", load.join(" "));
    }
    let (_, csv, reused, _) = match roster_file(catalog(), rows, label, false) {
        Ok(found) => found,
        Err(why) => {
            println!("roster: not generated: {why}");
            return;
        }
    };
    let bytes = fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    let dir = csv.parent().unwrap_or(Path::new(".")).to_path_buf();
    println!(
        "roster: {} rows, CSV {} ({}{})",
        human(rows as f64),
        mb(bytes),
        csv.strip_prefix(workspace_root()).unwrap_or(&csv).display(),
        if reused { ", reused" } else { "" }
    );

    // The CLI.
    println!();
    let cli = cli_path();
    if stale(&cli) == Some(true) {
        println!(
            "note: {} is older than some of its sources; rebuild it for current figures",
            cli.display()
        );
    }
    let csv_arg = csv.to_string_lossy().into_owned();
    let cli_args = [
        "coverage",
        csv_arg.as_str(),
        "--format",
        "json",
        "--today",
        "2026-11-25",
    ];
    let mut cli_best: Option<Measured> = None;
    // The highest peak seen over the runs, whichever run was fastest.
    let mut cli_peak: Option<(u64, &'static str)> = None;
    for _ in 0..if quick { 2 } else { 3 } {
        match measured(&dir, "spark-bench-cli", &cli, &cli_args) {
            Ok(run) => {
                if let Some((kb, how)) = run.peak {
                    if cli_peak.is_none_or(|(seen, _)| kb > seen) {
                        cli_peak = Some((kb, how));
                    }
                }
                if cli_best.as_ref().is_none_or(|b| run.seconds < b.seconds) {
                    cli_best = Some(run);
                }
            }
            Err(why) => {
                println!("CLI: not measured: {why}");
                break;
            }
        }
    }
    let cli_text = cli_best
        .as_ref()
        .and_then(|b| fs::read_to_string(&b.output).ok());
    if let Some(best) = &cli_best {
        println!(
            "CLI `lianjian coverage --format json`, {cores} threads, best of runs: {} = {} rows/s",
            ms(best.seconds),
            human(rows as f64 / best.seconds)
        );
        if let Some(cpu) = best.cpu {
            println!(
                "  CPU time of that run (user + system): {} = {} rows per CPU-second",
                ms(cpu),
                human(rows as f64 / cpu)
            );
        }
        match cli_peak {
            Some((kb, how)) => println!(
                "  peak memory, highest of the runs: {} ({how}) for {} rows — goal under 100 MB: {}",
                mb(kb * 1024),
                human(rows as f64),
                if rows < 1_000_000 {
                    "not applicable (quick mode)"
                } else if kb * 1024 < 100_000_000 {
                    "met"
                } else {
                    "not met"
                }
            ),
            None => println!("  peak memory: not measured"),
        }
    }

    // Spark.
    println!();
    let script = workspace_root().join("scripts/spark-coverage");
    let partitions_arg = partitions.to_string();
    let spark_args = [
        script.to_string_lossy().into_owned(),
        csv_arg.clone(),
        "--today".into(),
        "2026-11-25".into(),
        "--partitions".into(),
        partitions_arg,
    ];
    let spark_args: Vec<&str> = spark_args.iter().map(String::as_str).collect();
    match measured(&dir, "spark-bench-job", Path::new("bash"), &spark_args) {
        Ok(run) => {
            let same = fs::read_to_string(&run.output).ok() == cli_text && cli_text.is_some();
            println!(
                "Spark job (local[2], {partitions} partitions), whole run: {} = {} rows/s",
                ms(run.seconds),
                human(rows as f64 / run.seconds)
            );
            if let Some((session, counting)) = spark_times(&run.output) {
                println!(
                    "  of which the session start {}, reading + checking + counting {} = {} rows/s",
                    ms(session),
                    ms(counting),
                    human(rows as f64 / counting)
                );
                if let Some(best) = &cli_best {
                    println!(
                        "  the CLI is {:.1}× the Spark job's counting rate on this machine",
                        counting / best.seconds
                    );
                }
            }
            println!(
                "  its JSON {} the CLI's",
                if same {
                    "equals, byte for byte,"
                } else {
                    "DIFFERS from"
                }
            );
        }
        Err(why) => println!("Spark job: not measured: {why}"),
    }

    // DuckDB.
    println!();
    match run_duckdb("csv", &csv, if quick { 2 } else { 3 }, cores) {
        Ok(duck) => {
            let figures = duck_timing(&duck.json, "figures");
            println!(
                "DuckDB {} read_csv + aggregation (same figures, no checks), {} threads: {}",
                duck.json["duckdb"].as_str().unwrap_or("?"),
                duck.json["threads"].as_u64().unwrap_or(0),
                figures.map_or_else(|| "not timed".into(), |t| t.show())
            );
            if let (Some(t), Some(best)) = (figures, &cli_best) {
                let ratio = t.best / best.seconds;
                println!(
                    "  CLI throughput ÷ DuckDB's: {ratio:.2}× — {} (≥ 0.5×)",
                    verdict(ratio, 0.5)
                );
            }
        }
        Err(why) => println!(
            "DuckDB: not measured: {why} ({})",
            python()
                .strip_prefix(workspace_root())
                .unwrap_or(&python())
                .display()
        ),
    }
}
