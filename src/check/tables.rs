//! The table rules: `t3.row_total`, `t3.outcome_total`, `t3.balance`,
//! `t4.group_total` and the two `*.blank_total` warnings.

use super::{Finding, Read, Rule, SumRule, Term, applicant_label, t3_row_label, t4_group_label};
use crate::key::{Applicant, CellKey, T3Row, T4Col, T4Group};
use crate::report::Report;

/// Table 3: every row's total, every column's outcome total, every column's balance.
pub(super) fn check_t3(report: &Report, out: &mut Vec<Finding>) {
    let Some(t3) = report.table3.as_ref() else { return };
    let term = |row, col| Term::with(CellKey::T3 { row, col }, t3.get(row, col));

    for &row in T3Row::ALL {
        if !t3.has_row(row) {
            continue;
        }
        let parts: [Term; 6] = Applicant::PARTS.map(|col| term(row, col));
        let rule = SumRule {
            rule: Rule::T3RowTotal,
            blank_rule: Rule::T3BlankTotal,
            subject: &|| t3_row_label(row),
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
    let mut parts: Vec<Term> = Vec::with_capacity(T3Row::ALL.len());
    for &col in Applicant::ALL {
        parts.clear();
        parts.extend(outcome_rows().map(|row| term(row, col)));
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
        out.extend(balance(
            col,
            [
                term(T3Row::NewReceived, col),
                term(T3Row::CarriedOver, col),
                term(T3Row::Total, col),
                term(T3Row::CarriedForward, col),
            ],
        ));
    }
}

/// 一 + 二 = 三（七） + 四 in one column; the finding points at 三（七）总计.
fn balance(col: Applicant, [a, b, c, d]: [Term; 4]) -> Option<Finding> {
    let terms = [a, b, c, d];
    if terms.iter().any(|t| matches!(t.read, Read::Absent | Read::Other)) {
        return None;
    }
    if terms.iter().all(|t| t.read == Read::Blank) {
        return None;
    }
    let lhs = a.value().saturating_add(b.value());
    let rhs = c.value().saturating_add(d.value());
    if lhs == rhs {
        return None;
    }
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
