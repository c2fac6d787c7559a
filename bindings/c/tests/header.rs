//! The committed header `include/lianjian.h` is exactly what cbindgen makes of
//! `src/lib.rs` with `cbindgen.toml`. To regenerate it after a change:
//!
//! ```text
//! LIANJIAN_BLESS=1 cargo test -p lianjian-c --test header
//! ```

use std::fs;
use std::path::Path;

const REGENERATE: &str = "LIANJIAN_BLESS=1 cargo test -p lianjian-c --test header";

fn generate(crate_dir: &Path) -> String {
    let config = cbindgen::Config::from_file(crate_dir.join("cbindgen.toml"))
        .unwrap_or_else(|e| panic!("reading cbindgen.toml: {e}"));
    let bindings = cbindgen::Builder::new()
        .with_crate(crate_dir)
        .with_config(config)
        .generate()
        .unwrap_or_else(|e| panic!("cbindgen could not generate the header: {e}"));
    let mut bytes = Vec::new();
    bindings.write(&mut bytes);
    String::from_utf8(bytes).expect("cbindgen writes UTF-8")
}

#[test]
fn the_committed_header_is_up_to_date() {
    let crate_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let header = crate_dir.join("include").join("lianjian.h");
    let generated = generate(crate_dir);

    if std::env::var_os("LIANJIAN_BLESS").is_some_and(|v| v == "1") {
        fs::write(&header, &generated)
            .unwrap_or_else(|e| panic!("writing {}: {e}", header.display()));
        eprintln!("wrote {}", header.display());
        return;
    }

    let committed = fs::read_to_string(&header).unwrap_or_else(|e| {
        panic!(
            "reading {}: {e}\nGenerate it with: {REGENERATE}",
            header.display()
        )
    });
    // A checkout with CRLF line ends still holds the same header.
    let committed = committed.replace("\r\n", "\n");
    if committed != generated {
        let first = committed
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or_else(|| committed.lines().count().min(generated.lines().count()));
        let line = |text: &str| {
            text.lines()
                .nth(first)
                .unwrap_or("<end of file>")
                .to_owned()
        };
        panic!(
            "include/lianjian.h is out of date with src/lib.rs and cbindgen.toml.\n\
             First difference at line {}:\n  committed: {}\n  generated: {}\n\
             Regenerate it with: {REGENERATE}\n\
             and commit the new header.",
            first + 1,
            line(&committed),
            line(&generated),
        );
    }
}
