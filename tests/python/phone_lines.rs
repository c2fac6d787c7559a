//! The phone check line by line, for the differential test against
//! libphonenumber (`test_phone_differential.py`): each stdin line is read as
//! a phone number; one JSON line is printed per input line:
//! `{"normalized", "kind"}` when it is accepted (`kind`: `mobile`,
//! `landline`, `hong_kong`, `macau`), `{"code"}` with the finding code when not.
//!
//! ```text
//! phone-lines < numbers.txt
//! ```

#![forbid(unsafe_code)]

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use lianjian::ident::Phone;
use serde_json::json;

fn main() -> ExitCode {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    for line in io::stdin().lock().lines() {
        let Ok(line) = line else {
            eprintln!("phone-lines: stdin is not UTF-8 text");
            return ExitCode::from(2);
        };
        let answer = match Phone::parse(&line) {
            Ok(phone) => {
                let kind = match phone {
                    Phone::Mobile(_) => "mobile",
                    Phone::Landline(_) => "landline",
                    Phone::HongKong(_) => "hong_kong",
                    Phone::Macau(_) => "macau",
                };
                json!({ "normalized": phone.as_str(), "kind": kind })
            }
            Err(code) => json!({ "code": code.as_str() }),
        };
        if writeln!(out, "{answer}").is_err() {
            return ExitCode::from(2);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}
