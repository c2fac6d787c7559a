//! The fields of a JSON answer and the fields a page documents, compared.
//! Shared by the tests of the `tests` crate and of the command line.

use std::collections::BTreeSet;

use serde_json::Value;

use super::blocks::{code_span, prose, section, table_rows};

/// Members whose content another page describes: names in each language,
/// and findings.
const OPAQUE: [&str; 2] = ["name", "findings"];

/// Every member path of a JSON value (`chains[].segments[].members`),
/// through objects and lists of objects.
pub fn paths(value: &Value) -> BTreeSet<String> {
    fn walk(value: &Value, prefix: &str, out: &mut BTreeSet<String>) {
        match value {
            Value::Object(map) => {
                for (key, member) in map {
                    let path = if prefix.is_empty() {
                        key.clone()
                    } else {
                        format!("{prefix}.{key}")
                    };
                    out.insert(path.clone());
                    if !OPAQUE.contains(&key.as_str()) {
                        walk(member, &path, out);
                    }
                }
            }
            Value::Array(items) => {
                for item in items.iter().filter(|i| i.is_object()) {
                    walk(item, &format!("{prefix}[]"), out);
                }
            }
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    walk(value, "", &mut out);
    out
}

/// The levels whose members are the figures of the coverage report.
pub const FIGURE_LEVELS: [&str; 3] = ["chains[].segments[].", "chains[].", "totals."];

/// The field paths of the coverage page's tables: every field but the
/// figures, and the figures (the table under `### Figures`).
pub fn coverage_fields(doc: &str) -> (BTreeSet<String>, BTreeSet<String>) {
    let text = prose(doc);
    let first_cells = |text: &str| -> BTreeSet<String> {
        table_rows(text)
            .iter()
            .filter_map(|row| row.first().and_then(|c| code_span(c)).map(str::to_owned))
            .collect()
    };
    let figures = first_cells(section(&text, "### Figures"));
    let all = first_cells(&text);
    (all.difference(&figures).cloned().collect(), figures)
}

/// The observed paths neither documented nor a figure at one of its levels.
pub fn undocumented(
    observed: &BTreeSet<String>,
    fields: &BTreeSet<String>,
    figures: &BTreeSet<String>,
) -> Vec<String> {
    observed
        .iter()
        .filter(|path| {
            !fields.contains(*path)
                && !FIGURE_LEVELS.iter().any(|level| {
                    path.strip_prefix(level)
                        .is_some_and(|rest| figures.contains(rest))
                })
        })
        .cloned()
        .collect()
}
