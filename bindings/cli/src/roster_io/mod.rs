//! Reading rosters from files: JSON lines, CSV and Excel workbooks, handed
//! on in batches of rows so that several threads can check and count them.
//!
//! CSV: a byte-order mark decides the encoding (UTF-8, UTF-16LE as Excel's
//! "Unicode Text" writes it, UTF-16BE); without one, UTF-8 or GBK. The
//! delimiter is the one of comma, tab and semicolon under which the header
//! names the most fields (ties: comma, then tab, then semicolon), unless
//! `--delimiter` names it. The header is looked for in the first non-blank
//! rows (the core's rules), unless `--header-row` names its row. Rows keep
//! the numbers a person sees: CSV lines and sheet rows.
//!
//! JSON lines and CSV are read as they stream by, in pieces: however large
//! the file, what is held is a window of text and the batches in flight.
//! Workbooks are read whole (the workbook format is a zip of XML).

mod csv;
mod records;
mod text;
mod workbook;

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use lianjian::roster::{Cell, Columns, Header, HeaderNotFound, HEADER_SEARCH_ROWS};

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

/// The text encoding of a CSV file. A byte-order mark (UTF-8, UTF-16LE,
/// UTF-16BE) decides whatever is chosen here, as in a browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 when the bytes are valid UTF-8, GBK (GB 18030) otherwise.
    Auto,
    /// UTF-8.
    Utf8,
    /// GBK, as Excel on a Chinese Windows saves "CSV".
    Gbk,
    /// UTF-16, little-endian, for a file without a byte-order mark.
    Utf16Le,
    /// UTF-16, big-endian, for a file without a byte-order mark.
    Utf16Be,
}

/// The character between cells of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// A tab, as in Excel's "Unicode Text" and "Text (tab-delimited)".
    Tab,
    /// `;`, as Excel saves "CSV" where the decimal separator is a comma.
    Semicolon,
}

impl Delimiter {
    /// The order in which delimiters are tried, and win ties.
    pub const ALL: [Delimiter; 3] = [Delimiter::Comma, Delimiter::Tab, Delimiter::Semicolon];

    fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Tab => b'\t',
            Delimiter::Semicolon => b';',
        }
    }

    /// The name shown in reports: `comma`, `tab` or `semicolon`.
    pub fn name(self) -> &'static str {
        match self {
            Delimiter::Comma => "comma",
            Delimiter::Tab => "tab",
            Delimiter::Semicolon => "semicolon",
        }
    }
}

/// How to read a roster file.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions<'a> {
    /// How the file is laid out.
    pub format: Format,
    /// CSV: the text encoding.
    pub encoding: Encoding,
    /// CSV: the delimiter, or `None` to find it from the header.
    pub delimiter: Option<Delimiter>,
    /// Workbooks: the sheet (default: the first).
    pub sheet: Option<&'a str>,
    /// CSV and workbooks: the row (line or sheet row, from 1) holding the
    /// column names, or `None` to look for it among the first rows.
    pub header_row: Option<usize>,
}

/// One cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum RawCell {
    /// Text (every CSV cell; workbook text, dates and other cells as shown).
    Text(String),
    /// A workbook cell of numeric type.
    Number(f64),
}

impl RawCell {
    /// The cell as the core takes it.
    pub fn as_cell(&self) -> Cell<'_> {
        match self {
            RawCell::Text(text) => Cell::Text(text),
            RawCell::Number(number) => Cell::Number(*number),
        }
    }
}

/// The text cells of a CSV row, held in one string (a batch of rows in
/// flight holds two allocations a row, not one a cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextCells {
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<u32>,
}

impl TextCells {
    /// The cells, in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        let mut start = 0;
        self.ends.iter().map(move |&end| {
            let cell = self.text.get(start..end as usize).unwrap_or_default();
            start = end as usize;
            cell
        })
    }

    /// How many cells.
    pub fn len(&self) -> usize {
        self.ends.len()
    }
}

/// One row as read, before checking.
#[derive(Debug, Clone)]
pub enum RowInput {
    /// A JSON line.
    Json(String),
    /// The cells of a CSV row.
    Text(TextCells),
    /// The cells of a workbook row.
    Cells(Vec<RawCell>),
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
    /// The encoding used for CSV: `utf-8`, `gbk`, `utf-16le` or `utf-16be`.
    pub encoding: Option<&'static str>,
    /// Whether a byte-order mark chose the encoding.
    pub bom: bool,
    /// The CSV delimiter: `comma`, `tab` or `semicolon`.
    pub delimiter: Option<&'static str>,
    /// The sheet read from a workbook.
    pub sheet: Option<String>,
    /// The rows (lines or sheet rows, from 1) that named the columns: one,
    /// or two for group titles over sub-headers.
    pub header_rows: Vec<usize>,
    /// Headers that name no field (their cells are ignored).
    pub ignored_columns: Vec<String>,
    /// The columns found, for CSV and workbooks.
    pub columns: Option<Columns>,
}

impl InputInfo {
    /// What was found, for messages: `utf-16le (byte-order mark), tab-separated`.
    fn described(&self) -> String {
        let mut parts = Vec::new();
        if let Some(encoding) = self.encoding {
            parts.push(if self.bom {
                format!("{encoding} (byte-order mark)")
            } else {
                encoding.to_owned()
            });
        }
        if let Some(delimiter) = self.delimiter {
            parts.push(format!("{delimiter}-separated"));
        }
        if let Some(sheet) = &self.sheet {
            parts.push(format!("sheet `{sheet}`"));
        }
        parts.join(", ")
    }
}

/// Size of the batches handed to the workers.
pub const BATCH: usize = 2048;

/// Opens a roster and reads its header. `emit` receives batches of rows and
/// the number of input bytes consumed so far (for a progress bar).
pub fn read(
    path: &Path,
    options: &ReadOptions<'_>,
    info: &mut InputInfo,
    on_header: &mut dyn FnMut(&InputInfo),
    emit: &mut dyn FnMut(Vec<Numbered>, u64),
) -> Result<(), String> {
    info.format = options.format.name();
    match options.format {
        Format::JsonLines => {
            if options.header_row.is_some() || options.delimiter.is_some() {
                return Err(format!(
                    "{}: --header-row and --delimiter apply to CSV and workbooks, not JSON lines",
                    path.display()
                ));
            }
            read_json_lines(path, on_header, info, emit)
        }
        Format::Csv => csv::read(path, options, info, on_header, emit),
        Format::Workbook => {
            if options.delimiter.is_some() {
                return Err(format!(
                    "{}: --delimiter applies to CSV, not workbooks",
                    path.display()
                ));
            }
            workbook::read(path, options, info, on_header, emit)
        }
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

/// A row of the file as the header search sees it.
struct Candidate {
    /// Line (CSV) or sheet row, from 1.
    number: usize,
    /// CSV: where the record starts in the text; workbooks: its index in the range.
    at: usize,
    cells: Vec<String>,
}

/// The header found among `candidates` (non-blank rows from the top), or why
/// none was: the error says what was read.
fn find_header(
    candidates: &[Candidate],
    header_row: Option<usize>,
) -> Result<Header, HeaderNotFound> {
    let rows: Vec<&Vec<String>> = candidates.iter().map(|c| &c.cells).collect();
    let rows: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r.iter().map(String::as_str).collect())
        .collect();
    let at = match header_row {
        Some(number) => match candidates.iter().position(|c| c.number == number) {
            Some(index) => Some(index),
            // Past the rows given: the core reports that nothing was read.
            None => Some(candidates.len()),
        },
        None => None,
    };
    Columns::find_header(&rows, at)
}

/// How well a delimiter reads the first rows (the core's rule).
fn score(
    candidates: &[Candidate],
    result: &Result<Header, HeaderNotFound>,
) -> (bool, usize, usize) {
    let widest = candidates.iter().map(|c| c.cells.len()).max().unwrap_or(0);
    lianjian::roster::search_score(result, widest)
}

/// The message of a roster whose header was not found.
fn header_error(
    path: &Path,
    info: &InputInfo,
    error: &HeaderNotFound,
    candidates: &[Candidate],
    header_row: Option<usize>,
    hint: Option<&str>,
) -> String {
    let mut message = format!("{}: {}", path.display(), error.error);
    if hint.is_some() {
        message = format!(
            "{}: the header row is not {} text",
            path.display(),
            info.encoding.unwrap_or("utf-8")
        );
    }
    message.push_str(&format!("\n  read as: {}", info.described()));
    match candidates.get(error.row) {
        Some(first) => {
            let numbers = match candidates.get(error.row + 1) {
                Some(second) if error.depth == 2 => {
                    format!("rows {}–{}", first.number, second.number)
                }
                _ => format!("row {}", first.number),
            };
            let filled = error
                .headers
                .iter()
                .rposition(|h| !h.is_empty())
                .map_or(0, |last| last + 1);
            let shown: Vec<String> = error.headers[..filled]
                .iter()
                .take(30)
                .map(|h| shorten(&visible(h), 40))
                .collect();
            message.push_str(&format!("\n  {numbers} read: {}", shown.join(" | ")));
            if let [only] = &error.headers[..filled] {
                let other = Delimiter::ALL
                    .into_iter()
                    .filter(|d| info.delimiter != Some(d.name()))
                    .find(|d| only.contains(char::from(d.byte())));
                if let Some(other) = other {
                    message.push_str(&format!(
                        "\n  its one cell holds {} characters: try --delimiter {}",
                        other.name(),
                        other.name()
                    ));
                }
            }
        }
        None => match header_row {
            Some(n) => message.push_str(&format!("\n  row {n} is blank or past the end")),
            None => message.push_str("\n  no row holds anything"),
        },
    }
    match hint {
        Some(hint) => message.push_str(&format!("\n  {hint}")),
        None if header_row.is_none() => message.push_str(&format!(
            "\n  the header is looked for in the first {HEADER_SEARCH_ROWS} non-blank rows; \
             name its row with --header-row N"
        )),
        None => {}
    }
    message
}

/// Text with tabs and line breaks made visible, for a message on one line.
fn visible(text: &str) -> String {
    text.replace('\t', "\\t")
        .replace(['\r', '\n'], " ")
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .collect()
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        text.chars().take(max - 1).chain(['…']).collect()
    }
}
