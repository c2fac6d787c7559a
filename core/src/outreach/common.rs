//! What every outreach check shares: its context, and readers of ids, codes,
//! dates and times with the findings each gives.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};

use super::Programme;
use crate::calendar::Calendar;
use crate::demand::{Dictionary, ID_LENGTH, TOPIC_IDS};
use crate::findings::{Code, Finding, Path, Report};
use crate::ident::{parse_date, parse_datetime, uscc};
use crate::input::{Fields, Got};
use crate::Context;

/// What an outreach check needs besides the record: the catalog, `today` and
/// the legacy codes ([`Context`]), working days (a visit's demands are
/// entered within 3 of them), the departments of the dictionary (member
/// units, organizers), and the programme visits are checked against, when
/// there is one.
#[derive(Debug, Clone, Copy)]
pub struct OutreachContext<'a> {
    /// Catalog (chains, activity kinds and series), `today`, legacy codes.
    pub context: Context<'a>,
    /// Working days.
    pub calendar: &'a Calendar,
    /// The departments records may name.
    pub departments: &'a Dictionary,
    /// The programme a visit is checked against: the rules that need it
    /// (`unknown_programme`, `unknown_contact`, `visit_not_assigned`,
    /// `visit_outside_programme`) apply only when it is given.
    pub programme: Option<&'a Programme>,
}

impl<'a> OutreachContext<'a> {
    /// With the built-in departments and no programme.
    pub fn new(context: Context<'a>, calendar: &'a Calendar) -> Self {
        OutreachContext {
            context,
            calendar,
            departments: Dictionary::builtin(),
            programme: None,
        }
    }

    /// Checking visits against this programme.
    pub fn with_programme(mut self, programme: &'a Programme) -> Self {
        self.programme = Some(programme);
        self
    }
}

/// An id: one line of 1–64 characters.
pub(super) fn id(
    fields: &Fields<'_>,
    key: &'static str,
    required: bool,
    report: &mut Report,
) -> Option<String> {
    fields.text_within(key, required, false, ID_LENGTH, report)
}

/// A list of ids (`max` items at most); an item longer than an id is
/// `too_long` at its index and left out.
pub(super) fn ids(
    fields: &Fields<'_>,
    key: &'static str,
    max: usize,
    report: &mut Report,
) -> Vec<String> {
    let items = fields
        .text_list(key, false, max, report)
        .unwrap_or_default();
    let path = fields.path(key);
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.into_iter().enumerate() {
        if item.chars().count() as u64 > ID_LENGTH.1 {
            report.push(Finding::new(Code::TooLong, path.index(i)).with("max", ID_LENGTH.1));
        } else {
            out.push(item);
        }
    }
    out
}

/// One unified social credit code, normalised when it has no error.
pub(super) fn one_uscc(
    fields: &Fields<'_>,
    key: &'static str,
    required: bool,
    context: &Context<'_>,
    report: &mut Report,
) -> Option<String> {
    let text = fields.text(key, required, report)?;
    uscc::check(&text, context.uscc_policy, &fields.path(key), report)
        .map(|code| code.as_str().to_owned())
}

/// A list of unified social credit codes (`max` at most, a longer list is
/// refused whole): each checked at its index; one repeated (after
/// normalisation) is a `duplicate_value` warning and left out. Answers the
/// valid codes, normalised, each with its index.
pub(super) fn usccs(
    fields: &Fields<'_>,
    key: &'static str,
    required: bool,
    max: usize,
    context: &Context<'_>,
    report: &mut Report,
) -> Option<Vec<(usize, String)>> {
    let items = match fields.raw(key) {
        None => {
            if required {
                report.add(Code::Required, fields.path(key));
            }
            return None;
        }
        Some(Got::List(_, count)) if *count > max => {
            report.push(Finding::new(Code::TooManyItems, fields.path(key)).with("max", max));
            return None;
        }
        Some(Got::List(items, _)) => items,
        Some(other) => {
            report.push(
                Finding::new(Code::WrongType, fields.path(key))
                    .with("expected", "array")
                    .with("found", other.type_name()),
            );
            return None;
        }
    };
    let path = fields.path(key);
    // Lists run to thousands of codes: a map finds repeats.
    let mut first: BTreeMap<String, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let at = path.index(i);
        let Got::Str(text) = item else {
            report.push(
                Finding::new(Code::WrongType, at)
                    .with("expected", "string")
                    .with("found", item.type_name()),
            );
            continue;
        };
        if text.trim().is_empty() {
            report.add(Code::Required, at);
            continue;
        }
        let Some(code) = uscc::check(text, context.uscc_policy, &at, report) else {
            continue;
        };
        let code = code.as_str().to_owned();
        match first.get(&code) {
            Some(&earlier) => {
                report.push(Finding::new(Code::DuplicateValue, at).with("first", earlier + 1))
            }
            None => {
                first.insert(code.clone(), i);
                out.push((i, code));
            }
        }
    }
    Some(out)
}

/// A date, `YYYY-MM-DD` (`date_invalid`); after `not_after` it is
/// `date_in_future`.
pub(super) fn date(
    fields: &Fields<'_>,
    key: &'static str,
    required: bool,
    not_after: Option<NaiveDate>,
    report: &mut Report,
) -> Option<NaiveDate> {
    let text = fields.text(key, required, report)?;
    let Some(day) = parse_date(&text) else {
        report.add(Code::DateInvalid, fields.path(key));
        return None;
    };
    not_in_future(day, not_after, fields.path(key), report).then_some(day)
}

/// A time, RFC 3339 with an offset (`datetime_invalid`); when its date (in
/// its own offset) is after `not_after` it is `date_in_future`.
pub(super) fn time(
    fields: &Fields<'_>,
    key: &'static str,
    required: bool,
    not_after: Option<NaiveDate>,
    report: &mut Report,
) -> Option<DateTime<FixedOffset>> {
    let text = fields.text(key, required, report)?;
    let Some(at) = parse_datetime(&text) else {
        report.add(Code::DateTimeInvalid, fields.path(key));
        return None;
    };
    not_in_future(at.date_naive(), not_after, fields.path(key), report).then_some(at)
}

fn not_in_future(
    day: NaiveDate,
    not_after: Option<NaiveDate>,
    path: Path,
    report: &mut Report,
) -> bool {
    match not_after {
        Some(today) if day > today => {
            report.push(Finding::new(Code::DateInFuture, path).with("today", today.to_string()));
            false
        }
        _ => true,
    }
}

/// A department id the dictionary does not have: `invalid_option` with the
/// ids it has (what was typed is not quoted: it could be anything).
pub(super) fn not_a_department(path: Path, departments: &Dictionary) -> Finding {
    let ids: Vec<String> = departments
        .departments
        .iter()
        .map(|d| d.id.clone())
        .collect();
    Finding::new(Code::InvalidOption, path).with("allowed", ids)
}

/// The topic ids (`demand::TOPIC_IDS`) listed at `key`, at most `max`
/// (an activity's topics, the policies a visit delivered); an unknown one
/// is `invalid_option` at its index, with the ids allowed, and left out.
pub(super) fn topic_ids(
    f: &Fields<'_>,
    key: &'static str,
    max: usize,
    report: &mut Report,
) -> Vec<String> {
    let items = f.text_list(key, false, max, report).unwrap_or_default();
    let path = f.path(key);
    let mut out = Vec::new();
    for (i, topic) in items.into_iter().enumerate() {
        if TOPIC_IDS.contains(&topic.as_str()) {
            out.push(topic);
        } else {
            let allowed: Vec<String> = TOPIC_IDS.iter().map(|t| (*t).to_owned()).collect();
            report.push(Finding::new(Code::InvalidOption, path.index(i)).with("allowed", allowed));
        }
    }
    out
}

/// The index of a list item from its path (`lines[3]` → 3).
pub(super) fn item_number(path: &Path) -> usize {
    match path.segments().last() {
        Some(crate::findings::PathSegment::Index(i)) => *i,
        _ => 0,
    }
}

/// `ends_before_start` at the end field, naming the start field.
pub(super) fn ends_before_start(end: Path, start: &'static str) -> Finding {
    Finding::new(Code::EndsBeforeStart, end).with("start", start)
}

/// The ids of a list of objects: one used by an earlier item is
/// `duplicate_id` at its `id`, with `first` (1-based).
pub(super) fn unique_ids<'i>(
    items: impl Iterator<Item = (Path, Option<&'i str>)>,
    report: &mut Report,
) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (n, (path, id)) in items.enumerate() {
        let Some(id) = id else { continue };
        match first.get(id) {
            Some(&earlier) => report
                .push(Finding::new(Code::DuplicateId, path.key("id")).with("first", earlier + 1)),
            None => {
                first.insert(id, n);
            }
        }
    }
}

/// `duplicate_id` at `id` when an earlier record (`label`) has the same id.
pub(super) fn id_used_earlier<'e>(
    id: &str,
    mut earlier: impl Iterator<Item = (&'e str, &'e str)>,
    report: &mut Report,
) {
    if let Some((label, _)) = earlier.find(|(_, other)| *other == id) {
        report.push(Finding::new(Code::DuplicateId, Path::root().key("id")).with("earlier", label));
    }
}
