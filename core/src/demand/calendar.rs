//! Working days: weekends, the State Council's public holidays, and the
//! make-up working days (调休) that move weekend days around them. Loadable per
//! year; 2025 and 2026 are built in (`core/catalog/holidays/`).

use std::collections::BTreeSet;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Deserialize;

use super::record::DemandKind;
use crate::ident::parse_date;
use crate::input::builtin::data_file;
use crate::Error;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    year: i32,
    #[allow(dead_code)]
    source: String,
    holidays: Vec<Range>,
    workdays: Vec<Workday>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Range {
    #[allow(dead_code)]
    name: String,
    from: String,
    to: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Workday {
    #[allow(dead_code)]
    name: String,
    date: String,
}

/// Which days are working days.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    holidays: BTreeSet<NaiveDate>,
    workdays: BTreeSet<NaiveDate>,
    years: BTreeSet<i32>,
}

impl Calendar {
    /// Weekends only, no holidays.
    pub fn weekends_only() -> Self {
        Calendar::default()
    }

    /// The built-in schedules (2025 and 2026).
    pub fn china() -> Calendar {
        let mut calendar = Calendar::default();
        for text in [
            data_file!("catalog/holidays/2025.json"),
            data_file!("catalog/holidays/2026.json"),
        ] {
            if let Err(e) = calendar.load_year(text) {
                unreachable!("the built-in holiday files are checked by tests: {e}");
            }
        }
        calendar
    }

    /// Adds one year's schedule (`{"year", "source", "holidays": [{"name", "from", "to"}],
    /// "workdays": [{"name", "date"}]}`).
    pub fn load_year(&mut self, json: &str) -> Result<(), Error> {
        let file: YearFile = serde_json::from_str(json)?;
        let invalid = |why: String| Error::CatalogInvalid(why);
        let date = |text: &str| {
            parse_date(text)
                .filter(|d| d.year() == file.year)
                .ok_or_else(|| invalid(format!("`{text}` is not a date of {}", file.year)))
        };
        for range in &file.holidays {
            let (from, to) = (date(&range.from)?, date(&range.to)?);
            if to < from || (to - from).num_days() > 14 {
                return Err(invalid(format!(
                    "holiday {}..{} is not a short range",
                    range.from, range.to
                )));
            }
            let mut day = from;
            while day <= to {
                self.holidays.insert(day);
                day = day + Days::new(1);
            }
        }
        for workday in &file.workdays {
            let day = date(&workday.date)?;
            if !is_weekend(day) {
                return Err(invalid(format!(
                    "make-up working day {day} is not a weekend day"
                )));
            }
            if self.holidays.contains(&day) {
                return Err(invalid(format!(
                    "{day} is both a holiday and a working day"
                )));
            }
            self.workdays.insert(day);
        }
        self.years.insert(file.year);
        Ok(())
    }

    /// The years with a loaded schedule.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.years.iter().copied()
    }

    /// Whether people work on this day.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        if self.workdays.contains(&day) {
            return true;
        }
        !is_weekend(day) && !self.holidays.contains(&day)
    }

    /// The `n`-th working day after `start` (the day of receipt does not count).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day + Days::new(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// Working days after `from` up to and including `to` (0 when `to` ≤ `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        let mut n = 0;
        let mut day = from;
        while day < to {
            day = day + Days::new(1);
            if self.is_working_day(day) {
                n += 1;
            }
        }
        n
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Working-day limits per kind of demand, from receipt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeadlinePolicy {
    /// 咨询.
    pub consultation: u32,
    /// 求助.
    pub help: u32,
    /// 意见建议.
    pub suggestion: u32,
    /// 投诉.
    pub complaint: u32,
    /// 举报.
    pub report: u32,
}

impl Default for DeadlinePolicy {
    /// Guangdong 12345 rules: consultation 2, help or suggestion 10, complaint or report 15.
    fn default() -> Self {
        DeadlinePolicy {
            consultation: 2,
            help: 10,
            suggestion: 10,
            complaint: 15,
            report: 15,
        }
    }
}

impl DeadlinePolicy {
    /// The limit for a kind, in working days.
    pub fn limit(&self, kind: DemandKind) -> u32 {
        match kind {
            DemandKind::Consultation => self.consultation,
            DemandKind::Help => self.help,
            DemandKind::Suggestion => self.suggestion,
            DemandKind::Complaint => self.complaint,
            DemandKind::Report => self.report,
        }
    }

    /// The deadline of a demand of `kind` received on `received`.
    pub fn deadline(
        &self,
        calendar: &Calendar,
        kind: DemandKind,
        received: NaiveDate,
    ) -> NaiveDate {
        calendar.add_working_days(received, self.limit(kind))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        parse_date(text).unwrap()
    }

    #[test]
    fn the_2025_schedule() {
        let c = Calendar::china();
        assert!(!c.is_working_day(d("2025-01-01")));
        assert!(
            c.is_working_day(d("2025-01-26")),
            "Sunday before Spring Festival is worked"
        );
        assert!(!c.is_working_day(d("2025-01-28")));
        assert!(!c.is_working_day(d("2025-02-04")));
        assert!(c.is_working_day(d("2025-02-05")));
        assert!(
            c.is_working_day(d("2025-02-08")),
            "Saturday after Spring Festival is worked"
        );
        assert!(c.is_working_day(d("2025-04-27")));
        assert!(!c.is_working_day(d("2025-05-05")));
        assert!(!c.is_working_day(d("2025-06-02")));
        assert!(c.is_working_day(d("2025-09-28")));
        assert!(!c.is_working_day(d("2025-10-08")));
        assert!(c.is_working_day(d("2025-10-11")));
        assert!(!c.is_working_day(d("2025-10-12")), "an ordinary Sunday");
    }

    #[test]
    fn the_2026_schedule() {
        let c = Calendar::china();
        assert!(!c.is_working_day(d("2026-01-02")));
        assert!(c.is_working_day(d("2026-01-04")));
        assert!(c.is_working_day(d("2026-02-14")));
        assert!(!c.is_working_day(d("2026-02-23")));
        assert!(c.is_working_day(d("2026-02-28")));
        assert!(!c.is_working_day(d("2026-06-19")));
        assert!(!c.is_working_day(d("2026-09-25")));
        assert!(c.is_working_day(d("2026-09-20")));
        assert!(!c.is_working_day(d("2026-10-07")));
        assert!(c.is_working_day(d("2026-10-10")));
        assert_eq!(c.years().collect::<Vec<_>>(), [2025, 2026]);
    }

    #[test]
    fn deadlines_skip_holidays_and_count_make_up_days() {
        let c = Calendar::china();
        let policy = DeadlinePolicy::default();
        // Received Friday 2026-02-13: Sat 14th is a make-up working day, then the holiday.
        assert_eq!(
            policy.deadline(&c, DemandKind::Consultation, d("2026-02-13")),
            d("2026-02-24")
        );
        // Received Tuesday 2026-09-29: 30th, then the National Day holiday, then Thu 8th.
        assert_eq!(
            policy.deadline(&c, DemandKind::Consultation, d("2026-09-29")),
            d("2026-10-08")
        );
        assert_eq!(
            policy.deadline(&c, DemandKind::Help, d("2026-11-25")),
            d("2026-12-09")
        );
        assert_eq!(c.working_days_between(d("2026-11-25"), d("2026-12-09")), 10);
        assert_eq!(
            Calendar::weekends_only().add_working_days(d("2026-10-01"), 2),
            d("2026-10-05")
        );
    }

    #[test]
    fn rejects_broken_year_files() {
        let mut c = Calendar::default();
        let bad_workday = r#"{"year": 2027, "source": "x", "holidays": [], "workdays": [{"name": "x", "date": "2027-01-04"}]}"#;
        assert!(
            c.load_year(bad_workday).is_err(),
            "a Monday cannot be a make-up day"
        );
        let wrong_year = r#"{"year": 2027, "source": "x", "holidays": [{"name": "x", "from": "2026-01-01", "to": "2026-01-01"}], "workdays": []}"#;
        assert!(c.load_year(wrong_year).is_err());
        assert!(c.load_year("{").is_err());
    }
}
