//! Working days (工作日) in mainland China: weekends, public holidays and the
//! make-up working days (调休) that move weekend days around them.
//!
//! Two sources, kept apart:
//!
//! - **Published schedules**, one a year, from the State Council's notice
//!   (国务院办公厅关于某年部分节假日安排的通知): the exact holiday spans and
//!   make-up days. 2025 and 2026 are built in (`core/catalog/holidays/`);
//!   a host loads later years at run time with [`Calendar::load_year`].
//! - **The statutory holidays** of every year from 2008 to 2088, and the
//!   fixed-date ones (元旦, 劳动节, 国庆节) after that ([`Festival`]): known in
//!   advance, but without the spans and make-up days only a notice fixes.
//!
//! A date in a year without a published schedule is reckoned from the
//! statutory holidays and weekends, and everything computed from it is
//! **provisional** ([`Reckoned::provisional`]): hosts show it, and the checks
//! add a `calendar_provisional` warning.
//!
//! ```
//! use lianjian::calendar::{Calendar, DayReason};
//! use lianjian::ident::parse_date;
//!
//! let calendar = Calendar::china();
//! let day = calendar.day(parse_date("2026-10-10").unwrap());
//! assert!(day.working && day.reason == DayReason::MakeUpDay);
//!
//! // 2026-12-30 + 2 working days crosses into 2027, whose schedule is not built in:
//! // New Year's Day is skipped all the same, and the answer says it is provisional.
//! let deadline = calendar.deadline_after(parse_date("2026-12-30").unwrap(), 2);
//! assert_eq!(deadline.value.to_string(), "2027-01-04");
//! assert_eq!(deadline.provisional_years, [2027]);
//! ```

mod statutory;

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

use crate::demand::DemandKind;
use crate::findings::{Code, Finding, Path};
use crate::ident::parse_date;
use crate::input::builtin::data_file;
use crate::input::{Fields, Got, Kind, Schema};
use crate::Error;

pub use statutory::{Festival, TABLE_YEARS as STATUTORY_YEARS};

/// How many days one holiday range of a notice may span at most.
const RANGE_MAX_DAYS: i64 = 15;

/// Days with a value, sorted by date (a sorted list, not a tree: a few
/// hundred entries, looked up by binary search, with far less code in the
/// browser bundle than a `BTreeMap` per key type).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dated<V>(Vec<(NaiveDate, V)>);

impl<V> Dated<V> {
    /// From entries in any order, one a day (the callers see to that).
    /// Inserted in place: a few hundred entries, and no sort routine in the
    /// bundle.
    fn new(entries: Vec<(NaiveDate, V)>) -> Self {
        let mut sorted = Dated(Vec::with_capacity(entries.len()));
        sorted.insert_all(entries);
        sorted
    }

    fn insert_all(&mut self, entries: Vec<(NaiveDate, V)>) {
        for (day, value) in entries {
            let at = self.0.partition_point(|(d, _)| *d <= day);
            self.0.insert(at, (day, value));
        }
    }

    fn get(&self, day: NaiveDate) -> Option<&V> {
        let at = self.0.binary_search_by_key(&day, |(d, _)| *d).ok()?;
        Some(&self.0[at].1)
    }

    /// The entries of one year.
    fn year(&self, year: i32) -> &[(NaiveDate, V)] {
        let start = self.0.partition_point(|(d, _)| d.year() < year);
        let end = self.0.partition_point(|(d, _)| d.year() <= year);
        &self.0[start..end]
    }

    /// Replaces the entries of `year` with `entries` (all of that year).
    fn replace_year(&mut self, year: i32, entries: Dated<V>) {
        self.0.retain(|(d, _)| d.year() != year);
        self.insert_all(entries.0);
    }
}

/// Which days are working days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    /// Days off of the published schedules, with the name the notice gives.
    holidays: Dated<String>,
    /// Make-up working days of the published schedules, with their name.
    workdays: Dated<String>,
    /// Years with a published schedule, with the notice they come from, by year.
    published: Vec<(i32, String)>,
    /// The statutory holidays, used for years without a schedule; `None`
    /// for a calendar of weekends only.
    statutory: Option<Dated<Festival>>,
}

impl Default for Calendar {
    /// Weekends only: see [`Calendar::weekends_only`].
    fn default() -> Self {
        Calendar::weekends_only()
    }
}

/// Why a day is worked or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DayReason {
    /// Monday to Friday, no holiday.
    Weekday,
    /// Saturday or Sunday, not a make-up day.
    Weekend,
    /// A public holiday (of a published schedule, or statutory).
    Holiday,
    /// A weekend day worked instead of a holiday (调休上班).
    MakeUpDay,
}

/// One day as the calendar sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Day {
    /// The date.
    pub date: NaiveDate,
    /// Whether people work.
    pub working: bool,
    /// Why.
    pub reason: DayReason,
    /// The festival of a holiday or make-up day, when the name is one of the
    /// seven (`national_day`).
    pub holiday: Option<Festival>,
    /// The name as the notice writes it (`中秋节、国庆节`), or the festival's
    /// for a statutory day; a district's own name as given.
    pub holiday_name: Option<String>,
    /// The year has no published schedule: make-up days and the exact spans
    /// are unknown, so the answer may change when it is published.
    pub provisional: bool,
}

/// A value worked out with the calendar, with the years it touched that have
/// no published schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reckoned<T> {
    /// The date or count.
    pub value: T,
    /// Years without a published schedule among the days looked at, ascending.
    pub provisional_years: Vec<i32>,
}

impl<T> Reckoned<T> {
    /// Whether any day looked at lies in a year without a published schedule.
    pub fn provisional(&self) -> bool {
        !self.provisional_years.is_empty()
    }

    /// The `calendar_provisional` warning at `path`, when provisional
    /// (`years`: the years, comma-separated).
    pub fn finding(&self, path: Path) -> Option<Finding> {
        provisional_finding(&self.provisional_years, path)
    }
}

/// The `calendar_provisional` warning for these years at `path` (none for no years).
pub fn provisional_finding(years: &[i32], path: Path) -> Option<Finding> {
    (!years.is_empty()).then(|| {
        let years: Vec<String> = years.iter().map(i32::to_string).collect();
        Finding::new(Code::CalendarProvisional, path).with("years", years.join(","))
    })
}

/// A year's schedule as published.
struct YearFile {
    year: i32,
    source: String,
    /// `(name, from, to)`.
    holidays: Vec<(String, String, String)>,
    /// `(name, date)`.
    workdays: Vec<(String, String)>,
}

/// Most holiday ranges or make-up days one notice lists.
const NOTICE_ITEMS_MAX: usize = 40;

/// The keys of a year's schedule.
pub(crate) static YEAR: Schema = Schema {
    fields: &[
        ("year", Kind::Scalar),
        ("source", Kind::Scalar),
        (
            "holidays",
            Kind::Objects {
                schema: &RANGE,
                max: NOTICE_ITEMS_MAX,
            },
        ),
        (
            "workdays",
            Kind::Objects {
                schema: &WORKDAY,
                max: NOTICE_ITEMS_MAX,
            },
        ),
    ],
};
static RANGE: Schema = Schema {
    fields: &[
        ("name", Kind::Scalar),
        ("from", Kind::Scalar),
        ("to", Kind::Scalar),
    ],
};
static WORKDAY: Schema = Schema {
    fields: &[("name", Kind::Scalar), ("date", Kind::Scalar)],
};

impl YearFile {
    /// Read with the record reader: every key required, nothing unknown,
    /// each problem a finding whose path and English message make the error.
    fn read(text: &str) -> Result<YearFile, String> {
        let text = crate::input::prepare(text);
        let mut report = crate::Report::new();
        match crate::input::parse(&text, &YEAR, &mut report) {
            Some(got) => YearFile::read_got(&got, report),
            None => Err(first_error(&report)),
        }
    }

    /// Reads a schedule kept by the record reader with [`YEAR`]'s keys;
    /// `report` holds the reader's findings (keys given twice).
    fn read_got(got: &Got<'_>, mut report: crate::Report) -> Result<YearFile, String> {
        let file = Fields::open(got, Path::root(), &mut report).and_then(|fields| {
            let year = fields.integer("year", true, &mut report);
            let source = fields.text("source", true, &mut report);
            let mut holidays = Vec::new();
            for range in fields
                .objects("holidays", NOTICE_ITEMS_MAX, &mut report)
                .unwrap_or_default()
            {
                let name = range.text("name", true, &mut report);
                let from = range.text("from", true, &mut report);
                let to = range.text("to", true, &mut report);
                holidays.extend(name.zip(from).zip(to).map(|((n, f), t)| (n, f, t)));
            }
            let mut workdays = Vec::new();
            for day in fields
                .objects("workdays", NOTICE_ITEMS_MAX, &mut report)
                .unwrap_or_default()
            {
                let name = day.text("name", true, &mut report);
                let date = day.text("date", true, &mut report);
                workdays.extend(name.zip(date));
            }
            for key in ["holidays", "workdays"] {
                if fields.raw(key).is_none() {
                    report.add(Code::Required, fields.path(key));
                }
            }
            Some(YearFile {
                year: i32::try_from(year?).ok()?,
                source: source?,
                holidays,
                workdays,
            })
        });
        if !report.is_valid() {
            return Err(first_error(&report));
        }
        file.ok_or_else(|| "`year` is not a year".to_owned())
    }
}

/// The first finding of a report as an error text: its path and English message.
fn first_error(report: &crate::Report) -> String {
    let Some(first) = report
        .findings()
        .iter()
        .find(|f| f.severity == crate::Severity::Error)
    else {
        return "not readable".to_owned();
    };
    let message = crate::Messages::new().render(crate::Lang::En, first);
    match first.path.to_string().as_str() {
        "" => message,
        at => format!("{at}: {message}"),
    }
}

fn statutory_days() -> Dated<Festival> {
    Dated::new(statutory::days())
}

impl Calendar {
    /// Weekends only: no holidays, nothing provisional (for tests and
    /// districts that track days off elsewhere).
    pub fn weekends_only() -> Self {
        Calendar {
            holidays: Dated(Vec::new()),
            workdays: Dated(Vec::new()),
            published: Vec::new(),
            statutory: None,
        }
    }

    /// Mainland China: the built-in schedules (2025 and 2026) and the
    /// statutory holidays of the other years (see the module docs).
    pub fn china() -> Calendar {
        let mut calendar = Calendar {
            statutory: Some(statutory_days()),
            ..Calendar::weekends_only()
        };
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

    /// Adds one year's published schedule, replacing the year's schedule if
    /// one was loaded (a district's correction wins over the built-in one).
    ///
    /// The shape is that of `core/catalog/holidays/2026.json`:
    /// `{"year", "source", "holidays": [{"name", "from", "to"}], "workdays": [{"name", "date"}]}`,
    /// dates `YYYY-MM-DD` of that year. Refused ([`Error::HolidaysInvalid`])
    /// when it is not that shape, a range runs backwards or spans more than
    /// 15 days, a make-up day is not a weekend day or is also a holiday, or
    /// a statutory holiday of the year lies outside every range (the law
    /// fixes those days; a notice only adds to them).
    pub fn load_year(&mut self, json: &str) -> Result<(), Error> {
        let file = YearFile::read(json)
            .map_err(|e| Error::HolidaysInvalid(format!("not a year's schedule: {e}")))?;
        self.load(file)
    }

    /// [`Calendar::load_year`] for a schedule the record reader kept with
    /// [`YEAR`]'s keys (the `holidays` of the options).
    pub(crate) fn load_year_got(&mut self, got: &Got<'_>) -> Result<(), Error> {
        let file = YearFile::read_got(got, crate::Report::new())
            .map_err(|e| Error::HolidaysInvalid(format!("not a year's schedule: {e}")))?;
        self.load(file)
    }

    fn load(&mut self, file: YearFile) -> Result<(), Error> {
        let year = file.year;
        let invalid = |why: String| Error::HolidaysInvalid(format!("{year}: {why}"));
        if !(1949..=9999).contains(&year) {
            return Err(invalid("not a year of the People's Republic".into()));
        }
        if file.source.trim().is_empty() {
            return Err(invalid("`source` must name the notice".into()));
        }
        let date = |text: &str| {
            parse_date(text)
                .filter(|d| d.year() == year)
                .ok_or_else(|| invalid(format!("`{text}` is not a date of {year}")))
        };
        let mut holidays = Vec::new();
        for (name, from_text, to_text) in &file.holidays {
            let (from, to) = (date(from_text)?, date(to_text)?);
            if to < from || (to - from).num_days() >= RANGE_MAX_DAYS {
                return Err(invalid(format!(
                    "holiday {from_text}..{to_text} is not a short range"
                )));
            }
            let mut day = from;
            while day <= to {
                holidays.push((day, name.clone()));
                day = day + Days::new(1);
            }
        }
        let holidays = Dated::new(holidays);
        if let Some(pair) = holidays.0.windows(2).find(|pair| pair[0].0 == pair[1].0) {
            return Err(invalid(format!("two holiday ranges hold {}", pair[0].0)));
        }
        let mut workdays = Vec::new();
        for (name, date_text) in &file.workdays {
            let day = date(date_text)?;
            if !is_weekend(day) {
                return Err(invalid(format!(
                    "make-up working day {day} is not a weekend day"
                )));
            }
            if holidays.get(day).is_some() {
                return Err(invalid(format!(
                    "{day} is both a holiday and a working day"
                )));
            }
            workdays.push((day, name.clone()));
        }
        if self.statutory.is_none() {
            self.statutory = Some(statutory_days());
        }
        let statutory = self
            .statutory
            .as_ref()
            .map_or(&[][..], |days| days.year(year));
        for (day, festival) in statutory {
            if holidays.get(*day).is_none() {
                return Err(invalid(format!(
                    "the statutory holiday {} on {day} is in no holiday range",
                    festival.name_zh()
                )));
            }
        }
        self.holidays.replace_year(year, holidays);
        self.workdays.replace_year(year, Dated::new(workdays));
        match self.published.binary_search_by_key(&year, |(y, _)| *y) {
            Ok(at) => self.published[at].1 = file.source,
            Err(at) => self.published.insert(at, (year, file.source)),
        }
        Ok(())
    }

    /// The years with a published schedule.
    pub fn years(&self) -> impl Iterator<Item = i32> + '_ {
        self.published.iter().map(|(year, _)| *year)
    }

    /// The notice a year's schedule comes from, when published.
    pub fn source(&self, year: i32) -> Option<&str> {
        let at = self
            .published
            .binary_search_by_key(&year, |(y, _)| *y)
            .ok()?;
        Some(&self.published[at].1)
    }

    /// Whether answers about `year` are provisional: no published schedule
    /// (never for a calendar of weekends only).
    pub fn is_provisional(&self, year: i32) -> bool {
        self.statutory.is_some() && self.source(year).is_none()
    }

    /// Whether people work on this day.
    pub fn is_working_day(&self, day: NaiveDate) -> bool {
        self.day(day).working
    }

    /// The day with the reason it is worked or not.
    pub fn day(&self, date: NaiveDate) -> Day {
        let provisional = self.is_provisional(date.year());
        let named = |reason, working, name: &str| Day {
            date,
            working,
            reason,
            holiday: Festival::from_name(name),
            holiday_name: Some(name.to_owned()),
            provisional,
        };
        let plain = |reason, working| Day {
            date,
            working,
            reason,
            holiday: None,
            holiday_name: None,
            provisional,
        };
        if self.source(date.year()).is_some() {
            if let Some(name) = self.workdays.get(date) {
                return named(DayReason::MakeUpDay, true, name);
            }
            if let Some(name) = self.holidays.get(date) {
                return named(DayReason::Holiday, false, name);
            }
        } else if let Some(festival) = self.statutory.as_ref().and_then(|days| {
            days.get(date)
                .copied()
                .or_else(|| statutory::fixed_after_table(date))
        }) {
            return Day {
                holiday: Some(festival),
                ..named(DayReason::Holiday, false, festival.name_zh())
            };
        }
        if is_weekend(date) {
            plain(DayReason::Weekend, false)
        } else {
            plain(DayReason::Weekday, true)
        }
    }

    /// The `n`-th working day after `start` (the day of receipt does not count).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> NaiveDate {
        self.deadline_after(start, n).value
    }

    /// [`Calendar::add_working_days`] with the years it had to reckon
    /// without a published schedule.
    pub fn deadline_after(&self, start: NaiveDate, n: u32) -> Reckoned<NaiveDate> {
        let mut day = start;
        let mut left = n;
        while left > 0 {
            day = day + Days::new(1);
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        self.reckoned(day, start.succ_opt().unwrap_or(start), day)
    }

    /// The first working day on or after `day`.
    pub fn working_day_from(&self, day: NaiveDate) -> Reckoned<NaiveDate> {
        let mut found = day;
        while !self.is_working_day(found) {
            found = found + Days::new(1);
        }
        self.reckoned(found, day, found)
    }

    /// Working days after `from` up to and including `to` (0 when `to` ≤ `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        self.count_working_days(from, to).value
    }

    /// [`Calendar::working_days_between`] with the years it had to reckon
    /// without a published schedule.
    pub fn count_working_days(&self, from: NaiveDate, to: NaiveDate) -> Reckoned<u32> {
        let mut n = 0;
        let mut day = from;
        while day < to {
            day = day + Days::new(1);
            if self.is_working_day(day) {
                n += 1;
            }
        }
        match from.succ_opt().filter(|&first| first <= to) {
            Some(first) => self.reckoned(n, first, to),
            None => Reckoned {
                value: n,
                provisional_years: Vec::new(),
            },
        }
    }

    /// Whether `day` is a working day, with its year when it has no
    /// published schedule.
    pub fn check_working_day(&self, day: NaiveDate) -> Reckoned<bool> {
        self.reckoned(self.is_working_day(day), day, day)
    }

    fn reckoned<T>(&self, value: T, from: NaiveDate, to: NaiveDate) -> Reckoned<T> {
        Reckoned {
            value,
            provisional_years: (from.year()..=to.year())
                .filter(|&y| self.is_provisional(y))
                .collect(),
        }
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
        self.reckon(calendar, kind, received).value
    }

    /// [`DeadlinePolicy::deadline`], marked provisional where it had to be.
    pub fn reckon(
        &self,
        calendar: &Calendar,
        kind: DemandKind,
        received: NaiveDate,
    ) -> Reckoned<NaiveDate> {
        calendar.deadline_after(received, self.limit(kind))
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
        let help = policy.reckon(&c, DemandKind::Help, d("2026-11-25"));
        assert_eq!(help.value, d("2026-12-09"));
        assert!(!help.provisional());
        assert_eq!(c.working_days_between(d("2026-11-25"), d("2026-12-09")), 10);
        assert_eq!(
            Calendar::weekends_only().add_working_days(d("2026-10-01"), 2),
            d("2026-10-05")
        );
    }

    #[test]
    fn a_year_without_a_schedule_is_reckoned_from_the_law_and_marked() {
        let c = Calendar::china();
        let policy = DeadlinePolicy::default();
        // The field report: received 2026-12-30, two working days. 31 Dec is the
        // first; 1 Jan 2027 is New Year's Day, 2–3 Jan a weekend: Monday 4 Jan.
        let consultation = policy.reckon(&c, DemandKind::Consultation, d("2026-12-30"));
        assert_eq!(consultation.value, d("2027-01-04"));
        assert_eq!(consultation.provisional_years, [2027]);
        let finding = consultation.finding(Path::root().key("deadline")).unwrap();
        assert_eq!(finding.code, Code::CalendarProvisional);
        // Every statutory day of 2027 is off, with its festival.
        let day = c.day(d("2027-02-05"));
        assert_eq!(
            (day.working, day.reason, day.holiday, day.provisional),
            (
                false,
                DayReason::Holiday,
                Some(Festival::SpringFestival),
                true
            )
        );
        assert_eq!(c.day(d("2027-05-03")).reason, DayReason::Weekday);
        // A count reaching into 2027 is provisional; one inside 2026 is not.
        assert!(c
            .count_working_days(d("2026-12-01"), d("2027-01-05"))
            .provisional());
        assert!(!c
            .count_working_days(d("2026-12-01"), d("2026-12-31"))
            .provisional());
        assert!(!c
            .count_working_days(d("2026-12-31"), d("2026-12-31"))
            .provisional());
        // Weekends only is a choice, not a guess.
        assert!(!Calendar::weekends_only()
            .deadline_after(d("2026-12-30"), 2)
            .provisional());
    }

    #[test]
    fn days_say_why() {
        let c = Calendar::china();
        let day = c.day(d("2026-09-20"));
        assert_eq!(
            (day.working, day.reason, day.holiday),
            (true, DayReason::MakeUpDay, Some(Festival::NationalDay))
        );
        assert_eq!(day.holiday_name.as_deref(), Some("国庆节"));
        assert!(!day.provisional);
        assert_eq!(c.day(d("2026-11-28")).reason, DayReason::Weekend);
        assert_eq!(c.day(d("2026-11-27")).reason, DayReason::Weekday);
        // 2026-02-15 is 腊月二十八: in the published span, though not statutory.
        let eve_eve = c.day(d("2026-02-15"));
        assert_eq!(eve_eve.reason, DayReason::Holiday);
        assert_eq!(eve_eve.holiday, Some(Festival::SpringFestival));
    }

    const Y2027: &str = r#"{"year": 2027, "source": "a test notice",
        "holidays": [{"name": "元旦", "from": "2027-01-01", "to": "2027-01-03"},
                     {"name": "春节", "from": "2027-02-05", "to": "2027-02-12"},
                     {"name": "清明节", "from": "2027-04-05", "to": "2027-04-05"},
                     {"name": "劳动节", "from": "2027-05-01", "to": "2027-05-05"},
                     {"name": "端午节", "from": "2027-06-09", "to": "2027-06-09"},
                     {"name": "中秋节", "from": "2027-09-15", "to": "2027-09-15"},
                     {"name": "国庆节", "from": "2027-10-01", "to": "2027-10-07"}],
        "workdays": [{"name": "春节", "date": "2027-02-14"}]}"#;

    #[test]
    fn a_loaded_year_is_no_longer_provisional() {
        let mut c = Calendar::china();
        c.load_year(Y2027).unwrap();
        assert_eq!(c.years().collect::<Vec<_>>(), [2025, 2026, 2027]);
        assert_eq!(c.source(2027), Some("a test notice"));
        let day = c.day(d("2027-02-14"));
        assert_eq!(
            (day.working, day.reason, day.provisional),
            (true, DayReason::MakeUpDay, false)
        );
        assert!(
            !c.is_working_day(d("2027-02-11")),
            "the span, not just the law"
        );
        let reckoned = c.deadline_after(d("2026-12-30"), 2);
        assert_eq!(reckoned.value, d("2027-01-04"));
        assert!(!reckoned.provisional());
        // Loading the same year again replaces it.
        c.load_year(&Y2027.replace("2027-02-12", "2027-02-11"))
            .unwrap();
        assert!(c.is_working_day(d("2027-02-12")));
    }

    #[test]
    fn rejects_broken_year_files() {
        let mut c = Calendar::default();
        let bad_workday = Y2027.replace(r#""date": "2027-02-14""#, r#""date": "2027-01-04""#);
        let e = c.load_year(&bad_workday).unwrap_err().to_string();
        assert!(
            e.contains("not a weekend day"),
            "a Monday cannot be a make-up day: {e}"
        );
        let wrong_year = Y2027.replace(r#""from": "2027-01-01""#, r#""from": "2026-01-01""#);
        assert!(c.load_year(&wrong_year).is_err());
        let missing = Y2027.replace(r#""to": "2027-02-12""#, r#""to": "2027-02-06""#);
        let e = c.load_year(&missing).unwrap_err().to_string();
        assert!(e.contains("春节") && e.contains("2027-02-07"), "{e}");
        let no_source = Y2027.replace("a test notice", " ");
        assert!(c.load_year(&no_source).is_err());
        assert!(c.load_year("{").is_err());
        let twice = Y2027.replace(r#""year": 2027,"#, r#""year": 2027, "year": 2028,"#);
        assert!(c
            .load_year(&twice)
            .unwrap_err()
            .to_string()
            .contains("twice"));
        let unknown = Y2027.replace(r#""name": "元旦","#, r#""name": "元旦", "note": 1,"#);
        let e = c.load_year(&unknown).unwrap_err().to_string();
        assert!(e.contains("holidays[0].note"), "{e}");
        assert!(c.load_year(r#"{"year": 2027}"#).is_err());
        assert_eq!(c.years().count(), 0, "nothing of a refused file is kept");
    }

    #[test]
    fn the_built_in_notices_keep_the_law() {
        // Each published year holds every statutory day of the generated table,
        // which cross-checks the table against the notices.
        for text in [
            include_str!("../../catalog/holidays/2025.json"),
            include_str!("../../catalog/holidays/2026.json"),
        ] {
            Calendar::weekends_only().load_year(text).unwrap();
        }
    }
}
