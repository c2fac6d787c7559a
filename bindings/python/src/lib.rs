//! The native half of the `lianjian` Python package: `lianjian._lianjian`.
//!
//! Every function takes `str` arguments and returns the JSON text that
//! `lianjian-api` produces, so that Python gets byte-identical findings to the
//! browser, the C ABI and the command line. Options are JSON text too
//! (`{"lang", "today", "messages", "legacyUscc", "catalog"}`); when `today` is absent it
//! is the date in China (UTC+8) read from the clock here — the core never reads
//! a clock. The work runs with the interpreter released, so Python threads can
//! validate in parallel. The Pythonic API (dicts, keyword arguments, types) is
//! in `python/lianjian/__init__.py`.

// PyO3 0.30's macros emit their FFI glue (`PyInit__lianjian`) without
// tripping the workspace's `unsafe_code = "deny"`, so nothing is allowed here.

use chrono::{FixedOffset, NaiveDate, Utc};
use lianjian_api::{self as api, Input, Options};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

/// Options from JSON text, with `today` filled from the clock when absent.
fn read_options(options: Option<&str>) -> PyResult<Options> {
    let mut options =
        Options::from_json(options.unwrap_or_default()).map_err(PyValueError::new_err)?;
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
        record: String,
        options: Option<String>,
    ) -> PyResult<String> {
        let options = read_options(options.as_deref())?;
        Ok(
            py.detach(move || {
                api::to_json(&api::enrollment_report(Input::Text(&record), &options))
            }),
        )
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
        record: String,
        options: Option<String>,
    ) -> PyResult<String> {
        let options = read_options(options.as_deref())?;
        Ok(py.detach(move || api::to_json(&api::demand_report(Input::Text(&record), &options))))
    }

    /// Checks one unified social credit code. Returns
    /// `{"input", "valid", "normalized", "findings"}` as JSON text.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (code, options = None))]
    fn check_uscc(py: Python<'_>, code: String, options: Option<String>) -> PyResult<String> {
        let options = read_options(options.as_deref())?;
        Ok(py.detach(move || api::to_json(&api::check_uscc(&code, &options))))
    }

    /// Suggests a topic and the responsible departments for a demand text.
    /// Returns `{"topic", "department", "departments", "confidence",
    /// "candidates"}` as JSON text.
    #[pyfunction]
    #[pyo3(signature = (title, description = String::new()))]
    fn classify(py: Python<'_>, title: String, description: String) -> String {
        py.detach(move || api::to_json(&api::classify(&title, &description)))
    }

    /// The coverage report of enrollment records given as JSON lines (one
    /// record per line, blank lines skipped, rows numbered by line). Returns
    /// the report with its `rejected` rows as JSON text.
    ///
    /// Raises `ValueError` when `options` is not valid options JSON.
    #[pyfunction]
    #[pyo3(signature = (lines, options = None))]
    fn coverage(py: Python<'_>, lines: String, options: Option<String>) -> PyResult<String> {
        let options = read_options(options.as_deref())?;
        Ok(py.detach(move || api::to_json(&api::coverage_lines(&lines, &options))))
    }

    /// The built-in message templates of a language (`zh-CN` or `en`), keyed
    /// by finding code, as JSON text.
    ///
    /// Raises `ValueError` for any other language.
    #[pyfunction]
    fn templates(lang: String) -> PyResult<String> {
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
