//! Writes a generated roster as CSV (`lianjian_tests::roster`): the same
//! rows the coverage benchmarks count, for tests in other languages.
//!
//!     roster-gen ROWS OUT.csv [--second-enrollments]
//!
//! Says on stderr how many rows are deliberately invalid and how many are
//! second enrollments.

use std::fs::File;
use std::io::BufWriter;
use std::process::ExitCode;

use lianjian_tests::catalog;
use lianjian_tests::roster::generate;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let second = args.iter().any(|a| a == "--second-enrollments");
    let plain: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (Some(rows), Some(out)) = (plain.first().and_then(|n| n.parse().ok()), plain.get(1)) else {
        eprintln!("usage: roster-gen ROWS OUT.csv [--second-enrollments]");
        return ExitCode::from(2);
    };
    let written = File::create(out).and_then(|file| {
        let mut writer = BufWriter::with_capacity(1 << 20, file);
        generate(catalog(), rows, second, Some(&mut writer))
    });
    match written {
        Ok(roster) => {
            let invalid = roster.members.iter().filter(|m| m.invalid).count();
            let seconds = roster.members.iter().filter(|m| m.second).count();
            eprintln!(
                "roster-gen: {out}: {rows} rows, {invalid} invalid, {seconds} second enrollments"
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("roster-gen: {out}: {e}");
            ExitCode::FAILURE
        }
    }
}
