//! `lianjian classify`: topic and department suggestions, one JSON line per
//! text; `--evaluate`: the classifier's accuracy on a labelled set; and
//! `--train`: a model built from the labelled set and a district's
//! corrections, with its accuracy before and after on a held-out part.

use std::collections::BTreeMap;
use std::io::{self, BufRead, Write};
use std::path::Path;
use std::time::Instant;

use lianjian::demand::train::{self, Labelled, Training};
use lianjian::demand::{Classification, Classifier, TOPIC_IDS};
use serde_json::Value;

/// Classifies TEXT, or every non-blank stdin line.
pub fn classify(
    classifier: &Classifier<'_>,
    text: Option<&str>,
    out: &mut impl Write,
) -> Result<(), String> {
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

/// A labelled item of a JSON-lines file.
struct Item {
    title: String,
    description: String,
    topic: String,
    split: Option<String>,
    /// The department staff assigned (corrections name it).
    department: Option<String>,
    /// `lang:…` and `style:…` tags, for the breakdown.
    groups: Vec<String>,
}

/// The labelled items of a JSON-lines file (`{"title", "description",
/// "topic"}`, optionally `split`, `lang`, `style`), those of `split` only
/// when given. A line that is not such an item stops the command, named.
fn read_labelled(path: &Path, split: Option<&str>) -> Result<Vec<Item>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut items = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let at = || format!("{}:{}", path.display(), n + 1);
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{}: {e}", at()))?;
        let item_split = v["split"].as_str().map(str::to_owned);
        if split.is_some_and(|s| item_split.as_deref() != Some(s)) {
            continue;
        }
        let field = |k: &str| {
            v[k].as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("{}: no `{k}`", at()))
        };
        let topic = field("topic")?;
        if !TOPIC_IDS.contains(&topic.as_str()) {
            return Err(format!("{}: unknown topic `{topic}`", at()));
        }
        let mut groups = Vec::new();
        if let Some(lang) = v["lang"].as_str() {
            groups.push(format!("lang:{lang}"));
        }
        for style in v["style"].as_array().into_iter().flatten() {
            if let Some(style) = style.as_str() {
                groups.push(format!("style:{style}"));
            }
        }
        items.push(Item {
            title: field("title")?,
            description: v["description"].as_str().unwrap_or_default().to_owned(),
            topic,
            split: item_split,
            department: v["department"].as_str().map(str::to_owned),
            groups,
        });
    }
    Ok(items)
}

/// Prints top-1 and top-3 accuracy (also by language and style when the
/// items say them), per-topic precision and recall, and the confusion table
/// of a labelled set.
pub fn evaluate(
    classifier: &Classifier<'_>,
    path: &Path,
    split: Option<&str>,
    out: &mut impl Write,
) -> Result<(), String> {
    let items = read_labelled(path, split)?;
    if items.is_empty() {
        return Err(format!(
            "{}: no labelled items{}",
            path.display(),
            split.map_or(String::new(), |s| format!(" in split `{s}`"))
        ));
    }
    let started = Instant::now();
    let answers: Vec<_> = items
        .iter()
        .map(|item| classifier.classify(&item.title, &item.description))
        .collect();
    let elapsed = started.elapsed();

    let mut top1 = 0;
    let mut top3 = 0;
    let mut confusion: BTreeMap<(&str, String), u32> = BTreeMap::new();
    let mut by_group: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for (item, answer) in items.iter().zip(&answers) {
        let gold = &item.topic;
        let hit1 = answer.topic == *gold;
        let hit3 = ranking(answer).iter().take(3).any(|t| t == gold);
        top1 += usize::from(hit1);
        top3 += usize::from(hit3);
        for group in &item.groups {
            let entry = by_group.entry(group.as_str()).or_default();
            *entry = (
                entry.0 + 1,
                entry.1 + usize::from(hit1),
                entry.2 + usize::from(hit3),
            );
        }
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
        "  model: {}",
        classifier
            .model()
            .map_or("none (the dictionary's terms alone)", |m| m.about.as_str())
    ))?;
    if !by_group.is_empty() {
        w(writeln!(out, "\nby language and style:"))?;
        w(writeln!(
            out,
            "  {:<22} {:>5} {:>7} {:>7}",
            "group", "items", "top-1", "top-3"
        ))?;
        for (group, (count, hit1, hit3)) in &by_group {
            let pct = |k: usize| format!("{:.1}%", 100.0 * k as f64 / *count as f64);
            w(writeln!(
                out,
                "  {group:<22} {count:>5} {:>7} {:>7}",
                pct(*hit1),
                pct(*hit3)
            ))?;
        }
    }
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

/// One in this many items of the files given to `--train` is held out to
/// measure the new model.
const HOLD_OUT_EVERY: usize = 5;

/// Trains a model on the built-in labelled demands and the labelled items of
/// `files` (each counting `weight` times; items of a `holdout` split are
/// never trained on). One item in five of the files is held out: the
/// classifier as it is and a model trained without those items are measured
/// on them; then the model is trained on every item and written to `output`
/// (stdout when absent, the report then going to stderr).
pub fn train(
    classifier: &Classifier<'_>,
    files: &[std::path::PathBuf],
    weight: usize,
    output: Option<&Path>,
    out: &mut impl Write,
) -> Result<(), String> {
    let mut added: Vec<Labelled> = Vec::new();
    let mut names = Vec::new();
    for path in files {
        for item in read_labelled(path, None)?
            .into_iter()
            .filter(|item| item.split.as_deref() != Some("holdout"))
        {
            added.push(Labelled {
                title: item.title,
                description: item.description,
                topic: item.topic,
                department: item.department,
                weight,
            });
        }
        names.push(path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        ));
    }
    let base = train::builtin_set();
    let about = |items: usize| {
        if names.is_empty() {
            train::about_builtin(base.len())
        } else {
            format!(
                "district: the {} built-in labelled demands and {items} labelled items of {} (each counting {weight} times)",
                base.len(),
                names.join(", ")
            )
        }
    };
    let settings = Training::default();
    let mut report = String::new();
    let is_held = |i: usize| i % HOLD_OUT_EVERY == HOLD_OUT_EVERY - 1;
    let held: Vec<&Labelled> = (added.iter().enumerate())
        .filter(|(i, _)| is_held(*i))
        .map(|(_, item)| item)
        .collect();
    let kept = (added.iter().enumerate())
        .filter(|(i, _)| !is_held(*i))
        .map(|(_, item)| item.clone());
    if held.is_empty() {
        if !added.is_empty() {
            report.push_str(&format!(
                "{} items: too few to hold one in {HOLD_OUT_EVERY} out; accuracy not measured\n",
                added.len()
            ));
        }
    } else {
        let mut items = base.clone();
        items.extend(kept);
        let measured = train::train(
            classifier,
            &items,
            &settings,
            about(added.len() - held.len()),
        )
        .map_err(|e| e.to_string())?;
        let after = classifier.with_model(&measured);
        let (before1, before3) = accuracy(classifier, &held);
        let (after1, after3) = accuracy(&after, &held);
        let n = held.len();
        let pct = |k: usize| 100.0 * k as f64 / n as f64;
        report.push_str(&format!(
            "held out: {n} of {} items (every {HOLD_OUT_EVERY}th), never trained on for this measure\n\
             \x20 before (the classifier as it is): top-1 {:.1}% ({before1}/{n}), top-3 {:.1}% ({before3}/{n})\n\
             \x20 after (trained on the other items): top-1 {:.1}% ({after1}/{n}), top-3 {:.1}% ({after3}/{n})\n",
            added.len(),
            pct(before1),
            pct(before3),
            pct(after1),
            pct(after3),
        ));
    }
    let mut items = base.clone();
    items.extend(added.iter().cloned());
    let model = train::train(classifier, &items, &settings, about(added.len()))
        .map_err(|e| e.to_string())?;
    report.push_str(&format!(
        "model: trained on {} items ({} weights); {}\n",
        items.len(),
        model.weight_count(),
        output.map_or_else(
            || "written to stdout".to_owned(),
            |p| format!("written to {}", p.display())
        )
    ));
    let json = model.to_json();
    let w = |r: Result<(), io::Error>| r.map_err(|e| format!("writing output: {e}"));
    match output {
        Some(path) => {
            std::fs::write(path, json).map_err(|e| format!("{}: {e}", path.display()))?;
            w(out.write_all(report.as_bytes()))
        }
        None => {
            w(out.write_all(json.as_bytes()))?;
            eprint!("{report}");
            Ok(())
        }
    }
}

/// Top-1 and top-3 hits of a classifier on labelled items.
fn accuracy(classifier: &Classifier<'_>, items: &[&Labelled]) -> (usize, usize) {
    let mut top1 = 0;
    let mut top3 = 0;
    for item in items {
        let answer = classifier.classify(&item.title, &item.description);
        top1 += usize::from(answer.topic == item.topic);
        top3 += usize::from(ranking(&answer).iter().take(3).any(|t| *t == item.topic));
    }
    (top1, top3)
}

/// The topics of an answer in order, `other` last when it is not among them.
fn ranking(answer: &Classification) -> Vec<&str> {
    let mut ranking: Vec<&str> = answer.candidates.iter().map(|c| c.topic.as_str()).collect();
    if !ranking.contains(&"other") {
        ranking.push("other");
    }
    ranking
}
