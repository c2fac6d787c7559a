//! The roster fixtures that stand for files as districts send them, written
//! by one generator so that they can be made again and reviewed as code:
//!
//! - `title_row.xlsx`: a merged title row above the header, numbers stored
//!   as numbers (counts, output, mobile numbers), dates as dates;
//! - `merged_headers.xlsx`: a title row and two header rows (党组织 over
//!   状态 | 类型 | 名称 | 正式党员数, 联络员 and 联系人 over 姓名 | 电话, other
//!   titles merged down over both), with identifiers stored as numbers;
//! - `unicode_text.txt`: Excel's "Unicode Text" export (UTF-16LE with a
//!   byte-order mark, tab-separated, CRLF) with its title row;
//! - `tab_separated.csv`: tab-separated UTF-8 named `.csv`;
//! - `semicolon.csv`: semicolon-separated UTF-8 with a byte-order mark;
//! - `scientific_notation.csv`: a title row, and a USCC and phone numbers
//!   exported as `9.14403E+17`.
//!
//! The rows of the first five are those of `chinese_headers.csv` (without
//! its broken-quote line, which no spreadsheet writes).
//!
//! Regenerate: `cargo test -p lianjian-cli --test roster_fixtures -- --ignored`.
//! A test fails when the committed files differ from what this writes.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, Workbook, Worksheet};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/roster")
}

const TITLE: &str = "盐田区产业链党建成员企业名单（2026年）";

/// The header and rows of `chinese_headers.csv`; a blank row stays blank.
fn base_rows() -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(dir().join("chinese_headers.csv")).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.contains("引号不成对"))
        .map(|l| format!("{l}\n"))
        .collect();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(kept.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Delimited text as a spreadsheet exports it: cells quoted only when they
/// hold the delimiter, a quote or a line break; CRLF line ends.
fn delimited(rows: &[Vec<String>], delimiter: char) -> String {
    let mut out = String::new();
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains([delimiter, '"', '\n']) {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.clone()
                }
            })
            .collect();
        out.push_str(&cells.join(&delimiter.to_string()));
        out.push_str("\r\n");
    }
    out
}

fn with_title(rows: &[Vec<String>]) -> Vec<Vec<String>> {
    let width = rows[0].len();
    let mut title = vec![String::new(); width];
    title[0] = TITLE.to_owned();
    std::iter::once(title).chain(rows.iter().cloned()).collect()
}

/// A workbook whose bytes do not depend on the day it was written.
fn workbook() -> Workbook {
    let mut workbook = Workbook::new();
    let when = ExcelDateTime::from_ymd(2026, 11, 1).unwrap();
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&when));
    workbook
}

/// A cell as staff type it: numbers and dates as such, the rest as text.
fn write_typed(sheet: &mut Worksheet, row: u32, col: u16, cell: &str, header: &str) {
    let date = Format::new().set_num_format("yyyy/m/d");
    let number = cell.replace(',', "").parse::<f64>();
    if cell.is_empty() {
        return;
    }
    if header == "入链日期" {
        let (y, m, d) = match cell.split('/').collect::<Vec<_>>()[..] {
            [y, m, d] => (y.parse().unwrap(), m.parse().unwrap(), d.parse().unwrap()),
            _ => panic!("not a date: {cell}"),
        };
        let when = ExcelDateTime::from_ymd(y, m, d).unwrap();
        sheet
            .write_datetime_with_format(row, col, &when, &date)
            .unwrap();
    } else if let (Ok(n), false) = (number, header == "统一社会信用代码") {
        sheet.write_number(row, col, n).unwrap();
    } else {
        sheet.write_string(row, col, cell).unwrap();
    }
}

fn title_row_xlsx() -> Vec<u8> {
    let rows = base_rows();
    let mut book = workbook();
    let sheet = book.add_worksheet().set_name("名册").unwrap();
    let centred = Format::new().set_bold().set_align(FormatAlign::Center);
    let last = (rows[0].len() - 1) as u16;
    sheet.merge_range(0, 0, 0, last, TITLE, &centred).unwrap();
    for (col, header) in rows[0].iter().enumerate() {
        sheet.write_string(1, col as u16, header).unwrap();
    }
    for (r, row) in rows.iter().enumerate().skip(1) {
        for (col, cell) in row.iter().enumerate() {
            write_typed(sheet, r as u32 + 1, col as u16, cell, &rows[0][col]);
        }
    }
    book.save_to_buffer().unwrap()
}

/// An all-digit USCC ending in `000` whose check character is right: what a
/// spreadsheet leaves of some codes it kept to 15 digits (one in 31 pass).
fn damaged_code_that_passes() -> String {
    (0..100_000u32)
        .map(|n| format!("9144030{n:08}00"))
        .find(|base| lianjian::ident::uscc::check_character(base.as_bytes()) == Some(b'0'))
        .map(|base| base + "0")
        .unwrap()
}

/// One cell of the merged-header sheet.
#[derive(Clone)]
enum V {
    T(&'static str),
    N(f64),
    Date,
    Blank,
}

fn merged_headers_xlsx() -> Vec<u8> {
    use V::{Blank, Date, N, T};
    let mut book = workbook();
    let sheet = book.add_worksheet().set_name("成员企业").unwrap();
    let head = Format::new().set_bold().set_align(FormatAlign::Center);
    let date = Format::new().set_num_format("yyyy/m/d");
    sheet.merge_range(0, 0, 0, 18, TITLE, &head).unwrap();
    // Titles merged down over both header rows, and groups over sub-headers.
    let single = [
        (0, "序号"),
        (1, "企业名称"),
        (2, "统一社会信用代码"),
        (3, "单位类型"),
        (4, "行业代码"),
        (5, "年产值（万元）"),
        (6, "产业链"),
        (7, "产业链环节"),
        (12, "隶属党组织"),
        (17, "入链日期"),
        (18, "备注"),
    ];
    for (col, title) in single {
        sheet.merge_range(1, col, 2, col, title, &head).unwrap();
    }
    let groups: [(u16, &str, &[&str]); 3] = [
        (8, "党组织", &["状态", "类型", "名称", "正式党员数"]),
        (13, "联络员", &["姓名", "电话"]),
        (15, "联系人", &["姓名", "电话"]),
    ];
    for (first, title, subs) in groups {
        let last = first + subs.len() as u16 - 1;
        sheet.merge_range(1, first, 1, last, title, &head).unwrap();
        for (i, sub) in subs.iter().enumerate() {
            sheet
                .write_string_with_format(2, first + i as u16, *sub, &head)
                .unwrap();
        }
    }
    let passes = damaged_code_that_passes();
    let own = |members: f64| [T("单独建立"), T("党支部"), T("示例党支部"), N(members)];
    let rows: Vec<Vec<V>> = vec![
        // Row 4: whole numbers where numbers do no harm.
        [
            vec![
                N(1.0),
                T("深圳市合并表头企业一有限公司"),
                T("91440300MA5FUTN418"),
            ],
            vec![
                T("企业"),
                N(2438.0),
                N(12000.5),
                T("黄金珠宝"),
                T("生产制造；零售批发"),
            ],
            own(6.0).into(),
            vec![
                T("沙头角街道非公企业党委"),
                Blank,
                Blank,
                T("联系人甲"),
                N(13800138000.0),
            ],
            vec![Date, Blank],
        ]
        .concat(),
        // Row 5: 914403001234567891 as Excel keeps it, 15 digits.
        [
            vec![
                N(2.0),
                T("深圳市合并表头企业二有限公司"),
                N(9.14403001234567e17),
            ],
            vec![T("企业"), Blank, N(5000.0), T("港口物流"), T("拖车运输")],
            own(3.0).into(),
            vec![
                T("沙头角街道非公企业党委"),
                Blank,
                Blank,
                T("联系人乙"),
                N(13800138001.0),
            ],
            vec![Date, Blank],
        ]
        .concat(),
        // Row 6: a damaged code that passes the check character.
        [
            vec![
                N(3.0),
                T("深圳市合并表头企业三有限公司"),
                N(passes.parse().unwrap()),
            ],
            vec![T("企业"), Blank, N(7000.0), T("港口物流"), T("货代报关")],
            own(3.0).into(),
            vec![
                T("沙头角街道非公企业党委"),
                Blank,
                Blank,
                T("联系人丙"),
                N(13800138002.0),
            ],
            vec![Date, Blank],
        ]
        .concat(),
        // Row 7: industry code 0511 stored as 511.
        [
            vec![
                N(4.0),
                T("深圳市合并表头企业四有限公司"),
                T("91440300MA5R00027Q"),
            ],
            vec![T("企业"), N(511.0), N(300.0), T("黄金珠宝"), T("零售批发")],
            own(3.0).into(),
            vec![
                T("沙头角街道非公企业党委"),
                Blank,
                Blank,
                T("联系人丁"),
                N(13800138003.0),
            ],
            vec![Date, Blank],
        ]
        .concat(),
        // Row 8: the landline 0755-25551234 stored as 75525551234.
        [
            vec![
                N(5.0),
                T("深圳市合并表头企业五有限公司"),
                T("91440300MA5R00035K"),
            ],
            vec![T("企业"), Blank, N(800.0), T("黄金珠宝"), T("检验检测")],
            own(3.0).into(),
            vec![
                T("沙头角街道非公企业党委"),
                Blank,
                Blank,
                T("联系人戊"),
                N(75525551234.0),
            ],
            vec![Date, Blank],
        ]
        .concat(),
        // Row 9: a liaison's landline stored as a number.
        [
            vec![
                N(6.0),
                T("深圳市合并表头企业六有限公司"),
                T("91440300MA5R00043E"),
            ],
            vec![T("企业"), Blank, N(150.0), T("滨海旅游"), T("吃")],
            vec![T("无"), Blank, Blank, N(0.0)],
            vec![
                Blank,
                T("联络员甲"),
                N(75525559876.0),
                T("联系人己"),
                N(13800138005.0),
            ],
            vec![Date, Blank],
        ]
        .concat(),
        // Row 10: counted, with warnings: five members and neither
        // organization nor liaison.
        [
            vec![
                N(7.0),
                T("深圳市合并表头企业七有限公司"),
                T("91440300MA5R000519"),
            ],
            vec![T("企业"), Blank, N(2200.0), T("滨海旅游"), T("住")],
            vec![T("无"), Blank, Blank, N(5.0)],
            vec![Blank, Blank, Blank, T("联系人庚"), N(13800138006.0)],
            vec![Date, T("备注")],
        ]
        .concat(),
    ];
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                T(text) => {
                    sheet.write_string(r, col, *text).unwrap();
                }
                N(n) => {
                    sheet.write_number(r, col, *n).unwrap();
                }
                Date => {
                    let when = ExcelDateTime::from_ymd(2026, 10, 1).unwrap();
                    sheet
                        .write_datetime_with_format(r, col, &when, &date)
                        .unwrap();
                }
                Blank => {}
            }
        }
    }
    book.save_to_buffer().unwrap()
}

fn utf16le_with_bom(text: &str) -> Vec<u8> {
    [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect()
}

fn scientific_notation_csv() -> String {
    let header = "序号,企业名称,统一社会信用代码,单位类型,产业链,产业链环节,党组织情况,党组织类型,\
                  党组织名称,正式党员数,隶属党组织,联络员,联络员电话,联系人,联系电话,入链日期";
    let own = "单独建立,党支部,示例党支部,3,沙头角街道非公企业党委";
    let rows = [
        format!("1,深圳市科学计数企业一有限公司,91440300MA5FUTN418,企业,黄金珠宝,生产制造,{own},,,联系人甲,13800138000,2026/10/1"),
        format!("2,深圳市科学计数企业二有限公司,9.14403E+17,企业,黄金珠宝,生产制造,{own},,,联系人乙,13800138001,2026/10/1"),
        format!("3,深圳市科学计数企业三有限公司,91440300MA5R00027Q,企业,黄金珠宝,零售批发,{own},,,联系人丙,1.38001E+10,2026/10/1"),
        "4,深圳市科学计数企业四有限公司,91440300MA5R00035K,企业,滨海旅游,吃,无,,,0,,联络员甲,7.55256E+10,联系人丁,13800138003,2026/10/1".to_owned(),
    ];
    let width = header.split(',').count();
    let mut text = format!("{TITLE}{}\r\n{header}\r\n", ",".repeat(width - 1));
    for row in rows {
        text.push_str(&row);
        text.push_str("\r\n");
    }
    text
}

/// Every fixture this file writes, by name.
fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let rows = base_rows();
    vec![
        ("title_row.xlsx", title_row_xlsx()),
        ("merged_headers.xlsx", merged_headers_xlsx()),
        (
            "unicode_text.txt",
            utf16le_with_bom(&delimited(&with_title(&rows), '\t')),
        ),
        ("tab_separated.csv", delimited(&rows, '\t').into_bytes()),
        (
            "semicolon.csv",
            [b"\xEF\xBB\xBF".as_slice(), delimited(&rows, ';').as_bytes()].concat(),
        ),
        (
            "scientific_notation.csv",
            scientific_notation_csv().into_bytes(),
        ),
    ]
}

#[test]
#[ignore = "writes tests/fixtures/roster/; run with --ignored to regenerate"]
fn write_roster_fixtures() {
    for (name, bytes) in fixtures() {
        std::fs::write(dir().join(name), bytes).unwrap();
    }
}

#[test]
fn committed_fixtures_are_what_the_generator_writes() {
    for (name, bytes) in fixtures() {
        let committed = std::fs::read(dir().join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}; run the ignored generator"));
        assert!(
            committed == bytes,
            "{name} differs from what the generator writes; regenerate and review"
        );
    }
}
