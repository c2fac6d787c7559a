//! Enterprise demands (诉求): validation, classification, the lifecycle with
//! working-day deadlines, the joint meeting, and Open311 GeoReport v2.
//!
//! ```
//! use lianjian::demand::{check_demand_json, Dictionary, RepeatCheck};
//! use lianjian::{Catalog, Context};
//!
//! let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
//! let context = Context::new(Catalog::yantian(), today);
//! let demand = r#"{"enterprise_uscc": "91440300MA5FUTN418", "enterprise_name": "深圳市某某物流有限公司",
//!   "chain": "port_logistics", "kind": "help", "title": "盐田港后方陆域高峰期拥堵",
//!   "description": "每天下午四点到七点进港拖车排队超过两公里。", "contact": {"name": "李四", "phone": "13900139000"},
//!   "declarations": {"not_in_litigation": true, "no_secrets": true}, "submitted_at": "2026-11-25T10:00:00+08:00"}"#;
//! let checked = check_demand_json(demand, &context, &RepeatCheck::default());
//! assert!(checked.report.is_valid());
//!
//! let suggestion = Dictionary::builtin().classifier().classify("盐田港后方陆域高峰期拥堵", "进港拖车排队");
//! assert_eq!(suggestion.topic, "traffic");
//! assert_eq!(suggestion.department, "traffic_police");
//! ```

mod classify;
mod lifecycle;
pub mod meeting;
pub mod open311;
mod record;
mod repeat;
mod stored;
mod upload;
pub(crate) mod validate;

pub use crate::calendar::{Calendar, DeadlinePolicy};
pub use classify::{
    Candidate, Classification, Classifier, Department, Dictionary, DictionaryExtension, TopicEntry,
};
pub use lifecycle::{
    Case, CloseReason, Event, EventKind, RevisitChannel, Rules, Satisfaction, State,
};
pub use record::{Attachment, Channel, Declarations, Demand, DemandKind, Origin, Urgency};
pub use repeat::{Lookup, PriorDemand, RepeatCheck, Similarity};
pub use stored::{check_stored_demand_json, StoredDemand, EVENTS_MAX};
pub use upload::{check_uploads, content_fits, Upload, UPLOAD_HEAD_BYTES};
pub use validate::{
    check_demand_json, parse_datetime, AttachmentDraft, ContactDraft, DemandDraft,
    ALLOWED_ATTACHMENTS, ATTACHMENTS_MAX, ATTACHMENTS_MAX_TOTAL_BYTES, ATTACHMENT_MAX_BYTES,
    ATTACHMENT_NAME_LENGTH, CONTACT_NAME_LENGTH, DESCRIPTION_LENGTH, ENTERPRISE_NAME_LENGTH,
    ID_LENGTH, TITLE_LENGTH,
};

/// The topic ids of the wire contract.
pub const TOPIC_IDS: [&str; 13] = [
    "tax",
    "customs",
    "social_security",
    "labour_relations",
    "talent",
    "financing",
    "intellectual_property",
    "market_regulation",
    "traffic",
    "industry_policy",
    "land_space",
    "culture_tourism",
    "other",
];
