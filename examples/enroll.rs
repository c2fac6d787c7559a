//! Validate one enrollment record and print what a person would read.
//!
//! ```text
//! cargo run -p lianjian-examples --example enroll -- [RECORD.json] [--en]
//! ```

use chrono::NaiveDate;
use lianjian::{check_enrollment_json, Catalog, Context, Lang, Messages};

const SAMPLE: &str = r#"{
  "enterprise": { "name": "深圳市示例珠宝首饰有限公司", "uscc": "91440300MA5FUTN418",
                  "kind": "enterprise", "industry_codes": ["2438"], "employees": 40 },
  "chain": "gold_jewelry",
  "segments": ["design_rnd"],
  "party_org": { "status": "joint", "kind": "joint_branch", "name": "沙头角珠宝企业联合党支部",
                 "full_members": 4, "home_affiliation": "沙头角街道非公企业党委", "units": 3 },
  "contact": { "name": "联系人甲", "phone": "+86 138 0013 8000" },
  "joined_on": "2026-11-01"
}"#;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let lang = if args.iter().any(|a| a == "--en") {
        Lang::En
    } else {
        Lang::ZhCn
    };
    let text = match args.iter().find(|a| !a.starts_with("--")) {
        Some(path) => std::fs::read_to_string(path)?,
        None => SAMPLE.to_owned(),
    };

    // The core never reads the clock: the caller says what "today" is.
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).ok_or("bad date")?;
    let context = Context::new(Catalog::yantian(), today);
    let checked = check_enrollment_json(&text, &context);

    let rendered = Messages::new().render_report(lang, &checked.report);
    println!("valid: {}", rendered.valid);
    for finding in &rendered.findings {
        let path = if finding.path.is_root() {
            "(record)".to_owned()
        } else {
            finding.path.to_string()
        };
        println!("  {:?} {path}: {}", finding.severity, finding.message);
    }
    if let Some(record) = checked.record {
        println!(
            "normalised record:\n{}",
            serde_json::to_string_pretty(&record)?
        );
    }
    Ok(())
}
