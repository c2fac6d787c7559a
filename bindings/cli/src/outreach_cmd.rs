//! `lianjian outreach DIR`: where every contact of the folder's programme
//! stands with every enterprise it holds on `--today` (overdue first), and
//! the programme's report, as JSON or Markdown.

use std::fmt::Write as _;

use lianjian::api::OutreachAnswer;
use lianjian::Lang;

use crate::render::md;

struct Labels {
    title: &'static str,
    today: &'static str,
    no_programme: &'static str,
    summary: &'static str,
    contacts: &'static str,
    key_enterprises: &'static str,
    assignments: &'static str,
    visits: &'static str,
    key_visited: &'static str,
    demands_raised: &'static str,
    contact: &'static str,
    unit: &'static str,
    enterprises: &'static str,
    on_site: &'static str,
    cadence: &'static str,
    enterprise: &'static str,
    status: &'static str,
    last_on_site: &'static str,
    last_contact: &'static str,
    by: &'static str,
    overdue_days: &'static str,
    findings: &'static str,
    none: &'static str,
    statuses: [(&'static str, &'static str); 3],
}

const ZH: Labels = Labels {
    title: "联系服务企业情况",
    today: "统计日",
    no_programme: "没有有效的联系服务企业行动（programme.json），无法统计。",
    summary: "总体情况",
    contacts: "联系人",
    key_enterprises: "重点企业",
    assignments: "联系对象（联系人×企业）",
    visits: "走访次数",
    key_visited: "已走访的重点企业",
    demands_raised: "走访收集诉求",
    contact: "联系人",
    unit: "单位",
    enterprises: "联系企业",
    on_site: "实地走访",
    cadence: "走访频次（逾期在前）",
    enterprise: "企业",
    status: "状态",
    last_on_site: "上次实地走访",
    last_contact: "上次联系",
    by: "应于此日前走访",
    overdue_days: "逾期天数",
    findings: "未计入的行及原因",
    none: "无",
    statuses: [
        ("overdue", "逾期"),
        ("due", "即将到期"),
        ("on_time", "按时"),
    ],
};

const EN: Labels = Labels {
    title: "Contact programme",
    today: "As of",
    no_programme: "No valid contact programme (programme.json): nothing to report.",
    summary: "Summary",
    contacts: "Contacts",
    key_enterprises: "Key enterprises",
    assignments: "Assignments (contact × enterprise)",
    visits: "Visits",
    key_visited: "Key enterprises visited",
    demands_raised: "Demands raised at visits",
    contact: "Contact",
    unit: "Unit",
    enterprises: "Enterprises",
    on_site: "On site",
    cadence: "Cadence (overdue first)",
    enterprise: "Enterprise",
    status: "Status",
    last_on_site: "Last on site",
    last_contact: "Last contact",
    by: "Next visit by",
    overdue_days: "Days overdue",
    findings: "Rows left out and why",
    none: "None",
    statuses: [
        ("overdue", "overdue"),
        ("due", "due"),
        ("on_time", "on time"),
    ],
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

fn status_name(l: &Labels, status: &str) -> &'static str {
    l.statuses
        .iter()
        .find(|(id, _)| *id == status)
        .map_or("", |(_, name)| name)
}

fn day(value: Option<chrono::NaiveDate>) -> String {
    value.map_or_else(|| "—".to_owned(), |d| d.to_string())
}

/// The report as Markdown.
pub fn markdown(answer: &OutreachAnswer, lang: Lang) -> String {
    let l = labels(lang);
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", l.title);
    let (Some(programme), Some(summary), Some(contacts)) =
        (&answer.programme, &answer.summary, &answer.contacts)
    else {
        let _ = writeln!(s, "{}", l.no_programme);
        findings(&mut s, answer, l);
        return s;
    };
    let _ = writeln!(
        s,
        "{} ({}, {} – {}) · {}: {}\n",
        md(&programme.name),
        md(&programme.owner),
        programme.from,
        programme.to,
        l.today,
        day(answer.today)
    );
    let _ = writeln!(s, "## {}\n", l.summary);
    let cadence = summary
        .cadence
        .iter()
        .map(|(status, n)| format!("{} {n}", status_name(l, status)))
        .collect::<Vec<_>>()
        .join(", ");
    for (label, value) in [
        (l.contacts, summary.contacts.to_string()),
        (l.key_enterprises, summary.key_enterprises.to_string()),
        (
            l.assignments,
            format!("{} ({cadence})", summary.assignments),
        ),
        (l.visits, summary.visits.to_string()),
        (l.key_visited, summary.key_enterprises_visited.to_string()),
        (l.demands_raised, summary.demands_raised.to_string()),
    ] {
        let _ = writeln!(s, "- {label}: {value}");
    }
    let _ = writeln!(
        s,
        "\n## {}\n\n| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|",
        l.contacts,
        l.contact,
        l.unit,
        l.enterprises,
        l.visits,
        l.on_site,
        l.demands_raised,
        status_name(l, "overdue")
    );
    for c in contacts {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            md(&c.id),
            md(&c.unit),
            c.enterprises,
            c.visits,
            c.on_site,
            c.demands_raised,
            c.cadence.get("overdue").copied().unwrap_or(0)
        );
    }
    let _ = writeln!(
        s,
        "\n## {}\n\n| {} | {} | {} | {} | {} | {} | {} |\n|---|---|---|---|---|---|---|",
        l.cadence,
        l.status,
        l.contact,
        l.enterprise,
        l.last_on_site,
        l.last_contact,
        l.by,
        l.overdue_days
    );
    for e in &answer.cadence {
        let enterprise = match answer.titles.enterprises.get(&e.enterprise) {
            Some(name) => format!("{name} ({})", e.enterprise),
            None => e.enterprise.clone(),
        };
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} | {} | {} |",
            status_name(l, e.status.as_str()),
            md(&e.contact),
            md(&enterprise),
            day(e.last_on_site),
            day(e.last_contact),
            e.on_site_by.min(e.contact_by),
            e.overdue_days
        );
    }
    findings(&mut s, answer, l);
    s
}

fn findings(s: &mut String, answer: &OutreachAnswer, l: &Labels) {
    let _ = writeln!(s, "\n## {} ({})\n", l.findings, answer.findings.len());
    if answer.findings.is_empty() {
        let _ = writeln!(s, "{}", l.none);
    }
    for f in &answer.findings {
        let file = f.file.map_or("—", |file| file.as_str());
        let line = f.line.map_or_else(|| "—".to_owned(), |n| n.to_string());
        let path = f.finding.path.to_string();
        let at = if path.is_empty() {
            String::new()
        } else {
            format!(" `{}`", md(&path))
        };
        let _ = writeln!(s, "- {file}:{line}{at}: {}", md(&f.finding.message));
    }
}
