//! The enrollment record as a form sends it: every field optional, read with
//! findings for wrong types and unknown keys, field rules declared with
//! `validator`'s derive.

use validator::Validate;

use crate::findings::Report;
use crate::input::{Fields, Kind, Schema};
use crate::org::{OrgKind, PartyOrgKind, PartyOrgStatus};

/// The limits of the enrollment record's fields, declared once: the field
/// rules below, the reader and the widgets' form spec (`api::form_spec`)
/// all take them from here.
pub mod limits {
    /// Most segments one enrollment may name.
    pub const SEGMENTS_MAX: u64 = 20;
    /// Most industry codes one enterprise may give.
    pub const INDUSTRY_CODES_MAX: u64 = 10;
    /// Characters of a name (enterprise, Party organization, home affiliation).
    pub const NAME_LENGTH: (u64, u64) = (2, 100);
    /// Characters of a person's name (contact, liaison).
    pub const PERSON_NAME_LENGTH: (u64, u64) = (1, 50);
    /// Annual output value, 万元.
    pub const OUTPUT_WAN: (f64, f64) = (0.0, 100_000_000.0);
    /// Employees.
    pub const EMPLOYEES: (i64, i64) = (0, 10_000_000);
    /// Full or probationary Party members.
    pub const MEMBERS: (i64, i64) = (0, 100_000);
    /// Units a joint organization covers.
    pub const UNITS: (i64, i64) = (1, 1000);
}

use limits::{INDUSTRY_CODES_MAX, SEGMENTS_MAX};

/// The keys of the enrollment record, in the order of the form.
pub(crate) static TOP: Schema = Schema {
    fields: &[
        ("enterprise", Kind::Object(&ENTERPRISE)),
        ("chain", Kind::Scalar),
        (
            "segments",
            Kind::Scalars {
                max: SEGMENTS_MAX as usize,
            },
        ),
        ("party_org", Kind::Object(&PARTY_ORG)),
        ("liaison", Kind::Object(&LIAISON)),
        ("contact", Kind::Object(&CONTACT)),
        ("joined_on", Kind::Scalar),
    ],
};
static ENTERPRISE: Schema = Schema {
    fields: &[
        ("name", Kind::Scalar),
        ("uscc", Kind::Scalar),
        ("kind", Kind::Scalar),
        (
            "industry_codes",
            Kind::Scalars {
                max: INDUSTRY_CODES_MAX as usize,
            },
        ),
        ("annual_output_wan", Kind::Scalar),
        ("employees", Kind::Scalar),
    ],
};
static PARTY_ORG: Schema = Schema {
    fields: &[
        ("status", Kind::Scalar),
        ("kind", Kind::Scalar),
        ("name", Kind::Scalar),
        ("full_members", Kind::Scalar),
        ("probationary_members", Kind::Scalar),
        ("home_affiliation", Kind::Scalar),
        ("units", Kind::Scalar),
        ("branch_committee", Kind::Scalar),
    ],
};
static LIAISON: Schema = Schema {
    fields: &[("name", Kind::Scalar), ("phone", Kind::Scalar)],
};
static CONTACT: Schema = Schema {
    fields: &[
        ("name", Kind::Scalar),
        ("phone", Kind::Scalar),
        ("email", Kind::Scalar),
    ],
};

pub(super) const ORG_KINDS: &[(&str, OrgKind)] = &[
    ("enterprise", OrgKind::Enterprise),
    ("association", OrgKind::Association),
];
pub(super) const STATUSES: &[(&str, PartyOrgStatus)] = &[
    ("own", PartyOrgStatus::Own),
    ("joint", PartyOrgStatus::Joint),
    ("none", PartyOrgStatus::None),
];
pub(super) const PARTY_ORG_KINDS: &[(&str, PartyOrgKind)] = &[
    ("branch", PartyOrgKind::Branch),
    ("joint_branch", PartyOrgKind::JointBranch),
    ("general_branch", PartyOrgKind::GeneralBranch),
    ("committee", PartyOrgKind::Committee),
];

/// An enrollment as typed, before the domain rules.
#[derive(Debug, Default, Validate)]
pub struct EnrollmentDraft {
    /// The enrolling enterprise or association.
    #[validate(nested)]
    pub enterprise: Option<EnterpriseDraft>,
    /// Chain id.
    pub chain: Option<String>,
    /// Segment ids.
    #[validate(length(min = 1, max = SEGMENTS_MAX))]
    pub segments: Option<Vec<String>>,
    /// Its Party organization, if any.
    #[validate(nested)]
    pub party_org: Option<PartyOrgDraft>,
    /// A liaison covering it by work.
    #[validate(nested)]
    pub liaison: Option<PersonDraft>,
    /// Who to contact about the enrollment.
    #[validate(nested)]
    pub contact: Option<PersonDraft>,
    /// `YYYY-MM-DD`.
    pub joined_on: Option<String>,
}

/// The `enterprise` object as typed.
#[derive(Debug, Default, Validate)]
pub struct EnterpriseDraft {
    /// Registered name.
    #[validate(length(min = limits::NAME_LENGTH.0, max = limits::NAME_LENGTH.1))]
    pub name: Option<String>,
    /// USCC as typed.
    pub uscc: Option<String>,
    /// Enterprise or association.
    pub kind: Option<OrgKind>,
    /// GB/T 4754-2017 codes.
    #[validate(length(max = INDUSTRY_CODES_MAX))]
    pub industry_codes: Option<Vec<String>>,
    /// Annual output value, 万元.
    #[validate(range(min = limits::OUTPUT_WAN.0, max = limits::OUTPUT_WAN.1))]
    pub annual_output_wan: Option<f64>,
    /// Head count.
    #[validate(range(min = limits::EMPLOYEES.0, max = limits::EMPLOYEES.1))]
    pub employees: Option<i64>,
}

/// The `party_org` object as typed.
#[derive(Debug, Default, Validate)]
pub struct PartyOrgDraft {
    /// own / joint / none.
    pub status: Option<PartyOrgStatus>,
    /// branch / joint_branch / general_branch / committee.
    pub kind: Option<PartyOrgKind>,
    /// The organization's name.
    #[validate(length(min = limits::NAME_LENGTH.0, max = limits::NAME_LENGTH.1))]
    pub name: Option<String>,
    /// Full members.
    #[validate(range(min = limits::MEMBERS.0, max = limits::MEMBERS.1))]
    pub full_members: Option<i64>,
    /// Probationary members.
    #[validate(range(min = limits::MEMBERS.0, max = limits::MEMBERS.1))]
    pub probationary_members: Option<i64>,
    /// The superior it reports to.
    #[validate(length(min = limits::NAME_LENGTH.0, max = limits::NAME_LENGTH.1))]
    pub home_affiliation: Option<String>,
    /// For a joint organization: how many units it covers.
    #[validate(range(min = limits::UNITS.0, max = limits::UNITS.1))]
    pub units: Option<i64>,
    /// Whether a branch committee has been elected.
    pub branch_committee: Option<bool>,
}

/// A person: the contact (with e-mail) or the liaison.
#[derive(Debug, Default, Validate)]
pub struct PersonDraft {
    /// Name.
    #[validate(length(min = limits::PERSON_NAME_LENGTH.0, max = limits::PERSON_NAME_LENGTH.1))]
    pub name: Option<String>,
    /// Phone as typed.
    pub phone: Option<String>,
    /// E-mail (contact only).
    #[validate(custom(function = "crate::validation::email"))]
    pub email: Option<String>,
}

impl EnrollmentDraft {
    /// Reads the draft from a JSON object, recording shape findings.
    pub(super) fn read(fields: &Fields<'_>, report: &mut Report) -> Self {
        let enterprise = fields
            .object("enterprise", true, report)
            .map(|f| EnterpriseDraft {
                name: f.text("name", true, report),
                uscc: f.text("uscc", true, report),
                kind: f.choice("kind", ORG_KINDS, true, report),
                industry_codes: non_empty_or_none(
                    &f,
                    "industry_codes",
                    false,
                    INDUSTRY_CODES_MAX as usize,
                    report,
                ),
                annual_output_wan: f.number("annual_output_wan", false, report),
                employees: f.integer("employees", false, report),
            });
        let chain = fields.text("chain", true, report);
        let segments = non_empty_or_none(fields, "segments", true, SEGMENTS_MAX as usize, report);
        let party_org = fields
            .object("party_org", false, report)
            .map(|f| PartyOrgDraft {
                status: f.choice("status", STATUSES, true, report),
                kind: f.choice("kind", PARTY_ORG_KINDS, false, report),
                name: f.text("name", false, report),
                full_members: f.integer("full_members", false, report),
                probationary_members: f.integer("probationary_members", false, report),
                home_affiliation: f.text("home_affiliation", false, report),
                units: f.integer("units", false, report),
                branch_committee: f.boolean("branch_committee", false, report),
            });
        let liaison = fields
            .object("liaison", false, report)
            .map(|f| PersonDraft {
                name: f.text("name", true, report),
                phone: f.text("phone", true, report),
                email: None,
            });
        let contact = fields.object("contact", true, report).map(|f| PersonDraft {
            name: f.text("name", true, report),
            phone: f.text("phone", true, report),
            email: f.text("email", false, report),
        });
        let joined_on = fields.text("joined_on", true, report);
        EnrollmentDraft {
            enterprise,
            chain,
            segments,
            party_org,
            liaison,
            contact,
            joined_on,
        }
    }
}

/// A list whose items were all bad is treated as absent, so that it is not
/// also reported as empty.
fn non_empty_or_none(
    fields: &Fields<'_>,
    key: &'static str,
    required: bool,
    max: usize,
    report: &mut Report,
) -> Option<Vec<String>> {
    let given = matches!(fields.raw(key), Some(crate::input::Got::List(_, count)) if *count > 0);
    match fields.text_list(key, required, max, report) {
        Some(list) if list.is_empty() && given => None,
        other => other,
    }
}
