//! Table 3: 收到和处理政府信息公开申请情况 (rows × 7 applicant columns).

use crate::diag::{Diagnostic, DiagnosticCode, Quoted};
use crate::key::{Applicant, CellKey, T3Group, T3Row};
use crate::report::{Fragment, Layout, Table3};
use crate::text::{Line, squash_into};
use crate::value::Value;

use super::cells::{Event, Tok, tokenize_region};
use super::labels::{T3Text, classify_t3_raw};
use super::markers::PdfSigns;
use super::rows::{Item, Transposed, anchored, realign_short_rows, report_problems, sequential};

/// How many unrecognised fragments may be joined to find a wrapped label.
const MAX_WRAP: usize = 3;

/// Reads table 3 from the lines of its region.
pub(crate) fn read<'a>(
    lines: &[Line<'a>],
    pdf: &PdfSigns<'_, 'a>,
    diags: &mut Vec<Diagnostic>,
    scratch: (&mut Vec<Event<'a>>, &mut Vec<Item<T3Row>>),
) -> Option<Table3> {
    let (events, items) = scratch;
    let layout = tokenize_region(lines, pdf, diags, events);
    let mut table = Table3::empty();
    table.layout = Some(layout);
    classify(lines, events, layout, items, &mut table.unrecognized, diags);
    let items: &[Item<T3Row>] = items;
    if !items.iter().any(|i| matches!(i, Item::Label { .. })) {
        return None;
    }

    let has_sub_rows = items.iter().any(|i| {
        matches!(i, Item::Label { row: T3Row::OtherNoCorrection | T3Row::OtherUnpaidFee | T3Row::OtherOther, .. })
    });
    let specs: [&[(T3Row, usize)]; 2] = if has_sub_rows { [&FULL, &SINGLE] } else { [&SINGLE, &FULL] };

    let mut problems = Vec::new();
    let mut transposed: Vec<Transposed> = Vec::new();
    let mut placed = None;
    for spec in specs {
        if let Some(p) = anchored(items, spec, true, &row_total_ok, &mut problems) {
            placed = Some(p);
            break;
        }
    }
    if placed.is_none() {
        // Labels of the three （六） sub-rows rule out the single-row form, even if the count of
        // values happens to match it (blank cells printed as nothing).
        let sequential_specs = if has_sub_rows { &specs[..1] } else { &specs[..] };
        for spec in sequential_specs {
            if let Some(p) = sequential(items, spec, row_total_ok, &mut transposed) {
                let first = p.first().map(|p| p.cell.span.line).unwrap_or(0);
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
    let mut moved = Vec::new();
    let placed = match placed {
        Some(p) => p,
        None => {
            let spec = specs[0];
            let mut p = anchored(items, spec, false, &row_total_ok, &mut problems).unwrap_or_default();
            if layout == Layout::PdfLayout {
                moved = realign_short_rows(&mut p, spec, lines, &|_| None);
            }
            p
        }
    };
    for t in &transposed {
        diags.push(Diagnostic::at(
            DiagnosticCode::ColumnMajorBlock,
            t.span,
            format!("table 3: a block of {} rows was printed column by column; read it transposed (the row totals agree only that way)", t.rows),
        ));
    }
    report_problems("table 3", &problems, &moved, T3Row::label_zh, diags);
    let mut single_row = false;
    for p in &placed {
        let col = Applicant::ALL[p.col];
        if p.row == T3Row::OtherTotal {
            single_row = true;
        }
        if p.cell.value.is_blank() {
            diags.push(Diagnostic::blank_cell(CellKey::T3 { row: p.row, col }, p.cell.span));
        }
        table.set(p.row, col, p.cell);
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

/// The rows of the template, seven cells each; and with （六） as one row.
const FULL: [(T3Row, usize); 25] = with_width(T3Row::TEMPLATE_2021);
const SINGLE: [(T3Row, usize); 23] = with_width(T3Row::SINGLE_OTHER_ROW);

const fn with_width<const N: usize>(rows: [T3Row; N]) -> [(T3Row, usize); N] {
    let mut out = [(T3Row::Total, 7); N];
    let mut i = 0;
    while i < N {
        out[i] = (rows[i], 7);
        i += 1;
    }
    out
}

/// A row is consistent when its total equals the sum of the six applicant columns.
fn row_total_ok(values: &[Value]) -> bool {
    let n = |v: &Value| v.number().map_or(0, |n| n.mantissa);
    values.len() == 7 && values[..6].iter().map(n).sum::<i64>() == n(&values[6])
}

/// Turns tokens into labels, boundaries and values (into `items`, emptied
/// first), joining wrapped labels and skipping misplaced header rows.
fn classify<'a>(
    lines: &[Line<'a>],
    events: &[Event<'a>],
    layout: Layout,
    items: &mut Vec<Item<T3Row>>,
    unrecognized: &mut Vec<Fragment>,
    diags: &mut Vec<Diagnostic>,
) {
    let header_lines = misplaced_header_lines(events);
    items.clear();
    items.reserve(events.len());
    let mut st = Classifier {
        items,
        group: None,
        after_rows: false,
        pending: Vec::new(),
        last_row: None,
        values_since_label: false,
        label_acc: String::with_capacity(256),
        variant: None,
        unrecognized,
        diags,
    };
    let mut sq_buf = String::with_capacity(256);
    // Only wrapped labels need these.
    let mut join_buf = String::new();
    let mut join_sq = String::new();
    for ev in events {
        if header_lines.binary_search(&ev.line_idx).is_ok() {
            continue;
        }
        match ev.tok {
            Tok::Value { .. } => {
                // (Most values follow a label or a value: nothing pending.)
                if !st.pending.is_empty() {
                    st.flush_pending();
                }
                st.values_since_label = true;
                // The cell is read from the event after the call above, not
                // kept on the stack across it: a copy pieced together there
                // stalls the store that follows (store forwarding fails).
                if let Tok::Value { cell } = ev.tok {
                    st.items.push(Item::Value { cell });
                }
            }
            Tok::Pad { span } => st.items.push(Item::Pad { span }),
            Tok::Text { raw, span } => {
                let mut class = classify_t3_raw(raw, st.group, st.after_rows, &mut sq_buf);
                let sq = sq_buf.as_str();
                let mut joined = 0;
                // Try the fragments before this one joined with it; a label wraps onto
                // following lines, never across the fields of one line.
                let wrapped = st.pending.last().is_some_and(|p| p.1.line < span.line);
                if class == T3Text::Other && wrapped {
                    for k in (1..=st.pending.len().min(MAX_WRAP - 1)).rev() {
                        let j = &mut join_buf;
                        j.clear();
                        for p in &st.pending[st.pending.len() - k..] {
                            squash_into(p.0, j);
                        }
                        j.push_str(sq);
                        // (Squashed text squashes to itself: the memo serves joins too.)
                        let c = classify_t3_raw(j, st.group, st.after_rows, &mut join_sq);
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
                            let from = st.pending.len() - joined;
                            let first = st.pending[from].1;
                            let text: String = st.pending[from..].iter().map(|p| p.0).collect();
                            st.diags.push(Diagnostic::at(
                                DiagnosticCode::WrappedLabel,
                                first,
                                format!(
                                    "table 3: joined the wrapped label {} + {} (row {row})",
                                    Quoted(&text),
                                    Quoted(raw)
                                ),
                            ));
                            st.pending.truncate(from);
                        }
                        st.flush_pending();
                        if st.last_row == Some(row) && !st.values_since_label {
                            // The same row again before any value: the rest of a wrapped label.
                            st.diags.push(Diagnostic::at(
                                DiagnosticCode::WrappedLabel,
                                span,
                                format!("table 3: {} continues the wrapped label of row {row}", Quoted(raw.trim())),
                            ));
                            st.label_acc.push_str(sq);
                            continue;
                        }
                        st.resolve_variant();
                        st.label_acc.clear();
                        st.label_acc.push_str(sq);
                        if variant {
                            st.variant = Some((row, span, raw.trim().to_owned()));
                        }
                        if layout == Layout::TabSeparated && row.group().is_some() {
                            let line = &lines[ev.line_idx];
                            let first_text = line.text.trim_start().starts_with(raw.trim_start());
                            let sub = !matches!(row, T3Row::Granted | T3Row::PartiallyGranted | T3Row::OtherTotal);
                            if sub && first_text && !line.text.starts_with('\t') {
                                st.diags.push(Diagnostic::at(
                                    DiagnosticCode::LeadingTabsLost,
                                    span,
                                    format!("table 3: row {row} lost its leading tabs (merged label cells); read by its label"),
                                ));
                            }
                        }
                        st.group = row.group().or(st.group);
                        st.after_rows = true;
                        st.last_row = Some(row);
                        st.values_since_label = false;
                        st.items.push(Item::Label { row, span });
                    }
                    T3Text::Group(g) => {
                        st.flush_pending();
                        st.enter_group(Some(g), span);
                    }
                    T3Text::OutcomeHeader => {
                        st.flush_pending();
                        st.enter_group(None, span);
                    }
                    T3Text::Ambiguous(a, b) => {
                        st.flush_pending();
                        st.diags.push(Diagnostic::at(
                            DiagnosticCode::AmbiguousLabel,
                            span,
                            format!("table 3: {} could be row {a} or row {b}; not used as a label", Quoted(raw.trim())),
                        ));
                        st.unrecognized.push(Fragment { text: raw.to_owned(), span });
                    }
                    T3Text::Other => {
                        if st.pending.len() >= MAX_WRAP {
                            let p = st.pending.remove(0);
                            st.keep_fragment(p, false);
                        }
                        st.pending.push((raw, span));
                    }
                }
            }
        }
    }
    st.flush_pending();
    st.resolve_variant();
    for &l in &header_lines {
        st.diags.push(Diagnostic::at(
            DiagnosticCode::MisplacedHeader,
            lines[l].span(),
            format!("table 3: skipped a header row inside the table: {}", Quoted(lines[l].text.trim())),
        ));
    }
}

/// State of the label reader.
struct Classifier<'a, 'd> {
    items: &'d mut Vec<Item<T3Row>>,
    /// The outcome group the reader is in (for the bare 3.其他 row).
    group: Option<T3Group>,
    /// Whether any row was seen (a bare 总计 before that is a column header).
    after_rows: bool,
    /// Unmatched text fragments since the last label or value.
    pending: Vec<(&'a str, crate::span::Span)>,
    last_row: Option<T3Row>,
    values_since_label: bool,
    /// The squashed label of the current row, continuations included.
    label_acc: String,
    /// A label matched by keyword only; judged once its continuations are known.
    variant: Option<(T3Row, crate::span::Span, String)>,
    unrecognized: &'d mut Vec<Fragment>,
    diags: &'d mut Vec<Diagnostic>,
}

impl Classifier<'_, '_> {
    /// A group label: a boundary between rows; （六）其他处理 may be the single-row form.
    fn enter_group(&mut self, g: Option<T3Group>, span: crate::span::Span) {
        self.resolve_variant();
        self.group = g;
        self.values_since_label = false;
        if g == Some(T3Group::Other) {
            self.items.push(Item::Label { row: T3Row::OtherTotal, span });
            self.last_row = Some(T3Row::OtherTotal);
            self.label_acc.clear();
        } else {
            self.items.push(Item::Boundary);
            self.last_row = None;
        }
    }

    /// Reports a keyword-only match unless the label's continuations completed it.
    fn resolve_variant(&mut self) {
        if let Some((row, span, raw)) = self.variant.take()
            && !super::labels::t3_core(row).is_some_and(|c| self.label_acc.contains(c))
        {
            {
                self.diags.push(Diagnostic::at(
                    DiagnosticCode::LabelVariant,
                    span,
                    format!("table 3: read {} as row {row} ({})", Quoted(&raw), row.label_zh()),
                ));
            }
        }
    }

    /// Unmatched fragments: a wrapped group label (（三） 不予公 开), the
    /// wrapped rest of the current row's label, or text kept as unrecognised.
    fn flush_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let class = if self.pending.len() > 1 {
            let mut joined = String::new();
            for p in &self.pending {
                squash_into(p.0, &mut joined);
            }
            classify_t3_raw(&joined, self.group, self.after_rows, &mut String::new())
        } else {
            T3Text::Other
        };
        if matches!(class, T3Text::Group(_) | T3Text::OutcomeHeader) {
            let span = self.pending[0].1;
            let text: String = self.pending.iter().map(|p| p.0.trim()).collect();
            self.pending.clear();
            self.diags.push(Diagnostic::at(
                DiagnosticCode::WrappedLabel,
                span,
                format!("table 3: joined the wrapped group label {}", Quoted(&text)),
            ));
            let g = if let T3Text::Group(g) = class { Some(g) } else { None };
            self.enter_group(g, span);
            return;
        }
        let pending = std::mem::take(&mut self.pending);
        for p in pending {
            self.keep_fragment(p, true);
        }
    }

    fn keep_fragment(&mut self, p: (&str, crate::span::Span), may_continue: bool) {
        let (raw, span) = p;
        if let Some(row) = self.last_row.filter(|_| may_continue)
            && raw.chars().count() <= 24
            && !raw.contains("总计")
        {
            // A label cut before its keyword was complete is reported at its
            // start, as one join; otherwise the fragment is reported where it is.
            let message = match &self.variant {
                Some((r, _, first)) if *r == row => {
                    format!("table 3: joined the wrapped label {} + {} (row {row})", Quoted(first), Quoted(raw.trim()))
                }
                _ => format!("table 3: {} is the wrapped rest of the label of row {row}", Quoted(raw.trim())),
            };
            let at = match &self.variant {
                Some((r, label_span, _)) if *r == row => *label_span,
                _ => span,
            };
            self.diags.push(Diagnostic::at(DiagnosticCode::WrappedLabel, at, message));
            squash_into(raw, &mut self.label_acc);
            return;
        }
        self.unrecognized.push(Fragment { text: raw.to_owned(), span });
    }
}

/// Lines that name two or more different rows and hold no value: a header
/// row out of place (OCR markdown), not labels.
fn misplaced_header_lines(events: &[Event<'_>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut sq = String::new();
    let mut i = 0;
    while i < events.len() {
        let line = events[i].line_idx;
        // One pass over the line's events: where they end, how many texts, any number.
        let (mut end, mut texts, mut has_value) = (i, 0, false);
        while end < events.len() && events[end].line_idx == line {
            match events[end].tok {
                Tok::Text { .. } => texts += 1,
                Tok::Value { cell } => has_value |= !cell.value.is_blank(),
                Tok::Pad { .. } => {}
            }
            end += 1;
        }
        let on_line = &events[i..end];
        i = end;
        // Only a line of two or more texts and no number can be such a header.
        if texts < 2 || has_value {
            continue;
        }
        let mut rows: Vec<T3Row> = Vec::new();
        for e in on_line {
            if let Tok::Text { raw, .. } = e.tok
                && let T3Text::Row { row, .. } = classify_t3_raw(raw, None, true, &mut sq)
                && !rows.contains(&row)
            {
                rows.push(row);
            }
        }
        if rows.len() >= 2 {
            out.push(line);
        }
    }
    out
}
