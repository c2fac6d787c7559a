//! Pairings (结对共建): dated agreements between two or more units — a
//! chain leader with its up- and downstream firms, a street with a port
//! group, strong with weak organizations, industry–academia alliances —
//! each side with its Party organization and liaison, the contents of the
//! seed, a plan of dated items, outcomes linked to the plan and to the
//! demands they answer, quarterly reports, renewals, the end, and
//! amendments. A pairing is never ownership and never changes an
//! affiliation: a party's Party organization is recorded as given.
//!
//! Rules (`docs/wire/pairings.md`): a unit paired with itself (`pairing_self`,
//! error, at `parties[i].org`); a second active pairing between the same
//! units (`pairing_active_twice`, error, at `parties`, against the earlier
//! pairings given); no party is the chain's leader or a member of its
//! committee (`pairing_no_chain_leader`, warning: the seed has chain
//! leaders lead); a side without a liaison (`pairing_liaison_missing`,
//! warning: agreements name one on each side); 90 days without an
//! activity, outcome or report (`pairing_inactive`, warning: agreements
//! report quarterly); a plan item past due without an outcome
//! (`plan_item_overdue`, warning). What was recorded only grows: a new
//! version of a stored pairing changes an entry only through an amendment
//! naming it ([`check_update`], `pairing_rewritten`).

mod check;
mod record;
mod update;

#[allow(unused_imports)]
pub(crate) use check::{check_pairing_got, TOP as SCHEMA};
pub use check::{
    check_pairing_json, LastActivity, MemberOf, PairingContext, AMENDMENTS_MAX, CONTENTS_MAX,
    DEMANDS_MAX, ID_LENGTH, INACTIVE_DAYS, OUTCOMES_MAX, PARTIES_MAX, PARTY_ORG_LENGTH,
    PERSON_NAME_LENGTH, PLAN_MAX, REASON_LENGTH, RENEWALS_MAX, REPORTS_MAX, SUMMARY_LENGTH,
    TITLE_LENGTH, TOPICS_MAX,
};
pub use record::{
    Amendment, Content, FiledReport, Outcome, OutcomeKind, Pairing, PairingKind, PairingStatus,
    Party, PartyRole, PlanItem, Renewal, Unit,
};
pub use update::check_update;
