//! Demands with files over real HTTP: the files arrive with the record,
//! are checked against its attachment list and their real type, are kept
//! under their hash outside the database, and staff open them; every
//! refusal is a finding at its attachment and keeps nothing.

mod common;

use std::io::Write;

use common::{demand, multipart, scratch, sign_in, Server, USCC};
use serde_json::json;

/// The first bytes of a PNG file (signature and header chunk).
const PNG: &[u8] =
    b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";

fn with_files(files: &[(&str, &str, &[u8])]) -> String {
    let mut record = demand(
        USCC,
        "后方陆域堆场货车违停照片",
        "堆场周边道路货车长期违停占道，附现场照片和情况说明。",
    );
    record["attachments"] = json!(files
        .iter()
        .map(|(name, mime, bytes)| json!({"name": name, "size_bytes": bytes.len(), "mime": mime}))
        .collect::<Vec<_>>());
    record.to_string()
}

fn post(server: &Server, record: &str, files: &[(&str, &str, &[u8])]) -> common::Response {
    let (content_type, body) = multipart(record, files);
    server.post(
        "/api/demands",
        &[("Content-Type", &content_type), ("Accept-Language", "en")],
        &body,
    )
}

/// An Office Open XML package with the given entries (stored, uncompressed).
fn package(entries: &[&str]) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for name in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(b"<x/>").unwrap();
    }
    zip.finish().unwrap();
    out.into_inner()
}

fn files_under(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn files_arrive_with_the_demand_and_staff_open_them() {
    let dir = scratch("uploads");
    let server = Server::start(&dir);
    let text = "盐田港堆场周边道路，每天下午四点后货车违停。\r\n".as_bytes();
    let docx = package(&[
        "[Content_Types].xml",
        "_rels/.rels",
        "docProps/app.xml",
        "word/document.xml",
    ]);
    let docx_mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let files: [(&str, &str, &[u8]); 3] = [
        ("现场照片.png", "image/png", PNG),
        ("情况说明.txt", "text/plain", text),
        ("附表.docx", docx_mime, &docx),
    ];
    let created = post(&server, &with_files(&files), &files);
    assert_eq!(created.status, 201, "{}", created.body);
    let answer = created.json();
    let id = answer["id"].as_str().unwrap().to_owned();
    assert_eq!(answer["record"]["attachments"].as_array().unwrap().len(), 3);

    // Kept outside the database, under their hashes; nothing left in incoming/.
    let kept = files_under(&dir.join("data/files"));
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(kept
        .iter()
        .all(|p| !p.starts_with(dir.join("data/files/incoming"))));

    let staff = sign_in(&server);
    let page = staff.get(&server, &format!("/staff/demands/{id}"));
    assert_eq!(page.status, 200);
    for (index, (name, _, _)) in files.iter().enumerate() {
        let link = format!("/staff/demands/{id}/attachments/{index}");
        assert!(page.body.contains(&link), "{link}");
        assert!(page.body.contains(name));
    }
    // The contact and the urgency are on the page, for the revisit call.
    assert!(page.body.contains("tel:13900139000"));
    assert!(page.body.contains("联系人测试"));

    let image = staff.get(&server, &format!("/staff/demands/{id}/attachments/0"));
    assert_eq!(image.status, 200);
    assert_eq!(image.bytes, PNG);
    assert_eq!(image.header("content-type"), Some("image/png"));
    assert_eq!(image.header("x-content-type-options"), Some("nosniff"));
    assert!(image
        .header("content-disposition")
        .unwrap()
        .starts_with("inline; "));
    assert!(image
        .header("content-disposition")
        .unwrap()
        .contains("filename*=UTF-8''%E7%8E%B0%E5%9C%BA%E7%85%A7%E7%89%87.png"));
    assert_eq!(
        image.header("content-security-policy"),
        Some("default-src 'none'; img-src 'self'; sandbox")
    );
    assert_eq!(image.header("cache-control"), Some("private, no-store"));
    let note = staff.get(&server, &format!("/staff/demands/{id}/attachments/1"));
    assert_eq!(note.bytes, text);
    assert!(note
        .header("content-disposition")
        .unwrap()
        .starts_with("attachment; "));
    let word = staff.get(&server, &format!("/staff/demands/{id}/attachments/2"));
    assert_eq!(word.bytes, docx);
    assert_eq!(word.header("content-type"), Some(docx_mime));
    assert_eq!(
        staff
            .get(&server, &format!("/staff/demands/{id}/attachments/3"))
            .status,
        404
    );
    // Only staff open files.
    let anonymous = server.get(&format!("/staff/demands/{id}/attachments/0"), &[]);
    assert_eq!(anonymous.status, 303);

    // The same bytes again are kept once.
    let again = post(&server, &with_files(&files[..1]), &files[..1]);
    assert_eq!(again.status, 201, "{}", again.body);
    assert_eq!(files_under(&dir.join("data/files")).len(), 3);
}

#[test]
fn files_that_are_not_what_the_record_lists_are_refused() {
    let dir = scratch("uploads-refused");
    let server = Server::start(&dir);
    let elf: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0";
    let zip_only = package(&["notes/readme.xml"]);
    let docx_mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    let html: &[u8] = b"<html><script>alert(1)</script></html>";
    let refused = |record: &str, files: &[(&str, &str, &[u8])]| {
        let answer = post(&server, record, files);
        assert_eq!(answer.status, 422, "{}", answer.body);
        let body = answer.json();
        assert_eq!(body["valid"], false);
        assert!(body["record"].is_null());
        body["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["code"].as_str().unwrap().to_owned(),
                    f["path"].as_str().unwrap().to_owned(),
                )
            })
            .collect::<Vec<_>>()
    };
    let pair = |code: &str, path: &str| vec![(code.to_owned(), path.to_owned())];

    // A program renamed to a picture.
    let listed: [(&str, &str, &[u8]); 1] = [("照片.png", "image/png", elf)];
    assert_eq!(
        refused(&with_files(&listed), &listed),
        pair("attachment_content_mismatch", "attachments[0].mime")
    );
    // HTML passed off as text.
    let listed: [(&str, &str, &[u8]); 1] = [("说明.txt", "text/plain", html)];
    assert_eq!(
        refused(&with_files(&listed), &listed),
        pair("attachment_content_mismatch", "attachments[0].mime")
    );
    // Any zip is not a Word file.
    let listed: [(&str, &str, &[u8]); 1] = [("附表.docx", docx_mime, &zip_only)];
    assert_eq!(
        refused(&with_files(&listed), &listed),
        pair("attachment_content_mismatch", "attachments[0].mime")
    );
    // Listed but not sent; sent under another name; sent but not listed.
    let listed: [(&str, &str, &[u8]); 2] =
        [("a.png", "image/png", PNG), ("b.png", "image/png", PNG)];
    assert_eq!(
        refused(&with_files(&listed), &listed[..1]),
        pair("attachment_upload_mismatch", "attachments[1]")
    );
    assert_eq!(
        refused(&with_files(&listed[..1]), &[("c.png", "image/png", PNG)]),
        pair("attachment_upload_mismatch", "attachments[0]")
    );
    assert_eq!(
        refused(&with_files(&listed[..1]), &listed),
        pair("attachment_upload_mismatch", "attachments[1]")
    );
    // A JSON record listing files has no files: every one is missing.
    let json = server.post(
        "/api/demands",
        &[("Content-Type", "application/json")],
        with_files(&listed).as_bytes(),
    );
    assert_eq!(json.status, 422, "{}", json.body);
    assert_eq!(json.json()["findings"].as_array().unwrap().len(), 2);
    // The core's own rules on the list come first, as in the browser.
    let listed: [(&str, &str, &[u8]); 1] = [("run.exe", "application/x-msdownload", elf)];
    let codes = refused(&with_files(&listed), &listed);
    assert_eq!(codes, pair("attachment_type", "attachments[0].mime"));
    // Without the record part.
    let (content_type, body) = multipart("", &[]);
    let body = String::from_utf8(body)
        .unwrap()
        .replace("name=\"record\"", "name=\"other\"");
    let missing = server.post(
        "/api/demands",
        &[("Content-Type", &content_type)],
        body.as_bytes(),
    );
    assert_eq!(missing.status, 400);

    // Nothing was kept, nothing was stored.
    let kept = files_under(&dir.join("data/files"));
    assert!(kept.is_empty(), "{kept:?}");
    let staff = sign_in(&server);
    let inbox = staff.get(&server, "/staff/demands");
    assert!(!inbox.body.contains("后方陆域堆场货车违停照片"));
}
