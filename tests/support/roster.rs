//! The roster the coverage benchmarks and the Spark test count: memberships
//! generated deterministically over the built-in chains, written as a CSV
//! file with Chinese headers, as districts keep it, and known row by row so
//! that the figures can be checked.
//!
//! One row in 200 is deliberately invalid and says so in its `备注` column
//! (lianjian ignores the column; DuckDB, which checks nothing, uses it to
//! leave those rows out). One in 20 enrolls an earlier row's enterprise in
//! another chain. On request, about one in 100 enrolls an earlier row's
//! enterprise in the same chain again: a second enrollment, refused.

use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::{Datelike, Days, NaiveDate};
use lianjian::coverage::{CoverageRow, Covered};
use lianjian::Catalog;

use crate::{fixture_today, synthetic_uscc, target_dir, Rng};

/// The headers written, in order. `备注` (remarks) is not a field lianjian
/// knows: it ignores it, and the DuckDB script reads the mark from it.
pub const HEADERS: [&str; 20] = [
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
pub const INVALID_MARK: &str = "基准故意无效";

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
pub struct Member {
    /// Index of its chain in the catalog.
    pub chain: u8,
    /// Where its segment indices start in [`Roster::segments`].
    pub segments_at: u32,
    /// How many segments.
    pub segments_len: u8,
    /// How it is covered.
    pub covered: Covered,
    /// Full Party members.
    pub full_members: u32,
    /// Annual output in tenths of 万元.
    pub output_tenths: Option<u64>,
    /// Deliberately invalid: lianjian must reject it.
    pub invalid: bool,
    /// Its USCC was used by an earlier row (on another chain).
    pub repeated: bool,
    /// A second enrollment: an earlier valid row has its USCC on its chain,
    /// so lianjian refuses it as `duplicate_enrollment`.
    pub second: bool,
}

/// All memberships, with their USCCs (18 bytes each) and segment indices
/// kept in flat buffers.
pub struct Roster {
    /// The rows, in file order.
    pub members: Vec<Member>,
    /// Every row's USCC, 18 bytes each.
    pub usccs: String,
    /// Segment indices, [`Member::segments_at`] on.
    pub segments: Vec<usize>,
}

impl Roster {
    /// The USCC of row `i` (from 0).
    pub fn uscc(&self, i: usize) -> &str {
        &self.usccs[i * 18..i * 18 + 18]
    }

    /// The rows lianjian counts: neither invalid nor a second enrollment.
    pub fn rows(&self) -> Vec<CoverageRow<'_>> {
        self.members
            .iter()
            .enumerate()
            .filter(|(_, m)| !m.invalid && !m.second)
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

    /// Rows lianjian rejects: the deliberately invalid ones and the second
    /// enrollments.
    pub fn invalid(&self) -> usize {
        self.members
            .iter()
            .filter(|m| m.invalid || m.second)
            .count()
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

/// Generates the roster of `n` rows; with `csv`, also writes it (header
/// included). With `second_enrollments`, about one row in 100 enrolls an
/// earlier row's enterprise in the same chain again.
pub fn generate(
    catalog: &Catalog,
    n: usize,
    second_enrollments: bool,
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
    let mut counted: std::collections::HashSet<(usize, String)> = std::collections::HashSet::new();
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
        // Drawn only for such rosters, so that the default one stays the same.
        let again = second_enrollments && i > 0 && !repeated && rng.below(100) == 0;
        let earlier_again = if again { rng.below(i) } else { 0 };
        let reuse = if again {
            chain = usize::from(roster.members[earlier_again].chain);
            Some((roster.uscc(earlier_again).to_owned(), chain))
        } else if repeated {
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
        // The first valid row of an enterprise in a chain counts; a later
        // valid one is a second enrollment.
        let second =
            second_enrollments && !invalid && !counted.insert((chain, roster.uscc(i).to_owned()));
        roster.members.push(Member {
            chain: chain as u8,
            segments_at,
            segments_len,
            covered,
            full_members,
            output_tenths,
            invalid,
            repeated,
            second,
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

/// The roster of `rows` rows in memory, and its CSV file,
/// `target/bench-data/roster-<label>.csv`, written unless an identical one is
/// there already (a marker file names the generator, seed and size). Also
/// says whether the file was reused and how long it all took.
pub fn roster_file(
    catalog: &Catalog,
    rows: usize,
    label: &str,
    second_enrollments: bool,
) -> Result<(Roster, PathBuf, bool, Duration), String> {
    let dir = target_dir().join("bench-data");
    fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let path = dir.join(format!("roster-{}.csv", label));
    let marker_path = dir.join(format!("roster-{}.csv.marker", label));
    let marker = |bytes: u64| {
        format!(
            "{GENERATOR} seed={SEED:#x} rows={} second_enrollments={second_enrollments} bytes={bytes}\n",
            rows
        )
    };
    let size = fs::metadata(&path).map(|m| m.len()).ok();
    let reusable = size.is_some_and(|bytes| {
        fs::read_to_string(&marker_path).is_ok_and(|text| text == marker(bytes))
    });
    let started = Instant::now();
    if reusable {
        let roster =
            generate(catalog, rows, second_enrollments, None).map_err(|e| e.to_string())?;
        return Ok((roster, path, true, started.elapsed()));
    }
    let partial = dir.join(format!("roster-{}.csv.partial", label));
    let file = File::create(&partial).map_err(|e| format!("{}: {e}", partial.display()))?;
    let mut out = BufWriter::with_capacity(1 << 20, file);
    let roster = generate(catalog, rows, second_enrollments, Some(&mut out))
        .map_err(|e| format!("{}: {e}", partial.display()))?;
    drop(out);
    fs::rename(&partial, &path).map_err(|e| format!("{}: {e}", path.display()))?;
    let bytes = fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    fs::write(&marker_path, marker(bytes))
        .map_err(|e| format!("{}: {e}", marker_path.display()))?;
    Ok((roster, path, false, started.elapsed()))
}
