//! One finding, and the report that collects all of them.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Code, Path};

/// How serious a finding is. Any error makes a record invalid; warnings inform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The record breaks a rule and must be corrected.
    Error,
    /// The record is accepted, but something deserves attention.
    Warning,
}

/// A named parameter of a finding: what a message may quote.
///
/// Never personal data: no phone numbers, names or e-mail addresses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Param {
    /// A whole number.
    Int(i64),
    /// Any other number.
    Num(f64),
    /// A piece of text.
    Text(String),
    /// A list of identifiers.
    List(Vec<String>),
}

impl From<i64> for Param {
    fn from(value: i64) -> Self {
        Param::Int(value)
    }
}
impl From<u32> for Param {
    fn from(value: u32) -> Self {
        Param::Int(i64::from(value))
    }
}
impl From<u64> for Param {
    fn from(value: u64) -> Self {
        Param::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }
}
impl From<usize> for Param {
    fn from(value: usize) -> Self {
        Param::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }
}
impl From<f64> for Param {
    fn from(value: f64) -> Self {
        Param::Num(value)
    }
}
impl From<&str> for Param {
    fn from(value: &str) -> Self {
        Param::Text(value.to_owned())
    }
}
impl From<String> for Param {
    fn from(value: String) -> Self {
        Param::Text(value)
    }
}
impl From<char> for Param {
    fn from(value: char) -> Self {
        Param::Text(value.to_string())
    }
}
impl From<Vec<String>> for Param {
    fn from(value: Vec<String>) -> Self {
        Param::List(value)
    }
}

/// One thing a check found: a code, where, and the parameters a message quotes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// What it is about.
    pub code: Code,
    /// Error or warning; normally [`Code::severity`].
    pub severity: Severity,
    /// The offending field of the input.
    pub path: Path,
    /// Named values that messages may quote.
    #[serde(default)]
    pub params: BTreeMap<String, Param>,
}

impl Finding {
    /// A finding with the code's own severity and no parameters.
    pub fn new(code: Code, path: Path) -> Self {
        Finding {
            code,
            severity: code.severity(),
            path,
            params: BTreeMap::new(),
        }
    }

    /// Adds a named parameter.
    pub fn with(mut self, name: &str, value: impl Into<Param>) -> Self {
        self.params.insert(name.to_owned(), value.into());
        self
    }

    /// Whether this finding makes a record invalid.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// All findings of one check, in the order they were found.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    findings: Vec<Finding>,
}

impl Report {
    /// An empty report.
    pub fn new() -> Self {
        Report::default()
    }

    /// Adds a finding.
    pub fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// Adds a finding with the code's own severity and no parameters.
    pub fn add(&mut self, code: Code, path: Path) {
        self.push(Finding::new(code, path));
    }

    /// Adds every finding of another report.
    pub fn extend(&mut self, other: Report) {
        self.findings.extend(other.findings);
    }

    /// False exactly when at least one finding is an error.
    pub fn is_valid(&self) -> bool {
        !self.findings.iter().any(Finding::is_error)
    }

    /// The findings, in the order they were found.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// Whether any finding carries this code.
    pub fn has(&self, code: Code) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// Whether any finding points at this path or inside it.
    pub fn has_errors_at(&self, path: &Path) -> bool {
        self.findings
            .iter()
            .any(|f| f.is_error() && f.path.segments().starts_with(path.segments()))
    }

    /// Orders findings by the top-level field they point at, in `order` (the
    /// order of a form); findings on the same field keep their order.
    pub fn sort_by_fields(&mut self, order: &[&str]) {
        self.sort_by_rank(order.len(), |key| order.iter().position(|k| *k == key));
    }

    /// [`Report::sort_by_fields`] in the order of a record's schema.
    pub(crate) fn sort_by_schema(&mut self, schema: &crate::input::Schema) {
        self.sort_by_rank(schema.fields.len(), |key| schema.position(key));
    }

    fn sort_by_rank(&mut self, last: usize, position: impl Fn(&str) -> Option<usize>) {
        let rank = |f: &Finding| match f.path.segments().first() {
            Some(super::PathSegment::Key(key)) => position(key).unwrap_or(last),
            _ => 0,
        };
        crate::order::sort_by(&mut self.findings, |a, b| rank(a).cmp(&rank(b)));
    }

    /// Whether there are no findings at all.
    pub fn is_empty(&self) -> bool {
        self.findings.is_empty()
    }
}

impl IntoIterator for Report {
    type Item = Finding;
    type IntoIter = std::vec::IntoIter<Finding>;
    fn into_iter(self) -> Self::IntoIter {
        self.findings.into_iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_exactly_when_no_error() {
        let mut report = Report::new();
        assert!(report.is_valid());
        report.add(Code::CoverageGap, Path::root());
        assert!(report.is_valid(), "a warning keeps the record valid");
        report.add(Code::Required, Path::root().key("chain"));
        assert!(!report.is_valid());
        assert!(report.has_errors_at(&Path::root()));
        assert!(!report.has_errors_at(&Path::root().key("contact")));
    }
}
