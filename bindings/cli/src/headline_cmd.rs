//! `lianjian headline DIR`: the headline report of a district folder as
//! JSON, Markdown, or one self-contained HTML page (no outside resources)
//! that reads on a phone, prints, and keeps its lists behind disclosure
//! widgets a keyboard opens.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use lianjian::api::{HeadlineAnswer, LocatedFinding};
use lianjian::headline::{figure, Figures, Lists};
use lianjian::{Catalog, Lang};

use crate::render::{html, md};

struct Labels {
    title: &'static str,
    period: &'static str,
    as_of: &'static str,
    programme: &'static str,
    no_programme: &'static str,
    exact: &'static str,
    definition: &'static str,
    list: &'static str,
    none: &'static str,
    party_orgs: &'static str,
    value_wan: &'static str,
    value_yi: &'static str,
    missing: &'static str,
    conflicts: &'static str,
    by_kind: &'static str,
    key_enterprises: &'static str,
    served: &'static str,
    completed: &'static str,
    by_channel: &'static str,
    borrowers: &'static str,
    amount: &'static str,
    files: &'static str,
    file: &'static str,
    rows: &'static str,
    left_out: &'static str,
    findings: &'static str,
    line: &'static str,
    problem: &'static str,
    no_figures: &'static str,
    lists_of: [&'static str; 12],
}

const ZH: Labels = Labels {
    title: "产业链党建主要数据",
    period: "统计期",
    as_of: "统计日",
    programme: "联系服务企业行动",
    no_programme: "无（未提供有效的行动）",
    exact: "准确值",
    definition: "统计口径",
    list: "名单",
    none: "无",
    party_orgs: "党组织",
    value_wan: "万元",
    value_yi: "亿元",
    missing: "缺少产值",
    conflicts: "产值不一致",
    by_kind: "按活动类型",
    key_enterprises: "重点企业名单",
    served: "已服务（走访或提交诉求）",
    completed: "办结（已答复）",
    by_channel: "按来源渠道",
    borrowers: "借款企业",
    amount: "放款金额",
    files: "读取的文件",
    file: "文件",
    rows: "行数",
    left_out: "未计入",
    findings: "未计入的行及原因",
    line: "行",
    problem: "问题",
    no_figures: "统计期无法读取，未计算数据。",
    lists_of: [
        "参与企业",
        "党组织",
        "缺少产值的企业",
        "产值不一致的企业",
        "党群助企行活动",
        "得到帮助的重点企业",
        "已服务的重点企业",
        "已解决的诉求",
        "已办结的诉求",
        "再贷款企业",
        "银企对接企业",
        "建立联盟的产业链",
    ],
};

const EN: Labels = Labels {
    title: "Industry-chain Party building: headline figures",
    period: "Period",
    as_of: "As of",
    programme: "Contact programme",
    no_programme: "none (no valid programme given)",
    exact: "Exact value",
    definition: "Definition",
    list: "List",
    none: "None",
    party_orgs: "Party organizations",
    value_wan: "10k CNY",
    value_yi: "100m CNY",
    missing: "Without output value",
    conflicts: "Conflicting values",
    by_kind: "By kind",
    key_enterprises: "Key-enterprise list",
    served: "Served (visited or a demand submitted)",
    completed: "Completed (replied)",
    by_channel: "By channel",
    borrowers: "Borrowers",
    amount: "Amount disbursed",
    files: "Files read",
    file: "File",
    rows: "Rows",
    left_out: "Left out",
    findings: "Rows left out and why",
    line: "Line",
    problem: "Problem",
    no_figures: "The period cannot be read; no figures were counted.",
    lists_of: [
        "Enterprises taking part",
        "Party organizations",
        "Enterprises without output value",
        "Enterprises with conflicting values",
        "Sessions of the series",
        "Key enterprises helped",
        "Key enterprises served",
        "Demands resolved",
        "Demands completed",
        "Relending borrowers",
        "Enterprises at matchmaking",
        "Chains with an alliance",
    ],
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

/// One figure as a page shows it: its report wording, its exact value and
/// the details beside it.
struct Shown {
    id: &'static str,
    approx: String,
    exact: String,
    details: Vec<(String, String)>,
    /// Which of the answer's lists belong to it (indices into [`lists`]).
    lists: &'static [usize],
}

fn number(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// `name 3, name 2` of a count per id, each id named by `name`.
fn counts(map: &BTreeMap<String, u64>, name: impl Fn(&str) -> String) -> String {
    if map.is_empty() {
        return "—".to_owned();
    }
    map.iter()
        .map(|(k, v)| format!("{} {v}", name(k)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The name of an activity kind in the catalog, else its id.
fn kind_name(catalog: &Catalog, lang: Lang, id: &str) -> String {
    catalog
        .activity_kinds()
        .find(|k| k.id == id)
        .map_or_else(|| id.to_owned(), |k| k.name.get(lang).to_owned())
}

/// The name of an origin channel.
fn channel_name(lang: Lang, id: &str) -> String {
    let zh = match id {
        "portal" => "门户",
        "visit" => "走访",
        "activity" => "活动",
        "joint_meeting" => "联席会议",
        "hotline" => "热线",
        "centre" => "党群服务中心",
        other => other,
    };
    match lang {
        Lang::ZhCn => zh.to_owned(),
        Lang::En => id.replace('_', " "),
    }
}

fn shown(f: &Figures, lang: Lang, catalog: &Catalog) -> Vec<Shown> {
    let l = labels(lang);
    let unit = |zh: &str, n: u64| match lang {
        Lang::ZhCn => format!("{n}{zh}"),
        Lang::En => n.to_string(),
    };
    let approx = |zh: &str, n: u64| match lang {
        Lang::ZhCn => zh.to_owned(),
        Lang::En => lianjian::headline::wording::count_en(n),
    };
    let amount = |zh: &str, wan: f64| match lang {
        Lang::ZhCn => zh.to_owned(),
        Lang::En => lianjian::headline::wording::amount_wan_en(wan),
    };
    let c = &f.chain_enterprises;
    let o = &f.chain_output;
    let s = &f.series_sessions;
    let k = &f.key_enterprises_helped;
    let d = &f.demands_resolved;
    let r = &f.relending;
    vec![
        Shown {
            id: "chain_enterprises",
            approx: approx(&c.approx, c.value),
            exact: unit("家", c.value),
            details: vec![(l.party_orgs.into(), c.party_orgs.to_string())],
            lists: &[0, 1],
        },
        Shown {
            id: "chain_output",
            approx: amount(&o.approx, o.value_wan),
            exact: format!("{} {}", number(o.value_wan), l.value_wan),
            details: vec![
                (l.value_yi.into(), number(o.value_yi)),
                (l.missing.into(), o.missing.to_string()),
                (l.conflicts.into(), o.conflicts.to_string()),
            ],
            lists: &[2, 3],
        },
        Shown {
            id: "series_sessions",
            approx: approx(&s.approx, s.value),
            exact: unit("场", s.value),
            details: vec![(
                l.by_kind.into(),
                counts(&s.by_kind, |k| kind_name(catalog, lang, k)),
            )],
            lists: &[4],
        },
        Shown {
            id: "key_enterprises_helped",
            approx: approx(&k.approx, k.value),
            exact: unit("家", k.value),
            details: vec![
                (l.key_enterprises.into(), k.key_enterprises.to_string()),
                (l.served.into(), k.served.to_string()),
            ],
            lists: &[5, 6],
        },
        Shown {
            id: "demands_resolved",
            approx: approx(&d.approx, d.value),
            exact: unit("项", d.value),
            details: vec![
                (l.completed.into(), d.completed.to_string()),
                (
                    l.by_channel.into(),
                    counts(&d.by_channel, |c| channel_name(lang, c)),
                ),
            ],
            lists: &[7, 8],
        },
        Shown {
            id: "relending",
            approx: match lang {
                Lang::ZhCn => format!("{} {}", r.enterprises_approx, r.approx),
                Lang::En => format!(
                    "{} · {}",
                    lianjian::headline::wording::count_en(r.enterprises),
                    amount(&r.approx, r.amount_wan)
                ),
            },
            exact: format!(
                "{}, {} {}",
                unit("家", r.enterprises),
                number(r.amount_wan),
                l.value_wan
            ),
            details: vec![
                (l.borrowers.into(), r.enterprises.to_string()),
                (
                    l.amount.into(),
                    format!("{} {}", number(r.amount_wan), l.value_wan),
                ),
            ],
            lists: &[9],
        },
        Shown {
            id: "matchmaking_enterprises",
            approx: approx(
                &f.matchmaking_enterprises.approx,
                f.matchmaking_enterprises.value,
            ),
            exact: unit("家", f.matchmaking_enterprises.value),
            details: vec![],
            lists: &[10],
        },
        Shown {
            id: "chains_with_alliance",
            approx: approx(&f.chains_with_alliance.approx, f.chains_with_alliance.value),
            exact: unit("个", f.chains_with_alliance.value),
            details: vec![],
            lists: &[11],
        },
    ]
}

/// The answer's lists, each item with the name it stands for.
fn lists(
    answer: &HeadlineAnswer,
    lists: &Lists,
    lang: Lang,
    catalog: &Catalog,
) -> [Vec<String>; 12] {
    let enterprise = |uscc: &String| match answer.titles.enterprises.get(uscc) {
        Some(name) => format!("{name} ({uscc})"),
        None => uscc.clone(),
    };
    let enterprises = |list: &[String]| list.iter().map(enterprise).collect::<Vec<_>>();
    let demand = |id: &String| match answer.titles.demands.get(id) {
        Some(title) => format!("{id}: {title}"),
        None => id.clone(),
    };
    let chain = |id: &String| match catalog.chain(id) {
        Some(chain) => format!("{} ({id})", chain.name.get(lang)),
        None => id.clone(),
    };
    [
        enterprises(&lists.chain_enterprises),
        lists
            .party_orgs
            .iter()
            .map(|o| {
                if o.home_affiliation.is_empty() {
                    o.name.clone()
                } else {
                    format!("{} — {}", o.name, o.home_affiliation)
                }
            })
            .collect(),
        enterprises(&lists.chain_output_missing),
        enterprises(&lists.chain_output_conflicts),
        lists
            .series_sessions
            .iter()
            .map(|id| match answer.titles.activities.get(id) {
                Some(title) => format!("{id}: {title}"),
                None => id.clone(),
            })
            .collect(),
        enterprises(&lists.key_enterprises_helped),
        enterprises(&lists.key_enterprises_served),
        lists.demands_resolved.iter().map(demand).collect(),
        lists.demands_completed.iter().map(demand).collect(),
        enterprises(&lists.relending),
        enterprises(&lists.matchmaking_enterprises),
        lists.chains_with_alliance.iter().map(chain).collect(),
    ]
}

fn subtitle(answer: &HeadlineAnswer, lang: Lang) -> String {
    let l = labels(lang);
    let mut parts = Vec::new();
    if let Some(period) = &answer.period {
        parts.push(format!("{}: {} – {}", l.period, period.from, period.to));
    }
    if let Some(as_of) = &answer.as_of {
        parts.push(format!("{}: {as_of}", l.as_of));
    }
    parts.push(format!(
        "{}: {}",
        l.programme,
        answer.programme.as_deref().unwrap_or(l.no_programme)
    ));
    parts.join(" · ")
}

fn where_found(f: &LocatedFinding) -> (String, String) {
    let file = f.file.map_or("—", |file| file.as_str()).to_owned();
    let line = f.line.map_or_else(|| "—".to_owned(), |n| n.to_string());
    (file, line)
}

/// The report as Markdown.
pub fn markdown(answer: &HeadlineAnswer, lang: Lang, catalog: &Catalog) -> String {
    let l = labels(lang);
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n\n{}\n", l.title, md(&subtitle(answer, lang)));
    match (&answer.figures, &answer.lists) {
        (Some(figures), Some(answer_lists)) => {
            let items = lists(answer, answer_lists, lang, catalog);
            let _ = writeln!(s, "| | | {} |\n|---|---|---|", l.exact);
            for f in shown(figures, lang, catalog) {
                let name = figure(f.id).map_or(f.id, |t| t.name(lang));
                let _ = writeln!(
                    s,
                    "| {} | **{}** | {} |",
                    md(name),
                    md(&f.approx),
                    md(&f.exact)
                );
            }
            for f in shown(figures, lang, catalog) {
                let Some(text) = figure(f.id) else { continue };
                let _ = writeln!(
                    s,
                    "\n## {}\n\n**{}** ({})\n",
                    md(text.name(lang)),
                    md(&f.approx),
                    md(&f.exact)
                );
                for (label, value) in &f.details {
                    let _ = writeln!(s, "- {}: {}", md(label), md(value));
                }
                let _ = writeln!(s, "\n{}: {}", l.definition, text.definition(lang));
                for &i in f.lists {
                    let _ = writeln!(s, "\n{} ({}):\n", l.lists_of[i], items[i].len());
                    if items[i].is_empty() {
                        let _ = writeln!(s, "- {}", l.none);
                    }
                    for item in &items[i] {
                        let _ = writeln!(s, "- {}", md(item));
                    }
                }
            }
        }
        _ => {
            let _ = writeln!(s, "{}", l.no_figures);
        }
    }
    if !answer.files.is_empty() {
        let _ = writeln!(
            s,
            "\n## {}\n\n| {} | {} | {} |\n|---|---|---|",
            l.files, l.file, l.rows, l.left_out
        );
        for (file, counts) in &answer.files {
            let _ = writeln!(s, "| {file} | {} | {} |", counts.rows, counts.left_out);
        }
    }
    let _ = writeln!(s, "\n## {} ({})\n", l.findings, answer.findings.len());
    if answer.findings.is_empty() {
        let _ = writeln!(s, "{}", l.none);
    } else {
        let _ = writeln!(
            s,
            "| {} | {} | {} |\n|---|---|---|",
            l.file, l.line, l.problem
        );
        for f in &answer.findings {
            let (file, line) = where_found(f);
            let path = f.finding.path.to_string();
            let problem = if path.is_empty() {
                md(&f.finding.message)
            } else {
                format!("`{}`: {}", md(&path), md(&f.finding.message))
            };
            let _ = writeln!(s, "| {file} | {line} | {problem} |");
        }
    }
    s
}

const STYLE: &str = "
:root { color-scheme: light; --ink: #1b1b1b; --muted: #555; --line: #d0d0d0; --accent: #b71c1c; --card: #fafafa; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; border-bottom: 3px solid var(--accent); padding-bottom: 8px; margin-bottom: 4px; }
.sub { color: var(--muted); margin-top: 0; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 12px; padding: 0; margin: 0; list-style: none; }
.card { border: 1px solid var(--line); border-top: 4px solid var(--accent); border-radius: 6px; padding: 12px 14px; background: var(--card); }
.card h3 { font-size: 1rem; margin: 0 0 4px; }
.approx { font-size: 1.9rem; font-weight: 700; color: var(--accent); margin: 0; line-height: 1.2; overflow-wrap: anywhere; }
.exact { margin: 2px 0 8px; color: var(--muted); }
dl { display: grid; grid-template-columns: auto 1fr; gap: 2px 12px; margin: 0 0 8px; font-size: 0.95rem; }
dt { color: var(--muted); } dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
details { margin-top: 6px; } summary { cursor: pointer; color: #0b57d0; padding: 4px 0; }
summary:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
details p, details li { font-size: 0.92rem; }
details ul { margin: 4px 0; padding-left: 1.2em; max-height: 20em; overflow-y: auto; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: left; vertical-align: top; }
thead th { background: #f4f4f4; font-weight: 600; }
td.n { text-align: right; white-space: nowrap; }
code { font-size: 0.9em; }
@media print { main { max-width: none; padding: 0; } details > ul { max-height: none; } .cards { grid-template-columns: 1fr 1fr; } .card { break-inside: avoid; } }
";

/// The report as one HTML page with no outside resources.
pub fn html_page(answer: &HeadlineAnswer, lang: Lang, catalog: &Catalog) -> String {
    let l = labels(lang);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body><main>",
        lang.tag(),
        html(l.title)
    );
    let _ = write!(
        s,
        "<h1>{}</h1><p class=\"sub\">{}</p>",
        html(l.title),
        html(&subtitle(answer, lang))
    );
    match (&answer.figures, &answer.lists) {
        (Some(figures), Some(answer_lists)) => {
            let items = lists(answer, answer_lists, lang, catalog);
            s.push_str("<ul class=\"cards\">");
            for f in shown(figures, lang, catalog) {
                let text = figure(f.id);
                let name = text.map_or(f.id, |t| t.name(lang));
                let _ = write!(
                    s,
                    "<li class=\"card\" id=\"{id}\"><h3>{}</h3><p class=\"approx\">{}</p><p class=\"exact\">{}: {}</p>",
                    html(name),
                    html(&f.approx),
                    html(l.exact),
                    html(&f.exact),
                    id = f.id
                );
                if !f.details.is_empty() {
                    s.push_str("<dl>");
                    for (label, value) in &f.details {
                        let _ = write!(s, "<dt>{}</dt><dd>{}</dd>", html(label), html(value));
                    }
                    s.push_str("</dl>");
                }
                if let Some(text) = text {
                    let _ = write!(
                        s,
                        "<details><summary>{}</summary><p>{}</p></details>",
                        html(l.definition),
                        html(text.definition(lang))
                    );
                }
                for &i in f.lists {
                    let _ = write!(
                        s,
                        "<details><summary>{}: {} ({})</summary>",
                        html(l.list),
                        html(l.lists_of[i]),
                        items[i].len()
                    );
                    if items[i].is_empty() {
                        let _ = write!(s, "<p>{}</p>", html(l.none));
                    } else {
                        s.push_str("<ul>");
                        for item in &items[i] {
                            let _ = write!(s, "<li>{}</li>", html(item));
                        }
                        s.push_str("</ul>");
                    }
                    s.push_str("</details>");
                }
                s.push_str("</li>");
            }
            s.push_str("</ul>");
        }
        _ => {
            let _ = write!(s, "<p>{}</p>", html(l.no_figures));
        }
    }
    if !answer.files.is_empty() {
        let _ = write!(
            s,
            "<h2>{}</h2><div class=\"scroll\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            html(l.files),
            html(l.file),
            html(l.rows),
            html(l.left_out)
        );
        for (file, counts) in &answer.files {
            let _ = write!(
                s,
                "<tr><th scope=\"row\"><code>{}</code></th><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                html(file),
                counts.rows,
                counts.left_out
            );
        }
        s.push_str("</tbody></table></div>");
    }
    let _ = write!(
        s,
        "<h2>{} ({})</h2>",
        html(l.findings),
        answer.findings.len()
    );
    if answer.findings.is_empty() {
        let _ = write!(s, "<p>{}</p>", html(l.none));
    } else {
        let _ = write!(
            s,
            "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
            html(l.file),
            html(l.line),
            html(l.problem)
        );
        for f in &answer.findings {
            let (file, line) = where_found(f);
            let path = f.finding.path.to_string();
            let _ = write!(
                s,
                "<tr><td><code>{}</code></td><td class=\"n\">{}</td><td>",
                html(&file),
                html(&line)
            );
            if !path.is_empty() {
                let _ = write!(s, "<code>{}</code>: ", html(&path));
            }
            let _ = write!(s, "{}</td></tr>", html(&f.finding.message));
        }
        s.push_str("</tbody></table></div>");
    }
    s.push_str("</main></body></html>\n");
    s
}
