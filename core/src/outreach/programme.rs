//! The contact programme (联系服务企业行动, e.g. 万名干部助企行): its period,
//! key enterprises, contacts and what each holds, cadence and quota.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{self, ends_before_start, id_used_earlier, unique_ids};
use super::OutreachContext;
use crate::enrollment::{check_json, check_object, Checked};
use crate::findings::{Code, Finding, Path, Report};
use crate::input::{Fields, Got, Kind, Schema};

/// The limits of the programme's fields, declared once for the reader, the
/// documentation and the forms.
pub mod limits {
    /// Characters of the programme's name and owner, and of a contact's unit.
    pub const NAME_LENGTH: (u64, u64) = (2, 100);
    /// Key enterprises a programme lists at most.
    pub const KEY_ENTERPRISES_MAX: usize = 5000;
    /// Contacts a programme lists at most.
    pub const CONTACTS_MAX: usize = 5000;
    /// Enterprises one contact holds at most.
    pub const CONTACT_ENTERPRISES_MAX: usize = 200;
    /// Days of a cadence (`on_site_days`, `any_contact_days`, `due_within_days`).
    pub const CADENCE_DAYS: (i64, i64) = (1, 366);
    /// A contact's quota of enterprises.
    pub const QUOTA: (i64, i64) = (0, 200);
    /// Default days within which each assigned enterprise is visited on site
    /// (本溪: on site every two months; a proposal a district may change).
    pub const ON_SITE_DAYS: u32 = 60;
    /// Default days within which each assigned enterprise is contacted in any
    /// way (翼城, 本溪: monthly; a proposal).
    pub const ANY_CONTACT_DAYS: u32 = 30;
    /// Default days before a contact falls due in which it shows as `due`.
    pub const DUE_WITHIN_DAYS: u32 = 7;
}

pub use limits as PROGRAMME_LIMITS;
use limits::*;

/// The keys of the programme record, in the order of the form.
pub(crate) static TOP: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("name", Kind::Scalar),
        ("from", Kind::Scalar),
        ("to", Kind::Scalar),
        ("owner", Kind::Scalar),
        ("cadence", Kind::Object(&CADENCE)),
        ("quota", Kind::Object(&QUOTA_KEYS)),
        (
            "key_enterprises",
            Kind::Scalars {
                max: KEY_ENTERPRISES_MAX,
            },
        ),
        (
            "contacts",
            Kind::Objects {
                schema: &CONTACT,
                max: CONTACTS_MAX,
            },
        ),
    ],
};
static CADENCE: Schema = Schema {
    fields: &[
        ("on_site_days", Kind::Scalar),
        ("any_contact_days", Kind::Scalar),
        ("due_within_days", Kind::Scalar),
    ],
};
static QUOTA_KEYS: Schema = Schema {
    fields: &[
        ("min_per_contact", Kind::Scalar),
        ("max_per_contact", Kind::Scalar),
    ],
};
static CONTACT: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("kind", Kind::Scalar),
        ("unit", Kind::Scalar),
        ("account", Kind::Scalar),
        ("department", Kind::Scalar),
        (
            "enterprises",
            Kind::Scalars {
                max: CONTACT_ENTERPRISES_MAX,
            },
        ),
    ],
};

/// Who a contact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ContactKind {
    /// A cadre (干部), by account id; names stay with the host.
    Cadre,
    /// A member unit (成员单位), by department id of the dictionary.
    MemberUnit,
}

const CONTACT_KINDS: &[(&str, ContactKind)] = &[
    ("cadre", ContactKind::Cadre),
    ("member_unit", ContactKind::MemberUnit),
];

/// How often each assigned enterprise is to be visited: on site within
/// `on_site_days`, in any way within `any_contact_days` (proposals; no
/// Shenzhen figure was found, so the defaults are the loosest sources give).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Cadence {
    /// Days between on-site visits (default 60).
    #[serde(default = "on_site_days")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub on_site_days: u32,
    /// Days between contacts of any mode (default 30).
    #[serde(default = "any_contact_days")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub any_contact_days: u32,
    /// Days before falling due in which a contact shows as `due` (default 7).
    #[serde(default = "due_within_days")]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub due_within_days: u32,
}

fn on_site_days() -> u32 {
    ON_SITE_DAYS
}
fn any_contact_days() -> u32 {
    ANY_CONTACT_DAYS
}
fn due_within_days() -> u32 {
    DUE_WITHIN_DAYS
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            on_site_days: ON_SITE_DAYS,
            any_contact_days: ANY_CONTACT_DAYS,
            due_within_days: DUE_WITHIN_DAYS,
        }
    }
}

/// How many enterprises each contact holds (翼城: five a cadre). Either bound
/// may be absent: no check.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Quota {
    /// Fewest enterprises a contact holds (`contact_below_quota`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub min_per_contact: Option<u32>,
    /// Most enterprises a contact holds (`contact_above_quota`).
    #[serde(default)]
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::NumberOrString>")
    )]
    pub max_per_contact: Option<u32>,
}

/// A contact of the programme and the enterprises it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Contact {
    /// Id, unique in the programme; visits name it.
    pub id: String,
    /// A cadre or a member unit.
    pub kind: ContactKind,
    /// The unit the contact belongs to (its name).
    pub unit: String,
    /// A cadre's account id (required for a cadre).
    #[serde(default)]
    pub account: Option<String>,
    /// A member unit's department id (required for a member unit; an
    /// on-site reply is assigned to it).
    #[serde(default)]
    pub department: Option<String>,
    /// The enterprises it holds (normalised USCCs).
    #[serde(default)]
    pub enterprises: Vec<String>,
}

/// A contact programme, normalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Programme {
    /// Id; visits and demands (`origin.programme`) name it.
    pub id: String,
    /// Name, `万名干部助企行（2026）`.
    pub name: String,
    /// First day.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub from: NaiveDate,
    /// Last day (not before `from`).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub to: NaiveDate,
    /// The unit that runs it (its name).
    pub owner: String,
    /// Visit cadence (defaults filled in).
    #[serde(default)]
    pub cadence: Cadence,
    /// Enterprises per contact.
    #[serde(default)]
    pub quota: Quota,
    /// The key enterprises (重点企业), normalised USCCs.
    pub key_enterprises: Vec<String>,
    /// The contacts.
    pub contacts: Vec<Contact>,
}

impl Programme {
    /// The contact with this id.
    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }

    /// Whether `uscc` (normalised) is a key enterprise.
    pub fn is_key(&self, uscc: &str) -> bool {
        self.key_enterprises.iter().any(|k| k == uscc)
    }
}

/// Checks a programme given as JSON text.
pub fn check_programme_json(json: &str, context: &OutreachContext<'_>) -> Checked<Programme> {
    check_json(json, &TOP, |got| check_programme_got(got, context))
}

/// Checks a programme already read.
pub(crate) fn check_programme_got(
    value: &Got<'_>,
    context: &OutreachContext<'_>,
) -> Checked<Programme> {
    check_object(value, &TOP, |fields, report| read(fields, context, report))
}

fn read(f: &Fields<'_>, ctx: &OutreachContext<'_>, report: &mut Report) -> Option<Programme> {
    let context = &ctx.context;
    let id = common::id(f, "id", true, report);
    let name = f.text_within("name", true, false, NAME_LENGTH, report);
    let from = common::date(f, "from", true, None, report);
    let to = common::date(f, "to", true, None, report);
    if let (Some(from), Some(to)) = (from, to) {
        if to < from {
            report.push(ends_before_start(f.path("to"), "from"));
        }
    }
    let owner = f.text_within("owner", true, false, NAME_LENGTH, report);
    let cadence = match f.object("cadence", false, report) {
        None => f.raw("cadence").is_none().then(Cadence::default),
        Some(c) => {
            let days = |key, default: u32, report: &mut Report| match c.raw(key) {
                None => Some(default),
                Some(_) => c
                    .integer_within(key, false, CADENCE_DAYS, report)
                    .map(|d| d as u32),
            };
            let on_site = days("on_site_days", ON_SITE_DAYS, report);
            let any = days("any_contact_days", ANY_CONTACT_DAYS, report);
            let due = days("due_within_days", DUE_WITHIN_DAYS, report);
            // Each day is read (and reported) before any is refused.
            match (on_site, any, due) {
                (Some(on_site_days), Some(any_contact_days), Some(due_within_days)) => {
                    Some(Cadence {
                        on_site_days,
                        any_contact_days,
                        due_within_days,
                    })
                }
                _ => None,
            }
        }
    };
    let quota = match f.object("quota", false, report) {
        None => f.raw("quota").is_none().then(Quota::default),
        Some(q) => {
            let min = q.integer_within("min_per_contact", false, QUOTA, report);
            let max = q.integer_within("max_per_contact", false, QUOTA, report);
            if let (Some(min), Some(max)) = (min, max) {
                if min > max {
                    report.push(
                        Finding::new(Code::OutOfRange, q.path("min_per_contact"))
                            .with("min", QUOTA.0)
                            .with("max", max),
                    );
                }
            }
            (!report.has_errors_at(q.at())).then_some(Quota {
                min_per_contact: min.map(|n| n as u32),
                max_per_contact: max.map(|n| n as u32),
            })
        }
    };
    let key_enterprises = common::usccs(
        f,
        "key_enterprises",
        true,
        KEY_ENTERPRISES_MAX,
        context,
        report,
    );
    let contacts = read_contacts(f, ctx, report);
    if let (Some(contacts), Some(quota)) = (&contacts, quota) {
        check_quota(contacts, quota, report);
    }
    if let (Some(keys), Some(contacts)) = (&key_enterprises, &contacts) {
        let path = f.path("key_enterprises");
        for (i, key) in keys {
            let held = contacts
                .iter()
                .any(|(_, c)| c.enterprises.iter().any(|e| e == key));
            if !held {
                report.add(Code::KeyEnterpriseUnassigned, path.index(*i));
            }
        }
    }
    Some(Programme {
        id: id?,
        name: name?,
        from: from?,
        to: to?,
        owner: owner?,
        cadence: cadence?,
        quota: quota?,
        key_enterprises: key_enterprises?.into_iter().map(|(_, k)| k).collect(),
        contacts: contacts?.into_iter().map(|(_, c)| c).collect(),
    })
}

/// The contacts, each with its path; `None` when the list cannot be read or
/// some contact is refused.
fn read_contacts(
    f: &Fields<'_>,
    ctx: &OutreachContext<'_>,
    report: &mut Report,
) -> Option<Vec<(Path, Contact)>> {
    let Some(items) = f.objects("contacts", CONTACTS_MAX, report) else {
        if f.raw("contacts").is_none() {
            report.add(Code::Required, f.path("contacts"));
        }
        return None;
    };
    let mut complete = items.len() == list_len(f.raw("contacts"));
    let mut out = Vec::with_capacity(items.len());
    let mut ids = Vec::with_capacity(items.len());
    for c in &items {
        let id = common::id(c, "id", true, report);
        let kind = c.choice("kind", CONTACT_KINDS, true, report);
        let unit = c.text_within("unit", true, false, NAME_LENGTH, report);
        let account = common::id(c, "account", kind == Some(ContactKind::Cadre), report);
        let member = kind == Some(ContactKind::MemberUnit);
        let department = common::id(c, "department", member, report);
        if let Some(d) = &department {
            if ctx.departments.department(d).is_none() {
                report.push(common::not_a_department(
                    c.path("department"),
                    ctx.departments,
                ));
            }
        }
        let enterprises = common::usccs(
            c,
            "enterprises",
            false,
            CONTACT_ENTERPRISES_MAX,
            &ctx.context,
            report,
        );
        ids.push((c.at().clone(), id.clone()));
        let contact = (|| {
            Some(Contact {
                id: id?,
                kind: kind?,
                unit: unit?,
                account,
                department,
                enterprises: enterprises
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(_, e)| e)
                    .collect(),
            })
        })();
        match contact {
            Some(contact) if !report.has_errors_at(c.at()) => out.push((c.at().clone(), contact)),
            _ => complete = false,
        }
    }
    unique_ids(ids.iter().map(|(p, id)| (p.clone(), id.as_deref())), report);
    complete.then_some(out)
}

fn list_len(value: Option<&Got<'_>>) -> usize {
    match value {
        Some(Got::List(_, count)) => *count,
        _ => 0,
    }
}

fn check_quota(contacts: &[(Path, Contact)], quota: Quota, report: &mut Report) {
    for (path, contact) in contacts {
        let count = contact.enterprises.len();
        let at = path.key("enterprises");
        if let Some(min) = quota.min_per_contact.filter(|&m| count < m as usize) {
            report.push(
                Finding::new(Code::ContactBelowQuota, at.clone())
                    .with("count", count)
                    .with("min", min),
            );
        }
        if let Some(max) = quota.max_per_contact.filter(|&m| count > m as usize) {
            report.push(
                Finding::new(Code::ContactAboveQuota, at)
                    .with("count", count)
                    .with("max", max),
            );
        }
    }
}

/// The rule against the programmes on earlier lines (`(label, programme)`):
/// an id used already is `duplicate_id`.
pub fn programme_against_earlier(
    programme: &Programme,
    earlier: &[(String, Programme)],
    report: &mut Report,
) {
    id_used_earlier(
        &programme.id,
        earlier
            .iter()
            .map(|(label, p)| (label.as_str(), p.id.as_str())),
        report,
    );
}
