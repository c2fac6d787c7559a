//! The public exports of a district folder: the centres as Open Referral
//! HSDS 3.0 objects and the activity calendar as iCalendar (RFC 5545).
//! Neither carries personal data: see [`crate::centre::hsds`] and
//! [`crate::ical`] for what each writes.

use super::headline::load;
use super::Options;
use crate::centre::hsds::{export, Hsds};
use crate::folder::Folder;
use crate::Report;

/// The valid centres of `folder` (`centres.jsonl`) as HSDS 3.0 objects,
/// names in the options' language; rows that fail their checks are left out.
/// `Err` with a `date_invalid` finding at `today` when the options carry no
/// usable date.
pub fn centres_hsds(folder: &Folder<'_>, options: &Options) -> Result<Hsds, Report> {
    let loaded = load(folder, None, options)?;
    let centres: Vec<_> = loaded.centres.into_iter().map(|row| row.record).collect();
    Ok(export(&centres, options.lang()))
}

/// The valid activities of `folder` (`activities.jsonl`) as one iCalendar
/// text, places named from its valid centres, kinds, series and chains from
/// the options' catalog in the options' language; `stamp` is the export's
/// time (`DTSTAMP`: the core reads no clock). `Err` as [`centres_hsds`].
#[cfg(feature = "ical")]
pub fn activity_calendar(
    folder: &Folder<'_>,
    stamp: chrono::DateTime<chrono::Utc>,
    options: &Options,
) -> Result<String, Report> {
    let loaded = load(folder, None, options)?;
    let centres: Vec<_> = loaded.centres.into_iter().map(|row| row.record).collect();
    let activities: Vec<_> = loaded
        .activities
        .into_iter()
        .map(|row| row.record)
        .collect();
    Ok(crate::ical::activity_calendar(
        &activities,
        &centres,
        options.catalog(),
        stamp,
        options.lang(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CENTRES: &str = concat!(
        r#"{"id": "c-1", "name": "示例党群服务中心", "kind": "community", "chains": ["port_logistics"], "operator": "示例", "address": "深圳市盐田区示例路1号", "area_m2": 100, "partners": [], "services": [{"id": "legal_consultation"}], "schedule": [{"byday": "MO,TU,WE,TH,FR", "opens_at": "09:00", "closes_at": "18:00"}], "rooms": [{"id": "r-1", "name": "会议室", "capacity": 20}], "opened_on": "2025-01-01"}"#,
        "\n",
        r#"{"id": "c-2", "name": "坏中心", "kind": "castle"}"#,
        "\n"
    );

    #[test]
    fn only_valid_centres_are_exported_and_a_missing_date_is_a_finding() {
        let folder = Folder {
            centres: Some(CENTRES),
            ..Folder::default()
        };
        let options = Options {
            today: Some("2026-06-01".into()),
            ..Options::default()
        };
        let hsds = centres_hsds(&folder, &options).unwrap();
        assert_eq!(hsds.locations.len(), 1);
        assert_eq!(hsds.locations[0].id, "location-c-1");
        let refused = centres_hsds(&folder, &Options::default()).unwrap_err();
        assert_eq!(refused.findings()[0].code, crate::Code::DateInvalid);
    }
}
