//! The demand record of `docs/wire/records.md` ("Demand record"), normalised.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::enrollment::ContactRecord;

/// What kind of demand it is (Shenzhen enterprise demand service guide).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum DemandKind {
    /// 咨询.
    Consultation,
    /// 求助.
    Help,
    /// 投诉.
    Complaint,
    /// 举报.
    Report,
    /// 意见建议.
    Suggestion,
}

impl DemandKind {
    /// Every kind, in wire order.
    pub const ALL: [DemandKind; 5] = [
        DemandKind::Consultation,
        DemandKind::Help,
        DemandKind::Complaint,
        DemandKind::Report,
        DemandKind::Suggestion,
    ];

    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            DemandKind::Consultation => "consultation",
            DemandKind::Help => "help",
            DemandKind::Complaint => "complaint",
            DemandKind::Report => "report",
            DemandKind::Suggestion => "suggestion",
        }
    }

    /// Whether the text of a demand of this kind may be shown publicly
    /// (Open311 `GET requests`): not for a complaint (投诉) or a report
    /// (举报), which name third parties and may put the enterprise at risk;
    /// their topic, state and department stay public.
    pub const fn text_is_public(self) -> bool {
        !matches!(self, DemandKind::Complaint | DemandKind::Report)
    }
}

/// How urgent the enterprise says it is.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// The ordinary course.
    #[default]
    Normal,
    /// To be handled first.
    Urgent,
}

impl Urgency {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Urgency::Normal => "normal",
            Urgency::Urgent => "urgent",
        }
    }
}

/// The channel a demand came in by (`origin.channel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// The enterprise sent it through a portal (what an absent `origin` means).
    Portal,
    /// Raised at a visit (走访) of a contact programme.
    Visit,
    /// Raised at an activity (活动).
    Activity,
    /// Collected for, or raised at, a joint meeting (联席会议).
    JointMeeting,
    /// Through the hotline (12345).
    Hotline,
    /// At a Party and mass service centre (党群服务中心).
    Centre,
}

impl Channel {
    /// Every channel, in wire order.
    pub const ALL: [Channel; 6] = [
        Channel::Portal,
        Channel::Visit,
        Channel::Activity,
        Channel::JointMeeting,
        Channel::Hotline,
        Channel::Centre,
    ];

    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Channel::Portal => "portal",
            Channel::Visit => "visit",
            Channel::Activity => "activity",
            Channel::JointMeeting => "joint_meeting",
            Channel::Hotline => "hotline",
            Channel::Centre => "centre",
        }
    }
}

/// Where a demand came from: the channel, the record it came with (a visit's
/// or an activity's id) and the contact programme it counts toward. A demand
/// without an `origin` came through the portal. Open311 does not expose it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Origin {
    /// How it came in.
    pub channel: Channel,
    /// The id of the record it came with (a visit, an activity, a meeting).
    #[serde(rename = "ref", default)]
    pub reference: Option<String>,
    /// The id of the contact programme it counts toward.
    #[serde(default)]
    pub programme: Option<String>,
}

/// Metadata of an uploaded file (the upload itself is the portal's).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Attachment {
    /// File name as chosen.
    pub name: String,
    /// Size in bytes.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::NumberOrString"))]
    pub size_bytes: u64,
    /// MIME type.
    pub mime: String,
}

/// What the enterprise declares when submitting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Declarations {
    /// The matter is not in litigation, arbitration or petition (信访) channels.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::BoolOrString>")
    )]
    pub not_in_litigation: bool,
    /// The demand contains no state, commercial or personal secrets.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<crate::schema::BoolOrString>")
    )]
    pub no_secrets: bool,
}

/// A valid demand (it may still carry warnings).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Demand {
    /// Normalised USCC of the enterprise.
    pub enterprise_uscc: String,
    /// The enterprise's name.
    pub enterprise_name: String,
    /// Chain id, when the demand comes through a chain committee.
    #[serde(default)]
    pub chain: Option<String>,
    /// Kind.
    pub kind: DemandKind,
    /// Topic id as chosen; `None` leaves it to the classifier.
    #[serde(default)]
    pub topic: Option<String>,
    /// Title.
    pub title: String,
    /// Description.
    pub description: String,
    /// Urgency.
    #[serde(default)]
    pub urgency: Urgency,
    /// Contact person.
    pub contact: ContactRecord,
    /// Attachment metadata.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<Vec<Attachment>>"))]
    pub attachments: Vec<Attachment>,
    /// The declarations (both true in a valid demand).
    pub declarations: Declarations,
    /// When it was submitted. A server taking it in (`api::demand_intake`)
    /// sets its own receipt time here.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub submitted_at: DateTime<FixedOffset>,
    /// Where it came from; absent (and left out of the record) for the portal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// What the client said `submitted_at` was, when a server replaced it
    /// with its own receipt time (a browser's clock is the client's claim).
    /// Set by the server, never read from a form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub client_submitted_at: Option<DateTime<FixedOffset>>,
}
