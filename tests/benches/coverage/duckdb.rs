//! DuckDB's side: `duckdb_coverage.py` run with the venv's Python, its
//! timings and figures read back.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use lianjian::Catalog;
use lianjian_tests::workspace_root;
use serde_json::Value;

use crate::cli::{last_line, output_files, run_polled};
use crate::levels::{id_of, Levels};
use crate::measure::Timing;

pub(crate) fn default_python() -> PathBuf {
    let venv = workspace_root().join(".venv");
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

pub(crate) fn python() -> PathBuf {
    std::env::var_os("LIANJIAN_PYTHON")
        .map(|p| workspace_root().join(PathBuf::from(p)))
        .unwrap_or_else(default_python)
}

pub(crate) struct Duck {
    pub(crate) json: Value,
    pub(crate) peak_kb: Option<u64>,
}

/// Runs `duckdb_coverage.py MODE CSV`; `Err` says why not.
pub(crate) fn run_duckdb(
    mode: &str,
    csv: &Path,
    reps: usize,
    threads: usize,
) -> Result<Duck, String> {
    let python = python();
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/coverage/duckdb_coverage.py");
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

pub(crate) fn duck_timing(json: &Value, key: &str) -> Option<Timing> {
    let list = json["timings"][key].as_array()?;
    Timing::of(list.iter().filter_map(Value::as_f64).collect())
}

/// DuckDB's figures by level, and its gap-list sizes.
pub(crate) fn duck_levels(json: &Value, catalog: &Catalog) -> (Levels, Option<(u64, u64)>) {
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
