//! Numbers as messages quote them: exactly what Rust's `{}` prints for an
//! `f64` (shortest round-trip digits, never an exponent: `0.0000001`,
//! `100000000000000000000`), written from serde_json's shortest digits.
//!
//! Core's own float formatting (Grisu and Dragon with big-number
//! arithmetic) would be a second float printer in the browser bundle next
//! to serde_json's; this one reuses serde_json's and only lays the digits out.

use std::fmt;

/// An `f64` that displays exactly as `{}` displays the number itself.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number(pub f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = self.0;
        if value.is_nan() {
            return f.write_str("NaN");
        }
        if value.is_sign_negative() {
            f.write_str("-")?;
        }
        if value.is_infinite() {
            return f.write_str("inf");
        }
        let Some(number) = serde_json::Number::from_f64(value.abs()) else {
            return f.write_str("NaN");
        };
        let (digits, point) = shortest_digits(&number.to_string());
        match halfway(value.abs(), digits.len()) {
            Some((up, point)) => write_plain(f, &up, point),
            None => write_plain(f, &digits, point),
        }
    }
}

/// The significant digits of serde_json's text of a non-negative finite
/// number (`1.5e-7`, `0.001`, `123.0`), without leading or trailing zeros,
/// and where the decimal point goes: the number is `0.DIGITS × 10^point`.
fn shortest_digits(text: &str) -> (String, i32) {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.trim_start_matches('+').parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let mut digits: String = int.chars().chain(frac.chars()).collect();
    let mut point = i32::try_from(int.len()).unwrap_or(0) + exponent;
    let leading = digits.len() - digits.trim_start_matches('0').len();
    digits.drain(..leading);
    point -= i32::try_from(leading).unwrap_or(0);
    digits.truncate(digits.trim_end_matches('0').len());
    (digits, point)
}

/// When the value lies exactly halfway between the two nearest decimals of
/// `len` significant digits, the upper one (`{}` rounds such ties up,
/// serde_json to even), with its point; `None` otherwise.
///
/// Only a value with a fractional part can be halfway: its exact decimal
/// expansion then ends in 5 and is one digit longer than the shortest form.
/// `value = m × 2^-k = m × 5^k × 10^-k` with `m` odd; when that expansion
/// has more than 19 digits it cannot be one digit longer than a shortest
/// form (at most 17 digits), so larger `k` need no check.
fn halfway(value: f64, len: usize) -> Option<(String, i32)> {
    let bits = value.to_bits();
    let biased = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = match biased {
        0 => (fraction, -1074),
        _ => (fraction | (1 << 52), biased - 1075),
    };
    if mantissa == 0 {
        return None;
    }
    let zeros = mantissa.trailing_zeros();
    let (mantissa, k) = (
        mantissa >> zeros,
        -(exponent + i32::try_from(zeros).unwrap_or(0)),
    );
    if !(1..=27).contains(&k) {
        return None;
    }
    let exact = (u128::from(mantissa) * 5u128.pow(k.unsigned_abs())).to_string();
    if exact.len() != len + 1 {
        return None;
    }
    let point = i32::try_from(exact.len()).unwrap_or(0) - k;
    let mut up: Vec<u8> = exact.as_bytes()[..len].to_vec();
    // Add one in the last place, carrying.
    let mut carry = true;
    for digit in up.iter_mut().rev() {
        if *digit == b'9' {
            *digit = b'0';
        } else {
            *digit += 1;
            carry = false;
            break;
        }
    }
    let (mut up, point) = if carry {
        (String::from("1"), point + 1)
    } else {
        (String::from_utf8(up).unwrap_or_default(), point)
    };
    up.truncate(up.trim_end_matches('0').len());
    Some((up, point))
}

/// `0.DIGITS × 10^point` written out in full, as `{}` writes floats.
fn write_plain(f: &mut fmt::Formatter<'_>, digits: &str, point: i32) -> fmt::Result {
    if digits.is_empty() {
        return f.write_str("0");
    }
    let len = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if point <= 0 {
        f.write_str("0.")?;
        for _ in point..0 {
            f.write_str("0")?;
        }
        f.write_str(digits)
    } else if point >= len {
        f.write_str(digits)?;
        for _ in len..point {
            f.write_str("0")?;
        }
        Ok(())
    } else {
        let (int, frac) = digits.split_at(usize::try_from(point).unwrap_or(0));
        f.write_str(int)?;
        f.write_str(".")?;
        f.write_str(frac)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same_as_std(value: f64) {
        assert_eq!(Number(value).to_string(), format!("{value}"), "{value:e}");
    }

    #[test]
    fn writes_what_std_writes() {
        for value in [
            0.0,
            -0.0,
            1.0,
            -1.5,
            0.1,
            0.3,
            1e-7,
            1.5e-7,
            123.456,
            1e15,
            1e16,
            1e21,
            1e300,
            12000.5,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::EPSILON,
            9007199254740993.0,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
        ] {
            same_as_std(value);
        }
    }

    #[test]
    fn writes_what_std_writes_for_many_bit_patterns() {
        // A fixed linear congruential sequence over all bit patterns, and
        // short decimals as people type them.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        for _ in 0..200_000 {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            same_as_std(f64::from_bits(state));
            // Binary fractions, where decimal ties live.
            let fraction = (state >> 11) as f64 / f64::from(1u32 << (1 + state % 27));
            same_as_std(fraction);
            same_as_std((state >> 40) as f64 / 1024.0);
        }
        for cents in 0..20_000 {
            same_as_std(f64::from(cents) / 100.0);
            same_as_std(f64::from(cents) * 1.1);
        }
    }
}
