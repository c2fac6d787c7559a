//! Child processes: run to their end with their peak memory polled, the
//! release CLI on the roster above all.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use lianjian::CoverageReport;
use lianjian_tests::{target_dir, workspace_root};
use serde_json::Value;

use crate::measure::proc_kb;

pub(crate) struct Run {
    pub(crate) seconds: f64,
    /// Last `VmHWM` seen while it ran, in kB.
    pub(crate) peak_kb: Option<u64>,
    pub(crate) status: ExitStatus,
}

/// Runs a command to its end, polling its peak resident memory.
pub(crate) fn run_polled(command: &mut Command) -> Result<Run, String> {
    let started = Instant::now();
    let mut child = command.spawn().map_err(|e| e.to_string())?;
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = None;
    loop {
        if let Some(kb) = proc_kb(&status_file, "VmHWM:") {
            peak_kb = Some(kb);
        }
        match child.try_wait() {
            Ok(Some(status)) => {
                return Ok(Run {
                    seconds: started.elapsed().as_secs_f64(),
                    peak_kb,
                    status,
                })
            }
            Ok(None) => thread::sleep(Duration::from_millis(2)),
            Err(e) => return Err(e.to_string()),
        }
    }
}

pub(crate) fn output_files(dir: &Path, name: &str) -> Result<(PathBuf, File, File), String> {
    let out = dir.join(format!("{name}.out"));
    let err = dir.join(format!("{name}.err"));
    let open = |p: &Path| File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    Ok((out.clone(), open(&out)?, open(&err)?))
}

pub(crate) fn last_line(path: &Path) -> String {
    let name = path.with_extension("err");
    fs::read_to_string(name)
        .ok()
        .and_then(|t| t.lines().last().map(str::to_owned))
        .unwrap_or_else(|| "no output".into())
}

/// Whether a source the binary was built from (as its cargo dep-info file
/// `<binary>.d` lists them) changed after it was built.
pub(crate) fn stale(binary: &Path) -> Option<bool> {
    let built = fs::metadata(binary).and_then(|m| m.modified()).ok()?;
    let deps = fs::read_to_string(binary.with_extension("d")).ok()?;
    let (_, sources) = deps.lines().next()?.split_once(": ")?;
    let sources = sources.replace("\\ ", "\u{0}");
    Some(sources.split(' ').filter(|s| !s.is_empty()).any(|source| {
        fs::metadata(source.replace('\u{0}', " "))
            .and_then(|m| m.modified())
            .is_ok_and(|changed| changed > built)
    }))
}

pub(crate) fn cli_path() -> PathBuf {
    match std::env::var_os("LIANJIAN_CLI") {
        Some(p) => workspace_root().join(PathBuf::from(p)),
        None => target_dir()
            .join("release")
            .join(format!("lianjian{}", std::env::consts::EXE_SUFFIX)),
    }
}

pub(crate) struct CliResult {
    pub(crate) default_runs: Vec<Run>,
    pub(crate) one_thread: Option<Run>,
    pub(crate) report: CoverageReport,
    pub(crate) rows_read: u64,
    pub(crate) ignored_columns: Vec<String>,
    pub(crate) output_bytes: u64,
}

pub(crate) fn run_cli(csv: &Path, runs: usize) -> Result<CliResult, String> {
    let cli = cli_path();
    if !cli.is_file() {
        return Err(format!(
            "{} is missing; build it first with `cargo build --release -p lianjian-cli`",
            cli.display()
        ));
    }
    if stale(&cli) == Some(true) {
        println!(
            "  note: {} is older than some of its sources; rebuild with \
             `cargo build --release -p lianjian-cli` for current figures",
            cli.display()
        );
    }
    let dir = csv.parent().unwrap_or(Path::new("."));
    let invoke = |threads: Option<usize>| -> Result<(Run, PathBuf), String> {
        let (out_path, out, err) = output_files(dir, "coverage-cli")?;
        let mut command = Command::new(&cli);
        command
            .arg("coverage")
            .arg(csv)
            .args(["--format", "json", "--today", "2026-11-25"])
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(err);
        if let Some(n) = threads {
            command.args(["--threads", &n.to_string()]);
        }
        let run = run_polled(&mut command).map_err(|e| format!("{}: {e}", cli.display()))?;
        if !run.status.success() {
            return Err(format!(
                "{} failed ({}): {}",
                cli.display(),
                run.status,
                last_line(&out_path)
            ));
        }
        Ok((run, out_path))
    };
    let mut default_runs = Vec::new();
    let mut out_path = PathBuf::new();
    for _ in 0..runs.max(1) {
        let (run, path) = invoke(None)?;
        default_runs.push(run);
        out_path = path;
    }
    let text = fs::read_to_string(&out_path).map_err(|e| format!("{}: {e}", out_path.display()))?;
    let one_thread = if thread::available_parallelism().map_or(1, |n| n.get()) > 1 {
        Some(invoke(Some(1))?.0)
    } else {
        None
    };
    let value: Value = serde_json::from_str(&text).map_err(|e| format!("CLI output: {e}"))?;
    let report: CoverageReport =
        serde_json::from_value(value.clone()).map_err(|e| format!("CLI report: {e}"))?;
    Ok(CliResult {
        default_runs,
        one_thread,
        report,
        rows_read: value["input"]["rows"].as_u64().unwrap_or(0),
        ignored_columns: value["input"]["ignored_columns"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
        output_bytes: text.len() as u64,
    })
}
