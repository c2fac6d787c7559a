//! Free text typed by people: what may not be in it.

/// Whether text contains characters that have no business in a form field:
/// control characters (tab and newlines allowed when `multiline`), bidirectional
/// overrides and isolates, zero-width characters and non-characters.
///
/// Read byte by byte: every such character has a UTF-8 form whose lead byte
/// is below 0x20, 0x7F, 0xC2 (C1 controls), 0xE2 (the U+20xx marks) or 0xEF
/// (U+FEFF, U+FFFE, U+FFFF), so most text is passed over without decoding.
pub fn has_invalid_characters(text: &str, multiline: bool) -> bool {
    let bytes = text.as_bytes();
    let lead = |b: &u8| *b < 0x20 || matches!(*b, 0x7F | 0xC2 | 0xE2 | 0xEF);
    let mut from = 0;
    while let Some(found) = bytes[from..].iter().position(lead) {
        let i = from + found;
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let bad = match bytes[i] {
            b'\t' | b'\n' | b'\r' => !multiline,
            0x00..=0x1F | 0x7F => true,
            // U+0080–U+009F, the C1 controls.
            0xC2 => (0x80..=0x9F).contains(&next(1)),
            // U+200B–U+200F, U+202A–U+202E (E2 80 xx); U+2060–U+2064, U+2066–U+2069 (E2 81 xx).
            0xE2 => matches!(
                (next(1), next(2)),
                (0x80, 0x8B..=0x8F | 0xAA..=0xAE) | (0x81, 0xA0..=0xA4 | 0xA6..=0xA9)
            ),
            // U+FEFF (EF BB BF); U+FFFE, U+FFFF (EF BF BE, EF BF BF).
            _ => matches!((next(1), next(2)), (0xBB, 0xBF) | (0xBF, 0xBE..=0xBF)),
        };
        if bad {
            return true;
        }
        from = i + 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as characters: what the byte scan must agree with.
    fn by_characters(text: &str, multiline: bool) -> bool {
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

    #[test]
    fn every_character_is_judged_as_the_rule_says() {
        for code in 0..=0x10FFFF_u32 {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            let text = format!("x{c}y");
            for multiline in [false, true] {
                assert_eq!(
                    has_invalid_characters(&text, multiline),
                    by_characters(&text, multiline),
                    "U+{code:04X} (multiline {multiline})"
                );
            }
        }
    }
}
