//! The statutory public holidays (法定节假日) of every year, as the law fixes
//! them before the State Council publishes the year's schedule.
//!
//! 全国年节及纪念日放假办法 (State Council):
//!
//! | years | 元旦 | 春节 | 清明 | 劳动节 | 端午 | 中秋 | 国庆 |
//! |---|---|---|---|---|---|---|---|
//! | 2008–2013 (令第513号) | 1 Jan | 除夕, 初一, 初二 | the day | 1 May | 五月初五 | 八月十五 | 1–3 Oct |
//! | 2014–2024 (令第644号) | 1 Jan | 初一–初三 | the day | 1 May | 五月初五 | 八月十五 | 1–3 Oct |
//! | from 2025 (令第795号, the 2024 revision) | 1 Jan | 除夕, 初一–初三 | the day | 1–2 May | 五月初五 | 八月十五 | 1–3 Oct |
//!
//! The lunar dates (正月初一, 五月初五, 八月十五) and the day of the solar
//! term 清明 come from a generated table, `catalog/holidays/lunar.json`
//! (2008–2088), written by the `holiday_table` test of the workspace's tests
//! from the tyme4rs calendar library and checked there against a second,
//! independent one (chinese-lunisolar-calendar). 除夕 is the day before
//! 正月初一. Make-up working days (调休) and the exact spans of a year are
//! never guessed: they come only from a published notice.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::input::builtin::{self, data_file};
use crate::input::Got;

/// The seven public festivals of 全国年节及纪念日放假办法.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Festival {
    /// 元旦, New Year's Day.
    NewYear,
    /// 春节, the Spring Festival (with 除夕 where the law includes it).
    SpringFestival,
    /// 清明节, Qingming.
    Qingming,
    /// 劳动节, Labour Day.
    LabourDay,
    /// 端午节, the Dragon Boat Festival.
    DragonBoat,
    /// 中秋节, the Mid-Autumn Festival.
    MidAutumn,
    /// 国庆节, National Day.
    NationalDay,
}

impl Festival {
    /// Every festival, in calendar order.
    pub const ALL: [Festival; 7] = [
        Festival::NewYear,
        Festival::SpringFestival,
        Festival::Qingming,
        Festival::LabourDay,
        Festival::DragonBoat,
        Festival::MidAutumn,
        Festival::NationalDay,
    ];

    /// The wire id (`national_day`).
    pub const fn id(self) -> &'static str {
        match self {
            Festival::NewYear => "new_year",
            Festival::SpringFestival => "spring_festival",
            Festival::Qingming => "qingming",
            Festival::LabourDay => "labour_day",
            Festival::DragonBoat => "dragon_boat",
            Festival::MidAutumn => "mid_autumn",
            Festival::NationalDay => "national_day",
        }
    }

    /// The name the State Council's notices use (`国庆节`).
    pub const fn name_zh(self) -> &'static str {
        match self {
            Festival::NewYear => "元旦",
            Festival::SpringFestival => "春节",
            Festival::Qingming => "清明节",
            Festival::LabourDay => "劳动节",
            Festival::DragonBoat => "端午节",
            Festival::MidAutumn => "中秋节",
            Festival::NationalDay => "国庆节",
        }
    }

    /// The English name (`National Day`).
    pub const fn name_en(self) -> &'static str {
        match self {
            Festival::NewYear => "New Year's Day",
            Festival::SpringFestival => "Spring Festival",
            Festival::Qingming => "Qingming Festival",
            Festival::LabourDay => "Labour Day",
            Festival::DragonBoat => "Dragon Boat Festival",
            Festival::MidAutumn => "Mid-Autumn Festival",
            Festival::NationalDay => "National Day",
        }
    }

    /// The festival a notice's name starts with (`中秋节、国庆节` → Mid-Autumn;
    /// `清明` and `清明节` alike); none for a name of a district's own.
    pub fn from_name(name: &str) -> Option<Festival> {
        let name = name.trim();
        Festival::ALL.into_iter().find(|f| {
            let full = f.name_zh();
            let short = full.trim_end_matches('节');
            name.starts_with(full) || (short.chars().count() >= 2 && name.starts_with(short))
        })
    }
}

/// The first and last year of the generated lunar table. The two libraries
/// part ways in 2089 (中秋: 18 or 19 September), so the table stops before;
/// later years know only their fixed-date holidays.
pub const TABLE_YEARS: (i32, i32) = (2008, 2088);

/// The fixed-date statutory holiday on `date` in a year after the table,
/// by the law in force since 2025.
pub fn fixed_after_table(date: NaiveDate) -> Option<Festival> {
    if date.year() <= TABLE_YEARS.1 {
        return None;
    }
    match (date.month(), date.day()) {
        (1, 1) => Some(Festival::NewYear),
        (5, 1 | 2) => Some(Festival::LabourDay),
        (10, 1..=3) => Some(Festival::NationalDay),
        _ => None,
    }
}

/// Every statutory holiday of the table's years, with its festival, in
/// table order (the caller sorts).
pub fn days() -> Vec<(NaiveDate, Festival)> {
    let mut days = Vec::new();
    let table = builtin::parse(data_file!("catalog/holidays/lunar.json"));
    for row in builtin::list(&table, "years") {
        let Got::List(cells, _) = row else {
            continue;
        };
        let Some(Got::Number(year)) = cells.first() else {
            continue;
        };
        let Some(year) = year.as_i64() else {
            continue;
        };
        let Ok(year) = i32::try_from(year) else {
            continue;
        };
        let date = |i: usize| -> Option<NaiveDate> {
            let text = cells.get(i)?.as_str()?;
            let (month, day) = text.split_once('-')?;
            NaiveDate::from_ymd_opt(year, month.parse().ok()?, day.parse().ok()?)
        };
        let (Some(new_year), Some(qingming), Some(dragon_boat), Some(mid_autumn)) =
            (date(1), date(2), date(3), date(4))
        else {
            continue;
        };
        days.extend(of_year(year, new_year, qingming, dragon_boat, mid_autumn));
    }
    days
}

/// The statutory days of `year`, given its lunar new year (正月初一), 清明,
/// 端午 and 中秋, by the law in force that year.
fn of_year(
    year: i32,
    lunar_new_year: NaiveDate,
    qingming: NaiveDate,
    dragon_boat: NaiveDate,
    mid_autumn: NaiveDate,
) -> Vec<(NaiveDate, Festival)> {
    let fixed = |month: u32, day: u32| NaiveDate::from_ymd_opt(year, month, day);
    let mut days = Vec::with_capacity(12);
    days.extend(fixed(1, 1).map(|d| (d, Festival::NewYear)));
    // 除夕 is statutory 2008–2013 and again from 2025; 初三 from 2014.
    let eve = lunar_new_year.checked_sub_days(Days::new(1));
    let spring: &[Option<NaiveDate>] = match year {
        ..=2013 => &[eve, Some(lunar_new_year), lunar_new_year.succ_opt()],
        2014..=2024 => &[
            Some(lunar_new_year),
            lunar_new_year.succ_opt(),
            lunar_new_year.checked_add_days(Days::new(2)),
        ],
        _ => &[
            eve,
            Some(lunar_new_year),
            lunar_new_year.succ_opt(),
            lunar_new_year.checked_add_days(Days::new(2)),
        ],
    };
    days.extend(
        spring
            .iter()
            .flatten()
            .map(|&d| (d, Festival::SpringFestival)),
    );
    days.push((qingming, Festival::Qingming));
    days.extend(fixed(5, 1).map(|d| (d, Festival::LabourDay)));
    if year >= 2025 {
        days.extend(fixed(5, 2).map(|d| (d, Festival::LabourDay)));
    }
    days.push((dragon_boat, Festival::DragonBoat));
    // 中秋 on 1–3 October (2009, 2020, ...) is one day off: it counts as 国庆.
    if !(mid_autumn.month() == 10 && mid_autumn.day() <= 3) {
        days.push((mid_autumn, Festival::MidAutumn));
    }
    for day in 1..=3 {
        days.extend(fixed(10, day).map(|d| (d, Festival::NationalDay)));
    }
    debug_assert!(days.iter().all(|(d, _)| d.year() == year));
    days
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        crate::ident::parse_date(text).unwrap()
    }

    #[test]
    fn every_year_of_the_table_has_its_statutory_days() {
        let days: std::collections::BTreeMap<_, _> = days().into_iter().collect();
        for year in TABLE_YEARS.0..=TABLE_YEARS.1 {
            let count = days.keys().filter(|d| d.year() == year).count();
            let expected = match year {
                ..=2024 => 11,
                _ => 13,
            };
            // 中秋 may fall on 1–3 October (2009, 2020, ...): one day, two festivals.
            let shared = (1..=3).any(|day| {
                NaiveDate::from_ymd_opt(year, 10, day)
                    .is_some_and(|d| days.get(&d) == Some(&Festival::NationalDay))
            }) && !days
                .iter()
                .any(|(d, f)| d.year() == year && *f == Festival::MidAutumn);
            assert_eq!(
                count,
                expected - usize::from(shared),
                "statutory days of {year}"
            );
        }
    }

    #[test]
    fn the_2024_revision_in_2027() {
        let days: std::collections::BTreeMap<_, _> = days().into_iter().collect();
        let festival = |text: &str| days.get(&d(text)).copied();
        assert_eq!(festival("2027-01-01"), Some(Festival::NewYear));
        // 正月初一 falls on 2027-02-06: 除夕 is the 5th, 初三 the 8th.
        assert_eq!(festival("2027-02-05"), Some(Festival::SpringFestival));
        assert_eq!(festival("2027-02-08"), Some(Festival::SpringFestival));
        assert_eq!(festival("2027-02-09"), None);
        assert_eq!(festival("2027-04-05"), Some(Festival::Qingming));
        assert_eq!(festival("2027-05-02"), Some(Festival::LabourDay));
        assert_eq!(festival("2027-05-03"), None);
        assert_eq!(festival("2027-06-09"), Some(Festival::DragonBoat));
        assert_eq!(festival("2027-09-15"), Some(Festival::MidAutumn));
        assert_eq!(festival("2027-10-03"), Some(Festival::NationalDay));
        assert_eq!(festival("2027-10-04"), None);
    }

    #[test]
    fn names_as_notices_write_them() {
        assert_eq!(Festival::from_name("国庆节"), Some(Festival::NationalDay));
        assert_eq!(
            Festival::from_name("中秋节、国庆节"),
            Some(Festival::MidAutumn)
        );
        assert_eq!(Festival::from_name("清明"), Some(Festival::Qingming));
        assert_eq!(Festival::from_name("元旦"), Some(Festival::NewYear));
        assert_eq!(Festival::from_name("盐田区庆典"), None);
    }
}
