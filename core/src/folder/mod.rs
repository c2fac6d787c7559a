//! A district folder: the files a district keeps its records in, read from
//! their texts (the host reads the files; nothing here does I/O) and checked
//! row by row by the rules of each record (`docs/wire/headline.md`, "The
//! district folder").
//!
//! | file | one line (or the file) |
//! |---|---|
//! | `roster.jsonl` | an enrollment record |
//! | `programme.json` | one contact programme (the whole file) |
//! | `demands.jsonl` | `{"id", "record", "events"}`: a demand and its lifecycle history |
//! | `visits.jsonl` | a visit, checked against the programme and the earlier visits |
//! | `activities.jsonl` | an activity, checked against the earlier activities |
//! | `centres.jsonl` | a centre (党群服务中心), an id used once |
//! | `pairings.jsonl` | a pairing, checked against the earlier pairings, the roster's members and the activities held under it |
//! | `usage.jsonl` | a day's count of a service at a centre of `centres.jsonl` |
//!
//! Each file is read when it is there (what a report needs, it says). A
//! row that fails its checks is left out of everything built on the folder
//! and reported as a [`FileFinding`] with its file and line; the rows that
//! pass are kept, with their line, in file order.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

mod pairings;

use crate::centre::{Centre, Usage};
use crate::demand::{check_stored_demand_json, Rules, StoredDemand};
use crate::findings::{Code, Finding, Path, Report};
use crate::outreach::{
    activity_against_earlier, check_activity_json, check_programme_json, check_visit_json,
    visit_against_earlier, Activity, OutreachContext, Programme, Visit,
};
use crate::pairing::Pairing;
use crate::{check_enrollment_json, Context, Enrollment};

/// The texts of a district folder's files; `None` for a file that is not there.
#[derive(Debug, Clone, Copy, Default)]
pub struct Folder<'a> {
    /// `roster.jsonl`: enrollment records, one a line (required).
    pub roster: Option<&'a str>,
    /// `programme.json`: one contact programme.
    pub programme: Option<&'a str>,
    /// `demands.jsonl`: `{"id", "record", "events"}`, one a line.
    pub demands: Option<&'a str>,
    /// `visits.jsonl`: visit records, one a line.
    pub visits: Option<&'a str>,
    /// `activities.jsonl`: activity records, one a line.
    pub activities: Option<&'a str>,
    /// `centres.jsonl`: centre records, one a line.
    pub centres: Option<&'a str>,
    /// `pairings.jsonl`: pairing records, one a line.
    pub pairings: Option<&'a str>,
    /// `usage.jsonl`: usage counts, one a line.
    pub usage: Option<&'a str>,
}

impl<'a> Folder<'a> {
    /// The text of a file, if it is there.
    pub fn get(&self, file: FileName) -> Option<&'a str> {
        match file {
            FileName::Roster => self.roster,
            FileName::Programme => self.programme,
            FileName::Demands => self.demands,
            FileName::Visits => self.visits,
            FileName::Activities => self.activities,
            FileName::Centres => self.centres,
            FileName::Pairings => self.pairings,
            FileName::Usage => self.usage,
        }
    }

    /// Sets the text of a file.
    pub fn set(&mut self, file: FileName, text: &'a str) {
        let slot = match file {
            FileName::Roster => &mut self.roster,
            FileName::Programme => &mut self.programme,
            FileName::Demands => &mut self.demands,
            FileName::Visits => &mut self.visits,
            FileName::Activities => &mut self.activities,
            FileName::Centres => &mut self.centres,
            FileName::Pairings => &mut self.pairings,
            FileName::Usage => &mut self.usage,
        };
        *slot = Some(text);
    }
}

/// A file of the folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileName {
    /// `roster.jsonl`.
    Roster,
    /// `programme.json`.
    Programme,
    /// `demands.jsonl`.
    Demands,
    /// `visits.jsonl`.
    Visits,
    /// `activities.jsonl`.
    Activities,
    /// `centres.jsonl`.
    Centres,
    /// `pairings.jsonl`.
    Pairings,
    /// `usage.jsonl`.
    Usage,
}

impl FileName {
    /// Every file, in the order they are read.
    pub const ALL: [FileName; 8] = [
        FileName::Roster,
        FileName::Programme,
        FileName::Demands,
        FileName::Visits,
        FileName::Activities,
        FileName::Centres,
        FileName::Pairings,
        FileName::Usage,
    ];

    /// The file's name in the folder.
    pub const fn as_str(self) -> &'static str {
        match self {
            FileName::Roster => "roster.jsonl",
            FileName::Programme => "programme.json",
            FileName::Demands => "demands.jsonl",
            FileName::Visits => "visits.jsonl",
            FileName::Activities => "activities.jsonl",
            FileName::Centres => "centres.jsonl",
            FileName::Pairings => "pairings.jsonl",
            FileName::Usage => "usage.jsonl",
        }
    }

    /// The file with this name, if the folder has one.
    pub fn from_name(name: &str) -> Option<FileName> {
        FileName::ALL.into_iter().find(|f| f.as_str() == name)
    }
}

impl Serialize for FileName {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A finding about a row of a file: which file, which line (none for the
/// file as a whole), and the finding with its path inside the row.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFinding {
    /// The file.
    pub file: FileName,
    /// The line, from 1; `None` for the file as a whole.
    pub line: Option<usize>,
    /// The finding.
    pub finding: Finding,
}

/// A row that passed its checks, with its line.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<T> {
    /// The line, from 1.
    pub line: usize,
    /// The record.
    pub record: T,
}

/// How many rows a file held, and how many were left out.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct FileCounts {
    /// Rows read (blank lines are not rows).
    pub rows: usize,
    /// Rows left out for their errors.
    pub left_out: usize,
}

/// A folder read and checked.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Valid enrollment rows, in file order.
    pub enrollments: Vec<Row<Enrollment>>,
    /// The programme, when `programme.json` is there and valid.
    pub programme: Option<Programme>,
    /// Valid stored demands, in file order.
    pub demands: Vec<Row<StoredDemand>>,
    /// Valid visits, in file order.
    pub visits: Vec<Row<Visit>>,
    /// Valid activities, in file order.
    pub activities: Vec<Row<Activity>>,
    /// Valid centres, in file order.
    pub centres: Vec<Row<Centre>>,
    /// Valid pairings, in file order.
    pub pairings: Vec<Row<Pairing>>,
    /// Valid usage counts, in file order.
    pub usage: Vec<Row<Usage>>,
    /// The findings of every row left out (errors and their warnings), in
    /// file order.
    pub findings: Vec<FileFinding>,
    /// Per file that was there: rows read and left out.
    pub files: Vec<(FileName, FileCounts)>,
}

impl Loaded {
    pub(crate) fn refuse(&mut self, file: FileName, line: Option<usize>, report: Report) {
        self.findings
            .extend(report.into_iter().map(|finding| FileFinding {
                file,
                line,
                finding,
            }));
    }
}

/// What reading a folder needs besides its texts.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'a> {
    /// The catalog (chains, activity kinds and series), the date checks
    /// compare against (`today`), legacy codes.
    pub context: Context<'a>,
    /// The lifecycle's calendar, deadlines and departments (the departments
    /// outreach records may name too).
    pub rules: Rules<'a>,
    /// Events dated after this day (China time) are ignored, as not yet
    /// recorded; `None` keeps them all.
    pub until: Option<NaiveDate>,
}

/// Reads and checks every file of the folder.
pub fn load(folder: &Folder<'_>, reading: &Reading<'_>) -> Loaded {
    let mut loaded = Loaded::default();
    if let Some(text) = folder.roster {
        read_roster(text, reading, &mut loaded);
    }
    if let Some(text) = folder.programme {
        read_programme(text, reading, &mut loaded);
    }
    if let Some(text) = folder.demands {
        read_demands(text, reading, &mut loaded);
    }
    if let Some(text) = folder.visits {
        read_visits(text, reading, &mut loaded);
    }
    if let Some(text) = folder.activities {
        read_activities(text, reading, &mut loaded);
    }
    if let Some(text) = folder.centres {
        pairings::read_centres(text, reading, &mut loaded);
    }
    if let Some(text) = folder.pairings {
        pairings::read_pairings(text, reading, &mut loaded);
    }
    if let Some(text) = folder.usage {
        pairings::read_usage(text, reading, &mut loaded);
    }
    loaded
}

/// The context of the outreach checks: visits against the folder's
/// programme when it has a valid one.
fn outreach<'a>(reading: &Reading<'a>, programme: Option<&'a Programme>) -> OutreachContext<'a> {
    let mut context = OutreachContext::new(reading.context, reading.rules.calendar);
    if let Some(dictionary) = reading.rules.dictionary {
        context.departments = dictionary;
    }
    context.programme = programme;
    context
}

/// How a row is named to the rows after it (`line 3`).
pub(crate) fn label(line: usize) -> String {
    format!("line {line}")
}

fn read_programme(text: &str, reading: &Reading<'_>, loaded: &mut Loaded) {
    let checked = check_programme_json(text, &outreach(reading, None));
    let counts = match checked.record {
        Some(programme) => {
            loaded.programme = Some(programme);
            FileCounts {
                rows: 1,
                left_out: 0,
            }
        }
        None => {
            loaded.refuse(FileName::Programme, None, checked.report);
            FileCounts {
                rows: 1,
                left_out: 1,
            }
        }
    };
    loaded.files.push((FileName::Programme, counts));
}

fn read_visits(text: &str, reading: &Reading<'_>, loaded: &mut Loaded) {
    let mut counts = FileCounts::default();
    let mut earlier: Vec<(String, Visit)> = Vec::new();
    let mut refused = Vec::new();
    let mut lines_of = Vec::new();
    {
        let context = outreach(reading, loaded.programme.as_ref());
        for (line, row) in lines(text) {
            counts.rows += 1;
            let mut checked = check_visit_json(row, &context);
            if let Some(visit) = &checked.record {
                visit_against_earlier(visit, &earlier, &mut checked.report);
            }
            match checked.record.filter(|_| checked.report.is_valid()) {
                Some(visit) => {
                    lines_of.push(line);
                    earlier.push((label(line), visit));
                }
                None => {
                    counts.left_out += 1;
                    refused.push((line, checked.report));
                }
            }
        }
    }
    for (line, report) in refused {
        loaded.refuse(FileName::Visits, Some(line), report);
    }
    loaded.visits = lines_of
        .into_iter()
        .zip(earlier)
        .map(|(line, (_, record))| Row { line, record })
        .collect();
    loaded.files.push((FileName::Visits, counts));
}

fn read_activities(text: &str, reading: &Reading<'_>, loaded: &mut Loaded) {
    let mut counts = FileCounts::default();
    let context = outreach(reading, None);
    let mut earlier: Vec<(String, Activity)> = Vec::new();
    let mut lines_of = Vec::new();
    for (line, row) in lines(text) {
        counts.rows += 1;
        let mut checked = check_activity_json(row, &context);
        if let Some(activity) = &checked.record {
            activity_against_earlier(activity, &earlier, &mut checked.report);
        }
        match checked.record.filter(|_| checked.report.is_valid()) {
            Some(activity) => {
                lines_of.push(line);
                earlier.push((label(line), activity));
            }
            None => {
                counts.left_out += 1;
                loaded.refuse(FileName::Activities, Some(line), checked.report);
            }
        }
    }
    loaded.activities = lines_of
        .into_iter()
        .zip(earlier)
        .map(|(line, (_, record))| Row { line, record })
        .collect();
    loaded.files.push((FileName::Activities, counts));
}

/// The non-blank lines of a JSON-lines text, numbered from 1 (a byte-order
/// mark at the start is not part of the first line).
pub(crate) fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    text.lines()
        .enumerate()
        .map(|(i, line)| (i + 1, line))
        .filter(|(_, line)| !line.trim().is_empty())
}

fn read_roster(text: &str, reading: &Reading<'_>, loaded: &mut Loaded) {
    let mut counts = FileCounts::default();
    // The first valid row of each enterprise in each chain: a second one is
    // a second enrollment, refused as the coverage report refuses it.
    let mut first: HashMap<(String, String), usize> = HashMap::new();
    for (line, row) in lines(text) {
        counts.rows += 1;
        let checked = check_enrollment_json(row, &reading.context);
        let Some(record) = checked.record else {
            counts.left_out += 1;
            loaded.refuse(FileName::Roster, Some(line), checked.report);
            continue;
        };
        let key = (record.chain.clone(), record.enterprise.uscc.clone());
        if let Some(&first_row) = first.get(&key) {
            counts.left_out += 1;
            let mut report = Report::new();
            report.push(
                Finding::new(Code::DuplicateEnrollment, Path::root()).with("first_row", first_row),
            );
            loaded.refuse(FileName::Roster, Some(line), report);
            continue;
        }
        first.insert(key, line);
        loaded.enrollments.push(Row { line, record });
    }
    loaded.files.push((FileName::Roster, counts));
}

fn read_demands(text: &str, reading: &Reading<'_>, loaded: &mut Loaded) {
    let mut counts = FileCounts::default();
    // The line of each id taken: a later demand with the same id is refused.
    let mut first: HashMap<String, usize> = HashMap::new();
    for (line, row) in lines(text) {
        counts.rows += 1;
        let mut checked =
            check_stored_demand_json(row, &reading.context, &reading.rules, reading.until);
        if let Some(demand) = &checked.record {
            if let Some(&earlier) = first.get(&demand.id) {
                checked.report.push(
                    Finding::new(Code::DuplicateId, Path::root().key("id"))
                        .with("earlier", label(earlier)),
                );
            }
        }
        match checked.record.filter(|_| checked.report.is_valid()) {
            Some(record) => {
                first.insert(record.id.clone(), line);
                loaded.demands.push(Row { line, record });
            }
            None => {
                counts.left_out += 1;
                loaded.refuse(FileName::Demands, Some(line), checked.report);
            }
        }
    }
    loaded.files.push((FileName::Demands, counts));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, DeadlinePolicy};
    use crate::demand::Dictionary;
    use crate::ident::parse_date;
    use crate::Catalog;

    fn one_line(json: &str) -> String {
        let value: serde_json::Value = serde_json::from_str(json).unwrap();
        value.to_string()
    }

    #[test]
    fn rows_left_out_are_findings_with_file_and_line() {
        let valid = one_line(include_str!(
            "../../../tests/fixtures/enrollment/valid_own_branch.json"
        ));
        let joint = one_line(include_str!(
            "../../../tests/fixtures/enrollment/valid_joint_branch.json"
        ));
        let roster = format!("\u{FEFF}{valid}\n\n{{\"chain\": 1}}\n{joint}\n{valid}\n");
        let demand = one_line(include_str!(
            "../../../tests/fixtures/demand/valid_help_traffic.json"
        ));
        let demands = format!("{{\"id\": \"d1\", \"record\": {demand}}}\nnot json\n");
        let calendar = Calendar::china();
        let reading = Reading {
            context: Context::new(Catalog::yantian(), parse_date("2026-12-31").unwrap()),
            rules: Rules {
                calendar: &calendar,
                deadlines: DeadlinePolicy::default(),
                dictionary: Some(Dictionary::builtin()),
            },
            until: None,
        };
        let loaded = load(
            &Folder {
                roster: Some(&roster),
                demands: Some(&demands),
                ..Folder::default()
            },
            &reading,
        );
        let lines: Vec<usize> = loaded.enrollments.iter().map(|r| r.line).collect();
        assert_eq!(lines, [1, 4]);
        assert_eq!(loaded.demands.len(), 1);
        assert_eq!(loaded.demands[0].record.id, "d1");
        let located: Vec<(&str, Option<usize>, Code)> = loaded
            .findings
            .iter()
            .map(|f| (f.file.as_str(), f.line, f.finding.code))
            .filter(|f| f.2.severity() == crate::Severity::Error && f.2 != Code::Required)
            .collect();
        assert_eq!(
            located,
            [
                ("roster.jsonl", Some(3), Code::WrongType),
                ("roster.jsonl", Some(5), Code::DuplicateEnrollment),
                ("demands.jsonl", Some(2), Code::InvalidJson),
            ]
        );
        assert_eq!(
            loaded.files,
            [
                (
                    FileName::Roster,
                    FileCounts {
                        rows: 4,
                        left_out: 2
                    }
                ),
                (
                    FileName::Demands,
                    FileCounts {
                        rows: 2,
                        left_out: 1
                    }
                ),
            ]
        );
        // Without a roster, the other files are read all the same.
        let without = load(
            &Folder {
                roster: None,
                demands: Some(&demands),
                ..Folder::default()
            },
            &reading,
        );
        assert_eq!(without.findings[0].file, FileName::Demands);
        assert_eq!(without.demands.len(), 1);
    }
}
