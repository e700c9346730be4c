//! Claims in the prose of sections 一 and 六, and the `narrative.*` rules that
//! compare them with the tables.
//!
//! The prose is read on a squashed view (whitespace and line breaks removed,
//! full-width digits folded, page numbers skipped) so that a number wrapped
//! onto the next line of a PDF (`行政复议 351\n件`) is still read; every
//! character keeps its byte offset, so a claim's [`Span`] points at the
//! number in the source.
//!
//! Extraction is deliberately narrow: a number counts only when it follows
//! one of the phrases below with at most a few filler words (共, 共计, 案件…)
//! in between and is followed by its unit. Numbers with 余/多, percentages,
//! phrases that mention 结转, 同比, 答复… are not claims.
//!
//! | kind | phrases |
//! |---|---|
//! | [`RequestsReceived`](ClaimKind::RequestsReceived) | 收到/受理/新收 …（政府信息公开）申请 N 件/条; 未收到…申请 (= 0) |
//! | [`Punishments`](ClaimKind::Punishments) | 行政处罚（决定/案件）N 件/起/宗 |
//! | [`Reviews`](ClaimKind::Reviews) | 行政复议（案件）N 件/起/宗, in a sentence about 公开; 未发生/不存在/无因…行政复议 (= 0) |
//! | [`Litigation`](ClaimKind::Litigation) | the same with 行政诉讼 |
//! | outcomes | 予以公开及部分公开 / 予以公开 / 部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理 N 件, in a sentence about 申请 |

use serde::{Deserialize, Serialize};

use super::{Finding, Read, Rule, Term, short_cell_label, t3_row_label};
use crate::key::{Applicant, CellKey, T2Item, T2Key, T2Measure, T3Group, T3Row, T4Group};
use crate::report::{Report, SectionKind};
use crate::span::Span;

/// What a number in the prose is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ClaimKind {
    /// Applications received this year (`t3.new_received.total`).
    RequestsReceived,
    /// 行政处罚 decisions (`t2.punishment.decisions`).
    Punishments,
    /// 行政复议 cases (`t4.review.total`).
    Reviews,
    /// 行政诉讼 cases (`t4.litigation_direct.total` + `t4.litigation_after_review.total`).
    /// Only a claim of 0 is checked: a positive number cannot be tied to one cell.
    Litigation,
    /// （一）予以公开 (`t3.granted.total`).
    Granted,
    /// （二）部分公开 (`t3.partially_granted.total`).
    PartiallyGranted,
    /// 予以公开及部分公开 (`t3.granted.total` + `t3.partially_granted.total`).
    GrantedOrPartially,
    /// （三）不予公开 (the sum of the `t3.withheld.*.total` rows).
    Withheld,
    /// （四）无法提供 (the sum of the `t3.unavailable.*.total` rows).
    Unavailable,
    /// （五）不予处理 (the sum of the `t3.not_processed.*.total` rows).
    NotProcessed,
    /// （六）其他处理 (`t3.other.total.total` or the sum of its sub-rows).
    OtherProcessing,
}

impl ClaimKind {
    /// The rule that compares this kind of claim with the tables.
    pub const fn rule(self) -> Rule {
        match self {
            ClaimKind::RequestsReceived => Rule::NarrativeRequestsReceived,
            ClaimKind::Punishments => Rule::NarrativePunishments,
            ClaimKind::Reviews | ClaimKind::Litigation => Rule::NarrativeReviewsLitigation,
            _ => Rule::NarrativeOutcomes,
        }
    }
}

/// A number stated in the prose of section 一 or 六.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Claim {
    /// What the number is about.
    pub kind: ClaimKind,
    /// The number (0 for 未收到… / 未发生…).
    pub value: i64,
    /// The section it was read from.
    pub section: SectionKind,
    /// The digits in the source; for a claim of 0 made in words, the phrase.
    pub span: Span,
    /// The phrase, whitespace removed, e.g. `收到政府信息公开申请12件`.
    pub text: String,
}

/// Every claim in the prose of sections 一 (总体情况) and 六 (其他需要报告的事项), in source order.
///
/// ```
/// use zfxxgk::check::{ClaimKind, claims};
/// let report = zfxxgk::parse(zfxxgk::SAMPLE_REPORT)?;
/// let found: Vec<(ClaimKind, i64)> = claims(&report).iter().map(|c| (c.kind, c.value)).collect();
/// assert_eq!(found, [
///     (ClaimKind::Punishments, 3),
///     (ClaimKind::RequestsReceived, 12),
///     (ClaimKind::Reviews, 0),
///     (ClaimKind::Litigation, 0),
/// ]);
/// # Ok::<(), zfxxgk::Error>(())
/// ```
pub fn claims(report: &Report) -> Vec<Claim> {
    let mut out = Vec::new();
    for kind in [SectionKind::Overview, SectionKind::Other] {
        if let Some(section) = report.section(kind) {
            let prose = Prose::new(&section.body.text, section.body.span);
            prose.scan(kind, &mut out);
        }
    }
    out
}

/// The squashed view of a section body.
struct Prose<'a> {
    body: &'a str,
    base: Span,
    chars: Vec<char>,
    /// Byte offset (into `body`) of each char of `chars` (its end is found
    /// from the source char there: a folded digit keeps its source width).
    offs: Vec<usize>,
    /// Where each line of `body` starts (after `\n`, `\r\n` or a lone `\r`),
    /// worked out on the first span asked for.
    line_starts: std::cell::OnceCell<Vec<usize>>,
    /// The last span's line, byte offset and column: claims come in source
    /// order, so a column is counted on from the previous one, not from the
    /// start of its line (a very long line would make that quadratic).
    cursor: std::cell::Cell<(usize, usize, u32)>,
}

const TERMINATORS: &[char] = &['。', '；', ';', '，', ',', '！', '!', '？', '?', '、'];

/// Words that make a 收到…申请 N 件 phrase about something else than this year's new applications.
const NOT_RECEIVED: &[&str] = &[
    "复议", "诉讼", "结转", "上年", "同比", "较", "增", "减", "下降", "上升", "答复", "办结", "办理", "处理", "引发",
    "引起", "投诉", "举报", "其中", "占", "不予", "无法", "部分", "予以", "撤回", "转", "补正", "涉及", "平均",
];

/// Phrases that open a claim of applications received.
const RECEIVED_TRIGGERS: [&str; 3] = ["收到", "受理", "新收"];

/// Phrases that open a claim of no 行政复议 / 行政诉讼.
const NONE_TRIGGERS: &[&str] =
    &["未发生", "没有发生", "未出现", "没有出现", "未产生", "不存在", "无因", "没有因", "未因", "未有", "未收到"];

/// Phrases that open a claim about an outcome, longest first.
const OUTCOME_PHRASES: &[(&str, ClaimKind)] = &[
    ("予以公开及部分公开", ClaimKind::GrantedOrPartially),
    ("予以公开和部分公开", ClaimKind::GrantedOrPartially),
    ("予以公开或部分公开", ClaimKind::GrantedOrPartially),
    ("予以公开、部分公开", ClaimKind::GrantedOrPartially),
    ("全部或部分公开", ClaimKind::GrantedOrPartially),
    ("予以公开", ClaimKind::Granted),
    ("部分公开", ClaimKind::PartiallyGranted),
    ("不予公开", ClaimKind::Withheld),
    ("无法提供", ClaimKind::Unavailable),
    ("不予处理", ClaimKind::NotProcessed),
    ("其他处理", ClaimKind::OtherProcessing),
];

/// Phrases that open a claim about 行政处罚, 行政复议 and 行政诉讼 (in this order).
const CASE_PHRASES: [&str; 3] = ["行政处罚", "行政复议", "行政诉讼"];

/// Words that turn 未发生…行政复议 into something else than "no cases".
const NOT_NONE: &[&str] = &["纠错", "纠正", "败诉", "撤销", "违法", "被撤", "追究"];

impl<'a> Prose<'a> {
    fn new(body: &'a str, base: Span) -> Prose<'a> {
        let mut chars = Vec::with_capacity(body.len() / 3);
        let mut offs = Vec::with_capacity(body.len() / 3);
        let mut line_start = 0;
        for line in body.split_inclusive('\n') {
            let start = line_start;
            line_start += line.len();
            if crate::parse::markers::is_page_number(line.trim_end()) {
                continue;
            }
            let b = line.as_bytes();
            let mut i = 0;
            while i < b.len() {
                // Ideographs (lead bytes E4-E9), the bulk of the prose, are decoded
                // in place and need no whitespace test.
                if (0xe4..=0xe9).contains(&b[i]) && i + 2 < b.len() {
                    let cp =
                        (u32::from(b[i] & 0x0f) << 12) | (u32::from(b[i + 1] & 0x3f) << 6) | u32::from(b[i + 2] & 0x3f);
                    chars.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                    offs.push(start + i);
                    i += 3;
                    continue;
                }
                let Some(c) = line[i..].chars().next() else { break };
                let at = i;
                i += c.len_utf8();
                let c = match c {
                    '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                    _ if c.is_whitespace() || c == '\u{feff}' || c == '\u{c}' => continue,
                    _ => c,
                };
                chars.push(c);
                offs.push(start + at);
            }
        }
        Prose {
            body,
            base,
            chars,
            offs,
            line_starts: std::cell::OnceCell::new(),
            cursor: std::cell::Cell::new((0, 0, base.column)),
        }
    }

    fn at(&self, i: usize, s: &str) -> bool {
        (i..).zip(s.chars()).all(|(k, c)| self.chars.get(k) == Some(&c))
    }

    fn contains(&self, from: usize, to: usize, s: &str) -> bool {
        // The first character alone rules out almost every position.
        let Some(first) = s.chars().next() else { return from < to };
        let to = to.min(self.chars.len());
        let from = from.min(to);
        (from..to).any(|i| self.chars[i] == first && self.at(i, s) && i + s.chars().count() <= to)
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }

    /// The source span of squashed chars `[from, to)`.
    fn span(&self, from: usize, to: usize) -> Span {
        let start = self.offs[from];
        let last = self.offs[to.max(from + 1) - 1];
        let end = last + self.body[last..].chars().next().map_or(1, char::len_utf8);
        let starts = self.line_starts.get_or_init(|| {
            let b = self.body.as_bytes();
            let mut v = vec![0];
            if memchr::memchr(b'\r', b).is_none() {
                // The usual case, found a vector at a time: only \n ends lines.
                v.extend(memchr::memchr_iter(b'\n', b).map(|k| k + 1));
            } else {
                for (k, &c) in b.iter().enumerate() {
                    if c == b'\n' || (c == b'\r' && b.get(k + 1) != Some(&b'\n')) {
                        v.push(k + 1);
                    }
                }
            }
            v
        });
        let idx = starts.partition_point(|&s| s <= start) - 1;
        let line = self.base.line.saturating_add(u32::try_from(idx).unwrap_or(u32::MAX));
        let line_start = starts[idx];
        // A form feed opening a line (a page break) takes no column.
        let first = if idx == 0 {
            0
        } else {
            line_start + self.body[line_start..start].bytes().take_while(|&b| b == 0x0c).count()
        };
        let first_column = if idx == 0 { self.base.column } else { 1 };
        let (c_line, c_off, c_col) = self.cursor.get();
        let (from, col) =
            if c_line == idx && c_off >= first && c_off <= start { (c_off, c_col) } else { (first, first_column) };
        let column = col + crate::text::char_count(&self.body[from..start]) as u32;
        self.cursor.set((idx, start, column));
        Span { start: self.base.start + start, end: self.base.start + end, line, column }
    }

    /// A count starting at `i`: digits with optional `,` thousands groups,
    /// not followed by a decimal point. Returns the value and the end.
    fn number(&self, i: usize) -> Option<(i64, usize)> {
        let digit = |k: usize| self.chars.get(k).filter(|c| c.is_ascii_digit()).map(|c| i64::from(*c as u8 - b'0'));
        digit(i)?;
        if i > 0 && digit(i - 1).is_some() {
            return None;
        }
        let mut v: i64 = 0;
        let mut k = i;
        loop {
            if let Some(d) = digit(k) {
                v = v.checked_mul(10)?.checked_add(d)?;
                k += 1;
            } else if self.chars.get(k) == Some(&',')
                && (1..=3).all(|n| digit(k + n).is_some())
                && digit(k + 4).is_none()
            {
                k += 1;
            } else {
                break;
            }
        }
        if matches!(self.chars.get(k), Some('.' | '．')) && digit(k + 1).is_some() {
            return None;
        }
        Some((v, k))
    }

    /// Filler words, then a number, then one of `units`; returns (value, number start, number end, unit end).
    fn filler_number(&self, mut i: usize, fillers: &[&str], units: &[char]) -> Option<(i64, usize, usize, usize)> {
        for _ in 0..3 {
            match fillers.iter().find(|f| self.at(i, f)) {
                Some(f) => i += f.chars().count(),
                None => break,
            }
        }
        let (v, end) = self.number(i)?;
        let unit = *self.chars.get(end)?;
        units.contains(&unit).then_some((v, i, end, end + 1))
    }

    /// The sentence before `i`, back to the previous 。 (at most 200 chars).
    fn sentence_before(&self, i: usize) -> (usize, usize) {
        let lo = i.saturating_sub(200);
        let from = (lo..i).rev().find(|&k| self.chars[k] == '。').map_or(lo, |k| k + 1);
        (from, i)
    }

    fn claim(
        &self,
        kind: ClaimKind,
        value: i64,
        section: SectionKind,
        span: (usize, usize),
        text: (usize, usize),
    ) -> Claim {
        Claim { kind, value, section, span: self.span(span.0, span.1), text: self.text(text.0, text.1) }
    }

    fn scan(&self, section: SectionKind, out: &mut Vec<Claim>) {
        // Every phrase starts with one of a few pairs of characters (see
        // `may_start`): skip other positions without trying each matcher.
        let mut i = 0;
        while i < self.chars.len() {
            if !may_start(self.chars[i], self.chars.get(i + 1).copied().unwrap_or(' ')) {
                i += 1;
                continue;
            }
            let next = self
                .received(i, section, out)
                .or_else(|| self.none_reviews(i, section, out))
                .or_else(|| self.punishments(i, section, out))
                .or_else(|| self.reviews(i, section, out))
                .or_else(|| self.outcomes(i, section, out));
            i = next.unwrap_or(i + 1);
        }
    }

    /// 收到/受理/新收 …申请 N 件, 未收到…申请.
    fn received(&self, i: usize, section: SectionKind, out: &mut Vec<Claim>) -> Option<usize> {
        let trigger = RECEIVED_TRIGGERS.into_iter().find(|t| self.at(i, t))?;
        let seg_from = i + 2;
        let negated = [("尚未", 2), ("没有", 2), ("未", 1), ("没", 1)]
            .into_iter()
            .find(|(w, n)| i >= *n && self.at(i - n, w))
            .map(|(_, n)| i - n);
        let mut j = seg_from;
        while j < self.chars.len() && j - seg_from < 24 && !TERMINATORS.contains(&self.chars[j]) {
            if negated.is_none() && self.chars[j].is_ascii_digit() {
                break;
            }
            j += 1;
        }
        let about_requests = |to: usize| {
            self.contains(seg_from, to, "申请")
                && self.contains(seg_from, to, "公开")
                && !NOT_RECEIVED.iter().any(|w| self.contains(seg_from, to, w))
        };
        if let Some(neg) = negated {
            // 未收到…申请: the phrase up to the terminator.
            if trigger != "收到" || !about_requests(j) || (seg_from..j).any(|k| self.chars[k].is_ascii_digit()) {
                return None;
            }
            out.push(self.claim(ClaimKind::RequestsReceived, 0, section, (neg, j), (neg, j)));
            return Some(j);
        }
        if !about_requests(j) {
            return None;
        }
        let (value, end) = self.number(j)?;
        if !matches!(self.chars.get(end), Some('件' | '条')) {
            return None;
        }
        // 30件（含上年结转5件）: not this year's new applications alone.
        if matches!(self.chars.get(end + 1), Some('(' | '（')) {
            let close = (end + 2..(end + 16).min(self.chars.len())).find(|&k| matches!(self.chars[k], ')' | '）'));
            let to = close.unwrap_or((end + 16).min(self.chars.len()));
            if self.contains(end + 2, to, "结转") || self.contains(end + 2, to, "上年") {
                return None;
            }
        }
        out.push(self.claim(ClaimKind::RequestsReceived, value, section, (j, end), (i, end + 1)));
        Some(end + 1)
    }

    /// 未发生/不存在/无因…行政复议、行政诉讼: claims of 0.
    fn none_reviews(&self, i: usize, section: SectionKind, out: &mut Vec<Claim>) -> Option<usize> {
        let t = NONE_TRIGGERS.iter().find(|t| self.at(i, t))?;
        let from = i + t.chars().count();
        let mut j = from;
        while j < self.chars.len() && j - from < 40 && !TERMINATORS[..9].contains(&self.chars[j]) {
            j += 1;
        }
        if (from..j).any(|k| self.chars[k].is_ascii_digit())
            || !self.contains(from, j, "公开")
            || NOT_NONE.iter().any(|w| self.contains(from, j, w))
        {
            return None;
        }
        let last = |w: &str| (from..j).rev().find(|&k| self.at(k, w) && k + 2 <= j);
        let review = last("复议");
        let litigation = last("诉讼");
        let end = review.max(litigation)? + 2;
        for (kind, pos) in [(ClaimKind::Reviews, review), (ClaimKind::Litigation, litigation)] {
            if pos.is_some() {
                out.push(self.claim(kind, 0, section, (i, end), (i, end)));
            }
        }
        Some(end)
    }

    /// 行政处罚 N 件/起/宗.
    fn punishments(&self, i: usize, section: SectionKind, out: &mut Vec<Claim>) -> Option<usize> {
        if !self.at(i, CASE_PHRASES[0]) {
            return None;
        }
        const FILLERS: &[&str] = &[
            "决定书",
            "决定",
            "案件",
            "案",
            "共计",
            "合计",
            "累计",
            "总计",
            "共",
            "计",
            "数量",
            "数",
            "为",
            "的",
            "：",
            ":",
        ];
        let (value, ns, ne, end) = self.filler_number(i + 4, FILLERS, &['件', '起', '宗'])?;
        let (s, _) = self.sentence_before(i);
        // Numbers about requests for, or reviews of, punishments are something else.
        if ["申请", "复议", "诉讼", "涉及"].iter().any(|w| self.contains(s, i, w)) {
            return None;
        }
        out.push(self.claim(ClaimKind::Punishments, value, section, (ns, ne), (i, end)));
        Some(end)
    }

    /// 行政复议 / 行政诉讼 N 件, in a sentence about 公开.
    fn reviews(&self, i: usize, section: SectionKind, out: &mut Vec<Claim>) -> Option<usize> {
        let kind = if self.at(i, CASE_PHRASES[1]) {
            ClaimKind::Reviews
        } else if self.at(i, CASE_PHRASES[2]) {
            ClaimKind::Litigation
        } else {
            return None;
        };
        const FILLERS: &[&str] = &["案件", "案", "申请", "共计", "合计", "累计", "共", "计", "为", "：", ":"];
        let (value, ns, ne, end) = self.filler_number(i + 4, FILLERS, &['件', '起', '宗'])?;
        let (s, _) = self.sentence_before(i);
        if !self.contains(s, i, "公开") || self.contains(s, i, "涉及") {
            return None;
        }
        out.push(self.claim(kind, value, section, (ns, ne), (i, end)));
        Some(end)
    }

    /// 予以公开（及部分公开）/ 部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理 N 件.
    fn outcomes(&self, i: usize, section: SectionKind, out: &mut Vec<Claim>) -> Option<usize> {
        let &(phrase, kind) = OUTCOME_PHRASES.iter().find(|(p, _)| self.at(i, p))?;
        let prev = i.checked_sub(1).map(|k| self.chars[k]);
        match kind {
            ClaimKind::Granted if prev == Some('不') => return None,
            ClaimKind::PartiallyGranted if matches!(prev, Some('及' | '和' | '或' | '、' | '部')) => return None,
            _ => {}
        }
        const FILLERS: &[&str] = &["的", "共计", "共", "计", "为", "申请", "：", ":"];
        let (value, ns, ne, end) = self.filler_number(i + phrase.chars().count(), FILLERS, &['件'])?;
        let (s, _) = self.sentence_before(i);
        if !self.contains(s, i, "申请") {
            return None;
        }
        out.push(self.claim(kind, value, section, (ns, ne), (i, end)));
        Some(end)
    }
}

/// Whether a phrase a matcher looks for can start with these two characters.
/// Every phrase starts with one of these pairs (收到/受理/新收, 未发生/未收到…,
/// 没有…, 不存在/不予…, 无因/无法…, 行政…, 予以…, 全部…, 部分…, 其他…), so
/// other positions are skipped without trying each matcher. A new phrase
/// needs its first two characters here (`every_phrase_may_start` checks).
fn may_start(first: char, second: char) -> bool {
    matches!(
        (first, second),
        ('收', '到')
            | ('受', '理')
            | ('新', '收')
            | ('未', '发' | '出' | '产' | '因' | '有' | '收')
            | ('没', '有')
            | ('不', '存' | '予')
            | ('无', '因' | '法')
            | ('行', '政')
            | ('予', '以')
            | ('全', '部')
            | ('部', '分')
            | ('其', '他')
    )
}

/// The cells a claim is compared with, and how they are named.
struct Target {
    keys: Vec<CellKey>,
    label: TargetLabel,
}

/// How a target is named in a finding (the words are built only for a finding).
enum TargetLabel {
    Cell(CellKey),
    /// An outcome group's rows: the group and how many rows.
    Group(T3Group, usize),
    GrantedOrPartially,
}

impl TargetLabel {
    fn text(&self) -> String {
        match *self {
            TargetLabel::Cell(key) => short_cell_label(key),
            TargetLabel::Group(group, rows) => {
                let n = ["一", "二", "三", "四", "五", "六"][group.index()];
                format!("（{n}）{} {rows} rows/总计", group.label_zh())
            }
            TargetLabel::GrantedOrPartially => {
                format!("{} + {} 总计", t3_row_label(T3Row::Granted), t3_row_label(T3Row::PartiallyGranted))
            }
        }
    }
}

fn t3_total(row: T3Row) -> CellKey {
    CellKey::T3 { row, col: Applicant::Total }
}

fn group_target(report: &Report, group: T3Group) -> Target {
    let mut rows: Vec<T3Row> = T3Row::ALL.iter().copied().filter(|r| r.group() == Some(group)).collect();
    if group == T3Group::Other {
        let single = report.table3.as_ref().is_some_and(|t| t.has_row(T3Row::OtherTotal));
        rows.retain(|&r| (r == T3Row::OtherTotal) == single);
    }
    let label =
        if rows.len() == 1 { TargetLabel::Cell(t3_total(rows[0])) } else { TargetLabel::Group(group, rows.len()) };
    Target { keys: rows.into_iter().map(t3_total).collect(), label }
}

fn targets(report: &Report, claim: &Claim) -> Vec<Target> {
    let one = |key: CellKey| vec![Target { keys: vec![key], label: TargetLabel::Cell(key) }];
    match claim.kind {
        ClaimKind::RequestsReceived => one(t3_total(T3Row::NewReceived)),
        ClaimKind::Punishments => one(CellKey::T2(T2Key { item: T2Item::Punishment, measure: T2Measure::Decisions })),
        ClaimKind::Reviews => one(super::t4_total(T4Group::Review)),
        // A positive number of 行政诉讼 adds two cells up: not tied to one cell.
        ClaimKind::Litigation if claim.value != 0 => Vec::new(),
        ClaimKind::Litigation => [T4Group::LitigationDirect, T4Group::LitigationAfterReview]
            .into_iter()
            .flat_map(|g| one(super::t4_total(g)))
            .collect(),
        ClaimKind::Granted => one(t3_total(T3Row::Granted)),
        ClaimKind::PartiallyGranted => one(t3_total(T3Row::PartiallyGranted)),
        ClaimKind::GrantedOrPartially => vec![Target {
            keys: vec![t3_total(T3Row::Granted), t3_total(T3Row::PartiallyGranted)],
            label: TargetLabel::GrantedOrPartially,
        }],
        ClaimKind::Withheld => vec![group_target(report, T3Group::Withheld)],
        ClaimKind::Unavailable => vec![group_target(report, T3Group::Unavailable)],
        ClaimKind::NotProcessed => vec![group_target(report, T3Group::NotProcessed)],
        ClaimKind::OtherProcessing => vec![group_target(report, T3Group::Other)],
    }
}

fn section_label(kind: SectionKind) -> String {
    format!("{}、{}", kind.numeral(), kind.usual_heading())
}

/// Compares every claim with its cells.
///
/// Claims of one target are taken together: when any of them agrees with the
/// table, the others are taken to be about something else and nothing is
/// reported; otherwise each distinct number claimed is reported once. A
/// number of applications received that equals 一 + 二 (new and carried over)
/// agrees too: reports often count both as 受理.
/// Targets whose cells are all absent or all blank are not checked.
pub(super) fn check(report: &Report, out: &mut Vec<Finding>) {
    let claims = claims(report);
    let mut groups: Vec<(Target, Vec<&Claim>)> = Vec::new();
    for claim in &claims {
        for target in targets(report, claim) {
            match groups.iter_mut().find(|(t, _)| t.keys == target.keys) {
                Some((_, cs)) => cs.push(claim),
                None => groups.push((target, vec![claim])),
            }
        }
    }
    for (target, cs) in groups {
        let terms: Vec<Term> =
            target.keys.iter().map(|&k| Term::of(report, k)).filter(|t| t.read != Read::Absent).collect();
        if terms.is_empty()
            || terms.iter().any(|t| t.read == Read::Other)
            || terms.iter().all(|t| t.read == Read::Blank)
        {
            continue;
        }
        let table: i64 = terms.iter().fold(0i64, |acc, t| acc.saturating_add(t.value()));
        // 受理…申请 N 件 often counts last year's carried-over applications too.
        let with_carried = (target.keys == [t3_total(T3Row::NewReceived)])
            .then(|| Term::of(report, t3_total(T3Row::CarriedOver)))
            .and_then(|t| match t.read {
                Read::Count(n) if n > 0 => Some(table + n),
                _ => None,
            });
        if cs.iter().any(|c| c.value == table || Some(c.value) == with_carried) {
            continue;
        }
        let mut reported: Vec<i64> = Vec::new();
        for claim in cs {
            if reported.contains(&claim.value) {
                continue;
            }
            reported.push(claim.value);
            let first = terms[0];
            let mut f =
                Finding::new(claim.kind.rule(), section_label(claim.section), first.key, claim.value, Some(table));
            f.cells = terms.iter().map(|t| t.key).collect();
            f.span = first.span();
            f.assumed_blank_zero = terms.iter().filter(|t| t.read == Read::Blank).map(|t| t.key).collect();
            f.related_span = Some(claim.span);
            f.message = format!(
                "the text says “{}” (line {}) but {} = {table}",
                claim.text,
                claim.span.line,
                target.label.text()
            );
            f.arithmetic = if terms.len() == 1 {
                format!("text {} ≠ table {}", claim.value, terms[0].shown())
            } else {
                let shown: Vec<String> = terms.iter().map(Term::shown).collect();
                format!("text {} ≠ table {} = {table}", claim.value, shown.join(" + "))
            };
            f.claim = Some(claim.clone());
            out.push(f);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The two-character filter lets every phrase a matcher looks for through.
    #[test]
    fn every_phrase_may_start() {
        let phrases = RECEIVED_TRIGGERS
            .iter()
            .chain(NONE_TRIGGERS)
            .chain(OUTCOME_PHRASES.iter().map(|(p, _)| p))
            .chain(CASE_PHRASES.iter());
        for p in phrases {
            let mut cs = p.chars();
            let (a, b) = (cs.next().unwrap(), cs.next().unwrap());
            assert!(may_start(a, b), "{p}");
        }
    }
}
