//! Typed paths to the offending field of an input (`segments[1]`, `contact.phone`).

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One step of a [`Path`]: an object key or a list index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PathSegment {
    /// A key of a JSON object.
    Key(Cow<'static, str>),
    /// An index into a JSON array.
    Index(usize),
}

/// Where in the input a finding points; empty for the record as a whole.
///
/// Shown and serialized as `members[2].phone`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Path(Vec<PathSegment>);

impl Path {
    /// The path of the record as a whole.
    pub const fn root() -> Self {
        Path(Vec::new())
    }

    /// This path followed by an object key.
    pub fn key(&self, key: impl Into<Cow<'static, str>>) -> Self {
        let mut steps = self.0.clone();
        steps.push(PathSegment::Key(key.into()));
        Path(steps)
    }

    /// This path followed by a list index.
    pub fn index(&self, index: usize) -> Self {
        let mut steps = self.0.clone();
        steps.push(PathSegment::Index(index));
        Path(steps)
    }

    /// This path placed under `prefix` (`prefix` followed by this path's
    /// steps): a nested record's findings seen from the record holding it.
    pub fn under(&self, prefix: &Path) -> Self {
        let mut steps = prefix.0.clone();
        steps.extend(self.0.iter().cloned());
        Path(steps)
    }

    /// The steps of the path, outermost first.
    pub fn segments(&self) -> &[PathSegment] {
        &self.0
    }

    /// Whether this is the path of the record as a whole.
    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }

    /// Parses the display form (`a.b[2].c`) back into a path.
    pub fn parse(text: &str) -> Option<Self> {
        let mut steps = Vec::new();
        let mut rest = text;
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('[') {
                let end = after.find(']')?;
                steps.push(PathSegment::Index(after[..end].parse().ok()?));
                rest = &after[end + 1..];
            } else {
                let body = if steps.is_empty() {
                    rest
                } else {
                    rest.strip_prefix('.')?
                };
                let end = body.find(['.', '[']).unwrap_or(body.len());
                if end == 0 {
                    return None;
                }
                steps.push(PathSegment::Key(Cow::Owned(body[..end].to_owned())));
                rest = &body[end..];
            }
        }
        Some(Path(steps))
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, step) in self.0.iter().enumerate() {
            match step {
                PathSegment::Key(key) if i == 0 => f.write_str(key)?,
                PathSegment::Key(key) => write!(f, ".{key}")?,
                PathSegment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for Path {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Path {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = Cow::<'de, str>::deserialize(deserializer)?;
        Path::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format_args!("malformed path `{text}`")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displays_and_parses_back() {
        let path = Path::root().key("attachments").index(0).key("size_bytes");
        assert_eq!(path.to_string(), "attachments[0].size_bytes");
        assert_eq!(Path::parse("attachments[0].size_bytes"), Some(path));
        assert_eq!(Path::parse(""), Some(Path::root()));
        assert_eq!(
            Path::parse("segments[1]").unwrap().to_string(),
            "segments[1]"
        );
        assert_eq!(Path::parse("a..b"), None);
        assert_eq!(Path::parse("a[x]"), None);
        assert_eq!(Path::parse("a["), None);
    }

    #[test]
    fn a_path_under_another() {
        let inner = Path::root().key("contact").key("phone");
        let outer = Path::root().key("demands").index(2);
        assert_eq!(inner.under(&outer).to_string(), "demands[2].contact.phone");
        assert_eq!(Path::root().under(&outer), outer);
    }
}
