//! What the rule "an enterprise counts once per chain" has to remember.
//!
//! A valid row counts when it is the first of its enterprise (normalised
//! USCC) in its chain; a later one is a second enrollment. Whoever counts
//! a roster keeps, for every membership counted, the row that counted it
//! (the finding of a later row names it as `first_row`). A province's roster
//! has millions of memberships, so [`FirstRows`] keeps each in 16 bytes: the
//! USCC packed into 90 bits (5 a character, as the gap lists keep it) with
//! the chain's index in the 6 bits left, and the row in 32. Codes outside
//! the alphabet (a recorded legacy code), chains past the 64th and rows past
//! 2³² go to a second, plain map. The packed entries are spread over 64
//! tables, so that a table growing moves a 64th of them, not all: growing
//! one table of a million entries would hold it twice, briefly.

use std::borrow::Cow;
use std::collections::HashMap;

use super::gaps::{pack, unpack};

/// One enterprise in one chain: the chain's index in the catalog and the
/// normalised USCC (packed when the code is of the alphabet).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Membership {
    chain: usize,
    uscc: Code,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Code {
    Packed(u128),
    Text(Box<str>),
}

impl Membership {
    /// The membership of `uscc` in the chain at index `chain`.
    pub fn new(chain: usize, uscc: &str) -> Membership {
        let uscc = match pack(uscc) {
            Some(packed) => Code::Packed(packed),
            None => Code::Text(uscc.into()),
        };
        Membership { chain, uscc }
    }

    /// Index of the chain in the catalog.
    pub fn chain(&self) -> usize {
        self.chain
    }

    /// The USCC as text.
    pub fn uscc(&self) -> Cow<'_, str> {
        match &self.uscc {
            Code::Packed(packed) => Cow::Owned(unpack(packed)),
            Code::Text(text) => Cow::Borrowed(text),
        }
    }
}

/// The row that first counted each membership, for rows counted in input
/// order (16 bytes a membership, see the module's notes).
#[derive(Debug)]
pub struct FirstRows {
    /// Packed code and chain (96 bits) → row, in [`SHARDS`] tables.
    packed: Vec<HashMap<[u32; 3], u32>>,
    /// Chain → code → row, for what does not pack.
    other: HashMap<usize, HashMap<Box<str>, u64>>,
}

/// How many tables the packed entries are spread over.
const SHARDS: usize = 64;

impl Default for FirstRows {
    fn default() -> Self {
        FirstRows {
            packed: vec![HashMap::new(); SHARDS],
            other: HashMap::new(),
        }
    }
}

impl FirstRows {
    /// Nothing counted yet.
    pub fn new() -> FirstRows {
        FirstRows::default()
    }

    /// The table of a packed key.
    fn shard(&mut self, key: &[u32; 3]) -> &mut HashMap<[u32; 3], u32> {
        let mixed =
            (u64::from(key[1]) << 32 | u64::from(key[2])).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        &mut self.packed[(mixed >> 58) as usize]
    }

    /// The row that first counted `uscc` in the chain at index `chain`; when
    /// none has, `row` becomes that row and the answer is `None`.
    pub fn first_or_insert(&mut self, chain: usize, uscc: &str, row: u64) -> Option<u64> {
        let key = compact(chain, uscc);
        if let Some(first) = key.and_then(|key| self.shard(&key).get(&key).copied()) {
            return Some(u64::from(first));
        }
        if let Some(first) = self.other.get(&chain).and_then(|codes| codes.get(uscc)) {
            return Some(*first);
        }
        match (key, u32::try_from(row)) {
            (Some(key), Ok(row)) => {
                self.shard(&key).insert(key, row);
            }
            _ => {
                self.other
                    .entry(chain)
                    .or_default()
                    .insert(uscc.into(), row);
            }
        }
        None
    }

    /// How many memberships were counted.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.packed.iter().map(HashMap::len).sum::<usize>()
            + self.other.values().map(HashMap::len).sum::<usize>()
    }
}

/// The chain (below 64) and the packed code in 96 bits.
fn compact(chain: usize, uscc: &str) -> Option<[u32; 3]> {
    if chain >= 64 {
        return None;
    }
    let key = ((chain as u128) << 90) | pack(uscc)?;
    Some([(key >> 64) as u32, (key >> 32) as u32, key as u32])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_row_is_kept_for_each_enterprise_and_chain() {
        let mut firsts = FirstRows::new();
        let code = "91440300MA5FUTN418";
        assert_eq!(firsts.first_or_insert(0, code, 2), None);
        assert_eq!(firsts.first_or_insert(1, code, 3), None, "another chain");
        assert_eq!(firsts.first_or_insert(0, code, 9), Some(2));
        assert_eq!(firsts.first_or_insert(1, code, 10), Some(3));
        // What does not pack: a legacy code, a far chain, a far row.
        assert_eq!(firsts.first_or_insert(0, "legacy-1", 4), None);
        assert_eq!(firsts.first_or_insert(0, "legacy-1", 5), Some(4));
        assert_eq!(firsts.first_or_insert(70, code, 6), None);
        assert_eq!(firsts.first_or_insert(70, code, 7), Some(6));
        let far = u64::from(u32::MAX) + 5;
        assert_eq!(firsts.first_or_insert(2, code, far), None);
        assert_eq!(firsts.first_or_insert(2, code, 8), Some(far));
        assert_eq!(firsts.len(), 5);
        assert_eq!(std::mem::size_of::<([u32; 3], u32)>(), 16);
    }

    #[test]
    fn memberships_keep_their_code() {
        for code in ["91440300MA5FUTN418", "legacy-1"] {
            let m = Membership::new(3, code);
            assert_eq!((m.chain(), m.uscc().as_ref()), (3, code));
            assert_eq!(m, Membership::new(3, code));
            assert_ne!(m, Membership::new(2, code));
        }
    }
}
