//! Table 4: 政府信息公开行政复议、行政诉讼情况 (3 groups × 5 columns, one row).

use crate::diag::{Diagnostic, DiagnosticCode};
use crate::key::{T4Col, T4Group};
use crate::report::{Fragment, Layout, Table4};
use crate::text::{Line, squashed};
use crate::value::{Cell, Value};

use super::cells::{Tok, sniff_layout, tokenize};
use super::rows::{Slot, best_columns, display_center, resolve_slots, slot_cell};

/// Reads table 4 from the lines of its region.
pub(crate) fn read(lines: &[Line<'_>], pdf_document: bool, diags: &mut Vec<Diagnostic>) -> Option<Table4> {
    let layout = sniff_layout(lines, pdf_document);
    let events = tokenize(lines, layout, diags);
    let mut table = Table4 { layout: Some(layout), ..Table4::default() };
    let mut slots: Vec<Slot> = Vec::with_capacity(24);
    let mut header_words: Vec<(&str, crate::span::Span)> = Vec::new();
    // For each value, the one group the header text just before its run names, if any.
    let mut hints: Vec<Option<T4Group>> = Vec::with_capacity(24);
    let mut gap_groups: [bool; 3] = [false; 3];
    let mut run_hint: Option<T4Group> = None;
    let mut after_text = true;
    let mut sq_buf = String::with_capacity(256);
    let (mut has_groups, mut has_columns) = (false, false);
    for ev in &events {
        match ev.tok {
            Tok::Value { cell } => {
                if after_text {
                    run_hint = match gap_groups {
                        [true, false, false] => Some(T4Group::Review),
                        [false, true, false] => Some(T4Group::LitigationDirect),
                        [false, false, true] => Some(T4Group::LitigationAfterReview),
                        _ => None,
                    };
                    gap_groups = [false; 3];
                    after_text = false;
                }
                slots.push(Slot::Value(cell));
                hints.push(run_hint);
            }
            Tok::Pad { span } => slots.push(Slot::Pad(span)),
            Tok::Text { raw, span } => {
                if layout == Layout::PdfLayout {
                    header_words.push((raw, span));
                }
                // Empty fields before a header line are not cells.
                while matches!(slots.last(), Some(Slot::Pad(_))) {
                    slots.pop();
                }
                after_text = true;
                let sq = squashed(raw, &mut sq_buf);
                let w = header_words_in(sq);
                if w.after_review {
                    gap_groups[2] = true;
                } else if w.direct {
                    gap_groups[1] = true;
                } else if w.review {
                    gap_groups[0] = true;
                }
                has_groups |= w.groups;
                has_columns |= w.columns;
                let known = w.known;
                if !known {
                    table.unrecognized.push(Fragment { text: raw.to_owned(), span });
                }
            }
        }
    }
    // Placeholders (`-` in an OCR'd header) before the numbers, when there are too many values.
    let mut n_values = slots.iter().filter(|s| matches!(s, Slot::Value(..))).count();
    while n_values > 15 {
        match slots.iter().position(|s| matches!(s, Slot::Value(..))) {
            Some(i) if matches!(slots[i], Slot::Value(Cell { value: Value::Blank, .. })) => {
                slots.drain(..=i);
                hints.remove(0);
                n_values -= 1;
            }
            _ => break,
        }
    }
    let mut values: Vec<(Value, crate::span::Span)> = match resolve_slots(&slots, 15, &|v| {
        v.chunks(5).all(group_adds_up)
    }) {
        Some((cells, _)) => slots[cells].iter().map(slot_cell).collect(),
        None => {
            slots.iter().filter_map(|s| if let Slot::Value(c) = *s { Some((c.value, c.span)) } else { None }).collect()
        }
    };
    if layout == Layout::PdfLayout
        && !values.is_empty()
        && values.len() < 15
        && let Some(aligned) = align_by_header(lines, &header_words, &values)
    {
        {
            diags.push(Diagnostic::at_line(
                DiagnosticCode::ShortRow,
                values[0].1.line,
                format!(
                    "table 4 has {} of 15 values; placed them under their printed column headers, \
                     the empty columns are blank",
                    values.len()
                ),
            ));
            values = aligned;
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
    if layout == Layout::PdfFlat && values.len() == 15 && hints.len() == 15 {
        reorder_flat(&mut values, &hints, diags);
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
fn reorder_flat(values: &mut [(Value, crate::span::Span)], hints: &[Option<T4Group>], diags: &mut Vec<Diagnostic>) {
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
    // Several readings add up: prefer the one that agrees best with the group
    // names printed just before each run of numbers, if one agrees strictly best.
    let mut hinted = false;
    if search.found.len() > 1 && search.found.len() <= MAX_READINGS {
        // Agreement with the printed group names counts most; then reading
        // order starting at the table's top-left cell (行政复议 · 结果维持).
        let score = |order: &[usize; 15]| {
            let agree =
                order.iter().enumerate().filter(|&(slot, &src)| hints[src] == Some(T4Group::ALL[slot / 5])).count();
            2 * agree + usize::from(order[0] == 0)
        };
        let mut scored: Vec<(usize, usize)> = search.found.iter().enumerate().map(|(i, f)| (score(&f.1), i)).collect();
        scored.sort_unstable_by(|a, b| b.cmp(a));
        if scored[0].0 > scored[1].0 {
            let best = search.found.swap_remove(scored[0].1);
            search.found = vec![best];
            hinted = true;
        }
    }
    match search.found.as_slice() {
        [only] => {
            let order = only.1;
            let reordered: Vec<_> = order.iter().map(|&i| values[i]).collect();
            values.copy_from_slice(&reordered);
            diags.push(Diagnostic::at_line(
                DiagnosticCode::ValuesReordered,
                line,
                if hinted {
                    "table 4: the printed order of the 15 values does not add up (PDF text blocks); \
                     of the orders in which every group's 总计 equals its parts, read them in the one that \
                     agrees best with the group names printed before each run of numbers and starts at \
                     the top-left cell"
                } else {
                    "table 4: the printed order of the 15 values does not add up (PDF text blocks); \
                     read them in the only order in which every group's 总计 equals its parts"
                },
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

/// How many distinct readings the search collects before giving up on choosing.
const MAX_READINGS: usize = 16;

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
        if self.found.len() > MAX_READINGS || self.budget == 0 {
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

/// `pdftotext -layout` prints an empty cell as spaces. When table 4 has
/// fewer than 15 values, find the 15 column positions from the header words
/// (结果 维持 纠正 … 总计, wherever they wrapped) and put each value under the
/// nearest column, in order. `None` when the header does not give 15 columns.
fn align_by_header(
    lines: &[Line<'_>],
    header: &[(&str, crate::span::Span)],
    values: &[(Value, crate::span::Span)],
) -> Option<Vec<(Value, crate::span::Span)>> {
    const COLUMN_WORDS: [&str; 9] = ["结果", "维持", "纠正", "其他", "尚未", "审结", "总计", "总", "计"];
    let mut xs: Vec<f64> = Vec::new();
    for &(raw, span) in header {
        for w in raw.split_whitespace() {
            if !COLUMN_WORDS.iter().any(|k| w.starts_with(k)) && !w.contains("结") {
                continue;
            }
            let off = w.as_ptr() as usize - raw.as_ptr() as usize;
            let ws = crate::span::Span { start: span.start + off, end: span.start + off + w.len(), ..span };
            xs.push(display_center(lines, ws));
        }
    }
    xs.sort_by(f64::total_cmp);
    // Words of one column (stacked over lines) sit within a couple of columns of each other.
    let mut clusters: Vec<(f64, f64)> = Vec::new(); // (sum, count)
    let mut last = f64::NEG_INFINITY;
    for x in xs {
        if x - last > 2.5 || clusters.is_empty() {
            clusters.push((x, 1.0));
        } else if let Some(c) = clusters.last_mut() {
            c.0 += x;
            c.1 += 1.0;
        }
        last = x;
    }
    if clusters.len() != 15 {
        return None;
    }
    let centers: Vec<f64> = clusters.iter().map(|(s, n)| s / n).collect();
    let pos: Vec<f64> = values.iter().map(|(_, sp)| display_center(lines, *sp)).collect();
    let cols = best_columns(&centers, &pos)?;
    let blank_span = values[0].1;
    let mut out = vec![(Value::Blank, blank_span); 15];
    for (v, &c) in values.iter().zip(&cols) {
        out[c] = *v;
    }
    Some(out)
}

/// Whether a group's 总计 equals its four results (blank counts as 0).
fn group_adds_up(g: &[Value]) -> bool {
    let n = |v: &Value| v.number().map_or(0, |n| n.mantissa);
    g.len() == 5 && g[..4].iter().map(n).sum::<i64>() == n(&g[4])
}

/// What table-4 header words a text holds.
struct HeaderWords {
    /// 行政复议 / 行政诉讼.
    groups: bool,
    /// A column name (维持, 纠正, 审结, 其他结果).
    columns: bool,
    /// Any header word at all.
    known: bool,
    /// 行政复议, 未经复议 or 直接起诉, 复议后: which group a header text names.
    review: bool,
    direct: bool,
    after_review: bool,
}

/// One automaton pass over the text (every header fragment goes through here).
fn header_words_in(sq: &str) -> HeaderWords {
    use super::keywords::Keywords;
    use std::sync::OnceLock;
    // 0-1: groups, 2-5: columns, 6-10: other header words, 11-13: words that
    // name a group's columns (复议后, 未经复议, 直接起诉).
    const WORDS: [&str; 14] = [
        "行政复议",
        "行政诉讼",
        "维持",
        "纠正",
        "审结",
        "其他结果",
        "结果",
        "总计",
        "尚未",
        "复议",
        "起诉",
        "复议后",
        "未经复议",
        "直接起诉",
    ];
    static KW: OnceLock<Keywords> = OnceLock::new();
    let kw = KW.get_or_init(|| Keywords::new(WORDS));
    let mut w =
        HeaderWords { groups: false, columns: false, known: false, review: false, direct: false, after_review: false };
    kw.scan(sq, |p| {
        w.known = true;
        match p {
            0 => {
                w.groups = true;
                w.review = true;
            }
            1 => w.groups = true,
            2..=5 => w.columns = true,
            11 => w.after_review = true,
            12 | 13 => w.direct = true,
            _ => {}
        }
    });
    w
}
