//! Field-level rules declared with `validator`'s derive (length, range,
//! custom functions), turned into findings with paths and safe parameters.

use std::borrow::Cow;

use serde_json::Value;
use validator::{ValidationError, ValidationErrors, ValidationErrorsKind};

use crate::findings::{Code, Finding, Param, Path, Report};
use crate::ident::is_valid_email;

/// Custom rule: an e-mail address (`email_invalid`).
pub(crate) fn email(value: &str) -> Result<(), ValidationError> {
    if is_valid_email(value) {
        Ok(())
    } else {
        Err(ValidationError::new(Code::EmailInvalid.as_str()))
    }
}

/// Adds the findings of a `validator` run, rooted at `path`, in a stable order.
pub(crate) fn collect(errors: &ValidationErrors, path: &Path, report: &mut Report) {
    let mut found = Vec::new();
    walk(errors, path, &mut found);
    crate::order::sort_by(&mut found, |a: &Finding, b: &Finding| {
        (&a.path, a.code).cmp(&(&b.path, b.code))
    });
    for finding in found {
        report.push(finding);
    }
}

fn walk(errors: &ValidationErrors, path: &Path, out: &mut Vec<Finding>) {
    for (field, kind) in errors.errors() {
        let here = path.key(Cow::Owned(field.to_string()));
        match kind {
            ValidationErrorsKind::Field(list) => out.extend(list.iter().map(|e| finding(e, &here))),
            ValidationErrorsKind::Struct(inner) => walk(inner, &here, out),
            ValidationErrorsKind::List(items) => {
                for (index, inner) in items {
                    walk(inner, &here.index(*index), out);
                }
            }
        }
    }
}

/// One `validator` error as a finding. The offending value is never copied
/// into the parameters: it may be personal data.
fn finding(error: &ValidationError, path: &Path) -> Finding {
    let param = |name: &str| error.params.get(name).and_then(number);
    let (min, max) = (param("min"), param("max"));
    let value = error.params.get("value");
    let code = match error.code.as_ref() {
        "length" => {
            let (len, items) = match value {
                Some(Value::Array(a)) => (a.len() as f64, true),
                Some(Value::String(s)) => (s.chars().count() as f64, false),
                _ => (0.0, false),
            };
            let short = min.as_ref().is_some_and(|m| len < m.as_f64());
            match (items, short) {
                (true, true) => Code::TooFewItems,
                (true, false) => Code::TooManyItems,
                (false, true) => Code::TooShort,
                (false, false) => Code::TooLong,
            }
        }
        "range" => Code::OutOfRange,
        other => Code::from_name(other).unwrap_or(Code::InvalidOption),
    };
    let mut finding = Finding::new(code, path.clone());
    match code {
        Code::TooShort | Code::TooFewItems => finding = finding.with_opt("min", min),
        Code::TooLong | Code::TooManyItems => finding = finding.with_opt("max", max),
        Code::OutOfRange => finding = finding.with_opt("min", min).with_opt("max", max),
        _ => {}
    }
    finding
}

/// A bound as a parameter: whole numbers as integers, so that every layer
/// writes them alike (JavaScript has no `100.0`, only `100`).
fn number(value: &Value) -> Option<Param> {
    let Value::Number(n) = value else { return None };
    if let Some(i) = n.as_i64() {
        return Some(Param::Int(i));
    }
    let f = n.as_f64()?;
    Some(if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 {
        Param::Int(f as i64)
    } else {
        Param::Num(f)
    })
}

trait ParamExt {
    fn as_f64(&self) -> f64;
}

impl ParamExt for Param {
    fn as_f64(&self) -> f64 {
        match self {
            Param::Int(i) => *i as f64,
            Param::Num(n) => *n,
            _ => f64::NAN,
        }
    }
}

impl Finding {
    fn with_opt(self, name: &str, value: Option<Param>) -> Self {
        match value {
            Some(value) => self.with(name, value),
            None => self,
        }
    }
}
