//! Checking a pairing record: every field, and the rules of
//! `docs/wire/pairings.md` on pairings (a unit paired with itself, a second
//! active pairing of the same units, no chain leader, a side without a
//! liaison, 90 days without activity, outcome or report, a plan item past
//! due without an outcome).

use chrono::NaiveDate;

use super::record::{
    Amendment, Content, FiledReport, Outcome, OutcomeKind, Pairing, PairingKind, PairingStatus,
    Party, PartyRole, PlanItem, Renewal, Unit,
};
use crate::demand::{Dictionary, TOPIC_IDS};
use crate::enrollment::{check_json, check_object, Checked, PersonRecord};
use crate::findings::{Code, Finding, Path, Report};
use crate::ident::{uscc, Phone};
use crate::input::{self, Fields, Got, Kind, Schema};
use crate::Context;

/// The keys of the pairing record, in the order of its form.
pub(crate) static TOP: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("theme", Kind::Scalar),
        ("kind", Kind::Scalar),
        ("chain", Kind::Scalar),
        (
            "parties",
            Kind::Objects {
                schema: &PARTY,
                max: PARTIES_MAX,
            },
        ),
        ("contents", Kind::Scalars { max: CONTENTS_MAX }),
        ("signed_on", Kind::Scalar),
        ("valid_until", Kind::Scalar),
        ("status", Kind::Scalar),
        ("ended_on", Kind::Scalar),
        ("end_reason", Kind::Scalar),
        (
            "plan",
            Kind::Objects {
                schema: &PLAN_ITEM,
                max: PLAN_MAX,
            },
        ),
        (
            "outcomes",
            Kind::Objects {
                schema: &OUTCOME,
                max: OUTCOMES_MAX,
            },
        ),
        (
            "reports",
            Kind::Objects {
                schema: &REPORT,
                max: REPORTS_MAX,
            },
        ),
        (
            "renewals",
            Kind::Objects {
                schema: &RENEWAL,
                max: RENEWALS_MAX,
            },
        ),
        (
            "amendments",
            Kind::Objects {
                schema: &AMENDMENT,
                max: AMENDMENTS_MAX,
            },
        ),
    ],
};
static PARTY: Schema = Schema {
    fields: &[
        ("role", Kind::Scalar),
        ("org", Kind::Object(&ORG)),
        ("party_org", Kind::Scalar),
        ("liaison", Kind::Object(&LIAISON)),
    ],
};
static ORG: Schema = Schema {
    fields: &[
        ("kind", Kind::Scalar),
        ("uscc", Kind::Scalar),
        ("id", Kind::Scalar),
    ],
};
static LIAISON: Schema = Schema {
    fields: &[("name", Kind::Scalar), ("phone", Kind::Scalar)],
};
static PLAN_ITEM: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("title", Kind::Scalar),
        ("content", Kind::Scalar),
        ("due_on", Kind::Scalar),
        ("topics", Kind::Scalars { max: TOPICS_MAX }),
    ],
};
static OUTCOME: Schema = Schema {
    fields: &[
        ("id", Kind::Scalar),
        ("kind", Kind::Scalar),
        ("plan_item", Kind::Scalar),
        ("title", Kind::Scalar),
        ("adopted_on", Kind::Scalar),
        ("participants", Kind::Scalars { max: PARTIES_MAX }),
        ("demands", Kind::Scalars { max: DEMANDS_MAX }),
    ],
};
static REPORT: Schema = Schema {
    fields: &[("filed_on", Kind::Scalar), ("summary", Kind::Scalar)],
};
static RENEWAL: Schema = Schema {
    fields: &[("on", Kind::Scalar), ("valid_until", Kind::Scalar)],
};
static AMENDMENT: Schema = Schema {
    fields: &[
        ("on", Kind::Scalar),
        ("target", Kind::Scalar),
        ("reason", Kind::Scalar),
    ],
};

/// Parties of one pairing.
pub const PARTIES_MAX: usize = 20;
/// Contents named (the five, each once).
pub const CONTENTS_MAX: usize = 5;
/// Items of a plan.
pub const PLAN_MAX: usize = 200;
/// Outcomes recorded.
pub const OUTCOMES_MAX: usize = 500;
/// Reports filed.
pub const REPORTS_MAX: usize = 200;
/// Renewals.
pub const RENEWALS_MAX: usize = 50;
/// Amendments.
pub const AMENDMENTS_MAX: usize = 500;
/// Topics of a plan item.
pub const TOPICS_MAX: usize = 13;
/// Demands one outcome answers.
pub const DEMANDS_MAX: usize = 200;
/// Characters of an id (pairing, plan item, outcome, street, demand).
pub const ID_LENGTH: (u64, u64) = (1, 64);
/// Characters of a theme or a title.
pub const TITLE_LENGTH: (u64, u64) = (2, 100);
/// Characters of a Party organization's name.
pub const PARTY_ORG_LENGTH: (u64, u64) = (2, 100);
/// Characters of a liaison's name.
pub const PERSON_NAME_LENGTH: (u64, u64) = (1, 50);
/// Characters of a report's summary.
pub const SUMMARY_LENGTH: (u64, u64) = (2, 2000);
/// Characters of a reason (amendment, end).
pub const REASON_LENGTH: (u64, u64) = (2, 500);
/// Days without an activity, outcome or report after which an active
/// pairing is reported inactive: agreements report quarterly.
pub const INACTIVE_DAYS: i64 = 90;

const UNIT_KINDS: [(&str, u8); 3] = [("enterprise", 0), ("street", 1), ("department", 2)];

/// Whether a unit (USCC or id) is a member of a chain's committee: `(chain, unit)`.
pub type MemberOf<'a> = &'a dyn Fn(&str, &str) -> bool;
/// The date of the last activity held under a pairing (by id).
pub type LastActivity<'a> = &'a dyn Fn(&str) -> Option<NaiveDate>;

/// What a pairing is checked against besides the record and the context.
#[derive(Clone, Copy, Default)]
pub struct PairingContext<'a> {
    /// Pairings already accepted (earlier lines of a file, or a store), each
    /// with the label a finding names it by (`earlier`): a second active
    /// pairing of the same units, or an id used twice, is refused.
    pub earlier: &'a [(String, Pairing)],
    /// Whether a unit (USCC or id) is a member of a chain's committee
    /// `(chain, unit)`, when the roster is known; without it only the
    /// parties' roles say who leads.
    pub members: Option<MemberOf<'a>>,
    /// The date of the last activity held under a pairing (by id) on or
    /// before the check's date, when the activities are known.
    pub last_activity: Option<LastActivity<'a>>,
}

impl std::fmt::Debug for PairingContext<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PairingContext")
            .field("earlier", &self.earlier.len())
            .field("members", &self.members.is_some())
            .field("last_activity", &self.last_activity.is_some())
            .finish()
    }
}

/// Checks a pairing given as JSON text.
pub fn check_pairing_json(
    json: &str,
    context: &Context<'_>,
    around: &PairingContext<'_>,
) -> Checked<Pairing> {
    check_json(json, &TOP, |got| check_pairing_got(got, context, around))
}

pub(crate) fn check_pairing_got(
    value: &Got<'_>,
    context: &Context<'_>,
    around: &PairingContext<'_>,
) -> Checked<Pairing> {
    check_object(value, &TOP, |fields, report| {
        read(fields, context, report).inspect(|pairing| {
            rules(pairing, fields, context, around, report);
        })
    })
}

/// A date that is not after `today`.
fn past_date(
    f: &Fields<'_>,
    key: &'static str,
    required: bool,
    today: NaiveDate,
    report: &mut Report,
) -> Option<NaiveDate> {
    f.date(key, required, report).filter(|day| {
        let past = *day <= today;
        if !past {
            report.push(
                Finding::new(Code::DateInFuture, f.path(key)).with("today", today.to_string()),
            );
        }
        past
    })
}

/// A date not before the signing (when that is known).
fn after_signing(
    f: &Fields<'_>,
    key: &'static str,
    day: Option<NaiveDate>,
    signed_on: Option<NaiveDate>,
    report: &mut Report,
) -> Option<NaiveDate> {
    let day = day?;
    if let Some(signed_on) = signed_on.filter(|s| day < *s) {
        report.push(
            Finding::new(Code::BeforeSigning, f.path(key)).with("signed_on", signed_on.to_string()),
        );
        return None;
    }
    Some(day)
}

/// Whether `id` is new among `ids` (and notes it): one used by an earlier
/// item is `duplicate_id` at `path`, with `first` (1-based).
fn unique(
    id: &str,
    index: usize,
    ids: &mut Vec<(String, usize)>,
    path: Path,
    report: &mut Report,
) -> bool {
    match ids.iter().find(|(seen, _)| seen == id) {
        Some((_, first)) => {
            report.push(Finding::new(Code::DuplicateId, path).with("first", first + 1));
            false
        }
        None => {
            ids.push((id.to_owned(), index));
            true
        }
    }
}

/// Every item, or `None` when one was refused; an absent list is empty.
fn all<T>(items: Option<Vec<Option<T>>>) -> Option<Vec<T>> {
    items.unwrap_or_default().into_iter().collect()
}

fn read(f: &Fields<'_>, context: &Context<'_>, report: &mut Report) -> Option<Pairing> {
    let today = context.today;
    let id = f.text_within("id", true, false, ID_LENGTH, report);
    let theme = f.text_within("theme", true, false, TITLE_LENGTH, report);
    let kind = f.choice("kind", &PairingKind::ALL, true, report);
    let chain = f.text("chain", true, report).filter(|chain| {
        let known = context.catalog.chain(chain).is_some();
        if !known {
            report.add(Code::UnknownChain, f.path("chain"));
        }
        known
    });
    let parties = parties(f, context, report);
    let contents = contents(f, report);
    let signed_on = past_date(f, "signed_on", true, today, report);
    let valid_until = f.date("valid_until", true, report).filter(|until| {
        let fits = signed_on.is_none_or(|s| *until >= s);
        if !fits {
            report.push(
                Finding::new(Code::EndsBeforeStart, f.path("valid_until"))
                    .with("start", "signed_on"),
            );
        }
        fits
    });
    let status = f.choice("status", &PairingStatus::ALL, true, report);
    let ended_on = past_date(f, "ended_on", false, today, report);
    let ended_on = match (status, f.raw("ended_on").is_some()) {
        (Some(PairingStatus::Ended), false) => {
            report.add(Code::Required, f.path("ended_on"));
            None
        }
        (Some(PairingStatus::Active), true) => {
            report.push(
                Finding::new(Code::PairingEndMismatch, f.path("ended_on")).with("status", "active"),
            );
            None
        }
        _ => ended_on.filter(|end| {
            let fits = signed_on.is_none_or(|s| *end >= s);
            if !fits {
                report.push(
                    Finding::new(Code::EndsBeforeStart, f.path("ended_on"))
                        .with("start", "signed_on"),
                );
            }
            fits
        }),
    };
    let end_reason = f.text_within("end_reason", false, true, REASON_LENGTH, report);
    let plan = plan(f, signed_on, report);
    let outcomes = outcomes(f, signed_on, today, plan.as_deref(), report);
    let reports = f.objects("reports", REPORTS_MAX, report).map(|items| {
        items
            .iter()
            .map(|r| {
                let filed_on = past_date(r, "filed_on", true, today, report);
                let filed_on = after_signing(r, "filed_on", filed_on, signed_on, report);
                let summary = r.text_within("summary", true, true, SUMMARY_LENGTH, report);
                Some(FiledReport {
                    filed_on: filed_on?,
                    summary: summary?,
                })
            })
            .collect::<Vec<_>>()
    });
    let renewals = renewals(f, signed_on, valid_until, today, report);
    let amendments = f
        .objects("amendments", AMENDMENTS_MAX, report)
        .map(|items| {
            items
                .iter()
                .map(|a| {
                    let on = past_date(a, "on", true, today, report);
                    let on = after_signing(a, "on", on, signed_on, report);
                    let target = a
                        .text_within("target", true, false, ID_LENGTH, report)
                        .filter(|t| {
                            let top = Path::parse(t).and_then(|p| match p.segments().first() {
                                Some(crate::findings::PathSegment::Key(k)) => TOP.position(k),
                                _ => None,
                            });
                            if top.is_none() {
                                let allowed: Vec<String> =
                                    TOP.fields.iter().map(|(k, _)| (*k).to_owned()).collect();
                                report.push(
                                    Finding::new(Code::InvalidOption, a.path("target"))
                                        .with("allowed", allowed),
                                );
                            }
                            top.is_some()
                        });
                    let reason = a.text_within("reason", true, true, REASON_LENGTH, report);
                    Some(Amendment {
                        on: on?,
                        target: target?,
                        reason: reason?,
                    })
                })
                .collect::<Vec<_>>()
        });
    Some(Pairing {
        id: id?,
        theme: theme?,
        kind: kind?,
        chain: chain?,
        parties: parties?,
        contents: contents?,
        signed_on: signed_on?,
        valid_until: valid_until?,
        status: status?,
        ended_on,
        end_reason,
        plan: plan?,
        outcomes: outcomes?,
        reports: all(reports)?,
        renewals: renewals?,
        amendments: all(amendments)?,
    })
}

fn parties(f: &Fields<'_>, context: &Context<'_>, report: &mut Report) -> Option<Vec<Party>> {
    let Some(items) = f.objects("parties", PARTIES_MAX, report) else {
        if f.raw("parties").is_none() {
            report.add(Code::Required, f.path("parties"));
        }
        return None;
    };
    let departments = Dictionary::builtin();
    let mut out: Vec<Option<Party>> = Vec::with_capacity(items.len());
    for p in &items {
        let role = p.choice("role", &PartyRole::ALL, true, report);
        let org = p.object("org", true, report).and_then(|o| {
            let kind = o.choice("kind", &UNIT_KINDS, true, report)?;
            let (wanted, other) = if kind == 0 {
                ("uscc", "id")
            } else {
                ("id", "uscc")
            };
            if o.raw(other).is_some() {
                report.push(Finding::new(Code::UnknownField, o.path(other)).with("field", other));
            }
            match kind {
                0 => {
                    let text = o.text(wanted, true, report)?;
                    let code = uscc::check(&text, context.uscc_policy, &o.path("uscc"), report)?;
                    Some(Unit::Enterprise {
                        uscc: code.as_str().to_owned(),
                    })
                }
                1 => Some(Unit::Street {
                    id: o.text_within("id", true, false, ID_LENGTH, report)?,
                }),
                _ => {
                    let id = o.text_within("id", true, false, ID_LENGTH, report)?;
                    if departments.department(&id).is_none() {
                        // What was typed is not quoted: it could be anything
                        // (a phone number, a name); the answer lists the ids there are.
                        let ids: Vec<String> = departments
                            .departments
                            .iter()
                            .map(|d| d.id.clone())
                            .collect();
                        report.push(
                            Finding::new(Code::InvalidOption, o.path("id")).with("allowed", ids),
                        );
                        return None;
                    }
                    Some(Unit::Department { id })
                }
            }
        });
        let party_org = p.text_within("party_org", true, false, PARTY_ORG_LENGTH, report);
        let liaison = match p.object("liaison", false, report) {
            None if !report.has_errors_at(&p.path("liaison")) => {
                report.add(Code::PairingLiaisonMissing, p.path("liaison"));
                Some(None)
            }
            None => None,
            Some(l) => {
                let name = l.text_within("name", true, false, PERSON_NAME_LENGTH, report);
                let phone = l
                    .text("phone", true, report)
                    .and_then(|t| match Phone::parse(&t) {
                        Ok(phone) => Some(phone.as_str().to_owned()),
                        Err(code) => {
                            report.add(code, l.path("phone"));
                            None
                        }
                    });
                match (name, phone) {
                    (Some(name), Some(phone)) => Some(Some(PersonRecord { name, phone })),
                    _ => None,
                }
            }
        };
        out.push((|| {
            Some(Party {
                role: role?,
                org: org?,
                party_org: party_org?,
                liaison: liaison?,
            })
        })());
    }
    if items.len() < 2 && !report.has_errors_at(&f.path("parties")) {
        report.push(Finding::new(Code::TooFewItems, f.path("parties")).with("min", 2_i64));
        return None;
    }
    out.into_iter().collect()
}

fn contents(f: &Fields<'_>, report: &mut Report) -> Option<Vec<Content>> {
    let items = f.text_list("contents", true, CONTENTS_MAX, report)?;
    if items.is_empty() {
        if !report.has_errors_at(&f.path("contents")) {
            report.push(Finding::new(Code::TooFewItems, f.path("contents")).with("min", 1_i64));
        }
        return None;
    }
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for (i, item) in items.iter().enumerate() {
        match Content::ALL.iter().find(|(name, _)| name == item) {
            Some((_, content)) => out.push(*content),
            None => {
                let allowed: Vec<String> =
                    Content::ALL.iter().map(|(n, _)| (*n).to_owned()).collect();
                report.push(
                    Finding::new(Code::InvalidOption, f.path("contents").index(i))
                        .with("allowed", allowed),
                );
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

fn plan(
    f: &Fields<'_>,
    signed_on: Option<NaiveDate>,
    report: &mut Report,
) -> Option<Vec<PlanItem>> {
    let Some(items) = f.objects("plan", PLAN_MAX, report) else {
        return Some(Vec::new()).filter(|_| !report.has_errors_at(&f.path("plan")));
    };
    let mut out: Vec<Option<PlanItem>> = Vec::with_capacity(items.len());
    let mut ids: Vec<(String, usize)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item
            .text_within("id", true, false, ID_LENGTH, report)
            .filter(|id| unique(id, i, &mut ids, item.path("id"), report));
        let title = item.text_within("title", true, false, TITLE_LENGTH, report);
        let content = item.choice("content", &Content::ALL, true, report);
        let due_on = item.date("due_on", true, report);
        let due_on = after_signing(item, "due_on", due_on, signed_on, report);
        let topics = item
            .text_list("topics", false, TOPICS_MAX, report)
            .map(|topics| {
                let mut known = Vec::with_capacity(topics.len());
                for (i, topic) in topics.into_iter().enumerate() {
                    if TOPIC_IDS.contains(&topic.as_str()) {
                        known.push(topic);
                    } else {
                        let allowed: Vec<String> =
                            TOPIC_IDS.iter().map(|t| (*t).to_owned()).collect();
                        report.push(
                            Finding::new(Code::InvalidOption, item.path("topics").index(i))
                                .with("allowed", allowed),
                        );
                    }
                }
                known
            });
        out.push((|| {
            Some(PlanItem {
                id: id?,
                title: title?,
                content: content?,
                due_on: due_on?,
                topics: topics.unwrap_or_default(),
            })
        })());
    }
    out.into_iter().collect()
}

fn outcomes(
    f: &Fields<'_>,
    signed_on: Option<NaiveDate>,
    today: NaiveDate,
    plan: Option<&[PlanItem]>,
    report: &mut Report,
) -> Option<Vec<Outcome>> {
    let Some(items) = f.objects("outcomes", OUTCOMES_MAX, report) else {
        return Some(Vec::new()).filter(|_| !report.has_errors_at(&f.path("outcomes")));
    };
    let mut out: Vec<Option<Outcome>> = Vec::with_capacity(items.len());
    let mut ids: Vec<(String, usize)> = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let id = item
            .text_within("id", true, false, ID_LENGTH, report)
            .filter(|id| unique(id, i, &mut ids, item.path("id"), report));
        let kind = item.choice("kind", &OutcomeKind::ALL, true, report);
        let plan_item = item.text("plan_item", false, report);
        // Checked against the plan only when the plan could be read.
        let plan_item_ok = match (&plan_item, plan) {
            (Some(wanted), Some(plan)) if !plan.iter().any(|p| &p.id == wanted) => {
                report.add(Code::UnknownPlanItem, item.path("plan_item"));
                false
            }
            _ => true,
        };
        let title = item.text_within("title", true, false, TITLE_LENGTH, report);
        let adopted_on = past_date(item, "adopted_on", true, today, report);
        let adopted_on = after_signing(item, "adopted_on", adopted_on, signed_on, report);
        let participants = item.text_list("participants", false, PARTIES_MAX, report);
        let demands = item
            .text_list("demands", false, DEMANDS_MAX, report)
            .map(|demands| {
                let mut kept = Vec::with_capacity(demands.len());
                for (i, demand) in demands.into_iter().enumerate() {
                    if input::limits::length(
                        &demand,
                        ID_LENGTH,
                        item.path("demands").index(i),
                        report,
                    ) {
                        kept.push(demand);
                    }
                }
                kept
            });
        out.push((|| {
            if !plan_item_ok {
                return None;
            }
            Some(Outcome {
                id: id?,
                kind: kind?,
                plan_item,
                title: title?,
                adopted_on: adopted_on?,
                participants: participants.unwrap_or_default(),
                demands: demands.unwrap_or_default(),
            })
        })());
    }
    out.into_iter().collect()
}

fn renewals(
    f: &Fields<'_>,
    signed_on: Option<NaiveDate>,
    valid_until: Option<NaiveDate>,
    today: NaiveDate,
    report: &mut Report,
) -> Option<Vec<Renewal>> {
    let Some(items) = f.objects("renewals", RENEWALS_MAX, report) else {
        return Some(Vec::new()).filter(|_| !report.has_errors_at(&f.path("renewals")));
    };
    let mut runs_until = valid_until;
    let mut out = Vec::with_capacity(items.len());
    let mut ok = true;
    for item in &items {
        let on = past_date(item, "on", true, today, report);
        let on = after_signing(item, "on", on, signed_on, report);
        let until = item.date("valid_until", true, report).filter(|until| {
            let later = runs_until.is_none_or(|before| *until > before);
            if let (false, Some(before)) = (later, runs_until) {
                report.push(
                    Finding::new(Code::RenewalNotLater, item.path("valid_until"))
                        .with("after", before.to_string()),
                );
            }
            later
        });
        match (on, until) {
            (Some(on), Some(valid_until)) => {
                runs_until = Some(valid_until);
                out.push(Renewal { on, valid_until });
            }
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// The rules over the whole record, once it is read.
fn rules(
    pairing: &Pairing,
    f: &Fields<'_>,
    context: &Context<'_>,
    around: &PairingContext<'_>,
    report: &mut Report,
) {
    let today = context.today;
    let parties = f.path("parties");
    // A unit paired with itself: each later party naming an earlier one's unit.
    for (i, party) in pairing.parties.iter().enumerate() {
        if let Some(first) = pairing.parties[..i].iter().position(|p| p.org == party.org) {
            report.push(
                Finding::new(Code::PairingSelf, parties.index(i).key("org"))
                    .with("first", first + 1),
            );
        }
    }
    // Participants of an outcome are parties.
    for (i, outcome) in pairing.outcomes.iter().enumerate() {
        for (j, participant) in outcome.participants.iter().enumerate() {
            let key = uscc::normalize(participant);
            let known = pairing
                .parties
                .iter()
                .any(|p| p.org.key() == participant || p.org.key() == key);
            if !known {
                report.add(
                    Code::ParticipantNotParty,
                    f.path("outcomes").index(i).key("participants").index(j),
                );
            }
        }
    }
    // Someone leads: a chain leader, or a member of the chain's committee.
    let leads = pairing.parties.iter().any(|p| {
        p.role == PartyRole::ChainLeader
            || around
                .members
                .is_some_and(|member| member(&pairing.chain, p.org.key()))
    });
    if !leads {
        report.push(
            Finding::new(Code::PairingNoChainLeader, parties.clone())
                .with("chain", pairing.chain.as_str()),
        );
    }
    for (label, earlier) in around.earlier {
        if earlier.id == pairing.id {
            report.push(
                Finding::new(Code::DuplicateId, f.path("id")).with("earlier", label.as_str()),
            );
        } else if pairing.status == PairingStatus::Active
            && earlier.status == PairingStatus::Active
            && earlier.units() == pairing.units()
            && earlier.signed_on <= pairing.runs_until()
            && pairing.signed_on <= earlier.runs_until()
        {
            report.push(
                Finding::new(Code::PairingActiveTwice, parties.clone())
                    .with("earlier", label.as_str()),
            );
        }
    }
    if !pairing.active_on(today) {
        return;
    }
    // Plan items past due without an outcome.
    for (i, item) in pairing.plan.iter().enumerate() {
        let done = pairing
            .outcomes
            .iter()
            .any(|o| o.plan_item.as_deref() == Some(item.id.as_str()));
        if item.due_on < today && !done {
            report.push(
                Finding::new(Code::PlanItemOverdue, f.path("plan").index(i).key("due_on"))
                    .with("due_on", item.due_on.to_string()),
            );
        }
    }
    // Quarterly: something every 90 days.
    let activity = around
        .last_activity
        .and_then(|last| last(&pairing.id))
        .filter(|d| *d <= today);
    let last = activity.map_or(pairing.last_sign_of_life(today), |a| {
        a.max(pairing.last_sign_of_life(today))
    });
    let days = (today - last).num_days();
    if days > INACTIVE_DAYS {
        report.push(
            Finding::new(Code::PairingInactive, Path::root())
                .with("days", days)
                .with("last", last.to_string())
                .with("limit", INACTIVE_DAYS),
        );
    }
}
