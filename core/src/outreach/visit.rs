//! The visit (走访): one contact with one enterprise at one time, by a mode;
//! the demands raised at it, checked by the demand rules; and what the store
//! does with them — each stored with its origin, an on-site reply appending
//! assigned → accepted → replied at the visit's time.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use super::common::{self, ends_before_start, id_used_earlier};
use super::{OutreachContext, Programme};
use crate::demand::validate::{check_demand_got, ATTACHMENT, CONTACT, DECLARATIONS, ORIGIN};
use crate::demand::{
    Channel, Demand, Event, EventKind, Origin, PriorDemand, RepeatCheck, ATTACHMENTS_MAX,
    ENTERPRISE_NAME_LENGTH,
};
use crate::enrollment::{check_json, check_object, Checked};
use crate::findings::{Code, Finding, Path, Report};
use crate::ident::uscc;
use crate::input::{Fields, Got, Kind, Schema};

/// The limits of the visit's fields.
pub mod limits {
    /// Visitors (account ids) one visit lists at most.
    pub const VISITORS_MAX: usize = 20;
    /// Policies (topic ids) delivered at one visit, at most.
    pub const POLICIES_MAX: usize = 20;
    /// Demands raised at one visit, at most.
    pub const DEMANDS_MAX: usize = 20;
    /// Characters of the notes and of an on-site reply.
    pub const NOTES_LENGTH: (u64, u64) = (1, 2000);
}

pub use limits as VISIT_LIMITS;
use limits::*;

/// Working days after a visit within which its demands are entered (深圳:
/// other demands are answered within 3 working days); later is
/// `demand_entered_late`.
pub const DEMAND_ENTRY_WORKING_DAYS: u32 = 3;

/// The keys of the visit record, in the order of the form.
pub(crate) static TOP: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("programme", Kind::Scalar),
        ("contact", Kind::Scalar),
        ("enterprise_uscc", Kind::Scalar),
        ("enterprise_name", Kind::Scalar),
        ("mode", Kind::Scalar),
        ("visited_at", Kind::Scalar),
        ("visitors", Kind::Scalars { max: VISITORS_MAX }),
        ("policies_delivered", Kind::Scalars { max: POLICIES_MAX }),
        ("notes", Kind::Scalar),
        (
            "demands",
            Kind::Objects {
                schema: &DEMAND,
                max: DEMANDS_MAX,
            },
        ),
        ("next_visit_on", Kind::Scalar),
    ],
};

/// A demand raised at a visit: the demand record's keys (the same as
/// `demand::validate::TOP`, a test keeps them so) and `on_site_reply`.
static DEMAND: Schema = Schema {
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
        ("on_site_reply", Kind::Scalar),
    ],
};

/// How a visit was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum VisitMode {
    /// 实地: at the enterprise. Only these count toward `on_site_days`.
    OnSite,
    /// By telephone.
    Phone,
    /// Online.
    Online,
    /// At a Party and mass service centre.
    AtCentre,
    /// 座谈会: a meeting.
    Meeting,
}

impl VisitMode {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            VisitMode::OnSite => "on_site",
            VisitMode::Phone => "phone",
            VisitMode::Online => "online",
            VisitMode::AtCentre => "at_centre",
            VisitMode::Meeting => "meeting",
        }
    }
}

const MODES: &[(&str, VisitMode)] = &[
    ("on_site", VisitMode::OnSite),
    ("phone", VisitMode::Phone),
    ("online", VisitMode::Online),
    ("at_centre", VisitMode::AtCentre),
    ("meeting", VisitMode::Meeting),
];

/// A demand raised at a visit: the normalised demand, and the reply given
/// on the spot, if any.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct VisitDemand {
    /// The demand record.
    #[serde(flatten)]
    pub demand: Demand,
    /// 当场答复: the answer given during the visit.
    #[serde(default)]
    pub on_site_reply: Option<String>,
}

/// A visit, normalised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(
    feature = "schema",
    derive(schemars::JsonSchema),
    schemars(deny_unknown_fields)
)]
pub struct Visit {
    /// Id.
    pub id: String,
    /// The programme's id.
    pub programme: String,
    /// The contact's id in the programme.
    pub contact: String,
    /// The visited enterprise, normalised USCC.
    pub enterprise_uscc: String,
    /// Its name.
    pub enterprise_name: String,
    /// How.
    pub mode: VisitMode,
    /// When.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub visited_at: DateTime<FixedOffset>,
    /// Who went (account ids).
    #[serde(default)]
    pub visitors: Vec<String>,
    /// Policies delivered (topic ids).
    #[serde(default)]
    pub policies_delivered: Vec<String>,
    /// What was found.
    #[serde(default)]
    pub notes: Option<String>,
    /// The demands raised.
    #[serde(default)]
    pub demands: Vec<VisitDemand>,
    /// When the next visit is planned.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub next_visit_on: Option<NaiveDate>,
}

impl Visit {
    /// Each demand as the store keeps it: `origin` the visit (channel
    /// `visit`, `ref` its id, its programme), `submitted_at` the visit's time
    /// (the time typed is kept as `client_submitted_at`), and the lifecycle
    /// events to append: `submitted` by the contact, and with an on-site
    /// reply `assigned` (to the contact's department when the programme gives
    /// one, else `on_site_department`), `accepted` and `replied`, all at the
    /// visit's time. The deadline is the lifecycle's (the kind's limit).
    /// The demand is resolved only by a later satisfied `revisited`.
    pub fn intake(
        &self,
        programme: Option<&Programme>,
        on_site_department: &str,
    ) -> Vec<(Demand, Vec<Event>)> {
        let department = programme
            .and_then(|p| p.contact(&self.contact))
            .and_then(|c| c.department.as_deref())
            .unwrap_or(on_site_department);
        let event = |kind: EventKind| Event {
            at: self.visited_at,
            actor: self.contact.clone(),
            note: None,
            kind,
        };
        self.demands
            .iter()
            .map(|d| {
                let mut demand = d.demand.clone();
                if demand.submitted_at != self.visited_at {
                    demand.client_submitted_at = Some(demand.submitted_at);
                }
                demand.submitted_at = self.visited_at;
                demand.origin = Some(Origin {
                    channel: Channel::Visit,
                    reference: Some(self.id.clone()),
                    programme: Some(self.programme.clone()),
                });
                let mut events = vec![event(EventKind::Submitted)];
                if let Some(reply) = &d.on_site_reply {
                    events.push(event(EventKind::assigned(department, None)));
                    events.push(event(EventKind::Accepted));
                    events.push(event(EventKind::Replied {
                        reply: reply.clone(),
                    }));
                }
                (demand, events)
            })
            .collect()
    }
}

/// Checks a visit given as JSON text.
pub fn check_visit_json(json: &str, context: &OutreachContext<'_>) -> Checked<Visit> {
    check_json(json, &TOP, |got| check_visit_got(got, context))
}

/// Checks a visit already read.
pub(crate) fn check_visit_got(value: &Got<'_>, context: &OutreachContext<'_>) -> Checked<Visit> {
    check_object(value, &TOP, |fields, report| read(fields, context, report))
}

fn read(f: &Fields<'_>, ctx: &OutreachContext<'_>, report: &mut Report) -> Option<Visit> {
    let context = &ctx.context;
    let id = common::id(f, "id", true, report);
    let programme = common::id(f, "programme", true, report);
    let contact = common::id(f, "contact", true, report);
    let enterprise = common::one_uscc(f, "enterprise_uscc", true, context, report);
    let enterprise_name = f.text_within(
        "enterprise_name",
        true,
        false,
        ENTERPRISE_NAME_LENGTH,
        report,
    );
    let mode = f.choice("mode", MODES, true, report);
    let visited_at = common::time(f, "visited_at", true, Some(context.today), report);
    let visitors = common::ids(f, "visitors", VISITORS_MAX, report);
    let policies = common::topic_ids(f, "policies_delivered", POLICIES_MAX, report);
    let notes = f.text_within("notes", false, true, NOTES_LENGTH, report);
    let (demands, given) = demands(f, ctx, enterprise.as_deref(), visited_at, report);
    let next_visit_on = common::date(f, "next_visit_on", false, None, report);
    if let (Some(next), Some(at)) = (next_visit_on, visited_at) {
        if next < at.date_naive() {
            report.push(ends_before_start(f.path("next_visit_on"), "visited_at"));
        }
    }
    let policies_given = matches!(f.raw("policies_delivered"), Some(Got::List(_, n)) if *n > 0);
    // Notes of white space say nothing; notes refused for their own reason
    // (too long, not text) have their finding already.
    let notes_blank = notes.as_deref().is_none_or(|n| n.trim().is_empty());
    if notes_blank && given == 0 && !policies_given && !report.has_errors_at(&f.path("notes")) {
        report.add(Code::VisitEmpty, Path::root());
    }
    if let Some(programme_given) = ctx.programme {
        against_programme(
            f,
            programme_given,
            programme.as_deref(),
            contact.as_deref(),
            enterprise.as_deref(),
            visited_at,
            report,
        );
    }
    Some(Visit {
        id: id?,
        programme: programme?,
        contact: contact?,
        enterprise_uscc: enterprise?,
        enterprise_name: enterprise_name?,
        mode: mode?,
        visited_at: visited_at?,
        visitors,
        policies_delivered: policies,
        notes,
        demands: demands?,
        next_visit_on,
    })
}

/// The demands raised, each checked by the demand rules at `demands[i]`,
/// and against the visit: the same enterprise, entered in time. Answers the
/// demands (`None` when one is refused) and how many were given.
fn demands(
    f: &Fields<'_>,
    ctx: &OutreachContext<'_>,
    enterprise: Option<&str>,
    visited_at: Option<DateTime<FixedOffset>>,
    report: &mut Report,
) -> (Option<Vec<VisitDemand>>, usize) {
    let path = f.path("demands");
    let items = match f.raw("demands") {
        None => return (Some(Vec::new()), 0),
        Some(Got::List(_, count)) if *count > DEMANDS_MAX => {
            report.push(Finding::new(Code::TooManyItems, path).with("max", DEMANDS_MAX));
            return (None, *count);
        }
        Some(Got::List(items, _)) => items,
        Some(other) => {
            report.push(
                Finding::new(Code::WrongType, path)
                    .with("expected", "array")
                    .with("found", other.type_name()),
            );
            return (None, 1);
        }
    };
    let mut out = Vec::with_capacity(items.len());
    let mut earlier: Vec<PriorDemand> = Vec::new();
    let mut complete = true;
    for (i, item) in items.iter().enumerate() {
        let at = path.index(i);
        let checked = check_demand_got(item, &ctx.context, &RepeatCheck::against(&earlier));
        for mut finding in checked.report {
            finding.path = finding.path.under(&at);
            report.push(finding);
        }
        // The reply is read beside the demand, which reported every other key.
        let mut quiet = Report::new();
        let reply = Fields::open(item, at.clone(), &mut quiet)
            .and_then(|d| d.text_within("on_site_reply", false, true, NOTES_LENGTH, report));
        let typed_uscc = match item {
            Got::Object(object) => object.get("enterprise_uscc").and_then(Got::as_str),
            _ => None,
        };
        let uscc_path = at.key("enterprise_uscc");
        if let (Some(visited), Some(typed)) = (enterprise, typed_uscc) {
            if !report.has_errors_at(&uscc_path) && uscc::normalize(typed) != visited {
                report.add(Code::VisitDemandOtherEnterprise, uscc_path);
            }
        }
        match checked.record {
            Some(demand) if !report.has_errors_at(&at) => {
                if let Some(visited_at) = visited_at {
                    entered_in_time(&demand, visited_at, ctx, &at, report);
                }
                earlier.push(PriorDemand {
                    id: format!("demands[{i}]"),
                    enterprise_uscc: demand.enterprise_uscc.clone(),
                    title: demand.title.clone(),
                    description: demand.description.clone(),
                    submitted_at: demand.submitted_at,
                });
                out.push(VisitDemand {
                    demand,
                    on_site_reply: reply,
                });
            }
            _ => complete = false,
        }
    }
    (complete.then_some(out), items.len())
}

/// A demand entered more than 3 working days after the visit is
/// `demand_entered_late` at its `submitted_at`.
fn entered_in_time(
    demand: &Demand,
    visited_at: DateTime<FixedOffset>,
    ctx: &OutreachContext<'_>,
    at: &Path,
    report: &mut Report,
) {
    let late = ctx
        .calendar
        .working_days_between(visited_at.date_naive(), demand.submitted_at.date_naive());
    if late > DEMAND_ENTRY_WORKING_DAYS {
        report.push(
            Finding::new(Code::DemandEnteredLate, at.key("submitted_at"))
                .with("working_days", late)
                .with("max", DEMAND_ENTRY_WORKING_DAYS),
        );
    }
}

/// The rules that need the programme: the programme named, the contact in
/// it, the enterprise assigned to the contact, the time within the period.
fn against_programme(
    f: &Fields<'_>,
    programme: &Programme,
    named: Option<&str>,
    contact: Option<&str>,
    enterprise: Option<&str>,
    visited_at: Option<DateTime<FixedOffset>>,
    report: &mut Report,
) {
    if named.is_some_and(|p| p != programme.id) {
        report.add(Code::UnknownProgramme, f.path("programme"));
        return;
    }
    if let Some(id) = contact {
        match programme.contact(id) {
            None => report.add(Code::UnknownContact, f.path("contact")),
            Some(c) => {
                if enterprise.is_some_and(|e| !c.enterprises.iter().any(|held| held == e)) {
                    report.add(Code::VisitNotAssigned, f.path("enterprise_uscc"));
                }
            }
        }
    }
    if let Some(at) = visited_at {
        let day = at.date_naive();
        if day < programme.from || day > programme.to {
            report.push(
                Finding::new(Code::VisitOutsideProgramme, f.path("visited_at"))
                    .with("from", programme.from.to_string())
                    .with("to", programme.to.to_string()),
            );
        }
    }
}

/// The rules against the visits on earlier lines (`(label, visit)`): an id
/// used already (`duplicate_id`), the same contact, enterprise, day and mode
/// again (`visit_repeated`).
pub fn visit_against_earlier(visit: &Visit, earlier: &[(String, Visit)], report: &mut Report) {
    id_used_earlier(
        &visit.id,
        earlier
            .iter()
            .map(|(label, v)| (label.as_str(), v.id.as_str())),
        report,
    );
    let day = visit.visited_at.date_naive();
    if let Some((label, _)) = earlier.iter().find(|(_, v)| {
        v.contact == visit.contact
            && v.enterprise_uscc == visit.enterprise_uscc
            && v.mode == visit.mode
            && v.visited_at.date_naive() == day
    }) {
        report.push(
            Finding::new(Code::VisitRepeated, Path::root().key("visited_at"))
                .with("earlier", label.as_str()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_visit_demand_has_the_demand_keys_and_the_reply() {
        let demand: Vec<&str> = crate::demand::validate::TOP
            .fields
            .iter()
            .map(|(k, _)| *k)
            .collect();
        let visit: Vec<&str> = DEMAND.fields.iter().map(|(k, _)| *k).collect();
        assert_eq!(visit[..demand.len()], demand[..]);
        assert_eq!(visit[demand.len()..], ["on_site_reply"]);
    }
}
