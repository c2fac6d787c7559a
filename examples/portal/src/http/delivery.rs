//! Delivery of the static files: the widget package (`lianjian-forms.js`,
//! its `.wasm` and stylesheet) and the pages' own script and style sheets.
//!
//! At start each file gets a content-hashed name (`lianjian-forms.
//! 3f2a9c1d0b.js`: the first 10 hex digits of its SHA-256) and is written,
//! with a gzip (level 9) and a brotli (quality 11) copy, to the assets folder
//! beside the data file. The widget module names its `.wasm` and stylesheet
//! (`new URL("./lianjian_wasm_bg.wasm", import.meta.url)`): those references
//! are rewritten to the hashed names before the module itself is hashed, so
//! a new build gives new names all the way down. Files already there (same
//! content, same name) are kept; older names stay, so a page cached a little
//! longer still finds what it names.
//!
//! tower-http's `ServeDir` serves them under `/static/h/`, picking the
//! brotli or gzip copy the browser accepts (`Content-Encoding`, `Vary:
//! Accept-Encoding`), with `Cache-Control: public, max-age=31536000,
//! immutable`. The pages name these URLs and are cached briefly themselves
//! (see [`super::router`]). Dynamic pages are not compressed: a compressed
//! page holding a CSRF token next to reflected text invites BREACH.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

use super::public::{ASSETS, WIDGET_MODULE, WIDGET_WASM};

/// The URL prefix of hashed files.
pub const PREFIX: &str = "/static/h/";
/// The widget package's stylesheet.
pub const WIDGET_CSS: &str = "lianjian-forms.css";
/// The classifier model the demand form loads beside the module.
pub const WIDGET_MODEL: &str = "lianjian-classifier.json";
/// `Cache-Control` of a hashed file: it never changes under its name.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// One file as prepared: its hashed name and sizes (raw, gzip, brotli).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prepared {
    /// The name it had (`lianjian-forms.js`, `portal.css`).
    pub logical: String,
    /// Its hashed name.
    pub name: String,
    /// Bytes as is.
    pub raw: usize,
    /// Bytes gzip-compressed.
    pub gzip: usize,
    /// Bytes brotli-compressed.
    pub brotli: usize,
}

/// The hashed URL of each file, by the name it had; set once at start.
static URLS: OnceLock<BTreeMap<String, String>> = OnceLock::new();

/// The URL a page names for `logical` (`lianjian-forms.js`, `portal.css`):
/// its hashed URL once [`prepare`] ran, else the plain one.
pub fn url(logical: &str) -> String {
    if let Some(url) = URLS.get().and_then(|urls| urls.get(logical)) {
        return url.clone();
    }
    if ASSETS.iter().any(|(name, _, _)| *name == logical) {
        format!("/static/portal/{logical}")
    } else {
        format!("/static/lianjian/{logical}")
    }
}

fn short_hash(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .take(5)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `lianjian-forms.js` → `lianjian-forms.<hash>.js`.
pub fn hashed_name(logical: &str, bytes: &[u8]) -> String {
    let hash = short_hash(bytes);
    match logical.rsplit_once('.') {
        Some((stem, ext)) => format!("{stem}.{hash}.{ext}"),
        None => format!("{logical}.{hash}"),
    }
}

fn gzip(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    encoder.finish()
}

fn brotli(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
    Ok(out)
}

/// Writes `bytes` under `name` with its `.gz` and `.br` copies, unless
/// they are there already; answers the compressed sizes.
fn write_all(dir: &Path, name: &str, bytes: &[u8]) -> std::io::Result<(usize, usize)> {
    let mut sizes = (0, 0);
    for (suffix, encoded) in [
        ("", None),
        (".gz", Some(gzip as fn(&[u8]) -> std::io::Result<Vec<u8>>)),
        (".br", Some(brotli as fn(&[u8]) -> std::io::Result<Vec<u8>>)),
    ] {
        let path = dir.join(format!("{name}{suffix}"));
        let existing = std::fs::metadata(&path).ok().map(|m| m.len() as usize);
        let size = match (existing, encoded) {
            (Some(size), _) => size,
            (None, encode) => {
                let content = match encode {
                    Some(encode) => encode(bytes)?,
                    None => bytes.to_vec(),
                };
                // Written aside and renamed: a file under its name is whole.
                let temp = dir.join(format!(".{name}{suffix}.part"));
                std::fs::write(&temp, &content)?;
                std::fs::rename(&temp, &path)?;
                content.len()
            }
        };
        match suffix {
            ".gz" => sizes.0 = size,
            ".br" => sizes.1 = size,
            _ => {}
        }
    }
    Ok(sizes)
}

/// What [`prepare`] did.
#[derive(Debug, Clone, Default)]
pub struct Delivery {
    /// The folder the hashed files are in.
    pub dir: PathBuf,
    /// Every file, widget package first.
    pub files: Vec<Prepared>,
    /// Whether the widget package was found.
    pub widgets: bool,
}

/// Hashes, compresses and writes the widget package (when built) and the
/// pages' own files to `dir`, and makes [`url`] answer their hashed URLs.
pub fn prepare(widgets: &Path, dir: &Path) -> std::io::Result<Delivery> {
    std::fs::create_dir_all(dir)?;
    let mut files = Vec::new();
    let mut urls = BTreeMap::new();
    let mut add = |logical: &str, bytes: &[u8]| -> std::io::Result<String> {
        let name = hashed_name(logical, bytes);
        let (gzip, brotli) = write_all(dir, &name, bytes)?;
        files.push(Prepared {
            logical: logical.to_owned(),
            name: name.clone(),
            raw: bytes.len(),
            gzip,
            brotli,
        });
        urls.insert(logical.to_owned(), format!("{PREFIX}{name}"));
        Ok(name)
    };
    let module = widgets.join(WIDGET_MODULE);
    let built = widgets.join(WIDGET_WASM).is_file() && module.is_file();
    if built {
        let wasm = add(WIDGET_WASM, &std::fs::read(widgets.join(WIDGET_WASM))?)?;
        let mut script = String::from_utf8_lossy(&std::fs::read(&module)?).into_owned();
        // `./name` from the widgets' own code, a bare quoted name from the
        // wasm-bindgen glue's default.
        script = script.replace(&format!("./{WIDGET_WASM}"), &format!("./{wasm}"));
        for quote in ['"', '\''] {
            script = script.replace(
                &format!("{quote}{WIDGET_WASM}{quote}"),
                &format!("{quote}{wasm}{quote}"),
            );
        }
        if let Ok(css) = std::fs::read(widgets.join(WIDGET_CSS)) {
            let css = add(WIDGET_CSS, &css)?;
            script = script.replace(&format!("./{WIDGET_CSS}"), &format!("./{css}"));
        }
        if let Ok(model) = std::fs::read(widgets.join(WIDGET_MODEL)) {
            let model = add(WIDGET_MODEL, &model)?;
            script = script.replace(&format!("./{WIDGET_MODEL}"), &format!("./{model}"));
        }
        add(WIDGET_MODULE, script.as_bytes())?;
    }
    for (logical, _, text) in ASSETS {
        add(logical, text.as_bytes())?;
    }
    let _ = URLS.set(urls);
    Ok(Delivery {
        dir: dir.to_owned(),
        files,
        widgets: built,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_carry_the_content_and_the_module_names_its_files_by_hash() {
        assert_eq!(
            hashed_name("a.js", b"x"),
            format!("a.{}.js", &short_hash(b"x"))
        );
        assert_ne!(hashed_name("a.js", b"x"), hashed_name("a.js", b"y"));
        let root =
            std::env::temp_dir().join(format!("lianjian-portal-delivery-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let (pkg, out) = (root.join("pkg"), root.join("assets"));
        std::fs::create_dir_all(&pkg).unwrap();
        std::fs::write(pkg.join(WIDGET_WASM), b"\0asm\x01\0\0\0").unwrap();
        std::fs::write(pkg.join(WIDGET_CSS), ":host{color:red}").unwrap();
        std::fs::write(pkg.join(WIDGET_MODEL), "{}").unwrap();
        let js = "const w=new URL(\"./lianjian_wasm_bg.wasm\",import.meta.url),c=new URL(\"./lianjian-forms.css\",import.meta.url),m=new URL(\"./lianjian-classifier.json\",import.meta.url);";
        std::fs::write(pkg.join(WIDGET_MODULE), js).unwrap();
        let done = prepare(&pkg, &out).unwrap();
        assert!(done.widgets);
        let by = |logical: &str| {
            done.files
                .iter()
                .find(|f| f.logical == logical)
                .unwrap()
                .name
                .clone()
        };
        let module = std::fs::read_to_string(out.join(by(WIDGET_MODULE))).unwrap();
        assert!(
            module.contains(&format!("\"./{}\"", by(WIDGET_WASM))),
            "{module}"
        );
        assert!(
            module.contains(&format!("\"./{}\"", by(WIDGET_CSS))),
            "{module}"
        );
        // The demand form's classifier model, by hash too.
        assert!(
            module.contains(&format!("\"./{}\"", by(WIDGET_MODEL))),
            "{module}"
        );
        for file in &done.files {
            for suffix in ["", ".gz", ".br"] {
                assert!(
                    out.join(format!("{}{suffix}", file.name)).is_file(),
                    "{}{suffix}",
                    file.name
                );
            }
        }
        // The copies decompress to the file.
        let name = by("portal.js");
        let raw = std::fs::read(out.join(&name)).unwrap();
        let mut unzipped = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::GzDecoder::new(
                &std::fs::read(out.join(format!("{name}.gz"))).unwrap()[..],
            ),
            &mut unzipped,
        )
        .unwrap();
        assert_eq!(unzipped, raw);
        let mut unbrotli = Vec::new();
        brotli::BrotliDecompress(
            &mut &std::fs::read(out.join(format!("{name}.br"))).unwrap()[..],
            &mut unbrotli,
        )
        .unwrap();
        assert_eq!(unbrotli, raw);
        // A second start keeps what is there.
        let again = prepare(&pkg, &out).unwrap();
        assert_eq!(again.files, done.files);
        let _ = std::fs::remove_dir_all(&root);
    }
}
