//! The committed schemas are exactly what the record types generate.

use std::process::Command;

#[test]
fn committed_schemas_match_the_rust_types() {
    let out = Command::new(env!("CARGO_BIN_EXE_lianjian-schema"))
        .arg("--check")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn the_schemas_are_2020_12_and_closed() {
    for schema in [
        lianjian::schema::enrollment_schema(),
        lianjian::schema::demand_schema(),
        lianjian::schema::programme_schema(),
        lianjian::schema::visit_schema(),
        lianjian::schema::activity_schema(),
        lianjian::schema::pairing_schema(),
        lianjian::schema::centre_schema(),
        lianjian::schema::usage_schema(),
    ] {
        assert_eq!(
            schema["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        assert_eq!(
            schema["additionalProperties"], false,
            "unknown fields are rejected"
        );
        assert!(schema["required"].as_array().is_some_and(|r| !r.is_empty()));
    }
    let enrollment = lianjian::schema::enrollment_schema();
    let employees = &enrollment["$defs"]["EnterpriseRecord"]["properties"]["employees"];
    assert!(
        employees.to_string().contains("string"),
        "numbers may come as text: {employees}"
    );
}
