//! Identifiers and typed values: USCC, phone numbers, e-mail, dates, industry
//! codes, and what is needed to check them (GB/T 2260 division prefixes, the
//! shape of a resident ID number).

mod date;
mod datetime;
pub mod division;
mod email;
mod industry;
mod phone;
pub mod resident_id;
mod text;
pub mod uscc;

pub use date::parse_date;
pub use datetime::parse_datetime;
pub use email::is_valid as is_valid_email;
pub use industry::is_valid_industry_code;
pub use phone::Phone;
pub use text::has_invalid_characters;
pub use uscc::{Uscc, UsccPolicy};
