//! Findings: what a check found, where, and how to say it in zh-CN and en.

mod code;
mod finding;
mod messages;
mod number;
mod path;

pub use code::Code;
pub use finding::{Finding, Param, Report, Severity};
pub use messages::{builtin_template, Lang, Messages, RenderedFinding, RenderedReport};
pub use number::Number;
pub use path::{Path, PathSegment};
