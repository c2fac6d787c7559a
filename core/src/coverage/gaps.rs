//! The enterprise gap lists (should build, unlinked): USCCs collected as
//! rows are counted, and the sorted set the report holds.
//!
//! A district roster can put hundreds of thousands of codes on these lists.
//! Codes of the 31-symbol alphabet are packed into 5 bits a character in a
//! `u128`, which keeps their order, so collecting is a push, sorting is a
//! sort of integers, and text is written only when the report is written.

use std::cmp::Ordering;
use std::fmt;
use std::iter::Peekable;

use serde::de::{Deserialize, Deserializer};
use serde::ser::{Serialize, SerializeSeq, Serializer};

use crate::ident::uscc::{value, ALPHABET};

/// USCCs collected for a gap list, unsorted, with repeats (merging two
/// slices of a roster is an append).
#[derive(Debug, Clone, Default)]
pub(super) struct GapList {
    packed: Vec<u128>,
    other: Vec<String>,
}

impl GapList {
    pub(super) fn push(&mut self, uscc: &str) {
        match pack(uscc) {
            Some(packed) => self.packed.push(packed),
            None => self.other.push(uscc.to_owned()),
        }
    }

    pub(super) fn append(&mut self, mut other: GapList) {
        self.packed.append(&mut other.packed);
        self.other.append(&mut other.other);
    }

    /// Every code once, in order.
    pub(super) fn sorted(&self) -> UsccList {
        let mut packed = self.packed.clone();
        packed.sort_unstable();
        packed.dedup();
        let mut other = self.other.clone();
        other.sort_unstable();
        other.dedup();
        UsccList { packed, other }
    }
}

/// A sorted set of USCCs, as a report holds them. It reads like a list of
/// strings (`len`, `iter`, `to_vec`) and is written as a JSON array of
/// strings in text order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UsccList {
    /// Codes of the alphabet, packed, sorted, once each.
    packed: Vec<u128>,
    /// Anything else (a recorded legacy code, say), sorted, once each.
    other: Vec<String>,
}

impl UsccList {
    /// How many codes.
    pub fn len(&self) -> usize {
        self.packed.len() + self.other.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The codes in text order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            packed: self.packed.iter().peekable(),
            other: self.other.iter().peekable(),
        }
    }

    /// The codes as strings, in text order.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().collect()
    }
}

impl<S: AsRef<str>> FromIterator<S> for UsccList {
    fn from_iter<I: IntoIterator<Item = S>>(codes: I) -> Self {
        let mut list = GapList::default();
        for code in codes {
            list.push(code.as_ref());
        }
        list.sorted()
    }
}

impl<'a> IntoIterator for &'a UsccList {
    type Item = String;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The codes of a [`UsccList`] in text order (packed and other codes merged).
pub struct Iter<'a> {
    packed: Peekable<std::slice::Iter<'a, u128>>,
    other: Peekable<std::slice::Iter<'a, String>>,
}

impl Iterator for Iter<'_> {
    type Item = String;

    fn next(&mut self) -> Option<String> {
        let take_packed = match (self.packed.peek(), self.other.peek()) {
            // Rare (only codes outside the alphabet are "other"): compare as text.
            (Some(a), Some(b)) => unpack(a).as_str().cmp(b.as_str()) != Ordering::Greater,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if take_packed {
            self.packed.next().map(unpack)
        } else {
            self.other.next().cloned()
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let (a, _) = self.packed.size_hint();
        let (b, _) = self.other.size_hint();
        (a + b, Some(a + b))
    }
}

impl Serialize for UsccList {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for code in self {
            seq.serialize_element(&code)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for UsccList {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<String>::deserialize(deserializer)?
            .into_iter()
            .collect())
    }
}

impl fmt::Display for UsccList {
    /// The codes separated by `, `.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, code) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(&code)?;
        }
        Ok(())
    }
}

/// A code of the alphabet in 90 bits (5 a character), in text order; `None`
/// for anything else.
pub(super) fn pack(uscc: &str) -> Option<u128> {
    let bytes = uscc.as_bytes();
    if bytes.len() != 18 {
        return None;
    }
    bytes
        .iter()
        .try_fold(0u128, |acc, &b| Some((acc << 5) | u128::from(value(b)?)))
}

pub(super) fn unpack(packed: &u128) -> String {
    let mut packed = *packed;
    let mut bytes = [0u8; 18];
    for slot in bytes.iter_mut().rev() {
        *slot = ALPHABET[(packed & 31) as usize];
        packed >>= 5;
    }
    String::from_utf8_lossy(&bytes).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_once_in_text_order_whatever_the_codes() {
        let codes = [
            "91440300MA5FUTN418",
            "legacy-1",
            "91440300MA5FUTN418",
            "11440300000000000X",
            "zz",
            "91440300MA5H2B7C5Y",
            "A",
        ];
        let list: UsccList = codes.iter().collect();
        let mut expected: Vec<String> = codes.iter().map(|c| c.to_string()).collect();
        expected.sort();
        expected.dedup();
        assert_eq!(list.to_vec(), expected);
        assert_eq!(list.len(), expected.len());
        assert_eq!(
            serde_json::to_string(&list).unwrap(),
            serde_json::to_string(&expected).unwrap()
        );
        let read: UsccList = serde_json::from_str(&serde_json::to_string(&list).unwrap()).unwrap();
        assert_eq!(read, list);
    }

    #[test]
    fn packed_codes_keep_their_text_and_order() {
        let codes = [
            "91440300MA5FUTN418",
            "91440300MA5FUTN42B",
            "N2440308MA5K00012U",
            "0000000000000000000",
        ];
        let mut list = GapList::default();
        for c in codes.iter().rev() {
            list.push(c);
            list.push(c);
        }
        list.push("short");
        assert_eq!(list.packed.len(), 6);
        let mut expected: Vec<String> = codes.iter().map(|c| (*c).to_owned()).collect();
        expected.push("short".into());
        expected.sort();
        assert_eq!(list.sorted().to_vec(), expected);
        assert_eq!(
            unpack(&pack("91440300MA5FUTN418").unwrap()),
            "91440300MA5FUTN418"
        );
        assert!(
            pack("91440300MA5FUTN41I").is_none(),
            "I is not in the alphabet"
        );
    }
}
