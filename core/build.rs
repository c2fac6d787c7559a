//! Writes compact copies of the built-in JSON files to `OUT_DIR`.
//!
//! The files under `catalog/` and `messages/` stay pretty-printed for people
//! to read and review; the crate embeds them without the layout whitespace,
//! which is a third of their bytes in the browser bundle. Only whitespace
//! between tokens goes: strings, keys, their order and every number are
//! copied as written, so the embedded text reads as exactly the same JSON.

use std::path::Path;
use std::{env, fs};

/// The built-in data files, relative to the crate root.
const FILES: [&str; 10] = [
    "catalog/yantian.json",
    "catalog/figures.json",
    "catalog/activities.json",
    "catalog/topics.json",
    "catalog/services.json",
    "catalog/holidays/2025.json",
    "catalog/holidays/2026.json",
    "catalog/holidays/lunar.json",
    "messages/zh-CN.json",
    "messages/en.json",
];

fn main() {
    let out = env::var_os("OUT_DIR").expect("cargo sets OUT_DIR for build scripts");
    for file in FILES {
        println!("cargo:rerun-if-changed={file}");
        let text = fs::read_to_string(file).unwrap_or_else(|e| panic!("reading {file}: {e}"));
        let target = Path::new(&out).join(file);
        if let Some(folder) = target.parent() {
            fs::create_dir_all(folder).unwrap_or_else(|e| panic!("creating {folder:?}: {e}"));
        }
        fs::write(&target, compact(&text)).unwrap_or_else(|e| panic!("writing {target:?}: {e}"));
    }
}

/// JSON text without the whitespace between tokens (space, tab, line feed,
/// carriage return: the only whitespace JSON allows there). Inside a string
/// everything is kept, escapes included.
fn compact(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let mut in_string = false;
    let mut escaped = false;
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if !matches!(c, ' ' | '\t' | '\n' | '\r') {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}
