//! The typed report: metadata, sections, tables and diagnostics.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::diag::Diagnostic;
use crate::key::{Applicant, CellKey, T2Key, T3Row, T4Col, T4Group};
use crate::span::Span;
use crate::value::{Cell, Number};

/// Which national template the report follows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Template {
    /// 国办公开办函〔2019〕60号 (reports for 2019 and 2020).
    #[serde(rename = "2019")]
    Y2019,
    /// 国办公开办函〔2021〕30号 (reports for 2021 and later).
    #[default]
    #[serde(rename = "2021")]
    Y2021,
}

impl Template {
    /// `"2019"` or `"2021"`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Template::Y2019 => "2019",
            Template::Y2021 => "2021",
        }
    }
}

impl Template {
    /// The rows of table 2 in this template, in printed order.
    ///
    /// ```
    /// use zfxxgk::{T2Item, Template};
    /// assert!(Template::Y2019.table2_items().contains(&T2Item::Procurement));
    /// assert!(!Template::Y2021.table2_items().contains(&T2Item::Procurement));
    /// ```
    pub fn table2_items(self) -> &'static [crate::key::T2Item] {
        crate::parse::t2::items(self)
    }

    /// The columns of a table-2 row in this template, in printed order (empty
    /// when the row is not in the template).
    pub fn table2_measures(self, item: crate::key::T2Item) -> &'static [crate::key::T2Measure] {
        crate::parse::t2::measures(self, item)
    }
}

impl fmt::Display for Template {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Template {
    type Err = crate::key::KeyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "2019" => Ok(Template::Y2019),
            "2021" => Ok(Template::Y2021),
            _ => Err(crate::key::KeyError::new(s)),
        }
    }
}

/// The text layout a table was read from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Layout {
    /// Cells separated by tabs, one row per line (copied out of Word).
    TabSeparated,
    /// One cell per line (copied from a web page).
    CellPerLine,
    /// `pdftotext` without `-layout`: cells run together or one per line, labels wrapped.
    PdfFlat,
    /// `pdftotext -layout`: columns aligned with runs of spaces.
    PdfLayout,
    /// Markdown pipe tables.
    Markdown,
}

impl Layout {
    /// The stable name, e.g. `tab-separated`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Layout::TabSeparated => "tab-separated",
            Layout::CellPerLine => "cell-per-line",
            Layout::PdfFlat => "pdf-flat",
            Layout::PdfLayout => "pdf-layout",
            Layout::Markdown => "markdown",
        }
    }
}

impl fmt::Display for Layout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text encoding [`parse_bytes`](crate::parse_bytes) decoded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8 (the input of [`parse`](fn@crate::parse) is always this).
    #[default]
    Utf8,
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-16, little-endian, with BOM.
    Utf16Le,
    /// UTF-16, big-endian, with BOM.
    Utf16Be,
    /// GB18030 (a superset of GBK and GB2312).
    Gb18030,
}

/// A piece of text with its place in the source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// The text as written (lines joined with `\n`).
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// Facts from the title and preamble.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Metadata {
    /// The title as written (wrapped titles joined).
    pub title: Option<Text>,
    /// The agency, e.g. 海盐县医疗保障局.
    pub agency: Option<String>,
    /// The year the report covers.
    pub year: Option<u16>,
    /// The statistics period as written, e.g. 2023年1月1日至12月31日.
    pub period: Option<Text>,
    /// The publication date printed after section 六 (or in a web page header).
    pub published: Option<Text>,
    /// Contact address, if printed.
    pub address: Option<Text>,
    /// Contact phone, if printed.
    pub phone: Option<Text>,
    /// Postcode, if printed.
    pub postcode: Option<Text>,
}

/// The six numbered sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    /// 一、总体情况
    Overview,
    /// 二、主动公开政府信息情况
    ProactiveDisclosure,
    /// 三、收到和处理政府信息公开申请情况
    Requests,
    /// 四、政府信息公开行政复议、行政诉讼情况
    ReviewsLitigation,
    /// 五、存在的主要问题及改进情况
    Problems,
    /// 六、其他需要报告的事项
    Other,
}

impl SectionKind {
    /// All six, in order.
    pub const ALL: [SectionKind; 6] = [
        SectionKind::Overview,
        SectionKind::ProactiveDisclosure,
        SectionKind::Requests,
        SectionKind::ReviewsLitigation,
        SectionKind::Problems,
        SectionKind::Other,
    ];

    /// 1 … 6.
    pub const fn number(self) -> u8 {
        self as u8 + 1
    }

    /// The Chinese numeral: 一 … 六.
    pub const fn numeral(self) -> &'static str {
        ["一", "二", "三", "四", "五", "六"][self as usize]
    }

    /// The usual heading text (without the numeral).
    pub const fn usual_heading(self) -> &'static str {
        [
            "总体情况",
            "主动公开政府信息情况",
            "收到和处理政府信息公开申请情况",
            "政府信息公开行政复议、行政诉讼情况",
            "存在的主要问题及改进情况",
            "其他需要报告的事项",
        ][self as usize]
    }
}

/// A subsection （一）… of a prose section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Subsection {
    /// The marker as written: `（一）`, `(二)`, `1、`…
    pub marker: String,
    /// The heading line as written (marker included).
    pub heading: Text,
    /// The body that follows, verbatim (may be empty when the heading line holds the text).
    pub body: Text,
}

/// One of the six numbered sections.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Which section.
    pub kind: SectionKind,
    /// The heading line as written.
    pub heading: Text,
    /// Everything from after the heading up to the next section, verbatim.
    pub body: Text,
    /// Subsections found in the body (prose sections only).
    pub subsections: Vec<Subsection>,
}

/// Text inside a table that was neither a label nor a value, kept verbatim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fragment {
    /// The text.
    pub text: String,
    /// Where it is.
    pub span: Span,
}

/// Table 2, 主动公开政府信息情况.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Table2 {
    /// The layout it was read from.
    pub layout: Option<Layout>,
    /// The cells read, in template order.
    pub cells: Vec<(T2Key, Cell)>,
    /// Text that was not understood.
    pub unrecognized: Vec<Fragment>,
}

impl Table2 {
    /// The cell for a key, if read.
    pub fn get(&self, key: T2Key) -> Option<&Cell> {
        self.cells.iter().find(|(k, _)| *k == key).map(|(_, c)| c)
    }
}

/// Table 3, 收到和处理政府信息公开申请情况: rows × 7 applicant columns.
///
/// Indexed by [`T3Row`] and [`Applicant`]. A cell is `None` when the row is
/// absent (not printed, or the sub-rows of a single （六） row).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Table3 {
    /// The layout it was read from.
    pub layout: Option<Layout>,
    /// `rows[row.index()][col.index()]`.
    pub rows: Vec<[Option<Cell>; 7]>,
    /// Text that was not understood.
    pub unrecognized: Vec<Fragment>,
}

impl Table3 {
    /// An empty table (every row absent).
    pub fn empty() -> Table3 {
        Table3 { layout: None, rows: vec![[None; 7]; T3Row::ALL.len()], unrecognized: Vec::new() }
    }

    /// The cell at a row and column.
    pub fn get(&self, row: T3Row, col: Applicant) -> Option<&Cell> {
        self.rows.get(row.index()).and_then(|r| r[col.index()].as_ref())
    }

    /// True when the row was read.
    pub fn has_row(&self, row: T3Row) -> bool {
        self.rows.get(row.index()).is_some_and(|r| r.iter().any(Option::is_some))
    }

    /// Sets a cell.
    #[inline]
    pub fn set(&mut self, row: T3Row, col: Applicant, cell: Cell) {
        // The usual case, a table with every row, stores the cell with no call
        // on the way (a cell held across a call is copied through the stack,
        // which stalls the store).
        if let Some(cells) = self.rows.get_mut(row.index()) {
            cells[col.index()] = Some(cell);
            return;
        }
        self.rows.resize(T3Row::ALL.len(), [None; 7]);
        self.rows[row.index()][col.index()] = Some(cell);
    }
}

/// Table 4, 政府信息公开行政复议、行政诉讼情况: 3 groups × 5 columns.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Table4 {
    /// The layout it was read from.
    pub layout: Option<Layout>,
    /// `groups[group.index()][col.index()]`.
    pub groups: [[Option<Cell>; 5]; 3],
    /// Text that was not understood.
    pub unrecognized: Vec<Fragment>,
}

impl Table4 {
    /// The cell of a group and column.
    pub fn get(&self, group: T4Group, col: T4Col) -> Option<&Cell> {
        self.groups[group.index()][col.index()].as_ref()
    }
}

/// A parsed annual report.
///
/// ```
/// # fn main() -> Result<(), zfxxgk::Error> {
/// let report = zfxxgk::parse(zfxxgk::SAMPLE_REPORT)?;
/// assert_eq!(report.metadata.year, Some(2023));
/// for (key, value) in report.cells() {
///     println!("{key}\t{}", value.map(|n| n.to_string()).unwrap_or_default());
/// }
/// # Ok(()) }
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// Title and preamble facts.
    pub metadata: Metadata,
    /// The template the tables follow.
    pub template: Template,
    /// The encoding the bytes were decoded from.
    pub encoding: Encoding,
    /// Text before the first section (title, preamble, site boilerplate), verbatim.
    pub preamble: Text,
    /// The numbered sections found, in order.
    pub sections: Vec<Section>,
    /// Table 2, if found.
    pub table2: Option<Table2>,
    /// Table 3, if found.
    pub table3: Option<Table3>,
    /// Table 4, if found.
    pub table4: Option<Table4>,
    /// Every repair and problem, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// The template the tables follow.
    pub fn template(&self) -> Template {
        self.template
    }

    /// The section of a kind, if found.
    pub fn section(&self, kind: SectionKind) -> Option<&Section> {
        self.sections.iter().find(|s| s.kind == kind)
    }

    /// Every cell read, as `(key, number or None for blank)`, in template order.
    ///
    /// Rows that are absent are not listed (they are not blank: they were not printed).
    pub fn cells(&self) -> impl Iterator<Item = (CellKey, Option<Number>)> + '_ {
        self.cells_with_spans().map(|(k, c)| (k, c.number()))
    }

    /// Every cell read with its full [`Cell`] (value and span).
    pub fn cells_with_spans(&self) -> impl Iterator<Item = (CellKey, &Cell)> + '_ {
        let t2 = self.table2.iter().flat_map(|t| t.cells.iter().map(|(k, c)| (CellKey::T2(*k), c)));
        let t3 = self.table3.iter().flat_map(|t| {
            T3Row::ALL.iter().flat_map(move |&row| {
                Applicant::ALL.iter().filter_map(move |&col| t.get(row, col).map(|c| (CellKey::T3 { row, col }, c)))
            })
        });
        let t4 = self.table4.iter().flat_map(|t| {
            T4Group::ALL.iter().flat_map(move |&group| {
                T4Col::ALL.iter().filter_map(move |&col| t.get(group, col).map(|c| (CellKey::T4 { group, col }, c)))
            })
        });
        t2.chain(t3).chain(t4)
    }

    /// The cell for a key, if read.
    pub fn cell(&self, key: CellKey) -> Option<&Cell> {
        match key {
            CellKey::T2(k) => self.table2.as_ref()?.get(k),
            CellKey::T3 { row, col } => self.table3.as_ref()?.get(row, col),
            CellKey::T4 { group, col } => self.table4.as_ref()?.get(group, col),
        }
    }
}
