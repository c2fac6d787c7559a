//! A one-line progress report on stderr for large inputs; silent when stderr
//! is not a terminal (pipes, CI, tests).

use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// Progress through an input of known size.
pub struct Progress {
    total_bytes: u64,
    rows: usize,
    last: Option<Instant>,
    enabled: bool,
}

impl Progress {
    /// Shows progress only for inputs over 4 MiB on a terminal.
    pub fn new(total_bytes: u64) -> Self {
        Progress {
            total_bytes,
            rows: 0,
            last: None,
            enabled: total_bytes > 4 << 20 && std::io::stderr().is_terminal(),
        }
    }

    /// Records another batch read; redraws at most five times a second.
    pub fn advance(&mut self, rows: usize, bytes_done: u64) {
        self.rows += rows;
        if !self.enabled
            || self
                .last
                .is_some_and(|t| t.elapsed() < Duration::from_millis(200))
        {
            return;
        }
        self.last = Some(Instant::now());
        let fraction = (bytes_done as f64 / self.total_bytes.max(1) as f64).min(1.0);
        let filled = (fraction * 30.0) as usize;
        let mut err = std::io::stderr().lock();
        let _ = write!(
            err,
            "\r[{}{}] {:>3.0}%  {} rows",
            "#".repeat(filled),
            "-".repeat(30 - filled),
            fraction * 100.0,
            self.rows
        );
        let _ = err.flush();
    }

    /// Clears the line.
    pub fn finish(&self) {
        if self.enabled && self.last.is_some() {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r{}\r", " ".repeat(60));
            let _ = err.flush();
        }
    }
}
