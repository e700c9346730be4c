//! Table 4: 政府信息公开行政复议、行政诉讼情况 (3 groups × 5 columns, one row).

use crate::diag::{Diagnostic, DiagnosticCode};
use crate::key::{T4Col, T4Group};
use crate::report::{Fragment, Layout, Table4};
use crate::text::{Line, squash_into};
use crate::value::{Cell, Value};

use super::cells::{Tok, sniff_layout, tokenize};

/// Reads table 4 from the lines of its region.
pub(crate) fn read(lines: &[Line<'_>], pdf_document: bool, diags: &mut Vec<Diagnostic>) -> Option<Table4> {
    let layout = sniff_layout(lines, pdf_document);
    let events = tokenize(lines, layout, diags);
    let mut table = Table4 { layout: Some(layout), ..Table4::default() };
    let mut values: Vec<(Value, crate::span::Span)> = Vec::with_capacity(16);
    let mut sq = String::new();
    let (mut has_groups, mut has_columns) = (false, false);
    let mut seen_number = false;
    for ev in &events {
        match ev.tok {
            Tok::Value { value, span } => {
                if !seen_number && value.is_blank() {
                    continue; // placeholders in a header
                }
                seen_number = true;
                values.push((value, span));
            }
            Tok::Text { raw, span } => {
                sq.clear();
                squash_into(raw, &mut sq);
                has_groups |= sq.contains("行政复议") || sq.contains("行政诉讼");
                has_columns |= ["维持", "纠正", "审结", "其他结果"].iter().any(|k| sq.contains(k));
                let known = ["行政复议", "行政诉讼", "维持", "纠正", "结果", "审结", "总计", "尚未", "起诉", "复议"]
                    .iter()
                    .any(|k| sq.contains(k));
                if !known {
                    table.unrecognized.push(Fragment { text: raw.to_owned(), span });
                }
            }
        }
    }
    if values.is_empty() && !has_groups {
        return None;
    }
    if !has_columns {
        diags.push(Diagnostic::at_line(
            DiagnosticCode::HeaderAssumed,
            lines.first().map_or(0, |l| l.number),
            "table 4: the column header (结果维持 / 结果纠正 / 其他结果 / 尚未审结 / 总计) is missing; \
             assumed the template's column order",
        ));
    }
    if layout == Layout::PdfFlat && values.len() == 15 {
        reorder_flat(&mut values, diags);
    }
    for (i, (value, span)) in values.iter().take(15).enumerate() {
        let group = T4Group::ALL[i / 5];
        let col = T4Col::ALL[i % 5];
        if value.is_blank() {
            diags.push(Diagnostic::at(
                DiagnosticCode::BlankCell,
                *span,
                format!("table 4 cell t4.{group}.{col} is blank (kept as blank, not 0)"),
            ));
        }
        table.groups[group.index()][col.index()] = Some(Cell { value: *value, span: *span });
    }
    for (value, span) in values.iter().skip(15) {
        diags.push(Diagnostic::at(
            DiagnosticCode::ExtraValues,
            *span,
            format!(
                "table 4: value {} beyond the 15 cells; kept here",
                value.number().map_or_else(|| "(blank)".to_owned(), |n| n.to_string())
            ),
        ));
    }
    if values.len() < 15 {
        diags.push(Diagnostic::at_line(
            DiagnosticCode::RowMissing,
            lines.first().map_or(0, |l| l.number),
            format!("table 4: only {} of 15 values were found; the rest are absent", values.len()),
        ));
    }
    Some(table)
}

/// `pdftotext` without `-layout` may print table 4's cells as text blocks in
/// another order (e.g. one group's four results, then another group's, then
/// the first total). The values of each group still come in column order, so
/// the printed sequence is an interleaving of the three groups. When the
/// printed order does not add up, look for the interleavings in which every
/// group's total equals its parts: exactly one reading → use it (with a
/// warning); several → keep the printed order and say so.
fn reorder_flat(values: &mut [(Value, crate::span::Span)], diags: &mut Vec<Diagnostic>) {
    let Some(nums): Option<Vec<i64>> = values.iter().map(|(v, _)| v.number().and_then(|n| n.as_count())).collect()
    else {
        return;
    };
    let adds_up = |g: &[i64]| g[0] + g[1] + g[2] + g[3] == g[4];
    if nums.chunks(5).all(adds_up) {
        return;
    }
    let mut search = Search { nums: &nums, groups: [[0; 5]; 3], counts: [0; 3], found: Vec::new(), budget: 2_000_000 };
    search.run(0);
    let line = values[0].1.line;
    match search.found.as_slice() {
        [only] => {
            let order = only.1;
            let reordered: Vec<_> = order.iter().map(|&i| values[i]).collect();
            values.copy_from_slice(&reordered);
            diags.push(Diagnostic::at_line(
                DiagnosticCode::ValuesReordered,
                line,
                "table 4: the printed order of the 15 values does not add up (PDF text blocks); \
                 read them in the only order in which every group's 总计 equals its parts",
            ));
        }
        [] => {}
        many => {
            let readings: Vec<String> = many
                .iter()
                .take(3)
                .map(|(g, _)| g.iter().map(|x| format!("{x:?}")).collect::<Vec<_>>().join(" | "))
                .collect();
            diags.push(Diagnostic::at_line(
                DiagnosticCode::OrderAmbiguous,
                line,
                format!(
                    "table 4: the printed order does not add up, and more than one reading does ({}); kept the printed order",
                    readings.join("; or ")
                ),
            ));
        }
    }
}

/// Depth-first search over interleavings, bounded by a node budget.
struct Search<'a> {
    nums: &'a [i64],
    groups: [[usize; 5]; 3],
    counts: [usize; 3],
    /// Distinct readings found: the group values and the source index order.
    found: Vec<([[i64; 5]; 3], [usize; 15])>,
    budget: usize,
}

impl Search<'_> {
    fn run(&mut self, i: usize) {
        // Iterative deepening is not needed: depth is fixed at 15.
        if self.found.len() > 1 || self.budget == 0 {
            return;
        }
        self.budget -= 1;
        if i == self.nums.len() {
            let vals = self.groups.map(|g| g.map(|j| self.nums[j]));
            if !self.found.iter().any(|(v, _)| *v == vals) {
                let mut order = [0; 15];
                for (g, idx) in self.groups.iter().enumerate() {
                    order[g * 5..g * 5 + 5].copy_from_slice(idx);
                }
                self.found.push((vals, order));
            }
            return;
        }
        for g in 0..3 {
            let c = self.counts[g];
            if c == 5 {
                continue;
            }
            self.groups[g][c] = i;
            self.counts[g] += 1;
            let ok = c < 4 || {
                let v = self.groups[g].map(|j| self.nums[j]);
                v[0] + v[1] + v[2] + v[3] == v[4]
            };
            if ok {
                self.run(i + 1);
            }
            self.counts[g] -= 1;
        }
    }
}
