//! The headline report: the figures a district is judged by (150余家企业,
//! 1000多亿元, 200余场, 100余家重点企业, 550余项诉求, 近5000万元再贷款),
//! computed from its records instead of counted by hand
//! (`docs/wire/headline.md`).
//!
//! - [`wording`]: the report's wording of a count or an amount.
//! - [`Tally`]: the figures over typed facts, mergeable across disjoint
//!   slices of a district.
//! - [`Headline`]: the report's shape, with the list behind each figure.
//! - [`FIGURES`] / [`figure`]: each figure's name, measure word and
//!   definition in zh-CN and en (`catalog/figures.json`).
//!
//! ```
//! use lianjian::headline::{EnrollmentFact, Scope, Tally};
//! let day = |d: &str| lianjian::ident::parse_date(d).unwrap();
//! let mut tally = Tally::new(Scope {
//!     from: day("2026-01-01"), to: day("2026-12-31"), as_of: day("2026-12-31"),
//!     programme: None,
//! });
//! for (line, chain_count) in [(1, 2), (2, 1)] {
//!     for _ in 0..chain_count {
//!         tally.add_enrollment(&EnrollmentFact {
//!             uscc: format!("E{line}"), joined_on: day("2026-03-01"),
//!             output_wan: Some(2430.0), party_org: None, order: line,
//!         });
//!     }
//! }
//! let report = tally.report();
//! assert_eq!(report.figures.chain_enterprises.value, 2);
//! assert_eq!(report.figures.chain_output.approx, "近5000万元");
//! ```

pub mod district;
mod report;
mod tally;
pub mod wording;

use std::sync::OnceLock;

pub use report::{
    ChainEnterprises, ChainOutput, Count, DemandsResolved, Figures, Headline, KeyEnterprisesHelped,
    Lists, PartyOrgName, Period, Relending, SeriesSessions,
};
pub use tally::{
    china_day, ActivityFact, DemandFact, Disbursement, EnrollmentFact, PairingFact, ProgrammeScope,
    Scope, ScopeMismatch, Tally, VisitFact, ALLIANCE_KIND, DEFAULT_CHANNEL, MATCHMAKING_KIND,
    SESSIONS_SERIES,
};

use crate::input::builtin::{self, data_file};
use crate::Lang;

/// The ids of the figures, in the order of the report.
pub const FIGURES: [&str; 8] = [
    "chain_enterprises",
    "chain_output",
    "series_sessions",
    "key_enterprises_helped",
    "demands_resolved",
    "relending",
    "matchmaking_enterprises",
    "chains_with_alliance",
];

/// What a reader needs to know of one figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureText {
    /// The figure's id.
    pub id: String,
    /// The seed report's wording it stands for (`150余家企业（党组织）参与`).
    pub seed: String,
    /// Its name in zh-CN and en.
    pub name: [String; 2],
    /// Its definition in zh-CN and en.
    pub definition: [String; 2],
}

impl FigureText {
    /// The name in `lang`.
    pub fn name(&self, lang: Lang) -> &str {
        &self.name[index(lang)]
    }

    /// The definition in `lang`.
    pub fn definition(&self, lang: Lang) -> &str {
        &self.definition[index(lang)]
    }
}

fn index(lang: Lang) -> usize {
    match lang {
        Lang::ZhCn => 0,
        Lang::En => 1,
    }
}

/// Every figure's texts, in the order of [`FIGURES`] (`catalog/figures.json`).
pub fn figures() -> &'static [FigureText] {
    static TEXTS: OnceLock<Vec<FigureText>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let value = builtin::parse(data_file!("catalog/figures.json"));
        builtin::list(&value, "figures")
            .iter()
            .map(|figure| {
                let both = |key: &str| {
                    let texts = builtin::member(figure, key);
                    [
                        builtin::text(texts, Lang::ZhCn.tag()),
                        builtin::text(texts, Lang::En.tag()),
                    ]
                };
                FigureText {
                    id: builtin::text(figure, "id"),
                    seed: builtin::text(figure, "seed"),
                    name: both("name"),
                    definition: both("definition"),
                }
            })
            .collect()
    })
}

/// The texts of one figure, by id.
pub fn figure(id: &str) -> Option<&'static FigureText> {
    figures().iter().find(|f| f.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_figure_has_its_texts_in_both_languages() {
        let ids: Vec<&str> = figures().iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, FIGURES);
        for figure in figures() {
            for lang in Lang::ALL {
                assert!(!figure.name(lang).is_empty(), "{} {lang}", figure.id);
                assert!(figure.definition(lang).len() > 40, "{} {lang}", figure.id);
            }
            assert!(!figure.seed.is_empty());
        }
        assert!(figure("nope").is_none());
    }
}
