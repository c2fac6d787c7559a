//! Rosters as government staff keep them: one row per enterprise, columns
//! headed in Chinese or English, values as people type them (`企业`, `单独建立`,
//! `黄金珠宝`, `生产制造；零售批发`). This module finds the header among the
//! first rows ([`Columns::find_header`]), maps the cells of each row to the
//! enrollment record and checks it ([`Columns::check`]), refusing identifiers
//! a spreadsheet damaged by storing them as numbers ([`cells`]); reading CSV
//! or XLSX files is the host's business.

pub mod cells;
mod columns;
mod header;
mod values;

pub use cells::Cell;
pub use columns::{Column, Columns};
pub use header::{search_score, Header, HeaderNotFound, HEADER_SEARCH_ROWS};

use std::borrow::Cow;

use thiserror::Error;

use crate::catalog::Catalog;
use crate::enrollment::{check_enrollment_got, Checked, Enrollment, SCHEMA};
use crate::findings::{Code, Path, Report};
use crate::input::{Got, Obj};
use crate::Context;

/// Why a roster cannot be read at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum RosterError {
    /// Columns every record needs are missing from the header row.
    #[error("the header row lacks required columns: {}", .0.join(", "))]
    MissingColumns(Vec<String>),
    /// Two headers name the same field.
    #[error("two columns name the same field: {0}")]
    DuplicateColumn(String),
}

/// The path of the record field a column fills (industry codes: the first).
fn field_path(column: Column) -> Path {
    let root = Path::root();
    match column {
        Column::Uscc => root.key("enterprise").key("uscc"),
        Column::IndustryCodes => root.key("enterprise").key("industry_codes").index(0),
        Column::ContactPhone => root.key("contact").key("phone"),
        Column::LiaisonPhone => root.key("liaison").key("phone"),
        // Only identifier columns are ever refused as stored as numbers.
        _ => root,
    }
}

impl Columns {
    /// Checks one row of text cells: as [`Columns::check`] with every cell
    /// text.
    pub fn check_texts(&self, cells: &[&str], context: &Context<'_>) -> Checked<Enrollment> {
        let cells: Vec<Cell<'_>> = cells.iter().map(|c| Cell::Text(c)).collect();
        self.check(&cells, context)
    }

    /// The enrollment record of one row as the host read it, and the paths
    /// of the identifiers refused as stored as numbers ([`cells`]). A refused
    /// USCC or phone number stays in the record as read (its findings are
    /// replaced by the caller); a refused industry-code cell is left out, so
    /// that no segment is suggested from a code that may have changed.
    fn read(&self, cells: &[Cell<'_>], catalog: &Catalog) -> (Got<'static>, Vec<Path>) {
        let mut texts: Vec<(Column, Cow<'_, str>)> = Vec::with_capacity(self.len());
        let mut damaged = Vec::new();
        for (column, index) in self.iter() {
            let Some(&cell) = cells.get(index) else {
                continue;
            };
            if cells::stored_as_number(column, cell) {
                damaged.push(field_path(column));
                if column == Column::IndustryCodes {
                    continue;
                }
            }
            let text = match cell {
                Cell::Text(text) => Cow::Borrowed(text.trim()),
                Cell::Number(number) => Cow::Owned(cells::number_text(number)),
            };
            if !text.is_empty() {
                texts.push((column, text));
            }
        }
        let record = self.build(
            |column| {
                texts
                    .iter()
                    .find(|(c, _)| *c == column)
                    .map(|(_, t)| t.as_ref())
            },
            catalog,
        );
        (record, damaged)
    }

    /// Reads and checks one row: every finding of the enrollment rules, with
    /// the findings of a refused identifier replaced by one
    /// [`Code::StoredAsNumber`] at its field (`enterprise.uscc`,
    /// `contact.phone`, `liaison.phone`, `enterprise.industry_codes[0]`), so
    /// that no check character is suggested for a code that lost digits.
    pub fn check(&self, cells: &[Cell<'_>], context: &Context<'_>) -> Checked<Enrollment> {
        let (record, damaged) = self.read(cells, context.catalog);
        let checked = check_enrollment_got(&record, context);
        if damaged.is_empty() {
            return checked;
        }
        let mut report = Report::new();
        for finding in checked.report {
            let about_damaged = damaged
                .iter()
                .any(|path| finding.path.segments().starts_with(path.segments()));
            if !about_damaged {
                report.push(finding);
            }
        }
        for path in damaged {
            report.add(Code::StoredAsNumber, path);
        }
        report.sort_by_schema(&SCHEMA);
        Checked {
            record: None,
            report,
        }
    }

    /// The record from the trimmed, non-blank text of each column, built
    /// as the record reader keeps JSON text (no JSON in between).
    fn build<'c>(
        &self,
        cell: impl Fn(Column) -> Option<&'c str>,
        catalog: &Catalog,
    ) -> Got<'static> {
        let text = |column: Column| cell(column).map(|c| Got::Str(Cow::Owned(c.to_owned())));
        let owned = |text: String| Got::Str(Cow::Owned(text));
        let list = |items: Vec<Got<'static>>| {
            let count = items.len();
            Got::List(items, count)
        };
        let mut record = Obj::new(&SCHEMA);
        // An object with none of its cells filled is left out, as a form would.
        let object =
            |record: &Obj<'static>, key: &str, pairs: Vec<(&str, Option<Got<'static>>)>| {
                let mut object = record.child(key);
                let mut any = false;
                for (k, v) in pairs {
                    if let Some(v) = v {
                        object.set(k, v);
                        any = true;
                    }
                }
                any.then_some(Got::Object(object))
            };

        let chain = cell(Column::Chain).map(|c| values::chain_id(c, catalog));
        let segments = cell(Column::Segments).map(|c| {
            list(
                values::split_list(c)
                    .map(|s| owned(values::segment_id(s, chain.as_deref(), catalog)))
                    .collect(),
            )
        });
        let industry_codes = cell(Column::IndustryCodes)
            .map(|c| list(values::split_list(c).map(|s| owned(s.to_owned())).collect()));
        let enterprise = object(
            &record,
            "enterprise",
            vec![
                ("name", text(Column::Name)),
                ("uscc", text(Column::Uscc)),
                (
                    "kind",
                    cell(Column::Kind).map(|c| owned(values::org_kind(c))),
                ),
                ("industry_codes", industry_codes),
                ("annual_output_wan", text(Column::AnnualOutputWan)),
                ("employees", text(Column::Employees)),
            ],
        );
        let status = cell(Column::PartyOrgStatus).map(values::party_org_status);
        let party_org = object(
            &record,
            "party_org",
            vec![
                ("status", status.map(owned)),
                (
                    "kind",
                    cell(Column::PartyOrgKind).map(|c| owned(values::party_org_kind(c))),
                ),
                ("name", text(Column::PartyOrgName)),
                ("full_members", text(Column::FullMembers)),
                ("probationary_members", text(Column::ProbationaryMembers)),
                ("home_affiliation", text(Column::HomeAffiliation)),
                ("units", text(Column::Units)),
            ],
        );
        let liaison = object(
            &record,
            "liaison",
            vec![
                ("name", text(Column::LiaisonName)),
                ("phone", text(Column::LiaisonPhone)),
            ],
        );
        let contact = object(
            &record,
            "contact",
            vec![
                ("name", text(Column::ContactName)),
                ("phone", text(Column::ContactPhone)),
                ("email", text(Column::ContactEmail)),
            ],
        );
        let joined_on = cell(Column::JoinedOn).map(|c| owned(values::date(c)));
        for (key, value) in [
            ("enterprise", enterprise),
            ("chain", chain.map(owned)),
            ("segments", segments),
            ("party_org", party_org),
            ("liaison", liaison),
            ("contact", contact),
            ("joined_on", joined_on),
        ] {
            if let Some(value) = value {
                record.set(key, value);
            }
        }
        Got::Object(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Context;

    fn texts(cells: &[&'static str]) -> Vec<Cell<'static>> {
        cells.iter().map(|c| Cell::Text(c)).collect()
    }

    #[test]
    fn a_chinese_row_becomes_a_valid_record() {
        let headers = [
            "企业名称",
            "统一社会信用代码",
            "单位类型",
            "行业代码",
            "年产值（万元）",
            "职工人数",
            "产业链",
            "产业链环节",
            "党组织情况",
            "党组织类型",
            "党组织名称",
            "正式党员数",
            "预备党员数",
            "隶属党组织",
            "联系人",
            "联系电话",
            "入链日期",
            "备注",
        ];
        let (columns, ignored) = Columns::from_headers(&headers).unwrap();
        assert_eq!(ignored, vec!["备注".to_owned()]);
        let row = [
            "深圳市示例珠宝首饰有限公司",
            "91440300MA5FUTN418",
            "企业",
            "2438",
            "12,000.5",
            "180",
            "黄金珠宝",
            "生产制造；零售批发",
            "单独建立",
            "党支部",
            "示例党支部",
            "9",
            "1",
            "沙头角街道非公企业党委",
            "联系人甲",
            "138 0013 8000",
            "2026/11/1",
            "",
        ];
        let catalog = Catalog::yantian();
        let record = columns.read(&texts(&row), catalog).0.to_value();
        assert_eq!(record["chain"], "gold_jewelry");
        assert_eq!(
            record["segments"],
            serde_json::json!(["manufacturing", "retail_wholesale"])
        );
        assert_eq!(record["joined_on"], "2026-11-01");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let checked = columns.check_texts(&row, &Context::new(catalog, today));
        assert!(checked.report.is_valid(), "{:?}", checked.report);
        assert_eq!(
            checked.record.unwrap().enterprise.annual_output_wan,
            Some(12000.5)
        );
    }

    #[test]
    fn english_headers_and_unmappable_values_pass_through() {
        let (columns, _) =
            Columns::from_headers(&["USCC", "Name", "Chain", "Segments", "Party org status"])
                .unwrap();
        let record = columns
            .read(
                &texts(&[
                    "x",
                    "y",
                    "Gold and jewelry",
                    "Design and R&D|nowhere",
                    "maybe",
                ]),
                Catalog::yantian(),
            )
            .0
            .to_value();
        assert_eq!(record["chain"], "gold_jewelry");
        assert_eq!(
            record["segments"],
            serde_json::json!(["design_rnd", "nowhere"])
        );
        assert_eq!(record["party_org"]["status"], "maybe");
    }

    #[test]
    fn missing_and_duplicate_columns_cannot_run() {
        assert!(matches!(
            Columns::from_headers(&["企业名称"]),
            Err(RosterError::MissingColumns(_))
        ));
        let twice = ["统一社会信用代码", "USCC", "企业名称", "产业链", "环节"];
        assert!(matches!(
            Columns::from_headers(&twice),
            Err(RosterError::DuplicateColumn(_))
        ));
    }

    /// A row of text cells with the USCC, phones and industry code replaced.
    fn typed_row<'a>(
        uscc: Cell<'a>,
        industry: Cell<'a>,
        liaison_phone: Cell<'a>,
        contact_phone: Cell<'a>,
    ) -> (Columns, Vec<Cell<'a>>) {
        let headers = [
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
        let (columns, _) = Columns::from_headers(&headers).unwrap();
        let row = vec![
            Cell::Text("深圳市示例珠宝首饰有限公司"),
            uscc,
            Cell::Text("企业"),
            industry,
            Cell::Text("黄金珠宝"),
            Cell::Text("生产制造"),
            Cell::Text("无"),
            Cell::Text("联络员甲"),
            liaison_phone,
            Cell::Text("联系人甲"),
            contact_phone,
            Cell::Text("2026-11-01"),
        ];
        (columns, row)
    }

    fn check_row(cells: &[Cell<'_>], columns: &Columns) -> Vec<(String, String)> {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let checked = columns.check(cells, &Context::new(Catalog::yantian(), today));
        assert_eq!(checked.record.is_some(), checked.report.is_valid());
        checked
            .report
            .findings()
            .iter()
            .map(|f| (f.code.as_str().to_owned(), f.path.to_string()))
            .collect()
    }

    #[test]
    fn numbers_that_are_whole_identifiers_are_read_as_typed() {
        use Cell::{Number, Text};
        let (columns, row) = typed_row(
            Text("91440300MA5FUTN418"),
            Number(2438.0),
            Number(13900139000.0),
            Number(13800138000.0),
        );
        assert_eq!(check_row(&row, &columns), []);
    }

    #[test]
    fn identifiers_stored_as_numbers_are_refused_at_their_fields() {
        use Cell::{Number, Text};
        // 914403001234567891 kept to 15 digits: the check character `0` that
        // the check would otherwise propose is never suggested.
        let (columns, row) = typed_row(
            Number(914403001234567000.0),
            Number(511.0),
            Number(75525551234.0),
            Text("1.38001E+10"),
        );
        let findings = check_row(&row, &columns);
        assert_eq!(
            findings,
            [
                ("stored_as_number".into(), "enterprise.uscc".into()),
                (
                    "stored_as_number".into(),
                    "enterprise.industry_codes[0]".into()
                ),
                ("stored_as_number".into(), "liaison.phone".into()),
                ("stored_as_number".into(), "contact.phone".into()),
            ]
        );
    }

    #[test]
    fn a_damaged_code_that_passes_its_check_is_refused_all_the_same() {
        use Cell::{Number, Text};
        // An all-digit code ending in `000` whose check character is the last
        // `0` (one in 31 do): a spreadsheet that zeroed its last three digits
        // leaves it valid, so only the cell type tells that it was damaged.
        let code = (0..100_000u32)
            .map(|n| format!("9144030{n:08}00"))
            .find(|base| crate::ident::uscc::check_character(base.as_bytes()) == Some(b'0'))
            .map(|base| base + "0")
            .unwrap();
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let context = Context::new(Catalog::yantian(), today);
        let phones = (Text("13900139000"), Text("13800138000"));
        let (columns, row) = typed_row(Text(&code), Text("2438"), phones.0, phones.1);
        assert!(
            columns.check(&row, &context).record.is_some(),
            "valid as text"
        );
        let number: f64 = code.parse().unwrap();
        let (columns, row) = typed_row(Number(number), Text("2438"), phones.0, phones.1);
        assert_eq!(
            check_row(&row, &columns),
            [("stored_as_number".into(), "enterprise.uscc".into())]
        );
    }
}
