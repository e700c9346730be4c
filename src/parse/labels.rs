//! The row labels of tables 2 and 3, and how a piece of (squashed) text is
//! matched to one.
//!
//! Matching is by distinctive keywords rather than whole labels, because real
//! labels are wrapped, misspelt (其他法律行政止公开), renumbered (1、 / 1.) and
//! padded. A text that holds the keywords of two different rows is reported
//! as ambiguous rather than guessed.

use super::keywords::Keywords;
use crate::key::{T2Item, T3Group, T3Row};

/// A table-3 row: the label's core as the template prints it (squashed,
/// without numbering), and keywords any of which identifies the row.
struct T3Label {
    row: T3Row,
    core: &'static str,
    keywords: &'static [&'static str],
}

const T3_LABELS: &[T3Label] = &[
    T3Label {
        row: T3Row::NewReceived, core: "本年新收政府信息公开申请数量", keywords: &["本年新收", "新收政府信息"]
    },
    T3Label {
        row: T3Row::CarriedOver, core: "上年结转政府信息公开申请数量", keywords: &["上年结转"]
    },
    T3Label { row: T3Row::Granted, core: "予以公开", keywords: &["予以公开"] },
    T3Label { row: T3Row::PartiallyGranted, core: "部分公开", keywords: &["部分公开"] },
    T3Label { row: T3Row::WithheldStateSecret, core: "属于国家秘密", keywords: &["国家秘密"] },
    T3Label {
        row: T3Row::WithheldProhibitedByLaw,
        core: "其他法律行政法规禁止公开",
        keywords: &["其他法律", "法规禁止"],
    },
    T3Label {
        row: T3Row::WithheldSecurityStability, core: "三安全一稳定", keywords: &["三安全", "一稳定"]
    },
    T3Label { row: T3Row::WithheldThirdPartyRights, core: "保护第三方合法权益", keywords: &["第三方"] },
    T3Label {
        row: T3Row::WithheldInternalAffairs, core: "属于三类内部事务信息", keywords: &["内部事务"]
    },
    T3Label { row: T3Row::WithheldProcessInfo, core: "属于四类过程性信息", keywords: &["过程性"] },
    T3Label { row: T3Row::WithheldEnforcementFile, core: "属于行政执法案卷", keywords: &["执法案卷"] },
    T3Label {
        row: T3Row::WithheldAdministrativeQuery, core: "属于行政查询事项", keywords: &["行政查询", "查询事项"]
    },
    T3Label { row: T3Row::UnavailableNotHeld, core: "本机关不掌握相关政府信息", keywords: &["不掌握"] },
    T3Label {
        row: T3Row::UnavailableNeedsCreation,
        core: "没有现成信息需要另行制作",
        keywords: &["现成信息", "另行制作"],
    },
    T3Label {
        row: T3Row::UnavailableUnclear, core: "补正后申请内容仍不明确", keywords: &["补正后", "仍不明确"]
    },
    T3Label {
        row: T3Row::NotProcessedPetition, core: "信访举报投诉类申请", keywords: &["信访", "举报投诉"]
    },
    T3Label { row: T3Row::NotProcessedDuplicate, core: "重复申请", keywords: &["重复申请"] },
    T3Label { row: T3Row::NotProcessedPublication, core: "要求提供公开出版物", keywords: &["出版物"] },
    T3Label {
        row: T3Row::NotProcessedExcessive, core: "无正当理由大量反复申请", keywords: &["大量反复"]
    },
    T3Label {
        row: T3Row::NotProcessedConfirmation,
        core: "要求行政机关确认或重新出具已获取信息",
        keywords: &["确认或重新", "重新出具"],
    },
    T3Label {
        row: T3Row::OtherNoCorrection,
        core: "申请人无正当理由逾期不补正",
        keywords: &["逾期不补正", "无正当理由逾期"],
    },
    T3Label {
        row: T3Row::OtherUnpaidFee,
        core: "申请人逾期未按收费通知要求缴纳费用",
        keywords: &["收费通知", "缴纳费用"],
    },
    T3Label {
        row: T3Row::CarriedForward,
        core: "结转下年度继续办理",
        keywords: &["结转下年", "结转下一年", "继续办理"],
    },
];

/// The template wording of a row's label (squashed, without numbering), if it has one here.
pub(crate) fn t3_core(row: T3Row) -> Option<&'static str> {
    T3_LABELS.iter().find(|l| l.row == row).map(|l| l.core)
}

/// What a piece of table-3 text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum T3Text {
    /// A row label; `variant` when matched by keyword but not by the template wording.
    Row { row: T3Row, variant: bool },
    /// An outcome group label （三）不予公开…; （六）其他处理 may also be a row.
    Group(T3Group),
    /// 三、本年度办理结果.
    OutcomeHeader,
    /// Holds the keywords of two rows.
    Ambiguous(T3Row, T3Row),
    /// Anything else: headers, notes, wrapped fragments.
    Other,
}

/// Matches squashed text against the table-3 labels. `group` is the outcome
/// group the reader is in (for the bare 3.其他 row); `after_rows` says whether
/// any row was seen (a bare 总计 before that is the column header).
#[cfg(test)]
pub(crate) fn classify_t3(sq: &str, group: Option<T3Group>, after_rows: bool) -> T3Text {
    classify_t3_ctx(sq, group, after_rows).0
}

/// Classifies raw (unsquashed) table-3 text, leaving its squashed form in
/// `sq`. Answers are remembered per thread (see [`memoized`]), with the
/// reading context (`group`, `after_rows`) when they depend on it.
pub(crate) fn classify_t3_raw(raw: &str, group: Option<T3Group>, after_rows: bool, sq: &mut String) -> T3Text {
    thread_local! {
        static MEMO: RefCell<Memo<T3Text>> = RefCell::new(Memo::default());
    }
    let ctx = group.map_or(0, |g| g.index() as u8 + 1) * 2 + u8::from(after_rows);
    memoized(&MEMO, raw, ctx, sq, |sq| classify_t3_ctx(sq, group, after_rows))
}

/// Classifies raw (unsquashed) table-2 text, leaving its squashed form in `sq`
/// (remembered per thread, see [`memoized`]).
pub(crate) fn classify_t2_raw(raw: &str, sq: &mut String) -> T2Text {
    thread_local! {
        static MEMO: RefCell<Memo<T2Text>> = RefCell::new(Memo::default());
    }
    memoized(&MEMO, raw, 0, sq, |sq| (classify_t2(sq), true))
}

use std::cell::RefCell;

/// Label answers by raw text, per thread: a two-way set-associative cache.
/// Each text has two slots, picked by a hash of its bytes; a text found in
/// neither is classified afresh and takes one of them. Nothing chains, so no
/// input can make a lookup cost more than hashing and comparing its own text
/// twice.
pub(crate) struct Memo<V> {
    slots: Vec<Option<MemoEntry<V>>>,
}

/// A remembered text: the squashed text (`None` when it is the raw text),
/// the answer, and the reading context it was given in when it depends on
/// one (`None`: it holds in every context).
struct MemoEntry<V> {
    raw: Box<str>,
    squashed: Option<Box<str>>,
    answer: V,
    ctx: Option<u8>,
}

impl<V> Default for Memo<V> {
    fn default() -> Self {
        Memo { slots: Vec::new() }
    }
}

/// Slots of a memo: a few hundred reports' worth of distinct labels.
const MEMO_BITS: u32 = 10;

/// The slot of a text: a multiplicative hash over its bytes, eight at a time.
fn memo_slot(raw: &str) -> usize {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let b = raw.as_bytes();
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(5) ^ crate::text::swar::load(c)).wrapping_mul(K);
    }
    // The tail: the last eight bytes, overlapping the words before (no copy);
    // a text shorter than a word is read byte by byte.
    let last = match b.len() {
        0 => 0,
        n if n >= 8 => crate::text::swar::load(&b[n - 8..]),
        _ => chunks.remainder().iter().rev().fold(0u64, |w, &c| (w << 8) | u64::from(c)),
    };
    h = (h.rotate_left(5) ^ last).wrapping_mul(K);
    (h >> (64 - MEMO_BITS)) as usize
}

/// Squashes `raw` into `sq` and classifies it, remembering the result per
/// thread ([`Memo`]): the same labels and headers recur in every report, and
/// a lookup costs a fraction of the folding and matching. `classify` answers
/// and says whether the answer holds in every reading context; one that does
/// not is remembered with `ctx`, the context it was given in, and worked out
/// again in another. Answers are the same with or without the memo.
fn memoized<V: Copy + 'static>(
    memo: &'static std::thread::LocalKey<RefCell<Memo<V>>>,
    raw: &str,
    ctx: u8,
    sq: &mut String,
    classify: impl FnOnce(&str) -> (V, bool),
) -> V {
    /// Longer texts (notes, prose) do not recur: not remembered. (A table
    /// note or a PDF header line joined from its fragments fits.)
    const MAX_KEY: usize = 320;
    let squash = |sq: &mut String| {
        sq.clear();
        crate::text::squash_into(raw, sq);
    };
    if raw.len() > MAX_KEY {
        squash(sq);
        return classify(sq).0;
    }
    // Two ways per text: two texts whose hashes meet, or one text read in
    // two contexts (总计 as a header and as a row), do not evict each other
    // on every report.
    let pair = memo_slot(raw) & !1;
    let ways = [pair, pair + 1];
    // (`try_with`: run by another thread-local's destructor after the memo is
    // gone, the text is classified afresh instead of panicking.)
    let hit = memo.try_with(|memo| {
        let memo = memo.borrow();
        let e = ways
            .into_iter()
            .find_map(|w| memo.slots.get(w)?.as_ref().filter(|e| &*e.raw == raw && e.ctx.is_none_or(|c| c == ctx)))?;
        sq.clear();
        sq.push_str(e.squashed.as_deref().unwrap_or(raw));
        Some(e.answer)
    });
    if let Ok(Some(answer)) = hit {
        return answer;
    }
    squash(sq);
    let (answer, context_free) = classify(sq);
    let _ = memo.try_with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.slots.is_empty() {
            memo.slots.resize_with(1 << MEMO_BITS, || None);
        }
        let squashed = (sq.as_str() != raw).then(|| Box::from(sq.as_str()));
        let ctx = (!context_free).then_some(ctx);
        // The new entry takes an empty way, else one that holds another
        // text (the same text in another context stays), else the first.
        let holds_raw = |w: usize| memo.slots[w].as_ref().is_some_and(|e| &*e.raw == raw);
        let victim = ways
            .into_iter()
            .find(|&w| memo.slots[w].is_none())
            .or_else(|| ways.into_iter().find(|&w| !holds_raw(w)))
            .unwrap_or(pair);
        memo.slots[victim] = Some(MemoEntry { raw: Box::from(raw), squashed, answer, ctx });
    });
    answer
}

/// [`classify_t3`], and whether the answer is the same in every reading context.
fn classify_t3_ctx(sq: &str, group: Option<T3Group>, after_rows: bool) -> (T3Text, bool) {
    let hits = t3_hits(sq);
    let mut found: Option<(T3Row, bool)> = None;
    let mut bits = hits.labels;
    while bits != 0 {
        let i = bits.trailing_zeros() as usize;
        bits &= bits - 1;
        let l = &T3_LABELS[i];
        let exact = hits.cores & (1 << i) != 0;
        match found {
            None => found = Some((l.row, exact)),
            Some((r, e)) if r != l.row => {
                // Two rows: the one whose full wording is present wins; else ambiguous.
                if exact && !e {
                    found = Some((l.row, exact));
                } else if exact == e {
                    return (T3Text::Ambiguous(r, l.row), true);
                }
            }
            _ => {}
        }
    }
    if let Some((row, exact)) = found {
        return (T3Text::Row { row, variant: !exact }, true);
    }
    if let Some(row) = prefix_of_one_core(sq) {
        // A label wrapped before its keyword was complete (确认或重 | 新出具…).
        return (T3Text::Row { row, variant: true }, true);
    }
    // A bare 总计 is the total row only after the rows began (before, it is
    // the column header); a bare 其他 is 3.其他 only inside （六）.
    let short_total = hits.has(Extra::Total) && crate::text::char_count(sq) <= 8;
    let mut context_free = !short_total || hits.has(Extra::Seven);
    if short_total && (hits.has(Extra::Seven) || after_rows) {
        return (T3Text::Row { row: T3Row::Total, variant: !hits.has(Extra::Seven) }, context_free);
    }
    if hits.has(Extra::OtherHandling) || sq == "(六)其他" || sq == "六)其他" {
        return (T3Text::Group(T3Group::Other), context_free);
    }
    let bare_other = sq.ends_with("其他") && crate::text::char_count(sq) <= 6;
    context_free &= !bare_other || sq.starts_with('3');
    if bare_other && (group == Some(T3Group::Other) || sq.starts_with('3')) {
        return (T3Text::Row { row: T3Row::OtherOther, variant: !sq.starts_with('3') }, context_free);
    }
    if hits.has(Extra::Outcome) {
        return (T3Text::OutcomeHeader, context_free);
    }
    for (e, g) in [
        (Extra::Withheld, T3Group::Withheld),
        (Extra::Unavailable, T3Group::Unavailable),
        (Extra::NotProcessed, T3Group::NotProcessed),
    ] {
        if hits.has(e) {
            return (T3Text::Group(g), context_free);
        }
    }
    (T3Text::Other, context_free)
}

/// Words other than row keywords that table-3 matching looks for.
#[derive(Clone, Copy)]
enum Extra {
    Total,
    Seven,
    OtherHandling,
    Outcome,
    Withheld,
    Unavailable,
    NotProcessed,
}

const EXTRA_WORDS: [(&str, Extra); 7] = [
    ("总计", Extra::Total),
    ("七", Extra::Seven),
    ("其他处理", Extra::OtherHandling),
    ("办理结果", Extra::Outcome),
    ("不予公开", Extra::Withheld),
    ("无法提供", Extra::Unavailable),
    ("不予处理", Extra::NotProcessed),
];

/// Which keywords a text holds: bit `i` of `labels` for a keyword of
/// `T3_LABELS[i]`, of `cores` for its whole wording, and the extra words.
struct Hits {
    labels: u32,
    cores: u32,
    extra: u32,
}

impl Hits {
    fn has(&self, e: Extra) -> bool {
        self.extra & (1 << e as u32) != 0
    }
}

/// What a table-3 keyword pattern stands for.
#[derive(Clone, Copy)]
enum T3Pattern {
    Keyword(u32),
    Core(u32),
    Extra(u32),
}

/// One pass of a multi-pattern automaton over the text finds every keyword
/// and every label's whole wording (classification runs for every text
/// fragment of every table 3, so a `contains` per keyword would dominate the parse).
fn t3_hits(sq: &str) -> Hits {
    use std::sync::OnceLock;
    static KW: OnceLock<(Keywords, Vec<T3Pattern>)> = OnceLock::new();
    let (kw, targets) = KW.get_or_init(|| {
        let mut pats: Vec<&'static str> = Vec::new();
        let mut targets = Vec::new();
        for (i, l) in T3_LABELS.iter().enumerate() {
            for k in l.keywords {
                pats.push(k);
                targets.push(T3Pattern::Keyword(i as u32));
            }
            pats.push(l.core);
            targets.push(T3Pattern::Core(i as u32));
        }
        for (w, e) in EXTRA_WORDS {
            pats.push(w);
            targets.push(T3Pattern::Extra(e as u32));
        }
        (Keywords::new(pats), targets)
    });
    let mut hits = Hits { labels: 0, cores: 0, extra: 0 };
    kw.scan(sq, |p| match targets[p] {
        T3Pattern::Keyword(i) => hits.labels |= 1 << i,
        // The whole wording holds a keyword of the row, so a core is a label hit too.
        T3Pattern::Core(i) => {
            hits.cores |= 1 << i;
            hits.labels |= 1 << i;
        }
        T3Pattern::Extra(e) => hits.extra |= 1 << e,
    });
    hits
}

/// The row whose template wording starts with `sq` (numbering removed), when
/// exactly one does and at least six characters are there to tell.
fn prefix_of_one_core(sq: &str) -> Option<T3Row> {
    let rest = sq.trim_start_matches(|c: char| {
        c.is_ascii_digit()
            || matches!(c, '、' | '.' | '．' | '(' | ')' | '（' | '）' | '一' | '二' | '三' | '四' | '五' | '六' | '七')
    });
    // Six characters are at least six bytes; count them only when that could be enough.
    if rest.len() < 6 || crate::text::char_count(rest) < 6 {
        return None;
    }
    let head = |s: &str| -> [u8; 3] {
        let b = s.as_bytes();
        [b[0], b[1], b[2]]
    };
    let first = head(rest);
    let mut hit = None;
    for l in T3_LABELS {
        // The first bytes reject almost every core before a full comparison.
        if head(l.core) == first && l.core.starts_with(rest) {
            if hit.is_some_and(|h| h != l.row) {
                return None;
            }
            hit = Some(l.row);
        }
    }
    hit
}

/// What a piece of table-2 text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum T2Text {
    /// A row label.
    Row(T2Item),
    /// 第二十条第（X）项: the start of a block.
    Block,
    /// A column header; `2019`/`2021` say which template's wording it is.
    Header { y2019: bool, y2021: bool },
    /// Anything else.
    Other,
}

/// Matches squashed text against the table-2 labels.
pub(crate) fn classify_t2(sq: &str) -> T2Text {
    use std::sync::OnceLock;
    // 二十条 without 第 is seen in the wild.
    const BLOCK: [&str; 2] = ["二十条", "二十一条"];
    const Y2019: [&str; 8] =
        ["新制作", "新公开数量", "对外公开总数", "上一年项目", "增/减", "增减", "采购项目数量", "采购总金额"];
    const Y2021: [&str; 6] = ["制发件数", "废止件数", "现行有效", "止件数", "收费金额", "本年处理决定"];
    const HEADER: &str = "信息内容";
    // In priority order: the first row keyword found (in this order) names the row.
    const ROWS: [(&str, T2Item); 8] = [
        ("规范性文件", T2Item::NormativeDocuments),
        ("规章", T2Item::Regulations),
        ("其他对外管理服务", T2Item::OtherServices),
        ("行政许可", T2Item::Licensing),
        ("行政处罚", T2Item::Punishment),
        ("行政强制", T2Item::Enforcement),
        ("事业性收费", T2Item::Fees),
        ("集中采购", T2Item::Procurement),
    ];
    // Pattern ids: blocks, then 2019 words, 2021 words, the header word, rows.
    static KW: OnceLock<Keywords> = OnceLock::new();
    let kw = KW.get_or_init(|| {
        Keywords::new(
            BLOCK.iter().chain(&Y2019).chain(&Y2021).chain([&HEADER]).chain(ROWS.iter().map(|r| &r.0)).copied(),
        )
    });
    let (b, y19, y21) = (BLOCK.len(), BLOCK.len() + Y2019.len(), BLOCK.len() + Y2019.len() + Y2021.len());
    let (mut block, mut y2019, mut y2021, mut header, mut rows) = (false, false, false, false, 0u32);
    kw.scan(sq, |p| match p {
        p if p < b => block = true,
        p if p < y19 => y2019 = true,
        p if p < y21 => y2021 = true,
        p if p == y21 => header = true,
        p => rows |= 1 << (p - y21 - 1),
    });
    if block {
        return T2Text::Block;
    }
    if y2019 || y2021 || header {
        return T2Text::Header { y2019, y2021 };
    }
    for (i, (kw, item)) in ROWS.iter().enumerate() {
        if rows & (1 << i) != 0 && sq.chars().count() <= kw.chars().count() + 8 {
            return T2Text::Row(*item);
        }
    }
    T2Text::Other
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::squash;

    fn c(s: &str) -> T3Text {
        classify_t3(&squash(s), None, true)
    }

    #[test]
    fn t3_rows() {
        assert_eq!(c("一、本年新收政府信息公开申请数量"), T3Text::Row { row: T3Row::NewReceived, variant: false });
        assert_eq!(c("2.其他法律行政止公开"), T3Text::Row { row: T3Row::WithheldProhibitedByLaw, variant: true });
        assert_eq!(
            c("（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
            T3Text::Row { row: T3Row::PartiallyGranted, variant: false }
        );
        assert_eq!(c("4.无正当理由大量反复 申请"), T3Text::Row { row: T3Row::NotProcessedExcessive, variant: false });
        assert_eq!(c("四、结转下一年度继续办理").clone(), T3Text::Row { row: T3Row::CarriedForward, variant: true });
        assert_eq!(c("（七）总计"), T3Text::Row { row: T3Row::Total, variant: false });
        assert_eq!(classify_t3("总计", None, false), T3Text::Other);
        assert_eq!(c("（六）其他处理"), T3Text::Group(T3Group::Other));
        assert_eq!(c("3.其他"), T3Text::Row { row: T3Row::OtherOther, variant: false });
        assert_eq!(c("三 、本 年 度办 理 结果"), T3Text::OutcomeHeader);
        assert!(matches!(c("本年新收 上年结转"), T3Text::Ambiguous(..)));
        assert_eq!(c("5. 要求行政机关确认或重"), T3Text::Row { row: T3Row::NotProcessedConfirmation, variant: true });
        assert_eq!(c("属于"), T3Text::Other);
    }

    /// The memo answers what classification answers, in every context, on first and later calls.
    #[test]
    fn memo_answers_like_classification() {
        let texts = [
            "（一）予以公开",
            "总计",
            "（七）总计",
            "其他",
            "3.其他",
            "（六）其他处理",
            "自然人",
            "法人或其他组织",
            "三 、本 年 度办 理 结果",
            "本年新收 上年结转",
            "5. 要求行政机关确认或重",
            "属于",
            "",
        ];
        let contexts = [(None, false), (None, true), (Some(T3Group::Other), true), (Some(T3Group::Withheld), true)];
        let mut sq = String::new();
        for _ in 0..2 {
            for t in texts {
                for (g, after) in contexts {
                    let got = classify_t3_raw(t, g, after, &mut sq);
                    assert_eq!(sq, squash(t), "{t:?}");
                    assert_eq!(got, classify_t3(&squash(t), g, after), "{t:?} {g:?} {after}");
                }
            }
        }
    }

    /// More texts than slots: evicted and colliding texts are answered afresh, and right.
    #[test]
    fn memo_survives_eviction() {
        let mut sq = String::new();
        for round in 0..2 {
            for i in 0..3000 {
                let t = if i % 3 == 0 { format!("{i}.属于国家秘密") } else { format!("注{i}其他") };
                let want = classify_t3(&squash(&t), Some(T3Group::Other), true);
                assert_eq!(classify_t3_raw(&t, Some(T3Group::Other), true, &mut sq), want, "{t} round {round}");
                assert_eq!(sq, squash(&t));
            }
        }
    }

    #[test]
    fn t2_rows() {
        assert_eq!(classify_t2("规章"), T2Text::Row(T2Item::Regulations));
        assert_eq!(classify_t2("行政规范性文件"), T2Text::Row(T2Item::NormativeDocuments));
        assert_eq!(classify_t2("第二十条第(一)项"), T2Text::Block);
        assert!(matches!(classify_t2("本年度止件数"), T2Text::Header { y2021: true, .. }));
        assert!(matches!(classify_t2("本年新制作数量"), T2Text::Header { y2019: true, .. }));
    }
}
