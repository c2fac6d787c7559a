//! Any cells under the Chinese headers: a record the checks read, never a panic.
#![no_main]

use arbitrary::Arbitrary;
use chrono::NaiveDate;
use lianjian::roster::Columns;
use lianjian::{Catalog, Context};
use libfuzzer_sys::fuzz_target;

const HEADERS: [&str; 19] = [
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
    "联络员",
    "联络员电话",
    "联系人",
    "联系电话",
    "入链日期",
];

#[derive(Debug, Arbitrary)]
struct Row {
    cells: Vec<String>,
}

fuzz_target!(|row: Row| {
    let Ok((columns, _)) = Columns::from_headers(&HEADERS) else {
        return;
    };
    let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
    let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let checked = columns.check_texts(&cells, &Context::new(Catalog::yantian(), today));
    assert_eq!(checked.record.is_some(), checked.report.is_valid());
});
