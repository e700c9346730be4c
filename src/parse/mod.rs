//! The parser: from text to [`Report`].
//!
//! Phases, each in its own module:
//! 1. `text::lines_into` splits the source into lines (CRLF, CR, form feeds);
//! 2. `sections` finds the six numbered headings; everything between two
//!    headings is that section's body, kept verbatim;
//! 3. each table section's lines go through `cells` (layout sniffing and
//!    cell tokens) and then the table's reader (`t2`, `t3`, `t4`),
//!    which pairs labels with values (see `rows`);
//! 4. `meta` reads the title and preamble.
//!
//! Every repair is recorded as a [`Diagnostic`] on the way.

pub(crate) mod cells;
pub(crate) mod keywords;
pub(crate) mod labels;
pub(crate) mod markers;
pub(crate) mod meta;
pub(crate) mod rows;
mod scratch;
pub(crate) mod sections;
pub(crate) mod t2;
pub(crate) mod t3;
pub(crate) mod t4;

use crate::diag::{Diagnostic, DiagnosticCode, Quoted};
use crate::error::Error;
use crate::report::{Encoding, Report, Section, SectionKind, Template, Text};
use crate::text::{Line, lines_into};

use scratch::Scratch;

use sections::Heading;

/// Parses the text of an annual report.
///
/// Accepts every layout reports come in (tab-separated, one cell per line,
/// PDF-flattened, `pdftotext -layout`, markdown), with full- or half-width
/// punctuation, CRLF line ends and a UTF-8 BOM. A damaged report still
/// parses: what could be read is in the [`Report`], and
/// [`Report::diagnostics`] say what was repaired or missing. Only text that
/// is no report at all is an [`Error`].
///
/// Each thread keeps the working vectors of its last parse, emptied (at most
/// 1 MiB, usually tens of kilobytes), for its next one: a batch does not ask
/// the allocator for them again for every report.
///
/// ```
/// let report = zfxxgk::parse(zfxxgk::SAMPLE_REPORT).unwrap();
/// assert_eq!(report.metadata.agency.as_deref(), Some("青川县示例局"));
/// let received: zfxxgk::CellKey = "t3.new_received.total".parse().unwrap();
/// assert_eq!(report.cell(received).unwrap().number().unwrap().as_count(), Some(12));
///
/// assert!(zfxxgk::parse("今天天气很好。").is_err());
/// ```
pub fn parse(text: &str) -> Result<Report, Error> {
    parse_decoded(text, Encoding::Utf8)
}

pub(crate) fn parse_decoded(text: &str, encoding: Encoding) -> Result<Report, Error> {
    // A BOM is removed once: by `parse_bytes` when it decoded bytes with one,
    // or here for text given to `parse`. A second U+FEFF is text.
    let (src, encoding) = match text.strip_prefix('\u{feff}') {
        Some(rest) if encoding == Encoding::Utf8 => (rest, Encoding::Utf8Bom),
        _ => (text, encoding),
    };
    if src.trim().is_empty() {
        return Err(Error::Empty);
    }
    check_binary(src)?;
    let mut scratch = Scratch::take();
    let read = read_report(src, encoding, &mut scratch);
    scratch.keep();
    read
}

/// Reads the report in `src` (BOM removed, not empty, not binary), with the
/// working vectors in `scratch`.
fn read_report<'a>(src: &'a str, encoding: Encoding, scratch: &mut Scratch<'a>) -> Result<Report, Error> {
    let Scratch { lines, events, t2_items, t3_items } = scratch;
    lines_into(src, lines);
    let lines: &[Line<'a>] = lines;
    let mut diags: Vec<Diagnostic> = Vec::new();
    let pdf = markers::PdfSigns::new(lines);
    let headings = sections::find_headings(lines);

    // Section bodies.
    let mut report = Report { encoding, sections: Vec::with_capacity(headings.len()), ..Report::default() };
    let first_heading = headings.first().map_or(lines.len(), |h| h.line_idx);
    let mut trailer_from = lines.len();
    for (k, h) in headings.iter().enumerate() {
        let mut end = headings.get(k + 1).map_or(lines.len(), |n| n.line_idx);
        if k + 1 == headings.len() {
            // Site furniture after the last section is not part of it.
            if let Some(b) = (h.line_idx + 1..end).find(|&i| meta::is_boilerplate(lines[i].text)) {
                end = b;
                trailer_from = b;
            }
        }
        let line = &lines[h.line_idx];
        let heading_text = crate::text::trim(line.text);
        if heading_text.chars().filter(|c| *c == ' ').count() >= 3 && heading_text.chars().count() < 60 {
            diags.push(Diagnostic::at(
                DiagnosticCode::SpacedCharacters,
                line.span(),
                format!("heading {} has its characters spaced apart; read without the spaces", Quoted(heading_text)),
            ));
        }
        let prose = matches!(h.kind, SectionKind::Overview | SectionKind::Problems | SectionKind::Other);
        report.sections.push(Section {
            kind: h.kind,
            heading: Text { text: heading_text.to_owned(), span: line.span_of(heading_text) },
            body: sections::text_of(src, lines, h.line_idx + 1, end),
            subsections: if prose { sections::subsections(src, lines, h.line_idx + 1, end) } else { Vec::new() },
        });
    }
    for kind in SectionKind::ALL {
        if !headings.iter().any(|h| h.kind == kind) {
            diags.push(Diagnostic::at_line(
                DiagnosticCode::SectionMissing,
                0,
                format!("section {}、{} was not found", kind.numeral(), kind.usual_heading()),
            ));
        }
    }
    report.preamble = sections::text_of(src, lines, 0, first_heading);
    for l in lines[..first_heading].iter().chain(&lines[trailer_from..]) {
        if meta::is_boilerplate(l.text) {
            diags.push(Diagnostic::at(
                DiagnosticCode::Boilerplate,
                l.span(),
                format!("skipped site boilerplate {}", Quoted(l.text.trim())),
            ));
        }
    }
    let tail_from = headings.last().map_or(0, |h| h.line_idx);
    report.metadata = meta::read(src, lines, first_heading, tail_from);

    // Tables.
    let r2 = region(lines, &headings, SectionKind::ProactiveDisclosure);
    let r3 = region(lines, &headings, SectionKind::Requests);
    let r4 = region(lines, &headings, SectionKind::ReviewsLitigation);
    report.template = match t2::sniff_template(r2) {
        Some(t) => t,
        None => {
            let t = match report.metadata.year {
                Some(y) if y <= 2020 => Template::Y2019,
                _ => Template::Y2021,
            };
            diags.push(Diagnostic::at_line(
                DiagnosticCode::TemplateGuessed,
                r2.first().map_or(0, |l| l.number),
                format!("the table-2 headers do not tell the template; assumed the {t} template from the report year"),
            ));
            t
        }
    };
    report.table2 = t2::read(r2, report.template, &pdf, &mut diags, (events, t2_items));
    report.table3 = t3::read(r3, &pdf, &mut diags, (events, t3_items));
    report.table4 = t4::read(r4, &pdf, &mut diags, events);
    for (present, name) in [
        (report.table2.is_some(), "table 2 (主动公开政府信息情况)"),
        (report.table3.is_some(), "table 3 (收到和处理政府信息公开申请情况)"),
        (report.table4.is_some(), "table 4 (行政复议、行政诉讼情况)"),
    ] {
        if !present {
            diags.push(Diagnostic::at_line(DiagnosticCode::TableMissing, 0, format!("{name} was not found")));
        }
    }
    if headings.is_empty() && report.table2.is_none() && report.table3.is_none() && report.table4.is_none() {
        let line = lines.iter().find(|l| !l.text.trim().is_empty()).map_or(1, |l| l.number);
        return Err(Error::NotAReport {
            line,
            reason:
                "no numbered section (一、总体情况 … 六、其他需要报告的事项) and none of the three tables was found"
                    .to_owned(),
        });
    }
    diags.sort_by_key(|d| d.line);
    report.diagnostics = diags;
    Ok(report)
}

/// The lines of a section's body. When its heading is missing, the table is
/// looked for by its own anchor text between the neighbouring headings that
/// were found; when the next table's heading is missing, the body stops at
/// that table's anchor. Without heading and anchor the region is empty.
fn region<'s, 'a>(lines: &'s [Line<'a>], headings: &[Heading], kind: SectionKind) -> &'s [Line<'a>] {
    let (mut start, mut end) = match headings.iter().position(|h| h.kind == kind) {
        Some(k) => (headings[k].line_idx + 1, headings.get(k + 1).map_or(lines.len(), |n| n.line_idx)),
        None => {
            let before = headings.iter().rev().find(|h| h.kind < kind).map_or(0, |h| h.line_idx + 1);
            let after = headings.iter().find(|h| h.kind > kind).map_or(lines.len(), |h| h.line_idx);
            if before >= after {
                return &[];
            }
            match find_anchor(&lines[before..after], kind) {
                Some(i) => (before + i, after),
                None => return &[],
            }
        }
    };
    let next_table = match kind {
        SectionKind::ProactiveDisclosure => Some(SectionKind::Requests),
        SectionKind::Requests => Some(SectionKind::ReviewsLitigation),
        _ => None,
    };
    if let Some(next) = next_table.filter(|n| !headings.iter().any(|h| h.kind == *n))
        && start < end
        && let Some(i) = find_anchor(&lines[start..end], next)
    {
        end = start + i;
    }
    start = start.min(end);
    &lines[start..end]
}

/// The first line of a table when its section heading is missing.
fn find_anchor(lines: &[Line<'_>], kind: SectionKind) -> Option<usize> {
    let keys: &[&str] = match kind {
        SectionKind::ProactiveDisclosure => &["第二十条"],
        SectionKind::Requests => &["勾稽关系", "申请人情况", "本年新收"],
        SectionKind::ReviewsLitigation => &["行政复议"],
        _ => return None,
    };
    let mut sq = String::new();
    lines.iter().position(|l| {
        if l.text.len() > 400 {
            return false; // prose, not a table line
        }
        sq.clear();
        crate::text::squash_into(l.text, &mut sq);
        keys.iter().any(|k| sq.contains(k))
    })
}

/// Rejects binary data: NUL bytes or many control characters (C0 other than
/// tab, line ends, form and vertical feed; DEL; C1; U+FFFD from a lossy
/// decode). Scans bytes, not chars: this runs over every input.
fn check_binary(src: &str) -> Result<(), Error> {
    let b = src.as_bytes();
    let mut controls = 0usize;
    let mut first: Option<usize> = None;
    let mut i = 0;
    // Almost every byte is clean: skip to the next byte that may start (or,
    // for U+FFFD, end) a bad character, 32 bytes at a time (see
    // `next_suspect`); each hit is judged here.
    while let Some(n) = next_suspect(&b[i..]) {
        let at = i + n;
        let c = b[at];
        let bad_from = match c {
            0 => return Err(Error::Binary { line: line_at(src, at), code: 0 }),
            0x01..=0x08 | 0x0e..=0x1f | 0x7f => Some(at),
            0xc2 if matches!(b.get(at + 1), Some(0x80..=0x9f)) => Some(at),
            // U+FFFD is EF BF BD; its last byte is the rarer one to look for.
            0xbd if at >= 2 && b[at - 2] == 0xef && b[at - 1] == 0xbf => Some(at - 2),
            _ => None,
        };
        if let Some(from) = bad_from {
            controls += 1;
            first.get_or_insert(from);
        }
        i = at + 1;
    }
    let chars = src.len(); // an upper bound of the char count is enough for the ratio
    match first {
        Some(at) if controls > 8 && controls * 50 > chars.min(src.chars().count()) => {
            let code = src[at..].chars().next().map_or(0, |c| c as u32);
            Err(Error::Binary { line: line_at(src, at), code })
        }
        _ => Ok(()),
    }
}

/// Index of the first byte of `b` that may start a bad character: exact
/// (see [`is_bad_at`]) except in the first two and the last few bytes, where
/// [`SUSPECT`] flags candidates; the caller checks each hit either way. Clean
/// text is skipped 32 bytes at a time by a branch-free test the compiler
/// turns into vector instructions. (Exactness matters: Chinese text is full
/// of C2 and BD bytes inside other characters.)
fn next_suspect(b: &[u8]) -> Option<usize> {
    const BLOCK: usize = 32;
    // The first two bytes lack the two bytes before them that the block test reads.
    let head = b.len().min(2);
    if let Some(n) = b[..head].iter().position(|&c| SUSPECT[usize::from(c)]) {
        return Some(n);
    }
    let mut at = head;
    while at + BLOCK < b.len() {
        // Each byte with the two before it and the one after it.
        let cur = &b[at..at + BLOCK];
        let prev1 = &b[at - 1..at - 1 + BLOCK];
        let prev2 = &b[at - 2..at - 2 + BLOCK];
        let next = &b[at + 1..at + 1 + BLOCK];
        let bad = |k: usize| is_bad_at(cur[k], prev1[k], prev2[k], next[k]);
        if (0..BLOCK).fold(false, |any, k| any | bad(k)) {
            return (0..BLOCK).position(bad).map(|k| at + k);
        }
        at += BLOCK;
    }
    b[at..].iter().position(|&c| SUSPECT[usize::from(c)]).map(|n| at + n)
}

/// Whether byte `c` (after `prev2`, `prev1`, before `next`) starts a bad
/// character, or is the BD ending U+FFFD (EF BF BD): a C0 control other than
/// 09-0D, DEL, C2 before 80-9F (a C1 control). Arithmetic, not a table, so
/// that a block of these vectorises.
#[inline]
fn is_bad_at(c: u8, prev1: u8, prev2: u8, next: u8) -> bool {
    ((c < 0x20) & (c.wrapping_sub(0x09) > 4))
        | (c == 0x7f)
        | ((c == 0xc2) & (next & 0xe0 == 0x80))
        | ((c == 0xbd) & (prev1 == 0xbf) & (prev2 == 0xef))
}

/// Bytes `check_binary` looks at: C0 controls other than tab, line ends and
/// feeds; DEL; C2 (lead byte of C1 controls); BD (last byte of U+FFFD).
static SUSPECT: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 0x20 {
        t[c] = !matches!(c, 0x09..=0x0d);
        c += 1;
    }
    t[0x7f] = true;
    t[0xc2] = true;
    t[0xbd] = true;
    t
};

/// 1-based line of a byte offset.
fn line_at(src: &str, at: usize) -> u32 {
    let n = memchr::memchr_iter(b'\n', &src.as_bytes()[..at.min(src.len())]).count();
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}

/// Parses a report from bytes: UTF-8 (with or without BOM), UTF-16 with a
/// BOM, or GB18030/GBK. [`Report::encoding`] says which was decoded.
///
/// ```
/// let (gbk, _, _) = encoding_rs::GBK.encode(zfxxgk::SAMPLE_REPORT);
/// let report = zfxxgk::parse_bytes(&gbk).unwrap();
/// assert_eq!(report.encoding, zfxxgk::Encoding::Gb18030);
/// assert_eq!(report.metadata.year, Some(2023));
/// ```
pub fn parse_bytes(bytes: &[u8]) -> Result<Report, Error> {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        let text = std::str::from_utf8(rest).map_err(|e| Error::Encoding { offset: 3 + e.valid_up_to() })?;
        return parse_decoded(text, Encoding::Utf8Bom);
    }
    for (bom, enc, ours) in [
        (&b"\xff\xfe"[..], encoding_rs::UTF_16LE, Encoding::Utf16Le),
        (&b"\xfe\xff"[..], encoding_rs::UTF_16BE, Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            let (text, had_errors) = enc.decode_without_bom_handling(rest);
            if had_errors {
                return Err(Error::Encoding { offset: bom.len() });
            }
            return parse_decoded(&text, ours);
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_decoded(text, Encoding::Utf8),
        Err(utf8_err) => {
            let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
            if had_errors {
                return Err(Error::Encoding { offset: utf8_err.valid_up_to() });
            }
            parse_decoded(&text, Encoding::Gb18030)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `check_binary` counts, found a byte at a time: where each bad
    /// character starts.
    fn bad_by_bytes(b: &[u8]) -> Vec<usize> {
        (0..b.len())
            .filter_map(|at| match b[at] {
                0x00..=0x08 | 0x0e..=0x1f | 0x7f => Some(at),
                0xc2 if matches!(b.get(at + 1), Some(0x80..=0x9f)) => Some(at),
                0xbd if at >= 2 && b[at - 2] == 0xef && b[at - 1] == 0xbf => Some(at - 2),
                _ => None,
            })
            .collect()
    }

    /// ... and found the way `check_binary` walks: from suspect to suspect.
    fn bad_by_suspects(b: &[u8]) -> Vec<usize> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(n) = next_suspect(&b[i..]) {
            let at = i + n;
            match b[at] {
                0x00..=0x08 | 0x0e..=0x1f | 0x7f => out.push(at),
                0xc2 if matches!(b.get(at + 1), Some(0x80..=0x9f)) => out.push(at),
                0xbd if at >= 2 && b[at - 2] == 0xef && b[at - 1] == 0xbf => out.push(at - 2),
                _ => {}
            }
            i = at + 1;
        }
        out
    }

    /// The block-at-a-time skip misses no bad character a byte loop finds.
    #[test]
    fn next_suspect_agrees_with_a_byte_loop() {
        let mut next = crate::text::xorshift(0x9e37_79b9_7f4a_7c15);
        let alphabet = [
            b'a', b'1', b'\t', b'\n', b'\r', 0x0b, 0x0c, 0x08, 0x0e, 0x00, 0x01, 0x1f, 0x20, 0x7e, 0x7f, 0xc2, 0xbd,
            0xe4, 0xef, 0x80, 0x9f, 0xa0, 0xbf, 0xff,
        ];
        for _ in 0..20000 {
            let len = (next() % 100) as usize;
            let mut b: Vec<u8> = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
            // Mostly clean text, so that whole clean words occur.
            if next().is_multiple_of(2) {
                b.iter_mut().for_each(|c| {
                    if SUSPECT[usize::from(*c)] && !next().is_multiple_of(4) {
                        *c = b'x'
                    }
                });
            }
            // Sometimes whole U+FFFD and C1 characters, split across words anywhere.
            if next().is_multiple_of(3) && len > 3 {
                let k = (next() as usize) % (len - 2);
                b[k..k + 3].copy_from_slice(if next().is_multiple_of(2) {
                    &[0xef, 0xbf, 0xbd]
                } else {
                    &[0xc2, 0x85, b'a']
                });
            }
            assert_eq!(bad_by_suspects(&b), bad_by_bytes(&b), "{b:?}");
        }
    }
}
