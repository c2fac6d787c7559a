//! Figures a benchmark hands on to the peer benchmark's table: when
//! `LIANJIAN_BENCH_SUMMARY` names a file, `record` appends one `key<TAB>value`
//! line to it (a relative name is taken from the workspace root). Without it,
//! nothing is written.

use std::fs::OpenOptions;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The variable naming the summary file.
pub const VARIABLE: &str = "LIANJIAN_BENCH_SUMMARY";

/// The summary file, if one is asked for.
pub fn file() -> Option<PathBuf> {
    let name = std::env::var_os(VARIABLE).filter(|v| !v.is_empty())?;
    let tests = Path::new(env!("CARGO_MANIFEST_DIR"));
    Some(tests.parent().unwrap_or(tests).join(PathBuf::from(name)))
}

/// Appends `key<TAB>value` to the summary file, if there is one.
pub fn record(key: &str, value: impl std::fmt::Display) {
    let Some(path) = file() else {
        return;
    };
    let value = value.to_string().replace(['\t', '\r', '\n'], " ");
    let line = format!("{key}\t{value}\n");
    let written = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .and_then(|mut f| f.write_all(line.as_bytes()));
    if let Err(e) = written {
        eprintln!("summary {}: {e}", path.display());
    }
}
