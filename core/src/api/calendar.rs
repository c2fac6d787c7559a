//! Working-day arithmetic as every binding offers it: the deadline of a
//! demand of a kind received on a date, and whether a date is worked and why.
//! Both answer with the `provisional` mark and the `calendar_provisional`
//! warning when a year without a published holiday schedule is involved; a
//! district loads later schedules through the options' `holidays`.

use crate::calendar::{DayReason, DeadlinePolicy, Festival, Reckoned};
use crate::demand::DemandKind;
use crate::findings::RenderedFinding;
use crate::ident::{parse_date, parse_datetime};
use crate::{Code, Finding, Lang, Path, Report};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::Options;

/// `{kind, from, working_days, deadline, provisional, findings}`.
#[derive(Debug, Serialize)]
pub struct DeadlineAnswer {
    /// The kind as given.
    pub kind: String,
    /// The day of receipt as given (`YYYY-MM-DD` or RFC 3339).
    pub from: String,
    /// The kind's limit in working days (null for an unknown kind).
    pub working_days: Option<u32>,
    /// The deadline (null when the kind or the date cannot be read).
    pub deadline: Option<NaiveDate>,
    /// Reckoned across a year without a published holiday schedule.
    pub provisional: bool,
    /// `invalid_option` at `kind`, `datetime_invalid` at `from`,
    /// `calendar_provisional` at `deadline`; messages rendered.
    pub findings: Vec<RenderedFinding>,
}

/// The deadline of a demand of `kind` (`consultation`, `help`, …) received
/// `from` (a date, or an RFC 3339 time whose date is read in its own offset,
/// as the lifecycle reads an event's time), with the Guangdong 12345 limits.
pub fn deadline(kind: &str, from: &str, options: &Options) -> DeadlineAnswer {
    let mut report = Report::new();
    let known = DemandKind::ALL.into_iter().find(|k| k.as_str() == kind);
    if known.is_none() {
        let allowed: Vec<String> = DemandKind::ALL
            .iter()
            .map(|k| k.as_str().to_owned())
            .collect();
        report.push(
            Finding::new(Code::InvalidOption, Path::root().key("kind")).with("allowed", allowed),
        );
    }
    let received = parse_date(from).or_else(|| parse_datetime(from).map(|t| t.date_naive()));
    if received.is_none() {
        report.add(Code::DateTimeInvalid, Path::root().key("from"));
    }
    let calendar = options.calendar();
    let policy = DeadlinePolicy::default();
    let reckoned = known
        .zip(received)
        .map(|(kind, day)| policy.reckon(&calendar, kind, day));
    if let Some(finding) = reckoned
        .as_ref()
        .and_then(|r| r.finding(Path::root().key("deadline")))
    {
        report.push(finding);
    }
    DeadlineAnswer {
        kind: kind.to_owned(),
        from: from.to_owned(),
        working_days: known.map(|k| policy.limit(k)),
        deadline: reckoned.as_ref().map(|r| r.value),
        provisional: reckoned.as_ref().is_some_and(Reckoned::provisional),
        findings: options.render(&report),
    }
}

/// `{date, working, reason, holiday, holiday_name, provisional, source, findings}`.
#[derive(Debug, Serialize)]
pub struct WorkdayAnswer {
    /// The date as given.
    pub date: String,
    /// Whether people work (null when the date cannot be read).
    pub working: Option<bool>,
    /// `weekday`, `weekend`, `holiday` or `make_up_day`.
    pub reason: Option<DayReason>,
    /// The festival of a holiday or make-up day (`national_day`), when it is one of the seven.
    pub holiday: Option<Festival>,
    /// Its name in the options' language; a district's own name as written.
    pub holiday_name: Option<String>,
    /// The year has no published schedule: reckoned from the statutory holidays.
    pub provisional: bool,
    /// The notice the year's schedule comes from, when published.
    pub source: Option<String>,
    /// `date_invalid` at `date`, `calendar_provisional` at `date`; messages rendered.
    pub findings: Vec<RenderedFinding>,
}

/// Whether `date` (`YYYY-MM-DD`) is a working day, and why.
pub fn workday(date: &str, options: &Options) -> WorkdayAnswer {
    let mut report = Report::new();
    let calendar = options.calendar();
    let day = parse_date(date).map(|d| calendar.day(d));
    match &day {
        None => report.add(Code::DateInvalid, Path::root().key("date")),
        Some(day) if day.provisional => {
            let reckoned = calendar.check_working_day(day.date);
            if let Some(finding) = reckoned.finding(Path::root().key("date")) {
                report.push(finding);
            }
        }
        Some(_) => {}
    }
    let lang = options.lang();
    WorkdayAnswer {
        date: date.to_owned(),
        working: day.as_ref().map(|d| d.working),
        reason: day.as_ref().map(|d| d.reason),
        holiday: day.as_ref().and_then(|d| d.holiday),
        holiday_name: day.as_ref().and_then(|d| match (d.holiday, lang) {
            (Some(festival), Lang::En) => Some(festival.name_en().to_owned()),
            _ => d.holiday_name.clone(),
        }),
        provisional: day.as_ref().is_some_and(|d| d.provisional),
        source: day
            .as_ref()
            .and_then(|d| calendar.source(d.date.year()))
            .map(str::to_owned),
        findings: options.render(&report),
    }
}
