//! CSV records with the line each starts on, read from text that arrives in
//! pieces.
//!
//! The parser is `csv_core`'s (the `csv` crate's own), fed from a window of
//! text: what has been read and not yet passed by. The window starts at the
//! record last returned, so it holds a record or two, not the file. A
//! record whose opening quote never closes swallows the lines after it: it
//! is reported as malformed and reading goes on from the next line.

use csv_core::ReadRecordResult;

use super::TextCells;

/// One record of a CSV file.
pub(super) enum Record {
    Cells(TextCells),
    Blank,
    Malformed,
}

/// More text: appended to the string given; `Ok(false)` once there is none.
pub(super) type More<'a> = Box<dyn FnMut(&mut String) -> Result<bool, String> + 'a>;

/// The records of a text, from a byte on.
pub(super) struct Records<'a> {
    more: More<'a>,
    /// The text from byte `base` on.
    window: String,
    base: usize,
    /// Where the parser goes on.
    pos: usize,
    /// No more text will come.
    ended: bool,
    parser: csv_core::Reader,
    delimiter: u8,
    fields: Vec<u8>,
    ends: Vec<usize>,
    /// Line breaks before `counted_to` (counted here: the parser's own line
    /// numbers drift with CRLF endings).
    counted_to: usize,
    breaks: usize,
    /// The header's width once known (0 while the header is looked for).
    pub(super) width: usize,
}

impl<'a> Records<'a> {
    /// The records of `text` followed by what `more` appends, read from
    /// byte `from` of `text` (lines are counted from its start).
    pub(super) fn new(text: String, more: More<'a>, delimiter: u8, from: usize) -> Records<'a> {
        Records {
            more,
            window: text,
            base: 0,
            pos: from,
            ended: false,
            parser: parser(delimiter),
            delimiter,
            fields: vec![0; 4096],
            ends: vec![0; 64],
            counted_to: 0,
            breaks: 0,
            width: 0,
        }
    }

    /// The records of a text held whole.
    pub(super) fn of_text(text: &str, delimiter: u8, from: usize) -> Records<'a> {
        Records::new(text.to_owned(), Box::new(|_| Ok(false)), delimiter, from)
    }

    /// Whether the text ran out (no more will come, and all was parsed).
    #[cfg(test)]
    fn exhausted(&self) -> bool {
        self.ended && self.pos >= self.base + self.window.len()
    }

    /// Drops the text before the last record returned and appends more.
    fn fill(&mut self) -> Result<(), String> {
        let keep_from = self.counted_to.max(self.base) - self.base;
        if keep_from > 0 {
            self.window.drain(..keep_from);
            self.base += keep_from;
        }
        self.ended = !(self.more)(&mut self.window)?;
        Ok(())
    }

    /// The next record: its line, the byte where it starts, and its cells.
    pub(super) fn next(&mut self) -> Result<Option<(usize, usize, Record)>, String> {
        let from = self.pos;
        let (mut fields_len, mut ends_len) = (0, 0);
        let found = loop {
            let end = self.base + self.window.len();
            if self.pos >= end && !self.ended {
                self.fill()?;
                continue;
            }
            let input = &self.window.as_bytes()[self.pos - self.base..];
            let (result, read, written, ended) = self.parser.read_record(
                input,
                &mut self.fields[fields_len..],
                &mut self.ends[ends_len..],
            );
            self.pos += read;
            fields_len += written;
            ends_len += ended;
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let grown = self.fields.len() * 2;
                    self.fields.resize(grown, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let grown = self.ends.len() * 2;
                    self.ends.resize(grown, 0);
                }
                ReadRecordResult::Record => break true,
                ReadRecordResult::End => break false,
            }
        };
        // The record starts after the line breaks the parser skipped.
        let text = &self.window[from.max(self.base) - self.base..];
        let start = from.max(self.base) + text.len() - text.trim_start_matches(['\r', '\n']).len();
        let start = start.min(self.base + self.window.len());
        let counted = self.counted_to.max(self.base) - self.base;
        self.breaks += self.window.as_bytes()[counted..start - self.base]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.counted_to = start;
        let line = self.breaks + 1;
        if !found {
            return Ok(None);
        }
        // The text was UTF-8 and is cut at ASCII delimiters only.
        let cells = TextCells {
            text: String::from_utf8_lossy(&self.fields[..fields_len]).into_owned(),
            ends: self.ends[..ends_len].iter().map(|&e| e as u32).collect(),
        };
        let record = if cells.iter().all(|c| c.trim().is_empty()) {
            Record::Blank
        } else if cells.len() < self.width && cells.text.contains('\n') {
            // An opening quote that never closed: read on from the next line.
            if let Some(nl) = self.window[start - self.base..].find('\n') {
                self.pos = start + nl + 1;
                self.parser = parser(self.delimiter);
            }
            Record::Malformed
        } else {
            Record::Cells(cells)
        };
        Ok(Some((line, start, record)))
    }
}

fn parser(delimiter: u8) -> csv_core::Reader {
    csv_core::ReaderBuilder::new().delimiter(delimiter).build()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every record of `text` given in pieces of `piece` bytes (or whole).
    fn records(text: &str, piece: Option<usize>, width: usize) -> Vec<(usize, String)> {
        let mut records = match piece {
            None => Records::of_text(text, b',', 0),
            Some(size) => {
                let mut rest = text;
                Records::new(
                    String::new(),
                    Box::new(move |out: &mut String| {
                        if rest.is_empty() {
                            return Ok(false);
                        }
                        let mut cut = size.min(rest.len());
                        while !rest.is_char_boundary(cut) {
                            cut += 1;
                        }
                        out.push_str(&rest[..cut]);
                        rest = &rest[cut..];
                        Ok(true)
                    }),
                    b',',
                    0,
                )
            }
        };
        records.width = width;
        let mut seen = Vec::new();
        while let Some((line, _, record)) = records.next().unwrap() {
            seen.push((
                line,
                match record {
                    Record::Cells(cells) => cells.iter().collect::<Vec<_>>().join("|"),
                    Record::Blank => "blank".into(),
                    Record::Malformed => "malformed".into(),
                },
            ));
        }
        assert!(records.exhausted());
        seen
    }

    #[test]
    fn csv_records_keep_their_lines() {
        let text = "名单,,\r\n\r\n企业名称,\"统一社会\n信用代码\",产业链\r\na,b,c\r\n";
        let whole = records(text, None, 0);
        assert_eq!(
            whole,
            [
                (1, "名单||".to_owned()),
                (3, "企业名称|统一社会\n信用代码|产业链".to_owned()),
                (5, "a|b|c".to_owned())
            ]
        );
        for piece in 1..text.len() {
            assert_eq!(records(text, Some(piece), 0), whole, "pieces of {piece}");
        }
    }

    #[test]
    fn an_unclosed_quote_swallows_lines_and_reading_goes_on_from_the_next() {
        let text = "a,b,c\n1,\"2,3\n4,5,6\n\n7,8,9";
        let whole = records(text, None, 3);
        assert_eq!(
            whole,
            [
                (1, "a|b|c".to_owned()),
                (2, "malformed".to_owned()),
                (3, "4|5|6".to_owned()),
                (5, "7|8|9".to_owned())
            ]
        );
        for piece in 1..text.len() {
            assert_eq!(records(text, Some(piece), 3), whole, "pieces of {piece}");
        }
    }
}
