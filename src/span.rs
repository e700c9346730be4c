//! Source positions.
//!
//! Offsets are byte offsets into the decoded UTF-8 text handed to
//! [`parse`](fn@crate::parse) (after a BOM, if any, was removed), starting at 0.
//! Lines start at 1; columns start at 1 and count `char`s, not bytes, so a
//! column points at the same character an editor shows.

use serde::{Deserialize, Serialize};

/// A range of the source text with the line and column of its start.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// 1-based line of `start`.
    pub line: u32,
    /// 1-based column of `start`, in characters.
    pub column: u32,
}

impl Span {
    /// The text this span covers in `source` (empty if it does not fit).
    pub fn slice<'a>(&self, source: &'a str) -> &'a str {
        source.get(self.start..self.end).unwrap_or("")
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}
