//! The built-in classifier model (`core/catalog/classifier.json`) is exactly
//! what training on the labelled demands' `tune` splits gives: nobody edits
//! weights by hand, and a change of the labelled set, the dictionary or the
//! features shows in the model's diff. Regenerate it with
//!
//! ```text
//! cargo run --release -p lianjian-cli -- classify --train --output core/catalog/classifier.json
//! ```

use lianjian::demand::train::{self, Training};
use lianjian::demand::{Dictionary, Model};

const REGENERATE: &str =
    "cargo run --release -p lianjian-cli -- classify --train --output core/catalog/classifier.json";

#[test]
fn the_committed_model_is_what_training_gives() {
    let set = train::builtin_set();
    let model = train::train(
        &Dictionary::builtin().classifier(),
        &set,
        &Training::default(),
        train::about_builtin(set.len()),
    )
    .expect("the labelled set trains");
    let committed = include_str!("../core/catalog/classifier.json");
    assert!(
        model.to_json() == committed,
        "core/catalog/classifier.json is not what training gives; regenerate it with `{REGENERATE}` and review the difference"
    );
    assert_eq!(Model::builtin(), Some(&model));
}

/// Small enough for the demand form to download: the committed model's
/// weights, and its size without layout whitespace, as the widget package
/// ships it.
#[test]
fn the_model_stays_compact() {
    let model = Model::builtin().expect("built in");
    let compact = serde_json::to_string(
        &serde_json::from_str::<serde_json::Value>(include_str!("../core/catalog/classifier.json"))
            .unwrap(),
    )
    .unwrap();
    println!(
        "model: {} weights, {} bytes compact",
        model.weight_count(),
        compact.len()
    );
    assert!(model.weight_count() <= 4000, "{}", model.weight_count());
    assert!(compact.len() <= 48 * 1024, "{} bytes", compact.len());
}
