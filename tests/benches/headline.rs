//! The headline report at scale, printed, never asserted.
//!
//! A district folder of 10,000 enterprises, 50,000 demands (each with its
//! lifecycle events) and 5,000 activities (1,000, 5,000 and 500 with
//! `LIANJIAN_BENCH_QUICK=1`), generated deterministically from the demo
//! district (`examples/district/`): its valid roster, demand and activity
//! rows are copied with the enterprises' codes and names, their Party
//! organizations' names, the demands' ids and the activities' ids renamed
//! per copy, so every generated row passes the same rules the demo's rows
//! pass and the cases keep their shapes (resolved, reopened, collected,
//! relending lines, matchmakings…); the copied activities meet at an
//! address of their own, as two activities may not overlap in a room.
//! Copy 0 keeps the demo's own codes, so the demo's programme, visits,
//! centres, pairings and usage counts stay valid and are read as they are.
//!
//! Measured, best and median of a few runs after a warm-up:
//!
//! - **end to end**: [`lianjian::api::headline`] from the files' texts (every
//!   row checked, the figures counted, the answer serialised as JSON);
//! - **load**: the rows checked and read ([`lianjian::api::load`]) alone;
//! - **tally**: the figures and lists counted from the rows already read,
//!   on one thread and on N threads (slices counted apart, then merged).
//!
//! `cargo bench -p lianjian-tests --bench headline`.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::hint::black_box;
use std::thread;
use std::time::Instant;

use chrono::NaiveDate;
use lianjian::api::{self, Options, Query};
use lianjian::folder::{FileName, Folder, Loaded};
use lianjian::headline::district::{
    activity_fact, demand_fact, enrollment_fact, pairing_fact, programme_scope, visit_fact,
};
use lianjian::headline::{Scope, Tally};
use lianjian::ident::uscc;
use serde_json::{json, Value};

/// The demo district's files.
const DEMO: [(FileName, &str); 8] = [
    (
        FileName::Roster,
        include_str!("../../examples/district/roster.jsonl"),
    ),
    (
        FileName::Programme,
        include_str!("../../examples/district/programme.json"),
    ),
    (
        FileName::Demands,
        include_str!("../../examples/district/demands.jsonl"),
    ),
    (
        FileName::Visits,
        include_str!("../../examples/district/visits.jsonl"),
    ),
    (
        FileName::Activities,
        include_str!("../../examples/district/activities.jsonl"),
    ),
    (
        FileName::Centres,
        include_str!("../../examples/district/centres.jsonl"),
    ),
    (
        FileName::Pairings,
        include_str!("../../examples/district/pairings.jsonl"),
    ),
    (
        FileName::Usage,
        include_str!("../../examples/district/usage.jsonl"),
    ),
];

const FROM: &str = "2026-01-01";
const TO: &str = "2026-12-31";

/// The sizes of one run.
struct Sizes {
    quick: bool,
    enterprises: usize,
    demands: usize,
    activities: usize,
    /// Timed repetitions of each measurement (after one warm-up).
    reps: usize,
}

impl Sizes {
    fn from_env() -> Sizes {
        let quick = std::env::var("LIANJIAN_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0");
        if quick {
            Sizes {
                quick,
                enterprises: 1_000,
                demands: 5_000,
                activities: 500,
                reps: 2,
            }
        } else {
            Sizes {
                quick,
                enterprises: 10_000,
                demands: 50_000,
                activities: 5_000,
                reps: 3,
            }
        }
    }
}

/// Best and median of `reps` timed runs of `pass`, after one warm-up.
fn time_reps<T>(reps: usize, mut pass: impl FnMut() -> T) -> (f64, f64) {
    black_box(pass());
    let mut seconds: Vec<f64> = (0..reps.max(1))
        .map(|_| {
            let started = Instant::now();
            black_box(pass());
            started.elapsed().as_secs_f64()
        })
        .collect();
    seconds.sort_by(f64::total_cmp);
    (seconds[0], seconds[seconds.len() / 2])
}

fn show((best, median): (f64, f64)) -> String {
    format!("{} [median {}]", ms(best), ms(median))
}

fn ms(seconds: f64) -> String {
    if seconds >= 1.0 {
        format!("{seconds:.2} s")
    } else {
        format!("{:.1} ms", seconds * 1e3)
    }
}

fn options() -> Options {
    Options::from_json(r#"{"today": "2026-12-31"}"#).unwrap_or_default()
}

fn query() -> Query<'static> {
    Query {
        from: FROM,
        to: TO,
        as_of: None,
    }
}

// ---------------------------------------------------------------------------
// The generated district
// ---------------------------------------------------------------------------

/// The generated folder's files.
struct District {
    files: BTreeMap<FileName, String>,
    enterprises: usize,
}

impl District {
    fn folder(&self) -> Folder<'_> {
        let mut folder = Folder::default();
        for (file, text) in &self.files {
            folder.set(*file, text);
        }
        folder
    }
}

/// The demo's valid rows of a file (the broken ones left out), parsed.
fn valid_rows(text: &str, lines: &HashSet<usize>) -> Vec<Value> {
    text.lines()
        .enumerate()
        .filter(|(i, _)| lines.contains(&(i + 1)))
        .filter_map(|(_, line)| serde_json::from_str(line).ok())
        .collect()
}

/// Enterprise `n`'s code: 91440300, the organization code `MB` + six
/// characters of `n` in base 31 + its check, the final check.
fn generated_uscc(n: usize) -> String {
    const ORG: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut code = b"91440300MB".to_vec();
    let mut x = n;
    for _ in 0..6 {
        code.push(ORG[x % 31]);
        x /= 31;
    }
    code.push(uscc::org_code_check_character(&code[8..16]).unwrap_or(b'0'));
    code.push(uscc::check_character(&code).unwrap_or(b'0'));
    String::from_utf8(code).unwrap_or_default()
}

/// Every string equal to a key of `names` replaced by its value, recursively.
fn rename(value: &mut Value, names: &HashMap<String, String>) {
    match value {
        Value::String(text) => {
            if let Some(new) = names.get(text.as_str()) {
                text.clone_from(new);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| rename(v, names)),
        Value::Object(members) => members.values_mut().for_each(|v| rename(v, names)),
        _ => {}
    }
}

fn generate(sizes: &Sizes) -> District {
    let demo = {
        let mut folder = Folder::default();
        for (file, text) in DEMO {
            folder.set(file, text);
        }
        folder
    };
    let loaded =
        api::load(&demo, NaiveDate::from_ymd_opt(2026, 12, 31), &options()).unwrap_or_default();
    let lines = |rows: Vec<usize>| rows.into_iter().collect::<HashSet<usize>>();
    let text = |file: FileName| demo.get(file).unwrap_or_default();
    let roster = valid_rows(
        text(FileName::Roster),
        &lines(loaded.enrollments.iter().map(|r| r.line).collect()),
    );
    let demands = valid_rows(
        text(FileName::Demands),
        &lines(loaded.demands.iter().map(|r| r.line).collect()),
    );
    let activities = valid_rows(
        text(FileName::Activities),
        &lines(loaded.activities.iter().map(|r| r.line).collect()),
    );
    // The demo's enterprises (code → name) in roster order, and the names
    // of their Party organizations.
    let mut demo_enterprises: Vec<(String, String)> = Vec::new();
    let mut party_orgs: Vec<String> = Vec::new();
    for row in &loaded.enrollments {
        let e = &row.record.enterprise;
        if !demo_enterprises.iter().any(|(code, _)| *code == e.uscc) {
            demo_enterprises.push((e.uscc.clone(), e.name.clone()));
        }
        if let Some(name) = row.record.party_org.as_ref().and_then(|o| o.name.clone()) {
            party_orgs.push(name);
        }
    }
    let per_copy = demo_enterprises.len().max(1);
    let copies = sizes.enterprises.div_ceil(per_copy);
    // Copy j of the demo's enterprises: codes and names (copy 0: the demo's own).
    let enterprise_names = |j: usize| -> HashMap<String, String> {
        if j == 0 {
            return HashMap::new();
        }
        demo_enterprises
            .iter()
            .enumerate()
            .flat_map(|(i, (code, name))| {
                [
                    (code.clone(), generated_uscc(j * per_copy + i)),
                    (
                        name.clone(),
                        name.replacen("示例", &format!("示例{j}号"), 1),
                    ),
                ]
            })
            .chain(party_orgs.iter().map(|name| {
                (
                    name.clone(),
                    name.replacen("示例", &format!("示例{j}号"), 1),
                )
            }))
            .collect()
    };
    let ids = |j: usize, rows: &[Value]| -> Vec<(String, String)> {
        rows.iter()
            .filter_map(|row| row["id"].as_str())
            .map(|id| (id.to_owned(), format!("{id}-{j}")))
            .collect()
    };

    let mut files = BTreeMap::new();
    // The roster: copies of the demo's rows until the enterprises are there.
    let mut out = String::new();
    let mut seen: HashSet<String> = HashSet::new();
    for j in 0..copies {
        let names = enterprise_names(j);
        for row in &roster {
            let mut row = row.clone();
            rename(&mut row, &names);
            let code = row["enterprise"]["uscc"].as_str().unwrap_or_default();
            if !seen.contains(code) && seen.len() >= sizes.enterprises {
                continue;
            }
            seen.insert(code.to_owned());
            out.push_str(&row.to_string());
            out.push('\n');
        }
    }
    files.insert(FileName::Roster, out);
    // Demands and activities: copy j names the enterprises of copy j modulo
    // the complete copies, and renames the demands' and activities' ids.
    let complete = (sizes.enterprises / per_copy).max(1);
    let mut scaled = |file: FileName, rows: &[Value], count: usize| {
        let mut out = String::new();
        let mut names = HashMap::new();
        for k in 0..count {
            let (j, t) = (k / rows.len(), k % rows.len());
            if t == 0 {
                names = enterprise_names(j % complete);
                if j > 0 {
                    names.extend(ids(j, &demands));
                    names.extend(ids(j, &activities));
                }
            }
            let mut row = rows[t].clone();
            rename(&mut row, &names);
            if j > 0 && row["venue"].get("room").is_some() {
                // Two activities may not overlap in a room: the copies meet
                // at an address of their own.
                row["venue"] = json!({ "address": format!("深圳市盐田区示例路{j}号") });
            }
            out.push_str(&row.to_string());
            out.push('\n');
        }
        files.insert(file, out);
    };
    scaled(FileName::Demands, &demands, sizes.demands);
    scaled(FileName::Activities, &activities, sizes.activities);
    for file in [
        FileName::Programme,
        FileName::Visits,
        FileName::Centres,
        FileName::Pairings,
        FileName::Usage,
    ] {
        files.insert(file, text(file).to_owned());
    }
    District {
        files,
        enterprises: seen.len(),
    }
}

// ---------------------------------------------------------------------------
// Tallies
// ---------------------------------------------------------------------------

fn scope(loaded: &Loaded) -> Scope {
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_default();
    Scope {
        from: day(FROM),
        to: day(TO),
        as_of: day(TO),
        programme: loaded.programme.as_ref().map(programme_scope),
    }
}

/// Slice `k` of `n` of every kind of row counted into one tally.
fn tally_slice(loaded: &Loaded, scope: &Scope, k: usize, n: usize) -> Tally {
    let mut tally = Tally::new(scope.clone());
    let part = |len: usize| (len * k / n)..(len * (k + 1) / n);
    for row in &loaded.enrollments[part(loaded.enrollments.len())] {
        tally.add_enrollment(&enrollment_fact(&row.record, row.line));
    }
    for row in &loaded.demands[part(loaded.demands.len())] {
        tally.add_demand(&demand_fact(&row.record));
    }
    for row in &loaded.visits[part(loaded.visits.len())] {
        tally.add_visit(&visit_fact(&row.record));
    }
    for row in &loaded.activities[part(loaded.activities.len())] {
        tally.add_activity(&activity_fact(&row.record));
    }
    for row in &loaded.pairings[part(loaded.pairings.len())] {
        tally.add_pairing(&pairing_fact(&row.record, scope.as_of));
    }
    tally
}

/// The tally of `n` slices counted on `n` threads, then merged.
fn tally_threads(loaded: &Loaded, scope: &Scope, n: usize) -> Tally {
    let parts: Vec<Tally> = thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .map(|k| s.spawn(move || tally_slice(loaded, scope, k, n)))
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok()).collect()
    });
    let mut whole = Tally::new(scope.clone());
    for part in parts {
        // Same scope by construction.
        let _ = whole.merge(part);
    }
    whole
}

fn main() {
    let sizes = Sizes::from_env();
    let threads = thread::available_parallelism().map_or(1, |n| n.get());
    println!("lianjian headline benchmark");
    println!(
        "machine: {threads} cores available; mode: {}",
        if sizes.quick { "quick" } else { "full" }
    );

    let started = Instant::now();
    let district = generate(&sizes);
    let bytes: usize = district.files.values().map(String::len).sum();
    println!(
        "district: {} enterprises, {} demands, {} activities ({:.1} MB of text) generated in {}",
        district.enterprises,
        sizes.demands,
        sizes.activities,
        bytes as f64 / 1e6,
        ms(started.elapsed().as_secs_f64())
    );

    let folder = district.folder();
    let options = options();
    let query = query();
    let answer = api::headline(&folder, &query, &options);
    let left_out: usize = answer.files.values().map(|c| c.left_out).sum();
    println!(
        "rows: {}; left out: {left_out} ({} findings)",
        answer.files.values().map(|c| c.rows).sum::<usize>(),
        answer.findings.len()
    );
    let mut by_code: BTreeMap<String, usize> = BTreeMap::new();
    for found in &answer.findings {
        let file = found.file.map_or("", FileName::as_str);
        let code = serde_json::to_value(found.finding.code).unwrap_or_default();
        *by_code
            .entry(format!("{file} {}", code.as_str().unwrap_or_default()))
            .or_default() += 1;
    }
    for (code, n) in &by_code {
        println!("  {code}: {n}");
    }
    if let Some(figures) = answer
        .figures
        .as_ref()
        .and_then(|f| serde_json::to_value(f).ok())
    {
        for (id, figure) in figures.as_object().into_iter().flatten() {
            println!("  {id}: {figure}");
        }
    }

    let end_to_end = time_reps(sizes.reps, || {
        let answer = api::headline(&folder, &query, &options);
        serde_json::to_string(&answer).map(|json| json.len())
    });
    println!("end to end (texts → JSON answer): {}", show(end_to_end));

    let until = NaiveDate::from_ymd_opt(2026, 12, 31);
    let load = time_reps(sizes.reps, || api::load(&folder, until, &options));
    println!("  load (every row checked): {}", show(load));

    let Ok(loaded) = api::load(&folder, until, &options) else {
        println!("the folder could not be read");
        return;
    };
    let scope = scope(&loaded);
    let one = time_reps(sizes.reps, || tally_slice(&loaded, &scope, 0, 1).report());
    println!("  tally and report, 1 thread: {}", show(one));
    let many = time_reps(sizes.reps, || {
        tally_threads(&loaded, &scope, threads).report()
    });
    let same = tally_threads(&loaded, &scope, threads) == tally_slice(&loaded, &scope, 0, 1);
    println!(
        "  tally and report, {threads} slices on {threads} threads, merged: {} (same tally: {})",
        show(many),
        if same { "yes" } else { "NO" }
    );
}
