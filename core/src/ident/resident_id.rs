//! The shape of a resident identity number (公民身份号码), GB 11643-1999.
//!
//! Only recognised, never accepted: a person's ID number typed where a
//! unified social credit code belongs is personal data in the wrong field, and
//! 1 in 31 of them passes the code's check character by chance.
//!
//! An 18-character number: positions 1–6 the GB/T 2260 division of the
//! person's residence at registration, 7–14 the birth date `YYYYMMDD`, 15–17 a
//! sequence number, 18 the ISO 7064 MOD 11-2 check character (`0`–`9` or `X`).

use chrono::NaiveDate;

use super::division::is_province_prefix;

/// MOD 11-2 weights of positions 1–17: 2^(17−i) mod 11.
const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/// The birth years taken as plausible. The core has no clock, so the window is
/// fixed: anyone with an 18-digit number (issued from 1999) was born in the
/// 20th or 21st century.
const BIRTH_YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;

/// The MOD 11-2 check character of the first 17 digits (`None` if one is not
/// an ASCII digit or there are not 17).
pub fn check_character(first17: &[u8]) -> Option<u8> {
    if first17.len() != 17 {
        return None;
    }
    let mut sum = 0;
    for (&d, weight) in first17.iter().zip(WEIGHTS) {
        if !d.is_ascii_digit() {
            return None;
        }
        sum += u32::from(d - b'0') * weight;
    }
    Some(match (12 - sum % 11) % 11 {
        10 => b'X',
        c => b'0' + c as u8,
    })
}

/// Whether 18 normalised (upper-case) bytes have the full shape of a resident
/// ID number: a province-level division prefix, a calendar birth date from
/// 1900 to 2099, and a matching MOD 11-2 check character.
pub fn is_resident_id(code: &[u8]) -> bool {
    let [first17 @ .., last] = code else {
        return false;
    };
    if code.len() != 18 || !is_province_prefix(code) || check_character(first17) != Some(*last) {
        return false;
    }
    let number = |range: std::ops::Range<usize>| {
        code[range]
            .iter()
            .fold(0u32, |n, &d| n * 10 + u32::from(d - b'0'))
    };
    let year = number(6..10) as i32;
    BIRTH_YEARS.contains(&year)
        && NaiveDate::from_ymd_opt(year, number(10..12), number(12..14)).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 17 digits completed with their check character.
    fn complete(first17: &str) -> String {
        let check = check_character(first17.as_bytes()).unwrap();
        format!("{first17}{}", char::from(check))
    }

    #[test]
    fn check_character_follows_iso_7064_mod_11_2() {
        // The example number of python-stdnum's `stdnum.cn.ric`.
        assert_eq!(check_character(b"36042619910101007"), Some(b'1'));
        assert!(is_resident_id(b"360426199101010071"));
        assert!(is_resident_id(b"320102199409116943"));
        assert!(!is_resident_id(b"320102199409116942"));
        // Weights are 2^(17-i) mod 11.
        for (i, w) in WEIGHTS.iter().enumerate() {
            assert_eq!(*w, 2u32.pow(17 - i as u32) % 11);
        }
        // A check value of 10 is written X.
        let x = (0..1000)
            .map(|n| complete(&format!("44030819900101{n:03}")))
            .find(|c| c.ends_with('X'))
            .unwrap();
        assert!(is_resident_id(x.as_bytes()));
        assert!(!is_resident_id(x.replace('X', "0").as_bytes()));
    }

    #[test]
    fn division_and_birth_date_must_be_plausible() {
        assert!(is_resident_id(complete("44030820000229123").as_bytes()));
        // No 29 February in 1900, no month 13, no day 32, no province 01 or 99.
        for bad in [
            "44030819000229123",
            "44030819991301123",
            "44030819990132123",
            "44030818991231123",
            "44030821000101123",
            "01030819900101123",
            "99030819900101123",
        ] {
            assert!(!is_resident_id(complete(bad).as_bytes()), "{bad}");
        }
        assert!(!is_resident_id(b"91440300MA5FUTN418"));
        assert!(!is_resident_id(b"32010219940911694"));
        assert!(!is_resident_id(b""));
    }
}
