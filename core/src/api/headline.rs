//! The headline report of a district folder (`docs/wire/headline.md`): the
//! folder's files given as texts, the period and the as-of day as typed,
//! the answer in the JSON every host prints.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::Options;
use crate::calendar::{Calendar, DeadlinePolicy};
use crate::demand::{Dictionary, Rules};
use crate::findings::RenderedFinding;
use crate::folder::{self, FileCounts, FileFinding, FileName, Folder, Loaded, Reading};
use crate::headline::{self, Figures, Lists, Period, Scope};
use crate::ident::parse_date;
use crate::input::{self, Fields, Got, Kind, Schema};
use crate::{Code, Finding, Lang, Path, Report};

/// `{period, as_of, programme, figures, lists, definitions, names, files,
/// findings}`. `period`, `as_of`, `figures` and `lists` are null when the
/// period cannot be read (its findings say why).
#[derive(Debug, Serialize)]
pub struct HeadlineAnswer {
    /// The period counted.
    pub period: Option<Period>,
    /// The day records and events are taken as of.
    pub as_of: Option<NaiveDate>,
    /// The programme counted, if the folder has a valid one.
    pub programme: Option<String>,
    /// The figures.
    pub figures: Option<Figures>,
    /// The list behind each figure.
    pub lists: Option<Lists>,
    /// Each figure's definition in the options' language.
    pub definitions: BTreeMap<&'static str, &'static str>,
    /// Each figure's name in the options' language.
    pub names: BTreeMap<&'static str, &'static str>,
    /// Per file of the folder that was there: rows read and left out.
    pub files: BTreeMap<&'static str, FileCounts>,
    /// The findings of the period, of missing files and of every row left out.
    pub findings: Vec<LocatedFinding>,
    /// What the ids of the lists name, for pages that show them (not part
    /// of the JSON).
    #[serde(skip)]
    pub titles: Titles,
}

/// The names behind the ids of the lists: enterprises by USCC (from the
/// roster, else from their demands), demands by id (their titles).
#[derive(Debug, Clone, Default)]
pub struct Titles {
    /// USCC → the enterprise's name.
    pub enterprises: BTreeMap<String, String>,
    /// Demand id → its title.
    pub demands: BTreeMap<String, String>,
    /// Activity id → its title.
    pub activities: BTreeMap<String, String>,
}

impl Titles {
    /// The names of a folder's valid rows.
    pub fn of(loaded: &Loaded) -> Titles {
        let mut titles = Titles::default();
        for row in &loaded.demands {
            let demand = &row.record;
            titles.enterprises.insert(
                demand.record.enterprise_uscc.clone(),
                demand.record.enterprise_name.clone(),
            );
            titles
                .demands
                .insert(demand.id.clone(), demand.record.title.clone());
        }
        for row in &loaded.activities {
            titles
                .activities
                .insert(row.record.id.clone(), row.record.title.clone());
        }
        for row in &loaded.enrollments {
            let enterprise = &row.record.enterprise;
            titles
                .enterprises
                .insert(enterprise.uscc.clone(), enterprise.name.clone());
        }
        titles
    }
}

/// A finding with the file and line it is about (none for the period).
#[derive(Debug, Clone, Serialize)]
pub struct LocatedFinding {
    /// The file (`demands.jsonl`), absent for the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<FileName>,
    /// The line, from 1; absent for the period or a file as a whole.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The finding, message rendered.
    #[serde(flatten)]
    pub finding: RenderedFinding,
}

/// The period as the figures take it: `from` and `to` (`YYYY-MM-DD`),
/// `as_of` defaulting to `to`.
#[derive(Debug, Clone, Copy)]
pub struct Query<'a> {
    /// First day of the period.
    pub from: &'a str,
    /// Last day of the period.
    pub to: &'a str,
    /// The day records and events are taken as of (default: `to`).
    pub as_of: Option<&'a str>,
}

/// The headline report of a folder for a period: every file checked row by
/// row (with the options' date, catalog, legacy codes and holiday
/// schedules), the valid rows counted. A period that cannot be read is a
/// finding at `from`, `to` or `as_of` (`date_invalid`), and so is one that
/// ends before it starts (`ends_before_start` at `to`); the figures are
/// then null, the rows still checked.
pub fn headline(folder: &Folder<'_>, query: &Query<'_>, options: &Options) -> HeadlineAnswer {
    let lang = options.lang();
    let mut report = Report::new();
    let mut date = |key: &'static str, text: &str| {
        let date = parse_date(text.trim());
        if date.is_none() {
            report.add(Code::DateInvalid, Path::root().key(key));
        }
        date
    };
    let from = date("from", query.from);
    let to = date("to", query.to);
    let as_of = match query.as_of {
        Some(text) => date("as_of", text),
        None => to,
    };
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            report.push(
                Finding::new(Code::EndsBeforeStart, Path::root().key("to")).with("start", "from"),
            );
        }
    }
    let loaded = load(folder, as_of, options).unwrap_or_else(|found| {
        report.extend(found);
        Loaded::default()
    });
    let scope = match (from, to, as_of) {
        (Some(from), Some(to), Some(as_of)) if report.is_valid() => Some(Scope {
            from,
            to,
            as_of,
            programme: None,
        }),
        _ => None,
    };
    let counted = scope.map(|scope| headline::district::tally(&loaded, scope).report());
    let mut findings: Vec<LocatedFinding> = at_file(&report, None, options);
    if folder.roster.is_none() {
        let mut missing = Report::new();
        missing.add(Code::Required, Path::root());
        findings.extend(at_file(&missing, Some(FileName::Roster), options));
    }
    findings.extend(located(&loaded.findings, options));
    let (period, as_of, programme, figures, lists) = match counted {
        Some(h) => (
            Some(h.period),
            Some(h.as_of),
            h.programme,
            Some(h.figures),
            Some(h.lists),
        ),
        None => (None, None, None, None, None),
    };
    HeadlineAnswer {
        period,
        as_of,
        programme,
        figures,
        lists,
        definitions: texts(lang, |f, lang| f.definition(lang)),
        names: texts(lang, |f, lang| f.name(lang)),
        files: loaded
            .files
            .iter()
            .map(|(file, counts)| (file.as_str(), *counts))
            .collect(),
        findings,
        titles: Titles::of(&loaded),
    }
}

/// The files of a folder, in the order of [`FileName::ALL`].
static FOLDER: Schema = Schema {
    fields: &[
        ("roster.jsonl", Kind::Scalar),
        ("programme.json", Kind::Scalar),
        ("demands.jsonl", Kind::Scalar),
        ("visits.jsonl", Kind::Scalar),
        ("activities.jsonl", Kind::Scalar),
        ("centres.jsonl", Kind::Scalar),
        ("pairings.jsonl", Kind::Scalar),
        ("usage.jsonl", Kind::Scalar),
    ],
};

/// [`headline()`] of a folder given as one JSON object of file texts
/// (`{"roster.jsonl": "…", "demands.jsonl": "…"}`), as the C ABI, Python and
/// JavaScript pass it. An object that cannot be read, a member that is not
/// text and a name that is no file of the folder are findings at the
/// member's name; the files that can be read are still counted.
pub fn headline_json(folder_json: &str, query: &Query<'_>, options: &Options) -> HeadlineAnswer {
    let (mut answer, mut found) = with_folder_json(folder_json, options, |folder| {
        headline(folder, query, options)
    });
    found.append(&mut answer.findings);
    answer.findings = found;
    answer
}

/// Runs `f` on a folder given as one JSON object of file texts
/// (`{"roster.jsonl": "…", …}`); beside its answer, the findings of the
/// object itself (located in no file): an object that cannot be read, a
/// member that is not text, a name that is no file of the folder.
pub(super) fn with_folder_json<R>(
    folder_json: &str,
    options: &Options,
    f: impl FnOnce(&Folder<'_>) -> R,
) -> (R, Vec<LocatedFinding>) {
    let text = input::prepare(folder_json);
    let mut report = Report::new();
    let mut folder = Folder::default();
    let got = input::parse(&text, &FOLDER, &mut report);
    if let Some(fields) = got
        .as_ref()
        .and_then(|got| Fields::open(got, Path::root(), &mut report))
    {
        for file in FileName::ALL {
            match fields.raw(file.as_str()) {
                Some(Got::Str(text)) => folder.set(file, text),
                Some(other) => report.push(
                    Finding::new(Code::WrongType, fields.path(file.as_str()))
                        .with("expected", "string")
                        .with("found", other.type_name()),
                ),
                None => {}
            }
        }
    }
    let answer = f(&folder);
    let found = at_file(&report, None, options);
    (answer, found)
}

/// Reads a folder with the options' date, catalog, legacy codes and
/// calendar; events after `until` are ignored. Without a usable `today`
/// nothing can be checked: `Err` with a `date_invalid` finding at `today`.
pub fn load(
    folder: &Folder<'_>,
    until: Option<NaiveDate>,
    options: &Options,
) -> Result<Loaded, Report> {
    let Some(today) = options.today.as_deref().and_then(parse_date) else {
        let mut report = Report::new();
        report.add(Code::DateInvalid, Path::root().key("today"));
        return Err(report);
    };
    let builtin;
    let calendar = match &options.calendar {
        Some(calendar) => calendar,
        None => {
            builtin = Calendar::china();
            &builtin
        }
    };
    let policy = options.policy();
    let reading = Reading {
        context: crate::Context::new(options.catalog(), today).with_uscc_policy(&policy),
        rules: Rules {
            calendar,
            deadlines: DeadlinePolicy::default(),
            dictionary: Some(Dictionary::builtin()),
        },
        until,
    };
    Ok(folder::load(folder, &reading))
}

/// The findings of `report` with their messages rendered, each at `file`
/// (`None`: of the request itself, such as its options) and on no line.
pub(crate) fn at_file(
    report: &Report,
    file: Option<FileName>,
    options: &Options,
) -> Vec<LocatedFinding> {
    options
        .render(report)
        .into_iter()
        .map(|finding| LocatedFinding {
            file,
            line: None,
            finding,
        })
        .collect()
}

/// Findings of rows with their file and line, messages rendered.
pub fn located(findings: &[FileFinding], options: &Options) -> Vec<LocatedFinding> {
    let (messages, lang) = (options.messages(), options.lang());
    findings
        .iter()
        .map(|f| LocatedFinding {
            file: Some(f.file),
            line: f.line,
            finding: RenderedFinding {
                code: f.finding.code,
                severity: f.finding.severity,
                path: f.finding.path.clone(),
                params: f.finding.params.clone(),
                message: messages.render(lang, &f.finding),
            },
        })
        .collect()
}

fn texts(
    lang: Lang,
    text: impl Fn(&'static headline::FigureText, Lang) -> &'static str,
) -> BTreeMap<&'static str, &'static str> {
    headline::figures()
        .iter()
        .map(|figure| (figure.id.as_str(), text(figure, lang)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_object_names_every_file_of_the_folder() {
        let names: Vec<&str> = FOLDER.fields.iter().map(|(name, _)| *name).collect();
        let files: Vec<&str> = FileName::ALL.iter().map(|f| f.as_str()).collect();
        assert_eq!(names, files);
    }

    #[test]
    fn a_period_that_ends_before_it_starts_is_refused_at_its_end() {
        let options = Options::from_json(r#"{"today": "2026-12-31"}"#).unwrap();
        let query = Query {
            from: "2026-12-31",
            to: "2026-01-01",
            as_of: None,
        };
        let answer = headline(&Folder::default(), &query, &options);
        assert!(answer.figures.is_none() && answer.period.is_none());
        let first = &answer.findings[0];
        assert_eq!(
            (
                first.finding.code,
                first.finding.path.to_string(),
                first.file
            ),
            (Code::EndsBeforeStart, "to".to_owned(), None)
        );
        // The folder's own findings follow: the roster is missing.
        assert_eq!(answer.findings[1].file, Some(FileName::Roster));
    }
}
