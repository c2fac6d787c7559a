//! The rows a JSON coverage report lists (`rejected`, `warnings`), written
//! out as they are counted instead of held: a district roster's warnings
//! weigh hundreds of megabytes as values, a tenth of that as text, and come
//! after the figures in the report, which are known only at the end.
//!
//! Each row is written as `serde_json`'s pretty printer writes it at its
//! depth in the report, into a temporary file (deleted when closed; memory
//! when none can be made); [`write_report`] then writes the report with the
//! lists copied in, byte for byte what printing the whole answer writes.

use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};

use lianjian::api::{CoverageAnswer, RejectedRow};

/// Rows of one list, written as they come.
pub struct Spool {
    sink: Sink,
    rows: u64,
    buffer: Vec<u8>,
}

enum Sink {
    File(BufWriter<File>),
    Memory(Vec<u8>),
}

impl Spool {
    /// An empty list, in a temporary file if one can be made.
    pub fn new() -> Spool {
        let sink = match tempfile::tempfile() {
            Ok(file) => Sink::File(BufWriter::with_capacity(1 << 16, file)),
            Err(_) => Sink::Memory(Vec::new()),
        };
        Spool {
            sink,
            rows: 0,
            buffer: Vec::new(),
        }
    }

    /// Appends a row: as an element of an array one level into the report.
    pub fn push(&mut self, row: &RejectedRow) -> Result<(), String> {
        self.buffer.clear();
        serde_json::to_writer_pretty(&mut self.buffer, row)
            .map_err(|e| format!("writing a row: {e}"))?;
        let sink: &mut dyn Write = match &mut self.sink {
            Sink::File(file) => file,
            Sink::Memory(bytes) => bytes,
        };
        let written = (|| -> io::Result<()> {
            sink.write_all(if self.rows == 0 {
                b"\n    "
            } else {
                b",\n    "
            })?;
            // JSON text holds no raw line breaks: each one is the printer's,
            // and the lines under it go two levels deeper.
            for (i, line) in self.buffer.split(|&b| b == b'\n').enumerate() {
                if i > 0 {
                    sink.write_all(b"\n    ")?;
                }
                sink.write_all(line)?;
            }
            Ok(())
        })();
        written.map_err(|e| format!("writing a temporary file: {e}"))?;
        self.rows += 1;
        Ok(())
    }

    /// Writes the list as a JSON array.
    fn write_array(self, out: &mut dyn Write) -> io::Result<()> {
        out.write_all(b"[")?;
        match self.sink {
            Sink::File(file) => {
                let mut file = file.into_inner().map_err(|e| e.into_error())?;
                file.seek(SeekFrom::Start(0))?;
                io::copy(&mut file, out)?;
            }
            Sink::Memory(bytes) => out.write_all(&bytes)?,
        }
        out.write_all(if self.rows == 0 { b"]" } else { b"\n  ]" })
    }
}

/// What printing an answer whose lists are empty ends with.
const EMPTY_LISTS: &[u8] = b"[],\n  \"warnings\": []\n}";

/// Writes `answer` (its lists empty) as pretty JSON with the spooled lists
/// in place of its own.
pub fn write_report(
    out: &mut dyn Write,
    answer: &CoverageAnswer,
    rejected: Spool,
    warnings: Spool,
) -> Result<(), String> {
    let failed = |e: io::Error| format!("writing output: {e}");
    let mut head = serde_json::to_vec_pretty(answer).map_err(|e| format!("writing output: {e}"))?;
    if !(answer.rejected.is_empty() && answer.warnings.is_empty() && head.ends_with(EMPTY_LISTS)) {
        return Err("writing output: the report does not end with its lists".into());
    }
    head.truncate(head.len() - EMPTY_LISTS.len());
    out.write_all(&head).map_err(failed)?;
    rejected.write_array(out).map_err(failed)?;
    out.write_all(b",\n  \"warnings\": ").map_err(failed)?;
    warnings.write_array(out).map_err(failed)?;
    out.write_all(b"\n}").map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lianjian::api::{coverage_lines, Options, RosterInput};

    /// A roster with rejected rows (findings with params) and warned rows.
    fn answer() -> CoverageAnswer {
        let line = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        let record = line(include_str!(
            "../../../tests/fixtures/enrollment/valid_own_branch.json"
        ));
        let warned = line(include_str!(
            "../../../tests/fixtures/enrollment/warn_should_build_joint.json"
        ));
        let lines = format!("{record}\nnot json\n{{\"chain\": [1, 2]}}\n{record}\n{warned}\n");
        let options = Options::from_json(r#"{"lang": "en", "today": "2026-11-25"}"#).unwrap();
        let mut answer = coverage_lines(&lines, &options);
        answer.input = Some(RosterInput {
            format: "jsonl".into(),
            rows: 5,
            ..RosterInput::default()
        });
        answer
    }

    #[test]
    fn spooled_lists_print_as_the_whole_answer_does() {
        for spooled in [true, false] {
            let mut answer = answer();
            let (mut rejected, mut warnings) = (Spool::new(), Spool::new());
            if spooled {
                assert!(!answer.rejected.is_empty(), "rows to spool");
                for row in std::mem::take(&mut answer.rejected) {
                    rejected.push(&row).unwrap();
                }
                for row in std::mem::take(&mut answer.warnings) {
                    warnings.push(&row).unwrap();
                }
            } else {
                answer.rejected.clear();
                answer.warnings.clear();
            }
            let mut streamed = Vec::new();
            write_report(&mut streamed, &answer, rejected, warnings).unwrap();
            let whole = if spooled {
                serde_json::to_string_pretty(&self::answer()).unwrap()
            } else {
                serde_json::to_string_pretty(&answer).unwrap()
            };
            assert_eq!(String::from_utf8(streamed).unwrap(), whole);
        }
    }

    #[test]
    fn an_answer_still_holding_rows_is_not_spliced() {
        let mut out = Vec::new();
        let error = write_report(&mut out, &answer(), Spool::new(), Spool::new()).unwrap_err();
        assert!(error.contains("lists"), "{error}");
    }
}
