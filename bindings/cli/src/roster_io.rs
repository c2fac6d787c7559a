//! Reading rosters from files: JSON lines, CSV (UTF-8 or GBK) and Excel
//! workbooks, handed on in batches of rows so that several threads can check
//! and count them.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use lianjian::roster::Columns;

/// How a roster file is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One enrollment record (JSON) per line.
    JsonLines,
    /// Comma-separated values with a header row.
    Csv,
    /// An Excel or OpenDocument workbook with a header row.
    Workbook,
}

impl Format {
    /// The format a file name suggests (JSON lines when unsure).
    pub fn of(path: &Path) -> Format {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "csv" | "txt" => Format::Csv,
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Format::Workbook,
            _ => Format::JsonLines,
        }
    }

    /// The name shown in reports.
    pub fn name(self) -> &'static str {
        match self {
            Format::JsonLines => "jsonl",
            Format::Csv => "csv",
            Format::Workbook => "xlsx",
        }
    }
}

/// The text encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 when the bytes are valid UTF-8, GBK (GB 18030) otherwise.
    Auto,
    /// UTF-8 (a byte-order mark is skipped).
    Utf8,
    /// GBK, as Excel on a Chinese Windows saves "CSV".
    Gbk,
}

/// One row as read, before checking.
#[derive(Debug, Clone)]
pub enum RowInput {
    /// A JSON line.
    Json(String),
    /// The cells of a CSV or workbook row.
    Cells(Vec<String>),
    /// A row that could not be read (broken quoting, bytes that are not text).
    Malformed,
}

/// A numbered row (the line or spreadsheet row number a person would look up).
pub type Numbered = (usize, RowInput);

/// What was learnt about the input while reading it.
#[derive(Debug, Clone, Default)]
pub struct InputInfo {
    /// `jsonl`, `csv` or `xlsx`.
    pub format: &'static str,
    /// The encoding used for CSV.
    pub encoding: Option<&'static str>,
    /// The sheet read from a workbook.
    pub sheet: Option<String>,
    /// Headers that name no field (their cells are ignored).
    pub ignored_columns: Vec<String>,
    /// The columns found, for CSV and workbooks.
    pub columns: Option<Columns>,
}

/// Size of the batches handed to the workers.
pub const BATCH: usize = 2048;

/// Opens a roster and reads its header. `emit` receives batches of rows and
/// the number of input bytes consumed so far (for a progress bar).
pub fn read(
    path: &Path,
    format: Format,
    encoding: Encoding,
    sheet: Option<&str>,
    info: &mut InputInfo,
    on_header: &mut dyn FnMut(&InputInfo),
    emit: &mut dyn FnMut(Vec<Numbered>, u64),
) -> Result<(), String> {
    info.format = format.name();
    match format {
        Format::JsonLines => read_json_lines(path, on_header, info, emit),
        Format::Csv => read_csv(path, encoding, info, on_header, emit),
        Format::Workbook => read_workbook(path, sheet, info, on_header, emit),
    }
}

fn open(path: &Path) -> Result<Box<dyn Read>, String> {
    if path == Path::new("-") {
        return Ok(Box::new(std::io::stdin()));
    }
    File::open(path)
        .map(|f| Box::new(f) as Box<dyn Read>)
        .map_err(|e| format!("{}: {e}", path.display()))
}

fn read_json_lines(
    path: &Path,
    on_header: &mut dyn FnMut(&InputInfo),
    info: &InputInfo,
    emit: &mut dyn FnMut(Vec<Numbered>, u64),
) -> Result<(), String> {
    on_header(info);
    let mut reader = BufReader::with_capacity(1 << 16, open(path)?);
    let mut batch = Vec::with_capacity(BATCH);
    let (mut number, mut consumed) = (0, 0u64);
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        let read = reader
            .read_until(b'\n', &mut buffer)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if read == 0 {
            break;
        }
        number += 1;
        consumed += read as u64;
        let row = match String::from_utf8(std::mem::take(&mut buffer)) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => RowInput::Json(
                text.trim_start_matches('\u{FEFF}')
                    .trim_end_matches(['\n', '\r'])
                    .to_owned(),
            ),
            Err(_) => RowInput::Malformed,
        };
        batch.push((number, row));
        if batch.len() == BATCH {
            emit(
                std::mem::replace(&mut batch, Vec::with_capacity(BATCH)),
                consumed,
            );
        }
    }
    if !batch.is_empty() {
        emit(batch, consumed);
    }
    Ok(())
}

/// The file's text: UTF-8 as is, GBK decoded (GB 18030, its superset).
/// A file's text as decoded.
struct Decoded {
    text: String,
    encoding: &'static str,
    /// Bytes that were not text became U+FFFD: rows holding one are malformed.
    lossy: bool,
}

/// The file's text: UTF-8 as is; GBK (GB 18030, its superset) when chosen, or
/// when the bytes are not UTF-8 but are all valid GBK. A UTF-8 file with a
/// few bad bytes stays UTF-8: the rows holding them are reported, the rest read.
fn decode(bytes: Vec<u8>, encoding: Encoding) -> Decoded {
    let strip_bom = |mut s: String| {
        if s.starts_with('\u{FEFF}') {
            s.drain(..3);
        }
        s
    };
    let lossy_utf8 = |bytes: &[u8]| Decoded {
        text: strip_bom(String::from_utf8_lossy(bytes).into_owned()),
        encoding: "utf-8",
        lossy: true,
    };
    match encoding {
        Encoding::Gbk => Decoded {
            text: gbk(&bytes),
            encoding: "gbk",
            lossy: false,
        },
        Encoding::Utf8 => match String::from_utf8(bytes) {
            Ok(text) => Decoded {
                text: strip_bom(text),
                encoding: "utf-8",
                lossy: false,
            },
            Err(e) => lossy_utf8(e.as_bytes()),
        },
        Encoding::Auto => match String::from_utf8(bytes) {
            Ok(text) => Decoded {
                text: strip_bom(text),
                encoding: "utf-8",
                lossy: false,
            },
            Err(e) => {
                let bytes = e.into_bytes();
                match encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(&bytes)
                {
                    Some(text) => Decoded {
                        text: text.into_owned(),
                        encoding: "gbk",
                        lossy: false,
                    },
                    None => lossy_utf8(&bytes),
                }
            }
        },
    }
}

fn gbk(bytes: &[u8]) -> String {
    // Malformed sequences become U+FFFD, which the checks then report.
    encoding_rs::GB18030.decode(bytes).0.into_owned()
}

fn read_csv(
    path: &Path,
    encoding: Encoding,
    info: &mut InputInfo,
    on_header: &mut dyn FnMut(&InputInfo),
    emit: &mut dyn FnMut(Vec<Numbered>, u64),
) -> Result<(), String> {
    let mut bytes = Vec::new();
    open(path)?
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let Decoded {
        text,
        encoding: used,
        lossy,
    } = decode(bytes, encoding);
    info.encoding = Some(used);
    let builder = || {
        let mut b = csv::ReaderBuilder::new();
        b.has_headers(false).flexible(true);
        b
    };
    let mut reader = builder().from_reader(text.as_bytes());
    let mut header = csv::StringRecord::new();
    match reader.read_record(&mut header) {
        Ok(true) => {}
        Ok(false) => return Err(format!("{}: the file is empty", path.display())),
        Err(e) => {
            return Err(format!(
                "{}: the header row cannot be read: {e}",
                path.display()
            ))
        }
    }
    let width = header.len();
    if lossy && header.iter().any(|h| h.contains('\u{FFFD}')) {
        return Err(format!(
            "{}: the header row is not UTF-8; try --encoding gbk",
            path.display()
        ));
    }
    header_columns(header.iter(), info)?;
    on_header(info);
    let mut batch = Vec::with_capacity(BATCH);
    // Where the current reader starts in the text, and a running count of
    // the line breaks before a byte offset (the reader's own line numbers
    // drift with CRLF endings, so lines are counted here).
    let mut base_byte = 0usize;
    let (mut counted_to, mut breaks) = (0usize, 0usize);
    let mut line_of = |start: usize| {
        breaks += text.as_bytes()[counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = start;
        breaks + 1
    };
    let mut record = csv::StringRecord::new();
    loop {
        let read = reader.read_record(&mut record);
        let byte = record.position().map_or(0, |p| p.byte() as usize);
        let mut start = (base_byte + byte).min(text.len());
        start += text[start..].len() - text[start..].trim_start_matches(['\r', '\n']).len();
        let line = line_of(start);
        let row = match read {
            Ok(false) => break,
            Ok(true) if record.iter().all(|c| c.trim().is_empty()) => continue,
            // An opening quote that never closes swallows the lines after it:
            // report this line as malformed and read on from the next one.
            Ok(true) if record.len() < width && record.iter().any(|c| c.contains('\n')) => {
                if let Some(nl) = text[start..].find('\n') {
                    base_byte = start + nl + 1;
                    reader = builder().from_reader(&text.as_bytes()[base_byte..]);
                }
                (line, RowInput::Malformed)
            }
            // Bytes that were not text: the row cannot be read as typed.
            Ok(true) if lossy && record.iter().any(|c| c.contains('\u{FFFD}')) => {
                (line, RowInput::Malformed)
            }
            Ok(true) => (
                line,
                RowInput::Cells(record.iter().map(str::to_owned).collect()),
            ),
            Err(_) => (line, RowInput::Malformed),
        };
        batch.push(row);
        if batch.len() == BATCH {
            emit(
                std::mem::replace(&mut batch, Vec::with_capacity(BATCH)),
                start as u64,
            );
        }
    }
    if !batch.is_empty() {
        emit(batch, text.len() as u64);
    }
    Ok(())
}

fn header_columns<'a>(
    headers: impl Iterator<Item = &'a str>,
    info: &mut InputInfo,
) -> Result<(), String> {
    let headers: Vec<&str> = headers.collect();
    let (columns, ignored) = Columns::from_headers(&headers).map_err(|e| e.to_string())?;
    info.columns = Some(columns);
    info.ignored_columns = ignored;
    Ok(())
}

fn read_workbook(
    path: &Path,
    sheet: Option<&str>,
    info: &mut InputInfo,
    on_header: &mut dyn FnMut(&InputInfo),
    emit: &mut dyn FnMut(Vec<Numbered>, u64),
) -> Result<(), String> {
    let mut workbook = open_workbook_auto(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                format!(
                    "{}: no sheet named `{wanted}` (sheets: {})",
                    path.display(),
                    names.join(", ")
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| format!("{}: the workbook has no sheets", path.display()))?,
    };
    let range = workbook
        .worksheet_range(&name)
        .map_err(|e| format!("{}: sheet `{name}`: {e}", path.display()))?;
    info.sheet = Some(name);
    let first_row = range.start().map_or(0, |(row, _)| row as usize);
    let mut rows = range.rows().enumerate();
    let header: Vec<String> = loop {
        match rows.next() {
            Some((_, cells)) if cells.iter().all(|c| matches!(c, Data::Empty)) => continue,
            Some((_, cells)) => break cells.iter().map(cell_text).collect(),
            None => return Err(format!("{}: the sheet is empty", path.display())),
        }
    };
    header_columns(header.iter().map(String::as_str), info)?;
    on_header(info);
    let total = range.height() as u64;
    let mut batch = Vec::with_capacity(BATCH);
    for (index, cells) in rows {
        if cells.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        batch.push((
            first_row + index + 1,
            RowInput::Cells(cells.iter().map(cell_text).collect()),
        ));
        if batch.len() == BATCH {
            emit(
                std::mem::replace(&mut batch, Vec::with_capacity(BATCH)),
                index as u64,
            );
        }
    }
    if !batch.is_empty() {
        emit(batch, total);
    }
    Ok(())
}

/// A cell as the text a person sees: whole numbers without `.0` (phone
/// numbers and counts are often stored as numbers), dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => dt.as_datetime().map_or_else(
            || dt.as_f64().to_string(),
            |d| d.date().format("%Y-%m-%d").to_string(),
        ),
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_owned(),
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => format!("#{e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_bom_and_gbk() {
        let bom = [b"\xEF\xBB\xBF".as_slice(), "企业名称".as_bytes()].concat();
        let d = decode(bom, Encoding::Auto);
        assert_eq!(
            (d.text.as_str(), d.encoding, d.lossy),
            ("企业名称", "utf-8", false)
        );
        let (gbk_bytes, _, _) = encoding_rs::GBK.encode("企业名称,产业链");
        let d = decode(gbk_bytes.into_owned(), Encoding::Auto);
        assert_eq!((d.text.as_str(), d.encoding), ("企业名称,产业链", "gbk"));
        // UTF-8 with one stray byte stays UTF-8; the bad byte is marked.
        let stray = ["企业名称\n".as_bytes(), b"\xff\n"].concat();
        let d = decode(stray, Encoding::Auto);
        assert_eq!((d.encoding, d.lossy), ("utf-8", true));
        assert!(d.text.contains('\u{FFFD}'));
        assert!(decode(vec![0xC6, 0xF3], Encoding::Utf8).lossy);
    }

    #[test]
    fn cells_read_as_people_see_them() {
        assert_eq!(cell_text(&Data::Float(13800138000.0)), "13800138000");
        assert_eq!(cell_text(&Data::Float(12000.5)), "12000.5");
        assert_eq!(cell_text(&Data::Empty), "");
    }
}
