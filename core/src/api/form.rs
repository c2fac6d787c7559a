//! The form spec: what a form needs to know of the rules to draw its fields
//! — which are required, their lengths and ranges, the choices of each
//! select, which Party-organization kinds go with which status, what files
//! may be attached — taken from the constants the rules check with, so
//! that the widgets copy nothing.

use serde::Serialize;

use crate::demand::{
    DemandKind, Urgency, ALLOWED_ATTACHMENTS, ATTACHMENTS_MAX, ATTACHMENTS_MAX_TOTAL_BYTES,
    ATTACHMENT_MAX_BYTES, ATTACHMENT_NAME_LENGTH, CONTACT_NAME_LENGTH, DESCRIPTION_LENGTH,
    ENTERPRISE_NAME_LENGTH, TITLE_LENGTH, TOPIC_IDS,
};
use crate::enrollment::limits;
use crate::enrollment::REQUIRED_WHEN_ORGANIZED;
use crate::org::{PartyOrgKind, PartyOrgStatus};

/// One field of a form, by its path in the record (`party_org.full_members`).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FieldSpec {
    /// The path of the field in the record.
    pub path: &'static str,
    /// Whether the record is refused without it (some fields are required
    /// only with a Party-organization status: see [`EnrollmentSpec`]).
    pub required: bool,
    /// Fewest characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_length: Option<u64>,
    /// Most characters.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_length: Option<u64>,
    /// Smallest number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<f64>,
    /// Largest number.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<f64>,
    /// Whether the number is whole.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub integer: bool,
    /// Fewest items of a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u64>,
    /// Most items of a list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u64>,
    /// The wire values a choice may take, in the order a form offers them
    /// (chains and segments come from the catalog, topics from the dictionary).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<&'static str>,
}

impl FieldSpec {
    const fn new(path: &'static str, required: bool) -> Self {
        FieldSpec {
            path,
            required,
            min_length: None,
            max_length: None,
            min: None,
            max: None,
            integer: false,
            min_items: None,
            max_items: None,
            options: Vec::new(),
        }
    }

    fn length(mut self, (min, max): (u64, u64)) -> Self {
        self.min_length = Some(min);
        self.max_length = Some(max);
        self
    }

    fn range(mut self, (min, max): (f64, f64), integer: bool) -> Self {
        self.min = Some(min);
        self.max = Some(max);
        self.integer = integer;
        self
    }

    fn items(mut self, min: Option<u64>, max: u64) -> Self {
        self.min_items = min;
        self.max_items = Some(max);
        self
    }

    fn options(mut self, options: Vec<&'static str>) -> Self {
        self.options = options;
        self
    }
}

/// The enrollment form.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EnrollmentSpec {
    /// Every field.
    pub fields: Vec<FieldSpec>,
    /// Per `party_org.status`: the kinds an organization of that status can
    /// be (`party_org_kind_mismatch` otherwise).
    pub party_org_kinds: PartyOrgKinds,
    /// The `party_org` fields required when the status is `own` or `joint`.
    pub required_when_organized: [&'static str; 4],
}

/// The Party-organization kinds each status takes.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartyOrgKinds {
    /// The unit's own organization.
    pub own: Vec<&'static str>,
    /// A joint organization of several units.
    pub joint: Vec<&'static str>,
    /// No organization: none.
    pub none: Vec<&'static str>,
}

/// An attachment type: its MIME type and the file extensions it allows.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct AttachmentType {
    /// `image/jpeg`.
    pub mime: &'static str,
    /// `["jpg", "jpeg"]`.
    pub extensions: &'static [&'static str],
}

/// The demand form.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DemandSpec {
    /// Every field.
    pub fields: Vec<FieldSpec>,
    /// The types a file may have.
    pub attachment_types: Vec<AttachmentType>,
    /// Bytes one file may have at most.
    pub attachment_max_bytes: i64,
    /// Bytes all files together may have at most.
    pub attachments_max_total_bytes: u64,
}

/// `{enrollment, demand}`: both forms.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FormSpec {
    /// The enrollment form.
    pub enrollment: EnrollmentSpec,
    /// The demand form.
    pub demand: DemandSpec,
}

fn fitting(status: PartyOrgStatus) -> Vec<&'static str> {
    PartyOrgKind::ALL
        .iter()
        .filter(|kind| kind.fits(status))
        .map(|kind| kind.as_str())
        .collect()
}

/// The form spec of both records.
pub fn form_spec() -> FormSpec {
    let f = FieldSpec::new;
    let statuses: Vec<&'static str> = PartyOrgStatus::ALL.iter().map(|s| s.as_str()).collect();
    let kinds: Vec<&'static str> = PartyOrgKind::ALL.iter().map(|k| k.as_str()).collect();
    let members = (limits::MEMBERS.0 as f64, limits::MEMBERS.1 as f64);
    let enrollment = EnrollmentSpec {
        fields: vec![
            f("enterprise.name", true).length(limits::NAME_LENGTH),
            f("enterprise.uscc", true),
            f("enterprise.kind", true).options(vec!["enterprise", "association"]),
            f("enterprise.industry_codes", false).items(None, limits::INDUSTRY_CODES_MAX),
            f("enterprise.annual_output_wan", false).range(limits::OUTPUT_WAN, false),
            f("enterprise.employees", false).range(
                (limits::EMPLOYEES.0 as f64, limits::EMPLOYEES.1 as f64),
                true,
            ),
            f("chain", true),
            f("segments", true).items(Some(1), limits::SEGMENTS_MAX),
            f("party_org.status", true).options(statuses),
            f("party_org.kind", false).options(kinds),
            f("party_org.name", false).length(limits::NAME_LENGTH),
            f("party_org.full_members", false).range(members, true),
            f("party_org.probationary_members", false).range(members, true),
            f("party_org.home_affiliation", false).length(limits::NAME_LENGTH),
            f("party_org.units", false)
                .range((limits::UNITS.0 as f64, limits::UNITS.1 as f64), true),
            f("party_org.branch_committee", false),
            f("liaison.name", false).length(limits::PERSON_NAME_LENGTH),
            f("liaison.phone", false),
            f("contact.name", true).length(limits::PERSON_NAME_LENGTH),
            f("contact.phone", true),
            f("contact.email", false),
            f("joined_on", true),
        ],
        party_org_kinds: PartyOrgKinds {
            own: fitting(PartyOrgStatus::Own),
            joint: fitting(PartyOrgStatus::Joint),
            none: fitting(PartyOrgStatus::None),
        },
        required_when_organized: REQUIRED_WHEN_ORGANIZED,
    };
    let demand = DemandSpec {
        fields: vec![
            f("enterprise_uscc", true),
            f("enterprise_name", true).length(ENTERPRISE_NAME_LENGTH),
            f("chain", false),
            f("kind", true).options(DemandKind::ALL.iter().map(|k| k.as_str()).collect()),
            f("topic", false).options(TOPIC_IDS.to_vec()),
            f("title", true).length(TITLE_LENGTH),
            f("description", true).length(DESCRIPTION_LENGTH),
            f("urgency", false).options(vec![Urgency::Normal.as_str(), Urgency::Urgent.as_str()]),
            f("contact.name", true).length(CONTACT_NAME_LENGTH),
            f("contact.phone", true),
            f("contact.email", false),
            f("attachments", false).items(None, ATTACHMENTS_MAX),
            f("attachments.name", true).length(ATTACHMENT_NAME_LENGTH),
            f("declarations.not_in_litigation", true),
            f("declarations.no_secrets", true),
            f("submitted_at", true),
        ],
        attachment_types: ALLOWED_ATTACHMENTS
            .iter()
            .map(|&(mime, extensions)| AttachmentType { mime, extensions })
            .collect(),
        attachment_max_bytes: ATTACHMENT_MAX_BYTES,
        attachments_max_total_bytes: ATTACHMENTS_MAX_TOTAL_BYTES,
    };
    FormSpec { enrollment, demand }
}
