//! Cadence (走访频次): on a given date, whether each contact of a programme
//! has kept in touch with each enterprise it holds — `on_time`, `due`
//! (falling due within the cadence's `due_within_days`) or `overdue`.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{Programme, Visit, VisitMode};

/// Where a contact stands with an enterprise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CadenceStatus {
    /// An on-site visit or a contact is past its day.
    Overdue,
    /// One of them falls due within `due_within_days`.
    Due,
    /// Neither.
    OnTime,
}

impl CadenceStatus {
    /// The wire name.
    pub const fn as_str(self) -> &'static str {
        match self {
            CadenceStatus::Overdue => "overdue",
            CadenceStatus::Due => "due",
            CadenceStatus::OnTime => "on_time",
        }
    }
}

/// One contact × enterprise on a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CadenceEntry {
    /// The contact's id.
    pub contact: String,
    /// The enterprise, normalised USCC.
    pub enterprise: String,
    /// Where it stands.
    pub status: CadenceStatus,
    /// The day of the last on-site visit, if any.
    pub last_on_site: Option<NaiveDate>,
    /// The day of the last visit of any mode, if any.
    pub last_contact: Option<NaiveDate>,
    /// The last day for the next on-site visit (from the last one, or from
    /// the programme's start).
    pub on_site_by: NaiveDate,
    /// The last day for the next contact of any mode.
    pub contact_by: NaiveDate,
    /// Days past the earlier of the two (0 unless overdue).
    pub overdue_days: i64,
}

/// The cadence of every contact × assigned enterprise of `programme` on
/// `on`, from the `visits` of that programme made on or before `on` (other
/// programmes' visits, and visits by other contacts, do not count). Before
/// a first visit, the days run from the programme's start; after its end,
/// the status is the one of its last day. Overdue first (most days first),
/// then due (soonest first), then on time; ties by contact and enterprise.
pub fn cadence(programme: &Programme, visits: &[Visit], on: NaiveDate) -> Vec<CadenceEntry> {
    let on = on.min(programme.to);
    let rules = programme.cadence;
    let after = |day: NaiveDate, days: u32| {
        day.checked_add_days(Days::new(u64::from(days)))
            .unwrap_or(NaiveDate::MAX)
    };
    let mut entries = Vec::new();
    for contact in &programme.contacts {
        for enterprise in &contact.enterprises {
            let days = visits
                .iter()
                .filter(|v| {
                    v.programme == programme.id
                        && v.contact == contact.id
                        && &v.enterprise_uscc == enterprise
                        && v.visited_at.date_naive() <= on
                })
                .map(|v| (v.visited_at.date_naive(), v.mode));
            let (mut last_on_site, mut last_contact) = (None, None);
            for (day, mode) in days {
                last_contact = last_contact.max(Some(day));
                if mode == VisitMode::OnSite {
                    last_on_site = last_on_site.max(Some(day));
                }
            }
            let on_site_by = after(last_on_site.unwrap_or(programme.from), rules.on_site_days);
            let contact_by = after(
                last_contact.unwrap_or(programme.from),
                rules.any_contact_days,
            );
            let first = on_site_by.min(contact_by);
            let (status, overdue_days) = if on > first {
                (CadenceStatus::Overdue, (on - first).num_days())
            } else if after(on, rules.due_within_days) >= first {
                (CadenceStatus::Due, 0)
            } else {
                (CadenceStatus::OnTime, 0)
            };
            entries.push(CadenceEntry {
                contact: contact.id.clone(),
                enterprise: enterprise.clone(),
                status,
                last_on_site,
                last_contact,
                on_site_by,
                contact_by,
                overdue_days,
            });
        }
    }
    entries.sort_by(|a, b| {
        a.status
            .cmp(&b.status)
            .then(b.overdue_days.cmp(&a.overdue_days))
            .then(
                a.on_site_by
                    .min(a.contact_by)
                    .cmp(&b.on_site_by.min(b.contact_by)),
            )
            .then_with(|| a.contact.cmp(&b.contact))
            .then_with(|| a.enterprise.cmp(&b.enterprise))
    });
    entries
}
