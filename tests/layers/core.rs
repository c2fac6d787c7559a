//! The core layer of the cross-layer comparison: reads record files and
//! prints, per file, `{"valid", "findings"}` straight from the core's checks
//! and message catalogs (no binding in between).
//!
//! ```text
//! layer-core KIND LANG TODAY [--allow-legacy-uscc CODE]... [--programme FILE] FILE...
//! ```
//!
//! KIND: `enrollment`, `demand`, `programme`, `visit`, `activity`,
//! `pairing`, `centre`; visits are checked against the programme of
//! `--programme` when it is given.

#![forbid(unsafe_code)]

use std::process::ExitCode;

use lianjian::calendar::Calendar;
use lianjian::centre::check_centre_json;
use lianjian::demand::{check_demand_json, RepeatCheck};
use lianjian::outreach::{
    check_activity_json, check_programme_json, check_visit_json, OutreachContext,
};
use lianjian::pairing::{check_pairing_json, PairingContext};
use lianjian::{check_enrollment_json, Catalog, Context, Lang, Messages, UsccPolicy};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [kind, lang, today, rest @ ..] = args.as_slice() else {
        eprintln!(
            "usage: layer-core KIND LANG TODAY [--allow-legacy-uscc CODE]... [--programme FILE] FILE..."
        );
        return ExitCode::from(2);
    };
    let (Some(lang), Some(today)) = (Lang::parse(lang), lianjian::ident::parse_date(today)) else {
        eprintln!("layer-core: bad language or date");
        return ExitCode::from(2);
    };
    let mut policy = UsccPolicy::default();
    let mut programme_file = None;
    let mut files = Vec::new();
    let mut rest = rest.iter();
    while let Some(arg) = rest.next() {
        if arg == "--allow-legacy-uscc" {
            if let Some(code) = rest.next() {
                policy.allow_legacy(code);
            }
        } else if arg == "--programme" {
            programme_file = rest.next();
        } else {
            files.push(arg);
        }
    }
    let context = Context::new(Catalog::yantian(), today).with_uscc_policy(&policy);
    let calendar = Calendar::china();
    let outreach = OutreachContext::new(context, &calendar);
    let programme = match programme_file.map(std::fs::read_to_string) {
        None => None,
        Some(Ok(text)) => match check_programme_json(&text, &outreach).record {
            Some(programme) => Some(programme),
            None => {
                eprintln!("layer-core: the programme has errors");
                return ExitCode::from(2);
            }
        },
        Some(Err(e)) => {
            eprintln!("layer-core: the programme: {e}");
            return ExitCode::from(2);
        }
    };
    let visits = match &programme {
        Some(programme) => outreach.with_programme(programme),
        None => outreach,
    };
    let messages = Messages::new();
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("layer-core: {file}: {e}");
                return ExitCode::from(2);
            }
        };
        let report = match kind.as_str() {
            "enrollment" => check_enrollment_json(&text, &context).report,
            "demand" => check_demand_json(&text, &context, &RepeatCheck::default()).report,
            "programme" => check_programme_json(&text, &outreach).report,
            "visit" => check_visit_json(&text, &visits).report,
            "activity" => check_activity_json(&text, &outreach).report,
            "pairing" => check_pairing_json(&text, &context, &PairingContext::default()).report,
            "centre" => check_centre_json(&text, &context).report,
            _ => {
                eprintln!("layer-core: unknown kind {kind}");
                return ExitCode::from(2);
            }
        };
        match serde_json::to_string(&messages.render_report(lang, &report)) {
            Ok(line) => println!("{line}"),
            Err(e) => {
                eprintln!("layer-core: {e}");
                return ExitCode::from(2);
            }
        }
    }
    ExitCode::SUCCESS
}
