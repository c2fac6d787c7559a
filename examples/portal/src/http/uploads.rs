//! A demand with its files: `POST /api/demands` as `multipart/form-data`
//! (a `record` part with the JSON record, then one `files` part per
//! attachment, in the record's order), and the staff route that opens a
//! stored file.
//!
//! The server re-checks what the widget checked — count, sizes, types and
//! extensions of the attachment list, with `lianjian-api` — and then the
//! files themselves with the core's `check_uploads`: each file is the
//! attachment listed at its place (name and size), and its bytes are of the
//! type it claims (magic numbers read by `infer`; an Office Open XML file's
//! zip directory read by `zip`). Files arrive in `incoming/`, are kept under
//! their SHA-256 once everything passed, and are removed otherwise. A refusal
//! is a 422 with findings at `attachments[i]`, which the widget shows beside
//! the file, its form still filled.

use std::path::{Path as FsPath, PathBuf};

use axum::body::Body;
use axum::extract::{FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lianjian::demand::{Upload, ATTACHMENTS_MAX, ATTACHMENT_MAX_BYTES};
use serde_json::json;
use sha2::{Digest, Sha256};
use tokio::io::AsyncWriteExt;

use super::{api, AppState, ServerError, UiLang, BODY_LIMIT};
use crate::store::attachments::{self, FileStore};

/// The largest multipart body: every attachment at the total limit, the
/// record, and room for the part headers.
pub const UPLOAD_LIMIT: usize =
    lianjian::demand::ATTACHMENTS_MAX_TOTAL_BYTES as usize + BODY_LIMIT + 64 * 1024;

/// How many leading bytes are kept for the type detectors (an Office Open
/// XML signature may lie a few KiB in).
const DETECT_BYTES: usize = 64 * 1024;

/// One received file.
#[derive(Debug)]
struct Received {
    name: String,
    size_bytes: u64,
    sha256: String,
    head: Vec<u8>,
    /// The bytes in `incoming/`; `None` past the most files a demand may
    /// have or past the size limit (counted, not kept).
    temp: Option<PathBuf>,
    detected: Option<String>,
}

/// The files of one request in `incoming/`: removed when the request ends,
/// unless they were kept under their hash (then they are gone from here).
struct Incoming(Vec<PathBuf>);

impl Drop for Incoming {
    fn drop(&mut self) {
        for path in &self.0 {
            let _ = std::fs::remove_file(path);
        }
    }
}

fn is_multipart(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/form-data")
        })
}

fn error(status: StatusCode, text: impl Into<String>) -> Response {
    (status, Json(json!({ "error": text.into() }))).into_response()
}

/// `POST /api/demands`: a multipart body with files, or the JSON record
/// alone ([`api::post_demand`], limited to [`BODY_LIMIT`]).
pub async fn post_demand(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    request: Request,
) -> Result<Response, ServerError> {
    if !is_multipart(&request) {
        let (parts, body) = request.into_parts();
        let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
            Ok(bytes) => bytes,
            Err(_) => {
                return Ok(error(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "the record is larger than the limit",
                ))
            }
        };
        return api::post_demand(State(state), UiLang(lang), parts.headers, Ok(bytes)).await;
    }
    let mut multipart = match Multipart::from_request(request, &state).await {
        Ok(multipart) => multipart,
        Err(rejection) => return Ok(rejection.into_response()),
    };
    let mut incoming = Incoming(Vec::new());
    let (record, mut received) = match receive(&mut multipart, &state.files, &mut incoming).await {
        Ok(parts) => parts,
        Err(response) => return Ok(response),
    };
    let Some(record) = record else {
        return Ok(error(
            StatusCode::BAD_REQUEST,
            "the multipart body has no `record` part",
        ));
    };
    detect_all(&mut received).await;
    let uploads: Vec<Upload<'_>> = received
        .iter()
        .map(|r| Upload {
            name: &r.name,
            size_bytes: r.size_bytes,
            detected: r.detected.as_deref(),
            head: &r.head,
        })
        .collect();
    let (answer, demand) = match api::check_demand(&state, lang, record, &uploads).await? {
        Ok(checked) => checked,
        Err(refusal) => return Ok(refusal),
    };
    let kept: Vec<(PathBuf, String)> = received
        .iter()
        .filter_map(|r| Some((r.temp.clone()?, r.sha256.clone())))
        .collect();
    let hashes: Vec<String> = kept.iter().map(|(_, sha)| sha.clone()).collect();
    let files = state.files.clone();
    let stored = tokio::task::spawn_blocking(move || {
        kept.iter()
            .try_for_each(|(temp, sha)| files.keep(temp, sha))
    })
    .await;
    if !matches!(stored, Ok(Ok(()))) {
        eprintln!("error: a received file could not be kept");
        return Err(ServerError(crate::store::StoreError::Task(
            "keeping a received file".into(),
        )));
    }
    api::store_demand(&state, answer, demand, hashes).await
}

/// Reads the parts: the record's text and every file, written to
/// `incoming/` while its hash and leading bytes are taken.
async fn receive(
    multipart: &mut Multipart,
    files: &FileStore,
    incoming: &mut Incoming,
) -> Result<(Option<String>, Vec<Received>), Response> {
    let failed = |e: axum::extract::multipart::MultipartError| error(e.status(), e.body_text());
    let mut record = None;
    let mut received = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(failed)? {
        match field.name() {
            Some("record") => {
                let text = field.text().await.map_err(failed)?;
                if text.len() > BODY_LIMIT {
                    return Err(error(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "the record is larger than the limit",
                    ));
                }
                record = Some(text);
            }
            Some("files") => {
                let name = field.file_name().unwrap_or_default().to_owned();
                let keep = received.len() < ATTACHMENTS_MAX as usize;
                let mut temp = None;
                let mut out = None;
                if keep {
                    let path = files
                        .incoming()
                        .join(crate::store::accounts::random_hex(16));
                    incoming.0.push(path.clone());
                    let file = tokio::fs::File::create(&path).await.map_err(|e| {
                        eprintln!("error: cannot write a received file: {e}");
                        error(StatusCode::INTERNAL_SERVER_ERROR, "cannot store the file")
                    })?;
                    out = Some(file);
                    temp = Some(path);
                }
                let (mut size, mut hasher, mut head) = (0u64, Sha256::new(), Vec::new());
                while let Some(chunk) = field.chunk().await.map_err(failed)? {
                    size += chunk.len() as u64;
                    if head.len() < DETECT_BYTES {
                        let take = (DETECT_BYTES - head.len()).min(chunk.len());
                        head.extend_from_slice(&chunk[..take]);
                    }
                    if size > ATTACHMENT_MAX_BYTES as u64 {
                        // Counted, no longer kept: its size will not match the list.
                        out = None;
                        temp = None;
                        continue;
                    }
                    hasher.update(&chunk);
                    if let Some(file) = out.as_mut() {
                        file.write_all(&chunk).await.map_err(|e| {
                            eprintln!("error: cannot write a received file: {e}");
                            error(StatusCode::INTERNAL_SERVER_ERROR, "cannot store the file")
                        })?;
                    }
                }
                if let Some(file) = out.as_mut() {
                    let _ = file.flush().await;
                }
                received.push(Received {
                    name,
                    size_bytes: size,
                    sha256: hasher
                        .finalize()
                        .iter()
                        .map(|b| format!("{b:02x}"))
                        .collect(),
                    head,
                    temp,
                    detected: None,
                });
            }
            _ => {
                // Another part: read and left aside.
                while field.chunk().await.map_err(failed)?.is_some() {}
            }
        }
    }
    Ok((record, received))
}

/// The type each file's bytes show.
async fn detect_all(received: &mut [Received]) {
    for file in received.iter_mut() {
        let head = std::mem::take(&mut file.head);
        let temp = file.temp.clone();
        let (head, detected) = tokio::task::spawn_blocking(move || {
            let detected = detect(&head, temp.as_deref());
            (head, detected)
        })
        .await
        .unwrap_or_default();
        file.head = head;
        file.detected = detected;
    }
}

/// The main part of each Office Open XML package kind.
const OPEN_XML_PARTS: &[(&str, &str)] = &[
    (
        "word/document.xml",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "xl/workbook.xml",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
    (
        "ppt/presentation.xml",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ),
];

/// The MIME type a file's bytes show: `infer`'s magic numbers; a zip (or
/// what `infer` took for an Office Open XML file) is told apart by its
/// directory: a package with `[Content_Types].xml` and a main part of one
/// kind is that kind, any other zip is `application/zip`.
pub fn detect(head: &[u8], file: Option<&FsPath>) -> Option<String> {
    let found = infer::get(head).map(|t| t.mime_type().to_owned());
    let zipped = found.as_deref().is_some_and(|m| {
        m == "application/zip" || OPEN_XML_PARTS.iter().any(|(_, mime)| *mime == m)
    });
    if !zipped {
        return found;
    }
    let Some(archive) = file
        .and_then(|path| std::fs::File::open(path).ok())
        .and_then(|f| zip::ZipArchive::new(f).ok())
    else {
        return found;
    };
    let has = |name: &str| archive.index_for_name(name).is_some();
    if !has("[Content_Types].xml") {
        return Some("application/zip".to_owned());
    }
    Some(
        OPEN_XML_PARTS
            .iter()
            .find(|(part, _)| has(part))
            .map_or("application/zip", |(_, mime)| mime)
            .to_owned(),
    )
}

/// How a browser gets a stored file: images inline (in a sandboxed
/// document), everything else as a download; never a type to sniff.
fn disposition(mime: &str) -> &'static str {
    match mime {
        "image/png" | "image/jpeg" => "inline",
        _ => "attachment",
    }
}

/// `filename*` of RFC 6266 / RFC 8187 (UTF-8, percent-encoded), with an
/// ASCII fallback `filename` for old clients.
pub fn content_disposition(kind: &str, name: &str) -> String {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let fallback: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{kind}; filename=\"{fallback}\"; filename*=UTF-8''{encoded}")
}

/// A stored file as the answer to a staff request.
pub async fn serve_file(
    state: &AppState,
    demand: &str,
    index: usize,
) -> Result<Response, ServerError> {
    let key = demand.to_owned();
    let found = state
        .store
        .run(move |conn| attachments::get(conn, &key, index))
        .await?;
    let Some(stored) = found else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let Some(path) = state.files.path_of(&stored.sha256) else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let Ok(bytes) = tokio::fs::read(&path).await else {
        eprintln!("error: the file of an attachment is missing");
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    let typed = if stored.mime == "text/plain" {
        // Text from Chinese offices may be GBK: a download, read by an editor.
        "text/plain".to_owned()
    } else {
        stored.mime.clone()
    };
    let values = [
        (header::CONTENT_TYPE, typed),
        (
            header::CONTENT_DISPOSITION,
            content_disposition(disposition(&stored.mime), &stored.name),
        ),
        (header::CACHE_CONTROL, "private, no-store".to_owned()),
        // The file is nobody's page: no script, no plugin, no form, no frame.
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; img-src 'self'; sandbox".to_owned(),
        ),
    ];
    for (name, value) in values {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    Ok(response)
}

/// `GET /staff/demands/{id}/attachments/{n}`: for the accounts that see
/// the demand ([`crate::roles`]).
pub async fn staff_file(
    State(state): State<AppState>,
    UiLang(lang): UiLang,
    super::auth::Staff(session): super::auth::Staff,
    Path((id, index)): Path<(String, usize)>,
) -> Result<Response, ServerError> {
    let key = id.clone();
    let domain = state.domain.clone();
    let department = state
        .store
        .run(move |conn| {
            Ok(crate::store::demands::load(conn, &key, &domain.rules())?
                .map(|d| d.case.department().map(str::to_owned)))
        })
        .await?;
    let Some(department) = department else {
        return Ok(StatusCode::NOT_FOUND.into_response());
    };
    if !session.sees(department.as_deref()) {
        let target = format!("demand {id} file {index}");
        return super::staff::deny(&state, lang, &session, "open_file", &target).await;
    }
    serve_file(&state, &id, index).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_encoded_for_the_header() {
        assert_eq!(
            content_disposition("attachment", "现场 照片.png"),
            "attachment; filename=\"_____.png\"; filename*=UTF-8''%E7%8E%B0%E5%9C%BA%20%E7%85%A7%E7%89%87.png"
        );
        let hostile = content_disposition("inline", "a\"; filename=evil.html\r\n.png");
        assert!(!hostile.contains('\r') && !hostile.contains("\"; filename=evil"));
        assert_eq!(disposition("image/png"), "inline");
        assert_eq!(disposition("application/pdf"), "attachment");
        assert_eq!(disposition("text/plain"), "attachment");
    }

    #[test]
    fn detects_by_magic_numbers() {
        assert_eq!(
            detect(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None).as_deref(),
            Some("image/png")
        );
        assert_eq!(
            detect(b"%PDF-1.7\n", None).as_deref(),
            Some("application/pdf")
        );
        assert_eq!(detect("纯文本".as_bytes(), None), None);
        assert_eq!(
            detect(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", None).as_deref(),
            Some("application/msword")
        );
    }
}
