//! Organizations and Party organizations, each with exactly one home affiliation.
//!
//! Nothing in this crate can change a home affiliation or the member counts
//! (the organizational relationships a Party organization holds) once
//! recorded: the fields are private and have no setters. Functional committees
//! only link to organizations by id.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Identifies an enterprise, association or department: its normalised USCC
/// where it has one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct OrgId(pub String);

impl fmt::Display for OrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Identifies a Party organization.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct PartyOrgId(pub String);

impl fmt::Display for PartyOrgId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of unit an organization is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrgKind {
    /// 企业: a company, the usual chain member.
    Enterprise,
    /// 协会: an industry association; takes part like an enterprise.
    Association,
    /// 政府部门: a government department (joint meetings, demand routing).
    GovernmentDepartment,
}

/// An enterprise, association or government department.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organization {
    id: OrgId,
    name: String,
    kind: OrgKind,
    industry_codes: Vec<String>,
    annual_output_wan: Option<f64>,
    employees: Option<u32>,
}

impl Organization {
    /// An organization as registered.
    pub fn new(id: OrgId, name: impl Into<String>, kind: OrgKind) -> Self {
        Organization {
            id,
            name: name.into(),
            kind,
            industry_codes: Vec::new(),
            annual_output_wan: None,
            employees: None,
        }
    }

    /// With its GB/T 4754-2017 industry codes.
    pub fn with_industry_codes(mut self, codes: Vec<String>) -> Self {
        self.industry_codes = codes;
        self
    }

    /// With its annual output value (万元) and head count.
    pub fn with_size(mut self, annual_output_wan: Option<f64>, employees: Option<u32>) -> Self {
        self.annual_output_wan = annual_output_wan;
        self.employees = employees;
        self
    }

    /// Its id.
    pub fn id(&self) -> &OrgId {
        &self.id
    }
    /// Its registered name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Enterprise, association or department.
    pub fn kind(&self) -> OrgKind {
        self.kind
    }
    /// Its industry codes.
    pub fn industry_codes(&self) -> &[String] {
        &self.industry_codes
    }
    /// Annual output value in 万元 (10,000 yuan), if known.
    pub fn annual_output_wan(&self) -> Option<f64> {
        self.annual_output_wan
    }
    /// Head count, if known.
    pub fn employees(&self) -> Option<u32> {
        self.employees
    }
}

/// The kind of a Party organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartyOrgKind {
    /// 党支部.
    Branch,
    /// 联合党支部: one branch for several small units.
    JointBranch,
    /// 党总支.
    GeneralBranch,
    /// 党委.
    Committee,
}

impl PartyOrgKind {
    /// Every kind, in the order a form offers them.
    pub const ALL: [PartyOrgKind; 4] = [
        PartyOrgKind::Branch,
        PartyOrgKind::JointBranch,
        PartyOrgKind::GeneralBranch,
        PartyOrgKind::Committee,
    ];

    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            PartyOrgKind::Branch => "branch",
            PartyOrgKind::JointBranch => "joint_branch",
            PartyOrgKind::GeneralBranch => "general_branch",
            PartyOrgKind::Committee => "committee",
        }
    }

    /// Whether an organization of this kind can be what `status` says: a
    /// unit's own organization is not a joint branch, a joint one is not a
    /// unit's branch, and with no organization there is no kind
    /// (`party_org_kind_mismatch` otherwise, a warning).
    pub const fn fits(self, status: PartyOrgStatus) -> bool {
        match status {
            PartyOrgStatus::Own => !matches!(self, PartyOrgKind::JointBranch),
            PartyOrgStatus::Joint => !matches!(self, PartyOrgKind::Branch),
            PartyOrgStatus::None => false,
        }
    }
}

/// How an enterprise is covered by a Party organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PartyOrgStatus {
    /// It has its own organization.
    Own,
    /// It is covered by a joint organization of several units.
    Joint,
    /// It has none (a liaison may cover it by work).
    None,
}

impl PartyOrgStatus {
    /// Every status, in the order a form offers them.
    pub const ALL: [PartyOrgStatus; 3] = [
        PartyOrgStatus::Own,
        PartyOrgStatus::Joint,
        PartyOrgStatus::None,
    ];

    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            PartyOrgStatus::Own => "own",
            PartyOrgStatus::Joint => "joint",
            PartyOrgStatus::None => "none",
        }
    }
}

/// The superior organization a Party organization reports to (隶属关系).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct Affiliation(String);

impl Affiliation {
    /// The affiliation named as recorded.
    pub fn new(superior: impl Into<String>) -> Self {
        Affiliation(superior.into())
    }

    /// The superior's name.
    pub fn superior(&self) -> &str {
        &self.0
    }
}

/// A Party organization: kind, members, units it is set up in, and exactly one
/// home affiliation, all fixed once recorded.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyOrganization {
    id: PartyOrgId,
    name: String,
    kind: PartyOrgKind,
    full_members: u32,
    probationary_members: u32,
    home_affiliation: Affiliation,
    units: Vec<OrgId>,
}

impl PartyOrganization {
    /// A Party organization as recorded by its own superior.
    pub fn new(
        id: PartyOrgId,
        name: impl Into<String>,
        kind: PartyOrgKind,
        members: (u32, u32),
        home_affiliation: Affiliation,
        units: Vec<OrgId>,
    ) -> Self {
        PartyOrganization {
            id,
            name: name.into(),
            kind,
            full_members: members.0,
            probationary_members: members.1,
            home_affiliation,
            units,
        }
    }

    /// Its id.
    pub fn id(&self) -> &PartyOrgId {
        &self.id
    }
    /// Its name.
    pub fn name(&self) -> &str {
        &self.name
    }
    /// Branch, joint branch, general branch or committee.
    pub fn kind(&self) -> PartyOrgKind {
        self.kind
    }
    /// Full members whose organizational relationship it holds.
    pub fn full_members(&self) -> u32 {
        self.full_members
    }
    /// Probationary members whose organizational relationship it holds.
    pub fn probationary_members(&self) -> u32 {
        self.probationary_members
    }
    /// The one superior it reports to.
    pub fn home_affiliation(&self) -> &Affiliation {
        &self.home_affiliation
    }
    /// The units it is set up in (one for its own, several for a joint one).
    pub fn units(&self) -> &[OrgId] {
        &self.units
    }
}
