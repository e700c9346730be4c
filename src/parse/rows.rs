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

use crate::span::Span;
use crate::value::Value;

/// A label, a boundary (group or block label) or a value, in source order.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Item<R> {
    Label { row: R, span: Span },
    Boundary,
    Value { value: Value, span: Span },
}

/// A value placed in a row and column.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Placed<R> {
    pub row: R,
    pub col: usize,
    pub value: Value,
    pub span: Span,
}

/// What went wrong while pairing in partial mode.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Problem<R> {
    /// The row had `got` values of `width`; the rest are blank.
    Short { row: R, got: usize, width: usize, span: Span },
    /// A value that belongs to no row (or one too many for its row).
    Stray { value: Value, span: Span },
    /// The row's label was not found.
    Missing { row: R },
}

/// Anchored pairing. With `strict`, returns `None` unless every row of
/// `spec` got exactly its width and no value strayed; otherwise pads,
/// records problems and returns what it could place.
pub(crate) fn anchored<R: Copy + Eq>(
    items: &[Item<R>],
    spec: &[(R, usize)],
    strict: bool,
    problems: &mut Vec<Problem<R>>,
) -> Option<Vec<Placed<R>>> {
    let mut placed: Vec<Placed<R>> = Vec::with_capacity(spec.iter().map(|s| s.1).sum());
    let mut counts = vec![0usize; spec.len()];
    let mut label_span: Vec<Option<Span>> = vec![None; spec.len()];
    let mut current: Option<usize> = None;
    let mut seen_label = false;
    for item in items {
        match *item {
            Item::Label { row, span } => {
                seen_label = true;
                current = spec.iter().position(|s| s.0 == row);
                if let Some(i) = current {
                    if counts[i] > 0 {
                        // The same row again after it got values: a second copy.
                        if strict {
                            return None;
                        }
                        current = None;
                    } else {
                        label_span[i] = Some(span);
                    }
                }
            }
            Item::Boundary => current = None,
            Item::Value { value, span } => {
                if !seen_label {
                    continue; // header area
                }
                match current {
                    Some(i) if counts[i] < spec[i].1 => {
                        placed.push(Placed { row: spec[i].0, col: counts[i], value, span });
                        counts[i] += 1;
                    }
                    _ => {
                        if strict {
                            return None;
                        }
                        problems.push(Problem::Stray { value, span });
                    }
                }
            }
        }
    }
    for (i, &(row, width)) in spec.iter().enumerate() {
        if counts[i] == width {
            continue;
        }
        if strict {
            return None;
        }
        match label_span[i] {
            None => problems.push(Problem::Missing { row }),
            Some(span) => {
                problems.push(Problem::Short { row, got: counts[i], width, span });
                for col in counts[i]..width {
                    placed.push(Placed { row, col, value: Value::Blank, span });
                }
            }
        }
    }
    Some(placed)
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
    // Values, split into runs by any label or boundary; leading blanks are header placeholders.
    let mut runs: Vec<Vec<(Value, Span)>> = Vec::new();
    let mut cur: Vec<(Value, Span)> = Vec::new();
    let mut seen_number = false;
    for item in items {
        match *item {
            Item::Value { value, span } => {
                if !seen_number && value.is_blank() {
                    continue;
                }
                seen_number = true;
                cur.push((value, span));
            }
            _ => {
                if !cur.is_empty() {
                    runs.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if !cur.is_empty() {
        runs.push(cur);
    }
    let total: usize = spec.iter().map(|s| s.1).sum();
    if runs.iter().map(Vec::len).sum::<usize>() != total {
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
    let mut cursor = 0;
    for run in &runs {
        let mut order: Vec<usize> = (0..run.len()).collect();
        if let Some(w) = uniform {
            let k = run.len() / w;
            if cursor % w == 0 && run.len() % w == 0 && k >= 2 {
                // The run may be `m` rows printed row by row followed by
                // `k - m` rows printed column by column (a PDF text block
                // boundary inside the run). Pick the split under which the
                // most rows add up; keep row order unless a split does better.
                let values: Vec<Value> = run.iter().map(|v| v.0).collect();
                let valid_rows = |ord: &[usize]| {
                    (0..k)
                        .filter(|r| {
                            let row: Vec<Value> = ord[r * w..(r + 1) * w].iter().map(|&j| values[j]).collect();
                            row_ok(&row)
                        })
                        .count()
                };
                let split_order = |m: usize| -> Vec<usize> {
                    let rest = k - m;
                    let mut ord: Vec<usize> = (0..m * w).collect();
                    ord.extend((0..rest * w).map(|i| m * w + (i % w) * rest + i / w));
                    ord
                };
                let by_row = valid_rows(&order);
                let mut best: Option<(usize, usize)> = None; // (valid rows, m)
                for m in 0..=k - 2 {
                    let score = valid_rows(&split_order(m));
                    if score > by_row && best.is_none_or(|(s, _)| score > s) {
                        best = Some((score, m));
                    }
                }
                if let Some((_, m)) = best {
                    order = split_order(m);
                    transposed.push(Transposed { span: run[m * w].1, rows: k - m });
                }
            }
        }
        for &j in &order {
            let (row, col) = slots[cursor];
            let (value, span) = run[j];
            placed.push(Placed { row, col, value, span });
            cursor += 1;
        }
    }
    Some(placed)
}
