//! Title and preamble facts: agency, year, statistics period, date, contacts.

use nom::{
    IResult, Parser,
    bytes::complete::take_while_m_n,
    character::complete::{char, space0},
};

use std::sync::LazyLock;

use memchr::memmem;

use crate::report::{Metadata, Text};
use crate::text::{Line, squash, squash_into, trim};

/// Web-page furniture that surrounds a report copied from a site.
pub(crate) fn is_boilerplate(line: &str) -> bool {
    let t = trim(trim(line).trim_start_matches(['•', '·', '●', '*', '-']));
    const STARTS: &[&str] = &[
        "听全文",
        "分享到",
        "来源",
        "扫一扫",
        "相关附件",
        "相关新闻",
        "关注",
        "打印",
        "关闭",
        "字号",
        "【字体",
        "浏览次数",
        "发布时间",
        "发布日期",
        "信息来源",
        "索引号",
        "责任编辑",
        "附件下载",
        "【打印",
        "【关闭",
        "首页",
        "当前位置",
    ];
    t.is_empty() && trim(line) == "-" || STARTS.iter().any(|s| t.starts_with(s)) && t.chars().count() <= 60
}

fn year4(i: &str) -> IResult<&str, u16> {
    let (i, d) = take_while_m_n(4, 4, |c: char| c.is_ascii_digit())(i)?;
    Ok((i, d.parse().unwrap_or(0)))
}

/// The year in `2023年` / `2023 年度` at the start of `s`.
fn year_prefix(s: &str) -> Option<u16> {
    let (_, (y, _, _)) = (year4, space0, char('年')).parse(s).ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

/// Reads metadata from the preamble lines (before section 一) and the tail.
/// `lines` are the lines of `src`.
pub(crate) fn read(src: &str, lines: &[Line<'_>], preamble_end: usize, tail_from: usize) -> Metadata {
    let mut meta = Metadata::default();
    let pre = &lines[..preamble_end.min(lines.len())];
    // Title: the first line that says 报告 with a year, joined with the line before when that holds the agency.
    let mut sq = String::new();
    for (i, l) in pre.iter().enumerate() {
        // A title is short: a long line is told without folding it.
        if l.text.len() > 1024 || !l.text.contains('报') {
            continue;
        }
        sq.clear();
        squash_into(l.text, &mut sq);
        if !(sq.contains("报告") && (sq.contains("年") || sq.contains("政府信息公开"))) || sq.chars().count() > 60
        {
            continue;
        }
        if crate::parse::meta::is_boilerplate(l.text) {
            continue;
        }
        let mut title_lines = vec![l];
        let starts_with_year = year_prefix(&sq).is_some();
        if starts_with_year && let Some(prev) = pre[..i].iter().rev().find(|p| !p.text.trim().is_empty()) {
            let psq = squash(prev.text);
            if psq.chars().count() <= 30 && !is_boilerplate(prev.text) {
                title_lines.insert(0, prev);
            }
        }
        let mut text = String::new();
        let mut joined_sq = String::new();
        for t in &title_lines {
            let clean = t.text.trim().trim_start_matches(['#', '*', ' ']).trim_end_matches(['*', ' ']);
            text.push_str(clean);
            squash_into(clean, &mut joined_sq);
        }
        let first = title_lines[0];
        let mut span = first.span_of(first.text.trim());
        let last = title_lines[title_lines.len() - 1];
        span.end = last.start + last.text.trim_end().len();
        meta.title = Some(Text { text, span });
        // Agency: the text before the year.
        let cs: Vec<(usize, char)> = joined_sq.char_indices().collect();
        for (k, &(pos, c)) in cs.iter().enumerate() {
            if c.is_ascii_digit()
                && let Some(y) = year_prefix(&joined_sq[pos..])
            {
                if k > 0 {
                    meta.agency = Some(joined_sq[..pos].to_owned());
                } else {
                    // 2019年上海市人民政府办公厅政府信息公开工作年度报告: the agency follows the year.
                    let after = joined_sq[pos..].split_once('年').map_or("", |(_, a)| a);
                    let after = after.strip_prefix('度').unwrap_or(after);
                    let end = ["政府信息公开", "信息公开", "年度报告"].iter().filter_map(|m| after.find(m)).min();
                    if let Some(end) = end.filter(|&e| e > 0) {
                        meta.agency = Some(after[..end].to_owned());
                    }
                }
                meta.year = Some(y);
                break;
            }
        }
        break;
    }
    // Period: 2023年1月1日至(2023年)12月31日, most often in the preamble. Only
    // lines with a 31 are tried, found by one search of the whole text (a
    // search per line cost more to start than to run on short lines).
    let scan = |from: usize, to: usize| lines[from.min(lines.len())..to.min(lines.len())].iter();
    let mut tried = usize::MAX;
    for hit in memmem::find_iter(src.as_bytes(), b"31") {
        // The line holding the hit: the last one starting at or before it.
        let k = lines.partition_point(|l| l.start <= hit).saturating_sub(1);
        if k == tried || lines.get(k).is_none_or(|l| hit >= l.start + l.text.len()) {
            continue;
        }
        tried = k;
        if let Some(p) = find_period(&lines[k]) {
            if meta.year.is_none() {
                meta.year = year_prefix(&squash(&p.text));
            }
            meta.period = Some(p);
            break;
        }
    }
    // Contacts, anywhere (preamble first).
    // Contacts: in the preamble, or at the end (after the last heading).
    for l in scan(0, preamble_end).chain(scan(tail_from.max(preamble_end), lines.len())) {
        if !l.text.contains(['址', '话', '编']) {
            continue;
        }
        // Each label holds its key character: a line without it is not searched.
        if meta.address.is_none() && l.text.contains('址') {
            meta.address = after_label(l, &ADDRESS_LABELS, &['；', ';', '，', '。', '）', ')', '\t']);
        }
        if meta.phone.is_none() && l.text.contains('话') {
            meta.phone = after_label(l, &PHONE_LABELS, &['；', ';', '，', '。', '）', ')', '、', '\t', ' ']);
        }
        if meta.postcode.is_none() && l.text.contains('编') {
            meta.postcode = after_label(l, &POSTCODE_LABELS, &['；', ';', '，', '。', '）', ')', '\t', ' ']);
        }
    }
    // Publication date: the last date line in the tail (signature), else a web header date.
    for l in scan(tail_from, lines.len()).rev() {
        let t = trim(l.text);
        // (Folding cannot make a 日; most lines are told without it.)
        if !t.contains('日') {
            continue;
        }
        let sq = squash(t);
        if sq.chars().count() <= 14 && sq.ends_with('日') && year_prefix(&sq).is_some() {
            meta.published = Some(Text { text: t.to_owned(), span: l.span_of(t) });
            break;
        }
    }
    if meta.published.is_none() {
        for l in pre {
            let t = trim(trim(l.text).trim_start_matches(['•', '·']));
            let t = ["发布日期：", "发布日期:", "发布时间：", "发布时间:"]
                .iter()
                .find_map(|p| t.strip_prefix(p))
                .map_or(t, |rest| rest.trim().get(..10).unwrap_or(rest));
            let b = t.as_bytes();
            if t.len() == 10 && b[4] == b'-' && b[7] == b'-' && t[..4].parse::<u16>().is_ok() {
                meta.published = Some(Text { text: t.to_owned(), span: l.span_of(t) });
                break;
            }
        }
    }
    if meta.year.is_none() && meta.agency.is_none() {
        meta.title = meta.title.filter(|_| true);
    }
    meta
}

/// Searchers for a list of words, each built once: a search then costs no
/// setup (these run on the long lines of a preamble).
type Searchers = LazyLock<Vec<memmem::Finder<'static>>>;

fn searchers(words: &[&'static str]) -> Vec<memmem::Finder<'static>> {
    words.iter().map(|w| memmem::Finder::new(w.as_bytes())).collect()
}

static ADDRESS_LABELS: Searchers = LazyLock::new(|| searchers(&["地址：", "地址:", "通讯地址："]));
static PHONE_LABELS: Searchers = LazyLock::new(|| searchers(&["电话：", "电话:", "联系电话：", "电话 "]));
static POSTCODE_LABELS: Searchers = LazyLock::new(|| searchers(&["邮编：", "邮编:", "邮政编码：", "邮政编码:"]));
static PERIOD_ENDS: Searchers = LazyLock::new(|| searchers(&["12月31日", "12 月 31 日", "12月 31日", "12 月31 日"]));

fn find_period(l: &Line<'_>) -> Option<Text> {
    let t = l.text;
    let (end_idx, end_len) =
        PERIOD_ENDS.iter().filter_map(|f| f.find(t.as_bytes()).map(|i| (i, f.needle().len()))).min()?;
    // Walk back to the start year: the last 4-digit year + 年 + 1 月 1 日 before the end.
    let head = &t[..end_idx];
    let mut start = None;
    let mut squashed = String::new();
    // (A year starts with an ASCII digit: other places are not tried.)
    for (i, _) in head.char_indices().filter(|&(_, c)| c.is_ascii_digit()) {
        if let Some(y) = year_prefix(&head[i..]) {
            // Only the next few characters matter (bounded, so the scan stays linear).
            let window = &head[i..head[i..].char_indices().nth(24).map_or(head.len(), |(k, _)| i + k)];
            squashed.clear();
            squash_into(window, &mut squashed);
            // `{y}年1月1日`, compared without formatting it.
            let same_year = squashed.get(..4).and_then(|d| d.parse::<u16>().ok()) == Some(y);
            if same_year && squashed[4..].starts_with("年1月1日") {
                start = Some(i);
            }
        }
    }
    let s = start?;
    let text = &t[s..end_idx + end_len];
    Some(Text { text: text.to_owned(), span: l.span_of(text) })
}

fn after_label(l: &Line<'_>, labels: &[memmem::Finder<'static>], stops: &[char]) -> Option<Text> {
    for lab in labels {
        if let Some(i) = lab.find(l.text.as_bytes()) {
            let rest = &l.text[i + lab.needle().len()..];
            let rest = rest.trim_start();
            let end = rest.find(|c| stops.contains(&c)).unwrap_or(rest.len());
            let v = rest[..end].trim();
            if !v.is_empty() {
                return Some(Text { text: v.to_owned(), span: l.span_of(v) });
            }
        }
    }
    None
}
