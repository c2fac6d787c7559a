//! The pairing record of `docs/wire/pairings.md` (结对共建), normalised.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::enrollment::PersonRecord;

/// What kind of pairing it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PairingKind {
    /// 链主带上下游: a chain leader with up- and downstream firms.
    ChainLeaderEnterprise,
    /// 街道/部门—企业: a street or department with an enterprise.
    GovernmentEnterprise,
    /// Enterprise with enterprise.
    EnterpriseEnterprise,
    /// 强弱结对: a strong organization with a weak one.
    StrongWeak,
    /// 产学研联盟: an industry–academia alliance (the headline's alliance figure).
    Alliance,
}

impl PairingKind {
    /// Every kind with its wire name.
    pub const ALL: [(&'static str, PairingKind); 5] = [
        (
            "chain_leader_enterprise",
            PairingKind::ChainLeaderEnterprise,
        ),
        ("government_enterprise", PairingKind::GovernmentEnterprise),
        ("enterprise_enterprise", PairingKind::EnterpriseEnterprise),
        ("strong_weak", PairingKind::StrongWeak),
        ("alliance", PairingKind::Alliance),
    ];
}

/// What the parties build together: the seed's five contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Content {
    /// 组织共建.
    Organization,
    /// 业务交流.
    BusinessExchange,
    /// 活动共办.
    JointActivities,
    /// 资源共享.
    ResourceSharing,
    /// 优势互补.
    ComplementaryStrengths,
}

impl Content {
    /// Every content with its wire name.
    pub const ALL: [(&'static str, Content); 5] = [
        ("organization", Content::Organization),
        ("business_exchange", Content::BusinessExchange),
        ("joint_activities", Content::JointActivities),
        ("resource_sharing", Content::ResourceSharing),
        ("complementary_strengths", Content::ComplementaryStrengths),
    ];
}

/// A party's part in the pairing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartyRole {
    /// 链主单位: the chain's leading enterprise or association.
    ChainLeader,
    /// Any other party.
    Member,
}

impl PartyRole {
    /// Every role with its wire name.
    pub const ALL: [(&'static str, PartyRole); 2] = [
        ("chain_leader", PartyRole::ChainLeader),
        ("member", PartyRole::Member),
    ];
}

/// The unit a party is: an enterprise by its USCC, a street or a department
/// (an id of the department dictionary) by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Unit {
    /// An enterprise or association.
    Enterprise {
        /// Normalised USCC.
        uscc: String,
    },
    /// A street (街道) of the district.
    Street {
        /// Its id (`yantian_street`).
        id: String,
    },
    /// A government department.
    Department {
        /// An id of the department dictionary (`traffic_police`).
        id: String,
    },
}

impl Unit {
    /// What an outcome's `participants` name it by: the USCC or the id.
    pub fn key(&self) -> &str {
        match self {
            Unit::Enterprise { uscc } => uscc,
            Unit::Street { id } | Unit::Department { id } => id,
        }
    }
}

/// One side of a pairing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Party {
    /// `chain_leader` or `member`.
    pub role: PartyRole,
    /// The unit.
    pub org: Unit,
    /// Its Party organization (name), recorded as given: a pairing never
    /// changes an affiliation.
    pub party_org: String,
    /// The side's liaison (name and normalised phone), or none
    /// (`pairing_liaison_missing`, a warning).
    #[serde(default)]
    pub liaison: Option<PersonRecord>,
}

/// A dated item of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct PlanItem {
    /// Unique within the pairing.
    pub id: String,
    /// Title.
    pub title: String,
    /// Which of the contents it serves.
    pub content: Content,
    /// When it is due.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub due_on: NaiveDate,
    /// Demand topic ids it addresses (`traffic`).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub topics: Vec<String>,
}

/// What an outcome is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// A standing mechanism (a working plan, a coordination mechanism).
    Mechanism,
    /// An agreement.
    Agreement,
    /// A service set up.
    Service,
    /// An event held.
    Event,
    /// Anything else.
    Other,
}

impl OutcomeKind {
    /// Every kind with its wire name.
    pub const ALL: [(&'static str, OutcomeKind); 5] = [
        ("mechanism", OutcomeKind::Mechanism),
        ("agreement", OutcomeKind::Agreement),
        ("service", OutcomeKind::Service),
        ("event", OutcomeKind::Event),
        ("other", OutcomeKind::Other),
    ];
}

/// What the pairing achieved, linked to its plan and to the demands answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Outcome {
    /// Unique within the pairing.
    pub id: String,
    /// Kind.
    pub kind: OutcomeKind,
    /// The plan item it fulfils, if any.
    #[serde(default)]
    pub plan_item: Option<String>,
    /// Title (`关于完善高峰期盐田港进港交通协调联动机制的工作方案`).
    pub title: String,
    /// When it was adopted.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub adopted_on: NaiveDate,
    /// The parties that took part, by USCC or id.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub participants: Vec<String>,
    /// Ids of the demands it answers.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<String>>"))]
    pub demands: Vec<String>,
}

/// A report filed (quarterly, by agreement).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct FiledReport {
    /// When it was filed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub filed_on: NaiveDate,
    /// What it says.
    pub summary: String,
}

/// A renewal: the agreement runs on to `valid_until`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Renewal {
    /// When it was renewed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub on: NaiveDate,
    /// The new end of validity, after the previous one.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub valid_until: NaiveDate,
}

/// A correction: what was recorded is changed only by an amendment naming
/// it, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Amendment {
    /// When it was made.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub on: NaiveDate,
    /// The path of the entry corrected (`outcomes[0]`, `reports[1].summary`).
    pub target: String,
    /// Why.
    pub reason: String,
}

/// Whether the agreement still runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PairingStatus {
    /// Running (until its `valid_until`).
    Active,
    /// Ended (on `ended_on`).
    Ended,
}

impl PairingStatus {
    /// Every status with its wire name.
    pub const ALL: [(&'static str, PairingStatus); 2] = [
        ("active", PairingStatus::Active),
        ("ended", PairingStatus::Ended),
    ];
}

/// A valid pairing (it may still carry warnings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Pairing {
    /// Stable id.
    pub id: String,
    /// Theme (`党建领航 共促发展`).
    pub theme: String,
    /// Kind.
    pub kind: PairingKind,
    /// The chain it serves.
    pub chain: String,
    /// Two or more parties, each a different unit.
    pub parties: Vec<Party>,
    /// What is built together, at least one.
    pub contents: Vec<Content>,
    /// When it was signed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub signed_on: NaiveDate,
    /// The end of validity as signed (renewals extend it).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub valid_until: NaiveDate,
    /// `active` or `ended`.
    pub status: PairingStatus,
    /// When it ended (exactly when `status` is `ended`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub ended_on: Option<NaiveDate>,
    /// Why it ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_reason: Option<String>,
    /// The plan.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<PlanItem>>"))]
    pub plan: Vec<PlanItem>,
    /// The outcomes.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Outcome>>"))]
    pub outcomes: Vec<Outcome>,
    /// The reports filed.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<FiledReport>>"))]
    pub reports: Vec<FiledReport>,
    /// Renewals, in order.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Renewal>>"))]
    pub renewals: Vec<Renewal>,
    /// Corrections, in order.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Amendment>>"))]
    pub amendments: Vec<Amendment>,
}

impl Pairing {
    /// The end of validity: the last renewal's, or as signed.
    pub fn runs_until(&self) -> NaiveDate {
        self.renewals
            .last()
            .map_or(self.valid_until, |r| r.valid_until)
    }

    /// Whether it is in force on `day`: signed on or before, valid on or
    /// after, and not ended (an ended pairing is never active).
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.status == PairingStatus::Active && self.signed_on <= day && day <= self.runs_until()
    }

    /// The units of the parties, sorted: two pairings are between the same
    /// units when these are equal.
    pub fn units(&self) -> Vec<&Unit> {
        let mut units: Vec<&Unit> = self.parties.iter().map(|p| &p.org).collect();
        units.sort();
        units.dedup();
        units
    }

    /// The last date something happened under it (signed, renewed, an
    /// outcome adopted, a report filed) on or before `day`.
    pub fn last_sign_of_life(&self, day: NaiveDate) -> NaiveDate {
        let dates = self
            .renewals
            .iter()
            .map(|r| r.on)
            .chain(self.outcomes.iter().map(|o| o.adopted_on))
            .chain(self.reports.iter().map(|r| r.filed_on));
        dates
            .filter(|d| *d <= day)
            .fold(self.signed_on, |last, d| last.max(d))
    }
}
