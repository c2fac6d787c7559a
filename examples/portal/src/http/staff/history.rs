//! A demand's history in the office's words: each event named, with the
//! department's name, dates, the reply, the revisit's rating and channel,
//! and who did it — never a raw event type, field name or department id.

use chrono::{DateTime, FixedOffset};
use lianjian::demand::{CloseReason, Event, EventKind, RevisitChannel, Satisfaction};
use lianjian::Lang;
use maud::{html, Markup};

use crate::domain::Domain;
use crate::i18n::t;

/// A time people read: `2026-11-25 10:00` (China time; no seconds, no fractions).
pub fn when(at: &DateTime<FixedOffset>) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// The name of a revisit rating (GB/T 39734).
pub fn satisfaction_name(lang: Lang, level: Satisfaction) -> String {
    t(lang, &format!("satisfaction_{}", level.name())).to_owned()
}

/// The name of a revisit channel.
pub fn channel_name(lang: Lang, channel: RevisitChannel) -> String {
    t(lang, &format!("channel_{}", channel.name())).to_owned()
}

/// The name of a reason for closing without action.
pub fn close_reason_name(lang: Lang, reason: CloseReason) -> &'static str {
    crate::i18n::text(
        lang,
        match reason {
            CloseReason::Duplicate => "close_duplicate",
            CloseReason::NotAccepted => "close_not_accepted",
            CloseReason::Referred => "close_referred",
        },
    )
}

/// Who did it, in words: the portal's own channels are named.
pub fn actor_name(lang: Lang, actor: &str) -> String {
    match actor {
        "portal" => t(lang, "actor_portal").to_owned(),
        "open311" => t(lang, "actor_open311").to_owned(),
        "seed" => t(lang, "actor_seed").to_owned(),
        other => other.to_owned(),
    }
}

/// What an event did, in words.
pub fn describe(lang: Lang, domain: &Domain, kind: &EventKind) -> (String, Option<String>) {
    let department = |id: &str| domain.department_name(id, lang);
    let name = t(lang, &format!("event_{}", kind.name())).to_owned();
    let detail = match kind {
        EventKind::Submitted | EventKind::Accepted | EventKind::Started => None,
        EventKind::Collected { meeting } => Some(meeting.clone()),
        EventKind::Assigned {
            department: to,
            deadline,
            computed,
            provisional,
        } => Some(format!(
            "{}{}{}{}",
            department(to),
            deadline
                .map(|d| format!(" · {} {d}", t(lang, "deadline")))
                .unwrap_or_default(),
            if *computed {
                format!(" ({})", t(lang, "deadline_computed"))
            } else {
                String::new()
            },
            if *provisional {
                format!(" · {}", t(lang, "provisional"))
            } else {
                String::new()
            },
        )),
        EventKind::Returned { reason } => Some(format!("{}: {reason}", t(lang, "reason"))),
        EventKind::Replied { reply } => Some(reply.clone()),
        EventKind::Revisited {
            satisfied,
            satisfaction,
            channel,
        } => {
            let verdict = match satisfaction {
                Some(level) => satisfaction_name(lang, *level),
                None => t(
                    lang,
                    if *satisfied {
                        "satisfied"
                    } else {
                        "not_satisfied"
                    },
                )
                .to_owned(),
            };
            Some(match channel {
                Some(c) => format!("{verdict} · {}", channel_name(lang, *c)),
                None => verdict,
            })
        }
        EventKind::Extended {
            deadline,
            reason,
            approver,
            provisional,
        } => Some(format!(
            "{} {deadline} · {}: {reason} · {}: {approver}{}",
            t(lang, "extended_to"),
            t(lang, "reason"),
            t(lang, "approver"),
            if *provisional {
                format!(" · {}", t(lang, "provisional"))
            } else {
                String::new()
            },
        )),
        EventKind::Recomputed {
            deadline,
            provisional,
        } => deadline.map(|d| {
            format!(
                "{} {d}{}",
                t(lang, "deadline"),
                if *provisional {
                    format!(" · {}", t(lang, "provisional"))
                } else {
                    String::new()
                }
            )
        }),
        EventKind::Urged { overdue_days } => Some(match overdue_days {
            Some(days) => t(lang, "urged_overdue").replace("{days}", &days.to_string()),
            None => t(lang, "urged_in_time").to_owned(),
        }),
        EventKind::Closed { reason } => Some(close_reason_name(lang, *reason).to_owned()),
    };
    (name, detail)
}

/// The history as an ordered list.
pub fn history(lang: Lang, domain: &Domain, events: &[Event]) -> Markup {
    html! {
        ol.history {
            @for event in events {
                @let (name, detail) = describe(lang, domain, &event.kind);
                li {
                    time datetime=(event.at.to_rfc3339()) { (when(&event.at)) }
                    " " strong { (name) }
                    @if let Some(detail) = detail { " · " span.detail { (detail) } }
                    " · " span.actor { (actor_name(lang, &event.actor)) }
                    @if let Some(note) = &event.note { " · " span.note { (t(lang, "note")) ": " (note) } }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_has_a_name_in_both_languages() {
        let domain = Domain::default();
        for lang in [Lang::ZhCn, Lang::En] {
            for name in EventKind::NAMES {
                let key = format!("event_{name}");
                assert_ne!(t(lang, &key), key, "{key}");
            }
            for level in Satisfaction::ALL {
                assert!(!satisfaction_name(lang, level).starts_with("satisfaction_"));
            }
            let (name, detail) =
                describe(lang, &domain, &EventKind::assigned("customs_office", None));
            assert!(!name.contains("assigned"));
            let detail = detail.unwrap();
            assert!(!detail.contains("customs_office"), "{detail}");
        }
        let (_, detail) = describe(
            Lang::ZhCn,
            &domain,
            &EventKind::rated(Satisfaction::VeryDissatisfied, Some(RevisitChannel::Visit)),
        );
        assert_eq!(detail.as_deref(), Some("非常不满意 · 上门回访"));
        let (_, detail) = describe(Lang::En, &domain, &EventKind::revisited(true));
        assert_eq!(detail.as_deref(), Some("Enterprise satisfied"));
        let at = DateTime::parse_from_rfc3339("2026-11-25T10:00:00.123456789+08:00").unwrap();
        assert_eq!(when(&at), "2026-11-25 10:00");
    }
}
