//! What the learned model reads from a demand's text: character n-grams of
//! Chinese runs and word stems of Latin runs, counted with the title weighing
//! more, damped and scaled to a fixed length; plus the dictionary's score of
//! each topic. Training and scoring read text through the same functions, so a
//! model sees at use exactly the features it was trained on.

/// Title text counts this much more than the description (as for terms).
pub const TITLE_FACTOR: f64 = 1.5;

/// The length of a text's feature vector, whatever the length of the text.
/// Against the dictionary's scores (about 1–3 each), it sets how much the
/// n-grams and words can say: enough to carry a district's corrections and
/// words the dictionary lacks (chosen by cross-validation on the `tune`
/// splits among 1–4, with that in mind).
const TEXT_LENGTH: f64 = 3.0;

/// The lengths of the character n-grams read from Chinese text.
const NGRAMS: [usize; 2] = [1, 2];

/// The prefix of a dictionary feature: `#tax` is the dictionary's score of
/// `tax`, as [`dictionary_value`].
pub const DICTIONARY_PREFIX: char = '#';

/// Lower-cased, full-width forms folded to ASCII, ideographic space to space:
/// the form in which terms, variants and features are compared.
pub fn normalize(text: &str) -> impl Iterator<Item = char> + '_ {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .map(|c| c.to_ascii_lowercase())
}

/// A Chinese character (CJK unified ideographs and extension A).
fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}')
}

/// The features of a prepared title and description (see
/// [`Classifier`](super::Classifier)): `(feature, value)` sorted by feature,
/// each once, the vector of length [`TEXT_LENGTH`]. Empty when the text holds neither
/// Chinese nor Latin letters.
pub fn text_features(title: &[char], description: &[char]) -> Vec<(String, f64)> {
    let mut counts: Vec<(String, f64)> = Vec::new();
    for (text, factor) in [(title, TITLE_FACTOR), (description, 1.0)] {
        read(text, &mut |feature| counts.push((feature, factor)));
    }
    crate::order::sort_by(&mut counts, |a, b| a.0.cmp(&b.0));
    let mut merged: Vec<(String, f64)> = Vec::with_capacity(counts.len());
    for (feature, count) in counts {
        match merged.last_mut() {
            Some((last, total)) if *last == feature => *total += count,
            _ => merged.push((feature, count)),
        }
    }
    // Damped: the tenth time a word appears says less than the first.
    for (_, value) in &mut merged {
        *value = 1.0 + value.ln();
    }
    let length = merged.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
    if length > 0.0 {
        for (_, value) in &mut merged {
            *value *= TEXT_LENGTH / length;
        }
    }
    merged
}

/// Calls `found` with every feature of one text, in order of appearance.
fn read(text: &[char], found: &mut dyn FnMut(String)) {
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if is_han(c) {
            let end = run_end(text, i, is_han);
            for n in NGRAMS {
                for start in i..(end + 1).saturating_sub(n) {
                    found(text[start..start + n].iter().collect());
                }
            }
            i = end;
        } else if c.is_ascii_alphanumeric() {
            let end = run_end(text, i, |c| c.is_ascii_alphanumeric());
            let word: String = text[i..end].iter().collect();
            if word.len() >= 2 && !word.bytes().all(|b| b.is_ascii_digit()) {
                found(stem(&word).to_owned());
            }
            i = end;
        } else {
            i += 1;
        }
    }
}

fn run_end(text: &[char], start: usize, inside: impl Fn(char) -> bool) -> usize {
    text[start..]
        .iter()
        .position(|&c| !inside(c))
        .map_or(text.len(), |n| start + n)
}

/// An English word without its commonest endings (`refunds`, `refunded` →
/// `refund`; `queuing` → `queu`), leaving at least three letters. Crude on
/// purpose: the same word in its forms counts as one feature.
fn stem(word: &str) -> &str {
    for suffix in ["ing", "ed", "es", "s"] {
        if let Some(base) = word.strip_suffix(suffix) {
            if base.len() >= 3 {
                return base;
            }
        }
    }
    word
}

/// The dictionary's score of a topic as a feature value: `ln(1 + score)`
/// (written so, not `ln_1p`, which would add its own code to the browser
/// bundle; scores are never tiny).
pub fn dictionary_value(score: f64) -> f64 {
    (1.0 + score).ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(text: &str) -> Vec<char> {
        normalize(text).collect()
    }

    #[test]
    fn reads_ngrams_and_word_stems() {
        let features = text_features(&chars("退税 Refunds"), &chars("到账了, VAT 2026"));
        let names: Vec<&str> = features.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            names,
            ["refund", "vat", "了", "到", "到账", "税", "账", "账了", "退", "退税"]
        );
        let length: f64 = features.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        assert!((length - TEXT_LENGTH).abs() < 1e-9);
        // The title's words weigh more than the description's.
        let value = |name: &str| features.iter().find(|(f, _)| f == name).unwrap().1;
        assert!(value("退税") > value("到账"));
    }

    #[test]
    fn nothing_to_read_is_no_feature() {
        assert!(text_features(&chars("？？ 123"), &chars("")).is_empty());
        assert_eq!(stem("queuing"), "queu");
        assert_eq!(stem("tax"), "tax");
        assert_eq!(stem("is"), "is");
    }
}
