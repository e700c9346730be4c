//! Consistency checks: the 勾稽关系 of the tables, the prose against the
//! tables, and one year's report against the next (format spec §5).
//!
//! ```
//! let report = zfxxgk::parse(zfxxgk::SAMPLE_REPORT)?;
//! assert!(report.check().is_empty());
//!
//! // Break one number: 一、本年新收 … 自然人 10 → 11.
//! let text = zfxxgk::SAMPLE_REPORT.replace(
//!     "一、本年新收政府信息公开申请数量\t\t10\t",
//!     "一、本年新收政府信息公开申请数量\t\t11\t",
//! );
//! let findings = zfxxgk::parse(&text)?.check();
//! let rules: Vec<_> = findings.iter().map(|f| f.rule.as_str()).collect();
//! assert_eq!(rules, ["t3.row_total", "t3.balance"]);
//! assert_eq!(findings[0].cell.to_string(), "t3.new_received.total");
//! assert_eq!((findings[0].expected, findings[0].found), (13, Some(12)));
//! println!("{}", findings[1]); // t3.balance (自然人): 一+二 = 13 but 三（七）+四 = 12
//! # Ok::<(), zfxxgk::Error>(())
//! ```
//!
//! # Rules
//!
//! | rule id | severity | what |
//! |---|---|---|
//! | `t3.row_total` | error | every row of table 3: 总计 = the six applicant columns |
//! | `t3.outcome_total` | error | every column: （七）总计 = the sum of the outcome rows （一）…（六） |
//! | `t3.balance` | error | every column: 一 + 二 = 三（七）总计 + 四 |
//! | `t3.blank_total` | warning | a 总计 cell of table 3 is blank while its parts add up to more than 0 |
//! | `t4.group_total` | error | each group of table 4: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结 |
//! | `t4.blank_total` | warning | a 总计 cell of table 4 is blank while its parts add up to more than 0 |
//! | `narrative.requests_received` | warning | "收到/受理…申请 N 件", "未收到…申请" vs `t3.new_received.total` |
//! | `narrative.punishments` | warning | "行政处罚 N 件/起/宗" vs `t2.punishment.decisions` |
//! | `narrative.reviews_litigation` | warning | "行政复议 N 件", "未发生…行政复议、行政诉讼" vs table-4 totals |
//! | `narrative.outcomes` | warning | "予以公开（及部分公开）/ 不予公开 / 无法提供 / 不予处理 N 件" vs table-3 rows |
//! | `continuity.carried` | error | this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column |
//! | `continuity.in_force` | warning | 现行有效件数 = last year's + 本年制发件数 − 本年废止件数 |
//!
//! # Blank and absent cells
//!
//! A blank cell (printed empty, `/`, `-`, `无`…) counts as 0 in the
//! arithmetic, and the finding lists it in [`Finding::assumed_blank_zero`]
//! and says so in its message. A row or column whose cells are all blank is
//! no error by itself, and a total whose parts are all blank is not checked
//! (there is nothing to add up). A total that is blank while its parts add up
//! to more than 0 is reported as `t3.blank_total` / `t4.blank_total`, not as a
//! wrong sum. Absent cells (rows that were not printed, such as the （六）
//! sub-rows when （六）其他处理 is one row) are left out, never read as 0.
//! Cells that are not whole counts (decimals, amounts) are never checked.

mod continuity;
mod narrative;
mod tables;

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use continuity::continuity;
pub use narrative::{Claim, ClaimKind, claims};

use crate::diag::Severity;
use crate::key::{Applicant, CellKey, T3Row, T4Col, T4Group};
use crate::report::Report;
use crate::span::Span;
use crate::value::{Cell, Value};

macro_rules! rules {
    ($( $(#[$m:meta])* $v:ident => $s:literal, $sev:ident, $doc:literal; )+) => {
        /// A consistency rule; its [`as_str`](Rule::as_str) id is stable.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Rule { $( $(#[$m])* $v, )+ }

        impl Rule {
            /// Every rule, in the order of the format spec.
            pub const ALL: &'static [Rule] = &[ $( Rule::$v, )+ ];

            /// The stable id, e.g. `t3.balance`.
            pub const fn as_str(self) -> &'static str {
                match self { $( Rule::$v => $s, )+ }
            }

            /// The severity findings of this rule have.
            pub const fn severity(self) -> Severity {
                match self { $( Rule::$v => Severity::$sev, )+ }
            }

            /// One line saying what the rule checks.
            pub const fn description(self) -> &'static str {
                match self { $( Rule::$v => $doc, )+ }
            }
        }

        impl FromStr for Rule {
            type Err = UnknownRule;
            fn from_str(s: &str) -> Result<Rule, UnknownRule> {
                match s {
                    $( $s => Ok(Rule::$v), )+
                    _ => Err(UnknownRule(s.to_owned())),
                }
            }
        }
    };
}

rules! {
    /// Every row of table 3: 总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他.
    T3RowTotal => "t3.row_total", Error,
        "table 3, every row: 总计 = the sum of the six applicant columns";
    /// Every column of table 3: （七）总计 = the sum of every outcome row of （一）…（六）.
    T3OutcomeTotal => "t3.outcome_total", Error,
        "table 3, every column: （七）总计 = the sum of the outcome rows （一）…（六）";
    /// Every column of table 3: 一 + 二 = 三（七）总计 + 四.
    T3Balance => "t3.balance", Error,
        "table 3, every column: 一、本年新收 + 二、上年结转 = 三（七）总计 + 四、结转下年度";
    /// A 总计 cell of table 3 is blank while its parts add up to more than 0.
    T3BlankTotal => "t3.blank_total", Warning,
        "table 3: a 总计 cell is blank while its parts add up to more than 0";
    /// Each group of table 4: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.
    T4GroupTotal => "t4.group_total", Error,
        "table 4, each group: 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结";
    /// A 总计 cell of table 4 is blank while its parts add up to more than 0.
    T4BlankTotal => "t4.blank_total", Warning,
        "table 4: a 总计 cell is blank while its parts add up to more than 0";
    /// The prose's number of applications received vs `t3.new_received.total`.
    NarrativeRequestsReceived => "narrative.requests_received", Warning,
        "the prose's 收到/受理…申请 N 件 (or 未收到…申请) = t3.new_received.total";
    /// The prose's number of 行政处罚 vs `t2.punishment.decisions`.
    NarrativePunishments => "narrative.punishments", Warning,
        "the prose's 行政处罚 N 件 = t2.punishment.decisions";
    /// The prose's 行政复议 / 行政诉讼 numbers vs the table-4 totals.
    NarrativeReviewsLitigation => "narrative.reviews_litigation", Warning,
        "the prose's 行政复议 N 件 (or 未发生…行政复议、行政诉讼) = the table-4 总计";
    /// The prose's outcome numbers (予以公开, 无法提供, 不予处理…) vs table 3.
    NarrativeOutcomes => "narrative.outcomes", Warning,
        "the prose's 予以公开 / 无法提供 / 不予处理… N 件 = the table-3 rows' 总计";
    /// Two reports: this year's 二、上年结转 = last year's 四、结转下年度继续办理.
    ContinuityCarried => "continuity.carried", Error,
        "this year's 二、上年结转 = last year's 四、结转下年度继续办理, per column";
    /// Two reports: 现行有效件数 = last year's + 本年制发件数 − 本年废止件数.
    ContinuityInForce => "continuity.in_force", Warning,
        "this year's 现行有效件数 = last year's 现行有效件数 + 本年制发件数 − 本年废止件数";
}

/// A string that is not a rule id.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("not a rule id: {0:?}")]
pub struct UnknownRule(String);

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Rule {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One broken consistency rule.
///
/// `found` is always what [`cell`](Finding::cell) holds (`None` when it is
/// blank); `expected` is what the other side of the rule says it should hold
/// (the sum of its parts, the number in the prose, last year's figure).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// The rule that is broken.
    pub rule: Rule,
    /// How much it matters (see [`Rule::severity`]).
    pub severity: Severity,
    /// What the rule was applied to, in the report's words: a row (`（一）予以公开`),
    /// a column (`自然人`), a table-4 group (`行政复议`), a prose section.
    pub subject: String,
    /// The cell to look at (usually the total).
    pub cell: CellKey,
    /// Every cell the rule involves, `cell` included.
    pub cells: Vec<CellKey>,
    /// What `cell` should hold according to the rest of the rule.
    pub expected: i64,
    /// What `cell` holds; `None` when it is blank.
    pub found: Option<i64>,
    /// Where `cell` is in the source.
    pub span: Option<Span>,
    /// Blank cells that were read as 0 for the arithmetic.
    pub assumed_blank_zero: Vec<CellKey>,
    /// For `narrative.*`: the claim in the prose.
    pub claim: Option<Claim>,
    /// The other place involved: the prose number for `narrative.*`, the cell
    /// in last year's report for `continuity.*`.
    pub related_span: Option<Span>,
    /// The arithmetic written out, e.g. `5 + 1 + 0 + 0 + 0 + 0 = 6 ≠ 7`.
    pub arithmetic: String,
    /// What is wrong, without the rule id and subject, e.g. `一+二 = 25 but
    /// 三（七）+四 = 24`; ends with `(blank read as 0: …)` when blanks were read as 0.
    pub message: String,
}

impl Finding {
    fn new(rule: Rule, subject: impl Into<String>, cell: CellKey, expected: i64, found: Option<i64>) -> Finding {
        Finding {
            rule,
            severity: rule.severity(),
            subject: subject.into(),
            cell,
            cells: vec![cell],
            expected,
            found,
            span: None,
            assumed_blank_zero: Vec::new(),
            claim: None,
            related_span: None,
            arithmetic: String::new(),
            message: String::new(),
        }
    }

    /// Names the blank cells that were read as 0 at the end of the message.
    fn note_blanks(mut self) -> Finding {
        if !self.assumed_blank_zero.is_empty() {
            use fmt::Write;
            let names = joined(self.assumed_blank_zero.iter().map(|&k| short_cell_label(k)), ", ");
            // (Writing into a String cannot fail.)
            let _ = write!(self.message, " (blank read as 0: {names})");
        }
        self
    }
}

impl fmt::Display for Finding {
    /// One sentence, e.g. `t3.balance (自然人): 一+二 = 25 but 三（七）+四 = 24`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({}): {}", self.rule, self.subject, self.message)
    }
}

/// Checks one report against every single-report rule (tables and prose).
///
/// Findings come in the order tables 3, 4, then the prose claims.
pub fn check(report: &Report) -> Vec<Finding> {
    let mut out = Vec::new();
    tables::check_t3(report, &mut out);
    tables::check_t4(report, &mut out);
    narrative::check(report, &mut out);
    out.into_iter().map(Finding::note_blanks).collect()
}

impl Report {
    /// Checks the report's consistency rules; see [`check::check`](crate::check::check).
    pub fn check(&self) -> Vec<Finding> {
        check(self)
    }
}

/// A cell as the arithmetic sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Read {
    /// Not read (row not printed).
    Absent,
    /// Printed blank.
    Blank,
    /// A whole count.
    Count(i64),
    /// A number that is not a whole count (never checked).
    Other,
}

fn read(cell: Option<&Cell>) -> Read {
    match cell {
        None => Read::Absent,
        Some(c) => match c.value {
            Value::Blank => Read::Blank,
            Value::Number { number } => match number.as_count() {
                Some(n) if number.unit.is_none() => Read::Count(n),
                _ => Read::Other,
            },
        },
    }
}

/// A cell term of a sum: its key, what it holds and where.
/// (It borrows the cell rather than copying its span: the rules build
/// hundreds of terms per report and need a span only for a finding.)
#[derive(Clone, Copy, Debug)]
struct Term<'r> {
    key: CellKey,
    read: Read,
    cell: Option<&'r Cell>,
}

impl<'r> Term<'r> {
    fn of(report: &'r Report, key: CellKey) -> Term<'r> {
        Term::with(key, report.cell(key))
    }

    /// A term for a cell already looked up (the table rules read hundreds per report).
    fn with(key: CellKey, cell: Option<&'r Cell>) -> Term<'r> {
        Term { key, read: read(cell), cell }
    }

    /// Where the cell is, if it was read.
    fn span(&self) -> Option<Span> {
        self.cell.map(|c| c.span)
    }

    /// The value with blank as 0 (absent and other as 0 too: callers filter them out first).
    fn value(&self) -> i64 {
        match self.read {
            Read::Count(n) => n,
            _ => 0,
        }
    }

    /// How the term is printed in a finding's arithmetic: its count,
    /// `0(blank)` or `?` (written straight into the message, not allocated).
    fn shown(&self) -> Shown {
        Shown(self.read)
    }
}

/// A term as printed in a finding's arithmetic (see [`Term::shown`]).
#[derive(Clone, Copy)]
struct Shown(Read);

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Read::Count(n) => write!(f, "{n}"),
            Read::Blank => f.write_str("0(blank)"),
            _ => f.write_str("?"),
        }
    }
}

/// Terms printed as a sum, `a + b + c`, written straight into the message.
fn sum_of<'t, 'r: 't>(terms: impl Iterator<Item = &'t Term<'r>> + Clone) -> impl fmt::Display {
    joined(terms.map(Term::shown), " + ")
}

/// `items` printed one after another with `sep` between them, straight into
/// the message (no string per item, no joined copy).
fn joined<D: fmt::Display>(items: impl Iterator<Item = D> + Clone, sep: &str) -> impl fmt::Display {
    fmt::from_fn(move |f| {
        for (k, item) in items.clone().enumerate() {
            if k > 0 {
                f.write_str(sep)?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    })
}

/// The short label of a table-3 row, e.g. `（三）不予公开 1.属于国家秘密`.
pub(crate) fn t3_row_label(row: T3Row) -> impl fmt::Display {
    use T3Row::*;
    // Written into the message where it is used: a finding may name many cells.
    fmt::from_fn(move |f| {
        f.write_str(match row {
            NewReceived => "一、本年新收",
            CarriedOver => "二、上年结转",
            Granted => "（一）予以公开",
            PartiallyGranted => "（二）部分公开",
            OtherTotal => "（六）其他处理",
            Total => "三（七）总计",
            CarriedForward => "四、结转下年度继续办理",
            OtherNoCorrection => "（六）其他处理 1.逾期不补正",
            OtherUnpaidFee => "（六）其他处理 2.逾期未缴费",
            _ => match row.group() {
                Some(g) => {
                    let n = ["一", "二", "三", "四", "五", "六"][g.index()];
                    return write!(f, "（{n}）{} {}", g.label_zh(), row.label_zh());
                }
                None => row.label_zh(),
            },
        })
    })
}

/// The label of a table-3 column.
pub(crate) fn applicant_label(col: Applicant) -> &'static str {
    match col {
        Applicant::OtherOrg => "其他组织",
        _ => col.label_zh(),
    }
}

/// The label of a table-4 group.
pub(crate) fn t4_group_label(group: T4Group) -> &'static str {
    match group {
        T4Group::Review => "行政复议",
        T4Group::LitigationDirect => "行政诉讼·未经复议直接起诉",
        T4Group::LitigationAfterReview => "行政诉讼·复议后起诉",
    }
}

/// A short human label for any cell, e.g. `（一）予以公开/自然人`.
pub(crate) fn short_cell_label(key: CellKey) -> impl fmt::Display {
    fmt::from_fn(move |f| match key {
        CellKey::T2(k) => write!(f, "{}/{}", k.item.label_zh(), k.measure.label_zh()),
        CellKey::T3 { row, col } => write!(f, "{}/{}", t3_row_label(row), applicant_label(col)),
        CellKey::T4 { group, col } => write!(f, "{}/{}", t4_group_label(group), col.label_zh()),
    })
}

/// The shared shape of the total rules: `total = Σ parts`.
struct SumRule<'a> {
    rule: Rule,
    blank_rule: Rule,
    /// Names the row or column in messages; only called when there is a finding.
    subject: &'a dyn Fn() -> String,
    total: Term<'a>,
    parts: &'a [Term<'a>],
    /// How the total is named in messages (`总计`, `（七）总计`).
    total_name: &'a str,
    /// How the parts are named in messages (`自然人+…+其他`).
    parts_name: &'a str,
}

impl SumRule<'_> {
    fn apply(&self) -> Option<Finding> {
        // Decide first; the words and lists of a finding are only built for one.
        let sum = sum_verdict(self.total.read, self.parts.iter().map(|t| t.read))?;
        let (rule, found) = match self.total.read {
            Read::Count(total) => (self.rule, Some(total)),
            _ => (self.blank_rule, None),
        };
        // The parts that were read (absent rows are not parts).
        let parts: Vec<&Term> = self.parts.iter().filter(|t| t.read != Read::Absent).collect();
        let blanks: Vec<CellKey> = parts.iter().filter(|t| t.read == Read::Blank).map(|t| t.key).collect();
        let terms = sum_of(parts.iter().copied());
        let mut cells = vec![self.total.key];
        cells.extend(parts.iter().map(|t| t.key));
        let mut f = Finding::new(rule, (self.subject)(), self.total.key, sum, found);
        match found {
            None => {
                f.message = format!("{} is blank but {} = {sum}", self.total_name, self.parts_name);
                f.arithmetic = format!("{terms} = {sum} ≠ {}(blank)", self.total_name);
            }
            Some(total) => {
                f.message = format!("{} = {total} but {} = {sum}", self.total_name, self.parts_name);
                f.arithmetic = format!("{terms} = {sum} ≠ {total}");
            }
        }
        f.cells = cells;
        f.span = self.total.span();
        f.assumed_blank_zero = blanks;
        Some(f)
    }
}

/// What a sum rule (`total = Σ parts`) concludes from the reads alone:
/// `None` when it holds or cannot be checked (the total absent or not a
/// count, a part not a count, no part read, every part blank), else the sum
/// of the parts, which a blank total or a different count contradicts.
fn sum_verdict(total: Read, parts: impl IntoIterator<Item = Read>) -> Option<i64> {
    if matches!(total, Read::Absent | Read::Other) {
        return None;
    }
    // One pass, with flags rather than a branch per kind of read (which
    // mispredicts along a row of counts, blanks and absent cells): whether a
    // part is not a count, whether any part is a count, the sum.
    let (mut other, mut counted, mut sum) = (false, false, 0i64);
    for part in parts {
        other |= part == Read::Other;
        if let Read::Count(n) = part {
            counted = true;
            // Saturating: a cell can hold any i64 (hostile input must not overflow a sum).
            sum = sum.saturating_add(n);
        }
    }
    // No part counted (none read, or all blank): nothing to add up (an
    // entirely blank row is no error).
    if other || !counted {
        return None;
    }
    match total {
        Read::Blank if sum != 0 => Some(sum),
        Read::Count(total) if total != sum => Some(sum),
        _ => None,
    }
}

/// Column of table 4 and group, used by `tables` and `narrative`.
pub(crate) fn t4_total(group: T4Group) -> CellKey {
    CellKey::T4 { group, col: T4Col::Total }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_round_trip() {
        for &r in Rule::ALL {
            assert_eq!(r.as_str().parse::<Rule>().unwrap(), r);
            assert_eq!(r.to_string(), r.as_str());
        }
        assert!("t3.nope".parse::<Rule>().is_err());
    }

    #[test]
    fn row_labels_are_short() {
        for &row in T3Row::ALL {
            assert!(t3_row_label(row).to_string().chars().count() <= 30, "{row}");
        }
    }
}
