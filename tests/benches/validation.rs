//! Throughput of the validation rules, printed, never asserted:
//!
//! - USCC checks per second: `uscc::is_valid` and the full `uscc::check`
//!   (with findings), over generated valid and mutated codes;
//! - enrollment validations per second from JSON lines (`check_enrollment_json`
//!   per line), in lines/s and MB/s;
//! - python-stdnum's `stdnum.cn.uscc.is_valid` on the same codes in the same
//!   run, and the ratio lianjian/stdnum (goal: at least 100×).
//!
//! `cargo bench -p lianjian-tests --bench validation`. `LIANJIAN_BENCH_QUICK=1`
//! uses small inputs (a few seconds); `LIANJIAN_PYTHON` names the Python with
//! python-stdnum (default: `.venv/bin/python` in the workspace root).

use std::fs;
use std::hint::black_box;
use std::path::{Path as FsPath, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use lianjian::ident::uscc;
use lianjian::{check_enrollment_json, Context, Path, Report, UsccPolicy};
use lianjian_tests::{catalog, fixture_policy, fixture_today, synthetic_uscc, Rng};

#[path = "peers/enrollment_lines.rs"]
mod enrollment_lines;
#[path = "peers/rate.rs"]
mod rate;
#[path = "peers/summary.rs"]
mod summary;

use enrollment_lines::enrollment_lines;
use rate::{human, measure, Rate};

/// The sizes of one run.
struct Sizes {
    codes: usize,
    records: usize,
    /// Each timed sample repeats its pass until it lasts at least this long.
    min_sample: Duration,
}

impl Sizes {
    fn from_env() -> (Sizes, bool) {
        let quick = std::env::var("LIANJIAN_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
        let sizes = if quick {
            Sizes {
                codes: 20_000,
                records: 2_000,
                min_sample: Duration::from_millis(20),
            }
        } else {
            Sizes {
                codes: 200_000,
                records: 20_000,
                min_sample: Duration::from_millis(250),
            }
        };
        (sizes, quick)
    }
}

// ---------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------

const SYMBOLS: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
const STRAY: &[u8] = b"IOZSVioszvabxy./_";

/// Half valid codes (a tenth of them with a wrong organization-code check),
/// half mutated ones. All ASCII, none blank.
fn generate_codes(n: usize) -> Vec<String> {
    let mut rng = Rng::new(0x1A4_7A11);
    (0..n)
        .map(|i| {
            let bad_org_check = rng.below(10) == 0;
            let code = synthetic_uscc(&mut rng, bad_org_check);
            if i % 2 == 0 {
                code
            } else {
                mutate(&mut rng, code)
            }
        })
        .collect()
}

fn mutate(rng: &mut Rng, code: String) -> String {
    let mut bytes = code.into_bytes();
    let at = rng.below(bytes.len());
    match rng.below(8) {
        0 => bytes[at] = *rng.pick(SYMBOLS),
        1 => bytes[at] = *rng.pick(STRAY),
        2 => {
            let j = rng.below(bytes.len() - 1);
            bytes.swap(j, j + 1);
        }
        3 => {
            bytes.remove(at);
        }
        4 => bytes.insert(at, *rng.pick(SYMBOLS)),
        5 => bytes.make_ascii_lowercase(),
        6 => {
            bytes.insert(at, *rng.pick(b" -"));
            bytes.insert(0, b' ');
        }
        _ => bytes[1 + rng.below(7)] = *rng.pick(&SYMBOLS[10..]),
    }
    String::from_utf8(bytes).unwrap_or_default()
}

fn workspace_root() -> PathBuf {
    let tests = FsPath::new(env!("CARGO_MANIFEST_DIR"));
    tests.parent().unwrap_or(tests).to_path_buf()
}

// ---------------------------------------------------------------------------
// python-stdnum
// ---------------------------------------------------------------------------

const STDNUM_SCRIPT: &str = r#"
import sys, time
try:
    import stdnum
    from stdnum.cn.uscc import is_valid
except ImportError as e:
    print("error=python-stdnum is not installed (%s)" % e)
    sys.exit(3)
with open(sys.argv[1], encoding="utf-8") as f:
    codes = f.read().splitlines()
min_sample = float(sys.argv[2])
for c in codes[: max(1, len(codes) // 10)]:
    is_valid(c)
valid = sum(1 for c in codes if is_valid(c))
rates = []
for _ in range(3):
    reps = 0
    start = time.perf_counter()
    while True:
        for c in codes:
            is_valid(c)
        reps += 1
        elapsed = time.perf_counter() - start
        if elapsed >= min_sample:
            break
    rates.append(reps * len(codes) / elapsed)
rates.sort()
print("best=%f median=%f valid=%d stdnum=%s python=%s" % (
    rates[2], rates[1], valid, stdnum.__version__, sys.version.split()[0]))
"#;

struct StdnumRun {
    rate: Rate,
    valid: usize,
    versions: String,
}

fn default_python() -> PathBuf {
    let venv = workspace_root().join(".venv");
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

/// Times stdnum's `is_valid` on `codes` in a child Python; `Err` says why not.
fn run_stdnum(codes: &[String], min_sample: Duration) -> Result<StdnumRun, String> {
    // A relative path is taken from the workspace root, as the README writes it.
    let python = std::env::var_os("LIANJIAN_PYTHON")
        .map(|p| workspace_root().join(PathBuf::from(p)))
        .unwrap_or_else(default_python);
    let file = std::env::temp_dir().join(format!("lianjian-bench-uscc-{}.txt", std::process::id()));
    let mut text = codes.join("\n");
    text.push('\n');
    fs::write(&file, text).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    let output = Command::new(&python)
        .arg("-c")
        .arg(STDNUM_SCRIPT)
        .arg(&file)
        .arg(min_sample.as_secs_f64().to_string())
        .output();
    let _ = fs::remove_file(&file);
    let output = output.map_err(|e| {
        format!(
            "cannot start {} ({e}); create it with `python3 -m venv .venv && \
             .venv/bin/pip install python-stdnum` or set LIANJIAN_PYTHON",
            python.display()
        )
    })?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    let field = |key: &str| {
        stdout
            .split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
    };
    if let Some(error) = stdout.lines().find_map(|l| l.strip_prefix("error=")) {
        return Err(format!("{}: {error}", python.display()));
    }
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let last = stderr.lines().last().unwrap_or("no output");
        return Err(format!(
            "{} failed ({}): {last}",
            python.display(),
            output.status
        ));
    }
    let number = |key: &str| field(key).and_then(|v| v.parse::<f64>().ok());
    match (number("best"), number("median"), number("valid")) {
        (Some(best), Some(median), Some(valid)) => Ok(StdnumRun {
            rate: Rate { best, median },
            valid: valid as usize,
            versions: format!(
                "python-stdnum {}, Python {}",
                field("stdnum").unwrap_or("?"),
                field("python").unwrap_or("?")
            ),
        }),
        _ => Err(format!(
            "unexpected output from {}: {stdout}",
            python.display()
        )),
    }
}

// ---------------------------------------------------------------------------

fn cpu_model() -> Option<String> {
    let info = fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map(|(_, model)| model.trim().to_owned())
}

fn main() {
    let (sizes, quick) = Sizes::from_env();
    let started = Instant::now();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("lianjian validation benchmark (single-threaded)");
    println!(
        "machine: {} {}, {cores} cores available{}",
        std::env::consts::OS,
        std::env::consts::ARCH,
        cpu_model().map(|m| format!(", {m}")).unwrap_or_default()
    );
    println!(
        "mode: {}{}; N = {} codes, M = {} records; best of 3 samples of >= {} ms each (median in brackets)",
        if quick { "quick" } else { "full" },
        if cfg!(debug_assertions) {
            ", DEBUG BUILD (figures not meaningful)"
        } else {
            ""
        },
        sizes.codes,
        sizes.records,
        sizes.min_sample.as_millis()
    );

    // (a) USCC checks.
    let codes = generate_codes(sizes.codes);
    let ours_valid = codes.iter().filter(|c| uscc::is_valid(c)).count();
    let is_valid_rate = measure(codes.len(), sizes.min_sample, || {
        codes
            .iter()
            .filter(|c| uscc::is_valid(black_box(c)))
            .count()
    });
    let policy = UsccPolicy::none();
    let root = Path::root();
    let check_rate = measure(codes.len(), sizes.min_sample, || {
        let mut valid = 0;
        for code in &codes {
            let mut report = Report::new();
            let parsed = uscc::check(black_box(code), policy, &root, &mut report);
            valid += usize::from(parsed.is_some() && report.is_valid());
            black_box(report);
        }
        valid
    });
    println!();
    println!(
        "USCC ({} codes, {ours_valid} valid for lianjian)",
        codes.len()
    );
    println!(
        "  uscc::is_valid            {:>14} checks/s  [{}]",
        human(is_valid_rate.best),
        human(is_valid_rate.median)
    );
    println!(
        "  uscc::check (findings)    {:>14} checks/s  [{}]",
        human(check_rate.best),
        human(check_rate.median)
    );

    summary::record("uscc.mode", if quick { "quick" } else { "full" });
    summary::record("uscc.codes", codes.len());
    summary::record("uscc.lianjian_is_valid", is_valid_rate.best);
    summary::record("uscc.lianjian_check", check_rate.best);

    // (b) Enrollment records from JSON lines.
    println!();
    match enrollment_lines(sizes.records, 0) {
        Ok(buffer) => {
            let lines: Vec<&str> = buffer.lines().collect();
            let legacy = fixture_policy();
            let context = Context::new(catalog(), fixture_today()).with_uscc_policy(&legacy);
            let valid_lines = lines
                .iter()
                .filter(|l| check_enrollment_json(l, &context).record.is_some())
                .count();
            let rate = measure(lines.len(), sizes.min_sample, || {
                let mut valid = 0;
                for line in &lines {
                    let checked = check_enrollment_json(black_box(line), &context);
                    valid += usize::from(checked.record.is_some());
                    black_box(checked);
                }
                valid
            });
            let bytes_per_line = buffer.len() as f64 / lines.len() as f64;
            println!(
                "Enrollment JSON lines ({} lines, {valid_lines} valid, {:.1} MB, {:.0} bytes/line)",
                lines.len(),
                buffer.len() as f64 / 1e6,
                bytes_per_line
            );
            println!(
                "  check_enrollment_json     {:>14} lines/s   [{}]  = {:.1} MB/s [{:.1}]",
                human(rate.best),
                human(rate.median),
                rate.best * bytes_per_line / 1e6,
                rate.median * bytes_per_line / 1e6
            );
        }
        Err(why) => println!("Enrollment JSON lines: not measured: {why}"),
    }

    // (c) python-stdnum on the same codes.
    println!();
    match run_stdnum(&codes, sizes.min_sample) {
        Ok(stdnum) => {
            let ratio = is_valid_rate.best / stdnum.rate.best;
            summary::record("uscc.stdnum", stdnum.rate.best);
            summary::record("uscc.stdnum_versions", &stdnum.versions);
            println!(
                "python-stdnum ({}; same {} codes, {} valid for stdnum)",
                stdnum.versions,
                codes.len(),
                stdnum.valid
            );
            println!(
                "  stdnum.cn.uscc.is_valid   {:>14} checks/s  [{}]",
                human(stdnum.rate.best),
                human(stdnum.rate.median)
            );
            println!(
                "  ratio lianjian is_valid / stdnum is_valid: {ratio:.0}× \
                 (uscc::check / stdnum: {:.0}×)",
                check_rate.best / stdnum.rate.best
            );
            println!(
                "  goal ≥100×: {}",
                if ratio >= 100.0 { "met" } else { "not met" }
            );
            if stdnum.valid != ours_valid {
                println!(
                    "  note: the valid counts differ ({ours_valid} vs {}): stdnum rejects the \
                     letter authorities A, N, Y (tests/python explains every difference)",
                    stdnum.valid
                );
            }
        }
        Err(why) => {
            println!("python-stdnum: ratio not measured: {why}");
            summary::record("uscc.stdnum_error", &why);
            println!("  goal ≥100×: not measured");
        }
    }
    println!();
    println!("total {:.1} s", started.elapsed().as_secs_f64());
}
