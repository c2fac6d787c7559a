//! Timings, units and memory, as the coverage benchmarks print them.

use std::fs;
use std::hint::black_box;
use std::time::Instant;

/// Best and median of some timed runs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timing {
    pub(crate) best: f64,
    pub(crate) median: f64,
}

impl Timing {
    pub(crate) fn of(mut seconds: Vec<f64>) -> Option<Timing> {
        if seconds.is_empty() {
            return None;
        }
        seconds.sort_by(f64::total_cmp);
        Some(Timing {
            best: seconds[0],
            median: seconds[seconds.len() / 2],
        })
    }

    pub(crate) fn show(&self) -> String {
        format!("{} [{}]", ms(self.best), ms(self.median))
    }
}

/// Runs `pass` once to warm up, then `reps` timed times.
pub(crate) fn time_reps<T>(reps: usize, mut pass: impl FnMut() -> T) -> Timing {
    black_box(pass());
    let seconds = (0..reps.max(1))
        .map(|_| {
            let started = Instant::now();
            black_box(pass());
            started.elapsed().as_secs_f64()
        })
        .collect();
    Timing::of(seconds).unwrap_or(Timing {
        best: f64::NAN,
        median: f64::NAN,
    })
}

pub(crate) fn ms(seconds: f64) -> String {
    if seconds >= 10.0 {
        format!("{seconds:.1} s")
    } else if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else {
        format!("{:.1} ms", seconds * 1e3)
    }
}

/// A number with thousands separators.
pub(crate) fn human(n: f64) -> String {
    let digits = format!("{n:.0}");
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

pub(crate) fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

/// A `kB` line of a `/proc/<pid>/status` file.
pub(crate) fn proc_kb(status_file: &str, key: &str) -> Option<u64> {
    let text = fs::read_to_string(status_file).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Resets this process's peak resident size to its current one (Linux).
pub(crate) fn reset_peak() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

pub(crate) fn own_kb(key: &str) -> Option<u64> {
    proc_kb("/proc/self/status", key)
}

// ---------------------------------------------------------------------------

pub(crate) fn cpu_model() -> Option<String> {
    let info = fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map(|(_, model)| model.trim().to_owned())
}

pub(crate) fn verdict(ratio: f64, goal: f64) -> &'static str {
    if ratio >= goal {
        "goal met"
    } else {
        "goal not met"
    }
}
