//! The headline report's shape (`docs/wire/headline.md`): the period, the
//! figures with their report wording, and the list behind each figure.
//! Field names are the public contract; new optional fields may be added.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::wording;

/// The headline figures of a period, with their lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Headline {
    /// The period counted.
    pub period: Period,
    /// Records and events dated after this day are left out.
    pub as_of: NaiveDate,
    /// The programme whose key enterprises and demands are counted (none
    /// when the district folder has no valid `programme.json`).
    pub programme: Option<String>,
    /// The figures.
    pub figures: Figures,
    /// Which enterprises, activities, demands and chains each figure counts.
    pub lists: Lists,
}

/// `{from, to}`, both days included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
}

/// Every figure of the report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// 企业（党组织）参与.
    pub chain_enterprises: ChainEnterprises,
    /// 涵盖总产值.
    pub chain_output: ChainOutput,
    /// 党群助企行 sessions.
    pub series_sessions: SeriesSessions,
    /// 帮助重点企业.
    pub key_enterprises_helped: KeyEnterprisesHelped,
    /// 解决诉求.
    pub demands_resolved: DemandsResolved,
    /// 再贷款.
    pub relending: Relending,
    /// 银企对接.
    pub matchmaking_enterprises: Count,
    /// 产学研联盟.
    pub chains_with_alliance: Count,
}

/// `chain_enterprises`: distinct enterprises with a valid enrollment joined
/// on or before `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainEnterprises {
    /// Distinct normalised USCCs.
    pub value: u64,
    /// Report wording (`150余家`).
    pub approx: String,
    /// Distinct Party organizations (status `own` or `joint`) among them.
    pub party_orgs: u64,
}

/// `chain_output`: the annual output of those enterprises, each once.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainOutput {
    /// Sum in 万元.
    pub value_wan: f64,
    /// Sum in 亿元 (÷ 10,000).
    pub value_yi: f64,
    /// Report wording (`1000多亿元`).
    pub approx: String,
    /// Enterprises without a value.
    pub missing: u64,
    /// Enterprises whose rows give different values.
    pub conflicts: u64,
}

/// `series_sessions`: held or recorded activities of the 党群助企行 series
/// starting in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesSessions {
    /// Activities.
    pub value: u64,
    /// Report wording (`210余场`).
    pub approx: String,
    /// Activities per kind id.
    pub by_kind: BTreeMap<String, u64>,
}

/// `key_enterprises_helped`: key enterprises with a demand resolved in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeyEnterprisesHelped {
    /// Distinct normalised USCCs.
    pub value: u64,
    /// Report wording (`100余家`).
    pub approx: String,
    /// Enterprises on the programme's key list.
    pub key_enterprises: u64,
    /// Key enterprises visited or with a demand submitted in the period.
    pub served: u64,
}

/// `demands_resolved`: the programme's demands closed by a satisfied
/// revisit in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DemandsResolved {
    /// Demands.
    pub value: u64,
    /// Report wording (`550余项`).
    pub approx: String,
    /// Demands of the same population replied to in the period.
    pub completed: u64,
    /// Resolved demands per origin channel.
    pub by_channel: BTreeMap<String, u64>,
}

/// `relending`: disbursed financing lines dated in the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Relending {
    /// Distinct borrowers.
    pub enterprises: u64,
    /// Sum of the lines in 万元.
    pub amount_wan: f64,
    /// Report wording of the amount (`近5000万元`).
    pub approx: String,
    /// Report wording of the borrowers (`10余家`).
    pub enterprises_approx: String,
}

/// A plain count with its report wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    /// The count.
    pub value: u64,
    /// Report wording (`20余家`).
    pub approx: String,
}

impl Count {
    /// A count of `n` with its measure word.
    pub fn of(n: usize, unit: &str) -> Count {
        let value = n as u64;
        Count {
            value,
            approx: wording::count(value, unit),
        }
    }
}

/// A Party organization as counted: its name and home affiliation after
/// Unicode NFKC and trimming.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PartyOrgName {
    /// Name.
    pub name: String,
    /// Home affiliation (empty when not given).
    pub home_affiliation: String,
}

impl PartyOrgName {
    /// The key of an organization from its name and home affiliation as
    /// given: NFKC, white space trimmed, so that `某某党支部` and `某某党支部 `
    /// (or a full-width variant) count once.
    pub fn new(name: &str, home_affiliation: Option<&str>) -> PartyOrgName {
        PartyOrgName {
            name: nfkc(name),
            home_affiliation: home_affiliation.map(nfkc).unwrap_or_default(),
        }
    }
}

fn nfkc(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let normalised: String = text.trim().nfkc().collect();
    normalised.trim().to_owned()
}

/// The list behind each figure, sorted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Lists {
    /// USCCs counted by `chain_enterprises`.
    pub chain_enterprises: Vec<String>,
    /// The Party organizations counted by `chain_enterprises.party_orgs`.
    pub party_orgs: Vec<PartyOrgName>,
    /// USCCs without an output value.
    pub chain_output_missing: Vec<String>,
    /// USCCs whose rows give different output values.
    pub chain_output_conflicts: Vec<String>,
    /// Activity ids counted by `series_sessions`.
    pub series_sessions: Vec<String>,
    /// USCCs counted by `key_enterprises_helped`.
    pub key_enterprises_helped: Vec<String>,
    /// USCCs counted by `key_enterprises_helped.served`.
    pub key_enterprises_served: Vec<String>,
    /// Demand ids counted by `demands_resolved`.
    pub demands_resolved: Vec<String>,
    /// Demand ids counted by `demands_resolved.completed`.
    pub demands_completed: Vec<String>,
    /// USCCs of the borrowers counted by `relending`.
    pub relending: Vec<String>,
    /// USCCs counted by `matchmaking_enterprises`.
    pub matchmaking_enterprises: Vec<String>,
    /// Chain ids counted by `chains_with_alliance`.
    pub chains_with_alliance: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organizations_are_compared_after_nfkc_and_trimming() {
        let plain = PartyOrgName::new("某某联合党支部", Some("沙头角街道非公企业党委"));
        let spaced = PartyOrgName::new(" 某某联合党支部\u{3000}", Some("沙头角街道非公企业党委 "));
        let full_width = PartyOrgName::new("某某联合党支部（一）", Some("沙头角街道非公企业党委"));
        let half_width = PartyOrgName::new("某某联合党支部(一)", Some("沙头角街道非公企业党委"));
        assert_eq!(plain, spaced);
        assert_eq!(full_width, half_width);
        assert_ne!(plain, full_width);
        assert_eq!(PartyOrgName::new("Ｂｒａｎｃｈ", None).name, "Branch");
    }
}
