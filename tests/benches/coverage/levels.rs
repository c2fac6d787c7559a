//! The figures of a report by level (district, chain, segment), to compare
//! lianjian's with another engine's.

use std::collections::{BTreeMap, BTreeSet};

use lianjian::{Catalog, CoverageReport};

/// members, own, joint, work only, uncovered, full members, output (1/100 万元).
pub(crate) type Figs = [i64; 7];

/// Level key: ("", "") for the district, (chain, "") and (chain, segment) by id.
pub(crate) type Levels = BTreeMap<(String, String), Figs>;

pub(crate) fn figs(f: &lianjian::coverage::report::Figures) -> Figs {
    [
        f.members as i64,
        f.own_org as i64,
        f.joint_org as i64,
        f.work_only as i64,
        f.uncovered as i64,
        f.full_members as i64,
        (f.output_wan * 100.0).round() as i64,
    ]
}

pub(crate) fn levels(report: &CoverageReport) -> Levels {
    let mut out = Levels::new();
    out.insert((String::new(), String::new()), figs(&report.totals.figures));
    for chain in &report.chains {
        out.insert((chain.chain.clone(), String::new()), figs(&chain.figures));
        for s in &chain.segments {
            out.insert((chain.chain.clone(), s.segment.clone()), figs(&s.figures));
        }
    }
    out
}

/// Differences between two sets of figures, at most `max` lines.
pub(crate) fn differences(ours: &Levels, theirs: &Levels, max: usize) -> Vec<String> {
    const NAMES: [&str; 7] = [
        "members",
        "own_org",
        "joint_org",
        "work_only",
        "uncovered",
        "full_members",
        "output_centiwan",
    ];
    let keys: BTreeSet<&(String, String)> = ours.keys().chain(theirs.keys()).collect();
    let mut out = Vec::new();
    for key in keys {
        let place = match (key.0.as_str(), key.1.as_str()) {
            ("", _) => "district".to_owned(),
            (chain, "") => chain.to_owned(),
            (chain, segment) => format!("{chain}/{segment}"),
        };
        match (ours.get(key), theirs.get(key)) {
            (Some(a), Some(b)) => {
                for (i, name) in NAMES.iter().enumerate() {
                    if a[i] != b[i] {
                        out.push(format!("{place} {name}: lianjian {} vs {}", a[i], b[i]));
                    }
                }
            }
            (Some(_), None) => out.push(format!("{place}: missing on the other side")),
            (None, _) => out.push(format!("{place}: only on the other side")),
        }
    }
    let n = out.len();
    out.truncate(max);
    if n > max {
        out.push(format!("… {} more", n - max));
    }
    out
}

/// Ids from the Chinese names DuckDB groups by (unknown names kept, marked).
pub(crate) fn id_of(catalog: &Catalog, chain: &str, segment: Option<&str>) -> (String, String) {
    let Some(c) = catalog.chains.iter().find(|c| c.name.zh_cn == chain) else {
        return (format!("?{chain}"), segment.unwrap_or_default().to_owned());
    };
    let segment = match segment {
        None => String::new(),
        Some(name) => c
            .segments
            .iter()
            .find(|s| s.name.zh_cn == name)
            .map_or_else(|| format!("?{name}"), |s| s.id.clone()),
    };
    (c.id.clone(), segment)
}
