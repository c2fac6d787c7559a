//! Delivery over real HTTP: the widget package and the pages' files under
//! content-hashed names, precompressed (brotli, gzip) and immutable; the
//! module names its .wasm and stylesheet by their hashed names; pages are
//! cached briefly, staff pages never.

mod common;

use std::io::Read;

use common::{scratch, sign_in, Server};

const MODULE: &str = "import init from\"x\";const w=new URL(\"./lianjian_wasm_bg.wasm\",import.meta.url),\
    s=new URL(\"./lianjian-forms.css\",import.meta.url).href;customElements.define(\"lianjian-demand-form\",class extends HTMLElement{});";

/// The first `/static/h/…` URL of a page ending in `suffix`.
fn hashed(page: &str, suffix: &str) -> String {
    page.split('"')
        .find(|part| part.starts_with("/static/h/") && part.ends_with(suffix))
        .unwrap_or_else(|| panic!("no hashed {suffix} in the page"))
        .to_owned()
}

#[test]
fn static_files_are_hashed_precompressed_and_immutable() {
    let dir = scratch("delivery");
    // A package shaped like the real one: the module names its .wasm and stylesheet.
    std::fs::write(dir.join("pkg/lianjian-forms.js"), MODULE.repeat(50)).unwrap();
    std::fs::write(
        dir.join("pkg/lianjian-forms.css"),
        ":host{display:block}".repeat(50),
    )
    .unwrap();
    let server = Server::start(&dir);
    assert!(server
        .output
        .iter()
        .any(|l| l.contains("precompressed under hashed names")));

    let page = server.get("/", &[]);
    assert_eq!(page.header("cache-control"), Some("private, max-age=300"));
    assert_eq!(page.header("vary"), Some("Accept-Language, Cookie"));
    let module = hashed(&page.body, ".js");
    assert!(
        module.starts_with("/static/h/lianjian-forms.")
            && module.len() == "/static/h/lianjian-forms.0123456789.js".len(),
        "{module}"
    );
    let css = hashed(&page.body, ".css");
    assert!(css.starts_with("/static/h/portal."), "{css}");
    assert!(page
        .body
        .contains("<script type=\"module\" src=\"/static/h/portal."));
    assert!(!page.body.contains("/static/portal/") && !page.body.contains("/static/lianjian/"));

    // Plain, then brotli, then gzip: the same bytes, smaller on the wire.
    let plain = server.get(&module, &[]);
    assert_eq!(plain.status, 200);
    assert_eq!(
        plain.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(plain.header("content-type"), Some("text/javascript"));
    assert!(plain.header("content-encoding").is_none());
    let wasm = plain
        .body
        .split("new URL(\"./")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(
        wasm.starts_with("lianjian_wasm_bg.")
            && wasm.ends_with(".wasm")
            && wasm != "lianjian_wasm_bg.wasm",
        "{wasm}"
    );
    let sheet = plain
        .body
        .split("new URL(\"./")
        .nth(2)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_owned();
    assert!(
        sheet.starts_with("lianjian-forms.")
            && sheet.ends_with(".css")
            && sheet != "lianjian-forms.css",
        "{sheet}"
    );

    let br = server.get(&module, &[("Accept-Encoding", "br, gzip")]);
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert!(br
        .header("vary")
        .unwrap_or_default()
        .to_ascii_lowercase()
        .contains("accept-encoding"));
    assert_eq!(
        br.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    let mut decoded = Vec::new();
    brotli::BrotliDecompress(&mut &br.bytes[..], &mut decoded).unwrap();
    assert_eq!(decoded, plain.bytes);
    assert!(
        br.bytes.len() * 5 < plain.bytes.len(),
        "{} → {}",
        plain.bytes.len(),
        br.bytes.len()
    );

    let gz = server.get(&module, &[("Accept-Encoding", "gzip")]);
    assert_eq!(gz.header("content-encoding"), Some("gzip"));
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz.bytes[..])
        .read_to_end(&mut decoded)
        .unwrap();
    assert_eq!(decoded, plain.bytes);

    // What the module names is served under those names.
    let wasm_file = server.get(&format!("/static/h/{wasm}"), &[("Accept-Encoding", "br")]);
    assert_eq!(wasm_file.status, 200);
    assert_eq!(wasm_file.header("content-type"), Some("application/wasm"));
    assert_eq!(
        server
            .get(&format!("/static/h/{sheet}"), &[])
            .header("content-type"),
        Some("text/css")
    );
    assert_eq!(
        server
            .get("/static/h/lianjian-forms.0000000000.js", &[])
            .status,
        404
    );
    assert_eq!(server.get("/static/h/../data/portal.db", &[]).status, 404);

    // Staff pages are never stored; the tracking answer neither.
    let staff = sign_in(&server);
    assert_eq!(
        staff.get(&server, "/staff/demands").header("cache-control"),
        Some("no-store")
    );
    let answer = server.post(
        "/track",
        &[("Content-Type", "application/x-www-form-urlencoded")],
        b"number=D-000001&code=AAAAAAAA",
    );
    assert_eq!(answer.header("cache-control"), Some("no-store"));
    // The staff style sheet is hashed too.
    assert!(staff
        .get(&server, "/staff/demands")
        .body
        .contains("/static/h/staff."));

    // A restart keeps the names (same content, same hash).
    drop(staff);
    assert!(server.stop().success());
    let again = Server::start(&dir);
    assert_eq!(hashed(&again.get("/", &[]).body, ".js"), module);
}
