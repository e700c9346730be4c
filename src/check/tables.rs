//! The table rules: `t3.row_total`, `t3.outcome_total`, `t3.balance`,
//! `t4.group_total` and the two `*.blank_total` warnings.

use super::{Finding, Read, Rule, SumRule, Term, applicant_label, read, sum_verdict, t3_row_label, t4_group_label};
use crate::key::{Applicant, CellKey, T3Row, T4Col, T4Group};
use crate::report::Report;

/// Table 3: every row's total, every column's outcome total, every column's balance.
pub(super) fn check_t3(report: &Report, out: &mut Vec<Finding>) {
    let Some(t3) = report.table3.as_ref() else { return };
    // Every cell is read once; the rules add reads up and build their terms
    // (keys and spans, for a finding) only when they fail.
    let mut reads = [[Read::Absent; 7]; T3_ROWS];
    for (row, cells) in reads.iter_mut().zip(&t3.rows) {
        for (r, cell) in row.iter_mut().zip(cells) {
            *r = read(cell.as_ref());
        }
    }
    let at = |row: T3Row, col: Applicant| reads[row.index()][col.index()];
    let term = |row, col| Term::with(CellKey::T3 { row, col }, t3.get(row, col));

    for &row in T3Row::ALL {
        let r = &reads[row.index()];
        // (A row with nothing read is absent.)
        if sum_verdict(r[Applicant::Total.index()], Applicant::PARTS.map(|col| r[col.index()])).is_none() {
            continue;
        }
        let parts: [Term; 6] = Applicant::PARTS.map(|col| term(row, col));
        let rule = SumRule {
            rule: Rule::T3RowTotal,
            blank_rule: Rule::T3BlankTotal,
            subject: &|| t3_row_label(row).to_string(),
            total: term(row, Applicant::Total),
            parts: &parts,
            total_name: "总计",
            parts_name: "自然人+…+其他",
        };
        out.extend(rule.apply());
    }

    // （六）其他处理: either the single row or its sub-rows, never both.
    let sub_rows = [T3Row::OtherNoCorrection, T3Row::OtherUnpaidFee, T3Row::OtherOther];
    let skip_other_total = sub_rows.iter().any(|&r| t3.has_row(r));
    let outcome_rows =
        || T3Row::ALL.iter().copied().filter(|r| r.is_outcome() && !(skip_other_total && *r == T3Row::OtherTotal));
    for &col in Applicant::ALL {
        if sum_verdict(at(T3Row::Total, col), outcome_rows().map(|row| at(row, col))).is_none() {
            continue;
        }
        let parts: Vec<Term> = outcome_rows().map(|row| term(row, col)).collect();
        let rule = SumRule {
            rule: Rule::T3OutcomeTotal,
            blank_rule: Rule::T3BlankTotal,
            subject: &|| applicant_label(col).to_owned(),
            total: term(T3Row::Total, col),
            parts: &parts,
            total_name: "（七）总计",
            parts_name: "（一）…（六）",
        };
        out.extend(rule.apply());
    }

    for &col in Applicant::ALL {
        let rows = [T3Row::NewReceived, T3Row::CarriedOver, T3Row::Total, T3Row::CarriedForward];
        if !balance_holds(rows.map(|row| at(row, col))) {
            out.extend(balance(col, rows.map(|row| term(row, col))));
        }
    }
}

/// How many rows table 3 has (the rows of [`Table3::rows`](crate::report::Table3)).
const T3_ROWS: usize = T3Row::ALL.len();

/// Whether 一 + 二 = 三（七） + 四 holds or cannot be checked, from the reads
/// alone (see [`balance`], which says why not).
fn balance_holds(reads: [Read; 4]) -> bool {
    if reads.iter().any(|r| matches!(r, Read::Absent | Read::Other)) || reads.iter().all(|r| *r == Read::Blank) {
        return true;
    }
    let v = |r: Read| if let Read::Count(n) = r { n } else { 0 };
    v(reads[0]).saturating_add(v(reads[1])) == v(reads[2]).saturating_add(v(reads[3]))
}

/// 一 + 二 = 三（七） + 四 in one column; the finding points at 三（七）总计.
fn balance(col: Applicant, [a, b, c, d]: [Term; 4]) -> Option<Finding> {
    let terms = [a, b, c, d];
    if balance_holds(terms.map(|t| t.read)) {
        return None;
    }
    let lhs = a.value().saturating_add(b.value());
    let rhs = c.value().saturating_add(d.value());
    let found = match c.read {
        Read::Count(n) => Some(n),
        _ => None,
    };
    let mut f = Finding::new(Rule::T3Balance, applicant_label(col), c.key, lhs.saturating_sub(d.value()), found);
    f.cells = terms.iter().map(|t| t.key).collect();
    f.span = c.span();
    f.assumed_blank_zero = terms.iter().filter(|t| t.read == Read::Blank).map(|t| t.key).collect();
    f.message = format!("一+二 = {lhs} but 三（七）+四 = {rhs}");
    f.arithmetic =
        format!("一 {} + 二 {} = {lhs} ≠ 三（七） {} + 四 {} = {rhs}", a.shown(), b.shown(), c.shown(), d.shown());
    Some(f)
}

/// Table 4: each group's 总计.
pub(super) fn check_t4(report: &Report, out: &mut Vec<Finding>) {
    if report.table4.is_none() {
        return;
    }
    for &group in T4Group::ALL {
        let term = |col| Term::of(report, CellKey::T4 { group, col });
        let parts: [Term; 4] = T4Col::PARTS.map(term);
        let rule = SumRule {
            rule: Rule::T4GroupTotal,
            blank_rule: Rule::T4BlankTotal,
            subject: &|| t4_group_label(group).to_owned(),
            total: term(T4Col::Total),
            parts: &parts,
            total_name: "总计",
            parts_name: "结果维持+结果纠正+其他结果+尚未审结",
        };
        out.extend(rule.apply());
    }
}
