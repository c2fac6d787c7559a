//! `lianjian classify`: topic and department suggestions, one JSON line per
//! text, and `--evaluate`: the classifier's accuracy on a labelled set.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::Path;
use std::time::Instant;

use lianjian::demand::{Dictionary, TOPIC_IDS};
use serde_json::Value;

/// Classifies TEXT, or every non-blank stdin line.
pub fn classify(
    dictionary: &Dictionary,
    text: Option<&str>,
    out: &mut impl Write,
) -> Result<(), String> {
    let classifier = dictionary.classifier();
    let one = |text: &str, out: &mut dyn Write| -> Result<(), String> {
        let answer = classifier.classify("", text);
        serde_json::to_writer(&mut *out, &answer).map_err(|e| format!("writing output: {e}"))?;
        out.write_all(b"\n")
            .map_err(|e| format!("writing output: {e}"))
    };
    match text {
        Some(text) => one(text, out),
        None => {
            // Bytes that are not UTF-8 become U+FFFD: the text is still classified.
            for line in io::stdin().lock().split(b'\n') {
                let line = line.map_err(|e| format!("reading stdin: {e}"))?;
                let line = String::from_utf8_lossy(&line);
                if !line.trim().is_empty() {
                    one(line.trim_end_matches('\r'), out)?;
                }
            }
            Ok(())
        }
    }
}

/// Prints top-1 and top-3 accuracy, per-topic precision and recall, and the
/// confusion table of a labelled set.
pub fn evaluate(
    dictionary: &Dictionary,
    path: &Path,
    split: Option<&str>,
    out: &mut impl Write,
) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut items = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let v: Value =
            serde_json::from_str(line).map_err(|e| format!("{}:{}: {e}", path.display(), n + 1))?;
        if split.is_some_and(|s| v["split"].as_str() != Some(s)) {
            continue;
        }
        let field = |k: &str| {
            v[k].as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{}:{}: no `{k}`", path.display(), n + 1))
        };
        let gold = field("topic")?;
        if !TOPIC_IDS.contains(&gold.as_str()) {
            return Err(format!(
                "{}:{}: unknown topic `{gold}`",
                path.display(),
                n + 1
            ));
        }
        items.push((field("title")?, field("description")?, gold));
    }
    if items.is_empty() {
        return Err(format!(
            "{}: no labelled items{}",
            path.display(),
            split.map_or(String::new(), |s| format!(" in split `{s}`"))
        ));
    }
    let classifier = dictionary.classifier();
    let started = Instant::now();
    let answers: Vec<_> = items
        .iter()
        .map(|(t, d, _)| classifier.classify(t, d))
        .collect();
    let elapsed = started.elapsed();

    let mut top1 = 0;
    let mut top3 = 0;
    let mut confusion: BTreeMap<(&str, String), u32> = BTreeMap::new();
    for ((_, _, gold), answer) in items.iter().zip(&answers) {
        let mut ranking: Vec<&str> = answer.candidates.iter().map(|c| c.topic.as_str()).collect();
        if !ranking.contains(&"other") {
            ranking.push("other");
        }
        top1 += usize::from(answer.topic == *gold);
        top3 += usize::from(ranking.iter().take(3).any(|t| t == gold));
        *confusion
            .entry((gold.as_str(), answer.topic.clone()))
            .or_default() += 1;
    }
    let n = items.len();
    let pct = |k: usize| 100.0 * k as f64 / n as f64;
    let w = |r: Result<(), io::Error>| r.map_err(|e| format!("writing output: {e}"));
    w(writeln!(
        out,
        "classifier accuracy on {} ({} items{})",
        path.display(),
        n,
        split.map_or(String::new(), |s| format!(", split {s}"))
    ))?;
    w(writeln!(out, "  top-1: {:.1}% ({top1}/{n})", pct(top1)))?;
    w(writeln!(out, "  top-3: {:.1}% ({top3}/{n})", pct(top3)))?;
    w(writeln!(
        out,
        "  speed: {:.0} classifications/s ({:.1} µs each)",
        n as f64 / elapsed.as_secs_f64().max(1e-9),
        elapsed.as_secs_f64() * 1e6 / n as f64
    ))?;
    w(writeln!(
        out,
        "\nper topic (precision = right among predicted, recall = found among labelled):"
    ))?;
    w(writeln!(
        out,
        "  {:<22} {:>5} {:>9} {:>9}",
        "topic", "items", "precision", "recall"
    ))?;
    for topic in TOPIC_IDS {
        let labelled: u32 = confusion
            .iter()
            .filter(|((g, _), _)| *g == topic)
            .map(|(_, c)| c)
            .sum();
        let predicted: u32 = confusion
            .iter()
            .filter(|((_, p), _)| p == topic)
            .map(|(_, c)| c)
            .sum();
        let right = confusion
            .get(&(topic, topic.to_owned()))
            .copied()
            .unwrap_or(0);
        let ratio = |a: u32, b: u32| {
            if b == 0 {
                "—".to_owned()
            } else {
                format!("{:.0}%", 100.0 * f64::from(a) / f64::from(b))
            }
        };
        w(writeln!(
            out,
            "  {topic:<22} {labelled:>5} {:>9} {:>9}",
            ratio(right, predicted),
            ratio(right, labelled)
        ))?;
    }
    w(writeln!(
        out,
        "\nconfusion (rows: labelled, columns: predicted; topics by their first 4 letters):"
    ))?;
    let short = |t: &str| t.chars().take(4).collect::<String>();
    let mut header = format!("  {:<22}", "");
    for topic in TOPIC_IDS {
        header.push_str(&format!(" {:>4}", short(topic)));
    }
    w(writeln!(out, "{header}"))?;
    for gold in TOPIC_IDS {
        let mut row = format!("  {gold:<22}");
        for predicted in TOPIC_IDS {
            let c = confusion
                .get(&(gold, predicted.to_owned()))
                .copied()
                .unwrap_or(0);
            row.push_str(&if c == 0 {
                format!(" {:>4}", ".")
            } else {
                format!(" {c:>4}")
            });
        }
        w(writeln!(out, "{row}"))?;
    }
    Ok(())
}
