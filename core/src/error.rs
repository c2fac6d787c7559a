//! "Could not run" errors. A record that breaks a rule is not an error: it is
//! a [`Report`](crate::Report) of findings.

use thiserror::Error;

/// Why an operation could not run at all.
#[derive(Debug, Error)]
#[non_exhaustive]
pub enum Error {
    /// A chain catalog is not valid JSON of the catalog shape.
    #[error("the chain catalog is not readable: {0}")]
    CatalogJson(#[from] serde_json::Error),
    /// A chain catalog reads, but breaks a catalog rule.
    #[error("the chain catalog is invalid: {0}")]
    CatalogInvalid(String),
    /// A year's holiday schedule is not the published shape or breaks a rule
    /// of the calendar (see [`Calendar::load_year`](crate::calendar::Calendar::load_year)).
    #[error("the holiday schedule is invalid: {0}")]
    HolidaysInvalid(String),
    /// A classifier model file is not the model shape or holds a weight
    /// that is not a number (see [`Model`](crate::demand::Model)).
    #[error("the classifier model is invalid: {0}")]
    ClassifierInvalid(String),
}
