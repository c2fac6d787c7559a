//! The records (`docs/wire/records.md`): their fields as the JSON Schemas
//! list them (generated from the Rust record types), and the allowed values
//! and limits the rules enforce, found by sending the core a valid record
//! with one field changed and reading the findings at that field.

use std::collections::BTreeMap;

use lianjian_tests::{
    activity_outcome, demand_outcome, enrollment_outcome, programme_outcome, visit_outcome,
};
use serde_json::{json, Value};

/// One step of a field's path: a key, or every item of a list.
#[derive(Clone, Debug, PartialEq)]
enum Step {
    Key(String),
    Each,
}

/// A field of a record as its schema describes it.
#[derive(Clone, Debug)]
pub struct Field {
    steps: Vec<Step>,
    /// Required within its object.
    pub required: bool,
    /// The JSON types the schema allows (`string`, `number`, `array`, `enum`, `object`…).
    types: Vec<String>,
}

impl Field {
    /// `enterprise.name`, `attachments[].size_bytes`.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for step in &self.steps {
            match step {
                Step::Key(k) if out.is_empty() => out.push_str(k),
                Step::Key(k) => {
                    out.push('.');
                    out.push_str(k);
                }
                Step::Each => out.push_str("[]"),
            }
        }
        out
    }

    /// The path of the first item's field, as findings write it.
    fn first_item_path(&self) -> String {
        self.path().replace("[]", "[0]")
    }

    fn has(&self, t: &str) -> bool {
        self.types.iter().any(|x| x == t)
    }
}

/// The committed schema of a record (`enrollment`, `demand`, `programme`,
/// `visit`, `activity`).
pub fn schema(record: &str) -> Value {
    let path = format!(
        "{}/../bindings/schema/{record}.schema.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn resolve<'a>(schema: &'a Value, node: &'a Value) -> &'a Value {
    if let Some(reference) = node["$ref"].as_str() {
        let name = reference.trim_start_matches("#/$defs/");
        return resolve(schema, &schema["$defs"][name]);
    }
    if let Some(options) = node["anyOf"].as_array() {
        if let Some(other) = options.iter().find(|o| o["type"] != "null") {
            return resolve(schema, other);
        }
    }
    node
}

fn types(node: &Value) -> Vec<String> {
    if node["oneOf"].is_array() {
        return vec!["enum".into()];
    }
    match &node["type"] {
        Value::String(t) => vec![t.clone()],
        Value::Array(list) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Every field of a record, outermost first, objects before their members.
pub fn fields(schema: &Value) -> Vec<Field> {
    fn walk(schema: &Value, node: &Value, steps: Vec<Step>, out: &mut Vec<Field>) {
        let node = resolve(schema, node);
        let required: Vec<&str> = node["required"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        for (key, member) in node["properties"].as_object().into_iter().flatten() {
            let mut here = steps.clone();
            here.push(Step::Key(key.clone()));
            let target = resolve(schema, member);
            out.push(Field {
                steps: here.clone(),
                required: required.contains(&key.as_str()),
                types: types(target),
            });
            walk(schema, target, here.clone(), out);
            let items = resolve(schema, &target["items"]);
            if items["properties"].is_object() {
                here.push(Step::Each);
                walk(schema, items, here, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(schema, schema, Vec::new(), &mut out);
    out
}

/// A valid record of each kind with every optional field present.
fn base(record: &str) -> Value {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(format!("{dir}/{name}")).unwrap()).unwrap()
    };
    match record {
        "enrollment" => {
            let mut value = read("enrollment/valid_own_branch.json");
            value["liaison"] = json!({"name": "联络员甲", "phone": "13800138001"});
            value["party_org"]["units"] = json!(1);
            value["party_org"]["branch_committee"] = json!(true);
            value
        }
        "programme" => {
            let mut value = read("programme/valid_wanming.json");
            value["cadence"]["due_within_days"] = json!(7);
            value["contacts"][0]["department"] = json!("hr_bureau");
            value
        }
        "visit" => read("visit/valid_on_site_with_demand.json"),
        "activity" => {
            let mut value = read("activity/valid_policy_briefing.json");
            value["pairing"] = json!("pairing-yantian-port");
            value["financing"] = read("activity/valid_relending_signing.json")["financing"].clone();
            value["initiative"] =
                read("activity/valid_initiative_signing.json")["initiative"].clone();
            value
        }
        _ => read("demand/valid_urgent_complaint_many_files.json"),
    }
}

/// The fields a record's documentation lists: those of its schema, but of a
/// visit's demands only `on_site_reply` (each is a demand record, documented
/// as one).
pub fn documented(record: &str) -> Vec<Field> {
    fields(&schema(record))
        .into_iter()
        .filter(|f| {
            let path = f.path();
            record != "visit"
                || !path.starts_with("demands[].")
                || path == "demands[].on_site_reply"
        })
        .collect()
}

/// `value` with the field at `steps` (the first item for a list) set to `to`.
fn with(value: &Value, steps: &[Step], to: Value) -> Value {
    let mut out = value.clone();
    let mut at = &mut out;
    for step in steps {
        at = match step {
            Step::Key(k) => &mut at[k.as_str()],
            Step::Each => &mut at[0],
        };
    }
    *at = to;
    out
}

/// The findings of a record, as `(path, code, params)`.
fn findings(record: &str, value: &Value) -> Vec<(String, String, Value)> {
    let text = value.to_string();
    let outcome = match record {
        "enrollment" => enrollment_outcome(&text),
        "programme" => programme_outcome(&text),
        "visit" => visit_outcome(&text),
        "activity" => activity_outcome(&text),
        _ => demand_outcome(&text),
    };
    outcome["report"]["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| {
            (
                f["path"].as_str().unwrap_or_default().to_owned(),
                f["code"].as_str().unwrap_or_default().to_owned(),
                f["params"].clone(),
            )
        })
        .collect()
}

/// The parameters of the finding with `code` at `path`, if there is one.
fn at(found: &[(String, String, Value)], path: &str, code: &str) -> Option<Value> {
    found
        .iter()
        .find(|(p, c, _)| p == path && c == code)
        .map(|(_, _, params)| params.clone())
}

fn number(params: &Value, name: &str) -> String {
    match &params[name] {
        Value::Number(n) => n.to_string(),
        other => other.to_string(),
    }
}

/// The `choices` block of a record: every field whose value must be one of
/// a list, with the list (what `invalid_option` or `attachment_type` says).
pub fn choices(record: &str) -> String {
    let base = base(record);
    let findings_of = |value: &Value| findings(record, value);
    assert!(
        findings_of(&base)
            .iter()
            .all(|(_, code, _)| code != "invalid_option"),
        "the base {record} is valid"
    );
    let mut out = String::from("| field | allowed values |\n|---|---|\n");
    for field in documented(record) {
        if !(field.has("string") || field.has("enum")) {
            continue;
        }
        let found = findings_of(&with(&base, &field.steps, json!("zz_not_an_option")));
        let path = field.first_item_path();
        let allowed =
            at(&found, &path, "invalid_option").or_else(|| at(&found, &path, "attachment_type"));
        if let Some(params) = allowed {
            let values: Vec<String> = params["allowed"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(|v| format!("`{v}`"))
                .collect();
            out.push_str(&format!("| `{}` | {} |\n", field.path(), values.join(", ")));
        }
    }
    out
}

/// The `limits` block of a record: lengths of text, sizes of lists, ranges
/// of numbers, as the findings at each field state them.
pub fn limits(record: &str) -> String {
    let base = base(record);
    let mut rules: BTreeMap<usize, (String, String)> = BTreeMap::new();
    for (i, field) in documented(record).into_iter().enumerate() {
        let path = field.first_item_path();
        let probe = |value: Value| findings(record, &with(&base, &field.steps, value));
        let rule = if field.has("array") {
            // More items than any list takes.
            let many: Vec<Value> = (0..10_001)
                .map(|n| {
                    if field.path() == "attachments" {
                        json!({"name": format!("f{n}.pdf"), "size_bytes": 1, "mime": "application/pdf"})
                    } else {
                        json!(format!("item{n}"))
                    }
                })
                .collect();
            let few = at(&probe(json!([])), &path, "too_few_items").map(|p| number(&p, "min"));
            let most =
                at(&probe(Value::Array(many)), &path, "too_many_items").map(|p| number(&p, "max"));
            match (few, most) {
                (Some(min), Some(max)) => Some(format!("{min} to {max} items")),
                (None, Some(max)) => Some(format!("at most {max} items")),
                (Some(min), None) => Some(format!("at least {min} items")),
                (None, None) => None,
            }
        } else if field.has("number") {
            at(&probe(json!(-1)), &path, "out_of_range")
                .or_else(|| at(&probe(json!(1e15)), &path, "out_of_range"))
                .map(|p| format!("{} to {}", number(&p, "min"), number(&p, "max")))
        } else if field.has("string") {
            let short = at(&probe(json!("x")), &path, "too_short").map(|p| number(&p, "min"));
            let long =
                at(&probe(json!("x".repeat(5000))), &path, "too_long").map(|p| number(&p, "max"));
            match (short, long) {
                (Some(min), Some(max)) => Some(format!("{min} to {max} characters")),
                (None, Some(max)) => Some(format!("at most {max} characters")),
                (Some(min), None) => Some(format!("at least {min} characters")),
                (None, None) => None,
            }
        } else {
            None
        };
        if let Some(rule) = rule {
            rules.insert(i, (field.path(), rule));
        }
    }
    let mut out = String::from("| field | limit |\n|---|---|\n");
    for (path, rule) in rules.values() {
        out.push_str(&format!("| `{path}` | {rule} |\n"));
    }
    out
}

/// The `party-org-rules` block: the thresholds of the Party organization
/// rules (`lianjian::enrollment`), with the finding each raises.
pub fn party_org_rules() -> String {
    use lianjian::enrollment::{
        BRANCH_COMMITTEE_MIN_FULL_MEMBERS, BRANCH_MAX_MEMBERS, BRANCH_MIN_FULL_MEMBERS,
        COMMITTEE_TYPICAL_MEMBERS, GENERAL_BRANCH_TYPICAL_MEMBERS, JOINT_BRANCH_MAX_UNITS,
        SHOULD_BUILD_FULL_MEMBERS,
    };
    use lianjian::Code;
    let rules = [
        (
            "An organization of its own (status `own`, any kind but `joint_branch`) needs at least this many full members",
            BRANCH_MIN_FULL_MEMBERS,
            vec![Code::BranchTooFewMembers],
        ),
        (
            "A `branch` or `joint_branch` generally has at most this many members (full and probationary)",
            BRANCH_MAX_MEMBERS,
            vec![Code::BranchTooManyMembers],
        ),
        (
            "A `joint_branch` generally covers at most this many units (`units`)",
            JOINT_BRANCH_MAX_UNITS,
            vec![Code::JointBranchTooManyUnits],
        ),
        (
            "A branch with this many full members or more elects a branch committee (`branch_committee: false` is warned about); below it, a secretary (`branch_committee: true` is warned about)",
            BRANCH_COMMITTEE_MIN_FULL_MEMBERS,
            vec![Code::BranchCommitteeRequired, Code::BranchCommitteeTooFewMembers],
        ),
        (
            "A `general_branch` is typically set up from this many members",
            GENERAL_BRANCH_TYPICAL_MEMBERS,
            vec![Code::GeneralBranchFewMembers],
        ),
        (
            "A `committee` is typically set up from this many members",
            COMMITTEE_TYPICAL_MEMBERS,
            vec![Code::CommitteeFewMembers],
        ),
        (
            "A unit with this many full members and status `joint` or `none` should set up its own organization",
            SHOULD_BUILD_FULL_MEMBERS,
            vec![Code::ShouldBuildOwnOrg],
        ),
    ];
    let mut out = String::from("| rule | value | finding |\n|---|---|---|\n");
    for (rule, value, codes) in rules {
        let findings: Vec<String> = codes
            .iter()
            .map(|c| {
                let severity = match c.severity() {
                    lianjian::Severity::Error => "error",
                    lianjian::Severity::Warning => "warning",
                };
                format!("`{}` ({severity})", c.as_str())
            })
            .collect();
        out.push_str(&format!("| {rule} | {value} | {} |\n", findings.join(", ")));
    }
    out
}

/// The `attachments` block: the types a demand may attach with their file
/// extensions, and the limits on number and size.
pub fn attachments() -> String {
    use lianjian::demand::{
        ALLOWED_ATTACHMENTS, ATTACHMENTS_MAX, ATTACHMENTS_MAX_TOTAL_BYTES, ATTACHMENT_MAX_BYTES,
    };
    let mut out = format!(
        "At most {ATTACHMENTS_MAX} attachments, each at most {} bytes ({} MiB), {} MiB together.\n\n| `mime` | file name ends with |\n|---|---|\n",
        ATTACHMENT_MAX_BYTES,
        ATTACHMENT_MAX_BYTES >> 20,
        ATTACHMENTS_MAX_TOTAL_BYTES >> 20
    );
    for (mime, extensions) in ALLOWED_ATTACHMENTS {
        let extensions: Vec<String> = extensions.iter().map(|e| format!("`.{e}`")).collect();
        out.push_str(&format!("| `{mime}` | {} |\n", extensions.join(", ")));
    }
    out
}
