//! Layout sniffing and cell tokens: turns the lines of a table region into a
//! stream of text fragments and values, whatever the layout.
//!
//! Every layout reduces to the same stream: a label is text, a cell is a value
//! (a number or a blank). The table readers then only have to pair labels with
//! values, which is where the layouts really differ (see `rows.rs`).

use crate::diag::{Diagnostic, DiagnosticCode, Quoted};
use crate::report::Layout;
use crate::span::Span;
use crate::text::{ColumnCursor, Line, find_byte, is_blank_marker, is_blankish, split_ascii, trim, words};
use crate::value::{Cell, Number, Value};

use super::markers::{PdfSigns, is_page_number};

/// One token of a table region.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Tok<'a> {
    /// A run of text on one line (or in one field).
    Text { raw: &'a str, span: Span },
    /// A cell value (one struct, so that it is copied whole down the line).
    Value { cell: Cell },
    /// An empty field that may be a blank cell or layout padding (a merged
    /// label cell in a Word copy, empty lines at the end of a web table).
    /// The table reader decides, knowing how many cells the row has.
    Pad { span: Span },
}

impl<'a> Tok<'a> {
    /// A value token: the cell read at `span`.
    #[inline]
    fn value(value: Value, span: Span) -> Tok<'a> {
        Tok::Value { cell: Cell { value, span } }
    }

    #[allow(dead_code)]
    pub(crate) fn span(&self) -> Span {
        match self {
            Tok::Text { span, .. } | Tok::Value { cell: Cell { span, .. } } | Tok::Pad { span } => *span,
        }
    }
}

/// A token with the index of the source line it came from (within the region).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Event<'a> {
    pub tok: Tok<'a>,
    /// Index into the region's lines.
    pub line_idx: usize,
}

/// How many rows with numbers among words the sniffer weighs to tell
/// `pdftotext -layout` (wide gaps) from flattened PDF text.
const SNIFF_ROWS: usize = 16;

/// After this many non-empty lines without any sign of another layout, the
/// sniffer stops looking.
const SNIFF_PLAIN_LINES: usize = 60;

/// How many non-empty lines of a region the layout sniffer looks at.
const SNIFF_LINES: usize = 200;

/// Reads a table region's cells: guesses its layout and tokenizes its lines
/// into `out` (the first step of every table reader).
pub(crate) fn tokenize_region<'a>(
    lines: &[Line<'a>],
    pdf: &PdfSigns<'_, '_>,
    diags: &mut Vec<Diagnostic>,
    out: &mut Vec<Event<'a>>,
) -> Layout {
    let layout = sniff_layout(lines, pdf);
    tokenize(lines, layout, diags, out);
    layout
}

/// Guesses the layout of a table region from its lines.
pub(crate) fn sniff_layout(lines: &[Line<'_>], pdf: &PdfSigns<'_, '_>) -> Layout {
    let mut pipes = 0;
    let mut tab_rows = 0;
    let mut wide_gaps = 0;
    let mut inline_numbers = 0;
    // The first lines that hold something tell the layout; a table is far shorter than this.
    for (n, l) in lines.iter().filter(|l| !l.text.is_empty()).take(SNIFF_LINES).enumerate() {
        // Sixty lines without a tab, a pipe or a number among words: one cell
        // per line (the other layouts show in a table's first rows).
        if n >= SNIFF_PLAIN_LINES && pipes + tab_rows + wide_gaps + inline_numbers == 0 {
            break;
        }
        // A line without a tab, a space, a pipe or the lead byte of U+3000 can
        // tell nothing (below, each sign needs one of them): most lines of a
        // web table, one label or one cell, are passed over at a glance.
        if !may_tell_layout(l.text.as_bytes()) {
            continue;
        }
        let tab = find_byte(l.text.as_bytes(), b'\t').is_some();
        let t = trim(l.text);
        if t.starts_with('|') && t.len() > 1 {
            pipes += 1;
            if pipes >= 3 {
                return Layout::Markdown; // enough to tell
            }
            continue;
        }
        if tab {
            let filled = split_ascii(l.text, b'\t').filter(|f| !is_blankish(f)).count();
            if filled >= 2 {
                tab_rows += 1;
                if tab_rows >= 3 && pipes == 0 {
                    return Layout::TabSeparated;
                }
            }
            continue;
        }
        // A line with a number among other words (one cell per line has one word a line).
        // Words apart: spaces or U+3000 between them.
        if find_byte(t.as_bytes(), b' ').is_none() && !has_ideographic_space(t.as_bytes()) {
            continue;
        }
        if has_number_among_words(t) {
            if t.contains("  ") {
                wide_gaps += 1;
            } else {
                inline_numbers += 1;
            }
            // The rows of one table share their layout: a few tell it.
            if wide_gaps + inline_numbers >= SNIFF_ROWS {
                break;
            }
        }
    }
    if pipes >= 2 {
        Layout::Markdown
    } else if tab_rows >= 2 {
        Layout::TabSeparated
    } else if wide_gaps >= 1 && wide_gaps >= inline_numbers {
        Layout::PdfLayout
    } else if inline_numbers >= 1 || pdf.any() {
        // One cell per line never has two values on a line.
        Layout::PdfFlat
    } else {
        Layout::CellPerLine
    }
}

/// Whether the trimmed line `t`, which has a space inside, holds a number
/// and another word. A row's values come last, so its last word, after the
/// last ASCII space, is tried first: a number there has a word before it (`t`
/// is trimmed). Otherwise the words are read from the start until a number
/// and another word are seen.
fn has_number_among_words(t: &str) -> bool {
    if let Some(p) = memchr::memrchr(b' ', t.as_bytes())
        && Number::parse_cell(&t[p + 1..]).is_some()
    {
        return true;
    }
    let (mut numbers, mut count) = (0, 0);
    for w in words(t) {
        count += 1;
        if Number::parse_cell(w).is_some() {
            numbers += 1;
        }
        if numbers >= 1 && count >= 2 {
            return true;
        }
    }
    false
}

/// Whether `text` is one word, `trimmed` (text's trimmed slice), with only
/// ASCII whitespace around it: a row of one filled field, whose empty
/// fields [`finish_row`] drops, so its only token is the word's.
fn is_indented_word(text: &str, trimmed: &str) -> bool {
    let start = (trimmed.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
    let b = text.as_bytes();
    let around = b[..start].iter().chain(&b[start + trimmed.len()..]);
    around.into_iter().all(|&c| crate::text::is_ascii_space(c)) && !has_inner_space(trimmed)
}

/// Whether `s` holds whitespace, as [`crate::text::ws_len`] tells it.
/// Ideographs (lead bytes E4-E9), most of a label, are stepped over whole.
fn has_inner_space(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if (0xe4..=0xe9).contains(&b[i]) {
            i += 3;
        } else if crate::text::ws_len(s, i) > 0 {
            return true;
        } else {
            i += 1;
        }
    }
    false
}

/// Whether `b` holds a tab, a space, a pipe or an E3 byte (which leads
/// U+3000), eight bytes at a time.
fn may_tell_layout(b: &[u8]) -> bool {
    use crate::text::swar::{self, ONES, zero_bytes};
    let has = |x: u64| {
        zero_bytes(x ^ (ONES * u64::from(b'\t')))
            | zero_bytes(x ^ (ONES * u64::from(b' ')))
            | zero_bytes(x ^ (ONES * u64::from(b'|')))
            | zero_bytes(x ^ (ONES * 0xe3))
            != 0
    };
    let mut chunks = b.chunks_exact(8);
    if chunks.any(|c| has(swar::load(c))) {
        return true;
    }
    chunks.remainder().iter().any(|&c| matches!(c, b'\t' | b' ' | b'|' | 0xe3))
}

/// Whether `b` holds U+3000 (E3 80 80). (`str::contains` with the char
/// measured slower here: it searches for the char's last byte, 80, which
/// half the ideographs of a line end with.)
fn has_ideographic_space(b: &[u8]) -> bool {
    let mut from = 0;
    while let Some(k) = find_byte(&b[from..], 0xe3) {
        let at = from + k;
        if b[at + 1..].starts_with(&[0x80, 0x80]) {
            return true;
        }
        from = at + 1;
    }
    false
}

/// Tokenizes the region into `out` (emptied first). Page numbers are skipped
/// (with a diagnostic); blank cells become `Value::Blank` tokens according to
/// the layout's conventions.
pub(crate) fn tokenize<'a>(lines: &[Line<'a>], layout: Layout, diags: &mut Vec<Diagnostic>, out: &mut Vec<Event<'a>>) {
    out.clear();
    // About one token per eight bytes of a table (a cell is a digit and a
    // separator, a label a dozen bytes), so the vector is rarely regrown.
    let bytes: usize = lines.iter().map(|l| l.text.len()).sum();
    out.reserve(lines.len() + bytes / 8);
    // Web pages that put an empty line after every cell mark an empty cell
    // with extra empty lines; find out whether this region is spaced so.
    let double_spaced = layout == Layout::CellPerLine && is_double_spaced(lines);
    let mut empty_run = 0usize;
    // k empty lines between two cells of a double-spaced region hold (k - 1) / 2 empty cells.
    let blanks_before = |empty_run: usize, line: &Line<'a>, idx: usize, out: &mut Vec<Event<'a>>| {
        if double_spaced && empty_run >= 3 {
            for _ in 0..(empty_run - 1) / 2 {
                out.push(Event { tok: Tok::value(Value::Blank, line.span_at(0, 0)), line_idx: idx });
            }
        }
    };
    for (idx, line) in lines.iter().enumerate() {
        let text = line.text;
        if text.is_empty() {
            empty_run += 1;
            continue;
        }
        // Fast path: a plain count alone on its line (one cell per line, PDF
        // text), told before trimming: digits are neither blank nor padded.
        if let Some(number) = Number::plain_count(text.as_bytes()) {
            blanks_before(empty_run, line, idx, out);
            empty_run = 0;
            out.push(Event { tok: Tok::value(Value::Number { number }, line.span()), line_idx: idx });
            continue;
        }
        // Trimmed once: the tests below look at the line's first character.
        let trimmed = trim(text);
        let blank = trimmed.is_empty() || is_blankish(trimmed);
        if layout != Layout::CellPerLine && blank {
            empty_run += 1;
            continue;
        }
        blanks_before(empty_run, line, idx, out);
        empty_run = 0;
        if is_page_number(trimmed) {
            diags.push(Diagnostic::at(
                DiagnosticCode::PageBreak,
                line.span(),
                format!("skipped page number {} inside a table", Quoted(text.trim())),
            ));
            continue;
        }
        if blank {
            // Cell-per-line: a line of only spaces or tabs is an empty cell.
            out.push(Event { tok: Tok::value(Value::Blank, line.span()), line_idx: idx });
            continue;
        }
        let mut cur = ColumnCursor::default();
        if trimmed.starts_with('|') {
            tokenize_markdown(line, idx, &mut cur, out);
        } else if find_byte(text.as_bytes(), b'\t').is_some() {
            if is_indented_word(text, trimmed) {
                // One cell after a tab (`\t12`, `\t规章`: cells copied one per
                // line with their indentation): what the row reading would
                // make of it, without splitting fields; a count told first.
                match Number::plain_count(trimmed.as_bytes()) {
                    Some(number) => {
                        let span = line.span_of(trimmed);
                        out.push(Event { tok: Tok::value(Value::Number { number }, span), line_idx: idx });
                    }
                    None => push_word(line, trimmed, idx, &mut cur, out),
                }
            } else {
                tokenize_tabbed(line, idx, &mut cur, out);
            }
        } else if let Some(rest) = trimmed.strip_prefix('#') {
            push_words(line, rest.trim_start_matches('#'), idx, false, &mut cur, out);
        } else if layout == Layout::CellPerLine && !has_inner_space(trimmed) {
            // One word (a label copied from a web page): no splitting.
            push_word(line, trimmed, idx, &mut cur, out);
        } else {
            push_words(line, text, idx, true, &mut cur, out);
        }
    }
    if double_spaced && empty_run >= 3 {
        // Empty lines at the end of the region may be empty last cells; the reader decides.
        if let Some((idx, last)) = lines.iter().enumerate().rev().find(|(_, l)| l.text.is_empty()) {
            for _ in 0..(empty_run - 1) / 2 {
                out.push(Event { tok: Tok::Pad { span: last.span_at(0, 0) }, line_idx: idx });
            }
        }
    }
}

/// True when most gaps between non-empty lines are exactly one empty line.
fn is_double_spaced(lines: &[Line<'_>]) -> bool {
    let mut gaps_one = 0;
    let mut gaps_zero = 0;
    let mut run = 0;
    let mut seen = false;
    for l in lines {
        if l.text.is_empty() {
            run += 1;
        } else {
            if seen {
                match run {
                    0 => gaps_zero += 1,
                    1 => gaps_one += 1,
                    _ => {}
                }
            }
            seen = true;
            run = 0;
        }
    }
    gaps_one > 4 && gaps_one > gaps_zero * 3
}

fn tokenize_markdown<'a>(line: &Line<'a>, idx: usize, cur: &mut ColumnCursor, out: &mut Vec<Event<'a>>) {
    let t = trim(line.text);
    let inner = t.trim_start_matches('|').trim_end_matches('|');
    // `|---|:--:|` separator rows carry nothing.
    if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ' | '\t')) {
        return;
    }
    // Empty cells are merged cells or blank cells, as in a Word copy.
    tokenize_fields(line, inner, b'|', idx, cur, out);
}

/// A tab-separated line. Empty fields before the last text field belong to
/// merged label cells and are dropped; empty fields between two values are
/// blank cells; the other empty fields after the label (before the first
/// value, after the last one, or all of them in a row without values) are
/// [`Tok::Pad`]: blank cells or padding, which only the row's width can tell.
fn tokenize_tabbed<'a>(line: &Line<'a>, idx: usize, cur: &mut ColumnCursor, out: &mut Vec<Event<'a>>) {
    tokenize_fields(line, line.text, b'\t', idx, cur, out);
}

/// The fields of a tab-separated or markdown row (see [`tokenize_tabbed`]).
fn tokenize_fields<'a>(
    line: &Line<'a>,
    text: &'a str,
    sep: u8,
    idx: usize,
    cur: &mut ColumnCursor,
    out: &mut Vec<Event<'a>>,
) {
    let start = out.len();
    let base = (text.as_ptr() as usize).saturating_sub(line.text.as_ptr() as usize);
    // 0-based column of `text`; the fields' columns are counted on from it.
    let mut col = cur.span_at(line, base, 0).column as usize - 1;
    let b = text.as_bytes();
    let mut filled = 0;
    let mut from = 0;
    loop {
        // One pass over the field: where it ends, how many characters it has,
        // whether it is all digits, and whether it holds a byte that can start
        // whitespace (ASCII space or control, C2, E1-E3). A field without one
        // is its own trimmed text and a single word.
        let (mut end, mut chars, mut digits, mut plain) = (from, 0, true, true);
        while end < b.len() && b[end] != sep {
            let c = b[end];
            if (0xe4..=0xe9).contains(&c) {
                // An ideograph (three bytes, none of them a separator).
                chars += 1;
                digits = false;
                end += 3;
                continue;
            }
            if matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3) {
                // A lead byte shared by whitespace (U+3000, NBSP…) and common
                // punctuation (、。“”—): only the former makes the field not plain.
                let ws = crate::text::ws_len(text, end);
                plain &= ws == 0;
                chars += 1;
                digits = false;
                end += if ws > 0 {
                    ws
                } else if c == 0xc2 {
                    2
                } else {
                    3
                };
                continue;
            }
            chars += usize::from((c as i8) >= -0x40);
            digits &= c.is_ascii_digit();
            plain &= c > b' ' && c != 0x7f;
            end += 1;
        }
        let end = end.min(b.len());
        let field = &text[from..end];
        let span = Span {
            start: line.start + base + from,
            end: line.start + base + end,
            line: line.number,
            column: u32::try_from(col + 1).unwrap_or(u32::MAX),
        };
        if field.is_empty() || ((!plain || b[from] == 0xef) && is_blankish(field)) {
            out.push(Event { tok: Tok::Pad { span }, line_idx: idx });
        } else {
            filled += 1;
            if let Some(number) = Number::plain_count(field.as_bytes()).filter(|_| digits) {
                out.push(Event { tok: Tok::value(Value::Number { number }, span), line_idx: idx });
            } else if plain {
                out.push(Event { tok: word_tok(field, span), line_idx: idx });
            } else if push_padded_word(line, field, span, col, idx, out) {
                // (A cell with spaces around it, `| 12 |`.)
            } else {
                cur.set(base + from, col);
                push_field(line, field, idx, cur, out);
            }
        }
        col += chars + 1; // the separator is one character
        if end >= b.len() {
            break;
        }
        from = end + 1;
    }
    finish_row(out, start, filled);
}

/// A field that is one word with ASCII spaces around it (a markdown cell),
/// at `span`, 0-based column `col`: pushes the word's token, told as
/// [`push_field`] would tell it but without its trimming and cursor. False for
/// anything else, which `push_field` reads. (Out of line: inlined, it slowed the field loop of
/// tab-separated rows, which never get here.)
#[inline(never)]
fn push_padded_word<'a>(
    line: &Line<'a>,
    field: &'a str,
    span: Span,
    col: usize,
    idx: usize,
    out: &mut Vec<Event<'a>>,
) -> bool {
    let b = field.as_bytes();
    let lead = b.iter().take_while(|&&c| c == b' ').count();
    let trail = b[lead..].iter().rev().take_while(|&&c| c == b' ').count();
    let word = &field[lead..field.len() - trail];
    let start = span.start + lead;
    let column = u32::try_from(col + lead + 1).unwrap_or(u32::MAX);
    let span = Span { start, end: start + word.len(), line: line.number, column };
    // A plain count (most markdown cells, `| 12 |`) is one word and a number.
    if let Some(number) = Number::plain_count(word.as_bytes()) {
        out.push(Event { tok: Tok::value(Value::Number { number }, span), line_idx: idx });
        return true;
    }
    // One word: what `push_field` would trim the field to, and find no space in.
    if word.is_empty() || has_inner_space(word) {
        return false;
    }
    out.push(Event { tok: word_tok(word, span), line_idx: idx });
    true
}

/// The events of one row, from `start` on, once its fields are tokenized
/// (`filled` of them not empty): pads inside the values become blank cells,
/// pads before the label go; a row of fewer than two filled fields keeps no pads.
fn finish_row(out: &mut Vec<Event<'_>>, start: usize, filled: usize) {
    // A cell indented with a tab (`\t0`, one cell per line) is not a row: its
    // empty fields are indentation, not cells.
    if filled < 2 {
        let mut w = start;
        for r in start..out.len() {
            if !matches!(out[r].tok, Tok::Pad { .. }) {
                out[w] = out[r];
                w += 1;
            }
        }
        out.truncate(w);
    }
    let line_events = &mut out[start..];
    let last_text = line_events.iter().rposition(|e| matches!(e.tok, Tok::Text { .. }));
    let first_value = line_events.iter().position(|e| matches!(e.tok, Tok::Value { .. }));
    let last_value = line_events.iter().rposition(|e| matches!(e.tok, Tok::Value { .. }));
    if let (Some(a), Some(b)) = (first_value, last_value) {
        for e in &mut line_events[a..b] {
            if let Tok::Pad { span } = e.tok {
                e.tok = Tok::value(Value::Blank, span);
            }
        }
    }
    // Drop pads that precede the label text (merged label cells). Only this
    // line's events are touched: the work stays linear in the table.
    let keep_from = start + last_text.map_or(0, |t| t + 1);
    let Some(first_pad) = out[start..keep_from].iter().position(|e| matches!(e.tok, Tok::Pad { .. })) else {
        return;
    };
    let from = start + first_pad;
    let mut w = from;
    for r in from..out.len() {
        if r >= keep_from || !matches!(out[r].tok, Tok::Pad { .. }) {
            out[w] = out[r];
            w += 1;
        }
    }
    out.truncate(w);
}

/// One field of a tabbed or markdown row: a number, a blank marker, or text
/// (which may itself hold numbers separated by spaces).
fn push_field<'a>(line: &Line<'a>, field: &'a str, idx: usize, cur: &mut ColumnCursor, out: &mut Vec<Event<'a>>) {
    // Fast path: a plain count, the most common field, needs no trimming.
    if let Some(number) = Number::plain_count(field.as_bytes()) {
        let span = cur.span_of(line, field);
        out.push(Event { tok: Tok::value(Value::Number { number }, span), line_idx: idx });
        return;
    }
    let f = trim(field);
    if f.is_empty() {
        let span = cur.span_of(line, field);
        out.push(Event { tok: Tok::value(Value::Blank, span), line_idx: idx });
        return;
    }
    // A field without whitespace inside is one word: a number, a placeholder
    // or one text token, which is what the word splitter would make of it.
    if has_inner_space(f) {
        push_words(line, field, idx, true, cur, out);
    } else {
        push_word(line, f, idx, cur, out);
    }
}

/// One word, trimmed, without whitespace inside: a number, a placeholder
/// (alone, so a blank cell) or text; what [`push_words`] makes of it.
fn push_word<'a>(line: &Line<'a>, word: &'a str, idx: usize, cur: &mut ColumnCursor, out: &mut Vec<Event<'a>>) {
    let span = cur.span_of(line, word);
    out.push(Event { tok: word_tok(word, span), line_idx: idx });
}

/// The token of one word without whitespace inside, found at `span`.
#[inline]
fn word_tok(word: &str, span: Span) -> Tok<'_> {
    if is_blank_marker(word) {
        Tok::value(Value::Blank, span)
    } else {
        match Number::parse_cell(word) {
            Some(number) => Tok::value(Value::Number { number }, span),
            None => Tok::Text { raw: word, span },
        }
    }
}

/// Splits text on whitespace into numbers and runs of words; consecutive
/// words stay one text token (with the spaces between them).
fn push_words<'a>(
    line: &Line<'a>,
    text: &'a str,
    idx: usize,
    markers_as_blank: bool,
    cur: &mut ColumnCursor,
    out: &mut Vec<Event<'a>>,
) {
    let base = (text.as_ptr() as usize).saturating_sub(line.text.as_ptr() as usize);
    // A placeholder is only a blank cell next to numbers or alone on its line:
    // elsewhere 无 or - is part of a label. Worked out only when a placeholder shows up.
    let marker_is_blank = || {
        let mut words = text.split_whitespace();
        let first = words.next();
        let alone = first.is_some() && words.next().is_none();
        alone || text.split_whitespace().any(|w| Number::parse_cell(w).is_some())
    };
    let mut run: Option<(usize, usize)> = None; // byte range in `text` of the current text run
    let flush = |run: &mut Option<(usize, usize)>, cur: &mut ColumnCursor, out: &mut Vec<Event<'a>>| {
        if let Some((s, e)) = run.take() {
            let raw = &text[s..e];
            out.push(Event { tok: Tok::Text { raw, span: cur.span_at(line, base + s, e - s) }, line_idx: idx });
        }
    };
    for w in words(text) {
        let s = (w.as_ptr() as usize) - (text.as_ptr() as usize);
        let e = s + w.len();
        // Plain counts, most words of a flattened table row, on a path of
        // their own: merged with the general parse's result (returned through
        // memory), the count was pieced together on the stack and read back
        // whole, which stalled the push (store forwarding failed).
        // The word as a cell: the text run before it ends there.
        let push_cell =
            |value: Value, run: &mut Option<(usize, usize)>, cur: &mut ColumnCursor, out: &mut Vec<Event<'a>>| {
                flush(run, cur, out);
                let span = cur.span_at(line, base + s, w.len());
                out.push(Event { tok: Tok::value(value, span), line_idx: idx });
            };
        if let Some(number) = Number::plain_count(w.as_bytes()) {
            push_cell(Value::Number { number }, &mut run, cur, out);
        } else if let Some(number) = Number::parse_cell(w) {
            push_cell(Value::Number { number }, &mut run, cur, out);
        } else if markers_as_blank && is_blank_marker(w) && marker_is_blank() {
            push_cell(Value::Blank, &mut run, cur, out);
        } else {
            run = Some(match run {
                Some((rs, _)) => (rs, e),
                None => (s, e),
            });
        }
    }
    flush(&mut run, cur, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word indented by tabs is tokenized as the row reading tokenizes it.
    #[test]
    fn an_indented_word_is_read_as_a_row_of_one_field() {
        let pads = ["", "\t", "\t\t", " ", "\t ", " \t", "\u{b}\t", "\t\r"];
        let words =
            ["12", "0", "（一）予以公开", "规章", "-", "无", "／", "1,234", "１２", "a\u{1}b", "—", "\u{feff}7"];
        let mut next = crate::text::xorshift(0xabad_cafe_0000_0003);
        let mut tried = 0;
        for _ in 0..4_000 {
            let pick = |k: u64, n: usize| (k % n as u64) as usize;
            let text = format!(
                "{}{}{}",
                pads[pick(next(), pads.len())],
                words[pick(next(), words.len())],
                pads[pick(next(), pads.len())]
            );
            if !text.contains('\t') {
                continue;
            }
            tried += 1;
            let line = Line { text: &text, start: 40, number: 3, page_break: false };
            let trimmed = trim(&text);
            assert!(is_indented_word(&text, trimmed), "{text:?}");
            let (mut fast, mut rows) = (Vec::new(), Vec::new());
            for layout in [Layout::TabSeparated, Layout::CellPerLine, Layout::PdfFlat] {
                tokenize(std::slice::from_ref(&line), layout, &mut Vec::new(), &mut fast);
                tokenize_fields(&line, &text, b'\t', 0, &mut ColumnCursor::default(), &mut rows);
                assert_eq!(format!("{fast:?}"), format!("{rows:?}"), "{text:?} {layout:?}");
                rows.clear();
            }
        }
        assert!(tried > 2_000, "{tried}");
        // Not one word: two words, or text between tabs.
        for text in ["\t12 13", "\t规章\t0", "\t规\u{3000}章"] {
            assert!(!is_indented_word(text, trim(text)), "{text:?}");
        }
    }

    /// The last-word shortcut of `has_number_among_words` answers as reading
    /// the words from the start does.
    #[test]
    fn a_number_among_words_is_told_as_by_reading_every_word() {
        let by_every_word = |t: &str| {
            let ws: Vec<&str> = t.split_whitespace().collect();
            ws.len() >= 2 && ws.iter().any(|w| Number::parse_cell(w).is_some())
        };
        let pieces =
            ["5", "12", "1,234", "-3", "１２", "（一）", "予以公开", "无", "-", "a", " ", "  ", "\u{3000}", "\t"];
        let mut next = crate::text::xorshift(0x5eed_1234_abcd_0001);
        let mut tried = 0;
        for _ in 0..20_000 {
            let n = 1 + (next() % 7) as usize;
            let s: String = (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            let t = crate::text::trim(&s);
            // The sniffer asks only for trimmed lines with a space or U+3000 inside.
            if !(t.contains(' ') || t.contains('\u{3000}')) {
                continue;
            }
            tried += 1;
            assert_eq!(has_number_among_words(t), by_every_word(t), "{t:?}");
        }
        assert!(tried > 5_000, "{tried}");
    }

    /// The fields of a row tokenized one by one with the general rules
    /// (blank test, trimming, word splitting): what the one-pass reading of
    /// `tokenize_fields` must agree with.
    fn reference<'a>(line: &Line<'a>, text: &'a str, sep: u8) -> Vec<Event<'a>> {
        let mut out = Vec::new();
        let mut cur = ColumnCursor::default();
        let mut filled = 0;
        for field in split_ascii(text, sep) {
            if is_blankish(field) {
                let span = cur.span_of(line, field);
                out.push(Event { tok: Tok::Pad { span }, line_idx: 0 });
            } else {
                filled += 1;
                push_field(line, field, 0, &mut cur, &mut out);
            }
        }
        finish_row(&mut out, 0, filled);
        out
    }

    #[test]
    fn one_pass_fields_agree_with_the_general_rules() {
        let rows = [
            "\t\t2.其他法律行政法规禁止公开\t0\t0\t0\t0\t0\t0\t0",
            "一、本年新收政府信息公开申请数量\t\t10\t1\t0\t0\t1\t0\t12",
            "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t1\t\t0\t-\t／\t无\t1",
            "3.危及“三安全一稳定”\t 0 \t０\t1,234\t1.25\t96万元\t—\t",
            "规章\u{3000}\t\u{a0}\t\u{feff}\t0 1\t x y \t\u{1}\t\u{7f}7\té\t",
            "\t0",
            "",
            "\t\t\t",
            "商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他",
            "\t\t0\t1\t2",
            "\t\t0\t1\t标签\t\t3",
            "\t \t0\t1",
            "\t\u{3000}\t规章\t1\t2",
            "\t\t\t行政复议\t\t\t\t",
            "\t\t12 13\t1",
            "\t\t\t（二）部分公开 3\t1\t",
        ];
        for row in rows {
            let line = Line { text: row, start: 100, number: 7, page_break: false };
            let mut got = Vec::new();
            tokenize_fields(&line, row, b'\t', 0, &mut ColumnCursor::default(), &mut got);
            assert_eq!(format!("{got:?}"), format!("{:?}", reference(&line, row, b'\t')), "{row:?}");
        }
        // Random rows of the kinds of fields Word tables and web pages hold.
        let fields: Vec<&str> =
            ",,, ,\u{3000},0,12,标签,规 章,-,无,1 2,x y,（一）予以公开,\u{feff}, 12 ,  标签 , - , 1 2 ,、 , 7\u{3000}, x, \u{feff}12 , ＋1 , 1.25 , 96万元 , —— ".split(',').collect();
        let mut next = crate::text::xorshift(11);
        for _ in 0..3000 {
            let n = 1 + (next() % 10) as usize;
            let row: Vec<&str> = (0..n).map(|_| fields[(next() % fields.len() as u64) as usize]).collect();
            // Tab-separated, or a markdown row's cells.
            let sep = if next().is_multiple_of(2) { b'\t' } else { b'|' };
            let row = row.join(if sep == b'\t' { "\t" } else { "|" });
            let line = Line { text: &row, start: 3, number: 2, page_break: false };
            let mut got = Vec::new();
            tokenize_fields(&line, &row, sep, 0, &mut ColumnCursor::default(), &mut got);
            assert_eq!(format!("{got:?}"), format!("{:?}", reference(&line, &row, sep)), "{row:?}");
        }
        let md = "| 行政许可 |  | 15 | 规 章 |";
        let inner = md.trim().trim_start_matches('|').trim_end_matches('|');
        let line = Line { text: md, start: 0, number: 1, page_break: false };
        let mut got = Vec::new();
        tokenize_fields(&line, inner, b'|', 0, &mut ColumnCursor::default(), &mut got);
        assert_eq!(format!("{got:?}"), format!("{:?}", reference(&line, inner, b'|')));
    }
}
