//! Telephone numbers: mainland mobile numbers in allocated ranges, and
//! Shenzhen (0755) landlines with an optional extension.
//!
//! The mobile ranges follow libphonenumber's CN mobile pattern (metadata 9.0):
//! `1(?:610\d|740[0-5])\d{6}|1(?:[38]\d|4[57]|[59][0-35-9]|6[25-7]|7[0-35-8])\d{8}`,
//! written out by hand so the browser bundle carries no regex engine.

use std::fmt;

use serde::{Serialize, Serializer};

use crate::findings::Code;

/// A telephone number in its normalised form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Phone {
    /// Eleven digits, `13800138000`.
    Mobile(String),
    /// `0755-25551234`, with `-801` appended for an extension.
    Landline(String),
}

impl Phone {
    /// The normalised number.
    pub fn as_str(&self) -> &str {
        match self {
            Phone::Mobile(n) | Phone::Landline(n) => n,
        }
    }

    /// Reads a number as people write it: `+86 138-0013-8000`, `(0755) 2555 1234 转 801`,
    /// `25551234` (a Shenzhen number without its area code).
    ///
    /// The error is the finding code that explains what is wrong.
    pub fn parse(input: &str) -> Result<Phone, Code> {
        let folded: String = input
            .chars()
            .map(|c| match c {
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
                _ => c,
            })
            .collect();
        let (main, extension) = split_extension(&folded);
        let mut digits = String::with_capacity(main.len());
        for (i, c) in main.chars().enumerate() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if i == 0 => {}
                ' ' | '-' | '(' | ')' | '.' | '\u{3000}' | '\u{2010}'..='\u{2015}' => {}
                _ => return Err(Code::PhoneInvalid),
            }
        }
        let international = main.trim_start().starts_with('+');
        let national = strip_country_code(&digits, international);
        match national.as_bytes().first() {
            Some(b'1') if extension.is_none() => mobile(national),
            Some(b'0') => landline(&national[1..], extension),
            Some(b'2'..=b'8') if national.len() == 8 => {
                landline_from_parts("755", national, extension)
            }
            Some(b'7') if national.starts_with("755") && national.len() >= 11 => {
                landline(national, extension)
            }
            _ => Err(Code::PhoneInvalid),
        }
    }
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Phone {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// Splits an explicit extension marker (`转`, `ext`, `x`, `#`) off the number.
fn split_extension(input: &str) -> (&str, Option<&str>) {
    let lower = input.to_ascii_lowercase();
    for marker in ["转", "ext.", "ext", "x", "#"] {
        if let Some(at) = lower.find(marker) {
            let ext = input[at + marker.len()..].trim();
            return (&input[..at], Some(ext));
        }
    }
    (input, None)
}

fn strip_country_code(digits: &str, international: bool) -> &str {
    if let Some(rest) = digits.strip_prefix("0086") {
        return rest;
    }
    if let Some(rest) = digits.strip_prefix("86") {
        // `86` alone is ambiguous only when no `+` was written: then require the
        // rest to look like a complete mobile or landline number.
        if international || rest.len() == 11 && rest.starts_with('1') || rest.starts_with("755") {
            return rest;
        }
    }
    digits
}

fn mobile(digits: &str) -> Result<Phone, Code> {
    if digits.len() != 11 {
        return Err(Code::PhoneInvalid);
    }
    if is_allocated_mobile(digits.as_bytes()) {
        Ok(Phone::Mobile(digits.to_owned()))
    } else {
        Err(Code::PhoneUnknownRange)
    }
}

/// Whether eleven digits starting with 1 fall in an allocated mobile range.
fn is_allocated_mobile(d: &[u8]) -> bool {
    if d.len() != 11 || d[0] != b'1' || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let (a, b, c, e) = (d[1], d[2], d[3], d[4]);
    let special = (a, b, c) == (b'6', b'1', b'0') || (a, b, c) == (b'7', b'4', b'0') && e <= b'5';
    let general = match a {
        b'3' | b'8' => true,
        b'4' => matches!(b, b'5' | b'7'),
        b'5' | b'9' => b != b'4',
        b'6' => matches!(b, b'2' | b'5'..=b'7'),
        b'7' => matches!(b, b'0'..=b'3' | b'5'..=b'8'),
        _ => false,
    };
    special || general
}

/// `rest` is the number after the trunk `0`: area code + subscriber number.
fn landline(rest: &str, extension: Option<&str>) -> Result<Phone, Code> {
    match rest.strip_prefix("755") {
        Some(subscriber) if subscriber.len() >= 8 => {
            let (number, trailing) = subscriber.split_at(8);
            let ext = match (extension, trailing.is_empty()) {
                (Some(_), false) => return Err(Code::PhoneInvalid),
                (Some(ext), true) => Some(ext),
                (None, false) => Some(trailing),
                (None, true) => None,
            };
            landline_from_parts("755", number, ext)
        }
        Some(_) => Err(Code::PhoneInvalid),
        // Another mainland area code: 2–3 digits after the trunk 0, 7–8 digit number.
        None if (9..=11).contains(&rest.len()) && !rest.starts_with('0') => {
            Err(Code::PhoneLandlineArea)
        }
        None => Err(Code::PhoneInvalid),
    }
}

fn landline_from_parts(area: &str, number: &str, extension: Option<&str>) -> Result<Phone, Code> {
    let first_ok = matches!(number.as_bytes().first(), Some(b'2'..=b'8'));
    if number.len() != 8 || !first_ok || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Code::PhoneInvalid);
    }
    let mut normalized = format!("0{area}-{number}");
    if let Some(ext) = extension {
        if ext.is_empty() || ext.len() > 6 || !ext.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Code::PhoneInvalid);
        }
        normalized.push('-');
        normalized.push_str(ext);
    }
    Ok(Phone::Landline(normalized))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(input: &str) -> String {
        Phone::parse(input)
            .unwrap_or_else(|e| panic!("{input}: {e}"))
            .as_str()
            .to_owned()
    }

    #[test]
    fn mobiles_in_real_ranges() {
        assert_eq!(ok("13800138000"), "13800138000");
        assert_eq!(ok("+86 138-0013-8000"), "13800138000");
        assert_eq!(ok("86 13800138000"), "13800138000");
        assert_eq!(ok("0086 139 0013 9000"), "13900139000");
        assert_eq!(ok("１３８００１３８０００"), "13800138000");
        for good in [
            "14500000000",
            "14700000000",
            "16200000000",
            "17000000000",
            "19100000000",
        ] {
            assert!(Phone::parse(good).is_ok(), "{good}");
        }
        assert_eq!(ok("16100000000"), "16100000000");
        assert_eq!(Phone::parse("16110000000"), Err(Code::PhoneUnknownRange));
    }

    #[test]
    fn rejects_numbers_that_do_not_exist() {
        for bad in [
            "14000000000",
            "16000000000",
            "19400000000",
            "17900000000",
            "12000000000",
        ] {
            assert_eq!(Phone::parse(bad), Err(Code::PhoneUnknownRange), "{bad}");
        }
        assert_eq!(Phone::parse("17406000000"), Err(Code::PhoneUnknownRange));
        assert!(Phone::parse("17405000000").is_ok());
        assert_eq!(Phone::parse("1380013800"), Err(Code::PhoneInvalid));
        assert_eq!(Phone::parse("138001380001"), Err(Code::PhoneInvalid));
        assert_eq!(Phone::parse("call me"), Err(Code::PhoneInvalid));
        assert_eq!(Phone::parse(""), Err(Code::PhoneInvalid));
    }

    #[test]
    fn shenzhen_landlines_with_extensions() {
        assert_eq!(ok("0755-25551234"), "0755-25551234");
        assert_eq!(ok("(0755) 2555 1234"), "0755-25551234");
        assert_eq!(ok("+86 755 2555 1234"), "0755-25551234");
        assert_eq!(ok("25551234"), "0755-25551234");
        assert_eq!(ok("0755-25551234 转 801"), "0755-25551234-801");
        assert_eq!(ok("0755-25551234-801"), "0755-25551234-801");
        assert_eq!(ok("0755 2555 1234 ext. 12"), "0755-25551234-12");
        assert_eq!(Phone::parse("0755-15551234"), Err(Code::PhoneInvalid));
        assert_eq!(Phone::parse("0755-2555123"), Err(Code::PhoneInvalid));
        assert_eq!(Phone::parse("020-83331234"), Err(Code::PhoneLandlineArea));
        assert_eq!(
            Phone::parse("0755-25551234 转 abc"),
            Err(Code::PhoneInvalid)
        );
    }
}
