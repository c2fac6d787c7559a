//! The wire contract's documentation (`docs/wire/`) against the code.
//!
//! Tables that the code can give are generated into the pages: the finding
//! codes with their severities, params and messages; the built-in chains,
//! segments, topics and departments; the allowed values and limits of each
//! record field; the lifecycle's transitions and events; the deadline limits
//! and holiday schedules. A test fails when a committed table differs from
//! what the code gives. Regenerate them after a change of the contract with
//!
//! ```text
//! LIANJIAN_REGENERATE=1 cargo test -p lianjian-tests --test wire_docs
//! ```
//!
//! and review the difference. The hand-written tables are checked too: the
//! record fields against the JSON Schemas, the options against what the
//! bindings accept, the coverage report's fields against a report. The
//! command line's page is checked by `bindings/cli/tests/wire_docs.rs`.

#[path = "wire_docs/blocks.rs"]
mod blocks;
#[path = "wire_docs/catalog.rs"]
mod catalog;
#[path = "wire_docs/codes.rs"]
mod codes;
#[path = "wire_docs/lifecycle.rs"]
mod lifecycle;
#[path = "wire_docs/records.rs"]
mod records;
#[path = "wire_docs/shape.rs"]
mod shape;

use std::collections::BTreeSet;
use std::path::PathBuf;

use blocks::{code_span, prose, section, table_rows};

const REGENERATE: &str = "LIANJIAN_REGENERATE=1 cargo test -p lianjian-tests --test wire_docs";

fn page(name: &str) -> PathBuf {
    blocks::repository(env!("CARGO_MANIFEST_DIR"), 1)
        .join("docs/wire")
        .join(name)
}

fn sync(name: &str, blocks: Vec<(&str, String)>) {
    let blocks: Vec<(String, String)> = blocks
        .into_iter()
        .map(|(n, text)| (n.to_owned(), text))
        .collect();
    blocks::sync(&page(name), REGENERATE, &blocks);
}

#[test]
fn codes_page() {
    sync("codes.md", vec![("codes", codes::block())]);
}

#[test]
fn findings_page() {
    sync("findings.md", vec![("example", codes::example())]);
}

#[test]
fn catalog_page() {
    sync(
        "catalog.md",
        vec![
            ("chains", catalog::chains()),
            ("topics", catalog::topics()),
            ("departments", catalog::departments()),
            ("activity-series", catalog::activity_entries(false)),
            ("activity-kinds", catalog::activity_entries(true)),
        ],
    );
}

#[test]
fn records_page() {
    sync(
        "records.md",
        vec![
            ("enrollment-choices", records::choices("enrollment")),
            ("enrollment-limits", records::limits("enrollment")),
            ("party-org-rules", records::party_org_rules()),
            ("demand-choices", records::choices("demand")),
            ("demand-limits", records::limits("demand")),
            ("attachments", records::attachments()),
        ],
    );
}

#[test]
fn pairings_page() {
    sync("pairings.md", vec![("services", catalog::services())]);
}

#[test]
fn outreach_page() {
    let mut blocks = Vec::new();
    for record in ["programme", "visit", "activity"] {
        blocks.push((format!("{record}-choices"), records::choices(record)));
        blocks.push((format!("{record}-limits"), records::limits(record)));
    }
    let blocks: Vec<(&str, String)> = blocks
        .iter()
        .map(|(n, t)| (n.as_str(), t.clone()))
        .collect();
    sync("outreach.md", blocks);
}

#[test]
fn lifecycle_page() {
    sync(
        "lifecycle.md",
        vec![
            ("states", lifecycle::states()),
            ("transitions", lifecycle::transitions()),
            ("events", lifecycle::events_block()),
        ],
    );
}

#[test]
fn calendar_page() {
    sync(
        "calendar.md",
        vec![
            ("limits", lifecycle::deadline_limits()),
            ("festivals", lifecycle::festivals()),
            ("published", lifecycle::published()),
        ],
    );
}

#[test]
fn headline_page() {
    let mut block = String::from("| figure | seed | name | definition |\n|---|---|---|---|\n");
    for figure in lianjian::headline::figures() {
        for lang in lianjian::Lang::ALL {
            block.push_str(&format!(
                "| `{}` ({lang}) | {} | {} | {} |\n",
                figure.id,
                blocks::cell(&figure.seed),
                blocks::cell(figure.name(lang)),
                blocks::cell(figure.definition(lang)),
            ));
        }
    }
    sync("headline.md", vec![("figures", block)]);
}

/// The activity ledger's columns are those the table of `headline.md`
/// documents, in its order.
#[test]
fn ledger_columns_are_documented() {
    let doc = prose(&blocks::read(&page("headline.md")));
    let documented: Vec<String> = table_rows(section(&doc, "### activities"))
        .iter()
        .filter_map(|row| row.first().cloned())
        .flat_map(|cell| {
            cell.split(", ")
                .filter_map(|part| Some(part.strip_prefix('`')?.strip_suffix('`')?.to_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    let table = lianjian::ledger::activities(
        &lianjian::folder::Loaded::default(),
        lianjian::Lang::ZhCn,
        lianjian::Catalog::yantian(),
    );
    let columns: Vec<&str> = table.columns.iter().map(|c| c.id).collect();
    assert_eq!(documented, columns, "docs/wire/headline.md, ### activities");
}

/// The pairing and centre ledgers' columns are those the tables of
/// `headline.md` document, in their order.
#[test]
fn pairing_and_centre_ledger_columns_are_documented() {
    let doc = prose(&blocks::read(&page("headline.md")));
    let loaded = lianjian::folder::Loaded::default();
    let catalog = lianjian::Catalog::yantian();
    for (heading, table) in [
        (
            "### pairings",
            lianjian::ledger::pairings(&loaded, lianjian::Lang::ZhCn, catalog),
        ),
        (
            "### centres",
            lianjian::ledger::centres(&loaded, lianjian::Lang::ZhCn, catalog),
        ),
    ] {
        let rows = table_rows(section(&doc, heading));
        let documented: Vec<String> = rows
            .iter()
            .filter_map(|row| row.first().cloned())
            .flat_map(|cell| {
                cell.split(", ")
                    .filter_map(|part| Some(part.strip_prefix('`')?.strip_suffix('`')?.to_owned()))
                    .collect::<Vec<_>>()
            })
            .collect();
        let columns: Vec<&str> = table.columns.iter().map(|c| c.id).collect();
        assert_eq!(documented, columns, "docs/wire/headline.md, {heading}");
        let headings: Vec<String> = rows
            .iter()
            .filter_map(|row| row.get(1).cloned())
            .flat_map(|cell| cell.split(", ").map(str::to_owned).collect::<Vec<_>>())
            .collect();
        let expected: Vec<&str> = table.columns.iter().map(|c| c.heading).collect();
        assert_eq!(
            headings, expected,
            "docs/wire/headline.md, {heading}: headings"
        );
    }
}

/// The hand-written field tables of a record's section of a page, as
/// `(path, required cell)`.
fn documented_fields(page_name: &str, heading: &str) -> Vec<(String, String)> {
    let doc = prose(&blocks::read(&page(page_name)));
    table_rows(section(&doc, heading))
        .into_iter()
        .filter_map(|row| {
            let path = code_span(row.first()?)?.to_owned();
            Some((path, row.get(1).cloned().unwrap_or_default()))
        })
        .collect()
}

/// Every field of each record's schema is documented, nothing else is, and
/// "yes" in the required column means required in its object.
#[test]
fn record_fields_are_those_of_the_schemas() {
    for (record, page_name, heading) in [
        ("enrollment", "records.md", "## Enrollment record"),
        ("demand", "records.md", "## Demand record"),
        ("programme", "outreach.md", "## Programme"),
        ("visit", "outreach.md", "## Visit"),
        ("activity", "outreach.md", "## Activity"),
        ("pairing", "pairings.md", "## Pairing record"),
        ("centre", "pairings.md", "## Centre record"),
        ("usage", "pairings.md", "## Usage count"),
    ] {
        let schema = records::documented(record);
        let documented = documented_fields(page_name, heading);
        let in_schema: Vec<String> = schema.iter().map(records::Field::path).collect();
        let in_doc: Vec<String> = documented.iter().map(|(p, _)| p.clone()).collect();
        let missing: Vec<&String> = in_schema.iter().filter(|p| !in_doc.contains(p)).collect();
        let stray: Vec<&String> = in_doc.iter().filter(|p| !in_schema.contains(p)).collect();
        assert!(
            missing.is_empty() && stray.is_empty(),
            "docs/wire/{page_name}, {heading}: undocumented fields {missing:?}, fields no schema has {stray:?}"
        );
        for field in &schema {
            let (_, required) = documented.iter().find(|(p, _)| *p == field.path()).unwrap();
            assert_eq!(
                required.starts_with("yes"),
                field.required,
                "docs/wire/{page_name}: `{}` is {}required in the schema, the page says `{required}`",
                field.path(),
                if field.required { "" } else { "not " },
            );
        }
    }
}

/// The options table names exactly the options every binding accepts.
#[test]
fn options_are_those_the_bindings_accept() {
    let error = lianjian::api::Options::from_json(r#"{"no_such_option": 1}"#).unwrap_err();
    let accepted: BTreeSet<String> = error
        .split_once("expected one of ")
        .map(|(_, list)| list)
        .unwrap_or_default()
        .split(", ")
        .filter_map(|name| name.strip_prefix('`')?.strip_suffix('`'))
        .map(str::to_owned)
        .collect();
    assert!(accepted.contains("lang"), "{error}");
    let doc = prose(&blocks::read(&page("options.md")));
    let documented: BTreeSet<String> = table_rows(section(&doc, "## Fields"))
        .iter()
        .filter_map(|row| code_span(row.first()?).map(str::to_owned))
        .collect();
    // An alias is documented in the text of the option it stands for.
    let aliases: Vec<&String> = accepted.difference(&documented).collect();
    for alias in &aliases {
        assert!(
            doc.contains(&format!("`{alias}`")),
            "docs/wire/options.md: the bindings accept `{alias}`, the page never says so"
        );
    }
    let stray: Vec<&String> = documented.difference(&accepted).collect();
    assert!(
        stray.is_empty(),
        "docs/wire/options.md documents options the bindings refuse: {stray:?}"
    );
    assert!(
        aliases.len() <= 1,
        "more than one option is undocumented in the table: {aliases:?}"
    );
    // Every documented option is accepted with the example value the page gives.
    let example = doc
        .split("```json\n")
        .nth(1)
        .and_then(|rest| rest.split("\n```").next())
        .expect("docs/wire/options.md shows an example in a json block");
    let options = lianjian::api::Options::from_json(example)
        .unwrap_or_else(|e| panic!("the example of docs/wire/options.md is refused: {e}"));
    assert_eq!(options.lang(), lianjian::Lang::En);
    let example: serde_json::Value = serde_json::from_str(example).unwrap();
    let given: BTreeSet<String> = example.as_object().unwrap().keys().cloned().collect();
    assert_eq!(
        given, documented,
        "the example gives every option of the table"
    );
}

/// Every field of the coverage answer the bindings give (`{…report, rejected}`)
/// is documented in `docs/wire/coverage.md`.
#[test]
fn coverage_fields_are_documented() {
    let options = lianjian::api::Options::from_json(r#"{"today": "2026-11-25"}"#).unwrap();
    let roster = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/roster/gaps.jsonl"
    ))
    .unwrap();
    let answer = serde_json::to_value(lianjian::api::coverage_lines(&roster, &options)).unwrap();
    let observed = shape::paths(&answer);
    assert!(observed.contains("gaps.segments_without_party_org[].chain"));
    let (fields, figures) = shape::coverage_fields(&blocks::read(&page("coverage.md")));
    let missing = shape::undocumented(&observed, &fields, &figures);
    assert!(
        missing.is_empty(),
        "docs/wire/coverage.md does not document {missing:?}"
    );
}

/// Every page of `docs/wire/` is linked from its index, and every relative
/// link between them names a page that exists.
#[test]
fn pages_link_to_pages_that_exist() {
    let dir = page("");
    let index = blocks::read(&page("README.md"));
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "README.md" || !name.ends_with(".md") {
            continue;
        }
        assert!(
            index.contains(&format!("]({name})")),
            "docs/wire/README.md does not link {name}"
        );
        let text = blocks::read(&path);
        for target in text
            .split("](")
            .skip(1)
            .filter_map(|rest| rest.split(')').next())
        {
            let file = target.split('#').next().unwrap_or_default();
            if file.is_empty() || file.contains("://") {
                continue;
            }
            assert!(
                dir.join(file).exists(),
                "docs/wire/{name} links {target}, which does not exist"
            );
        }
    }
}
