//! The table of every finding code (`docs/wire/codes.md`): read from the
//! `codes!` declaration (groups, meanings, wire names, severities — checked
//! against `Code::ALL`), the message catalogs, and the parameters findings
//! carry (those the messages quote and those the fixtures show).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use lianjian::findings::builtin_template;
use lianjian::{Code, Lang, Severity};
use lianjian_tests::{
    activity_outcome, batch_outcome, demand_outcome, enrollment_outcome, lifecycle_outcome,
    programme_outcome, visit_outcome,
};
use serde_json::Value;

use super::blocks::cell;

/// The declaration the table is read from.
const DECLARATION: &str = include_str!("../../core/src/findings/code.rs");

struct Declared {
    group: String,
    meaning: String,
    name: String,
    severity: String,
}

/// Reads the `codes!` block: `// --- group ---`, `/// meaning`, and
/// `Variant = "name", Severity;` lines.
fn declared() -> Vec<Declared> {
    let body = DECLARATION
        .split_once("codes! {")
        .map(|(_, rest)| rest)
        .expect("core/src/findings/code.rs declares the codes in `codes! { … }`");
    let mut group = String::new();
    let mut meaning = Vec::new();
    let mut out = Vec::new();
    for line in body.lines().map(str::trim) {
        if line == "}" {
            break;
        }
        if let Some(title) = line.strip_prefix("// ---") {
            let title = title.trim_matches(|c: char| c == '-' || c.is_whitespace());
            let mut chars = title.chars();
            group = chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect())
                .unwrap_or_default();
        } else if let Some(doc) = line.strip_prefix("///") {
            meaning.push(doc.trim().to_owned());
        } else if let Some((_, rest)) = line.split_once(" = \"") {
            let (name, rest) = rest.split_once('"').expect("a quoted wire name");
            let severity = rest
                .trim_start_matches(',')
                .trim()
                .trim_end_matches(';')
                .to_owned();
            out.push(Declared {
                group: group.clone(),
                meaning: meaning.join(" "),
                name: name.to_owned(),
                severity,
            });
            meaning.clear();
        }
    }
    out
}

fn placeholders(template: &str) -> Vec<String> {
    template
        .split('{')
        .skip(1)
        .filter_map(|part| part.split_once('}').map(|(name, _)| name.to_owned()))
        .collect()
}

fn collect(findings: &Value, into: &mut BTreeMap<String, BTreeSet<String>>) {
    for finding in findings.as_array().into_iter().flatten() {
        let Some(code) = finding["code"].as_str() else {
            continue;
        };
        let names = into.entry(code.to_owned()).or_default();
        for name in finding["params"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, _)| k)
        {
            names.insert(name.clone());
        }
    }
}

/// A fixture folder, how its fixtures are checked, and where the findings are.
type Family<'a> = (&'a str, &'a dyn Fn(&str) -> Value, &'a str);

/// The parameters findings carry in the fixtures of every record family,
/// in coverage and in the calendar answers, by code.
pub fn observed_params() -> BTreeMap<String, BTreeSet<String>> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let mut seen = BTreeMap::new();
    let families: [Family; 7] = [
        ("enrollment", &enrollment_outcome, "/report/findings"),
        ("hostile", &enrollment_outcome, "/report/findings"),
        ("demand", &demand_outcome, "/report/findings"),
        ("lifecycle", &lifecycle_outcome, "/findings"),
        ("programme", &programme_outcome, "/report/findings"),
        ("visit", &visit_outcome, "/report/findings"),
        ("activity", &activity_outcome, "/report/findings"),
    ];
    for (family, check, pointer) in families {
        let mut paths: Vec<_> = fs::read_dir(format!("{dir}/{family}"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json"))
            .collect();
        paths.sort();
        for path in paths {
            let outcome = check(&fs::read_to_string(&path).unwrap());
            collect(
                &outcome.pointer(pointer).cloned().unwrap_or_default(),
                &mut seen,
            );
        }
    }
    let mut batches: Vec<_> = fs::read_dir(format!("{dir}/batch"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    batches.sort();
    for path in batches {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let kind = name.split('_').next().unwrap_or_default();
        let lines = batch_outcome(kind, &fs::read_to_string(&path).unwrap());
        for line in lines.as_array().into_iter().flatten() {
            collect(&line["findings"], &mut seen);
        }
    }
    let options = lianjian::api::Options::from_json(r#"{"today": "2026-11-25"}"#).unwrap();
    let roster = fs::read_to_string(format!("{dir}/roster/gaps.jsonl")).unwrap();
    let first = roster.lines().next().unwrap_or_default();
    let coverage = lianjian::api::coverage_lines(&format!("{roster}\n{first}\n"), &options);
    for row in &coverage.rejected {
        collect(&serde_json::to_value(&row.findings).unwrap(), &mut seen);
    }
    let answers = [
        serde_json::to_value(lianjian::api::deadline("petition", "x", &options)).unwrap(),
        serde_json::to_value(lianjian::api::deadline("help", "2026-12-28", &options)).unwrap(),
        serde_json::to_value(lianjian::api::workday("2027-10-01", &options)).unwrap(),
    ];
    for answer in answers {
        collect(&answer["findings"], &mut seen);
    }
    seen
}

fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The `codes` block: one table per group of the declaration.
pub fn block() -> String {
    let declared = declared();
    let names: Vec<&str> = declared.iter().map(|d| d.name.as_str()).collect();
    let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(
        names, all,
        "core/src/findings/code.rs no longer reads as `Variant = \"name\", Severity;` lines"
    );
    let observed = observed_params();
    let errors = Code::ALL
        .iter()
        .filter(|c| c.severity() == Severity::Error)
        .count();
    let mut out = format!(
        "{} codes: {} errors, {} warnings.\n",
        Code::ALL.len(),
        errors,
        Code::ALL.len() - errors
    );
    let mut group = None;
    for (d, &code) in declared.iter().zip(Code::ALL) {
        assert_eq!(
            d.severity,
            format!("{:?}", code.severity()),
            "{}: severity",
            d.name
        );
        if group != Some(&d.group) {
            group = Some(&d.group);
            out.push_str(&format!(
                "\n### {}\n\n| code | severity | params | meaning | zh-CN | en |\n|---|---|---|---|---|---|\n",
                d.group
            ));
        }
        let zh = builtin_template(Lang::ZhCn, code).expect("every code has a zh-CN message");
        let en = builtin_template(Lang::En, code).expect("every code has an en message");
        let mut params: BTreeSet<String> = placeholders(zh).into_iter().collect();
        params.extend(placeholders(en));
        params.extend(observed.get(code.as_str()).cloned().unwrap_or_default());
        let params = if params.is_empty() {
            "—".to_owned()
        } else {
            params
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        out.push_str(&format!(
            "| `{}` | {} | {} | {} | {} | {} |\n",
            code.as_str(),
            severity_name(code.severity()),
            params,
            cell(&d.meaning),
            cell(zh),
            cell(en)
        ));
    }
    out
}

/// The `example` block of `docs/wire/findings.md`: an enrollment with a
/// mistyped code and a segment given twice, answered in both languages.
pub fn example() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let text = fs::read_to_string(format!("{dir}/enrollment/valid_own_branch.json")).unwrap();
    let mut record: Value = serde_json::from_str(&text).unwrap();
    record["enterprise"]["uscc"] = "91440300MA5FUTN419".into();
    record["segments"] = serde_json::json!(["manufacturing", "retail_wholesale", "manufacturing"]);
    let mut out = String::new();
    for lang in ["en", "zh-CN"] {
        let options_json = format!(r#"{{"lang": "{lang}", "today": "2026-11-25"}}"#);
        let options = lianjian::api::Options::from_json(&options_json).unwrap();
        let answer = lianjian::api::enrollment(&record.to_string(), &options);
        // Printed from the answer itself, so that members keep their order.
        out.push_str(&format!(
            "With the options `{options_json}`:\n\n```json\n{}\n```\n\n",
            serde_json::to_string_pretty(&answer).unwrap()
        ));
    }
    out
}
