//! The coverage report for people: Markdown, and one self-contained HTML page
//! (inline CSS and SVG, no network) that reads on a phone and prints.

use std::fmt::Write as _;

use lianjian::coverage::report::Figures;
use lianjian::Lang;

use lianjian::api::RejectedRow;

use crate::coverage_cmd::CoverageOutput;

struct Labels {
    title: &'static str,
    district: &'static str,
    segment: &'static str,
    members: &'static str,
    own: &'static str,
    joint: &'static str,
    work: &'static str,
    uncovered: &'static str,
    org_rate: &'static str,
    total_rate: &'static str,
    full_members: &'static str,
    output: &'static str,
    gaps: &'static str,
    empty: &'static str,
    no_party_org: &'static str,
    should_build: &'static str,
    unlinked: &'static str,
    none: &'static str,
    rejected: &'static str,
    warnings: &'static str,
    row: &'static str,
    problems: &'static str,
    heatmap: &'static str,
    legend: &'static str,
    read: &'static str,
    header_rows: &'static str,
    sheet: &'static str,
    rows: &'static str,
}

const ZH: Labels = Labels {
    title: "产业链党建覆盖情况",
    district: "全区",
    segment: "环节",
    members: "成员单位",
    own: "单独建立",
    joint: "联合建立",
    work: "工作覆盖",
    uncovered: "未覆盖",
    org_rate: "组织覆盖率",
    total_rate: "总覆盖率",
    full_members: "正式党员",
    output: "年产值（万元）",
    gaps: "覆盖缺口",
    empty: "无成员的环节",
    no_party_org: "有成员但无党组织的环节",
    should_build: "应单独建立党组织的单位（正式党员3人以上）",
    unlinked: "既未建立党组织也无联络员的单位",
    none: "无",
    rejected: "未通过校验的行",
    warnings: "已计入但有提示的行",
    row: "行",
    problems: "问题",
    heatmap: "各产业链环节覆盖热力图（颜色表示总覆盖率）",
    legend: "灰色：无成员",
    read: "读取",
    header_rows: "表头行",
    sheet: "工作表",
    rows: "行",
};

const EN: Labels = Labels {
    title: "Industry-chain Party building coverage",
    district: "District",
    segment: "Segment",
    members: "Members",
    own: "Own org.",
    joint: "Joint org.",
    work: "Work only",
    uncovered: "Not covered",
    org_rate: "Org. coverage",
    total_rate: "Total coverage",
    full_members: "Full members",
    output: "Output (10k CNY)",
    gaps: "Coverage gaps",
    empty: "Segments with no members",
    no_party_org: "Segments with members but no Party organization",
    should_build: "Should build their own organization (3+ full members)",
    unlinked: "Neither organized nor linked",
    none: "None",
    rejected: "Rejected rows",
    warnings: "Rows counted with warnings",
    row: "Row",
    problems: "Problems",
    heatmap: "Coverage by chain and segment (colour: total coverage)",
    legend: "grey: no members",
    read: "Read",
    header_rows: "header rows",
    sheet: "sheet",
    rows: "rows",
};

fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::ZhCn => &ZH,
        Lang::En => &EN,
    }
}

fn percent(rate: Option<f64>) -> String {
    rate.map_or_else(|| "—".to_owned(), |r| format!("{:.1}%", r * 100.0))
}

fn output(wan: f64) -> String {
    format!("{wan:.2}")
}

fn cells(f: &Figures) -> [String; 9] {
    [
        f.members.to_string(),
        f.own_org.to_string(),
        f.joint_org.to_string(),
        f.work_only.to_string(),
        f.uncovered.to_string(),
        percent(f.rates.organization),
        percent(f.rates.total),
        f.full_members.to_string(),
        output(f.output_wan),
    ]
}

fn heads(l: &Labels) -> [&'static str; 9] {
    [
        l.members,
        l.own,
        l.joint,
        l.work,
        l.uncovered,
        l.org_rate,
        l.total_rate,
        l.full_members,
        l.output,
    ]
}

/// Text safe inside a Markdown table cell.
pub(crate) fn md(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}

/// The segment's display name in "chain / segment" form.
fn segment_name(out: &CoverageOutput, lang: Lang, chain: &str, segment: &str) -> String {
    out.report
        .chains
        .iter()
        .find(|c| c.chain == chain)
        .map(|c| {
            let s = c.segments.iter().find(|s| s.segment == segment);
            format!(
                "{} / {}",
                c.name.get(lang),
                s.map_or(segment, |s| s.name.get(lang))
            )
        })
        .unwrap_or_else(|| format!("{chain} / {segment}"))
}

/// The four gap lists with their headings, segments by their display names.
fn gap_sections(out: &CoverageOutput, lang: Lang) -> [(&'static str, Vec<String>); 4] {
    let l = labels(lang);
    let gaps = &out.report.gaps;
    let names = |refs: &[lianjian::coverage::SegmentRef]| -> Vec<String> {
        refs.iter()
            .map(|r| segment_name(out, lang, &r.chain, &r.segment))
            .collect()
    };
    [
        (l.empty, names(&gaps.empty_segments)),
        (l.no_party_org, names(&gaps.segments_without_party_org)),
        (l.should_build, gaps.should_build.to_vec()),
        (l.unlinked, gaps.unlinked.to_vec()),
    ]
}

/// The report as Markdown.
pub fn markdown(out: &CoverageOutput, lang: Lang) -> String {
    let l = labels(lang);
    let mut s = String::new();
    let _ = writeln!(s, "# {}\n", l.title);
    let row = |s: &mut String, first: &str, values: &[String]| {
        let _ = writeln!(s, "| {} | {} |", md(first), values.join(" | "));
    };
    let header = |s: &mut String, first: &str| {
        let _ = writeln!(s, "| {first} | {} |", heads(l).join(" | "));
        let _ = writeln!(s, "|---|{}", "---:|".repeat(9));
    };
    header(&mut s, "");
    row(&mut s, l.district, &cells(&out.report.totals.figures));
    for chain in &out.report.chains {
        row(&mut s, chain.name.get(lang), &cells(&chain.figures));
    }
    for chain in &out.report.chains {
        let _ = writeln!(s, "\n## {} (`{}`)\n", md(chain.name.get(lang)), chain.chain);
        header(&mut s, l.segment);
        for segment in &chain.segments {
            row(&mut s, segment.name.get(lang), &cells(&segment.figures));
        }
    }
    let _ = writeln!(s, "\n## {}\n", l.gaps);
    let list = |s: &mut String, title: &str, items: Vec<String>| {
        let _ = writeln!(s, "### {title} ({})\n", items.len());
        if items.is_empty() {
            let _ = writeln!(s, "{}\n", l.none);
        }
        for item in &items {
            let _ = writeln!(s, "- {}", md(item));
        }
        if !items.is_empty() {
            s.push('\n');
        }
    };
    for (title, items) in gap_sections(out, lang) {
        list(&mut s, title, items);
    }
    let _ = writeln!(
        s,
        "## {} ({})\n",
        l.rejected, out.report.totals.rejected_rows
    );
    md_rows(&mut s, l, &out.rejected);
    let _ = writeln!(s, "## {} ({})\n", l.warnings, out.warnings.len());
    md_rows(&mut s, l, &out.warnings);
    let _ = writeln!(s, "{}: {}", l.read, input_line(out, lang));
    s
}

/// Rows with their findings as a Markdown table (nothing when there are none).
fn md_rows(s: &mut String, l: &Labels, rows: &[RejectedRow]) {
    if rows.is_empty() {
        return;
    }
    let _ = writeln!(s, "| {} | {} |\n|---:|---|", l.row, l.problems);
    for r in rows {
        let problems: Vec<String> = r
            .findings
            .iter()
            .map(|f| {
                let path = f.path.to_string();
                if path.is_empty() {
                    md(&f.message)
                } else {
                    format!("`{}`: {}", md(&path), md(&f.message))
                }
            })
            .collect();
        let _ = writeln!(s, "| {} | {} |", r.row, problems.join("<br>"));
    }
    s.push('\n');
}

/// What was read, in one line: `csv, utf-8, comma, header rows 2–3 (12 rows)`.
fn input_line(out: &CoverageOutput, lang: Lang) -> String {
    let l = labels(lang);
    let input = &out.input;
    let mut parts: Vec<String> = vec![input.format.to_owned()];
    parts.extend(input.encoding.map(str::to_owned));
    parts.extend(input.delimiter.map(str::to_owned));
    if let Some(sheet) = &input.sheet {
        parts.push(format!("{} {sheet}", l.sheet));
    }
    match input.header_rows.as_slice() {
        [] => {}
        [one] => parts.push(format!("{} {one}", l.header_rows)),
        [upper, .., lower] => parts.push(format!("{} {upper}–{lower}", l.header_rows)),
    }
    format!("{} ({} {})", parts.join(", "), input.rows, l.rows)
}

/// Text safe in HTML content and attribute values.
pub(crate) fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Red (0%) through yellow to green (100%).
fn colour(rate: f64) -> String {
    let (r0, g0, b0, r1, g1, b1, t) = if rate < 0.5 {
        (215.0, 48.0, 39.0, 254.0, 224.0, 139.0, rate * 2.0)
    } else {
        (254.0, 224.0, 139.0, 26.0, 152.0, 80.0, (rate - 0.5) * 2.0)
    };
    let mix = |a: f64, b: f64| (a + (b - a) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(r0, r1), mix(g0, g1), mix(b0, b1))
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut s: String = text.chars().take(max - 1).collect();
        s.push('…');
        s
    }
}

fn heatmap(out: &CoverageOutput, lang: Lang) -> String {
    let (label_w, cell_w, cell_h, gap) = (112.0, 128.0, 58.0, 4.0);
    let columns = out
        .report
        .chains
        .iter()
        .map(|c| c.segments.len())
        .max()
        .unwrap_or(1) as f64;
    let width = label_w + columns * (cell_w + gap);
    let height = out.report.chains.len() as f64 * (cell_h + gap);
    let l = labels(lang);
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg class="heatmap" role="img" aria-label="{}" viewBox="0 0 {width} {height}" width="{width}" height="{height}" xmlns="http://www.w3.org/2000/svg">"#,
        html(l.heatmap)
    );
    for (i, chain) in out.report.chains.iter().enumerate() {
        let y = i as f64 * (cell_h + gap);
        let _ = write!(
            s,
            r#"<text x="0" y="{}" class="chain">{}</text><text x="0" y="{}" class="sub">{}</text>"#,
            y + 24.0,
            html(&shorten(chain.name.get(lang), 8)),
            y + 44.0,
            html(&percent(chain.figures.rates.total))
        );
        for (j, segment) in chain.segments.iter().enumerate() {
            let x = label_w + j as f64 * (cell_w + gap);
            let f = &segment.figures;
            let fill = f.rates.total.map_or_else(|| "#e0e0e0".to_owned(), colour);
            let name = segment.name.get(lang);
            let _ = write!(
                s,
                r#"<g><title>{} / {}: {} {}, {} {}</title><rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" rx="6" fill="{fill}"/><text x="{}" y="{}" class="seg">{}</text><text x="{}" y="{}" class="num">{} · {}</text></g>"#,
                html(chain.name.get(lang)),
                html(name),
                f.members,
                html(l.members),
                html(&percent(f.rates.total)),
                html(l.total_rate),
                x + 8.0,
                y + 23.0,
                html(&shorten(name, 9)),
                x + 8.0,
                y + 44.0,
                f.members,
                html(&percent(f.rates.total)),
            );
        }
    }
    s.push_str("</svg>");
    s
}

const STYLE: &str = "
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5a5a5a; --line: #d0d0d0; --accent: #b71c1c; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, 'PingFang SC', 'Noto Sans CJK SC', 'Microsoft YaHei', sans-serif; color: var(--ink); background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 16px; }
h1 { font-size: 1.5rem; border-bottom: 3px solid var(--accent); padding-bottom: 8px; }
h2 { font-size: 1.2rem; margin-top: 2rem; }
h3 { font-size: 1rem; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; width: 100%; min-width: 640px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; white-space: normal; min-width: 8.5em; position: sticky; left: 0; background: #fff; }
thead th { background: #f4f4f4; font-weight: 600; }
thead th:first-child { background: #f4f4f4; }
tr.total td { font-weight: 700; }
.heatmap text { font-size: 13px; fill: #1b1b1b; }
.heatmap .chain { font-weight: 700; font-size: 14px; }
.heatmap .sub, .heatmap .num { font-size: 12px; }
.legend { color: var(--muted); font-size: 0.9rem; }
.swatch { display: inline-block; width: 160px; height: 10px; vertical-align: middle; background: linear-gradient(90deg, #d73027, #fee08b, #1a9850); border-radius: 4px; }
ul.gaps li { margin: 2px 0; }
code { font-size: 0.9em; }
footer { color: var(--muted); font-size: 0.85rem; margin-top: 2rem; }
@media print { main { max-width: none; padding: 0; } .scroll { overflow: visible; } .heatmap { width: 100%; height: auto; } table { min-width: 0; font-size: 11px; } h2 { break-after: avoid; } tr { break-inside: avoid; } }
";

/// The report as one HTML page with no outside resources.
pub fn html_page(out: &CoverageOutput, lang: Lang) -> String {
    let l = labels(lang);
    let mut s = String::new();
    let _ = write!(
        s,
        "<!doctype html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body><main>",
        lang.tag(),
        html(l.title)
    );
    let _ = write!(s, "<h1>{}</h1>", html(l.title));
    let table_head = |s: &mut String, first: &str| {
        let _ = write!(
            s,
            "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">{}</th>",
            html(first)
        );
        for h in heads(l) {
            let _ = write!(s, "<th scope=\"col\">{}</th>", html(h));
        }
        s.push_str("</tr></thead><tbody>");
    };
    let table_row = |s: &mut String, class: &str, first: &str, f: &Figures| {
        let _ = write!(
            s,
            "<tr class=\"{class}\"><th scope=\"row\">{}</th>",
            html(first)
        );
        for c in cells(f) {
            let _ = write!(s, "<td>{}</td>", html(&c));
        }
        s.push_str("</tr>");
    };
    table_head(&mut s, "");
    table_row(&mut s, "total", l.district, &out.report.totals.figures);
    for chain in &out.report.chains {
        table_row(&mut s, "", chain.name.get(lang), &chain.figures);
    }
    s.push_str("</tbody></table></div>");

    let _ = write!(
        s,
        "<h2>{}</h2><div class=\"scroll\">{}</div>",
        html(l.heatmap),
        heatmap(out, lang)
    );
    let _ = write!(
        s,
        "<p class=\"legend\">0% <span class=\"swatch\"></span> 100% · {}</p>",
        html(l.legend)
    );

    for chain in &out.report.chains {
        let _ = write!(
            s,
            "<h2>{} <code>{}</code></h2>",
            html(chain.name.get(lang)),
            html(&chain.chain)
        );
        table_head(&mut s, l.segment);
        for segment in &chain.segments {
            table_row(&mut s, "", segment.name.get(lang), &segment.figures);
        }
        s.push_str("</tbody></table></div>");
    }

    let _ = write!(s, "<h2>{}</h2>", html(l.gaps));
    let list = |s: &mut String, title: &str, items: Vec<String>| {
        let _ = write!(s, "<h3>{} ({})</h3>", html(title), items.len());
        if items.is_empty() {
            let _ = write!(s, "<p>{}</p>", html(l.none));
        } else {
            s.push_str("<ul class=\"gaps\">");
            for item in items {
                let _ = write!(s, "<li>{}</li>", html(&item));
            }
            s.push_str("</ul>");
        }
    };
    for (title, items) in gap_sections(out, lang) {
        list(&mut s, title, items);
    }

    let _ = write!(
        s,
        "<h2>{} ({})</h2>",
        html(l.rejected),
        out.report.totals.rejected_rows
    );
    html_rows(&mut s, l, &out.rejected);
    let _ = write!(s, "<h2>{} ({})</h2>", html(l.warnings), out.warnings.len());
    html_rows(&mut s, l, &out.warnings);
    let _ = writeln!(
        s,
        "<footer>{}: {}</footer></main></body></html>",
        html(l.read),
        html(&input_line(out, lang))
    );
    s
}

/// Rows with their findings as an HTML table (nothing when there are none).
fn html_rows(s: &mut String, l: &Labels, rows: &[RejectedRow]) {
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        s,
        "<div class=\"scroll\"><table><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        html(l.row),
        html(l.problems)
    );
    for r in rows {
        let _ = write!(
            s,
            "<tr><td>{}</td><td style=\"text-align:left;white-space:normal\">",
            r.row
        );
        for f in &r.findings {
            let path = f.path.to_string();
            if path.is_empty() {
                let _ = write!(s, "{}<br>", html(&f.message));
            } else {
                let _ = write!(s, "<code>{}</code>: {}<br>", html(&path), html(&f.message));
            }
        }
        s.push_str("</td></tr>");
    }
    s.push_str("</tbody></table></div>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_for_html_and_markdown() {
        assert_eq!(
            html("<img src=x onerror='a'>&\""),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;&quot;"
        );
        assert_eq!(md("a|b<c>\nd"), "a\\|b&lt;c&gt; d");
    }

    #[test]
    fn colours_run_from_red_to_green() {
        assert_eq!(colour(0.0), "#d73027");
        assert_eq!(colour(0.5), "#fee08b");
        assert_eq!(colour(1.0), "#1a9850");
    }
}
