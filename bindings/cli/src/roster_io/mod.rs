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

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader, Sheets};
use lianjian::roster::cells::number_text;
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

/// One row as read, before checking.
#[derive(Debug, Clone)]
pub enum RowInput {
    /// A JSON line.
    Json(String),
    /// The cells of a CSV or workbook row.
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
        Format::Csv => read_csv(path, options, info, on_header, emit),
        Format::Workbook => {
            if options.delimiter.is_some() {
                return Err(format!(
                    "{}: --delimiter applies to CSV, not workbooks",
                    path.display()
                ));
            }
            read_workbook(path, options, info, on_header, emit)
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

/// A file's text as decoded.
struct Decoded {
    text: String,
    encoding: &'static str,
    /// A byte-order mark chose the encoding.
    bom: bool,
    /// Bytes that were not text became U+FFFD: rows holding one are malformed.
    lossy: bool,
    /// When lossy: what the bytes may be instead (`try --encoding gbk`).
    hint: Option<&'static str>,
}

/// The file's text. A byte-order mark decides (UTF-8, UTF-16LE, UTF-16BE);
/// otherwise UTF-8 as is, GBK (GB 18030, its superset) when chosen or when
/// the bytes are not UTF-8 but are all valid GBK, UTF-16 when chosen. A UTF-8
/// file with a few bad bytes stays UTF-8: the rows holding them are
/// reported, the rest read.
fn decode(bytes: Vec<u8>, encoding: Encoding) -> Decoded {
    let name = |e: &'static encoding_rs::Encoding| match e.name() {
        "UTF-8" => "utf-8",
        "UTF-16LE" => "utf-16le",
        "UTF-16BE" => "utf-16be",
        _ => "gbk",
    };
    let with = |e: &'static encoding_rs::Encoding, bytes: &[u8], bom: bool| {
        let (text, lossy) = e.decode_without_bom_handling(bytes);
        Decoded {
            text: text.into_owned(),
            encoding: name(e),
            bom,
            lossy,
            hint: None,
        }
    };
    let decoded = if let Some((found, length)) = encoding_rs::Encoding::for_bom(&bytes) {
        with(found, &bytes[length..], true)
    } else {
        match encoding {
            Encoding::Gbk => with(encoding_rs::GB18030, &bytes, false),
            Encoding::Utf16Le => with(encoding_rs::UTF_16LE, &bytes, false),
            Encoding::Utf16Be => with(encoding_rs::UTF_16BE, &bytes, false),
            Encoding::Utf8 => with(encoding_rs::UTF_8, &bytes, false),
            Encoding::Auto => match std::str::from_utf8(&bytes) {
                Ok(_) => with(encoding_rs::UTF_8, &bytes, false),
                Err(_) => match encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(&bytes)
                {
                    Some(text) => Decoded {
                        text: text.into_owned(),
                        encoding: "gbk",
                        bom: false,
                        lossy: false,
                        hint: None,
                    },
                    None => with(encoding_rs::UTF_8, &bytes, false),
                },
            },
        }
    };
    let hint = decoded.lossy.then(|| {
        let nuls = bytes.iter().filter(|&&b| b == 0).count();
        if nuls * 8 > bytes.len() {
            "the bytes look like UTF-16 without a byte-order mark: try --encoding utf-16le (or utf-16be)"
        } else if decoded.encoding != "gbk"
            && encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(&bytes)
                .is_some()
        {
            "try --encoding gbk"
        } else {
            "the bytes are not text in the encoding chosen; try --encoding auto"
        }
    });
    Decoded { hint, ..decoded }
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

/// How well a delimiter reads the first rows: a header beats no header, then
/// more fields named, then (when no header is found) more cells in a row;
/// ties keep the earlier delimiter.
fn score(
    candidates: &[Candidate],
    result: &Result<Header, HeaderNotFound>,
) -> (bool, usize, usize) {
    match result {
        Ok(header) => (true, header.columns.len(), 0),
        Err(e) => (
            false,
            e.recognised,
            candidates.iter().map(|c| c.cells.len()).max().unwrap_or(0),
        ),
    }
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

/// CSV records with the line each starts on. A record whose opening quote
/// never closes swallows the lines after it: it is reported as malformed
/// and reading goes on from the next line.
struct Records<'t> {
    text: &'t str,
    delimiter: u8,
    reader: csv::Reader<&'t [u8]>,
    /// Where the current reader starts in the text.
    base: usize,
    /// A running count of the line breaks before `counted_to` (the reader's
    /// own line numbers drift with CRLF endings, so lines are counted here).
    counted_to: usize,
    breaks: usize,
    /// The header's width once known (0 while the header is looked for).
    width: usize,
    record: csv::StringRecord,
}

/// One record of a CSV file.
enum Record {
    Cells(Vec<String>),
    Blank,
    Malformed,
}

impl<'t> Records<'t> {
    fn new(text: &'t str, delimiter: Delimiter, from: usize) -> Self {
        let delimiter = delimiter.byte();
        Records {
            text,
            delimiter,
            reader: Self::reader(&text.as_bytes()[from..], delimiter),
            base: from,
            counted_to: 0,
            breaks: 0,
            width: 0,
            record: csv::StringRecord::new(),
        }
    }

    fn reader(bytes: &'t [u8], delimiter: u8) -> csv::Reader<&'t [u8]> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(bytes)
    }

    /// The next record: its line, the byte where it starts, and its cells.
    fn next(&mut self) -> Option<(usize, usize, Record)> {
        let text = self.text;
        let read = self.reader.read_record(&mut self.record);
        let byte = self.record.position().map_or(0, |p| p.byte() as usize);
        let mut start = (self.base + byte).min(text.len());
        start += text[start..].len() - text[start..].trim_start_matches(['\r', '\n']).len();
        self.breaks += text.as_bytes()[self.counted_to..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.counted_to = start;
        let line = self.breaks + 1;
        let record = match read {
            Ok(false) => return None,
            Ok(true) if self.record.iter().all(|c| c.trim().is_empty()) => Record::Blank,
            Ok(true)
                if self.record.len() < self.width
                    && self.record.iter().any(|c| c.contains('\n')) =>
            {
                if let Some(nl) = text[start..].find('\n') {
                    self.base = start + nl + 1;
                    self.reader = Self::reader(&text.as_bytes()[self.base..], self.delimiter);
                }
                Record::Malformed
            }
            Ok(true) => Record::Cells(self.record.iter().map(str::to_owned).collect()),
            Err(_) => Record::Malformed,
        };
        Some((line, start, record))
    }
}

/// The non-blank records from the top that the header search needs: the
/// first rows searched and one more (sub-headers), or up to the row named
/// and the one after it.
fn csv_candidates(text: &str, delimiter: Delimiter, header_row: Option<usize>) -> Vec<Candidate> {
    let mut records = Records::new(text, delimiter, 0);
    let mut candidates: Vec<Candidate> = Vec::new();
    while let Some((number, at, record)) = records.next() {
        let enough = match header_row {
            Some(n) => candidates.last().is_some_and(|c| c.number > n),
            None => candidates.len() > HEADER_SEARCH_ROWS,
        };
        if enough {
            break;
        }
        match record {
            Record::Cells(cells) => candidates.push(Candidate { number, at, cells }),
            Record::Blank => {}
            // A broken row among the first: the search stops before it.
            Record::Malformed => break,
        }
    }
    candidates
}

fn read_csv(
    path: &Path,
    options: &ReadOptions<'_>,
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
        encoding,
        bom,
        lossy,
        hint,
    } = decode(bytes, options.encoding);
    info.encoding = Some(encoding);
    info.bom = bom;

    // The delimiter under which the header names the most fields.
    let tried: &[Delimiter] = match &options.delimiter {
        Some(chosen) => std::slice::from_ref(chosen),
        None => &Delimiter::ALL,
    };
    let mut best: Option<(Delimiter, Vec<Candidate>, Result<Header, HeaderNotFound>)> = None;
    for &delimiter in tried {
        let candidates = csv_candidates(&text, delimiter, options.header_row);
        let result = find_header(&candidates, options.header_row);
        if best
            .as_ref()
            .is_none_or(|(_, c, b)| score(&candidates, &result) > score(c, b))
        {
            best = Some((delimiter, candidates, result));
        }
    }
    let Some((delimiter, candidates, result)) = best else {
        return Err(format!("{}: no delimiter to try", path.display()));
    };
    info.delimiter = Some(delimiter.name());
    if candidates.is_empty() && options.header_row.is_none() {
        return Err(format!("{}: the file is empty", path.display()));
    }
    let damaged = |cells: &[String]| lossy && cells.iter().any(|c| c.contains('\u{FFFD}'));
    let header = match result {
        Ok(header) => header,
        Err(e) => {
            let read_badly = candidates.get(e.row).is_some_and(|c| damaged(&c.cells));
            let hint = hint.filter(|_| read_badly);
            return Err(header_error(
                path,
                info,
                &e,
                &candidates,
                options.header_row,
                hint,
            ));
        }
    };
    let header_candidates = &candidates[header.row..header.row + header.depth];
    if header_candidates.iter().any(|c| damaged(&c.cells)) {
        let e = HeaderNotFound {
            error: lianjian::roster::RosterError::MissingColumns(Vec::new()),
            row: header.row,
            depth: header.depth,
            headers: header.headers.clone(),
            recognised: header.columns.len(),
        };
        return Err(header_error(
            path,
            info,
            &e,
            &candidates,
            options.header_row,
            Some(hint.unwrap_or("try --encoding gbk")),
        ));
    }
    info.header_rows = header_candidates.iter().map(|c| c.number).collect();
    let width = header_candidates
        .iter()
        .map(|c| c.cells.len())
        .max()
        .unwrap_or(0);
    info.columns = Some(header.columns);
    info.ignored_columns = header.ignored;
    on_header(info);

    // Data start after the last header row: read from it and pass it by (the
    // search may have stopped before the first data row, at a broken one).
    let last_header = header_candidates.last().map_or(0, |c| c.at);
    let mut records = Records::new(&text, delimiter, last_header);
    records.next();
    records.width = width;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some((line, start, record)) = records.next() {
        let row = match record {
            Record::Blank => continue,
            Record::Malformed => RowInput::Malformed,
            // Bytes that were not text: the row cannot be read as typed.
            Record::Cells(cells) if damaged(&cells) => RowInput::Malformed,
            Record::Cells(cells) => RowInput::Cells(cells.into_iter().map(RawCell::Text).collect()),
        };
        batch.push((line, row));
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

fn read_workbook(
    path: &Path,
    options: &ReadOptions<'_>,
    info: &mut InputInfo,
    on_header: &mut dyn FnMut(&InputInfo),
    emit: &mut dyn FnMut(Vec<Numbered>, u64),
) -> Result<(), String> {
    let mut workbook = open_workbook_auto(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let names = workbook.sheet_names();
    let name = match options.sheet {
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
    // Merged cells, where the format records them: a group title merged
    // across its sub-headers is read in each of them. Without them, the
    // core's reading of blank cells under a title does the same.
    let merged = match &mut workbook {
        Sheets::Xlsx(book) => book.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        Sheets::Xls(book) => book.merge_cells_by_sheet_name(&name).unwrap_or_default(),
        _ => Vec::new(),
    };
    info.sheet = Some(name);
    let (first_row, first_col) = range
        .start()
        .map_or((0, 0), |(row, col)| (row as usize, col as usize));
    let blank = |cells: &[Data]| cells.iter().all(|c| matches!(c, Data::Empty));

    let mut candidates: Vec<Candidate> = Vec::new();
    for (index, cells) in range.rows().enumerate() {
        let number = first_row + index + 1;
        let enough = match options.header_row {
            Some(n) => candidates.last().is_some_and(|c| c.number > n),
            None => candidates.len() > HEADER_SEARCH_ROWS,
        };
        if enough {
            break;
        }
        if blank(cells) {
            continue;
        }
        let mut texts: Vec<String> = cells.iter().map(cell_text).collect();
        for region in merged.iter().filter(|r| r.start.0 as usize == number - 1) {
            let (from, to) = (region.start.1 as usize, region.end.1 as usize);
            let Some(title) = from
                .checked_sub(first_col)
                .and_then(|i| texts.get(i))
                .cloned()
            else {
                continue;
            };
            for col in from.max(first_col) + 1..=to {
                if let Some(cell) = texts.get_mut(col - first_col) {
                    if cell.is_empty() {
                        cell.clone_from(&title);
                    }
                }
            }
        }
        candidates.push(Candidate {
            number,
            at: index,
            cells: texts,
        });
    }
    if candidates.is_empty() && options.header_row.is_none() {
        return Err(format!("{}: the sheet is empty", path.display()));
    }
    let header = find_header(&candidates, options.header_row)
        .map_err(|e| header_error(path, info, &e, &candidates, options.header_row, None))?;
    let header_candidates = &candidates[header.row..header.row + header.depth];
    info.header_rows = header_candidates.iter().map(|c| c.number).collect();
    let last_header = header_candidates.last().map_or(0, |c| c.at);
    info.columns = Some(header.columns);
    info.ignored_columns = header.ignored;
    on_header(info);

    let total = range.height() as u64;
    let mut batch = Vec::with_capacity(BATCH);
    for (index, cells) in range.rows().enumerate().skip(last_header + 1) {
        if blank(cells) {
            continue;
        }
        batch.push((
            first_row + index + 1,
            RowInput::Cells(cells.iter().map(raw_cell).collect()),
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

/// A data cell: numbers as stored (the core tells a whole number from an
/// identifier the spreadsheet damaged), everything else as shown.
fn raw_cell(cell: &Data) -> RawCell {
    match cell {
        Data::Float(f) => RawCell::Number(*f),
        Data::Int(i) => RawCell::Number(*i as f64),
        other => RawCell::Text(cell_text(other)),
    }
}

/// A cell as the text a person sees: whole numbers without `.0` (phone
/// numbers and counts are often stored as numbers), dates as `YYYY-MM-DD`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
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
    fn a_byte_order_mark_decides_the_encoding() {
        let text = "企业名称\t产业链\r\n";
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        for (bytes, name) in [(le.clone(), "utf-16le"), (be, "utf-16be")] {
            // Even when another encoding was chosen.
            let d = decode(bytes, Encoding::Gbk);
            assert_eq!(
                (d.text.as_str(), d.encoding, d.bom, d.lossy),
                (text, name, true, false)
            );
        }
        // Without its mark, UTF-16 is read when chosen, and hinted at otherwise.
        let d = decode(le[2..].to_vec(), Encoding::Utf16Le);
        assert_eq!((d.text.as_str(), d.bom), (text, false));
        let d = decode(le[2..].to_vec(), Encoding::Utf8);
        assert!(d.lossy || !d.text.contains('企'));
        let (gbk_bytes, _, _) = encoding_rs::GBK.encode("企业名称");
        let d = decode(gbk_bytes.into_owned(), Encoding::Utf8);
        assert_eq!(d.hint, Some("try --encoding gbk"));
    }

    #[test]
    fn csv_records_keep_their_lines() {
        let text = "名单,,\r\n\r\n企业名称,\"统一社会\n信用代码\",产业链\r\na,b,c\r\n";
        let mut records = Records::new(text, Delimiter::Comma, 0);
        let mut lines = Vec::new();
        while let Some((line, _, record)) = records.next() {
            if let Record::Cells(cells) = record {
                lines.push((line, cells.len()));
            }
        }
        assert_eq!(lines, [(1, 3), (3, 3), (5, 3)]);
    }

    #[test]
    fn cells_read_as_people_see_them() {
        assert_eq!(cell_text(&Data::Float(13800138000.0)), "13800138000");
        assert_eq!(cell_text(&Data::Float(12000.5)), "12000.5");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(raw_cell(&Data::Float(12000.5)), RawCell::Number(12000.5));
        assert_eq!(raw_cell(&Data::Int(2438)), RawCell::Number(2438.0));
        assert_eq!(
            raw_cell(&Data::String("2438".into())),
            RawCell::Text("2438".into())
        );
    }
}
