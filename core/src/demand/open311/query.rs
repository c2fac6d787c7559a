//! The filters of `GET requests` (GeoReport v2), read from the query string.
//!
//! Every filter the server reads is either understood or refused with a
//! reason; none is silently dropped (a `start_date` that does not read would
//! otherwise widen the answer to every request).
//!
//! - `service_request_id`, `service_code`, `status`: comma-separated lists;
//!   the parameter may also be repeated (the lists are joined). Items are
//!   trimmed; an empty item is refused. `status` items are `open` or `closed`.
//! - `start_date`, `end_date`: inclusive bounds on `requested_datetime`, each
//!   given at most once, read by [`read_date_bound`]; `start_date` after
//!   `end_date` is refused.
//! - Any other parameter (`jurisdiction_id`, `lang`, a client's extensions)
//!   is not a filter and is left alone.

use chrono::{DateTime, FixedOffset, NaiveTime};
use thiserror::Error;

use crate::demand::lifecycle::Case;
use crate::demand::record::Demand;
use crate::ident::{parse_date, parse_datetime};

/// China time, in which a plain date is read.
const CHINA_SECONDS_EAST: i32 = 8 * 3600;

/// Why the query string of `GET requests` was refused. The text names the
/// parameter and what it takes; it never repeats the value sent.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum QueryError {
    /// A date parameter that is neither a plain date nor a W3C datetime.
    #[error(
        "{parameter}: expected a date (2026-11-25, read as 00:00 China time) or a W3C \
         datetime with its time zone (2026-11-25T09:30:00+08:00, 2026-11-25T01:30:00Z); \
         a '+' in a URL is sent as %2B"
    )]
    NotADate {
        /// `start_date` or `end_date`.
        parameter: &'static str,
    },
    /// A single-valued parameter given more than once.
    #[error("{parameter}: given more than once")]
    Repeated {
        /// `start_date` or `end_date`.
        parameter: &'static str,
    },
    /// A list parameter with an empty item (or an empty value).
    #[error("{parameter}: an empty item in the comma-separated list")]
    EmptyItem {
        /// `service_request_id`, `service_code` or `status`.
        parameter: &'static str,
    },
    /// A `status` other than `open` or `closed`.
    #[error("status: expected open, closed, or both comma-separated")]
    UnknownStatus,
    /// `start_date` is later than `end_date`: nothing could match.
    #[error("start_date: later than end_date")]
    StartAfterEnd,
}

impl QueryError {
    /// The query parameter the error is about.
    pub fn parameter(&self) -> &'static str {
        match self {
            QueryError::NotADate { parameter }
            | QueryError::Repeated { parameter }
            | QueryError::EmptyItem { parameter } => parameter,
            QueryError::UnknownStatus => "status",
            QueryError::StartAfterEnd => "start_date",
        }
    }
}

/// The filters of `GET requests`. `None` (or `false` for both statuses)
/// means the filter was not given; a demand must pass every filter given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestQuery {
    /// `service_request_id`: only these ids.
    pub ids: Option<Vec<String>>,
    /// `service_code`: only these topics.
    pub service_codes: Option<Vec<String>>,
    /// `status` includes `open`.
    pub open: bool,
    /// `status` includes `closed`.
    pub closed: bool,
    /// `start_date`: requested at or after.
    pub start: Option<DateTime<FixedOffset>>,
    /// `end_date`: requested at or before.
    pub end: Option<DateTime<FixedOffset>>,
}

impl RequestQuery {
    /// Reads the decoded `(name, value)` pairs of a query string. Returns every
    /// error found (at most one per kind and parameter), in query order.
    pub fn parse<'a, I>(pairs: I) -> Result<Self, Vec<QueryError>>
    where
        I: IntoIterator<Item = (&'a str, &'a str)>,
    {
        let mut query = RequestQuery::default();
        let mut errors = Vec::new();
        let mut refuse = |error: QueryError| {
            if !errors.contains(&error) {
                errors.push(error);
            }
        };
        for (name, value) in pairs {
            match name {
                "service_request_id" => list(
                    "service_request_id",
                    value,
                    &mut refuse,
                    query.ids.get_or_insert_default(),
                ),
                "service_code" => list(
                    "service_code",
                    value,
                    &mut refuse,
                    query.service_codes.get_or_insert_default(),
                ),
                "status" => {
                    let mut items = Vec::new();
                    list("status", value, &mut refuse, &mut items);
                    for item in items {
                        match item.as_str() {
                            "open" => query.open = true,
                            "closed" => query.closed = true,
                            _ => refuse(QueryError::UnknownStatus),
                        }
                    }
                }
                "start_date" | "end_date" => {
                    let parameter = if name == "start_date" {
                        "start_date"
                    } else {
                        "end_date"
                    };
                    let slot = if name == "start_date" {
                        &mut query.start
                    } else {
                        &mut query.end
                    };
                    if slot.is_some() {
                        refuse(QueryError::Repeated { parameter });
                    }
                    match read_date_bound(value) {
                        Some(bound) => *slot = Some(bound),
                        None => refuse(QueryError::NotADate { parameter }),
                    }
                }
                _ => {}
            }
        }
        if let (Some(start), Some(end)) = (query.start, query.end) {
            if start > end {
                refuse(QueryError::StartAfterEnd);
            }
        }
        if errors.is_empty() {
            Ok(query)
        } else {
            Err(errors)
        }
    }

    /// Whether a demand passes every filter: its id, its topic (the request's
    /// `service_code`), its status (closed when its state is final, as in
    /// [`requests`](super::requests)) and its `submitted_at`.
    pub fn matches(&self, id: &str, service_code: &str, demand: &Demand, case: &Case) -> bool {
        let closed = case.state().is_final();
        let listed = |list: &Option<Vec<String>>, item: &str| {
            list.as_ref().is_none_or(|l| l.iter().any(|x| x == item))
        };
        listed(&self.ids, id)
            && listed(&self.service_codes, service_code)
            && (self.open == self.closed || (closed && self.closed) || (!closed && self.open))
            && self.start.is_none_or(|s| demand.submitted_at >= s)
            && self.end.is_none_or(|e| demand.submitted_at <= e)
    }
}

/// Appends the items of one comma-separated value, refusing an empty item.
fn list(
    parameter: &'static str,
    value: &str,
    refuse: &mut impl FnMut(QueryError),
    into: &mut Vec<String>,
) {
    for item in value.split(',').map(str::trim) {
        if item.is_empty() {
            refuse(QueryError::EmptyItem { parameter });
        } else {
            into.push(item.to_owned());
        }
    }
}

/// Reads a `start_date` or `end_date`.
///
/// - A plain date `YYYY-MM-DD` is 00:00 of that day in China time (+08:00),
///   for both bounds: `end_date=2026-11-26` ends as 26 November begins.
/// - Otherwise a datetime of the W3C note "Date and Time Formats"
///   (NOTE-datetime, the ISO 8601 profile GeoReport v2 names) with its time
///   zone: `YYYY-MM-DDThh:mmTZD`, `YYYY-MM-DDThh:mm:ssTZD` or
///   `YYYY-MM-DDThh:mm:ss.sTZD`, where TZD is `Z` or `+hh:mm`/`-hh:mm`.
///   The fraction takes one or more digits, as the note allows; digits past
///   the ninth (below a nanosecond) are ignored. Letters are upper case, as
///   in the note; seconds run to 59.
///
/// Anything else (no time zone, `YYYY` or `YYYY-MM` alone, a space or a
/// lower-case `t`/`z`, non-ASCII digits) is `None`.
pub fn read_date_bound(text: &str) -> Option<DateTime<FixedOffset>> {
    if let Some(day) = parse_date(text) {
        let china = FixedOffset::east_opt(CHINA_SECONDS_EAST)?;
        return day
            .and_time(NaiveTime::MIN)
            .and_local_timezone(china)
            .single();
    }
    let bytes = text.as_bytes();
    if !text.is_ascii() || bytes.get(10) != Some(&b'T') || bytes.contains(&b'z') {
        return None;
    }
    if bytes.get(16) == Some(&b':') {
        // With seconds: RFC 3339 read strictly, without the leap second.
        if bytes.get(17..19) == Some(&b"60"[..]) {
            return None;
        }
        return parse_datetime(text);
    }
    // Hours and minutes only: the same with `:00` seconds.
    let (head, zone) = text.split_at_checked(16)?;
    if zone.starts_with('.') {
        return None;
    }
    parse_datetime(&format!("{head}:00{zone}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(text).unwrap()
    }

    #[test]
    fn a_plain_date_is_the_start_of_that_day_in_china() {
        assert_eq!(
            read_date_bound("2030-01-01"),
            Some(at("2030-01-01T00:00:00+08:00"))
        );
        assert_eq!(
            read_date_bound("2030-01-01"),
            Some(at("2029-12-31T16:00:00Z"))
        );
        assert_eq!(read_date_bound("2030-02-29"), None);
    }

    #[test]
    fn reads_the_w3c_datetime_profiles() {
        for (text, instant) in [
            ("2026-11-25T09:30+08:00", "2026-11-25T09:30:00+08:00"),
            ("2026-11-25T09:30:15+08:00", "2026-11-25T09:30:15+08:00"),
            ("2026-11-25T01:30:15Z", "2026-11-25T09:30:15+08:00"),
            ("2026-11-25T01:30Z", "2026-11-25T09:30:00+08:00"),
            ("2026-11-24T20:30:15.5-05:00", "2026-11-25T09:30:15.5+08:00"),
            ("1994-11-05T08:15:30-05:00", "1994-11-05T13:15:30Z"),
            (
                "2026-11-25T01:30:15.1234567891234Z",
                "2026-11-25T01:30:15.123456789Z",
            ),
        ] {
            assert_eq!(read_date_bound(text), Some(at(instant)), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_w3c_datetime() {
        for text in [
            "",
            "2030",
            "2030-01",
            "2030-1-1",
            "2030/01/01",
            "20300101",
            "2030-01-01T00:00:00",
            "2030-01-01T00:00",
            "2030-01-01T00",
            "2030-01-01 00:00:00+08:00",
            "2030-01-01t00:00:00+08:00",
            "2030-01-01T00:00:00z",
            "2030-01-01T00:00:00 08:00",
            "2030-01-01T00:00:00+0800",
            "2030-01-01T00:00:00+08",
            "2030-01-01T00:00:00.+08:00",
            "2030-01-01T00:00.5+08:00",
            "2030-01-01T00:00:60Z",
            "2030-01-01T24:00:00Z",
            "2030-01-01T00:00:00\u{2212}08:00",
            "２０３０-01-01",
            "2030-01-01T00:00:00+08:00 ",
            " 2030-01-01",
            "yesterday",
            "1735660800",
        ] {
            assert_eq!(read_date_bound(text), None, "{text:?}");
        }
    }

    fn parse(pairs: &[(&str, &str)]) -> Result<RequestQuery, Vec<QueryError>> {
        RequestQuery::parse(pairs.iter().copied())
    }

    #[test]
    fn reads_lists_repeated_or_comma_separated() {
        let query = parse(&[
            ("service_request_id", "3, 5"),
            ("service_request_id", "8"),
            ("service_code", "tax,traffic"),
            ("status", "open"),
            ("status", "closed"),
            ("jurisdiction_id", "yantian"),
            ("lang", "en"),
        ])
        .unwrap();
        assert_eq!(query.ids, Some(vec!["3".into(), "5".into(), "8".into()]));
        assert_eq!(
            query.service_codes,
            Some(vec!["tax".into(), "traffic".into()])
        );
        assert!(query.open && query.closed);
        assert_eq!(parse(&[]).unwrap(), RequestQuery::default());
    }

    #[test]
    fn refuses_every_malformed_filter_at_once() {
        let errors = parse(&[
            ("start_date", "2030-01-01T00:00:00"),
            ("status", "opened"),
            ("status", "pending"),
            ("service_request_id", "3,,4"),
            ("service_code", ""),
            ("end_date", "2026-11-25"),
            ("end_date", "2026-11-26"),
        ])
        .unwrap_err();
        assert_eq!(
            errors,
            [
                QueryError::NotADate {
                    parameter: "start_date"
                },
                QueryError::UnknownStatus,
                QueryError::EmptyItem {
                    parameter: "service_request_id"
                },
                QueryError::EmptyItem {
                    parameter: "service_code"
                },
                QueryError::Repeated {
                    parameter: "end_date"
                },
            ]
        );
        assert_eq!(
            parse(&[("start_date", "2026-11-26"), ("end_date", "2026-11-25")]).unwrap_err(),
            [QueryError::StartAfterEnd]
        );
        assert_eq!(
            parse(&[("status", "open,")]).unwrap_err()[0].parameter(),
            "status"
        );
    }

    #[test]
    fn messages_name_the_parameter_and_never_echo_the_value() {
        let errors = parse(&[("end_date", "13900139000"), ("status", "13900139000")]).unwrap_err();
        for error in &errors {
            let text = error.to_string();
            assert!(text.starts_with(error.parameter()), "{text}");
            assert!(!text.contains("13900139000"), "{text}");
        }
        assert!(errors[0].to_string().contains("%2B"));
    }
}
