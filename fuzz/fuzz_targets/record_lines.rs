//! Any bytes as JSON lines of a record kind (the first byte picks the kind),
//! each checked against the earlier lines, visits against a programme:
//! one answer per non-blank line, never a panic.
#![no_main]

use lianjian::api::{validate_lines, Options, RecordKind};
use libfuzzer_sys::fuzz_target;

const PROGRAMME: &str = r#"{"id": "p", "name": "万名干部助企行", "from": "2026-01-01", "to": "2026-12-31",
  "owner": "区委组织部", "key_enterprises": ["91440300MA5FUTN418"],
  "contacts": [{"id": "c1", "kind": "cadre", "unit": "区委组织部", "account": "u1",
                "enterprises": ["91440300MA5FUTN418"]}]}"#;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let kind = RecordKind::ALL[usize::from(pick) % RecordKind::ALL.len()];
    let options = Options::from_json(r#"{"today": "2026-11-25", "lang": "en"}"#)
        .and_then(|o| o.with_programme_json(PROGRAMME))
        .unwrap_or_default();
    let answers = validate_lines(kind.name(), text, &options).unwrap_or_default();
    let records = text
        .split('\n')
        .filter(|l| !l.trim_end_matches('\r').trim().is_empty());
    assert_eq!(answers.len(), records.count());
    for answer in &answers {
        assert_eq!(
            answer.valid,
            answer
                .findings
                .iter()
                .all(|f| f.severity != lianjian::Severity::Error)
        );
    }
});
