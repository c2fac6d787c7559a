//! The folder's centres, pairings and usage counts: each row checked by its
//! record's rules, against the rows before it (an id used once, a second
//! active pairing of the same units) and against the rest of the folder (a
//! pairing's chain members from the roster, the last activity held under
//! it; a count at a centre of `centres.jsonl`).

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::{label, lines, FileCounts, FileName, Loaded, Reading, Row};
use crate::centre::{check_centre_json, check_usage_json, UsageContext};
use crate::findings::{Code, Finding, Path};
use crate::outreach::ActivityStatus;
use crate::pairing::{check_pairing_json, Pairing, PairingContext};

pub(super) fn read_centres(text: &str, reading: &Reading<'_>, loaded: &mut Loaded) {
    let mut counts = FileCounts::default();
    for (line, row) in lines(text) {
        counts.rows += 1;
        let mut checked = check_centre_json(row, &reading.context);
        if let Some(centre) = &checked.record {
            if let Some(earlier) = loaded.centres.iter().find(|c| c.record.id == centre.id) {
                checked.report.push(
                    Finding::new(Code::DuplicateId, Path::root().key("id"))
                        .with("earlier", label(earlier.line)),
                );
            }
        }
        match checked.record.filter(|_| checked.report.is_valid()) {
            Some(record) => loaded.centres.push(Row { line, record }),
            None => {
                counts.left_out += 1;
                loaded.refuse(FileName::Centres, Some(line), checked.report);
            }
        }
    }
    loaded.files.push((FileName::Centres, counts));
}

pub(super) fn read_pairings(text: &str, reading: &Reading<'_>, loaded: &mut Loaded) {
    let mut counts = FileCounts::default();
    let today = reading.context.today;
    // Who is on each chain's committee: the roster's valid rows.
    let members: BTreeSet<(String, String)> = loaded
        .enrollments
        .iter()
        .map(|r| (r.record.chain.clone(), r.record.enterprise.uscc.clone()))
        .collect();
    let member = |chain: &str, unit: &str| members.contains(&(chain.to_owned(), unit.to_owned()));
    // The last activity held under each pairing, on or before the day.
    let held: Vec<(String, NaiveDate)> = loaded
        .activities
        .iter()
        .filter(|a| {
            matches!(
                a.record.status,
                ActivityStatus::Held | ActivityStatus::Recorded
            )
        })
        .filter_map(|a| {
            let day = a.record.starts_at.date_naive();
            Some((a.record.pairing.clone()?, day)).filter(|_| day <= today)
        })
        .collect();
    let last_activity = |id: &str| {
        held.iter()
            .filter(|(pairing, _)| pairing == id)
            .map(|(_, day)| *day)
            .max()
    };
    let mut earlier: Vec<(String, Pairing)> = Vec::new();
    let mut kept = Vec::new();
    for (line, row) in lines(text) {
        counts.rows += 1;
        let around = PairingContext {
            earlier: &earlier,
            members: Some(&member),
            last_activity: Some(&last_activity),
        };
        let checked = check_pairing_json(row, &reading.context, &around);
        match checked.record {
            Some(record) => {
                kept.push(line);
                earlier.push((label(line), record));
            }
            None => {
                counts.left_out += 1;
                loaded.refuse(FileName::Pairings, Some(line), checked.report);
            }
        }
    }
    loaded.pairings = kept
        .into_iter()
        .zip(earlier)
        .map(|(line, (_, record))| Row { line, record })
        .collect();
    loaded.files.push((FileName::Pairings, counts));
}

pub(super) fn read_usage(text: &str, reading: &Reading<'_>, loaded: &mut Loaded) {
    let mut counts = FileCounts::default();
    let centres: Vec<_> = loaded.centres.iter().map(|r| r.record.clone()).collect();
    let around = UsageContext {
        centres: Some(&centres),
    };
    for (line, row) in lines(text) {
        counts.rows += 1;
        let checked = check_usage_json(row, &reading.context, &around);
        match checked.record {
            Some(record) => loaded.usage.push(Row { line, record }),
            None => {
                counts.left_out += 1;
                loaded.refuse(FileName::Usage, Some(line), checked.report);
            }
        }
    }
    loaded.files.push((FileName::Usage, counts));
}

#[cfg(test)]
mod tests {
    use super::super::{load, Folder};
    use super::*;
    use crate::calendar::{Calendar, DeadlinePolicy};
    use crate::demand::{Dictionary, Rules};
    use crate::ident::parse_date;
    use crate::{Catalog, Context};

    fn one_line(json: &str) -> String {
        serde_json::from_str::<serde_json::Value>(json)
            .unwrap()
            .to_string()
    }

    #[test]
    fn centres_pairings_and_usage_are_read_row_by_row() {
        let home = one_line(include_str!(
            "../../../tests/fixtures/centre/valid_bonded_zone_drivers_home.json"
        ));
        let park = one_line(include_str!(
            "../../../tests/fixtures/centre/valid_jewelry_park.json"
        ));
        let centres = format!("{home}\n{park}\n{home}\n");
        let seed = one_line(include_str!(
            "../../../tests/fixtures/pairing/valid_port_traffic_peak.json"
        ));
        let again = seed.replace("pairing-yantian-street-port-2026", "pairing-again");
        let pairings = format!("{seed}\n\n{again}\n{{}}\n");
        let usage = [
            r#"{"centre": "centre-bonded-zone-drivers-home", "on": "2026-11-24", "service": "shower", "visits": 86}"#,
            r#"{"centre": "centre-nowhere", "on": "2026-11-24", "service": "shower", "visits": 3}"#,
        ]
        .join("\n");
        let calendar = Calendar::china();
        let reading = Reading {
            context: Context::new(Catalog::yantian(), parse_date("2026-11-25").unwrap()),
            rules: Rules {
                calendar: &calendar,
                deadlines: DeadlinePolicy::default(),
                dictionary: Some(Dictionary::builtin()),
            },
            until: None,
        };
        let loaded = load(
            &Folder {
                roster: Some(""),
                centres: Some(&centres),
                pairings: Some(&pairings),
                usage: Some(&usage),
                ..Folder::default()
            },
            &reading,
        );
        assert_eq!(loaded.centres.len(), 2);
        assert_eq!(loaded.pairings.len(), 1);
        assert_eq!(loaded.pairings[0].line, 1);
        assert_eq!(loaded.usage.len(), 1);
        let located: Vec<(&str, Option<usize>, Code)> = loaded
            .findings
            .iter()
            .filter(|f| f.finding.is_error())
            .map(|f| (f.file.as_str(), f.line, f.finding.code))
            .filter(|f| f.0 != "roster.jsonl")
            .collect();
        assert_eq!(
            &located[..3],
            [
                ("centres.jsonl", Some(3), Code::DuplicateId),
                ("pairings.jsonl", Some(3), Code::PairingActiveTwice),
                ("pairings.jsonl", Some(4), Code::Required),
            ]
        );
        assert_eq!(
            located.last(),
            Some(&("usage.jsonl", Some(2), Code::UnknownCentre))
        );
        let again = loaded
            .findings
            .iter()
            .find(|f| f.finding.code == Code::PairingActiveTwice)
            .unwrap();
        assert_eq!(
            again.finding.params.get("earlier"),
            Some(&crate::Param::Text("line 1".into()))
        );
    }
}
