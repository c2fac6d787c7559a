//! Telephone numbers: mainland mobile numbers in allocated ranges, Shenzhen
//! (0755) landlines with an optional extension, and Hong Kong (+852) and Macau
//! (+853) fixed-line and mobile numbers in allocated ranges.
//!
//! Chain enterprises often have contacts in Hong Kong (Yantian borders it at
//! Sha Tau Kok) or Macau; their numbers are written with the country code and
//! stored in E.164 (`+85291234567`). Landlines of other mainland areas are
//! recognised, in domestic (`020 8333 1234`) and international
//! (`+86 20 8333 1234`) form, and refused as outside Shenzhen.
//!
//! Number facts follow libphonenumber's metadata (see `ranges`): mainland area
//! codes are `10` and `2X` (two digits) or three digits starting 3–9, after
//! the trunk `0` or the country code `86`, followed by a 7- or 8-digit
//! subscriber number; Hong Kong and Macau fixed-line and mobile numbers have
//! 8 digits and no trunk prefix.

mod ranges;

use std::fmt;

use serde::{Serialize, Serializer};

use self::ranges::Line;
use crate::findings::Code;

/// A telephone number in its normalised form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Phone {
    /// Eleven digits, `13800138000`.
    Mobile(String),
    /// `0755-25551234`, with `-801` appended for an extension.
    Landline(String),
    /// A Hong Kong number in E.164, `+85291234567`; a fixed line's extension
    /// is appended as in an RFC 3966 `tel:` URI, `+85221234567;ext=801`.
    HongKong(String),
    /// A Macau number in E.164, `+85366123456`; extensions as for Hong Kong.
    Macau(String),
}

impl Phone {
    /// The normalised number.
    pub fn as_str(&self) -> &str {
        match self {
            Phone::Mobile(n) | Phone::Landline(n) | Phone::HongKong(n) | Phone::Macau(n) => n,
        }
    }

    /// Reads a number as people write it: `+86 138-0013-8000`, `(0755) 2555 1234 转 801`,
    /// `25551234` (a Shenzhen number without its area code), `+852 9123 4567`,
    /// `00853 6612 3456`, `852-2123-4567`.
    ///
    /// The error is the finding code that explains what is wrong:
    /// [`Code::PhoneUnknownRange`] for eleven digits outside the mainland
    /// mobile ranges, [`Code::PhoneUnknownRangeHkMo`] for 8 Hong Kong or Macau
    /// digits outside their fixed-line and mobile ranges,
    /// [`Code::PhoneLandlineArea`] for a landline of another mainland area,
    /// [`Code::PhoneInvalid`] for anything else.
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
        // A `+` before any digit (`+852 …`, `(+852) …`) marks a country code.
        let mut international = false;
        for c in main.chars() {
            match c {
                '0'..='9' => digits.push(c),
                '+' if digits.is_empty() && !international => international = true,
                ' ' | '-' | '(' | ')' | '.' | '\u{3000}' | '\u{2010}'..='\u{2015}' => {}
                _ => return Err(Code::PhoneInvalid),
            }
        }
        if let Some((region, number)) = hong_kong_or_macau(&digits, international) {
            return region.number(number, extension);
        }
        let (national, country_code) = strip_country_code(&digits, international);
        if international && !country_code {
            // A `+` before a country code this check does not know (+1, +44…).
            return Err(Code::PhoneInvalid);
        }
        match national.as_bytes() {
            // Beijing's area code; no mobile number starts with 10.
            [b'1', b'0', ..] if country_code => landline(national, extension),
            [b'1', ..] if extension.is_none() => mobile(national),
            [b'0', ..] => landline(&national[1..], extension),
            [b'2'..=b'8', ..] if national.len() == 8 => {
                landline_from_parts("755", national, extension)
            }
            [b'2'..=b'9', ..] if country_code => landline(national, extension),
            [b'7', ..] if national.starts_with("755") && national.len() >= 11 => {
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

/// Splits an explicit extension marker (`转`, RFC 3966 `;ext=`, `ext`, `x`, `#`)
/// off the number.
fn split_extension(input: &str) -> (&str, Option<&str>) {
    let lower = input.to_ascii_lowercase();
    for marker in ["转", ";ext=", "ext.", "ext", "x", "#"] {
        if let Some(at) = lower.find(marker) {
            let ext = input[at + marker.len()..].trim();
            return (&input[..at], Some(ext));
        }
    }
    (input, None)
}

/// The special administrative regions with numbering plans of their own.
#[derive(Debug, Clone, Copy)]
enum Region {
    HongKong,
    Macau,
}

impl Region {
    /// Checks the 8-digit national number (and a fixed line's extension).
    fn number(self, national: &str, extension: Option<&str>) -> Result<Phone, Code> {
        if national.len() != 8 {
            return Err(Code::PhoneInvalid);
        }
        let (line, code) = match self {
            Region::HongKong => (ranges::hong_kong(national.as_bytes()), "+852"),
            Region::Macau => (ranges::macau(national.as_bytes()), "+853"),
        };
        let mut normalized = format!("{code}{national}");
        match (line, extension) {
            (None, _) => return Err(Code::PhoneUnknownRangeHkMo),
            (Some(Line::Mobile), Some(_)) => return Err(Code::PhoneInvalid),
            (Some(Line::Fixed), Some(ext)) => {
                check_extension(ext)?;
                normalized.push_str(";ext=");
                normalized.push_str(ext);
            }
            (Some(_), None) => {}
        }
        Ok(match self {
            Region::HongKong => Phone::HongKong(normalized),
            Region::Macau => Phone::Macau(normalized),
        })
    }
}

/// A Hong Kong or Macau number and its national digits: after `+852`/`+853`
/// or `00852`/`00853`, or `852`/`853` followed by exactly 8 digits (no
/// mainland number has 11 digits starting with 85).
fn hong_kong_or_macau(digits: &str, international: bool) -> Option<(Region, &str)> {
    let (rest, explicit) = match digits.strip_prefix("00") {
        Some(rest) => (rest, true),
        None => (digits, international),
    };
    let (region, national) = if let Some(national) = rest.strip_prefix("852") {
        (Region::HongKong, national)
    } else {
        (Region::Macau, rest.strip_prefix("853")?)
    };
    (explicit || national.len() == 8).then_some((region, national))
}

/// The national number and whether a country code `86` was taken off.
fn strip_country_code(digits: &str, international: bool) -> (&str, bool) {
    if let Some(rest) = digits.strip_prefix("0086") {
        return (rest, true);
    }
    if let Some(rest) = digits.strip_prefix("86") {
        // `86` alone is ambiguous only when no `+` was written: then require the
        // rest to look like a complete mobile or landline number.
        let complete_mobile = rest.len() == 11 && rest.starts_with('1');
        if international || complete_mobile || rest.starts_with("755") || is_landline_shape(rest) {
            return (rest, true);
        }
    }
    (digits, false)
}

/// The length of the mainland area code `rest` starts with (after the trunk
/// `0` or the country code): 2 for `10` and `2X`, 3 for `3`–`9`; `None` when
/// no area code starts so (libphonenumber CN fixedLine: `10`, `2[0-57-9]`,
/// three-digit codes from 310 on).
fn area_code_length(rest: &str) -> Option<usize> {
    match rest.as_bytes() {
        [b'1', b'0', ..] => Some(2),
        [b'2', b'6', ..] => None,
        [b'2', ..] => Some(2),
        [b'3'..=b'9', ..] => Some(3),
        _ => None,
    }
}

/// Whether `rest` is an area code followed by a 7- or 8-digit subscriber number.
fn is_landline_shape(rest: &str) -> bool {
    area_code_length(rest)
        .and_then(|area| rest.len().checked_sub(area))
        .is_some_and(|subscriber| (7..=8).contains(&subscriber))
}

fn mobile(digits: &str) -> Result<Phone, Code> {
    if digits.len() != 11 {
        return Err(Code::PhoneInvalid);
    }
    if ranges::is_cn_mobile(digits.as_bytes()) {
        Ok(Phone::Mobile(digits.to_owned()))
    } else {
        Err(Code::PhoneUnknownRange)
    }
}

/// `rest` is the number after the trunk `0` or the country code: area code +
/// subscriber number.
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
        // Another mainland area.
        None if is_landline_shape(rest) => Err(Code::PhoneLandlineArea),
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
        check_extension(ext)?;
        normalized.push('-');
        normalized.push_str(ext);
    }
    Ok(Phone::Landline(normalized))
}

/// An extension is 1–6 digits.
fn check_extension(ext: &str) -> Result<(), Code> {
    if ext.is_empty() || ext.len() > 6 || !ext.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Code::PhoneInvalid);
    }
    Ok(())
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

    #[test]
    fn other_mainland_areas_in_domestic_and_international_form() {
        for other in [
            "020 8333 1234",
            "+86 20 8333 1234",
            "+86-20-83331234",
            "0086 20 8333 1234",
            "86 20 8333 1234",
            "+86 (0)20 8333 1234",
            "+86 10 6512 3456",
            "010-65123456",
            "+86 21 6321 1234 转 8",
            "+86 351 123 4567",
            "0351-1234567",
            "+86 571 8765 4321",
        ] {
            assert_eq!(Phone::parse(other), Err(Code::PhoneLandlineArea), "{other}");
        }
        // Not an area code and a subscriber number of 7–8 digits.
        for bad in [
            "+86 20 833 31",
            "+86 20 8333 12345",
            "+86 26 8333 1234",
            "+86 351 1234 56789",
            "+86 12 3456 7890",
            "+86 2",
            "0086 1",
        ] {
            assert_eq!(Phone::parse(bad), Err(Code::PhoneInvalid), "{bad}");
        }
        // Shenzhen keeps its forms, with or without the country code (8 digits
        // after +86 are still read as a Shenzhen number without its area code).
        assert_eq!(ok("+86 755 2555 1234"), "0755-25551234");
        assert_eq!(ok("+86 2555 1234"), "0755-25551234");
        assert_eq!(ok("86 755 2555 1234"), "0755-25551234");
        assert_eq!(ok("0086 755 2555 1234 转 801"), "0755-25551234-801");
    }

    #[test]
    fn hong_kong_and_macau_numbers_in_e164() {
        for (input, normalized) in [
            ("+852 9123 4567", "+85291234567"),
            ("+852-5123-4567", "+85251234567"),
            ("00852 2123 4567", "+85221234567"),
            ("852 2123 4567", "+85221234567"),
            ("+852 2123 4567 转 12", "+85221234567;ext=12"),
            ("+85221234567;ext=12", "+85221234567;ext=12"),
            ("(+852) 3975 1234", "+85239751234"),
            ("＋８５２ ９１２３ ４５６７", "+85291234567"),
            ("+853 6612 3456", "+85366123456"),
            ("00853-2821-2345", "+85328212345"),
            ("853 2821 2345 ext. 9", "+85328212345;ext=9"),
        ] {
            assert_eq!(ok(input), normalized, "{input}");
        }
        assert!(matches!(
            Phone::parse("+852 9123 4567"),
            Ok(Phone::HongKong(_))
        ));
        assert!(matches!(
            Phone::parse("+853 6612 3456"),
            Ok(Phone::Macau(_))
        ));
        // In the numbering plan's shape, outside the fixed-line and mobile ranges:
        // 1…, pagers (7112…), personal numbers (8112…), Macau 7….
        for unallocated in [
            "+852 1234 5678",
            "+852 7112 3456",
            "+852 8112 3456",
            "+853 7123 4567",
            "+853 2712 3456",
        ] {
            assert_eq!(
                Phone::parse(unallocated),
                Err(Code::PhoneUnknownRangeHkMo),
                "{unallocated}"
            );
        }
        for bad in [
            "+852 9123 456",
            "+852 9123 45678",
            "+852 800 123 456",
            "+852 9123 4567 转 1",
            "+853 6612 3456 ext 1",
            "+852 2123 4567 转 abc",
            "8529123456",
        ] {
            assert_eq!(Phone::parse(bad), Err(Code::PhoneInvalid), "{bad}");
        }
        // Without a + or 00, 852/853 must be followed by exactly 8 digits:
        // 8 digits starting 852 stay a Shenzhen number.
        assert_eq!(ok("8521 2345"), "0755-85212345");
    }

    #[test]
    fn a_plus_needs_a_country_code_this_check_knows() {
        for foreign in [
            "+1 380 013 8000",
            "+13800138000",
            "+44 20 7946 0000",
            "+2555 1234",
            "+0755 2555 1234",
        ] {
            assert_eq!(Phone::parse(foreign), Err(Code::PhoneInvalid), "{foreign}");
        }
        assert_eq!(ok("(+86) 138 0013 8000"), "13800138000");
    }

    proptest::proptest! {
        /// What the fuzz target checks, on the forms this module reads: a
        /// normalised number reads back as itself.
        #[test]
        fn normalised_numbers_read_back_as_themselves(
            text in "(\\+852|\\(\\+853\\)|00852|853|\\+86|0086|86|0755|0|\\+)?[0-9 ()\\-]{4,16}( ?(转|ext|;ext=|#|-) ?[0-9]{0,7})?"
        ) {
            if let Ok(phone) = Phone::parse(&text) {
                proptest::prop_assert_eq!(Phone::parse(phone.as_str()), Ok(phone));
            }
        }
    }
}
