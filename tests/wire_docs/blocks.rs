//! Generated blocks in the wire documentation (`docs/wire/*.md`): a block is
//! the text between `<!-- BEGIN GENERATED name by COMMAND -->` and
//! `<!-- END GENERATED name -->`, written by a test from the code. The test
//! fails when a committed block differs from what the code gives; with
//! `LIANJIAN_REGENERATE=1` it writes the blocks instead.
//!
//! Shared by the tests of the `tests` crate and of the command line, so it
//! uses the standard library only.

use std::path::{Path, PathBuf};

/// The environment variable that makes the tests write the blocks.
pub const REGENERATE: &str = "LIANJIAN_REGENERATE";

/// The repository root, from a crate's manifest directory and its depth.
pub fn repository(manifest_dir: &str, depth: usize) -> PathBuf {
    let mut root = PathBuf::from(manifest_dir);
    for _ in 0..depth {
        root.pop();
    }
    root
}

/// Reads a documentation file, with line ends as `\n`.
pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("reading {}: {e}", path.display()))
        .replace("\r\n", "\n")
}

fn begin(name: &str) -> String {
    format!("<!-- BEGIN GENERATED {name} ")
}

fn end(name: &str) -> String {
    format!("<!-- END GENERATED {name} -->")
}

/// The names of the generated blocks of a document, in order.
pub fn names(doc: &str) -> Vec<String> {
    doc.lines()
        .filter_map(|l| l.strip_prefix("<!-- BEGIN GENERATED "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_owned)
        .collect()
}

/// The document without its generated blocks (the hand-written text).
pub fn prose(doc: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in doc.lines() {
        if line.starts_with("<!-- BEGIN GENERATED ") {
            inside = true;
        } else if line.starts_with("<!-- END GENERATED ") {
            inside = false;
        } else if !inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// `doc` with the block `name` replaced by `content`; `None` when the
/// document has no such block.
fn replace(doc: &str, name: &str, command: &str, content: &str) -> Option<String> {
    let start = doc.find(&begin(name))?;
    let end_marker = end(name);
    let stop = start + doc[start..].find(&end_marker)? + end_marker.len();
    let block = format!(
        "{}by `{command}` -->\n\n{}\n\n{end_marker}",
        begin(name),
        content.trim_end()
    );
    Some(format!("{}{block}{}", &doc[..start], &doc[stop..]))
}

/// Brings the generated blocks of the document at `path` in line with
/// `blocks`: writes them when `LIANJIAN_REGENERATE=1`, and otherwise fails
/// naming every block that differs, with its first differing line.
pub fn sync(path: &Path, command: &str, blocks: &[(String, String)]) {
    let committed = read(path);
    let wanted: Vec<&str> = blocks.iter().map(|(name, _)| name.as_str()).collect();
    let stray: Vec<String> = names(&committed)
        .into_iter()
        .filter(|n| !wanted.contains(&n.as_str()))
        .collect();
    assert!(
        stray.is_empty(),
        "{}: generated blocks no test writes: {stray:?}",
        path.display()
    );
    let mut generated = committed.clone();
    for (name, content) in blocks {
        generated = replace(&generated, name, command, content).unwrap_or_else(|| {
            panic!(
                "{}: no block `{name}`; add the lines\n{}-->\n{}\nwhere it belongs and run `{command}`",
                path.display(),
                begin(name),
                end(name)
            )
        });
    }
    if std::env::var_os(REGENERATE).is_some_and(|v| v == "1") {
        if generated != committed {
            std::fs::write(path, &generated)
                .unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
            eprintln!("wrote {}", path.display());
        }
        return;
    }
    if generated != committed {
        let line = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        let show = |text: &str| text.lines().nth(line).unwrap_or("<end of file>").to_owned();
        panic!(
            "{} differs from what the code gives, first at line {}:\n  committed: {}\n  generated: {}\n\
             The code changed the wire contract: read the difference, then regenerate with\n  {command}\n\
             and commit the documentation with the change.",
            path.display(),
            line + 1,
            show(&committed),
            show(&generated),
        );
    }
}

/// The text of a section: from the heading line that is exactly `heading`
/// to the next heading of the same or a higher level.
pub fn section<'a>(doc: &'a str, heading: &str) -> &'a str {
    let level = heading.chars().take_while(|&c| c == '#').count();
    let start = doc
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no heading `{heading}`"))
        + 1;
    let body = &doc[start + heading.len()..];
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if hashes > 0 && hashes <= level && line[hashes..].starts_with(' ') {
            return &doc[start..start + heading.len() + offset];
        }
        offset += line.len();
    }
    &doc[start..]
}

/// The body rows of every Markdown table in `text`, as trimmed cells.
pub fn table_rows(text: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut rows = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let is_row = line.starts_with('|');
        let is_rule = line.starts_with("|---") || line.starts_with("| ---");
        let is_header = lines
            .get(i + 1)
            .is_some_and(|next| next.starts_with("|---"));
        if is_row && !is_rule && !is_header {
            rows.push(cells(line));
        }
    }
    rows
}

fn cells(line: &str) -> Vec<String> {
    // `\|` is a pipe inside a cell.
    let line = line.replace("\\|", "\u{0}");
    line.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(|c| c.replace('\u{0}', "|").trim().to_owned())
        .collect()
}

/// The text between the first pair of backticks of a cell.
pub fn code_span(cell: &str) -> Option<&str> {
    let rest = cell.strip_prefix('`')?;
    Some(&rest[..rest.find('`')?])
}

/// Escapes text for a Markdown table cell.
pub fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
}
