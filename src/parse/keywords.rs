//! A set of keywords found in one pass over a text.
//!
//! Label matching looks for dozens of keywords in every text fragment of
//! every table. An Aho-Corasick DFA driven byte by byte by hand finds all of
//! them, overlapping ones included, at a table lookup per byte, without the
//! per-call setup of the searching iterators.

use aho_corasick::automaton::Automaton;
use aho_corasick::dfa::DFA;
use aho_corasick::automaton::StateID;
use aho_corasick::{Anchored, MatchKind};

pub(crate) struct Keywords {
    dfa: DFA,
    start: StateID,
}

impl Keywords {
    /// Builds the automaton. The patterns are static text of this crate, so
    /// a failure to build is a bug, not an input error.
    pub(crate) fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> Keywords {
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .expect("the static keyword patterns build");
        let start = dfa.start_state(Anchored::No).expect("unanchored search is supported");
        Keywords { dfa, start }
    }

    /// Calls `hit` with the index of each keyword at each place it occurs in `text`.
    #[inline]
    pub(crate) fn scan(&self, text: &str, mut hit: impl FnMut(usize)) {
        let mut sid = self.start;
        for &b in text.as_bytes() {
            sid = self.dfa.next_state(Anchored::No, sid, b);
            if self.dfa.is_special(sid) && self.dfa.is_match(sid) {
                for i in 0..self.dfa.match_len(sid) {
                    hit(self.dfa.match_pattern(sid, i).as_usize());
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hand-driven scan finds what the library's overlapping search finds.
    #[test]
    fn scan_finds_every_overlapping_keyword() {
        let pats = ["本年新收", "新收政府信息", "收", "其他", "其他处理", "七", "总计", "(七)总计", "ab", "b"];
        let ac = aho_corasick::AhoCorasick::new(pats).unwrap();
        let kw = Keywords::new(pats);
        for text in ["一、本年新收政府信息公开申请数量", "(六)其他处理", "(七)总计", "abab", "", "无关文字", "收收"] {
            let mut want: Vec<usize> = ac.find_overlapping_iter(text).map(|m| m.pattern().as_usize()).collect();
            let mut got = Vec::new();
            kw.scan(text, |p| got.push(p));
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "{text:?}");
        }
    }
}
