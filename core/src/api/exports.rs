//! The exports of a district folder (`docs/wire/pairings.md`, "Exports"):
//! its centres as Open Referral HSDS 3.0 objects, and its activities as an
//! iCalendar (RFC 5545) calendar (feature `ical`), each with the folder's
//! findings of the rows left out.

use std::collections::BTreeMap;

use serde::Serialize;

use super::headline::{at_file, load, located, with_folder_json, LocatedFinding};
use super::Options;
use crate::centre::hsds::{self, Hsds};
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
            let findings = at_file(&report, None, options);
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

/// [`hsds()`] of a folder given as one JSON object of file texts
/// (`{"centres.jsonl": "…"}`), as the C ABI, Python and JavaScript pass it;
/// the object's own findings (a member that is not text, a name that is no
/// file of the folder) come first.
pub fn hsds_json(folder_json: &str, options: &Options) -> HsdsAnswer {
    let (mut answer, mut found) = with_folder_json(folder_json, options, |f| hsds(f, options));
    found.append(&mut answer.findings);
    answer.findings = found;
    answer
}

/// [`ical`] of a folder given as one JSON object of file texts, `stamp`
/// (`DTSTAMP`) as RFC 3339 text with an offset. A stamp that cannot be read
/// is a `datetime_invalid` finding at `stamp` and no export.
#[cfg(feature = "ical")]
pub fn ical_json(folder_json: &str, stamp: &str, options: &Options) -> ExportAnswer<String> {
    let Some(stamp) = crate::ident::parse_datetime(stamp) else {
        let mut report = crate::Report::new();
        report.add(
            crate::Code::DateTimeInvalid,
            crate::Path::root().key("stamp"),
        );
        return ExportAnswer {
            export: None,
            files: BTreeMap::new(),
            findings: at_file(&report, None, options),
        };
    };
    let stamp = stamp.with_timezone(&chrono::Utc);
    let (mut answer, mut found) =
        with_folder_json(folder_json, options, |f| ical(f, stamp, options));
    found.append(&mut answer.findings);
    answer.findings = found;
    answer
}
