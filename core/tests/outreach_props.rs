//! The outreach records' invariants over random inputs and operations:
//!
//! - no programme, visit or activity operation — checking a record, a file
//!   of them, a visit's demands entering the lifecycle, cadence, amending a
//!   stored record, changing an activity's status — changes any
//!   organization's home affiliation or any committee's memberships: the
//!   operations see the district only through a shared reference, and the
//!   district is compared before and after each one;
//! - findings carry no personal data: a contact's name and phone number put
//!   anywhere in a record never come back in a finding's params or message,
//!   in either language;
//! - stored records only grow: an amendment or status change refused leaves
//!   the history as it was, one accepted adds exactly one entry.

use chrono::{DateTime, Days, FixedOffset, NaiveDate};
use lianjian::api::{validate, validate_lines, Options};
use lianjian::calendar::Calendar;
use lianjian::demand::{Case, DeadlinePolicy, Dictionary, Rules};
use lianjian::outreach::{
    cadence, check_activity_json, check_programme_json, check_visit_json, ActivityStatus, History,
    OutreachContext, StatusChange, StatusLog,
};
use lianjian::{
    Affiliation, Catalog, Context, District, Lang, Messages, OrgId, OrgKind, Organization,
    PartyOrgId, PartyOrgKind, PartyOrganization, Secretary,
};
use proptest::prelude::*;
use serde_json::{json, Value};

/// Valid codes with correct check characters, one per organization.
const USCCS: [&str; 6] = [
    "91440300MA5FUTN418",
    "91440300MA5G12343E",
    "91440300MA5J6K8P6E",
    "91440300MA5H2B7C5Y",
    "91440300MA5YATR37X",
    "91440300MA5L9Q2R98",
];

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn at(day: u32, hour: u32) -> String {
    let date = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(u64::from(day % 328));
    format!("{date}T{:02}:00:00+08:00", 8 + hour % 10)
}

fn time(text: &str) -> DateTime<FixedOffset> {
    lianjian::ident::parse_datetime(text).unwrap()
}

/// A district whose enterprises have Party organizations with affiliations,
/// enrolled in two chains.
fn district() -> District {
    let mut district = District::new(Catalog::yantian().clone());
    let leader = OrgId("LEADER".into());
    district
        .register_organization(Organization::new(
            leader.clone(),
            "链主企业",
            OrgKind::Enterprise,
        ))
        .unwrap();
    district
        .register_party_org(PartyOrganization::new(
            PartyOrgId("LEADER#own".into()),
            "链主企业党委",
            PartyOrgKind::Committee,
            (140, 3),
            Affiliation::new("区非公经济组织党委"),
            vec![leader],
        ))
        .unwrap();
    for chain in ["port_logistics", "gold_jewelry"] {
        let secretary = Secretary {
            name: "书记".into(),
            party_org: PartyOrgId("LEADER#own".into()),
        };
        district.establish_committee(chain, secretary).unwrap();
    }
    for (i, _) in USCCS.iter().enumerate() {
        let id = OrgId(format!("ORG{i}"));
        district
            .register_organization(Organization::new(
                id.clone(),
                format!("企业{i}"),
                OrgKind::Enterprise,
            ))
            .unwrap();
        district
            .register_party_org(PartyOrganization::new(
                PartyOrgId(format!("ORG{i}#own")),
                format!("企业{i}党支部"),
                PartyOrgKind::Branch,
                (3 + i as u32, 0),
                Affiliation::new(["沙头角街道党工委", "海山街道党工委"][i % 2]),
                vec![id.clone()],
            ))
            .unwrap();
        let chain = ["port_logistics", "gold_jewelry"][i % 2];
        let segment = Catalog::yantian().chain(chain).unwrap().segments[0]
            .id
            .clone();
        district.enroll(chain, id, vec![segment], today()).unwrap();
    }
    district
}

/// What an operation could change: every affiliation and every membership.
fn snapshot(district: &District) -> String {
    let memberships: Vec<String> = district.committees().map(|c| format!("{c:?}")).collect();
    format!("{:?} {memberships:?}", district.registry().affiliations())
}

/// The enterprises of the district, as the outreach records name them.
fn usccs(district: &District) -> Vec<&'static str> {
    district
        .registry()
        .organizations()
        .filter_map(|o| o.id().0.strip_prefix("ORG"))
        .filter_map(|n| n.parse::<usize>().ok())
        .filter_map(|n| USCCS.get(n).copied())
        .collect()
}

fn programme(district: &District, held: &[u8]) -> Value {
    let enterprises = usccs(district);
    let held: Vec<&str> = held
        .iter()
        .map(|&i| enterprises[usize::from(i) % enterprises.len()])
        .collect();
    json!({"id": "p", "name": "万名干部助企行", "from": "2026-01-01", "to": "2026-12-31",
           "owner": "区委组织部", "key_enterprises": enterprises,
           "contacts": [{"id": "c1", "kind": "member_unit", "unit": "梅沙海关",
                         "department": "customs_office", "enterprises": held}]})
}

fn visit(id: u8, enterprise: &str, mode: &str, when: &str, reply: bool) -> Value {
    let mut demand = json!({"enterprise_uscc": enterprise, "enterprise_name": "深圳市示例企业有限公司",
        "kind": "help", "title": "保税区货运通道开放时间", "description": "希望货运通道二十四小时开放，夜间集港更顺畅。",
        "contact": {"name": "联系人", "phone": "13700137000"},
        "declarations": {"not_in_litigation": true, "no_secrets": true}, "submitted_at": when});
    if reply {
        demand["on_site_reply"] = json!("已协调，一周内答复。");
    }
    json!({"id": format!("v{id}"), "programme": "p", "contact": "c1", "enterprise_uscc": enterprise,
           "enterprise_name": "深圳市示例企业有限公司", "mode": mode, "visited_at": when,
           "demands": [demand]})
}

fn activity(id: u8, room: u8, when: &str, status: &str, present: &[&str]) -> Value {
    let start = time(when);
    let end = start + chrono::Duration::hours(2);
    json!({"id": format!("a{id}"), "kind": "policy_briefing", "title": "政策宣讲会",
           "venue": {"centre": "ytzb", "room": format!("hall-{}", room % 2)},
           "starts_at": when, "ends_at": end.to_rfc3339(), "status": status,
           "enterprises_present": present, "attended": 10})
}

#[derive(Debug, Clone)]
enum Op {
    Programme(Vec<u8>),
    Visit {
        id: u8,
        who: u8,
        mode: u8,
        day: u32,
        hour: u32,
        reply: bool,
    },
    Activity {
        id: u8,
        room: u8,
        day: u32,
        hour: u32,
        status: u8,
    },
    Lines {
        kind: u8,
        count: u8,
    },
    Cadence(u32),
    Amend {
        reason: bool,
        day: u32,
    },
    Status {
        to: u8,
        reason: bool,
        day: u32,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..6).prop_map(Op::Programme),
        (
            any::<u8>(),
            any::<u8>(),
            0..5u8,
            0..400u32,
            0..12u32,
            any::<bool>()
        )
            .prop_map(|(id, who, mode, day, hour, reply)| Op::Visit {
                id,
                who,
                mode,
                day,
                hour,
                reply
            }),
        (any::<u8>(), any::<u8>(), 0..400u32, 0..12u32, 0..4u8).prop_map(
            |(id, room, day, hour, status)| Op::Activity {
                id,
                room,
                day,
                hour,
                status
            }
        ),
        (0..3u8, 1..6u8).prop_map(|(kind, count)| Op::Lines { kind, count }),
        (0..400u32).prop_map(Op::Cadence),
        (any::<bool>(), 0..400u32).prop_map(|(reason, day)| Op::Amend { reason, day }),
        (0..4u8, any::<bool>(), 0..400u32).prop_map(|(to, reason, day)| Op::Status {
            to,
            reason,
            day
        }),
    ]
}

const MODES: [&str; 5] = ["on_site", "phone", "online", "at_centre", "meeting"];
const STATUSES: [ActivityStatus; 4] = [
    ActivityStatus::Planned,
    ActivityStatus::Held,
    ActivityStatus::Recorded,
    ActivityStatus::Cancelled,
];

/// The outreach state a store keeps beside the district.
struct Store {
    programme: Value,
    visits: Vec<lianjian::outreach::Visit>,
    amended: History<Value>,
    status: StatusLog,
}

/// Applies one operation with the district seen only by shared reference.
fn apply(district: &District, store: &mut Store, op: &Op) {
    let calendar = Calendar::china();
    let context = OutreachContext::new(Context::new(district.catalog(), today()), &calendar);
    let enterprises = usccs(district);
    match op {
        Op::Programme(held) => {
            let text = programme(district, held).to_string();
            if check_programme_json(&text, &context).record.is_some() {
                store.programme = programme(district, held);
            }
        }
        Op::Visit {
            id,
            who,
            mode,
            day,
            hour,
            reply,
        } => {
            let enterprise = enterprises[usize::from(*who) % enterprises.len()];
            let when = at(*day, *hour);
            let record = visit(*id, enterprise, MODES[usize::from(*mode)], &when, *reply);
            let programme = check_programme_json(&store.programme.to_string(), &context).record;
            let context = match &programme {
                Some(p) => context.with_programme(p),
                None => context,
            };
            if let Some(v) = check_visit_json(&record.to_string(), &context).record {
                let rules = Rules {
                    calendar: &calendar,
                    deadlines: DeadlinePolicy::default(),
                    dictionary: Some(Dictionary::builtin()),
                };
                for (demand, events) in v.intake(programme.as_ref(), "enterprise_service_centre") {
                    let (case, report) = Case::replay(demand.kind, &events, &rules);
                    assert!(case.is_some() && report.is_valid(), "{report:?}");
                }
                store.visits.push(v);
            }
        }
        Op::Activity {
            id,
            room,
            day,
            hour,
            status,
        } => {
            let present = &enterprises[..enterprises.len().min(usize::from(*id) % 4)];
            let record = activity(
                *id,
                *room,
                &at(*day, *hour),
                STATUSES[usize::from(*status)].as_str(),
                present,
            );
            let _ = check_activity_json(&record.to_string(), &context);
        }
        Op::Lines { kind, count } => {
            let lines: Vec<String> = (0..*count)
                .map(|n| match kind {
                    0 => visit(n % 2, enterprises[0], "on_site", &at(300, 1), false).to_string(),
                    1 => activity(n % 3, n, &at(300, u32::from(n)), "held", &[]).to_string(),
                    _ => store.programme.to_string(),
                })
                .collect();
            let kind = ["visit", "activity", "programme"][usize::from(*kind)];
            let options = Options::from_json(r#"{"today": "2026-11-25"}"#).unwrap();
            let answers = validate_lines(kind, &lines.join("\n"), &options).unwrap();
            assert_eq!(answers.len(), lines.len());
        }
        Op::Cadence(day) => {
            if let Some(p) = check_programme_json(&store.programme.to_string(), &context).record {
                let entries = cadence(
                    &p,
                    &store.visits,
                    NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(u64::from(*day)),
                );
                let held: usize = p.contacts.iter().map(|c| c.enterprises.len()).sum();
                assert_eq!(entries.len(), held);
            }
        }
        Op::Amend { reason, day } => {
            let before = store.amended.revisions().to_vec();
            let reason = if *reason { "签到表复核" } else { " " };
            let done =
                store
                    .amended
                    .amend(time(&at(*day, 0)), "staff", reason, json!({"day": day}));
            let after = store.amended.revisions();
            assert_eq!(
                &after[..before.len()],
                &before[..],
                "earlier revisions stay"
            );
            assert_eq!(after.len(), before.len() + usize::from(done.is_ok()));
        }
        Op::Status { to, reason, day } => {
            let before = store.status.changes().to_vec();
            let done = store.status.change(StatusChange {
                at: time(&at(*day, 0)),
                actor: "staff".into(),
                status: STATUSES[usize::from(*to)],
                reason: reason.then(|| "更正".to_owned()),
            });
            let after = store.status.changes();
            assert_eq!(&after[..before.len()], &before[..], "earlier changes stay");
            assert_eq!(after.len(), before.len() + usize::from(done.is_ok()));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn no_outreach_operation_changes_an_affiliation(ops in prop::collection::vec(op(), 1..30)) {
        let district = district();
        let before = snapshot(&district);
        let mut store = Store {
            programme: programme(&district, &[0, 1, 2]),
            visits: Vec::new(),
            amended: History::new(time("2026-01-01T08:00:00+08:00"), "staff", json!({})),
            status: StatusLog::new(time("2026-01-01T08:00:00+08:00"), "staff", ActivityStatus::Planned),
        };
        for op in &ops {
            apply(&district, &mut store, op);
            prop_assert_eq!(&snapshot(&district), &before, "after {:?}", op);
        }
    }
}

/// Where a person's name or phone number may be typed, by kind.
const PLACES: &[(&str, &[&str])] = &[
    (
        "programme",
        &[
            "/id",
            "/name",
            "/owner",
            "/from",
            "/key_enterprises/0",
            "/contacts/0/id",
            "/contacts/0/kind",
            "/contacts/0/unit",
            "/contacts/0/account",
            "/contacts/0/department",
            "/contacts/0/enterprises/0",
            "/quota/min_per_contact",
            "/cadence/on_site_days",
        ],
    ),
    (
        "visit",
        &[
            "/id",
            "/programme",
            "/contact",
            "/enterprise_uscc",
            "/enterprise_name",
            "/mode",
            "/visited_at",
            "/visitors/0",
            "/policies_delivered/0",
            "/notes",
            "/next_visit_on",
            "/demands/0/enterprise_uscc",
            "/demands/0/title",
            "/demands/0/kind",
            "/demands/0/topic",
            "/demands/0/submitted_at",
            "/demands/0/on_site_reply",
            "/demands/0/origin/channel",
            "/demands/0/origin/ref",
        ],
    ),
    (
        "activity",
        &[
            "/id",
            "/series",
            "/kind",
            "/title",
            "/chains/0",
            "/organizers/0/id",
            "/organizers/0/kind",
            "/venue/room",
            "/venue/centre",
            "/starts_at",
            "/status",
            "/topics/0",
            "/capacity",
            "/enterprises_present/0",
            "/lecturers/0/role",
            "/lecturers/0/unit",
            "/record/recorder",
            "/record/recorded_at",
            "/financing/lines/0/stage",
            "/financing/lines/0/enterprise_uscc",
            "/financing/lines/0/amount_wan",
            "/initiative/signatories/0/uscc",
            "/initiative/title",
        ],
    ),
];

fn base(kind: &str) -> Value {
    let mut programme = programme(&district(), &[0]);
    programme["contacts"][0]["account"] = json!("cadre-1");
    programme["cadence"] = json!({"on_site_days": 60});
    programme["quota"] = json!({"min_per_contact": 1});
    match kind {
        "programme" => programme,
        "visit" => {
            let mut v = visit(1, USCCS[0], "on_site", "2026-11-20T10:00:00+08:00", true);
            v["visitors"] = json!(["cadre-1"]);
            v["policies_delivered"] = json!(["tax"]);
            v["notes"] = json!("走访记录");
            v["next_visit_on"] = json!("2026-12-20");
            v["demands"][0]["origin"] = json!({"channel": "visit", "ref": "v1"});
            v["demands"][0]["topic"] = json!("customs");
            v
        }
        _ => {
            let mut a = activity(1, 0, "2026-11-20T10:00:00+08:00", "recorded", &[USCCS[0]]);
            a["series"] = json!("dangqun_zhuqi");
            a["chains"] = json!(["port_logistics"]);
            a["organizers"] = json!([{"kind": "department", "id": "customs_office"}]);
            a["topics"] = json!(["customs"]);
            a["capacity"] = json!(80);
            a["lecturers"] = json!([{"role": "expert", "unit": "某大学"}]);
            a["record"] =
                json!({"recorder": "staff-1", "recorded_at": "2026-11-21T10:00:00+08:00"});
            a["financing"] = json!({"lines": [{"enterprise_uscc": USCCS[0], "stage": "credit",
                                                "amount_wan": 100, "on": "2026-11-20"}]});
            a["initiative"] = json!({"title": "倡议书", "signatories": [{"uscc": USCCS[1], "signed_on": "2026-11-20"}]});
            a
        }
    }
}

/// A name of rare characters no message holds, and an allocated mobile number.
fn person() -> impl Strategy<Value = (String, String)> {
    let name = prop::collection::vec(
        prop::sample::select(vec!['翊', '曌', '嫣', '彧', '珩', '霁', '蘅', '琰']),
        2..4,
    )
    .prop_map(|chars| chars.into_iter().collect::<String>());
    let phone = (0..100_000_000u64).prop_map(|n| format!("139{n:08}"));
    (name, phone)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn findings_carry_no_personal_data(
        kind in 0..3usize,
        places in prop::collection::vec((any::<prop::sample::Index>(), 0..4u8), 1..5),
        (name, phone) in person(),
    ) {
        let (kind, paths) = PLACES[kind];
        let mut record = base(kind);
        // The contact of a visit's demand is personal data wherever the rest goes.
        if kind == "visit" {
            record["demands"][0]["contact"] = json!({"name": name, "phone": phone});
        }
        for (index, how) in &places {
            let path = paths[index.index(paths.len())];
            let value = match how {
                0 => json!(name),
                1 => json!(phone),
                2 => json!(format!("{name} {phone}")),
                _ => json!([name, phone]),
            };
            if let Some(slot) = record.pointer_mut(path) {
                *slot = value;
            }
        }
        let programme = base("programme").to_string();
        for lang in ["zh-CN", "en"] {
            let options = Options::from_json(&format!(
                r#"{{"today": "2026-11-25", "lang": "{lang}", "programme": {programme}}}"#
            ))
            .unwrap();
            let answer = validate(kind, &record.to_string(), &options).unwrap();
            for finding in &answer.findings {
                if finding.code == lianjian::Code::UnknownField {
                    continue; // a key is the sender's, never the person's
                }
                let shown = format!("{} {}", finding.message, serde_json::to_string(&finding.params).unwrap());
                prop_assert!(!shown.contains(&phone), "{kind} {:?}: {shown}", finding.code);
                prop_assert!(!shown.contains(&name), "{kind} {:?}: {shown}", finding.code);
            }
        }
        // The messages of both languages render from the same findings.
        let calendar = Calendar::weekends_only();
        let context = OutreachContext::new(Context::new(Catalog::yantian(), today()), &calendar);
        let report = match kind {
            "programme" => check_programme_json(&record.to_string(), &context).report,
            "visit" => check_visit_json(&record.to_string(), &context).report,
            _ => check_activity_json(&record.to_string(), &context).report,
        };
        for lang in Lang::ALL {
            let rendered = Messages::new().render_report(lang, &report);
            prop_assert_eq!(rendered.findings.len(), report.findings().len());
        }
    }
}
