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
    let (proses, found) = scan(report);
    found.iter().map(|f| f.claim(&proses)).collect()
}

/// A claim as the scan finds it: positions in its section's squashed view.
/// Its words and source span are worked out only when asked for (by
/// [`claims`], or for a finding): most claims agree with the tables.
#[derive(Clone, Copy, Debug)]
struct Found {
    kind: ClaimKind,
    value: i64,
    /// Index of the section's [`Prose`] in the scan's pair.
    prose: usize,
    /// Squashed chars of the number (or the phrase of a claim of 0).
    span: (usize, usize),
    /// Squashed chars of the phrase.
    text: (usize, usize),
}

impl Found {
    fn claim(&self, proses: &[Prose<'_>; 2]) -> Claim {
        let p = &proses[self.prose];
        Claim {
            kind: self.kind,
            value: self.value,
            section: p.section,
            span: p.span(self.span.0, self.span.1),
            text: p.text(self.text.0, self.text.1),
        }
    }
}

/// Scans sections 一 and 六 (an absent section reads as empty): their
/// squashed views and the claims found, in source order.
fn scan(report: &Report) -> ([Prose<'_>; 2], Vec<Found>) {
    let mut out = Vec::new();
    let proses = [SectionKind::Overview, SectionKind::Other].map(|kind| match report.section(kind) {
        Some(section) => Prose::new(&section.body.text, section.body.span, kind),
        None => Prose::new("", Span::default(), kind),
    });
    for (k, prose) in proses.iter().enumerate() {
        prose.scan(k, &mut out);
    }
    (proses, out)
}

/// The squashed view of a section body.
struct Prose<'a> {
    body: &'a str,
    section: SectionKind,
    base: Span,
    chars: Vec<char>,
    /// The indices in `chars` of the characters that may begin a phrase
    /// ([`may_start_with`]), in order: the scan visits only these.
    starts: Vec<usize>,
    /// Byte offset (into `body`) of each char of `chars` (its end is found
    /// from the source char there: a folded digit keeps its source width);
    /// see [`Prose::offs`].
    offs: std::cell::OnceCell<Vec<usize>>,
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

/// The first character of `s` (not empty, valid UTF-8), decoded at compile time.
const fn first_char(s: &str) -> char {
    let b = s.as_bytes();
    let cp = match b[0] {
        0x00..=0x7f => b[0] as u32,
        0xc0..=0xdf => ((b[0] as u32 & 0x1f) << 6) | (b[1] as u32 & 0x3f),
        0xe0..=0xef => ((b[0] as u32 & 0x0f) << 12) | ((b[1] as u32 & 0x3f) << 6) | (b[2] as u32 & 0x3f),
        _ => {
            ((b[0] as u32 & 0x07) << 18)
                | ((b[1] as u32 & 0x3f) << 12)
                | ((b[2] as u32 & 0x3f) << 6)
                | (b[3] as u32 & 0x3f)
        }
    };
    match char::from_u32(cp) {
        Some(c) => c,
        None => '\0',
    }
}

/// The first characters of the matchers' phrases, each with the matchers that
/// have a phrase starting with it: one bit each, in the order [`Prose::scan`]
/// tries them (received, none_reviews, punishments, reviews, outcomes). Built
/// from the phrase lists, so a new phrase cannot be skipped.
const MATCHER_FIRSTS: ([(char, u8); 16], usize) = {
    const fn add(mut t: ([(char, u8); 16], usize), s: &str, bit: u8) -> ([(char, u8); 16], usize) {
        let c = first_char(s);
        let mut k = 0;
        while k < t.1 {
            if t.0[k].0 == c {
                t.0[k].1 |= bit;
                return t;
            }
            k += 1;
        }
        t.0[t.1] = (c, bit);
        t.1 += 1;
        t
    }
    let mut t = ([('\0', 0u8); 16], 0);
    let mut k = 0;
    while k < RECEIVED_TRIGGERS.len() {
        t = add(t, RECEIVED_TRIGGERS[k], 1);
        k += 1;
    }
    k = 0;
    while k < NONE_TRIGGERS.len() {
        t = add(t, NONE_TRIGGERS[k], 2);
        k += 1;
    }
    t = add(t, CASE_PHRASES[0], 4);
    t = add(t, CASE_PHRASES[1], 8);
    t = add(t, CASE_PHRASES[2], 8);
    k = 0;
    while k < OUTCOME_PHRASES.len() {
        t = add(t, OUTCOME_PHRASES[k].0, 16);
        k += 1;
    }
    t
};

/// Which matchers have a phrase that starts with `c` ([`MATCHER_FIRSTS`]).
fn matchers_for(c: char) -> u8 {
    let (firsts, n) = &MATCHER_FIRSTS;
    firsts[..*n].iter().find(|(f, _)| *f == c).map_or(0, |&(_, bits)| bits)
}

/// Words that turn 未发生…行政复议 into something else than "no cases".
const NOT_NONE: &[&str] = &["纠错", "纠正", "败诉", "撤销", "违法", "被撤", "追究"];

/// The most words [`Prose::contains_any`] looks for at once.
const MAX_WORDS: usize = 32;

impl<'a> Prose<'a> {
    fn new(body: &'a str, base: Span, section: SectionKind) -> Prose<'a> {
        // Prose is mostly ideographs (three bytes a char): room for one char
        // per two bytes rarely regrows, and needs no count of the chars first.
        let mut chars = Vec::with_capacity(body.len() / 2 + 8);
        // Where a phrase may start, noted on the way (see `scan`).
        let mut starts = Vec::with_capacity(body.len() / 48 + 4);
        walk(body, |c, _| {
            if may_start_with(c) {
                starts.push(chars.len());
            }
            chars.push(c);
        });
        Prose {
            body,
            section,
            base,
            chars,
            starts,
            offs: std::cell::OnceCell::new(),
            line_starts: std::cell::OnceCell::new(),
            cursor: std::cell::Cell::new((0, 0, base.column)),
        }
    }

    /// The byte offset of every char of the view, worked out by walking the
    /// body again on the first span asked for (most claims agree with the
    /// tables and need none).
    fn offs(&self) -> &[usize] {
        self.offs.get_or_init(|| {
            let mut offs = Vec::with_capacity(self.chars.len());
            walk(self.body, |_, off| offs.push(off));
            offs
        })
    }

    fn at(&self, i: usize, s: &str) -> bool {
        (i..).zip(s.chars()).all(|(k, c)| self.chars.get(k) == Some(&c))
    }

    fn contains(&self, from: usize, to: usize, s: &str) -> bool {
        // The first character alone rules out almost every position.
        let Some(first) = s.chars().next() else { return from < to };
        let to = to.min(self.chars.len());
        let from = from.min(to);
        (from..to).any(|i| self.chars[i] == first && self.word_at(i, s, to))
    }

    /// Whether word `w` is at `i` and ends by `to`.
    fn word_at(&self, i: usize, w: &str, to: usize) -> bool {
        self.at(i, w) && i + w.chars().count() <= to
    }

    /// Whether any of `words` (none empty, at most [`MAX_WORDS`]) is in
    /// `[from, to)`: [`Prose::contains`] for each, in one pass over the chars.
    fn contains_any(&self, from: usize, to: usize, words: &[&str]) -> bool {
        if words.len() > MAX_WORDS {
            // (No list is this long; a longer one is still answered, a word at a time.)
            return words.iter().any(|w| self.contains(from, to, w));
        }
        let mut firsts = ['\0'; MAX_WORDS];
        for (f, w) in firsts.iter_mut().zip(words) {
            *f = w.chars().next().unwrap_or('\0');
        }
        let to = to.min(self.chars.len());
        (from.min(to)..to).any(|i| {
            let c = self.chars[i];
            // Most chars start no word: told by comparing with all the first
            // chars at once (a fixed-size array, compared without branches).
            firsts.iter().fold(false, |hit, &f| hit | (f == c))
                && words.iter().zip(&firsts).any(|(w, &f)| c == f && self.word_at(i, w, to))
        })
    }

    fn text(&self, from: usize, to: usize) -> String {
        self.chars[from..to].iter().collect()
    }

    /// The source span of squashed chars `[from, to)`.
    fn span(&self, from: usize, to: usize) -> Span {
        let offs = self.offs();
        let start = offs[from];
        let last = offs[to.max(from + 1) - 1];
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
        let column = col + crate::text::char_count_any(&self.body[from..start]) as u32;
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

    fn found(&self, kind: ClaimKind, value: i64, prose: usize, span: (usize, usize), text: (usize, usize)) -> Found {
        Found { kind, value, prose, span, text }
    }

    fn scan(&self, prose: usize, out: &mut Vec<Found>) {
        // Every phrase starts with one of a few pairs of characters (see
        // `may_start`): skip other positions without trying each matcher.
        // Most characters are not the first of a phrase, and were ruled out
        // by one table lookup while the view was built (a compare tree on
        // every character was mispredicted on text the processor had not seen).
        let mut next_free = 0; // matched phrases are not looked into again
        for &i in &self.starts {
            if i < next_free || !may_start(self.chars[i], self.chars.get(i + 1).copied().unwrap_or(' ')) {
                continue;
            }
            // Only the matchers with a phrase that starts with this character
            // are tried (each would find none of its phrases here otherwise).
            let m = matchers_for(self.chars[i]);
            let next = None
                .or_else(|| if m & 1 != 0 { self.received(i, prose, out) } else { None })
                .or_else(|| if m & 2 != 0 { self.none_reviews(i, prose, out) } else { None })
                .or_else(|| if m & 4 != 0 { self.punishments(i, prose, out) } else { None })
                .or_else(|| if m & 8 != 0 { self.reviews(i, prose, out) } else { None })
                .or_else(|| if m & 16 != 0 { self.outcomes(i, prose, out) } else { None });
            next_free = next.unwrap_or(i + 1);
        }
    }

    /// 收到/受理/新收 …申请 N 件, 未收到…申请.
    fn received(&self, i: usize, prose: usize, out: &mut Vec<Found>) -> Option<usize> {
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
                && !self.contains_any(seg_from, to, NOT_RECEIVED)
        };
        if let Some(neg) = negated {
            // 未收到…申请: the phrase up to the terminator.
            if trigger != "收到" || !about_requests(j) || (seg_from..j).any(|k| self.chars[k].is_ascii_digit()) {
                return None;
            }
            out.push(self.found(ClaimKind::RequestsReceived, 0, prose, (neg, j), (neg, j)));
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
        out.push(self.found(ClaimKind::RequestsReceived, value, prose, (j, end), (i, end + 1)));
        Some(end + 1)
    }

    /// 未发生/不存在/无因…行政复议、行政诉讼: claims of 0.
    fn none_reviews(&self, i: usize, prose: usize, out: &mut Vec<Found>) -> Option<usize> {
        let t = NONE_TRIGGERS.iter().find(|t| self.at(i, t))?;
        let from = i + t.chars().count();
        let mut j = from;
        while j < self.chars.len() && j - from < 40 && !TERMINATORS[..9].contains(&self.chars[j]) {
            j += 1;
        }
        if (from..j).any(|k| self.chars[k].is_ascii_digit())
            || !self.contains(from, j, "公开")
            || self.contains_any(from, j, NOT_NONE)
        {
            return None;
        }
        let last = |w: &str| (from..j).rev().find(|&k| self.at(k, w) && k + 2 <= j);
        let review = last("复议");
        let litigation = last("诉讼");
        let end = review.max(litigation)? + 2;
        for (kind, pos) in [(ClaimKind::Reviews, review), (ClaimKind::Litigation, litigation)] {
            if pos.is_some() {
                out.push(self.found(kind, 0, prose, (i, end), (i, end)));
            }
        }
        Some(end)
    }

    /// 行政处罚 N 件/起/宗.
    fn punishments(&self, i: usize, prose: usize, out: &mut Vec<Found>) -> Option<usize> {
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
        if self.contains_any(s, i, &["申请", "复议", "诉讼", "涉及"]) {
            return None;
        }
        out.push(self.found(ClaimKind::Punishments, value, prose, (ns, ne), (i, end)));
        Some(end)
    }

    /// 行政复议 / 行政诉讼 N 件, in a sentence about 公开.
    fn reviews(&self, i: usize, prose: usize, out: &mut Vec<Found>) -> Option<usize> {
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
        out.push(self.found(kind, value, prose, (ns, ne), (i, end)));
        Some(end)
    }

    /// 予以公开（及部分公开）/ 部分公开 / 不予公开 / 无法提供 / 不予处理 / 其他处理 N 件.
    fn outcomes(&self, i: usize, prose: usize, out: &mut Vec<Found>) -> Option<usize> {
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
        out.push(self.found(kind, value, prose, (ns, ne), (i, end)));
        Some(end)
    }
}

/// The squashed view of a section body, char by char with the byte offset
/// of each: whitespace and page-number lines left out, full-width digits
/// folded. (Run once for the chars, and again only when spans are needed.)
fn walk(body: &str, mut f: impl FnMut(char, usize)) {
    let b = body.as_bytes();
    let mut start = 0;
    while start < b.len() {
        // The line with its `\n`, found by the `memchr` crate (cheaper to
        // start than the search of `split_inclusive`, on these short lines).
        let end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |n| start + n + 1);
        let line = &body[start..end];
        let from = start;
        start = end;
        if crate::parse::markers::is_page_number(line.trim_end()) {
            continue;
        }
        let mut i = from;
        while i < end {
            // A run of ideographs (lead bytes E4-E9), the bulk of the prose:
            // decoded in place, three bytes at a time, with no whitespace test.
            // (At a char boundary of valid UTF-8, such a lead byte always
            // begins a whole three-byte char.)
            for ch in b[i..end].chunks_exact(3) {
                if !(0xe4..=0xe9).contains(&ch[0]) {
                    break;
                }
                let cp = (u32::from(ch[0] & 0x0f) << 12) | (u32::from(ch[1] & 0x3f) << 6) | u32::from(ch[2] & 0x3f);
                f(char::from_u32(cp).unwrap_or('\u{fffd}'), i);
                i += 3;
            }
            let Some(c) = body.get(i..end).and_then(|rest| rest.chars().next()) else { break };
            let at = i;
            i += c.len_utf8();
            let c = match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                _ if c.is_whitespace() || c == '\u{feff}' || c == '\u{c}' => continue,
                _ => c,
            };
            f(c, at);
        }
    }
}

/// The pairs of characters every phrase a matcher looks for starts with
/// (收到/受理/新收, 未发生/未收到…, 没有…, 不存在/不予…, 无因/无法…, 行政…,
/// 予以…, 全部…, 部分…, 其他…): a first character and the seconds that may
/// follow it. Other positions are skipped without trying each matcher. A new
/// phrase needs its first two characters here (`every_phrase_may_start` checks).
const PHRASE_PAIRS: [(char, &[char]); 12] = [
    ('收', &['到']),
    ('受', &['理']),
    ('新', &['收']),
    ('未', &['发', '出', '产', '因', '有', '收']),
    ('没', &['有']),
    ('不', &['存', '予']),
    ('无', &['因', '法']),
    ('行', &['政']),
    ('予', &['以']),
    ('全', &['部']),
    ('部', &['分']),
    ('其', &['他']),
];

/// Whether a phrase can start with these two characters ([`PHRASE_PAIRS`]).
/// Asked only where [`may_start_with`] let the first one through.
fn may_start(first: char, second: char) -> bool {
    PHRASE_PAIRS.iter().any(|&(f, seconds)| f == first && seconds.contains(&second))
}

/// The first characters of [`PHRASE_PAIRS`] as a set of the low 12 bits of
/// their code points: a 512-byte table that rules out most other characters
/// with one lookup.
static FIRST_BITS: [u64; 64] = {
    let mut bits = [0u64; 64];
    let mut k = 0;
    while k < PHRASE_PAIRS.len() {
        let low = PHRASE_PAIRS[k].0 as usize & 0xfff;
        bits[low / 64] |= 1 << (low % 64);
        k += 1;
    }
    bits
};

/// False for a character that begins no phrase (true may still be one that
/// shares the low bits of one that does; [`may_start`] decides).
#[inline]
fn may_start_with(c: char) -> bool {
    let low = c as usize & 0xfff;
    FIRST_BITS[low / 64] & (1 << (low % 64)) != 0
}

/// The most cells a target adds up: the rows of the largest outcome group
/// (（三）不予公开 has eight).
const MAX_TARGET_CELLS: usize = 8;

/// The cells a claim is compared with, and how they are named.
#[derive(Clone, Copy)]
struct Target {
    keys: [CellKey; MAX_TARGET_CELLS],
    len: usize,
    label: TargetLabel,
}

impl Target {
    fn new(label: TargetLabel, keys: impl IntoIterator<Item = CellKey>) -> Target {
        let mut t = Target { keys: [t3_total(T3Row::Total); MAX_TARGET_CELLS], len: 0, label };
        for k in keys.into_iter().take(MAX_TARGET_CELLS) {
            t.keys[t.len] = k;
            t.len += 1;
        }
        t
    }

    fn one(key: CellKey) -> Target {
        Target::new(TargetLabel::Cell(key), [key])
    }

    fn keys(&self) -> &[CellKey] {
        &self.keys[..self.len]
    }
}

/// How a target is named in a finding (the words are built only for a finding).
#[derive(Clone, Copy)]
enum TargetLabel {
    Cell(CellKey),
    /// An outcome group's rows: the group and how many rows.
    Group(T3Group, usize),
    GrantedOrPartially,
}

impl TargetLabel {
    fn text(&self) -> String {
        match *self {
            TargetLabel::Cell(key) => short_cell_label(key).to_string(),
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
    let single = group == T3Group::Other && report.table3.as_ref().is_some_and(|t| t.has_row(T3Row::OtherTotal));
    // （六）其他处理 is either its single row or its sub-rows.
    let rows = || {
        T3Row::ALL.iter().copied().filter(move |r| {
            r.group() == Some(group) && (group != T3Group::Other || (*r == T3Row::OtherTotal) == single)
        })
    };
    let n = rows().count();
    let label = match rows().next() {
        Some(row) if n == 1 => TargetLabel::Cell(t3_total(row)),
        _ => TargetLabel::Group(group, n),
    };
    Target::new(label, rows().map(t3_total))
}

/// The targets of a claim: none, one, or (行政诉讼 of 0) two.
fn targets(report: &Report, kind: ClaimKind, value: i64) -> [Option<Target>; 2] {
    let one = |key: CellKey| [Some(Target::one(key)), None];
    match kind {
        ClaimKind::RequestsReceived => one(t3_total(T3Row::NewReceived)),
        ClaimKind::Punishments => one(CellKey::T2(T2Key { item: T2Item::Punishment, measure: T2Measure::Decisions })),
        ClaimKind::Reviews => one(super::t4_total(T4Group::Review)),
        // A positive number of 行政诉讼 adds two cells up: not tied to one cell.
        ClaimKind::Litigation if value != 0 => [None, None],
        ClaimKind::Litigation => {
            [T4Group::LitigationDirect, T4Group::LitigationAfterReview].map(|g| Some(Target::one(super::t4_total(g))))
        }
        ClaimKind::Granted => one(t3_total(T3Row::Granted)),
        ClaimKind::PartiallyGranted => one(t3_total(T3Row::PartiallyGranted)),
        ClaimKind::GrantedOrPartially => [
            Some(Target::new(
                TargetLabel::GrantedOrPartially,
                [t3_total(T3Row::Granted), t3_total(T3Row::PartiallyGranted)],
            )),
            None,
        ],
        ClaimKind::Withheld => [Some(group_target(report, T3Group::Withheld)), None],
        ClaimKind::Unavailable => [Some(group_target(report, T3Group::Unavailable)), None],
        ClaimKind::NotProcessed => [Some(group_target(report, T3Group::NotProcessed)), None],
        ClaimKind::OtherProcessing => [Some(group_target(report, T3Group::Other)), None],
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
    let (proses, found) = scan(report);
    if found.is_empty() {
        return;
    }
    // The distinct targets, in order of first claim. Targets follow from the
    // claim kinds, so there are at most about a dozen, however many claims.
    let mut groups: Vec<Target> = Vec::with_capacity(8);
    // Per claim, the groups it belongs to.
    let mut member: Vec<[Option<usize>; 2]> = Vec::with_capacity(found.len());
    for f in &found {
        let mut of = [None; 2];
        for (slot, target) in of.iter_mut().zip(targets(report, f.kind, f.value).into_iter().flatten()) {
            let g = match groups.iter().position(|t| t.keys() == target.keys()) {
                Some(g) => g,
                None => {
                    groups.push(target);
                    groups.len() - 1
                }
            };
            *slot = Some(g);
        }
        member.push(of);
    }
    for (g, target) in groups.iter().enumerate() {
        let in_group = || found.iter().zip(&member).filter(move |(_, of)| of.contains(&Some(g))).map(|(f, _)| f);
        let none = Term::with(target.keys[0], None);
        let mut terms = [none; MAX_TARGET_CELLS];
        let mut n = 0;
        for &k in target.keys() {
            let t = Term::of(report, k);
            if t.read != Read::Absent {
                terms[n] = t;
                n += 1;
            }
        }
        let terms = &terms[..n];
        if terms.is_empty()
            || terms.iter().any(|t| t.read == Read::Other)
            || terms.iter().all(|t| t.read == Read::Blank)
        {
            continue;
        }
        let table: i64 = terms.iter().fold(0i64, |acc, t| acc.saturating_add(t.value()));
        // 受理…申请 N 件 often counts last year's carried-over applications too.
        let with_carried = (target.keys() == [t3_total(T3Row::NewReceived)])
            .then(|| Term::of(report, t3_total(T3Row::CarriedOver)))
            .and_then(|t| match t.read {
                Read::Count(n) if n > 0 => Some(table + n),
                _ => None,
            });
        if in_group().any(|c| c.value == table || Some(c.value) == with_carried) {
            continue;
        }
        let mut reported: Vec<i64> = Vec::new();
        for f in in_group() {
            if reported.contains(&f.value) {
                continue;
            }
            reported.push(f.value);
            let claim = f.claim(&proses);
            let first = terms[0];
            let mut finding =
                Finding::new(claim.kind.rule(), section_label(claim.section), first.key, claim.value, Some(table));
            finding.cells = terms.iter().map(|t| t.key).collect();
            finding.span = first.span();
            finding.assumed_blank_zero = terms.iter().filter(|t| t.read == Read::Blank).map(|t| t.key).collect();
            finding.related_span = Some(claim.span);
            finding.message = format!(
                "the text says “{}” (line {}) but {} = {table}",
                claim.text,
                claim.span.line,
                target.label.text()
            );
            finding.arithmetic = if terms.len() == 1 {
                format!("text {} ≠ table {}", claim.value, terms[0].shown())
            } else {
                format!("text {} ≠ table {} = {table}", claim.value, super::sum_of(terms.iter()))
            };
            finding.claim = Some(claim);
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every outcome group's rows fit in a target.
    #[test]
    fn every_group_fits_in_a_target() {
        for g in [T3Group::Withheld, T3Group::Unavailable, T3Group::NotProcessed, T3Group::Other] {
            let rows = T3Row::ALL.iter().filter(|r| r.group() == Some(g)).count();
            assert!(rows <= MAX_TARGET_CELLS, "{g:?}: {rows}");
        }
    }

    /// `contains_any` is `contains` for each word, whatever the range.
    #[test]
    fn contains_any_agrees_with_contains() {
        assert!(NOT_RECEIVED.len() <= MAX_WORDS && NOT_NONE.len() <= MAX_WORDS);
        let body = "收到申请12件，其中上年结转3件，不予公开1件；未发生行政复议。复议纠正";
        let prose = Prose::new(body, Span::default(), SectionKind::Overview);
        let n = prose.chars.len();
        let many: Vec<&str> = NOT_RECEIVED.iter().chain(NOT_NONE).copied().collect(); // over MAX_WORDS
        for words in [NOT_RECEIVED, NOT_NONE, &["申请", "复议", "诉讼", "涉及"][..], &many[..]] {
            for from in 0..=n + 1 {
                for to in 0..=n + 1 {
                    let each = words.iter().any(|w| prose.contains(from, to, w));
                    assert_eq!(prose.contains_any(from, to, words), each, "{from}..{to} {words:?}");
                }
            }
        }
    }

    /// `walk` (ideograph runs decoded three bytes at a time) yields what a
    /// plain walk over `chars()` would: every char with its offset, less
    /// whitespace, U+FEFF and form feeds, full-width digits folded, page-number
    /// lines skipped.
    #[test]
    fn walk_agrees_with_a_char_by_char_walk() {
        fn reference(body: &str) -> Vec<(char, usize)> {
            let mut out = Vec::new();
            let mut start = 0;
            for line in body.split_inclusive('\n') {
                if !crate::parse::markers::is_page_number(line.trim_end()) {
                    for (k, c) in line.char_indices() {
                        let c = match c {
                            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap(),
                            _ if c.is_whitespace() || c == '\u{feff}' || c == '\u{c}' => continue,
                            _ => c,
                        };
                        out.push((c, start + k));
                    }
                }
                start += line.len();
            }
            out
        }
        let mut next = crate::text::xorshift(11);
        let alphabet = [
            "收",
            "到",
            "申",
            "请",
            "１",
            "2",
            "件",
            "。",
            "，",
            "（",
            "\u{3000}",
            " ",
            "\n",
            "\r\n",
            "é",
            "😀",
            "\u{feff}",
            "\u{c}",
            "一",
            "鿿",
            "䀀",
            "- 3 -\n",
            "\t",
            "\u{b}",
            "a",
            "Z",
            "\u{85}",
            "\u{a0}",
            "\u{1680}",
            "\u{2000}",
            "\u{200a}",
            "\u{2028}",
            "\u{202f}",
            "\u{205f}",
            "、",
            "“",
            "—",
            "９",
            "０",
            "Ａ",
            "\u{800}",
            "\u{d7ff}",
            "\u{e000}",
            "\u{fffd}",
            "\u{3fff}",
            "\u{a000}",
            "\u{10ffff}",
            "\r",
        ];
        for len in [0usize, 1, 2, 3, 4, 7, 30, 200] {
            for _ in 0..200 {
                let body: String = (0..len).map(|_| alphabet[(next() % alphabet.len() as u64) as usize]).collect();
                let mut got = Vec::new();
                walk(&body, |c, off| got.push((c, off)));
                assert_eq!(got, reference(&body), "{body:?}");
            }
        }
    }

    /// Each matcher is tried at the first character of every phrase it has,
    /// and the matchers' first characters are those of the phrase pairs.
    #[test]
    fn matchers_know_their_first_characters() {
        let first = |p: &str| p.chars().next().unwrap();
        let phrases: [Vec<&str>; 5] = [
            RECEIVED_TRIGGERS.to_vec(),
            NONE_TRIGGERS.to_vec(),
            vec![CASE_PHRASES[0]],
            CASE_PHRASES[1..].to_vec(),
            OUTCOME_PHRASES.iter().map(|(p, _)| *p).collect(),
        ];
        for (k, list) in phrases.iter().enumerate() {
            for p in list {
                assert_eq!(first_char(p), first(p), "{p}");
                assert!(matchers_for(first(p)) & (1 << k) != 0, "matcher {k}: {p}");
            }
        }
        let (firsts, n) = MATCHER_FIRSTS;
        let mut ours: Vec<char> = firsts[..n].iter().map(|&(c, _)| c).collect();
        let mut pairs: Vec<char> = PHRASE_PAIRS.iter().map(|&(c, _)| c).collect();
        ours.sort_unstable();
        pairs.sort_unstable();
        assert_eq!(ours, pairs);
        assert_eq!(matchers_for('的'), 0);
    }

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
            assert!(may_start_with(a), "{p}");
        }
        // The one-lookup filter lets through every first character of a pair.
        let seconds = "到理收发出产因有存予法政以部分他";
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            if seconds.chars().any(|b| may_start(c, b)) {
                assert!(may_start_with(c), "{c}");
            }
        }
    }
}
