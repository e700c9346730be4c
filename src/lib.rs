//! # zfxxgk — 政府信息公开工作年度报告 as data
//!
//! 把政府信息公开工作年度报告（任何排版）读成结构化数据，并核对勾稽关系。
//!
//! Every Chinese administrative agency publishes a yearly report on its open
//! government information work in a national template: six numbered sections
//! and three tables. This crate reads such a report from text in any layout
//! it arrives in (tab-separated from Word, one cell per line from a web page,
//! flattened or laid-out PDF text, OCR'd markdown) into a typed [`Report`],
//! and says what it repaired on the way.
//!
//! ```
//! let report = zfxxgk::parse(zfxxgk::SAMPLE_REPORT)?;
//! println!("{} {:?}", report.metadata.agency.as_deref().unwrap_or("?"), report.metadata.year);
//! for (key, value) in report.cells() {
//!     // `key` prints as the stable key, e.g. t3.new_received.total; blank cells are None.
//!     let _ = (key.to_string(), value);
//! }
//! for d in &report.diagnostics {
//!     eprintln!("{d}");
//! }
//! # Ok::<(), zfxxgk::Error>(())
//! ```
//!
//! Positions: [`Span`] offsets are bytes into the text given to [`parse`]
//! (after a BOM), lines and columns start at 1, and columns count characters.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod check;
mod diag;
mod error;
pub mod export;
mod key;
mod parse;
mod render;
mod report;
mod span;
mod text;
mod value;

pub use check::{Finding, Rule};
pub use diag::{Diagnostic, DiagnosticCode, Severity};
pub use error::Error;
pub use key::{Applicant, CellKey, KeyError, T2Item, T2Key, T2Measure, T3Group, T3Row, T4Col, T4Group};
pub use parse::{parse, parse_bytes};
pub use render::render;
pub use report::{
    Encoding, Fragment, Layout, Metadata, Report, Section, SectionKind, Subsection, Table2, Table3, Table4, Template,
    Text,
};
pub use span::Span;
pub use value::{Cell, Number, NumberError, Unit, Value};

/// An invented report (tab-separated, 2021 template) for examples and doc tests.
pub const SAMPLE_REPORT: &str = include_str!("../examples/data/sample-2023.txt");

// The README's examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
