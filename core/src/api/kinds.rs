//! One way in for every kind of record: check a record of a named kind
//! (`enrollment`, `demand`, `programme`, `visit`, `activity`, `pairing`,
//! `centre`) with the
//! options, or the records of a JSON-lines file, each also against the valid
//! records on its earlier lines (a demand repeating an earlier one, a visit
//! made twice, a room taken twice, an id used again).
//!
//! A new kind of record is a few lines here: its name in [`RecordKind`],
//! its record in [`AnyRecord`], and in the batch what it remembers of
//! earlier lines and how it is checked against them.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Serialize;

use super::Options;
use crate::calendar::Calendar;
use crate::centre::{centre_against_earlier, check_centre_json, Centre};
use crate::demand::{check_demand_json, Demand, PriorDemand, RepeatCheck};
use crate::findings::RenderedFinding;
use crate::ident::parse_date;
use crate::outreach::{
    activity_against_earlier, check_activity_json, check_programme_json, check_visit_json,
    programme_against_earlier, visit_against_earlier, Activity, OutreachContext, Programme, Visit,
};
use crate::pairing::{check_pairing_json, Pairing, PairingContext};
use crate::{
    check_enrollment_json, Checked, Code, Context, Enrollment, Lang, Messages, Path, Report,
    UsccPolicy,
};

/// The kinds of record the generic way in checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum RecordKind {
    /// An enrollment of an enterprise into a chain committee.
    Enrollment,
    /// A demand (诉求).
    Demand,
    /// A contact programme (联系服务企业行动).
    Programme,
    /// A visit (走访) of a programme's contact.
    Visit,
    /// An activity (活动) of the ledger.
    Activity,
    /// A pairing (结对共建).
    Pairing,
    /// A centre (党群服务中心).
    Centre,
}

impl RecordKind {
    /// Every kind, in the order the documentation lists them.
    pub const ALL: [RecordKind; 7] = [
        RecordKind::Enrollment,
        RecordKind::Demand,
        RecordKind::Programme,
        RecordKind::Visit,
        RecordKind::Activity,
        RecordKind::Pairing,
        RecordKind::Centre,
    ];

    /// The kind's name (`visit`).
    pub const fn name(self) -> &'static str {
        match self {
            RecordKind::Enrollment => "enrollment",
            RecordKind::Demand => "demand",
            RecordKind::Programme => "programme",
            RecordKind::Visit => "visit",
            RecordKind::Activity => "activity",
            RecordKind::Pairing => "pairing",
            RecordKind::Centre => "centre",
        }
    }

    /// The kind of this name; the error, `kind: …`, lists the names.
    pub fn parse(name: &str) -> Result<RecordKind, String> {
        RecordKind::ALL
            .into_iter()
            .find(|k| k.name() == name)
            .ok_or_else(|| {
                let names: Vec<&str> = RecordKind::ALL.iter().map(|k| k.name()).collect();
                // What was given is quoted, but never more than 64 characters of it.
                let shown: String = name.chars().take(64).collect();
                format!("kind: `{shown}` is not one of {}", names.join(", "))
            })
    }
}

/// A normalised record of any kind, in its own shape.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum AnyRecord {
    /// An enrollment.
    Enrollment(Enrollment),
    /// A demand.
    Demand(Demand),
    /// A programme.
    Programme(Programme),
    /// A visit.
    Visit(Visit),
    /// An activity (boxed: it is the largest by far).
    Activity(Box<Activity>),
    /// A pairing (boxed, as large).
    Pairing(Box<Pairing>),
    /// A centre.
    Centre(Centre),
}

/// `{valid, findings, record}` for a record of any kind.
pub type RecordAnswer = super::Answer<AnyRecord>;

/// `{line, valid, findings}`: one record of a JSON-lines file.
#[derive(Debug, Clone, Serialize)]
pub struct LineAnswer {
    /// The line number, from 1 (blank lines are skipped, never renumbered).
    pub line: usize,
    /// False exactly when some finding is an error.
    pub valid: bool,
    /// Every finding, messages rendered.
    pub findings: Vec<RenderedFinding>,
}

/// Checks one record of the named kind (`enrollment`, `demand`,
/// `programme`, `visit`, `activity`) given as JSON text, with the options'
/// language, date, catalog, legacy codes, holidays and programme (visits
/// are checked against `programme` when it is given). Answers
/// `{valid, findings, record}`; `Err` (`kind: …`) only for a kind with no
/// such name. A demand is not compared with earlier ones: that needs them
/// ([`validate_lines`], [`super::demand_intake`]).
pub fn validate(kind: &str, record: &str, options: &Options) -> Result<RecordAnswer, String> {
    let mut batch = Batch::new(kind, options)?;
    let checked = batch.check_record(record, "record");
    Ok(RecordAnswer {
        valid: checked.report.is_valid(),
        findings: batch.render(&checked.report),
        record: checked.record,
    })
}

/// Checks every non-blank line of a JSON-lines text as a record of the
/// named kind, each also against the valid records on earlier lines (see
/// [`Batch`]). Lines are numbered from 1; a `\r` before a line break is
/// not part of the record.
pub fn validate_lines(
    kind: &str,
    text: &str,
    options: &Options,
) -> Result<Vec<LineAnswer>, String> {
    let mut batch = Batch::new(kind, options)?;
    Ok(text
        .split('\n')
        .enumerate()
        .filter_map(|(i, line)| batch.check_line(i + 1, line))
        .collect())
}

/// The records of one file, checked line by line as they come (a reader of
/// a large file holds one line at a time), each also against the valid
/// records on earlier lines, which are named `line N` in the findings:
///
/// - demands: `demand_repeat` (near-identical text of the same enterprise
///   within `repeat_window_days`, 30 by default);
/// - visits: `duplicate_id`, `visit_repeated` (the same contact,
///   enterprise, day and mode);
/// - activities: `duplicate_id`, `room_double_booked` (one room of one
///   centre at overlapping times, neither cancelled);
/// - programmes: `duplicate_id`;
/// - pairings: `duplicate_id`, `pairing_active_twice` (the same units, both
///   active, periods overlapping);
/// - centres: `duplicate_id`.
///
/// Only valid records are remembered: a refused line is compared with, but
/// never compared against.
pub struct Batch<'o> {
    kind: RecordKind,
    env: Env<'o>,
    earlier: Earlier,
    repeat_window_days: i64,
}

/// What the checks of a batch share, read once from the options.
struct Env<'o> {
    today: Option<NaiveDate>,
    catalog: &'o crate::Catalog,
    policy: UsccPolicy,
    calendar: &'o Calendar,
    programme: Option<&'o Programme>,
    messages: Messages,
    lang: Lang,
}

/// The built-in calendar, read once.
fn china() -> &'static Calendar {
    static CHINA: OnceLock<Calendar> = OnceLock::new();
    CHINA.get_or_init(Calendar::china)
}

/// The valid records of earlier lines, by kind.
enum Earlier {
    Enrollment,
    Demand(Vec<PriorDemand>),
    Programme(Vec<(String, Programme)>),
    Visit(Vec<(String, Visit)>),
    Activity(Vec<(String, Activity)>),
    Pairing(Vec<(String, Pairing)>),
    Centre(Vec<(String, Centre)>),
}

impl std::fmt::Debug for Batch<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batch")
            .field("kind", &self.kind)
            .field("repeat_window_days", &self.repeat_window_days)
            .finish_non_exhaustive()
    }
}

impl<'o> Batch<'o> {
    /// A batch of records of the named kind; `Err` (`kind: …`) for a kind
    /// with no such name.
    pub fn new(kind: &str, options: &'o Options) -> Result<Batch<'o>, String> {
        let kind = RecordKind::parse(kind)?;
        let earlier = match kind {
            RecordKind::Enrollment => Earlier::Enrollment,
            RecordKind::Demand => Earlier::Demand(Vec::new()),
            RecordKind::Programme => Earlier::Programme(Vec::new()),
            RecordKind::Visit => Earlier::Visit(Vec::new()),
            RecordKind::Activity => Earlier::Activity(Vec::new()),
            RecordKind::Pairing => Earlier::Pairing(Vec::new()),
            RecordKind::Centre => Earlier::Centre(Vec::new()),
        };
        Ok(Batch {
            kind,
            env: Env {
                today: options.today.as_deref().and_then(parse_date),
                catalog: options.catalog(),
                policy: options.policy(),
                calendar: options.calendar.as_ref().unwrap_or_else(|| china()),
                programme: options.programme.as_ref(),
                messages: options.messages(),
                lang: options.lang(),
            },
            earlier,
            repeat_window_days: RepeatCheck::default().window_days,
        })
    }

    /// Days within which near-identical demands of one enterprise repeat
    /// each other (30 by default).
    pub fn with_repeat_window_days(mut self, days: i64) -> Batch<'o> {
        self.repeat_window_days = days;
        self
    }

    /// The kind of the records.
    pub fn kind(&self) -> RecordKind {
        self.kind
    }

    /// Checks the record on line `line` (numbered from 1); `None` for a
    /// blank line, which holds no record. A `\r` at its end is dropped.
    pub fn check_line(&mut self, line: usize, text: &str) -> Option<LineAnswer> {
        let text = text.strip_suffix('\r').unwrap_or(text);
        if text.trim().is_empty() {
            return None;
        }
        let checked = self.check_record(text, &format!("line {line}"));
        Some(LineAnswer {
            line,
            valid: checked.report.is_valid(),
            findings: self.render(&checked.report),
        })
    }

    /// Renders a report in the batch's language and messages.
    pub fn render(&self, report: &Report) -> Vec<RenderedFinding> {
        self.env
            .messages
            .render_report(self.env.lang, report)
            .findings
    }

    /// Checks one record against the earlier ones; a valid one is
    /// remembered, named `label`.
    fn check_record(&mut self, text: &str, label: &str) -> Checked<AnyRecord> {
        let Some(today) = self.env.today else {
            // Without a usable date, "not in the future" cannot be checked.
            let mut report = Report::new();
            report.add(Code::DateInvalid, Path::root().key("today"));
            return Checked {
                record: None,
                report,
            };
        };
        let env = &self.env;
        let context = Context::new(env.catalog, today).with_uscc_policy(&env.policy);
        let mut outreach = OutreachContext::new(context, env.calendar);
        if let Some(programme) = env.programme {
            outreach = outreach.with_programme(programme);
        }
        let window_days = self.repeat_window_days;
        match &mut self.earlier {
            Earlier::Enrollment => {
                map(check_enrollment_json(text, &context), AnyRecord::Enrollment)
            }
            Earlier::Demand(priors) => {
                let repeat = RepeatCheck {
                    window_days,
                    ..RepeatCheck::against(priors)
                };
                let checked = check_demand_json(text, &context, &repeat);
                if let Some(d) = &checked.record {
                    priors.push(PriorDemand {
                        id: label.to_owned(),
                        enterprise_uscc: d.enterprise_uscc.clone(),
                        title: d.title.clone(),
                        description: d.description.clone(),
                        submitted_at: d.submitted_at,
                    });
                }
                map(checked, AnyRecord::Demand)
            }
            Earlier::Programme(earlier) => {
                let checked = against(
                    check_programme_json(text, &outreach),
                    earlier,
                    label,
                    &crate::outreach::PROGRAMME,
                    programme_against_earlier,
                );
                map(checked, AnyRecord::Programme)
            }
            Earlier::Visit(earlier) => map(
                against(
                    check_visit_json(text, &outreach),
                    earlier,
                    label,
                    &crate::outreach::VISIT,
                    visit_against_earlier,
                ),
                AnyRecord::Visit,
            ),
            Earlier::Activity(earlier) => map(
                against(
                    check_activity_json(text, &outreach),
                    earlier,
                    label,
                    &crate::outreach::ACTIVITY,
                    activity_against_earlier,
                ),
                |a| AnyRecord::Activity(Box::new(a)),
            ),
            Earlier::Pairing(earlier) => {
                // The pairing's own check compares it with the earlier ones.
                let around = PairingContext {
                    earlier,
                    ..PairingContext::default()
                };
                let checked = check_pairing_json(text, &context, &around);
                if let Some(pairing) = &checked.record {
                    earlier.push((label.to_owned(), pairing.clone()));
                }
                map(checked, |p| AnyRecord::Pairing(Box::new(p)))
            }
            Earlier::Centre(earlier) => map(
                against(
                    check_centre_json(text, &context),
                    earlier,
                    label,
                    &crate::centre::SCHEMA,
                    centre_against_earlier,
                ),
                AnyRecord::Centre,
            ),
        }
    }
}

fn map<T>(checked: Checked<T>, wrap: fn(T) -> AnyRecord) -> Checked<AnyRecord> {
    Checked {
        record: checked.record.map(wrap),
        report: checked.report,
    }
}

/// A record's findings with those against the earlier records (in the order
/// of the record's fields); a valid record is remembered as `label`.
fn against<T: Clone>(
    mut checked: Checked<T>,
    earlier: &mut Vec<(String, T)>,
    label: &str,
    schema: &crate::input::Schema,
    rules: fn(&T, &[(String, T)], &mut Report),
) -> Checked<T> {
    if let Some(record) = &checked.record {
        rules(record, earlier, &mut checked.report);
        checked.report.sort_by_schema(schema);
        if checked.report.is_valid() {
            earlier.push((label.to_owned(), record.clone()));
        } else {
            checked.record = None;
        }
    }
    checked
}

#[cfg(test)]
mod tests {
    use super::*;

    const PROGRAMME: &str = r#"{"id": "p", "name": "万名干部助企行", "from": "2026-01-01",
        "to": "2026-12-31", "owner": "区委组织部", "key_enterprises": ["91440300MA5FUTN418"],
        "contacts": [{"id": "c1", "kind": "cadre", "unit": "区委组织部", "account": "u1",
                      "enterprises": ["91440300MA5FUTN418"]}]}"#;

    fn visit(contact: &str) -> String {
        format!(
            r#"{{"id": "v1", "programme": "p", "contact": "{contact}",
            "enterprise_uscc": "91440300MA5FUTN418", "enterprise_name": "深圳市盐港示例物流有限公司",
            "mode": "phone", "visited_at": "2026-11-20T10:00:00+08:00", "notes": "电话回访"}}"#
        )
    }

    fn codes(findings: &[RenderedFinding]) -> Vec<(String, Code)> {
        findings
            .iter()
            .map(|f| (f.path.to_string(), f.code))
            .collect()
    }

    #[test]
    fn every_kind_by_its_name_and_no_other() {
        let options = Options::from_json(r#"{"today": "2026-11-25"}"#).unwrap();
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.name()), Ok(kind));
            let answer = validate(kind.name(), "{}", &options).unwrap();
            assert!(!answer.valid && answer.record.is_none(), "{}", kind.name());
            assert!(answer.findings.iter().any(|f| f.code == Code::Required));
        }
        let error = validate("pairing ", "{}", &options).unwrap_err();
        assert_eq!(
            error,
            "kind: `pairing ` is not one of enrollment, demand, programme, visit, activity, pairing, centre"
        );
        let long = "k".repeat(500);
        assert!(validate(&long, "{}", &options).unwrap_err().len() < 200);
    }

    #[test]
    fn the_programme_rules_apply_when_the_options_give_one() {
        let plain = Options::from_json(r#"{"today": "2026-11-25", "lang": "en"}"#).unwrap();
        let answer = validate("visit", &visit("c9"), &plain).unwrap();
        assert!(answer.valid && answer.findings.is_empty());
        assert!(matches!(answer.record, Some(AnyRecord::Visit(_))));
        let given = Options::from_json(&format!(
            r#"{{"today": "2026-11-25", "programme": {PROGRAMME}}}"#
        ))
        .unwrap();
        let answer = validate("visit", &visit("c9"), &given).unwrap();
        assert_eq!(
            codes(&answer.findings),
            [("contact".to_owned(), Code::UnknownContact)]
        );
        let answer = validate("visit", &visit("c1"), &given).unwrap();
        assert!(answer.valid && answer.findings.is_empty());
        // The same programme from text, as the command line reads its file.
        let read = plain.clone().with_programme_json(PROGRAMME).unwrap();
        assert_eq!(read.programme, given.programme);
    }

    #[test]
    fn a_programme_with_errors_is_refused_with_its_first_error() {
        let bad = PROGRAMME.replace("91440300MA5FUTN418\"]}", "91440300MA5FUTN419\"]}");
        let error = Options::default().with_programme_json(&bad).unwrap_err();
        assert_eq!(
            error,
            "options: programme: contacts[0].enterprises[0]: uscc_checksum"
        );
        let error = Options::from_json(&format!(r#"{{"programme": {bad}}}"#)).unwrap_err();
        assert_eq!(
            error,
            "options: programme: contacts[0].enterprises[0]: uscc_checksum"
        );
        for (text, said) in [
            (r#"{"programme": []}"#, "programme: invalid type: array"),
            (r#"{"programme": {"id": "p"}}"#, "programme: name: required"),
        ] {
            let error = Options::from_json(text).unwrap_err();
            assert!(
                error.starts_with("options: ") && error.contains(said),
                "{error}"
            );
        }
        let error = Options::default().with_programme_json("{").unwrap_err();
        assert_eq!(error, "options: programme: invalid_json");
        // The legacy codes of the options apply to the programme too.
        let legacy = Options {
            legacy_uscc: vec!["91440300MA5FUTN419".into()],
            ..Options::default()
        };
        assert!(legacy.with_programme_json(&bad).is_ok());
    }

    #[test]
    fn lines_are_numbered_as_in_the_file_and_checked_against_earlier_ones() {
        let options = Options::from_json(r#"{"today": "2026-11-25"}"#).unwrap();
        let one = visit("c1").replace('\n', " ");
        let text = format!("{one}\r\n\n  \n{one}\n");
        let answers = validate_lines("visit", &text, &options).unwrap();
        let lines: Vec<usize> = answers.iter().map(|a| a.line).collect();
        assert_eq!(lines, [1, 4]);
        assert!(answers[0].valid && answers[0].findings.is_empty());
        assert_eq!(
            codes(&answers[1].findings),
            [
                ("id".to_owned(), Code::DuplicateId),
                ("visited_at".to_owned(), Code::VisitRepeated)
            ]
        );
        assert_eq!(
            crate::api::to_json(&answers[1])
                .split(r#""findings""#)
                .next(),
            Some(r#"{"line":4,"valid":false,"#)
        );
    }

    #[test]
    fn without_a_date_every_record_says_so() {
        let options = Options::from_json(r#"{"today": "soon"}"#).unwrap();
        for kind in RecordKind::ALL {
            let answer = validate(kind.name(), "{}", &options).unwrap();
            assert_eq!(
                codes(&answer.findings),
                [("today".to_owned(), Code::DateInvalid)]
            );
        }
    }
}
