//! The canonical renderer: a [`Report`] back to the standard tab-separated
//! text of its template.

use std::fmt::Write as _;

use crate::key::{Applicant, T2Item, T2Key, T2Measure, T3Row, T4Col, T4Group};
use crate::parse::t2::{items, measures};
use crate::report::{Report, SectionKind, Table2, Table3, Table4, Template};
use crate::value::Cell;

/// Renders a report as the standard tab-separated text of its template.
///
/// `parse(&render(&r))` gives back the same cells (blanks included), section
/// headings, agency and year.
///
/// ```
/// let report = zfxxgk::parse(zfxxgk::SAMPLE_REPORT)?;
/// let clean = zfxxgk::render(&report);
/// let again = zfxxgk::parse(&clean)?;
/// assert!(report.cells().eq(again.cells()));
/// assert_eq!(again.metadata.agency, report.metadata.agency);
/// # Ok::<(), zfxxgk::Error>(())
/// ```
///
/// What is written, in order:
///
/// 1. the title: [`Metadata::title`](crate::Metadata::title) as written, or
///    agency + year + `年度政府信息公开工作年度报告` when no title was read
///    (nothing when neither agency nor year is known);
/// 2. the rest of the preamble, verbatim, without the title lines and without
///    site boilerplate (听全文, 分享到, 来源…; a 发布日期 line is kept);
/// 3. the sections in order: the heading as written, then for 一、五、六 the
///    body verbatim, and for 二、三、四 the table in the template's row and
///    column order (a table section whose table was not read keeps its body
///    verbatim; a table whose heading was missing gets the usual heading).
///
/// Line ends become `\n` and form feeds are dropped. Tables are tab-separated
/// as Word copies them, with the header wordings of the report's template (so
/// the template is detected from the headers again). Each data row is its
/// label field(s) followed by exactly the row's cells: a blank cell is an
/// empty field, a number is printed as [`Number`](crate::Number)'s `Display`
/// (exact digits, sign, unit such as `251000元`), and there is no trailing
/// padding (a table-4 row whose cells are all blank is printed as `/`s, since
/// a line of empty fields would be an empty line). Rows that were not read
/// (absent, not blank) are not printed.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(8 * 1024);
    // Title and preamble.
    let mut head = String::new();
    if let Some(title) = title_line(report) {
        head.push_str(&title);
        head.push('\n');
    }
    let rest = preamble_rest(report);
    if !rest.is_empty() {
        if !head.is_empty() {
            head.push('\n');
        }
        head.push_str(&rest);
        head.push('\n');
    }
    out.push_str(&head);

    for kind in SectionKind::ALL {
        let section = report.section(kind);
        let table = match kind {
            SectionKind::ProactiveDisclosure => report.table2.as_ref().map(|t| table2(t, report.template)),
            SectionKind::Requests => report.table3.as_ref().map(|t| table3(t, report.template)),
            SectionKind::ReviewsLitigation => report.table4.as_ref().map(table4),
            _ => None,
        };
        let heading = match section {
            Some(s) => clean(&s.heading.text),
            None if table.is_some() => format!("{}、{}", kind.numeral(), kind.usual_heading()),
            None => continue,
        };
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&heading);
        out.push('\n');
        let body = match (table, section) {
            (Some(t), _) => t,
            (None, Some(s)) => clean(&s.body.text),
            (None, None) => String::new(),
        };
        if !body.is_empty() {
            out.push('\n');
            out.push_str(&body);
            if !body.ends_with('\n') {
                out.push('\n');
            }
        }
    }
    out
}

impl Report {
    /// The standard tab-separated text of the report's template; see [`render`](crate::render()).
    pub fn render(&self) -> String {
        render(self)
    }
}

/// Line ends to `\n`, form feeds dropped, surrounding empty lines trimmed.
fn clean(s: &str) -> String {
    let s = s.replace("\r\n", "\n").replace(['\r'], "\n").replace('\u{c}', "");
    let lines: Vec<&str> = s.lines().collect();
    let a = lines.iter().position(|l| !l.trim().is_empty()).unwrap_or(lines.len());
    let b = lines.iter().rposition(|l| !l.trim().is_empty()).map_or(a, |b| b + 1);
    lines[a..b].join("\n")
}

fn title_line(report: &Report) -> Option<String> {
    let m = &report.metadata;
    if let Some(t) = &m.title {
        let t = clean(&t.text).replace('\n', "");
        if !t.trim().is_empty() {
            return Some(t);
        }
    }
    if m.agency.is_none() && m.year.is_none() {
        return None;
    }
    let year = m.year.map(|y| format!("{y}年度")).unwrap_or_default();
    Some(format!("{}{year}政府信息公开工作年度报告", m.agency.as_deref().unwrap_or("")))
}

/// The preamble without the title lines and without site boilerplate.
fn preamble_rest(report: &Report) -> String {
    let p = &report.preamble;
    let mut text = p.text.clone();
    if let Some(t) = &report.metadata.title
        && p.span.start <= t.span.start
        && t.span.end <= p.span.end
        && t.span.start < t.span.end
    {
        let (a, b) = (t.span.start - p.span.start, t.span.end - p.span.start);
        if let (Some(before), Some(after)) = (text.get(..a), text.get(b..)) {
            // Drop the whole lines the title was on.
            let before = before.rfind(['\n', '\r']).map_or("", |i| &before[..i]);
            let after = after.find(['\n', '\r']).map_or("", |i| &after[i..]);
            text = format!("{before}\n{after}");
        }
    }
    let text = clean(&text);
    let kept: Vec<&str> = text
        .lines()
        .filter(|l| {
            let t = l.trim().trim_start_matches(['•', '·']).trim();
            !crate::parse::meta::is_boilerplate(l) || t.starts_with("发布日期") || t.starts_with("发布时间")
        })
        .collect();
    clean(&kept.join("\n"))
}

/// A cell as printed: the number, or nothing for a blank (or absent) cell.
fn cell_text(c: Option<&Cell>) -> String {
    c.and_then(Cell::number).map(|n| n.to_string()).unwrap_or_default()
}

/// The table-2 blocks of a template: article item and rows.
fn t2_blocks(template: Template) -> Vec<(&'static str, Vec<T2Item>)> {
    use T2Item::*;
    let mut blocks = vec![
        ("第二十条第（一）项", vec![Regulations, NormativeDocuments]),
        ("第二十条第（五）项", vec![Licensing]),
        ("第二十条第（六）项", vec![Punishment, Enforcement]),
        ("第二十条第（八）项", vec![Fees]),
    ];
    if template == Template::Y2019 {
        blocks[1].1.push(OtherServices);
        blocks.push(("第二十条第（九）项", vec![Procurement]));
    }
    // Only items of the template (the block list is the template's order).
    debug_assert!(blocks.iter().flat_map(|b| b.1.iter()).eq(items(template).iter()));
    blocks
}

/// The column header of a table-2 measure in a template.
fn t2_header(template: Template, m: T2Measure) -> &'static str {
    match (template, m) {
        (Template::Y2019, T2Measure::Decisions) => "处理决定数量",
        (Template::Y2019, T2Measure::Amount) => "采购总金额",
        _ => m.label_zh(),
    }
}

/// The row label of a table-2 item in a template.
fn t2_label(template: Template, item: T2Item) -> &'static str {
    match (template, item) {
        (Template::Y2019, T2Item::NormativeDocuments) => "规范性文件",
        _ => item.label_zh(),
    }
}

fn table2(t: &Table2, template: Template) -> String {
    let mut out = String::new();
    for (article, rows) in t2_blocks(template) {
        let ms = measures(template, rows[0]);
        let header: Vec<&str> = ms.iter().map(|&m| t2_header(template, m)).collect();
        let _ = writeln!(out, "{article}");
        let _ = writeln!(out, "信息内容\t{}", header.join("\t"));
        for item in rows {
            let ms = measures(template, item);
            let cells: Vec<Option<&Cell>> = ms.iter().map(|&measure| t.get(T2Key { item, measure })).collect();
            if cells.iter().all(Option::is_none) {
                continue; // not read: absent, not blank
            }
            let vals: Vec<String> = cells.into_iter().map(cell_text).collect();
            let _ = writeln!(out, "{}\t{}", t2_label(template, item), vals.join("\t"));
        }
    }
    out
}

const T3_NOTE: &str = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）";

fn table3(t: &Table3, template: Template) -> String {
    let subs = [T3Row::OtherNoCorrection, T3Row::OtherUnpaidFee, T3Row::OtherOther];
    let single = t.has_row(T3Row::OtherTotal) || (template == Template::Y2019 && !subs.iter().any(|&r| t.has_row(r)));
    let rows: &[T3Row] = if single { &T3Row::SINGLE_OTHER_ROW } else { &T3Row::TEMPLATE_2021 };
    let mut out = String::new();
    let _ = writeln!(out, "{T3_NOTE}\t\t申请人情况");
    let _ = writeln!(out, "\t\t自然人\t法人或其他组织\t\t\t\t\t总计");
    let parts: Vec<&str> = Applicant::ALL[1..6].iter().map(|a| a.label_zh()).collect();
    let _ = writeln!(out, "\t\t\t{}", parts.join("\t"));
    let mut outcome_header = false;
    let mut group_done = [false; 6];
    for &row in rows {
        let cells: Vec<Option<&Cell>> = Applicant::ALL.iter().map(|&c| t.get(row, c)).collect();
        if cells.iter().all(Option::is_none) {
            continue;
        }
        let vals: Vec<String> = cells.into_iter().map(cell_text).collect();
        let vals = vals.join("\t");
        let label = row.label_zh();
        let mut prefix = String::new();
        if let Some(g) = row.group() {
            prefix.push_str(if outcome_header { "" } else { "三、本年度办理结果" });
            outcome_header = true;
            prefix.push('\t');
            let is_sub = !matches!(row, T3Row::Granted | T3Row::PartiallyGranted | T3Row::OtherTotal);
            if is_sub {
                if !group_done[g.index()] {
                    let _ = write!(prefix, "（{}）{}", ["一", "二", "三", "四", "五", "六"][g.index()], g.label_zh());
                }
                prefix.push('\t');
            }
            group_done[g.index()] = true;
        }
        let _ = writeln!(out, "{prefix}{label}\t{vals}");
    }
    out
}

fn table4(t: &Table4) -> String {
    let cols: Vec<&str> = T4Col::ALL.iter().map(|c| c.label_zh()).collect();
    let cols = cols.join("\t");
    let mut out = String::new();
    let _ = writeln!(out, "行政复议\t\t\t\t\t行政诉讼");
    let _ = writeln!(out, "{cols}\t未经复议直接起诉\t\t\t\t\t复议后起诉");
    let _ = writeln!(out, "\t\t\t\t\t{cols}\t{cols}");
    // Cells are read in order; stop at the first that was not read.
    let vals: Vec<String> = T4Group::ALL
        .iter()
        .flat_map(|&g| T4Col::ALL.iter().map(move |&c| t.get(g, c)))
        .map_while(|c| c.map(|c| cell_text(Some(c))))
        .collect();
    if !vals.is_empty() {
        // A line of empty fields is an empty line: when every cell is blank, print `/`.
        let all_blank = vals.iter().all(String::is_empty);
        let vals: Vec<&str> = vals.iter().map(|v| if all_blank { "/" } else { v.as_str() }).collect();
        let _ = writeln!(out, "{}", vals.join("\t"));
    }
    out
}
