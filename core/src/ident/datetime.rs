//! RFC 3339 timestamps (`2026-11-25T09:30:00+08:00`), read by hand.
//!
//! The reading is exactly chrono's `DateTime::parse_from_rfc3339` — the
//! same inputs accepted, the same values — and a test compares the two on
//! generated input. chrono's version goes through its general scanner
//! (numbers, offsets with optional parts), code the browser bundle does
//! not otherwise need; this one only builds the value with chrono's
//! constructors.
//!
//! Accepted: `YYYY-MM-DD`, then `T`, `t` or a space, `HH:MM:SS` (second 60
//! is a leap second), an optional fraction of any length (digits past the
//! ninth are ignored), and `Z`, `z` or an offset `±HH:MM` whose sign may
//! also be U+2212 MINUS SIGN, strictly within a day.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};

/// Nanoseconds of one digit at each position of a fraction.
const SCALE: [u32; 9] = [
    100_000_000,
    10_000_000,
    1_000_000,
    100_000,
    10_000,
    1_000,
    100,
    10,
    1,
];

/// Parses an RFC 3339 timestamp with an explicit offset.
pub fn parse_datetime(input: &str) -> Option<DateTime<FixedOffset>> {
    let bytes = input.as_bytes();
    let head = bytes.get(..19)?;
    let digits = |at: usize, len: usize| -> Option<u32> {
        let part = &head[at..at + len];
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    let separators_ok = head[4] == b'-'
        && head[7] == b'-'
        && matches!(head[10], b'T' | b't' | b' ')
        && head[13] == b':'
        && head[16] == b':';
    if !separators_ok {
        return None;
    }
    let year = i32::try_from(digits(0, 4)?).ok()?;
    let date = NaiveDate::from_ymd_opt(year, digits(5, 2)?, digits(8, 2)?)?;
    let (hour, minute, second) = (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?);
    // A leap second is the 59th second plus a whole second of nanoseconds.
    let (second, mut nano) = if second == 60 {
        (59, 1_000_000_000)
    } else {
        (second, 0)
    };
    let mut rest = &bytes[19..];
    if let Some((b'.', fraction)) = rest.split_first() {
        let count = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        for (d, scale) in fraction.iter().zip(SCALE) {
            if !d.is_ascii_digit() {
                break;
            }
            nano += u32::from(d - b'0') * scale;
        }
        rest = &fraction[count..];
    }
    let time = NaiveTime::from_hms_nano_opt(hour, minute, second, nano)?;
    let offset = FixedOffset::east_opt(offset_seconds(rest)?)?;
    date.and_time(time).and_local_timezone(offset).single()
}

/// The offset in seconds east of UTC: `Z`, `z` or `±HH:MM` (minutes below
/// 60), and nothing after it.
fn offset_seconds(text: &[u8]) -> Option<i32> {
    let (negative, rest) = match text {
        [b'Z' | b'z'] => return Some(0),
        [b'+', rest @ ..] => (false, rest),
        [b'-', rest @ ..] => (true, rest),
        // U+2212 MINUS SIGN.
        [0xE2, 0x88, 0x92, rest @ ..] => (true, rest),
        _ => return None,
    };
    let [h1, h2, b':', m1, m2] = *rest else {
        return None;
    };
    let digit = |d: u8| d.is_ascii_digit().then(|| i32::from(d - b'0'));
    let hours = digit(h1)? * 10 + digit(h2)?;
    let minutes = digit(m1)? * 10 + digit(m2)?;
    if minutes >= 60 {
        return None;
    }
    let seconds = hours * 3600 + minutes * 60;
    Some(if negative { -seconds } else { seconds })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn chrono(text: &str) -> Option<DateTime<FixedOffset>> {
        DateTime::parse_from_rfc3339(text).ok()
    }

    #[test]
    fn reads_as_chrono_does() {
        for text in [
            "2026-11-25T09:30:00+08:00",
            "2026-11-25t09:30:00z",
            "2026-11-25 09:30:00Z",
            "2024-02-29T23:59:60.5-05:30",
            "2026-11-25T09:30:00.123456789123+08:00",
            "2026-11-25T09:30:00.1\u{2212}08:00",
            "0000-01-01T00:00:00+23:59",
            "9999-12-31T23:59:59-23:59",
            "2026-11-25T09:30:00+24:00",
            "2026-11-25T09:30:00+08:60",
            "2026-11-25T09:30:00+0800",
            "2026-11-25T09:30:00+08",
            "2026-11-25T09:30:00.+08:00",
            "2026-11-25T09:30:00",
            "2026-11-25T09:30:00Z ",
            "2026-11-25T09:30:00ZZ",
            "2026-02-29T09:30:00Z",
            "2026-11-25T24:00:00Z",
            "2026-11-25T09:60:00Z",
            "2026-11-25T09:30:61Z",
            "2026-11-25T09:30:60Z",
            "２026-11-25T09:30:00Z",
            "2026-11-25T09:30:00.５Z",
            "2026-11-25T09:30:00+0８:00",
            "",
        ] {
            assert_eq!(parse_datetime(text), chrono(text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_chrono_on_near_misses(
            text in "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt Xx][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{0,12})?([Zzx]|[-+\u{2212}][0-9]{2}:?[0-9]{0,3})?.?",
        ) {
            prop_assert_eq!(parse_datetime(&text), chrono(&text));
        }

        #[test]
        fn agrees_with_chrono_on_any_text(text in "[0-9T:.+\u{2212}Zz -]{0,32}") {
            prop_assert_eq!(parse_datetime(&text), chrono(&text));
        }

        #[test]
        fn agrees_with_chrono_on_valid_instants(
            seconds in -62_135_596_800i64..253_402_300_799,
            nanos in 0u32..1_000_000_000,
            offset in -86_399i32..86_400,
        ) {
            let offset = FixedOffset::east_opt(offset / 60 * 60).unwrap();
            let instant = DateTime::from_timestamp(seconds, nanos).unwrap().with_timezone(&offset);
            let text = instant.to_rfc3339();
            prop_assert_eq!(parse_datetime(&text), chrono(&text));
            prop_assert_eq!(parse_datetime(&text), Some(instant));
        }
    }
}
