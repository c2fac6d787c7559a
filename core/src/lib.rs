//! # lianjian — the domain rules of industry-chain Party building
//!
//! A district sets up one functional Party committee per industry chain.
//! Enterprises enroll into a chain committee and are placed on segments of the
//! chain **without any change to their existing affiliation**. This crate holds
//! the rules: identifiers, enrollment validation, findings and messages, the
//! chain catalog and the committee operations. It does no I/O and never reads
//! the clock: `today` is always an argument.
//!
//! ```
//! use chrono::NaiveDate;
//! use lianjian::{check_enrollment_json, Catalog, Code, Context, Lang, Messages};
//!
//! let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
//! let context = Context::new(Catalog::yantian(), today);
//! let record = r#"{
//!   "enterprise": { "name": "深圳市某某珠宝有限公司", "uscc": "91440300MA5FUTN418",
//!                   "kind": "enterprise", "industry_codes": ["2438"] },
//!   "chain": "gold_jewelry",
//!   "segments": ["manufacturing"],
//!   "party_org": { "status": "own", "kind": "branch", "name": "某某珠宝有限公司党支部",
//!                  "full_members": 2, "home_affiliation": "沙头角街道非公企业党委" },
//!   "contact": { "name": "王五", "phone": "138 0013 8000" },
//!   "joined_on": "2026-11-01"
//! }"#;
//! let checked = check_enrollment_json(record, &context);
//! assert!(!checked.report.is_valid());
//! assert!(checked.report.has(Code::BranchTooFewMembers));
//!
//! let rendered = Messages::new().render_report(Lang::En, &checked.report);
//! assert_eq!(rendered.findings[0].path.to_string(), "party_org.full_members");
//! println!("{}", rendered.findings[0].message);
//! ```
//!
//! ## Data model
//!
//! - [`Catalog`]: the chains of a district and their ordered segments, loaded
//!   from data ([`Catalog::yantian`] is built in).
//! - [`Organization`] (enterprise, association, government department) and
//!   [`PartyOrganization`] (branch, joint branch, general branch, committee)
//!   with exactly one home [`Affiliation`], held in a [`Registry`].
//! - [`FunctionalCommittee`]: one per chain; holds [`Membership`]s — links to
//!   organizations by id, with segments, dates and a liaison. Never ownership.
//! - [`District`]: the aggregate with the operations (enroll, change segments,
//!   withdraw, assign a liaison). Committee operations see the registry only
//!   through a shared reference, so they cannot touch an affiliation.
//! - [`Finding`] / [`Report`]: what a check found (stable [`Code`], [`Severity`],
//!   [`Path`], named parameters), rendered by [`Messages`] in zh-CN or en.

#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod api;
pub mod calendar;
pub mod catalog;
pub mod centre;
pub mod committee;
pub mod coverage;
pub mod demand;
pub mod enrollment;
mod error;
pub mod findings;
pub mod folder;
pub mod headline;
#[cfg(feature = "ical")]
pub mod ical;
pub mod ident;
mod input;
pub mod ledger;
mod order;
pub mod org;
pub mod outreach;
pub mod pairing;
pub mod roster;
#[cfg(feature = "schema")]
pub mod schema;
mod validation;

pub use catalog::{Catalog, Chain, Segment};
pub use committee::{
    CommitteeError, District, FunctionalCommittee, Liaison, Membership, Registry, Secretary,
};
pub use coverage::{Coverage, CoverageReport};
pub use enrollment::{check_enrollment_json, Checked, Enrollment};
pub use error::Error;
pub use findings::{Code, Finding, Lang, Messages, Param, Path, RenderedReport, Report, Severity};
pub use ident::{Phone, Uscc, UsccPolicy};
pub use org::{
    Affiliation, OrgId, OrgKind, Organization, PartyOrgId, PartyOrgKind, PartyOrgStatus,
    PartyOrganization,
};

use chrono::NaiveDate;

/// What every check needs besides the record: the catalog, the date, and the
/// district's recorded exceptions.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The chains and segments records may name.
    pub catalog: &'a Catalog,
    /// The date checks compare against (never read from a clock here).
    pub today: NaiveDate,
    /// Legacy USCC exceptions.
    pub uscc_policy: &'a UsccPolicy,
}

impl<'a> Context<'a> {
    /// A context with no recorded exceptions.
    pub fn new(catalog: &'a Catalog, today: NaiveDate) -> Self {
        Context {
            catalog,
            today,
            uscc_policy: UsccPolicy::none(),
        }
    }

    /// With a district's legacy USCC exceptions.
    pub fn with_uscc_policy(mut self, policy: &'a UsccPolicy) -> Self {
        self.uscc_policy = policy;
        self
    }
}
