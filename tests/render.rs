//! The canonical renderer: `parse(render(r))` gives back the same cells
//! (blanks included), section headings, agency, year and template, for
//! generated reports of both templates and (with `ZFXXGK_CORPUS`) for the
//! real corpus; rendering is idempotent. Also: 2019-template tables read in
//! every layout the fixture generator prints.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use common::{
    BlankStyle, Block, Fixture, GenOptions, Layout, MARKERS, Options, compare, render as print_in, report_cells,
};
use zfxxgk::{Applicant, Cell, Metadata, Report, Section, SectionKind, Table2, Table3, Table4, Template, Text, Value};

const SEEDS: u64 = 200;

// --- helpers -----------------------------------------------------------------------

/// The report a fixture describes, built directly (no parsing): the
/// renderer's input for the property tests.
fn report_of(fx: &Fixture) -> Report {
    let cell = |v: Option<zfxxgk::Number>| Cell {
        value: v.map_or(Value::Blank, |number| Value::Number { number }),
        span: zfxxgk::Span::default(),
    };
    let mut r = Report::default();
    r.template = fx.template;
    let mut meta = Metadata::default();
    meta.agency = Some(fx.agency.clone());
    meta.year = Some(fx.year);
    // Every third report has no title: the renderer writes agency + year.
    if !fx.seed.is_multiple_of(3) {
        let du = if fx.seed.is_multiple_of(2) { "年度" } else { "年" };
        let text = format!("{}{}{du}政府信息公开工作年度报告", fx.agency, fx.year);
        meta.title = Some(Text { text, span: zfxxgk::Span::default() });
    }
    r.metadata = meta;
    r.preamble = Text {
        text: format!("本报告所列数据的统计期限为{}年1月1日至12月31日。", fx.year),
        span: zfxxgk::Span::default(),
    };
    for s in &fx.sections {
        let mut body = String::new();
        for b in &s.blocks {
            match b {
                Block::Para(p) => {
                    let _ = writeln!(body, "{}\n", p.concat());
                }
                Block::Sub { marker, title, body: sentences, inline: true } => {
                    let _ = writeln!(body, "{marker}{title}。{}\n", sentences.concat());
                }
                Block::Sub { marker, title, body: sentences, inline: false } => {
                    let _ = writeln!(body, "{marker}{title}\n{}\n", sentences.concat());
                }
            }
        }
        r.sections.push(Section {
            kind: s.kind,
            heading: Text { text: s.full_heading(), span: Default::default() },
            body: Text { text: body.trim_end().to_owned(), span: Default::default() },
            subsections: Vec::new(),
        });
    }
    let mut t2 = Table2::default();
    t2.cells = fx.t2.iter().map(|(k, v)| (*k, cell(*v))).collect();
    r.table2 = Some(t2);
    let mut t3 = Table3::empty();
    for (row, v) in &fx.t3 {
        for (c, col) in Applicant::ALL.iter().enumerate() {
            t3.set(*row, *col, cell(v[c].map(zfxxgk::Number::count)));
        }
    }
    r.table3 = Some(t3);
    let mut t4 = Table4::default();
    for g in 0..3 {
        for c in 0..5 {
            t4.groups[g][c] = Some(cell(fx.t4[g][c].map(zfxxgk::Number::count)));
        }
    }
    r.table4 = Some(t4);
    r
}

/// Compares the re-parse of a rendered report with the report: cells (keys,
/// values, blanks), template, agency, year, section headings. Also checks that
/// rendering the re-parse gives the same text (idempotence).
fn same_after_round_trip(r: &Report) -> Result<Report, String> {
    let text = zfxxgk::render(r);
    let again = zfxxgk::parse(&text).map_err(|e| format!("  re-parse failed: {e}\n{text}"))?;
    let mut errs = String::new();
    let (a, b) = (report_cells(r), report_cells(&again));
    if a != b {
        let am: std::collections::BTreeMap<_, _> = a.iter().cloned().collect();
        let bm: std::collections::BTreeMap<_, _> = b.iter().cloned().collect();
        let show = |v: Option<&Option<String>>| match v {
            None => "absent".to_owned(),
            Some(None) => "blank".to_owned(),
            Some(Some(n)) => n.clone(),
        };
        let keys = am.keys().chain(bm.keys().filter(|k| !am.contains_key(*k)));
        for k in keys.filter(|k| am.get(*k) != bm.get(*k)).take(12) {
            let _ = writeln!(errs, "  cell {k}: was {}, now {}", show(am.get(k)), show(bm.get(k)));
        }
        if am == bm {
            let _ = writeln!(errs, "  cells in another order");
        }
    }
    if again.template != r.template {
        let _ = writeln!(errs, "  template: was {}, now {}", r.template, again.template);
    }
    if again.metadata.agency != r.metadata.agency {
        let _ = writeln!(errs, "  agency: was {:?}, now {:?}", r.metadata.agency, again.metadata.agency);
    }
    if again.metadata.year != r.metadata.year {
        let _ = writeln!(errs, "  year: was {:?}, now {:?}", r.metadata.year, again.metadata.year);
    }
    for s in &r.sections {
        match again.section(s.kind) {
            Some(t) if t.heading.text == s.heading.text => {}
            other => {
                let _ = writeln!(errs, "  heading {:?}: now {:?}", s.heading.text, other.map(|t| &t.heading.text));
            }
        }
    }
    for s in &again.sections {
        let had_table = match s.kind {
            SectionKind::ProactiveDisclosure => r.table2.is_some(),
            SectionKind::Requests => r.table3.is_some(),
            SectionKind::ReviewsLitigation => r.table4.is_some(),
            _ => false,
        };
        if r.section(s.kind).is_none() && !had_table {
            let _ = writeln!(errs, "  section {:?} appeared: {:?}", s.kind, s.heading.text);
        }
    }
    let text2 = zfxxgk::render(&again);
    if text2 != text && errs.is_empty() {
        let first = text.lines().zip(text2.lines()).position(|(x, y)| x != y).unwrap_or(0);
        let _ = writeln!(
            errs,
            "  not idempotent: line {}: {:?} vs {:?}",
            first + 1,
            text.lines().nth(first),
            text2.lines().nth(first)
        );
    }
    if errs.is_empty() {
        Ok(again)
    } else {
        let _ = writeln!(errs, "--- rendered:\n{text}");
        Err(errs)
    }
}

fn report_failures(what: &str, n: usize, failures: &[String]) {
    assert!(
        failures.is_empty(),
        "{what}: {} of {n} failed:\n{}",
        failures.len(),
        failures.iter().take(3).cloned().collect::<Vec<_>>().join("\n")
    );
}

/// Renders the report a fixture describes, parses it back and compares with the fixture.
fn check_fixture(fx: &Fixture) -> Result<(), String> {
    let r = report_of(fx);
    let again = same_after_round_trip(&r)?;
    compare(&again, fx).map_err(|e| format!("{e}--- rendered:\n{}", zfxxgk::render(&r)))?;
    if again.template != fx.template {
        return Err(format!("  template {:?}, want {:?}", again.template, fx.template));
    }
    Ok(())
}

fn run_fixtures(what: &str, gen_fx: impl Fn(u64) -> Fixture, seeds: std::ops::Range<u64>) {
    let n = seeds.clone().count();
    let failures: Vec<String> =
        seeds.filter_map(|seed| check_fixture(&gen_fx(seed)).err().map(|e| format!("seed {seed}:\n{e}"))).collect();
    report_failures(what, n, &failures);
}

// --- generated reports, built directly --------------------------------------------

#[test]
fn round_trip_2021_template() {
    run_fixtures("2021", |s| Fixture::generate_with(s, GenOptions::default()), 0..SEEDS);
}

#[test]
fn round_trip_2019_template() {
    run_fixtures("2019", |s| Fixture::generate_2019_with(s, GenOptions::default()), 0..SEEDS);
}

/// Many blanks, at every edge of every row (tables 2 and 3; table 4 below).
#[test]
fn round_trip_many_blanks() {
    let knobs = GenOptions { blank_fixtures: 100, t4_edge_blanks: false, ..GenOptions::default() };
    run_fixtures("2021, blanks", |s| Fixture::generate_with(s, knobs), 1000..1100);
    run_fixtures("2019, blanks", |s| Fixture::generate_2019_with(s, knobs), 1000..1100);
}

#[test]
fn round_trip_table4_edge_blanks() {
    let knobs = GenOptions { blank_fixtures: 100, ..GenOptions::default() };
    run_fixtures("2021, t4 edges", |s| Fixture::generate_with(s, knobs), 2000..2100);
    run_fixtures("2019, t4 edges", |s| Fixture::generate_2019_with(s, knobs), 2000..2100);
}

/// Every cell of every table blank, in both templates.
#[test]
fn round_trip_all_blank() {
    for fx in [Fixture::generate(7), Fixture::generate_2019(7)] {
        let mut r = report_of(&fx);
        for (_, c) in &mut r.table2.as_mut().unwrap().cells {
            c.value = Value::Blank;
        }
        for row in &mut r.table3.as_mut().unwrap().rows {
            for c in row.iter_mut().flatten() {
                c.value = Value::Blank;
            }
        }
        for g in &mut r.table4.as_mut().unwrap().groups {
            for c in g.iter_mut().flatten() {
                c.value = Value::Blank;
            }
        }
        let again = same_after_round_trip(&r).unwrap_or_else(|e| panic!("{:?}:\n{e}", fx.template));
        assert!(again.cells().all(|(_, v)| v.is_none()));
        assert_eq!(again.cells().count(), r.cells().count());
    }
}

/// Rows that were not read stay absent (not blank); a report without table 3 has none after the trip.
#[test]
fn absent_rows_and_tables_stay_absent() {
    use zfxxgk::{T2Item, T3Row};
    for fx in [Fixture::generate(11), Fixture::generate_2019(11)] {
        let mut r = report_of(&fx);
        r.table2.as_mut().unwrap().cells.retain(|(k, _)| k.item != T2Item::Enforcement);
        let t3 = r.table3.as_mut().unwrap();
        t3.rows[T3Row::WithheldProcessInfo.index()] = [None; 7];
        let again = same_after_round_trip(&r).unwrap_or_else(|e| panic!("{:?}:\n{e}", fx.template));
        assert!(!again.cells().any(|(k, _)| k.to_string().starts_with("t2.enforcement.")));
        assert!(!again.table3.as_ref().unwrap().has_row(T3Row::WithheldProcessInfo));

        r.table3 = None;
        r.sections.retain(|s| s.kind != SectionKind::Requests);
        let again = same_after_round_trip(&r).unwrap_or_else(|e| panic!("{:?}:\n{e}", fx.template));
        assert!(again.table3.is_none());
    }
}

/// The canonical text itself, for a small 2019-template report.
#[test]
fn canonical_text_of_a_2019_report() {
    let r = zfxxgk::parse(SHANGHAI_LIKE_2019).unwrap();
    assert_eq!(r.template(), Template::Y2019);
    let text = zfxxgk::render(&r);
    let t2 = "\
第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t12
规范性文件\t3\t3\t45
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t120\t-3\t5418
其他对外管理服务事项\t\t\t
第二十条第（六）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t56\t4\t1020
行政强制\t2\t0\t14
第二十条第（八）项
信息内容\t上一年项目数量\t本年增/减
行政事业性收费\t1\t0
第二十条第（九）项
信息内容\t采购项目数量\t采购总金额
政府集中采购\t12\t251000元
";
    assert!(text.contains(t2), "{text}");
    assert!(text.contains("\t（六）其他处理\t0\t0\t0\t0\t0\t0\t0\n"), "{text}");
    assert!(text.contains("\t\t2.重复申请\t1\t\t\t\t\t\t1\n"), "{text}");
    assert!(text.starts_with("上海市示例局2019年度政府信息公开工作年度报告\n"), "{text}");
    assert!(!text.contains("听全文"), "boilerplate dropped: {text}");
    same_after_round_trip(&r).unwrap();
}

// --- reports parsed from every layout ----------------------------------------------

/// Print a fixture in a layout, parse it, and round-trip the parsed report.
fn run_parsed(template: Template, layout: Layout, seeds: std::ops::Range<u64>) {
    let n = seeds.clone().count();
    let mut failures = Vec::new();
    for seed in seeds {
        let knobs = GenOptions { blank_edges: layout != Layout::Tab, ..GenOptions::default() };
        let fx = match template {
            Template::Y2019 => Fixture::generate_2019_with(seed, knobs),
            _ => Fixture::generate_with(seed, knobs),
        };
        let text = print_in(&fx, layout, Options::random(layout, seed));
        let r = match zfxxgk::parse(&text) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("seed {seed}: {e}"));
                continue;
            }
        };
        if let Err(e) = same_after_round_trip(&r) {
            failures.push(format!("seed {seed}:\n{e}"));
        }
    }
    report_failures(&format!("{template:?} {layout:?}"), n, &failures);
}

#[test]
fn round_trip_of_parsed_reports_2021() {
    for layout in Layout::ALL {
        run_parsed(Template::Y2021, layout, 0..40);
    }
}

#[test]
fn round_trip_of_parsed_reports_2019() {
    for layout in Layout::ALL {
        run_parsed(Template::Y2019, layout, 0..40);
    }
}

#[test]
fn round_trip_of_the_sample() {
    let r = zfxxgk::parse(zfxxgk::SAMPLE_REPORT).unwrap();
    let again = same_after_round_trip(&r).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again.metadata.period.as_ref().map(|p| &p.text), r.metadata.period.as_ref().map(|p| &p.text));
    assert_eq!(r.render(), zfxxgk::render(&r));
}

// --- the real corpus -----------------------------------------------------------------

fn corpus_files() -> Option<Vec<PathBuf>> {
    let dir = PathBuf::from(std::env::var_os("ZFXXGK_CORPUS")?);
    let mut files = Vec::new();
    for sub in ["corpus/real", "seeds"] {
        let d = dir.join(sub);
        assert!(d.is_dir(), "ZFXXGK_CORPUS={}: {sub}/ is missing", dir.display());
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    Some(files)
}

fn parse_file(path: &Path) -> Report {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    zfxxgk::parse_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn round_trip_of_the_real_corpus() {
    let Some(files) = corpus_files() else {
        eprintln!("ZFXXGK_CORPUS is not set; corpus round trip skipped");
        return;
    };
    assert!(!files.is_empty());
    let mut failures = Vec::new();
    for path in &files {
        let r = parse_file(path);
        if let Err(e) = same_after_round_trip(&r) {
            failures.push(format!("{}:\n{e}", path.display()));
        }
    }
    report_failures("corpus", files.len(), &failures);
}

// --- 2019-template tables in every layout --------------------------------------------

/// Prints 2019-template fixtures in a layout and checks every cell, the template,
/// the metadata and the sections.
fn run_2019(layout: Layout, knobs: GenOptions, opts: impl Fn(u64) -> Options, seeds: std::ops::Range<u64>) {
    let n = seeds.clone().count();
    let mut failures = Vec::new();
    for seed in seeds {
        let fx = Fixture::generate_2019_with(seed, knobs);
        let text = print_in(&fx, layout, opts(seed));
        let r = match zfxxgk::parse(&text) {
            Ok(r) => r,
            Err(e) => {
                failures.push(format!("seed {seed}: {e}"));
                continue;
            }
        };
        let mut e = compare(&r, &fx).err().unwrap_or_default();
        if r.template() != Template::Y2019 {
            let _ = writeln!(e, "  template {:?}", r.template());
        }
        if !r.diagnostics.iter().any(|d| d.code == zfxxgk::DiagnosticCode::SingleOtherRow) {
            let _ = writeln!(e, "  no t3.single_other_row diagnostic");
        }
        if r.diagnostics.iter().any(|d| d.code == zfxxgk::DiagnosticCode::TemplateGuessed) {
            let _ = writeln!(e, "  template guessed, not read from the headers");
        }
        for t in [r.table2.as_ref().and_then(|t| t.layout), r.table3.as_ref().and_then(|t| t.layout)] {
            if t != Some(layout.parser_layout()) {
                let _ = writeln!(e, "  table layout {t:?}, want {:?}", layout.parser_layout());
            }
        }
        if !e.is_empty() {
            failures.push(format!("seed {seed}:\n{e}"));
        }
    }
    report_failures(&format!("2019 {layout:?}"), n, &failures);
}

fn layout_2019(layout: Layout) {
    // Edge blanks in a Word copy are ambiguous with lost leading tabs (see roundtrip.rs).
    let knobs = GenOptions { blank_edges: layout != Layout::Tab, ..GenOptions::default() };
    run_2019(layout, knobs, |s| Options::random(layout, s), 0..SEEDS);
}

#[test]
fn y2019_tab_separated() {
    layout_2019(Layout::Tab);
}

#[test]
fn y2019_tab_separated_edge_blanks_as_markers() {
    let opts =
        |s: u64| Options { blank: BlankStyle::Marker(MARKERS[s as usize % 4]), ..Options::random(Layout::Tab, s) };
    run_2019(Layout::Tab, GenOptions::default(), opts, 0..SEEDS);
}

#[test]
fn y2019_cell_per_line() {
    layout_2019(Layout::CellPerLine);
}

#[test]
fn y2019_web_double_spaced() {
    layout_2019(Layout::WebDouble);
}

#[test]
fn y2019_pdf_flat() {
    layout_2019(Layout::PdfFlat);
}

#[test]
fn y2019_pdf_layout() {
    layout_2019(Layout::PdfLayout);
}

#[test]
fn y2019_markdown() {
    layout_2019(Layout::Markdown);
}

#[test]
fn y2019_encodings_and_plain_renders() {
    for layout in Layout::ALL {
        let knobs = GenOptions { blank_edges: layout != Layout::Tab, blank_fixtures: 60, ..GenOptions::default() };
        for bits in 0..8u8 {
            let opts = move |s: u64| Options {
                full_width: bits & 1 != 0,
                crlf: bits & 2 != 0,
                bom: bits & 4 != 0,
                ..Options::random(layout, s)
            };
            run_2019(layout, knobs, opts, 500..504);
        }
        run_2019(layout, knobs, move |_| Options { quirks: false, ..Options::plain(layout) }, 600..610);
    }
}

/// The 2019 generator: deterministic, the 2019 keys, negative changes and amounts with units.
#[test]
fn generator_2019() {
    use zfxxgk::{T2Item, T2Measure, T3Row, Unit};
    let fxs: Vec<Fixture> = (0..300).map(Fixture::generate_2019).collect();
    for (seed, fx) in fxs.iter().enumerate() {
        let b = Fixture::generate_2019(seed as u64);
        assert_eq!(
            print_in(fx, Layout::Tab, Options::plain(Layout::Tab)),
            print_in(&b, Layout::Tab, Options::plain(Layout::Tab))
        );
        assert_eq!(fx.template, Template::Y2019);
        assert!((2019..=2020).contains(&fx.year));
        let keys: Vec<(T2Item, T2Measure)> = fx.t2.iter().map(|(k, _)| (k.item, k.measure)).collect();
        let want: Vec<(T2Item, T2Measure)> = Template::Y2019
            .table2_items()
            .iter()
            .flat_map(|&i| Template::Y2019.table2_measures(i).iter().map(move |&m| (i, m)))
            .collect();
        assert_eq!(keys, want);
        assert!(fx.t3_row(T3Row::OtherTotal).is_some() && fx.t3_row(T3Row::OtherOther).is_none());
        assert_eq!(fx.t3.len(), 23);
        let z = |v: Option<i64>| v.unwrap_or(0);
        for (row, v) in &fx.t3 {
            assert_eq!(v[..6].iter().map(|x| z(*x)).sum::<i64>(), z(v[6]), "seed {seed} {row}");
        }
        for c in 0..7 {
            let outcome: i64 = fx.t3.iter().filter(|(r, _)| r.is_outcome()).map(|(_, v)| z(v[c])).sum();
            assert_eq!(outcome, z(fx.t3_row(T3Row::Total).unwrap()[c]), "seed {seed} col {c}");
        }
    }
    let values = || fxs.iter().flat_map(|f| f.t2.iter().filter_map(|(k, v)| v.map(|n| (k.measure, n))));
    assert!(values().any(|(m, n)| m == T2Measure::Change && n.mantissa < 0), "a negative 本年增/减");
    assert!(values().any(|(_, n)| n.unit == Some(Unit::Yuan)), "an amount in 元");
    assert!(values().any(|(_, n)| n.unit == Some(Unit::WanYuan) && n.scale > 0), "a decimal amount in 万元");
    assert!(fxs.iter().any(|f| f.t2.iter().any(|(_, v)| v.is_none())), "blank table-2 cells");
}

// --- hand-written 2019 fixtures --------------------------------------------------------

/// A 2019-template report copied from a web page into Word (tab-separated),
/// modelled on the Shanghai 2019 report: 总计 blank in rows that are not
/// totals, a negative 本年增/减, a procurement amount in 元.
const SHANGHAI_LIKE_2019: &str = "\
听全文
上海市示例局2019年度政府信息公开工作年度报告

本报告所列数据的统计期限为2019年1月1日至12月31日。

一、总体情况

2019年，本局共收到政府信息公开申请2件。

二、主动公开政府信息情况

第二十条第（一）项
信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量
规章\t0\t0\t12
规范性文件\t3\t3\t45
第二十条第（五）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政许可\t120\t-3\t5418
其他对外管理服务事项\t/\t/\t/
第二十条第（六）项
信息内容\t上一年项目数量\t本年增/减\t处理决定数量
行政处罚\t56\t+4\t1,020
行政强制\t2\t0\t14
第二十条第（八）项
信息内容\t上一年项目数量\t本年增/减
行政事业性收费\t1\t0
第二十条第（九）项
信息内容\t采购项目数量\t采购总金额
政府集中采购\t12\t251000元

三、收到和处理政府信息公开申请情况

（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）\t\t申请人情况
\t\t自然人\t法人或其他组织\t\t\t\t\t总计
\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他
一、本年新收政府信息公开申请数量\t2\t0\t0\t0\t0\t0\t2
二、上年结转政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0
三、本年度办理结果\t（一）予以公开\t1\t0\t0\t0\t0\t0\t1
\t（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t0\t0\t0\t0\t0\t0\t0
\t（三）不予公开\t1.属于国家秘密\t0\t0\t0\t0\t0\t0\t0
\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0
\t\t3.危及“三安全一稳定”\t0\t0\t0\t0\t0\t0\t0
\t\t4.保护第三方合法权益\t0\t0\t0\t0\t0\t0\t0
\t\t5.属于三类内部事务信息\t0\t0\t0\t0\t0\t0\t0
\t\t6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0
\t\t7.属于行政执法案卷\t0\t0\t0\t0\t0\t0\t0
\t\t8.属于行政查询事项\t0\t0\t0\t0\t0\t0\t0
\t（四）无法提供\t1.本机关不掌握相关政府信息\t0\t0\t0\t0\t0\t0\t0
\t\t2.没有现成信息需要另行制作\t0\t0\t0\t0\t0\t0\t0
\t\t3.补正后申请内容仍不明确\t0\t0\t0\t0\t0\t0\t0
\t（五）不予处理\t1.信访举报投诉类申请\t0\t0\t0\t0\t0\t0\t0
\t\t2.重复申请\t1\t/\t/\t/\t/\t/\t1
\t\t3.要求提供公开出版物\t0\t0\t0\t0\t0\t0\t0
\t\t4.无正当理由大量反复申请\t0\t0\t0\t0\t0\t0\t0
\t\t5.要求行政机关确认或重新出具已获取信息\t0\t0\t0\t0\t0\t0\t0
\t（六）其他处理\t0\t0\t0\t0\t0\t0\t0
（七）总计\t2\t0\t0\t0\t0\t0\t2
四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0

四、政府信息公开行政复议、行政诉讼情况

行政复议\t\t\t\t\t行政诉讼
结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t未经复议直接起诉\t\t\t\t\t复议后起诉
\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计
0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0

五、存在的主要问题及改进情况

政策解读形式不够丰富。

六、其他需要报告的事项

无。
";

#[test]
fn hand_written_2019_tab_report() {
    let r = zfxxgk::parse(SHANGHAI_LIKE_2019).unwrap();
    assert_eq!(r.template(), Template::Y2019);
    assert_eq!(r.metadata.agency.as_deref(), Some("上海市示例局"));
    assert_eq!(r.metadata.year, Some(2019));
    let v = |k: &str| r.cell(k.parse().unwrap()).map(|c| c.number().map(|n| n.to_string()));
    assert_eq!(v("t2.licensing.change"), Some(Some("-3".into())));
    assert_eq!(v("t2.punishment.change"), Some(Some("4".into())));
    assert_eq!(v("t2.punishment.decisions"), Some(Some("1020".into())));
    assert_eq!(v("t2.other_services.previous_year"), Some(None));
    assert_eq!(v("t2.procurement.amount"), Some(Some("251000元".into())));
    assert_eq!(v("t2.fees.change"), Some(Some("0".into())));
    assert_eq!(v("t3.other.total.total"), Some(Some("0".into())));
    assert_eq!(v("t3.other.other.total"), None);
    assert_eq!(v("t3.not_processed.duplicate.commercial"), Some(None));
    assert_eq!(v("t3.not_processed.duplicate.total"), Some(Some("1".into())));
    assert_eq!(r.cells().count(), 22 + 23 * 7 + 15);
}

/// Two table-3 rows missing from a 25-row table: 23 rows of 7 values is also
/// the size of the single-（六） template, but the labels of the three （六）
/// sub-rows rule that reading out: the rows read stay where their labels are.
#[test]
fn table3_with_two_rows_missing() {
    let text: String = common::TAB
        .lines()
        .filter(|l| !l.contains("6.属于四类过程性信息") && !l.starts_with("四、结转下年度"))
        .map(|l| format!("{l}\n"))
        .collect();
    let r = zfxxgk::parse(&text).unwrap();
    let v = |k: &str| r.cell(k.parse().unwrap()).map(|c| c.number().map(|n| n.to_string()));
    assert_eq!(v("t3.withheld.process_info.total"), None);
    assert_eq!(v("t3.carried_forward.total"), None);
    assert_eq!(v("t3.unavailable.not_held.total"), Some(Some("2".into())));
    assert_eq!(v("t3.other.other.total"), Some(Some("0".into())));
    assert_eq!(v("t3.other.total.total"), None);
}
