//! USCC checking never panics, and the fast `is_valid` agrees with the full check.
#![no_main]

use lianjian::ident::{uscc, UsccPolicy};
use lianjian::{Path, Report};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut report = Report::new();
    let code = uscc::check(text, UsccPolicy::none(), &Path::root(), &mut report);
    assert_eq!(
        code.is_some() && report.is_valid(),
        uscc::is_valid(text),
        "{text:?}"
    );
    if let Some(code) = code {
        // A normalised code checks the same again.
        assert!(uscc::is_valid(code.as_str()));
    }
});
