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
use lianjian::api::{self, CoveragePartial, Options, Roster, RosterInput};
use lianjian::roster::Cell;
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

/// Rows of text cells from Python (lists or tuples, as `zip(*columns)`
/// makes them from an Arrow batch's columns): `None` is a blank cell.
fn cell_rows(rows: Vec<Vec<Option<Bound<'_, PyString>>>>) -> PyResult<Vec<Vec<String>>> {
    rows.iter().map(|row| texts_of(row, plain_text)).collect()
}

/// Texts from a Python list of `str` or `None` (an empty text), each read
/// by `read` ([`json_text`] or [`plain_text`]).
fn texts_of(
    items: &[Option<Bound<'_, PyString>>],
    read: fn(&Bound<'_, PyString>) -> PyResult<String>,
) -> PyResult<Vec<String>> {
    items
        .iter()
        .map(|item| {
            item.as_ref()
                .map(read)
                .transpose()
                .map(Option::unwrap_or_default)
        })
        .collect()
}

/// The cells of a row as the core takes them.
fn as_cells(row: &[String]) -> Vec<Cell<'_>> {
    row.iter().map(|c| Cell::Text(c)).collect()
}

/// A roster's columns, found from its header: checks rows of cells given
/// column by column (`lianjian::api::Roster`).
#[pyclass(module = "lianjian._lianjian", name = "Roster", frozen)]
pub struct PyRoster {
    roster: Roster,
}

#[pymethods]
impl PyRoster {
    /// The columns a one-row header names (Chinese or English headers).
    ///
    /// Raises `ValueError` when required columns are missing or two headers
    /// name one field.
    #[new]
    fn new(headers: Vec<Bound<'_, PyString>>) -> PyResult<Self> {
        let headers = headers
            .iter()
            .map(plain_text)
            .collect::<PyResult<Vec<_>>>()?;
        let roster = Roster::from_headers(&headers).map_err(PyValueError::new_err)?;
        Ok(PyRoster { roster })
    }

    /// The header among the first non-blank rows of a roster, read in one
    /// or more ways (its first lines split at commas, tabs, semicolons):
    /// `(roster, found)`, `found` being JSON text `{"reading", "row",
    /// "depth", "headers", "ignored"}` (`reading` and `row` index what was
    /// given).
    ///
    /// Raises `ValueError` saying what the closest row lacked.
    #[staticmethod]
    fn find(readings: Vec<Vec<Vec<String>>>) -> PyResult<(PyRoster, String)> {
        let (roster, found) = Roster::find(&readings).map_err(PyValueError::new_err)?;
        Ok((PyRoster { roster }, api::to_json(&found)))
    }

    /// Headers that name no field; their cells are not read.
    #[getter]
    fn ignored(&self) -> Vec<String> {
        self.roster.ignored().to_vec()
    }

    /// Checks rows of cells (in header order, `None` for a blank cell).
    /// Returns `(valid, findings)`: a flag and the findings as JSON text for
    /// each row.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyo3(signature = (rows, options = None))]
    fn check(
        &self,
        py: Python<'_>,
        rows: Vec<Vec<Option<Bound<'_, PyString>>>>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<(Vec<bool>, Vec<String>)> {
        let options = read_options(options)?;
        let rows = cell_rows(rows)?;
        Ok(py.detach(|| {
            rows.iter()
                .map(|row| {
                    let answer = self.roster.check(&as_cells(row), &options);
                    (answer.valid, api::to_json(&answer.findings))
                })
                .unzip()
        }))
    }
}

/// Coverage counted over some rows of a roster, to be merged with the
/// partials of the other rows in any order (`lianjian::api::CoveragePartial`).
#[pyclass(module = "lianjian._lianjian", name = "CoveragePartial")]
pub struct PyCoveragePartial {
    options: Options,
    partial: CoveragePartial,
}

impl PyCoveragePartial {
    fn same_length(rows: &[u64], items: usize) -> PyResult<()> {
        if rows.len() == items {
            Ok(())
        } else {
            Err(PyValueError::new_err(format!(
                "{} row numbers for {items} rows",
                rows.len()
            )))
        }
    }
}

#[pymethods]
impl PyCoveragePartial {
    /// Nothing counted yet, with these options (`today` filled in when
    /// absent: give it, so that every partial has the same).
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[new]
    #[pyo3(signature = (options = None))]
    fn new(options: Option<&Bound<'_, PyString>>) -> PyResult<Self> {
        let options = read_options(options)?;
        let partial = CoveragePartial::new(&options);
        Ok(PyCoveragePartial { options, partial })
    }

    /// A partial from the text `to_json` wrote; `options` must be those it
    /// was counted with.
    ///
    /// Raises `ValueError` when the text is not a partial, or was counted
    /// with other options.
    #[staticmethod]
    #[pyo3(signature = (text, options = None))]
    fn from_json(
        text: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<Self> {
        let options = read_options(options)?;
        let partial = CoveragePartial::from_json(&plain_text(text)?)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        if !partial.counted_with(&options) {
            return Err(PyValueError::new_err(
                api::PartialError::OtherOptions.to_string(),
            ));
        }
        Ok(PyCoveragePartial { options, partial })
    }

    /// Rows added so far (merged partials included).
    #[getter]
    fn rows(&self) -> u64 {
        self.partial.rows()
    }

    /// Checks enrollment records given as JSON text (`None`: an empty
    /// text), each under its row number, and adds them.
    ///
    /// Raises `ValueError` when there are not as many row numbers as records.
    fn add_records(
        &mut self,
        py: Python<'_>,
        rows: Vec<u64>,
        records: Vec<Option<Bound<'_, PyString>>>,
    ) -> PyResult<()> {
        Self::same_length(&rows, records.len())?;
        let texts = texts_of(&records, json_text)?;
        let (options, partial) = (&self.options, &mut self.partial);
        py.detach(|| {
            for (row, text) in rows.iter().zip(&texts) {
                partial.add_json(*row, text, options);
            }
        });
        Ok(())
    }

    /// Adds lines of a JSON-lines roster, each under its line number: blank
    /// lines (and `None`) are no rows and add nothing, a byte-order mark is
    /// dropped, as `lianjian coverage` reads a file.
    ///
    /// Raises `ValueError` when there are not as many line numbers as lines.
    fn add_lines(
        &mut self,
        py: Python<'_>,
        numbers: Vec<u64>,
        lines: Vec<Option<Bound<'_, PyString>>>,
    ) -> PyResult<()> {
        Self::same_length(&numbers, lines.len())?;
        let texts = texts_of(&lines, json_text)?;
        let (options, partial) = (&self.options, &mut self.partial);
        py.detach(|| {
            for (number, line) in numbers.iter().zip(&texts) {
                partial.add_line(*number, line, options);
            }
        });
        Ok(())
    }

    /// Checks roster rows of cells (in the roster's header order, `None`
    /// for a blank cell), each under its row number, and adds them.
    ///
    /// Raises `ValueError` when there are not as many row numbers as rows.
    fn add_roster(
        &mut self,
        py: Python<'_>,
        roster: &PyRoster,
        rows: Vec<u64>,
        cells: Vec<Vec<Option<Bound<'_, PyString>>>>,
    ) -> PyResult<()> {
        Self::same_length(&rows, cells.len())?;
        let cells_of = cell_rows(cells)?;
        let (options, partial) = (&self.options, &mut self.partial);
        py.detach(|| {
            for (row, cells_of) in rows.iter().zip(&cells_of) {
                partial.add_cells(*row, &roster.roster, &as_cells(cells_of), options);
            }
        });
        Ok(())
    }

    /// Adds rows that could not be read at all (`row_malformed`).
    fn add_malformed(&mut self, rows: Vec<u64>) {
        for row in rows {
            self.partial.add_malformed(row, &self.options);
        }
    }

    /// Merges another partial in, leaving it empty (any order and grouping
    /// of merges gives the same answer).
    ///
    /// Raises `ValueError` when the two were counted with other options.
    fn merge(&mut self, mut other: PyRefMut<'_, Self>) -> PyResult<()> {
        let fresh = CoveragePartial::new(&other.options);
        let taken = std::mem::replace(&mut other.partial, fresh);
        self.partial
            .merge(taken)
            .map_err(|e| PyValueError::new_err(e.to_string()))
    }

    /// The partial as JSON text (versioned; meant for `from_json` only).
    fn to_json(&self) -> String {
        self.partial.to_json()
    }

    /// The coverage answer over every row added, as JSON text: the report,
    /// `input` when given (JSON text `{"format", "rows", …}` saying how a
    /// file was read), `rejected` and `warnings`. With `pretty`, laid out
    /// as `lianjian coverage --format json` prints it. The partial is empty
    /// afterwards.
    ///
    /// Raises `ValueError` when `input` is not such an object.
    #[pyo3(signature = (input = None, pretty = false))]
    fn finish(&mut self, input: Option<&Bound<'_, PyString>>, pretty: bool) -> PyResult<String> {
        let input: Option<RosterInput> = input
            .map(|text| {
                serde_json::from_str(&plain_text(text)?)
                    .map_err(|e| PyValueError::new_err(format!("input: {e}")))
            })
            .transpose()?;
        let fresh = CoveragePartial::new(&self.options);
        let partial = std::mem::replace(&mut self.partial, fresh);
        let mut answer = partial
            .finish(&self.options)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        answer.input = input;
        Ok(if pretty {
            serde_json::to_string_pretty(&answer).unwrap_or_else(|_| "{}".to_owned())
        } else {
            api::to_json(&answer)
        })
    }
}

#[pymodule(name = "_lianjian")]
mod lianjian_python {
    use super::*;

    #[pymodule_export]
    use super::PyCoveragePartial;

    #[pymodule_export]
    use super::PyRoster;

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

    /// Validates enrollment records given as JSON text (`None`: an empty
    /// text), a batch at a time with the interpreter released. Returns
    /// `(valid, findings)`: a flag and the findings as JSON text for each
    /// record.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (records, options = None))]
    fn check_enrollments(
        py: Python<'_>,
        records: Vec<Option<Bound<'_, PyString>>>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<(Vec<bool>, Vec<String>)> {
        let options = read_options(options)?;
        let texts = texts_of(&records, json_text)?;
        Ok(py.detach(move || {
            texts
                .iter()
                .map(|text| {
                    let answer = api::enrollment(text, &options);
                    (answer.valid, api::to_json(&answer.findings))
                })
                .unzip()
        }))
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
    /// "candidates"}` as JSON text. `options` may carry a district's
    /// `classifier` model.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON (a
    /// `classifier` model that does not load included).
    #[pyfunction]
    #[pyo3(signature = (title, description = None, options = None))]
    fn classify(
        py: Python<'_>,
        title: &Bound<'_, PyString>,
        description: Option<&Bound<'_, PyString>>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let title = plain_text(title)?;
        let description = description.map(plain_text).transpose()?.unwrap_or_default();
        Ok(py.detach(move || api::to_json(&api::classify(&title, &description, &options))))
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

    /// A coverage partial of enrollment records given as JSON lines, rows
    /// numbered by line from `first_line`: JSON text for `coverage_merge`
    /// and `coverage_finish`.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (lines, first_line = 1, options = None))]
    fn coverage_partial(
        py: Python<'_>,
        lines: &Bound<'_, PyString>,
        first_line: u64,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let lines = json_text(lines)?;
        Ok(py.detach(move || api::coverage_partial_lines(&lines, first_line, &options).to_json()))
    }

    /// Two coverage partials (JSON text) merged into one.
    ///
    /// Raises `ValueError` when either is not a partial, or they were
    /// counted with other options.
    #[pyfunction]
    fn coverage_merge(a: &Bound<'_, PyString>, b: &Bound<'_, PyString>) -> PyResult<String> {
        let read = |text: &Bound<'_, PyString>| {
            CoveragePartial::from_json(&plain_text(text)?)
                .map_err(|e| PyValueError::new_err(e.to_string()))
        };
        let mut merged = read(a)?;
        merged
            .merge(read(b)?)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(merged.to_json())
    }

    /// The coverage answer of a partial (JSON text), as `coverage` answers
    /// it; `options` must be those the partial was counted with.
    ///
    /// Raises `ValueError` when the text is not a partial or the options differ.
    #[pyfunction]
    #[pyo3(signature = (partial, options = None))]
    fn coverage_finish(
        partial: &Bound<'_, PyString>,
        options: Option<&Bound<'_, PyString>>,
    ) -> PyResult<String> {
        let options = read_options(options)?;
        let partial = CoveragePartial::from_json(&plain_text(partial)?)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let answer = partial
            .finish(&options)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(api::to_json(&answer))
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
