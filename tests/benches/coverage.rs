//! Coverage at scale, printed, never asserted:
//!
//! - **in memory**: the whole [`Coverage`] report from memberships already in
//!   memory as [`CoverageRow`]s, on one thread and on N threads (slices counted
//!   apart, then merged);
//! - **CSV → report**: the release CLI, `lianjian coverage ROSTER.csv --format
//!   json --today 2026-11-25`, which checks every row fully before counting;
//!   with a per-stage breakdown of that path measured through the core;
//! - **peak memory** of the CLI (its `VmHWM`, polled) and of this process
//!   during the in-memory aggregation;
//! - **DuckDB** on the same roster (`coverage_duckdb.py`, run with the venv's
//!   Python): the same per-segment, per-chain and district figures from a table
//!   already in memory and straight from the CSV; its figures are checked
//!   against lianjian's and the speed ratios are printed against the goals
//!   (in memory ≥ 3×, from CSV ≥ 1.5×).
//!
//! The roster is generated deterministically: 1,000,000 memberships (50,000
//! with `LIANJIAN_BENCH_QUICK=1`) over the four built-in chains, written once
//! with Chinese headers to `target/bench-data/roster-<size>.csv` and reused
//! while its marker file matches. One row in 200 is deliberately invalid and
//! says so in its `备注` column, which lianjian ignores (an unrecognised
//! header) and DuckDB uses to leave those rows out: DuckDB does not validate,
//! so both count exactly the valid memberships.
//!
//! `cargo build --release -p lianjian-cli && cargo bench -p lianjian-tests
//! --bench coverage`. `LIANJIAN_PYTHON` names the Python with `duckdb`
//! (default: `.venv/bin/python` in the workspace root); `LIANJIAN_CLI` names
//! the `lianjian` binary (default: `target/release/lianjian`).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::fs::{self, File};
use std::hint::black_box;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate};
use lianjian::coverage::{Counts, Coverage, CoverageRow, Covered};
use lianjian::roster::Columns;
use lianjian::{Catalog, Context, CoverageReport, Enrollment};
use lianjian_tests::{catalog, fixture_today, synthetic_uscc, Rng};
use serde_json::Value;

#[path = "peers/summary.rs"]
mod summary;

// ---------------------------------------------------------------------------
// Sizes
// ---------------------------------------------------------------------------

/// The sizes of one run.
struct Sizes {
    quick: bool,
    rows: usize,
    /// Part of the roster's file name.
    label: &'static str,
    /// Timed repetitions of each in-memory measurement (after one warm-up).
    reps: usize,
    /// Timed runs of the CLI with the default thread count.
    cli_runs: usize,
    /// Rows of the per-stage breakdown of the CLI path.
    stage_rows: usize,
}

impl Sizes {
    fn from_env() -> Sizes {
        let quick = std::env::var("LIANJIAN_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
        if quick {
            Sizes {
                quick,
                rows: 50_000,
                label: "50k",
                reps: 5,
                cli_runs: 2,
                stage_rows: 20_000,
            }
        } else {
            Sizes {
                quick,
                rows: 1_000_000,
                label: "1m",
                reps: 5,
                cli_runs: 3,
                stage_rows: 100_000,
            }
        }
    }
}

/// Best and median of some timed runs.
#[derive(Debug, Clone, Copy)]
struct Timing {
    best: f64,
    median: f64,
}

impl Timing {
    fn of(mut seconds: Vec<f64>) -> Option<Timing> {
        if seconds.is_empty() {
            return None;
        }
        seconds.sort_by(f64::total_cmp);
        Some(Timing {
            best: seconds[0],
            median: seconds[seconds.len() / 2],
        })
    }

    fn show(&self) -> String {
        format!("{} [{}]", ms(self.best), ms(self.median))
    }
}

/// Runs `pass` once to warm up, then `reps` timed times.
fn time_reps<T>(reps: usize, mut pass: impl FnMut() -> T) -> Timing {
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

fn ms(seconds: f64) -> String {
    if seconds >= 10.0 {
        format!("{seconds:.1} s")
    } else if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else {
        format!("{:.1} ms", seconds * 1e3)
    }
}

/// A number with thousands separators.
fn human(n: f64) -> String {
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

fn mb(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}

// ---------------------------------------------------------------------------
// The roster
// ---------------------------------------------------------------------------

/// The headers written, in order. `备注` (remarks) is not a field lianjian
/// knows: it ignores it, and the DuckDB script reads the mark from it.
const HEADERS: [&str; 20] = [
    "企业名称",
    "统一社会信用代码",
    "单位类型",
    "行业代码",
    "年产值（万元）",
    "职工人数",
    "产业链",
    "产业链环节",
    "党组织情况",
    "党组织类型",
    "党组织名称",
    "正式党员数",
    "预备党员数",
    "隶属党组织",
    "联络员",
    "联络员电话",
    "联系人",
    "联系电话",
    "入链日期",
    "备注",
];

/// The `备注` of a deliberately invalid row.
const INVALID_MARK: &str = "基准故意无效";

/// Bumped whenever the generator changes, so that an old file is rewritten.
const GENERATOR: &str = "coverage-roster v2";
const SEED: u64 = 0xC0FE_2026_1125;

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
    "何", "林", "罗", "高",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超",
    "秀英", "建华", "海燕", "志强",
];
const PLACES: &[&str] = &[
    "盐田",
    "沙头角",
    "海山",
    "梅沙",
    "大梅沙",
    "北山",
    "永安",
    "东港",
    "明珠",
    "金港",
    "海港",
    "中英",
    "盐港",
    "深盐",
    "港湾",
    "海韵",
];
const MARKS: &[&str] = &[
    "华", "瑞", "鑫", "恒", "泰", "达", "信", "宏", "盛", "丰", "隆", "兴", "安", "和", "诚", "远",
];
/// Trade words by chain, in catalog order.
const TRADES: &[&[&str]] = &[
    &["物流", "港务", "航运", "供应链", "货运代理", "仓储", "拖车"],
    &["珠宝", "黄金", "首饰", "金饰", "珠宝设计", "贵金属"],
    &["生物科技", "医疗器械", "医药", "健康管理", "基因科技"],
    &["旅游", "酒店管理", "餐饮管理", "文化旅游", "游艇", "商贸"],
];
const HOMES: &[&str] = &[
    "沙头角街道非公企业党委",
    "海山街道非公企业党委",
    "盐田街道非公企业党委",
    "梅沙街道非公企业党委",
    "盐田区非公有制经济组织党委",
];
const PARKS: &[&str] = &[
    "盐田港保税区",
    "沙头角保税区",
    "北山工业区",
    "中英街",
    "大梅沙",
];

/// One generated membership, as the figures see it.
#[derive(Debug, Clone, Copy)]
struct Member {
    chain: u8,
    segments_at: u32,
    segments_len: u8,
    covered: Covered,
    full_members: u32,
    /// Annual output in tenths of 万元.
    output_tenths: Option<u64>,
    /// Deliberately invalid: lianjian must reject it.
    invalid: bool,
    /// Its USCC was used by an earlier row (on another chain).
    repeated: bool,
}

/// All memberships, with their USCCs (18 bytes each) and segment indices
/// kept in flat buffers.
struct Roster {
    members: Vec<Member>,
    usccs: String,
    segments: Vec<usize>,
}

impl Roster {
    fn uscc(&self, i: usize) -> &str {
        &self.usccs[i * 18..i * 18 + 18]
    }

    fn rows(&self) -> Vec<CoverageRow<'_>> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.invalid)
            .map(|(i, m)| {
                let at = m.segments_at as usize;
                CoverageRow {
                    uscc: self.uscc(i),
                    chain: usize::from(m.chain),
                    segments: &self.segments[at..at + usize::from(m.segments_len)],
                    covered: m.covered,
                    full_members: m.full_members,
                    output_wan: m.output_tenths.map(|t| t as f64 / 10.0),
                }
            })
            .collect()
    }

    fn invalid(&self) -> usize {
        self.members.iter().filter(|m| m.invalid).count()
    }
}

/// A uniform number in `[0, 1)`.
fn unit(rng: &mut Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// A number in `lo..=hi`.
fn between(rng: &mut Rng, lo: u32, hi: u32) -> u32 {
    lo + rng.below((hi - lo + 1) as usize) as u32
}

/// One of some words.
fn word(rng: &mut Rng, words: &[&'static str]) -> &'static str {
    words[rng.below(words.len())]
}

fn person(rng: &mut Rng, out: &mut String) {
    out.push_str(word(rng, SURNAMES));
    out.push_str(word(rng, GIVEN));
}

/// A mainland mobile in an allocated range (`1380013xxxx` and the like), or
/// now and then a Shenzhen landline.
fn phone(rng: &mut Rng, out: &mut String) {
    let n = rng.below(10_000);
    match rng.below(10) {
        0 => {
            let _ = write!(out, "0755-2555{n:04}");
        }
        1..=3 => {
            let _ = write!(out, "139 0013 {n:04}");
        }
        _ => {
            let _ = write!(out, "1380013{n:04}");
        }
    }
}

fn date(day: NaiveDate, style: usize, out: &mut String) {
    let (y, m, d) = (day.year(), day.month(), day.day());
    let _ = match style {
        0 => write!(out, "{y}/{m}/{d}"),
        1 => write!(out, "{y}年{m}月{d}日"),
        _ => write!(out, "{y}-{m:02}-{d:02}"),
    };
}

/// The cells of one row, filled in header order.
#[derive(Default)]
struct Cells {
    cells: [String; 20],
}

impl Cells {
    fn clear(&mut self) {
        for c in &mut self.cells {
            c.clear();
        }
    }

    fn line(&self, out: &mut String) {
        for (i, c) in self.cells.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(c);
        }
        out.push('\n');
    }
}

// Cell positions, in `HEADERS` order.
const NAME: usize = 0;
const USCC: usize = 1;
const KIND: usize = 2;
const INDUSTRY: usize = 3;
const OUTPUT: usize = 4;
const EMPLOYEES: usize = 5;
const CHAIN: usize = 6;
const SEGMENTS: usize = 7;
const STATUS: usize = 8;
const ORG_KIND: usize = 9;
const ORG_NAME: usize = 10;
const FULL: usize = 11;
const PROBATIONARY: usize = 12;
const HOME: usize = 13;
const LIAISON: usize = 14;
const LIAISON_PHONE: usize = 15;
const CONTACT: usize = 16;
const CONTACT_PHONE: usize = 17;
const JOINED: usize = 18;
const REMARK: usize = 19;

/// Generates the roster; with `csv`, also writes it (header included).
fn generate(
    catalog: &Catalog,
    n: usize,
    mut csv: Option<&mut dyn Write>,
) -> std::io::Result<Roster> {
    let mut rng = Rng::new(SEED);
    let mut roster = Roster {
        members: Vec::with_capacity(n),
        usccs: String::with_capacity(n * 18),
        segments: Vec::with_capacity(n + n / 3),
    };
    let first_day = NaiveDate::from_ymd_opt(2019, 1, 1).unwrap_or_default();
    let span = (fixture_today() - first_day).num_days().max(1) as usize;
    let mut chunk = String::new();
    if csv.is_some() {
        chunk.push_str(&HEADERS.join(","));
        chunk.push('\n');
    }
    let mut row = Cells::default();
    // An enterprise is enrolled at most once per chain (a second row for the
    // same chain is refused as a second enrollment): chains used per code.
    let mut chains_of: std::collections::HashMap<String, u8> = std::collections::HashMap::new();
    for i in 0..n {
        row.clear();
        let c = &mut row.cells;
        // Which chain, and whether the enterprise is already on another one.
        let repeated = i > 0 && rng.below(20) == 0;
        let mut chain = match rng.below(10) {
            0..=2 => 0,
            3..=5 => 1,
            6 | 7 => 2,
            _ => 3,
        } % catalog.chains.len();
        let earlier = if repeated { rng.below(i) } else { 0 };
        let reuse = if repeated {
            let code = roster.uscc(earlier).to_owned();
            let used = chains_of.get(&code).copied().unwrap_or(0);
            let shift = 1 + rng.below(catalog.chains.len().max(2) - 1);
            let other = usize::from(roster.members[earlier].chain);
            // The first chain, going round from another one, this code is not on yet.
            (0..catalog.chains.len())
                .map(|k| (other + shift + k) % catalog.chains.len())
                .find(|&c| used & (1 << c) == 0)
                .map(|c| (code, c))
        } else {
            None
        };
        if let Some((code, free)) = reuse {
            chain = free;
            roster.usccs.push_str(&code);
        } else {
            // Nine in ten are companies (authority 9); the rest whatever comes.
            let company = rng.below(10) != 0;
            let code = loop {
                let code = synthetic_uscc(&mut rng, false);
                if !company || code.starts_with('9') {
                    break code;
                }
            };
            roster.usccs.push_str(&code);
        }
        let uscc = roster.uscc(i).to_owned();
        *chains_of.entry(uscc.clone()).or_insert(0) |= 1 << chain;
        let ch = &catalog.chains[chain];
        let s1 = rng.below(ch.segments.len());
        let segments_at = roster.segments.len() as u32;
        roster.segments.push(s1);
        if rng.below(4) == 0 && ch.segments.len() > 1 {
            let s2 = (s1 + 1 + rng.below(ch.segments.len() - 1)) % ch.segments.len();
            roster.segments.push(s2);
        }
        let segments_len = (roster.segments.len() - segments_at as usize) as u8;

        // The enterprise.
        let trades = TRADES[chain % TRADES.len()];
        let place = *rng.pick(PLACES);
        let mark = *rng.pick(MARKS);
        let trade = *rng.pick(trades);
        let _ = write!(c[NAME], "深圳市{place}{mark}{trade}有限公司");
        c[USCC].push_str(&uscc);
        let association = uscc.starts_with('5') || uscc.starts_with("13");
        c[KIND].push_str(if association { "协会" } else { "企业" });
        let first = &ch.segments[s1];
        if let Some(code) = first.industry_codes.first() {
            c[INDUSTRY].push_str(code);
            if rng.below(10) == 0 {
                let other = rng.pick(&ch.segments);
                if let Some(more) = other.industry_codes.last().filter(|m| *m != code) {
                    c[INDUSTRY].push('；');
                    c[INDUSTRY].push_str(more);
                }
            }
        }
        let output_tenths = (rng.below(33) != 0).then(|| {
            // Log-uniform between 50.0 and 500,000.0 万元.
            let (lo, hi) = (500f64.ln(), 5_000_000f64.ln());
            (lo + unit(&mut rng) * (hi - lo)).exp().round() as u64
        });
        if let Some(t) = output_tenths {
            let _ = write!(c[OUTPUT], "{}.{}", t / 10, t % 10);
        }
        c[CHAIN].push_str(&ch.name.zh_cn);
        for (k, &s) in roster.segments[segments_at as usize..].iter().enumerate() {
            if k > 0 {
                c[SEGMENTS].push('；');
            }
            c[SEGMENTS].push_str(&ch.segments[s].name.zh_cn);
        }

        // The Party organization and the liaison.
        let short = format!("{place}{mark}{trade}");
        let (covered, full_members, probationary) = match rng.below(100) {
            0..=31 => {
                c[STATUS].push_str("单独建立");
                let (kind, full) = match rng.below(100) {
                    0..=91 => ("党支部", between(&mut rng, 3, 20)),
                    92..=96 => ("党总支", between(&mut rng, 10, 20)),
                    _ => ("党委", between(&mut rng, 12, 20)),
                };
                c[ORG_KIND].push_str(kind);
                let _ = write!(c[ORG_NAME], "{short}有限公司{kind}");
                (Covered::Own, full, between(&mut rng, 0, 2))
            }
            32..=54 => {
                c[STATUS].push_str("联合建立");
                c[ORG_KIND].push_str("联合党支部");
                let _ = write!(c[ORG_NAME], "{}{}联合党支部", rng.pick(PARKS), trade);
                (
                    Covered::Joint,
                    between(&mut rng, 0, 20),
                    between(&mut rng, 0, 2),
                )
            }
            status => {
                c[STATUS].push('无');
                let full = match rng.below(20) {
                    0..=13 => 0,
                    14..=16 => between(&mut rng, 1, 2),
                    17 | 18 => u32::MAX, // left blank
                    _ => between(&mut rng, 3, 5),
                };
                let covered = if status < 85 {
                    Covered::WorkOnly
                } else {
                    Covered::Uncovered
                };
                (covered, full, 0)
            }
        };
        let full_members = if full_members == u32::MAX {
            0
        } else {
            let _ = write!(c[FULL], "{full_members}");
            full_members
        };
        if covered == Covered::Own || covered == Covered::Joint {
            let _ = write!(c[PROBATIONARY], "{probationary}");
            c[HOME].push_str(word(&mut rng, HOMES));
        }
        let liaison = match covered {
            Covered::WorkOnly => true,
            Covered::Uncovered => false,
            _ => rng.below(5) == 0,
        };
        if liaison {
            person(&mut rng, &mut c[LIAISON]);
            phone(&mut rng, &mut c[LIAISON_PHONE]);
        }
        if rng.below(20) != 0 {
            let floor = full_members + probationary + 3;
            let employees = floor.max(between(&mut rng, 5, 2000));
            let _ = write!(c[EMPLOYEES], "{employees}");
        }
        person(&mut rng, &mut c[CONTACT]);
        phone(&mut rng, &mut c[CONTACT_PHONE]);
        let day = first_day
            .checked_add_days(Days::new(rng.below(span) as u64))
            .unwrap_or(first_day);
        let style = match rng.below(20) {
            0 | 1 => 0,
            2 => 1,
            _ => 2,
        };
        date(day, style, &mut c[JOINED]);

        // One row in 200 is broken, each in one of eight ways.
        let invalid = rng.below(200) == 0;
        if invalid {
            break_row(&mut rng, c);
            c[REMARK].push_str(INVALID_MARK);
        }
        roster.members.push(Member {
            chain: chain as u8,
            segments_at,
            segments_len,
            covered,
            full_members,
            output_tenths,
            invalid,
            repeated,
        });
        if let Some(out) = csv.as_deref_mut() {
            row.line(&mut chunk);
            if chunk.len() > 1 << 22 {
                out.write_all(chunk.as_bytes())?;
                chunk.clear();
            }
        }
    }
    if let Some(out) = csv {
        out.write_all(chunk.as_bytes())?;
        out.flush()?;
    }
    Ok(roster)
}

/// Makes a row fail validation with one error.
fn break_row(rng: &mut Rng, c: &mut [String; 20]) {
    match rng.below(8) {
        0 => {
            // A wrong check character.
            let last = c[USCC].pop().unwrap_or('0');
            c[USCC].push(if last == '0' { '1' } else { '0' });
        }
        1 => {
            c[SEGMENTS].clear();
            c[SEGMENTS].push_str("不存在的环节");
        }
        2 => {
            c[JOINED].clear();
            c[JOINED].push_str("2027-03-01");
        }
        3 => {
            // Its own branch with a single full member.
            for (at, text) in [
                (STATUS, "单独建立"),
                (ORG_KIND, "党支部"),
                (ORG_NAME, "某某有限公司党支部"),
                (FULL, "1"),
                (HOME, HOMES[0]),
            ] {
                c[at].clear();
                c[at].push_str(text);
            }
        }
        4 => {
            c[CONTACT_PHONE].clear();
            c[CONTACT_PHONE].push_str("1234567");
        }
        5 => {
            c[CHAIN].clear();
            c[CHAIN].push_str("新能源汽车");
        }
        6 => {
            // Its own organization with no superior named.
            for (at, text) in [
                (STATUS, "单独建立"),
                (ORG_KIND, "党支部"),
                (ORG_NAME, "某某有限公司党支部"),
                (FULL, "5"),
                (HOME, ""),
            ] {
                c[at].clear();
                c[at].push_str(text);
            }
        }
        _ => {
            c[OUTPUT].clear();
            let _ = write!(c[OUTPUT], "-{}.5", rng.below(1000));
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

/// The roster in memory, and its CSV file (written unless an identical one
/// is there already).
fn roster_file(
    catalog: &Catalog,
    sizes: &Sizes,
) -> Result<(Roster, PathBuf, bool, Duration), String> {
    let dir = target_dir().join("bench-data");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("roster-{}.csv", sizes.label));
    let marker_path = dir.join(format!("roster-{}.csv.marker", sizes.label));
    let marker = |bytes: u64| {
        format!(
            "{GENERATOR} seed={SEED:#x} rows={} bytes={bytes}\n",
            sizes.rows
        )
    };
    let size = fs::metadata(&path).map(|m| m.len()).ok();
    let reusable = size.is_some_and(|bytes| {
        fs::read_to_string(&marker_path).is_ok_and(|text| text == marker(bytes))
    });
    let started = Instant::now();
    if reusable {
        let roster = generate(catalog, sizes.rows, None).map_err(|e| e.to_string())?;
        return Ok((roster, path, true, started.elapsed()));
    }
    let partial = dir.join(format!("roster-{}.csv.partial", sizes.label));
    let file = File::create(&partial).map_err(|e| format!("{}: {e}", partial.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let roster = generate(catalog, sizes.rows, Some(&mut out))
        .map_err(|e| format!("{}: {e}", partial.display()))?;
    drop(out);
    fs::rename(&partial, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    fs::write(&marker_path, marker(bytes))
        .map_err(|e| format!("{}: {e}", marker_path.display()))?;
    Ok((roster, path, false, started.elapsed()))
}

// ---------------------------------------------------------------------------
// lianjian in memory
// ---------------------------------------------------------------------------

/// The report of `rows`, counted on `threads` threads (slices, then merged).
fn aggregate(
    rows: &[CoverageRow<'_>],
    catalog: &Catalog,
    threads: usize,
    rejected: u64,
) -> CoverageReport {
    let mut coverage = Coverage::new(catalog);
    if threads <= 1 {
        for row in rows {
            coverage.add(row);
        }
    } else {
        let slice = rows.len().div_ceil(threads).max(1);
        let parts: Vec<Coverage> = thread::scope(|scope| {
            let handles: Vec<_> = rows
                .chunks(slice)
                .map(|part| {
                    scope.spawn(move || {
                        let mut coverage = Coverage::new(catalog);
                        for row in part {
                            coverage.add(row);
                        }
                        coverage
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for part in parts {
            coverage.merge(part);
        }
    }
    coverage.add_rejected(rejected);
    coverage.report(catalog)
}

/// The counting alone (district, chain, segment `Counts`), without gap lists.
fn counts_only(rows: &[CoverageRow<'_>], catalog: &Catalog) -> u64 {
    let mut totals = Counts::default();
    let mut chains = vec![Counts::default(); catalog.chains.len()];
    let mut segments: Vec<Vec<Counts>> = catalog
        .chains
        .iter()
        .map(|c| vec![Counts::default(); c.segments.len()])
        .collect();
    for row in rows {
        let unit = Counts::one(row.covered, row.full_members, row.output_wan);
        totals.add(&unit);
        chains[row.chain].add(&unit);
        for &s in row.segments {
            segments[row.chain][s].add(&unit);
        }
    }
    totals.members + segments.iter().flatten().map(|c| c.members).sum::<u64>()
}

/// The gap-list sets alone, as `Coverage::add` builds them.
fn gap_sets_only(rows: &[CoverageRow<'_>]) -> usize {
    let mut should_build = BTreeSet::new();
    let mut unlinked = BTreeSet::new();
    for row in rows {
        if row.covered != Covered::Own && row.full_members >= 3 {
            should_build.insert(row.uscc.to_owned());
        }
        if row.covered == Covered::Uncovered {
            unlinked.insert(row.uscc.to_owned());
        }
    }
    should_build.len() + unlinked.len()
}

/// The same gap lists built another way: borrowed USCCs pushed on vectors,
/// sorted and deduplicated once, then owned for the report.
fn gap_lists_sorted_once(rows: &[CoverageRow<'_>]) -> usize {
    let mut should_build: Vec<&str> = Vec::new();
    let mut unlinked: Vec<&str> = Vec::new();
    for row in rows {
        if row.covered != Covered::Own && row.full_members >= 3 {
            should_build.push(row.uscc);
        }
        if row.covered == Covered::Uncovered {
            unlinked.push(row.uscc);
        }
    }
    let mut owned = 0;
    for list in [&mut should_build, &mut unlinked] {
        list.sort_unstable();
        list.dedup();
        let strings: Vec<String> = list.iter().map(|s| (*s).to_owned()).collect();
        owned += strings.len();
    }
    owned
}

// ---------------------------------------------------------------------------
// Figures, for comparing
// ---------------------------------------------------------------------------

/// members, own, joint, work only, uncovered, full members, output (1/100 万元).
type Figs = [i64; 7];

/// Level key: ("", "") for the district, (chain, "") and (chain, segment) by id.
type Levels = BTreeMap<(String, String), Figs>;

fn figs(f: &lianjian::coverage::report::Figures) -> Figs {
    [
        f.members as i64,
        f.own_org as i64,
        f.joint_org as i64,
        f.work_only as i64,
        f.uncovered as i64,
        f.full_members as i64,
        (f.output_wan * 100.0).round() as i64,
    ]
}

fn levels(report: &CoverageReport) -> Levels {
    let mut out = Levels::new();
    out.insert((String::new(), String::new()), figs(&report.totals.figures));
    for chain in &report.chains {
        out.insert((chain.chain.clone(), String::new()), figs(&chain.figures));
        for s in &chain.segments {
            out.insert((chain.chain.clone(), s.segment.clone()), figs(&s.figures));
        }
    }
    out
}

/// Differences between two sets of figures, at most `max` lines.
fn differences(ours: &Levels, theirs: &Levels, max: usize) -> Vec<String> {
    const NAMES: [&str; 7] = [
        "members",
        "own_org",
        "joint_org",
        "work_only",
        "uncovered",
        "full_members",
        "output_centiwan",
    ];
    let keys: BTreeSet<&(String, String)> = ours.keys().chain(theirs.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let place = match (key.0.as_str(), key.1.as_str()) {
            ("", _) => "district".to_owned(),
            (chain, "") => chain.to_owned(),
            (chain, segment) => format!("{chain}/{segment}"),
        };
        match (ours.get(key), theirs.get(key)) {
            (Some(a), Some(b)) => {
                for (i, name) in NAMES.iter().enumerate() {
                    if a[i] != b[i] {
                        out.push(format!("{place} {name}: lianjian {} vs {}", a[i], b[i]));
                    }
                }
            }
            (Some(_), None) => out.push(format!("{place}: missing on the other side")),
            (None, _) => out.push(format!("{place}: only on the other side")),
        }
    }
    let n = out.len();
    out.truncate(max);
    if n > max {
        out.push(format!("… {} more", n - max));
    }
    out
}

/// Ids from the Chinese names DuckDB groups by (unknown names kept, marked).
fn id_of(catalog: &Catalog, chain: &str, segment: Option<&str>) -> (String, String) {
    let Some(c) = catalog.chains.iter().find(|c| c.name.zh_cn == chain) else {
        return (format!("?{chain}"), segment.unwrap_or_default().to_owned());
    };
    let segment = match segment {
        None => String::new(),
        Some(name) => c
            .segments
            .iter()
            .find(|s| s.name.zh_cn == name)
            .map_or_else(|| format!("?{name}"), |s| s.id.clone()),
    };
    (c.id.clone(), segment)
}

// ---------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------

/// A `kB` line of a `/proc/<pid>/status` file.
fn proc_kb(status_file: &str, key: &str) -> Option<u64> {
    let text = fs::read_to_string(status_file).ok()?;
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

struct Run {
    seconds: f64,
    /// Last `VmHWM` seen while it ran, in kB.
    peak_kb: Option<u64>,
    status: ExitStatus,
}

/// Runs a command to its end, polling its peak resident memory.
fn run_polled(command: &mut Command) -> Result<Run, String> {
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

fn output_files(dir: &Path, name: &str) -> Result<(PathBuf, File, File), String> {
    let out = dir.join(format!("{name}.out"));
    let err = dir.join(format!("{name}.err"));
    let open = |p: &Path| File::create(p).map_err(|e| format!("{}: {e}", p.display()));
    Ok((out.clone(), open(&out)?, open(&err)?))
}

fn last_line(path: &Path) -> String {
    let name = path.with_extension("err");
    fs::read_to_string(name)
        .ok()
        .and_then(|t| t.lines().last().map(str::to_owned))
        .unwrap_or_else(|| "no output".into())
}

/// Whether a source the binary was built from (as its cargo dep-info file
/// `<binary>.d` lists them) changed after it was built.
fn stale(binary: &Path) -> Option<bool> {
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

fn cli_path() -> PathBuf {
    match std::env::var_os("LIANJIAN_CLI") {
        Some(p) => workspace_root().join(PathBuf::from(p)),
        None => target_dir()
            .join("release")
            .join(format!("lianjian{}", std::env::consts::EXE_SUFFIX)),
    }
}

struct CliResult {
    default_runs: Vec<Run>,
    one_thread: Option<Run>,
    report: CoverageReport,
    rows_read: u64,
    ignored_columns: Vec<String>,
    output_bytes: u64,
}

fn run_cli(csv: &Path, runs: usize) -> Result<CliResult, String> {
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

struct Stages {
    rows: usize,
    read_whole_file: f64,
    file_bytes: u64,
    split_cells: f64,
    check: f64,
    count: f64,
    valid: usize,
}

/// Times, on one thread, what the CLI does to each row: the cells as owned
/// strings (as its reader hands them on), `Columns::check_texts` (the cells
/// read into the record and checked, no JSON in between), and
/// `Coverage::add_enrollment`. Rows go through
/// in batches of 2048 as in the CLI, each stage timed over the batch; the best
/// of three passes is kept for each stage. Cells are split at commas: the
/// generated roster has no quoted cells.
fn stages(csv: &Path, rows: usize, catalog: &Catalog) -> Result<Stages, String> {
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

fn default_python() -> PathBuf {
    let venv = workspace_root().join(".venv");
    if cfg!(windows) {
        venv.join("Scripts").join("python.exe")
    } else {
        venv.join("bin").join("python")
    }
}

fn python() -> PathBuf {
    std::env::var_os("LIANJIAN_PYTHON")
        .map(|p| workspace_root().join(PathBuf::from(p)))
        .unwrap_or_else(default_python)
}

struct Duck {
    json: Value,
    peak_kb: Option<u64>,
}

/// Runs `coverage_duckdb.py MODE CSV`; `Err` says why not.
fn run_duckdb(mode: &str, csv: &Path, reps: usize, threads: usize) -> Result<Duck, String> {
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

fn duck_timing(json: &Value, key: &str) -> Option<Timing> {
    let list = json["timings"][key].as_array()?;
    Timing::of(list.iter().filter_map(Value::as_f64).collect())
}

/// DuckDB's figures by level, and its gap-list sizes.
fn duck_levels(json: &Value, catalog: &Catalog) -> (Levels, Option<(u64, u64)>) {
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
// Memory of this process
// ---------------------------------------------------------------------------

/// Resets this process's peak resident size to its current one (Linux).
fn reset_peak() -> bool {
    fs::write("/proc/self/clear_refs", "5").is_ok()
}

fn own_kb(key: &str) -> Option<u64> {
    proc_kb("/proc/self/status", key)
}

// ---------------------------------------------------------------------------

fn cpu_model() -> Option<String> {
    let info = fs::read_to_string("/proc/cpuinfo").ok()?;
    info.lines()
        .find_map(|l| l.strip_prefix("model name")?.split_once(':'))
        .map(|(_, model)| model.trim().to_owned())
}

fn verdict(ratio: f64, goal: f64) -> &'static str {
    if ratio >= goal {
        "goal met"
    } else {
        "goal not met"
    }
}

fn main() {
    let sizes = Sizes::from_env();
    let started = Instant::now();
    let catalog = catalog();
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    println!("lianjian coverage benchmark");
    println!(
        "machine: {} {}, {cores} cores available{}",
        std::env::consts::OS,
        std::env::consts::ARCH,
        cpu_model().map(|m| format!(", {m}")).unwrap_or_default()
    );
    println!(
        "mode: {}{}; timings are best [median] of {} runs after a warm-up unless said",
        if sizes.quick { "quick" } else { "full" },
        if cfg!(debug_assertions) {
            ", DEBUG BUILD (figures not meaningful)"
        } else {
            ""
        },
        sizes.reps
    );

    // The roster.
    let (roster, csv, reused, took) = match roster_file(catalog, &sizes) {
        Ok(found) => found,
        Err(why) => {
            println!("roster: not generated: {why}");
            return;
        }
    };
    let csv_bytes = fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    let invalid = roster.invalid();
    let rows = roster.rows();
    let two_segments = rows.iter().filter(|r| r.segments.len() > 1).count();
    let pairs: usize = rows.iter().map(|r| r.segments.len()).sum();
    let repeated = roster.members.iter().filter(|m| m.repeated).count();
    println!();
    println!(
        "roster: {} memberships ({} valid, {invalid} deliberately invalid), {} on two \
         segments ({} membership-segment pairs), {} on a second chain",
        human(roster.members.len() as f64),
        human(rows.len() as f64),
        human(two_segments as f64),
        human(pairs as f64),
        human(repeated as f64),
    );
    println!(
        "  CSV {} ({}, {:.0} bytes/row), {} in {:.1} s",
        mb(csv_bytes),
        csv.strip_prefix(workspace_root()).unwrap_or(&csv).display(),
        csv_bytes as f64 / roster.members.len().max(1) as f64,
        if reused {
            "reused (marker matches), rows regenerated in memory"
        } else {
            "generated and written"
        },
        took.as_secs_f64()
    );

    // (a) In memory.
    println!();
    println!(
        "(a) lianjian in memory: Coverage::add over {} pre-built CoverageRows + merge + report \
         (gap lists included)",
        human(rows.len() as f64)
    );
    // Memory first, before other runs leave freed memory to the allocator.
    let held = rows.len() * std::mem::size_of::<CoverageRow<'_>>()
        + roster.usccs.len()
        + roster.segments.len() * std::mem::size_of::<usize>();
    let with_rows_kb = own_kb("VmRSS:").unwrap_or(0);
    if reset_peak() {
        let base = own_kb("VmRSS:").unwrap_or(0);
        black_box(aggregate(&rows, catalog, cores, invalid as u64));
        let peak = own_kb("VmHWM:").unwrap_or(0);
        println!(
            "  memory: this process holds {} (the rows themselves {}); peak {} during the first \
             {cores}-thread aggregation (+{})",
            mb(with_rows_kb * 1024),
            mb(held as u64),
            mb(peak * 1024),
            mb(peak.saturating_sub(base) * 1024)
        );
    } else {
        println!(
            "  memory: peak {} for this process so far (generation included: \
             /proc/self/clear_refs is not writable)",
            mb(own_kb("VmHWM:").unwrap_or(0) * 1024)
        );
    }
    let mut thread_counts = vec![1];
    if cores > 1 {
        thread_counts.push(cores);
    }
    let reference = aggregate(&rows, catalog, 1, invalid as u64);
    let mut best_in_memory = f64::INFINITY;
    let mut single_thread = f64::NAN;
    for &threads in &thread_counts {
        let timing = time_reps(sizes.reps, || {
            aggregate(&rows, catalog, threads, invalid as u64)
        });
        if threads == 1 {
            single_thread = timing.best;
        } else {
            summary::record("coverage.lianjian_threads_s", timing.best);
        }
        best_in_memory = best_in_memory.min(timing.best);
        println!(
            "  {threads} thread{}: {:>22}  = {} rows/s",
            if threads == 1 { " " } else { "s" },
            timing.show(),
            human(rows.len() as f64 / timing.best)
        );
    }
    summary::record("coverage.mode", if sizes.quick { "quick" } else { "full" });
    summary::record("coverage.rows", rows.len());
    summary::record("coverage.threads", cores);
    summary::record("coverage.lianjian_1_thread_s", single_thread);
    let counts = time_reps(sizes.reps, || counts_only(&rows, catalog));
    let gap_sets = time_reps(sizes.reps, || gap_sets_only(&rows));
    let sorted_once = time_reps(sizes.reps, || gap_lists_sorted_once(&rows));
    println!(
        "  of which, 1 thread: the figures alone (Counts::one + add at 3 levels) {}; the gap-list \
         sets kept as BTreeSet<String> (how Coverage kept them before it packed codes into \
         a sorted-once list) {} for {} should_build + {} unlinked USCCs",
        ms(counts.best),
        ms(gap_sets.best),
        human(reference.gaps.should_build.len() as f64),
        human(reference.gaps.unlinked.len() as f64),
    );
    println!(
        "  for comparison: the same gap lists as Vec<&str> sorted + deduplicated once, then owned: {}",
        ms(sorted_once.best)
    );
    // (b) + (c) CSV → report with the CLI.
    println!();
    println!("(b) lianjian CSV → report: release CLI `lianjian coverage <csv> --format json --today 2026-11-25`");
    let cli = run_cli(&csv, sizes.cli_runs);
    let mut cli_seconds = None;
    match &cli {
        Ok(cli) => {
            let timing = Timing::of(cli.default_runs.iter().map(|r| r.seconds).collect());
            let peak = cli.default_runs.iter().filter_map(|r| r.peak_kb).max();
            if let Some(t) = timing {
                cli_seconds = Some(t.best);
                summary::record("coverage.csv_rows", roster.members.len());
                summary::record("coverage.cli_s", t.best);
                println!(
                    "  {cores} threads (default), {} runs: {:>22}  = {} rows/s, {:.1} MB/s of CSV",
                    cli.default_runs.len(),
                    t.show(),
                    human(roster.members.len() as f64 / t.best),
                    csv_bytes as f64 / 1e6 / t.best
                );
            }
            if let Some(run) = &cli.one_thread {
                println!(
                    "  1 thread (--threads 1), 1 run: {:>14}  = {} rows/s",
                    ms(run.seconds),
                    human(roster.members.len() as f64 / run.seconds)
                );
            }
            println!(
                "(c) peak memory of the CLI (VmHWM, polled): {}{}  (CSV {}; JSON output {})",
                peak.map_or_else(|| "unknown".into(), |kb| mb(kb * 1024)),
                cli.one_thread
                    .as_ref()
                    .and_then(|r| r.peak_kb)
                    .map(|kb| format!(", {} with --threads 1", mb(kb * 1024)))
                    .unwrap_or_default(),
                mb(csv_bytes),
                mb(cli.output_bytes)
            );
            let diff = differences(&levels(&reference), &levels(&cli.report), 8);
            let gaps_agree = cli.report.gaps == reference.gaps;
            let rejected = cli.report.totals.rejected_rows;
            if diff.is_empty() && gaps_agree && rejected == invalid as u64 {
                println!(
                    "  check: the CLI's figures and gap lists equal the in-memory report; it \
                     read {} rows and rejected {rejected} (the deliberately invalid ones); \
                     ignored columns: {}",
                    human(cli.rows_read as f64),
                    cli.ignored_columns.join(", ")
                );
            } else {
                println!(
                    "  check: the CLI DISAGREES with the in-memory report (rejected {rejected}, \
                     expected {invalid}; gap lists {}):",
                    if gaps_agree { "agree" } else { "differ" }
                );
                for line in diff {
                    println!("    {line}");
                }
            }
        }
        Err(why) => println!("  not measured: {why}"),
    }

    // Where the CLI's time goes, on one thread, through the core.
    match stages(&csv, sizes.stage_rows, catalog) {
        Ok(s) => {
            let per_row = |t: f64| t / s.rows.max(1) as f64 * 1e6;
            let work = s.split_cells + s.check + s.count;
            let share = |t: f64| t / work * 100.0;
            println!(
                "  where the time goes (core functions the CLI calls, 1 thread, first {} rows, {} valid, best of 3):",
                human(s.rows as f64),
                human(s.valid as f64)
            );
            println!(
                "    read + UTF-8 check of the whole file: {} ({:.0} MB/s)",
                ms(s.read_whole_file),
                s.file_bytes as f64 / 1e6 / s.read_whole_file
            );
            for (name, t) in [
                (
                    "cells as owned Strings (split; the CLI uses the csv crate)",
                    s.split_cells,
                ),
                ("Columns::check_texts (cells → record, every rule)", s.check),
                ("Coverage::add_enrollment (counting)", s.count),
            ] {
                println!(
                    "    {name:<60} {:>6.2} µs/row  {:>4.0}%",
                    per_row(t),
                    share(t)
                );
            }
            let projected = work / s.rows.max(1) as f64 * roster.members.len() as f64;
            println!(
                "    sum {:.2} µs/row → {} for all rows on one thread; at best ÷{cores} on {cores} \
                 cores, plus reading the file",
                per_row(work),
                ms(projected)
            );
        }
        Err(why) => println!("  stage breakdown not measured: {why}"),
    }

    // (d) DuckDB.
    println!();
    println!(
        "(d) DuckDB via tests/benches/coverage_duckdb.py ({}): the same figures per segment \
         (string_split + unnest of 产业链环节), per chain and for the district, valid rows only \
         (备注 is empty)",
        python()
            .strip_prefix(workspace_root())
            .unwrap_or(&python())
            .display()
    );
    let loaded = run_duckdb("loaded", &csv, sizes.reps, cores);
    let from_csv = run_duckdb("csv", &csv, sizes.reps.min(3), cores);
    let mut duck_loaded = None;
    let mut duck_loaded_gaps = None;
    let mut duck_loaded_one = None;
    let mut duck_csv = None;
    let mut duck_csv_gaps = None;
    match &loaded {
        Ok(d) => {
            let j = &d.json;
            println!(
                "  DuckDB {} (Python {}), {} threads",
                j["duckdb"].as_str().unwrap_or("?"),
                j["python"].as_str().unwrap_or("?"),
                j["threads"].as_u64().unwrap_or(0)
            );
            println!(
                "  (i) loaded table ({} rows; load = read_csv + filter + classify + string_split \
                 into a LIST column, {}, timed apart):",
                human(j["rows_loaded"].as_f64().unwrap_or(0.0)),
                ms(j["load_s"].as_f64().unwrap_or(f64::NAN))
            );
            duck_loaded = duck_timing(j, "figures");
            duck_loaded_gaps = duck_timing(j, "figures_gaps");
            duck_loaded_one = duck_timing(j, "figures_1_thread");
            summary::record(
                "coverage.duckdb_version",
                j["duckdb"].as_str().unwrap_or("?"),
            );
            summary::record(
                "coverage.duckdb_threads",
                j["threads"].as_u64().unwrap_or(0),
            );
            for (key, timing) in [
                ("coverage.duckdb_loaded_s", duck_loaded),
                ("coverage.duckdb_loaded_1_thread_s", duck_loaded_one),
            ] {
                if let Some(t) = timing {
                    summary::record(key, t.best);
                }
            }
            for (label, key) in [
                ("figures", "figures"),
                ("figures + sorted gap lists", "figures_gaps"),
                ("figures, 1 thread", "figures_1_thread"),
                (
                    "figures, segments split in the query (raw table)",
                    "figures_split_in_query",
                ),
            ] {
                if let Some(t) = duck_timing(j, key) {
                    println!("      {label:<50} {:>22}", t.show());
                }
            }
            let (theirs, gaps) = duck_levels(j, catalog);
            let diff = differences(&levels(&reference), &theirs, 12);
            let ours_gaps = (
                reference.gaps.should_build.len() as u64,
                reference.gaps.unlinked.len() as u64,
            );
            summary::record(
                "coverage.duckdb_agrees",
                diff.is_empty() && gaps == Some(ours_gaps),
            );
            if diff.is_empty() && gaps == Some(ours_gaps) {
                println!(
                    "      check: figures agree (district, {} chains, {} segments: members, \
                     own/joint/work-only/uncovered, full members, output) and so do the gap-list \
                     sizes ({} should_build, {} unlinked)",
                    catalog.chains.len(),
                    catalog
                        .chains
                        .iter()
                        .map(|c| c.segments.len())
                        .sum::<usize>(),
                    ours_gaps.0,
                    ours_gaps.1
                );
            } else {
                println!(
                    "      check: figures DIFFER (gap-list sizes lianjian {ours_gaps:?}, DuckDB {gaps:?}):"
                );
                for line in diff {
                    println!("        {line}");
                }
            }
            if let Some(kb) = d.peak_kb {
                println!(
                    "      peak memory of that Python process (VmHWM): {}",
                    mb(kb * 1024)
                );
            }
        }
        Err(why) => {
            summary::record("coverage.duckdb_error", why);
            println!("  (i) loaded table: not measured: {why}");
        }
    }
    match &from_csv {
        Ok(d) => {
            let j = &d.json;
            duck_csv = duck_timing(j, "figures");
            if let Some(t) = duck_csv {
                summary::record("coverage.duckdb_csv_s", t.best);
            }
            duck_csv_gaps = duck_timing(j, "figures_gaps");
            println!("  (ii) straight from the CSV (read_csv + aggregate, one query each):");
            for (label, key) in [
                ("figures", "figures"),
                ("figures + sorted gap lists", "figures_gaps"),
            ] {
                if let Some(t) = duck_timing(j, key) {
                    println!("      {label:<50} {:>22}", t.show());
                }
            }
            let (theirs, _) = duck_levels(j, catalog);
            let diff = differences(&levels(&reference), &theirs, 12);
            println!(
                "      check: {}",
                if diff.is_empty() {
                    "figures agree".to_owned()
                } else {
                    format!("figures DIFFER: {}", diff.join("; "))
                }
            );
            if let Some(kb) = d.peak_kb {
                println!(
                    "      peak memory of that Python process (VmHWM): {}",
                    mb(kb * 1024)
                );
            }
        }
        Err(why) => println!("  (ii) from CSV: not measured: {why}"),
    }

    // Ratios.
    println!();
    println!("ratios (DuckDB time ÷ lianjian time; higher is better for lianjian):");
    match (duck_loaded, duck_loaded_gaps) {
        (Some(figures), gaps) => {
            let ratio = figures.best / best_in_memory;
            println!(
                "  in memory: lianjian {} vs DuckDB loaded table {}: {ratio:.2}× — {} (≥3×){}",
                ms(best_in_memory),
                ms(figures.best),
                verdict(ratio, 3.0),
                gaps.map(|g| {
                    let r = g.best / best_in_memory;
                    format!(
                        "; with DuckDB also building the sorted gap lists (same work as lianjian) \
                         {r:.2}× — {}",
                        verdict(r, 3.0)
                    )
                })
                .unwrap_or_default()
            );
            if let Some(one) = duck_loaded_one {
                println!(
                    "    1 thread each: lianjian {} vs DuckDB {}: {:.2}×",
                    ms(single_thread),
                    ms(one.best),
                    one.best / single_thread
                );
            }
        }
        _ => println!("  in memory: not measured (no DuckDB) — goal ≥3×: not measured"),
    }
    match (cli_seconds, duck_csv) {
        (Some(ours), Some(figures)) => {
            let ratio = figures.best / ours;
            println!(
                "  from CSV: lianjian CLI {} vs DuckDB read_csv {}: {ratio:.2}× — {} (≥1.5×){}",
                ms(ours),
                ms(figures.best),
                verdict(ratio, 1.5),
                duck_csv_gaps
                    .map(|g| {
                        let r = g.best / ours;
                        format!("; with sorted gap lists {r:.2}× — {}", verdict(r, 1.5))
                    })
                    .unwrap_or_default()
            );
        }
        _ => println!("  from CSV: not measured (no CLI or no DuckDB) — goal ≥1.5×: not measured"),
    }
    println!();
    println!("total {:.1} s", started.elapsed().as_secs_f64());
}
