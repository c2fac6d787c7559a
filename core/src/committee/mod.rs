//! Functional committees: the registry, the committees and the district that
//! holds them, with the operations that link organizations to chains.

mod district;
mod functional;
mod registry;

pub use district::District;
pub use functional::{FunctionalCommittee, Liaison, Membership, Secretary};
pub use registry::{AffiliationSnapshot, Registry};

use thiserror::Error;

/// Why a committee operation was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum CommitteeError {
    /// No chain with this id in the catalog.
    #[error("no chain `{0}` in the catalog")]
    UnknownChain(String),
    /// The segment is not part of the chain.
    #[error("segment `{segment}` is not part of chain `{chain}`")]
    UnknownSegment {
        /// The chain.
        chain: String,
        /// The segment asked for.
        segment: String,
    },
    /// A membership needs at least one segment.
    #[error("a member must be placed on at least one segment")]
    NoSegments,
    /// The chain's committee has not been established.
    #[error("chain `{0}` has no functional committee yet")]
    NoCommittee(String),
    /// The chain already has its committee.
    #[error("chain `{0}` already has a functional committee")]
    CommitteeExists(String),
    /// The secretary must head a Party committee of an enterprise or association.
    #[error("the secretary must head a Party committee of a leading enterprise or association")]
    SecretaryNotQualified,
    /// Not in the registry.
    #[error("`{0}` is not registered")]
    NotRegistered(String),
    /// Registered before.
    #[error("`{0}` is already registered")]
    AlreadyRegistered(String),
    /// Already a current member.
    #[error("`{0}` is already a member")]
    AlreadyEnrolled(String),
    /// Not a current member.
    #[error("`{0}` is not a current member")]
    NotEnrolled(String),
    /// A membership cannot end before it began.
    #[error("a membership cannot end before it began")]
    WithdrawBeforeJoining,
}
