//! Free text typed by people: what may not be in it.

/// Whether text contains characters that have no business in a form field:
/// control characters (tab and newlines allowed when `multiline`), bidirectional
/// overrides and isolates, zero-width characters and non-characters.
pub fn has_invalid_characters(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| match c {
        '\t' | '\n' | '\r' => !multiline,
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{FFFE}'
        | '\u{FFFF}' => true,
        c => c.is_control(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_controls_bidi_and_zero_width() {
        assert!(!has_invalid_characters("深圳市盐田区 Co., Ltd.", false));
        assert!(!has_invalid_characters("line\nline", true));
        for bad in [
            "a\u{0}b",
            "a\nb",
            "abc\u{202E}txt",
            "zero\u{200B}width",
            "\u{7}",
            "\u{FEFF}x",
        ] {
            assert!(has_invalid_characters(bad, false), "{bad:?}");
        }
    }
}
