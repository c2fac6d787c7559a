//! Checking the records a form sends: an enrollment, a demand (with the
//! repeats of an enterprise's earlier demands when a server takes it in),
//! one unified social credit code.

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::Serialize;

use super::Options;
use crate::demand::{check_demand_json, Demand, PriorDemand, RepeatCheck};
use crate::findings::RenderedFinding;
use crate::ident::uscc;
use crate::{check_enrollment_json, Checked, Code, Enrollment, Lang, Messages, Path, Report};

/// `{valid, findings, record}`: a checked record's answer.
#[derive(Debug, Serialize)]
pub struct Answer<T> {
    /// False exactly when some finding is an error.
    pub valid: bool,
    /// Every finding, messages rendered.
    pub findings: Vec<RenderedFinding>,
    /// The normalised record, when valid.
    pub record: Option<T>,
}

/// The answer to an enrollment.
pub type EnrollmentAnswer = Answer<Enrollment>;
/// The answer to a demand.
pub type DemandAnswer = Answer<Demand>;

impl<T> Answer<T> {
    pub(crate) fn of(checked: Checked<T>, options: &Options) -> Answer<T> {
        let rendered = options
            .messages()
            .render_report(options.lang(), &checked.report);
        Answer {
            valid: rendered.valid,
            findings: rendered.findings,
            record: checked.record,
        }
    }
}

/// Validates an enrollment given as JSON text with the options' language,
/// date, catalog and messages.
pub fn enrollment(text: &str, options: &Options) -> EnrollmentAnswer {
    Answer::of(
        options.checked(|context| check_enrollment_json(text, context)),
        options,
    )
}

/// Validates a demand given as JSON text, as a browser can: without the
/// enterprise's earlier demands (see [`demand_intake`] for a server).
pub fn demand(text: &str, options: &Options) -> DemandAnswer {
    Answer::of(
        options.checked(|context| check_demand_json(text, context, &RepeatCheck::default())),
        options,
    )
}

/// What a host knows when it takes a demand in.
#[derive(Debug, Clone, Copy)]
pub struct Intake {
    /// When a server received it (its own clock): it replaces the record's
    /// `submitted_at`, and what the client said is kept as
    /// `client_submitted_at` (a browser's clock is the client's claim).
    /// `None` keeps the record's own time (the command line, an import).
    pub received_at: Option<DateTime<FixedOffset>>,
    /// How many days apart near-identical demands of one enterprise still
    /// repeat each other (30 by default).
    pub repeat_window_days: i64,
}

impl Default for Intake {
    fn default() -> Self {
        Intake {
            received_at: None,
            repeat_window_days: RepeatCheck::default().window_days,
        }
    }
}

/// Takes a demand in: every rule, and the repeats of the enterprise's
/// earlier demands in the same answer (`demand_repeat`, a warning at
/// `description`), with the demand checked once. `earlier` is asked for the
/// earlier demands of the record's normalised USCC once it is read (a host
/// looks them up in its store); its error is the answer's.
pub fn demand_intake<E>(
    text: &str,
    intake: &Intake,
    earlier: impl FnMut(&str) -> Result<Vec<PriorDemand>, E>,
    options: &Options,
) -> Result<DemandAnswer, E> {
    with_earlier(intake, earlier, options, |context, check| {
        check_demand_json(text, context, check)
    })
}

/// [`demand_intake`] for a request posted to Open311 GeoReport v2 (its form
/// fields, attributes as `attribute[code]`), received at `received_at`
/// (the request's `submitted_at`: GeoReport has no time of its own).
pub fn open311_intake<E>(
    fields: &BTreeMap<String, String>,
    received_at: DateTime<FixedOffset>,
    earlier: impl FnMut(&str) -> Result<Vec<PriorDemand>, E>,
    options: &Options,
) -> Result<DemandAnswer, E> {
    let submitted_at = received_at.to_rfc3339();
    with_earlier(&Intake::default(), earlier, options, |context, check| {
        crate::demand::open311::import_request(fields, &submitted_at, context, check)
    })
}

/// Runs a demand check whose repeat check asks `earlier`, then sets the
/// receipt time.
fn with_earlier<E>(
    intake: &Intake,
    earlier: impl FnMut(&str) -> Result<Vec<PriorDemand>, E>,
    options: &Options,
    check: impl FnOnce(&crate::Context<'_>, &RepeatCheck<'_>) -> Checked<Demand>,
) -> Result<DemandAnswer, E> {
    let earlier = RefCell::new(earlier);
    let failed = RefCell::new(None);
    let lookup = |uscc: &str| match (earlier.borrow_mut())(uscc) {
        Ok(prior) => prior,
        Err(e) => {
            *failed.borrow_mut() = Some(e);
            Vec::new()
        }
    };
    let repeat = RepeatCheck {
        window_days: intake.repeat_window_days,
        ..RepeatCheck::lookup(&lookup)
    };
    let mut checked = options.checked(|context| check(context, &repeat));
    if let Some(e) = failed.into_inner() {
        return Err(e);
    }
    if let (Some(record), Some(received_at)) = (checked.record.as_mut(), intake.received_at) {
        record.client_submitted_at = Some(record.submitted_at);
        record.submitted_at = received_at;
    }
    Ok(Answer::of(checked, options))
}

/// `{input, valid, normalized, findings}` for one code.
///
/// A resident ID number is personal data: when the check recognises one
/// (`uscc_resident_id`), `input` and `normalized` are masked with `*`, one per
/// character, so that no answer, log line or screen repeats the number. The
/// field names and the length stay, and nothing else of the answer changes.
#[derive(Debug, Serialize)]
pub struct UsccAnswer {
    /// The code as given (masked for a resident ID number).
    pub input: String,
    /// Whether it has no error.
    pub valid: bool,
    /// Upper-cased, without spaces and hyphens (masked for a resident ID number).
    pub normalized: String,
    /// Every finding, messages rendered.
    pub findings: Vec<RenderedFinding>,
}

/// Checks one code.
pub fn check_uscc(code: &str, options: &Options) -> UsccAnswer {
    uscc_answer(code, &options.policy(), &options.messages(), options.lang())
}

/// Checks one code under a legacy policy, with messages in `lang`: what
/// [`check_uscc`] answers, for hosts that build the policy and messages once
/// for many codes (the command line).
pub fn uscc_answer(
    code: &str,
    policy: &crate::UsccPolicy,
    messages: &Messages,
    lang: Lang,
) -> UsccAnswer {
    let mut report = Report::new();
    uscc::check(code, policy, &Path::root(), &mut report);
    let rendered = messages.render_report(lang, &report);
    let personal = report.has(Code::UsccResidentId);
    let shown = |text: &str| {
        if personal {
            "*".repeat(text.chars().count())
        } else {
            text.to_owned()
        }
    };
    UsccAnswer {
        input: shown(code),
        valid: rendered.valid,
        normalized: shown(&uscc::normalize(code)),
        findings: rendered.findings,
    }
}
