//! Enrollment records as JSON lines, generated deterministically from the
//! enrollment fixtures: shared by the validation and peer benchmarks.

use std::fs;
use std::path::{Path, PathBuf};

use lianjian_tests::{synthetic_uscc, Rng};

/// JSON lines of `m` enrollment records, each a fixture re-serialised on one
/// line. In every ten lines: one `err_*` fixture that is JSON (invalid),
/// `warnings` `warn_*` fixtures (valid, with warnings) and the rest `valid_*`
/// fixtures. The `valid_*` records get a fresh USCC from `synthetic_uscc`
/// (one in twenty with a wrong organization-code check, a warning); the
/// others keep theirs when their finding is about it (`*uscc*` fixtures).
/// With `warnings = 0` the lines are those the validation benchmark has
/// always used.
pub fn enrollment_lines(m: usize, warnings: usize) -> Result<String, String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/enrollment");
    let mut valid = Vec::new();
    let mut warned = Vec::new();
    let mut invalid = Vec::new();
    let mut entries: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let text = fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue; // err_invalid_json and friends: not a record to re-serialise
        };
        if name.starts_with("valid_") {
            valid.push(value);
        } else if name.starts_with("warn_") {
            warned.push((name.contains("uscc"), value));
        } else if name.starts_with("err_") {
            invalid.push((name.contains("uscc"), value));
        }
    }
    if valid.is_empty() || invalid.is_empty() || (warnings > 0 && warned.is_empty()) {
        return Err(format!(
            "no valid_/warn_/err_ fixtures in {}",
            dir.display()
        ));
    }
    let warnings = warnings.min(9);
    let mut rng = Rng::new(0xE_2011);
    let mut buffer = String::new();
    for i in 0..m {
        let (keep_uscc, template) = match i % 10 {
            9 => rng.pick(&invalid).clone(),
            k if k >= 9 - warnings => rng.pick(&warned).clone(),
            _ => (false, rng.pick(&valid).clone()),
        };
        let mut record = template;
        if !keep_uscc {
            if let Some(slot) = record.pointer_mut("/enterprise/uscc") {
                if slot.is_string() {
                    let bad_org_check = rng.below(20) == 0;
                    *slot = synthetic_uscc(&mut rng, bad_org_check).into();
                }
            }
        }
        let line = serde_json::to_string(&record).map_err(|e| e.to_string())?;
        buffer.push_str(&line);
        buffer.push('\n');
    }
    Ok(buffer)
}
