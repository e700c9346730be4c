//! Table 2: 主动公开政府信息情况, in either template.

use crate::diag::{Diagnostic, DiagnosticCode, Quoted};
use crate::key::{CellKey, T2Item, T2Key, T2Measure};
use crate::report::{Fragment, Table2, Template};
use crate::text::{Line, squash_into};
use crate::value::Cell;

use super::cells::{Event, Tok, tokenize_region};
use super::labels::{T2Text, classify_t2_raw};
use super::markers::PdfSigns;
use super::rows::{Item, anchored, realign_short_rows, report_problems, sequential};

/// The measures (columns) of an item's row in a template, in printed order.
pub fn measures(template: Template, item: T2Item) -> &'static [T2Measure] {
    use T2Item::*;
    use T2Measure::*;
    match (template, item) {
        (Template::Y2021, Regulations | NormativeDocuments) => &[Issued, Repealed, InForce],
        (Template::Y2021, Licensing | Punishment | Enforcement) => &[Decisions],
        (Template::Y2021, Fees) => &[Amount],
        (Template::Y2021, OtherServices | Procurement) => &[],
        (Template::Y2019, Regulations | NormativeDocuments) => &[NewMade, NewPublished, TotalPublished],
        (Template::Y2019, Licensing | OtherServices | Punishment | Enforcement) => &[PreviousYear, Change, Decisions],
        (Template::Y2019, Fees) => &[PreviousYear, Change],
        (Template::Y2019, Procurement) => &[Projects, Amount],
    }
}

/// The items (rows) of table 2 in a template, in printed order.
pub fn items(template: Template) -> &'static [T2Item] {
    use T2Item::*;
    match template {
        Template::Y2021 => &[Regulations, NormativeDocuments, Licensing, Punishment, Enforcement, Fees],
        Template::Y2019 => {
            &[Regulations, NormativeDocuments, Licensing, OtherServices, Punishment, Enforcement, Fees, Procurement]
        }
    }
}

/// Which template the table-2 headers are worded in, if they tell.
pub(crate) fn sniff_template(lines: &[Line<'_>]) -> Option<Template> {
    let (mut y2019, mut y2021) = (0, 0);
    let (mut sq, mut frag_sq) = (String::with_capacity(256), String::with_capacity(256));
    for l in lines {
        // Only header and row wordings tell; skip lines without any of their characters.
        if !l.text.contains(['数', '额', '减', '购', '务']) {
            continue;
        }
        sq.clear();
        squash_into(l.text, &mut sq);
        for frag in sq.split('|') {
            // (A squashed fragment squashes to itself: the memo's key.)
            match classify_t2_raw(frag, &mut frag_sq) {
                T2Text::Header { y2019: a, y2021: b } => {
                    y2019 += usize::from(a);
                    y2021 += usize::from(b);
                }
                T2Text::Row(T2Item::OtherServices | T2Item::Procurement) => y2019 += 1,
                _ => {}
            }
        }
    }
    match y2019.cmp(&y2021) {
        std::cmp::Ordering::Greater => Some(Template::Y2019),
        std::cmp::Ordering::Less => Some(Template::Y2021),
        std::cmp::Ordering::Equal => None,
    }
}

/// Reads table 2 from the lines of its region.
pub(crate) fn read<'a>(
    lines: &[Line<'a>],
    template: Template,
    pdf: &PdfSigns<'_, 'a>,
    diags: &mut Vec<Diagnostic>,
    scratch: (&mut Vec<Event<'a>>, &mut Vec<Item<T2Item>>),
) -> Option<Table2> {
    let (events, items_out) = scratch;
    let layout = tokenize_region(lines, pdf, diags, events);
    let mut table = Table2 { layout: Some(layout), ..Table2::default() };
    items_out.clear();
    items_out.reserve(events.len());
    let mut sq_buf = String::with_capacity(256);
    // Column positions named by each header line (pdftotext -layout), for rows without a complete neighbour.
    let mut header_centers: Vec<Vec<f64>> = Vec::new();
    for ev in events.iter() {
        match ev.tok {
            Tok::Value { cell } => items_out.push(Item::Value { cell }),
            Tok::Pad { span } => items_out.push(Item::Pad { span }),
            Tok::Text { raw, span } => {
                let class = classify_t2_raw(raw, &mut sq_buf);
                let sq = sq_buf.as_str();
                match class {
                    T2Text::Row(item) => items_out.push(Item::Label { row: item, span }),
                    T2Text::Block => items_out.push(Item::Boundary),
                    T2Text::Header { .. } => {
                        if layout == crate::report::Layout::PdfLayout {
                            let centers: Vec<f64> = raw
                                .split_whitespace()
                                .filter(|w| ["件数", "数量", "金额", "增/减", "增减"].iter().any(|k| w.contains(k)))
                                .map(|w| {
                                    let off = w.as_ptr() as usize - raw.as_ptr() as usize;
                                    let ws = crate::span::Span {
                                        start: span.start + off,
                                        end: span.start + off + w.len(),
                                        ..span
                                    };
                                    super::rows::display_center(lines, ws)
                                })
                                .collect();
                            if !centers.is_empty() {
                                header_centers.push(centers);
                            }
                        }
                        if sq.contains("止件数") && !sq.contains("废止件数") {
                            diags.push(Diagnostic::at(
                                DiagnosticCode::LabelVariant,
                                span,
                                format!("table 2: read the header {} as 本年废止件数", Quoted(raw.trim())),
                            ));
                        }
                    }
                    T2Text::Other => table.unrecognized.push(Fragment { text: raw.to_owned(), span }),
                }
            }
        }
    }
    if !items_out.iter().any(|i| matches!(i, Item::Label { .. })) {
        return None;
    }
    let spec: Vec<(T2Item, usize)> = items(template).iter().map(|&i| (i, measures(template, i).len())).collect();
    let mut problems = Vec::new();
    let mut moved = Vec::new();
    let placed = match anchored(items_out, &spec, true, &|_| true, &mut problems) {
        Some(p) => p,
        None => match sequential(items_out, &spec, |_| true, &mut Vec::new()) {
            Some(p) => {
                diags.push(Diagnostic::at_line(
                    DiagnosticCode::DetachedLabels,
                    p.first().map_or(0, |p| p.cell.span.line),
                    "table 2: labels are separated from their numbers (PDF flattening); \
                     the numbers were assigned to rows in the template's order",
                ));
                p
            }
            None => {
                let mut p = anchored(items_out, &spec, false, &|_| true, &mut problems).unwrap_or_default();
                if layout == crate::report::Layout::PdfLayout {
                    moved = realign_short_rows(&mut p, &spec, lines, &|w| {
                        header_centers.iter().find(|c| c.len() == w).cloned()
                    });
                }
                p
            }
        },
    };
    report_problems("table 2", &problems, &moved, T2Item::label_zh, diags);
    let mut cells: Vec<(T2Key, Cell)> = placed
        .iter()
        .map(|p| {
            let key = T2Key { item: p.row, measure: measures(template, p.row)[p.col] };
            (key, p.cell)
        })
        .collect();
    cells.sort_by_key(|(k, _)| {
        (
            items(template).iter().position(|i| *i == k.item),
            measures(template, k.item).iter().position(|m| *m == k.measure),
        )
    });
    for (k, c) in &cells {
        if c.value.is_blank() {
            diags.push(Diagnostic::blank_cell(CellKey::T2(*k), c.span));
        }
    }
    table.cells = cells;
    Some(table)
}
