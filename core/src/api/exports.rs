//! The exports of a district folder (`docs/wire/pairings.md`, "Exports"):
//! its centres as Open Referral HSDS 3.0 objects, and its activities as an
//! iCalendar (RFC 5545) calendar (feature `ical`), each with the folder's
//! findings of the rows left out.

use std::collections::BTreeMap;

use serde::Serialize;

use super::headline::{load, located, LocatedFinding};
use super::Options;
use crate::centre::hsds::{self, Hsds};
use crate::findings::RenderedFinding;
use crate::folder::{FileCounts, FileName, Folder, Loaded};

/// `{export, files, findings}`: what an export wrote, and the rows it left out.
#[derive(Debug, Serialize)]
pub struct ExportAnswer<T> {
    /// The export; null when the options have no usable `today`.
    pub export: Option<T>,
    /// Per file read: rows read and left out.
    pub files: BTreeMap<&'static str, FileCounts>,
    /// The findings of every row left out, with file and line, and of the
    /// options.
    pub findings: Vec<LocatedFinding>,
}

/// The HSDS export of a folder.
pub type HsdsAnswer = ExportAnswer<Hsds>;

/// Reads `files` of the folder with the options; the rows and the findings.
fn read(
    folder: &Folder<'_>,
    files: &[FileName],
    options: &Options,
) -> (Option<Loaded>, Vec<LocatedFinding>) {
    let mut only = Folder::default();
    for &file in files {
        if let Some(text) = folder.get(file) {
            only.set(file, text);
        }
    }
    match load(&only, None, options) {
        Ok(loaded) => {
            let findings = located(&loaded.findings, options);
            (Some(loaded), findings)
        }
        Err(report) => {
            let findings = options
                .render(&report)
                .into_iter()
                .map(|finding: RenderedFinding| LocatedFinding {
                    file: None,
                    line: None,
                    finding,
                })
                .collect();
            (None, findings)
        }
    }
}

fn answer<T>(
    loaded: &Option<Loaded>,
    export: Option<T>,
    findings: Vec<LocatedFinding>,
) -> ExportAnswer<T> {
    ExportAnswer {
        export,
        files: loaded
            .iter()
            .flat_map(|l| &l.files)
            .map(|(file, counts)| (file.as_str(), *counts))
            .collect(),
        findings,
    }
}

/// The valid centres of the folder's `centres.jsonl` as HSDS 3.0 objects,
/// names in the options' language.
pub fn hsds(folder: &Folder<'_>, options: &Options) -> HsdsAnswer {
    let (loaded, findings) = read(folder, &[FileName::Centres], options);
    let export = loaded.as_ref().map(|l| {
        let centres: Vec<_> = l.centres.iter().map(|r| r.record.clone()).collect();
        hsds::export(&centres, options.lang())
    });
    answer(&loaded, export, findings)
}

/// The valid activities of the folder's `activities.jsonl` as an iCalendar
/// calendar (`export`: its text), places named from `centres.jsonl`, kinds,
/// series and chains from the options' catalog in their language; `stamp`
/// is the export's time (`DTSTAMP`).
#[cfg(feature = "ical")]
pub fn ical(
    folder: &Folder<'_>,
    stamp: chrono::DateTime<chrono::Utc>,
    options: &Options,
) -> ExportAnswer<String> {
    let (loaded, findings) = read(folder, &[FileName::Activities, FileName::Centres], options);
    let export = loaded.as_ref().map(|l| {
        let activities: Vec<_> = l.activities.iter().map(|r| r.record.clone()).collect();
        let centres: Vec<_> = l.centres.iter().map(|r| r.record.clone()).collect();
        crate::ical::activity_calendar(
            &activities,
            &centres,
            options.catalog(),
            stamp,
            options.lang(),
        )
    });
    answer(&loaded, export, findings)
}
