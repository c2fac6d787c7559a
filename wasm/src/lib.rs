//! The headless JS API: one camelCase function per use case. Each converts
//! its arguments, delegates to the core, and converts the answer back; the
//! rules live in the core only.
//!
//! Records cross the boundary as JSON text or as plain objects; either way
//! they are read with `serde_json` so that unknown keys are reported exactly
//! as on a server (serde-wasm-bindgen would ignore `deny_unknown_fields`).
//!
//! Answers go back as JSON text, too (`validateEnrollmentJson`, …): one
//! `JSON.parse` in the JS wrapper turns them into plain objects. Writing
//! text costs far less code in the bundle than building JS objects value by
//! value from Rust.

#![forbid(unsafe_code)]

mod answer;

use lianjian::api;
use lianjian::api::{check_uscc, Options};

use std::cell::RefCell;
use std::rc::Rc;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use answer::to_json;

/// Validates an enrollment record (JSON text or object). Answers
/// `{valid, findings, record}` as JSON text; `record` is the normalised
/// record when valid.
#[wasm_bindgen(js_name = validateEnrollmentJson)]
pub fn validate_enrollment(record: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    let text = record_text(&record)?;
    to_json(&api::enrollment(&text, &options))
}

/// Validates a demand record (JSON text or object): `{valid, findings, record}`
/// as JSON text.
#[wasm_bindgen(js_name = validateDemandJson)]
pub fn validate_demand(record: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    let text = record_text(&record)?;
    to_json(&api::demand(&text, &options))
}

/// Validates a record of the named kind (`enrollment`, `demand`,
/// `programme`, `visit`, `activity`, `pairing`, `centre`; JSON text or
/// object): `{valid, findings, record}` as JSON text. Visits are checked
/// against `options.programme` when it is given. Throws for a kind with no such
/// name (`kind: …`) or options that cannot be read (`options: …`).
#[wasm_bindgen(js_name = validateJson)]
pub fn validate(kind: JsValue, record: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    let text = record_text(&record)?;
    let answer =
        api::validate(&plain_text(&kind), &text, &options).map_err(|e| JsError::new(&e))?;
    to_json(&answer)
}

/// Validates JSON-lines text, one record of the named kind a line, each
/// also against the valid records on earlier lines: `[{line, valid,
/// findings}]` as JSON text. Throws as `validateJson` does.
#[wasm_bindgen(js_name = validateLinesJson)]
pub fn validate_lines(kind: JsValue, lines: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    let text = match lines.as_string() {
        Some(text) => keep_lone_surrogates(&lines, text),
        None => return Err(JsError::new("lines must be JSON-lines text")),
    };
    let answers =
        api::validate_lines(&plain_text(&kind), &text, &options).map_err(|e| JsError::new(&e))?;
    to_json(&answers)
}

/// Suggests topic and department for a demand's title and description:
/// `{topic, department, departments, confidence, candidates}` as JSON text.
#[wasm_bindgen(js_name = classifyJson)]
pub fn classify(title: &str, description: &str) -> Result<String, JsError> {
    to_json(&api::classify(title, description))
}

/// Checks one unified social credit code: `{input, valid, normalized,
/// findings}` as JSON text.
#[wasm_bindgen(js_name = checkUsccJson)]
pub fn check_uscc_js(code: &str, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    to_json(&check_uscc(code, &options))
}

/// The deadline of a demand of `kind` received `from` (a date or an RFC 3339
/// time), in working days: `{kind, from, working_days, deadline,
/// provisional, findings}` as JSON text. `options.holidays` adds published
/// holiday schedules of later years.
#[wasm_bindgen(js_name = deadlineJson)]
pub fn deadline(kind: JsValue, from: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    let (kind, from) = (plain_text(&kind), plain_text(&from));
    to_json(&api::deadline(&kind, &from, &options))
}

/// Whether `date` (`YYYY-MM-DD`) is a working day, and why: `{date, working,
/// reason, holiday, holiday_name, provisional, source, findings}` as JSON text.
#[wasm_bindgen(js_name = workdayJson)]
pub fn workday(date: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    to_json(&api::workday(&plain_text(&date), &options))
}

/// The headline report of a district folder given as one object (or JSON
/// text) of file texts, `{"roster.jsonl": "…", "demands.jsonl": "…", …}`,
/// for the period `from`–`to` (`YYYY-MM-DD`; `asOf` null or undefined for
/// `to`): `{period, as_of, programme, figures, lists, definitions, names,
/// files, findings}` as JSON text. Built with the `headline` feature (the
/// Node package), not into the widgets' bundle.
#[cfg(feature = "headline")]
#[wasm_bindgen(js_name = headlineJson)]
pub fn headline(
    folder: JsValue,
    from: JsValue,
    to: JsValue,
    as_of: JsValue,
    options: JsValue,
) -> Result<String, JsError> {
    let options = read_options(options)?;
    let folder = record_text(&folder)?;
    let (from, to, as_of) = (plain_text(&from), plain_text(&to), as_of.as_string());
    let query = api::Query {
        from: &from,
        to: &to,
        as_of: as_of.as_deref(),
    };
    to_json(&api::headline_json(&folder, &query, &options))
}

/// A ledger (台账) of a district folder given as one object (or JSON text)
/// of file texts: `activities`, `pairings` or `centres`; `{ledger, title,
/// columns, rows, files, findings}` as JSON text, `rows` objects keyed by
/// the columns' ids (null for a name that is no ledger). Built with the
/// `headline` feature (the Node package), not into the widgets' bundle.
#[cfg(feature = "headline")]
#[wasm_bindgen(js_name = ledgerJson)]
pub fn ledger(name: JsValue, folder: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    let folder = record_text(&folder)?;
    to_json(&api::ledger_json(&plain_text(&name), &folder, &options))
}

/// The centres of a district folder given as one object (or JSON text) of
/// file texts as Open Referral HSDS 3.0: `{export, files, findings}` as JSON
/// text. Built with the `headline` feature (the Node package). The
/// iCalendar export is not built into wasm: its writer reads the clock and
/// random numbers (for values the core then sets itself).
#[cfg(feature = "headline")]
#[wasm_bindgen(js_name = exportHsdsJson)]
pub fn export_hsds(folder: JsValue, options: JsValue) -> Result<String, JsError> {
    let options = read_options(options)?;
    let folder = record_text(&folder)?;
    to_json(&api::hsds_json(&folder, &options))
}

/// A JS value as plain text: a string as it is, anything else as empty text
/// (which the checks then refuse at their field).
fn plain_text(value: &JsValue) -> String {
    value.as_string().unwrap_or_default()
}

/// What the forms need of the rules — each field's limits and choices,
/// which Party-organization kinds go with which status, the attachment
/// types — as JSON text (`{enrollment, demand}`), so the widgets copy nothing.
#[wasm_bindgen(js_name = formSpecJson)]
pub fn form_spec_js() -> Result<String, JsError> {
    to_json(&api::form_spec())
}

/// The built-in chain catalog (chains, segments, names, industry codes) as
/// JSON text.
#[wasm_bindgen(js_name = catalogJson)]
pub fn catalog_js() -> Result<String, JsError> {
    to_json(lianjian::Catalog::yantian())
}

/// The chain segments suggested by industry codes, as segment ids.
#[wasm_bindgen(js_name = suggestSegments)]
pub fn suggest_segments(
    chain: &str,
    industry_codes: Vec<String>,
    options: JsValue,
) -> Result<JsValue, JsError> {
    let options = read_options(options)?;
    let segments: Vec<&str> = options
        .catalog()
        .chain(chain)
        .map(|c| {
            c.suggest_segments(&industry_codes)
                .iter()
                .map(|s| s.id.as_str())
                .collect()
        })
        .unwrap_or_default();
    // A short list of strings: serde-wasm-bindgen's serializer is cheap here
    // (its deserializer would add ~10 KiB gzip to the bundle).
    segments
        .serialize(&serde_wasm_bindgen::Serializer::new())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// The topics demands are classified into and the departments they go to,
/// with their names (no terms), as JSON text.
#[wasm_bindgen(js_name = topicsJson)]
pub fn topics_js() -> Result<String, JsError> {
    to_json(&api::topics())
}

/// The message templates of a language (`zh-CN` or `en`), keyed by finding
/// code, as JSON text.
#[wasm_bindgen(js_name = messagesJson)]
pub fn messages_js(lang: &str) -> Result<String, JsError> {
    let lang =
        lianjian::Lang::parse(lang).ok_or_else(|| JsError::new("lang must be zh-CN or en"))?;
    to_json(&api::templates(lang))
}

/// A record as JSON text: text as given, an object through `JSON.stringify`
/// (which refuses cycles and drops `undefined` keys, as a server would never
/// see them). The text is then read exactly as on a server, nesting limit,
/// unknown and repeated keys included; converting the object value by value
/// instead would recurse without a limit on a deep or cyclic object.
fn record_text(record: &JsValue) -> Result<String, JsError> {
    if let Some(text) = record.as_string() {
        return Ok(keep_lone_surrogates(record, text));
    }
    let text = js_sys::JSON::stringify(record).map_err(|_| {
        JsError::new(
            "the record cannot be written as JSON (a cycle, nesting too deep, or a BigInt)",
        )
    })?;
    text.as_string()
        .ok_or_else(|| JsError::new("the record is not a JSON value"))
}

/// JSON text from a JS string that may hold lone surrogates (text cut inside
/// an emoji). Converting a JS string to Rust turns each into U+FFFD, which
/// would pass as text; here each is written as its JSON escape (`\\ud83d`,
/// the same text for a JSON reader), so the core answers
/// `invalid_characters` at the field, as every other binding does. Strings
/// without U+FFFD after conversion had no lone surrogate: nothing to do.
fn keep_lone_surrogates(value: &JsValue, text: String) -> String {
    if !text.contains('\u{FFFD}') {
        return text;
    }
    let Some(js) = value.dyn_ref::<js_sys::JsString>() else {
        return text;
    };
    if js.is_valid_utf16() {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 8);
    for unit in char::decode_utf16(js.iter()) {
        match unit {
            Ok(c) => out.push(c),
            Err(lone) => {
                // `\\uXXXX`, written without the formatting machinery.
                let unit = lone.unpaired_surrogate();
                out.push_str("\\u");
                for shift in [12, 8, 4, 0] {
                    let digit = u32::from((unit >> shift) & 0xF);
                    out.push(char::from_digit(digit, 16).unwrap_or('0'));
                }
            }
        }
    }
    out
}

/// The options of a call, read once and kept while the next calls send the
/// same options (a form checks on every keystroke with the same options; a
/// page validating many records sends the same object each time). Without a
/// `today`, the date in China is filled in, and a new day reads them again.
fn read_options(options: JsValue) -> Result<Rc<Options>, JsError> {
    thread_local! {
        static LAST: RefCell<Option<(String, String, Rc<Options>)>> = const { RefCell::new(None) };
    }
    // Through JSON text too, so that unknown keys are refused as in C and Python.
    let text = if options.is_undefined() || options.is_null() {
        String::new()
    } else {
        record_text(&options)?
    };
    let today = china_today();
    let cached = LAST.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|(t, d, _)| *t == text && *d == today)
            .map(|(_, _, options)| Rc::clone(options))
    });
    if let Some(options) = cached {
        return Ok(options);
    }
    let mut read = Options::from_json(&text).map_err(|e| JsError::new(&e))?;
    if read.today.is_none() {
        read.today = Some(today.clone());
    }
    let read = Rc::new(read);
    LAST.with(|last| *last.borrow_mut() = Some((text, today, Rc::clone(&read))));
    Ok(read)
}

/// Today's date in China (UTC+8), from the browser's clock.
fn china_today() -> String {
    let now = js_sys::Date::new_0();
    let china = js_sys::Date::new(&JsValue::from_f64(now.get_time() + 8.0 * 3600.0 * 1000.0));
    format!(
        "{:04}-{:02}-{:02}",
        china.get_utc_full_year(),
        china.get_utc_month() + 1,
        china.get_utc_date()
    )
}
