//! JSON Schema (2020-12) of the records — enrollment, demand, programme,
//! visit, activity, pairing, centre, usage — generated from the record types
//! (feature `schema`).
//!
//! The schema checks structure only and is never stricter than the rules: a
//! record the schema rejects is also rejected by the core. So numbers may come
//! as text (forms send text; the core reads `"180"` as 180), booleans as
//! `"true"`/`"false"`, dates are plain strings, and the declarations may be
//! absent or false as far as structure goes.

use std::borrow::Cow;

use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde_json::Value;

/// A number, or a number written as text.
pub struct NumberOrString;

impl JsonSchema for NumberOrString {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "NumberOrString".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["number", "string"], "description": "A number, or a number written as text." })
    }
}

/// A boolean, or `true`/`false` written as text.
pub struct BoolOrString;

impl JsonSchema for BoolOrString {
    fn inline_schema() -> bool {
        true
    }
    fn schema_name() -> Cow<'static, str> {
        "BoolOrString".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["boolean", "string"], "description": "A boolean, or one written as text." })
    }
}

fn schema_of<T: JsonSchema>(id: &str, title: &str) -> Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
    let mut schema = generator.into_root_schema_for::<T>().to_value();
    if let Value::Object(map) = &mut schema {
        map.insert("$id".into(), Value::String(id.into()));
        map.insert("title".into(), Value::String(title.into()));
    }
    schema
}

/// The schema of the enrollment record.
pub fn enrollment_schema() -> Value {
    schema_of::<crate::Enrollment>(
        "https://lianjian.invalid/schema/enrollment.schema.json",
        "Enrollment record",
    )
}

/// The schema of the pairing record.
pub fn pairing_schema() -> Value {
    schema_of::<crate::pairing::Pairing>(
        "https://lianjian.invalid/schema/pairing.schema.json",
        "Pairing record",
    )
}

/// The schema of the centre record.
pub fn centre_schema() -> Value {
    schema_of::<crate::centre::Centre>(
        "https://lianjian.invalid/schema/centre.schema.json",
        "Centre record",
    )
}

/// The schema of a usage count.
pub fn usage_schema() -> Value {
    schema_of::<crate::centre::Usage>(
        "https://lianjian.invalid/schema/usage.schema.json",
        "Usage count",
    )
}

/// The schema of the demand record.
pub fn demand_schema() -> Value {
    schema_of::<crate::demand::Demand>(
        "https://lianjian.invalid/schema/demand.schema.json",
        "Demand record",
    )
}

/// The schema of the contact programme.
pub fn programme_schema() -> Value {
    schema_of::<crate::outreach::Programme>(
        "https://lianjian.invalid/schema/programme.schema.json",
        "Programme record",
    )
}

/// The schema of the visit.
pub fn visit_schema() -> Value {
    schema_of::<crate::outreach::Visit>(
        "https://lianjian.invalid/schema/visit.schema.json",
        "Visit record",
    )
}

/// The schema of the activity.
pub fn activity_schema() -> Value {
    schema_of::<crate::outreach::Activity>(
        "https://lianjian.invalid/schema/activity.schema.json",
        "Activity record",
    )
}
