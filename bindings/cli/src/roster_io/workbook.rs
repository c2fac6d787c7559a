//! Workbooks (`.xlsx`, `.xls`, `.ods`…): the sheet is read whole, merged
//! group titles are filled into the cells they span, and cells keep their
//! type (a number stays a number, so that the core can tell an identifier a
//! spreadsheet damaged).

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader, Sheets};
use lianjian::roster::cells::number_text;

use super::{
    find_header, header_error, Candidate, InputInfo, Numbered, RawCell, ReadOptions, RowInput,
    BATCH, HEADER_SEARCH_ROWS,
};

/// Reads the sheet chosen (default: the first) and hands on its rows.
pub(super) fn read(
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
