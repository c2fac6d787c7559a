//! Demand benchmark: classifications per second over the labelled demand set
//! (with the learned model, as every binding classifies, and with the
//! dictionary's terms alone), the model's size and its share of what a page
//! with the demand form downloads, and demand validations per second from
//! JSON lines. Prints figures and asserts nothing. `LIANJIAN_BENCH_QUICK=1`
//! runs a short pass.

use std::hint::black_box;
use std::time::{Duration, Instant};

use lianjian::demand::{check_demand_json, Dictionary, Model, RepeatCheck};
use lianjian::Context;
use lianjian_tests::{catalog, fixture_today, synthetic_uscc, Rng};
use serde_json::{json, Value};

/// Runs `work` repeatedly for at least `min` and returns the best rate of 3 samples.
fn rate(items: usize, min: Duration, mut work: impl FnMut()) -> f64 {
    work(); // warm-up
    let mut best = 0.0f64;
    for _ in 0..3 {
        let started = Instant::now();
        let mut rounds = 0;
        while started.elapsed() < min {
            work();
            rounds += 1;
        }
        best = best.max((items * rounds) as f64 / started.elapsed().as_secs_f64());
    }
    best
}

fn main() {
    let quick = std::env::var_os("LIANJIAN_BENCH_QUICK").is_some();
    let min = Duration::from_millis(if quick { 30 } else { 400 });
    let read = |text: &str| -> Vec<Value> {
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .filter_map(|l| serde_json::from_str(l).ok())
            .collect()
    };
    // Demands written for tuning (valid records, validated below) and as
    // enterprises write them (terse ones are not valid records: classified only).
    let set = read(include_str!("../fixtures/demands/devset.jsonl"));
    let as_written = read(include_str!("../fixtures/demands/as-written.jsonl"));
    let texts: Vec<(String, String)> = set
        .iter()
        .chain(&as_written)
        .map(|v| {
            (
                v["title"].as_str().unwrap_or("").to_owned(),
                v["description"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    let chars: usize = texts
        .iter()
        .map(|(t, d)| t.chars().count() + d.chars().count())
        .sum();

    println!("lianjian demand benchmark (single-threaded)");
    println!(
        "machine: {} cores available; mode: {}",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        if quick { "quick" } else { "full" }
    );

    println!(
        "\nclassify ({} labelled demands, {:.0} characters on average)",
        texts.len(),
        chars as f64 / texts.len() as f64
    );
    let classifiers = [
        (
            "with the learned model",
            Dictionary::builtin_classifier().clone(),
        ),
        ("dictionary terms alone", Dictionary::builtin().classifier()),
    ];
    for (label, classifier) in &classifiers {
        let per_second = rate(texts.len(), min, || {
            for (title, description) in &texts {
                black_box(classifier.classify(black_box(title), black_box(description)));
            }
        });
        println!(
            "  {label:<24} {per_second:>10.0} classifications/s  ({:.1} µs each)",
            1e6 / per_second
        );
    }
    let started = Instant::now();
    let _ = Dictionary::builtin().classifier();
    println!(
        "  building the classifier index: {:.2} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    model_size();
    // Valid demand records around the labelled texts, one JSON line each.
    let mut rng = Rng::new(20261125);
    let lines: Vec<String> = set
        .iter()
        .map(|v| {
            json!({
                "enterprise_uscc": synthetic_uscc(&mut rng, false),
                "enterprise_name": "深圳市示例企业有限公司",
                "chain": v["chain"], "kind": v["kind"], "topic": v["topic"],
                "title": v["title"], "description": v["description"], "urgency": "normal",
                "contact": {"name": "联系人", "phone": "13900139000", "email": "ops@example.com"},
                "attachments": [{"name": "材料.pdf", "size_bytes": 204800, "mime": "application/pdf"}],
                "declarations": {"not_in_litigation": true, "no_secrets": true},
                "submitted_at": "2026-11-25T10:00:00+08:00",
            })
            .to_string()
        })
        .collect();
    let bytes: usize = lines.iter().map(String::len).sum();
    let context = Context::new(catalog(), fixture_today());
    let check = RepeatCheck::default();
    let valid = lines
        .iter()
        .filter(|l| check_demand_json(l, &context, &check).record.is_some())
        .count();
    let per_second = rate(lines.len(), min, || {
        for line in &lines {
            black_box(check_demand_json(black_box(line), &context, &check));
        }
    });
    println!(
        "\nvalidate demand ({} JSON lines, {valid} valid, {:.0} bytes/line)",
        lines.len(),
        bytes as f64 / lines.len() as f64
    );
    println!(
        "  validations/s       {per_second:>12.0}  ({:.1} µs each)",
        1e6 / per_second
    );
}

/// The learned model's size: its weights and the file the widget package
/// ships (`lianjian-classifier.json`, compact JSON), and, when the widgets
/// were built (`bash scripts/build-wasm` writes `target/wasm-size.json`), that
/// file gzip-compressed and its share of what a page with the demand form
/// downloads.
fn model_size() {
    let Some(model) = Model::builtin() else {
        println!("  model: none built in");
        return;
    };
    let compact = serde_json::to_string(
        &serde_json::from_str::<Value>(include_str!("../../core/catalog/classifier.json"))
            .expect("the committed model is JSON"),
    )
    .expect("JSON writes");
    println!(
        "\nclassifier model: {} weights, {:.1} KiB compact JSON",
        model.weight_count(),
        compact.len() as f64 / 1024.0,
    );
    let sizes = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/wasm-size.json");
    let report = std::fs::read_to_string(&sizes)
        .ok()
        .and_then(|t| serde_json::from_str::<Value>(&t).ok());
    match report.as_ref().and_then(|r| {
        Some((
            r["classifier_model"]["gzip"].as_f64()?,
            r["gzip"].as_f64()?,
            r["enrollment_only_gzip"].as_f64()?,
        ))
    }) {
        Some((shipped, total, without)) => println!(
            "  in the widget package: {:.1} KiB gzip, {:.1}% of the {:.1} KiB gzip a page with the demand form \
             downloads; a page without a demand form ({:.1} KiB gzip) downloads none of it",
            shipped / 1024.0,
            100.0 * shipped / total.max(1.0),
            total / 1024.0,
            without / 1024.0
        ),
        None => println!("  its share of the widget package: build the widgets first (bash scripts/build-wasm)"),
    }
}
