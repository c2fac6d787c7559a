//! The files that arrive with a demand, compared with its attachment list.
//!
//! A demand record lists its attachments by name, size and MIME type, and
//! [`check_demand_json`](super::check_demand_json) checks that list (count,
//! sizes, allowed types, extensions). A host that receives the files
//! themselves measures each one — the name it came with, its size in bytes,
//! the type its leading bytes show (a magic-number detector such as the
//! `infer` crate) and those bytes — and asks [`check_uploads`] whether they
//! are the files the list promised. The core reads no file: the host passes
//! what it measured.
//!
//! Rules:
//!
//! - The `i`-th file is the `i`-th attachment: the same name and the same
//!   size. A missing file, a file beyond the list, or one with another name
//!   or size is `attachment_upload_mismatch` at `attachments[i]`.
//! - A file's bytes are of its claimed type (`attachment_content_mismatch` at
//!   `attachments[i].mime`, with the claimed `mime`): the type detected must
//!   be the claimed one, except that the legacy Office formats (`.doc`,
//!   `.xls`, `.ppt`) share one container (the OLE compound file), which a
//!   detector cannot always tell apart: any of them, or a compound file not
//!   told apart (`application/x-ole-storage`), fits any of them; and the
//!   Office Open XML formats (`.docx`, `.xlsx`, `.pptx`) likewise fit one
//!   another. Plain text (`text/plain`) has no signature: it fits when no
//!   type is detected and its bytes hold no control characters other than
//!   tab, line breaks and form feed (so no binary file, and no HTML or script
//!   a detector recognises, passes as text).

use super::record::Attachment;
use crate::findings::{Code, Finding, Path, Report};

/// How many leading bytes of a file [`check_uploads`] looks at for plain text.
pub const UPLOAD_HEAD_BYTES: usize = 8192;

/// What a host measured of one received file.
#[derive(Debug, Clone, Copy)]
pub struct Upload<'a> {
    /// The file name it came with.
    pub name: &'a str,
    /// Its size in bytes, as received.
    pub size_bytes: u64,
    /// The MIME type its leading bytes show, or `None` when no known
    /// signature matched.
    pub detected: Option<&'a str>,
    /// Its first bytes (at least [`UPLOAD_HEAD_BYTES`] when it is that long).
    pub head: &'a [u8],
}

const LEGACY_OFFICE: &[&str] = &[
    "application/msword",
    "application/vnd.ms-excel",
    "application/vnd.ms-powerpoint",
    "application/x-ole-storage",
];

const OPEN_XML: &[&str] = &[
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
];

/// Whether bytes of `detected` type fit the `claimed` MIME type (see the module rules).
pub fn content_fits(claimed: &str, detected: Option<&str>, head: &[u8]) -> bool {
    let claimed = claimed.to_ascii_lowercase();
    match detected.map(str::to_ascii_lowercase) {
        None => claimed == "text/plain" && is_plain_text(head),
        Some(found) if found == claimed => claimed != "text/plain" || is_plain_text(head),
        Some(found) => [LEGACY_OFFICE, OPEN_XML]
            .iter()
            .any(|family| family.contains(&claimed.as_str()) && family.contains(&found.as_str())),
    }
}

/// No control characters but tab, line feed, carriage return and form feed
/// in the first [`UPLOAD_HEAD_BYTES`] bytes (UTF-8 and GBK text pass).
fn is_plain_text(head: &[u8]) -> bool {
    head.iter()
        .take(UPLOAD_HEAD_BYTES)
        .all(|&b| b >= 0x20 && b != 0x7f || matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
}

/// Compares the received files with the demand's attachment list; an empty
/// report when they are the promised files.
pub fn check_uploads(attachments: &[Attachment], uploads: &[Upload<'_>]) -> Report {
    let mut report = Report::new();
    let path = Path::root().key("attachments");
    for i in 0..attachments.len().max(uploads.len()) {
        let at = path.index(i);
        match (attachments.get(i), uploads.get(i)) {
            (Some(listed), Some(file))
                if listed.name == file.name && listed.size_bytes == file.size_bytes =>
            {
                if !content_fits(&listed.mime, file.detected, file.head) {
                    report.push(
                        Finding::new(Code::AttachmentContentMismatch, at.key("mime"))
                            .with("mime", listed.mime.as_str()),
                    );
                }
            }
            _ => report.add(Code::AttachmentUploadMismatch, at),
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(name: &str, size: u64, mime: &str) -> Attachment {
        Attachment {
            name: name.into(),
            size_bytes: size,
            mime: mime.into(),
        }
    }

    fn file<'a>(name: &'a str, head: &'a [u8], detected: Option<&'a str>) -> Upload<'a> {
        Upload {
            name,
            size_bytes: head.len() as u64,
            detected,
            head,
        }
    }

    #[test]
    fn the_promised_files_pass() {
        let text = "盐田港\t拥堵\r\n".as_bytes();
        let list = [
            listed("现场.png", 4, "image/png"),
            listed("说明.txt", text.len() as u64, "text/plain"),
            listed("旧表.xls", 3, "application/vnd.ms-excel"),
            listed(
                "新表.xlsx",
                2,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        ];
        let files = [
            file("现场.png", b"\x89PNG", Some("image/png")),
            file("说明.txt", text, None),
            // A compound file the detector took for a Word file: same container.
            file("旧表.xls", b"\xd0\xcf\x11", Some("application/msword")),
            file(
                "新表.xlsx",
                b"PK",
                Some("application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ),
        ];
        let report = check_uploads(&list, &files);
        assert!(report.is_empty(), "{report:?}");
    }

    #[test]
    fn missing_extra_renamed_and_resized_files_are_refused() {
        let list = [
            listed("a.png", 4, "image/png"),
            listed("b.png", 4, "image/png"),
        ];
        let png = b"\x89PNG";
        let report = check_uploads(&list, &[file("a.png", png, Some("image/png"))]);
        assert_eq!(report.findings().len(), 1);
        assert_eq!(report.findings()[0].code, Code::AttachmentUploadMismatch);
        assert_eq!(report.findings()[0].path.to_string(), "attachments[1]");

        let report = check_uploads(
            &list[..1],
            &[
                file("a.png", png, Some("image/png")),
                file("c.png", png, Some("image/png")),
            ],
        );
        assert_eq!(report.findings()[0].path.to_string(), "attachments[1]");

        let renamed = check_uploads(&list[..1], &[file("x.png", png, Some("image/png"))]);
        assert!(renamed.has(Code::AttachmentUploadMismatch));
        let resized = check_uploads(&list[..1], &[file("a.png", b"\x89PNG!", Some("image/png"))]);
        assert!(resized.has(Code::AttachmentUploadMismatch));
    }

    #[test]
    fn bytes_of_another_type_are_refused() {
        let cases: [(&str, Option<&str>, &[u8]); 6] = [
            // An executable renamed to a picture.
            ("image/png", Some("application/x-executable"), b"\x7fELF"),
            // A PDF with no recognisable signature.
            ("application/pdf", None, b"hello"),
            // HTML passed off as text.
            ("text/plain", Some("text/html"), b"<html>"),
            // Binary bytes with no signature, passed off as text.
            ("text/plain", None, b"\x00\x01\x02"),
            // A zip archive is not a Word document.
            (
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                Some("application/zip"),
                b"PK",
            ),
            // A JPEG claimed as PNG.
            ("image/png", Some("image/jpeg"), b"\xff\xd8\xff"),
        ];
        for (claimed, detected, head) in cases {
            let list = [listed("f", head.len() as u64, claimed)];
            let report = check_uploads(&list, &[file("f", head, detected)]);
            assert_eq!(report.findings().len(), 1, "{claimed} / {detected:?}");
            let finding = &report.findings()[0];
            assert_eq!(finding.code, Code::AttachmentContentMismatch);
            assert_eq!(finding.path.to_string(), "attachments[0].mime");
        }
        assert!(content_fits("TEXT/PLAIN", None, "GBK 文本".as_bytes()));
        assert!(content_fits(
            "application/msword",
            Some("application/x-ole-storage"),
            b""
        ));
    }
}
