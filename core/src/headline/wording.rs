//! How a report words a figure beside its exact value: 150余家, 近5000万元,
//! 1000多亿元 (`docs/wire/headline.md`, "Wording").
//!
//! Counts:
//! - under 10: exact (`8家`);
//! - 10–99: cut to the tens (`12` → `10余家`);
//! - from 100: cut to two significant digits (`157` → `150余家`,
//!   `553` → `550余项`);
//! - `余` when something was cut, none when the value is exact (`150家`).
//!
//! Amounts (in 万元):
//! - shown in 亿元 from 10,000万 up, else in 万元;
//! - `近R` when 0.95·R ≤ x < R, for R the next round number of one
//!   significant digit above x (`4860万` → `近5000万元`; R is shown in 亿元
//!   from 10,000万 up: `9600万` → `近1亿元`);
//! - otherwise cut to two significant digits with `多`, none when exact
//!   (`1043.2亿` → `1000多亿元`, `5000万` → `5000万元`). `多` follows a
//!   number ending in 0 and the unit otherwise (`1000多亿元`, `1.2亿多元`,
//!   `47万多元`), as Chinese writes it.
//!
//! Amounts are reckoned in whole yuan (a 万元 value rounded to four
//! decimals), in integers: no float rounding decides a boundary.
//!
//! ```
//! use lianjian::headline::wording::{amount_wan, count};
//! assert_eq!(count(157, "家"), "150余家");
//! assert_eq!(count(150, "家"), "150家");
//! assert_eq!(amount_wan(4860.0), "近5000万元");
//! assert_eq!(amount_wan(10_432_000.0), "1000多亿元");
//! ```

use crate::Lang;

/// How the shown number stands to the exact value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The shown number is the value.
    Exact,
    /// The value was cut down to the shown number: 余 (counts), 多 (amounts).
    Over,
    /// The value lies within 5 % below the shown round number: 近.
    Near,
}

/// A count as a report shows it: the number and how it stands to the value.
pub fn cut_count(value: u64) -> (u64, Relation) {
    let shown = if value < 10 {
        value
    } else if value < 100 {
        value / 10 * 10
    } else {
        keep_two_digits(u128::from(value)) as u64
    };
    let relation = if shown == value {
        Relation::Exact
    } else {
        Relation::Over
    };
    (shown, relation)
}

/// A count in report wording with its measure word: `150余家`, `8家`.
pub fn count(value: u64, unit: &str) -> String {
    let (shown, relation) = cut_count(value);
    let mark = if relation == Relation::Exact {
        ""
    } else {
        "余"
    };
    format!("{shown}{mark}{unit}")
}

/// A count in English report wording: `150+`, `8`.
pub fn count_en(value: u64) -> String {
    match cut_count(value) {
        (shown, Relation::Exact) => shown.to_string(),
        (shown, _) => format!("{shown}+"),
    }
}

/// Yuan in one 万.
const WAN: u128 = 10_000;
/// Yuan in one 亿.
const YI: u128 = 100_000_000;

/// An amount as a report shows it, in yuan: the shown amount and how it
/// stands to the value. An amount that is not a number counts as 0, one
/// beyond the largest `u128` of yuan as that; neither comes from a valid
/// record.
pub fn cut_amount(value_wan: f64) -> (u128, Relation) {
    let yuan = to_yuan(value_wan);
    if yuan == 0 {
        return (0, Relation::Exact);
    }
    let round = next_round(yuan);
    // 0.95·R ≤ x, in integers: 20·x ≥ 19·R.
    if yuan.saturating_mul(20) >= round.saturating_mul(19) {
        return (round, Relation::Near);
    }
    let unit = if yuan >= YI { YI } else { WAN };
    // Two significant digits of the amount in its unit: the cut is made on
    // the digits shown, whatever the unit.
    let shown = cut_in_unit(yuan, unit);
    let relation = if shown == yuan {
        Relation::Exact
    } else {
        Relation::Over
    };
    (shown, relation)
}

/// An amount given in 万元 in report wording: `近5000万元`, `1000多亿元`. A
/// negative amount (no valid record holds one) is shown exactly.
pub fn amount_wan(value_wan: f64) -> String {
    if value_wan < 0.0 {
        let (number, unit) = in_unit(to_yuan(-value_wan));
        return format!("-{number}{unit}元");
    }
    let (shown, relation) = cut_amount(value_wan);
    let (number, unit) = in_unit(shown);
    match relation {
        Relation::Exact => format!("{number}{unit}元"),
        Relation::Near => format!("近{number}{unit}元"),
        Relation::Over if number.ends_with('0') && !number.contains('.') => {
            format!("{number}多{unit}元")
        }
        Relation::Over => format!("{number}{unit}多元"),
    }
}

/// An amount given in 万元 in English report wording: `nearly 50 million
/// yuan`, `over 100 billion yuan`, `350,000 yuan`.
pub fn amount_wan_en(value_wan: f64) -> String {
    let negative = value_wan < 0.0;
    let (shown, relation) = if negative {
        (to_yuan(-value_wan), Relation::Exact)
    } else {
        cut_amount(value_wan)
    };
    let (scale, name) = if shown >= 1_000_000_000 {
        (1_000_000_000, " billion")
    } else if shown >= 1_000_000 {
        (1_000_000, " million")
    } else {
        (1, "")
    };
    let number = decimal(shown, scale);
    let number = if scale == 1 {
        thousands(&number)
    } else {
        number
    };
    let sign = if negative { "-" } else { "" };
    let lead = match relation {
        Relation::Exact => "",
        Relation::Over => "over ",
        Relation::Near => "nearly ",
    };
    format!("{lead}{sign}{number}{name} yuan")
}

/// The report wording of a count in a language.
pub fn count_in(lang: Lang, value: u64, unit_zh: &str) -> String {
    match lang {
        Lang::ZhCn => count(value, unit_zh),
        Lang::En => count_en(value),
    }
}

/// The report wording of an amount in 万元 in a language.
pub fn amount_in(lang: Lang, value_wan: f64) -> String {
    match lang {
        Lang::ZhCn => amount_wan(value_wan),
        Lang::En => amount_wan_en(value_wan),
    }
}

/// 万元 to whole yuan (four decimals of 万), saturating.
fn to_yuan(value_wan: f64) -> u128 {
    let yuan = (value_wan * 10_000.0).round();
    if yuan.is_nan() || yuan <= 0.0 {
        0
    } else if yuan >= u128::MAX as f64 {
        u128::MAX
    } else {
        yuan as u128
    }
}

/// The largest power of ten not above `value` (which is positive).
fn magnitude(value: u128) -> u128 {
    let mut power = 1u128;
    while power <= value / 10 {
        power *= 10;
    }
    power
}

/// The next round number of one significant digit above `value`:
/// 4860 → 5000, 5000 → 6000, 9700 → 10000.
fn next_round(value: u128) -> u128 {
    let power = magnitude(value);
    (value / power + 1).saturating_mul(power)
}

/// `value` cut to its two leading digits: 157 → 150, 10432 → 10000.
fn keep_two_digits(value: u128) -> u128 {
    let power = magnitude(value);
    if power < 10 {
        return value;
    }
    value / (power / 10) * (power / 10)
}

/// `yuan` cut to two significant digits of the amount expressed in `unit`
/// yuan (at most four decimals of the unit are ever shown).
fn cut_in_unit(yuan: u128, unit: u128) -> u128 {
    let power = magnitude(yuan);
    // The digits kept: two significant ones, but none finer than 1/10,000 of
    // the unit (a yuan in 万元, 10,000 yuan in 亿元).
    let step = (power / 10).max(unit / 10_000).max(1);
    yuan / step * step
}

/// The shown amount in 亿 from 10,000万 up, else in 万, as text.
fn in_unit(yuan: u128) -> (String, &'static str) {
    if yuan >= YI {
        (decimal(yuan, YI), "亿")
    } else {
        (decimal(yuan, WAN), "万")
    }
}

/// `value / scale` as a decimal without trailing zeros: 43000 / 10000 → `4.3`.
fn decimal(value: u128, scale: u128) -> String {
    let whole = value / scale;
    let mut fraction = value % scale;
    if fraction == 0 {
        return whole.to_string();
    }
    let mut digits = String::new();
    let mut place = scale / 10;
    while fraction > 0 && place > 0 {
        digits.push(char::from(b'0' + (fraction / place) as u8));
        fraction %= place;
        place /= 10;
    }
    format!("{whole}.{digits}")
}

/// A whole number with thousands separators: `350000` → `350,000`.
fn thousands(number: &str) -> String {
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let mut out = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push('.');
        out.push_str(fraction);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_on_their_boundaries() {
        for (value, worded) in [
            (0, "0家"),
            (8, "8家"),
            (9, "9家"),
            (10, "10家"),
            (12, "10余家"),
            (19, "10余家"),
            (20, "20家"),
            (23, "20余家"),
            (99, "90余家"),
            (100, "100家"),
            (101, "100余家"),
            (108, "100余家"),
            (150, "150家"),
            (157, "150余家"),
            (199, "190余家"),
            (213, "210余家"),
            (553, "550余家"),
            (999, "990余家"),
            (1000, "1000家"),
            (1009, "1000余家"),
            (1234, "1200余家"),
            (10_432, "10000余家"),
        ] {
            assert_eq!(count(value, "家"), worded, "{value}");
        }
        assert_eq!(count(553, "项"), "550余项");
        assert_eq!(count(213, "场"), "210余场");
        assert_eq!(count_en(157), "150+");
        assert_eq!(count_en(150), "150");
        assert_eq!(count_en(9), "9");
        assert_eq!(count(u64::MAX, "家"), "18000000000000000000余家");
    }

    #[test]
    fn amounts_on_their_boundaries() {
        for (wan, worded) in [
            (0.0, "0万元"),
            (4860.0, "近5000万元"),
            (4750.0, "近5000万元"),
            (4749.0, "4700多万元"),
            (4749.9999, "4700多万元"),
            (5000.0, "5000万元"),
            (4999.0, "近5000万元"),
            (5100.0, "5100万元"),
            (5130.0, "5100多万元"),
            (950.0, "近1000万元"),
            (949.0, "940多万元"),
            (9600.0, "近1亿元"),
            (9499.0, "9400多万元"),
            (10_000.0, "1亿元"),
            (12_000.5, "1.2亿多元"),
            (10_432_000.0, "1000多亿元"),
            (10_000_000.0, "1000亿元"),
            (19_000_000.0, "近2000亿元"),
            (18_999_999.0, "1800多亿元"),
            (97_000.0, "近10亿元"),
            (45.5, "45万多元"),
            (47.5, "近50万元"),
            (47.0, "47万元"),
            (4.37, "4.3万多元"),
            (4.3, "4.3万元"),
            (0.35, "0.35万元"),
            (0.00004, "0万元"),
        ] {
            assert_eq!(amount_wan(wan), worded, "{wan}");
        }
    }

    #[test]
    fn amounts_in_english() {
        assert_eq!(amount_wan_en(4860.0), "nearly 50 million yuan");
        assert_eq!(amount_wan_en(10_432_000.0), "over 100 billion yuan");
        assert_eq!(amount_wan_en(5000.0), "50 million yuan");
        assert_eq!(amount_wan_en(35.0), "350,000 yuan");
        assert_eq!(amount_wan_en(12_000.5), "over 120 million yuan");
        assert_eq!(amount_wan_en(4.37), "over 43,000 yuan");
        assert_eq!(amount_in(Lang::En, 9600.0), "nearly 100 million yuan");
        assert_eq!(count_in(Lang::ZhCn, 12, "家"), "10余家");
    }

    #[test]
    fn what_no_valid_record_holds_is_shown_as_it_is() {
        assert_eq!(amount_wan(-4860.0), "-4860万元");
        assert_eq!(amount_wan_en(-35.0), "-350,000 yuan");
        assert_eq!(amount_wan(f64::NAN), "0万元");
        assert_eq!(amount_wan(f64::INFINITY), amount_wan(f64::MAX));
    }
}
