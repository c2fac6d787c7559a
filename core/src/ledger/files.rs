//! A ledger [`Table`] as the files a district keeps: a CSV file Excel opens
//! as it is (UTF-8 with a byte-order mark, CRLF, RFC 4180 quoting), and a
//! workbook of one sheet (headings bold and frozen with a filter, numbers as
//! numbers, days and times as dates) written by `rust_xlsxwriter`.
//!
//! Behind the optional feature `ledger-files`, for the hosts that hand out
//! ledgers as files (the command line's `lianjian ledger --format csv|xlsx`,
//! the portal's ledger downloads); the browser bundle does not carry it.
//! Nothing here reads or writes a file: each function gives the file's bytes.
//! The time a workbook records as its creation is an argument, like every
//! time in the core: the same table and time give the same bytes.

use super::{Cell, Table};
use chrono::{DateTime, FixedOffset, Utc};
use rust_xlsxwriter::{DocProperties, Format, FormatAlign, FormatBorder, Workbook};

/// The table as CSV: a byte-order mark (so that Excel reads the UTF-8), the
/// headings, then a line per row (CRLF, quoted as RFC 4180 says); cells as
/// [`Cell::csv_text`] reads them (text a spreadsheet would run as a formula
/// gets a leading `'`).
///
/// # Errors
///
/// The CSV writer's failure, as `writing CSV: …`.
pub fn csv(table: &Table) -> Result<Vec<u8>, String> {
    let mut out = "\u{FEFF}".as_bytes().to_vec();
    {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        let failed = |e: csv::Error| format!("writing CSV: {e}");
        writer
            .write_record(table.columns.iter().map(|c| c.heading))
            .map_err(failed)?;
        for row in &table.rows {
            writer
                .write_record(row.iter().map(Cell::csv_text))
                .map_err(failed)?;
        }
        writer.flush().map_err(|e| format!("writing CSV: {e}"))?;
    }
    Ok(out)
}

/// The table as a workbook (`.xlsx`) of one sheet named after its title:
/// headings bold and frozen with a filter, columns as wide as
/// [`Column::width`](super::Column::width) says, numbers as numbers, days
/// and times as dates (shown in China time, as recorded), long text (columns
/// 30 characters wide or more) wrapped; `written_at` is the creation time
/// recorded in its properties.
///
/// # Errors
///
/// The workbook writer's failure (a title Excel refuses as a sheet name),
/// as `writing the workbook: …`, or `too many rows` / `too many columns`
/// beyond what a sheet holds.
pub fn xlsx(table: &Table, written_at: DateTime<FixedOffset>) -> Result<Vec<u8>, String> {
    let failed = |e: rust_xlsxwriter::XlsxError| format!("writing the workbook: {e}");
    let mut workbook = Workbook::new();
    let created = written_at.with_timezone(&Utc);
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name(&table.title).map_err(failed)?;
    let heading = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#F2F2F2")
        .set_border(FormatBorder::Thin);
    let text = Format::new().set_align(FormatAlign::Top);
    let wrapped = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let day = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_align(FormatAlign::Top);
    let time = Format::new()
        .set_num_format("yyyy-mm-dd hh:mm")
        .set_align(FormatAlign::Top);
    for (col, column) in table.columns.iter().enumerate() {
        let col = u16::try_from(col).map_err(|_| "too many columns".to_owned())?;
        sheet
            .write_string_with_format(0, col, column.heading, &heading)
            .map_err(failed)?;
        sheet
            .set_column_width(col, f64::from(column.width))
            .map_err(failed)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).map_err(|_| "too many rows".to_owned())?;
        for (col, cell) in row.iter().enumerate() {
            let col = u16::try_from(col).map_err(|_| "too many columns".to_owned())?;
            let long = table.columns[usize::from(col)].width >= 30;
            match cell {
                Cell::Empty => continue,
                Cell::Text(value) if long => {
                    sheet.write_string_with_format(r, col, value, &wrapped)
                }
                Cell::Text(value) => sheet.write_string_with_format(r, col, value, &text),
                Cell::Integer(n) => sheet.write_number_with_format(r, col, *n as f64, &text),
                Cell::Number(n) => sheet.write_number_with_format(r, col, *n, &text),
                Cell::Date(d) => sheet.write_datetime_with_format(r, col, d, &day),
                // As recorded, in its own offset: a workbook has no time zones.
                Cell::Time(at) => sheet.write_datetime_with_format(r, col, at.naive_local(), &time),
            }
            .map_err(failed)?;
        }
    }
    sheet.set_freeze_panes(1, 0).map_err(failed)?;
    let last_row = u32::try_from(table.rows.len()).map_err(|_| "too many rows".to_owned())?;
    let last_col = u16::try_from(table.columns.len().saturating_sub(1))
        .map_err(|_| "too many columns".to_owned())?;
    sheet.autofilter(0, 0, last_row, last_col).map_err(failed)?;
    workbook.save_to_buffer().map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::super::Column;
    use super::*;

    fn table() -> Table {
        Table {
            ledger: "activities",
            title: "活动台账".into(),
            columns: vec![Column {
                id: "title",
                heading: "活动名称",
                width: 30,
            }],
            rows: vec![vec![Cell::text("=HYPERLINK(\"http://example.invalid\")")]],
        }
    }

    #[test]
    fn a_workbook_is_the_same_for_the_same_table_and_time() {
        let at = DateTime::parse_from_rfc3339("2026-12-31T08:00:00+08:00").unwrap();
        let later = DateTime::parse_from_rfc3339("2027-01-02T08:00:00+08:00").unwrap();
        let first = xlsx(&table(), at).unwrap();
        assert_eq!(first, xlsx(&table(), at).unwrap());
        assert_ne!(first, xlsx(&table(), later).unwrap());
    }

    #[test]
    fn csv_cells_a_spreadsheet_would_run_are_shown() {
        let text = String::from_utf8(csv(&table()).unwrap()).unwrap();
        assert!(
            text.contains("\"'=HYPERLINK(\"\"http://example.invalid\"\")\""),
            "{text}"
        );
    }
}
