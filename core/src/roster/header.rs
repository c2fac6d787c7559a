//! Finding the header among the first rows of a roster, as district sheets
//! are laid out: a title row above it (`盐田区产业链党建成员企业名单（2026年）`
//! merged across the table), and group titles over sub-headers (`党组织` over
//! `状态 | 类型 | 名称 | 正式党员数`, `联系人` over `姓名 | 电话`).
//!
//! The rules, in order:
//! 1. Only the first [`HEADER_SEARCH_ROWS`] non-blank rows are searched
//!    (unless the host names the row). Each is tried from the top.
//! 2. Two rows are read as one two-level header when the lower row's cells
//!    join the upper row's: a lower cell under a group title is named by the
//!    two together (`党组织` + `类型` → `党组织类型`) or, when that names no
//!    field, by itself (`正式党员数`); a blank lower cell keeps the upper
//!    header (a title merged down over both rows). A blank upper cell over a
//!    sub-header belongs to the nearest group title on its left that has a
//!    sub-header of its own, which is how a merged group title reads once
//!    exported (its text in the first cell only). Hosts that know the merged
//!    cells may fill the title into each of them first.
//! 3. A row is the header when it names the required columns; two rows are
//!    the header instead when together they name the required columns and
//!    more fields than either row alone. So a title row above a header is
//!    skipped, and a data row under a header is never taken for sub-headers.
//! 4. When no row qualifies, the row that named the most fields (the first
//!    of equals) is reported with what it read and what it lacked.

use super::columns::{lookup, Recognised};
use super::{Columns, RosterError};

/// How many non-blank rows from the top are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 10;

/// The header of a roster, as found among its first rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The columns found.
    pub columns: Columns,
    /// Headers that name no field (two-level ones as `group/sub`).
    pub ignored: Vec<String>,
    /// Index, into the rows given, of the (upper) header row.
    pub row: usize,
    /// How many rows the header takes: 1, or 2 for group titles over sub-headers.
    pub depth: usize,
    /// The headers as read, one per cell (two-level ones as `group/sub`).
    pub headers: Vec<String>,
}

/// Why no header was found, with what the closest row read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{error}")]
pub struct HeaderNotFound {
    /// What the closest row lacked (or named twice).
    pub error: RosterError,
    /// Index, into the rows given, of the row that came closest.
    pub row: usize,
    /// 1, or 2 when the closest reading was two rows joined.
    pub depth: usize,
    /// The headers that row read, one per cell.
    pub headers: Vec<String>,
    /// How many fields it named.
    pub recognised: usize,
}

/// One reading of a row (or two rows joined) as a header.
struct Reading {
    headers: Vec<String>,
    /// How many fields it names.
    named: usize,
    /// Its columns, or why it cannot head a roster.
    result: Result<(Columns, Vec<String>), RosterError>,
}

impl Reading {
    fn single<S: AsRef<str>>(row: &[S]) -> Reading {
        let headers: Vec<String> = row.iter().map(|h| h.as_ref().trim().to_owned()).collect();
        let recognised = Recognised::new(headers.iter().map(|h| (h.as_str(), lookup(h))));
        Reading::new(headers, recognised)
    }

    fn new(headers: Vec<String>, recognised: Recognised) -> Reading {
        Reading {
            headers,
            named: recognised.positions.len(),
            result: recognised.into_columns(),
        }
    }

    fn joined<S: AsRef<str>>(upper: &[S], lower: &[S]) -> Reading {
        fn cell<S: AsRef<str>>(row: &[S], j: usize) -> &str {
            row.get(j).map_or("", |c| c.as_ref().trim())
        }
        let width = upper.len().max(lower.len());
        let mut names: Vec<(String, Option<super::Column>)> = Vec::with_capacity(width);
        // The group title over column j, carried right over blank upper cells
        // while the columns below have sub-headers.
        let mut group: Option<&str> = None;
        for j in 0..width {
            let (up, low) = (cell(upper, j), cell(lower, j));
            group = match (up.is_empty(), low.is_empty()) {
                (false, false) => Some(up),
                (true, false) => group,
                _ => None,
            };
            let title = if up.is_empty() { group } else { Some(up) };
            names.push(match (title, low.is_empty()) {
                (Some(title), true) => (title.to_owned(), lookup(title)),
                (Some(title), false) => (
                    format!("{title}/{low}"),
                    lookup(&format!("{title}{low}")).or_else(|| lookup(low)),
                ),
                (None, _) => (low.to_owned(), lookup(low)),
            });
        }
        let recognised = Recognised::new(names.iter().map(|(h, c)| (h.as_str(), *c)));
        Reading::new(names.into_iter().map(|(h, _)| h).collect(), recognised)
    }

    fn is_header(&self) -> bool {
        self.result.is_ok()
    }

    /// The header this reading is, or why it is none.
    fn into_header(self, row: usize, depth: usize) -> Result<Header, HeaderNotFound> {
        match self.result {
            Ok((columns, ignored)) => Ok(Header {
                columns,
                ignored,
                row,
                depth,
                headers: self.headers,
            }),
            Err(error) => Err(HeaderNotFound {
                error,
                row,
                depth,
                headers: self.headers,
                recognised: self.named,
            }),
        }
    }
}

/// How well a header search went, to choose between readings of the same
/// first rows (a CSV file split at commas, tabs or semicolons): a header
/// found beats none, then more fields named, then (when none was found) the
/// widest row. Compare with `>`: on a tie, keep the earlier reading.
pub fn search_score(
    result: &Result<Header, HeaderNotFound>,
    widest_row: usize,
) -> (bool, usize, usize) {
    match result {
        Ok(header) => (true, header.columns.len(), 0),
        Err(e) => (false, e.recognised, widest_row),
    }
}

impl Columns {
    /// Finds the header among the first rows of a roster (the rules of the
    /// module documentation). `rows` are the non-blank rows from the top, as
    /// read; give at least [`HEADER_SEARCH_ROWS`] + 1 when there are so many,
    /// so that a header on the last searched row can have sub-headers. With
    /// `at`, only that row (an index into `rows`) is tried, with the row
    /// under it as possible sub-headers.
    ///
    /// # Errors
    ///
    /// [`HeaderNotFound`] with the closest row when no row qualifies.
    pub fn find_header<S: AsRef<str>>(
        rows: &[Vec<S>],
        at: Option<usize>,
    ) -> Result<Header, HeaderNotFound> {
        let candidates = match at {
            Some(i) => i..(i + 1).min(rows.len()),
            None => 0..rows.len().min(HEADER_SEARCH_ROWS),
        };
        let mut closest: Option<(usize, usize, Reading)> = None;
        let mut consider = |row: usize, depth: usize, reading: Reading| {
            if closest
                .as_ref()
                .is_none_or(|(_, _, c)| reading.named > c.named)
            {
                closest = Some((row, depth, reading));
            }
        };
        for i in candidates {
            let single = Reading::single(&rows[i]);
            if let Some(lower) = rows.get(i + 1) {
                let joined = Reading::joined(&rows[i], lower);
                let below = Reading::single(lower);
                let beats = |other: &Reading| !other.is_header() || joined.named > other.named;
                if joined.is_header() && beats(&single) && beats(&below) {
                    return joined.into_header(i, 2);
                }
                let more = joined.named > single.named && joined.named > below.named;
                if !joined.is_header() && more {
                    consider(i, 2, joined);
                }
            }
            if single.is_header() {
                return single.into_header(i, 1);
            }
            consider(i, 1, single);
        }
        let (row, depth, reading) = closest.unwrap_or_else(|| {
            let nothing: [&str; 0] = [];
            (at.unwrap_or(0), 1, Reading::single(&nothing))
        });
        // Only readings that are no header are kept as the closest: an error.
        reading.into_header(row, depth)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::roster::Column;

    fn rows(text: &[&str]) -> Vec<Vec<String>> {
        text.iter()
            .map(|r| r.split('|').map(str::to_owned).collect())
            .collect()
    }

    const HEADER: &str = "序号|企业名称|统一社会信用代码|产业链|产业链环节|联系人|联系电话";
    const DATA: &str =
        "1|深圳市示例有限公司|91440300MA5FUTN418|黄金珠宝|生产制造|联系人甲|13800138000";

    #[test]
    fn a_header_on_the_first_row() {
        let header = Columns::find_header(&rows(&[HEADER, DATA]), None).unwrap();
        assert_eq!((header.row, header.depth), (0, 1));
        assert_eq!(header.ignored, ["序号"]);
    }

    #[test]
    fn a_title_row_above_the_header_is_skipped() {
        let title = "盐田区产业链党建成员企业名单（2026年）||||||";
        let header = Columns::find_header(&rows(&[title, HEADER, DATA]), None).unwrap();
        assert_eq!((header.row, header.depth), (1, 1));
        assert_eq!(header.columns.index(Column::Uscc), Some(2));
    }

    #[test]
    fn group_titles_over_sub_headers_join() {
        let upper = "企业名称|统一社会信用代码|产业链|产业链环节|党组织|||||联系人|";
        let lower = "||||状态|类型|名称|正式党员数|预备党员数|姓名|电话";
        let data = "某公司|91440300MA5FUTN418|黄金珠宝|生产制造|单独建立|党支部|某支部|3|0|联系人甲|13800138000";
        let header = Columns::find_header(&rows(&["名单", upper, lower, data]), None).unwrap();
        assert_eq!((header.row, header.depth), (1, 2));
        let at = |c| header.columns.index(c);
        assert_eq!(at(Column::PartyOrgStatus), Some(4));
        assert_eq!(
            at(Column::PartyOrgKind),
            Some(5),
            "党组织/类型 is not 单位类型"
        );
        assert_eq!(at(Column::PartyOrgName), Some(6));
        assert_eq!(at(Column::FullMembers), Some(7));
        assert_eq!(at(Column::ProbationaryMembers), Some(8));
        assert_eq!(at(Column::ContactName), Some(9));
        assert_eq!(at(Column::ContactPhone), Some(10));
        assert_eq!(at(Column::Kind), None);
        assert_eq!(header.headers[5], "党组织/类型");
        assert!(header.ignored.is_empty(), "{:?}", header.ignored);
    }

    #[test]
    fn a_data_row_is_not_taken_for_sub_headers() {
        // Data whose cells happen to be header words still reads as data.
        let data = "电话|91440300MA5FUTN418|黄金珠宝|生产制造|联系人|邮箱|x";
        let header = Columns::find_header(&rows(&[HEADER, data]), None).unwrap();
        assert_eq!((header.row, header.depth), (0, 1));
    }

    #[test]
    fn a_named_row_and_the_closest_row_when_none_qualifies() {
        let header = Columns::find_header(&rows(&["名单", HEADER, DATA]), Some(1)).unwrap();
        assert_eq!(header.row, 1);
        let wrong = Columns::find_header(&rows(&["名单", HEADER, DATA]), Some(2)).unwrap_err();
        assert_eq!(wrong.row, 2);

        let lacking = rows(&["名单", "企业名称|产业链|备注", "某公司|黄金珠宝|"]);
        let err = Columns::find_header(&lacking, None).unwrap_err();
        assert_eq!((err.row, err.recognised), (1, 2));
        assert_eq!(err.headers, ["企业名称", "产业链", "备注"]);
        assert_eq!(
            err.error,
            RosterError::MissingColumns(vec!["统一社会信用代码".into(), "产业链环节".into()])
        );
    }

    #[test]
    fn only_the_first_rows_are_searched() {
        let mut text = vec!["名单"; HEADER_SEARCH_ROWS];
        text.push(HEADER);
        assert!(Columns::find_header(&rows(&text), None).is_err());
        text.remove(0);
        assert_eq!(Columns::find_header(&rows(&text), None).unwrap().row, 9);
    }
}
