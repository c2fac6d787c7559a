//! What a staff form's answer carries to the page it redirects to
//! (post/redirect/get): the findings of a refused action with the values
//! typed, or a one-time secret (a password, an API key) to be shown once.
//!
//! Kept in memory for ten minutes under a random key given in the redirect
//! (`?flash=…`), readable only by the account that caused it, and taken
//! (removed) when read: a reload shows the page as it is now, and a secret
//! is never shown twice. A restart forgets them, which costs a message.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use lianjian::findings::RenderedFinding;

use crate::store::accounts::random_hex;

const TTL: Duration = Duration::from_secs(600);
const MAX: usize = 2000;

/// One message to the next page.
#[derive(Debug, Clone, PartialEq)]
pub enum Flash {
    /// A refused action: its findings (rendered) and the fields as posted.
    Refused {
        /// What the rules said.
        findings: Vec<RenderedFinding>,
        /// The form's fields (the CSRF token left out).
        form: BTreeMap<String, String>,
    },
    /// A refusal in the portal's own words (a key of [`crate::i18n::t`]).
    Problem(&'static str),
    /// A one-time secret: the key of its label, whose it is, the secret.
    Secret {
        /// The key of the text saying what it is.
        label: &'static str,
        /// The account or client it belongs to.
        subject: String,
        /// The password or key, shown once.
        secret: String,
    },
}

/// The messages waiting to be shown.
#[derive(Debug, Default)]
pub struct FlashStore {
    items: Mutex<HashMap<String, (i64, Instant, Flash)>>,
}

impl FlashStore {
    /// Keeps a message for the account `user`; answers its key.
    pub fn put(&self, user: i64, flash: Flash) -> String {
        let key = random_hex(16);
        let mut items = self.items.lock().unwrap_or_else(|p| p.into_inner());
        if items.len() >= MAX {
            items.retain(|_, (_, at, _)| at.elapsed() < TTL);
        }
        if items.len() < MAX {
            items.insert(key.clone(), (user, Instant::now(), flash));
        }
        key
    }

    /// Takes the message `key` if it is the account's and still fresh.
    pub fn take(&self, user: i64, key: &str) -> Option<Flash> {
        let mut items = self.items.lock().unwrap_or_else(|p| p.into_inner());
        match items.get(key) {
            Some((owner, at, _)) if *owner == user && at.elapsed() < TTL => {
                items.remove(key).map(|(_, _, flash)| flash)
            }
            _ => None,
        }
    }
}

/// `path` with `?flash=key` (or `&flash=key`) added, before any `#fragment`.
pub fn with_flash(path: &str, key: &str) -> String {
    let (path, fragment) = match path.split_once('#') {
        Some((path, fragment)) => (path, format!("#{fragment}")),
        None => (path, String::new()),
    };
    let joiner = if path.contains('?') { '&' } else { '?' };
    format!("{path}{joiner}flash={key}{fragment}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_is_read_once_and_only_by_its_account() {
        let store = FlashStore::default();
        let key = store.put(
            1,
            Flash::Secret {
                label: "x",
                subject: "u".into(),
                secret: "s".into(),
            },
        );
        assert_eq!(store.take(2, &key), None);
        assert!(store.take(1, &key).is_some());
        assert_eq!(store.take(1, &key), None);
        assert_eq!(with_flash("/a", "k"), "/a?flash=k");
        assert_eq!(with_flash("/a?b=1", "k"), "/a?b=1&flash=k");
        assert_eq!(with_flash("/a#c", "k"), "/a?flash=k#c");
    }
}
