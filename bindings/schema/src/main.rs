//! Writes the JSON Schemas of the wire records next to this crate
//! (`bindings/schema/*.schema.json`), or with `--check` fails when the
//! committed files differ from what the Rust types generate.
//!
//! ```text
//! cargo run -p lianjian-schema            # regenerate
//! cargo run -p lianjian-schema -- --check # drift check (the test command runs it)
//! ```

#![forbid(unsafe_code)]

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut drifted = Vec::new();
    for (file, schema) in [
        (
            "enrollment.schema.json",
            lianjian::schema::enrollment_schema(),
        ),
        ("demand.schema.json", lianjian::schema::demand_schema()),
        (
            "programme.schema.json",
            lianjian::schema::programme_schema(),
        ),
        ("visit.schema.json", lianjian::schema::visit_schema()),
        ("activity.schema.json", lianjian::schema::activity_schema()),
        ("pairing.schema.json", lianjian::schema::pairing_schema()),
        ("centre.schema.json", lianjian::schema::centre_schema()),
        ("usage.schema.json", lianjian::schema::usage_schema()),
    ] {
        let text = match serde_json::to_string_pretty(&schema) {
            Ok(text) => text + "\n",
            Err(e) => {
                eprintln!("lianjian-schema: {file}: {e}");
                return ExitCode::from(2);
            }
        };
        let path = dir.join(file);
        if check {
            if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                drifted.push(file);
            }
        } else if let Err(e) = std::fs::write(&path, text) {
            eprintln!("lianjian-schema: {}: {e}", path.display());
            return ExitCode::from(2);
        } else {
            println!("wrote {}", path.display());
        }
    }
    if drifted.is_empty() {
        if check {
            println!("schemas match the Rust types");
        }
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "lianjian-schema: {} differ from the Rust types; regenerate with `cargo run -p lianjian-schema`",
            drifted.join(", ")
        );
        ExitCode::from(1)
    }
}
