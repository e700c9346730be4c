//! Diagnostics: every repair the parser made and everything it could not read.
//!
//! The parser never guesses silently: each time it joins a wrapped label,
//! matches a variant spelling, assumes a missing header, reads a blank cell or
//! skips site boilerplate it records a [`Diagnostic`] with the line it
//! concerns. The codes are stable strings (see [`DiagnosticCode::as_str`]).

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::key::CellKey;
use crate::span::Span;

/// How much a diagnostic matters to someone using the numbers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A routine repair of a known layout quirk; the values are sound.
    Note,
    /// A repair that involved a judgement, or input that was kept but not understood.
    Warning,
    /// Something the report should contain is missing or could not be read.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

macro_rules! codes {
    ($( $(#[$m:meta])* $v:ident => $s:literal, $sev:ident; )+) => {
        /// What kind of repair or problem a [`Diagnostic`] reports.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum DiagnosticCode { $( $(#[$m])* $v, )+ }

        impl DiagnosticCode {
            /// The stable code string, e.g. `label.wrapped`.
            pub const fn as_str(self) -> &'static str {
                match self { $( DiagnosticCode::$v => $s, )+ }
            }

            /// The severity this code always has.
            pub const fn severity(self) -> Severity {
                match self { $( DiagnosticCode::$v => Severity::$sev, )+ }
            }
        }
    };
}

codes! {
    /// A row label wrapped over several lines was joined.
    WrappedLabel => "label.wrapped", Note;
    /// A label was matched from a variant or misspelt form (本年度止件数…).
    LabelVariant => "label.variant", Note;
    /// A piece of text could match two rows equally well; nothing was assigned.
    AmbiguousLabel => "label.ambiguous", Warning;
    /// A line looked like a header row in the middle of a table and was skipped.
    MisplacedHeader => "table.misplaced_header", Warning;
    /// A table header was missing; the template's column order was assumed.
    HeaderAssumed => "table.header_assumed", Warning;
    /// A cell was blank (empty, `/`, `-`, `—`, `无`); it is kept as blank, not zero.
    BlankCell => "cell.blank", Note;
    /// A row had fewer values than columns; the missing ones are blank.
    ShortRow => "row.short", Warning;
    /// A row had more values than columns; the extra ones are kept here.
    ExtraValues => "row.extra_values", Warning;
    /// Empty fields on both sides of a row's values could be its blank cells; which was assumed.
    BlankSideAssumed => "row.blank_side_assumed", Warning;
    /// A tab-separated row lost its leading tabs (merged label cells).
    LeadingTabsLost => "row.leading_tabs_lost", Note;
    /// Values were separated from their labels (PDF flattening) and assigned in template order.
    DetachedLabels => "table.detached_labels", Warning;
    /// A block of values was printed column by column and was transposed.
    ColumnMajorBlock => "table.column_major_block", Warning;
    /// Values printed out of order (PDF text blocks) were reassigned: the only reading in which every total adds up.
    ValuesReordered => "table.values_reordered", Warning;
    /// Values seem out of order, and more than one reading adds up; the printed order was kept.
    OrderAmbiguous => "table.order_ambiguous", Warning;
    /// （六）其他处理 was printed as one row; its sub-rows are absent.
    SingleOtherRow => "t3.single_other_row", Note;
    /// A row the template requires was not found.
    RowMissing => "row.missing", Error;
    /// A table the template requires was not found.
    TableMissing => "table.missing", Error;
    /// A numbered section (一…六) was not found.
    SectionMissing => "section.missing", Warning;
    /// A page number or page break inside the text was skipped.
    PageBreak => "page.break", Note;
    /// Web-site boilerplate (听全文, 分享到…) was skipped.
    Boilerplate => "text.boilerplate", Note;
    /// Text inside a table that is not a label or a value; kept verbatim.
    UnrecognizedText => "text.unrecognized", Note;
    /// Characters spaced apart (PDF) were read together.
    SpacedCharacters => "text.spaced", Note;
    /// The template (2019 or 2021) could not be told from the table headers.
    TemplateGuessed => "template.guessed", Warning;
}

impl fmt::Display for DiagnosticCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One repair or problem, with the line it concerns.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// What kind of repair or problem.
    pub code: DiagnosticCode,
    /// How much it matters.
    pub severity: Severity,
    /// A sentence saying what was done and why.
    pub message: String,
    /// 1-based line the diagnostic is about (0 when it concerns the whole text).
    pub line: u32,
    /// The exact source range, when there is one.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A diagnostic at a span.
    pub fn at(code: DiagnosticCode, span: Span, message: impl Into<String>) -> Diagnostic {
        Diagnostic { code, severity: code.severity(), message: message.into(), line: span.line, span: Some(span) }
    }

    /// The `cell.blank` diagnostic of the cell `key` at `span`: "table 3 cell
    /// t3.granted.total is blank (kept as blank, not 0)". Put together from the
    /// key's fragments: a report may have a hundred blank cells, and the
    /// formatting machinery cost several times more per message.
    pub(crate) fn blank_cell(key: CellKey, span: Span) -> Diagnostic {
        let [table, row, col] = key.parts();
        let mut message = String::with_capacity(64 + row.len() + col.len());
        for piece in ["table ", &table[1..], " cell ", table, ".", row, ".", col, " is blank (kept as blank, not 0)"] {
            message.push_str(piece);
        }
        Diagnostic::at(DiagnosticCode::BlankCell, span, message)
    }

    /// A diagnostic about a line, without a precise span.
    pub fn at_line(code: DiagnosticCode, line: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic { code, severity: code.severity(), message: message.into(), line, span: None }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}[{}]: {}", self.line, self.severity, self.code, self.message)
    }
}

/// Text from the report quoted in a diagnostic message: exactly what `{:?}`
/// prints for a `str`, written faster. `Debug` asks a Unicode table whether
/// each non-ASCII character is printable, and that lookup scans the table:
/// over a thousand instructions a Chinese character, so quoting a 24-character
/// label cost more than reading the whole table it came from. Characters of
/// the blocks a report is written in (ideographs, CJK and full-width
/// punctuation) are printable and need no escape; they are copied as they
/// are, and only other characters go through `char::escape_debug`.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Quoted<'a>(pub &'a str);

/// True for characters that `Debug` prints unescaped and that need no table
/// lookup to say so (the test holds every one of them to `Debug`).
#[inline]
fn prints_as_is(c: char) -> bool {
    match c {
        ' '..='~' => c != '"' && c != '\\',
        _ => matches!(c,
            '\u{4e00}'..='\u{9fff}' // CJK unified ideographs
            | '\u{3400}'..='\u{4dbf}' // extension A
            | '\u{3001}'..='\u{3029}' // CJK punctuation: 、。〈〉《》「」【】〔〕…
            | '\u{ff01}'..='\u{ff5e}' // full-width ASCII: （），：１２…
            | '\u{2010}'..='\u{2027}' // dashes, quotes “”‘’, bullet, ellipsis
        ),
    }
}

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use fmt::Write;
        let s = self.0;
        f.write_char('"')?;
        // Runs of characters that print as they are go out whole.
        let mut from = 0;
        for (i, c) in s.char_indices() {
            if prints_as_is(c) {
                continue;
            }
            f.write_str(&s[from..i])?;
            from = i + c.len_utf8();
            // (`escape_debug` also escapes a single quote, which `str`'s Debug
            // leaves alone; it is printable ASCII, so it never gets here.)
            for e in c.escape_debug() {
                f.write_char(e)?;
            }
        }
        f.write_str(&s[from..])?;
        f.write_char('"')
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::key::{Applicant, T2Item, T2Key, T2Measure, T3Row, T4Col, T4Group};

    /// The blank-cell message, put together from the key's fragments, says
    /// what formatting the key says, for every key of every table.
    #[test]
    fn blank_cell_messages_name_the_key() {
        let t2 = T2Item::ALL
            .iter()
            .flat_map(|&item| T2Measure::ALL.iter().map(move |&measure| CellKey::T2(T2Key { item, measure })));
        let t3 = T3Row::ALL.iter().flat_map(|&row| Applicant::ALL.iter().map(move |&col| CellKey::T3 { row, col }));
        let t4 = T4Group::ALL.iter().flat_map(|&group| T4Col::ALL.iter().map(move |&col| CellKey::T4 { group, col }));
        let span = Span { start: 3, end: 4, line: 2, column: 1 };
        let mut n = 0;
        for key in t2.chain(t3).chain(t4) {
            let table = &key.to_string()[1..2];
            let d = Diagnostic::blank_cell(key, span);
            assert_eq!(d.message, format!("table {table} cell {key} is blank (kept as blank, not 0)"));
            assert_eq!((d.code, d.line, d.span), (DiagnosticCode::BlankCell, 2, Some(span)));
            n += 1;
        }
        assert!(n > 200, "{n}");
    }

    #[test]
    fn quoted_prints_what_debug_prints() {
        // Every character the fast path copies, one by one and in a run.
        let fast: String = (0..=0x10ffffu32).filter_map(char::from_u32).filter(|&c| prints_as_is(c)).collect();
        for c in fast.chars() {
            let s = c.to_string();
            assert_eq!(Quoted(&s).to_string(), format!("{s:?}"), "U+{:04X}", c as u32);
        }
        assert_eq!(Quoted(&fast).to_string(), format!("{fast:?}"));
        // And text mixing them with characters Debug escapes.
        for s in [
            "",
            "表\"头\\",
            "it's",
            "a\tb\nc\r\u{0}\u{7f}",
            "\u{3000}全角空格\u{a0}\u{200b}\u{feff}",
            "（三）不予公开\u{301}é\u{302a}",
            "\u{10ffff}\u{e000}\u{d7ff}𠀀",
            "\u{2028}\u{2029}—…·",
        ] {
            assert_eq!(Quoted(s).to_string(), format!("{s:?}"), "{s:?}");
        }
    }
}
