//! Enrollment of an enterprise into a chain committee: the record of
//! `docs/wire/records.md`, read as a form sends it, checked against every
//! rule, and turned into a normalised [`Enrollment`].

mod draft;
mod record;
mod rules;

/// The keys of the record, in the order findings are sorted by.
pub(crate) use draft::TOP as SCHEMA;
pub use draft::{limits, EnrollmentDraft, EnterpriseDraft, PartyOrgDraft, PersonDraft};
pub use record::{ContactRecord, Enrollment, EnterpriseRecord, PartyOrgRecord, PersonRecord};
pub use rules::{
    BRANCH_COMMITTEE_MIN_FULL_MEMBERS, BRANCH_MAX_MEMBERS, BRANCH_MIN_FULL_MEMBERS,
    COMMITTEE_TYPICAL_MEMBERS, GENERAL_BRANCH_TYPICAL_MEMBERS, JOINT_BRANCH_MAX_UNITS,
    REQUIRED_WHEN_ORGANIZED, SHOULD_BUILD_FULL_MEMBERS,
};

use validator::Validate;

use crate::findings::{Path, Report};
use crate::input::{self, Fields, Got, Schema};
use crate::Context;

/// The outcome of a check: the normalised record when there is no error, and
/// every finding either way.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    /// The record, present exactly when the report is valid.
    pub record: Option<T>,
    /// All findings, errors and warnings.
    pub report: Report,
}

/// Checks an enrollment record given as JSON text, read in one pass.
pub fn check_enrollment_json(json: &str, context: &Context<'_>) -> Checked<Enrollment> {
    check_json(json, &draft::TOP, |got| check_enrollment_got(got, context))
}

/// Checks an enrollment record already read (from JSON text, or built from a
/// spreadsheet row).
pub(crate) fn check_enrollment_got(value: &Got<'_>, context: &Context<'_>) -> Checked<Enrollment> {
    let mut report = Report::new();
    let Some(fields) = Fields::open(value, Path::root(), &mut report) else {
        return Checked {
            record: None,
            report,
        };
    };
    let draft = EnrollmentDraft::read(&fields, &mut report);
    draft.check(context, report)
}

/// Checks a record given as JSON text: the text prepared
/// ([`input::prepare`]) and read by `schema` (malformed text is an
/// `invalid_json` finding and no record), then checked by `check`, with the
/// findings made while reading (repeated keys) put first.
pub(crate) fn check_json<T>(
    json: &str,
    schema: &'static Schema,
    check: impl FnOnce(&Got<'_>) -> Checked<T>,
) -> Checked<T> {
    let text = input::prepare(json);
    let mut report = Report::new();
    match input::parse(&text, schema, &mut report) {
        Some(got) => with_shape_findings(report, check(&got)),
        None => Checked {
            record: None,
            report,
        },
    }
}

/// Checks a record already read: it must be an object (a finding at the
/// root and no record otherwise); `read` reads and checks its fields; the
/// findings are then put in `schema`'s order, and the record is kept only
/// when none of them is an error.
pub(crate) fn check_object<T>(
    value: &Got<'_>,
    schema: &'static Schema,
    read: impl FnOnce(&Fields<'_>, &mut Report) -> Option<T>,
) -> Checked<T> {
    let mut report = Report::new();
    let Some(fields) = Fields::open(value, Path::root(), &mut report) else {
        return Checked {
            record: None,
            report,
        };
    };
    let record = read(&fields, &mut report);
    report.sort_by_schema(schema);
    let record = record.filter(|_| report.is_valid());
    Checked { record, report }
}

impl EnrollmentDraft {
    /// Applies the field rules and the domain rules to a draft read earlier
    /// (whose shape findings are in `report`), returning every finding and,
    /// when there is no error, the normalised record.
    pub fn check(self, context: &Context<'_>, mut report: Report) -> Checked<Enrollment> {
        if let Err(errors) = self.validate() {
            crate::validation::collect(&errors, &Path::root(), &mut report);
        }
        let record = rules::apply(self, context, &mut report);
        report.sort_by_schema(&draft::TOP);
        let record = record.filter(|_| report.is_valid());
        Checked { record, report }
    }
}

/// Puts findings made while reading the JSON text (repeated keys) before the
/// record's own; a record with such an error is not returned.
pub(crate) fn with_shape_findings<T>(mut shape: Report, checked: Checked<T>) -> Checked<T> {
    if shape.is_empty() {
        return checked;
    }
    shape.extend(checked.report);
    let record = checked.record.filter(|_| shape.is_valid());
    Checked {
        record,
        report: shape,
    }
}
