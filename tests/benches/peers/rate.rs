//! Timing shared by the validation and peer benchmarks: best and median of
//! three samples, each long enough to read a clock reliably.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Best and median of three samples, as items per second.
#[derive(Debug, Clone, Copy)]
pub struct Rate {
    pub best: f64,
    pub median: f64,
}

/// Runs `pass` (which handles `items` items) once to warm up, then takes three
/// samples of enough passes to last `min_sample` each.
pub fn measure(items: usize, min_sample: Duration, mut pass: impl FnMut() -> usize) -> Rate {
    let started = Instant::now();
    black_box(pass());
    let once = started.elapsed().max(Duration::from_micros(1));
    let reps = (min_sample.as_secs_f64() / once.as_secs_f64())
        .ceil()
        .max(1.0) as usize;
    let mut rates: Vec<f64> = (0..3)
        .map(|_| {
            let started = Instant::now();
            for _ in 0..reps {
                black_box(pass());
            }
            (items * reps) as f64 / started.elapsed().as_secs_f64()
        })
        .collect();
    rates.sort_by(f64::total_cmp);
    Rate {
        best: rates[2],
        median: rates[1],
    }
}

/// A number with thousands separators, for reading at a glance.
pub fn human(rate: f64) -> String {
    let digits = format!("{:.0}", rate);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}
