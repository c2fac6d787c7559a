//! The built-in catalogs (`docs/wire/catalog.md`): the chains and segments of
//! `core/catalog/yantian.json`, the topics and departments of
//! `core/catalog/topics.json`, read through the core.

use lianjian::demand::{Dictionary, TOPIC_IDS};
use lianjian::Catalog;

use super::blocks::cell;

fn codes(list: &[String]) -> String {
    if list.is_empty() {
        return "—".to_owned();
    }
    list.iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The `chains` block: the district, then each chain with its segments in order.
pub fn chains() -> String {
    let catalog = Catalog::yantian();
    let mut out = format!(
        "District: `{}` {} ({}), {} chains.\n",
        catalog.district.code,
        catalog.district.name.zh_cn,
        catalog.district.name.en,
        catalog.chains.len()
    );
    for chain in &catalog.chains {
        out.push_str(&format!(
            "\n### `{}` {} ({})\n\n| segment | zh-CN | en | industry codes that suggest it |\n|---|---|---|---|\n",
            chain.id, chain.name.zh_cn, chain.name.en
        ));
        for segment in &chain.segments {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} |\n",
                segment.id,
                cell(&segment.name.zh_cn),
                cell(&segment.name.en),
                codes(&segment.industry_codes)
            ));
        }
    }
    out
}

/// The `topics` block: every topic with its names and departments, the lead first.
pub fn topics() -> String {
    let dictionary = Dictionary::builtin();
    let ids: Vec<&str> = dictionary.topics.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(
        ids, TOPIC_IDS,
        "the dictionary's topics are the wire topics, in order"
    );
    let mut out =
        String::from("| topic | zh-CN | en | departments (the lead first) |\n|---|---|---|---|\n");
    for topic in &dictionary.topics {
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            topic.id,
            cell(&topic.name.zh_cn),
            cell(&topic.name.en),
            codes(&topic.departments)
        ));
    }
    out
}

/// The `departments` block.
pub fn departments() -> String {
    let mut out = String::from("| department | zh-CN | en |\n|---|---|---|\n");
    for department in &Dictionary::builtin().departments {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            department.id,
            cell(&department.name.zh_cn),
            cell(&department.name.en)
        ));
    }
    out
}

/// The `activity-series` and `activity-kinds` blocks: the built-in entries.
pub fn activity_entries(kinds: bool) -> String {
    let builtin = lianjian::catalog::ActivityCatalog::builtin();
    let (what, entries) = if kinds {
        ("kind", &builtin.kinds)
    } else {
        ("series", &builtin.series)
    };
    let mut out = format!("| {what} | zh-CN | en |\n|---|---|---|\n");
    for entry in entries {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            entry.id,
            cell(&entry.name.zh_cn),
            cell(&entry.name.en)
        ));
    }
    out
}

/// The service catalog of centres, and which services a drivers' home owes.
pub fn services() -> String {
    let catalog = lianjian::centre::ServiceCatalog::builtin();
    let mut out = String::from("| service | zh-CN | en | drivers' home |\n|---|---|---|---|\n");
    for service in &catalog.services {
        let basic = catalog.driver_home_basic.contains(&service.id);
        out.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            service.id,
            cell(&service.name.zh_cn),
            cell(&service.name.en),
            if basic { "basic, free" } else { "" }
        ));
    }
    out.push_str(&format!("\nSource: {}.\n", cell(&catalog.source)));
    out
}
