//! Pairing labels with values: the part where layouts really differ.
//!
//! Three strategies, tried in order by the table readers:
//!
//! 1. **anchored** — each row label is followed by its own values (Word,
//!    web pages, `pdftotext -layout`, markdown). Accepted only when every row
//!    gets exactly its width.
//! 2. **sequential** — PDF flattening separated labels from numbers, but the
//!    numbers still come in the template's order. Accepted only when the count
//!    of values is exactly what the template holds; blocks printed column by
//!    column are recognised by the row arithmetic and transposed (with a
//!    diagnostic).
//! 3. **partial** — a damaged table: anchored pairing that pads short rows with
//!    blanks and reports missing rows and stray values.

use std::fmt::Display;

use crate::diag::{Diagnostic, DiagnosticCode};
use crate::span::Span;
use crate::value::{Cell, Value};

/// A label, a boundary (group or block label), a value or an empty field
/// that may be a blank cell, in source order.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item<R> {
    Label { row: R, span: Span },
    Boundary,
    Value { cell: Cell },
    Pad { span: Span },
}

/// A value placed in a row and column.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Placed<R> {
    pub row: R,
    pub col: usize,
    /// The cell as the table will hold it (one struct, so that it is copied
    /// whole into the table rather than pieced together field by field).
    pub cell: Cell,
    /// True for a blank that was not printed but added to fill a short row.
    pub filled: bool,
}

/// What went wrong, or was assumed, while pairing.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Problem<R> {
    /// The row had `got` values of `width`; the rest are blank.
    Short { row: R, got: usize, width: usize, span: Span },
    /// A value that belongs to no row (or one too many for its row).
    Stray { value: Value, span: Span },
    /// The row's label was not found.
    Missing { row: R },
    /// Empty fields on both sides of the values could be the row's blank
    /// cells; `trailing` of them were taken from the end, the rest from the start.
    BlankSideAssumed { row: R, span: Span, leading: usize, trailing: usize },
}

/// A value or an empty field collected for a row.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Slot {
    Value(Cell),
    Pad(Span),
}

/// The cells chosen for a row (a range of its slots; a pad is a blank cell)
/// and (leading, trailing) pads taken when both sides were possible.
pub(crate) type Resolved = (std::ops::Range<usize>, Option<(usize, usize)>);

/// The cell a slot stands for: its value, or a blank for an empty field.
pub(crate) fn slot_cell<S: SlotLike>(s: &S) -> (Value, Span) {
    let cell = s.cell();
    (cell.value, cell.span)
}

/// What `resolve_slots` needs of a slot: whether it holds a value, and its
/// cell. Anchored pairing passes references to the items themselves, so
/// cells are not copied into a second vector on the way.
pub(crate) trait SlotLike {
    fn is_value(&self) -> bool;
    fn cell(&self) -> Cell;
}

impl SlotLike for Slot {
    fn is_value(&self) -> bool {
        matches!(self, Slot::Value(..))
    }
    fn cell(&self) -> Cell {
        match *self {
            Slot::Value(cell) => cell,
            Slot::Pad(span) => Cell { value: Value::Blank, span },
        }
    }
}

/// An item collected for a row: a value or a pad (anchored pairing collects nothing else).
impl<R> SlotLike for &Item<R> {
    fn is_value(&self) -> bool {
        matches!(self, Item::Value { .. })
    }
    fn cell(&self) -> Cell {
        match **self {
            Item::Value { cell } => cell,
            Item::Pad { span } | Item::Label { span, .. } => Cell { value: Value::Blank, span },
            Item::Boundary => Cell { value: Value::Blank, span: Span::default() },
        }
    }
}

/// Which cells of a row's collected slots are its `width` cells. Values
/// must be contiguous once empty fields between them count as blanks; empty
/// fields around them are the row's blank cells when the values alone are
/// too few, or padding otherwise. Returns the range of slots that are the
/// cells (see [`slot_cell`]) and, when pads on both sides were possible, how
/// many were taken on each side. `None` when the values alone are more than
/// the width.
// Inlined: returned through memory, its result was copied whole (stale
// bytes of the `None` side included) into a stack slot the next store waited on.
#[inline(always)]
pub(crate) fn resolve_slots<S: SlotLike>(
    slots: &[S],
    width: usize,
    row_ok: &dyn Fn(&[Value]) -> bool,
) -> Option<Resolved> {
    let first = slots.iter().position(S::is_value);
    let last = slots.iter().rposition(S::is_value);
    let (a, b) = match (first, last) {
        (Some(a), Some(b)) => (a, b + 1),
        // No value at all: the pads, if they are exactly the row, are its blank cells.
        // (Which of several pads is the blank only moves its span.)
        _ => {
            let n = if width > 0 && slots.len() >= width { width } else { slots.len() };
            return Some((0..n, None));
        }
    };
    let inner = b - a;
    if inner > width {
        return None;
    }
    let need = width - inner;
    let left = slots[..a].iter().rev().take_while(|s| !s.is_value()).count();
    let right = slots[b..].iter().take_while(|s| !s.is_value()).count();
    let (take_left, take_right, assumed) = if need == 0 {
        (0, 0, false)
    } else if left + right <= need {
        // Every pad is needed (and the row may still be short: the caller fills it).
        (left, right, false)
    } else if left == 0 {
        (0, right.min(need), false)
    } else if right == 0 {
        (left.min(need), 0, false)
    } else {
        // Both sides could hold the blanks. Prefer the split under which the
        // row adds up, if exactly one does; else take from the end first (a
        // blank 总计 is the common case). Either way, say so.
        let lo = need.saturating_sub(right);
        let hi = left.min(need);
        let mut vals: Vec<Value> = Vec::with_capacity(width);
        let mut fits = (0usize, 0usize); // (how many splits add up, the first of them)
        for l in lo..=hi {
            vals.clear();
            vals.extend(slots[a - l..b + need - l].iter().map(|s| s.cell().value));
            if row_ok(&vals) {
                fits = (fits.0 + 1, if fits.0 == 0 { l } else { fits.1 });
            }
        }
        let l = if fits.0 == 1 { fits.1 } else { need - right.min(need) };
        (l, need - l, true)
    };
    Some((a - take_left..b + take_right, assumed.then_some((take_left, take_right))))
}

/// Anchored pairing. With `strict`, returns `None` unless every row of
/// `spec` got exactly its width and no value strayed; otherwise pads,
/// records problems and returns what it could place. Problems are added to
/// `problems` only when a result is returned.
pub(crate) fn anchored<R: Copy + Eq>(
    items: &[Item<R>],
    spec: &[(R, usize)],
    strict: bool,
    row_ok: &dyn Fn(&[Value]) -> bool,
    problems: &mut Vec<Problem<R>>,
) -> Option<Vec<Placed<R>>> {
    let mut found: Vec<Problem<R>> = Vec::new();
    // Every row's slots in one vector: a row's slots are contiguous, because
    // they are collected only between its label and the next label or boundary.
    let mut all: Vec<&Item<R>> = Vec::with_capacity(items.len());
    let mut range: Vec<(usize, usize)> = vec![(0, 0); spec.len()];
    let mut label_span: Vec<Option<Span>> = vec![None; spec.len()];
    let mut current: Option<usize> = None;
    let mut seen_label = false;
    for item in items {
        match item {
            Item::Label { row, span } => {
                seen_label = true;
                current = spec.iter().position(|s| s.0 == *row);
                if let Some(i) = current {
                    let (from, to) = range[i];
                    if all[from..to].iter().any(SlotLike::is_value) {
                        // The same row again after it got values: a second copy.
                        if strict {
                            return None;
                        }
                        current = None;
                    } else {
                        range[i] = (all.len(), all.len());
                        label_span[i] = Some(*span);
                    }
                }
            }
            Item::Boundary => current = None,
            Item::Pad { .. } => {
                if let Some(i) = current {
                    all.push(item);
                    range[i].1 = all.len();
                }
            }
            Item::Value { cell } => {
                if !seen_label {
                    continue; // header area
                }
                match current {
                    Some(i) => {
                        all.push(item);
                        range[i].1 = all.len();
                    }
                    None => {
                        if strict {
                            return None;
                        }
                        found.push(Problem::Stray { value: cell.value, span: cell.span });
                    }
                }
            }
        }
    }
    let mut placed: Vec<Placed<R>> = Vec::with_capacity(spec.iter().map(|s| s.1).sum());
    for (i, &(row, width)) in spec.iter().enumerate() {
        let Some(lspan) = label_span[i] else {
            if strict {
                return None;
            }
            found.push(Problem::Missing { row });
            continue;
        };
        let slots = &all[range[i].0..range[i].1];
        let placed_from = placed.len();
        match resolve_slots(slots, width, row_ok) {
            Some((r, side)) => {
                for (col, s) in slots[r].iter().enumerate() {
                    placed.push(Placed { row, col, cell: s.cell(), filled: false });
                }
                // (Reported here: the side is not kept past the match, where
                // copying the whole `Option` cost a stalled store.)
                if let Some((leading, trailing)) = side {
                    found.push(Problem::BlankSideAssumed { row, span: lspan, leading, trailing });
                }
            }
            None => {
                if strict {
                    return None;
                }
                // Too many cells. If the values alone fit, the empty fields among them were
                // padding: keep the values. Else keep the first `width` cells from the first
                // value on (empty fields between values blank) and report the other values.
                let n_values = slots.iter().filter(|s| s.is_value()).count();
                let (from, keep) = if n_values <= width {
                    (0, width)
                } else {
                    (slots.iter().position(SlotLike::is_value).unwrap_or(0), width)
                };
                let mut col = 0;
                for (k, s) in slots[from..].iter().enumerate() {
                    let cell = s.cell();
                    if n_values <= width {
                        // Only the values; the empty fields were padding.
                        if s.is_value() {
                            placed.push(Placed { row, col, cell, filled: false });
                            col += 1;
                        }
                    } else if k < keep {
                        placed.push(Placed { row, col, cell, filled: false });
                        col += 1;
                    } else if s.is_value() {
                        found.push(Problem::Stray { value: cell.value, span: cell.span });
                    }
                }
            }
        }
        let got = placed.len() - placed_from;
        if got < width {
            if strict {
                return None;
            }
            found.push(Problem::Short { row, got, width, span: lspan });
        }
        for col in got..width {
            placed.push(Placed { row, col, cell: Cell { value: Value::Blank, span: lspan }, filled: true });
        }
    }
    problems.extend(found);
    Some(placed)
}

/// Places the values of short rows by their printed column (`pdftotext
/// -layout` keeps columns but leaves empty cells as spaces): the column
/// positions are learnt from the complete rows of the same width, and each
/// short row's values go to the nearest columns, in order.
pub(crate) fn realign_short_rows<R: Copy + Eq>(
    placed: &mut [Placed<R>],
    spec: &[(R, usize)],
    lines: &[crate::text::Line<'_>],
    header_centers: &dyn Fn(usize) -> Option<Vec<f64>>,
) -> Vec<R> {
    let mut moved = Vec::new();
    let center = |p: &Placed<R>| display_center(lines, p.cell.span);
    for &(row, width) in spec {
        let cells: Vec<usize> = (0..placed.len()).filter(|&k| placed[k].row == row).collect();
        if cells.len() != width || !cells.iter().any(|&k| placed[k].filled) {
            continue;
        }
        // Column centres from complete rows (no filled cell) of the same width.
        let mut sums = vec![0.0; width];
        let mut n = 0.0;
        for &(other, w) in spec {
            if w != width || other == row {
                continue;
            }
            let oc: Vec<&Placed<R>> = placed.iter().filter(|p| p.row == other).collect();
            if oc.len() == width && oc.iter().all(|p| !p.filled && !p.cell.value.is_blank()) {
                for p in oc {
                    sums[p.col] += center(p);
                }
                n += 1.0;
            }
        }
        // Without a complete row, the column headers tell where the columns are.
        let centers: Vec<f64> = if n > 0.0 {
            sums.iter().map(|s| s / n).collect()
        } else if let Some(h) = header_centers(width) {
            h
        } else {
            continue;
        };
        let values: Vec<Placed<R>> = cells.iter().map(|&k| placed[k]).filter(|p| !p.filled).collect();
        if values.is_empty() {
            continue;
        }
        let positions: Vec<f64> = values.iter().map(center).collect();
        let best = best_columns(&centers, &positions);
        let Some(cols) = best else { continue };
        let blank_span = values.first().map_or(placed[cells[0]].cell.span, |p| p.cell.span);
        for (slot, &k_idx) in cells.iter().enumerate() {
            let p = &mut placed[k_idx];
            match cols.iter().position(|&c| c == slot) {
                Some(vi) => {
                    *p = Placed { row, col: slot, cell: values[vi].cell, filled: false };
                }
                None => {
                    *p = Placed { row, col: slot, cell: Cell { value: Value::Blank, span: blank_span }, filled: false }
                }
            }
        }
        moved.push(row);
    }
    moved
}

/// A block of values that was transposed.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Transposed {
    pub span: Span,
    pub rows: usize,
}

/// Sequential pairing: every value in template order. `row_ok` judges one
/// row's values (used to recognise blocks printed column by column when all
/// rows have the same width).
pub(crate) fn sequential<R: Copy + Eq>(
    items: &[Item<R>],
    spec: &[(R, usize)],
    row_ok: impl Fn(&[Value]) -> bool,
    transposed: &mut Vec<Transposed>,
) -> Option<Vec<Placed<R>>> {
    // Values, split into runs by any label or boundary; leading blanks are
    // header placeholders. One vector for all runs, and where each run ends.
    let mut values: Vec<(Value, Span)> = Vec::with_capacity(items.len());
    let mut run_ends: Vec<usize> = Vec::new();
    let mut seen_number = false;
    for item in items {
        match *item {
            Item::Value { cell: Cell { value, span } } => {
                if !seen_number && value.is_blank() {
                    continue;
                }
                seen_number = true;
                values.push((value, span));
            }
            Item::Pad { .. } => {}
            _ => {
                if values.len() > run_ends.last().copied().unwrap_or(0) {
                    run_ends.push(values.len());
                }
            }
        }
    }
    if values.len() > run_ends.last().copied().unwrap_or(0) {
        run_ends.push(values.len());
    }
    let total: usize = spec.iter().map(|s| s.1).sum();
    if values.len() != total {
        return None;
    }
    let uniform = spec.first().map(|s| s.1).filter(|w| spec.iter().all(|s| s.1 == *w));
    // Flat cell index → (row, col).
    let mut slots: Vec<(R, usize)> = Vec::with_capacity(total);
    for &(row, width) in spec {
        for col in 0..width {
            slots.push((row, col));
        }
    }
    let mut placed = Vec::with_capacity(total);
    let mut cursor = 0usize;
    // Buffers for every run: its reading order, a split's order, one row.
    let (mut order, mut split) = (Vec::new(), Vec::new());
    let mut row_buf = vec![Value::Blank; uniform.unwrap_or(0)];
    let mut from = 0;
    for &to in &run_ends {
        let run = &values[from..to];
        from = to;
        order.clear();
        order.extend(0..run.len());
        if let Some(w) = uniform {
            let k = run.len() / w;
            if cursor.is_multiple_of(w) && run.len().is_multiple_of(w) && k >= 2 {
                // The run may be `m` rows printed row by row followed by
                // `k - m` rows printed column by column (a PDF text block
                // boundary inside the run). Pick the split under which the
                // most rows add up; keep row order unless a split does better.
                // Every split is judged on every row (k² rows in all): each row
                // is gathered into one buffer, not a vector of its own.
                let mut valid_rows = |ord: &[usize]| {
                    (0..k)
                        .filter(|r| {
                            for (slot, &j) in row_buf.iter_mut().zip(&ord[r * w..(r + 1) * w]) {
                                *slot = run[j].0;
                            }
                            row_ok(&row_buf)
                        })
                        .count()
                };
                // The order of the run's values with the last k - m rows read column by column.
                let split_order = |m: usize, ord: &mut Vec<usize>| {
                    let rest = k - m;
                    ord.clear();
                    ord.extend(0..m * w);
                    ord.extend((0..rest * w).map(|i| m * w + (i % w) * rest + i / w));
                };
                let by_row = valid_rows(&order);
                let mut best: Option<(usize, usize)> = None; // (valid rows, m)
                for m in 0..=k - 2 {
                    split_order(m, &mut split);
                    let score = valid_rows(&split);
                    if score > by_row && best.is_none_or(|(s, _)| score > s) {
                        best = Some((score, m));
                    }
                }
                if let Some((_, m)) = best {
                    split_order(m, &mut order);
                    transposed.push(Transposed { span: run[m * w].1, rows: k - m });
                }
            }
        }
        for &j in &order {
            let (row, col) = slots[cursor];
            let (value, span) = run[j];
            placed.push(Placed { row, col, cell: Cell { value, span }, filled: false });
            cursor += 1;
        }
    }
    Some(placed)
}

/// Turns pairing problems into diagnostics. `moved` rows were placed by
/// column position after being found short.
pub(crate) fn report_problems<R: Copy + Eq + Display>(
    table: &str,
    problems: &[Problem<R>],
    moved: &[R],
    label: impl Fn(R) -> &'static str,
    diags: &mut Vec<Diagnostic>,
) {
    for p in problems {
        match *p {
            Problem::Short { row, got, width, span } if moved.contains(&row) => diags.push(Diagnostic::at(
                DiagnosticCode::ShortRow,
                span,
                format!(
                    "{table} row {row} has {got} of {width} values; placed them by their printed columns, \
                     the empty columns are blank"
                ),
            )),
            Problem::Short { row, got, width, span } => diags.push(Diagnostic::at(
                DiagnosticCode::ShortRow,
                span,
                format!("{table} row {row} has {got} of {width} values; the missing ones (at the end) are blank"),
            )),
            Problem::Stray { value, span } => diags.push(Diagnostic::at(
                DiagnosticCode::ExtraValues,
                span,
                format!(
                    "{table}: value {} belongs to no row; kept here",
                    value.number().map_or_else(|| "(blank)".to_owned(), |n| n.to_string())
                ),
            )),
            Problem::Missing { row } => diags.push(Diagnostic::at_line(
                DiagnosticCode::RowMissing,
                0,
                format!("{table} row {row} ({}) was not found", label(row)),
            )),
            Problem::BlankSideAssumed { row, span, leading, trailing } => diags.push(Diagnostic::at(
                DiagnosticCode::BlankSideAssumed,
                span,
                format!(
                    "{table} row {row}: empty fields on both sides of its values could be its blank cells; \
                     took {leading} from the start and {trailing} from the end"
                ),
            )),
        }
    }
}

/// Increasing column indexes, one per position, minimising the total
/// distance to the column centres (every combination is tried: at most 15
/// columns, so at most 6435 combinations).
pub(crate) fn best_columns(centers: &[f64], positions: &[f64]) -> Option<Vec<usize>> {
    let (k, width) = (positions.len(), centers.len());
    if k > width || width > 16 {
        return None;
    }
    let mut best: Option<(f64, Vec<usize>)> = None;
    let mut combo: Vec<usize> = (0..k).collect();
    loop {
        let cost: f64 = combo.iter().zip(positions).map(|(&c, p)| (centers[c] - p).abs()).sum();
        if best.as_ref().is_none_or(|(b, _)| cost < *b) {
            best = Some((cost, combo.clone()));
        }
        // Next combination of k out of width.
        let mut i = k;
        while i > 0 && combo[i - 1] == width - k + i - 1 {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        combo[i - 1] += 1;
        for j in i..k {
            combo[j] = combo[j - 1] + 1;
        }
    }
    best.map(|b| b.1)
}

/// The display column of a span's middle (wide characters count 2), the way
/// `pdftotext -layout` aligns columns.
pub(crate) fn display_center(lines: &[crate::text::Line<'_>], span: Span) -> f64 {
    display_edge(lines, span, 0.0)
}

/// The display column of a span's left edge (`edge` -1), middle (0) or
/// right edge (1), wide characters counting 2.
pub(crate) fn display_edge(lines: &[crate::text::Line<'_>], span: Span, edge: f64) -> f64 {
    let Some(line) = line_numbered(lines, span.line) else { return 0.0 };
    let width = |s: &str| s.chars().map(|c| if is_wide(c) { 2.0 } else { 1.0 }).sum::<f64>();
    let from = span.start.saturating_sub(line.start).min(line.text.len());
    let to = span.end.saturating_sub(line.start).min(line.text.len());
    let (Some(before), Some(cell)) = (line.text.get(..from), line.text.get(from..to)) else { return 0.0 };
    width(before) + width(cell) * (edge + 1.0) / 2.0
}

/// The line of a region's `lines` (consecutive) numbered `number`.
pub(crate) fn line_numbered<'l, 'a>(
    lines: &'l [crate::text::Line<'a>],
    number: u32,
) -> Option<&'l crate::text::Line<'a>> {
    let first = lines.first()?;
    lines.get(number.checked_sub(first.number)? as usize)
}

fn is_wide(c: char) -> bool {
    matches!(c, '\u{1100}'..='\u{115f}' | '\u{2e80}'..='\u{a4cf}' | '\u{ac00}'..='\u{d7a3}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' | '\u{ff00}'..='\u{ff60}' | '\u{ffe0}'..='\u{ffe6}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(n: i64) -> Slot {
        Slot::Value(Cell { value: Value::Number { number: crate::value::Number::count(n) }, span: Span::default() })
    }
    const PAD: Slot = Slot::Pad(Span { start: 0, end: 0, line: 0, column: 0 });

    type Cells = Vec<(Value, Span)>;

    /// The chosen cells of `resolve_slots`, as values and spans.
    fn resolved(slots: &[Slot], width: usize, ok: &dyn Fn(&[Value]) -> bool) -> (Cells, Option<(usize, usize)>) {
        let (range, side) = resolve_slots(slots, width, ok).unwrap();
        (slots[range].iter().map(slot_cell).collect(), side)
    }

    #[test]
    fn pads_decide_edge_blanks() {
        let ok = |_: &[Value]| true;
        // Leading pad only: the first cell is blank.
        let (cells, side) = resolved(&[PAD, v(1), v(1)], 3, &ok);
        assert!(cells[0].0.is_blank() && side.is_none());
        // Padding beyond the width is dropped.
        let (cells, _) = resolved(&[PAD, v(1), v(2), v(3), PAD, PAD], 3, &ok);
        assert_eq!(cells.iter().filter(|c| c.0.is_blank()).count(), 0);
        // Both sides, fewer pads than missing cells: all taken, the row stays short.
        let (cells, side) = resolved(&[PAD, v(1), PAD], 5, &ok);
        assert_eq!((cells.len(), side), (3, None));
        // Both sides, more pads than needed: the reading that adds up wins, and is reported.
        let adds = |vals: &[Value]| {
            let n = |x: &Value| x.number().map_or(0, |n| n.mantissa);
            n(&vals[0]) + n(&vals[1]) == n(&vals[2])
        };
        let (cells, side) = resolved(&[PAD, v(2), v(2), PAD], 3, &adds);
        assert!(cells[0].0.is_blank());
        assert_eq!(side, Some((1, 0)));
    }
}
