//! Checking a demand record: every field, the exclusions, the attachments'
//! metadata, and whether it repeats an earlier demand.

use chrono::{DateTime, FixedOffset};
use validator::Validate;

use super::record::{Attachment, Channel, Declarations, Demand, DemandKind, Origin, Urgency};
use super::repeat::{RepeatCheck, Similarity};
use super::TOPIC_IDS;
use crate::enrollment::{check_json, check_object, Checked, ContactRecord};
use crate::findings::{Code, Finding, Path, Report};
use crate::ident::{uscc, Phone};
use crate::input::{Fields, Got, Kind, Schema};
use crate::Context;

/// The keys of the demand record, in the order of the form.
pub(crate) static TOP: Schema = Schema {
    fields: &[
        ("enterprise_uscc", Kind::Scalar),
        ("enterprise_name", Kind::Scalar),
        ("chain", Kind::Scalar),
        ("kind", Kind::Scalar),
        ("topic", Kind::Scalar),
        ("title", Kind::Scalar),
        ("description", Kind::Scalar),
        ("urgency", Kind::Scalar),
        ("contact", Kind::Object(&CONTACT)),
        (
            "attachments",
            Kind::Objects {
                schema: &ATTACHMENT,
                max: ATTACHMENTS_MAX as usize,
            },
        ),
        ("declarations", Kind::Object(&DECLARATIONS)),
        ("submitted_at", Kind::Scalar),
        ("origin", Kind::Object(&ORIGIN)),
    ],
};
/// The keys of `origin`.
pub(crate) static ORIGIN: Schema = Schema {
    fields: &[
        ("channel", Kind::Scalar),
        ("ref", Kind::Scalar),
        ("programme", Kind::Scalar),
    ],
};
pub(crate) static CONTACT: Schema = Schema {
    fields: &[
        ("name", Kind::Scalar),
        ("phone", Kind::Scalar),
        ("email", Kind::Scalar),
    ],
};
pub(crate) static ATTACHMENT: Schema = Schema {
    fields: &[
        ("name", Kind::Scalar),
        ("size_bytes", Kind::Scalar),
        ("mime", Kind::Scalar),
    ],
};
pub(crate) static DECLARATIONS: Schema = Schema {
    fields: &[
        ("not_in_litigation", Kind::Scalar),
        ("no_secrets", Kind::Scalar),
    ],
};

const KINDS: &[(&str, DemandKind)] = &[
    ("consultation", DemandKind::Consultation),
    ("help", DemandKind::Help),
    ("complaint", DemandKind::Complaint),
    ("report", DemandKind::Report),
    ("suggestion", DemandKind::Suggestion),
];
const URGENCIES: &[(&str, Urgency)] = &[("normal", Urgency::Normal), ("urgent", Urgency::Urgent)];
const CHANNELS: &[(&str, Channel)] = &[
    ("portal", Channel::Portal),
    ("visit", Channel::Visit),
    ("activity", Channel::Activity),
    ("joint_meeting", Channel::JointMeeting),
    ("hotline", Channel::Hotline),
    ("centre", Channel::Centre),
];

/// Characters of an id (`origin.ref`, `origin.programme`, and the ids of the
/// outreach records).
pub const ID_LENGTH: (u64, u64) = (1, 64);

/// Characters of the enterprise's name.
pub const ENTERPRISE_NAME_LENGTH: (u64, u64) = (2, 100);
/// Characters of a demand's title.
pub const TITLE_LENGTH: (u64, u64) = (5, 60);
/// Characters of a demand's description.
pub const DESCRIPTION_LENGTH: (u64, u64) = (10, 2000);
/// Characters of the contact's name.
pub const CONTACT_NAME_LENGTH: (u64, u64) = (1, 50);
/// Characters of an attachment's file name.
pub const ATTACHMENT_NAME_LENGTH: (u64, u64) = (1, 200);

/// Largest single attachment: 20 MiB.
pub const ATTACHMENT_MAX_BYTES: i64 = 20 * 1024 * 1024;
/// Largest total of all attachments: 50 MiB.
pub const ATTACHMENTS_MAX_TOTAL_BYTES: u64 = 50 * 1024 * 1024;
/// Most attachments on one demand.
pub const ATTACHMENTS_MAX: u64 = 9;

/// The MIME types a demand may attach, with the file extensions each allows.
pub const ALLOWED_ATTACHMENTS: &[(&str, &[&str])] = &[
    ("image/jpeg", &["jpg", "jpeg"]),
    ("image/png", &["png"]),
    ("application/pdf", &["pdf"]),
    ("application/msword", &["doc"]),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        &["docx"],
    ),
    ("application/vnd.ms-excel", &["xls"]),
    (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &["xlsx"],
    ),
    ("application/vnd.ms-powerpoint", &["ppt"]),
    (
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        &["pptx"],
    ),
    ("text/plain", &["txt"]),
];

/// A demand as typed, with the field rules of `validator`'s derive.
#[derive(Debug, Validate)]
pub struct DemandDraft {
    /// USCC as typed.
    pub enterprise_uscc: Option<String>,
    /// Enterprise name.
    #[validate(length(min = ENTERPRISE_NAME_LENGTH.0, max = ENTERPRISE_NAME_LENGTH.1))]
    pub enterprise_name: Option<String>,
    /// Chain id.
    pub chain: Option<String>,
    /// Kind.
    pub kind: Option<DemandKind>,
    /// Topic id.
    pub topic: Option<String>,
    /// Title: 5–60 characters.
    #[validate(length(min = TITLE_LENGTH.0, max = TITLE_LENGTH.1))]
    pub title: Option<String>,
    /// Description: 10–2,000 characters.
    #[validate(length(min = DESCRIPTION_LENGTH.0, max = DESCRIPTION_LENGTH.1))]
    pub description: Option<String>,
    /// Urgency.
    pub urgency: Option<Urgency>,
    /// Contact.
    #[validate(nested)]
    pub contact: Option<ContactDraft>,
    /// Attachments (at most [`ATTACHMENTS_MAX`], counted in the rules).
    #[validate(nested)]
    pub attachments: Option<Vec<AttachmentDraft>>,
    /// Declarations.
    pub not_in_litigation: Option<bool>,
    /// Declarations.
    pub no_secrets: Option<bool>,
    /// Whether `declarations` was given at all.
    pub declarations_given: bool,
    /// RFC 3339 timestamp as typed.
    pub submitted_at: Option<String>,
    /// Where it came from, as read (`None` when absent: the portal); `Err`
    /// when it was given but is not usable (its findings are reported).
    pub origin: Result<Option<Origin>, ()>,
}

/// The contact object as typed.
#[derive(Debug, Default, Validate)]
pub struct ContactDraft {
    /// Name.
    #[validate(length(min = CONTACT_NAME_LENGTH.0, max = CONTACT_NAME_LENGTH.1))]
    pub name: Option<String>,
    /// Phone as typed.
    pub phone: Option<String>,
    /// E-mail.
    #[validate(custom(function = "crate::validation::email"))]
    pub email: Option<String>,
}

/// One attachment as typed.
#[derive(Debug, Default, Validate)]
pub struct AttachmentDraft {
    /// File name.
    #[validate(length(min = ATTACHMENT_NAME_LENGTH.0, max = ATTACHMENT_NAME_LENGTH.1))]
    pub name: Option<String>,
    /// Size.
    #[validate(range(min = 1, max = ATTACHMENT_MAX_BYTES))]
    pub size_bytes: Option<i64>,
    /// MIME type.
    pub mime: Option<String>,
}

fn read(fields: &Fields<'_>, report: &mut Report) -> DemandDraft {
    let contact = fields
        .object("contact", true, report)
        .map(|f| ContactDraft {
            name: f.text("name", true, report),
            phone: f.text("phone", true, report),
            email: f.text("email", false, report),
        });
    let attachments = fields
        .objects("attachments", ATTACHMENTS_MAX as usize, report)
        .map(|items| {
            items
                .iter()
                .map(|f| AttachmentDraft {
                    name: f.text("name", true, report),
                    size_bytes: f.integer("size_bytes", true, report),
                    mime: f.text("mime", true, report),
                })
                .collect()
        });
    let declarations = fields.object("declarations", true, report);
    DemandDraft {
        enterprise_uscc: fields.text("enterprise_uscc", true, report),
        enterprise_name: fields.text("enterprise_name", true, report),
        chain: fields.text("chain", false, report),
        kind: fields.choice("kind", KINDS, true, report),
        topic: fields.text("topic", false, report),
        title: fields.text("title", true, report),
        description: fields.multiline_text("description", true, report),
        urgency: fields.choice("urgency", URGENCIES, false, report),
        contact,
        attachments,
        not_in_litigation: declarations
            .as_ref()
            .and_then(|f| f.boolean("not_in_litigation", false, report)),
        no_secrets: declarations
            .as_ref()
            .and_then(|f| f.boolean("no_secrets", false, report)),
        declarations_given: declarations.is_some(),
        submitted_at: fields.text("submitted_at", true, report),
        origin: read_origin(fields, report),
    }
}

/// `origin`: a channel, and ids of the record and the programme.
fn read_origin(fields: &Fields<'_>, report: &mut Report) -> Result<Option<Origin>, ()> {
    let Some(origin) = fields.object("origin", false, report) else {
        // Absent or null is the portal; anything else was reported.
        return if fields.raw("origin").is_some() {
            Err(())
        } else {
            Ok(None)
        };
    };
    let channel = origin.choice("channel", CHANNELS, true, report);
    let reference = origin.text_within("ref", false, false, ID_LENGTH, report);
    let programme = origin.text_within("programme", false, false, ID_LENGTH, report);
    if report.has_errors_at(origin.at()) {
        return Err(());
    }
    Ok(Some(Origin {
        channel: channel.ok_or(())?,
        reference,
        programme,
    }))
}

/// Checks a demand given as JSON text against `earlier` demands.
pub fn check_demand_json(
    json: &str,
    context: &Context<'_>,
    earlier: &RepeatCheck<'_>,
) -> Checked<Demand> {
    check_json(json, &TOP, |got| check_demand_got(got, context, earlier))
}

/// Checks a demand already read (from JSON text, or built from an Open311
/// request) against `earlier` demands.
pub(crate) fn check_demand_got(
    value: &Got<'_>,
    context: &Context<'_>,
    earlier: &RepeatCheck<'_>,
) -> Checked<Demand> {
    check_object(value, &TOP, |fields, report| {
        let draft = read(fields, report);
        if let Err(errors) = draft.validate() {
            crate::validation::collect(&errors, &Path::root(), report);
        }
        rules(draft, context, earlier, report)
    })
}

/// Parses an RFC 3339 timestamp with an explicit offset.
/// (Exactly chrono's `DateTime::parse_from_rfc3339`, with less code.)
pub fn parse_datetime(text: &str) -> Option<DateTime<FixedOffset>> {
    crate::ident::parse_datetime(text)
}

fn rules(
    d: DemandDraft,
    context: &Context<'_>,
    earlier: &RepeatCheck<'_>,
    report: &mut Report,
) -> Option<Demand> {
    let root = Path::root();
    let code = d
        .enterprise_uscc
        .as_deref()
        .and_then(|t| uscc::check(t, context.uscc_policy, &root.key("enterprise_uscc"), report));
    // What was typed is not quoted back: it could be anything.
    if d.chain
        .as_deref()
        .is_some_and(|c| context.catalog.chain(c).is_none())
    {
        report.add(Code::UnknownChain, root.key("chain"));
    }
    if d.topic.as_deref().is_some_and(|t| !TOPIC_IDS.contains(&t)) {
        let allowed: Vec<String> = TOPIC_IDS.iter().map(|t| (*t).to_owned()).collect();
        report.push(Finding::new(Code::InvalidOption, root.key("topic")).with("allowed", allowed));
    }
    let contact = d.contact.and_then(|c| {
        let phone = match c.phone.as_deref().map(Phone::parse) {
            Some(Ok(p)) => Some(p.as_str().to_owned()),
            Some(Err(code)) => {
                report.add(code, root.key("contact").key("phone"));
                None
            }
            None => None,
        };
        Some(ContactRecord {
            name: c.name?,
            phone: phone?,
            email: c.email,
        })
    });
    let attachments = d
        .attachments
        .map(|items| attachments(items, &root.key("attachments"), report));
    let declarations = declarations(
        d.declarations_given,
        d.not_in_litigation,
        d.no_secrets,
        report,
    );
    let submitted_at = d.submitted_at.as_deref().and_then(|text| {
        let path = root.key("submitted_at");
        match parse_datetime(text) {
            None => {
                report.add(Code::DateTimeInvalid, path);
                None
            }
            Some(at) if at.date_naive() > context.today => {
                report.push(
                    Finding::new(Code::DateInFuture, path).with("today", context.today.to_string()),
                );
                None
            }
            Some(at) => Some(at),
        }
    });
    if let (Some(code), Some(title), Some(description), Some(at)) =
        (&code, &d.title, &d.description, submitted_at)
    {
        if let Some(hit) = earlier.find(code.as_str(), title, description, at) {
            let Similarity {
                earlier_id,
                percent,
                days,
            } = hit;
            report.push(
                Finding::new(Code::DemandRepeat, root.key("description"))
                    .with("earlier", earlier_id)
                    .with("similarity", percent)
                    .with("days", days),
            );
        }
    }
    Some(Demand {
        enterprise_uscc: code?.as_str().to_owned(),
        enterprise_name: d.enterprise_name?,
        chain: d.chain,
        kind: d.kind?,
        topic: d.topic,
        title: d.title?,
        description: d.description?,
        urgency: d.urgency.unwrap_or_default(),
        contact: contact?,
        attachments: attachments.unwrap_or(Some(Vec::new()))?,
        declarations: declarations?,
        submitted_at: submitted_at?,
        origin: d.origin.ok()?,
        client_submitted_at: None,
    })
}

pub(crate) fn attachments(
    items: Vec<AttachmentDraft>,
    path: &Path,
    report: &mut Report,
) -> Option<Vec<Attachment>> {
    let mut out = Vec::with_capacity(items.len());
    let mut total: u64 = 0;
    let mut complete = true;
    for (i, a) in items.into_iter().enumerate() {
        let at = path.index(i);
        let allowed = a
            .mime
            .as_deref()
            .map(|m| m.to_ascii_lowercase())
            .and_then(|m| {
                let found = ALLOWED_ATTACHMENTS.iter().find(|(mime, _)| *mime == m);
                if found.is_none() {
                    let names: Vec<String> = ALLOWED_ATTACHMENTS
                        .iter()
                        .map(|(m, _)| (*m).to_owned())
                        .collect();
                    report.push(
                        Finding::new(Code::AttachmentType, at.key("mime")).with("allowed", names),
                    );
                }
                found
            });
        if let (Some((mime, extensions)), Some(name)) = (allowed, a.name.as_deref()) {
            let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
            if !extension
                .as_deref()
                .is_some_and(|e| extensions.contains(&e))
            {
                let expected: Vec<String> = extensions.iter().map(|e| format!(".{e}")).collect();
                report.push(
                    Finding::new(Code::AttachmentExtensionMismatch, at.key("name"))
                        .with("mime", *mime)
                        .with("expected", expected),
                );
                complete = false;
            }
        }
        let size = a
            .size_bytes
            .and_then(|s| u64::try_from(s).ok())
            .filter(|&s| s > 0);
        total = total.saturating_add(size.unwrap_or(0));
        match (a.name, size, allowed) {
            (Some(name), Some(size_bytes), Some((mime, _))) => out.push(Attachment {
                name,
                size_bytes,
                mime: (*mime).to_owned(),
            }),
            _ => complete = false,
        }
    }
    if total > ATTACHMENTS_MAX_TOTAL_BYTES {
        report.push(
            Finding::new(Code::AttachmentsTooLarge, path.clone())
                .with("max_mib", ATTACHMENTS_MAX_TOTAL_BYTES >> 20),
        );
        complete = false;
    }
    complete.then_some(out)
}

fn declarations(
    given: bool,
    litigation: Option<bool>,
    secrets: Option<bool>,
    report: &mut Report,
) -> Option<Declarations> {
    if !given {
        return None;
    }
    let path = Path::root().key("declarations");
    let mut ok = true;
    for (key, value) in [("not_in_litigation", litigation), ("no_secrets", secrets)] {
        if value != Some(true) && !report.has_errors_at(&path.key(key)) {
            report.add(Code::DeclarationRequired, path.key(key));
        }
        ok &= value == Some(true);
    }
    ok.then_some(Declarations {
        not_in_litigation: true,
        no_secrets: true,
    })
}
