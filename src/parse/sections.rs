//! The six numbered sections and their subsections.

use crate::report::{SectionKind, Subsection, Text};
use crate::text::{Line, squash_into, trim};

use super::markers::{alt_section_numeral, section_numeral, subsection_marker};

/// A heading found at a line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Heading {
    pub kind: SectionKind,
    pub line_idx: usize,
}

/// Keywords any of which a section's heading holds.
fn keywords(kind: SectionKind) -> &'static [&'static str] {
    match kind {
        SectionKind::Overview => &["总体情况", "总体", "概述"],
        SectionKind::ProactiveDisclosure => &["主动公开"],
        SectionKind::Requests => &["收到和处理", "依申请", "申请情况"],
        SectionKind::ReviewsLitigation => &["行政复议", "行政诉讼"],
        SectionKind::Problems => &["存在的主要问题", "主要问题", "改进情况", "存在问题"],
        SectionKind::Other => &["其他需要报告", "其他事项", "其他需报告"],
    }
}

/// The UTF-8 bytes of 一…六 (three each) as little-endian words, the way
/// [`find_with`] reads the first three bytes of a line.
const NUMERAL_HEADS: [u32; 6] = {
    let numerals = ['一', '二', '三', '四', '五', '六'];
    let mut heads = [0u32; 6];
    let mut k = 0;
    while k < numerals.len() {
        let c = numerals[k] as u32; // U+0800..U+FFFF: three bytes
        heads[k] = (0xe0 | (c >> 12)) | ((0x80 | ((c >> 6) & 0x3f)) << 8) | ((0x80 | (c & 0x3f)) << 16);
        k += 1;
    }
    heads
};

/// Finds the section headings, in order; a heading must come after the
/// previous one (so table rows such as 一、本年新收… never restart sections).
pub(crate) fn find_headings(lines: &[Line<'_>]) -> Vec<Heading> {
    let found = find_with(lines, false);
    if found.len() >= 3 {
        return found;
    }
    // Few 一、-style headings: the report may number its sections （一）/(一)/1、.
    let alt = find_with(lines, true);
    if alt.len() > found.len() { alt } else { found }
}

/// One pass over the lines; `alt_numbering` reads （一）/(一)/1、 headings instead of 一、.
fn find_with(lines: &[Line<'_>], alt_numbering: bool) -> Vec<Heading> {
    let mut out = Vec::with_capacity(6);
    let mut sq = String::with_capacity(128);
    let mut last = 0u8;
    for (idx, line) in lines.iter().enumerate() {
        // Cheapest test first, on the first bytes: 一…六 whole (E4 and E5 lead
        // thousands of other ideographs), brackets and digits (ASCII or EF);
        // anything else (a cell, a sentence) is no heading unless spaces, # or
        // * come first. Computed without branches: lines open with all kinds
        // of bytes, and a branch per kind would be mispredicted line after line.
        let b = line.text.as_bytes();
        let b0 = b.first().copied().unwrap_or(0);
        let head = match b {
            [x, y, z, ..] => u32::from_le_bytes([*x, *y, *z, 0]),
            _ => 0,
        };
        let [n1, n2, n3, n4, n5, n6] = NUMERAL_HEADS;
        let numeral = (head == n1) | (head == n2) | (head == n3) | (head == n4) | (head == n5) | (head == n6);
        let bracket_or_digit = (b0 == b'(') | (b0.wrapping_sub(b'1') < 6) | (b0 == 0xef);
        let spaced = (b0 == b' ')
            | (b0.wrapping_sub(b'\t') < 5)
            | (b0 == b'#')
            | (b0 == b'*')
            | (b0 == 0xc2)
            | (b0.wrapping_sub(0xe1) < 3);
        let plausible_lead = spaced | if alt_numbering { bracket_or_digit } else { numeral };
        if !plausible_lead {
            continue;
        }
        // A line opening with a numeral no later than the last heading's is a
        // table row (三、…, then 一、本年新收…): `section_numeral` would read that
        // numeral (a numeral of several characters starting so is no section's),
        // and the order test below would drop the line, so it is not parsed.
        if !alt_numbering && NUMERAL_HEADS.iter().position(|&h| h == head).is_some_and(|k| k < usize::from(last)) {
            continue;
        }
        // Cheap test next: a heading starts with a numeral or a bracket (after
        // spaces, # or *), told from the bytes after the ASCII ones of those
        // (the spaces of `pdftotext -layout` padding skipped eight at a time).
        if !opens_section_numeral(&line.text[ascii_lead_len(b)..], alt_numbering) {
            continue;
        }
        let parsed = if alt_numbering { alt_section_numeral(line.text) } else { section_numeral(line.text) };
        let Some((n, rest)) = parsed else { continue };
        if n <= last || n > 6 {
            continue;
        }
        sq.clear();
        squash_into(rest, &mut sq);
        let sq_trim = sq.trim_matches(|c| c == '*' || c == '#');
        let len = sq_trim.chars().count();
        if !(2..=40).contains(&len) {
            continue;
        }
        let kind = SectionKind::ALL[usize::from(n - 1)];
        if keywords(kind).iter().any(|k| sq_trim.contains(k)) {
            out.push(Heading { kind, line_idx: idx });
            last = n;
        }
    }
    out
}

/// How many bytes of ASCII whitespace, # and * open the line `b` (runs of
/// spaces, the padding of `pdftotext -layout`, skipped eight at a time).
fn ascii_lead_len(b: &[u8]) -> usize {
    let mut i = crate::text::skip_spaces(b, 0);
    while b.get(i).is_some_and(|&c| crate::text::is_ascii_space(c) || c == b'#' || c == b'*') {
        i = crate::text::skip_spaces(b, i + 1);
    }
    i
}

/// Whether `rest` (a line after its ASCII spaces, # and *) opens with what
/// a heading's number opens with: 一…六, or with `alt_numbering` a bracket or
/// a digit 1…6 (ASCII or full-width). Told from the bytes, except after other
/// whitespace (U+3000, NBSP…), which is skipped first.
fn opens_section_numeral(rest: &str, alt_numbering: bool) -> bool {
    let b = rest.as_bytes();
    if let Some(0xc2 | 0xe1 | 0xe2 | 0xe3) = b.first() {
        let first = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '#' || c == '*').chars().next();
        return first.is_some_and(|c| opens_numeral(c, alt_numbering));
    }
    if alt_numbering {
        // ( or 1…6, （ (EF BC 88) or １…６ (EF BC 91…96).
        matches!(b, [b'(' | b'1'..=b'6', ..] | [0xef, 0xbc, 0x88 | 0x91..=0x96, ..])
    } else {
        match b {
            [x, y, z, ..] => NUMERAL_HEADS.contains(&u32::from_le_bytes([*x, *y, *z, 0])),
            _ => false,
        }
    }
}

/// Whether a heading's number may open with `c`: 一…六, or with
/// `alt_numbering` a bracket or a digit 1…6 (ASCII or full-width).
fn opens_numeral(c: char, alt_numbering: bool) -> bool {
    if alt_numbering {
        matches!(c, '(' | '（' | '1'..='6' | '１'..='６')
    } else {
        matches!(c, '一' | '二' | '三' | '四' | '五' | '六')
    }
}

/// The text of lines `[from, to)` of the source, verbatim, without leading
/// and trailing empty lines.
pub(crate) fn text_of(src: &str, lines: &[Line<'_>], from: usize, to: usize) -> Text {
    let mut a = from;
    let mut b = to.min(lines.len());
    while a < b && trim(lines[a].text).is_empty() {
        a += 1;
    }
    while b > a && trim(lines[b - 1].text).is_empty() {
        b -= 1;
    }
    if a >= b {
        let span = lines.get(from.min(lines.len().saturating_sub(1))).map(|l| l.span_at(0, 0)).unwrap_or_default();
        return Text { text: String::new(), span };
    }
    let start = lines[a].start;
    let end = lines[b - 1].start + lines[b - 1].text.len();
    let mut span = lines[a].span_at(0, 0);
    span.end = end;
    Text { text: src[start..end].to_owned(), span }
}

/// Subsections （一）… in the lines `[from, to)` of a prose section.
pub(crate) fn subsections(src: &str, lines: &[Line<'_>], from: usize, to: usize) -> Vec<Subsection> {
    let mut marks: Vec<(usize, &str)> = Vec::new();
    for (idx, line) in lines.iter().enumerate().take(to).skip(from) {
        if let Some((marker, _)) = subsection_marker(line.text) {
            // Only markers of one family (the first one's) structure the section.
            let paren = marker.starts_with(['(', '（']);
            if let Some((_, first)) = marks.first()
                && first.starts_with(['(', '（']) != paren
            {
                continue;
            }
            marks.push((idx, marker));
        }
    }
    let mut out = Vec::with_capacity(marks.len());
    for (k, &(idx, marker)) in marks.iter().enumerate() {
        let end = marks.get(k + 1).map_or(to, |m| m.0);
        let heading_line = &lines[idx];
        let heading =
            Text { text: trim(heading_line.text).to_owned(), span: heading_line.span_of(trim(heading_line.text)) };
        out.push(Subsection { marker: marker.to_owned(), heading, body: text_of(src, lines, idx + 1, end) });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte test answers as skipping whitespace, # and * by characters
    /// and looking at the first character left.
    #[test]
    fn numeral_opening_is_told_as_by_characters() {
        let by_chars = |line: &str, alt: bool| {
            let first = line.trim_start_matches(|c: char| c.is_whitespace() || c == '#' || c == '*').chars().next();
            first.is_some_and(|c| opens_numeral(c, alt))
        };
        let pieces = [
            " ", "  ", "\t", "#", "*", "\u{3000}", "\u{a0}", "一", "六", "七", "十", "(", "（", "1", "6", "7", "１",
            "６", "７", "、", "规章", "a", "）",
        ];
        let mut next = crate::text::xorshift(0x0123_4567_89ab_cdef);
        for _ in 0..20_000 {
            let n = (next() % 6) as usize;
            let line: String = (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            let i = ascii_lead_len(line.as_bytes());
            for alt in [false, true] {
                assert_eq!(opens_section_numeral(&line[i..], alt), by_chars(&line, alt), "{line:?} {alt}");
            }
        }
    }

    #[test]
    fn numeral_heads_are_the_numerals_bytes() {
        for (c, h) in ['一', '二', '三', '四', '五', '六'].iter().zip(NUMERAL_HEADS) {
            let b = c.to_string().into_bytes();
            assert_eq!(h, u32::from_le_bytes([b[0], b[1], b[2], 0]), "{c}");
        }
    }
}
