//! Repeated demands: the same enterprise raising near-identical text again
//! within a window (the Shenzhen guide does not accept repeats on the same
//! facts; a repeat is a warning for a person to judge, never an error).

use chrono::{DateTime, FixedOffset};

/// An earlier demand to compare against.
#[derive(Debug, Clone, PartialEq)]
pub struct PriorDemand {
    /// Its id in the host's records.
    pub id: String,
    /// Normalised USCC of its enterprise.
    pub enterprise_uscc: String,
    /// Its title.
    pub title: String,
    /// Its description.
    pub description: String,
    /// When it was submitted.
    pub submitted_at: DateTime<FixedOffset>,
}

/// Looks up the earlier demands of one enterprise (by normalised USCC).
pub type Lookup<'a> = &'a dyn Fn(&str) -> Vec<PriorDemand>;

/// Which earlier demands to compare against, and how close counts as a repeat.
#[derive(Clone, Copy)]
pub struct RepeatCheck<'a> {
    /// The earlier demands.
    pub earlier: &'a [PriorDemand],
    /// Or a lookup of the enterprise's earlier demands, asked once the
    /// demand's USCC is read (a server's store).
    pub lookup: Option<Lookup<'a>>,
    /// How far apart (in days) two demands can be and still repeat each other.
    pub window_days: i64,
    /// Text similarity (0–1, Dice coefficient of character bigrams) from which
    /// two demands are near-identical.
    pub min_similarity: f64,
}

impl std::fmt::Debug for RepeatCheck<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RepeatCheck")
            .field("earlier", &self.earlier)
            .field("lookup", &self.lookup.is_some())
            .field("window_days", &self.window_days)
            .field("min_similarity", &self.min_similarity)
            .finish()
    }
}

impl Default for RepeatCheck<'_> {
    fn default() -> Self {
        RepeatCheck {
            earlier: &[],
            lookup: None,
            window_days: 30,
            min_similarity: 0.8,
        }
    }
}

/// A likely repeat.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    /// The id of the earlier demand.
    pub earlier_id: String,
    /// Text similarity in percent.
    pub percent: i64,
    /// Days between the two.
    pub days: i64,
}

impl<'a> RepeatCheck<'a> {
    /// Compares against these earlier demands with the default window and threshold.
    pub fn against(earlier: &'a [PriorDemand]) -> Self {
        RepeatCheck {
            earlier,
            ..RepeatCheck::default()
        }
    }

    /// Compares against the demands a lookup gives for the demand's USCC.
    pub fn lookup(lookup: Lookup<'a>) -> Self {
        RepeatCheck {
            lookup: Some(lookup),
            ..RepeatCheck::default()
        }
    }

    /// The most similar earlier demand of the same enterprise within the
    /// window, if it is near-identical.
    pub fn find(
        &self,
        uscc: &str,
        title: &str,
        description: &str,
        at: DateTime<FixedOffset>,
    ) -> Option<Similarity> {
        let looked_up = self.lookup.map(|lookup| lookup(uscc));
        let earlier = looked_up.as_deref().unwrap_or(self.earlier);
        if earlier.is_empty() {
            return None;
        }
        let mine = bigrams(&format!("{title} {description}"));
        earlier
            .iter()
            .filter(|p| p.enterprise_uscc == uscc)
            .filter_map(|p| {
                let days = (at - p.submitted_at).num_days().abs();
                if days > self.window_days {
                    return None;
                }
                let score = dice(&mine, &bigrams(&format!("{} {}", p.title, p.description)));
                (score >= self.min_similarity).then_some((score, p, days))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
            .map(|(score, p, days)| Similarity {
                earlier_id: p.id.clone(),
                percent: (score * 100.0).round() as i64,
                days,
            })
    }
}

/// The distinct character bigrams of the letters and digits of a text.
fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    let mut pairs: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// Dice coefficient of two sorted, distinct lists.
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("2026-11-{day:02}T10:00:00+08:00")).unwrap()
    }

    fn prior(id: &str, uscc: &str, text: &str, day: u32) -> PriorDemand {
        PriorDemand {
            id: id.into(),
            enterprise_uscc: uscc.into(),
            title: "盐田港后方陆域高峰期拥堵".into(),
            description: text.into(),
            submitted_at: at(day),
        }
    }

    #[test]
    fn near_identical_text_of_the_same_enterprise_within_the_window() {
        let text = "每天下午四点到七点，进港拖车排队超过两公里，影响集装箱按时进港。";
        let earlier = [
            prior("a", "X", text, 1),
            prior("b", "Y", text, 20),
            prior(
                "c",
                "X",
                "保税区通道开放时间太短，希望延长到二十四小时。",
                20,
            ),
        ];
        let check = RepeatCheck::against(&earlier);
        let similar = "每天下午四点到七点，进港拖车排队超过两公里，影响集装箱按时进港！";
        let hit = check
            .find("X", "盐田港后方陆域高峰期拥堵", similar, at(21))
            .unwrap();
        assert_eq!((hit.earlier_id.as_str(), hit.days), ("a", 20));
        assert!(hit.percent >= 95);
        assert!(
            check
                .find("Z", "盐田港后方陆域高峰期拥堵", similar, at(21))
                .is_none(),
            "other enterprise"
        );
        let window = RepeatCheck {
            window_days: 10,
            ..check
        };
        assert!(
            window
                .find("X", "盐田港后方陆域高峰期拥堵", similar, at(21))
                .is_none(),
            "outside the window"
        );
    }

    #[test]
    fn dice_of_bigrams() {
        assert_eq!(dice(&bigrams("abc"), &bigrams("abc")), 1.0);
        assert_eq!(dice(&bigrams("ab"), &bigrams("cd")), 0.0);
        assert!((dice(&bigrams("abcd"), &bigrams("abce")) - 2.0 * 2.0 / 6.0).abs() < 1e-9);
    }
}
