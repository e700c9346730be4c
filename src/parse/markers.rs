//! Small grammars (nom) for the markers that structure a report: section
//! numerals, subsection markers, page numbers.

use nom::{
    IResult, Parser,
    branch::alt,
    bytes::complete::{tag, take_while, take_while1},
    character::complete::{char, satisfy},
    combinator::{eof, opt, recognize},
    multi::many1,
};

use crate::text::Line;

fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{3000}'
}

fn spaces(i: &str) -> IResult<&str, &str> {
    take_while(is_space)(i)
}

fn dash(i: &str) -> IResult<&str, &str> {
    recognize(many1(satisfy(|c| matches!(c, '-' | '—' | '–' | '－' | '―' | '‒' | '−')))).parse(i)
}

fn digits(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))(i)
}

/// `-3-`, `— 3 —`, `- 3 -`, `第3页`, `第 3 页 共 5 页`: a page number line.
///
/// This runs on every line of every table and of the prose: the answer for
/// almost all of them, no, is told inline from the first bytes; only lines
/// that may be page numbers pay for a call.
#[inline]
pub(crate) fn is_page_number(line: &str) -> bool {
    // A page number line is short.
    opens_like_page_number(line.as_bytes()) && line.len() <= 64 && page_number_opened(line)
}

/// Whether `b` opens as a page number line does: with a space, a dash or 第;
/// a label or a number opens it otherwise. E3, E7 and EF lead many
/// ideographs and punctuation marks, so for them the whole character is
/// compared (U+3000, 第, －).
#[inline]
fn opens_like_page_number(b: &[u8]) -> bool {
    matches!(
        b,
        [b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c | b'-' | 0xc2 | 0xe1 | 0xe2, ..]
            | [0xe3, 0x80, 0x80, ..]
            | [0xe7, 0xac, 0xac, ..]
            | [0xef, 0xbc, 0x8d, ..]
    )
}

/// Whether the document is PDF text: a page break or a page-number line
/// anywhere in it. Worked out on first use: only a table region that shows
/// no other layout asks (see [`super::cells::sniff_layout`]), so text that
/// is tab-separated, markdown or flattened with values beside their labels
/// is not searched line by line for it.
pub(crate) struct PdfSigns<'s, 'a> {
    lines: &'s [Line<'a>],
    found: std::cell::OnceCell<bool>,
}

impl<'s, 'a> PdfSigns<'s, 'a> {
    /// The signs in `lines`, the lines of the whole document.
    pub(crate) fn new(lines: &'s [Line<'a>]) -> Self {
        PdfSigns { lines, found: std::cell::OnceCell::new() }
    }

    /// True when the document has a page break or a page-number line.
    pub(crate) fn any(&self) -> bool {
        *self.found.get_or_init(|| self.lines.iter().any(|l| l.page_break || is_page_number(l.text)))
    }
}

/// [`is_page_number`] for a short line that opens like one.
#[inline(never)]
fn page_number_opened(line: &str) -> bool {
    // A line indented by tabs or spaces (a cell after a tab, `\t12`, `\t规章`)
    // is told from the bytes after them, by the same opening test.
    let b = line.as_bytes();
    let lead = b.iter().take_while(|&&c| crate::text::is_ascii_space(c)).count();
    opens_like_page_number(&b[lead..]) && page_number_grammar(line)
}

/// Whether `line` is a page number by the grammar: `- 3 -`, `第 3 页 共 5 页`…
fn page_number_grammar(line: &str) -> bool {
    // It starts with a dash or 第.
    let first = line.trim_start_matches(is_space).chars().next();
    if !first.is_some_and(|c| matches!(c, '-' | '—' | '–' | '－' | '―' | '‒' | '−' | '第')) {
        return false;
    }
    let t = line.trim_matches(is_space);
    if t.is_empty() || t.len() > 40 {
        return false;
    }
    let dashed = (dash, spaces, digits, spaces, dash, spaces, eof).parse(t).is_ok();
    let paged = (
        char('第'),
        spaces,
        digits,
        spaces,
        char('页'),
        opt((
            spaces,
            opt(alt((char('/'), char('，'), char(',')))),
            spaces,
            char('共'),
            spaces,
            digits,
            spaces,
            char('页'),
        )),
        spaces,
        eof,
    )
        .parse(t)
        .is_ok();
    dashed || paged
}

/// The value of a Chinese numeral 一…十 (only single characters and 十一…十九).
fn numeral_value(s: &str) -> Option<u8> {
    const N: [char; 10] = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
    let v = |c: char| N.iter().position(|&n| n == c).map(|p| p as u8 + 1);
    let mut cs = s.chars();
    match (cs.next(), cs.next(), cs.next()) {
        (Some(a), None, _) => v(a),
        (Some('十'), Some(b), None) => Some(10 + v(b)?),
        _ => None,
    }
}

fn chinese_numeral(i: &str) -> IResult<&str, &str> {
    take_while1(|c: char| "一二三四五六七八九十".contains(c))(i)
}

/// A section heading start: `一、`, `一.`, `一．`, `一 ` (after optional `#`, `*`
/// and spaces). Returns the section number (1-based) and the rest of the line.
pub(crate) fn section_numeral(line: &str) -> Option<(u8, &str)> {
    let lead = |i| take_while(|c: char| is_space(c) || c == '#' || c == '*')(i);
    let sep = alt((
        recognize((spaces, alt((tag("、"), tag("."), tag("．"), tag("，"), tag(","))), spaces)),
        take_while1(is_space),
    ));
    let (rest, (_, num, _)) = (lead, chinese_numeral, sep).parse(line).ok()?;
    let n = numeral_value(num)?;
    Some((n, rest))
}

/// A section heading numbered otherwise: `（一）`, `(一)`, `1、`, `1.`, `1．`
/// (some reports number their six sections so). Returns the number and the rest.
pub(crate) fn alt_section_numeral(line: &str) -> Option<(u8, &str)> {
    let (marker, rest) = subsection_marker(line)?;
    let inner = marker.trim_matches(|c: char| matches!(c, '(' | '（' | ')' | '）' | '、' | '.' | '．') || is_space(c));
    let n = numeral_value(inner).or_else(|| {
        let digits: String = inner
            .chars()
            .map(|c| if ('０'..='９').contains(&c) { char::from_u32(c as u32 - 0xfee0).unwrap_or(c) } else { c })
            .collect();
        digits.parse::<u8>().ok()
    })?;
    Some((n, rest))
}

/// A subsection marker at the start of a line: `（一）`, `(一)`, `（1）`,
/// `1、`, `1.`, `1．`. Returns the marker (as written, without leading space)
/// and the rest.
#[inline]
pub(crate) fn subsection_marker(line: &str) -> Option<(&str, &str)> {
    // Most prose lines open with an ideograph or a letter: told inline.
    match line.as_bytes().first() {
        Some(c) if (0xe4..=0xe9).contains(c) || c.is_ascii_alphabetic() => None,
        None => None,
        _ => marker_after_spaces(line),
    }
}

/// [`subsection_marker`] for a line that may hold one.
#[inline(never)]
fn marker_after_spaces(line: &str) -> Option<(&str, &str)> {
    let t = line.trim_start_matches(|c: char| is_space(c) || c == '#' || c == '*');
    // A marker opens with a parenthesis or a digit (ASCII or full-width, EF BC 88 / EF BC 90-99):
    // most prose lines are told by their first byte.
    if !matches!(t.as_bytes().first(), Some(b'(' | b'0'..=b'9' | 0xef)) {
        return None;
    }
    let paren = recognize((
        alt((char('('), char('（'))),
        spaces,
        alt((chinese_numeral, digits)),
        spaces,
        alt((char(')'), char('）'))),
    ));
    let dotted = recognize((digits, alt((tag("、"), tag("．"), tag("."))), nom::combinator::not(digits)));
    let (rest, marker) = alt((paren, dotted)).parse(t).ok()?;
    Some((marker, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers() {
        for p in [
            "-3-",
            "— 3 —",
            "- 3 -",
            "第3页",
            "第 3 页 共 5 页",
            "  -12-  ",
            "－３－",
            "\u{3000}第 3 页",
            "\u{a0}– 3 –",
            "\u{2003}−3−",
        ] {
            assert!(is_page_number(p), "{p}");
        }
        for p in ["3", "-3", "第三章", "2023年", "3 -", "", "（一）", "。-3-", "管3页"] {
            assert!(!is_page_number(p), "{p}");
        }
    }

    /// The opening test after indentation answers as the grammar does.
    #[test]
    fn page_number_shortcut_agrees_with_the_grammar() {
        let pieces = [
            " ",
            "\t",
            "\u{b}",
            "\u{3000}",
            "\u{a0}",
            "-",
            "—",
            "－",
            "3",
            "12",
            "第",
            "页",
            "共",
            "/",
            "a",
            "（一）",
            "申",
            "规章",
            "é",
        ];
        let mut next = crate::text::xorshift(0xfeed_beef_0042_0007);
        for _ in 0..20_000 {
            let n = (next() % 8) as usize;
            let line: String = (0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            assert_eq!(page_number_opened(&line), page_number_grammar(&line), "{line:?}");
        }
    }

    #[test]
    fn section_numerals() {
        assert_eq!(section_numeral("一、总体情况").unwrap(), (1, "总体情况"));
        assert_eq!(section_numeral("  ## 六. 其他").unwrap().0, 6);
        assert_eq!(section_numeral("三 、本 年").unwrap().0, 3);
        assert!(section_numeral("一是加大").is_none());
        assert!(section_numeral("总体").is_none());
    }

    #[test]
    fn subsection_markers() {
        assert_eq!(subsection_marker("（一）主动公开").unwrap(), ("（一）", "主动公开"));
        assert_eq!(subsection_marker("(二) 依申请").unwrap().0, "(二)");
        assert_eq!(subsection_marker("1、平台").unwrap().0, "1、");
        assert!(subsection_marker("2023.5").is_none());
        assert!(subsection_marker("一是").is_none());
    }
}
