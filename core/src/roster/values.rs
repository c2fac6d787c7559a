//! Cell values as people type them, mapped to wire values where they can be.

use crate::catalog::Catalog;

/// Splits a list cell on the separators people use: `；;，,、|/` and line breaks.
pub(super) fn split_list(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(['；', ';', '，', ',', '、', '|', '\n'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A chain id from its id or its zh-CN or en name; unchanged when unknown.
pub(super) fn chain_id(cell: &str, catalog: &Catalog) -> String {
    catalog
        .chains
        .iter()
        .find(|c| c.id == cell || c.name.zh_cn == cell || c.name.en.eq_ignore_ascii_case(cell))
        .map_or_else(|| cell.to_owned(), |c| c.id.clone())
}

/// A segment id from its id or name within the chain; unchanged when unknown.
pub(super) fn segment_id(cell: &str, chain: Option<&str>, catalog: &Catalog) -> String {
    chain
        .and_then(|id| catalog.chain(id))
        .and_then(|chain| {
            chain.segments.iter().find(|s| {
                s.id == cell || s.name.zh_cn == cell || s.name.en.eq_ignore_ascii_case(cell)
            })
        })
        .map_or_else(|| cell.to_owned(), |s| s.id.clone())
}

pub(super) fn org_kind(cell: &str) -> String {
    match cell {
        "企业" | "公司" => "enterprise".into(),
        "协会" | "商会" | "社会团体" | "社会组织" => "association".into(),
        other => other.to_ascii_lowercase(),
    }
}

pub(super) fn party_org_status(cell: &str) -> String {
    match cell {
        "单独建立" | "单建" | "独立建立" | "已单独建立" | "独立" | "有" => {
            "own".into()
        }
        "联合建立" | "联建" | "联合" | "联合党支部" => "joint".into(),
        "无" | "未建立" | "未建" | "没有" => "none".into(),
        other => other.to_ascii_lowercase(),
    }
}

pub(super) fn party_org_kind(cell: &str) -> String {
    match cell {
        "党支部" | "支部" => "branch".into(),
        "联合党支部" | "联合支部" => "joint_branch".into(),
        "党总支" | "总支" => "general_branch".into(),
        "党委" => "committee".into(),
        other => other.to_ascii_lowercase().replace(' ', "_"),
    }
}

/// A date as `YYYY-MM-DD` from `2026-11-01`, `2026/11/1`, `2026.11.1`,
/// `2026年11月1日`; unchanged when it is none of these.
pub(super) fn date(cell: &str) -> String {
    let parts: Vec<&str> = cell
        .trim_end_matches('日')
        .split(['-', '/', '.', '年', '月'])
        .collect();
    match parts.as_slice() {
        [y, m, d]
            if y.len() == 4
                && (1..=2).contains(&m.len())
                && (1..=2).contains(&d.len())
                && [y, m, d]
                    .iter()
                    .all(|p| p.bytes().all(|b| b.is_ascii_digit())) =>
        {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_people_type() {
        assert_eq!(date("2026/11/1"), "2026-11-01");
        assert_eq!(date("2026年1月15日"), "2026-01-15");
        assert_eq!(date("2026-11-01"), "2026-11-01");
        assert_eq!(date("yesterday"), "yesterday");
    }

    #[test]
    fn lists_split_on_chinese_and_ascii_separators() {
        let items: Vec<&str> = split_list("生产制造；零售批发、 检验检测,x").collect();
        assert_eq!(items, ["生产制造", "零售批发", "检验检测", "x"]);
    }
}
