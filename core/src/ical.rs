//! The activity calendar as iCalendar (RFC 5545), written with the
//! `icalendar` crate (feature `ical`).
//!
//! One `VEVENT` per activity: `UID` (the activity id at the district's
//! domain), `DTSTAMP` (the export's time, an argument: the core reads no
//! clock), `DTSTART`/`DTEND` in UTC, `SUMMARY` (the title), `LOCATION` (the
//! centre and room, or the address), `CATEGORIES` and `DESCRIPTION` (kind,
//! series, chains, in the language asked for), and `STATUS` (`CANCELLED`
//! for a cancelled activity, `CONFIRMED` otherwise). Nothing personal is
//! written: no recorder, lecturer, enterprise, attendance or financing.

use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus, Property};

use crate::catalog::Names;
use crate::centre::Centre;
use crate::findings::Lang;
use crate::outreach::{Activity, ActivityStatus};
use crate::Catalog;

/// The calendar of `activities`, places named from `centres` and kinds,
/// series and chains from `catalog`, in `lang`; `stamp` is the export's
/// time (`DTSTAMP`). Lines end in CRLF and are folded at 75 octets, as RFC
/// 5545 writes them.
pub fn activity_calendar(
    activities: &[Activity],
    centres: &[Centre],
    catalog: &Catalog,
    stamp: DateTime<Utc>,
    lang: Lang,
) -> String {
    let name = |names: &Names| names.get(lang).to_owned();
    let mut calendar = Calendar::empty();
    calendar.append_property(Property::new("VERSION", "2.0"));
    calendar.append_property(Property::new(
        "PRODID",
        "-//lianjian//activity calendar//ZH",
    ));
    calendar.append_property(Property::new("CALSCALE", "GREGORIAN"));
    let title = match lang {
        Lang::ZhCn => format!("{}党群活动", name(&catalog.district.name)),
        Lang::En => format!("{} activities", name(&catalog.district.name)),
    };
    calendar.name(&title);
    for activity in activities {
        let mut event = Event::new();
        event
            .uid(&format!(
                "{}@{}.lianjian.invalid",
                activity.id, catalog.district.code
            ))
            .timestamp(stamp)
            .starts(activity.starts_at.with_timezone(&Utc))
            .ends(activity.ends_at.with_timezone(&Utc))
            .summary(&activity.title)
            .status(match activity.status {
                ActivityStatus::Cancelled => EventStatus::Cancelled,
                _ => EventStatus::Confirmed,
            });
        if let Some(place) = place(activity, centres) {
            event.location(&place);
        }
        let kind = catalog
            .activity_kinds()
            .find(|k| k.id == activity.kind)
            .map(|k| name(&k.name));
        let series = activity
            .series
            .as_deref()
            .and_then(|s| catalog.activity_series().find(|e| e.id == s))
            .map(|s| name(&s.name));
        let chains: Vec<String> = activity
            .chains
            .iter()
            .filter_map(|c| catalog.chain(c))
            .map(|c| name(&c.name))
            .collect();
        let categories: Vec<&str> = kind.iter().chain(&series).map(String::as_str).collect();
        if !categories.is_empty() {
            event.add_property("CATEGORIES", categories.join(","));
        }
        let separator = match lang {
            Lang::ZhCn => "；",
            Lang::En => "; ",
        };
        let description: Vec<String> = categories
            .iter()
            .map(|c| (*c).to_owned())
            .chain(
                (!chains.is_empty())
                    .then(|| chains.join(if lang == Lang::En { ", " } else { "、" })),
            )
            .collect();
        if !description.is_empty() {
            event.description(&description.join(separator));
        }
        calendar.push(event.done());
    }
    calendar.done().to_string()
}

/// The centre and room (`盐田综合保税区党群服务中心（司机之家） 培训室`), or
/// the address.
fn place(activity: &Activity, centres: &[Centre]) -> Option<String> {
    let venue = &activity.venue;
    if let Some(address) = &venue.address {
        return Some(address.clone());
    }
    let centre = centres
        .iter()
        .find(|c| Some(&c.id) == venue.centre.as_ref())?;
    let room = venue.room.as_deref().and_then(|r| centre.room(r));
    Some(match room {
        Some(room) => format!("{} {}", centre.name, room.name),
        None => centre.name.clone(),
    })
}
