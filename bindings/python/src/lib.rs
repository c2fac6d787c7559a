//! The native half of the `lianjian` Python package: `lianjian._lianjian`.
//!
//! Every function takes `str` arguments and returns the JSON text that
//! `lianjian::api` produces, so that Python gets byte-identical findings to the
//! browser, the C ABI and the command line. Options are JSON text too
//! (`{"lang", "today", "messages", "legacyUscc", "catalog", "holidays", "programme"}`); when `today` is absent it
//! is the date in China (UTC+8) read from the clock here — the core never reads
//! a clock. The work runs with the interpreter released, so Python threads can
//! validate in parallel. The Pythonic API (dicts, keyword arguments, types) is
//! in `python/lianjian/__init__.py`.

// PyO3 0.30's macros emit their FFI glue (`PyInit__lianjian`) without
// tripping the workspace's `unsafe_code = "deny"`, so nothing is allowed here.

use chrono::{FixedOffset, NaiveDate, Utc};
use lianjian::api::{self, Options};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyString};

/// JSON text from a Python `str`, which may hold lone surrogates (text cut
/// inside an emoji, read with `surrogateescape`, or built from code points).
/// Such a `str` has no UTF-8 form, and converting it would raise
/// `UnicodeEncodeError`; each lone surrogate is written as its JSON escape
/// instead (`\ud83d`: the same text for a JSON reader), so the core answers
/// `invalid_characters` at the field, as every other binding does.
fn json_text(text: &Bound<'_, PyString>) -> PyResult<String> {
    decode(text, |unit, out| out.push_str(&format!("\\u{unit:04x}")))
}

/// Plain text (a code, a demand's title) from a Python `str`: a lone
/// surrogate becomes one U+FFFD, as a browser's encoder makes it, and the
/// checks then refuse it as a character out of place.
fn plain_text(text: &Bound<'_, PyString>) -> PyResult<String> {
    decode(text, |_, out| out.push('\u{FFFD}'))
}

/// The `str` as Rust text, `surrogate` writing each surrogate code point.
fn decode(text: &Bound<'_, PyString>, surrogate: impl Fn(u32, &mut String)) -> PyResult<String> {
    if let Ok(text) = text.to_cow() {
        return Ok(text.into_owned());
    }
    let encoded = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let bytes = encoded.cast::<PyBytes>()?.as_bytes();
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(valid) => {
                out.push_str(valid);
                break;
            }
            Err(e) => {
                let (valid, after) = rest.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(valid).unwrap_or_default());
                // `surrogatepass` writes a surrogate as ED A0..BF xx.
                match after {
                    [0xED, b1 @ 0xA0..=0xBF, b2, ..] => {
                        surrogate(
                            0xD000 | (u32::from(b1 & 0x3F) << 6) | u32::from(b2 & 0x3F),
                            &mut out,
                        );
                        rest = &after[3..];
                    }
                    _ => {
                        out.push('\u{FFFD}');
                        rest = &after[e.error_len().unwrap_or(after.len()).max(1)..];
                    }
                }
            }
        }
    }
    Ok(out)
}

/// Options from JSON text, with `today` filled from the clock when absent.
fn read_options(options: Option<&Bound<'_, PyString>>) -> PyResult<Options> {
    let text = options.map(json_text).transpose()?.unwrap_or_default();
    let mut options = Options::from_json(&text).map_err(PyValueError::new_err)?;
    if options.today.is_none() {
        options.today = Some(china_today().format("%Y-%m-%d").to_string());
    }
    Ok(options)
}

/// Today's date in China (UTC+8).
fn china_today() -> NaiveDate {
    let china =
        FixedOffset::east_opt(8 * 3600).unwrap_or_else(|| unreachable!("+08:00 is a valid offset"));
    Utc::now().with_timezone(&china).date_naive()
}

#[pymodule(name = "_lianjian")]
mod lianjian_python {
    use super::*;

    /// The version of the Rust crates this module was built from.
    #[pymodule_export]
    #[allow(non_upper_case_globals)] // Python's dunder name.
    const __version__: &str = env!("CARGO_PKG_VERSION");

    /// Validates an enrollment record given as JSON text. Returns
    /// `{"valid", "findings", "record"}` as JSON text.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (record, options = None))]
    fn validate_enrollment(
        py: Python<'_>,
        record: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let record = json_text(record)?;
        Ok(py.detach(move || api::to_json(&api::enrollment(&record, &options))))
    }

    /// Validates an enterprise demand given as JSON text. Returns
    /// `{"valid", "findings", "record"}` as JSON text. Repeats of earlier
    /// demands are not checked here (there are none to compare with).
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (record, options = None))]
    fn validate_demand(
        py: Python<'_>,
        record: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let record = json_text(record)?;
        Ok(py.detach(move || api::to_json(&api::demand(&record, &options))))
    }

    /// Validates a record of the named kind (`enrollment`, `demand`,
    /// `programme`, `visit`, `activity`, `pairing`, `centre`) given as JSON
    /// text. Returns
    /// `{"valid", "findings", "record"}` as JSON text; visits are checked
    /// against the options' `programme` when it is given.
    ///
    /// Raises `ValueError` for a kind with no such name (`kind: ...`) or
    /// options that are not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (kind, record, options = None))]
    fn validate(
        py: Python<'_>,
        kind: &Bound<'_, PyString>,
        record: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let (kind, record) = (plain_text(kind)?, json_text(record)?);
        py.detach(move || api::validate(&kind, &record, &options).map(|a| api::to_json(&a)))
            .map_err(PyValueError::new_err)
    }

    /// Validates the records of JSON-lines text, one of the named kind a
    /// line, each also against the valid records on earlier lines. Returns
    /// `[{"line", "valid", "findings"}]` as JSON text, one per non-blank line.
    ///
    /// Raises `ValueError` for a kind with no such name or bad options.
    #[pyfunction]
    #[pyo3(signature = (kind, lines, options = None))]
    fn validate_lines(
        py: Python<'_>,
        kind: &Bound<'_, PyString>,
        lines: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let (kind, lines) = (plain_text(kind)?, json_text(lines)?);
        py.detach(move || api::validate_lines(&kind, &lines, &options).map(|a| api::to_json(&a)))
            .map_err(PyValueError::new_err)
    }

    /// Checks one unified social credit code. Returns
    /// `{"input", "valid", "normalized", "findings"}` as JSON text.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (code, options = None))]
    fn check_uscc(
        py: Python<'_>,
        code: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let code = plain_text(code)?;
        Ok(py.detach(move || api::to_json(&api::check_uscc(&code, &options))))
    }

    /// Suggests a topic and the responsible departments for a demand text.
    /// Returns `{"topic", "department", "departments", "confidence",
    /// "candidates"}` as JSON text.
    #[pyfunction]
    #[pyo3(signature = (title, description = None))]
    fn classify(
        py: Python<'_>,
        title: &Bound<'_, PyString>,
        description: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let title = plain_text(title)?;
        let description = description.map(plain_text).transpose()?.unwrap_or_default();
        Ok(py.detach(move || api::to_json(&api::classify(&title, &description))))
    }

    /// The coverage report of enrollment records given as JSON lines (one
    /// record per line, blank lines skipped, rows numbered by line). Returns
    /// the report with its `rejected` rows as JSON text.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (lines, options = None))]
    fn coverage(
        py: Python<'_>,
        lines: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let lines = json_text(lines)?;
        Ok(py.detach(move || api::to_json(&api::coverage_lines(&lines, &options))))
    }

    /// The deadline of a demand of `kind` received on `received` (`YYYY-MM-DD` or
    /// RFC 3339), in working days. Returns `{"kind", "from", "working_days",
    /// "deadline", "provisional", "findings"}` as JSON text.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON (a
    /// `holidays` schedule that does not load included).
    #[pyfunction]
    #[pyo3(signature = (kind, received, options = None))]
    fn deadline(
        kind: &Bound<'_, PyString>,
        received: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let answer = api::deadline(&plain_text(kind)?, &plain_text(received)?, &options);
        Ok(api::to_json(&answer))
    }

    /// Whether `date` (`YYYY-MM-DD`) is a working day and why. Returns
    /// `{"date", "working", "reason", "holiday", "holiday_name",
    /// "provisional", "source", "findings"}` as JSON text.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (date, options = None))]
    fn workday(
        date: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        Ok(api::to_json(&api::workday(&plain_text(date)?, &options)))
    }

    /// The headline report of a district folder given as one JSON object of
    /// file texts (`{"roster.jsonl": "…", "demands.jsonl": "…", …}`) for the
    /// period `from_`–`to` (`YYYY-MM-DD`, both days included; `as_of`
    /// defaults to `to`). Returns `{"period", "as_of", "programme",
    /// "figures", "lists", "definitions", "names", "files", "findings"}` as
    /// JSON text; rows left out are findings with their `file` and `line`.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (folder, from_, to, as_of = None, options = None))]
    fn headline(
        py: Python<'_>,
        folder: &Bound<'_, PyString>,
        from_: &Bound<'_, PyString>,
        to: &Bound<'_, PyString>,
        as_of: Option<&Bound<'_, PyString>>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let folder = json_text(folder)?;
        let (from, to) = (plain_text(from_)?, plain_text(to)?);
        let as_of = as_of.map(plain_text).transpose()?;
        Ok(py.detach(move || {
            let query = api::Query {
                from: &from,
                to: &to,
                as_of: as_of.as_deref(),
            };
            api::to_json(&api::headline_json(&folder, &query, &options))
        }))
    }

    /// A ledger (台账) of a district folder given as one JSON object of file
    /// texts: `activities`, `pairings` or `centres`. Returns `{"ledger",
    /// "title", "columns", "rows", "files", "findings"}` as JSON text, `rows`
    /// objects keyed by the columns' ids (null for a name that is no ledger:
    /// an `invalid_option` finding at `ledger` lists the names).
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (name, folder, options = None))]
    fn ledger(
        py: Python<'_>,
        name: &Bound<'_, PyString>,
        folder: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let (name, folder) = (plain_text(name)?, json_text(folder)?);
        Ok(py.detach(move || api::to_json(&api::ledger_json(&name, &folder, &options))))
    }

    /// The centres of a district folder given as one JSON object of file
    /// texts as Open Referral HSDS 3.0: `{"export", "files", "findings"}` as
    /// JSON text, `export` the HSDS object (null when it could not be made).
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (folder, options = None))]
    fn export_hsds(
        py: Python<'_>,
        folder: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let folder = json_text(folder)?;
        Ok(py.detach(move || api::to_json(&api::hsds_json(&folder, &options))))
    }

    /// The activities of a district folder given as one JSON object of file
    /// texts as an iCalendar (RFC 5545) calendar, `stamp` (RFC 3339) its
    /// `DTSTAMP`: `{"export", "files", "findings"}` as JSON text, `export`
    /// the calendar's text (null when it could not be made, e.g. a stamp
    /// that cannot be read: `datetime_invalid` at `stamp`).
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (folder, stamp, options = None))]
    fn export_ical(
        py: Python<'_>,
        folder: &Bound<'_, PyString>,
        stamp: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let (folder, stamp) = (json_text(folder)?, plain_text(stamp)?);
        Ok(py.detach(move || api::to_json(&api::ical_json(&folder, &stamp, &options))))
    }

    /// The built-in message templates of a language (`zh-CN` or `en`), keyed
    /// by finding code, as JSON text.
    ///
    /// Raises `ValueError` for any other language.
    #[pyfunction]
    fn templates(lang: &Bound<'_, PyString>) -> PyResult<String> {
        let lang = plain_text(lang)?;
        let lang = lianjian::Lang::parse(&lang).ok_or_else(|| {
            PyValueError::new_err(format!("lang must be zh-CN or en, not {lang:?}"))
        })?;
        Ok(api::to_json(&api::templates(lang)))
    }

    /// The date the functions use when options give no `today`: today in
    /// China (UTC+8), as `YYYY-MM-DD`.
    #[pyfunction]
    fn china_today() -> String {
        super::china_today().format("%Y-%m-%d").to_string()
    }
}
