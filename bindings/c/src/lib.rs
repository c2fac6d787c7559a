//! The C ABI of lianjian: every use case of `lianjian::api` as a function that
//! takes NUL-terminated UTF-8 strings, returns a [`LianjianStatus`] and hands
//! back a newly allocated JSON string through `char **out`.
//!
//! This layer only converts: C strings to `&str`, the options JSON to
//! [`Options`] (filling in today's date in China when absent), the answer to
//! JSON and a status. The answers are those of `lianjian::api`, so a C program
//! gets byte-identical findings to the browser, the command line and Python.
//!
//! No panic crosses the boundary: every body runs under
//! [`std::panic::catch_unwind`] and a caught panic becomes
//! [`LianjianStatus::Panic`]. (That needs the default `panic = "unwind"`; a
//! build with `panic = "abort"` would abort instead.)
//!
//! The header `include/lianjian.h` is generated from this file by cbindgen;
//! `tests/header.rs` fails when it drifts. Regenerate it with
//! `LIANJIAN_BLESS=1 cargo test -p lianjian-c --test header`.

// Raw pointers from C are the point of this crate, so it is the one crate of
// the workspace that allows `unsafe` (and `no_mangle`). Every unsafe block
// carries a `SAFETY:` comment (clippy checks that) and unsafe operations inside
// unsafe functions still need their own block.
#![allow(unsafe_code)]
#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]
#![deny(missing_docs)]

use std::collections::BTreeMap;
use std::ffi::{c_char, CStr, CString};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;

use chrono::{FixedOffset, Utc};
use lianjian::api;
use lianjian::api::Options;

/// What a call did. The JSON handed back through `out` says the rest.
#[repr(C)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LianjianStatus {
    /// The call ran; the record is valid (classify and coverage: the call ran).
    Ok = 0,
    /// The call ran; the record has errors. The JSON in `out` lists them.
    Invalid = 1,
    /// A required pointer argument (or `out` itself) was NULL. `out` is set to
    /// NULL, unless `out` itself was NULL, in which case nothing is written.
    NullArgument = 2,
    /// A string argument was not UTF-8. `out` is set to NULL.
    InvalidUtf8 = 3,
    /// The options JSON could not be read (not JSON, an unknown key, a wrong
    /// type). `out` holds `{"error": "..."}` saying why; free it as usual.
    BadOptions = 4,
    /// An internal error was caught before it could cross the boundary; never
    /// expected. `out` is set to NULL.
    Panic = 5,
    /// The kind names no kind of record (`lianjian_validate`,
    /// `lianjian_validate_lines`). `out` holds `{"error": "kind: ..."}` saying
    /// which kinds there are; free it as usual.
    UnknownKind = 6,
}

/// The crate version as a C string, made at compile time.
const VERSION: &CStr =
    match CStr::from_bytes_with_nul(concat!(env!("CARGO_PKG_VERSION"), "\0").as_bytes()) {
        Ok(version) => version,
        Err(_) => panic!("the package version contains no NUL"),
    };

/// China Standard Time, UTC+8 (no daylight saving time).
const CHINA: FixedOffset = match FixedOffset::east_opt(8 * 3600) {
    Some(offset) => offset,
    None => panic!("+08:00 is a valid offset"),
};

/// What a call hands back: a status and, when there is one, the JSON for `out`.
#[derive(Debug)]
struct Reply {
    status: LianjianStatus,
    json: Option<String>,
}

impl Reply {
    /// An answer with a `valid` flag: `Ok` when valid, else `Invalid`.
    fn checked(valid: bool, json: String) -> Reply {
        let status = if valid {
            LianjianStatus::Ok
        } else {
            LianjianStatus::Invalid
        };
        Reply {
            status,
            json: Some(json),
        }
    }

    /// An answer of a call that has no `valid` flag: it ran.
    fn ran(json: String) -> Reply {
        Reply {
            status: LianjianStatus::Ok,
            json: Some(json),
        }
    }
}

impl From<LianjianStatus> for Reply {
    /// A refusal without JSON (`out` stays NULL).
    fn from(status: LianjianStatus) -> Reply {
        Reply { status, json: None }
    }
}

/// Borrows a required string argument as UTF-8 text.
///
/// # Safety
///
/// `ptr` is NULL or points to a NUL-terminated string that stays valid and
/// unchanged for `'a`.
unsafe fn text<'a>(ptr: *const c_char) -> Result<&'a str, LianjianStatus> {
    if ptr.is_null() {
        return Err(LianjianStatus::NullArgument);
    }
    // SAFETY: `ptr` is not NULL (checked above) and, by this function's
    // contract, points to a NUL-terminated string valid for `'a`.
    let string = unsafe { CStr::from_ptr(ptr) };
    string.to_str().map_err(|_| LianjianStatus::InvalidUtf8)
}

/// Reads the options argument: NULL means the defaults. When the options give
/// no `today`, it is today's date in China from the clock.
///
/// # Safety
///
/// As for [`text`].
unsafe fn options(ptr: *const c_char) -> Result<Options, Reply> {
    let mut options = if ptr.is_null() {
        Options::default()
    } else {
        // SAFETY: not NULL; the rest is this function's contract, passed on.
        let text = unsafe { text(ptr) }?;
        Options::from_json(text).map_err(|message| Reply {
            status: LianjianStatus::BadOptions,
            json: Some(api::to_json(&BTreeMap::from([("error", message)]))),
        })?
    };
    if options.today.is_none() {
        options.today = Some(china_today());
    }
    Ok(options)
}

/// Today's date in China (UTC+8) from the system clock, as `YYYY-MM-DD`.
/// The core never reads a clock; a binding may, for its default.
fn china_today() -> String {
    Utc::now().with_timezone(&CHINA).date_naive().to_string()
}

/// Runs `body` so that no panic escapes, then hands its JSON to the caller
/// through `out` and returns its status.
///
/// # Safety
///
/// `out` is NULL or valid for writing one pointer.
unsafe fn call(
    out: *mut *mut c_char,
    body: impl FnOnce() -> Result<Reply, Reply>,
) -> LianjianStatus {
    if out.is_null() {
        return LianjianStatus::NullArgument;
    }
    // SAFETY: `out` is not NULL and, by this function's contract, valid for
    // writing one pointer. NULL first, so that every early return leaves it so.
    unsafe { out.write(ptr::null_mut()) };
    let reply = match catch_unwind(AssertUnwindSafe(body)) {
        Ok(Ok(reply) | Err(reply)) => reply,
        Err(payload) => {
            // Dropping the payload runs foreign code that could panic in turn;
            // keep that inside too, and leak a second payload rather than unwind.
            if let Err(again) = catch_unwind(AssertUnwindSafe(move || drop(payload))) {
                std::mem::forget(again);
            }
            return LianjianStatus::Panic;
        }
    };
    if let Some(json) = reply.json {
        // serde_json escapes NUL as \u0000, so this cannot fail; if it ever
        // did, say "internal error" rather than hand back a cut string.
        let Ok(json) = CString::new(json) else {
            return LianjianStatus::Panic;
        };
        // SAFETY: as above; the string is now the caller's to free with
        // `lianjian_string_free`.
        unsafe { out.write(json.into_raw()) };
    }
    reply.status
}

/// Validates an enrollment record.
///
/// `record_json`: the record as JSON text (UTF-8, NUL-terminated).
/// `options_json`: `{"lang", "today", "messages", "legacyUscc", "catalog", "holidays", "programme"}` as JSON text,
/// or NULL for the defaults (zh-CN, today's date in China from the clock).
/// `out`: receives `{"valid": bool, "findings": [...], "record": {...}|null}`;
/// free it with `lianjian_string_free`.
///
/// Returns `LIANJIAN_STATUS_OK` when the record is valid, `..._INVALID` when it
/// has errors (a record that is not JSON is such a record: an `invalid_json`
/// finding), or a refusal (see `LianjianStatus`).
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_validate_enrollment(
    record_json: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (record, options) = unsafe { (text(record_json)?, options(options_json)?) };
        let answer = api::enrollment(record, &options);
        Ok(Reply::checked(answer.valid, api::to_json(&answer)))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// Validates a demand record (a request an enterprise raises).
///
/// Arguments, answer (`{"valid", "findings", "record"}`) and statuses as for
/// `lianjian_validate_enrollment`. Repeats of earlier demands are not checked
/// here: that needs the earlier demands, which only a server has.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_validate_demand(
    record_json: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (record, options) = unsafe { (text(record_json)?, options(options_json)?) };
        let answer = api::demand(record, &options);
        Ok(Reply::checked(answer.valid, api::to_json(&answer)))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// Validates a record of a named kind: `enrollment`, `demand`, `programme`,
/// `visit`, `activity` (docs/wire/outreach.md), `pairing` or `centre`
/// (docs/wire/pairings.md).
///
/// `kind`: the kind's name. `record_json`: the record as JSON text.
/// `options_json`: as for `lianjian_validate_enrollment`, with `programme`
/// (a programme object visits are checked against), or NULL. `out`:
/// receives `{"valid", "findings", "record"}`.
///
/// Returns `LIANJIAN_STATUS_OK` when the record is valid, `..._INVALID` when
/// it has errors, `..._UNKNOWN_KIND` (with `{"error"}`) for a kind with no
/// such name, or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_validate(
    kind: *const c_char,
    record_json: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (kind, record, options) =
            unsafe { (text(kind)?, text(record_json)?, options(options_json)?) };
        let answer = api::validate(kind, record, &options).map_err(unknown_kind)?;
        Ok(Reply::checked(answer.valid, api::to_json(&answer)))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// Validates the records of a JSON-lines text, one of the named kind a line,
/// each also against the valid records on earlier lines (a demand repeating
/// one, a visit made twice, a room of a centre taken twice, an id used
/// again: docs/wire/outreach.md). Blank lines are skipped; lines are
/// numbered from 1.
///
/// Arguments as for `lianjian_validate`, `jsonl` holding the lines. `out`:
/// receives `[{"line", "valid", "findings"}]`, one per non-blank line.
///
/// Returns `LIANJIAN_STATUS_OK` when every record is valid, `..._INVALID`
/// when some has errors, `..._UNKNOWN_KIND` or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_validate_lines(
    kind: *const c_char,
    jsonl: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (kind, lines, options) = unsafe { (text(kind)?, text(jsonl)?, options(options_json)?) };
        let answers = api::validate_lines(kind, lines, &options).map_err(unknown_kind)?;
        let valid = answers.iter().all(|a| a.valid);
        Ok(Reply::checked(valid, api::to_json(&answers)))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// The refusal of a kind with no such name, saying which kinds there are.
fn unknown_kind(message: String) -> Reply {
    Reply {
        status: LianjianStatus::UnknownKind,
        json: Some(api::to_json(&BTreeMap::from([("error", message)]))),
    }
}

/// Checks one unified social credit code (USCC, GB 32100-2015).
///
/// `code`: the code as entered (spaces, hyphens and lower case are fine).
/// `options_json`: as for `lianjian_validate_enrollment` (only `lang` and
/// `messages` matter here), or NULL.
/// `out`: receives `{"input", "valid", "normalized", "findings"}`.
///
/// Returns `LIANJIAN_STATUS_OK` when the code is valid, `..._INVALID` when not,
/// or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_check_uscc(
    code: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (code, options) = unsafe { (text(code)?, options(options_json)?) };
        let answer = api::check_uscc(code, &options);
        Ok(Reply::checked(answer.valid, api::to_json(&answer)))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// Suggests the topic and responsible department of a demand.
///
/// `title`, `description`: the demand's texts (pass "" for an empty one; NULL
/// is refused). `out`: receives `{"topic", "department", "departments",
/// "confidence", "candidates"}`.
///
/// Returns `LIANJIAN_STATUS_OK` when it ran, or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_classify(
    title: *const c_char,
    description: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (title, description) = unsafe { (text(title)?, text(description)?) };
        Ok(Reply::ran(api::to_json(&api::classify(title, description))))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// Coverage report of a roster given as JSON lines: one enrollment record per
/// line; blank lines are skipped, rows are numbered by line.
///
/// `options_json`: as for `lianjian_validate_enrollment`, or NULL. `out`:
/// receives the coverage report (`totals`, `chains`, `gaps`) and `rejected`,
/// the rows left out with their findings.
///
/// Returns `LIANJIAN_STATUS_OK` when it ran (rejected rows are in the report,
/// not a failure), or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_coverage(
    jsonl: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (lines, options) = unsafe { (text(jsonl)?, options(options_json)?) };
        Ok(Reply::ran(api::to_json(&api::coverage_lines(
            lines, &options,
        ))))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// The deadline of a demand in working days.
///
/// `kind`: `consultation`, `help`, `complaint`, `report` or `suggestion`.
/// `from`: the day of receipt, `YYYY-MM-DD` or an RFC 3339 time (its date
/// in its own offset). `options_json`: as for `lianjian_validate_enrollment`
/// (`lang`, `messages` and `holidays` matter here: published schedules of later
/// years, one object a year), or NULL. `out`: receives `{"kind", "from",
/// "working_days", "deadline", "provisional", "findings"}`; `provisional` is
/// true (with a `calendar_provisional` warning) when the deadline was reckoned
/// across a year without a published holiday schedule.
///
/// Returns `LIANJIAN_STATUS_OK` when a deadline was computed,
/// `..._INVALID` when `kind` or `from` cannot be read (the findings say
/// which), or a refusal (`..._BAD_OPTIONS` for a schedule that does not load).
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_deadline(
    kind: *const c_char,
    from: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (kind, from, options) = unsafe { (text(kind)?, text(from)?, options(options_json)?) };
        let answer = api::deadline(kind, from, &options);
        Ok(Reply::checked(
            answer.deadline.is_some(),
            api::to_json(&answer),
        ))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// Whether a date is a working day in mainland China, and why.
///
/// `date`: `YYYY-MM-DD`. `options_json`: as for `lianjian_deadline`, or NULL.
/// `out`: receives `{"date", "working", "reason", "holiday", "holiday_name",
/// "provisional", "source", "findings"}`; `reason` is `weekday`, `weekend`,
/// `holiday` or `make_up_day`.
///
/// Returns `LIANJIAN_STATUS_OK` when the date was read, `..._INVALID` when
/// not, or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_workday(
    date: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (date, options) = unsafe { (text(date)?, options(options_json)?) };
        let answer = api::workday(date, &options);
        Ok(Reply::checked(
            answer.working.is_some(),
            api::to_json(&answer),
        ))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// The headline report of a district folder: the figures of a period with
/// their report wording, definitions and lists (`docs/wire/headline.md`).
///
/// `folder_json`: the folder's files as one JSON object of texts,
/// `{"roster.jsonl": "...", "programme.json": "...", "demands.jsonl": "...",
/// "visits.jsonl": "...", "activities.jsonl": "...", "centres.jsonl": "...",
/// "pairings.jsonl": "...", "usage.jsonl": "..."}` (each file optional but
/// the roster). `from`, `to`: the period, `YYYY-MM-DD`, both days included.
/// `as_of`: the day records and events are taken as of, or NULL for `to`.
/// `options_json`: as for `lianjian_validate_enrollment` (`today` is the day
/// rows are checked against), or NULL. `out`: receives `{"period", "as_of",
/// "programme", "figures", "lists", "definitions", "names", "files",
/// "findings"}`; rows left out are findings with their `file` and `line`.
///
/// Returns `LIANJIAN_STATUS_OK` when the figures were counted (rows left out
/// are in the answer, not a failure), `..._INVALID` when the period cannot
/// be read (`figures` is null; the findings say why), or a refusal.
///
/// # Safety
///
/// Each string argument but `as_of` is NULL or a NUL-terminated string that
/// stays valid during the call; `as_of` is NULL or such a string; `out` is
/// NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_headline(
    folder_json: *const c_char,
    from: *const c_char,
    to: *const c_char,
    as_of: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (folder, from, to, options) = unsafe {
            (
                text(folder_json)?,
                text(from)?,
                text(to)?,
                options(options_json)?,
            )
        };
        let as_of = if as_of.is_null() {
            None
        } else {
            // SAFETY: not NULL; the rest is this function's contract.
            Some(unsafe { text(as_of) }?)
        };
        let query = api::Query { from, to, as_of };
        let answer = api::headline_json(folder, &query, &options);
        Ok(Reply::checked(
            answer.figures.is_some(),
            api::to_json(&answer),
        ))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// A ledger (台账) of a district folder (`docs/wire/headline.md`,
/// "Ledgers"): `activities`, `pairings` or `centres`, one row per valid
/// record, as the command line's `lianjian ledger NAME DIR --format json`.
///
/// `name`: the ledger. `folder_json`: the folder's files as one JSON object
/// of texts, as for `lianjian_headline` (only the files the ledger is made
/// from are read). `options_json`: as for `lianjian_validate_enrollment`
/// (`today` is the day rows are checked against), or NULL. `out`: receives
/// `{"ledger", "title", "columns", "rows", "files", "findings"}`; `rows` are
/// objects keyed by the columns' ids; rows left out are findings with their
/// `file` and `line`.
///
/// Returns `LIANJIAN_STATUS_OK` when the table was made (rows left out are
/// in the answer, not a failure), `..._INVALID` for a name that is no ledger
/// (`rows` is null; an `invalid_option` finding at `ledger` lists the
/// names), or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_ledger(
    name: *const c_char,
    folder_json: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (name, folder, options) =
            unsafe { (text(name)?, text(folder_json)?, options(options_json)?) };
        let answer = api::ledger_json(name, folder, &options);
        Ok(Reply::checked(answer.rows.is_some(), api::to_json(&answer)))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// The centres of a district folder as Open Referral HSDS 3.0 JSON
/// (`docs/wire/pairings.md`, "Exports"), as `lianjian export hsds DIR`.
///
/// `folder_json`: the folder's files as one JSON object of texts, as for
/// `lianjian_headline` (only `centres.jsonl` is read). `options_json`: as
/// for `lianjian_validate_enrollment`, or NULL. `out`: receives `{"export",
/// "files", "findings"}`, `export` the HSDS object (`{"hsds_version",
/// "organizations", "services", "locations", "service_at_locations",
/// "schedules"}`); centres left out are findings with `file` and `line`.
///
/// Returns `LIANJIAN_STATUS_OK` when the export was made, `..._INVALID`
/// when it could not be (`export` null; the findings say why), or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_export_hsds(
    folder_json: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (folder, options) = unsafe { (text(folder_json)?, options(options_json)?) };
        let answer = api::hsds_json(folder, &options);
        Ok(Reply::checked(
            answer.export.is_some(),
            api::to_json(&answer),
        ))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// The activities of a district folder as an iCalendar (RFC 5545) calendar
/// (`docs/wire/pairings.md`, "Exports"), as `lianjian export ical DIR`.
///
/// `folder_json`: as for `lianjian_export_hsds` (`activities.jsonl` and
/// `centres.jsonl` are read). `stamp`: the export's time (`DTSTAMP`), RFC
/// 3339 with an offset. `options_json`: as for
/// `lianjian_validate_enrollment`, or NULL. `out`: receives `{"export",
/// "files", "findings"}`, `export` the calendar's text (CRLF line ends).
///
/// Returns `LIANJIAN_STATUS_OK` when the calendar was made, `..._INVALID`
/// when it could not be (a stamp that cannot be read: `datetime_invalid` at
/// `stamp`), or a refusal.
///
/// # Safety
///
/// Each string argument is NULL or a NUL-terminated string that stays valid
/// during the call; `out` is NULL or valid for writing one pointer.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_export_ical(
    folder_json: *const c_char,
    stamp: *const c_char,
    options_json: *const c_char,
    out: *mut *mut c_char,
) -> LianjianStatus {
    let body = || {
        // SAFETY: the arguments are as this function's contract says.
        let (folder, stamp, options) =
            unsafe { (text(folder_json)?, text(stamp)?, options(options_json)?) };
        let answer = api::ical_json(folder, stamp, &options);
        Ok(Reply::checked(
            answer.export.is_some(),
            api::to_json(&answer),
        ))
    };
    // SAFETY: `out` is as this function's contract says.
    unsafe { call(out, body) }
}

/// Frees a string this library returned through `out`. NULL is fine. Do not
/// free such strings with `free()`, and do not free one twice.
///
/// # Safety
///
/// `s` is NULL or a string returned by this library that was not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn lianjian_string_free(s: *mut c_char) {
    if s.is_null() {
        return;
    }
    // SAFETY: `s` came from `CString::into_raw` in `call` (this function's
    // contract) and is freed only once, so taking it back is sound.
    drop(unsafe { CString::from_raw(s) });
}

/// The library version, e.g. "0.1.0": a static string, not to be freed.
#[unsafe(no_mangle)]
pub extern "C" fn lianjian_version() -> *const c_char {
    VERSION.as_ptr()
}

#[cfg(test)]
mod tests;
