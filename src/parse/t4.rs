//! Table 4: 政府信息公开行政复议、行政诉讼情况 (3 groups × 5 columns, one row).

use crate::diag::{Diagnostic, DiagnosticCode};
use crate::key::{T4Col, T4Group};
use crate::report::{Fragment, Table4};
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
