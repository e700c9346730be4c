//! The error returned for input that is not a report at all.

use serde::{Deserialize, Serialize};

/// Why a text could not be read as an annual report.
///
/// A damaged report is not an error: [`parse`](fn@crate::parse) returns the
/// [`Report`](crate::Report) with what it could read and diagnostics. This
/// error is for input that is no report at all, or that cannot be decoded.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Error {
    /// The input is empty or only whitespace.
    #[error("empty input: there is no text to read")]
    Empty,
    /// The input holds control characters or NUL bytes, as binary files do.
    #[error("line {line}: binary data (control character U+{code:04X}), not a text report")]
    Binary {
        /// 1-based line of the first offending character.
        line: u32,
        /// The character's code point.
        code: u32,
    },
    /// Text, but none of the sections or tables of an annual report.
    #[error("line {line}: not an annual report: {reason}")]
    NotAReport {
        /// 1-based line the judgement refers to (the first line of text).
        line: u32,
        /// What was looked for and not found.
        reason: String,
    },
    /// Bytes that are not UTF-8, UTF-16 (with BOM) or GB18030.
    #[error("byte {offset}: undecodable input: not UTF-8, UTF-16 or GB18030")]
    Encoding {
        /// Offset of the first undecodable byte.
        offset: usize,
    },
}
