//! The centre and usage records of `docs/wire/pairings.md`, normalised.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of place a centre is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CentreKind {
    /// 区级党群服务中心.
    District,
    /// 街道党群服务中心.
    Street,
    /// 社区党群服务中心.
    Community,
    /// 园区党群服务中心.
    Park,
    /// 行业（产业链）党群服务中心.
    Industry,
    /// 司机之家: the five free basic services are expected.
    DriverHome,
    /// 企业党群活动室.
    EnterpriseRoom,
}

impl CentreKind {
    /// Every kind with its wire name, in wire order.
    pub const ALL: [(&'static str, CentreKind); 7] = [
        ("district", CentreKind::District),
        ("street", CentreKind::Street),
        ("community", CentreKind::Community),
        ("park", CentreKind::Park),
        ("industry", CentreKind::Industry),
        ("driver_home", CentreKind::DriverHome),
        ("enterprise_room", CentreKind::EnterpriseRoom),
    ];
}

/// A time of day to the minute, written `HH:MM` (00:00–23:59).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay(u16);

impl TimeOfDay {
    /// 00:00.
    pub const MIDNIGHT: TimeOfDay = TimeOfDay(0);
    /// 23:59, which closes a day open around the clock (HSDS has no 24:00).
    pub const LAST_MINUTE: TimeOfDay = TimeOfDay(23 * 60 + 59);

    /// Reads exactly `HH:MM` (two digits each, hours 00–23, minutes 00–59).
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let bytes = text.as_bytes();
        if bytes.len() != 5 || bytes[2] != b':' {
            return None;
        }
        let two = |at: usize| -> Option<u16> {
            let (a, b) = (bytes[at], bytes[at + 1]);
            (a.is_ascii_digit() && b.is_ascii_digit())
                .then(|| u16::from(a - b'0') * 10 + u16::from(b - b'0'))
        };
        let (hours, minutes) = (two(0)?, two(3)?);
        (hours < 24 && minutes < 60).then_some(TimeOfDay(hours * 60 + minutes))
    }

    /// A time from hours and minutes, if they are a time of day.
    pub fn from_hm(hours: u32, minutes: u32) -> Option<TimeOfDay> {
        (hours < 24 && minutes < 60).then(|| TimeOfDay((hours * 60 + minutes) as u16))
    }

    /// Minutes since midnight.
    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }
}

impl std::fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        TimeOfDay::parse(&text).ok_or_else(|| serde::de::Error::custom("expected HH:MM"))
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for TimeOfDay {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TimeOfDay".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "string", "description": "HH:MM" })
    }
}

/// The days of the week in RFC 5545 `BYDAY` form, as HSDS writes them.
pub const WEEKDAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// One line of a centre's opening schedule, in Open Referral HSDS's schedule
/// fields: on the days `byday`, from `opens_at` to `closes_at` (China time).
/// `00:00`–`23:59` means open around the clock.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Opening {
    /// Comma-separated days (`MO,TU,WE,TH,FR`), each once, in week order.
    pub byday: String,
    /// Opening time.
    pub opens_at: TimeOfDay,
    /// Closing time, after `opens_at`.
    pub closes_at: TimeOfDay,
}

impl Opening {
    /// Whether the schedule line covers this day (0 = Monday).
    pub fn on_day(&self, monday_based: usize) -> bool {
        WEEKDAYS
            .get(monday_based)
            .is_some_and(|day| self.byday.split(',').any(|d| d == *day))
    }

    /// Whether it is the whole day (`00:00`–`23:59`).
    pub fn all_day(&self) -> bool {
        self.opens_at == TimeOfDay::MIDNIGHT && self.closes_at == TimeOfDay::LAST_MINUTE
    }
}

/// A service a centre offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct CentreService {
    /// An id of the service catalog (`legal_consultation`).
    pub id: String,
    /// The organization providing it there, when not the operator (a trade
    /// union, the women's federation, a department).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider: Option<String>,
}

/// A room of a centre, for activities and bookings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Room {
    /// Unique within the centre.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Seats (people), at least 1.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NumberOrString"))]
    pub capacity: u32,
}

/// A valid centre (it may still carry warnings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Centre {
    /// Stable id.
    pub id: String,
    /// Name (`盐田综合保税区党群服务中心（司机之家）`).
    pub name: String,
    /// Kind.
    pub kind: CentreKind,
    /// Chain ids it serves (may be empty: every chain).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub chains: Vec<String>,
    /// The unit running it.
    pub operator: String,
    /// Street address.
    pub address: String,
    /// Floor area in square metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub area_m2: Option<f64>,
    /// Partner organizations (trade union, women's federation, youth league…).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub partners: Vec<String>,
    /// Services offered, ids of the service catalog, each once.
    pub services: Vec<CentreService>,
    /// When it is open; empty when no hours are published.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Opening>>"))]
    pub schedule: Vec<Opening>,
    /// Rooms that activities book.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Room>>"))]
    pub rooms: Vec<Room>,
    /// When it opened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub opened_on: Option<NaiveDate>,
}

impl Centre {
    /// The room with this id.
    pub fn room(&self, id: &str) -> Option<&Room> {
        self.rooms.iter().find(|r| r.id == id)
    }

    /// Whether it offers the service with this id.
    pub fn offers(&self, service: &str) -> bool {
        self.services.iter().any(|s| s.id == service)
    }

    /// Open around the clock every day of the week (the directory's
    /// "24 小时" mark).
    pub fn open_all_day(&self) -> bool {
        (0..7).all(|day| self.schedule.iter().any(|o| o.on_day(day) && o.all_day()))
    }

    /// Whether the centre is open for the whole of `[from, to)` minutes of a
    /// day (0 = Monday), by one line of its schedule. A centre without a
    /// schedule has no published hours: nothing is outside them.
    pub fn open_between(&self, day: usize, from: u32, to: u32) -> bool {
        self.schedule.is_empty()
            || self.schedule.iter().any(|o| {
                o.on_day(day)
                    && o.opens_at.minutes() <= from
                    && (to <= o.closes_at.minutes() || o.closes_at == TimeOfDay::LAST_MINUTE)
            })
    }
}

/// A day's count of one service at one centre: counts only, never names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Usage {
    /// The centre's id.
    pub centre: String,
    /// The day counted.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub on: NaiveDate,
    /// An id of the service catalog.
    pub service: String,
    /// People served that day (人次).
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NumberOrString"))]
    pub visits: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_of_day_read_and_write_hh_mm() {
        assert_eq!(TimeOfDay::parse("08:30").map(|t| t.minutes()), Some(510));
        assert_eq!(TimeOfDay::parse("23:59"), Some(TimeOfDay::LAST_MINUTE));
        assert_eq!(TimeOfDay::parse("08:30").unwrap().to_string(), "08:30");
        for bad in [
            "24:00",
            "8:30",
            "08:60",
            "08.30",
            "0830",
            "",
            "０８:30",
            "08:3x",
        ] {
            assert_eq!(TimeOfDay::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_centre_open_around_the_clock_every_day_is_marked() {
        let mut centre = Centre {
            id: "c".into(),
            name: "n".into(),
            kind: CentreKind::DriverHome,
            chains: vec![],
            operator: "o".into(),
            address: "a".into(),
            area_m2: None,
            partners: vec![],
            services: vec![],
            schedule: vec![Opening {
                byday: WEEKDAYS.join(","),
                opens_at: TimeOfDay::MIDNIGHT,
                closes_at: TimeOfDay::LAST_MINUTE,
            }],
            rooms: vec![],
            opened_on: None,
        };
        assert!(centre.open_all_day());
        assert!(centre.open_between(6, 23 * 60, 24 * 60));
        centre.schedule[0].byday = "MO,TU,WE,TH,FR".into();
        assert!(!centre.open_all_day());
        assert!(!centre.open_between(5, 600, 660));
        centre.schedule[0].opens_at = TimeOfDay::parse("09:00").unwrap();
        centre.schedule[0].closes_at = TimeOfDay::parse("17:30").unwrap();
        assert!(centre.open_between(0, 540, 1050));
        assert!(!centre.open_between(0, 530, 600));
        assert!(!centre.open_between(0, 1000, 1060));
    }
}
