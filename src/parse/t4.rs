//! Table 4: 政府信息公开行政复议、行政诉讼情况 (3 groups × 5 columns, one row).

use crate::diag::{Diagnostic, DiagnosticCode};
use crate::key::{CellKey, T4Col, T4Group};
use crate::report::{Fragment, Layout, Table4};
use crate::text::{Line, squashed};
use crate::value::{Cell, Value};

use super::cells::{Event, Tok, tokenize_region};
use super::markers::PdfSigns;
use super::rows::{Slot, best_columns, display_center, display_edge, line_numbered, resolve_slots, slot_cell};

/// Reads table 4 from the lines of its region.
pub(crate) fn read<'a>(
    lines: &[Line<'a>],
    pdf: &PdfSigns<'_, 'a>,
    diags: &mut Vec<Diagnostic>,
    events: &mut Vec<Event<'a>>,
) -> Option<Table4> {
    let layout = tokenize_region(lines, pdf, diags, events);
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
    for ev in events.iter() {
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
    } else if layout == Layout::PdfLayout
        && values.len() < 15
        && let Some((aligned, why)) = align_by_gaps(lines, &values)
    {
        diags.push(Diagnostic::at_line(
            DiagnosticCode::ShortRow,
            values[0].1.line,
            format!(
                "table 4 has {} of 15 values on one line and no header that gives its columns; {why}; \
                 read those cells as blank (each group then adds up, its blank cells counted as 0)",
                values.len()
            ),
        ));
        values = aligned;
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
            diags.push(Diagnostic::blank_cell(CellKey::T4 { group, col }, *span));
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
            format!(
                "table 4: only {} of 15 values were found; read them in printed order as the first {} cells and \
                 left the last {} absent (an empty cell that left no mark, such as spaces in `pdftotext -layout` \
                 text, would put the values after it one cell early)",
                values.len(),
                values.len(),
                15 - values.len()
            ),
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
    reorder_flat_within(values, hints, diags, SEARCH_BUDGET);
}

/// [`reorder_flat`] with a search of at most `budget` nodes.
fn reorder_flat_within(
    values: &mut [(Value, crate::span::Span)],
    hints: &[Option<T4Group>],
    diags: &mut Vec<Diagnostic>,
    budget: usize,
) {
    let Some(nums): Option<Vec<i64>> = values.iter().map(|(v, _)| v.number().and_then(|n| n.as_count())).collect()
    else {
        return;
    };
    let adds_up = |g: &[i64]| g[0] + g[1] + g[2] + g[3] == g[4];
    if nums.chunks(5).all(adds_up) {
        return;
    }
    let mut search = Search::new(&nums, budget);
    search.run(0);
    let line = values[0].1.line;
    if search.budget == 0 {
        // Readings not yet found may add up too: "the only order" would be a guess.
        diags.push(Diagnostic::at_line(
            DiagnosticCode::OrderAmbiguous,
            line,
            format!(
                "table 4: the printed order does not add up, and the search for orders that do gave up after \
                 {budget} steps; kept the printed order"
            ),
        ));
        return;
    }
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

/// How many nodes the search may visit (it always ends far sooner on real tables).
const SEARCH_BUDGET: usize = 2_000_000;

/// How many visited states the search remembers: enough for every state of a
/// table of mostly zeros, a bounded memory however the values fall.
const MEMO_STATES: usize = 1 << 16;

/// Depth-first search over interleavings, bounded by a node budget.
///
/// There are 756,756 ways to deal 15 values into three groups of five in
/// order, and a table of mostly zeros (the common table 4) reaches a great
/// many of them: a real report took two milliseconds, a hundred times its
/// whole parse. Five things keep it small, none of which changes what is
/// found, or in which order:
/// - each group's sum so far is kept as it grows, not recomputed per node;
/// - a group with its four parts dealt needs its total among the values to come;
/// - the values still to come are the open groups' remaining parts and
///   totals, so they sum to the open groups' sums plus twice those parts: when
///   the difference is odd (a misread digit makes it so half of the time), no
///   deal adds up, which is found at the first node;
/// - with counts that cannot be negative, a group's sum so far only grows, and
///   each group still open needs a total of its own among the values to come:
///   when the open groups' sums, largest first, cannot each be matched with a
///   value to come at least as large (the largest sum with the largest value,
///   and so on), no deal from here adds up;
/// - two partial deals at the same depth that hold the same values in each
///   group lead to the same readings, so a state seen before is not explored
///   again (the readings it leads to were all found, or ruled out, the first time).
struct Search<'a> {
    nums: &'a [i64],
    /// For each value, 1 + the index of its first occurrence among the
    /// values: equal values have equal ids (four bits; there are 15 values).
    ids: [u64; 15],
    /// The three largest values from each position on, largest first
    /// (`i64::MIN` where there are fewer).
    suffix_top: [[i64; 3]; 16],
    /// The sum of the values from each position on (in `i128`: fifteen
    /// 18-digit counts overflow `i64`).
    suffix_sum: [i128; 16],
    /// Whether every value is at least 0, which the sum bound needs.
    non_negative: bool,
    groups: [[usize; 5]; 3],
    counts: [usize; 3],
    /// Sum of each group's values so far (its first four at most).
    sums: [i64; 3],
    /// The current state: the ids of each group's values, four bits each.
    state: u64,
    seen: std::collections::HashSet<u64, std::hash::BuildHasherDefault<StateHasher>>,
    /// Distinct readings found: the group values and the source index order.
    found: Vec<([[i64; 5]; 3], [usize; 15])>,
    budget: usize,
}

impl<'a> Search<'a> {
    /// A search over `nums`, which holds exactly 15 values, of at most `budget` nodes.
    fn new(nums: &'a [i64], budget: usize) -> Search<'a> {
        let mut ids = [0; 15];
        for (i, n) in nums.iter().enumerate().take(15) {
            ids[i] = 1 + nums.iter().position(|m| m == n).unwrap_or(i) as u64;
        }
        let mut suffix_top = [[i64::MIN; 3]; 16];
        let mut suffix_sum = [0i128; 16];
        for i in (0..nums.len().min(15)).rev() {
            suffix_sum[i] = suffix_sum[i + 1] + i128::from(nums[i]);
            let mut top = suffix_top[i + 1];
            // Insert nums[i] into the sorted three, dropping the smallest.
            let mut v = nums[i];
            for t in &mut top {
                if v > *t {
                    std::mem::swap(&mut v, t);
                }
            }
            suffix_top[i] = top;
        }
        Search {
            nums,
            ids,
            suffix_top,
            suffix_sum,
            non_negative: nums.iter().all(|&n| n >= 0),
            groups: [[0; 5]; 3],
            counts: [0; 3],
            sums: [0; 3],
            state: 0,
            // Room for the states of a typical search, so that it rarely regrows.
            seen: std::collections::HashSet::with_capacity_and_hasher(1024, Default::default()),
            found: Vec::new(),
            budget,
        }
    }

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
        // A group with its four parts needs its total among the values to come.
        let rest = &self.nums[i..];
        if (0..3).any(|g| self.counts[g] == 4 && !rest.contains(&self.sums[g])) {
            return;
        }
        // The values to come are the open groups' remaining parts and their
        // totals, and a total is its group's sum so far plus those parts: so
        // the values to come, less the open groups' sums, are twice the parts
        // to come. An odd difference (or, with counts, a negative one) ends the deal.
        let mut open = [i64::MIN; 3];
        let mut open_sum = 0i128;
        for g in (0..3).filter(|&g| self.counts[g] < 5) {
            open[g] = self.sums[g];
            open_sum += i128::from(self.sums[g]);
        }
        let twice_parts = self.suffix_sum[i] - open_sum;
        if twice_parts % 2 != 0 || (self.non_negative && twice_parts < 0) {
            return;
        }
        if self.non_negative {
            // Each open group a total of its own, at least its sum so far:
            // sums and values to come matched largest with largest.
            let [mut a, mut b, mut c] = open;
            if a < b {
                std::mem::swap(&mut a, &mut b);
            }
            if b < c {
                std::mem::swap(&mut b, &mut c);
            }
            if a < b {
                std::mem::swap(&mut a, &mut b);
            }
            let top = &self.suffix_top[i];
            if a > top[0] || b > top[1] || c > top[2] {
                return;
            }
        }
        if self.seen.len() < MEMO_STATES && !self.seen.insert(self.state) {
            return;
        }
        for g in 0..3 {
            let c = self.counts[g];
            if c == 5 {
                continue;
            }
            // The fifth value of a group is its total: the other four must add up to it.
            if c == 4 && self.sums[g] != self.nums[i] {
                continue;
            }
            self.groups[g][c] = i;
            self.counts[g] += 1;
            let shift = (g * 5 + c) * 4;
            self.state |= self.ids[i] << shift;
            if c < 4 {
                self.sums[g] += self.nums[i];
            }
            self.run(i + 1);
            if c < 4 {
                self.sums[g] -= self.nums[i];
            }
            self.state &= !(0xf << shift);
            self.counts[g] -= 1;
        }
    }
}

/// Hashes a search state (a `u64`) with one multiplication: the states are
/// the search's own, so there is nothing to defend against, and SipHash would
/// cost more than exploring a node.
#[derive(Default)]
struct StateHasher(u64);

impl std::hash::Hasher for StateHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b) ^ self.0.rotate_left(8));
        }
    }

    fn write_u64(&mut self, n: u64) {
        let h = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        self.0 = h ^ (h >> 29);
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

/// How much wider than the widest ordinary gap a gap must be to be taken for
/// one that empty cells widened (in real `pdftotext -layout` text the gaps
/// between filled columns differ by up to 1.8×: 5 to 9 columns).
const WIDENED_GAP: f64 = 1.9;

/// `pdftotext -layout` prints an empty cell as spaces, and often prints table
/// 4's header at other offsets than its values (so [`align_by_header`] finds
/// no 15 columns). When the `values` (fewer than 15) share one line, the gaps
/// between them may tell where the missing cells are: a gap that holds `k`
/// empty cells spans `k + 1` ordinary ones. Each widened gap must stand out
/// ([`WIDENED_GAP`] times the widest ordinary one), span a whole number of
/// ordinary gaps that no other number fits, and together they must hold
/// every missing cell; each group must then add up. Returns the 15 cells and
/// what was seen, for the diagnostic; `None` when the gaps do not tell (an
/// empty first or last cell, columns of very unequal widths) or the groups
/// would not add up.
fn align_by_gaps(
    lines: &[Line<'_>],
    values: &[(Value, crate::span::Span)],
) -> Option<(Vec<(Value, crate::span::Span)>, String)> {
    let missing = 15usize.checked_sub(values.len()).filter(|&m| m > 0)?;
    // Enough gaps to show what an ordinary one is.
    if values.len() < 8 || values.iter().any(|(_, s)| s.line != values[0].1.line) {
        return None;
    }
    // Cells are printed left-aligned, centred or right-aligned: the gaps are
    // measured between the values' left edges, middles or right edges,
    // whichever makes the ordinary gaps (all but the widest) most even.
    let gaps = [-1.0, 0.0, 1.0]
        .map(|edge| {
            let pos: Vec<f64> = values.iter().map(|(_, sp)| display_edge(lines, *sp, edge)).collect();
            let gaps: Vec<f64> = pos.windows(2).map(|w| w[1] - w[0]).collect();
            let mut sorted = gaps.clone();
            sorted.sort_by(f64::total_cmp);
            let ordinary = &sorted[..sorted.len().saturating_sub(missing)];
            let spread = ordinary.last().copied().unwrap_or(0.0) - ordinary.first().copied().unwrap_or(0.0);
            (spread, gaps)
        })
        .into_iter()
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, g)| g)?;
    // The widened gaps are the widest few (at most one per missing cell):
    // the reading must hold for exactly one count of them.
    let mut widest: Vec<usize> = (0..gaps.len()).collect();
    widest.sort_by(|&a, &b| gaps[b].total_cmp(&gaps[a]));
    let mut readings =
        (1..=missing.min(gaps.len() - 1)).filter_map(|w| hidden_cells(&gaps, &widest[..w], &widest[w..], missing));
    let (hidden, (lo, hi)) = readings.next()?;
    if readings.next().is_some() {
        return None;
    }
    let line = line_numbered(lines, values[0].1.line)?;
    let mut out = Vec::with_capacity(15);
    for (i, v) in values.iter().enumerate() {
        out.push(*v);
        if let Some(&k) = hidden.get(i).filter(|&&k| k > 0) {
            // The empty cells are the run of spaces between the two values.
            let from = v.1.end.checked_sub(line.start)?;
            let to = values[i + 1].1.start.checked_sub(line.start)?;
            let span = line.span_at(from, to.checked_sub(from)?);
            out.extend(std::iter::repeat_n((Value::Blank, span), k));
        }
    }
    let cells: Vec<Value> = out.iter().map(|(v, _)| *v).collect();
    if !cells.chunks(5).all(group_adds_up) {
        return None;
    }
    let widened: Vec<String> = hidden
        .iter()
        .enumerate()
        .filter(|&(_, &k)| k > 0)
        .map(|(i, &k)| {
            let cells = if k == 1 { "one empty cell".to_owned() } else { format!("{k} empty cells") };
            format!("the one after value {} ({:.0} columns: {cells})", i + 1, gaps[i])
        })
        .collect();
    let ordinary = if hi - lo < 0.5 { format!("{hi:.0}") } else { format!("{lo:.0}–{hi:.0}") };
    let why = format!("the gaps between its values are {ordinary} columns wide but for {}", widened.join(" and "));
    Some((out, why))
}

/// How many empty cells each gap holds if the gaps `widened` (indexes into
/// `gaps`) are the ones empty cells widened and `ordinary` the rest: each
/// widened gap must stand out ([`WIDENED_GAP`] times the widest ordinary
/// one) and span a number of ordinary gaps that no other number fits, and
/// together they must hold `missing` cells. Also returns the narrowest and
/// widest ordinary gap.
fn hidden_cells(
    gaps: &[f64],
    widened: &[usize],
    ordinary: &[usize],
    missing: usize,
) -> Option<(Vec<usize>, (f64, f64))> {
    let (lo, hi) = ordinary.iter().fold((f64::INFINITY, 0.0f64), |(lo, hi), &g| (lo.min(gaps[g]), hi.max(gaps[g])));
    if lo <= 0.0 || !lo.is_finite() {
        return None;
    }
    // A display column either way: positions of centred cells fall on halves.
    let spans = |g: f64, n: usize| g >= n as f64 * lo - 1.0 && g <= n as f64 * hi + 1.0;
    let mut hidden = vec![0; gaps.len()];
    for &i in widened {
        let g = gaps[i];
        let mut fits = (2..=missing + 1).filter(|&n| spans(g, n));
        match (fits.next(), fits.next()) {
            (Some(n), None) if g >= WIDENED_GAP * hi => hidden[i] = n - 1,
            _ => return None,
        }
    }
    (hidden.iter().sum::<usize>() == missing).then_some((hidden, (lo, hi)))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::xorshift;

    /// The search as first written: every interleaving, each group checked
    /// only when its total is dealt, no memory, no budget.
    fn readings_by_brute_force(nums: &[i64]) -> Vec<([[i64; 5]; 3], [usize; 15])> {
        fn go(
            nums: &[i64],
            i: usize,
            groups: &mut [[usize; 5]; 3],
            counts: &mut [usize; 3],
            found: &mut Vec<([[i64; 5]; 3], [usize; 15])>,
        ) {
            if found.len() > MAX_READINGS {
                return;
            }
            if i == nums.len() {
                let vals = groups.map(|g| g.map(|j| nums[j]));
                if !found.iter().any(|(v, _)| *v == vals) {
                    let mut order = [0; 15];
                    for (g, idx) in groups.iter().enumerate() {
                        order[g * 5..g * 5 + 5].copy_from_slice(idx);
                    }
                    found.push((vals, order));
                }
                return;
            }
            for g in 0..3 {
                let c = counts[g];
                if c == 5 {
                    continue;
                }
                groups[g][c] = i;
                counts[g] += 1;
                let v = groups[g].map(|j| nums[j]);
                if c < 4 || v[0] + v[1] + v[2] + v[3] == v[4] {
                    go(nums, i + 1, groups, counts, found);
                }
                counts[g] -= 1;
            }
        }
        let mut found = Vec::new();
        go(nums, 0, &mut [[0; 5]; 3], &mut [0; 3], &mut found);
        found
    }

    /// Three groups of four parts and their total, dealt into one sequence in
    /// a random interleaving (each group's values stay in order), as
    /// `pdftotext` prints table 4's text blocks; sometimes one value is then
    /// changed, so that no reading adds up.
    fn dealt(next: &mut impl FnMut() -> u64, pool: &[i64]) -> Vec<i64> {
        let groups: Vec<Vec<i64>> = (0..3)
            .map(|_| {
                let mut g: Vec<i64> = (0..4).map(|_| pool[next() as usize % pool.len()]).collect();
                g.push(g.iter().sum());
                g
            })
            .collect();
        let mut at = [0; 3];
        let mut seq = Vec::with_capacity(15);
        while seq.len() < 15 {
            let g = next() as usize % 3;
            if at[g] < 5 {
                seq.push(groups[g][at[g]]);
                at[g] += 1;
            }
        }
        if next().is_multiple_of(4) {
            let k = next() as usize % 15;
            seq[k] += 1;
        }
        seq
    }

    #[test]
    fn search_finds_what_brute_force_finds() {
        let mut next = xorshift(0x7461_626c_6534);
        // Mostly zeros (the common table 4), small counts, and a few negative
        // values (not counts, but numbers the grammar reads), for the path
        // without the sum bound.
        let pools: [&[i64]; 3] = [&[0, 0, 0, 0, 0, 1, 2, 5], &[0, 1, 2, 3, 5, 17, 40, 100, 351], &[0, 0, 1, 2, -1, 3]];
        let mut most_nodes = 0;
        for round in 0..150 {
            let nums = dealt(&mut next, pools[round % 3]);
            let mut search = Search::new(&nums, SEARCH_BUDGET);
            search.run(0);
            assert_eq!(search.found, readings_by_brute_force(&nums), "{nums:?}");
            most_nodes = most_nodes.max(SEARCH_BUDGET - search.budget);
        }
        // Far inside the budget: the budget is a guard, not what ends a search.
        assert!(most_nodes < SEARCH_BUDGET / 20, "{most_nodes}");
    }

    #[test]
    fn a_search_that_gives_up_keeps_the_printed_order() {
        // Two groups' values printed one after the other, then their totals:
        // readings add up, found only after more than a few steps.
        let nums = [1, 2, 3, 4, 5, 6, 7, 8, 10, 26, 0, 0, 0, 0, 0];
        let span = crate::span::Span::default();
        let printed: Vec<(Value, crate::span::Span)> =
            nums.iter().map(|&n| (Value::Number { number: crate::value::Number::count(n) }, span)).collect();
        let hints = [None; 15];
        let mut full = printed.clone();
        let mut diags = Vec::new();
        reorder_flat(&mut full, &hints, &mut diags);
        // (Without group names printed, the groups could be in any order: ambiguous.)
        assert_eq!(diags.len(), 1);
        assert!(!diags[0].message.contains("gave up"), "{}", diags[0].message);
        let mut cut = printed.clone();
        let mut diags = Vec::new();
        reorder_flat_within(&mut cut, &hints, &mut diags, 5);
        assert_eq!(cut, printed);
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].code, DiagnosticCode::OrderAmbiguous);
        assert!(diags[0].message.contains("gave up after 5 steps"), "{}", diags[0].message);
    }

    #[test]
    fn search_of_a_real_jumbled_table_is_small() {
        // Table 4 of a real flattened PDF, printed out of order.
        let nums = [72, 64, 178, 37, 12, 1, 1, 6, 351, 13, 4, 8, 1, 26, 20];
        let mut search = Search::new(&nums, SEARCH_BUDGET);
        search.run(0);
        assert_eq!(search.found, readings_by_brute_force(&nums));
        assert!(SEARCH_BUDGET - search.budget < 1_000, "{}", SEARCH_BUDGET - search.budget);
        // And a table of zeros with one misread value: nothing adds up.
        let nums = [10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0];
        let mut search = Search::new(&nums, SEARCH_BUDGET);
        search.run(0);
        assert!(search.found.is_empty());
        assert!(SEARCH_BUDGET - search.budget < 100);
    }

    /// The values of a one-line `pdftotext -layout` row, as table 4's reader
    /// holds them, and the line they come from.
    fn row_values(text: &str) -> (Vec<Line<'_>>, Vec<(Value, Span)>) {
        let line = Line { text, start: 100, number: 7, page_break: false };
        let mut values = Vec::new();
        let mut at = 0;
        for w in text.split(' ').filter(|w| !w.is_empty()) {
            let off = at + text[at..].find(w).unwrap();
            let number = crate::value::Number::parse_cell(w).unwrap();
            values.push((Value::Number { number }, line.span_at(off, w.len())));
            at = off + w.len();
        }
        (vec![line], values)
    }

    fn placed(text: &str) -> Option<Vec<Option<i64>>> {
        let (lines, values) = row_values(text);
        let (cells, _) = align_by_gaps(&lines, &values)?;
        assert_eq!(cells.len(), 15);
        Some(cells.iter().map(|(v, _)| v.number().map(|n| n.mantissa)).collect())
    }

    use crate::span::Span;

    #[test]
    fn gaps_place_empty_cells_on_an_even_grid() {
        // Six columns a cell, left-aligned: one empty cell, then two side by side.
        let one = "3     0     0     1     4     2           0     0     2     0     0     0     0     0";
        let cells = placed(one).expect("one empty cell placed");
        assert_eq!(cells[5..10], [Some(2), None, Some(0), Some(0), Some(2)]);
        let two = "3     0     0     1     4     0     0     0     0                 0     0     0     0";
        let cells = placed(two).expect("two empty cells placed");
        assert_eq!(cells[8..12], [Some(0), None, None, Some(0)]);
        // The blank's span is the run of spaces it was printed as.
        let (lines, values) = row_values(one);
        let (cells, why) = align_by_gaps(&lines, &values).unwrap();
        let gap = cells[6].1;
        assert_eq!(&one[gap.start - 100..gap.end - 100], "           ");
        assert_eq!((gap.line, gap.column), (7, 32));
        assert!(why.contains("6 columns wide but for the one after value 6 (12 columns: one empty cell)"), "{why}");
        // Centred cells (each value's middle on the grid) too.
        let centred = "3   12    0     1    16    2           0    10    12    0     0     0     0     0";
        assert_eq!(placed(centred).expect(centred)[5..10], [Some(2), None, Some(0), Some(10), Some(12)]);
    }

    #[test]
    fn gaps_that_do_not_tell_place_nothing() {
        // The columns of a real `-layout` row (values 5 to 9 columns apart)…
        const COLS: [usize; 15] = [0, 5, 10, 17, 22, 28, 33, 42, 51, 60, 65, 70, 76, 81, 89];
        let row = |vals: [&str; 15]| {
            let mut s = String::new();
            for (&col, v) in COLS.iter().zip(vals).filter(|(_, v)| !v.is_empty()) {
                let pad = col.saturating_sub(s.len()).max(usize::from(!s.is_empty()));
                s.push_str(&" ".repeat(pad));
                s.push_str(v);
            }
            s
        };
        let real = row(["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "1", "1", "6", "20"]);
        assert!(placed(&real).is_none(), "15 values: nothing to place");
        // …with a cell emptied where the columns are narrow: its gap (11) is
        // hardly wider than the widest ordinary one (9).
        let narrow = row(["72", "64", "178", "37", "351", "13", "4", "8", "1", "26", "12", "", "1", "6", "19"]);
        assert!(placed(&narrow).is_none(), "{narrow}");
        // …and where they are wide: 18 columns stand out.
        let wide = row(["72", "64", "178", "37", "351", "13", "4", "", "1", "18", "12", "1", "1", "6", "20"]);
        assert_eq!(placed(&wide).expect(&wide)[5..10], [Some(13), Some(4), None, Some(1), Some(18)]);
        // An empty first or last cell leaves no gap: 14 values, evenly spaced.
        let edge = "0     0     1     4     2     0     0     0     0     0     0     0     0     0";
        assert!(placed(edge).is_none());
        // A gap that stands out, but a group that then does not add up.
        let wrong = "3     0     0     1     4     2           0     0     5     0     0     0     0     0";
        assert!(placed(wrong).is_none());
        // Too few values to tell an ordinary gap.
        assert!(placed("1     1                                                  2").is_none());
    }
}
