//! Roster rows held as cells by a host that reads them itself: a table of a
//! data platform, a CSV file split by another engine. The header names the
//! columns (Chinese or English, `docs/wire/coverage.md`); each row's cells
//! are checked as the command line checks a CSV row.

use serde::Serialize;

use super::RowOutcome;
use crate::api::{EnrollmentAnswer, Options};
use crate::roster::{search_score, Cell, Columns};

/// A roster's columns, found from its header.
#[derive(Debug, Clone)]
pub struct Roster {
    columns: Columns,
    ignored: Vec<String>,
}

/// Where a header was found among the first rows, and how.
#[derive(Debug, Clone, Serialize)]
pub struct FoundHeader {
    /// Which of the readings given holds it (the delimiter that split it).
    pub reading: usize,
    /// Index, into that reading's rows, of the (upper) header row.
    pub row: usize,
    /// 1, or 2 for group titles over sub-headers.
    pub depth: usize,
    /// The headers as read, one per cell (two-level ones as `group/sub`).
    pub headers: Vec<String>,
    /// Headers that name no field.
    pub ignored: Vec<String>,
}

impl Roster {
    /// The columns a one-row header names.
    ///
    /// # Errors
    ///
    /// Required columns missing, or two headers naming one field, said in
    /// a sentence.
    pub fn from_headers<S: AsRef<str>>(headers: &[S]) -> Result<Roster, String> {
        let (columns, ignored) = Columns::from_headers(headers).map_err(|e| e.to_string())?;
        Ok(Roster { columns, ignored })
    }

    /// The header among the first non-blank rows of a roster, read in one
    /// or more ways (a CSV file's first lines split at commas, tabs,
    /// semicolons): the way that reads it best wins (ties: the first), and
    /// in it the header found by the core's rules ([`Columns::find_header`]).
    ///
    /// # Errors
    ///
    /// No reading holds a header: what the closest row lacked.
    pub fn find<S: AsRef<str>>(readings: &[Vec<Vec<S>>]) -> Result<(Roster, FoundHeader), String> {
        let mut best = None;
        for (i, rows) in readings.iter().enumerate() {
            let result = Columns::find_header(rows, None);
            let widest = rows.iter().map(Vec::len).max().unwrap_or(0);
            let score = search_score(&result, widest);
            if best.as_ref().is_none_or(|(s, _, _)| score > *s) {
                best = Some((score, i, result));
            }
        }
        match best {
            Some((_, reading, Ok(header))) => Ok((
                Roster {
                    columns: header.columns,
                    ignored: header.ignored.clone(),
                },
                FoundHeader {
                    reading,
                    row: header.row,
                    depth: header.depth,
                    headers: header.headers,
                    ignored: header.ignored,
                },
            )),
            Some((_, _, Err(e))) => Err(e.to_string()),
            None => Err("no rows to look for a header in".into()),
        }
    }

    /// Headers that name no field; their cells are not read.
    pub fn ignored(&self) -> &[String] {
        &self.ignored
    }

    /// What one row adds to a coverage count (cells in header order).
    pub fn outcome(&self, cells: &[Cell<'_>], options: &Options) -> RowOutcome {
        RowOutcome::of_cells(&self.columns, cells, options)
    }

    /// The answer to one row: `{valid, findings, record}`.
    pub fn check(&self, cells: &[Cell<'_>], options: &Options) -> EnrollmentAnswer {
        EnrollmentAnswer::of(
            options.checked(|context| self.columns.check(cells, context)),
            options,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADERS: [&str; 12] = [
        "企业名称",
        "统一社会信用代码",
        "单位类型",
        "行业代码",
        "产业链",
        "产业链环节",
        "党组织情况",
        "联络员",
        "联络员电话",
        "联系人",
        "联系电话",
        "入链日期",
    ];
    const ROW: [&str; 12] = [
        "深圳市示例珠宝首饰有限公司",
        "91440300MA5FUTN418",
        "企业",
        "2438",
        "黄金珠宝",
        "生产制造",
        "无",
        "联络员甲",
        "13900139000",
        "联系人甲",
        "13800138000",
        "2026-11-01",
    ];

    #[test]
    fn the_best_reading_holds_the_header_and_rows_check_as_the_command_line_does() {
        let title = vec!["名单".to_owned()];
        let joined = vec![HEADERS.join(",")];
        let split: Vec<String> = HEADERS.iter().map(|h| h.to_string()).collect();
        let readings = vec![vec![title.clone(), joined], vec![title, split]];
        let (roster, found) = Roster::find(&readings).unwrap();
        assert_eq!((found.reading, found.row, found.depth), (1, 1, 1));
        let options = Options::from_json(r#"{"lang": "en", "today": "2026-11-25"}"#).unwrap();
        let cells: Vec<Cell<'_>> = ROW.iter().map(|c| Cell::Text(c)).collect();
        let answer = roster.check(&cells, &options);
        assert!(answer.valid, "{}", crate::api::to_json(&answer));
        assert!(matches!(
            roster.outcome(&cells, &options),
            RowOutcome::Counted(..)
        ));
        let mut broken = cells.clone();
        broken[1] = Cell::Text("91440300MA5FUTN419");
        assert!(matches!(
            roster.outcome(&broken, &options),
            RowOutcome::Rejected(..)
        ));
    }

    #[test]
    fn a_header_that_names_too_little_is_refused_with_a_reason() {
        let error = Roster::from_headers(&["企业名称"]).unwrap_err();
        assert!(error.contains("统一社会信用代码"), "{error}");
        let error = Roster::find(&[vec![vec!["a", "b"]]]).unwrap_err();
        assert!(error.contains("lacks"), "{error}");
        assert!(Roster::find::<&str>(&[]).is_err());
    }
}
