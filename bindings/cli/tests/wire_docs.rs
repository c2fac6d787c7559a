//! The command line's page of the wire documentation (`docs/wire/cli.md`)
//! against the binary: the help of every command is generated into it; every
//! command has its section and no section names a command that does not
//! exist; every flag is explained and no explained flag is unknown; the JSON
//! each command answers has the members the page names; the examples print
//! what the page shows. The coverage report's fields (`docs/wire/coverage.md`)
//! are checked against the report of several rosters, and the parameters of
//! findings only the command line gives against `docs/wire/`.
//!
//! Regenerate the help after changing a command:
//!
//! ```text
//! LIANJIAN_REGENERATE=1 cargo test -p lianjian-cli --test wire_docs
//! ```

// Shared with the `tests` crate, which uses all of it.
#[allow(dead_code)]
#[path = "../../../tests/wire_docs/blocks.rs"]
mod blocks;
#[path = "../../../tests/wire_docs/shape.rs"]
mod shape;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;

const REGENERATE: &str = "LIANJIAN_REGENERATE=1 cargo test -p lianjian-cli --test wire_docs";

/// A directory of its own for each caller, removed by the caller.
fn scratch() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("lianjian-wire-docs-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn root() -> PathBuf {
    blocks::repository(env!("CARGO_MANIFEST_DIR"), 2)
}

fn page(name: &str) -> PathBuf {
    root().join("docs/wire").join(name)
}

/// Runs `lianjian` in the repository root; `(exit code, stdout, stderr)`.
fn lianjian(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lianjian"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn help(path: &[String]) -> String {
    let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
    args.push("--help");
    let (code, out, err) = lianjian(&args);
    assert_eq!(code, Some(0), "lianjian {args:?}: {err}");
    out
}

/// The subcommands a help text lists (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.split("\nCommands:\n")
        .nth(1)
        .map(|rest| {
            rest.lines()
                .take_while(|l| !l.trim().is_empty())
                .filter_map(|l| l.split_whitespace().next())
                .filter(|name| *name != "help")
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default()
}

/// Every command path with its help, `lianjian` itself first.
fn commands() -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut queue = vec![Vec::new()];
    while let Some(path) = queue.pop() {
        let text = help(&path);
        for sub in subcommands(&text).into_iter().rev() {
            let mut next = path.clone();
            next.push(sub);
            queue.push(next);
        }
        out.push((path, text));
    }
    out
}

/// The long flags a help text defines (`--lang`): the first words of its
/// option lines (`-h, --help`, `--lang <LANG>`).
fn flags(help: &str) -> BTreeSet<String> {
    help.lines()
        .map(str::trim_start)
        .filter(|l| l.starts_with('-'))
        .flat_map(|l| {
            l.split_whitespace()
                .map(|w| w.trim_end_matches(','))
                .take_while(|w| w.starts_with('-'))
                .filter(|w| w.starts_with("--"))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The flags the text of a page explains: code spans that begin with one
/// (`--lang zh-CN|en`).
fn explained(prose: &str) -> BTreeSet<String> {
    prose
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| span.starts_with("--"))
        .filter_map(|span| span.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

fn block_name(path: &[String]) -> String {
    std::iter::once("help".to_owned())
        .chain(path.iter().cloned())
        .collect::<Vec<_>>()
        .join("-")
}

#[test]
fn the_help_of_every_command_is_on_the_page() {
    let blocks: Vec<(String, String)> = commands()
        .into_iter()
        .map(|(path, text)| {
            (
                block_name(&path),
                format!("```text\n{}\n```\n", text.trim_end()),
            )
        })
        .collect();
    blocks::sync(&page("cli.md"), REGENERATE, &blocks);
}

#[test]
fn every_command_has_a_section_and_every_section_a_command() {
    let prose = blocks::prose(&blocks::read(&page("cli.md")));
    let commands: BTreeSet<String> = commands()
        .into_iter()
        .map(|(path, _)| {
            std::iter::once("lianjian".to_owned())
                .chain(path)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let sections: BTreeSet<String> = prose
        .lines()
        .filter(|l| l.starts_with('#'))
        .map(|l| l.trim_start_matches('#').trim())
        .filter(|h| *h == "lianjian" || h.starts_with("lianjian "))
        .map(str::to_owned)
        .collect();
    assert_eq!(
        sections, commands,
        "docs/wire/cli.md: one `## lianjian …` section per command, named exactly"
    );
}

#[test]
fn every_flag_is_explained_and_every_explained_flag_exists() {
    let prose = blocks::prose(&blocks::read(&page("cli.md")));
    let known: BTreeSet<String> = commands()
        .iter()
        .flat_map(|(_, text)| flags(text))
        .collect();
    let mentioned = explained(&prose);
    let unexplained: Vec<&String> = known.difference(&mentioned).collect();
    let unknown: Vec<&String> = mentioned.difference(&known).collect();
    assert!(
        unexplained.is_empty() && unknown.is_empty(),
        "docs/wire/cli.md: flags the text does not explain: {unexplained:?}; flags no command has: {unknown:?}"
    );
}

/// The names of a JSON object's members, in the order written.
struct Names(Vec<String>);

impl<'de> serde::Deserialize<'de> for Names {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = Names;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Names, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = map.next_key::<String>()? {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    names.push(name);
                }
                Ok(Names(names))
            }
        }
        deserializer.deserialize_map(Visitor)
    }
}

/// `{"a", "b"}`: the members of a JSON object as the page writes them.
fn members(text: &str) -> String {
    let Names(names) = serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"));
    let names: Vec<String> = names.iter().map(|k| format!("\"{k}\"")).collect();
    format!("{{{}}}", names.join(", "))
}

/// The members of each command's JSON answer, in order, are written on the page.
#[test]
fn the_page_names_the_members_of_every_answer() {
    let prose = blocks::prose(&blocks::read(&page("cli.md")));
    let enrollment = std::fs::read_to_string(root().join("examples/data/roster.jsonl")).unwrap();
    let enrollment = enrollment.lines().next().unwrap().to_owned();
    let demand = std::fs::read_to_string(root().join("examples/data/demands.jsonl")).unwrap();
    let demand = demand.lines().next().unwrap().to_owned();
    let scratch = scratch();
    let (one_enrollment, one_demand) = (scratch.join("e.jsonl"), scratch.join("d.jsonl"));
    std::fs::write(&one_enrollment, format!("{enrollment}\n")).unwrap();
    std::fs::write(&one_demand, format!("{demand}\n")).unwrap();
    let e = one_enrollment.to_string_lossy().into_owned();
    let d = one_demand.to_string_lossy().into_owned();
    let runs: Vec<Vec<&str>> = vec![
        vec!["uscc", "91440300MA5FUTN418"],
        vec!["validate", "enrollment", &e, "--today", "2026-11-25"],
        vec!["validate", "demand", &d, "--today", "2026-11-25"],
        vec!["classify", "保税区通道开放时间"],
        vec!["deadline", "--kind", "help", "--from", "2026-11-25"],
        vec!["workday", "2026-10-10"],
    ];
    for args in runs {
        let (_, out, err) = lianjian(&args);
        let line = out
            .lines()
            .next()
            .unwrap_or_else(|| panic!("{args:?}: {err}"));
        let shape = members(line);
        assert!(
            prose.contains(&format!("`{shape}`")),
            "docs/wire/cli.md does not give the answer of `lianjian {}` as `{shape}`",
            args.join(" ")
        );
    }
    let (_, out, _) = lianjian(&["coverage", &e, "--today", "2026-11-25"]);
    let shape = members(&out);
    assert!(
        prose.contains(&format!("`{shape}`")),
        "docs/wire/cli.md does not give the coverage answer as `{shape}`"
    );
    std::fs::remove_dir_all(&scratch).unwrap();
}

/// Splits a command line as the page writes it: words, and "double quoted" words.
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            ' ' if !quoted => {
                if any {
                    out.push(std::mem::take(&mut word));
                    any = false;
                }
            }
            _ => {
                word.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(word);
    }
    out
}

/// Every `$ lianjian …` example of the page prints what the page shows (a
/// last line `…` stands for more lines).
#[test]
fn the_examples_print_what_the_page_shows() {
    let doc = blocks::read(&page("cli.md"));
    let mut examples = 0;
    for block in doc.split("```console\n").skip(1) {
        let block = block.split("\n```").next().unwrap_or_default();
        let mut lines = block.lines().peekable();
        while let Some(line) = lines.next() {
            let command = line
                .strip_prefix("$ lianjian ")
                .unwrap_or_else(|| panic!("docs/wire/cli.md: `{line}` is not a `$ lianjian` line"));
            let mut expected = Vec::new();
            while let Some(next) = lines.peek().filter(|l| !l.starts_with("$ ")) {
                expected.push(next.to_owned());
                lines.next();
            }
            let args = words(command);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (_, out, err) = lianjian(&args);
            let printed: Vec<&str> = out.lines().collect();
            let (expected, prefix) = match expected.last() {
                Some(&"…") => (&expected[..expected.len() - 1], true),
                _ => (&expected[..], false),
            };
            let compared = if prefix {
                &printed[..expected.len().min(printed.len())]
            } else {
                &printed[..]
            };
            assert_eq!(
                compared, expected,
                "docs/wire/cli.md: `lianjian {command}` prints otherwise ({err})"
            );
            examples += 1;
        }
    }
    assert!(examples >= 4, "only {examples} examples");
}

fn json(args: &[&str]) -> Value {
    let (code, out, err) = lianjian(args);
    assert_eq!(code, Some(0), "lianjian {args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

fn fixture(name: &str) -> String {
    root()
        .join("tests/fixtures/roster")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// Reports of rosters of every kind: JSON lines, CSV, a workbook, and a CSV
/// file with a row that cannot be read.
fn reports() -> Vec<Value> {
    let scratch = scratch();
    let mut bytes = std::fs::read(fixture("chinese_headers.csv")).unwrap();
    bytes.extend_from_slice("11,深圳市坏字节企业有限公司,91440300MA5R000519,企业,".as_bytes());
    bytes.extend_from_slice(b"\xff\xfe,100,\r\n");
    let broken = scratch.join("broken.csv");
    std::fs::write(&broken, bytes).unwrap();
    let broken = broken.to_string_lossy().into_owned();
    let today = ["--today", "2026-11-25"];
    let reports: Vec<Value> = [
        fixture("gaps.jsonl"),
        fixture("semicolon.csv"),
        fixture("merged_headers.xlsx"),
        broken,
    ]
    .iter()
    .map(|roster| json(&[&["coverage", roster.as_str()][..], &today].concat()))
    .collect();
    std::fs::remove_dir_all(&scratch).unwrap();
    reports
}

/// `docs/wire/coverage.md` documents every member the command line's report
/// has, and nothing it never has.
#[test]
fn the_coverage_page_documents_the_report() {
    let reports = reports();
    let observed: BTreeSet<String> = reports.iter().flat_map(shape::paths).collect();
    let (fields, figures) = shape::coverage_fields(&blocks::read(&page("coverage.md")));
    let missing = shape::undocumented(&observed, &fields, &figures);
    assert!(
        missing.is_empty(),
        "docs/wire/coverage.md does not document {missing:?}"
    );
    let stale: Vec<&String> = fields.iter().filter(|f| !observed.contains(*f)).collect();
    let stale_figures: Vec<&String> = figures
        .iter()
        .filter(|f| {
            !shape::FIGURE_LEVELS
                .iter()
                .all(|level| observed.contains(&format!("{level}{f}")))
        })
        .collect();
    assert!(
        stale.is_empty() && stale_figures.is_empty(),
        "docs/wire/coverage.md documents members no report has: {stale:?} {stale_figures:?}"
    );
}

/// The parameters of the findings the command line gives are documented:
/// in the code's row of `docs/wire/codes.md`, or beside the code in the text
/// of a page (for parameters only the command line adds).
#[test]
fn parameters_of_command_line_findings_are_documented() {
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for report in reports() {
        for key in ["rejected", "warnings"] {
            for row in report[key].as_array().into_iter().flatten() {
                for finding in row["findings"].as_array().into_iter().flatten() {
                    let code = finding["code"].as_str().unwrap().to_owned();
                    let params = finding["params"].as_object().unwrap();
                    seen.entry(code).or_default().extend(params.keys().cloned());
                }
            }
        }
    }
    assert!(seen.contains_key("row_malformed"), "{seen:?}");
    let codes = blocks::read(&page("codes.md"));
    let pages: Vec<String> = std::fs::read_dir(page(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p: &PathBuf| p.extension().is_some_and(|e| e == "md"))
        .map(|p| blocks::prose(&blocks::read(Path::new(&p))))
        .collect();
    let mut undocumented = Vec::new();
    for (code, params) in &seen {
        let row = codes
            .lines()
            .find(|l| l.starts_with(&format!("| `{code}` |")))
            .unwrap_or_else(|| panic!("docs/wire/codes.md has no row for `{code}`"));
        let params_cell = row.split(" | ").nth(2).unwrap_or_default();
        for param in params {
            let in_table = params_cell.contains(&format!("`{param}`"));
            let beside = pages.iter().any(|text| {
                text.split("\n\n").any(|paragraph| {
                    paragraph.contains(&format!("`{code}`"))
                        && paragraph.contains(&format!("`{param}`"))
                })
            });
            if !in_table && !beside {
                undocumented.push(format!("{code}.{param}"));
            }
        }
    }
    assert!(
        undocumented.is_empty(),
        "parameters docs/wire/ does not name: {undocumented:?}"
    );
}
