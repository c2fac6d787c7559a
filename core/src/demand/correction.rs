//! Corrections: where staff assign a demand to another department than the
//! classifier suggested, the demand's text with what was suggested and what
//! was decided. A district's corrections are the best training data it has
//! (`lianjian classify --train`).
//!
//! A correction leaves the portal, so it carries no personal data the
//! record names: no enterprise, no USCC, no contact, no demand id. The title
//! and description are scrubbed ([`scrub`]): the record's own contact name,
//! phone, e-mail, enterprise name and USCC where the text repeats them;
//! every number of seven digits or more (phone, ID, account numbers, written
//! with spaces or hyphens too) and an ID number's final `X`; e-mail
//! addresses; codes of 15 or more letters and digits (USCCs); and a
//! surname before an honorific (`王经理` → `某经理`). What it cannot catch:
//! a person's name written without an honorific, or an address; staff are
//! asked to keep those out of a demand's text.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Classifier, Demand, TOPIC_IDS};

/// What staff decided, beside what the classifier suggested
/// (`{title, description, topic, department, suggested_topic,
/// suggested_department, source, on}`, one JSON line each in an export).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// The demand's title, scrubbed.
    pub title: String,
    /// The demand's description, scrubbed.
    pub description: String,
    /// The topic the decision points to: the suggested topic when the
    /// assigned department handles it; else the likeliest (by the
    /// classifier's ranking) of the topics the department leads, or of
    /// those it handles when it leads none.
    pub topic: String,
    /// The department staff assigned.
    pub department: String,
    /// The topic the demand carried (chosen by the enterprise or suggested).
    pub suggested_topic: String,
    /// The department suggested for it.
    pub suggested_department: String,
    /// Where the decision was taken: `assignment` (one demand) or `meeting`
    /// (a joint meeting's minutes).
    pub source: String,
    /// The day of the decision.
    pub on: NaiveDate,
}

/// The correction of assigning `demand`, which carried `suggested_topic`,
/// to `department`: `None` when the department is the one suggested, or
/// handles no topic of the classifier.
pub fn correction(
    classifier: &Classifier<'_>,
    demand: &Demand,
    suggested_topic: &str,
    department: &str,
    source: &str,
    on: NaiveDate,
) -> Option<Correction> {
    let suggested_department = classifier
        .departments_of(suggested_topic)
        .first()
        .cloned()
        .unwrap_or_default();
    if department == suggested_department {
        return None;
    }
    let handled: Vec<&str> = TOPIC_IDS
        .iter()
        .copied()
        .filter(|t| classifier.departments_of(t).iter().any(|d| d == department))
        .collect();
    let led: Vec<&str> = handled
        .iter()
        .copied()
        .filter(|t| classifier.departments_of(t).first().map(String::as_str) == Some(department))
        .collect();
    let handled = if handled.contains(&suggested_topic) || led.is_empty() {
        handled
    } else {
        led
    };
    let topic = if handled.contains(&suggested_topic) {
        suggested_topic.to_owned()
    } else {
        let ranked = classifier.classify(&demand.title, &demand.description);
        ranked
            .candidates
            .iter()
            .map(|c| c.topic.as_str())
            .find(|t| handled.contains(t))
            .or_else(|| handled.first().copied())?
            .to_owned()
    };
    let personal = [
        demand.contact.name.as_str(),
        demand.contact.phone.as_str(),
        demand.contact.email.as_deref().unwrap_or(""),
        demand.enterprise_name.as_str(),
        demand.enterprise_uscc.as_str(),
    ];
    Some(Correction {
        title: scrub(&demand.title, &personal),
        description: scrub(&demand.description, &personal),
        topic,
        department: department.to_owned(),
        suggested_topic: suggested_topic.to_owned(),
        suggested_department,
        source: source.to_owned(),
        on,
    })
}

/// What replaces a scrubbed number, code or address.
const MASK: &str = "***";

/// Honorifics a surname stands before (`王经理`).
const HONORIFICS: [&str; 9] = [
    "先生", "女士", "小姐", "经理", "总监", "主任", "师傅", "老师", "科长",
];

/// Characters before an honorific that are not a surname (`总经理`, `副主任`).
const NOT_SURNAMES: &str = "总副部区厂店项客大本该原前售务管理室组班";

/// `text` without the `known` personal strings (each of two characters or
/// more; names become `某`, numbers and addresses `***`), numbers of seven
/// digits or more, e-mail addresses, long codes, house, building and room
/// numbers (`示例路88号` → `示例路***`, `3栋502室` → `******`), and surnames
/// before honorifics.
pub fn scrub(text: &str, known: &[&str]) -> String {
    let mut text = text.to_owned();
    for item in known.iter().map(|k| k.trim()) {
        if item.chars().count() >= 2 {
            let mask = if item.chars().any(|c| c.is_ascii_alphanumeric()) {
                MASK
            } else {
                "某"
            };
            text = text.replace(item, mask);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(end) = email_at(&chars, i)
            .or_else(|| code_at(&chars, i))
            .or_else(|| number_at(&chars, i))
            .or_else(|| address_at(&chars, i))
        {
            out.push_str(MASK);
            i = end;
            continue;
        }
        if let Some(honorific) = HONORIFICS
            .iter()
            .find(|h| chars[i + 1..].starts_with(&h.chars().collect::<Vec<_>>()))
        {
            let c = chars[i];
            if is_han(c) && !NOT_SURNAMES.contains(c) {
                out.push('某');
                out.push_str(honorific);
                i += 1 + honorific.chars().count();
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}')
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-')
}

/// The end of an e-mail address starting at `i`.
fn email_at(chars: &[char], i: usize) -> Option<usize> {
    if !word_char(chars[i]) || (i > 0 && word_char(chars[i - 1])) {
        return None;
    }
    let at = i + chars[i..].iter().position(|&c| !word_char(c))?;
    if chars[at] != '@' || at == i {
        return None;
    }
    let end = chars[at + 1..]
        .iter()
        .position(|&c| !(c.is_ascii_alphanumeric() || c == '.' || c == '-'))
        .map_or(chars.len(), |n| at + 1 + n);
    (end > at + 1).then_some(end)
}

/// The end of a code of 15 or more ASCII letters and digits (6 or more of
/// them digits) starting at `i`.
fn code_at(chars: &[char], i: usize) -> Option<usize> {
    if !chars[i].is_ascii_alphanumeric() || (i > 0 && chars[i - 1].is_ascii_alphanumeric()) {
        return None;
    }
    let end = chars[i..]
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .map_or(chars.len(), |n| i + n);
    let digits = chars[i..end].iter().filter(|c| c.is_ascii_digit()).count();
    (end - i >= 15 && digits >= 6).then_some(end)
}

/// Characters a house number's `号` follows (a road, street, lane or village).
const STREETS: &str = "路街道巷弄村";

/// The end of an address number starting at `i`: digits (with hyphens
/// between them) before `栋`, `座` or `室`, or before `号` after a street
/// name (`示例路88号`; `5号` alone may be a date and stays).
fn address_at(chars: &[char], i: usize) -> Option<usize> {
    if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
        return None;
    }
    let mut end = i;
    while end < chars.len()
        && (chars[end].is_ascii_digit()
            || (chars[end] == '-' && chars.get(end + 1).is_some_and(char::is_ascii_digit)))
    {
        end += 1;
    }
    match chars.get(end) {
        Some('栋' | '座' | '室') => Some(end + 1),
        Some('号') if i > 0 && STREETS.contains(chars[i - 1]) => Some(end + 1),
        _ => None,
    }
}

/// The end of a number of seven digits or more starting at `i` (a `+`,
/// then digits with single spaces or hyphens between them, and an ID
/// number's final `X`).
fn number_at(chars: &[char], i: usize) -> Option<usize> {
    let start = if chars[i] == '+' { i + 1 } else { i };
    if !chars.get(start)?.is_ascii_digit() || (i > 0 && chars[i - 1].is_ascii_digit()) {
        return None;
    }
    let (mut end, mut digits) = (start, 0);
    while end < chars.len() {
        if chars[end].is_ascii_digit() {
            digits += 1;
            end += 1;
        } else if matches!(chars[end], ' ' | '-')
            && chars.get(end + 1).is_some_and(char::is_ascii_digit)
        {
            end += 1;
        } else {
            break;
        }
    }
    if digits < 7 {
        return None;
    }
    if matches!(chars.get(end), Some('X' | 'x')) {
        end += 1;
    }
    Some(end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demand::Dictionary;

    fn demand(title: &str, description: &str) -> Demand {
        serde_json::from_value(serde_json::json!({
            "enterprise_uscc": "91440300MA5FUTN418", "enterprise_name": "深圳市示例物流有限公司",
            "kind": "help", "title": title, "description": description,
            "contact": {"name": "李四", "phone": "13900139000", "email": "li@example.com"},
            "declarations": {"not_in_litigation": true, "no_secrets": true},
            "submitted_at": "2026-11-25T10:00:00+08:00"
        }))
        .unwrap()
    }

    fn on() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    #[test]
    fn scrubs_numbers_codes_addresses_and_the_records_own_names() {
        let personal = [
            "李四",
            "13900139000",
            "li@example.com",
            "深圳市示例物流有限公司",
        ];
        for (text, expected) in [
            ("请联系李四 139 0013 9000", "请联系某 ***"),
            ("电话+86 755-2345-6789转", "电话***转"),
            ("身份证44030119900101123X有误", "身份证***有误"),
            ("代码91440300MA5FUTN418", "代码***"),
            ("发到 ops@example.com 谢谢", "发到 *** 谢谢"),
            (
                "深圳市示例物流有限公司的王经理和总经理",
                "某的某经理和总经理",
            ),
            ("2026年3月的12万元退税", "2026年3月的12万元退税"),
            ("订单号 123456 还在", "订单号 123456 还在"),
            (
                "地址盐田区示例路88-2号3栋502室",
                "地址盐田区示例路*********",
            ),
            ("每月5号发工资", "每月5号发工资"),
        ] {
            assert_eq!(scrub(text, &personal), expected, "{text}");
        }
    }

    #[test]
    fn a_correction_names_the_decision_and_no_one() {
        let classifier = Dictionary::builtin_classifier();
        let d = demand(
            "人才补贴申请被拒",
            "个税由集团总部代扣，李四的电话13900139000",
        );
        let c = correction(classifier, &d, "tax", "hr_bureau", "meeting", on()).unwrap();
        assert_eq!(
            (
                c.topic.as_str(),
                c.department.as_str(),
                c.suggested_department.as_str()
            ),
            ("talent", "hr_bureau", "tax_bureau")
        );
        assert_eq!(c.description, "个税由集团总部代扣，某的电话***");
        let json = serde_json::to_string(&c).unwrap();
        for personal in ["李四", "13900139000", "91440300MA5FUTN418", "示例物流"] {
            assert!(!json.contains(personal), "{json}");
        }
        // The suggested department: no correction.
        assert!(correction(classifier, &d, "tax", "tax_bureau", "meeting", on()).is_none());
        // Another department of the same topic: the topic stays.
        let c = correction(
            classifier,
            &d,
            "traffic",
            "transport_bureau",
            "assignment",
            on(),
        )
        .unwrap();
        assert_eq!(c.topic, "traffic");
        // A department that leads one topic: that topic.
        let c = correction(
            classifier,
            &d,
            "other",
            "industry_it_bureau",
            "meeting",
            on(),
        )
        .unwrap();
        assert_eq!(c.topic, "financing");
        // One that leads none: the likeliest it handles.
        let c = correction(
            classifier,
            &d,
            "other",
            "science_innovation_bureau",
            "meeting",
            on(),
        )
        .unwrap();
        assert_eq!(c.topic, "industry_policy");
        // A department no topic names: nothing to learn.
        assert!(correction(classifier, &d, "tax", "mint", "meeting", on()).is_none());
    }
}
