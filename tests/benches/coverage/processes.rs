//! The child processes: the release command line (with its peak memory),
//! the CLI path stage by stage through the core, and DuckDB.

use super::*;

// ---------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------

/// A `kB` line of a `/proc/<pid>/status` file.
pub(super) fn proc_kb(status_file: &str, key: &str) -> Option<u64> {
    let text = fs::read_to_string(status_file).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

pub(super) struct Run {
    pub(super) seconds: f64,
    /// Last `VmHWM` seen while it ran, in kB.
    pub(super) peak_kb: Option<u64>,
    pub(super) status: ExitStatus,
}

/// Runs a command to its end, polling its peak resident memory.
pub(super) fn run_polled(command: &mut Command) -> Result<Run, String> {
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

pub(super) fn output_files(dir: &Path, name: &str) -> Result<(PathBuf, File, File), String> {
    let out = dir.join(format!("{name}.out"));
    let err = dir.join(format!("{name}.err"));
    let open = |p: &Path| File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    Ok((out.clone(), open(&out)?, open(&err)?))
}

pub(super) fn last_line(path: &Path) -> String {
    let name = path.with_extension("err");
    fs::read_to_string(name)
        .ok()
        .and_then(|t| t.lines().last().map(str::to_owned))
        .unwrap_or_else(|| "no output".into())
}

/// Whether a source the binary was built from (as its cargo dep-info file
/// `<binary>.d` lists them) changed after it was built.
pub(super) fn stale(binary: &Path) -> Option<bool> {
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

pub(super) fn cli_path() -> PathBuf {
    match std::env::var_os("LIANJIAN_CLI") {
        Some(p) => workspace_root().join(PathBuf::from(p)),
        None => target_dir()
            .join("release")
            .join(format!("lianjian{}", std::env::consts::EXE_SUFFIX)),
    }
}

pub(super) struct CliResult {
    pub(super) default_runs: Vec<Run>,
    pub(super) one_thread: Option<Run>,
    pub(super) report: CoverageReport,
    pub(super) rows_read: u64,
    pub(super) ignored_columns: Vec<String>,
    pub(super) output_bytes: u64,
}

pub(super) fn run_cli(csv: &Path, runs: usize) -> Result<CliResult, String> {
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

// ---------------------------------------------------------------------------
// The CLI path, stage by stage, through the core
// ---------------------------------------------------------------------------

pub(super) struct Stages {
    pub(super) rows: usize,
    pub(super) read_whole_file: f64,
    pub(super) file_bytes: u64,
    pub(super) split_cells: f64,
    pub(super) check: f64,
    pub(super) count: f64,
    pub(super) valid: usize,
}

/// Times, on one thread, what the CLI does to each row: the cells as owned
/// strings (as its reader hands them on), `Columns::check_texts` (the cells
/// read into the record and checked, no JSON in between), and
/// `Coverage::add_enrollment`. Rows go through
/// in batches of 2048 as in the CLI, each stage timed over the batch; the best
/// of three passes is kept for each stage. Cells are split at commas: the
/// generated roster has no quoted cells.
pub(super) fn stages(csv: &Path, rows: usize, catalog: &Catalog) -> Result<Stages, String> {
    let started = Instant::now();
    let bytes = fs::read(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let text = String::from_utf8(bytes).map_err(|e| format!("{}: {e}", csv.display()))?;
    let read_whole_file = started.elapsed().as_secs_f64();
    let file_bytes = text.len() as u64;
    drop(text);

    let file = File::open(csv).map_err(|e| format!("{}: {e}", csv.display()))?;
    let mut lines = BufReader::new(file).lines();
    let header = lines
        .next()
        .and_then(Result::ok)
        .ok_or("the roster has no header")?;
    let headers: Vec<&str> = header.split(',').collect();
    let (columns, _) = Columns::from_headers(&headers).map_err(|e| e.to_string())?;
    let lines: Vec<String> = lines.take(rows).map_while(Result::ok).collect();
    let context = Context::new(catalog, fixture_today());

    let mut best = [f64::INFINITY; 3];
    let mut valid = 0;
    for _ in 0..3 {
        let mut spent = [0.0; 3];
        let mut coverage = Coverage::new(catalog);
        valid = 0;
        for batch in lines.chunks(2048) {
            let t0 = Instant::now();
            let cells: Vec<Vec<String>> = batch
                .iter()
                .map(|l| l.split(',').map(str::to_owned).collect())
                .collect();
            let t1 = Instant::now();
            let checked: Vec<Option<Enrollment>> = cells
                .iter()
                .map(|c| {
                    let cells: Vec<&str> = c.iter().map(String::as_str).collect();
                    columns.check_texts(&cells, &context).record
                })
                .collect();
            let t3 = Instant::now();
            for enrollment in &checked {
                match enrollment {
                    Some(e) => coverage.add_enrollment(catalog, e),
                    None => coverage.add_rejected(1),
                }
            }
            let t4 = Instant::now();
            valid += checked.iter().filter(|c| c.is_some()).count();
            for (i, (a, b)) in [(t0, t1), (t1, t3), (t3, t4)].into_iter().enumerate() {
                spent[i] += (b - a).as_secs_f64();
            }
        }
        black_box(&coverage);
        for (b, s) in best.iter_mut().zip(spent) {
            *b = b.min(s);
        }
    }
    Ok(Stages {
        rows: lines.len(),
        read_whole_file,
        file_bytes,
        split_cells: best[0],
        check: best[1],
        count: best[2],
        valid,
    })
}

// ---------------------------------------------------------------------------
// DuckDB
// ---------------------------------------------------------------------------

pub(super) fn default_python() -> PathBuf {
    let venv = workspace_root().join(".venv");
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

pub(super) fn python() -> PathBuf {
    std::env::var_os("LIANJIAN_PYTHON")
        .map(|p| workspace_root().join(PathBuf::from(p)))
        .unwrap_or_else(default_python)
}

pub(super) struct Duck {
    pub(super) json: Value,
    pub(super) peak_kb: Option<u64>,
}

/// Runs `coverage_duckdb.py MODE CSV`; `Err` says why not.
pub(super) fn run_duckdb(
    mode: &str,
    csv: &Path,
    reps: usize,
    threads: usize,
) -> Result<Duck, String> {
    let python = python();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/coverage_duckdb.py");
    let dir = csv.parent().unwrap_or(Path::new("."));
    let (out_path, out, err) = output_files(dir, &format!("coverage-duckdb-{mode}"))?;
    let mut command = Command::new(&python);
    command
        .arg(&script)
        .arg(mode)
        .arg(csv)
        .args(["--reps", &reps.to_string()])
        .args(["--threads", &threads.to_string()])
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    let run = run_polled(&mut command).map_err(|e| {
        format!(
            "cannot start {} ({e}); create it with `python3 -m venv .venv && \
             .venv/bin/pip install -r tests/python/requirements.txt` or set LIANJIAN_PYTHON",
            python.display()
        )
    })?;
    let stdout = fs::read_to_string(&out_path).unwrap_or_default();
    let json: Option<Value> = stdout
        .lines()
        .rev()
        .find_map(|l| serde_json::from_str(l).ok());
    if let Some(error) = json.as_ref().and_then(|j| j["error"].as_str()) {
        return Err(format!("{}: {error}", python.display()));
    }
    if !run.status.success() {
        return Err(format!(
            "{} {} failed ({}): {}",
            python.display(),
            script.display(),
            run.status,
            last_line(&out_path)
        ));
    }
    let json = json.ok_or_else(|| format!("no JSON from {}", script.display()))?;
    Ok(Duck {
        json,
        peak_kb: run.peak_kb,
    })
}

pub(super) fn duck_timing(json: &Value, key: &str) -> Option<Timing> {
    let list = json["timings"][key].as_array()?;
    Timing::of(list.iter().filter_map(Value::as_f64).collect())
}

/// DuckDB's figures by level, and its gap-list sizes.
pub(super) fn duck_levels(json: &Value, catalog: &Catalog) -> (Levels, Option<(u64, u64)>) {
    let mut out = Levels::new();
    for row in json["figures"].as_array().into_iter().flatten() {
        let key = match row["chain"].as_str() {
            None => (String::new(), String::new()),
            Some(chain) => id_of(catalog, chain, row["segment"].as_str()),
        };
        let n = |k: &str| row[k].as_i64().unwrap_or(-1);
        out.insert(
            key,
            [
                n("members"),
                n("own_org"),
                n("joint_org"),
                n("work_only"),
                n("uncovered"),
                n("full_members"),
                n("output_centiwan"),
            ],
        );
    }
    let gaps = json["gaps"]["should_build"]
        .as_u64()
        .zip(json["gaps"]["unlinked"].as_u64());
    (out, gaps)
}

// ---------------------------------------------------------------------------
