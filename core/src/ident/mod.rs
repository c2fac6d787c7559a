//! Identifiers and typed values: USCC, phone numbers, e-mail, dates, industry codes.

mod date;
mod datetime;
mod email;
mod industry;
mod phone;
mod text;
pub mod uscc;

pub use date::parse_date;
pub use datetime::parse_datetime;
pub use email::is_valid as is_valid_email;
pub use industry::is_valid_industry_code;
pub use phone::Phone;
pub use text::has_invalid_characters;
pub use uscc::{Uscc, UsccPolicy};
