//! Phone parsing never panics, and a normalised number parses to itself.
#![no_main]

use lianjian::Phone;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(phone) = Phone::parse(text) {
        assert_eq!(
            Phone::parse(phone.as_str()).as_ref(),
            Ok(&phone),
            "{text:?}"
        );
    }
});
