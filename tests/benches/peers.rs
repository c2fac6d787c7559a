//! The peer benchmark: lianjian against the tools a team would otherwise
//! pick, on the same data, in one run, with the ratios against the goals.
//! Figures are printed, never asserted.
//!
//! - **Record validation**, over one generated file of enrollment records as
//!   JSON lines (`target/bench-peers/enrollments-<n>.jsonl`: seven in ten
//!   `valid_*` fixtures with fresh USCCs, two `warn_*`, one `err_*`), each line
//!   parsed and checked on its own:
//!   - native Rust (this process): bare `serde_json::from_str::<Value>`,
//!     lianjian's `check_enrollment_json`, the answer every binding returns
//!     (`lianjian::api::enrollment_report`, messages rendered, written as
//!     JSON) and the `jsonschema` crate with the committed schema, compiled
//!     once (parse + `is_valid`, and parse + every error);
//!   - Node (`peers/node.cjs`, a child process): `JSON.parse`, ajv with the
//!     same schema compiled once (`JSON.parse` + validate, first error and
//!     every error), and lianjian's wasm build, `validateEnrollment(line,
//!     options)` from `wasm/pkg-node`.
//! - **USCC checks** against python-stdnum and **coverage** against DuckDB in
//!   memory are measured by the `validation` and `coverage` benchmarks; when
//!   they ran with `LIANJIAN_BENCH_SUMMARY` naming a file, their figures are
//!   read from it and join the table. `bash scripts/bench-peers` runs all
//!   three in order.
//!
//! ajv and the `jsonschema` crate check structure only (types, required and
//! unknown keys, enums); lianjian checks every rule (USCC check characters,
//! phone ranges, dates, catalog ids, cross-field rules) and returns every
//! finding. Everything runs on one thread.
//!
//! `LIANJIAN_BENCH_QUICK=1` runs a short pass; `LIANJIAN_NODE` names the Node
//! binary (default `node`).

use std::collections::BTreeMap;
use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lianjian::{check_enrollment_json, Context};
use lianjian_tests::{catalog, fixture_policy, fixture_today};
use serde_json::Value;

#[path = "peers/enrollment_lines.rs"]
mod enrollment_lines;
#[path = "peers/rate.rs"]
mod rate;
#[path = "peers/summary.rs"]
mod summary;

use enrollment_lines::enrollment_lines;
use rate::{human, measure, Rate};

/// In every ten records, how many are `warn_*` fixtures (one is an `err_*`).
const WARNINGS_PER_TEN: usize = 2;

/// The sizes of one run.
struct Sizes {
    quick: bool,
    records: usize,
    /// Each timed sample repeats its pass until it lasts at least this long.
    min_sample: Duration,
}

impl Sizes {
    fn from_env() -> Sizes {
        let quick = std::env::var("LIANJIAN_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
        if quick {
            Sizes {
                quick,
                records: 2_000,
                min_sample: Duration::from_millis(30),
            }
        } else {
            Sizes {
                quick,
                records: 20_000,
                min_sample: Duration::from_millis(1_000),
            }
        }
    }
}

fn workspace_root() -> PathBuf {
    let tests = Path::new(env!("CARGO_MANIFEST_DIR"));
    tests.parent().unwrap_or(tests).to_path_buf()
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(PathBuf::from(dir)),
        None => workspace_root().join("target"),
    }
}

/// A path as shown: relative to the workspace root when inside it.
fn shown(path: &Path) -> String {
    let root = workspace_root();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

// ---------------------------------------------------------------------------
// The machine
// ---------------------------------------------------------------------------

/// What the figures were measured on, as `label: value` pairs.
fn machine() -> Vec<(&'static str, String)> {
    let cpuinfo = fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map_or_else(|| "unknown".to_owned(), |(_, m)| m.trim().to_owned());
    let logical = cpuinfo
        .lines()
        .filter(|l| l.starts_with("processor"))
        .count();
    let available = std::thread::available_parallelism().map_or(1, |n| n.get());
    let memory = fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or_else(
            || "unknown".to_owned(),
            |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0),
        );
    let os = fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|v| v.trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| std::env::consts::OS.to_owned());
    let kernel = fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|k| format!(", Linux {}", k.trim()))
        .unwrap_or_default();
    let rustc = Command::new(std::env::var_os("RUSTC").unwrap_or_else(|| "rustc".into()))
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .filter(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".to_owned());
    vec![
        ("CPU", model),
        (
            "cores",
            format!(
                "{logical} logical CPUs in /proc/cpuinfo, {available} available to this process"
            ),
        ),
        ("memory", memory),
        ("OS", format!("{os}{kernel} ({})", std::env::consts::ARCH)),
        ("rustc", rustc),
    ]
}

/// The version of a crate in the workspace's lock file.
fn locked_version(name: &str) -> String {
    let lock = fs::read_to_string(workspace_root().join("Cargo.lock")).unwrap_or_default();
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == format!("name = \"{name}\"") {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = ")) {
                return v.trim_matches('"').to_owned();
            }
        }
    }
    "?".to_owned()
}

// ---------------------------------------------------------------------------
// The measurements
// ---------------------------------------------------------------------------

/// One line of the table.
struct Row {
    group: &'static str,
    name: String,
    rate: Option<Rate>,
    threads: usize,
    note: String,
}

impl Row {
    fn measured(group: &'static str, name: impl Into<String>, rate: Rate, note: String) -> Row {
        Row {
            group,
            name: name.into(),
            rate: Some(rate),
            threads: 1,
            note,
        }
    }

    fn missing(group: &'static str, name: impl Into<String>, why: impl Into<String>) -> Row {
        Row {
            group,
            name: name.into(),
            rate: None,
            threads: 1,
            note: why.into(),
        }
    }
}

/// A goal: `ours / theirs >= target`.
struct Goal {
    name: &'static str,
    ours: Option<f64>,
    theirs: Option<f64>,
    target: f64,
}

/// The native side: returns the rows and the lianjian rate and serde_json rate.
fn native(lines: &[&str], sizes: &Sizes) -> (Vec<Row>, Option<f64>, Option<f64>, Option<f64>) {
    let group = "records/Rust";
    let mut rows = Vec::new();

    let parse = measure(lines.len(), sizes.min_sample, || {
        lines
            .iter()
            .filter(|l| serde_json::from_str::<Value>(black_box(l)).is_ok())
            .count()
    });
    let parsed = lines
        .iter()
        .filter(|l| serde_json::from_str::<Value>(l).is_ok())
        .count();
    rows.push(Row::measured(
        group,
        "serde_json::from_str::<Value> (parse only)",
        parse,
        format!("{parsed} parse"),
    ));

    let legacy = fixture_policy();
    let context = Context::new(catalog(), fixture_today()).with_uscc_policy(&legacy);
    let valid = lines
        .iter()
        .filter(|l| check_enrollment_json(l, &context).record.is_some())
        .count();
    let ours = measure(lines.len(), sizes.min_sample, || {
        let mut valid = 0;
        for line in lines {
            let checked = check_enrollment_json(black_box(line), &context);
            valid += usize::from(checked.record.is_some());
            black_box(checked);
        }
        valid
    });
    rows.push(Row::measured(
        group,
        "lianjian check_enrollment_json (every rule)",
        ours,
        format!("{valid} valid"),
    ));

    let legacy_codes: Vec<String> = legacy_codes();
    let options = serde_json::json!({
        "lang": "zh-CN",
        "today": "2026-11-25",
        "legacyUscc": legacy_codes,
    });
    match lianjian::api::Options::from_json(&options.to_string()) {
        Ok(options) => {
            let answers = measure(lines.len(), sizes.min_sample, || {
                let mut bytes = 0;
                for line in lines {
                    let answer = lianjian::api::enrollment(black_box(line), &options);
                    bytes += lianjian::api::to_json(&answer).len();
                }
                bytes
            });
            rows.push(Row::measured(
                group,
                "lianjian answer (rules + zh-CN messages + JSON out)",
                answers,
                "what C, Python, CLI return".to_owned(),
            ));
        }
        Err(why) => rows.push(Row::missing(group, "lianjian answer", why)),
    }

    let version = locked_version("jsonschema");
    let schema_path = workspace_root().join("bindings/schema/enrollment.schema.json");
    let schema = fs::read_to_string(&schema_path)
        .map_err(|e| format!("{}: {e}", shown(&schema_path)))
        .and_then(|t| serde_json::from_str::<Value>(&t).map_err(|e| e.to_string()))
        .and_then(|s| jsonschema::validator_for(&s).map_err(|e| e.to_string()));
    match schema {
        Ok(validator) => {
            let is_valid = |line: &str| {
                serde_json::from_str::<Value>(line).is_ok_and(|v| validator.is_valid(&v))
            };
            let valid = lines.iter().filter(|l| is_valid(l)).count();
            let first = measure(lines.len(), sizes.min_sample, || {
                lines.iter().filter(|l| is_valid(black_box(l))).count()
            });
            rows.push(Row::measured(
                group,
                format!("jsonschema {version}: parse + is_valid"),
                first,
                format!("{valid} valid, structure only"),
            ));
            let all = measure(lines.len(), sizes.min_sample, || {
                let mut errors = 0;
                for line in lines {
                    match serde_json::from_str::<Value>(black_box(line)) {
                        Ok(value) => errors += validator.iter_errors(&value).count(),
                        Err(_) => errors += 1,
                    }
                }
                errors
            });
            rows.push(Row::measured(
                group,
                format!("jsonschema {version}: parse + every error"),
                all,
                "structure only".to_owned(),
            ));
        }
        Err(why) => rows.push(Row::missing(group, format!("jsonschema {version}"), why)),
    }
    (rows, Some(ours.best), Some(parse.best), Some(valid as f64))
}

/// The district's legacy USCCs the fixtures are checked with.
fn legacy_codes() -> Vec<String> {
    include_str!("../fixtures/enrollment/legacy_uscc.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

/// Times whole processes over 100,000 lines (five copies of the data set;
/// 10,000 in quick mode), best of three: the command line, and a Node script
/// with ajv writing the same kind of answer lines. Returns lines per second.
fn whole_process(
    buffer: &str,
    sizes: &Sizes,
    dir: &Path,
    rows: &mut Vec<Row>,
) -> (Option<f64>, Option<f64>) {
    let group = "process";
    let wanted = if sizes.quick { 10_000 } else { 100_000 };
    let lines: Vec<&str> = buffer.lines().collect();
    let mut text = String::with_capacity(buffer.len() * (wanted / lines.len().max(1) + 1));
    for i in 0..wanted {
        text.push_str(lines[i % lines.len()]);
        text.push('\n');
    }
    let file = dir.join(format!("enrollments-{wanted}.jsonl"));
    if let Err(e) = fs::write(&file, &text) {
        rows.push(Row::missing(group, "whole processes", format!("{e}")));
        return (None, None);
    }
    let time = |program: &std::ffi::OsStr, args: &[&std::ffi::OsStr]| -> Result<f64, String> {
        let mut best = f64::INFINITY;
        for _ in 0..3 {
            let started = Instant::now();
            let status = Command::new(program)
                .args(args)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .status()
                .map_err(|e| format!("cannot start {}: {e}", program.to_string_lossy()))?;
            // The command line exits 1 when a record is invalid: that is an answer.
            if !matches!(status.code(), Some(0 | 1)) {
                return Err(format!("{} failed ({status})", program.to_string_lossy()));
            }
            best = best.min(started.elapsed().as_secs_f64());
        }
        Ok(wanted as f64 / best)
    };
    // A relative path is the workspace's: benches run in their package's folder.
    let cli = match std::env::var_os("LIANJIAN_CLI") {
        Some(path) => workspace_root().join(PathBuf::from(path)).into_os_string(),
        None => target_dir().join("release/lianjian").into_os_string(),
    };
    let ours = time(
        &cli,
        &[
            "validate".as_ref(),
            "enrollment".as_ref(),
            file.as_os_str(),
            "--today".as_ref(),
            "2026-11-25".as_ref(),
        ],
    );
    let node = std::env::var_os("LIANJIAN_NODE").unwrap_or_else(|| "node".into());
    let script = workspace_root().join("tests/benches/peers/ajv-lines.cjs");
    let theirs = time(&node, &[script.as_os_str(), file.as_os_str()]);
    let mut out = (None, None);
    for (name, result, slot) in [
        (
            "lianjian validate enrollment FILE (every rule, answer lines)",
            ours,
            &mut out.0,
        ),
        (
            "node + ajv allErrors (JSON.parse, validate, answer lines)",
            theirs,
            &mut out.1,
        ),
    ] {
        match result {
            Ok(rate) => {
                *slot = Some(rate);
                rows.push(Row::measured(
                    group,
                    name.to_owned(),
                    Rate {
                        best: rate,
                        median: rate,
                    },
                    format!("{wanted} lines, whole process, best of 3"),
                ));
            }
            Err(why) => rows.push(Row::missing(group, name, why)),
        }
    }
    out
}

/// What a page with both widgets downloads, gzip, in KiB: the sizes
/// `bash scripts/build-wasm` wrote (`target/wasm-size.json`).
fn download_kib() -> Option<f64> {
    let text = fs::read_to_string(target_dir().join("wasm-size.json")).ok()?;
    let value: Value = serde_json::from_str(&text).ok()?;
    value["gzip"].as_f64().map(|bytes| bytes / 1024.0)
}

/// The Node side: ajv and the wasm build, in a child Node.
fn node(file: &Path, sizes: &Sizes) -> Result<Value, String> {
    let node = std::env::var_os("LIANJIAN_NODE").unwrap_or_else(|| "node".into());
    let script = workspace_root().join("tests/benches/peers/node.cjs");
    let output = Command::new(&node)
        .arg(&script)
        .arg(file)
        .arg(sizes.min_sample.as_secs_f64().to_string())
        .arg(serde_json::json!(legacy_codes()).to_string())
        .output()
        .map_err(|e| format!("cannot start {} ({e})", node.to_string_lossy()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let last = stdout.lines().last().unwrap_or("");
    let value: Value = serde_json::from_str(last).map_err(|_| {
        let stderr = String::from_utf8_lossy(&output.stderr);
        format!(
            "{} failed ({}): {}",
            shown(&script),
            output.status,
            stderr.lines().last().unwrap_or(last)
        )
    })?;
    if let Some(error) = value["error"].as_str() {
        return Err(error.to_owned());
    }
    Ok(value)
}

fn node_rate(value: &Value, key: &str) -> Option<(Rate, u64)> {
    let r = &value["results"][key];
    Some((
        Rate {
            best: r["best"].as_f64()?,
            median: r["median"].as_f64()?,
        },
        r["valid"].as_u64().unwrap_or(0),
    ))
}

/// The figures other benchmarks left in the summary file.
fn read_summary() -> BTreeMap<String, String> {
    summary::file()
        .and_then(|path| fs::read_to_string(path).ok())
        .map(|text| {
            text.lines()
                .filter_map(|l| l.split_once('\t'))
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect()
        })
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------
// The table
// ---------------------------------------------------------------------------

fn print_table(rows: &[Row]) {
    println!(
        "| {:<12} | {:<58} | {:>7} | {:>14} | {:>14} | {:>14} | note |",
        "what", "measurement", "threads", "best /s", "median /s", "per core /s"
    );
    println!(
        "|{:-<14}|{:-<60}|{:->9}|{:->16}|{:->16}|{:->16}|{:-<6}|",
        "", "", ":", ":", ":", ":", ""
    );
    for row in rows {
        let (best, median, per_core) = match row.rate {
            Some(r) => (
                human(r.best),
                human(r.median),
                human(r.best / row.threads.max(1) as f64),
            ),
            None => ("—".into(), "—".into(), "—".into()),
        };
        println!(
            "| {:<12} | {:<58} | {:>7} | {:>14} | {:>14} | {:>14} | {} |",
            row.group, row.name, row.threads, best, median, per_core, row.note
        );
    }
}

fn print_goals(goals: &[Goal]) {
    println!("| goal | ratio | target | verdict |");
    println!("|---|---:|---:|---|");
    for goal in goals {
        match (goal.ours, goal.theirs) {
            (Some(ours), Some(theirs)) if theirs > 0.0 => {
                let ratio = ours / theirs;
                println!(
                    "| {} | {} | ≥ {}× | {} |",
                    goal.name,
                    if ratio >= 10.0 {
                        format!("{ratio:.0}×")
                    } else {
                        format!("{ratio:.2}×")
                    },
                    goal.target,
                    if ratio >= goal.target {
                        "met"
                    } else {
                        "not met"
                    }
                );
            }
            _ => println!("| {} | — | ≥ {}× | not measured |", goal.name, goal.target),
        }
    }
}

fn parse_f64(summary: &BTreeMap<String, String>, key: &str) -> Option<f64> {
    summary
        .get(key)
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| v.is_finite())
}

fn main() {
    let sizes = Sizes::from_env();
    let started = Instant::now();
    println!(
        "lianjian peer benchmark: every measurement on one thread unless its row says otherwise"
    );
    println!();
    println!("machine:");
    for (label, value) in machine() {
        println!("  {label:<8} {value}");
    }
    println!(
        "mode: {}{}; best [median] of 3 samples of >= {} ms each, after a warm-up pass",
        if sizes.quick {
            "quick (not for the record)"
        } else {
            "full"
        },
        if cfg!(debug_assertions) {
            ", DEBUG BUILD (figures not meaningful)"
        } else {
            ""
        },
        sizes.min_sample.as_millis()
    );

    // The data set.
    let buffer = match enrollment_lines(sizes.records, WARNINGS_PER_TEN) {
        Ok(buffer) => buffer,
        Err(why) => {
            println!("records: not generated: {why}");
            return;
        }
    };
    let dir = target_dir().join("bench-peers");
    let file = dir.join(format!("enrollments-{}.jsonl", sizes.records));
    if let Err(e) = fs::create_dir_all(&dir).and_then(|()| fs::write(&file, &buffer)) {
        println!("records: cannot write {}: {e}", shown(&file));
        return;
    }
    let lines: Vec<&str> = buffer.lines().collect();
    println!(
        "records: {} enrollment JSON lines ({} valid_, {} warn_, {} err_ fixtures in ten; \
         deterministic), {:.1} MB, {:.0} bytes/line, in {}",
        lines.len(),
        9 - WARNINGS_PER_TEN,
        WARNINGS_PER_TEN,
        1,
        buffer.len() as f64 / 1e6,
        buffer.len() as f64 / lines.len().max(1) as f64,
        shown(&file)
    );

    // (1) Native.
    let (mut rows, ours, parse, valid) = native(&lines, &sizes);
    let jsonschema_rate = rows
        .iter()
        .find(|r| r.name.contains("is_valid"))
        .and_then(|r| r.rate)
        .map(|r| r.best);

    // (2) Node.
    let group = "records/Node";
    let mut ajv = None;
    let mut ajv_all = None;
    let mut wasm = None;
    let mut tools = Vec::new();
    match node(&file, &sizes) {
        Ok(value) => {
            tools.push(format!(
                "Node {} (V8 {}), ajv {}",
                value["node"].as_str().unwrap_or("?"),
                value["v8"].as_str().unwrap_or("?"),
                value["ajv"].as_str().unwrap_or("?")
            ));
            let ajv_version = value["ajv"].as_str().unwrap_or("?");
            for (key, name, note) in [
                ("json_parse", "JSON.parse (parse only)".to_owned(), "parse"),
                (
                    "ajv",
                    format!("ajv {ajv_version}: JSON.parse + validate"),
                    "valid, structure only",
                ),
                (
                    "ajv_all_errors",
                    format!("ajv {ajv_version} allErrors: JSON.parse + validate"),
                    "valid, structure only",
                ),
                (
                    "wasm",
                    "lianjian wasm validateEnrollment(line, options)".to_owned(),
                    "valid, every rule, zh-CN messages",
                ),
            ] {
                match node_rate(&value, key) {
                    Some((rate, count)) => {
                        if key == "ajv" {
                            ajv = Some(rate.best);
                        }
                        if key == "ajv_all_errors" {
                            ajv_all = Some(rate.best);
                        }
                        if key == "wasm" {
                            wasm = Some(rate.best);
                        }
                        rows.push(Row::measured(group, name, rate, format!("{count} {note}")));
                    }
                    None => rows.push(Row::missing(group, name, "no figure")),
                }
            }
        }
        Err(why) => rows.push(Row::missing(group, "ajv and wasm", why)),
    }

    // (2b) Whole processes: 100,000 lines in, one JSON answer line each out.
    let (process_ours, process_theirs) = whole_process(&buffer, &sizes, &dir, &mut rows);

    // The record figures join the others in the summary file, if there is one.
    for (key, rate) in [
        ("records.lianjian", ours),
        ("records.serde_json", parse),
        ("records.jsonschema", jsonschema_rate),
        ("records.ajv", ajv),
        ("records.wasm", wasm),
    ] {
        if let Some(rate) = rate {
            summary::record(key, rate);
        }
    }

    // (3) USCC and coverage, from the other benchmarks.
    let summary = read_summary();
    let mode = if sizes.quick { "quick" } else { "full" };
    let mut notes = Vec::new();
    let uscc_ours = parse_f64(&summary, "uscc.lianjian_is_valid");
    let uscc_theirs = parse_f64(&summary, "uscc.stdnum");
    let codes = summary.get("uscc.codes").cloned().unwrap_or_default();
    match uscc_ours {
        Some(best) => rows.push(Row::measured(
            "USCC",
            "lianjian uscc::is_valid",
            Rate { best, median: best },
            format!("{codes} codes, half mutated"),
        )),
        None => rows.push(Row::missing(
            "USCC",
            "lianjian uscc::is_valid",
            "run the validation benchmark first (scripts/bench-peers does)",
        )),
    }
    match uscc_theirs {
        Some(best) => rows.push(Row::measured(
            "USCC",
            "python-stdnum stdnum.cn.uscc.is_valid",
            Rate { best, median: best },
            summary
                .get("uscc.stdnum_versions")
                .cloned()
                .unwrap_or_default(),
        )),
        None => rows.push(Row::missing(
            "USCC",
            "python-stdnum stdnum.cn.uscc.is_valid",
            summary
                .get("uscc.stdnum_error")
                .cloned()
                .unwrap_or_else(|| "not measured".into()),
        )),
    }
    if let Some(other) = summary.get("uscc.mode").filter(|m| *m != mode) {
        notes.push(format!("the USCC figures come from a {other} run"));
    }
    let coverage_rows = parse_f64(&summary, "coverage.rows");
    let threads = parse_f64(&summary, "coverage.threads").map_or(1, |t| t as usize);
    let per_second = |key: &str| Some(coverage_rows? / parse_f64(&summary, key)?);
    let duck_version = summary
        .get("coverage.duckdb_version")
        .cloned()
        .unwrap_or_else(|| "?".into());
    let members = coverage_rows.map_or_else(String::new, |n| format!("{} memberships", human(n)));
    let coverage_ours = per_second("coverage.lianjian_1_thread_s");
    let coverage_theirs = per_second("coverage.duckdb_loaded_1_thread_s");
    for (name, rate, threads, note) in [
        (
            "lianjian Coverage::add + report (in memory)".to_owned(),
            coverage_ours,
            1,
            format!("{members}, gap lists included"),
        ),
        (
            format!("DuckDB {duck_version}: loaded table, GROUP BY"),
            coverage_theirs,
            1,
            "same figures, no gap lists".to_owned(),
        ),
        (
            "lianjian Coverage::add + merge + report (in memory)".to_owned(),
            per_second("coverage.lianjian_threads_s"),
            threads,
            "slices counted apart, then merged".to_owned(),
        ),
        (
            format!("DuckDB {duck_version}: loaded table, GROUP BY"),
            per_second("coverage.duckdb_loaded_s"),
            parse_f64(&summary, "coverage.duckdb_threads").map_or(threads, |t| t as usize),
            "default threads".to_owned(),
        ),
    ] {
        match rate {
            Some(best) => rows.push(Row {
                group: "coverage",
                name,
                rate: Some(Rate { best, median: best }),
                threads,
                note,
            }),
            None => rows.push(Row {
                group: "coverage",
                name,
                rate: None,
                threads,
                note: summary
                    .get("coverage.duckdb_error")
                    .cloned()
                    .unwrap_or_else(|| {
                        "run the coverage benchmark first (scripts/bench-peers does)".into()
                    }),
            }),
        }
    }
    if let Some(agrees) = summary.get("coverage.duckdb_agrees") {
        notes.push(format!(
            "coverage: DuckDB's figures {} lianjian's",
            if agrees == "true" {
                "agree with"
            } else {
                "DIFFER from"
            }
        ));
    }
    if let Some(other) = summary.get("coverage.mode").filter(|m| *m != mode) {
        notes.push(format!("the coverage figures come from a {other} run"));
    }
    if let Some(v) = summary.get("uscc.stdnum_versions") {
        tools.push(v.clone());
    }
    if summary.contains_key("coverage.duckdb_version") {
        tools.push(format!("DuckDB {duck_version}"));
    }
    tools.push(format!("jsonschema crate {}", locked_version("jsonschema")));

    println!("versions: {}", tools.join("; "));
    println!();
    print_table(&rows);
    println!();
    println!(
        "USCC and coverage rows: best of that benchmark's samples (median not carried over). \
         Per core = best ÷ threads."
    );
    println!();
    print_goals(&[
        Goal {
            name: "native validation ÷ ajv allErrors (lianjian check_enrollment_json)",
            ours,
            theirs: ajv_all,
            target: 3.5,
        },
        Goal {
            name: "native validation ÷ bare serde_json parsing of the same lines",
            ours,
            theirs: parse,
            target: 0.9,
        },
        Goal {
            name: "wasm in Node ÷ ajv (validateEnrollment vs ajv, first error)",
            ours: wasm,
            theirs: ajv,
            target: 1.5,
        },
        Goal {
            name: "whole process: lianjian validate enrollment ÷ a Node script running ajv (100,000 lines; 10,000 quick)",
            ours: process_ours,
            theirs: process_theirs,
            target: 3.5,
        },
        Goal {
            name: "USCC ÷ python-stdnum (uscc::is_valid vs stdnum is_valid)",
            ours: uscc_ours,
            theirs: uscc_theirs,
            target: 100.0,
        },
        Goal {
            name: "coverage in memory ÷ DuckDB in memory (1 thread each)",
            ours: coverage_ours,
            theirs: coverage_theirs,
            target: 3.0,
        },
    ]);
    if let (Some(ours), Some(theirs)) = (ours, jsonschema_rate) {
        println!(
            "| (no goal) native validation ÷ jsonschema crate (parse + is_valid) | {:.2}× | — | — |",
            ours / theirs
        );
    }
    match download_kib() {
        Some(kib) => println!(
            "| a zh-CN page with both widgets downloads (JS, wasm, CSS; gzip) | {kib:.1} KiB | ≤ 80 KiB | {} |",
            if kib <= 80.0 { "met" } else { "not met" }
        ),
        None => println!(
            "| a zh-CN page with both widgets downloads (gzip) | — | ≤ 80 KiB | not measured (bash scripts/build-wasm) |"
        ),
    }
    println!();
    println!(
        "Fair comparison: ajv and the jsonschema crate check structure only (types, required \
         and unknown keys, enums), and stop at the first error unless told otherwise; lianjian \
         checks every rule (USCC check characters, phone ranges, dates, catalog ids, \
         cross-field rules) and returns every finding. lianjian found {} of {} records valid; \
         the schema checkers accept more. DuckDB does not validate: it is given only the valid \
         rows.",
        valid.map_or_else(|| "?".into(), |v| format!("{v:.0}")),
        lines.len()
    );
    for note in notes {
        println!("note: {note}");
    }
    println!();
    println!("total {:.1} s", started.elapsed().as_secs_f64());
}
