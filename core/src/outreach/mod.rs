//! Outreach: the service work a district does beside its chains — contact
//! programmes (联系服务企业行动, 万名干部助企行), the visits their contacts make
//! (走访), the demands raised at them, and the activity ledger (活动台账) —
//! as records read and checked like the enrollment and the demand, with
//! every finding returned.
//!
//! ```
//! use chrono::NaiveDate;
//! use lianjian::calendar::Calendar;
//! use lianjian::outreach::{check_visit_json, OutreachContext};
//! use lianjian::{Catalog, Code, Context};
//!
//! let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
//! let calendar = Calendar::china();
//! let context = OutreachContext::new(Context::new(Catalog::yantian(), today), &calendar);
//! let visit = r#"{"id": "v-1", "programme": "wanming-2026", "contact": "c-07",
//!   "enterprise_uscc": "91440300MA5FUTN418", "enterprise_name": "深圳市盐港示例物流有限公司",
//!   "mode": "on_site", "visited_at": "2026-11-20T15:00:00+08:00"}"#;
//! let checked = check_visit_json(visit, &context);
//! assert!(checked.report.has(Code::VisitEmpty));
//! ```
//!
//! ## Data model
//!
//! - [`Programme`]: a period, an owner, key enterprises (USCCs), contacts
//!   (cadres by account id, member units by department) holding enterprises,
//!   a [`Cadence`] and a [`Quota`].
//! - [`Visit`]: one contact with one enterprise at one time, by [`VisitMode`];
//!   its demands are demand records checked by the demand rules (paths
//!   `demands[i].…`), each with an optional on-site reply.
//!   [`Visit::intake`] gives each as stored, with the lifecycle events its
//!   on-site reply appends.
//! - [`Activity`]: one dated occurrence in one place, of a kind and maybe a
//!   series of the catalog, with attendance, lecturers by role, training
//!   hours, demands raised and answered, its record, and for financing and
//!   initiative kinds their [`Financing`] lines and [`Initiative`].
//! - [`cadence`]: on a date, each contact × assigned enterprise `on_time`,
//!   `due` or `overdue`.
//! - [`History`] and [`StatusLog`]: stored outreach records are append-only;
//!   a correction is an amendment with a reason.
//!
//! Nothing here touches an organization or its affiliation: these records
//! name enterprises by USCC and people by account id or role, never more.

mod activity;
mod cadence;
mod common;
mod financing;
mod history;
mod programme;
mod visit;

pub use activity::{
    activity_against_earlier, check_activity_json, Activity, ActivityRecord, ActivityStatus,
    Lecturer, LecturerRole, Organizer, OrganizerKind, PartyMembersPresent, Venue, ACTIVITY_LIMITS,
};
pub use cadence::{cadence, CadenceEntry, CadenceStatus};
pub use common::OutreachContext;
pub use financing::{Financing, FinancingLine, Initiative, Signatory, Stage};
pub use history::{History, Revision, StatusChange, StatusLog};
pub use programme::{
    check_programme_json, programme_against_earlier, Cadence, Contact, ContactKind, Programme,
    Quota, PROGRAMME_LIMITS,
};
pub use visit::{
    check_visit_json, visit_against_earlier, Visit, VisitDemand, VisitMode,
    DEMAND_ENTRY_WORKING_DAYS, VISIT_LIMITS,
};

pub(crate) use activity::TOP as ACTIVITY;
pub(crate) use programme::{check_programme_got, TOP as PROGRAMME};
pub(crate) use visit::TOP as VISIT;

#[cfg(test)]
mod tests;
