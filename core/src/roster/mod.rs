//! Rosters as government staff keep them: one row per enterprise, columns
//! headed in Chinese or English, values as people type them (`企业`, `单独建立`,
//! `黄金珠宝`, `生产制造；零售批发`). This module maps a header row and the cells
//! of each row to the enrollment record; reading CSV or XLSX files is the
//! host's business.

mod columns;
mod values;

pub use columns::{Column, Columns};

use serde_json::{Map, Value};
use thiserror::Error;

use crate::catalog::Catalog;

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

impl Columns {
    /// The enrollment record of one row, as JSON the validator reads. Blank
    /// cells are left out; values that cannot be mapped are passed through as
    /// typed, so that the validator names them.
    pub fn record(&self, cells: &[&str], catalog: &Catalog) -> Value {
        let cell = |column: Column| -> Option<&str> {
            let index = self.index(column)?;
            cells.get(index).map(|c| c.trim()).filter(|c| !c.is_empty())
        };
        let text = |column: Column| cell(column).map(|c| Value::String(c.to_owned()));
        let object = |pairs: Vec<(&str, Option<Value>)>| -> Option<Value> {
            let map: Map<String, Value> = pairs
                .into_iter()
                .filter_map(|(k, v)| v.map(|v| (k.to_owned(), v)))
                .collect();
            (!map.is_empty()).then_some(Value::Object(map))
        };

        let chain = cell(Column::Chain).map(|c| values::chain_id(c, catalog));
        let segments = cell(Column::Segments).map(|c| {
            Value::Array(
                values::split_list(c)
                    .map(|s| Value::String(values::segment_id(s, chain.as_deref(), catalog)))
                    .collect(),
            )
        });
        let industry_codes = cell(Column::IndustryCodes).map(|c| {
            Value::Array(
                values::split_list(c)
                    .map(|s| Value::String(s.to_owned()))
                    .collect(),
            )
        });
        let enterprise = object(vec![
            ("name", text(Column::Name)),
            ("uscc", text(Column::Uscc)),
            (
                "kind",
                cell(Column::Kind).map(|c| values::org_kind(c).into()),
            ),
            ("industry_codes", industry_codes),
            ("annual_output_wan", text(Column::AnnualOutputWan)),
            ("employees", text(Column::Employees)),
        ]);
        let status = cell(Column::PartyOrgStatus).map(values::party_org_status);
        let party_org = object(vec![
            ("status", status.map(Value::from)),
            (
                "kind",
                cell(Column::PartyOrgKind).map(|c| values::party_org_kind(c).into()),
            ),
            ("name", text(Column::PartyOrgName)),
            ("full_members", text(Column::FullMembers)),
            ("probationary_members", text(Column::ProbationaryMembers)),
            ("home_affiliation", text(Column::HomeAffiliation)),
            ("units", text(Column::Units)),
        ]);
        let liaison = object(vec![
            ("name", text(Column::LiaisonName)),
            ("phone", text(Column::LiaisonPhone)),
        ]);
        let contact = object(vec![
            ("name", text(Column::ContactName)),
            ("phone", text(Column::ContactPhone)),
            ("email", text(Column::ContactEmail)),
        ]);
        let joined_on = cell(Column::JoinedOn).map(|c| Value::String(values::date(c)));
        let mut record = Map::new();
        for (key, value) in [
            ("enterprise", enterprise),
            ("chain", chain.map(Value::String)),
            ("segments", segments),
            ("party_org", party_org),
            ("liaison", liaison),
            ("contact", contact),
            ("joined_on", joined_on),
        ] {
            if let Some(value) = value {
                record.insert(key.to_owned(), value);
            }
        }
        Value::Object(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{check_enrollment_value, Context};

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
        let record = columns.record(&row, catalog);
        assert_eq!(record["chain"], "gold_jewelry");
        assert_eq!(
            record["segments"],
            serde_json::json!(["manufacturing", "retail_wholesale"])
        );
        assert_eq!(record["joined_on"], "2026-11-01");
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let checked = check_enrollment_value(&record, &Context::new(catalog, today));
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
        let record = columns.record(
            &[
                "x",
                "y",
                "Gold and jewelry",
                "Design and R&D|nowhere",
                "maybe",
            ],
            Catalog::yantian(),
        );
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
}
