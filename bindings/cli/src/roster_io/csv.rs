//! CSV (and Excel's tab-separated "Unicode Text"): the encoding chosen over
//! the whole file ([`text`](super::text)), the header looked for in the
//! first records under each delimiter, then the records read as the text
//! streams by ([`Records`]).

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use lianjian::roster::{Header, HeaderNotFound, HEADER_SEARCH_ROWS};

use super::records::{Record, Records};
use super::text::{probe, Input, Text};
use super::{
    find_header, header_error, score, Candidate, Delimiter, InputInfo, Numbered, ReadOptions,
    RowInput, BATCH,
};

/// The non-blank records from the top that the header search needs: the
/// first rows searched and one more (sub-headers), or up to the row named
/// and the one after it. `false` when the text ran out before the search
/// ended (more text may change the answer).
fn candidates(
    text: &str,
    delimiter: Delimiter,
    header_row: Option<usize>,
) -> Result<(Vec<Candidate>, bool), String> {
    let mut records = Records::of_text(text, delimiter.byte(), 0);
    let mut candidates: Vec<Candidate> = Vec::new();
    while let Some((number, at, record)) = records.next()? {
        let enough = match header_row {
            Some(n) => candidates.last().is_some_and(|c| c.number > n),
            None => candidates.len() > HEADER_SEARCH_ROWS,
        };
        if enough {
            return Ok((candidates, true));
        }
        match record {
            Record::Cells(cells) => candidates.push(Candidate {
                number,
                at,
                cells: cells.iter().map(str::to_owned).collect(),
            }),
            Record::Blank => {}
            // A broken row among the first: the search stops before it.
            Record::Malformed => return Ok((candidates, true)),
        }
    }
    Ok((candidates, false))
}

/// The file, or standard input read into memory (it is read twice).
fn open_input(path: &Path) -> Result<Box<dyn Input>, String> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        return Ok(Box::new(Cursor::new(bytes)));
    }
    File::open(path)
        .map(|f| Box::new(f) as Box<dyn Input>)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads a CSV roster: its header, then its rows in batches.
pub(super) fn read(
    path: &Path,
    options: &ReadOptions<'_>,
    info: &mut InputInfo,
    on_header: &mut dyn FnMut(&InputInfo),
    emit: &mut dyn FnMut(Vec<Numbered>, u64),
) -> Result<(), String> {
    let failed = |e: std::io::Error| format!("{}: {e}", path.display());
    let mut input = open_input(path)?;
    let probe = probe(&mut *input, options.encoding).map_err(failed)?;
    info.encoding = Some(probe.name());
    info.bom = probe.bom;
    let mut text = Text::new(&mut *input, &probe);

    // The delimiter under which the header names the most fields, searched
    // in as much of the text as the search needs.
    let tried: &[Delimiter] = match &options.delimiter {
        Some(chosen) => std::slice::from_ref(chosen),
        None => &Delimiter::ALL,
    };
    let mut prefix = String::new();
    let (delimiter, candidates, result) = loop {
        let ended = !text.more(&mut prefix).map_err(failed)?;
        let mut best: Option<(Delimiter, Vec<Candidate>, Result<Header, HeaderNotFound>)> = None;
        let mut complete = true;
        for &delimiter in tried {
            let (candidates, done) = candidates(&prefix, delimiter, options.header_row)?;
            complete &= done;
            let result = find_header(&candidates, options.header_row);
            if best
                .as_ref()
                .is_none_or(|(_, c, b)| score(&candidates, &result) > score(c, b))
            {
                best = Some((delimiter, candidates, result));
            }
        }
        if complete || ended {
            break best.ok_or_else(|| format!("{}: no delimiter to try", path.display()))?;
        }
    };
    info.delimiter = Some(delimiter.name());
    if candidates.is_empty() && options.header_row.is_none() {
        return Err(format!("{}: the file is empty", path.display()));
    }
    let damaged = |cells: &[String]| probe.lossy && cells.iter().any(|c| c.contains('\u{FFFD}'));
    let header = match result {
        Ok(header) => header,
        Err(e) => {
            let read_badly = candidates.get(e.row).is_some_and(|c| damaged(&c.cells));
            let hint = probe.hint.filter(|_| read_badly);
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
            Some(probe.hint.unwrap_or("try --encoding gbk")),
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
    let consumed = std::cell::Cell::new(text.consumed());
    let more = Box::new(|out: &mut String| {
        let more = text.more(out).map_err(failed);
        consumed.set(text.consumed());
        more
    });
    let mut records = Records::new(prefix, more, delimiter.byte(), last_header);
    records.next()?;
    records.width = width;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some((line, _, record)) = records.next()? {
        let row = match record {
            Record::Blank => continue,
            Record::Malformed => RowInput::Malformed,
            // Bytes that were not text: the row cannot be read as typed.
            Record::Cells(cells) if probe.lossy && cells.iter().any(|c| c.contains('\u{FFFD}')) => {
                RowInput::Malformed
            }
            Record::Cells(cells) => RowInput::Text(cells),
        };
        batch.push((line, row));
        if batch.len() == BATCH {
            emit(
                std::mem::replace(&mut batch, Vec::with_capacity(BATCH)),
                consumed.get(),
            );
        }
    }
    if !batch.is_empty() {
        emit(batch, consumed.get());
    }
    Ok(())
}
