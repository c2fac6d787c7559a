//! Any text classifies, with a confidence in 0..=1 and candidates best first
//! (the general desk, `other`, may lead when nothing in the text points
//! anywhere: no term matched and the model unsure).
#![no_main]

use lianjian::demand::Dictionary;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (&str, &str)| {
    let c = Dictionary::builtin_classifier().classify(input.0, input.1);
    assert!((0.0..=1.0).contains(&c.confidence), "{}", c.confidence);
    if let Some(first) = c.candidates.first() {
        assert_eq!(first.topic, c.topic);
    }
    let ranked = match c.candidates.split_first() {
        Some((first, rest)) if first.topic == "other" => rest,
        _ => &c.candidates[..],
    };
    assert!(ranked.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(!c.department.is_empty());
});
