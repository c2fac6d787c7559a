//! The activity (活动, one 场): one dated occurrence in one place, of a kind
//! and maybe a series of the catalog, with its attendance, lecturers,
//! training hours, the demands it raised and answered, its record, and the
//! financing lines or initiative it produced.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use validator::Validate;

use super::common::{self, ends_before_start, id_used_earlier};
use super::financing::{read_financing, read_initiative, FINANCING, INITIATIVE};
use super::{Financing, Initiative, OutreachContext};
use crate::demand::validate::{attachments, ATTACHMENT};
use crate::demand::{Attachment, AttachmentDraft};
use crate::enrollment::{check_json, check_object, Checked};
use crate::findings::{Code, Finding, Param, Path, Report};
use crate::input::{Fields, Got, Kind, Schema};

/// The limits of the activity's fields.
pub mod limits {
    /// Characters of a title, a unit, a scheme, a centre or room name.
    pub const NAME_LENGTH: (u64, u64) = (2, 100);
    /// Characters of a room's name.
    pub const ROOM_LENGTH: (u64, u64) = (1, 100);
    /// Characters of an address.
    pub const ADDRESS_LENGTH: (u64, u64) = (2, 200);
    /// Characters of a record's summary.
    pub const SUMMARY_LENGTH: (u64, u64) = (1, 5000);
    /// Chains an activity names at most.
    pub const CHAINS_MAX: usize = 10;
    /// Organizers at most.
    pub const ORGANIZERS_MAX: usize = 20;
    /// Audience and topic ids at most, each.
    pub const IDS_MAX: usize = 20;
    /// Enterprises present at most.
    pub const ENTERPRISES_MAX: usize = 1000;
    /// Lecturers at most.
    pub const LECTURERS_MAX: usize = 50;
    /// Demand ids raised or answered at most, each.
    pub const DEMAND_IDS_MAX: usize = 1000;
    /// Photos of a record at most.
    pub const PHOTOS_MAX: usize = 50;
    /// People: capacity, expected, attended, Party members present.
    pub const PEOPLE: (i64, i64) = (0, 100_000);
    /// Training hours (学时).
    pub const HOURS: (f64, f64) = (0.0, 1000.0);
    /// Banks of a financing at most.
    pub const BANKS_MAX: usize = 50;
    /// Financing lines at most.
    pub const LINES_MAX: usize = 1000;
    /// An amount of a financing line, 万元.
    pub const AMOUNT_WAN: (f64, f64) = (0.0, 100_000_000.0);
    /// Areas of an initiative at most.
    pub const AREAS_MAX: usize = 20;
    /// Signatories of an initiative at most.
    pub const SIGNATORIES_MAX: usize = 1000;
}

pub use limits as ACTIVITY_LIMITS;
use limits::*;

/// The keys of the activity record, in the order of the form.
pub(crate) static TOP: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("series", Kind::Scalar),
        ("kind", Kind::Scalar),
        ("title", Kind::Scalar),
        ("chains", Kind::Scalars { max: CHAINS_MAX }),
        (
            "organizers",
            Kind::Objects {
                schema: &ORGANIZER,
                max: ORGANIZERS_MAX,
            },
        ),
        ("pairing", Kind::Scalar),
        ("venue", Kind::Object(&VENUE)),
        ("starts_at", Kind::Scalar),
        ("ends_at", Kind::Scalar),
        ("status", Kind::Scalar),
        ("audience", Kind::Scalars { max: IDS_MAX }),
        ("topics", Kind::Scalars { max: IDS_MAX }),
        ("capacity", Kind::Scalar),
        ("expected", Kind::Scalar),
        ("attended", Kind::Scalar),
        ("attended_party_members", Kind::Object(&PARTY_MEMBERS)),
        (
            "enterprises_present",
            Kind::Scalars {
                max: ENTERPRISES_MAX,
            },
        ),
        (
            "lecturers",
            Kind::Objects {
                schema: &LECTURER,
                max: LECTURERS_MAX,
            },
        ),
        ("hours", Kind::Scalar),
        (
            "raised_demands",
            Kind::Scalars {
                max: DEMAND_IDS_MAX,
            },
        ),
        (
            "responds_to",
            Kind::Scalars {
                max: DEMAND_IDS_MAX,
            },
        ),
        ("record", Kind::Object(&RECORD)),
        ("financing", Kind::Object(&FINANCING)),
        ("initiative", Kind::Object(&INITIATIVE)),
    ],
};
static ORGANIZER: Schema = Schema {
    fields: &[("kind", Kind::Scalar), ("id", Kind::Scalar)],
};
static VENUE: Schema = Schema {
    fields: &[
        ("centre", Kind::Scalar),
        ("room", Kind::Scalar),
        ("address", Kind::Scalar),
    ],
};
static PARTY_MEMBERS: Schema = Schema {
    fields: &[("full", Kind::Scalar), ("probationary", Kind::Scalar)],
};
static LECTURER: Schema = Schema {
    fields: &[("role", Kind::Scalar), ("unit", Kind::Scalar)],
};
static RECORD: Schema = Schema {
    fields: &[
        ("recorder", Kind::Scalar),
        ("recorded_at", Kind::Scalar),
        ("summary", Kind::Scalar),
        (
            "photos",
            Kind::Objects {
                schema: &ATTACHMENT,
                max: PHOTOS_MAX,
            },
        ),
    ],
};

/// Where an activity stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActivityStatus {
    /// Announced, not yet held.
    Planned,
    /// Held (举办): it started on or before today.
    Held,
    /// Held and recorded in the ledger (`record` given).
    Recorded,
    /// Called off.
    Cancelled,
}

impl ActivityStatus {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planned",
            ActivityStatus::Held => "held",
            ActivityStatus::Recorded => "recorded",
            ActivityStatus::Cancelled => "cancelled",
        }
    }

    /// Whether it took place (`held` or `recorded`): what "200余场" counts.
    pub const fn took_place(self) -> bool {
        matches!(self, ActivityStatus::Held | ActivityStatus::Recorded)
    }
}

pub(super) const STATUSES: &[(&str, ActivityStatus)] = &[
    ("planned", ActivityStatus::Planned),
    ("held", ActivityStatus::Held),
    ("recorded", ActivityStatus::Recorded),
    ("cancelled", ActivityStatus::Cancelled),
];

/// Who organized it: a department of the dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Organizer {
    /// `department`.
    pub kind: OrganizerKind,
    /// The department's id.
    pub id: String,
}

/// What kind of unit an organizer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrganizerKind {
    /// A department of the dictionary (`unknown_department` otherwise).
    Department,
}

const ORGANIZER_KINDS: &[(&str, OrganizerKind)] = &[("department", OrganizerKind::Department)];

/// Where it took place: a room of a centre, or an address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Venue {
    /// The centre's id (with `room`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub centre: Option<String>,
    /// The room's id in the centre: two activities may not overlap in it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
    /// An address elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
}

/// Party members present (到场党员).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct PartyMembersPresent {
    /// Full members (0 when absent).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub full: u32,
    /// Probationary members (0 when absent).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub probationary: u32,
}

/// What a lecturer is, by role (never by name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LecturerRole {
    /// An official of the competent department (业务主管部门).
    DepartmentOfficial,
    /// An expert or scholar (专家学者).
    Expert,
    /// The head of a leading enterprise (龙头企业负责人).
    ChainLeaderHead,
}

const ROLES: &[(&str, LecturerRole)] = &[
    ("department_official", LecturerRole::DepartmentOfficial),
    ("expert", LecturerRole::Expert),
    ("chain_leader_head", LecturerRole::ChainLeaderHead),
];

/// A lecturer, by role and unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Lecturer {
    /// The role.
    pub role: LecturerRole,
    /// The unit (its name).
    pub unit: String,
}

/// The ledger entry of a held activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct ActivityRecord {
    /// Who recorded it (account id).
    pub recorder: String,
    /// When (not after today).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub recorded_at: DateTime<FixedOffset>,
    /// What happened.
    #[serde(default)]
    pub summary: Option<String>,
    /// Photos (attachment metadata; the files are the host's).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Attachment>>"))]
    pub photos: Vec<Attachment>,
}

/// An activity, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Activity {
    /// Id.
    pub id: String,
    /// Series id of the catalog (`dangqun_zhuqi`), if any.
    #[serde(default)]
    pub series: Option<String>,
    /// Kind id of the catalog (`policy_briefing`).
    pub kind: String,
    /// Title.
    pub title: String,
    /// Chain ids.
    #[serde(default)]
    pub chains: Vec<String>,
    /// Organizers.
    #[serde(default)]
    pub organizers: Vec<Organizer>,
    /// The pairing (结对共建) it belongs to, by id.
    #[serde(default)]
    pub pairing: Option<String>,
    /// Where.
    pub venue: Venue,
    /// Start.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub starts_at: DateTime<FixedOffset>,
    /// End (not before the start).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub ends_at: DateTime<FixedOffset>,
    /// Status.
    pub status: ActivityStatus,
    /// Audience ids.
    #[serde(default)]
    pub audience: Vec<String>,
    /// Topic ids.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Places.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub capacity: Option<u32>,
    /// 应到.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub expected: Option<u32>,
    /// 实到.
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub attended: Option<u32>,
    /// Party members among those present.
    #[serde(default)]
    pub attended_party_members: Option<PartyMembersPresent>,
    /// Enterprises present (normalised USCCs).
    #[serde(default)]
    pub enterprises_present: Vec<String>,
    /// Lecturers.
    #[serde(default)]
    pub lecturers: Vec<Lecturer>,
    /// Training hours (学时).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub hours: Option<f64>,
    /// Ids of demands raised at it.
    #[serde(default)]
    pub raised_demands: Vec<String>,
    /// Ids of demands it answers.
    #[serde(default)]
    pub responds_to: Vec<String>,
    /// Its ledger entry (required once `recorded`).
    #[serde(default)]
    pub record: Option<ActivityRecord>,
    /// Financing lines (matchmaking, relending).
    #[serde(default)]
    pub financing: Option<Financing>,
    /// An initiative signed.
    #[serde(default)]
    pub initiative: Option<Initiative>,
}

/// Checks an activity given as JSON text.
pub fn check_activity_json(json: &str, context: &OutreachContext<'_>) -> Checked<Activity> {
    check_json(json, &TOP, |got| check_activity_got(got, context))
}

/// Checks an activity already read.
pub(crate) fn check_activity_got(
    value: &Got<'_>,
    context: &OutreachContext<'_>,
) -> Checked<Activity> {
    check_object(value, &TOP, |fields, report| read(fields, context, report))
}

fn read(f: &Fields<'_>, ctx: &OutreachContext<'_>, report: &mut Report) -> Option<Activity> {
    let context = &ctx.context;
    let today = context.today;
    let id = common::id(f, "id", true, report);
    let series = catalog_choice(
        f,
        "series",
        false,
        context.catalog.activity_series(),
        report,
    );
    let kind = catalog_choice(f, "kind", true, context.catalog.activity_kinds(), report);
    let title = f.text_within("title", true, false, NAME_LENGTH, report);
    let chains = chains(f, ctx, report);
    let organizers = organizers(f, ctx, report);
    let pairing = common::id(f, "pairing", false, report);
    let venue = venue(f, report);
    let starts_at = common::time(f, "starts_at", true, None, report);
    let ends_at = common::time(f, "ends_at", true, None, report);
    if let (Some(start), Some(end)) = (starts_at, ends_at) {
        if end < start {
            report.push(ends_before_start(f.path("ends_at"), "starts_at"));
        }
    }
    let status = f.choice("status", STATUSES, true, report);
    if let (Some(status), Some(start)) = (status, starts_at) {
        if status.took_place() && start.date_naive() > today {
            report.push(
                Finding::new(Code::ActivityHeldInFuture, Path::root())
                    .with("today", today.to_string()),
            );
        }
    }
    let audience = common::ids(f, "audience", IDS_MAX, report);
    let topics = common::topic_ids(f, "topics", IDS_MAX, report);
    let capacity = people(f, "capacity", report);
    let expected = people(f, "expected", report);
    let attended = people(f, "attended", report);
    if let Some(attended) = attended {
        if let Some(capacity) = capacity.filter(|&c| attended > c) {
            report.push(
                Finding::new(Code::AttendedOverCapacity, f.path("attended"))
                    .with("capacity", capacity),
            );
        }
        if let Some(expected) = expected.filter(|&e| attended > e) {
            report.push(
                Finding::new(Code::AttendedOverExpected, f.path("attended"))
                    .with("expected", expected),
            );
        }
    }
    let members = party_members(f, attended, report);
    let present = common::usccs(
        f,
        "enterprises_present",
        false,
        ENTERPRISES_MAX,
        context,
        report,
    );
    let lecturers = lecturers(f, report);
    let hours = f.number_within("hours", false, HOURS, report);
    if let (Some(hours), Some(start), Some(end)) = (hours, starts_at, ends_at) {
        let duration = (end - start).num_seconds() as f64 / 3600.0;
        if end >= start && hours > duration + 1e-9 {
            let shown = (duration * 100.0).round() / 100.0;
            let duration = if shown.fract() == 0.0 {
                Param::Int(shown as i64)
            } else {
                Param::Num(shown)
            };
            report.push(
                Finding::new(Code::HoursOverDuration, f.path("hours")).with("duration", duration),
            );
        }
    }
    let raised = common::ids(f, "raised_demands", DEMAND_IDS_MAX, report);
    let responds = common::ids(f, "responds_to", DEMAND_IDS_MAX, report);
    let record = ledger_record(f, status, today, report);
    let financing = read_financing(f, context, report);
    let initiative = read_initiative(f, context, report);
    Some(Activity {
        id: id?,
        series: series.ok()?,
        kind: kind.ok()??,
        title: title?,
        chains: chains?,
        organizers: organizers?,
        pairing,
        venue: venue?,
        starts_at: starts_at?,
        ends_at: ends_at?,
        status: status?,
        audience,
        topics,
        capacity,
        expected,
        attended,
        attended_party_members: members.ok()?,
        enterprises_present: present
            .unwrap_or_default()
            .into_iter()
            .map(|(_, e)| e)
            .collect(),
        lecturers: lecturers?,
        hours,
        raised_demands: raised,
        responds_to: responds,
        record: record.ok()?,
        financing: financing.ok()?,
        initiative: initiative.ok()?,
    })
}

/// An id of the catalog (a kind or series): `invalid_option` with every id
/// allowed otherwise. `Ok(None)` when absent; `Err` when refused.
fn catalog_choice<'c>(
    f: &Fields<'_>,
    key: &'static str,
    required: bool,
    entries: impl Iterator<Item = &'c crate::catalog::Entry>,
    report: &mut Report,
) -> Result<Option<String>, ()> {
    let Some(text) = f.text(key, required, report) else {
        return if f.raw(key).is_some() || required {
            Err(())
        } else {
            Ok(None)
        };
    };
    let ids: Vec<String> = entries.map(|e| e.id.clone()).collect();
    if ids.contains(&text) {
        Ok(Some(text))
    } else {
        report.push(Finding::new(Code::InvalidOption, f.path(key)).with("allowed", ids));
        Err(())
    }
}

/// Chain ids of the catalog (`unknown_chain` at the item otherwise).
fn chains(f: &Fields<'_>, ctx: &OutreachContext<'_>, report: &mut Report) -> Option<Vec<String>> {
    let items = f.text_list("chains", false, CHAINS_MAX, report);
    if items.is_none() && f.raw("chains").is_some() {
        return None;
    }
    let path = f.path("chains");
    let mut out = Vec::new();
    for (i, chain) in items.unwrap_or_default().into_iter().enumerate() {
        if ctx.context.catalog.chain(&chain).is_none() {
            report.add(Code::UnknownChain, path.index(i));
        } else {
            out.push(chain);
        }
    }
    Some(out)
}

fn organizers(
    f: &Fields<'_>,
    ctx: &OutreachContext<'_>,
    report: &mut Report,
) -> Option<Vec<Organizer>> {
    let items = f.objects("organizers", ORGANIZERS_MAX, report);
    if items.is_none() && f.raw("organizers").is_some() {
        return None;
    }
    let mut out = Vec::new();
    for o in items.unwrap_or_default() {
        let kind = o.choice("kind", ORGANIZER_KINDS, true, report);
        let id = common::id(&o, "id", true, report);
        if let Some(id) = &id {
            if ctx.departments.department(id).is_none() {
                report.push(common::not_a_department(o.path("id"), ctx.departments));
                continue;
            }
        }
        if let (Some(kind), Some(id)) = (kind, id) {
            out.push(Organizer { kind, id });
        }
    }
    Some(out)
}

/// A room of a centre, or an address: one of them is required, and a centre
/// needs its room.
fn venue(f: &Fields<'_>, report: &mut Report) -> Option<Venue> {
    let v = f.object("venue", true, report)?;
    let centre = common::id(&v, "centre", false, report);
    let room = v.text_within("room", centre.is_some(), false, ROOM_LENGTH, report);
    let address = v.text_within("address", false, false, ADDRESS_LENGTH, report);
    if centre.is_none() && address.is_none() && !report.has_errors_at(v.at()) {
        report.add(Code::Required, v.path("address"));
    }
    (!report.has_errors_at(v.at())).then_some(Venue {
        centre,
        room,
        address,
    })
}

fn people(f: &Fields<'_>, key: &'static str, report: &mut Report) -> Option<u32> {
    f.integer_within(key, false, PEOPLE, report)
        .map(|n| n as u32)
}

/// Party members present: never more than attended in all (an error).
fn party_members(
    f: &Fields<'_>,
    attended: Option<u32>,
    report: &mut Report,
) -> Result<Option<PartyMembersPresent>, ()> {
    let Some(m) = f.object("attended_party_members", false, report) else {
        return if f.raw("attended_party_members").is_some() {
            Err(())
        } else {
            Ok(None)
        };
    };
    let full = m.integer_within("full", false, PEOPLE, report);
    let probationary = m.integer_within("probationary", false, PEOPLE, report);
    if report.has_errors_at(m.at()) {
        return Err(());
    }
    let members = PartyMembersPresent {
        full: full.unwrap_or(0) as u32,
        probationary: probationary.unwrap_or(0) as u32,
    };
    if let Some(attended) = attended {
        if u64::from(members.full) + u64::from(members.probationary) > u64::from(attended) {
            report.push(
                Finding::new(Code::PartyMembersOverAttended, m.at().clone())
                    .with("attended", attended),
            );
            return Err(());
        }
    }
    Ok(Some(members))
}

fn lecturers(f: &Fields<'_>, report: &mut Report) -> Option<Vec<Lecturer>> {
    let items = f.objects("lecturers", LECTURERS_MAX, report);
    if items.is_none() && f.raw("lecturers").is_some() {
        return None;
    }
    let mut out = Vec::new();
    for l in items.unwrap_or_default() {
        let role = l.choice("role", ROLES, true, report);
        let unit = l.text_within("unit", true, false, NAME_LENGTH, report);
        if let (Some(role), Some(unit)) = (role, unit) {
            out.push(Lecturer { role, unit });
        }
    }
    Some(out)
}

/// The ledger entry; required once the activity is `recorded`.
fn ledger_record(
    f: &Fields<'_>,
    status: Option<ActivityStatus>,
    today: chrono::NaiveDate,
    report: &mut Report,
) -> Result<Option<ActivityRecord>, ()> {
    let recorded = status == Some(ActivityStatus::Recorded);
    let Some(r) = f.object("record", recorded, report) else {
        return if f.raw("record").is_some() || recorded {
            Err(())
        } else {
            Ok(None)
        };
    };
    let recorder = common::id(&r, "recorder", true, report);
    let recorded_at = common::time(&r, "recorded_at", true, Some(today), report);
    let summary = r.text_within("summary", false, true, SUMMARY_LENGTH, report);
    let photos = r.objects("photos", PHOTOS_MAX, report).map(|items| {
        let drafts: Vec<AttachmentDraft> = items
            .iter()
            .map(|p| AttachmentDraft {
                name: p.text("name", true, report),
                size_bytes: p.integer("size_bytes", true, report),
                mime: p.text("mime", true, report),
            })
            .collect();
        for (item, draft) in items.iter().zip(&drafts) {
            if let Err(errors) = draft.validate() {
                crate::validation::collect(&errors, item.at(), report);
            }
        }
        attachments(drafts, &r.path("photos"), report)
    });
    if report.has_errors_at(r.at()) {
        return Err(());
    }
    Ok(Some(ActivityRecord {
        recorder: recorder.ok_or(())?,
        recorded_at: recorded_at.ok_or(())?,
        summary,
        photos: photos.flatten().unwrap_or_default(),
    }))
}

/// The rules against the activities on earlier lines (`(label, activity)`):
/// an id used already (`duplicate_id`); the same room of the same centre at
/// an overlapping time, neither cancelled (`room_double_booked`).
pub fn activity_against_earlier(
    activity: &Activity,
    earlier: &[(String, Activity)],
    report: &mut Report,
) {
    id_used_earlier(
        &activity.id,
        earlier
            .iter()
            .map(|(label, a)| (label.as_str(), a.id.as_str())),
        report,
    );
    let (Some(centre), Some(room)) = (&activity.venue.centre, &activity.venue.room) else {
        return;
    };
    if activity.status == ActivityStatus::Cancelled {
        return;
    }
    if let Some((label, _)) = earlier.iter().find(|(_, other)| {
        other.status != ActivityStatus::Cancelled
            && other.venue.centre.as_ref() == Some(centre)
            && other.venue.room.as_ref() == Some(room)
            && other.starts_at < activity.ends_at
            && activity.starts_at < other.ends_at
    }) {
        report.push(
            Finding::new(
                Code::RoomDoubleBooked,
                Path::root().key("venue").key("room"),
            )
            .with("earlier", label.as_str()),
        );
    }
}
