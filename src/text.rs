//! Character folding for matching labels, and the line splitter.
//!
//! Labels are matched on a *squashed* form: full-width ASCII folded to
//! half-width, compatibility characters folded with NFKC, and all whitespace
//! removed (PDF text spaces characters apart: 三 、本 年 度). Only the text
//! that is matched is squashed, into a reused buffer: the source is never
//! normalized as a whole.

use unicode_normalization::char::decompose_compatible;

use crate::span::Span;

/// Folds one character for matching: full-width ASCII to ASCII, the
/// ideographic space to a space, other compatibility characters by NFKC when
/// they decompose to a single character. CJK ideographs and ASCII pass through
/// without a table lookup.
#[inline]
pub fn fold_char(c: char) -> char {
    match c {
        '\u{0}'..='\u{7f}' => c,
        '\u{4e00}'..='\u{9fff}' => c,
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '\u{3000}' | '\u{a0}' => ' ',
        // Dashes and the like are kept as they are: they carry meaning in page numbers.
        '\u{2010}'..='\u{2015}' | '\u{2212}' => c,
        '\u{2e80}'..='\u{2fdf}' | '\u{3001}'..='\u{303f}' | '\u{2000}'..='\u{206f}' => single_compat(c).unwrap_or(c),
        '\u{80}'..='\u{24ff}' | '\u{f900}'..='\u{faff}' | '\u{fe30}'..='\u{fe4f}' => single_compat(c).unwrap_or(c),
        _ => c,
    }
}

fn single_compat(c: char) -> Option<char> {
    let mut out = None;
    let mut n = 0;
    decompose_compatible(c, |d| {
        n += 1;
        out = Some(d);
    });
    if n == 1 { out } else { None }
}

/// Appends the squashed form of `s` (folded, whitespace removed) to `out`.
pub fn squash_into(s: &str, out: &mut String) {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Runs that fold to themselves (visible ASCII, CJK ideographs) are
        // copied whole; only the other characters are looked at one by one.
        let run = i;
        while i < b.len() {
            match b[i] {
                0x21..=0x7e => i += 1,
                0xe4..=0xe9 => i += 3,
                _ => break,
            }
        }
        let i_end = i.min(b.len());
        out.push_str(&s[run..i_end]);
        if b.get(i_end) == Some(&b' ') {
            // Whitespace is dropped; a run of spaces at once.
            i = skip_spaces(b, i_end + 1);
            continue;
        }
        let Some(c) = s.get(i_end..).and_then(|r| r.chars().next()) else { break };
        i = i_end + c.len_utf8();
        let f = fold_char(c);
        if !f.is_whitespace() && f != '\u{feff}' {
            out.push(f);
        }
    }
}

/// The squashed form of `s`: `s` itself when folding would change nothing
/// (the common case for labels), else the folded text written into `buf`.
pub fn squashed<'a>(s: &'a str, buf: &'a mut String) -> &'a str {
    let unchanged = needs_no_folding(s);
    if unchanged {
        s
    } else {
        buf.clear();
        squash_into(s, buf);
        buf
    }
}

/// True when squashing `s` would give `s` back. Walks bytes: ASCII other
/// than whitespace and the CJK ideographs (lead bytes E4–E9, U+4000–U+9FFF,
/// which no folding touches) pass without decoding a char.
fn needs_no_folding(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            0x21..=0x7e => i += 1,
            0xe4..=0xe9 => i += 3,
            0x00..=0x20 | 0x7f => return false,
            _ => {
                let Some(c) = s[i..].chars().next() else { return false };
                if c.is_whitespace() || c == '\u{feff}' || fold_char(c) != c {
                    return false;
                }
                i += c.len_utf8();
            }
        }
    }
    true
}

/// Whether a text starting with byte `first` starts with no whitespace: a
/// whitespace character starts with an ASCII space or control, C2, E1, E2 or E3.
#[inline]
fn starts_clean(first: u8) -> bool {
    first.is_ascii_graphic() || (0xe4..=0xef).contains(&first) || (0xc3..=0xdf).contains(&first)
}

/// Whether a text ending with byte `last` ends with no whitespace: one ends
/// with an ASCII space or control, or one of these continuation bytes.
#[inline]
fn ends_clean(last: u8) -> bool {
    last.is_ascii_graphic()
        || ((0x80..=0xbf).contains(&last) && !matches!(last, 0x80..=0x8a | 0x9f | 0xa0 | 0xa8 | 0xa9 | 0xaf))
}

/// [`str::trim`], answered from the end bytes when they cannot belong to
/// whitespace (the usual case for cells and labels): `trim` decodes both end
/// characters and looks them up in the Unicode tables.
#[inline]
pub fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else { return s };
    if starts_clean(first) && ends_clean(last) {
        return s;
    }
    // Padding is mostly ASCII (spaces of `pdftotext -layout`, tabs): dropped
    // without decoding (runs of spaces eight bytes at a time), where
    // `str::trim` decodes and looks up each character.
    // What is left is trimmed by `str::trim`, which removes the same whitespace.
    let mut lead = 0;
    while lead < b.len() && is_ascii_space(b[lead]) {
        lead = skip_spaces(b, lead + 1);
    }
    let mut end = b.len();
    while end > lead && is_ascii_space(b[end - 1]) {
        end = skip_spaces_back(b, end - 1).max(lead);
    }
    // Most padded text is clean inside its padding (a cell after a tab): told
    // from its ends again, without decoding.
    let inner = &s[lead..end];
    if let (Some(&first), Some(&last)) = (inner.as_bytes().first(), inner.as_bytes().last())
        && starts_clean(first)
        && ends_clean(last)
    {
        return inner;
    }
    inner.trim()
}

/// Splits `s` at every `sep` like [`str::split`], for an ASCII separator
/// (tab, `|`). Fields are short, so a plain byte loop beats setting up a
/// vectorised search per field. An ASCII byte never occurs inside a
/// multi-byte character, so every piece is a valid `str`.
pub fn split_ascii(s: &str, sep: u8) -> impl Iterator<Item = &str> {
    debug_assert!(sep.is_ascii());
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match find_byte(r.as_bytes(), sep) {
            Some(i) => {
                rest = Some(&r[i + 1..]);
                Some(&r[..i])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Byte tests a word (eight bytes in a `u64`) at a time, shared by the
/// scanners that look at short stretches, where a vectorised search costs
/// more to set up than it saves.
pub(crate) mod swar {
    /// 0x01 in every byte.
    pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
    /// 0x80 in every byte.
    pub(crate) const HIGHS: u64 = 0x8080_8080_8080_8080;

    /// Eight bytes as a little-endian word (`chunk` has eight).
    #[inline]
    pub(crate) fn load(chunk: &[u8]) -> u64 {
        u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]))
    }

    /// The high bit set in bytes of `x` that are zero. Only the lowest flagged
    /// byte is sure (a borrow can flag bytes above a real zero), which is all
    /// a search for the first match needs.
    #[inline]
    pub(crate) fn zero_bytes(x: u64) -> u64 {
        x.wrapping_sub(ONES) & !x & HIGHS
    }

    /// The high bit set in exactly the bytes of `x` that are zero (no borrow
    /// crosses bytes: each byte's low seven bits are added apart).
    #[inline]
    pub(crate) fn zero_bytes_exact(x: u64) -> u64 {
        const LOWS: u64 = !HIGHS;
        !(((x & LOWS).wrapping_add(LOWS)) | x) & HIGHS
    }

    /// Index of the first byte of a word flagged by one of these masks.
    #[inline]
    pub(crate) fn first(mask: u64) -> usize {
        mask.trailing_zeros() as usize / 8
    }
}

/// Index of the first byte at or after `i` that is not an ASCII space,
/// eight bytes at a time: the padding of `pdftotext -layout` runs to a
/// hundred spaces before a cell.
#[inline]
pub(crate) fn skip_spaces(b: &[u8], mut i: usize) -> usize {
    // Most runs are one space long (between words of flattened text).
    if b.get(i) != Some(&b' ') {
        return i;
    }
    while let Some(chunk) = b.get(i..i + 8) {
        let other = swar::load(chunk) ^ (swar::ONES * u64::from(b' '));
        if other != 0 {
            return i + swar::first(other);
        }
        i += 8;
    }
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    i
}

/// Where the run of ASCII spaces that ends at `end` begins, eight bytes at a
/// time (the other end of [`skip_spaces`]).
#[inline]
pub(crate) fn skip_spaces_back(b: &[u8], mut end: usize) -> usize {
    while end >= 8 {
        let other = swar::load(&b[end - 8..end]) ^ (swar::ONES * u64::from(b' '));
        if other != 0 {
            // The last byte that is not a space, from the top.
            return end - (other.leading_zeros() as usize / 8);
        }
        end -= 8;
    }
    while end > 0 && b[end - 1] == b' ' {
        end -= 1;
    }
    end
}

/// Index of the first `needle` in `hay`, eight bytes at a time: no call
/// and no setup, which is what the short fields of a table row want.
#[inline]
pub fn find_byte(hay: &[u8], needle: u8) -> Option<usize> {
    let pattern = swar::ONES * u64::from(needle);
    let mut chunks = hay.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let zeros = swar::zero_bytes(swar::load(chunk) ^ pattern);
        if zeros != 0 {
            return Some(at + swar::first(zeros));
        }
        at += 8;
    }
    chunks.remainder().iter().position(|&b| b == needle).map(|n| at + n)
}

/// Splits on whitespace like [`str::split_whitespace`], walking bytes: CJK
/// ideographs (lead bytes E4–E9) and ASCII are judged without decoding; only
/// a lead byte that can start a whitespace character (C2, E1, E2, E3) is decoded.
pub fn words(s: &str) -> Words<'_> {
    Words { s, i: 0 }
}

/// The iterator of [`words`]: a type of its own, so that its `next` can be
/// inlined into the tokenizer's loop (a closure iterator was called per word).
#[derive(Clone, Debug)]
pub struct Words<'a> {
    s: &'a str,
    i: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    #[inline]
    fn next(&mut self) -> Option<&'a str> {
        let (s, b) = (self.s, self.s.as_bytes());
        let mut i = self.i;
        // Whitespace: the ASCII kinds told at once, C2/E1-E3 characters decoded.
        while i < b.len() {
            let w = match b[i] {
                // A run of spaces (`pdftotext -layout` padding) at once; a single
                // space (flattened text) stays on the one-byte arm, fewer instructions.
                b' ' if b.get(i + 1) == Some(&b' ') => skip_spaces(b, i + 2) - i,
                b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
                0xc2 | 0xe1 | 0xe2 | 0xe3 => ws_len(s, i),
                _ => 0,
            };
            if w == 0 {
                break;
            }
            i += w;
        }
        if i >= b.len() {
            self.i = i;
            return None;
        }
        let start = i;
        while i < b.len() {
            let c = b[i];
            if (0xe4..=0xe9).contains(&c) {
                i += 3;
            } else if c.is_ascii_graphic() {
                i += 1;
            } else if c < 0x80 {
                // ASCII whitespace ends the word; other controls belong to it.
                if is_ascii_space(c) {
                    break;
                }
                i += 1;
            } else if matches!(c, 0xc2 | 0xe1 | 0xe2 | 0xe3) && ws_len(s, i) > 0 {
                break;
            } else {
                i += utf8_len(c);
            }
        }
        let end = i.min(b.len());
        self.i = end;
        Some(&s[start..end])
    }
}

/// True for the ASCII bytes that are whitespace to `char::is_whitespace`
/// (unlike `u8::is_ascii_whitespace`, this includes the vertical tab).
#[inline]
pub(crate) const fn is_ascii_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Byte length of the whitespace character at byte `i` of `s`, or 0.
#[inline]
pub(crate) fn ws_len(s: &str, i: usize) -> usize {
    match s.as_bytes()[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        0xc2 | 0xe1 | 0xe2 | 0xe3 => s[i..].chars().next().filter(|c| c.is_whitespace()).map_or(0, char::len_utf8),
        _ => 0,
    }
}

/// Length of the UTF-8 sequence that starts with byte `lead`.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// The squashed form of `s` in a new string (for tests and one-off use).
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squash_into(s, &mut out);
    out
}

/// True when `s` holds only whitespace (including full-width spaces and NBSP).
#[inline]
pub fn is_blankish(s: &str) -> bool {
    match s.as_bytes().first() {
        None => true,
        // The usual answer, without decoding: a digit, a letter, an ideograph.
        Some(b) if b.is_ascii_alphanumeric() || (0xe4..=0xe9).contains(b) => false,
        _ => s.chars().all(|c| c.is_whitespace() || c == '\u{feff}'),
    }
}

/// A placeholder printed for an empty cell: `/`, `-`, `—`, `无`…
#[inline]
pub fn is_blank_marker(s: &str) -> bool {
    // Every marker starts with one of a few characters; most text does not,
    // and telling so from the first bytes spares trimming every label.
    let b = s.as_bytes();
    let starts = |p: &[u8]| b.starts_with(p);
    let may_be = match b.first() {
        Some(b'/' | b'-' | b'\\' | b'&') => true,
        Some(0xe2) => starts(b"\xe2\x80\x93") || starts(b"\xe2\x80\x94") || starts(b"\xe2\x80\x95") || ws_len(s, 0) > 0,
        Some(0xef) => starts("／".as_bytes()) || starts("－".as_bytes()),
        Some(0xe6) => starts("无".as_bytes()),
        Some(c) => c.is_ascii_whitespace() || matches!(c, 0x0b | 0xc2 | 0xe1 | 0xe3),
        None => false,
    };
    may_be && matches!(trim(s), "/" | "／" | "-" | "－" | "—" | "——" | "–" | "无" | "\\" | "&nbsp;" | "--" | "―")
}

/// The number of characters in `s`: its bytes that do not continue a
/// character. Inlined, unlike `chars().count()`, which costs a call and
/// setup that dwarf the short gaps between the cells of a line.
#[inline]
pub fn char_count(s: &str) -> usize {
    let b = s.as_bytes();
    match b.len() {
        // The gap between two cells: a tab and a digit or two.
        0 => 0,
        1 => 1,
        2 => usize::from((b[1] as i8) >= -0x40) + 1,
        _ => b.iter().filter(|&&c| (c as i8) >= -0x40).count(),
    }
}

/// [`char_count`] for text that may be long (the column of a word far into
/// a prose line): past a hundred bytes `chars().count()`, which counts a
/// word at a time, is worth its call. Kept apart from `char_count`, which
/// must stay small enough to inline into the tokenizer.
pub fn char_count_any(s: &str) -> usize {
    if s.len() < 128 { char_count(s) } else { s.chars().count() }
}

/// One line of the source, without its line terminator.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    /// The text, without `\r`/`\n` and without a leading form feed.
    pub text: &'a str,
    /// Byte offset of `text` in the source.
    pub start: usize,
    /// 1-based line number.
    pub number: u32,
    /// True when the line began with a form feed (a PDF page break).
    pub page_break: bool,
}

impl<'a> Line<'a> {
    /// Span of a sub-slice of this line's text (`sub` must borrow from `text`).
    pub fn span_of(&self, sub: &str) -> Span {
        let off = (sub.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        let off = off.min(self.text.len());
        self.span_at(off, sub.len())
    }

    /// Span of `len` bytes at byte offset `off` of this line's text.
    pub fn span_at(&self, off: usize, len: usize) -> Span {
        let col = self.text.get(..off).map_or(0, char_count_any);
        Span { start: self.start + off, end: self.start + off + len, line: self.number, column: col as u32 + 1 }
    }

    /// Span of the whole line.
    pub fn span(&self) -> Span {
        self.span_at(0, self.text.len())
    }
}

/// Computes spans of tokens taken left to right from one line in time
/// linear in the line's length (the column counts characters, so computing
/// it from the line start for every token would be quadratic).
#[derive(Clone, Copy, Debug, Default)]
pub struct ColumnCursor {
    off: usize,
    col: usize,
}

impl ColumnCursor {
    /// Span of `len` bytes at byte offset `off` of `line`'s text.
    pub fn span_at(&mut self, line: &Line<'_>, off: usize, len: usize) -> Span {
        if off < self.off {
            *self = ColumnCursor::default();
        }
        let off = off.min(line.text.len());
        self.col += line.text.get(self.off..off).map_or(0, char_count);
        self.off = off;
        Span { start: line.start + off, end: line.start + off + len, line: line.number, column: self.col as u32 + 1 }
    }

    /// Moves the cursor to byte offset `off`, known to be at 0-based column `col`
    /// (a caller that counted the characters itself).
    pub fn set(&mut self, off: usize, col: usize) {
        *self = ColumnCursor { off, col };
    }

    /// Span of a sub-slice of `line`'s text.
    pub fn span_of(&mut self, line: &Line<'_>, sub: &str) -> Span {
        let off = (sub.as_ptr() as usize).saturating_sub(line.text.as_ptr() as usize);
        self.span_at(line, off, sub.len())
    }
}

/// Index of the first `\n` or `\r`. Short lines (one cell per line) are
/// looked at eight bytes at a time without a call; past 16 bytes, `memchr`
/// takes over with wider vectors.
#[inline]
fn find_line_end(hay: &[u8]) -> Option<usize> {
    use swar::{ONES, zero_bytes};
    // The lowest flagged byte of each mask is exact, so is that of their union.
    let hits = |x: u64| zero_bytes(x ^ (ONES * u64::from(b'\n'))) | zero_bytes(x ^ (ONES * u64::from(b'\r')));
    if let (Some(a), Some(b)) = (hay.get(..8), hay.get(8..16)) {
        // Both words at once, and the position picked without a branch on
        // which word holds it: short lines end in either, unpredictably.
        let (m0, m1) = (hits(swar::load(a)), hits(swar::load(b)));
        let at = if m0 != 0 { swar::first(m0) } else { 8 + swar::first(m1) }; // 16: in neither
        if at < 16 {
            return Some(at);
        }
        return memchr::memchr2(b'\n', b'\r', &hay[16..]).map(|n| 16 + n);
    }
    for (k, chunk) in hay.chunks_exact(8).enumerate() {
        let m = hits(swar::load(chunk));
        if m != 0 {
            return Some(k * 8 + swar::first(m));
        }
    }
    let from = hay.len() / 8 * 8;
    hay[from..].iter().position(|&c| c == b'\n' || c == b'\r').map(|n| from + n)
}

/// The lines of `src` in a new vector (see [`lines_into`]).
#[cfg(test)]
pub fn lines(src: &str) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    lines_into(src, &mut out);
    out
}

/// Splits `src` into lines on `\n`, `\r\n` and lone `\r`, into `out`
/// (emptied first, its allocation kept); a form feed at the start of a line
/// is removed and recorded as a page break.
pub(crate) fn lines_into<'a>(src: &'a str, out: &mut Vec<Line<'a>>) {
    out.clear();
    // Counting line feeds first (vectorised) sizes the vector once.
    out.reserve(memchr::memchr_iter(b'\n', src.as_bytes()).count() + 1);
    if memchr::memchr(b'\r', src.as_bytes()).is_none() {
        lf_lines_into(src, out);
    } else {
        any_lines_into(src, out);
    }
}

/// [`lines_into`] for text without `\r` (almost all text): every line ends
/// in `\n`. Sixteen bytes are probed at once and all the line feeds in them
/// taken in order, where a search per line would start over for each line
/// (one cell per line is six bytes a line); a probe without one means a long
/// line, whose end `memchr` finds with wider vectors.
fn lf_lines_into<'a>(src: &'a str, out: &mut Vec<Line<'a>>) {
    let b = src.as_bytes();
    let feeds = |chunk: &[u8]| swar::zero_bytes_exact(swar::load(chunk) ^ (swar::ONES * u64::from(b'\n')));
    let mut next = NextLine { start: 0, number: 1, form_feed: next_form_feed(b, 0) };
    let mut at = 0;
    while let Some(probe) = b.get(at..at + 16) {
        let (lo, hi) = (feeds(&probe[..8]), feeds(&probe[8..]));
        if lo | hi == 0 {
            let Some(n) = memchr::memchr(b'\n', &b[at + 16..]) else {
                at = b.len();
                break;
            };
            next.push(src, at + 16 + n, out);
            at = next.start;
            continue;
        }
        for (base, mut mask) in [(at, lo), (at + 8, hi)] {
            while mask != 0 {
                next.push(src, base + swar::first(mask), out);
                mask &= mask - 1;
            }
        }
        at += 16;
    }
    for (k, &c) in b[at.min(b.len())..].iter().enumerate() {
        if c == b'\n' {
            next.push(src, at + k, out);
        }
    }
    // The text after the last line feed is a line when it holds something
    // (or when the text is empty: one empty line).
    if next.start != b.len() || out.is_empty() {
        next.push(src, b.len(), out);
    }
}

/// Where the next line starts, its number, and where the next form feed is
/// (at or after `start`; past the end when there is none).
struct NextLine {
    start: usize,
    number: u32,
    form_feed: usize,
}

impl NextLine {
    /// Pushes the line that ends at `end` (a line feed, or the end of the
    /// text) and moves on past it. A line holding a form feed is a page
    /// break, and its leading form feeds are removed.
    #[inline(always)]
    fn push<'a>(&mut self, src: &'a str, end: usize, out: &mut Vec<Line<'a>>) {
        let (start, number) = (self.start, self.number);
        if self.form_feed >= end {
            out.push(Line { text: &src[start..end], start, number, page_break: false });
        } else {
            push_page_break_line(src, start, end, number, &mut self.form_feed, out);
        }
        self.start = end + 1;
        self.number = number.saturating_add(1);
    }
}

/// [`NextLine::push`] for a line holding a form feed (a few lines of a PDF text).
#[cold]
#[inline(never)]
fn push_page_break_line<'a>(
    src: &'a str,
    start: usize,
    end: usize,
    number: u32,
    form_feed: &mut usize,
    out: &mut Vec<Line<'a>>,
) {
    let stripped = src[start..end].trim_start_matches('\u{c}');
    out.push(Line { text: stripped, start: end - stripped.len(), number, page_break: true });
    *form_feed = next_form_feed(src.as_bytes(), end);
}

/// Where the next form feed at or after `from` is (past the end when there is none).
fn next_form_feed(b: &[u8], from: usize) -> usize {
    memchr::memchr(b'\x0c', &b[from..]).map_or(usize::MAX, |n| from + n)
}

/// [`lines_into`] for text with `\r`: `\r\n` and a lone `\r` end lines too.
fn any_lines_into<'a>(src: &'a str, out: &mut Vec<Line<'a>>) {
    let bytes = src.as_bytes();
    // Where the next form feed is (past the end when there is none): a line
    // holds one when it lies before the line's end, so each line is not
    // searched for one.
    let mut form_feed = next_form_feed(bytes, 0);
    let mut start = 0;
    let mut number = 1u32;
    loop {
        let end = find_line_end(&bytes[start..]).map(|n| start + n);
        let i = end.unwrap_or(bytes.len());
        let mut text = &src[start..i];
        let mut text_start = start;
        let mut page_break = false;
        while let Some(rest) = text.strip_prefix('\u{c}') {
            text = rest;
            text_start += 1;
            page_break = true;
        }
        // A form feed in the middle of a line splits nothing but is still a break.
        if form_feed < i {
            page_break = true;
            form_feed = next_form_feed(bytes, i);
        }
        if end.is_some() || start != i || out.is_empty() || page_break {
            out.push(Line { text, start: text_start, number, page_break });
        }
        let Some(i) = end else { break };
        let next = if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
        number = number.saturating_add(1);
        start = next;
    }
}

/// A small deterministic generator for the randomised unit tests (xorshift64).
#[cfg(test)]
pub(crate) fn xorshift(mut seed: u64) -> impl FnMut() -> u64 {
    move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_full_width() {
        assert_eq!(squash("（一）予以公开　１２"), "(一)予以公开12");
        assert_eq!(squash("三 、本 年 度"), "三、本年度");
        assert_eq!(squash("结果：维持"), "结果:维持");
    }

    #[test]
    fn char_counts_agree_with_chars() {
        let mut next = xorshift(7);
        let alphabet = ["a", "\t", "1", "é", "报", "（", "\u{3000}", "😀"];
        for len in [0usize, 1, 2, 3, 31, 32, 127, 128, 129, 500] {
            let s: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            assert_eq!(char_count(&s), s.chars().count(), "{s:?}");
            assert_eq!(char_count_any(&s), s.chars().count(), "{s:?}");
        }
    }

    #[test]
    fn words_split_like_split_whitespace() {
        for s in [
            "",
            "  ",
            "a b",
            " 规章  0\t1 ",
            "三\u{3000}安全\u{a0}一稳定 ",
            "x\u{2003}y",
            "a\u{1}b c\u{7f}d\u{0} e\u{b}f",
            "（一）予以公开",
            "a\u{85}b\u{1680}c",
            "x\u{200b}y",
            "é à",
            "—— 3\u{feff}",
            "\u{202f}四\u{205f}",
        ] {
            assert_eq!(words(s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
        }
    }

    /// The lines of `src` found one search at a time: what [`lines`] must agree with.
    fn lines_by_search(src: &str) -> Vec<(String, usize, u32, bool)> {
        let b = src.as_bytes();
        let mut out = Vec::new();
        let (mut start, mut number) = (0, 1u32);
        loop {
            let end = b[start..].iter().position(|&c| c == b'\n' || c == b'\r').map(|n| start + n);
            let i = end.unwrap_or(b.len());
            let mut text = &src[start..i];
            let mut text_start = start;
            let mut page_break = false;
            while let Some(rest) = text.strip_prefix('\u{c}') {
                text = rest;
                text_start += 1;
                page_break = true;
            }
            page_break |= text.contains('\u{c}');
            if end.is_some() || start != i || out.is_empty() || page_break {
                out.push((text.to_owned(), text_start, number, page_break));
            }
            let Some(i) = end else { break };
            start = if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') { i + 2 } else { i + 1 };
            number += 1;
        }
        out
    }

    #[test]
    fn find_line_end_finds_the_first_break() {
        let text = "ab\rc\n规章\r\n0\t1\nlong line without a break for a while\n";
        for from in 0..text.len() {
            let hay = &text.as_bytes()[from..];
            assert_eq!(find_line_end(hay), hay.iter().position(|&b| b == b'\n' || b == b'\r'), "{from}");
        }
        assert_eq!(find_line_end(b""), None);
        assert_eq!(find_line_end(b"0123456789abcdefghij"), None);
    }

    #[test]
    fn lines_agree_with_a_search_per_line() {
        let mut next = xorshift(0x2545_f491_4f6c_dd1d);
        let pieces = ["\n", "\r", "\r\n", "\u{c}", "a", "规章", " ", "\t0", "0123456789abcdefghijklmnopqrstuvwxyz"];
        // Text without `\r` takes another splitter: line feeds found sixteen bytes at a time.
        let lf_pieces =
            ["\n", "\n\n", "\u{c}", "a", "规章", " ", "\t0", "\u{b}", "\u{1}", "0123456789abcdefghijklmnopqrstuvwxyz"];
        for k in 0..6000 {
            let pieces: &[&str] = if k % 2 == 0 { &pieces } else { &lf_pieces };
            let n = (next() % 40) as usize;
            let src: String = (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            let got: Vec<_> =
                lines(&src).iter().map(|l| (l.text.to_owned(), l.start, l.number, l.page_break)).collect();
            assert_eq!(got, lines_by_search(&src), "{src:?}");
        }
    }

    #[test]
    fn zero_bytes_exact_flags_exactly_the_zero_bytes() {
        let mut next = xorshift(0x9e37_79b9_7f4a_7c15);
        for _ in 0..20_000 {
            // Mostly small bytes, where a borrow would cross into the next byte.
            let bytes: [u8; 8] = std::array::from_fn(|_| match next() % 4 {
                0 => 0,
                1 => 1,
                2 => 0x80,
                _ => next() as u8,
            });
            let want = bytes.iter().enumerate().fold(0u64, |m, (k, &c)| if c == 0 { m | 0x80 << (8 * k) } else { m });
            assert_eq!(swar::zero_bytes_exact(u64::from_le_bytes(bytes)), want, "{bytes:?}");
        }
    }

    #[test]
    fn find_byte_finds_the_first() {
        let hay: Vec<u8> = (0..40u8).map(|i| if i % 7 == 3 { b'\t' } else { 0x80 | i }).collect();
        for from in 0..hay.len() {
            for needle in [b'\t', 0x81, 0x80 | 39, b'x', 0x01] {
                assert_eq!(find_byte(&hay[from..], needle), hay[from..].iter().position(|&b| b == needle));
            }
        }
    }

    #[test]
    fn split_ascii_splits_like_split() {
        for s in ["", "\t", "a", "a\tb", "\t\t规章\t\t0\t", "（一）\t１\t", "é\tà"] {
            assert_eq!(split_ascii(s, b'\t').collect::<Vec<_>>(), s.split('\t').collect::<Vec<_>>(), "{s:?}");
        }
        assert_eq!(split_ascii("| a | b |", b'|').collect::<Vec<_>>(), ["", " a ", " b ", ""]);
    }

    #[test]
    fn blank_markers() {
        for m in ["/", " ／ ", "-", "－", "—", "——", "–", "无", "\\", "&nbsp;", "--", "―"] {
            assert!(is_blank_marker(m), "{m:?}");
        }
        for t in ["", "0", "无法提供", "-3", "予以公开", "／a", "é"] {
            assert!(!is_blank_marker(t), "{t:?}");
        }
        for (s, b) in
            [("", true), (" \t", true), ("\u{3000}\u{a0}\u{feff}", true), ("1", false), ("规", false), (" x", false)]
        {
            assert_eq!(is_blankish(s), b, "{s:?}");
        }
    }

    #[test]
    fn ascii_space_is_char_whitespace() {
        for c in 0..=0x7fu8 {
            assert_eq!(is_ascii_space(c), char::from(c).is_whitespace(), "{c:#x}");
        }
    }

    #[test]
    fn trim_trims_like_str_trim() {
        let spaces: Vec<char> = (0..=0x10ffffu32).filter_map(char::from_u32).filter(|c| c.is_whitespace()).collect();
        for body in ["", "a", "规章", "（一）", "é", "\u{feff}", "x\u{3000}y"] {
            for &c in &spaces {
                for s in [
                    format!("{c}{body}"),
                    format!("{body}{c}"),
                    format!("{c}{body}{c}"),
                    body.to_owned(),
                    // Runs of ASCII padding around other whitespace (`-layout` lines).
                    format!("   {c} \t{body}  {c}\r\n "),
                    format!("\t\t{c}{c}{body}{c}    "),
                ] {
                    assert_eq!(trim(&s), s.trim(), "{s:?}");
                }
            }
        }
    }

    /// What [`squash`] must give: each char folded, whitespace dropped.
    fn squash_by_chars(s: &str) -> String {
        s.chars().map(fold_char).filter(|f| !f.is_whitespace() && *f != '\u{feff}').collect()
    }

    #[test]
    fn squash_matches_a_char_by_char_fold() {
        for s in [
            "",
            "abc",
            "（一）予以公开",
            "三 、本 年\u{3000}度",
            "１２．５万元",
            "a\u{feff}b",
            "é\u{2f00}\u{fa10}x",
            "—— -3-",
            "\t\r\n",
        ] {
            assert_eq!(squash(s), squash_by_chars(s), "{s:?}");
        }
    }

    /// The space-run skips (eight bytes at a time) agree with byte loops, and
    /// the walkers that use them with std, over text padded as `pdftotext
    /// -layout` pads it: runs of 0 to 40 spaces between words.
    #[test]
    fn space_runs_are_skipped_like_a_byte_loop() {
        let mut next = xorshift(0x5eed_5eed);
        let pieces = ["规章", "3", "（一）", "\t", "\u{3000}", "é", "a b", "\r", "-"];
        for _ in 0..5000 {
            let mut s = String::new();
            for _ in 0..next() % 8 {
                s.extend(std::iter::repeat_n(' ', (next() % 41) as usize));
                s.push_str(pieces[(next() % pieces.len() as u64) as usize]);
            }
            s.extend(std::iter::repeat_n(' ', (next() % 41) as usize));
            let b = s.as_bytes();
            for i in 0..=b.len() {
                let forward = i + b[i..].iter().take_while(|&&c| c == b' ').count();
                assert_eq!(skip_spaces(b, i), forward, "{s:?} from {i}");
                let back = i - b[..i].iter().rev().take_while(|&&c| c == b' ').count();
                assert_eq!(skip_spaces_back(b, i), back, "{s:?} back from {i}");
            }
            assert_eq!(trim(&s), s.trim(), "{s:?}");
            assert_eq!(squash(&s), squash_by_chars(&s), "{s:?}");
            assert_eq!(words(&s).collect::<Vec<_>>(), s.split_whitespace().collect::<Vec<_>>(), "{s:?}");
        }
    }

    #[test]
    fn squashed_borrows_only_when_nothing_folds() {
        let mut buf = String::new();
        for s in ["规章", "（一）予以公开", "三 、本 年", "1.属于国家秘密", "abc", "０１", "\u{feff}x"]
        {
            assert_eq!(squashed(s, &mut buf), squash(s), "{s:?}");
        }
    }

    #[test]
    fn splits_lines() {
        let ls = lines("a\r\nb\rc\n\u{c}d\n");
        let t: Vec<_> = ls.iter().map(|l| l.text).collect();
        assert_eq!(t, ["a", "b", "c", "d"]);
        assert!(ls[3].page_break);
        assert_eq!(ls[3].number, 4);
        assert_eq!(lines("").len(), 1);
    }
}
