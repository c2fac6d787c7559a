//! The outreach report of a district folder (`docs/wire/headline.md`,
//! "Outreach"): on the options' `today`, where every contact stands with
//! every enterprise it holds (overdue first), and the programme's report —
//! per contact its enterprises, visits, demands raised and cadence, and the
//! programme's totals.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::headline::{at_file, load, located, LocatedFinding, Titles};
use super::Options;
use crate::folder::{FileCounts, FileName, Folder, Loaded};
use crate::headline::china_day;
use crate::ident::parse_date;
use crate::outreach::{cadence, CadenceEntry, CadenceStatus, ContactKind, Programme};
use crate::{Code, Path, Report};

/// `{today, programme, summary, contacts, cadence, files, findings}`;
/// `programme`, `summary` and `contacts` are null and `cadence` empty
/// without a valid programme.
#[derive(Debug, Serialize)]
pub struct OutreachAnswer {
    /// The day the cadence is reckoned on (the options' `today`).
    pub today: Option<NaiveDate>,
    /// The programme: `{id, name, from, to, owner}`.
    pub programme: Option<ProgrammeInfo>,
    /// The programme's totals up to `today`.
    pub summary: Option<Summary>,
    /// Per contact, in the programme's order.
    pub contacts: Option<Vec<ContactReport>>,
    /// Every contact × enterprise it holds: overdue first (most days
    /// first), then due (soonest first), then on time.
    pub cadence: Vec<CadenceEntry>,
    /// Per file that was there: rows read and left out.
    pub files: BTreeMap<&'static str, FileCounts>,
    /// The findings of `today`, of a missing programme and of every row left out.
    pub findings: Vec<LocatedFinding>,
    /// What the USCCs name, for pages (not part of the JSON).
    #[serde(skip)]
    pub titles: Titles,
}

/// The programme as the report names it.
#[derive(Debug, Clone, Serialize)]
pub struct ProgrammeInfo {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The unit that runs it.
    pub owner: String,
}

/// The programme's totals up to `today`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Contacts.
    pub contacts: u64,
    /// Key enterprises.
    pub key_enterprises: u64,
    /// Contact × enterprise assignments.
    pub assignments: u64,
    /// Assignments per cadence status (`overdue`, `due`, `on_time`).
    pub cadence: BTreeMap<&'static str, u64>,
    /// Visits of the programme from its start to `today`.
    pub visits: u64,
    /// Those visits per mode.
    pub visits_by_mode: BTreeMap<&'static str, u64>,
    /// Key enterprises visited at least once.
    pub key_enterprises_visited: u64,
    /// Demands raised at those visits (`origin.ref` naming one of them).
    pub demands_raised: u64,
}

/// One contact's part.
#[derive(Debug, Clone, Serialize)]
pub struct ContactReport {
    /// The contact's id.
    pub id: String,
    /// `cadre` or `member_unit`.
    pub kind: ContactKind,
    /// The unit's name.
    pub unit: String,
    /// Enterprises held.
    pub enterprises: u64,
    /// Visits made (programme start to `today`).
    pub visits: u64,
    /// Of which on site.
    pub on_site: u64,
    /// Demands raised at its visits.
    pub demands_raised: u64,
    /// Its assignments per cadence status.
    pub cadence: BTreeMap<&'static str, u64>,
}

/// The outreach report of a folder on the options' `today`: the folder
/// checked row by row as for [`super::headline`] (events after `today`
/// ignored), then the cadence and the programme's report from its valid
/// programme and visits. Without a valid programme there is no report: a
/// missing `programme.json` is a `required` finding at the file.
pub fn outreach(folder: &Folder<'_>, options: &Options) -> OutreachAnswer {
    let today = options.today.as_deref().and_then(parse_date);
    let mut report = Report::new();
    let loaded = load(folder, today, options).unwrap_or_else(|found| {
        report.extend(found);
        Loaded::default()
    });
    let mut findings: Vec<LocatedFinding> = at_file(&report, None, options);
    findings.extend(located(&loaded.findings, options));
    if folder.programme.is_none() && today.is_some() {
        let mut missing = Report::new();
        missing.add(Code::Required, Path::root());
        findings.extend(at_file(&missing, Some(FileName::Programme), options));
    }
    let files = loaded
        .files
        .iter()
        .map(|(file, counts)| (file.as_str(), *counts))
        .collect();
    let (Some(programme), Some(today)) = (&loaded.programme, today) else {
        return OutreachAnswer {
            today,
            programme: None,
            summary: None,
            contacts: None,
            cadence: Vec::new(),
            files,
            findings,
            titles: Titles::of(&loaded),
        };
    };
    let (summary, contacts, cadence) = programme_report(programme, &loaded, today);
    OutreachAnswer {
        today: Some(today),
        programme: Some(ProgrammeInfo {
            id: programme.id.clone(),
            name: programme.name.clone(),
            from: programme.from,
            to: programme.to,
            owner: programme.owner.clone(),
        }),
        summary: Some(summary),
        contacts: Some(contacts),
        cadence,
        files,
        findings,
        titles: Titles::of(&loaded),
    }
}

fn programme_report(
    programme: &Programme,
    loaded: &Loaded,
    today: NaiveDate,
) -> (Summary, Vec<ContactReport>, Vec<CadenceEntry>) {
    let visits: Vec<_> = loaded
        .visits
        .iter()
        .map(|row| &row.record)
        .filter(|v| {
            let day = china_day(v.visited_at);
            v.programme == programme.id && programme.from <= day && day <= today
        })
        .collect();
    let all: Vec<_> = loaded.visits.iter().map(|row| row.record.clone()).collect();
    let entries = cadence(programme, &all, today);
    // Demands raised at a visit name it in `origin.ref`.
    let mut raised: BTreeMap<&str, u64> = BTreeMap::new();
    for row in &loaded.demands {
        let record = &row.record.record;
        if china_day(record.submitted_at) > today {
            continue;
        }
        if let Some(reference) = record
            .origin
            .as_ref()
            .filter(|o| o.channel == crate::demand::Channel::Visit)
            .and_then(|o| o.reference.as_deref())
        {
            *raised.entry(reference).or_default() += 1;
        }
    }
    let mut summary = Summary {
        contacts: programme.contacts.len() as u64,
        key_enterprises: programme.key_enterprises.len() as u64,
        assignments: entries.len() as u64,
        ..Summary::default()
    };
    for status in [
        CadenceStatus::Overdue,
        CadenceStatus::Due,
        CadenceStatus::OnTime,
    ] {
        summary.cadence.insert(status.as_str(), 0);
    }
    for entry in &entries {
        *summary.cadence.entry(entry.status.as_str()).or_default() += 1;
    }
    let mut visited = std::collections::BTreeSet::new();
    for visit in &visits {
        summary.visits += 1;
        *summary
            .visits_by_mode
            .entry(visit.mode.as_str())
            .or_default() += 1;
        summary.demands_raised += raised.get(visit.id.as_str()).copied().unwrap_or(0);
        if programme.is_key(&visit.enterprise_uscc) {
            visited.insert(visit.enterprise_uscc.as_str());
        }
    }
    summary.key_enterprises_visited = visited.len() as u64;
    let contacts = programme
        .contacts
        .iter()
        .map(|contact| {
            let theirs: Vec<_> = visits.iter().filter(|v| v.contact == contact.id).collect();
            let mut cadence: BTreeMap<&'static str, u64> = BTreeMap::new();
            for entry in entries.iter().filter(|e| e.contact == contact.id) {
                *cadence.entry(entry.status.as_str()).or_default() += 1;
            }
            ContactReport {
                id: contact.id.clone(),
                kind: contact.kind,
                unit: contact.unit.clone(),
                enterprises: contact.enterprises.len() as u64,
                visits: theirs.len() as u64,
                on_site: theirs
                    .iter()
                    .filter(|v| v.mode == crate::outreach::VisitMode::OnSite)
                    .count() as u64,
                demands_raised: theirs
                    .iter()
                    .map(|v| raised.get(v.id.as_str()).copied().unwrap_or(0))
                    .sum(),
                cadence,
            }
        })
        .collect();
    (summary, contacts, entries)
}
