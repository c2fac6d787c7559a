//! Shared helpers of the cross-crate tests and benchmarks: the fixture
//! context and deterministic data generators.

use chrono::NaiveDate;
use lianjian::demand::{
    check_demand_json, parse_datetime, Calendar, Case, DeadlinePolicy, DemandKind, Dictionary,
    Event, PriorDemand, RepeatCheck, Rules,
};
use lianjian::ident::{parse_date, uscc};
use lianjian::outreach::{
    check_activity_json, check_programme_json, check_visit_json, OutreachContext, Programme,
};
use lianjian::{check_enrollment_json, Catalog, Context, Lang, Messages, Report, UsccPolicy};
use serde_json::{json, Value};

#[path = "support/pairing.rs"]
mod pairing_support;
pub use pairing_support::{
    booking_outcome, centre_outcome, earlier_pairings, fixture_centres, pairing_outcome,
    pairing_update_outcome, usage_outcome,
};

/// The date every fixture is checked against.
pub fn fixture_today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default()
}

/// The fixture district's legacy USCC allow-list (`fixtures/enrollment/legacy_uscc.txt`).
pub fn fixture_policy() -> UsccPolicy {
    let mut policy = UsccPolicy::default();
    let text = include_str!("fixtures/enrollment/legacy_uscc.txt");
    for line in text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        policy.allow_legacy(line);
    }
    policy
}

/// The built-in catalog.
pub fn catalog() -> &'static Catalog {
    Catalog::yantian()
}

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// One item of a slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A syntactically valid USCC with a correct final check (and, unless
/// `bad_org_check`, a correct organization-code check).
pub fn synthetic_uscc(rng: &mut Rng, bad_org_check: bool) -> String {
    const AUTHORITIES: &[(u8, &[u8])] = &[
        (b'9', b"1123"),
        (b'9', b"1"),
        (b'5', b"123"),
        (b'1', b"12"),
        (b'N', b"23"),
        (b'Y', b"1"),
        (b'A', b"1"),
    ];
    const DIVISIONS: &[&str] = &["440300", "440308", "440305", "110000", "310115"];
    const ORG: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let (authority, types) = *rng.pick(AUTHORITIES);
    let mut code = Vec::with_capacity(18);
    code.push(authority);
    code.push(*rng.pick(types));
    code.extend_from_slice(rng.pick(DIVISIONS).as_bytes());
    for _ in 0..8 {
        code.push(*rng.pick(ORG));
    }
    let org_check = uscc::org_code_check_character(&code[8..16]).unwrap_or(b'0');
    let org_check = if bad_org_check {
        if org_check == b'0' {
            b'1'
        } else {
            b'0'
        }
    } else {
        org_check
    };
    code.push(org_check);
    let check = uscc::check_character(&code).unwrap_or(b'0');
    code.push(check);
    String::from_utf8(code).unwrap_or_default()
}

/// Renders a report the way fixture snapshots show it: zh-CN findings and the
/// en messages beside them.
fn rendered(report: &Report) -> (Value, Value) {
    let messages = Messages::new();
    let zh = messages.render_report(Lang::ZhCn, report);
    let en: Vec<String> = messages
        .render_report(Lang::En, report)
        .findings
        .into_iter()
        .map(|f| f.message)
        .collect();
    (serde_json::to_value(zh).unwrap_or_default(), json!(en))
}

/// An enrollment fixture checked: `{report, en, record}`.
pub fn enrollment_outcome(text: &str) -> Value {
    let policy = fixture_policy();
    let context = Context::new(catalog(), fixture_today()).with_uscc_policy(&policy);
    let checked = check_enrollment_json(text, &context);
    let (report, en) = rendered(&checked.report);
    json!({ "report": report, "en": en, "record": checked.record })
}

/// The earlier demands the demand fixtures are compared against.
pub fn earlier_demands() -> Vec<PriorDemand> {
    include_str!("fixtures/demand/earlier.jsonl")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| {
            Some(PriorDemand {
                id: v["id"].as_str()?.to_owned(),
                enterprise_uscc: v["enterprise_uscc"].as_str()?.to_owned(),
                title: v["title"].as_str()?.to_owned(),
                description: v["description"].as_str()?.to_owned(),
                submitted_at: parse_datetime(v["submitted_at"].as_str()?)?,
            })
        })
        .collect()
}

/// A demand fixture checked against the earlier demands: `{report, en, record}`.
pub fn demand_outcome(text: &str) -> Value {
    let context = Context::new(catalog(), fixture_today());
    let earlier = earlier_demands();
    let checked = check_demand_json(text, &context, &RepeatCheck::against(&earlier));
    let (report, en) = rendered(&checked.report);
    json!({ "report": report, "en": en, "record": checked.record })
}

/// The programme the visit fixtures are checked against
/// (`fixtures/programme/valid_wanming.json`).
pub fn fixture_programme() -> Programme {
    let calendar = Calendar::china();
    let policy = fixture_policy();
    let context = OutreachContext::new(
        Context::new(catalog(), fixture_today()).with_uscc_policy(&policy),
        &calendar,
    );
    check_programme_json(
        include_str!("fixtures/programme/valid_wanming.json"),
        &context,
    )
    .record
    .unwrap_or_else(|| panic!("the fixture programme is valid"))
}

/// An outreach record checked as the fixtures are: today 2026-11-25, the
/// legacy allow-list, the built-in calendar, and for visits the fixture
/// programme. `{report, en, record}`.
fn outreach_outcome<T: serde::Serialize>(
    check: impl FnOnce(&OutreachContext<'_>) -> lianjian::Checked<T>,
    with_programme: bool,
) -> Value {
    let calendar = Calendar::china();
    let policy = fixture_policy();
    let programme = fixture_programme();
    let mut context = OutreachContext::new(
        Context::new(catalog(), fixture_today()).with_uscc_policy(&policy),
        &calendar,
    );
    if with_programme {
        context = context.with_programme(&programme);
    }
    let checked = check(&context);
    let (report, en) = rendered(&checked.report);
    json!({ "report": report, "en": en, "record": checked.record })
}

/// A programme fixture checked: `{report, en, record}`.
pub fn programme_outcome(text: &str) -> Value {
    outreach_outcome(|c| check_programme_json(text, c), false)
}

/// A visit fixture checked against the fixture programme: `{report, en, record}`.
pub fn visit_outcome(text: &str) -> Value {
    outreach_outcome(|c| check_visit_json(text, c), true)
}

/// An activity fixture checked: `{report, en, record}`.
pub fn activity_outcome(text: &str) -> Value {
    outreach_outcome(|c| check_activity_json(text, c), false)
}

/// The options every binding is given for the fixtures of a kind: today
/// 2026-11-25, the legacy allow-list, and for visits the fixture programme;
/// messages in `lang`.
pub fn fixture_options(kind: &str, lang: &str) -> lianjian::api::Options {
    let legacy: Vec<String> = include_str!("fixtures/enrollment/legacy_uscc.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    let options = lianjian::api::Options {
        lang: Some(lang.to_owned()),
        today: Some(fixture_today().to_string()),
        legacy_uscc: legacy,
        ..lianjian::api::Options::default()
    };
    if kind == "visit" {
        options
            .with_programme_json(include_str!("fixtures/programme/valid_wanming.json"))
            .unwrap_or_else(|e| panic!("{e}"))
    } else {
        options
    }
}

/// A JSON-lines fixture of `kind` checked line by line, each record against
/// the earlier lines: `[{line, valid, findings (zh-CN), en}]`.
pub fn batch_outcome(kind: &str, text: &str) -> Value {
    let answers = |lang: &str| {
        lianjian::api::validate_lines(kind, text, &fixture_options(kind, lang))
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let en = answers("en");
    let lines: Vec<Value> = answers("zh-CN")
        .into_iter()
        .zip(en)
        .map(|(zh, en)| {
            let messages: Vec<String> = en.findings.into_iter().map(|f| f.message).collect();
            json!({ "line": zh.line, "valid": zh.valid, "findings": zh.findings, "en": messages })
        })
        .collect();
    Value::Array(lines)
}

/// A lifecycle fixture (`{kind, today, events}`) replayed: the derived state
/// and every finding.
pub fn lifecycle_outcome(text: &str) -> Value {
    let fixture: Value = serde_json::from_str(text).unwrap_or_default();
    let kind: DemandKind =
        serde_json::from_value(fixture["kind"].clone()).unwrap_or(DemandKind::Help);
    let today = fixture["today"]
        .as_str()
        .and_then(parse_date)
        .unwrap_or_else(fixture_today);
    let events: Vec<Event> = serde_json::from_value(fixture["events"].clone()).unwrap_or_default();
    let calendar = Calendar::china();
    let rules = Rules {
        calendar: &calendar,
        deadlines: DeadlinePolicy::default(),
        dictionary: Some(Dictionary::builtin()),
    };
    let (case, report) = Case::replay(kind, &events, &rules);
    let (rendered, en) = rendered(&report);
    let case = case.map(|c| {
        json!({
            "state": c.state(),
            "department": c.department(),
            "deadline": c.deadline(),
            "deadline_provisional": c.deadline_provisional(),
            "events_applied": c.history().len(),
            "overdue_days": c.overdue_days(today, &calendar),
            "replied_on_time": c.replied_on_time(),
            "satisfied": c.satisfied(),
        })
    });
    json!({ "case": case, "findings": rendered["findings"], "en": en })
}
