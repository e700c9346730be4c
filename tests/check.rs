//! The consistency rules: for every rule a report where it fires (right cell,
//! expected, found) and one where it stays silent, and an exhaustive
//! property test: changing any one cell of a consistent table 3 or 4 gives
//! exactly the findings of the rules that cell takes part in.
//!
//! Fixtures are `zfxxgk::SAMPLE_REPORT` (tab-separated, consistent) with one
//! line edited.

use zfxxgk::check::{ClaimKind, Finding, Rule, claims, continuity};
use zfxxgk::{Applicant, CellKey, Report, Severity, T3Row, T4Col, T4Group};

const SAMPLE: &str = zfxxgk::SAMPLE_REPORT;

fn parse(text: &str) -> Report {
    zfxxgk::parse(text).expect("fixture parses")
}

fn key(s: &str) -> CellKey {
    s.parse().unwrap()
}

/// Replaces `from` (which must occur exactly once) with `to`.
fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert_eq!(text.matches(from).count(), 1, "{from:?} must occur once");
    text.replacen(from, to, 1)
}

/// The line of table 3 that holds `row` (found by its label).
fn t3_line(row: T3Row) -> usize {
    let label = format!("{}\t", row.label_zh());
    let lines: Vec<&str> = SAMPLE.lines().collect();
    let hits: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].contains(&label)).collect();
    assert_eq!(hits.len(), 1, "label of {row} must be on one line");
    hits[0]
}

/// The 15-number line of table 4.
fn t4_line() -> usize {
    SAMPLE
        .lines()
        .position(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            f.len() == 15 && f.iter().all(|x| x.parse::<i64>().is_ok())
        })
        .expect("table 4 data line")
}

/// Sets field `field` (counted from the end when `from_end`) of line `line` to `value`.
fn set_field(text: &str, line: usize, field_from_end: usize, value: &str) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let mut fields: Vec<String> = lines[line].split('\t').map(str::to_owned).collect();
    let n = fields.len();
    fields[n - 1 - field_from_end] = value.to_owned();
    lines[line] = fields.join("\t");
    let mut out = lines.join("\n");
    out.push('\n');
    out
}

/// The text with table-3 cell (row, col) set to `value` (a number or `/` for blank).
fn set_t3(text: &str, row: T3Row, col: Applicant, value: &str) -> String {
    set_field(text, t3_line(row), 6 - col.index(), value)
}

/// The text with table-4 cell (group, col) set to `value`.
fn set_t4(text: &str, group: T4Group, col: T4Col, value: &str) -> String {
    set_field(text, t4_line(), 14 - (group.index() * 5 + col.index()), value)
}

fn count_of(report: &Report, k: CellKey) -> Option<i64> {
    report.cell(k).and_then(|c| c.number()).and_then(|n| n.as_count())
}

fn find<'a>(findings: &'a [Finding], rule: &str, cell: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.rule.as_str() == rule && f.cell.to_string() == cell)
        .unwrap_or_else(|| panic!("no {rule} finding at {cell}; got {findings:#?}"))
}

fn rules(findings: &[Finding]) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = findings.iter().map(|f| (f.rule.to_string(), f.cell.to_string())).collect();
    v.sort();
    v
}

// --- the consistent sample -------------------------------------------------

#[test]
fn sample_is_consistent() {
    let report = parse(SAMPLE);
    assert_eq!(report.check(), Vec::<Finding>::new());
    assert_eq!(zfxxgk::check::check(&report), Vec::<Finding>::new());
}

#[test]
fn fixture_helpers_edit_the_intended_cell() {
    let text = set_t3(SAMPLE, T3Row::UnavailableNotHeld, Applicant::LegalService, "9");
    assert_eq!(count_of(&parse(&text), key("t3.unavailable.not_held.legal_service")), Some(9));
    let text = set_t4(SAMPLE, T4Group::LitigationDirect, T4Col::Pending, "4");
    assert_eq!(count_of(&parse(&text), key("t4.litigation_direct.pending")), Some(4));
}

// --- t3.row_total ----------------------------------------------------------

#[test]
fn row_total_fires() {
    // （一）予以公开: 5 1 0 0 0 0 | 6 → 自然人 6: the six columns add up to 7.
    let report = parse(&set_t3(SAMPLE, T3Row::Granted, Applicant::NaturalPerson, "6"));
    let findings = report.check();
    let f = find(&findings, "t3.row_total", "t3.granted.total");
    assert_eq!((f.expected, f.found), (7, Some(6)));
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.subject, "（一）予以公开");
    assert!(f.cells.contains(&key("t3.granted.natural_person")));
    assert!(f.assumed_blank_zero.is_empty());
    // The span is the 总计 cell's: the last field of its line.
    let span = f.span.unwrap();
    assert_eq!(span.slice(SAMPLE), "6");
    assert_eq!(span.line as usize, t3_line(T3Row::Granted) + 1);
    assert_eq!(f.to_string(), "t3.row_total (（一）予以公开): 总计 = 6 but 自然人+…+其他 = 7");
    assert_eq!(f.arithmetic, "6 + 1 + 0 + 0 + 0 + 0 = 7 ≠ 6");
}

#[test]
fn row_total_reads_blank_as_zero_and_says_so() {
    // 商业企业 1 → blank: the parts now add up to 5, the total says 6.
    let report = parse(&set_t3(SAMPLE, T3Row::Granted, Applicant::Commercial, "/"));
    let findings = report.check();
    let f = find(&findings, "t3.row_total", "t3.granted.total");
    assert_eq!((f.expected, f.found), (5, Some(6)));
    assert_eq!(f.assumed_blank_zero, [key("t3.granted.commercial")]);
    assert!(f.message.contains("blank read as 0"), "{}", f.message);
    assert!(f.to_string().contains("（一）予以公开/商业企业"), "{f}");
}

#[test]
fn row_total_silent_when_a_blank_part_is_zero_anyway() {
    // 科研机构 0 → blank, and a whole row blank: no error by itself.
    let text = set_t3(SAMPLE, T3Row::Granted, Applicant::Research, "/");
    let mut text = text;
    for &col in Applicant::ALL {
        text = set_t3(&text, T3Row::WithheldStateSecret, col, "/");
    }
    let report = parse(&text);
    assert!(
        report.table3.as_ref().unwrap().get(T3Row::WithheldStateSecret, Applicant::Total).unwrap().value.is_blank()
    );
    assert_eq!(report.check(), Vec::<Finding>::new());
}

// --- t3.outcome_total --------------------------------------------------------

#[test]
fn outcome_total_fires() {
    // Move one application from 商业企业 to 自然人 in （一）: the row still adds up,
    // the columns do not.
    let text = set_t3(SAMPLE, T3Row::Granted, Applicant::NaturalPerson, "6");
    let text = set_t3(&text, T3Row::Granted, Applicant::Commercial, "0");
    let findings = parse(&text).check();
    assert_eq!(
        rules(&findings),
        [
            ("t3.outcome_total".to_owned(), "t3.total.commercial".to_owned()),
            ("t3.outcome_total".to_owned(), "t3.total.natural_person".to_owned()),
        ]
    );
    let f = find(&findings, "t3.outcome_total", "t3.total.natural_person");
    assert_eq!((f.expected, f.found), (11, Some(10)));
    assert_eq!(f.subject, "自然人");
    assert_eq!(f.cells.len(), 1 + 21, "（七）总计 and the 21 outcome rows of the 2021 template");
    let f = find(&findings, "t3.outcome_total", "t3.total.commercial");
    assert_eq!((f.expected, f.found), (0, Some(1)));
}

/// The sample with （六）其他处理 printed as one row (2019 template style).
fn single_other_row(values: &str) -> String {
    let lines: Vec<&str> = SAMPLE.lines().collect();
    let first = t3_line(T3Row::OtherNoCorrection);
    let mut out: Vec<String> = lines[..first].iter().map(|s| s.to_string()).collect();
    out.push(format!("\t（六）其他处理\t{values}"));
    out.extend(lines[first + 3..].iter().map(|s| s.to_string()));
    out.join("\n") + "\n"
}

#[test]
fn outcome_total_with_a_single_other_row() {
    let text = single_other_row("0\t0\t0\t0\t0\t0\t0");
    let report = parse(&text);
    let t3 = report.table3.as_ref().unwrap();
    assert!(t3.has_row(T3Row::OtherTotal));
    assert!(!t3.has_row(T3Row::OtherOther), "sub-rows are absent, not zero");
    assert_eq!(report.check(), Vec::<Finding>::new());

    // One more application under （六）: （七）总计 no longer matches.
    let report = parse(&single_other_row("1\t0\t0\t0\t0\t0\t1"));
    let findings = report.check();
    let f = find(&findings, "t3.outcome_total", "t3.total.natural_person");
    assert_eq!((f.expected, f.found), (11, Some(10)));
    assert!(f.cells.contains(&key("t3.other.total.natural_person")));
    assert!(!f.cells.contains(&key("t3.other.other.natural_person")));
    assert_eq!(f.cells.len(), 1 + 19);
}

// --- t3.balance ---------------------------------------------------------------

#[test]
fn balance_fires() {
    // 四、结转下年度 2 → 3 in 自然人 and 总计: the rows still add up, the balance does not.
    let text = set_t3(SAMPLE, T3Row::CarriedForward, Applicant::NaturalPerson, "3");
    let text = set_t3(&text, T3Row::CarriedForward, Applicant::Total, "3");
    let findings = parse(&text).check();
    assert_eq!(
        rules(&findings),
        [
            ("t3.balance".to_owned(), "t3.total.natural_person".to_owned()),
            ("t3.balance".to_owned(), "t3.total.total".to_owned()),
        ]
    );
    let f = find(&findings, "t3.balance", "t3.total.natural_person");
    assert_eq!((f.expected, f.found), (9, Some(10)));
    assert_eq!(f.to_string(), "t3.balance (自然人): 一+二 = 12 but 三（七）+四 = 13");
    assert_eq!(f.cells.len(), 4);
}

#[test]
fn balance_silent_for_a_blank_column() {
    // 科研机构 blank in 一, 二, （七）, 四: an entirely blank column is no error.
    let mut text = SAMPLE.to_owned();
    for row in [T3Row::NewReceived, T3Row::CarriedOver, T3Row::Total, T3Row::CarriedForward] {
        text = set_t3(&text, row, Applicant::Research, "/");
    }
    assert_eq!(parse(&text).check(), Vec::<Finding>::new());
}

// --- t3.blank_total ---------------------------------------------------------

#[test]
fn blank_total_fires() {
    let report = parse(&set_t3(SAMPLE, T3Row::Granted, Applicant::Total, "/"));
    let findings = report.check();
    let f = find(&findings, "t3.blank_total", "t3.granted.total");
    assert_eq!((f.expected, f.found), (6, None));
    assert_eq!(f.severity, Severity::Warning);
    assert!(!findings.iter().any(|f| f.rule == Rule::T3RowTotal), "a blank total is not a wrong sum");
    // The column sum reads the blank as 0 and says so.
    let f = find(&findings, "t3.outcome_total", "t3.total.total");
    assert_eq!((f.expected, f.found), (6, Some(12)));
    assert_eq!(f.assumed_blank_zero, [key("t3.granted.total")]);
}

#[test]
fn blank_total_silent_when_the_parts_are_zero() {
    let report = parse(&set_t3(SAMPLE, T3Row::WithheldStateSecret, Applicant::Total, "/"));
    assert_eq!(report.check(), Vec::<Finding>::new());
}

// --- t4.group_total / t4.blank_total ------------------------------------------

#[test]
fn t4_group_total_fires() {
    let report = parse(&set_t4(SAMPLE, T4Group::Review, T4Col::Upheld, "1"));
    let findings = report.check();
    assert_eq!(rules(&findings), [("t4.group_total".to_owned(), "t4.review.total".to_owned())]);
    let f = &findings[0];
    assert_eq!((f.expected, f.found), (1, Some(0)));
    assert_eq!(f.subject, "行政复议");
    assert_eq!(f.cells.len(), 5);
}

#[test]
fn t4_group_total_silent_when_consistent() {
    let text = set_t4(SAMPLE, T4Group::LitigationDirect, T4Col::Upheld, "2");
    let text = set_t4(&text, T4Group::LitigationDirect, T4Col::Pending, "1");
    let text = set_t4(&text, T4Group::LitigationDirect, T4Col::Total, "3");
    // The prose says there was no litigation: only that disagrees.
    let findings = parse(&text).check();
    assert_eq!(
        rules(&findings),
        [("narrative.reviews_litigation".to_owned(), "t4.litigation_direct.total".to_owned())]
    );
}

#[test]
fn t4_blank_total_fires_and_stays_silent() {
    let text = set_t4(SAMPLE, T4Group::LitigationAfterReview, T4Col::Other, "2");
    let text = set_t4(&text, T4Group::LitigationAfterReview, T4Col::Total, "/");
    let findings = parse(&text).check();
    assert_eq!(rules(&findings), [("t4.blank_total".to_owned(), "t4.litigation_after_review.total".to_owned())]);
    assert_eq!((findings[0].expected, findings[0].found), (2, None));
    assert_eq!(findings[0].severity, Severity::Warning);

    let text = set_t4(SAMPLE, T4Group::LitigationAfterReview, T4Col::Total, "/");
    assert_eq!(parse(&text).check(), Vec::<Finding>::new());
}

// --- narrative.* ------------------------------------------------------------

#[test]
fn claims_of_the_sample() {
    let report = parse(SAMPLE);
    let cs = claims(&report);
    let kinds: Vec<(ClaimKind, i64)> = cs.iter().map(|c| (c.kind, c.value)).collect();
    assert_eq!(
        kinds,
        [
            (ClaimKind::Punishments, 3),
            (ClaimKind::RequestsReceived, 12),
            (ClaimKind::Reviews, 0),
            (ClaimKind::Litigation, 0)
        ]
    );
    // Spans point at the digits.
    assert_eq!(cs[0].span.slice(SAMPLE), "3");
    assert_eq!(cs[1].span.slice(SAMPLE), "12");
    let line = SAMPLE.lines().nth(cs[1].span.line as usize - 1).unwrap();
    let col = line.chars().take_while(|_| true).collect::<Vec<_>>();
    let at = cs[1].span.column as usize - 1;
    assert_eq!(col[at..at + 2].iter().collect::<String>(), "12");
}

#[test]
fn claim_spans_survive_crlf_and_wrapping() {
    let text =
        SAMPLE.replace("全年共收到政府信息公开申请12件", "全年共收到政府信息公开申请\n 12 件").replace('\n', "\r\n");
    let report = parse(&text);
    let c = claims(&report).into_iter().find(|c| c.kind == ClaimKind::RequestsReceived).unwrap();
    assert_eq!(c.value, 12);
    assert_eq!(c.span.slice(&text), "12");
    let line = text.split("\r\n").nth(c.span.line as usize - 1).unwrap();
    assert_eq!(line, " 12 件，均已按期答复。未发生因政府信息公开引发的行政复议、行政诉讼。");
    assert_eq!(c.span.column, 2);
}

#[test]
fn requests_received_fires() {
    let text = replace_once(SAMPLE, "收到政府信息公开申请12件", "收到政府信息公开申请15件");
    let findings = parse(&text).check();
    assert_eq!(rules(&findings), [("narrative.requests_received".to_owned(), "t3.new_received.total".to_owned())]);
    let f = &findings[0];
    assert_eq!((f.expected, f.found), (15, Some(12)));
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.subject, "一、总体情况");
    let claim = f.claim.as_ref().unwrap();
    assert_eq!(claim.span.slice(&text), "15");
    assert_eq!(f.related_span, Some(claim.span));
    assert_eq!(f.span.unwrap().slice(&text), "12");
    assert!(f.to_string().contains("收到政府信息公开申请15件"), "{f}");

    // 未收到…申请 claims 0.
    let text = replace_once(SAMPLE, "全年共收到政府信息公开申请12件，均已按期答复。", "全年未收到政府信息公开申请。");
    let findings = parse(&text).check();
    let f = find(&findings, "narrative.requests_received", "t3.new_received.total");
    assert_eq!((f.expected, f.found), (0, Some(12)));
}

#[test]
fn requests_received_silent() {
    // New plus carried over (12 + 2) is a common way to count 受理.
    let text = replace_once(SAMPLE, "全年共收到政府信息公开申请12件", "全年共受理政府信息公开申请14件");
    assert_eq!(parse(&text).check(), Vec::<Finding>::new());
    // Approximate, compared, or not about this year's new applications: not claims.
    for phrase in [
        "收到政府信息公开申请10余件",
        "收到政府信息公开申请同比减少3件",
        "收到行政复议申请3件",
        "收到政府信息公开申请30件（含上年结转5件）",
    ] {
        let text = replace_once(SAMPLE, "全年共收到政府信息公开申请12件", phrase);
        let report = parse(&text);
        assert!(!claims(&report).iter().any(|c| c.kind == ClaimKind::RequestsReceived), "{phrase}");
        assert!(report.check().iter().all(|f| f.rule != Rule::NarrativeRequestsReceived), "{phrase}");
    }
}

#[test]
fn punishments_fires_and_stays_silent() {
    let text = replace_once(SAMPLE, "作出行政处罚3件", "作出行政处罚决定5起");
    let findings = parse(&text).check();
    assert_eq!(rules(&findings), [("narrative.punishments".to_owned(), "t2.punishment.decisions".to_owned())]);
    assert_eq!((findings[0].expected, findings[0].found), (5, Some(3)));

    // Published items (条) about punishments are not decisions.
    let text = replace_once(SAMPLE, "作出行政处罚3件", "公开行政处罚信息5条");
    assert_eq!(parse(&text).check(), Vec::<Finding>::new());
}

#[test]
fn reviews_litigation_fires() {
    // The prose says none; the table has one (consistent in itself).
    let text = set_t4(SAMPLE, T4Group::Review, T4Col::Pending, "1");
    let text = set_t4(&text, T4Group::Review, T4Col::Total, "1");
    let findings = parse(&text).check();
    assert_eq!(rules(&findings), [("narrative.reviews_litigation".to_owned(), "t4.review.total".to_owned())]);
    let f = &findings[0];
    assert_eq!((f.expected, f.found), (0, Some(1)));
    assert!(f.claim.as_ref().unwrap().text.starts_with("未发生"));

    // A number in words.
    let text =
        replace_once(SAMPLE, "未发生因政府信息公开引发的行政复议、行政诉讼。", "因政府信息公开引发行政复议案件2件。");
    let findings = parse(&text).check();
    let f = find(&findings, "narrative.reviews_litigation", "t4.review.total");
    assert_eq!((f.expected, f.found), (2, Some(0)));
}

#[test]
fn reviews_litigation_silent() {
    // "No reversals" is not "no cases".
    let text = replace_once(
        SAMPLE,
        "未发生因政府信息公开引发的行政复议、行政诉讼。",
        "未发生因政府信息公开引发的行政复议被纠错情况。",
    );
    let text = set_t4(&text, T4Group::Review, T4Col::Upheld, "1");
    let text = set_t4(&text, T4Group::Review, T4Col::Total, "1");
    assert_eq!(parse(&text).check(), Vec::<Finding>::new());
    // A positive number of 行政诉讼 adds two cells up: not checked.
    let text = replace_once(SAMPLE, "未发生因政府信息公开引发的行政复议、行政诉讼。", "政府信息公开行政诉讼3件。");
    assert_eq!(parse(&text).check(), Vec::<Finding>::new());
}

#[test]
fn outcomes_fire_and_stay_silent() {
    let consistent = replace_once(
        SAMPLE,
        "均已按期答复。",
        "均已按期答复，其中予以公开及部分公开7件，不予公开1件，无法提供3件，不予处理1件。",
    );
    assert_eq!(parse(&consistent).check(), Vec::<Finding>::new());

    let text = replace_once(&consistent, "予以公开及部分公开7件", "予以公开及部分公开9件");
    let findings = parse(&text).check();
    assert_eq!(rules(&findings), [("narrative.outcomes".to_owned(), "t3.granted.total".to_owned())]);
    assert_eq!((findings[0].expected, findings[0].found), (9, Some(7)));
    assert_eq!(findings[0].cells, [key("t3.granted.total"), key("t3.partially_granted.total")]);

    let text = replace_once(&consistent, "无法提供3件", "无法提供4件");
    let findings = parse(&text).check();
    assert_eq!(rules(&findings), [("narrative.outcomes".to_owned(), "t3.unavailable.not_held.total".to_owned())]);
    assert_eq!((findings[0].expected, findings[0].found), (4, Some(3)));
    assert_eq!(findings[0].cells.len(), 3);
}

// --- continuity.* -------------------------------------------------------------

/// The sample as the next year's report, with 现行有效件数 carried on correctly.
fn next_year(text: &str) -> String {
    replace_once(text, "行政规范性文件\t2\t1\t9", "行政规范性文件\t2\t1\t10").replace("2023", "2024")
}

#[test]
fn continuity_silent_for_a_consistent_pair() {
    let prev = parse(SAMPLE);
    let next = parse(&next_year(SAMPLE));
    assert_eq!(next.metadata.year, Some(2024));
    assert_eq!(continuity(&prev, &next), Vec::<Finding>::new());
}

#[test]
fn continuity_carried_fires() {
    let prev = parse(SAMPLE);
    let next = parse(&set_t3(&next_year(SAMPLE), T3Row::CarriedOver, Applicant::LegalService, "1"));
    let findings = continuity(&prev, &next);
    assert_eq!(rules(&findings), [("continuity.carried".to_owned(), "t3.carried_over.legal_service".to_owned())]);
    let f = &findings[0];
    assert_eq!((f.expected, f.found), (0, Some(1)));
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.cells, [key("t3.carried_over.legal_service"), key("t3.carried_forward.legal_service")]);
    assert!(f.related_span.is_some());
    assert!(f.to_string().contains("2023年"), "{f}");
}

#[test]
fn continuity_in_force_fires() {
    // 9 + 2 − 1 = 10, but the next report still says 9.
    let prev = parse(SAMPLE);
    let next = parse(&SAMPLE.replace("2023", "2024"));
    let findings = continuity(&prev, &next);
    assert_eq!(rules(&findings), [("continuity.in_force".to_owned(), "t2.normative_documents.in_force".to_owned())]);
    let f = &findings[0];
    assert_eq!((f.expected, f.found), (10, Some(9)));
    assert_eq!(f.severity, Severity::Warning);
}

// --- rule ids, serde ------------------------------------------------------------

#[test]
fn rule_ids_are_stable() {
    let ids: Vec<&str> = Rule::ALL.iter().map(|r| r.as_str()).collect();
    for id in [
        "t3.row_total",
        "t3.outcome_total",
        "t3.balance",
        "t3.blank_total",
        "t4.group_total",
        "t4.blank_total",
        "narrative.requests_received",
        "narrative.punishments",
        "narrative.reviews_litigation",
        "narrative.outcomes",
        "continuity.carried",
        "continuity.in_force",
    ] {
        assert!(ids.contains(&id), "{id}");
        assert_eq!(id.parse::<Rule>().unwrap().to_string(), id);
    }
    assert!("t3.nope".parse::<Rule>().is_err());
}

#[test]
fn findings_round_trip_through_json() {
    let text = replace_once(SAMPLE, "收到政府信息公开申请12件", "收到政府信息公开申请15件");
    let text = set_t3(&text, T3Row::Granted, Applicant::Commercial, "/");
    let findings = parse(&text).check();
    assert!(findings.len() >= 3);
    let json = serde_json::to_string(&findings).unwrap();
    assert!(json.contains("\"rule\":\"narrative.requests_received\""));
    assert!(json.contains("\"cell\":\"t3.granted.total\""));
    let back: Vec<Finding> = serde_json::from_str(&json).unwrap();
    assert_eq!(back, findings);
}

// --- property: one changed cell breaks exactly its rules -----------------------

/// The (rule, cell) findings that changing one cell of the sample must give.
fn expected_for(cell: CellKey) -> Vec<(String, String)> {
    let mut out: Vec<(Rule, CellKey)> = Vec::new();
    match cell {
        CellKey::T3 { row, col } => {
            out.push((Rule::T3RowTotal, CellKey::T3 { row, col: Applicant::Total }));
            if row.is_outcome() || row == T3Row::Total {
                out.push((Rule::T3OutcomeTotal, CellKey::T3 { row: T3Row::Total, col }));
            }
            if matches!(row, T3Row::NewReceived | T3Row::CarriedOver | T3Row::Total | T3Row::CarriedForward) {
                out.push((Rule::T3Balance, CellKey::T3 { row: T3Row::Total, col }));
            }
            if row == T3Row::NewReceived && col == Applicant::Total {
                // The prose says 收到…申请12件.
                out.push((Rule::NarrativeRequestsReceived, cell));
            }
        }
        CellKey::T4 { group, col } => {
            out.push((Rule::T4GroupTotal, CellKey::T4 { group, col: T4Col::Total }));
            if col == T4Col::Total {
                // The prose says 未发生…行政复议、行政诉讼.
                out.push((Rule::NarrativeReviewsLitigation, cell));
            }
        }
        _ => unreachable!(),
    }
    let mut v: Vec<(String, String)> = out.into_iter().map(|(r, k)| (r.to_string(), k.to_string())).collect();
    v.sort();
    v
}

#[test]
fn one_changed_cell_gives_exactly_the_findings_it_breaks() {
    let base = parse(SAMPLE);
    let mut cases: Vec<(CellKey, i64, String)> = Vec::new();
    for delta in [1, 7] {
        for row in T3Row::TEMPLATE_2021 {
            for &col in Applicant::ALL {
                let k = CellKey::T3 { row, col };
                let v = count_of(&base, k).unwrap() + delta;
                cases.push((k, delta, set_t3(SAMPLE, row, col, &v.to_string())));
            }
        }
        for &group in T4Group::ALL {
            for &col in T4Col::ALL {
                let k = CellKey::T4 { group, col };
                let v = count_of(&base, k).unwrap() + delta;
                cases.push((k, delta, set_t4(SAMPLE, group, col, &v.to_string())));
            }
        }
    }
    assert_eq!(cases.len(), 2 * (25 * 7 + 15));
    for (k, delta, text) in cases {
        let report = parse(&text);
        assert_eq!(count_of(&report, k), count_of(&base, k).map(|v| v + delta), "the fixture changes {k}");
        let findings = report.check();
        assert_eq!(rules(&findings), expected_for(k), "changing {k} by {delta}");
        for f in &findings {
            assert!(f.cells.contains(&k), "{k}: {f}");
            assert!(f.assumed_blank_zero.is_empty(), "{k}: {f}");
            // The two sides differ by exactly the change.
            assert_eq!((f.found.unwrap() - f.expected).abs(), delta, "{k}: {f}");
        }
    }
}

/// The README's sample run: the shipped 2022 report's errors, and the carry-over into 2023.
#[test]
fn shipped_samples_show_the_documented_findings() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/data");
    let y2022 = zfxxgk::parse(&std::fs::read_to_string(dir.join("sample-2022.txt")).unwrap()).unwrap();
    let y2023 = zfxxgk::parse(&std::fs::read_to_string(dir.join("sample-2023.txt")).unwrap()).unwrap();
    let rules = |fs: &[zfxxgk::Finding]| fs.iter().map(|f| f.rule.to_string()).collect::<Vec<_>>();
    let f2022 = y2022.check();
    assert_eq!(rules(&f2022), ["t3.row_total", "t3.balance", "narrative.requests_received"], "{f2022:?}");
    assert!(y2023.check().is_empty());
    let carried = zfxxgk::check::continuity(&y2022, &y2023);
    assert!(rules(&carried).contains(&"continuity.carried".to_owned()), "{carried:?}");
}
