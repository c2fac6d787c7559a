//! Outreach records are append-only once stored: a visit, an activity, a
//! financing stage is never edited in place. A correction is an amendment —
//! a new revision with who, when and why — and the earlier revisions stay
//! as they were. An activity's status moves forward (planned → held →
//! recorded, or planned → cancelled); any other change is a correction and
//! needs a reason.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::ActivityStatus;
use crate::findings::{Code, Finding, Path, Report};

/// One revision of a stored record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Revision<T> {
    /// When it was recorded.
    pub at: DateTime<FixedOffset>,
    /// Who recorded it (an account id).
    pub actor: String,
    /// Why it corrects the one before; `None` for the first.
    pub reason: Option<String>,
    /// The record as of this revision.
    pub record: T,
}

/// A stored record and its corrections, oldest first. Revisions are only
/// ever added; none is changed or removed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct History<T> {
    revisions: Vec<Revision<T>>,
}

impl<T> History<T> {
    /// A record as first stored.
    pub fn new(at: DateTime<FixedOffset>, actor: impl Into<String>, record: T) -> Self {
        History {
            revisions: vec![Revision {
                at,
                actor: actor.into(),
                reason: None,
                record,
            }],
        }
    }

    /// Adds a correction: refused (and nothing changes) without an actor
    /// (`required` at `actor`) or a reason (`required` at `reason`), or when
    /// dated before the last revision (`event_out_of_order`).
    pub fn amend(
        &mut self,
        at: DateTime<FixedOffset>,
        actor: impl Into<String>,
        reason: impl Into<String>,
        record: T,
    ) -> Result<(), Report> {
        let (actor, reason) = (actor.into(), reason.into());
        let mut report = Report::new();
        entry_rules(
            self.current_revision().at,
            at,
            &actor,
            Some(&reason),
            &mut report,
        );
        if !report.is_valid() {
            return Err(report);
        }
        self.revisions.push(Revision {
            at,
            actor,
            reason: Some(reason.trim().to_owned()),
            record,
        });
        Ok(())
    }

    /// The record as it stands now.
    pub fn current(&self) -> &T {
        &self.current_revision().record
    }

    fn current_revision(&self) -> &Revision<T> {
        // `new` gives one revision and nothing removes any.
        &self.revisions[self.revisions.len() - 1]
    }

    /// Every revision, oldest first.
    pub fn revisions(&self) -> &[Revision<T>] {
        &self.revisions
    }
}

/// A change of an activity's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    /// When.
    pub at: DateTime<FixedOffset>,
    /// Who (an account id).
    pub actor: String,
    /// The new status.
    pub status: ActivityStatus,
    /// Why, for a correction (required for any change but a forward one).
    #[serde(default)]
    pub reason: Option<String>,
}

/// The status changes of one activity, oldest first; append-only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StatusLog {
    changes: Vec<StatusChange>,
}

impl StatusLog {
    /// An activity's first status.
    pub fn new(
        at: DateTime<FixedOffset>,
        actor: impl Into<String>,
        status: ActivityStatus,
    ) -> Self {
        StatusLog {
            changes: vec![StatusChange {
                at,
                actor: actor.into(),
                status,
                reason: None,
            }],
        }
    }

    /// Whether going from `from` to `to` is a forward move (no reason needed).
    pub fn is_forward(from: ActivityStatus, to: ActivityStatus) -> bool {
        use ActivityStatus as S;
        matches!(
            (from, to),
            (S::Planned, S::Held | S::Recorded | S::Cancelled) | (S::Held, S::Recorded)
        )
    }

    /// Appends a change; refused (nothing changes) when a backward change or
    /// one to the same status gives no reason (`status_change_needs_reason`),
    /// or without an actor, or dated before the last change.
    pub fn change(&mut self, mut change: StatusChange) -> Result<(), Report> {
        let last = &self.changes[self.changes.len() - 1];
        let mut report = Report::new();
        entry_rules(last.at, change.at, &change.actor, None, &mut report);
        change.reason = change
            .reason
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty());
        if change.reason.is_none() && !Self::is_forward(last.status, change.status) {
            report.push(
                Finding::new(Code::StatusChangeNeedsReason, Path::root().key("reason"))
                    .with("from", last.status.as_str())
                    .with("to", change.status.as_str()),
            );
        }
        if !report.is_valid() {
            return Err(report);
        }
        self.changes.push(change);
        Ok(())
    }

    /// The status now.
    pub fn current(&self) -> ActivityStatus {
        self.changes[self.changes.len() - 1].status
    }

    /// Every change, oldest first.
    pub fn changes(&self) -> &[StatusChange] {
        &self.changes
    }
}

/// What every appended entry needs: not before the last one, an actor, and
/// (when `reason` is asked for) a reason.
fn entry_rules(
    last: DateTime<FixedOffset>,
    at: DateTime<FixedOffset>,
    actor: &str,
    reason: Option<&str>,
    report: &mut Report,
) {
    if at < last {
        report.push(
            Finding::new(Code::EventOutOfOrder, Path::root().key("at"))
                .with("previous", last.to_rfc3339()),
        );
    }
    if actor.trim().is_empty() {
        report.add(Code::Required, Path::root().key("actor"));
    }
    if reason.is_some_and(|r| r.trim().is_empty()) {
        report.add(Code::Required, Path::root().key("reason"));
    }
}
