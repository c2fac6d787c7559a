//! Checking a centre record and a usage count: every field, the service
//! catalog, the schedule, the rooms, and the basic services of a drivers'
//! home.

use super::record::{Centre, CentreKind, CentreService, Opening, Room, TimeOfDay, Usage, WEEKDAYS};
use super::services::ServiceCatalog;
use crate::enrollment::{check_json, check_object, Checked};
use crate::findings::{Code, Finding, Path, Report};
use crate::input::{self, Fields, Got, Kind, Schema};
use crate::Context;

/// The keys of the centre record, in the order of its form.
pub(crate) static TOP: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("name", Kind::Scalar),
        ("kind", Kind::Scalar),
        ("chains", Kind::Scalars { max: CHAINS_MAX }),
        ("operator", Kind::Scalar),
        ("address", Kind::Scalar),
        ("area_m2", Kind::Scalar),
        ("partners", Kind::Scalars { max: PARTNERS_MAX }),
        (
            "services",
            Kind::Objects {
                schema: &SERVICE,
                max: SERVICES_MAX,
            },
        ),
        (
            "schedule",
            Kind::Objects {
                schema: &OPENING,
                max: SCHEDULE_MAX,
            },
        ),
        (
            "rooms",
            Kind::Objects {
                schema: &ROOM,
                max: ROOMS_MAX,
            },
        ),
        ("opened_on", Kind::Scalar),
    ],
};
static SERVICE: Schema = Schema {
    fields: &[("id", Kind::Scalar), ("provider", Kind::Scalar)],
};
static OPENING: Schema = Schema {
    fields: &[
        ("byday", Kind::Scalar),
        ("opens_at", Kind::Scalar),
        ("closes_at", Kind::Scalar),
    ],
};
static ROOM: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("name", Kind::Scalar),
        ("capacity", Kind::Scalar),
    ],
};
/// The keys of a usage count.
pub(crate) static USAGE: Schema = Schema {
    fields: &[
        ("centre", Kind::Scalar),
        ("on", Kind::Scalar),
        ("service", Kind::Scalar),
        ("visits", Kind::Scalar),
    ],
};

/// Chains a centre may serve.
pub const CHAINS_MAX: usize = 20;
/// Partner organizations a centre may list.
pub const PARTNERS_MAX: usize = 50;
/// Services a centre may list.
pub const SERVICES_MAX: usize = 50;
/// Lines of a schedule.
pub const SCHEDULE_MAX: usize = 21;
/// Rooms of a centre.
pub const ROOMS_MAX: usize = 200;
/// Characters of an id (centre, room, pairing, plan item, outcome).
pub const ID_LENGTH: (u64, u64) = (1, 64);
/// Characters of a name (centre, operator, partner, provider).
pub const NAME_LENGTH: (u64, u64) = (2, 100);
/// Characters of a room's name.
pub const ROOM_NAME_LENGTH: (u64, u64) = (1, 50);
/// Characters of an address.
pub const ADDRESS_LENGTH: (u64, u64) = (2, 200);
/// Seats of a room.
pub const ROOM_CAPACITY: (i64, i64) = (1, 10_000);
/// Floor area in square metres.
pub const AREA_M2: (f64, f64) = (1.0, 1_000_000.0);
/// People one service counts in a day at one centre.
pub const DAILY_VISITS: (i64, i64) = (0, 100_000);

/// Checks a centre given as JSON text.
pub fn check_centre_json(json: &str, context: &Context<'_>) -> Checked<Centre> {
    check_json(json, &TOP, |got| check_centre_got(got, context))
}

pub(crate) fn check_centre_got(value: &Got<'_>, context: &Context<'_>) -> Checked<Centre> {
    check_object(value, &TOP, |fields, report| {
        read_centre(fields, context, report)
    })
}

fn read_centre(f: &Fields<'_>, context: &Context<'_>, report: &mut Report) -> Option<Centre> {
    let catalog = ServiceCatalog::builtin();
    let id = f.text_within("id", true, false, ID_LENGTH, report);
    let name = f.text_within("name", true, false, NAME_LENGTH, report);
    let kind = f.choice("kind", &CentreKind::ALL, true, report);
    let chains = f
        .text_list("chains", false, CHAINS_MAX, report)
        .map(|chains| {
            let path = |i: usize| f.path("chains").index(i);
            let mut known = Vec::with_capacity(chains.len());
            for (i, chain) in chains.into_iter().enumerate() {
                if context.catalog.chain(&chain).is_some() {
                    known.push(chain);
                } else {
                    report.add(Code::UnknownChain, path(i));
                }
            }
            known
        });
    let operator = f.text_within("operator", true, false, NAME_LENGTH, report);
    let address = f.text_within("address", true, false, ADDRESS_LENGTH, report);
    let area_m2 = f.number("area_m2", false, report).filter(|area| {
        let fits = (AREA_M2.0..=AREA_M2.1).contains(area);
        if !fits {
            report.push(
                Finding::new(Code::OutOfRange, f.path("area_m2"))
                    .with("min", AREA_M2.0 as i64)
                    .with("max", AREA_M2.1 as i64),
            );
        }
        fits
    });
    let partners = f
        .text_list("partners", false, PARTNERS_MAX, report)
        .map(|partners| {
            let mut kept = Vec::with_capacity(partners.len());
            for (i, partner) in partners.into_iter().enumerate() {
                if input::limits::length(&partner, NAME_LENGTH, f.path("partners").index(i), report)
                {
                    kept.push(partner);
                }
            }
            kept
        });
    let services = services(f, catalog, report);
    if let (Some(CentreKind::DriverHome), Some(services)) = (kind, &services) {
        let missing: Vec<String> = catalog
            .driver_home_basic
            .iter()
            .filter(|basic| !services.iter().any(|s| &s.id == *basic))
            .cloned()
            .collect();
        if !missing.is_empty() {
            report.push(
                Finding::new(Code::DriverHomeMissingService, f.path("services"))
                    .with("missing", missing),
            );
        }
    }
    let schedule = f.objects("schedule", SCHEDULE_MAX, report).map(|lines| {
        lines
            .iter()
            .map(|line| opening(line, report))
            .collect::<Vec<_>>()
    });
    let rooms = f.objects("rooms", ROOMS_MAX, report).map(|items| {
        let mut first: Vec<(String, usize)> = Vec::new();
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let room = Room {
                    id: item.text_within("id", true, false, ID_LENGTH, report)?,
                    name: item.text_within("name", true, false, ROOM_NAME_LENGTH, report)?,
                    capacity: item.count_within("capacity", true, ROOM_CAPACITY, report)?,
                };
                if let Some((_, at)) = first.iter().find(|(id, _)| *id == room.id) {
                    report.push(
                        Finding::new(Code::DuplicateId, item.path("id")).with("first", at + 1),
                    );
                    return None;
                }
                first.push((room.id.clone(), i));
                Some(room)
            })
            .collect::<Vec<_>>()
    });
    let opened_on = f.date("opened_on", false, report);
    Some(Centre {
        id: id?,
        name: name?,
        kind: kind?,
        chains: chains.unwrap_or_default(),
        operator: operator?,
        address: address?,
        area_m2,
        partners: partners.unwrap_or_default(),
        services: services?,
        schedule: all(schedule)?,
        rooms: all(rooms)?,
        opened_on,
    })
}

/// Every item, or `None` when one of them was refused (its finding is in
/// the report); an absent list is empty.
fn all<T>(items: Option<Vec<Option<T>>>) -> Option<Vec<T>> {
    items.unwrap_or_default().into_iter().collect()
}

fn services(
    f: &Fields<'_>,
    catalog: &ServiceCatalog,
    report: &mut Report,
) -> Option<Vec<CentreService>> {
    let Some(items) = f.objects("services", SERVICES_MAX, report) else {
        if f.raw("services").is_none() {
            report.add(Code::Required, f.path("services"));
        }
        return None;
    };
    if items.is_empty() && !report.has_errors_at(&f.path("services")) {
        report.push(Finding::new(Code::TooFewItems, f.path("services")).with("min", 1_i64));
        return None;
    }
    let mut first: Vec<(String, usize)> = Vec::new();
    let mut out = Vec::with_capacity(items.len());
    let mut complete = true;
    for (i, item) in items.iter().enumerate() {
        let id = item.text("id", true, report);
        let provider = item.text_within("provider", false, false, NAME_LENGTH, report);
        let Some(id) = id else {
            complete = false;
            continue;
        };
        if catalog.service(&id).is_none() {
            report.push(
                Finding::new(Code::InvalidOption, item.path("id")).with("allowed", catalog.ids()),
            );
            complete = false;
            continue;
        }
        if let Some((_, at)) = first.iter().find(|(seen, _)| *seen == id) {
            report.push(Finding::new(Code::DuplicateValue, item.path("id")).with("first", at + 1));
            continue;
        }
        first.push((id.clone(), i));
        out.push(CentreService { id, provider });
    }
    complete.then_some(out)
}

fn opening(line: &Fields<'_>, report: &mut Report) -> Option<Opening> {
    let byday = line.text("byday", true, report).and_then(|text| {
        let mut days: Vec<usize> = Vec::new();
        let mut ok = true;
        for token in text.split(',').map(str::trim) {
            match WEEKDAYS.iter().position(|d| *d == token) {
                Some(day) => match days.iter().position(|&seen| seen == day) {
                    Some(at) => report.push(
                        Finding::new(Code::DuplicateValue, line.path("byday"))
                            .with("first", at + 1),
                    ),
                    None => days.push(day),
                },
                None if ok => {
                    let allowed: Vec<String> = WEEKDAYS.iter().map(|d| (*d).to_owned()).collect();
                    report.push(
                        Finding::new(Code::InvalidOption, line.path("byday"))
                            .with("allowed", allowed),
                    );
                    ok = false;
                }
                None => {}
            }
        }
        days.sort_unstable();
        ok.then(|| {
            days.iter()
                .map(|&d| WEEKDAYS[d])
                .collect::<Vec<_>>()
                .join(",")
        })
    });
    let time = |key: &'static str, report: &mut Report| {
        let text = line.text(key, true, report)?;
        let time = TimeOfDay::parse(&text);
        if time.is_none() {
            report.add(Code::TimeInvalid, line.path(key));
        }
        time
    };
    let opens_at = time("opens_at", report);
    let closes_at = time("closes_at", report);
    if let (Some(opens), Some(closes)) = (opens_at, closes_at) {
        if closes <= opens {
            report.push(
                Finding::new(Code::ScheduleClosesBeforeOpens, line.at().clone())
                    .with("opens_at", opens.to_string())
                    .with("closes_at", closes.to_string()),
            );
            return None;
        }
    }
    Some(Opening {
        byday: byday?,
        opens_at: opens_at?,
        closes_at: closes_at?,
    })
}

/// The rules against the centres on earlier lines (`(label, centre)`): an
/// id used already (`duplicate_id`, `earlier`: its label).
pub fn centre_against_earlier(centre: &Centre, earlier: &[(String, Centre)], report: &mut Report) {
    if let Some((label, _)) = earlier.iter().find(|(_, other)| other.id == centre.id) {
        report.push(
            Finding::new(Code::DuplicateId, Path::root().key("id")).with("earlier", label.as_str()),
        );
    }
}

/// What a usage count is checked against besides the record.
#[derive(Debug, Clone, Copy, Default)]
pub struct UsageContext<'a> {
    /// The district's centres, when known: a count names one of them, and
    /// a service it offers.
    pub centres: Option<&'a [Centre]>,
}

/// Checks one usage count (`{centre, on, service, visits}`) given as JSON text.
pub fn check_usage_json(
    json: &str,
    context: &Context<'_>,
    around: &UsageContext<'_>,
) -> Checked<Usage> {
    check_json(json, &USAGE, |got| {
        check_object(got, &USAGE, |fields, report| {
            read_usage(fields, context, around, report)
        })
    })
}

fn read_usage(
    f: &Fields<'_>,
    context: &Context<'_>,
    around: &UsageContext<'_>,
    report: &mut Report,
) -> Option<Usage> {
    let catalog = ServiceCatalog::builtin();
    let centre_id = f.text_within("centre", true, false, ID_LENGTH, report);
    let on = f.date("on", true, report).filter(|on| {
        let past = *on <= context.today;
        if !past {
            report.push(
                Finding::new(Code::DateInFuture, f.path("on"))
                    .with("today", context.today.to_string()),
            );
        }
        past
    });
    let service = f.text("service", true, report).filter(|id| {
        let known = catalog.service(id).is_some();
        if !known {
            report.push(
                Finding::new(Code::InvalidOption, f.path("service")).with("allowed", catalog.ids()),
            );
        }
        known
    });
    let visits = f.count_within("visits", true, DAILY_VISITS, report);
    if let (Some(centres), Some(id)) = (around.centres, &centre_id) {
        match centres.iter().find(|c| &c.id == id) {
            None => report.add(Code::UnknownCentre, f.path("centre")),
            Some(centre) => {
                if service.as_deref().is_some_and(|s| !centre.offers(s)) {
                    report.add(Code::ServiceNotOffered, f.path("service"));
                }
            }
        }
    }
    Some(Usage {
        centre: centre_id?,
        on: on?,
        service: service?,
        visits: visits?,
    })
}
