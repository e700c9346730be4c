//! Rules over two reports of one agency for consecutive years:
//! `continuity.carried` and `continuity.in_force`.

use super::{Finding, Read, Rule, Term, applicant_label};
use crate::key::{Applicant, CellKey, T2Item, T2Key, T2Measure, T3Row};
use crate::report::Report;

/// Checks `next` (year N+1) against `prev` (year N) of the same agency.
///
/// The caller decides that the two reports belong together (same agency,
/// consecutive years); this function does not look at their metadata except
/// to name last year in messages. Findings point at cells of `next`;
/// [`Finding::related_span`] is the matching cell of `prev`.
///
/// ```
/// let prev = zfxxgk::parse(zfxxgk::SAMPLE_REPORT)?;
/// let next = zfxxgk::parse(&zfxxgk::SAMPLE_REPORT.replace(
///     "二、上年结转政府信息公开申请数量\t\t2\t",
///     "二、上年结转政府信息公开申请数量\t\t3\t",
/// ))?;
/// let findings = zfxxgk::check::continuity(&prev, &next);
/// assert_eq!(findings[0].rule.as_str(), "continuity.carried");
/// assert_eq!(findings[0].cell.to_string(), "t3.carried_over.natural_person");
/// assert_eq!((findings[0].expected, findings[0].found), (2, Some(3)));
/// # Ok::<(), zfxxgk::Error>(())
/// ```
pub fn continuity(prev: &Report, next: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    let last_year = prev.metadata.year.map_or_else(|| "last year".to_owned(), |y| format!("{y}年"));
    carried(prev, next, &last_year, &mut out);
    in_force(prev, next, &last_year, &mut out);
    out.into_iter().map(Finding::note_blanks).collect()
}

fn usable(t: &Term) -> bool {
    matches!(t.read, Read::Blank | Read::Count(_))
}

fn found(t: &Term) -> Option<i64> {
    match t.read {
        Read::Count(n) => Some(n),
        _ => None,
    }
}

fn carried(prev: &Report, next: &Report, last_year: &str, out: &mut Vec<Finding>) {
    for &col in Applicant::ALL {
        let p = Term::of(prev, CellKey::T3 { row: T3Row::CarriedForward, col });
        let n = Term::of(next, CellKey::T3 { row: T3Row::CarriedOver, col });
        if !usable(&p) || !usable(&n) || (p.read == Read::Blank && n.read == Read::Blank) {
            continue;
        }
        if p.value() == n.value() {
            continue;
        }
        let mut f = Finding::new(Rule::ContinuityCarried, applicant_label(col), n.key, p.value(), found(&n));
        f.cells = vec![n.key, p.key];
        f.span = n.span();
        f.related_span = p.span();
        f.assumed_blank_zero = [&n, &p].iter().filter(|t| t.read == Read::Blank).map(|t| t.key).collect();
        f.message = format!("二、上年结转 = {} but {last_year}的 四、结转下年度继续办理 = {}", n.value(), p.value());
        f.arithmetic = format!("{last_year} 四 {} ≠ 二 {}", p.shown(), n.shown());
        out.push(f);
    }
}

fn in_force(prev: &Report, next: &Report, last_year: &str, out: &mut Vec<Finding>) {
    for item in [T2Item::Regulations, T2Item::NormativeDocuments] {
        let key = |measure| CellKey::T2(T2Key { item, measure });
        let before = Term::of(prev, key(T2Measure::InForce));
        let issued = Term::of(next, key(T2Measure::Issued));
        let repealed = Term::of(next, key(T2Measure::Repealed));
        let now = Term::of(next, key(T2Measure::InForce));
        let terms = [before, issued, repealed, now];
        if !terms.iter().all(usable) || terms.iter().all(|t| t.read == Read::Blank) {
            continue;
        }
        let expected = before.value().saturating_add(issued.value()).saturating_sub(repealed.value());
        if now.value() == expected {
            continue;
        }
        let mut f = Finding::new(Rule::ContinuityInForce, item.label_zh(), now.key, expected, found(&now));
        f.cells = vec![now.key, issued.key, repealed.key];
        f.span = now.span();
        f.related_span = before.span();
        let mut blanks: Vec<CellKey> = terms.iter().filter(|t| t.read == Read::Blank).map(|t| t.key).collect();
        blanks.dedup();
        f.assumed_blank_zero = blanks;
        f.message = format!(
            "现行有效件数 = {} but {last_year}的 {} + 本年制发 {} − 本年废止 {} = {expected}",
            now.value(),
            before.value(),
            issued.value(),
            repealed.value()
        );
        f.arithmetic =
            format!("{} + {} − {} = {expected} ≠ {}", before.shown(), issued.shown(), repealed.shown(), now.shown());
        out.push(f);
    }
}
