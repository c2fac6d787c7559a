//! The headless API in Node.

include!("common/mod.rs");
