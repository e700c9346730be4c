//! Table 3: 收到和处理政府信息公开申请情况 (rows × 7 applicant columns).

use crate::diag::{Diagnostic, DiagnosticCode};
use crate::key::{Applicant, T3Group, T3Row};
use crate::report::{Fragment, Layout, Table3};
use crate::text::{Line, squash_into};
use crate::value::{Cell, Value};

use super::cells::{Event, Tok, sniff_layout, tokenize};
use super::labels::{T3Text, classify_t3};
use super::rows::{Item, Problem, Transposed, anchored, sequential};

/// How many unrecognised fragments may be joined to find a wrapped label.
const MAX_WRAP: usize = 3;

/// Reads table 3 from the lines of its region.
pub(crate) fn read(lines: &[Line<'_>], pdf_document: bool, diags: &mut Vec<Diagnostic>) -> Option<Table3> {
    let layout = sniff_layout(lines, pdf_document);
    let events = tokenize(lines, layout, diags);
    let mut table = Table3::empty();
    table.layout = Some(layout);
    let items = classify(lines, &events, layout, &mut table.unrecognized, diags);
    if !items.iter().any(|i| matches!(i, Item::Label { .. })) {
        return None;
    }

    let has_sub_rows = items.iter().any(|i| {
        matches!(i, Item::Label { row: T3Row::OtherNoCorrection | T3Row::OtherUnpaidFee | T3Row::OtherOther, .. })
    });
    let full: Vec<(T3Row, usize)> = T3Row::TEMPLATE_2021.iter().map(|&r| (r, 7)).collect();
    let single: Vec<(T3Row, usize)> = T3Row::SINGLE_OTHER_ROW.iter().map(|&r| (r, 7)).collect();
    let specs: [&[(T3Row, usize)]; 2] = if has_sub_rows { [&full, &single] } else { [&single, &full] };

    let mut problems = Vec::new();
    let mut transposed: Vec<Transposed> = Vec::new();
    let mut placed = None;
    for spec in specs {
        if let Some(p) = anchored(&items, spec, true, &mut problems) {
            placed = Some(p);
            break;
        }
    }
    if placed.is_none() {
        for spec in specs {
            if let Some(p) = sequential(&items, spec, row_total_ok, &mut transposed) {
                let first = p.first().map(|p| p.span.line).unwrap_or(0);
                diags.push(Diagnostic::at_line(
                    DiagnosticCode::DetachedLabels,
                    first,
                    "table 3: labels are separated from their numbers (PDF flattening); \
                     the numbers were assigned to rows in the template's order",
                ));
                placed = Some(p);
                break;
            }
        }
    }
    let placed = match placed {
        Some(p) => p,
        None => {
            let spec = specs[0];
            anchored(&items, spec, false, &mut problems).unwrap_or_default()
        }
    };
    for t in &transposed {
        diags.push(Diagnostic::at(
            DiagnosticCode::ColumnMajorBlock,
            t.span,
            format!("table 3: a block of {} rows was printed column by column; read it transposed (the row totals agree only that way)", t.rows),
        ));
    }
    report_problems(&problems, diags);
    let mut single_row = false;
    for p in &placed {
        let col = Applicant::ALL[p.col];
        if p.row == T3Row::OtherTotal {
            single_row = true;
        }
        if p.value.is_blank() {
            diags.push(Diagnostic::at(
                DiagnosticCode::BlankCell,
                p.span,
                format!("table 3 cell t3.{}.{} is blank (kept as blank, not 0)", p.row, col),
            ));
        }
        table.set(p.row, col, Cell { value: p.value, span: p.span });
    }
    if single_row {
        diags.push(Diagnostic::at_line(
            DiagnosticCode::SingleOtherRow,
            table.get(T3Row::OtherTotal, Applicant::NaturalPerson).map_or(0, |c| c.span.line),
            "table 3: （六）其他处理 is printed as one row; read as t3.other.total, its three sub-rows are absent",
        ));
    }
    Some(table)
}

/// A row is consistent when its total equals the sum of the six applicant columns.
fn row_total_ok(values: &[Value]) -> bool {
    let n = |v: &Value| v.number().map_or(0, |n| n.mantissa);
    values.len() == 7 && values[..6].iter().map(n).sum::<i64>() == n(&values[6])
}

fn report_problems(problems: &[Problem<T3Row>], diags: &mut Vec<Diagnostic>) {
    for p in problems {
        match *p {
            Problem::Short { row, got, width, span } => diags.push(Diagnostic::at(
                DiagnosticCode::ShortRow,
                span,
                format!("table 3 row {row} has {got} of {width} values; the missing ones are blank"),
            )),
            Problem::Stray { value, span } => diags.push(Diagnostic::at(
                DiagnosticCode::ExtraValues,
                span,
                format!(
                    "table 3: value {} belongs to no row; kept here",
                    value.number().map_or_else(|| "(blank)".to_owned(), |n| n.to_string())
                ),
            )),
            Problem::Missing { row } => diags.push(Diagnostic::at_line(
                DiagnosticCode::RowMissing,
                0,
                format!("table 3 row {row} ({}) was not found", row.label_zh()),
            )),
        }
    }
}

/// Turns tokens into labels, boundaries and values, joining wrapped labels
/// and skipping misplaced header rows.
fn classify<'a>(
    lines: &[Line<'a>],
    events: &[Event<'a>],
    layout: Layout,
    unrecognized: &mut Vec<Fragment>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Item<T3Row>> {
    let mut items = Vec::with_capacity(events.len());
    let mut sq = String::with_capacity(256);
    let mut group: Option<T3Group> = None;
    let mut after_rows = false;
    // Unmatched text fragments since the last label/value, for wrapped labels.
    let mut pending: Vec<(usize, &'a str, crate::span::Span)> = Vec::new();
    let mut last_row: Option<T3Row> = None;

    let header_lines = misplaced_header_lines(events);
    let mut i = 0;
    while i < events.len() {
        let ev = events[i];
        if header_lines.binary_search(&ev.line_idx).is_ok() {
            // Already reported once per line below.
            i += 1;
            continue;
        }
        match ev.tok {
            Tok::Value { value, span } => {
                flush_pending(&mut pending, last_row, unrecognized, diags);
                items.push(Item::Value { value, span });
            }
            Tok::Text { raw, span } => {
                sq.clear();
                squash_into(raw, &mut sq);
                let mut class = classify_t3(&sq, group, after_rows);
                let mut joined = 0;
                if class == T3Text::Other && !pending.is_empty() {
                    // Try the fragments before this one joined with it.
                    for k in (1..=pending.len().min(MAX_WRAP - 1)).rev() {
                        let mut j = String::new();
                        for p in &pending[pending.len() - k..] {
                            squash_into(p.1, &mut j);
                        }
                        j.push_str(&sq);
                        let c = classify_t3(&j, group, after_rows);
                        if matches!(c, T3Text::Row { .. }) {
                            class = c;
                            joined = k;
                            break;
                        }
                    }
                }
                match class {
                    T3Text::Row { row, variant } => {
                        if joined > 0 {
                            let first = pending[pending.len() - joined].2;
                            let text: Vec<&str> = pending[pending.len() - joined..].iter().map(|p| p.1).collect();
                            diags.push(Diagnostic::at(
                                DiagnosticCode::WrappedLabel,
                                first,
                                format!(
                                    "table 3: joined the wrapped label {:?} + {:?} (row {row})",
                                    text.join(""),
                                    raw
                                ),
                            ));
                            pending.truncate(pending.len() - joined);
                        }
                        flush_pending(&mut pending, last_row, unrecognized, diags);
                        if variant {
                            diags.push(Diagnostic::at(
                                DiagnosticCode::LabelVariant,
                                span,
                                format!("table 3: read {:?} as row {row} ({})", raw.trim(), row.label_zh()),
                            ));
                        }
                        if layout == Layout::TabSeparated && row.group().is_some() && row.is_outcome() {
                            let line = &lines[ev.line_idx];
                            let first_text = line.text.trim_start().starts_with(raw.trim_start());
                            let sub = !matches!(row, T3Row::Granted | T3Row::PartiallyGranted | T3Row::OtherTotal);
                            if sub && first_text && !line.text.starts_with('\t') {
                                diags.push(Diagnostic::at(
                                    DiagnosticCode::LeadingTabsLost,
                                    span,
                                    format!("table 3: row {row} lost its leading tabs (merged label cells); read by its label"),
                                ));
                            }
                        }
                        group = row.group().or(group);
                        after_rows = true;
                        last_row = Some(row);
                        items.push(Item::Label { row, span });
                    }
                    T3Text::Group(g) => {
                        flush_pending(&mut pending, last_row, unrecognized, diags);
                        group = Some(g);
                        if g == T3Group::Other {
                            // （六）其他处理 followed by numbers is the single-row form.
                            items.push(Item::Label { row: T3Row::OtherTotal, span });
                            last_row = Some(T3Row::OtherTotal);
                        } else {
                            items.push(Item::Boundary);
                            last_row = None;
                        }
                    }
                    T3Text::OutcomeHeader => {
                        flush_pending(&mut pending, last_row, unrecognized, diags);
                        items.push(Item::Boundary);
                        last_row = None;
                    }
                    T3Text::Ambiguous(a, b) => {
                        flush_pending(&mut pending, last_row, unrecognized, diags);
                        diags.push(Diagnostic::at(
                            DiagnosticCode::AmbiguousLabel,
                            span,
                            format!("table 3: {:?} could be row {a} or row {b}; not used as a label", raw.trim()),
                        ));
                        unrecognized.push(Fragment { text: raw.to_owned(), span });
                    }
                    T3Text::Other => {
                        if pending.len() >= MAX_WRAP {
                            let p = pending.remove(0);
                            keep_fragment(p, None, unrecognized, diags);
                        }
                        pending.push((ev.line_idx, raw, span));
                    }
                }
            }
        }
        i += 1;
    }
    flush_pending(&mut pending, last_row, unrecognized, diags);
    for &l in &header_lines {
        diags.push(Diagnostic::at(
            DiagnosticCode::MisplacedHeader,
            lines[l].span(),
            format!("table 3: skipped a header row inside the table: {:?}", lines[l].text.trim()),
        ));
    }
    items
}

/// Lines that name two or more different rows and hold no value: a header
/// row out of place (OCR markdown), not labels.
fn misplaced_header_lines(events: &[Event<'_>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut sq = String::new();
    let mut i = 0;
    while i < events.len() {
        let line = events[i].line_idx;
        let mut j = i;
        let mut rows: Vec<T3Row> = Vec::new();
        let mut has_value = false;
        while j < events.len() && events[j].line_idx == line {
            match events[j].tok {
                Tok::Value { value, .. } => has_value |= !value.is_blank(),
                Tok::Text { raw, .. } => {
                    sq.clear();
                    squash_into(raw, &mut sq);
                    if let T3Text::Row { row, .. } = classify_t3(&sq, None, true)
                        && !rows.contains(&row)
                    {
                        rows.push(row);
                    }
                }
            }
            j += 1;
        }
        if rows.len() >= 2 && !has_value {
            out.push(line);
        }
        i = j;
    }
    out
}

/// Unmatched fragments: right after a row label they are the rest of a
/// wrapped label; elsewhere they are kept as unrecognised text.
fn flush_pending(
    pending: &mut Vec<(usize, &str, crate::span::Span)>,
    last_row: Option<T3Row>,
    unrecognized: &mut Vec<Fragment>,
    diags: &mut Vec<Diagnostic>,
) {
    for p in pending.drain(..) {
        keep_fragment(p, last_row, unrecognized, diags);
    }
}

fn keep_fragment(
    p: (usize, &str, crate::span::Span),
    last_row: Option<T3Row>,
    unrecognized: &mut Vec<Fragment>,
    diags: &mut Vec<Diagnostic>,
) {
    let (_, raw, span) = p;
    if let Some(row) = last_row
        && raw.chars().count() <= 24
        && !raw.contains("总计")
    {
        diags.push(Diagnostic::at(
            DiagnosticCode::WrappedLabel,
            span,
            format!("table 3: {:?} is the wrapped rest of the label of row {row}", raw.trim()),
        ));
        return;
    }
    unrecognized.push(Fragment { text: raw.to_owned(), span });
}
