//! One test per layout quirk, on small hand-written fixtures: the value the
//! parser reads and the diagnostic (code and line) that says what it repaired.

mod common;

use common::{PDF_FLAT, TAB};
use zfxxgk::{CellKey, Diagnostic, DiagnosticCode, Encoding, Report, SectionKind, Template};

// --- helpers -----------------------------------------------------------------

fn parse(text: &str) -> Report {
    zfxxgk::parse(text).unwrap_or_else(|e| panic!("parse failed: {e}"))
}

fn key(s: &str) -> CellKey {
    s.parse().unwrap_or_else(|e| panic!("{e}"))
}

/// The number in a cell as displayed; `None` for blank; panics when the cell is absent.
fn val(r: &Report, k: &str) -> Option<String> {
    r.cell(key(k)).unwrap_or_else(|| panic!("cell {k} absent")).number().map(|n| n.to_string())
}

fn v(r: &Report, k: &str) -> String {
    val(r, k).unwrap_or_else(|| panic!("cell {k} is blank"))
}

/// 1-based number of the first line containing `needle` (after `after`, if given).
fn line_of(text: &str, needle: &str) -> u32 {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let idx = text.lines().position(|l| l.contains(needle)).unwrap_or_else(|| panic!("{needle:?} not in text"));
    idx as u32 + 1
}

fn diags(r: &Report, code: DiagnosticCode) -> Vec<&Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

fn assert_diag(r: &Report, code: DiagnosticCode, line: u32) {
    assert!(
        r.diagnostics.iter().any(|d| d.code == code && d.line == line),
        "no {code} at line {line}; diagnostics:\n{}",
        r.diagnostics.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n")
    );
}

/// Every cell as (key, displayed value), for comparing two renderings.
fn cells(r: &Report) -> Vec<(String, Option<String>)> {
    r.cells().map(|(k, v)| (k.to_string(), v.map(|n| n.to_string()))).collect()
}

// --- the baseline ------------------------------------------------------------

#[test]
fn baseline_tab_report_reads_completely() {
    let r = parse(TAB);
    assert_eq!(r.metadata.agency.as_deref(), Some("示例县测试局"));
    assert_eq!(r.metadata.year, Some(2023));
    assert_eq!(r.template, Template::Y2021);
    assert_eq!(r.cells().count(), 200);
    assert_eq!(v(&r, "t2.normative_documents.issued"), "3");
    assert_eq!(v(&r, "t2.fees.amount"), "1.25");
    assert_eq!(v(&r, "t3.new_received.total"), "13");
    assert_eq!(v(&r, "t3.withheld.third_party_rights.natural_person"), "1");
    assert_eq!(v(&r, "t3.unavailable.not_held.commercial"), "1");
    assert_eq!(v(&r, "t3.total.total"), "12");
    assert_eq!(v(&r, "t3.carried_forward.natural_person"), "2");
    assert_eq!(v(&r, "t4.review.total"), "2");
    assert_eq!(v(&r, "t4.litigation_after_review.corrected"), "1");
    assert!(r.diagnostics.iter().all(|d| d.severity == zfxxgk::Severity::Note), "{:?}", r.diagnostics);
    let kinds: Vec<SectionKind> = r.sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, SectionKind::ALL);
    assert_eq!(r.section(SectionKind::Overview).unwrap().subsections.len(), 2);
}

#[test]
fn baseline_pdf_flat_report_reads_completely() {
    let r = parse(PDF_FLAT);
    assert_eq!(r.metadata.agency.as_deref(), Some("示例市测试局"));
    assert_eq!(r.metadata.year, Some(2023));
    assert_eq!(r.cells().count(), 200);
    assert_eq!(r.table3.as_ref().unwrap().layout, Some(zfxxgk::Layout::PdfFlat));
    assert_eq!(v(&r, "t3.new_received.total"), "3");
    assert_eq!(v(&r, "t3.unavailable.not_held.natural_person"), "1");
    assert_eq!(v(&r, "t3.total.total"), "3");
    assert_eq!(v(&r, "t4.review.corrected"), "1");
    assert_eq!(v(&r, "t4.litigation_after_review.upheld"), "2");
}

// --- one quirk each ------------------------------------------------------------

#[test]
fn wrapped_label_is_joined() {
    // "5.要求行政机关确认或重" and "新出具已获取信息" name no row on their own.
    let r = parse(PDF_FLAT);
    let line = line_of(PDF_FLAT, "5.要求行政机关确认或重");
    assert_diag(&r, DiagnosticCode::WrappedLabel, line);
    let d = diags(&r, DiagnosticCode::WrappedLabel).into_iter().find(|d| d.line == line).unwrap();
    let span = d.span.expect("a span");
    assert!(span.slice(PDF_FLAT).starts_with("5.要求"), "{:?}", span.slice(PDF_FLAT));
    assert!(d.message.contains("not_processed.confirmation"), "{}", d.message);
    assert_eq!(v(&r, "t3.not_processed.confirmation.natural_person"), "1");
    assert_eq!(v(&r, "t3.not_processed.confirmation.total"), "1");
    assert_eq!(v(&r, "t3.not_processed.excessive.total"), "0");
}

#[test]
fn wrapped_label_with_numbers_on_the_next_line() {
    // （二）部分公开… wrapped with its numbers on the line after the rest.
    let text = PDF_FLAT.replace(
        "（二）部分公开（区分处理的，只计这\n\n一情形，不计其他情形）\n\n0 0 0 0 0 0 0",
        "（二）部分公开（区分处理的，只计这\n\n一情形，不计其他情形）\n\n2 0 0 0 0 0 2",
    );
    let r = parse(&text);
    assert_eq!(v(&r, "t3.partially_granted.total"), "2");
    assert_diag(&r, DiagnosticCode::WrappedLabel, line_of(&text, "一情形，不计其他情形）"));
}

#[test]
fn misspelt_header_is_a_label_variant() {
    // 本年度止件数 (seen in real reports) for 本年废止件数.
    let text = TAB.replace("本年废止件数", "本年度止件数");
    let r = parse(&text);
    assert_diag(&r, DiagnosticCode::LabelVariant, line_of(&text, "本年度止件数"));
    assert_eq!(v(&r, "t2.normative_documents.repealed"), "1");
    assert_eq!(r.template, Template::Y2021);
}

#[test]
fn misspelt_row_label_is_a_label_variant() {
    // 其他法律行政止公开 (corpus 004) for 其他法律行政法规禁止公开.
    let text = TAB.replace("2.其他法律行政法规禁止公开\t0", "2.其他法律行政止公开\t3");
    let r = parse(&text);
    assert_diag(&r, DiagnosticCode::LabelVariant, line_of(&text, "其他法律行政止公开"));
    assert_eq!(v(&r, "t3.withheld.prohibited_by_law.natural_person"), "3");
}

#[test]
fn missing_table4_header_is_assumed() {
    let text = PDF_FLAT.replace(
        "结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉 复议后起诉\n\n结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n\n0 1",
        " 0 1",
    );
    assert!(!text.contains("结果维持"));
    let r = parse(&text);
    assert_eq!(diags(&r, DiagnosticCode::HeaderAssumed).len(), 1, "{:?}", r.diagnostics);
    let d = diags(&r, DiagnosticCode::HeaderAssumed)[0];
    let sec4 = line_of(&text, "四、政府信息公开行政复议");
    assert!(d.line > sec4 && d.line < line_of(&text, "五、存在"), "line {}", d.line);
    assert_eq!(v(&r, "t4.review.corrected"), "1");
    assert_eq!(v(&r, "t4.litigation_after_review.upheld"), "2");
    assert_eq!(v(&r, "t4.litigation_after_review.total"), "2");
    // With the header present nothing is assumed.
    assert!(diags(&parse(PDF_FLAT), DiagnosticCode::HeaderAssumed).is_empty());
}

#[test]
fn site_boilerplate_is_skipped() {
    let text = format!(
        "  • 听全文\n  • 2024-01-29\n  • 来源:示例县测试局\n  • 分享到\n\n{}\n\n相关附件\n相关新闻\n扫一扫在手机打开当前页\n",
        TAB.trim_end()
    );
    let r = parse(&text);
    for b in ["听全文", "分享到", "来源", "相关附件", "扫一扫"] {
        assert_diag(&r, DiagnosticCode::Boilerplate, line_of(&text, b));
    }
    assert_eq!(r.metadata.agency.as_deref(), Some("示例县测试局"));
    assert_eq!(r.metadata.year, Some(2023));
    let six = r.section(SectionKind::Other).unwrap();
    assert!(!six.body.text.contains("相关附件"), "{:?}", six.body.text);
    assert!(six.body.text.contains("信息处理费"));
    assert_eq!(r.cells().count(), 200);
}

#[test]
fn blank_cells_are_blank_not_zero() {
    let text = TAB
        .replace("规章\t0\t0\t2", "规章\t0\t/\t2")
        .replace("3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0", "3.危及“三安全一稳定”\t0\t\t0\t—\t0\t0\t0")
        .replace("1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1", "1\t0\t0\t1\t2\t0\t-\t0\t0\t0\t0\t1\t0\t无\t1");
    let r = parse(&text);
    for k in [
        "t2.regulations.repealed",
        "t3.withheld.security_stability.commercial",
        "t3.withheld.security_stability.social_welfare",
        "t4.litigation_direct.corrected",
        "t4.litigation_after_review.pending",
    ] {
        assert_eq!(val(&r, k), None, "{k} must be blank, not 0");
    }
    assert_eq!(v(&r, "t3.withheld.security_stability.research"), "0");
    assert_eq!(v(&r, "t3.withheld.security_stability.total"), "0");
    assert_eq!(v(&r, "t4.litigation_after_review.total"), "1");
    assert_eq!(diags(&r, DiagnosticCode::BlankCell).len(), 5, "{:?}", diags(&r, DiagnosticCode::BlankCell));
    assert_diag(&r, DiagnosticCode::BlankCell, line_of(&text, "规章\t"));
    assert_diag(&r, DiagnosticCode::BlankCell, line_of(&text, "3.危及"));
    // 0 stays 0 and is no blank.
    assert!(diags(&parse(TAB), DiagnosticCode::BlankCell).is_empty());
}

#[test]
fn blank_cell_in_web_double_spaced_layout() {
    // Seed 002: every cell followed by an empty line; an empty cell adds two more.
    let mut text = String::from("示例县测试局2023年度政府信息公开工作年度报告\n\n  二、主动公开政府信息情况\n\n");
    for c in ["第二十条第(一)项", "信息内容", "本年制发件数", "本年废止件数", "现行有效件数", "规章", "0", "", "2"]
    {
        text.push_str(c);
        text.push_str("\n\n");
    }
    for c in ["行政规范性文件", "3", "1", "9"] {
        text.push_str(c);
        text.push_str("\n\n");
    }
    text.push_str("\n  三、收到和处理政府信息公开申请情况\n\n  四、政府信息公开行政复议、行政诉讼情况\n\n");
    let r = parse(&text);
    assert_eq!(val(&r, "t2.regulations.repealed"), None);
    assert_eq!(v(&r, "t2.regulations.in_force"), "2");
    assert_eq!(v(&r, "t2.normative_documents.issued"), "3");
    assert_eq!(diags(&r, DiagnosticCode::BlankCell).len(), 1);
}

#[test]
fn row_that_lost_its_leading_tabs() {
    // Seed 000: "5. 要求…\t\t0\t…" instead of "\t\t5. 要求…\t0\t…".
    let text = TAB.replace(
        "\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0",
        "5.要求行政机关确认或重新出具已获取信息\t\t4\t0\t0\t0\t0\t1\t5\t",
    );
    let r = parse(&text);
    assert_diag(&r, DiagnosticCode::LeadingTabsLost, line_of(&text, "5.要求行政机关"));
    assert_eq!(diags(&r, DiagnosticCode::LeadingTabsLost).len(), 1);
    assert_eq!(v(&r, "t3.not_processed.confirmation.natural_person"), "4");
    assert_eq!(v(&r, "t3.not_processed.confirmation.other_org"), "1");
    assert_eq!(v(&r, "t3.not_processed.confirmation.total"), "5");
    assert_eq!(v(&r, "t3.not_processed.excessive.total"), "0");
    assert!(diags(&parse(TAB), DiagnosticCode::LeadingTabsLost).is_empty());
}

#[test]
fn page_number_inside_a_table() {
    let text = PDF_FLAT
        .replace("5.属于三类内部事务信息 0 0 0 0 0 0 0\n\n", "5.属于三类内部事务信息 0 0 0 0 0 0 0\n\n- 3 -\n\n\u{c}");
    let r = parse(&text);
    assert_diag(&r, DiagnosticCode::PageBreak, line_of(&text, "- 3 -"));
    assert_eq!(r.cells().count(), 200);
    assert_eq!(v(&r, "t3.withheld.process_info.total"), "0");
    assert_eq!(v(&r, "t3.total.total"), "3");
    // A page break between a wrapped label and its numbers.
    let text = PDF_FLAT.replace("新出具已获取信息\n\n1 0", "新出具已获取信息\n\n-4-\n\n\u{c}1 0");
    let r = parse(&text);
    assert_diag(&r, DiagnosticCode::PageBreak, line_of(&text, "-4-"));
    assert_eq!(v(&r, "t3.not_processed.confirmation.total"), "1");
}

#[test]
fn crlf_line_ends() {
    let crlf = TAB.replace('\n', "\r\n");
    let r = parse(&crlf);
    assert_eq!(cells(&r), cells(&parse(TAB)));
    assert_eq!(r.metadata.agency.as_deref(), Some("示例县测试局"));
    let heading = &r.section(SectionKind::Requests).unwrap().heading;
    assert_eq!(heading.text, "三、收到和处理政府信息公开申请情况");
    assert_eq!(heading.span.slice(&crlf), heading.text);
    assert_eq!(heading.span.line, line_of(TAB, "三、收到和处理"));
    // Lone CR too.
    assert_eq!(cells(&parse(&TAB.replace('\n', "\r"))), cells(&parse(TAB)));
}

#[test]
fn utf8_bom() {
    let with_bom = format!("\u{feff}{TAB}");
    let r = parse(&with_bom);
    assert_eq!(r.encoding, Encoding::Utf8Bom);
    assert_eq!(cells(&r), cells(&parse(TAB)));
    assert_eq!(r.metadata.agency.as_deref(), Some("示例县测试局"));
    // Spans count bytes after the BOM.
    let cell = r.cell(key("t2.fees.amount")).unwrap();
    assert_eq!(cell.span.slice(TAB), "1.25");
    let r2 = zfxxgk::parse_bytes(with_bom.as_bytes()).unwrap();
    assert_eq!(r2.encoding, Encoding::Utf8Bom);
    assert_eq!(cells(&r2), cells(&r));
}

#[test]
fn full_width_digits_and_punctuation() {
    let fw: String = TAB
        .chars()
        .map(|c| match c {
            '0'..='9' | '.' | '(' | ')' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            _ => c,
        })
        .collect();
    assert!(fw.contains("１．２５") && fw.contains("２０２３年"));
    let r = parse(&fw);
    assert_eq!(cells(&r), cells(&parse(TAB)));
    assert_eq!(v(&r, "t2.fees.amount"), "1.25");
    assert_eq!(r.metadata.year, Some(2023));
    // Thousands separators, half- and full-width.
    let text = TAB.replace("行政许可\t15", "行政许可\t１，２３４，５６７").replace("行政处罚\t7", "行政处罚\t12,345");
    let r = parse(&text);
    assert_eq!(v(&r, "t2.licensing.decisions"), "1234567");
    assert_eq!(v(&r, "t2.punishment.decisions"), "12345");
}

#[test]
fn spaced_heading_characters() {
    let text =
        PDF_FLAT.replace("三、收到和处理政府信息公开申请情况", "三 、收 到 和 处 理 政 府 信 息 公 开 申 请 情 况");
    let r = parse(&text);
    assert_diag(&r, DiagnosticCode::SpacedCharacters, line_of(&text, "三 、收 到"));
    assert!(r.section(SectionKind::Requests).is_some());
    assert_eq!(cells(&r), cells(&parse(PDF_FLAT)));
}

#[test]
fn single_other_row_in_the_2021_template() {
    // 洪泽区 PDFs: （六）其他处理 printed as one row without its three sub-rows.
    let start = TAB.find("\t（六）其他处理").unwrap();
    let end = TAB.find("（七）总计").unwrap();
    let text = format!("{}\t（六）其他处理\t1\t0\t0\t0\t0\t0\t1\t\n{}", &TAB[..start], &TAB[end..])
        .replace("（七）总计\t9\t2\t0\t0\t1\t0\t12", "（七）总计\t10\t2\t0\t0\t1\t0\t13")
        .replace(
            "一、本年新收政府信息公开申请数量\t10\t2\t0\t0\t1\t0\t13",
            "一、本年新收政府信息公开申请数量\t11\t2\t0\t0\t1\t0\t14",
        );
    let r = parse(&text);
    assert_eq!(r.template, Template::Y2021);
    assert_eq!(diags(&r, DiagnosticCode::SingleOtherRow).len(), 1, "{:?}", r.diagnostics);
    for col in ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"] {
        assert!(r.cell(key(&format!("t3.other.total.{col}"))).is_some(), "t3.other.total.{col}");
        for sub in ["no_correction", "unpaid_fee", "other"] {
            assert!(r.cell(key(&format!("t3.other.{sub}.{col}"))).is_none(), "t3.other.{sub}.{col} must be absent");
        }
    }
    assert_eq!(v(&r, "t3.other.total.natural_person"), "1");
    assert_eq!(v(&r, "t3.other.total.total"), "1");
    assert_eq!(v(&r, "t3.total.total"), "13");
    let keys: Vec<String> = r.cells().map(|(k, _)| k.to_string()).collect();
    assert_eq!(keys.len(), 10 + 23 * 7 + 15);
    assert!(!keys.iter().any(|k| k.starts_with("t3.other.no_correction")));
    // The full template has no single row.
    assert!(diags(&parse(TAB), DiagnosticCode::SingleOtherRow).is_empty());
    assert!(parse(TAB).cell(key("t3.other.total.total")).is_none());
}

#[test]
fn markdown_pipe_tables() {
    let text = "\
# 示例县测试局2023年度政府信息公开工作年度报告

## 二、主动公开政府信息情况

### 第二十条第（一）项
| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
|---|---|---|---|
| 规章 | 0 | 0 | 2 |
| 行政规范性文件 | 3 | 1 | 9 |

## 四、政府信息公开行政复议、行政诉讼情况

| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|
| 1 | 0 | 0 | 1 | 2 | 0 | 0 | 0 | 0 | 0 | 0 | 1 | 0 | 0 | 1 |
";
    let r = parse(text);
    assert_eq!(r.metadata.agency.as_deref(), Some("示例县测试局"));
    assert_eq!(r.table2.as_ref().unwrap().layout, Some(zfxxgk::Layout::Markdown));
    assert_eq!(v(&r, "t2.normative_documents.in_force"), "9");
    assert_eq!(v(&r, "t4.review.total"), "2");
    assert_eq!(v(&r, "t4.litigation_after_review.corrected"), "1");
}

#[test]
fn pdf_layout_columns() {
    let text = "\
        示例县测试局2023年度政府信息公开工作年度报告

      二、主动公开政府信息情况
              第二十条第（一）项

       信息内容   本年制发件数    本年废止件数    现行有效件数

规章               0          0       2

行政规范性文件          3          1       9
";
    let r = parse(text);
    assert_eq!(r.table2.as_ref().unwrap().layout, Some(zfxxgk::Layout::PdfLayout));
    assert_eq!(v(&r, "t2.regulations.in_force"), "2");
    assert_eq!(v(&r, "t2.normative_documents.repealed"), "1");
}

// --- the keys ------------------------------------------------------------------

/// The keys of FORMAT.md §2, written out from its tables.
fn format_md_keys(single_other_row: bool) -> Vec<String> {
    let mut keys: Vec<String> = [
        "t2.regulations.issued",
        "t2.regulations.repealed",
        "t2.regulations.in_force",
        "t2.normative_documents.issued",
        "t2.normative_documents.repealed",
        "t2.normative_documents.in_force",
        "t2.licensing.decisions",
        "t2.punishment.decisions",
        "t2.enforcement.decisions",
        "t2.fees.amount",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = vec![
        "new_received",
        "carried_over",
        "granted",
        "partially_granted",
        "withheld.state_secret",
        "withheld.prohibited_by_law",
        "withheld.security_stability",
        "withheld.third_party_rights",
        "withheld.internal_affairs",
        "withheld.process_info",
        "withheld.enforcement_file",
        "withheld.administrative_query",
        "unavailable.not_held",
        "unavailable.needs_creation",
        "unavailable.unclear",
        "not_processed.petition",
        "not_processed.duplicate",
        "not_processed.publication",
        "not_processed.excessive",
        "not_processed.confirmation",
    ];
    if single_other_row {
        rows.push("other.total");
    } else {
        rows.extend(["other.no_correction", "other.unpaid_fee", "other.other"]);
    }
    rows.extend(["total", "carried_forward"]);
    let cols = ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"];
    for r in rows {
        for c in cols {
            keys.push(format!("t3.{r}.{c}"));
        }
    }
    for g in ["review", "litigation_direct", "litigation_after_review"] {
        for c in ["upheld", "corrected", "other", "pending", "total"] {
            keys.push(format!("t4.{g}.{c}"));
        }
    }
    keys
}

#[test]
fn cell_keys_are_the_format_md_keys() {
    let r = parse(TAB);
    let got: Vec<String> = r.cells().map(|(k, _)| k.to_string()).collect();
    assert_eq!(got, format_md_keys(false));
    // Display and FromStr agree on every key.
    for (k, _) in r.cells() {
        assert_eq!(k.to_string().parse::<CellKey>().unwrap(), k);
    }
    let r = parse(PDF_FLAT);
    let got: Vec<String> = r.cells().map(|(k, _)| k.to_string()).collect();
    assert_eq!(got, format_md_keys(false));
    assert_eq!(format_md_keys(true).len(), 10 + 23 * 7 + 15);
}

// --- parser bugs, minimal inputs (the round trip finds them across layouts) ---------

#[test]
fn table4_blank_first_cell() {
    let text =
        TAB.replace("1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1", "/\t0\t0\t1\t1\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1");
    let r = parse(&text);
    assert_eq!(val(&r, "t4.review.upheld"), None);
    assert_eq!(v(&r, "t4.review.total"), "1");
    assert_eq!(v(&r, "t4.litigation_after_review.total"), "1");
}

#[test]
fn tab_separated_empty_first_cell() {
    let text =
        TAB.replace("\t\t4.保护第三方合法权益\t1\t0\t0\t0\t0\t0\t1", "\t\t4.保护第三方合法权益\t\t1\t0\t0\t0\t0\t1");
    let r = parse(&text);
    assert_eq!(val(&r, "t3.withheld.third_party_rights.natural_person"), None);
    assert_eq!(v(&r, "t3.withheld.third_party_rights.commercial"), "1");
    assert_eq!(v(&r, "t3.withheld.third_party_rights.total"), "1");
}

/// The empty 本年废止件数 cell is spaces; `2` stands under the third column,
/// where the complete row below prints its third number.
#[test]
fn pdf_layout_empty_cell() {
    let text = "\
        示例县测试局2023年度政府信息公开工作年度报告

      二、主动公开政府信息情况
              第二十条第（一）项

       信息内容   本年制发件数    本年废止件数    现行有效件数

规章               0                       2

行政规范性文件          3          1       9
";
    let r = parse(text);
    assert_eq!(v(&r, "t2.regulations.issued"), "0");
    assert_eq!(val(&r, "t2.regulations.repealed"), None);
    assert_eq!(v(&r, "t2.regulations.in_force"), "2");
}

#[test]
fn web_double_spaced_empty_last_cell() {
    let mut text =
        String::from("示例县测试局2023年度政府信息公开工作年度报告\n\n  四、政府信息公开行政复议、行政诉讼情况\n\n");
    for c in ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    {
        text.push_str(c);
        text.push_str("\n\n");
    }
    for c in ["1", "0", "0", "1", "2", "0", "0", "0", "0", "0", "0", "0", "0", "0", ""] {
        text.push_str(c);
        text.push_str("\n\n");
    }
    text.push_str("  五、存在的主要问题及改进情况\n\n无。\n");
    let r = parse(&text);
    assert_eq!(v(&r, "t4.review.total"), "2");
    assert_eq!(val(&r, "t4.litigation_after_review.total"), None);
}

/// Some reports number their six sections 1、…6、 or （一）…（六）: read as sections, and
/// 二十条 without 第 still starts a table-2 block.
#[test]
fn sections_numbered_with_digits_or_brackets() {
    for (one, two, six) in [("1、", "2、", "6、"), ("（一）", "（二）", "（六）"), ("(一)", "(二)", "(六)")]
    {
        let text = format!(
            "某县某局2023年度政府信息公开工作年度报告\n{one}总体情况\n本年度主动公开信息10条。\n\
             {two}主动公开政府信息情况\n二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n\
             规章\t1\t0\t4\n行政规范性文件\t2\t1\t9\n{six}其他需要报告的事项\n无。\n"
        );
        let r = parse(&text);
        let kinds: Vec<_> = r.sections.iter().map(|s| s.kind).collect();
        assert_eq!(
            kinds,
            [zfxxgk::SectionKind::Overview, zfxxgk::SectionKind::ProactiveDisclosure, zfxxgk::SectionKind::Other],
            "{one}"
        );
        assert_eq!(v(&r, "t2.regulations.in_force"), "4", "{one}");
        assert_eq!(v(&r, "t2.normative_documents.repealed"), "1", "{one}");
    }
}

/// A table split across two PDF pages: a page number, a form feed and the
/// column header printed again in the middle of table 3. The repeated header
/// is not read as rows (its 总计 is not the （七）总计 row) and no value moves.
#[test]
fn table_split_across_pages_with_repeated_header() {
    let break_tab = "- 4 -\n\u{c}（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况\t\t\t\t\t\t总计\n\
                     \t\t自然人\t法人或其他组织\t\t\t\t\t\n\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\n";
    let break_flat =
        "\n- 4 -\n\u{c}申请人情况\n自然人 法人或其他组织 总计\n商业企业 科研机构 社会公益组织 法律服务机构 其他\n";
    for (base, anchor, insert) in [
        (zfxxgk::SAMPLE_REPORT, "\t\t5.属于三类内部事务信息", break_tab),
        (PDF_FLAT, "5.属于三类内部事务信息", break_flat),
    ] {
        let at = base.find(anchor).expect("anchor in fixture");
        let at = base[..at].rfind('\n').map_or(0, |i| i + 1);
        let text = format!("{}{insert}{}", &base[..at], &base[at..]);
        let plain = parse(base);
        let split = parse(&text);
        assert_eq!(split.cells().collect::<Vec<_>>(), plain.cells().collect::<Vec<_>>(), "{anchor}");
        let page = line_of(&text, "- 4 -");
        assert_diag(&split, DiagnosticCode::PageBreak, page);
    }
}

/// Numbers with full-width digits and thousands separators.
#[test]
fn full_width_digits_and_thousands_separators() {
    let text =
        zfxxgk::SAMPLE_REPORT.replacen("行政许可\t15", "行政许可\t1,215", 1).replacen("行政处罚\t3", "行政处罚\t３", 1);
    let r = parse(&text);
    assert_eq!(v(&r, "t2.licensing.decisions"), "1215");
    assert_eq!(v(&r, "t2.punishment.decisions"), "3");
}

/// OCR markdown that keeps Word's merged cells as empty `|  |` cells reads like the
/// tab-separated original: empty cells are padding or blanks by the row's width.
#[test]
fn markdown_with_empty_merged_cells() {
    let md: String = zfxxgk::SAMPLE_REPORT
        .lines()
        .map(|l| {
            if l.contains('\t') {
                format!("| {} |\n", l.split('\t').collect::<Vec<_>>().join(" | "))
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert!(md.contains("|  | （二）部分公开"));
    let plain = parse(zfxxgk::SAMPLE_REPORT);
    let r = parse(&md);
    assert_eq!(r.table3.as_ref().and_then(|t| t.layout), Some(zfxxgk::Layout::Markdown));
    assert_eq!(r.cells().collect::<Vec<_>>(), plain.cells().collect::<Vec<_>>());
    assert!(diags(&r, DiagnosticCode::ExtraValues).is_empty(), "{:?}", r.diagnostics);
}
