//! Hostile input: text that is no report (typed errors), damaged reports
//! (a `Report` with diagnostics), other encodings, and inputs built to make a
//! parser do superlinear work. The bounded-work tests measure no time: each
//! must complete, and what the parser produces (diagnostics, fragments,
//! subsections) must stay proportional to the input's lines or fields.

mod common;

use common::{Fixture, Layout, Options, PDF_FLAT, Rng, TAB, render};
use zfxxgk::{CellKey, DiagnosticCode, Encoding, Error, Report, SectionKind};

fn cells(r: &Report) -> Vec<(String, Option<String>)> {
    r.cells().map(|(k, v)| (k.to_string(), v.map(|n| n.to_string()))).collect()
}

fn has(r: &Report, code: DiagnosticCode) -> bool {
    r.diagnostics.iter().any(|d| d.code == code)
}

fn count_value(r: &Report, k: &str) -> Option<i64> {
    r.cell(k.parse::<CellKey>().unwrap())?.number()?.as_count()
}

/// Everything the parser produced that can grow with the input.
fn produced(r: &Report) -> usize {
    let frags = r.table2.as_ref().map_or(0, |t| t.unrecognized.len())
        + r.table3.as_ref().map_or(0, |t| t.unrecognized.len())
        + r.table4.as_ref().map_or(0, |t| t.unrecognized.len());
    let subs: usize = r.sections.iter().map(|s| s.subsections.len()).sum();
    r.diagnostics.len() + frags + subs + r.sections.len()
}

/// Parses and checks that the output is bounded by `budget` (lines or fields of the input).
fn parse_bounded(text: &str, budget: usize) -> Report {
    let r = zfxxgk::parse(text).expect("a report");
    let n = produced(&r);
    assert!(n <= budget + 200, "{n} diagnostics/fragments/subsections for an input of {budget} lines/fields");
    assert!(r.sections.len() <= 6);
    r
}

fn lines(text: &str) -> usize {
    text.lines().count()
}

/// TAB with `needle` replaced by `with`.
fn tab_with(needle: &str, with: &str) -> String {
    assert!(TAB.contains(needle), "{needle:?}");
    TAB.replacen(needle, with, 1)
}

// --- not a report ---------------------------------------------------------------

#[test]
fn empty_input_is_an_error() {
    for s in ["", " ", "\n\n\n", "\t \r\n", "\u{3000}\u{3000}\n", "\u{feff}", "\u{feff}\n  \n"] {
        assert_eq!(zfxxgk::parse(s).unwrap_err(), Error::Empty, "{s:?}");
    }
    assert_eq!(zfxxgk::parse_bytes(b"").unwrap_err(), Error::Empty);
    assert_eq!(zfxxgk::parse_bytes(b"\xef\xbb\xbf").unwrap_err(), Error::Empty);
    assert_eq!(zfxxgk::parse_bytes(b"\xff\xfe").unwrap_err(), Error::Empty);
}

#[test]
fn news_article_is_not_a_report() {
    let article = "\
市气象台发布寒潮蓝色预警

2024-01-20 来源：本市日报

受强冷空气影响，预计20日夜里到22日，我市将出现大风降温天气，最低气温可降至零下5摄氏度。

市气象台提醒市民注意防寒保暖，出行注意交通安全。农业部门要做好设施农业的防冻工作。

据统计，今年以来全市共发布各类预警信号36次，比去年同期增加12次。
";
    match zfxxgk::parse(article) {
        Err(Error::NotAReport { line, reason }) => {
            assert_eq!(line, 1);
            assert!(!reason.is_empty());
        }
        other => panic!("expected NotAReport, got {other:?}"),
    }
    let e = zfxxgk::parse("今天天气很好。").unwrap_err();
    assert!(matches!(e, Error::NotAReport { .. }), "{e:?}");
    // Only the first line of text counts for the position.
    assert!(matches!(zfxxgk::parse("\n\n  一段文字。\n"), Err(Error::NotAReport { line: 3, .. })));
}

#[test]
fn binary_garbage_is_an_error() {
    let mut rng = Rng::new(42);
    for len in [1000usize, 65_536, 1 << 20] {
        let bytes: Vec<u8> = (0..len).map(|_| rng.next_u64() as u8).collect();
        let e = zfxxgk::parse_bytes(&bytes).unwrap_err();
        assert!(matches!(e, Error::Binary { .. } | Error::Encoding { .. }), "{len} bytes: {e:?}");
    }
    // A few random bytes may decode as GB18030 text: still an error, never a report.
    for seed in 0..200 {
        let mut rng = Rng::new(seed);
        let bytes: Vec<u8> = (0..16).map(|_| rng.next_u64() as u8).collect();
        assert!(zfxxgk::parse_bytes(&bytes).is_err(), "{bytes:?}");
    }
    // A NUL byte in otherwise fine text.
    let e = zfxxgk::parse_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00").unwrap_err();
    assert!(matches!(e, Error::Binary { line: 1, code: 0 }), "{e:?}");
    let e = zfxxgk::parse(&format!("{TAB}\n\0\n")).unwrap_err();
    assert!(matches!(e, Error::Binary { code: 0, .. }), "{e:?}");
    // PNG signature and header.
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00";
    assert!(matches!(zfxxgk::parse_bytes(png).unwrap_err(), Error::Binary { .. } | Error::Encoding { .. }));
    // Neither UTF-8 nor GB18030: the offset is the first byte that is not UTF-8.
    assert_eq!(zfxxgk::parse_bytes(b"\xe4\xb8\x80\x80\xff").unwrap_err(), Error::Encoding { offset: 3 });
    // UTF-8 BOM followed by invalid UTF-8.
    assert!(matches!(zfxxgk::parse_bytes(b"\xef\xbb\xbfab\xff").unwrap_err(), Error::Encoding { offset: 5 }));
}

#[test]
fn errors_display_their_position() {
    let e = zfxxgk::parse("x\n\0").unwrap_err();
    assert_eq!(e, Error::Binary { line: 2, code: 0 });
    assert!(e.to_string().contains("line 2"), "{e}");
    assert!(Error::Encoding { offset: 7 }.to_string().contains('7'));
}

// --- damaged reports -------------------------------------------------------------

#[test]
fn table4_removed_is_reported_missing() {
    let a = TAB.find("行政复议\t").unwrap();
    let b = TAB.find("五、存在").unwrap();
    let text = format!("{}{}", &TAB[..a], &TAB[b..]);
    let r = zfxxgk::parse(&text).expect("a damaged report is still a report");
    assert!(r.table4.is_none());
    assert!(has(&r, DiagnosticCode::TableMissing), "{:?}", r.diagnostics);
    assert_eq!(r.cells().count(), 185);
    assert_eq!(count_value(&r, "t3.total.total"), Some(12));
    // The same damage in generated reports of every layout.
    for layout in Layout::ALL {
        let fx = Fixture::generate(11);
        let text = render(&fx, layout, Options { quirks: false, ..Options::plain(layout) });
        let (h4, h5) = (text.find("四、政府信息公开行政复议").unwrap(), text.find("五、").unwrap());
        let body_start = h4 + text[h4..].find('\n').unwrap() + 1;
        let line_start = text[..h5].rfind('\n').unwrap() + 1;
        let damaged = format!("{}{}", &text[..body_start], &text[line_start..]);
        let r = zfxxgk::parse(&damaged).unwrap();
        assert!(r.table4.is_none(), "{layout:?}");
        assert!(has(&r, DiagnosticCode::TableMissing), "{layout:?}");
        assert_eq!(r.cells().count(), fx.expected_cells().len() - 15, "{layout:?}");
    }
}

/// Minimal input: TAB without the line 四、政府信息公开行政复议、行政诉讼情况 and
/// table 4 (sections 一 二 三 五 六 only). Table 4's region falls back to the
/// lines between 三 and 五, which are table 3's: table 4 is "read" from table
/// 3's numbers (15 cells plus 150-odd row.extra_values) instead of being
/// missing. A report cut off inside table 3 shows the same.
#[test]
fn section4_removed_is_reported_missing() {
    let a = TAB.find("四、政府信息公开行政复议").unwrap();
    let b = TAB.find("五、存在").unwrap();
    let removed = format!("{}{}", &TAB[..a], &TAB[b..]);
    let truncated = &TAB[..TAB.find("\t\t4.保护第三方合法权益").unwrap()];
    for text in [removed.as_str(), truncated] {
        let r = zfxxgk::parse(text).unwrap();
        assert!(has(&r, DiagnosticCode::SectionMissing));
        assert!(r.table4.is_none(), "table 4 read from another section: {:?}", r.table4);
        assert!(has(&r, DiagnosticCode::TableMissing));
    }
}

#[test]
fn row_removed_is_reported_missing() {
    let text = tab_with("\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0\n", "");
    let r = zfxxgk::parse(&text).unwrap();
    let d = r.diagnostics.iter().find(|d| d.code == DiagnosticCode::RowMissing).expect("row.missing");
    assert!(d.message.contains("security_stability"), "{}", d.message);
    assert!(r.cell("t3.withheld.security_stability.total".parse().unwrap()).is_none());
    // The other rows keep their values.
    assert_eq!(count_value(&r, "t3.withheld.third_party_rights.natural_person"), Some(1));
    assert_eq!(count_value(&r, "t3.total.total"), Some(12));
    assert_eq!(r.cells().count(), 193);
    // The same in a flattened PDF.
    let text = PDF_FLAT.replace("3.危及“三安全一稳定” 0 0 0 0 0 0 0\n\n", "");
    let r = zfxxgk::parse(&text).unwrap();
    assert!(has(&r, DiagnosticCode::RowMissing), "{:?}", r.diagnostics);
    assert_eq!(count_value(&r, "t3.unavailable.not_held.total"), Some(1));
    assert_eq!(count_value(&r, "t3.not_processed.confirmation.total"), Some(1));
}

/// Table 4 with a value missing: the values are read in printed order as the
/// first cells, and the diagnostic says so, and that an empty cell which left
/// no mark would have put the values after it one cell early.
#[test]
fn table4_short_row_says_what_it_assumed() {
    let text =
        TAB.replacen("1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1\n", "0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1\n", 1);
    assert_ne!(text, TAB);
    let r = zfxxgk::parse(&text).unwrap();
    let d = r
        .diagnostics
        .iter()
        .find(|d| d.code == DiagnosticCode::RowMissing && d.message.starts_with("table 4"))
        .expect("row.missing for table 4");
    assert!(d.message.contains("only 14 of 15"), "{}", d.message);
    assert!(d.message.contains("printed order") && d.message.contains("one cell early"), "{}", d.message);
    // Read in printed order: the first cell takes the first value printed, the last is absent.
    assert_eq!(count_value(&r, "t4.review.upheld"), Some(0));
    assert_eq!(count_value(&r, "t4.review.total"), Some(0));
    assert!(r.cell("t4.litigation_after_review.total".parse().unwrap()).is_none());
}

#[test]
fn table2_row_removed_and_short_row() {
    let text = tab_with("行政强制\t4\t\t\n", "").replacen("规章\t0\t0\t2", "规章\t0\t0", 1);
    let r = zfxxgk::parse(&text).unwrap();
    assert!(has(&r, DiagnosticCode::RowMissing));
    assert!(has(&r, DiagnosticCode::ShortRow));
    assert_eq!(count_value(&r, "t2.punishment.decisions"), Some(7));
    assert_eq!(count_value(&r, "t2.licensing.decisions"), Some(15));
}

#[test]
fn truncated_report_keeps_what_it_read() {
    let cut = TAB.find("\t\t4.保护第三方合法权益").unwrap();
    let r = zfxxgk::parse(&TAB[..cut]).unwrap();
    assert_eq!(count_value(&r, "t2.fees.amount"), None); // a decimal, not a count
    assert_eq!(r.cell("t2.fees.amount".parse().unwrap()).unwrap().number().unwrap().to_string(), "1.25");
    assert_eq!(count_value(&r, "t3.new_received.total"), Some(13));
    assert_eq!(count_value(&r, "t3.withheld.security_stability.total"), Some(0));
    assert!(has(&r, DiagnosticCode::RowMissing));
    assert!(has(&r, DiagnosticCode::SectionMissing));
    // (Table 4 is not reported missing: see `section4_removed_is_reported_missing`.)
}

// --- other encodings -----------------------------------------------------------------

fn utf16(text: &str, big_endian: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = if bom { vec![0xfeffu16] } else { vec![] }.into_iter().chain(text.encode_utf16());
    for u in units {
        out.extend(if big_endian { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

#[test]
fn utf16_with_bom() {
    let want = cells(&zfxxgk::parse(TAB).unwrap());
    for (be, enc) in [(false, Encoding::Utf16Le), (true, Encoding::Utf16Be)] {
        let r = zfxxgk::parse_bytes(&utf16(TAB, be, true)).unwrap();
        assert_eq!(r.encoding, enc);
        assert_eq!(cells(&r), want);
        assert_eq!(r.metadata.agency.as_deref(), Some("示例县测试局"));
        let crlf = TAB.replace('\n', "\r\n");
        assert_eq!(cells(&zfxxgk::parse_bytes(&utf16(&crlf, be, true)).unwrap()), want);
    }
    // Without a BOM UTF-16 is not recognised: an error, never a garbled report.
    for be in [false, true] {
        assert!(zfxxgk::parse_bytes(&utf16(TAB, be, false)).is_err());
    }
    // An unpaired surrogate.
    let mut bad = utf16("一、总体情况", false, true);
    bad.extend([0x00, 0xd8, 0x41, 0x00]);
    assert!(matches!(zfxxgk::parse_bytes(&bad), Err(Error::Encoding { .. })));
}

#[test]
fn gbk_and_gb18030() {
    let want = cells(&zfxxgk::parse(TAB).unwrap());
    let (gbk, _, unmappable) = encoding_rs::GBK.encode(TAB);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&gbk).is_err());
    let r = zfxxgk::parse_bytes(&gbk).unwrap();
    assert_eq!(r.encoding, Encoding::Gb18030);
    assert_eq!(cells(&r), want);
    assert_eq!(r.metadata.agency.as_deref(), Some("示例县测试局"));
    assert_eq!(r.section(SectionKind::Other).unwrap().body.text, "本年度未收取信息处理费。");
    // A generated report in every layout, GB18030-encoded.
    for layout in Layout::ALL {
        let fx = Fixture::generate(5);
        let text = render(&fx, layout, Options { bom: false, ..Options::random(layout, 5) });
        let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
        let r = zfxxgk::parse_bytes(&bytes).unwrap();
        assert_eq!(r.encoding, Encoding::Gb18030, "{layout:?}");
        assert_eq!(cells(&r), cells(&zfxxgk::parse(&text).unwrap()), "{layout:?}");
    }
}

// --- bounded work ---------------------------------------------------------------------

#[test]
fn fifty_megabytes() {
    let para = "全年主动公开政府信息120条，其中政策文件9件，围绕重点领域加大信息发布力度。\n";
    let n = 50_000_000 / para.len();
    let text = tab_with("全年主动公开政府信息120条。\n", &para.repeat(n));
    assert!(text.len() >= 50_000_000);
    let r = parse_bounded(&text, lines(&text));
    assert_eq!(r.cells().count(), 200);
    assert!(r.section(SectionKind::Overview).unwrap().body.text.len() >= 49_000_000);
}

#[test]
fn a_million_empty_lines() {
    let empty = "\n".repeat(1_000_000);
    assert_eq!(zfxxgk::parse(&empty).unwrap_err(), Error::Empty);
    assert_eq!(zfxxgk::parse(&"\r\n".repeat(1_000_000)).unwrap_err(), Error::Empty);
    // Inside table 3 of a Word copy, between the title and section 一, in the prose.
    for (needle, at) in [("（七）总计\t9", "table 3"), ("一、总体情况", "preamble"), ("（二）依申请公开", "prose")]
    {
        let text = tab_with(needle, &format!("{empty}{needle}"));
        let r = parse_bounded(&text, lines(&text));
        assert_eq!(r.cells().count(), 200, "{at}");
        assert_eq!(count_value(&r, "t3.total.total"), Some(12), "{at}");
    }
    // Inside a double-spaced web table (empty lines there are empty cells).
    let fx = Fixture::generate(3);
    let web = render(&fx, Layout::WebDouble, Options::plain(Layout::WebDouble));
    let at = web.find("四、结转下年度继续办理").unwrap();
    let text = format!("{}{empty}{}", &web[..at], &web[at..]);
    let r = parse_bounded(&text, lines(&text));
    assert!(r.table3.is_some());
}

#[test]
fn one_ten_megabyte_line() {
    let big = "政府信息公开".repeat(10_000_000 / 18);
    assert!(big.len() >= 9_999_000);
    // Alone: no report.
    assert!(matches!(zfxxgk::parse(&big), Err(Error::NotAReport { .. })));
    // As a paragraph of section 一, inside table 3 (text), as the title.
    for (needle, at) in
        [("全年主动公开政府信息120条。", "prose"), ("（七）总计\t9", "table 3"), ("本报告所列数据", "preamble")]
    {
        let text = tab_with(needle, &format!("{big}\n{needle}"));
        let r = parse_bounded(&text, lines(&text));
        assert_eq!(count_value(&r, "t3.total.total"), Some(12), "{at}");
    }
    // A 10 MB line without a single space or line break between numbers and words.
    let mixed = "0一".repeat(10_000_000 / 4);
    let text = tab_with("（七）总计\t9", &format!("{mixed}\n（七）总计\t9"));
    let r = parse_bounded(&text, lines(&text));
    assert_eq!(count_value(&r, "t3.total.total"), Some(12));
}

/// A long line of space-separated numbers inside table 3 (what a PDF table
/// flattened onto one line looks like). Reduced from 10 MB to 200 KB
/// (100,000 values) because of the quadratic column computation tested,
/// ignored, in `ten_megabyte_line_of_numbers`.
#[test]
fn a_long_line_of_numbers_in_a_table() {
    let nums = "0 ".repeat(100_000);
    let text = tab_with("（七）总计\t9", &format!("{nums}\n（七）总计\t9"));
    let r = parse_bounded(&text, 100_000 + lines(&text));
    assert_eq!(count_value(&r, "t3.total.total"), Some(12));
    assert_eq!(r.cells().count(), 200);
}

/// Minimal input: a report whose table-3 region holds one line of 5,000,000
/// `0 ` (10 MB). Every value's span computes its column by counting the
/// characters from the start of the line (`Line::span_at`), so the work is
/// quadratic in the line length: in debug, 1 MB took 8.3 s, 2 MB 30.7 s, so
/// 10 MB takes about 12 minutes (it should take well under a second).
#[test]
fn ten_megabyte_line_of_numbers() {
    let nums = "0 ".repeat(5_000_000);
    let text = tab_with("（七）总计\t9", &format!("{nums}\n（七）总计\t9"));
    let r = parse_bounded(&text, 5_000_000 + lines(&text));
    assert_eq!(count_value(&r, "t3.total.total"), Some(12));
}

/// The statistics-period search with many years on one line. Reduced size;
/// see `many_years_before_the_period_end`.
#[test]
fn years_before_the_period_end() {
    let years = format!("{}1月1日至12月31日。", "2023年".repeat(1_000));
    let text = tab_with("本报告所列数据的统计期限为2023年1月1日至12月31日。", &years);
    let r = parse_bounded(&text, lines(&text));
    assert_eq!(r.metadata.year, Some(2023));
    assert!(r.metadata.period.is_some());
}

/// Minimal input: a preamble line `2023年2023年…2023年1月1日至12月31日` with
/// 1,000,000 years (7 MB). `meta::find_period` squashes the rest of the line
/// for every year it finds, so the work is quadratic: in debug 10,000 years
/// (70 KB) took 4.4 s and 20,000 years 17 s.
#[test]
fn many_years_before_the_period_end() {
    let years = format!("{}1月1日至12月31日。", "2023年".repeat(1_000_000));
    let text = tab_with("本报告所列数据的统计期限为2023年1月1日至12月31日。", &years);
    let r = parse_bounded(&text, lines(&text));
    assert_eq!(r.metadata.year, Some(2023));
}

#[test]
fn ten_thousand_repeated_headings() {
    let six: String = SectionKind::ALL.iter().map(|k| format!("{}、{}\n", k.numeral(), k.usual_heading())).collect();
    let many = six.repeat(10_000);
    // After the report, before it, and alone.
    for text in [format!("{TAB}{many}"), format!("{many}{TAB}"), many.clone()] {
        let r = parse_bounded(&text, lines(&text));
        assert_eq!(r.sections.len(), 6);
    }
    // The same heading 10,000 times, and 10,000 subsections.
    let text = tab_with("三、收到和处理政府信息公开申请情况\n", &"三、收到和处理政府信息公开申请情况\n".repeat(10_000));
    let r = parse_bounded(&text, lines(&text));
    assert_eq!(r.sections.len(), 6);
    let text = tab_with("（一）主动公开\n", &"（一）主动公开\n".repeat(10_000));
    let r = parse_bounded(&text, lines(&text));
    assert_eq!(r.section(SectionKind::Overview).unwrap().subsections.len(), 10_001);
    // A table-3 row label repeated 10,000 times with its numbers.
    let row = "\t\t2.重复申请\t0\t0\t0\t0\t0\t0\t0\n";
    let text = tab_with(row, &row.repeat(10_000));
    let r = parse_bounded(&text, 8 * lines(&text));
    assert_eq!(count_value(&r, "t3.total.total"), Some(12));
}

#[test]
fn ten_thousand_tab_columns() {
    let fields = "\t0".repeat(10_000);
    for (needle, with) in [
        (
            "一、本年新收政府信息公开申请数量\t10\t2\t0\t0\t1\t0\t13\t\t",
            format!("一、本年新收政府信息公开申请数量{fields}"),
        ),
        ("行政许可\t15\t\t", format!("行政许可{fields}")),
        ("1\t0\t0\t1\t2\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1", fields[1..].to_owned()),
        ("\t\t\t商业企业", format!("{}\t\t\t商业企业", "\t".repeat(10_000))),
        ("（七）总计\t9", format!("{}\n（七）总计\t9", "\t无".repeat(10_000))),
    ] {
        let text = tab_with(needle, &with);
        let r = parse_bounded(&text, 10_000 + lines(&text));
        assert!(r.table2.is_some() && r.table3.is_some() && r.table4.is_some());
    }
}

#[test]
fn many_short_fragments_in_a_table() {
    // 200,000 lines of label-like text that never completes a label (wrapped-label joining).
    let frag = "不予公\n开\n".repeat(100_000);
    let text = tab_with("（七）总计\t9", &format!("{frag}（七）总计\t9"));
    let r = parse_bounded(&text, lines(&text));
    assert_eq!(count_value(&r, "t3.total.total"), Some(12));
    // The same in a flattened PDF.
    let text = PDF_FLAT.replace("（七）总计", &format!("{frag}（七）总计"));
    let r = parse_bounded(&text, lines(&text));
    assert!(r.table3.is_some());
}

#[test]
fn deeply_repeated_markdown_pipes() {
    let row = format!("|{}\n", " 0 |".repeat(20_000));
    let text = format!(
        "# 示例县测试局2023年度政府信息公开工作年度报告\n\n## 三、收到和处理政府信息公开申请情况\n\n| 一、本年新收政府信息公开申请数量 |\n{}\n## 四、政府信息公开行政复议、行政诉讼情况\n",
        row.repeat(10)
    );
    let r = parse_bounded(&text, 200_000 + lines(&text));
    assert!(r.table3.is_some());
}

/// 100,000 claims in the prose of section 一, one per line and then all on
/// one line: the check points at each of them in work linear in the text
/// (the line and column of a claim used to be counted from the start of the
/// section for every claim, which took minutes here).
#[test]
fn a_hundred_thousand_claims_in_the_prose() {
    let claim = "本年度收到政府信息公开申请12件。";
    for sep in ["\n", ""] {
        let prose: String = std::iter::repeat_n(claim, 100_000).collect::<Vec<_>>().join(sep);
        let text = tab_with("全年主动公开政府信息120条。", &format!("全年主动公开政府信息120条。\n{prose}"));
        let r = parse_bounded(&text, lines(&text));
        let claims = zfxxgk::check::claims(&r);
        assert!(claims.len() >= 100_000, "{}", claims.len());
        // The last of them points at its digits, on the right line and column.
        let last = claims.iter().rev().find(|c| c.text.starts_with("收到政府信息公开申请12件")).unwrap();
        assert_eq!(last.span.slice(&text), "12");
        let first_line = text.lines().position(|l| l.starts_with("本年度收到")).unwrap() as u32 + 1;
        let (line, column) = if sep == "\n" { (first_line + 99_999, 14) } else { (first_line, 99_999 * 17 + 14) };
        assert_eq!((last.span.line, last.span.column), (line, column));
        // Text and table agree (12 applications).
        assert!(r.check().is_empty(), "{:?}", r.check().first());
    }
}
